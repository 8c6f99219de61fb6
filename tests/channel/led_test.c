/* led_test.c: the LED frames' drawing: a known text drawn on a 192x32
 * screen is compared pixel by pixel to a golden picture (led_golden.txt,
 * '#' lit, '.' dark; NB_LED_GOLDEN=write writes it anew), a line wider than
 * the screen wraps on whole characters and loses none, and the PNG is
 * grayscale one bit a pixel at the screen's size. */
#include "t.h"

#include <stdlib.h>

#include "channel/led_draw.h"
#include "util/util.h"

#define W 192
#define H 32

static unsigned
be32(const unsigned char *p)
{
	return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 |
	    p[3];
}

static void
golden(struct led_draw *d)
{
	const char *root = getenv("NB_ROOT");
	char path[4096];
	struct buf png = {0}, err = {0}, picture = {0};
	static const char rows[] = "张家沟村村务公开\n监督电话：0914-0000100\n";

	snprintf(path, sizeof path, "%s/tests/channel/led_golden.txt",
	    root != NULL ? root : ".");
	T_INTEQ(led_draw_page(d, rows, sizeof rows - 1, &png, &err), 0,
	    "a page is drawn");
	const unsigned char *px = led_draw_pixels(d);
	size_t lit = 0;
	for (int y = 0; y < H; y++) {
		for (int x = 0; x < W; x++) {
			buf_putc(&picture, px[y * W + x] ? '#' : '.');
			lit += px[y * W + x];
		}
		buf_putc(&picture, '\n');
	}
	T_CHECK(lit > 200 && lit < W * H / 2, "the page has lit and dark pixels "
	    "(%zu lit)", lit);
	const char *mode = getenv("NB_LED_GOLDEN");
	if (mode != NULL && strcmp(mode, "write") == 0) {
		FILE *f = fopen(path, "w");
		if (f != NULL) {
			fwrite(picture.data, 1, picture.len, f);
			fclose(f);
		}
	}
	FILE *f = fopen(path, "r");
	char *want = xcalloc(picture.len + 2, 1);
	size_t got = f != NULL ? fread(want, 1, picture.len + 1, f) : 0;
	if (f != NULL)
		fclose(f);
	T_CHECK(got == picture.len && memcmp(want, picture.data, got) == 0,
	    "the known text's pixels are the golden picture's");
	if (got != picture.len || memcmp(want, picture.data, got) != 0)
		fputs(picture.data, stdout);
	free(want);

	/* the PNG: signature, IHDR of the screen's size, gray, one bit */
	const unsigned char *p = (const unsigned char *)png.data;
	T_CHECK(png.len > 33 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0 &&
	    memcmp(p + 12, "IHDR", 4) == 0, "a PNG");
	if (png.len > 33) {
		T_INTEQ(be32(p + 16), W, "its width is the screen's");
		T_INTEQ(be32(p + 20), H, "its height is the screen's");
		T_INTEQ(p[24], 1, "one bit a pixel");
		T_INTEQ(p[25], 0, "grayscale");
	}
	buf_free(&png);
	buf_free(&err);
	buf_free(&picture);
}

static void
wrap(struct led_draw *d)
{
	static const char text[] = "二组至四组村道硬化工程竣工验收结果公示，"
	    "决算356,820.00元";
	struct buf rows = {0}, joined = {0};
	size_t n = led_draw_wrap(d, text, &rows);
	bool narrow = true;

	T_CHECK(n >= 3, "a line wider than the screen wraps (%zu rows)", n);
	for (size_t i = 0, start = 0; i < rows.len; i++) {
		if (rows.data[i] != '\n')
			continue;
		buf_put(&joined, rows.data + start, i - start);
		/* twelve 16-pixel characters fill 192 pixels */
		narrow &= utf8_chars(rows.data + start, i - start) <= 24;
		start = i + 1;
	}
	T_STREQ(joined.data, text, "the rows hold every character, in order");
	T_CHECK(narrow, "no row is wider than the screen can hold");
	buf_free(&rows);
	buf_free(&joined);
}

int
main(void)
{
	struct buf err = {0};
	struct digest file;
	struct led_font *font = led_font_hold(&file, &err);

	if (font == NULL) {
		printf("SKIP: led frames (%s)\n", err.data);
		buf_free(&err);
		return 0;
	}
	struct led_draw *d = led_draw_new(W, H);
	T_CHECK(d != NULL && led_draw_rows(d) == 2, "a 32-pixel screen holds "
	    "two rows");
	if (d != NULL) {
		golden(d);
		wrap(d);
	}
	led_draw_free(d);
	led_font_release(font);
	buf_free(&err);
	return t_done();
}
