/* state.c: what the site's jobs read of the state the backend made once:
 * the published records in order, a town's latest, and the excerpts kept for
 * the feeds (made once by whichever job needs one first). */
#include "site/site.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "site/text.h"

/* The excerpts kept for the feeds, made once each. They live as long as
 * the build, in an arena of their own: malloc'd one by one among the
 * pages' short-lived memory they would scatter it. */
struct excerpts {
	pthread_mutex_t lock;  /* the arena, and setting an excerpt */
	struct arena *arena;
	_Atomic(const char *) *kept;   /* per published record, or NULL */
};

struct excerpts *
excerpts_new(size_t n)
{
	struct excerpts *e = xcalloc(1, sizeof *e);

	if (pthread_mutex_init(&e->lock, NULL) != 0)
		nb_out_of_memory();
	e->arena = arena_new();
	e->kept = xcalloc(n + 1, sizeof *e->kept);
	for (size_t d = 0; d < n; d++)
		atomic_init(&e->kept[d], NULL);
	return e;
}

void
excerpts_free(struct excerpts *e)
{
	if (e == NULL)
		return;
	pthread_mutex_destroy(&e->lock);
	arena_free(e->arena);
	free((void *)e->kept);
	free(e);
}

void
excerpts_keep(struct excerpts *e, size_t doc, const char *text, size_t len)
{
	pthread_mutex_lock(&e->lock);
	if (atomic_load(&e->kept[doc]) == NULL)
		atomic_store(&e->kept[doc], arena_strndup(e->arena, text,
		    len));
	pthread_mutex_unlock(&e->lock);
}

int
site_published_cmp(const void *a, const void *b)
{
	const struct record *x = *(const struct record *const *)a;
	const struct record *y = *(const struct record *const *)b;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return strcmp(x->path, y->path);
}

size_t
site_latest(const struct site_state *st, const struct town *t,
    const struct record **out, size_t max)
{
	size_t n = 0;

	for (size_t d = 0; d < st->n_published && n < max; d++)
		if (t == NULL || st->published[d]->village->town == t)
			out[n++] = st->published[d];
	return n;
}

/* The slot of a record in the table of documents: by its address, which
 * is as good as its identity here. */
static size_t
doc_hash(const struct record *r, size_t mask)
{
	uint64_t h = (uint64_t)(uintptr_t)r * 0x9E3779B97F4A7C15u;

	return (size_t)(h >> 32) & mask;
}

void
site_docs_index(struct site_state *st)
{
	size_t cap = 16;

	while (cap < st->n_published * 2)
		cap *= 2;
	st->doc_mask = cap - 1;
	st->doc_table = xcalloc(cap, sizeof *st->doc_table);
	for (size_t d = 0; d < st->n_published; d++) {
		size_t k = doc_hash(st->published[d], st->doc_mask);
		while (st->doc_table[k].record != NULL)
			k = (k + 1) & st->doc_mask;
		st->doc_table[k].record = st->published[d];
		st->doc_table[k].doc = d;
	}
}

size_t
site_doc(const struct site_state *st, const struct record *r)
{
	/* a table, not a binary search: every record page's plan and every
	 * feed's entry asks */
	for (size_t k = doc_hash(r, st->doc_mask);;
	    k = (k + 1) & st->doc_mask) {
		if (st->doc_table[k].record == r)
			return st->doc_table[k].doc;
		/* only published records are asked for */
		if (st->doc_table[k].record == NULL)
			return 0;
	}
}

void
site_excerpt(const struct site_state *st, size_t doc, struct buf *out)
{
	const char *kept = atomic_load(&st->excerpts->kept[doc]);
	size_t start = out->len;

	if (kept != NULL) {
		buf_puts(out, kept);
		return;
	}
	const struct record *r = st->published[doc];
	struct digest key = excerpt_key(r);
	if (excerpt_memo_get(key, out))
		goto made;
	if (r->type == RT_ASSISTANCE) {
		/* no name or reason of the list reaches search or feeds */
		struct buf raw = {0};
		markdown_excerpt(r->body, EXCERPT_CHARS, &raw);
		record_scrub(r, raw.data ? raw.data : "", out);
		buf_free(&raw);
	} else {
		markdown_excerpt(r->body, EXCERPT_CHARS, out);
	}
	excerpt_memo_put(key, out->data != NULL ? out->data + start : "",
	    out->len - start);
made:
	if (st->in_feed[doc])
		excerpts_keep(st->excerpts, doc,
		    out->data != NULL ? out->data + start : "",
		    out->len - start);
}

/* Whether a record on a feed still wants its excerpt kept. */
bool
site_feed_wants(const struct site_state *st, size_t doc)
{
	return st->in_feed[doc] &&
	    atomic_load(&st->excerpts->kept[doc]) == NULL;
}
