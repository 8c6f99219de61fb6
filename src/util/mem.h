/* mem.h: what every file of the program may use: checked allocation (that
 * cannot fail), the count of an array, and the attributes that let the
 * compiler check printf-style formats. */
#ifndef NB_UTIL_MEM_H
#define NB_UTIL_MEM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define NB_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define NB_NORETURN __attribute__((noreturn))
#else
#define NB_PRINTF(f, a)
#define NB_NORETURN
#endif

#define NB_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that cannot fail: on exhaustion the program reports it and exits
 * with status 3 (a system failure), since no caller can do better. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
NB_NORETURN void nb_out_of_memory(void);

#endif
