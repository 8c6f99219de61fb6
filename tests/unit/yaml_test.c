/* yaml_test.c: the YAML layer: marks, merge keys, duplicates, and hostile
 * documents (alias bombs, deep nesting, huge scalars). */
#include "t.h"

#include <stdlib.h>
#include <time.h>

#include "util/diag.h"
#include "load/yaml.h"

static struct ynode *
parse(struct arena *a, const char *text, char **diags)
{
	struct buf b = {0};
	size_t n;

	diag_reset();
	struct ynode *root = ytree_load(a, "t.yaml", text, strlen(text), 0);
	const struct diag *d = diag_sorted(&n);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%d:%d: %s\n", d[i].line, d[i].col, d[i].message);
	diag_reset();
	*diags = buf_detach(&b);
	return root;
}

static double
seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(void)
{
	struct arena *a = arena_new();
	struct ynode *root;
	char *d;

	root = parse(a, "a: NO\nb: 010\nc: 2026-11-20\nd: ~\ne: 'x'\n", &d);
	T_CHECK(root != NULL && root->kind == YN_MAP && root->n == 5,
	    "a mapping of five keys");
	T_STREQ(ymap_get(root, "a")->str, "NO", "NO is kept as written");
	T_STREQ(ymap_get(root, "b")->str, "010", "010 is kept as written");
	T_STREQ(ymap_get(root, "c")->str, "2026-11-20", "dates are kept as text");
	T_CHECK(ynode_is_null(ymap_get(root, "d")), "~ is null");
	T_CHECK(!ymap_get(root, "e")->plain, "quoted scalars are marked");
	T_INTEQ(ymap_get(root, "c")->line, 3, "lines are 1-based");
	T_INTEQ(ymap_get(root, "c")->col, 4, "columns are 1-based");
	free(d);

	root = parse(a, "名称: 王家村\nx: 值\n", &d);
	T_INTEQ(ymap_get(root, "x")->col, 4, "columns count characters");
	free(d);

	root = parse(a, "base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n", &d);
	const struct ynode *item = ymap_get(root, "item");
	T_STREQ(ymap_get(item, "x")->str, "1", "merge keys bring in values");
	T_STREQ(ymap_get(item, "y")->str, "3", "own keys win over merged ones");
	T_INTEQ(item->n, 2, "the merge key itself is gone");
	free(d);

	root = parse(a, "a: 1\nb: 2\na: 3\n", &d);
	T_STREQ(d, "3:1: duplicate key 'a' (first given at line 1)\n",
	    "duplicate keys are reported");
	free(d);

	root = parse(a, "a: [1, 2\n", &d);
	T_CHECK(root == NULL && strstr(d, "YAML syntax") != NULL,
	    "syntax errors are reported");
	free(d);

	root = parse(a, "a:\n\t- 1\n", &d);
	T_STREQ(d, "2:1: this line is indented with a tab: YAML takes spaces "
	    "only; replace the tab with spaces\n", "a tab is named at its place");
	T_CHECK(root == NULL, "a tab fails the file");
	free(d);

	/* the mistakes clerks make most, each at its line and column */
	root = parse(a, "title：停电\ndate:2026-11-25\nby:\xe3\x80\x80张三\n"
	    "note: \"未完\n", &d);
	T_STREQ(d, "1:6: after the key 'title' comes a full-width colon '：': "
	    "write a half-width colon and a space, 'title: ...'\n"
	    "2:6: 'date:' needs a space after the colon: write 'date: 2026-11-25'\n"
	    "3:4: after 'by:' comes a full-width space: write a half-width "
	    "space, 'by: ...'\n"
	    "4:7: the quote \" opened here is not closed: add \" at the end of "
	    "the text, or leave both quotes out\n", "four mistakes, four places");
	T_CHECK(root == NULL, "the mistakes fail the file");
	free(d);
	/* a file saved on Windows, and a long value cut between characters */
	root = parse(a, "title:村道硬化工程村道硬化工程村道硬化工程\r\n", &d);
	T_STREQ(d, "1:7: 'title:' needs a space after the colon: write 'title: "
	    "村道硬化工程'\n", "the value is cut between characters, no CR");
	free(d);
	/* the text of a block scalar is not scanned: the real error is told */
	root = parse(a, "summary: |\n  QQ:12345\nbad: [x\n", &d);
	T_CHECK(root == NULL && strstr(d, "QQ") == NULL &&
	    strstr(d, "YAML syntax") != NULL, "a block scalar's text is text");
	free(d);
	/* a URL's colon and a time are no mistakes */
	root = parse(a, "base_url: https://example.gov.cn/\nhours: 8:30-17:30\n",
	    &d);
	T_CHECK(root != NULL && *d == '\0', "a URL and a time parse");
	free(d);

	root = parse(a, "a: *nowhere\n", &d);
	T_CHECK(root == NULL && strstr(d, "unknown alias '*nowhere'") != NULL,
	    "unknown aliases are reported");
	free(d);

	root = parse(a, "a: &x [1, *x]\n", &d);
	T_CHECK(root == NULL && strstr(d, "contains it") != NULL,
	    "a recursive alias is refused");
	free(d);

	/* billion laughs: nine levels of nine references */
	struct buf bomb = {0};
	buf_puts(&bomb, "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (int i = 1; i < 10; i++) {
		buf_printf(&bomb, "l%d: &l%d [", i, i);
		for (int k = 0; k < 9; k++)
			buf_printf(&bomb, "%s*l%d", k ? ", " : "", i - 1);
		buf_puts(&bomb, "]\n");
	}
	double t0 = seconds();
	root = parse(a, bomb.data, &d);
	T_CHECK(root == NULL && strstr(d, "more than 1000000 nodes") != NULL,
	    "an alias bomb is refused");
	T_CHECK(seconds() - t0 < 2.0, "an alias bomb is refused quickly");
	free(d);
	buf_free(&bomb);

	struct buf deep = {0};
	for (int i = 0; i < 1000; i++)
		buf_putc(&deep, '[');
	for (int i = 0; i < 1000; i++)
		buf_putc(&deep, ']');
	root = parse(a, deep.data, &d);
	T_CHECK(root == NULL && strstr(d, "deeper than 64 levels") != NULL,
	    "deep nesting is refused");
	free(d);
	buf_free(&deep);

	/* a 10 MB scalar on one line */
	size_t big = 10 * 1024 * 1024;
	char *line = malloc(big + 16);
	memcpy(line, "a: ", 3);
	for (size_t i = 3; i < big; i++)
		line[i] = (char)('a' + i % 26);
	line[big] = '\n';
	line[big + 1] = '\0';
	t0 = seconds();
	root = parse(a, line, &d);
	T_CHECK(root != NULL && ymap_get(root, "a")->len == big - 3,
	    "a 10 MB line is read whole");
	T_CHECK(seconds() - t0 < 5.0, "a 10 MB line is read in linear time");
	free(d);
	free(line);

	/* the shapes of front matter, read without libyaml: the same
	 * nodes, marks and weights as libyaml's events make */
	root = parse(a, "title: 村道 硬化\npublish: {from: 2026-11-20, to: "
	    "2026-12-05}\nstages:\n- {step: propose, date: 2026-11-01}\n"
	    "people:\n  - 张三\n  - [a, b]\n", &d);
	T_CHECK(root != NULL && root->n == 4 && root->weight == 22,
	    "a front matter of four keys, 22 nodes");
	const struct ynode *pub = ymap_get(root, "publish");
	T_CHECK(pub != NULL && pub->kind == YN_MAP && pub->n == 2 &&
	    pub->line == 2 && pub->col == 10, "a flow mapping at its brace");
	T_INTEQ(ymap_get(pub, "to")->col, 33, "a flow value's column");
	T_STREQ(ymap_get(root, "title")->str, "村道 硬化",
	    "a plain value keeps its inner space");
	const struct ynode *stages = ymap_get(root, "stages");
	T_CHECK(stages->kind == YN_SEQ && stages->n == 1 && stages->line == 4 &&
	    stages->col == 1, "a list at its key's indent starts at its dash");
	const struct ynode *people = ymap_get(root, "people");
	T_CHECK(people->kind == YN_SEQ && people->n == 2 && people->col == 3 &&
	    people->kids[1]->kind == YN_SEQ && people->kids[1]->n == 2,
	    "a nested list and a flow list in it");
	free(d);
	root = parse(a, "a: 1\nb: 2\na: 3\n", &d);
	T_CHECK(root == NULL && strstr(d, "3:1: duplicate key 'a'") != NULL,
	    "a duplicate key of a plain document is reported");
	free(d);
	root = parse(a, "a: 1\n  b: 2\n", &d);
	T_CHECK(root == NULL && d[0] != '\0',
	    "a line indented below a value is refused as libyaml does");
	free(d);

	root = parse(a, "a: 1\n---\nb: 2\n", &d);
	T_CHECK(root == NULL && strstr(d, "only one YAML document") != NULL,
	    "a second document is refused");
	free(d);

	/* a first line that starts with ':' is libyaml's to read; the plain
	 * reader looks at nothing before the text (a heap copy of exactly its
	 * size, for the sanitizer to watch) */
	char *colon_first = xstrdup(": x\n");
	root = parse(a, colon_first, &d);
	T_CHECK(root == NULL && strstr(d, "1:1: YAML syntax") != NULL,
	    "a key left empty on the first line is libyaml's syntax error");
	free(d);
	free(colon_first);

	root = parse(a, "", &d);
	T_CHECK(root != NULL && root->kind == YN_MAP && root->n == 0,
	    "an empty document is an empty mapping");
	free(d);

	arena_free(a);
	return t_done();
}
