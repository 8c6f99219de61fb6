/* rules_test.c: the rules of section 9 at their boundaries, checked through
 * the real loader on a small content tree. */
#include "t.h"
#include "fixture.h"

#include "check/check.h"

#define REC "fushui/wangjia/2026/11/test.md"

/* A decision with the given review and resolve votes. */
static char *
decision(int rev_present, int rev_for, const char *body, int total,
    int present, int votes_for, int against, int abstain, int households,
    const char *outcome)
{
	struct buf b = {0};

	buf_printf(&b, "---\ntype: decision\ntitle: 测试决策\ndate: 2026-11-02\n"
	    "power: p01\npublish: {from: 2026-11-03, to: 2026-11-12}\n"
	    "checked: {by: 张秀英, date: 2026-11-03}\nstages:\n"
	    "  - {step: propose, date: 2026-10-20}\n"
	    "  - {step: consult, date: 2026-10-22}\n"
	    "  - {step: review, date: 2026-10-26, total: 38, present: %d, "
	    "for: %d, against: 0, abstain: 0}\n"
	    "  - {step: resolve, date: 2026-11-02, body: %s, total: %d, "
	    "present: %d, for: %d, against: %d, abstain: %d", rev_present,
	    rev_for, body, total, present, votes_for, against, abstain);
	if (households >= 0)
		buf_printf(&b, ", households_present: %d", households);
	buf_puts(&b, "}\n");
	if (outcome != NULL)
		buf_printf(&b, "outcome: %s\n", outcome);
	buf_puts(&b, "---\n正文。\n");
	return buf_detach(&b);
}

static char *
check_text(const char *text)
{
	fixture_put(REC, text);
	char *d = fixture_check();
	fixture_put(REC, NULL);
	return d;
}

static char *
check_decision_votes(int rev_present, int rev_for, const char *body, int total,
    int present, int votes_for, int against, int abstain, int households,
    const char *outcome)
{
	char *text = decision(rev_present, rev_for, body, total, present,
	    votes_for, against, abstain, households, outcome);
	char *d = check_text(text);
	free(text);
	return d;
}

static void
test_fractions(void)
{
	struct fraction_rule two_thirds = {2, 3, false}, half = {1, 2, true};

	T_CHECK(rule_met(30, 45, two_thirds), "30 of 45 is two thirds");
	T_CHECK(!rule_met(29, 45, two_thirds), "29 of 45 is not");
	T_INTEQ(rule_minimum(45, two_thirds), 30, "two thirds of 45 needs 30");
	T_INTEQ(rule_minimum(38, two_thirds), 26, "two thirds of 38 needs 26");
	T_CHECK(!rule_met(18, 36, half), "18 of 36 is not more than half");
	T_CHECK(rule_met(19, 36, half), "19 of 36 is more than half");
	T_INTEQ(rule_minimum(36, half), 19, "more than half of 36 needs 19");
	T_INTEQ(rule_minimum(1180, half), 591, "more than half of 1180 is 591");
}

static void
test_representatives(void)
{
	char *d;

	d = check_decision_votes(31, 29, "representatives", 45, 30, 20, 5, 5,
	    -1, "adopted");
	T_STREQ(d, "", "representatives: exactly two thirds present passes");
	free(d);
	d = check_decision_votes(31, 29, "representatives", 45, 29, 20, 5, 4,
	    -1, NULL);
	T_CHECK(has_line(d, REC ":12:5: error: quorum not met at the villagers' "
	    "representatives' meeting", "29 of 45 present, at least two thirds "
	    "(30) required"), "representatives: one fewer fails");
	free(d);
	d = check_decision_votes(31, 29, "representatives", 45, 36, 18, 10, 8,
	    -1, "rejected");
	T_STREQ(d, "", "representatives: 18 for of 36 present is rejected");
	free(d);
	d = check_decision_votes(31, 29, "representatives", 45, 36, 18, 10, 8,
	    -1, "adopted");
	T_CHECK(has_line(d, "outcome is 'adopted', but the vote of the villagers' representatives' meeting (resolve) says 'rejected'",
	    "18 for of 36 present, more than half (19) needed"),
	    "a stated outcome must match the vote");
	free(d);
	d = check_decision_votes(31, 29, "representatives", 45, 36, 19, 10, 7,
	    -1, "adopted");
	T_STREQ(d, "", "representatives: 19 for of 36 is adopted");
	free(d);
}

static void
test_review(void)
{
	char *d;

	d = check_decision_votes(26, 20, "representatives", 45, 36, 33, 2, 1,
	    -1, NULL);
	T_STREQ(d, "", "party members: 26 of 38 present and 20 for pass");
	free(d);
	d = check_decision_votes(25, 20, "representatives", 45, 36, 33, 2, 1,
	    -1, NULL);
	T_CHECK(has_line(d, "quorum not met at the party members' meeting",
	    "25 of 38 present, at least two thirds (26) required"),
	    "party members: 25 of 38 fails");
	free(d);
	d = check_decision_votes(30, 19, "representatives", 45, 36, 33, 2, 1,
	    -1, NULL);
	T_CHECK(has_line(d, "did not pass the matter (19 for of 38 members",
	    "so it cannot go to a resolve"),
	    "party members: 19 for of 38 (half) fails the review");
	free(d);
}

static void
test_assembly(void)
{
	char *d;

	d = check_decision_votes(31, 29, "assembly", 1180, 591, 400, 100, 50,
	    -1, "adopted");
	T_STREQ(d, "", "assembly: 591 of 1180 adults is more than half");
	free(d);
	d = check_decision_votes(31, 29, "assembly", 1180, 590, 400, 100, 50,
	    -1, NULL);
	T_CHECK(has_line(d, "quorum not met at the villagers' assembly",
	    "590 of 1180 adults present, more than half (591) required"),
	    "assembly: exactly half of the adults fails");
	free(d);
	d = check_decision_votes(31, 29, "assembly", 1180, 300, 200, 50, 50,
	    275, "adopted");
	T_STREQ(d, "", "assembly: 275 of 412 households is two thirds");
	free(d);
	d = check_decision_votes(31, 29, "assembly", 1180, 300, 200, 50, 50,
	    274, NULL);
	T_CHECK(has_line(d, "274 of 412 households represented, at least two thirds (275)",
	    NULL), "assembly: 274 of 412 households fails");
	free(d);
}

static void
test_counts(void)
{
	char *d;

	d = check_decision_votes(31, 29, "representatives", 45, 36, 30, 5, 2,
	    -1, NULL);
	T_CHECK(has_line(d, "for + against + abstain (30 + 5 + 2 = 37) is more "
	    "than present (36)", NULL), "votes cast cannot exceed present");
	free(d);
	d = check_decision_votes(31, 29, "representatives", 45, 46, 40, 0, 0,
	    -1, NULL);
	T_CHECK(has_line(d, "present (46) is more than total (45)", NULL),
	    "present cannot exceed total");
	free(d);
}

static void
test_quorum_override(void)
{
	char *d;
	const char *site = "name: 示范县\nbase_url: https://shifan.example/\n"
	    "hotline: 0914-0000100\nquorum: {representatives: 3/4}\n";

	fixture_put("site.yaml", site);
	d = check_decision_votes(31, 29, "representatives", 45, 34, 30, 2, 2,
	    -1, NULL);
	T_STREQ(d, "", "override 3/4: 34 of 45 passes");
	free(d);
	d = check_decision_votes(31, 29, "representatives", 45, 33, 30, 2, 1,
	    -1, NULL);
	T_CHECK(has_line(d, "33 of 45 present, at least 3/4 (34) required", NULL),
	    "override 3/4: 33 of 45 fails though it is two thirds");
	free(d);
	fixture_put("site.yaml", "name: 示范县\nbase_url: https://shifan.example/\n"
	    "hotline: 0914-0000100\nquorum: {representatives: \">1/2\"}\n"
	    "majority: {representatives: 2/3}\n");
	d = check_decision_votes(31, 29, "representatives", 45, 23, 16, 5, 2,
	    -1, "adopted");
	T_STREQ(d, "", "override >1/2 present and 2/3 majority: 23 and 16 pass");
	free(d);
	d = check_decision_votes(31, 29, "representatives", 45, 23, 15, 5, 3,
	    -1, "adopted");
	T_CHECK(has_line(d, "15 for of 23 present, at least two thirds (16)",
	    NULL), "override 2/3 majority: 15 of 23 is rejected");
	free(d);
	fixture_put("site.yaml", "name: 示范县\nbase_url: https://shifan.example/\n"
	    "hotline: 0914-0000100\nquorum: {representatives: two thirds}\n");
	d = check_text("---\ntype: notice\ntitle: 通知\ndate: 2026-11-20\n---\n");
	T_CHECK(has_line(d, "site.yaml:4:27: error: 'representatives' must be a "
	    "fraction", NULL), "a quorum override must be a fraction");
	free(d);
	char *base = NULL;
	size_t len;
	char *path = path_join(getenv("NB_ROOT") ? getenv("NB_ROOT") : ".",
	    "tests/invalid/_base/site.yaml");
	file_read(path, 1 << 20, &base, &len);
	fixture_put("site.yaml", base);
	free(base);
	free(path);
}

static void
test_stages(void)
{
	char *d;
	const char *head = "---\ntype: decision\ntitle: 测试\ndate: 2026-11-02\n"
	    "power: p01\npublish: {from: 2026-11-03, to: 2026-11-12}\n"
	    "checked: {by: 张秀英, date: 2026-11-03}\n";
	struct buf b = {0};

	buf_printf(&b, "%sstages:\n"
	    "  - {step: propose, date: 2026-10-20}\n"
	    "  - {step: review, date: 2026-10-26, total: 38, present: 31, for: 29, "
	    "against: 1, abstain: 1}\n"
	    "  - {step: consult, date: 2026-10-22}\n"
	    "  - {step: resolve, date: 2026-11-02, body: representatives, total: "
	    "45, present: 36, for: 33, against: 2, abstain: 1}\n---\n", head);
	d = check_text(b.data);
	T_CHECK(has_line(d, REC ":11:5: error: stage 'consult' must come before "
	    "'review'", NULL), "stages out of order");
	free(d);
	buf_reset(&b);
	buf_printf(&b, "%sstages:\n"
	    "  - {step: propose, date: 2026-10-20}\n"
	    "  - {step: review, date: 2026-10-26, total: 38, present: 31, for: 29, "
	    "against: 1, abstain: 1}\n"
	    "  - {step: resolve, date: 2026-11-02, body: representatives, total: "
	    "45, present: 36, for: 33, against: 2, abstain: 1}\n---\n", head);
	d = check_text(b.data);
	T_CHECK(has_line(d, REC ":8:1: error: the four-deliberation procedure "
	    "(四议) needs a 'consult' stage", NULL), "a missing stage");
	free(d);
	buf_reset(&b);
	buf_printf(&b, "%sstages:\n"
	    "  - {step: propose, date: 2026-10-20}\n"
	    "  - {step: consult, date: 2026-10-18}\n"
	    "  - {step: review, date: 2026-10-26, total: 38, present: 31, for: 29, "
	    "against: 1, abstain: 1}\n"
	    "  - {step: resolve, date: 2026-11-04, body: representatives, total: "
	    "45, present: 36, for: 33, against: 2, abstain: 1}\n---\n", head);
	d = check_text(b.data);
	T_CHECK(has_line(d, REC ":10:5: error: stage 'consult' is dated "
	    "2026-10-18, before the 'propose' stage (2026-10-20)", NULL),
	    "a stage dated before the one before it");
	T_CHECK(has_line(d, REC ":6:10: error: publication starts 2026-11-03, "
	    "before the resolution of 2026-11-04", NULL),
	    "publication before the resolution");
	free(d);
	buf_reset(&b);
	buf_printf(&b, "%sprocedure: one-matter\nstages:\n"
	    "  - {step: resolve, date: 2026-11-02, body: representatives, total: "
	    "45, present: 36, for: 33, against: 2, abstain: 1}\n---\n", head);
	d = check_text(b.data);
	T_STREQ(d, "", "one-matter needs only the resolve stage");
	free(d);
	buf_free(&b);
}

static void
test_finance(void)
{
	const char *fmt = "---\ntype: finance\ntitle: 财务\ndate: 2026-10-08\n"
	    "power: p15\nchecked: {by: 张秀英, date: 2026-10-08}\n"
	    "period: 2026-Q3\nopening: 100.10\nincome:\n"
	    "  - {item: 租金, amount: 0.20}\nexpense:\n"
	    "  - {item: 办公, amount: 0.05}\nclosing: %s\n---\n";
	char text[512];
	char *d;

	snprintf(text, sizeof text, fmt, "100.25");
	d = check_text(text);
	T_STREQ(d, "", "finance: 100.10 + 0.20 - 0.05 = 100.25 exactly");
	free(d);
	snprintf(text, sizeof text, fmt, "100.24");
	d = check_text(text);
	T_CHECK(has_line(d, REC ":13:10: error: closing 100.24 does not add up: "
	    "opening 100.10 + income 0.20 - expense 0.05 = 100.25 (0.01 yuan "
	    "off)", NULL), "finance: 0.01 yuan off fails");
	free(d);
}

static void
test_notice_period(void)
{
	const char *fmt = "---\ntype: notice\ntitle: 征地补偿\ndate: 2026-11-01\n"
	    "power: p19\npublish: {from: 2026-11-01, to: %s}\n---\n";
	char text[256];
	char *d;

	snprintf(text, sizeof text, fmt, "2026-11-15");
	d = check_text(text);
	T_STREQ(d, "", "notice period: 15 days for p19 passes");
	free(d);
	snprintf(text, sizeof text, fmt, "2026-11-14");
	d = check_text(text);
	T_CHECK(has_line(d, REC ":6:10: error: the notice period 2026-11-01 to "
	    "2026-11-14 is 14 days; p19 征地补偿款分配 requires at least 15 days",
	    NULL), "notice period: 14 days fails");
	free(d);
	d = check_text("---\ntype: notice\ntitle: 征地补偿\ndate: 2026-11-01\n"
	    "power: p19\n---\n");
	T_STREQ(d, "", "notice period: the default is the item's min_days");
	free(d);
	struct county c;
	fixture_put(REC, "---\ntype: notice\ntitle: 征地补偿\ndate: 2026-11-01\n"
	    "power: p19\n---\n");
	free(fixture_check_keep("2026-11-27", &c));
	const struct record *r = village_find_record(&c.towns[0].villages[1],
	    "test");
	char to[11];
	date_format(r ? r->publish_to : DATE_NONE, to);
	T_STREQ(to, "2026-11-15", "default publish.to = from + min_days - 1");
	county_free(&c);
	fixture_put(REC, NULL);
}

static void
test_overdue(void)
{
	const char *fin = "fushui/wangjia/2026/10/2026-10-08-finance-q3.md";
	char *saved = NULL, *path = path_join(fixture_root, fin);
	size_t len;
	char *d;

	file_read(path, 1 << 20, &saved, &len);
	fixture_put(fin, NULL);
	d = fixture_check();
	T_CHECK(has_line(d, "fushui/wangjia/village.yaml:1:1: warning: overdue: "
	    "no record of p15 村级财务公开 for 2026-Q3", NULL),
	    "overdue: a missing quarterly disclosure is a warning");
	T_CHECK(!has_line(d, "fushui/lijia", NULL),
	    "overdue: nothing is due of a village set up after the period");
	free(d);
	/* the same village without since: it has no records at all, and is
	 * the most overdue: reported like any other */
	fixture_put("fushui/lijia/village.yaml", "name: 李家村\n");
	d = fixture_check();
	T_CHECK(has_line(d, "fushui/lijia/village.yaml:1:1: warning: overdue: "
	    "no record of p15 村级财务公开 for 2026-Q3", NULL),
	    "overdue: a village with no records is reported item by item");
	free(d);
	fixture_put("fushui/lijia/village.yaml", "name: 李家村\nsince: 2026-10-01\n");
	/* a reminder talk on the item, in the quarter, is not its disclosure */
	fixture_put("fushui/wangjia/2026/09/talk-p15.md", "---\ntype: talk\n"
	    "title: 财务公开前提醒\ndate: 2026-09-10\npower: p15\nphase: before\n"
	    "role: secretary\nby: 镇纪委书记刘某某\n---\n提醒按时公开。\n");
	d = fixture_check();
	T_CHECK(has_line(d, "fushui/wangjia/village.yaml:1:1: warning: overdue: "
	    "no record of p15 村级财务公开 for 2026-Q3", NULL),
	    "overdue: a talk on the item does not meet its duty");
	free(d);
	fixture_put("fushui/wangjia/2026/09/talk-p15.md", NULL);
	fixture_put(fin, saved);
	d = fixture_check();
	T_CHECK(!has_line(d, "overdue", NULL), "overdue: the Q3 record meets it");
	free(d);
	/* in January the due quarter is the previous year's Q4 */
	d = fixture_check_keep("2027-01-10", NULL);
	T_CHECK(has_line(d, "for 2026-Q4", NULL),
	    "overdue: periods straddle the year end");
	free(d);
	fixture_put("fushui/wangjia/2027/01/q4.md", "---\ntype: finance\n"
	    "title: 四季度\ndate: 2027-01-05\npower: p15\n"
	    "checked: {by: 张秀英, date: 2027-01-05}\nperiod: 2026-Q4\n"
	    "opening: 0\n---\n");
	d = fixture_check_keep("2027-01-10", NULL);
	T_CHECK(!has_line(d, "fushui/wangjia/village.yaml:1:1: warning: overdue",
	    NULL), "overdue: a record dated in January with period 2026-Q4 counts");
	T_CHECK(has_line(d, "fushui/lijia/village.yaml:1:1: warning: overdue: "
	    "no record of p15 村级财务公开 for 2026-Q4", NULL),
	    "overdue: a village set up in October owes its first quarter");
	free(d);
	fixture_put("fushui/wangjia/2027/01/q4.md", NULL);
	free(saved);
	free(path);
}

static void
test_follows(void)
{
	char *d;

	d = check_text("---\ntype: result\ntitle: 结果\ndate: 2026-11-25\n"
	    "power: p01\nchecked: {by: 张秀英, date: 2026-11-25}\n"
	    "follows: 2026-11-20-road-progress\noutcome: 完工\n---\n");
	T_STREQ(d, "", "follows an earlier progress record");
	free(d);
	d = check_text("---\ntype: result\ntitle: 结果\ndate: 2026-11-25\n"
	    "power: p01\nchecked: {by: 张秀英, date: 2026-11-25}\n"
	    "follows: road-progress\noutcome: 完工\n---\n");
	T_CHECK(has_line(d, REC ":7:10: error: 'follows': no record "
	    "'road-progress' in this village", NULL), "follows an unknown record");
	free(d);
	d = check_text("---\ntype: result\ntitle: 结果\ndate: 2026-11-01\n"
	    "power: p01\nchecked: {by: 张秀英, date: 2026-11-01}\n"
	    "follows: 2026-11-20-road-progress\noutcome: 完工\n---\n");
	T_CHECK(has_line(d, "'2026-11-20-road-progress' is dated 2026-11-20, "
	    "after this record (2026-11-01)", NULL), "follows a later record");
	free(d);
	fixture_put("fushui/wangjia/2026/11/a.md", "---\ntype: notice\ntitle: A\n"
	    "date: 2026-11-20\nfollows: b\n---\n");
	fixture_put("fushui/wangjia/2026/11/b.md", "---\ntype: notice\ntitle: B\n"
	    "date: 2026-11-20\nfollows: a\n---\n");
	d = fixture_check();
	T_CHECK(has_line(d, "'follows' makes a loop", NULL),
	    "follows loops are found");
	free(d);
	fixture_put("fushui/wangjia/2026/11/a.md", NULL);
	fixture_put("fushui/wangjia/2026/11/b.md", NULL);
	struct county c;
	free(fixture_check_keep("2026-11-27", &c));
	const struct record *plan = village_find_record(&c.towns[0].villages[1],
	    "2026-11-02-road-plan");
	T_CHECK(plan != NULL && plan->n_followers == 1 &&
	    strcmp(plan->followers[0]->id, "2026-11-20-road-progress") == 0,
	    "follows is linked both ways");
	county_free(&c);
}

static void
test_typing(void)
{
	char *d;
	struct county c;

	fixture_put(REC, "---\ntype: progress\ntitle: NO\ndate: 2026-11-20\n"
	    "power: p01\nchecked: {by: 张秀英, date: 2026-11-20}\n"
	    "percent: 010\nspent: 0.5\n---\n");
	d = fixture_check_keep("2026-11-27", &c);
	T_STREQ(d, "", "NO and 010 are accepted");
	const struct record *r = village_find_record(&c.towns[0].villages[1],
	    "test");
	T_STREQ(r ? r->title : NULL, "NO", "NO stays the text NO");
	T_INTEQ(r ? r->as.progress.percent : -1, 10, "010 is ten, not eight");
	T_INTEQ(r ? r->as.progress.spent_fen : -1, 50, "0.5 yuan is 50 fen");
	county_free(&c);
	free(d);
	d = check_text("---\ntype: progress\ntitel: 进度\ndate: 2026-11-20\n"
	    "power: p01\npercent: 10\n---\n");
	T_CHECK(has_line(d, REC ":3:1: error: unknown key 'titel' in a progress "
	    "record; did you mean 'title'?", NULL), "did-you-mean on keys");
	free(d);
	d = check_text("---\ntype: progress\ntitle: 进度\ndate: 2026-11-20\n"
	    "power: p01\npercent: 10\ndraft: yes\n---\n");
	T_CHECK(has_line(d, REC ":7:8: error: 'draft' must be true or false "
	    "(是 or 否), not 'yes'", NULL), "yes is not a boolean");
	free(d);
}

int
main(void)
{
	fixture_init();
	test_fractions();
	test_representatives();
	test_review();
	test_assembly();
	test_counts();
	test_quorum_override();
	test_stages();
	test_finance();
	test_notice_period();
	test_overdue();
	test_follows();
	test_typing();
	return t_done();
}
