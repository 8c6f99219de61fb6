/* png.h: the PNG encoder of the flowcharts and the poster previews: cairo
 * RGB24 rows in, any number at a time, an 8-bit RGB PNG out (see png.c);
 * and the PNG of rows already packed as PNG holds them, which the
 * channels' pictures (the slides, the LED frames, the QR codes) use.
 * Its names start nbpng_: png_ is libpng's, which cairo links, and libpng
 * calls its own png_free through the program's symbols. */
#ifndef NB_RENDER_PNG_H
#define NB_RENDER_PNG_H

#include "util/util.h"

struct nbpng_encoder;

/* An encoder for width x height pixels; NULL unless both are positive, or
 * when the filtered image it keeps (3 bytes a pixel) cannot be held. */
struct nbpng_encoder *nbpng_begin(int width, int height);
/* The image is flat colour (a chart's inks and their antialiased edges):
 * written with a palette of 256 colours or fewer, the exact ones when it
 * has that few, otherwise the nearest of those chosen (see png.c), and
 * packed by zrows (src/util/zrows.c) rather than libdeflate; RGB if it
 * has more than 65,535 colours. Before the first row: 0, or -1 after (or
 * for an image wider than 65,535 pixels, which stays RGB by libdeflate). */
int nbpng_flat(struct nbpng_encoder *e);
/* The next rows of the image, top to bottom: cairo RGB24 pixels
 * (native-endian 0xXXRRGGBB words), stride bytes from one row to the next.
 * 0, or -1 (and nothing taken) when they go past the image's height. */
int nbpng_add_rows(struct nbpng_encoder *e, const unsigned char *pixels,
    int stride, int rows);
/* Appends the PNG to out once every row is in: 0, or -1 when rows are
 * missing (out is left as it was). */
int nbpng_finish(struct nbpng_encoder *e, struct buf *out);
/* Accepts NULL. */
void nbpng_free(struct nbpng_encoder *e);

/* The PNG of rows already made: each a filter byte (0) then the pixels
 * as PNG packs them at this depth and colour type (0 grey, 2 RGB, 3
 * indices of palette's colours, 0xRRGGBB), packed by zrows and appended
 * to out: 0, or -1 (out as it was) past the 2 GiB a chunk holds. */
int nbpng_write_rows(const unsigned char *raw, int width, int height,
    int depth, int colour_type, const uint32_t *palette, int colours,
    struct buf *out);

/* The same in parts, for a stream made otherwise (zrows in parts): the
 * PNG's head is kept room for in out, nbpng_open returning where it
 * starts; the zlib stream is appended after it; nbpng_close writes the
 * head and the tail: 0, or -1 (out as it was before the open) past the
 * 2 GiB a chunk holds. */
size_t nbpng_open(struct buf *out, int colour_type, int colours);
int nbpng_close(struct buf *out, size_t start, int width, int height,
    int depth, int colour_type, const uint32_t *palette, int colours);

/* A whole image in one call: begin, add its rows, finish, free. */
int nbpng_encode_rgb24(const unsigned char *pixels, int width, int height,
    int stride, struct buf *out);

#endif
