/* spec_test.c: runs the Mustache spec's YAML files, read with libyaml, against
 * src/site/mustache.c; one PASS or FAIL line per test of the spec.
 *
 * The spec's data is not part of the repository. It is the folder given as
 * the argument, else the one MUSTACHE_SPEC_DIR names (a folder named there
 * must exist: its absence fails), else ../shared/mustache-spec beside the
 * source tree; when that last one is absent too, each spec file is reported
 * skipped, with where to get it, and the run succeeds. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "site/mustache.h"
#include "t.h"
#include "util/util.h"

static const char *const spec_files[] = {
	"comments", "delimiters", "interpolation", "inverted", "partials",
	"sections", "inheritance",
};

/* A name a test template cannot give its partials. */
#define MAIN_NAME "\x01template"

static yaml_node_t *
map_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t *pair;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (pair = map->data.mapping.pairs.start;
	    pair < map->data.mapping.pairs.top; pair++) {
		yaml_node_t *k = yaml_document_get_node(doc, pair->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(doc, pair->value);
	}
	return NULL;
}

static const char *
scalar(yaml_node_t *node)
{
	if (node == NULL || node->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)node->data.scalar.value;
}

static bool
is_integer(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool
is_decimal(const char *s, double *value)
{
	char *end;

	if (*s == '\0' || strchr("+-.0123456789", *s) == NULL)
		return false;
	errno = 0;
	*value = strtod(s, &end);
	return errno == 0 && *end == '\0' && isfinite(*value);
}

/* Plain scalars true, false, null, ~ and numbers are typed as YAML 1.1
 * does; numbers become the text the spec expects (1.210 -> "1.21"). */
static struct mu_value *
to_value(struct arena *arena, yaml_document_t *doc, yaml_node_t *node)
{
	struct mu_value *v;
	double number;

	if (node == NULL)
		return mu_null(arena);
	switch (node->type) {
	case YAML_SCALAR_NODE: {
		const char *s = (const char *)node->data.scalar.value;
		size_t len = node->data.scalar.length;
		if (node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
			return mu_strn(arena, s, len);
		if (strcmp(s, "true") == 0)
			return mu_bool(arena, true);
		if (strcmp(s, "false") == 0)
			return mu_bool(arena, false);
		if (strcmp(s, "null") == 0 || strcmp(s, "~") == 0 || len == 0)
			return mu_null(arena);
		if (is_integer(s))
			return mu_int(arena, strtoll(s, NULL, 10));
		if (is_decimal(s, &number)) {
			char text[64];
			snprintf(text, sizeof text, "%.15g", number);
			return mu_str(arena, text);
		}
		return mu_strn(arena, s, len);
	}
	case YAML_SEQUENCE_NODE:
		v = mu_list(arena);
		for (yaml_node_item_t *it = node->data.sequence.items.start;
		    it < node->data.sequence.items.top; it++)
			mu_list_push(v, to_value(arena, doc,
			    yaml_document_get_node(doc, *it)));
		return v;
	case YAML_MAPPING_NODE:
		v = mu_map(arena);
		for (yaml_node_pair_t *pair = node->data.mapping.pairs.start;
		    pair < node->data.mapping.pairs.top; pair++) {
			const char *key = scalar(yaml_document_get_node(doc,
			    pair->key));
			if (key != NULL)
				mu_map_set(v, key, to_value(arena, doc,
				    yaml_document_get_node(doc, pair->value)));
		}
		return v;
	default:
		return mu_null(arena);
	}
}

struct partials {
	yaml_document_t *doc;
	yaml_node_t *map;
};

static int
load_partial(void *ctx, const char *name, char **text, size_t *len,
    char **path)
{
	struct partials *p = ctx;
	yaml_node_t *node = map_get(p->doc, p->map, name);

	if (node == NULL || node->type != YAML_SCALAR_NODE)
		return 1;
	*text = xstrndup((const char *)node->data.scalar.value,
	    node->data.scalar.length);
	*len = node->data.scalar.length;
	*path = NULL;
	return 0;
}

/* Prints s on one line, escaping newlines and controls. */
static void
print_quoted(const char *label, const char *s, size_t len)
{
	printf("      %s \"", label);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	fputs("\"\n", stdout);
}

static void
run_test(const char *file, yaml_document_t *doc, yaml_node_t *test)
{
	const char *name = scalar(map_get(doc, test, "name"));
	yaml_node_t *tpl_node = map_get(doc, test, "template");
	yaml_node_t *expected_node = map_get(doc, test, "expected");
	struct partials partials = { doc, map_get(doc, test, "partials") };
	struct arena *arena = arena_new();
	struct mu_engine *engine = mu_engine_new(load_partial, &partials,
	    false);
	struct buf out = {0}, err = {0};
	const struct mu_template *tpl;
	const char *expected;
	size_t expected_len;
	bool ok;

	if (name == NULL)
		name = "(unnamed)";
	if (scalar(tpl_node) == NULL || scalar(expected_node) == NULL) {
		printf("FAIL: mustache/%s/%s\n      no template or expected "
		    "text\n", file, name);
		t_failed++;
		goto out;
	}
	expected = scalar(expected_node);
	expected_len = expected_node->data.scalar.length;
	tpl = mu_engine_add(engine, MAIN_NAME, scalar(tpl_node),
	    tpl_node->data.scalar.length, "template", &err);
	if (tpl != NULL)
		mu_render(tpl, to_value(arena, doc, map_get(doc, test, "data")),
		    &out, &err);
	ok = err.len == 0 && out.len == expected_len &&
	    (expected_len == 0 || memcmp(out.data, expected, out.len) == 0);
	printf("%s: mustache/%s/%s\n", ok ? "PASS" : "FAIL", file, name);
	if (ok) {
		t_passed++;
	} else {
		t_failed++;
		print_quoted("expected", expected, expected_len);
		print_quoted("got     ", out.data ? out.data : "", out.len);
		if (err.len > 0)
			print_quoted("error   ", err.data, err.len);
	}
out:
	buf_free(&out);
	buf_free(&err);
	mu_engine_free(engine);
	arena_free(arena);
}

static void
run_file(const char *dir, const char *file)
{
	char *base = path_join(dir, file);
	char *path = NULL;
	FILE *f = NULL;
	yaml_parser_t parser;
	yaml_document_t doc;
	bool have_doc = false;
	yaml_node_t *tests;

	path = xmalloc(strlen(base) + 5);
	sprintf(path, "%s.yml", base);
	if ((f = fopen(path, "rb")) == NULL) {
		printf("FAIL: mustache/%s cannot open %s: %s\n", file, path,
		    strerror(errno));
		t_failed++;
		goto out;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		printf("FAIL: mustache/%s %s:%lu: %s\n", file, path,
		    (unsigned long)parser.problem_mark.line + 1,
		    parser.problem ? parser.problem : "YAML error");
		t_failed++;
		yaml_parser_delete(&parser);
		goto out;
	}
	have_doc = true;
	yaml_parser_delete(&parser);
	tests = map_get(&doc, yaml_document_get_root_node(&doc), "tests");
	if (tests == NULL || tests->type != YAML_SEQUENCE_NODE) {
		printf("FAIL: mustache/%s has no tests\n", file);
		t_failed++;
		goto out;
	}
	for (yaml_node_item_t *it = tests->data.sequence.items.start;
	    it < tests->data.sequence.items.top; it++)
		run_test(file, &doc, yaml_document_get_node(&doc, *it));
out:
	if (have_doc)
		yaml_document_delete(&doc);
	if (f != NULL)
		fclose(f);
	free(path);
	free(base);
}

int
main(int argc, char **argv)
{
	const char *named = getenv("MUSTACHE_SPEC_DIR");
	char *dir;
	bool required = true;

	(void)t_report;   /* the lines here name the spec's tests instead */
	if (argc > 1) {
		dir = xstrdup(argv[1]);
	} else if (named != NULL && *named != '\0') {
		dir = xstrdup(named);
	} else {
		const char *root = getenv("NB_ROOT");
		dir = path_join(root != NULL ? root : ".",
		    "../shared/mustache-spec");
		required = false;
	}
	char *probe = path_join(dir, "interpolation.yml");
	bool present = path_exists(probe);
	free(probe);
	if (!present && !required) {
		/* data from outside the repository, absent: skipped, not failed */
		for (size_t i = 0; i < NB_COUNT(spec_files); i++)
			printf("SKIP: mustache/%s: the Mustache spec's test data is "
			    "not in %s (set MUSTACHE_SPEC_DIR to a copy of the "
			    "spec's specs/ folder)\n", spec_files[i], dir);
		free(dir);
		return 0;
	}
	for (size_t i = 0; i < NB_COUNT(spec_files); i++)
		run_file(dir, spec_files[i]);
	free(dir);
	return t_done();
}
