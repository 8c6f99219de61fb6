/* unit_test.c: the Mustache engine beyond the spec: escaping, error messages,
 * bounds, layouts, strictness, big inputs and rendering from threads. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site/mustache.h"
#include "t.h"
#include "util/util.h"

/* Templates served by name, each with the path used in messages. */
struct source {
	const char *name;
	const char *path;
	const char *text;
};

struct library {
	const struct source *sources;
	size_t count;
	int loads;          /* how many times the loader found a template */
	bool fail_io;       /* answer -1 for every name */
};

static int
load(void *ctx, const char *name, char **text, size_t *len, char **path)
{
	struct library *lib = ctx;

	if (lib->fail_io) {
		errno = EACCES;
		return -1;
	}
	for (size_t i = 0; i < lib->count; i++) {
		const struct source *s = &lib->sources[i];
		if (strcmp(s->name, name) == 0) {
			*text = xstrdup(s->text);
			*len = strlen(s->text);
			*path = s->path != NULL ? xstrdup(s->path) : NULL;
			lib->loads++;
			return 0;
		}
	}
	return 1;
}

/* Renders the template called name from sources; returns the output, or
 * the error text prefixed with "ERROR: ". The caller frees it. */
static char *
render_with(const struct source *sources, size_t count, bool strict,
    const char *name, const struct mu_value *data)
{
	struct library lib = { sources, count, 0, false };
	struct mu_engine *e = mu_engine_new(load, &lib, strict);
	struct buf out = {0}, err = {0};
	const struct mu_template *tpl = mu_engine_get(e, name, &err);
	char *result;

	if (tpl != NULL)
		mu_render(tpl, data, &out, &err);
	if (err.len > 0) {
		buf_reset(&out);
		buf_printf(&out, "ERROR: %s", err.data);
	}
	result = buf_detach(&out);
	buf_free(&err);
	mu_engine_free(e);
	return result;
}

/* Renders one template text with no partials. */
static char *
render_text(const char *text, const struct mu_value *data)
{
	struct source s = { "main", "main.html", text };
	return render_with(&s, 1, true, "main", data);
}

static void
check_render(const char *text, const struct mu_value *data, const char *want,
    const char *what)
{
	char *got = render_text(text, data);
	T_STREQ(got, want, "%s", what);
	free(got);
}

static void
test_escaping(void)
{
	struct arena *a = arena_new();
	struct mu_value *d = mu_map(a);

	mu_map_set(d, "x", mu_str(a, "<script>alert(\"x\" + 'y' & 1)</script>"));
	check_render("{{x}}", d, "&lt;script&gt;alert(&quot;x&quot; + "
	    "&#39;y&#39; &amp; 1)&lt;/script&gt;", "escape: {{x}} escapes HTML");
	check_render("{{{x}}}|{{& x}}", d,
	    "<script>alert(\"x\" + 'y' & 1)</script>|"
	    "<script>alert(\"x\" + 'y' & 1)</script>",
	    "escape: {{{x}}} and {{&x}} are raw");
	mu_map_set(d, "cjk", mu_str(a, "村务公开 <第1期>"));
	check_render("<p title=\"{{cjk}}\">", d,
	    "<p title=\"村务公开 &lt;第1期&gt;\">", "escape: UTF-8 passes through");
	arena_free(a);
}

static void
test_values(void)
{
	struct arena *a = arena_new();
	struct mu_value *d = mu_map(a);
	const char *kept = "kept by caller";

	mu_map_set(d, "zero", mu_int(a, 0));
	mu_map_set(d, "neg", mu_int(a, -1234567890123LL));
	mu_map_set(d, "empty", mu_str(a, ""));
	mu_map_set(d, "no", mu_bool(a, false));
	mu_map_set(d, "yes", mu_bool(a, true));
	mu_map_set(d, "nothing", mu_null(a));
	mu_map_set(d, "ref", mu_str_ref(a, kept));
	mu_map_set(d, "list", mu_list(a));
	mu_map_set(d, "map", mu_map(a));
	check_render("{{#zero}}[{{zero}}]{{/zero}}{{neg}}", d,
	    "[0]-1234567890123", "values: 0 is truthy and prints 0");
	check_render("{{#empty}}A{{/empty}}{{^empty}}B{{/empty}}", d, "B",
	    "values: the empty string is falsey");
	check_render("{{yes}} {{no}} ({{nothing}}) {{ref}}", d,
	    "true false () kept by caller", "values: booleans, null, refs");
	check_render("{{#list}}A{{/list}}{{^list}}B{{/list}}{{#map}}C{{/map}}"
	    "({{list}}{{map}})", d, "BC()", "values: empty list falsey, map "
	    "truthy, neither prints");

	/* insertion order, replacement in place */
	struct mu_value *m = mu_map(a);
	mu_map_set(m, "b", mu_str(a, "1"));
	mu_map_set(m, "a", mu_str(a, "2"));
	mu_map_set(m, "b", mu_str(a, "3"));
	T_STREQ(mu_map_get(m, "b") != NULL ? "found" : "missing", "found",
	    "values: mu_map_get finds a key");
	T_CHECK(mu_map_get(m, "c") == NULL, "values: mu_map_get misses");
	T_CHECK(mu_map_get(mu_list(a), "a") == NULL,
	    "values: mu_map_get on a list is NULL");
	mu_map_set(d, "m", m);
	check_render("{{m.b}}{{m.a}}", d, "32", "values: a key set twice "
	    "keeps the last value");
	/* pushing to a non-list and setting on a non-map do nothing */
	mu_list_push(m, mu_str(a, "x"));
	mu_map_set(mu_list(a), "k", mu_str(a, "x"));
	check_render("{{m.b}}", d, "3", "values: misuse is ignored");
	check_render("[{{.}}]", NULL, "[]", "values: NULL data is null");
	arena_free(a);
}

static void
test_context(void)
{
	struct arena *a = arena_new();
	struct mu_value *d = mu_map(a), *cur = d;

	mu_map_set(d, "site", mu_str(a, "Root"));
	/* l1.l2...l10, each level with its own name and depth */
	for (int i = 1; i <= 10; i++) {
		char key[16];
		struct mu_value *next = mu_map(a);
		snprintf(key, sizeof key, "l%d", i);
		mu_map_set(next, "depth", mu_int(a, i));
		mu_map_set(cur, key, next);
		cur = next;
	}
	mu_map_set(cur, "name", mu_str(a, "deep"));
	check_render("{{#l1}}{{#l2}}{{#l3}}{{#l4}}{{#l5}}{{#l6}}{{#l7}}{{#l8}}"
	    "{{#l9}}{{#l10}}{{name}}@{{depth}} in {{site}}{{/l10}}{{/l9}}"
	    "{{/l8}}{{/l7}}{{/l6}}{{/l5}}{{/l4}}{{/l3}}{{/l2}}{{/l1}}", d,
	    "deep@10 in Root", "context: ten sections deep, a name from the "
	    "root");
	check_render("{{l1.l2.l3.l4.l5.l6.l7.l8.l9.l10.name}}", d, "deep",
	    "context: a dotted name ten levels deep");
	check_render("{{#l1.l2.l3}}{{l4.depth}}/{{depth}}/{{l1.depth}}"
	    "{{/l1.l2.l3}}", d, "4/3/1",
	    "context: dotted section, then lookups up the stack");
	check_render("{{l1.nope.depth}}|{{l1.depth.x}}", d, "|",
	    "context: broken chains are empty");

	/* a list of maps, each reaching its parents */
	struct mu_value *towns = mu_list(a);
	for (int i = 0; i < 3; i++) {
		struct mu_value *t = mu_map(a);
		struct mu_value *villages = mu_list(a);
		mu_map_set(t, "town", mu_int(a, i));
		for (int k = 0; k < 2; k++) {
			struct mu_value *v = mu_map(a);
			mu_map_set(v, "village", mu_int(a, k));
			mu_list_push(villages, v);
		}
		mu_map_set(t, "villages", villages);
		mu_list_push(towns, t);
	}
	mu_map_set(d, "towns", towns);
	check_render("{{#towns}}{{#villages}}{{site}}.{{town}}.{{village}} "
	    "{{/villages}}{{/towns}}", d,
	    "Root.0.0 Root.0.1 Root.1.0 Root.1.1 Root.2.0 Root.2.1 ",
	    "context: nested lists see their parents");
	arena_free(a);
}

/* Compiles sources[0] (strictly unless told) and returns its error text. */
static char *
compile_error(const struct source *sources, size_t count, bool strict)
{
	struct library lib = { sources, count, 0, false };
	struct mu_engine *e = mu_engine_new(load, &lib, strict);
	struct buf err = {0};
	const struct mu_template *tpl = mu_engine_get(e, sources[0].name,
	    &err);
	char *result;

	if (tpl != NULL)
		buf_puts(&err, "(compiled)");
	result = buf_detach(&err);
	mu_engine_free(e);
	return result;
}

static void
check_error(const char *text, const char *want, const char *what)
{
	struct source s = { "record", "themes/default/layouts/record.html",
	    text };
	char *got = compile_error(&s, 1, true);
	T_STREQ(got, want, "error: %s", what);
	free(got);
}

static void
test_errors(void)
{
	check_error("<h1>{{title}}</h1>\n\n\n\n\n\n\n\n\n\n\n"
	    "{{#stages}}\n<li>{{name}}</li>\n",
	    "themes/default/layouts/record.html:12: unclosed section "
	    "\"stages\"\n", "unclosed section");
	check_error("a\n{{^none}}\nb\n",
	    "themes/default/layouts/record.html:2: unclosed section "
	    "\"none\"\n", "unclosed inverted section");
	check_error("a\n{{#a}}\n{{#b}}\nx\n{{/a}}\n{{/b}}\n",
	    "themes/default/layouts/record.html:5: closing tag \"a\" does not "
	    "match section \"b\" opened on line 3\n", "mismatched close tag");
	check_error("x\n\n{{/stray}}\n",
	    "themes/default/layouts/record.html:3: closing tag \"stray\" "
	    "without an open section\n", "close without open");
	check_error("ok\n{{=<% %>=}}\n<%x%>\n<%= <% =%>\n",
	    "themes/default/layouts/record.html:4: bad set-delimiter tag "
	    "\" <% \": want two delimiters separated by spaces\n",
	    "bad delimiter");
	check_error("{{=a b c=}}",
	    "themes/default/layouts/record.html:1: bad set-delimiter tag "
	    "\"a b c\": want two delimiters separated by spaces\n",
	    "three delimiters");
	check_error("line\n\n<p>{{title</p>\n",
	    "themes/default/layouts/record.html:3: unclosed tag: no \"}}\" "
	    "after \"{{\"\n", "unclosed tag");
	check_error("<p>{{{title}}</p>\n",
	    "themes/default/layouts/record.html:1: unclosed tag: no \"}}\" "
	    "after \"{{\"\n", "unclosed triple mustache");
	check_error("a\n{{ }}\n",
	    "themes/default/layouts/record.html:2: empty tag\n", "empty tag");
	check_error("{{first name}}",
	    "themes/default/layouts/record.html:1: bad tag name "
	    "\"first name\"\n", "space in a name");
	check_error("{{a..b}}",
	    "themes/default/layouts/record.html:1: bad name \"a..b\"\n",
	    "empty part in a dotted name");
	check_error("{{<base}}\n{{$title}}x{{/title}}\n",
	    "themes/default/layouts/record.html:1: unclosed parent \"base\"\n",
	    "unclosed parent");
	check_error("{{$title}}\nx\n",
	    "themes/default/layouts/record.html:1: unclosed block \"title\"\n",
	    "unclosed block");
	check_error("\n\n{{#a}}{{#b}}{{/a}}",
	    "themes/default/layouts/record.html:3: closing tag \"a\" does not "
	    "match section \"b\" opened on line 3\n", "same line mismatch");

	/* a missing partial: an error when strict, empty otherwise */
	struct source page[] = {
		{ "page", "layouts/page.html", "<body>\n{{> header}}\n"
		    "{{>footer}}\n</body>\n" },
		{ "header", "partials/header.html", "<h1>head</h1>\n" },
	};
	char *got = compile_error(page, 2, true);
	T_STREQ(got, "layouts/page.html:3: missing partial \"footer\"\n",
	    "error: strict missing partial names the file and line");
	free(got);
	got = render_with(page, 2, false, "page", NULL);
	T_STREQ(got, "<body>\n<h1>head</h1>\n</body>\n",
	    "error: lax missing partial renders empty");
	free(got);
	struct source parent[] = {
		{ "page", "layouts/page.html", "x\n{{<nobase}}{{/nobase}}" },
	};
	got = compile_error(parent, 1, true);
	T_STREQ(got, "layouts/page.html:2: missing parent \"nobase\"\n",
	    "error: strict missing parent");
	free(got);

	/* an error inside a partial names the partial's file */
	struct source nested[] = {
		{ "page", "layouts/page.html", "{{>card}}" },
		{ "card", "partials/card.html", "<div>\n{{#items}}\n</div>\n" },
	};
	got = compile_error(nested, 2, true);
	T_STREQ(got, "partials/card.html:2: unclosed section \"items\"\n",
	    "error: an error in a partial names the partial");
	free(got);

	/* the loader's own failure */
	struct library lib = { page, 2, 0, true };
	struct mu_engine *e = mu_engine_new(load, &lib, true);
	struct buf err = {0};
	T_CHECK(mu_engine_get(e, "page", &err) == NULL,
	    "error: a loader failure fails");
	T_STREQ(err.data, "page: cannot read template \"page\": "
	    "Permission denied\n", "error: a loader failure says why");
	buf_reset(&err);
	lib.fail_io = false;
	T_CHECK(mu_engine_get(e, "nothere", &err) != NULL ? false :
	    strcmp(err.data, "nothere: no such template\n") == 0,
	    "error: asking for a template that does not exist");
	buf_free(&err);
	mu_engine_free(e);
}

/* A chain of maps {n: 0, kids: [{n: 1, kids: [...]}]} levels deep. */
static struct mu_value *
chain(struct arena *arena, int levels)
{
	struct mu_value *root = mu_map(arena), *cur = root;

	for (int i = 0; i < levels; i++) {
		struct mu_value *kids = mu_list(arena), *kid = mu_map(arena);
		mu_map_set(cur, "n", mu_int(arena, i));
		mu_list_push(kids, kid);
		mu_map_set(cur, "kids", kids);
		cur = kid;
	}
	mu_map_set(cur, "n", mu_int(arena, levels));
	mu_map_set(cur, "kids", mu_list(arena));
	return root;
}

static void
test_recursion(void)
{
	struct source loop[] = {
		{ "a", "a.html", "x{{>b}}" },
		{ "b", "b.html", "\n{{>a}}" },
	};
	char *got = render_with(loop, 2, true, "a", NULL);
	T_STREQ(got, "ERROR: a.html:1: nesting deeper than 64 levels at "
	    "partial \"b\" (endless recursion?)\n",
	    "recursion: endless partials stop with an error");
	free(got);

	/* recursion that ends: a tree 20 levels deep renders */
	struct arena *arena = arena_new();
	struct source tree[] = {
		{ "node", "node.html", "{{n}}({{#kids}}{{>node}}{{/kids}})" },
	};
	got = render_with(tree, 1, true, "node", chain(arena, 20));
	T_STREQ(got, "0(1(2(3(4(5(6(7(8(9(10(11(12(13(14(15(16(17(18(19(20()"
	    "))))))))))))))))))))", "recursion: a finite tree renders");
	free(got);

	/* 40 levels pass the bound (a partial and a section each) */
	got = render_with(tree, 1, true, "node", chain(arena, 40));
	T_CHECK(strncmp(got, "ERROR: node.html:1: nesting deeper than 64",
	    42) == 0, "recursion: a tree too deep is an error: %.60s", got);
	free(got);
	arena_free(arena);

	/* a block whose override contains itself */
	struct source blocks[] = {
		{ "page", "page.html", "{{<base}}{{$a}}[{{$a}}x{{/a}}]{{/a}}"
		    "{{/base}}" },
		{ "base", "base.html", "{{$a}}default{{/a}}" },
	};
	got = render_with(blocks, 2, true, "page", NULL);
	T_CHECK(strstr(got, "nesting deeper than 64 levels at block \"a\"")
	    != NULL, "recursion: a block inside its own override stops: "
	    "%.70s", got);
	free(got);

	/* sections nested deeper than the bound in one template */
	struct buf deep = {0};
	for (int i = 0; i < MU_MAX_DEPTH + 1; i++)
		buf_puts(&deep, "{{#a}}");
	struct source s = { "deep", "deep.html", deep.data };
	got = compile_error(&s, 1, true);
	T_STREQ(got, "deep.html:1: sections nested deeper than 64\n",
	    "recursion: lexical nesting is bounded at compile time");
	free(got);
	buf_free(&deep);
}

/* Ten partials, each including the next ten times: ten levels deep, within
 * MU_MAX_DEPTH, and 10^10 inclusions. The rendering stops at the output
 * bound, or at the step bound when the partials write nothing. */
static void
test_multiplying(void)
{
	static char text[10][128];
	struct source bomb[10];
	char name[10][16], path[10][24];

	for (int i = 0; i < 10; i++) {
		snprintf(name[i], sizeof name[i], "p%d", i);
		snprintf(path[i], sizeof path[i], "p%d.html", i);
		if (i < 9)
			for (int k = 0; k < 10; k++)
				snprintf(text[i] + 11 * k, sizeof text[i] - 11 * k,
				    "x{{>p%d}}    ", i + 1);
		else
			snprintf(text[i], sizeof text[i], "bomb text\n");
		bomb[i] = (struct source){name[i], path[i], text[i]};
	}
	char *got = render_with(bomb, 10, true, "p0", NULL);
	T_CHECK(strstr(got, "ERROR: p8.html:1: template \"p0.html\" stopped at "
	    "partial \"p9\": the page would be larger than 64 MiB") != NULL,
	    "multiplying: partials stop at the output bound: %.120s", got);
	free(got);

	/* the same with partials that write nothing: the step bound */
	for (int i = 0; i < 9; i++) {
		text[i][0] = '\0';
		for (int k = 0; k < 10; k++)
			snprintf(text[i] + strlen(text[i]), sizeof text[i] -
			    strlen(text[i]), "{{>p%d}}", i + 1);
	}
	text[9][0] = '\0';
	got = render_with(bomb, 10, true, "p0", NULL);
	T_CHECK(strstr(got, "stopped at") != NULL && strstr(got, "more than "
	    "100000000 steps") != NULL, "multiplying: partials that write "
	    "nothing stop at the step bound: %.160s", got);
	free(got);
}

/* One standalone partial indented by 60,000 spaces, whose text is 60,000
 * lines: one text node that would write 3.6 GB of indentation. */
static void
test_indent_bomb(void)
{
	struct buf outer = {0}, inner = {0};

	for (int i = 0; i < 60000; i++) {
		buf_putc(&outer, ' ');
		buf_puts(&inner, "x\n");
	}
	buf_puts(&outer, "{{>lines}}\n");
	struct source s[] = {
		{ "page", "page.html", outer.data },
		{ "lines", "lines.html", inner.data },
	};
	char *got = render_with(s, 2, true, "page", NULL);
	T_CHECK(strstr(got, "ERROR: lines.html:1: template \"page.html\" stopped "
	    "at text: the page would be larger than 64 MiB") != NULL,
	    "multiplying: an indentation times many lines stops: %.120s", got);
	free(got);
	buf_free(&outer);
	buf_free(&inner);
}

static const struct source site[] = {
	{ "base", "layouts/base.html",
	    "<!DOCTYPE html>\n"
	    "<html lang=\"zh-CN\">\n"
	    "<head>\n"
	    "  <title>{{$title}}{{site}}{{/title}}</title>\n"
	    "</head>\n"
	    "<body>\n"
	    "  {{>nav}}\n"
	    "  <main>\n"
	    "    {{$content}}\n"
	    "    <p>nothing here</p>\n"
	    "    {{/content}}\n"
	    "  </main>\n"
	    "  {{$footer}}<footer>{{site}}</footer>{{/footer}}\n"
	    "</body>\n"
	    "</html>\n" },
	{ "nav", "partials/nav.html",
	    "<nav>\n"
	    "{{#links}}\n"
	    "  <a href=\"{{href}}\">{{label}}</a>\n"
	    "{{/links}}\n"
	    "</nav>\n" },
	{ "record", "layouts/record.html",
	    "{{<base}}\n"
	    "{{$title}}{{record.title}} - {{site}}{{/title}}\n"
	    "{{$content}}\n"
	    "<h1>{{record.title}}</h1>\n"
	    "{{#record}}\n"
	    "{{>amount}}\n"
	    "{{/record}}\n"
	    "{{/content}}\n"
	    "{{/base}}\n" },
	{ "amount", "partials/amount.html",
	    "<p class=\"amount\">{{amount}} 元</p>\n" },
	{ "plain", "layouts/plain.html", "{{<base}}{{/base}}" },
};

static struct mu_value *
site_data(struct arena *a)
{
	struct mu_value *d = mu_map(a), *links = mu_list(a);
	struct mu_value *record = mu_map(a);
	const char *labels[] = { "首页", "公告" };
	const char *hrefs[] = { "/", "/notices/" };

	mu_map_set(d, "site", mu_str(a, "东村村务公开"));
	for (int i = 0; i < 2; i++) {
		struct mu_value *link = mu_map(a);
		mu_map_set(link, "href", mu_str(a, hrefs[i]));
		mu_map_set(link, "label", mu_str(a, labels[i]));
		mu_list_push(links, link);
	}
	mu_map_set(d, "links", links);
	mu_map_set(record, "title", mu_str(a, "修路 & 排水"));
	mu_map_set(record, "amount", mu_str(a, "12,000.50"));
	mu_map_set(d, "record", record);
	return d;
}

static void
test_layout(void)
{
	struct arena *a = arena_new();
	struct mu_value *d = site_data(a);
	char *got = render_with(site, NB_COUNT(site), true, "record", d);

	T_STREQ(got,
	    "<!DOCTYPE html>\n"
	    "<html lang=\"zh-CN\">\n"
	    "<head>\n"
	    "  <title>修路 &amp; 排水 - 东村村务公开</title>\n"
	    "</head>\n"
	    "<body>\n"
	    "  <nav>\n"
	    "    <a href=\"/\">首页</a>\n"
	    "    <a href=\"/notices/\">公告</a>\n"
	    "  </nav>\n"
	    "  <main>\n"
	    "    <h1>修路 &amp; 排水</h1>\n"
	    "    <p class=\"amount\">12,000.50 元</p>\n"
	    "  </main>\n"
	    "  <footer>东村村务公开</footer>\n"
	    "</body>\n"
	    "</html>\n",
	    "layout: a child overrides blocks, a partial inside a block, "
	    "indentation follows");
	free(got);
	got = render_with(site, NB_COUNT(site), true, "plain", d);
	T_CHECK(strstr(got, "  <title>东村村务公开</title>\n") != NULL &&
	    strstr(got, "  <main>\n    <p>nothing here</p>\n  </main>\n") !=
	    NULL, "layout: defaults when nothing is overridden");
	free(got);
	arena_free(a);
}

static void
test_compile_once(void)
{
	struct arena *a = arena_new();
	struct mu_value *d = site_data(a);
	struct library lib = { site, NB_COUNT(site), 0, false };
	struct mu_engine *e = mu_engine_new(load, &lib, true);
	struct buf first = {0}, second = {0}, err = {0};
	const struct mu_template *tpl = mu_engine_get(e, "record", &err);

	T_CHECK(tpl != NULL, "once: the layout compiles");
	T_INTEQ(lib.loads, 4, "once: record, base, nav and amount loaded");
	T_CHECK(mu_engine_get(e, "record", &err) == tpl &&
	    mu_engine_get(e, "base", &err) != NULL && lib.loads == 4,
	    "once: later gets come from the cache");
	mu_render(tpl, d, &first, &err);
	mu_render(tpl, d, &second, &err);
	T_CHECK(err.len == 0 && first.len > 0 && first.len == second.len &&
	    memcmp(first.data, second.data, first.len) == 0,
	    "once: rendering twice gives the same page");
	/* render appends */
	buf_reset(&second);
	buf_puts(&second, "prefix:");
	mu_render(tpl, d, &second, &err);
	T_CHECK(second.len == first.len + 7 &&
	    memcmp(second.data + 7, first.data, first.len) == 0,
	    "once: render appends to out");

	/* mu_engine_add from memory, using partials of the loader */
	const char *text = "{{#links}}{{>amount}}{{/links}}";
	T_CHECK(mu_engine_add(e, "mem", text, strlen(text), NULL, &err) !=
	    NULL, "once: mu_engine_add compiles");
	T_CHECK(mu_engine_add(e, "mem", text, strlen(text), NULL, &err) ==
	    NULL && strstr(err.data, "mem: template already defined") !=
	    NULL, "once: mu_engine_add refuses a second definition");
	buf_reset(&err);
	T_CHECK(mu_engine_add(e, "bad", "{{#x}}", 6, "bad.html", &err) ==
	    NULL && strcmp(err.data, "bad.html:1: unclosed section \"x\"\n")
	    == 0, "once: mu_engine_add reports errors");
	buf_reset(&err);
	T_CHECK(mu_engine_add(e, "bad", "{{x}}", 5, "bad.html", &err) !=
	    NULL, "once: a failed template can be defined again");
	buf_free(&first);
	buf_free(&second);
	buf_free(&err);
	mu_engine_free(e);
	arena_free(a);
}

static void
test_retry(void)
{
	struct source broken[] = {
		{ "page", "page.html", "{{>part}}{{>other}}" },
		{ "other", "other.html", "ok" },
		{ "part", "part.html", "{{#x}}" },
	};
	struct library lib = { broken, 3, 0, false };
	struct mu_engine *e = mu_engine_new(load, &lib, true);
	struct buf err = {0}, out = {0};

	T_CHECK(mu_engine_get(e, "page", &err) == NULL,
	    "retry: a broken partial fails its page");
	broken[2].text = "fixed";
	buf_reset(&err);
	const struct mu_template *tpl = mu_engine_get(e, "page", &err);
	T_CHECK(tpl != NULL && mu_render(tpl, NULL, &out, &err) == 0,
	    "retry: nothing of the failure was kept");
	T_STREQ(out.data, "fixedok", "retry: the fixed page renders");
	buf_free(&err);
	buf_free(&out);
	mu_engine_free(e);
	mu_engine_free(NULL);
}

static void
test_whitespace(void)
{
	struct source s[] = {
		{ "page", NULL, "<ul>\n  {{>items}}\n</ul>\n" },
		{ "items", NULL, "{{#list}}\n<li>\n  {{>item}}\n</li>\n{{/list}}\n" },
		{ "item", NULL, "{{.}}\n" },
	};
	struct arena *a = arena_new();
	struct mu_value *d = mu_map(a), *list = mu_list(a);
	mu_list_push(list, mu_str(a, "一"));
	mu_list_push(list, mu_str(a, "二"));
	mu_map_set(d, "list", list);
	char *got = render_with(s, 3, true, "page", d);
	T_STREQ(got, "<ul>\n  <li>\n    一\n  </li>\n  <li>\n    二\n  </li>\n"
	    "</ul>\n", "whitespace: nested standalone partials indent");
	free(got);
	check_render("a\r\n  {{#list}}\r\n[{{.}}]\r\n  {{/list}}\r\nb", d,
	    "a\r\n[一]\r\n[二]\r\nb", "whitespace: CRLF standalone lines");
	check_render("{{! only a comment }}", d, "", "whitespace: only a "
	    "comment");
	check_render("", d, "", "whitespace: an empty template");
	check_render("{{=| |=}}|#list||.||/list||={{ }}=|{{#list}}{{.}}"
	    "{{/list}}", d, "一二一二", "whitespace: delimiters switched and "
	    "back");
	arena_free(a);
}

static void
test_big(void)
{
	struct arena *a = arena_new();
	struct mu_value *d = mu_map(a), *list = mu_list(a);
	struct buf tpl = {0}, want = {0};
	char *got;

	/* a 1 MB template: text, tags and sections on 20,000 lines */
	mu_map_set(d, "v", mu_str(a, "<v>"));
	mu_map_set(d, "t", mu_bool(a, true));
	while (tpl.len < 1024 * 1024) {
		buf_puts(&tpl, "<p>村务公开 line with some text {{v}} and more "
		    "text</p>\n{{#t}}\n  <i>{{{v}}}</i>\n{{/t}}\n");
		buf_puts(&want, "<p>村务公开 line with some text &lt;v&gt; and "
		    "more text</p>\n  <i><v></i>\n");
	}
	got = render_text(tpl.data, d);
	T_CHECK(strcmp(got, want.data) == 0, "big: a 1 MB template renders "
	    "(%zu bytes in, %zu out)", tpl.len, strlen(got));
	free(got);

	/* a list of 100,000 maps */
	for (int i = 0; i < 100000; i++) {
		struct mu_value *item = mu_map(a);
		mu_map_set(item, "i", mu_int(a, i));
		mu_list_push(list, item);
	}
	mu_map_set(d, "list", list);
	got = render_text("{{#list}}<li>{{i}}{{v}}</li>\n{{/list}}", d);
	T_CHECK(strncmp(got, "<li>0&lt;v&gt;</li>\n<li>1&lt;v&gt;</li>\n", 40)
	    == 0 && strstr(got, "<li>99999&lt;v&gt;</li>\n") != NULL &&
	    strlen(got) == 100000 * strlen("<li>&lt;v&gt;</li>\n") + 488890,
	    "big: a list of 100,000 items renders");
	free(got);
	buf_free(&tpl);
	buf_free(&want);
	arena_free(a);
}

struct job {
	struct mu_engine *engine;
	const struct mu_template *tpl;
	const struct mu_value *data;
	const char *want;
	int bad;
};

static void *
render_job(void *arg)
{
	struct job *job = arg;
	struct buf out = {0}, err = {0};

	/* the first thread here compiles, the others wait and share it */
	job->tpl = mu_engine_get(job->engine, "record", &err);
	if (job->tpl == NULL) {
		job->bad++;
		buf_free(&err);
		return NULL;
	}
	for (int i = 0; i < 200; i++) {
		buf_reset(&out);
		if (mu_render(job->tpl, job->data, &out, &err) != 0 ||
		    strcmp(out.data, job->want) != 0)
			job->bad++;
	}
	buf_free(&out);
	buf_free(&err);
	return NULL;
}

static void
test_threads(void)
{
	struct arena *a = arena_new();
	struct mu_value *d = site_data(a);
	struct library lib = { site, NB_COUNT(site), 0, false };
	struct mu_engine *e = mu_engine_new(load, &lib, true);
	struct mu_engine *ref = mu_engine_new(load, &lib, true);
	struct buf err = {0}, want = {0};
	pthread_t threads[4];
	struct job jobs[4];
	int bad = 0;

	mu_render(mu_engine_get(ref, "record", &err), d, &want, &err);
	for (int i = 0; i < 4; i++) {
		jobs[i] = (struct job){ e, NULL, d, want.data, 0 };
		if (pthread_create(&threads[i], NULL, render_job, &jobs[i]))
			jobs[i].bad = -1000;
	}
	for (int i = 0; i < 4; i++) {
		if (jobs[i].bad != -1000)
			pthread_join(threads[i], NULL);
		bad += jobs[i].bad;
	}
	T_INTEQ(bad, 0, "threads: four threads compile and render one template");
	T_CHECK(jobs[0].tpl == jobs[1].tpl && jobs[0].tpl == jobs[3].tpl,
	    "threads: all share one compiled template");
	buf_free(&err);
	buf_free(&want);
	mu_engine_free(e);
	mu_engine_free(ref);
	arena_free(a);
}

int
main(void)
{
	test_escaping();
	test_values();
	test_context();
	test_errors();
	test_recursion();
	test_layout();
	test_compile_once();
	test_retry();
	test_whitespace();
	test_big();
	test_multiplying();
	test_indent_bomb();
	test_threads();
	return t_done();
}
