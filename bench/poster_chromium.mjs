// poster_chromium.mjs: Chromium at its best for the poster benchmark: one
// headless browser, kept running, printing page after page to PDF through
// the DevTools protocol (as a user batching it with Playwright would), not
// a process per poster. Prints, for each HTML page, its name and the
// median seconds of its print (load and PDF) over the rounds, after a first
// print that warms the browser up and is not counted; the PDFs stay in
// OUTDIR (the caller counts their A3 pages).
//
//   node poster_chromium.mjs ROUNDS OUTDIR PAGE.html...
import { createRequire } from "node:module";
import { dirname, join, resolve, basename } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeFileSync } from "node:fs";

const here = dirname(fileURLToPath(import.meta.url));
// the browser driver the site's checks install (tests/site: npm ci)
const require = createRequire(join(here, "..", "tests", "site", "package.json"));
const { chromium } = require("playwright-core");

const [roundsArg, outdir, ...pages] = process.argv.slice(2);
const rounds = Number(roundsArg) || 3;
if (!outdir || pages.length === 0) {
	console.error("usage: node poster_chromium.mjs ROUNDS OUTDIR PAGE.html...");
	process.exit(2);
}
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
	headless: true,
	args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
	const tab = await browser.newPage();
	const print = async (page) => {
		await tab.goto(pathToFileURL(resolve(page)).href, { waitUntil: "load" });
		const pdf = await tab.pdf({ preferCSSPageSize: true, printBackground: true });
		if (pdf.length < 1000)
			throw new Error(`no PDF for ${page}`);
		writeFileSync(join(outdir, basename(page, ".html") + ".pdf"), pdf);
	};
	await print(pages[0]);
	const times = pages.map(() => []);
	for (let r = 0; r < rounds; r++)
		for (let i = 0; i < pages.length; i++) {
			const t0 = process.hrtime.bigint();
			await print(pages[i]);
			times[i].push(Number(process.hrtime.bigint() - t0) / 1e9);
		}
	pages.forEach((page, i) => {
		const t = times[i].sort((a, b) => a - b);
		console.log(basename(page, ".html") + " " +
		    t[Math.floor((t.length - 1) / 2)].toFixed(4));
	});
} finally {
	await browser.close();
}
