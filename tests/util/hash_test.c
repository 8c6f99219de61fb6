/* hash_test.c: the build cache's digests: XXH3-128 as published, the same
 * digest fed at once or piece by piece, on the stack or the heap, and
 * strings framed so that their boundaries count. */
#include "t.h"

#include <stdlib.h>

#include "util/hash.h"

static void
hex_of(struct digest d, char out[33])
{
	digest_hex(d, out);
}

int
main(void)
{
	char hex[33], hex2[33];
	static const char text[] = "村务公开：村级小微权力清单与办事流程图";
	struct hasher h;

	/* XXH3-128 of no bytes, seed 0, as xxHash's own tests give it */
	hex_of(digest_of("", 0), hex);
	T_STREQ(hex, "99aa06d3014798d86001c324468d497f", "XXH3-128 of nothing");

	/* one call or many pieces: the same digest */
	hasher_init(&h);
	for (size_t i = 0; i < sizeof text - 1; i += 5) {
		size_t n = sizeof text - 1 - i < 5 ? sizeof text - 1 - i : 5;
		hasher_put(&h, text + i, n);
	}
	hex_of(hasher_final(&h), hex);
	hex_of(digest_of(text, sizeof text - 1), hex2);
	T_STREQ(hex, hex2, "pieces and one call agree");

	/* a heap hasher (aligned for XXH3's state) equals a stack one */
	struct hasher *heap = hasher_new();
	T_CHECK(((uintptr_t)heap & 63) == 0, "heap hasher is 64-byte aligned");
	hasher_str(heap, "a");
	hasher_u64(heap, 42);
	hasher_init(&h);
	hasher_str(&h, "a");
	hasher_u64(&h, 42);
	T_CHECK(digest_equal(hasher_final(heap), hasher_final(&h)),
	    "heap and stack hashers agree");
	hasher_free(heap);
	hasher_free(NULL);

	/* framing: "ab"+"c" is not "a"+"bc", NULL is not "" */
	struct hasher x, y;
	hasher_init(&x);
	hasher_str(&x, "ab");
	hasher_str(&x, "c");
	hasher_init(&y);
	hasher_str(&y, "a");
	hasher_str(&y, "bc");
	T_CHECK(!digest_equal(hasher_final(&x), hasher_final(&y)),
	    "string boundaries change the digest");
	hasher_init(&x);
	hasher_str(&x, NULL);
	hasher_init(&y);
	hasher_str(&y, "");
	T_CHECK(!digest_equal(hasher_final(&x), hasher_final(&y)),
	    "NULL and the empty string differ");

	/* a digest goes on feeding: final does not end the hasher */
	hasher_init(&x);
	hasher_put(&x, "abc", 3);
	struct digest first = hasher_final(&x);
	hasher_put(&x, "d", 1);
	T_CHECK(!digest_equal(first, hasher_final(&x)), "more input, new digest");
	T_CHECK(digest_equal(hasher_final(&x), digest_of("abcd", 4)),
	    "final then more equals the whole");

	/* every bit of a 32-byte input reaches the digest */
	unsigned char buf[32] = {0};
	struct digest base = digest_of(buf, sizeof buf);
	int same = 0;
	for (int bit = 0; bit < 256; bit++) {
		buf[bit / 8] ^= (unsigned char)(1u << (bit % 8));
		same += digest_equal(base, digest_of(buf, sizeof buf));
		buf[bit / 8] ^= (unsigned char)(1u << (bit % 8));
	}
	T_INTEQ(same, 0, "each flipped bit changes the digest");
	return t_done();
}
