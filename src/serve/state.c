/* state.c: the preview's state shared between the build (the main thread)
 * and the HTTP threads, behind one lock: the generation of the build, the
 * overlay of its errors and the pages of its drafts. */
#include "serve/state.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/mem.h"

void
state_init(struct serve_state *st)
{
	memset(st, 0, sizeof *st);
	pthread_mutex_init(&st->lock, NULL);
	pthread_cond_init(&st->changed, NULL);
}

static void
drafts_free(char **drafts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(drafts[i]);
	free(drafts);
}

void
state_free(struct serve_state *st)
{
	free(st->overlay);
	drafts_free(st->drafts, st->n_drafts);
	free(st->output);
	free(st->site_root);
	free(st->posters_root);
	pthread_cond_destroy(&st->changed);
	pthread_mutex_destroy(&st->lock);
	memset(st, 0, sizeof *st);
}

void
state_publish(struct serve_state *st, char *overlay, char **drafts,
    size_t n_drafts, bool built)
{
	char *old_overlay;
	char **old_drafts = NULL;
	size_t n_old = 0;

	pthread_mutex_lock(&st->lock);
	old_overlay = st->overlay;
	st->overlay = overlay;
	/* a failed build keeps the last good site, and so its drafts */
	if (built) {
		old_drafts = st->drafts;
		n_old = st->n_drafts;
		st->drafts = drafts;
		st->n_drafts = n_drafts;
		st->built = true;
		drafts = NULL;
		n_drafts = 0;
	}
	st->generation++;
	pthread_cond_broadcast(&st->changed);
	pthread_mutex_unlock(&st->lock);
	free(old_overlay);
	drafts_free(old_drafts, n_old);
	drafts_free(drafts, n_drafts);
}

void
state_publish_posters(struct serve_state *st)
{
	pthread_mutex_lock(&st->lock);
	st->posters_generation++;
	pthread_cond_broadcast(&st->changed);
	pthread_mutex_unlock(&st->lock);
}

static int
str_cmp(const void *key, const void *item)
{
	return strcmp(key, *(char *const *)item);
}

void
state_view(struct serve_state *st, const char *path, struct state_view *v)
{
	pthread_mutex_lock(&st->lock);
	v->generation = st->generation;
	v->posters_generation = st->posters_generation;
	v->overlay = st->overlay ? xstrdup(st->overlay) : NULL;
	v->built = st->built;
	v->draft = path != NULL && st->n_drafts > 0 && bsearch(path, st->drafts,
	    st->n_drafts, sizeof *st->drafts, str_cmp) != NULL;
	pthread_mutex_unlock(&st->lock);
}

unsigned long
state_wait(struct serve_state *st, unsigned long seen, unsigned long *posters,
    int timeout_ms, bool *stopping)
{
	struct timespec until;
	unsigned long generation;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += timeout_ms / 1000;
	until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&st->lock);
	while (st->generation == seen && st->posters_generation == *posters &&
	    !st->stopping)
		if (pthread_cond_timedwait(&st->changed, &st->lock, &until) ==
		    ETIMEDOUT)
			break;
	generation = st->generation;
	*posters = st->posters_generation;
	*stopping = st->stopping;
	pthread_mutex_unlock(&st->lock);
	return generation;
}

void
state_stop(struct serve_state *st)
{
	pthread_mutex_lock(&st->lock);
	st->stopping = true;
	pthread_cond_broadcast(&st->changed);
	pthread_mutex_unlock(&st->lock);
}
