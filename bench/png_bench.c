/* png_bench.c: the PNG encoders timed on the same pixels, for
 * bench/png_bench.sh. Each PNG named on the command line is decoded by
 * cairo, then encoded by our encoder (src/render/png.c), by the encoder
 * before it (old_png_*, when built with -DHAVE_OLD) and by cairo's own
 * writer (libpng), REPEAT times each per run; only the encoding is timed.
 * Prints one line per encoder and group (the folder under the output:
 * flowcharts, posters) with the median over RUNS runs of the total
 * milliseconds, and the total bytes. Exits 1, saying why, when an
 * encoder's PNG does not decode to the source's pixels.
 *
 * Both encoders are compiled under other names (new_png_*, old_png_*):
 * libpng, which cairo reads and writes PNG with, has a png_free of its own
 * and calls it through the program's symbols, which would find ours.
 *
 * usage: png_bench RUNS REPEAT FILE.png... */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"

int new_png_encode_rgb24(const unsigned char *pixels, int width, int height,
    int stride, struct buf *out);
#ifdef HAVE_OLD
int old_png_encode_rgb24(const unsigned char *pixels, int width, int height,
    int stride, struct buf *out);
#endif

enum { ENC_AFTER, ENC_BEFORE, ENC_CAIRO, ENC_COUNT };
static const char *const enc_name[ENC_COUNT] = {"after", "before", "cairo"};

#define MAX_GROUPS 8

struct image {
	const char *path;
	int group;
	cairo_surface_t *surface;
};

static char *groups[MAX_GROUPS];
static int ngroups;

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static cairo_status_t
write_to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_put(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

struct reader {
	const struct buf *b;
	size_t pos;
};

static cairo_status_t
read_from_buf(void *closure, unsigned char *data, unsigned int length)
{
	struct reader *r = closure;

	if (length > r->b->len - r->pos)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->b->data + r->pos, length);
	r->pos += length;
	return CAIRO_STATUS_SUCCESS;
}

static int
encode(int enc, cairo_surface_t *s, struct buf *out)
{
	const unsigned char *px = cairo_image_surface_get_data(s);
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);

	switch (enc) {
	case ENC_AFTER:
		return new_png_encode_rgb24(px, w, h, stride, out);
#ifdef HAVE_OLD
	case ENC_BEFORE:
		return old_png_encode_rgb24(px, w, h, stride, out);
#endif
	case ENC_CAIRO:
		return cairo_surface_write_to_png_stream(s, write_to_buf, out) ==
		    CAIRO_STATUS_SUCCESS ? 0 : -1;
	}
	return -1;
}

/* The RGB of every pixel of png equal to that of src? */
static int
same_pixels(const struct buf *png, cairo_surface_t *src)
{
	struct reader r = {png, 0};
	cairo_surface_t *d = cairo_image_surface_create_from_png_stream(
	    read_from_buf, &r);
	int w = cairo_image_surface_get_width(src);
	int h = cairo_image_surface_get_height(src);
	int ok = cairo_surface_status(d) == CAIRO_STATUS_SUCCESS &&
	    cairo_image_surface_get_width(d) == w &&
	    cairo_image_surface_get_height(d) == h;

	for (int y = 0; ok && y < h; y++) {
		const uint32_t *a = (const uint32_t *)(const void *)
		    (cairo_image_surface_get_data(src) + (size_t)y *
		    (size_t)cairo_image_surface_get_stride(src));
		const uint32_t *b = (const uint32_t *)(const void *)
		    (cairo_image_surface_get_data(d) + (size_t)y *
		    (size_t)cairo_image_surface_get_stride(d));
		for (int x = 0; ok && x < w; x++)
			ok = (a[x] & 0xffffff) == (b[x] & 0xffffff);
	}
	cairo_surface_destroy(d);
	return ok;
}

static int
group_of(const char *path)
{
	const char *slash = strchr(path, '/');
	size_t n = slash != NULL ? (size_t)(slash - path) : strlen(path);

	for (int g = 0; g < ngroups; g++)
		if (strlen(groups[g]) == n && memcmp(groups[g], path, n) == 0)
			return g;
	if (ngroups == MAX_GROUPS)
		return MAX_GROUPS - 1;
	groups[ngroups] = xstrndup(path, n);
	return ngroups++;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of n sorted numbers. */
static double
median(const double *v, int n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int
main(int argc, char **argv)
{
	int runs = argc > 2 ? atoi(argv[1]) : 0;
	int repeat = argc > 2 ? atoi(argv[2]) : 0;
	int nimages = argc - 3;
	struct image *im;
	int have[ENC_COUNT] = {1, 0, 1};
	/* [encoder][group][run]: milliseconds of one encoding of the group */
	static double ms[ENC_COUNT][MAX_GROUPS][64];
	static size_t bytes[ENC_COUNT][MAX_GROUPS];
	static long pixels[MAX_GROUPS], count[MAX_GROUPS];

#ifdef HAVE_OLD
	have[ENC_BEFORE] = 1;
#endif
	if (runs < 1 || runs > 64 || repeat < 1 || nimages < 1) {
		fprintf(stderr, "usage: png_bench RUNS(1-64) REPEAT FILE.png...\n");
		return 2;
	}
	im = xcalloc((size_t)nimages, sizeof *im);
	for (int i = 0; i < nimages; i++) {
		cairo_surface_t *s;
		im[i].path = argv[3 + i];
		im[i].group = group_of(im[i].path);
		s = cairo_image_surface_create_from_png(im[i].path);
		if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
			fprintf(stderr, "png_bench: %s: %s\n", im[i].path,
			    cairo_status_to_string(cairo_surface_status(s)));
			return 1;
		}
		/* what the program encodes: no alpha */
		if (cairo_image_surface_get_format(s) != CAIRO_FORMAT_RGB24) {
			fprintf(stderr, "png_bench: %s: not an RGB image\n",
			    im[i].path);
			return 1;
		}
		im[i].surface = s;
		pixels[im[i].group] += (long)cairo_image_surface_get_width(s) *
		    cairo_image_surface_get_height(s);
		count[im[i].group]++;
	}

	/* every encoder's file must give the source's pixels back; ours and
	 * the one before it then give the same pixels as each other */
	for (int i = 0; i < nimages; i++)
		for (int enc = 0; enc < ENC_COUNT; enc++) {
			struct buf out = {0};
			if (!have[enc])
				continue;
			if (encode(enc, im[i].surface, &out) != 0 ||
			    !same_pixels(&out, im[i].surface)) {
				fprintf(stderr, "png_bench: %s: the %s encoder's PNG does "
				    "not decode to the same pixels\n", im[i].path,
				    enc_name[enc]);
				return 1;
			}
			bytes[enc][im[i].group] += out.len;
			buf_free(&out);
		}

	for (int r = 0; r < runs; r++)
		for (int enc = 0; enc < ENC_COUNT; enc++) {
			if (!have[enc])
				continue;
			for (int i = 0; i < nimages; i++) {
				double t = 0;
				for (int k = 0; k < repeat; k++) {
					struct buf out = {0};
					double t0 = now_ms();
					int rc = encode(enc, im[i].surface, &out);
					t += now_ms() - t0;
					buf_free(&out);
					if (rc != 0) {
						fprintf(stderr, "png_bench: %s: the %s encoder "
						    "failed\n", im[i].path, enc_name[enc]);
						return 1;
					}
				}
				ms[enc][im[i].group][r] += t / repeat;
			}
		}

	/* encoder group images megapixels median_ms bytes */
	for (int enc = 0; enc < ENC_COUNT; enc++) {
		if (!have[enc])
			continue;
		for (int g = 0; g < ngroups; g++) {
			double sorted[64];
			memcpy(sorted, ms[enc][g], sizeof sorted);
			qsort(sorted, (size_t)runs, sizeof sorted[0], cmp_double);
			double m = median(sorted, runs);
			printf("%s %s %ld %.1f %.1f %zu\n", enc_name[enc], groups[g],
			    count[g], (double)pixels[g] / 1e6, m, bytes[enc][g]);
		}
		/* the median of the runs' totals, not the sum of the medians */
		double total[64];
		size_t all_bytes = 0;
		long all_count = 0, all_pixels = 0;
		for (int r = 0; r < runs; r++) {
			total[r] = 0;
			for (int g = 0; g < ngroups; g++)
				total[r] += ms[enc][g][r];
		}
		for (int g = 0; g < ngroups; g++) {
			all_bytes += bytes[enc][g];
			all_count += count[g];
			all_pixels += pixels[g];
		}
		qsort(total, (size_t)runs, sizeof total[0], cmp_double);
		printf("%s all %ld %.1f %.1f %zu\n", enc_name[enc], all_count,
		    (double)all_pixels / 1e6, median(total, runs), all_bytes);
	}
	for (int i = 0; i < nimages; i++)
		cairo_surface_destroy(im[i].surface);
	for (int g = 0; g < ngroups; g++)
		free(groups[g]);
	free(im);
	return 0;
}
