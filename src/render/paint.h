/* paint.h: the two small strokes every drawing backend makes with cairo:
 * a colour written 0xRRGGBB as the source, and a pango layout shown in a
 * colour with its top left at a point. */
#ifndef NB_RENDER_PAINT_H
#define NB_RENDER_PAINT_H

#include <pango/pangocairo.h>

void paint_rgb(cairo_t *cr, unsigned rgb);
void paint_layout(cairo_t *cr, PangoLayout *l, double x, double y,
    unsigned rgb);

#endif
