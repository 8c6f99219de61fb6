/* diag.c: the one place diagnostics are collected, ordered and printed.
 * A run reports every problem in every file, so nothing is printed early. */
#include "util/diag.h"
#include "util/i18n.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

/* A hostile file can produce millions of errors; past this many only counts. */
#define DIAG_KEEP 10000

static pthread_mutex_t diag_lock = PTHREAD_MUTEX_INITIALIZER;
static struct diag *diags;
static size_t n_diags, cap_diags;
static size_t counts[2];
static unsigned long next_seq;
static bool sorted;
/* The files whose errors are warnings: drafts (diag_demote_path). */
static char **demoted;
static size_t n_demoted, cap_demoted;

/* diag_set_owner, for each thread */
static _Thread_local const void *owner_now;

static bool
is_demoted(const char *path)
{
	for (size_t i = 0; path != NULL && i < n_demoted; i++)
		if (strcmp(demoted[i], path) == 0)
			return true;
	return false;
}

/* check PATH...: the files whose diagnostics are kept (NULL: all), and
 * the errors of the other files, counted only. */
static char **only;
static size_t n_only;
static size_t errors_elsewhere;

size_t
diag_count_elsewhere(void)
{
	pthread_mutex_lock(&diag_lock);
	size_t n = errors_elsewhere;
	pthread_mutex_unlock(&diag_lock);
	return n;
}

void
diag_only_paths(const char *const *paths, size_t n)
{
	pthread_mutex_lock(&diag_lock);
	for (size_t i = 0; i < n_only; i++)
		free(only[i]);
	free(only);
	only = NULL;
	n_only = 0;
	if (n > 0) {
		only = xcalloc(n, sizeof *only);
		for (size_t i = 0; i < n; i++)
			only[n_only++] = xstrdup(paths[i]);
	}
	pthread_mutex_unlock(&diag_lock);
}

static bool
is_kept(const char *path)
{
	if (n_only == 0)
		return true;
	for (size_t i = 0; path != NULL && i < n_only; i++) {
		size_t len = strlen(only[i]);
		if (strncmp(path, only[i], len) == 0 &&
		    (path[len] == '\0' || path[len] == '/' || len == 0))
			return true;
	}
	return false;
}

void
diag_demote_path(const char *path)
{
	pthread_mutex_lock(&diag_lock);
	if (!is_demoted(path)) {
		if (n_demoted == cap_demoted) {
			cap_demoted = cap_demoted ? cap_demoted * 2 : 16;
			demoted = xrealloc(demoted, cap_demoted * sizeof *demoted);
		}
		demoted[n_demoted++] = xstrdup(path);
	}
	/* what this file reported before it was known to be a draft */
	for (size_t i = 0; i < n_diags; i++) {
		struct diag *d = &diags[i];
		if (d->level != DIAG_ERROR || strcmp(d->path, path) != 0)
			continue;
		struct buf msg = {0};
		buf_puts(&msg, _("draft: "));
		buf_puts(&msg, d->message);
		free(d->message);
		d->message = buf_detach(&msg);
		d->level = DIAG_WARNING;
		counts[DIAG_ERROR]--;
		counts[DIAG_WARNING]++;
	}
	pthread_mutex_unlock(&diag_lock);
}

/* The next diagnostic's place, NULL past DIAG_KEEP (only counted then).
 * Called with the lock held. */
static struct diag *
next_slot(void)
{
	if (n_diags >= DIAG_KEEP)
		return NULL;
	if (n_diags == cap_diags) {
		cap_diags = cap_diags ? cap_diags * 2 : 64;
		diags = xrealloc(diags, cap_diags * sizeof *diags);
	}
	return &diags[n_diags++];
}

/* Control characters (a newline in a file name, escape sequences) would
 * break the one-line format or reach the terminal: they are shown escaped. */
static char *
printable(const char *s)
{
	struct buf b = {0};

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			buf_printf(&b, "\\x%02X", *p);
		else
			buf_putc(&b, (char)*p);
	}
	return buf_detach(&b);
}

void
diag_vreport(enum diag_level level, const struct pos *pos, const char *fmt,
    va_list ap)
{
	struct buf msg = {0};

	pthread_mutex_lock(&diag_lock);
	if (!is_kept(pos != NULL ? pos->path : NULL)) {
		if (level == DIAG_ERROR && (pos == NULL || !is_demoted(pos->path)))
			errors_elsewhere++;
		pthread_mutex_unlock(&diag_lock);
		buf_free(&msg);
		return;
	}
	/* a draft's problems are warnings: it never fails a build */
	if (level == DIAG_ERROR && pos != NULL && is_demoted(pos->path)) {
		level = DIAG_WARNING;
		buf_puts(&msg, _("draft: "));
	}
	/* the message in the user's language (util/i18n.h) */
	buf_vprintf(&msg, _(fmt), ap);
	counts[level]++;
	struct diag *d = next_slot();
	if (d != NULL) {
		d->level = level;
		d->path = printable(pos && pos->path ? pos->path : "");
		d->line = pos && pos->line > 0 ? pos->line : 1;
		d->col = pos && pos->col > 0 ? pos->col : 1;
		d->message = printable(msg.data ? msg.data : "");
		d->seq = next_seq++;
		d->owner = owner_now;
		sorted = false;
	}
	pthread_mutex_unlock(&diag_lock);
	buf_free(&msg);
}

void
diag_set_owner(const void *owner)
{
	owner_now = owner;
}

struct diag *
diag_copy_all(size_t *n)
{
	pthread_mutex_lock(&diag_lock);
	struct diag *copy = xcalloc(n_diags + 1, sizeof *copy);
	for (size_t i = 0; i < n_diags; i++) {
		copy[i] = diags[i];
		copy[i].path = xstrdup(diags[i].path);
		copy[i].message = xstrdup(diags[i].message);
	}
	*n = n_diags;
	pthread_mutex_unlock(&diag_lock);
	return copy;
}

void
diag_free_copies(struct diag *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].path);
		free(d[i].message);
	}
	free(d);
}

void
diag_readd(const struct diag *from)
{
	pthread_mutex_lock(&diag_lock);
	counts[from->level]++;
	struct diag *d = next_slot();
	if (d != NULL) {
		*d = *from;
		d->path = xstrdup(from->path);
		d->message = xstrdup(from->message);
		d->seq = next_seq++;
		sorted = false;
	}
	pthread_mutex_unlock(&diag_lock);
}

void
diag_report(enum diag_level level, const struct pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(level, pos, fmt, ap);
	va_end(ap);
}

void
diag_error(const struct pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(DIAG_ERROR, pos, fmt, ap);
	va_end(ap);
}

void
diag_warning(const struct pos *pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vreport(DIAG_WARNING, pos, fmt, ap);
	va_end(ap);
}

void
diag_error_once(const struct pos *pos, const char *fmt, ...)
{
	/* the look and the report as one, between the callers of this */
	static pthread_mutex_t once_lock = PTHREAD_MUTEX_INITIALIZER;
	struct buf msg = {0};
	va_list ap;
	bool seen = false;

	va_start(ap, fmt);
	buf_vprintf(&msg, _(fmt), ap);
	va_end(ap);
	char *text = printable(msg.data ? msg.data : "");
	char *path = printable(pos && pos->path ? pos->path : "");
	int line = pos && pos->line > 0 ? pos->line : 1;
	int col = pos && pos->col > 0 ? pos->col : 1;
	pthread_mutex_lock(&once_lock);
	pthread_mutex_lock(&diag_lock);
	for (size_t i = 0; i < n_diags && !seen; i++)
		seen = diags[i].line == line && diags[i].col == col &&
		    strcmp(diags[i].path, path) == 0 &&
		    strcmp(diags[i].message, text) == 0;
	pthread_mutex_unlock(&diag_lock);
	/* (a variable: the text is translated already, and not a msgid) */
	static const char as_is[] = "%s";
	if (!seen)
		diag_report(DIAG_ERROR, pos, as_is, text);
	pthread_mutex_unlock(&once_lock);
	free(text);
	free(path);
	buf_free(&msg);
}

size_t
diag_count(enum diag_level level)
{
	size_t n;

	pthread_mutex_lock(&diag_lock);
	n = counts[level];
	pthread_mutex_unlock(&diag_lock);
	return n;
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

const struct diag *
diag_sorted(size_t *n)
{
	pthread_mutex_lock(&diag_lock);
	if (!sorted && n_diags > 1)
		qsort(diags, n_diags, sizeof *diags, diag_cmp);
	sorted = true;
	*n = n_diags;
	pthread_mutex_unlock(&diag_lock);
	return diags;
}

void
diag_print(FILE *out)
{
	size_t n;
	const struct diag *d = diag_sorted(&n);
	size_t dropped = counts[DIAG_ERROR] + counts[DIAG_WARNING] - n;

	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s:%d:%d: %s: %s\n", d[i].path, d[i].line,
		    d[i].col, d[i].level == DIAG_ERROR ? _("error") :
		    _("warning"), d[i].message);
	if (dropped > 0)
		fprintf(out, NG_("noticeboard: %zu more diagnostic not "
		    "shown\n", "noticeboard: %zu more diagnostics not shown\n",
		    dropped), dropped);
}

void
diag_print_errors(FILE *out)
{
	size_t n;
	const struct diag *d = diag_sorted(&n);

	for (size_t i = 0; i < n; i++)
		if (d[i].level == DIAG_ERROR)
			fprintf(out, "%s:%d:%d: %s: %s\n", d[i].path, d[i].line,
			    d[i].col, _("error"), d[i].message);
}

void
diag_reset(void)
{
	pthread_mutex_lock(&diag_lock);
	for (size_t i = 0; i < n_diags; i++) {
		free(diags[i].path);
		free(diags[i].message);
	}
	free(diags);
	diags = NULL;
	n_diags = cap_diags = 0;
	for (size_t i = 0; i < n_demoted; i++)
		free(demoted[i]);
	free(demoted);
	demoted = NULL;
	n_demoted = cap_demoted = 0;
	for (size_t i = 0; i < n_only; i++)
		free(only[i]);
	free(only);
	only = NULL;
	n_only = 0;
	errors_elsewhere = 0;
	counts[0] = counts[1] = 0;
	next_seq = 0;
	sorted = true;
	pthread_mutex_unlock(&diag_lock);
}

void
diag_system(const char *fmt, ...)
{
	va_list ap;

	/* TRANSLATORS: the word "error" follows */
	fprintf(stderr, _("noticeboard: %s: "), _("error"));
	va_start(ap, fmt);
	vfprintf(stderr, _(fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
}
