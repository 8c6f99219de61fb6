/* flowlink.h: the flowchart engine, linked weakly. A service poster draws
 * the chart when the engine is in the program and falls back to a numbered
 * list of the steps when it is not, so each can be built without the other. */
#ifndef NB_POSTER_FLOWLINK_H
#define NB_POSTER_FLOWLINK_H

#include <cairo.h>
#include <stdbool.h>

#include "model/model.h"
#include "util/util.h"

#if defined(__has_include)
#if __has_include("flow/flow.h")
#include "flow/flow.h"
#define NB_POSTER_HAVE_FLOW_H 1
#endif
#endif

#ifndef NB_POSTER_HAVE_FLOW_H
/* the engine's interface (flow/flow.h), until it is in the tree */
struct flow_layout;
struct flow_layout *flow_layout_new(const struct flow *f, struct buf *err);
struct flow_layout *flow_layout_new_wrap(const struct flow *f, int wrap_chars,
    struct buf *err);
struct flow_layout *flow_layout_new_print(const struct flow *f,
    int wrap_chars, struct buf *err);
void flow_layout_free(struct flow_layout *l);
void flow_layout_size(const struct flow_layout *l, double *width_pt,
    double *height_pt);
void flow_draw(const struct flow_layout *l, cairo_t *cr);
#endif

/* The engine's type sizes at scale 1 (src/flow/text.c): a step's text, and
 * its smallest (the number in a risk marker). flow.h does not export them;
 * the poster uses them only to report what a placed chart prints at. */
#define FLOW_STEP_PT 13.0
#define FLOW_SMALLEST_PT 8.5
/* the legend's text (its items; its title is larger) */
#define FLOW_LEGEND_PT 11.5
/* What a print shop asks of a chart's type on a poster: its steps, its
 * legend. */
#define FLOW_PRINT_STEP_PT 12.0
#define FLOW_PRINT_LEGEND_PT 10.0

#pragma weak flow_layout_new
#pragma weak flow_layout_new_wrap
#pragma weak flow_layout_new_print
#pragma weak flow_layout_free
#pragma weak flow_layout_size
#pragma weak flow_draw

static inline bool
poster_have_flow(void)
{
	/* volatile: the compiler may not assume a weak symbol is present */
	struct flow_layout *(*volatile fn)(const struct flow *, struct buf *) =
	    flow_layout_new;
	void (*volatile draw)(const struct flow_layout *, cairo_t *) = flow_draw;
	return fn != NULL && draw != NULL;
}

/* Whether the engine can lay a chart out at another wrap. */
static inline bool
poster_have_flow_wrap(void)
{
	struct flow_layout *(*volatile fn)(const struct flow *, int,
	    struct buf *) = flow_layout_new_wrap;
	return fn != NULL;
}

#endif
