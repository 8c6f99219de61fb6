/* group_test.c: the group messages' text: Markdown as plain lines (lists,
 * tables, emphasis and links as text, no Markdown syntax left), Chinese
 * punctuation after Chinese text, cuts at a sentence's end by characters,
 * and the key facts in yuan from fen. */
#include "t.h"

#include <stdlib.h>

#include "channel/facts.h"
#include "channel/group_text.h"

static void
lines(const char *md, const char *want, const char *what)
{
	struct buf out = {0};

	group_markdown_lines(md, &out);
	T_STREQ(out.data != NULL ? out.data : "", want, "%s", what);
	buf_free(&out);
}

static void
punctuate(const char *in, const char *want)
{
	struct buf out = {0};

	group_punctuate(in, strlen(in), &out);
	T_STREQ(out.data, want, "punctuation of \"%s\"", in);
	buf_free(&out);
}

int
main(void)
{
	lines("# 标题\n\n**重要**：请于*周五*前\n报名。\n",
	    "标题\n重要：请于周五前报名。\n",
	    "a heading and emphasis as text, a wrapped Chinese line joined");
	lines("1. 第一项\n2. 第二项\n\n- 甲\n- 乙\n",
	    "1、第一项\n2、第二项\n· 甲\n· 乙\n", "lists numbered in Chinese");
	lines("| 项目 | 金额（元） |\n|---|---:|\n| 水泥 | 1,200.00 |\n"
	    "| 合计 | 1,200.00 |\n",
	    "水泥：1,200.00\n合计：1,200.00\n", "a two-column table as lines");
	lines("| 序号 | 项目 | 数量 |\n|---|---|---|\n| 1 | 开挖 | 820 |\n",
	    "1：项目 开挖，数量 820\n", "a wider table names its columns");
	lines("见[网站](https://example.gov.cn/)和`代码`。<b>粗</b>\n",
	    "见网站和代码。粗\n", "links and code as their text, raw HTML gone");
	lines("> 引用的话\n\n---\n\n```\n原样\n```\n",
	    "引用的话\n原样\n", "a quote, a rule and a code block");

	punctuate("你好,世界(测试)!", "你好，世界（测试）！");
	punctuate("金额1,200元, 时间9:30", "金额1,200元，时间9:30");
	punctuate("Hello, world", "Hello, world");

	static const char text[] = "第一句话。第二句话很长很长。第三句。";
	T_INTEQ(group_chars(text, strlen(text)), 18, "characters, not bytes");
	size_t keep = group_cut(text, strlen(text), 10);
	T_INTEQ(keep, strlen("第一句话。"), "cut at the last sentence that fits");
	T_INTEQ(group_cut(text, strlen(text), 100), strlen(text),
	    "the whole when it fits");
	T_INTEQ(group_cut("没有句号的一长串文字", 30, 4), 0,
	    "nothing when no sentence ends in time");

	struct buf b = {0};
	/* 0.1 + 0.2 yuan in fen: 30 fen exactly */
	facts_yuan(10 + 20, &b);
	T_STREQ(b.data, "0.30元", "yuan from fen, exactly");
	buf_reset(&b);
	facts_yuan(35682000, &b);
	T_STREQ(b.data, "356,820.00元", "thousands separated");
	buf_reset(&b);
	facts_percent(873, &b);
	T_STREQ(b.data, "87.3%", "a permille as a percentage");
	buf_free(&b);
	return t_done();
}
