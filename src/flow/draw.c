/* draw.c: the chart drawn by cairo: onto a poster's page (flow_draw), into
 * PNG bytes (band by band, encoded by src/render/png.c) and into a PDF whose fonts
 * are embedded (and repaired) and whose metadata repeat from run to run. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>

#include "flow/layout.h"
#include "render/png.h"
#include "render/fontfix.h"
#include "render/paint.h"

/* Rows of a chart drawn at once for its PNG. */
#define PNG_BAND_ROWS 128

static void
rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
	if (r > h / 2)
		r = h / 2;
	if (r > w / 2)
		r = w / 2;
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
}

static void
shape_path(cairo_t *cr, const struct fl_node *n)
{
	double x = n->x, y = n->y, w = n->w, h = n->h;

	cairo_new_path(cr);
	switch (n->shape) {
	case FL_CAPSULE:
		rounded_rect(cr, x, y, w, h, FL_RADIUS_CAPSULE);
		break;
	case FL_DIAMOND:
		cairo_move_to(cr, x + w / 2, y);
		cairo_line_to(cr, x + w, y + h / 2);
		cairo_line_to(cr, x + w / 2, y + h);
		cairo_line_to(cr, x, y + h / 2);
		cairo_close_path(cr);
		break;
	case FL_DOCUMENT: {
		/* one S-shaped curve whose swings stay inside the box */
		double yb = y + h - FL_WAVE / 2;
		cairo_move_to(cr, x, y);
		cairo_line_to(cr, x + w, y);
		cairo_line_to(cr, x + w, yb);
		cairo_curve_to(cr, x + w / 2, yb - FL_WAVE * 1.3, x + w / 2,
		    yb + FL_WAVE * 1.3, x, yb);
		cairo_close_path(cr);
		break;
	}
	default:
		rounded_rect(cr, x, y, w, h, FL_RADIUS_BOX);
		break;
	}
}

unsigned
fl_node_fill(const struct fl_node *n)
{
	switch (n->shape) {
	case FL_CAPSULE:
		return FL_C_TERMINAL;
	case FL_DIAMOND:
		return FL_C_DECISION;
	case FL_DOCUMENT:
		return FL_C_DOCUMENT;
	default:
		return FL_C_BOX;
	}
}

static void
draw_marker(cairo_t *cr, struct fl_pen *pen, double cx, double cy,
    const struct fl_text *num)
{
	cairo_new_path(cr);
	cairo_move_to(cr, cx, cy - FL_MARK_H / 2);
	cairo_line_to(cr, cx + FL_MARK_W / 2, cy + FL_MARK_H / 2);
	cairo_line_to(cr, cx - FL_MARK_W / 2, cy + FL_MARK_H / 2);
	cairo_close_path(cr);
	paint_rgb(cr, FL_C_RISK);
	cairo_fill_preserve(cr);
	paint_rgb(cr, 0xffffff);
	cairo_set_line_width(cr, 1.0);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
	paint_rgb(cr, 0xffffff);
	fl_pen_text(pen, num);
}

bool
fl_edge_arrow(const struct fl_edge *e, struct fl_arrow *a)
{
	size_t n = e->n_pts;
	const double *p = e->pts;

	if (n < 2)
		return false;
	double tx = p[2 * n - 2], ty = p[2 * n - 1];
	double dx = tx - p[2 * n - 4], dy = ty - p[2 * n - 3];
	double len = hypot(dx, dy);
	if (len < 1e-6)
		return false;
	dx /= len;
	dy /= len;
	/* the line stops where the head begins, so that its end does not
	 * blunt the tip */
	a->stem_x = tx - dx * (FL_ARROW_LEN - 1);
	a->stem_y = ty - dy * (FL_ARROW_LEN - 1);
	a->tip_x = tx;
	a->tip_y = ty;
	a->wing_x[0] = tx - dx * FL_ARROW_LEN - dy * FL_ARROW_HALF;
	a->wing_y[0] = ty - dy * FL_ARROW_LEN + dx * FL_ARROW_HALF;
	a->wing_x[1] = tx - dx * FL_ARROW_LEN + dy * FL_ARROW_HALF;
	a->wing_y[1] = ty - dy * FL_ARROW_LEN - dx * FL_ARROW_HALF;
	return true;
}

static void
draw_edge(cairo_t *cr, const struct fl_edge *e)
{
	const double *p = e->pts;
	struct fl_arrow a;

	if (!fl_edge_arrow(e, &a))
		return;
	cairo_new_path(cr);
	cairo_move_to(cr, p[0], p[1]);
	for (size_t i = 1; i + 1 < e->n_pts; i++)
		cairo_line_to(cr, p[2 * i], p[2 * i + 1]);
	cairo_line_to(cr, a.stem_x, a.stem_y);
	paint_rgb(cr, FL_C_EDGE);
	cairo_set_line_width(cr, 1.3);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_stroke(cr);
	cairo_move_to(cr, a.tip_x, a.tip_y);
	cairo_line_to(cr, a.wing_x[0], a.wing_y[0]);
	cairo_line_to(cr, a.wing_x[1], a.wing_y[1]);
	cairo_close_path(cr);
	cairo_fill(cr);
}

/* The part of the chart the target shows: a PNG is drawn band by band,
 * and a tall chart's band needs few of its boxes. */
struct view {
	double x1, y1, x2, y2;
};

static bool
in_view(const struct view *v, double x, double y, double w, double h)
{
	/* room for strokes, arrowheads and markers */
	return x - 12 <= v->x2 && x + w + 12 >= v->x1 && y - 12 <= v->y2 &&
	    y + h + 12 >= v->y1;
}

static bool
edge_in_view(const struct view *v, const struct fl_edge *e)
{
	double x1 = INFINITY, y1 = INFINITY, x2 = -INFINITY, y2 = -INFINITY;

	for (size_t i = 0; i < e->n_pts; i++) {
		x1 = fmin(x1, e->pts[2 * i]);
		x2 = fmax(x2, e->pts[2 * i]);
		y1 = fmin(y1, e->pts[2 * i + 1]);
		y2 = fmax(y2, e->pts[2 * i + 1]);
	}
	return e->n_pts > 0 && in_view(v, x1, y1, x2 - x1, y2 - y1);
}

void
flow_draw(const struct flow_layout *l, cairo_t *cr)
{
	struct fl_pen pen;
	struct view view;

	cairo_save(cr);
	cairo_clip_extents(cr, &view.x1, &view.y1, &view.x2, &view.y2);
	fl_pen_open(&pen, l->fonts, cr);

	/* lanes: columns with alternating backgrounds under a header row */
	if (l->n_lanes > 0) {
		double top = l->lanes_top, bottom = l->lanes_bottom;
		double left = l->lanes[0].x;
		double right = l->lanes[l->n_lanes - 1].x +
		    l->lanes[l->n_lanes - 1].w;
		for (size_t i = 0; i < l->n_lanes; i++) {
			const struct fl_lane *lane = &l->lanes[i];
			cairo_rectangle(cr, lane->x, top, lane->w, bottom - top);
			paint_rgb(cr, i % 2 ? FL_C_LANE_B : FL_C_LANE_A);
			cairo_fill(cr);
		}
		cairo_rectangle(cr, left, top, right - left, l->header_h);
		paint_rgb(cr, FL_C_HEADER);
		cairo_fill(cr);
		paint_rgb(cr, FL_C_RULE);
		cairo_set_line_width(cr, 0.8);
		for (size_t i = 1; i < l->n_lanes; i++) {
			cairo_move_to(cr, l->lanes[i].x, top);
			cairo_line_to(cr, l->lanes[i].x, bottom);
		}
		cairo_move_to(cr, left, top + l->header_h);
		cairo_line_to(cr, right, top + l->header_h);
		cairo_stroke(cr);
		cairo_rectangle(cr, left, top, right - left, bottom - top);
		cairo_set_line_width(cr, 1.2);
		cairo_stroke(cr);
		paint_rgb(cr, FL_C_INK);
		for (size_t i = 0; i < l->n_lanes; i++)
			fl_pen_text(&pen, &l->lanes[i].header);
	}

	for (size_t e = 0; e < l->n_edges; e++)
		if (edge_in_view(&view, &l->edges[e]))
			draw_edge(cr, &l->edges[e]);

	for (size_t v = 0; v < l->n_nodes; v++) {
		const struct fl_node *n = &l->nodes[v];
		if (!in_view(&view, n->x, n->y, n->w, n->h))
			continue;
		shape_path(cr, n);
		paint_rgb(cr, fl_node_fill(n));
		cairo_fill_preserve(cr);
		paint_rgb(cr, FL_C_INK);
		cairo_set_line_width(cr, FL_STROKE);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
		cairo_stroke(cr);
		fl_pen_text(&pen, &n->text);
	}

	for (size_t e = 0; e < l->n_edges; e++) {
		const struct fl_edge *le = &l->edges[e];
		if (le->label.n_lines == 0 || !in_view(&view, le->label.lines[0].x,
		    le->label.lines[0].y, le->label.w, le->label.h))
			continue;
		paint_rgb(cr, le->kind == EDGE_NO ? FL_C_NO : FL_C_YES);
		fl_pen_text(&pen, &le->label);
	}

	for (size_t v = 0; v < l->n_nodes; v++)
		if (l->nodes[v].risk > 0 && in_view(&view, l->nodes[v].mark_x,
		    l->nodes[v].mark_y, 0, 0))
			draw_marker(cr, &pen, l->nodes[v].mark_x, l->nodes[v].mark_y,
			    &l->nodes[v].mark);

	if (l->n_legend > 0 && in_view(&view, l->legend_x, l->legend_y,
	    l->legend_w, l->legend_h)) {
		rounded_rect(cr, l->legend_x, l->legend_y, l->legend_w,
		    l->legend_h, 4);
		paint_rgb(cr, FL_C_LEGEND);
		cairo_fill_preserve(cr);
		paint_rgb(cr, FL_C_LEGEND_RULE);
		cairo_set_line_width(cr, 1.0);
		cairo_stroke(cr);
		paint_rgb(cr, FL_C_LEGEND_TITLE);
		fl_pen_text(&pen, &l->legend_title);
		for (size_t i = 0; i < l->n_legend; i++) {
			const struct fl_legend_item *li = &l->legend[i];
			draw_marker(cr, &pen, li->mark_x, li->mark_y, &li->mark);
			paint_rgb(cr, FL_C_INK);
			fl_pen_text(&pen, &li->text);
		}
	}
	fl_pen_close(&pen);
	cairo_restore(cr);
}

static cairo_status_t
write_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_put(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* Drawn in bands of rows, each handed to the encoder as it is done, so a
 * chart may be taller than cairo's 32767-pixel surfaces. */
int
flow_write_png(const struct flow_layout *l, double scale, struct buf *out)
{
	int width = (int)ceil(l->width * scale), height = (int)ceil(l->height *
	    scale);
	struct nbpng_encoder *png = NULL;
	cairo_surface_t *band = NULL;
	int rc = -1;

	if (scale <= 0 || width <= 0 || height <= 0 || width > 32767)
		return -1;
	png = nbpng_begin(width, height);
	if (png != NULL)
		(void)nbpng_flat(png);
	band = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width,
	    height < PNG_BAND_ROWS ? height : PNG_BAND_ROWS);
	if (png == NULL || cairo_surface_status(band) != CAIRO_STATUS_SUCCESS)
		goto out;
	for (int y0 = 0; y0 < height; y0 += PNG_BAND_ROWS) {
		int rows = height - y0 < PNG_BAND_ROWS ? height - y0 :
		    PNG_BAND_ROWS;
		cairo_t *cr = cairo_create(band);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_translate(cr, 0, -y0);
		cairo_scale(cr, scale, scale);
		flow_draw(l, cr);
		cairo_status_t st = cairo_status(cr);
		cairo_destroy(cr);
		if (st != CAIRO_STATUS_SUCCESS)
			goto out;
		cairo_surface_flush(band);
		if (nbpng_add_rows(png, cairo_image_surface_get_data(band),
		    cairo_image_surface_get_stride(band), rows) != 0)
			goto out;
	}
	rc = nbpng_finish(png, out);
out:
	if (band != NULL)
		cairo_surface_destroy(band);
	nbpng_free(png);
	return rc;
}

int
flow_write_pdf(const struct flow_layout *l, const char *creation_date,
    struct buf *out, struct buf *err)
{
	cairo_surface_t *s;
	cairo_t *cr;
	char date[32];
	int rc = -1;

	s = cairo_pdf_surface_create_for_stream(write_to_buf, out, l->width,
	    l->height);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return -1;
	}
	/* the build clock, not the wall clock: the bytes must repeat */
	snprintf(date, sizeof date, "%.10sT00:00:00Z", creation_date != NULL ?
	    creation_date : "1970-01-01");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, l->title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "noticeboard");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	cr = cairo_create(s);
	flow_draw(l, cr);
	cairo_show_page(cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		goto out;
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		goto out;
	/* cairo 1.16 drops subroutines some CJK glyphs call from the font
	 * subsets it embeds (they print blank): put them back */
	if (fontfix_pdf(out, err) < 0)
		goto out;
	rc = 0;
out:
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return rc;
}
