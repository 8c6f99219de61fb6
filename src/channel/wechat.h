/* wechat.h: the WeChat official account's articles: the article's HTML
 * (wechat_html.c), its cover and thumbnail (wechat_image.c), the backend
 * that plans one job per record of the week (wechat.c). */
#ifndef NB_CHANNEL_WECHAT_H
#define NB_CHANNEL_WECHAT_H

#include <stdbool.h>

#include "model/model.h"
#include "util/util.h"

/* The editor's limits: the title's and the digest's characters, and the
 * article's text (images aside) kept under its 20,000 characters. */
#define WECHAT_TITLE_MAX 64
#define WECHAT_DIGEST_MAX 120
#define WECHAT_TEXT_BUDGET 18000
/* rows of one table in an article; the rest are on the site */
#define WECHAT_TABLE_ROWS 80
/* the phone's width in CSS pixels, and images drawn at twice that */
#define WECHAT_PHONE_PX 375
#define WECHAT_IMAGE_PX 750

/* A power item's flowchart as a PNG at twice the phone's width at most,
 * and the CSS pixels it is shown at. */
struct wechat_flow {
	struct buf png;        /* empty: the item has no flow to draw */
	int css_width;
};
/* Draws it (nothing for an item without a flow): 0, or -1 with a message
 * in err. Needs the flowchart engine. */
int wechat_flow_png(const struct power_item *item, struct wechat_flow *out,
    struct buf *err);

/* The article of a record: a page whose body is only what the editor keeps.
 * flow: its power item's flowchart, or NULL. 0, or -1 with a message in
 * err. */
int wechat_article(const struct county *c, const struct record *r,
    const struct wechat_flow *flow, struct buf *out, struct buf *err);
/* meta.txt: 标题, 摘要, 作者, 原文链接, one a line. */
void wechat_meta(const struct county *c, const struct record *r,
    struct buf *out);
struct stamps;
/* The 900x383 cover and the 200x200 thumbnail as PNG. stamps
 * (canvas16.h) keeps the covers' titles, which the notices of many
 * villages share, and the thumbnails' kinds, for the next pictures; NULL
 * keeps none. */
int wechat_cover(const struct record *r, struct stamps *stamps,
    struct buf *out, struct buf *err);
int wechat_thumb(const struct record *r, struct stamps *stamps,
    struct buf *out, struct buf *err);
/* text's QR code as a PNG, module_px pixels a module with its quiet
 * zone, black on white: 0, or -1 with a message in err. */
int wechat_qr_png(const char *text, int module_px, struct buf *out,
    struct buf *err);

#endif
