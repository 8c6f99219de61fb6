/* encode.c: photos written again for the web: JPEG through libjpeg with no
 * marker but the image's own (no JFIF, EXIF, XMP, ICC nor comment: what a
 * phone records, GPS included, never leaves), and PNG through our encoder. */
#include "media/work.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "render/png.h"
#include "util/i18n.h"

struct encode_ctx {
	struct jpeg_error_mgr mgr;
	jmp_buf jmp;
	char message[JMSG_LENGTH_MAX];
	/* here rather than on the stack: longjmp keeps what is in memory */
	struct jpeg_compress_struct c;
	unsigned char *mem;
	unsigned long mem_len;
	int rc;
};

static void
encode_fail(j_common_ptr c)
{
	struct encode_ctx *ctx = (struct encode_ctx *)c->err;

	c->err->format_message(c, ctx->message);
	longjmp(ctx->jmp, 1);
}

static void
encode_note(j_common_ptr c, int level)
{
	(void)c;
	(void)level;
}

int
media_encode_jpeg(const struct media_image *img, int quality,
    struct buf *out, struct buf *err)
{
	struct encode_ctx *ctx = xcalloc(1, sizeof *ctx);
	j_compress_ptr c = &ctx->c;
	int rc;

	ctx->rc = -1;
	c->err = jpeg_std_error(&ctx->mgr);
	ctx->mgr.error_exit = encode_fail;
	ctx->mgr.emit_message = encode_note;
	if (setjmp(ctx->jmp)) {
		buf_printf(err, _("the JPEG cannot be written: %s"), ctx->message);
		goto out;
	}
	jpeg_create_compress(c);
	jpeg_mem_dest(c, &ctx->mem, &ctx->mem_len);
	c->image_width = (JDIMENSION)img->width;
	c->image_height = (JDIMENSION)img->height;
	c->input_components = 3;
	c->in_color_space = JCS_RGB;
	jpeg_set_defaults(c);
	jpeg_set_quality(c, quality, TRUE);
	/* no APP0 either: a JFIF header says only a pixel density */
	c->write_JFIF_header = FALSE;
	c->write_Adobe_marker = FALSE;
	c->dct_method = JDCT_ISLOW;
	c->optimize_coding = TRUE;
	jpeg_simple_progression(c);
	jpeg_start_compress(c, TRUE);
	size_t stride = (size_t)img->width * 3;
	while (c->next_scanline < c->image_height) {
		JSAMPROW row = img->rgb + stride * c->next_scanline;
		jpeg_write_scanlines(c, &row, 1);
	}
	jpeg_finish_compress(c);
	buf_put(out, ctx->mem, ctx->mem_len);
	ctx->rc = 0;
out:
	jpeg_destroy_compress(c);
	rc = ctx->rc;
	free(ctx->mem);
	free(ctx);
	return rc;
}

int
media_encode_png(const struct media_image *img, struct buf *out,
    struct buf *err)
{
	size_t n = (size_t)img->width * (size_t)img->height;
	uint32_t *words = xmalloc(sizeof *words * (n ? n : 1));
	const unsigned char *p = img->rgb;
	int rc;

	/* our encoder takes cairo's RGB24 words */
	for (size_t i = 0; i < n; i++, p += 3)
		words[i] = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
	rc = nbpng_encode_rgb24((const unsigned char *)words, img->width,
	    img->height, img->width * 4, out);
	free(words);
	if (rc != 0)
		buf_puts(err, _("the PNG cannot be written"));
	return rc;
}
