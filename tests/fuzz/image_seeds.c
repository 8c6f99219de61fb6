/* image_seeds.c: writes the image fuzzer's seed corpus into a folder:
 * small JPEGs and PNGs of the kinds people send (progressive and baseline,
 * grey, 4:4:4 with restart markers, an EXIF orientation; RGB, RGBA,
 * palette with transparency, 16-bit grey, interlaced, eXIf), made here
 * with libjpeg and libpng rather than downloaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

#include "media/image.h"
#include "util/util.h"

static const char *folder;

static void
save(const char *name, const void *data, size_t len)
{
	char *path = path_join(folder, name);
	if (file_write_atomic(path, data, len) != 0) {
		perror(path);
		exit(1);
	}
	free(path);
}

static void
jpeg_plain(const char *name, int w, int h, bool grey, bool restart)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	unsigned char *mem = NULL, row[64 * 3];
	unsigned long len = 0;

	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &mem, &len);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = grey ? 1 : 3;
	c.in_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 75, TRUE);
	if (restart) {
		c.restart_in_rows = 1;
		for (int i = 0; i < c.num_components; i++)
			c.comp_info[i].h_samp_factor = c.comp_info[i].v_samp_factor = 1;
	}
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < c.image_height) {
		for (int x = 0; x < w * c.input_components; x++)
			row[x] = (unsigned char)(x * 7 + c.next_scanline * 13);
		JSAMPROW r = row;
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	save(name, mem, len);
	free(mem);
}

static void
png_mem(png_structp png, png_bytep data, png_size_t len)
{
	buf_put(png_get_io_ptr(png), data, len);
}

static void
png_flush(png_structp png)
{
	(void)png;
}

static void
png_kind(const char *name, int type, int depth, bool interlaced, bool exif)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
	    NULL, NULL);
	png_infop info = png_create_info_struct(png);
	struct buf out = {0};
	unsigned char row[16 * 8];
	int w = 16, h = 12;

	if (setjmp(png_jmpbuf(png)))
		exit(1);
	png_set_write_fn(png, &out, png_mem, png_flush);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, depth, type,
	    interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
	    PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (type == PNG_COLOR_TYPE_PALETTE) {
		png_color colours[4] = {{0, 0, 0}, {255, 0, 0}, {0, 255, 0},
			{0, 0, 255}};
		png_byte alpha[2] = {0, 128};
		png_set_PLTE(png, info, colours, 4);
		png_set_tRNS(png, info, alpha, 2, NULL);
	}
#ifdef PNG_eXIf_SUPPORTED
	if (exif) {
		png_byte block[] = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01,
			0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0};
		png_set_eXIf_1(png, info, sizeof block, block);
	}
#else
	(void)exif;
#endif
	png_write_info(png, info);
	int passes = png_set_interlace_handling(png);
	for (int p = 0; p < passes; p++)
		for (int y = 0; y < h; y++) {
			for (size_t x = 0; x < sizeof row; x++)
				row[x] = (unsigned char)(x * 5 + y * 11);
			if (type == PNG_COLOR_TYPE_PALETTE)
				for (size_t x = 0; x < sizeof row; x++)
					row[x] &= depth == 8 ? 3 : 0x55;
			png_write_row(png, row);
		}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	save(name, out.data, out.len);
	buf_free(&out);
}

int
main(int argc, char **argv)
{
	struct media_image img = {20, 14, xcalloc(20 * 14, 3)};
	struct buf b = {0}, err = {0};

	if (argc != 2) {
		fprintf(stderr, "usage: image_seeds FOLDER\n");
		return 2;
	}
	folder = argv[1];
	for (int i = 0; i < 20 * 14 * 3; i++)
		img.rgb[i] = (unsigned char)(i * 3);
	if (media_encode_jpeg(&img, 80, &b, &err) != 0)
		return 1;
	save("progressive.jpg", b.data, b.len);
	/* the same with an EXIF block saying: turned right */
	static const unsigned char app1[] = {0xff, 0xe1, 0, 34, 'E', 'x', 'i',
		'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0,
		1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0};
	struct buf tagged = {0};
	buf_put(&tagged, b.data, 2);
	buf_put(&tagged, app1, sizeof app1);
	buf_put(&tagged, b.data + 2, b.len - 2);
	save("exif6.jpg", tagged.data, tagged.len);
	buf_reset(&b);
	if (media_encode_png(&img, &b, &err) != 0)
		return 1;
	save("ours.png", b.data, b.len);
	jpeg_plain("baseline.jpg", 24, 16, false, false);
	jpeg_plain("grey.jpg", 17, 9, true, false);
	jpeg_plain("restart444.jpg", 24, 24, false, true);
	png_kind("rgba.png", PNG_COLOR_TYPE_RGB_ALPHA, 8, false, false);
	png_kind("palette.png", PNG_COLOR_TYPE_PALETTE, 8, false, false);
	png_kind("palette2.png", PNG_COLOR_TYPE_PALETTE, 2, false, false);
	png_kind("grey16.png", PNG_COLOR_TYPE_GRAY, 16, false, false);
	png_kind("greyalpha.png", PNG_COLOR_TYPE_GRAY_ALPHA, 8, true, false);
	png_kind("interlaced.png", PNG_COLOR_TYPE_RGB, 8, true, false);
	png_kind("exif.png", PNG_COLOR_TYPE_RGB, 8, false, true);
	buf_free(&b);
	buf_free(&tagged);
	buf_free(&err);
	media_image_free(&img);
	return 0;
}
