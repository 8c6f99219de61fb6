/* feeds.c: Atom feeds of the county, each town and each village, and the
 * sitemap. Their dates come from the records, so that the same content
 * gives the same bytes whatever day it is built; a feed with no record yet
 * is as of the build clock (its job's key has the clock). */
#include "site/site.h"

#include <stdlib.h>
#include <string.h>

#include "site/text.h"

static void
collect_village(const struct village *v, struct ptrvec *out)
{
	for (size_t i = 0; i < v->n_records; i++)
		if (!v->records[i]->draft)
			ptrvec_push(out, v->records[i]);
}

bool
feed_is_empty(const struct site_state *st, const struct page *p)
{
	const struct record *one;

	if (p->village != NULL) {
		for (size_t i = 0; i < p->village->n_records; i++)
			if (!p->village->records[i]->draft)
				return false;
		return true;
	}
	return site_latest(st, p->town, &one, 1) == 0;
}

static void
atom_date(struct buf *b, int32_t date)
{
	char iso[11];
	date_format(date, iso);
	buf_puts(b, iso);
	buf_puts(b, "T00:00:00+08:00");
}

static void
xml_text_element(struct buf *b, const char *indent, const char *name,
    const char *text)
{
	buf_puts(b, indent);
	buf_putc(b, '<');
	buf_puts(b, name);
	buf_putc(b, '>');
	buf_puts_escaped(b, text);
	buf_puts(b, "</");
	buf_puts(b, name);
	buf_puts(b, ">\n");
}

/* The body as HTML, tables and all, for readers that show an entry
 * whole; its relative links resolve against the record's page (xml:base).
 * An assistance list's names and reasons never reach a feed. */
static void
feed_content(struct buf *out, const struct record *rec, const char *url,
    struct buf *scratch)
{
	struct buf clean = {0};

	if (rec->body == NULL || *rec->body == '\0')
		return;
	buf_reset(scratch);
	record_scrub(rec, rec->body, &clean);
	markdown_html(clean.data ? clean.data : "", scratch);
	buf_free(&clean);
	if (scratch->len == 0)
		return;
	buf_puts(out, "    <content type=\"html\" xml:base=\"");
	buf_puts_escaped(out, url);
	buf_puts(out, "\">");
	buf_put_escaped(out, scratch->data, scratch->len);
	buf_puts(out, "</content>\n");
}

int
render_feed(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	const struct county *c = st->county;
	struct arena *a = arena_new();
	struct ptrvec own = {0};
	struct buf summary = {0};
	const struct record *latest[FEED_ENTRIES];
	const struct record *const *recs;
	size_t n;
	const char *title, *page;
	struct buf *out = job_emit(r, p->out_path);

	if (p->village != NULL) {
		/* a village's few records, sorted as the published ones are */
		collect_village(p->village, &own);
		if (own.len > 1)
			qsort(own.items, own.len, sizeof *own.items, site_published_cmp);
		recs = (const struct record *const *)own.items;
		n = own.len < FEED_ENTRIES ? own.len : FEED_ENTRIES;
		title = SITE_CAT(a, c->site.name, " ", p->village->town->name,
		    " ", p->village->name, " 村务公开");
		page = village_page_path(a, p->village);
	} else {
		n = site_latest(st, p->town, latest, FEED_ENTRIES);
		recs = latest;
		title = p->town != NULL ? SITE_CAT(a, c->site.name, " ",
		    p->town->name, " 村务公开") : SITE_CAT(a, c->site.name,
		    " 村务公开");
		page = p->town != NULL ? town_page_path(a, p->town) :
		    "index.html";
	}

	buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n");
	xml_text_element(out, "  ", "title", title);
	buf_puts(out, "  <id>");
	buf_puts_escaped(out, absolute_url(a, c, p->path));
	buf_puts(out, "</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
	buf_puts_escaped(out, absolute_url(a, c, p->path));
	buf_puts(out, "\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
	buf_puts_escaped(out, absolute_url(a, c, page));
	buf_puts(out, "\"/>\n  <updated>");
	/* no entries yet: empty as of the build clock */
	atom_date(out, n > 0 ? recs[0]->date : c->today);
	buf_puts(out, "</updated>\n  <author><name>");
	buf_puts_escaped(out, c->site.name);
	buf_puts(out, "</name></author>\n");
	for (size_t i = 0; i < n; i++) {
		const struct record *rec = recs[i];
		const char *url = absolute_url(a, c, record_page_path(a, rec));
		buf_puts(out, "  <entry>\n");
		xml_text_element(out, "    ", "title", rec->title);
		buf_puts(out, "    <id>");
		buf_puts_escaped(out, url);
		buf_puts(out, "</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"");
		buf_puts_escaped(out, url);
		buf_puts(out, "\"/>\n    <updated>");
		atom_date(out, rec->date);
		buf_puts(out, "</updated>\n    <category term=\"");
		buf_puts(out, record_type_name(rec->type));
		buf_puts(out, "\" label=\"");
		buf_puts(out, site_type_label(rec->type));
		buf_puts(out, "\"/>\n");
		buf_reset(&summary);
		village_place(rec->village, &summary);
		buf_puts(&summary, " · ");
		buf_puts(&summary, site_type_label(rec->type));
		buf_puts(&summary, " · 公示期 ");
		date_cn(rec->publish_from, &summary);
		buf_puts(&summary, " 至 ");
		date_cn(rec->publish_to, &summary);
		buf_puts(&summary, "。");
		site_excerpt(st, site_doc(st, rec), &summary);
		xml_text_element(out, "    ", "summary", summary.data);
		feed_content(out, rec, url, &summary);
		buf_puts(out, "  </entry>\n");
	}
	buf_free(&summary);
	buf_puts(out, "</feed>\n");
	ptrvec_free(&own);
	arena_free(a);
	return 0;
}

/* ---- sitemap and robots.txt ---- */

static int32_t
later(int32_t a, int32_t b)
{
	if (a == DATE_NONE)
		return b;
	return b != DATE_NONE && b > a ? b : a;
}

/* When a record's page last changed: its date, or a later published
 * record's that follows it (the page lists them). */
static int32_t
record_lastmod(const struct record *r)
{
	int32_t last = r->date;

	for (size_t i = 0; i < r->n_followers; i++)
		if (!r->followers[i]->draft)
			last = later(last, r->followers[i]->date);
	return last;
}

/* The latest change among a village's (or a level's) published records. */
static int32_t
village_lastmod(const struct village *v)
{
	int32_t last = DATE_NONE;

	for (size_t i = 0; i < v->n_records; i++)
		if (!v->records[i]->draft)
			last = later(last, record_lastmod(v->records[i]));
	return last;
}

static void
sitemap_url(struct buf *out, struct arena *a, const struct county *c,
    const char *path, int32_t lastmod)
{
	buf_puts(out, "  <url><loc>");
	buf_puts_escaped(out, absolute_url(a, c, path));
	buf_puts(out, "</loc>");
	if (lastmod != DATE_NONE) {
		char iso[11];
		date_format(lastmod, iso);
		buf_puts(out, "<lastmod>");
		buf_puts(out, iso);
		buf_puts(out, "</lastmod>");
	}
	buf_puts(out, "</url>\n");
}

static void
sitemap_records(struct buf *out, struct arena *a, const struct county *c,
    const struct village *v)
{
	for (size_t i = 0; i < v->n_records; i++)
		if (!v->records[i]->draft)
			sitemap_url(out, a, c, record_page_path(a, v->records[i]),
			    record_lastmod(v->records[i]));
}

/* robots.txt: everything may be read, and where the sitemap is. A crawler
 * reads it only at the root of a host: a site under a path has its
 * webmaster copy the Sitemap line into the host's own robots.txt. */
static void
robots_txt(const struct county *c, struct arena *a, struct buf *out)
{
	buf_puts(out, "User-agent: *\nAllow: /\n\nSitemap: ");
	buf_puts(out, absolute_url(a, c, "sitemap.xml"));
	buf_putc(out, '\n');
}

/* The assessment's pages change with the build clock, which the sitemap
 * does not follow: they have no lastmod. */
int
render_sitemap(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	const struct county *c = st->county;
	const struct catalog *cat = &c->catalog;
	struct arena *a = arena_new();
	struct buf *out = job_emit(r, p->out_path);
	int32_t county_last = DATE_NONE;

	if (st->n_published > 0)
		county_last = st->published[0]->date;
	for (size_t t = 0; t < c->n_towns; t++) {
		county_last = later(county_last, village_lastmod(&c->towns[t].own));
		for (size_t v = 0; v < c->towns[t].n_villages; v++)
			county_last = later(county_last,
			    village_lastmod(&c->towns[t].villages[v]));
	}
	county_last = later(county_last, village_lastmod(&c->own));

	buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	sitemap_url(out, a, c, "index.html", county_last);
	sitemap_url(out, a, c, "search.html", county_last);
	sitemap_url(out, a, c, "assessment/index.html", DATE_NONE);
	for (size_t t = 0; t < c->n_towns; t++) {
		const struct town *town = &c->towns[t];
		int32_t town_last = village_lastmod(&town->own);
		for (size_t v = 0; v < town->n_villages; v++)
			town_last = later(town_last,
			    village_lastmod(&town->villages[v]));
		sitemap_url(out, a, c, town_page_path(a, town), town_last);
		sitemap_url(out, a, c, town_dashboard_path(a, town), DATE_NONE);
		for (size_t v = 0; v < town->n_villages; v++) {
			const struct village *vil = &town->villages[v];
			const char *dir = village_dir(a, vil);
			sitemap_url(out, a, c, village_page_path(a, vil),
			    village_lastmod(vil));
			/* an archive per month, as of its latest change; the
			 * records' months (-1 for a draft) worked out once, not
			 * once per pair of records */
			int *months = arena_alloc(a, (vil->n_records + 1) *
			    sizeof *months);
			for (size_t i = 0; i < vil->n_records; i++)
				months[i] = vil->records[i]->draft ? -1 :
				    month_of(vil->records[i]->date);
			for (size_t i = 0; i < vil->n_records; i++) {
				int32_t last = DATE_NONE;
				int month = months[i];
				size_t k;
				if (month < 0)
					continue;
				for (k = 0; k < i; k++)
					if (months[k] == month)
						break;
				if (k < i)
					continue;
				for (k = i; k < vil->n_records; k++)
					if (months[k] == month)
						last = later(last,
						    vil->records[k]->date);
				sitemap_url(out, a, c, arena_printf(a,
				    "%s/archive/%04d-%02d.html", dir, month / 12,
				    month % 12 + 1), last);
			}
			sitemap_records(out, a, c, vil);
		}
		sitemap_records(out, a, c, &town->own);
	}
	sitemap_records(out, a, c, &c->own);
	sitemap_url(out, a, c, "catalog/index.html", DATE_NONE);
	for (size_t d = 0, k = 0; d < cat->n_domains; d++)
		for (size_t i = 0; i < cat->domains[d].n_items; i++, k++) {
			const struct item_uses *u = &st->uses[k];
			int32_t last = DATE_NONE;
			for (size_t j = 0; j < u->n_records; j++)
				last = later(last, u->records[j]->date);
			sitemap_url(out, a, c, SITE_CAT(a, "catalog/",
			    cat->domains[d].items[i].id, ".html"), last);
		}
	for (size_t i = 0; i < cat->n_roles; i++)
		sitemap_url(out, a, c, SITE_CAT(a, "duties/", cat->roles[i].id,
		    ".html"), DATE_NONE);
	for (size_t i = 0; i < cat->n_services; i++)
		sitemap_url(out, a, c, SITE_CAT(a, "services/",
		    cat->services[i].id, ".html"), DATE_NONE);
	buf_puts(out, "</urlset>\n");
	robots_txt(c, a, job_emit(r, "site/robots.txt"));
	arena_free(a);
	return 0;
}
