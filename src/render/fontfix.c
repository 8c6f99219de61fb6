/* fontfix.c: puts back the subroutines that cairo 1.16's CFF subsetter
 * drops from the CJK fonts it embeds in a PDF, so that no character prints
 * blank (why, and when it can go: fontfix.h). The font streams are inflated
 * by zlib; then a CFF reader and writer, a Type 2 charstring walk that
 * finds the subroutines each glyph calls, and the PDF rewrite. */
#include "render/fontfix.h"
#include "util/i18n.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define ZLIB_CONST
#include <zlib.h>

#include "render/fonts.h"
#include "render/installed.h"
#include "render/subset.h"

/* ---- inflate, by zlib ---- */

/* the output grows by this much a call (the input goes to zlib UINT_MAX
 * bytes at most at a time, its counts being unsigned int) */
#define INFLATE_CHUNK ((size_t)1 << 16)

int
fontfix_inflate(const unsigned char *in, size_t len, struct buf *out)
{
	z_stream z;
	int zr = Z_OK;

	buf_reset(out);
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return -1;
	for (;;) {
		if (z.avail_in == 0 && len > 0) {
			uInt n = len > UINT_MAX ? UINT_MAX : (uInt)len;
			z.next_in = in;
			z.avail_in = n;
			in += n;
			len -= n;
		}
		/* room for one byte past the cap, to see a stream exceed it */
		size_t room = FONTFIX_INFLATE_MAX + 1 - out->len;
		if (room > INFLATE_CHUNK)
			room = INFLATE_CHUNK;
		buf_grow(out, room);
		z.next_out = (unsigned char *)out->data + out->len;
		z.avail_out = (uInt)room;
		zr = inflate(&z, Z_NO_FLUSH);
		out->len += room - z.avail_out;
		out->data[out->len] = '\0';
		if (out->len > FONTFIX_INFLATE_MAX) {
			zr = Z_BUF_ERROR;  /* too big for a font program */
			break;
		}
		/* Z_OK is progress; Z_BUF_ERROR (no progress with output room
		 * left) means the input ended before the stream did, Z_NEED_DICT
		 * a preset dictionary, Z_DATA_ERROR bad data or check value */
		if (zr != Z_OK)
			break;
	}
	inflateEnd(&z);
	return zr == Z_STREAM_END ? 0 : -1;
}

/* ---- CFF ---- */

struct slice {
	const unsigned char *p;
	size_t len;
};

struct cff_index {
	size_t count;
	struct slice *items;
	struct slice raw;          /* the whole INDEX */
};

struct dict_entry {
	int op;                    /* 12 x is 1200 + x */
	struct slice operands;
};

struct dict {
	struct dict_entry *e;
	size_t n;
};

struct cff {
	struct slice data;
	size_t hdr_size;
	struct slice name_index, string_index, charset, fdselect_raw;
	struct cff_index top_index, gsubrs, charstrings, fdarray;
	struct dict top;
	size_t n_fds;
	struct dict *fds, *privs;
	struct cff_index *lsubrs;
	unsigned char *fdselect;   /* per glyph */
};

static bool
read_index(struct slice d, size_t off, struct cff_index *out)
{
	memset(out, 0, sizeof *out);
	if (off + 2 > d.len)
		return false;
	size_t count = (size_t)d.p[off] << 8 | d.p[off + 1];
	out->count = count;
	if (count == 0) {
		out->raw = (struct slice){d.p + off, 2};
		return true;
	}
	if (off + 3 > d.len)
		return false;
	int osz = d.p[off + 2];
	if (osz < 1 || osz > 4 || off + 3 + (count + 1) * (size_t)osz > d.len)
		return false;
	const unsigned char *offs = d.p + off + 3;
	size_t base = off + 3 + (count + 1) * (size_t)osz - 1;
	out->items = xcalloc(count, sizeof *out->items);
	size_t prev = 0;
	for (size_t i = 0; i <= count; i++) {
		size_t v = 0;
		for (int k = 0; k < osz; k++)
			v = v << 8 | offs[i * (size_t)osz + (size_t)k];
		if (v < 1 || base + v > d.len || (i > 0 && v < prev)) {
			free(out->items);
			out->items = NULL;
			return false;
		}
		if (i > 0)
			out->items[i - 1] = (struct slice){d.p + base + prev,
				v - prev};
		prev = v;
	}
	out->raw = (struct slice){d.p + off, base + prev - off};
	return true;
}

static bool
read_dict(struct slice s, struct dict *out)
{
	size_t i = 0, start = 0, cap = 0;

	memset(out, 0, sizeof *out);
	while (i < s.len) {
		unsigned char b = s.p[i];
		if (b <= 21) {
			int op = b;
			size_t end = i;
			if (b == 12) {
				if (i + 1 >= s.len)
					return false;
				op = 1200 + s.p[i + 1];
				i += 2;
			} else {
				i += 1;
			}
			if (out->n == cap) {
				cap = cap ? cap * 2 : 16;
				out->e = xrealloc(out->e, cap * sizeof *out->e);
			}
			out->e[out->n++] = (struct dict_entry){op,
				{s.p + start, end - start}};
			start = i;
		} else if (b == 28) {
			i += 3;
		} else if (b == 29) {
			i += 5;
		} else if (b == 30) {
			i++;
			while (i < s.len) {
				unsigned char n = s.p[i++];
				if ((n & 0x0f) == 0x0f || (n >> 4) == 0x0f)
					break;
			}
		} else if (b >= 32 && b <= 246) {
			i += 1;
		} else if (b >= 247 && b <= 254) {
			i += 2;
		} else {
			return false;
		}
	}
	return i == s.len;
}

/* The integer operands of an entry. */
static int
dict_ints(const struct dict *d, int op, long *vals, int max)
{
	for (size_t k = 0; k < d->n; k++) {
		if (d->e[k].op != op)
			continue;
		const unsigned char *p = d->e[k].operands.p;
		size_t len = d->e[k].operands.len, i = 0;
		int n = 0;
		while (i < len && n < max) {
			unsigned char b = p[i];
			if (b == 28 && i + 2 < len) {
				vals[n++] = (int16_t)(p[i + 1] << 8 | p[i + 2]);
				i += 3;
			} else if (b == 29 && i + 4 < len) {
				vals[n++] = (int32_t)((uint32_t)p[i + 1] << 24 |
				    (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 3] << 8 |
				    p[i + 4]);
				i += 5;
			} else if (b >= 32 && b <= 246) {
				vals[n++] = b - 139;
				i++;
			} else if (b >= 247 && b <= 250 && i + 1 < len) {
				vals[n++] = (b - 247) * 256 + p[i + 1] + 108;
				i += 2;
			} else if (b >= 251 && b <= 254 && i + 1 < len) {
				vals[n++] = -(b - 251) * 256 - p[i + 1] - 108;
				i += 2;
			} else {
				return -1;     /* a real number: not an offset */
			}
		}
		return n;
	}
	return 0;
}

static void
cff_free(struct cff *c)
{
	free(c->top_index.items);
	free(c->gsubrs.items);
	free(c->charstrings.items);
	free(c->fdarray.items);
	free(c->top.e);
	for (size_t i = 0; i < c->n_fds; i++) {
		free(c->fds[i].e);
		free(c->privs[i].e);
		free(c->lsubrs[i].items);
	}
	free(c->fds);
	free(c->privs);
	free(c->lsubrs);
	free(c->fdselect);
	memset(c, 0, sizeof *c);
}

/* Reads a CID-keyed CFF (as cairo writes it, and as Noto CJK is). */
static bool
cff_read(const unsigned char *data, size_t len, bool glyphs, struct cff *c)
{
	struct slice d = {data, len};
	struct cff_index idx;
	long v[2];
	size_t off;

	memset(c, 0, sizeof *c);
	c->data = d;
	if (len < 4 || data[0] != 1)
		return false;
	c->hdr_size = data[2];
	if (!read_index(d, c->hdr_size, &idx))
		return false;
	c->name_index = idx.raw;
	free(idx.items);
	off = c->hdr_size + c->name_index.len;
	if (!read_index(d, off, &c->top_index) || c->top_index.count != 1 ||
	    !read_dict(c->top_index.items[0], &c->top))
		goto fail;
	off += c->top_index.raw.len;
	if (!read_index(d, off, &idx))
		goto fail;
	c->string_index = idx.raw;
	free(idx.items);
	off += c->string_index.len;
	if (!read_index(d, off, &c->gsubrs))
		goto fail;
	/* CID-keyed only: FDArray and FDSelect */
	if (dict_ints(&c->top, 1236, v, 1) != 1 ||
	    !read_index(d, (size_t)v[0], &c->fdarray) || c->fdarray.count == 0)
		goto fail;
	c->n_fds = c->fdarray.count;
	c->fds = xcalloc(c->n_fds, sizeof *c->fds);
	c->privs = xcalloc(c->n_fds, sizeof *c->privs);
	c->lsubrs = xcalloc(c->n_fds, sizeof *c->lsubrs);
	for (size_t i = 0; i < c->n_fds; i++) {
		if (!read_dict(c->fdarray.items[i], &c->fds[i]) ||
		    dict_ints(&c->fds[i], 18, v, 2) != 2 || v[0] < 0 || v[1] < 0 ||
		    (size_t)(v[0] + v[1]) > len)
			goto fail;
		size_t psize = (size_t)v[0], poff = (size_t)v[1];
		if (!read_dict((struct slice){data + poff, psize}, &c->privs[i]))
			goto fail;
		if (dict_ints(&c->privs[i], 19, v, 1) == 1) {
			if (!read_index(d, poff + (size_t)v[0], &c->lsubrs[i]))
				goto fail;
		}
	}
	if (!glyphs)
		return true;
	if (dict_ints(&c->top, 17, v, 1) != 1 ||
	    !read_index(d, (size_t)v[0], &c->charstrings))
		goto fail;
	size_t n = c->charstrings.count;
	/* FDSelect */
	if (dict_ints(&c->top, 1237, v, 1) != 1 || (size_t)v[0] >= len)
		goto fail;
	off = (size_t)v[0];
	c->fdselect = xcalloc(n ? n : 1, 1);
	if (data[off] == 0) {
		if (off + 1 + n > len)
			goto fail;
		memcpy(c->fdselect, data + off + 1, n);
		c->fdselect_raw = (struct slice){data + off, 1 + n};
	} else if (data[off] == 3) {
		if (off + 3 > len)
			goto fail;
		size_t nr = (size_t)data[off + 1] << 8 | data[off + 2];
		size_t p = off + 3;
		if (p + nr * 3 + 2 > len)
			goto fail;
		for (size_t r = 0; r < nr; r++, p += 3) {
			size_t first = (size_t)data[p] << 8 | data[p + 1];
			size_t next = (size_t)data[p + 3] << 8 | data[p + 4];
			for (size_t g = first; g < next && g < n; g++)
				c->fdselect[g] = data[p + 2];
		}
		c->fdselect_raw = (struct slice){data + off, 3 + nr * 3 + 2};
	} else {
		goto fail;
	}
	/* charset */
	if (dict_ints(&c->top, 15, v, 1) != 1 || v[0] <= 2 ||
	    (size_t)v[0] >= len)
		goto fail;
	off = (size_t)v[0];
	size_t p = off + 1, covered = 1;
	if (data[off] == 0) {
		p += 2 * (n - 1);
	} else if (data[off] == 1 || data[off] == 2) {
		size_t step = data[off] == 1 ? 3 : 4;
		while (covered < n) {
			if (p + step > len)
				goto fail;
			size_t left = step == 3 ? data[p + 2] :
			    ((size_t)data[p + 2] << 8 | data[p + 3]);
			covered += left + 1;
			p += step;
		}
	} else {
		goto fail;
	}
	if (p > len)
		goto fail;
	c->charset = (struct slice){data + off, p - off};
	for (size_t g = 0; g < n; g++)
		if (c->fdselect[g] >= c->n_fds)
			goto fail;
	return true;
fail:
	cff_free(c);
	return false;
}

/* ---- which subroutines the glyphs call ---- */

static bool
is_return(struct slice s)
{
	return s.len == 1 && s.p[0] == 11;
}

static int
subr_bias(size_t count)
{
	return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

struct walk {
	const struct cff_index *gsubrs;    /* the original font's */
	const struct cff_index *lsubrs;    /* the glyph's FD, original */
	bool *gused, *lused;
	/* checking a subset: its own subroutines, and whether a glyph calls
	 * one that was emptied */
	const struct cff_index *have_g, *have_l;
	bool broken;
	int stack[64];
	int sp;
	int hints;
	bool masked;
	bool ended;
};

static void
walk(struct walk *w, struct slice code, int depth)
{
	size_t i = 0;

	if (depth > 10)
		return;
	while (i < code.len && !w->ended) {
		unsigned char b = code.p[i];
		int v;
		if (b == 28 || b >= 32) {
			if (b == 28 && i + 2 < code.len) {
				v = (int16_t)(code.p[i + 1] << 8 | code.p[i + 2]);
				i += 3;
			} else if (b >= 32 && b <= 246) {
				v = b - 139;
				i += 1;
			} else if (b >= 247 && b <= 250 && i + 1 < code.len) {
				v = (b - 247) * 256 + code.p[i + 1] + 108;
				i += 2;
			} else if (b >= 251 && b <= 254 && i + 1 < code.len) {
				v = -(b - 251) * 256 - code.p[i + 1] - 108;
				i += 2;
			} else if (b == 255 && i + 4 < code.len) {
				v = (int16_t)(code.p[i + 1] << 8 | code.p[i + 2]);
				i += 5;
			} else {
				return;
			}
			if (w->sp < 64)
				w->stack[w->sp++] = v;
			continue;
		}
		switch (b) {
		case 1: case 3: case 18: case 23:      /* stems */
			w->hints += w->sp / 2;
			w->sp = 0;
			i++;
			break;
		case 19: case 20:                      /* hintmask, cntrmask */
			if (!w->masked)
				w->hints += w->sp / 2;  /* an implicit vstem */
			w->masked = true;
			w->sp = 0;
			i += 1 + (size_t)(w->hints + 7) / 8;
			break;
		case 10: case 29: {                    /* callsubr, callgsubr */
			const struct cff_index *subrs = b == 10 ? w->lsubrs : w->gsubrs;
			bool *used = b == 10 ? w->lused : w->gused;
			if (w->sp == 0 || subrs == NULL || subrs->count == 0)
				return;
			long n = (long)w->stack[--w->sp] + subr_bias(subrs->count);
			if (n < 0 || (size_t)n >= subrs->count)
				return;
			used[n] = true;
			const struct cff_index *have = b == 10 ? w->have_l : w->have_g;
			if (have != NULL && ((size_t)n >= have->count ||
			    (is_return(have->items[n]) && !is_return(subrs->items[n]))))
				w->broken = true;
			walk(w, subrs->items[n], depth + 1);
			i++;
			break;
		}
		case 11:                               /* return */
			return;
		case 14:                               /* endchar */
			w->ended = true;
			return;
		case 12:
			w->sp = 0;
			i += 2;
			break;
		default:
			w->sp = 0;
			i++;
			break;
		}
	}
}

/* ---- writing a CFF ---- */

static void
put_index(struct buf *out, const struct slice *items, size_t count)
{
	size_t total = 1;
	int osz = 1;

	buf_putc(out, (char)(count >> 8));
	buf_putc(out, (char)(count & 0xff));
	if (count == 0)
		return;
	for (size_t i = 0; i < count; i++)
		total += items[i].len;
	while (osz < 4 && total >= (size_t)1 << (8 * osz))
		osz++;
	buf_putc(out, (char)osz);
	size_t off = 1;
	for (size_t i = 0; i <= count; i++) {
		for (int k = osz - 1; k >= 0; k--)
			buf_putc(out, (char)((off >> (8 * k)) & 0xff));
		if (i < count)
			off += items[i].len;
	}
	for (size_t i = 0; i < count; i++)
		buf_put(out, items[i].p, items[i].len);
}

static size_t
index_size(const struct slice *items, size_t count)
{
	size_t total = 1;
	int osz = 1;
	if (count == 0)
		return 2;
	for (size_t i = 0; i < count; i++)
		total += items[i].len;
	while (osz < 4 && total >= (size_t)1 << (8 * osz))
		osz++;
	return 3 + (count + 1) * (size_t)osz + total - 1;
}

static void
put_int5(struct buf *out, long v)
{
	uint32_t u = (uint32_t)(int32_t)v;
	buf_putc(out, 29);
	buf_putc(out, (char)(u >> 24));
	buf_putc(out, (char)(u >> 16));
	buf_putc(out, (char)(u >> 8));
	buf_putc(out, (char)u);
}

static void
put_op(struct buf *out, int op)
{
	if (op >= 1200) {
		buf_putc(out, 12);
		buf_putc(out, (char)(op - 1200));
	} else {
		buf_putc(out, (char)op);
	}
}

/* A DICT with the operands of the listed offset operators replaced. */
static void
put_dict(struct buf *out, const struct dict *d, const int *ops,
    const long (*vals)[2], const int *nvals, int n_ops)
{
	for (size_t k = 0; k < d->n; k++) {
		int which = -1;
		for (int j = 0; j < n_ops; j++)
			if (d->e[k].op == ops[j])
				which = j;
		if (which < 0) {
			buf_put(out, d->e[k].operands.p, d->e[k].operands.len);
		} else {
			for (int j = 0; j < nvals[which]; j++)
				put_int5(out, vals[which][j]);
		}
		put_op(out, d->e[k].op);
	}
}

/* ---- the installed fonts ---- */

struct original {
	const unsigned char *data;   /* in the font file, mapped for good */
	size_t len;
	struct cff cff;
};

static struct original originals[2];
static size_t n_originals;
static pthread_once_t originals_once = PTHREAD_ONCE_INIT;
static char originals_error[256];

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
	    p[3];
}

/* The 'CFF ' table of face index in an OpenType file or collection. */
static bool
sfnt_cff(const unsigned char *f, size_t len, int index, size_t *off,
    size_t *size)
{
	size_t dir = 0;

	if (len < 12)
		return false;
	if (memcmp(f, "ttcf", 4) == 0) {
		uint32_t n = be32(f + 8);
		if (index < 0 || (uint32_t)index >= n || 12 + 4 * (size_t)n > len)
			return false;
		dir = be32(f + 12 + 4 * (size_t)index);
	}
	if (dir + 12 > len)
		return false;
	size_t n_tables = (size_t)f[dir + 4] << 8 | f[dir + 5];
	if (dir + 12 + 16 * n_tables > len)
		return false;
	for (size_t t = 0; t < n_tables; t++) {
		const unsigned char *rec = f + dir + 12 + 16 * t;
		if (memcmp(rec, "CFF ", 4) == 0) {
			*off = be32(rec + 8);
			*size = be32(rec + 12);
			return *off + *size <= len;
		}
	}
	return false;
}

/* The font file, mapped read-only for the rest of the run: the CFF table
 * is most of its 20 MB, and only the subroutines the subsets use are ever
 * read. A package upgrade replaces the file by a new one and leaves the
 * mapped one whole. */
static const unsigned char *
map_font(const char *path, size_t *len)
{
	struct stat st;
	void *p = MAP_FAILED;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return NULL;
	*len = (size_t)st.st_size;
	return p;
}

static void
load_original(int weight)
{
	int n, index = 0;
	const char *const *skip = subset_files(&n);
	char *file = NULL;
	const unsigned char *data = NULL;
	size_t len = 0, off, size;

	/* the installed face the subsets are made from (installed.h), not
	 * the build's subset of it */
	if (installed_font(NULL, weight, skip, n, &file, &index))
		data = map_font(file, &len);
	free(file);
	bool ok = false;
	if (data != NULL && sfnt_cff(data, len, index, &off, &size)) {
		struct original *o = &originals[n_originals];
		o->data = data + off;
		o->len = size;
		ok = cff_read(o->data, o->len, false, &o->cff);
	}
	if (ok)
		n_originals++;     /* its mapping is kept */
	else if (data != NULL)
		munmap((void *)data, len);
	if (!ok && originals_error[0] == '\0')
		snprintf(originals_error, sizeof originals_error, "cannot read the "
		    "CFF outlines of " NB_FONT_FAMILY " (weight %d)", weight);
}

static void
originals_load(void)
{
	FcInit();
	load_original(FC_WEIGHT_REGULAR);
	load_original(FC_WEIGHT_BOLD);
}

int
fontfix_init(struct buf *err)
{
	pthread_once(&originals_once, originals_load);
	if (n_originals < 2) {
		buf_puts(err, originals_error[0] ? originals_error :
		    "cannot read the poster fonts");
		return -1;
	}
	return 0;
}

/* Whether every installed font has global subroutines (Noto Sans CJK's
 * have thousands): a subset without any is then none of theirs. */
static bool
originals_all_have_gsubrs(void)
{
	for (size_t k = 0; k < n_originals; k++)
		if (originals[k].cff.gsubrs.count == 0)
			return false;
	return n_originals > 0;
}

/* Every subroutine the subset kept is the original's, byte for byte. */
static bool
same_subrs(const struct cff_index *subset, const struct cff_index *orig)
{
	if (subset->count != orig->count)
		return false;
	for (size_t i = 0; i < subset->count; i++) {
		if (is_return(subset->items[i]))
			continue;
		if (subset->items[i].len != orig->items[i].len ||
		    memcmp(subset->items[i].p, orig->items[i].p,
		    orig->items[i].len) != 0)
			return false;
	}
	return true;
}

/* Finds the installed font a subset was made from, and for each of its
 * FDs the original's. false when it is not one of ours. */
static bool
match_original(const struct cff *c, const struct original **orig,
    size_t **fdmap)
{
	*orig = NULL;
	*fdmap = NULL;
	for (size_t k = 0; k < n_originals && *orig == NULL; k++)
		if (same_subrs(&c->gsubrs, &originals[k].cff.gsubrs))
			*orig = &originals[k];
	if (*orig == NULL)
		return false;
	*fdmap = xcalloc(c->n_fds, sizeof **fdmap);
	for (size_t i = 0; i < c->n_fds; i++) {
		(*fdmap)[i] = SIZE_MAX;
		for (size_t j = 0; j < (*orig)->cff.n_fds && (*fdmap)[i] == SIZE_MAX;
		    j++)
			if (same_subrs(&c->lsubrs[i], &(*orig)->cff.lsubrs[j]))
				(*fdmap)[i] = j;
		if ((*fdmap)[i] == SIZE_MAX) {
			free(*fdmap);
			*fdmap = NULL;
			return false;
		}
	}
	return true;
}

/* ---- a subset told apart by its first bytes ---- */

/* The CFF INDEX at *at in p (n bytes) skipped; false when it runs past
 * them. */
static bool
index_skip(const unsigned char *p, size_t n, size_t *at)
{
	size_t count, off_size, offsets, end = 0;

	if (*at + 2 > n)
		return false;
	count = (size_t)p[*at] << 8 | p[*at + 1];
	if (count == 0) {
		*at += 2;
		return true;
	}
	if (*at + 3 > n)
		return false;
	off_size = p[*at + 2];
	offsets = *at + 3;
	if (off_size < 1 || off_size > 4 || offsets + (count + 1) * off_size > n)
		return false;
	for (size_t k = 0; k < off_size; k++)
		end = end << 8 | p[offsets + count * off_size + k];
	/* offsets count from 1, from the byte before the data */
	*at = offsets + (count + 1) * off_size - 1 + end;
	return end >= 1 && *at <= n;
}

/* Whether the zlib stream in (len bytes) holds a CFF font with no global
 * subroutines, read from the first bytes it inflates to (GSUBRS_PREFIX
 * at most): the header, then the Name, Top DICT and String INDEXes (small
 * in a subset cairo writes: some hundreds of bytes), then the Global Subr
 * INDEX. They are inflated GSUBRS_STEP bytes at a time, as far as they
 * go: the whole prefix, inflated for every font of every PDF, took most
 * of the time of this check. false when that cannot be told from them. */
#define GSUBRS_PREFIX ((size_t)16 << 10)
#define GSUBRS_STEP ((size_t)1 << 10)

static bool
stream_without_gsubrs(const unsigned char *in, size_t len)
{
	unsigned char *p = xmalloc(GSUBRS_PREFIX);
	z_stream z;
	size_t n = 0, at;
	bool none = false;

	memset(&z, 0, sizeof z);
	if (len > UINT_MAX || inflateInit(&z) != Z_OK) {
		free(p);
		return false;
	}
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = p;
	while (n < GSUBRS_PREFIX) {
		size_t room = GSUBRS_PREFIX - n < GSUBRS_STEP ?
		    GSUBRS_PREFIX - n : GSUBRS_STEP;
		z.avail_out = (uInt)room;
		int zr = inflate(&z, Z_SYNC_FLUSH);
		n = (size_t)(z.next_out - p);
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR)
			break;
		if (n >= 4) {
			at = p[2];              /* the header's size */
			if (index_skip(p, n, &at) && index_skip(p, n, &at) &&
			    index_skip(p, n, &at) && at + 2 <= n) {
				none = p[at] == 0 && p[at + 1] == 0;
				break;
			}
		}
		/* the INDEXes run past what is inflated: more, while there
		 * is more */
		if (zr != Z_OK || z.avail_out > 0)
			break;
	}
	inflateEnd(&z);
	free(p);
	return none;
}

int
fontfix_cff(const unsigned char *data, size_t len, struct buf *out)
{
	struct cff c;
	const struct original *orig = NULL;
	size_t *fdmap = NULL;
	bool *gused = NULL, **lused = NULL;
	struct slice *gitems = NULL, **litems = NULL;
	int rc = -1;
	size_t restored = 0;

	if (!cff_read(data, len, true, &c))
		return -1;
	if (!match_original(&c, &orig, &fdmap)) {
		rc = 0;             /* not one of our fonts */
		goto out;
	}
	gused = xcalloc(c.gsubrs.count + 1, sizeof *gused);
	lused = xcalloc(c.n_fds, sizeof *lused);
	for (size_t i = 0; i < c.n_fds; i++)
		lused[i] = xcalloc(c.lsubrs[i].count + 1, sizeof **lused);
	for (size_t g = 0; g < c.charstrings.count; g++) {
		size_t fd = c.fdselect[g];
		struct walk w = {0};
		w.gsubrs = &orig->cff.gsubrs;
		w.lsubrs = &orig->cff.lsubrs[fdmap[fd]];
		w.gused = gused;
		w.lused = lused[fd];
		walk(&w, c.charstrings.items[g], 0);
	}
	/* the subroutines, with the ones cairo emptied by mistake restored */
	gitems = xcalloc(c.gsubrs.count + 1, sizeof *gitems);
	for (size_t i = 0; i < c.gsubrs.count; i++) {
		gitems[i] = c.gsubrs.items[i];
		if (gused[i] && is_return(gitems[i]) &&
		    !is_return(orig->cff.gsubrs.items[i])) {
			gitems[i] = orig->cff.gsubrs.items[i];
			restored++;
		}
	}
	litems = xcalloc(c.n_fds, sizeof *litems);
	for (size_t f = 0; f < c.n_fds; f++) {
		const struct cff_index *o = &orig->cff.lsubrs[fdmap[f]];
		litems[f] = xcalloc(c.lsubrs[f].count + 1, sizeof **litems);
		for (size_t i = 0; i < c.lsubrs[f].count; i++) {
			litems[f][i] = c.lsubrs[f].items[i];
			if (lused[f][i] && is_return(litems[f][i]) &&
			    !is_return(o->items[i])) {
				litems[f][i] = o->items[i];
				restored++;
			}
		}
	}
	if (restored == 0) {
		rc = 0;
		goto out;
	}

	/* lay out: header, Name, Top DICT, String, GSubrs, charset, FDSelect,
	 * CharStrings, FDArray, then each Private DICT with its Subrs */
	static const int top_ops[4] = {15, 17, 1236, 1237};
	long top_vals[4][2] = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
	int top_n[4] = {1, 1, 1, 1};
	struct buf top = {0};
	put_dict(&top, &c.top, top_ops, top_vals, top_n, 4);   /* for its size */
	struct slice top_item = {(const unsigned char *)top.data, top.len};
	size_t pos = c.hdr_size + c.name_index.len + index_size(&top_item, 1) +
	    c.string_index.len + index_size(gitems, c.gsubrs.count);
	top_vals[0][0] = (long)pos;                          /* charset */
	pos += c.charset.len;
	top_vals[3][0] = (long)pos;                          /* FDSelect */
	pos += c.fdselect_raw.len;
	top_vals[1][0] = (long)pos;                          /* CharStrings */
	pos += c.charstrings.raw.len;
	top_vals[2][0] = (long)pos;                          /* FDArray */
	/* FD dicts: Private's size and offset, written as 5-byte numbers */
	struct buf *fdbufs = xcalloc(c.n_fds, sizeof *fdbufs);
	struct buf *privbufs = xcalloc(c.n_fds, sizeof *privbufs);
	struct slice *fditems = xcalloc(c.n_fds, sizeof *fditems);
	static const int priv_ops[1] = {19};
	static const int fd_ops[1] = {18};
	for (size_t f = 0; f < c.n_fds; f++) {
		long pv[1][2] = {{0, 0}};
		int pn[1] = {1};
		put_dict(&privbufs[f], &c.privs[f], priv_ops, pv, pn, 1);
		long fv[1][2] = {{0, 0}};
		int fn[1] = {2};
		put_dict(&fdbufs[f], &c.fds[f], fd_ops, fv, fn, 1);
		fditems[f] = (struct slice){(const unsigned char *)fdbufs[f].data,
			fdbufs[f].len};
	}
	pos += index_size(fditems, c.n_fds);
	for (size_t f = 0; f < c.n_fds; f++) {
		long pv[1][2] = {{(long)privbufs[f].len, 0}};
		int pn[1] = {1};
		buf_reset(&privbufs[f]);
		put_dict(&privbufs[f], &c.privs[f], priv_ops, pv, pn, 1);
		long fv[1][2] = {{(long)privbufs[f].len, (long)pos}};
		int fn[1] = {2};
		buf_reset(&fdbufs[f]);
		put_dict(&fdbufs[f], &c.fds[f], fd_ops, fv, fn, 1);
		fditems[f] = (struct slice){(const unsigned char *)fdbufs[f].data,
			fdbufs[f].len};
		pos += privbufs[f].len;
		if (c.lsubrs[f].count > 0 || c.lsubrs[f].raw.len > 0)
			pos += index_size(litems[f], c.lsubrs[f].count);
	}
	buf_reset(&top);
	put_dict(&top, &c.top, top_ops, top_vals, top_n, 4);
	top_item = (struct slice){(const unsigned char *)top.data, top.len};

	buf_reset(out);
	buf_put(out, data, c.hdr_size);
	buf_put(out, c.name_index.p, c.name_index.len);
	put_index(out, &top_item, 1);
	buf_put(out, c.string_index.p, c.string_index.len);
	put_index(out, gitems, c.gsubrs.count);
	buf_put(out, c.charset.p, c.charset.len);
	buf_put(out, c.fdselect_raw.p, c.fdselect_raw.len);
	buf_put(out, c.charstrings.raw.p, c.charstrings.raw.len);
	put_index(out, fditems, c.n_fds);
	for (size_t f = 0; f < c.n_fds; f++) {
		buf_put(out, privbufs[f].data, privbufs[f].len);
		if (c.lsubrs[f].count > 0 || c.lsubrs[f].raw.len > 0)
			put_index(out, litems[f], c.lsubrs[f].count);
	}
	rc = out->len == pos ? 1 : -1;
	for (size_t f = 0; f < c.n_fds; f++) {
		buf_free(&fdbufs[f]);
		buf_free(&privbufs[f]);
	}
	free(fdbufs);
	free(privbufs);
	free(fditems);
	buf_free(&top);
out:
	if (litems)
		for (size_t f = 0; f < c.n_fds; f++)
			free(litems[f]);
	free(litems);
	free(gitems);
	if (lused)
		for (size_t f = 0; f < c.n_fds; f++)
			free(lused[f]);
	free(lused);
	free(gused);
	free(fdmap);
	cff_free(&c);
	return rc;
}

/* ---- the PDF ---- */

struct edit {
	size_t at, len;            /* the bytes replaced */
	struct buf with;
};

static int
edit_cmp(const void *a, const void *b)
{
	const struct edit *x = a, *y = b;
	return x->at < y->at ? -1 : x->at > y->at;
}

static const char *
find(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

int
fontfix_pdf(struct buf *pdf, struct buf *err)
{
	const char *d = pdf->data;
	size_t len = pdf->len, n_objs = 0, xref_at;
	size_t *offsets = NULL;
	struct edit *edits = NULL;
	size_t n_edits = 0;
	int fixed = 0, rc = -1;
	struct buf raw = {0}, cff = {0}, out = {0};

	if (fontfix_init(err) != 0)
		return -1;
	/* the cross-reference table cairo writes: "xref\n0 N\n" and N entries
	 * of 20 bytes */
	const char *sx = NULL;
	for (size_t i = len > 64 ? len - 64 : 0; i + 10 < len; i++)
		if (memcmp(d + i, "startxref\n", 10) == 0)
			sx = d + i;
	if (sx == NULL || (xref_at = strtoul(sx + 10, NULL, 10)) >= len ||
	    strncmp(d + xref_at, "xref\n0 ", 7) != 0) {
		buf_puts(err, _("cannot read the PDF's cross-reference table"));
		return -1;
	}
	n_objs = strtoul(d + xref_at + 7, NULL, 10);
	const char *entries = strchr(d + xref_at + 7, '\n');
	if (entries == NULL || n_objs == 0 ||
	    (size_t)(entries + 1 - d) + n_objs * 20 > len) {
		buf_puts(err, _("cannot read the PDF's cross-reference table"));
		return -1;
	}
	entries++;
	offsets = xcalloc(n_objs, sizeof *offsets);
	for (size_t i = 0; i < n_objs; i++)
		offsets[i] = strtoul(entries + 20 * i, NULL, 10);
	edits = xcalloc(3 * n_objs, sizeof *edits);
	for (size_t i = 1; i < n_objs; i++) {
		const char *obj = d + offsets[i];
		size_t room = len - offsets[i] < 400 ? len - offsets[i] : 400;
		const char *stream = find(obj, room, ">>\nstream\n");
		/* the object's own stream, not the next object's */
		if (stream == NULL || find(obj, (size_t)(stream - obj), "endobj") ||
		    !find(obj, (size_t)(stream - obj), "/Subtype /CIDFontType0C"))
			continue;
		const char *filter = find(obj, (size_t)(stream - obj),
		    "   /Filter /FlateDecode\n");
		const char *lref = find(obj, (size_t)(stream - obj), "/Length ");
		if (filter == NULL || lref == NULL)
			continue;
		char *endp;
		size_t lobj = strtoul(lref + 8, &endp, 10);
		if (strncmp(endp, " 0 R", 4) != 0 || lobj == 0 || lobj >= n_objs)
			continue;
		const char *lo = d + offsets[lobj];
		const char *num = strstr(lo, " obj\n");
		if (num == NULL)
			continue;
		num += 5;
		while (*num == ' ')
			num++;
		size_t slen = strtoul(num, &endp, 10);
		size_t data_at = (size_t)(stream + 10 - d);
		if (data_at + slen > len)
			continue;
		/* a subset of a font without global subroutines (the build's
		 * own subset of the font: subset.h) is none of the installed
		 * fonts' (each has thousands), and has nothing to repair: told
		 * from its first bytes, not the whole font inflated */
		if (originals_all_have_gsubrs() &&
		    stream_without_gsubrs((const unsigned char *)d + data_at, slen))
			continue;
		if (fontfix_inflate((const unsigned char *)d + data_at, slen,
		    &raw) != 0) {
			buf_puts(err, _("cannot inflate a font of the PDF"));
			goto out;
		}
		int r = fontfix_cff((const unsigned char *)raw.data, raw.len, &cff);
		if (r < 0) {
			buf_puts(err, _("cannot read a CFF font of the PDF"));
			goto out;
		}
		if (r == 0)
			continue;
		/* the stream goes in uncompressed, as it always has: compressing
		 * it would change the bytes of every PDF with a repaired font */
		struct edit *e = &edits[n_edits++];
		e->at = (size_t)(filter - d);
		e->len = strlen("   /Filter /FlateDecode\n");
		e = &edits[n_edits++];
		e->at = data_at;
		e->len = slen;
		buf_put(&e->with, cff.data, cff.len);
		e = &edits[n_edits++];
		e->at = (size_t)(num - d);
		e->len = (size_t)(endp - num);
		buf_printf(&e->with, "%zu", cff.len);
		fixed++;
	}
	if (fixed == 0) {
		rc = 0;
		goto out;
	}
	qsort(edits, n_edits, sizeof *edits, edit_cmp);
	size_t at = 0;
	for (size_t k = 0; k < n_edits; k++) {
		buf_put(&out, d + at, edits[k].at - at);
		buf_put(&out, edits[k].with.data ? edits[k].with.data : "",
		    edits[k].with.len);
		at = edits[k].at + edits[k].len;
	}
	buf_put(&out, d + at, xref_at - at);
	/* each object moves by what the edits before it added or took */
	size_t new_xref = out.len;
	buf_printf(&out, "xref\n0 %zu\n", n_objs);
	for (size_t i = 0; i < n_objs; i++) {
		long shift = 0;
		for (size_t k = 0; k < n_edits; k++)
			if (edits[k].at < offsets[i] && i > 0)
				shift += (long)edits[k].with.len - (long)edits[k].len;
		const char *entry = entries + 20 * i;
		if (i == 0)
			buf_put(&out, entry, 20);
		else
			buf_printf(&out, "%010ld%.10s", (long)offsets[i] + shift,
			    entry + 10);
	}
	const char *trailer = entries + 20 * n_objs;
	buf_put(&out, trailer, (size_t)(sx - trailer));
	buf_printf(&out, "startxref\n%zu\n%%%%EOF\n", new_xref);
	buf_free(pdf);
	*pdf = out;
	memset(&out, 0, sizeof out);
	rc = fixed;
out:
	for (size_t k = 0; k < n_edits; k++)
		buf_free(&edits[k].with);
	free(edits);
	free(offsets);
	buf_free(&raw);
	buf_free(&cff);
	buf_free(&out);
	return rc;
}

int
fontfix_check_cff(const unsigned char *data, size_t len, size_t *glyphs,
    size_t *broken)
{
	struct cff c;
	const struct original *orig;
	size_t *fdmap;
	bool *gused, **lused;

	if (!cff_read(data, len, true, &c))
		return -1;
	if (!match_original(&c, &orig, &fdmap)) {
		cff_free(&c);
		return 0;
	}
	gused = xcalloc(c.gsubrs.count + 1, sizeof *gused);
	lused = xcalloc(c.n_fds, sizeof *lused);
	for (size_t i = 0; i < c.n_fds; i++)
		lused[i] = xcalloc(c.lsubrs[i].count + 1, sizeof **lused);
	for (size_t g = 1; g < c.charstrings.count; g++) {
		size_t fd = c.fdselect[g];
		struct walk w = {0};
		w.gsubrs = &orig->cff.gsubrs;
		w.lsubrs = &orig->cff.lsubrs[fdmap[fd]];
		w.gused = gused;
		w.lused = lused[fd];
		w.have_g = &c.gsubrs;
		w.have_l = &c.lsubrs[fd];
		walk(&w, c.charstrings.items[g], 0);
		(*glyphs)++;
		if (w.broken)
			(*broken)++;
	}
	for (size_t i = 0; i < c.n_fds; i++)
		free(lused[i]);
	free(lused);
	free(gused);
	free(fdmap);
	cff_free(&c);
	return 1;
}

int
fontfix_check_pdf(const struct buf *pdf, size_t *fonts, size_t *glyphs,
    size_t *broken)
{
	const char *d = pdf->data, *p = d;
	size_t len = pdf->len;
	struct buf raw = {0}, err = {0};
	int rc = 0;

	*fonts = *glyphs = *broken = 0;
	if (fontfix_init(&err) != 0) {
		buf_free(&err);
		return -1;
	}
	while ((p = find(p, len - (size_t)(p - d), "/Subtype /CIDFontType0C"))) {
		const char *obj = p;
		while (obj > d && memcmp(obj, " obj\n", 5) != 0)
			obj--;
		const char *stream = find(p, len - (size_t)(p - d), ">>\nstream\n");
		p += 10;
		if (stream == NULL)
			continue;
		const char *lref = find(obj, (size_t)(stream - obj), "/Length ");
		if (lref == NULL)
			continue;
		char *endp;
		size_t slen = strtoul(lref + 8, &endp, 10);
		if (strncmp(endp, " 0 R", 4) == 0) {
			/* an indirect length: the object is "N 0 obj\n   LEN\n" */
			char want[32];
			snprintf(want, sizeof want, "\n%zu 0 obj\n", slen);
			const char *lo = find(d, len, want);
			if (lo == NULL)
				continue;
			slen = strtoul(lo + strlen(want), NULL, 10);
		}
		const unsigned char *data = (const unsigned char *)stream + 10;
		if ((size_t)((const char *)data - d) + slen > len)
			continue;
		bool flate = find(obj, (size_t)(stream - obj), "/FlateDecode") != NULL;
		if (flate && fontfix_inflate(data, slen, &raw) != 0) {
			rc = -1;
			break;
		}
		if (fontfix_check_cff(flate ? (unsigned char *)raw.data : data,
		    flate ? raw.len : slen, glyphs, broken) > 0)
			(*fonts)++;
	}
	buf_free(&raw);
	buf_free(&err);
	return rc;
}
