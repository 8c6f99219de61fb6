// screenshot.mjs: pictures of pages as a reader sees them, for reviewing a
// change by eye (not part of the suite): headless Chromium at the given
// widths, the whole page or one element, in colour and in greyscale.
//
//   node screenshot.mjs SITE OUTDIR PAGE[#ELEMENT-ID] [WIDTH...]
//
// writes OUTDIR/<name>-<width>.png and OUTDIR/<name>-<width>-grey.png: the
// section whose heading has the id, or else the first screenful and the
// whole page (<name>-<width>-full.png).
import { withChromium } from "./chromium.mjs";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [site, outdir, target, ...widthArgs] = process.argv.slice(2);
if (!site || !outdir || !target) {
	console.error("usage: node screenshot.mjs SITE OUTDIR PAGE[#ID] [WIDTH...]");
	process.exit(2);
}
const widths = widthArgs.length ? widthArgs.map(Number) : [375, 1280];
const [page, id] = target.split("#");
const name = (page.replace(/\.html$/, "") + (id ? "-" + id : "")).replace(/[^A-Za-z0-9-]+/g, "-");
mkdirSync(outdir, { recursive: true });
await withChromium(async (context) => {
	const tab = await context.newPage();
	await tab.route(/^(?!file:)/, (route) => route.abort());
	for (const width of widths) {
		await tab.setViewportSize({ width, height: 900 });
		await tab.goto(pathToFileURL(join(resolve(site), page)).href);
		for (const grey of [false, true]) {
			if (grey)
				await tab.addStyleTag({ content: "html { filter: grayscale(1); }" });
			const file = join(outdir, `${name}-${width}${grey ? "-grey" : ""}.png`);
			if (id) {
				// the section, cut at 1,400 px so that a long one stays legible
				const box = await tab.locator(`section:has(> #${id})`).first().boundingBox();
				await tab.screenshot({ path: file, fullPage: true, clip: {
					x: 0, y: Math.max(0, box.y - 8), width,
					height: Math.min(box.height + 16, 1400) } });
			} else {
				await tab.screenshot({ path: file });
				const full = file.replace(/\.png$/, "-full.png");
				await tab.screenshot({ path: full, fullPage: true });
				console.log(full);
			}
			console.log(file);
		}
	}
});
