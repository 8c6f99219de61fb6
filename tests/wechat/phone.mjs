// phone.mjs: a WeChat article as a phone shows it: headless Chromium at
// 375 CSS pixels, offline. Fails when the page is wider than the phone or
// any table cell lies outside it or has no size; writes a screenshot of
// the whole article when given a path.
//
//   node phone.mjs ARTICLE.html [SCREENSHOT.png]
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = process.env.NB_NODE_MODULES || join(here, "..", "site", "node_modules");
const require = createRequire(join(modules, "noop.js"));
const { chromium } = require("playwright-core");

const [article, shot] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), "nb-phone-"));
let context, failed = false;
try {
	context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
	});
	const tab = await context.newPage();
	await tab.route(/^(?!file:|data:)/, (route) => route.abort());
	await tab.setViewportSize({ width: 375, height: 800 });
	await tab.goto(pathToFileURL(resolve(article)).href);
	const r = await tab.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const out = { width, scroll: document.documentElement.scrollWidth, bad: [] };
		for (const td of document.querySelectorAll("td")) {
			const b = td.getBoundingClientRect();
			if (b.width <= 0 || b.height <= 0 || b.left < 0 || b.right > width + 0.5)
				out.bad.push(td.textContent.slice(0, 20) + " " + b.left + ".." + b.right);
		}
		for (const img of document.images) {
			const b = img.getBoundingClientRect();
			if (!img.complete || img.naturalWidth === 0 || b.right > width + 0.5)
				out.bad.push("img " + img.alt);
		}
		out.cells = document.querySelectorAll("td").length;
		return out;
	});
	if (r.scroll > r.width) {
		console.log(`wider than the phone: ${r.scroll} > ${r.width}`);
		failed = true;
	}
	for (const b of r.bad) {
		console.log("outside or empty: " + b);
		failed = true;
	}
	console.log(`cells ${r.cells}, width ${r.scroll}`);
	if (shot)
		await tab.screenshot({ path: shot, fullPage: true });
} finally {
	if (context)
		await context.close();
	rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
