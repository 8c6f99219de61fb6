/* arena.c: an arena of chunks that grow with the request. */
#include "util/arena.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"

/* ---- arena ---- */

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

struct arena {
	struct arena_chunk *head;
};

#define ARENA_CHUNK (64 * 1024)

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

static pthread_once_t local_once = PTHREAD_ONCE_INIT;
static pthread_key_t local_key;
static _Thread_local struct arena *local[ARENA_LOCAL_N];

/* At a thread's end: its arenas (the key holds its array of them). */
static void
local_free(void *p)
{
	struct arena **l = p;

	for (int i = 0; i < ARENA_LOCAL_N; i++) {
		arena_free(l[i]);
		l[i] = NULL;
	}
}

static void
local_init(void)
{
	if (pthread_key_create(&local_key, local_free) != 0)
		nb_out_of_memory();
}

struct arena *
arena_local(enum arena_local which)
{
	if (local[which] == NULL) {
		pthread_once(&local_once, local_init);
		local[which] = arena_new();
		if (pthread_setspecific(local_key, local) != 0)
			nb_out_of_memory();
	}
	return local[which];
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk *c, *next, *keep = NULL;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		if (keep == NULL && c->size == ARENA_CHUNK) {
			keep = c;
			continue;
		}
		free(c);
	}
	if (keep != NULL) {
		keep->next = NULL;
		keep->used = 0;
	}
	a->head = keep;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	const size_t align = sizeof(max_align_t);
	struct arena_chunk *c = a->head;
	size_t rounded;

	if (size > SIZE_MAX / 2)
		nb_out_of_memory();
	rounded = (size + align - 1) / align * align;
	if (rounded == 0)
		rounded = align;
	if (c == NULL || c->size - c->used < rounded) {
		size_t chunk = ARENA_CHUNK;
		if (rounded > chunk / 4) {
			/* a large block gets a chunk of its own, kept behind the head */
			c = xmalloc(sizeof *c + rounded);
			c->size = c->used = rounded;
			if (a->head != NULL) {
				c->next = a->head->next;
				a->head->next = c;
			} else {
				c->next = NULL;
				a->head = c;
			}
			memset(c->data, 0, rounded);
			return c->data;
		}
		c = xmalloc(sizeof *c + chunk);
		c->size = chunk;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += rounded;
	memset(p, 0, rounded);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

void *
arena_memdup(struct arena *a, const void *p, size_t size)
{
	void *q = arena_alloc(a, size);
	if (size > 0)
		memcpy(q, p, size);
	return q;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	char *p;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return p;
}
