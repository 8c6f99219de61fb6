/* attach.h: the files a record links to (minutes, plans as PDF): checked
 * to be what they say, and their size written in the link's text. */
#ifndef NB_MEDIA_ATTACH_H
#define NB_MEDIA_ATTACH_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define MEDIA_MAX_ATTACHMENT (100u << 20)

/* The file is a PDF (it begins "%PDF-"): 0, or -1 with a message in err. */
int media_attachment_check(const void *data, size_t len, struct buf *err);
/* A size as people read it: "812 B", "35 KB", "1.2 MB" (units of 1,000,
 * as phones count them; one decimal under 10). */
void media_size_text(uint64_t bytes, struct buf *out);
/* The link's text: the words of the link, then the kind and the size,
 * "会议记录（PDF，1.2 MB）" in Chinese, "Minutes (PDF, 1.2 MB)" in English. */
void media_attachment_label(const char *words, const char *kind,
    uint64_t bytes, struct buf *out);
/* A file's name in the output: 32 hex digits of its content's XXH3, a dot
 * and ext, so that a changed file is a new name to every cache. */
void media_content_name(const void *data, size_t len, const char *ext,
    struct buf *out);

#endif
