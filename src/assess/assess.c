/* assess.c: the disclosure assessment. Every figure is a count of records
 * the clerk can look up, so that a village can see why it scored what it
 * did and what to fix; shares are kept as whole numbers and turned into
 * permille only at the end. */
#include "assess/assess.h"

#include <stdlib.h>
#include <string.h>

#include "check/check.h"

int
share_permille(struct share s)
{
	if (s.den <= 0)
		return -1;
	return (int)(((int64_t)s.num * 1000 + s.den / 2) / s.den);
}

struct share
share_add(struct share a, struct share b)
{
	struct share s = {a.num + b.num, a.den + b.den};
	return s;
}

static int
due_days(const struct power_item *item)
{
	if (item->disclosure.due_days >= 0)
		return item->disclosure.due_days;
	return item->disclosure.every != EVERY_NONE ? ASSESS_DEFAULT_DUE_DAYS : -1;
}

int32_t
assess_deadline(const struct record *r)
{
	int days;

	if (r->power == NULL || (days = due_days(r->power)) < 0 ||
	    r->date == DATE_NONE)
		return DATE_NONE;
	/* a recurring disclosure is due after the period it reports on */
	const struct period *own = record_own_period(r);
	if (r->power->disclosure.every != EVERY_NONE && own != NULL)
		return own->last + days;
	return r->date + days;
}

/* Where a survey lies in time: its period's first day, or its date. */
static int32_t
survey_start(const struct record *r)
{
	const struct period *p = record_own_period(r);
	return p != NULL ? p->first : r->date;
}

int
survey_time_cmp(const void *x, const void *y)
{
	const struct record *a = *(const struct record *const *)x;
	const struct record *b = *(const struct record *const *)y;
	int32_t sa = survey_start(a), sb = survey_start(b);

	if (sa != sb)
		return sa < sb ? -1 : 1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return strcmp(a->id, b->id);
}

int
survey_rate_permille(const struct survey *s)
{
	int64_t pleased = 0, answers = 0;

	for (size_t i = 0; i < s->n_items; i++) {
		pleased += s->items[i].very_satisfied + s->items[i].satisfied;
		answers += s->respondents;
	}
	if (answers == 0)
		return -1;
	return (int)((pleased * 1000 + answers / 2) / answers);
}

int
assess_total(const struct scores *s)
{
	int64_t sum = 0, weights = 0;

	for (int m = 0; m < ASSESS_METRIC_COUNT; m++) {
		int value = assess_metric_value(s, (enum assess_metric)m);
		int weight = assess_metric_weight((enum assess_metric)m);
		if (value < 0)
			continue;
		sum += (int64_t)value * weight;
		weights += weight;
	}
	return weights == 0 ? -1 : (int)((sum + weights / 2) / weights);
}

/* ---- one village ---- */

struct issues {
	struct issue *items;
	size_t len;
	size_t cap;
};

static void
add_issue(struct issues *list, struct issue is)
{
	if (list->len == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 16;
		list->items = xrealloc(list->items, list->cap * sizeof *list->items);
	}
	list->items[list->len++] = is;
}

static void
assess_timeliness(const struct village *v, int32_t today,
    struct village_assessment *va, struct issues *issues)
{
	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *r = v->records[i];
		int32_t deadline = assess_deadline(r);
		if (r->draft || deadline == DATE_NONE)
			continue;
		/* not yet published and not yet due: nothing to judge */
		if (!record_is_published(r, today) && deadline >= today)
			continue;
		long days = (long)r->publish_to - r->publish_from + 1;
		bool on_time = record_is_published(r, today) &&
		    r->publish_from <= deadline &&
		    days >= r->power->disclosure.min_days;
		va->timely.den++;
		if (on_time) {
			va->timely.num++;
			continue;
		}
		struct issue is = {ISSUE_LATE, deadline, r->power, r, {0}, 0};
		is.days_late = (int)((record_is_published(r, today) ?
		    r->publish_from : today) - deadline);
		add_issue(issues, is);
	}
}

/* Recurring duties: every period whose deadline fell in the year before
 * the build date must be covered by a published record of the item. */
static void
assess_periods(const struct county *county, const struct village *v,
    int32_t today, struct village_assessment *va, struct issues *issues)
{
	const struct catalog *cat = &county->catalog;

	for (size_t d = 0; d < cat->n_domains; d++) {
		for (size_t k = 0; k < cat->domains[d].n_items; k++) {
			const struct power_item *item = &cat->domains[d].items[k];
			if (item->disclosure.every == EVERY_NONE)
				continue;
			int days = due_days(item);
			struct period p = period_containing(
			    every_period_kind(item->disclosure.every), today);
			for (;; p = period_previous(&p)) {
				int32_t deadline = p.last + days;
				if (deadline < today - 365)
					break;
				if (deadline >= today)
					continue;
				/* nothing is due from before the village existed */
				if (!village_due_in(v, &p))
					break;
				bool met = false;
				for (size_t i = 0; i < v->n_records && !met; i++) {
					const struct record *r = v->records[i];
					met = r->power == item &&
					    record_is_published(r, today) &&
					    record_covers_period(r, &p);
				}
				va->periods.den++;
				if (met) {
					va->periods.num++;
				} else {
					struct issue is = {ISSUE_OVERDUE, deadline, item,
						NULL, p, 0};
					add_issue(issues, is);
				}
			}
		}
	}
}

/* The latest disclosure of a decision's chain, and whether it reached a
 * result. */
static void
walk_chain(const struct record *r, int32_t today, int depth,
    bool *has_result, int32_t *latest)
{
	if (depth > 64)
		return;
	for (size_t i = 0; i < r->n_followers; i++) {
		const struct record *f = r->followers[i];
		if (!record_is_published(f, today))
			continue;
		if (f->type == RT_RESULT)
			*has_result = true;
		if (f->date > *latest)
			*latest = f->date;
		walk_chain(f, today, depth + 1, has_result, latest);
	}
}

static void
assess_decisions(const struct village *v, int32_t today,
    struct village_assessment *va, struct issues *issues)
{
	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *r = v->records[i];
		if (r->type != RT_DECISION || !record_is_published(r, today) ||
		    r->as.decision.outcome != OUTCOME_ADOPTED)
			continue;
		bool has_result = false;
		int32_t latest = r->date;
		walk_chain(r, today, 0, &has_result, &latest);
		/* still in execution while its progress is disclosed */
		int32_t due = latest + ASSESS_PROGRESS_WINDOW;
		va->decisions.den++;
		if (has_result || due >= today) {
			va->decisions.num++;
			continue;
		}
		struct issue is = {ISSUE_NO_RESULT, due, r->power, r, {0}, 0};
		add_issue(issues, is);
	}
}

static void
assess_supervision(const struct village *v, int32_t today,
    struct village_assessment *va, struct issues *issues)
{
	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *r = v->records[i];
		if ((r->type != RT_DECISION && r->type != RT_RESULT) ||
		    !record_is_published(r, today))
			continue;
		va->signed_off.den++;
		if (r->checked) {
			va->signed_off.num++;
		} else {
			struct issue is = {ISSUE_NOT_SIGNED, r->publish_from, r->power,
				r, {0}, 0};
			add_issue(issues, is);
		}
		if (r->power == NULL)
			continue;
		va->talked.den++;
		if (talk_before_use(v, r)) {
			va->talked.num++;
		} else {
			struct issue is = {ISSUE_NO_TALK, r->date, r->power, r, {0}, 0};
			add_issue(issues, is);
		}
	}
}

/* A survey is due of a village that has existed for a whole window. */
static bool
survey_due(const struct village *v, int32_t today)
{
	return v->since == DATE_NONE || v->since <= today - ASSESS_SURVEY_WINDOW;
}

static void
assess_satisfaction(const struct village *v, int32_t today,
    struct village_assessment *va, struct issues *issues)
{
	va->survey = NULL;
	va->survey_rate = -1;
	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *r = v->records[i];
		if (r->type != RT_SURVEY || !record_is_published(r, today) ||
		    r->date < today - ASSESS_SURVEY_WINDOW)
			continue;
		/* records are sorted by date: the last one wins */
		va->survey = r;
	}
	if (va->survey != NULL)
		va->survey_rate = survey_rate_permille(&va->survey->as.survey);
	if (va->survey_rate < 0 && survey_due(v, today)) {
		struct issue is = {ISSUE_NO_SURVEY, DATE_NONE, NULL, NULL, {0}, 0};
		add_issue(issues, is);
	}
}

static int
issue_cmp(const void *a, const void *b)
{
	const struct issue *x = a, *y = b;
	int32_t dx = x->due == DATE_NONE ? INT32_MAX : x->due;
	int32_t dy = y->due == DATE_NONE ? INT32_MAX : y->due;

	if (dx != dy)
		return dx < dy ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	const char *ix = x->item ? x->item->id : "", *iy = y->item ? y->item->id : "";
	int c = strcmp(ix, iy);
	if (c != 0)
		return c;
	const char *rx = x->record ? x->record->id : "";
	const char *ry = y->record ? y->record->id : "";
	return strcmp(rx, ry);
}

static void
assess_village(const struct county *county, const struct village *v,
    struct arena *arena, struct village_assessment *va)
{
	struct issues issues = {0};
	int32_t today = county->today;

	memset(va, 0, sizeof *va);
	va->village = v;
	va->scores.timeliness = va->scores.completeness = -1;
	va->scores.supervision = va->scores.satisfaction = va->scores.total = -1;
	va->survey_rate = -1;
	/* every village that exists takes part, with what it has published
	 * (nothing is the worst score, not a reason to be left out); only a
	 * village set up after the date, or so recently that nothing of it
	 * has fallen due, is not judged yet */
	if (v->since != DATE_NONE && v->since > today)
		return;
	assess_timeliness(v, today, va, &issues);
	assess_periods(county, v, today, va, &issues);
	assess_decisions(v, today, va, &issues);
	assess_supervision(v, today, va, &issues);
	assess_satisfaction(v, today, va, &issues);

	va->assessed = va->timely.den + va->periods.den + va->decisions.den +
	    va->signed_off.den + va->talked.den > 0 || va->survey_rate >= 0 ||
	    survey_due(v, today);
	if (!va->assessed) {
		free(issues.items);
		return;
	}
	va->scores.timeliness = share_permille(va->timely);
	va->scores.completeness = share_permille(share_add(va->periods,
	    va->decisions));
	va->scores.supervision = share_permille(share_add(va->signed_off,
	    va->talked));
	/* the survey is one of the three mechanisms: none held counts as 0,
	 * once the village has existed for a whole survey window */
	va->scores.satisfaction = va->survey_rate >= 0 ? va->survey_rate :
	    survey_due(v, today) ? 0 : -1;
	va->scores.total = assess_total(&va->scores);

	if (issues.len > 1)
		qsort(issues.items, issues.len, sizeof *issues.items, issue_cmp);
	va->issues = arena_memdup(arena, issues.items,
	    issues.len * sizeof *issues.items);
	va->n_issues = issues.len;
	free(issues.items);
}

/* Averages over the assessed villages, metric by metric. */
static struct scores
average(const struct village_assessment *vas, size_t n)
{
	int64_t sum[5] = {0};
	int count[5] = {0};
	struct scores s;

	for (size_t i = 0; i < n; i++) {
		const struct scores *v = &vas[i].scores;
		const int m[5] = {v->timeliness, v->completeness, v->supervision,
			v->satisfaction, v->total};
		if (!vas[i].assessed)
			continue;
		for (int k = 0; k < 5; k++)
			if (m[k] >= 0) {
				sum[k] += m[k];
				count[k]++;
			}
	}
	int out[5];
	for (int k = 0; k < 5; k++)
		out[k] = count[k] ? (int)((sum[k] + count[k] / 2) / count[k]) : -1;
	s.timeliness = out[0];
	s.completeness = out[1];
	s.supervision = out[2];
	s.satisfaction = out[3];
	s.total = out[4];
	return s;
}

static int
rank_cmp(const void *a, const void *b)
{
	const struct village_assessment *x =
	    *(const struct village_assessment *const *)a;
	const struct village_assessment *y =
	    *(const struct village_assessment *const *)b;

	if (x->scores.total != y->scores.total)
		return x->scores.total > y->scores.total ? -1 : 1;
	int c = strcmp(x->village->town->id, y->village->town->id);
	return c != 0 ? c : strcmp(x->village->id, y->village->id);
}

struct county_assessment *
assess_county(const struct county *county)
{
	struct arena *arena = arena_new();
	struct county_assessment *a = arena_alloc(arena, sizeof *a);
	size_t at = 0;

	a->arena = arena;
	a->date = county->today;
	a->n_villages = county->n_villages;
	a->villages = arena_alloc(arena,
	    (a->n_villages + 1) * sizeof *a->villages);
	a->n_towns = county->n_towns;
	a->towns = arena_alloc(arena, (a->n_towns + 1) * sizeof *a->towns);
	for (size_t t = 0; t < county->n_towns; t++) {
		const struct town *town = &county->towns[t];
		struct town_assessment *ta = &a->towns[t];
		ta->town = town;
		ta->villages = &a->villages[at];
		ta->n_villages = town->n_villages;
		for (size_t i = 0; i < town->n_villages; i++, at++) {
			assess_village(county, &town->villages[i], arena,
			    &a->villages[at]);
			if (a->villages[at].assessed)
				ta->n_assessed++;
		}
		ta->scores = average(ta->villages, ta->n_villages);
		a->n_assessed += ta->n_assessed;
	}
	a->scores = average(a->villages, a->n_villages);
	a->ranking = arena_alloc(arena, (a->n_assessed + 1) * sizeof *a->ranking);
	for (size_t i = 0, k = 0; i < a->n_villages; i++)
		if (a->villages[i].assessed)
			a->ranking[k++] = &a->villages[i];
	qsort(a->ranking, a->n_assessed, sizeof *a->ranking, rank_cmp);
	/* the same total, the same place (1, 2, 2, 4): a village cannot be
	 * told it ranks below one with its own score; the order of the tied
	 * is the folders' */
	for (size_t i = 0; i < a->n_assessed; i++) {
		struct village_assessment *va =
		    (struct village_assessment *)a->ranking[i];
		va->rank = i > 0 && a->ranking[i - 1]->scores.total ==
		    va->scores.total ? a->ranking[i - 1]->rank : (int)i + 1;
	}
	return a;
}

void
assess_free(struct county_assessment *a)
{
	if (a != NULL)
		arena_free(a->arena);
}

/* ---- words ---- */

int
assess_grade(int permille)
{
	return permille >= 900 ? 1 : permille >= 750 ? 2 : permille >= 600 ? 3 : 4;
}

const char *
assess_grade_label(int grade)
{
	static const char *const labels[5] = {"", "优", "良", "中", "差"};
	return grade >= 1 && grade <= 4 ? labels[grade] : "";
}

void
permille_format(int permille, char out[16])
{
	if (permille < 0) {
		strcpy(out, "—");
		return;
	}
	/* 875 -> "87.5" */
	int whole = permille / 10, tenth = permille % 10;
	char *p = out;
	if (whole >= 100)
		*p++ = (char)('0' + whole / 100);
	if (whole >= 10)
		*p++ = (char)('0' + whole / 10 % 10);
	*p++ = (char)('0' + whole % 10);
	*p++ = '.';
	*p++ = (char)('0' + tenth);
	*p = '\0';
}

static const struct {
	const char *label;
	int weight;
} metrics[ASSESS_METRIC_COUNT] = {
	[METRIC_TIMELINESS] = {"及时率", ASSESS_W_TIMELINESS},
	[METRIC_COMPLETENESS] = {"完整率", ASSESS_W_COMPLETENESS},
	[METRIC_SUPERVISION] = {"监督率", ASSESS_W_SUPERVISION},
	[METRIC_SATISFACTION] = {"满意率", ASSESS_W_SATISFACTION},
};

const char *
assess_metric_label(enum assess_metric m)
{
	return (unsigned)m < ASSESS_METRIC_COUNT ? metrics[m].label : "";
}

int
assess_metric_weight(enum assess_metric m)
{
	return (unsigned)m < ASSESS_METRIC_COUNT ? metrics[m].weight : 0;
}

int
assess_metric_value(const struct scores *s, enum assess_metric m)
{
	switch (m) {
	case METRIC_TIMELINESS: return s->timeliness;
	case METRIC_COMPLETENESS: return s->completeness;
	case METRIC_SUPERVISION: return s->supervision;
	case METRIC_SATISFACTION: return s->satisfaction;
	}
	return -1;
}

bool
issue_is_overdue(const struct issue *is)
{
	return is->kind != ISSUE_LATE && is->kind != ISSUE_NO_TALK;
}

const char *
issue_kind_label(enum issue_kind kind)
{
	static const char *const labels[ISSUE_KIND_COUNT] = {
		[ISSUE_OVERDUE] = "定期公开未按期公开",
		[ISSUE_LATE] = "迟公开或公示天数不足",
		[ISSUE_NO_RESULT] = "决议通过后未公开实施结果",
		[ISSUE_NOT_SIGNED] = "未经村务监督委员会审核签字",
		[ISSUE_NO_TALK] = "用权前无事前提醒谈话",
		[ISSUE_NO_SURVEY] = "未开展群众满意度测评",
	};
	return (unsigned)kind < ISSUE_KIND_COUNT ? labels[kind] : "";
}

void
issue_describe(const struct issue *is, struct buf *out)
{
	char due[DATE_CN_SIZE], date[DATE_CN_SIZE];
	const char *title = is->record ? is->record->title : "";

	date_cn_text(is->due, due);
	switch (is->kind) {
	case ISSUE_OVERDUE:
		buf_printf(out, "%s %s：", is->item->id, is->item->name);
		period_cn(&is->period, out);
		buf_printf(out, "未公开（应于%s前公开）", due);
		break;
	case ISSUE_LATE:
		date_cn_text(is->record->publish_from, date);
		buf_printf(out, "《%s》迟公开 %d 天（应于%s前公开，实际%s）",
		    title, is->days_late, due, date);
		break;
	case ISSUE_NO_RESULT:
		buf_printf(out, "《%s》决议通过后未公开实施结果（应于%s前公开"
		    "进度或结果）", title, due);
		break;
	case ISSUE_NOT_SIGNED:
		buf_printf(out, "《%s》未经村务监督委员会审核签字", title);
		break;
	case ISSUE_NO_TALK:
		date_cn_text(is->record->date, date);
		buf_printf(out, "《%s》（%s）使用权力前 %d 日内无事前提醒谈话",
		    title, date, ASSESS_TALK_WINDOW);
		break;
	case ISSUE_NO_SURVEY:
		buf_printf(out, "近一年未开展群众满意度测评");
		break;
	}
}

/* ---- the digest ---- */

static void
hash_share(struct hasher *h, struct share s)
{
	hasher_u64(h, (uint64_t)(int64_t)s.num);
	hasher_u64(h, (uint64_t)(int64_t)s.den);
}

static void
hash_scores(struct hasher *h, const struct scores *s)
{
	for (int m = 0; m < ASSESS_METRIC_COUNT; m++)
		hasher_u64(h, (uint64_t)(int64_t)assess_metric_value(s,
		    (enum assess_metric)m));
	hasher_u64(h, (uint64_t)(int64_t)s->total);
}

/* A record by its path and text, or none. */
static void
hash_record(struct hasher *h, const struct record *r)
{
	hasher_str(h, r != NULL ? r->path : "");
	if (r != NULL)
		hasher_digest(h, &r->hash);
}

static void
hash_issue(struct hasher *h, const struct issue *is)
{
	hasher_u64(h, (uint64_t)is->kind);
	hasher_u64(h, (uint64_t)(int64_t)is->due);
	hasher_str(h, is->item != NULL ? is->item->id : "");
	hash_record(h, is->record);
	hasher_u64(h, (uint64_t)is->period.kind);
	hasher_u64(h, (uint64_t)(int64_t)is->period.year);
	hasher_u64(h, (uint64_t)(int64_t)is->period.index);
	hasher_u64(h, (uint64_t)(int64_t)is->period.first);
	hasher_u64(h, (uint64_t)(int64_t)is->period.last);
	hasher_u64(h, (uint64_t)(int64_t)is->days_late);
}

struct digest
assess_digest(const struct county_assessment *a)
{
	struct hasher h;

	hasher_init(&h);
	hasher_u64(&h, (uint64_t)(int64_t)a->date);
	hash_scores(&h, &a->scores);
	hasher_u64(&h, a->n_assessed);
	for (size_t t = 0; t < a->n_towns; t++) {
		const struct town_assessment *ta = &a->towns[t];
		hasher_str(&h, ta->town->id);
		hasher_digest(&h, &ta->town->hash);
		hash_scores(&h, &ta->scores);
		hasher_u64(&h, ta->n_villages);
		hasher_u64(&h, ta->n_assessed);
	}
	for (size_t v = 0; v < a->n_villages; v++) {
		const struct village_assessment *va = &a->villages[v];
		hasher_str(&h, va->village->id);
		hasher_digest(&h, &va->village->hash);
		hasher_u64(&h, va->assessed);
		hash_share(&h, va->timely);
		hash_share(&h, va->periods);
		hash_share(&h, va->decisions);
		hash_share(&h, va->signed_off);
		hash_share(&h, va->talked);
		hash_record(&h, va->survey);
		hasher_u64(&h, (uint64_t)(int64_t)va->survey_rate);
		hash_scores(&h, &va->scores);
		hasher_u64(&h, (uint64_t)(int64_t)va->rank);
		hasher_u64(&h, va->n_issues);
		for (size_t i = 0; i < va->n_issues; i++)
			hash_issue(&h, &va->issues[i]);
	}
	return hasher_final(&h);
}
