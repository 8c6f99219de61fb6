/* work.h: the layout's working state while it runs: the layered graph with
 * its dummy items, the order in each layer, ports and routes. Private to
 * layout.c, rank.c, order.c, ports.c and place.c. */
#ifndef NB_FLOW_WORK_H
#define NB_FLOW_WORK_H

#include "flow/layout.h"

/* Spacing, in points. The print variant of the layout
 * (flow_layout_new_print) takes the white across a chart (SP_NODE,
 * SP_DUMMY_NODE, SP_DUMMY, CH_MARGIN, CH_SPACING, LANE_PAD) at the work's
 * sp of these (SP); the rest stays: an arrow needs its length above a box
 * and beside it, a risk marker its margin. */
#define SP_NODE 20.0         /* between boxes in a layer */
#define SP_DUMMY_NODE 12.0   /* between a box and an edge passing by */
#define SP_DUMMY 11.0        /* between two edges passing side by side */
#define EXT_PORT 12.0        /* room beside a box for a side port's turn */
#define CH_MARGIN 10.0       /* from the content to the first side channel */
#define CH_SPACING 8.0       /* between side channels */
#define TRACK_SP 8.0         /* between horizontal tracks in a gap */
#define GAP_MIN 20.0         /* between two layers */
#define GAP_PAD_TOP 8.0      /* from a layer to its first track */
#define GAP_PAD_BOTTOM 10.0  /* from the last track to the next layer */
#define LANE_PAD 10.0        /* inside a lane, either side */
#define MARGIN 8.0          /* around the chart */
#define LANE_MIN_W 80.0     /* a lane, however little it holds */
/* A spacing of the work w (a struct work *) at its scale. */
#define SP(w, pt) ((pt) * (w)->sp)
/* The print variant's scale: on a poster the chart is scaled up to fill
 * its sheet, and the white between its boxes, lanes and in them grows
 * with the text; a chart short of width prints its text larger with less
 * of it. */
#define FL_PRINT_SP 0.6

/* Where a long edge's dummies run: in its target's lane (cross over
 * first, then down), its source's (down, then cross), or as the traffic
 * between the lanes suggests. */
enum {
	DUMMY_HEURISTIC,
	DUMMY_SOURCE,
	DUMMY_TARGET
};

/* Where loops run: right of the later lane's content, or in whichever lane
 * side crosses least. */
enum {
	CHANNEL_BEST,
	CHANNEL_RIGHT
};

enum edge_class {
	EC_FORWARD,
	EC_BACK,             /* closes a cycle against YAML order */
	EC_SELF,
	EC_SIDE              /* from a box to the next step in another lane,
	                        drawn across on the same layer */
};

/* Where an edge leaves or enters a box. */
enum port {
	PORT_TOP,
	PORT_BOTTOM,
	PORT_RIGHT,
	PORT_LEFT
};

/* A box or a dummy (a long edge passing through a layer). */
struct item {
	int node;            /* node index, or -1 for a dummy */
	int edge;            /* the dummy's edge */
	int layer;
	int lane;            /* 0 without lanes */
	int pos;             /* index in its layer */
	double x;            /* centre; relative to its lane until placed */
	double left, right;  /* extent from x, side-port room included */
	bool main;           /* on the main path */
};

/* The route of a forward edge through the layers. */
struct chain {
	int *items;          /* source box, dummies, target box */
	size_t n_items;
};

/* A horizontal run of an edge in the gap between two layers. The ends say
 * where the edge's vertical parts join it: from above or below. */
struct hseg {
	int gap;             /* gap g lies above layer g */
	int edge;
	double x1, x2;       /* where the edge comes in and goes on */
	bool x1_up, x2_up;   /* the vertical at that end lies above the run */
	long src_key, dst_key;
	int group;
	double y;
	int part;            /* loops: 0 leaving, 1 arriving, 2 + layer a jog */
};

struct work {
	const struct flow *flow;
	struct flow_layout *out;
	double sp;               /* the spacing's scale: 1, or FL_PRINT_SP */
	size_t n_nodes, n_edges;
	size_t n_lanes;      /* at least 1: a flow without lanes has one */
	enum edge_class *cls;
	int *node_layer;
	int *node_item;
	bool *node_main;
	bool *edge_main;
	struct item *items;
	size_t n_items, cap_items;
	struct chain *chains;    /* per edge; empty unless forward */
	int **layers;            /* item indices in order */
	size_t *layer_len;
	size_t n_layers;
	/* the choices a variant of the layout makes (see layout.c) */
	int dummy_policy;
	int channel_policy;
	bool no_first;           /* the first order visits no before yes */
	/* Loops as items: each loop's channel is an item in every layer it
	 * spans, ordered and placed like any other, so it may run between
	 * the boxes and a long edge instead of outside everything. */
	bool loop_items;
	/* the variant draws side edges (EC_SIDE): cls and node_layer are
	 * then the side ranking's (see work_rank_side) */
	bool side;
	struct chain *loops;     /* per edge; top layer first */
	/* ports, per edge */
	enum port *src_port, *dst_port;
	/* per node: room beside the box; the heights of the side ports
	 * (offset from the centre), [2v] right and [2v+1] left */
	double *ext_left, *ext_right;
	double *out_dy, *in_dy;
	int *main_kind;          /* decisions: the kind leaving at the bottom */
	/* per loop: its side channel, right or left of a lane's content */
	int *ch_lane;
	enum port *ch_side;
	double *ch_x;
	bool *src_direct, *dst_direct;
	/* lanes: the column, and the content's left edge inside it */
	double *lane_x, *lane_w, *lane_origin;
	/* vertical placement */
	double *layer_top, *layer_h;
	double *gap_top, *gap_h;
	double content_top, content_bottom, content_right;
	struct hseg *segs;
	size_t n_segs, cap_segs;
};

/* rank.c */
void work_classify(struct work *w);
void work_rank(struct work *w);
/* The ranking with side edges: a step whose only way in is from a box
 * in another lane, that box's only way out, goes on the box's layer,
 * reached by a horizontal edge, so a flow that passes from lane to lane
 * does not spend a layer on every pass. Levels: SIDE_ALL also takes a
 * decision's branch across when its other branch goes down; SIDE_BOXES
 * only boxes' edges; SIDE_STRICT none at a box with a loop nor into a
 * decision (whose sides its branches may take). The edges refused (NULL:
 * none) stay forward. Fills cls (with EC_SIDE) and node_layer, and returns
 * the number of layers, or 0 when no edge can be drawn so. */
enum {
	SIDE_NONE,
	SIDE_ALL,
	SIDE_BOXES,
	SIDE_STRICT,
	SIDE_LEVELS
};
size_t work_rank_side(const struct work *w, int level, const bool *refused,
    enum edge_class *cls, int *node_layer);
void work_chains(struct work *w);
int work_add_item(struct work *w, int node, int edge, int layer, int lane);
int work_node_lane(const struct work *w, size_t node);
/* The lane of loop e's channel: the later of its ends' lanes. */
int work_loop_lane(const struct work *w, size_t e);
/* Loop e's channel item in a layer, or -1. */
int work_loop_item(const struct work *w, size_t e, int layer);

/* order.c */
void work_order(struct work *w);
size_t work_crossings(const struct work *w);

/* The edges between layer i and i+1 (links of chains, and the ends of
 * loops, which count as edges to or from their channel), and the loops'
 * runs along layer i itself. */
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
	struct loop_end *row;
	size_t n_row;
};

struct layer_links *work_links_new(const struct work *w);
void work_links_free(struct layer_links *ll, size_t n);

/* ports.c */
void work_channels(struct work *w);
void work_ports(struct work *w);

/* place.c */
void work_place_x(struct work *w);
void work_route(struct work *w);


/* The x of an edge's source port at a box (the turn beside a side port). */
double work_port_dx(const struct work *w, int node, enum port p);

#endif
