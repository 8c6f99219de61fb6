/* fontfix_test.c: cairo 1.16 embeds Noto Sans CJK subsets in which some
 * glyphs (如 among them) call subroutines the subset emptied, so they print
 * blank. Checks that the repair leaves no glyph calling a lost subroutine,
 * in a bare pango PDF, in a PDF of every character of the demo content and
 * in the demo county's posters; that the font streams' inflating (zlib) turns
 * down truncated, damaged and oversized data; and reports, on an INFO line,
 * whether this cairo still needs the repair (see render/fontfix.h). */
#include <cairo-pdf.h>
#include <ftw.h>
#include <pango/pangocairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "assess/assess.h"
#include "util/diag.h"
#include "load/load.h"
#include "render/fontfix.h"
#include "render/fonts.h"
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

/* tests/lsan.supp's two entries (fontconfig's caches, cairo's subsetter
 * leak), for a run of this program on its own, outside tests/run.sh */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:cairo_surface_finish\n";
}
#endif

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A PDF of text as cairo writes it, not repaired: in the regular weight,
 * and in the bold too when bold. The page is as big as the text, so that
 * every glyph is drawn and embedded. */
static void
pango_pdf(const char *text, bool bold, struct buf *out)
{
	static const char *const fonts[2] = {NB_FONT_FAMILY " 20",
		NB_FONT_FAMILY " Bold 20"};
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_buf, out,
	    400, 100);
	cairo_t *cr = cairo_create(s);
	PangoLayout *l[2];
	int width, height = 0, h[2];

	for (int k = 0; k < 1 + bold; k++) {
		PangoFontDescription *f = pango_font_description_from_string(
		    fonts[k]);
		l[k] = pango_cairo_create_layout(cr);
		pango_layout_set_font_description(l[k], f);
		pango_layout_set_width(l[k], 760 * PANGO_SCALE);
		pango_layout_set_wrap(l[k], PANGO_WRAP_CHAR);
		pango_layout_set_text(l[k], text, -1);
		pango_layout_get_pixel_size(l[k], &width, &h[k]);
		height += h[k];
		pango_font_description_free(f);
	}
	cairo_pdf_surface_set_size(s, 800, height + 20);
	for (int k = 0, y = 10; k < 1 + bold; y += h[k], k++) {
		cairo_move_to(cr, 10, y);
		pango_cairo_show_layout(cr, l[k]);
		g_object_unref(l[k]);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
}

/* ---- every character of the demo content, once ---- */

static bool *seen;     /* by code point, below 0x30000 */

static int
collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	char *data;
	size_t len;

	(void)st;
	(void)ftw;
	if (type != FTW_F || file_read(path, 1 << 24, &data, &len) != 0)
		return 0;
	if (utf8_check(data, len) == (size_t)-1) {
		for (size_t i = 0; i < len;) {
			uint32_t cp;
			i += (size_t)utf8_decode(data + i, len - i, &cp);
			if (cp > ' ' && cp < 0x30000)
				seen[cp] = true;
		}
	}
	free(data);
	return 0;
}

/* The characters in code point order, each once. */
static void
content_chars(const char *dir, struct buf *out)
{
	seen = xcalloc(0x30000, sizeof *seen);
	nftw(dir, collect, 16, FTW_PHYS);
	for (uint32_t cp = 0x21; cp < 0x30000; cp++) {
		if (!seen[cp] || (cp >= 0x7f && cp < 0xa0) ||
		    (cp >= 0xd800 && cp < 0xe000))
			continue;
		static const unsigned char lead[5] = {0, 0, 0xc0, 0xe0, 0xf0};
		char u[4];
		int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		uint32_t c = cp;
		for (int k = n - 1; k > 0; k--, c >>= 6)
			u[k] = (char)(0x80 | (c & 0x3f));
		u[0] = (char)(lead[n] | c);
		buf_put(out, u, (size_t)n);
	}
	free(seen);
	seen = NULL;
}

/* ---- the font streams' inflating ---- */

/* A zlib stream of n zero bytes, made without holding them. */
static void
zeros_stream(size_t n, struct buf *out)
{
	static const unsigned char zero[1 << 16];
	unsigned char chunk[1 << 14];
	z_stream z;

	memset(&z, 0, sizeof z);
	deflateInit(&z, 9);
	for (int flush = Z_NO_FLUSH; flush != Z_FINISH;) {
		size_t step = n < sizeof zero ? n : sizeof zero;
		n -= step;
		flush = n == 0 ? Z_FINISH : Z_NO_FLUSH;
		z.next_in = (unsigned char *)zero;
		z.avail_in = (uInt)step;
		do {
			z.next_out = chunk;
			z.avail_out = sizeof chunk;
			deflate(&z, flush);
			buf_put(out, chunk, sizeof chunk - z.avail_out);
		} while (z.avail_out == 0);
	}
	deflateEnd(&z);
}

static uint32_t
next_random(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

static void
inflate_checks(const struct buf *text)
{
	struct buf out = {0}, bad = {0};
	uLongf zlen = compressBound(text->len);
	unsigned char *z = xcalloc(zlen, 1);
	int rc;

	rc = compress2(z, &zlen, (const unsigned char *)text->data, text->len,
	    9);
	T_CHECK(rc == Z_OK, "a zlib stream to read back (%lu bytes)",
	    (unsigned long)zlen);
	rc = fontfix_inflate(z, zlen, &out);
	T_CHECK(rc == 0 && out.len == text->len &&
	    memcmp(out.data, text->data, text->len) == 0 &&
	    out.data[out.len] == '\0', "a whole stream inflates to its bytes");
	buf_put(&bad, z, zlen);
	buf_puts(&bad, "\nendstream\n");
	rc = fontfix_inflate((unsigned char *)bad.data, bad.len, &out);
	T_CHECK(rc == 0 && out.len == text->len, "bytes after the stream's end "
	    "are left alone");

	size_t cut_ok = 0;
	for (size_t n = 0; n < zlen; n++)
		if (fontfix_inflate(z, n, &out) == 0)
			cut_ok++;
	T_CHECK(cut_ok == 0, "a stream cut short at any of its %lu bytes is "
	    "turned down (%zu taken)", (unsigned long)zlen, cut_ok);

	size_t wrong = 0, refused = 0;
	for (size_t i = 0; i < zlen; i++) {
		for (int b = 0; b < 8; b++) {
			z[i] ^= (unsigned char)(1 << b);
			rc = fontfix_inflate(z, zlen, &out);
			z[i] ^= (unsigned char)(1 << b);
			if (rc != 0)
				refused++;
			else if (out.len != text->len ||
			    memcmp(out.data, text->data, text->len) != 0)
				wrong++;
		}
	}
	T_CHECK(wrong == 0 && refused > 0, "a stream with one bit changed "
	    "gives its own bytes or an error, never others (%zu of %lu turned "
	    "down)", refused, (unsigned long)zlen * 8);

	z[zlen - 1] ^= 0x55;
	T_CHECK(fontfix_inflate(z, zlen, &out) != 0, "a wrong check value is "
	    "turned down");
	z[zlen - 1] ^= 0x55;
	unsigned char head = z[0];
	z[0] = (unsigned char)((head & 0xf0) | 9);
	T_CHECK(fontfix_inflate(z, zlen, &out) != 0, "a stream of another "
	    "method than deflate is turned down");
	z[0] = head;
	z[1] ^= 1;
	T_CHECK(fontfix_inflate(z, zlen, &out) != 0, "a header that fails its "
	    "check is turned down");
	z[1] ^= 1;
	T_CHECK(fontfix_inflate(NULL, 0, &out) != 0 &&
	    fontfix_inflate(z, 1, &out) != 0, "no data, or one byte, is turned "
	    "down");

	/* random bytes, bare and behind a valid header */
	uint32_t x = 2463534242u;
	size_t taken = 0;
	for (int k = 0; k < 2000; k++) {
		size_t n = next_random(&x) % 600;
		buf_reset(&bad);
		if (k % 2)
			buf_put(&bad, "\x78\xda", 2);
		while (bad.len < n)
			buf_putc(&bad, (char)next_random(&x));
		if (fontfix_inflate((unsigned char *)bad.data, bad.len, &out) == 0)
			taken++;
	}
	T_CHECK(taken == 0, "random bytes are turned down (%zu of 2000 taken)",
	    taken);

	/* a preset dictionary: a font stream never has one */
	{
		z_stream d;
		unsigned char dz[256];
		memset(&d, 0, sizeof d);
		deflateInit(&d, 9);
		deflateSetDictionary(&d, (const unsigned char *)"dictionary", 10);
		d.next_in = (unsigned char *)"dictionary words";
		d.avail_in = 16;
		d.next_out = dz;
		d.avail_out = sizeof dz;
		deflate(&d, Z_FINISH);
		T_CHECK(fontfix_inflate(dz, sizeof dz - d.avail_out, &out) != 0,
		    "a stream that needs a preset dictionary is turned down");
		deflateEnd(&d);
	}

	/* the cap on the inflated size */
	buf_reset(&bad);
	zeros_stream(FONTFIX_INFLATE_MAX, &bad);
	rc = fontfix_inflate((unsigned char *)bad.data, bad.len, &out);
	T_CHECK(rc == 0 && out.len == FONTFIX_INFLATE_MAX, "a stream of "
	    "FONTFIX_INFLATE_MAX bytes inflates (%zu from %zu)", out.len, bad.len);
	buf_reset(&bad);
	zeros_stream(FONTFIX_INFLATE_MAX + 1, &bad);
	rc = fontfix_inflate((unsigned char *)bad.data, bad.len, &out);
	T_CHECK(rc != 0 && out.len <= FONTFIX_INFLATE_MAX + 1, "a stream of "
	    "one byte more is turned down, having inflated no more than that "
	    "(%zu)", out.len);

	free(z);
	buf_free(&bad);
	buf_free(&out);
}

static const char *
find(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

/* A PDF whose font stream is damaged: neither read nor rewritten. */
static void
damaged_pdf_checks(const struct buf *pdf)
{
	const char *font = find(pdf->data, pdf->len, "/Subtype /CIDFontType0C");
	const char *stream = font ? find(font, pdf->len - (size_t)(font -
	    pdf->data), ">>\nstream\n") : NULL;
	struct buf bad = {0}, err = {0};
	size_t fonts, glyphs, broken;

	T_CHECK(stream != NULL && (size_t)(stream - pdf->data) + 40 < pdf->len,
	    "the bare PDF's font stream is found");
	if (stream == NULL)
		return;
	size_t at = (size_t)(stream - pdf->data) + 10;
	for (int how = 0; how < 2; how++) {
		buf_reset(&bad);
		buf_reset(&err);
		buf_put(&bad, pdf->data, pdf->len);
		if (how == 0)
			memset(bad.data + at, 0, 2);           /* its header */
		else
			memset(bad.data + at + 2, 0xff, 24);   /* its start */
		int checked = fontfix_check_pdf(&bad, &fonts, &glyphs, &broken);
		int fixed = fontfix_pdf(&bad, &err);
		T_CHECK(checked == -1 && fixed == -1 && bad.len == pdf->len &&
		    err.data != NULL && strstr(err.data, "inflate") != NULL,
		    "a font stream with its %s damaged: an error, the PDF as it "
		    "was (%d, %d: %s)", how == 0 ? "header" : "first blocks",
		    checked, fixed, err.data ? err.data : "");
	}
	buf_free(&bad);
	buf_free(&err);
}

int
main(void)
{
	struct buf pdf = {0}, err = {0};
	size_t fonts, glyphs, before, after, glyphs_one, before_one;

	T_CHECK(fontfix_init(&err) == 0, "the installed fonts' outlines load%s%s",
	    err.data ? ": " : "", err.data ? err.data : "");
	pango_pdf("材料（如有）", false, &pdf);
	int checked = fontfix_check_pdf(&pdf, &fonts, &glyphs, &before);
	T_CHECK(checked == 0 && fonts == 1, "a bare pango PDF's font can be read (%zu glyphs)",
	    glyphs);
	before_one = before;
	glyphs_one = glyphs;
	int fixed = fontfix_pdf(&pdf, &err);
	T_CHECK(fixed >= 0, "the PDF is rewritten%s%s", err.data ? ": " : "",
	    err.data ? err.data : "");
	T_CHECK(before == 0 || fixed == 1, "the broken subset is repaired");
	checked = fontfix_check_pdf(&pdf, &fonts, &glyphs, &after);
	T_CHECK(checked == 0 && fonts == 1 && after == 0, "after the repair no glyph calls a lost "
	    "subroutine (%zu of %zu)", after, glyphs);
	T_CHECK(pdf.len > 8 && memcmp(pdf.data + pdf.len - 6, "%%EOF\n", 6) == 0,
	    "the rewritten PDF ends with its trailer");
	buf_reset(&pdf);
	pango_pdf("材料（如有）", false, &pdf);
	damaged_pdf_checks(&pdf);
	buf_reset(&pdf);

	/* every character of the demo content in both weights, with the
	 * repair off and then on: whether this cairo still needs it */
	struct buf text = {0};
	const char *src = getenv("NB_ROOT");
	char *content = path_join(src ? src : ".", "content");
	content_chars(content, &text);
	pango_pdf(text.data, true, &pdf);
	checked = fontfix_check_pdf(&pdf, &fonts, &glyphs, &before);
	T_CHECK(checked == 0 && fonts == 2 && glyphs > 1000, "a PDF of the "
	    "demo content's %zu bytes of characters: %zu fonts, %zu glyphs",
	    text.len, fonts, glyphs);
	printf("INFO: cairo %s, without the repair: %zu of %zu glyphs of "
	    "材料（如有） and %zu of %zu of the demo content call a subroutine "
	    "cairo's subset lost: %s\n", cairo_version_string(), before_one,
	    glyphs_one, before, glyphs, before_one + before > 0 ? "the repair "
	    "is still needed" : "this cairo may no longer need the repair "
	    "(see src/render/fontfix.h)");
	fixed = fontfix_pdf(&pdf, &err);
	checked = fontfix_check_pdf(&pdf, &fonts, &glyphs, &after);
	T_CHECK(fixed >= 0 && checked == 0 && fonts == 2 && after == 0,
	    "after the repair none of them does (%zu of %zu)", after, glyphs);
	/* the inflating, of these characters among other data */
	inflate_checks(&text);
	buf_free(&text);
	buf_free(&pdf);

	/* the demo county's catalog posters and full villages */
	struct county c;
	int32_t today;
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
