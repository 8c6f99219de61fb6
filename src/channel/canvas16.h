/* canvas16.h: a 16-colour picture made of flat areas and drawings each in
 * one ink on one paper, held as the rows of its 4-bit PNG. */
#ifndef NB_CHANNEL_CANVAS16_H
#define NB_CHANNEL_CANVAS16_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdint.h>

#include "channel/png16.h"
#include "util/util.h"

struct canvas16 {
	int width;
	int height;
	size_t row_bytes;          /* a PNG row: the filter byte, then pixels */
	unsigned char *raw;        /* height rows */
	uint32_t palette[16];      /* 0xRRGGBB */
	unsigned char *scratch;    /* the masks' coverage, reused: a fresh
	                              surface a drawing costs its pages */
	size_t scratch_len;
	unsigned char *saved;      /* since canvas16_mark: the rows changed,
	                              as they were at the mark */
	unsigned char *changed;    /* a row's flag: changed since the mark */
	int first_changed;         /* the first changed row, or height */
};

/* How an ink drawn on a paper looks at each coverage (cairo's OVER on
 * that paper), as the palette's index the 16-colour PNG shows it by. */
struct ink16 {
	unsigned char index[256];
};

/* A blank (colour 0) picture of width x height: 0, or -1 out of memory. */
int canvas16_init(struct canvas16 *c, int width, int height,
    const uint32_t palette[16]);
void canvas16_free(struct canvas16 *c);
/* dst (not initialised) becomes a new copy of src, without the clearing
 * canvas16_init does first: 0, or -1 out of memory. */
int canvas16_clone(struct canvas16 *dst, const struct canvas16 *src);

/* The palette's index that shows rgb, as the 16-colour PNG of a cairo
 * picture would (png16.h: the nearest colour by its 12 high bits). */
unsigned canvas16_nearest(const struct canvas16 *c, unsigned rgb);
void canvas16_ink(const struct canvas16 *c, unsigned ink, unsigned paper,
    struct ink16 *out);

/* Rows y0 to y1 (excluded) in one colour. */
void canvas16_fill_rows(struct canvas16 *c, int y0, int y1, unsigned rgb);

/* The pixels x0, y0 (included) to x1, y1 (excluded) in the palette's
 * colour index, clipped to the picture: what cairo draws of a rectangle
 * on whole pixels at full coverage, without drawing it. */
void canvas16_fill_rect(struct canvas16 *c, int x0, int y0, int x1, int y1,
    unsigned index);

/* A drawing in one ink: an A8 cairo surface whose coverage is set at
 * (x, y) and beyond, in pixels of the picture; uncovered pixels stay as
 * they are. The surface's cairo_t draws in the picture's coordinates. */
struct mask16 {
	cairo_surface_t *surface;
	cairo_t *cr;
	int x;
	int y;
	bool outside;           /* the area is off the picture: nothing put */
};
/* The mask of the area x0, y0 (included) to x1, y1 (excluded), clipped
 * to the picture: 0, or -1 when cairo fails. It is drawn on the canvas's
 * one scratch surface: one mask of a canvas at a time, ended before the
 * next begins. */
int mask16_begin(struct mask16 *m, struct canvas16 *c, int x0, int y0,
    int x1, int y1);
/* Puts the mask's coverage on the picture in this ink, frees the mask:
 * 0, or -1 with a message in err when cairo failed. */
int mask16_end(struct mask16 *m, struct canvas16 *c, const struct ink16 *ink,
    struct buf *err);

/* A pango layout in one ink with its top left at (x, y): only the area of
 * its ink, with a margin, is drawn. 0, or -1 with a message in err. */
int canvas16_layout(struct canvas16 *c, PangoLayout *l, double x, double y,
    const struct ink16 *ink, struct buf *err);

/* Texts drawn again and again with the same words at the same place (a
 * village's name on each of its slides, the footer, the caption under
 * the code): their coverage, kept by a key that names them and their
 * place, so that each is set and drawn once a build. Shared by threads. */
struct stamps;
struct stamps *stamps_new(void);
/* Accepts NULL. */
void stamps_free(struct stamps *s);

/* What a stamp's layout is made from: the layout and where its top left
 * goes, which may depend on the layout's size (a right-aligned text). */
typedef PangoLayout *stamp_make(const void *arg, double *x, double *y);

/* canvas16_layout of the layout make(arg) returns, unless a text of the
 * same key was drawn before on a picture of this size: then its coverage
 * is put without setting or drawing it. s NULL: no cache. 0, or -1 with
 * a message in err. */
int canvas16_stamp(struct canvas16 *c, struct stamps *s, const char *key,
    stamp_make *make, const void *arg, const struct ink16 *ink,
    struct buf *err);

/* What draws a stamp of an area: on the mask's cairo_t, in the picture's
 * coordinates. */
typedef void stamp_draw(cairo_t *cr, const void *arg);

/* The same for any drawing over the area x0, y0 to x1, y1 (as
 * mask16_begin has it): draw(cr, arg) on the area's mask, unless a
 * drawing of the same key was put before on a picture of this size; the
 * key names all that sets its pixels, the area too. 0, or -1 with a
 * message in err. */
int canvas16_stamp_area(struct canvas16 *c, struct stamps *s, const char *key,
    int x0, int y0, int x1, int y1, stamp_draw *draw, const void *arg,
    const struct ink16 *ink, struct buf *err);

/* Appends the picture's PNG to out: 0, or -1 with a message in err. */
int canvas16_png(const struct canvas16 *c, struct buf *out, struct buf *err);

/* The picture as it is now marked, so that canvas16_restore brings it
 * back: each row is kept the first time a drawing changes it, and only
 * those rows are copied back (a TV record's pages are drawn one after
 * the other on its base, where a copy of the frame for each cost more
 * than the drawing: the kernel's fresh pages). 0, or -1 out of memory. */
int canvas16_mark(struct canvas16 *c);
/* The picture as it was at the mark, which stays. */
void canvas16_restore(struct canvas16 *c);

/* canvas16_png, its stream continued from top (png16.h), made of the
 * picture's first rows when it was marked: when a drawing since changed
 * one of those rows, its stream is made whole. */
int canvas16_png_top(const struct canvas16 *c, const struct png16_top *top,
    struct buf *out, struct buf *err);

#endif
