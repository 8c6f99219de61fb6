/* site.h: the website backend's shared parts: the theme, the state planned
 * once per build, the pages and the files each job writes. Everything here is
 * read-only once plan() returns, except what jobs make once and share: the
 * excerpts of the records on feeds and the search index, each behind its
 * atomics or lock. */
#ifndef NB_SITE_SITE_H
#define NB_SITE_SITE_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>

#include "assess/assess.h"
#include "engine/engine.h"
#include "engine/job.h"
#include "model/model.h"
#include "site/mustache.h"
#include "util/util.h"

/* The templates of a theme, one per kind of page. */
enum page_kind {
	PAGE_COUNTY,
	PAGE_TOWN,
	PAGE_VILLAGE,
	PAGE_ARCHIVE,
	PAGE_RECORD,
	PAGE_CATALOG,
	PAGE_ITEM,
	PAGE_DUTY,
	PAGE_SERVICE,
	PAGE_SEARCH,
	PAGE_NOT_FOUND,
	PAGE_ASSESSMENT,       /* the county's or a town's dashboard */
	PAGE_COUNT
};

/* A file of the theme copied as it is (style.css, scripts, pictures). */
struct theme_file {
	char *rel;             /* path below static/, e.g. "style.css" */
	char *out_path;        /* "site/style.css" */
	struct buf data;
};

struct theme {
	char *dirs[3];         /* lookup order: county override, theme, default */
	size_t n_dirs;
	struct mu_engine *engine;
	const struct mu_template *pages[PAGE_COUNT];
	struct theme_file *files;
	size_t n_files;
	struct hasher *hasher; /* of every template and file read */
	struct digest digest;
	/* per page template: the names it looks up, sorted, once each */
	const char **names[PAGE_COUNT];
	size_t n_names[PAGE_COUNT];
};

int theme_load(struct theme *t, const char *data_dir, const char *content_dir,
    const char *name, struct buf *err);
void theme_free(struct theme *t);
/* Whether the template of this kind of page looks up name anywhere: if
 * not, a page builder need not make it. */
bool theme_uses(const struct theme *t, enum page_kind kind, const char *name);

/* Records of one power item, newest first. */
struct item_uses {
	const struct power_item *item;
	const struct record **records;
	size_t n_records;
};

struct search_index;
struct excerpts;

struct site_state {
	const struct county *county;
	struct theme theme;
	/* published records, newest first (date, then path) */
	const struct record **published;
	size_t n_published;
	/* each published record's number in published, by its address
	 * (site_doc()) */
	struct doc_slot {
		const struct record *record;   /* NULL: empty */
		size_t doc;
	} *doc_table;
	size_t doc_mask;
	struct item_uses *uses;      /* one per catalog item, in catalog order */
	size_t n_uses;
	struct digest *village_digest;   /* per village, in county order */
	/* of the towns' own records, in county order, then the county's */
	struct digest *level_digest;
	struct digest all_digest;        /* every village, town and the catalog */
	/* the disclosure assessment at the build clock, computed once */
	struct county_assessment *assessment;
	/* Per published record (its number in published): whether it is on
	 * a feed (among its village's latest FEED_ENTRIES, hence among its
	 * town's and the county's too), and the excerpt of its text for the
	 * feeds, made once by whichever job needs it first. */
	bool *in_feed;
	struct excerpts *excerpts;
	/* the search index, filled by record pages and the search jobs */
	struct search_index *search;
};

/* ---- state.c: what the jobs read of the shared state ---- */

/* The order of the published records: newest first, then by path. */
int site_published_cmp(const void *a, const void *b);
/* The excerpts kept for the feeds: one slot per published record. */
struct excerpts *excerpts_new(size_t n_published);
void excerpts_free(struct excerpts *e);
/* Keeps the excerpt of a record, unless another thread kept it first. */
void excerpts_keep(struct excerpts *e, size_t doc, const char *text,
    size_t len);
/* Whether a record on a feed still wants its excerpt kept. */
bool site_feed_wants(const struct site_state *st, size_t doc);
/* The newest published records of a town (NULL: the county), at most max
 * of them, newest first; returns how many. */
size_t site_latest(const struct site_state *st, const struct town *t,
    const struct record **out, size_t max);
/* The number of a published record in st->published; site_docs_index()
 * makes the table it looks in, once published is in order. */
size_t site_doc(const struct site_state *st, const struct record *r);
void site_docs_index(struct site_state *st);
/* Appends the excerpt of a published record's text (EXCERPT_CHARS): the
 * one made before for a record on a feed, else made now. */
void site_excerpt(const struct site_state *st, size_t doc, struct buf *out);
/* (search.c) A record page parsed the record's text: keeps the excerpt for
 * the feeds and the search index, when they still want it. */
void site_record_parsed(const struct site_state *st, size_t doc,
    const char *excerpt);
/* (search.c) Whether a record page should make the excerpt while parsing. */
bool site_wants_excerpt(const struct site_state *st, size_t doc);

/* ---- memo.c: the excerpts kept from one build to the next ---- */

/* The preview turns this on: the records' excerpts are kept between
 * builds (off: forgotten). */
void site_keep_excerpts(bool on);
/* What a record's excerpt is made of, as a key. */
struct digest excerpt_key(const struct record *r);
/* Appends the excerpt kept under key; false when there is none. */
bool excerpt_memo_get(struct digest key, struct buf *out);
void excerpt_memo_put(struct digest key, const char *text, size_t len);
/* After a build: keeps the excerpts of these records only. */
void excerpt_memo_sweep(const struct record *const *published, size_t n);

#define SEARCH_SHARDS 32
#define SEARCH_SHARDS_PER_JOB 4
/* characters of a record's text in the search index and the feeds */
#define EXCERPT_CHARS 200

/* What a job renders: the kind of output and its subject. */
enum output_what {
	OUT_PAGE,              /* an HTML page */
	OUT_FEED,
	OUT_SITEMAP,
	OUT_STATIC,
	OUT_SEARCH_DOCS,
	OUT_SEARCH_SHARDS,
	OUT_FLOW_SVG,
	OUT_SCORES_CSV,        /* the assessment's scores as a spreadsheet */
	OUT_VILLAGE_DATA,      /* a village's published records as JSON */
	OUT_DATA_INDEX,        /* data/index.json: the towns and villages */
	OUT_PHOTO,             /* a photo's two sizes (media.c) */
	OUT_ATTACHMENT         /* a PDF copied (media.c) */
};

struct page {
	enum output_what what;
	enum page_kind kind;
	const char *path;      /* relative to site/, e.g. "qingshui/index.html" */
	const char *out_path;  /* relative to the output folder: "site/..." */
	const struct town *town;
	const struct village *village;
	const struct record *record;
	const struct power_item *item;
	const struct role *role;
	const struct service_guide *service;
	const struct item_uses *uses;
	const struct theme_file *file;
	int month;             /* archive: year * 12 + month - 1 */
	size_t doc;            /* record: its number in the published records */
	int shard;             /* search: first shard of the job */
	const char **shard_paths;   /* SEARCH_SHARDS_PER_JOB of them */
	const struct flow *flow;
	/* a photo's or attachment's job: the file and the paths it writes */
	const struct record_file *media;
	const char *media_paths[2];
	/* the assessment: a town's for its dashboard (NULL: the county's), a
	 * village's for its page */
	const struct town_assessment *town_assessment;
	const struct village_assessment *assessment;
};

#define SEARCH_DOCS_PER_FILE 2000
#define FEED_ENTRIES 50
#define LATEST_COUNTY 20
#define LATEST_TOWN 20
#define RECENT_VILLAGE 10
#define ITEM_RECORDS 50
/* reminder talks listed on an item's and a village's page */
#define ITEM_TALKS 50
#define VILLAGE_TALKS 50
/* issues shown per village on a dashboard; the village page has them all */
#define DASHBOARD_ISSUES 5

/* ---- paths.c ---- */
/* "qingshui/zhangjiagou/x.html": a record's page; "index" gets another name
 * so that it cannot replace the village page. A town's own record is
 * "qingshui/x.html" ("assessment" renamed, beside the town's dashboard),
 * the county's "county/x.html". */
char *record_page_path(struct arena *a, const struct record *r);
void record_page_path_put(struct buf *b, const struct record *r);
/* "qingshui 张家沟" for people: a record's place, "qingshui" (the town's
 * name) for a town's own, the county's name for the county's (paths.c). */
const char *place_of(struct arena *a, const struct village *v);
/* "data/qingshui/zhangjiagou.json": a village's open data; a town's own
 * records "data/qingshui.json", the county's "data/county.json". */
char *village_data_path(struct arena *a, const struct village *v);
char *village_dir(struct arena *a, const struct village *v);
/* "qingshui/zhangjiagou/index.html", "qingshui/index.html",
 * "qingshui/assessment.html": a village's page, a town's, a town's
 * dashboard. */
char *village_page_path(struct arena *a, const struct village *v);
char *town_page_path(struct arena *a, const struct town *t);
char *town_dashboard_path(struct arena *a, const struct town *t);
/* The strings up to a NULL, joined into one in the arena, for paths
 * without printf: SITE_CAT(a, town->id, "/index.html"). */
char *site_cat(struct arena *a, const char *first, ...);
#define SITE_CAT(a, ...) site_cat((a), __VA_ARGS__, (const char *)NULL)
char *site_vcat(struct arena *a, const char *first, va_list ap);
/* A record page's file name without ".html": its id, or another name for
 * "index" (which would replace the village page). */
const char *record_file_name(const struct record *r);
/* "../../" for a page at depth 2. */
const char *root_of(struct arena *a, const char *path);
/* root + percent-encoded target, as an href. */
char *href(struct arena *a, const char *root, const char *target);
/* base_url + percent-encoded target. */
char *absolute_url(struct arena *a, const struct county *c, const char *target);

/* render functions, one per kind of output (pages.c, feeds.c, search.c) */
int render_page(const struct site_state *st, const struct page *p,
    struct job_result *r);
int render_feed(const struct site_state *st, const struct page *p,
    struct job_result *r);
/* Whether a feed has no entry: dated by the build clock then. */
bool feed_is_empty(const struct site_state *st, const struct page *p);
int render_sitemap(const struct site_state *st, const struct page *p,
    struct job_result *r);
int render_search_docs(const struct site_state *st, const struct page *p,
    struct job_result *r);
int render_search_shards(const struct site_state *st, const struct page *p,
    struct job_result *r);
/* The assessment's scores as CSV (dashboard.c). */
int render_scores_csv(const struct site_state *st, const struct page *p,
    struct job_result *r);
/* The search index of n_docs documents (search.c): the published records,
 * then the places and the catalog's pages (search_places). */
struct search_index *search_index_new(size_t n_docs);
/* How many towns, villages, power items and service guides the index has
 * as documents of their own, after the records. */
size_t search_places(const struct county *c);
void search_index_free(struct search_index *s);
/* Whether the document is still to be indexed. */
bool search_index_wants(const struct search_index *ix, size_t doc);
/* Indexes a record's title, excerpt and fields (its place, power item,
 * program, outcome and type), unless another thread has. */
void search_index_offer(struct search_index *ix, size_t doc,
    const struct record *r, const char *excerpt);
/* The open data (data.c): a village's records, and the list of villages. */
int render_village_data(const struct site_state *st, const struct page *p,
    struct job_result *r);
int render_data_index(const struct site_state *st, const struct page *p,
    struct job_result *r);
/* The SVG bar chart of a survey (chart.c). */
void survey_chart_svg(const struct record *r, struct buf *out);
/* The SVG bar chart of a village's satisfaction rate per survey, oldest
 * first (chart.c): rates in permille, labels the surveys' periods. */
void survey_trend_svg(const char *title, const int *rates,
    const char *const *labels, size_t n, struct buf *out);

/* For archives: the month of a date, year * 12 + month - 1. */
int month_of(int32_t date);
/* "2026-11": an archive's name for such a month. */
#define MONTH_NAME_SIZE 8
void month_name(int month, char out[MONTH_NAME_SIZE]);

/* ---- media.c: the photos and PDFs records name ---- */

/* The longest side of a photo on the site, and of its variant for phones
 * (srcset). */
#define SITE_PHOTO_LARGE 1600
#define SITE_PHOTO_SMALL 800

/* "media/0123456789abcdef-1600.jpg": a photo at one of the two sizes,
 * named by its source's hash (known when the jobs are planned), so that a
 * changed photo is a new name; ".png" for a PNG. */
char *site_photo_path(struct arena *a, const struct record_file *f, int side);
/* "media/0123456789abcdef.pdf": an attachment's copy. */
char *site_attachment_path(struct arena *a, const struct record_file *f);
void site_attachment_put(struct buf *out, const struct record_file *f);
/* The <img> of a photo on a page whose root (root_of) is root: its two
 * sizes in srcset, width and height so the page does not move as it
 * loads, loading="lazy", alt the image's description. */
void site_photo_html(const struct record_file *f, const char *root,
    const char *alt, struct buf *out);
/* An attachment link's words on the site, which is in Chinese whatever
 * language the messages are in: "会议记录（PDF，1.2 MB）". */
void site_attachment_label(const char *words, uint64_t bytes,
    struct buf *out);
/* The jobs: a photo's two sizes (p->media_paths), an attachment's copy
 * (p->media_paths[0]). */
int render_photo(const struct site_state *st, const struct page *p,
    struct job_result *r);
int render_attachment(const struct site_state *st, const struct page *p,
    struct job_result *r);

#endif
