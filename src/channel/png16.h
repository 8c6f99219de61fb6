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

#endif
