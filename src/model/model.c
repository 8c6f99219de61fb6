/* model.c: look-ups in the loaded model and the names of its enumerations,
 * in the contract's spelling and in the Chinese a villager reads. */
#include "model/model.h"
#include "util/i18n.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

const struct power_item *
catalog_find_item(const struct catalog *c, const char *id)
{
	for (size_t d = 0; d < c->n_domains; d++)
		for (size_t i = 0; i < c->domains[d].n_items; i++)
			if (strcmp(c->domains[d].items[i].id, id) == 0)
				return &c->domains[d].items[i];
	return NULL;
}

const struct role *
catalog_find_role(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->n_roles; i++)
		if (strcmp(c->roles[i].id, id) == 0)
			return &c->roles[i];
	return NULL;
}

const struct record *
village_find_record(const struct village *v, const char *id)
{
	for (size_t i = 0; i < v->n_records; i++)
		if (strcmp(v->records[i]->id, id) == 0)
			return v->records[i];
	return NULL;
}

static const char *const type_names[RT_COUNT] = {
	N_("decision"), N_("progress"), N_("result"), N_("finance"), N_("assistance"),
	N_("service"), N_("notice"), N_("survey"), N_("talk"),
};

static const char *const type_labels[RT_COUNT] = {
	"决策公开", "执行进度", "结果公开", "财务公开", "救助公示",
	"便民服务", "通知公告", "满意度测评", "提醒谈话",
};

const char *
record_type_name(enum record_type t)
{
	return t < RT_COUNT ? type_names[t] : "?";
}

const char *
record_type_label(enum record_type t)
{
	return t < RT_COUNT ? type_labels[t] : "?";
}

/* The answers the county's survey forms print (docs/zh_CN/records/
 * survey.md): the site, the posters, the forms and the group message
 * name them alike. */
const char *const survey_answer_labels[SURVEY_ANSWERS] = {"非常满意", "满意",
	"基本满意", "不满意"};

/* Each type's English name, then the Chinese names a clerk may write. */
const char *const record_type_words[RT_COUNT + 1] = {
	"decision|决策|决策公开", "progress|执行|执行公开|进度",
	"result|结果|结果公开", "finance|财务|财务公开",
	"assistance|救助|救助公示|救助名单", "service|服务|服务公开|便民服务",
	"notice|通知|通知公告", "survey|测评|满意度测评",
	"talk|谈话|提醒谈话|三提醒谈话", NULL,
};

bool
record_type_parse(const char *s, enum record_type *out)
{
	size_t len = strlen(s);

	for (int i = 0; i < RT_COUNT; i++) {
		for (const char *p = record_type_words[i];; ) {
			const char *bar = strchr(p, '|');
			size_t n = bar != NULL ? (size_t)(bar - p) : strlen(p);
			if (n == len && memcmp(p, s, n) == 0) {
				*out = (enum record_type)i;
				return true;
			}
			if (bar == NULL)
				break;
			p = bar + 1;
		}
	}
	return false;
}

/* Which of the four disclosure processes a record belongs to. Decisions are
 * decision disclosure; progress is execution; service guides, assistance
 * notices, talks and general notices serve villagers; results, finance and
 * surveys report what came of it. */
enum process
record_process(const struct record *r)
{
	switch (r->type) {
	case RT_DECISION:
		return PROCESS_DECISION;
	case RT_PROGRESS:
		return PROCESS_EXECUTION;
	case RT_SERVICE:
	case RT_ASSISTANCE:
	case RT_NOTICE:
	case RT_TALK:
		return PROCESS_SERVICE;
	case RT_RESULT:
	case RT_FINANCE:
	case RT_SURVEY:
	case RT_COUNT:
		break;
	}
	return PROCESS_RESULT;
}

const char *
process_label(enum process p)
{
	static const char *const labels[PROCESS_COUNT] = {
		"决策公开", "执行公开", "服务公开", "结果公开",
	};
	return p < PROCESS_COUNT ? labels[p] : "?";
}

const char *
stage_step_name(enum stage_step s)
{
	static const char *const names[STAGE_COUNT] = {
		N_("propose"), N_("consult"), N_("review"), N_("resolve"),
	};
	return s < STAGE_COUNT ? names[s] : "?";
}

const char *
stage_step_label(enum stage_step s)
{
	static const char *const labels[STAGE_COUNT] = {
		"党支部会提议", "两委会商议", "党员大会审议", "村民代表会议或村民会议决议",
	};
	return s < STAGE_COUNT ? labels[s] : "?";
}

const char *
step_kind_name(enum step_kind k)
{
	switch (k) {
	case STEP_STEP: return "step";
	case STEP_START: return "start";
	case STEP_END: return "end";
	case STEP_DECISION: return "decision";
	case STEP_DOCUMENT: return "document";
	}
	return "?";
}

const char *
every_name(enum every e)
{
	switch (e) {
	case EVERY_NONE: return "";
	case EVERY_MONTH: return N_("month");
	case EVERY_QUARTER: return N_("quarter");
	case EVERY_YEAR: return N_("year");
	}
	return "?";
}

const char *
talk_phase_name(enum talk_phase p)
{
	switch (p) {
	case TALK_BEFORE: return "before";
	case TALK_DURING: return "during";
	case TALK_AFTER: return "after";
	}
	return "?";
}

bool
record_type_at_level(enum record_type t, enum level level)
{
	if (level == LEVEL_VILLAGE)
		return true;
	return t == RT_NOTICE || t == RT_SERVICE || t == RT_FINANCE ||
	    t == RT_PROGRESS || t == RT_RESULT;
}

void
village_place(const struct village *v, struct buf *out)
{
	if (v->level == LEVEL_COUNTY) {
		buf_puts(out, v->name);
		return;
	}
	buf_puts(out, v->town->name);
	if (v->level == LEVEL_VILLAGE) {
		buf_putc(out, ' ');
		buf_puts(out, v->name);
	}
}

bool
record_is_current(const struct record *r, int32_t date)
{
	return !r->draft && r->publish_from <= date && date <= r->publish_to;
}

bool
record_in_week(const struct record *r, int32_t week_first)
{
	return !r->draft && r->publish_from != DATE_NONE &&
	    r->publish_to >= week_first && r->publish_from <= week_first + 6;
}

bool
record_is_published(const struct record *r, int32_t date)
{
	return !r->draft && r->publish_from != DATE_NONE &&
	    r->publish_from <= date;
}

const struct period *
record_own_period(const struct record *r)
{
	const struct period *p = r->type == RT_FINANCE ? &r->as.finance.period :
	    r->type == RT_SURVEY ? &r->as.survey.period :
	    r->type == RT_ASSISTANCE ? &r->as.assistance.period : NULL;

	return p != NULL && p->kind != PERIOD_NONE ? p : NULL;
}

enum period_kind
every_period_kind(enum every e)
{
	return e == EVERY_MONTH ? PERIOD_MONTH : e == EVERY_QUARTER ?
	    PERIOD_QUARTER : PERIOD_YEAR;
}

long long
assistance_members(const struct assistance *a)
{
	long long members = 0;

	for (size_t i = 0; i < a->n_people; i++)
		if (a->people[i].household > 0)
			members += a->people[i].household;
	return members;
}

bool
record_notice_over(const struct record *r, int32_t today)
{
	return r->publish_to != DATE_NONE && today > r->publish_to;
}

bool
decision_ended_at_review(const struct decision *d)
{
	if (d->outcome != OUTCOME_REJECTED)
		return false;
	for (size_t i = 0; i < d->n_stages; i++)
		if (d->stages[i].step == STAGE_RESOLVE)
			return false;
	return true;
}

const char *
decision_outcome_label(const struct decision *d)
{
	if (d->outcome == OUTCOME_NONE)
		return NULL;
	if (d->outcome == OUTCOME_ADOPTED)
		return "决议通过";
	return decision_ended_at_review(d) ? "党员大会审议未通过，事项终止" :
	    "决议未通过";
}

/* Replaces every occurrence of what in b, when what has two characters or
 * more: a one-character name ("王") would take that character out of every
 * word it is in. */
static void
replace_all(struct buf *b, const char *what, const char *with)
{
	size_t n = what != NULL ? strlen(what) : 0;
	struct buf out = {0};
	const char *p, *hit;

	if (utf8_chars(what, n) < 2 || b->data == NULL || strstr(b->data, what) == NULL)
		return;
	for (p = b->data; (hit = strstr(p, what)) != NULL; p = hit + n) {
		buf_put(&out, p, (size_t)(hit - p));
		buf_puts(&out, with);
	}
	buf_puts(&out, p);
	buf_reset(b);
	buf_put(b, out.data, out.len);
	buf_free(&out);
}

void
record_scrub(const struct record *r, const char *text, struct buf *out)
{
	struct buf b = {0};

	if (text == NULL)
		return;
	if (r->type != RT_ASSISTANCE) {
		buf_puts(out, text);
		return;
	}
	buf_puts(&b, text);
	for (size_t i = 0; i < r->as.assistance.n_people; i++) {
		const struct beneficiary *p = &r->as.assistance.people[i];
		replace_all(&b, p->name, "＊＊");
		replace_all(&b, p->reason, "（略）");
	}
	buf_put(out, b.data ? b.data : "", b.len);
	buf_free(&b);
}

bool
village_due_in(const struct village *v, const struct period *p)
{
	return v->since == DATE_NONE || p->last >= v->since;
}

int32_t
county_week_first(const struct county *c)
{
	int back = (date_weekday(c->today) - c->site.week_start + 7) % 7;
	return c->today - back;
}

void
county_free(struct county *c)
{
	if (c == NULL)
		return;
	for (size_t t = 0; t < c->n_towns; t++) {
		for (size_t i = 0; i < c->towns[t].n_villages; i++)
			arena_free(c->towns[t].villages[i].arena);
		arena_free(c->towns[t].own.arena);
	}
	arena_free(c->own.arena);
	arena_free(c->arena);
	c->arena = NULL;
}
