/* files.c: the images and attachments a record names by a relative path
 * must be files inside the content folder: no absolute path, no ".." out of
 * it, no symbolic link that leads out of it (the site would publish what
 * the link points to). */
#include "check/files.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/file.h"
#include "media/image.h"
#include "model/model.h"

/* A scheme (RFC 3986: a letter, then letters, digits, + - .) and a colon,
 * before any / ? or #. */
static bool
has_scheme(const char *url)
{
	const char *p = url;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	for (p++; *p != '\0' && *p != ':'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
		    *p == '.'))
			return false;
	return *p == ':';
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The path of url: up to its query or fragment, %XX decoded (a % not
 * followed by two hex digits is itself, as the site's links write it).
 * false when it decodes to a NUL. */
static bool
url_path(const char *url, struct buf *out)
{
	for (const char *p = url; *p != '\0' && *p != '?' && *p != '#'; p++) {
		int hi, lo;
		if (*p == '%' && (hi = hex_value(p[1])) >= 0 &&
		    (lo = hex_value(p[2])) >= 0) {
			if (hi == 0 && lo == 0)
				return false;
			buf_putc(out, (char)(hi * 16 + lo));
			p += 2;
		} else {
			buf_putc(out, *p);
		}
	}
	if (out->data == NULL)
		buf_puts(out, "");
	return true;
}

/* Appends the segments of path to the folders in stack (a path relative to
 * the content folder, "" at its top): false when ".." climbs above it. */
static bool
walk(struct buf *stack, const char *path)
{
	const char *p = path;

	while (*p != '\0') {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (stack->len == 0)
				return false;
			char *slash = strrchr(stack->data, '/');
			stack->len = slash ? (size_t)(slash - stack->data) : 0;
			stack->data[stack->len] = '\0';
		} else if (n > 0 && !(n == 1 && p[0] == '.')) {
			if (stack->len > 0)
				buf_putc(stack, '/');
			buf_put(stack, p, n);
		}
		p += n;
		while (*p == '/')
			p++;
	}
	return true;
}

enum local_link
local_link_resolve(const char *content_root, const char *record_path,
    const char *url, char **rel)
{
	struct buf path = {0}, where = {0};
	char *full = NULL, *real = NULL, *real_root = NULL;
	enum local_link result;
	struct stat st;

	if (rel != NULL)
		*rel = NULL;
	if (url == NULL || *url == '\0' || *url == '#' || *url == '?' ||
	    (url[0] == '/' && url[1] == '/') || has_scheme(url))
		return LOCAL_NOT_A_PATH;
	if (!url_path(url, &path)) {
		result = LOCAL_MISSING;
		goto out;
	}
	if (path.len == 0) {
		result = LOCAL_NOT_A_PATH;
		goto out;
	}
	if (path.data[0] == '/') {
		result = LOCAL_ABSOLUTE;
		goto out;
	}
	/* the record's folder, then the link's path */
	buf_puts(&where, "");
	const char *slash = strrchr(record_path, '/');
	if (slash != NULL)
		buf_put(&where, record_path, (size_t)(slash - record_path));
	if (!walk(&where, path.data)) {
		result = LOCAL_OUTSIDE;
		goto out;
	}
	if (where.len == 0) {
		result = LOCAL_NOT_FILE;
		goto out;
	}
	full = path_join(content_root, where.data);
	real = realpath(full, NULL);
	if (real == NULL) {
		result = errno == ENOENT || errno == ENOTDIR || errno == ELOOP ?
		    LOCAL_MISSING : LOCAL_NOT_FILE;
		goto out;
	}
	real_root = realpath(content_root, NULL);
	size_t n = real_root ? strlen(real_root) : 0;
	if (real_root == NULL || strncmp(real, real_root, n) != 0 ||
	    (real[n] != '/' && !(n == 1 && real_root[0] == '/'))) {
		result = LOCAL_LINK_OUTSIDE;
		goto out;
	}
	if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		result = LOCAL_NOT_FILE;
		goto out;
	}
	result = LOCAL_OK;
	if (rel != NULL)
		*rel = buf_detach(&where);
out:
	free(real_root);
	free(real);
	free(full);
	buf_free(&where);
	buf_free(&path);
	return result;
}

size_t
check_local_files(const char *content_root, const char *record_path,
    const struct md_link *links, size_t n)
{
	size_t errors = 0;

	for (size_t i = 0; i < n; i++) {
		const struct md_link *l = &links[i];
		struct pos pos = {record_path, l->line, l->col};
		enum local_link r = local_link_resolve(content_root,
		    record_path, l->url, NULL);
		switch (r) {
		case LOCAL_NOT_A_PATH:
		case LOCAL_OK:
			continue;
		case LOCAL_ABSOLUTE:
			diag_error(&pos, "'%.80s' is an absolute path: write the "
			    "file's path relative to this record", l->url);
			break;
		case LOCAL_OUTSIDE:
			diag_error(&pos, "'%.80s' leads out of the content "
			    "folder: the file must be inside it", l->url);
			break;
		case LOCAL_LINK_OUTSIDE:
			diag_error(&pos, "'%.80s' is a symbolic link to a file "
			    "outside the content folder", l->url);
			break;
		case LOCAL_MISSING:
			diag_error(&pos, "'%.80s': no such file (a path is read "
			    "from the record's folder)", l->url);
			break;
		case LOCAL_NOT_FILE:
			diag_error(&pos, "'%.80s' is a folder, not a file",
			    l->url);
			break;
		}
		errors++;
	}
	return errors;
}

void
check_photo_print(const struct pos *pos, const char *url, int width,
    int height, const struct poster_settings *poster)
{
	double w_mm, h_mm, dpi;

	if (poster->width_mm <= 0)
		return;
	media_print_frame(width, height, poster->width_mm - 2 * POSTER_SAFE_MM,
	    &w_mm, &h_mm);
	dpi = media_print_dpi(width, height, w_mm, h_mm);
	/* (a photo sized to print at 150 dpi may compute a hair under) */
	if (dpi <= 0 || dpi + 0.5 >= MEDIA_MIN_PRINT_DPI)
		return;
	/* the pixels that print the frame at 150 dpi */
	int need_w = (int)ceil(w_mm / 25.4 * MEDIA_MIN_PRINT_DPI - 0.01);
	int need_h = (int)ceil(h_mm / 25.4 * MEDIA_MIN_PRINT_DPI - 0.01);
	diag_warning(pos, "the photo '%.80s' is %dx%d pixels: on the posters it "
	    "prints %.0fx%.0f mm at %.0f dpi, under 150 dpi, and looks blurred; "
	    "use the original photo (at least %dx%d pixels), not a copy from a "
	    "chat or a screenshot", url, width, height, w_mm, h_mm, dpi, need_w,
	    need_h);
}
