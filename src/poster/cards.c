/* cards.c: a village's convenience card (便民服务卡), 90 x 54 mm, both
 * sides. The front: the village, the services the villagers can ask for
 * (those a proxy handles marked ★), the village's public phones
 * (village.yaml contacts:, which are never masked) and the supervision
 * hotline; the back: the QR to the village's page, the office hours and
 * where the noticeboard is. Two PDFs: ten cards imposed on A4 with crop
 * marks outside them, the backs' page mirrored for a long-edge duplex
 * print; and one card with 2 mm bleed for a print shop. Drawn with pango
 * and cairo directly: a card is too small for the boards' band and
 * footer. See docs/formats.md. */
#include <pthread.h>
#include <qrencode.h>
#include <stdio.h>
#include <string.h>


#include "poster/doc.h"
#include "poster/formats.h"
#include "render/fonts.h"
#include "render/png.h"
#include "util/i18n.h"
#include "render/paint.h"

#define CARD_W MM(90)
#define CARD_H MM(54)
#define CARD_SAFE MM(4)
#define CARD_BLEED MM(2)
#define SHEET_W MM(210)          /* A4 */
#define SHEET_H MM(297)
#define COLS 2
#define ROWS 5
#define MARK_LEN MM(5)
#define MARK_GAP MM(3)           /* marks start this far outside the cuts */
#define QR_MODULE MM(0.75)
#define PREVIEW_DPI 150.0

#define RED 0xb71c1c
#define INK 0x1a1a1a
#define GREY 0x555555

struct card {
	PangoContext *ctx;
	QRcode *qr;
	PangoLayout *title, *place, *services, *contacts, *hotline;
	PangoLayout *scan, *hours;
};

static pthread_mutex_t qr_lock = PTHREAD_MUTEX_INITIALIZER;

static PangoLayout *
text(struct card *k, const char *s, double pt, bool bold, double width,
    int max_lines)
{
	PangoLayout *l = pango_layout_new(k->ctx);
	PangoFontDescription *f = pango_font_description_new();

	pango_font_description_set_family_static(f, NB_FONT_FAMILY);
	pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(f, pt * PANGO_SCALE);
	pango_layout_set_font_description(l, f);
	pango_font_description_free(f);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	if (max_lines > 0) {
		pango_layout_set_height(l, -max_lines);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	pango_layout_set_text(l, s, -1);
	return l;
}

static double
height_of(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void
card_free(struct card *k)
{
	PangoLayout *all[] = {k->title, k->place, k->services, k->contacts,
		k->hotline, k->scan, k->hours};

	for (size_t i = 0; i < NB_COUNT(all); i++)
		if (all[i] != NULL)
			g_object_unref(all[i]);
	if (k->qr != NULL)
		QRcode_free(k->qr);
	if (k->ctx != NULL)
		g_object_unref(k->ctx);
}

static int
card_make(struct card *k, const struct county *c, const struct village *v,
    struct buf *err)
{
	const struct catalog *cat = &c->catalog;
	double inner = CARD_W - 2 * CARD_SAFE;
	struct buf b = {0};
	bool any_proxy = false;
	struct buf url = {0};

	memset(k, 0, sizeof *k);
	k->ctx = pango_font_map_create_context(
	    pango_cairo_font_map_get_default());
	fonts_setup_context(k->ctx);
	buf_printf(&b, "%s　便民服务卡", v->name);
	k->title = text(k, b.data, 11, true, inner, 1);
	buf_reset(&b);
	buf_printf(&b, "%s%s", c->site.name, v->town->name);
	k->place = text(k, b.data, 6.5, false, inner, 1);
	buf_reset(&b);
	buf_puts(&b, "可办事项：");
	for (size_t i = 0; i < cat->n_services; i++) {
		buf_printf(&b, "%s%s%s", i ? "、" : "", cat->services[i].name,
		    cat->services[i].proxy ? "★" : "");
		any_proxy |= cat->services[i].proxy;
	}
	if (cat->n_services == 0)
		buf_puts(&b, "请到村委会咨询");
	if (any_proxy)
		buf_puts(&b, "（★可代办）");
	k->services = text(k, b.data, 7, false, inner, 3);
	buf_reset(&b);
	for (size_t i = 0; i < v->n_contacts && i < 3; i++) {
		const struct contact *ct = &v->contacts[i];
		buf_printf(&b, "%s%s%s%s%s", i ? "\n" : "", ct->role ? ct->role :
		    "电话", ct->name ? "　" : "", ct->name ? ct->name : "",
		    "　");
		buf_puts(&b, ct->phone);
	}
	/* a village with no public phone of its own: the town government's,
	 * as its board gives it, so that the card has a number to call for
	 * help and not only the one to report to */
	if (v->n_contacts == 0 && v->town->phone != NULL)
		buf_printf(&b, "%s人民政府　%s", v->town->name, v->town->phone);
	k->contacts = text(k, b.data ? b.data : "", 7, false, inner, 3);
	buf_reset(&b);
	buf_printf(&b, "监督举报电话：%s", c->site.hotline ? c->site.hotline :
	    "—");
	k->hotline = text(k, b.data, 8, true, inner, 1);
	buf_reset(&b);

	buf_printf(&url, "%s%s/%s/", c->site.base_url, v->town->id, v->id);
	pthread_mutex_lock(&qr_lock);
	k->qr = QRcode_encodeString(url.data, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	pthread_mutex_unlock(&qr_lock);
	if (k->qr == NULL) {
		buf_printf(err, _("cannot encode the QR code for %s"), url.data);
		buf_free(&url);
		buf_free(&b);
		return -1;
	}
	buf_free(&url);
	double qr_side = (k->qr->width + 8) * QR_MODULE;
	double right = CARD_W - CARD_SAFE - qr_side - MM(2);
	k->scan = text(k, "扫码查看本村\n村务公开", 9, true, right - CARD_SAFE,
	    2);
	buf_printf(&b, "办公时间：%s\n公开栏：%s", v->office_hours ?
	    v->office_hours : "请到村委会咨询", v->board ? v->board :
	    "村委会公开栏");
	k->hours = text(k, b.data, 7, false, right - CARD_SAFE, 6);
	buf_free(&b);
	return 0;
}

/* A card's front with its top-left at the origin; bleed: how far its red
 * bar reaches out of the trim (the single card's bleed). */
static void
draw_front(cairo_t *cr, const struct card *k, double bleed)
{
	double y = CARD_SAFE;

	paint_rgb(cr, RED);
	cairo_rectangle(cr, -bleed, -bleed, CARD_W + 2 * bleed, MM(2) + bleed);
	cairo_fill(cr);
	y = MM(3.5);
	paint_layout(cr, k->title, CARD_SAFE, y, RED);
	y += height_of(k->title);
	paint_layout(cr, k->place, CARD_SAFE, y, GREY);
	y += height_of(k->place) + MM(1);
	paint_rgb(cr, RED);
	cairo_rectangle(cr, CARD_SAFE, y, CARD_W - 2 * CARD_SAFE, 0.6);
	cairo_fill(cr);
	y += MM(1.2);
	paint_layout(cr, k->services, CARD_SAFE, y, INK);
	y += height_of(k->services) + MM(0.8);
	paint_layout(cr, k->contacts, CARD_SAFE, y, INK);
	paint_layout(cr, k->hotline, CARD_SAFE, CARD_H - CARD_SAFE + MM(1) -
	    height_of(k->hotline), RED);
}

static void
draw_back(cairo_t *cr, const struct card *k, double bleed)
{
	const QRcode *qr = k->qr;
	double side = (qr->width + 8) * QR_MODULE;
	double qx = CARD_W - CARD_SAFE - side + 4 * QR_MODULE - MM(2);
	double qy = (CARD_H - side) / 2;

	paint_rgb(cr, RED);
	cairo_rectangle(cr, -bleed, -bleed, CARD_W + 2 * bleed, MM(2) + bleed);
	cairo_fill(cr);
	paint_rgb(cr, 0xffffff);
	cairo_rectangle(cr, qx, qy, side, side);
	cairo_fill(cr);
	for (int y = 0; y < qr->width; y++)
		for (int x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				cairo_rectangle(cr, qx + (4 + x) * QR_MODULE,
				    qy + (4 + y) * QR_MODULE, QR_MODULE, QR_MODULE);
	paint_rgb(cr, 0x000000);
	cairo_fill(cr);
	paint_layout(cr, k->scan, CARD_SAFE, MM(8), RED);
	paint_layout(cr, k->hours, CARD_SAFE, MM(8) + height_of(k->scan) + MM(2), INK);
}

/* The ten cards' places on the A4 sheet, front side: centred, touching. */
static void
slot(int i, bool back, double *x, double *y)
{
	double x0 = (SHEET_W - COLS * CARD_W) / 2;
	double y0 = (SHEET_H - ROWS * CARD_H) / 2;
	int col = i % COLS, row = i / COLS;

	/* long-edge flip: the back of the card at column c is under
	 * column COLS-1-c, so it lands behind its front */
	*x = x0 + (back ? COLS - 1 - col : col) * CARD_W;
	*y = y0 + row * CARD_H;
}

/* Crop marks outside the block of cards, at every cut, 0.25 pt. */
static void
draw_marks(cairo_t *cr)
{
	double x0 = (SHEET_W - COLS * CARD_W) / 2;
	double y0 = (SHEET_H - ROWS * CARD_H) / 2;
	double x1 = x0 + COLS * CARD_W, y1 = y0 + ROWS * CARD_H;

	cairo_save(cr);
	cairo_set_line_width(cr, 0.25);
	/* registration colour where the PDF has only RGB: black */
	paint_rgb(cr, 0x000000);
	for (int c = 0; c <= COLS; c++) {
		double x = x0 + c * CARD_W;
		cairo_move_to(cr, x, y0 - MARK_GAP);
		cairo_line_to(cr, x, y0 - MARK_GAP - MARK_LEN);
		cairo_move_to(cr, x, y1 + MARK_GAP);
		cairo_line_to(cr, x, y1 + MARK_GAP + MARK_LEN);
	}
	for (int r = 0; r <= ROWS; r++) {
		double y = y0 + r * CARD_H;
		cairo_move_to(cr, x0 - MARK_GAP, y);
		cairo_line_to(cr, x0 - MARK_GAP - MARK_LEN, y);
		cairo_move_to(cr, x1 + MARK_GAP, y);
		cairo_line_to(cr, x1 + MARK_GAP + MARK_LEN, y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* Ten cards on A4, fronts then mirrored backs. */
static int
render_sheet(const struct county *c, const struct village *v,
    const struct card *k, struct buf *out, struct buf *err)
{
	struct buf title = {0};
	buf_printf(&title, "%s便民服务卡（A4 十张）", v->name);
	cairo_surface_t *s = pdf_begin(c, title.data, out, SHEET_W, SHEET_H);
	cairo_t *cr = cairo_create(s);
	buf_free(&title);

	for (int side = 0; side < 2; side++) {
		draw_marks(cr);
		for (int i = 0; i < COLS * ROWS; i++) {
			double x, y;
			slot(i, side == 1, &x, &y);
			cairo_save(cr);
			cairo_translate(cr, x, y);
			cairo_rectangle(cr, 0, 0, CARD_W, CARD_H);
			cairo_clip(cr);
			(side == 0 ? draw_front : draw_back)(cr, k, 0);
			cairo_restore(cr);
		}
		cairo_show_page(cr);
	}
	return pdf_end(s, cr, out, 0, 0, err);
}

/* One card, front and back, with its bleed. */
static int
render_single(const struct county *c, const struct village *v,
    const struct card *k, struct buf *out, struct buf *err)
{
	struct buf title = {0};
	buf_printf(&title, "%s便民服务卡", v->name);
	cairo_surface_t *s = pdf_begin(c, title.data, out, CARD_W +
	    2 * CARD_BLEED, CARD_H + 2 * CARD_BLEED);
	cairo_t *cr = cairo_create(s);
	buf_free(&title);

	for (int side = 0; side < 2; side++) {
		cairo_save(cr);
		cairo_translate(cr, CARD_BLEED, CARD_BLEED);
		(side == 0 ? draw_front : draw_back)(cr, k, CARD_BLEED);
		cairo_restore(cr);
		cairo_show_page(cr);
	}
	return pdf_end(s, cr, out, CARD_BLEED, CARD_BLEED, err);
}

/* The front and the back side by side, for looking. */
static int
render_preview(const struct card *k, struct buf *out, struct buf *err)
{
	double px = PREVIEW_DPI / 72.0, gap = 12;
	int w = (int)(2 * CARD_W * px + 3 * gap), h = (int)(CARD_H * px +
	    2 * gap);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	int rc = -1;

	paint_rgb(cr, 0x808080);
	cairo_paint(cr);
	for (int side = 0; side < 2; side++) {
		cairo_save(cr);
		cairo_translate(cr, gap + side * (CARD_W * px + gap), gap);
		cairo_scale(cr, px, px);
		cairo_rectangle(cr, 0, 0, CARD_W, CARD_H);
		cairo_clip(cr);
		paint_rgb(cr, 0xffffff);
		cairo_paint(cr);
		(side == 0 ? draw_front : draw_back)(cr, k, 0);
		cairo_restore(cr);
	}
	cairo_destroy(cr);
	cairo_surface_flush(s);
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
	    nbpng_encode_rgb24(cairo_image_surface_get_data(s),
	    cairo_image_surface_get_width(s), cairo_image_surface_get_height(s),
	    cairo_image_surface_get_stride(s), out) == 0)
		rc = 0;
	else
		buf_printf(err, _("cannot make the PNG preview: %s"),
		    cairo_status_to_string(cairo_surface_status(s)));
	cairo_surface_destroy(s);
	return rc;
}

struct card_files {
	const char *sheet, *single, *preview;
};

static int
render_job(const struct job *job, struct job_result *r)
{
	const struct format_state *st = job->state;
	const struct village *v = job->subject;
	const struct card_files *f = job->extra;
	struct card k;
	int rc = -1;

	if (card_make(&k, st->county, v, &r->err) == 0 &&
	    render_sheet(st->county, v, &k, job_emit(r, f->sheet), &r->err) == 0 &&
	    render_single(st->county, v, &k, job_emit(r, f->single),
	    &r->err) == 0 &&
	    render_preview(&k, job_emit(r, f->preview), &r->err) == 0)
		rc = 0;
	card_free(&k);
	return rc;
}

static void *
cards_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)o;
	return format_state_new(county, err);
}

static int
cards_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	struct format_state *st = state;

	(void)err;
	if (!county->site.formats[FORMAT_CARDS].built)
		return 0;
	for (size_t t = 0; t < county->n_towns; t++) {
		const struct town *town = &county->towns[t];
		for (size_t i = 0; i < town->n_villages; i++) {
			const struct village *v = &town->villages[i];
			const char *dir = arena_printf(jobs->arena,
			    "print/cards/%s/%s", town->id, v->id);
			struct job *job = job_add(jobs, OUT_CARDS, dir);
			struct card_files *f = arena_alloc(jobs->arena,
			    sizeof *f);
			struct hasher h;
			f->sheet = arena_printf(jobs->arena, "%s/cards-a4.pdf", dir);
			f->single = arena_printf(jobs->arena, "%s/card.pdf", dir);
			f->preview = arena_printf(jobs->arena, "%s/card.png", dir);
			job->render = render_job;
			job->state = st;
			job->subject = v;
			job->extra = f;
			job->label = dir;
			/* a card shows village.yaml, the town, the catalog's
			 * services and the site's hotline and address */
			job_key_init(&h, "cards");
			hasher_digest(&h, &st->fonts);
			hasher_digest(&h, &county->site.hash);
			hasher_digest(&h, &county->catalog.hash);
			hasher_digest(&h, &town->hash);
			hasher_digest(&h, &v->hash);
			hasher_u64(&h, (uint64_t)(int64_t)county_week_first(county));
			job->key = hasher_final(&h);
		}
	}
	return 0;
}

const struct backend cards_backend = {
	OUT_CARDS, "cards", cards_create, cards_plan, format_state_free,
};
