/* files.h: the rule of content format section 2 on images and attachments:
 * a link or image that is a path names a file inside the content folder,
 * relative to the record's folder. */
#ifndef NB_CHECK_FILES_H
#define NB_CHECK_FILES_H

#include <stddef.h>

#include "load/mdlinks.h"

enum local_link {
	LOCAL_NOT_A_PATH,          /* a web address, mail, a fragment: no file */
	LOCAL_OK,                  /* a file inside the content folder */
	LOCAL_ABSOLUTE,            /* /etc/passwd */
	LOCAL_OUTSIDE,             /* .. above the content folder */
	LOCAL_LINK_OUTSIDE,        /* a symbolic link that leads out of it */
	LOCAL_MISSING,
	LOCAL_NOT_FILE             /* a folder, a device */
};

/* What url, written in the record at record_path (relative to the content
 * folder content_root), names. Addresses with a scheme (http:, mailto:,
 * javascript: ...: record.c warns of the unsafe ones), "//host" and a lone
 * "#fragment" or "?query" are no path. The path is %XX-decoded, its query
 * and fragment dropped. With LOCAL_OK and rel not NULL, *rel is the file's
 * path relative to the content folder, in a new heap string. */
enum local_link local_link_resolve(const char *content_root,
    const char *record_path, const char *url, char **rel);

/* Reports, at the link's line:column, every link of a record that is a
 * path and names no file inside the content folder; returns how many. */
size_t check_local_files(const char *content_root, const char *record_path,
    const struct md_link *links, size_t n);

struct pos;
struct poster_settings;

/* Warns, at the image's place, when a photo of width x height pixels prints
 * under 150 dpi on the posters (media_print_frame): it would look blurred,
 * and the clerk is told the pixels a sharp print needs. */
void check_photo_print(const struct pos *pos, const char *url, int width,
    int height, const struct poster_settings *poster);

#endif
