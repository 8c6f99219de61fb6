/* png_decode_test.c: a chart's PNG from src/render/png.c and the same
 * chart written by cairo's own PNG writer (libpng), both decoded by
 * ImageMagick (`convert`, a decoder of its own, not the one the encoder's
 * test holds), must give the same pixels within the palette's rounding
 * (render/png.h: the inks exact, an edge's blend at most 16 of 255 off,
 * under 5% of the channels different at all): small charts,
 * whose filtered image takes an ordinary allocation, and large ones, over
 * the 2 MiB whose buffer asks for large pages. Skipped where there is no
 * `convert`. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "util/diag.h"
#include "flow/flow.h"
#include "flow/layout.h"
#include "load/load.h"

/* The RGB pixels of the PNG file path, as ImageMagick decodes them. */
static bool
convert_rgb(const char *path, struct buf *rgb)
{
	char cmd[1024];
	char chunk[65536];
	size_t n;
	FILE *p;

	snprintf(cmd, sizeof cmd, "convert 'png:%s' -depth 8 rgb:- 2>/dev/null",
	    path);
	p = popen(cmd, "r");
	if (p == NULL)
		return false;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_put(rgb, chunk, n);
	return pclose(p) == 0 && rgb->len > 0;
}

/* Whether two RGB images agree as a chart's palette PNG agrees with its
 * full-colour pixels: no channel more than 16 off, under 5% off at all. */
static bool
near_same(const struct buf *a, const struct buf *b)
{
	size_t off = 0;

	if (a->len != b->len || a->len == 0)
		return false;
	for (size_t i = 0; i < a->len; i++) {
		int d = (unsigned char)a->data[i] - (unsigned char)b->data[i];
		if (d > 16 || d < -16)
			return false;
		off += d != 0;
	}
	return off * 20 < a->len;
}

static cairo_status_t
to_file(void *closure, const unsigned char *data, unsigned int length)
{
	return fwrite(data, 1, length, closure) == length ?
	    CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
check_chart(const char *path, double scale, const char *tmp)
{
	struct arena *arena = arena_new();
	struct flow f;
	struct buf err = {0}, png = {0}, ours_rgb = {0}, cairo_rgb = {0};
	char ours_path[512], cairo_path[512];
	FILE *out;

	snprintf(ours_path, sizeof ours_path, "%s/ours.png", tmp);
	snprintf(cairo_path, sizeof cairo_path, "%s/cairo.png", tmp);
	diag_reset();
	flow_load_file(arena, path, &f);
	struct flow_layout *l = diag_count(DIAG_ERROR) == 0 ?
	    flow_layout_new(&f, &err) : NULL;
	T_CHECK(l != NULL, "%s laid out", path);
	if (l == NULL)
		goto out;
	int w = (int)ceil(l->width * scale), h = (int)ceil(l->height * scale);
	T_CHECK(flow_write_png(l, scale, &png) == 0 &&
	    (out = fopen(ours_path, "wb")) != NULL &&
	    fwrite(png.data, 1, png.len, out) == png.len && fclose(out) == 0,
	    "%s at %.0fx: our PNG written", path, scale);

	/* the same chart, one surface, written by cairo */
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	flow_draw(l, cr);
	cairo_destroy(cr);
	out = fopen(cairo_path, "wb");
	T_CHECK(out != NULL && cairo_surface_write_to_png_stream(s, to_file,
	    out) == CAIRO_STATUS_SUCCESS && fclose(out) == 0,
	    "%s at %.0fx: cairo's PNG written", path, scale);
	cairo_surface_destroy(s);

	bool decoded = convert_rgb(ours_path, &ours_rgb) &&
	    convert_rgb(cairo_path, &cairo_rgb);
	T_CHECK(decoded, "%s at %.0fx: both decoded by ImageMagick", path, scale);
	if (decoded)
		T_CHECK(ours_rgb.len == (size_t)w * (size_t)h * 3 &&
		    near_same(&ours_rgb, &cairo_rgb),
		    "%s at %.0fx: %dx%d, %s 2 MiB filtered, the pixels of "
		    "cairo's PNG (%zu and %zu bytes decoded)", path, scale, w, h,
		    ((size_t)w * 3 + 1) * (size_t)h >= ((size_t)2 << 20) ?
		    "over" : "under", ours_rgb.len, cairo_rgb.len);
out:
	flow_layout_free(l);
	buf_free(&err);
	buf_free(&png);
	buf_free(&ours_rgb);
	buf_free(&cairo_rgb);
	arena_free(arena);
	diag_reset();
}

int
main(void)
{
	const char *root = getenv("NB_ROOT");
	char tmp[] = "/tmp/nb-png-decode.XXXXXX";
	char path[600];

	if (root != NULL && chdir(root) != 0)
		return 1;
	if (system("convert -version >/dev/null 2>&1") != 0) {
		printf("SKIP: png_decode (ImageMagick's convert)\n");
		return 0;
	}
	if (mkdtemp(tmp) == NULL)
		return 1;
	check_chart("tests/flow/corpus/decision.yaml", 1, tmp);
	check_chart("tests/flow/corpus/decision.yaml", 2, tmp);
	check_chart("tests/flow/corpus/lanes-six.yaml", 2, tmp);
	check_chart("tests/flow/corpus/steps-60.yaml", 2, tmp);
	snprintf(path, sizeof path, "%s/ours.png", tmp);
	unlink(path);
	snprintf(path, sizeof path, "%s/cairo.png", tmp);
	unlink(path);
	rmdir(tmp);
	return t_done();
}
