/* wordbreak.c: Chinese words by ICU's dictionary break iterator (the
 * "zh" word rules: a dictionary of CJK words, longest match), turned into
 * byte ranges of the UTF-8 text a line must not break inside. */
#include "util/wordbreak.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "util/util.h"
#include "util/utf8.h"

/* One break iterator per thread: opening one loads the dictionary's
 * rules (some milliseconds), and an iterator is not to be shared. */
static pthread_key_t iter_key;
static pthread_once_t iter_once = PTHREAD_ONCE_INIT;

static void
iter_close(void *bi)
{
	ubrk_close(bi);
}

static void
iter_key_make(void)
{
	(void)pthread_key_create(&iter_key, iter_close);
}

static UBreakIterator *
iter_get(void)
{
	UBreakIterator *bi;
	UErrorCode st = U_ZERO_ERROR;

	(void)pthread_once(&iter_once, iter_key_make);
	bi = pthread_getspecific(iter_key);
	if (bi != NULL)
		return bi;
	bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &st);
	if (U_FAILURE(st))
		return NULL;
	(void)pthread_setspecific(iter_key, bi);
	return bi;
}

static bool
is_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
}

size_t
wordbreak_words(const char *text, size_t len, struct wb_word **out)
{
	UBreakIterator *bi = iter_get();
	UErrorCode st = U_ZERO_ERROR;
	UChar *u16 = NULL;
	size_t *byte_of = NULL;     /* UTF-16 index -> byte offset */
	int32_t n16 = 0;
	size_t n = 0, cap = 0;

	*out = NULL;
	if (bi == NULL || text == NULL || len == 0 || len > INT32_MAX / 2 ||
	    utf8_check(text, len) != (size_t)-1)
		return 0;
	u16 = xmalloc((len + 1) * sizeof *u16);
	byte_of = xmalloc((len + 2) * sizeof *byte_of);
	/* our own UTF-8 to UTF-16, keeping each unit's byte offset */
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int k = utf8_decode(text + i, len - i, &cp);
		if (k <= 0)
			goto out;
		if (cp > 0xffff) {
			byte_of[n16] = i;
			u16[n16++] = (UChar)U16_LEAD(cp);
			byte_of[n16] = i;
			u16[n16++] = (UChar)U16_TRAIL(cp);
		} else {
			byte_of[n16] = i;
			u16[n16++] = (UChar)cp;
		}
		i += (size_t)k;
	}
	byte_of[n16] = len;
	ubrk_setText(bi, u16, n16, &st);
	if (U_FAILURE(st))
		goto out;
	for (int32_t a = ubrk_first(bi), b = ubrk_next(bi); b != UBRK_DONE;
	    a = b, b = ubrk_next(bi)) {
		size_t start = byte_of[a], end = byte_of[b];
		size_t chars = utf8_chars(text + start, end - start);
		bool han = false;
		if (chars < 2 || chars > WB_MAX_CHARS)
			continue;
		for (size_t i = start; i < end && !han;) {
			uint32_t cp;
			int k = utf8_decode(text + i, end - i, &cp);
			if (k <= 0)
				break;
			han = is_han(cp);
			i += (size_t)k;
		}
		if (!han)
			continue;
		if (n == cap)
			*out = xrealloc(*out, (cap = cap ? 2 * cap : 16) *
			    sizeof **out);
		(*out)[n++] = (struct wb_word){start, end};
	}
	/* a text of its own for the next caller: ICU keeps the pointer */
	ubrk_setText(bi, NULL, 0, &st);
out:
	free(u16);
	free(byte_of);
	if (n == 0) {
		free(*out);
		*out = NULL;
	}
	return n;
}

size_t
wordbreak_punct(const char *s, size_t len)
{
	static const char *const marks[] = {
		"、", "，", "；", "：", "。", "！", "？", "）", ",", ";", ":",
	};

	for (size_t i = 0; i < NB_COUNT(marks); i++) {
		size_t k = strlen(marks[i]);
		if (k <= len && memcmp(s, marks[i], k) == 0)
			return k;
	}
	return 0;
}
