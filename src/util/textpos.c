/* textpos.c: byte offsets to lines and columns (in code points) and back. */
#include "util/textpos.h"

#include <string.h>

void
text_position(const char *s, size_t off, int *line, int *col)
{
	int l = 1, c = 1;

	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

void
text_cursor_to(struct text_cursor *c, size_t off)
{
	if (c->line == 0 || off < c->off) {
		c->off = 0;
		c->line = 1;
		c->col = 1;
	}
	for (; c->off < off; c->off++) {
		unsigned char ch = (unsigned char)c->text[c->off];
		if (ch == '\n') {
			c->line++;
			c->col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c->col++;
		}
	}
}

size_t
text_offset_of(const char *s, size_t len, int line, int col)
{
	size_t i = 0;

	for (int l = 1; l < line && i < len; i++)
		if (s[i] == '\n')
			l++;
	for (int c = 1; c < col && i < len && s[i] != '\n'; c++) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

int
text_byte_col_to_chars(const char *s, size_t len, int line, int byte_col)
{
	size_t start = text_offset_of(s, len, line, 1);
	int chars = 1;

	for (size_t i = start; i < len && i < start + (size_t)byte_col - 1 &&
	    s[i] != '\n'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
	return chars;
}
