/* tv.c: the service halls' TVs: for each village, one job per record of the
 * week writing its slides (slides/NNN.png, the record's number times ten
 * plus the page), and one job writing index.html, the page that shows them
 * in turn from a USB stick. A record edited rewrites its own slides and the
 * village's index. */
#include "channel/tv.h"

#include <stdatomic.h>
#include <stdlib.h>

#include "channel/canvas16.h"
#include "channel/wechat_tv.h"
#include "render/fonts.h"
#include "engine/backends.h"

struct tv_state {
	const struct county *county;
	struct digest fonts;
	struct stamps *stamps;      /* the texts every slide shows, once */
	struct tv_plans *plans;     /* the records' pages, once a text */
};

/* A record's job: its slides' possible paths, and how many it made
 * (0 until then), which the village's index reads rather than set the
 * record's text again. */
struct tv_record {
	const struct record *record;
	const char *paths[TV_MAX_PAGES];
	atomic_int pages;
};

/* A village's index job. */
struct tv_index {
	const struct village *village;
	const struct record **records;
	struct tv_record **jobs;    /* the records' jobs, in their order */
	size_t n;
	const char *index_path;
	const char *empty_path;     /* slides/000.png for a week without */
	const char *dir;
};

static void *
tv_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	struct tv_state *st;
	struct hasher h;

	(void)o;
	hasher_init(&h);
	if (!fonts_key(&h, err))
		return NULL;
	st = xcalloc(1, sizeof *st);
	st->county = county;
	st->fonts = hasher_final(&h);
	st->stamps = stamps_new();
	st->plans = tv_plans_new();
	/* the slides' codes are the articles' */
	vis_qr_hold();
	return st;
}

static int
render_record(const struct job *job, struct job_result *r)
{
	const struct tv_state *st = job->state;
	struct tv_record *x = (struct tv_record *)job->extra;
	struct buf pages[TV_MAX_PAGES] = {{0}};
	struct buf *out[TV_MAX_PAGES];
	int n;

	for (int p = 0; p < TV_MAX_PAGES; p++)
		out[p] = &pages[p];
	n = tv_render(st->county, x->record, st->stamps, st->plans, out,
	    &r->err);
	if (n > 0)
		atomic_store(&x->pages, n);
	for (int p = 0; p < n; p++) {
		struct buf *b = job_emit(r, x->paths[p]);
		buf_put(b, pages[p].data, pages[p].len);
	}
	for (int p = 0; p < TV_MAX_PAGES; p++)
		buf_free(&pages[p]);
	return n < 0 ? -1 : 0;
}

static void
slide_name(struct buf *b, size_t record, int page)
{
	buf_printf(b, "slides/%03zu.png", record * 10 + (size_t)page);
}

static int
render_index(const struct job *job, struct job_result *r)
{
	const struct tv_state *st = job->state;
	const struct tv_index *x = job->extra;
	const struct village *v = x->village;
	struct buf *html = job_emit(r, x->index_path), name = {0};
	size_t shown = 0;

	buf_puts(html, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	buf_puts_escaped(html, v->name);
	buf_puts(html, "村务公开</title>\n<style>\n"
	    "html, body { margin: 0; height: 100%; background: #000; "
	    "overflow: hidden; cursor: none; }\n"
	    "img { position: absolute; inset: 0; width: 100%; height: 100%; "
	    "object-fit: contain; opacity: 0; transition: opacity 0.8s; }\n"
	    "img.on { opacity: 1; }\n"
	    "@media (prefers-reduced-motion: reduce) { img { transition: none; } }\n"
	    "</style>\n</head>\n<body>\n");
	if (x->n == 0) {
		if (tv_render_empty(st->county, v, st->stamps,
		    job_emit(r, x->empty_path), &r->err) != 0)
			return -1;
		buf_puts(html, "<img class=\"on\" src=\"slides/000.png\" "
		    "alt=\"本周无新公开事项\">\n");
	}
	for (size_t i = 0; i < x->n; i++) {
		/* the record's job has mostly run by now (the index goes
		 * late): its count, else the record's text set again */
		int pages = atomic_load(&x->jobs[i]->pages);
		if (pages <= 0)
			pages = tv_pages(st->county, x->records[i], &r->err);
		if (pages <= 0)
			return -1;
		for (int p = 0; p < pages; p++, shown++) {
			buf_reset(&name);
			slide_name(&name, i + 1, p);
			buf_printf(html, "<img%s src=\"%s\" alt=\"", shown == 0 ?
			    " class=\"on\"" : "", name.data);
			buf_puts_escaped(html, x->records[i]->title);
			buf_puts(html, "\">\n");
		}
	}
	/* no control to touch: the slides take turns by themselves, every
	 * TV_SECONDS seconds; nothing is loaded from the network */
	buf_printf(html, "<script>\n(function () {\n"
	    "\tvar slides = document.images, at = 0;\n"
	    "\tif (slides.length < 2)\n\t\treturn;\n"
	    "\tsetInterval(function () {\n"
	    "\t\tslides[at].className = \"\";\n"
	    "\t\tat = (at + 1) %% slides.length;\n"
	    "\t\tslides[at].className = \"on\";\n"
	    "\t}, %d);\n})();\n</script>\n</body>\n</html>\n",
	    TV_SECONDS * 1000);
	buf_free(&name);
	return 0;
}

/* Village channels only: the halls with a TV are the villages' service
 * stations; a town's hall would need a folder the contract does not name. */
static int
tv_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	struct tv_state *st = state;

	(void)err;
	for (size_t t = 0; t < county->n_towns; t++) {
		const struct town *town = &county->towns[t];
		for (size_t vi = 0; vi < town->n_villages; vi++) {
			const struct village *v = &town->villages[vi];
			const struct record **recs;
			size_t n = vis_week_records(county, v, &recs);
			const char *dir = arena_printf(jobs->arena, "tv/%s/%s",
			    town->id, v->id);
			struct tv_index *ix = arena_alloc(jobs->arena, sizeof *ix);
			struct hasher all;

			if (n > TV_MAX_RECORDS)
				n = TV_MAX_RECORDS;
			ix->village = v;
			ix->records = arena_memdup(jobs->arena, recs,
			    (n + 1) * sizeof *recs);
			ix->n = n;
			ix->jobs = arena_alloc(jobs->arena, (n + 1) * sizeof *ix->jobs);
			ix->dir = dir;
			ix->index_path = arena_printf(jobs->arena, "%s/index.html",
			    dir);
			ix->empty_path = arena_printf(jobs->arena,
			    "%s/slides/000.png", dir);
			job_key_init(&all, "tv-index");
			hasher_digest(&all, &st->fonts);
			hasher_digest(&all, &county->site.hash);
			hasher_digest(&all, &town->hash);
			hasher_digest(&all, &v->hash);
			for (size_t i = 0; i < n; i++) {
				const struct record *rec = recs[i];
				struct job *job = job_add(jobs, OUT_TV, arena_printf(
				    jobs->arena, "%s/%s", dir, rec->id));
				struct tv_record *x = arena_alloc(jobs->arena, sizeof *x);
				struct hasher h;
				struct buf name = {0};
				for (int p = 0; p < TV_MAX_PAGES; p++) {
					buf_reset(&name);
					slide_name(&name, i + 1, p);
					x->paths[p] = arena_printf(jobs->arena, "%s/%s", dir,
					    name.data);
				}
				buf_free(&name);
				x->record = rec;
				atomic_init(&x->pages, 0);
				ix->jobs[i] = x;
				job->render = render_record;
				job->state = st;
				job->subject = rec;
				job->extra = x;
				job->label = arena_printf(jobs->arena, "%s/%s/%s",
				    town->name, v->name, rec->id);
				job_key_init(&h, "tv");
				hasher_digest(&h, &st->fonts);
				hasher_u64(&h, (uint64_t)i);
				/* a slide shows no photo */
				vis_key_record(&h, county, rec, false);
				job->key = hasher_final(&h);
				hasher_digest(&all, &job->key);
			}
			struct job *job = job_add(jobs, OUT_TV, arena_printf(
			    jobs->arena, "%s/index", dir));
			job->render = render_index;
			job->phase = 1;
			job->state = st;
			job->subject = v;
			job->extra = ix;
			job->label = arena_printf(jobs->arena, "%s/%s", town->name,
			    v->name);
			hasher_u64(&all, (uint64_t)n);
			job->key = hasher_final(&all);
			free(recs);
		}
	}
	return 0;
}

static void
tv_destroy(void *state)
{
	struct tv_state *st = state;

	if (st == NULL)
		return;
	stamps_free(st->stamps);
	tv_plans_free(st->plans);
	vis_qr_release();
	free(st);
}

const struct backend tv_backend = {
	OUT_TV, "tv", tv_create, tv_plan, tv_destroy,
};
