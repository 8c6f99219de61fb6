// layout.mjs: what a page does as it loads and as it prints, in headless
// Chromium from file://: no layout shift while it loads (the sum of the
// layout-shift entries, buffered, without input, at 375 and 1280 px: 0),
// and in print every link to a page of the site shows its address under
// BASE_URL, absolute, never the relative path.
//
//   node layout.mjs SITE BASE_URL PAGE...
//
// Prints "PASS: name" / "FAIL: name" lines; exits 1 when anything failed.
import { reporter, withChromium } from "./chromium.mjs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const { report, failures } = reporter("site/layout");

const [site, base, ...pages] = process.argv.slice(2);
let printed = 0;

await withChromium(async (context) => {
	if (!site || !base || pages.length === 0)
		throw new Error("usage: node layout.mjs SITE BASE_URL PAGE...");
	for (const p of pages) {
		const href = pathToFileURL(join(resolve(site), p)).href;
		for (const width of [375, 1280]) {
			// a fresh tab each time: nothing cached, nothing remembered
			const tab = await context.newPage();
			await tab.route(/^(?!file:)/, (route) => route.abort());
			await tab.setViewportSize({ width, height: 900 });
			await tab.goto(href, { waitUntil: "load" });
			await tab.waitForTimeout(500);
			const shifts = await tab.evaluate(() => new Promise((done) => {
				const list = [];
				new PerformanceObserver((l) => {
					for (const e of l.getEntries())
						if (!e.hadRecentInput)
							list.push({ value: e.value, sources: (e.sources || []).map((s) =>
								s.node ? (s.node.className || s.node.nodeName) : "?") });
				}).observe({ type: "layout-shift", buffered: true });
				setTimeout(() => done(list), 300);
			}));
			const cls = shifts.reduce((sum, e) => sum + e.value, 0);
			report(cls === 0, `no-layout-shift/${width}/${p}`,
				`CLS ${cls.toFixed(4)}: ` + shifts.map((e) => `${e.value.toFixed(4)} ${e.sources.join(",")}`).join("; "));
			await tab.close();
		}
		// the printed page: links to the site's pages as absolute addresses
		const tab = await context.newPage();
		await tab.route(/^(?!file:)/, (route) => route.abort());
		await tab.goto(href, { waitUntil: "load" });
		await tab.emulateMedia({ media: "print" });
		const links = await tab.evaluate(() => Array.from(document.querySelectorAll("main a[href]"))
			.filter((a) => !/^(#|tel:|mailto:)/.test(a.getAttribute("href")) && a.offsetParent !== null)
			.map((a) => ({ href: a.getAttribute("href"), after: getComputedStyle(a, "::after").content })));
		const bad = links.filter((l) => !/^https?:/.test(l.href) && !l.after.includes(base));
		const relative = links.filter((l) => /\.\.\/|"\s*\((?!https?:)/.test(l.after));
		printed += links.length;
		report(bad.length === 0 && relative.length === 0, `print-absolute-links/${p}`,
			`${links.length} links; ` + bad.concat(relative).slice(0, 5).map((l) => `${l.href} -> ${l.after}`).join("\n"));
		await tab.close();
	}
	report(printed > 0, "print-links-seen", "no link printed on any page");
}, report);
process.exit(failures() ? 1 : 0);
