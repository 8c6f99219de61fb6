// search.mjs: the site's search in headless Chromium, from file://, as a
// villager uses it: a village's name finds the village's page first and then
// its records; a town's name its page; a power item's name its catalog page
// and the records under it; a program's short name (低保) the lists written
// with the long one; a decision's outcome (未通过) the decisions that came out
// so; a query of only spaces says so; at 375 px no result's date breaks
// across lines; more than 100 results: "显示更多", reached and pressed by
// the keyboard, adds the next 100 under the ones shown, which do not move,
// and takes the focus to the first one added, until all are shown; a query
// typed without spaces, as Chinese is (张家沟低保), finds what the same
// words with spaces find.
//
//   node search.mjs SITE
//
// Prints "PASS: name" / "FAIL: name" lines; exits 1 when anything failed.
import { brokenDates, reporter, withChromium } from "./chromium.mjs";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const { report, failures } = reporter("site/search");

const [site] = process.argv.slice(2);

await withChromium(async (context) => {
	if (!site)
		throw new Error("usage: node search.mjs SITE");
	const page = await context.newPage();
	await page.route(/^(?!file:)/, (route) => route.abort());
	const base = pathToFileURL(join(resolve(site), "search.html")).href;

	// what a query shows: the status line and each result's link, title and meta
	async function search(q) {
		await page.goto(base);
		await page.fill("#q", q);
		await page.click("#search button[type=submit]");
		await page.waitForFunction(() => {
			const s = document.getElementById("status").textContent;
			return s && !/正在搜索/.test(s);
		}, null, { timeout: 10000 }).catch(() => null);
		return page.evaluate(() => ({
			status: document.getElementById("status").textContent,
			rows: Array.from(document.querySelectorAll("#results li")).map((li) => ({
				href: li.querySelector("a").getAttribute("href"),
				title: li.querySelector("a").textContent,
				meta: li.querySelector(".meta").textContent,
			})),
		}));
	}
	const show = (r) => r.status + "\n" + r.rows.slice(0, 5).map((x) => `${x.href} ${x.title} ${x.meta}`).join("\n");

	// the demo's names, from its open data
	const index = JSON.parse(readFileSync(join(site, "data", "index.json"), "utf8"));
	const town = index.towns.find((t) => t.id === "chengguan");
	const village = town.villages.find((v) => v.id === "wangzhuang");

	let r = await search(village.name);
	report(r.rows.length > 1 && r.rows[0].href === "chengguan/wangzhuang/index.html" &&
		r.rows.slice(1).every((x) => x.meta.includes(village.name) || !x.href.startsWith("chengguan/wangzhuang/")) &&
		r.rows.filter((x) => x.href.startsWith("chengguan/wangzhuang/2")).length >= 10,
		"village-page-then-its-records", show(r));

	r = await search(town.name);
	report(r.rows.length > 0 && r.rows[0].href === "chengguan/index.html", "town-page", show(r));

	r = await search("村级重大事项决策");
	report(r.rows.some((x) => x.href === "catalog/p01.html") &&
		r.rows.filter((x) => !x.href.startsWith("catalog/")).length > 0, "power-item", show(r));

	r = await search("低保");
	report(r.rows.some((x) => !x.title.includes("低保") && x.title.includes("最低生活保障")),
		"program-short-name", show(r));

	// a phone: each result's date on one line, in normal and large type
	for (const large of [false, true]) {
		await page.setViewportSize({ width: 375, height: 900 });
		await search("低保");
		await page.evaluate((on) => document.documentElement.classList.toggle("large", on), large);
		const broken = await page.evaluate(brokenDates, "#results li");
		report(broken.length === 0, `dates-on-one-line/375${large ? "/large" : ""}`, broken.slice(0, 5).join("\n"));
	}

	// more than a page of results, on a phone
	await page.evaluate(() => document.documentElement.classList.remove("large"));
	r = await search("低保");
	const total = Number((/找到 (\d+) 条/.exec(r.status) || [])[1]);
	const tops = () => page.evaluate(() => Array.from(document.querySelectorAll("#results li"))
		.map((li) => li.getBoundingClientRect().top + window.scrollY));
	const before = await tops();
	const state = () => page.evaluate(() => {
		const more = document.getElementById("more");
		const items = Array.from(document.querySelectorAll("#results li"));
		return {
			status: document.getElementById("status").textContent,
			shown: items.length,
			focus: document.activeElement === more ? "more" :
				items.indexOf(document.activeElement.closest("li")),
			more: !!more && more.offsetParent !== null,
		};
	});
	// the keyboard: from the last result the next stop is the button
	await page.locator("#results li a").last().focus();
	await page.keyboard.press("Tab");
	const reached = await state();
	if (reached.focus === "more")
		await page.keyboard.press("Enter");
	await page.waitForFunction((n) => document.querySelectorAll("#results li").length > n,
		before.length, { timeout: 10000 }).catch(() => null);
	const after = await tops(), added = await state();
	const still = before.every((t, i) => Math.abs(t - after[i]) < 0.5);
	report(total > 200 && before.length === 100 && reached.focus === "more" &&
		added.shown === 200 && still && added.focus === 100 && /显示前 200 条/.test(added.status),
		"show-more", JSON.stringify({ total, before: before.length, reached, added, still }));
	// pressed until the end: every result once, and the button gone
	let last = added;
	for (let i = 0; i < 30 && last.more && reached.focus === "more"; i++) {
		const n = last.shown;
		await page.focus("#more");
		await page.keyboard.press(i % 2 ? "Enter" : " ");
		await page.waitForFunction((k) => document.querySelectorAll("#results li").length > k,
			n, { timeout: 10000 }).catch(() => null);
		last = await state();
	}
	const hrefs = await page.evaluate(() => Array.from(document.querySelectorAll("#results li a"))
		.map((a) => a.getAttribute("href")));
	report(last.shown === total && !last.more && new Set(hrefs).size === total &&
		last.status === "找到 " + total + " 条。", "show-more-to-the-end", JSON.stringify(last));
	await page.setViewportSize({ width: 1280, height: 900 });

	// without spaces: the same results, and some
	const qingshui = index.towns.find((t) => t.id === "qingshui");
	const zhangjiagou = qingshui.villages.find((v) => v.id === "zhangjiagou");
	const bare = zhangjiagou.name.replace(/村$/, "");
	for (const words of [[bare, "低保"], ["低保", bare], [qingshui.name, "低保"],
		[bare, "村道", "验收"], ["村道", "验收"], [zhangjiagou.name, "医疗救助"]]) {
		const spaced = await search(words.join(" "));
		const joined = await search(words.join(""));
		const same = joined.status === spaced.status &&
			joined.rows.map((x) => x.href).join() === spaced.rows.map((x) => x.href).join();
		report(spaced.rows.length > 0 && same, `without-spaces/${words.join("")}`,
			`${words.join(" ")}: ${show(spaced)}\n${words.join("")}: ${show(joined)}`);
	}

	r = await search("未通过");
	let outcome = false;
	if (r.rows.length > 0) {
		const html = readFileSync(join(site, decodeURIComponent(r.rows[0].href)), "utf8");
		outcome = /未通过/.test(html) && /tag-decision/.test(html);
	}
	report(outcome, "decision-outcome", show(r));

	r = await search("   ");
	report(r.rows.length === 0 && /空格/.test(r.status), "only-spaces", show(r));
}, report);
process.exit(failures() ? 1 : 0);
