/* png_test.c: the PNG encoder (src/render/png.c) checked against cairo: the file
 * decoded here (chunks, CRCs, a fixed-code inflate, the Up filter) must give
 * exactly the pixels cairo draws, for charts of one band and of several, at
 * scales 1 and 2; and the same bytes however an image's rows are handed in. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "util/diag.h"
#include "flow/flow.h"
#include "flow/layout.h"
#include "load/load.h"
#include "render/png.h"

static uint32_t
crc32(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
	}
	return ~c;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
	    p[3];
}

/* ---- inflate, for the fixed Huffman codes only ---- */

struct in {
	const unsigned char *p;
	size_t n, pos;
	int bit;
	bool bad;
};

static unsigned
get_bits(struct in *s, int count)
{
	unsigned v = 0;

	for (int i = 0; i < count; i++) {
		if (s->pos >= s->n) {
			s->bad = true;
			return 0;
		}
		v |= (unsigned)((s->p[s->pos] >> s->bit) & 1) << i;
		if (++s->bit == 8) {
			s->bit = 0;
			s->pos++;
		}
	}
	return v;
}

/* One fixed-code symbol, read MSB first. */
static int
get_fixed(struct in *s)
{
	unsigned code = 0;

	for (int len = 1; len <= 9; len++) {
		code = (code << 1) | get_bits(s, 1);
		if (len == 7 && code <= 0x17)
			return 256 + (int)code;
		if (len == 8 && code >= 0x30 && code <= 0xbf)
			return (int)code - 0x30;
		if (len == 8 && code >= 0xc0 && code <= 0xc7)
			return 280 + (int)code - 0xc0;
		if (len == 9 && code >= 0x190)
			return 144 + (int)code - 0x190;
	}
	s->bad = true;
	return -1;
}

static const int lbase[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19,
	23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const int lext[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const int dbase[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97,
	129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193,
	12289, 16385, 24577};
static const int dext[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static bool
inflate_fixed(const unsigned char *z, size_t n, unsigned char *out,
    size_t cap, size_t *len)
{
	struct in s = {z, n, 2, 0, false};
	size_t o = 0;

	if (n < 6 || z[0] != 0x78 || (z[0] * 256 + z[1]) % 31 != 0)
		return false;
	for (bool last = false; !last && !s.bad;) {
		last = get_bits(&s, 1);
		if (get_bits(&s, 2) != 1)
			return false;          /* only what src/render/png.c writes */
		for (;;) {
			int sym = get_fixed(&s);
			if (s.bad)
				return false;
			if (sym < 256) {
				if (o >= cap)
					return false;
				out[o++] = (unsigned char)sym;
				continue;
			}
			if (sym == 256)
				break;
			sym -= 257;
			if (sym >= 29)
				return false;
			int l = lbase[sym] + (int)get_bits(&s, lext[sym]);
			int ds = 0;
			for (int i = 0; i < 5; i++)
				ds = (ds << 1) | (int)get_bits(&s, 1);
			if (ds >= 30)
				return false;
			size_t d = (size_t)dbase[ds] + get_bits(&s, dext[ds]);
			if (d > o || o + (size_t)l > cap)
				return false;
			for (int i = 0; i < l; i++, o++)
				out[o] = out[o - d];
		}
	}
	/* the Adler-32 of what came out */
	uint32_t a = 1, b = 0;
	for (size_t i = 0; i < o; i++) {
		a = (a + out[i]) % 65521;
		b = (b + a) % 65521;
	}
	size_t end = s.pos + (s.bit ? 1 : 0);
	if (end + 4 > n || be32(z + end) != (b << 16 | a))
		return false;
	*len = o;
	return true;
}

/* Decodes one of src/render/png.c's files into RGB rows; NULL if anything is off. */
static unsigned char *
decode(const struct buf *png, int *w, int *h, const char **why)
{
	const unsigned char *p = (const unsigned char *)png->data;
	size_t pos = 8;
	struct buf z = {0};
	unsigned char *raw = NULL, *rgb = NULL;

	*why = "signature";
	if (png->len < 8 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) != 0)
		return NULL;
	*w = *h = 0;
	while (pos + 12 <= png->len) {
		uint32_t n = be32(p + pos);
		const unsigned char *type = p + pos + 4;
		*why = "chunk CRC";
		if (pos + 12 + n > png->len || crc32(type, n + 4) !=
		    be32(p + pos + 8 + n))
			goto fail;
		if (memcmp(type, "IHDR", 4) == 0) {
			*w = (int)be32(type + 4);
			*h = (int)be32(type + 8);
			*why = "IHDR";
			if (n != 13 || type[12] != 8 || type[13] != 2 ||
			    type[14] || type[15] || type[16])
				goto fail;
		} else if (memcmp(type, "IDAT", 4) == 0) {
			buf_put(&z, type + 4, n);
		}
		pos += 12 + n;
	}
	size_t row = (size_t)*w * 3 + 1, len = 0;
	raw = xmalloc(row * (size_t)*h + 1);
	*why = "inflate";
	if (*w <= 0 || *h <= 0 || !inflate_fixed((unsigned char *)z.data, z.len,
	    raw, row * (size_t)*h, &len) || len != row * (size_t)*h)
		goto fail;
	rgb = xcalloc((size_t)*w * 3 * (size_t)*h + 1, 1);
	*why = "filter";
	for (int y = 0; y < *h; y++) {
		const unsigned char *r = raw + row * (size_t)y;
		unsigned char *o = rgb + (size_t)*w * 3 * (size_t)y;
		if (r[0] != 2)
			goto fail;
		for (size_t i = 0; i < (size_t)*w * 3; i++) {
			/* Up; above the first row, zeros (PNG's rule) */
			unsigned above = y > 0 ? o[i - (size_t)*w * 3] : 0;
			o[i] = (unsigned char)(r[1 + i] + above);
		}
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
	const unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	long differ = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t c;
			memcpy(&c, px + (size_t)y * (size_t)stride + 4 * (size_t)x, 4);
			const unsigned char *q = rgb + ((size_t)y * (size_t)w +
			    (size_t)x) * 3;
			if (q[0] != ((c >> 16) & 0xff) || q[1] != ((c >> 8) & 0xff) ||
			    q[2] != (c & 0xff))
				differ++;
		}
	T_CHECK(w == (int)ceil(l->width * scale) && h == (int)ceil(l->height *
	    scale) && differ == 0, "%s at %.0fx: %dx%d pixels, as cairo draws "
	    "them (%ld differ)", path, scale, w, h, differ);
	cairo_surface_destroy(s);
	free(rgb);
out:
	flow_layout_free(l);
	buf_free(&err);
	buf_free(&png);
	arena_free(arena);
	diag_reset();
}

/* Pixels with runs, repeated rows and noise, as charts and posters have. */
static unsigned char *
test_image(int w, int h, int *stride)
{
	uint32_t seed = 12345;
	unsigned char *px;

	*stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, w);
	px = xcalloc((size_t)*stride * (size_t)h, 1);
	for (int y = 0; y < h; y++) {
		uint32_t *row = (uint32_t *)(void *)(px + (size_t)y * (size_t)*stride);
		if (y % 5 == 3) {
			memcpy(row, px + (size_t)(y - 1) * (size_t)*stride,
			    (size_t)w * 4);
			continue;
		}
		for (int x = 0; x < w; x++) {
			seed = seed * 1103515245u + 12345u;
			row[x] = x % 97 < 40 ? 0xffffffu : (x / 13 % 3 == 0 ?
			    (seed >> 8) & 0xffffffu : 0x1f3a68u + (uint32_t)y);
		}
	}
	return px;
}

/* The whole image at once, and in pieces of 1, 7 and 64 rows: the same
 * bytes, which decode to the same pixels. */
static void
check_pieces(int w, int h)
{
	int stride;
	unsigned char *px = test_image(w, h, &stride);
	struct buf whole = {0};
	static const int pieces[] = {1, 7, 64};

	T_CHECK(png_encode_rgb24(px, w, h, stride, &whole) == 0,
	    "%dx%d: encoded in one call", w, h);
	int dw, dh;
	const char *why;
	unsigned char *rgb = decode(&whole, &dw, &dh, &why);
	long differ = rgb == NULL || dw != w || dh != h;
	for (int y = 0; rgb != NULL && !differ && y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t c;
			memcpy(&c, px + (size_t)y * (size_t)stride + 4 * (size_t)x, 4);
			const unsigned char *q = rgb + ((size_t)y * (size_t)w +
			    (size_t)x) * 3;
			differ += q[0] != ((c >> 16) & 0xff) ||
			    q[1] != ((c >> 8) & 0xff) || q[2] != (c & 0xff);
		}
	T_CHECK(differ == 0, "%dx%d: decodes to its pixels%s%s", w, h,
	    *why ? ": bad " : "", why);
	for (size_t k = 0; k < NB_COUNT(pieces); k++) {
		struct png_encoder *e = png_begin(w, h);
		struct buf png = {0};
		int rc = 0;
		for (int y = 0; e != NULL && rc == 0 && y < h; y += pieces[k])
			rc = png_add_rows(e, px + (size_t)y * (size_t)stride, stride,
			    h - y < pieces[k] ? h - y : pieces[k]);
		T_CHECK(e != NULL && rc == 0 && png_finish(e, &png) == 0 &&
		    png.len == whole.len && memcmp(png.data, whole.data,
		    png.len) == 0, "%dx%d, rows handed in %d at a time: the same bytes",
		    w, h, pieces[k]);
		png_free(e);
		buf_free(&png);
	}
	free(rgb);
	free(px);
	buf_free(&whole);
}

static void
check_misuse(void)
{
	unsigned char px[4 * 4 * 3] = {0};
	struct buf out = {0};
	struct png_encoder *e;

	T_CHECK(png_begin(0, 3) == NULL && png_begin(3, 0) == NULL &&
	    png_begin(-1, 3) == NULL, "no encoder for an empty image");
	e = png_begin(4, 3);
	T_CHECK(png_add_rows(e, px, 16, 2) == 0 &&
	    png_add_rows(e, px, 16, 2) == -1, "no rows past the height");
	T_CHECK(png_finish(e, &out) == -1 && out.len == 0,
	    "no PNG while rows are missing");
	T_CHECK(png_add_rows(e, px, 16, 1) == 0 && png_finish(e, &out) == 0 &&
	    out.len > 0, "a PNG once they are in");
	png_free(e);
	png_free(NULL);
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
	/* more than the encoder gathers before packing */
	check_pieces(1200, 400);
	/* a row longer than what the encoder gathers before packing */
	check_pieces(400000, 3);
	check_misuse();
	return t_done();
}
