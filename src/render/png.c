/* png.c: PNG for the flowcharts and the poster previews: cairo RGB24 rows
 * in, an 8-bit RGB PNG out, deflated by libdeflate; or, for a chart (see
 * nbpng_flat), a palette PNG packed by zrows. cairo's own writer
 * (libpng at zlib's default level, every row filter tried on every row)
 * spent most of a chart's or a poster's time; both are flat colour, thin
 * lines and text, which libdeflate at a low level packs smaller than that
 * and several times faster.
 *
 * libdeflate compresses whole buffers only, it has no stream. So the rows,
 * which come in any number at a time (a chart is drawn in bands, and may
 * be taller than cairo's 32767-pixel surfaces), are filtered as they come
 * into one buffer of the whole filtered image, and nbpng_finish compresses
 * that in one call. The buffer is what this costs: 3 bytes a pixel and 1 a
 * row, about 3/4 of the image's cairo pixels (a 2,000 x 40,000 chart takes
 * 240 MB), where a streaming deflate kept its 32K window; it is taken in
 * one allocation, whose pages the system gives as the rows fill them. The
 * same pixels always give the same bytes. */
#define _DEFAULT_SOURCE          /* madvise's MADV_HUGEPAGE */
#include "render/png.h"

#include <sys/mman.h>

#include "util/zrows.h"

#include <libdeflate.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* libdeflate's level, by measure on the demo's PNGs (bench/png_bench.sh):
 * level 1 is the fastest libdeflate has, and still takes about 1.6 times
 * the old hand-written encoder's time (greedy matches and fixed codes) for
 * 29% smaller files; 2 packs the poster previews 11% smaller but the charts
 * take 30% longer, and 3 to 6 gain up to 6% more for up to 24% more time.
 * Speed first: the build makes every chart and preview anew when its
 * content changes. Measured again on the 47 charts of the catalog (at 2x,
 * as `noticeboard flow` writes them), filter by level: None at 1 is both
 * the fastest and the smallest, 536 ms and 5.6 MB in all; None at 2 and 6
 * take 26% and 41% more time for 4% and 7% less; Up, Sub and Paeth are
 * 14 to 21% larger at every level and slower at 1 (937 ms) than at 2.
 * Most of the time goes on the blank paper: libdeflate takes longer over
 * 6 MB of one byte (18 ms) than over a whole chart of that size. An exact
 * palette (colour type 3) would give it a third of the bytes, but no chart
 * has 256 colours or fewer (the text's anti-aliased edges give each one
 * thousands): nbpng_flat chooses 256 of them, which draw the rest a few
 * steps off. The 47 charts so, packed by zrows, are 3.6 MB where they
 * were 5.5 MB in RGB by libdeflate (18 MB in RGB by zrows), and the
 * encoding takes a quarter of its time. */
#define LEVEL 1

/* The filtered image is written once, front to back, and is megabytes
 * (12.8 MB for a 2,000-pixel-square chart): in 4 KiB pages, each taken
 * by a fault of its own, they cost a one-chart `noticeboard flow` about
 * 4% of its time; so a buffer of HUGE bytes or more is aligned to them
 * and the system is asked for its large pages (Linux's transparent huge
 * pages, where they are "madvise"), a fault per 2 MiB. The same memory
 * either way, the same bytes out. */
#define HUGE ((size_t)2 << 20)

struct nbpng_encoder {
	int width, height;
	int rows_in;                 /* rows added so far */
	size_t row_bytes;            /* the filter byte, then RGB */
	unsigned char *data;         /* the filtered rows, row_bytes each */
	size_t len;                  /* of them, so far */
	struct flat *flat;           /* a chart's colours, or NULL */
	bool fast;                   /* zrows, not libdeflate */
	bool finished;
};

/* A flat image (a chart: a few inks, and the antialiased edges between
 * them) goes in as runs of one colour, each a colour number and a
 * length, and out as a palette of 256 colours at most, 1 byte a pixel: a
 * third of the bytes for zrows to pack. A colour not in the palette is
 * drawn as its nearest there (see choose_palette). More than MAX_COLOURS
 * colours (a photograph) and the rows are turned back into RGB. A row
 * has no runs of its own when it is the same as the row above (the
 * paper, a lane, the sides of a box): most of a chart's rows. */
#define MAX_COLOURS 65535
/* A run is most often one pixel of a glyph's antialiased edge, whose
 * colour is one of the few that its ink makes on its paper: the numbers
 * of the colours met lately are kept in a small table of their own,
 * which the cache holds, before the hash table of all (thousands of
 * slots, most of a run's time when it was looked up for every run). */
#define RECENT 512

struct flat {
	/* the colours' numbers by colour, a hash table kept at most half
	 * full: a chart's few thousand colours in a table the cache holds */
	uint32_t *slot_key;          /* 0xRRGGBB + 1, or 0 for none */
	uint16_t *slot_id;
	size_t slots;                /* a power of two */
	/* by number: 0xRRGGBB, and how many pixels; room for cap, grown
	 * as the colours come (a chart's few thousand: the whole 65,535
	 * were 512 KB zeroed for every image) */
	uint32_t *key;
	uint32_t *count;
	size_t n, cap;
	uint32_t last_key;           /* the pixel before, and its number */
	uint16_t last_id;
	/* the colours met lately, by a few bits of each (see flat_row) */
	uint32_t recent_key[RECENT]; /* 0xRRGGBB + 1, or 0 for none */
	uint16_t recent_id[RECENT];
	uint32_t *runs;              /* number << 16 | length */
	size_t n_runs, cap_runs;
	size_t *row_end;             /* row y's runs: row_end[y] to [y + 1] */
};

/* RGB as it is (filter None): libdeflate finds the repeats itself, a row
 * above or a glyph to the left. The demo's images pack 15 to 17% smaller
 * so than with rows filtered Up, Sub or Paeth, 13% smaller than with the
 * filter of least differences chosen row by row, and in less time. */
static void
filter_row(struct nbpng_encoder *e, const uint32_t *src)
{
	unsigned char *dst = e->data + e->len;

	*dst++ = 0;
	for (int x = 0; x < e->width; x++, dst += 3) {
		uint32_t c = src[x];
		dst[0] = (unsigned char)(c >> 16);
		dst[1] = (unsigned char)(c >> 8);
		dst[2] = (unsigned char)c;
	}
	e->len += e->row_bytes;
}

static size_t
slot_of(const struct flat *f, uint32_t key)
{
	size_t i = (size_t)(key * 0x9e3779b1u >> 8) & (f->slots - 1);

	while (f->slot_key[i] != 0 && f->slot_key[i] != key + 1)
		i = (i + 1) & (f->slots - 1);
	return i;
}

static void
slots_make(struct flat *f, size_t slots)
{
	f->slots = slots;
	f->slot_key = xcalloc(slots, sizeof *f->slot_key);
	f->slot_id = xmalloc(slots * sizeof *f->slot_id);
	for (size_t id = 0; id < f->n; id++) {
		size_t i = slot_of(f, f->key[id]);
		f->slot_key[i] = f->key[id] + 1;
		f->slot_id[i] = (uint16_t)id;
	}
}

/* The colour's number, a new one if it is new; -1 past MAX_COLOURS. */
static int
colour_id(struct flat *f, uint32_t key)
{
	size_t i = slot_of(f, key);

	if (f->slot_key[i] != 0)
		return f->slot_id[i];
	if (f->n == MAX_COLOURS)
		return -1;
	if (f->n == f->cap) {
		size_t cap = f->cap * 2 < MAX_COLOURS ? f->cap * 2 : MAX_COLOURS;
		f->key = xrealloc(f->key, cap * sizeof *f->key);
		f->count = xrealloc(f->count, cap * sizeof *f->count);
		memset(f->count + f->cap, 0, (cap - f->cap) * sizeof *f->count);
		f->cap = cap;
	}
	f->key[f->n++] = key;
	if (2 * f->n > f->slots) {
		free(f->slot_key);
		free(f->slot_id);
		slots_make(f, 2 * f->slots);    /* with the new colour */
	} else {
		f->slot_key[i] = key + 1;
		f->slot_id[i] = (uint16_t)(f->n - 1);
	}
	return (int)f->n - 1;
}

/* The runs of row y: the first, and how many (none: as the row above). */
static const uint32_t *
row_runs(const struct flat *f, int y, size_t *n)
{
	*n = f->row_end[y + 1] - f->row_end[y];
	return f->runs + f->row_end[y];
}

static void
flat_free(struct flat *f)
{
	if (f == NULL)
		return;
	free(f->key);
	free(f->count);
	free(f->runs);
	free(f->row_end);
	free(f->slot_key);
	free(f->slot_id);
	free(f);
}

/* Too many colours for a palette: the rows so far become RGB. */
static void
flat_to_rgb(struct nbpng_encoder *e)
{
	struct flat *f = e->flat;

	for (int y = 0; y < e->rows_in; y++) {
		unsigned char *row = e->data + (size_t)y * e->row_bytes;
		size_t n;
		const uint32_t *r = row_runs(f, y, &n);
		row[0] = 0;
		if (n == 0) {
			memcpy(row + 1, row + 1 - e->row_bytes, e->row_bytes - 1);
			continue;
		}
		unsigned char *o = row + 1;
		for (size_t i = 0; i < n; i++) {
			uint32_t c = f->key[r[i] >> 16];
			for (uint32_t k = 0; k < (r[i] & 0xffff); k++, o += 3) {
				o[0] = (unsigned char)(c >> 16);
				o[1] = (unsigned char)(c >> 8);
				o[2] = (unsigned char)c;
			}
		}
	}
	e->len = (size_t)e->rows_in * e->row_bytes;
	flat_free(f);
	e->flat = NULL;
}

static void
push_run(struct flat *f, uint32_t run)
{
	if (f->n_runs == f->cap_runs) {
		f->cap_runs = f->cap_runs ? 2 * f->cap_runs : 4096;
		f->runs = xrealloc(f->runs, f->cap_runs * sizeof *f->runs);
	}
	f->runs[f->n_runs++] = run;
}

/* A row as runs; false when there are too many colours. */
static bool
flat_row(struct nbpng_encoder *e, const uint32_t *src, const uint32_t *above)
{
	struct flat *f = e->flat;
	uint32_t last = f->last_key;
	uint16_t id = f->last_id;
	int x = 0, y = e->rows_in;

	if (above == NULL || y == 0 ||
	    memcmp(src, above, (size_t)e->width * 4) != 0)
		while (x < e->width) {
			uint32_t c = src[x] & 0xffffff;
			uint64_t two = (uint64_t)c << 32 | c, v0, v1, v2, v3;
			const uint64_t mask = 0x00ffffff00ffffffull;
			int end = x + 1;
			/* a run of one pixel (three in four of a text's runs)
			 * told at once; a longer one eight pixels at a time,
			 * then two, cairo's unused top bytes aside */
			if (end < e->width && (src[end] & 0xffffff) == c) {
				while (end + 8 <= e->width) {
					memcpy(&v0, src + end, 8);
					memcpy(&v1, src + end + 2, 8);
					memcpy(&v2, src + end + 4, 8);
					memcpy(&v3, src + end + 6, 8);
					if ((((v0 ^ two) | (v1 ^ two) | (v2 ^ two) |
					    (v3 ^ two)) & mask) != 0)
						break;
					end += 8;
				}
				while (end + 2 <= e->width) {
					memcpy(&v0, src + end, 8);
					if (((v0 ^ two) & mask) != 0)
						break;
					end += 2;
				}
				while (end < e->width &&
				    (src[end] & 0xffffff) == c)
					end++;
			}
			if (c != last) {
				size_t r = (size_t)(c * 0x9e3779b1u >> 23) &
				    (RECENT - 1);
				if (f->recent_key[r] == c + 1)
					id = f->recent_id[r];
				else {
					int got = colour_id(f, c);
					if (got < 0)
						return false;
					id = (uint16_t)got;
					f->recent_key[r] = c + 1;
					f->recent_id[r] = id;
				}
				last = c;
			}
			f->count[id] += (uint32_t)(end - x);
			push_run(f, (uint32_t)id << 16 | (uint32_t)(end - x));
			x = end;
		}
	f->row_end[y + 1] = f->n_runs;
	f->last_key = last;
	f->last_id = id;
	return true;
}

struct nbpng_encoder *
nbpng_begin(int width, int height)
{
	struct nbpng_encoder *e;
	size_t row_bytes;

	if (width <= 0 || height <= 0)
		return NULL;
	row_bytes = (size_t)width * 3 + 1;
	if ((size_t)height > SIZE_MAX / row_bytes)
		return NULL;
	e = xcalloc(1, sizeof *e);
	e->width = width;
	e->height = height;
	e->row_bytes = row_bytes;
	/* the whole filtered image; its size is the caller's, so one too big
	 * to hold is a failure to encode it, not the program's end */
	size_t size = row_bytes * (size_t)height;
	if (size >= HUGE && size <= SIZE_MAX - HUGE) {
		size_t whole = (size + HUGE - 1) / HUGE * HUGE;
		void *p = NULL;
		if (posix_memalign(&p, HUGE, whole) == 0) {
			e->data = p;
#ifdef MADV_HUGEPAGE
			(void)madvise(p, whole, MADV_HUGEPAGE);
#endif
		}
	} else
		e->data = malloc(size);
	if (e->data == NULL) {
		free(e);
		return NULL;
	}
	return e;
}

int
nbpng_flat(struct nbpng_encoder *e)
{
	/* (a run's length is 16 bits) */
	if (e->rows_in > 0 || e->finished || e->width > 0xffff)
		return -1;
	e->fast = true;
	if (e->flat == NULL) {
		e->flat = xcalloc(1, sizeof *e->flat);
		e->flat->cap = 1024;
		e->flat->key = xmalloc(e->flat->cap * sizeof *e->flat->key);
		e->flat->count = xcalloc(e->flat->cap, sizeof *e->flat->count);
		e->flat->last_key = 0xffffffff;
		e->flat->row_end = xcalloc((size_t)e->height + 1,
		    sizeof *e->flat->row_end);
		slots_make(e->flat, 4096);
	}
	return 0;
}

int
nbpng_add_rows(struct nbpng_encoder *e, const unsigned char *pixels, int stride,
    int rows)
{
	if (e->finished || rows < 0 || rows > e->height - e->rows_in)
		return -1;
	for (int y = 0; y < rows; y++) {
		const uint32_t *src = (const uint32_t *)(const void *)(pixels +
		    (size_t)y * (size_t)stride);
		const uint32_t *above = y > 0 ? (const uint32_t *)(const void *)
		    (pixels + (size_t)(y - 1) * (size_t)stride) : NULL;
		if (e->flat != NULL && !flat_row(e, src, above))
			flat_to_rgb(e);
		if (e->flat == NULL)
			filter_row(e, src);
		e->rows_in++;
	}
	return 0;
}

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A chunk whose length, type and data are in place at p: its CRC after. */
static void
end_chunk(unsigned char *p, size_t len)
{
	put_be32(p + 8 + len, libdeflate_crc32(0, p + 4, len + 4));
}

/* Signature, IHDR, a palette's PLTE (n_palette colours, none for RGB
 * or grey) and the IDAT's length and type at p: head_bytes(n_palette)
 * bytes. */
static size_t
head_bytes(int n_palette)
{
	return 8 + 25 + (n_palette > 0 ? 12 + 3 * (size_t)n_palette : 0) + 8;
}

static void
put_head(unsigned char *p, int width, int height, int depth,
    int colour_type, const uint32_t *palette, int n_palette, size_t zlen)
{
	static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n'};

	memcpy(p, signature, sizeof signature);
	p += sizeof signature;
	put_be32(p, 13);
	memcpy(p + 4, "IHDR", 4);
	put_be32(p + 8, (uint32_t)width);
	put_be32(p + 12, (uint32_t)height);
	p[16] = (unsigned char)depth;    /* bits per channel or index */
	p[17] = (unsigned char)colour_type;
	p[18] = 0;               /* deflate */
	p[19] = 0;               /* the standard filters */
	p[20] = 0;               /* no interlace */
	end_chunk(p, 13);
	p += 25;
	if (n_palette > 0) {
		put_be32(p, 3 * (uint32_t)n_palette);
		memcpy(p + 4, "PLTE", 4);
		for (int i = 0; i < n_palette; i++) {
			p[8 + 3 * i] = (unsigned char)(palette[i] >> 16);
			p[8 + 3 * i + 1] = (unsigned char)(palette[i] >> 8);
			p[8 + 3 * i + 2] = (unsigned char)palette[i];
		}
		end_chunk(p, 3 * (size_t)n_palette);
		p += 12 + 3 * (size_t)n_palette;
	}
	put_be32(p, (uint32_t)zlen);
	memcpy(p + 4, "IDAT", 4);
}

/* The IDAT's CRC and IEND after its zlen bytes of data, whose chunk
 * starts at p. */
static unsigned char *
put_tail(unsigned char *p, size_t zlen)
{
	end_chunk(p, zlen);
	p += 12 + zlen;
	put_be32(p, 0);
	memcpy(p + 4, "IEND", 4);
	end_chunk(p, 0);
	return p + 12;
}

/* How far apart two colours look, roughly: green counts most, blue
 * least, as the eye weighs them. */
static uint32_t
distance(uint32_t a, uint32_t b)
{
	int dr = (int)(a >> 16 & 0xff) - (int)(b >> 16 & 0xff);
	int dg = (int)(a >> 8 & 0xff) - (int)(b >> 8 & 0xff);
	int db = (int)(a & 0xff) - (int)(b & 0xff);

	return (uint32_t)(3 * dr * dr + 4 * dg * dg + 2 * db * db);
}

/* The colours by green, in blocks of BLOCK, each knowing its worst drawn
 * (see choose_palette). */
#define BLOCK 32

struct greens {
	size_t n;
	uint32_t *number;            /* the colours' numbers, by green */
	uint32_t *key;               /* their 0xRRGGBB */
	uint32_t *best;              /* distance to the nearest taken */
	uint32_t *weight;
	size_t *worst;               /* a block's worst drawn, by place */
};

/* Whether the colour at place a is worse drawn than that at b: by score,
 * then the first by number. */
static bool
worse(const struct greens *g, size_t a, size_t b)
{
	uint64_t sa = (uint64_t)g->best[a] * g->weight[a];
	uint64_t sb = (uint64_t)g->best[b] * g->weight[b];

	return sa > sb || (sa == sb && g->number[a] < g->number[b]);
}

static void
block_worst(struct greens *g, size_t b)
{
	size_t end = (b + 1) * BLOCK < g->n ? (b + 1) * BLOCK : g->n;
	size_t w = b * BLOCK;

	for (size_t k = w + 1; k < end; k++)
		if (worse(g, k, w))
			w = k;
	g->worst[b] = w;
}

/* The palette of a flat image, and each colour's place in it (index).
 * 256 colours or fewer: all of them, exactly. More (a chart's inks give
 * thousands, all but a few on the edges of its text and lines): the
 * colours are taken one by one, each the one worst drawn by those taken
 * before (its distance to the nearest, weighed by how often it is
 * there, in powers of two; the first of equals by number); so the inks,
 * the paper and the fills come first and exactly, and the edges' blends,
 * spread over each pair of inks, are drawn at most a few steps of 256
 * off. The same colours in the same order give the same palette.
 *
 * A colour taken can only draw better the colours whose green is near
 * its own (the distance weighs green's difference 4 times): those are
 * found in the colours sorted by green, within what the worst score
 * allows; and the worst is found among the blocks' worst, of which only
 * the blocks of those colours are looked at again. */
static int
choose_palette(const struct flat *f, uint32_t *palette, unsigned char *index)
{
	struct greens g;
	size_t at[257] = {0}, n_blocks;
	int n = 0;

	if (f->n <= 256) {
		for (size_t i = 0; i < f->n; i++) {
			palette[i] = f->key[i];
			index[i] = (unsigned char)i;
		}
		return (int)f->n;
	}
	g.n = f->n;
	n_blocks = (g.n + BLOCK - 1) / BLOCK;
	g.number = xmalloc(g.n * sizeof *g.number);
	g.key = xmalloc(g.n * sizeof *g.key);
	g.best = xmalloc(g.n * sizeof *g.best);
	g.weight = xmalloc(g.n * sizeof *g.weight);
	g.worst = xmalloc(n_blocks * sizeof *g.worst);
	bool *dirty = xcalloc(n_blocks, sizeof *dirty);
	/* by green, then by number: counted into 256 places */
	for (size_t i = 0; i < f->n; i++)
		at[(f->key[i] >> 8 & 0xff) + 1]++;
	for (int k = 0; k < 256; k++)
		at[k + 1] += at[k];
	for (size_t i = 0; i < f->n; i++) {
		size_t k = at[f->key[i] >> 8 & 0xff]++;
		uint32_t w = 1;
		for (uint32_t c = f->count[i]; c > 1; c >>= 1)
			w++;
		g.number[k] = (uint32_t)i;
		g.key[k] = f->key[i];
		g.best[k] = UINT32_MAX / 32;
		g.weight[k] = w;
	}
	for (size_t b = 0; b < n_blocks; b++)
		block_worst(&g, b);
	while (n < 256) {
		size_t pick = g.worst[0];
		for (size_t b = 1; b < n_blocks; b++)
			if (worse(&g, g.worst[b], pick))
				pick = g.worst[b];
		uint64_t score = (uint64_t)g.best[pick] * g.weight[pick];
		if (score == 0)
			break;
		uint32_t taken = g.key[pick];
		palette[n] = taken;
		/* a colour whose green is d off has 4 d^2 of distance at
		 * least, and gains only where that is under its best,
		 * itself at most the worst score */
		int green = (int)(taken >> 8 & 0xff);
		int reach = (int)sqrt((double)score / 4) + 1;
		size_t lo = 0, hi = g.n;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if ((int)(g.key[mid] >> 8 & 0xff) < green - reach)
				lo = mid + 1;
			else
				hi = mid;
		}
		size_t k = lo;
		for (; k < g.n && (int)(g.key[k] >> 8 & 0xff) <= green + reach;
		    k++) {
			uint32_t d = distance(g.key[k], taken);
			if (d < g.best[k]) {
				g.best[k] = d;
				index[g.number[k]] = (unsigned char)n;
				/* a block's worst is found again only when
				 * it is the one drawn better: the others'
				 * better drawing leaves it the worst */
				if (g.worst[k / BLOCK] == k)
					dirty[k / BLOCK] = true;
			}
		}
		for (size_t b = lo / BLOCK; b * BLOCK < k; b++)
			if (dirty[b]) {
				block_worst(&g, b);
				dirty[b] = false;
			}
		n++;
	}
	free(g.number);
	free(g.key);
	free(g.best);
	free(g.weight);
	free(g.worst);
	free(dirty);
	return n;
}

/* The colours of the rows the same as the one above, counted. */
static void
count_copied_rows(struct nbpng_encoder *e)
{
	struct flat *f = e->flat;
	const uint32_t *r = NULL;
	size_t n = 0, here;

	for (int y = 0; y < e->height; y++) {
		const uint32_t *h = row_runs(f, y, &here);
		if (here > 0) {
			r = h;
			n = here;
			continue;
		}
		for (size_t i = 0; i < n; i++)
			f->count[r[i] >> 16] += r[i] & 0xffff;
	}
}

size_t
nbpng_open(struct buf *out, int colour_type, int colours)
{
	size_t start = out->len;
	size_t head = head_bytes(colour_type == 3 ? colours : 0);

	buf_grow(out, head);
	out->len += head;
	return start;
}

int
nbpng_close(struct buf *out, size_t start, int width, int height, int depth,
    int colour_type, const uint32_t *palette, int colours)
{
	int n_palette = colour_type == 3 ? colours : 0;
	size_t head = head_bytes(n_palette), zlen = out->len - start - head;
	unsigned char *p;

	/* one IDAT, whose length must fit in 31 bits */
	if (zlen > 0x7fffffff) {
		out->len = start;
		out->data[out->len] = '\0';      /* as it was */
		return -1;
	}
	buf_grow(out, 4 + 12);
	p = (unsigned char *)out->data + start;
	put_head(p, width, height, depth, colour_type, palette, n_palette,
	    zlen);
	p = put_tail(p + head - 8, zlen);
	out->len = (size_t)(p - (unsigned char *)out->data);
	out->data[out->len] = '\0';
	return 0;
}

int
nbpng_write_rows(const unsigned char *raw, int width, int height, int depth,
    int colour_type, const uint32_t *palette, int colours, struct buf *out)
{
	int channels = colour_type == 2 ? 3 : 1;
	size_t row_bytes = 1 + ((size_t)width * (size_t)channels *
	    (size_t)depth + 7) / 8;
	size_t start = nbpng_open(out, colour_type, colours);

	zrows_compress(raw, row_bytes * (size_t)height, row_bytes, out);
	return nbpng_close(out, start, width, height, depth, colour_type,
	    palette, colours);
}

/* zrows: the row above and runs, found without a search (see zrows.c);
 * a chart's blank paper and flat fills are nearly all of it. A flat
 * image's runs become rows of palette indices first, in the buffer that
 * RGB would have filled. */
static int
finish_fast(struct nbpng_encoder *e, struct buf *out)
{
	uint32_t palette[256];
	int n_palette = 0;

	if (e->flat != NULL) {
		struct flat *f = e->flat;
		unsigned char *index = xmalloc(f->n);
		count_copied_rows(e);
		n_palette = choose_palette(f, palette, index);
		int width = e->width;
		size_t row_len = (size_t)width + 1;
		const unsigned char *room = e->data + e->row_bytes *
		    (size_t)e->height;
		for (int y = 0; y < e->height; y++) {
			unsigned char *o = e->data + (size_t)y * row_len;
			size_t n;
			const uint32_t *r = row_runs(f, y, &n);
			*o++ = 0;
			if (n == 0) {
				memcpy(o, o - row_len, (size_t)width);
				continue;
			}
			for (size_t i = 0; i < n; i++) {
				uint32_t len = r[i] & 0xffff;
				unsigned char v = index[r[i] >> 16];
				/* most runs are short: eight bytes stored at
				 * once, which the next run or row writes over
				 * (the buffer, RGB's, has room past them) */
				if (len <= 8 && room - o >= 8) {
					uint64_t eight = 0x0101010101010101ull * v;
					memcpy(o, &eight, 8);
				} else
					memset(o, v, len);
				o += len;
			}
		}
		free(index);
	}
	return nbpng_write_rows(e->data, e->width, e->height, 8,
	    n_palette > 0 ? 3 : 2, palette, n_palette, out);
}

int
nbpng_finish(struct nbpng_encoder *e, struct buf *out)
{
	struct libdeflate_compressor *c;
	unsigned char *p;
	size_t bound, zlen;

	if (e->finished || e->rows_in != e->height)
		return -1;
	if (e->fast) {
		e->finished = true;
		return finish_fast(e, out);
	}
	/* one compressor an image, shared by no thread: its allocation is a
	 * few microseconds, against milliseconds to compress */
	c = libdeflate_alloc_compressor(LEVEL);
	if (c == NULL)
		return -1;
	e->finished = true;
	/* signature, IHDR, the IDAT's head, its data, its CRC, IEND */
	bound = libdeflate_zlib_compress_bound(c, e->len);
	buf_grow(out, head_bytes(0) + bound + 4 + 12);
	p = (unsigned char *)out->data + out->len;
	zlen = libdeflate_zlib_compress(c, e->data, e->len, p + head_bytes(0),
	    bound);
	libdeflate_free_compressor(c);
	/* one IDAT, whose length must fit in 31 bits */
	if (zlen == 0 || zlen > 0x7fffffff) {
		out->data[out->len] = '\0';      /* as it was */
		return -1;
	}
	put_head(p, e->width, e->height, 8, 2, NULL, 0, zlen);
	p = put_tail(p + head_bytes(0) - 8, zlen);
	out->len = (size_t)(p - (unsigned char *)out->data);
	out->data[out->len] = '\0';
	return 0;
}

void
nbpng_free(struct nbpng_encoder *e)
{
	if (e == NULL)
		return;
	flat_free(e->flat);
	free(e->data);
	free(e);
}

int
nbpng_encode_rgb24(const unsigned char *pixels, int width, int height,
    int stride, struct buf *out)
{
	struct nbpng_encoder *e = nbpng_begin(width, height);
	int rc = -1;

	if (e != NULL && nbpng_add_rows(e, pixels, stride, height) == 0 &&
	    nbpng_finish(e, out) == 0)
		rc = 0;
	nbpng_free(e);
	return rc;
}
