/* memo.c: the records' excerpts kept from one build to the next, for the
 * preview (serve), which builds again after every save: an excerpt costs a
 * Markdown parse, and the search index wants one of every record. Keyed by
 * a digest of what the excerpt is made from; after each build only the
 * excerpts of the records published then are kept, so that the memory
 * stays flat over a day of edits. A one-shot build keeps nothing. */
#include "site/site.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct memo_entry {
	struct digest key;
	char *text;
	size_t len;
	bool used;                 /* a published record's, while sweeping */
	bool full;
};

static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;
static bool memo_on;
static struct memo_entry *memo;    /* open addressing, a power of two */
static size_t memo_cap, memo_len;

static size_t
slot_of(struct digest key, size_t cap)
{
	size_t i = (size_t)(key.lo ^ key.hi) & (cap - 1);

	while (memo[i].full && !digest_equal(memo[i].key, key))
		i = (i + 1) & (cap - 1);
	return i;
}

static void
memo_clear(void)
{
	for (size_t i = 0; i < memo_cap; i++)
		free(memo[i].text);
	free(memo);
	memo = NULL;
	memo_cap = memo_len = 0;
}

void
site_keep_excerpts(bool on)
{
	pthread_mutex_lock(&memo_lock);
	memo_on = on;
	if (!on)
		memo_clear();
	pthread_mutex_unlock(&memo_lock);
}

struct digest
excerpt_key(const struct record *r)
{
	struct hasher h;

	hasher_init(&h);
	hasher_u64(&h, (uint64_t)r->type);
	hasher_u64(&h, EXCERPT_CHARS);
	hasher_digest(&h, &r->hash);
	hasher_str(&h, r->body);
	return hasher_final(&h);
}

bool
excerpt_memo_get(struct digest key, struct buf *out)
{
	bool found = false;

	pthread_mutex_lock(&memo_lock);
	if (memo_on && memo_cap > 0) {
		struct memo_entry *e = &memo[slot_of(key, memo_cap)];
		if (e->full) {
			buf_put(out, e->text, e->len);
			found = true;
		}
	}
	pthread_mutex_unlock(&memo_lock);
	return found;
}

static void
grow(void)
{
	struct memo_entry *old = memo;
	size_t old_cap = memo_cap;

	memo_cap = memo_cap ? memo_cap * 2 : 1024;
	memo = xcalloc(memo_cap, sizeof *memo);
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].full)
			memo[slot_of(old[i].key, memo_cap)] = old[i];
	free(old);
}

void
excerpt_memo_put(struct digest key, const char *text, size_t len)
{
	pthread_mutex_lock(&memo_lock);
	if (memo_on) {
		if ((memo_len + 1) * 2 > memo_cap)
			grow();
		struct memo_entry *e = &memo[slot_of(key, memo_cap)];
		if (!e->full) {
			e->key = key;
			e->text = xstrndup(text, len);
			e->len = len;
			e->full = true;
			memo_len++;
		}
	}
	pthread_mutex_unlock(&memo_lock);
}

void
excerpt_memo_sweep(const struct record *const *published, size_t n)
{
	pthread_mutex_lock(&memo_lock);
	if (memo_on && memo_cap > 0) {
		for (size_t k = 0; k < n; k++) {
			struct memo_entry *e = &memo[slot_of(excerpt_key(
			    published[k]), memo_cap)];
			e->used = e->full;
		}
		/* the ones kept, put again into a table of their own */
		struct memo_entry *old = memo;
		size_t old_cap = memo_cap;
		memo = xcalloc(memo_cap, sizeof *memo);
		memo_len = 0;
		for (size_t i = 0; i < old_cap; i++) {
			if (!old[i].full)
				continue;
			if (!old[i].used) {
				free(old[i].text);
				continue;
			}
			old[i].used = false;
			memo[slot_of(old[i].key, memo_cap)] = old[i];
			memo_len++;
		}
		free(old);
	}
	pthread_mutex_unlock(&memo_lock);
}
