/* engine.h: runs a build: plans every output as a job, renders the jobs whose
 * inputs changed on worker threads, reuses the rest from the previous tree,
 * and swaps the new tree in only when everything succeeded. */
#ifndef NB_ENGINE_H
#define NB_ENGINE_H

#include <stdbool.h>

#include "engine/job.h"
#include "model/model.h"

struct engine_options {
	const char *output;        /* the output folder */
	const char *data_dir;      /* themes/ and seeds/ */
	const char *content_dir;   /* for per-county theme overrides */
	bool kinds[OUT_KIND_COUNT];  /* which outputs to build (--only) */
	int jobs;                  /* worker threads, at least 1 */
	bool force;                /* ignore the cache */
	bool progress;             /* draw a progress line on stderr */
	/* Another build holding the output's lock (.NAME.lock beside it):
	 * refuse at once instead of waiting for it. */
	bool no_wait;
	/* The preview's way (serve): the output folder is updated where it
	 * is, each changed file replaced by an atomic rename, the files no
	 * job makes any more removed; no second tree, no swap. A failed build
	 * may leave some files new and some old: it forgets the cache, so the
	 * next build renders everything. */
	bool in_place;
	/* Called once, on a worker thread, when every page of the site is
	 * done (the jobs not late: job.h), which then start first, the rest
	 * of the site next and the other kinds last: the preview reloads its
	 * pages without waiting for the search index or the posters. Only
	 * with in_place, where the pages are in place by then. */
	void (*site_done)(void *arg);
	void *site_done_arg;
};

struct engine_stats {
	size_t files[OUT_KIND_COUNT];
	size_t rendered;           /* files rendered this time */
	size_t reused;             /* files taken from the previous tree */
	double seconds;
	int signal;                /* with ENGINE_INTERRUPTED: SIGINT or SIGTERM */
};

enum engine_status {
	ENGINE_OK,
	ENGINE_USAGE,               /* the output folder is not ours */
	ENGINE_CONTENT,             /* content errors found while rendering (a
	                               poster that no sheet can hold), reported
	                               through diag; the old tree is intact */
	ENGINE_FAILED,              /* a system failure; the old tree is intact */
	ENGINE_BUSY,                /* another build holds the lock (no_wait) */
	ENGINE_INTERRUPTED          /* SIGINT or SIGTERM: the staging tree is
	                               removed, the old tree is intact */
};

enum engine_status engine_run(const struct county *county,
    const struct engine_options *o, struct engine_stats *stats);

#endif
