/* feeds.c: the machine-readable outputs: Atom feeds of the county, each town
 * and each village, the sitemap, and a JSON copy of every published record.
 * Their dates come from the records only, so that the same content gives the
 * same bytes whatever day it is built. */
#include "site/site.h"

#include <stdlib.h>
#include <string.h>

#include "site/text.h"

static int
newest_first(const void *a, const void *b)
{
	const struct record *x = *(const struct record *const *)a;
	const struct record *y = *(const struct record *const *)b;

	if (x->date != y->date)
		return x->date > y->date ? -1 : 1;
	return strcmp(x->path, y->path);
}

static void
collect_village(const struct village *v, struct ptrvec *out)
{
	for (size_t i = 0; i < v->n_records; i++)
		if (!v->records[i]->draft)
			ptrvec_push(out, v->records[i]);
}

static void
atom_date(struct buf *b, int32_t date)
{
	char iso[11];
	date_format(date, iso);
	buf_printf(b, "%sT00:00:00+08:00", iso);
}

static void
xml_text_element(struct buf *b, const char *indent, const char *name,
    const char *text)
{
	buf_printf(b, "%s<%s>", indent, name);
	html_escape(b, text);
	buf_printf(b, "</%s>\n", name);
}

int
render_feed(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	const struct county *c = st->county;
	struct arena *a = arena_new();
	struct ptrvec own = {0};
	const struct record *const *recs;
	size_t n;
	const char *title, *page;
	struct buf *out = job_emit(r, p->out_path);

	if (p->village != NULL) {
		collect_village(p->village, &own);
		title = arena_printf(a, "%s %s %s 村务公开", c->site.name,
		    p->village->town->name, p->village->name);
		page = arena_printf(a, "%s/index.html", village_dir(a, p->village));
	} else if (p->town != NULL) {
		for (size_t v = 0; v < p->town->n_villages; v++)
			collect_village(&p->town->villages[v], &own);
		title = arena_printf(a, "%s %s 村务公开", c->site.name, p->town->name);
		page = arena_printf(a, "%s/index.html", p->town->id);
	} else {
		title = arena_printf(a, "%s 村务公开", c->site.name);
		page = "index.html";
	}
	if (p->village != NULL || p->town != NULL) {
		if (own.len > 1)
			qsort(own.items, own.len, sizeof *own.items, newest_first);
		recs = (const struct record *const *)own.items;
		n = own.len;
	} else {
		recs = st->published;
		n = st->n_published;
	}
	if (n > FEED_ENTRIES)
		n = FEED_ENTRIES;

	buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n");
	xml_text_element(out, "  ", "title", title);
	buf_puts(out, "  <id>");
	html_escape(out, absolute_url(a, c, p->path));
	buf_puts(out, "</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
	html_escape(out, absolute_url(a, c, p->path));
	buf_puts(out, "\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
	html_escape(out, absolute_url(a, c, page));
	buf_puts(out, "\"/>\n  <updated>");
	/* no entries: the epoch, never the build clock */
	atom_date(out, n > 0 ? recs[0]->date : 0);
	buf_puts(out, "</updated>\n  <author><name>");
	html_escape(out, c->site.name);
	buf_puts(out, "</name></author>\n");
	for (size_t i = 0; i < n; i++) {
		const struct record *rec = recs[i];
		const char *url = absolute_url(a, c, record_page_path(a, rec));
		struct buf summary = {0};
		char from[11], to[11];
		buf_puts(out, "  <entry>\n");
		xml_text_element(out, "    ", "title", rec->title);
		buf_puts(out, "    <id>");
		html_escape(out, url);
		buf_puts(out, "</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"");
		html_escape(out, url);
		buf_puts(out, "\"/>\n    <updated>");
		atom_date(out, rec->date);
		buf_puts(out, "</updated>\n    <category term=\"");
		buf_puts(out, record_type_name(rec->type));
		buf_puts(out, "\" label=\"");
		buf_puts(out, record_type_label(rec->type));
		buf_puts(out, "\"/>\n");
		date_format(rec->publish_from, from);
		date_format(rec->publish_to, to);
		buf_printf(&summary, "%s %s · %s · 公示期 %s 至 %s。", rec->village->town->name,
		    rec->village->name, record_type_label(rec->type), from, to);
		markdown_excerpt(rec->body, 200, &summary);
		xml_text_element(out, "    ", "summary", summary.data);
		buf_free(&summary);
		buf_puts(out, "  </entry>\n");
	}
	buf_puts(out, "</feed>\n");
	ptrvec_free(&own);
	arena_free(a);
	return 0;
}

/* ---- sitemap ---- */

static void
sitemap_url(struct buf *out, struct arena *a, const struct county *c,
    const char *path)
{
	buf_puts(out, "  <url><loc>");
	html_escape(out, absolute_url(a, c, path));
	buf_puts(out, "</loc></url>\n");
}

int
render_sitemap(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	const struct county *c = st->county;
	const struct catalog *cat = &c->catalog;
	struct arena *a = arena_new();
	struct buf *out = job_emit(r, p->out_path);

	buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	sitemap_url(out, a, c, "index.html");
	sitemap_url(out, a, c, "search.html");
	sitemap_url(out, a, c, "assessment/index.html");
	for (size_t t = 0; t < c->n_towns; t++) {
		const struct town *town = &c->towns[t];
		sitemap_url(out, a, c, arena_printf(a, "%s/index.html", town->id));
		sitemap_url(out, a, c, arena_printf(a, "%s/assessment.html",
		    town->id));
		for (size_t v = 0; v < town->n_villages; v++) {
			const struct village *vil = &town->villages[v];
			const char *dir = village_dir(a, vil);
			int last_month = -1;
			sitemap_url(out, a, c, arena_printf(a, "%s/index.html", dir));
			for (size_t i = 0; i < vil->n_records; i++) {
				const struct record *rec = vil->records[i];
				if (rec->draft)
					continue;
				int month = month_of(rec->date);
				if (month != last_month)
					sitemap_url(out, a, c, arena_printf(a,
					    "%s/archive/%04d-%02d.html", dir, month / 12,
					    month % 12 + 1));
				last_month = month;
			}
			for (size_t i = 0; i < vil->n_records; i++)
				if (!vil->records[i]->draft)
					sitemap_url(out, a, c,
					    record_page_path(a, vil->records[i]));
		}
	}
	sitemap_url(out, a, c, "catalog/index.html");
	for (size_t d = 0; d < cat->n_domains; d++)
		for (size_t i = 0; i < cat->domains[d].n_items; i++)
			sitemap_url(out, a, c, arena_printf(a, "catalog/%s.html",
			    cat->domains[d].items[i].id));
	for (size_t i = 0; i < cat->n_roles; i++)
		sitemap_url(out, a, c, arena_printf(a, "duties/%s.html",
		    cat->roles[i].id));
	for (size_t i = 0; i < cat->n_services; i++)
		sitemap_url(out, a, c, arena_printf(a, "services/%s.html",
		    cat->services[i].id));
	buf_puts(out, "</urlset>\n");
	arena_free(a);
	return 0;
}

/* ---- JSON ---- */

static void
jkey(struct buf *b, const char *key)
{
	buf_puts(b, ",\n  ");
	json_string(b, key);
	buf_puts(b, ": ");
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
			buf_puts(b, i > 0 ? ",\n    {\"step\": " : "\n    {\"step\": ");
			json_string(b, stage_step_name(s->step));
			buf_puts(b, ", \"date\": ");
			jdate(b, s->date);
			if (s->step == STAGE_RESOLVE && s->body != BODY_NONE) {
				buf_puts(b, ", \"body\": ");
				json_string(b, s->body == BODY_ASSEMBLY ? "assembly" :
				    "representatives");
			}
			if (s->has_vote) {
				buf_printf(b, ", \"total\": %d, \"present\": %d, "
				    "\"for\": %d, \"against\": %d, \"abstain\": %d",
				    s->vote.total, s->vote.present, s->vote.votes_for,
				    s->vote.against, s->vote.abstain);
				if (s->vote.households_present >= 0)
					buf_printf(b, ", \"households_present\": %d",
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
		buf_printf(b, "%d", r->as.progress.percent);
		jkey(b, "spent");
		if (r->as.progress.has_spent)
			jmoney(b, r->as.progress.spent_fen);
		else
			buf_puts(b, "null");
		break;
	case RT_RESULT:
		jkey(b, "outcome");
		jstr_or_null(b, r->as.result.outcome);
		jkey(b, "spent");
		if (r->as.result.has_spent)
			jmoney(b, r->as.result.spent_fen);
		else
			buf_puts(b, "null");
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
		const struct assistance *as = &r->as.assistance;
		jkey(b, "program");
		jstr_or_null(b, as->program);
		jkey(b, "people");
		buf_putc(b, '[');
		for (size_t i = 0; i < as->n_people; i++) {
			const struct beneficiary *p = &as->people[i];
			buf_puts(b, i > 0 ? ",\n    {\"name\": " : "\n    {\"name\": ");
			json_string(b, p->name);
			buf_puts(b, ", \"household\": ");
			if (p->household >= 0)
				buf_printf(b, "%d", p->household);
			else
				buf_puts(b, "null");
			buf_puts(b, ", \"amount\": ");
			jmoney(b, p->amount_fen);
			buf_puts(b, ", \"reason\": ");
			jstr_or_null(b, p->reason);
			buf_puts(b, ", \"id_card\": ");
			jstr_or_null(b, p->id_card);
			buf_putc(b, '}');
		}
		buf_putc(b, ']');
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
		buf_printf(b, "%d", s->respondents);
		jkey(b, "items");
		buf_putc(b, '[');
		for (size_t i = 0; i < s->n_items; i++) {
			const struct survey_item *it = &s->items[i];
			buf_puts(b, i > 0 ? ",\n    {\"question\": " :
			    "\n    {\"question\": ");
			json_string(b, it->question);
			buf_printf(b, ", \"very_satisfied\": %d, \"satisfied\": %d, "
			    "\"neutral\": %d, \"dissatisfied\": %d}",
			    it->very_satisfied, it->satisfied, it->neutral,
			    it->dissatisfied);
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

void
record_json(const struct county *c, const struct record *r, struct buf *b)
{
	struct arena *a = arena_new();
	const struct village *v = r->village;

	buf_puts(b, "{\n  \"id\": ");
	json_string(b, r->id);
	jkey(b, "type");
	json_string(b, record_type_name(r->type));
	jkey(b, "title");
	json_string(b, r->title);
	jkey(b, "date");
	jdate(b, r->date);
	jkey(b, "url");
	json_string(b, absolute_url(a, c, record_page_path(a, r)));
	jkey(b, "town");
	buf_puts(b, "{\"id\": ");
	json_string(b, v->town->id);
	buf_puts(b, ", \"name\": ");
	json_string(b, v->town->name);
	buf_puts(b, "}");
	jkey(b, "village");
	buf_puts(b, "{\"id\": ");
	json_string(b, v->id);
	buf_puts(b, ", \"name\": ");
	json_string(b, v->name);
	buf_puts(b, "}");
	jkey(b, "power");
	if (r->power != NULL) {
		buf_puts(b, "{\"id\": ");
		json_string(b, r->power->id);
		buf_puts(b, ", \"name\": ");
		json_string(b, r->power->name);
		buf_puts(b, "}");
	} else {
		buf_puts(b, "null");
	}
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
	json_string(b, r->body ? r->body : "");
	buf_puts(b, "\n}\n");
	arena_free(a);
}
