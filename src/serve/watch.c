/* watch.c: the content folder watched with inotify, every folder below it
 * too, new ones as they appear. It says in which folders something
 * changed (the loader's cache looks only there), or that events were lost
 * (it looks everywhere). */
#include "serve/state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/file.h"
#include "util/mem.h"

/* What a save looks like, whatever the editor: written in place (modify,
 * close), replaced by a rename, created, removed; a folder made, removed
 * or moved. */
#define WATCH_MASK (IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | \
    IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | \
    IN_ONLYDIR)

struct watched {
	int wd;
	char *path;
};

struct watch {
	int fd;
	char *root;
	struct watched *dirs;       /* by watch descriptor, unsorted */
	size_t len, cap;
	/* the folders where something changed since watch_take_changes,
	 * relative to root; lost: events were lost, anything may have */
	struct ptrvec changed;
	bool lost;
};

/* Notes that something changed in the folder at path (root's or below). */
static void
note_change(struct watch *w, const char *path)
{
	size_t root_len = strlen(w->root);
	const char *rel;

	if (strncmp(path, w->root, root_len) != 0) {
		w->lost = true;
		return;
	}
	rel = path[root_len] == '/' ? path + root_len + 1 : path + root_len;
	for (size_t i = 0; i < w->changed.len; i++)
		if (strcmp(w->changed.items[i], rel) == 0)
			return;
	ptrvec_push(&w->changed, xstrdup(rel));
}

char **
watch_take_changes(struct watch *w, size_t *n, bool *lost)
{
	char **taken = (char **)w->changed.items;

	*n = w->changed.len;
	*lost = w->lost;
	memset(&w->changed, 0, sizeof w->changed);
	w->lost = false;
	return taken;
}

/* An editor's swap, backup and temporary files, and hidden folders (.git),
 * which the loader does not read either. */
static bool
ignored_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] == '.' || (len > 0 && name[len - 1] == '~');
}

static struct watched *
find_wd(struct watch *w, int wd)
{
	for (size_t i = 0; i < w->len; i++)
		if (w->dirs[i].wd == wd)
			return &w->dirs[i];
	return NULL;
}

/* Watches path and every folder below it. A folder that vanished on the
 * way is no failure: its parent's event says so. */
static int
watch_tree(struct watch *w, const char *path)
{
	int wd = inotify_add_watch(w->fd, path, WATCH_MASK);
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (wd < 0)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	struct watched *known = find_wd(w, wd);
	if (known == NULL) {
		if (w->len == w->cap) {
			w->cap = w->cap ? w->cap * 2 : 64;
			w->dirs = xrealloc(w->dirs, w->cap * sizeof *w->dirs);
		}
		known = &w->dirs[w->len++];
		known->wd = wd;
		known->path = NULL;
	}
	/* the same folder under a new name, after a move */
	free(known->path);
	known->path = xstrdup(path);
	d = opendir(path);
	if (d == NULL)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    ignored_name(de->d_name))
			continue;
		char *child = path_join(path, de->d_name);
		struct stat st;
		/* links are not followed: a link out of the content tree would
		 * have us watch the whole disk */
		if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
			rc = watch_tree(w, child);
		free(child);
	}
	closedir(d);
	return rc;
}

struct watch *
watch_open(const char *root)
{
	struct watch *w = xcalloc(1, sizeof *w);

	w->root = xstrdup(root);
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd < 0 || watch_tree(w, root) != 0) {
		int saved = errno;
		watch_close(w);
		errno = saved;
		return NULL;
	}
	return w;
}

int
watch_fd(const struct watch *w)
{
	return w->fd;
}

static void
forget_wd(struct watch *w, int wd)
{
	struct watched *known = find_wd(w, wd);

	if (known == NULL)
		return;
	free(known->path);
	*known = w->dirs[--w->len];
}

/* One event: a new folder is watched; one whose watch ended is forgotten.
 * Returns whether it concerns the content. */
static bool
take_event(struct watch *w, const struct inotify_event *ev)
{
	if (ev->mask & IN_IGNORED) {
		forget_wd(w, ev->wd);
		return false;
	}
	if (ev->mask & IN_Q_OVERFLOW) {
		/* events were lost: folders made meanwhile are looked for
		 * again, and the build looks at everything */
		(void)watch_tree(w, w->root);
		w->lost = true;
		return true;
	}
	if (ev->len > 0 && ignored_name(ev->name))
		return false;
	struct watched *where = find_wd(w, ev->wd);
	if (where != NULL)
		note_change(w, where->path);
	else
		w->lost = true;
	if ((ev->mask & IN_ISDIR) && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
		struct watched *parent = find_wd(w, ev->wd);
		if (parent != NULL) {
			char *child = path_join(parent->path, ev->name);
			/* a failure (no more watches allowed) only costs the
			 * reload of that folder's files */
			(void)watch_tree(w, child);
			free(child);
		}
	}
	return true;
}

int
watch_drain(struct watch *w)
{
	/* aligned for the struct at the head of each event */
	_Alignas(struct inotify_event) char events[16384];
	int count = 0;

	for (;;) {
		ssize_t n = read(w->fd, events, sizeof events);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				return count;
			return -1;
		}
		if (n == 0)
			return count;
		for (char *p = events; p < events + n;) {
			const struct inotify_event *ev = (const void *)p;
			count += take_event(w, ev);
			p += sizeof *ev + ev->len;
		}
	}
}

void
watch_close(struct watch *w)
{
	if (w == NULL)
		return;
	if (w->fd >= 0)
		close(w->fd);
	for (size_t i = 0; i < w->len; i++)
		free(w->dirs[i].path);
	free(w->dirs);
	for (size_t i = 0; i < w->changed.len; i++)
		free(w->changed.items[i]);
	ptrvec_free(&w->changed);
	free(w->root);
	free(w);
}
