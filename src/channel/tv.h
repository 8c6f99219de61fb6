/* tv.h: the service hall's TV: slides of the week's notices at 1920x1080
 * (tv_slide.c) and the page that shows them in turn (tv.c). */
#ifndef NB_CHANNEL_TV_H
#define NB_CHANNEL_TV_H

#include "model/model.h"
#include "util/util.h"

#define TV_WIDTH 1920
#define TV_HEIGHT 1080
/* pages of one record at most, and records of a village: a slide's
 * number is the record's times ten plus its page (010, 011, 020 ...),
 * so that one record's slides keep their names when another changes */
#define TV_MAX_PAGES 10
#define TV_MAX_RECORDS 99
/* seconds a slide stays */
#define TV_SECONDS 15

/* How many slides the record takes: 0 after a failure (in err). */
int tv_pages(const struct county *c, const struct record *r, struct buf *err);
struct stamps;

/* The records' pages as their titles and texts set them, kept for the
 * records of the same notice in other villages. Shared by threads. */
struct tv_plans;
struct tv_plans *tv_plans_new(void);
/* Accepts NULL. */
void tv_plans_free(struct tv_plans *ps);

/* The record's slides, each a PNG into out[page], as many as tv_pages
 * says (at most TV_MAX_PAGES): the count, or -1 with a message in err.
 * stamps (canvas16.h) keeps the texts that every slide of a village or
 * of the county shows, for the next slides; plans keeps the records'
 * pages; NULL keeps none. */
int tv_render(const struct county *c, const struct record *r,
    struct stamps *stamps, struct tv_plans *plans,
    struct buf *out[TV_MAX_PAGES], struct buf *err);
/* The slide of a week without notices: the village page's QR code. */
int tv_render_empty(const struct county *c, const struct village *v,
    struct stamps *stamps, struct buf *out, struct buf *err);

#endif
