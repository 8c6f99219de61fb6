/* fixture.h: a content tree for tests, copied from tests/invalid/_base, in
 * which one file is written, the tree loaded and the diagnostics collected
 * as text ("path:line:col: error: message" lines). */
#ifndef NB_FIXTURE_H
#define NB_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/diag.h"
#include "load/load.h"
#include "util/util.h"

static char fixture_root[256];

static void
fixture_cleanup(void)
{
	if (fixture_root[0] != '\0')
		remove_tree(fixture_root);
}

static void
fixture_init(void)
{
	char cmd[600];
	const char *src = getenv("NB_ROOT");

	snprintf(fixture_root, sizeof fixture_root, "/tmp/nbtest.XXXXXX");
	if (mkdtemp(fixture_root) == NULL) {
		perror("mkdtemp");
		exit(3);
	}
	snprintf(cmd, sizeof cmd, "cp -R '%s/tests/invalid/_base/.' '%s/'",
	    src ? src : ".", fixture_root);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot copy the base tree\n");
		exit(3);
	}
	atexit(fixture_cleanup);
}

/* Writes text at rel (NULL text removes the file). */
static void
fixture_put(const char *rel, const char *text)
{
	char *path = path_join(fixture_root, rel);
	char *dir = xstrdup(path);

	*strrchr(dir, '/') = '\0';
	mkdir_p(dir, 0755);
	if (text == NULL)
		unlink(path);
	else if (file_write_atomic(path, text, strlen(text)) != 0)
		perror(path);
	free(dir);
	free(path);
}

/* Loads the tree at the given build date; returns the diagnostics (caller
 * frees) and leaves the county loaded in *out when out is not NULL. */
static char *
fixture_check_keep(const char *date, struct county *out)
{
	struct county county;
	int32_t today;
	struct buf b = {0};
	size_t n;

	date_parse(date, &today);
	diag_reset();
	county_load(&county, fixture_root, today);
	const struct diag *d = diag_sorted(&n);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s:%d:%d: %s: %s\n", d[i].path, d[i].line,
		    d[i].col, d[i].level == DIAG_ERROR ? "error" : "warning",
		    d[i].message);
	diag_reset();
	if (out != NULL)
		*out = county;
	else
		county_free(&county);
	return buf_detach(&b);
}

static inline char *
fixture_check(void)
{
	return fixture_check_keep("2026-11-27", NULL);
}

/* Whether the diagnostics contain a line with all the given pieces. */
static inline int
has_line(const char *diags, const char *a, const char *b)
{
	const char *line = diags;

	while (*line != '\0') {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *copy = xstrndup(line, len);
		int ok = strstr(copy, a) != NULL && (b == NULL || strstr(copy, b));
		free(copy);
		if (ok)
			return 1;
		line += len + (end ? 1 : 0);
	}
	return 0;
}

#endif
