/* dump.c: the layout as stable text: lanes, boxes with their text lines,
 * edges with their labels and polylines, the legend. Golden tests diff it
 * and tests/flow/flow2dot.py counts its crossings. */
#include "flow/layout.h"

static const char *const shape_names[] = {
	[FL_BOX] = "box",
	[FL_CAPSULE] = "capsule",
	[FL_DIAMOND] = "diamond",
	[FL_DOCUMENT] = "document",
};

static const char *const kind_names[] = {
	[EDGE_NEXT] = "next",
	[EDGE_YES] = "yes",
	[EDGE_NO] = "no",
};

static void
put_string(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_printf(out, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			buf_printf(out, "\\x%02x", (unsigned char)*s);
		else
			buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

static void
put_text(struct buf *out, const char *indent, const struct fl_text *t)
{
	for (size_t i = 0; i < t->n_lines; i++) {
		const struct fl_line *ln = &t->lines[i];
		buf_printf(out, "%sline ", indent);
		put_string(out, ln->text);
		buf_printf(out, " %.2f %.2f %.2f %.2f\n", ln->x, ln->y, ln->w,
		    ln->h);
	}
}

void
flow_layout_dump(const struct flow_layout *l, struct buf *out)
{
	buf_puts(out, "flow ");
	put_string(out, l->title);
	buf_printf(out, " size %.2f %.2f layers %zu\n", l->width, l->height,
	    l->n_layers);
	for (size_t i = 0; i < l->n_lanes; i++) {
		const struct fl_lane *lane = &l->lanes[i];
		buf_printf(out, "lane %zu ", i);
		put_string(out, lane->name);
		buf_printf(out, " %.2f %.2f %.2f %.2f header %.2f\n", lane->x,
		    l->lanes_top, lane->w, l->lanes_bottom - l->lanes_top,
		    l->header_h);
		put_text(out, "  ", &lane->header);
	}
	for (size_t v = 0; v < l->n_nodes; v++) {
		const struct fl_node *n = &l->nodes[v];
		buf_printf(out, "node %zu %s %.2f %.2f %.2f %.2f lane %d layer %d\n",
		    v, shape_names[n->shape], n->x, n->y, n->w, n->h, n->lane,
		    n->layer);
		put_text(out, "  ", &n->text);
		if (n->risk > 0) {
			buf_printf(out, "  risk %d %.2f %.2f %.2f %.2f\n", n->risk,
			    n->mark_x - FL_MARK_W / 2, n->mark_y - FL_MARK_H / 2,
			    FL_MARK_W, FL_MARK_H);
			put_text(out, "    ", &n->mark);
		}
	}
	for (size_t e = 0; e < l->n_edges; e++) {
		const struct fl_edge *le = &l->edges[e];
		buf_printf(out, "edge %zu %zu %zu %s%s\n", e, le->from, le->to,
		    kind_names[le->kind], le->back ? " back" : "");
		if (le->label.n_lines > 0) {
			buf_puts(out, "  label\n");
			put_text(out, "    ", &le->label);
		}
		buf_puts(out, "  path");
		for (size_t i = 0; i < le->n_pts; i++)
			buf_printf(out, " %.2f,%.2f", le->pts[2 * i],
			    le->pts[2 * i + 1]);
		buf_putc(out, '\n');
	}
	if (l->n_legend > 0) {
		buf_printf(out, "legend %.2f %.2f %.2f %.2f\n", l->legend_x,
		    l->legend_y, l->legend_w, l->legend_h);
		put_text(out, "  ", &l->legend_title);
		for (size_t i = 0; i < l->n_legend; i++) {
			const struct fl_legend_item *li = &l->legend[i];
			buf_printf(out, "  item %d %.2f %.2f %.2f %.2f\n",
			    li->number, li->mark_x - FL_MARK_W / 2,
			    li->mark_y - FL_MARK_H / 2, FL_MARK_W, FL_MARK_H);
			put_text(out, "    ", &li->mark);
			put_text(out, "    ", &li->text);
		}
	}
}
