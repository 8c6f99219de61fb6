/* order.c: the layered graph: which edges are loops, the layer of every
 * step, dummy items for long edges, the order within layers (sweeps that
 * count real crossings), the main path and the ports edges use. */
#include <math.h>
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

static int
node_lane(const struct work *w, size_t node)
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
		int ls = node_lane(w, f->edges[e].from);
		int lt = node_lane(w, f->edges[e].to);
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
	int s = node_lane(w, fe->from), t = node_lane(w, fe->to);

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
		    node_lane(w, v));
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
		int lane = node_lane(w, f->edges[e].from) >
		    node_lane(w, f->edges[e].to) ? node_lane(w, f->edges[e].from) :
		    node_lane(w, f->edges[e].to);
		struct chain *c = &w->loops[e];
		c->items = xcalloc((size_t)(hi - lo + 1), sizeof *c->items);
		for (int l = lo; l <= hi; l++) {
			int it = work_add_item(w, -1, (int)e, l, lane);
			w->items[it].loop = true;
			c->items[c->n_items++] = it;
		}
	}
}

/* The loop's item in a layer, or -1. */
static int
loop_item_at(const struct work *w, size_t e, int layer)
{
	const struct chain *c = &w->loops[e];

	if (c->n_items == 0)
		return -1;
	int first = w->items[c->items[0]].layer;
	if (layer < first || layer >= first + (int)c->n_items)
		return -1;
	return c->items[layer - first];
}

/* ---- order within layers ---- */

struct pair {
	double up, down;
};

/* The edges between layer i and i+1: links of forward chains, and the ends
 * of loops, which count as edges to or from their side channel. */
struct loop_end {
	int item;
	int lane;
	bool src;            /* the loop leaves item (in layer i) */
	int other;           /* the loop's own item in the row, or -1 */
};

struct layer_links {
	int (*fw)[2];
	size_t n_fw;
	struct loop_end *loops;
	size_t n_loops;
	struct loop_end *row;    /* loop ends in layer i itself */
	size_t n_row;
};

static int
loop_lane(const struct work *w, size_t e)
{
	const struct flow_edge *fe = &w->flow->edges[e];
	int a = node_lane(w, fe->from), b = node_lane(w, fe->to);
	return a > b ? a : b;
}

static struct layer_links *
links_new(const struct work *w)
{
	const struct flow *f = w->flow;
	struct layer_links *ll = xcalloc(w->n_layers, sizeof *ll);
	size_t *cap_fw = xcalloc(w->n_layers, sizeof *cap_fw);
	size_t *cap_lp = xcalloc(w->n_layers, sizeof *cap_lp);

	for (size_t e = 0; e < f->n_edges; e++) {
		if (w->cls[e] == EC_FORWARD) {
			const struct chain *c = &w->chains[e];
			for (size_t j = 0; j + 1 < c->n_items; j++) {
				struct layer_links *l =
				    &ll[w->items[c->items[j]].layer];
				size_t i = (size_t)(l - ll);
				if (l->n_fw == cap_fw[i]) {
					cap_fw[i] = cap_fw[i] ? cap_fw[i] * 2 : 8;
					l->fw = xrealloc(l->fw, cap_fw[i] *
					    sizeof *l->fw);
				}
				l->fw[l->n_fw][0] = c->items[j];
				l->fw[l->n_fw][1] = c->items[j + 1];
				l->n_fw++;
			}
		} else if (w->cls[e] == EC_BACK && w->loop_items) {
			/* the channel's own links, and the runs from its
			 * ends to it along their rows */
			const struct chain *c = &w->loops[e];
			for (size_t j = 0; j + 1 < c->n_items; j++) {
				struct layer_links *l =
				    &ll[w->items[c->items[j]].layer];
				size_t i = (size_t)(l - ll);
				if (l->n_fw == cap_fw[i]) {
					cap_fw[i] = cap_fw[i] ? cap_fw[i] * 2 : 8;
					l->fw = xrealloc(l->fw, cap_fw[i] *
					    sizeof *l->fw);
				}
				l->fw[l->n_fw][0] = c->items[j];
				l->fw[l->n_fw][1] = c->items[j + 1];
				l->n_fw++;
			}
			int ends[2] = {w->node_item[f->edges[e].from],
			    w->node_item[f->edges[e].to]};
			for (int k = 0; k < 2; k++) {
				int layer = w->items[ends[k]].layer;
				struct layer_links *r = &ll[layer];
				r->row = xrealloc(r->row, (r->n_row + 1) *
				    sizeof *r->row);
				r->row[r->n_row++] = (struct loop_end){ends[k],
				    loop_lane(w, e), k == 0,
				    loop_item_at(w, e, layer)};
			}
		} else if (w->cls[e] == EC_BACK) {
			int ends[2] = {w->node_item[f->edges[e].from],
			    w->node_item[f->edges[e].to]};
			for (int k = 0; k < 2; k++) {
				struct layer_links *r = &ll[w->items[ends[k]].layer];
				r->row = xrealloc(r->row, (r->n_row + 1) *
				    sizeof *r->row);
				r->row[r->n_row++] = (struct loop_end){ends[k],
				    loop_lane(w, e), k == 0, -1};
			}
			for (int k = 0; k < 2; k++) {
				int layer = w->items[ends[k]].layer - (k == 1);
				if (layer < 0 || (size_t)layer + 1 >= w->n_layers)
					continue;
				struct layer_links *l = &ll[layer];
				if (l->n_loops == cap_lp[layer]) {
					cap_lp[layer] = cap_lp[layer] ?
					    cap_lp[layer] * 2 : 8;
					l->loops = xrealloc(l->loops, cap_lp[layer]
					    * sizeof *l->loops);
				}
				l->loops[l->n_loops++] = (struct loop_end){
				    ends[k], loop_lane(w, e), k == 0, -1};
			}
		}
	}
	free(cap_fw);
	free(cap_lp);
	return ll;
}

static void
links_free(struct layer_links *ll, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(ll[i].fw);
		free(ll[i].loops);
		free(ll[i].row);
	}
	free(ll);
}

/* Where a loop's side channel sits in a layer, for counting: just after
 * the last item of its lane. */
static double
channel_pos(const struct work *w, size_t layer, int lane)
{
	size_t k = 0;

	for (size_t i = 0; i < w->layer_len[layer]; i++)
		if (w->items[w->layers[layer][i]].lane <= lane)
			k++;
	return (double)k - 0.5;
}

static size_t
layer_pairs(const struct work *w, const struct layer_links *l, size_t i,
    struct pair **out, size_t *cap)
{
	size_t n = l->n_fw + l->n_loops;

	if (n > *cap) {
		*cap = n * 2;
		*out = xrealloc(*out, *cap * sizeof **out);
	}
	for (size_t k = 0; k < l->n_fw; k++) {
		(*out)[k].up = w->items[l->fw[k][0]].pos;
		(*out)[k].down = w->items[l->fw[k][1]].pos;
	}
	for (size_t k = 0; k < l->n_loops; k++) {
		const struct loop_end *le = &l->loops[k];
		struct pair *p = &(*out)[l->n_fw + k];
		if (le->src) {
			p->up = w->items[le->item].pos;
			p->down = channel_pos(w, i + 1, le->lane);
		} else {
			p->up = channel_pos(w, i, le->lane);
			p->down = w->items[le->item].pos;
		}
	}
	return n;
}

static bool
between_pos(double x, double a, double b)
{
	return (a < x && x < b) || (b < x && x < a);
}

static size_t
count_pairs(const struct pair *p, size_t n)
{
	size_t crossings = 0;

	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++)
			if ((p[a].up - p[b].up) * (p[a].down - p[b].down) < 0)
				crossings++;
	return crossings;
}

struct counter {
	const struct layer_links *ll;
	struct pair *scratch;
	size_t cap;
};

/* A loop's end runs across its own layer to the side channel: it crosses
 * whatever stands between (an edge passing down, or the edges of a box it
 * must go round). */
static size_t
row_crossings(const struct work *w, const struct layer_links *l, size_t i)
{
	size_t n = 0;

	for (size_t k = 0; k < l->n_row; k++) {
		const struct item *end = &w->items[l->row[k].item];
		double ch = l->row[k].other >= 0 ? w->items[l->row[k].other].pos :
		    channel_pos(w, i, l->row[k].lane);
		for (size_t j = 0; j < w->layer_len[i]; j++) {
			const struct item *o = &w->items[w->layers[i][j]];
			if (o != end && between_pos(o->pos, end->pos, ch))
				n += 1;
		}
	}
	return n;
}

static size_t
layer_crossings(const struct work *w, struct counter *c, size_t i)
{
	size_t n = row_crossings(w, &c->ll[i], i);

	if (i + 1 >= w->n_layers)
		return n;
	return n + count_pairs(c->scratch, layer_pairs(w, &c->ll[i], i,
	    &c->scratch, &c->cap));
}

static size_t
total_crossings(const struct work *w, struct counter *c)
{
	size_t total = 0;

	for (size_t i = 0; i < w->n_layers; i++)
		total += layer_crossings(w, c, i);
	return total;
}

size_t
work_crossings(const struct work *w)
{
	struct counter c = {links_new(w), NULL, 0};
	size_t total = total_crossings(w, &c);

	links_free((struct layer_links *)c.ll, w->n_layers);
	free(c.scratch);
	return total;
}

static void
renumber(struct work *w, size_t layer)
{
	for (size_t k = 0; k < w->layer_len[layer]; k++)
		w->items[w->layers[layer][k]].pos = (int)k;
}

/* The first order: depth first from the first step, yes before no, so the
 * main path starts on the left and branches open to its right (or no
 * before yes, the other way round). */
static void
dfs_place(struct work *w, int item, bool *seen)
{
	const struct flow *f = w->flow;
	const struct item *it = &w->items[item];
	size_t layer = (size_t)it->layer;

	seen[item] = true;
	w->layers[layer][w->layer_len[layer]++] = item;
	if (it->node < 0)
		return;
	for (size_t k = 0; k < f->n_edges; k++) {
		size_t e = w->no_first ? f->n_edges - 1 - k : k;
		if (w->cls[e] != EC_FORWARD || f->edges[e].from != (size_t)it->node)
			continue;
		const struct chain *c = &w->chains[e];
		for (size_t j = 1; j < c->n_items; j++) {
			if (seen[c->items[j]])
				break;
			if (j + 1 < c->n_items) {
				const struct item *d = &w->items[c->items[j]];
				seen[c->items[j]] = true;
				w->layers[d->layer][w->layer_len[d->layer]++] =
				    c->items[j];
			} else {
				dfs_place(w, c->items[j], seen);
			}
		}
	}
}

struct sort_key {
	int item;
	int lane;
	double bary;
	int pos;
};

static int
cmp_key(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;

	if (a->lane != b->lane)
		return a->lane < b->lane ? -1 : 1;
	if (a->bary != b->bary)
		return a->bary < b->bary ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/* Reorders layer i by the mean position of each item's neighbours in the
 * layer above (down) or below (up); items without any keep their place. */
static void
barycenter(struct work *w, const struct layer_links *ll, size_t i, bool down,
    struct sort_key *keys)
{
	size_t n = w->layer_len[i];
	double *sum;
	int *cnt;

	if (down ? i == 0 : i + 1 >= w->n_layers)
		return;
	sum = xcalloc(n + 1, sizeof *sum);
	cnt = xcalloc(n + 1, sizeof *cnt);
	/* the links between this layer and the reference layer */
	const struct layer_links *l = down ? &ll[i - 1] : &ll[i];
	size_t ref = down ? i - 1 : i + 1;
	for (size_t k = 0; k < l->n_fw; k++) {
		const struct item *mine = &w->items[l->fw[k][down ? 1 : 0]];
		const struct item *other = &w->items[l->fw[k][down ? 0 : 1]];
		sum[mine->pos] += other->pos;
		cnt[mine->pos]++;
	}
	for (size_t k = 0; k < l->n_loops; k++) {
		/* a loop pulls its ends towards the side channel */
		const struct loop_end *le = &l->loops[k];
		if (le->src == down)
			continue;
		const struct item *it = &w->items[le->item];
		sum[it->pos] += channel_pos(w, ref, le->lane);
		cnt[it->pos]++;
	}
	/* a loop's channel and its ends pull each other along the row */
	for (size_t k = 0; k < ll[i].n_row; k++) {
		const struct loop_end *le = &ll[i].row[k];
		if (le->other < 0)
			continue;
		const struct item *end = &w->items[le->item];
		const struct item *ch = &w->items[le->other];
		sum[end->pos] += ch->pos;
		cnt[end->pos]++;
		sum[ch->pos] += end->pos;
		cnt[ch->pos]++;
	}
	for (size_t k = 0; k < n; k++) {
		const struct item *it = &w->items[w->layers[i][k]];
		keys[k].item = w->layers[i][k];
		keys[k].lane = it->lane;
		keys[k].pos = (int)k;
		keys[k].bary = cnt[k] ? sum[k] / cnt[k] : (double)k;
	}
	qsort(keys, n, sizeof *keys, cmp_key);
	for (size_t k = 0; k < n; k++)
		w->layers[i][k] = keys[k].item;
	renumber(w, i);
	free(sum);
	free(cnt);
}

/* Swaps neighbours in a layer while that lowers the crossings around it. */
static void
transpose(struct work *w, struct counter *c)
{
	bool improved = true;

	for (int pass = 0; improved && pass < 8; pass++) {
		improved = false;
		for (size_t i = 0; i < w->n_layers; i++) {
			for (size_t k = 0; k + 1 < w->layer_len[i]; k++) {
				int a = w->layers[i][k], b = w->layers[i][k + 1];
				if (w->items[a].lane != w->items[b].lane)
					continue;
				size_t before = (i > 0 ? layer_crossings(w, c,
				    i - 1) : 0) + layer_crossings(w, c, i);
				if (before == 0)
					continue;
				w->layers[i][k] = b;
				w->layers[i][k + 1] = a;
				renumber(w, i);
				size_t after = (i > 0 ? layer_crossings(w, c,
				    i - 1) : 0) + layer_crossings(w, c, i);
				if (after < before) {
					improved = true;
				} else {
					w->layers[i][k] = a;
					w->layers[i][k + 1] = b;
					renumber(w, i);
				}
			}
		}
	}
}

static void
save_order(const struct work *w, int **saved)
{
	for (size_t i = 0; i < w->n_layers; i++)
		memcpy(saved[i], w->layers[i], w->layer_len[i] * sizeof **saved);
}

static void
load_order(struct work *w, int **saved)
{
	for (size_t i = 0; i < w->n_layers; i++) {
		memcpy(w->layers[i], saved[i], w->layer_len[i] * sizeof **saved);
		renumber(w, i);
	}
}

/* Moves item k of layer i to the start (or end) of its lane's part. */
static void
move_to_end(struct work *w, size_t i, int item, bool left)
{
	int *row = w->layers[i];
	size_t n = w->layer_len[i], at = (size_t)w->items[item].pos;
	int lane = w->items[item].lane;

	if (left) {
		while (at > 0 && w->items[row[at - 1]].lane == lane) {
			row[at] = row[at - 1];
			at--;
		}
	} else {
		while (at + 1 < n && w->items[row[at + 1]].lane == lane) {
			row[at] = row[at + 1];
			at++;
		}
	}
	row[at] = item;
	renumber(w, i);
}

static size_t
span_crossings(const struct work *w, struct counter *c, int first, int last)
{
	size_t n = 0;

	for (int i = first < 0 ? 0 : first; i <= last && (size_t)i < w->n_layers;
	    i++)
		n += layer_crossings(w, c, (size_t)i);
	return n;
}

/* Sweeps and swaps move one item at a time: a long edge passing on the
 * wrong side of a column of boxes stays there, since moving any one of
 * its dummies adds crossings. Try moving all of them to either edge of
 * their rows at once. */
static void
shift_chains(struct work *w, struct counter *c, int **saved)
{
	const struct flow *f = w->flow;

	for (int round = 0; round < 3; round++) {
		bool improved = false;
		for (size_t k = 0; k < 2 * f->n_edges; k++) {
			/* long edges' dummies, then loops' channels */
			size_t e = k % f->n_edges;
			bool loop = k >= f->n_edges;
			const struct chain *ch = loop ? &w->loops[e] : &w->chains[e];
			size_t skip = loop ? 0 : 1;
			if (loop ? ch->n_items == 0 : w->cls[e] != EC_FORWARD ||
			    ch->n_items < 3)
				continue;
			int first = w->items[ch->items[0]].layer - 1;
			int last = w->items[ch->items[ch->n_items - 1]].layer;
			size_t before = span_crossings(w, c, first, last);
			for (int side = 0; side < 2 && before > 0; side++) {
				save_order(w, saved);
				for (size_t j = skip; j + skip < ch->n_items; j++)
					move_to_end(w, (size_t)w->items[ch->items[j]].layer,
					    ch->items[j], side == 0);
				size_t after = span_crossings(w, c, first, last);
				if (after < before) {
					before = after;
					improved = true;
				} else {
					load_order(w, saved);
				}
			}
		}
		if (!improved)
			break;
	}
}

void
work_order(struct work *w)
{
	size_t n_layers = w->n_layers;
	size_t *count = xcalloc(n_layers, sizeof *count);
	bool *seen = xcalloc(w->n_items, 1);
	int **best = xcalloc(n_layers, sizeof *best);
	struct sort_key *keys = xcalloc(w->n_items + 1, sizeof *keys);
	struct counter c = {NULL, NULL, 0};
	size_t best_crossings, stale = 0;

	for (size_t i = 0; i < w->n_items; i++)
		count[w->items[i].layer]++;
	w->layers = xcalloc(n_layers, sizeof *w->layers);
	w->layer_len = xcalloc(n_layers, sizeof *w->layer_len);
	for (size_t i = 0; i < n_layers; i++) {
		w->layers[i] = xcalloc(count[i] + 1, sizeof **w->layers);
		best[i] = xcalloc(count[i] + 1, sizeof **best);
	}
	for (size_t v = 0; v < w->n_nodes; v++)
		if (!seen[w->node_item[v]])
			dfs_place(w, w->node_item[v], seen);
	/* loops' channels start at the right end of their rows */
	for (size_t i = 0; i < w->n_items; i++)
		if (!seen[i]) {
			size_t layer = (size_t)w->items[i].layer;
			seen[i] = true;
			w->layers[layer][w->layer_len[layer]++] = (int)i;
		}
	/* lanes are columns: group each layer by lane, keeping the order */
	for (size_t i = 0; i < n_layers; i++) {
		for (size_t k = 0; k < w->layer_len[i]; k++) {
			keys[k].item = w->layers[i][k];
			keys[k].lane = w->items[w->layers[i][k]].lane;
			keys[k].bary = 0;
			keys[k].pos = (int)k;
		}
		qsort(keys, w->layer_len[i], sizeof *keys, cmp_key);
		for (size_t k = 0; k < w->layer_len[i]; k++)
			w->layers[i][k] = keys[k].item;
		renumber(w, i);
	}
	c.ll = links_new(w);
	transpose(w, &c);
	best_crossings = total_crossings(w, &c);
	save_order(w, best);
	for (int iter = 0; iter < 24 && best_crossings > 0 && stale < 6; iter++) {
		bool down = iter % 2 == 0;
		if (down)
			for (size_t i = 1; i < n_layers; i++)
				barycenter(w, c.ll, i, true, keys);
		else
			for (size_t i = n_layers - 1; i-- > 0;)
				barycenter(w, c.ll, i, false, keys);
		transpose(w, &c);
		size_t now = total_crossings(w, &c);
		if (now < best_crossings) {
			best_crossings = now;
			save_order(w, best);
			stale = 0;
		} else {
			stale++;
		}
	}
	load_order(w, best);
	/* scratch rows for shift_chains: reuse the saved orders' room */
	shift_chains(w, &c, best);
	transpose(w, &c);
	links_free((struct layer_links *)c.ll, n_layers);
	for (size_t i = 0; i < n_layers; i++)
		free(best[i]);
	free(best);
	free(keys);
	free(c.scratch);
	free(seen);
	free(count);
}

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
	struct layer_links *ll = links_new(w);
	struct loop *loops = xcalloc(f->n_edges + 1, sizeof *loops);
	size_t n = 0;
	int n_lanes = (int)w->n_lanes;

	w->ch_lane = xcalloc(f->n_edges + 1, sizeof *w->ch_lane);
	w->ch_side = xcalloc(f->n_edges + 1, sizeof *w->ch_side);
	for (size_t e = 0; e < f->n_edges; e++) {
		if (w->cls[e] != EC_BACK)
			continue;
		if (w->loop_items) {
			/* the order has placed the channel already */
			w->ch_lane[e] = w->items[w->loops[e].items[0]].lane;
			continue;
		}
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
	links_free(ll, w->n_layers);
}

/* Which side of its end box a loop's channel lies on. */
static enum port
side_towards(const struct work *w, size_t e, size_t node)
{
	if (w->loop_items) {
		const struct item *n = &w->items[w->node_item[node]];
		int it = loop_item_at(w, e, n->layer);
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
			if (fe->from != v || w->cls[e] != EC_FORWARD)
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
