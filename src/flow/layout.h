/* layout.h: the flowchart engine's own structures, shared by the layout, the
 * writers (SVG, cairo) and the tests. Units are points, y grows downwards. */
#ifndef NB_FLOW_LAYOUT_H
#define NB_FLOW_LAYOUT_H

#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stddef.h>

#include "flow/flow.h"

/* The text styles of a chart. */
enum fl_font {
	FL_FONT_STEP,       /* a step's text */
	FL_FONT_LABEL,      /* 是 / 否 beside an edge */
	FL_FONT_HEADER,     /* a lane's name */
	FL_FONT_LEGEND,     /* the risk legend */
	FL_FONT_MARK,       /* the number in a risk marker */
	FL_FONT_COUNT
};

/* One line of wrapped text, as pango broke it. The box (x, y, w, h) holds
 * every glyph's ink; the line is drawn from x at its baseline. */
struct fl_line {
	char *text;
	double x, y, w, h;
	double baseline;
};

struct fl_text {
	struct fl_line *lines;
	size_t n_lines;
	double w, h;            /* the block: widest line by the lines' pitch */
	enum fl_font font;
};

enum fl_shape {
	FL_BOX,
	FL_CAPSULE,             /* start and end */
	FL_DIAMOND,             /* decision */
	FL_DOCUMENT             /* wavy bottom edge */
};

struct fl_node {
	size_t step;            /* index into flow.steps */
	enum fl_shape shape;
	double x, y, w, h;      /* the box: top-left corner and size */
	int lane;               /* -1 without lanes */
	int layer;
	struct fl_text text;
	int risk;               /* number in the legend, 0 for none */
	double mark_x, mark_y;  /* centre of the risk marker */
	struct fl_text mark;    /* the marker's number */
};

struct fl_edge {
	size_t index;           /* into flow.edges */
	size_t from, to;        /* node (= step) indices */
	enum edge_kind kind;
	bool back;              /* a loop, drawn in the side channel */
	double *pts;            /* x0 y0 x1 y1 ...: orthogonal, ends at the
	                           arrow's tip on the target's outline */
	size_t n_pts;
	struct fl_text label;   /* 是 / 否 beside the edge; no lines if none */
};

struct fl_lane {
	char *name;
	double x, w;            /* the column */
	struct fl_text header;
};

struct fl_legend_item {
	int number;
	double mark_x, mark_y;
	struct fl_text mark;
	struct fl_text text;
};

struct fl_fonts;

struct flow_layout {
	char *title;
	char *desc;             /* one sentence for <desc> */
	double width, height;
	struct fl_node *nodes;  /* one per step, in YAML order */
	size_t n_nodes;
	struct fl_edge *edges;  /* one per flow edge, in its order */
	size_t n_edges;
	struct fl_lane *lanes;
	size_t n_lanes;
	double lanes_top;       /* the header row starts here */
	double header_h;
	double lanes_bottom;
	size_t n_layers;
	/* the risk legend below the chart; n_legend 0 when no step has a risk */
	struct fl_legend_item *legend;
	size_t n_legend;
	struct fl_text legend_title;
	double legend_x, legend_y, legend_w, legend_h;
	struct fl_fonts *fonts;
};

/* The palette, as 0xRRGGBB, shared by the SVG and cairo writers. */
#define FL_C_INK 0x1f2933        /* outlines and text */
#define FL_C_EDGE 0x3d4852
#define FL_C_BOX 0xffffff
#define FL_C_TERMINAL 0xe3eefb   /* start and end */
#define FL_C_DECISION 0xfff4d6
#define FL_C_DOCUMENT 0xffffff
#define FL_C_LANE_A 0xeef2f6     /* lanes alternate */
#define FL_C_LANE_B 0xf8fafc
#define FL_C_HEADER 0xd5dee8
#define FL_C_RULE 0x9aa8b6       /* lane separators */
#define FL_C_YES 0x17703a
#define FL_C_NO 0xb3261e
#define FL_C_RISK 0xd32f2f
#define FL_C_LEGEND 0xfff5f4
#define FL_C_LEGEND_RULE 0xe6b4b0
#define FL_C_LEGEND_TITLE 0xa61b1b
#define FL_RADIUS_BOX 3.0
#define FL_RADIUS_CAPSULE 18.0
#define FL_WAVE 6.0              /* a document's wavy bottom */

/* Marker and arrow geometry shared by the writers. */
#define FL_MARK_W 17.0
#define FL_MARK_H 15.0
#define FL_ARROW_LEN 8.0
#define FL_ARROW_HALF 3.6
#define FL_STROKE 1.5

/* ---- draw.c: what the cairo and SVG writers share ---- */

/* The fill of a step's shape. */
unsigned fl_node_fill(const struct fl_node *n);
/* An edge's arrowhead at its last point: the tip, where the edge's line
 * stops under the head, and the head's two back corners. False for an
 * edge too short to draw. */
struct fl_arrow {
	double tip_x, tip_y;
	double stem_x, stem_y;
	double wing_x[2], wing_y[2];
};
bool fl_edge_arrow(const struct fl_edge *e, struct fl_arrow *a);

/* ---- text.c: fonts and wrapping through pango ---- */

/* Opens the chart's own font map (thread safety: nothing is shared) and
 * checks fontconfig resolves the CJK family; NULL with a message if not. */
struct fl_fonts *fl_fonts_new(struct buf *err);
void fl_fonts_free(struct fl_fonts *fonts);
double fl_font_size(enum fl_font font);
/* Wraps text within max_w points (language zh-cn, WORD_CHAR; 0: no
 * wrapping); balance evens the lines out. The lines are left at x 0 and
 * top 0; fl_text_place puts them. */
void fl_text_wrap(struct fl_fonts *fonts, enum fl_font font, const char *text,
    double max_w, bool balance, struct fl_text *out);
/* The size fl_text_wrap would give, balanced, without making the lines;
 * returns their number. */
int fl_text_fit(struct fl_fonts *fonts, enum fl_font font, const char *text,
    double max_w, double *w, double *h);
/* Centres every line on cx, the block's top at top. */
void fl_text_place(struct fl_text *t, double cx, double top);
/* Left-aligns every line at x. */
void fl_text_place_left(struct fl_text *t, double x, double top);
void fl_text_free(struct fl_text *t);
/* Drawing text on a cairo target: open a pen for the target, draw the
 * blocks (in the current source colour), close it. */
struct fl_pen {
	struct fl_fonts *fonts;
	cairo_t *cr;
	PangoContext *ctx;
	PangoLayout *layout;
	double view_y1, view_y2;     /* the target's rows, in the chart's units */
};

void fl_pen_open(struct fl_pen *pen, struct fl_fonts *fonts, cairo_t *cr);
void fl_pen_text(struct fl_pen *pen, const struct fl_text *t);
void fl_pen_close(struct fl_pen *pen);

/* ---- place.c and layout.c ---- */

/* sp: the spacing's scale, 1 for screens (see work.h) */
struct flow_layout *fl_layout_build(const struct flow *f, struct fl_fonts *fonts,
    int wrap_chars, double sp);
/* Crossings of the laid out edges, counted like tests/flow/flow2dot.py:
 * proper crossings, not those at a box both edges touch. */
size_t fl_count_crossings(const struct flow_layout *l);

#endif
