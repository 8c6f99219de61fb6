/* flow.h: procedure flowcharts. A validated flow is laid out once (layers,
 * order, coordinates, orthogonal routes, text wrapped by pango) and the one
 * layout is written as SVG, PNG or PDF, or drawn onto a poster's cairo page. */
#ifndef NB_FLOW_H
#define NB_FLOW_H

#include <cairo.h>

#include "model/model.h"
#include "util/util.h"

struct flow_layout;

/* Lays out a validated flow, measuring text with pango. Returns NULL with a
 * message in err on failure (the font is missing). Safe to call from several
 * threads at once on different flows: each layout has its own font map. */
struct flow_layout *flow_layout_new(const struct flow *f, struct buf *err);
/* The same with a box's text wrapped at wrap_chars CJK characters a line
 * (flow_layout_new's is 10), for a chart that must fit a narrower page. */
struct flow_layout *flow_layout_new_wrap(const struct flow *f, int wrap_chars,
    struct buf *err);
/* The same for print (a poster's sheet): the white between and inside the
 * boxes, lanes and layers is tighter (FL_PRINT_SP of the screen's), since
 * at print size it need not grow with the text. */
struct flow_layout *flow_layout_new_print(const struct flow *f,
    int wrap_chars, struct buf *err);
void flow_layout_free(struct flow_layout *l);
void flow_layout_size(const struct flow_layout *l, double *width_pt,
    double *height_pt);
/* A stable text dump of boxes, text lines, labels and edge polylines, for
 * golden tests and the crossing comparison with Graphviz. */
void flow_layout_dump(const struct flow_layout *l, struct buf *out);

/* Each returns 0, or -1 when cairo failed. One layout may be drawn by one
 * thread at a time. */
int flow_write_svg(const struct flow_layout *l, struct buf *out);
/* PNG bytes; pixels = scale x points (scale 2 for screens). */
int flow_write_png(const struct flow_layout *l, double scale, struct buf *out);
/* creation_date is "YYYY-MM-DD", the build clock, so the bytes repeat.
 * The fonts embedded are repaired as the posters' are (render/fontfix.h);
 * when that fails, -1 with its reason in err (err stays empty when cairo
 * failed). */
int flow_write_pdf(const struct flow_layout *l, const char *creation_date,
    struct buf *out, struct buf *err);
/* Vector drawing at the current transform, 1 unit = 1 pt (posters). */
void flow_draw(const struct flow_layout *l, cairo_t *cr);

/* The chart's accessible alternative: an HTML <ol> of the steps with their
 * branches, every text escaped. */
void flow_text_html(const struct flow *f, struct buf *out);

#endif
