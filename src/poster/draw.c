/* draw.c: paints the placed boxes with cairo: the PDF for the printer (all
 * sheets, trim plus bleed, crop marks, vector QR and flowcharts, metadata
 * from the build clock) and the PNG preview of all sheets. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "poster/doc.h"
#include "util/i18n.h"
#include "poster/poster.h"
#include "poster/flowlink.h"
#include "render/fontfix.h"
#include "render/pdfbox.h"
#include "render/png.h"
#include "render/paint.h"

#define RED 0xb71c1c
#define BLUE 0x1f3a68
#define INK 0x1a1a1a
#define GREY 0x4a4a4a
#define RULE 0x9aa5b1
#define PREVIEW_GAP 12          /* px between sheets in the preview */
#define PREVIEW_PER_ROW 10
#define PREVIEW_MAX 200         /* sheets shown in one preview */

static unsigned
text_color(enum text_role role)
{
	switch (role) {
	case TR_RECORD:
		return BLUE;
	case TR_META:
		return GREY;
	default:
		return INK;
	}
}

static void
draw_text_block(cairo_t *cr, const struct block *b, const struct placed *p)
{
	switch (b->style) {
	case TS_BAR:
		paint_rgb(cr, BLUE);
		cairo_rectangle(cr, p->x, p->y, p->w, p->h);
		cairo_fill(cr);
		paint_rgb(cr, RED);
		cairo_rectangle(cr, p->x, p->y, MM(2), p->h);
		cairo_fill(cr);
		paint_layout(cr, b->layout, p->x + b->pad_x, p->y + b->pad_y, 0xffffff);
		return;
	case TS_BOX:
		paint_rgb(cr, 0xfff8e1);
		cairo_rectangle(cr, p->x, p->y, p->w, p->h);
		cairo_fill_preserve(cr);
		paint_rgb(cr, 0xf9a825);
		cairo_set_line_width(cr, 2);
		cairo_stroke(cr);
		paint_layout(cr, b->layout, p->x + b->pad_x, p->y + b->pad_y, BLUE);
		return;
	case TS_RULED:
		paint_layout(cr, b->layout, p->x, p->y, text_color(b->role));
		paint_rgb(cr, RED);
		cairo_rectangle(cr, p->x, p->y + p->h - MM(1.2), p->w, 1.4);
		cairo_fill(cr);
		return;
	default:
		paint_layout(cr, b->layout, p->x, p->y, text_color(b->role));
		return;
	}
}

static void
draw_row(cairo_t *cr, const struct block *b, const struct placed *p)
{
	unsigned flags = b->row_flags;
	double x = p->x;

	if (flags & ROW_HEADER)
		paint_rgb(cr, BLUE);
	else if (flags & ROW_SPAN)
		paint_rgb(cr, 0xdde6f3);
	else if (flags & ROW_TOTAL)
		paint_rgb(cr, 0xf1f4f9);
	else
		paint_rgb(cr, 0xffffff);
	if (!(flags & (ROW_HEADER | ROW_SPAN | ROW_TOTAL)))
		goto cells;
	cairo_rectangle(cr, p->x, p->y, p->w, p->h);
	cairo_fill(cr);
cells:
	for (int i = 0; i < b->n_cells; i++) {
		double cw = (flags & ROW_SPAN) ? p->w : p->w * b->table->frac[i];
		paint_layout(cr, b->cell_layouts[i], x + b->pad_x, p->y + b->pad_y,
		    (flags & ROW_HEADER) ? 0xffffff : (flags & ROW_SPAN) ? BLUE : INK);
		if (i > 0) {
			paint_rgb(cr, (flags & ROW_HEADER) ? 0x6d7f9f : RULE);
			cairo_rectangle(cr, x - 0.3, p->y, 0.6, p->h);
			cairo_fill(cr);
		}
		x += cw;
	}
	/* ruled rows inside a frame */
	paint_rgb(cr, RULE);
	cairo_rectangle(cr, p->x, p->y + p->h - 0.4, p->w, 0.8);
	cairo_fill(cr);
	paint_rgb(cr, BLUE);
	cairo_rectangle(cr, p->x, p->y, 1.2, p->h);
	cairo_rectangle(cr, p->x + p->w - 1.2, p->y, 1.2, p->h);
	if (flags & ROW_HEADER)
		cairo_rectangle(cr, p->x, p->y, p->w, 1.2);
	cairo_fill(cr);
}

static void
draw_bar(cairo_t *cr, const struct block *b, const struct placed *p)
{
	if (b->kind == BK_PROGRESS) {
		int pct = b->counts[0] < 0 ? 0 : b->counts[0] > 100 ? 100 :
		    b->counts[0];
		paint_rgb(cr, 0xe6e6e6);
		cairo_rectangle(cr, p->x, p->y, p->w, p->h);
		cairo_fill(cr);
		paint_rgb(cr, 0x2e7d32);
		cairo_rectangle(cr, p->x, p->y, p->w * pct / 100.0, p->h);
		cairo_fill(cr);
	} else {
		int sum = 0;
		double x = p->x;
		for (int k = 0; k < 4; k++)
			sum += b->counts[k] > 0 ? b->counts[k] : 0;
		paint_rgb(cr, 0xe6e6e6);
		cairo_rectangle(cr, p->x, p->y, p->w, p->h);
		cairo_fill(cr);
		for (int k = 0; k < 4 && sum > 0; k++) {
			double w = b->counts[k] > 0 ? p->w * b->counts[k] / sum : 0;
			paint_rgb(cr, survey_colors[k]);
			cairo_rectangle(cr, x, p->y, w, p->h);
			cairo_fill(cr);
			x += w;
		}
	}
	paint_rgb(cr, GREY);
	cairo_set_line_width(cr, 0.8);
	cairo_rectangle(cr, p->x + 0.4, p->y + 0.4, p->w - 0.8, p->h - 0.8);
	cairo_stroke(cr);
}

/* A trend: light grid lines with their percentages, the line through the
 * points, each point a dark dot ringed in white, its value above it on
 * white (so the line never runs through a number); the table beside. */
static void
draw_trend(cairo_t *cr, const struct block *b, const struct placed *p)
{
	const struct trend *tr = b->trend;
	double x0 = p->x + tr->plot_x, y0 = p->y + tr->plot_y;
	double y = p->y;

	cairo_save(cr);
	for (int v = tr->lo; v <= tr->hi; v += tr->step) {
		double gy = y0 + tr->plot_h * (tr->hi - v) / (tr->hi - tr->lo);
		paint_rgb(cr, v == tr->lo ? GREY : 0xb8c0cc);
		cairo_rectangle(cr, x0, gy - (v == tr->lo ? 0.7 : 0.4), tr->plot_w,
		    v == tr->lo ? 1.4 : 0.8);
		cairo_fill(cr);
	}
	paint_rgb(cr, BLUE);
	cairo_set_line_width(cr, 3);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (size_t i = 0; i < tr->n_points; i++) {
		if (i == 0)
			cairo_move_to(cr, p->x + tr->px[i], p->y + tr->py[i]);
		else
			cairo_line_to(cr, p->x + tr->px[i], p->y + tr->py[i]);
	}
	cairo_stroke(cr);
	for (size_t i = 0; i < tr->n_points; i++) {
		cairo_new_path(cr);
		cairo_arc(cr, p->x + tr->px[i], p->y + tr->py[i], TREND_MARK_R, 0,
		    2 * M_PI);
		paint_rgb(cr, BLUE);
		cairo_fill_preserve(cr);
		paint_rgb(cr, 0xffffff);
		cairo_set_line_width(cr, 1.5);
		cairo_stroke(cr);
	}
	for (size_t i = 0; i < tr->n_labels; i++) {
		const struct inner_text *it = &tr->labels[i];
		if (it->layout == NULL)
			continue;
		if (it->role == TR_CHART_VALUE) {
			paint_rgb(cr, 0xffffff);
			cairo_rectangle(cr, p->x + it->x - 1, p->y + it->y,
			    it->w + 2, it->h);
			cairo_fill(cr);
		}
		paint_layout(cr, it->layout, p->x + it->x, p->y + it->y,
		    it->role == TR_CHART_VALUE ? BLUE : GREY);
	}
	cairo_restore(cr);
	for (const struct block *r = tr->rows; r != NULL; r = r->next) {
		struct placed row = trend_row_placed(p, r, y);
		draw_row(cr, r, &row);
		y += r->h;
	}
}

/* The outlines of the dark modules' areas, as one path: each corner once,
 * where a rectangle a row's run of modules gave each run 4 (and cairo
 * writes every point of a PDF's paths by printf: the code's rectangles
 * were most of a board's numbers, 2,300 of 3,600). The edges between a
 * dark module and a light one (or the margin) go clockwise around the
 * dark, so the dark has winding 1 and a light hole in it 0; an edge is
 * followed by the next from the corner it ends at, until none is left
 * there (back where it began). */
enum {QR_RIGHT = 1, QR_DOWN = 2, QR_LEFT = 4, QR_UP = 8};

static void
qr_outline(cairo_t *cr, const QRcode *qr, double x0, double y0, double m)
{
	int w = qr->width, n = w + 1;
	unsigned char *out = xcalloc((size_t)n * (size_t)n, 1);
	static const int dx[4] = {1, 0, -1, 0}, dy[4] = {0, 1, 0, -1};
#define DARK(x, y) ((x) >= 0 && (y) >= 0 && (x) < w && (y) < w && \
	    (qr->data[(y) * w + (x)] & 1))

	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++) {
			if (!DARK(x, y))
				continue;
			if (!DARK(x, y - 1))
				out[y * n + x] |= QR_RIGHT;
			if (!DARK(x + 1, y))
				out[y * n + x + 1] |= QR_DOWN;
			if (!DARK(x, y + 1))
				out[(y + 1) * n + x + 1] |= QR_LEFT;
			if (!DARK(x - 1, y))
				out[(y + 1) * n + x] |= QR_UP;
		}
#undef DARK
	for (int sy = 0; sy < n; sy++)
		for (int sx = 0; sx < n; sx++) {
			int x = sx, y = sy, dir = -1;
			if (out[y * n + x] == 0)
				continue;
			cairo_move_to(cr, x0 + x * m, y0 + y * m);
			for (;;) {
				unsigned char here = out[y * n + x];
				if (here == 0)
					break;
				/* at a corner that two areas touch diagonally, the
				 * turn to the right: either serves, one is needed */
				int next = -1;
				for (int k = 0; k < 4 && next < 0; k++) {
					int d = dir < 0 ? k : (dir + 1 + 4 - k) % 4;
					if (here & (1 << d))
						next = d;
				}
				out[y * n + x] &= (unsigned char)~(1 << next);
				if (next != dir && dir >= 0)
					cairo_line_to(cr, x0 + x * m, y0 + y * m);
				dir = next;
				x += dx[dir];
				y += dy[dir];
			}
			cairo_close_path(cr);
		}
	free(out);
}

/* One path of all dark modules, filled at once: no seams between them. */
static void
draw_qr(cairo_t *cr, const struct doc *d, const struct placed *p)
{
	const QRcode *qr = d->qr;
	double m = d->qr_module;

	paint_rgb(cr, 0xffffff);
	cairo_rectangle(cr, p->x, p->y, p->w, p->h);
	cairo_fill(cr);
	if (cairo_surface_get_type(cairo_get_target(cr)) ==
	    CAIRO_SURFACE_TYPE_IMAGE) {
		/* the preview: whole pixels a module, on the pixel grid, so
		 * that the code scans there too (no module blurred over two
		 * pixels); centred where the printed code is */
		double mx = m, my = 0;
		double cx = p->x + p->w / 2, cy = p->y + p->h / 2;
		cairo_user_to_device(cr, &cx, &cy);
		cairo_user_to_device_distance(cr, &mx, &my);
		double px = floor(hypot(mx, my) + 0.01);
		if (px >= 1) {
			cairo_save(cr);
			cairo_identity_matrix(cr);
			double x0 = round(cx - px * qr->width / 2);
			double y0 = round(cy - px * qr->width / 2);
			/* a row's dark modules side by side as one
			 * rectangle: whole pixels either way, the same
			 * pixels from half the rectangles */
			for (int y = 0; y < qr->width; y++)
				for (int x = 0; x < qr->width; x++) {
					int end = x;
					while (end < qr->width &&
					    (qr->data[y * qr->width + end] & 1))
						end++;
					if (end > x)
						cairo_rectangle(cr, x0 + x * px,
						    y0 + y * px, (end - x) * px, px);
					x = end;
				}
			paint_rgb(cr, 0x000000);
			cairo_fill(cr);
			cairo_restore(cr);
			return;
		}
	}
	qr_outline(cr, qr, p->x + 4 * m, p->y + 4 * m, m);
	paint_rgb(cr, 0x000000);
	cairo_fill(cr);
}

/* A sheet's trim: the poster's, or turned landscape for a wide chart. */
static void
sheet_trim(const struct doc *d, const struct sheet *s, double *w, double *h)
{
	/* as printed: the layout's trim at the format's scale, and what it
	 * leaves empty below */
	*w = (s->rotated ? d->turned.trim_w : d->trim_w) * d->scale;
	*h = (s->rotated ? d->turned.trim_h : d->trim_h) * d->scale +
	    d->reserve_bottom;
}

/* Crop marks on the lines of the trim's edges, in the slug outside the
 * bleed (d->marks_at to the page's edge), 0.25 pt, in the registration
 * colour as far as cairo's RGB goes: black at full, on every ink the
 * printer's RIP makes of it (docs/posters.md). */
static void
draw_marks(cairo_t *cr, const struct doc *d, double trim_w, double trim_h)
{
	double m = d->margin, off = d->marks_at;
	double xs[2] = {m, m + trim_w}, ys[2] = {m, m + trim_h};
	double pw = trim_w + 2 * m, ph = trim_h + 2 * m;

	if (off <= 0 || off >= m)
		return;
	cairo_save(cr);
	paint_rgb(cr, 0x000000);
	cairo_set_line_width(cr, 0.25);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	for (int i = 0; i < 2; i++) {
		/* along the trim's top or bottom edge, left and right of it */
		cairo_move_to(cr, 0, ys[i]);
		cairo_line_to(cr, m - off, ys[i]);
		cairo_move_to(cr, pw - (m - off), ys[i]);
		cairo_line_to(cr, pw, ys[i]);
		/* along its left or right edge, above and below it */
		cairo_move_to(cr, xs[i], 0);
		cairo_line_to(cr, xs[i], m - off);
		cairo_move_to(cr, xs[i], ph - (m - off));
		cairo_line_to(cr, xs[i], ph);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* Whether one of the first n sheets shows a photo. */
static bool
has_photo(const struct doc *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < d->sheets[i].n; k++) {
			const struct placed *p = &d->sheets[i].items[k];
			if (p->kind == PL_BLOCK && p->block->kind == BK_PHOTO)
				return true;
		}
	return false;
}

static void
draw_sheet(cairo_t *cr, const struct doc *d, size_t index)
{
	const struct sheet *s = &d->sheets[index];
	double trim_w, trim_h;

	sheet_trim(d, s, &trim_w, &trim_h);
	draw_marks(cr, d, trim_w, trim_h);
	cairo_save(cr);
	cairo_translate(cr, d->margin, d->margin);
	cairo_scale(cr, d->scale, d->scale);
	for (size_t i = 0; i < s->n; i++) {
		const struct placed *p = &s->items[i];
		switch (p->kind) {
		case PL_BAND:
			paint_rgb(cr, RED);
			cairo_rectangle(cr, p->x, p->y, p->w, p->h);
			cairo_fill(cr);
			break;
		case PL_RULE:
			paint_rgb(cr, RED);
			cairo_rectangle(cr, p->x, p->y, p->w, p->h);
			cairo_fill(cr);
			break;
		case PL_QR:
			draw_qr(cr, d, p);
			break;
		case PL_BANDTEXT:
			paint_layout(cr, p->block->layout, p->x, p->y, 0xffffff);
			break;
		case PL_TEXT:
			paint_layout(cr, p->block->layout, p->x, p->y,
			    p->block->role == TR_HOTLINE ? RED : INK);
			break;
		case PL_BLOCK:
			switch (p->block->kind) {
			case BK_TEXT:
				draw_text_block(cr, p->block, p);
				break;
			case BK_ROW:
				draw_row(cr, p->block, p);
				break;
			case BK_STACKBAR:
			case BK_PROGRESS:
				draw_bar(cr, p->block, p);
				break;
			case BK_TREND:
				draw_trend(cr, p->block, p);
				break;
			case BK_PHOTO:
				draw_photo(cr, p->block, p);
				break;
			case BK_FLOW:
				cairo_save(cr);
				cairo_translate(cr, p->x, p->y);
				cairo_scale(cr, p->scale, p->scale);
				flow_draw(p->block->flow_layout, cr);
				cairo_restore(cr);
				break;
			}
			break;
		}
	}
	cairo_restore(cr);
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
pdf_begin(const struct county *c, const char *title, struct buf *out,
    double w, double h)
{
	char date[11], stamp[32];
	cairo_surface_t *s;

	buf_reset(out);
	s = cairo_pdf_surface_create_for_stream(write_buf, out, w, h);
	/* the build clock's week, not the wall clock: the same content gives
	 * the same bytes, all week long */
	date_format(county_week_first(c), date);
	snprintf(stamp, sizeof stamp, "%sT00:00:00Z", date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
	    c->site.name);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "noticeboard " NB_VERSION);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, stamp);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, stamp);
	return s;
}

int
pdf_end(cairo_surface_t *s, cairo_t *cr, struct buf *out, double margin,
    double bleed, struct buf *err)
{
	cairo_status_t st = cairo_status(cr);

	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		buf_printf(err, _("cairo could not write the PDF: %s"),
		    cairo_status_to_string(st));
		return -1;
	}
	/* cairo 1.16 drops subroutines some CJK glyphs need: put them back;
	 * then the trim and the bleed, for the print shop's preflight */
	if (fontfix_pdf(out, err) < 0 ||
	    pdf_set_boxes(out, margin, bleed, err) != 0)
		return -1;
	return 0;
}

int
draw_pdf(const struct doc *d, struct buf *out, struct buf *err)
{
	cairo_surface_t *s = pdf_begin(d->county, d->meta_title ? d->meta_title :
	    d->title, out, d->trim_w + 2 * d->margin, d->trim_h + 2 * d->margin);
	cairo_t *cr = cairo_create(s);

	for (size_t i = 0; i < d->n_sheets; i++) {
		/* a PDF may mix sizes: a sheet turned for a wide chart says so */
		double tw, th;
		sheet_trim(d, &d->sheets[i], &tw, &th);
		cairo_pdf_surface_set_size(s, tw + 2 * d->margin,
		    th + 2 * d->margin);
		draw_sheet(cr, d, i);
		cairo_show_page(cr);
		if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
			break;
	}
	return pdf_end(s, cr, out, d->margin, d->bleed, err);
}

/* A sheet's size in a preview and its place from its row's left edge, in
 * pixels. */
struct preview_place {
	int x, w, h;
};

/* A preview row's pixels, kept by the thread from one preview to the
 * next: they are about the same size (a board's sheet is 624 x 866
 * pixels, 2.2 MB), and a buffer made anew for each was zeroed by the
 * system page by page, then painted over at once (its faults and zeroing
 * took a tenth of the previews' time). A larger row (more sheets than
 * KEPT_PIXELS_MAX holds) has a buffer of its own. */
#define KEPT_PIXELS_MAX ((size_t)16 << 20)

struct pixels {
	unsigned char *data;
	size_t size;
};

static void
pixels_free(void *p)
{
	struct pixels *px = p;

	if (px != NULL)
		free(px->data);
	free(px);
}

static GPrivate pixels_kept = G_PRIVATE_INIT(pixels_free);

/* size bytes of the thread's kept buffer, or (*own set) of one to free
 * after; NULL when there is no memory for it. */
static unsigned char *
preview_pixels(size_t size, bool *own)
{
	struct pixels *px = g_private_get(&pixels_kept);

	*own = size > KEPT_PIXELS_MAX;
	if (*own)
		return malloc(size);
	if (px == NULL) {
		px = xcalloc(1, sizeof *px);
		g_private_set(&pixels_kept, px);
	}
	if (px->size < size) {
		free(px->data);
		px->size = 0;
		if ((px->data = malloc(size)) == NULL)
			return NULL;
		px->size = size;
	}
	return px->data;
}

/* One row of sheets of a preview drawn into pixels (stride bytes a row,
 * as high as the row's highest sheet): white paper, grey beside and under
 * the sheets, each sheet at its place. */
static cairo_status_t
draw_preview_row(const struct doc *d, unsigned char *pixels, int width,
    int height, int stride, const struct preview_place *at, size_t first,
    size_t end, bool lone)
{
	cairo_surface_t *surface = cairo_image_surface_create_for_data(pixels,
	    CAIRO_FORMAT_RGB24, width, height, stride);
	cairo_t *cr = cairo_create(surface);
	cairo_status_t st;

	/* the sheets' paper: the pixels made white at once by memset (each
	 * byte 0xff: white, and the unused top byte), which packs its stores
	 * tighter than cairo's painting; then grey between the sheets, whose
	 * places are whole pixels. A lone sheet covers all of its image. */
	memset(pixels, 0xff, (size_t)stride * (size_t)height);
	if (!lone) {
		cairo_rectangle(cr, 0, 0, width, height);
		for (size_t i = first; i < end; i++)
			cairo_rectangle(cr, at[i].x, 0, at[i].w, at[i].h);
		cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
		paint_rgb(cr, 0x808080);
		cairo_fill(cr);
		cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	}
	for (size_t i = first; i < end; i++) {
		double tw, th;
		sheet_trim(d, &d->sheets[i], &tw, &th);
		cairo_save(cr);
		cairo_translate(cr, at[i].x, 0);
		cairo_rectangle(cr, 0, 0, at[i].w, at[i].h);
		cairo_clip(cr);
		cairo_scale(cr, at[i].w / (tw + 2 * d->margin),
		    at[i].h / (th + 2 * d->margin));
		draw_sheet(cr, d, i);
		cairo_restore(cr);
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	if (st == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(surface);
		st = cairo_surface_status(surface);
	}
	cairo_surface_destroy(surface);
	return st;
}

int
draw_png(const struct doc *d, double dpi, struct buf *out, struct buf *err)
{
	size_t shown = d->n_sheets < PREVIEW_MAX ? d->n_sheets : PREVIEW_MAX;
	/* a large format's preview as many pixels as its layout's, or more
	 * when its QR code's modules would take fewer than QR_PREVIEW_PX
	 * pixels: a preview's code scans */
	if (d->qr != NULL && d->qr_module * dpi / 72.0 < QR_PREVIEW_PX)
		dpi = QR_PREVIEW_PX * 72.0 / d->qr_module + 0.5;
	dpi /= d->scale;
	struct preview_place *at = xcalloc(shown + 1, sizeof *at);
	/* each row's height, and the room for the gap's rows too */
	int *row_hpx = xcalloc(shown / PREVIEW_PER_ROW + 1, sizeof *row_hpx);
	int width = 0, height = 0, row_w = 0, row_h = 0, tallest = PREVIEW_GAP;
	cairo_status_t st = CAIRO_STATUS_SUCCESS;
	int rc = -1;

	/* sheets side by side, ten a row; a row is as high as its highest
	 * sheet (a sheet turned for a chart is wider and lower): each one's
	 * size and place in its row */
	for (size_t i = 0; i < shown; i++) {
		double tw, th;
		sheet_trim(d, &d->sheets[i], &tw, &th);
		at[i].w = (int)lround((tw + 2 * d->margin) / 72.0 * dpi);
		at[i].h = (int)lround((th + 2 * d->margin) / 72.0 * dpi);
		row_w += i % PREVIEW_PER_ROW ? PREVIEW_GAP : 0;
		at[i].x = row_w;
		row_w += at[i].w;
		row_h = at[i].h > row_h ? at[i].h : row_h;
		if (i % PREVIEW_PER_ROW == PREVIEW_PER_ROW - 1 || i + 1 == shown) {
			width = row_w > width ? row_w : width;
			height += (height ? PREVIEW_GAP : 0) + row_h;
			tallest = row_h > tallest ? row_h : tallest;
			row_hpx[i / PREVIEW_PER_ROW] = row_h;
			row_w = row_h = 0;
		}
	}
	buf_reset(out);
	/* a row of sheets at a time, then the grey under it, into the
	 * encoder: the pixels held are one row's (a board's ten sheets, 22
	 * MB), where the whole picture of a county's ranking of 180 sheets
	 * took 410 MB */
	struct nbpng_encoder *e = nbpng_begin(width, height);
	int stride = cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, width);
	bool own = false;
	unsigned char *pixels = e == NULL || stride <= 0 ||
	    (size_t)tallest > SIZE_MAX / (size_t)stride ? NULL :
	    preview_pixels((size_t)stride * (size_t)tallest, &own);
	/* an image too wide for the palette stays RGB */
	if (pixels != NULL && !has_photo(d, shown))
		(void)nbpng_flat(e);
	for (size_t first = 0; pixels != NULL && first < shown &&
	    st == CAIRO_STATUS_SUCCESS; first += PREVIEW_PER_ROW) {
		size_t end = first + PREVIEW_PER_ROW < shown ? first +
		    PREVIEW_PER_ROW : shown;
		int h = row_hpx[first / PREVIEW_PER_ROW];
		st = draw_preview_row(d, pixels, width, h, stride, at, first, end,
		    shown == 1);
		if (st == CAIRO_STATUS_SUCCESS &&
		    nbpng_add_rows(e, pixels, stride, h) != 0)
			st = CAIRO_STATUS_NO_MEMORY;
		if (st == CAIRO_STATUS_SUCCESS && end < shown) {
			/* the gap between two rows: grey (the top byte unused) */
			memset(pixels, 0x80, (size_t)stride * PREVIEW_GAP);
			if (nbpng_add_rows(e, pixels, stride, PREVIEW_GAP) != 0)
				st = CAIRO_STATUS_NO_MEMORY;
		}
	}
	if (pixels == NULL)
		st = CAIRO_STATUS_NO_MEMORY;
	/* our own encoder: cairo's (libpng, every filter, zlib level 6) took
	 * half of a poster's time; a preview of type, rules and charts alone
	 * is flat colour, written with a palette (render/png.h) in a third
	 * of the time, one with a photo in full colour */
	if (st == CAIRO_STATUS_SUCCESS && nbpng_finish(e, out) == 0)
		rc = 0;
	else
		buf_printf(err, _("cannot make the PNG preview: %s"),
		    cairo_status_to_string(st));
	nbpng_free(e);
	free(at);
	free(row_hpx);
	if (own)
		free(pixels);
	return rc;
}
