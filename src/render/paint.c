/* paint.c: see paint.h. */
#include "render/paint.h"

void
paint_rgb(cairo_t *cr, unsigned rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0,
	    ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

void
paint_layout(cairo_t *cr, PangoLayout *l, double x, double y, unsigned rgb)
{
	paint_rgb(cr, rgb);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}
