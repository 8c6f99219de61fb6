// tables.mjs: pages with Markdown tables in a real browser (Debian's
// chromium driven by playwright-core): no sideways scrolling at 320 and
// 375 px, in normal and large type (photos within the width, at their
// proportions); the rows as cards there, each cell
// showing its column's name; a plain table with right-aligned numbers at
// 1280 px; axe-core's WCAG 2.1 A and AA rules at 320 and 1280 px.
//
//   node tables.mjs SITE PAGE...
//
// Prints "PASS: tables/browser/..." / "FAIL: ..." lines; exits 1 on a failure.
import { reporter, withChromium } from "./chromium.mjs";
import { existsSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const { report, failures } = reporter("tables/browser");

const here = dirname(fileURLToPath(import.meta.url));
const axePath = join(here, "node_modules", "axe-core", "axe.min.js");
const [site, ...pages] = process.argv.slice(2);

const url = (page) => pathToFileURL(join(resolve(site), page)).href;

async function axe(page) {
	await page.addScriptTag({ path: axePath });
	return page.evaluate(async () => {
		const r = await window.axe.run(document, {
			runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
			resultTypes: ["violations"],
		});
		return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
			v.nodes.slice(0, 3).map((n) => "  " + n.target.join(" ")).join("\n"));
	});
}

// how wide the page is, and the widest table box, against the window
const measure = () => ({
	scroll: document.documentElement.scrollWidth,
	inner: window.innerWidth,
	table: Math.max(0, ...[...document.querySelectorAll(".md-table table")]
		.map((t) => t.getBoundingClientRect().right)),
	// photos: their right edge, and whether each is drawn at its
	// proportions (width / height as its attributes say)
	img: Math.max(0, ...[...document.querySelectorAll(".body img")]
		.map((i) => i.getBoundingClientRect().right)),
	imgShape: [...document.querySelectorAll(".body img")].every((i) => {
		const r = i.getBoundingClientRect();
		return Math.abs(r.width / r.height - i.width / i.height) < 0.02;
	}),
	display: getComputedStyle(document.querySelector(".md-table table")).display,
	label: getComputedStyle(document.querySelector(".md-table td[data-label]"), "::before").content,
	numAlign: getComputedStyle(document.querySelector(".md-table td.num")).textAlign,
});

await withChromium(async (context) => {
	if (!site || pages.length === 0)
		throw new Error("usage: node tables.mjs SITE PAGE...");
	if (!existsSync(axePath))
		throw new Error("axe-core is not installed: run npm ci in tests/site");
	const page = await context.newPage();
	await page.route(/^(?!file:)/, (route) => route.abort());
	for (const p of pages) {
		for (const width of [320, 375]) {
			for (const large of [false, true]) {
				await page.setViewportSize({ width, height: 800 });
				await page.goto(url(p));
				if (large)
					await page.evaluate(() => document.documentElement.classList.add("large"));
				const m = await page.evaluate(measure);
				const name = `${width}${large ? "/large" : ""}/${p}`;
				report(m.scroll <= m.inner && m.table <= m.inner &&
					m.img <= m.inner && m.imgShape, `no-scroll-${name}`,
					JSON.stringify(m));
				report(m.display === "block" && /：/.test(m.label), `cards-${name}`,
					JSON.stringify(m));
			}
		}
		await page.setViewportSize({ width: 1280, height: 900 });
		await page.goto(url(p));
		const wide = await page.evaluate(measure);
		report(wide.display === "table" && wide.numAlign === "right" &&
			wide.label === "none" && wide.scroll <= wide.inner, `table-1280/${p}`,
			JSON.stringify(wide));
		for (const width of [320, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(url(p));
			const v = await axe(page);
			report(v.length === 0, `axe/${width}/${p}`, v.join("\n"));
		}
	}
}, report);
process.exit(failures() ? 1 : 0);
