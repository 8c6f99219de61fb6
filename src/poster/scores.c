/* scores.c: the assessment posters for the leadership groups of the county
 * and of each town: the formula, the averages, the ranking, what the
 * villages at the bottom must fix, and who does not publish yet. */
#include <stdio.h>
#include <string.h>

#include "assess/assess.h"
#include "poster/doc.h"

/* The villages at the bottom of the ranking whose issues are listed in
 * full on the county's poster (and every village graded 差). */
#define BOTTOM_LISTED 3

/* "96.7 优", or "—" when nothing applies. */
static const char *
score_str(struct doc *d, int permille)
{
	char text[16];

	if (permille < 0)
		return "—";
	permille_format(permille, text);
	return arena_printf(d->arena, "%s %s", text, assess_grade_label(assess_grade(permille)));
}

/* A numbered section: 一、计分办法 */
static struct block *
section(struct doc *d, int *number, const char *name)
{
	static const char *const nums[] = {"一", "二", "三", "四", "五", "六"};
	const char *num = *number < (int)NB_COUNT(nums) ? nums[*number] : "";
	(*number)++;
	return compose_heading(d, arena_printf(d->arena, "%s、%s", num, name));
}

static bool
in_scope(const struct village_assessment *va, const struct town *town)
{
	return town == NULL || va->village->town == town;
}

/* ---- 一、计分办法 ---- */

struct counts {
	struct share timely, periods, decisions, signed_off, talked;
	int surveyed, assessed;
};

static struct counts
counts_of(const struct county_assessment *a, const struct town *town)
{
	struct counts c = {0};

	for (size_t i = 0; i < a->n_villages; i++) {
		const struct village_assessment *va = &a->villages[i];
		if (!va->assessed || !in_scope(va, town))
			continue;
		c.timely = share_add(c.timely, va->timely);
		c.periods = share_add(c.periods, va->periods);
		c.decisions = share_add(c.decisions, va->decisions);
		c.signed_off = share_add(c.signed_off, va->signed_off);
		c.talked = share_add(c.talked, va->talked);
		c.surveyed += va->survey_rate >= 0;
		c.assessed++;
	}
	return c;
}

static void
compose_method(struct doc *d, int *number, const struct county_assessment *a,
    const struct town *town)
{
	static const double frac[] = {.11, .08, .55, .26};
	static const int align[] = {1, 1, 0, 0};
	const char *head[] = {"指标", "权重", "怎样计算",
		town != NULL ? "本镇参加考核的村合计" : "全县参加考核的村合计"};
	struct counts c = counts_of(a, town);
	struct buf b = {0};
	const char *cells[4];

	section(d, number, "计分办法")->space_before = 0;
	buf_puts(&b, "总分 =");
	for (int k = 0; k < ASSESS_METRIC_COUNT; k++)
		buf_printf(&b, "%s%d%% × %s", k ? " + " : " ",
		    assess_metric_weight(k), assess_metric_label(k));
	struct block *f = doc_text(d, TR_LEAD, b.data);
	f->space_before = MM(4);
	buf_reset(&b);
	struct block *g = doc_text(d, TR_BODY, "满分 100 分；90 分及以上为“优”，"
	    "75 分及以上为“良”，60 分及以上为“中”，不足 60 分为“差”；某项没有"
	    "可考核的内容记“—”，其余各项按权重折算。");
	g->space_before = MM(2);

	struct table *t = doc_table(d, 4, frac, align, "计分办法", head);
	t->header->space_before = MM(4);
	for (int k = 0; k < ASSESS_METRIC_COUNT; k++) {
		cells[0] = assess_metric_label(k);
		cells[1] = arena_printf(d->arena, "%d%%", assess_metric_weight(k));
		switch ((enum assess_metric)k) {
		case METRIC_TIMELINESS:
			cells[2] = arena_printf(d->arena, "有公开时限的记录中，按时开始"
			    "公示、公示天数也够的所占比例（时限按权力清单；定期公开的"
			    "没有写明的，为每期结束后 %d 天内）", ASSESS_DEFAULT_DUE_DAYS);
			cells[3] = arena_printf(d->arena, "按时公开 %d / %d 条",
			    c.timely.num, c.timely.den);
			break;
		case METRIC_COMPLETENESS:
			cells[2] = arena_printf(d->arena, "近一年应定期公开的各期中按期"
			    "公开的，加上通过的决议中已公开实施结果或近 %d 天内公开过"
			    "进度的，占两者总数的比例", ASSESS_PROGRESS_WINDOW);
			cells[3] = arena_printf(d->arena, "按期公开 %d / %d 期；决议"
			    "公开结果或进度 %d / %d 项", c.periods.num, c.periods.den,
			    c.decisions.num, c.decisions.den);
			break;
		case METRIC_SUPERVISION:
			cells[2] = arena_printf(d->arena, "决策和结果记录中经村务监督"
			    "委员会审核签字的，加上使用权力前 %d 天内有事前提醒谈话的，"
			    "占两者总数的比例", ASSESS_TALK_WINDOW);
			cells[3] = arena_printf(d->arena, "审核签字 %d / %d 条；事前"
			    "谈话 %d / %d 次", c.signed_off.num, c.signed_off.den,
			    c.talked.num, c.talked.den);
			break;
		case METRIC_SATISFACTION:
			cells[2] = arena_printf(d->arena, "近 %d 天内最近一次群众满意度"
			    "测评中“非常满意”和“满意”占全部答卷的比例；没有测评的记 0 分",
			    ASSESS_SURVEY_WINDOW);
			cells[3] = arena_printf(d->arena, "开展测评 %d / %d 个村",
			    c.surveyed, c.assessed);
			break;
		}
		doc_row(d, t, 0, cells);
	}
	buf_free(&b);
}

/* ---- 二、平均和各村排名 ---- */

/* An average as a row of the ranking, above the villages: each village
 * reads against it. */
static void
average_row(struct doc *d, struct table *t, bool county_table,
    const char *label, const struct scores *s, size_t n_assessed)
{
	const char *cells[8];
	int k = 0;

	cells[k++] = "";
	cells[k++] = label;
	if (county_table)
		cells[k++] = arena_printf(d->arena, "%zu 个村", n_assessed);
	for (int m = 0; m < ASSESS_METRIC_COUNT; m++)
		cells[k++] = score_str(d, assess_metric_value(s, m));
	cells[k++] = score_str(d, s->total);
	doc_row(d, t, ROW_TOTAL, cells);
}


static void
compose_ranking(struct doc *d, int *number, const struct county_assessment *a,
    const struct town_assessment *ta)
{
	const struct town *town = ta != NULL ? ta->town : NULL;
	static const double county_frac[] = {.07, .12, .13, .13, .13, .13, .13,
		.16};
	static const int county_align[] = {1, 1, 1, 1, 1, 1, 1, 1};
	static const double town_frac[] = {.10, .16, .14, .14, .14, .14, .18};
	const char *head[8];
	int n_cols = 0;
	size_t ranked = 0;

	section(d, number, town != NULL ? "本镇平均和各村排名" :
	    "全县平均和各村排名");
	for (size_t i = 0; i < a->n_assessed; i++)
		ranked += in_scope(a->ranking[i], town);
	if (ranked == 0) {
		doc_text(d, TR_BODY, town != NULL ? "本镇还没有村参加考核。" :
		    "还没有村参加考核。")->space_before = MM(4);
		return;
	}
	head[n_cols++] = town != NULL ? "全县名次" : "名次";
	if (town == NULL)
		head[n_cols++] = "乡镇";
	head[n_cols++] = "村";
	for (int m = 0; m < ASSESS_METRIC_COUNT; m++)
		head[n_cols++] = assess_metric_label(m);
	head[n_cols++] = "总分";
	struct table *t = doc_table(d, n_cols, town != NULL ? town_frac :
	    county_frac, county_align, "各村排名", head);
	t->header->space_before = MM(3);
	if (ta != NULL)
		average_row(d, t, false, "本镇平均", &ta->scores, ta->n_assessed);
	average_row(d, t, town == NULL, "全县平均", &a->scores, a->n_assessed);
	for (size_t i = 0; i < a->n_assessed; i++) {
		const struct village_assessment *va = a->ranking[i];
		const char *cells[8];
		int k = 0;
		if (!in_scope(va, town))
			continue;
		cells[k++] = arena_printf(d->arena, "%d", va->rank);
		if (town == NULL)
			cells[k++] = va->village->town->name;
		cells[k++] = va->village->name;
		for (int m = 0; m < ASSESS_METRIC_COUNT; m++)
			cells[k++] = score_str(d, assess_metric_value(&va->scores,
			    m));
		cells[k++] = score_str(d, va->scores.total);
		doc_row(d, t, 0, cells);
	}
}

/* ---- 四、需整改 ---- */

static void
compose_fixes_of(struct doc *d, const struct village_assessment *va,
    bool county)
{
	size_t counts[ISSUE_KIND_COUNT] = {0};
	struct buf b = {0};
	char total[16];

	buf_printf(&b, "第 %d 名　%s", va->rank, va->village->name);
	if (county)
		buf_printf(&b, "（%s）", va->village->town->name);
	/* its issues continued on a later sheet name it again */
	doc_section(d, b.data);
	struct block *t = doc_text(d, TR_RECORD, b.data);
	t->style = TS_RULED;
	t->space_before = MM(6);
	t->keep_with_next = true;
	buf_reset(&b);
	permille_format(va->scores.total, total);
	buf_printf(&b, "总分 %s（%s）　需整改 %zu 项", total,
	    assess_grade_label(assess_grade(va->scores.total)), va->n_issues);
	struct block *l = doc_text(d, TR_LEAD, b.data);
	l->space_before = MM(2);
	l->keep_with_next = true;
	buf_reset(&b);
	if (va->n_issues == 0) {
		doc_text(d, TR_BODY, "没有需整改的事项。")->space_before = MM(1.5);
		buf_free(&b);
		return;
	}
	for (size_t i = 0; i < va->n_issues; i++)
		counts[va->issues[i].kind]++;
	for (size_t k = 0; k < ISSUE_KIND_COUNT; k++)
		if (counts[k] > 0)
			buf_printf(&b, "%s%s %zu 项", b.len ? "；" : "",
			    issue_kind_label((enum issue_kind)k), counts[k]);
	struct block *kinds = doc_text(d, TR_META, b.data);
	kinds->space_before = MM(1.5);
	kinds->keep_with_next = true;
	buf_reset(&b);
	for (size_t i = 0; i < va->n_issues; i++) {
		issue_describe(&va->issues[i], &b);
		compose_item(d, TR_BODY, arena_printf(d->arena, "%zu. ", i + 1),
		    b.data, 0);
		buf_reset(&b);
	}
	buf_free(&b);
}

/* The county's poster lists the last BOTTOM_LISTED of the ranking and
 * every village graded 差; a town's, every village of the town with
 * something to fix. In the ranking's order: the worst comes last. */
static bool
fix_listed(const struct county_assessment *a, size_t i,
    const struct town *town)
{
	const struct village_assessment *va = a->ranking[i];

	if (town != NULL)
		return in_scope(va, town) && va->n_issues > 0;
	return i + BOTTOM_LISTED >= a->n_assessed || va->scores.total < 600;
}

static void
compose_fixes(struct doc *d, int *number, const struct county_assessment *a,
    const struct town *town)
{
	size_t listed = 0;

	for (size_t i = 0; i < a->n_assessed && listed == 0; i++)
		listed += fix_listed(a, i, town);
	if (listed == 0)
		return;
	section(d, number, "需整改");
	struct block *n = doc_text(d, TR_BODY, town != NULL ?
	    "本镇参加考核的村中有需整改事项的，列出全部事项，按期限先后排列。" :
	    arena_printf(d->arena, "总分最后 %d 名和评为“差”的村，列出全部需整改"
	    "事项，按期限先后排列。", BOTTOM_LISTED));
	n->space_before = MM(4);
	n->keep_with_next = true;
	for (size_t i = 0; i < a->n_assessed; i++)
		if (fix_listed(a, i, town))
			compose_fixes_of(d, a->ranking[i], town == NULL);
}

/* ---- 五、暂不参加考核的村 (set up too recently) ---- */

static void
compose_idle(struct doc *d, int *number, const struct county_assessment *a,
    const struct town_assessment *ta)
{
	static const double frac[] = {.31, .23, .23, .23};
	static const int align[] = {1, 1, 1, 1};
	static const char *const head[] = {"乡镇", "村数", "参加考核",
		"暂不参加"};
	size_t idle = a->n_villages - a->n_assessed;
	struct buf b = {0};

	if (idle == 0)
		return;
	if (ta != NULL) {
		idle = ta->n_villages - ta->n_assessed;
		if (idle == 0)
			return;
		section(d, number, "暂不参加考核的村");
		for (size_t i = 0; i < ta->n_villages; i++)
			if (!ta->villages[i].assessed) {
				buf_puts(&b, b.len ? "、" : "");
				const struct village *v = ta->villages[i].village;
				compose_joined(&b, v->name);
				if (v->since != DATE_NONE) {
					char since[DATE_CN_SIZE];
					date_cn_text(v->since, since);
					buf_printf(&b, "（%s设立）", since);
				}
			}
		struct block *l = compose_labelled(d, TR_BODY, arena_printf(d->arena,
		    "本镇 %zu 个村新设立，还没有到期应公开的事项，暂不参加考核", idle), b.data);
		l->space_before = MM(4);
		buf_free(&b);
		return;
	}
	section(d, number, "暂不参加考核的村");
	struct block *n = doc_text(d, TR_BODY, arena_printf(d->arena, "全县 %zu "
	    "个村新设立，还没有到期应公开的事项，暂不参加考核和排名。各镇的村数如下：", idle));
	n->space_before = MM(4);
	n->keep_with_next = true;
	struct table *t = doc_table(d, 4, frac, align, "暂不参加考核的村", head);
	t->header->space_before = MM(3);
	for (size_t i = 0; i < a->n_towns; i++) {
		const struct town_assessment *tw = &a->towns[i];
		const char *cells[4] = {tw->town->name,
			arena_printf(d->arena, "%zu", tw->n_villages),
			arena_printf(d->arena, "%zu", tw->n_assessed),
			arena_printf(d->arena, "%zu", tw->n_villages - tw->n_assessed)};
		doc_row(d, t, 0, cells);
	}
	const char *total[4] = {"合计", arena_printf(d->arena, "%zu",
		a->n_villages), arena_printf(d->arena, "%zu", a->n_assessed),
		arena_printf(d->arena, "%zu", idle)};
	doc_row(d, t, ROW_TOTAL, total);
}

/* ---- the poster ---- */

int
compose_assessment(struct doc *d, struct buf *err)
{
	const struct county *c = d->county;
	const struct town *town = d->spec->town;
	const struct county_assessment *a = d->spec->assessment;
	const struct town_assessment *ta = NULL;
	struct buf b = {0};
	char date[DATE_CN_SIZE];

	for (size_t i = 0; i < a->n_towns && town != NULL; i++)
		if (a->towns[i].town == town)
			ta = &a->towns[i];
	date_cn_text(a->date, date);
	size_t n_villages = ta != NULL ? ta->n_villages : a->n_villages;
	size_t n_assessed = ta != NULL ? ta->n_assessed : a->n_assessed;
	if (ta != NULL) {
		d->title = arena_printf(d->arena, "%s村务公开考核", town->name);
		d->meta_title = arena_printf(d->arena, "%s%s村务公开考核 %s",
		    c->site.name, town->name, date);
		buf_printf(&b, "%s　考核日期：", c->site.name);
	} else {
		d->title = arena_printf(d->arena, "%s村务公开考核", c->site.name);
		d->meta_title = arena_printf(d->arena, "%s村务公开考核 %s",
		    c->site.name, date);
		buf_puts(&b, "考核日期：");
	}
	compose_date(&b, a->date, true);
	buf_printf(&b, "\n%s %zu 个村：%zu 个村参加考核",
	    ta != NULL ? "本镇" : arena_printf(d->arena, "全县 %zu 个镇",
	    a->n_towns), n_villages, n_assessed);
	if (n_assessed < n_villages)
		buf_printf(&b, "，%zu 个村新设立、暂不参加", n_villages - n_assessed);
	d->subtitle.text = arena_strdup(d->arena, b.data);
	buf_free(&b);
	d->hotline = c->site.hotline;
	if (town != NULL && town->phone != NULL)
		d->phone_line = arena_printf(d->arena, "%s人民政府：%s", town->name,
		    town->phone);

	int number = 0;
	compose_method(d, &number, a, town);
	compose_ranking(d, &number, a, ta);
	compose_fixes(d, &number, a, town);
	compose_idle(d, &number, a, ta);
	return compose_qr(d, town != NULL ? arena_printf(d->arena,
	    "%s%s/assessment.html", c->site.base_url, town->id) :
	    arena_printf(d->arena, "%sassessment/", c->site.base_url), err);
}
