/* tv_slide.c: a notice on the hall's TV: 1920x1080, read from three
 * metres (the body 46 px, its Chinese characters about 42 px high), the
 * title and the notice period on every page, the QR code of the record's
 * page beside it, and the text split between pages at whole lines, never
 * cut. Text comes from the scrubbed fields only (wechat_tv.c). */
#include "channel/tv.h"

#include <string.h>

#include "channel/wechat_tv.h"
#include "channel/png16.h"
#include "render/qr.h"
#include "render/paint.h"

#define MARGIN 80
#define BAND_H 150
#define FOOT_H 100
#define QR_COL 420              /* the QR code's column, at the right */
#define QR_SIDE 360
#define TEXT_W (TV_WIDTH - 2 * MARGIN - QR_COL - 40)
#define TITLE_PX 68
#define META_PX 44
#define BODY_PX 46
#define FOOT_PX 40

struct slide {
	const struct county *c;
	const struct record *r;
	PangoContext *ctx;
	PangoLayout *title;
	PangoLayout *body;
	double body_top;        /* where the body starts on every page */
	double body_h;          /* the height it may take */
	int n_pages;
	int starts[TV_MAX_PAGES + 1];   /* pango units: each page's first
	                                   line's top, then the end */
	bool more;              /* the text goes on past the last page */
	struct buf text;
};

/* The facts, a blank line, the body's text; the labels in bold. */
static PangoLayout *
body_layout(struct slide *s)
{
	struct arena *a = arena_new();
	struct vis_fact *f;
	size_t n = vis_facts(s->r, false, a, &f);
	PangoAttrList *attrs = pango_attr_list_new();
	struct buf md = {0};
	PangoLayout *l;

	for (size_t i = 0; i < n; i++) {
		PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		bold->start_index = (guint)s->text.len;
		buf_printf(&s->text, "%s：", f[i].label);
		bold->end_index = (guint)s->text.len;
		pango_attr_list_insert(attrs, bold);
		buf_printf(&s->text, "%s\n", f[i].value);
	}
	vis_body(s->r, &md);
	if (md.len > 0) {
		size_t before = s->text.len;
		if (n > 0)
			buf_putc(&s->text, '\n');
		size_t mark = s->text.len;
		vis_plain(md.data, &s->text);
		if (s->text.len == mark)
			s->text.len = before;
	}
	while (s->text.len > 0 && s->text.data[s->text.len - 1] == '\n')
		s->text.data[--s->text.len] = '\0';
	l = vis_layout(s->ctx, s->text.data ? s->text.data : "", BODY_PX, false,
	    TEXT_W, 1.1);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	buf_free(&md);
	arena_free(a);
	return l;
}

/* Pages of whole lines, each at most body_h high. */
static void
paginate(struct slide *s)
{
	PangoLayoutIter *it = pango_layout_get_iter(s->body);
	int limit = (int)(s->body_h * PANGO_SCALE), y0, y1;

	s->n_pages = 1;
	s->starts[0] = 0;
	do {
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		if (y1 - s->starts[s->n_pages - 1] > limit && y0 > s->starts[
		    s->n_pages - 1]) {
			if (s->n_pages == TV_MAX_PAGES) {
				s->more = true;
				break;
			}
			s->starts[s->n_pages++] = y0;
		}
		s->starts[s->n_pages] = y1;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void
slide_free(struct slide *s)
{
	if (s->title != NULL)
		g_object_unref(s->title);
	if (s->body != NULL)
		g_object_unref(s->body);
	if (s->ctx != NULL)
		g_object_unref(s->ctx);
	buf_free(&s->text);
}

static void
slide_init(struct slide *s, const struct county *c, const struct record *r)
{
	int title_h;

	memset(s, 0, sizeof *s);
	s->c = c;
	s->r = r;
	s->ctx = vis_context();
	s->title = vis_layout(s->ctx, r->title, TITLE_PX, true, TEXT_W, 1.15);
	pango_layout_get_pixel_size(s->title, NULL, &title_h);
	/* title, the notice period below it, a rule, then the body */
	s->body_top = BAND_H + 40 + title_h + 20 + META_PX * 1.5 + 36;
	s->body_h = TV_HEIGHT - FOOT_H - 30 - s->body_top;
	s->body = body_layout(s);
	paginate(s);
}

int
tv_pages(const struct county *c, const struct record *r, struct buf *err)
{
	struct slide s;
	int n;

	(void)err;
	slide_init(&s, c, r);
	n = s.n_pages;
	slide_free(&s);
	return n;
}

/* ---- drawing ---- */

static void
text_at(cairo_t *cr, PangoContext *ctx, const char *text, double px,
    bool bold, double x, double y, bool right, unsigned rgb)
{
	PangoLayout *l = vis_layout(ctx, text, px, bold, 0, 0);
	int w;

	pango_layout_get_pixel_size(l, &w, NULL);
	paint_layout(cr, l, right ? x - w : x, y, rgb);
	g_object_unref(l);
}

/* The band, the footer and the QR code: what every slide of a village
 * has. */
static int
frame(cairo_t *cr, PangoContext *ctx, const struct county *c,
    const struct village *v, unsigned colour, const char *kind,
    const char *url, const char *page, struct buf *err)
{
	QRcode *q = qr_encode(url, err);
	struct buf b = {0};

	if (q == NULL)
		return -1;
	paint_rgb(cr, 0xffffff);
	cairo_paint(cr);
	paint_rgb(cr, colour);
	cairo_rectangle(cr, 0, 0, TV_WIDTH, BAND_H);
	cairo_fill(cr);
	buf_printf(&b, "%s村务公开", v->name);
	text_at(cr, ctx, b.data, 60, true, MARGIN, (BAND_H - 87) / 2.0, false,
	    0xffffff);
	buf_reset(&b);
	if (kind != NULL)
		text_at(cr, ctx, kind, 52, true, TV_WIDTH - MARGIN,
		    (BAND_H - 76) / 2.0, true, 0xffffff);
	paint_rgb(cr, 0xf0f0f0);
	cairo_rectangle(cr, 0, TV_HEIGHT - FOOT_H, TV_WIDTH, FOOT_H);
	cairo_fill(cr);
	if (c->site.hotline != NULL) {
		buf_printf(&b, "监督举报电话：%s", c->site.hotline);
		text_at(cr, ctx, b.data, FOOT_PX, false, MARGIN,
		    TV_HEIGHT - FOOT_H / 2.0 - 29, false, 0x333333);
		buf_reset(&b);
	}
	if (page != NULL)
		text_at(cr, ctx, page, FOOT_PX, false, TV_WIDTH - MARGIN,
		    TV_HEIGHT - FOOT_H / 2.0 - 29, true, 0x333333);
	/* the code: whole pixels a module, its quiet zone white */
	double module = (double)(QR_SIDE / (q->width + 2 * QR_QUIET_MODULES));
	double side = module * (q->width + 2 * QR_QUIET_MODULES);
	double x = TV_WIDTH - MARGIN - QR_COL + (QR_COL - side) / 2, y = BAND_H + 50;
	paint_rgb(cr, 0x000000);
	qr_draw(cr, q, x + module * QR_QUIET_MODULES,
	    y + module * QR_QUIET_MODULES, module);
	PangoLayout *l = vis_layout(ctx, "手机扫码\n查看全文", 42, false, QR_COL, 1.2);
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	paint_layout(cr, l, TV_WIDTH - MARGIN - QR_COL, y + side + 16, 0x333333);
	g_object_unref(l);
	QRcode_free(q);
	buf_free(&b);
	return 0;
}

static uint32_t
mix(unsigned colour, unsigned paper, int paper_percent)
{
	uint32_t out = 0;

	for (int shift = 0; shift <= 16; shift += 8) {
		unsigned a = (colour >> shift) & 0xff, b = (paper >> shift) & 0xff;
		out |= (uint32_t)((a * (100 - paper_percent) + b * paper_percent +
		    50) / 100) << shift;
	}
	return out;
}

/* The slide in its 16 colours: the greys of the text and the footer, the
 * QR code's black, the band's colour and its blends with white (the
 * antialiased edges of the white text on it). */
static int
encode(cairo_surface_t *s, cairo_t *cr, unsigned colour, struct buf *out,
    struct buf *err)
{
	cairo_status_t st = cairo_status(cr);
	uint32_t palette[16] = {0xffffff, 0xf0f0f0, 0xd4d4d4, 0xaaaaaa,
		0x888888, 0x666666, 0x555555, 0x333333, 0x111111, 0x000000};

	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(s);
		st = cairo_surface_status(s);
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		buf_printf(err, _("cannot draw the picture: %s"),
		    cairo_status_to_string(st));
		return -1;
	}
	palette[10] = colour;
	for (int i = 0; i < 5; i++)
		palette[11 + i] = mix(colour, 0xffffff, 20 + 16 * i);
	return png16_encode(cairo_image_surface_get_data(s), TV_WIDTH, TV_HEIGHT,
	    cairo_image_surface_get_stride(s), palette, out, err);
}

int
tv_render(const struct county *c, const struct record *r,
    struct buf *out[TV_MAX_PAGES], struct buf *err)
{
	struct arena *a = arena_new();
	struct slide s;
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    TV_WIDTH, TV_HEIGHT);
	cairo_t *cr = cairo_create(surface);
	const char *url = vis_record_url(a, c, r);
	unsigned colour = vis_process_colour(r);
	struct buf b = {0};
	int rc = -1;

	slide_init(&s, c, r);
	pango_cairo_update_context(cr, s.ctx);
	for (int p = 0; p < s.n_pages; p++) {
		buf_reset(&b);
		if (s.n_pages > 1)
			buf_printf(&b, "第 %d/%d 页", p + 1, s.n_pages);
		if (frame(cr, s.ctx, c, r->village, colour,
		    record_type_label(r->type), url, b.len ? b.data : NULL,
		    err) != 0)
			goto out;
		paint_layout(cr, s.title, MARGIN, BAND_H + 40, 0x111111);
		int title_h;
		pango_layout_get_pixel_size(s.title, NULL, &title_h);
		buf_reset(&b);
		buf_puts(&b, "公示期：");
		date_cn_range(r->publish_from, r->publish_to, "至", &b);
		text_at(cr, s.ctx, b.data, META_PX, false, MARGIN,
		    BAND_H + 40 + title_h + 20, false, 0x555555);
		paint_rgb(cr, colour);
		cairo_rectangle(cr, MARGIN, s.body_top - 24, TEXT_W, 4);
		cairo_fill(cr);
		/* this page's lines only: whole lines, clipped to them */
		double y0 = s.starts[p] / (double)PANGO_SCALE;
		double y1 = s.starts[p + 1] / (double)PANGO_SCALE;
		cairo_save(cr);
		cairo_rectangle(cr, MARGIN - 10, s.body_top, TEXT_W + 20, y1 - y0);
		cairo_clip(cr);
		paint_layout(cr, s.body, MARGIN, s.body_top - y0, 0x111111);
		cairo_restore(cr);
		if (s.more && p == s.n_pages - 1)
			text_at(cr, s.ctx, "（未完，请扫码查看全文）", FOOT_PX, true,
			    MARGIN, TV_HEIGHT - FOOT_H - 58, false, 0xa61b1b);
		buf_reset(out[p]);
		if (encode(surface, cr, colour, out[p], err) != 0)
			goto out;
	}
	rc = s.n_pages;
out:
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	slide_free(&s);
	buf_free(&b);
	arena_free(a);
	return rc;
}

int
tv_render_empty(const struct county *c, const struct village *v,
    struct buf *out, struct buf *err)
{
	struct arena *a = arena_new();
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    TV_WIDTH, TV_HEIGHT);
	cairo_t *cr = cairo_create(surface);
	PangoContext *ctx = vis_context();
	int rc = -1;

	pango_cairo_update_context(cr, ctx);
	if (frame(cr, ctx, c, v, 0x1f4e8c, NULL, vis_village_url(a, c, v), NULL,
	    err) != 0)
		goto out;
	text_at(cr, ctx, "本周无新公开事项", 72, true, MARGIN, BAND_H + 80, false,
	    0x111111);
	PangoLayout *l = vis_layout(ctx, "往期公开内容请扫描右侧二维码查看，"
	    "也可到村委会公开栏查阅。", BODY_PX, false, TEXT_W, 1.4);
	paint_layout(cr, l, MARGIN, BAND_H + 220, 0x333333);
	g_object_unref(l);
	rc = encode(surface, cr, 0x1f4e8c, out, err);
out:
	g_object_unref(ctx);
	cairo_destroy(cr);
	cairo_surface_destroy(surface);
	arena_free(a);
	return rc;
}
