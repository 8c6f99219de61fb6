/* poster.c: the poster backend: one job per poster (a PDF and its PNG
 * preview), keyed by everything the poster shows, rendered on the build's
 * worker threads, each with its own pango context. */
#include "poster/poster.h"
#include "util/i18n.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "engine/backends.h"
#include "render/fonts.h"
#include "poster/doc.h"
#include "poster/flowlink.h"
#include "render/fontfix.h"


size_t
poster_specs(const struct county *c, const struct county_assessment *a,
    struct arena *arena, struct poster_spec **out)
{
	const struct catalog *cat = &c->catalog;
	size_t n = 1 + cat->n_roles + cat->n_services + 1 + c->n_towns +
	    c->n_villages + c->n_towns + 1, k = 0;
	struct poster_spec *s = arena_alloc(arena, n * sizeof *s);
	int32_t week = county_week_first(c);
	char date[11];

	date_format(week, date);
	s[k].kind = POSTER_POWERS;
	s[k++].path = "posters/catalog/powers";
	for (size_t i = 0; i < cat->n_roles; i++) {
		s[k].kind = POSTER_DUTIES;
		s[k].role = &cat->roles[i];
		s[k++].path = arena_printf(arena, "posters/catalog/duties-%s",
		    cat->roles[i].id);
	}
	for (size_t i = 0; i < cat->n_services; i++) {
		s[k].kind = POSTER_SERVICE;
		s[k].service = &cat->services[i];
		s[k++].path = arena_printf(arena, "posters/catalog/service-%s",
		    cat->services[i].id);
	}
	for (size_t t = 0; a != NULL && t <= c->n_towns; t++) {
		/* the county's first, then each town's */
		const struct town *town = t > 0 ? &c->towns[t - 1] : NULL;
		s[k].kind = POSTER_ASSESSMENT;
		s[k].town = town;
		s[k].assessment = a;
		s[k++].path = town != NULL ? arena_printf(arena,
		    "posters/assessment/%s", town->id) :
		    "posters/assessment/county";
	}
	for (size_t t = 0; t < c->n_towns; t++) {
		const struct town *town = &c->towns[t];
		for (size_t v = 0; v < town->n_villages && k < n; v++) {
			s[k].kind = POSTER_BOARD;
			s[k].village = &town->villages[v];
			s[k].week_first = week;
			s[k++].path = arena_printf(arena, "posters/%s/%s/%s", town->id,
			    town->villages[v].id, date);
		}
	}
	/* the boards of the towns and the county that publish records of
	 * their own, beside their villages' */
	for (size_t t = 0; t <= c->n_towns; t++) {
		const struct village *own = t < c->n_towns ? &c->towns[t].own :
		    &c->own;
		bool any = false;
		for (size_t i = 0; i < own->n_records; i++)
			any |= !own->records[i]->draft;
		if (!any)
			continue;
		s[k].kind = POSTER_BOARD;
		s[k].village = own;
		s[k].week_first = week;
		s[k++].path = arena_printf(arena, "posters/%s/%s", own->dir, date);
	}
	*out = s;
	return k;
}

/* ---- fonts ---- */

bool
poster_fonts_check(struct buf *err)
{
	return fonts_key(NULL, err);
}

/* ---- one poster ---- */

#define SURVEY_VARIANTS 5

/* The poster laid out, or NULL after a failure of the system (in err);
 * *held is false when content no sheet can hold was reported (diag). */
static struct doc *
lay_out(const struct county *c, const struct poster_spec *s, bool *held,
    struct buf *err)
{
	struct doc *d = NULL;

	*held = true;
	/* a board's standing survey block, with less of it each time while it
	 * would add a sheet of its own */
	for (int variant = 0; variant < SURVEY_VARIANTS; variant++) {
		doc_free(d);
		if ((d = doc_new(c, s, err)) == NULL)
			return NULL;
		d->survey_variant = variant;
		int rc = compose(d, err);
		if (rc == 0)
			rc = doc_layout(d, err);
		if (rc == 1) {
			doc_report(d);
			*held = false;
			return d;
		}
		if (rc != 0) {
			doc_free(d);
			return NULL;
		}
		if (d->standing == NULL || !doc_tail_adds_sheets(d, d->standing))
			break;
	}
	/* a service guide whose words end on a sheet mostly blank before its
	 * chart's: the words spread evenly over their sheets, when that
	 * takes no more of them */
	double frac = s->kind == POSTER_SERVICE ? doc_balance(d) : 0;
	/* (a share a little larger when the blocks, which do not split
	 * anywhere, would need a sheet more) */
	for (int more = 0; frac > 0 && frac < 0.95 && more < 3; more++) {
		struct doc *even = doc_new(c, s, err);
		int rc = even == NULL ? -1 : compose(even, err);
		if (even != NULL)
			even->fill_frac = frac;
		if (rc == 0)
			rc = doc_layout(even, err);
		if (rc == 0 && even->n_sheets == d->n_sheets) {
			doc_free(d);
			return even;
		}
		doc_free(even);
		if (rc < 0) {
			buf_reset(err);
			break;
		}
		frac += 0.06;
	}
	return d;
}

int
poster_render(const struct county *c, const struct poster_spec *s,
    struct buf *pdf, struct buf *png, struct buf *err)
{
	bool held;
	struct doc *d = lay_out(c, s, &held, err);
	int rc = -1;

	/* the thread's caches of this poster's charts and texts go
	 * whatever the outcome: a chart of a later build may have the same
	 * address */
	if (d != NULL) {
		if (!held)
			rc = 1;
		else if ((rc = photos_load(d, err)) == 0 &&
		    (draw_pdf(d, pdf, err) != 0 || (png != NULL &&
		    draw_png(d, POSTER_PREVIEW_DPI, png, err) != 0)))
			rc = -1;
		doc_free(d);
	}
	doc_flows_done();
	doc_layout_cache_done(false);
	return rc;
}

int
poster_dump(const struct county *c, const struct poster_spec *s,
    struct buf *out, struct buf *err)
{
	bool held;
	struct doc *d = lay_out(c, s, &held, err);
	int rc = -1;

	if (d != NULL) {
		doc_dump(d, out);
		doc_free(d);
		rc = held ? 0 : 1;
	}
	doc_flows_done();
	doc_layout_cache_done(false);
	return rc;
}

/* A service guide's chart whose steps print smaller than a print shop
 * asks (its legend is then short too): said, with the sizes, since no
 * wrap of its text made it fit its sheet. */
static void
warn_small_chart(const struct doc *d, const struct service_guide *g)
{
	double step = doc_chart_step_pt(d);

	if (step <= 0 || step >= FLOW_PRINT_STEP_PT)
		return;
	/* (rounded down: never "12.0 pt, less than 12 pt") */
	double legend = step * FLOW_LEGEND_PT / FLOW_STEP_PT;
	if (legend >= FLOW_PRINT_LEGEND_PT)
		diag_warning(&g->pos, "the flowchart of the service guide '%s' "
		    "prints its steps at %.1f pt on its poster, less than the "
		    "%.0f pt a print shop asks: at any wrap of its boxes' text "
		    "the chart is too large for the sheet; shorten the steps and "
		    "the lanes' names, use fewer lanes, or a larger poster size",
		    g->name, floor(step * 10) / 10, FLOW_PRINT_STEP_PT);
	else
		diag_warning(&g->pos, "the flowchart of the service guide '%s' "
		    "prints its steps at %.1f pt and its legend at %.1f pt on its "
		    "poster, less than the %.0f pt and %.0f pt a print shop asks: "
		    "at any wrap of its boxes' text the chart is too large for "
		    "the sheet; shorten the steps and the lanes' names, use fewer "
		    "lanes, or a larger poster size", g->name,
		    floor(step * 10) / 10, floor(legend * 10) / 10,
		    FLOW_PRINT_STEP_PT, FLOW_PRINT_LEGEND_PT);
}

size_t
poster_check(const struct county *c)
{
	struct arena *arena = arena_new();
	struct county_assessment *a = assess_county(c);
	struct poster_spec *specs;
	size_t n = poster_specs(c, a, arena, &specs), failed = 0;
	struct buf err = {0};

	for (size_t i = 0; i < n; i++) {
		bool held;
		struct doc *d = lay_out(c, &specs[i], &held, &err);
		failed += d != NULL && !held;
		if (d != NULL && held && specs[i].kind == POSTER_SERVICE)
			warn_small_chart(d, specs[i].service);
		doc_free(d);
		doc_flows_done();
		doc_layout_cache_done(false);
		buf_reset(&err);
	}
	buf_free(&err);
	assess_free(a);
	arena_free(arena);
	return failed;
}

void
poster_thread_cleanup(void)
{
	doc_flows_done();
	doc_layout_cache_done(true);
	pango_cairo_font_map_set_default(NULL);
}

/* ---- the backend ---- */

struct poster_state {
	const struct county *county;
	struct arena *arena;
	struct poster_spec *specs;
	size_t n_specs;
	struct digest fonts;
	struct county_assessment *assessment;   /* the assessment posters' */
	struct digest assessment_digest;        /* and their cache key */
};

struct poster_files {
	const char *pdf;
	const char *png;
};

static void *
create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	struct hasher h;
	struct poster_state *st;

	(void)o;
	hasher_init(&h);
	if (!fonts_key(&h, err))
		return NULL;
	st = xcalloc(1, sizeof *st);
	st->county = county;
	st->arena = arena_new();
	st->fonts = hasher_final(&h);
	/* computed once for all the assessment posters, and their key */
	st->assessment = assess_county(county);
	st->assessment_digest = assess_digest(st->assessment);
	st->n_specs = poster_specs(county, st->assessment, st->arena,
	    &st->specs);
	return st;
}

static int
render_job(const struct job *job, struct job_result *r)
{
	const struct poster_state *st = job->state;
	const struct poster_files *files = job->extra;
	struct buf *pdf = job_emit(r, files->pdf);
	struct buf *png = job_emit(r, files->png);

	return poster_render(st->county, job->subject, pdf, png, &r->err);
}

/* A board whose week's notices run long: its layout holds every line of
 * them (about 100 MB for 128 KiB of text), so the engine lays such boards
 * out one at a time. */
#define HEAVY_BODY_BYTES (32 * 1024)

static bool
board_is_heavy(const struct village *v, int32_t week_first)
{
	size_t bytes = 0;

	for (size_t i = 0; i < v->n_records; i++)
		if (record_in_week(v->records[i], week_first) &&
		    v->records[i]->body != NULL)
			bytes += strlen(v->records[i]->body);
	return bytes > HEAVY_BODY_BYTES;
}

static int
plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	struct poster_state *st = state;
	bool flow = poster_have_flow();

	(void)err;
	for (size_t i = 0; i < st->n_specs; i++) {
		const struct poster_spec *s = &st->specs[i];
		struct job *job = job_add(jobs, OUT_POSTERS, s->path);
		struct poster_files *files = arena_alloc(jobs->arena, sizeof *files);
		struct hasher h;

		files->pdf = arena_printf(jobs->arena, "%s.pdf", s->path);
		files->png = arena_printf(jobs->arena, "%s.png", s->path);
		job->render = render_job;
		job->state = st;
		job->subject = s;
		job->extra = files;
		job_key_init(&h, "posters");
		hasher_digest(&h, &st->fonts);
		hasher_digest(&h, &county->site.hash);
		/* boards name power items and roles from the catalog too */
		hasher_digest(&h, &county->catalog.hash);
		/* the PDF's creation date is the first day of the build clock's
		 * week: a board is the week's, and is reused all week */
		hasher_u64(&h, (uint64_t)(int64_t)county_week_first(county));
		hasher_u64(&h, (uint64_t)s->kind);
		hasher_u64(&h, flow);
		if (s->kind == POSTER_BOARD) {
			const struct village *v = s->village;
			job->heavy = board_is_heavy(v, s->week_first);
			if (v->town != NULL)
				hasher_digest(&h, &v->town->hash);
			hasher_u64(&h, (uint64_t)v->level);
			hasher_digest(&h, &v->content_hash);
			hasher_u64(&h, (uint64_t)(int64_t)s->week_first);
			job->label = v->level == LEVEL_COUNTY ? v->name :
			    v->level == LEVEL_TOWN ? v->town->name :
			    arena_printf(jobs->arena, "%s/%s", v->town->name,
			    v->name);
		} else if (s->kind == POSTER_ASSESSMENT) {
			/* the assessment's figures, ranks and issues, and the day
			 * they are of: not the records, whose other edits change
			 * nothing here */
			hasher_digest(&h, &st->assessment_digest);
			hasher_str(&h, s->town != NULL ? s->town->id : "");
			job->label = s->path;
		} else {
			job->label = s->path;
		}
		job->key = hasher_final(&h);
	}
	return 0;
}

static void
destroy(void *state)
{
	struct poster_state *st = state;

	if (st == NULL)
		return;
	assess_free(st->assessment);
	arena_free(st->arena);
	free(st);
}

const struct backend poster_backend = {OUT_POSTERS, "posters", create, plan,
	destroy};
