/* md_test.c: the Markdown set-up (util/md.c): GitHub's tables,
 * strikethrough and autolinks parsed, raw HTML kept out; a table cell read
 * as an amount; the labels of total rows; and the site's tables (HTML with
 * header scopes and labels, the cells' words in the excerpt, JSON). */
#include <stdlib.h>
#include <string.h>

#include "site/text.h"
#include "t.h"
#include "util/md.h"
#include "util/util.h"

static void
number(const char *cell, bool want, const char *want_plain, bool want_empty)
{
	char plain[64] = "";
	bool empty = false;
	bool got = md_cell_number(cell, plain, sizeof plain, &empty);

	T_CHECK(got == want && empty == want_empty &&
	    (!want || strcmp(plain, want_plain) == 0),
	    "cell '%s': %s%s (got %s '%s'%s)", cell, want ? "the number " : "not a number",
	    want ? want_plain : "", got ? "a number" : "no number", plain,
	    empty ? ", empty" : "");
}

static bool
has(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

int
main(void)
{
	static const char table[] =
	    "| 项目 | 金额（元） |\n"
	    "|------|-----------:|\n"
	    "| 鸭嘴坝渠道 | 1,200.50 |\n"
	    "| <b>x</b>[链](javascript:alert(1)) | 3 |\n"
	    "| **合计** | **1,203.50** |\n";
	struct buf html = {0}, ex = {0}, json = {0};
	cmark_node *doc, *t;

	/* the extensions are on */
	doc = md_parse(table, strlen(table));
	t = cmark_node_first_child(doc);
	T_CHECK(md_is_table(t), "a pipe table is a table node");
	T_INTEQ(md_table_columns(t), 2, "two columns");
	T_CHECK(md_table_align(t, 1) == 'r' && md_table_align(t, 0) == 0,
	    "alignments as written");
	T_CHECK(md_row_is_header(cmark_node_first_child(t)), "the first row heads");
	T_CHECK(md_row_is_total(cmark_node_last_child(t)), "the last row is a total");
	T_CHECK(!md_row_is_total(cmark_node_next(cmark_node_first_child(t))),
	    "a plain row is not");
	cmark_node_free(doc);

	number("1200", true, "1200", false);
	number(" 1,200.50 ", true, "1200.50", false);
	number("￥1,234,567.8", true, "1234567.8", false);
	number("-¥30元", true, "-30", false);
	number("12000 元", true, "12000", false);
	number("12,00", false, "", false);
	number("1,2000", false, "", false);
	number("1.", false, "", false);
	number("2026-07-18", false, "", false);
	number("60%", false, "", false);
	number("三百", false, "", false);
	number("", false, "", true);
	number("—", false, "", true);
	number(" - ", false, "", true);
	T_CHECK(md_total_label("合计") && md_total_label("总计") &&
	    md_total_label(" 小　计 ") && !md_total_label("合计金额") &&
	    !md_total_label("本月合计数"), "the labels of a total row");

	/* the site */
	markdown_render(table, &html, 200, &ex);
	T_CHECK(has(html.data, "<th scope=\"col\">项目</th>") &&
	    has(html.data, "<th scope=\"col\" class=\"num\">金额（元）</th>"),
	    "header cells with their scope");
	T_CHECK(has(html.data, "<td class=\"num\" data-label=\"金额（元）\">1,200.50</td>"),
	    "a cell carries its column's name");
	T_CHECK(has(html.data, "<tr class=\"total\">"), "the total row marked");
	T_CHECK(!has(html.data, "<b>") && !has(html.data, "javascript") &&
	    has(html.data, ">链<"), "raw HTML and unsafe links kept out of cells");
	T_CHECK(!has(html.data, "|"), "no pipes left");
	T_STREQ(ex.data, "项目 金额（元）；鸭嘴坝渠道 1,200.50 x链 3；合计 1,203.50",
	    "the excerpt has every cell's words, apart, and its rows as items");
	markdown_tables_json(table, &json);
	T_STREQ(json.data, "[{\"header\": [\"项目\", \"金额（元）\"], \"rows\": "
	    "[[\"鸭嘴坝渠道\", \"1,200.50\"], [\"x链\", \"3\"], [\"合计\", \"1,203.50\"]]}]",
	    "the table as JSON");
	buf_reset(&json);
	markdown_tables_json("没有表格。", &json);
	T_STREQ(json.data, "[]", "no table: an empty list");
	buf_reset(&html);
	markdown_html("~~作废~~ 见 www.example.com", &html);
	T_STREQ(html.data, "<p><del>作废</del> 见 <a href=\"http://www.example.com\">"
	    "www.example.com</a></p>\n", "strikethrough and autolinks");
	buf_free(&html);
	buf_free(&ex);
	buf_free(&json);
	return t_done();
}
