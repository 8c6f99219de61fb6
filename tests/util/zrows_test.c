/* zrows_test.c: the rows' deflate stream is one any inflater reads back
 * byte for byte (libdeflate's, here), for rows that repeat, runs, noise,
 * rows wider than deflate's window, a short last row and nothing at all;
 * and rows that repeat pack small. */
#include "t.h"

#include <libdeflate.h>
#include <stdint.h>
#include <stdlib.h>

#include "util/zrows.h"

static uint32_t seed = 12345;

static unsigned
next(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 16;
}

/* Compresses, inflates, compares: the compressed size, or 0 on failure. */
static size_t
round_trip(const unsigned char *data, size_t n, size_t row_len,
    const char *what)
{
	struct buf z = {0};
	struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
	unsigned char *back = malloc(n + 1);
	size_t got = 0, size;
	enum libdeflate_result r;

	buf_put(&z, "prefix", 6);       /* appended after what is there */
	zrows_compress(data, n, row_len, &z);
	r = libdeflate_zlib_decompress(d, z.data + 6, z.len - 6, back, n + 1,
	    &got);
	T_CHECK(memcmp(z.data, "prefix", 6) == 0, "%s: the buffer's bytes kept",
	    what);
	T_CHECK(r == LIBDEFLATE_SUCCESS && got == n &&
	    (n == 0 || memcmp(back, data, n) == 0),
	    "%s: inflates to the same %zu bytes (result %d, got %zu)", what, n,
	    (int)r, got);
	size = z.len - 6;
	libdeflate_free_decompressor(d);
	free(back);
	buf_free(&z);
	return size;
}

int
main(void)
{
	enum { ROW = 961, ROWS = 300 };
	size_t n = (size_t)ROW * ROWS;
	unsigned char *img = malloc(n), *noise = malloc(n);
	unsigned char *wide = malloc(70000);
	size_t size;

	/* a slide: blank rows, a band, rows of text made of runs and
	 * antialiased edges, repeated lines */
	for (size_t y = 0; y < ROWS; y++) {
		unsigned char *row = img + y * ROW;
		row[0] = 0;
		memset(row + 1, y < 40 ? 0xaa : 0x00, ROW - 1);
		if (y >= 60 && y % 20 < 14)
			for (size_t x = 100; x < 700; x++)
				if ((x + y) % 7 < 3)
					row[x] = (unsigned char)(next() & 0xff);
	}
	size = round_trip(img, n, ROW, "a slide's rows");
	{
		/* against libdeflate's fastest level on the same rows */
		struct libdeflate_compressor *c = libdeflate_alloc_compressor(1);
		size_t bound = libdeflate_zlib_compress_bound(c, n);
		unsigned char *z = malloc(bound);
		size_t lib = libdeflate_zlib_compress(c, img, n, z, bound);
		T_CHECK(size > 0 && size < n / 2 && size <= 2 * lib,
		    "a slide's rows pack to %zu bytes (libdeflate: %zu, raw: %zu)",
		    size, lib, n);
		free(z);
		libdeflate_free_compressor(c);
	}

	for (size_t i = 0; i < n; i++)
		noise[i] = (unsigned char)next();
	size = round_trip(noise, n, ROW, "noise");
	T_CHECK(size <= n + n / 8 + 32, "noise stays within its bound: %zu",
	    size);

	/* a long run: matches of 258 and their tail */
	memset(noise, 7, n);
	size = round_trip(noise, n, ROW, "one byte repeated");
	T_CHECK(size < 2000, "one byte repeated packs to %zu bytes", size);
	round_trip(noise, 1000, 0, "a run without rows");
	round_trip(noise, 260, ROW, "a run of 260 (a tail of 2)");
	round_trip(noise, 261, ROW, "a run of 261");

	/* rows wider than the window: runs only */
	for (size_t i = 0; i < 70000; i++)
		wide[i] = (unsigned char)(i % 40000 < 20000 ? 1 : next());
	round_trip(wide, 70000, 35000, "rows wider than the window");

	/* a short last row, a single byte, nothing */
	round_trip(img, n - 100, ROW, "a short last row");
	round_trip(img + 200, 1, ROW, "one byte");
	round_trip(img, 0, ROW, "nothing");
	/* rows of one and two bytes, the same as the row above: too short
	 * to be a match of their own */
	{
		static const unsigned char one[] = {1, 1, 2, 3, 4, 5};
		static const unsigned char two[] = {1, 2, 1, 2, 3, 4, 5, 6, 7,
		    8, 9, 10};
		static const unsigned char three[] = {1, 2, 3, 1, 2, 3, 4, 5, 6,
		    7, 8, 9};
		round_trip(one, sizeof one, 1, "rows of one byte");
		round_trip(two, sizeof two, 2, "rows of two bytes");
		round_trip(three, sizeof three, 3, "rows of three bytes");
	}

	/* in parts: the stream of the first rows, then a copy of it gone
	 * on with the rest, is one stream of the whole, as the original gone
	 * on is, byte for byte */
	{
		struct buf first = {0}, copy = {0}, whole = {0};
		struct zrows z, again;
		struct libdeflate_decompressor *d =
		    libdeflate_alloc_decompressor();
		unsigned char *back = malloc(n);
		size_t got = 0;
		zrows_begin(&z, &first);
		zrows_add(&z, img, (size_t)ROW * 50, ROW, &first);
		again = z;
		buf_put(&copy, first.data, first.len);
		zrows_add(&z, img, n, ROW, &first);
		zrows_end(&z, &first);
		zrows_add(&again, img, n, ROW, &copy);
		zrows_end(&again, &copy);
		T_CHECK(first.len == copy.len && memcmp(first.data, copy.data,
		    first.len) == 0, "a copy of the first rows' stream goes on "
		    "as the original does");
		T_CHECK(libdeflate_zlib_decompress(d, copy.data, copy.len, back,
		    n, &got) == LIBDEFLATE_SUCCESS && got == n &&
		    memcmp(back, img, n) == 0,
		    "the stream made in parts inflates to the rows");
		zrows_compress(img, n, ROW, &whole);
		T_CHECK(whole.len <= copy.len + 64, "and is about the size of "
		    "the stream made at once (%zu, %zu)", copy.len, whole.len);
		free(back);
		libdeflate_free_decompressor(d);
		buf_free(&first);
		buf_free(&copy);
		buf_free(&whole);
	}

	free(img);
	free(noise);
	free(wide);
	return t_done();
}
