/* job.h: the unit of work of a build. A backend (site, posters, flowcharts)
 * plans its outputs as jobs; the build engine runs them on worker threads,
 * skips those whose inputs did not change, and swaps the new tree in. */
#ifndef NB_ENGINE_JOB_H
#define NB_ENGINE_JOB_H

#include <stdbool.h>
#include <stddef.h>

#include "model/model.h"
#include "util/util.h"

enum output_kind {
	OUT_SITE,
	OUT_POSTERS,
	OUT_FLOWCHARTS,
	OUT_WECHAT,        /* the WeChat official account's articles */
	OUT_GROUP,         /* messages for the villages' WeChat and QQ groups */
	OUT_LED,           /* text and frames for the villages' LED screens */
	OUT_TV,            /* slides for the service halls' TVs */
	OUT_CARDS,         /* 便民服务卡: the villages' convenience cards */
	OUT_BANNERS,       /* 易拉宝: roll-up banners */
	OUT_BOARDS,        /* 宣传展板 and 广告牌: display boards, billboards */
	OUT_FORMS,         /* 满意度测评表: paper survey forms and tally sheets */
	OUT_KIND_COUNT
};

/* Each kind's name (for --only and the summary) and the folder of the
 * output it owns. */
struct output_kind_info {
	const char *name;
	const char *dir;
};
extern const struct output_kind_info output_kinds[OUT_KIND_COUNT];

#define JOB_MAX_FILES 64

/* What a job produced: up to JOB_MAX_FILES files (a poster's PDF and its
 * PNG preview, an LED screen's frames), each a path relative to the
 * output folder. */
struct job_result {
	size_t n_files;
	const char *paths[JOB_MAX_FILES];
	struct buf data[JOB_MAX_FILES];
	struct buf err;        /* why it failed, when render returns -1 */
};

/* Returns a buffer for the file at path (relative to the output folder,
 * e.g. "site/fushui/index.html"); path must outlive the result (the job's
 * arena or the model). */
struct buf *job_emit(struct job_result *r, const char *path);

struct job;

/* Renders the job's files. Runs on a worker thread: it reads the model and
 * the backend's state and changes neither. Returns 0; 1 when the content
 * cannot be rendered (a poster no sheet can hold), after reporting content
 * errors through diag at their places; or -1 with a message in r->err on a
 * system failure (a missing font, a failed library call). */
typedef int (*job_render_fn)(const struct job *job, struct job_result *r);

struct job {
	enum output_kind kind;
	const char *id;        /* unique in a build; the cache's name for it */
	const char *label;     /* for the progress line: "posters 富水镇/王家村" */
	job_render_fn render;
	const void *state;     /* the backend's shared, read-only state */
	const void *subject;   /* the part of the model it renders */
	const void *extra;     /* anything else the backend wants to pass */
	/* Jobs start phase by phase: none of phase 1 before every job of phase
	 * 0 has started. A job that gathers what others compute on the way
	 * (the site's search index, its feeds) goes late, so that it mostly
	 * finds the work done. It must still be right in any order. */
	int phase;
	/* Not a page anyone looks at (a search index, a feed, open data): the
	 * preview reloads its pages without waiting for it (engine.h:
	 * site_done). */
	bool late;
	/* Its layout takes much memory (a poster of long records: a hundred
	 * megabytes and more): heavy jobs render one at a time, so that a
	 * build's peak memory holds one of them whatever the number of
	 * workers. */
	bool heavy;
	/* A digest of every input: the program version, templates or fonts, the
	 * site settings, the model parts it shows, the build clock where it
	 * matters. Equal keys must give byte-identical files. */
	struct digest key;
};

struct job_list {
	struct job *items;
	size_t len;
	size_t cap;
	struct arena *arena;   /* owns ids, labels and paths made for jobs */
};

void job_list_init(struct job_list *list);
void job_list_free(struct job_list *list);
/* Adds a zeroed job of this kind and id (copied); the caller fills in the rest. */
struct job *job_add(struct job_list *list, enum output_kind kind,
    const char *id);

/* A hasher seeded with the program version, for the keys of jobs. */
void job_key_init(struct hasher *h, const char *backend);
/* Adds where a village (or a town's or the county's own records) is: its
 * level, its town's id and file, its id and its village.yaml. */
void job_key_place(struct hasher *h, const struct village *v);

#endif
