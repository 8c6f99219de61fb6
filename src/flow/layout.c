/* layout.c: a flowchart's layout from a validated flow: boxes sized to their
 * wrapped text, the layered placement (order.c, place.c), the risk markers
 * and their legend, the lanes' headers, and the chart's size. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/work.h"
#include "util/i18n.h"

#define PAD_X 12.0           /* text to the outline of a box */
#define PAD_Y 7.0
#define WAVE FL_WAVE
#define BOX_MIN_W 72.0
#define BOX_MIN_H 32.0
#define DIAMOND_MIN_W 90.0
#define WRAP_CHARS 10        /* CJK characters per line in a box */
#define WRAP_MAX 200.0       /* the widest box text, for wide lanes */
#define HEADER_WRAP 150.0

/* A decision's diamond holds its text's rectangle (plus padding) with the
 * corners on the outline: w/W + h/H = 1 with W = 2H; this is H. (Flatter
 * diamonds widen their lanes more than they lower their layers: a chart's
 * area grows.) For print, W = DIAMOND_PRINT_W H: a poster's chart is short
 * of width, seldom of height. */
#define DIAMOND_PRINT_W 1.6

static double
diamond_wh(double sp)
{
	return sp < 1 ? DIAMOND_PRINT_W : 2;
}

static double
diamond_h(double text_w, double text_h, double sp)
{
	return (text_w + 12 * sp) / diamond_wh(sp) + text_h + 8 * sp;
}

/* The wrap width that gives the smallest diamond wins. */
static void
size_diamond(struct fl_fonts *fonts, const char *text, double sp,
    struct fl_node *n)
{
	double size = fl_font_size(FL_FONT_STEP);
	double best_cost = INFINITY, best_wrap = 0;

	for (int chars = 3; chars <= 14; chars++) {
		double wrap = chars * size + 0.5, tw, th;
		int lines = fl_text_fit(fonts, FL_FONT_STEP, text, wrap, &tw,
		    &th);
		double w = diamond_wh(sp) * diamond_h(tw, th, sp);
		/* a short question reads best on one line */
		double cost = w + 14 * (double)(lines - 1);
		if (cost < best_cost - 0.5) {
			best_cost = cost;
			best_wrap = wrap;
		}
	}
	fl_text_wrap(fonts, FL_FONT_STEP, text, best_wrap, true, &n->text);
	n->h = diamond_h(n->text.w, n->text.h, sp);
	n->w = diamond_wh(sp) * n->h;
	if (n->w < DIAMOND_MIN_W * sp) {
		n->h *= DIAMOND_MIN_W * sp / n->w;
		n->w = DIAMOND_MIN_W * sp;
	}
}

static void
size_node(struct fl_fonts *fonts, const struct flow_step *st, double wrap,
    double sp, struct fl_node *n)
{
	const char *text = st->text != NULL ? st->text : "";

	switch (st->kind) {
	case STEP_DECISION:
		n->shape = FL_DIAMOND;
		size_diamond(fonts, text, sp, n);
		return;
	case STEP_START:
	case STEP_END:
		n->shape = FL_CAPSULE;
		break;
	case STEP_DOCUMENT:
		n->shape = FL_DOCUMENT;
		break;
	default:
		n->shape = FL_BOX;
		break;
	}
	fl_text_wrap(fonts, FL_FONT_STEP, text, wrap, true, &n->text);
	n->h = n->text.h + 2 * PAD_Y * sp +
	    (n->shape == FL_DOCUMENT ? WAVE : 0);
	if (n->h < BOX_MIN_H * sp)
		n->h = BOX_MIN_H * sp;
	/* a capsule's round ends stay clear of the text */
	double pad = PAD_X * sp;
	if (n->shape == FL_CAPSULE)
		pad = n->h / 2 < 18 ? n->h / 2 : 18;
	n->w = n->text.w + 2 * pad;
	if (n->w < BOX_MIN_W * sp)
		n->w = BOX_MIN_W * sp;
}

static void
place_node_text(struct fl_node *n)
{
	double cx = n->x + n->w / 2;

	if (n->shape == FL_DIAMOND)
		fl_text_place(&n->text, cx, n->y + (n->h - n->text.h) / 2);
	else if (n->shape == FL_DOCUMENT)
		fl_text_place(&n->text, cx, n->y + (n->h - WAVE - n->text.h) / 2);
	else
		fl_text_place(&n->text, cx, n->y + (n->h - n->text.h) / 2);
}

static bool
boxes_meet(double ax, double ay, double aw, double ah, double bx, double by,
    double bw, double bh)
{
	return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

/* The marker sits on the box's top-left corner, on a diamond's upper-left
 * edge where it leaves the text alone. */
static void
place_marker(struct fl_fonts *fonts, struct fl_node *n)
{
	char num[16];

	if (n->shape != FL_DIAMOND) {
		n->mark_x = n->x + 2;
		n->mark_y = n->y + 1;
	} else {
		static const double along[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.2};
		double cy = n->y + n->h / 2;
		n->mark_x = n->x + n->w / 4;
		n->mark_y = cy - n->h / 4;
		for (size_t i = 0; i < NB_COUNT(along); i++) {
			double mx = n->x + along[i] * n->w / 2;
			double my = cy - along[i] * n->h / 2;
			bool clear = true;
			for (size_t k = 0; k < n->text.n_lines; k++) {
				const struct fl_line *ln = &n->text.lines[k];
				if (boxes_meet(mx - FL_MARK_W / 2 - 1, my -
				    FL_MARK_H / 2 - 1, FL_MARK_W + 2, FL_MARK_H + 2,
				    ln->x, ln->y, ln->w, ln->h))
					clear = false;
			}
			if (clear) {
				n->mark_x = mx;
				n->mark_y = my;
				break;
			}
		}
	}
	snprintf(num, sizeof num, "%d", n->risk);
	fl_text_wrap(fonts, FL_FONT_MARK, num, 0, false, &n->mark);
	fl_text_place(&n->mark, n->mark_x, n->mark_y + FL_MARK_H / 2 - 1.5 -
	    n->mark.h);
}

/* The risk legend: a title and the numbered items, read down each
 * column. Its shape (how many columns, the title above them or left of
 * them) and its place are chosen together: inside the chart where the
 * bottom of the drawing leaves room, so that a legend costs a chart little
 * or none of its height (below the chart, it spent a tenth of it). */
#define LEG_PAD_X 10.0       /* the legend box to its text */
#define LEG_PAD_TOP 8.0
#define LEG_PAD_BOTTOM 4.0   /* below the last row's own 6 */
#define LEG_MARK_W 28.0      /* an item's marker and the room after it */
#define LEG_COL_SP 20.0      /* between columns */
#define LEG_ROW_SP 6.0
#define LEG_TITLE_SP 18.0    /* a title beside the items to the first */
#define LEG_CLEAR_BOX 10.0   /* an inset legend to a box or a label */
#define LEG_CLEAR_EDGE 8.0   /* to an edge */
#define LEG_INSET 8.0        /* to the lanes' outline */
#define LEG_BELOW 14.0       /* below the chart, from the lanes */

static double
legend_row_h(const struct fl_legend_item *li)
{
	return (li->text.h > FL_MARK_H ? li->text.h : FL_MARK_H) + LEG_ROW_SP;
}

/* The legend's size in cols columns, the title above or beside them. */
static void
legend_shape(const struct flow_layout *out, size_t cols, bool beside,
    double *w, double *h)
{
	size_t n = out->n_legend, rows = (n + cols - 1) / cols;
	double items_w = 0, items_h = 0;

	for (size_t c = 0; c < cols; c++) {
		double widest = 0, col_h = 0;
		for (size_t r = 0; r < rows && c * rows + r < n; r++) {
			const struct fl_legend_item *li = &out->legend[c * rows + r];
			if (li->text.w > widest)
				widest = li->text.w;
			col_h += legend_row_h(li);
		}
		items_w += (c > 0 ? LEG_COL_SP : 0) + LEG_MARK_W + widest;
		if (col_h > items_h)
			items_h = col_h;
	}
	const struct fl_text *t = &out->legend_title;
	if (beside) {
		*w = 2 * LEG_PAD_X + t->w + LEG_TITLE_SP + items_w;
		double th = LEG_PAD_TOP + t->h + LEG_ROW_SP + LEG_PAD_BOTTOM;
		double ih = LEG_PAD_TOP + items_h + LEG_PAD_BOTTOM;
		*h = th > ih ? th : ih;
	} else {
		double tw = t->w > items_w ? t->w : items_w;
		*w = 2 * LEG_PAD_X + tw;
		*h = LEG_PAD_TOP + t->h + 7 + items_h + LEG_PAD_BOTTOM;
	}
}

/* Puts the legend's text in a box of the shape legend_shape gave, its
 * top-left corner at (x, y). */
static void
legend_place(struct flow_layout *out, size_t cols, bool beside, double x,
    double y, double w, double h)
{
	size_t n = out->n_legend, rows = (n + cols - 1) / cols;
	const struct fl_text *t = &out->legend_title;

	out->legend_x = x;
	out->legend_y = y;
	out->legend_w = w;
	out->legend_h = h;
	fl_text_place_left(&out->legend_title, x + LEG_PAD_X, y + LEG_PAD_TOP);
	double col_x = x + LEG_PAD_X, first_y = y + LEG_PAD_TOP + t->h + 7;
	if (beside) {
		col_x += t->w + LEG_TITLE_SP;
		first_y = y + LEG_PAD_TOP;
		/* the first row's text level with the title's */
		if (n > 0 && t->h > out->legend[0].text.h)
			first_y += (t->h - out->legend[0].text.h) / 2;
	}
	for (size_t c = 0; c < cols; c++) {
		double widest = 0, row_y = first_y;
		for (size_t r = 0; r < rows && c * rows + r < n; r++) {
			struct fl_legend_item *li = &out->legend[c * rows + r];
			if (li->text.w > widest)
				widest = li->text.w;
			fl_text_place_left(&li->text, col_x + LEG_MARK_W, row_y);
			li->mark_x = col_x + FL_MARK_W / 2;
			li->mark_y = row_y + fl_font_size(FL_FONT_LEGEND) * 0.62;
			fl_text_place(&li->mark, li->mark_x, li->mark_y +
			    FL_MARK_H / 2 - 1.5 - li->mark.h);
			row_y += legend_row_h(li);
		}
		col_x += LEG_MARK_W + widest + LEG_COL_SP;
	}
}

struct span {
	double x1, y1, x2, y2;
};

static void
span_add(struct span **v, size_t *n, size_t *cap, double x1, double y1,
    double x2, double y2, double clear)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	(*v)[(*n)++] = (struct span){x1 - clear, y1 - clear, x2 + clear,
	    y2 + clear};
}

/* What an inset legend must keep clear of: the boxes, their markers, the
 * edges and their labels. */
static struct span *
legend_obstacles(const struct flow_layout *out, size_t *n)
{
	struct span *v = NULL;
	size_t cap = 0;

	*n = 0;
	for (size_t i = 0; i < out->n_nodes; i++) {
		const struct fl_node *nd = &out->nodes[i];
		span_add(&v, n, &cap, nd->x, nd->y, nd->x + nd->w, nd->y + nd->h,
		    LEG_CLEAR_BOX);
		if (nd->risk > 0)
			span_add(&v, n, &cap, nd->mark_x - FL_MARK_W / 2,
			    nd->mark_y - FL_MARK_H / 2, nd->mark_x + FL_MARK_W / 2,
			    nd->mark_y + FL_MARK_H / 2, LEG_CLEAR_BOX);
	}
	for (size_t e = 0; e < out->n_edges; e++) {
		const struct fl_edge *le = &out->edges[e];
		for (size_t i = 0; i + 1 < le->n_pts; i++) {
			const double *p = &le->pts[2 * i];
			span_add(&v, n, &cap, fmin(p[0], p[2]), fmin(p[1], p[3]),
			    fmax(p[0], p[2]), fmax(p[1], p[3]), LEG_CLEAR_EDGE);
		}
		for (size_t i = 0; i < le->label.n_lines; i++) {
			const struct fl_line *ln = &le->label.lines[i];
			span_add(&v, n, &cap, ln->x, ln->y, ln->x + ln->w,
			    ln->y + ln->h, LEG_CLEAR_BOX);
		}
	}
	return v;
}

/* The chart's area (without its margins) with a w x h legend at (x, y):
 * the legend may push its right or its bottom out. */
static double
legend_area(double right, double bottom, double x, double y, double w,
    double h)
{
	return fmax(right, x + w) * fmax(bottom, y + h);
}

/* Where a w x h legend sits lowest in [left, right_max] with nothing under
 * it down to the bottom: the x that leaves the chart (right x bottom) the
 * smallest (the leftmost on a tie), its place in *x, *y; returns that
 * area. */
static double
legend_fit(const struct span *obs, size_t n_obs, double left,
    double right_max, double top, double bottom, double right, double w,
    double h, double *x_out, double *y_out)
{
	double best = INFINITY;

	for (size_t k = 0; k <= 2 * n_obs; k++) {
		double x = k == 0 ? left : k % 2 ? obs[(k - 1) / 2].x2 :
		    obs[(k - 1) / 2].x1 - w;
		if (x < left || x + w > right_max)
			continue;
		double y = top;
		for (size_t i = 0; i < n_obs; i++)
			if (obs[i].x1 < x + w && x < obs[i].x2 && obs[i].y2 > y)
				y = obs[i].y2;
		if (y < bottom - h)
			y = bottom - h;
		double area = legend_area(right, bottom, x, y, w, h);
		if (area < best - 0.01 || (area < best + 0.01 && x < *x_out)) {
			best = area;
			*x_out = x;
			*y_out = y;
		}
	}
	return best;
}

/* Builds the legend and places it: inside the chart's bottom when that
 * costs less height than a row below the chart. left and right bound the
 * chart's drawing, bottom is where its lanes (or its boxes) end; returns
 * the chart's new bottom (the lanes' when the legend is inside them). */
static double
build_legend(struct flow_layout *out, const struct flow *f, double left,
    double right, double top, double bottom, double *lanes_bottom)
{
	size_t n = 0, n_obs = 0;

	for (size_t v = 0; v < out->n_nodes; v++)
		if (out->nodes[v].risk > 0)
			n++;
	if (n == 0)
		return bottom;
	out->legend = xcalloc(n, sizeof *out->legend);
	fl_text_wrap(out->fonts, FL_FONT_HEADER, "廉政风险点", 0, false,
	    &out->legend_title);
	double width = right - left < 200 ? 200 : right - left;
	for (size_t v = 0; v < out->n_nodes; v++) {
		const struct fl_node *node = &out->nodes[v];
		if (node->risk == 0)
			continue;
		struct fl_legend_item *li = &out->legend[out->n_legend++];
		char num[16];
		li->number = node->risk;
		fl_text_wrap(out->fonts, FL_FONT_LEGEND, f->steps[v].risk,
		    width - 2 * LEG_PAD_X - LEG_MARK_W, false, &li->text);
		snprintf(num, sizeof num, "%d", li->number);
		fl_text_wrap(out->fonts, FL_FONT_MARK, num, 0, false, &li->mark);
	}

	struct span *obs = legend_obstacles(out, &n_obs);
	double inner_left = left + (out->n_lanes ? LEG_INSET : 0);
	double inner_right = out->n_lanes ? out->lanes[out->n_lanes - 1].x +
	    out->lanes[out->n_lanes - 1].w - LEG_INSET : right;
	double inner_bottom = bottom - (out->n_lanes ? LEG_INSET : 0);
	double best = INFINITY, best_x = 0, best_y = 0, best_w = 0, best_h = 0;
	size_t best_cols = 1;
	bool best_beside = false, inside = false;
	for (size_t cols = n; cols >= 1; cols--) {
		/* the title beside the items only when they fill one row */
		for (int beside = cols == n; beside >= 0; beside--) {
			double w, h, x = INFINITY, y = 0;
			legend_shape(out, cols, beside, &w, &h);
			if (w > width)
				continue;
			/* below the chart, from its left */
			double area = legend_area(right, bottom, left,
			    bottom + LEG_BELOW, w, h);
			if (area < best - 0.01) {
				best = area;
				best_x = left;
				best_y = bottom + LEG_BELOW;
				best_w = w;
				best_h = h;
				best_cols = cols;
				best_beside = beside;
				inside = false;
			}
			/* inside: within the lanes, or beside a chart without
			 * them, which it may widen */
			area = legend_fit(obs, n_obs, inner_left, out->n_lanes ?
			    inner_right : INFINITY, top, inner_bottom, right, w, h,
			    &x, &y);
			if (out->n_lanes)
				area = legend_area(right, bottom, x, y, w, h +
				    LEG_INSET);
			if (area < best - 0.01) {
				best = area;
				best_x = x;
				best_y = y;
				best_w = w;
				best_h = h;
				best_cols = cols;
				best_beside = beside;
				inside = true;
			}
		}
	}
	if (best == INFINITY) {
		/* too wide for any shape: one column below, as wide as that */
		legend_shape(out, 1, false, &best_w, &best_h);
		best_x = left;
		best_y = bottom + LEG_BELOW;
	}
	legend_place(out, best_cols, best_beside, best_x, best_y, best_w,
	    best_h);
	free(obs);
	if (!inside)
		return best_y + best_h;
	bottom = best_y + best_h + (out->n_lanes ? LEG_INSET : 0);
	if (bottom > *lanes_bottom && out->n_lanes)
		*lanes_bottom = bottom;
	return bottom > *lanes_bottom ? bottom : *lanes_bottom;
}

/* The one sentence of <desc>: how many steps, where it starts and ends. */
static void
build_desc(struct flow_layout *out, const struct flow *f)
{
	struct buf b = {0};
	size_t decisions = 0, risks = 0;
	const char *last = NULL;

	for (size_t i = 0; i < f->n_steps; i++) {
		if (f->steps[i].kind == STEP_DECISION)
			decisions++;
		if (f->steps[i].risk != NULL)
			risks++;
		if (f->steps[i].kind == STEP_END && last == NULL)
			last = f->steps[i].text;
	}
	if (last == NULL)
		last = f->steps[f->n_steps - 1].text;
	buf_printf(&b, "%s流程图：共 %zu 个步骤", out->title, f->n_steps);
	if (decisions > 0)
		buf_printf(&b, "（其中 %zu 个判断）", decisions);
	buf_printf(&b, "，从“%s”开始，到“%s”结束", f->steps[0].text ?
	    f->steps[0].text : "", last ? last : "");
	if (f->n_lanes > 0) {
		buf_puts(&b, "，涉及");
		for (size_t l = 0; l < f->n_lanes; l++)
			buf_printf(&b, "%s%s", l ? "、" : "", f->lanes[l]);
	}
	if (risks > 0)
		buf_printf(&b, "，标出 %zu 个廉政风险点", risks);
	buf_puts(&b, "。");
	out->desc = buf_detach(&b);
}

/* Forgets what one variant of the layout made; the loops and the layers
 * stay. */
static void
work_reset(struct work *w)
{
	for (size_t e = 0; e < w->n_edges; e++) {
		free(w->chains ? w->chains[e].items : NULL);
		free(w->loops ? w->loops[e].items : NULL);
	}
	free(w->chains);
	free(w->loops);
	for (size_t i = 0; i < w->n_layers && w->layers != NULL; i++)
		free(w->layers[i]);
	free(w->layers);
	free(w->layer_len);
	free(w->node_item);
	free(w->node_main);
	free(w->edge_main);
	free(w->items);
	free(w->src_port);
	free(w->dst_port);
	free(w->ext_left);
	free(w->ext_right);
	free(w->out_dy);
	free(w->in_dy);
	free(w->main_kind);
	free(w->ch_lane);
	free(w->ch_x);
	free(w->src_direct);
	free(w->dst_direct);
	free(w->lane_x);
	free(w->lane_w);
	free(w->lane_origin);
	free(w->layer_top);
	free(w->layer_h);
	free(w->gap_top);
	free(w->gap_h);
	free(w->segs);
	free(w->ch_side);
	const struct flow *f = w->flow;
	struct flow_layout *out = w->out;
	const int *cls = (const int *)w->cls;
	const int *layer = w->node_layer;
	size_t n_nodes = w->n_nodes, n_edges = w->n_edges, n_lanes = w->n_lanes;
	size_t n_layers = w->n_layers;
	double top = w->content_top, sp = w->sp;
	memset(w, 0, sizeof *w);
	w->sp = sp;
	w->flow = f;
	w->out = out;
	w->cls = (enum edge_class *)cls;
	w->node_layer = (int *)layer;
	w->n_nodes = n_nodes;
	w->n_edges = n_edges;
	w->n_lanes = n_lanes;
	w->n_layers = n_layers;
	w->content_top = top;
}

static void
work_free(struct work *w)
{
	work_reset(w);
	free(w->cls);
	free(w->node_layer);
}

/* The choices a heuristic can get wrong, tried in turn (see work.h). */
struct variant {
	int dummies;             /* DUMMY_* */
	int channels;            /* CHANNEL_* */
	bool no_first;
	bool loop_items;
	int side;                /* side edges: SIDE_* */
};

/* The ranking a variant runs on: the plain one or with side edges. */
struct ranking {
	enum edge_class *cls;
	int *node_layer;
	size_t n_layers;
};

/* Whether a side edge runs through a box other than its ends (a lane
 * between its ends, or its source's lane beside the box, holds one on
 * that layer), or shares its side of a box with a loop or a decision's
 * branch: those edges are marked in bad (when not NULL). */
static bool
side_blocked(const struct work *w, bool *bad)
{
	const struct flow_layout *out = w->out;
	bool any = false;

	for (size_t e = 0; e < out->n_edges; e++) {
		const struct fl_edge *le = &out->edges[e];
		bool blocked = false;
		if (w->cls[e] != EC_SIDE || le->n_pts < 2)
			continue;
		for (size_t o = 0; o < out->n_edges && !blocked; o++) {
			if (o == e)
				continue;
			if ((out->edges[o].from == le->from &&
			    w->src_port[o] == w->src_port[e]) ||
			    (out->edges[o].to == le->from &&
			    w->dst_port[o] == w->src_port[e]) ||
			    (out->edges[o].from == le->to &&
			    w->src_port[o] == w->dst_port[e]) ||
			    (out->edges[o].to == le->to &&
			    w->dst_port[o] == w->dst_port[e]))
				blocked = true;
		}
		double x1 = le->pts[0], x2 = le->pts[2 * le->n_pts - 2];
		double y = le->pts[1];
		if (x1 > x2) {
			double t = x1;
			x1 = x2;
			x2 = t;
		}
		for (size_t v = 0; v < out->n_nodes && !blocked; v++) {
			const struct fl_node *n = &out->nodes[v];
			if (v == le->from || v == le->to)
				continue;
			if (n->x < x2 + 4 && x1 - 4 < n->x + n->w &&
			    n->y - 4 < y && y < n->y + n->h + 4)
				blocked = true;
		}
		if (blocked && bad != NULL)
			bad[e] = true;
		any = any || blocked;
	}
	return any;
}

/* One variant of the layout, from the layers on; returns its crossings. */
static size_t
run_variant(struct work *w, const struct variant *v,
    const struct ranking rankings[SIDE_LEVELS], bool *bad)
{
	const struct ranking *r = &rankings[v->side];

	if (r->n_layers == 0)
		return SIZE_MAX;
	work_reset(w);
	w->cls = r->cls;
	w->node_layer = r->node_layer;
	w->n_layers = r->n_layers;
	w->dummy_policy = v->dummies;
	w->channel_policy = v->channels;
	w->no_first = v->no_first;
	w->loop_items = v->loop_items;
	work_chains(w);
	work_order(w);
	work_channels(w);
	work_ports(w);
	work_place_x(w);
	work_route(w);
	if (v->side && side_blocked(w, bad))
		return SIZE_MAX - 1;
	return fl_count_crossings(w->out);
}

/* A decision's branch of one kind shows its label once, on its first
 * edge, however many steps it leads to. */
static void
drop_repeated_labels(struct flow_layout *out)
{
	for (size_t e = 0; e < out->n_edges; e++) {
		struct fl_edge *le = &out->edges[e];
		for (size_t o = 0; o < e && le->label.n_lines > 0; o++)
			if (out->edges[o].from == le->from &&
			    out->edges[o].kind == le->kind &&
			    out->edges[o].label.n_lines > 0)
				fl_text_free(&le->label);
	}
}

struct flow_layout *
fl_layout_build(const struct flow *f, struct fl_fonts *fonts, int wrap_chars,
    double sp)
{
	struct flow_layout *out = xcalloc(1, sizeof *out);
	struct work w = {0};
	double header_h = 0;
	int risk = 0;

	out->fonts = fonts;
	out->title = xstrdup(f->title != NULL && *f->title ? f->title : "流程图");

	/* lanes first: a wide lane's name lets its boxes be wider */
	out->n_lanes = f->n_lanes;
	out->lanes = xcalloc(f->n_lanes + 1, sizeof *out->lanes);
	for (size_t l = 0; l < f->n_lanes; l++) {
		struct fl_lane *lane = &out->lanes[l];
		lane->name = xstrdup(f->lanes[l]);
		fl_text_wrap(fonts, FL_FONT_HEADER, lane->name, HEADER_WRAP, true,
		    &lane->header);
		if (lane->header.h + 14 > header_h)
			header_h = lane->header.h + 14;
	}

	out->n_nodes = f->n_steps;
	out->nodes = xcalloc(f->n_steps, sizeof *out->nodes);
	for (size_t v = 0; v < f->n_steps; v++) {
		const struct flow_step *st = &f->steps[v];
		struct fl_node *n = &out->nodes[v];
		double wrap = wrap_chars * fl_font_size(FL_FONT_STEP);
		n->step = v;
		n->lane = f->n_lanes > 0 && st->lane_index >= 0 &&
		    (size_t)st->lane_index < f->n_lanes ? st->lane_index : -1;
		if (n->lane >= 0) {
			double hw = out->lanes[n->lane].header.w - 2 * PAD_X;
			if (hw > wrap)
				wrap = hw < WRAP_MAX ? hw : WRAP_MAX;
		}
		/* a risk's marker on a box's corner needs the screen's
		 * padding to stay clear of the text (a diamond's finds room) */
		size_node(fonts, st, wrap, st->risk != NULL &&
		    st->kind != STEP_DECISION ? 1 : sp, n);
		if (st->risk != NULL)
			n->risk = ++risk;
	}

	out->n_edges = f->n_edges;
	out->edges = xcalloc(f->n_edges + 1, sizeof *out->edges);
	for (size_t e = 0; e < f->n_edges; e++) {
		const struct flow_edge *fe = &f->edges[e];
		struct fl_edge *le = &out->edges[e];
		le->index = e;
		le->from = fe->from;
		le->to = fe->to;
		le->kind = fe->kind;
		if (f->steps[fe->from].kind != STEP_DECISION)
			continue;
		const char *label = fe->label;
		if (label == NULL)
			label = fe->kind == EDGE_NO ? "否" : "是";
		if (*label != '\0')
			fl_text_wrap(fonts, FL_FONT_LABEL, label, 80, true, &le->label);
	}

	w.flow = f;
	w.out = out;
	w.sp = sp;
	w.n_nodes = f->n_steps;
	w.n_edges = f->n_edges;
	w.n_lanes = f->n_lanes > 0 ? f->n_lanes : 1;
	w.content_top = MARGIN + header_h;
	out->lanes_top = MARGIN;
	out->header_h = header_h;
	work_classify(&w);
	work_rank(&w);
	/* Lanes leave choices a heuristic can get wrong: where long edges
	 * change lanes and where loops run. Try the few that matter and keep
	 * the one with the fewest crossings (the first on a tie, so the
	 * usual drawing wins when it is as good). */
	/* Side edges first, the most first: a chart up to a third less
	 * tall, when it crosses no more than without them. */
	static const struct variant lane_variants[] = {
		{DUMMY_HEURISTIC, CHANNEL_BEST, false, false, SIDE_ALL},
		{DUMMY_SOURCE, CHANNEL_BEST, false, false, SIDE_ALL},
		{DUMMY_HEURISTIC, CHANNEL_RIGHT, false, false, SIDE_ALL},
		{DUMMY_HEURISTIC, CHANNEL_BEST, false, true, SIDE_ALL},
		{DUMMY_HEURISTIC, CHANNEL_BEST, false, false, SIDE_BOXES},
		{DUMMY_SOURCE, CHANNEL_BEST, false, false, SIDE_BOXES},
		{DUMMY_HEURISTIC, CHANNEL_RIGHT, false, false, SIDE_BOXES},
		{DUMMY_HEURISTIC, CHANNEL_BEST, false, true, SIDE_BOXES},
		{DUMMY_HEURISTIC, CHANNEL_BEST, false, false, SIDE_STRICT},
		{DUMMY_SOURCE, CHANNEL_BEST, false, false, SIDE_STRICT},
		{DUMMY_HEURISTIC, CHANNEL_RIGHT, false, false, SIDE_STRICT},
		{DUMMY_HEURISTIC, CHANNEL_BEST, false, true, SIDE_STRICT},
		{DUMMY_HEURISTIC, CHANNEL_BEST, false, false, SIDE_NONE},
		{DUMMY_SOURCE, CHANNEL_BEST, false, false, SIDE_NONE},
		{DUMMY_TARGET, CHANNEL_BEST, false, false, SIDE_NONE},
		{DUMMY_HEURISTIC, CHANNEL_RIGHT, false, false, SIDE_NONE},
		{DUMMY_HEURISTIC, CHANNEL_BEST, true, false, SIDE_NONE},
		{DUMMY_HEURISTIC, CHANNEL_BEST, false, true, SIDE_NONE},
		{DUMMY_SOURCE, CHANNEL_BEST, false, true, SIDE_NONE},
	};
	/* without lanes, loops on the right unless elsewhere crosses less */
	static const struct variant plain_variants[] = {
		{DUMMY_HEURISTIC, CHANNEL_RIGHT, false, false, SIDE_NONE},
		{DUMMY_HEURISTIC, CHANNEL_RIGHT, true, false, SIDE_NONE},
		{DUMMY_HEURISTIC, CHANNEL_BEST, false, false, SIDE_NONE},
		{DUMMY_HEURISTIC, CHANNEL_BEST, true, false, SIDE_NONE},
		{DUMMY_HEURISTIC, CHANNEL_BEST, false, true, SIDE_NONE},
		{DUMMY_HEURISTIC, CHANNEL_BEST, true, true, SIDE_NONE},
	};
	const struct variant *variants = f->n_lanes > 1 ? lane_variants :
	    plain_variants;
	size_t n_variants = f->n_lanes > 1 ? NB_COUNT(lane_variants) :
	    NB_COUNT(plain_variants);
	struct ranking rankings[SIDE_LEVELS] = {{w.cls, w.node_layer,
	    w.n_layers}};
	/* A side ranking is settled on its first variant: a side edge that
	 * runs through a box or into a taken side of one goes down instead,
	 * and the rest are ranked again, until none is in the way. The first
	 * variant's crossings are kept for the search below. */
	size_t settled[SIDE_LEVELS], first_of[SIDE_LEVELS];
	double settled_area[SIDE_LEVELS];
	bool *refused = xcalloc(f->n_edges + 1, 1);
	bool *bad = xcalloc(f->n_edges + 1, 1);
	size_t state = SIZE_MAX;      /* the variant w holds */
	for (int k = 0; k < SIDE_LEVELS; k++) {
		settled[k] = SIZE_MAX;
		first_of[k] = SIZE_MAX;
		for (size_t i = n_variants; i-- > 0;)
			if (variants[i].side == k)
				first_of[k] = i;
	}
	for (int k = SIDE_ALL; k < SIDE_LEVELS && f->n_lanes > 1; k++) {
		struct ranking *r = &rankings[k];
		r->cls = xcalloc(f->n_edges + 1, sizeof *r->cls);
		r->node_layer = xcalloc(w.n_nodes + 1, sizeof *r->node_layer);
		memset(refused, 0, f->n_edges);
		for (;;) {
			/* on the plain ranking, which a run replaces in w */
			struct work plain = w;
			plain.cls = rankings[0].cls;
			plain.node_layer = rankings[0].node_layer;
			r->n_layers = work_rank_side(&plain, k, refused, r->cls,
			    r->node_layer);
			/* one the same as a bigger one's need not run again */
			for (int o = SIDE_ALL; o < k; o++)
				if (rankings[o].n_layers > 0 &&
				    memcmp(rankings[o].cls, r->cls, f->n_edges *
				    sizeof *r->cls) == 0)
					r->n_layers = 0;
			if (r->n_layers == 0 || first_of[k] == SIZE_MAX) {
				settled[k] = SIZE_MAX;
				break;
			}
			memset(bad, 0, f->n_edges);
			settled[k] = run_variant(&w, &variants[first_of[k]],
			    rankings, bad);
			state = first_of[k];
			settled_area[k] = w.content_right * w.content_bottom;
			if (settled[k] != SIZE_MAX - 1)
				break;
			/* every edge found in the way goes down: each round
			 * refuses one more at least, so this ends */
			for (size_t e = 0; e < f->n_edges; e++)
				refused[e] = refused[e] || bad[e];
		}
	}
	free(refused);
	free(bad);
	/* a side ranking whose first variant runs an edge through a box or
	 * into a taken side of one is not tried with the others: the loops'
	 * channels seldom change that, and each try costs a layout */
	bool blocked[SIDE_LEVELS] = {false};
	/* the fewest crossings win, then the smallest drawing */
	size_t best = 0, best_crossings = SIZE_MAX;
	double best_area = INFINITY;
	for (size_t i = 0; i < n_variants; i++) {
		int k = variants[i].side;
		if (blocked[k])
			continue;
		size_t c;
		double area;
		if (i == first_of[k] && settled[k] != SIZE_MAX) {
			c = settled[k];
			area = settled_area[k];
		} else {
			c = run_variant(&w, &variants[i], rankings, NULL);
			area = w.content_right * w.content_bottom;
			state = i;
		}
		if (c == SIZE_MAX - 1)
			blocked[k] = true;
		if (c < best_crossings || (c == best_crossings &&
		    area < best_area - 1)) {
			best_crossings = c;
			best_area = area;
			best = i;
		}
	}
	if (state != best)
		run_variant(&w, &variants[best], rankings, NULL);
	drop_repeated_labels(out);
	out->n_layers = w.n_layers;

	for (size_t v = 0; v < out->n_nodes; v++) {
		place_node_text(&out->nodes[v]);
		if (out->nodes[v].risk > 0)
			place_marker(fonts, &out->nodes[v]);
	}
	for (size_t l = 0; l < out->n_lanes; l++)
		fl_text_place(&out->lanes[l].header, out->lanes[l].x +
		    out->lanes[l].w / 2, MARGIN + (header_h -
		    out->lanes[l].header.h) / 2);

	double right = w.content_right;
	double bottom = w.content_bottom + (out->n_lanes ? 10 : 0);
	out->lanes_bottom = bottom;
	/* what the edges and labels reach, in case a loop's channel or a
	 * label goes past the lanes */
	for (size_t e = 0; e < out->n_edges; e++) {
		const struct fl_edge *le = &out->edges[e];
		for (size_t i = 0; i < le->n_pts; i++)
			if (le->pts[2 * i] > right)
				right = le->pts[2 * i];
		for (size_t i = 0; i < le->label.n_lines; i++)
			if (le->label.lines[i].x + le->label.lines[i].w > right)
				right = le->label.lines[i].x + le->label.lines[i].w;
	}
	for (size_t v = 0; v < out->n_nodes; v++)
		if (out->nodes[v].x + out->nodes[v].w > right)
			right = out->nodes[v].x + out->nodes[v].w;
	double lanes_bottom = bottom;
	bottom = build_legend(out, f, MARGIN, right, w.content_top, bottom,
	    &lanes_bottom);
	out->lanes_bottom = lanes_bottom;
	if (out->n_legend > 0 && out->legend_x + out->legend_w > right)
		right = out->legend_x + out->legend_w;
	out->width = ceil(right + MARGIN);
	out->height = ceil(bottom + MARGIN);
	build_desc(out, f);
	work_reset(&w);
	w.cls = rankings[0].cls;
	w.node_layer = rankings[0].node_layer;
	work_free(&w);
	for (int k = SIDE_ALL; k < SIDE_LEVELS; k++) {
		free(rankings[k].cls);
		free(rankings[k].node_layer);
	}
	return out;
}

struct flow_layout *
flow_layout_new(const struct flow *f, struct buf *err)
{
	return flow_layout_new_wrap(f, WRAP_CHARS, err);
}

static struct flow_layout *
layout_new(const struct flow *f, int wrap_chars, double sp, struct buf *err)
{
	struct fl_fonts *fonts;

	if (f == NULL || f->n_steps == 0) {
		buf_puts(err, _("the flow has no steps"));
		return NULL;
	}
	for (size_t e = 0; e < f->n_edges; e++)
		if (f->edges[e].from >= f->n_steps || f->edges[e].to >= f->n_steps) {
			buf_printf(err, _("edge %zu refers to a step that does "
			    "not exist"), e);
			return NULL;
		}
	fonts = fl_fonts_new(err);
	if (fonts == NULL)
		return NULL;
	return fl_layout_build(f, fonts,
	    wrap_chars > 0 ? wrap_chars : WRAP_CHARS, sp);
}

struct flow_layout *
flow_layout_new_wrap(const struct flow *f, int wrap_chars, struct buf *err)
{
	return layout_new(f, wrap_chars, 1, err);
}

struct flow_layout *
flow_layout_new_print(const struct flow *f, int wrap_chars, struct buf *err)
{
	return layout_new(f, wrap_chars, FL_PRINT_SP, err);
}

void
flow_layout_free(struct flow_layout *l)
{
	if (l == NULL)
		return;
	for (size_t v = 0; v < l->n_nodes; v++) {
		fl_text_free(&l->nodes[v].text);
		fl_text_free(&l->nodes[v].mark);
	}
	for (size_t e = 0; e < l->n_edges; e++) {
		free(l->edges[e].pts);
		fl_text_free(&l->edges[e].label);
	}
	for (size_t i = 0; i < l->n_lanes; i++) {
		free(l->lanes[i].name);
		fl_text_free(&l->lanes[i].header);
	}
	for (size_t i = 0; i < l->n_legend; i++) {
		fl_text_free(&l->legend[i].mark);
		fl_text_free(&l->legend[i].text);
	}
	fl_text_free(&l->legend_title);
	free(l->legend);
	free(l->nodes);
	free(l->edges);
	free(l->lanes);
	free(l->title);
	free(l->desc);
	fl_fonts_free(l->fonts);
	free(l);
}

void
flow_layout_size(const struct flow_layout *l, double *width_pt,
    double *height_pt)
{
	if (width_pt != NULL)
		*width_pt = l->width;
	if (height_pt != NULL)
		*height_pt = l->height;
}
