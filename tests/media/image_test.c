/* image_test.c: the photo pipeline of src/media: JPEG and PNG made here
 * (with libjpeg through our encoder, with libpng), read back, turned by
 * their EXIF orientation, scaled down without aliasing and written with no
 * metadata; hostile files give an error, never a crash or a huge buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <png.h>
#include <zlib.h>

#include "t.h"
#include "media/attach.h"
#include "media/image.h"
#include "util/util.h"

static bool
holds(const struct buf *b, const char *what)
{
	size_t n = strlen(what);
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, what, n) == 0)
			return true;
	return false;
}

static struct media_image
image_new(int w, int h)
{
	struct media_image img = {w, h, xcalloc((size_t)w * (size_t)h, 3)};
	return img;
}

static void
set_px(struct media_image *img, int x, int y, int r, int g, int b)
{
	unsigned char *p = img->rgb + ((size_t)y * (size_t)img->width + (size_t)x) * 3;
	p[0] = (unsigned char)r;
	p[1] = (unsigned char)g;
	p[2] = (unsigned char)b;
}

static const unsigned char *
px(const struct media_image *img, int x, int y)
{
	return img->rgb + ((size_t)y * (size_t)img->width + (size_t)x) * 3;
}

static bool
near(const unsigned char *p, int r, int g, int b)
{
	return abs(p[0] - r) < 40 && abs(p[1] - g) < 40 && abs(p[2] - b) < 40;
}

/* A 64 x 32 picture as stored: left half red but its top-left quarter
 * green, right half blue: each turn puts the green somewhere else. */
static struct media_image
quarters(void)
{
	struct media_image img = image_new(64, 32);
	for (int y = 0; y < 32; y++)
		for (int x = 0; x < 64; x++) {
			if (x >= 32)
				set_px(&img, x, y, 0, 0, 255);
			else if (y < 16)
				set_px(&img, x, y, 0, 255, 0);
			else
				set_px(&img, x, y, 255, 0, 0);
		}
	return img;
}

static void
jpeg_of(const struct media_image *img, struct buf *out)
{
	struct buf err = {0};
	if (media_encode_jpeg(img, 90, out, &err) != 0)
		printf("cannot encode: %s\n", err.data);
	buf_free(&err);
}

static void
png_write_mem(png_structp png, png_bytep data, png_size_t len)
{
	buf_put(png_get_io_ptr(png), data, len);
}

static void
png_flush_mem(png_structp png)
{
	(void)png;
}

/* A PNG of w x h RGBA pixels, with an eXIf chunk when exif is not NULL. */
static void
png_of(const unsigned char *rgba, int w, int h, bool alpha, struct buf *out)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL,
	    NULL, NULL);
	png_infop info = png_create_info_struct(png);
	int channels = alpha ? 4 : 3;

	if (setjmp(png_jmpbuf(png))) {
		printf("libpng failed\n");
		exit(3);
	}
	png_set_write_fn(png, out, png_write_mem, png_flush_mem);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
	    alpha ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_RGB,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
	    PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	for (int y = 0; y < h; y++)
		png_write_row(png, rgba + (size_t)y * (size_t)w * (size_t)channels);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
}

/* A minimal EXIF block: Orientation in IFD0 and a GPS IFD with a latitude
 * reference, little-endian. */
static size_t
exif_block(unsigned char *out, int orientation)
{
	static const unsigned char tiff[] = {
		'E', 'x', 'i', 'f', 0, 0,
		'I', 'I', 42, 0, 8, 0, 0, 0,
		2, 0,                                   /* IFD0: two entries */
		0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0,   /* Orientation */
		0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0,  /* GPS IFD at 38 */
		0, 0, 0, 0,
		1, 0,                                   /* GPS IFD: one entry */
		0x01, 0x00, 2, 0, 2, 0, 0, 0, 'N', 0, 0, 0, /* GPSLatitudeRef */
		0, 0, 0, 0,
	};
	memcpy(out, tiff, sizeof tiff);
	out[6 + 8 + 2 + 8] = (unsigned char)orientation;
	return sizeof tiff;
}

/* The JPEG in with APP1 EXIF, APP2 and a comment put after its SOI. */
static void
with_metadata(const struct buf *in, int orientation, struct buf *out)
{
	unsigned char exif[128];
	size_t n = exif_block(exif, orientation);
	static const char icc[] = "ICC_PROFILE\0\1\1junk";
	static const char note[] = "Shot at Zhang San's house";

	buf_put(out, in->data, 2);
	buf_put(out, (const char[]){(char)0xff, (char)0xe1,
	    (char)((n + 2) >> 8), (char)((n + 2) & 0xff)}, 4);
	buf_put(out, exif, n);
	buf_put(out, (const char[]){(char)0xff, (char)0xe2, 0,
	    (char)(sizeof icc + 2)}, 4);
	buf_put(out, icc, sizeof icc);
	buf_put(out, (const char[]){(char)0xff, (char)0xfe, 0,
	    (char)(sizeof note + 2)}, 4);
	buf_put(out, note, sizeof note);
	buf_put(out, in->data + 2, in->len - 2);
}

/* The markers of a JPEG up to its first scan, as "E1 E2 FE ..." bytes. */
static bool
has_metadata_marker(const struct buf *jpeg, char *seen, size_t size)
{
	const unsigned char *p = (const unsigned char *)jpeg->data;
	size_t i = 2;
	bool found = false;

	seen[0] = '\0';
	while (i + 4 <= jpeg->len && p[i] == 0xff) {
		unsigned m = p[i + 1];
		size_t len = (size_t)p[i + 2] << 8 | p[i + 3];
		snprintf(seen + strlen(seen), size - strlen(seen), "%02X ", m);
		if ((m >= 0xe0 && m <= 0xef) || m == 0xfe)
			found = true;
		if (m == 0xda)
			break;
		i += 2 + len;
	}
	return found;
}

static bool
have_exiftool(void)
{
	return system("command -v exiftool >/dev/null 2>&1") == 0;
}

static void
test_orientation(void)
{
	struct media_image stored = quarters(), img = {0};
	struct media_info info;
	struct buf plain = {0}, tagged = {0}, err = {0};

	jpeg_of(&stored, &plain);
	for (int o = 1; o <= 8; o++) {
		buf_reset(&tagged);
		with_metadata(&plain, o, &tagged);
		buf_reset(&err);
		int rc = media_decode(tagged.data, tagged.len, 0, &img, &info,
		    &err);
		T_CHECK(rc == 0, "orientation %d decodes (%s)", o,
		    err.data ? err.data : "");
		if (rc != 0)
			continue;
		T_INTEQ(info.orientation, o, "orientation %d is read", o);
		bool swap = o >= 5;
		T_CHECK(img.width == (swap ? 32 : 64) &&
		    img.height == (swap ? 64 : 32),
		    "orientation %d: %dx%d upright", o, img.width, img.height);
		T_CHECK(info.width == img.width && info.height == img.height,
		    "orientation %d: the info's size is the upright one", o);
		media_image_free(&img);
	}
	/* 6: the camera was turned right; the stored left side is the top */
	buf_reset(&tagged);
	with_metadata(&plain, 6, &tagged);
	if (media_decode(tagged.data, tagged.len, 0, &img, &info, &err) == 0) {
		T_CHECK(near(px(&img, 24, 8), 0, 255, 0) &&
		    near(px(&img, 8, 8), 255, 0, 0) &&
		    near(px(&img, 16, 56), 0, 0, 255),
		    "orientation 6 comes out upright: green top right, red top "
		    "left, blue below");
		media_image_free(&img);
	}
	/* 8: turned left; 3: upside down */
	buf_reset(&tagged);
	with_metadata(&plain, 8, &tagged);
	if (media_decode(tagged.data, tagged.len, 0, &img, &info, &err) == 0) {
		T_CHECK(near(px(&img, 8, 56), 0, 255, 0) &&
		    near(px(&img, 16, 8), 0, 0, 255),
		    "orientation 8: green bottom left, blue on top");
		media_image_free(&img);
	}
	buf_reset(&tagged);
	with_metadata(&plain, 3, &tagged);
	if (media_decode(tagged.data, tagged.len, 0, &img, &info, &err) == 0) {
		T_CHECK(near(px(&img, 56, 24), 0, 255, 0) &&
		    near(px(&img, 8, 8), 0, 0, 255),
		    "orientation 3: green bottom right, blue left");
		media_image_free(&img);
	}
	/* the probe says as much without the pixels */
	buf_reset(&tagged);
	with_metadata(&plain, 6, &tagged);
	T_CHECK(media_probe(tagged.data, tagged.len, &info, &err) == 0 &&
	    info.width == 32 && info.height == 64 && info.stored_width == 64 &&
	    info.orientation == 6 && info.format == MEDIA_JPEG,
	    "probe: 32x64 upright, 64x32 stored, orientation 6");
	media_image_free(&stored);
	buf_free(&plain);
	buf_free(&tagged);
	buf_free(&err);
}

static void
test_no_metadata(void)
{
	struct media_image stored = quarters();
	struct buf plain = {0}, tagged = {0}, err = {0};
	struct media_out out;
	int sides[] = {48, 16};
	char seen[256];

	jpeg_of(&stored, &plain);
	with_metadata(&plain, 6, &tagged);
	T_CHECK(has_metadata_marker(&tagged, seen, sizeof seen),
	    "the input has APP1, APP2 and COM: %s", seen);
	int rc = media_photo_variants(tagged.data, tagged.len, sides, 2, &out,
	    &err);
	T_CHECK(rc == 0, "variants of a tagged photo (%s)", err.data ? err.data : "");
	if (rc == 0) {
		T_INTEQ(out.n, 2, "two variants");
		T_CHECK(out.variants[0].width == 24 && out.variants[0].height == 48,
		    "the first variant is 24x48 upright: %dx%d",
		    out.variants[0].width, out.variants[0].height);
		T_CHECK(out.variants[1].width == 8 && out.variants[1].height == 16,
		    "the second variant is 8x16: %dx%d",
		    out.variants[1].width, out.variants[1].height);
		for (size_t i = 0; i < out.n; i++) {
			T_CHECK(!has_metadata_marker(&out.variants[i].data, seen,
			    sizeof seen), "variant %zu has no APPn nor COM "
			    "marker: %s", i, seen);
			T_CHECK(!holds(&out.variants[i].data, "Zhang") &&
			    !holds(&out.variants[i].data, "Exif"),
			    "variant %zu holds neither the comment nor EXIF", i);
			T_CHECK(strlen(out.variants[i].name) == 36 &&
			    strcmp(out.variants[i].name + 32, ".jpg") == 0,
			    "variant %zu is named by its hash: %s", i,
			    out.variants[i].name);
		}
		T_CHECK(strcmp(out.variants[0].name, out.variants[1].name) != 0,
		    "the variants' names differ");
		/* what exiftool reads in it: nothing but the file's own */
		if (have_exiftool()) {
			char path[] = "/tmp/nbmedia.XXXXXX";
			int fd = mkstemp(path);
			if (fd >= 0 && write(fd, out.variants[0].data.data,
			    out.variants[0].data.len) ==
			    (ssize_t)out.variants[0].data.len) {
				char cmd[200];
				snprintf(cmd, sizeof cmd, "exiftool -a -G1 -s '%s' | "
				    "grep -v -E '^\\[(ExifTool|System|File|Composite)\\]'"
				    " >/dev/null", path);
				T_CHECK(system(cmd) != 0, "exiftool finds no "
				    "metadata group but the file's own");
				snprintf(cmd, sizeof cmd, "exiftool -a -s '%s' | "
				    "grep -i -E 'gps|orientation|comment|icc|xmp|jfif'"
				    " >/dev/null", path);
				T_CHECK(system(cmd) != 0, "exiftool finds no GPS, "
				    "orientation, comment, ICC, XMP nor JFIF");
			}
			if (fd >= 0)
				close(fd);
			unlink(path);
		} else {
			printf("SKIP: exiftool is not installed\n");
		}
		/* the same photo, the same names; a changed one, new names */
		struct media_out again;
		struct buf changed = {0}, plain2 = {0};
		for (int y = 0; y < 8; y++)
			for (int x = 40; x < 48; x++)
				set_px(&stored, x, y, 255, 255, 0);
		jpeg_of(&stored, &plain2);
		with_metadata(&plain2, 6, &changed);
		if (media_photo_variants(changed.data, changed.len, sides, 2,
		    &again, &err) == 0) {
			T_CHECK(strcmp(again.variants[0].name,
			    out.variants[0].name) != 0,
			    "a changed photo gets a new name");
			media_out_free(&again);
		}
		buf_free(&changed);
		buf_free(&plain2);
		if (media_photo_variants(tagged.data, tagged.len, sides, 2,
		    &again, &err) == 0) {
			T_STREQ(again.variants[0].name, out.variants[0].name,
			    "the same photo gets the same name");
			media_out_free(&again);
		}
		media_out_free(&out);
	}
	media_image_free(&stored);
	buf_free(&plain);
	buf_free(&tagged);
	buf_free(&err);
}

/* A photo tagged by exiftool as a phone would tag it: the orientation, a
 * GPS position, the camera, XMP and a comment. */
static void
test_exiftool_tags(void)
{
	char in[] = "/tmp/nbmedia_in.XXXXXX", out[] = "/tmp/nbmedia_out.XXXXXX";
	char cmd[600];
	struct media_image stored = quarters();
	struct buf plain = {0}, err = {0};
	struct media_out variants = {0};
	int sides[] = {1600};
	char *data = NULL;
	size_t len;
	int fd_in = -1, fd_out = -1;

	if (!have_exiftool()) {
		printf("SKIP: exiftool is not installed: a phone's tags\n");
		goto out;
	}
	fd_in = mkstemp(in);
	fd_out = mkstemp(out);
	jpeg_of(&stored, &plain);
	if (fd_in < 0 || fd_out < 0 ||
	    file_write_atomic(in, plain.data, plain.len) != 0)
		goto out;
	snprintf(cmd, sizeof cmd, "exiftool -q -overwrite_original "
	    "-Orientation#=6 -GPSLatitude=34.2611 -GPSLatitudeRef=N "
	    "-GPSLongitude=108.9422 -GPSLongitudeRef=E -Make=Phone "
	    "-Model=X1 -DateTimeOriginal='2026:11:20 10:00:00' "
	    "-XMP-dc:Description=home -Comment=home '%s'", in);
	T_CHECK(system(cmd) == 0, "exiftool tags the photo");
	snprintf(cmd, sizeof cmd, "exiftool -s -GPSLatitude '%s' | grep -q GPS", in);
	T_CHECK(system(cmd) == 0, "the tagged photo has a GPS position");
	if (file_read(in, MEDIA_MAX_BYTES, &data, &len) != 0)
		goto out;
	int rc = media_photo_variants(data, len, sides, 1, &variants, &err);
	T_CHECK(rc == 0 && variants.info.orientation == 6 &&
	    variants.variants[0].width == 32 && variants.variants[0].height == 64,
	    "exiftool's orientation 6 is read and applied: %dx%d",
	    variants.variants[0].width, variants.variants[0].height);
	if (rc != 0 || file_write_atomic(out, variants.variants[0].data.data,
	    variants.variants[0].data.len) != 0)
		goto out;
	snprintf(cmd, sizeof cmd, "exiftool -a -G1 -s '%s' | grep -v -E "
	    "'^\\[(ExifTool|System|File|Composite)\\]' | grep . >/dev/null", out);
	T_CHECK(system(cmd) != 0, "exiftool finds nothing in the variant "
	    "but the file's own (no EXIF, GPS, XMP, comment)");
out:
	if (fd_in >= 0) {
		close(fd_in);
		unlink(in);
	}
	if (fd_out >= 0) {
		close(fd_out);
		unlink(out);
	}
	free(data);
	media_out_free(&variants);
	media_image_free(&stored);
	buf_free(&plain);
	buf_free(&err);
}

static void
test_scaling(void)
{
	/* one-pixel black and white stripes and checks: averaged, they are
	 * an even grey at any ratio; a scaler that picks pixels makes bands */
	struct media_image fine = image_new(1000, 750), small = {0};
	for (int y = 0; y < 750; y++)
		for (int x = 0; x < 1000; x++) {
			int v = ((x + y) & 1) ? 255 : 0;
			set_px(&fine, x, y, v, v, v);
		}
	media_scale(&fine, 400, 300, &small);
	int lo = 255, hi = 0;
	for (int y = 0; y < 300; y++)
		for (int x = 0; x < 400; x++) {
			int v = px(&small, x, y)[0];
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
	T_CHECK(lo >= 118 && hi <= 137, "1000 -> 400 of a one-pixel "
	    "checkerboard is an even grey: %d to %d", lo, hi);
	media_image_free(&small);

	/* media_fit_size keeps the proportions and never scales up */
	int w, h;
	media_fit_size(4000, 3000, 1600, &w, &h);
	T_CHECK(w == 1600 && h == 1200, "4000x3000 fits 1600 as 1600x1200");
	media_fit_size(3000, 4000, 800, &w, &h);
	T_CHECK(w == 600 && h == 800, "3000x4000 fits 800 as 600x800");
	media_fit_size(640, 480, 1600, &w, &h);
	T_CHECK(w == 640 && h == 480, "640x480 is not scaled up to 1600");

	/* a big JPEG through the variants: decoded at a scale, then averaged */
	struct media_image photo = image_new(2000, 1500), back = {0};
	for (int y = 0; y < 1500; y++)
		for (int x = 0; x < 2000; x++)
			set_px(&photo, x, y, x * 255 / 1999, y * 255 / 1499, 128);
	struct buf jpeg = {0}, err = {0};
	struct media_out out;
	struct media_info info;
	int sides[] = {1600, 800, 4000};
	jpeg_of(&photo, &jpeg);
	int rc = media_photo_variants(jpeg.data, jpeg.len, sides, 3, &out, &err);
	T_CHECK(rc == 0, "variants of a 2000x1500 JPEG (%s)", err.data ? err.data : "");
	if (rc == 0) {
		T_CHECK(out.variants[0].width == 1600 &&
		    out.variants[0].height == 1200 &&
		    out.variants[1].width == 800 && out.variants[1].height == 600 &&
		    out.variants[2].width == 2000 && out.variants[2].height == 1500,
		    "1600x1200, 800x600 and, not scaled up, 2000x1500");
		T_CHECK(media_decode(out.variants[1].data.data,
		    out.variants[1].data.len, 0, &back, &info, &err) == 0 &&
		    back.width == 800 && back.height == 600 &&
		    near(px(&back, 0, 0), 0, 0, 128) &&
		    near(px(&back, 799, 599), 255, 255, 128) &&
		    near(px(&back, 400, 300), 128, 128, 128),
		    "the 800 variant reads back with the gradient's colours");
		media_image_free(&back);
		media_out_free(&out);
	}
	media_image_free(&photo);
	media_image_free(&fine);
	buf_free(&jpeg);
	buf_free(&err);
}

static void
test_png(void)
{
	/* a flat screenshot with a transparent corner stays PNG, on white */
	int w = 120, h = 80;
	unsigned char *rgba = xcalloc((size_t)w * h, 4);
	for (int i = 0; i < w * h; i++) {
		unsigned char *p = rgba + i * 4;
		int x = i % w, y = i / w;
		p[0] = 20;
		p[1] = 40;
		p[2] = x < 60 ? 200 : 20;
		p[3] = (x < 10 && y < 10) ? 0 : 255;
	}
	struct buf png = {0}, err = {0};
	struct media_out out;
	struct media_image img = {0};
	struct media_info info;
	int sides[] = {60};

	png_of(rgba, w, h, true, &png);
	T_CHECK(media_decode(png.data, png.len, 0, &img, &info, &err) == 0 &&
	    info.format == MEDIA_PNG && info.alpha && img.width == 120 &&
	    near(px(&img, 2, 2), 255, 255, 255) &&
	    near(px(&img, 30, 40), 20, 40, 200),
	    "a PNG with transparency is read onto white (%s)",
	    err.data ? err.data : "");
	media_image_free(&img);
	int rc = media_photo_variants(png.data, png.len, sides, 1, &out, &err);
	T_CHECK(rc == 0 && out.n == 1 && out.variants[0].format == MEDIA_PNG &&
	    out.variants[0].width == 60 && out.variants[0].height == 40 &&
	    strcmp(out.variants[0].name + 32, ".png") == 0,
	    "a flat PNG gives a 60x40 PNG");
	if (rc == 0) {
		T_CHECK(!holds(&out.variants[0].data, "tEXt") &&
		    !holds(&out.variants[0].data, "eXIf"),
		    "the PNG has no text nor EXIF chunk");
		media_out_free(&out);
	}
	/* a photo saved as PNG (noise) comes out JPEG */
	unsigned seed = 7;
	for (int i = 0; i < w * h * 4; i++) {
		seed = seed * 1103515245u + 12345u;
		rgba[i] = (unsigned char)(seed >> 16);
	}
	buf_reset(&png);
	png_of(rgba, w, h, false, &png);
	rc = media_photo_variants(png.data, png.len, sides, 1, &out, &err);
	T_CHECK(rc == 0 && out.variants[0].format == MEDIA_JPEG,
	    "a noisy PNG (a photo) gives a JPEG");
	if (rc == 0)
		media_out_free(&out);
	/* a PNG named .jpg: the bytes decide */
	T_CHECK(media_sniff(png.data, png.len) == MEDIA_PNG,
	    "the format is sniffed from the bytes");
	free(rgba);
	buf_free(&png);
	buf_free(&err);
}

/* err holds want after a failure of media_decode and media_probe */
static void
refused(const char *what, const void *data, size_t len, const char *want)
{
	struct media_image img = {0};
	struct media_info info;
	struct buf err = {0};
	struct media_out out;
	int sides[] = {1600, 800};

	int rc = media_decode(data, len, 0, &img, &info, &err);
	T_CHECK(rc == -1 && img.rgb == NULL && err.data != NULL &&
	    strstr(err.data, want) != NULL, "%s: refused: %s", what,
	    err.data ? err.data : "(no message)");
	buf_reset(&err);
	rc = media_photo_variants(data, len, sides, 2, &out, &err);
	T_CHECK(rc == -1 && out.n == 0 && err.data != NULL,
	    "%s: no variants: %s", what, err.data ? err.data : "(no message)");
	media_image_free(&img);
	buf_free(&err);
}

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
test_hostile(void)
{
	struct media_image small = quarters();
	struct buf jpeg = {0}, png = {0}, copy = {0};
	struct media_info info;
	struct buf err = {0};

	jpeg_of(&small, &jpeg);
	refused("zero bytes", "", 0, "empty");
	refused("a text file named .jpg", "hello, this is not a photo\n", 27,
	    "not an image");
	refused("a GIF", "GIF89a\1\0\1\0\0\0\0;", 14, "GIF");
	refused("the JPEG's first half", jpeg.data, jpeg.len / 2, "JPEG");
	refused("a JPEG of its SOI only", "\xff\xd8\xff", 3, "JPEG");

	/* 60000 x 60000 declared in the frame header */
	buf_put(&copy, jpeg.data, jpeg.len);
	unsigned char *p = (unsigned char *)copy.data;
	for (size_t i = 2; i + 9 < copy.len; i++)
		if (p[i] == 0xff && (p[i + 1] == 0xc0 || p[i + 1] == 0xc2)) {
			p[i + 5] = 60000 >> 8;
			p[i + 6] = 60000 & 0xff;
			p[i + 7] = 60000 >> 8;
			p[i + 8] = 60000 & 0xff;
			break;
		}
	refused("a JPEG declaring 60000x60000", copy.data, copy.len, "60000");
	T_CHECK(media_probe(copy.data, copy.len, &info, &err) == -1,
	    "the probe refuses 60000x60000 too");

	/* PNG: huge declared size (IHDR's CRC made right), truncated */
	unsigned char rgb[4 * 4 * 3] = {0};
	png_of(rgb, 4, 4, false, &png);
	buf_reset(&copy);
	buf_put(&copy, png.data, png.len);
	p = (unsigned char *)copy.data;
	put_be32(p + 16, 60000);
	put_be32(p + 20, 60000);
	uLong crc = crc32(0, p + 12, 17);
	put_be32(p + 29, (uint32_t)crc);
	refused("a PNG declaring 60000x60000", copy.data, copy.len, "60000");
	put_be32(p + 16, 8000);
	put_be32(p + 20, 8000);
	put_be32(p + 29, (uint32_t)crc32(0, p + 12, 17));
	refused("a PNG declaring 8000x8000 (64 Mpx)", copy.data, copy.len,
	    "megapixels");
	refused("the PNG's first 40 bytes", png.data, 40, "PNG");
	/* 4000x3000 declared, 4x4 given: the data runs out */
	put_be32(p + 16, 4000);
	put_be32(p + 20, 3000);
	put_be32(p + 29, (uint32_t)crc32(0, p + 12, 17));
	refused("a PNG declaring 4000x3000 with 16 pixels of data", copy.data,
	    copy.len, "PNG");
	media_image_free(&small);
	buf_free(&jpeg);
	buf_free(&png);
	buf_free(&copy);
	buf_free(&err);
}

static void
test_attachments(void)
{
	struct buf b = {0};
	static const struct {
		uint64_t bytes;
		const char *text;
	} sizes[] = {
		{0, "0 B"}, {999, "999 B"}, {1000, "1.0 KB"}, {35400, "35 KB"},
		{999499, "999 KB"}, {999950, "1.0 MB"}, {1234567, "1.2 MB"},
		{12345678, "12 MB"}, {3000000000u, "3.0 GB"},
	};

	for (size_t i = 0; i < NB_COUNT(sizes); i++) {
		buf_reset(&b);
		media_size_text(sizes[i].bytes, &b);
		T_STREQ(b.data, sizes[i].text, "%llu bytes",
		    (unsigned long long)sizes[i].bytes);
	}
	buf_reset(&b);
	media_attachment_label("Minutes", "PDF", 1234567, &b);
	T_STREQ(b.data, "Minutes (PDF, 1.2 MB)", "the link's text");
	buf_reset(&b);
	T_CHECK(media_attachment_check("%PDF-1.7\n", 9, &b) == 0, "a PDF is one");
	T_CHECK(media_attachment_check("<html>", 6, &b) == -1 &&
	    strstr(b.data, "PDF") != NULL, "a web page named .pdf is not: %s",
	    b.data);
	buf_reset(&b);
	T_CHECK(media_attachment_check("", 0, &b) == -1, "an empty file is not");
	buf_reset(&b);
	media_content_name("abc", 3, "pdf", &b);
	T_CHECK(b.len == 36 && strcmp(b.data + 32, ".pdf") == 0,
	    "an attachment's name is its hash: %s", b.data);
	buf_free(&b);
}

int
main(void)
{
	test_orientation();
	test_no_metadata();
	test_exiftool_tags();
	test_scaling();
	test_png();
	test_hostile();
	test_attachments();
	return t_done();
}
