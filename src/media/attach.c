/* attach.c: the attachments of records: a PDF checked to be one, its size
 * written for the link, its name in the output made from its content. */
#include "media/attach.h"

#include <string.h>

#include "util/hash.h"
#include "util/i18n.h"

int
media_attachment_check(const void *data, size_t len, struct buf *err)
{
	if (len == 0) {
		buf_puts(err, _("the file is empty"));
		return -1;
	}
	if (len > MEDIA_MAX_ATTACHMENT) {
		buf_printf(err, _("the attachment is larger than %u MB"),
		    MEDIA_MAX_ATTACHMENT >> 20);
		return -1;
	}
	if (len < 5 || memcmp(data, "%PDF-", 5) != 0) {
		buf_puts(err, _("not a PDF: the file does not begin as a PDF "
		    "does (%PDF-)"));
		return -1;
	}
	return 0;
}

void
media_size_text(uint64_t bytes, struct buf *out)
{
	static const char *const units[] = {"KB", "MB", "GB"};
	uint64_t scale = 1000;

	if (bytes < 1000) {
		buf_printf(out, "%u B", (unsigned)bytes);
		return;
	}
	for (size_t u = 0; u < NB_COUNT(units); u++, scale *= 1000) {
		/* tenths, rounded: 1,250,000 is 1.3 MB (to 1.25 before) */
		uint64_t tenths = (bytes * 10 + scale / 2) / scale;
		if (tenths < 100) {
			buf_printf(out, "%u.%u %s", (unsigned)(tenths / 10),
			    (unsigned)(tenths % 10), units[u]);
			return;
		}
		uint64_t whole = (bytes + scale / 2) / scale;
		if (whole < 1000 || u == NB_COUNT(units) - 1) {
			buf_printf(out, "%llu %s", (unsigned long long)whole,
			    units[u]);
			return;
		}
	}
}

void
media_attachment_label(const char *words, const char *kind, uint64_t bytes,
    struct buf *out)
{
	struct buf size = {0};

	media_size_text(bytes, &size);
	/* TRANSLATORS: a link to a file: its words, the file's kind (PDF)
	 * and size (1.2 MB); Chinese uses full-width brackets and comma */
	buf_printf(out, _("%s (%s, %s)"), words, kind, size.data);
	buf_free(&size);
}

void
media_content_name(const void *data, size_t len, const char *ext,
    struct buf *out)
{
	char hex[33];

	digest_hex(digest_of(data, len), hex);
	buf_printf(out, "%s.%s", hex, ext);
}
