/* subset_test.c: the build's subset of Noto Sans CJK SC (render/subset.h):
 * made in the cache folder, preferred by fontconfig in both weights, its
 * PDFs free of lost subroutines without the repair, and a character
 * outside it drawn from the installed font, never as an empty box. */
#define _GNU_SOURCE
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/fontfix.h"
#include "render/fonts.h"
#include "render/subset.h"
#include "t.h"
#include "util/util.h"

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *
layout_of(cairo_t *cr, const char *font, const char *text)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *f = pango_font_description_from_string(font);

	fonts_setup_context(pango_layout_get_context(l));
	pango_layout_set_font_description(l, f);
	pango_font_description_free(f);
	pango_layout_set_text(l, text, -1);
	return l;
}

/* The number of glyphs of the face pango draws the first character of
 * text from: some 65,000 in the installed font, a quarter of it in the
 * subset (GB 2312 and the forms its layout tables reach). */
static unsigned
face_glyphs(const char *font, const char *text)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1,
	    1);
	cairo_t *cr = cairo_create(s);
	PangoLayout *l = layout_of(cr, font, text);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
	unsigned n = 0;

	if (run != NULL) {
		hb_font_t *hb = pango_font_get_hb_font(run->item->analysis.font);
		if (hb != NULL)
			n = hb_face_get_glyph_count(hb_font_get_face(hb));
	}
	pango_layout_iter_free(it);
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return n;
}

/* Dark pixels of text drawn black on white, and its unknown glyphs. */
static long
ink(const char *font, const char *text, int *unknown)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    200, 60);
	cairo_t *cr = cairo_create(s);
	long dark = 0;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	PangoLayout *l = layout_of(cr, font, text);
	*unknown = pango_layout_get_unknown_glyphs_count(l);
	cairo_move_to(cr, 5, 5);
	pango_cairo_show_layout(cr, l);
	cairo_surface_flush(s);
	const unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < 60; y++)
		for (int x = 0; x < 200; x++)
			if (px[y * stride + 4 * x + 1] < 128)
				dark++;
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return dark;
}

static void
pdf_of(const char *text, struct buf *out)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, out,
	    800, 200);
	cairo_t *cr = cairo_create(s);

	for (int k = 0; k < 2; k++) {
		PangoLayout *l = layout_of(cr, k ? NB_FONT_FAMILY " Bold 20" :
		    NB_FONT_FAMILY " 20", text);
		cairo_move_to(cr, 10, 10 + 60 * k);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
}

int
main(void)
{
	char cache[] = "/tmp/nb-subset-test.XXXXXX";
	struct buf err = {0}, pdf = {0}, dir = {0};
	size_t fonts = 0, glyphs = 0, broken = 0;

	/* the set of characters */
	T_CHECK(subset_has('A') && subset_has(0x5982 /* 如 */) &&
	    subset_has(0xff08 /* （ */) && subset_has(0x3002 /* 。 */) &&
	    subset_has(0x00b7 /* · */) && subset_has(0x2014 /* — */) &&
	    subset_has(0x9f44 /* 齄, the last of GB 2312 */),
	    "the subset holds ASCII, GB 2312 and the punctuation");
	T_CHECK(!subset_has(0x9f98 /* 龘 */) && !subset_has(0x5803 /* 堃 */),
	    "it leaves out characters beyond GB 2312");

	T_CHECK(mkdtemp(cache) != NULL, "a cache folder");
	setenv("XDG_CACHE_HOME", cache, 1);
	bool used = subset_use(&err);
	T_CHECK(used, "the subsets are made and used (%s)",
	    err.data ? err.data : "");
	T_CHECK(subset_in_use() == used, "subset_in_use says so");
	buf_printf(&dir, "%s/noticeboard/fonts", cache);
	int otf = 0;
	DIR *d = opendir(dir.data);
	for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;)
		if (strstr(e->d_name, ".otf") != NULL) {
			char *p = path_join(dir.data, e->d_name);
			otf += subset_is_file(p);
			free(p);
		}
	if (d != NULL)
		closedir(d);
	T_INTEQ(otf, 4, "four subsets in the cache folder, the ones in use: "
	    "the common and the rare characters of each weight");

	/* fontconfig and pango prefer them */
	unsigned regular = face_glyphs(NB_FONT_FAMILY " 20", "如");
	unsigned bold = face_glyphs(NB_FONT_FAMILY " Bold 20", "如");
	unsigned beyond = face_glyphs(NB_FONT_FAMILY " 20", "龘");
	unsigned rare = face_glyphs(NB_FONT_FAMILY " 20", "诿");
	unsigned rare_bold = face_glyphs(NB_FONT_FAMILY " Bold 20", "诿");
	T_CHECK(regular > 4000 && regular < 30000, "the regular weight is "
	    "drawn from its subset of common characters (%u glyphs)", regular);
	T_CHECK(bold > 4000 && bold < 30000, "the bold weight from its own "
	    "(%u glyphs)", bold);
	T_CHECK(rare > 3000 && rare < 30000 && rare != regular &&
	    rare_bold > 3000 && rare_bold < 30000 && rare_bold != bold,
	    "诿, of GB 2312's second level, from the subset of the rare "
	    "characters (%u and %u glyphs)", rare, rare_bold);
	T_CHECK(face_glyphs(NB_FONT_FAMILY " 20", "h") == regular &&
	    face_glyphs(NB_FONT_FAMILY " 20", "①") == regular,
	    "Latin and GB 2312's symbols from the common characters' subset");
	/* a character beyond the subset: the installed font draws it */
	T_CHECK(beyond > 60000, "龘 comes from the installed font (%u glyphs)",
	    beyond);
	int unknown = -1;
	long dark = ink(NB_FONT_FAMILY " 30", "龘堃", &unknown);
	T_CHECK(dark > 100 && unknown == 0, "and is drawn, no empty box "
	    "(%ld dark pixels, %d unknown glyphs)", dark, unknown);
	long dark_in = ink(NB_FONT_FAMILY " 30", "如有", &unknown);
	T_CHECK(dark_in > 100 && unknown == 0, "如有 is drawn from the subset "
	    "(%ld dark pixels)", dark_in);

	/* the subsets have no subroutines: cairo's subsetter loses none,
	 * and the repair finds nothing of ours to repair (the suite
	 * compares the pixels of such PDFs with the repaired ones') */
	pdf_of("材料（如有）村务公开 ABC abc 123 ①②③ “引号” ¥100.00", &pdf);
	int rc = fontfix_check_pdf(&pdf, &fonts, &glyphs, &broken);
	T_CHECK(rc == 0 && fonts == 0 && broken == 0, "a PDF of the subsets "
	    "holds no subset the repair knows: %zu fonts, %zu broken", fonts,
	    broken);
	size_t before = pdf.len;
	rc = fontfix_pdf(&pdf, &err);
	T_CHECK(rc == 0 && pdf.len == before, "and the repair leaves it as "
	    "it is (%d)", rc);
	T_CHECK(memmem(pdf.data, pdf.len, "+NotoSansCJKsc-Regular", 22) &&
	    memmem(pdf.data, pdf.len, "+NotoSansCJKsc-Bold", 19),
	    "its fonts keep their names");

	/* the build holds the faces of the subsets and of the installed
	 * font behind them (fonts.h) */
	fonts_hold();
	size_t held = fonts_held_faces(NULL, 0);
	T_CHECK(held >= 6, "the build holds the two subsets' faces and the "
	    "installed font's (%zu)", held);
	fonts_release();

	/* (that the key says which font the output comes from, the render
	 * suite checks: a build with the subset and one without it, into
	 * the same output, renders every poster again) */

	buf_free(&err);
	buf_free(&pdf);
	remove_tree(cache);
	buf_free(&dir);
	return t_done();
}
