/* model.h: the content model of a county, as loaded and checked from the
 * content tree. Once checked it is read-only: backends take const pointers. */
#ifndef NB_MODEL_H
#define NB_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/diag.h"
#include "util/util.h"

/* ---- dates and money (date.c, money.c) ---- */

/* A calendar date as a day number: days since 1970-01-01. */
#define DATE_NONE INT32_MIN

int32_t date_from_ymd(int year, int month, int day);
void date_to_ymd(int32_t date, int *year, int *month, int *day);
bool date_valid_ymd(int year, int month, int day);
int date_days_in_month(int year, int month);
/* 0 = Monday .. 6 = Sunday */
int date_weekday(int32_t date);
/* Parses exactly YYYY-MM-DD; returns false when it is not a real date. */
bool date_parse(const char *s, int32_t *out);
/* The years a date or period of the content may have. A date derives ends
 * after it (its week, its month, quarter or year, a notice period of up to
 * ten years, a deadline of up to ten years after its period: due_days and
 * min_days run to 3660) and starts before it; both must keep four-digit
 * years, as every output writes them (9999-12-31's week would end in the
 * year 10000). */
#define DATE_FIRST_YEAR 1000
#define DATE_LAST_YEAR 9979
/* Whether date lies in the years DATE_FIRST_YEAR to DATE_LAST_YEAR. */
bool date_in_content_years(int32_t date);
/* Writes YYYY-MM-DD into out, which has room for 11 bytes. */
void date_format(int32_t date, char out[11]);

/* Dates for people, in the one Chinese form of every output a person
 * reads (ISO dates only in machine outputs): 2026-11-20 -> "2026年11月20日". */
void date_cn(int32_t date, struct buf *out);
/* The same into out, NUL-terminated; returns its length. */
#define DATE_CN_SIZE 32
size_t date_cn_text(int32_t date, char out[DATE_CN_SIZE]);
/* "11月20日": without the year, for a date whose year the reader has
 * from another one beside it. */
void date_cn_short(int32_t date, struct buf *out);
/* A span of days: "2026年11月3日至11月12日", with the end's year whenever
 * it is not the start's ("2026年12月28日至2027年1月3日"); sep between
 * the two ("至", or " 至 "). */
void date_cn_range(int32_t from, int32_t to, const char *sep,
    struct buf *out);
/* Whether two dates fall in the same calendar year. */
bool date_same_year(int32_t a, int32_t b);
/* A small whole number in Chinese numerals (0..99), else decimal digits. */
void number_cn(int n, struct buf *out);

/* Money is held in fen (1/100 yuan), never in floating point. */
#define MONEY_MAX_FEN ((int64_t)1000000000000000)  /* 10^13 yuan */
/* Parses a decimal with at most two fraction digits. On failure returns false
 * and sets *why to a short reason. */
bool money_parse(const char *s, int64_t *fen, const char **why);
/* Adds fen to *sum unless the result would pass MONEY_MAX_FEN either way
 * (then *sum is left as it was and false returned): sums of amounts stay in
 * the range of one amount, far inside 64 bits, so no sum can overflow. */
bool money_add(int64_t *sum, int64_t fen);
/* Formats as yuan with two decimals and thousands separators for display:
 * 1234567 -> "12,345.67". out has room for 32 bytes. */
void money_format(int64_t fen, char out[32]);
/* The same without separators ("12345.67"), for data files. */
void money_format_plain(int64_t fen, char out[32]);

/* ---- periods ---- */

enum period_kind {
	PERIOD_NONE,
	PERIOD_MONTH,     /* 2026-10 */
	PERIOD_QUARTER,   /* 2026-Q3 */
	PERIOD_YEAR       /* 2026 */
};

struct period {
	enum period_kind kind;
	int year;
	int index;          /* month 1..12 or quarter 1..4; 0 for a year */
	int32_t first;      /* first and last day, inclusive */
	int32_t last;
};

/* A period for people: "2026年11月", "2026年第三季度", "2026年度". */
void period_cn(const struct period *p, struct buf *out);
bool period_parse(const char *s, struct period *out);
/* The period of the given kind that contains date. */
struct period period_containing(enum period_kind kind, int32_t date);
/* The period of the same kind just before p. */
struct period period_previous(const struct period *p);
/* "2026-Q3", "2026-10", "2026"; out has room for 16 bytes. */
void period_format(const struct period *p, char out[16]);

/* ---- catalog: duties, powers, flows ---- */

struct role {
	const char *id;
	const char *name;
	const char **duties;
	size_t n_duties;
	struct pos pos;
};

enum step_kind {
	STEP_STEP,
	STEP_START,
	STEP_END,
	STEP_DECISION,
	STEP_DOCUMENT
};

struct flow_step {
	const char *id;
	const char *text;
	enum step_kind kind;
	const char *lane;      /* NULL when the flow has no lanes */
	int lane_index;        /* index into flow.lanes, or -1 */
	const char *risk;      /* integrity risk point, or NULL */
	struct pos pos;
};

enum edge_kind {
	EDGE_NEXT,             /* plain succession, explicit or implied */
	EDGE_YES,              /* decision branches */
	EDGE_NO
};

struct flow_edge {
	size_t from;           /* step indices */
	size_t to;
	enum edge_kind kind;
	const char *label;     /* 是 / 否 or the flow's own labels; NULL for EDGE_NEXT */
	struct pos pos;        /* where the reference was written */
};

/* A procedure flowchart. Steps keep their YAML order; edges are listed in the
 * order of their source step, a decision's yes before its no. */
struct flow {
	const char *title;     /* the item's or service's name, or the file's */
	const char **lanes;
	size_t n_lanes;
	struct flow_step *steps;
	size_t n_steps;
	struct flow_edge *edges;
	size_t n_edges;
	struct pos pos;
};

enum every {
	EVERY_NONE,
	EVERY_MONTH,
	EVERY_QUARTER,
	EVERY_YEAR
};

struct disclosure {
	const char *what;
	const char *when;      /* as written, for people */
	int due_days;          /* machine form of `when`: days after the act (or
	                          after the period ends, for recurring duties)
	                          by which publication must start; -1 if not given */
	int min_days;          /* minimum notice period */
	enum every every;
	struct pos pos;
};

struct domain;

struct power_item {
	const char *id;
	const char *name;
	const char *basis;
	const struct role **owners;
	size_t n_owners;
	struct disclosure disclosure;
	const char **risks;
	size_t n_risks;
	struct flow flow;      /* n_steps == 0 when the item has no flow */
	const struct domain *domain;
	struct pos pos;
};

struct domain {
	const char *id;
	const char *name;
	struct power_item *items;
	size_t n_items;
	struct pos pos;
};

/* A citizen-facing service guide with its procedure flow (catalog/services.yaml). */
struct service_guide {
	const char *id;
	const char *name;
	const struct power_item *power;   /* may be NULL */
	const char **materials;
	size_t n_materials;
	const char *time_limit;
	const char *fee;
	const char *contact;
	bool proxy;
	struct flow flow;
	struct pos pos;
};

struct catalog {
	struct domain *domains;
	size_t n_domains;
	struct role *roles;
	size_t n_roles;
	struct service_guide *services;
	size_t n_services;
	struct digest hash;        /* of the catalog files' text */
	bool roles_known;          /* duties.yaml and powers.yaml were read, */
	bool items_known;          /* so references to them can be checked */
};

/* ---- records ---- */

enum record_type {
	RT_DECISION,
	RT_PROGRESS,
	RT_RESULT,
	RT_FINANCE,
	RT_ASSISTANCE,
	RT_SERVICE,
	RT_NOTICE,
	RT_SURVEY,
	RT_TALK,
	RT_COUNT
};

/* The four disclosure processes of the county's system. */
enum process {
	PROCESS_DECISION,      /* 决策公开 */
	PROCESS_EXECUTION,     /* 执行公开 */
	PROCESS_SERVICE,       /* 服务公开 */
	PROCESS_RESULT,        /* 结果公开 */
	PROCESS_COUNT
};

enum stage_step {
	STAGE_PROPOSE,
	STAGE_CONSULT,
	STAGE_REVIEW,
	STAGE_RESOLVE,
	STAGE_COUNT
};

enum decision_body {
	BODY_NONE,
	BODY_REPRESENTATIVES,  /* 村民代表会议 */
	BODY_ASSEMBLY          /* 村民会议 */
};

enum outcome {
	OUTCOME_NONE,
	OUTCOME_ADOPTED,
	OUTCOME_REJECTED
};

struct vote {
	int total;
	int present;
	int votes_for;
	int against;
	int abstain;
	int households_present;   /* assembly only; -1 when not given */
};

struct stage {
	enum stage_step step;
	int32_t date;
	bool has_vote;
	struct vote vote;
	enum decision_body body;  /* resolve only */
	struct pos pos;
	struct pos pos_households_present;   /* where it is written, if it is */
};

struct decision {
	struct stage *stages;
	size_t n_stages;
	bool one_matter;          /* 一事一议 */
	enum outcome stated;      /* outcome as written, or OUTCOME_NONE */
	enum outcome outcome;     /* as computed from the votes */
	struct pos outcome_pos;
	struct pos stages_pos;
};

struct progress {
	int percent;
	bool has_spent;
	int64_t spent_fen;
};

struct result {
	const char *outcome;
	bool has_spent;
	int64_t spent_fen;
	int32_t accepted;         /* DATE_NONE when not given */
};

struct money_line {
	const char *item;
	int64_t amount_fen;
	struct pos pos;
};

struct finance {
	const char *period_text;
	struct period period;
	int64_t opening_fen;
	struct money_line *income;
	size_t n_income;
	struct money_line *expense;
	size_t n_expense;
	int64_t income_fen;       /* sums, computed */
	int64_t expense_fen;
	bool has_closing;
	int64_t closing_fen;      /* as written, or computed when not given */
	struct pos closing_pos;
	bool sums_known;          /* every amount could be read */
};

struct beneficiary {
	const char *name;
	int household;            /* people in the household; -1 when not given */
	int64_t amount_fen;
	const char *reason;
	const char *id_card;      /* always masked */
	struct pos pos;
};

struct assistance {
	const char *program;
	const char *period_text;        /* optional: the month, quarter or year */
	struct period period;           /* PERIOD_NONE when not given */
	struct beneficiary *people;
	size_t n_people;
	int64_t total_fen;
};

struct service {
	const char **materials;
	size_t n_materials;
	const char *time_limit;
	const char *fee;
	const char *contact;
	bool proxy;
};

struct survey_item {
	const char *question;
	int very_satisfied;
	int satisfied;
	int neutral;
	int dissatisfied;
	struct pos pos;
};

/* The four answers of a survey's question, in the order of its counts
 * (very_satisfied, satisfied, neutral, dissatisfied), as every output
 * names them: 非常满意, 满意, 基本满意, 不满意 (model.c). */
#define SURVEY_ANSWERS 4
extern const char *const survey_answer_labels[SURVEY_ANSWERS];

struct survey {
	const char *period_text;
	struct period period;
	int respondents;
	struct survey_item *items;
	size_t n_items;
};

enum talk_phase {
	TALK_BEFORE,
	TALK_DURING,
	TALK_AFTER
};

struct talk {
	enum talk_phase phase;
	const struct role *role;
	const char *by;
	/* the item's risk points this talk reminded of: as listed under
	 * `risks`, or else those its title or body names */
	const char **risks;
	size_t n_risks;
};

struct village;

/* A file a record's body shows (an image) or links to (an attachment),
 * inside the content folder. */
struct record_file {
	const char *url;           /* as written in the Markdown */
	const char *path;          /* relative to the content folder */
	bool image;                /* written ![...](...) */
	bool png;                  /* an image stored as PNG (else JPEG) */
	int width;                 /* an image's, upright (media_probe) */
	int height;
	uint64_t size;             /* bytes */
	struct digest hash;        /* of its bytes */
};

struct record {
	const char *id;            /* file name without .md */
	const char *path;          /* relative to the content folder */
	enum record_type type;
	/* the title wherever the record is listed, searched or fed: for an
	 * assistance list without its people's names (record_scrub); the
	 * title as written is notice_title, for its own page during the
	 * notice and its poster */
	const char *title;
	const char *notice_title;
	int32_t date;
	const struct power_item *power;
	int32_t publish_from;      /* notice period, inclusive, defaults applied */
	int32_t publish_to;
	bool draft;
	/* a draft the preview (serve) shows like the other records: draft is
	 * cleared for its build, this remembers it was one */
	bool shown_draft;
	bool checked;              /* signed off (even if part of it is wrong) */
	const char *checked_by;
	int32_t checked_date;
	const char *follows_id;    /* as written; resolved into follows */
	const struct record *follows;
	const struct record **followers;   /* records whose `follows` is this one */
	size_t n_followers;
	const char *body;          /* Markdown, personal data masked */
	int body_line;             /* line of the file where the body starts */
	const struct village *village;
	union {
		struct decision decision;
		struct progress progress;
		struct result result;
		struct finance finance;
		struct assistance assistance;
		struct service service;
		struct survey survey;
		struct talk talk;
	} as;
	struct pos pos;            /* the file, line 1 */
	struct pos pos_title;      /* the title's value (the file when none) */
	struct pos pos_date;
	struct pos pos_publish;
	struct pos pos_power;
	struct pos pos_follows;
	struct pos pos_checked;
	const struct record_file *files;   /* in the order first written */
	size_t n_files;
	struct digest hash;        /* of the file's text */
	/* of the files it names (their paths and bytes), zero when none: the
	 * record's page and posters, and its village's content hash, include
	 * it; the lists and feeds that show no photo do not */
	struct digest files_hash;
};

struct cadre {
	const struct role *role;
	const char *name;
};

struct town;

/* A phone meant to be public (a 代办员's, the office's): never masked. */
struct contact {
	const char *role;
	const char *name;
	const char *phone;
	struct pos pos;
};

/* (v2) Whose records a village struct holds: a village's, or a town's or
 * the county's own (policies, town-level decisions, the county's notices),
 * held the same way so that the record code serves all three. A level's
 * holder is never among a town's villages: it is not counted, assessed or
 * due anything; its id and dir are the town's (the county's: "county"),
 * its town NULL for the county. */
enum level {
	LEVEL_VILLAGE,
	LEVEL_TOWN,
	LEVEL_COUNTY
};

struct village {
	enum level level;
	const char *id;
	const char *name;
	const char *dir;           /* relative to the content folder */
	int households;            /* -1 when not given */
	int adults;
	int representatives;
	int party_members;
	struct cadre *cadres;
	size_t n_cadres;
	const char *board;
	struct contact *contacts;  /* public phones (village.yaml contacts:) */
	size_t n_contacts;
	const char *suggestion_box;
	const char *office_hours;
	int32_t since;             /* the village exists from; DATE_NONE: always */
	const struct town *town;
	struct record **records;   /* sorted by date, then id */
	size_t n_records;
	struct pos pos;
	struct digest hash;        /* of village.yaml's text */
	struct digest content_hash;  /* of village.yaml and every record */
	struct arena *arena;       /* owns the village's records */
	/* ids of record files that could not be loaded (their errors were
	 * reported): references to them are not reported again */
	const char **broken_ids;
	size_t n_broken;
};

struct town {
	const char *id;
	const char *name;
	const char *phone;
	struct village *villages;  /* sorted by id */
	size_t n_villages;
	struct village own;        /* (v2) the town's own records: LEVEL_TOWN */
	struct pos pos;
	struct digest hash;        /* of town.yaml's text */
};

/* A threshold "at least num/den" or, when strict, "more than num/den". */
struct fraction_rule {
	int num;
	int den;
	bool strict;
};

struct quorum_rules {
	struct fraction_rule party_present;          /* review: of all members */
	struct fraction_rule party_majority;         /* review: for, of all members */
	struct fraction_rule representatives_present;
	struct fraction_rule representatives_majority;  /* of those present */
	struct fraction_rule assembly_present;       /* of the village's adults */
	struct fraction_rule assembly_households;    /* of the village's households */
	struct fraction_rule assembly_majority;      /* of those present */
};

/* The posters' safe area: nothing but the band and fills comes nearer the
 * trim than this. The text's width is the sheet's less twice this. */
#define POSTER_SAFE_MM 10.0

struct poster_settings {
	const char *size;          /* as written: A3, A4, A2 or WxHmm */
	double width_mm;
	double height_mm;
	int bleed_mm;
	bool crop_marks;
};

/* The print formats beside the A3 boards (site.yaml formats:), each built
 * or not, and a sheet size when site.yaml gives one (0: the format's). */
enum print_format {
	FORMAT_CARDS,              /* 便民服务卡 */
	FORMAT_BANNERS,            /* 易拉宝 */
	FORMAT_BOARDS,             /* 宣传展板 and 广告牌 */
	FORMAT_FORMS,              /* 满意度测评表 */
	FORMAT_COUNT
};

struct format_settings {
	bool built;
	double width_mm, height_mm;
};

/* (v2) The villages' LED screens (site.yaml led:): pixels and the text
 * file's encoding, as iconv names it. */
#define LED_DEFAULT_WIDTH 192
#define LED_DEFAULT_HEIGHT 32
#define LED_DEFAULT_ENCODING "GB18030"
#define LED_MIN_WIDTH 64
#define LED_MAX_WIDTH 2048
#define LED_MIN_HEIGHT 16
#define LED_MAX_HEIGHT 1024

struct led_settings {
	int width;
	int height;
	const char *encoding;
};

struct site {
	const char *name;
	const char *base_url;      /* absolute, always ending in '/' */
	const char *hotline;
	int week_start;            /* 0 = Monday .. 6 = Sunday */
	const char *theme;         /* theme name; "default" when not given */
	/* where site.yaml names it (line 0 when it does not): a theme that
	 * does not exist is a content error there */
	struct pos theme_pos;
	struct poster_settings poster;
	struct led_settings led;
	bool privacy_error;        /* on_unmasked: error */
	/* after an assistance list's notice period its page keeps the counts
	 * and the total (false), or the list without reasons (true) */
	bool assistance_list_after;
	struct quorum_rules quorum;
	/* formats: what is built beside the boards; without the key, all */
	struct format_settings formats[FORMAT_COUNT];
	struct pos pos;
	struct digest hash;        /* of site.yaml's text */
};

struct county {
	struct site site;
	struct catalog catalog;
	struct town *towns;        /* sorted by id */
	size_t n_towns;
	struct village own;        /* (v2) the county's own records (content/county/) */
	size_t n_villages;         /* real villages only, not the levels' */
	size_t n_records;          /* every record, the levels' included */
	const char *root;          /* the content folder as given */
	int32_t today;             /* the build clock */
	struct arena *arena;
	struct digest content_hash;  /* of every file of the content tree */
};

/* ---- look-ups and names (model.c) ---- */

const struct power_item *catalog_find_item(const struct catalog *c, const char *id);
const struct role *catalog_find_role(const struct catalog *c, const char *id);
const struct record *village_find_record(const struct village *v, const char *id);

const char *record_type_name(enum record_type t);      /* "decision" */
const char *record_type_label(enum record_type t);     /* 决策公开 ... in Chinese */
/* A type by its English or Chinese name (决策, 决策公开 ...). */
bool record_type_parse(const char *s, enum record_type *out);
/* The names each type may be written with: "decision|决策|决策公开". */
extern const char *const record_type_words[RT_COUNT + 1];
enum process record_process(const struct record *r);
const char *process_label(enum process p);             /* 决策公开 */
const char *stage_step_name(enum stage_step s);        /* "propose" */
const char *stage_step_label(enum stage_step s);       /* 党支部会提议 */
const char *step_kind_name(enum step_kind k);
const char *every_name(enum every e);
const char *talk_phase_name(enum talk_phase p);

/* The kind of the periods a recurring disclosure is due for (EVERY_NONE:
 * none; the year is given). */
enum period_kind every_period_kind(enum every e);

/* Whether records of this type may be a town's or the county's own:
 * notices, service guides, finance, progress and results. Decisions (the
 * village's 四议两公开), assistance lists (posted where the households
 * live), surveys and reminder talks are a village's by nature. */
bool record_type_at_level(enum record_type t, enum level level);
/* Who a record's holder is, for people: "富水镇 王家村", "富水镇", or the
 * county's name; into out. */
void village_place(const struct village *v, struct buf *out);

/* A record is current on a date when it is not a draft and the date lies in
 * its notice period. */
bool record_is_current(const struct record *r, int32_t date);
/* A record is on the week that begins week_first (the boards', the
 * channels') when it is not a draft and its notice period meets the
 * week's seven days. */
bool record_in_week(const struct record *r, int32_t week_first);
/* The people an assistance list covers: the sum of its households' sizes
 * (a household whose size is not given counts none). */
long long assistance_members(const struct assistance *a);
/* A record's notice period is over at the build clock: it ended before. */
bool record_notice_over(const struct record *r, int32_t today);
/* A record is published by a date when it is not a draft and its notice
 * period has begun. */
bool record_is_published(const struct record *r, int32_t date);
/* The period a record reports on by its own `period` (finance, survey,
 * assistance), or NULL. */
const struct period *record_own_period(const struct record *r);
/* A decision rejected by the party members' meeting, which ends there
 * without a resolve stage. */
bool decision_ended_at_review(const struct decision *d);
/* What a decision's outcome is called on the page and the poster:
 * "决议通过", "决议未通过", "党员大会审议未通过，事项终止"; NULL for none. */
const char *decision_outcome_label(const struct decision *d);
/* Appends text about a record for the outputs that reach beyond its own
 * page and poster (search, feeds, open data): for an assistance list, with
 * the names and the reasons of its people replaced (＊＊, （略）), so that
 * a person's name never finds them there; other records' text as it is. */
void record_scrub(const struct record *r, const char *text, struct buf *out);
/* Whether a recurring disclosure of period p is due from a village: not
 * for a period that ended before the village existed (village.yaml
 * since:, for villages made by a merger). */
bool village_due_in(const struct village *v, const struct period *p);
/* The first day of the week that holds the build clock, the week starting
 * on site.yaml's week_start: the week of the posters and the boards. */
int32_t county_week_first(const struct county *c);

void county_free(struct county *c);

#endif
