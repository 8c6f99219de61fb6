/* glyph_cache_test.c: threads drawing while the build holds its fonts
 * (fonts_hold) never wait for each other forever inside cairo 1.16.
 *
 * Each thread draws a few thousand characters of Noto Sans CJK SC at one
 * size, as a poster's body does, and between them makes a font at some
 * other size (a title fitted to its box, a preview's scale) that it looks
 * a few characters up in and drops. cairo then frees fonts (more than its
 * 256 unused ones kept) while other threads trim its cache of glyphs (more
 * than 512 pages of them), which, without the hold, stops every thread
 * within seconds on a machine of two cores (fonts.h tells why):
 * GLYPH_CACHE_UNHELD=1 runs it so, to see it. A stall is a failure, told
 * by a watchdog; a build's workers are the same, without the watchdog.
 * One case cannot show that no stall is left: the hold's own test
 * (tests/unit/fonts_test.c) shows what it does, that the cache is not
 * trimmed, every time. */
#include <cairo-ft.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "render/fonts.h"
#include "t.h"

#define THREADS 4
/* seconds the threads draw for; a stall is 5 seconds without a font */
#define SECONDS 8
#define STALL 5

static atomic_long fonts_made;
static atomic_bool stop;
static atomic_int ended;
static cairo_font_face_t *face;

static void *
draw(void *arg)
{
	unsigned seed = (unsigned)(uintptr_t)arg;
	cairo_font_options_t *opts = cairo_font_options_create();
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 64, 64);
	cairo_matrix_t size, unit;
	cairo_text_extents_t ext;

	cairo_matrix_init_identity(&unit);
	cairo_matrix_init_scale(&size, 12 + seed % 4, 12 + seed % 4);
	cairo_scaled_font_t *body = cairo_scaled_font_create(face, &size, &unit,
	    opts);
	cairo_t *cr = cairo_create(s);
	cairo_set_scaled_font(cr, body);
	while (!atomic_load(&stop)) {
		for (int k = 0; k < 50; k++) {
			cairo_glyph_t g = {1000 + rand_r(&seed) % 3000, 10, 40};
			cairo_show_glyphs(cr, &g, 1);
		}
		double pt = 5 + rand_r(&seed) % 3000 / 10.0;
		cairo_matrix_init_scale(&size, pt, pt);
		cairo_scaled_font_t *other = cairo_scaled_font_create(face, &size,
		    &unit, opts);
		for (int k = 0; k < 20; k++) {
			cairo_glyph_t g = {1000 + rand_r(&seed) % 20000, 0, 0};
			cairo_scaled_font_glyph_extents(other, &g, 1, &ext);
		}
		cairo_scaled_font_destroy(other);
		atomic_fetch_add(&fonts_made, 1);
	}
	cairo_destroy(cr);
	cairo_scaled_font_destroy(body);
	cairo_surface_destroy(s);
	cairo_font_options_destroy(opts);
	atomic_fetch_add(&ended, 1);
	return NULL;
}

/* The face pango draws Noto Sans CJK SC's regular weight with. */
static cairo_font_face_t *
noto_face(void)
{
	PangoFontMap *map = pango_cairo_font_map_get_default();
	PangoContext *ctx = pango_font_map_create_context(map);
	PangoFontDescription *d = pango_font_description_from_string(
	    NB_FONT_FAMILY " 12");
	PangoFont *f = pango_context_load_font(ctx, d);
	cairo_font_face_t *out = NULL;

	if (f != NULL && PANGO_IS_CAIRO_FONT(f)) {
		cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(
		    PANGO_CAIRO_FONT(f));
		if (sf != NULL)
			out = cairo_font_face_reference(
			    cairo_scaled_font_get_font_face(sf));
	}
	if (f != NULL)
		g_object_unref(f);
	pango_font_description_free(d);
	g_object_unref(ctx);
	return out;
}

int
main(void)
{
	bool held = getenv("GLYPH_CACHE_UNHELD") == NULL;
	pthread_t th[THREADS];
	int n = 0, still = 0;
	long last = -1;

	face = noto_face();
	if (face == NULL) {
		printf("SKIP: Noto Sans CJK SC is not installed\n");
		return 0;
	}
	if (held)
		fonts_hold();
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&th[n], NULL, draw,
		    (void *)(uintptr_t)(i * 7919 + 1)) == 0)
			n++;
	/* SECONDS of drawing, then until every thread has seen the stop and
	 * ended; STALL seconds without a font made or a thread ended is a
	 * stall */
	for (int s = 0; still < STALL; s++) {
		if (s == SECONDS)
			atomic_store(&stop, true);
		if (s >= SECONDS && atomic_load(&ended) == n)
			break;
		sleep(1);
		long made = atomic_load(&fonts_made) + atomic_load(&ended);
		still = made == last ? still + 1 : 0;
		last = made;
	}
	if (still >= STALL) {
		/* the threads wait for each other inside cairo: they cannot be
		 * joined, and the process ends here */
		T_CHECK(false, "%d threads drawing with %s stopped after %ld "
		    "fonts: they wait for each other inside cairo", n,
		    held ? "the fonts held" : "nothing held",
		    (long)atomic_load(&fonts_made));
		t_done();
		_exit(1);
	}
	for (int i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	T_CHECK(n == THREADS && last > 0, "%d threads drawing with %s made "
	    "%ld fonts in %d s, none waiting for another", n, held ?
	    "the fonts held" : "nothing held", (long)atomic_load(&fonts_made),
	    SECONDS);
	if (held)
		fonts_release();
	cairo_font_face_destroy(face);
	return t_done();
}
