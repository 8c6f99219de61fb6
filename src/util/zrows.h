/* zrows.h: a zlib stream (RFC 1950 around RFC 1951 deflate) of an image's
 * rows, made fast by what a rendered slide is: rows that repeat the row
 * above, and runs of one byte. See zrows.c for why this is not left to
 * libdeflate. */
#ifndef NB_UTIL_ZROWS_H
#define NB_UTIL_ZROWS_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Appends to out the zlib stream of the n bytes at data: rows of row_len
 * bytes each (a PNG's filtered rows, the filter byte first), the last
 * possibly short. Any row_len is accepted; rows longer than deflate's
 * window (32768 bytes) are compressed by their runs only. */
void zrows_compress(const unsigned char *data, size_t n, size_t row_len,
    struct buf *out);

/* The same stream made in parts, so that pictures whose first rows are
 * the same share the part of those rows: begun, then data's bytes up to
 * `to` added (data from its start each time: the rows before are matched
 * against; no match reaches past `to`), then ended. A copy of the state
 * with a copy of the bytes written so far goes on as the original would.
 * The stream's bytes are appended to out, whose length is that of the
 * bytes written whole: the bits of the last byte wait in the state. */
struct zrows {
	uint64_t acc;           /* bits not yet written */
	int bits;
	size_t at;              /* data's bytes added */
	size_t next_row;
	uint32_t adler;
};
void zrows_begin(struct zrows *z, struct buf *out);
void zrows_add(struct zrows *z, const unsigned char *data, size_t to,
    size_t row_len, struct buf *out);
void zrows_end(struct zrows *z, struct buf *out);

#endif
