/* hash.c: the digests of the build cache. */
#include "util/hash.h"

#include <stdio.h>
#include <string.h>

/* ---- digests ---- */

/* Two 64-bit lanes that consume 8-byte words with different odd multipliers
 * and rotations, finished with a full avalanche of each lane. */
static uint64_t
rotl64(uint64_t x, int r)
{
	return (x << r) | (x >> (64 - r));
}

static uint64_t
avalanche(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

void
hasher_init(struct hasher *h)
{
	h->a = 0x6a09e667f3bcc908ULL;
	h->b = 0xbb67ae8584caa73bULL;
	h->len = 0;
}

static void
hasher_word(struct hasher *h, uint64_t w)
{
	h->a = rotl64(h->a ^ (w * 0x9e3779b97f4a7c15ULL), 31) * 0x87c37b91114253d5ULL;
	h->b = rotl64(h->b + (w ^ 0xd6e8feb86659fd93ULL), 27) * 0x4cf5ad432745937fULL +
	    h->a;
}

void
hasher_put(struct hasher *h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i = 0;

	h->len += len;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		hasher_word(h, w);
	}
	if (i < len) {
		uint64_t w = 0;
		for (size_t k = 0; i + k < len; k++)
			w |= (uint64_t)p[i + k] << (8 * k);
		hasher_word(h, w ^ ((uint64_t)(len - i) << 59));
	}
}

void
hasher_u64(struct hasher *h, uint64_t v)
{
	hasher_word(h, v);
	h->len += 8;
}

void
hasher_str(struct hasher *h, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	hasher_u64(h, s ? n : UINT64_MAX);
	if (n > 0)
		hasher_put(h, s, n);
}

void
hasher_digest(struct hasher *h, const struct digest *d)
{
	hasher_u64(h, d->hi);
	hasher_u64(h, d->lo);
}

struct digest
hasher_final(const struct hasher *h)
{
	struct digest d;
	uint64_t a = h->a ^ h->len, b = h->b ^ rotl64(h->len, 32);

	a += b;
	b += a;
	d.hi = avalanche(a);
	d.lo = avalanche(b ^ d.hi);
	return d;
}

struct digest
digest_of(const void *data, size_t len)
{
	struct hasher h;

	hasher_init(&h);
	hasher_put(&h, data, len);
	return hasher_final(&h);
}

bool
digest_equal(struct digest x, struct digest y)
{
	return x.hi == y.hi && x.lo == y.lo;
}

void
digest_hex(struct digest d, char out[33])
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < 16; i++) {
		out[i] = hex[(d.hi >> (60 - 4 * i)) & 15];
		out[16 + i] = hex[(d.lo >> (60 - 4 * i)) & 15];
	}
	out[32] = '\0';
}
