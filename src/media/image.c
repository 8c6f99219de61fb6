/* image.c: the photo of a record made ready: upright and at the sizes the
 * site shows it (each variant named by the hash of its bytes, so that a
 * changed photo is never an old one from a cache), or at the pixels a
 * poster prints it with. */
#include "media/work.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/i18n.h"

int
media_decode(const void *data, size_t len, int min_side,
    struct media_image *img, struct media_info *info, struct buf *err)
{
	if (media_decode_stored(data, len, min_side, img, info, err) != 0)
		return -1;
	media_orient(img, info->orientation);
	return 0;
}

/* The longest of the sides asked for, no more than the photo's. */
static int
largest_side(const int *max_sides, size_t n)
{
	int side = 0;

	for (size_t i = 0; i < n; i++) {
		if (max_sides[i] <= 0)
			return 0;
		if (max_sides[i] > side)
			side = max_sides[i];
	}
	return side;
}

static void
name_variant(struct media_variant *v)
{
	char hex[33];

	digest_hex(digest_of(v->data.data, v->data.len), hex);
	memcpy(v->name, hex, 32);
	strcpy(v->name + 32, v->format == MEDIA_PNG ? ".png" : ".jpg");
}

/* One variant of img, scaled by stored-orientation pixels: the scaling is
 * done before the turn, on fewer pixels. */
static int
make_variant(const struct media_image *stored, const struct media_info *info,
    int max_side, struct media_variant *v, struct buf *err)
{
	struct media_image scaled = {0};
	struct buf jpeg = {0}, png = {0};
	int w, h, rc = -1;

	/* the size upright, then as stored */
	media_fit_size(info->width, info->height, max_side, &w, &h);
	if (info->orientation >= 5) {
		int t = w;
		w = h;
		h = t;
	}
	/* a JPEG decoded at a scale may be smaller than the photo */
	if (w > stored->width || h > stored->height) {
		w = stored->width;
		h = stored->height;
	}
	media_scale(stored, w, h, &scaled);
	media_orient(&scaled, info->orientation);
	v->width = scaled.width;
	v->height = scaled.height;
	if (media_encode_jpeg(&scaled, MEDIA_JPEG_QUALITY, &jpeg, err) != 0)
		goto out;
	v->format = MEDIA_JPEG;
	if (info->format == MEDIA_PNG) {
		if (media_encode_png(&scaled, &png, err) != 0)
			goto out;
		/* a screenshot or a scanned page stays sharp as PNG; a photo
		 * saved as PNG is several times the JPEG's size */
		if (png.len <= 2 * jpeg.len) {
			buf_free(&jpeg);
			jpeg = png;
			png = (struct buf){0};
			v->format = MEDIA_PNG;
		}
	}
	v->data = jpeg;
	jpeg = (struct buf){0};
	name_variant(v);
	rc = 0;
out:
	buf_free(&jpeg);
	buf_free(&png);
	media_image_free(&scaled);
	return rc;
}

int
media_photo_variants(const void *data, size_t len, const int *max_sides,
    size_t n, struct media_out *out, struct buf *err)
{
	struct media_image stored = {0};
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (n > MEDIA_MAX_VARIANTS)
		n = MEDIA_MAX_VARIANTS;
	if (media_decode_stored(data, len, largest_side(max_sides, n), &stored,
	    &out->info, err) != 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		/* two variants of one size: the bytes once, copied */
		int w, h;
		media_fit_size(out->info.width, out->info.height, max_sides[i],
		    &w, &h);
		size_t same = 0;
		while (same < out->n && (out->variants[same].width != w ||
		    out->variants[same].height != h))
			same++;
		if (same < out->n && i > 0) {
			struct media_variant *v = &out->variants[out->n];
			*v = out->variants[same];
			v->data = (struct buf){0};
			buf_put(&v->data, out->variants[same].data.data,
			    out->variants[same].data.len);
			out->n++;
			continue;
		}
		if (make_variant(&stored, &out->info, max_sides[i],
		    &out->variants[out->n], err) != 0)
			goto out;
		out->n++;
	}
	rc = 0;
out:
	media_image_free(&stored);
	if (rc != 0)
		media_out_free(out);
	return rc;
}

void
media_out_free(struct media_out *out)
{
	if (out == NULL)
		return;
	for (size_t i = 0; i < out->n; i++)
		buf_free(&out->variants[i].data);
	out->n = 0;
}

double
media_print_dpi(int width, int height, double width_mm, double height_mm)
{
	if (width_mm <= 0 || height_mm <= 0)
		return 0;
	double x = width / (width_mm / 25.4), y = height / (height_mm / 25.4);
	return x < y ? x : y;
}

void
media_print_frame(int width, int height, double room_mm, double *w_mm,
    double *h_mm)
{
	double max_w = fmin(MEDIA_FRAME_MAX_W_MM, room_mm);
	double fit, natural;

	if (width <= 0 || height <= 0 || max_w <= 0) {
		*w_mm = *h_mm = 0;
		return;
	}
	fit = fmin(max_w / width, MEDIA_FRAME_MAX_H_MM / height);
	/* mm a pixel takes at the lowest resolution that prints sharp */
	natural = 25.4 / MEDIA_MIN_PRINT_DPI;
	if (natural < fit)
		fit = fmax(natural, fit / 2);
	*w_mm = width * fit;
	*h_mm = height * fit;
}

int
media_decode_for_print(const void *data, size_t len, double width_mm,
    double height_mm, int dpi, struct media_image *img,
    struct media_info *info, struct buf *err)
{
	struct media_image full = {0};
	int w, h;

	/* the pixels of the photo fitted inside the frame at dpi */
	int want_w = (int)ceil(width_mm / 25.4 * dpi);
	int want_h = (int)ceil(height_mm / 25.4 * dpi);
	if (media_probe(data, len, info, err) != 0)
		return -1;
	double fit = fmin((double)want_w / info->width,
	    (double)want_h / info->height);
	int side = (int)ceil(fit * (info->width > info->height ? info->width :
	    info->height));
	if (media_decode(data, len, side, &full, info, err) != 0)
		return -1;
	media_fit_size(full.width, full.height, side, &w, &h);
	if (w == full.width && h == full.height) {
		*img = full;
		return 0;
	}
	media_scale(&full, w, h, img);
	media_image_free(&full);
	return 0;
}
