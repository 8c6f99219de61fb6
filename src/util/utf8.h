/* utf8.h: UTF-8 validation and decoding, and which code points are CJK. */
#ifndef NB_UTIL_UTF8_H
#define NB_UTIL_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* UTF-8. utf8_check returns the byte offset of the first invalid sequence,
 * or (size_t)-1 when the text is valid. */
size_t utf8_check(const char *s, size_t len);
/* Decodes one code point of valid UTF-8 at s, returns its length in bytes. */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* The code points of valid UTF-8 s[0..n): its bytes but continuation ones. */
size_t utf8_chars(const char *s, size_t n);
/* A CJK ideograph, kana, bopomofo, CJK punctuation or full-width form. */
bool is_cjk(uint32_t cp);

#endif
