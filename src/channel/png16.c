/* png16.c: a slide as a 16-colour PNG. A slide holds a few inks on a few
 * papers (dark text on white, white text on the band's colour), so 16
 * colours show it as the eye sees the full picture, and a 4-bit image is a
 * sixth of an RGB one's bytes: a build writes hundreds of full-HD slides,
 * and compressing RGB took most of its time. */
#include "channel/png16.h"

#include <stdlib.h>
#include <string.h>

#include "render/png.h"
#include "util/i18n.h"

static unsigned
distance(uint32_t a, uint32_t b)
{
	int dr = (int)((a >> 16) & 0xff) - (int)((b >> 16) & 0xff);
	int dg = (int)((a >> 8) & 0xff) - (int)((b >> 8) & 0xff);
	int db = (int)(a & 0xff) - (int)(b & 0xff);
	return (unsigned)(dr * dr + dg * dg + db * db);
}

/* A pixel's index: the nearest colour by its 12 high bits. */
static inline unsigned
nearest(const unsigned char lut[4096], uint32_t p)
{
	return lut[((p >> 12) & 0xf00) | ((p >> 8) & 0xf0) | ((p >> 4) & 0xf)];
}

unsigned
png16_nearest(const uint32_t palette[16], uint32_t rgb)
{
	uint32_t k = ((rgb >> 12) & 0xf00) | ((rgb >> 8) & 0xf0) |
	    ((rgb >> 4) & 0xf);
	uint32_t key = ((k >> 8) * 17) << 16 | (((k >> 4) & 15) * 17) << 8 |
	    (k & 15) * 17;
	unsigned best = 0, bd = ~0u;

	for (unsigned i = 0; i < 16; i++) {
		unsigned d = distance(key, palette[i]);
		if (d < bd) {
			bd = d;
			best = i;
		}
	}
	return best;
}

int
png16_write(const unsigned char *raw, int width, int height,
    const uint32_t palette[16], struct buf *out)
{
	return nbpng_write_rows(raw, width, height, 4, 3, palette, 16, out);
}

void
png16_top(const unsigned char *raw, int width, int rows,
    struct png16_top *top)
{
	size_t row_bytes = 1 + ((size_t)width + 1) / 2;

	memset(top, 0, sizeof *top);
	zrows_begin(&top->z, &top->stream);
	zrows_add(&top->z, raw, row_bytes * (size_t)rows, row_bytes,
	    &top->stream);
	top->rows = rows;
}

void
png16_top_free(struct png16_top *top)
{
	buf_free(&top->stream);
}

int
png16_write_top(const unsigned char *raw, int width, int height,
    const uint32_t palette[16], const struct png16_top *top, struct buf *out)
{
	size_t row_bytes = 1 + ((size_t)width + 1) / 2, start;
	struct zrows z = top->z;

	if (top->rows > height)
		return -1;
	start = nbpng_open(out, 3, 16);
	buf_put(out, top->stream.data, top->stream.len);
	zrows_add(&z, raw, row_bytes * (size_t)height, row_bytes, out);
	zrows_end(&z, out);
	return nbpng_close(out, start, width, height, 4, 3, palette, 16);
}

int
png16_encode(const unsigned char *pixels, int width, int height, int stride,
    const uint32_t palette[16], struct buf *out, struct buf *err)
{
	size_t row_bytes = 1 + ((size_t)width + 1) / 2;
	size_t raw_len = row_bytes * (size_t)height;
	unsigned char *raw = malloc(raw_len);
	unsigned char lut[4096];
	int rc = -1;

	if (raw == NULL)
		goto out;
	/* each colour to the nearest of the 16, by its 12 high bits */
	for (uint32_t k = 0; k < 4096; k++)
		lut[k] = (unsigned char)png16_nearest(palette, (k >> 8) << 20 |
		    ((k >> 4) & 15) << 12 | (k & 15) << 4);
	for (int y = 0; y < height; y++) {
		const uint32_t *src = (const uint32_t *)(pixels + (size_t)y *
		    (size_t)stride);
		unsigned char *dst = raw + (size_t)y * row_bytes;
		/* a row like the one above (the blank and the band's rows) */
		if (y > 0 && memcmp(src, pixels + (size_t)(y - 1) * (size_t)stride,
		    (size_t)width * 4) == 0) {
			memcpy(dst, dst - row_bytes, row_bytes);
			continue;
		}
		/* most of a slide is runs of one colour: two pixels at a time,
		 * and the last pair's byte is kept */
		uint64_t last_pair = ~(uint64_t)0;
		unsigned char last_byte = 0;
		*dst++ = 0;
		int x = 0;
		for (; x + 1 < width; x += 2) {
			uint64_t pair;
			memcpy(&pair, src + x, 8);
			pair &= 0x00ffffff00ffffffull;
			if (pair != last_pair) {
				last_pair = pair;
				last_byte = (unsigned char)(nearest(lut, src[x]) << 4 |
				    nearest(lut, src[x + 1]));
			}
			*dst++ = last_byte;
		}
		if (x < width)
			*dst++ = (unsigned char)(nearest(lut, src[x]) << 4);
	}
	rc = png16_write(raw, width, height, palette, out);
out:
	if (rc != 0)
		buf_printf(err, _("cannot make the PNG of a slide"));
	free(raw);
	return rc;
}
