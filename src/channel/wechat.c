/* wechat.c: the WeChat official account's articles: one job per record a
 * village shows this week, writing its article, meta.txt, cover and
 * thumbnail, keyed by everything they show, so that one edited record
 * rewrites its own four files only. */
#include "channel/wechat.h"

#include <pthread.h>
#include <stdlib.h>

#include "channel/canvas16.h"
#include "channel/wechat_tv.h"
#include "render/fonts.h"
#include "engine/backends.h"
#include "poster/flowlink.h"

/* A power item's flowchart, drawn by the first job that needs it and
 * shared by the articles of every record of that item in the build. */
struct flow_memo {
	const struct power_item *item;
	pthread_mutex_t lock;
	bool done;
	int rc;
	struct wechat_flow flow;
};

struct wechat_state {
	const struct county *county;
	struct digest fonts;
	bool flow;                 /* the flowchart engine is linked */
	struct flow_memo *flows;   /* one per catalog item */
	size_t n_flows;
	struct stamps *stamps;     /* the covers' titles and the thumbnails'
	                              kinds, once */
};

enum { F_ARTICLE, F_META, F_COVER, F_THUMB, F_COUNT };

struct wechat_files {
	const char *paths[F_COUNT];
};

static void *
wechat_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	struct wechat_state *st;
	struct hasher h;

	(void)o;
	hasher_init(&h);
	if (!fonts_key(&h, err))
		return NULL;
	st = xcalloc(1, sizeof *st);
	st->county = county;
	st->fonts = hasher_final(&h);
	st->flow = poster_have_flow();
	/* the articles' codes are the slides' */
	vis_qr_hold();
	st->stamps = stamps_new();
	for (size_t d = 0; d < county->catalog.n_domains; d++)
		st->n_flows += county->catalog.domains[d].n_items;
	st->flows = xcalloc(st->n_flows + 1, sizeof *st->flows);
	size_t k = 0;
	for (size_t d = 0; d < county->catalog.n_domains; d++) {
		const struct domain *dom = &county->catalog.domains[d];
		for (size_t i = 0; i < dom->n_items; i++, k++) {
			st->flows[k].item = &dom->items[i];
			pthread_mutex_init(&st->flows[k].lock, NULL);
		}
	}
	return st;
}

/* The flowchart of a record's item, drawn once a build; NULL for none. */
static const struct wechat_flow *
flow_of(const struct wechat_state *st, const struct record *rec,
    struct buf *err)
{
	struct flow_memo *m = NULL;

	if (!st->flow || rec->power == NULL)
		return NULL;
	for (size_t i = 0; i < st->n_flows && m == NULL; i++)
		if (st->flows[i].item == rec->power)
			m = &st->flows[i];
	if (m == NULL)
		return NULL;
	pthread_mutex_lock(&m->lock);
	if (!m->done) {
		m->rc = wechat_flow_png(m->item, &m->flow, err);
		m->done = true;
	}
	pthread_mutex_unlock(&m->lock);
	return m->rc == 0 ? &m->flow : NULL;
}

static int
render_article(const struct job *job, struct job_result *r)
{
	const struct wechat_state *st = job->state;
	const struct record *rec = job->subject;
	const struct wechat_files *f = job->extra;

	if (wechat_article(st->county, rec, flow_of(st, rec, &r->err),
	    job_emit(r, f->paths[F_ARTICLE]), &r->err) != 0)
		return -1;
	wechat_meta(st->county, rec, job_emit(r, f->paths[F_META]));
	if (wechat_cover(rec, st->stamps, job_emit(r, f->paths[F_COVER]),
	    &r->err) != 0 ||
	    wechat_thumb(rec, st->stamps, job_emit(r, f->paths[F_THUMB]),
	    &r->err) != 0)
		return -1;
	return 0;
}

/* Village channels only: a town's or the county's own records go out on
 * accounts of their own, which the contract's paths give no folder yet. */
static int
wechat_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	struct wechat_state *st = state;
	static const char *const names[F_COUNT] = {"article.html", "meta.txt",
		"cover.png", "thumb.png"};

	(void)err;
	for (size_t t = 0; t < county->n_towns; t++) {
		const struct town *town = &county->towns[t];
		for (size_t v = 0; v < town->n_villages; v++) {
			const struct village *vil = &town->villages[v];
			const struct record **recs;
			size_t n = vis_week_records(county, vil, &recs);
			for (size_t i = 0; i < n; i++) {
				const struct record *rec = recs[i];
				char *dir = arena_printf(jobs->arena, "wechat/%s/%s/%s",
				    town->id, vil->id, rec->id);
				struct job *job = job_add(jobs, OUT_WECHAT, dir);
				struct wechat_files *f = arena_alloc(jobs->arena,
				    sizeof *f);
				struct hasher h;
				for (int k = 0; k < F_COUNT; k++)
					f->paths[k] = arena_printf(jobs->arena, "%s/%s",
					    dir, names[k]);
				job->render = render_article;
				job->state = st;
				job->subject = rec;
				job->extra = f;
				job->label = arena_printf(jobs->arena, "%s/%s/%s",
				    town->name, vil->name, rec->id);
				job_key_init(&h, "wechat");
				hasher_digest(&h, &st->fonts);
				hasher_u64(&h, st->flow);
				vis_key_record(&h, county, rec, true);
				job->key = hasher_final(&h);
			}
			free(recs);
		}
	}
	return 0;
}

static void
wechat_destroy(void *state)
{
	struct wechat_state *st = state;

	if (st == NULL)
		return;
	for (size_t i = 0; i < st->n_flows; i++) {
		pthread_mutex_destroy(&st->flows[i].lock);
		buf_free(&st->flows[i].flow.png);
	}
	free(st->flows);
	stamps_free(st->stamps);
	vis_qr_release();
	free(st);
}

const struct backend wechat_backend = {
	OUT_WECHAT, "wechat", wechat_create, wechat_plan, wechat_destroy,
};
