/* facts.c: the key facts of a record as short Chinese text (facts.h),
 * written from the model's integers: money in fen, rates in permille. */
#include "channel/facts.h"

#include "assess/assess.h"

const char *
facts_title(const struct record *r)
{
	return r->title;
}

void
facts_yuan(int64_t fen, struct buf *out)
{
	char text[32];

	money_format(fen, text);
	buf_puts(out, text);
	buf_puts(out, "元");
}

void
facts_percent(int permille, struct buf *out)
{
	char digits[DECIMAL_SIZE];

	if (permille < 0)
		permille = 0;
	decimal_text(permille / 10, digits);
	buf_puts(out, digits);
	buf_putc(out, '.');
	buf_putc(out, (char)('0' + permille % 10));
	buf_putc(out, '%');
}

static void
put_int(struct buf *out, long long v)
{
	char digits[DECIMAL_SIZE];

	decimal_text(v, digits);
	buf_puts(out, digits);
}

static const struct stage *
resolve_stage(const struct decision *d)
{
	const struct stage *found = NULL;

	for (size_t i = 0; i < d->n_stages; i++)
		if (d->stages[i].step == STAGE_RESOLVE ||
		    (found == NULL && d->stages[i].step == STAGE_REVIEW))
			found = &d->stages[i];
	return found;
}

static void
figure_decision(const struct decision *d, bool brief, struct buf *out)
{
	const char *label = decision_outcome_label(d);
	const struct stage *s = resolve_stage(d);

	if (label == NULL)
		return;
	buf_puts(out, label);
	if (brief || s == NULL || !s->has_vote)
		return;
	buf_puts(out, "（到会");
	put_int(out, s->vote.present);
	buf_puts(out, "人，赞成");
	put_int(out, s->vote.votes_for);
	buf_puts(out, "票，反对");
	put_int(out, s->vote.against);
	buf_puts(out, "票，弃权");
	put_int(out, s->vote.abstain);
	buf_puts(out, "票）");
}

static void
figure_finance(const struct finance *f, bool brief, struct buf *out)
{
	if (!brief && f->period.kind != PERIOD_NONE) {
		period_cn(&f->period, out);
		buf_puts(out, "：");
	}
	buf_puts(out, "收入");
	facts_yuan(f->income_fen, out);
	buf_puts(out, "，支出");
	facts_yuan(f->expense_fen, out);
	if (!brief && (f->has_closing || f->sums_known)) {
		buf_puts(out, "，期末结余");
		facts_yuan(f->closing_fen, out);
	}
}

static void
figure_assistance(const struct assistance *a, bool brief, struct buf *out)
{
	long long members = assistance_members(a);

	if (!brief && a->program != NULL) {
		buf_puts(out, a->program);
		buf_puts(out, "：");
	}
	buf_puts(out, "共");
	put_int(out, (long long)a->n_people);
	buf_puts(out, "户");
	if (!brief && members > 0) {
		put_int(out, members);
		buf_puts(out, "人");
	}
	buf_puts(out, "，合计");
	facts_yuan(a->total_fen, out);
}

static void
figure_survey(const struct survey *s, struct buf *out)
{
	int rate = survey_rate_permille(s);

	put_int(out, s->respondents);
	buf_puts(out, "人参加");
	if (rate >= 0) {
		buf_puts(out, "，满意率");
		facts_percent(rate, out);
	}
}

void
facts_figure(const struct record *r, bool brief, struct buf *out)
{
	switch (r->type) {
	case RT_DECISION:
		figure_decision(&r->as.decision, brief, out);
		break;
	case RT_PROGRESS:
		buf_puts(out, "进度");
		put_int(out, r->as.progress.percent);
		buf_putc(out, '%');
		if (r->as.progress.has_spent) {
			buf_puts(out, "，已支出");
			facts_yuan(r->as.progress.spent_fen, out);
		}
		break;
	case RT_RESULT:
		if (r->as.result.outcome != NULL)
			buf_puts(out, r->as.result.outcome);
		if (r->as.result.has_spent && (!brief ||
		    r->as.result.outcome == NULL)) {
			if (r->as.result.outcome != NULL)
				buf_puts(out, "；");
			buf_puts(out, "支出");
			facts_yuan(r->as.result.spent_fen, out);
		}
		break;
	case RT_FINANCE:
		figure_finance(&r->as.finance, brief, out);
		break;
	case RT_ASSISTANCE:
		figure_assistance(&r->as.assistance, brief, out);
		break;
	case RT_SERVICE:
		if (r->as.service.time_limit != NULL) {
			buf_puts(out, "办理时限：");
			buf_puts(out, r->as.service.time_limit);
		}
		if (!brief && r->as.service.fee != NULL) {
			buf_puts(out, r->as.service.time_limit != NULL ? "；收费：" :
			    "收费：");
			buf_puts(out, r->as.service.fee);
		}
		break;
	case RT_SURVEY:
		figure_survey(&r->as.survey, out);
		break;
	case RT_NOTICE:
	case RT_TALK:
	case RT_COUNT:
		break;
	}
}

void
facts_period(const struct record *r, struct buf *out)
{
	if (r->publish_from == DATE_NONE || r->publish_to == DATE_NONE)
		return;
	date_cn_range(r->publish_from, r->publish_to, "至", out);
}
