/* search.c: the search index, built at compile time so that search needs no
 * server. Each published record gives tokens from its title and the first
 * ~200 characters of its text: character bigrams for Chinese (words have no
 * spaces between them), lower-case words for Latin letters and digits. The
 * postings (document numbers as gaps from the previous one) are sharded by
 * the token's first character, so that a query loads
 * only the shards of its own characters; the documents (title, place, date,
 * link) are in files of SEARCH_DOCS_PER_FILE. Every file is a script that
 * hands its data to search.js, which works from file:// too. */
#include "site/site.h"

#include <stdlib.h>
#include <string.h>

#include "site/text.h"

#define EXCERPT_CHARS 200

struct posting {
	char *token;           /* NULL: empty slot */
	uint32_t first_cp;
	uint32_t *docs;
	size_t n_docs;
	size_t cap;
};

struct search_index {
	struct posting *slots;
	size_t cap;            /* a power of two */
	size_t len;
};

static uint64_t
hash_token(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

static void index_insert(struct search_index *ix, const char *tok, size_t len,
    uint32_t first_cp, uint32_t doc);

static void
index_grow(struct search_index *ix)
{
	struct posting *old = ix->slots;
	size_t old_cap = ix->cap;

	ix->cap = old_cap ? old_cap * 2 : 4096;
	ix->slots = xcalloc(ix->cap, sizeof *ix->slots);
	ix->len = 0;
	for (size_t i = 0; i < old_cap; i++) {
		struct posting *p = &old[i];
		if (p->token == NULL)
			continue;
		uint64_t h = hash_token(p->token, strlen(p->token));
		size_t k = (size_t)h & (ix->cap - 1);
		while (ix->slots[k].token != NULL)
			k = (k + 1) & (ix->cap - 1);
		ix->slots[k] = *p;
		ix->len++;
	}
	free(old);
}

static void
index_insert(struct search_index *ix, const char *tok, size_t len,
    uint32_t first_cp, uint32_t doc)
{
	if ((ix->len + 1) * 2 > ix->cap)
		index_grow(ix);
	size_t k = (size_t)hash_token(tok, len) & (ix->cap - 1);
	for (;; k = (k + 1) & (ix->cap - 1)) {
		struct posting *p = &ix->slots[k];
		if (p->token == NULL) {
			p->token = xstrndup(tok, len);
			p->first_cp = first_cp;
			ix->len++;
		} else if (strncmp(p->token, tok, len) != 0 || p->token[len] != '\0') {
			continue;
		}
		/* documents arrive in order: a repeat is the same document */
		if (p->n_docs > 0 && p->docs[p->n_docs - 1] == doc)
			return;
		if (p->n_docs == p->cap) {
			p->cap = p->cap ? p->cap * 2 : 4;
			p->docs = xrealloc(p->docs, p->cap * sizeof *p->docs);
		}
		p->docs[p->n_docs++] = doc;
		return;
	}
}

void
search_index_free(struct search_index *ix)
{
	if (ix == NULL)
		return;
	for (size_t i = 0; i < ix->cap; i++) {
		free(ix->slots[i].token);
		free(ix->slots[i].docs);
	}
	free(ix->slots);
	free(ix);
}

/* Letters of a word in Chinese text: ideographs and kana, not punctuation. */
static bool
is_han(uint32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* Full-width Latin letters and digits read as their ASCII forms; ASCII
 * letters in lower case. Returns 0 for what is neither. */
static uint32_t
ascii_fold(uint32_t cp)
{
	if (cp >= 0xFF10 && cp <= 0xFF19)
		cp = cp - 0xFF10 + '0';
	else if (cp >= 0xFF21 && cp <= 0xFF3A)
		cp = cp - 0xFF21 + 'a';
	else if (cp >= 0xFF41 && cp <= 0xFF5A)
		cp = cp - 0xFF41 + 'a';
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
		return cp;
	return 0;
}

/* Tokenises text into the index for doc; the JavaScript side does the same
 * with the query (search.js, tokens()). */
static void
index_text(struct search_index *ix, const char *s, uint32_t doc)
{
	size_t len = strlen(s), i = 0;
	char word[64];
	size_t wlen = 0;
	/* the previous Han character, for bigrams; run counts Han in a row */
	const char *prev = NULL;
	int prev_len = 0;
	uint32_t prev_cp = 0;
	size_t run = 0;

	while (i <= len) {
		uint32_t cp = 0;
		int n = 1;
		if (i < len) {
			n = utf8_decode(s + i, len - i, &cp);
			if (n <= 0)
				n = 1;
		}
		uint32_t a = i < len ? ascii_fold(cp) : 0;
		if (a != 0) {
			if (wlen < sizeof word - 1)
				word[wlen++] = (char)a;
		} else if (wlen > 0) {
			index_insert(ix, word, wlen, (unsigned char)word[0], doc);
			wlen = 0;
		}
		if (i < len && is_han(cp)) {
			if (prev != NULL) {
				char pair[8];
				memcpy(pair, prev, (size_t)prev_len);
				memcpy(pair + prev_len, s + i, (size_t)n);
				index_insert(ix, pair, (size_t)(prev_len + n), prev_cp,
				    doc);
			}
			prev = s + i;
			prev_len = n;
			prev_cp = cp;
			run++;
		} else {
			/* a lone Han character is a token of its own */
			if (run == 1)
				index_insert(ix, prev, (size_t)prev_len, prev_cp, doc);
			prev = NULL;
			run = 0;
		}
		i += (size_t)n;
	}
}

static void
build_index(struct site_state *st)
{
	struct search_index *ix = xcalloc(1, sizeof *ix);
	struct buf text = {0};

	index_grow(ix);
	for (size_t d = 0; d < st->n_published; d++) {
		const struct record *r = st->published[d];
		buf_reset(&text);
		buf_puts(&text, r->title);
		buf_putc(&text, ' ');
		markdown_excerpt(r->body, EXCERPT_CHARS, &text);
		index_text(ix, text.data, (uint32_t)d);
	}
	buf_free(&text);
	st->search = ix;
}

static int
token_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct posting *const *)a)->token,
	    (*(const struct posting *const *)b)->token);
}

int
render_search_shards(struct site_state *st, const struct page *p,
    struct job_result *r)
{
	struct search_index *ix;

	pthread_mutex_lock(&st->search_lock);
	if (st->search == NULL)
		build_index(st);
	ix = st->search;
	pthread_mutex_unlock(&st->search_lock);

	const struct posting **list = xcalloc(ix->len + 1, sizeof *list);
	for (int s = p->shard; s < p->shard + SEARCH_SHARDS_PER_JOB &&
	    s < SEARCH_SHARDS; s++) {
		size_t n = 0;
		for (size_t i = 0; i < ix->cap; i++)
			if (ix->slots[i].token != NULL &&
			    ix->slots[i].first_cp % SEARCH_SHARDS == (uint32_t)s)
				list[n++] = &ix->slots[i];
		if (n > 1)
			qsort(list, n, sizeof *list, token_cmp);
		struct buf *out = job_emit(r, p->shard_paths[s - p->shard]);
		buf_printf(out, "NB_SEARCH.shard(%d, {", s);
		for (size_t i = 0; i < n; i++) {
			buf_puts(out, i > 0 ? ",\n" : "\n");
			json_string(out, list[i]->token);
			buf_putc(out, ':');
			buf_putc(out, '[');
			/* ascending document numbers, each as the gap from the one
			 * before: small numbers, a smaller file */
			for (size_t k = 0; k < list[i]->n_docs; k++)
				buf_printf(out, k > 0 ? ",%u" : "%u", list[i]->docs[k] -
				    (k > 0 ? list[i]->docs[k - 1] : 0));
			buf_putc(out, ']');
		}
		buf_puts(out, "});\n");
	}
	free(list);
	return 0;
}

int
render_search_docs(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	struct arena *a = arena_new();
	struct buf *out = job_emit(r, p->out_path);
	size_t first = (size_t)p->shard * SEARCH_DOCS_PER_FILE;

	buf_printf(out, "NB_SEARCH.docs(%d, [", p->shard);
	for (size_t d = first; d < st->n_published &&
	    d < first + SEARCH_DOCS_PER_FILE; d++) {
		const struct record *rec = st->published[d];
		char date[11];
		struct buf url = {0};
		buf_puts(out, d > first ? ",\n[" : "\n[");
		json_string(out, rec->title);
		buf_putc(out, ',');
		json_string(out, arena_printf(a, "%s %s", rec->village->town->name,
		    rec->village->name));
		buf_putc(out, ',');
		date_format(rec->date, date);
		json_string(out, date);
		buf_putc(out, ',');
		url_encode_path(&url, record_page_path(a, rec));
		json_string(out, url.data ? url.data : "");
		buf_free(&url);
		buf_putc(out, ',');
		json_string(out, record_type_label(rec->type));
		buf_putc(out, ']');
	}
	buf_puts(out, "]);\n");
	arena_free(a);
	return 0;
}
