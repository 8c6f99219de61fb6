/* image.h: photos for the site and the posters: JPEG and PNG read from
 * memory within hard limits, turned upright by their EXIF orientation,
 * scaled down by area averaging and written again without any metadata,
 * under names that are hashes of their content. See docs/media.md. */
#ifndef NB_MEDIA_IMAGE_H
#define NB_MEDIA_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* The limits every image is held to before anything its header declares is
 * allocated: a file of a few bytes may declare 60000 x 60000 pixels. A
 * phone's 50-megapixel photo is over the pixel limit: 40 megapixels is a
 * 7,700 x 5,200 image, more than a poster can show. */
#define MEDIA_MAX_BYTES (64u << 20)
#define MEDIA_MAX_SIDE 20000
#define MEDIA_MAX_PIXELS 40000000L

/* What the bytes are, whatever the file's name says. */
enum media_format {
	MEDIA_UNKNOWN,
	MEDIA_JPEG,
	MEDIA_PNG
};

/* What an image's headers say, without its pixels. */
struct media_info {
	enum media_format format;
	int stored_width;          /* as the pixels are stored */
	int stored_height;
	int orientation;           /* EXIF 1-8; 1 when none or not valid */
	int width;                 /* as it is shown: upright */
	int height;
	bool alpha;                /* a PNG with transparency */
};

/* Pixels: 8-bit RGB, 3 bytes a pixel, rows of width * 3 bytes, top down. */
struct media_image {
	int width;
	int height;
	unsigned char *rgb;
};

/* The format the bytes begin with, or MEDIA_UNKNOWN. */
enum media_format media_sniff(const void *data, size_t len);
/* "JPEG", "PNG" or NULL: for messages and file names. */
const char *media_format_name(enum media_format f);

/* Reads the headers only (and the EXIF orientation): 0, or -1 with a
 * message appended to err. Fails on what decoding would refuse by its
 * headers: an unknown format, a size over the limits. */
int media_probe(const void *data, size_t len, struct media_info *info,
    struct buf *err);

/* Decodes the whole image, upright, with transparency flattened on white.
 * min_side: the longest side (upright) the caller will scale it down to,
 * which lets a JPEG be decoded at a half, a quarter or an eighth of its
 * size when that is still at least min_side (0: full size). The image's
 * own size is in info. 0, or -1 with a message in err (img empty). */
int media_decode(const void *data, size_t len, int min_side,
    struct media_image *img, struct media_info *info, struct buf *err);
/* Frees the pixels; accepts an empty image. */
void media_image_free(struct media_image *img);

/* The size of an image of width x height scaled down so that its longest
 * side is at most max_side (never up), keeping the proportions. */
void media_fit_size(int width, int height, int max_side, int *fit_width,
    int *fit_height);
/* src scaled down to width x height (each at most src's) by area
 * averaging: each pixel out is the mean of the source area it covers. */
void media_scale(const struct media_image *src, int width, int height,
    struct media_image *dst);

/* JPEG at quality (1-100), progressive, 4:2:0, with no marker beyond the
 * image's own: no JFIF, EXIF, XMP, ICC profile nor comment. 0, or -1 with
 * a message in err. */
int media_encode_jpeg(const struct media_image *img, int quality,
    struct buf *out, struct buf *err);
/* PNG through src/render/png.c: 8-bit RGB, no ancillary chunk. */
int media_encode_png(const struct media_image *img, struct buf *out,
    struct buf *err);

/* One encoded size of a photo. */
struct media_variant {
	int width;
	int height;
	enum media_format format;  /* JPEG, or PNG (see media_photo_variants) */
	char name[40];             /* 32 hex digits of the bytes' XXH3, ".jpg" or ".png" */
	struct buf data;
};

#define MEDIA_MAX_VARIANTS 8

struct media_out {
	struct media_info info;    /* of the source */
	size_t n;
	struct media_variant variants[MEDIA_MAX_VARIANTS];
};

#define MEDIA_JPEG_QUALITY 82

/* The photo in data, for the web: one variant for each of max_sides (at
 * most MEDIA_MAX_VARIANTS), in that order, whose longest side is at most
 * that (the photo's own size when it is smaller: never scaled up; two
 * variants of one size have the same bytes and name). A JPEG gives JPEGs.
 * A PNG (a screenshot, a scanned page) gives a PNG, unless that is more
 * than twice the size of the JPEG of it, which it then gives: a photo
 * saved as PNG. 0, or -1 with a message in err (out empty). */
int media_photo_variants(const void *data, size_t len, const int *max_sides,
    size_t n, struct media_out *out, struct buf *err);
void media_out_free(struct media_out *out);

/* For the posters: the photo upright, scaled down to the pixels it needs
 * to print at dpi fitted inside a frame of width_mm x height_mm, its
 * proportions kept (never more pixels than it has).
 * 0, or -1 with a message in err. */
int media_decode_for_print(const void *data, size_t len, double width_mm,
    double height_mm, int dpi, struct media_image *img,
    struct media_info *info, struct buf *err);
/* The resolution an image of width x height pixels prints at when it is
 * printed width_mm x height_mm (the lower of the two directions', should
 * the proportions differ). Posters warn under MEDIA_MIN_PRINT_DPI. */
double media_print_dpi(int width, int height, double width_mm,
    double height_mm);
#define MEDIA_MIN_PRINT_DPI 150
#define MEDIA_PRINT_DPI 300

/* The frame a photo prints in on a poster: at most 160 mm wide and 120 mm
 * high, and no wider than room_mm (the poster's text width), its
 * proportions kept. A photo too small to print that large at 150 dpi prints
 * smaller, at 150 dpi, down to half that size: below it, it would be too
 * small to see on a wall, and prints blurred instead (the loader warns). */
#define MEDIA_FRAME_MAX_W_MM 160.0
#define MEDIA_FRAME_MAX_H_MM 120.0
void media_print_frame(int width, int height, double room_mm, double *w_mm,
    double *h_mm);

#endif
