/* svg.c: the chart as SVG text, written by hand rather than by cairo, whose
 * SVG surface turns text into outlines: here every wrapped line is a real
 * <text>, searchable and read by screen readers, and the file stays small. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "flow/layout.h"

/* Numbers with at most two decimals and no trailing zeros: short, and the
 * same on every run. */
static void
put_num(struct buf *out, double v)
{
	char s[32];
	int n;

	if (fabs(v) < 0.005)
		v = 0;
	n = snprintf(s, sizeof s, "%.2f", v);
	while (n > 0 && s[n - 1] == '0')
		s[--n] = '\0';
	if (n > 0 && s[n - 1] == '.')
		s[--n] = '\0';
	buf_puts(out, s);
}

static void
put_color(struct buf *out, unsigned rgb)
{
	buf_printf(out, "#%06x", rgb & 0xffffff);
}

/* One <text> per line, centred on the line's box so a substitute font
 * still looks centred. */
static void
put_text(struct buf *out, const struct fl_text *t, const char *extra)
{
	for (size_t i = 0; i < t->n_lines; i++) {
		const struct fl_line *ln = &t->lines[i];
		if (ln->text[0] == '\0')
			continue;
		buf_puts(out, "<text x=\"");
		put_num(out, ln->x + ln->w / 2);
		buf_puts(out, "\" y=\"");
		put_num(out, ln->baseline);
		buf_puts(out, "\" font-size=\"");
		put_num(out, fl_font_size(t->font));
		buf_putc(out, '"');
		if (extra != NULL)
			buf_puts(out, extra);
		buf_putc(out, '>');
		buf_puts_escaped(out, ln->text);
		buf_puts(out, "</text>\n");
	}
}

static void
put_rounded(struct buf *out, double x, double y, double w, double h, double r)
{
	if (r > h / 2)
		r = h / 2;
	if (r > w / 2)
		r = w / 2;
	buf_puts(out, "<rect x=\"");
	put_num(out, x);
	buf_puts(out, "\" y=\"");
	put_num(out, y);
	buf_puts(out, "\" width=\"");
	put_num(out, w);
	buf_puts(out, "\" height=\"");
	put_num(out, h);
	buf_puts(out, "\" rx=\"");
	put_num(out, r);
	buf_putc(out, '"');
}

static void
put_point(struct buf *out, char cmd, double x, double y)
{
	buf_putc(out, cmd);
	put_num(out, x);
	buf_putc(out, ' ');
	put_num(out, y);
}

static void
put_shape(struct buf *out, const struct fl_node *n, unsigned fill)
{
	double x = n->x, y = n->y, w = n->w, h = n->h;

	switch (n->shape) {
	case FL_CAPSULE:
		put_rounded(out, x, y, w, h, FL_RADIUS_CAPSULE);
		break;
	case FL_DIAMOND:
		buf_puts(out, "<path d=\"");
		put_point(out, 'M', x + w / 2, y);
		put_point(out, 'L', x + w, y + h / 2);
		put_point(out, 'L', x + w / 2, y + h);
		put_point(out, 'L', x, y + h / 2);
		buf_puts(out, "Z\"");
		break;
	case FL_DOCUMENT: {
		double yb = y + h - FL_WAVE / 2;
		buf_puts(out, "<path d=\"");
		put_point(out, 'M', x, y);
		put_point(out, 'L', x + w, y);
		put_point(out, 'L', x + w, yb);
		put_point(out, 'C', x + w / 2, yb - FL_WAVE * 1.3);
		put_point(out, ' ', x + w / 2, yb + FL_WAVE * 1.3);
		put_point(out, ' ', x, yb);
		buf_puts(out, "Z\"");
		break;
	}
	default:
		put_rounded(out, x, y, w, h, FL_RADIUS_BOX);
		break;
	}
	buf_puts(out, " fill=\"");
	put_color(out, fill);
	buf_puts(out, "\"/>\n");
}

static void
put_marker(struct buf *out, double cx, double cy, const struct fl_text *num)
{
	buf_puts(out, "<path class=\"risk\" d=\"");
	put_point(out, 'M', cx, cy - FL_MARK_H / 2);
	put_point(out, 'L', cx + FL_MARK_W / 2, cy + FL_MARK_H / 2);
	put_point(out, 'L', cx - FL_MARK_W / 2, cy + FL_MARK_H / 2);
	buf_puts(out, "Z\" fill=\"");
	put_color(out, FL_C_RISK);
	buf_puts(out, "\" stroke=\"#ffffff\" stroke-width=\"1\" "
	    "stroke-linejoin=\"round\"/>\n");
	put_text(out, num, " fill=\"#ffffff\" font-weight=\"bold\"");
}

static void
put_edge(struct buf *out, const struct fl_edge *e)
{
	const double *p = e->pts;
	struct fl_arrow a;

	if (!fl_edge_arrow(e, &a))
		return;
	buf_puts(out, "<path d=\"");
	put_point(out, 'M', p[0], p[1]);
	for (size_t i = 1; i + 1 < e->n_pts; i++)
		put_point(out, 'L', p[2 * i], p[2 * i + 1]);
	put_point(out, 'L', a.stem_x, a.stem_y);
	buf_puts(out, "\"/>\n<path stroke=\"none\" fill=\"");
	put_color(out, FL_C_EDGE);
	buf_puts(out, "\" d=\"");
	put_point(out, 'M', a.tip_x, a.tip_y);
	put_point(out, 'L', a.wing_x[0], a.wing_y[0]);
	put_point(out, 'L', a.wing_x[1], a.wing_y[1]);
	buf_puts(out, "Z\"/>\n");
}

int
flow_write_svg(const struct flow_layout *l, struct buf *out)
{
	buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
	put_num(out, l->width);
	buf_puts(out, "px\" height=\"");
	put_num(out, l->height);
	buf_puts(out, "px\" viewBox=\"0 0 ");
	put_num(out, l->width);
	buf_putc(out, ' ');
	put_num(out, l->height);
	buf_puts(out, "\" role=\"img\" aria-labelledby=\"flow-title "
	    "flow-desc\">\n<title id=\"flow-title\">");
	buf_puts_escaped(out, l->title);
	buf_puts(out, "</title>\n<desc id=\"flow-desc\">");
	buf_puts_escaped(out, l->desc);
	buf_puts(out, "</desc>\n<rect width=\"100%\" height=\"100%\" "
	    "fill=\"#ffffff\"/>\n<g font-family=\"Noto Sans CJK SC, sans-serif\" "
	    "fill=\"");
	put_color(out, FL_C_INK);
	buf_puts(out, "\">\n");

	if (l->n_lanes > 0) {
		double top = l->lanes_top, bottom = l->lanes_bottom;
		double left = l->lanes[0].x;
		double right = l->lanes[l->n_lanes - 1].x +
		    l->lanes[l->n_lanes - 1].w;
		buf_puts(out, "<g class=\"lanes\">\n");
		for (size_t i = 0; i < l->n_lanes; i++) {
			put_rounded(out, l->lanes[i].x, top, l->lanes[i].w,
			    bottom - top, 0);
			buf_puts(out, " fill=\"");
			put_color(out, i % 2 ? FL_C_LANE_B : FL_C_LANE_A);
			buf_puts(out, "\"/>\n");
		}
		put_rounded(out, left, top, right - left, l->header_h, 0);
		buf_puts(out, " fill=\"");
		put_color(out, FL_C_HEADER);
		buf_puts(out, "\"/>\n<path fill=\"none\" stroke=\"");
		put_color(out, FL_C_RULE);
		buf_puts(out, "\" stroke-width=\"0.8\" d=\"");
		for (size_t i = 1; i < l->n_lanes; i++) {
			put_point(out, 'M', l->lanes[i].x, top);
			buf_putc(out, 'V');
			put_num(out, bottom);
		}
		put_point(out, 'M', left, top + l->header_h);
		buf_putc(out, 'H');
		put_num(out, right);
		buf_puts(out, "\"/>\n");
		put_rounded(out, left, top, right - left, bottom - top, 0);
		buf_puts(out, " fill=\"none\" stroke=\"");
		put_color(out, FL_C_RULE);
		buf_puts(out, "\" stroke-width=\"1.2\"/>\n");
		for (size_t i = 0; i < l->n_lanes; i++)
			put_text(out, &l->lanes[i].header, " font-weight=\"bold\" "
			    "text-anchor=\"middle\"");
		buf_puts(out, "</g>\n");
	}

	buf_puts(out, "<g class=\"edges\" fill=\"none\" stroke=\"");
	put_color(out, FL_C_EDGE);
	buf_puts(out, "\" stroke-width=\"1.3\">\n");
	for (size_t e = 0; e < l->n_edges; e++)
		put_edge(out, &l->edges[e]);
	buf_puts(out, "</g>\n");
	buf_puts(out, "<g class=\"nodes\" stroke=\"");
	put_color(out, FL_C_INK);
	buf_puts(out, "\" stroke-width=\"1.5\">\n");
	for (size_t v = 0; v < l->n_nodes; v++)
		put_shape(out, &l->nodes[v], fl_node_fill(&l->nodes[v]));
	buf_puts(out, "</g>\n<g text-anchor=\"middle\">\n");
	for (size_t v = 0; v < l->n_nodes; v++)
		put_text(out, &l->nodes[v].text, NULL);
	for (size_t e = 0; e < l->n_edges; e++) {
		const struct fl_edge *le = &l->edges[e];
		if (le->label.n_lines == 0)
			continue;
		char extra[64];
		snprintf(extra, sizeof extra, " fill=\"#%06x\" font-weight=\"bold\"",
		    le->kind == EDGE_NO ? FL_C_NO : FL_C_YES);
		put_text(out, &le->label, extra);
	}
	for (size_t v = 0; v < l->n_nodes; v++)
		if (l->nodes[v].risk > 0)
			put_marker(out, l->nodes[v].mark_x, l->nodes[v].mark_y,
			    &l->nodes[v].mark);
	if (l->n_legend > 0) {
		put_rounded(out, l->legend_x, l->legend_y, l->legend_w,
		    l->legend_h, 4);
		buf_puts(out, " fill=\"");
		put_color(out, FL_C_LEGEND);
		buf_puts(out, "\" stroke=\"");
		put_color(out, FL_C_LEGEND_RULE);
		buf_puts(out, "\"/>\n");
		char extra[64];
		snprintf(extra, sizeof extra, " fill=\"#%06x\" font-weight=\"bold\"",
		    FL_C_LEGEND_TITLE);
		put_text(out, &l->legend_title, extra);
		for (size_t i = 0; i < l->n_legend; i++) {
			put_marker(out, l->legend[i].mark_x, l->legend[i].mark_y,
			    &l->legend[i].mark);
			put_text(out, &l->legend[i].text, NULL);
		}
	}
	buf_puts(out, "</g>\n</g>\n</svg>\n");
	return 0;
}
