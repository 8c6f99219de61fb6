/* site.c: the website backend: loads the theme, indexes what pages share
 * (the published records, each catalog item's records), and plans one job per
 * page or small group of files, keyed by exactly the inputs it shows. */
#include "site/site.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "engine/backends.h"
#include "flow/flow.h"
#include "site/text.h"

/* ---- flowcharts ---- */

static int
render_flow_svg(const struct page *p, struct job_result *r)
{
	struct buf err = {0};
	struct flow_layout *l = flow_layout_new(p->flow, &err);
	int rc;

	if (l == NULL) {
		buf_printf(&r->err, "%s: %s", p->path, err.data ? err.data :
		    "cannot lay out the flow");
		buf_free(&err);
		return -1;
	}
	rc = flow_write_svg(l, job_emit(r, p->out_path));
	if (rc != 0)
		buf_printf(&r->err, "%s: cannot draw the flow", p->path);
	flow_layout_free(l);
	buf_free(&err);
	return rc;
}


/* ---- create and destroy ---- */

static void
site_destroy(void *state)
{
	struct site_state *st = state;

	if (st == NULL)
		return;
	theme_free(&st->theme);
	excerpt_memo_sweep(st->published, st->n_published);
	free(st->published);
	free(st->doc_table);
	for (size_t i = 0; i < st->n_uses; i++)
		free(st->uses[i].records);
	free(st->uses);
	free(st->village_digest);
	free(st->level_digest);
	assess_free(st->assessment);
	search_index_free(st->search);
	excerpts_free(st->excerpts);
	free(st->in_feed);
	free(st);
}

static void *
site_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	struct site_state *st = xcalloc(1, sizeof *st);

	st->county = county;
	if (theme_load(&st->theme, o->data_dir, o->content_dir,
	    county->site.theme, err) != 0) {
		site_destroy(st);
		return NULL;
	}
	return st;
}

/* ---- indexes ---- */

static struct item_uses *
uses_of(struct site_state *st, const struct power_item *item)
{
	/* items are listed in catalog order, so one domain's items are a run */
	const struct catalog *c = &st->county->catalog;
	size_t base = 0;

	for (size_t d = 0; d < c->n_domains; d++) {
		const struct domain *dom = &c->domains[d];
		if (item >= dom->items && item < dom->items + dom->n_items)
			return &st->uses[base + (size_t)(item - dom->items)];
		base += dom->n_items;
	}
	return NULL;
}

/* A village's number in the county's order, as in village_digest; the
 * towns' own records follow the villages, then the county's. */
static size_t
village_number(const struct county *c, const struct village *v)
{
	const struct town *t = v->town;

	if (v->level == LEVEL_COUNTY)
		return c->n_villages + c->n_towns;
	if (v->level == LEVEL_TOWN)
		return c->n_villages + (size_t)(t - c->towns);
	size_t k = (size_t)(v - t->villages);
	for (size_t i = 0; i < c->n_towns && &c->towns[i] != t; i++)
		k += c->towns[i].n_villages;
	return k;
}

/* Indexes the records of one village (or level): the published ones and
 * each item's; returns the digest of what it holds. */
static struct digest
index_village(struct site_state *st, const struct village *vil, size_t *caps)
{
	struct hasher h;

	hasher_init(&h);
	hasher_str(&h, vil->id);
	hasher_digest(&h, &vil->hash);
	/* the records' text, not their files (content_hash has those): the
	 * lists, feeds and search show no photo, and only a record's own page
	 * is made again for a changed one */
	for (size_t r = 0; r < vil->n_records; r++) {
		const struct record *rec = vil->records[r];
		hasher_str(&h, rec->path);
		hasher_digest(&h, &rec->hash);
		if (rec->draft)
			continue;
		st->published[st->n_published++] = rec;
		struct item_uses *u = rec->power ? uses_of(st, rec->power) :
		    NULL;
		if (u == NULL)
			continue;
		size_t k = (size_t)(u - st->uses);
		if (u->n_records == caps[k]) {
			caps[k] = caps[k] ? caps[k] * 2 : 8;
			u->records = xrealloc(u->records, caps[k] *
			    sizeof *u->records);
		}
		u->records[u->n_records++] = rec;
	}
	return hasher_final(&h);
}

static void
index_county(struct site_state *st)
{
	const struct county *c = st->county;
	size_t n = 0, vi = 0, cap_uses = 0;
	size_t *caps;
	struct hasher all;

	for (size_t d = 0; d < c->catalog.n_domains; d++)
		cap_uses += c->catalog.domains[d].n_items;
	st->uses = xcalloc(cap_uses + 1, sizeof *st->uses);
	st->n_uses = cap_uses;
	caps = xcalloc(cap_uses + 1, sizeof *caps);
	for (size_t d = 0, k = 0; d < c->catalog.n_domains; d++)
		for (size_t i = 0; i < c->catalog.domains[d].n_items; i++)
			st->uses[k++].item = &c->catalog.domains[d].items[i];

	st->published = xcalloc(c->n_records + 1, sizeof *st->published);
	st->village_digest = xcalloc(c->n_villages + 1, sizeof *st->village_digest);
	st->level_digest = xcalloc(c->n_towns + 2, sizeof *st->level_digest);
	hasher_init(&all);
	/* not content_hash: it has the records' files too, which no page but
	 * the record's own shows */
	hasher_digest(&all, &c->site.hash);
	hasher_digest(&all, &c->catalog.hash);
	for (size_t t = 0; t < c->n_towns; t++) {
		const struct town *town = &c->towns[t];
		hasher_str(&all, town->id);
		hasher_digest(&all, &town->hash);
		for (size_t v = 0; v < town->n_villages; v++, vi++) {
			st->village_digest[vi] = index_village(st,
			    &town->villages[v], caps);
			hasher_digest(&all, &st->village_digest[vi]);
		}
		st->level_digest[t] = index_village(st, &town->own, caps);
		hasher_digest(&all, &st->level_digest[t]);
	}
	st->level_digest[c->n_towns] = index_village(st, &c->own, caps);
	hasher_digest(&all, &st->level_digest[c->n_towns]);
	st->all_digest = hasher_final(&all);
	n = st->n_published;
	if (n > 1)
		qsort(st->published, n, sizeof *st->published, site_published_cmp);
	site_docs_index(st);
	for (size_t k = 0; k < st->n_uses; k++)
		if (st->uses[k].n_records > 1)
			qsort(st->uses[k].records, st->uses[k].n_records,
			    sizeof *st->uses[k].records, site_published_cmp);
	free(caps);

	/* the feeds list records newest first as published is sorted: a
	 * village's first FEED_ENTRIES are on its feed, and the town's and the
	 * county's feeds take theirs from those */
	size_t *on_feed = xcalloc(c->n_villages + c->n_towns + 2,
	    sizeof *on_feed);
	st->in_feed = xcalloc(n + 1, sizeof *st->in_feed);
	for (size_t d = 0; d < n; d++) {
		const struct village *v = st->published[d]->village;
		size_t k = village_number(c, v);
		if (on_feed[k] < FEED_ENTRIES) {
			on_feed[k]++;
			st->in_feed[d] = true;
		}
	}
	free(on_feed);
	st->excerpts = excerpts_new(n);
	st->search = search_index_new(n + search_places(c));
}

/* ---- jobs ---- */

static int
run_job(const struct job *job, struct job_result *r)
{
	const struct site_state *st = job->state;
	const struct page *p = job->extra;

	switch (p->what) {
	case OUT_PAGE:
		return render_page(st, p, r);
	case OUT_FEED:
		return render_feed(st, p, r);
	case OUT_SITEMAP:
		return render_sitemap(st, p, r);
	case OUT_STATIC:
		buf_put(job_emit(r, p->file->out_path), p->file->data.data ?
		    p->file->data.data : "", p->file->data.len);
		return 0;
	case OUT_SEARCH_DOCS:
		return render_search_docs(st, p, r);
	case OUT_SEARCH_SHARDS:
		return render_search_shards(st, p, r);
	case OUT_FLOW_SVG:
		return render_flow_svg(p, r);
	case OUT_SCORES_CSV:
		return render_scores_csv(st, p, r);
	case OUT_VILLAGE_DATA:
		return render_village_data(st, p, r);
	case OUT_DATA_INDEX:
		return render_data_index(st, p, r);
	case OUT_PHOTO:
		return render_photo(st, p, r);
	case OUT_ATTACHMENT:
		return render_attachment(st, p, r);
	}
	buf_puts(&r->err, "unknown output");
	return -1;
}

struct planner {
	struct site_state *st;
	struct job_list *jobs;
	struct ptrvec media;       /* the published records' files */
};

/* Whether a job gathers what many record pages make as they render (the
 * excerpts: the search index and the feeds). Such jobs are of a later
 * phase: the engine starts none of them before every page has started, so
 * most texts are parsed once for all. Any other order gives the same
 * files, with some texts parsed twice. */
static bool
gathers(const struct page *p)
{
	return p->what == OUT_SEARCH_SHARDS || p->what == OUT_FEED;
}

/* A job for one output; the key starts with what every site file shares:
 * the program, the theme and site.yaml. */
static struct job *
add_job(struct planner *pl, struct page *p, struct hasher *h)
{
	struct job *job = job_add(pl->jobs, OUT_SITE,
	    SITE_CAT(pl->jobs->arena, "site:", p->path));
	job->label = p->path;
	job->phase = gathers(p) ? 1 : 0;
	/* the pages and what they show (styles, scripts, charts) first */
	job->late = p->what != OUT_PAGE && p->what != OUT_STATIC &&
	    p->what != OUT_FLOW_SVG;
	job->render = run_job;
	job->state = pl->st;
	job->subject = p;
	job->extra = p;
	job_key_init(h, "site");
	hasher_digest(h, &pl->st->theme.digest);
	hasher_digest(h, &pl->st->county->site.hash);
	hasher_u64(h, (uint64_t)p->what);
	hasher_u64(h, (uint64_t)p->kind);
	hasher_str(h, p->path);
	if (p->what == OUT_FEED && feed_is_empty(pl->st, p))
		hasher_u64(h, (uint64_t)(int64_t)pl->st->county->today);
	return job;
}

/* A page whose path is the strings up to a NULL joined: one string for
 * the path and the output path both. */
static struct page *
new_page_at(struct planner *pl, enum output_what what, enum page_kind kind,
    const char *first, ...)
{
	struct page *p = arena_alloc(pl->jobs->arena, sizeof *p);
	va_list ap;

	va_start(ap, first);
	p->out_path = site_vcat(pl->jobs->arena, first, ap);
	va_end(ap);
	p->path = p->out_path + strlen("site/");
	p->what = what;
	p->kind = kind;
	return p;
}

#define new_page(pl, what, kind, ...) new_page_at((pl), (what), (kind), \
	"site/", __VA_ARGS__, (const char *)NULL)

static void
hash_record(struct hasher *h, const struct record *r)
{
	hasher_str(h, r->path);
	hasher_digest(h, &r->hash);
	job_key_place(h, r->village);
}

static void
plan_record(struct planner *pl, const struct record *r)
{
	struct page *p = new_page(pl, OUT_PAGE, PAGE_RECORD,
	    record_page_path(pl->jobs->arena, r));
	struct hasher h;

	p->record = r;
	p->doc = site_doc(pl->st, r);
	p->village = r->village;
	p->town = r->village->town;
	struct job *job = add_job(pl, p, &h);
	hash_record(&h, r);
	/* the county's name is a county record's place */
	if (r->village->level == LEVEL_COUNTY)
		hasher_digest(&h, &pl->st->county->site.hash);
	hasher_digest(&h, &pl->st->county->catalog.hash);
	/* an assistance list leaves its page when its notice is over */
	if (r->type == RT_ASSISTANCE)
		hasher_u64(&h, record_notice_over(r, pl->st->county->today));
	if (r->follows != NULL)
		hash_record(&h, r->follows);
	for (size_t i = 0; i < r->n_followers; i++)
		if (!r->followers[i]->draft)
			hash_record(&h, r->followers[i]);
	/* its photos' sizes and names, its attachments' sizes */
	hasher_digest(&h, &r->files_hash);
	job->key = hasher_final(&h);
	for (size_t i = 0; i < r->n_files; i++)
		ptrvec_push(&pl->media, (void *)&r->files[i]);
}

/* Photos first, then attachments, each by its bytes' hash. */
static int
media_cmp(const void *a, const void *b)
{
	const struct record_file *x = *(const struct record_file *const *)a;
	const struct record_file *y = *(const struct record_file *const *)b;

	if (x->image != y->image)
		return x->image ? -1 : 1;
	if (x->hash.hi != y->hash.hi)
		return x->hash.hi < y->hash.hi ? -1 : 1;
	if (x->hash.lo != y->hash.lo)
		return x->hash.lo < y->hash.lo ? -1 : 1;
	return 0;
}

/* One job per distinct photo (its two sizes) and per distinct attachment,
 * however many records use it. Its key is the source's bytes alone: a
 * changed photo makes its own files again and the pages that show it,
 * nothing else. */
static void
plan_media(struct planner *pl)
{
	struct arena *a = pl->jobs->arena;
	const struct record_file **files =
	    (const struct record_file **)pl->media.items;
	size_t n = pl->media.len;

	if (n > 1)
		qsort(files, n, sizeof *files, media_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct record_file *f = files[i];
		struct page *p;
		struct job *job;
		struct hasher h;

		if (i > 0 && media_cmp(&files[i - 1], &files[i]) == 0)
			continue;
		p = arena_alloc(a, sizeof *p);
		p->media = f;
		p->kind = PAGE_COUNTY;
		if (f->image) {
			p->what = OUT_PHOTO;
			p->media_paths[0] = SITE_CAT(a, "site/",
			    site_photo_path(a, f, SITE_PHOTO_LARGE));
			p->media_paths[1] = SITE_CAT(a, "site/",
			    site_photo_path(a, f, SITE_PHOTO_SMALL));
		} else {
			p->what = OUT_ATTACHMENT;
			p->media_paths[0] = SITE_CAT(a, "site/",
			    site_attachment_path(a, f));
		}
		p->out_path = p->media_paths[0];
		p->path = p->out_path + strlen("site/");
		job = job_add(pl->jobs, OUT_SITE, SITE_CAT(a, "site:", p->path));
		job->label = p->path;
		job->render = run_job;
		job->state = pl->st;
		job->subject = p;
		job->extra = p;
		job_key_init(&h, "site");
		hasher_u64(&h, (uint64_t)p->what);
		hasher_digest(&h, &f->hash);
		hasher_u64(&h, f->png);
		job->key = hasher_final(&h);
	}
}

static void
plan_village(struct planner *pl, const struct village *v, size_t vi)
{
	const struct village_assessment *va = &pl->st->assessment->villages[vi];
	struct site_state *st = pl->st;
	struct arena *a = pl->jobs->arena;
	const char *dir = village_dir(a, v);
	struct hasher h;
	struct job *job;
	struct page *p;

	p = new_page(pl, OUT_PAGE, PAGE_VILLAGE, village_page_path(a, v));
	p->village = v;
	p->town = v->town;
	p->assessment = va;
	job = add_job(pl, p, &h);
	job_key_place(&h, v);
	hasher_digest(&h, &st->village_digest[vi]);
	hasher_digest(&h, &st->county->catalog.hash);
	hasher_u64(&h, (uint64_t)(int64_t)st->county->today);
	/* the village's own assessment follows from the above; its place in
	 * the county's ranking does not */
	hasher_u64(&h, (uint64_t)va->rank);
	hasher_u64(&h, (uint64_t)st->assessment->n_assessed);
	job->key = hasher_final(&h);

	/* the open data: every published record of the village, and so what
	 * each one shows of the catalog */
	p = new_page(pl, OUT_VILLAGE_DATA, PAGE_VILLAGE, village_data_path(a, v));
	p->village = v;
	p->town = v->town;
	job = add_job(pl, p, &h);
	job_key_place(&h, v);
	hasher_digest(&h, &st->village_digest[vi]);
	hasher_digest(&h, &st->county->catalog.hash);
	job->key = hasher_final(&h);

	p = new_page(pl, OUT_FEED, PAGE_VILLAGE, dir, "/feed.xml");
	p->village = v;
	p->town = v->town;
	job = add_job(pl, p, &h);
	job_key_place(&h, v);
	hasher_digest(&h, &st->village_digest[vi]);
	job->key = hasher_final(&h);

	/* one archive page per month with records; records are sorted by date */
	for (size_t i = 0; i < v->n_records;) {
		int month = month_of(v->records[i]->date);
		size_t j = i;
		while (j < v->n_records && month_of(v->records[j]->date) == month)
			j++;
		bool any = false;
		for (size_t k = i; k < j; k++)
			any |= !v->records[k]->draft;
		if (any) {
			char name[MONTH_NAME_SIZE];
			month_name(month, name);
			p = new_page(pl, OUT_PAGE, PAGE_ARCHIVE, dir,
			    "/archive/", name, ".html");
			p->village = v;
			p->town = v->town;
			p->month = month;
			job = add_job(pl, p, &h);
			job_key_place(&h, v);
			/* the month's records and the neighbours linked to */
			hasher_digest(&h, &st->village_digest[vi]);
			job->key = hasher_final(&h);
		}
		i = j;
	}
	for (size_t i = 0; i < v->n_records; i++)
		if (!v->records[i]->draft)
			plan_record(pl, v->records[i]);
}

/* A town's or the county's own records: their pages and their open data
 * (the town's page and feed, and the county's, list them). */
static void
plan_level(struct planner *pl, const struct village *v,
    const struct digest *digest)
{
	struct hasher h;
	struct job *job;
	struct page *p;
	size_t n_published = 0;

	for (size_t i = 0; i < v->n_records; i++)
		n_published += !v->records[i]->draft;
	if (n_published == 0)
		return;
	p = new_page(pl, OUT_VILLAGE_DATA, PAGE_VILLAGE,
	    village_data_path(pl->jobs->arena, v));
	p->village = v;
	p->town = v->town;
	job = add_job(pl, p, &h);
	job_key_place(&h, v);
	hasher_digest(&h, digest);
	hasher_digest(&h, &pl->st->county->catalog.hash);
	job->key = hasher_final(&h);
	for (size_t i = 0; i < v->n_records; i++)
		if (!v->records[i]->draft)
			plan_record(pl, v->records[i]);
}

static void
plan_catalog(struct planner *pl)
{
	struct site_state *st = pl->st;
	const struct catalog *c = &st->county->catalog;
	struct hasher h;
	struct job *job;
	struct page *p;

	p = new_page(pl, OUT_PAGE, PAGE_CATALOG, "catalog/index.html");
	job = add_job(pl, p, &h);
	hasher_digest(&h, &c->hash);
	job->key = hasher_final(&h);

	for (size_t k = 0; k < st->n_uses; k++) {
		const struct item_uses *u = &st->uses[k];
		p = new_page(pl, OUT_PAGE, PAGE_ITEM, "catalog/", u->item->id,
		    ".html");
		p->item = u->item;
		p->uses = u;
		job = add_job(pl, p, &h);
		hasher_digest(&h, &c->hash);
		hasher_u64(&h, u->n_records);
		for (size_t i = 0; i < u->n_records && i < ITEM_RECORDS; i++)
			hash_record(&h, u->records[i]);
		/* every talk counts towards its risk points */
		for (size_t i = ITEM_RECORDS; i < u->n_records; i++)
			if (u->records[i]->type == RT_TALK)
				hash_record(&h, u->records[i]);
		job->key = hasher_final(&h);
		if (u->item->flow.n_steps > 0) {
			p = new_page(pl, OUT_FLOW_SVG, PAGE_ITEM, "catalog/",
			    u->item->id, ".svg");
			p->flow = &u->item->flow;
			job = add_job(pl, p, &h);
			hasher_digest(&h, &c->hash);
			job->key = hasher_final(&h);
		}
	}
	for (size_t k = 0; k < c->n_roles; k++) {
		p = new_page(pl, OUT_PAGE, PAGE_DUTY, "duties/", c->roles[k].id,
		    ".html");
		p->role = &c->roles[k];
		job = add_job(pl, p, &h);
		hasher_digest(&h, &c->hash);
		job->key = hasher_final(&h);
	}
	for (size_t k = 0; k < c->n_services; k++) {
		const struct service_guide *s = &c->services[k];
		p = new_page(pl, OUT_PAGE, PAGE_SERVICE, "services/", s->id,
		    ".html");
		p->service = s;
		job = add_job(pl, p, &h);
		hasher_digest(&h, &c->hash);
		job->key = hasher_final(&h);
		if (s->flow.n_steps > 0) {
			p = new_page(pl, OUT_FLOW_SVG, PAGE_SERVICE,
			    "services/", s->id, ".svg");
			p->flow = &s->flow;
			job = add_job(pl, p, &h);
			hasher_digest(&h, &c->hash);
			job->key = hasher_final(&h);
		}
	}
}

static int
site_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	struct site_state *st = state;
	struct planner pl = {st, jobs, {0}};
	struct arena *a = jobs->arena;
	struct hasher h;
	struct job *job;
	struct page *p;
	size_t vi = 0;

	(void)err;
	index_county(st);
	st->assessment = assess_county(county);

	/* county-wide pages show the latest records, towns and the catalog */
	static const struct {
		enum output_what what;
		enum page_kind kind;
		const char *path;
	} county_pages[] = {
		{OUT_PAGE, PAGE_COUNTY, "index.html"},
		{OUT_FEED, PAGE_COUNTY, "feed.xml"},
		{OUT_SITEMAP, PAGE_COUNTY, "sitemap.xml"},
		{OUT_PAGE, PAGE_SEARCH, "search.html"},
		{OUT_PAGE, PAGE_NOT_FOUND, "404.html"},
		{OUT_DATA_INDEX, PAGE_COUNTY, "data/index.json"},
	};
	for (size_t i = 0; i < NB_COUNT(county_pages); i++) {
		p = new_page(&pl, county_pages[i].what, county_pages[i].kind,
		    county_pages[i].path);
		job = add_job(&pl, p, &h);
		if (p->kind != PAGE_NOT_FOUND)
			hasher_digest(&h, &st->all_digest);
		job->key = hasher_final(&h);
	}

	/* the assessment ranks every village against the others: its pages
	 * depend on the whole county and the build clock */
	static const struct {
		enum output_what what;
		const char *path;
	} assessment_files[] = {
		{OUT_PAGE, "assessment/index.html"},
		{OUT_SCORES_CSV, "assessment/scores.csv"},
	};
	for (size_t i = 0; i < NB_COUNT(assessment_files); i++) {
		p = new_page(&pl, assessment_files[i].what, PAGE_ASSESSMENT,
		    assessment_files[i].path);
		job = add_job(&pl, p, &h);
		hasher_digest(&h, &st->all_digest);
		hasher_u64(&h, (uint64_t)(int64_t)county->today);
		job->key = hasher_final(&h);
	}

	for (size_t t = 0; t < county->n_towns; t++) {
		const struct town *town = &county->towns[t];
		static const enum output_what whats[] = {OUT_PAGE, OUT_FEED};
		static const char *const names[] = {"index.html", "feed.xml"};
		for (size_t k = 0; k < 2; k++) {
			p = new_page(&pl, whats[k], PAGE_TOWN, arena_printf(a,
			    "%s/%s", town->id, names[k]));
			p->town = town;
			job = add_job(&pl, p, &h);
			hasher_str(&h, town->id);
			hasher_digest(&h, &town->hash);
			hasher_digest(&h, &st->level_digest[t]);
			for (size_t v = 0; v < town->n_villages; v++)
				hasher_digest(&h, &st->village_digest[vi + v]);
			job->key = hasher_final(&h);
		}
		plan_level(&pl, &town->own, &st->level_digest[t]);
		p = new_page(&pl, OUT_PAGE, PAGE_ASSESSMENT,
		    town_dashboard_path(a, town));
		p->town = town;
		p->town_assessment = &st->assessment->towns[t];
		job = add_job(&pl, p, &h);
		hasher_digest(&h, &st->all_digest);
		hasher_u64(&h, (uint64_t)(int64_t)county->today);
		job->key = hasher_final(&h);
		for (size_t v = 0; v < town->n_villages; v++, vi++)
			plan_village(&pl, &town->villages[v], vi);
	}
	plan_level(&pl, &county->own, &st->level_digest[county->n_towns]);
	plan_catalog(&pl);
	plan_media(&pl);
	ptrvec_free(&pl.media);

	/* the search index: shards of bigram postings, files of documents */
	for (int s = 0; s < SEARCH_SHARDS; s += SEARCH_SHARDS_PER_JOB) {
		p = new_page(&pl, OUT_SEARCH_SHARDS, PAGE_SEARCH, arena_printf(a,
		    "search/k%02d.js", s));
		p->shard = s;
		p->shard_paths = arena_alloc(a, SEARCH_SHARDS_PER_JOB *
		    sizeof *p->shard_paths);
		for (int k = 0; k < SEARCH_SHARDS_PER_JOB; k++)
			p->shard_paths[k] = arena_printf(a, "site/search/k%02d.js",
			    s + k);
		job = add_job(&pl, p, &h);
		hasher_digest(&h, &st->all_digest);
		job->key = hasher_final(&h);
	}
	size_t n_docs = st->n_published + search_places(county);
	for (size_t d = 0; d == 0 || d * SEARCH_DOCS_PER_FILE < n_docs; d++) {
		p = new_page(&pl, OUT_SEARCH_DOCS, PAGE_SEARCH, arena_printf(a,
		    "search/d%zu.js", d));
		p->shard = (int)d;
		job = add_job(&pl, p, &h);
		hasher_digest(&h, &st->all_digest);
		job->key = hasher_final(&h);
	}

	for (size_t i = 0; i < st->theme.n_files; i++) {
		p = new_page(&pl, OUT_STATIC, PAGE_COUNTY,
		    st->theme.files[i].out_path + 5);
		p->file = &st->theme.files[i];
		job = add_job(&pl, p, &h);
		job->key = hasher_final(&h);
	}
	return 0;
}

const struct backend site_backend = {
	OUT_SITE, "site", site_create, site_plan, site_destroy
};
