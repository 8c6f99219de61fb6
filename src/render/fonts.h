/* fonts.h: the text settings every chart and poster is measured and drawn
 * with, and the fonts a build holds while its threads draw.
 *
 * cairo 1.16 keeps the faces of one font file in a list it changes without
 * a lock: a thread that makes a face while another frees one can lose a
 * face from the list (the next text of the same font gets a new face, and
 * the PDF a second subset of the font: the same content then gives other
 * bytes) or read one being freed. fonts_hold makes the faces of the regular
 * and the bold Noto Sans CJK SC as charts and posters measure and draw them,
 * and keeps them until fonts_release: threads that draw in between only
 * ever find those faces, never make or free them. When the build draws
 * from its subsets of the font (subset.h), the faces of the rare
 * characters' subset and of the installed font, which draw the characters
 * beyond the common subset, are held as well.
 *
 * Not covered: a font that fontconfig falls back to for a character Noto
 * Sans CJK SC lacks (an emoji, say). Its faces are still made and freed by
 * whichever thread draws it.
 *
 * cairo 1.16 also keeps one cache of the glyphs of all fonts (512 pages of
 * 32 glyphs), which it trims, when it has grown past that, by locking the
 * cache and then the font of each page it drops; a font being freed locks
 * itself and then the cache. A thread trimming while another frees a font
 * waits for it forever, and so does the build (seen once in some 190 full
 * builds). cairo trims only once no thread is making a glyph, so from
 * fonts_hold to fonts_release a thread of ours is making one, of a font of
 * its own that finishes it only then: the cache is never trimmed while the
 * build draws, and holds the glyphs of the fonts alive (a font's glyphs
 * still go with it when it is freed). */
#ifndef NB_RENDER_FONTS_H
#define NB_RENDER_FONTS_H

#include <pango/pangocairo.h>
#include <stdbool.h>

#include "util/util.h"

#define NB_FONT_FAMILY "Noto Sans CJK SC"

/* Unhinted metrics and outlines (a text measured once fits its box at any
 * scale, in the PDF and the PNG alike), 72 units to the inch, Chinese. */
void fonts_setup_context(PangoContext *ctx);

/* fonts_hold before any thread draws text, and never while another thread
 * is in it (the build calls it under a lock before each job that draws: the
 * first holds, the others find the fonts held, since fonts_hold again
 * without a release in between does nothing); fonts_release once no thread
 * draws any more, whether or not anything was held. */
void fonts_hold(void);
void fonts_release(void);

/* For a command that draws one chart: makes fontconfig's current
 * configuration one that lists the usual font folders (the system's, the
 * local ones and the user's) with their caches, without reading the
 * system's configuration files (some 35 of them on Debian: about 7 ms, a
 * seventh of such a process). Text draws the same, since the settings
 * that would change it (hinting, metrics) are set on every context
 * (fonts_setup_context) and every character of text (the chart's, UTF-8)
 * must be Noto Sans CJK SC's: one it lacks would come from a fallback font
 * that the system's rules choose. Keeps the system's configuration, and
 * returns false, when the plain one does not find both weights of the
 * font, or they lack a character of text, or FONTCONFIG_FILE or
 * FONTCONFIG_PATH names the configuration to use. Call it before anything
 * else asks fontconfig. */
bool fonts_use_plain_config(const char *text);

/* Checks that the regular and the bold Noto Sans CJK SC are installed,
 * adding their files (names, sizes, times) to h when it is not NULL: a
 * cache key that changes when the fonts do. false with a message (which
 * Debian package to install) when one is missing. */
bool fonts_key(struct hasher *h, struct buf *err);

/* Whether cairo's cache of glyphs is kept from being trimmed (see above),
 * for tests. */
bool fonts_cache_kept(void);

/* The faces held, for tests: their number, up to max of them in out. */
size_t fonts_held_faces(cairo_font_face_t **out, size_t max);

#endif
