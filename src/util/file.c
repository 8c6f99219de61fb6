/* file.c: files and folders, with errno kept for the caller. */
#define _GNU_SOURCE
#include "util/file.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "util/buf.h"

/* ---- files ---- */

bool
file_has_digest(const char *path, uint64_t size, struct digest d)
{
	unsigned char chunk[65536];
	struct hasher h;
	struct stat st;
	uint64_t got = 0;
	bool ok = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size != size)
		goto out;
	hasher_init(&h);
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto out;
		if (n == 0)
			break;
		got += (uint64_t)n;
		if (got > size)
			goto out;
		hasher_put(&h, chunk, (size_t)n);
	}
	/* XXH3 streamed gives what it gives in one call */
	ok = got == size && digest_equal(hasher_final(&h), d);
out:
	close(fd);
	return ok;
}

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
	/* one allocation and one read for the common case of a file that
	 * does not grow: room for a byte more than its size, so that a read
	 * short of the room is its end (a plain file's read stops short only
	 * there; not so a file of the kernel's that gives its size as 0),
	 * and the terminating NUL */
	buf_grow(&b, (size_t)st.st_size + 2);
	for (;;) {
		if (b.cap - b.len < 2)
			buf_grow(&b, 65536);
		size_t room = b.cap - b.len - 1;
		n = read(fd, b.data + b.len, room);
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
		if ((size_t)n < room && st.st_size > 0)
			break;
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

static int
write_renamed(const char *path, const void *data, size_t len, bool sync)
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
	if (sync && fsync(fd) != 0)
		goto fail;
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
file_write_atomic(const char *path, const void *data, size_t len)
{
	return write_renamed(path, data, len, false);
}

int
file_write_synced(const char *path, const void *data, size_t len)
{
	return write_renamed(path, data, len, true);
}

/* The folder itself first: where its parent is there (nearly always, as
 * a build makes a tree's folders one by one), one call, where trying each
 * folder from the root down walked the whole path again for each. */
int
mkdir_p(const char *path, int mode)
{
	if (mkdir(path, (mode_t)mode) == 0)
		return 0;
	if (errno == EEXIST) {
		if (path_is_dir(path))
			return 0;
		errno = ENOTDIR;
		return -1;
	}
	if (errno != ENOENT)
		return -1;
	/* the parent is missing: made first, then the folder again */
	char *copy = xstrdup(path);
	size_t len = strlen(copy);
	int rc = -1;

	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	char *slash = strrchr(copy, '/');
	char *cut = slash;
	while (cut != NULL && cut > copy && cut[-1] == '/')
		cut--;
	if (cut != NULL && cut > copy) {
		*cut = '\0';
		rc = mkdir_p(copy, mode);
		*cut = '/';
		if (rc == 0 && mkdir(copy, (mode_t)mode) != 0) {
			if (errno != EEXIST)
				rc = -1;
			else if (!path_is_dir(copy)) {
				errno = ENOTDIR;
				rc = -1;
			}
		}
	} else {
		/* no parent to make: the root or the current folder's child
		 * was missing, which nothing can fix */
		errno = ENOENT;
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

/* Removes the contents of the folder open at fd, each entry by the
 * folder's descriptor (a tree of thousands of files is not walked from the
 * root for each), a folder by its listing's type where the file system
 * gives it; closes fd. */
static int
remove_below(int fd)
{
	DIR *dir = fdopendir(fd);
	struct dirent *de;
	int rc = 0;

	if (dir == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		const char *name = de->d_name;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		bool is_dir = de->d_type == DT_DIR;
		if (de->d_type == DT_UNKNOWN) {
			struct stat st;
			if (fstatat(dirfd(dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
				if (errno != ENOENT)
					rc = -1;
				continue;
			}
			is_dir = S_ISDIR(st.st_mode);
		}
		if (!is_dir) {
			if (unlinkat(dirfd(dir), name, 0) != 0 && errno != ENOENT)
				rc = -1;
			continue;
		}
		int child = openat(dirfd(dir), name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (child < 0 && errno == ENOENT)
			continue;   /* gone already */
		if (child < 0 || remove_below(child) != 0)
			rc = -1;
		if (unlinkat(dirfd(dir), name, AT_REMOVEDIR) != 0)
			rc = -1;
	}
	closedir(dir);
	return rc;
}

int
remove_tree(const char *path)
{
	struct stat st;
	int fd, rc;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = remove_below(fd);
	if (rmdir(path) != 0)
		rc = -1;
	return rc;
}

bool
program_dir(char *out, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", out, size - 1);

	if (n <= 0 || (size_t)n >= size - 1)
		return false;
	out[n] = '\0';
	char *slash = strrchr(out, '/');
	if (slash == NULL)
		return false;
	*slash = '\0';
	return true;
}

char *
path_resolve(const char *path)
{
	char *head = xstrdup(*path ? path : ".");
	struct buf rest = {0};
	struct buf out = {0};
	char *real;

	/* the longest part that exists, resolved; the rest as given */
	while ((real = realpath(head, NULL)) == NULL) {
		if (errno != ENOENT) {
			free(head);
			buf_free(&rest);
			return NULL;
		}
		size_t len = strlen(head);
		while (len > 1 && head[len - 1] == '/')
			head[--len] = '\0';
		char *slash = strrchr(head, '/');
		const char *last = slash ? slash + 1 : head;
		struct buf r = {0};
		buf_puts(&r, last);
		if (rest.len > 0) {
			buf_putc(&r, '/');
			buf_put(&r, rest.data, rest.len);
		}
		buf_free(&rest);
		rest = r;
		if (slash == NULL)
			strcpy(head, ".");
		else if (slash == head)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	buf_puts(&out, real);
	if (rest.len > 0) {
		if (out.data[out.len - 1] != '/')
			buf_putc(&out, '/');
		buf_put(&out, rest.data, rest.len);
	}
	free(real);
	free(head);
	buf_free(&rest);
	return buf_detach(&out);
}

bool
path_inside(const char *path, const char *folder)
{
	char *p = path_resolve(path), *f = path_resolve(folder);
	bool within = false;

	if (p != NULL && f != NULL) {
		size_t len = strlen(f);
		within = strncmp(p, f, len) == 0 && (p[len] == '\0' ||
		    p[len] == '/' || (len == 1 && f[0] == '/'));
	}
	free(p);
	free(f);
	return within;
}

static int
sync_with(const char *path, int (*sync_fn)(int))
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc, saved;

	if (fd < 0)
		return -1;
	rc = sync_fn(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int
fs_sync(const char *path)
{
	return sync_with(path, syncfs);
}

int
dir_sync(const char *path)
{
	return sync_with(path, fsync);
}
