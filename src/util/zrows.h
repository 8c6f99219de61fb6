/* zrows.h: a zlib stream (RFC 1950 around RFC 1951 deflate) of an image's
 * rows, made fast by what a rendered slide is: rows that repeat the row
 * above, and runs of one byte. See zrows.c for why this is not left to
 * libdeflate. */
#ifndef NB_UTIL_ZROWS_H
#define NB_UTIL_ZROWS_H

#include "util/buf.h"

/* Appends to out the zlib stream of the n bytes at data: rows of row_len
 * bytes each (a PNG's filtered rows, the filter byte first), the last
 * possibly short. Any row_len is accepted; rows longer than deflate's
 * window (32768 bytes) are compressed by their runs only. */
void zrows_compress(const unsigned char *data, size_t n, size_t row_len,
    struct buf *out);

#endif
