/* fonts_test.c: the faces a build holds (fonts_hold) are the faces its
 * threads draw with, at every size, on a PDF page and on an image alike, so
 * that no thread makes or frees one; threads drawing at once then give
 * PDFs with one subset of each font, as a single thread does; and cairo's
 * cache of glyphs is not trimmed while the fonts are held. */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/fonts.h"
#include "render/fontfix.h"
#include "t.h"
#include "util/util.h"

#define MAX_FACES 8
#define THREADS 4

static cairo_font_face_t *faces[MAX_FACES];
static size_t n_faces;

static bool
is_held(cairo_font_face_t *face)
{
	for (size_t i = 0; i < n_faces && i < MAX_FACES; i++)
		if (faces[i] == face)
			return true;
	return false;
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	if (closure != NULL)
		buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A text in weight at pt, drawn as the posters and charts draw it; the
 * face of its first run. */
static cairo_font_face_t *
draw_text(cairo_t *cr, PangoContext *ctx, PangoWeight weight, double pt)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *f = pango_font_description_new();
	cairo_font_face_t *face = NULL;

	pango_font_description_set_family_static(f, NB_FONT_FAMILY);
	pango_font_description_set_weight(f, weight);
	pango_font_description_set_absolute_size(f, pt * PANGO_SCALE);
	pango_layout_set_font_description(l, f);
	pango_layout_set_text(l, "村务公开 2026 年第 4 季度", -1);
	cairo_move_to(cr, 10, 10);
	pango_cairo_show_layout(cr, l);
	PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
	if (line != NULL && line->runs != NULL) {
		PangoLayoutRun *run = line->runs->data;
		cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(
		    PANGO_CAIRO_FONT(run->item->analysis.font));
		face = sf ? cairo_scaled_font_get_font_face(sf) : NULL;
	}
	pango_font_description_free(f);
	g_object_unref(l);
	return face;
}

/* The thread's own context, as a poster's or a chart's; drawing: whether
 * it takes the surface's options too, as a chart's drawing context does. */
static PangoContext *
thread_context(cairo_t *cr, bool drawing)
{
	PangoContext *ctx = pango_font_map_create_context(
	    pango_cairo_font_map_get_default());

	fonts_setup_context(ctx);
	if (drawing)
		pango_cairo_update_context(cr, ctx);
	return ctx;
}

/* Every size from 5 to 200 pt in both weights, in both kinds of context,
 * on surface s: how many texts got a face that is not held. */
static int
unheld_faces(cairo_surface_t *s)
{
	cairo_t *cr = cairo_create(s);
	int unheld = 0;

	for (int drawing = 0; drawing < 2; drawing++) {
		PangoContext *ctx = thread_context(cr, drawing);
		for (double pt = 5; pt <= 200; pt += 3.25) {
			if (!is_held(draw_text(cr, ctx, PANGO_WEIGHT_NORMAL, pt)))
				unheld++;
			if (!is_held(draw_text(cr, ctx, PANGO_WEIGHT_BOLD, pt)))
				unheld++;
		}
		g_object_unref(ctx);
	}
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return unheld;
}

struct task {
	int seed;
	size_t fonts;     /* the fonts its PDF embeds */
};

/* A poster's worth of texts in many sizes, on a PDF of its own. */
static void *
draw_pdf(void *arg)
{
	struct task *t = arg;
	struct buf pdf = {0};
	size_t glyphs, broken;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, &pdf,
	    842, 1191);
	cairo_t *cr = cairo_create(s);
	PangoContext *ctx = thread_context(cr, false);

	for (int i = 0; i < 60; i++) {
		double pt = 6 + (i * 7 + t->seed * 3) % 90 + t->seed * 0.125;
		draw_text(cr, ctx, i % 2 ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
		    pt);
	}
	g_object_unref(ctx);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	t->fonts = 0;
	if (fontfix_check_pdf(&pdf, &t->fonts, &glyphs, &broken) != 0)
		t->fonts = 0;
	buf_free(&pdf);
	/* the thread's font map goes with it, as a build's worker's does */
	pango_cairo_font_map_set_default(NULL);
	return NULL;
}

static int made;

static cairo_status_t
count_glyph(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
    cairo_text_extents_t *extents)
{
	(void)sf;
	(void)glyph;
	(void)cr;
	(void)extents;
	made++;
	return CAIRO_STATUS_SUCCESS;
}

/* The glyphs a font makes first: 64 of cairo's pages of 32 glyphs. */
#define FIRST_GLYPHS 2048
/* Then another font's, on 625 pages: past the cache's 512, cairo drops a
 * page at random after each new one, so the first 64 pages are all still
 * there after the 177 drops only with a chance of (1 - 64/513)^177, less
 * than one in 10^10. */
#define OTHER_GLYPHS 20000

/* Whether cairo still has the glyphs a font made first after another has
 * made many (a font of our own, which counts the glyphs it is asked to
 * make: a glyph cairo has dropped is made again). */
static bool
first_glyphs_kept(void)
{
	cairo_font_face_t *face = cairo_user_font_face_create();
	cairo_font_options_t *opts = cairo_font_options_create();
	cairo_matrix_t one, two;
	cairo_text_extents_t ext;

	cairo_user_font_face_set_render_glyph_func(face, count_glyph);
	cairo_matrix_init_scale(&one, 10, 10);
	cairo_matrix_init_scale(&two, 20, 20);
	cairo_scaled_font_t *first = cairo_scaled_font_create(face, &one, &one,
	    opts);
	cairo_scaled_font_t *other = cairo_scaled_font_create(face, &two, &one,
	    opts);
	for (unsigned long g = 1; g <= FIRST_GLYPHS; g++)
		cairo_scaled_font_glyph_extents(first,
		    &(cairo_glyph_t){g, 0, 0}, 1, &ext);
	for (unsigned long g = 1; g <= OTHER_GLYPHS; g++)
		cairo_scaled_font_glyph_extents(other,
		    &(cairo_glyph_t){g, 0, 0}, 1, &ext);
	made = 0;
	for (unsigned long g = 1; g <= FIRST_GLYPHS; g++)
		cairo_scaled_font_glyph_extents(first,
		    &(cairo_glyph_t){g, 0, 0}, 1, &ext);
	bool kept = made == 0;
	cairo_scaled_font_destroy(first);
	cairo_scaled_font_destroy(other);
	cairo_font_options_destroy(opts);
	cairo_font_face_destroy(face);
	return kept;
}

int
main(void)
{
	fonts_hold();
	n_faces = fonts_held_faces(faces, MAX_FACES);
	T_CHECK(n_faces >= 2 && n_faces <= MAX_FACES, "the build holds the "
	    "faces of the regular and the bold font (%zu)", n_faces);
	fonts_hold();
	T_INTEQ(fonts_held_faces(NULL, 0), n_faces, "holding again holds "
	    "nothing more");

	T_INTEQ(unheld_faces(cairo_pdf_surface_create_for_stream(write_buf, NULL,
	    100, 100)), 0, "on a PDF page, every size of both weights is "
	    "drawn with a held face");
	T_INTEQ(unheld_faces(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10,
	    10)), 0, "on an image, every size of both weights is drawn with a "
	    "held face");

	/* threads drawing at once, then ending, as a build's workers do; this
	 * thread's fonts, which would keep the faces alive too, let go first,
	 * so that only the hold does (a race: this part can only show one) */
	pango_cairo_font_map_set_default(NULL);
	int wrong = 0, started = 0;
	for (int round = 0; round < 5; round++) {
		pthread_t th[THREADS];
		struct task tasks[THREADS];
		int n = 0;
		for (int i = 0; i < THREADS; i++) {
			tasks[n].seed = round * THREADS + i;
			if (pthread_create(&th[n], NULL, draw_pdf, &tasks[n]) == 0)
				n++;
		}
		for (int i = 0; i < n; i++) {
			pthread_join(th[i], NULL);
			if (tasks[i].fonts != 2)
				wrong++;
		}
		started += n;
	}
	T_CHECK(started == 5 * THREADS && wrong == 0, "%d PDFs drawn by %d "
	    "threads at once embed each font once (%d with a font twice)",
	    started, THREADS, wrong);

	T_CHECK(fonts_cache_kept() && first_glyphs_kept(), "while the fonts "
	    "are held, cairo's cache of glyphs is not trimmed (a trim can wait "
	    "forever on a font being freed by another thread)");

	fonts_release();
	T_INTEQ(fonts_held_faces(NULL, 0), 0, "after the build, nothing is held");
	T_CHECK(!fonts_cache_kept() && !first_glyphs_kept(), "after the build, "
	    "cairo trims its cache of glyphs again (so the check above can "
	    "fail)");
	return t_done();
}
