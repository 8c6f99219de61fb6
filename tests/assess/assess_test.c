/* assess_test.c: every metric of the disclosure assessment on hand-made
 * cases with known results, and the demo county's late village exactly. */
#include "t.h"
#include "unit/fixture.h"

#include "assess/assess.h"

static const struct village_assessment *
find(const struct county_assessment *a, const char *town, const char *village)
{
	for (size_t i = 0; i < a->n_villages; i++)
		if (strcmp(a->villages[i].village->id, village) == 0 &&
		    strcmp(a->villages[i].village->town->id, town) == 0)
			return &a->villages[i];
	return NULL;
}

static char *
issues_text(const struct village_assessment *va)
{
	struct buf b = {0};
	char due[11];

	for (size_t i = 0; va != NULL && i < va->n_issues; i++) {
		date_format(va->issues[i].due, due);
		buf_printf(&b, "%s ", due);
		issue_describe(&va->issues[i], &b);
		buf_putc(&b, '\n');
	}
	return buf_detach(&b);
}

static void
test_arithmetic(void)
{
	struct scores s = {800, 500, -1, 0, 0};
	char text[16];

	T_INTEQ(share_permille((struct share){1, 3}), 333, "1/3 is 333 permille");
	T_INTEQ(share_permille((struct share){2, 3}), 667, "2/3 rounds to 667");
	T_INTEQ(share_permille((struct share){0, 0}), -1, "0/0 does not apply");
	/* supervision does not apply: 30+30+20 weights remain */
	T_INTEQ(assess_total(&s), (800 * 30 + 500 * 30 + 0 * 20 + 40) / 80,
	    "weights of metrics that apply are rescaled");
	T_STREQ(assess_grade_label(assess_grade(900)), "优", "90 is 优");
	T_STREQ(assess_grade_label(assess_grade(899)), "良", "89.9 is 良");
	T_STREQ(assess_grade_label(assess_grade(750)), "良", "75 is 良");
	T_STREQ(assess_grade_label(assess_grade(600)), "中", "60 is 中");
	T_STREQ(assess_grade_label(assess_grade(599)), "差", "59.9 is 差");
	permille_format(875, text);
	T_STREQ(text, "87.5", "score format");
	permille_format(1000, text);
	T_STREQ(text, "100.0", "full score format");
	permille_format(-1, text);
	T_STREQ(text, "—", "a metric that does not apply");
	struct survey sv = {0};
	struct survey_item items[2] = {{"q1", 50, 30, 15, 5, {0}},
		{"q2", 20, 20, 40, 20, {0}}};
	sv.respondents = 100;
	sv.items = items;
	sv.n_items = 2;
	T_INTEQ(survey_rate_permille(&sv), 600,
	    "satisfaction: (50+30+20+20) of 2 x 100 answers");
}

#define BASE_TALK "fushui/wangjia/2026/10/2026-10-28-talk-road-before.md"

/* The base tree without its talk: one decision, one progress and the Q3
 * finance record in wangjia; lijia has no records and was set up on
 * 2026-10-01, after the last quarter that fell due. */
static void
test_base_tree(void)
{
	struct county c;
	char *talk = NULL, *path = path_join(fixture_root, BASE_TALK);
	size_t len;

	file_read(path, 1 << 20, &talk, &len);
	fixture_put(BASE_TALK, NULL);
	free(fixture_check_keep("2026-11-27", &c));
	struct county_assessment *a = assess_county(&c);
	const struct village_assessment *w = find(a, "fushui", "wangjia");
	const struct village_assessment *l = find(a, "fushui", "lijia");

	T_CHECK(l != NULL && !l->assessed && l->rank == 0,
	    "a village set up after every period that fell due is not ranked");
	T_INTEQ(a->n_assessed, 1, "one village assessed");
	T_CHECK(w != NULL && w->assessed && w->rank == 1, "wangjia ranks first");
	/* decision 11-02 due 11-05, published 11-03: on time; progress has no
	 * due_days rule of its own... p01 has due_days 3: 11-20 + 3, published
	 * 11-20: on time; finance Q3 due 10-10, published 10-08: on time */
	T_INTEQ(w->timely.num, 3, "three records on time");
	T_INTEQ(w->timely.den, 3, "three records with a rule");
	/* p15 every quarter, due_days 10: deadlines 2026-01-10 (2025-Q4),
	 * 04-10, 07-10, 10-10 fell in the year; only Q3 is covered */
	T_INTEQ(w->periods.den, 4, "four quarterly periods fell due");
	T_INTEQ(w->periods.num, 1, "one of them disclosed");
	/* the decision was adopted 11-02; progress 11-20 keeps it in execution
	 * until 12-20 */
	T_INTEQ(w->decisions.num, 1, "a decision in execution is complete so far");
	T_INTEQ(w->decisions.den, 1, "one adopted decision");
	T_INTEQ(w->signed_off.num, 1, "the decision was signed off");
	T_INTEQ(w->signed_off.den, 1, "one decision or result");
	T_INTEQ(w->talked.num, 0, "no talk before the decision");
	T_INTEQ(w->talked.den, 1, "one use of a power");
	T_CHECK(w->survey == NULL && w->scores.satisfaction == 0,
	    "no survey counts as zero satisfaction");
	T_INTEQ(w->scores.timeliness, 1000, "timeliness 100 percent");
	T_INTEQ(w->scores.completeness, 400, "completeness (1+1)/(4+1)");
	T_INTEQ(w->scores.supervision, 500, "supervision (1+0)/(1+1)");
	T_INTEQ(w->scores.total, (1000 * 30 + 400 * 30 + 500 * 20 + 0 * 20) / 100,
	    "the total is the weighted sum");
	char *text = issues_text(w);
	T_STREQ(text,
	    "2026-01-10 p15 村级财务公开：2025年第四季度未公开（应于2026年1月10日前公开）\n"
	    "2026-04-10 p15 村级财务公开：2026年第一季度未公开（应于2026年4月10日前公开）\n"
	    "2026-07-10 p15 村级财务公开：2026年第二季度未公开（应于2026年7月10日前公开）\n"
	    "2026-11-02 《村道硬化工程立项》（2026年11月2日）使用权力前 30 日内无事前提醒谈话\n"
	    " 近一年未开展群众满意度测评\n",
	    "the base village's list of what to fix");
	free(text);
	assess_free(a);
	county_free(&c);

	/* with the talk of 10-28 before the decision of 11-02 */
	fixture_put(BASE_TALK, talk);
	free(fixture_check_keep("2026-11-27", &c));
	a = assess_county(&c);
	w = find(a, "fushui", "wangjia");
	T_INTEQ(w->talked.num, 1, "the talk 5 days before counts");
	T_INTEQ(w->scores.supervision, 1000, "supervision (1+1)/(1+1)");
	T_INTEQ(w->timely.den, 4, "the talk is timed too");
	text = issues_text(w);
	T_CHECK(strstr(text, "提醒谈话") == NULL, "no talk is missing now");
	free(text);
	assess_free(a);
	county_free(&c);
	free(talk);
	free(path);
}

/* A village with no records at all takes part: it owes every period since
 * it exists, and scores what it has, nothing. `since:` spares the periods
 * before it, and the survey until the village has existed for a year. */
static void
test_no_records(void)
{
	const char *yaml = "fushui/lijia/village.yaml";
	struct county c;
	char *saved = NULL, *path = path_join(fixture_root, yaml);
	size_t len;

	file_read(path, 1 << 20, &saved, &len);
	fixture_put(yaml, "name: 李家村\n");
	free(fixture_check_keep("2026-11-27", &c));
	struct county_assessment *a = assess_county(&c);
	const struct village_assessment *w = find(a, "fushui", "wangjia");
	const struct village_assessment *l = find(a, "fushui", "lijia");
	T_CHECK(l != NULL && l->assessed, "a village with no records is assessed");
	T_INTEQ(a->n_assessed, 2, "both villages take part");
	T_CHECK(l != NULL && l->rank == 2 && w != NULL && w->rank == 1,
	    "the village with no records ranks below the one that publishes");
	if (l == NULL)
		goto out;
	T_INTEQ(l->periods.den, 4, "no records: four quarters fell due");
	T_INTEQ(l->periods.num, 0, "no records: none met");
	T_INTEQ(l->scores.completeness, 0, "no records: completeness 0");
	T_INTEQ(l->scores.satisfaction, 0, "no records: no survey scores 0");
	T_INTEQ(l->scores.timeliness, -1, "no records: nothing to time");
	T_INTEQ(l->scores.total, 0, "no records: total 0");
	char *text = issues_text(l);
	T_STREQ(text,
	    "2026-01-10 p15 村级财务公开：2025年第四季度未公开（应于2026年1月10日前公开）\n"
	    "2026-04-10 p15 村级财务公开：2026年第一季度未公开（应于2026年4月10日前公开）\n"
	    "2026-07-10 p15 村级财务公开：2026年第二季度未公开（应于2026年7月10日前公开）\n"
	    "2026-10-10 p15 村级财务公开：2026年第三季度未公开（应于2026年10月10日前公开）\n"
	    " 近一年未开展群众满意度测评\n",
	    "no records: every period owed, and the survey");
	free(text);
	assess_free(a);
	county_free(&c);

	/* set up on 2026-06-01: Q2 and Q3 are due, the survey not yet */
	fixture_put(yaml, "name: 李家村\nsince: 2026-06-01\n");
	free(fixture_check_keep("2026-11-27", &c));
	a = assess_county(&c);
	l = find(a, "fushui", "lijia");
	T_CHECK(l != NULL && l->assessed, "a village set up in June is assessed");
	if (l != NULL) {
		T_INTEQ(l->periods.den, 2, "since June: two quarters fell due");
		T_INTEQ(l->scores.satisfaction, -1,
		    "since June: no survey is due in its first year");
		text = issues_text(l);
		T_CHECK(strstr(text, "满意度") == NULL && strstr(text, "第一季度")
		    == NULL, "since June: neither the survey nor Q1 is owed");
		free(text);
	}
	assess_free(a);
	county_free(&c);

	/* set up after the build date: it does not exist yet */
	fixture_put(yaml, "name: 李家村\nsince: 2026-12-01\n");
	free(fixture_check_keep("2026-11-27", &c));
	a = assess_county(&c);
	l = find(a, "fushui", "lijia");
	T_CHECK(l != NULL && !l->assessed && a->n_assessed == 1,
	    "a village set up after the build date is not assessed");
out:
	assess_free(a);
	county_free(&c);
	fixture_put(yaml, saved);
	free(saved);
	free(path);
}

/* In January, the due quarter is the last one of the year before, and a
 * record dated in January with period 2026-Q4 covers it. */
static void
test_year_end(void)
{
	struct county c;
	fixture_put("fushui/wangjia/2027/01/q4.md", "---\ntype: finance\n"
	    "title: 四季度\ndate: 2027-01-05\npower: p15\n"
	    "checked: {by: 张秀英, date: 2027-01-05}\nperiod: 2026-Q4\n"
	    "publish: {from: 2027-01-05, to: 2027-01-19}\nopening: 0\n---\n");
	free(fixture_check_keep("2027-01-12", &c));
	struct county_assessment *a = assess_county(&c);
	const struct village_assessment *w = find(a, "fushui", "wangjia");
	char *text = issues_text(w);
	T_CHECK(strstr(text, "2026年第四季度") == NULL,
	    "the 2026-Q4 duty is met by a January record");
	T_CHECK(strstr(text, "2026-01-10 p15") == NULL,
	    "a deadline more than a year back is out of the window");
	T_CHECK(strstr(text, "2026-04-10 p15 村级财务公开：2026年第一季度未公开") != NULL,
	    "2026-Q1 is still in the window");
	/* the January record is on time: Q4 ended 12-31, due 01-10 */
	T_INTEQ(w->timely.den, 5, "five records with a rule, the talk too");
	T_INTEQ(w->timely.num, 5, "all on time");
	free(text);
	assess_free(a);
	county_free(&c);
	fixture_put("fushui/wangjia/2027/01/q4.md", NULL);
}

/* A late record, a result following the decision, a talk before, and an
 * item without `every:` that adds no periods. */
static void
test_late_and_complete(void)
{
	struct county c;
	fixture_put("fushui/wangjia/2026/10/talk.md", "---\ntype: talk\n"
	    "title: 事前提醒\ndate: 2026-10-28\npower: p01\nphase: before\n"
	    "role: secretary\nby: 镇纪委书记刘某某\n---\n提醒注意优亲厚友。\n");
	fixture_put("fushui/wangjia/2026/11/late.md", "---\ntype: notice\n"
	    "title: 征地补偿方案\ndate: 2026-11-01\npower: p19\n"
	    "publish: {from: 2026-11-12, to: 2026-11-30}\n---\n");
	fixture_put("fushui/wangjia/2026/11/result.md", "---\ntype: result\n"
	    "title: 村道硬化完工\ndate: 2026-11-25\npower: p01\n"
	    "follows: 2026-11-20-road-progress\n"
	    "checked: {by: 张秀英, date: 2026-11-25}\noutcome: 完工\n---\n");
	free(fixture_check_keep("2026-11-27", &c));
	struct county_assessment *a = assess_county(&c);
	const struct village_assessment *w = find(a, "fushui", "wangjia");
	char *text = issues_text(w);
	/* timed: the decision, progress, finance, result and two talks; p19
	 * has no due_days, so the late notice has no deadline (no rule) */
	T_INTEQ(w->timely.den, 6, "records of items without a rule are not timed");
	T_INTEQ(w->periods.den, 4, "items without every: add no periods");
	T_INTEQ(w->talked.num, 2, "the talk of 10-28 covers both uses of p01");
	T_INTEQ(w->signed_off.den, 2, "a decision and a result");
	T_CHECK(w->talked.den == 2, "two uses of a power");
	T_CHECK(strstr(text, "提醒谈话") == NULL, "no talk is missing");
	free(text);
	assess_free(a);
	county_free(&c);

	/* now make it late: p01 due_days 3, published 9 days after the act */
	fixture_put("fushui/wangjia/2026/11/result.md", "---\ntype: result\n"
	    "title: 村道硬化完工\ndate: 2026-11-15\npower: p01\n"
	    "publish: {from: 2026-11-24, to: 2026-11-30}\n"
	    "follows: 2026-11-02-road-plan\n"
	    "checked: {by: 张秀英, date: 2026-11-24}\noutcome: 完工\n---\n");
	free(fixture_check_keep("2026-11-27", &c));
	a = assess_county(&c);
	w = find(a, "fushui", "wangjia");
	text = issues_text(w);
	T_CHECK(strstr(text, "2026-11-18 《村道硬化完工》迟公开 6 天（应于"
	    "2026年11月18日前公开，实际2026年11月24日）") != NULL,
	    "a record published after its deadline is late by the days past it");
	free(text);
	assess_free(a);
	county_free(&c);
	fixture_put("fushui/wangjia/2026/10/talk.md", NULL);
	fixture_put("fushui/wangjia/2026/11/late.md", NULL);
	fixture_put("fushui/wangjia/2026/11/result.md", NULL);
}

/* An adopted decision whose chain stopped: its result is overdue 30 days
 * after the last disclosure. */
static void
test_missing_result(void)
{
	struct county c;
	free(fixture_check_keep("2027-01-15", &c));
	struct county_assessment *a = assess_county(&c);
	const struct village_assessment *w = find(a, "fushui", "wangjia");
	char *text = issues_text(w);
	T_CHECK(strstr(text, "2026-12-20 《村道硬化工程立项》决议通过后未公开实施结果")
	    != NULL, "a result is due 30 days after the last progress");
	T_INTEQ(w->decisions.num, 0, "the decision is not fully disclosed");
	free(text);
	assess_free(a);
	county_free(&c);
}

/* The demo county's late village, exactly. */
static void
test_demo_late_village(void)
{
	struct county c;
	int32_t today;
	char *root = path_join(getenv("NB_ROOT") ? getenv("NB_ROOT") : ".",
	    "content");

	date_parse("2026-11-27", &today);
	diag_reset();
	county_load(&c, root, today);
	diag_reset();
	struct county_assessment *a = assess_county(&c);
	const struct village_assessment *late = find(a, "taohe", "hejiaying");

	T_CHECK(late != NULL && late->assessed, "the late village is assessed");
	T_INTEQ(a->n_assessed, a->n_villages,
	    "every village of the demo takes part, those with no records too");
	/* the two villages that have published nothing rank below it */
	const struct village_assessment *g = find(a, "yunling", "gaoshan");
	const struct village_assessment *h = find(a, "songping", "heilongkou");
	T_CHECK(a->n_assessed > 2 && a->ranking[a->n_assessed - 3] == late,
	    "the late village ranks third from last");
	T_CHECK(g != NULL && h != NULL && g->n_issues > 0 &&
	    g->scores.total == 0 && h->scores.total == 0 &&
	    g->rank == (int)a->n_assessed - 1 && h->rank == g->rank,
	    "the villages with no records share the last place, with 0");
	/* ties share a place, the next after them counts them all */
	bool ties_ok = a->n_assessed > 0 && a->ranking[0]->rank == 1;
	size_t n_tied = 0;
	for (size_t i = 1; i < a->n_assessed; i++) {
		const struct village_assessment *p = a->ranking[i - 1];
		const struct village_assessment *q = a->ranking[i];
		if (q->scores.total == p->scores.total) {
			ties_ok = ties_ok && q->rank == p->rank;
			n_tied++;
		} else {
			ties_ok = ties_ok && q->rank == (int)i + 1;
		}
	}
	T_CHECK(ties_ok && n_tied > 0,
	    "the same total, the same place (%zu ties in the demo)", n_tied);
	if (late == NULL)
		goto out;
	/* 9 records timed, none on time; 26 periods fell due, 2 met (p23 for
	 * 2026-09, and p15 for 2026-Q2, published late); one of two adopted
	 * decisions still in execution; nothing signed off or talked */
	T_INTEQ(late->timely.num, 0, "late village: no record on time");
	T_INTEQ(late->timely.den, 9, "late village: nine records timed");
	T_INTEQ(late->periods.num, 2, "late village: two periods met");
	T_INTEQ(late->periods.den, 26, "late village: 26 periods fell due");
	T_INTEQ(late->decisions.num, 1, "late village: one decision complete");
	T_INTEQ(late->decisions.den, 2, "late village: two adopted decisions");
	T_INTEQ(late->signed_off.num, 0, "late village: nothing signed off");
	T_INTEQ(late->talked.num, 0, "late village: no reminder talk");
	T_INTEQ(late->scores.timeliness, 0, "late village: timeliness 0");
	T_INTEQ(late->scores.completeness, 107,
	    "late village: completeness (2+1)/(26+2) = 10.7");
	T_INTEQ(late->scores.supervision, 0, "late village: supervision 0");
	T_INTEQ(late->scores.satisfaction, 0, "late village: no survey");
	T_INTEQ(late->scores.total, 32, "late village: total 3.2");
	char *want = NULL, *got = issues_text(late);
	size_t len;
	char *path = path_join(getenv("NB_ROOT") ? getenv("NB_ROOT") : ".",
	    "tests/assess/late-village.expected");
	file_read(path, 1 << 20, &want, &len);
	T_STREQ(got, want, "late village: the exact list of what to fix");
	free(want);
	free(got);
	free(path);
out:
	assess_free(a);
	county_free(&c);
	free(root);
}

int
main(void)
{
	fixture_init();
	test_arithmetic();
	test_base_tree();
	test_no_records();
	test_year_end();
	test_late_and_complete();
	test_missing_result();
	test_demo_late_village();
	return t_done();
}
