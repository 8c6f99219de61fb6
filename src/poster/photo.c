/* photo.c: a record's photos on the posters: placed centred at the size
 * media_print_frame gives them (the loader warned when that is under
 * 150 dpi), their caption below and kept with them, their pixels scaled to
 * what 300 dpi needs at that size and never more than the photo has. A
 * JPEG goes into the PDF as a JPEG (cairo embeds the bytes it is given),
 * a PNG (a screenshot, a scanned page) losslessly. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "media/image.h"
#include "poster/doc.h"
#include "util/i18n.h"

#define PHOTO_JPEG_QUALITY 88

static void
free_bytes(void *data)
{
	struct buf *b = data;

	buf_free(b);
	free(b);
}

/* The pixels as a cairo surface; for a JPEG source, the JPEG of them
 * attached, which the PDF embeds as it is. */
static cairo_surface_t *
photo_surface(const struct media_image *img, bool jpeg, struct buf *err)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    img->width, img->height);
	unsigned char *px;
	int stride;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		buf_printf(err, "cairo: %s",
		    cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_flush(s);
	px = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < img->height; y++) {
		const unsigned char *in = img->rgb + (size_t)y * img->width * 3;
		uint32_t *out = (uint32_t *)(void *)(px + (size_t)y * stride);
		for (int x = 0; x < img->width; x++, in += 3)
			out[x] = 0xff000000u | (uint32_t)in[0] << 16 |
			    (uint32_t)in[1] << 8 | in[2];
	}
	cairo_surface_mark_dirty(s);
	if (jpeg) {
		struct buf *bytes = xcalloc(1, sizeof *bytes);
		if (media_encode_jpeg(img, PHOTO_JPEG_QUALITY, bytes, err) != 0 ||
		    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG,
		    (const unsigned char *)bytes->data, bytes->len, free_bytes,
		    bytes) != CAIRO_STATUS_SUCCESS) {
			free_bytes(bytes);
			cairo_surface_destroy(s);
			return NULL;
		}
	}
	return s;
}

static int
photo_load(const struct doc *d, struct block *b, struct buf *err)
{
	const struct record_file *f = b->photo;
	char *abs = path_join(d->county->root, f->path), *data = NULL;
	struct media_image img = {0};
	struct media_info info;
	struct buf why = {0};
	size_t len = 0;
	int rc = 0;

	if (file_read(abs, MEDIA_MAX_BYTES, &data, &len) != 0) {
		buf_printf(err, "%s: %s", abs, strerror(errno));
		free(abs);
		return -1;
	}
	if (media_decode_for_print(data, len, b->photo_w / PT_PER_MM,
	    b->photo_h / PT_PER_MM, MEDIA_PRINT_DPI, &img, &info, &why) != 0) {
		/* what the loader's look at the headers could not see (a
		 * truncated JPEG): the content's fault, at the file */
		struct pos pos = {f->path, 1, 1};
		diag_error(&pos, "%s", why.data ? why.data : "");
		rc = 1;
	} else if ((b->photo_surface = photo_surface(&img,
	    info.format == MEDIA_JPEG, err)) == NULL) {
		rc = -1;
	}
	media_image_free(&img);
	buf_free(&why);
	free(data);
	free(abs);
	return rc;
}

int
photos_load(struct doc *d, struct buf *err)
{
	int rc = 0;

	/* only the photos placed on a sheet are decoded */
	for (size_t i = 0; i < d->n_sheets; i++)
		for (size_t k = 0; k < d->sheets[i].n; k++) {
			const struct placed *p = &d->sheets[i].items[k];
			struct block *b = (struct block *)p->block;
			int r;
			if (p->kind != PL_BLOCK || b->kind != BK_PHOTO ||
			    b->photo_surface != NULL)
				continue;
			if ((r = photo_load(d, b, err)) < 0)
				return -1;
			if (r > 0)
				rc = 1;
		}
	return rc;
}

void
photos_free(struct doc *d)
{
	for (struct block *b = d->first; b != NULL; b = b->next)
		if (b->kind == BK_PHOTO && b->photo_surface != NULL) {
			cairo_surface_destroy(b->photo_surface);
			b->photo_surface = NULL;
		}
}

void
draw_photo(cairo_t *cr, const struct block *b, const struct placed *p)
{
	cairo_surface_t *s = b->photo_surface;
	double x = p->x + (p->w - b->photo_w) / 2;

	if (s == NULL)
		return;
	cairo_save(cr);
	cairo_rectangle(cr, x, p->y, b->photo_w, b->photo_h);
	cairo_clip(cr);
	cairo_translate(cr, x, p->y);
	cairo_scale(cr, b->photo_w / cairo_image_surface_get_width(s),
	    b->photo_h / cairo_image_surface_get_height(s));
	cairo_set_source_surface(cr, s, 0, 0);
	/* smooth when the preview scales it down */
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_restore(cr);
	/* a hairline frame: a pale photo does not melt into the paper */
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(cr, 0.5);
	cairo_rectangle(cr, x, p->y, b->photo_w, b->photo_h);
	cairo_stroke(cr);
}
