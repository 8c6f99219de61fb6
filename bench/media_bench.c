/* media_bench.c: the driver of media_bench.sh. "gen FILE" writes a 4000 x
 * 3000 JPEG with a photo's detail (gradients, edges and grain) as a phone
 * does: baseline, 4:2:0, quality 92; "variants RUNS FILE OUTDIR" makes the 1600 and 800 px variants of
 * FILE RUNS times, printing each run's milliseconds (reading the file
 * included), and writes the last run's variants to OUTDIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jpeglib.h>

#include "media/image.h"
#include "util/util.h"

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
gen(const char *path)
{
	struct media_image img = {4000, 3000, xmalloc(4000 * 3000 * 3)};
	struct buf out = {0};
	unsigned seed = 1;

	for (int y = 0; y < 3000; y++)
		for (int x = 0; x < 4000; x++) {
			unsigned char *p = img.rgb + ((size_t)y * 4000 + x) * 3;
			seed = seed * 1103515245u + 12345u;
			int grain = (int)(seed >> 28) - 8;
			/* sky, a roof line, fine tiles below it */
			int r = y < 1200 ? 120 + y / 20 : ((x / 9 + y / 7) & 1) ? 170 : 90;
			int g = y < 1200 ? 160 + y / 30 : 80 + (x * 80 / 4000);
			int b = y < 1200 ? 230 : 60 + ((x ^ y) & 31);
			p[0] = (unsigned char)(r + grain < 0 ? 0 : r + grain > 255 ? 255 : r + grain);
			p[1] = (unsigned char)(g + grain < 0 ? 0 : g + grain > 255 ? 255 : g + grain);
			p[2] = (unsigned char)(b + grain < 0 ? 0 : b + grain > 255 ? 255 : b + grain);
		}
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char *mem = NULL;
	unsigned long len = 0;
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &mem, &len);
	c.image_width = 4000;
	c.image_height = 3000;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 92, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		JSAMPROW row = img.rgb + (size_t)c.next_scanline * 4000 * 3;
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	if (file_write_atomic(path, mem, len) != 0) {
		perror(path);
		return 1;
	}
	free(mem);
	media_image_free(&img);
	buf_free(&out);
	return 0;
}

static int
variants(int runs, const char *path, const char *dir)
{
	static const int sides[] = {1600, 800};

	for (int i = 0; i < runs; i++) {
		struct media_out out;
		struct buf err = {0};
		char *data;
		size_t len;
		double start = now_ms();
		if (file_read(path, MEDIA_MAX_BYTES, &data, &len) != 0 ||
		    media_photo_variants(data, len, sides, 2, &out, &err) != 0) {
			fprintf(stderr, "variants: %s\n", err.data ? err.data : path);
			return 1;
		}
		printf("%.1f\n", now_ms() - start);
		if (i == runs - 1)
			for (size_t k = 0; k < out.n; k++) {
				char name[64];
				snprintf(name, sizeof name, "%d.jpg", sides[k]);
				char *p = path_join(dir, name);
				file_write_atomic(p, out.variants[k].data.data,
				    out.variants[k].data.len);
				free(p);
			}
		media_out_free(&out);
		free(data);
		buf_free(&err);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "gen") == 0)
		return gen(argv[2]);
	if (argc == 5 && strcmp(argv[1], "variants") == 0)
		return variants(atoi(argv[2]), argv[3], argv[4]);
	fprintf(stderr, "usage: media_bench gen FILE | variants RUNS FILE OUTDIR\n");
	return 2;
}
