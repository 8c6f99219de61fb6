/* utf8.c: UTF-8 checked by hand, the way cmark does: a table-free decoder
 * that rejects overlong forms, surrogates and code points past U+10FFFF. */
#include "util/utf8.h"

#include <string.h>

/* ---- UTF-8 ---- */

int
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len == 0) {
		*cp = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xE0) == 0xC0 && len >= 2) {
		*cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		return 2;
	}
	if ((u[0] & 0xF0) == 0xE0 && len >= 3) {
		*cp = ((uint32_t)(u[0] & 0x0F) << 12) |
		    ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
		return 3;
	}
	if ((u[0] & 0xF8) == 0xF0 && len >= 4) {
		*cp = ((uint32_t)(u[0] & 0x07) << 18) |
		    ((uint32_t)(u[1] & 0x3F) << 12) |
		    ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

size_t
utf8_check(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = u[i];
		size_t n;
		uint32_t cp, min;

		if (c < 0x80) {
			/* runs of ASCII (keys, indentation, numbers) eight
			 * bytes at a time */
			for (i++; len - i >= 8; i += 8) {
				uint64_t w;
				memcpy(&w, u + i, 8);
				if (w & 0x8080808080808080u)
					break;
			}
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 2; cp = c & 0x1F; min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 3; cp = c & 0x0F; min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 4; cp = c & 0x07; min = 0x10000;
		} else {
			return i;
		}
		if (len - i < n)
			return i;
		for (size_t k = 1; k < n; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (u[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n;
	}
	return (size_t)-1;
}

bool
is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF) ||   /* radicals */
	    (cp >= 0x3000 && cp <= 0x303F) ||       /* CJK punctuation */
	    (cp >= 0x3040 && cp <= 0x30FF) ||       /* kana */
	    (cp >= 0x3100 && cp <= 0x31BF) ||       /* bopomofo */
	    (cp >= 0x3400 && cp <= 0x4DBF) ||       /* extension A */
	    (cp >= 0x4E00 && cp <= 0x9FFF) ||       /* unified ideographs */
	    (cp >= 0xF900 && cp <= 0xFAFF) ||       /* compatibility */
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||       /* compatibility forms */
	    (cp >= 0xFF00 && cp <= 0xFFEF) ||       /* full-width forms */
	    (cp >= 0x20000 && cp <= 0x3FFFF);       /* extensions B.. */
}

size_t
utf8_chars(const char *s, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}
