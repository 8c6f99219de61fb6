/* wordbreak.h: where Chinese text may break between lines by its words, from
 * ICU's dictionary word boundaries (pango alone breaks Chinese between any
 * two characters, so 审核 could end one line with 审 and start the next
 * with 核). Shared by the posters' table cells and the flowcharts' labels. */
#ifndef NB_UTIL_WORDBREAK_H
#define NB_UTIL_WORDBREAK_H

#include <stdbool.h>
#include <stddef.h>

/* A word that must not be broken: bytes [start, end) of the text. */
struct wb_word {
	size_t start, end;
};

/* The words of text[0..len) that hold a Chinese character and two to
 * WB_MAX_CHARS characters, in order, into *out (malloc'd, freed by the
 * caller, NULL when there are none): the ranges a line must not break
 * inside. A longer run (no dictionary word) may break anywhere, as may
 * Latin words, which pango already keeps whole where it can. Returns the
 * number of words; 0 also when ICU cannot be used (pango's own breaks
 * then stand). Thread-safe: each thread has its own break iterator. */
#define WB_MAX_CHARS 6
size_t wordbreak_words(const char *text, size_t len, struct wb_word **out);

/* Whether the character at s starts a line badly or ends one well: the
 * punctuation after which a label breaks best (，、；：。！？）and their
 * ASCII forms). Returns the mark's length in bytes, or 0. */
size_t wordbreak_punct(const char *s, size_t len);

#endif
