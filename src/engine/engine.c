/* engine.c: the build engine. The new tree is written beside the old one
 * (".NAME.new"), unchanged outputs are hard-linked from the old tree by their
 * cache key, changed ones are rendered by worker threads, and the two trees
 * are swapped with one atomic rename. Any failure removes the new tree and
 * leaves the old one as it was; a build interrupted at any point leaves
 * debris that the next build clears away. A build whose tree would be the
 * one already there, file for file, leaves it where it is. The preview
 * builds in place instead (engine.h: in_place). */
#define _GNU_SOURCE
#include "engine/engine.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "engine/backends.h"
#include "engine/manifest.h"
#include "util/diag.h"
#include "render/fonts.h"
#include "render/subset.h"

/* SIGINT or SIGTERM received during a build (not in place): the workers
 * start no new job, the staging tree is removed and the build says so. A
 * second one ends the program at once, as the signal does by default: a
 * job that never ends (a fault in a library) must not keep the clerk from
 * stopping it, and the output is still as it was (the next build removes
 * the staging tree). */
static volatile sig_atomic_t stop_signal;
/* what the first signal prints, translated before any signal comes */
static const char *stop_note;
static size_t stop_note_len;

static void
on_stop_signal(int sig)
{
	if (stop_signal != 0) {
		signal(sig, SIG_DFL);
		raise(sig);
		return;
	}
	stop_signal = sig;
	if (stop_note_len > 0 && write(STDERR_FILENO, stop_note,
	    stop_note_len) < 0)
		stop_note_len = 0;
}

/* ---- the trees ---- */

/* .NAME.new and .NAME.old beside OUTPUT. */
static char *
sibling(const char *output, const char *suffix)
{
	char *copy = xstrdup(output);
	size_t len = strlen(copy);
	struct buf b = {0};

	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	char *slash = strrchr(copy, '/');
	if (slash != NULL) {
		*slash = '\0';
		buf_printf(&b, "%s/.%s.%s", *copy ? copy : "/", slash + 1, suffix);
	} else {
		buf_printf(&b, ".%s.%s", copy, suffix);
	}
	free(copy);
	return buf_detach(&b);
}

/* The folder OUTPUT is in, as a new string (without making OUTPUT). */
static char *
parent_of(const char *output)
{
	char *copy = xstrdup(output);
	size_t len = strlen(copy);

	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	char *slash = strrchr(copy, '/');
	if (slash == NULL) {
		free(copy);
		return xstrdup(".");
	}
	slash[slash == copy ? 1 : 0] = '\0';
	return copy;
}

/* Creates the parent folders of path inside root. */
static int
make_parents(const char *root, const char *rel)
{
	char *full = path_join(root, rel);
	char *slash = strrchr(full, '/');
	int rc = 0;

	if (slash != NULL) {
		*slash = '\0';
		rc = mkdir_p(full, 0755);
	}
	free(full);
	return rc;
}

static int
write_file(const char *root, const char *rel, const struct buf *data)
{
	char *full = path_join(root, rel);
	int fd, rc = -1, saved;
	const char *p = data->data ? data->data : "";
	size_t left = data->len;

	/* the folder is usually there already: make it only when it is not */
	fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 && errno == ENOENT && make_parents(root, rel) == 0)
		fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		goto out;
	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(fd);
			errno = saved;
			goto out;
		}
		p += n;
		left -= (size_t)n;
	}
	rc = close(fd);
out:
	free(full);
	return rc;
}

/* The same where readers may be reading the file (the preview's server):
 * the new file replaces the old one with an atomic rename. */
static int
replace_file(const char *root, const char *rel, const struct buf *data)
{
	char *full = path_join(root, rel);
	const char *p = data->data ? data->data : "";
	int rc = file_write_atomic(full, p, data->len);

	if (rc != 0 && errno == ENOENT && make_parents(root, rel) == 0)
		rc = file_write_atomic(full, p, data->len);
	free(full);
	return rc;
}

/* Hard-links (or, across devices, copies) a file of the old tree into the
 * new one. */
static int
reuse_file(const char *old_root, const char *new_root, const char *rel)
{
	char *from = path_join(old_root, rel);
	char *to = path_join(new_root, rel);
	int rc = link(from, to);

	if (rc != 0 && errno == ENOENT && path_exists(from) &&
	    make_parents(new_root, rel) == 0)
		rc = link(from, to);
	if (rc != 0 && errno != ENOENT) {
		char *data;
		size_t len;
		if (file_read(from, 1u << 30, &data, &len) == 0) {
			struct buf b = {data, len, len + 1};
			rc = write_file(new_root, rel, &b);
			free(data);
		}
	}
	free(from);
	free(to);
	return rc;
}

/* Links a whole subtree of the old output into the new one (the outputs a
 * partial build with --only leaves alone). */
static int
reuse_tree(const char *old_root, const char *new_root, const char *rel)
{
	char *from = path_join(old_root, rel);
	DIR *d = opendir(from);
	struct dirent *de;
	int rc = 0;

	if (d == NULL) {
		free(from);
		return errno == ENOENT ? 0 : -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *child = path_join(rel, de->d_name);
		char *abs = path_join(old_root, child);
		struct stat st;
		if (lstat(abs, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *target = path_join(new_root, child);
			rc = mkdir_p(target, 0755);
			free(target);
			if (rc == 0)
				rc = reuse_tree(old_root, new_root, child);
		} else {
			rc = reuse_file(old_root, new_root, child);
		}
		free(abs);
		free(child);
	}
	closedir(d);
	free(from);
	return rc;
}

/* ---- running the jobs ---- */

struct run {
	const struct job_list *jobs;
	const size_t *order;       /* the jobs in the order they start */
	const struct manifest *old;
	const char *old_root;      /* the current output, may not exist */
	const char *new_root;
	bool force;
	bool progress;
	bool in_place;             /* new_root is old_root: nothing to link */
	void (*site_done)(void *arg);
	void *site_done_arg;
	_Atomic size_t site_left;  /* pages of the site not done yet */
	_Atomic size_t next;
	_Atomic size_t done;
	_Atomic size_t rendered;
	_Atomic bool failed;
	_Atomic bool content_failed;   /* a job reported content errors */
	pthread_mutex_t lock;      /* the first error, the progress line, the
	                            * fonts */
	pthread_mutex_t heavy;     /* held while a heavy job renders */
	char *error;
	/* jobs whose files in the old tree were found as the manifest says
	 * before the workers started (tree_is_current) */
	bool *verified;
	/* what each job produced, for the new manifest */
	size_t *n_files;
	const char ***paths;
	struct file_sum **sums;
};

/* Room for the n files job index produced, made for the job alone: room
 * for JOB_MAX_FILES in every job would spread the jobs' first files a page
 * or so apart, and each page is a fault to the kernel. */
static void
files_room(struct run *run, size_t index, size_t n)
{
	free(run->paths[index]);
	free(run->sums[index]);
	run->paths[index] = n > 0 ? xcalloc(n, sizeof **run->paths) : NULL;
	run->sums[index] = n > 0 ? xcalloc(n, sizeof **run->sums) : NULL;
}

static void
run_fail(struct run *run, const char *fmt, const char *a, const char *b)
{
	pthread_mutex_lock(&run->lock);
	if (run->error == NULL) {
		struct buf msg = {0};
		buf_printf(&msg, fmt, a, b);
		run->error = buf_detach(&msg);
	}
	pthread_mutex_unlock(&run->lock);
	atomic_store(&run->failed, true);
}

/* Whether the file at path is a plain file of that size whose status
 * changed strictly before the time: written, and then left alone. A build
 * writes every file of its tree before its manifest, so the files it made
 * or linked pass; anything done to one after (even within the same tick
 * of the clock) fails and the file is hashed instead. */
static bool
stat_unchanged_since(const struct stat *st, uint64_t size, struct timespec t)
{
	if (t.tv_sec == 0 || !S_ISREG(st->st_mode) ||
	    (uint64_t)st->st_size != size)
		return false;
	return st->st_ctim.tv_sec < t.tv_sec || (st->st_ctim.tv_sec ==
	    t.tv_sec && st->st_ctim.tv_nsec < t.tv_nsec);
}

static bool
unchanged_since(const char *path, uint64_t size, struct timespec t)
{
	struct stat st;

	return lstat(path, &st) == 0 && stat_unchanged_since(&st, size, t);
}

/* Whether a job's files in the old tree hold what the manifest says: a
 * file not changed since the manifest was written (every write, truncation,
 * rename or new link sets its ctime, which no one can set back) is not
 * read; any other is hashed as read, in a small buffer. */
static bool
files_as_cached(const char *root, const struct cached *c,
    struct timespec written)
{
	for (size_t k = 0; k < c->n_files; k++) {
		char *abs = path_join(root, c->paths[k]);
		bool same = unchanged_since(abs, c->sums[k].size, written) ||
		    file_has_digest(abs, c->sums[k].size, c->sums[k].digest);
		free(abs);
		if (!same)
			return false;
	}
	return true;
}

static bool
try_reuse(struct run *run, size_t index)
{
	const struct job *job = &run->jobs->items[index];
	const struct cached *c;

	if (run->force || run->old == NULL)
		return false;
	c = manifest_find(run->old, job->id);
	if (c == NULL || !digest_equal(c->key, job->key))
		return false;
	/* each file as it was written: one truncated by a full disk, emptied
	 * by hand or damaged is made again, not carried forward. Built in
	 * place, the files are where the manifest says: the folder is the
	 * preview's own. */
	if (!run->in_place && !run->verified[index] &&
	    !files_as_cached(run->old_root, c, run->old->written))
		return false;
	files_room(run, index, c->n_files);
	for (size_t k = 0; k < c->n_files; k++) {
		if (!run->in_place && reuse_file(run->old_root, run->new_root,
		    c->paths[k]) != 0) {
			/* the links made so far go: the render must not write
			 * through them into the old tree */
			for (size_t j = 0; j < k; j++) {
				char *abs = path_join(run->new_root, c->paths[j]);
				unlink(abs);
				free(abs);
			}
			return false;
		}
		run->paths[index][k] = c->paths[k];
		run->sums[index][k] = c->sums[k];
	}
	run->n_files[index] = c->n_files;
	return true;
}

static void
draw_progress(struct run *run, const struct job *job)
{
	size_t done = atomic_fetch_add(&run->done, 1) + 1;

	if (job->kind == OUT_SITE && !job->late && run->site_done != NULL &&
	    atomic_fetch_sub(&run->site_left, 1) == 1)
		run->site_done(run->site_done_arg);
	if (!run->progress)
		return;
	pthread_mutex_lock(&run->lock);
	fprintf(stderr, "\r\033[K[%*zu/%zu] %s %s", 5, done, run->jobs->len,
	    output_kinds[job->kind].name, job->label ? job->label : job->id);
	fflush(stderr);
	pthread_mutex_unlock(&run->lock);
}

/* Before the first job draws: the faces of the fonts made and held, so
 * that no thread makes or frees one (fonts.h: cairo's list of them is not
 * thread-safe). Only a build that draws something pays for it; the other
 * jobs find them held. */
static void
hold_fonts(struct run *run)
{
	pthread_mutex_lock(&run->lock);
	fonts_hold();
	pthread_mutex_unlock(&run->lock);
}

static void *
worker(void *arg)
{
	struct run *run = arg;
	struct job_result result;

	memset(&result, 0, sizeof result);
	for (;;) {
		size_t at = atomic_fetch_add(&run->next, 1);
		if (at >= run->jobs->len || atomic_load(&run->failed) ||
		    stop_signal != 0)
			break;
		size_t i = run->order[at];
		const struct job *job = &run->jobs->items[i];
		if (try_reuse(run, i)) {
			draw_progress(run, job);
			continue;
		}
		hold_fonts(run);
		result.n_files = 0;
		buf_reset(&result.err);
		if (job->heavy)
			pthread_mutex_lock(&run->heavy);
		int rc = job->render(job, &result);
		if (job->heavy)
			pthread_mutex_unlock(&run->heavy);
		if (rc == 1) {
			/* the content's fault, reported at its place: the other
			 * jobs go on, to report theirs, and nothing is swapped in */
			atomic_store(&run->content_failed, true);
			draw_progress(run, job);
			continue;
		}
		if (rc != 0) {
			run_fail(run, "cannot render %s: %s", job->id,
			    result.err.data ? result.err.data : "failed");
			break;
		}
		files_room(run, i, result.n_files);
		for (size_t k = 0; k < result.n_files; k++) {
			if ((run->in_place ? replace_file : write_file)(run->new_root,
			    result.paths[k], &result.data[k]) != 0) {
				run_fail(run, "cannot write %s: %s", result.paths[k],
				    strerror(errno));
				break;
			}
			run->paths[i][k] = result.paths[k];
			run->sums[i][k].size = result.data[k].len;
			run->sums[i][k].digest = digest_of(result.data[k].data ?
			    result.data[k].data : "", result.data[k].len);
		}
		run->n_files[i] = result.n_files;
		atomic_fetch_add(&run->rendered, result.n_files);
		draw_progress(run, job);
		/* a heavy job's bytes, written now, are not kept for the
		 * next job: a worker holds no heavy job's memory */
		if (job->heavy)
			for (size_t k = 0; k < JOB_MAX_FILES; k++)
				buf_free(&result.data[k]);
	}
	for (size_t k = 0; k < JOB_MAX_FILES; k++)
		buf_free(&result.data[k]);
	buf_free(&result.err);
	return NULL;
}

static int
job_id_cmp(const void *a, const void *b)
{
	return strcmp(((const struct job *)a)->id, ((const struct job *)b)->id);
}

/* The order jobs start in: phase by phase, and within a phase strided
 * through the list, so that two workers seldom write into the same folder
 * at once (jobs sorted by id are neighbours in the tree, and file systems
 * serialise the creation of files in one folder). */
static size_t
gcd(size_t a, size_t b)
{
	while (b != 0) {
		size_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* The group a job starts in: with site_first (the preview), the site's
 * pages, then the rest of the site, then the other kinds; else one. */
static int
start_group(const struct job *job, bool site_first)
{
	if (!site_first)
		return 0;
	return job->kind != OUT_SITE ? 2 : job->late ? 1 : 0;
}

static size_t *
start_order(const struct job_list *jobs, bool site_first)
{
	size_t n = jobs->len, k = 0;
	size_t *order = xcalloc(n + 1, sizeof *order);
	int max_phase = 0;

	for (size_t i = 0; i < n; i++)
		if (jobs->items[i].phase > max_phase)
			max_phase = jobs->items[i].phase;
	for (int group = 0; group < 3; group++)
	for (int phase = 0; phase <= max_phase; phase++) {
		size_t *members = xcalloc(n + 1, sizeof *members), m = 0;
		for (size_t i = 0; i < n; i++)
			if (jobs->items[i].phase == phase &&
			    start_group(&jobs->items[i], site_first) == group)
				members[m++] = i;
		/* a stride with no common factor with m visits each once */
		size_t stride = 97;
		while (m > 1 && gcd(stride, m) != 1)
			stride++;
		for (size_t i = 0; i < m; i++)
			order[k++] = members[(i * stride) % m];
		free(members);
	}
	return order;
}

/* Writes the manifest of the new tree: every job, and the entries of the
 * kinds carried over unchanged. */
static int
manifest_write(const char *root, const struct job_list *jobs,
    const struct run *run, const struct manifest *old, const bool *kept_kinds)
{
	struct buf out = {0};
	int rc;

	manifest_format(&out, jobs, run->n_files, run->paths, run->sums, old,
	    kept_kinds);
	char *dir = path_join(root, MARKER_DIR);
	rc = mkdir_p(dir, 0755);
	if (rc == 0)
		rc = write_file(root, MANIFEST, &out);
	free(dir);
	buf_free(&out);
	return rc;
}

static int
str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- a tree that is already what the build would make ---- */

struct tree_file {
	const char *path;
	const struct file_sum *sum;
};

struct tree_check {
	const char *root;
	struct tree_file *files;   /* the files the jobs made, by path */
	size_t n;
	size_t found;
	struct timespec written;   /* the manifest's */
	const bool *kept;          /* the kinds this build leaves as they are */
};

static int
tree_file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tree_file *)a)->path,
	    ((const struct tree_file *)b)->path);
}

/* The kind whose folder rel is, or -1. */
static int
kind_of_dir(const char *rel)
{
	for (int k = 0; k < OUT_KIND_COUNT; k++)
		if (strcmp(rel, output_kinds[k].dir) == 0)
			return k;
	return -1;
}

/* Whether the folder at fd (rel in the tree) holds nothing a new tree
 * would not: each file one the jobs made, as the manifest has it
 * (files_as_cached()), each folder with something in it (a built kind's
 * own folder may be empty), no link or other file; a kept kind's folder
 * is carried whole and not looked into. The marker folder must hold the
 * manifest alone (a keep file carries more). */
static bool
tree_walk(struct tree_check *tc, int fd, const char *rel)
{
	DIR *d = fdopendir(fd);
	struct dirent *de;
	bool ok = true, empty = true;

	if (d == NULL) {
		close(fd);
		return false;
	}
	while (ok && (de = readdir(d)) != NULL) {
		const char *name = de->d_name;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		empty = false;
		char *child = *rel ? path_join(rel, name) : xstrdup(name);
		struct stat st;
		/* a folder as the listing says; anything else looked at */
		if (de->d_type == DT_DIR) {
			st.st_mode = S_IFDIR;
		} else if (fstatat(dirfd(d), name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			free(child);
			ok = false;
			break;
		}
		if (*rel == '\0' && strcmp(name, MARKER_DIR) == 0) {
			int mfd = openat(dirfd(d), name, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
			DIR *md = mfd >= 0 ? fdopendir(mfd) : NULL;
			size_t others = 0;
			struct dirent *me;
			if (md == NULL) {
				if (mfd >= 0)
					close(mfd);
				ok = false;
			} else {
				while ((me = readdir(md)) != NULL)
					others += strcmp(me->d_name, ".") != 0 &&
					    strcmp(me->d_name, "..") != 0 &&
					    strcmp(me->d_name, "manifest") != 0;
				closedir(md);
				ok = others == 0;
			}
		} else if (S_ISDIR(st.st_mode)) {
			int k = kind_of_dir(child);
			if (k < 0 || !tc->kept[k]) {
				int cfd = openat(dirfd(d), name, O_RDONLY |
				    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
				ok = cfd >= 0 && tree_walk(tc, cfd, child);
			}
		} else if (S_ISREG(st.st_mode)) {
			struct tree_file key = {child, NULL};
			const struct tree_file *f = bsearch(&key, tc->files, tc->n,
			    sizeof *tc->files, tree_file_cmp);
			ok = f != NULL;
			if (ok && !stat_unchanged_since(&st, f->sum->size,
			    tc->written)) {
				char *abs = path_join(tc->root, child);
				ok = file_has_digest(abs, f->sum->size,
				    f->sum->digest);
				free(abs);
			}
			tc->found += ok;
		} else {
			ok = false;
		}
		free(child);
	}
	closedir(d);
	if (ok && empty && *rel != '\0') {
		int k = kind_of_dir(rel);
		ok = k >= 0 && !tc->kept[k];
	}
	return ok;
}

/* Whether the output is already, file for file, the tree this build would
 * swap in: every job's key and files as the manifest has them, no other
 * entry in it but those of the kinds kept, the same manifest, and nothing
 * else in the tree. Then nothing is linked, written or swapped: an
 * unchanged build only reads. Fills in what each job made (run), and then
 * marks every job's files as found (run->verified). */
static bool
tree_is_current(struct run *run, const char *output, const bool *kept)
{
	const struct job_list *jobs = run->jobs;
	const struct manifest *m = run->old;
	size_t kept_entries = 0, n_paths = 0;
	struct tree_check tc = {0};
	struct buf text = {0};
	bool ok = false;

	if (m->len == 0 || m->written.tv_sec == 0)
		return false;
	for (size_t i = 0; i < m->len; i++)
		kept_entries += m->items[i].n_files > 0 &&
		    manifest_kept_path(m->items[i].paths[0], kept);
	if (m->len != jobs->len + kept_entries)
		return false;
	for (size_t i = 0; i < jobs->len; i++) {
		const struct cached *c = manifest_find(m, jobs->items[i].id);
		if (c == NULL || !digest_equal(c->key, jobs->items[i].key))
			return false;
		n_paths += c->n_files;
	}
	for (int k = 0; k < OUT_KIND_COUNT; k++) {
		char *dir = path_join(output, output_kinds[k].dir);
		bool there = kept[k] || path_is_dir(dir);
		free(dir);
		if (!there)
			return false;
	}
	tc.root = output;
	tc.files = xcalloc(n_paths + 1, sizeof *tc.files);
	tc.written = m->written;
	tc.kept = kept;
	for (size_t i = 0; i < jobs->len; i++) {
		const struct cached *c = manifest_find(m, jobs->items[i].id);
		files_room(run, i, c->n_files);
		for (size_t k = 0; k < c->n_files; k++) {
			run->paths[i][k] = c->paths[k];
			run->sums[i][k] = c->sums[k];
			tc.files[tc.n++] = (struct tree_file){c->paths[k], &c->sums[k]};
		}
		run->n_files[i] = c->n_files;
	}
	manifest_format(&text, jobs, run->n_files, run->paths, run->sums, m,
	    kept);
	if (text.len != m->text_len || memcmp(text.data, m->text, text.len) != 0)
		goto out;
	qsort(tc.files, tc.n, sizeof *tc.files, tree_file_cmp);
	int fd = open(output, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* every file of every job found, and as the manifest has it */
	ok = fd >= 0 && tree_walk(&tc, fd, "") && tc.found == tc.n;
	for (size_t i = 0; ok && i < jobs->len; i++)
		run->verified[i] = true;
out:
	buf_free(&text);
	free(tc.files);
	return ok;
}

/* Built in place: removes the files of the previous build that no job made
 * this time (a record deleted, a poster of a week gone by). The folders
 * they leave empty stay; nothing lists them. */
static void
remove_stale(const char *root, const struct job_list *jobs,
    const struct run *run, const struct manifest *old, const bool *kept_kinds)
{
	const char **made = NULL;
	size_t n = 0;

	for (size_t i = 0; i < jobs->len; i++)
		n += run->n_files[i];
	made = xcalloc(n + 1, sizeof *made);
	n = 0;
	for (size_t i = 0; i < jobs->len; i++)
		for (size_t k = 0; k < run->n_files[i]; k++)
			made[n++] = run->paths[i][k];
	qsort(made, n, sizeof *made, str_ptr_cmp);
	for (size_t i = 0; i < old->len; i++) {
		const struct cached *c = &old->items[i];
		for (size_t k = 0; k < c->n_files; k++) {
			const char *key = c->paths[k];
			if (manifest_kept_path(key, kept_kinds) || bsearch(&key, made, n,
			    sizeof *made, str_ptr_cmp) != NULL)
				continue;
			char *abs = path_join(root, c->paths[k]);
			unlink(abs);
			free(abs);
		}
	}
	free(made);
}

/* Whether a staging folder (.NAME.new, .NAME.old) is one this program made:
 * each holds the marker folder from its first moment (a tree of a previous
 * build has it too). An empty folder is taken as ours as well: removing it
 * loses nothing, and a build killed between the two mkdirs leaves one. */
static bool
ours(const char *tree)
{
	char *marker = path_join(tree, MARKER_DIR);
	bool marked = path_is_dir(marker);

	free(marker);
	return marked || dir_is_empty(tree);
}

static void
warn_not_removed(const char *tree)
{
	fprintf(stderr, _("noticeboard: warning: cannot remove the previous "
	    "output '%s' (the new one is in place; remove it by hand): %s\n"),
	    tree, strerror(errno));
}

/* Removes a tree of ours with its marker last, so that a removal that
 * stops half way (a file it may not delete) leaves a tree still ours. */
static int
remove_ours(const char *tree)
{
	DIR *d = opendir(tree);
	struct dirent *de;
	int rc = 0;

	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    strcmp(de->d_name, MARKER_DIR) == 0)
			continue;
		char *child = path_join(tree, de->d_name);
		if (remove_tree(child) != 0)
			rc = -1;
		free(child);
	}
	closedir(d);
	return rc == 0 ? remove_tree(tree) : -1;
}

/* Moves the new tree into place: one atomic exchange where the system has
 * it, else two renames (a crash between them is repaired by recover()).
 * The previous tree is removed; a failure to remove it only warns: the new
 * tree is in place. */
static int
swap_in(const char *output, const char *staging, const char *old)
{
	if (!path_exists(output))
		return rename(staging, output);
#ifdef RENAME_EXCHANGE
	if (renameat2(AT_FDCWD, staging, AT_FDCWD, output, RENAME_EXCHANGE) == 0) {
		/* staging now holds the previous tree, marked */
		const char *gone = staging;
		if (!path_exists(old) && rename(staging, old) == 0)
			gone = old;
		if (remove_ours(gone) != 0)
			warn_not_removed(gone);
		return 0;
	}
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
#endif
	if (path_exists(old)) {
		diag_system("'%s' is in the way of the output's swap: move it "
		    "away or remove it", old);
		errno = EEXIST;
		return -1;
	}
	if (rename(output, old) != 0)
		return -1;
	if (rename(staging, output) != 0) {
		int saved = errno;
		rename(old, output);
		errno = saved;
		return -1;
	}
	if (remove_ours(old) != 0)
		warn_not_removed(old);
	return 0;
}

/* Clears what an interrupted build left: a half-built new tree, and the old
 * tree of a swap that did not finish (put back if the output is gone). Only
 * folders this program made are touched (ours()); a .NAME.old that is not
 * ours, or cannot be removed, is named and left: the swap does without it
 * where the system exchanges two folders atomically. A .NAME.new is
 * needed: one that is not ours stops the build. */
static int
recover(const char *output, const char *staging, const char *old)
{
	if (path_exists(old)) {
		if (!ours(old)) {
			fprintf(stderr, _("noticeboard: warning: '%s' was not made "
			    "by noticeboard (it has no %s inside): it is left as "
			    "it is; move it away\n"), old, MARKER_DIR);
		} else if (!path_exists(output)) {
			if (rename(old, output) != 0) {
				diag_system("cannot put back '%s' as '%s': %s", old,
				    output, strerror(errno));
				return -1;
			}
		} else if (remove_ours(old) != 0) {
			fprintf(stderr, _("noticeboard: warning: cannot remove "
			    "'%s', left by an earlier build: %s; the build goes on "
			    "without it (remove it by hand)\n"), old,
			    strerror(errno));
		}
	}
	if (path_exists(staging)) {
		if (!ours(staging)) {
			diag_system("'%s' is in the way: it was not made by "
			    "noticeboard (it has no %s inside); move it away or "
			    "remove it", staging, MARKER_DIR);
			return -1;
		}
		if (remove_ours(staging) != 0) {
			diag_system("cannot remove '%s', left by an interrupted "
			    "build: %s", staging, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Takes the output's lock: an exclusive flock on .NAME.lock beside it, held
 * (by the open descriptor) until the build ends, so that two builds into one
 * output run one after the other. The file stays: removing it would let a
 * third build lock a new file while the second holds the old one. Returns
 * the descriptor, or -1 (errno EWOULDBLOCK with no_wait, EINTR on a stop
 * signal). */
static int
take_lock(const char *lock_path, const char *output, bool no_wait)
{
	int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return fd;
	if (errno != EWOULDBLOCK || no_wait)
		goto fail;
	fprintf(stderr, _("noticeboard: another build is writing into '%s'; "
	    "waiting for it to finish (--no-wait: do not wait)\n"), output);
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR || stop_signal != 0)
			goto fail;
	}
	return fd;
fail:;
	int saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* Carries over the files of the previous tree that no build makes and that
 * match a pattern of its marker folder's keep file (one a line, '#' starts
 * a comment; matched against the path inside the output, shell wildcards,
 * a folder matched is kept whole), and the keep file itself. A file this
 * build made wins over a kept one of the same path. */
struct keep {
	char **patterns;
	size_t len;
	size_t depth;              /* the most parts a pattern has */
};

static bool
keep_matches(const struct keep *k, const char *rel)
{
	for (size_t i = 0; i < k->len; i++)
		if (fnmatch(k->patterns[i], rel, FNM_PATHNAME) == 0)
			return true;
	return false;
}

static int
keep_walk(const struct keep *k, const char *old_root, const char *new_root,
    const char *rel, size_t depth)
{
	char *from = *rel ? path_join(old_root, rel) : xstrdup(old_root);
	DIR *d = opendir(from);
	struct dirent *de;
	int rc = 0;

	free(from);
	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	while (rc == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
		    (depth == 0 && strcmp(de->d_name, MARKER_DIR) == 0))
			continue;
		char *child = *rel ? path_join(rel, de->d_name) :
		    xstrdup(de->d_name);
		char *abs = path_join(old_root, child);
		char *target = path_join(new_root, child);
		struct stat st;
		bool dir = lstat(abs, &st) == 0 && S_ISDIR(st.st_mode);
		if (keep_matches(k, child)) {
			if (!path_exists(target)) {
				if (dir) {
					rc = mkdir_p(target, 0755);
					if (rc == 0)
						rc = reuse_tree(old_root, new_root, child);
				} else {
					rc = reuse_file(old_root, new_root, child);
				}
			}
		} else if (dir && depth + 1 < k->depth) {
			rc = keep_walk(k, old_root, new_root, child, depth + 1);
		}
		free(target);
		free(abs);
		free(child);
	}
	closedir(d);
	return rc;
}

static int
carry_kept(const char *old_root, const char *new_root)
{
	char *path = path_join(old_root, KEEP_FILE);
	char *data = NULL, *line, *next;
	size_t len;
	struct keep k = {0};
	int rc = 0;

	if (file_read(path, 1u << 20, &data, &len) != 0) {
		free(path);
		return errno == ENOENT ? 0 : -1;
	}
	free(path);
	k.patterns = xcalloc(len + 1, sizeof *k.patterns);
	for (line = data; line < data + len; line = next) {
		char *nl = memchr(line, '\n', (size_t)(data + len - line));
		next = nl ? nl + 1 : data + len;
		if (nl != NULL)
			*nl = '\0';
		char *hash = strchr(line, '#');
		if (hash != NULL)
			*hash = '\0';
		size_t l = strlen(line);
		while (l > 0 && strchr(" \t\r/", line[l - 1]) != NULL)
			line[--l] = '\0';
		while (*line == ' ' || *line == '\t' || *line == '/')
			line++;
		if (*line == '\0')
			continue;
		size_t parts = 1;
		for (const char *c = line; *c; c++)
			parts += *c == '/';
		if (parts > k.depth)
			k.depth = parts;
		k.patterns[k.len++] = line;
	}
	rc = keep_walk(&k, old_root, new_root, "", 0);
	if (rc == 0)
		rc = reuse_file(old_root, new_root, KEEP_FILE);
	free(k.patterns);
	free(data);
	return rc;
}

/* Refuses, before anything is rendered, an output the build cannot replace
 * whole (a mount point, the current folder or one holding it) or one that
 * would mix with the content. */
static bool
output_usable(const char *output, const char *content, bool in_place)
{
	struct stat st, parent;
	char *up = path_join(output, "..");
	char cwd[4096];
	bool ok = false;

	if (content != NULL && path_inside(output, content)) {
		diag_system("the output folder '%s' lies inside the content folder "
		    "'%s': choose an output folder outside it, such as -o "
		    "output beside the content", output, content);
		goto out;
	}
	if (content != NULL && path_inside(content, output)) {
		diag_system("the content folder '%s' lies inside the output "
		    "folder '%s', which every build replaces: choose another "
		    "output folder", content, output);
		goto out;
	}
	if (in_place) {
		ok = true;
		goto out;
	}
	if (getcwd(cwd, sizeof cwd) != NULL && path_inside(cwd, output)) {
		diag_system("the output folder '%s' is the current folder or holds "
		    "it, and a build replaces its output folder whole: run the "
		    "build from another folder, or choose a folder inside, such "
		    "as -o output", output);
		goto out;
	}
	if (stat(output, &st) == 0 && stat(up, &parent) == 0 &&
	    (st.st_dev != parent.st_dev || st.st_ino == parent.st_ino)) {
		diag_system("the output folder '%s' is a mount point, which a "
		    "build cannot replace whole: build into a folder inside it, "
		    "such as -o %s/output, and publish that", output, output);
		goto out;
	}
	ok = true;
out:
	free(up);
	return ok;
}

static double
now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static const struct backend *
backend_of(enum output_kind kind)
{
	for (size_t i = 0; i < n_backends; i++)
		if (backends[i]->kind == kind)
			return backends[i];
	return NULL;
}

enum engine_status
engine_run(const struct county *county, const struct engine_options *o,
    struct engine_stats *stats)
{
	char *output = NULL, *staging = NULL, *old = NULL, *marker = NULL;
	char *lock_path = NULL;
	int lock_fd = -1;
	struct sigaction sa, old_int, old_term;
	bool handlers = false;
	void *states[OUT_KIND_COUNT] = {0};
	struct job_list jobs;
	struct manifest manifest = {0};
	struct run run;
	struct buf err = {0};
	enum engine_status status = ENGINE_FAILED;
	double start = now_seconds();
	bool kept[OUT_KIND_COUNT] = {false};
	pthread_t *threads = NULL;
	int n_threads = o->jobs > 0 ? o->jobs : 1;

	memset(stats, 0, sizeof *stats);
	memset(&run, 0, sizeof run);
	job_list_init(&jobs);
	pthread_mutex_init(&run.lock, NULL);
	pthread_mutex_init(&run.heavy, NULL);

	/* a link as the output is followed: the tree of its target is
	 * replaced, the link stays */
	struct stat lst;
	if (lstat(o->output, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		output = path_resolve(o->output);
		if (output == NULL || !path_exists(output)) {
			diag_system("the output '%s' is a link to nothing: make its "
			    "target folder, or remove the link", o->output);
			status = ENGINE_USAGE;
			goto out;
		}
	} else {
		output = xstrdup(o->output);
	}
	staging = sibling(output, "new");
	old = sibling(output, "old");
	marker = path_join(output, MARKER_DIR);
	lock_path = sibling(output, "lock");
	if (!output_usable(output, o->content_dir, o->in_place)) {
		status = ENGINE_USAGE;
		goto out;
	}
	if (!o->in_place) {
		/* the preview has its own handlers */
		stop_signal = 0;
		stop_note = _("\nnoticeboard: stopping once the jobs under way "
		    "are done; press Ctrl-C again to stop at once\n");
		stop_note_len = strlen(stop_note);
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_stop_signal;
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGINT, &sa, &old_int) != 0 ||
		    sigaction(SIGTERM, &sa, &old_term) != 0) {
			diag_system("cannot handle signals: %s", strerror(errno));
			goto out;
		}
		handlers = true;
	}
	/* nothing of a staging folder is touched without the lock */
	char *parent = parent_of(output);
	int made = mkdir_p(parent, 0755);
	free(parent);
	if (made != 0) {
		diag_system("cannot create the folder of '%s': %s", output,
		    strerror(errno));
		goto out;
	}
	lock_fd = take_lock(lock_path, output, o->no_wait);
	if (lock_fd < 0) {
		if (stop_signal != 0) {
			status = ENGINE_INTERRUPTED;
		} else if (errno == EWOULDBLOCK) {
			diag_system("another build is writing into '%s' (it holds "
			    "'%s'): try again when it has finished", output,
			    lock_path);
			status = ENGINE_BUSY;
		} else {
			diag_system("cannot lock '%s': %s", lock_path,
			    strerror(errno));
		}
		goto out;
	}

	/* never swap away a folder that is not ours */
	if (path_exists(output) && !(path_is_dir(output) &&
	    (path_exists(marker) || dir_is_empty(output)))) {
		diag_system("'%s' is not an output folder of noticeboard (it has "
		    "no %s inside): choose a new or empty folder with -o",
		    output, MARKER_DIR);
		status = ENGINE_USAGE;
		goto out;
	}
	if (o->in_place) {
		/* the tree being built is the output itself */
		free(staging);
		staging = xstrdup(output);
	} else if (recover(output, staging, old) != 0) {
		goto out;
	}

	/* Text from a small copy of the font (render/subset.h), set up
	 * before any job key is made (they include it) and before a thread
	 * makes a font map. Without it the installed font is drawn from. */
	for (int k = 0; k < OUT_KIND_COUNT; k++)
		if (o->kinds[k] && k != OUT_SITE && k != OUT_GROUP) {
			(void)subset_use(NULL);
			break;
		}

	/* plan */
	for (int k = 0; k < OUT_KIND_COUNT; k++) {
		const struct backend *b = backend_of((enum output_kind)k);
		if (!o->kinds[k] || b == NULL) {
			kept[k] = true;
			continue;
		}
		states[k] = b->create(county, o, &err);
		if (states[k] == NULL || b->plan(states[k], county, &jobs, &err) != 0) {
			diag_system("%s: %s", b->name, err.data ? err.data :
			    "cannot start");
			goto out;
		}
	}
	qsort(jobs.items, jobs.len, sizeof *jobs.items, job_id_cmp);
	for (size_t i = 1; i < jobs.len; i++)
		if (strcmp(jobs.items[i].id, jobs.items[i - 1].id) == 0) {
			diag_system("two outputs named %s", jobs.items[i].id);
			goto out;
		}

	/* render into the new tree */
	run.jobs = &jobs;
	run.old = &manifest;
	run.n_files = xcalloc(jobs.len + 1, sizeof *run.n_files);
	run.paths = xcalloc(jobs.len + 1, sizeof *run.paths);
	run.sums = xcalloc(jobs.len + 1, sizeof *run.sums);
	run.verified = xcalloc(jobs.len + 1, sizeof *run.verified);
	if (!o->force)
		manifest_read(output, &manifest);
	if (!o->force && !o->in_place && tree_is_current(&run, output, kept)) {
		/* nothing to make, link or swap: the output stays */
		for (size_t i = 0; i < jobs.len; i++) {
			stats->files[jobs.items[i].kind] += run.n_files[i];
			stats->reused += run.n_files[i];
		}
		status = ENGINE_OK;
		goto out;
	}
	if (mkdir_p(staging, 0755) != 0) {
		diag_system("cannot create '%s': %s", staging, strerror(errno));
		goto out;
	}
	if (!o->in_place) {
		/* the mark that makes the folder ours (recover()) */
		char *mark = path_join(staging, MARKER_DIR);
		int rc = mkdir(mark, 0755);
		free(mark);
		if (rc != 0) {
			diag_system("cannot create '%s/%s': %s", staging, MARKER_DIR,
			    strerror(errno));
			goto out;
		}
	}
	if (o->in_place) {
		/* until this build is whole, no file of the tree is trusted */
		char *path = path_join(output, MANIFEST);
		int rc = unlink(path);
		free(path);
		if (rc != 0 && errno != ENOENT) {
			diag_system("cannot update the build manifest in '%s': %s",
			    output, strerror(errno));
			goto out;
		}
	}
	for (int k = 0; k < OUT_KIND_COUNT; k++) {
		char *dir = path_join(staging, output_kinds[k].dir);
		int rc = o->in_place && kept[k] ? 0 :
		    kept[k] ? reuse_tree(output, staging, output_kinds[k].dir) :
		    o->kinds[k] ? mkdir_p(dir, 0755) : 0;
		free(dir);
		if (rc != 0) {
			diag_system("cannot prepare '%s/%s': %s", staging,
			    output_kinds[k].dir, strerror(errno));
			goto out;
		}
	}
	run.in_place = o->in_place;
	if (o->in_place && o->site_done != NULL) {
		run.site_done = o->site_done;
		run.site_done_arg = o->site_done_arg;
		size_t site_jobs = 0;
		for (size_t i = 0; i < jobs.len; i++)
			site_jobs += jobs.items[i].kind == OUT_SITE &&
			    !jobs.items[i].late;
		atomic_init(&run.site_left, site_jobs);
	}
	run.order = start_order(&jobs, run.site_done != NULL);
	run.old_root = output;
	run.new_root = staging;
	run.force = o->force;
	run.progress = o->progress;
	threads = xcalloc((size_t)n_threads, sizeof *threads);
	int started = 0;
	for (; started < n_threads; started++)
		if (pthread_create(&threads[started], NULL, worker, &run) != 0)
			break;
	if (started == 0)
		worker(&run);
	for (int t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	fonts_release();
	if (run.progress)
		fputs("\r\033[K", stderr);
	if (stop_signal != 0) {
		status = ENGINE_INTERRUPTED;
		goto out;
	}
	if (atomic_load(&run.failed)) {
		diag_system("%s", run.error ? run.error : "the build failed");
		goto out;
	}
	if (atomic_load(&run.content_failed)) {
		status = ENGINE_CONTENT;
		goto out;
	}
	if (!o->in_place && carry_kept(output, staging) != 0) {
		diag_system("cannot carry over the files %s of '%s' names: %s",
		    KEEP_FILE, output, strerror(errno));
		goto out;
	}
	/* every file on the disk before the manifest vouches for it (a power
	 * cut must not leave empty files that the next build trusts), and
	 * the manifest too before the swap */
	if (fs_sync(staging) != 0) {
		diag_system("cannot write '%s' to the disk: %s", staging,
		    strerror(errno));
		goto out;
	}
	if (manifest_write(staging, &jobs, &run, &manifest, kept) != 0) {
		diag_system("cannot write the build manifest in '%s': %s", staging,
		    strerror(errno));
		goto out;
	}
	if (fs_sync(staging) != 0) {
		diag_system("cannot write '%s' to the disk: %s", staging,
		    strerror(errno));
		goto out;
	}
	if (stop_signal != 0) {
		status = ENGINE_INTERRUPTED;
		goto out;
	}
	if (o->in_place) {
		remove_stale(output, &jobs, &run, &manifest, kept);
	} else if (swap_in(output, staging, old) != 0) {
		diag_system("cannot move the new output into '%s': %s", output,
		    strerror(errno));
		goto out;
	} else {
		char *up = path_join(output, "..");
		dir_sync(up);
		free(up);
		/* removing the previous tree took a link from each file both
		 * trees shared, which sets its ctime: the manifest's time is
		 * moved past that, so that the next build trusts them
		 * (unchanged_since()); a failure only costs it the hashing */
		char *path = path_join(output, MANIFEST);
		(void)utimensat(AT_FDCWD, path, NULL, 0);
		free(path);
	}

	/* in files, as the summary's total is: a WeChat article is four */
	size_t total = 0;
	for (size_t i = 0; i < jobs.len; i++) {
		stats->files[jobs.items[i].kind] += run.n_files[i];
		total += run.n_files[i];
	}
	stats->rendered = atomic_load(&run.rendered);
	stats->reused = total - stats->rendered;
	status = ENGINE_OK;
out:
	/* only a staging folder this build made (recover() refused any other
	 * before it was made) */
	if (status != ENGINE_OK && status != ENGINE_USAGE &&
	    status != ENGINE_BUSY && lock_fd >= 0 && !o->in_place &&
	    staging != NULL && path_exists(staging) && ours(staging))
		remove_ours(staging);
	if (status == ENGINE_INTERRUPTED)
		stats->signal = stop_signal != 0 ? stop_signal : SIGINT;
	if (lock_fd >= 0)
		close(lock_fd);
	if (handlers) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
	}
	for (int k = 0; k < OUT_KIND_COUNT; k++) {
		const struct backend *b = backend_of((enum output_kind)k);
		if (states[k] != NULL)
			b->destroy(states[k]);
	}
	stats->seconds = now_seconds() - start;
	free(threads);
	free((size_t *)run.order);
	/* a run that stopped before its jobs had none of this */
	for (size_t i = 0; run.paths != NULL && i < jobs.len; i++) {
		free(run.paths[i]);
		free(run.sums[i]);
	}
	free(run.n_files);
	free(run.paths);
	free(run.sums);
	free(run.verified);
	free(run.error);
	pthread_mutex_destroy(&run.lock);
	pthread_mutex_destroy(&run.heavy);
	manifest_free(&manifest);
	job_list_free(&jobs);
	buf_free(&err);
	free(staging);
	free(old);
	free(marker);
	free(lock_path);
	free(output);
	return status;
}
