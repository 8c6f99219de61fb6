/* png.c: PNG for charts. cairo's writer (libpng at its default level, every
 * filter tried on every row) spent nine tenths of a chart's time; charts are
 * flat colour, thin lines and text, which a plain LZ77 with the fixed
 * Huffman codes packs to about the same size many times faster. Rows are
 * rendered and packed in bands, so a chart may be taller than cairo's
 * 32767-pixel surfaces. */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flow/layout.h"

#define BAND_ROWS 128
#define WINDOW 32768
#define HASH_BITS 15
#define MIN_MATCH 4
#define MAX_MATCH 258

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

/* Deflate's fixed codes, bit-reversed for an LSB-first stream. */
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

/* ---- LZ77 over the filtered rows, band by band ---- */

struct packer {
	struct bits bits;
	struct adler adler;
	unsigned char *data;     /* the last WINDOW bytes, then the band */
	size_t len, cap;
	int64_t base;            /* stream offset of data[0] */
	int64_t *head;           /* hash -> last stream offset */
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

/* Packs data[from, len); the last bytes may wait for the next band when
 * more is to come, so matches can run across bands. */
static size_t
pack(struct packer *p, size_t from, bool last)
{
	const unsigned char *d = p->data;
	size_t n = p->len, i = from;
	size_t stop = last ? n : (n > MAX_MATCH + MIN_MATCH ?
	    n - MAX_MATCH - MIN_MATCH : 0);

	while (i < stop) {
		if (i + MIN_MATCH > n) {
			put_literal(&p->bits, d[i++]);
			continue;
		}
		uint32_t v = load32(d + i);
		uint32_t h = hash4(v);
		int64_t at = p->base + (int64_t)i;
		int64_t cand = p->head[h];
		p->head[h] = at;
		if (cand >= p->base && at - cand <= WINDOW &&
		    load32(d + (cand - p->base)) == v) {
			const unsigned char *a = d + (cand - p->base), *b = d + i;
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
			put_match(&p->bits, (uint32_t)len, (uint32_t)(at - cand));
			i += len;
			continue;
		}
		put_literal(&p->bits, d[i++]);
	}
	return i;
}

static void
chunk(struct buf *out, const char *type, const unsigned char *data, size_t len)
{
	unsigned char head[8] = {
		(unsigned char)(len >> 24), (unsigned char)(len >> 16),
		(unsigned char)(len >> 8), (unsigned char)len,
		(unsigned char)type[0], (unsigned char)type[1],
		(unsigned char)type[2], (unsigned char)type[3],
	};
	uint32_t crc = crc32_update(0, head + 4, 4);

	crc = crc32_update(crc, data, len);
	buf_put(out, head, 8);
	buf_put(out, data, len);
	unsigned char tail[4] = {(unsigned char)(crc >> 24),
	    (unsigned char)(crc >> 16), (unsigned char)(crc >> 8),
	    (unsigned char)crc};
	buf_put(out, tail, 4);
}

int
fl_png_draw(const struct flow_layout *l, double scale, struct buf *out)
{
	int width = (int)ceil(l->width * scale), height = (int)ceil(l->height *
	    scale);
	size_t row_bytes = (size_t)width * 3 + 1;
	struct packer p = {0};
	struct buf z = {0};
	unsigned char *prev = NULL, *row = NULL;
	cairo_surface_t *band = NULL;
	int rc = -1;

	if (scale <= 0 || width <= 0 || height <= 0 || width > 32767)
		return -1;
	pthread_once(&crc_once, crc_init);
	pthread_once(&fixed_once, fixed_init);
	/* PNG takes the row above the first as zeros */
	prev = xcalloc((size_t)width + 1, sizeof(uint32_t));
	row = xcalloc((size_t)width + 1, sizeof(uint32_t));
	p.cap = WINDOW + (size_t)BAND_ROWS * row_bytes;
	p.data = xmalloc(p.cap);
	p.head = xmalloc(sizeof *p.head << HASH_BITS);
	for (size_t i = 0; i < (size_t)1 << HASH_BITS; i++)
		p.head[i] = -1;
	p.adler = (struct adler){1, 0};
	p.bits.out = &z;
	/* a chart packs to a few bits a pixel: room enough, once */
	buf_grow(&z, (size_t)width * (size_t)height / 4 + 4096);
	/* zlib header (deflate, 32K window, no dictionary), then one block
	 * with the fixed codes */
	buf_putc(&z, 0x78);
	buf_putc(&z, 0x01);
	bits_put(&p.bits, 1, 1);
	bits_put(&p.bits, 1, 2);

	band = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width,
	    height < BAND_ROWS ? height : BAND_ROWS);
	if (cairo_surface_status(band) != CAIRO_STATUS_SUCCESS)
		goto out;
	size_t packed = 0;
	for (int y0 = 0; y0 < height; y0 += BAND_ROWS) {
		int rows = height - y0 < BAND_ROWS ? height - y0 : BAND_ROWS;
		cairo_t *cr = cairo_create(band);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_translate(cr, 0, -y0);
		cairo_scale(cr, scale, scale);
		flow_draw(l, cr);
		cairo_status_t st = cairo_status(cr);
		cairo_destroy(cr);
		if (st != CAIRO_STATUS_SUCCESS)
			goto out;
		cairo_surface_flush(band);
		const unsigned char *px = cairo_image_surface_get_data(band);
		int stride = cairo_image_surface_get_stride(band);
		/* keep the window, make room for the band */
		if (p.len > WINDOW) {
			size_t drop = p.len - WINDOW;
			memmove(p.data, p.data + drop, WINDOW);
			p.base += (int64_t)drop;
			p.len = WINDOW;
			packed -= drop;
		}
		for (int y = 0; y < rows; y++) {
			const uint32_t *src = (const uint32_t *)(px +
			    (size_t)y * (size_t)stride);
			const uint32_t *above = (const uint32_t *)prev;
			unsigned char *dst = p.data + p.len;
			/* RGB less the row above (the Up filter): a chart's rows
			 * mostly repeat the one above, and become zeros */
			dst[0] = 2;
			if (memcmp(src, above, (size_t)width * 4) == 0) {
				memset(dst + 1, 0, row_bytes - 1);
				adler_update(&p.adler, dst, 1);
				adler_zeros(&p.adler, row_bytes - 1);
			} else {
				for (int x = 0; x < width; x++) {
					uint32_t c = src[x], u = above[x];
					unsigned char *q = dst + 1 + 3 * (size_t)x;
					if (c == u) {
						q[0] = q[1] = q[2] = 0;
						continue;
					}
					q[0] = (unsigned char)((c >> 16) - (u >> 16));
					q[1] = (unsigned char)((c >> 8) - (u >> 8));
					q[2] = (unsigned char)(c - u);
				}
				adler_update(&p.adler, dst, row_bytes);
			}
			memcpy(row, src, (size_t)width * 4);
			p.len += row_bytes;
			unsigned char *t = prev;
			prev = row;
			row = t;
		}
		packed = pack(&p, packed, y0 + rows >= height);
	}
	bits_put(&p.bits, fixed.lit[256], fixed.lit_len[256]);
	bits_flush(&p.bits);
	unsigned char sum[4] = {(unsigned char)(p.adler.b >> 8),
	    (unsigned char)p.adler.b, (unsigned char)(p.adler.a >> 8),
	    (unsigned char)p.adler.a};
	buf_put(&z, sum, 4);

	static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n'};
	unsigned char ihdr[13] = {
		(unsigned char)(width >> 24), (unsigned char)(width >> 16),
		(unsigned char)(width >> 8), (unsigned char)width,
		(unsigned char)(height >> 24), (unsigned char)(height >> 16),
		(unsigned char)(height >> 8), (unsigned char)height,
		8, 2, 0, 0, 0,           /* 8-bit RGB, deflate, no interlace */
	};
	buf_put(out, signature, sizeof signature);
	chunk(out, "IHDR", ihdr, sizeof ihdr);
	chunk(out, "IDAT", (const unsigned char *)z.data, z.len);
	chunk(out, "IEND", NULL, 0);
	rc = 0;
out:
	if (band != NULL)
		cairo_surface_destroy(band);
	free(prev);
	free(row);
	free(p.data);
	free(p.head);
	buf_free(&z);
	return rc;
}
