/* arena.h: many small allocations freed together; the model lives in one. */
#ifndef NB_UTIL_ARENA_H
#define NB_UTIL_ARENA_H

#include "util/mem.h"

/* An arena: many small allocations freed together. The model lives in one. */
struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
/* Frees what was allocated but keeps a chunk for what comes next: an arena
 * used over and over (one per thread, for one document at a time). */
void arena_reset(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);     /* zeroed, aligned */
/* The calling thread's own arena of each kind, for scratch work its user
 * resets after each use (arena_reset); freed when the thread ends. Never
 * freed by the caller. */
enum arena_local {
	ARENA_LOCAL_MARKDOWN,  /* a document cmark parses and renders */
	ARENA_LOCAL_YAML,      /* a record's front matter as a tree */
	ARENA_LOCAL_N
};
struct arena *arena_local(enum arena_local which);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_printf(struct arena *a, const char *fmt, ...) NB_PRINTF(2, 3);
void *arena_memdup(struct arena *a, const void *p, size_t size);

#endif
