/* manifest.c: reading and writing the build manifest (manifest.h). */
#define _GNU_SOURCE
#include "engine/manifest.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The manifest's first line. A change of how keys are made (the hash, what
 * goes into them) or of the lines changes the version: a manifest of another
 * version, or of none (before version 2), is ignored and everything is
 * rendered again. Version 3 added each file's size and digest. */
#define MANIFEST_HEADER "noticeboard manifest 3\n"

static int
cached_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cached *)a)->id,
	    ((const struct cached *)b)->id);
}

static bool
parse_hex_digest(const char *s, struct digest *d, char end)
{
	d->hi = d->lo = 0;
	for (int i = 0; i < 32; i++) {
		int v;
		char c = s[i];
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else
			return false;
		if (i < 16)
			d->hi = d->hi << 4 | (uint64_t)v;
		else
			d->lo = d->lo << 4 | (uint64_t)v;
	}
	return s[32] == end;
}

/* The header, then lines of "key<TAB>id" followed, for each file, by
 * "<TAB>path<TAB>size<TAB>digest". A damaged
 * manifest, or one of another version, only costs a full render. */
void
manifest_read(const char *output, struct manifest *m)
{
	char *path = path_join(output, MANIFEST);
	char *data = NULL, *line, *next;
	size_t len, cap = 0;

	memset(m, 0, sizeof *m);
	if (file_read(path, 1u << 30, &data, &len) != 0) {
		free(path);
		return;
	}
	if (len < strlen(MANIFEST_HEADER) ||
	    memcmp(data, MANIFEST_HEADER, strlen(MANIFEST_HEADER)) != 0) {
		free(data);
		free(path);
		return;
	}
	/* as read, for tree_is_current(); the lines below are cut in place */
	m->text = xmalloc(len + 1);
	memcpy(m->text, data, len);
	m->text_len = len;
	for (line = data + strlen(MANIFEST_HEADER); line < data + len;
	    line = next) {
		char *nl = memchr(line, '\n', (size_t)(data + len - line));
		struct cached c = {0};
		if (nl == NULL)
			break;
		*nl = '\0';
		next = nl + 1;
		if (!parse_hex_digest(line, &c.key, '\t'))
			continue;
		char *field = line + 33, *tab;
		tab = strchr(field, '\t');
		if (tab == NULL)
			continue;
		c.id = xstrndup(field, (size_t)(tab - field));
		bool whole = true;
		for (field = tab + 1; c.n_files < JOB_MAX_FILES && *field;) {
			char *end;
			tab = strchr(field, '\t');
			if (tab == NULL) {
				whole = false;
				break;
			}
			struct file_sum sum;
			sum.size = strtoull(tab + 1, &end, 10);
			if (end == tab + 1 || *end != '\t' ||
			    strnlen(end + 1, 33) < 32 || !parse_hex_digest(end + 1, &sum.digest,
			    end[33] == '\0' ? '\0' : '\t')) {
				whole = false;
				break;
			}
			c.sums[c.n_files] = sum;
			c.paths[c.n_files++] = xstrndup(field, (size_t)(tab - field));
			field = end + 33 + (end[33] == '\t' ? 1 : 0);
		}
		if (!whole) {
			/* a line cut short: the job is rendered again */
			free(c.id);
			for (size_t k = 0; k < c.n_files; k++)
				free(c.paths[k]);
			continue;
		}
		if (m->len == cap) {
			cap = cap ? cap * 2 : 256;
			m->items = xrealloc(m->items, cap * sizeof *m->items);
		}
		m->items[m->len++] = c;
	}
	qsort(m->items, m->len, sizeof *m->items, cached_cmp);
	free(data);
	struct stat st;
	if (m->len > 0 && stat(path, &st) == 0)
		m->written = st.st_mtim;
	free(path);
}

void
manifest_free(struct manifest *m)
{
	for (size_t i = 0; i < m->len; i++) {
		free(m->items[i].id);
		for (size_t k = 0; k < m->items[i].n_files; k++)
			free(m->items[i].paths[k]);
	}
	free(m->items);
	free(m->text);
	memset(m, 0, sizeof *m);
}

const struct cached *
manifest_find(const struct manifest *m, const char *id)
{
	struct cached key = {.id = (char *)id};

	if (m->len == 0)
		return NULL;
	return bsearch(&key, m->items, m->len, sizeof *m->items, cached_cmp);
}

bool
manifest_kept_path(const char *path, const bool *kept_kinds)
{
	for (int k = 0; k < OUT_KIND_COUNT; k++) {
		size_t len = strlen(output_kinds[k].dir);
		if (kept_kinds[k] && strncmp(path, output_kinds[k].dir,
		    len) == 0 && path[len] == '/')
			return true;
	}
	return false;
}

/* "<TAB>path<TAB>size<TAB>digest", without printf: a manifest has a line
 * per job and a file of a build's every file, and is written at its end,
 * when the other thread is idle */
static void
put_file_sum(struct buf *out, const char *path, const struct file_sum *sum)
{
	char hex[33], digits[24];
	size_t n = sizeof digits;
	uint64_t size = sum->size;

	do {
		digits[--n] = (char)('0' + size % 10);
		size /= 10;
	} while (size > 0);
	digest_hex(sum->digest, hex);
	buf_putc(out, '\t');
	buf_puts(out, path);
	buf_putc(out, '\t');
	buf_put(out, digits + n, sizeof digits - n);
	buf_putc(out, '\t');
	buf_put(out, hex, 32);
}

/* "key<TAB>id" */
static void
put_key_id(struct buf *out, struct digest key, const char *id)
{
	char hex[33];

	digest_hex(key, hex);
	buf_put(out, hex, 32);
	buf_putc(out, '\t');
	buf_puts(out, id);
}

void
manifest_format(struct buf *out, const struct job_list *jobs,
    const size_t *n_files, const char **const *paths,
    struct file_sum *const *sums, const struct manifest *old,
    const bool *kept_kinds)
{
	buf_puts(out, MANIFEST_HEADER);
	for (size_t i = 0; i < jobs->len; i++) {
		put_key_id(out, jobs->items[i].key, jobs->items[i].id);
		for (size_t k = 0; k < n_files[i]; k++)
			put_file_sum(out, paths[i][k], &sums[i][k]);
		buf_putc(out, '\n');
	}
	for (size_t i = 0; old != NULL && i < old->len; i++) {
		const struct cached *c = &old->items[i];
		if (c->n_files == 0 || !manifest_kept_path(c->paths[0], kept_kinds))
			continue;
		put_key_id(out, c->key, c->id);
		for (size_t k = 0; k < c->n_files; k++)
			put_file_sum(out, c->paths[k], &c->sums[k]);
		buf_putc(out, '\n');
	}
}
