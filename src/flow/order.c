/* order.c: the order within layers: a first order depth first from the
 * first step, then sweeps by barycenter and swaps of neighbours, counting
 * real crossings (loops included, as runs to their channels), and moves of
 * whole long edges; the best order seen is kept. */
#include <stdlib.h>
#include <string.h>

#include "flow/work.h"

/* ---- order within layers ---- */

struct pair {
	double up, down;
};

/* The links between a chain's consecutive items, each in the layer of
 * the upper one. */
static void
chain_links(const struct work *w, const struct chain *c,
    struct layer_links *ll, size_t *cap_fw)
{
	for (size_t j = 0; j + 1 < c->n_items; j++) {
		size_t i = (size_t)w->items[c->items[j]].layer;
		struct layer_links *l = &ll[i];
		if (l->n_fw == cap_fw[i]) {
			cap_fw[i] = cap_fw[i] ? cap_fw[i] * 2 : 8;
			l->fw = xrealloc(l->fw, cap_fw[i] * sizeof *l->fw);
		}
		l->fw[l->n_fw][0] = c->items[j];
		l->fw[l->n_fw][1] = c->items[j + 1];
		l->n_fw++;
	}
}

struct layer_links *
work_links_new(const struct work *w)
{
	const struct flow *f = w->flow;
	struct layer_links *ll = xcalloc(w->n_layers, sizeof *ll);
	size_t *cap_fw = xcalloc(w->n_layers, sizeof *cap_fw);
	size_t *cap_lp = xcalloc(w->n_layers, sizeof *cap_lp);

	for (size_t e = 0; e < f->n_edges; e++) {
		if (w->cls[e] == EC_FORWARD) {
			chain_links(w, &w->chains[e], ll, cap_fw);
		} else if (w->cls[e] == EC_BACK) {
			/* the channel's own links when it is laid out as
			 * items (none for a side channel), and the runs from
			 * its ends to it along their rows */
			chain_links(w, &w->loops[e], ll, cap_fw);
			int ends[2] = {w->node_item[f->edges[e].from],
			    w->node_item[f->edges[e].to]};
			for (int k = 0; k < 2; k++) {
				int layer = w->items[ends[k]].layer;
				struct layer_links *r = &ll[layer];
				r->row = xrealloc(r->row, (r->n_row + 1) *
				    sizeof *r->row);
				r->row[r->n_row++] = (struct loop_end){ends[k],
				    work_loop_lane(w, e), k == 0,
				    work_loop_item(w, e, layer)};
			}
			if (w->loop_items)
				continue;
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
				    ends[k], work_loop_lane(w, e), k == 0, -1};
			}
		}
	}
	free(cap_fw);
	free(cap_lp);
	return ll;
}

void
work_links_free(struct layer_links *ll, size_t n)
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
	struct counter c = {work_links_new(w), NULL, 0};
	size_t total = total_crossings(w, &c);

	work_links_free((struct layer_links *)c.ll, w->n_layers);
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
	c.ll = work_links_new(w);
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
	work_links_free((struct layer_links *)c.ll, n_layers);
	for (size_t i = 0; i < n_layers; i++)
		free(best[i]);
	free(best);
	free(keys);
	free(c.scratch);
	free(seen);
	free(count);
}

