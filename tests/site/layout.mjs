// layout.mjs: what a page does as it loads and as it prints, in headless
// Chromium from file://: no layout shift while it loads (the sum of the
// layout-shift entries, buffered, without input, at 375 and 1280 px: 0),
// and in print every link to a page of the site shows its address under
// BASE_URL, absolute, never the relative path.
//
//   node layout.mjs SITE BASE_URL PAGE...
//
// Prints "PASS: name" / "FAIL: name" lines; exits 1 when anything failed.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [site, base, ...pages] = process.argv.slice(2);
let failed = 0, printed = 0;

function report(ok, name, detail) {
	console.log(`${ok ? "PASS" : "FAIL"}: site/layout/${name}`);
	if (!ok) {
		failed++;
		if (detail)
			console.log(String(detail).split("\n").map((l) => "      " + l).join("\n"));
	}
}

const profile = mkdtempSync(join(tmpdir(), "nb-layout-"));
let context;
try {
	if (!site || !base || pages.length === 0)
		throw new Error("usage: node layout.mjs SITE BASE_URL PAGE...");
	context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu",
			"--disable-background-networking", "--disable-component-update",
			"--disable-sync", "--no-first-run"],
	});
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
} catch (e) {
	report(false, "run", e.stack || e);
} finally {
	if (context)
		await context.close();
	rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
