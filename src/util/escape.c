/* escape.c: HTML and XML escaping, a table lookup per byte and runs of
 * plain text copied whole. */
#include "util/escape.h"

#include <string.h>
#include <strings.h>

/* 1: replaced by an entity; 2: left out. */
static const unsigned char markup_special[256] = {
	[0] = 2, [1] = 2, [2] = 2, [3] = 2, [4] = 2, [5] = 2, [6] = 2, [7] = 2,
	[8] = 2, [11] = 2, [12] = 2, [14] = 2, [15] = 2, [16] = 2, [17] = 2,
	[18] = 2, [19] = 2, [20] = 2, [21] = 2, [22] = 2, [23] = 2, [24] = 2,
	[25] = 2, [26] = 2, [27] = 2, [28] = 2, [29] = 2, [30] = 2, [31] = 2,
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
};

void
buf_put_escaped(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *run = p;

	buf_grow(b, len);
	for (;;) {
		while (p < end && markup_special[*p] == 0)
			p++;
		buf_put(b, run, (size_t)(p - run));
		if (p == end)
			return;
		switch (*p) {
		case '&': buf_put(b, "&amp;", 5); break;
		case '<': buf_put(b, "&lt;", 4); break;
		case '>': buf_put(b, "&gt;", 4); break;
		case '"': buf_put(b, "&quot;", 6); break;
		case '\'': buf_put(b, "&#39;", 5); break;
		default: break;       /* a control character, left out */
		}
		run = ++p;
	}
}

void
buf_puts_escaped(struct buf *b, const char *s)
{
	if (s != NULL)
		buf_put_escaped(b, s, strlen(s));
}

bool
url_unsafe(const char *url)
{
	static const char *const bad[] = {"javascript:", "vbscript:", "file:",
		"data:"};
	static const char *const images[] = {"data:image/png", "data:image/gif",
		"data:image/jpeg", "data:image/webp"};

	for (size_t i = 0; i < NB_COUNT(bad); i++) {
		if (strncasecmp(url, bad[i], strlen(bad[i])) != 0)
			continue;
		if (i < 3)
			return true;
		for (size_t k = 0; k < NB_COUNT(images); k++)
			if (strncasecmp(url, images[k], strlen(images[k])) == 0)
				return false;
		return true;
	}
	return false;
}
