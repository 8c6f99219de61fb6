/* diag.h: every diagnostic of a run, as `path:line:column: error: message`.
 * Loaders and checks report and go on; main prints them all, sorted, at the end. */
#ifndef NB_UTIL_DIAG_H
#define NB_UTIL_DIAG_H

#include <stdarg.h>
#include <stdio.h>

#include "util/mem.h"

/* Where something was written: path relative to the content folder, 1-based
 * line and column (column counted in characters). line 0 means unknown. */
struct pos {
	const char *path;
	int line;
	int col;
};

enum diag_level {
	DIAG_ERROR,
	DIAG_WARNING
};

struct diag {
	enum diag_level level;
	char *path;
	int line;
	int col;
	char *message;
	unsigned long seq;
	const void *owner;         /* diag_set_owner when it was reported */
};

/* Thread-safe: the build may load and check villages in parallel. */
void diag_error(const struct pos *pos, const char *fmt, ...) NB_PRINTF(2, 3);
void diag_warning(const struct pos *pos, const char *fmt, ...) NB_PRINTF(2, 3);
/* An error not reported already with the same place and words: several
 * posters may find the same content too long. For the few such errors
 * only: it looks through every diagnostic kept. */
void diag_error_once(const struct pos *pos, const char *fmt, ...)
    NB_PRINTF(2, 3);
void diag_report(enum diag_level level, const struct pos *pos,
    const char *fmt, ...) NB_PRINTF(3, 4);
void diag_vreport(enum diag_level level, const struct pos *pos,
    const char *fmt, va_list ap);

/* From now on, and for what it reported already, the errors of the file at
 * path (relative to the content folder) are warnings, said to be a draft's:
 * a record with draft: true is checked but never fails a build. */
void diag_demote_path(const char *path);

/* Keeps only the diagnostics of these files (relative to the content
 * folder; a folder stands for every file below it), for `check PATH...`;
 * the others are neither kept nor counted. n == 0 keeps all again. */
void diag_only_paths(const char *const *paths, size_t n);
/* The errors of the files diag_only_paths left out. */
size_t diag_count_elsewhere(void);

size_t diag_count(enum diag_level level);
/* The diagnostics so far, sorted by path, line, column and order of report. */
const struct diag *diag_sorted(size_t *n);
/* Prints them all to out (sorted), without the summary. */
void diag_print(FILE *out);
/* What this thread reports from now on belongs to owner (NULL: to no
 * one): the preview's loader keeps a village's diagnostics, by its owner,
 * for as long as the village's files do not change. */
void diag_set_owner(const void *owner);
/* A copy of the diagnostics so far (unsorted), to free with
 * diag_free_copies. */
struct diag *diag_copy_all(size_t *n);
void diag_free_copies(struct diag *d, size_t n);
/* Reports a copied diagnostic again as it was: level, place, message (in
 * the language it was made in) and owner. */
void diag_readd(const struct diag *d);
/* Prints the errors only: those a build found after its checks had
 * passed and their warnings were printed. */
void diag_print_errors(FILE *out);
/* Forgets every diagnostic (tests, and before a new build). */
void diag_reset(void);

/* A failure of the system rather than of the content (I/O, fonts): printed at
 * once as "noticeboard: error: ...". */
void diag_system(const char *fmt, ...) NB_PRINTF(1, 2);

#endif
