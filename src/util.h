/* util.h: the small pieces every subsystem uses: growable buffers, an arena
 * for the model, checked allocation, paths, UTF-8 and atomic file writes. */
#ifndef NB_UTIL_H
#define NB_UTIL_H

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

/* A growable byte buffer, always NUL-terminated when data is not NULL. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_grow(struct buf *b, size_t extra);
void buf_put(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) NB_PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Hands the data over to the caller (never NULL) and empties the buffer. */
char *buf_detach(struct buf *b);
/* Text for HTML and XML, in content, attributes and feeds alike:
 * & < > " ' as &amp; &lt; &gt; &quot; &#39;, and the C0 control characters
 * but tab, newline and carriage return left out (XML 1.0 forbids them, HTML
 * calls them errors). buf_puts_escaped takes a string, or NULL for none. */
void buf_put_escaped(struct buf *b, const char *s, size_t len);
void buf_puts_escaped(struct buf *b, const char *s);
/* The decimal digits of v, '-' first when negative, NUL-terminated in out;
 * returns their length. No printf: pages print many numbers. */
#define DECIMAL_SIZE 24
size_t decimal_text(long long v, char out[DECIMAL_SIZE]);

/* An arena: many small allocations freed together. The model lives in one. */
struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);     /* zeroed, aligned */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_printf(struct arena *a, const char *fmt, ...) NB_PRINTF(2, 3);
void *arena_memdup(struct arena *a, const void *p, size_t size);

/* A growable array of pointers, used while loading. */
struct ptrvec {
	void **items;
	size_t len;
	size_t cap;
};

void ptrvec_push(struct ptrvec *v, void *item);
void ptrvec_free(struct ptrvec *v);

/* Files. Each returns 0 on success, or -1 with errno set. file_read reads
 * regular files only (EINVAL otherwise) and at most limit bytes (EFBIG). */
int file_read(const char *path, size_t limit, char **data, size_t *len);
/* Writes data to a temporary file beside path, syncs it, and renames it over
 * path, so that readers see either the old or the new file, never half. */
int file_write_atomic(const char *path, const void *data, size_t len);
int mkdir_p(const char *path, int mode);
bool path_is_dir(const char *path);
/* A folder with nothing in it (false when it cannot be read). */
bool dir_is_empty(const char *path);
bool path_exists(const char *path);
/* Joins with one '/', in a new heap string. */
char *path_join(const char *a, const char *b);
/* Removes a tree; 0 on success. */
int remove_tree(const char *path);

/* UTF-8. utf8_check returns the byte offset of the first invalid sequence,
 * or (size_t)-1 when the text is valid. */
size_t utf8_check(const char *s, size_t len);
/* Decodes one code point of valid UTF-8 at s, returns its length in bytes. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Line and column (1-based, column in code points) of byte offset off. */
void text_position(const char *s, size_t off, int *line, int *col);

/* The same for many offsets in increasing order, in one pass over the text:
 * start with {text} and call text_cursor_to for each offset. */
struct text_cursor {
	const char *text;
	size_t off;
	int line;
	int col;
};

void text_cursor_to(struct text_cursor *c, size_t off);
/* The byte offset of a 1-based line and a column counted in code points
 * (clamped to the line's end). */
size_t text_offset_of(const char *s, size_t len, int line, int col);
/* A column counted in bytes of the given line, counted in code points. */
int text_byte_col_to_chars(const char *s, size_t len, int line, int byte_col);
bool is_cjk(uint32_t cp);

/* A 128-bit digest of content, for cache keys: equal inputs, equal digests.
 * Not cryptographic; collisions are out of reach for the files of a county. */
struct digest {
	uint64_t hi;
	uint64_t lo;
};

struct hasher {
	uint64_t a;
	uint64_t b;
	uint64_t len;
};

void hasher_init(struct hasher *h);
void hasher_put(struct hasher *h, const void *data, size_t len);
/* Strings are framed by their length, so "ab"+"c" differs from "a"+"bc". */
void hasher_str(struct hasher *h, const char *s);
void hasher_u64(struct hasher *h, uint64_t v);
void hasher_digest(struct hasher *h, const struct digest *d);
struct digest hasher_final(const struct hasher *h);
struct digest digest_of(const void *data, size_t len);
bool digest_equal(struct digest x, struct digest y);
/* 32 hex digits and a NUL. */
void digest_hex(struct digest d, char out[33]);

/* Levenshtein distance between two ASCII strings, bounded by limit+1. */
int edit_distance(const char *a, const char *b, int limit);

#endif
