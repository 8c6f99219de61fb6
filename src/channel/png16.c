/* png16.c: a slide as a 16-colour PNG. A slide holds a few inks on a few
 * papers (dark text on white, white text on the band's colour), so 16
 * colours show it as the eye sees the full picture, and a 4-bit image is a
 * sixth of an RGB one's bytes: a build writes hundreds of full-HD slides,
 * and compressing RGB took most of its time. */
#include "channel/png16.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/zrows.h"

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
chunk(struct buf *out, const char *type, const unsigned char *data,
    size_t len)
{
	unsigned char head[8];
	unsigned char crc[4];
	uint32_t c;

	put_be32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	buf_put(out, head, 8);
	if (len > 0)
		buf_put(out, data, len);
	c = libdeflate_crc32(0, type, 4);
	if (len > 0)
		c = libdeflate_crc32(c, data, len);
	put_be32(crc, c);
	buf_put(out, crc, 4);
}

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

void
png16_write_rows(const unsigned char *raw, int width, int height, int depth,
    int colour_type, const uint32_t *palette, int colours, struct buf *out)
{
	int channels = colour_type == 2 ? 3 : 1;
	size_t row_bytes = 1 + ((size_t)width * (size_t)channels *
	    (size_t)depth + 7) / 8;
	struct buf z = {0};
	unsigned char hdr[13], plte[3 * 256];

	zrows_compress(raw, row_bytes * (size_t)height, row_bytes, &z);
	buf_put(out, "\x89PNG\r\n\x1a\n", 8);
	put_be32(hdr, (uint32_t)width);
	put_be32(hdr + 4, (uint32_t)height);
	hdr[8] = (unsigned char)depth;
	hdr[9] = (unsigned char)colour_type;
	hdr[10] = hdr[11] = hdr[12] = 0;
	chunk(out, "IHDR", hdr, sizeof hdr);
	if (colour_type == 3) {
		for (int i = 0; i < colours; i++) {
			plte[3 * i] = (unsigned char)(palette[i] >> 16);
			plte[3 * i + 1] = (unsigned char)(palette[i] >> 8);
			plte[3 * i + 2] = (unsigned char)palette[i];
		}
		chunk(out, "PLTE", plte, 3 * (size_t)colours);
	}
	chunk(out, "IDAT", (unsigned char *)z.data, z.len);
	chunk(out, "IEND", NULL, 0);
	buf_free(&z);
}

void
png16_write(const unsigned char *raw, int width, int height,
    const uint32_t palette[16], struct buf *out)
{
	png16_write_rows(raw, width, height, 4, 3, palette, 16, out);
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
	png16_write(raw, width, height, palette, out);
	rc = 0;
out:
	if (rc != 0)
		buf_printf(err, _("cannot make the PNG of a slide"));
	free(raw);
	return rc;
}
