/* media.c: the site's copies of the photos and PDFs records name, under
 * site/media/ with names made of the source's hash, and the HTML a record
 * page shows them with. See docs/media.md. */
#include "site/site.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "media/attach.h"
#include "media/image.h"

static const int photo_sides[2] = {SITE_PHOTO_LARGE, SITE_PHOTO_SMALL};

/* The first 16 hex digits of the source's hash: 64 bits name the files of
 * one county without a collision in sight, and keep the names short. */
static void
short_hash(const struct record_file *f, char out[17])
{
	char hex[33];

	digest_hex(f->hash, hex);
	memcpy(out, hex, 16);
	out[16] = '\0';
}

char *
site_photo_path(struct arena *a, const struct record_file *f, int side)
{
	char h[17];

	short_hash(f, h);
	return arena_printf(a, "media/%s-%d.%s", h, side, f->png ? "png" :
	    "jpg");
}

void
site_attachment_put(struct buf *out, const struct record_file *f)
{
	char h[17];

	short_hash(f, h);
	buf_printf(out, "media/%s.pdf", h);
}

char *
site_attachment_path(struct arena *a, const struct record_file *f)
{
	char h[17];

	short_hash(f, h);
	return arena_printf(a, "media/%s.pdf", h);
}

static void
put_photo_url(struct buf *out, const char *root, const struct record_file *f,
    int side)
{
	char h[17];

	short_hash(f, h);
	buf_printf(out, "%smedia/%s-%d.%s", root, h, side, f->png ? "png" :
	    "jpg");
}

void
site_photo_html(const struct record_file *f, const char *root,
    const char *alt, struct buf *out)
{
	int large_w, large_h, small_w, small_h;

	media_fit_size(f->width, f->height, SITE_PHOTO_LARGE, &large_w, &large_h);
	media_fit_size(f->width, f->height, SITE_PHOTO_SMALL, &small_w, &small_h);
	buf_puts(out, "<img src=\"");
	put_photo_url(out, root, f, SITE_PHOTO_LARGE);
	/* a photo no wider than the small size has one size: srcset would
	 * name two files of the same width */
	if (small_w < large_w) {
		buf_puts(out, "\" srcset=\"");
		put_photo_url(out, root, f, SITE_PHOTO_SMALL);
		buf_printf(out, " %dw, ", small_w);
		put_photo_url(out, root, f, SITE_PHOTO_LARGE);
		buf_printf(out, " %dw\" sizes=\"(max-width: 40rem) 100vw, 40rem",
		    large_w);
	}
	buf_printf(out, "\" width=\"%d\" height=\"%d\" loading=\"lazy\" "
	    "alt=\"", large_w, large_h);
	buf_put_escaped(out, alt, strlen(alt));
	buf_puts(out, "\">");
}

void
site_attachment_label(const char *words, uint64_t bytes, struct buf *out)
{
	struct buf size = {0};

	media_size_text(bytes, &size);
	buf_printf(out, "%s（PDF，%s）", words, size.data ? size.data : "");
	buf_free(&size);
}

/* A content error of the file itself, which the loader's look at its
 * headers could not see (a truncated JPEG): reported, and the job fails. */
static int
file_error(const struct record_file *f, const char *message)
{
	struct pos pos = {f->path, 1, 1};

	diag_error(&pos, "%s", message);
	return 1;
}

static int
read_source(const struct site_state *st, const struct record_file *f,
    size_t limit, char **data, size_t *len, struct job_result *r)
{
	char *abs = path_join(st->county->root, f->path);
	int rc = file_read(abs, limit, data, len);

	if (rc != 0)
		buf_printf(&r->err, "%s: %s", abs, strerror(errno));
	free(abs);
	return rc;
}

/* A PNG stays PNG (its names are fixed before it is encoded): scaled
 * down from one decoding. */
static int
photo_png(const struct page *p, const char *data, size_t len,
    struct job_result *r, struct buf *err)
{
	struct media_image full = {0};
	struct media_info info;
	int rc = -1;

	if (media_decode(data, len, 0, &full, &info, err) != 0)
		return -1;
	for (size_t i = 0; i < NB_COUNT(photo_sides); i++) {
		struct media_image scaled = {0};
		const struct media_image *img = &full;
		int w, h;
		media_fit_size(full.width, full.height, photo_sides[i], &w, &h);
		if (w != full.width || h != full.height) {
			media_scale(&full, w, h, &scaled);
			img = &scaled;
		}
		rc = media_encode_png(img, job_emit(r, p->media_paths[i]), err);
		media_image_free(&scaled);
		if (rc != 0)
			break;
	}
	media_image_free(&full);
	return rc;
}

int
render_photo(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	const struct record_file *f = p->media;
	char *data = NULL;
	size_t len = 0;
	struct buf err = {0};
	struct media_out out = {0};
	int rc;

	if (read_source(st, f, MEDIA_MAX_BYTES, &data, &len, r) != 0)
		return -1;
	if (f->png) {
		rc = photo_png(p, data, len, r, &err);
	} else {
		rc = media_photo_variants(data, len, photo_sides,
		    NB_COUNT(photo_sides), &out, &err);
		for (size_t i = 0; rc == 0 && i < out.n; i++)
			buf_put(job_emit(r, p->media_paths[i]),
			    out.variants[i].data.data, out.variants[i].data.len);
		media_out_free(&out);
	}
	if (rc != 0)
		rc = file_error(f, err.data ? err.data : "");
	buf_free(&err);
	free(data);
	return rc;
}

int
render_attachment(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	const struct record_file *f = p->media;
	char *data = NULL;
	size_t len = 0;
	struct buf err = {0};
	int rc = 0;

	if (read_source(st, f, MEDIA_MAX_ATTACHMENT, &data, &len, r) != 0)
		return -1;
	if (media_attachment_check(data, len, &err) != 0)
		rc = file_error(f, err.data ? err.data : "");
	else
		buf_put(job_emit(r, p->media_paths[0]), data, len);
	buf_free(&err);
	free(data);
	return rc;
}
