/* text_test.c: the site's text rules: a soft line break between two Chinese
 * characters disappears, other soft breaks stay; links are percent-encoded;
 * escaping for HTML and JSON; quorum words; the survey chart's numbers and
 * a village's survey trend; the names a page's templates look up. */
#include <stdlib.h>
#include <string.h>

#include "site/site.h"
#include "site/text.h"
#include "t.h"
#include "util/util.h"

static void
md(const char *in, const char *want, const char *name)
{
	struct buf b = {0};
	markdown_html(in, &b);
	T_STREQ(b.data ? b.data : "", want, "markdown: %s", name);
	buf_free(&b);
}

static void
excerpt(const char *in, size_t max, const char *want, const char *name)
{
	struct buf b = {0};
	markdown_excerpt(in, max, &b);
	T_STREQ(b.data ? b.data : "", want, "excerpt: %s", name);
	buf_free(&b);
}

static void
seg(const char *in, const char *want)
{
	struct buf b = {0};
	url_encode_segment(&b, in);
	T_STREQ(b.data ? b.data : "", want, "percent-encode '%s'", in);
	buf_free(&b);
}

static void
path(const char *in, const char *want)
{
	struct buf b = {0};
	url_encode_path(&b, in);
	T_STREQ(b.data ? b.data : "", want, "percent-encode path '%s'", in);
	buf_free(&b);
}

static void
frac(int num, int den, bool strict, const char *want)
{
	struct buf b = {0};
	struct fraction_rule r = {num, den, strict};
	fraction_cn(r, "", &b);
	T_STREQ(b.data, want, "fraction %s%d/%d", strict ? ">" : ">=", num, den);
	buf_free(&b);
}

static void
frac_not(int num, int den, bool strict, const char *of, const char *want)
{
	struct buf b = {0};
	struct fraction_rule r = {num, den, strict};
	fraction_not_cn(r, of, &b);
	T_STREQ(b.data, want, "fraction not %s%d/%d", strict ? ">" : ">=", num,
	    den);
	buf_free(&b);
}

/* Templates for the names test: a page, its parent and a partial. */
static int
load_names(void *ctx, const char *name, char **text, size_t *len, char **path)
{
	static const struct {
		const char *name, *text;
	} files[] = {
		{"base", "<title>{{title}}</title>{{$main}}{{/main}}{{>foot}}"},
		{"foot", "{{#feed}}{{href}}{{/feed}}"},
	};

	(void)ctx;
	*path = NULL;
	for (size_t i = 0; i < NB_COUNT(files); i++)
		if (strcmp(files[i].name, name) == 0) {
			*text = xstrdup(files[i].text);
			*len = strlen(files[i].text);
			return 0;
		}
	return 1;
}

static void
add_name(void *ctx, const char *name)
{
	struct buf *b = ctx;
	buf_puts(b, name);
	buf_putc(b, ' ');
}

int
main(void)
{
	/* the CJK soft-break rule */
	md("村道硬化\n工程立项", "<p>村道硬化工程立项</p>\n", "CJK-CJK break removed");
	md("预算38万\n元", "<p>预算38万元</p>\n", "digit line then CJK: CJK-CJK edge");
	md("总长 2.6\nkm", "<p>总长 2.6\nkm</p>\n", "Latin break stays a newline");
	md("路面宽4.5\n米", "<p>路面宽4.5\n米</p>\n", "digit-CJK break stays");
	md("工程\nroad", "<p>工程\nroad</p>\n", "CJK-Latin break stays");
	md("**验收合格**\n工程决算", "<p><strong>验收合格</strong>工程决算</p>\n",
	    "across emphasis");
	md("村民，\n代表", "<p>村民，代表</p>\n", "full-width punctuation counts as CJK");
	md("第一行  \n第二行", "<p>第一行<br />\n第二行</p>\n", "hard break kept");
	md("# 标题", "<h2>标题</h2>\n", "headings move down a level");
	/* safe mode: raw HTML and unsafe links dropped */
	md("<script>alert(1)</script>", "<!-- raw HTML omitted -->\n", "raw HTML block");
	/* a removed address leaves the text, never an empty href or src */
	md("[x](javascript:alert(1))", "<p>x</p>\n", "javascript: link becomes its text");
	md("[x](JaVaScRiPt:alert(1))", "<p>x</p>\n", "in any case");
	md("[x](data:text/html,hi)", "<p>x</p>\n", "data: link becomes its text");
	md("[**粗**体](vbscript:x)", "<p><strong>粗</strong>体</p>\n",
	    "the link's inline markup stays");
	md("[x]()", "<p>x</p>\n", "an empty address becomes the text");
	md("![村道照片](javascript:alert(6))", "<p>村道照片</p>\n",
	    "an image with a removed address becomes its description");
	md("前![](file:///etc/passwd)后", "<p>前后</p>\n",
	    "one without a description leaves nothing");
	md("![点](data:image/png;base64,iVBO)", "<p><img src=\"data:image/png;base64,iVBO\" alt=\"点\" /></p>\n",
	    "data: images of a picture type stay");
	md("[x](https://a.cn/?a=1&b=2)", "<p><a href=\"https://a.cn/?a=1&amp;b=2\">x</a></p>\n",
	    "web link kept");
	excerpt("第一段\n接着写。\n\n第二段 text\nmore", 100, "第一段接着写。第二段 text more",
	    "plain text: Chinese paragraphs and lines joined without spaces");
	excerpt("第一段\n\n第二段", 100, "第一段。第二段",
	    "a paragraph without its full stop gets one");
	excerpt("## 公示内容\n\n- 一组\n- 二组（东片）\n\n共两组。", 100,
	    "公示内容：一组；二组（东片）。共两组。",
	    "a heading ends with a colon, items with semicolons, the list as a sentence");
	excerpt("| 户主 | 金额 |\n|---|---|\n| 某甲 | 10 |\n| 某乙 | 20 |\n\n以上。", 100,
	    "户主 金额；某甲 10；某乙 20。以上。",
	    "a table's cells apart, its rows as items");
	excerpt("**粗体**和[链接](https://a.cn/)、`代码`", 100, "粗体和链接、代码",
	    "no Markdown left");
	excerpt("一二三四五六", 4, "一二三四…", "cut with an ellipsis");
	excerpt("", 4, "", "empty");
	excerpt("ab cd", 3, "ab c…", "a space at the limit still takes one more character");
	excerpt("ab\n\n- cd\n- ef", 100, "ab cd ef", "blocks and items joined by spaces");
	excerpt("**一二**三 `x y`", 4, "一二三 x…", "emphasis and code as text");
	excerpt("一二三四", 4, "一二三四", "exactly the limit: no ellipsis");
	struct buf both = {0}, ex = {0};
	markdown_render("# 标题\n\n正文", &both, 10, &ex);
	T_STREQ(both.data, "<h2>标题</h2>\n<p>正文</p>\n", "one parse: the HTML");
	T_STREQ(ex.data, "标题：正文", "one parse: the excerpt");
	buf_free(&both);
	buf_free(&ex);

	/* percent-encoding of ids: RFC 3986 unreserved characters only */
	seg("2026-11-20-road_plan.v2~x", "2026-11-20-road_plan.v2~x");
	seg("村道验收", "%E6%9D%91%E9%81%93%E9%AA%8C%E6%94%B6");
	seg("a b#c%d&e?f'g\"h/i", "a%20b%23c%25d%26e%3Ff%27g%22h%2Fi");
	path("qingshui/zhangjiagou/2026-11-20-村道验收.html",
	    "qingshui/zhangjiagou/2026-11-20-%E6%9D%91%E9%81%93%E9%AA%8C%E6%94%B6.html");
	path("../../a b/c.html", "../../a%20b/c.html");
	struct arena *ar = arena_new();
	T_STREQ(url_encode_arena(ar, "../", "a b/村.html"), "../a%20b/%E6%9D%91.html",
	    "percent-encode into the arena, after a prefix");
	T_STREQ(SITE_CAT(ar, "x", "/", "", "y.html"), "x/y.html", "joined paths");
	arena_free(ar);
	struct buf num = {0};
	put_decimal(&num, 0);
	buf_putc(&num, ' ');
	put_decimal(&num, -45);
	buf_putc(&num, ' ');
	put_decimal(&num, 9223372036854775807LL);
	T_STREQ(num.data, "0 -45 9223372036854775807", "decimal numbers");
	buf_free(&num);

	/* escaping */
	struct buf b = {0};
	buf_puts_escaped(&b, "<a href=\"x\">'&'</a>");
	T_STREQ(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;", "html escape");
	buf_reset(&b);
	static const char controls[] = "a\tb\nc\rd\x01" "e\x1b" "f\x7f" "g\0h\x1f";
	buf_put_escaped(&b, controls, sizeof controls - 1);
	T_STREQ(b.data, "a\tb\nc\rdef\x7fgh", "escape: tab, newline, CR kept, "
	    "other C0 controls left out");
	buf_reset(&b);
	buf_puts_escaped(&b, NULL);
	T_CHECK(b.len == 0, "escape: NULL is nothing");
	buf_puts_escaped(&b, "");
	T_CHECK(b.data != NULL && b.len == 0, "escape: the empty string");
	buf_reset(&b);
	json_string(&b, "a\"b\\c\n</script>\xe2\x80\xa8");
	T_STREQ(b.data, "\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u2028\"", "json string");
	buf_free(&b);

	/* quorum in words */
	frac(2, 3, false, "达到三分之二以上");
	frac(1, 2, true, "超过一半");
	frac(3, 4, false, "达到四分之三以上");
	frac_not(2, 3, false, "", "不足三分之二");
	frac_not(1, 2, true, "到会人数的", "未超过到会人数的一半");
	struct buf n = {0};
	number_cn(12, &n);
	buf_putc(&n, ' ');
	number_cn(20, &n);
	buf_putc(&n, ' ');
	number_cn(45, &n);
	T_STREQ(n.data, "十二 二十 四十五", "Chinese numerals");
	buf_free(&n);

	struct buf d = {0};
	date_cn(date_from_ymd(2026, 11, 27), &d);
	T_STREQ(d.data, "2026年11月27日", "date in Chinese");
	char cn[DATE_CN_SIZE];
	T_CHECK(date_cn_text(date_from_ymd(2026, 1, 5), cn) == strlen("2026年1月5日") &&
	    strcmp(cn, "2026年1月5日") == 0, "date in Chinese, no leading zeros");
	T_STREQ(weekday_cn(date_from_ymd(2026, 11, 27)), "星期五", "weekday");
	buf_free(&d);
	/* a table cell kept on one line: a name, a number, a date */
	T_CHECK(text_chars("李某某") == 3 && text_chars(NULL) == 0, "text: characters");
	T_CHECK(text_is_short("李某某") && text_is_short("慢性肾病住院治疗") &&
	    text_is_short("2026-07-18") && text_is_short("2026年11月19日") &&
	    text_is_short("1,234,567.89"), "short cells");
	T_CHECK(!text_is_short("村道硬化工程预付款（第一期）") &&
	    !text_is_short("清水镇路桥建设有限公司") && !text_is_short("2026年第三季度收支"),
	    "long cells");
	struct buf dates = {0};
	const char *issue = "《<b>》应于2026年11月10日前公开，实际2026年1月5日；12026年1月1日";
	html_with_dates(issue, strlen(issue), &dates);
	T_STREQ(dates.data, "《&lt;b&gt;》应于<span class=\"date\">2026年11月10日</span>前公开，"
	    "实际<span class=\"date\">2026年1月5日</span>；12026年1月1日", "dates kept on one line");
	buf_free(&dates);
	/* a village's surveys over time: the track is 100 %, the value is
	 * written after it, labels escaped, the title reads every number */
	const int rates[] = {600, 825, -1};
	const char *const labels[] = {"2026年第一季度", "<Q2>", "Q3"};
	struct buf tr = {0};
	survey_trend_svg("张家沟村满意率", rates, labels, 3, &tr);
	T_CHECK(strstr(tr.data, "viewBox=\"0 0 320 171\"") != NULL, "trend: three rows high");
	T_CHECK(strstr(tr.data, "<title id=\"trend-title\">张家沟村满意率：2026年第一季度 "
	    "60.0%；&lt;Q2&gt; 82.5%；Q3 —</title>") != NULL, "trend: title reads the numbers");
	T_CHECK(strstr(tr.data, "width=\"153\"") != NULL && strstr(tr.data, "width=\"211\"") != NULL,
	    "trend: bars in proportion (60.0%% and 82.5%% of 256)");
	T_CHECK(strstr(tr.data, ">60.0%</text>") != NULL && strstr(tr.data, ">—</text>") != NULL,
	    "trend: values written, a survey without answers as —");
	T_CHECK(strstr(tr.data, "<Q2>") == NULL, "trend: labels escaped");
	buf_free(&tr);
	/* the names a page's templates look up: tags, dotted parts, sections,
	 * its parent and partials (once each), not the blocks' names */
	struct mu_engine *e = mu_engine_new(load_names, NULL, true);
	struct buf err = {0}, names = {0};
	const char *page_text = "{{<base}}{{$main}}{{#list}}{{date.iso}}"
	    "{{^empty}}{{{body}}}{{/empty}}{{>foot}}{{/list}}{{/main}}{{/base}}";
	const struct mu_template *page = mu_engine_add(e, "page", page_text,
	    strlen(page_text), NULL, &err);
	T_CHECK(page != NULL, "names: the page compiles (%s)", err.data ? err.data : "");
	if (page != NULL)
		mu_template_names(page, add_name, &names);
	T_STREQ(names.data, "title feed href list date iso empty body ",
	    "names: every name looked up, partials and parent once");
	buf_free(&names);
	buf_free(&err);
	mu_engine_free(e);
	return t_done();
}
