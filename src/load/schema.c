/* schema.c: typed reading of YAML values. Nothing is guessed: a value is
 * parsed as the type its key has, or rejected with a message a clerk can act
 * on (what was expected, what was found, and a suggestion where one helps). */
#include "load/schema.h"
#include "util/i18n.h"

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
		    _(what), ynode_kind_name(n));
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
		const char *wide = strstr(key->str, "：");
		if (wide != NULL && wide > key->str) {
			/* {from: 2026-11-25, to：2026-12-01} reads as one key */
			ld_error(ld, key, "after the key '%.*s' comes a full-width "
			    "colon '：': write a half-width colon and a space, "
			    "'%.*s: ...'", (int)(wide - key->str), key->str,
			    (int)(wide - key->str), key->str);
		} else if (key->str[0] != '\0' && strspn(key->str, "0123456789.") ==
		    strlen(key->str)) {
			ld_error(ld, key, "unknown key '%s' in %s: a comma inside "
			    "{...} ends an entry, so a number written with a "
			    "thousands separator was cut in two; write it without "
			    "separators", key->str, _(what));
		} else if (hint != NULL) {
			ld_error(ld, key, "unknown key '%s' in %s; did you mean '%s'?",
			    key->str, _(what), hint);
		} else {
			struct buf keys = {0};
			list_keys(&keys, allowed);
			ld_error(ld, key, "unknown key '%s' in %s (known keys: %s)",
			    key->str, _(what), keys.data ? keys.data : "none");
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
	ld_error(ld, n, "'%s' must be %s, not a %s", key, _(type),
	    ynode_kind_name(n));
	return false;
}

bool
ld_scalar_text(struct ld *ld, const struct ynode *n, const char *key,
    const char **out)
{
	if (!want_scalar(ld, n, key, N_("text")))
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

	if (n == NULL || !want_scalar(ld, n, key, N_("a whole number")))
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

/* An amount written with a thousands separator (1,200 or 1，200) or a unit
 * (1200元, 1200 元, 1200.5块): fix gets the amount as it should be written.
 * A separator counts only between groups of three digits before the
 * decimal point: 12,00 is not read as 1200. */
static bool
money_written_otherwise(const char *s, char *fix, size_t size)
{
	struct buf b = {0};
	int64_t fen;
	const char *why;
	bool ok = true, point = false;
	int group = -1;            /* digits since the last separator; -1: none yet */
	size_t first = 0;          /* digits before the first separator */

	for (const char *p = s; *p != '\0' && ok; p++) {
		size_t wide = strncmp(p, "，", 3) == 0 ? 3 : 0;
		if (*p == ' ') {
			/* "1200 元": the space before the unit */
			const char *q = p + strspn(p, " ");
			if (*q == '\0' || strcmp(q, "元") == 0 || strcmp(q, "块") == 0)
				break;
		}
		if (*p == ',' || *p == ' ' || wide > 0) {
			/* 1-3 digits first, then groups of exactly three */
			if (point || (group < 0 ? first < 1 || first > 3 : group != 3))
				ok = false;
			group = 0;
			if (wide > 0)
				p += wide - 1;
			continue;
		}
		if (strcmp(p, "元") == 0 || strcmp(p, "块") == 0)
			break;
		if (*p == '.') {
			if (group >= 0 && group != 3)
				ok = false;
			point = true;
		} else if (!point) {
			if (group >= 0)
				group++;
			else
				first++;
		}
		buf_putc(&b, *p);
	}
	if (group >= 0 && !point && group != 3)
		ok = false;
	ok = ok && b.data != NULL && strcmp(b.data, s) != 0 &&
	    money_parse(b.data, &fen, &why) && strlen(b.data) < size;
	if (ok)
		snprintf(fix, size, "%s", b.data);
	buf_free(&b);
	return ok;
}

bool
ld_money(struct ld *ld, const struct ynode *map, const char *key,
    bool required, int64_t *fen)
{
	const struct ynode *n = ld_get(ld, map, key, required);
	const char *why = NULL;

	if (n == NULL || !want_scalar(ld, n, key, N_("an amount")))
		return false;
	if (!money_parse(n->str, fen, &why)) {
		char fix[32];
		if (money_written_otherwise(n->str, fix, sizeof fix))
			ld_error(ld, n, "'%s': write the amount as %s, in digits "
			    "without separators or units, not '%s'", key, fix,
			    n->str);
		else
			ld_error(ld, n, "'%s': '%s' is not an amount: %s", key,
			    n->str, _(why));
		return false;
	}
	return true;
}

static bool date_written_otherwise(const char *s, char fix[16]);

bool
ld_date(struct ld *ld, const struct ynode *map, const char *key,
    bool required, int32_t *out)
{
	const struct ynode *n = ld_get(ld, map, key, required);
	const char *s;
	int y, m, d;

	if (n == NULL || !want_scalar(ld, n, key, N_("a date")))
		return false;
	if (date_parse(n->str, out)) {
		if (date_in_content_years(*out))
			return true;
		ld_error(ld, n, "'%s': %s lies outside the years a date may have "
		    "here (%d to %d), so that the periods, notice periods and "
		    "deadlines derived from it keep four-digit years", key, n->str,
		    DATE_FIRST_YEAR, DATE_LAST_YEAR);
		*out = DATE_NONE;
		return false;
	}
	s = n->str;
	if (strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
	    s[4] == '-' && s[7] == '-') {
		ld_error(ld, n, "'%s': %s is not a real calendar date", key, s);
		return false;
	}
	char fix[16];
	if (date_written_otherwise(s, fix))
		ld_error(ld, n, "'%s' must be a date written YYYY-MM-DD, not "
		    "'%s': write %s", key, s, fix);
	else
		ld_error(ld, n, "'%s' must be a date written YYYY-MM-DD "
		    "(such as 2026-11-20), not '%s'", key, s);
	return false;
}

/* A real date written another way clerks write dates: 2026.11.20,
 * 2026/11/20, 2026年11月20日, 2026-11-2; fix gets it as YYYY-MM-DD. */
static bool
date_written_otherwise(const char *s, char fix[16])
{
	int y, m, d, used = 0;
	int32_t day;
	char sep[4] = "";

	/* four digits of year: 20.11.26 could be anything */
	if (strspn(s, "0123456789") != 4)
		return false;
	if (sscanf(s, "%4d年%2d月%2d日%n", &y, &m, &d, &used) == 3 &&
	    s[used] == '\0') {
		/* 2026年11月20日 */
	} else if (sscanf(s, "%4d%1[./-]%2d%*1[./-]%2d%n", &y, sep, &m, &d,
	    &used) == 4 && s[used] == '\0') {
		/* 2026.11.20, 2026/11/20, 2026-11-2 */
	} else {
		return false;
	}
	snprintf(fix, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return date_parse(fix, &day);
}

bool
ld_bool(struct ld *ld, const struct ynode *map, const char *key,
    bool required, bool *out)
{
	const struct ynode *n = ld_get(ld, map, key, required);

	if (n == NULL || !want_scalar(ld, n, key, N_("true or false")))
		return false;
	/* a clerk may write 是 or 否 */
	if (strcmp(n->str, "true") == 0 || strcmp(n->str, "是") == 0) {
		*out = true;
		return true;
	}
	if (strcmp(n->str, "false") == 0 || strcmp(n->str, "否") == 0) {
		*out = false;
		return true;
	}
	ld_error(ld, n, "'%s' must be true or false (是 or 否), not '%s'", key,
	    n->str);
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
	if (!want_scalar(ld, n, key, N_("an id")))
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

/* An enumerated value's names: "decision|决策|决策公开" is the English name,
 * then the Chinese ones a clerk may write instead. Returns whether word is
 * one of them. */
static bool
enum_name_is(const char *names, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = names;; ) {
		const char *bar = strchr(p, '|');
		size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);
		if (n == len && memcmp(p, word, n) == 0)
			return true;
		if (bar == NULL)
			return false;
		p = bar + 1;
	}
}

bool
ld_enum(struct ld *ld, const struct ynode *map, const char *key,
    bool required, const char *const *names, int *out)
{
	const struct ynode *n = ld_get(ld, map, key, required);
	struct buf all = {0}, words = {0};
	const char **every;
	size_t count = 0, k = 0;

	if (n == NULL || !want_scalar(ld, n, key, N_("a single word")))
		return false;
	for (int i = 0; names[i] != NULL; i++) {
		if (enum_name_is(names[i], n->str)) {
			*out = i;
			return true;
		}
	}
	/* every name, English and Chinese, for the suggestion; the list in the
	 * message gives each value as "decision（决策）" */
	for (int i = 0; names[i] != NULL; i++) {
		const char *bar = strchr(names[i], '|');
		count += 1;
		for (const char *p = names[i]; (p = strchr(p, '|')) != NULL; p++)
			count++;
		if (bar == NULL) {
			buf_printf(&all, "%s%s", i ? ", " : "", names[i]);
		} else {
			const char *second = strchr(bar + 1, '|');
			int n2 = second ? (int)(second - bar - 1) : (int)strlen(bar + 1);
			buf_printf(&all, "%s%.*s（%.*s）", i ? ", " : "",
			    (int)(bar - names[i]), names[i], n2, bar + 1);
		}
		buf_put(&words, names[i], strlen(names[i]) + 1);
	}
	every = xcalloc(count + 1, sizeof *every);
	for (const char *p = words.data; k < count; ) {
		/* words holds the entries one after another, each ending in \0;
		 * split each at its bars */
		char *entry = (char *)p;
		size_t len = strlen(entry);
		for (char *q = entry; ; ) {
			char *bar = strchr(q, '|');
			if (bar != NULL)
				*bar = '\0';
			every[k++] = q;
			if (bar == NULL)
				break;
			q = bar + 1;
		}
		p = entry + len + 1;
	}
	const char *hint = did_you_mean(n->str, every);
	if (hint != NULL)
		ld_error(ld, n, "'%s': unknown value '%s'; did you mean '%s'? "
		    "(one of: %s)", key, n->str, hint, all.data);
	else
		ld_error(ld, n, "'%s': unknown value '%s' (one of: %s)", key,
		    n->str, all.data);
	free(every);
	buf_free(&words);
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
