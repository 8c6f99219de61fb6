/* formats.h: the print formats beside the A3 boards (site.yaml formats:):
 * the roll-up banners, display boards and billboards, and the paper survey
 * forms, each a backend of the build engine that lays its sheets out with
 * the boards' engine (doc.c) at the format's size and scale; and the
 * convenience cards (cards.c), drawn on their own. See docs/formats.md. */
#ifndef NB_POSTER_FORMATS_H
#define NB_POSTER_FORMATS_H

#include "engine/backends.h"
#include "poster/poster.h"

/* The formats' sheets (mm) and the scale their type is read at (the A3
 * board, read at 1 m, is 1). */
#define BANNER_W_MM 800.0
#define BANNER_H_MM 2000.0
#define BANNER_SCALE 3.0            /* read at 3 m */
#define BANNER_STAND_MM 150.0       /* hidden by the stand */
#define DISPLAY_W_MM 1200.0
#define DISPLAY_H_MM 900.0
#define DISPLAY_SCALE 2.0           /* a service's board, read close */
#define OVERVIEW_SCALE 3.0          /* the overview, read across a hall */
#define BILLBOARD_W_MM 2400.0
#define BILLBOARD_H_MM 1200.0
#define BILLBOARD_SCALE 5.0         /* read from the road */

/* What a format's backend holds while its jobs render. */
struct format_state {
	const struct county *county;
	struct arena *arena;
	struct digest fonts;       /* the fonts' files: part of every key */
	struct poster_spec *specs;
	size_t n_specs;
};

/* The state with no spec yet (the backend's plan adds them); NULL with a
 * message when the fonts are missing. */
struct format_state *format_state_new(const struct county *county,
    struct buf *err);
void format_state_free(void *state);
/* Adds a spec to the state: path without extension, under print/. */
struct poster_spec *format_spec_add(struct format_state *st,
    enum poster_kind kind, const char *path);
/* One job per spec of the state, of this output kind: the PDF and its PNG
 * preview. Its key has the fonts, the site's settings, the catalog, the
 * build's week, and what extra digests (the village's or the record's
 * content) each spec shows: key_of adds them (may be NULL). */
int format_plan(struct format_state *st, enum output_kind kind,
    struct job_list *jobs, void (*key_of)(const struct county *,
    const struct poster_spec *, struct hasher *));

#endif
