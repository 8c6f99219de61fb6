// offline.mjs: a TV's index.html in headless Chromium with every request
// but file: refused: every slide loads at 1920x1080, one is shown, and
// after the interval (shortened by the test) the next one is.
//
//   node offline.mjs INDEX.html
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const modules = process.env.NB_NODE_MODULES || join(here, "..", "site", "node_modules");
const require = createRequire(join(modules, "noop.js"));
const { chromium } = require("playwright-core");

const index = resolve(process.argv[2]);
const profile = mkdtempSync(join(tmpdir(), "nb-tv-"));
let context, failed = false, network = 0;
try {
	context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		headless: true,
		args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
	});
	const tab = await context.newPage();
	await tab.route(/^(?!file:)/, (route) => { network++; route.abort(); });
	await tab.setViewportSize({ width: 1920, height: 1080 });
	await tab.clock.install();
	await tab.goto(pathToFileURL(index).href);
	await tab.waitForLoadState("load");
	const r = await tab.evaluate(() => [...document.images].map((i) =>
		[i.getAttribute("src"), i.complete && i.naturalWidth, i.naturalHeight, i.className]));
	for (const [src, w, h] of r)
		if (w !== 1920 || h !== 1080) {
			console.log(`slide ${src}: ${w}x${h}`);
			failed = true;
		}
	const shown = () => tab.evaluate(() => [...document.images].findIndex((i) => i.className === "on"));
	if (await shown() !== 0) {
		console.log("the first slide is not shown");
		failed = true;
	}
	if (r.length > 1) {
		await tab.clock.runFor(16000);
		if (await shown() !== 1) {
			console.log("the second slide did not follow");
			failed = true;
		}
	}
	if (network > 0) {
		console.log(`${network} requests beyond the stick`);
		failed = true;
	}
	console.log(`${r.length} slides`);
} finally {
	if (context)
		await context.close();
	rmSync(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
