/* state.h: what the preview server's files share: the state the build
 * (the main thread) publishes and the HTTP threads read, and the functions
 * of each file that serve.c drives. */
#ifndef NB_SERVE_STATE_H
#define NB_SERVE_STATE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "serve/serve.h"
#include "util/hash.h"

/* The path of the event stream every served page listens to, and the
 * prefix of the server's own pages, which no site page can have (a site
 * path never starts with "__"). */
#define SERVE_PREFIX "/__noticeboard/"
#define SERVE_EVENTS SERVE_PREFIX "events"
#define SERVE_PREVIEW SERVE_PREFIX "preview"
#define SERVE_POSTERS SERVE_PREFIX "posters/"

struct serve_state {
	pthread_mutex_t lock;
	pthread_cond_t changed;     /* signalled when generation or stopping
	                             * changes */
	unsigned long generation;   /* one more after every build, good or not,
	                             * as soon as its site is in place */
	unsigned long posters_generation;  /* one more when a build's posters
	                             * are done too */
	bool stopping;
	bool built;                 /* a site was built at least once */
	/* the overlay of the last build's errors (HTML), NULL when it was
	 * good; the site pages of draft records, sorted */
	char *overlay;
	char **drafts;
	size_t n_drafts;
	/* the main thread's own: the last build's outcome stands (it was not
	 * a system failure), so that a build that finds no file changed has
	 * nothing to do */
	bool outcome_stands;
	struct digest content_hash;  /* of the county of that build */
	/* set before the server starts, then read-only */
	char *output;               /* the private output folder, resolved */
	char *site_root;            /* output/site */
	char *posters_root;         /* output/posters */
};

/* ---- state.c ---- */
void state_init(struct serve_state *st);
void state_free(struct serve_state *st);
/* After a build: takes the overlay (NULL for none) and the draft pages,
 * counts a generation and wakes every event stream. built: the site was
 * (re)built this time. */
void state_publish(struct serve_state *st, char *overlay, char **drafts,
    size_t n_drafts, bool built);
/* After a build's posters: counts a generation of the posters (the
 * posters' page reloads on it, the site's pages do not). */
void state_publish_posters(struct serve_state *st);
/* What a response needs to know, copied under the lock: the generation,
 * the overlay (to free), whether there is a site yet and whether the site
 * page at path (relative to the site, NULL for none) is a draft's. */
struct state_view {
	unsigned long generation;
	unsigned long posters_generation;
	char *overlay;
	bool built;
	bool draft;
};
void state_view(struct serve_state *st, const char *path,
    struct state_view *v);
/* Waits until the generation is past seen, or the posters' past
 * *posters, the server stops or timeout_ms pass; returns the generation,
 * the posters' in *posters, and whether it stops in *stopping. */
unsigned long state_wait(struct serve_state *st, unsigned long seen,
    unsigned long *posters, int timeout_ms, bool *stopping);
/* Tells every event stream to end. */
void state_stop(struct serve_state *st);

/* ---- http.c: the HTTP server (libmicrohttpd) ---- */
struct http_server;
/* Serves on the listening socket fd (taken over, closed at the end). */
struct http_server *http_start(struct serve_state *st, int fd);
void http_stop(struct http_server *h);

/* ---- watch.c: the content folder watched with inotify ---- */
struct watch;
/* Watches root and every folder below it, new ones too. NULL on failure
 * (errno set). */
struct watch *watch_open(const char *root);
/* The file descriptor to poll for events. */
int watch_fd(const struct watch *w);
/* Reads the events there are; returns how many concern the content (an
 * editor's hidden and backup files do not), or -1 on failure. */
int watch_drain(struct watch *w);
/* The folders (relative to the content folder, "" for itself) where
 * something changed since the last call, to free; *lost when events were
 * lost and anything may have changed. */
char **watch_take_changes(struct watch *w, size_t *n, bool *lost);
void watch_close(struct watch *w);

/* ---- rebuild.c: one build of the preview ---- */
/* Loads and checks the content, and when it is clean builds the site and
 * the posters into st->output; then publishes the outcome to st: the
 * overlay of the errors (content errors, or a system failure, which leave
 * the last good site in place) and the pages of the drafts. */
struct county_cache;
/* hints: the folders where the watcher saw changes (NULL: unknown, the
 * loader looks at every file). */
void rebuild(struct serve_state *st, const struct serve_options *o,
    struct county_cache *cache, const char *const *hints, size_t n_hints);

#endif
