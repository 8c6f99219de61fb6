/* file.c: a content file read as text, for every loader (the walk, the
 * catalog, records): size limits, UTF-8 without NUL bytes, a BOM dropped,
 * and each problem reported at its line and column. */
#include "load/load.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"

bool
load_text_check(const char *rel, char *text, size_t *len)
{
	struct pos pos = {rel, 1, 1};
	size_t bad;
	const char *nul;

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
	return true;
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
