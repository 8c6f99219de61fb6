/* fuzz_image.c: libFuzzer target for the image loader of src/media: every
 * input is probed, then made into two small variants (decoding, turning,
 * scaling, encoding), then decoded for a poster; any input must give an
 * image or an error, never a crash, a leak or a huge allocation. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "media/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct media_info info;
	struct media_out out;
	struct media_image img = {0};
	struct buf err = {0};
	static const int sides[] = {48, 16};

	if (media_probe(data, size, &info, &err) == 0 &&
	    (info.width <= 0 || info.height <= 0 || info.orientation < 1 ||
	    info.orientation > 8))
		abort();
	buf_reset(&err);
	if (media_photo_variants(data, size, sides, 2, &out, &err) == 0) {
		for (size_t i = 0; i < out.n; i++)
			if (out.variants[i].width > 48 || out.variants[i].height > 48 ||
			    out.variants[i].data.len == 0)
				abort();
		media_out_free(&out);
	} else if (err.len == 0) {
		abort();                   /* an error must say what it is */
	}
	buf_reset(&err);
	if (media_decode_for_print(data, size, 20, 10, 150, &img, &info,
	    &err) == 0)
		media_image_free(&img);
	buf_free(&err);
	return 0;
}
