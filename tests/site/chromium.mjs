// chromium.mjs: what the browser checks share: Debian's chromium started
// headless by playwright-core on a throw-away profile (CHROMIUM names
// another binary), and the "PASS: name" / "FAIL: name" lines of a check.
import { chromium } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// report(ok, name, detail) prints a line under prefix; failures() counts
// the failed ones
export function reporter(prefix) {
	let failed = 0;
	const report = (ok, name, detail) => {
		console.log(`${ok ? "PASS" : "FAIL"}: ${prefix}/${name}`);
		if (!ok) {
			failed++;
			if (detail)
				console.log(String(detail).split("\n").map((l) => "      " + l).join("\n"));
		}
	};
	return { report, failures: () => failed };
}

// Runs body(context) in a browser of its own, closed and its profile
// removed after; an exception is reported as the failed check "run"
// (without report, thrown on).
export async function withChromium(body, report) {
	const profile = mkdtempSync(join(tmpdir(), "nb-chromium-"));
	let context;
	try {
		context = await chromium.launchPersistentContext(profile, {
			executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
			headless: true,
			args: ["--headless", "--no-sandbox", "--disable-gpu",
				"--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--no-first-run"],
		});
		await body(context);
	} catch (e) {
		if (!report)
			throw e;
		report(false, "run", e.stack || e);
	} finally {
		if (context)
			await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

// In the page (page.evaluate(brokenDates, selector)): the dates
// ("2026年11月19日") inside the elements the selector finds that are drawn
// on more than one line, each as "date (lines)".
export function brokenDates(selector) {
	const out = [];
	for (const root of document.querySelectorAll(selector)) {
		const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let node = walk.nextNode(); node; node = walk.nextNode()) {
			for (const m of node.data.matchAll(/\d{4}年\d{1,2}月\d{1,2}日/g)) {
				const range = document.createRange();
				range.setStart(node, m.index);
				range.setEnd(node, m.index + m[0].length);
				const tops = new Set(Array.from(range.getClientRects())
					.filter((r) => r.width > 0).map((r) => Math.round(r.top)));
				if (tops.size > 1)
					out.push(`${m[0]} (${tops.size})`);
			}
		}
	}
	return out;
}

// In the page (page.evaluate(wrappedShortCells)): the table cells drawn as
// cells (not a phone's cards) whose text is short (a name, a number, a
// date: up to 8 characters, or a date or number of up to 16) but takes
// more than one line, each as "text (lines)", and any longer cell marked
// short (kept on one line). A cell of a list or paragraphs is lines by design; the
// lines are counted from the boxes of the cell's text, a box that overlaps
// the line's others being on that line.
export function wrappedShortCells() {
	const out = [];
	const short = (text) => Array.from(text).length <= 8 ||
		(Array.from(text).length <= 16 && /^[0-9.,:\/+% 年月日-]+$/.test(text));
	for (const cell of document.querySelectorAll("td, th")) {
		const text = cell.textContent.trim();
		// longer text wraps
		if (cell.classList.contains("short") && !short(text))
			out.push(`${text} (long, kept on one line)`);
		if (text === "" || !short(text) ||
		    getComputedStyle(cell).display !== "table-cell" ||
		    cell.querySelector("ul, ol, p, br, div"))
			continue;
		const boxes = [];
		const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
		for (let node = walk.nextNode(); node; node = walk.nextNode()) {
			const range = document.createRange();
			range.selectNodeContents(node);
			boxes.push(...Array.from(range.getClientRects()).filter((r) => r.width > 0));
		}
		boxes.sort((a, b) => a.top - b.top);
		let lines = 0, bottom = -Infinity;
		for (const r of boxes) {
			if (r.top >= bottom - 1) {
				lines++;
				bottom = r.bottom;
			} else {
				bottom = Math.max(bottom, r.bottom);
			}
		}
		if (lines > 1)
			out.push(`${text} (${lines})`);
	}
	return out;
}
