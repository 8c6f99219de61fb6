/* hash.c: the digests of the build cache, on xxHash's XXH3-128: a maintained,
 * fast hash whose 128 bits put collisions out of reach for a county's files.
 * A change of the hash changes every key, so the engine's manifest carries a
 * format version and an older one is simply rebuilt. */
#include "util/hash.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

void
hasher_init(struct hasher *h)
{
	/* only fails for a NULL state */
	(void)XXH3_128bits_reset(&h->state);
}

struct hasher *
hasher_new(void)
{
	/* aligned_alloc wants a size that is a multiple of the alignment */
	size_t align = _Alignof(struct hasher);
	size_t size = (sizeof(struct hasher) + align - 1) / align * align;
	struct hasher *h = aligned_alloc(align, size);

	if (h == NULL)
		nb_out_of_memory();
	hasher_init(h);
	return h;
}

void
hasher_free(struct hasher *h)
{
	free(h);
}

void
hasher_put(struct hasher *h, const void *data, size_t len)
{
	if (len > 0)
		(void)XXH3_128bits_update(&h->state, data, len);
}

void
hasher_u64(struct hasher *h, uint64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	hasher_put(h, b, sizeof b);
}

void
hasher_str(struct hasher *h, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	hasher_u64(h, s ? n : UINT64_MAX);
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
	XXH128_hash_t x = XXH3_128bits_digest(&h->state);

	return (struct digest){.hi = x.high64, .lo = x.low64};
}

struct digest
digest_of(const void *data, size_t len)
{
	XXH128_hash_t x = XXH3_128bits(data, len);

	return (struct digest){.hi = x.high64, .lo = x.low64};
}

uint64_t
hash_str64(const char *s)
{
	return XXH3_64bits(s, strlen(s));
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
