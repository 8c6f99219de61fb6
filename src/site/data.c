/* data.c: the open data. One JSON file per village, data/TOWN/VILLAGE.json,
 * holds every published record of the village, oldest first, with the same
 * fields as the content format (money as decimal strings) and the address
 * of its page; a town's own records are in data/TOWN.json, the county's in
 * data/county.json, when there are any; data/index.json lists the towns and
 * villages with the paths of their files. Drafts are left out, like
 * everywhere on the site. */
#include "site/site.h"

#include <string.h>

#include "site/text.h"

static void
jkey(struct buf *b, const char *key)
{
	buf_puts(b, ",\n      ");
	json_string(b, key);
	buf_puts(b, ": ");
}

/* A key already quoted, with its separators, and a number. */
static void
jint(struct buf *b, const char *key, long long v)
{
	buf_puts(b, key);
	put_decimal(b, v);
}

static void
jdate(struct buf *b, int32_t date)
{
	char iso[11];
	if (date == DATE_NONE) {
		buf_puts(b, "null");
		return;
	}
	date_format(date, iso);
	json_string(b, iso);
}

static void
jmoney(struct buf *b, int64_t fen)
{
	char text[32];
	money_format_plain(fen, text);
	json_string(b, text);
}

/* An amount that may not be given: "spent" of progress and results. */
static void
jmoney_or_null(struct buf *b, bool given, int64_t fen)
{
	if (given)
		jmoney(b, fen);
	else
		buf_puts(b, "null");
}

static void
jstr_or_null(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_puts(b, "null");
	else
		json_string(b, s);
}

static void
jstrings(struct buf *b, const char *const *items, size_t n)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		json_string(b, items[i]);
	}
	buf_putc(b, ']');
}

static void
jmoney_lines(struct buf *b, const struct money_line *lines, size_t n)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i > 0 ? ", {\"item\": " : "{\"item\": ");
		json_string(b, lines[i].item);
		buf_puts(b, ", \"amount\": ");
		jmoney(b, lines[i].amount_fen);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void
json_type_fields(struct buf *b, const struct record *r)
{
	switch (r->type) {
	case RT_DECISION: {
		const struct decision *d = &r->as.decision;
		jkey(b, "procedure");
		json_string(b, d->one_matter ? "one-matter" : "four-deliberations");
		jkey(b, "stages");
		buf_putc(b, '[');
		for (size_t i = 0; i < d->n_stages; i++) {
			const struct stage *s = &d->stages[i];
			buf_puts(b, i > 0 ? ",\n        {\"step\": " : "\n        {\"step\": ");
			json_string(b, stage_step_name(s->step));
			buf_puts(b, ", \"date\": ");
			jdate(b, s->date);
			if (s->step == STAGE_RESOLVE && s->body != BODY_NONE) {
				buf_puts(b, ", \"body\": ");
				json_string(b, s->body == BODY_ASSEMBLY ? "assembly" :
				    "representatives");
			}
			if (s->has_vote) {
				jint(b, ", \"total\": ", s->vote.total);
				jint(b, ", \"present\": ", s->vote.present);
				jint(b, ", \"for\": ", s->vote.votes_for);
				jint(b, ", \"against\": ", s->vote.against);
				jint(b, ", \"abstain\": ", s->vote.abstain);
				if (s->vote.households_present >= 0)
					jint(b, ", \"households_present\": ",
					    s->vote.households_present);
			}
			buf_putc(b, '}');
		}
		buf_puts(b, "]");
		jkey(b, "outcome");
		buf_puts(b, d->outcome == OUTCOME_ADOPTED ? "\"adopted\"" :
		    d->outcome == OUTCOME_REJECTED ? "\"rejected\"" : "null");
		break;
	}
	case RT_PROGRESS:
		jkey(b, "percent");
		put_decimal(b, r->as.progress.percent);
		jkey(b, "spent");
		jmoney_or_null(b, r->as.progress.has_spent,
		    r->as.progress.spent_fen);
		break;
	case RT_RESULT:
		jkey(b, "outcome");
		jstr_or_null(b, r->as.result.outcome);
		jkey(b, "spent");
		jmoney_or_null(b, r->as.result.has_spent, r->as.result.spent_fen);
		jkey(b, "accepted");
		jdate(b, r->as.result.accepted);
		break;
	case RT_FINANCE: {
		const struct finance *f = &r->as.finance;
		jkey(b, "period");
		jstr_or_null(b, f->period_text);
		jkey(b, "opening");
		jmoney(b, f->opening_fen);
		jkey(b, "income");
		jmoney_lines(b, f->income, f->n_income);
		jkey(b, "expense");
		jmoney_lines(b, f->expense, f->n_expense);
		jkey(b, "income_total");
		jmoney(b, f->income_fen);
		jkey(b, "expense_total");
		jmoney(b, f->expense_fen);
		jkey(b, "closing");
		jmoney(b, f->has_closing ? f->closing_fen :
		    f->opening_fen + f->income_fen - f->expense_fen);
		break;
	}
	case RT_ASSISTANCE: {
		/* open data is searched and copied: the counts and the total,
		 * never a person's name, reason or number */
		const struct assistance *as = &r->as.assistance;
		jkey(b, "program");
		jstr_or_null(b, as->program);
		jkey(b, "period");
		jstr_or_null(b, as->period_text);
		jkey(b, "households");
		put_decimal(b, (long long)as->n_people);
		jkey(b, "people");
		put_decimal(b, assistance_members(as));
		jkey(b, "total");
		jmoney(b, as->total_fen);
		break;
	}
	case RT_SERVICE:
		jkey(b, "materials");
		jstrings(b, r->as.service.materials, r->as.service.n_materials);
		jkey(b, "time_limit");
		jstr_or_null(b, r->as.service.time_limit);
		jkey(b, "fee");
		jstr_or_null(b, r->as.service.fee);
		jkey(b, "contact");
		jstr_or_null(b, r->as.service.contact);
		jkey(b, "proxy");
		buf_puts(b, r->as.service.proxy ? "true" : "false");
		break;
	case RT_SURVEY: {
		const struct survey *s = &r->as.survey;
		jkey(b, "period");
		jstr_or_null(b, s->period_text);
		jkey(b, "respondents");
		put_decimal(b, s->respondents);
		jkey(b, "items");
		buf_putc(b, '[');
		for (size_t i = 0; i < s->n_items; i++) {
			const struct survey_item *it = &s->items[i];
			buf_puts(b, i > 0 ? ",\n        {\"question\": " :
			    "\n        {\"question\": ");
			json_string(b, it->question);
			jint(b, ", \"very_satisfied\": ", it->very_satisfied);
			jint(b, ", \"satisfied\": ", it->satisfied);
			jint(b, ", \"neutral\": ", it->neutral);
			jint(b, ", \"dissatisfied\": ", it->dissatisfied);
			buf_putc(b, '}');
		}
		buf_putc(b, ']');
		break;
	}
	case RT_TALK:
		jkey(b, "phase");
		json_string(b, talk_phase_name(r->as.talk.phase));
		jkey(b, "role");
		jstr_or_null(b, r->as.talk.role ? r->as.talk.role->id : NULL);
		jkey(b, "by");
		jstr_or_null(b, r->as.talk.by);
		break;
	case RT_NOTICE:
	case RT_COUNT:
		break;
	}
}

/* base_url and the percent-encoded target, as a JSON string. */
static void
jurl(struct buf *b, struct buf *scratch, const struct county *c,
    const char *target)
{
	buf_reset(scratch);
	buf_puts(scratch, c->site.base_url);
	url_encode_path(scratch, target);
	json_string(b, scratch->data);
}

static void
jplace(struct buf *b, const char *id, const char *name)
{
	buf_puts(b, "{\"id\": ");
	json_string(b, id);
	buf_puts(b, ", \"name\": ");
	json_string(b, name);
	buf_putc(b, '}');
}

/* Whose record it is: "town": {...}, "village": {...}, the town's own
 * with "village": null, the county's with both null (the key "town"
 * written by the caller). */
static void
jholder(struct buf *b, const struct village *v)
{
	if (v->town != NULL)
		jplace(b, v->town->id, v->town->name);
	else
		buf_puts(b, "null");
	jkey(b, "village");
	if (v->level == LEVEL_VILLAGE)
		jplace(b, v->id, v->name);
	else
		buf_puts(b, "null");
}

/* One record, as an entry of its village file's "records". */
static void
record_entry(const struct county *c, const struct record *r, struct buf *b,
    struct buf *scratch, struct arena *a)
{
	const struct village *v = r->village;

	buf_puts(b, "    {\n      \"id\": ");
	json_string(b, r->id);
	jkey(b, "type");
	json_string(b, record_type_name(r->type));
	struct buf clean = {0};
	jkey(b, "title");
	json_string(b, r->title);
	jkey(b, "date");
	jdate(b, r->date);
	jkey(b, "url");
	jurl(b, scratch, c, record_page_path(a, r));
	jkey(b, "town");
	jholder(b, v);
	jkey(b, "power");
	if (r->power != NULL)
		jplace(b, r->power->id, r->power->name);
	else
		buf_puts(b, "null");
	jkey(b, "publish");
	buf_puts(b, "{\"from\": ");
	jdate(b, r->publish_from);
	buf_puts(b, ", \"to\": ");
	jdate(b, r->publish_to);
	buf_puts(b, "}");
	jkey(b, "checked");
	if (r->checked) {
		buf_puts(b, "{\"by\": ");
		jstr_or_null(b, r->checked_by);
		buf_puts(b, ", \"date\": ");
		jdate(b, r->checked_date);
		buf_puts(b, "}");
	} else {
		buf_puts(b, "null");
	}
	jkey(b, "follows");
	jstr_or_null(b, r->follows != NULL && !r->follows->draft ? r->follows->id :
	    NULL);
	jkey(b, "followers");
	buf_putc(b, '[');
	for (size_t i = 0, k = 0; i < r->n_followers; i++) {
		if (r->followers[i]->draft)
			continue;
		if (k++ > 0)
			buf_puts(b, ", ");
		json_string(b, r->followers[i]->id);
	}
	buf_putc(b, ']');
	json_type_fields(b, r);
	jkey(b, "body");
	record_scrub(r, r->body ? r->body : "", &clean);
	json_string(b, clean.data ? clean.data : "");
	/* the body's tables again as data: a header and rows of cells */
	jkey(b, "tables");
	markdown_tables_json(clean.data, b);
	buf_free(&clean);
	buf_puts(b, "\n    }");
}

int
render_village_data(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	const struct county *c = st->county;
	const struct village *v = p->village;
	struct buf *out = job_emit(r, p->out_path);
	struct buf scratch = {0};
	struct arena *a = arena_new();
	size_t n = 0;

	buf_puts(out, "{\n  \"town\": ");
	if (v->town != NULL)
		jplace(out, v->town->id, v->town->name);
	else
		buf_puts(out, "null");
	buf_puts(out, ",\n  \"village\": ");
	if (v->level == LEVEL_VILLAGE)
		jplace(out, v->id, v->name);
	else
		buf_puts(out, "null");
	buf_puts(out, ",\n  \"url\": ");
	jurl(out, &scratch, c, village_page_path(a, v));
	buf_puts(out, ",\n  \"records\": [");
	/* the village's records are sorted by date, then id */
	for (size_t i = 0; i < v->n_records; i++) {
		if (v->records[i]->draft)
			continue;
		buf_puts(out, n++ > 0 ? ",\n" : "\n");
		record_entry(c, v->records[i], out, &scratch, a);
	}
	buf_puts(out, n > 0 ? "\n  ]\n}\n" : "]\n}\n");
	buf_free(&scratch);
	arena_free(a);
	return 0;
}

/* The file of a town's or the county's own records, after key, when it
 * has any published. */
static void
level_entry(struct buf *out, struct buf *scratch, struct arena *a,
    const struct county *c, const struct village *v, const char *key)
{
	const char *path = village_data_path(a, v);
	size_t n = 0;

	for (size_t k = 0; k < v->n_records; k++)
		n += !v->records[k]->draft;
	if (n == 0)
		return;
	buf_puts(out, key);
	buf_puts(out, "{\"path\": ");
	json_string(out, path + strlen("data/"));
	buf_puts(out, ", \"url\": ");
	jurl(out, scratch, c, path);
	jint(out, ", \"records\": ", (long long)n);
	buf_putc(out, '}');
}

int
render_data_index(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	const struct county *c = st->county;
	struct buf *out = job_emit(r, p->out_path);
	struct buf scratch = {0};
	struct arena *a = arena_new();

	buf_puts(out, "{\n  \"site\": ");
	json_string(out, c->site.name);
	buf_puts(out, ",\n  \"url\": ");
	json_string(out, c->site.base_url);
	level_entry(out, &scratch, a, c, &c->own, ",\n  \"own\": ");
	buf_puts(out, ",\n  \"towns\": [");
	for (size_t t = 0; t < c->n_towns; t++) {
		const struct town *town = &c->towns[t];
		buf_puts(out, t > 0 ? ",\n    {\"id\": " : "\n    {\"id\": ");
		json_string(out, town->id);
		buf_puts(out, ", \"name\": ");
		json_string(out, town->name);
		buf_puts(out, ", \"villages\": [");
		for (size_t i = 0; i < town->n_villages; i++) {
			const struct village *v = &town->villages[i];
			const char *path = village_data_path(a, v);
			size_t n = 0;
			for (size_t k = 0; k < v->n_records; k++)
				n += !v->records[k]->draft;
			buf_puts(out, i > 0 ? ",\n      {\"id\": " :
			    "\n      {\"id\": ");
			json_string(out, v->id);
			buf_puts(out, ", \"name\": ");
			json_string(out, v->name);
			/* relative to this file, which is in data/ */
			buf_puts(out, ", \"path\": ");
			json_string(out, path + strlen("data/"));
			buf_puts(out, ", \"url\": ");
			jurl(out, &scratch, c, path);
			jint(out, ", \"records\": ", (long long)n);
			buf_putc(out, '}');
		}
		buf_puts(out, town->n_villages > 0 ? "\n    ]" : "]");
		level_entry(out, &scratch, a, c, &town->own, ", \"own\": ");
		buf_putc(out, '}');
	}
	buf_puts(out, c->n_towns > 0 ? "\n  ]\n}\n" : "]\n}\n");
	buf_free(&scratch);
	arena_free(a);
	return 0;
}
