/* text.c: the chart's fonts and text through pango: measuring and wrapping
 * (language zh-cn, WORD_CHAR) and drawing the lines pango broke. */
#include <pango/pangocairo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "flow/layout.h"

/* Each chart owns its font map and context: pango's are not thread-safe,
 * and the build lays charts out in parallel. */
struct fl_fonts {
	PangoFontMap *map;
	PangoContext *ctx;
	PangoLayout *layout;
	PangoFontDescription *desc[FL_FONT_COUNT];
};

static const struct {
	double size;
	bool bold;
} font_styles[FL_FONT_COUNT] = {
	[FL_FONT_STEP] = {13.0, false},
	[FL_FONT_LABEL] = {11.0, true},
	[FL_FONT_HEADER] = {12.5, true},
	[FL_FONT_LEGEND] = {11.5, false},
	[FL_FONT_MARK] = {8.5, true},
};

/* Our own line metrics rather than the font's: Noto CJK's ascent and
 * descent add up to 1.45 em, which spreads wrapped Chinese too far apart.
 * The box from 1.0 em above the baseline to 0.28 em below holds the ink of
 * CJK, Latin capitals and descenders alike. */
#define LINE_ASCENT 1.0
#define LINE_DESCENT 0.28
#define LINE_PITCH 1.42

double
fl_font_size(enum fl_font font)
{
	return font_styles[font].size;
}

static void
set_context_options(PangoContext *ctx)
{
	cairo_font_options_t *opts = cairo_font_options_create();

	/* Unhinted metrics: widths then scale exactly, so a line measured
	 * here fits its box in the PNG at any scale and in the PDF alike. */
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, opts);
	cairo_font_options_destroy(opts);
	pango_cairo_context_set_resolution(ctx, 72.0);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	pango_context_set_base_dir(ctx, PANGO_DIRECTION_LTR);
}

struct fl_fonts *
fl_fonts_new(struct buf *err)
{
	struct fl_fonts *fonts = xcalloc(1, sizeof *fonts);
	PangoFont *font = NULL;
	PangoFontDescription *got = NULL;
	const char *family;

	fonts->map = pango_cairo_font_map_new();
	fonts->ctx = pango_font_map_create_context(fonts->map);
	set_context_options(fonts->ctx);
	for (int i = 0; i < FL_FONT_COUNT; i++) {
		PangoFontDescription *d = pango_font_description_new();
		pango_font_description_set_family(d, FL_FAMILY);
		pango_font_description_set_size(d,
		    (int)(font_styles[i].size * PANGO_SCALE + 0.5));
		pango_font_description_set_weight(d, font_styles[i].bold ?
		    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
		fonts->desc[i] = d;
	}
	fonts->layout = pango_layout_new(fonts->ctx);

	/* fontconfig substitutes silently; a chart in another family would be
	 * measured wrongly and look nothing like the site's. */
	font = pango_font_map_load_font(fonts->map, fonts->ctx,
	    fonts->desc[FL_FONT_STEP]);
	if (font != NULL)
		got = pango_font_describe(font);
	family = got != NULL ? pango_font_description_get_family(got) : NULL;
	if (family == NULL || strcasecmp(family, FL_FAMILY) != 0) {
		buf_printf(err, "the font '%s' is missing (fontconfig gives '%s'); "
		    "install fonts-noto-cjk", FL_FAMILY,
		    family != NULL ? family : "nothing");
		if (got != NULL)
			pango_font_description_free(got);
		if (font != NULL)
			g_object_unref(font);
		fl_fonts_free(fonts);
		return NULL;
	}
	pango_font_description_free(got);
	g_object_unref(font);
	return fonts;
}

void
fl_fonts_free(struct fl_fonts *fonts)
{
	if (fonts == NULL)
		return;
	for (int i = 0; i < FL_FONT_COUNT; i++)
		if (fonts->desc[i] != NULL)
			pango_font_description_free(fonts->desc[i]);
	if (fonts->layout != NULL)
		g_object_unref(fonts->layout);
	if (fonts->ctx != NULL)
		g_object_unref(fonts->ctx);
	if (fonts->map != NULL)
		g_object_unref(fonts->map);
	free(fonts);
}

/* The logical width of one line of text, in points. */
static double
line_width(struct fl_fonts *fonts, enum fl_font font, const char *text,
    size_t len)
{
	PangoRectangle logical;

	pango_layout_set_font_description(fonts->layout, fonts->desc[font]);
	pango_layout_set_width(fonts->layout, -1);
	pango_layout_set_text(fonts->layout, text, (int)len);
	pango_layout_get_extents(fonts->layout, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

static int
count_lines(PangoLayout *pl, double width)
{
	pango_layout_set_width(pl, (int)(width * PANGO_SCALE));
	return pango_layout_get_line_count(pl);
}

/* Punctuation after which a line breaks best. */
static size_t
punct_len(const char *s)
{
	static const char *const marks[] = {
		"、", "，", "；", "：", "。", "！", "？", "）", ",", ";", ":",
	};

	for (size_t i = 0; i < NB_COUNT(marks); i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return strlen(marks[i]);
	return 0;
}

/* Pango breaks Chinese between any two characters, often inside a word.
 * When one break after a punctuation mark gives no more lines, take the
 * one that evens the lines out best: "登记造册、/本人签字领取" rather than
 * "登记造册、本/人签字领取". On success *owned is the text with the break
 * and the layout holds it. */
static bool
break_at_punct(PangoLayout *pl, const char *text, double max_w, int n,
    char **owned)
{
	size_t len = strlen(text), best_at = 0;
	int best_w = INT32_MAX;

	for (size_t i = 0; i < len;) {
		size_t p = punct_len(text + i);
		if (p == 0) {
			i++;
			continue;
		}
		i += p;
		if (i >= len)
			break;
		char *t = xmalloc(len + 2);
		memcpy(t, text, i);
		t[i] = '\n';
		memcpy(t + i + 1, text + i, len - i + 1);
		pango_layout_set_text(pl, t, -1);
		pango_layout_set_width(pl, (int)(max_w * PANGO_SCALE));
		if (pango_layout_get_line_count(pl) <= n) {
			PangoRectangle logical;
			pango_layout_get_extents(pl, NULL, &logical);
			if (logical.width < best_w) {
				best_w = logical.width;
				best_at = i;
			}
		}
		free(t);
	}
	if (best_at == 0) {
		pango_layout_set_text(pl, text, -1);
		return false;
	}
	*owned = xmalloc(len + 2);
	memcpy(*owned, text, best_at);
	(*owned)[best_at] = '\n';
	memcpy(*owned + best_at + 1, text + best_at, len - best_at + 1);
	pango_layout_set_text(pl, *owned, -1);
	pango_layout_set_width(pl, (int)(max_w * PANGO_SCALE));
	return true;
}

void
fl_text_wrap(struct fl_fonts *fonts, enum fl_font font, const char *text,
    double max_w, bool balance, struct fl_text *out)
{
	PangoLayout *pl = fonts->layout;
	double size = font_styles[font].size;
	char *owned = NULL;
	int n;

	memset(out, 0, sizeof *out);
	out->font = font;
	if (text == NULL)
		text = "";
	pango_layout_set_font_description(pl, fonts->desc[font]);
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(pl, text, -1);
	pango_layout_set_width(pl, max_w > 0 ?
	    (int)(max_w * PANGO_SCALE) : -1);
	n = pango_layout_get_line_count(pl);
	if (balance && max_w > 0 && n > 1 && break_at_punct(pl, text, max_w, n,
	    &owned)) {
		text = owned;
	} else if (balance && max_w > 0 && n > 1) {
		/* the narrowest width that needs no more lines: no lone
		 * character left on the last line */
		double lo = max_w / (n + 1), hi = max_w;
		for (int i = 0; i < 10 && hi - lo > 0.5; i++) {
			double mid = (lo + hi) / 2;
			if (count_lines(pl, mid) > n)
				lo = mid;
			else
				hi = mid;
		}
		count_lines(pl, hi);
	}
	n = pango_layout_get_line_count(pl);
	/* Take the lines' bounds first: measuring a line below reuses the
	 * same pango layout. */
	int *starts = xcalloc((size_t)n, sizeof *starts);
	int *lens = xcalloc((size_t)n, sizeof *lens);
	for (int i = 0; i < n; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(pl, i);
		starts[i] = line->start_index;
		lens[i] = line->length;
	}
	out->lines = xcalloc((size_t)(n > 0 ? n : 1), sizeof *out->lines);
	for (int i = 0; i < n; i++) {
		const char *s = text + starts[i];
		size_t len = (size_t)lens[i];
		/* the break's own space or newline is not part of the line */
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n' ||
		    s[len - 1] == '\r' || s[len - 1] == '\t'))
			len--;
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		if (len == 0 && n > 1)
			continue;
		struct fl_line *ln = &out->lines[out->n_lines++];
		ln->text = xstrndup(s, len);
		ln->w = line_width(fonts, font, s, len);
		ln->h = (LINE_ASCENT + LINE_DESCENT) * size;
		if (ln->w > out->w)
			out->w = ln->w;
	}
	if (out->n_lines == 0) {
		/* an empty text still has the height of a line */
		out->lines[0].text = xstrdup("");
		out->lines[0].h = (LINE_ASCENT + LINE_DESCENT) * size;
		out->n_lines = 1;
	}
	out->h = (LINE_ASCENT + LINE_DESCENT) * size +
	    (double)(out->n_lines - 1) * LINE_PITCH * size;
	free(starts);
	free(lens);
	free(owned);
	fl_text_place_left(out, 0, 0);
}

void
fl_text_place(struct fl_text *t, double cx, double top)
{
	double size = font_styles[t->font].size;

	for (size_t i = 0; i < t->n_lines; i++) {
		struct fl_line *ln = &t->lines[i];
		ln->x = cx - ln->w / 2;
		ln->y = top + (double)i * LINE_PITCH * size;
		ln->baseline = ln->y + LINE_ASCENT * size;
	}
}

void
fl_text_place_left(struct fl_text *t, double x, double top)
{
	double size = font_styles[t->font].size;

	for (size_t i = 0; i < t->n_lines; i++) {
		struct fl_line *ln = &t->lines[i];
		ln->x = x;
		ln->y = top + (double)i * LINE_PITCH * size;
		ln->baseline = ln->y + LINE_ASCENT * size;
	}
}

void
fl_text_free(struct fl_text *t)
{
	for (size_t i = 0; i < t->n_lines; i++)
		free(t->lines[i].text);
	free(t->lines);
	memset(t, 0, sizeof *t);
}

void
fl_pen_open(struct fl_pen *pen, struct fl_fonts *fonts, cairo_t *cr)
{
	/* A context of the chart's own font map, fitted to this cairo target
	 * (its transform and surface), with the options the text was
	 * measured with. */
	pen->fonts = fonts;
	pen->cr = cr;
	pen->ctx = pango_font_map_create_context(fonts->map);
	set_context_options(pen->ctx);
	pango_cairo_update_context(cr, pen->ctx);
	pen->layout = pango_layout_new(pen->ctx);
}

void
fl_pen_close(struct fl_pen *pen)
{
	g_object_unref(pen->layout);
	g_object_unref(pen->ctx);
	memset(pen, 0, sizeof *pen);
}

void
fl_pen_text(struct fl_pen *pen, const struct fl_text *t)
{
	PangoLayout *pl = pen->layout;

	pango_layout_set_font_description(pl, pen->fonts->desc[t->font]);
	for (size_t i = 0; i < t->n_lines; i++) {
		const struct fl_line *ln = &t->lines[i];
		if (ln->text[0] == '\0')
			continue;
		pango_layout_set_text(pl, ln->text, -1);
		double base = (double)pango_layout_get_baseline(pl) / PANGO_SCALE;
		cairo_move_to(pen->cr, ln->x, ln->baseline - base);
		pango_cairo_show_layout(pen->cr, pl);
	}
}
