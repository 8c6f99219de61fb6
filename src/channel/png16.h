/* png16.h: a picture of few colours written as a 4-bit palette PNG. */
#ifndef NB_CHANNEL_PNG16_H
#define NB_CHANNEL_PNG16_H

#include <stdint.h>

#include "util/util.h"

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

#endif
