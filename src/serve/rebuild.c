/* rebuild.c: one build of the preview, on the main thread while the HTTP
 * threads serve the last good site: the content loaded and checked as
 * `build` does, the site and the posters built by the incremental engine
 * into the private folder, and the outcome published: the errors as an
 * overlay for every page, and which pages are drafts'. */
#include "serve/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/engine.h"
#include "load/load.h"
#include "site/site.h"
#include "util/diag.h"
#include "util/util.h"

/* errors listed on the overlay; the terminal has them all */
#define OVERLAY_ERRORS 100
/* bytes of a source line shown under its error */
#define OVERLAY_LINE_BYTES 400

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The preview shows drafts: each draft becomes a record like the others
 * for this build (the checks, which go easier on drafts, have run), and
 * the paths of their pages are kept, sorted, for the band that marks them
 * when they are served. The model is the preview's own (the loader's
 * cache keeps it for the next build: shown_draft remembers); the backends
 * never see a draft. */
static char **
show_drafts(struct county *county, size_t *n_out)
{
	struct buf path = {0};
	char **drafts = NULL;
	size_t n = 0, cap = 0;

	/* the villages', then the towns' own and the county's own records */
	for (size_t t = 0; t <= county->n_towns; t++) {
		const struct town *town = t < county->n_towns ?
		    &county->towns[t] : NULL;
		size_t n_vils = town != NULL ? town->n_villages : 0;
		for (size_t v = 0; v <= n_vils; v++) {
			const struct village *vil = v < n_vils ?
			    &town->villages[v] : town != NULL ? &town->own :
			    &county->own;
			for (size_t k = 0; k < vil->n_records; k++) {
				struct record *r = vil->records[k];
				if (!r->draft && !r->shown_draft)
					continue;
				buf_reset(&path);
				record_page_path_put(&path, r);
				if (n == cap) {
					cap = cap ? cap * 2 : 16;
					drafts = xrealloc(drafts, cap * sizeof *drafts);
				}
				drafts[n++] = xstrdup(path.data);
				r->draft = false;
				r->shown_draft = true;
			}
		}
	}
	buf_free(&path);
	if (n > 1)
		qsort(drafts, n, sizeof *drafts, path_cmp);
	*n_out = n;
	return drafts;
}

/* Line `line` (1-based) of text, its length in *len; NULL past the end. */
static const char *
line_of(const char *text, size_t text_len, int line, size_t *len)
{
	const char *p = text, *end = text + text_len;

	for (int i = 1; i < line; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			return NULL;
		p = nl + 1;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*len = (size_t)((nl ? nl : end) - p);
	if (*len > 0 && p[*len - 1] == '\r')
		(*len)--;
	return p;
}

/* The offending line under its message, the character at the column
 * marked: "  12 | date: <mark>2</mark>026-11-31". */
static void
put_source_line(struct buf *b, const char *text, size_t text_len,
    const struct diag *d)
{
	size_t len, at = 0;
	const char *line = line_of(text, text_len, d->line, &len);
	char number[DECIMAL_SIZE];

	if (line == NULL)
		return;
	if (len > OVERLAY_LINE_BYTES)
		len = OVERLAY_LINE_BYTES;
	/* the column counts characters: skip col - 1 of them */
	for (int c = 1; c < d->col && at < len; c++) {
		at++;
		while (at < len && ((unsigned char)line[at] & 0xC0) == 0x80)
			at++;
	}
	size_t next = at;
	if (next < len) {
		next++;
		while (next < len && ((unsigned char)line[next] & 0xC0) == 0x80)
			next++;
	}
	decimal_text(d->line, number);
	buf_puts(b, "<pre style=\"margin:.3em 0 0;padding:.4em .6em;"
	    "background:#f4f4f4;border-left:4px solid #c00;white-space:pre-wrap;"
	    "font:15px/1.4 monospace\"><span style=\"color:#777\">");
	buf_puts(b, number);
	buf_puts(b, " | </span>");
	buf_put_escaped(b, line, at);
	if (next > at) {
		buf_puts(b, "<mark style=\"background:#fc6\">");
		buf_put_escaped(b, line + at, next - at);
		buf_puts(b, "</mark>");
	}
	buf_put_escaped(b, line + next, len - next);
	buf_puts(b, "</pre>");
}

/* The start of the overlay, with its title: it covers the page, so that
 * a clerk cannot miss it (the page beneath, the last good one, shows again
 * once the errors are fixed), and brings its own looks (the site's style
 * sheet knows nothing of it). */
static void
overlay_open(struct buf *b, const char *title)
{
	buf_puts(b, "<div id=\"nb-serve-errors\" role=\"alert\" lang=\"");
	buf_puts(b, i18n_chinese() ? "zh-CN" : "en");
	buf_puts(b, "\" style=\"position:fixed;top:0;right:0;bottom:0;left:0;"
	    "z-index:2147483647;overflow:auto;background:#fff;"
	    "color:#222;padding:1.5em;font:17px/1.5 sans-serif;text-align:left\">"
	    "<h2 style=\"color:#b00;margin:0 0 .5em;font-size:1.4em\">");
	buf_puts_escaped(b, title);
	buf_puts(b, "</h2>");
}

/* The overlay of a build with content errors: each as the terminal shows
 * it (path:line:column: error: message, in the clerk's language), with
 * the line of the file it is about. (st->built is written by the main
 * thread only, which runs this.) */
static char *
errors_overlay(const struct serve_state *st, const char *content)
{
	size_t n, shown = 0;
	const struct diag *d = diag_sorted(&n);
	size_t errors = diag_count(DIAG_ERROR);
	struct buf b = {0}, title = {0};
	char *text = NULL, *text_path = NULL;
	size_t text_len = 0;

	buf_printf(&title, NG_("The content has %zu error", "The content has "
	    "%zu errors", errors), errors);
	overlay_open(&b, title.data);
	buf_puts(&b, "<p>");
	buf_puts_escaped(&b, st->built ? _("This page shows the last good "
	    "build. Fix the file and save it: the page reloads by itself.") :
	    _("Nothing could be built yet. Fix the file and save it: the page "
	    "reloads by itself."));
	buf_puts(&b, "</p><ol style=\"padding-left:1.5em\">");
	for (size_t i = 0; i < n && shown < OVERLAY_ERRORS; i++) {
		if (d[i].level != DIAG_ERROR)
			continue;
		shown++;
		buf_puts(&b, "<li style=\"margin:.8em 0\"><code class=\"nb-where\" "
		    "style=\"font-weight:bold\">");
		buf_puts_escaped(&b, d[i].path);
		buf_printf(&b, ":%d:%d:</code> ", d[i].line, d[i].col);
		buf_puts_escaped(&b, _("error"));
		buf_puts(&b, ": ");
		buf_puts_escaped(&b, d[i].message);
		/* the file, read once for all its errors (they are sorted) */
		if (text_path == NULL || strcmp(text_path, d[i].path) != 0) {
			free(text);
			free(text_path);
			text_path = xstrdup(d[i].path);
			char *abs = path_join(content, d[i].path);
			if (file_read(abs, CONTENT_FILE_LIMIT, &text, &text_len) != 0)
				text = NULL;
			free(abs);
		}
		if (text != NULL && d[i].path[0] != '\0')
			put_source_line(&b, text, text_len, &d[i]);
		buf_puts(&b, "</li>");
	}
	buf_puts(&b, "</ol>");
	if (errors > shown) {
		buf_puts(&b, "<p>");
		buf_reset(&title);
		buf_printf(&title, NG_("%zu more error: see the terminal",
		    "%zu more errors: see the terminal", errors - shown),
		    errors - shown);
		buf_puts_escaped(&b, title.data);
		buf_puts(&b, "</p>");
	}
	buf_puts(&b, "</div>");
	free(text);
	free(text_path);
	buf_free(&title);
	return buf_detach(&b);
}

/* The overlay of a build that failed for a reason outside the content. */
static char *
failure_overlay(const char *why)
{
	struct buf b = {0};

	overlay_open(&b, why);
	buf_puts(&b, "<p>");
	buf_puts_escaped(&b, _("This page shows the last good build; the "
	    "terminal says more."));
	buf_puts(&b, "</p></div>");
	return buf_detach(&b);
}

/* What the engine's worker publishes once the site is in place: the open
 * pages reload then, while the posters are still being drawn. */
struct site_ready {
	struct serve_state *st;
	char **drafts;
	size_t n_drafts;
	bool published;
	double start;
	double ms;
};

static void
site_ready(void *arg)
{
	struct site_ready *ready = arg;

	ready->ms = now_ms() - ready->start;
	state_publish(ready->st, NULL, ready->drafts, ready->n_drafts, true);
	ready->drafts = NULL;
	ready->n_drafts = 0;
	ready->published = true;
}

void
rebuild(struct serve_state *st, const struct serve_options *o,
    struct county_cache *cache, const char *const *hints, size_t n_hints)
{
	struct county *county;
	size_t reloaded;
	struct engine_options eo = {0};
	struct engine_stats stats;
	enum load_status status;
	char *overlay = NULL;
	struct site_ready ready = {st, NULL, 0, false, now_ms(), 0};
	int rc;

	status = county_cache_load(cache, o->content, o->today, hints, n_hints,
	    &county, &reloaded);
	/* a save that changed nothing (the same text, a file's times): the
	 * pages open stay as they are. (Anything outside the villages, a
	 * theme's file say, makes the cache read everything again: built.) */
	if (status == LOAD_OK && st->outcome_stands && (reloaded == 0 ||
	    (reloaded != (size_t)-1 && digest_equal(county->content_hash,
	    st->content_hash)))) {
		diag_reset();
		return;
	}
	st->outcome_stands = false;
	st->content_hash = county->content_hash;
	if (status == LOAD_NO_CONTENT) {
		struct buf why = {0};
		buf_printf(&why, _("There is no content folder '%s' any more"),
		    o->content);
		fprintf(stderr, "noticeboard: %s\n", why.data);
		overlay = failure_overlay(why.data);
		buf_free(&why);
		goto out;
	}
	rc = o->report(status, N_("check"), NULL);
	if (rc == 3) {
		overlay = failure_overlay(_("The content could not be read"));
		goto out;
	}
	if (rc != 0) {
		overlay = errors_overlay(st, o->content);
		st->outcome_stands = true;
		goto out;
	}
	ready.drafts = show_drafts(county, &ready.n_drafts);
	eo.output = st->output;
	eo.data_dir = o->data_dir;
	eo.content_dir = o->content;
	eo.kinds[OUT_SITE] = true;
	eo.kinds[OUT_POSTERS] = true;
	eo.jobs = o->jobs;
	eo.in_place = true;
	eo.site_done = site_ready;
	eo.site_done_arg = &ready;
	enum engine_status es = engine_run(county, &eo, &stats);
	if (es == ENGINE_CONTENT) {
		/* a poster no sheet can hold: its errors, as the check's */
		diag_print_errors(stderr);
		overlay = errors_overlay(st, o->content);
		st->outcome_stands = true;
		goto out;
	}
	if (es != ENGINE_OK) {
		overlay = failure_overlay(_("The preview could not be built"));
		goto out;
	}
	if (!ready.published)
		site_ready(&ready);
	fprintf(stderr, _("noticeboard: preview built in %.0f ms (the site in "
	    "%.0f ms): %zu pages and posters made again, %zu unchanged\n"),
	    now_ms() - ready.start, ready.ms, stats.rendered, stats.reused);
	diag_reset();
	state_publish_posters(st);
	st->outcome_stands = true;
	return;
out:
	diag_reset();
	/* the overlay of what went wrong; the pages of the last good site stay */
	state_publish(st, overlay, ready.drafts, ready.n_drafts, false);
}
