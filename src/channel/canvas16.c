/* canvas16.c: a 16-colour picture drawn without its full-colour copy. A
 * slide is a few inks on a few papers, so each drawing (a text, a QR
 * code, a rule) is made as cairo coverage over its own small area and put
 * on the picture through the indices its ink takes on its paper: only the
 * drawn pixels are touched, never the full-HD frame's 8 MB. */
#include "channel/canvas16.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "channel/png16.h"
#include "render/paint.h"
#include "util/i18n.h"
#include "util/mem.h"

int
canvas16_init(struct canvas16 *c, int width, int height,
    const uint32_t palette[16])
{
	memset(c, 0, sizeof *c);
	c->width = width;
	c->height = height;
	c->row_bytes = 1 + ((size_t)width + 1) / 2;
	memcpy(c->palette, palette, sizeof c->palette);
	/* filter bytes 0 and colour 0 */
	c->raw = calloc((size_t)height, c->row_bytes);
	return c->raw == NULL ? -1 : 0;
}

void
canvas16_free(struct canvas16 *c)
{
	free(c->raw);
	free(c->scratch);
	free(c->saved);
	free(c->changed);
	c->raw = NULL;
	c->scratch = NULL;
	c->scratch_len = 0;
	c->saved = NULL;
	c->changed = NULL;
}

/* Rows y0 to y1 (excluded), within the picture, about to change: each
 * kept first, the first time since the mark. */
static void
touch(struct canvas16 *c, int y0, int y1)
{
	if (c->changed == NULL)
		return;
	if (y0 < c->first_changed && y0 < y1)
		c->first_changed = y0;
	for (int y = y0; y < y1; y++) {
		if (c->changed[y])
			continue;
		c->changed[y] = 1;
		memcpy(c->saved + (size_t)y * c->row_bytes,
		    c->raw + (size_t)y * c->row_bytes, c->row_bytes);
	}
}

int
canvas16_mark(struct canvas16 *c)
{
	if (c->changed == NULL) {
		/* pages of it touched only as rows are kept */
		c->saved = malloc(c->row_bytes * (size_t)c->height);
		c->changed = calloc((size_t)c->height, 1);
		if (c->saved == NULL || c->changed == NULL) {
			free(c->saved);
			free(c->changed);
			c->saved = NULL;
			c->changed = NULL;
			return -1;
		}
	} else
		memset(c->changed, 0, (size_t)c->height);
	c->first_changed = c->height;
	return 0;
}

void
canvas16_restore(struct canvas16 *c)
{
	if (c->changed == NULL)
		return;
	for (int y = c->first_changed; y < c->height; y++) {
		if (!c->changed[y])
			continue;
		c->changed[y] = 0;
		memcpy(c->raw + (size_t)y * c->row_bytes,
		    c->saved + (size_t)y * c->row_bytes, c->row_bytes);
	}
	c->first_changed = c->height;
}

int
canvas16_clone(struct canvas16 *dst, const struct canvas16 *src)
{
	size_t len = src->row_bytes * (size_t)src->height;

	memset(dst, 0, sizeof *dst);
	dst->width = src->width;
	dst->height = src->height;
	dst->row_bytes = src->row_bytes;
	memcpy(dst->palette, src->palette, sizeof dst->palette);
	if ((dst->raw = malloc(len)) == NULL)
		return -1;
	memcpy(dst->raw, src->raw, len);
	return 0;
}

unsigned
canvas16_nearest(const struct canvas16 *c, unsigned rgb)
{
	return png16_nearest(c->palette, rgb);
}

/* pixman's a * b / 255, rounded as it rounds */
static inline unsigned
mul_un8(unsigned a, unsigned b)
{
	unsigned t = a * b + 0x80;

	return ((t >> 8) + t) >> 8;
}

void
canvas16_ink(const struct canvas16 *c, unsigned ink, unsigned paper,
    struct ink16 *out)
{
	/* the nearest colour goes by the 12 high bits, which the blends of
	 * two colours share in runs: each looked for once */
	unsigned char seen[4096];

	memset(seen, 0xff, sizeof seen);
	/* OVER of a solid colour through coverage m, on the paper */
	for (unsigned m = 0; m < 256; m++) {
		uint32_t rgb = 0;
		for (int shift = 0; shift <= 16; shift += 8) {
			unsigned v = mul_un8((ink >> shift) & 0xff, m) +
			    mul_un8((paper >> shift) & 0xff, 255 - m);
			rgb |= (uint32_t)(v > 255 ? 255 : v) << shift;
		}
		uint32_t key = ((rgb >> 12) & 0xf00) | ((rgb >> 8) & 0xf0) |
		    ((rgb >> 4) & 0xf);
		if (seen[key] == 0xff)
			seen[key] = (unsigned char)png16_nearest(c->palette, rgb);
		out->index[m] = seen[key];
	}
}

void
canvas16_fill_rows(struct canvas16 *c, int y0, int y1, unsigned rgb)
{
	unsigned i = canvas16_nearest(c, rgb);

	if (y0 < 0)
		y0 = 0;
	if (y1 > c->height)
		y1 = c->height;
	touch(c, y0, y1);
	for (int y = y0; y < y1; y++) {
		unsigned char *row = c->raw + (size_t)y * c->row_bytes;
		row[0] = 0;
		memset(row + 1, (int)(i << 4 | i), c->row_bytes - 1);
		/* an odd width's last nibble is padding */
		if (c->width % 2 != 0)
			row[c->row_bytes - 1] = (unsigned char)(i << 4);
	}
}

/* A box clipped to the picture. */
static void
clip_box(const struct canvas16 *c, int *x0, int *y0, int *x1, int *y1)
{
	if (*x0 < 0)
		*x0 = 0;
	if (*y0 < 0)
		*y0 = 0;
	if (*x1 > c->width)
		*x1 = c->width;
	if (*y1 > c->height)
		*y1 = c->height;
}

void
canvas16_fill_rect(struct canvas16 *c, int x0, int y0, int x1, int y1,
    unsigned index)
{
	clip_box(c, &x0, &y0, &x1, &y1);
	if (x1 > x0)
		touch(c, y0, y1);
	for (int y = y0; y < y1; y++) {
		unsigned char *row = c->raw + (size_t)y * c->row_bytes + 1;
		int x = x0;
		/* an odd left edge, whole bytes, an odd right edge */
		if (x % 2 != 0 && x < x1) {
			row[x / 2] = (unsigned char)((row[x / 2] & 0xf0) | index);
			x++;
		}
		if (x1 - x >= 2)
			memset(row + x / 2, (int)(index << 4 | index),
			    (size_t)(x1 - x) / 2);
		x += (x1 - x) / 2 * 2;
		if (x < x1)
			row[x / 2] = (unsigned char)((row[x / 2] & 0x0f) |
			    index << 4);
	}
}

int
mask16_begin(struct mask16 *m, struct canvas16 *c, int x0, int y0,
    int x1, int y1)
{
	memset(m, 0, sizeof *m);
	clip_box(c, &x0, &y0, &x1, &y1);
	/* nothing of the picture: a pixel's mask that is never put */
	m->outside = x1 <= x0 || y1 <= y0;
	if (m->outside) {
		x0 = y0 = 0;
		x1 = y1 = 1;
	}
	m->x = x0;
	m->y = y0;
	/* the canvas's scratch, cleared as far as this mask reaches: a
	 * picture's drawings are many and small, and a new surface each
	 * would be new pages, faulted in and zeroed by the kernel */
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_A8, x1 - x0);
	size_t len = (size_t)stride * (size_t)(y1 - y0);
	if (stride > 0 && len > c->scratch_len) {
		unsigned char *p = realloc(c->scratch, len);
		if (p != NULL) {
			c->scratch = p;
			c->scratch_len = len;
		}
	}
	if (stride > 0 && len <= c->scratch_len)
		m->surface = cairo_image_surface_create_for_data(c->scratch,
		    CAIRO_FORMAT_A8, x1 - x0, y1 - y0, stride);
	else
		m->surface = cairo_image_surface_create(CAIRO_FORMAT_A8,
		    x1 - x0, y1 - y0);
	m->cr = cairo_create(m->surface);
	/* cleared by cairo, so that it knows the surface is: a drawing on
	 * a clear surface takes its fast paths */
	cairo_set_operator(m->cr, CAIRO_OPERATOR_CLEAR);
	cairo_paint(m->cr);
	cairo_set_operator(m->cr, CAIRO_OPERATOR_OVER);
	/* whole pixels: what falls between pixels is drawn as it would be
	 * on the full picture */
	cairo_translate(m->cr, -x0, -y0);
	return cairo_status(m->cr) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

/* Whether 64 bytes are all 0: one OR of eight words, which the compiler
 * makes a few vector instructions. */
static inline bool
zero64(const unsigned char *p)
{
	uint64_t acc = 0;

	for (int k = 0; k < 8; k++) {
		uint64_t v;
		memcpy(&v, p + 8 * k, 8);
		acc |= v;
	}
	return acc == 0;
}

/* A byte of two pixels under coverages hi and lo: where there is none,
 * the picture's nibble stays. */
static inline unsigned char
pair(const struct ink16 *ink, unsigned char was, unsigned hi, unsigned lo)
{
	/* without branches: an antialiased edge's pixels are bare and
	 * covered in no order a predictor learns */
	unsigned keep = (hi != 0 ? 0u : 0xf0u) | (lo != 0 ? 0u : 0x0fu);

	return (unsigned char)((was & keep) | (((unsigned)ink->index[hi] << 4 |
	    ink->index[lo]) & ~keep));
}

/* Coverage of w x h pixels, stride bytes a row, put in ink with its top
 * left at x0, y0 of the picture (within it). */
static void
put_coverage(struct canvas16 *c, const unsigned char *data, int stride, int w,
    int h, int x0, int y0, const struct ink16 *ink)
{
	int full = ink->index[255] << 4 | ink->index[255];

	if (w > 0)
		touch(c, y0, y0 + h);
	for (int y = 0; y < h; y++) {
		const unsigned char *src = data + (size_t)y * (size_t)stride;
		unsigned char *row = c->raw + (size_t)(y0 + y) * c->row_bytes + 1;
		int x = 0;
		/* an odd left edge: its first pixel is a byte's low nibble */
		if (x0 % 2 != 0) {
			if (src[0] != 0) {
				unsigned char *b = row + x0 / 2;
				*b = (unsigned char)((*b & 0xf0) | ink->index[src[0]]);
			}
			x = 1;
		}
		/* then whole bytes, two pixels each: eight at a time, where
		 * most of a text's area is bare paper and a code's or a bold
		 * stroke's inside is all ink */
		unsigned char *b = row + (x0 + x) / 2;
		while (x + 8 <= w) {
			uint64_t eight;
			memcpy(&eight, src + x, 8);
			if (eight == 0) {
				/* bare paper: then 64 pixels at a time while it
				 * lasts, not looked at where there is ink */
				x += 8;
				b += 4;
				while (x + 64 <= w && zero64(src + x)) {
					x += 64;
					b += 32;
				}
				continue;
			}
			if (eight == ~(uint64_t)0)
				memset(b, full, 4);
			else {
				for (int k = 0; k < 8; k += 2)
					b[k / 2] = pair(ink, b[k / 2], src[x + k],
					    src[x + k + 1]);
			}
			x += 8;
			b += 4;
		}
		for (; x + 1 < w; x += 2, b++)
			*b = pair(ink, *b, src[x], src[x + 1]);
		if (x < w && src[x] != 0)
			*b = (unsigned char)((*b & 0x0f) | ink->index[src[x]] << 4);
	}
}

int
mask16_end(struct mask16 *m, struct canvas16 *c, const struct ink16 *ink,
    struct buf *err)
{
	cairo_status_t st = cairo_status(m->cr);
	int h, rc = -1;

	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(m->surface);
		st = cairo_surface_status(m->surface);
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		buf_printf(err, _("cannot draw the picture: %s"),
		    cairo_status_to_string(st));
		goto out;
	}
	if (m->outside)
		h = 0;
	else
		h = cairo_image_surface_get_height(m->surface);
	int w = cairo_image_surface_get_width(m->surface);
	int stride = cairo_image_surface_get_stride(m->surface);
	const unsigned char *data = cairo_image_surface_get_data(m->surface);
	put_coverage(c, data, stride, w, h, m->x, m->y, ink);
	rc = 0;
out:
	cairo_destroy(m->cr);
	cairo_surface_destroy(m->surface);
	m->cr = NULL;
	m->surface = NULL;
	return rc;
}

int
canvas16_png(const struct canvas16 *c, struct buf *out, struct buf *err)
{
	if (png16_write(c->raw, c->width, c->height, c->palette, out) == 0)
		return 0;
	buf_printf(err, _("the PNG cannot be written"));
	return -1;
}

int
canvas16_png_top(const struct canvas16 *c, const struct png16_top *top,
    struct buf *out, struct buf *err)
{
	/* the top's rows as they were at the mark, else not the top's
	 * stream: what the pages draw is below them, and a drawing that
	 * strayed there costs a stream made whole, never a wrong picture */
	if (c->changed == NULL || top->rows > c->first_changed)
		return canvas16_png(c, out, err);
	if (png16_write_top(c->raw, c->width, c->height, c->palette, top,
	    out) == 0)
		return 0;
	buf_printf(err, _("the PNG cannot be written"));
	return -1;
}

/* Whether a mask's coverage is bare: no pixel of it inked. */
static bool
mask_bare(struct mask16 *m)
{
	int w = cairo_image_surface_get_width(m->surface);
	int h = cairo_image_surface_get_height(m->surface);
	int stride = cairo_image_surface_get_stride(m->surface);
	const unsigned char *data;

	cairo_surface_flush(m->surface);
	data = cairo_image_surface_get_data(m->surface);
	for (int y = 0; y < h; y++) {
		const unsigned char *row = data + (size_t)y * (size_t)stride;
		int x = 0;
		for (; x + 64 <= w; x += 64)
			if (!zero64(row + x))
				return false;
		for (; x < w; x++)
			if (row[x] != 0)
				return false;
	}
	return true;
}

/* The mask of a layout's ink, with a margin, drawn: 0, or -1 with the
 * mask ended and a message in err.
 *
 * A text with ink, wholly on the picture, whose mask comes out bare is
 * drawn again as its glyphs' outlines, which takes none of cairo's caches
 * of glyph images; bare again, it is an error rather than a slide without
 * its text. A slide's band came out without its village name in 2 of some
 * 70 full builds of the demo county, and the drawing libraries were
 * suspected; the cause found since was ours (stamp_find told a stamp found
 * that was not), but a check that costs one look at the mask's rows stays
 * between any such fault and a wall without its text. */
static int
layout_mask(struct mask16 *m, struct canvas16 *c, PangoLayout *l, double x,
    double y, const struct ink16 *ink, struct buf *err)
{
	PangoRectangle r;
	int x0, y0, x1, y1;

	pango_layout_get_pixel_extents(l, &r, NULL);
	x0 = (int)floor(x + r.x) - 2;
	y0 = (int)floor(y + r.y) - 2;
	x1 = (int)ceil(x + r.x + r.width) + 2;
	y1 = (int)ceil(y + r.y + r.height) + 2;
	if (mask16_begin(m, c, x0, y0, x1, y1) != 0) {
		mask16_end(m, c, ink, err);
		return -1;
	}
	paint_layout(m->cr, l, x, y, 0x000000);
	bool whole = x0 >= 0 && y0 >= 0 && x1 <= c->width && y1 <= c->height;
	if (r.width > 0 && r.height > 0 && whole && mask_bare(m)) {
		cairo_new_path(m->cr);
		paint_rgb(m->cr, 0x000000);
		cairo_move_to(m->cr, x, y);
		pango_cairo_layout_path(m->cr, l);
		cairo_fill(m->cr);
		if (cairo_status(m->cr) == CAIRO_STATUS_SUCCESS && mask_bare(m)) {
			mask16_end(m, c, ink, err);
			buf_printf(err, _("the text '%s' was drawn blank; build "
			    "again"), pango_layout_get_text(l));
			return -1;
		}
	}
	return 0;
}

int
canvas16_layout(struct canvas16 *c, PangoLayout *l, double x, double y,
    const struct ink16 *ink, struct buf *err)
{
	struct mask16 m;

	if (layout_mask(&m, c, l, x, y, ink, err) != 0)
		return -1;
	return mask16_end(&m, c, ink, err);
}

/* ---- stamps ---- */

/* A stamp in one ink, as the bytes of the picture's rows it changes: each
 * byte keeps its bits under keep and takes those of val, so that a put is
 * an AND and an OR a byte, not two lookups a pixel; and each row's bytes
 * that change lie within lo to hi. A stamp is put in the ink it was drawn
 * in again and again (a line of the body, a village's name), so it is
 * packed at its second put, in that ink. */
struct stamp_ink {
	struct stamp_ink *next;     /* another ink's, or NULL */
	unsigned char index[256];   /* the ink's (struct ink16) */
	size_t row_len;             /* bytes a row of keep and val */
	unsigned char *keep;        /* h rows */
	unsigned char *val;
	uint32_t *lo, *hi;          /* a row's first changed byte, its last + 1 */
};

/* The inks a stamp keeps packed, at most: the band's text is white on
 * each process's colour, a few in a build. */
#define STAMP_INKS 4

struct stamp {
	uint64_t hash;
	char *key;
	int x, y, w, h;         /* the coverage's place on the picture */
	unsigned char *cov;     /* w x h, a byte a pixel */
	struct stamp_ink *inks; /* packed in inks put before; a packing once
	                           in the list is never changed or freed
	                           while the stamps live */
	int n_inks;
};

/* What the stamps may hold, coverage and packings: the demo county's
 * slides keep about 34 MB (27 of coverage: the lines of the notices every
 * village of a town or of the county shows, 50 KB each, two thirds of the
 * slides' lines; 7 of packings); a county of a thousand villages keeps
 * its first few hundred and draws the others each time. */
#define STAMPS_MAX_BYTES (64u << 20)

struct stamps {
	pthread_mutex_t lock;
	struct stamp *items;    /* grows (moves); a stamp's coverage buffer
	                           stays put, and is copied under the lock */
	size_t n, cap;
	size_t bytes;           /* of coverage and packings held */
};

static void
stamp_ink_free(struct stamp_ink *k)
{
	free(k->keep);
	free(k->val);
	free(k->lo);
	free(k->hi);
	free(k);
}

struct stamps *
stamps_new(void)
{
	struct stamps *s = xcalloc(1, sizeof *s);

	pthread_mutex_init(&s->lock, NULL);
	return s;
}

void
stamps_free(struct stamps *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->items[i].key);
		free(s->items[i].cov);
		while (s->items[i].inks != NULL) {
			struct stamp_ink *k = s->items[i].inks;
			s->items[i].inks = k->next;
			stamp_ink_free(k);
		}
	}
	free(s->items);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* The stamp of the key, the lock held: its index, or s->n. */
static size_t
stamp_at(const struct stamps *s, uint64_t hash, const char *key)
{
	size_t i = 0;

	while (i < s->n && (s->items[i].hash != hash ||
	    strcmp(s->items[i].key, key) != 0))
		i++;
	return i;
}

/* The stamp of the key, copied under the lock: whether there is one. */
static bool
stamp_find(struct stamps *s, uint64_t hash, const char *key, struct stamp *out)
{
	bool found;

	pthread_mutex_lock(&s->lock);
	size_t i = stamp_at(s, hash, key);
	/* told under the lock: another thread's stamp kept after it would
	 * make i, the count when it was not found, look found, and the
	 * text be put as nothing */
	found = i < s->n;
	if (found)
		*out = s->items[i];
	pthread_mutex_unlock(&s->lock);
	return found;
}

/* Keeps the coverage of a drawn mask under the key, unless another
 * thread kept it first. */
static void
stamp_keep(struct stamps *s, uint64_t hash, const char *key,
    const struct mask16 *m)
{
	struct stamp st = {0};
	int stride = cairo_image_surface_get_stride(m->surface);
	const unsigned char *data = cairo_image_surface_get_data(m->surface);

	st.hash = hash;
	st.x = m->x;
	st.y = m->y;
	if (!m->outside) {
		st.w = cairo_image_surface_get_width(m->surface);
		st.h = cairo_image_surface_get_height(m->surface);
		st.cov = xmalloc((size_t)st.w * (size_t)st.h);
		for (int y = 0; y < st.h; y++)
			memcpy(st.cov + (size_t)y * (size_t)st.w,
			    data + (size_t)y * (size_t)stride, (size_t)st.w);
	}
	st.key = xstrdup(key);
	pthread_mutex_lock(&s->lock);
	if (s->bytes + (size_t)st.w * (size_t)st.h > STAMPS_MAX_BYTES ||
	    stamp_at(s, hash, key) < s->n) {
		pthread_mutex_unlock(&s->lock);
		free(st.key);
		free(st.cov);
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 64 : 2 * s->cap;
		s->items = xrealloc(s->items, s->cap * sizeof *s->items);
	}
	s->items[s->n++] = st;
	s->bytes += (size_t)st.w * (size_t)st.h;
	pthread_mutex_unlock(&s->lock);
}

/* The stamp's coverage in ink, packed as the bytes of the rows it
 * changes (struct stamp_ink). */
static struct stamp_ink *
stamp_pack(const struct stamp *st, const struct ink16 *ink)
{
	struct stamp_ink *k = xcalloc(1, sizeof *k);
	size_t h = (size_t)st->h;
	int first = st->x / 2;

	memcpy(k->index, ink->index, sizeof k->index);
	k->row_len = (size_t)((st->x + st->w - 1) / 2 - first + 1);
	k->keep = xmalloc(k->row_len * h);
	k->val = xmalloc(k->row_len * h);
	k->lo = xmalloc(h * sizeof *k->lo);
	k->hi = xmalloc(h * sizeof *k->hi);
	memset(k->keep, 0xff, k->row_len * h);
	memset(k->val, 0, k->row_len * h);
	for (size_t y = 0; y < h; y++) {
		const unsigned char *src = st->cov + y * (size_t)st->w;
		unsigned char *keep = k->keep + y * k->row_len;
		unsigned char *val = k->val + y * k->row_len;
		size_t lo = k->row_len, hi = 0, b = 0;
		int px = 0;
		/* an odd left edge: the first pixel is its byte's low nibble */
		if (st->x % 2 != 0) {
			if (src[0] != 0) {
				keep[0] = 0xf0;
				val[0] = ink->index[src[0]];
				lo = 0;
				hi = 1;
			}
			px = 1;
			b = 1;
		}
		/* then a byte, two pixels, at a time, each byte set once; bare
		 * paper (most of a text's area, between and around its
		 * strokes) eight pixels at a time */
		for (; px < st->w; px += 2, b++) {
			if (px + 8 <= st->w) {
				uint64_t eight;
				memcpy(&eight, src + px, 8);
				if (eight == 0) {
					px += 6;
					b += 3;
					continue;
				}
			}
			unsigned hi_cov = src[px];
			unsigned lo_cov = px + 1 < st->w ? src[px + 1] : 0;
			if ((hi_cov | lo_cov) == 0)
				continue;
			unsigned bare = (hi_cov != 0 ? 0u : 0xf0u) |
			    (lo_cov != 0 ? 0u : 0x0fu);
			keep[b] = (unsigned char)bare;
			val[b] = (unsigned char)(((unsigned)ink->index[hi_cov] << 4 |
			    ink->index[lo_cov]) & ~bare);
			if (b < lo)
				lo = b;
			hi = b + 1;
		}
		k->lo[y] = (uint32_t)(lo < hi ? lo : 0);
		k->hi[y] = (uint32_t)hi;
	}
	return k;
}

/* A packed stamp put on the picture: eight bytes at a time, skipped where
 * they all keep the picture's (the paper between a text's strokes). */
static void
put_packed(struct canvas16 *c, const struct stamp *st,
    const struct stamp_ink *k)
{
	touch(c, st->y, st->y + st->h);
	for (size_t y = 0; y < (size_t)st->h; y++) {
		unsigned char *row = c->raw + ((size_t)st->y + y) * c->row_bytes +
		    1 + st->x / 2;
		const unsigned char *keep = k->keep + y * k->row_len;
		const unsigned char *val = k->val + y * k->row_len;
		size_t b = k->lo[y], hi = k->hi[y];
		for (; b + 8 <= hi; b += 8) {
			uint64_t kk, vv, dd;
			memcpy(&kk, keep + b, 8);
			if (kk == ~(uint64_t)0)
				continue;
			memcpy(&vv, val + b, 8);
			memcpy(&dd, row + b, 8);
			dd = (dd & kk) | vv;
			memcpy(row + b, &dd, 8);
		}
		for (; b < hi; b++)
			row[b] = (unsigned char)((row[b] & keep[b]) | val[b]);
	}
}

/* The stamp put in ink: from its packing in that ink, made now unless it
 * has one (and kept, room allowing), else from its coverage. */
static void
stamp_put_ink(struct canvas16 *c, struct stamps *s, const struct stamp *st,
    const struct ink16 *ink)
{
	struct stamp_ink *k;
	size_t bytes, i;

	if (st->w <= 0 || st->h <= 0)
		return;
	for (k = st->inks; k != NULL; k = k->next)
		if (memcmp(k->index, ink->index, sizeof k->index) == 0) {
			put_packed(c, st, k);
			return;
		}
	if (st->n_inks >= STAMP_INKS) {
		put_coverage(c, st->cov, st->w, st->w, st->h, st->x, st->y, ink);
		return;
	}
	k = stamp_pack(st, ink);
	put_packed(c, st, k);
	bytes = 2 * k->row_len * (size_t)st->h;
	/* kept in the list of the stamp as it is now, unless another
	 * thread packed it first or there is no room */
	pthread_mutex_lock(&s->lock);
	i = stamp_at(s, st->hash, st->key);
	if (i < s->n && s->items[i].inks == st->inks &&
	    s->bytes + bytes <= STAMPS_MAX_BYTES) {
		k->next = s->items[i].inks;
		s->items[i].inks = k;
		s->items[i].n_inks++;
		s->bytes += bytes;
		k = NULL;
	}
	pthread_mutex_unlock(&s->lock);
	if (k != NULL)
		stamp_ink_free(k);
}

/* The stamp of key put on c in ink, when s holds it: whether it did. Its
 * full key (with the picture's size: the same place is not the same
 * pixels on a picture of another size, a mask being clipped to it) in
 * full and its hash in hash, for stamp_keep, when s is not NULL. */
static bool
stamp_put(struct canvas16 *c, struct stamps *s, const char *key,
    struct buf *full, uint64_t *hash, const struct ink16 *ink)
{
	struct stamp st = {0};

	if (s == NULL)
		return false;
	buf_printf(full, "%dx%d %s", c->width, c->height, key);
	*hash = hash_str64(full->data);
	if (!stamp_find(s, *hash, full->data, &st))
		return false;
	stamp_put_ink(c, s, &st, ink);
	return true;
}

int
canvas16_stamp(struct canvas16 *c, struct stamps *s, const char *key,
    stamp_make *make, const void *arg, const struct ink16 *ink,
    struct buf *err)
{
	struct buf full = {0};
	struct mask16 m;
	uint64_t hash = 0;
	PangoLayout *l;
	double x, y;
	int rc = -1;

	if (stamp_put(c, s, key, &full, &hash, ink)) {
		buf_free(&full);
		return 0;
	}
	l = make(arg, &x, &y);
	if (layout_mask(&m, c, l, x, y, ink, err) == 0) {
		cairo_surface_flush(m.surface);
		if (s != NULL && cairo_status(m.cr) == CAIRO_STATUS_SUCCESS &&
		    cairo_surface_status(m.surface) == CAIRO_STATUS_SUCCESS)
			stamp_keep(s, hash, full.data, &m);
		rc = mask16_end(&m, c, ink, err);
	}
	g_object_unref(l);
	buf_free(&full);
	return rc;
}

int
canvas16_stamp_area(struct canvas16 *c, struct stamps *s, const char *key,
    int x0, int y0, int x1, int y1, stamp_draw *draw, const void *arg,
    const struct ink16 *ink, struct buf *err)
{
	struct buf full = {0};
	struct mask16 m;
	uint64_t hash = 0;
	int rc = -1;

	if (stamp_put(c, s, key, &full, &hash, ink)) {
		buf_free(&full);
		return 0;
	}
	if (mask16_begin(&m, c, x0, y0, x1, y1) != 0) {
		mask16_end(&m, c, ink, err);
		goto out;
	}
	draw(m.cr, arg);
	cairo_surface_flush(m.surface);
	if (s != NULL && cairo_status(m.cr) == CAIRO_STATUS_SUCCESS &&
	    cairo_surface_status(m.surface) == CAIRO_STATUS_SUCCESS)
		stamp_keep(s, hash, full.data, &m);
	rc = mask16_end(&m, c, ink, err);
out:
	buf_free(&full);
	return rc;
}
