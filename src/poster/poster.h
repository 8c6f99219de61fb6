/* poster.h: the poster backend's surface: which posters a county gets, and
 * for each one the print-ready PDF with its PNG preview, or the text dump of
 * its layout (boxes per sheet) that the tests read. */
#ifndef NB_POSTER_H
#define NB_POSTER_H

#include <stdint.h>

#include "model/model.h"
#include "util/util.h"

struct county_assessment;

enum poster_kind {
	POSTER_BOARD,          /* a village's weekly board, or a town's or the
	                          county's for their own records */
	POSTER_POWERS,         /* the small and micro power list */
	POSTER_DUTIES,         /* one role's responsibility list */
	POSTER_SERVICE,        /* one service guide with its flow */
	POSTER_ASSESSMENT,     /* the assessment: the county's, or a town's */
	/* the print formats beside the boards (formats.c) */
	POSTER_BANNER,         /* 易拉宝: a village's disclosure at a glance */
	POSTER_DISPLAY,        /* 宣传展板 or 广告牌: one service flow, or the
	                          county's 32423 overview (service NULL) */
	POSTER_FORM,           /* 满意度测评表: a survey's paper form */
	POSTER_TALLY           /* the clerk's tally sheet of a survey */
};

struct poster_spec {
	enum poster_kind kind;
	const struct village *village;           /* board */
	const struct role *role;                 /* duties */
	const struct service_guide *service;     /* service */
	const struct town *town;                 /* assessment: NULL for the
	                                            county's poster */
	const struct county_assessment *assessment;   /* assessment */
	int32_t week_first;                      /* board: first day of the week */
	const struct record *record;             /* form, tally: the survey */
	const char *path;      /* output path without extension, e.g.
	                          "posters/qingshui/zhangjiagou/2026-11-23" */
	/* A print format's sheet (0: the site's poster size and bleed) and
	 * the scale its type is read at: the A3 board is read at 1 m; a
	 * banner read at 3 m is laid out as the board on a sheet a third of
	 * its size, and drawn three times as large. */
	double width_mm, height_mm;
	double scale;                            /* 0: 1 */
	int bleed_mm;                            /* with width_mm: its bleed */
	bool no_marks;                           /* no crop marks, whatever
	                                            poster: asks (a form) */
	double reserve_bottom_mm;                /* left empty at the bottom
	                                            (a banner's stand) */
};

/* Every poster of the county in a stable order: the catalog's, the
 * assessment's (the county's, then one per town), then one board per
 * village, then one per town and for the county that has published records
 * of its own ("posters/fushui/2026-11-23", "posters/county/..."). The assessment posters show a, the county's assessment
 * (assess_county), computed once by the caller and kept while they are
 * drawn; without it (NULL) they are left out. The array and its paths live
 * in arena. */
size_t poster_specs(const struct county *c, const struct county_assessment *a,
    struct arena *arena, struct poster_spec **out);

/* Checks that the poster fonts are installed; false with a message when not.
 * Call once before rendering on threads (it also initialises fontconfig). */
bool poster_fonts_check(struct buf *err);

/* Lays out and renders one poster: the PDF (all sheets) and a 50-dpi PNG of
 * all sheets side by side. Thread-safe. 0; 1 when content no sheet can hold
 * (a title or a table row too long) was reported as a content error (diag),
 * at the place it was written; -1 with a message in err on a failure of the
 * system. */
int poster_render(const struct county *c, const struct poster_spec *s,
    struct buf *pdf, struct buf *png, struct buf *err);

/* The layout as text: the page geometry, then for each sheet its boxes
 * (kind, role, x, y, w, h in mm from the trim's top-left, font size, whether
 * the text fits) and each text box's lines. Thread-safe. Returns as
 * poster_render (with 1, the dump leaves out what could not be held). */
int poster_dump(const struct county *c, const struct poster_spec *s,
    struct buf *out, struct buf *err);

/* Lays out every poster of the county without drawing it, reporting the
 * content no sheet can hold as content errors (diag), as a build would.
 * Returns how many posters cannot be made. */
size_t poster_check(const struct county *c);

/* Drops the calling thread's pango font map and its caches (pango keeps one
 * per thread; worker threads drop theirs when they end). For programs that
 * render on their main thread and want a clean exit, such as the tests. */
void poster_thread_cleanup(void);

#endif
