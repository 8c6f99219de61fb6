/* search.c: the search index, built at compile time so that search needs no
 * server. Each published record gives tokens from its title and the first
 * ~200 characters of its text: character bigrams for Chinese (words have no
 * spaces between them), lower-case words for Latin letters and digits. The
 * postings (document numbers as gaps from the previous one) are sharded by
 * the token's first character, so that a query loads only the shards of its
 * own characters, and so are the terms search.js cuts a query typed without
 * spaces at (place names, programs...); the documents (title, place, date, link) are in files of
 * SEARCH_DOCS_PER_FILE. Every file is a script that hands its data to
 * search.js, which works from file:// too.
 *
 * The index is filled while the site renders: a record's page parses its
 * Markdown anyway and offers its excerpt here, so that a text is parsed
 * once. The search jobs index whatever no page has offered yet, wait for
 * the documents being indexed by other threads, and write their shards in
 * an order that does not depend on who indexed what. */
#include "site/site.h"

#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "site/text.h"

/* Document numbers, in the order indexed, in blocks from the index's
 * arena: the index lives as long as the build, and blocks that are never
 * moved or freed leave no holes among the pages' short-lived memory. */
struct block {
	struct block *next;
	uint32_t n;
	uint32_t cap;
	uint32_t docs[];
};

struct posting {
	const char *token;     /* NULL: empty slot */
	struct block *first, *last;
	uint32_t hash;         /* of the token */
	uint32_t len;
	uint32_t n_docs;
	/* the document added last and the last block's fill and room, here
	 * rather than only in the block: a token repeated in a document is
	 * passed over, and a document added, without reading the block,
	 * which is elsewhere in memory (only written) */
	uint32_t last_doc;
	uint32_t fill, room;
};

/* A word a query may be cut at (a place's, a power item's, a program's
 * name...): its text in the index's arena. */
struct term {
	const char *text;      /* NULL: empty slot */
	uint32_t hash;
	uint32_t len;
};

/* The tokens whose first character falls in one shard, and the terms. */
struct shard {
	struct posting *slots;
	size_t cap;            /* a power of two */
	size_t len;
	struct term *terms;
	size_t terms_cap;      /* a power of two */
	size_t terms_len;
};

enum doc_state { DOC_NEW, DOC_CLAIMED, DOC_INDEXED };

struct search_index {
	pthread_mutex_t lock;  /* the shards, while documents are added */
	struct shard shards[SEARCH_SHARDS];
	struct arena *arena;   /* the tokens' text and the postings' blocks */
	_Atomic unsigned char *state;   /* enum doc_state, per document */
	size_t n_docs;
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

static void
shard_grow(struct shard *sh)
{
	struct posting *old = sh->slots;
	size_t old_cap = sh->cap;

	sh->cap = old_cap ? old_cap * 2 : 256;
	sh->slots = xcalloc(sh->cap, sizeof *sh->slots);
	for (size_t i = 0; i < old_cap; i++) {
		struct posting *p = &old[i];
		if (p->token == NULL)
			continue;
		size_t k = (size_t)p->hash & (sh->cap - 1);
		while (sh->slots[k].token != NULL)
			k = (k + 1) & (sh->cap - 1);
		sh->slots[k] = *p;
	}
	free(old);
}

/* Adds doc to the token's postings; called with the lock held. */
static void
index_insert(struct search_index *ix, const char *tok, size_t len,
    uint32_t first_cp, uint32_t doc)
{
	struct shard *sh = &ix->shards[first_cp % SEARCH_SHARDS];
	uint32_t hash = (uint32_t)hash_token(tok, len);

	if ((sh->len + 1) * 2 > sh->cap)
		shard_grow(sh);
	for (size_t k = (size_t)hash & (sh->cap - 1);;
	    k = (k + 1) & (sh->cap - 1)) {
		struct posting *p = &sh->slots[k];
		if (p->token == NULL) {
			p->token = arena_strndup(ix->arena, tok, len);
			p->hash = hash;
			p->len = (uint32_t)len;
			sh->len++;
		} else if (p->hash != hash || p->len != len ||
		    memcmp(p->token, tok, len) != 0) {
			continue;
		}
		struct block *b = p->last;
		/* a document's tokens are added together: a repeat is the same
		 * document */
		if (b != NULL && p->last_doc == doc)
			return;
		if (p->room == 0) {
			/* most tokens are rare: small blocks first, then as
			 * large as half of what is there */
			uint32_t cap = p->n_docs < 8 ? 4 :
			    (uint32_t)(p->n_docs / 2);
			struct block *fresh = arena_alloc(ix->arena,
			    sizeof *fresh + cap * sizeof *fresh->docs);
			fresh->cap = cap;
			if (b != NULL)
				b->next = fresh;
			else
				p->first = fresh;
			p->last = b = fresh;
			p->fill = 0;
			p->room = cap;
		}
		b->docs[p->fill++] = doc;
		b->n = p->fill;
		p->room--;
		p->last_doc = doc;
		p->n_docs++;
		return;
	}
}

/* The short names people search by, for the long ones of the catalog
 * and the programs. */
static const struct {
	const char *long_name;
	const char *short_name;
} search_aliases[] = {
	{"最低生活保障", "低保"},
	{"特困人员", "五保"},
	{"村务监督委员会", "监委会"},
	{"提醒谈话", "三提醒"},
	{"一事一议", "筹资筹劳"},
};

static void add_term(struct search_index *ix, const char *s, size_t len,
    uint32_t first_cp);

struct search_index *
search_index_new(size_t n_docs)
{
	struct search_index *ix = xcalloc(1, sizeof *ix);

	if (pthread_mutex_init(&ix->lock, NULL) != 0)
		nb_out_of_memory();
	ix->arena = arena_new();
	ix->n_docs = n_docs;
	ix->state = xcalloc(n_docs + 1, sizeof *ix->state);
	for (size_t d = 0; d < n_docs; d++)
		atomic_init(&ix->state[d], DOC_NEW);
	/* the long names too, which a field may hold inside a longer one
	 * (城乡最低生活保障) */
	for (size_t i = 0; i < NB_COUNT(search_aliases); i++) {
		const char *names[] = {search_aliases[i].long_name,
		    search_aliases[i].short_name};
		for (size_t k = 0; k < 2; k++) {
			uint32_t cp = 0;
			utf8_decode(names[k], strlen(names[k]), &cp);
			add_term(ix, names[k], strlen(names[k]), cp);
		}
	}
	return ix;
}

void
search_index_free(struct search_index *ix)
{
	if (ix == NULL)
		return;
	for (int s = 0; s < SEARCH_SHARDS; s++) {
		free(ix->shards[s].slots);
		free(ix->shards[s].terms);
	}
	arena_free(ix->arena);
	free((void *)ix->state);
	pthread_mutex_destroy(&ix->lock);
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

/* A document's tokens, gathered before the index is locked: Chinese ones
 * point into the text, folded words into a buffer as long as the text. */
struct token {
	const char *text;
	size_t len;
	uint32_t first_cp;
};

struct token_list {
	struct token *items;   /* room for one per byte of the text, and one */
	size_t len;
	char *words;
	size_t words_len;
};

static void
token_add(struct token_list *t, const char *s, size_t len, uint32_t first_cp)
{
	t->items[t->len++] = (struct token){s, len, first_cp};
}

static void
word_add(struct token_list *t, const char *word, size_t len)
{
	char *copy = t->words + t->words_len;

	memcpy(copy, word, len);
	t->words_len += len;
	token_add(t, copy, len, (unsigned char)word[0]);
}

/* The character at i of s (len bytes) in *cp, 0 at the end; returns its
 * bytes, 1 for a byte that starts none. */
static int
char_at(const char *s, size_t len, size_t i, uint32_t *cp)
{
	int n = 1;

	*cp = 0;
	if (i < len) {
		if ((unsigned char)s[i] < 0x80)
			*cp = (unsigned char)s[i];
		else if ((n = utf8_decode(s + i, len - i, cp)) <= 0)
			n = 1;
	}
	return n;
}

/* Tokenises text; the JavaScript side does the same with the query
 * (search.js, tokens()). */
static void
tokenize(const char *s, size_t len, struct token_list *out)
{
	size_t i = 0;
	char word[64];
	size_t wlen = 0;
	/* the previous Han character, for bigrams; run counts Han in a row */
	const char *prev = NULL;
	int prev_len = 0;
	uint32_t prev_cp = 0;
	size_t run = 0;

	while (i <= len) {
		uint32_t cp = 0;
		int n = char_at(s, len, i, &cp);
		uint32_t a = i < len ? ascii_fold(cp) : 0;
		if (a != 0) {
			if (wlen < sizeof word - 1)
				word[wlen++] = (char)a;
		} else if (wlen > 0) {
			word_add(out, word, wlen);
			wlen = 0;
		}
		if (i < len && is_han(cp)) {
			/* the previous character sits right before this one */
			if (prev != NULL)
				token_add(out, prev, (size_t)(prev_len + n),
				    prev_cp);
			prev = s + i;
			prev_len = n;
			prev_cp = cp;
			run++;
		} else {
			/* a lone Han character is a token of its own */
			if (run == 1)
				token_add(out, prev, (size_t)prev_len, prev_cp);
			prev = NULL;
			run = 0;
		}
		i += (size_t)n;
	}
}

/* ---- the terms a query is cut at ----
 * People type 张家沟低保 for 张家沟 低保, and the bigram 沟低 is in none of
 * the records the two words find. search.js cuts a query's Chinese before
 * and after the longest term that starts at each of its characters. The
 * terms are the Chinese of what documents are found by besides their words
 * (places, power items, programs, outcomes, kinds), each kept in the shard
 * of its first character: a query loads no file for them but its own
 * characters' shards. */

/* longer runs are sentences, never typed as one word */
#define TERM_MAX_CHARS 16

/* Adds a term unless it is there; called with the lock held, or before
 * any thread indexes. */
static void
term_insert(struct search_index *ix, const char *s, size_t len,
    uint32_t first_cp)
{
	struct shard *sh = &ix->shards[first_cp % SEARCH_SHARDS];
	uint32_t hash = (uint32_t)hash_token(s, len);

	if ((sh->terms_len + 1) * 2 > sh->terms_cap) {
		struct term *old = sh->terms;
		size_t old_cap = sh->terms_cap;
		sh->terms_cap = old_cap ? old_cap * 2 : 16;
		sh->terms = xcalloc(sh->terms_cap, sizeof *sh->terms);
		for (size_t i = 0; i < old_cap; i++) {
			if (old[i].text == NULL)
				continue;
			size_t k = old[i].hash & (sh->terms_cap - 1);
			while (sh->terms[k].text != NULL)
				k = (k + 1) & (sh->terms_cap - 1);
			sh->terms[k] = old[i];
		}
		free(old);
	}
	for (size_t k = hash & (sh->terms_cap - 1);;
	    k = (k + 1) & (sh->terms_cap - 1)) {
		struct term *t = &sh->terms[k];
		if (t->text == NULL) {
			t->text = arena_strndup(ix->arena, s, len);
			t->hash = hash;
			t->len = (uint32_t)len;
			sh->terms_len++;
			return;
		}
		if (t->hash == hash && t->len == len &&
		    memcmp(t->text, s, len) == 0)
			return;
	}
}

/* A place is typed without its kind as often as with it: 张家沟 for
 * 张家沟村, 清水 for 清水镇. */
static const char *const place_kinds[] = {"村", "社区", "镇", "乡", "街道"};

static void
add_term(struct search_index *ix, const char *s, size_t len,
    uint32_t first_cp)
{
	term_insert(ix, s, len, first_cp);
	for (size_t i = 0; i < NB_COUNT(place_kinds); i++) {
		size_t kl = strlen(place_kinds[i]);
		/* two characters at least are left (each of three bytes or
		 * four) */
		if (len >= kl + 6 && memcmp(s + len - kl, place_kinds[i],
		    kl) == 0)
			term_insert(ix, s, len - kl, first_cp);
	}
}

/* Adds each run of two to TERM_MAX_CHARS Chinese characters in the text
 * as a term; called with the lock held. */
static void
add_terms(struct search_index *ix, const char *s, size_t len)
{
	size_t i = 0, start = 0, chars = 0;
	uint32_t first = 0;

	while (i <= len) {
		uint32_t cp = 0;
		int n = char_at(s, len, i, &cp);
		if (i < len && is_han(cp)) {
			if (chars++ == 0) {
				start = i;
				first = cp;
			}
		} else {
			if (chars >= 2 && chars <= TERM_MAX_CHARS)
				add_term(ix, s + start, i - start, first);
			chars = 0;
		}
		i += (size_t)n;
	}
}

static int
term_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A shard's terms in order, as a JSON list. */
static void
put_terms(struct buf *out, const struct shard *sh)
{
	const char **list = xcalloc(sh->terms_len + 1, sizeof *list);
	size_t n = 0;

	for (size_t i = 0; i < sh->terms_cap; i++)
		if (sh->terms[i].text != NULL)
			list[n++] = sh->terms[i].text;
	if (n > 1)
		qsort(list, n, sizeof *list, term_cmp);
	buf_putc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(out, ',');
		json_string(out, list[i]);
	}
	buf_putc(out, ']');
	free(list);
}

/* Indexes a document the caller has claimed: its title, excerpt and
 * fields. The fields are terms (see above), and so is the title of a
 * place (named_by_title). */
static void
index_doc(struct search_index *ix, size_t doc, const char *title,
    const char *excerpt, const char *fields, bool named_by_title)
{
	size_t title_len = strlen(title), excerpt_len = strlen(excerpt);
	size_t fields_len = strlen(fields);
	size_t len = title_len + 1 + excerpt_len + 1 + fields_len;
	char *text = xmalloc(len + 1);
	struct token_list t = {0};

	memcpy(text, title, title_len);
	text[title_len] = ' ';
	memcpy(text + title_len + 1, excerpt, excerpt_len);
	text[title_len + 1 + excerpt_len] = ' ';
	memcpy(text + title_len + 2 + excerpt_len, fields, fields_len + 1);
	t.items = xmalloc((len + 1) * sizeof *t.items);
	t.words = xmalloc(len + 1);
	tokenize(text, len, &t);
	pthread_mutex_lock(&ix->lock);
	for (size_t i = 0; i < t.len; i++)
		index_insert(ix, t.items[i].text, t.items[i].len,
		    t.items[i].first_cp, (uint32_t)doc);
	add_terms(ix, fields, fields_len);
	if (named_by_title)
		add_terms(ix, title, title_len);
	pthread_mutex_unlock(&ix->lock);
	atomic_store(&ix->state[doc], DOC_INDEXED);
	free(text);
	free(t.items);
	free(t.words);
}

static bool
claim(struct search_index *ix, size_t doc)
{
	unsigned char expected = DOC_NEW;

	return atomic_load(&ix->state[doc]) == DOC_NEW &&
	    atomic_compare_exchange_strong(&ix->state[doc], &expected,
	    DOC_CLAIMED);
}

bool
search_index_wants(const struct search_index *ix, size_t doc)
{
	return atomic_load(&ix->state[doc]) == DOC_NEW;
}

static void
put_field(struct buf *out, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	buf_putc(out, ' ');
	buf_puts(out, text);
	for (size_t i = 0; i < NB_COUNT(search_aliases); i++)
		if (strstr(text, search_aliases[i].long_name) != NULL) {
			buf_putc(out, ' ');
			buf_puts(out, search_aliases[i].short_name);
		}
}

/* What a record is found by besides its words: where, under which power
 * item and program, how its decision came out, and its kind. */
static void
record_fields(const struct record *r, struct buf *out)
{
	const struct village *v = r->village;

	if (v->level != LEVEL_COUNTY)
		put_field(out, v->town->name);
	if (v->level == LEVEL_VILLAGE)
		put_field(out, v->name);
	if (r->power != NULL)
		put_field(out, r->power->name);
	if (r->type == RT_ASSISTANCE)
		put_field(out, r->as.assistance.program);
	if (r->type == RT_DECISION) {
		put_field(out, decision_outcome_label(&r->as.decision));
		if (r->as.decision.one_matter)
			put_field(out, "一事一议");
	}
	put_field(out, site_type_label(r->type));
	put_field(out, site_process_label(r));
}

static void
index_record(struct search_index *ix, size_t doc, const struct record *r,
    const char *excerpt)
{
	struct buf fields = {0};

	record_fields(r, &fields);
	index_doc(ix, doc, r->title, excerpt, fields.data ? fields.data : "",
	    false);
	buf_free(&fields);
}

void
search_index_offer(struct search_index *ix, size_t doc,
    const struct record *r, const char *excerpt)
{
	if (claim(ix, doc))
		index_record(ix, doc, r, excerpt);
}

/* ---- the places and the catalog as documents ---- */

size_t
search_places(const struct county *c)
{
	size_t n = c->n_towns + c->n_villages + c->catalog.n_services;

	for (size_t d = 0; d < c->catalog.n_domains; d++)
		n += c->catalog.domains[d].n_items;
	return n;
}

/* The k-th place document: what the list of results shows of it (title,
 * where, kind, the page) and what it is found by. */
struct place_doc {
	const char *title;
	const char *where;
	const char *kind;
	const char *path;
	struct buf fields;
};

static void
place_doc(const struct county *c, struct arena *a, size_t k,
    struct place_doc *out)
{
	buf_reset(&out->fields);
	for (size_t t = 0; t < c->n_towns; t++) {
		const struct town *town = &c->towns[t];
		if (k == 0) {
			out->title = town->name;
			out->where = c->site.name;
			out->kind = "镇（街道）";
			out->path = town_page_path(a, town);
			put_field(&out->fields, "村务公开");
			return;
		}
		k--;
		if (k < town->n_villages) {
			const struct village *v = &town->villages[k];
			out->title = v->name;
			out->where = town->name;
			out->kind = "村（社区）";
			out->path = village_page_path(a, v);
			put_field(&out->fields, town->name);
			put_field(&out->fields, v->board);
			put_field(&out->fields, "村务公开栏");
			return;
		}
		k -= town->n_villages;
	}
	for (size_t d = 0; d < c->catalog.n_domains; d++) {
		const struct domain *dom = &c->catalog.domains[d];
		if (k < dom->n_items) {
			const struct power_item *it = &dom->items[k];
			out->title = it->name;
			out->where = "小微权力清单";
			out->kind = "权力事项";
			out->path = SITE_CAT(a, "catalog/", it->id, ".html");
			put_field(&out->fields, it->name);
			put_field(&out->fields, dom->name);
			put_field(&out->fields, "小微权力清单");
			return;
		}
		k -= dom->n_items;
	}
	const struct service_guide *s = &c->catalog.services[k];
	out->title = s->name;
	out->where = "办事指南";
	out->kind = "办事指南";
	out->path = SITE_CAT(a, "services/", s->id, ".html");
	put_field(&out->fields, s->name);
	put_field(&out->fields, "办事指南");
}

/* Indexes every document no page has offered, then waits for those that
 * other threads are indexing (a claimed document is indexed right away,
 * with nothing in between that can fail or wait). */
static void
index_complete(const struct site_state *st)
{
	struct search_index *ix = st->search;
	struct buf excerpt = {0};

	struct place_doc place = {0};
	struct arena *a = arena_new();

	for (size_t d = 0; d < ix->n_docs; d++) {
		if (!claim(ix, d))
			continue;
		if (d >= st->n_published) {
			place_doc(st->county, a, d - st->n_published, &place);
			index_doc(ix, d, place.title, "", place.fields.data ?
			    place.fields.data : "", true);
			continue;
		}
		buf_reset(&excerpt);
		site_excerpt(st, d, &excerpt);
		index_record(ix, d, st->published[d], excerpt.data ?
		    excerpt.data : "");
	}
	buf_free(&excerpt);
	buf_free(&place.fields);
	arena_free(a);
	for (size_t d = 0; d < ix->n_docs; d++)
		while (atomic_load(&ix->state[d]) != DOC_INDEXED)
			sched_yield();
}

static int
token_cmp(const void *a, const void *b)
{
	return strcmp((*(const struct posting *const *)a)->token,
	    (*(const struct posting *const *)b)->token);
}

/* Sorts document numbers in place: quicksort on the larger part's loop,
 * insertion sort for short runs. The numbers are distinct; a list that
 * came in order (a search job indexes in order) is noticed first. */
static void
sort_docs(uint32_t *a, size_t n)
{
	size_t i;

	for (i = 1; i < n && a[i - 1] < a[i]; i++)
		;
	if (i >= n)
		return;
	while (n > 16) {
		uint32_t x = a[0], y = a[n / 2], z = a[n - 1];
		uint32_t pivot = x < y ? (y < z ? y : x < z ? z : x) :
		    (x < z ? x : y < z ? z : y);
		size_t lo = 0, hi = n - 1;
		for (;;) {
			while (a[lo] < pivot)
				lo++;
			while (a[hi] > pivot)
				hi--;
			if (lo >= hi)
				break;
			uint32_t t = a[lo];
			a[lo++] = a[hi];
			a[hi--] = t;
		}
		/* [0, hi] <= pivot <= [hi + 1, n) */
		size_t left = hi + 1;
		if (left < n - left) {
			sort_docs(a, left);
			a += left;
			n -= left;
		} else {
			sort_docs(a + left, n - left);
			n = left;
		}
	}
	for (i = 1; i < n; i++) {
		uint32_t x = a[i];
		size_t j = i;
		for (; j > 0 && a[j - 1] > x; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* The position of the lowest bit set in x (not 0), without compiler
 * builtins: a de Bruijn sequence picks it from a table. */
static int
lowest_bit(uint64_t x)
{
	static const unsigned char table[64] = {
		0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4,
		62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
		63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11,
		46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6,
	};

	return table[((x & (~x + 1)) * UINT64_C(0x03f79d71b4cb0a89)) >> 58];
}

/* A posting's documents in ascending order, into docs. A long list goes
 * through bits, one per document of the county, read back in order and
 * left cleared; a short one is sorted. */
#define SORTED_BY_BITS 64

static size_t
posting_docs(const struct posting *post, uint64_t *bits, uint32_t *docs)
{
	size_t n = 0;

	if (post->n_docs < SORTED_BY_BITS) {
		for (const struct block *b = post->first; b != NULL;
		    b = b->next) {
			memcpy(docs + n, b->docs, b->n * sizeof *docs);
			n += b->n;
		}
		sort_docs(docs, n);
		return n;
	}
	uint32_t lo = UINT32_MAX, hi = 0;
	for (const struct block *b = post->first; b != NULL; b = b->next)
		for (uint32_t k = 0; k < b->n; k++) {
			uint32_t d = b->docs[k];
			bits[d / 64] |= UINT64_C(1) << (d % 64);
			lo = d < lo ? d : lo;
			hi = d > hi ? d : hi;
		}
	for (uint32_t w = lo / 64; w <= hi / 64; w++) {
		uint64_t x = bits[w];
		bits[w] = 0;
		while (x != 0) {
			docs[n++] = w * 64 + (uint32_t)lowest_bit(x);
			x &= x - 1;
		}
	}
	return n;
}

int
render_search_shards(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	struct search_index *ix = st->search;
	uint32_t *docs = NULL;
	size_t docs_cap = 0;
	uint64_t *bits = xcalloc(ix->n_docs / 64 + 1, sizeof *bits);

	index_complete(st);
	/* each shard is written by one job: its postings are this job's */
	for (int s = p->shard; s < p->shard + SEARCH_SHARDS_PER_JOB &&
	    s < SEARCH_SHARDS; s++) {
		struct shard *sh = &ix->shards[s];
		struct posting **list = xcalloc(sh->len + 1, sizeof *list);
		size_t n = 0;
		for (size_t i = 0; i < sh->cap; i++)
			if (sh->slots[i].token != NULL)
				list[n++] = &sh->slots[i];
		if (n > 1)
			qsort(list, n, sizeof *list, token_cmp);
		struct buf *out = job_emit(r, p->shard_paths[s - p->shard]);
		buf_puts(out, "NB_SEARCH.shard(");
		put_decimal(out, s);
		buf_puts(out, ", {");
		for (size_t i = 0; i < n; i++) {
			struct posting *post = list[i];
			buf_puts(out, i > 0 ? ",\n" : "\n");
			json_string(out, post->token);
			buf_puts(out, ":[");
			if (post->n_docs > docs_cap) {
				docs_cap = post->n_docs;
				docs = xrealloc(docs, docs_cap * sizeof *docs);
			}
			size_t n_docs = posting_docs(post, bits, docs);
			/* ascending document numbers, each as the gap from the one
			 * before: small numbers, a smaller file */
			for (size_t k = 0; k < n_docs; k++) {
				if (k > 0)
					buf_putc(out, ',');
				put_decimal(out, docs[k] - (k > 0 ?
				    docs[k - 1] : 0));
			}
			buf_putc(out, ']');
		}
		buf_puts(out, "}, ");
		put_terms(out, sh);
		buf_puts(out, ");\n");
		free(list);
	}
	free(docs);
	free(bits);
	return 0;
}

int
render_search_docs(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	struct buf *out = job_emit(r, p->out_path);
	struct buf scratch = {0}, url = {0};
	size_t first = (size_t)p->shard * SEARCH_DOCS_PER_FILE;

	buf_puts(out, "NB_SEARCH.docs(");
	put_decimal(out, p->shard);
	buf_puts(out, ", [");
	size_t n_docs = st->n_published + search_places(st->county);
	struct place_doc place = {0};
	struct arena *a = arena_new();

	for (size_t d = first; d < n_docs && d < first + SEARCH_DOCS_PER_FILE;
	    d++) {
		buf_puts(out, d > first ? ",\n[" : "\n[");
		if (d >= st->n_published) {
			/* a place: no date */
			place_doc(st->county, a, d - st->n_published, &place);
			json_string(out, place.title);
			buf_putc(out, ',');
			json_string(out, place.where);
			buf_puts(out, ",\"\",");
			buf_reset(&url);
			url_encode_path(&url, place.path);
			json_string(out, url.data);
			buf_putc(out, ',');
			json_string(out, place.kind);
			buf_putc(out, ']');
			continue;
		}
		const struct record *rec = st->published[d];
		char date[11];
		json_string(out, rec->title);
		buf_putc(out, ',');
		buf_reset(&scratch);
		village_place(rec->village, &scratch);
		json_string(out, scratch.data);
		buf_putc(out, ',');
		date_format(rec->date, date);
		json_string(out, date);
		buf_putc(out, ',');
		buf_reset(&scratch);
		record_page_path_put(&scratch, rec);
		buf_reset(&url);
		url_encode_path(&url, scratch.data);
		json_string(out, url.data);
		buf_putc(out, ',');
		json_string(out, site_type_label(rec->type));
		buf_putc(out, ']');
	}
	buf_puts(out, "]);\n");
	buf_free(&scratch);
	buf_free(&url);
	buf_free(&place.fields);
	arena_free(a);
	return 0;
}

/* ---- what a record page hands to the feeds and the index ---- */

bool
site_wants_excerpt(const struct site_state *st, size_t doc)
{
	return site_feed_wants(st, doc) || search_index_wants(st->search, doc);
}

void
site_record_parsed(const struct site_state *st, size_t doc,
    const char *excerpt)
{
	const struct record *r = st->published[doc];
	struct buf text = {0};

	/* an assistance list's names and reasons stay on its page (its title
	 * is without them from loading on) */
	record_scrub(r, excerpt, &text);
	excerpt_memo_put(excerpt_key(r), text.data ? text.data : "", text.len);
	if (site_feed_wants(st, doc))
		excerpts_keep(st->excerpts, doc, text.data ? text.data : "",
		    text.len);
	search_index_offer(st->search, doc, r, text.data ? text.data : "");
	buf_free(&text);
}
