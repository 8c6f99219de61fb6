/* png.h: the previews' PNG writer (see png.c). */
#ifndef NB_POSTER_PNG_H
#define NB_POSTER_PNG_H

#include "util.h"

/* Encodes cairo RGB24 pixels (native-endian 0xXXRRGGBB words, stride bytes a
 * row) as an 8-bit RGB PNG into out. 0, or -1 for an empty image. */
int png_write_rgb24(const unsigned char *pixels, int width, int height,
    int stride, struct buf *out);

#endif
