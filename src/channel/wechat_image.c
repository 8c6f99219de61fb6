/* wechat_image.c: an article's cover (900x383, the title set large on the
 * colour of its process) and its square thumbnail (the kind of notice),
 * drawn with cairo and pango from the scrubbed title. */
#include "channel/wechat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "channel/canvas16.h"
#include "channel/wechat_tv.h"
#include "render/paint.h"
#include "render/png.h"
#include "render/qr.h"

#define COVER_W 900
#define COVER_H 383
#define THUMB_SIDE 200

/* Both pictures are white on the process's colour and that colour on
 * white: their antialiased edges are blends of the two, so sixteen steps
 * from the colour to white show them whole in a 4-bit PNG, a fraction of
 * an RGB one's bytes and of the time to compress them. Each text is drawn
 * as coverage over its own area and put on the 4-bit rows through its
 * ink's indices (canvas16.h): the pixels a full-colour picture would show
 * in these 16 colours, without drawing or reading that picture. */
struct picture {
	struct canvas16 cv;
	PangoContext *ctx;
	struct ink16 on_colour;     /* white on the colour */
	struct ink16 on_white;      /* the colour on white */
};

static int
picture_init(struct picture *p, int width, int height, unsigned colour)
{
	uint32_t ramp[16];
	cairo_surface_t *s;
	cairo_t *cr;

	for (unsigned i = 0; i < 16; i++) {
		uint32_t c = 0;
		for (int shift = 0; shift <= 16; shift += 8) {
			unsigned a = (colour >> shift) & 0xff;
			c |= (uint32_t)((a * (15 - i) + 0xff * i + 7) / 15) << shift;
		}
		ramp[i] = c;
	}
	p->ctx = vis_context();
	/* the fonts' options of the pictures the texts are drawn on */
	s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cr = cairo_create(s);
	pango_cairo_update_context(cr, p->ctx);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	if (canvas16_init(&p->cv, width, height, ramp) != 0)
		return -1;
	canvas16_fill_rows(&p->cv, 0, height, colour);
	canvas16_ink(&p->cv, 0xffffff, colour, &p->on_colour);
	canvas16_ink(&p->cv, colour, 0xffffff, &p->on_white);
	return 0;
}

static int
picture_finish(struct picture *p, int rc, struct buf *out, struct buf *err)
{
	if (rc == 0)
		rc = canvas16_png(&p->cv, out, err);
	canvas16_free(&p->cv);
	g_object_unref(p->ctx);
	return rc;
}

/* The title as large as fits three lines: the editor crops the cover's
 * sides in some lists, so it keeps a margin. */
struct cover_title {
	PangoContext *ctx;
	const char *title;
};

static PangoLayout *
cover_title(const void *arg, double *x, double *y)
{
	const struct cover_title *t = arg;
	PangoLayout *l;
	double px = 64;
	int h;

	for (l = NULL; px >= 34; px -= 4) {
		if (l != NULL)
			g_object_unref(l);
		l = vis_layout(t->ctx, t->title, px, true, COVER_W - 2 * 70, 1.25);
		if (vis_fits(l, px > 48 ? 2 : 3))
			break;
	}
	pango_layout_set_height(l, -3);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_get_pixel_size(l, NULL, &h);
	*x = 70;
	*y = (COVER_H - 78 - h) / 2.0;
	return l;
}

int
wechat_cover(const struct record *r, struct stamps *stamps, struct buf *out,
    struct buf *err)
{
	struct picture p;
	PangoLayout *l;
	struct buf b = {0};
	unsigned colour = vis_process_colour(r);
	int h, rc = -1;

	if (picture_init(&p, COVER_W, COVER_H, colour) != 0) {
		buf_printf(err, _("out of memory"));
		goto out;
	}
	/* a lighter band at the foot for the village and the kind */
	canvas16_fill_rows(&p.cv, COVER_H - 78, COVER_H, 0xffffff);
	/* the title's coverage, its size chosen, kept by its words: the
	 * notices of a town or of the county have one title in every
	 * village */
	struct cover_title t = {p.ctx, r->title};
	buf_puts(&b, "cover title ");
	buf_puts(&b, r->title);
	rc = canvas16_stamp(&p.cv, stamps, b.data, cover_title, &t,
	    &p.on_colour, err);
	buf_reset(&b);
	if (rc != 0)
		goto out;
	village_place(r->village, &b);
	buf_puts(&b, "　");
	buf_puts(&b, record_type_label(r->type));
	l = vis_layout(p.ctx, b.data, 28, true, COVER_W - 2 * 70, 0);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_get_pixel_size(l, NULL, &h);
	rc = canvas16_layout(&p.cv, l, 70, COVER_H - 39 - h / 2.0, &p.on_white, err);
	g_object_unref(l);
out:
	buf_free(&b);
	return picture_finish(&p, rc, out, err);
}

/* The thumbnail's kind, centred above the village's name. */
struct thumb_label {
	PangoContext *ctx;
	const char *text;
};

static PangoLayout *
thumb_label(const void *arg, double *x, double *y)
{
	const struct thumb_label *t = arg;
	PangoLayout *l = vis_layout(t->ctx, t->text, 52, true, 0, 1.1);
	int w, h;

	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pango_layout_get_pixel_size(l, &w, &h);
	*x = (THUMB_SIDE - w) / 2.0;
	*y = (THUMB_SIDE - 36 - h) / 2.0;
	return l;
}

int
wechat_thumb(const struct record *r, struct stamps *stamps, struct buf *out,
    struct buf *err)
{
	struct picture p;
	PangoLayout *l;
	const char *label = record_type_label(r->type);
	unsigned colour = vis_process_colour(r);
	struct buf b = {0}, key = {0};
	int w, h, rc = -1;

	if (picture_init(&p, THUMB_SIDE, THUMB_SIDE, colour) != 0) {
		buf_printf(err, _("out of memory"));
		goto out;
	}
	/* the kind in two lines of two characters: 决策 / 公开 */
	buf_puts(&b, label);
	if (utf8_chars(label, strlen(label)) == 4) {
		size_t half = 0;
		for (int k = 0; k < 2; k++) {
			uint32_t cp;
			half += (size_t)utf8_decode(label + half,
			    strlen(label) - half, &cp);
		}
		buf_reset(&b);
		buf_put(&b, label, half);
		buf_putc(&b, '\n');
		buf_puts(&b, label + half);
	}
	/* kept by its words: a build has a few kinds, on every article */
	struct thumb_label t = {p.ctx, b.data};
	buf_puts(&key, "thumb label ");
	buf_puts(&key, b.data);
	rc = canvas16_stamp(&p.cv, stamps, key.data, thumb_label, &t,
	    &p.on_colour, err);
	if (rc != 0)
		goto out;
	l = vis_layout(p.ctx, r->village->name, 22, false, THUMB_SIDE - 16, 0);
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_get_pixel_size(l, &w, &h);
	rc = canvas16_layout(&p.cv, l, 8, THUMB_SIDE - 22 - h, &p.on_colour, err);
	g_object_unref(l);
out:
	buf_free(&b);
	buf_free(&key);
	return picture_finish(&p, rc, out, err);
}

/* The article's QR code, module_px pixels a module with its quiet zone,
 * as qr_png draws it but in one bit a pixel: a sixth of the bytes to
 * compress, the same black and white pixels. */
int
wechat_qr_png(const char *text, int module_px, struct buf *out,
    struct buf *err)
{
	QRcode *q = vis_qr(text, err);
	unsigned char *raw = NULL;
	size_t row_bytes;
	int side;

	if (q == NULL)
		return -1;
	if (module_px < 1)
		module_px = 1;
	side = (q->width + 2 * QR_QUIET_MODULES) * module_px;
	row_bytes = 1 + ((size_t)side + 7) / 8;
	raw = malloc(row_bytes * (size_t)side);
	if (raw == NULL) {
		QRcode_free(q);
		buf_printf(err, _("out of memory"));
		return -1;
	}
	for (int y = 0; y < side; y++) {
		unsigned char *row = raw + (size_t)y * row_bytes;
		int qy = y / module_px - QR_QUIET_MODULES;
		/* a module's rows after its first are the same */
		if (y % module_px != 0) {
			memcpy(row, row - row_bytes, row_bytes);
			continue;
		}
		/* white is 1 in a one-bit grey picture */
		memset(row, 0xff, row_bytes);
		row[0] = 0;
		/* a module at a time, its pixels after */
		for (int qx = 0; qy >= 0 && qy < q->width && qx < q->width; qx++) {
			if (!(q->data[qy * q->width + qx] & 1))
				continue;
			int x0 = (qx + QR_QUIET_MODULES) * module_px;
			for (int x = x0; x < x0 + module_px; x++)
				row[1 + x / 8] &= (unsigned char)~(0x80u >> (x % 8));
		}
	}
	int rc = nbpng_write_rows(raw, side, side, 1, 0, NULL, 0, out);
	free(raw);
	QRcode_free(q);
	if (rc != 0)
		buf_printf(err, _("the PNG cannot be written"));
	return rc;
}
