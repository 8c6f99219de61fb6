/* png16.h: a picture of few colours written as a 4-bit palette PNG. */
#ifndef NB_CHANNEL_PNG16_H
#define NB_CHANNEL_PNG16_H

#include <stdint.h>

#include "util/util.h"
#include "util/zrows.h"

/* cairo RGB24 pixels, each shown as the nearest of the 16 colours of the
 * palette (0xRRGGBB): appends the PNG to out, 0; or -1 with a message in
 * err. */
int png16_encode(const unsigned char *pixels, int width, int height, int stride,
    const uint32_t palette[16], struct buf *out, struct buf *err);

/* The index of the colour of the 16 that shows rgb (0xRRGGBB): the
 * nearest to its 12 high bits, as png16_encode maps every pixel. */
unsigned png16_nearest(const uint32_t palette[16], uint32_t rgb);

/* The PNG of rows already in the palette's indices (each row a filter
 * byte, 0, then two pixels a byte, the high nibble first), appended to
 * out (render/png.h's nbpng_write_rows): 0, or -1. */
int png16_write(const unsigned char *raw, int width, int height,
    const uint32_t palette[16], struct buf *out);

/* The deflate stream of a picture's first rows, which the pictures that
 * share them (a TV record's pages: the same band, title and code above
 * the body) each continue from where it ends, not making it again. */
struct png16_top {
	struct buf stream;      /* the stream's whole bytes so far */
	struct zrows z;         /* and where it is */
	int rows;
};

/* top, of the first rows of raw (as png16_write has them). */
void png16_top(const unsigned char *raw, int width, int rows,
    struct png16_top *top);
void png16_top_free(struct png16_top *top);

/* png16_write of raw whose first top->rows rows are those top was made
 * of, its stream continued from top's: 0, or -1. */
int png16_write_top(const unsigned char *raw, int width, int height,
    const uint32_t palette[16], const struct png16_top *top,
    struct buf *out);

#endif
