/* fontfix_test.c: cairo 1.16 embeds Noto Sans CJK subsets in which some
 * glyphs (如 among them) call subroutines the subset emptied, so they print
 * blank. Checks that the repair leaves no glyph calling a lost subroutine,
 * in a bare pango PDF and in the demo county's posters. */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "util/diag.h"
#include "load/load.h"
#include "render/fontfix.h"
#include "poster/poster.h"
#include "t.h"
#include "util/util.h"

#if defined(__SANITIZE_ADDRESS__)
/* cairo has no frame pointers: the fast unwinder stops inside it, and the
 * suppression of its PDF subsetter's leak (tests/lsan.supp, by the frame
 * cairo_surface_finish) cannot match. Unwind slowly instead. */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}
#endif

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void
pango_pdf(const char *text, struct buf *out)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, out,
	    400, 100);
	cairo_t *cr = cairo_create(s);
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *f = pango_font_description_from_string(
	    "Noto Sans CJK SC 20");
	pango_layout_set_font_description(l, f);
	pango_layout_set_text(l, text, -1);
	cairo_move_to(cr, 10, 10);
	pango_cairo_show_layout(cr, l);
	pango_font_description_free(f);
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
}

int
main(void)
{
	struct buf pdf = {0}, err = {0};
	size_t fonts, glyphs, before, after;

	T_CHECK(fontfix_init(&err) == 0, "the installed fonts' outlines load%s%s",
	    err.data ? ": " : "", err.data ? err.data : "");
	pango_pdf("材料（如有）", &pdf);
	int checked = fontfix_check_pdf(&pdf, &fonts, &glyphs, &before);
	T_CHECK(checked == 0 && fonts == 1, "a bare pango PDF's font can be read (%zu glyphs)",
	    glyphs);
	printf("      cairo's own subset: %zu of %zu glyphs call lost "
	    "subroutines\n", before, glyphs);
	int fixed = fontfix_pdf(&pdf, &err);
	T_CHECK(fixed >= 0, "the PDF is rewritten%s%s", err.data ? ": " : "",
	    err.data ? err.data : "");
	T_CHECK(before == 0 || fixed == 1, "the broken subset is repaired");
	checked = fontfix_check_pdf(&pdf, &fonts, &glyphs, &after);
	T_CHECK(checked == 0 && fonts == 1 && after == 0, "after the repair no glyph calls a lost "
	    "subroutine (%zu of %zu)", after, glyphs);
	T_CHECK(pdf.len > 8 && memcmp(pdf.data + pdf.len - 6, "%%EOF\n", 6) == 0,
	    "the rewritten PDF ends with its trailer");
	buf_free(&pdf);

	/* the demo county's catalog posters and full villages */
	struct county c;
	int32_t today;
	const char *src = getenv("NB_ROOT");
	char *content = path_join(src ? src : ".", "content");
	date_parse("2026-11-27", &today);
	county_load(&c, content, today);
	struct arena *arena = arena_new();
	struct county_assessment *a = assess_county(&c);
	struct poster_spec *specs;
	size_t n = poster_specs(&c, a, arena, &specs);
	for (size_t i = 0; i < n; i++) {
		const struct poster_spec *s = &specs[i];
		if (s->kind == POSTER_BOARD && !strstr(s->path, "zhangjiagou") &&
		    !strstr(s->path, "huaishuwan") && !strstr(s->path, "fenghuang") &&
		    !strstr(s->path, "hejiaying"))
			continue;
		buf_reset(&err);
		int rc = poster_render(&c, s, &pdf, NULL, &err);
		if (rc == 0)
			rc = fontfix_check_pdf(&pdf, &fonts, &glyphs, &after);
		T_CHECK(rc == 0 && fonts == 2 && after == 0, "%s: %zu fonts, %zu "
		    "glyphs, none broken (%zu)", s->path, fonts, glyphs, after);
	}
	assess_free(a);
	arena_free(arena);
	county_free(&c);
	free(content);
	buf_free(&pdf);
	buf_free(&err);
	poster_thread_cleanup();
	return t_done();
}
