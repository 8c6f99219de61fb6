/* png.c: a small PNG writer for the previews. cairo's own (libpng at zlib's
 * default level, every row filter tried) took half of a poster's time; a
 * preview is mostly white paper, and rows filtered "up" with a greedy
 * LZ77 and fixed Huffman codes compress it well enough, several times
 * faster. Output is deterministic: the same pixels, the same bytes. */
#include "poster/png.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- bits out ---- */

struct bitout {
	struct buf *out;
	uint32_t acc;
	int n;
	uint16_t lit[288];         /* fixed codes, bit-reversed for sending */
	uint8_t lit_len[288];
	uint8_t dist[30];
};

static void
put_bits(struct bitout *b, uint32_t value, int count)
{
	b->acc |= value << b->n;
	b->n += count;
	while (b->n >= 8) {
		buf_putc(b->out, (char)(b->acc & 0xff));
		b->acc >>= 8;
		b->n -= 8;
	}
}

static uint32_t
reverse(uint32_t code, int len)
{
	uint32_t rev = 0;
	for (int i = 0; i < len; i++)
		rev |= ((code >> i) & 1u) << (len - 1 - i);
	return rev;
}

/* The fixed Huffman codes (RFC 1951, 3.2.6), sent most significant bit
 * first, hence reversed. */
static void
codes_init(struct bitout *b)
{
	for (int c = 0; c < 288; c++) {
		uint32_t code;
		int len;
		if (c < 144) {
			code = 0x30u + (uint32_t)c;
			len = 8;
		} else if (c < 256) {
			code = 0x190u + (uint32_t)(c - 144);
			len = 9;
		} else if (c < 280) {
			code = (uint32_t)(c - 256);
			len = 7;
		} else {
			code = 0xc0u + (uint32_t)(c - 280);
			len = 8;
		}
		b->lit[c] = (uint16_t)reverse(code, len);
		b->lit_len[c] = (uint8_t)len;
	}
	for (int d = 0; d < 30; d++)
		b->dist[d] = (uint8_t)reverse((uint32_t)d, 5);
}

static void
put_symbol(struct bitout *b, int sym)
{
	put_bits(b, b->lit[sym], b->lit_len[sym]);
}

static void
put_match(struct bitout *b, int len, int dist)
{
	static const short lbase[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17,
		19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
		258};
	static const short lext[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2,
		2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
	static const int dbase[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49,
		65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
		6145, 8193, 12289, 16385, 24577};
	static const short dext[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
		6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
	int l = 28, d = 29;

	while (lbase[l] > len)
		l--;
	put_symbol(b, 257 + l);
	put_bits(b, (uint32_t)(len - lbase[l]), lext[l]);
	while (dbase[d] > dist)
		d--;
	put_bits(b, b->dist[d], 5);
	put_bits(b, (uint32_t)(dist - dbase[d]), dext[d]);
}

#define HASH_BITS 15
#define WINDOW 32768
#define MAX_MATCH 258

/* One fixed-Huffman block of greedy LZ77, wrapped for zlib. */
static void
deflate_fixed(const unsigned char *in, size_t len, struct buf *out)
{
	static const int empty = -1;
	int32_t *head = xmalloc(sizeof *head << HASH_BITS);
	struct bitout *bo = xcalloc(1, sizeof *bo);
	uint32_t s1 = 1, s2 = 0;
	size_t i = 0;

	bo->out = out;
	codes_init(bo);

	for (size_t k = 0; k < (size_t)1 << HASH_BITS; k++)
		head[k] = empty;
	buf_putc(out, 0x78);
	buf_putc(out, 0x01);
	put_bits(bo, 1, 1);        /* the last block */
	put_bits(bo, 1, 2);        /* fixed codes */
	while (i < len) {
		int best = 0, dist = 0;
		if (i + 4 <= len) {
			uint32_t key = (uint32_t)in[i] | (uint32_t)in[i + 1] << 8 |
			    (uint32_t)in[i + 2] << 16 | (uint32_t)in[i + 3] << 24;
			uint32_t h = (key * 2654435761u) >> (32 - HASH_BITS);
			int32_t cand = head[h];
			head[h] = (int32_t)i;
			if (cand >= 0 && i - (size_t)cand <= WINDOW &&
			    memcmp(in + cand, in + i, 3) == 0) {
				size_t max = len - i < MAX_MATCH ? len - i : MAX_MATCH;
				size_t n = 3;
				while (n < max && in[(size_t)cand + n] == in[i + n])
					n++;
				best = (int)n;
				dist = (int)(i - (size_t)cand);
			}
		}
		if (best >= 3) {
			put_match(bo, best, dist);
			/* the positions inside a match go into the table sparsely:
			 * enough for runs, cheap on long ones */
			for (size_t k = i + 1; k + 4 <= len && k < i + (size_t)best;
			    k += 8) {
				uint32_t key = (uint32_t)in[k] | (uint32_t)in[k + 1] << 8 |
				    (uint32_t)in[k + 2] << 16 | (uint32_t)in[k + 3] << 24;
				head[(key * 2654435761u) >> (32 - HASH_BITS)] = (int32_t)k;
			}
			i += (size_t)best;
		} else {
			put_symbol(bo, in[i]);
			i++;
		}
	}
	put_symbol(bo, 256);       /* end of block */
	if (bo->n > 0)
		put_bits(bo, 0, 8 - bo->n);
	/* Adler-32, reduced every 5552 bytes as zlib does */
	for (size_t k = 0; k < len;) {
		size_t end = len - k < 5552 ? len : k + 5552;
		for (; k < end; k++) {
			s1 += in[k];
			s2 += s1;
		}
		s1 %= 65521;
		s2 %= 65521;
	}
	uint32_t adler = s2 << 16 | s1;
	for (int k = 3; k >= 0; k--)
		buf_putc(out, (char)((adler >> (8 * k)) & 0xff));
	free(bo);
	free(head);
}

/* ---- chunks ---- */

static uint32_t
crc32_of(const unsigned char *p, size_t len)
{
	uint32_t table[256], c = 0xffffffffu;

	for (uint32_t n = 0; n < 256; n++) {
		uint32_t v = n;
		for (int k = 0; k < 8; k++)
			v = (v >> 1) ^ (0xedb88320u & (0u - (v & 1u)));
		table[n] = v;
	}
	for (size_t i = 0; i < len; i++)
		c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static void
put_be32(struct buf *out, uint32_t v)
{
	for (int k = 3; k >= 0; k--)
		buf_putc(out, (char)((v >> (8 * k)) & 0xff));
}

static void
put_chunk(struct buf *out, const char *type, const void *data, size_t len)
{
	size_t at;

	put_be32(out, (uint32_t)len);
	at = out->len;
	buf_put(out, type, 4);
	buf_put(out, data, len);
	put_be32(out, crc32_of((const unsigned char *)out->data + at, len + 4));
}

int
png_write_rgb24(const unsigned char *pixels, int width, int height,
    int stride, struct buf *out)
{
	size_t row = 1 + 3 * (size_t)width;
	unsigned char *raw, *prev, *cur;
	struct buf z = {0};
	unsigned char ihdr[13];

	if (width <= 0 || height <= 0)
		return -1;
	raw = xmalloc(row * (size_t)height);
	prev = xcalloc(3 * (size_t)width + 1, 1);
	cur = xmalloc(3 * (size_t)width + 1);
	for (int y = 0; y < height; y++) {
		const uint32_t *px = (const uint32_t *)(const void *)(pixels +
		    (size_t)y * (size_t)stride);
		unsigned char *dst = raw + (size_t)y * row;
		for (int x = 0; x < width; x++) {
			cur[3 * x] = (unsigned char)(px[x] >> 16);
			cur[3 * x + 1] = (unsigned char)(px[x] >> 8);
			cur[3 * x + 2] = (unsigned char)px[x];
		}
		/* filter "up": a row like the one above becomes zeros */
		dst[0] = 2;
		for (size_t k = 0; k < 3 * (size_t)width; k++)
			dst[1 + k] = (unsigned char)(cur[k] - prev[k]);
		unsigned char *t = prev;
		prev = cur;
		cur = t;
	}
	deflate_fixed(raw, row * (size_t)height, &z);
	buf_reset(out);
	buf_put(out, "\x89PNG\r\n\x1a\n", 8);
	for (int k = 0; k < 4; k++) {
		ihdr[k] = (unsigned char)(((uint32_t)width >> (24 - 8 * k)) & 0xff);
		ihdr[4 + k] = (unsigned char)(((uint32_t)height >> (24 - 8 * k)) &
		    0xff);
	}
	ihdr[8] = 8;          /* bits per channel */
	ihdr[9] = 2;          /* RGB */
	ihdr[10] = 0;
	ihdr[11] = 0;
	ihdr[12] = 0;
	put_chunk(out, "IHDR", ihdr, sizeof ihdr);
	put_chunk(out, "IDAT", z.data, z.len);
	put_chunk(out, "IEND", "", 0);
	buf_free(&z);
	free(raw);
	free(prev);
	free(cur);
	return 0;
}
