/* png_test.c: the PNG encoder (src/render/png.c) checked against its
 * source pixels: each file is decoded here (the chunks and their CRCs, the
 * zlib stream by zlib's own inflate, the five row filters) and must give
 * exactly the pixels it was made from: charts drawn by cairo, of one band
 * and of several, at scales 1 and 2; flat colour, noise, odd widths, an
 * image taller than cairo's 32767-pixel surfaces handed in bands; and the
 * same bytes however an image's rows are handed in. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "t.h"
#include "util/diag.h"
#include "flow/flow.h"
#include "flow/layout.h"
#include "load/load.h"
#include "render/png.h"

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
	    p[3];
}

/* The zlib stream z, all of it, into exactly cap bytes of out; zlib checks
 * its header and its Adler-32. */
static bool
inflate_all(const unsigned char *z, size_t n, unsigned char *out, size_t cap)
{
	z_stream s;
	int rc;

	memset(&s, 0, sizeof s);
	if (inflateInit(&s) != Z_OK)
		return false;
	s.next_in = (unsigned char *)z;
	s.next_out = out;
	/* zlib counts in unsigned ints: feed it in pieces */
	do {
		size_t in_left = n - (size_t)((const unsigned char *)s.next_in - z);
		size_t out_left = cap - (size_t)(s.next_out - out);
		s.avail_in = in_left > (1u << 30) ? 1u << 30 : (unsigned)in_left;
		s.avail_out = out_left > (1u << 30) ? 1u << 30 : (unsigned)out_left;
		rc = inflate(&s, Z_NO_FLUSH);
	} while (rc == Z_OK);
	bool ok = rc == Z_STREAM_END && s.avail_in == 0 &&
	    (const unsigned char *)s.next_in == z + n &&
	    s.next_out == out + cap;
	inflateEnd(&s);
	return ok;
}

static int
paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Decodes an 8-bit RGB or palette PNG into RGB rows; NULL, and why, if
 * anything is off. */
static unsigned char *
decode(const struct buf *png, int *w, int *h, const char **why)
{
	const unsigned char *p = (const unsigned char *)png->data;
	size_t pos = 8;
	struct buf z = {0};
	unsigned char *raw = NULL, *rgb = NULL;
	bool ihdr = false, iend = false;
	const unsigned char *plte = NULL;
	size_t n_plte = 0;
	int bpp = 3;             /* bytes a pixel in the rows: RGB, or an index */

	*why = "signature";
	if (png->len < 8 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) != 0)
		return NULL;
	*w = *h = 0;
	while (!iend && pos + 12 <= png->len) {
		uint32_t n = be32(p + pos);
		const unsigned char *type = p + pos + 4;
		*why = "chunk CRC";
		if (n > png->len - pos - 12 ||
		    crc32(0, type, n + 4) != be32(p + pos + 8 + n))
			goto fail;
		*why = "chunk order";
		if (memcmp(type, "IHDR", 4) == 0) {
			if (pos != 8)
				goto fail;
			*w = (int)be32(type + 4);
			*h = (int)be32(type + 8);
			*why = "IHDR";
			if (n != 13 || type[12] != 8 || (type[13] != 2 &&
			    type[13] != 3) || type[14] || type[15] || type[16])
				goto fail;
			bpp = type[13] == 3 ? 1 : 3;
			ihdr = true;
		} else if (memcmp(type, "PLTE", 4) == 0) {
			*why = "PLTE";
			if (!ihdr || plte != NULL || n % 3 != 0 || n == 0 || n > 768)
				goto fail;
			plte = type + 4;
			n_plte = n / 3;
		} else if (memcmp(type, "IDAT", 4) == 0) {
			if (!ihdr)
				goto fail;
			buf_put(&z, type + 4, n);
		} else if (memcmp(type, "IEND", 4) == 0) {
			iend = true;
		}
		pos += 12 + n;
	}
	*why = "end";
	if (!ihdr || !iend || pos != png->len || *w <= 0 || *h <= 0 ||
	    (bpp == 1) != (plte != NULL))
		goto fail;
	size_t line = (size_t)*w * (size_t)bpp, row = line + 1;
	raw = xmalloc(row * (size_t)*h);
	*why = "inflate";
	if (z.len == 0 || !inflate_all((unsigned char *)z.data, z.len, raw,
	    row * (size_t)*h))
		goto fail;
	rgb = xcalloc(line * (size_t)*h, 1);
	*why = "filter";
	for (int y = 0; y < *h; y++) {
		const unsigned char *r = raw + row * (size_t)y;
		unsigned char *o = rgb + line * (size_t)y;
		const unsigned char *up = y > 0 ? o - line : NULL;
		if (r[0] > 4)
			goto fail;
		for (size_t i = 0; i < line; i++) {
			/* above the first row and left of the first pixel, zeros
			 * (PNG's rule) */
			size_t k = (size_t)bpp;
			int a = i >= k ? o[i - k] : 0, b = up ? up[i] : 0,
			    c = i >= k && up ? up[i - k] : 0;
			int pred = r[0] == 0 ? 0 : r[0] == 1 ? a : r[0] == 2 ? b :
			    r[0] == 3 ? (a + b) / 2 : paeth(a, b, c);
			o[i] = (unsigned char)(r[1 + i] + pred);
		}
	}
	if (bpp == 1) {
		/* the indices into the palette's colours, from the end back */
		unsigned char *px = xmalloc((size_t)*w * 3 * (size_t)*h);
		*why = "index past the palette";
		for (size_t i = 0; i < line * (size_t)*h; i++) {
			if (rgb[i] >= n_plte) {
				free(px);
				goto fail;
			}
			memcpy(px + 3 * i, plte + 3 * (size_t)rgb[i], 3);
		}
		free(rgb);
		rgb = px;
	}
	free(raw);
	buf_free(&z);
	*why = "";
	return rgb;
fail:
	free(raw);
	free(rgb);
	buf_free(&z);
	return NULL;
}

/* Pixels of px (cairo RGB24) whose RGB differ from the decoded rgb, and
 * by how much at most in a channel (when off is not NULL). */
static long
count_off(const unsigned char *px, int stride, const unsigned char *rgb,
    int w, int h, int *off)
{
	long differ = 0;

	if (off != NULL)
		*off = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t c;
			memcpy(&c, px + (size_t)y * (size_t)stride + 4 * (size_t)x, 4);
			const unsigned char *q = rgb + ((size_t)y * (size_t)w +
			    (size_t)x) * 3;
			int d = 0;
			for (int k = 0; k < 3; k++) {
				int dk = abs(q[k] - (int)(c >> (16 - 8 * k) & 0xff));
				d = dk > d ? dk : d;
			}
			differ += d > 0;
			if (off != NULL && d > *off)
				*off = d;
		}
	return differ;
}

static long
count_differ(const unsigned char *px, int stride, const unsigned char *rgb,
    int w, int h)
{
	long differ = 0;

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t c;
			memcpy(&c, px + (size_t)y * (size_t)stride + 4 * (size_t)x, 4);
			const unsigned char *q = rgb + ((size_t)y * (size_t)w +
			    (size_t)x) * 3;
			differ += q[0] != ((c >> 16) & 0xff) ||
			    q[1] != ((c >> 8) & 0xff) || q[2] != (c & 0xff);
		}
	return differ;
}

static void
check_flow(const char *path, double scale)
{
	struct arena *arena = arena_new();
	struct flow f;
	struct buf err = {0}, png = {0};

	diag_reset();
	flow_load_file(arena, path, &f);
	struct flow_layout *l = diag_count(DIAG_ERROR) == 0 ?
	    flow_layout_new(&f, &err) : NULL;
	T_CHECK(l != NULL, "%s laid out", path);
	if (l == NULL)
		goto out;
	T_CHECK(flow_write_png(l, scale, &png) == 0, "%s: PNG at %.0fx", path,
	    scale);
	int w, h;
	const char *why;
	unsigned char *rgb = decode(&png, &w, &h, &why);
	T_CHECK(rgb != NULL, "%s at %.0fx: the PNG decodes %s", path, scale, why);
	if (rgb == NULL)
		goto out;
	/* the same drawing by cairo alone */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	flow_draw(l, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	/* a palette of 256 colours: the inks exact, the blends of their
	 * antialiased edges (2 to 3% of a chart's pixels) a few steps off
	 * at most */
	int off;
	long differ = count_off(cairo_image_surface_get_data(s),
	    cairo_image_surface_get_stride(s), rgb, w, h, &off);
	T_CHECK(w == (int)ceil(l->width * scale) && h == (int)ceil(l->height *
	    scale) && off <= 16 && differ * 20 <= (long)w * h, "%s at %.0fx: "
	    "%dx%d pixels, as cairo draws them (%ld differ, by %d at most)",
	    path, scale, w, h, differ, off);
	cairo_surface_destroy(s);
	free(rgb);
out:
	flow_layout_free(l);
	buf_free(&err);
	buf_free(&png);
	arena_free(arena);
	diag_reset();
}

enum kind { MIXED, FLAT, NOISE };
static const char *const kind_name[] = {"mixed", "flat", "noise"};

/* Test pixels: MIXED has runs, repeated rows and noise, as charts and
 * posters have; FLAT is one colour; NOISE is random. FLAT and NOISE set
 * the unused top byte of cairo's pixels too, which the PNG must not take
 * in. */
static unsigned char *
test_image(enum kind kind, int w, int h, int *stride)
{
	uint32_t seed = 12345;
	unsigned char *px;

	*stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	px = xcalloc((size_t)*stride * (size_t)h, 1);
	for (int y = 0; y < h; y++) {
		uint32_t *row = (uint32_t *)(void *)(px + (size_t)y * (size_t)*stride);
		if (kind == MIXED && y % 5 == 3) {
			memcpy(row, px + (size_t)(y - 1) * (size_t)*stride,
			    (size_t)w * 4);
			continue;
		}
		for (int x = 0; x < w; x++) {
			seed = seed * 1103515245u + 12345u;
			uint32_t noise = (seed >> 8) & 0xffffffu;
			row[x] = kind == FLAT ? 0xc0e0f0e8u : kind == NOISE ?
			    noise | (seed & 0xff000000u) : x % 97 < 40 ? 0xffffffu :
			    x / 13 % 3 == 0 ? noise : 0x1f3a68u + (uint32_t)y;
		}
	}
	return px;
}

/* The whole image at once: it decodes to its pixels; twice, the same
 * bytes; after what a buffer holds already, the same bytes after it. Then
 * in pieces of 1, 7, 64, 128 (a chart's bands) and 32767 rows (cairo's
 * tallest surface): the same bytes again. */
static void
check_image(enum kind kind, int w, int h)
{
	int stride;
	unsigned char *px = test_image(kind, w, h, &stride);
	struct buf whole = {0}, again = {0};
	static const int pieces[] = {1, 7, 64, 128, 32767};
	const char *name = kind_name[kind];

	T_CHECK(nbpng_encode_rgb24(px, w, h, stride, &whole) == 0,
	    "%s %dx%d: encoded in one call", name, w, h);
	int dw = 0, dh = 0;
	const char *why;
	unsigned char *rgb = decode(&whole, &dw, &dh, &why);
	long differ = rgb == NULL || dw != w || dh != h ? -1 :
	    count_differ(px, stride, rgb, w, h);
	T_CHECK(differ == 0, "%s %dx%d: decodes to its pixels (%ld differ)%s%s",
	    name, w, h, differ, *why ? ", bad " : "", why);
	buf_puts(&again, "before");
	T_CHECK(nbpng_encode_rgb24(px, w, h, stride, &again) == 0 &&
	    again.len == 6 + whole.len && memcmp(again.data, "before", 6) == 0 &&
	    memcmp(again.data + 6, whole.data, whole.len) == 0,
	    "%s %dx%d: the same bytes again, after what the buffer held", name,
	    w, h);
	for (size_t k = 0; k < NB_COUNT(pieces); k++) {
		if (pieces[k] >= h && k > 0)
			continue;
		struct nbpng_encoder *e = nbpng_begin(w, h);
		struct buf png = {0};
		int rc = 0;
		for (int y = 0; e != NULL && rc == 0 && y < h; y += pieces[k])
			rc = nbpng_add_rows(e, px + (size_t)y * (size_t)stride, stride,
			    h - y < pieces[k] ? h - y : pieces[k]);
		T_CHECK(e != NULL && rc == 0 && nbpng_finish(e, &png) == 0 &&
		    png.len == whole.len && memcmp(png.data, whole.data,
		    png.len) == 0, "%s %dx%d, rows handed in %d at a time: the "
		    "same bytes", name, w, h, pieces[k]);
		nbpng_free(e);
		buf_free(&png);
	}
	free(rgb);
	free(px);
	buf_free(&whole);
	buf_free(&again);
}

/* A flat image (nbpng_flat): of 256 colours or fewer, exactly its pixels
 * through a palette; of more than 65,535 (noise), exactly its pixels in
 * RGB; either way the same bytes however its rows are handed in. */
static void
check_flat(enum kind kind, int w, int h, int expect_type)
{
	int stride;
	unsigned char *px = test_image(kind, w, h, &stride);
	static const int pieces[] = {1, 7, 128, 32767};
	struct buf first = {0};
	const char *name = kind_name[kind];

	if (kind == FLAT)               /* and a few colours besides */
		for (int y = 0; y < h; y += 3)
			((uint32_t *)(void *)(px + (size_t)y * (size_t)stride))[y %
			    w] = 0x102030u * (uint32_t)(y % 200);
	for (size_t k = 0; k < NB_COUNT(pieces); k++) {
		struct nbpng_encoder *e = nbpng_begin(w, h);
		struct buf png = {0};
		int rc = e != NULL ? nbpng_flat(e) : -1;
		for (int y = 0; e != NULL && rc == 0 && y < h; y += pieces[k])
			rc = nbpng_add_rows(e, px + (size_t)y * (size_t)stride, stride,
			    h - y < pieces[k] ? h - y : pieces[k]);
		T_CHECK(rc == 0 && nbpng_finish(e, &png) == 0,
		    "flat %s %dx%d: encoded", name, w, h);
		if (k == 0) {
			int dw = 0, dh = 0;
			const char *why;
			unsigned char *rgb = decode(&png, &dw, &dh, &why);
			long differ = rgb == NULL || dw != w || dh != h ? -1 :
			    count_differ(px, stride, rgb, w, h);
			T_CHECK(differ == 0 && png.len > 25 &&
			    png.data[25] == expect_type, "flat %s %dx%d: colour type "
			    "%d, decodes to its pixels (%ld differ)%s%s", name, w, h,
			    expect_type, differ, *why ? ", bad " : "", why);
			free(rgb);
			buf_put(&first, png.data, png.len);
		} else
			T_CHECK(png.len == first.len && memcmp(png.data, first.data,
			    png.len) == 0, "flat %s %dx%d, rows handed in %d at a "
			    "time: the same bytes", name, w, h, pieces[k]);
		T_CHECK(nbpng_flat(e) == -1, "flat %s: not once rows are in", name);
		nbpng_free(e);
		buf_free(&png);
	}
	free(px);
	buf_free(&first);
}

/* A changed pixel anywhere changes what the file decodes to. */
static void
check_one_pixel(void)
{
	int stride, w = 301, h = 200;
	unsigned char *px = test_image(FLAT, w, h, &stride);
	struct buf png = {0};
	int dw = 0, dh = 0;
	const char *why;

	uint32_t *row = (uint32_t *)(void *)(px + (size_t)123 * (size_t)stride);
	row[77] ^= 0x4000;                                    /* green */
	unsigned char *rgb = nbpng_encode_rgb24(px, w, h, stride, &png) == 0 ?
	    decode(&png, &dw, &dh, &why) : NULL;
	T_CHECK(rgb != NULL && dw == w && dh == h &&
	    count_differ(px, stride, rgb, w, h) == 0 &&
	    rgb[((size_t)123 * (size_t)w + 77) * 3 + 1] == (0xf0 ^ 0x40) &&
	    rgb[((size_t)123 * (size_t)w + 76) * 3 + 1] == 0xf0,
	    "one pixel unlike the others is kept");
	free(rgb);
	free(px);
	buf_free(&png);
}

static void
check_misuse(void)
{
	unsigned char px[4 * 4 * 3] = {0};
	struct buf out = {0};
	struct nbpng_encoder *e;

	T_CHECK(nbpng_begin(0, 3) == NULL && nbpng_begin(3, 0) == NULL &&
	    nbpng_begin(-1, 3) == NULL, "no encoder for an empty image");
	e = nbpng_begin(4, 3);
	T_CHECK(nbpng_add_rows(e, px, 16, 2) == 0 &&
	    nbpng_add_rows(e, px, 16, 2) == -1, "no rows past the height");
	T_CHECK(nbpng_finish(e, &out) == -1 && out.len == 0,
	    "no PNG while rows are missing");
	T_CHECK(nbpng_add_rows(e, px, 16, 1) == 0 && nbpng_finish(e, &out) == 0 &&
	    out.len > 0, "a PNG once they are in");
	size_t len = out.len;
	T_CHECK(nbpng_finish(e, &out) == -1 && out.len == len &&
	    nbpng_add_rows(e, px, 16, 0) == -1, "nothing more once finished");
	nbpng_free(e);
	e = nbpng_begin(70000, 1);
	T_CHECK(e != NULL && nbpng_flat(e) == -1, "no palette for rows wider "
	    "than a run's 16 bits");
	nbpng_free(e);
	nbpng_free(NULL);
	buf_free(&out);
}

int
main(void)
{
	const char *root = getenv("NB_ROOT");

	if (root != NULL && chdir(root) != 0)
		return 1;
	check_flow("tests/flow/corpus/decision.yaml", 2);
	check_flow("tests/flow/corpus/decision.yaml", 1);
	check_flow("tests/flow/corpus/lanes-six.yaml", 2);   /* several bands */
	check_flow("tests/flow/corpus/steps-60.yaml", 2);
	check_image(MIXED, 1200, 400);
	check_image(FLAT, 640, 480);
	check_image(NOISE, 333, 257);
	/* odd widths, down to one pixel */
	check_image(MIXED, 1, 97);
	check_image(NOISE, 3, 5);
	check_image(MIXED, 1201, 63);
	/* a single pixel, and rows longer than libdeflate's blocks */
	check_image(NOISE, 1, 1);
	check_image(MIXED, 400000, 3);
	/* taller than cairo's surfaces: handed in bands of 32767 rows too */
	check_image(MIXED, 16, 40000);
	check_image(NOISE, 77, 33001);
	check_flat(FLAT, 640, 480, 3);
	check_flat(NOISE, 333, 257, 2);
	check_flat(MIXED, 1200, 400, 2);
	check_flat(FLAT, 16, 40000, 3);
	check_one_pixel();
	check_misuse();
	return t_done();
}
