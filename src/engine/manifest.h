/* manifest.h: the build manifest in the output's marker folder: each job of
 * the build that made the tree, its key, and each file it made with the
 * file's size and digest; what the next build reuses by. */
#ifndef NB_ENGINE_MANIFEST_H
#define NB_ENGINE_MANIFEST_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "engine/job.h"
#include "util/util.h"

#define MARKER_DIR ".noticeboard"
#define MANIFEST MARKER_DIR "/manifest"
/* Patterns of files in the output that no build makes and every build
 * carries over (a deployment's CNAME, .git): carry_kept() in engine.c. */
#define KEEP_FILE MARKER_DIR "/keep"

/* What a file of the tree held when it was written: a file whose size or
 * digest differs now (truncated, emptied, overwritten) is not reused. */
struct file_sum {
	uint64_t size;
	struct digest digest;
};

struct cached {
	char *id;
	struct digest key;
	size_t n_files;
	char *paths[JOB_MAX_FILES];
	struct file_sum sums[JOB_MAX_FILES];
};

struct manifest {
	struct cached *items;      /* sorted by id */
	size_t len;
	char *text;                /* the file as read */
	size_t text_len;
	/* when the file was written (its mtime), or zero: every file of
	 * the tree was written before it */
	struct timespec written;
};

/* Reads OUTPUT's manifest; a missing or damaged one, or one of another
 * version, reads as empty (or without its damaged lines). */
void manifest_read(const char *output, struct manifest *m);
void manifest_free(struct manifest *m);
const struct cached *manifest_find(const struct manifest *m, const char *id);

/* Whether a file (relative to the output folder) is of a kind this build
 * leaves as it was (--only). */
bool manifest_kept_path(const char *path, const bool *kept_kinds);

/* The manifest of a new tree: every job with the files it made (n_files,
 * paths and sums by job), and old's entries of the kinds kept. */
void manifest_format(struct buf *out, const struct job_list *jobs,
    const size_t *n_files, const char **const *paths,
    struct file_sum *const *sums, const struct manifest *old,
    const bool *kept_kinds);

#endif
