/* pixels.c: the pixel work on decoded photos: scaling down by area
 * averaging (a box filter that weighs the source pixels by how much of
 * them each pixel out covers: no aliasing at any ratio) and the EXIF turns. */
#include "media/work.h"

#include <stdlib.h>
#include <string.h>

void
media_fit_size(int width, int height, int max_side, int *fit_width,
    int *fit_height)
{
	*fit_width = width;
	*fit_height = height;
	if (max_side <= 0 || (width <= max_side && height <= max_side))
		return;
	if (width >= height) {
		*fit_width = max_side;
		*fit_height = (int)(((long long)height * max_side + width / 2) /
		    width);
	} else {
		*fit_height = max_side;
		*fit_width = (int)(((long long)width * max_side + height / 2) /
		    height);
	}
	if (*fit_width < 1)
		*fit_width = 1;
	if (*fit_height < 1)
		*fit_height = 1;
}

/* For each pixel out along one axis: the first source pixel it covers,
 * how many, and their weights (summing to 1). */
struct span {
	int first;
	int count;
	size_t weights;            /* index of the first in the weight array */
};

static float *
spans_of(int src, int dst, struct span *spans)
{
	double scale = (double)src / dst;
	/* each pixel out covers at most ceil(scale) + 1 source pixels */
	size_t per = (size_t)scale + 2;
	float *w = xmalloc(sizeof *w * per * (size_t)dst);
	size_t used = 0;

	for (int i = 0; i < dst; i++) {
		double lo = i * scale, hi = (i + 1) * scale;
		int first = (int)lo, last = (int)hi;
		if (last >= src || hi <= last)
			last--;
		if (last >= src)
			last = src - 1;
		if (last < first)
			last = first;
		spans[i].first = first;
		spans[i].count = last - first + 1;
		spans[i].weights = used;
		for (int k = first; k <= last; k++) {
			double a = k > lo ? k : lo, b = k + 1 < hi ? k + 1 : hi;
			w[used++] = (float)((b > a ? b - a : 0) / scale);
		}
	}
	return w;
}

void
media_scale(const struct media_image *src, int width, int height,
    struct media_image *dst)
{
	size_t src_stride = (size_t)src->width * 3;
	size_t stride = (size_t)width * 3;

	dst->width = width;
	dst->height = height;
	dst->rgb = xmalloc(stride * (size_t)height);
	if (width == src->width && height == src->height) {
		memcpy(dst->rgb, src->rgb, stride * (size_t)height);
		return;
	}
	struct span *xs = xmalloc(sizeof *xs * (size_t)width);
	struct span *ys = xmalloc(sizeof *ys * (size_t)height);
	float *xw = spans_of(src->width, width, xs);
	float *yw = spans_of(src->height, height, ys);
	float *row = xmalloc(sizeof *row * stride);
	float *acc = xmalloc(sizeof *acc * stride);

	for (int y = 0; y < height; y++) {
		memset(acc, 0, sizeof *acc * stride);
		for (int k = 0; k < ys[y].count; k++) {
			const unsigned char *in = src->rgb +
			    src_stride * (size_t)(ys[y].first + k);
			float wy = yw[ys[y].weights + (size_t)k];
			/* the source row across, then into the row out: a
			 * source row shared by two rows out is done twice, which
			 * costs less than keeping the whole narrowed image */
			for (int x = 0; x < width; x++) {
				const unsigned char *p = in + (size_t)xs[x].first * 3;
				const float *w = xw + xs[x].weights;
				float r = 0, g = 0, b = 0;
				for (int j = 0; j < xs[x].count; j++, p += 3) {
					r += w[j] * p[0];
					g += w[j] * p[1];
					b += w[j] * p[2];
				}
				row[x * 3] = r;
				row[x * 3 + 1] = g;
				row[x * 3 + 2] = b;
			}
			for (size_t i = 0; i < stride; i++)
				acc[i] += wy * row[i];
		}
		unsigned char *out = dst->rgb + stride * (size_t)y;
		for (size_t i = 0; i < stride; i++) {
			float v = acc[i] + 0.5f;
			out[i] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
		}
	}
	free(acc);
	free(row);
	free(yw);
	free(xw);
	free(ys);
	free(xs);
}

void
media_orient(struct media_image *img, int orientation)
{
	int w = img->width, h = img->height;
	bool swap = orientation >= 5;
	int ow = swap ? h : w, oh = swap ? w : h;
	unsigned char *out;

	if (orientation < 2 || orientation > 8)
		return;
	out = xmalloc((size_t)w * (size_t)h * 3);
	for (int y = 0; y < oh; y++)
		for (int x = 0; x < ow; x++) {
			int sx, sy;
			switch (orientation) {
			case 2: sx = w - 1 - x; sy = y; break;
			case 3: sx = w - 1 - x; sy = h - 1 - y; break;
			case 4: sx = x; sy = h - 1 - y; break;
			case 5: sx = y; sy = x; break;
			case 6: sx = y; sy = h - 1 - x; break;
			case 7: sx = w - 1 - y; sy = h - 1 - x; break;
			default: sx = w - 1 - y; sy = x; break;
			}
			memcpy(out + ((size_t)y * (size_t)ow + (size_t)x) * 3,
			    img->rgb + ((size_t)sy * (size_t)w + (size_t)sx) * 3, 3);
		}
	free(img->rgb);
	img->rgb = out;
	img->width = ow;
	img->height = oh;
}
