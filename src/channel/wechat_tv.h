/* wechat_tv.h: what the WeChat articles and the service hall's TV slides
 * share: the week's records of a village, a record's facts in Chinese from
 * its scrubbed fields, its address, its cache key, and text set with pango
 * on a cairo picture. */
#ifndef NB_CHANNEL_WECHAT_TV_H
#define NB_CHANNEL_WECHAT_TV_H

#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdbool.h>

#include "model/model.h"
#include "util/util.h"

/* The records a village shows in the week of the build clock, as its
 * board does: not drafts, their notice period meeting the week. Returns
 * how many, the records in *out (malloc'd, the village's order). */
size_t vis_week_records(const struct county *c, const struct village *v,
    const struct record ***out);

/* One line of a record's facts: "公示期" "2026年11月20日至11月27日". */
struct vis_fact {
	const char *label;
	const char *value;
};

/* The facts of a record's type, from fields that hold no person's name
 * or reason (an assistance list's counts and total only), in the arena;
 * returns how many. The notice period comes first when period is set. */
size_t vis_facts(const struct record *r, bool period, struct arena *a,
    struct vis_fact **out);

/* The record's body for every channel: Markdown with personal data masked
 * and, for an assistance list, its people's names and reasons replaced. */
void vis_body(const struct record *r, struct buf *out);

/* The record's page on the site, absolute; and the village's. */
char *vis_record_url(struct arena *a, const struct county *c,
    const struct record *r);
char *vis_village_url(struct arena *a, const struct county *c,
    const struct village *v);

/* The inputs every output of a record shows: its text, its village and
 * town, the settings, the catalog (its power item and flow); and the files
 * it names (its photos) when files is set. */
void vis_key_record(struct hasher *h, const struct county *c,
    const struct record *r, bool files);

/* A page's QR code, which its TV slide and its article both show: encoded
 * once while a backend holds the memo (libqrencode tries its eight masks
 * on each code, under one lock for the whole program), else each time.
 * The caller's copy, freed by QRcode_free; NULL with a message in err. */
QRcode *vis_qr(const char *text, struct buf *err);
/* A backend keeps the codes from its creation to its end. */
void vis_qr_hold(void);
void vis_qr_release(void);

/* A colour per disclosure process, for bands and covers: 0xRRGGBB. */
unsigned vis_process_colour(const struct record *r);

/* A pango context on this thread's font map, set up like the posters'. */
PangoContext *vis_context(void);
/* text in Noto Sans CJK SC at px pixels, bold or not, wrapped at width
 * pixels (width <= 0: not wrapped); line_spacing a factor (0: the font's). */
PangoLayout *vis_layout(PangoContext *ctx, const char *text, double px,
    bool bold, double width, double line_spacing);
/* Whether a layout's text fits in max_lines lines. */
bool vis_fits(PangoLayout *l, int max_lines);

/* Plain text of Markdown for a picture: paragraphs and list items on lines
 * of their own (items with "· "), table rows as their cells joined by
 * "　", links and images as their words. */
void vis_plain(const char *md, struct buf *out);

#endif
