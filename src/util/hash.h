/* hash.h: 128-bit digests of content for the build cache's keys: xxHash's
 * XXH3 (128 bits), one-shot or fed piece by piece. */
#ifndef NB_UTIL_HASH_H
#define NB_UTIL_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* the state's layout, so that a hasher can live on the stack */
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

/* A 128-bit digest of content, for cache keys: equal inputs, equal digests.
 * Not cryptographic; collisions are out of reach for the files of a county. */
struct digest {
	uint64_t hi;
	uint64_t lo;
};

/* XXH3's state wants 64-byte alignment, which the stack and static storage
 * give but malloc does not: a hasher that must live on the heap is made by
 * hasher_new. */
struct hasher {
	XXH3_state_t state;
};

void hasher_init(struct hasher *h);
/* A hasher on the heap, initialised; hasher_free accepts NULL. */
struct hasher *hasher_new(void);
void hasher_free(struct hasher *h);
void hasher_put(struct hasher *h, const void *data, size_t len);
/* Strings are framed by their length, so "ab"+"c" differs from "a"+"bc";
 * NULL differs from "". */
void hasher_str(struct hasher *h, const char *s);
/* The eight bytes of v, least significant first. */
void hasher_u64(struct hasher *h, uint64_t v);
void hasher_digest(struct hasher *h, const struct digest *d);
struct digest hasher_final(const struct hasher *h);
struct digest digest_of(const void *data, size_t len);
bool digest_equal(struct digest x, struct digest y);
/* 64 bits of a string, for a table's buckets (XXH3). */
uint64_t hash_str64(const char *s);
/* 32 hex digits and a NUL. */
void digest_hex(struct digest d, char out[33]);

#endif
