/* escape.h: text made safe for HTML and XML. */
#ifndef NB_UTIL_ESCAPE_H
#define NB_UTIL_ESCAPE_H

#include "util/buf.h"

/* Text for HTML and XML, in content, attributes and feeds alike:
 * & < > " ' as &amp; &lt; &gt; &quot; &#39;, and the C0 control characters
 * but tab, newline and carriage return left out (XML 1.0 forbids them, HTML
 * calls them errors). buf_puts_escaped takes a string, or NULL for none. */
void buf_put_escaped(struct buf *b, const char *s, size_t len);
void buf_puts_escaped(struct buf *b, const char *s);

/* Whether cmark, rendering without CMARK_OPT_UNSAFE, empties this link or
 * image address: javascript:, vbscript:, file:, and data: but for PNG,
 * GIF, JPEG and WebP images (any case). The loader warns of these, the
 * site turns such links into their text. */
bool url_unsafe(const char *url);

#endif
