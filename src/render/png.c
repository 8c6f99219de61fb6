/* png.c: PNG for the flowcharts and the poster previews. cairo's writer
 * (libpng at zlib's default level, every row filter tried on every row)
 * spent most of a chart's or a poster's time; both are flat colour, thin
 * lines and text, which rows filtered Up, a greedy LZ77 and deflate's fixed
 * Huffman codes pack well enough many times faster. Rows come in any number
 * at a time and are packed as they come, keeping only the 32K window, so a
 * chart drawn in bands may be taller than cairo's 32767-pixel surfaces.
 * The same pixels always give the same bytes. */
#include "render/png.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW 32768
#define HASH_BITS 15
#define MIN_MATCH 4
#define MAX_MATCH 258
/* Filtered bytes gathered before they are packed, past the window. */
#define CHUNK_BYTES ((size_t)1 << 20)
/* Every how many positions inside a match go into the hash table. */
#define MATCH_INSERT_STEP 8

/* ---- checksums ---- */

static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void
crc_init(void)
{
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t c = n;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

static uint32_t
crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
	crc = ~crc;
	while (n--)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}

struct adler {
	uint32_t a, b;
};

static void
adler_update(struct adler *s, const unsigned char *p, size_t n)
{
	uint32_t a = s->a, b = s->b;

	while (n > 0) {
		/* 5552: the most bytes before the sums can overflow */
		size_t k = n < 5552 ? n : 5552;
		n -= k;
		for (; k >= 8; k -= 8, p += 8) {
			a += p[0]; b += a; a += p[1]; b += a;
			a += p[2]; b += a; a += p[3]; b += a;
			a += p[4]; b += a; a += p[5]; b += a;
			a += p[6]; b += a; a += p[7]; b += a;
		}
		while (k--) {
			a += *p++;
			b += a;
		}
		a %= 65521;
		b %= 65521;
	}
	s->a = a;
	s->b = b;
}

/* n zero bytes: a stays, b grows by a each time. */
static void
adler_zeros(struct adler *s, size_t n)
{
	s->b = (uint32_t)((s->b + (uint64_t)s->a * (n % 65521)) % 65521);
}

/* ---- bits and the fixed Huffman codes of deflate ---- */

struct bits {
	struct buf *out;
	uint64_t acc;
	int n;
};

static void
bits_put(struct bits *w, uint32_t value, int count)
{
	w->acc |= (uint64_t)value << w->n;
	w->n += count;
	while (w->n >= 8) {
		buf_putc(w->out, (char)(w->acc & 0xff));
		w->acc >>= 8;
		w->n -= 8;
	}
}

static void
bits_flush(struct bits *w)
{
	if (w->n > 0)
		buf_putc(w->out, (char)(w->acc & 0xff));
	w->acc = 0;
	w->n = 0;
}

static uint32_t
reverse(uint32_t code, int len)
{
	uint32_t r = 0;

	for (int i = 0; i < len; i++) {
		r = (r << 1) | (code & 1);
		code >>= 1;
	}
	return r;
}

/* Deflate's fixed codes (RFC 1951, 3.2.6), bit-reversed for an LSB-first
 * stream. */
struct codes {
	uint16_t lit[288];
	uint8_t lit_len[288];
	uint8_t len_sym[MAX_MATCH + 1];    /* match length -> symbol - 257 */
	uint16_t dist[30];
};

static const uint16_t len_base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15,
	17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
	258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2,
	2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33,
	49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
	6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5,
	5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static struct codes fixed;
static pthread_once_t fixed_once = PTHREAD_ONCE_INIT;

static void
fixed_init(void)
{
	for (int s = 0; s < 288; s++) {
		int len = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
		uint32_t code = s < 144 ? 0x30 + (uint32_t)s :
		    s < 256 ? 0x190 + (uint32_t)(s - 144) :
		    s < 280 ? (uint32_t)(s - 256) : 0xc0 + (uint32_t)(s - 280);
		fixed.lit[s] = (uint16_t)reverse(code, len);
		fixed.lit_len[s] = (uint8_t)len;
	}
	for (int l = 3; l <= MAX_MATCH; l++) {
		int s = 0;
		while (s < 28 && len_base[s + 1] <= l)
			s++;
		fixed.len_sym[l] = (uint8_t)s;
	}
	for (int d = 0; d < 30; d++)
		fixed.dist[d] = (uint16_t)reverse((uint32_t)d, 5);
}

static void
put_literal(struct bits *w, unsigned char c)
{
	bits_put(w, fixed.lit[c], fixed.lit_len[c]);
}

static int
dist_code(uint32_t d)
{
	int lo = 0, hi = 29;

	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;
		if (dist_base[mid] <= d)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static void
put_match(struct bits *w, uint32_t len, uint32_t dist)
{
	int ls = fixed.len_sym[len], ds = dist_code(dist);

	bits_put(w, fixed.lit[257 + ls], fixed.lit_len[257 + ls]);
	if (len_extra[ls])
		bits_put(w, len - len_base[ls], len_extra[ls]);
	bits_put(w, fixed.dist[ds], 5);
	if (dist_extra[ds])
		bits_put(w, dist - dist_base[ds], dist_extra[ds]);
}

/* ---- the encoder ---- */

struct png_encoder {
	int width, height;
	int rows_in;                 /* rows added so far */
	size_t row_bytes;            /* the filter byte, then RGB */
	uint32_t *above;             /* the last row's pixels; zeros at first */
	unsigned char *data;         /* the window, then filtered rows */
	size_t len, cap;
	size_t packed;               /* data[0, packed) is compressed */
	int64_t base;                /* stream offset of data[0] */
	int64_t *head;               /* hash -> last stream offset */
	struct adler adler;
	struct bits bits;
	struct buf z;                /* the zlib stream */
	bool finished;
};

static uint32_t
load32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint32_t
hash4(uint32_t v)
{
	return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Packs data[from, len) by greedy LZ77; unless last, the final bytes wait
 * for more to come, so that a match is never cut short by where the rows
 * were handed in and the output does not depend on it. */
static size_t
pack(struct png_encoder *e, size_t from, bool last)
{
	const unsigned char *d = e->data;
	size_t n = e->len, i = from;
	size_t stop = last ? n : (n > MAX_MATCH + MIN_MATCH ?
	    n - MAX_MATCH - MIN_MATCH : 0);

	while (i < stop) {
		if (i + MIN_MATCH > n) {
			put_literal(&e->bits, d[i++]);
			continue;
		}
		uint32_t v = load32(d + i);
		uint32_t h = hash4(v);
		int64_t at = e->base + (int64_t)i;
		int64_t cand = e->head[h];
		e->head[h] = at;
		if (cand >= e->base && at - cand <= WINDOW &&
		    load32(d + (cand - e->base)) == v) {
			const unsigned char *a = d + (cand - e->base), *b = d + i;
			size_t max = n - i < MAX_MATCH ? n - i : MAX_MATCH;
			size_t len = MIN_MATCH;
			while (len + 8 <= max) {
				uint64_t x, y;
				memcpy(&x, a + len, 8);
				memcpy(&y, b + len, 8);
				if (x != y)
					break;
				len += 8;
			}
			while (len < max && a[len] == b[len])
				len++;
			put_match(&e->bits, (uint32_t)len, (uint32_t)(at - cand));
			/* some positions inside the match go into the table too,
			 * so that the next match is found nearer: a tenth smaller
			 * for a fifth more time than none */
			for (size_t k = i + 1; k + MIN_MATCH <= n && k < i + len;
			    k += MATCH_INSERT_STEP)
				e->head[hash4(load32(d + k))] = e->base + (int64_t)k;
			i += len;
			continue;
		}
		put_literal(&e->bits, d[i++]);
	}
	return i;
}

/* Packs what is gathered and keeps, of it, only what a match may still
 * reach back to, when the next row would not fit. */
static void
make_room(struct png_encoder *e)
{
	if (e->len + e->row_bytes <= e->cap)
		return;
	e->packed = pack(e, e->packed, false);
	size_t drop = e->packed > WINDOW ? e->packed - WINDOW : 0;
	memmove(e->data, e->data + drop, e->len - drop);
	e->base += (int64_t)drop;
	e->len -= drop;
	e->packed -= drop;
}

/* RGB less the row above (the Up filter): rows mostly repeat the one
 * above, and become zeros. */
static void
filter_row(struct png_encoder *e, const uint32_t *src)
{
	size_t width = (size_t)e->width;
	const uint32_t *above = e->above;
	unsigned char *dst = e->data + e->len;

	dst[0] = 2;
	if (memcmp(src, above, width * 4) == 0) {
		memset(dst + 1, 0, e->row_bytes - 1);
		adler_update(&e->adler, dst, 1);
		adler_zeros(&e->adler, e->row_bytes - 1);
	} else {
		for (size_t x = 0; x < width; x++) {
			uint32_t c = src[x], u = above[x];
			unsigned char *q = dst + 1 + 3 * x;
			if (c == u) {
				q[0] = q[1] = q[2] = 0;
				continue;
			}
			q[0] = (unsigned char)((c >> 16) - (u >> 16));
			q[1] = (unsigned char)((c >> 8) - (u >> 8));
			q[2] = (unsigned char)(c - u);
		}
		adler_update(&e->adler, dst, e->row_bytes);
	}
	memcpy(e->above, src, width * 4);
	e->len += e->row_bytes;
}

struct png_encoder *
png_begin(int width, int height)
{
	struct png_encoder *e;

	if (width <= 0 || height <= 0)
		return NULL;
	pthread_once(&crc_once, crc_init);
	pthread_once(&fixed_once, fixed_init);
	e = xcalloc(1, sizeof *e);
	e->width = width;
	e->height = height;
	e->row_bytes = (size_t)width * 3 + 1;
	/* PNG takes the row above the first as zeros */
	e->above = xcalloc((size_t)width, sizeof *e->above);
	e->cap = WINDOW + MAX_MATCH + MIN_MATCH + (e->row_bytes > CHUNK_BYTES ?
	    e->row_bytes : CHUNK_BYTES);
	e->data = xmalloc(e->cap);
	e->head = xmalloc(sizeof *e->head << HASH_BITS);
	for (size_t i = 0; i < (size_t)1 << HASH_BITS; i++)
		e->head[i] = -1;
	e->adler = (struct adler){1, 0};
	e->bits.out = &e->z;
	/* an image of flat colour packs to a few bits a pixel: room enough,
	 * once */
	buf_grow(&e->z, (size_t)width * (size_t)height / 4 + 4096);
	/* zlib header (deflate, 32K window, no dictionary), then one block
	 * with the fixed codes */
	buf_putc(&e->z, 0x78);
	buf_putc(&e->z, 0x01);
	bits_put(&e->bits, 1, 1);        /* the last block */
	bits_put(&e->bits, 1, 2);        /* fixed codes */
	return e;
}

int
png_add_rows(struct png_encoder *e, const unsigned char *pixels, int stride,
    int rows)
{
	if (e->finished || rows < 0 || rows > e->height - e->rows_in)
		return -1;
	for (int y = 0; y < rows; y++) {
		make_room(e);
		filter_row(e, (const uint32_t *)(const void *)(pixels +
		    (size_t)y * (size_t)stride));
	}
	e->rows_in += rows;
	return 0;
}

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
put_chunk(struct buf *out, const char *type, const unsigned char *data,
    size_t len)
{
	unsigned char head[8], tail[4];
	uint32_t crc;

	put_be32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	crc = crc32_update(crc32_update(0, head + 4, 4), data, len);
	put_be32(tail, crc);
	buf_put(out, head, 8);
	buf_put(out, data, len);
	buf_put(out, tail, 4);
}

int
png_finish(struct png_encoder *e, struct buf *out)
{
	static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n'};
	unsigned char ihdr[13], sum[4];

	if (e->finished || e->rows_in != e->height)
		return -1;
	e->finished = true;
	e->packed = pack(e, e->packed, true);
	bits_put(&e->bits, fixed.lit[256], fixed.lit_len[256]);  /* end */
	bits_flush(&e->bits);
	put_be32(sum, e->adler.b << 16 | e->adler.a);
	buf_put(&e->z, sum, 4);

	put_be32(ihdr, (uint32_t)e->width);
	put_be32(ihdr + 4, (uint32_t)e->height);
	ihdr[8] = 8;             /* bits per channel */
	ihdr[9] = 2;             /* RGB */
	ihdr[10] = 0;            /* deflate */
	ihdr[11] = 0;            /* the standard filters */
	ihdr[12] = 0;            /* no interlace */
	buf_put(out, signature, sizeof signature);
	put_chunk(out, "IHDR", ihdr, sizeof ihdr);
	put_chunk(out, "IDAT", (const unsigned char *)e->z.data, e->z.len);
	put_chunk(out, "IEND", NULL, 0);
	return 0;
}

void
png_free(struct png_encoder *e)
{
	if (e == NULL)
		return;
	free(e->above);
	free(e->data);
	free(e->head);
	buf_free(&e->z);
	free(e);
}

int
png_encode_rgb24(const unsigned char *pixels, int width, int height,
    int stride, struct buf *out)
{
	struct png_encoder *e = png_begin(width, height);
	int rc = -1;

	if (e != NULL && png_add_rows(e, pixels, stride, height) == 0 &&
	    png_finish(e, out) == 0)
		rc = 0;
	png_free(e);
	return rc;
}
