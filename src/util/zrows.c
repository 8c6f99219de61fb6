/* zrows.c: deflate for rendered images. A library compressor looks for
 * matches by hashing every byte, 3.5 ms for a full-HD 16-colour slide,
 * most of the build's time for the TV; but where a slide's matches are is
 * known before looking: a row is mostly the row above (the blank paper,
 * the band, the margins beside the text) or a run of one byte. So this
 * compares each position with the byte before and the byte a row above,
 * takes the longer match, and writes it with deflate's fixed codes: a
 * quarter of the time, for a stream about 1.4 times libdeflate's. Any
 * inflater reads it (the tests inflate it with libdeflate and compare). */
#include "util/zrows.h"

#include <libdeflate.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define WINDOW 32768
#define MIN_MATCH 4             /* shorter ones cost more than literals */
#define MAX_MATCH 258

/* The fixed Huffman codes (RFC 1951 3.2.6), bit-reversed as they are
 * written, and the length symbols with their extra bits. */
struct codes {
	uint16_t lit[288];
	uint8_t lit_bits[288];
	/* a length's symbol's code and its extra bits, as written */
	uint32_t len_code[MAX_MATCH + 1];
	uint8_t len_bits[MAX_MATCH + 1];
};

struct writer {
	unsigned char *p;
	uint64_t acc;
	int n;
};

static uint32_t
reverse(uint32_t v, int bits)
{
	uint32_t r = 0;

	for (int i = 0; i < bits; i++, v >>= 1)
		r = r << 1 | (v & 1);
	return r;
}

static void
codes_init(struct codes *c)
{
	static const uint16_t base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15,
		17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
		227, 258};
	static const uint8_t extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2,
		2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};

	for (uint32_t s = 0; s < 288; s++) {
		uint32_t code;
		int bits;
		if (s < 144) {
			code = 0x30 + s;
			bits = 8;
		} else if (s < 256) {
			code = 0x190 + s - 144;
			bits = 9;
		} else if (s < 280) {
			code = s - 256;
			bits = 7;
		} else {
			code = 0xc0 + s - 280;
			bits = 8;
		}
		c->lit[s] = (uint16_t)reverse(code, bits);
		c->lit_bits[s] = (uint8_t)bits;
	}
	for (int len = 3, k = 0; len <= MAX_MATCH; len++) {
		/* 258 has a symbol of its own, not 227's with extra 31 */
		while (k < 28 && base[k + 1] <= len)
			k++;
		unsigned sym = 257 + (unsigned)k;
		c->len_code[len] = c->lit[sym] |
		    (uint32_t)(len - base[k]) << c->lit_bits[sym];
		c->len_bits[len] = (uint8_t)(c->lit_bits[sym] + extra[k]);
	}
}

static inline void
put(struct writer *w, uint32_t v, int bits)
{
	w->acc |= (uint64_t)v << w->n;
	w->n += bits;
	/* the whole bytes out, without a branch: the word is stored every
	 * time (the buffer has room past the stream), the pointer moves on
	 * by the bytes complete */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	memcpy(w->p, &w->acc, 8);
#else
	for (int k = 0; k < 8; k++)
		w->p[k] = (unsigned char)(w->acc >> 8 * k);
#endif
	w->p += w->n >> 3;
	w->acc >>= w->n & ~7;
	w->n &= 7;
}

/* A distance's code and extra bits, written as one piece. */
struct dist {
	uint32_t bits;
	int n;
};

static struct dist
dist_code(uint32_t d)
{
	static const uint16_t base[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33,
		49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
		4097, 6145, 8193, 12289, 16385, 24577};
	struct dist out;
	int k = 29, extra;

	while (base[k] > d)
		k--;
	extra = k < 2 ? 0 : k / 2 - 1;
	out.bits = reverse((uint32_t)k, 5) | (d - base[k]) << 5;
	out.n = 5 + extra;
	return out;
}

static void
match(struct writer *w, const struct codes *c, size_t len, struct dist d)
{
	while (len >= 3) {
		size_t l = len > MAX_MATCH ? MAX_MATCH : len;
		/* never leave a tail shorter than a match can be */
		if (len > MAX_MATCH && len - l < 3)
			l = len - 3;
		/* the length's code, its extra bits and the distance, at most
		 * 8 + 5 + 5 + 13 bits: one write */
		put(w, c->len_code[l] | d.bits << c->len_bits[l],
		    c->len_bits[l] + d.n);
		len -= l;
	}
}

/* Which of the eight bytes of a word loaded by memcpy is the first in
 * memory that is not 0: x is not 0. */
static inline size_t
first_set(uint64_t x)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (size_t)__builtin_ctzll(x) / 8;
#else
	unsigned char b[8];
	size_t k = 0;

	memcpy(b, &x, 8);
	while (b[k] == 0)
		k++;
	return k;
#endif
}

/* How many bytes from a and b agree, up to max: eight at a time, and the
 * word that differs tells where. */
static size_t
agree(const unsigned char *a, const unsigned char *b, size_t max)
{
	size_t k = 0;

	while (k + 8 <= max) {
		uint64_t x, y;
		memcpy(&x, a + k, 8);
		memcpy(&y, b + k, 8);
		if (x != y)
			return k + first_set(x ^ y);
		k += 8;
	}
	while (k < max && a[k] == b[k])
		k++;
	return k;
}

/* How many bytes from p repeat p[-1], up to max. */
static size_t
run(const unsigned char *p, size_t max)
{
	uint64_t all = 0x0101010101010101ull * p[-1], x;
	size_t k = 0;

	while (k + 8 <= max) {
		memcpy(&x, p + k, 8);
		if (x != all)
			return k + first_set(x ^ all);
		k += 8;
	}
	while (k < max && p[k] == p[-1])
		k++;
	return k;
}

void
zrows_begin(struct zrows *z, struct buf *out)
{
	memset(z, 0, sizeof *z);
	z->adler = 1;
	buf_grow(out, 16);
	/* CMF, FLG: deflate with a 32 KiB window, the fastest level */
	out->data[out->len++] = 0x78;
	out->data[out->len++] = 0x01;
	/* the last block, of fixed codes: 1, then 01 */
	z->acc = 1 | 1 << 1;
	z->bits = 3;
}

void
zrows_add(struct zrows *z, const unsigned char *data, size_t to,
    size_t row_len, struct buf *out)
{
	struct codes c;
	struct writer w;
	struct dist above, one;
	bool rows = row_len > 0 && row_len <= WINDOW;
	size_t i = z->at, next_row = z->next_row, n = to;

	if (to <= i)
		return;
	z->adler = libdeflate_adler32(z->adler, data + i, to - i);
	codes_init(&c);
	above = dist_code(rows ? (uint32_t)row_len : 1);
	one = dist_code(1);
	/* at most 9 bits a byte, and a match is never longer than its
	 * literals: a block's end and the checksum besides, and the eight
	 * bytes put() stores past the stream's end */
	buf_grow(out, (to - i) + (to - i) / 8 + 40);
	w.p = (unsigned char *)out->data + out->len;
	w.acc = z->acc;
	w.n = z->bits;
	while (i < n) {
		size_t up = 0, same = 0;
		/* a row the same as the one above, and the rows after it
		 * (blank paper, a band): compared whole, one match */
		if (rows && i >= next_row) {
			bool row_start = i == next_row;
			size_t k = i;
			/* the division once a row, not once a byte */
			next_row = i - i % row_len + row_len;
			while (row_start && k >= row_len && k + row_len <= n &&
			    memcmp(data + k, data + k - row_len, row_len) == 0)
				k += row_len;
			/* (a row of one or two bytes is no match: it goes
			 * on as literals) */
			if (k > i && k - i >= 3) {
				/* and what the next row shares with its own above */
				k += agree(data + k, data + k - row_len, n - k);
				match(&w, &c, k - i, above);
				i = k;
				continue;
			}
		}
		/* neither four bytes as above nor four repeating the byte
		 * before: a literal, as is most of a text's antialiased edge;
		 * told by two comparisons, not by measuring both matches */
		if (i > 0 && i + MIN_MATCH <= n) {
			uint32_t here, up4 = 0;
			memcpy(&here, data + i, 4);
			if (rows && i >= row_len)
				memcpy(&up4, data + i - row_len, 4);
			if (here != 0x01010101u * data[i - 1] && (!rows ||
			    i < row_len || here != up4)) {
				put(&w, c.lit[data[i]], c.lit_bits[data[i]]);
				i++;
				continue;
			}
		}
		if (rows && i >= row_len)
			up = agree(data + i, data + i - row_len, n - i);
		if (up < 64 && i > 0)
			same = run(data + i, n - i);
		if (up >= MIN_MATCH && up >= same) {
			match(&w, &c, up, above);
			i += up;
		} else if (same >= MIN_MATCH) {
			match(&w, &c, same, one);
			i += same;
		} else {
			put(&w, c.lit[data[i]], c.lit_bits[data[i]]);
			i++;
		}
	}
	/* the bits of a byte not yet whole stay with the stream's state:
	 * the bytes written are whole */
	out->len = (size_t)(w.p - (unsigned char *)out->data);
	out->data[out->len] = '\0';
	z->acc = w.acc;
	z->bits = w.n;
	z->at = i;
	z->next_row = next_row;
}

void
zrows_end(struct zrows *z, struct buf *out)
{
	struct codes c;
	struct writer w;

	codes_init(&c);
	buf_grow(out, 16);
	w.p = (unsigned char *)out->data + out->len;
	w.acc = z->acc;
	w.n = z->bits;
	put(&w, c.lit[256], c.lit_bits[256]);
	while (w.n > 0) {
		*w.p++ = (unsigned char)w.acc;
		w.acc >>= 8;
		w.n = w.n > 8 ? w.n - 8 : 0;
	}
	w.p[0] = (unsigned char)(z->adler >> 24);
	w.p[1] = (unsigned char)(z->adler >> 16);
	w.p[2] = (unsigned char)(z->adler >> 8);
	w.p[3] = (unsigned char)z->adler;
	w.p += 4;
	out->len = (size_t)(w.p - (unsigned char *)out->data);
	out->data[out->len] = '\0';
}

void
zrows_compress(const unsigned char *data, size_t n, size_t row_len,
    struct buf *out)
{
	struct zrows z;

	zrows_begin(&z, out);
	zrows_add(&z, data, n, row_len, out);
	zrows_end(&z, out);
}
