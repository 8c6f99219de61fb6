/* fuzz_mustache.c: libFuzzer target for the template engine of
 * src/site/mustache.c. An input is up to eight templates parted by a 0x01
 * byte, named t0 to t7 (each may name the others as partials or parents);
 * t0 is compiled and rendered with a small data tree. Any input must give a
 * page or an error that says what it is, within the engine's bounds, never
 * a crash, a leak or a hang. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "site/mustache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct parts {
	const char *text[8];
	size_t len[8];
	size_t n;
};

static int
load(void *ctx, const char *name, char **text, size_t *len, char **path)
{
	const struct parts *p = ctx;

	if (name[0] != 't' || name[1] < '0' || name[1] > '7' || name[2] != '\0')
		return 1;
	size_t i = (size_t)(name[1] - '0');
	if (i >= p->n)
		return 1;
	*text = xstrndup(p->text[i], p->len[i]);
	*len = p->len[i];
	*path = NULL;
	return 0;
}

static struct mu_value *
data_tree(struct arena *a)
{
	struct mu_value *d = mu_map(a), *list = mu_list(a), *item;

	mu_map_set(d, "s", mu_str(a, "<b>\"村务\"&'x'</b>"));
	mu_map_set(d, "e", mu_str(a, ""));
	mu_map_set(d, "n", mu_int(a, 0));
	mu_map_set(d, "t", mu_bool(a, true));
	mu_map_set(d, "f", mu_bool(a, false));
	mu_map_set(d, "z", mu_null(a));
	for (int i = 0; i < 3; i++) {
		item = mu_map(a);
		mu_map_set(item, "i", mu_int(a, i));
		mu_map_set(item, "s", mu_str(a, "\n  line\n"));
		mu_map_set(item, "d", d);   /* a map that holds itself, above */
		mu_list_push(list, item);
	}
	mu_map_set(d, "l", list);
	mu_map_set(d, "m", d);
	return d;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parts p = {0};
	const char *s = (const char *)data, *end = s + size;
	struct buf out = {0}, err = {0};

	while (p.n < 8) {
		const char *cut = memchr(s, 0x01, (size_t)(end - s));
		p.text[p.n] = s;
		p.len[p.n] = cut != NULL ? (size_t)(cut - s) : (size_t)(end - s);
		p.n++;
		if (cut == NULL)
			break;
		s = cut + 1;
	}
	struct arena *a = arena_new();
	struct mu_value *d = data_tree(a);
	struct mu_engine *e = mu_engine_new(load, &p, size > 0 && data[0] % 2);
	const struct mu_template *tpl = mu_engine_get(e, "t0", &err);
	if (tpl == NULL && err.len == 0)
		abort();                   /* a failure must say what it is */
	if (tpl != NULL) {
		if (mu_render(tpl, d, &out, &err) != 0 && err.len == 0)
			abort();
		/* the bound, give or take one line and its indentation */
		if (out.len > MU_MAX_OUTPUT + 65 * size + 4096)
			abort();
	}
	buf_free(&out);
	buf_free(&err);
	mu_engine_free(e);
	arena_free(a);
	return 0;
}
