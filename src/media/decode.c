/* decode.c: JPEG (libjpeg) and PNG (libpng) read from memory, the format
 * told by the bytes, every declared size checked before it is allocated;
 * the EXIF orientation read with libexif. Errors never leave a leak: what
 * the setjmp-guarded code allocates lives in a context freed after it. */
#include "media/image.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>
#include <libexif/exif-data.h>
#include <png.h>

#include "media/work.h"
#include "util/i18n.h"

/* a JPEG may have any number of scans, each a pass over every block: a
 * progressive file of a few kilobytes with thousands of them takes minutes */
#define MAX_JPEG_SCANS 200
/* what libjpeg may allocate for one image (its coefficients, its rows) */
#define MAX_JPEG_MEMORY (600L << 20)

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G', '\r',
	'\n', 0x1a, '\n'};

enum media_format
media_sniff(const void *data, size_t len)
{
	const unsigned char *p = data;

	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return MEDIA_JPEG;
	if (len >= 8 && memcmp(p, png_signature, 8) == 0)
		return MEDIA_PNG;
	return MEDIA_UNKNOWN;
}

const char *
media_format_name(enum media_format f)
{
	switch (f) {
	case MEDIA_JPEG: return "JPEG";
	case MEDIA_PNG: return "PNG";
	default: return NULL;
	}
}

/* A name for the formats people send instead, so that the message says
 * what to do. */
static const char *
other_format(const unsigned char *p, size_t len)
{
	if (len >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return "GIF";
	if (len >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		return "WebP";
	if (len >= 12 && memcmp(p + 4, "ftyp", 4) == 0 && (memcmp(p + 8, "heic", 4) == 0 ||
	    memcmp(p + 8, "heix", 4) == 0 || memcmp(p + 8, "mif1", 4) == 0))
		return "HEIC";
	if (len >= 4 && (memcmp(p, "II*\0", 4) == 0 || memcmp(p, "MM\0*", 4) == 0))
		return "TIFF";
	if (len >= 2 && memcmp(p, "BM", 2) == 0)
		return "BMP";
	if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "PDF";
	return NULL;
}

static int
unknown_format(const void *data, size_t len, struct buf *err)
{
	const char *other = other_format(data, len);

	if (len == 0)
		buf_puts(err, _("the file is empty"));
	else if (other != NULL)
		buf_printf(err, _("a %s file: only JPEG and PNG images are "
		    "published (save it as JPEG)"), other);
	else
		buf_puts(err, _("not an image: the file is neither JPEG nor PNG"));
	return -1;
}

static int
check_size(long width, long height, struct buf *err)
{
	if (width <= 0 || height <= 0) {
		buf_puts(err, _("the image declares no size"));
		return -1;
	}
	if (width > MEDIA_MAX_SIDE || height > MEDIA_MAX_SIDE ||
	    width * height > MEDIA_MAX_PIXELS) {
		buf_printf(err, _("the image declares %ld x %ld pixels: more than "
		    "the %ld megapixels allowed"), width, height,
		    MEDIA_MAX_PIXELS / 1000000);
		return -1;
	}
	return 0;
}

/* ---- EXIF ---- */

/* The orientation in an EXIF block ("Exif\0\0" and a TIFF structure), or 1. */
static int
exif_orientation(const unsigned char *data, size_t len)
{
	ExifData *ed;
	ExifEntry *entry;
	int value = 1;

	if (len < 14 || len > 65535)
		return 1;
	ed = exif_data_new();
	if (ed == NULL)
		return 1;
	/* as it is: "fixing" it to the specification adds entries */
	exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
	exif_data_load_data(ed, data, (unsigned int)len);
	entry = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
	if (entry != NULL && entry->format == EXIF_FORMAT_SHORT &&
	    entry->components >= 1 && entry->data != NULL && entry->size >= 2) {
		int v = exif_get_short(entry->data, exif_data_get_byte_order(ed));
		if (v >= 1 && v <= 8)
			value = v;
	}
	exif_data_unref(ed);
	return value;
}

static void
set_upright(struct media_info *info)
{
	bool swap = info->orientation >= 5;

	info->width = swap ? info->stored_height : info->stored_width;
	info->height = swap ? info->stored_width : info->stored_height;
}

/* ---- JPEG ---- */

struct jd_ctx {
	struct jpeg_error_mgr mgr;
	struct jpeg_progress_mgr progress;
	jmp_buf jmp;
	char message[JMSG_LENGTH_MAX];
	unsigned char *rgb;
	/* here rather than on the stack: longjmp keeps what is in memory */
	struct jpeg_decompress_struct d;
	int rc;
};

static void
jd_fail(j_common_ptr c)
{
	struct jd_ctx *ctx = (struct jd_ctx *)c->err;

	c->err->format_message(c, ctx->message);
	longjmp(ctx->jmp, 1);
}

/* Warnings are ignored but for the two that mean the data ran out: a
 * truncated photo would be published with its lower part grey. */
static void
jd_note(j_common_ptr c, int level)
{
	if (level < 0 && (c->err->msg_code == JWRN_JPEG_EOF ||
	    c->err->msg_code == JWRN_HIT_MARKER))
		jd_fail(c);
}

static void
jd_progress(j_common_ptr c)
{
	j_decompress_ptr d = (j_decompress_ptr)c;

	if (c->is_decompressor && d->input_scan_number > MAX_JPEG_SCANS) {
		struct jd_ctx *ctx = (struct jd_ctx *)c->err;
		snprintf(ctx->message, sizeof ctx->message,
		    "more than %d scans", MAX_JPEG_SCANS);
		longjmp(ctx->jmp, 1);
	}
}

static void
jd_orientation(j_decompress_ptr d, struct media_info *info)
{
	for (jpeg_saved_marker_ptr m = d->marker_list; m != NULL; m = m->next)
		if (m->marker == JPEG_APP0 + 1 && m->data_length >= 6 &&
		    memcmp(m->data, "Exif\0\0", 6) == 0) {
			info->orientation = exif_orientation(m->data,
			    m->data_length);
			return;
		}
}

/* The scale M/8 (M = 1, 2, 4 or 8: libjpeg's fast ones) that keeps the
 * longest side at least min_side. */
static int
jd_scale(long longest, int min_side)
{
	int m = 1;

	if (min_side <= 0)
		return 8;
	while (m < 8 && longest * m / 8 < min_side)
		m *= 2;
	return m;
}

/* Reads the headers, then the pixels unless img is NULL. */
static int
jd_read(const void *data, size_t len, int min_side, struct media_image *img,
    struct media_info *info, struct buf *err)
{
	struct jd_ctx *ctx = xcalloc(1, sizeof *ctx);
	j_decompress_ptr d = &ctx->d;
	int rc;

	ctx->rc = -1;
	d->err = jpeg_std_error(&ctx->mgr);
	ctx->mgr.error_exit = jd_fail;
	ctx->mgr.emit_message = jd_note;
	if (setjmp(ctx->jmp)) {
		buf_printf(err, _("the JPEG cannot be read: %s"), ctx->message);
		goto out;
	}
	jpeg_create_decompress(d);
	d->mem->max_memory_to_use = MAX_JPEG_MEMORY;
	ctx->progress.progress_monitor = jd_progress;
	d->progress = &ctx->progress;
	jpeg_mem_src(d, (const unsigned char *)data, (unsigned long)len);
	jpeg_save_markers(d, JPEG_APP0 + 1, 0xffff);
	jpeg_read_header(d, TRUE);
	if (check_size(d->image_width, d->image_height, err) != 0)
		goto out;
	info->stored_width = (int)d->image_width;
	info->stored_height = (int)d->image_height;
	jd_orientation(d, info);
	set_upright(info);
	if (img == NULL) {
		ctx->rc = 0;
		goto out;
	}
	if (d->jpeg_color_space == JCS_CMYK || d->jpeg_color_space == JCS_YCCK) {
		buf_puts(err, _("a CMYK JPEG (for print): save it as an RGB "
		    "JPEG"));
		goto out;
	}
	d->out_color_space = JCS_RGB;
	d->scale_num = (unsigned)jd_scale(info->width > info->height ?
	    info->width : info->height, min_side);
	d->scale_denom = 8;
	d->dct_method = JDCT_ISLOW;
	jpeg_start_decompress(d);
	if (d->output_components != 3 || d->output_width == 0 ||
	    d->output_height == 0) {
		buf_puts(err, _("the JPEG cannot be read: unsupported colours"));
		goto out;
	}
	size_t stride = (size_t)d->output_width * 3;
	ctx->rgb = xmalloc(stride * d->output_height);
	while (d->output_scanline < d->output_height) {
		JSAMPROW row = ctx->rgb + stride * d->output_scanline;
		jpeg_read_scanlines(d, &row, 1);
	}
	jpeg_finish_decompress(d);
	img->width = (int)d->output_width;
	img->height = (int)d->output_height;
	img->rgb = ctx->rgb;
	ctx->rgb = NULL;
	ctx->rc = 0;
out:
	jpeg_destroy_decompress(d);
	rc = ctx->rc;
	free(ctx->rgb);
	free(ctx);
	return rc;
}

/* ---- PNG ---- */

struct pd_ctx {
	jmp_buf jmp;
	char message[200];
	const unsigned char *data;
	size_t len;
	size_t off;
	unsigned char *pixels;
	png_bytep *rows;
	/* here rather than on the stack: longjmp keeps what is in memory */
	png_structp png;
	png_infop info;
	int rc;
};

static void
pd_fail(png_structp png, png_const_charp message)
{
	struct pd_ctx *ctx = png_get_error_ptr(png);

	snprintf(ctx->message, sizeof ctx->message, "%s", message);
	longjmp(ctx->jmp, 1);
}

static void
pd_note(png_structp png, png_const_charp message)
{
	(void)png;
	(void)message;
}

static void
pd_input(png_structp png, png_bytep out, png_size_t want)
{
	struct pd_ctx *ctx = png_get_io_ptr(png);

	if (ctx->len - ctx->off < want)
		png_error(png, "the file is truncated");
	memcpy(out, ctx->data + ctx->off, want);
	ctx->off += want;
}

static int
pd_read(const void *data, size_t len, struct media_image *img,
    struct media_info *info, struct buf *err)
{
	struct pd_ctx *ctx = xcalloc(1, sizeof *ctx);
	png_structp png;
	png_infop pinfo;
	int rc;

	ctx->rc = -1;
	ctx->data = data;
	ctx->len = len;
	png = ctx->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, ctx,
	    pd_fail, pd_note);
	if (png == NULL)
		nb_out_of_memory();
	if (setjmp(ctx->jmp)) {
		buf_printf(err, _("the PNG cannot be read: %s"), ctx->message);
		goto out;
	}
	pinfo = ctx->info = png_create_info_struct(png);
	if (pinfo == NULL)
		nb_out_of_memory();
	/* text and unknown chunks are dropped anyway: bound what they cost */
	png_set_chunk_cache_max(png, 256);
	png_set_chunk_malloc_max(png, 8u << 20);
	png_set_read_fn(png, ctx, pd_input);
	png_read_info(png, pinfo);
	long width = (long)png_get_image_width(png, pinfo);
	long height = (long)png_get_image_height(png, pinfo);
	if (check_size(width, height, err) != 0)
		goto out;
	info->stored_width = (int)width;
	info->stored_height = (int)height;
#ifdef PNG_eXIf_SUPPORTED
	png_bytep exif = NULL;
	png_uint_32 n_exif = 0;
	if (png_get_eXIf_1(png, pinfo, &n_exif, &exif) != 0 && exif != NULL &&
	    n_exif >= 8 && n_exif < 65000) {
		/* libexif wants the block as a JPEG's APP1 holds it */
		unsigned char *block = xmalloc(n_exif + 6);
		memcpy(block, "Exif\0\0", 6);
		memcpy(block + 6, exif, n_exif);
		info->orientation = exif_orientation(block, n_exif + 6);
		free(block);
	}
#endif
	set_upright(info);
	int type = png_get_color_type(png, pinfo);
	info->alpha = (type & PNG_COLOR_MASK_ALPHA) != 0 ||
	    png_get_valid(png, pinfo, PNG_INFO_tRNS) != 0;
	if (img == NULL) {
		ctx->rc = 0;
		goto out;
	}
	png_set_expand(png);
	png_set_strip_16(png);
	png_set_gray_to_rgb(png);
	if (!info->alpha)
		png_set_strip_alpha(png);
	png_set_interlace_handling(png);
	png_read_update_info(png, pinfo);
	size_t channels = info->alpha ? 4 : 3;
	size_t stride = (size_t)width * channels;
	if (png_get_rowbytes(png, pinfo) != stride) {
		buf_puts(err, _("the PNG cannot be read: unsupported colours"));
		goto out;
	}
	ctx->pixels = xmalloc(stride * (size_t)height);
	ctx->rows = xmalloc(sizeof *ctx->rows * (size_t)height);
	for (long y = 0; y < height; y++)
		ctx->rows[y] = ctx->pixels + stride * (size_t)y;
	png_read_image(png, ctx->rows);
	if (info->alpha) {
		/* on white, the pages' ground; in place, 4 bytes to 3 */
		unsigned char *in = ctx->pixels, *out = ctx->pixels;
		for (size_t i = 0; i < (size_t)width * (size_t)height; i++) {
			unsigned a = in[3];
			for (int c = 0; c < 3; c++)
				out[c] = (unsigned char)((in[c] * a +
				    255 * (255 - a) + 127) / 255);
			in += 4;
			out += 3;
		}
	}
	img->width = (int)width;
	img->height = (int)height;
	img->rgb = ctx->pixels;
	ctx->pixels = NULL;
	ctx->rc = 0;
out:
	png_destroy_read_struct(&ctx->png, ctx->info ? &ctx->info : NULL, NULL);
	rc = ctx->rc;
	free(ctx->pixels);
	free(ctx->rows);
	free(ctx);
	return rc;
}

/* ---- both ---- */

static int
read_image(const void *data, size_t len, int min_side,
    struct media_image *img, struct media_info *info, struct buf *err)
{
	memset(info, 0, sizeof *info);
	info->orientation = 1;
	if (img != NULL)
		memset(img, 0, sizeof *img);
	if (len > MEDIA_MAX_BYTES) {
		buf_printf(err, _("the image is larger than %u MB"),
		    MEDIA_MAX_BYTES >> 20);
		return -1;
	}
	info->format = media_sniff(data, len);
	switch (info->format) {
	case MEDIA_JPEG:
		return jd_read(data, len, min_side, img, info, err);
	case MEDIA_PNG:
		return pd_read(data, len, img, info, err);
	default:
		return unknown_format(data, len, err);
	}
}

int
media_probe(const void *data, size_t len, struct media_info *info,
    struct buf *err)
{
	return read_image(data, len, 0, NULL, info, err);
}

int
media_decode_stored(const void *data, size_t len, int min_side,
    struct media_image *img, struct media_info *info, struct buf *err)
{
	return read_image(data, len, min_side, img, info, err);
}

void
media_image_free(struct media_image *img)
{
	if (img == NULL)
		return;
	free(img->rgb);
	img->rgb = NULL;
	img->width = img->height = 0;
}
