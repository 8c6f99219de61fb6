/* fuzz_yaml.c: libFuzzer target that reads each input with both YAML
 * readers, the plain front-matter reader and libyaml, and aborts where the
 * plain reader reads a document otherwise than libyaml does: another tree
 * (kinds, text, quoting, lines, columns, weights) or other diagnostics.
 * Where the plain reader gives up it must have reported nothing. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "load/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
differ(const char *what, const struct ynode *a, const struct ynode *b)
{
	fprintf(stderr, "fuzz_yaml: the readers differ: %s", what);
	if (a != NULL && b != NULL)
		fprintf(stderr, " (plain %d:%d, libyaml %d:%d)", a->line, a->col,
		    b->line, b->col);
	fputc('\n', stderr);
	abort();
}

static void
same_tree(const struct ynode *a, const struct ynode *b)
{
	if (a->kind != b->kind)
		differ("kind", a, b);
	if (a->line != b->line || a->col != b->col)
		differ("mark", a, b);
	if (a->weight != b->weight)
		differ("weight", a, b);
	if (a->kind == YN_SCALAR) {
		if (a->plain != b->plain)
			differ("style", a, b);
		if (a->len != b->len || memcmp(a->str, b->str, a->len) != 0)
			differ("text", a, b);
		if (a->n_lines != b->n_lines)
			differ("line map", a, b);
		for (size_t i = 0; i < a->n_lines; i++)
			if (a->lines[i].off != b->lines[i].off ||
			    a->lines[i].line != b->lines[i].line ||
			    a->lines[i].col != b->lines[i].col)
				differ("line map", a, b);
		return;
	}
	if (a->n != b->n)
		differ("size", a, b);
	size_t kids = a->kind == YN_MAP ? 2 * a->n : a->n;
	for (size_t i = 0; i < kids; i++)
		same_tree(a->kids[i], b->kids[i]);
}

/* The diagnostics reported since the last reset, as one text. */
static char *
diagnostics(void)
{
	struct buf b = {0};
	const struct diag *d;
	size_t n;

	d = diag_sorted(&n);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s:%d:%d: %s\n", d[i].path, d[i].line, d[i].col,
		    d[i].message);
	diag_reset();
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *arena = arena_new();
	/* a copy of exactly the input, without a NUL after it */
	char *text = malloc(size ? size : 1);
	bool gave_up;

	memcpy(text, data, size);
	diag_reset();
	struct ynode *plain = ytree_load_plain(arena, "f.md", text, size, 1,
	    &gave_up);
	char *plain_diags = diagnostics();
	if (gave_up) {
		if (plain != NULL || *plain_diags != '\0')
			differ("gave up after reading or reporting", NULL, NULL);
	} else {
		struct ynode *lib = ytree_load_libyaml(arena, "f.md", text,
		    size, 1);
		char *lib_diags = diagnostics();
		if ((plain == NULL) != (lib == NULL))
			differ("one refuses the document", NULL, NULL);
		if (plain != NULL)
			same_tree(plain, lib);
		if (strcmp(plain_diags, lib_diags) != 0) {
			fprintf(stderr, "plain:\n%slibyaml:\n%s", plain_diags,
			    lib_diags);
			differ("diagnostics", NULL, NULL);
		}
		free(lib_diags);
	}
	free(plain_diags);
	free(text);
	arena_free(arena);
	return 0;
}
