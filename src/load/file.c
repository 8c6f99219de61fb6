/* file.c: a content file read as text, for every loader (the walk, the
 * catalog, records): size limits, UTF-8 without NUL bytes, a BOM dropped,
 * and each problem reported at its line and column. */
#include "load/load.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"

/* The encoding a byte-order mark or the first bytes give away, when the
 * file is not UTF-8: Notepad's "Unicode" is UTF-16 with a BOM, and without
 * one an ASCII first character shows as a NUL beside it. NULL otherwise. */
static const char *
wide_encoding(const unsigned char *t, size_t len)
{
	if (len >= 4 && memcmp(t, "\xFF\xFE\0\0", 4) == 0)
		return "UTF-32LE";
	if (len >= 4 && memcmp(t, "\0\0\xFE\xFF", 4) == 0)
		return "UTF-32BE";
	if (len >= 2 && t[0] == 0xFF && t[1] == 0xFE)
		return "UTF-16LE";
	if (len >= 2 && t[0] == 0xFE && t[1] == 0xFF)
		return "UTF-16BE";
	if (len >= 4 && t[0] != 0 && t[0] < 0x80 && t[1] == 0 && t[2] != 0 &&
	    t[2] < 0x80 && t[3] == 0)
		return "UTF-16LE";
	if (len >= 4 && t[0] == 0 && t[1] != 0 && t[1] < 0x80 && t[2] == 0 &&
	    t[3] != 0 && t[3] < 0x80)
		return "UTF-16BE";
	return NULL;
}

/* Whether a byte of w is below n (n at most 0x80), or is b: exact answers
 * of the classic bit tricks, as a whole word. */
#define BYTES_OF(x) (~(uint64_t)0 / 255 * (x))
static inline bool
has_below(uint64_t w, unsigned n)
{
	return ((w - BYTES_OF(n)) & ~w & BYTES_OF(0x80)) != 0;
}

static inline bool
has_byte(uint64_t w, unsigned b)
{
	uint64_t x = w ^ BYTES_OF(b);
	return ((x - BYTES_OF(1)) & ~x & BYTES_OF(0x80)) != 0;
}

/* Raw control characters (but tab, line feed and carriage return), C0, DEL
 * and C1, are refused in every content file, a title or a body alike: they
 * would pass into the pages and the posters. At most a few are named. */
static bool
check_controls(const char *rel, const char *text, size_t len)
{
	const unsigned char *u = (const unsigned char *)text;
	int named = 0;
	size_t more = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned cp;
		/* eight bytes at a time while none is below 0x20 (line
		 * breaks are), DEL or 0xC2 (the lead byte of C1) */
		while (len - i >= 8) {
			uint64_t w;
			memcpy(&w, u + i, 8);
			if (has_below(w, 0x20) || has_byte(w, 0x7F) ||
			    has_byte(w, 0xC2))
				break;
			i += 8;
		}
		if (i == len)
			break;
		if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r')
			cp = u[i];
		else if (u[i] == 0x7F)
			cp = 0x7F;
		else if (u[i] == 0xC2 && i + 1 < len && u[i + 1] >= 0x80 &&
		    u[i + 1] <= 0x9F)
			cp = u[i + 1];
		else
			continue;
		if (named == 10) {
			more++;
			continue;
		}
		struct pos pos = {rel, 1, 1};
		text_position(text, i, &pos.line, &pos.col);
		diag_error(&pos, "a control character (U+%04X) is not text: remove "
		    "it (only tabs and line breaks may be in a content file)", cp);
		named++;
	}
	if (more > 0) {
		struct pos pos = {rel, 1, 1};
		diag_error(&pos, "%zu more control characters in this file", more);
	}
	return named == 0;
}

bool
load_text_check(const char *rel, char *text, size_t *len)
{
	struct pos pos = {rel, 1, 1};
	size_t bad;
	const char *nul;
	const char *wide = wide_encoding((const unsigned char *)text, *len);

	if (wide != NULL && strncmp(wide, "UTF-16", 6) == 0) {
		diag_error(&pos, "the file is saved as %s (Notepad's \"Unicode\"), "
		    "not UTF-8: open it and save it as UTF-8", wide);
		return false;
	}
	if (wide != NULL) {
		diag_error(&pos, "the file is saved as %s, not UTF-8: open it and "
		    "save it as UTF-8", wide);
		return false;
	}
	if (*len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		memmove(text, text + 3, *len - 3 + 1);
		*len -= 3;
	}
	nul = memchr(text, '\0', *len);
	if (nul != NULL) {
		text_position(text, (size_t)(nul - text), &pos.line, &pos.col);
		diag_error(&pos, "the file contains a NUL byte: it is not a text "
		    "file");
		return false;
	}
	bad = utf8_check(text, *len);
	if (bad != (size_t)-1) {
		text_position(text, bad, &pos.line, &pos.col);
		diag_error(&pos, "the text is not valid UTF-8 (byte 0x%02X): save "
		    "the file as UTF-8", (unsigned char)text[bad]);
		return false;
	}
	return check_controls(rel, text, *len);
}

bool
load_text_file(struct load_ctx *ctx, const char *abs, const char *rel,
    size_t limit, char **text, size_t *len)
{
	struct pos pos = {rel, 1, 1};

	if (file_read(abs, limit, text, len) != 0) {
		if (errno == EFBIG) {
			diag_error(&pos, "the file is larger than %zu MiB and is "
			    "refused: no one writes %s this large by hand",
			    limit >> 20, limit == RECORD_FILE_LIMIT ? "a record" :
			    "a settings file");
		} else if (errno == EINVAL || errno == EISDIR) {
			diag_error(&pos, "not a regular file: content files must be "
			    "plain text files");
		} else {
			diag_error(&pos, "cannot read the file: %s", strerror(errno));
			ctx->io_failed = true;
		}
		return false;
	}
	if (!load_text_check(rel, *text, len)) {
		free(*text);
		*text = NULL;
		*len = 0;
		return false;
	}
	return true;
}
