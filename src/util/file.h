/* file.h: files and folders: bounded reads, atomic writes, paths. */
#ifndef NB_UTIL_FILE_H
#define NB_UTIL_FILE_H

#include "util/hash.h"
#include "util/mem.h"

/* Files. Each returns 0 on success, or -1 with errno set. file_read reads
 * regular files only (EINVAL otherwise) and at most limit bytes (EFBIG). */
int file_read(const char *path, size_t limit, char **data, size_t *len);
/* Whether the regular file at path holds size bytes whose digest_of is d:
 * its size is looked at first, then its bytes hashed as they are read
 * (none held in memory whole). */
bool file_has_digest(const char *path, uint64_t size, struct digest d);
/* Writes data to a temporary file beside path and renames it over path, so
 * that readers see either the old or the new file, never half. It does not
 * sync: the build flushes its whole tree once (engine.c). */
int file_write_atomic(const char *path, const void *data, size_t len);
/* The same, the data synced to the disk before the rename, for a file that
 * must survive a power cut whole (a cache kept outside the output). */
int file_write_synced(const char *path, const void *data, size_t len);
int mkdir_p(const char *path, int mode);
bool path_is_dir(const char *path);
/* A folder with nothing in it (false when it cannot be read). */
bool dir_is_empty(const char *path);
bool path_exists(const char *path);
/* Joins with one '/', in a new heap string. */
char *path_join(const char *a, const char *b);
/* Removes a tree; 0 on success. */
int remove_tree(const char *path);
/* The absolute path of path with every link and "." or ".." resolved,
 * also when its last parts do not exist yet (those are appended as
 * given); NULL with errno set when no part of it can be resolved. */
char *path_resolve(const char *path);
/* Whether path is folder or lies inside it (both resolved). */
bool path_inside(const char *path, const char *folder);
/* Flushes to the disk the file system holding path (syncfs), or the
 * entries of one folder (fsync of the folder); 0 or -1 with errno. */
int fs_sync(const char *path);
int dir_sync(const char *path);
/* The folder the running program's file is in (/proc/self/exe without its
 * last part), into out of size bytes; false if it cannot be told. */
bool program_dir(char *out, size_t size);

#endif
