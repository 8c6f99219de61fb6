/* subset.h: a build's text drawn from a small copy of Noto Sans CJK SC.
 *
 * cairo 1.16 reads the whole 'CFF ' table of a font it embeds in a PDF
 * twice per weight and per PDF (when the font first shows on a page and
 * again when it subsets it at the end): for Noto Sans CJK that is a table
 * of some 16 MB, copied and parsed for every chart and poster. The build
 * instead hands fontconfig subsets of the regular and the bold face made
 * by HarfBuzz's subsetter: every character of GB 2312, ASCII and Latin-1,
 * the punctuation, symbols, kana and fullwidth forms a notice uses, with
 * their outlines, metrics and layout tables unchanged, and without
 * subroutines (so cairo's subsetter, which loses some, has none to lose:
 * fontfix.h). Each weight is two fonts: the common characters (GB 2312's
 * symbols and first level, ASCII, Latin-1, the usual punctuation and
 * fullwidth forms; a 'CFF ' table of 1.9 MB, half the whole's), which
 * nearly every PDF draws from alone, and the rest (GB 2312's second
 * level and the other symbols), which fontconfig ranks next. A character
 * outside both comes from the installed font, as before (fontconfig's
 * next choice for the same family).
 *
 * The subsets are made once and kept in the user's cache folder
 * ($XDG_CACHE_HOME or ~/.cache, then noticeboard/fonts), named by the
 * digest of what they are made from: the font files, the set of
 * characters and the subsetter's version. When that folder cannot be
 * written, in a private temporary folder removed at exit. With
 * NOTICEBOARD_FONT_SUBSET=off in the environment, the installed font is
 * drawn from (the tests compare the two). */
#ifndef NB_RENDER_SUBSET_H
#define NB_RENDER_SUBSET_H

#include <stdbool.h>

#include "util/util.h"

/* Makes (or finds) the subsets and adds them to fontconfig's current
 * configuration, preferred to the installed faces of the same family.
 * Once per process; call it before any thread makes a pango font map
 * (maps made before keep the installed font). false, with a message, when
 * the subsets cannot be made or fontconfig does not prefer them: text is
 * then drawn from the installed font, as without this. */
bool subset_use(struct buf *err);

/* The same, only when the subsets are already in the cache folder (made
 * by a build): for one chart, which they save some 30 ms of CPU time in
 * a PDF, but which would not repay the half second of making them. The
 * first call of either, in a process, decides. */
bool subset_use_made(struct buf *err);

/* Whether subset_use succeeded, and into h what the output depends on:
 * the subsets' digest, or that none is in use. */
bool subset_in_use(void);
void subset_key(struct hasher *h);

/* Whether path is one of the subsets in use (fontconfig lists them with
 * the installed faces: what wants the installed font skips them). */
bool subset_is_file(const char *path);

/* The subsets in use, *n of them (four: each weight's common and rare
 * characters; an entry NULL when none is): what a lookup of the
 * installed faces skips (installed.h). */
const char *const *subset_files(int *n);

/* The set of characters the subsets hold, for tests: true when c is one. */
bool subset_has(uint32_t c);

#endif
