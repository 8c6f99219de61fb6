/* hash.h: 128-bit digests of content for the build cache's keys. */
#ifndef NB_UTIL_HASH_H
#define NB_UTIL_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A 128-bit digest of content, for cache keys: equal inputs, equal digests.
 * Not cryptographic; collisions are out of reach for the files of a county. */
struct digest {
	uint64_t hi;
	uint64_t lo;
};

struct hasher {
	uint64_t a;
	uint64_t b;
	uint64_t len;
};

void hasher_init(struct hasher *h);
void hasher_put(struct hasher *h, const void *data, size_t len);
/* Strings are framed by their length, so "ab"+"c" differs from "a"+"bc". */
void hasher_str(struct hasher *h, const char *s);
void hasher_u64(struct hasher *h, uint64_t v);
void hasher_digest(struct hasher *h, const struct digest *d);
struct digest hasher_final(const struct hasher *h);
struct digest digest_of(const void *data, size_t len);
bool digest_equal(struct digest x, struct digest y);
/* 32 hex digits and a NUL. */
void digest_hex(struct digest d, char out[33]);

#endif
