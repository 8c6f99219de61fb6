/* load.h: reading a content tree (or a lone flow file) into the model.
 * Every problem is reported through diag and loading goes on, so that one
 * run shows all of them. */
#ifndef NB_LOAD_H
#define NB_LOAD_H

#include "load/schema.h"
#include "model/model.h"

/* Files larger than these are refused: no clerk writes one by hand, and a
 * record's Markdown costs far more memory to parse than its size. */
#define CONTENT_FILE_LIMIT (16u * 1024 * 1024)
#define RECORD_FILE_LIMIT (4u * 1024 * 1024)

enum load_status {
	LOAD_OK,           /* loaded; content errors may have been reported */
	LOAD_NO_CONTENT,   /* the content folder does not exist */
	LOAD_IO_FAILED     /* a file or folder could not be read */
};

/* Loads the content tree at root with the build clock today. The model is
 * complete even when errors were reported, with the broken parts left out. */
enum load_status county_load(struct county *county, const char *root,
    int32_t today);

/* ---- cache.c: the preview's loader ---- */

/* A county kept loaded between builds, brought up to date by loading again
 * only the villages whose files changed; the other villages' diagnostics
 * are reported again as they were. */
struct county_cache;
struct county_cache *county_cache_new(void);
void county_cache_free(struct county_cache *c);
/* Loads the content at root as county_load does, into the cache's county
 * (*out, the cache's until the next call: the caller does not free it),
 * after diag_reset(). hints: the folders (relative to root) where
 * something changed since the last call, when a watcher knows (NULL: it
 * does not, every file is looked at). *reloaded: the villages loaded
 * again, (size_t)-1 when everything was. */
enum load_status county_cache_load(struct county_cache *c, const char *root,
    int32_t today, const char *const *hints, size_t n_hints,
    struct county **out, size_t *reloaded);

/* Loads these villages of a loaded county again, each where it is (its
 * records and diagnostics anew, diag_set_owner: the village), and counts
 * the county's totals again. For the preview's cache (cache.c). */
enum load_status villages_reload(struct county *county,
    struct village *const *which, size_t n);
/* The county's record count and content hash, from its villages'. */
void county_totals(struct county *county);

/* Loads a flow from a file of its own (a mapping with `steps`, optionally
 * `lanes` and `title`, or one with a `flow` key). path is used as given. */
enum load_status flow_load_file(struct arena *arena, const char *path,
    struct flow *out);

/* ---- shared between the loader's files ---- */

/* The folder a build's output holds (the engine's MARKER_DIR): a folder of
 * the content holding it is an output, skipped by the walk. */
#define OUTPUT_MARKER_DIR ".noticeboard"

struct load_ctx {
	struct county *county;
	struct arena *arena;
	const char *root;
	/* the content folder with its links resolved (realpath): no link is
	 * followed out of it; NULL when it cannot be resolved */
	const char *root_real;
	bool io_failed;
};

/* (file.c) Reads a content file, checks it is UTF-8 text and drops a BOM; reports any
 * problem under rel. Returns false when there is nothing to parse. */
bool load_text_file(struct load_ctx *ctx, const char *abs, const char *rel,
    size_t limit, char **text, size_t *len);

/* Checks text read from rel is UTF-8 without NUL bytes, dropping a BOM. */
bool load_text_check(const char *rel, char *text, size_t *len);

void catalog_load(struct load_ctx *ctx);
/* Reads one catalog file (duties.yaml, powers.yaml or services.yaml) from
 * text; used by catalog_load and by the fuzzer. */
void catalog_parse(struct load_ctx *ctx, const char *name, const char *text,
    size_t len);
/* Resolves a reference to a role or a power item written at `at`, reporting
 * an unknown one with a suggestion (unless the catalog file could not be
 * read, whose own error says enough). */
const struct role *catalog_role_ref(struct ld *ld, const struct catalog *cat,
    const struct ynode *at, const char *key, const char *id);
const struct power_item *catalog_item_ref(struct ld *ld,
    const struct catalog *cat, const struct ynode *at, const char *key,
    const char *id);

/* Reads a flow mapping (lanes, steps) and resolves its references. */
bool flow_parse(struct ld *ld, const struct ynode *n, const char *title,
    struct flow *out);
/* Loads one record file; returns NULL when it is unusable. */
struct record *record_load(struct load_ctx *ctx, struct village *village,
    const char *abs, const char *rel, const char *id);
/* The same from text already read and checked (load_text_check). */
struct record *record_parse(struct load_ctx *ctx, struct village *village,
    const char *rel, const char *id, const char *text, size_t len);

/* (recfiles.c) The files r's body (Markdown, its first line first_line of
 * the file) shows and links to: each checked to be inside the content
 * folder and to be an image or a PDF, reported at its link, and kept in
 * r->files with its hash; r->files_hash is the hash of them all. */
void record_files_load(struct load_ctx *ctx, struct record *r,
    const char *body, int first_line);

#endif
