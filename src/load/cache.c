/* cache.c: the preview's loader. It keeps the county loaded between builds
 * and, when the content changes, loads again only the villages whose files
 * changed, with the diagnostics of the others kept as they were. What
 * changed is found by a fingerprint of every file's name, size, times and
 * inode, taken in one walk of the tree, or only of the villages where the
 * watcher saw changes when it says where it saw them. Anything outside the
 * villages' folders (site.yaml, the catalog, a town.yaml, a village added
 * or removed, the build clock's day) loads everything again. */
#define _GNU_SOURCE
#include "load/load.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"

/* Folders nested deeper are not read by the loader either (load.c). */
#define PRINT_DEPTH 20

struct county_cache {
	struct county county;
	bool loaded;               /* county holds a load, to free */
	bool reusable;             /* and that load can be brought up to date */
	char *root;
	int32_t today;
	struct digest top;         /* the files outside the villages */
	struct village **villages; /* every village, in the county's order */
	struct digest *prints;     /* and the fingerprint of its folder */
	size_t n_villages;
	struct diag *saved;        /* the last build's diagnostics */
	size_t n_saved;
};

struct county_cache *
county_cache_new(void)
{
	return xcalloc(1, sizeof(struct county_cache));
}

static void
forget(struct county_cache *c)
{
	if (c->loaded)
		county_free(&c->county);
	memset(&c->county, 0, sizeof c->county);
	c->loaded = false;
	c->reusable = false;
	free(c->villages);
	free(c->prints);
	c->villages = NULL;
	c->prints = NULL;
	c->n_villages = 0;
	diag_free_copies(c->saved, c->n_saved);
	c->saved = NULL;
	c->n_saved = 0;
}

void
county_cache_free(struct county_cache *c)
{
	if (c == NULL)
		return;
	forget(c);
	free(c->root);
	free(c);
}

static int
village_dir_cmp(const void *key, const void *item)
{
	return strcmp(key, (*(struct village *const *)item)->dir);
}

static int
village_sort_cmp(const void *a, const void *b)
{
	return strcmp((*(struct village *const *)a)->dir,
	    (*(struct village *const *)b)->dir);
}

struct print_walk {
	const struct county_cache *cache;
	struct village **by_dir;   /* the cache's villages sorted by folder */
	struct hasher top;
	struct hasher **village;   /* one per village, in the cache's order
	                            * (on the heap: hash.h) */
};

/* Hashes what the folder rel (open as fd) holds into h, below it too;
 * a village's folder into the village's hasher instead. */
static void
print_dir(struct print_walk *w, int fd, const char *rel, struct hasher *h,
    int depth)
{
	DIR *d = fdopendir(fd);
	struct dirent *de;

	if (d == NULL) {
		close(fd);
		hasher_str(h, "?");
		return;
	}
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		/* hidden files and folders (.git, an editor's swap files) are
		 * not content: the loader does not read them either */
		if (de->d_name[0] == '.')
			continue;
		hasher_str(h, de->d_name);
		if (fstatat(dirfd(d), de->d_name, &st, 0) != 0) {
			hasher_str(h, "?");
			continue;
		}
		uint64_t facts[] = {
			(uint64_t)st.st_mode, (uint64_t)st.st_ino,
			(uint64_t)st.st_dev, (uint64_t)st.st_size,
			(uint64_t)st.st_mtim.tv_sec, (uint64_t)st.st_mtim.tv_nsec,
			(uint64_t)st.st_ctim.tv_sec, (uint64_t)st.st_ctim.tv_nsec,
		};
		if (S_ISDIR(st.st_mode)) {
			/* a folder's times change with what it holds: its
			 * files say that, each of them */
			hasher_put(h, facts, 3 * sizeof *facts);
		} else {
			hasher_put(h, facts, sizeof facts);
			continue;
		}
		if (depth >= PRINT_DEPTH)
			continue;
		char *child = *rel ? path_join(rel, de->d_name) :
		    xstrdup(de->d_name);
		struct hasher *into = h;
		if (depth == 1) {
			struct village **v = bsearch(child, w->by_dir,
			    w->cache->n_villages, sizeof *w->by_dir,
			    village_dir_cmp);
			if (v != NULL) {
				size_t k = 0;
				while (w->cache->villages[k] != *v)
					k++;
				into = w->village[k];
			}
		}
		int cfd = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC);
		if (cfd >= 0)
			print_dir(w, cfd, child, into, depth + 1);
		else
			hasher_str(into, "?");
		free(child);
	}
	closedir(d);
}

/* The fingerprints of the tree as it is now: of everything outside the
 * villages of the last load into *top, of each village's folder into
 * prints[] (the cache's order). */
static void
fingerprint(const struct county_cache *c, struct digest *top,
    struct digest *prints)
{
	struct print_walk w = {.cache = c};
	int fd = open(c->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	w.by_dir = xcalloc(c->n_villages + 1, sizeof *w.by_dir);
	memcpy(w.by_dir, c->villages, c->n_villages * sizeof *w.by_dir);
	qsort(w.by_dir, c->n_villages, sizeof *w.by_dir, village_sort_cmp);
	w.village = xcalloc(c->n_villages + 1, sizeof *w.village);
	hasher_init(&w.top);
	for (size_t i = 0; i < c->n_villages; i++)
		w.village[i] = hasher_new();
	if (fd >= 0)
		print_dir(&w, fd, "", &w.top, 0);
	else
		hasher_str(&w.top, "no content folder");
	*top = hasher_final(&w.top);
	for (size_t i = 0; i < c->n_villages; i++) {
		prints[i] = hasher_final(w.village[i]);
		hasher_free(w.village[i]);
	}
	free(w.village);
	free(w.by_dir);
}

/* The fingerprint of the folder of the cache's village k alone, as
 * fingerprint() takes it. */
static struct digest
village_print(const struct county_cache *c, size_t k)
{
	struct print_walk w = {.cache = c};
	char *abs = path_join(c->root, c->villages[k]->dir);
	int fd = open(abs, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct hasher *h = hasher_new();
	struct digest d;

	if (fd >= 0)
		print_dir(&w, fd, c->villages[k]->dir, h, 2);
	else
		hasher_str(h, "?");
	d = hasher_final(h);
	hasher_free(h);
	free(abs);
	return d;
}

/* Whether path (relative to the content folder) is dir or below it. */
static bool
path_within(const char *path, const char *dir)
{
	size_t len = strlen(dir);

	return strncmp(path, dir, len) == 0 && (path[len] == '\0' ||
	    path[len] == '/');
}

/* The fingerprints after the changes the watcher saw in these folders:
 * those of the villages they are in taken again, the others as they were.
 * False when a change is outside every village: all must be taken. */
static bool
prints_from_hints(const struct county_cache *c, const char *const *hints,
    size_t n_hints, struct digest *prints)
{
	bool *touched = xcalloc(c->n_villages + 1, sizeof *touched);

	for (size_t i = 0; i < n_hints; i++) {
		size_t k = 0;
		while (k < c->n_villages && !path_within(hints[i],
		    c->villages[k]->dir))
			k++;
		if (k == c->n_villages) {
			free(touched);
			return false;
		}
		touched[k] = true;
	}
	for (size_t k = 0; k < c->n_villages; k++)
		prints[k] = touched[k] ? village_print(c, k) : c->prints[k];
	free(touched);
	return true;
}

/* After villages were loaded again: their fingerprints, taken before, and
 * the diagnostics. (A file changed since is seen by the next build.) */
static void
remember_prints(struct county_cache *c, struct digest *prints)
{
	free(c->prints);
	c->prints = prints;
	diag_free_copies(c->saved, c->n_saved);
	c->saved = diag_copy_all(&c->n_saved);
}

/* After a load: the villages, their fingerprints and the diagnostics. */
static void
remember(struct county_cache *c)
{
	size_t n = 0;

	for (size_t t = 0; t < c->county.n_towns; t++)
		n += c->county.towns[t].n_villages;
	free(c->villages);
	free(c->prints);
	c->villages = xcalloc(n + 1, sizeof *c->villages);
	c->prints = xcalloc(n + 1, sizeof *c->prints);
	c->n_villages = 0;
	for (size_t t = 0; t < c->county.n_towns; t++)
		for (size_t i = 0; i < c->county.towns[t].n_villages; i++)
			c->villages[c->n_villages++] = &c->county.towns[t].villages[i];
	fingerprint(c, &c->top, c->prints);
	diag_free_copies(c->saved, c->n_saved);
	c->saved = diag_copy_all(&c->n_saved);
}

enum load_status
county_cache_load(struct county_cache *c, const char *root, int32_t today,
    const char *const *hints, size_t n_hints, struct county **out,
    size_t *reloaded)
{
	enum load_status status;

	*out = &c->county;
	if (c->reusable && c->today == today && strcmp(c->root, root) == 0) {
		struct digest top = c->top;
		struct digest *prints = xcalloc(c->n_villages + 1, sizeof *prints);
		if (hints == NULL || !prints_from_hints(c, hints, n_hints, prints))
			fingerprint(c, &top, prints);
		if (digest_equal(top, c->top)) {
			struct village **changed = xcalloc(c->n_villages + 1,
			    sizeof *changed);
			size_t n = 0;
			for (size_t i = 0; i < c->n_villages; i++)
				if (!digest_equal(prints[i], c->prints[i]))
					changed[n++] = c->villages[i];
			/* the others' diagnostics as they were */
			diag_reset();
			for (size_t i = 0; i < c->n_saved; i++) {
				bool again = false;
				for (size_t k = 0; k < n && !again; k++)
					again = c->saved[i].owner == changed[k];
				if (!again)
					diag_readd(&c->saved[i]);
			}
			status = villages_reload(&c->county, changed, n);
			free(changed);
			*reloaded = n;
			if (status == LOAD_OK) {
				remember_prints(c, prints);
			} else {
				free(prints);
				c->reusable = false;  /* all again next time */
			}
			return status;
		}
		free(prints);
	}
	forget(c);
	free(c->root);
	c->root = xstrdup(root);
	c->today = today;
	diag_reset();
	status = county_load(&c->county, root, today);
	c->loaded = true;
	*reloaded = (size_t)-1;
	if (status == LOAD_OK) {
		remember(c);
		c->reusable = true;
	}
	return status;
}
