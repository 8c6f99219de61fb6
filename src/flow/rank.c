/* rank.c: the layered graph: which edges are loops (cycles broken against
 * YAML order), the layer of every step, and the items of each layer: the
 * boxes, the dummies of long edges and, in one variant, loops' channels. */
#include <stdlib.h>
#include <string.h>

#include "flow/work.h"

/* ---- cycles: the edges drawn as loops ---- */

/* Whether `to` can be reached from `from` over the flow's edges (extra:
 * more edges as from/to pairs, or NULL). */
static bool
reaches(const struct work *w, size_t from, size_t to, bool forward_only,
    const size_t *extra, size_t n_extra)
{
	const struct flow *f = w->flow;
	bool *seen = xcalloc(w->n_nodes, 1);
	size_t *stack = xcalloc(w->n_nodes + 1, sizeof *stack);
	size_t top = 0;
	bool found = false;

	seen[from] = true;
	stack[top++] = from;
	while (top > 0 && !found) {
		size_t at = stack[--top];
		for (size_t e = 0; e < f->n_edges + n_extra; e++) {
			size_t a, b;
			if (e < f->n_edges) {
				if (forward_only && w->cls[e] != EC_FORWARD)
					continue;
				a = f->edges[e].from;
				b = f->edges[e].to;
			} else {
				a = extra[2 * (e - f->n_edges)];
				b = extra[2 * (e - f->n_edges) + 1];
			}
			if (a != at || seen[b])
				continue;
			if (b == to) {
				found = true;
				break;
			}
			seen[b] = true;
			stack[top++] = b;
		}
	}
	free(seen);
	free(stack);
	return found;
}

/* An edge is a loop when it runs against YAML order and closes a cycle.
 * Every cycle has such an edge, so what is left is acyclic, and steps keep
 * the order the clerk wrote them in: the main path reads top to bottom. */
void
work_classify(struct work *w)
{
	const struct flow *f = w->flow;

	w->cls = xcalloc(f->n_edges + 1, sizeof *w->cls);
	for (size_t e = 0; e < f->n_edges; e++) {
		const struct flow_edge *fe = &f->edges[e];
		if (fe->from == fe->to)
			w->cls[e] = EC_SELF;
		else if (fe->to < fe->from &&
		    reaches(w, fe->to, fe->from, false, NULL, 0))
			w->cls[e] = EC_BACK;
		else
			w->cls[e] = EC_FORWARD;
	}
	/* A step written before the steps that lead to it would be entered
	 * by loops only and float to the top. Where the flow allows, those
	 * edges run forward instead: it is drawn below them, as it is done. */
	for (size_t v = 1; v < w->n_nodes; v++) {
		bool entered = false;
		for (size_t e = 0; e < f->n_edges; e++)
			if (f->edges[e].to == v && w->cls[e] == EC_FORWARD)
				entered = true;
		if (entered)
			continue;
		for (size_t e = 0; e < f->n_edges; e++)
			if (f->edges[e].to == v && w->cls[e] == EC_BACK &&
			    !reaches(w, v, f->edges[e].from, true, NULL, 0))
				w->cls[e] = EC_FORWARD;
	}
}

/* ---- layers ---- */

/* Longest path from the sources over the forward edges. A step that no
 * forward edge enters (only possible in a flow that is not fully connected,
 * or entered only by a later step) hangs below the step written before it,
 * so it stays in its YAML place instead of floating to the top. */
void
work_rank(struct work *w)
{
	const struct flow *f = w->flow;
	size_t n = w->n_nodes;
	size_t *pseudo = xcalloc(2 * n + 2, sizeof *pseudo);
	size_t n_pseudo = 0;
	int *indeg = xcalloc(n, sizeof *indeg);
	bool *done = xcalloc(n, 1);

	for (size_t e = 0; e < f->n_edges; e++)
		if (w->cls[e] == EC_FORWARD)
			indeg[f->edges[e].to]++;
	for (size_t v = 1; v < n; v++) {
		if (indeg[v] > 0)
			continue;
		for (size_t p = v; p-- > 0;) {
			if (reaches(w, v, p, true, pseudo, n_pseudo))
				continue;
			pseudo[2 * n_pseudo] = p;
			pseudo[2 * n_pseudo + 1] = v;
			n_pseudo++;
			indeg[v]++;
			break;
		}
	}
	w->node_layer = xcalloc(n, sizeof *w->node_layer);
	/* Kahn's algorithm, always taking the earliest step that is ready:
	 * the result does not depend on anything but the flow. */
	for (size_t round = 0; round < n; round++) {
		size_t v = n;
		for (size_t i = 0; i < n; i++)
			if (!done[i] && indeg[i] == 0) {
				v = i;
				break;
			}
		if (v == n)
			break;      /* cannot happen: the graph is acyclic */
		done[v] = true;
		for (size_t e = 0; e < f->n_edges + n_pseudo; e++) {
			size_t a, b;
			if (e < f->n_edges) {
				if (w->cls[e] != EC_FORWARD)
					continue;
				a = f->edges[e].from;
				b = f->edges[e].to;
			} else {
				a = pseudo[2 * (e - f->n_edges)];
				b = pseudo[2 * (e - f->n_edges) + 1];
			}
			if (a != v)
				continue;
			if (w->node_layer[b] < w->node_layer[v] + 1)
				w->node_layer[b] = w->node_layer[v] + 1;
			indeg[b]--;
		}
	}
	w->n_layers = 1;
	for (size_t v = 0; v < n; v++)
		if ((size_t)w->node_layer[v] + 1 > w->n_layers)
			w->n_layers = (size_t)w->node_layer[v] + 1;
	free(pseudo);
	free(indeg);
	free(done);
}

/* ---- items and chains ---- */

int
work_add_item(struct work *w, int node, int edge, int layer, int lane)
{
	if (w->n_items == w->cap_items) {
		w->cap_items = w->cap_items ? w->cap_items * 2 : 64;
		w->items = xrealloc(w->items, w->cap_items * sizeof *w->items);
	}
	struct item *it = &w->items[w->n_items];
	memset(it, 0, sizeof *it);
	it->node = node;
	it->edge = edge;
	it->layer = layer;
	it->lane = lane;
	return (int)w->n_items++;
}

int
work_node_lane(const struct work *w, size_t node)
{
	int lane = w->flow->steps[node].lane_index;
	return lane >= 0 && (size_t)lane < w->n_lanes ? lane : 0;
}

/* The vertical traffic through a gap in the lanes strictly between lo and
 * hi: what a run across that gap, from lane lo to lane hi, would cross. */
static double
gap_traffic(const struct work *w, size_t self, int gap, int lo, int hi)
{
	const struct flow *f = w->flow;
	double n = 0;

	for (size_t e = 0; e < f->n_edges; e++) {
		if (e == self || w->cls[e] != EC_FORWARD)
			continue;
		int la = w->node_layer[f->edges[e].from];
		int lb = w->node_layer[f->edges[e].to];
		if (!(la < gap && gap <= lb))
			continue;
		int ls = work_node_lane(w, f->edges[e].from);
		int lt = work_node_lane(w, f->edges[e].to);
		/* a long edge's own lane there is not known yet */
		double weight = lb - la == 1 ? 1 : 0.5;
		if (lo < ls && ls < hi)
			n += weight;
		if (lo < lt && lt < hi)
			n += weight;
	}
	return n;
}

static int
dummy_lane(const struct work *w, size_t e)
{
	const struct flow_edge *fe = &w->flow->edges[e];
	int s = work_node_lane(w, fe->from), t = work_node_lane(w, fe->to);

	if (s == t || w->dummy_policy == DUMMY_TARGET)
		return t;
	if (w->dummy_policy == DUMMY_SOURCE)
		return s;
	int lo = s < t ? s : t, hi = s < t ? t : s;
	double early = gap_traffic(w, e, w->node_layer[fe->from] + 1, lo, hi);
	double late = gap_traffic(w, e, w->node_layer[fe->to], lo, hi);
	return early < late ? t : s;
}

/* A long edge gets a dummy in every layer it crosses, all in one lane: it
 * changes lanes once, in its first gap or its last. */
void
work_chains(struct work *w)
{
	const struct flow *f = w->flow;

	w->node_item = xcalloc(w->n_nodes, sizeof *w->node_item);
	for (size_t v = 0; v < w->n_nodes; v++)
		w->node_item[v] = work_add_item(w, (int)v, -1, w->node_layer[v],
		    work_node_lane(w, v));
	w->chains = xcalloc(f->n_edges + 1, sizeof *w->chains);
	for (size_t e = 0; e < f->n_edges; e++) {
		if (w->cls[e] != EC_FORWARD)
			continue;
		size_t a = f->edges[e].from, b = f->edges[e].to;
		int la = w->node_layer[a], lb = w->node_layer[b];
		int lane = dummy_lane(w, e);
		struct chain *c = &w->chains[e];
		c->items = xcalloc((size_t)(lb - la + 1), sizeof *c->items);
		c->items[c->n_items++] = w->node_item[a];
		for (int l = la + 1; l < lb; l++)
			c->items[c->n_items++] = work_add_item(w, -1, (int)e, l,
			    lane);
		c->items[c->n_items++] = w->node_item[b];
	}
	w->loops = xcalloc(f->n_edges + 1, sizeof *w->loops);
	if (!w->loop_items)
		return;
	for (size_t e = 0; e < f->n_edges; e++) {
		if (w->cls[e] != EC_BACK)
			continue;
		int la = w->node_layer[f->edges[e].from];
		int lb = w->node_layer[f->edges[e].to];
		int lo = la < lb ? la : lb, hi = la < lb ? lb : la;
		int lane = work_loop_lane(w, e);
		struct chain *c = &w->loops[e];
		c->items = xcalloc((size_t)(hi - lo + 1), sizeof *c->items);
		for (int l = lo; l <= hi; l++) {
			c->items[c->n_items++] = work_add_item(w, -1, (int)e, l,
			    lane);
		}
	}
}

int
work_loop_lane(const struct work *w, size_t e)
{
	const struct flow_edge *fe = &w->flow->edges[e];
	int a = work_node_lane(w, fe->from), b = work_node_lane(w, fe->to);

	return a > b ? a : b;
}

int
work_loop_item(const struct work *w, size_t e, int layer)
{
	const struct chain *c = &w->loops[e];

	if (c->n_items == 0)
		return -1;
	int first = w->items[c->items[0]].layer;
	if (layer < first || layer >= first + (int)c->n_items)
		return -1;
	return c->items[layer - first];
}


/* ---- side edges ---- */

static bool
side_candidate(const struct work *w, size_t e, const int *n_in,
    const int *n_out, const bool *looped, int level, const bool *refused)
{
	const struct flow *f = w->flow;
	size_t a = f->edges[e].from, b = f->edges[e].to;
	int la = f->steps[a].lane_index, lb = f->steps[b].lane_index;
	bool decision = f->steps[a].kind == STEP_DECISION;

	if (w->cls[e] != EC_FORWARD || (refused != NULL && refused[e]) || la < 0 || lb < 0 || la == lb ||
	    (size_t)la >= w->n_lanes || (size_t)lb >= w->n_lanes ||
	    n_in[b] != 1 || w->node_layer[b] != w->node_layer[a] + 1)
		return false;
	/* a decision's branch across, its other branch down */
	if (decision)
		return level == SIDE_ALL && n_out[a] <= 2;
	if (n_out[a] != 1)
		return false;
	return level != SIDE_STRICT || (!looped[a] && !looped[b] &&
	    f->steps[b].kind != STEP_DECISION);
}

size_t
work_rank_side(const struct work *w, int level, const bool *refused,
    enum edge_class *cls, int *node_layer)
{
	const struct flow *f = w->flow;
	size_t n = w->n_nodes, ne = f->n_edges, n_layers = 0, n_side = 0;
	int *n_in = xcalloc(n, sizeof *n_in), *n_out = xcalloc(n, sizeof *n_out);
	bool *looped = xcalloc(n, 1);
	int *dir = xcalloc(n, sizeof *dir);   /* the side run's direction */
	bool *across = xcalloc(n, 1);         /* a side edge leaves it */
	size_t *order = xcalloc(n + 1, sizeof *order);

	memcpy(cls, w->cls, ne * sizeof *cls);
	for (size_t e = 0; e < ne; e++) {
		size_t a = f->edges[e].from, b = f->edges[e].to;
		if (w->cls[e] == EC_FORWARD) {
			n_in[b]++;
			n_out[a]++;
		} else {
			looped[a] = looped[b] = true;
		}
	}
	/* a step that no forward edge enters hangs below an earlier one by
	 * a rule of work_rank's that this does not repeat */
	for (size_t v = 1; v < n; v++)
		if (n_in[v] == 0)
			goto out;
	/* the steps in the order of their layers: forward edges go down */
	for (size_t v = 0; v < n; v++)
		order[v] = v;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && w->node_layer[order[j - 1]] >
		    w->node_layer[order[j]]; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++) {
		size_t a = order[i];
		for (size_t e = 0; e < ne; e++) {
			if (f->edges[e].from != a || across[a] ||
			    !side_candidate(w, e, n_in, n_out, looped, level,
			    refused))
				continue;
			size_t b = f->edges[e].to;
			int d = f->steps[b].lane_index > f->steps[a].lane_index ?
			    1 : -1;
			/* a run across goes one way */
			if (dir[a] != 0 && dir[a] != d)
				continue;
			cls[e] = EC_SIDE;
			across[a] = true;
			dir[b] = d;
			n_side++;
		}
	}
	if (n_side == 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		size_t v = order[i];
		node_layer[v] = 0;
		for (size_t e = 0; e < ne; e++) {
			if (f->edges[e].to != v || (cls[e] != EC_FORWARD &&
			    cls[e] != EC_SIDE))
				continue;
			int l = node_layer[f->edges[e].from] +
			    (cls[e] == EC_SIDE ? 0 : 1);
			if (l > node_layer[v])
				node_layer[v] = l;
		}
	}
	/* a loop needs a layer between its ends' layers or below: one
	 * whose ends came to share a layer would have no room */
	for (size_t e = 0; e < ne; e++)
		if (cls[e] == EC_BACK && node_layer[f->edges[e].from] ==
		    node_layer[f->edges[e].to])
			goto out;
	for (size_t v = 0; v < n; v++)
		if ((size_t)node_layer[v] + 1 > n_layers)
			n_layers = (size_t)node_layer[v] + 1;
out:
	free(n_in);
	free(n_out);
	free(looped);
	free(dir);
	free(across);
	free(order);
	return n_layers;
}
