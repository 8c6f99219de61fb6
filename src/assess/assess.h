/* assess.h: the disclosure assessment of the county's supervision system,
 * computed from the records at the build clock's date: timeliness,
 * completeness, supervision and satisfaction per village, a single score,
 * and the list of what each village must fix. Integer arithmetic only, so
 * that every output is byte-identical wherever it is built. */
#ifndef NB_ASSESS_H
#define NB_ASSESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check/check.h"
#include "model/model.h"

/* The weights of the score, in percent; shown with the formula. */
#define ASSESS_W_TIMELINESS 30
#define ASSESS_W_COMPLETENESS 30
#define ASSESS_W_SUPERVISION 20
#define ASSESS_W_SATISFACTION 20

/* The four metrics of the score, in the order every table shows them. */
enum assess_metric {
	METRIC_TIMELINESS,
	METRIC_COMPLETENESS,
	METRIC_SUPERVISION,
	METRIC_SATISFACTION
};
#define ASSESS_METRIC_COUNT (METRIC_SATISFACTION + 1)

/* Days a recurring disclosure may take after its period ends when the item
 * gives no due_days; days before a use of a power a reminder talk counts. */
#define ASSESS_DEFAULT_DUE_DAYS 15
#define ASSESS_TALK_WINDOW TALK_WINDOW_DAYS
/* A decision in execution needs no result yet while progress is disclosed
 * at least this often. */
#define ASSESS_PROGRESS_WINDOW 30
/* Surveys older than this do not count. */
#define ASSESS_SURVEY_WINDOW 365

/* A share: num of den. den == 0 means "does not apply". */
struct share {
	int num;
	int den;
};

enum issue_kind {
	ISSUE_OVERDUE,        /* a recurring disclosure not made */
	ISSUE_LATE,           /* published after its deadline */
	ISSUE_NO_RESULT,      /* an adopted decision without a result */
	ISSUE_NOT_SIGNED,     /* no sign-off by the supervision committee */
	ISSUE_NO_TALK,        /* a power used without a reminder talk before */
	ISSUE_NO_SURVEY       /* no satisfaction survey in the last year */
};

struct issue {
	enum issue_kind kind;
	int32_t due;                        /* the deadline, or DATE_NONE */
	const struct power_item *item;      /* may be NULL */
	const struct record *record;        /* may be NULL */
	struct period period;               /* for ISSUE_OVERDUE */
	int days_late;                      /* for ISSUE_LATE */
};

/* Metrics in permille (0..1000), or -1 when nothing applies. */
struct scores {
	int timeliness;
	int completeness;
	int supervision;
	int satisfaction;
	int total;                          /* the weighted score, permille */
};

struct village_assessment {
	const struct village *village;
	bool assessed;          /* it existed and something of it fell due;
				 * else not ranked (a new village, `since:`) */
	struct share timely;            /* records published by their deadline */
	struct share periods;           /* recurring periods met */
	struct share decisions;         /* adopted decisions fully disclosed */
	struct share signed_off;        /* decisions and results checked */
	struct share talked;            /* uses of a power with a talk before */
	const struct record *survey;    /* the latest survey, or NULL */
	int survey_rate;                /* permille, or -1 */
	struct scores scores;
	struct issue *issues;           /* sorted by due date */
	size_t n_issues;
	int rank;                       /* 1 = best among assessed, 0 if not */
};

struct town_assessment {
	const struct town *town;
	struct village_assessment *villages;   /* the county's array, this town's */
	size_t n_villages;
	size_t n_assessed;
	struct scores scores;           /* averages over assessed villages */
};

struct county_assessment {
	int32_t date;
	struct village_assessment *villages;   /* in the county's order */
	size_t n_villages;
	size_t n_assessed;
	struct town_assessment *towns;
	size_t n_towns;
	struct scores scores;           /* average over assessed villages */
	/* the assessed villages from best to worst (ties by town, village id) */
	const struct village_assessment **ranking;
	struct arena *arena;
};

/* Computes the assessment of every village at county->today. */
struct county_assessment *assess_county(const struct county *county);
void assess_free(struct county_assessment *a);
/* A digest of everything the assessment says: its date, every town's and
 * village's figures, rank and issues, and the text of the files they name
 * (town.yaml, village.yaml, the records of issues and surveys). Two equal
 * digests mean the same assessment, so that what shows only the assessment
 * is not drawn again when a record changes and no figure does. */
struct digest assess_digest(const struct county_assessment *a);

/* The parts, for tests. */
int share_permille(struct share s);
struct share share_add(struct share a, struct share b);
/* The deadline of a record's disclosure under its item's rule, or DATE_NONE
 * when its item has no rule. */
int32_t assess_deadline(const struct record *r);
/* The weighted score of the metrics that apply, their weights rescaled. */
int assess_total(const struct scores *s);
/* Satisfaction of a survey: (very satisfied + satisfied) over answers. */
int survey_rate_permille(const struct survey *s);
/* The order of survey records in time, for qsort over pointers to them:
 * their period's first day (or their date), then date, then id. */
int survey_time_cmp(const void *a, const void *b);

/* The grade of a score, written beside every number so that tables and
 * posters read without their colours: 1 优 (90 and above), 2 良 (75),
 * 3 中 (60), 4 差 (below 60). */
int assess_grade(int permille);
const char *assess_grade_label(int grade);

/* A metric's name (及时率, 完整率, 监督率, 满意率), its weight in percent
 * (ASSESS_W_...), and its value in s (permille, or -1). */
const char *assess_metric_label(enum assess_metric m);
int assess_metric_weight(enum assess_metric m);
int assess_metric_value(const struct scores *s, enum assess_metric m);

/* The kind of an issue in a few words (定期公开未按期公开 ...). */
const char *issue_kind_label(enum issue_kind kind);
/* What a village has not done on time and still can: recurring disclosures
 * not made, results not disclosed, records not signed off, surveys not held
 * (a late disclosure is made, and a missed talk cannot be held afterwards). */
bool issue_is_overdue(const struct issue *is);
#define ISSUE_KIND_COUNT (ISSUE_NO_SURVEY + 1)

/* The issue in words, in Chinese, for pages, posters and `check --overdue`. */
void issue_describe(const struct issue *is, struct buf *out);
/* A score as "87.5". */
void permille_format(int permille, char out[16]);

#endif
