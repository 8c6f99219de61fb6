/* measure.c: blocks measured with pango at a width: a text, a table row,
 * and a trend (a line chart of permille over time, the satisfaction
 * surveys' history, with its table of values beside it). doc.c places
 * what these measure. */
#include "poster/doc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assess/assess.h"

struct rich
rich_plain(struct arena *a, const char *text)
{
	struct rich r = {arena_strdup(a, text ? text : ""), NULL, 0};
	return r;
}

double
doc_layout_height(PangoLayout *l)
{
	int h;
	pango_layout_get_size(l, NULL, &h);
	return (double)h / PANGO_SCALE;
}

void
doc_measure_text(struct doc *d, struct block *b, double width)
{
	int align = b->style == TS_CENTER ? 1 : 0;

	b->w = width;
	switch (b->style) {
	case TS_BAR:
		b->pad_x = MM(4);
		b->pad_y = MM(1.5);
		break;
	case TS_BOX:
		b->pad_x = MM(6);
		b->pad_y = MM(5);
		align = 1;
		break;
	default:
		b->pad_x = 0;
		b->pad_y = 0;
		break;
	}
	b->layout = doc_layout_text(d, b->role, &b->rich, width - 2 * b->pad_x,
	    b->hang_bytes, align, 0);
	b->h = doc_layout_height(b->layout) + 2 * b->pad_y;
	if (b->style == TS_RULED)
		b->h += MM(2.5);
}

void
doc_measure_row(struct doc *d, struct block *b, double width)
{
	const struct table *t = b->table;
	double h = 0;

	b->w = width;
	b->pad_x = MM(2);
	b->pad_y = MM(1.2);
	b->cell_layouts = arena_alloc(d->arena,
	    (size_t)b->n_cells * sizeof *b->cell_layouts);
	for (int i = 0; i < b->n_cells; i++) {
		double cw = (b->row_flags & ROW_SPAN) ? width : width * t->frac[i];
		int align = (b->row_flags & (ROW_HEADER | ROW_SPAN)) ? 1 :
		    t->align[i];
		if (b->row_flags & ROW_SPAN)
			align = 0;
		PangoLayout *l = doc_layout_text(d, b->role, &b->cells[i],
		    cw - 2 * b->pad_x, 0, align, 0);
		b->cell_layouts[i] = l;
		if (doc_layout_height(l) > h)
			h = doc_layout_height(l);
	}
	b->h = h + 2 * b->pad_y;
}

#define TREND_MIN_H MM(52)      /* the chart's least height */
#define TREND_GAP MM(8)         /* between the chart and its table */
#define TREND_TABLE_SHARE 0.40  /* the table's part of the width */

static struct inner_text *
trend_label(struct doc *d, struct trend *tr, enum text_role role,
    const char *text)
{
	struct rich r = rich_plain(d->arena, text);
	struct inner_text *it;
	PangoRectangle logical;

	it = &tr->labels[tr->n_labels++];
	memset(it, 0, sizeof *it);
	it->role = role;
	it->layout = doc_layout_text(d, role, &r, MM(200), 0, 0, 0);
	pango_layout_get_extents(it->layout, NULL, &logical);
	it->w = (double)(logical.x + logical.width) / PANGO_SCALE;
	it->h = (double)(logical.y + logical.height) / PANGO_SCALE;
	return it;
}

void
trend_measure(struct doc *d, struct block *b, double width)
{
	struct trend *tr = b->trend;
	double side_w = floor(width * TREND_TABLE_SHARE), rows_h = 0, h;
	double ylab_w = 0, lab_w = 0, value_h = 0, period_h = 0;
	int low = 1000;
	size_t n = tr->n_points, first_value;

	b->w = width;
	/* two labels a point, at most eleven ticks */
	tr->labels = arena_alloc(d->arena, (12 + 2 * n) * sizeof *tr->labels);
	tr->n_labels = 0;
	tr->chart_w = width - side_w - TREND_GAP;
	tr->rows_x = tr->chart_w + TREND_GAP;
	for (struct block *r = tr->rows; r != NULL; r = r->next) {
		doc_measure_row(d, r, side_w);
		rows_h += r->h;
	}
	h = fmax(TREND_MIN_H, rows_h);
	b->h = h;

	/* each point's period below the axis, its value above the point */
	for (size_t i = 0; i < n; i++) {
		struct inner_text *it = trend_label(d, tr, TR_CHART,
		    tr->points[i].label);
		lab_w = fmax(lab_w, it->w);
		period_h = fmax(period_h, it->h);
	}
	first_value = n;
	for (size_t i = 0; i < n; i++) {
		char text[16], pct[20];
		permille_format(tr->points[i].permille, text);
		snprintf(pct, sizeof pct, "%s%%", text);
		struct inner_text *it = trend_label(d, tr, TR_CHART_VALUE, pct);
		lab_w = fmax(lab_w, it->w);
		value_h = fmax(value_h, it->h);
	}

	/* the axis: from 50 % when every value is above it, else from 0; the
	 * ticks as close as their labels allow ("100%" is always one) */
	for (size_t i = 0; i < n; i++)
		if (tr->points[i].permille < low)
			low = tr->points[i].permille;
	tr->lo = low >= 500 ? 500 : 0;
	tr->hi = 1000;
	struct inner_text *top = trend_label(d, tr, TR_CHART, "100%");
	tr->n_labels--;
	ylab_w = top->w;
	tr->plot_x = ylab_w + MM(2);
	tr->plot_y = value_h + TREND_MARK_R + MM(2.5);
	tr->plot_w = tr->chart_w - tr->plot_x;
	tr->plot_h = h - tr->plot_y - period_h - MM(2);
	static const int steps[] = {100, 200, 250, 500};
	tr->step = tr->hi - tr->lo;
	for (size_t k = 0; k < NB_COUNT(steps); k++) {
		double gap = tr->plot_h * steps[k] / (tr->hi - tr->lo);
		if ((tr->hi - tr->lo) % steps[k] == 0 && gap >= top->h + MM(1.5)) {
			tr->step = steps[k];
			break;
		}
	}
	for (int v = tr->lo; v <= tr->hi; v += tr->step) {
		char text[16];
		snprintf(text, sizeof text, "%d%%", v / 10);
		struct inner_text *it = trend_label(d, tr, TR_CHART, text);
		double y = tr->plot_y + tr->plot_h * (tr->hi - v) / (tr->hi - tr->lo);
		it->x = tr->plot_x - MM(2) - it->w;
		it->y = y - it->h / 2;
	}

	/* the points: spaced by time, the first and the last inset by half a
	 * label */
	tr->px = arena_alloc(d->arena, (n + 1) * sizeof *tr->px);
	tr->py = arena_alloc(d->arena, (n + 1) * sizeof *tr->py);
	double pad = lab_w / 2 + MM(1);
	double t0 = n ? tr->points[0].t : 0, t1 = n ? tr->points[n - 1].t : 0;
	for (size_t i = 0; i < n; i++) {
		int v = tr->points[i].permille;
		v = v < tr->lo ? tr->lo : v > tr->hi ? tr->hi : v;
		if (n == 1)
			tr->px[i] = tr->plot_x + tr->plot_w / 2;
		else if (t1 - t0 < 1)
			tr->px[i] = tr->plot_x + pad + (tr->plot_w - 2 * pad) *
			    (double)i / (double)(n - 1);
		else
			tr->px[i] = tr->plot_x + pad + (tr->plot_w - 2 * pad) *
			    (tr->points[i].t - t0) / (t1 - t0);
		tr->py[i] = tr->plot_y + tr->plot_h * (tr->hi - v) /
		    (tr->hi - tr->lo);
	}
	/* labels where they have room, the latest always: walking back from
	 * it, a point is labelled when its labels clear the last one's */
	double left_edge = INFINITY;
	for (size_t i = n; i-- > 0;) {
		struct inner_text *per = &tr->labels[i];
		struct inner_text *val = &tr->labels[first_value + i];
		double half = fmax(per->w, val->w) / 2;
		if (tr->px[i] + half + MM(2) > left_edge) {
			per->layout = val->layout = NULL;
			continue;
		}
		left_edge = tr->px[i] - half;
		per->x = tr->px[i] - per->w / 2;
		per->y = tr->plot_y + tr->plot_h + MM(2);
		val->x = tr->px[i] - val->w / 2;
		val->y = tr->py[i] - TREND_MARK_R - MM(1) - val->h;
	}
}
