/* schema.c: typed reading of YAML values. Nothing is guessed: a value is
 * parsed as the type its key has, or rejected with a message a clerk can act
 * on (what was expected, what was found, and a suggestion where one helps). */
#include "load/schema.h"

#include <stdio.h>

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check/privacy.h"

struct pos
ld_pos(const struct ld *ld, const struct ynode *n)
{
	struct pos pos = {ld->path, n ? n->line : 1, n ? n->col : 1};
	return pos;
}

void
ld_error(struct ld *ld, const struct ynode *n, const char *fmt, ...)
{
	struct pos pos = ld_pos(ld, n);
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(DIAG_ERROR, &pos, fmt, ap);
	va_end(ap);
	ld->errors++;
}

void
ld_warning(struct ld *ld, const struct ynode *n, const char *fmt, ...)
{
	struct pos pos = ld_pos(ld, n);
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(DIAG_WARNING, &pos, fmt, ap);
	va_end(ap);
}

/* A key written in another case or with spaces is a near miss as well. */
static const char *
suggest_key(const char *key, const char *const *allowed)
{
	char folded[64];
	size_t i, j = 0;

	for (i = 0; key[i] != '\0' && j + 1 < sizeof folded; i++) {
		char c = key[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c == ' ' || c == '-')
			c = '_';
		folded[j++] = c;
	}
	folded[j] = '\0';
	return did_you_mean(folded, allowed);
}

static void
list_keys(struct buf *b, const char *const *allowed)
{
	for (const char *const *k = allowed; *k != NULL; k++)
		buf_printf(b, "%s%s", k == allowed ? "" : ", ", *k);
}

bool
ld_map(struct ld *ld, const struct ynode *n, const char *what,
    const char *const *allowed)
{
	if (n == NULL)
		return false;
	if (n->kind != YN_MAP) {
		ld_error(ld, n, "%s must be a mapping of keys and values, not a %s",
		    what, ynode_kind_name(n));
		return false;
	}
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *key = n->kids[2 * i];
		const char *const *k;
		for (k = allowed; *k != NULL; k++)
			if (strcmp(*k, key->str) == 0)
				break;
		if (*k != NULL)
			continue;
		const char *hint = suggest_key(key->str, allowed);
		if (key->str[0] != '\0' && strspn(key->str, "0123456789.") ==
		    strlen(key->str)) {
			ld_error(ld, key, "unknown key '%s' in %s: a comma inside "
			    "{...} ends an entry, so a number written with a "
			    "thousands separator was cut in two; write it without "
			    "separators", key->str, what);
		} else if (hint != NULL) {
			ld_error(ld, key, "unknown key '%s' in %s; did you mean '%s'?",
			    key->str, what, hint);
		} else {
			struct buf keys = {0};
			list_keys(&keys, allowed);
			ld_error(ld, key, "unknown key '%s' in %s (known keys: %s)",
			    key->str, what, keys.data ? keys.data : "none");
			buf_free(&keys);
		}
	}
	return true;
}

const struct ynode *
ld_get(struct ld *ld, const struct ynode *map, const char *key, bool required)
{
	const struct ynode *v = ymap_get(map, key);

	if (!ynode_is_null(v))
		return v;
	if (required && map != NULL && map->kind == YN_MAP) {
		if (v == NULL)
			ld_error(ld, map, "missing required key '%s'", key);
		else
			ld_error(ld, v, "'%s' is empty: a value is required", key);
	}
	return NULL;
}

struct pos
ld_key_pos(const struct ld *ld, const struct ynode *map, const char *key)
{
	for (size_t i = 0; map != NULL && map->kind == YN_MAP && i < map->n; i++)
		if (strcmp(map->kids[2 * i]->str, key) == 0)
			return ld_pos(ld, map->kids[2 * i]);
	return ld_pos(ld, map);
}

static bool
want_scalar(struct ld *ld, const struct ynode *n, const char *key,
    const char *type)
{
	if (n->kind == YN_SCALAR)
		return true;
	ld_error(ld, n, "'%s' must be %s, not a %s", key, type,
	    ynode_kind_name(n));
	return false;
}

bool
ld_scalar_text(struct ld *ld, const struct ynode *n, const char *key,
    const char **out)
{
	if (!want_scalar(ld, n, key, "text"))
		return false;
	/* the model keeps its own copy: the YAML tree is dropped after loading */
	const char *text = ld->mask ? privacy_mask_scalar(ld, n, n->str) : n->str;
	*out = text == n->str ? arena_strndup(ld->arena, n->str, n->len) : text;
	return true;
}

bool
ld_text(struct ld *ld, const struct ynode *map, const char *key,
    bool required, const char **out)
{
	const struct ynode *n = ld_get(ld, map, key, required);

	if (n == NULL || !ld_scalar_text(ld, n, key, out))
		return false;
	if (required && (*out)[strspn(*out, " \t\r\n")] == '\0') {
		ld_error(ld, n, "'%s' is blank: a value is required", key);
		*out = NULL;
		return false;
	}
	return true;
}

/* Parses a decimal integer; leading zeros are decimal (010 is ten). */
static bool
parse_int(const char *s, long min, long max, long *out)
{
	const char *p = s;
	bool negative = false;
	long v = 0;

	if (*p == '-') {
		negative = true;
		p++;
	}
	if (*p == '\0')
		return false;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return false;
		if (v > (max > -min ? max : -min) / 10 + 1)
			return false;
		v = v * 10 + (*p - '0');
	}
	if (negative)
		v = -v;
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool
ld_int(struct ld *ld, const struct ynode *map, const char *key, bool required,
    long min, long max, int *out)
{
	const struct ynode *n = ld_get(ld, map, key, required);
	long v;

	if (n == NULL || !want_scalar(ld, n, key, "a whole number"))
		return false;
	if (!parse_int(n->str, min, max, &v)) {
		const char *digits = n->str + (n->str[0] == '-');
		if (*digits != '\0' && strspn(digits, "0123456789") ==
		    strlen(digits))
			ld_error(ld, n, "'%s' must be between %ld and %ld, not %s",
			    key, min, max, n->str);
		else
			ld_error(ld, n, "'%s' must be a whole number written with "
			    "digits, not '%s'", key, n->str);
		return false;
	}
	*out = (int)v;
	return true;
}

bool
ld_money(struct ld *ld, const struct ynode *map, const char *key,
    bool required, int64_t *fen)
{
	const struct ynode *n = ld_get(ld, map, key, required);
	const char *why = NULL;

	if (n == NULL || !want_scalar(ld, n, key, "an amount"))
		return false;
	if (!money_parse(n->str, fen, &why)) {
		ld_error(ld, n, "'%s': '%s' is not an amount: %s", key, n->str, why);
		return false;
	}
	return true;
}

bool
ld_date(struct ld *ld, const struct ynode *map, const char *key,
    bool required, int32_t *out)
{
	const struct ynode *n = ld_get(ld, map, key, required);
	const char *s;
	int y, m, d;

	if (n == NULL || !want_scalar(ld, n, key, "a date"))
		return false;
	if (date_parse(n->str, out))
		return true;
	s = n->str;
	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
	    s[4] == '-' && s[7] == '-')
		ld_error(ld, n, "'%s': %s is not a real calendar date", key, s);
	else
		ld_error(ld, n, "'%s' must be a date written YYYY-MM-DD "
		    "(such as 2026-11-20), not '%s'", key, s);
	return false;
}

bool
ld_bool(struct ld *ld, const struct ynode *map, const char *key,
    bool required, bool *out)
{
	const struct ynode *n = ld_get(ld, map, key, required);

	if (n == NULL || !want_scalar(ld, n, key, "true or false"))
		return false;
	if (strcmp(n->str, "true") == 0) {
		*out = true;
		return true;
	}
	if (strcmp(n->str, "false") == 0) {
		*out = false;
		return true;
	}
	ld_error(ld, n, "'%s' must be true or false, not '%s'", key, n->str);
	return false;
}

bool
id_valid(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return false;
	return true;
}

bool
ld_scalar_id(struct ld *ld, const struct ynode *n, const char *key,
    const char **out)
{
	if (!want_scalar(ld, n, key, "an id"))
		return false;
	if (!id_valid(n->str)) {
		ld_error(ld, n, "'%s': '%s' is not a valid id: use lower-case "
		    "letters a-z, digits and '-', starting with a letter or "
		    "digit", key, n->str);
		return false;
	}
	*out = arena_strndup(ld->arena, n->str, n->len);
	return true;
}

bool
ld_id(struct ld *ld, const struct ynode *map, const char *key, bool required,
    const char **out)
{
	const struct ynode *n = ld_get(ld, map, key, required);

	return n != NULL && ld_scalar_id(ld, n, key, out);
}

bool
ld_enum(struct ld *ld, const struct ynode *map, const char *key,
    bool required, const char *const *names, int *out)
{
	const struct ynode *n = ld_get(ld, map, key, required);
	const char *hint;
	struct buf all = {0};

	if (n == NULL || !want_scalar(ld, n, key, "a single word"))
		return false;
	for (int i = 0; names[i] != NULL; i++) {
		if (strcmp(names[i], n->str) == 0) {
			*out = i;
			return true;
		}
	}
	hint = did_you_mean(n->str, names);
	list_keys(&all, names);
	if (hint != NULL)
		ld_error(ld, n, "'%s': unknown value '%s'; did you mean '%s'? "
		    "(one of: %s)", key, n->str, hint, all.data);
	else
		ld_error(ld, n, "'%s': unknown value '%s' (one of: %s)", key,
		    n->str, all.data);
	buf_free(&all);
	return false;
}

bool
ld_text_list(struct ld *ld, const struct ynode *map, const char *key,
    bool required, bool allow_single, const char ***out, size_t *count,
    const struct ynode ***nodes)
{
	const struct ynode *n = ld_get(ld, map, key, required);
	const char **items;
	bool ok = true;

	*out = NULL;
	*count = 0;
	if (nodes != NULL)
		*nodes = NULL;
	if (n == NULL)
		return false;
	if (n->kind == YN_SCALAR && allow_single) {
		items = arena_alloc(ld->arena, sizeof *items);
		ld_scalar_text(ld, n, key, &items[0]);
		*out = items;
		*count = 1;
		if (nodes != NULL) {
			*nodes = arena_alloc(ld->arena, sizeof **nodes);
			(*nodes)[0] = n;
		}
		return true;
	}
	if (n->kind != YN_SEQ) {
		ld_error(ld, n, "'%s' must be a list such as [a, b], not a %s",
		    key, ynode_kind_name(n));
		return false;
	}
	items = arena_alloc(ld->arena, (n->n ? n->n : 1) * sizeof *items);
	if (nodes != NULL)
		*nodes = arena_alloc(ld->arena, (n->n ? n->n : 1) * sizeof **nodes);
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *item = n->kids[i];
		if (item->kind != YN_SCALAR) {
			ld_error(ld, item, "each item of '%s' must be text, not a %s",
			    key, ynode_kind_name(item));
			ok = false;
			continue;
		}
		if (nodes != NULL)
			(*nodes)[*count] = item;
		/* each item is text a reader sees: masked like any other */
		ld_scalar_text(ld, item, key, &items[(*count)++]);
	}
	*out = items;
	return ok;
}

struct mask_report {
	struct ld *ld;
	const struct ynode *node;
	const char *text;
	struct text_cursor at;
};

static void
report_masked(void *ctx, const struct pii_match *m)
{
	struct mask_report *r = ctx;
	struct pos pos = ld_pos(r->ld, r->node);

	/* the line and column of the number itself, inside a block too; the
	 * text scanned is the node's own value */
	if (r->text == r->node->str)
		ynode_pos_of(r->node, m->start, &pos.line, &pos.col);
	privacy_report(r->ld->privacy_error, &pos, m);
	if (r->ld->privacy_error)
		r->ld->errors++;
}

const char *
privacy_mask_scalar(struct ld *ld, const struct ynode *n, const char *text)
{
	struct mask_report r = {ld, n, text, {text, 0, 0, 0}};
	char *copy;

	if (pii_scan(text, strlen(text), report_masked, &r) == 0)
		return text;
	copy = arena_strdup(ld->arena, text);
	pii_mask(copy, strlen(copy));
	return copy;
}
