/* yaml_plain_test.c: the plain front-matter reader against libyaml. For
 * every input the plain reader either leaves the document to libyaml or
 * gives exactly libyaml's tree (kinds, text, plain or quoted, lines,
 * columns, weights) and diagnostics (path, line, column, words). Each class
 * of input a clerk or a fuzzer writes is tried both ways. */
#include "t.h"

#include <stdlib.h>

#include "util/diag.h"
#include "load/yaml.h"

static void
dump(struct buf *b, const struct ynode *n, int depth)
{
	buf_printf(b, "%*s%s %d:%d w%llu", 2 * depth, "",
	    n->kind == YN_SCALAR ? "scalar" : n->kind == YN_SEQ ? "seq" : "map",
	    n->line, n->col, (unsigned long long)n->weight);
	if (n->kind == YN_SCALAR) {
		buf_printf(b, " %s[", n->plain ? "plain" : "quoted");
		for (size_t i = 0; i < n->len; i++) {
			unsigned char c = (unsigned char)n->str[i];
			if (c < 0x20 || c == '\\' || c == ']')
				buf_printf(b, "\\x%02x", c);
			else
				buf_putc(b, (char)c);
		}
		buf_puts(b, "]");
		if (strlen(n->str) != n->len)
			buf_puts(b, " (NUL inside)");
		for (size_t i = 0; i < n->n_lines; i++)
			buf_printf(b, " @%zu=%d:%d", n->lines[i].off,
			    n->lines[i].line, n->lines[i].col);
	}
	buf_putc(b, '\n');
	size_t kids = n->kind == YN_MAP ? 2 * n->n : n->kind == YN_SEQ ? n->n : 0;
	for (size_t i = 0; i < kids; i++)
		dump(b, n->kids[i], depth + 1);
}

/* The tree and the diagnostics, as text to compare. */
static char *
outcome(const struct ynode *root)
{
	struct buf b = {0};
	const struct diag *d;
	size_t n;

	if (root == NULL)
		buf_puts(&b, "(refused)\n");
	else
		dump(&b, root, 0);
	d = diag_sorted(&n);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s:%d:%d: %s\n", d[i].path, d[i].line, d[i].col,
		    d[i].message);
	diag_reset();
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

enum want { EITHER, PLAIN, LIBYAML };

/* Reads text both ways and checks the plain reader's outcome is libyaml's;
 * want: the plain reader must read it (PLAIN), must leave it (LIBYAML). */
static void
same(const char *text, size_t len, enum want want, const char *what)
{
	struct arena *a = arena_new();
	bool gave_up;
	/* a heap copy of exactly the text, for the sanitizer to watch */
	char *copy = xmalloc(len ? len : 1);

	memcpy(copy, text, len);
	diag_reset();
	char *plain = outcome(ytree_load_plain(a, "t.md", copy, len, 1,
	    &gave_up));
	char *lib = outcome(ytree_load_libyaml(a, "t.md", copy, len, 1));
	if (gave_up) {
		T_CHECK(strcmp(plain, "(refused)\n") == 0,
		    "%s: left to libyaml, nothing reported before", what);
		if (want == PLAIN)
			T_CHECK(0, "%s: the plain reader reads it", what);
	} else {
		T_STREQ(plain, lib, "%s: the plain reader reads it as libyaml",
		    what);
		if (want == LIBYAML)
			T_CHECK(0, "%s: left to libyaml", what);
	}
	free(plain);
	free(lib);
	free(copy);
	arena_free(a);
}

#define SAME(text, want) same(text, sizeof text - 1, want, #text)

int
main(void)
{
	/* the shapes the plain reader is for */
	SAME("title: 村道 硬化\n", PLAIN);
	SAME("a: 1\nb: 2", PLAIN);
	SAME("  a: 1\n  b: 2\n", PLAIN);
	SAME("\n\n   \na: 1\n\n  \nb: 2\n\n", PLAIN);
	SAME("a: x   \nb:    y  \n", PLAIN);
	SAME("publish: {from: 2026-11-20, to: 2026-12-05}\n", PLAIN);
	SAME("a: [x, y , z]\nb: []\nc: {}\nd: [ ]\ne: {a: b,c: d}\n", PLAIN);
	SAME("a: [x,y]\n", PLAIN);
	SAME("stages:\n- {step: propose, date: 2026-11-01}\n- x\nnext: y\n",
	    PLAIN);
	SAME("people:\n  - 张三\n  - [a, b]\n", PLAIN);
	SAME("a:\n  b:\n    c: d\n  e: f\ng: h\n", PLAIN);
	SAME("- a\n-   b\n- [c]\n", PLAIN);
	SAME("名称: 王家村\nx: 值\n", PLAIN);
	SAME("a: \U0001F600 b\nc: [\U0001F600, d]\n", PLAIN);
	SAME("a:   \n  b: c\n", PLAIN);

	/* scalars are kept as written: typing is the schema's */
	SAME("a: ~\nb: null\nc: Null\nd: true\ne: yes\nf: on\ng: NO\nh: off\n",
	    PLAIN);
	SAME("a: 010\nb: +1\nc: 0x1F\nd: 1e3\ne: .5\nf: １２\ng: -1\n", EITHER);
	SAME("a: 2026-11-20\nb: 2026-11-20T10:00:00Z\nc: 2026-11-20 10:00\n",
	    EITHER);
	SAME("a: 1,000\nb: 1.5元\nc: 50%\nd: a?b\ne: a-b\nf: x - y\n", PLAIN);
	SAME("a: it's\nb: say \"hi\"\nc: a'b'\n", PLAIN);
	SAME("a: .inf\nb: .NaN\nc: =\nd: <<x\ne: ../x\nf: \\n\n", PLAIN);
	SAME("1: a\n~: b\nnull: c\ntrue: d\n", PLAIN);
	SAME("a: b&c\nd: e*f\ng: h!i\nj: k|l\nm: n>o\np: q@r\ns: t`u\nv: w%x\n",
	    PLAIN);

	/* empty values: null scalars, libyaml's */
	SAME("a:\n", LIBYAML);
	SAME("a:\nb: 1\n", LIBYAML);
	SAME("a: \n", LIBYAML);
	SAME("- \n", LIBYAML);
	SAME("-\n", LIBYAML);
	SAME("-", LIBYAML);
	SAME("a:", LIBYAML);
	SAME("", LIBYAML);
	SAME("\n\n", LIBYAML);
	SAME("   ", LIBYAML);

	/* quotes and escapes */
	SAME("a: 'x'\n", LIBYAML);
	SAME("a: \"x\\ty\\u00e9\"\n", LIBYAML);
	SAME("a: 'it''s'\n", LIBYAML);
	SAME("'a': x\n", LIBYAML);
	SAME("\"a\": x\n", LIBYAML);
	SAME("a: [\"x\", 'y']\n", LIBYAML);
	SAME("a: \"open\n", LIBYAML);
	SAME("a: {'k': v}\n", LIBYAML);

	/* comments: '#' in values and quotes */
	SAME("a: b # c\n", LIBYAML);
	SAME("a: b#c\n", EITHER);
	SAME("# c\na: b\n", LIBYAML);
	SAME("a: 'x # y'\n", LIBYAML);
	SAME("a: [x] # c\n", LIBYAML);
	SAME("a: #c\n", LIBYAML);

	/* tabs, CR, BOM, NUL, control characters */
	SAME("a:\tb\n", LIBYAML);
	SAME("a: b\tc\n", EITHER);
	SAME("\ta: b\n", LIBYAML);
	SAME("a:\n\t- 1\n", LIBYAML);
	SAME("a: b\r\nc: d\r\n", LIBYAML);
	SAME("a: b\rc: d\r", LIBYAML);
	SAME("\xef\xbb\xbf" "a: b\n", LIBYAML);
	SAME("a: b\n\xef\xbb\xbf" "c: d\n", LIBYAML);
	SAME("a: b\xef\xbb\xbf\n", LIBYAML);
	SAME("a: b\0c\n", LIBYAML);
	SAME("a: b\n\0", LIBYAML);
	SAME("a: \x01\n", LIBYAML);
	SAME("a: b\x7f\n", LIBYAML);
	SAME("a: b\xc2\x85" "c\n", LIBYAML);
	SAME("a: b\xe2\x80\xa8" "c\n", LIBYAML);
	SAME("a: \xef\xbf\xbe\n", LIBYAML);

	/* invalid UTF-8: libyaml refuses it, at its place */
	SAME("a: \x80\n", LIBYAML);
	SAME("a: b\xff\n", LIBYAML);
	SAME("a: \xc3\x28\n", LIBYAML);
	SAME("a: \xe4\xb8\n", LIBYAML);
	SAME("a: \xe4\xb8", LIBYAML);
	SAME("a: \xe4\x28\xad\n", LIBYAML);
	SAME("a: \xe0\x82\xa0\n", LIBYAML);
	SAME("a: \xf0\x80\x80\xa0\n", LIBYAML);
	SAME("a: \xf0\x9f\x98\n", LIBYAML);
	SAME("a: \xed\xa0\x80\n", LIBYAML);
	SAME("a: \xf4\x90\x80\x80\n", LIBYAML);
	SAME("a: \xf8\x88\x80\x80\x80\n", LIBYAML);
	SAME("\xc3: x\n", LIBYAML);

	/* keys with colons, spaces, indicators */
	SAME("a:b: c\n", LIBYAML);
	SAME("a: b: c\n", LIBYAML);
	SAME("url: https://example.gov.cn/\n", EITHER);
	SAME("hours: 8:30-17:30\n", EITHER);
	SAME("a : b\n", LIBYAML);
	SAME(": x\n", LIBYAML);
	SAME("a: 1\n: x\n", LIBYAML);
	SAME("  : x\n", LIBYAML);
	SAME("a b: c d\n", PLAIN);
	SAME("a'b: c\n", PLAIN);
	SAME("a-b: c\nd?: e\n", PLAIN);
	SAME("-a: b\n", LIBYAML);
	SAME("? a\n: b\n", LIBYAML);
	SAME("a:b\n", LIBYAML);
	SAME("a: b:\n", LIBYAML);
	SAME("[a]: b\n", LIBYAML);
	SAME("a[0]: b\n", LIBYAML);
	SAME("title：停电\n", LIBYAML);
	SAME("title：停电: x\n", PLAIN);
	SAME("by:\xe3\x80\x80张三\n", LIBYAML);
	SAME("by: \xe3\x80\x80张三\n", PLAIN);
	SAME("\u3000a: b\n\u3000c: d\n", PLAIN);
	SAME("a\u00a0: \u00a0b\u00a0\n", PLAIN);
	SAME("a:\u00a0b\n", LIBYAML);

	/* lists */
	SAME("- a\n- b\nc: d\n", LIBYAML);
	SAME("a:\n- x\n  - y\n", LIBYAML);
	SAME("a:\n  - x\n- y\n", LIBYAML);
	SAME("- - a\n", LIBYAML);
	SAME("- a: b\n", LIBYAML);
	SAME("- a\n-b\n", LIBYAML);
	SAME("a:\n- x\n-b: c\n", LIBYAML);
	SAME("- a\n  b\n", LIBYAML);
	SAME("a:\n  b:\n  - x\n  - y\n  c: d\ne: f\n", PLAIN);
	SAME("a: - b\n", LIBYAML);
	SAME("a:\n -   x\n -  y\n", PLAIN);

	/* values over several lines, indentation */
	SAME("a: b\n  c\n", LIBYAML);
	SAME("a: 1\n  b: 2\n", LIBYAML);
	SAME("a:\n  b: 1\n c: 2\n", LIBYAML);
	SAME("  a: 1\nb: 2\n", LIBYAML);
	SAME("a:\nb\n", LIBYAML);
	SAME("a:\n  b\n", LIBYAML);

	/* block scalars */
	SAME("a: |\n  x\n  y\n", LIBYAML);
	SAME("a: >\n  x\n  y\n", LIBYAML);
	SAME("a: |-\n  x\n", LIBYAML);
	SAME("a: >+\n\n  x\n\n", LIBYAML);
	SAME("a: b|\nc: d>\n", PLAIN);

	/* flow collections */
	SAME("a: [b,\n  c]\n", LIBYAML);
	SAME("a: [b, ]\n", LIBYAML);
	SAME("a: [b,,c]\n", LIBYAML);
	SAME("a: [[b]]\n", LIBYAML);
	SAME("a: [b] c\n", LIBYAML);
	SAME("a: [b],\n", LIBYAML);
	SAME("a: [b   \n", LIBYAML);
	SAME("a: [b\n", LIBYAML);
	SAME("a: {b}\n", LIBYAML);
	SAME("a: {b:c}\n", LIBYAML);
	SAME("a: {b: }\n", LIBYAML);
	SAME("a: {b :c}\n", LIBYAML);
	SAME("a: {b : c}\n", LIBYAML);
	SAME("a: {b: c, b: d}\n", PLAIN);
	SAME("a: {b: {c: d}}\n", LIBYAML);
	SAME("a: [b:c]\n", LIBYAML);
	SAME("a: [b: c]\n", LIBYAML);
	SAME("a: [- b]\n", LIBYAML);
	SAME("a: [b?c, d'e, f\"g, h-i]\n", PLAIN);
	SAME("a: [b # c]\n", LIBYAML);
	SAME("a: {? b: c}\n", LIBYAML);
	SAME("a: [b]]\n", LIBYAML);
	SAME("a: {b: c}}\n", LIBYAML);
	SAME("a: [b}\n", LIBYAML);
	SAME("[a, b]\n", LIBYAML);
	SAME("{a: b}\n", LIBYAML);

	/* anchors, aliases, tags, merge keys */
	SAME("a: &x b\nc: *x\n", LIBYAML);
	SAME("a: !!str 1\n", LIBYAML);
	SAME("a: !x b\n", LIBYAML);
	SAME("&x a: b\n", LIBYAML);
	SAME("a: [*x]\n", LIBYAML);
	SAME("<<: {a: 1}\nb: 2\n", PLAIN);
	SAME("b: 2\n<<: {b: 1, c: 3}\n", PLAIN);
	SAME("<<: x\n", PLAIN);
	SAME("<<: [x, y]\n", PLAIN);
	SAME("a:\n  <<: [x]\n  b: c\n  b: d\n", PLAIN);

	/* duplicate keys, at every depth, and many of them */
	SAME("a: 1\nb: 2\na: 3\n", PLAIN);
	SAME("a: 1\na: 2\na: 3\n", PLAIN);
	SAME("a:\n  b: 1\n  b: 2\nc: {d: 1, d: 2}\nc: 3\n", PLAIN);
	SAME("x:\n  y: {a: 1, a: 2}\n  y: 3\n", PLAIN);
	{
		struct buf b = {0};
		for (int i = 0; i < 40; i++)
			buf_printf(&b, "k%d: %d\n", i % 37, i);
		same(b.data, b.len, PLAIN, "40 keys, three of them twice");
		buf_free(&b);
	}

	/* document markers */
	SAME("---\na: b\n", LIBYAML);
	SAME("a: b\n---\nc: d\n", LIBYAML);
	SAME("a: b\n...\n", LIBYAML);
	SAME("a: b\n... c: d\n", LIBYAML);
	SAME("... c: d\n", LIBYAML);
	SAME("...: d\n", EITHER);
	SAME("...x: d\n", EITHER);
	SAME("a:\n  ... c: d\n", EITHER);
	SAME("--- a: b\n", LIBYAML);
	SAME("---a: b\n", LIBYAML);
	SAME("a: ---\nb: ...\n", EITHER);
	SAME("a:\n- ...\n- ... x\n", EITHER);
	SAME("%YAML 1.1\n---\na: b\n", LIBYAML);

	/* long keys (libyaml's simple keys end at 1024 characters) and lines */
	{
		static const int sizes[] = {900, 1000, 1001, 1023, 1024, 1025,
		    1100, 5000};
		for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
			struct buf b = {0};
			char what[80];
			for (int form = 0; form < 4; form++) {
				b.len = 0;
				if (form == 1)
					buf_puts(&b, "x: {");
				if (form == 3)
					buf_puts(&b, "x: [a, ");
				for (int i = 0; i < sizes[k]; i++)
					buf_putc(&b, 'k');
				if (form == 2)
					buf_puts(&b, "键键键");
				buf_puts(&b, form == 1 ? ": v}\n" :
				    form == 3 ? "]\n" : ": v\n");
				snprintf(what, sizeof what, "a key of %d "
				    "characters (form %d)", sizes[k], form);
				same(b.data, b.len, EITHER, what);
			}
			buf_free(&b);
		}
		/* a long item is no key: libyaml keeps it */
		struct buf b = {0};
		for (int form = 0; form < 2; form++) {
			b.len = 0;
			buf_puts(&b, form ? "a:\n- " : "- ");
			for (int i = 0; i < 2000; i++)
				buf_puts(&b, "村");
			buf_puts(&b, "\n- b\n");
			same(b.data, b.len, PLAIN, "a list item of 2000 characters");
		}
		b.len = 0;
		buf_puts(&b, "a: ");
		for (int i = 0; i < 200000; i++)
			buf_puts(&b, i % 7 ? "村" : " ");
		buf_puts(&b, "\nb: [");
		for (int i = 0; i < 5000; i++)
			buf_printf(&b, "%sx%d", i ? ", " : "", i);
		buf_puts(&b, "]\n");
		same(b.data, b.len, PLAIN, "very long lines");
		buf_free(&b);
	}

	/* deep nesting */
	{
		struct buf b = {0};
		for (int depth = 10; depth <= 70; depth += 6) {
			b.len = 0;
			for (int i = 0; i < depth; i++)
				buf_printf(&b, "%*sk:\n", i, "");
			buf_printf(&b, "%*sk: v\n", depth, "");
			same(b.data, b.len, EITHER, "deep mappings");
		}
		buf_free(&b);
	}

	/* the line offset and the path reach every diagnostic */
	SAME("a:\n  b: 1\n  b: 2\n", PLAIN);
	return t_done();
}
