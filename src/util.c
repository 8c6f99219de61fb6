/* util.c: buffers, arena, checked allocation, file helpers and UTF-8.
 * Everything here is independent of the content model. */
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void
nb_out_of_memory(void)
{
	static const char msg[] = "noticeboard: error: out of memory\n";
	if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0) {
		/* nothing more can be done */
	}
	_exit(3);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		nb_out_of_memory();
	return p;
}

void *
xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (p == NULL)
		nb_out_of_memory();
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (p == NULL)
		nb_out_of_memory();
	return p;
}

char *
xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* ---- buffers ---- */

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX / 2 - b->len)
		nb_out_of_memory();
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_put(struct buf *b, const void *data, size_t len)
{
	buf_grow(b, len);
	if (len > 0)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

char *
buf_detach(struct buf *b)
{
	char *p = b->data;

	if (p == NULL)
		p = xstrdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

/* 1: replaced by an entity; 2: left out. */
static const unsigned char markup_special[256] = {
	[0] = 2, [1] = 2, [2] = 2, [3] = 2, [4] = 2, [5] = 2, [6] = 2, [7] = 2,
	[8] = 2, [11] = 2, [12] = 2, [14] = 2, [15] = 2, [16] = 2, [17] = 2,
	[18] = 2, [19] = 2, [20] = 2, [21] = 2, [22] = 2, [23] = 2, [24] = 2,
	[25] = 2, [26] = 2, [27] = 2, [28] = 2, [29] = 2, [30] = 2, [31] = 2,
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1,
};

void
buf_put_escaped(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	const unsigned char *run = p;

	buf_grow(b, len);
	for (;;) {
		while (p < end && markup_special[*p] == 0)
			p++;
		buf_put(b, run, (size_t)(p - run));
		if (p == end)
			return;
		switch (*p) {
		case '&': buf_put(b, "&amp;", 5); break;
		case '<': buf_put(b, "&lt;", 4); break;
		case '>': buf_put(b, "&gt;", 4); break;
		case '"': buf_put(b, "&quot;", 6); break;
		case '\'': buf_put(b, "&#39;", 5); break;
		default: break;       /* a control character, left out */
		}
		run = ++p;
	}
}

void
buf_puts_escaped(struct buf *b, const char *s)
{
	if (s != NULL)
		buf_put_escaped(b, s, strlen(s));
}

size_t
decimal_text(long long v, char out[DECIMAL_SIZE])
{
	char digits[DECIMAL_SIZE];
	size_t n = sizeof digits, len;
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v :
	    (unsigned long long)v;

	do {
		digits[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		digits[--n] = '-';
	len = sizeof digits - n;
	memcpy(out, digits + n, len);
	out[len] = '\0';
	return len;
}

/* ---- arena ---- */

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

struct arena {
	struct arena_chunk *head;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t size)
{
	const size_t align = sizeof(max_align_t);
	struct arena_chunk *c = a->head;
	size_t rounded;

	if (size > SIZE_MAX / 2)
		nb_out_of_memory();
	rounded = (size + align - 1) / align * align;
	if (rounded == 0)
		rounded = align;
	if (c == NULL || c->size - c->used < rounded) {
		size_t chunk = 64 * 1024;
		if (rounded > chunk / 4) {
			/* a large block gets a chunk of its own, kept behind the head */
			c = xmalloc(sizeof *c + rounded);
			c->size = c->used = rounded;
			if (a->head != NULL) {
				c->next = a->head->next;
				a->head->next = c;
			} else {
				c->next = NULL;
				a->head = c;
			}
			memset(c->data, 0, rounded);
			return c->data;
		}
		c = xmalloc(sizeof *c + chunk);
		c->size = chunk;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = (char *)c->data + c->used;
	c->used += rounded;
	memset(p, 0, rounded);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

void *
arena_memdup(struct arena *a, const void *p, size_t size)
{
	void *q = arena_alloc(a, size);
	if (size > 0)
		memcpy(q, p, size);
	return q;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	char *p;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return p;
}

/* ---- pointer vectors ---- */

void
ptrvec_push(struct ptrvec *v, void *item)
{
	if (v->len == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->items = xrealloc(v->items, v->cap * sizeof *v->items);
	}
	v->items[v->len++] = item;
}

void
ptrvec_free(struct ptrvec *v)
{
	free(v->items);
	v->items = NULL;
	v->len = v->cap = 0;
}

/* ---- files ---- */

int
file_read(const char *path, size_t limit, char **data, size_t *len)
{
	struct buf b = {0};
	int fd, saved;
	ssize_t n;

	*data = NULL;
	*len = 0;
	/* O_NONBLOCK: a FIFO in place of a file must not hang the build */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0)
		goto fail;
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		goto fail;
	}
	if ((uint64_t)st.st_size > limit) {
		errno = EFBIG;
		goto fail;
	}
	/* one allocation for the common case of a file that does not grow */
	buf_grow(&b, (size_t)st.st_size + 1);
	for (;;) {
		if (b.cap - b.len < 2)
			buf_grow(&b, 65536);
		n = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		b.len += (size_t)n;
		if (b.len > limit) {
			errno = EFBIG;
			goto fail;
		}
	}
	b.data[b.len] = '\0';
	close(fd);
	*data = b.data;
	*len = b.len;
	return 0;
fail:
	saved = errno;
	close(fd);
	buf_free(&b);
	errno = saved;
	return -1;
}

int
file_write_atomic(const char *path, const void *data, size_t len)
{
	struct buf tmp = {0};
	const char *p = data;
	int fd, saved;

	buf_printf(&tmp, "%s.tmp%ld", path, (long)getpid());
	fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		goto fail_nofd;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp.data, path) != 0)
		goto fail;
	buf_free(&tmp);
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp.data);
	errno = saved;
fail_nofd:
	saved = errno;
	buf_free(&tmp);
	errno = saved;
	return -1;
}

int
mkdir_p(const char *path, int mode)
{
	char *copy = xstrdup(path);
	char *p;
	int rc = 0;

	for (p = copy + 1; ; p++) {
		if (*p == '/' || *p == '\0') {
			char saved = *p;
			*p = '\0';
			if (mkdir(copy, (mode_t)mode) != 0 && errno != EEXIST) {
				rc = -1;
				break;
			}
			*p = saved;
			if (saved == '\0')
				break;
		}
	}
	if (rc == 0 && !path_is_dir(copy)) {
		errno = ENOTDIR;
		rc = -1;
	}
	free(copy);
	return rc;
}

bool
path_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool
dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	bool empty = true;

	if (d == NULL)
		return false;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			empty = false;
	closedir(d);
	return empty;
}

bool
path_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

char *
path_join(const char *a, const char *b)
{
	struct buf out = {0};
	size_t alen = strlen(a);

	if (alen == 0 || strcmp(a, ".") == 0)
		return xstrdup(b);
	buf_put(&out, a, alen);
	if (a[alen - 1] != '/')
		buf_putc(&out, '/');
	while (*b == '/')
		b++;
	buf_puts(&out, b);
	return buf_detach(&out);
}

int
remove_tree(const char *path)
{
	struct stat st;
	DIR *dir;
	struct dirent *de;
	int rc = 0;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	dir = opendir(path);
	if (dir == NULL)
		return -1;
	while ((de = readdir(dir)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *child = path_join(path, de->d_name);
		if (remove_tree(child) != 0)
			rc = -1;
		free(child);
	}
	closedir(dir);
	if (rmdir(path) != 0)
		rc = -1;
	return rc;
}

/* ---- UTF-8 ---- */

int
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len == 0) {
		*cp = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xE0) == 0xC0 && len >= 2) {
		*cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
		return 2;
	}
	if ((u[0] & 0xF0) == 0xE0 && len >= 3) {
		*cp = ((uint32_t)(u[0] & 0x0F) << 12) |
		    ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
		return 3;
	}
	if ((u[0] & 0xF8) == 0xF0 && len >= 4) {
		*cp = ((uint32_t)(u[0] & 0x07) << 18) |
		    ((uint32_t)(u[1] & 0x3F) << 12) |
		    ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

size_t
utf8_check(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = u[i];
		size_t n;
		uint32_t cp, min;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 2; cp = c & 0x1F; min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 3; cp = c & 0x0F; min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 4; cp = c & 0x07; min = 0x10000;
		} else {
			return i;
		}
		if (len - i < n)
			return i;
		for (size_t k = 1; k < n; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (u[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n;
	}
	return (size_t)-1;
}

void
text_position(const char *s, size_t off, int *line, int *col)
{
	int l = 1, c = 1;

	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			l++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

void
text_cursor_to(struct text_cursor *c, size_t off)
{
	if (c->line == 0 || off < c->off) {
		c->off = 0;
		c->line = 1;
		c->col = 1;
	}
	for (; c->off < off; c->off++) {
		unsigned char ch = (unsigned char)c->text[c->off];
		if (ch == '\n') {
			c->line++;
			c->col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			c->col++;
		}
	}
}

size_t
text_offset_of(const char *s, size_t len, int line, int col)
{
	size_t i = 0;

	for (int l = 1; l < line && i < len; i++)
		if (s[i] == '\n')
			l++;
	for (int c = 1; c < col && i < len && s[i] != '\n'; c++) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

int
text_byte_col_to_chars(const char *s, size_t len, int line, int byte_col)
{
	size_t start = text_offset_of(s, len, line, 1);
	int chars = 1;

	for (size_t i = start; i < len && i < start + (size_t)byte_col - 1 &&
	    s[i] != '\n'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
	return chars;
}

bool
is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x2FDF) ||   /* radicals */
	    (cp >= 0x3000 && cp <= 0x303F) ||       /* CJK punctuation */
	    (cp >= 0x3040 && cp <= 0x30FF) ||       /* kana */
	    (cp >= 0x3100 && cp <= 0x31BF) ||       /* bopomofo */
	    (cp >= 0x3400 && cp <= 0x4DBF) ||       /* extension A */
	    (cp >= 0x4E00 && cp <= 0x9FFF) ||       /* unified ideographs */
	    (cp >= 0xF900 && cp <= 0xFAFF) ||       /* compatibility */
	    (cp >= 0xFE30 && cp <= 0xFE4F) ||       /* compatibility forms */
	    (cp >= 0xFF00 && cp <= 0xFFEF) ||       /* full-width forms */
	    (cp >= 0x20000 && cp <= 0x3FFFF);       /* extensions B.. */
}

int
edit_distance(const char *a, const char *b, int limit)
{
	size_t la = strlen(a), lb = strlen(b);
	int rows[3][64];
	int *two = rows[0], *prev = rows[1], *row = rows[2];

	if (la >= 63 || lb >= 63)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int best = (int)i;
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			/* a swap of two neighbours counts as one edit */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && two[j - 2] + 1 < v)
				v = two[j - 2] + 1;
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		int *spare = two;
		two = prev;
		prev = row;
		row = spare;
	}
	return prev[lb];
}

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
