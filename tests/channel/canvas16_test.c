/* canvas16_test.c: what canvas16 draws is what the full-colour picture
 * shows in 16 colours: texts in one ink on a paper (dark on white, white
 * on a band's colour, at fractional positions, clipped), and rectangles
 * between pixels, each drawn both ways, cairo on RGB24 then png16_encode
 * and canvas16 with its masks, give the same PNG byte for byte (odd
 * width, odd left edges); a mask off the picture changes nothing; a text
 * put from the stamps (their coverage, or packed in its ink) is the text
 * drawn, and a rectangle on whole pixels filled is the rectangle drawn;
 * a page drawn on a marked base, its PNG going on from the stream of the
 * base's first rows, shows the page's pixels, and the base restored is
 * the base. */
#include "t.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "channel/canvas16.h"
#include "channel/png16.h"
#include "channel/wechat_tv.h"
#include "render/paint.h"

#define W 301
#define H 120
#define BAND 40
#define COLOUR 0x1d6b45u

struct item {
	const char *text;       /* NULL: a rectangle */
	double px;
	bool bold;
	double x, y;
	unsigned ink;
	double clip_h;          /* > 0: clipped to this height from y */
};

static const struct item items[] = {
	{"张家沟村村务公开 Ab", 26, true, 6.5, 6.25, 0xffffff, 0},
	{"公示期：2026年11月20日至27日", 17, false, 4.0, 52.5, 0x555555, 0},
	{"第一行正文，审核\n第二行被裁去一半", 19, false, 3.3, 76.0, 0x111111, 30.5},
	{NULL, 0, false, 265.5, 60.25, 0x000000, 0},
};

static uint32_t palette[16] = {0xffffff, 0xf0f0f0, 0xd4d4d4, 0xaaaaaa,
	0x888888, 0x666666, 0x555555, 0x333333, 0x111111, 0x000000, COLOUR,
	0x4a8a6a, 0x6fa18a, 0x93b8a6, 0xb8d0c3, 0xdde8e2};

static void
draw(cairo_t *cr, PangoContext *ctx, const struct item *it, bool coverage)
{
	unsigned rgb = coverage ? 0x000000 : it->ink;

	cairo_save(cr);
	if (it->text == NULL) {
		paint_rgb(cr, rgb);
		cairo_rectangle(cr, it->x, it->y, 31.5, 17.5);
		cairo_fill(cr);
	} else {
		PangoLayout *l = vis_layout(ctx, it->text, it->px, it->bold, 0,
		    1.1);
		if (it->clip_h > 0) {
			cairo_rectangle(cr, 0, it->y, W, it->clip_h);
			cairo_clip(cr);
		}
		paint_layout(cr, l, it->x, it->y, rgb);
		g_object_unref(l);
	}
	cairo_restore(cr);
}

/* The full-colour picture in 16 colours, as the slides were made. */
static void
full_colour(PangoContext *ctx, struct buf *png)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, W, H);
	cairo_t *cr = cairo_create(s);
	struct buf err = {0};

	pango_cairo_update_context(cr, ctx);
	paint_rgb(cr, 0xffffff);
	cairo_paint(cr);
	paint_rgb(cr, COLOUR);
	cairo_rectangle(cr, 0, 0, W, BAND);
	cairo_fill(cr);
	for (size_t i = 0; i < sizeof items / sizeof *items; i++)
		draw(cr, ctx, &items[i], false);
	cairo_surface_flush(s);
	T_INTEQ(png16_encode(cairo_image_surface_get_data(s), W, H,
	    cairo_image_surface_get_stride(s), palette, png, &err), 0,
	    "the full-colour picture is encoded");
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	buf_free(&err);
}

static void
coverage(PangoContext *ctx, struct buf *png)
{
	struct canvas16 cv;
	struct buf err = {0};

	T_INTEQ(canvas16_init(&cv, W, H, palette), 0, "a canvas");
	canvas16_fill_rows(&cv, 0, BAND, COLOUR);
	for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
		const struct item *it = &items[i];
		struct ink16 ink;
		struct mask16 m;
		canvas16_ink(&cv, it->ink, it->y < BAND ? COLOUR : 0xffffff, &ink);
		/* an area a little larger than the drawing, at whole pixels */
		int x0 = (int)floor(it->x) - 2, y0 = (int)floor(it->y) - 2;
		T_INTEQ(mask16_begin(&m, &cv, x0, y0, W, y0 + 45), 0,
		    "item %zu: a mask", i);
		draw(m.cr, ctx, it, true);
		T_INTEQ(mask16_end(&m, &cv, &ink, &err), 0, "item %zu: drawn", i);
	}
	/* a drawing whose area is off the picture changes nothing */
	{
		struct ink16 ink;
		struct mask16 m;
		size_t len = cv.row_bytes * H;
		unsigned char *before = malloc(len);
		memcpy(before, cv.raw, len);
		canvas16_ink(&cv, 0x000000, 0xffffff, &ink);
		T_INTEQ(mask16_begin(&m, &cv, W + 5, H - 10, W + 40, H + 30), 0,
		    "a mask off the picture");
		cairo_rectangle(m.cr, W - 20, H - 20, 80, 80);
		cairo_fill(m.cr);
		T_INTEQ(mask16_end(&m, &cv, &ink, &err), 0, "put, as nothing");
		T_CHECK(memcmp(before, cv.raw, len) == 0,
		    "the picture is unchanged");
		free(before);
	}
	T_INTEQ(canvas16_png(&cv, png, &err), 0, "the canvas is encoded");
	canvas16_free(&cv);
	buf_free(&err);
}

struct png_read {
	const struct buf *png;
	size_t at;
};

static cairo_status_t
png_read(void *closure, unsigned char *data, unsigned int len)
{
	struct png_read *r = closure;

	if (r->png->len - r->at < len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->png->data + r->at, len);
	r->at += len;
	return CAIRO_STATUS_SUCCESS;
}

/* Whether two PNGs show the same pixels (read back by cairo). */
static bool
same_pixels(const struct buf *a, const struct buf *b)
{
	struct png_read ra = {a, 0}, rb = {b, 0};
	cairo_surface_t *sa = cairo_image_surface_create_from_png_stream(
	    png_read, &ra);
	cairo_surface_t *sb = cairo_image_surface_create_from_png_stream(
	    png_read, &rb);
	bool same = cairo_surface_status(sa) == CAIRO_STATUS_SUCCESS &&
	    cairo_surface_status(sb) == CAIRO_STATUS_SUCCESS;

	if (same) {
		int h = cairo_image_surface_get_height(sa);
		int stride = cairo_image_surface_get_stride(sa);
		same = h == cairo_image_surface_get_height(sb) &&
		    stride == cairo_image_surface_get_stride(sb) &&
		    memcmp(cairo_image_surface_get_data(sa),
		    cairo_image_surface_get_data(sb), (size_t)h *
		    (size_t)stride) == 0;
	}
	cairo_surface_destroy(sa);
	cairo_surface_destroy(sb);
	return same;
}

/* Pages drawn one after the other on a marked base below its first rows,
 * the base restored between them: each page's PNG, going on from the
 * stream of those rows, shows the page drawn on a copy of the base; a
 * page drawn over those rows too is encoded whole; and the base restored
 * is the base. */
static void
top_rows(void)
{
	struct canvas16 base, copy;
	struct png16_top top;
	struct buf whole = {0}, cont = {0}, err = {0};
	unsigned char *was;
	size_t len;

	T_INTEQ(canvas16_init(&base, W, H, palette), 0, "a base");
	canvas16_fill_rows(&base, 0, BAND, COLOUR);
	canvas16_fill_rect(&base, 20, 10, 61, 30, 3);
	canvas16_fill_rect(&base, 200, BAND + 10, 260, H - 10, 9);
	len = base.row_bytes * H;
	was = malloc(len);
	memcpy(was, base.raw, len);
	T_INTEQ(canvas16_mark(&base), 0, "the base marked");
	png16_top(base.raw, W, BAND + 3, &top);
	/* a page below the top's rows, over the base's drawing too */
	T_INTEQ(canvas16_clone(&copy, &base), 0, "a copy");
	canvas16_fill_rect(&copy, 7, BAND + 3, 230, H - 4, 8);
	canvas16_fill_rect(&base, 7, BAND + 3, 230, H - 4, 8);
	T_CHECK(memcmp(copy.raw, base.raw, len) == 0, "the page drawn");
	T_INTEQ(canvas16_png(&copy, &whole, &err), 0, "the page, whole");
	T_INTEQ(canvas16_png_top(&base, &top, &cont, &err), 0,
	    "the page, from the top's stream");
	T_CHECK(same_pixels(&whole, &cont), "the same pixels (%zu and %zu "
	    "bytes)", whole.len, cont.len);
	T_CHECK(whole.len != cont.len || memcmp(whole.data, cont.data,
	    whole.len) != 0, "as a stream of its own (no match past the "
	    "top's rows)");
	canvas16_restore(&base);
	T_CHECK(memcmp(was, base.raw, len) == 0, "the base restored");
	/* drawn over the top's rows: not the top's stream */
	canvas16_free(&copy);
	T_INTEQ(canvas16_clone(&copy, &base), 0, "another copy");
	canvas16_fill_rect(&copy, 100, BAND + 1, 140, H, 9);
	canvas16_fill_rect(&base, 100, BAND + 1, 140, H, 9);
	buf_reset(&whole);
	buf_reset(&cont);
	T_INTEQ(canvas16_png(&copy, &whole, &err), 0, "another page, whole");
	T_INTEQ(canvas16_png_top(&base, &top, &cont, &err), 0,
	    "and from the top, where its rows changed");
	T_CHECK(whole.len == cont.len && memcmp(whole.data, cont.data,
	    whole.len) == 0, "is made whole");
	canvas16_restore(&base);
	T_CHECK(memcmp(was, base.raw, len) == 0, "the base restored again");
	free(was);
	png16_top_free(&top);
	canvas16_free(&base);
	canvas16_free(&copy);
	buf_free(&whole);
	buf_free(&cont);
	buf_free(&err);
}

struct stamp_arg {
	PangoContext *ctx;
	const struct item *it;
};

static PangoLayout *
stamp_layout(const void *arg, double *x, double *y)
{
	const struct stamp_arg *a = arg;

	*x = a->it->x;
	*y = a->it->y;
	return vis_layout(a->ctx, a->it->text, a->it->px, a->it->bold, 0, 1.1);
}

/* The texts drawn (0), kept as stamps (1), put from them (2: packed in
 * their ink then, 3: from that packing), drawn in another ink (4) and
 * put from the stamps in it (5: a second packing, 6: from it): the same
 * pixels each time. */
static void
stamps(PangoContext *ctx)
{
	enum { ROUNDS = 7 };
	struct canvas16 cv[ROUNDS];
	struct stamps *st = stamps_new();
	struct buf err = {0};

	for (int k = 0; k < ROUNDS; k++) {
		T_INTEQ(canvas16_init(&cv[k], W, H, palette), 0, "a canvas");
		canvas16_fill_rows(&cv[k], 0, BAND, COLOUR);
		for (size_t i = 0; i < 2; i++) {
			const struct item *it = &items[i];
			struct stamp_arg arg = {ctx, it};
			struct ink16 ink;
			canvas16_ink(&cv[k], k < 4 ? it->ink : 0x333333,
			    it->y < BAND ? COLOUR : 0xffffff, &ink);
			if (k == 0 || k == 4) {
				double x, y;
				PangoLayout *l = stamp_layout(&arg, &x, &y);
				T_INTEQ(canvas16_layout(&cv[k], l, x, y, &ink, &err), 0,
				    "item %zu drawn", i);
				g_object_unref(l);
			} else
				T_INTEQ(canvas16_stamp(&cv[k], st, it->text,
				    stamp_layout, &arg, &ink, &err), 0,
				    "item %zu stamped (%d)", i, k);
		}
	}
	size_t len = cv[0].row_bytes * H;
	T_CHECK(memcmp(cv[0].raw, cv[1].raw, len) == 0,
	    "a text kept as a stamp is the text drawn");
	T_CHECK(memcmp(cv[0].raw, cv[2].raw, len) == 0,
	    "a text put from its stamp is the text drawn");
	T_CHECK(memcmp(cv[0].raw, cv[3].raw, len) == 0,
	    "a text put from its stamp's packing is the text drawn");
	T_CHECK(memcmp(cv[0].raw, cv[4].raw, len) != 0,
	    "the other ink is another picture");
	T_CHECK(memcmp(cv[4].raw, cv[5].raw, len) == 0,
	    "a stamp put in another ink is the text drawn in it");
	T_CHECK(memcmp(cv[4].raw, cv[6].raw, len) == 0,
	    "a stamp put from its packing in another ink is the text drawn");
	for (int k = 0; k < ROUNDS; k++)
		canvas16_free(&cv[k]);
	stamps_free(st);
	buf_free(&err);
}

/* Rectangles on whole pixels (odd and even edges): filled, and drawn by
 * cairo through a mask. */
static void
rectangles(void)
{
	static const int r[][4] = {{3, 5, 40, 9}, {10, 20, 11, 30},
		{0, 40, 301, 41}, {290, 100, 305, 130}, {7, 50, 8, 60}};
	struct canvas16 a, b;
	struct ink16 ink;
	struct buf err = {0};

	T_INTEQ(canvas16_init(&a, W, H, palette), 0, "a canvas");
	T_INTEQ(canvas16_init(&b, W, H, palette), 0, "a canvas");
	canvas16_ink(&a, 0x000000, 0xffffff, &ink);
	for (size_t i = 0; i < sizeof r / sizeof *r; i++) {
		struct mask16 m;
		canvas16_fill_rect(&a, r[i][0], r[i][1], r[i][2], r[i][3],
		    ink.index[255]);
		T_INTEQ(mask16_begin(&m, &b, r[i][0] - 1, r[i][1] - 1,
		    r[i][2] + 1, r[i][3] + 1), 0, "a mask");
		cairo_rectangle(m.cr, r[i][0], r[i][1], r[i][2] - r[i][0],
		    r[i][3] - r[i][1]);
		cairo_fill(m.cr);
		T_INTEQ(mask16_end(&m, &b, &ink, &err), 0, "drawn");
	}
	T_CHECK(memcmp(a.raw, b.raw, a.row_bytes * H) == 0,
	    "a rectangle on whole pixels filled is the rectangle drawn");
	/* a clone is the picture, its rows and its palette */
	struct canvas16 c;
	T_INTEQ(canvas16_clone(&c, &a), 0, "a clone");
	T_CHECK(c.width == a.width && c.height == a.height &&
	    c.row_bytes == a.row_bytes && memcmp(c.raw, a.raw,
	    a.row_bytes * H) == 0 && memcmp(c.palette, a.palette,
	    sizeof c.palette) == 0, "a clone is a copy");
	canvas16_free(&c);
	canvas16_free(&a);
	canvas16_free(&b);
	buf_free(&err);
}

static void
draw_disc(cairo_t *cr, const void *arg)
{
	const double *at = arg;

	cairo_arc(cr, at[0], at[1], 9.5, 0, 6.2831853);
	cairo_fill(cr);
}

/* A drawing of an area stamped: the first time drawn and kept, the second
 * put from the stamp; both the picture drawn without stamps. */
static void
area_stamps(void)
{
	static const double at[2] = {40.3, 30.7};
	struct canvas16 a, b, c;
	struct ink16 ink;
	struct stamps *st = stamps_new();
	struct buf err = {0};

	T_INTEQ(canvas16_init(&a, W, H, palette), 0, "a canvas");
	T_INTEQ(canvas16_init(&b, W, H, palette), 0, "a canvas");
	T_INTEQ(canvas16_init(&c, W, H, palette), 0, "a canvas");
	canvas16_ink(&a, 0x333333, 0xffffff, &ink);
	T_INTEQ(canvas16_stamp_area(&a, NULL, "disc", 25, 15, 57, 47,
	    draw_disc, at, &ink, &err), 0, "drawn without stamps");
	T_INTEQ(canvas16_stamp_area(&b, st, "disc", 25, 15, 57, 47,
	    draw_disc, at, &ink, &err), 0, "drawn and kept");
	T_INTEQ(canvas16_stamp_area(&c, st, "disc", 25, 15, 57, 47,
	    draw_disc, at, &ink, &err), 0, "put from its stamp");
	T_CHECK(memcmp(a.raw, b.raw, a.row_bytes * H) == 0 &&
	    memcmp(a.raw, c.raw, a.row_bytes * H) == 0,
	    "an area stamped is the area drawn");
	size_t inked = 0;
	for (size_t i = 0; i < a.row_bytes * H; i++)
		inked += a.raw[i] != 0;
	T_CHECK(inked > 100, "the disc is drawn (%zu bytes)", inked);
	canvas16_free(&a);
	canvas16_free(&b);
	canvas16_free(&c);
	stamps_free(st);
	buf_free(&err);
}

/* A text whose glyphs come out as nothing (here: drawn in a colour
 * without alpha, which cairo's glyph images would give no more ink than
 * a failed draw) is drawn again as its outlines; a text without ink is
 * no error. */
static void
bare_text(PangoContext *ctx)
{
	struct canvas16 cv;
	struct ink16 ink;
	struct buf err = {0};
	PangoLayout *l = vis_layout(ctx, "村务公开", 26, true, 0, 1.1);
	PangoAttrList *attrs = pango_attr_list_new();
	size_t inked = 0;

	pango_attr_list_insert(attrs, pango_attr_foreground_alpha_new(1));
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	T_INTEQ(canvas16_init(&cv, W, H, palette), 0, "a canvas");
	canvas16_ink(&cv, 0x111111, 0xffffff, &ink);
	T_INTEQ(canvas16_layout(&cv, l, 10.5, 20.25, &ink, &err), 0,
	    "a text drawn as nothing is no error");
	for (size_t i = 0; i < cv.row_bytes * H; i++)
		inked += cv.raw[i] != 0;
	T_CHECK(inked > 200, "it is drawn again, as outlines (%zu bytes)",
	    inked);
	g_object_unref(l);
	memset(cv.raw, 0, cv.row_bytes * H);
	l = vis_layout(ctx, "   ", 26, false, 0, 1.1);
	T_INTEQ(canvas16_layout(&cv, l, 10.5, 20.25, &ink, &err), 0,
	    "a text of spaces is no error");
	T_CHECK(err.len == 0, "and says nothing (%s)", err.data ? err.data : "");
	g_object_unref(l);
	canvas16_free(&cv);
	buf_free(&err);
}

int
main(void)
{
	PangoContext *ctx = vis_context();
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cairo_t *cr = cairo_create(s);
	struct buf a = {0}, b = {0};

	/* the masks' font options: an A8 picture's, the same as RGB24's */
	pango_cairo_update_context(cr, ctx);
	full_colour(ctx, &a);
	coverage(ctx, &b);
	T_CHECK(a.len > 100 && a.len == b.len && memcmp(a.data, b.data,
	    a.len) == 0, "the same PNG both ways (%zu and %zu bytes)", a.len,
	    b.len);
	/* and the canvas is not blank: the texts are there */
	T_CHECK(b.len > 1000, "the picture holds its texts (%zu bytes)", b.len);
	stamps(ctx);
	rectangles();
	area_stamps();
	bare_text(ctx);
	top_rows();
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	g_object_unref(ctx);
	buf_free(&a);
	buf_free(&b);
	return t_done();
}
