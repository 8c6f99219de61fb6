// browser.mjs: the site in a real browser (Debian's chromium driven by
// playwright-core): axe-core's WCAG 2.1 A and AA rules at 375 and 1280 px,
// no horizontal scrolling at 320 px, every date of a list (its meta line, a
// <time>, an issue to fix) on one line at 320 and 375 px in normal and large type, every
// short table cell (a name, a number, a date: up to 8 characters) on one
// line at 375 and 1280 px where the table is drawn as a table,
// large-type and high-contrast modes
// switched and remembered, the assessment's ranking sorted by a column (and
// in rank order without scripts), search working from file://, and
// following a link from a page opened through file://, and the 404 page
// both from file:// and served in place of a missing address deep in the site.
//
//   node browser.mjs SITE PAGE...
//
// Prints "PASS: name" / "FAIL: name" lines; exits 1 when anything failed.
import { brokenDates, reporter, withChromium, wrappedShortCells } from "./chromium.mjs";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const { report, failures } = reporter("site/browser");

const here = dirname(fileURLToPath(import.meta.url));
const axePath = join(here, "node_modules", "axe-core", "axe.min.js");
const [site, ...pages] = process.argv.slice(2);

function url(page) {
	return pathToFileURL(join(resolve(site), page)).href;
}

async function axe(page) {
	await page.addScriptTag({ path: axePath });
	return page.evaluate(async () => {
		const r = await window.axe.run(document, {
			runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
			resultTypes: ["violations"],
		});
		return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
			v.nodes.slice(0, 3).map((n) => "  " + n.target.join(" ") + "  " + n.failureSummary.replace(/\n/g, " ")).join("\n"));
	});
}

await withChromium(async (context) => {
	if (!site || pages.length === 0)
		throw new Error("usage: node browser.mjs SITE PAGE...");
	if (!existsSync(axePath))
		throw new Error("axe-core is not installed: run npm ci in tests/site");
	const page = await context.newPage();
	// no address outside file:// is ever asked for
	await page.route(/^(?!file:)/, (route) => route.abort());

	for (const p of pages) {
		for (const width of [375, 1280]) {
			await page.setViewportSize({ width, height: 900 });
			await page.goto(url(p));
			const v = await axe(page);
			report(v.length === 0, `axe/${width}/${p}`, v.join("\n"));
			const wrapped = await page.evaluate(wrappedShortCells);
			report(wrapped.length === 0, `short-cells-on-one-line/${width}/${p}`,
				wrapped.slice(0, 8).join("\n"));
		}
		await page.setViewportSize({ width: 320, height: 800 });
		await page.goto(url(p));
		const sw = await page.evaluate(() => document.documentElement.scrollWidth);
		report(sw <= 320, `no-scroll-320/${p}`, `scrollWidth ${sw}`);
		// a date in a list is never broken across lines ("2026年11月19" / "日")
		for (const width of [320, 375]) {
			await page.setViewportSize({ width, height: 800 });
			for (const large of [false, true]) {
				await page.evaluate((on) => document.documentElement.classList.toggle("large", on), large);
				const broken = await page.evaluate(brokenDates, "li .meta, li time, td time, dd time, .issues li");
				report(broken.length === 0, `dates-on-one-line/${width}${large ? "/large" : ""}/${p}`,
					broken.slice(0, 5).join("\n"));
			}
		}
	}

	// large type and high contrast: switched by the buttons, remembered
	const village = pages.find((p) => p.endsWith("/index.html") && p.split("/").length === 3) || pages[0];
	await page.setViewportSize({ width: 375, height: 900 });
	await page.goto(url(village));
	const fontBefore = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
	await page.click("button[data-pref=large]");
	await page.click("button[data-pref=contrast]");
	await page.reload();
	const state = await page.evaluate(() => ({
		classes: document.documentElement.className,
		font: parseFloat(getComputedStyle(document.body).fontSize),
		pressed: document.querySelector("button[data-pref=large]").getAttribute("aria-pressed"),
	}));
	report(fontBefore >= 18, "body-font-at-least-18px", `body font ${fontBefore}px`);
	report(state.classes.includes("large") && state.classes.includes("contrast") &&
		state.pressed === "true", "modes-remembered", JSON.stringify(state));
	report(state.font >= 24, "large-type-at-least-24px", `large font ${state.font}px`);
	for (const width of [375, 1280]) {
		await page.setViewportSize({ width, height: 900 });
		const v = await axe(page);
		report(v.length === 0, `axe/${width}/large-contrast/${village}`, v.join("\n"));
	}
	await page.setViewportSize({ width: 320, height: 800 });
	const sw = await page.evaluate(() => document.documentElement.scrollWidth);
	report(sw <= 320, `no-scroll-320/large/${village}`, `scrollWidth ${sw}`);
	await page.click("button[data-pref=large]");
	await page.click("button[data-pref=contrast]");

	// the ranking sorts by a column when its header is pressed; without the
	// script it is a plain table in rank order
	const dashboard = pages.find((p) => p === "assessment/index.html");
	if (dashboard) {
		await page.setViewportSize({ width: 1280, height: 900 });
		await page.goto(url(dashboard));
		const firstVillage = () => page.locator("table.sortable").first()
			.locator("tbody tr").first().locator("th").innerText();
		const before = await firstVillage();
		const total = page.locator("table.sortable").first().locator("thead th", { hasText: "总分" }).locator("button");
		await total.click();   // best first
		const best = await firstVillage();
		await total.click();   // worst first
		const worst = await firstVillage();
		const sortState = await page.locator("table.sortable").first().locator("thead th", { hasText: "总分" }).getAttribute("aria-sort");
		await page.locator("table.sortable").first().locator("thead th", { hasText: "名次" }).locator("button").click();
		const back = await firstVillage();
		report(best === before && worst !== before && sortState === "ascending" && back === before,
			"sort-ranking", JSON.stringify({ before, best, worst, sortState, back }));
		const js = await context.newPage();
		await js.route(/\.js$/, (route) => route.abort());
		await js.goto(url(dashboard));
		const plain = await js.locator("table.sortable tbody tr").first().locator("th").innerText();
		const buttons = await js.locator("table.sortable thead button").count();
		report(plain === before && buttons === 0, "ranking-without-script",
			JSON.stringify({ plain, buttons }));
		await js.close();
	}

	// following a link through file://: a record page, its village crumb
	const record = pages.find((p) => p.split("/").length === 3 && !p.endsWith("index.html"));
	if (record) {
		await page.goto(url(record));
		const link = page.locator("nav.crumbs li:last-child a");
		await Promise.all([page.waitForURL(/index\.html$/), link.click()]);
		const h1 = await page.locator("h1").innerText();
		report(page.url().startsWith("file://") && h1.length > 0,
			"file-navigation", `${page.url()} h1=${h1}`);
	} else {
		report(false, "file-navigation", "no record page in the sample");
	}

	// search from file://: the index loads by script tags
	await page.goto(url("search.html") + "?q=" + encodeURIComponent("低保"));
	await page.waitForSelector("#results li", { timeout: 5000 }).catch(() => null);
	const found = await page.locator("#results li").count();
	const first = found ? await page.locator("#results li a").first().getAttribute("href") : "";
	report(found > 0, "search-from-file", `results ${found}`);
	if (found > 0) {
		await Promise.all([page.waitForURL((u) => !u.href.includes("search.html")),
			page.locator("#results li a").first().click()]);
		const ok = await page.evaluate(() => document.querySelector("h1") !== null);
		report(ok && page.url().endsWith(first.split("/").pop()), "search-result-opens", page.url());
	}
	await page.goto(url("search.html") + "?q=" + encodeURIComponent("财"));
	await page.waitForSelector("#results li", { timeout: 5000 }).catch(() => null);
	report(await page.locator("#results li").count() > 0, "search-one-character");
	await page.goto(url("search.html") + "?q=" + encodeURIComponent("没有这个词语呀"));
	await page.waitForFunction(() => /没有找到/.test(document.getElementById("status").textContent),
		null, { timeout: 5000 }).catch(() => null);
	report(await page.locator("#results li").count() === 0, "search-no-match");

	// the 404 page opened from the output folder: the style sheet beside
	// it applies, and its skip link stays on the page (no <base>)
	await page.goto(url("404.html"));
	const skipPos = await page.evaluate(() => getComputedStyle(document.querySelector("a.skip")).position);
	report(skipPos === "absolute", "404-styled-from-file", `a.skip position ${skipPos}`);
	await page.focus("a.skip");
	await page.keyboard.press("Enter");
	await page.waitForTimeout(200);
	report(page.url() === url("404.html") + "#main", "404-skip-link-stays", page.url());

	// the 404 page served in place of a missing address deep in the site:
	// its style sheet and links are the site's own absolute addresses
	const feed = readFileSync(join(site, "feed.xml"), "utf8");
	const base = (feed.match(/<link rel="self"[^>]*href="([^"]*)feed\.xml"/) || [])[1];
	if (base) {
		const served = await context.newPage();
		await served.route(/.*/, (route) => {
			const u = route.request().url();
			if (!u.startsWith(base))
				return route.abort();
			const rel = decodeURIComponent(u.slice(base.length).split(/[?#]/)[0]);
			const f = join(resolve(site), rel);
			if (rel !== "" && existsSync(f) && statSync(f).isFile())
				return route.fulfill({ path: f });
			return route.fulfill({ status: 404, path: join(resolve(site), "404.html"),
				contentType: "text/html; charset=utf-8" });
		});
		await served.goto(base + "qingshui/nowhere/missing.html");
		const pos = await served.evaluate(() => getComputedStyle(document.querySelector("a.skip")).position);
		const home = await served.evaluate(() => document.querySelector("main a").href);
		report(pos === "absolute" && home === base + "index.html", "404-served-deep",
			JSON.stringify({ pos, home }));
		await Promise.all([served.waitForURL(base + "index.html"), served.locator("main a").first().click()]);
		report(await served.locator("h1").count() > 0, "404-link-home", served.url());
		await served.close();
	} else {
		report(false, "404-served-deep", "no base address in feed.xml");
	}
}, report);
process.exit(failures() ? 1 : 0);
