/* rules.c: stage order, quorum and majority, notice periods, finance sums,
 * references between records and overdue recurring disclosures. Messages
 * give the numbers that decided, so that a clerk sees what to correct. */
#include "check/check.h"
#include "util/i18n.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "load/schema.h"
#include "util/util.h"

bool
rule_met(int64_t value, int64_t base, struct fraction_rule rule)
{
	/* value/base compared with num/den, in integers */
	int64_t lhs = value * rule.den, rhs = base * rule.num;
	return rule.strict ? lhs > rhs : lhs >= rhs;
}

int64_t
rule_minimum(int64_t base, struct fraction_rule rule)
{
	int64_t product = base * rule.num;

	if (rule.strict)
		return product / rule.den + 1;
	return (product + rule.den - 1) / rule.den;
}

static void
describe_rule(struct buf *b, struct fraction_rule rule)
{
	if (rule.num * 2 == rule.den)
		buf_puts(b, rule.strict ? _("more than half") : _("at least half"));
	else if (rule.num * 3 == rule.den * 2)
		buf_puts(b, rule.strict ? _("more than two thirds") :
		    _("at least two thirds"));
	else
		buf_printf(b, rule.strict ? _("more than %d/%d") :
		    _("at least %d/%d"), rule.num, rule.den);
}

/* A stage's name in the user's language, for a message. */
static const char *
stage_word(enum stage_step s)
{
	return _(stage_step_name(s));
}

static const struct pos *
or_pos(const struct pos *p, const struct pos *fallback)
{
	return p->path != NULL ? p : fallback;
}

/* ---- rule 1 and 2: decisions ---- */

static bool
check_quorum(const struct stage *st, const char *who, int64_t present,
    int64_t base, struct fraction_rule rule)
{
	struct buf how = {0};
	bool ok = rule_met(present, base, rule);

	if (!ok) {
		describe_rule(&how, rule);
		/* TRANSLATORS: the meeting; present, of how many; the rule
		 * ("at least two thirds") and the least number it asks for */
		diag_error(&st->pos, "quorum not met at the %s: %" PRId64 " of %"
		    PRId64 " present, %s (%" PRId64 ") required", _(who), present,
		    base, how.data, rule_minimum(base, rule));
	}
	buf_free(&how);
	return ok;
}

/* A villagers' assembly is quorate with more than half of the adults
 * present OR representatives of at least two thirds of the households
 * (Organic Law art. 22, "或者"): either test suffices, and the error, when
 * both fail, gives the numbers of each test that could be made. */
static void
check_assembly_quorum(const struct stage *st, const struct village *village,
    const struct quorum_rules *q)
{
	const struct vote *v = &st->vote;
	bool adults = village != NULL && village->adults >= 0;
	bool households = v->households_present >= 0;
	bool households_known = village != NULL && village->households >= 0;
	struct buf why = {0};

	if (households && !households_known)
		diag_error(&st->pos, "the households quorum needs the village's "
		    "'households' in village.yaml");
	if (households && households_known &&
	    v->households_present > village->households) {
		/* present never exceeds total, for households as for votes */
		diag_error(&st->pos_households_present, "households_present (%d) "
		    "is more than the village's households (%d in village.yaml)",
		    v->households_present, village->households);
		return;
	}
	if (!adults && !(households && households_known)) {
		if (!households)
			diag_error(&st->pos, "the assembly quorum needs the "
			    "village's 'adults' in village.yaml (or give "
			    "households_present)");
		return;
	}
	if (adults && rule_met(v->present, village->adults, q->assembly_present))
		return;
	if (households && households_known && rule_met(v->households_present,
	    village->households, q->assembly_households))
		return;
	if (adults) {
		buf_printf(&why, _("%d of %d adults present, "), v->present,
		    village->adults);
		describe_rule(&why, q->assembly_present);
		buf_printf(&why, _(" (%" PRId64 ") required"), rule_minimum(
		    village->adults, q->assembly_present));
	}
	if (households && households_known) {
		buf_puts(&why, adults ? _("; nor ") : "");
		buf_printf(&why, _("%d of %d households represented, "),
		    v->households_present, village->households);
		describe_rule(&why, q->assembly_households);
		buf_printf(&why, _(" (%" PRId64 ") required"), rule_minimum(
		    village->households, q->assembly_households));
	}
	diag_error(&st->pos, "quorum not met at the villagers' assembly "
	    "(村民会议): %s", why.data);
	buf_free(&why);
}

static void
check_vote_counts(const struct stage *st)
{
	const struct vote *v = &st->vote;
	long cast = (long)v->votes_for + v->against + v->abstain;

	if (v->present > v->total)
		diag_error(&st->pos, "present (%d) is more than total (%d)",
		    v->present, v->total);
	if (cast > v->present)
		diag_error(&st->pos, "for + against + abstain (%d + %d + %d = %ld) "
		    "is more than present (%d)", v->votes_for, v->against,
		    v->abstain, cast, v->present);
}

/* Checks one voting stage; returns whether the motion passed. */
static bool
check_vote(const struct site *site, const struct village *village,
    const struct stage *st)
{
	const struct quorum_rules *q = &site->quorum;
	const struct vote *v = &st->vote;
	struct fraction_rule majority;
	int64_t base;

	check_vote_counts(st);
	if (st->step == STAGE_REVIEW) {
		if (village != NULL && village->party_members >= 0 &&
		    v->total != village->party_members)
			diag_warning(&st->pos, "total (%d) differs from the "
			    "village's party_members (%d) in village.yaml",
			    v->total, village->party_members);
		check_quorum(st, N_("party members' meeting (党员大会)"),
		    v->present, v->total, q->party_present);
		majority = q->party_majority;
		base = v->total;          /* of all members */
	} else if (st->body == BODY_REPRESENTATIVES) {
		if (village != NULL && village->representatives >= 0 &&
		    v->total != village->representatives)
			diag_warning(&st->pos, "total (%d) differs from the "
			    "village's representatives (%d) in village.yaml",
			    v->total, village->representatives);
		check_quorum(st, N_("villagers' representatives' meeting "
		    "(村民代表会议)"), v->present, v->total,
		    q->representatives_present);
		majority = q->representatives_majority;
		base = v->present;        /* of those present */
	} else if (st->body == BODY_ASSEMBLY) {
		check_assembly_quorum(st, village, q);
		majority = q->assembly_majority;
		base = v->present;
	} else {
		return false;
	}
	return rule_met(v->votes_for, base, majority);
}

static void
describe_majority(struct buf *b, const struct site *site,
    const struct stage *st)
{
	const struct quorum_rules *q = &site->quorum;
	struct fraction_rule rule = st->step == STAGE_REVIEW ? q->party_majority :
	    st->body == BODY_ASSEMBLY ? q->assembly_majority :
	    q->representatives_majority;
	int64_t base = st->step == STAGE_REVIEW ? st->vote.total :
	    st->vote.present;

	buf_printf(b, st->step == STAGE_REVIEW ? _("%d for of %" PRId64
	    " members, ") : _("%d for of %" PRId64 " present, "),
	    st->vote.votes_for, base);
	describe_rule(b, rule);
	buf_printf(b, _(" (%" PRId64 ") needed"), rule_minimum(base, rule));
}

void
check_decision(const struct site *site, struct record *r)
{
	struct decision *d = &r->as.decision;
	const struct pos *stages_pos = or_pos(&d->stages_pos, &r->pos);
	const struct stage *by_step[STAGE_COUNT] = {0};
	const struct stage *prev = NULL;
	bool passed = true, voted = false;

	for (size_t i = 0; i < d->n_stages; i++) {
		const struct stage *st = &d->stages[i];
		if (st->step >= STAGE_COUNT)
			continue;
		if (by_step[st->step] != NULL) {
			diag_error(&st->pos, "stage '%s' is given twice (first at "
			    "line %d)", stage_word(st->step),
			    by_step[st->step]->pos.line);
			continue;
		}
		by_step[st->step] = st;
		if (prev != NULL && st->step < prev->step)
			diag_error(&st->pos, "stage '%s' must come before '%s': the "
			    "order is propose, consult, review, resolve",
			    stage_word(st->step), stage_word(prev->step));
		else if (prev != NULL && st->date != DATE_NONE &&
		    prev->date != DATE_NONE && st->date < prev->date) {
			char a[11], b[11];
			date_format(st->date, a);
			date_format(prev->date, b);
			diag_error(&st->pos, "stage '%s' is dated %s, before the "
			    "'%s' stage (%s)", stage_word(st->step), a,
			    stage_word(prev->step), b);
		}
		prev = st;
	}
	const struct stage *review = by_step[STAGE_REVIEW];
	const struct stage *resolve = by_step[STAGE_RESOLVE];
	/* the stage whose vote decided: the review when it failed (the matter
	 * ends there), else the resolve */
	const struct stage *decisive = NULL;
	bool review_failed = false;
	if (review != NULL && review->has_vote) {
		voted = true;
		decisive = review;
		if (!check_vote(site, r->village, review)) {
			passed = false;
			review_failed = true;
			if (resolve != NULL) {
				struct buf why = {0};
				describe_majority(&why, site, review);
				diag_error(&resolve->pos, "the party members' meeting "
				    "did not pass the matter (%s), so it cannot go to "
				    "a resolve", why.data);
				buf_free(&why);
			}
		}
	}
	if (resolve != NULL && resolve->has_vote) {
		voted = true;
		if (!review_failed)
			decisive = resolve;
		if (!check_vote(site, r->village, resolve))
			passed = false;
	}
	/* every stage of the procedure is recorded, but a matter the party
	 * members' meeting rejected ends there: it has no resolve stage */
	for (int s = 0; s < STAGE_COUNT; s++) {
		if (by_step[s] != NULL)
			continue;
		if (s == STAGE_RESOLVE && review_failed)
			continue;
		if (!d->one_matter)
			diag_error(stages_pos, "the four-deliberation procedure "
			    "(四议) needs a '%s' stage (%s); a matter decided by "
			    "一事一议 sets procedure: one-matter",
			    stage_word((enum stage_step)s),
			    stage_step_label((enum stage_step)s));
		else if (s == STAGE_RESOLVE)
			diag_error(stages_pos, "a one-matter decision (一事一议) "
			    "still records its vote: add a 'resolve' stage");
	}
	d->outcome = !voted ? OUTCOME_NONE : passed ? OUTCOME_ADOPTED :
	    OUTCOME_REJECTED;
	if (d->stated != OUTCOME_NONE && voted && d->stated != d->outcome) {
		struct buf why = {0};
		describe_majority(&why, site, decisive);
		diag_error(&d->outcome_pos, "outcome is '%s', but the vote of the "
		    "%s says '%s': %s", d->stated == OUTCOME_ADOPTED ?
		    _("adopted") : _("rejected"), decisive->step == STAGE_REVIEW ?
		    _("party members' meeting (review)") : decisive->body ==
		    BODY_ASSEMBLY ? _("villagers' assembly (resolve)") :
		    _("villagers' representatives' meeting (resolve)"),
		    d->outcome == OUTCOME_ADOPTED ? _("adopted") : _("rejected"),
		    why.data);
		buf_free(&why);
	}
	if (d->stated != OUTCOME_NONE && !voted)
		d->outcome = d->stated;
	if (resolve != NULL && resolve->date != DATE_NONE &&
	    r->publish_from != DATE_NONE && r->publish_from < resolve->date) {
		char a[11], b[11];
		date_format(r->publish_from, a);
		date_format(resolve->date, b);
		diag_error(&r->pos_publish, "publication starts %s, before the "
		    "resolution of %s: a decision is published after it is "
		    "resolved", a, b);
	}
	if (resolve == NULL && review_failed && review->date != DATE_NONE &&
	    r->publish_from != DATE_NONE && r->publish_from < review->date) {
		char a[11], b[11];
		date_format(r->publish_from, a);
		date_format(review->date, b);
		diag_error(&r->pos_publish, "publication starts %s, before the "
		    "party members' meeting of %s that rejected the matter", a,
		    b);
	}
}

/* ---- rule 3: notice periods ---- */

void
check_notice_period(const struct record *r)
{
	int min_days = r->power ? r->power->disclosure.min_days : 1;
	char a[11], b[11];

	if (r->publish_from == DATE_NONE || r->publish_to == DATE_NONE)
		return;
	date_format(r->publish_from, a);
	date_format(r->publish_to, b);
	if (r->publish_to < r->publish_from) {
		diag_error(&r->pos_publish, "the notice period ends (%s) before "
		    "it starts (%s)", b, a);
		return;
	}
	long days = (long)r->publish_to - r->publish_from + 1;
	if (days < min_days)
		diag_error(&r->pos_publish, "the notice period %s to %s is %ld "
		    "day%s; %s %s requires at least %d days", a, b, days,
		    days == 1 ? "" : "s", r->power->id, r->power->name, min_days);
}

/* ---- rule 4: finance ---- */

void
check_finance(const struct record *r)
{
	const struct finance *f = &r->as.finance;
	char open[32], in[32], out[32], want[32], got[32], diff[32];
	int64_t computed = f->opening_fen + f->income_fen - f->expense_fen;

	if (!f->has_closing || !f->sums_known || computed == f->closing_fen)
		return;
	money_format(f->opening_fen, open);
	money_format(f->income_fen, in);
	money_format(f->expense_fen, out);
	money_format(computed, want);
	money_format(f->closing_fen, got);
	money_format(f->closing_fen > computed ? f->closing_fen - computed :
	    computed - f->closing_fen, diff);
	diag_error(or_pos(&f->closing_pos, &r->pos), "closing %s does not add "
	    "up: opening %s + income %s - expense %s = %s (%s yuan off)", got,
	    open, in, out, want, diff);
}

/* ---- surveys ---- */

void
check_survey(const struct record *r)
{
	const struct survey *s = &r->as.survey;

	for (size_t i = 0; i < s->n_items; i++) {
		const struct survey_item *it = &s->items[i];
		long sum = (long)it->very_satisfied + it->satisfied + it->neutral +
		    it->dissatisfied;
		if (sum > s->respondents)
			diag_error(&it->pos, "the answers add up to %ld, more than "
			    "the %d respondents", sum, s->respondents);
		/* someone may leave a question blank: a warning, so that a
		 * miscount on the tally sheet is looked at, not a failed build */
		else if (sum < s->respondents)
			diag_warning(&it->pos, "question %zu ('%s') has %ld answers, "
			    "%ld fewer than the %d respondents: if that many left it "
			    "blank, this is right; otherwise correct its counts from "
			    "the tally sheet", i + 1, it->question ? it->question : "",
			    sum, (long)s->respondents - sum, s->respondents);
	}
}

/* ---- sign-off by the supervision committee ---- */

void
check_sign_off(const struct record *r)
{
	bool wanted = r->type == RT_DECISION || r->type == RT_PROGRESS ||
	    r->type == RT_RESULT || r->type == RT_FINANCE ||
	    r->type == RT_ASSISTANCE;

	if (r->draft || !wanted)
		return;
	if (!r->checked) {
		diag_warning(&r->pos, "not signed off: add checked: {by: ..., "
		    "date: ...} once the village supervision committee has "
		    "reviewed it");
		return;
	}
	if (r->publish_from != DATE_NONE && r->checked_date != DATE_NONE &&
	    r->checked_date > r->publish_from) {
		char a[11], b[11];
		date_format(r->checked_date, a);
		date_format(r->publish_from, b);
		diag_warning(&r->pos_checked, "signed off on %s, after "
		    "publication started (%s): the committee checks before "
		    "publication", a, b);
	}
}

/* ---- rule 6: references between records ---- */

static int
by_id_cmp(const void *a, const void *b)
{
	const struct record *x = *(const struct record *const *)a;
	const struct record *y = *(const struct record *const *)b;
	return strcmp(x->id, y->id);
}

static int
type_rank(enum record_type t)
{
	return t == RT_DECISION ? 0 : t == RT_PROGRESS ? 1 :
	    t == RT_RESULT ? 2 : -1;
}

static void
report_unknown_follows(const struct village *v, const struct record *r)
{
	const char **ids = xcalloc(v->n_records + 1, sizeof *ids);
	const char *hint;

	for (size_t i = 0; i < v->n_records; i++)
		ids[i] = v->records[i]->id;
	hint = strchr(r->follows_id, '/') != NULL ? NULL :
	    did_you_mean(r->follows_id, ids);
	if (v->level != LEVEL_VILLAGE)
		/* a level's records follow its own only */
		diag_error(&r->pos_follows, "'follows': no record '%s' among the "
		    "%s's own records: their records follow only each other",
		    r->follows_id, v->level == LEVEL_TOWN ? _("town") :
		    _("county"));
	else if (strchr(r->follows_id, '/') != NULL || strstr(r->follows_id, ".md"))
		diag_error(&r->pos_follows, "'follows': no record '%s' in this "
		    "village; give the record's id, its file name without "
		    "folders and without .md", r->follows_id);
	else if (hint != NULL)
		diag_error(&r->pos_follows, "'follows': no record '%s' in this "
		    "village; did you mean '%s'?", r->follows_id, hint);
	else
		diag_error(&r->pos_follows, "'follows': no record '%s' in this "
		    "village", r->follows_id);
	free(ids);
}

void
check_follows(struct village *v)
{
	struct record **sorted;
	size_t n = v->n_records;

	if (n == 0)
		return;
	sorted = xmalloc(n * sizeof *sorted);
	memcpy(sorted, v->records, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, by_id_cmp);
	for (size_t i = 1; i < n; i++) {
		if (strcmp(sorted[i]->id, sorted[i - 1]->id) != 0)
			continue;
		if (v->level == LEVEL_VILLAGE)
			diag_error(&sorted[i]->pos, "record id '%s' is used twice in "
			    "this village (also %s): file names must differ",
			    sorted[i]->id, sorted[i - 1]->path);
		else
			diag_error(&sorted[i]->pos, "record id '%s' is used twice "
			    "among the %s's own records (also %s): file names must "
			    "differ", sorted[i]->id, v->level == LEVEL_TOWN ?
			    _("town") : _("county"), sorted[i - 1]->path);
	}

	size_t *n_followers = xcalloc(n, sizeof *n_followers);
	for (size_t i = 0; i < n; i++) {
		struct record *r = v->records[i];
		struct record key = {.id = r->follows_id}, *kp = &key;
		if (r->follows_id == NULL)
			continue;
		struct record **found = bsearch(&kp, sorted, n, sizeof *sorted,
		    by_id_cmp);
		if (found == NULL) {
			bool broken = false;
			for (size_t b = 0; b < v->n_broken; b++)
				broken |= strcmp(v->broken_ids[b], r->follows_id) == 0;
			if (!broken)
				report_unknown_follows(v, r);
			continue;
		}
		const struct record *f = *found;
		if (f == r) {
			diag_error(&r->pos_follows, "'follows': a record cannot "
			    "follow itself");
			continue;
		}
		if (f->date != DATE_NONE && r->date != DATE_NONE &&
		    f->date > r->date) {
			char a[11], b[11];
			date_format(f->date, a);
			date_format(r->date, b);
			diag_error(&r->pos_follows, "'follows': '%s' is dated %s, "
			    "after this record (%s); a record follows an earlier "
			    "one", f->id, a, b);
			continue;
		}
		if (type_rank(r->type) >= 0 && type_rank(f->type) >
		    type_rank(r->type))
			diag_warning(&r->pos_follows, "'follows': a %s record "
			    "follows a %s record; the chain runs decision, "
			    "progress, result", _(record_type_name(r->type)),
			    _(record_type_name(f->type)));
		if (f->draft && !r->draft)
			diag_warning(&r->pos_follows, "'follows': '%s' is a draft "
			    "and is not published", f->id);
		r->follows = f;
	}
	/* a chain of equal dates could still loop */
	for (size_t i = 0; i < n; i++) {
		const struct record *slow = v->records[i], *fast = slow;
		while (fast != NULL && fast->follows != NULL) {
			slow = slow->follows;
			fast = fast->follows->follows;
			if (fast != NULL && fast == slow) {
				diag_error(&v->records[i]->pos_follows, "'follows' "
				    "makes a loop: a chain of records must end");
				v->records[i]->follows = NULL;
				break;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct record *f = v->records[i]->follows;
		if (f != NULL)
			for (size_t k = 0; k < n; k++)
				if (v->records[k] == f)
					n_followers[k]++;
	}
	for (size_t k = 0; k < n; k++) {
		struct record *target = v->records[k];
		if (n_followers[k] == 0)
			continue;
		target->followers = arena_alloc(v->arena,
		    n_followers[k] * sizeof *target->followers);
	}
	for (size_t i = 0; i < n; i++) {
		struct record *r = v->records[i];
		if (r->follows == NULL)
			continue;
		struct record *target = (struct record *)r->follows;
		target->followers[target->n_followers++] = r;
	}
	free(n_followers);
	free(sorted);
}

/* ---- rule 7: recurring disclosures ---- */

bool
record_covers_period(const struct record *r, const struct period *p)
{
	const struct period *own = record_own_period(r);

	/* a reminder talk or a service guide names the item it is about, but
	 * it is not the disclosure the item owes */
	if (r->type == RT_TALK || r->type == RT_SERVICE)
		return false;

	if (own != NULL)
		return own->first >= p->first && own->last <= p->last;
	return r->date != DATE_NONE && r->date >= p->first && r->date <= p->last;
}

void
check_overdue(const struct county *county, const struct village *v)
{
	const struct catalog *cat = &county->catalog;

	/* a village that has published nothing at all is the most overdue:
	 * it is reported item by item like any other */
	if (county->today == DATE_NONE)
		return;
	for (size_t d = 0; d < cat->n_domains; d++) {
		for (size_t i = 0; i < cat->domains[d].n_items; i++) {
			const struct power_item *item = &cat->domains[d].items[i];
			if (item->disclosure.every == EVERY_NONE)
				continue;
			struct period now = period_containing(
			    every_period_kind(item->disclosure.every),
			    county->today);
			struct period due = period_previous(&now);
			bool met = false;
			if (!village_due_in(v, &due))
				continue;
			for (size_t k = 0; k < v->n_records && !met; k++) {
				const struct record *r = v->records[k];
				met = !r->draft && r->power == item &&
				    record_covers_period(r, &due);
			}
			if (!met) {
				/* the period as a reader says it: 2026年第三季度
				 * in Chinese, 2026-Q3 in English */
				char name[16];
				struct buf cn = {0};
				period_format(&due, name);
				if (i18n_chinese())
					period_cn(&due, &cn);
				diag_warning(&v->pos, "overdue: no record of %s %s for "
				    "%s (disclosed every %s)", item->id, item->name,
				    cn.data != NULL ? cn.data : name,
				    _(every_name(item->disclosure.every)));
				buf_free(&cn);
			}
		}
	}
}

/* ---- reminder talks before a power is used ---- */

bool
talk_before_use(const struct village *v, const struct record *use)
{
	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *t = v->records[i];
		if (t->type == RT_TALK && !t->draft &&
		    t->as.talk.phase == TALK_BEFORE && t->power == use->power &&
		    t->date <= use->date &&
		    t->date >= use->date - TALK_WINDOW_DAYS)
			return true;
	}
	return false;
}

void
check_talks(const struct village *v)
{
	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *r = v->records[i];
		if ((r->type != RT_DECISION && r->type != RT_RESULT) || r->draft ||
		    r->power == NULL || r->date == DATE_NONE)
			continue;
		if (!talk_before_use(v, r))
			diag_warning(&r->pos_power, "no reminder talk before this use "
			    "of %s %s: a talk with phase: before on this item within "
			    "the %d days before %s (三提醒谈话)", r->power->id,
			    r->power->name, TALK_WINDOW_DAYS,
			    r->type == RT_DECISION ? "the decision" : "the result");
	}
}

/* ---- all of it ---- */

/* Dates that cannot be meant: a year or more ahead of the build clock (a
 * mistyped year), or before the village existed. */
static void
check_dates(const struct county *county, const struct village *v,
    const struct record *r)
{
	char a[11], b[11];

	if (r->date == DATE_NONE || county->today == DATE_NONE)
		return;
	if (r->date > county->today + 365) {
		date_format(r->date, a);
		date_format(county->today, b);
		diag_warning(or_pos(&r->pos_date, &r->pos), "'date' %s is more than "
		    "a year after the build date %s: check the year", a, b);
	} else if (v->since != DATE_NONE && r->date < v->since) {
		date_format(r->date, a);
		date_format(v->since, b);
		diag_warning(or_pos(&r->pos_date, &r->pos), "'date' %s is before "
		    "the village existed (since: %s in village.yaml): check the "
		    "date, or the village's since:", a, b);
	}
}

/* A body so long that its poster would run to hundreds of sheets (a 3.9 MB
 * record made 1,086 A3 sheets and took 900 MB to lay out) is refused: the
 * memory a build needs must not grow with a record's length times the
 * number of workers. About 3,600 bytes of Chinese text fill an A3 sheet. */
#define BODY_LIMIT_KIB 128
#define BYTES_PER_A3_SHEET 3600.0

static void
check_body_size(const struct site *site, const struct record *r)
{
	size_t len = r->body != NULL ? strlen(r->body) : 0;

	if (len <= (size_t)BODY_LIMIT_KIB * 1024)
		return;
	double area = site->poster.width_mm * site->poster.height_mm;
	double per_sheet = BYTES_PER_A3_SHEET * (area > 0 ? area /
	    (297.0 * 420.0) : 1.0);
	struct pos pos = {r->pos.path, r->body_line > 0 ? r->body_line : 1, 1};
	diag_error(&pos, "the body is %zu KiB: its poster would run to about "
	    "%.0f sheets; keep a record's body under %d KiB (put a long text "
	    "in a PDF attachment and a summary here)", len / 1024,
	    (double)len / per_sheet, BODY_LIMIT_KIB);
}

void
check_village(const struct county *county, struct village *v)
{
	for (size_t k = 0; k < v->n_records; k++) {
		struct record *r = v->records[k];
		if (r->type == RT_DECISION)
			check_decision(&county->site, r);
		else if (r->type == RT_FINANCE)
			check_finance(r);
		else if (r->type == RT_SURVEY)
			check_survey(r);
		check_notice_period(r);
		/* the sign-off, the recurring duties and the reminder talks
		 * are a village's: its supervision committee, its items, its
		 * cadres; a town's or the county's own records owe none */
		if (v->level == LEVEL_VILLAGE)
			check_sign_off(r);
		check_dates(county, v, r);
		check_tables(r);
		check_body_size(&county->site, r);
	}
	check_follows(v);
	if (v->level != LEVEL_VILLAGE)
		return;
	check_overdue(county, v);
	check_talks(v);
}

void
check_county(struct county *county)
{
	for (size_t t = 0; t < county->n_towns; t++) {
		for (size_t i = 0; i < county->towns[t].n_villages; i++)
			check_village(county, &county->towns[t].villages[i]);
		check_village(county, &county->towns[t].own);
	}
	check_village(county, &county->own);
}
