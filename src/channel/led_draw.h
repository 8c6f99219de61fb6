/* led_draw.h: text on an LED screen's pixels: lines wrapped to the screen's
 * width on whole characters, pages of whole rows drawn one bit a pixel with
 * no antialiasing and full hinting, written as 1-bit grayscale PNGs. */
#ifndef NB_CHANNEL_LED_DRAW_H
#define NB_CHANNEL_LED_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

/* One row of text: 16 pixels high, the characters' em; its baseline 14
 * pixels down, where a CJK face's ideographic em box puts it. */
#define LED_ROW_PX 16
#define LED_BASELINE_PX 14
#define LED_FONT_FAMILY "Noto Sans CJK SC"

/* The face the frames are drawn with, made and held by the build's first
 * thread before any job draws (cairo's list of faces is not thread-safe:
 * see render/fonts.h), with a digest of its file for the jobs' keys. */
struct led_font;
struct led_font *led_font_hold(struct digest *file, struct buf *err);
/* Accepts NULL. */
void led_font_release(struct led_font *f);

/* What one job draws with: a font map, a context and the screen's surface
 * of its own. NULL when cairo cannot make the surface. */
struct led_draw;
struct led_draw *led_draw_new(int width, int height);
void led_draw_free(struct led_draw *d);

/* How many rows a page holds: the screen's height in rows, at least 1. */
int led_draw_rows(const struct led_draw *d);

/* text (one line, no newline) wrapped into rows no wider than the screen,
 * broken between characters (never inside one), each row appended to rows
 * with a '\n'; returns how many. */
size_t led_draw_wrap(struct led_draw *d, const char *text, struct buf *rows);

/* The rows (each ending in '\n', at most led_draw_rows of them) drawn from
 * the top, lit pixels white on black, as a PNG of the screen's size,
 * grayscale one bit a pixel, appended to png: 0, or -1 with err. */
int led_draw_page(struct led_draw *d, const char *rows, size_t len,
    struct buf *png, struct buf *err);

/* The page's pixels after led_draw_page, one byte each (1 lit, 0 dark),
 * row by row: for tests. */
const unsigned char *led_draw_pixels(const struct led_draw *d);

#endif
