/* text.c: the chart's fonts and text through pango: measuring and wrapping
 * (language zh-cn, WORD_CHAR, between ICU's dictionary words) and drawing
 * the lines pango broke. */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "flow/layout.h"
#include "util/i18n.h"
#include "render/fonts.h"
#include "util/wordbreak.h"

/* Each chart owns its contexts, on its thread's own font map: pango's are
 * not thread-safe, and the build lays charts out in parallel. */
struct model;

struct fl_fonts {
	PangoFontMap *map;
	PangoContext *ctx;
	PangoLayout *layout;
	PangoFontDescription *desc[FL_FONT_COUNT];
	struct model *model;     /* the last text measured */
	/* drawing: one context kept from draw to draw, so the fonts loaded
	 * for one band of a PNG serve the next */
	PangoContext *draw_ctx;
	PangoLayout *draw_layout;
};

static void model_free(struct model *m);

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

/* The measuring context with a PDF's font options (the same as a PDF's
 * for metrics: no hinting), so that the PDF drawn later finds the fonts
 * the text was measured with, each glyph's outline and metrics already
 * loaded, where it would load every glyph again into fonts of its own. */
static void
fit_to_pdf(PangoContext *ctx)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(NULL, NULL,
	    1, 1);
	cairo_t *cr = cairo_create(s);

	if (cairo_status(cr) == CAIRO_STATUS_SUCCESS)
		pango_cairo_update_context(cr, ctx);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

struct fl_fonts *
fl_fonts_new(struct buf *err)
{
	struct fl_fonts *fonts = xcalloc(1, sizeof *fonts);
	PangoFont *font = NULL;
	PangoFontDescription *got = NULL;
	const char *family;

	/* the thread's own font map: a map of our own per chart would ask
	 * fontconfig again (and start pango's loader threads) every time */
	fonts->map = pango_cairo_font_map_get_default();
	fonts->ctx = pango_font_map_create_context(fonts->map);
	fonts_setup_context(fonts->ctx);
	fit_to_pdf(fonts->ctx);
	for (int i = 0; i < FL_FONT_COUNT; i++) {
		PangoFontDescription *d = pango_font_description_new();
		pango_font_description_set_family(d, NB_FONT_FAMILY);
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
	if (family == NULL || strcasecmp(family, NB_FONT_FAMILY) != 0) {
		if (family != NULL)
			buf_printf(err, _("the font '%s' is missing (fontconfig "
			    "gives '%s' instead); install fonts-noto-cjk"),
			    NB_FONT_FAMILY, family);
		else
			buf_printf(err, _("the font '%s' is missing (fontconfig "
			    "finds no fonts at all); install fonts-noto-cjk"),
			    NB_FONT_FAMILY);
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
	model_free(fonts->model);
	if (fonts->draw_layout != NULL)
		g_object_unref(fonts->draw_layout);
	if (fonts->draw_ctx != NULL)
		g_object_unref(fonts->draw_ctx);
	for (int i = 0; i < FL_FONT_COUNT; i++)
		if (fonts->desc[i] != NULL)
			pango_font_description_free(fonts->desc[i]);
	if (fonts->layout != NULL)
		g_object_unref(fonts->layout);
	if (fonts->ctx != NULL)
		g_object_unref(fonts->ctx);
	free(fonts);
}

/* The text of pl, each of its dictionary words kept on one line (ICU's
 * boundaries, util/wordbreak.h): a label breaks between words, never
 * inside 审核 or 公示. */
static void
set_text_words(PangoLayout *pl, const char *text, size_t len)
{
	struct wb_word *w = NULL;
	size_t n = wordbreak_words(text, len, &w);
	PangoAttrList *list = NULL;

	pango_layout_set_text(pl, text, (int)len);
	if (n > 0) {
		list = pango_attr_list_new();
		for (size_t i = 0; i < n; i++) {
			PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
			a->start_index = (guint)w[i].start;
			a->end_index = (guint)w[i].end;
			pango_attr_list_insert(list, a);
		}
	}
	pango_layout_set_attributes(pl, list);
	if (list != NULL)
		pango_attr_list_unref(list);
	free(w);
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
	pango_layout_set_attributes(fonts->layout, NULL);
	pango_layout_get_extents(fonts->layout, NULL, &logical);
	return (double)logical.width / PANGO_SCALE;
}

/* A text shaped once, unwrapped: each character's advance and where pango
 * lets a line break before it. Trying a width is then arithmetic (a box's
 * text is tried at a dozen widths); only the chosen width goes through
 * pango again, and pango's lines are the ones drawn. */
struct model {
	char *text;
	enum fl_font font;
	int n;                  /* characters */
	double *adv;
	bool *line_brk;         /* a line may break before character i */
	bool *must_brk;         /* a newline ends the line before it */
	bool *white;
	int *byte;              /* byte offset of character i; [n] = length */
};

static void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	free(m->text);
	free(m->adv);
	free(m->line_brk);
	free(m->must_brk);
	free(m->white);
	free(m->byte);
	free(m);
}

static int
char_at(const struct model *m, int byte)
{
	int lo = 0, hi = m->n;

	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (m->byte[mid] < byte)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct model *
model_new(struct fl_fonts *fonts, enum fl_font font, const char *text)
{
	PangoLayout *pl = fonts->layout;
	struct model *m = xcalloc(1, sizeof *m);
	size_t len = strlen(text);
	const PangoLogAttr *attrs;
	int n_attrs;

	m->text = xstrdup(text);
	m->font = font;
	m->byte = xcalloc(len + 1, sizeof *m->byte);
	for (size_t i = 0; i < len;) {
		m->byte[m->n++] = (int)i;
		i++;
		while (i < len && ((unsigned char)text[i] & 0xc0) == 0x80)
			i++;
	}
	m->byte[m->n] = (int)len;
	m->adv = xcalloc((size_t)m->n + 1, sizeof *m->adv);
	m->line_brk = xcalloc((size_t)m->n + 1, 1);
	m->must_brk = xcalloc((size_t)m->n + 1, 1);
	m->white = xcalloc((size_t)m->n + 1, 1);

	pango_layout_set_font_description(pl, fonts->desc[font]);
	pango_layout_set_width(pl, -1);
	set_text_words(pl, text, len);
	attrs = pango_layout_get_log_attrs_readonly(pl, &n_attrs);
	for (int i = 0; i < m->n && i < n_attrs; i++) {
		m->line_brk[i] = attrs[i].is_line_break;
		m->must_brk[i] = attrs[i].is_mandatory_break;
		m->white[i] = attrs[i].is_white;
	}
	PangoLayoutIter *it = pango_layout_get_iter(pl);
	do {
		PangoRectangle r;
		int c = char_at(m, pango_layout_iter_get_index(it));
		pango_layout_iter_get_char_extents(it, &r);
		if (c < m->n)
			m->adv[c] = (double)r.width / PANGO_SCALE;
	} while (pango_layout_iter_next_char(it));
	pango_layout_iter_free(it);
	return m;
}

/* The model of text, from the last one made if it is the same. */
static const struct model *
model_get(struct fl_fonts *fonts, enum fl_font font, const char *text)
{
	if (fonts->model != NULL && fonts->model->font == font &&
	    strcmp(fonts->model->text, text) == 0)
		return fonts->model;
	model_free(fonts->model);
	fonts->model = model_new(fonts, font, text);
	return fonts->model;
}

/* Lines as pango makes them with WORD_CHAR: break at the last word break
 * that fits, inside a word only when no word break does; `forced` (or -1)
 * is one more break. Returns the number of lines; *widest their width. */
static int
model_wrap(const struct model *m, double width, int forced, double *widest)
{
	int lines = 0, start = 0;

	*widest = 0;
	while (start < m->n) {
		double w = 0;
		int last = -1, end = m->n, i;
		for (i = start; i < m->n; i++) {
			if (i > start && (m->must_brk[i] || i == forced)) {
				end = i;
				break;
			}
			if (i > start && m->line_brk[i])
				last = i;
			/* white space may hang past the edge; nothing else */
			if (!m->white[i] && w + m->adv[i] > width + 1e-6 &&
			    i > start) {
				end = last > start ? last : i;
				break;
			}
			w += m->adv[i];
		}
		/* the line's own width: trailing white space does not count */
		double lw = 0, run = 0;
		for (int k = start; k < end; k++) {
			run += m->adv[k];
			if (!m->white[k])
				lw = run;
		}
		if (lw > *widest)
			*widest = lw;
		lines++;
		start = end;
	}
	return lines > 0 ? lines : 1;
}

/* Punctuation after which a line breaks best. */
static bool
is_punct(const char *s)
{
	static const char *const marks[] = {
		"、", "，", "；", "：", "。", "！", "？", "）", ",", ";", ":",
	};

	for (size_t i = 0; i < NB_COUNT(marks); i++)
		if (strncmp(s, marks[i], strlen(marks[i])) == 0)
			return true;
	return false;
}

/* How to wrap a balanced text within max_w: the width to give pango and a
 * break to insert (a character index, or -1). It picks the narrowest width
 * that needs no more lines, so no lone character is left on the last line;
 * better still for two lines, a break after a punctuation mark: pango breaks
 * Chinese between any two characters, often inside a word:
 * "登记造册、/本人签字领取" rather than "登记造册、本/人签字领取". */
static void
plan_wrap(const struct model *m, double max_w, double *width, int *forced)
{
	double widest;
	int n = model_wrap(m, max_w, -1, &widest);

	*width = max_w;
	*forced = -1;
	if (n < 2)
		return;
	double best = INFINITY;
	/* (in a text of three lines or more a forced break leaves a short
	 * line in the middle: only two lines are broken so) */
	for (int p = 1; p < m->n && n == 2; p++) {
		double wd;
		if (!is_punct(m->text + m->byte[p - 1]) || m->white[p])
			continue;
		if (model_wrap(m, max_w, p, &wd) <= n && wd < best - 0.01) {
			best = wd;
			*forced = p;
		}
	}
	if (*forced >= 0)
		return;
	/* never so narrow that a word which fits max_w must be split */
	double word = 0, run = 0, lo = widest / n - 1, hi = max_w;
	for (int i = 0; i <= m->n; i++) {
		if (i == m->n || (i > 0 && (m->line_brk[i] || m->must_brk[i]))) {
			if (run > word && run <= max_w)
				word = run;
			run = 0;
		}
		if (i < m->n && !m->white[i])
			run += m->adv[i];
	}
	if (word - 0.01 > lo)
		lo = word - 0.01;
	for (int i = 0; i < 16 && hi - lo > 0.25; i++) {
		double mid = (lo + hi) / 2;
		if (model_wrap(m, mid, -1, &widest) > n)
			lo = mid;
		else
			hi = mid;
	}
	/* a little room: pango rounds to its units */
	*width = hi + 0.5 < max_w ? hi + 0.5 : max_w;
}

int
fl_text_fit(struct fl_fonts *fonts, enum fl_font font, const char *text,
    double max_w, double *w, double *h)
{
	const struct model *m = model_get(fonts, font, text != NULL ? text : "");
	double size = font_styles[font].size, width, widest;
	int forced;

	plan_wrap(m, max_w, &width, &forced);
	int n = model_wrap(m, width, forced, &widest);
	*w = widest;
	*h = (LINE_ASCENT + LINE_DESCENT) * size + (n - 1) * LINE_PITCH * size;
	return n;
}

void
fl_text_wrap(struct fl_fonts *fonts, enum fl_font font, const char *text,
    double max_w, bool balance, struct fl_text *out)
{
	PangoLayout *pl = fonts->layout;
	double size = font_styles[font].size, width = max_w;
	char *owned = NULL;
	int n, forced = -1;

	memset(out, 0, sizeof *out);
	out->font = font;
	if (text == NULL)
		text = "";
	/* an unbalanced text wraps at max_w: no model needed to plan it */
	if (max_w > 0 && balance) {
		const struct model *m = model_get(fonts, font, text);
		plan_wrap(m, max_w, &width, &forced);
		if (forced >= 0) {
			size_t len = strlen(text), at = (size_t)m->byte[forced];
			owned = xmalloc(len + 2);
			memcpy(owned, text, at);
			owned[at] = '\n';
			memcpy(owned + at + 1, text + at, len - at + 1);
			text = owned;
		}
	}
	pango_layout_set_font_description(pl, fonts->desc[font]);
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(pl, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	set_text_words(pl, text, strlen(text));
	n = pango_layout_get_line_count(pl);
	/* Take the lines' bounds first: measuring a line below reuses the
	 * same pango layout. */
	int *starts = xcalloc((size_t)n + 1, sizeof *starts);
	int *lens = xcalloc((size_t)n + 1, sizeof *lens);
	double *widths = xcalloc((size_t)n + 1, sizeof *widths);
	for (int i = 0; i < n; i++) {
		PangoLayoutLine *line = pango_layout_get_line_readonly(pl, i);
		PangoRectangle logical;
		starts[i] = line->start_index;
		lens[i] = line->length;
		pango_layout_line_get_extents(line, NULL, &logical);
		widths[i] = (double)logical.width / PANGO_SCALE;
	}
	out->lines = xcalloc((size_t)(n > 0 ? n : 1), sizeof *out->lines);
	for (int i = 0; i < n; i++) {
		const char *s = text + starts[i];
		size_t len = (size_t)lens[i], full = len;
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
		/* pango's own width, unless white space was trimmed */
		ln->w = len == full ? widths[i] : line_width(fonts, font, s, len);
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
	free(widths);
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
	if (fonts->draw_ctx == NULL) {
		fonts->draw_ctx = pango_font_map_create_context(fonts->map);
		fonts_setup_context(fonts->draw_ctx);
		fonts->draw_layout = pango_layout_new(fonts->draw_ctx);
	}
	pen->fonts = fonts;
	pen->cr = cr;
	pen->ctx = fonts->draw_ctx;
	pango_cairo_update_context(cr, pen->ctx);
	pen->layout = fonts->draw_layout;
	pango_layout_context_changed(pen->layout);
	double x1, x2;
	cairo_clip_extents(cr, &x1, &pen->view_y1, &x2, &pen->view_y2);
}

void
fl_pen_close(struct fl_pen *pen)
{
	memset(pen, 0, sizeof *pen);
}

void
fl_pen_text(struct fl_pen *pen, const struct fl_text *t)
{
	PangoLayout *pl = pen->layout;
	double size = font_styles[t->font].size;

	pango_layout_set_font_description(pl, pen->fonts->desc[t->font]);
	for (size_t i = 0; i < t->n_lines; i++) {
		const struct fl_line *ln = &t->lines[i];
		/* a line outside the target's rows (a PNG's band) is not
		 * shaped: twice the ink's reach above its baseline and below
		 * is room for any glyph's overshoot */
		if (ln->text[0] == '\0' ||
		    ln->baseline + 2 * LINE_DESCENT * size < pen->view_y1 ||
		    ln->baseline - 2 * LINE_ASCENT * size > pen->view_y2)
			continue;
		pango_layout_set_text(pl, ln->text, -1);
		double base = (double)pango_layout_get_baseline(pl) / PANGO_SCALE;
		cairo_move_to(pen->cr, ln->x, ln->baseline - base);
		pango_cairo_show_layout(pen->cr, pl);
	}
}
