/* layout_test.c: the flowchart layout checked on every flow of the corpus
 * (tests/flow/corpus) and of the starter catalog (seeds/catalog): no boxes
 * overlapping, no edge through a box, no label on anything, every edge
 * orthogonal, every line of text inside its box, every box in its lane;
 * then repeatable bytes, golden dumps, threads and flows built by hand. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"
#include "cli/cmd.h"
#include "util/diag.h"
#include "render/fontfix.h"
#include "flow/flow.h"
#include "flow/layout.h"
#include "load/load.h"

#define EPS 0.01

/* Under the sanitizers: cairo 1.16 leaks inside its PDF font subsetter
 * (tests/lsan.supp names cairo_surface_finish), and that suppression only
 * matches on full stacks, which libcairo's missing frame pointers deny the
 * fast unwinder. */
const char *__lsan_default_options(void);
const char *
__lsan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

struct rect {
	double x, y, w, h;
};

static struct rect
node_rect(const struct fl_node *n)
{
	return (struct rect){n->x, n->y, n->w, n->h};
}

static struct rect
line_rect(const struct fl_line *ln)
{
	return (struct rect){ln->x, ln->y, ln->w, ln->h};
}

static struct rect
mark_rect(double cx, double cy)
{
	return (struct rect){cx - FL_MARK_W / 2, cy - FL_MARK_H / 2, FL_MARK_W,
	    FL_MARK_H};
}

static struct rect
shrink(struct rect r, double d)
{
	return (struct rect){r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d};
}

static bool
rects_meet(struct rect a, struct rect b)
{
	return a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS &&
	    a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
}

static bool
rect_inside(struct rect in, struct rect out)
{
	return in.x >= out.x - EPS && in.y >= out.y - EPS &&
	    in.x + in.w <= out.x + out.w + EPS && in.y + in.h <= out.y + out.h + EPS;
}

/* Whether an orthogonal segment enters the rectangle's interior. */
static bool
seg_hits(const double *p, struct rect r)
{
	double x0 = fmin(p[0], p[2]), x1 = fmax(p[0], p[2]);
	double y0 = fmin(p[1], p[3]), y1 = fmax(p[1], p[3]);

	return x0 < r.x + r.w && x1 > r.x && y0 < r.y + r.h && y1 > r.y;
}

static bool
in_diamond(const struct fl_node *n, double x, double y, double slack)
{
	double cx = n->x + n->w / 2, cy = n->y + n->h / 2;

	return fabs(x - cx) / (n->w / 2) + fabs(y - cy) / (n->h / 2) <
	    1 - slack;
}

/* Whether a point lies on a box's outline (within tol). */
static bool
on_outline(const struct fl_node *n, double x, double y, double tol)
{
	if (n->shape == FL_DIAMOND) {
		double cx = n->x + n->w / 2, cy = n->y + n->h / 2;
		double v = fabs(x - cx) / (n->w / 2) + fabs(y - cy) / (n->h / 2);
		return fabs(v - 1) * fmin(n->w, n->h) / 2 < tol;
	}
	bool in_x = x >= n->x - tol && x <= n->x + n->w + tol;
	bool in_y = y >= n->y - tol && y <= n->y + n->h + tol;
	return (in_x && (fabs(y - n->y) < tol || fabs(y - n->y - n->h) < tol)) ||
	    (in_y && (fabs(x - n->x) < tol || fabs(x - n->x - n->w) < tol));
}

/* A segment through the inside of one of its own end boxes. */
static bool
seg_through_own(const double *p, const struct fl_node *n)
{
	if (n->shape != FL_DIAMOND)
		return seg_hits(p, shrink(node_rect(n), 1));
	double len = hypot(p[2] - p[0], p[3] - p[1]);
	int steps = (int)(len / 0.5) + 1;
	for (int i = 1; i < steps; i++) {
		double t = (double)i / steps;
		if (in_diamond(n, p[0] + t * (p[2] - p[0]), p[1] + t * (p[3] - p[1]),
		    0.02))
			return true;
	}
	return false;
}

struct labels {
	struct rect *r;
	const char **what;
	int *owner;          /* node a marker sits on, or -1 */
	size_t n;
};

static void
labels_add(struct labels *ls, struct rect r, const char *what, int owner)
{
	ls->r = realloc(ls->r, (ls->n + 1) * sizeof *ls->r);
	ls->what = realloc(ls->what, (ls->n + 1) * sizeof *ls->what);
	ls->owner = realloc(ls->owner, (ls->n + 1) * sizeof *ls->owner);
	ls->r[ls->n] = r;
	ls->what[ls->n] = what;
	ls->owner[ls->n] = owner;
	ls->n++;
}

static size_t n_checked_flows;
static size_t total_crossings, total_bends, total_edges;

/* Every geometric rule on one layout; one PASS or FAIL line per rule. */
static void
check_layout(const char *name, const struct flow_layout *l)
{
	char why[256] = "";
	bool ok;

	n_checked_flows++;
	/* boxes */
	ok = true;
	for (size_t a = 0; a < l->n_nodes && ok; a++)
		for (size_t b = a + 1; b < l->n_nodes && ok; b++)
			if (rects_meet(node_rect(&l->nodes[a]), node_rect(&l->nodes[b]))) {
				snprintf(why, sizeof why, "steps %zu and %zu", a, b);
				ok = false;
			}
	T_CHECK(ok, "%s: no boxes overlap %s", name, why);

	/* edges: orthogonal, from outline to outline, through no box */
	bool ortho = true, through = false, ends = true;
	why[0] = '\0';
	for (size_t e = 0; e < l->n_edges; e++) {
		const struct fl_edge *le = &l->edges[e];
		const struct fl_node *src = &l->nodes[le->from];
		const struct fl_node *dst = &l->nodes[le->to];
		total_edges++;
		if (le->n_pts < 2) {
			ortho = false;
			snprintf(why, sizeof why, "edge %zu has no path", e);
			continue;
		}
		total_bends += le->n_pts - 2;
		for (size_t i = 0; i + 1 < le->n_pts; i++) {
			const double *p = &le->pts[2 * i];
			bool vertical = fabs(p[0] - p[2]) < EPS;
			bool horizontal = fabs(p[1] - p[3]) < EPS;
			if (vertical == horizontal) {
				ortho = false;
				snprintf(why, sizeof why, "edge %zu segment %zu", e, i);
			}
			for (size_t v = 0; v < l->n_nodes; v++) {
				const struct fl_node *n = &l->nodes[v];
				bool hit = (v == le->from || v == le->to) ?
				    seg_through_own(p, n) :
				    seg_hits(p, shrink(node_rect(n), 0.5));
				if (hit && !through) {
					through = true;
					snprintf(why, sizeof why, "edge %zu (%zu->%zu) "
					    "through step %zu", e, le->from, le->to, v);
				}
			}
		}
		double tail = hypot(le->pts[2 * le->n_pts - 2] -
		    le->pts[2 * le->n_pts - 4], le->pts[2 * le->n_pts - 1] -
		    le->pts[2 * le->n_pts - 3]);
		if (!on_outline(src, le->pts[0], le->pts[1], 0.6) ||
		    !on_outline(dst, le->pts[2 * le->n_pts - 2],
		    le->pts[2 * le->n_pts - 1], 0.6) || tail < FL_ARROW_LEN + 2) {
			ends = false;
			snprintf(why, sizeof why, "edge %zu ends", e);
		}
	}
	T_CHECK(ortho, "%s: every edge orthogonal %s", name, ortho ? "" : why);
	T_CHECK(!through, "%s: no edge through a box %s", name,
	    through ? why : "");
	T_CHECK(ends, "%s: every edge from outline to outline with room for "
	    "its arrow %s", name, ends ? "" : why);
	total_crossings += fl_count_crossings(l);

	/* labels: edge labels and risk markers */
	struct labels ls = {0};
	for (size_t e = 0; e < l->n_edges; e++)
		for (size_t i = 0; i < l->edges[e].label.n_lines; i++)
			labels_add(&ls, line_rect(&l->edges[e].label.lines[i]),
			    "label", -1);
	for (size_t v = 0; v < l->n_nodes; v++)
		if (l->nodes[v].risk > 0)
			labels_add(&ls, mark_rect(l->nodes[v].mark_x,
			    l->nodes[v].mark_y), "marker", (int)v);
	ok = true;
	why[0] = '\0';
	for (size_t a = 0; a < ls.n && ok; a++) {
		for (size_t b = a + 1; b < ls.n && ok; b++)
			if (rects_meet(ls.r[a], ls.r[b])) {
				snprintf(why, sizeof why, "%s %zu on %s %zu",
				    ls.what[a], a, ls.what[b], b);
				ok = false;
			}
		for (size_t v = 0; v < l->n_nodes && ok; v++) {
			if ((int)v == ls.owner[a]) {
				/* a marker sits on its box's outline, never on
				 * the box's text */
				for (size_t k = 0; k < l->nodes[v].text.n_lines; k++)
					if (rects_meet(ls.r[a], line_rect(
					    &l->nodes[v].text.lines[k])))
						ok = false;
				continue;
			}
			if (rects_meet(ls.r[a], node_rect(&l->nodes[v]))) {
				snprintf(why, sizeof why, "%s %zu on step %zu",
				    ls.what[a], a, v);
				ok = false;
			}
		}
		for (size_t e = 0; e < l->n_edges && ok; e++)
			for (size_t i = 0; i + 1 < l->edges[e].n_pts && ok; i++)
				if (seg_hits(&l->edges[e].pts[2 * i],
				    shrink(ls.r[a], 0.3))) {
					snprintf(why, sizeof why, "%s %zu on edge %zu",
					    ls.what[a], a, e);
					ok = false;
				}
	}
	T_CHECK(ok, "%s: no label or marker on a box, an edge or another "
	    "label %s", name, why);

	/* text inside its box */
	ok = true;
	why[0] = '\0';
	for (size_t v = 0; v < l->n_nodes; v++) {
		const struct fl_node *n = &l->nodes[v];
		for (size_t i = 0; i < n->text.n_lines; i++) {
			struct rect r = line_rect(&n->text.lines[i]);
			bool in;
			if (n->shape == FL_DIAMOND)
				in = in_diamond(n, r.x, r.y, 0) &&
				    in_diamond(n, r.x + r.w, r.y, 0) &&
				    in_diamond(n, r.x, r.y + r.h, 0) &&
				    in_diamond(n, r.x + r.w, r.y + r.h, 0);
			else
				in = rect_inside(r, shrink(node_rect(n), 2));
			if (n->shape == FL_CAPSULE)
				in = in && rect_inside(r, (struct rect){n->x +
				    fmin(n->h / 2, FL_RADIUS_CAPSULE) * 0.5, n->y,
				    n->w - fmin(n->h / 2, FL_RADIUS_CAPSULE), n->h});
			if (n->shape == FL_DOCUMENT)
				in = in && r.y + r.h <= n->y + n->h - FL_WAVE;
			if (!in) {
				snprintf(why, sizeof why, "step %zu line %zu", v, i);
				ok = false;
			}
		}
		if (n->risk > 0 && n->mark.n_lines > 0 &&
		    !rect_inside(line_rect(&n->mark.lines[0]),
		    shrink(mark_rect(n->mark_x, n->mark_y), -1))) {
			snprintf(why, sizeof why, "marker of step %zu", v);
			ok = false;
		}
	}
	for (size_t i = 0; i < l->n_lanes; i++) {
		struct rect cell = {l->lanes[i].x, l->lanes_top, l->lanes[i].w,
		    l->header_h};
		for (size_t k = 0; k < l->lanes[i].header.n_lines; k++)
			if (!rect_inside(line_rect(&l->lanes[i].header.lines[k]),
			    cell)) {
				snprintf(why, sizeof why, "lane %zu header", i);
				ok = false;
			}
	}
	if (l->n_legend > 0) {
		struct rect box = {l->legend_x, l->legend_y, l->legend_w,
		    l->legend_h};
		for (size_t k = 0; k < l->legend_title.n_lines; k++)
			ok = ok && rect_inside(line_rect(&l->legend_title.lines[k]),
			    box);
		for (size_t i = 0; i < l->n_legend; i++)
			for (size_t k = 0; k < l->legend[i].text.n_lines; k++)
				if (!rect_inside(line_rect(&l->legend[i].text.lines[k]),
				    box)) {
					snprintf(why, sizeof why, "legend %zu", i);
					ok = false;
				}
	}
	T_CHECK(ok, "%s: every line of text inside its box %s", name, why);

	/* lanes and the canvas */
	ok = true;
	why[0] = '\0';
	struct rect canvas = {0, 0, l->width, l->height};
	for (size_t v = 0; v < l->n_nodes; v++) {
		const struct fl_node *n = &l->nodes[v];
		if (!rect_inside(node_rect(n), canvas)) {
			snprintf(why, sizeof why, "step %zu off the chart", v);
			ok = false;
		}
		if (n->lane >= 0) {
			const struct fl_lane *lane = &l->lanes[n->lane];
			struct rect col = {lane->x, l->lanes_top + l->header_h,
			    lane->w, l->lanes_bottom - l->lanes_top - l->header_h};
			if (!rect_inside(node_rect(n), col)) {
				snprintf(why, sizeof why, "step %zu outside lane %d",
				    v, n->lane);
				ok = false;
			}
		}
	}
	for (size_t e = 0; e < l->n_edges; e++)
		for (size_t i = 0; i < l->edges[e].n_pts; i++)
			if (l->edges[e].pts[2 * i] < 0 ||
			    l->edges[e].pts[2 * i] > l->width ||
			    l->edges[e].pts[2 * i + 1] < 0 ||
			    l->edges[e].pts[2 * i + 1] > l->height) {
				snprintf(why, sizeof why, "edge %zu off the chart", e);
				ok = false;
			}
	for (size_t a = 0; a < ls.n; a++)
		if (!rect_inside(ls.r[a], canvas)) {
			snprintf(why, sizeof why, "%s off the chart", ls.what[a]);
			ok = false;
		}
	T_CHECK(ok, "%s: every box in its lane, everything on the chart %s",
	    name, why);

	/* the legend, inside the chart or below it: on nothing, and inside
	 * the lanes when it is not below them */
	if (l->n_legend > 0) {
		struct rect box = {l->legend_x, l->legend_y, l->legend_w,
		    l->legend_h};
		ok = rect_inside(box, canvas);
		why[0] = '\0';
		for (size_t v = 0; v < l->n_nodes && ok; v++)
			if (rects_meet(box, node_rect(&l->nodes[v]))) {
				snprintf(why, sizeof why, "on step %zu", v);
				ok = false;
			}
		for (size_t a = 0; a < ls.n && ok; a++)
			if (rects_meet(box, ls.r[a])) {
				snprintf(why, sizeof why, "on %s %zu", ls.what[a], a);
				ok = false;
			}
		for (size_t e = 0; e < l->n_edges && ok; e++)
			for (size_t i = 0; i + 1 < l->edges[e].n_pts && ok; i++)
				if (seg_hits(&l->edges[e].pts[2 * i], box)) {
					snprintf(why, sizeof why, "on edge %zu", e);
					ok = false;
				}
		if (ok && l->n_lanes > 0 && box.y < l->lanes_bottom) {
			const struct fl_lane *last = &l->lanes[l->n_lanes - 1];
			ok = rect_inside(box, (struct rect){l->lanes[0].x,
			    l->lanes_top + l->header_h, last->x + last->w -
			    l->lanes[0].x, l->lanes_bottom - l->lanes_top -
			    l->header_h});
			if (!ok)
				snprintf(why, sizeof why, "across the lanes' outline");
		}
		T_CHECK(ok, "%s: the legend on nothing, in the lanes or below "
		    "them %s", name, why);
	}
	free(ls.r);
	free(ls.what);
	free(ls.owner);
}

/* ---- flows from files ---- */

static char *
slurp(const char *path)
{
	char *data = NULL;
	size_t len;

	if (file_read(path, 64u << 20, &data, &len) != 0)
		return NULL;
	return data;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files in dir ending in ext, sorted. */
static char **
list_dir(const char *dir, const char *ext, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name), el = strlen(ext);
		if (len <= el || strcmp(de->d_name + len - el, ext) != 0)
			continue;
		names = realloc(names, (*n + 1) * sizeof *names);
		names[(*n)++] = path_join(dir, de->d_name);
	}
	closedir(d);
	qsort(names, *n, sizeof *names, cmp_str);
	return names;
}

static void
free_list(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static struct flow_layout *
layout_or_fail(const char *name, const struct flow *f)
{
	struct buf err = {0};
	struct flow_layout *l = flow_layout_new(f, &err);

	T_CHECK(l != NULL, "%s: laid out %s", name, err.data ? err.data : "");
	buf_free(&err);
	return l;
}

/* A poster sheet narrower than the chart wraps the boxes' text shorter:
 * the same rules hold at 6 and 4 characters a line, and in the print
 * variant (tighter white) at 10, 6 and 4, where it is narrower than the
 * screen's at the same wrap. */
static void
check_narrow(const char *name, const struct flow *f)
{
	static const struct {
		int wrap;
		bool print;
	} tries[] = {{6, false}, {4, false}, {10, true}, {6, true}, {4, true}};
	double screen_w[16] = {0};

	for (size_t i = 0; i < NB_COUNT(tries); i++) {
		char narrow[160];
		struct buf err = {0};
		struct flow_layout *l = tries[i].print ?
		    flow_layout_new_print(f, tries[i].wrap, &err) :
		    flow_layout_new_wrap(f, tries[i].wrap, &err);
		snprintf(narrow, sizeof narrow, "%s wrapped at %d%s", name,
		    tries[i].wrap, tries[i].print ? " for print" : "");
		T_CHECK(l != NULL, "%s: laid out %s", narrow,
		    err.data ? err.data : "");
		if (l != NULL) {
			check_layout(narrow, l);
			double w, h;
			flow_layout_size(l, &w, &h);
			if (!tries[i].print)
				screen_w[tries[i].wrap] = w;
			else if (screen_w[tries[i].wrap] > 0)
				T_CHECK(w < screen_w[tries[i].wrap], "%s: "
				    "narrower than on screen (%.0f pt, %.0f)",
				    narrow, w, screen_w[tries[i].wrap]);
		}
		flow_layout_free(l);
		buf_free(&err);
	}
}

static void
test_corpus(void)
{
	size_t n;
	char **files = list_dir("tests/flow/corpus", ".yaml", &n);

	T_CHECK(n >= 30, "the corpus has at least 30 flows (%zu)", n);
	for (size_t i = 0; i < n; i++) {
		struct arena *arena = arena_new();
		struct flow f;
		diag_reset();
		flow_load_file(arena, files[i], &f);
		T_CHECK(diag_count(DIAG_ERROR) == 0, "%s: loads", files[i]);
		if (diag_count(DIAG_ERROR) == 0) {
			struct flow_layout *l = layout_or_fail(files[i], &f);
			if (l != NULL)
				check_layout(files[i], l);
			flow_layout_free(l);
		} else {
			diag_print(stdout);
		}
		diag_reset();
		arena_free(arena);
	}
	free_list(files, n);
}

/* seeds/ is a content tree's catalog: load it as a county with a minimal
 * site.yaml and no towns. */
static void
test_seeds(void)
{
	char tmpl[] = "/tmp/nb-flow-seeds-XXXXXX";
	char *dir = mkdtemp(tmpl);
	static const char *const files[] = {"duties.yaml", "powers.yaml",
	    "services.yaml"};
	struct county county;
	size_t n_flows = 0;

	if (!path_is_dir("seeds/catalog")) {
		T_CHECK(0, "seeds/catalog is there to lay out");
		return;
	}
	T_CHECK(dir != NULL, "a temporary content folder");
	if (dir == NULL)
		return;
	char *cat = path_join(dir, "catalog");
	mkdir_p(cat, 0755);
	char *site = path_join(dir, "site.yaml");
	static const char site_yaml[] = "name: 测试县\nbase_url: "
	    "https://example.org/\nhotline: 0914-0000100\n";
	file_write_atomic(site, site_yaml, sizeof site_yaml - 1);
	for (size_t i = 0; i < NB_COUNT(files); i++) {
		char *from = path_join("seeds/catalog", files[i]);
		char *to = path_join(cat, files[i]);
		char *data = slurp(from);
		if (data != NULL)
			file_write_atomic(to, data, strlen(data));
		free(data);
		free(from);
		free(to);
	}
	diag_reset();
	enum load_status st = county_load(&county, dir, date_from_ymd(2026, 11, 27));
	T_CHECK(st == LOAD_OK && diag_count(DIAG_ERROR) == 0,
	    "seeds/catalog loads");
	if (diag_count(DIAG_ERROR) > 0)
		diag_print(stdout);
	diag_reset();
	const struct catalog *c = &county.catalog;
	for (size_t d = 0; d < c->n_domains; d++) {
		for (size_t i = 0; i < c->domains[d].n_items; i++) {
			const struct power_item *p = &c->domains[d].items[i];
			char name[128];
			if (p->flow.n_steps == 0)
				continue;
			snprintf(name, sizeof name, "seeds %s", p->id);
			struct flow_layout *l = layout_or_fail(name, &p->flow);
			if (l != NULL)
				check_layout(name, l);
			flow_layout_free(l);
			check_narrow(name, &p->flow);
			n_flows++;
		}
	}
	for (size_t s = 0; s < c->n_services; s++) {
		const struct service_guide *g = &c->services[s];
		char name[128];
		if (g->flow.n_steps == 0)
			continue;
		snprintf(name, sizeof name, "seeds %s", g->id);
		struct flow_layout *l = layout_or_fail(name, &g->flow);
		if (l != NULL)
			check_layout(name, l);
		flow_layout_free(l);
		check_narrow(name, &g->flow);
		n_flows++;
	}
	T_CHECK(n_flows > 0, "seeds has flows to lay out (%zu)", n_flows);
	county_free(&county);
	remove_tree(dir);
	free(cat);
	free(site);
}

/* ---- repeatable bytes, golden dumps ---- */

static bool
load_flow(struct arena *arena, const char *path, struct flow *f)
{
	diag_reset();
	flow_load_file(arena, path, f);
	bool ok = diag_count(DIAG_ERROR) == 0;
	diag_reset();
	return ok;
}

static void
render_all(const struct flow *f, struct buf out[4])
{
	struct buf err = {0};
	struct flow_layout *l = flow_layout_new(f, &err);

	if (l == NULL) {
		buf_free(&err);
		return;
	}
	flow_layout_dump(l, &out[0]);
	flow_write_svg(l, &out[1]);
	flow_write_png(l, 2.0, &out[2]);
	flow_write_pdf(l, "2026-11-27", &out[3], &err);
	flow_layout_free(l);
	buf_free(&err);
}

static void
test_repeatable(void)
{
	static const char *const names[] = {"decision", "lanes-six",
	    "long-labels", "escaping", "steps-60"};
	static const char *const what[] = {"dump", "SVG", "PNG", "PDF"};

	for (size_t i = 0; i < NB_COUNT(names); i++) {
		char path[256];
		struct arena *arena = arena_new();
		struct flow f;
		struct buf a[4] = {{0}}, b[4] = {{0}};
		snprintf(path, sizeof path, "tests/flow/corpus/%s.yaml", names[i]);
		if (!load_flow(arena, path, &f)) {
			T_CHECK(0, "%s loads", path);
			arena_free(arena);
			continue;
		}
		render_all(&f, a);
		render_all(&f, b);
		for (int k = 0; k < 4; k++) {
			T_CHECK(a[k].len > 0 && a[k].len == b[k].len &&
			    memcmp(a[k].data, b[k].data, a[k].len) == 0,
			    "%s: the same %s bytes on two runs", names[i], what[k]);
			buf_free(&a[k]);
			buf_free(&b[k]);
		}
		arena_free(arena);
	}
}

static void
test_golden(void)
{
	static const char *const names[] = {"decision", "cycle", "lanes-one",
	    "fan-out-in"};
	bool update = getenv("NB_UPDATE_GOLDEN") != NULL;

	for (size_t i = 0; i < NB_COUNT(names); i++) {
		char path[256], gold[256];
		struct arena *arena = arena_new();
		struct flow f;
		struct buf out[4] = {{0}};
		snprintf(path, sizeof path, "tests/flow/corpus/%s.yaml", names[i]);
		snprintf(gold, sizeof gold, "tests/flow/golden/%s.dump", names[i]);
		if (load_flow(arena, path, &f)) {
			struct buf err = {0};
			struct flow_layout *l = flow_layout_new(&f, &err);
			if (l != NULL)
				flow_layout_dump(l, &out[0]);
			flow_layout_free(l);
			buf_free(&err);
		}
		if (update && out[0].data != NULL)
			file_write_atomic(gold, out[0].data, out[0].len);
		char *want = slurp(gold);
		bool same = want != NULL && out[0].data != NULL &&
		    strcmp(want, out[0].data) == 0;
		T_CHECK(same, "%s: the layout dump matches %s", names[i], gold);
		if (!same && out[0].data != NULL)
			fprintf(stdout, "--- got:\n%s", out[0].data);
		free(want);
		buf_free(&out[0]);
		arena_free(arena);
	}
}

/* A step that only its neighbour in another lane leads to, and that is
 * that box's only way out (or a decision's other branch than the one going
 * down), sits on the box's layer, the edge straight across, a loop into
 * the same box on its other side. */
static void
test_side_edges(void)
{
	struct arena *arena = arena_new();
	struct flow f;
	struct buf err = {0};
	struct flow_layout *l = NULL;

	if (!load_flow(arena, "tests/flow/corpus/side-lanes.yaml", &f)) {
		T_CHECK(0, "side-lanes.yaml loads");
		goto out;
	}
	l = flow_layout_new(&f, &err);
	T_CHECK(l != NULL, "side-lanes: laid out %s", err.data ? err.data : "");
	if (l == NULL)
		goto out;
	const struct fl_edge *cd = NULL, *ab = NULL;
	for (size_t e = 0; e < l->n_edges; e++) {
		if (l->edges[e].from == 2 && l->edges[e].to == 3)
			cd = &l->edges[e];
		if (l->edges[e].from == 0 && l->edges[e].to == 1)
			ab = &l->edges[e];
	}
	T_CHECK(cd != NULL && l->nodes[2].layer == l->nodes[3].layer &&
	    cd->n_pts == 2 && cd->pts[1] == cd->pts[3] &&
	    cd->pts[0] == l->nodes[2].x + l->nodes[2].w &&
	    cd->pts[2] == l->nodes[3].x,
	    "side-lanes: 入户核实 -> 审核审批 runs straight across one layer");
	T_CHECK(ab != NULL && l->nodes[1].layer == l->nodes[0].layer &&
	    ab->n_pts == 2 && ab->pts[2] == l->nodes[1].x,
	    "side-lanes: 受理登记, which a loop enters on its other side, is "
	    "reached straight across too");
	bool loop_right = false;
	for (size_t e = 0; e < l->n_edges; e++)
		if (l->edges[e].to == 1 && l->edges[e].back &&
		    l->edges[e].n_pts > 0 &&
		    l->edges[e].pts[2 * l->edges[e].n_pts - 2] ==
		    l->nodes[1].x + l->nodes[1].w)
			loop_right = true;
	T_CHECK(loop_right, "side-lanes: the loop comes into 受理登记's right");
	const struct fl_edge *ef = NULL;
	for (size_t e = 0; e < l->n_edges; e++)
		if (l->edges[e].from == 4 && l->edges[e].to == 5)
			ef = &l->edges[e];
	T_CHECK(ef != NULL && ef->n_pts == 2 && ef->pts[1] == ef->pts[3] &&
	    ef->pts[0] == l->nodes[4].x && ef->label.n_lines == 1 &&
	    ef->label.lines[0].x + ef->label.lines[0].w <= l->nodes[4].x,
	    "side-lanes: the decision's 是 runs across from its left corner, "
	    "labelled beside it");
	T_CHECK(l->n_layers == 3, "side-lanes: 3 layers for 6 steps (%zu)",
	    l->n_layers);
	T_CHECK(fl_count_crossings(l) == 0, "side-lanes: no crossings");
out:
	flow_layout_free(l);
	buf_free(&err);
	arena_free(arena);
}

/* ---- threads ---- */

struct job {
	const struct flow *flow;
	struct buf dump;
};

static void *
run_job(void *arg)
{
	struct job *j = arg;

	for (int round = 0; round < 3; round++) {
		struct buf err = {0};
		struct flow_layout *l = flow_layout_new(j->flow, &err);
		buf_reset(&j->dump);
		if (l != NULL) {
			struct buf png = {0};
			flow_layout_dump(l, &j->dump);
			flow_write_png(l, 1.0, &png);
			buf_free(&png);
		}
		flow_layout_free(l);
		buf_free(&err);
	}
	return NULL;
}

static void
test_threads(void)
{
	static const char *const names[] = {"decision", "lanes-six", "nested-loops",
	    "long-labels"};
	struct arena *arena = arena_new();
	struct flow flows[4];
	struct job jobs[4];
	pthread_t threads[4];
	bool loaded = true;

	for (size_t i = 0; i < 4; i++) {
		char path[256];
		snprintf(path, sizeof path, "tests/flow/corpus/%s.yaml", names[i]);
		loaded = load_flow(arena, path, &flows[i]) && loaded;
		jobs[i] = (struct job){&flows[i], {0}};
	}
	T_CHECK(loaded, "threads: the flows load");
	if (!loaded) {
		arena_free(arena);
		return;
	}
	for (size_t i = 0; i < 4; i++)
		pthread_create(&threads[i], NULL, run_job, &jobs[i]);
	for (size_t i = 0; i < 4; i++)
		pthread_join(threads[i], NULL);
	for (size_t i = 0; i < 4; i++) {
		struct buf alone[4] = {{0}};
		render_all(&flows[i], alone);
		T_CHECK(jobs[i].dump.data != NULL && alone[0].data != NULL &&
		    strcmp(jobs[i].dump.data, alone[0].data) == 0,
		    "threads: %s laid out alongside others as alone", names[i]);
		for (int k = 0; k < 4; k++)
			buf_free(&alone[k]);
		buf_free(&jobs[i].dump);
	}
	arena_free(arena);
}

/* ---- flows built by hand ---- */

/* The loader rejects unreachable steps, but the engine must not depend on
 * that: steps with no edge at all, a step entered only from below, an
 * edge against YAML order that closes no cycle. */
static void
test_by_hand(void)
{
	struct flow_step steps[7] = {
		{"a", "开始", STEP_START, NULL, -1, NULL, {0}},
		{"b", "孤立的一步", STEP_STEP, NULL, -1, "没有连线", {0}},
		{"c", "判断", STEP_DECISION, NULL, -1, NULL, {0}},
		{"d", "只从下面进来", STEP_STEP, NULL, -1, NULL, {0}},
		{"e", "又一步", STEP_DOCUMENT, NULL, -1, NULL, {0}},
		{"f", "另一个孤立的", STEP_STEP, NULL, -1, NULL, {0}},
		{"g", "结束", STEP_END, NULL, -1, NULL, {0}},
	};
	struct flow_edge edges[] = {
		{0, 2, EDGE_NEXT, NULL, {0}},
		{2, 4, EDGE_YES, "是", {0}},
		{2, 6, EDGE_NO, "否", {0}},
		{4, 3, EDGE_NEXT, NULL, {0}},
		{3, 6, EDGE_NEXT, NULL, {0}},
	};
	struct flow f = {"手工", NULL, 0, steps, NB_COUNT(steps), edges,
	    NB_COUNT(edges), {0}};
	struct flow_layout *l = layout_or_fail("by hand: unconnected steps", &f);

	if (l != NULL)
		check_layout("by hand: unconnected steps", l);
	flow_layout_free(l);

	/* lanes given, a step's lane unknown (-1) */
	const char *lanes[] = {"甲", "乙"};
	struct flow_step ls[3] = {
		{"a", "甲的一步", STEP_START, "甲", 0, NULL, {0}},
		{"b", "不知道在哪个泳道", STEP_STEP, NULL, -1, NULL, {0}},
		{"c", "乙的一步", STEP_END, "乙", 1, NULL, {0}},
	};
	struct flow_edge le[] = {
		{0, 1, EDGE_NEXT, NULL, {0}},
		{1, 2, EDGE_NEXT, NULL, {0}},
		{1, 0, EDGE_NEXT, NULL, {0}},
	};
	struct flow lf = {NULL, lanes, 2, ls, 3, le, 3, {0}};
	l = layout_or_fail("by hand: a step without a lane", &lf);
	if (l != NULL)
		check_layout("by hand: a step without a lane", l);
	flow_layout_free(l);

	struct buf err = {0};
	struct flow empty = {0};
	l = flow_layout_new(&empty, &err);
	T_CHECK(l == NULL && err.len > 0, "a flow without steps is refused: %s",
	    err.data ? err.data : "");
	flow_layout_free(l);
	buf_free(&err);

	struct flow_edge bad[] = {{0, 9, EDGE_NEXT, NULL, {0}}};
	struct flow bf = {"坏", NULL, 0, steps, 2, bad, 1, {0}};
	l = flow_layout_new(&bf, &err);
	T_CHECK(l == NULL && err.len > 0, "an edge to no step is refused");
	flow_layout_free(l);
	buf_free(&err);
}

/* ---- the text version ---- */

static void
test_text_html(void)
{
	struct arena *arena = arena_new();
	struct flow f;
	struct buf out = {0};

	if (load_flow(arena, "tests/flow/corpus/decision.yaml", &f)) {
		flow_text_html(&f, &out);
		T_STREQ(out.data, "<ol class=\"flow-steps\">\n"
		    "<li>村民提出书面申请（开始）</li>\n"
		    "<li>材料是否齐全<span class=\"flow-branch\"> 是 → 第 4 步；"
		    "否 → 第 3 步</span></li>\n"
		    "<li>一次性告知需补齐的材料<span class=\"flow-branch\"> → "
		    "返回第 1 步</span></li>\n"
		    "<li>入户调查<span class=\"flow-risk\">（廉政风险点：调查"
		    "不实、优亲厚友）</span></li>\n"
		    "<li>发放<span class=\"flow-branch\"> 流程结束</span></li>\n"
		    "</ol>\n", "text version of decision.yaml");
	} else {
		T_CHECK(0, "decision.yaml loads");
	}
	buf_reset(&out);
	if (load_flow(arena, "tests/flow/corpus/escaping.yaml", &f)) {
		flow_text_html(&f, &out);
		T_CHECK(strstr(out.data, "<script>") == NULL &&
		    strstr(out.data, "&lt;/text&gt;&lt;script&gt;") != NULL &&
		    strstr(out.data, "A &lt; B &amp; C &gt; D") != NULL,
		    "text version escapes the steps' text");
		struct buf err = {0}, svg = {0};
		struct flow_layout *l = flow_layout_new(&f, &err);
		if (l != NULL)
			flow_write_svg(l, &svg);
		T_CHECK(svg.data != NULL && strstr(svg.data, "<script>") == NULL &&
		    strstr(svg.data, "&lt;测试&gt; &amp; &quot;引号&quot;") != NULL,
		    "SVG escapes the title and the text");
		flow_layout_free(l);
		buf_free(&err);
		buf_free(&svg);
	} else {
		T_CHECK(0, "escaping.yaml loads");
	}
	buf_free(&out);
	arena_free(arena);
}

/* The command's PDF has every glyph whole: cairo 1.16's subsetter breaks
 * some CJK glyphs (long-labels.yaml has one), which the command repairs. */
static void
test_command_pdf(void)
{
	char tmpl[] = "/tmp/nb-flow-cmd-XXXXXX";
	char *dir = mkdtemp(tmpl);
	struct cmd_options o = {0};
	struct buf pdf = {0}, err = {0};
	size_t fonts = 0, glyphs = 0, broken = 1;

	if (dir == NULL) {
		T_CHECK(0, "a temporary folder");
		return;
	}
	char *out = path_join(dir, "long-labels.pdf");
	o.output = out;
	o.args[0] = "tests/flow/corpus/long-labels.yaml";
	o.n_args = 1;
	o.today = date_from_ymd(2026, 11, 27);
	T_INTEQ(cmd_flow(&o), 0, "noticeboard flow long-labels.yaml -o X.pdf");
	char *data = slurp(out);
	if (data != NULL) {
		struct stat st;
		stat(out, &st);
		buf_put(&pdf, data, (size_t)st.st_size);
	}
	bool read = fontfix_init(&err) == 0 && fontfix_check_pdf(&pdf, &fonts,
	    &glyphs, &broken) == 0;
	T_CHECK(read && fonts > 0 && glyphs > 0 && broken == 0,
	    "the command's PDF: %zu fonts, %zu glyphs, %zu broken", fonts,
	    glyphs, broken);
	free(data);
	buf_free(&pdf);
	buf_free(&err);
	remove_tree(dir);
	free(out);
	diag_reset();
}

int
main(void)
{
	const char *root = getenv("NB_ROOT");

	if (root != NULL && chdir(root) != 0) {
		fprintf(stdout, "FAIL: cannot enter %s: %s\n", root, strerror(errno));
		return 1;
	}
	test_corpus();
	test_seeds();
	test_repeatable();
	test_golden();
	test_side_edges();
	test_threads();
	test_by_hand();
	test_text_html();
	test_command_pdf();
	fprintf(stdout, "# %zu flows: %zu crossings, %.2f bends per edge\n",
	    n_checked_flows, total_crossings,
	    total_edges ? (double)total_bends / (double)total_edges : 0.0);
	diag_reset();
	return t_done();
}
