/* textpos.h: line and column of a byte offset, and back, for diagnostics
 * that name line:column in code points. */
#ifndef NB_UTIL_TEXTPOS_H
#define NB_UTIL_TEXTPOS_H

#include <stddef.h>

/* Line and column (1-based, column in code points) of byte offset off. */
void text_position(const char *s, size_t off, int *line, int *col);

/* The same for many offsets in increasing order, in one pass over the text:
 * start with {text} and call text_cursor_to for each offset. */
struct text_cursor {
	const char *text;
	size_t off;
	int line;
	int col;
};

void text_cursor_to(struct text_cursor *c, size_t off);
/* The byte offset of a 1-based line and a column counted in code points
 * (clamped to the line's end). */
size_t text_offset_of(const char *s, size_t len, int line, int col);
/* A column counted in bytes of the given line, counted in code points. */
int text_byte_col_to_chars(const char *s, size_t len, int line, int byte_col);

#endif
