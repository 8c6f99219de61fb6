/* png.c: PNG for the flowcharts and the poster previews: cairo RGB24 rows
 * in, an 8-bit RGB PNG out, deflated by libdeflate. cairo's own writer
 * (libpng at zlib's default level, every row filter tried on every row)
 * spent most of a chart's or a poster's time; both are flat colour, thin
 * lines and text, which libdeflate at a low level packs smaller than that
 * and several times faster.
 *
 * libdeflate compresses whole buffers only, it has no stream. So the rows,
 * which come in any number at a time (a chart is drawn in bands, and may
 * be taller than cairo's 32767-pixel surfaces), are filtered as they come
 * into one buffer of the whole filtered image, and nbpng_finish compresses
 * that in one call. The buffer is what this costs: 3 bytes a pixel and 1 a
 * row, about 3/4 of the image's cairo pixels (a 2,000 x 40,000 chart takes
 * 240 MB), where a streaming deflate kept its 32K window; it is taken in
 * one allocation, whose pages the system gives as the rows fill them. The
 * same pixels always give the same bytes. */
#define _DEFAULT_SOURCE          /* madvise's MADV_HUGEPAGE */
#include "render/png.h"

#include <sys/mman.h>

#include <libdeflate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* libdeflate's level, by measure on the demo's PNGs (bench/png_bench.sh):
 * level 1 is the fastest libdeflate has, and still takes about 1.6 times
 * the old hand-written encoder's time (greedy matches and fixed codes) for
 * 29% smaller files; 2 packs the poster previews 11% smaller but the charts
 * take 30% longer, and 3 to 6 gain up to 6% more for up to 24% more time.
 * Speed first: the build makes every chart and preview anew when its
 * content changes. Measured again on the 47 charts of the catalog (at 2x,
 * as `noticeboard flow` writes them), filter by level: None at 1 is both
 * the fastest and the smallest, 536 ms and 5.6 MB in all; None at 2 and 6
 * take 26% and 41% more time for 4% and 7% less; Up, Sub and Paeth are
 * 14 to 21% larger at every level and slower at 1 (937 ms) than at 2.
 * Most of the time goes on the blank paper: libdeflate takes longer over
 * 6 MB of one byte (18 ms) than over a whole chart of that size. An exact
 * palette (colour type 3) would give it a third of the bytes, but no chart
 * has 256 colours or fewer (the text's anti-aliased edges give each one
 * thousands). */
#define LEVEL 1

/* The filtered image is written once, front to back, and is megabytes
 * (12.8 MB for a 2,000-pixel-square chart): in 4 KiB pages, each taken
 * by a fault of its own, they cost a one-chart `noticeboard flow` about
 * 4% of its time; so a buffer of HUGE bytes or more is aligned to them
 * and the system is asked for its large pages (Linux's transparent huge
 * pages, where they are "madvise"), a fault per 2 MiB. The same memory
 * either way, the same bytes out. */
#define HUGE ((size_t)2 << 20)

struct nbpng_encoder {
	int width, height;
	int rows_in;                 /* rows added so far */
	size_t row_bytes;            /* the filter byte, then RGB */
	unsigned char *data;         /* the filtered rows, row_bytes each */
	size_t len;                  /* of them, so far */
	bool finished;
};

/* RGB as it is (filter None): libdeflate finds the repeats itself, a row
 * above or a glyph to the left. The demo's images pack 15 to 17% smaller
 * so than with rows filtered Up, Sub or Paeth, 13% smaller than with the
 * filter of least differences chosen row by row, and in less time. */
static void
filter_row(struct nbpng_encoder *e, const uint32_t *src)
{
	unsigned char *dst = e->data + e->len;

	*dst++ = 0;
	for (int x = 0; x < e->width; x++, dst += 3) {
		uint32_t c = src[x];
		dst[0] = (unsigned char)(c >> 16);
		dst[1] = (unsigned char)(c >> 8);
		dst[2] = (unsigned char)c;
	}
	e->len += e->row_bytes;
}

struct nbpng_encoder *
nbpng_begin(int width, int height)
{
	struct nbpng_encoder *e;
	size_t row_bytes;

	if (width <= 0 || height <= 0)
		return NULL;
	row_bytes = (size_t)width * 3 + 1;
	if ((size_t)height > SIZE_MAX / row_bytes)
		return NULL;
	e = xcalloc(1, sizeof *e);
	e->width = width;
	e->height = height;
	e->row_bytes = row_bytes;
	/* the whole filtered image; its size is the caller's, so one too big
	 * to hold is a failure to encode it, not the program's end */
	size_t size = row_bytes * (size_t)height;
	if (size >= HUGE && size <= SIZE_MAX - HUGE) {
		size_t whole = (size + HUGE - 1) / HUGE * HUGE;
		void *p = NULL;
		if (posix_memalign(&p, HUGE, whole) == 0) {
			e->data = p;
#ifdef MADV_HUGEPAGE
			(void)madvise(p, whole, MADV_HUGEPAGE);
#endif
		}
	} else
		e->data = malloc(size);
	if (e->data == NULL) {
		free(e);
		return NULL;
	}
	return e;
}

int
nbpng_add_rows(struct nbpng_encoder *e, const unsigned char *pixels, int stride,
    int rows)
{
	if (e->finished || rows < 0 || rows > e->height - e->rows_in)
		return -1;
	for (int y = 0; y < rows; y++)
		filter_row(e, (const uint32_t *)(const void *)(pixels +
		    (size_t)y * (size_t)stride));
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

/* A chunk whose length, type and data are in place at p: its CRC after. */
static void
end_chunk(unsigned char *p, size_t len)
{
	put_be32(p + 8 + len, libdeflate_crc32(0, p + 4, len + 4));
}

int
nbpng_finish(struct nbpng_encoder *e, struct buf *out)
{
	static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n'};
	struct libdeflate_compressor *c;
	unsigned char *p;
	size_t bound, zlen;

	if (e->finished || e->rows_in != e->height)
		return -1;
	/* one compressor an image, shared by no thread: its allocation is a
	 * few microseconds, against milliseconds to compress */
	c = libdeflate_alloc_compressor(LEVEL);
	if (c == NULL)
		return -1;
	e->finished = true;
	/* signature, IHDR, the IDAT's head, its data, its CRC, IEND */
	bound = libdeflate_zlib_compress_bound(c, e->len);
	buf_grow(out, 8 + 25 + 8 + bound + 4 + 12);
	p = (unsigned char *)out->data + out->len;
	zlen = libdeflate_zlib_compress(c, e->data, e->len, p + 8 + 25 + 8,
	    bound);
	libdeflate_free_compressor(c);
	/* one IDAT, whose length must fit in 31 bits */
	if (zlen == 0 || zlen > 0x7fffffff) {
		out->data[out->len] = '\0';      /* as it was */
		return -1;
	}

	memcpy(p, signature, sizeof signature);
	p += sizeof signature;
	put_be32(p, 13);
	memcpy(p + 4, "IHDR", 4);
	put_be32(p + 8, (uint32_t)e->width);
	put_be32(p + 12, (uint32_t)e->height);
	p[16] = 8;               /* bits per channel */
	p[17] = 2;               /* RGB */
	p[18] = 0;               /* deflate */
	p[19] = 0;               /* the standard filters */
	p[20] = 0;               /* no interlace */
	end_chunk(p, 13);
	p += 25;
	put_be32(p, (uint32_t)zlen);
	memcpy(p + 4, "IDAT", 4);
	end_chunk(p, zlen);
	p += 12 + zlen;
	put_be32(p, 0);
	memcpy(p + 4, "IEND", 4);
	end_chunk(p, 0);
	p += 12;
	out->len = (size_t)(p - (unsigned char *)out->data);
	out->data[out->len] = '\0';
	return 0;
}

void
nbpng_free(struct nbpng_encoder *e)
{
	if (e == NULL)
		return;
	free(e->data);
	free(e);
}

int
nbpng_encode_rgb24(const unsigned char *pixels, int width, int height,
    int stride, struct buf *out)
{
	struct nbpng_encoder *e = nbpng_begin(width, height);
	int rc = -1;

	if (e != NULL && nbpng_add_rows(e, pixels, stride, height) == 0 &&
	    nbpng_finish(e, out) == 0)
		rc = 0;
	nbpng_free(e);
	return rc;
}
