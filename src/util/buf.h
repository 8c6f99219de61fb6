/* buf.h: growable buffers: of bytes (always NUL-terminated), with the
 * decimal digits of a number written without printf, and of pointers. */
#ifndef NB_UTIL_BUF_H
#define NB_UTIL_BUF_H

#include <string.h>

#include "util/mem.h"

/* A growable byte buffer, always NUL-terminated when data is not NULL. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_grow(struct buf *b, size_t extra);
void buf_puts(struct buf *b, const char *s);

/* buf_put and buf_putc inline: pages are written in millions of short
 * pieces, most of which fit in the room there is (len < cap - len leaves
 * room for the NUL; an empty buffer, cap 0, always grows). */
static inline void
buf_put(struct buf *b, const void *data, size_t len)
{
	if (len >= b->cap - b->len)
		buf_grow(b, len);
	if (len > 0)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

static inline void
buf_putc(struct buf *b, char c)
{
	if (b->cap - b->len <= 1)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
void buf_printf(struct buf *b, const char *fmt, ...) NB_PRINTF(2, 3);
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);
/* Hands the data over to the caller (never NULL) and empties the buffer. */
char *buf_detach(struct buf *b);

/* The decimal digits of v, '-' first when negative, NUL-terminated in out;
 * returns their length. No printf: pages print many numbers. */
#define DECIMAL_SIZE 24
size_t decimal_text(long long v, char out[DECIMAL_SIZE]);

/* A growable array of pointers, used while loading. */
struct ptrvec {
	void **items;
	size_t len;
	size_t cap;
};

void ptrvec_push(struct ptrvec *v, void *item);
void ptrvec_free(struct ptrvec *v);

#endif
