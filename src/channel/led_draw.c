/* led_draw.c: the LED screens' frames (led_draw.h): pango lays the text
 * out in a 16-pixel CJK face, hinted fully, without antialiasing and with
 * whole-pixel advances, so that every character stands on whole pixels;
 * zrows packs the page one bit a pixel (render/png.h). */
#include "channel/led_draw.h"
#include "util/i18n.h"
#include "render/fonts.h"
#include "render/png.h"

#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

/* ---- the face ---- */

struct led_font {
	PangoFontMap *map;
	PangoFont *font;
};

static void
setup_context(PangoContext *ctx)
{
	cairo_font_options_t *opts = cairo_font_options_create();

	cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_NONE);
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_FULL);
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_ON);
	pango_cairo_context_set_font_options(ctx, opts);
	cairo_font_options_destroy(opts);
	pango_cairo_context_set_resolution(ctx, 72.0);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	pango_context_set_base_dir(ctx, PANGO_DIRECTION_LTR);
	pango_context_set_round_glyph_positions(ctx, TRUE);
}

static PangoFontDescription *
face_description(void)
{
	PangoFontDescription *d = pango_font_description_new();

	pango_font_description_set_family_static(d, LED_FONT_FAMILY);
	pango_font_description_set_weight(d, PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(d, LED_ROW_PX * PANGO_SCALE);
	return d;
}

struct led_font *
led_font_hold(struct digest *file, struct buf *err)
{
	struct hasher h;
	struct led_font *f;

	hasher_init(&h);
	hasher_u64(&h, LED_ROW_PX);
	if (!fonts_key(&h, err))
		return NULL;
	*file = hasher_final(&h);
	f = xcalloc(1, sizeof *f);
	f->map = pango_cairo_font_map_new();
	/* the face as the jobs' contexts make it: the same options, and a
	 * surface's own options merged as a drawing context merges them */
	PangoContext *ctx = pango_font_map_create_context(f->map);
	setup_context(ctx);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cairo_t *cr = cairo_create(s);
	pango_cairo_update_context(cr, ctx);
	PangoFontDescription *d = face_description();
	f->font = pango_context_load_font(ctx, d);
	if (f->font != NULL && PANGO_IS_CAIRO_FONT(f->font))
		(void)pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(f->font));
	pango_font_description_free(d);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	g_object_unref(ctx);
	return f;
}

void
led_font_release(struct led_font *f)
{
	if (f == NULL)
		return;
	if (f->font != NULL)
		g_object_unref(f->font);
	g_object_unref(f->map);
	free(f);
}

/* ---- one job's drawing ---- */

struct led_draw {
	int width;
	int height;
	int rows;
	int top;                   /* pixels above the first row: centred */
	PangoContext *ctx;
	PangoLayout *layout;
	cairo_surface_t *surface;
	cairo_t *cr;
	unsigned char *pixels;     /* 1 lit, 0 dark */
};

struct led_draw *
led_draw_new(int width, int height)
{
	struct led_draw *d = xcalloc(1, sizeof *d);

	d->width = width;
	d->height = height;
	d->rows = height / LED_ROW_PX > 0 ? height / LED_ROW_PX : 1;
	d->top = (height - d->rows * LED_ROW_PX) / 2;
	if (d->top < 0)
		d->top = 0;
	d->surface = cairo_image_surface_create(CAIRO_FORMAT_A8, width, height);
	if (cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(d->surface);
		free(d);
		return NULL;
	}
	d->cr = cairo_create(d->surface);
	/* the thread's own map, as posters and charts use it: its fonts are
	 * loaded once a thread, not once a screen */
	d->ctx = pango_font_map_create_context(
	    pango_cairo_font_map_get_default());
	setup_context(d->ctx);
	pango_cairo_update_context(d->cr, d->ctx);
	d->layout = pango_layout_new(d->ctx);
	PangoFontDescription *fd = face_description();
	pango_layout_set_font_description(d->layout, fd);
	pango_font_description_free(fd);
	d->pixels = xcalloc((size_t)width * (size_t)height, 1);
	return d;
}

void
led_draw_free(struct led_draw *d)
{
	if (d == NULL)
		return;
	g_object_unref(d->layout);
	g_object_unref(d->ctx);
	cairo_destroy(d->cr);
	cairo_surface_destroy(d->surface);
	free(d->pixels);
	free(d);
}

int
led_draw_rows(const struct led_draw *d)
{
	return d->rows;
}

size_t
led_draw_wrap(struct led_draw *d, const char *text, struct buf *rows)
{
	size_t n = 0;

	pango_layout_set_width(d->layout, d->width * PANGO_SCALE);
	pango_layout_set_wrap(d->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(d->layout, text, -1);
	for (GSList *l = pango_layout_get_lines_readonly(d->layout); l != NULL;
	    l = l->next) {
		const PangoLayoutLine *line = l->data;
		size_t from = (size_t)line->start_index;
		size_t len = (size_t)line->length;
		/* the space a line was broken at is not shown */
		while (len > 0 && text[from + len - 1] == ' ')
			len--;
		buf_put(rows, text + from, len);
		buf_putc(rows, '\n');
		n++;
	}
	return n;
}

/* ---- the PNG ---- */

/* The lit pixels as a 1-bit grayscale PNG (1 white, 0 black), packed by
 * zrows (render/png.h): a frame is a few hundred bytes, which libpng's
 * strongest level packed a little smaller in many times the time. */
static int
write_png(const struct led_draw *d, struct buf *out)
{
	size_t row_bytes = 1 + ((size_t)d->width + 7) / 8;
	unsigned char *raw = xcalloc((size_t)d->height, row_bytes);

	for (int y = 0; y < d->height; y++) {
		const unsigned char *p = d->pixels + (size_t)y * (size_t)d->width;
		unsigned char *row = raw + (size_t)y * row_bytes + 1;
		for (int x = 0; x < d->width; x++)
			if (p[x])
				row[x / 8] |= (unsigned char)(0x80 >> (x % 8));
	}
	int rc = nbpng_write_rows(raw, d->width, d->height, 1, 0, NULL, 0,
	    out);
	free(raw);
	return rc;
}

int
led_draw_page(struct led_draw *d, const char *rows, size_t len,
    struct buf *png, struct buf *err)
{
	cairo_t *cr = d->cr;
	int row = 0;

	cairo_save(cr);
	cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_set_source_rgba(cr, 0, 0, 0, 1);
	pango_layout_set_width(d->layout, -1);
	for (size_t i = 0; i < len && row < d->rows; row++) {
		const char *nl = memchr(rows + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - rows) : len;
		pango_layout_set_text(d->layout, rows + i, (int)(end - i));
		PangoLayoutLine *line = pango_layout_get_line_readonly(d->layout, 0);
		if (line != NULL) {
			cairo_move_to(cr, 0, d->top + row * LED_ROW_PX +
			    LED_BASELINE_PX);
			pango_cairo_show_layout_line(cr, line);
		}
		i = end + 1;
	}
	cairo_surface_flush(d->surface);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
		buf_printf(err, _("cannot draw an LED frame: %s"),
		    cairo_status_to_string(cairo_status(cr)));
		return -1;
	}
	/* no antialiasing: every pixel is drawn or not; the threshold keeps
	 * it so whatever a face's bitmap gives */
	const unsigned char *data = cairo_image_surface_get_data(d->surface);
	int stride = cairo_image_surface_get_stride(d->surface);
	for (int y = 0; y < d->height; y++)
		for (int x = 0; x < d->width; x++)
			d->pixels[(size_t)y * (size_t)d->width + (size_t)x] =
			    data[(size_t)y * (size_t)stride + (size_t)x] >= 128;
	if (write_png(d, png) != 0) {
		buf_printf(err, _("the PNG cannot be written"));
		return -1;
	}
	return 0;
}

const unsigned char *
led_draw_pixels(const struct led_draw *d)
{
	return d->pixels;
}
