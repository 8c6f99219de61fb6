/* fontfix.h: repairs the CFF font subsets that cairo 1.16 embeds in a PDF.
 * cairo's subsetter counts the stems of a glyph wrongly when its first
 * hintmask follows path operators (as in most Noto Sans CJK ideographs),
 * misreads the rest of the charstring and drops subroutines the glyph
 * calls: such characters (如, for one) print blank. The repair reads each
 * embedded subset, finds with a correct Type 2 reading every subroutine its
 * glyphs call, restores those from the installed font and writes the PDF
 * again with the fixed subset (uncompressed) and a new cross-reference.
 *
 * A build draws from a subset of the font without subroutines
 * (subset.h), whose PDFs have nothing to repair (the repair finds no
 * subset of the installed font in them and leaves them as they are, in
 * about 1% of a build's time): it repairs what the installed font still
 * draws, the characters beyond the subset and the text of a chart drawn
 * alone before any build made the subsets.
 *
 * When it can go: cairo 1.16.0 (Debian 12) needs it. Which later release
 * counts those stems right is not established here: the changelog Debian
 * ships with cairo ends at the 1.16.0 release, and none of its entries
 * (nor of Debian's patches) touches that count. Check against the first
 * cairo release that counts a glyph's stems right when its first hintmask
 * follows path operators: tests/poster/fontfix_test fails without the
 * repair (demo posters with broken glyphs), and its INFO line reports, for
 * PDFs it renders with the repair off (材料（如有）, and every character of
 * the demo content in both weights), how many glyphs of cairo's own
 * subsets call a lost subroutine. When that line reports none and the test
 * passes with the repair disabled (fontfix_pdf returning 0 at once), drop
 * it: this file, its calls in poster/draw.c and flow/draw.c, and the
 * tests' font checks. */
#ifndef NB_RENDER_FONTFIX_H
#define NB_RENDER_FONTFIX_H

#include "util/util.h"

/* Loads the installed fonts' CFF data once per process (thread-safe).
 * Returns 0, or -1 with a message. */
int fontfix_init(struct buf *err);

/* Repairs pdf in place. Returns the number of font subsets repaired, or -1
 * with a message when the PDF or a font in it cannot be read. */
int fontfix_pdf(struct buf *pdf, struct buf *err);

/* The same for one CFF font program; for tests. 1 repaired, 0 nothing to
 * do (or not one of our fonts), -1 unreadable. */
int fontfix_cff(const unsigned char *data, size_t len, struct buf *out);

/* Counts, in a PDF's CFF subsets of our fonts, the glyphs that call a
 * subroutine the subset lost (they would print blank or broken). For tests
 * and for the build's own check. 0, or -1 when a font cannot be read. */
int fontfix_check_pdf(const struct buf *pdf, size_t *fonts, size_t *glyphs,
    size_t *broken);
int fontfix_check_cff(const unsigned char *data, size_t len, size_t *glyphs,
    size_t *broken);

/* The most a font stream may inflate to: more than any CFF table of the
 * installed fonts (Noto Sans CJK's are some 16 MB). */
#define FONTFIX_INFLATE_MAX ((size_t)64 << 20)

/* zlib-wrapped deflate data (RFC 1950/1951) to bytes, by zlib. 0, or -1
 * when the data is not such a stream, ends early, fails its check value
 * or inflates to more than FONTFIX_INFLATE_MAX bytes. */
int fontfix_inflate(const unsigned char *in, size_t len, struct buf *out);

#endif
