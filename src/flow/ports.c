/* ports.c: where loops run (side channels beside a lane's content, chosen
 * with the other loops so they cross least), which side of a box each edge
 * leaves and enters by, the room beside boxes for turns and labels, and the
 * main path, kept in one straight line. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "flow/work.h"

/* ---- side channels for loops ---- */

/* An item's place across the lanes: its lane plus its share of the lane's
 * row. A channel right of lane l is at l + 0.9999, left of it l + 0.0001. */
static double
item_key(const struct work *w, int item)
{
	const struct item *it = &w->items[item];
	size_t layer = (size_t)it->layer, rank = 0, count = 0;

	for (size_t k = 0; k < w->layer_len[layer]; k++) {
		const struct item *o = &w->items[w->layers[layer][k]];
		if (o->lane != it->lane)
			continue;
		if (o->pos < it->pos)
			rank++;
		count++;
	}
	return it->lane + (double)(rank + 1) / (double)(count + 1);
}

static double
channel_key(int lane, enum port side)
{
	return lane + (side == PORT_RIGHT ? 0.9999 : 0.0001);
}

static bool
between(double x, double a, double b)
{
	return (a < x && x < b) || (b < x && x < a);
}

/* What a loop's channel at key ck would cross: runs of forward edges in
 * the gaps it passes, and the items between its ends and the channel. */
static double
channel_cost(const struct work *w, const struct layer_links *ll, size_t e,
    double ck)
{
	const struct flow_edge *fe = &w->flow->edges[e];
	int iu = w->node_item[fe->from], iv = w->node_item[fe->to];
	int lu = w->items[iu].layer, lv = w->items[iv].layer;
	int lo = lu < lv ? lu : lv, hi = lu < lv ? lv : lu;
	double cost = 0;

	for (int i = lo; i < hi; i++) {
		const struct layer_links *l = &ll[i];
		for (size_t k = 0; k < l->n_fw; k++)
			if ((item_key(w, l->fw[k][0]) < ck) !=
			    (item_key(w, l->fw[k][1]) < ck))
				cost += 1;
	}
	int ends[2] = {iu, iv};
	for (int k = 0; k < 2; k++) {
		double key = item_key(w, ends[k]);
		size_t layer = (size_t)w->items[ends[k]].layer;
		for (size_t j = 0; j < w->layer_len[layer]; j++) {
			int o = w->layers[layer][j];
			if (o != ends[k] && between(item_key(w, o), key, ck))
				cost += w->items[o].node >= 0 ? 1.5 : 1;
		}
	}
	return cost;
}

/* A loop and the places its channel may take. */
struct loop {
	size_t edge;
	int lo, hi;              /* the layers it spans */
	int layer[2];            /* its ends: source, target */
	double key[2];
	size_t n_cand, choice;
	int *lane;
	enum port *side;
	double *cost;
};

static double
cand_key(const struct loop *l, size_t c)
{
	return channel_key(l->lane[c], l->side[c]);
}

/* Crossings between two loops in the places given: channels beside the
 * same content cross when their spans overlap without nesting; otherwise a
 * loop's end runs across the other's channel on its way to its own. */
static double
loop_pair_cost(const struct loop *a, size_t ca, const struct loop *b,
    size_t cb)
{
	double cost = 0;

	if (a->lane[ca] == b->lane[cb] && a->side[ca] == b->side[cb])
		return (a->lo < b->lo && b->lo < a->hi && a->hi < b->hi) ||
		    (b->lo < a->lo && a->lo < b->hi && b->hi < a->hi) ? 1 : 0;
	for (int k = 0; k < 2; k++) {
		if (a->lo < b->layer[k] && b->layer[k] < a->hi &&
		    between(cand_key(a, ca), b->key[k], cand_key(b, cb)))
			cost += 1;
		if (b->lo < a->layer[k] && a->layer[k] < b->hi &&
		    between(cand_key(b, cb), a->key[k], cand_key(a, ca)))
			cost += 1;
	}
	return cost;
}

/* Each loop's channel: right of the later lane's content by default, or
 * wherever it crosses less, alone and with the other loops (a few rounds
 * of moving one loop at a time while that helps). */
void
work_channels(struct work *w)
{
	const struct flow *f = w->flow;

	w->ch_lane = xcalloc(f->n_edges + 1, sizeof *w->ch_lane);
	w->ch_side = xcalloc(f->n_edges + 1, sizeof *w->ch_side);
	/* channels laid out as items: the order has placed them already */
	if (w->loop_items)
		return;

	struct layer_links *ll = work_links_new(w);
	struct loop *loops = xcalloc(f->n_edges + 1, sizeof *loops);
	size_t n = 0;
	int n_lanes = (int)w->n_lanes;

	for (size_t e = 0; e < f->n_edges; e++) {
		if (w->cls[e] != EC_BACK)
			continue;
		struct loop *l = &loops[n++];
		int iu = w->node_item[f->edges[e].from];
		int iv = w->node_item[f->edges[e].to];
		int a = w->items[iu].lane, b = w->items[iv].lane;
		int hi_lane = a > b ? a : b;
		l->edge = e;
		l->layer[0] = w->items[iu].layer;
		l->layer[1] = w->items[iv].layer;
		l->lo = l->layer[0] < l->layer[1] ? l->layer[0] : l->layer[1];
		l->hi = l->layer[0] < l->layer[1] ? l->layer[1] : l->layer[0];
		l->key[0] = item_key(w, iu);
		l->key[1] = item_key(w, iv);
		size_t max = w->channel_policy == CHANNEL_RIGHT ? 1 :
		    2 * (size_t)n_lanes;
		l->lane = xcalloc(max, sizeof *l->lane);
		l->side = xcalloc(max, sizeof *l->side);
		l->cost = xcalloc(max, sizeof *l->cost);
		/* the first place is the default */
		l->lane[0] = hi_lane;
		l->side[0] = PORT_RIGHT;
		l->n_cand = 1;
		for (int lane = 0; lane < n_lanes && max > 1; lane++) {
			for (int s = 0; s < 2; s++) {
				enum port side = s ? PORT_LEFT : PORT_RIGHT;
				if (lane == hi_lane && side == PORT_RIGHT)
					continue;
				l->lane[l->n_cand] = lane;
				l->side[l->n_cand] = side;
				l->n_cand++;
			}
		}
		for (size_t c = 0; c < l->n_cand; c++) {
			/* a little for straying from the default, so a tie
			 * keeps it, and more the farther */
			l->cost[c] = channel_cost(w, ll, e, cand_key(l, c));
			if (c > 0)
				l->cost[c] += 0.01 + 0.001 * abs(hi_lane - l->lane[c]);
		}
	}
	for (int round = 0; round < 8; round++) {
		bool moved = false;
		for (size_t i = 0; i < n; i++) {
			struct loop *l = &loops[i];
			double best = INFINITY;
			size_t best_c = l->choice;
			for (size_t c = 0; c < l->n_cand; c++) {
				double cost = l->cost[c];
				for (size_t j = 0; j < n; j++)
					if (j != i)
						cost += loop_pair_cost(l, c, &loops[j],
						    loops[j].choice);
				if (cost < best - 1e-9) {
					best = cost;
					best_c = c;
				}
			}
			if (best_c != l->choice) {
				l->choice = best_c;
				moved = true;
			}
		}
		if (!moved)
			break;
	}
	for (size_t i = 0; i < n; i++) {
		w->ch_lane[loops[i].edge] = loops[i].lane[loops[i].choice];
		w->ch_side[loops[i].edge] = loops[i].side[loops[i].choice];
		free(loops[i].lane);
		free(loops[i].side);
		free(loops[i].cost);
	}
	free(loops);
	work_links_free(ll, w->n_layers);
}

/* Which side of its end box a loop's channel lies on. */
static enum port
side_towards(const struct work *w, size_t e, size_t node)
{
	if (w->loop_items) {
		const struct item *n = &w->items[w->node_item[node]];
		int it = work_loop_item(w, e, n->layer);
		return it >= 0 && w->items[it].pos < n->pos ? PORT_LEFT :
		    PORT_RIGHT;
	}
	double ck = channel_key(w->ch_lane[e], w->ch_side[e]);

	return ck > item_key(w, w->node_item[node]) ? PORT_RIGHT : PORT_LEFT;
}

/* ---- ports and the main path ---- */

/* For ports a decision's branches are yes and no; anything else (only in a
 * flow built by hand) goes with yes. */
static int
branch_of(const struct flow_edge *e)
{
	return e->kind == EDGE_NO ? EDGE_NO : EDGE_YES;
}

double
work_port_dx(const struct work *w, int node, enum port p)
{
	const struct fl_node *n = &w->out->nodes[node];

	switch (p) {
	case PORT_RIGHT:
		return n->w / 2 + w->ext_right[node];
	case PORT_LEFT:
		return -(n->w / 2 + w->ext_left[node]);
	default:
		return 0;
	}
}

static double
label_room(const struct fl_edge *e)
{
	return e->label.n_lines > 0 ? e->label.w + 14 : 0;
}

void
work_ports(struct work *w)
{
	const struct flow *f = w->flow;
	struct flow_layout *out = w->out;
	size_t ne = f->n_edges;

	w->src_port = xcalloc(ne + 1, sizeof *w->src_port);
	w->dst_port = xcalloc(ne + 1, sizeof *w->dst_port);
	w->ext_left = xcalloc(w->n_nodes, sizeof *w->ext_left);
	w->ext_right = xcalloc(w->n_nodes, sizeof *w->ext_right);
	w->out_dy = xcalloc(2 * w->n_nodes, sizeof *w->out_dy);
	w->in_dy = xcalloc(2 * w->n_nodes, sizeof *w->in_dy);
	w->main_kind = xcalloc(w->n_nodes, sizeof *w->main_kind);
	w->node_main = xcalloc(w->n_nodes, sizeof *w->node_main);
	w->edge_main = xcalloc(ne + 1, sizeof *w->edge_main);

	for (size_t v = 0; v < w->n_nodes; v++) {
		bool decision = out->nodes[v].shape == FL_DIAMOND;
		int main_kind = EDGE_YES;
		enum port side = PORT_RIGHT;

		if (decision) {
			bool fwd[3] = {false, false, false};
			bool looped = false;
			double main_max = -1, other_min = 1e9;
			for (size_t e = 0; e < ne; e++)
				if (f->edges[e].from == v && w->cls[e] == EC_FORWARD)
					fwd[branch_of(&f->edges[e])] = true;
			main_kind = fwd[EDGE_YES] ? EDGE_YES :
			    fwd[EDGE_NO] ? EDGE_NO : EDGE_YES;
			for (size_t e = 0; e < ne; e++) {
				if (f->edges[e].from != v)
					continue;
				bool is_main = branch_of(&f->edges[e]) == main_kind;
				if (w->cls[e] != EC_FORWARD) {
					/* the side branch loops: it leaves
					 * towards its channel */
					if (!is_main && !looped) {
						looped = true;
						side = w->cls[e] == EC_BACK ?
						    side_towards(w, e, v) : PORT_RIGHT;
					}
					continue;
				}
				double p = w->items[w->chains[e].items[1]].pos;
				if (is_main && p > main_max)
					main_max = p;
				if (!is_main && p < other_min)
					other_min = p;
			}
			/* else it leaves towards its target */
			if (!looped && other_min < main_max)
				side = PORT_LEFT;
		}
		w->main_kind[v] = main_kind;
		for (size_t e = 0; e < ne; e++) {
			const struct flow_edge *fe = &f->edges[e];
			if (fe->from != v)
				continue;
			if (w->cls[e] == EC_SELF)
				w->src_port[e] = PORT_RIGHT;
			else if (w->cls[e] == EC_SIDE)
				w->src_port[e] = work_node_lane(w, fe->to) >
				    work_node_lane(w, v) ? PORT_RIGHT : PORT_LEFT;
			else if (decision)
				w->src_port[e] = branch_of(fe) == main_kind ?
				    PORT_BOTTOM : side;
			else
				w->src_port[e] = w->cls[e] == EC_FORWARD ?
				    PORT_BOTTOM : side_towards(w, e, v);
		}
	}
	/* loops come back into the side facing their channel, or into a
	 * decision's top when that vertex is taken by a branch */
	for (size_t e = 0; e < ne; e++) {
		size_t to = f->edges[e].to;
		if (w->cls[e] == EC_FORWARD) {
			w->dst_port[e] = PORT_TOP;
			continue;
		}
		if (w->cls[e] == EC_SELF) {
			w->dst_port[e] = PORT_RIGHT;
			continue;
		}
		if (w->cls[e] == EC_SIDE) {
			w->dst_port[e] = w->src_port[e] == PORT_RIGHT ?
			    PORT_LEFT : PORT_RIGHT;
			continue;
		}
		enum port side = side_towards(w, e, to);
		w->dst_port[e] = side;
		if (out->nodes[to].shape == FL_DIAMOND)
			for (size_t o = 0; o < ne; o++)
				if (f->edges[o].from == to && w->src_port[o] == side)
					w->dst_port[e] = PORT_TOP;
	}
	/* room beside the boxes for the turns and the labels */
	for (size_t e = 0; e < ne; e++) {
		size_t a = f->edges[e].from, b = f->edges[e].to;
		double room = EXT_PORT;
		if (out->nodes[a].shape == FL_DIAMOND) {
			double lr = label_room(&out->edges[e]);
			if (lr > room)
				room = lr;
		}
		if (w->src_port[e] == PORT_RIGHT && w->ext_right[a] < room)
			w->ext_right[a] = room;
		if (w->src_port[e] == PORT_LEFT && w->ext_left[a] < room)
			w->ext_left[a] = room;
		if (w->dst_port[e] == PORT_RIGHT && w->ext_right[b] < EXT_PORT)
			w->ext_right[b] = EXT_PORT;
		if (w->dst_port[e] == PORT_LEFT && w->ext_left[b] < EXT_PORT)
			w->ext_left[b] = EXT_PORT;
	}
	/* a box with loops both leaving and entering on one side keeps them
	 * apart: out below the middle, in above it */
	for (size_t v = 0; v < w->n_nodes; v++) {
		if (out->nodes[v].shape == FL_DIAMOND)
			continue;
		for (int s = 0; s < 2; s++) {
			enum port side = s ? PORT_LEFT : PORT_RIGHT;
			bool p_out = false, p_in = false;
			for (size_t e = 0; e < ne; e++) {
				if (f->edges[e].from == v && w->src_port[e] == side)
					p_out = true;
				if (f->edges[e].to == v && w->dst_port[e] == side)
					p_in = true;
			}
			if (p_out && p_in) {
				double d = out->nodes[v].h / 4;
				if (d > 8)
					d = 8;
				w->out_dy[2 * v + (size_t)s] = d;
				w->in_dy[2 * v + (size_t)s] = -d;
			}
		}
	}
	for (size_t i = 0; i < w->n_items; i++) {
		struct item *it = &w->items[i];
		if (it->node < 0)
			continue;
		it->left = out->nodes[it->node].w / 2 + w->ext_left[it->node];
		it->right = out->nodes[it->node].w / 2 + w->ext_right[it->node];
	}

	/* The main path: from the first step along the first forward edge,
	 * at a decision its bottom branch. It is kept in one straight line. */
	size_t v = 0;
	while (w->n_nodes > 0 && !w->node_main[v]) {
		size_t next = w->n_nodes;
		w->node_main[v] = true;
		w->items[w->node_item[v]].main = true;
		for (size_t e = 0; e < ne; e++) {
			const struct flow_edge *fe = &f->edges[e];
			if (fe->from != v || (w->cls[e] != EC_FORWARD &&
			    w->cls[e] != EC_SIDE))
				continue;
			if (out->nodes[v].shape == FL_DIAMOND &&
			    branch_of(fe) != w->main_kind[v])
				continue;
			for (size_t j = 1; j + 1 < w->chains[e].n_items; j++)
				w->items[w->chains[e].items[j]].main = true;
			w->edge_main[e] = true;
			next = fe->to;
			break;
		}
		if (next == w->n_nodes)
			break;
		v = next;
	}
}
