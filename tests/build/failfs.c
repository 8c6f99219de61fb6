/* failfs.c: an LD_PRELOAD shim for tests that makes the output folder fail
 * like a full disk (NB_FAILFS=full: writes return ENOSPC) or a read-only one
 * (NB_FAILFS=readonly: creating files and folders returns EROFS), for paths
 * below NB_FAILFS_DIR. Root ignores permissions, so tests cannot use chmod. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static int
below(const char *path)
{
	const char *dir = getenv("NB_FAILFS_DIR");
	char abs[4096];

	if (dir == NULL || path == NULL)
		return 0;
	if (path[0] != '/') {
		if (getcwd(abs, sizeof abs - strlen(path) - 2) == NULL)
			return 0;
		strcat(abs, "/");
		strcat(abs, path);
		path = abs;
	}
	return strstr(path, dir) != NULL;
}

static int
mode_is(const char *mode)
{
	const char *m = getenv("NB_FAILFS");
	return m != NULL && strcmp(m, mode) == 0;
}

int
open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	mode_t mode = 0;
	va_list ap;

	if (real == NULL)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	va_start(ap, flags);
	if (flags & O_CREAT)
		mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	if ((flags & O_CREAT) && mode_is("readonly") && below(path)) {
		errno = EROFS;
		return -1;
	}
	return real(path, flags, mode);
}

int
mkdir(const char *path, mode_t mode)
{
	static int (*real)(const char *, mode_t);

	if (real == NULL)
		real = (int (*)(const char *, mode_t))dlsym(RTLD_NEXT, "mkdir");
	if (mode_is("readonly") && below(path)) {
		errno = EROFS;
		return -1;
	}
	return real(path, mode);
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	static ssize_t (*real)(int, const void *, size_t);
	char link[64], path[4096];
	ssize_t n;

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT,
		    "write");
	if (fd > 2 && mode_is("full")) {
		snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
		n = readlink(link, path, sizeof path - 1);
		if (n > 0) {
			path[n] = '\0';
			if (below(path)) {
				errno = ENOSPC;
				return -1;
			}
		}
	}
	return real(fd, buf, len);
}
