/* place.c: coordinates. x by the priority method inside each lane (the main
 * path first, so it stays straight), lanes as columns, side channels for
 * loops; then the horizontal tracks in the gaps between layers, y, and the
 * polylines and labels of the edges. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flow/work.h"

#define EPS 0.01

/* ---- x inside a lane ---- */

static double
gap_between(const struct work *w, const struct item *a,
    const struct item *b)
{
	if (a->node >= 0 && b->node >= 0)
		return SP(w, SP_NODE);
	if (a->node < 0 && b->node < 0)
		return SP(w, SP_DUMMY);
	return SP(w, SP_DUMMY_NODE);
}

static double
sep(const struct work *w, const struct item *a, const struct item *b)
{
	return a->right + gap_between(w, a, b) + b->left;
}

/* A link between two items of one lane in adjacent layers, seen from one
 * end: the other item and the x offset of the port at the upper end. */
struct plink {
	int other;
	double off_up;
	bool main;
};

struct plinks {
	struct plink *v;
	size_t *start;       /* per item: ups [start, mid), downs [mid, end) */
	size_t *mid;
	size_t *end;
};

static void
plinks_build(const struct work *w, struct plinks *pl)
{
	const struct flow *f = w->flow;
	size_t n = w->n_items, total = 0;
	size_t *n_up = xcalloc(n + 1, sizeof *n_up);
	size_t *n_down = xcalloc(n + 1, sizeof *n_down);

	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			pl->v = xcalloc(total + 1, sizeof *pl->v);
			pl->start = xcalloc(n + 1, sizeof *pl->start);
			pl->mid = xcalloc(n + 1, sizeof *pl->mid);
			pl->end = xcalloc(n + 1, sizeof *pl->end);
			size_t at = 0;
			for (size_t i = 0; i < n; i++) {
				pl->start[i] = at;
				pl->mid[i] = at;
				pl->end[i] = at + n_up[i];
				at += n_up[i] + n_down[i];
			}
		}
		for (size_t k = 0; k < 2 * f->n_edges; k++) {
			/* forward edges, then loops' channels */
			size_t e = k % f->n_edges;
			bool loop = k >= f->n_edges;
			const struct chain *c = loop ? &w->loops[e] : &w->chains[e];
			for (size_t j = 0; j + 1 < c->n_items; j++) {
				int a = c->items[j], b = c->items[j + 1];
				if (w->items[a].lane != w->items[b].lane)
					continue;
				if (pass == 0) {
					n_down[a]++;
					n_up[b]++;
					total += 2;
					continue;
				}
				double off = j == 0 && !loop ? work_port_dx(w,
				    w->items[a].node, w->src_port[e]) : 0;
				bool main = !loop && w->edge_main[e];
				pl->v[pl->mid[b]++] = (struct plink){a, off, main};
				pl->v[pl->end[a]++] = (struct plink){b, off, main};
			}
		}
	}
	free(n_up);
	free(n_down);
}

static void
plinks_free(struct plinks *pl)
{
	free(pl->v);
	free(pl->start);
	free(pl->mid);
	free(pl->end);
}

/* Moves item k of a lane's row towards want, pushing the items not yet
 * placed in this sweep and stopping at those already placed. */
static void
move_item(struct work *w, const int *ids, size_t n, const bool *fixed,
    size_t k, double want)
{
	struct item *it = &w->items[ids[k]];

	if (want > it->x + EPS) {
		double limit = want, acc = 0;
		for (size_t j = k + 1; j < n; j++) {
			acc += sep(w, &w->items[ids[j - 1]], &w->items[ids[j]]);
			if (fixed[j] && w->items[ids[j]].x - acc < limit)
				limit = w->items[ids[j]].x - acc;
		}
		if (limit <= it->x)
			return;
		it->x = limit;
		for (size_t j = k + 1; j < n; j++) {
			struct item *a = &w->items[ids[j - 1]], *b = &w->items[ids[j]];
			if (b->x < a->x + sep(w, a, b))
				b->x = a->x + sep(w, a, b);
		}
	} else if (want < it->x - EPS) {
		double limit = want, acc = 0;
		for (size_t j = k; j-- > 0;) {
			acc += sep(w, &w->items[ids[j]], &w->items[ids[j + 1]]);
			if (fixed[j] && w->items[ids[j]].x + acc > limit)
				limit = w->items[ids[j]].x + acc;
		}
		if (limit >= it->x)
			return;
		it->x = limit;
		for (size_t j = k; j-- > 0;) {
			struct item *a = &w->items[ids[j]], *b = &w->items[ids[j + 1]];
			if (a->x > b->x - sep(w, a, b))
				a->x = b->x - sep(w, a, b);
		}
	}
}

struct prio {
	size_t k;
	double prio;
	double want;
};

static int
cmp_prio(const void *pa, const void *pb)
{
	const struct prio *a = pa, *b = pb;

	if (a->prio != b->prio)
		return a->prio > b->prio ? -1 : 1;
	return (a->k > b->k) - (a->k < b->k);
}

/* One lane's part of a layer: each item wants to sit above (down sweep) or
 * below (up sweep) its neighbours; the main path wins, then long edges,
 * then the best connected boxes. */
static void
place_row(struct work *w, const struct plinks *pl, const int *ids, size_t n,
    bool down, struct prio *pr, bool *fixed)
{
	size_t m = 0;

	for (size_t k = 0; k < n; k++) {
		const struct item *it = &w->items[ids[k]];
		size_t from = down ? pl->start[ids[k]] : pl->mid[ids[k]];
		size_t to = down ? pl->mid[ids[k]] : pl->end[ids[k]];
		double sum = 0, main_x = 0;
		bool has_main = false, straight = false;
		size_t cnt = 0;
		/* Going up, a box follows the boxes straight below it, not
		 * those its side branches reach: a decision over two branches
		 * would otherwise creep sideways on every sweep. */
		for (size_t l = from; l < to && !down; l++)
			if (pl->v[l].off_up == 0)
				straight = true;
		for (size_t l = from; l < to; l++) {
			const struct plink *lk = &pl->v[l];
			const struct item *o = &w->items[lk->other];
			if (straight && lk->off_up != 0)
				continue;
			double x = down ? o->x + lk->off_up : o->x - lk->off_up;
			if (lk->main) {
				main_x = x;
				has_main = true;
			}
			sum += x;
			cnt++;
		}
		fixed[k] = false;
		if (cnt == 0)
			continue;
		pr[m].k = k;
		if (it->main && has_main) {
			pr[m].want = main_x;
			pr[m].prio = 1e6;
		} else {
			pr[m].want = sum / (double)cnt;
			pr[m].prio = it->node < 0 ? 1e4 : (double)cnt;
			/* a box straight below a box's bottom goes first: the
			 * side branch makes way, not the stem (else the box
			 * above follows the stem aside, sweep after sweep) */
			for (size_t l = from; l < to && down; l++)
				if (pl->v[l].off_up == 0 &&
				    w->items[pl->v[l].other].node >= 0) {
					pr[m].prio += 0.5;
					break;
				}
		}
		m++;
	}
	qsort(pr, m, sizeof *pr, cmp_prio);
	for (size_t i = 0; i < m; i++) {
		move_item(w, ids, n, fixed, pr[i].k, pr[i].want);
		fixed[pr[i].k] = true;
	}
}

static void
sweep_layer(struct work *w, const struct plinks *pl, size_t layer, bool down,
    struct prio *pr, bool *fixed)
{
	const int *row = w->layers[layer];
	size_t n = w->layer_len[layer];

	for (size_t s = 0; s < n;) {
		size_t e = s;
		while (e < n && w->items[row[e]].lane == w->items[row[s]].lane)
			e++;
		place_row(w, pl, row + s, e - s, down, pr, fixed);
		s = e;
	}
}

/* ---- lanes and side channels ---- */

struct loop_span {
	int edge;
	int lane;
	enum port side;
	int lo, hi;          /* layers */
};

static int
cmp_span(const void *pa, const void *pb)
{
	const struct loop_span *a = pa, *b = pb;
	int la = a->hi - a->lo, lb = b->hi - b->lo;

	if (la != lb)
		return la < lb ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo > b->lo ? -1 : 1;
	return (a->edge > b->edge) - (a->edge < b->edge);
}

/* Loops run in channels beside their lane's content over the layers they
 * span, the shortest loops nearest, so nested loops nest. */
static void
assign_channels(struct work *w, const double *content_left,
    const double *content_right)
{
	const struct flow *f = w->flow;
	struct loop_span *spans = xcalloc(f->n_edges + 1, sizeof *spans);
	size_t n = 0;

	w->ch_x = xcalloc(f->n_edges + 1, sizeof *w->ch_x);
	for (size_t e = 0; e < f->n_edges; e++) {
		if (w->cls[e] != EC_BACK || w->loops[e].n_items > 0)
			continue;
		int lu = w->node_layer[f->edges[e].from];
		int lv = w->node_layer[f->edges[e].to];
		spans[n].edge = (int)e;
		spans[n].lane = w->ch_lane[e];
		spans[n].side = w->ch_side[e];
		spans[n].lo = lu < lv ? lu : lv;
		spans[n].hi = lu < lv ? lv : lu;
		n++;
	}
	qsort(spans, n, sizeof *spans, cmp_span);
	for (size_t i = 0; i < n; i++) {
		const struct loop_span *s = &spans[i];
		bool right = s->side == PORT_RIGHT;
		double hug = right ? -INFINITY : INFINITY;
		for (int l = s->lo; l <= s->hi; l++) {
			size_t at = (size_t)s->lane * w->n_layers + (size_t)l;
			if (right && content_right[at] > hug)
				hug = content_right[at];
			if (!right && content_left[at] < hug)
				hug = content_left[at];
		}
		if (isinf(hug))
			hug = 0;
		double x = right ? hug + SP(w, CH_MARGIN) :
		    hug - SP(w, CH_MARGIN);
		for (size_t j = 0; j < i; j++) {
			const struct loop_span *o = &spans[j];
			if (o->lane != s->lane || o->side != s->side ||
			    o->lo > s->hi + 1 || s->lo > o->hi + 1)
				continue;
			if (right && w->ch_x[o->edge] + SP(w, CH_SPACING) > x)
				x = w->ch_x[o->edge] + SP(w, CH_SPACING);
			if (!right && w->ch_x[o->edge] - SP(w, CH_SPACING) < x)
				x = w->ch_x[o->edge] - SP(w, CH_SPACING);
		}
		w->ch_x[s->edge] = x;
	}
	free(spans);
}

void
work_place_x(struct work *w)
{
	const struct flow *f = w->flow;
	struct flow_layout *out = w->out;
	struct plinks pl;
	struct prio *pr = xcalloc(w->n_items + 1, sizeof *pr);
	bool *fixed = xcalloc(w->n_items + 1, 1);
	size_t nl = w->n_lanes;
	double *content_right = xcalloc(nl * w->n_layers, sizeof *content_right);
	double *content_left = xcalloc(nl * w->n_layers, sizeof *content_left);
	double *lo = xcalloc(nl, sizeof *lo), *hi = xcalloc(nl, sizeof *hi);

	plinks_build(w, &pl);
	/* start packed from the left, then sweep down and up */
	for (size_t i = 0; i < w->n_layers; i++) {
		const int *row = w->layers[i];
		for (size_t k = 0; k < w->layer_len[i]; k++) {
			struct item *it = &w->items[row[k]];
			if (k > 0 && w->items[row[k - 1]].lane == it->lane)
				it->x = w->items[row[k - 1]].x +
				    sep(w, &w->items[row[k - 1]], it);
			else
				it->x = it->left;
		}
	}
	for (int iter = 0; iter < 6; iter++) {
		for (size_t i = 1; i < w->n_layers; i++)
			sweep_layer(w, &pl, i, true, pr, fixed);
		for (size_t i = w->n_layers - 1; i-- > 0;)
			sweep_layer(w, &pl, i, false, pr, fixed);
	}
	for (size_t i = 1; i < w->n_layers; i++)
		sweep_layer(w, &pl, i, true, pr, fixed);

	/* each lane's content from 0 */
	for (size_t l = 0; l < nl; l++) {
		lo[l] = INFINITY;
		hi[l] = 0;
	}
	for (size_t i = 0; i < w->n_items; i++) {
		const struct item *it = &w->items[i];
		if (it->x - it->left < lo[it->lane])
			lo[it->lane] = it->x - it->left;
	}
	for (size_t i = 0; i < nl * w->n_layers; i++) {
		content_right[i] = -INFINITY;
		content_left[i] = INFINITY;
	}
	for (size_t i = 0; i < w->n_items; i++) {
		struct item *it = &w->items[i];
		it->x -= lo[it->lane];
		if (it->x + it->right > hi[it->lane])
			hi[it->lane] = it->x + it->right;
		size_t at = (size_t)it->lane * w->n_layers + (size_t)it->layer;
		if (it->x + it->right > content_right[at])
			content_right[at] = it->x + it->right;
		if (it->x - it->left < content_left[at])
			content_left[at] = it->x - it->left;
	}
	assign_channels(w, content_left, content_right);

	/* the lanes side by side */
	w->lane_x = xcalloc(nl, sizeof *w->lane_x);
	w->lane_w = xcalloc(nl, sizeof *w->lane_w);
	w->lane_origin = xcalloc(nl, sizeof *w->lane_origin);
	double x = MARGIN;
	for (size_t l = 0; l < nl; l++) {
		/* the content and the channels beside it */
		double first = 0, last = hi[l];
		for (size_t e = 0; e < f->n_edges; e++) {
			if (w->cls[e] != EC_BACK || (size_t)w->ch_lane[e] != l ||
			    w->loops[e].n_items > 0)
				continue;
			if (w->ch_x[e] + 6 > last)
				last = w->ch_x[e] + 6;
			if (w->ch_x[e] - 6 < first)
				first = w->ch_x[e] - 6;
		}
		double inner = last - first;
		double width = inner;
		if (out->n_lanes > 0) {
			width = inner + 2 * SP(w, LANE_PAD);
			if (out->lanes[l].header.w + 24 > width)
				width = out->lanes[l].header.w + 24;
			if (width < LANE_MIN_W)
				width = LANE_MIN_W;
		}
		w->lane_x[l] = x;
		w->lane_w[l] = width;
		w->lane_origin[l] = x + (width - inner) / 2 - first;
		x += width;
	}
	w->content_right = x;
	for (size_t i = 0; i < w->n_items; i++)
		w->items[i].x += w->lane_origin[w->items[i].lane];
	for (size_t e = 0; e < f->n_edges; e++)
		if (w->cls[e] == EC_BACK && w->loops[e].n_items == 0)
			w->ch_x[e] += w->lane_origin[w->ch_lane[e]];
	for (size_t v = 0; v < w->n_nodes; v++)
		out->nodes[v].x = w->items[w->node_item[v]].x - out->nodes[v].w / 2;
	for (size_t l = 0; l < out->n_lanes; l++) {
		out->lanes[l].x = w->lane_x[l];
		out->lanes[l].w = w->lane_w[l];
	}

	plinks_free(&pl);
	free(pr);
	free(fixed);
	free(content_right);
	free(content_left);
	free(lo);
	free(hi);
}

/* ---- routes ---- */

#define KEY_DUMMY (1L << 24)
#define KEY_LOOP (2L << 24)

static long
port_key(int node, enum port p)
{
	return (long)node * 8 + (long)p;
}

static void
add_seg(struct work *w, int gap, int edge, double x1, bool x1_up, double x2,
    bool x2_up, long src_key, long dst_key, int part)
{
	if (w->n_segs == w->cap_segs) {
		w->cap_segs = w->cap_segs ? w->cap_segs * 2 : 32;
		w->segs = xrealloc(w->segs, w->cap_segs * sizeof *w->segs);
	}
	w->segs[w->n_segs++] = (struct hseg){gap, edge, x1, x2, x1_up, x2_up,
	    src_key, dst_key, -1, 0, part};
}

static const struct hseg *
find_seg(const struct work *w, int edge, int part)
{
	for (size_t i = 0; i < w->n_segs; i++)
		if (w->segs[i].edge == edge && w->segs[i].part == part)
			return &w->segs[i];
	return NULL;
}

/* Whether a horizontal run in a layer, from x1 to x2, meets no box (with
 * the room beside it) but `except`'s. */
static bool
row_clear(const struct work *w, int layer, int except, double x1, double x2)
{
	double lo = x1 < x2 ? x1 : x2, hi = x1 < x2 ? x2 : x1;

	for (size_t k = 0; k < w->layer_len[layer]; k++) {
		const struct item *it = &w->items[w->layers[layer][k]];
		if (it->node < 0 || it->node == except)
			continue;
		if (it->x + it->right > lo && it->x - it->left < hi)
			return false;
	}
	return true;
}

static double
node_cx(const struct work *w, size_t v)
{
	return w->items[w->node_item[v]].x;
}

/* Where loop e's channel runs in a layer: its item there, or its one
 * channel outside the content. */
static double
loop_x(const struct work *w, size_t e, int layer)
{
	int it = work_loop_item(w, e, layer);

	return it < 0 ? w->ch_x[e] : w->items[it].x;
}

/* Whether a loop can run straight from the side of box v to its channel
 * at xc: the port faces the channel and nothing stands between. */
static bool
side_clear(const struct work *w, size_t v, enum port p, int layer, double xc)
{
	double half = w->out->nodes[v].w / 2, cx = node_cx(w, v);

	if (p == PORT_RIGHT)
		return xc > cx + half && row_clear(w, layer, (int)v, cx + half, xc);
	if (p == PORT_LEFT)
		return xc < cx - half && row_clear(w, layer, (int)v, xc, cx - half);
	return false;
}

/* The horizontal runs of every edge, before anything has a y. */
static void
collect_segs(struct work *w)
{
	const struct flow *f = w->flow;

	w->src_direct = xcalloc(f->n_edges + 1, 1);
	w->dst_direct = xcalloc(f->n_edges + 1, 1);
	for (size_t e = 0; e < f->n_edges; e++) {
		size_t a = f->edges[e].from, b = f->edges[e].to;
		if (w->cls[e] == EC_FORWARD) {
			const struct chain *c = &w->chains[e];
			double xa = node_cx(w, a) + work_port_dx(w, (int)a,
			    w->src_port[e]);
			long sk = port_key((int)a, w->src_port[e]);
			for (size_t j = 0; j + 1 < c->n_items; j++) {
				const struct item *lo = &w->items[c->items[j + 1]];
				long dk = lo->node >= 0 ? port_key(lo->node, PORT_TOP) :
				    KEY_DUMMY + c->items[j + 1];
				if (fabs(xa - lo->x) > EPS)
					add_seg(w, lo->layer, (int)e, xa, true, lo->x,
					    false, sk, dk, 0);
				xa = lo->x;
				sk = KEY_DUMMY + c->items[j + 1];
			}
			continue;
		}
		if (w->cls[e] != EC_BACK)
			continue;
		int lu = w->node_layer[a], lv = w->node_layer[b];
		double cxa = node_cx(w, a), cxb = node_cx(w, b);
		/* the channel at the source's layer and at the target's */
		double xs = loop_x(w, e, lu), xv = loop_x(w, e, lv);
		/* the channel runs up from the source's gap to the target's,
		 * or down in the odd flow whose loop ends lower */
		bool ch_up = lv <= lu;
		enum port sp = w->src_port[e], dp = w->dst_port[e];
		long key = KEY_LOOP + 1024 * (long)e;
		if (side_clear(w, a, sp, lu, xs)) {
			w->src_direct[e] = true;
		} else {
			double x1 = cxa + work_port_dx(w, (int)a, sp);
			add_seg(w, lu + 1, (int)e, x1, true, xs, ch_up,
			    port_key((int)a, sp), key, 0);
		}
		if (side_clear(w, b, dp, lv, xv)) {
			w->dst_direct[e] = true;
		} else {
			double x2 = cxb + work_port_dx(w, (int)b, dp);
			add_seg(w, lv, (int)e, xv, !ch_up, x2, false, key + 1,
			    port_key((int)b, dp), 1);
		}
		/* jogs of a channel laid out as items, between layers */
		const struct chain *c = &w->loops[e];
		for (size_t j = 0; j + 1 < c->n_items; j++) {
			const struct item *hi = &w->items[c->items[j]];
			const struct item *lo = &w->items[c->items[j + 1]];
			if (fabs(hi->x - lo->x) > EPS)
				add_seg(w, lo->layer, (int)e, lo->x, false, hi->x,
				    true, key + 2 + lo->layer, key + 2 + lo->layer,
				    2 + lo->layer);
		}
	}
}

/* A group: runs that share a track because they share a port. */
struct group {
	double lo, hi;
	double *ups, *downs;
	size_t n_ups, n_downs;
	int track;
	bool done;
};

static void
group_add_x(double **v, size_t *n, double x)
{
	for (size_t i = 0; i < *n; i++)
		if (fabs((*v)[i] - x) < EPS)
			return;
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = x;
}

/* Crossings and overlaps when group a runs above group b. */
static double
above_cost(const struct group *a, const struct group *b)
{
	double cost = 0;

	for (size_t i = 0; i < a->n_downs; i++) {
		double x = a->downs[i];
		if (x > b->lo + EPS && x < b->hi - EPS)
			cost += 1;
		for (size_t j = 0; j < b->n_ups; j++)
			if (fabs(x - b->ups[j]) < 0.5)
				cost += 1000;   /* verticals on top of each other */
	}
	for (size_t j = 0; j < b->n_ups; j++) {
		double x = b->ups[j];
		if (x > a->lo + EPS && x < a->hi - EPS)
			cost += 1;
	}
	return cost;
}

static bool
groups_meet(const struct group *a, const struct group *b)
{
	return a->lo <= b->hi + 3 && b->lo <= a->hi + 3;
}

/* Tracks for one gap: an order of the groups with few crossings (Eades'
 * greedy ordering of the preferences), then each group on the first track
 * below every earlier group it meets. Returns the number of tracks. */
static int
assign_tracks(struct group *g, size_t n)
{
	double *pref = xcalloc(n * n + 1, sizeof *pref);
	size_t *order = xcalloc(n + 1, sizeof *order);
	size_t *tail = xcalloc(n + 1, sizeof *tail);
	size_t n_head = 0, n_tail = 0, left = n;
	int tracks = 0;

	/* pref[a*n+b] > 0: a had better run above b */
	for (size_t a = 0; a < n; a++)
		for (size_t b = 0; b < n; b++)
			if (a != b && groups_meet(&g[a], &g[b]))
				pref[a * n + b] = above_cost(&g[b], &g[a]) -
				    above_cost(&g[a], &g[b]);
	while (left > 0) {
		bool moved = true;
		while (moved) {
			moved = false;
			for (size_t a = 0; a < n; a++) {
				if (g[a].done)
					continue;
				bool sink = true, source = true;
				for (size_t b = 0; b < n; b++) {
					if (b == a || g[b].done)
						continue;
					if (pref[a * n + b] > 0)
						sink = false;
					if (pref[b * n + a] > 0)
						source = false;
				}
				if (sink) {
					tail[n_tail++] = a;
				} else if (source) {
					order[n_head++] = a;
				} else {
					continue;
				}
				g[a].done = true;
				left--;
				moved = true;
			}
		}
		if (left == 0)
			break;
		size_t best = n;
		double best_score = -INFINITY;
		for (size_t a = 0; a < n; a++) {
			if (g[a].done)
				continue;
			double score = 0;
			for (size_t b = 0; b < n; b++)
				if (b != a && !g[b].done)
					score += pref[a * n + b];
			if (score > best_score) {
				best_score = score;
				best = a;
			}
		}
		order[n_head++] = best;
		g[best].done = true;
		left--;
	}
	while (n_tail > 0)
		order[n_head++] = tail[--n_tail];
	for (size_t i = 0; i < n; i++) {
		struct group *gi = &g[order[i]];
		gi->track = 0;
		for (size_t j = 0; j < i; j++) {
			const struct group *gj = &g[order[j]];
			if (groups_meet(gi, gj) && gj->track + 1 > gi->track)
				gi->track = gj->track + 1;
		}
		if (gi->track + 1 > tracks)
			tracks = gi->track + 1;
	}
	free(pref);
	free(order);
	free(tail);
	return tracks;
}

static size_t
count_key(const struct work *w, int gap, long key, bool src)
{
	size_t n = 0;

	for (size_t i = 0; i < w->n_segs; i++)
		if (w->segs[i].gap == gap &&
		    (src ? w->segs[i].src_key : w->segs[i].dst_key) == key)
			n++;
	return n;
}

/* Groups the runs of each gap and gives every group a track; returns the
 * number of tracks per gap. */
static int *
gap_tracks(struct work *w)
{
	size_t n_gaps = w->n_layers + 1;
	int *tracks = xcalloc(n_gaps, sizeof *tracks);
	long *gkey = xcalloc(w->n_segs + 1, sizeof *gkey);

	for (size_t i = 0; i < w->n_segs; i++) {
		struct hseg *s = &w->segs[i];
		if (count_key(w, s->gap, s->src_key, true) > 1)
			gkey[i] = 2 * s->src_key;
		else if (count_key(w, s->gap, s->dst_key, false) > 1)
			gkey[i] = 2 * s->dst_key + 1;
		else
			gkey[i] = -1 - (long)i;
	}
	for (size_t gap = 0; gap < n_gaps; gap++) {
		struct group *g = xcalloc(w->n_segs + 1, sizeof *g);
		long *keys = xcalloc(w->n_segs + 1, sizeof *keys);
		size_t n = 0;
		for (size_t i = 0; i < w->n_segs; i++) {
			struct hseg *s = &w->segs[i];
			if ((size_t)s->gap != gap)
				continue;
			size_t k = 0;
			while (k < n && keys[k] != gkey[i])
				k++;
			if (k == n) {
				keys[n] = gkey[i];
				g[n].lo = INFINITY;
				g[n].hi = -INFINITY;
				n++;
			}
			s->group = (int)k;
			double lo = s->x1 < s->x2 ? s->x1 : s->x2;
			double hi = s->x1 < s->x2 ? s->x2 : s->x1;
			if (lo < g[k].lo)
				g[k].lo = lo;
			if (hi > g[k].hi)
				g[k].hi = hi;
			if (s->x1_up)
				group_add_x(&g[k].ups, &g[k].n_ups, s->x1);
			else
				group_add_x(&g[k].downs, &g[k].n_downs, s->x1);
			if (s->x2_up)
				group_add_x(&g[k].ups, &g[k].n_ups, s->x2);
			else
				group_add_x(&g[k].downs, &g[k].n_downs, s->x2);
		}
		if (n > 0)
			tracks[gap] = assign_tracks(g, n);
		for (size_t i = 0; i < w->n_segs; i++)
			if ((size_t)w->segs[i].gap == gap)
				w->segs[i].group = g[w->segs[i].group].track;
		for (size_t k = 0; k < n; k++) {
			free(g[k].ups);
			free(g[k].downs);
		}
		free(g);
		free(keys);
	}
	free(gkey);
	return tracks;
}

/* ---- polylines ---- */

struct pts {
	double *v;
	size_t n, cap;
};

/* Adds a point, dropping repeats and merging straight runs, so that every
 * point of a polyline is a real bend. */
static void
pts_add(struct pts *p, double x, double y)
{
	if (p->n > 0 && fabs(p->v[2 * p->n - 2] - x) < EPS &&
	    fabs(p->v[2 * p->n - 1] - y) < EPS)
		return;
	if (p->n >= 2) {
		double x0 = p->v[2 * p->n - 4], y0 = p->v[2 * p->n - 3];
		double x1 = p->v[2 * p->n - 2], y1 = p->v[2 * p->n - 1];
		if ((fabs(x0 - x1) < EPS && fabs(x1 - x) < EPS) ||
		    (fabs(y0 - y1) < EPS && fabs(y1 - y) < EPS)) {
			p->v[2 * p->n - 2] = x;
			p->v[2 * p->n - 1] = y;
			return;
		}
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->v = xrealloc(p->v, 2 * p->cap * sizeof *p->v);
	}
	p->v[2 * p->n] = x;
	p->v[2 * p->n + 1] = y;
	p->n++;
}

static double
cy_of(const struct fl_node *n)
{
	return n->y + n->h / 2;
}

/* The point where an edge leaves its source box, and the turn beside it. */
static void
start_at(const struct work *w, size_t e, struct pts *p)
{
	const struct flow_edge *fe = &w->flow->edges[e];
	const struct fl_node *n = &w->out->nodes[fe->from];
	double cx = n->x + n->w / 2, cy = cy_of(n);
	bool diamond = n->shape == FL_DIAMOND;

	switch (w->src_port[e]) {
	case PORT_RIGHT:
		pts_add(p, n->x + n->w, diamond ? cy :
		    cy + w->out_dy[2 * fe->from]);
		break;
	case PORT_LEFT:
		pts_add(p, n->x, diamond ? cy : cy + w->out_dy[2 * fe->from + 1]);
		break;
	default:
		pts_add(p, cx, n->y + n->h);
		break;
	}
}

static void
route_forward(struct work *w, size_t e, struct pts *p)
{
	const struct flow_edge *fe = &w->flow->edges[e];
	const struct chain *c = &w->chains[e];
	const struct fl_node *src = &w->out->nodes[fe->from];
	double x;

	start_at(w, e, p);
	if (w->src_port[e] == PORT_RIGHT || w->src_port[e] == PORT_LEFT)
		pts_add(p, src->x + src->w / 2 + work_port_dx(w, (int)fe->from,
		    w->src_port[e]), p->v[2 * p->n - 1]);
	x = p->v[2 * p->n - 2];
	for (size_t j = 1; j < c->n_items; j++) {
		const struct item *it = &w->items[c->items[j]];
		const struct hseg *s = NULL;
		for (size_t i = 0; i < w->n_segs; i++)
			if (w->segs[i].edge == (int)e &&
			    w->segs[i].gap == it->layer) {
				s = &w->segs[i];
				break;
			}
		if (s != NULL) {
			pts_add(p, x, s->y);
			pts_add(p, s->x2, s->y);
			x = s->x2;
		}
		if (it->node >= 0)
			pts_add(p, x, w->out->nodes[it->node].y);
		else
			pts_add(p, x, w->layer_top[it->layer] +
			    w->layer_h[it->layer]);
	}
}

/* Across to the next lane's box on the same layer: both boxes are centred
 * on the layer, so it is one straight line. */
static void
route_side(struct work *w, size_t e, struct pts *p)
{
	const struct fl_node *b = &w->out->nodes[w->flow->edges[e].to];

	start_at(w, e, p);
	pts_add(p, w->dst_port[e] == PORT_LEFT ? b->x : b->x + b->w,
	    p->v[2 * p->n - 1]);
}

static void
route_back(struct work *w, size_t e, struct pts *p)
{
	const struct flow_edge *fe = &w->flow->edges[e];
	const struct fl_node *a = &w->out->nodes[fe->from];
	const struct fl_node *b = &w->out->nodes[fe->to];
	int lu = w->node_layer[fe->from], lv = w->node_layer[fe->to];
	double cxa = a->x + a->w / 2, cxb = b->x + b->w / 2;
	double x = loop_x(w, e, lu);

	start_at(w, e, p);
	if (w->src_direct[e]) {
		pts_add(p, x, p->v[2 * p->n - 1]);
	} else {
		const struct hseg *s = find_seg(w, (int)e, 0);
		double x1 = cxa + work_port_dx(w, (int)fe->from, w->src_port[e]);
		pts_add(p, x1, p->v[2 * p->n - 1]);
		pts_add(p, x1, s->y);
		pts_add(p, x, s->y);
	}
	/* along the channel, with its jogs (a channel laid out as items has
	 * them), to the target's layer */
	int step = lv <= lu ? -1 : 1;
	for (int l = lu; l != lv && w->loops[e].n_items > 0; l += step) {
		int lower = step < 0 ? l : l + 1;
		const struct hseg *s = find_seg(w, (int)e, 2 + lower);
		if (s != NULL) {
			pts_add(p, x, s->y);
			x = step < 0 ? s->x2 : s->x1;
			pts_add(p, x, s->y);
		}
	}
	bool diamond = b->shape == FL_DIAMOND;
	enum port dp = w->dst_port[e];
	double in_y = diamond ? cy_of(b) :
	    cy_of(b) + w->in_dy[2 * fe->to + (dp == PORT_LEFT)];
	double edge_x = dp == PORT_LEFT ? b->x : b->x + b->w;
	if (w->dst_direct[e]) {
		pts_add(p, x, in_y);
		pts_add(p, edge_x, in_y);
		return;
	}
	const struct hseg *s = find_seg(w, (int)e, 1);
	pts_add(p, x, s->y);
	if (dp == PORT_TOP) {
		pts_add(p, cxb, s->y);
		pts_add(p, cxb, b->y);
	} else {
		double xt = cxb + work_port_dx(w, (int)fe->to, dp);
		pts_add(p, xt, s->y);
		pts_add(p, xt, in_y);
		pts_add(p, edge_x, in_y);
	}
}

static void
route_self(struct work *w, size_t e, struct pts *p)
{
	const struct flow_edge *fe = &w->flow->edges[e];
	const struct fl_node *n = &w->out->nodes[fe->from];
	double right = n->x + n->w, cy = cy_of(n);
	double xt = right + w->ext_right[fe->from];

	if (n->shape == FL_DIAMOND) {
		pts_add(p, right, cy);
		pts_add(p, xt, cy);
		pts_add(p, xt, cy - n->h / 4);
		pts_add(p, n->x + n->w * 0.75, cy - n->h / 4);
		return;
	}
	double d = n->h / 4 < 10 ? n->h / 4 : 10;
	pts_add(p, right, cy + d);
	pts_add(p, xt, cy + d);
	pts_add(p, xt, cy - d);
	pts_add(p, right, cy - d);
}

/* ---- labels ---- */

static bool
has_self_loop(const struct work *w, size_t v)
{
	for (size_t e = 0; e < w->flow->n_edges; e++)
		if (w->cls[e] == EC_SELF && w->flow->edges[e].from == v)
			return true;
	return false;
}

/* One label per branch of a decision, beside the edge just out of the
 * vertex: right of the stem below it, or above the run out of a side. */
static void
place_labels(struct work *w)
{
	const struct flow *f = w->flow;
	struct flow_layout *out = w->out;

	for (size_t e = 0; e < f->n_edges; e++) {
		struct fl_edge *le = &out->edges[e];
		const struct fl_node *n = &out->nodes[f->edges[e].from];
		if (le->label.n_lines == 0)
			continue;
		double cx = n->x + n->w / 2, cy = cy_of(n);
		double lw = le->label.w, lh = le->label.h;
		switch (w->src_port[e]) {
		case PORT_RIGHT:
			fl_text_place_left(&le->label, n->x + n->w + 4,
			    has_self_loop(w, f->edges[e].from) ? cy + 3 :
			    cy - 2 - lh);
			break;
		case PORT_LEFT:
			fl_text_place_left(&le->label, n->x - 4 - lw, cy - 2 - lh);
			break;
		default:
			fl_text_place_left(&le->label, cx + 5, n->y + n->h + 3);
			break;
		}
	}
}

/* The room a bottom label needs below its layer's band. */
static double
label_band(const struct work *w, size_t layer)
{
	const struct flow *f = w->flow;
	double band = 0;

	for (size_t e = 0; e < f->n_edges; e++) {
		const struct fl_edge *le = &w->out->edges[e];
		size_t v = f->edges[e].from;
		if (le->label.n_lines == 0 || w->src_port[e] != PORT_BOTTOM ||
		    (size_t)w->node_layer[v] != layer)
			continue;
		const struct fl_node *n = &w->out->nodes[v];
		double below = (w->layer_h[layer] + n->h) / 2 + 3 + le->label.h +
		    3 - w->layer_h[layer];
		if (below > band)
			band = below;
	}
	return band;
}

void
work_route(struct work *w)
{
	const struct flow *f = w->flow;
	struct flow_layout *out = w->out;
	size_t nl = w->n_layers;
	int *tracks;
	double *band = xcalloc(nl + 1, sizeof *band);

	collect_segs(w);
	tracks = gap_tracks(w);

	w->layer_top = xcalloc(nl, sizeof *w->layer_top);
	w->layer_h = xcalloc(nl, sizeof *w->layer_h);
	w->gap_top = xcalloc(nl + 1, sizeof *w->gap_top);
	w->gap_h = xcalloc(nl + 1, sizeof *w->gap_h);
	for (size_t v = 0; v < w->n_nodes; v++) {
		size_t l = (size_t)w->node_layer[v];
		if (out->nodes[v].h > w->layer_h[l])
			w->layer_h[l] = out->nodes[v].h;
	}
	for (size_t l = 0; l < nl; l++)
		band[l + 1] = label_band(w, l);

	/* gaps: room for the labels under a layer, then the tracks */
	double y = w->content_top;
	for (size_t g = 0; g <= nl; g++) {
		int n = tracks[g];
		double h, first;
		if (g == 0) {
			h = n ? 8 + (n - 1) * TRACK_SP + GAP_PAD_BOTTOM :
			    (out->n_lanes ? 14 : 0);
			first = y + 8;
		} else if (g == nl) {
			h = band[g] + (n ? GAP_PAD_TOP + (n - 1) * TRACK_SP + 8 : 4);
			first = y + band[g] + GAP_PAD_TOP;
		} else {
			double need = band[g] + GAP_PAD_TOP + (n > 0 ? n - 1 : 0) *
			    TRACK_SP + GAP_PAD_BOTTOM;
			h = need > GAP_MIN + band[g] ? need : GAP_MIN + band[g];
			double room = h - band[g] - GAP_PAD_TOP - GAP_PAD_BOTTOM;
			first = y + band[g] + GAP_PAD_TOP +
			    (room - (n > 0 ? n - 1 : 0) * TRACK_SP) / 2;
		}
		w->gap_top[g] = y;
		w->gap_h[g] = h;
		for (size_t i = 0; i < w->n_segs; i++)
			if ((size_t)w->segs[i].gap == g)
				w->segs[i].y = first + w->segs[i].group * TRACK_SP;
		y += h;
		if (g < nl) {
			w->layer_top[g] = y;
			y += w->layer_h[g];
		}
	}
	w->content_bottom = y;
	for (size_t v = 0; v < w->n_nodes; v++) {
		size_t l = (size_t)w->node_layer[v];
		out->nodes[v].y = w->layer_top[l] + (w->layer_h[l] -
		    out->nodes[v].h) / 2;
		out->nodes[v].layer = (int)l;
	}

	for (size_t e = 0; e < f->n_edges; e++) {
		struct pts p = {0};
		if (w->cls[e] == EC_FORWARD)
			route_forward(w, e, &p);
		else if (w->cls[e] == EC_BACK)
			route_back(w, e, &p);
		else if (w->cls[e] == EC_SIDE)
			route_side(w, e, &p);
		else
			route_self(w, e, &p);
		free(out->edges[e].pts);
		out->edges[e].pts = p.v;
		out->edges[e].n_pts = p.n;
		out->edges[e].back = w->cls[e] == EC_BACK ||
		    w->cls[e] == EC_SELF;
	}
	place_labels(w);
	free(tracks);
	free(band);
}

/* ---- crossings ---- */

static bool
near_box(const struct fl_node *n, double x, double y)
{
	return x >= n->x - 8 && x <= n->x + n->w + 8 && y >= n->y - 8 &&
	    y <= n->y + n->h + 8;
}

size_t
fl_count_crossings(const struct flow_layout *l)
{
	size_t total = 0;

	for (size_t a = 0; a < l->n_edges; a++) {
		const struct fl_edge *ea = &l->edges[a];
		for (size_t b = a + 1; b < l->n_edges; b++) {
			const struct fl_edge *eb = &l->edges[b];
			for (size_t i = 0; i + 1 < ea->n_pts; i++) {
				for (size_t j = 0; j + 1 < eb->n_pts; j++) {
					const double *p = &ea->pts[2 * i];
					const double *q = &eb->pts[2 * j];
					const double *h = NULL, *v = NULL;
					if (fabs(p[1] - p[3]) < EPS &&
					    fabs(q[0] - q[2]) < EPS) {
						h = p;
						v = q;
					} else if (fabs(q[1] - q[3]) < EPS &&
					    fabs(p[0] - p[2]) < EPS) {
						h = q;
						v = p;
					} else {
						continue;
					}
					double x = v[0], y = h[1];
					if (!(x > fmin(h[0], h[2]) + EPS &&
					    x < fmax(h[0], h[2]) - EPS &&
					    y > fmin(v[1], v[3]) + EPS &&
					    y < fmax(v[1], v[3]) - EPS))
						continue;
					/* edges meeting at a box do not cross
					 * there */
					size_t ends_a[2] = {ea->from, ea->to};
					bool skip = false;
					for (int k = 0; k < 2; k++)
						if ((ends_a[k] == eb->from ||
						    ends_a[k] == eb->to) &&
						    near_box(&l->nodes[ends_a[k]], x, y))
							skip = true;
					if (!skip)
						total++;
				}
			}
		}
	}
	return total;
}
