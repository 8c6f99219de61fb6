/* png_test.c: the chart PNG encoder (src/flow/png.c) checked against cairo:
 * the file decoded here (chunks, CRCs, a fixed-code inflate, the Up filter)
 * must give exactly the pixels cairo draws, for charts of one band and of
 * several, and at scales 1 and 2. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "diag.h"
#include "flow/flow.h"
#include "flow/layout.h"
#include "load/load.h"

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
			return false;          /* only what png.c writes */
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

/* Decodes one of png.c's files into RGB rows; NULL if anything is off. */
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
	return t_done();
}
