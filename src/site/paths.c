/* paths.c: where each page of the site lives and how pages link to each
 * other: page paths, relative hrefs, absolute URLs and archive months, the
 * same for the planner, the pages, the feeds, the sitemap and the data. */
#include "site/site.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site/text.h"

char *
site_vcat(struct arena *a, const char *first, va_list ap)
{
	va_list again;
	size_t len = 0;
	char *out, *p;

	va_copy(again, ap);
	for (const char *s = first; s != NULL; s = va_arg(ap, const char *))
		len += strlen(s);
	out = p = arena_alloc(a, len + 1);
	for (const char *s = first; s != NULL; s = va_arg(again,
	    const char *)) {
		size_t n = strlen(s);
		memcpy(p, s, n);
		p += n;
	}
	va_end(again);
	*p = '\0';
	return out;
}

char *
site_cat(struct arena *a, const char *first, ...)
{
	va_list ap;
	char *out;

	va_start(ap, first);
	out = site_vcat(a, first, ap);
	va_end(ap);
	return out;
}

/* A town's and the county's own records live in the town's folder and in
 * county/, whose name no town may have. */
char *
village_dir(struct arena *a, const struct village *v)
{
	if (v->level != LEVEL_VILLAGE)
		return arena_strdup(a, v->dir);
	return SITE_CAT(a, v->town->id, "/", v->id);
}

char *
village_page_path(struct arena *a, const struct village *v)
{
	if (v->level == LEVEL_COUNTY)
		return arena_strdup(a, "index.html");
	if (v->level == LEVEL_TOWN)
		return town_page_path(a, v->town);
	return SITE_CAT(a, v->town->id, "/", v->id, "/index.html");
}

char *
town_page_path(struct arena *a, const struct town *t)
{
	return SITE_CAT(a, t->id, "/index.html");
}

char *
town_dashboard_path(struct arena *a, const struct town *t)
{
	return SITE_CAT(a, t->id, "/assessment.html");
}

const char *
record_file_name(const struct record *r)
{
	if (strcmp(r->id, "index") == 0)
		return "index-record";
	/* a town's record beside its dashboard */
	if (r->village->level == LEVEL_TOWN && strcmp(r->id, "assessment") == 0)
		return "assessment-record";
	return r->id;
}

char *
record_page_path(struct arena *a, const struct record *r)
{
	struct buf b = {0};
	char *path;

	record_page_path_put(&b, r);
	path = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return path;
}

void
record_page_path_put(struct buf *b, const struct record *r)
{
	const struct village *v = r->village;

	if (v->level != LEVEL_VILLAGE) {
		buf_puts(b, v->dir);
	} else {
		buf_puts(b, v->town->id);
		buf_putc(b, '/');
		buf_puts(b, v->id);
	}
	buf_putc(b, '/');
	buf_puts(b, record_file_name(r));
	buf_puts(b, ".html");
}

const char *
root_of(struct arena *a, const char *path)
{
	size_t depth = 0;
	for (const char *p = path; *p; p++)
		depth += *p == '/';
	if (depth == 0)
		return "";
	char *root = arena_alloc(a, depth * 3 + 1);
	for (size_t i = 0; i < depth; i++)
		memcpy(root + i * 3, "../", 3);
	return root;
}

char *
href(struct arena *a, const char *root, const char *target)
{
	return url_encode_arena(a, root, target);
}

char *
absolute_url(struct arena *a, const struct county *c, const char *target)
{
	return href(a, c->site.base_url, target);
}

void
month_name(int month, char out[MONTH_NAME_SIZE])
{
	int year = month / 12 % 10000, m = month % 12 + 1;

	out[0] = (char)('0' + year / 1000);
	out[1] = (char)('0' + year / 100 % 10);
	out[2] = (char)('0' + year / 10 % 10);
	out[3] = (char)('0' + year % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '\0';
}

int
month_of(int32_t date)
{
	int y, m, d;
	date_to_ymd(date, &y, &m, &d);
	return y * 12 + m - 1;
}

char *
village_data_path(struct arena *a, const struct village *v)
{
	if (v->level != LEVEL_VILLAGE)
		return arena_printf(a, "data/%s.json", v->dir);
	return arena_printf(a, "data/%s/%s.json", v->town->id, v->id);
}

const char *
place_of(struct arena *a, const struct village *v)
{
	struct buf b = {0};
	const char *place;

	village_place(v, &b);
	place = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return place;
}
