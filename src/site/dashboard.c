/* dashboard.c: the supervision side of the site: the county's and the towns'
 * assessment dashboards, the scores as CSV, a village's score and what it
 * must fix, its reminder talks and its surveys over time, and an item's
 * talks by risk point. Every figure comes from src/assess, computed once
 * when the site is planned; here it is only put into words. */
#include "site/pages.h"

#include <stdlib.h>
#include <string.h>

/* ---- scores in words ---- */

/* A score for partials/score: {value, applies, text, grade, grade_label,
 * width}; value is the permille (-1 when nothing applies), for sorting. */
static struct mu_value *
score_value(struct ctx *x, int permille)
{
	struct mu_value *m = mu_map(x->a);
	char text[16];

	put_int(m, x->a, "value", permille);
	put_bool(m, x->a, "applies", permille >= 0);
	if (permille < 0)
		return m;
	permille_format(permille, text);
	mu_map_set_ref(m, "text", mu_str(x->a, text));
	put_int(m, x->a, "grade", assess_grade(permille));
	put_str(m, x->a, "grade_label",
	    assess_grade_label(assess_grade(permille)));
	/* the bar in twentieths */
	put_int(m, x->a, "width", (permille + 25) / 50);
	return m;
}

/* The four metrics as a list of scores, and the total. */
static void
put_scores(struct ctx *x, struct mu_value *m, const struct scores *s)
{
	struct mu_value *list = mu_list(x->a);

	for (int k = 0; k < ASSESS_METRIC_COUNT; k++) {
		struct mu_value *sv = score_value(x, assess_metric_value(s, k));
		put_str(sv, x->a, "label", assess_metric_label(k));
		mu_list_push(list, sv);
	}
	mu_map_set_ref(m, "metrics", list);
	mu_map_set_ref(m, "total", score_value(x, s->total));
}

/* The score's formula with a village's numbers: "总分 = 30% × 100.0 + ...
 * = 95.5"; metrics that do not apply are left out and the weights of the
 * others rescaled, as assess_total() does. */
static void
formula_numbers(const struct scores *s, struct buf *out)
{
	char text[16];
	int weights = 0, missing = 0;
	struct buf terms = {0}, left_out = {0};

	for (int k = 0; k < ASSESS_METRIC_COUNT; k++) {
		int v = assess_metric_value(s, k);
		if (v < 0) {
			buf_puts(&left_out, missing++ ? "、" : "");
			buf_puts(&left_out, assess_metric_label(k));
			continue;
		}
		permille_format(v, text);
		buf_printf(&terms, "%s%d%% × %s", weights ? " + " : "",
		    assess_metric_weight(k), text);
		weights += assess_metric_weight(k);
	}
	permille_format(s->total, text);
	if (weights == 0) {
		buf_puts(out, "没有可考核的内容，不计总分");
	} else if (missing == 0) {
		buf_printf(out, "总分 = %s = %s", terms.data, text);
	} else {
		buf_printf(out, "总分 = (%s) ÷ %d%% = %s（%s没有可考核的内容，不计，"
		    "其余各项按权重折算）", terms.data, weights, text,
		    left_out.data);
	}
	buf_free(&terms);
	buf_free(&left_out);
}

static void
put_weights(struct ctx *x, struct mu_value *m)
{
	put_int(m, x->a, "w_timeliness", ASSESS_W_TIMELINESS);
	put_int(m, x->a, "w_completeness", ASSESS_W_COMPLETENESS);
	put_int(m, x->a, "w_supervision", ASSESS_W_SUPERVISION);
	put_int(m, x->a, "w_satisfaction", ASSESS_W_SATISFACTION);
	put_int(m, x->a, "talk_window", ASSESS_TALK_WINDOW);
	put_int(m, x->a, "progress_window", ASSESS_PROGRESS_WINDOW);
	put_int(m, x->a, "default_due_days", ASSESS_DEFAULT_DUE_DAYS);
	put_int(m, x->a, "survey_window", ASSESS_SURVEY_WINDOW);
}

/* ---- issues ---- */

static struct mu_value *
issue_value(struct ctx *x, const struct issue *is)
{
	struct mu_value *m = mu_map(x->a);
	struct buf b = {0};

	put_date(m, x->a, "due", is->due);
	issue_describe(is, &b);
	/* its dates (应于2026年11月10日前公开) never broken across lines */
	struct buf html = {0};
	html_with_dates(b.data ? b.data : "", b.len, &html);
	put_own(m, x->a, "text_html", &html);
	buf_free(&html);
	put_own(m, x->a, "text", &b);
	put_str(m, x->a, "kind", issue_kind_label(is->kind));
	if (is->record != NULL && !is->record->draft)
		mu_map_set_ref(m, "record", mu_str_ref(x->a, href(x->a, x->root,
		    record_page_path(x->a, is->record))));
	buf_free(&b);
	return m;
}

/* The issues of a village: at most max of them (0: all), and how many of
 * each kind. */
static void
put_issues(struct ctx *x, struct mu_value *m, const struct village_assessment *va,
    size_t max)
{
	struct mu_value *list = mu_list(x->a), *kinds = mu_list(x->a);
	size_t shown = 0, counts[ISSUE_KIND_COUNT] = {0};

	for (size_t i = 0; i < va->n_issues; i++) {
		counts[va->issues[i].kind]++;
		if (max == 0 || shown < max) {
			mu_list_push(list, issue_value(x, &va->issues[i]));
			shown++;
		}
	}
	for (int k = 0; k < ISSUE_KIND_COUNT; k++) {
		if (counts[k] == 0)
			continue;
		struct mu_value *km = mu_map(x->a);
		put_str(km, x->a, "label", issue_kind_label(k));
		put_int(km, x->a, "count", (long long)counts[k]);
		mu_list_push(kinds, km);
	}
	mu_map_set_ref(m, "issues", list);
	mu_map_set_ref(m, "kinds", kinds);
	put_int(m, x->a, "n_issues", (long long)va->n_issues);
	put_bool(m, x->a, "has_issues", va->n_issues > 0);
	if (va->n_issues > shown)
		put_int(m, x->a, "more", (long long)(va->n_issues - shown));
}

/* ---- the dashboards ---- */

static struct mu_value *
village_row(struct ctx *x, const struct village_assessment *va)
{
	const struct village *v = va->village;
	struct mu_value *m = mu_map(x->a);
	char total[16];

	put_int(m, x->a, "rank", va->rank);
	put_str(m, x->a, "name", v->name);
	put_str(m, x->a, "id", v->id);
	put_str(m, x->a, "town_id", v->town->id);
	mu_map_set_ref(m, "href", mu_str_ref(x->a, href(x->a, x->root,
	    village_page_path(x->a, v))));
	put_str(m, x->a, "town", v->town->name);
	mu_map_set_ref(m, "town_href", mu_str_ref(x->a, href(x->a, x->root,
	    town_dashboard_path(x->a, v->town))));
	put_scores(x, m, &va->scores);
	permille_format(va->scores.total, total);
	mu_map_set_ref(m, "total_text", mu_str(x->a, total));
	return m;
}

/* Towns on the county's dashboard: their averages. */
static struct mu_value *
town_rows(struct ctx *x, const struct county_assessment *a)
{
	struct mu_value *list = mu_list(x->a);

	for (size_t t = 0; t < a->n_towns; t++) {
		const struct town_assessment *ta = &a->towns[t];
		struct mu_value *m = link_to(x, ta->town->name,
		    town_dashboard_path(x->a, ta->town));
		put_int(m, x->a, "n_villages", (long long)ta->n_villages);
		put_int(m, x->a, "n_assessed", (long long)ta->n_assessed);
		put_bool(m, x->a, "has_assessed", ta->n_assessed > 0);
		put_scores(x, m, &ta->scores);
		mu_list_push(list, m);
	}
	return list;
}

/* The villages not yet assessed (set up too recently), by town. */
static struct mu_value *
idle_list(struct ctx *x, const struct town_assessment *towns, size_t n_towns,
    size_t *n_idle)
{
	struct mu_value *list = mu_list(x->a);

	*n_idle = 0;
	for (size_t t = 0; t < n_towns; t++) {
		const struct town_assessment *ta = &towns[t];
		struct mu_value *vs = mu_list(x->a);
		if (ta->n_assessed == ta->n_villages)
			continue;
		for (size_t i = 0; i < ta->n_villages; i++) {
			const struct village *v = ta->villages[i].village;
			if (!ta->villages[i].assessed)
				mu_list_push(vs, link_to(x, v->name, village_page_path(x->a, v)));
		}
		struct mu_value *m = mu_map(x->a);
		put_str(m, x->a, "town", ta->town->name);
		put_int(m, x->a, "count", (long long)(ta->n_villages - ta->n_assessed));
		mu_map_set_ref(m, "villages", vs);
		mu_list_push(list, m);
		*n_idle += ta->n_villages - ta->n_assessed;
	}
	return list;
}

static bool
in_scope(const struct village_assessment *va, const struct town *town)
{
	return town == NULL || va->village->town == town;
}

void
data_assessment(struct ctx *x)
{
	const struct county_assessment *a = x->st->assessment;
	const struct town_assessment *ta = x->p->town_assessment;
	const struct town *town = ta != NULL ? ta->town : NULL;
	struct mu_value *d = x->data, *ranking = mu_list(x->a);
	struct mu_value *fixes = mu_list(x->a), *examples = mu_list(x->a);
	struct buf b = {0};
	size_t n_ranked = 0, n_idle = 0, n_fixes = 0;
	const struct village_assessment *first = NULL, *last = NULL;

	page_common(x, town != NULL ? SITE_CAT(x->a, town->name,
	    "村务公开考核") : "村务公开考核");
	struct mu_value *crumbs = page_crumbs(x, NULL, NULL);
	if (town != NULL) {
		mu_list_push(crumbs, link_to(x, "全县考核", "assessment/index.html"));
		mu_list_push(crumbs, link_to(x, town->name,
		    town_page_path(x->a, town)));
	}
	mu_map_set_ref(d, "crumbs", crumbs);
	put_date(d, x->a, "date", a->date);
	put_weights(x, d);
	put_str(d, x->a, "scope", town != NULL ? town->name : "全县");
	if (town != NULL) {
		put_str(d, x->a, "town_name", town->name);
		mu_map_set_ref(d, "town_page", mu_str_ref(x->a, href(x->a,
		    x->root, town_page_path(x->a, town))));
	} else {
		put_bool(d, x->a, "county", true);
		mu_map_set_ref(d, "towns", town_rows(x, a));
		put_int(d, x->a, "n_towns", (long long)a->n_towns);
	}

	/* the ranking, best first; the reasons, worst first */
	for (size_t i = 0; i < a->n_assessed; i++) {
		const struct village_assessment *va = a->ranking[i];
		if (!in_scope(va, town))
			continue;
		mu_list_push(ranking, village_row(x, va));
		if (first == NULL)
			first = va;
		last = va;
		n_ranked++;
	}
	for (size_t i = a->n_assessed; i-- > 0;) {
		const struct village_assessment *va = a->ranking[i];
		if (!in_scope(va, town) || va->n_issues == 0)
			continue;
		struct mu_value *m = village_row(x, va);
		put_issues(x, m, va, DASHBOARD_ISSUES);
		mu_map_set_ref(m, "fix_href", mu_str_ref(x->a, SITE_CAT(x->a,
		    href(x->a, x->root, village_page_path(x->a, va->village)),
		    "#assess-h")));
		mu_list_push(fixes, m);
		n_fixes++;
	}
	/* the formula with the numbers of the first and the last */
	for (int k = 0; k < 2; k++) {
		const struct village_assessment *va = k == 0 ? first : last;
		if (va == NULL || (k == 1 && last == first))
			continue;
		struct mu_value *m = mu_map(x->a);
		put_str(m, x->a, "name", va->village->name);
		put_int(m, x->a, "rank", va->rank);
		formula_numbers(&va->scores, &b);
		put_own(m, x->a, "formula", &b);
		mu_list_push(examples, m);
	}
	mu_map_set_ref(d, "ranking", ranking);
	put_int(d, x->a, "n_ranked", (long long)n_ranked);
	put_bool(d, x->a, "has_ranking", n_ranked > 0);
	mu_map_set_ref(d, "fixes", fixes);
	put_int(d, x->a, "n_fixes", (long long)n_fixes);
	put_bool(d, x->a, "has_fixes", n_fixes > 0);
	put_int(d, x->a, "n_shown_issues", DASHBOARD_ISSUES);
	mu_map_set_ref(d, "examples", examples);
	put_bool(d, x->a, "has_examples", first != NULL);

	struct mu_value *avg = mu_map(x->a);
	put_scores(x, avg, ta != NULL ? &ta->scores : &a->scores);
	mu_map_set_ref(d, "average", avg);

	mu_map_set_ref(d, "idle", idle_list(x, ta != NULL ? ta : a->towns,
	    ta != NULL ? 1 : a->n_towns, &n_idle));
	put_int(d, x->a, "n_idle", (long long)n_idle);
	put_bool(d, x->a, "has_idle", n_idle > 0);
	put_int(d, x->a, "n_villages", (long long)(ta != NULL ? ta->n_villages :
	    a->n_villages));
	put_int(d, x->a, "n_assessed", (long long)n_ranked);
	put_int(d, x->a, "n_county_ranked", (long long)a->n_assessed);
	mu_map_set_ref(d, "csv", mu_str_ref(x->a, href(x->a, x->root,
	    "assessment/scores.csv")));
	buf_free(&b);
}

/* ---- a village's page ---- */

/* "有公开时限的 9 条记录中 0 条按时公开" */
static void
share_text(struct buf *b, struct share s, const char *before, const char *of,
    const char *part)
{
	buf_printf(b, "%s %d %s %d %s", before, s.den, of, s.num, part);
}

static struct mu_value *
metric_row(struct ctx *x, const struct scores *s, enum assess_metric k,
    struct buf *basis)
{
	struct mu_value *m = score_value(x, assess_metric_value(s, k));

	put_str(m, x->a, "label", assess_metric_label(k));
	put_int(m, x->a, "weight", assess_metric_weight(k));
	put_own(m, x->a, "basis", basis);
	return m;
}

static struct mu_value *
village_assessment_value(struct ctx *x, const struct village_assessment *va)
{
	const struct county_assessment *a = x->st->assessment;
	struct mu_value *m = mu_map(x->a), *metrics = mu_list(x->a);
	struct buf b = {0};

	put_bool(m, x->a, "assessed", va->assessed);
	put_date(m, x->a, "date", a->date);
	put_date(m, x->a, "since", va->village->since);
	mu_map_set_ref(m, "dashboard", mu_str_ref(x->a, href(x->a, x->root,
	    "assessment/index.html")));
	mu_map_set_ref(m, "town_dashboard", mu_str_ref(x->a, href(x->a, x->root,
	    town_dashboard_path(x->a, va->village->town))));
	if (!va->assessed) {
		buf_free(&b);
		return m;
	}
	mu_map_set_ref(m, "total", score_value(x, va->scores.total));
	put_int(m, x->a, "rank", va->rank);
	put_int(m, x->a, "n_ranked", (long long)a->n_assessed);
	formula_numbers(&va->scores, &b);
	put_own(m, x->a, "formula", &b);

	if (va->timely.den > 0)
		share_text(&b, va->timely, "有公开时限的", "条记录中",
		    "条按时公开（公示天数也够）");
	else
		buf_puts(&b, "没有有公开时限的记录，不计");
	mu_list_push(metrics, metric_row(x, &va->scores, METRIC_TIMELINESS,
	    &b));

	if (va->periods.den + va->decisions.den == 0)
		buf_puts(&b, "没有应定期公开的事项或通过的决议，不计");
	if (va->periods.den > 0)
		buf_printf(&b, "近一年应定期公开 %d 期，按期公开 %d 期",
		    va->periods.den, va->periods.num);
	if (va->periods.den > 0 && va->decisions.den > 0)
		buf_puts(&b, "；");
	if (va->decisions.den > 0)
		buf_printf(&b, "通过的决议 %d 项，已公开实施结果或近 %d 天内公开"
		    "进度的 %d 项", va->decisions.den, ASSESS_PROGRESS_WINDOW,
		    va->decisions.num);
	mu_list_push(metrics, metric_row(x, &va->scores, METRIC_COMPLETENESS,
	    &b));

	if (va->signed_off.den + va->talked.den == 0)
		buf_puts(&b, "没有决策或结果记录，不计");
	if (va->signed_off.den > 0)
		buf_printf(&b, "决策和结果 %d 条，经村务监督委员会审核签字 %d 条",
		    va->signed_off.den, va->signed_off.num);
	if (va->signed_off.den > 0 && va->talked.den > 0)
		buf_puts(&b, "；");
	if (va->talked.den > 0)
		buf_printf(&b, "使用权力 %d 次，事前 %d 日内有提醒谈话的 %d 次",
		    va->talked.den, ASSESS_TALK_WINDOW, va->talked.num);
	mu_list_push(metrics, metric_row(x, &va->scores, METRIC_SUPERVISION,
	    &b));

	if (va->survey != NULL && va->survey_rate >= 0) {
		char rate[16];
		period_cn(&va->survey->as.survey.period, &b);
		permille_format(va->survey_rate, rate);
		buf_printf(&b, "测评，%d 人参加，非常满意和满意占 %s%%",
		    va->survey->as.survey.respondents, rate);
	} else {
		buf_printf(&b, "近 %d 天未开展群众满意度测评，记 0 分",
		    ASSESS_SURVEY_WINDOW);
	}
	mu_list_push(metrics, metric_row(x, &va->scores, METRIC_SATISFACTION,
	    &b));
	mu_map_set_ref(m, "metrics", metrics);
	put_issues(x, m, va, 0);
	buf_free(&b);
	return m;
}

/* ---- reminder talks ---- */

/* A list the page may shorten: its rows (the first shown of n), and what
 * the templates ask of it (count, shown, more, has_rows). */
static void
put_rows(struct ctx *x, struct mu_value *m, struct mu_value *rows, size_t n,
    size_t shown)
{
	mu_map_set_ref(m, "rows", rows);
	put_int(m, x->a, "count", (long long)n);
	put_int(m, x->a, "shown", (long long)shown);
	put_bool(m, x->a, "more", n > shown);
	put_bool(m, x->a, "has_rows", n > 0);
}

static const char *const phase_labels[] = {"事前", "事中", "事后"};

static struct mu_value *
talk_row(struct ctx *x, const struct record *r)
{
	const struct talk *t = &r->as.talk;
	struct mu_value *m = page_record_summary(x, r), *risks = mu_list(x->a);

	put_str(m, x->a, "phase", phase_labels[t->phase]);
	put_str(m, x->a, "by", t->by);
	if (t->role != NULL)
		put_str(m, x->a, "role", t->role->name);
	/* the talker and "（对书记）" */
	put_bool(m, x->a, "by_short", text_chars(t->by) + (t->role != NULL ?
	    text_chars(t->role->name) + 3 : 0) <= SHORT_CELL);
	put_bool(m, x->a, "place_short",
	    text_is_short(place_of(x->a, r->village)));
	if (r->power != NULL) {
		struct mu_value *item = link_to(x, r->power->name,
		    SITE_CAT(x->a, "catalog/", r->power->id, ".html"));
		put_str(item, x->a, "id", r->power->id);
		put_bool(item, x->a, "short", text_is_short(r->power->name));
		mu_map_set_ref(m, "item", item);
	}
	put_str(m, x->a, "village", r->village->name);
	put_str(m, x->a, "town", r->village->town->name);
	for (size_t i = 0; i < t->n_risks; i++)
		mu_list_push(risks, mu_str_ref(x->a, t->risks[i]));
	mu_map_set_ref(m, "risks", risks);
	put_bool(m, x->a, "has_risks", t->n_risks > 0);
	return m;
}

static bool
talk_covers(const struct record *r, const char *risk)
{
	for (size_t i = 0; i < r->as.talk.n_risks; i++)
		if (strcmp(r->as.talk.risks[i], risk) == 0)
			return true;
	return false;
}

void
item_talks_data(struct ctx *x, const struct power_item *it,
    const struct item_uses *u)
{
	struct mu_value *d = x->data, *risks = mu_list(x->a), *talks = mu_list(x->a);
	size_t n_talks = 0, shown = 0;
	size_t used = u != NULL ? u->n_records : 0;

	/* the records are newest first: the first talk on a risk is the latest */
	for (size_t k = 0; k < it->n_risks; k++) {
		struct mu_value *m = mu_map(x->a);
		const struct record *latest = NULL;
		size_t count = 0;
		put_str(m, x->a, "name", it->risks[k]);
		for (size_t i = 0; i < used; i++) {
			const struct record *r = u->records[i];
			if (r->type != RT_TALK || !talk_covers(r, it->risks[k]))
				continue;
			if (latest == NULL)
				latest = r;
			count++;
		}
		put_int(m, x->a, "n_talks", (long long)count);
		if (latest != NULL) {
			struct mu_value *lm = page_record_summary(x, latest);
			put_str(lm, x->a, "village", latest->village->name);
			put_str(lm, x->a, "phase", phase_labels[latest->as.talk.phase]);
			mu_map_set_ref(m, "latest", lm);
		}
		mu_list_push(risks, m);
	}
	if (it->n_risks > 0) {
		mu_map_set_ref(d, "risks", risks);
		put_bool(d, x->a, "has_risks", true);
	}
	for (size_t i = 0; i < used; i++) {
		if (u->records[i]->type != RT_TALK)
			continue;
		if (shown < ITEM_TALKS) {
			mu_list_push(talks, talk_row(x, u->records[i]));
			shown++;
		}
		n_talks++;
	}
	struct mu_value *m = mu_map(x->a);
	put_rows(x, m, talks, n_talks, shown);
	mu_map_set_ref(d, "talks", m);
}

/* ---- surveys over time ---- */

#define TREND_SURVEYS 8

static const char *
survey_label(struct ctx *x, const struct record *r)
{
	struct buf b = {0};
	const char *s;

	if (r->as.survey.period.kind != PERIOD_NONE)
		period_cn(&r->as.survey.period, &b);
	else
		date_cn(r->date, &b);
	s = arena_strndup(x->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

/* The item of a survey that asks question, or NULL. */
static const struct survey_item *
survey_item_of(const struct survey *s, const char *question)
{
	for (size_t k = 0; k < s->n_items; k++)
		if (strcmp(s->items[k].question, question) == 0)
			return &s->items[k];
	return NULL;
}

static void
survey_trend_data(struct ctx *x, const struct village *v)
{
	struct mu_value *m = mu_map(x->a), *rows = mu_list(x->a);
	struct mu_value *heads = mu_list(x->a), *questions = mu_list(x->a);
	struct ptrvec surveys = {0};
	struct buf b = {0};

	for (size_t i = 0; i < v->n_records; i++)
		if (v->records[i]->type == RT_SURVEY && !v->records[i]->draft)
			ptrvec_push(&surveys, v->records[i]);
	if (surveys.len > 1)
		qsort(surveys.items, surveys.len, sizeof *surveys.items,
		    survey_time_cmp);
	const struct record **all = (const struct record **)surveys.items;
	size_t n = surveys.len, from = n > TREND_SURVEYS ? n - TREND_SURVEYS : 0;
	int *rates = xcalloc(n + 1, sizeof *rates);
	const char **labels = xcalloc(n + 1, sizeof *labels);

	for (size_t i = 0; i < n; i++) {
		const struct record *r = all[i];
		struct mu_value *row = page_record_summary(x, r);
		rates[i] = survey_rate_permille(&r->as.survey);
		labels[i] = survey_label(x, r);
		put_str(row, x->a, "period", labels[i]);
		put_int(row, x->a, "respondents", r->as.survey.respondents);
		mu_map_set_ref(row, "rate", score_value(x, rates[i]));
		mu_list_push(rows, row);
		if (i >= from)
			mu_list_push(heads, mu_str_ref(x->a, labels[i]));
	}
	/* each question asked in the surveys shown, in the order first asked,
	 * with its rate in each survey */
	for (size_t i = from; i < n; i++) {
		for (size_t q = 0; q < all[i]->as.survey.n_items; q++) {
			const char *text = all[i]->as.survey.items[q].question;
			bool seen = false;
			for (size_t j = from; j < i && !seen; j++)
				seen = survey_item_of(&all[j]->as.survey, text) != NULL;
			if (seen)
				continue;
			struct mu_value *qm = mu_map(x->a), *cells = mu_list(x->a);
			put_str(qm, x->a, "question", text);
			for (size_t j = from; j < n; j++) {
				const struct survey *s = &all[j]->as.survey;
				const struct survey_item *it = survey_item_of(s, text);
				mu_list_push(cells, mu_str_ref(x->a, it == NULL ? "—" :
				    page_percent(x->a, (long long)it->very_satisfied +
				    it->satisfied, s->respondents)));
			}
			mu_map_set_ref(qm, "cells", cells);
			mu_list_push(questions, qm);
		}
	}
	if (n > 0) {
		survey_trend_svg(SITE_CAT(x->a, v->name,
		    "历次群众满意度测评的满意率"), rates + from, labels + from,
		    n - from, &b);
		put_own(m, x->a, "chart", &b);
	}
	put_rows(x, m, rows, n, n - from);
	mu_map_set_ref(m, "periods", heads);
	mu_map_set_ref(m, "questions", questions);
	mu_map_set_ref(x->data, "surveys", m);
	free(rates);
	free(labels);
	ptrvec_free(&surveys);
	buf_free(&b);
}

void
village_supervision_data(struct ctx *x, const struct village *v)
{
	struct mu_value *talks = mu_list(x->a), *m = mu_map(x->a);
	size_t n = 0, shown = 0;

	if (x->p->assessment != NULL && wants(x, "assess"))
		mu_map_set_ref(x->data, "assess", village_assessment_value(x,
		    x->p->assessment));
	if (wants(x, "surveys"))
		survey_trend_data(x, v);
	if (!wants(x, "talks"))
		return;
	/* the talks, newest first */
	for (size_t i = v->n_records; i-- > 0;) {
		const struct record *r = v->records[i];
		if (r->type != RT_TALK || r->draft)
			continue;
		if (shown < VILLAGE_TALKS) {
			mu_list_push(talks, talk_row(x, r));
			shown++;
		}
		n++;
	}
	put_rows(x, m, talks, n, shown);
	mu_map_set_ref(x->data, "talks", m);
}

/* ---- the scores as CSV ---- */

/* A field of RFC 4180: quoted when it holds a comma, a quote or a line
 * break. Text that a spreadsheet would take for a formula (= + - @ at the
 * start) gets a leading apostrophe, so that opening the file runs nothing. */
static void
csv_field(struct buf *out, const char *s, bool first)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	bool formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0';

	if (!first)
		buf_putc(out, ',');
	if (quote || formula)
		buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	if (quote || formula)
		buf_putc(out, '"');
}

static void
csv_permille(struct buf *out, int permille)
{
	char text[16] = "";

	if (permille >= 0)
		permille_format(permille, text);
	csv_field(out, text, false);
}

static void
csv_int(struct buf *out, long long v, bool applies)
{
	char text[DECIMAL_SIZE] = "";

	if (applies)
		decimal_text(v, text);
	csv_field(out, text, false);
}

static void
csv_row(struct buf *out, const struct village_assessment *va)
{
	const struct village *v = va->village;
	bool on = va->assessed;
	char period[16] = "";

	csv_field(out, v->town->id, true);
	csv_field(out, v->town->name, false);
	csv_field(out, v->id, false);
	csv_field(out, v->name, false);
	csv_field(out, on ? "是" : "否", false);
	csv_int(out, va->rank, on);
	csv_permille(out, va->scores.timeliness);
	csv_permille(out, va->scores.completeness);
	csv_permille(out, va->scores.supervision);
	csv_permille(out, va->scores.satisfaction);
	csv_permille(out, va->scores.total);
	const struct share shares[] = {va->timely, va->periods, va->decisions,
		va->signed_off, va->talked};
	for (size_t i = 0; i < NB_COUNT(shares); i++) {
		csv_int(out, shares[i].num, on);
		csv_int(out, shares[i].den, on);
	}
	if (on && va->survey != NULL)
		period_format(&va->survey->as.survey.period, period);
	csv_field(out, period, false);
	csv_int(out, va->survey != NULL ? va->survey->as.survey.respondents : 0,
	    on && va->survey != NULL);
	csv_int(out, (long long)va->n_issues, on);
	buf_puts(out, "\r\n");
}

static const char *const csv_columns[] = {
	"镇代码", "镇", "村代码", "村", "参加考核", "名次",
	"及时率", "完整率", "监督率", "满意率", "总分",
	"按时公开条数", "有公开时限条数",
	"按期公开期数", "应定期公开期数",
	"已公开结果的决议", "通过的决议",
	"审核签字条数", "应审核签字条数",
	"有事前谈话的用权次数", "用权次数",
	"测评期", "测评人数", "需整改项数",
};

int
render_scores_csv(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	const struct county_assessment *a = st->assessment;
	struct buf *out = job_emit(r, p->out_path);

	/* the byte-order mark tells Excel the file is UTF-8 */
	buf_puts(out, "\xEF\xBB\xBF");
	for (size_t i = 0; i < NB_COUNT(csv_columns); i++)
		csv_field(out, csv_columns[i], i == 0);
	buf_puts(out, "\r\n");
	for (size_t i = 0; i < a->n_assessed; i++)
		csv_row(out, a->ranking[i]);
	for (size_t i = 0; i < a->n_villages; i++)
		if (!a->villages[i].assessed)
			csv_row(out, &a->villages[i]);
	return 0;
}
