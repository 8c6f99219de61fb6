/* pages.c: the data of each HTML page, as a Mustache value tree in the job's
 * own arena, rendered with the theme's template for that kind of page. What
 * must not be escaped (Markdown, the survey chart, the flow's steps) is made
 * here as HTML; everything else reaches the templates as plain text. */
#include "site/site.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "flow/flow.h"
#include "site/pages.h"
#include "site/text.h"

static void
set_feed(struct ctx *x, const char *target)
{
	mu_map_set_ref(x->data, "feed", mu_str_ref(x->a, href(x->a, x->root,
	    target)));
}

static const struct role *
role_of(const struct county *c, const struct role *r)
{
	return r != NULL ? r : (c->catalog.n_roles ? &c->catalog.roles[0] : NULL);
}

/* ---- the county, towns, villages and archives ---- */

/* A list of records for partials/record-list: {records, has_records}. */
static struct mu_value *
latest_list(struct ctx *x, const struct record *const *recs, size_t n,
    size_t max)
{
	struct mu_value *m = mu_map(x->a), *list = mu_list(x->a);
	for (size_t i = 0; i < n && i < max; i++)
		mu_list_push(list, page_record_summary(x, recs[i]));
	mu_map_set_ref(m, "records", list);
	put_bool(m, x->a, "has_records", n > 0 && max > 0);
	return m;
}

static struct mu_value *
domain_list(struct ctx *x)
{
	const struct catalog *cat = &x->c->catalog;
	struct mu_value *domains = mu_list(x->a);

	for (size_t d = 0; d < cat->n_domains; d++) {
		const struct domain *dom = &cat->domains[d];
		struct mu_value *m = mu_map(x->a), *items = mu_list(x->a);
		put_str(m, x->a, "name", dom->name);
		put_str(m, x->a, "id", dom->id);
		put_int(m, x->a, "number", (long long)d + 1);
		for (size_t i = 0; i < dom->n_items; i++) {
			const struct power_item *it = &dom->items[i];
			struct mu_value *im = link_to(x, it->name,
			    SITE_CAT(x->a,
			    "catalog/", it->id, ".html"));
			put_str(im, x->a, "id", it->id);
			mu_list_push(items, im);
		}
		mu_map_set_ref(m, "items", items);
		put_int(m, x->a, "n_items", (long long)dom->n_items);
		mu_list_push(domains, m);
	}
	return domains;
}

static struct mu_value *
role_list(struct ctx *x)
{
	const struct catalog *cat = &x->c->catalog;
	struct mu_value *list = mu_list(x->a);

	for (size_t i = 0; i < cat->n_roles; i++) {
		struct mu_value *m = link_to(x, cat->roles[i].name,
		    SITE_CAT(x->a,
		    "duties/", cat->roles[i].id, ".html"));
		put_int(m, x->a, "n_duties", (long long)cat->roles[i].n_duties);
		mu_list_push(list, m);
	}
	return list;
}

static struct mu_value *
service_list(struct ctx *x)
{
	const struct catalog *cat = &x->c->catalog;
	struct mu_value *list = mu_list(x->a);

	for (size_t i = 0; i < cat->n_services; i++)
		mu_list_push(list, link_to(x, cat->services[i].name,
		    SITE_CAT(x->a, "services/", cat->services[i].id, ".html")));
	return list;
}

static struct mu_value *
town_list(struct ctx *x, bool with_villages)
{
	struct mu_value *towns = mu_list(x->a);

	for (size_t t = 0; t < x->c->n_towns; t++) {
		const struct town *town = &x->c->towns[t];
		struct mu_value *m = link_to(x, town->name,
		    town_page_path(x->a, town));
		put_str(m, x->a, "id", town->id);
		put_str(m, x->a, "phone", town->phone);
		put_int(m, x->a, "n_villages", (long long)town->n_villages);
		if (with_villages) {
			struct mu_value *vs = mu_list(x->a);
			for (size_t v = 0; v < town->n_villages; v++)
				mu_list_push(vs, link_to(x, town->villages[v].name,
				    village_page_path(x->a, &town->villages[v])));
			mu_map_set_ref(m, "villages", vs);
		}
		mu_list_push(towns, m);
	}
	return towns;
}

static const struct record **village_published(const struct village *v,
    size_t *n);

/* A town's or the county's own published records, newest first, all of
 * them, under key; nothing when there are none. Returns how many. */
static size_t
level_records(struct ctx *x, const struct village *level, const char *key)
{
	size_t n;
	const struct record **pub;

	if (!wants(x, key))
		return 0;
	pub = village_published(level, &n);
	if (n > 0)
		mu_map_set_ref(x->data, key, latest_list(x, pub, n, n));
	free(pub);
	return n;
}

static void
data_county(struct ctx *x)
{
	page_common(x, x->c->site.name);
	set_feed(x, "feed.xml");
	put_bool(x->data, x->a, "home", true);
	mu_map_set_ref(x->data, "towns", town_list(x, true));
	mu_map_set_ref(x->data, "latest", latest_list(x, x->st->published,
	    x->st->n_published, LATEST_COUNTY));
	mu_map_set_ref(x->data, "domains", domain_list(x));
	mu_map_set_ref(x->data, "roles", role_list(x));
	mu_map_set_ref(x->data, "services", service_list(x));
	put_bool(x->data, x->a, "has_services", x->c->catalog.n_services > 0);
	put_int(x->data, x->a, "n_towns", (long long)x->c->n_towns);
	put_int(x->data, x->a, "n_villages", (long long)x->c->n_villages);
	put_int(x->data, x->a, "n_records", (long long)x->st->n_published);
	put_int(x->data, x->a, "n_items", (long long)x->st->n_uses);
	level_records(x, &x->c->own, "county_records");
}

/* A village's published records, newest first, in a new array. */
static const struct record **
village_published(const struct village *v, size_t *n)
{
	const struct record **out = xcalloc(v->n_records + 1, sizeof *out);
	size_t k = 0;

	for (size_t i = v->n_records; i-- > 0;)
		if (!v->records[i]->draft)
			out[k++] = v->records[i];
	if (k > 1)
		qsort(out, k, sizeof *out, site_published_cmp);
	*n = k;
	return out;
}

static void
data_town(struct ctx *x)
{
	const struct town *town = x->p->town;
	struct mu_value *vs = mu_list(x->a);
	const struct record *latest[LATEST_TOWN];
	size_t n_records = 0;

	page_common(x, town->name);
	set_feed(x, SITE_CAT(x->a, town->id, "/feed.xml"));
	mu_map_set_ref(x->data, "crumbs", page_crumbs(x, NULL, NULL));
	put_str(x->data, x->a, "town_name", town->name);
	mu_map_set_ref(x->data, "dashboard", mu_str_ref(x->a, href(x->a,
	    x->root, town_dashboard_path(x->a, town))));
	put_str(x->data, x->a, "phone", town->phone);
	put_str(x->data, x->a, "phone_tel", page_tel_href(x->a, town->phone));
	for (size_t v = 0; v < town->n_villages; v++) {
		const struct village *vil = &town->villages[v];
		struct mu_value *m = link_to(x, vil->name,
		    village_page_path(x->a, vil));
		size_t n = 0;
		for (size_t i = 0; i < vil->n_records; i++)
			n += !vil->records[i]->draft;
		n_records += n;
		put_int(m, x->a, "n_records", (long long)n);
		for (size_t i = 0; i < vil->n_cadres; i++)
			if (vil->cadres[i].role != NULL &&
			    strcmp(vil->cadres[i].role->id, "secretary") == 0)
				put_str(m, x->a, "secretary", vil->cadres[i].name);
		mu_list_push(vs, m);
	}
	mu_map_set_ref(x->data, "villages", vs);
	put_int(x->data, x->a, "n_villages", (long long)town->n_villages);
	size_t n_latest = site_latest(x->st, town, latest, LATEST_TOWN);
	mu_map_set_ref(x->data, "latest", latest_list(x, latest, n_latest,
	    LATEST_TOWN));
	for (size_t i = 0; i < town->own.n_records; i++)
		n_records += !town->own.records[i]->draft;
	put_int(x->data, x->a, "n_records", (long long)n_records);
	level_records(x, &town->own, "town_records");
}

/* "2026年11月" */
static const char *
month_label(struct arena *a, int month)
{
	char name[MONTH_NAME_SIZE];
	const char *year = name;

	/* from "2026-11": no leading zeros */
	month_name(month, name);
	name[4] = '\0';
	while (*year == '0' && year[1] != '\0')
		year++;
	return SITE_CAT(a, year, "年", name[5] == '0' ? name + 6 : name + 5,
	    "月");
}

static const char *
archive_target(struct ctx *x, const struct village *v, int month)
{
	char name[MONTH_NAME_SIZE];

	month_name(month, name);
	return SITE_CAT(x->a, v->town->id, "/", v->id, "/archive/", name,
	    ".html");
}

/* The months with published records, newest first, with their counts. */
static struct mu_value *
month_list(struct ctx *x, const struct village *v)
{
	struct mu_value *list = mu_list(x->a);

	for (size_t i = v->n_records; i-- > 0;) {
		int month = month_of(v->records[i]->date);
		size_t n = 0, j = i + 1;
		while (j-- > 0 && month_of(v->records[j]->date) == month)
			n += !v->records[j]->draft;
		if (n > 0) {
			struct mu_value *m = link_to(x, month_label(x->a, month),
			    archive_target(x, v, month));
			put_int(m, x->a, "count", (long long)n);
			mu_list_push(list, m);
		}
		i = j + 1;
	}
	return list;
}

static void
data_village(struct ctx *x)
{
	const struct village *v = x->p->village;
	const struct town *town = v->town;
	struct mu_value *d = x->data, *procs = mu_list(x->a), *cadres;
	int32_t today = x->c->today;
	size_t n = 0, n_current = 0;
	const struct record **pub = village_published(v, &n);
	struct buf b = {0};

	page_common(x, SITE_CAT(x->a, town->name, " ", v->name));
	set_feed(x, SITE_CAT(x->a, village_dir(x->a, v), "/feed.xml"));
	mu_map_set_ref(d, "json", mu_str_ref(x->a, href(x->a, x->root,
	    village_data_path(x->a, v))));
	mu_map_set_ref(d, "crumbs", page_crumbs(x, town, NULL));
	put_str(d, x->a, "village_name", v->name);
	put_str(d, x->a, "town_name", town->name);
	put_str(d, x->a, "phone", town->phone);
	put_str(d, x->a, "phone_tel", page_tel_href(x->a, town->phone));
	put_str(d, x->a, "board", v->board);
	put_str(d, x->a, "office_hours", v->office_hours);
	put_str(d, x->a, "suggestion_box", v->suggestion_box);
	if (v->n_contacts > 0) {
		struct mu_value *list = mu_list(x->a);
		for (size_t i = 0; i < v->n_contacts; i++) {
			const struct contact *ct = &v->contacts[i];
			struct mu_value *m = mu_map(x->a);
			put_str(m, x->a, "role", ct->role);
			put_str(m, x->a, "name", ct->name);
			put_str(m, x->a, "phone", ct->phone);
			put_str(m, x->a, "tel", page_tel_href(x->a, ct->phone));
			mu_list_push(list, m);
		}
		mu_map_set_ref(d, "contacts", list);
	}
	if (v->households >= 0)
		put_int(d, x->a, "households", v->households);
	if (v->adults >= 0)
		put_int(d, x->a, "adults", v->adults);
	if (v->representatives >= 0)
		put_int(d, x->a, "representatives", v->representatives);
	if (v->party_members >= 0)
		put_int(d, x->a, "party_members", v->party_members);
	put_date(d, x->a, "today", today);
	put_str(d, x->a, "weekday", weekday_cn(today));

	/* this week's notices: current on the build clock, by process */
	/* and the reminder talks apart: supervision, not a service */
	for (int k = 0; k <= PROCESS_COUNT; k++) {
		struct mu_value *m = mu_map(x->a), *recs = mu_list(x->a);
		size_t count = 0;
		const char *label = k < PROCESS_COUNT ?
		    process_label((enum process)k) : "三提醒谈话";
		put_str(m, x->a, "label", label);
		static const char *const anchors[] = {"decision", "execution",
			"service", "result", "talk"};
		put_str(m, x->a, "anchor", anchors[k]);
		for (size_t i = 0; i < n; i++) {
			bool talk = pub[i]->type == RT_TALK;
			if ((k == PROCESS_COUNT ? !talk : talk ||
			    record_process(pub[i]) != (enum process)k) ||
			    !record_is_current(pub[i], today))
				continue;
			struct mu_value *rm = page_record_summary(x, pub[i]);
			put_bool(rm, x->a, "same_label", strcmp(label,
			    site_type_label(pub[i]->type)) == 0);
			mu_list_push(recs, rm);
			count++;
		}
		mu_map_set_ref(m, "records", recs);
		put_bool(m, x->a, "has_records", count > 0);
		put_int(m, x->a, "count", (long long)count);
		n_current += count;
		/* the four processes always, the talks when there are some */
		if (k < PROCESS_COUNT || count > 0)
			mu_list_push(procs, m);
	}
	mu_map_set_ref(d, "processes", procs);
	put_int(d, x->a, "n_current", (long long)n_current);
	mu_map_set_ref(d, "recent", latest_list(x, pub, n, RECENT_VILLAGE));
	put_int(d, x->a, "n_records", (long long)n);

	cadres = mu_list(x->a);
	put_bool(d, x->a, "has_cadres", v->n_cadres > 0);
	for (size_t i = 0; i < v->n_cadres; i++) {
		const struct role *r = v->cadres[i].role;
		if (r == NULL)
			continue;
		struct mu_value *m = link_to(x, r->name, SITE_CAT(x->a,
		    "duties/",
		    r->id, ".html"));
		put_str(m, x->a, "person", v->cadres[i].name);
		struct mu_value *duties = mu_list(x->a);
		for (size_t k = 0; k < r->n_duties; k++)
			mu_list_push(duties, mu_str_ref(x->a, r->duties[k]));
		mu_map_set_ref(m, "duties", duties);
		put_int(m, x->a, "n_duties", (long long)r->n_duties);
		mu_list_push(cadres, m);
	}
	mu_map_set_ref(d, "cadres", cadres);
	mu_map_set_ref(d, "months", month_list(x, v));
	put_bool(d, x->a, "has_months", n > 0);
	village_supervision_data(x, v);
	free(pub);
	buf_free(&b);
}

static void
data_archive(struct ctx *x)
{
	const struct village *v = x->p->village;
	struct mu_value *d = x->data, *recs = mu_list(x->a), *list = mu_map(x->a);
	int month = x->p->month, prev = -1, next = -1;
	const char *label = month_label(x->a, month);

	page_common(x, arena_printf(x->a, "%s %s %s公开", v->town->name, v->name,
	    label));
	set_feed(x, SITE_CAT(x->a, village_dir(x->a, v), "/feed.xml"));
	mu_map_set_ref(d, "crumbs", page_crumbs(x, v->town, v));
	put_str(d, x->a, "village_name", v->name);
	put_str(d, x->a, "town_name", v->town->name);
	put_str(d, x->a, "month", label);
	/* the records are sorted by date: the month is one run of them */
	size_t lo = 0, hi = v->n_records;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (month_of(v->records[mid]->date) < month)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < v->n_records && month_of(v->records[end]->date) == month)
		end++;
	for (size_t i = end; i-- > lo;)
		if (!v->records[i]->draft)
			mu_list_push(recs, page_record_summary(x,
			    v->records[i]));
	for (size_t i = lo; i-- > 0 && prev < 0;)
		if (!v->records[i]->draft)
			prev = month_of(v->records[i]->date);
	for (size_t i = end; i < v->n_records && next < 0; i++)
		if (!v->records[i]->draft)
			next = month_of(v->records[i]->date);
	mu_map_set_ref(list, "records", recs);
	put_bool(list, x->a, "has_records", true);
	mu_map_set_ref(d, "list", list);
	if (prev >= 0)
		mu_map_set_ref(d, "prev", link_to(x, month_label(x->a, prev),
		    archive_target(x, v, prev)));
	if (next >= 0)
		mu_map_set_ref(d, "next", link_to(x, month_label(x->a, next),
		    archive_target(x, v, next)));
}

/* ---- records ---- */

/* The vote of a review or resolve stage: the table's rows and the sentence
 * that states quorum and majority in words, from the site's rules. */
static struct mu_value *
vote_data(struct ctx *x, const struct record *r, const struct stage *s)
{
	const struct quorum_rules *q = &x->c->site.quorum;
	const struct village *v = r->village;
	const struct vote *vote = &s->vote;
	struct mu_value *m = mu_map(x->a);
	struct buf b = {0};
	struct fraction_rule quorum, majority;
	int64_t q_value, q_base, m_base;
	const char *unit = "人", *m_of, *verdict_yes, *verdict_no, *meeting;
	bool households = false;

	if (s->step == STAGE_REVIEW) {
		meeting = "党员大会";
		quorum = q->party_present;
		q_value = vote->present;
		q_base = vote->total;
		majority = q->party_majority;
		m_base = vote->total;
		m_of = "全体党员的";
		verdict_yes = "审议通过";
		verdict_no = "审议未通过";
	} else if (s->body == BODY_ASSEMBLY) {
		meeting = "村民会议";
		households = vote->households_present >= 0 && v->households >= 0;
		quorum = households ? q->assembly_households : q->assembly_present;
		q_value = households ? vote->households_present : vote->present;
		q_base = households ? v->households : (v->adults >= 0 ? v->adults :
		    vote->total);
		majority = q->assembly_majority;
		m_base = vote->present;
		m_of = "到会人数的";
		verdict_yes = "决议通过";
		verdict_no = "决议未通过";
	} else {
		meeting = "村民代表会议";
		quorum = q->representatives_present;
		q_value = vote->present;
		q_base = vote->total;
		majority = q->representatives_majority;
		m_base = vote->present;
		m_of = "到会人数的";
		verdict_yes = "决议通过";
		verdict_no = "决议未通过";
	}
	put_str(m, x->a, "meeting", meeting);
	put_int(m, x->a, "total", vote->total);
	put_int(m, x->a, "present", vote->present);
	put_int(m, x->a, "for", vote->votes_for);
	put_int(m, x->a, "against", vote->against);
	put_int(m, x->a, "abstain", vote->abstain);
	put_str(m, x->a, "total_label", s->step == STAGE_REVIEW ? "应到党员" :
	    s->body == BODY_ASSEMBLY ? "应到村民" : "应到代表");
	if (households) {
		put_int(m, x->a, "households_present", vote->households_present);
		put_int(m, x->a, "households", v->households);
	}

	bool q_ok = rule_met(q_value, q_base, quorum);
	bool m_ok = rule_met(vote->votes_for, m_base, majority);
	if (s->body == BODY_ASSEMBLY && !households && v->adults >= 0)
		buf_printf(&b, "本村 18 周岁以上村民 %" PRId64 " 人，到会 %d 人",
		    q_base, vote->present);
	else if (households)
		buf_printf(&b, "本村共 %" PRId64 " 户，到会 %" PRId64 " 户", q_base,
		    q_value);
	else
		buf_printf(&b, "应到 %d 人，实到 %d 人", vote->total, vote->present);
	buf_puts(&b, "（");
	if (q_ok)
		fraction_cn(quorum, "", &b);
	else
		fraction_not_cn(quorum, "", &b);
	buf_printf(&b, "，至少需 %" PRId64 " %s）", rule_minimum(q_base, quorum),
	    households ? "户" : unit);
	if (households)
		buf_printf(&b, "，到会村民 %d 人", vote->present);
	buf_printf(&b, "；赞成 %d 票，", vote->votes_for);
	if (m_ok)
		fraction_cn(majority, m_of, &b);
	else
		fraction_not_cn(majority, m_of, &b);
	buf_printf(&b, "（至少需 %" PRId64 " 票），", rule_minimum(m_base, majority));
	buf_puts(&b, q_ok && m_ok ? verdict_yes : verdict_no);
	buf_puts(&b, "。");
	put_own(m, x->a, "sentence", &b);
	put_bool(m, x->a, "passed", q_ok && m_ok);
	buf_free(&b);
	return m;
}

static struct mu_value *
decision_data(struct ctx *x, const struct record *r)
{
	const struct decision *dec = &r->as.decision;
	struct mu_value *m = mu_map(x->a), *stages = mu_list(x->a);

	put_bool(m, x->a, "one_matter", dec->one_matter);
	put_str(m, x->a, "procedure", dec->one_matter ? "一事一议" :
	    "四议两公开");
	for (size_t i = 0; i < dec->n_stages; i++) {
		const struct stage *s = &dec->stages[i];
		struct mu_value *sm = mu_map(x->a);
		const char *label = stage_step_label(s->step);
		if (s->step == STAGE_RESOLVE)
			label = s->body == BODY_ASSEMBLY ? "村民会议决议" :
			    "村民代表会议决议";
		put_str(sm, x->a, "label", label);
		put_str(sm, x->a, "step", stage_step_name(s->step));
		put_int(sm, x->a, "number", (long long)i + 1);
		put_date(sm, x->a, "date", s->date);
		if (s->has_vote)
			mu_map_set_ref(sm, "vote", vote_data(x, r, s));
		mu_list_push(stages, sm);
	}
	mu_map_set_ref(m, "stages", stages);
	if (dec->outcome != OUTCOME_NONE) {
		put_bool(m, x->a, "adopted", dec->outcome == OUTCOME_ADOPTED);
		put_str(m, x->a, "outcome", decision_outcome_label(dec));
	}
	return m;
}

static struct mu_value *
money_rows(struct ctx *x, const struct money_line *lines, size_t n)
{
	struct mu_value *list = mu_list(x->a);
	for (size_t i = 0; i < n; i++) {
		struct mu_value *m = mu_map(x->a);
		put_str(m, x->a, "item", lines[i].item);
		put_money(m, x->a, "amount", lines[i].amount_fen);
		mu_list_push(list, m);
	}
	return list;
}

static struct mu_value *
finance_data(struct ctx *x, const struct record *r)
{
	const struct finance *f = &r->as.finance;
	struct mu_value *m = mu_map(x->a);
	struct buf b = {0};
	char o[32], in[32], ex[32], cl[32];

	period_cn(&f->period, &b);
	put_own(m, x->a, "period", &b);
	put_money(m, x->a, "opening", f->opening_fen);
	mu_map_set_ref(m, "income", money_rows(x, f->income, f->n_income));
	mu_map_set_ref(m, "expense", money_rows(x, f->expense, f->n_expense));
	put_bool(m, x->a, "has_income", f->n_income > 0);
	put_bool(m, x->a, "has_expense", f->n_expense > 0);
	put_money(m, x->a, "income_total", f->income_fen);
	put_money(m, x->a, "expense_total", f->expense_fen);
	int64_t closing = f->has_closing ? f->closing_fen :
	    f->opening_fen + f->income_fen - f->expense_fen;
	put_money(m, x->a, "closing", closing);
	put_bool(m, x->a, "closing_computed", !f->has_closing);
	money_format(f->opening_fen, o);
	money_format(f->income_fen, in);
	money_format(f->expense_fen, ex);
	money_format(closing, cl);
	buf_printf(&b, "期初余额 %s 元 + 本期收入 %s 元 − 本期支出 %s 元 = 期末余额 %s 元",
	    o, in, ex, cl);
	put_own(m, x->a, "equation", &b);
	buf_free(&b);
	return m;
}

static struct mu_value *
assistance_data(struct ctx *x, const struct record *r)
{
	const struct assistance *as = &r->as.assistance;
	struct mu_value *m = mu_map(x->a), *people = mu_list(x->a);

	/* the list is on the page while the notice is up; after it, the
	 * counts and the total, or (assistance_after: list) the list without
	 * reasons or ID numbers */
	bool notice = !record_notice_over(r, x->c->today);
	bool list = notice || x->c->site.assistance_list_after;

	put_str(m, x->a, "program", as->program);
	if (as->period.kind != PERIOD_NONE) {
		struct buf b = {0};
		period_cn(&as->period, &b);
		put_own(m, x->a, "period", &b);
		buf_free(&b);
	}
	for (size_t i = 0; i < as->n_people; i++) {
		const struct beneficiary *p = &as->people[i];
		struct mu_value *pm = mu_map(x->a);
		put_int(pm, x->a, "number", (long long)i + 1);
		put_str(pm, x->a, "name", p->name);
		put_bool(pm, x->a, "name_short", text_is_short(p->name));
		if (p->household >= 0)
			put_int(pm, x->a, "household", p->household);
		put_money(pm, x->a, "amount", p->amount_fen);
		if (notice) {
			put_str(pm, x->a, "reason", p->reason);
			put_bool(pm, x->a, "reason_short",
			    text_is_short(p->reason));
			put_str(pm, x->a, "id_card", p->id_card);
		}
		mu_list_push(people, pm);
	}
	put_bool(m, x->a, "notice_over", !notice);
	if (list)
		mu_map_set_ref(m, "people", people);
	put_bool(m, x->a, "with_details", notice);
	put_bool(m, x->a, "has_list", list);
	put_int(m, x->a, "n_people", (long long)as->n_people);
	put_int(m, x->a, "members", assistance_members(as));
	put_money(m, x->a, "total", as->total_fen);
	return m;
}

static struct mu_value *
survey_data(struct ctx *x, const struct record *r)
{
	const struct survey *s = &r->as.survey;
	struct mu_value *m = mu_map(x->a), *rows = mu_list(x->a);
	struct buf b = {0};
	long long good = 0;

	period_cn(&s->period, &b);
	put_own(m, x->a, "period", &b);
	put_int(m, x->a, "respondents", s->respondents);
	for (size_t i = 0; i < s->n_items; i++) {
		const struct survey_item *it = &s->items[i];
		struct mu_value *row = mu_map(x->a);
		put_int(row, x->a, "number", (long long)i + 1);
		put_str(row, x->a, "question", it->question);
		put_int(row, x->a, "very_satisfied", it->very_satisfied);
		put_int(row, x->a, "satisfied", it->satisfied);
		put_int(row, x->a, "neutral", it->neutral);
		put_int(row, x->a, "dissatisfied", it->dissatisfied);
		put_str(row, x->a, "rate", page_percent(x->a,
		    (long long)it->very_satisfied + it->satisfied,
		    s->respondents));
		good += it->very_satisfied + it->satisfied;
		mu_list_push(rows, row);
	}
	mu_map_set_ref(m, "items", rows);
	put_str(m, x->a, "rate", page_percent(x->a, good,
	    (long long)s->respondents * (long long)s->n_items));
	if (wants(x, "chart")) {
		survey_chart_svg(r, &b);
		put_own(m, x->a, "chart", &b);
	}
	buf_free(&b);
	return m;
}

static struct mu_value *
type_data(struct ctx *x, const struct record *r)
{
	struct mu_value *m;
	struct buf b = {0};

	switch (r->type) {
	case RT_DECISION:
		return decision_data(x, r);
	case RT_PROGRESS:
		m = mu_map(x->a);
		put_int(m, x->a, "percent", r->as.progress.percent);
		if (r->as.progress.has_spent)
			put_money(m, x->a, "spent", r->as.progress.spent_fen);
		return m;
	case RT_RESULT:
		m = mu_map(x->a);
		put_str(m, x->a, "outcome", r->as.result.outcome);
		if (r->as.result.has_spent)
			put_money(m, x->a, "spent", r->as.result.spent_fen);
		put_date(m, x->a, "accepted", r->as.result.accepted);
		return m;
	case RT_FINANCE:
		return finance_data(x, r);
	case RT_ASSISTANCE:
		return assistance_data(x, r);
	case RT_SERVICE:
		m = mu_map(x->a);
		if (r->as.service.n_materials > 0) {
			struct mu_value *list = mu_list(x->a);
			for (size_t i = 0; i < r->as.service.n_materials; i++)
				mu_list_push(list, mu_str_ref(x->a,
				    r->as.service.materials[i]));
			mu_map_set_ref(m, "materials", list);
			put_bool(m, x->a, "has_materials", true);
		}
		put_str(m, x->a, "time_limit", r->as.service.time_limit);
		put_str(m, x->a, "fee", r->as.service.fee);
		put_str(m, x->a, "contact", r->as.service.contact);
		put_bool(m, x->a, "proxy", r->as.service.proxy);
		return m;
	case RT_SURVEY:
		return survey_data(x, r);
	case RT_TALK: {
		static const char *const phases[] = {"办理前提醒", "办理中提醒",
			"办理后提醒"};
		const struct role *role = role_of(x->c, r->as.talk.role);
		m = mu_map(x->a);
		put_str(m, x->a, "phase", phases[r->as.talk.phase]);
		if (role != NULL)
			mu_map_set_ref(m, "role", link_to(x, role->name,
			    SITE_CAT(x->a, "duties/", role->id, ".html")));
		put_str(m, x->a, "by", r->as.talk.by);
		if (r->as.talk.n_risks > 0) {
			struct mu_value *risks = mu_list(x->a);
			for (size_t i = 0; i < r->as.talk.n_risks; i++)
				mu_list_push(risks, mu_str_ref(x->a, r->as.talk.risks[i]));
			mu_map_set_ref(m, "risks", risks);
			put_bool(m, x->a, "has_risks", true);
		}
		return m;
	}
	case RT_NOTICE:
	case RT_COUNT:
		break;
	}
	buf_free(&b);
	return mu_map(x->a);
}

static void
data_record(struct ctx *x)
{
	const struct record *r = x->p->record;
	const struct village *v = r->village;
	struct mu_value *d = x->data;
	struct buf b = {0};
	/* an assistance list's page names its people during the notice only */
	bool scrub = r->type == RT_ASSISTANCE && record_notice_over(r,
	    x->c->today);
	const char *body = r->body;
	struct buf clean = {0};

	if (scrub) {
		record_scrub(r, r->body, &clean);
		body = clean.data ? clean.data : "";
	}
	page_common(x, scrub ? r->title : r->notice_title);
	/* a town's or the county's own record is theirs, not a village's:
	 * its crumbs, feed and open data are its level's */
	if (v->level == LEVEL_VILLAGE) {
		set_feed(x, SITE_CAT(x->a, village_dir(x->a, v), "/feed.xml"));
		mu_map_set_ref(d, "crumbs", page_crumbs(x, v->town, v));
		put_str(d, x->a, "village_name", v->name);
		put_str(d, x->a, "town_name", v->town->name);
		put_str(d, x->a, "json_owner", "本村");
		mu_map_set_ref(d, "archive", link_to(x, month_label(x->a,
		    month_of(r->date)),
		    archive_target(x, v, month_of(r->date))));
	} else if (v->level == LEVEL_TOWN) {
		set_feed(x, SITE_CAT(x->a, v->town->id, "/feed.xml"));
		mu_map_set_ref(d, "crumbs", page_crumbs(x, v->town, NULL));
		put_str(d, x->a, "town_name", v->town->name);
		put_str(d, x->a, "level_label", "镇级公开");
		put_str(d, x->a, "json_owner", "本镇");
	} else {
		set_feed(x, "feed.xml");
		mu_map_set_ref(d, "crumbs", page_crumbs(x, NULL, NULL));
		put_str(d, x->a, "level_label", "县级公开");
		put_str(d, x->a, "json_owner", "本县");
	}
	put_str(d, x->a, "place", place_of(x->a, v));
	put_str(d, x->a, "type", record_type_name(r->type));
	put_str(d, x->a, "type_label", site_type_label(r->type));
	/* the process once: not when the type's label says it already */
	if (strcmp(site_process_label(r), site_type_label(r->type)) != 0)
		put_str(d, x->a, "process", site_process_label(r));
	put_date(d, x->a, "date", r->date);
	put_date(d, x->a, "from", r->publish_from);
	put_date(d, x->a, "to", r->publish_to);
	put_int(d, x->a, "days", (long long)(r->publish_to - r->publish_from + 1));
	if (r->checked) {
		struct mu_value *m = mu_map(x->a);
		put_str(m, x->a, "by", r->checked_by);
		put_date(m, x->a, "checked_on", r->checked_date);
		mu_map_set_ref(d, "checked", m);
	}
	if (r->power != NULL) {
		struct mu_value *m = link_to(x, r->power->name, SITE_CAT(x->a,
		    "catalog/", r->power->id, ".html"));
		put_str(m, x->a, "id", r->power->id);
		mu_map_set_ref(d, "power", m);
	}
	/* one parse of the text: the page's HTML, and the excerpt for the
	 * search index and the feeds while they want it */
	bool html = wants(x, "body");
	struct md_media media = {r, x->root};
	{
		/* and the page's description: the excerpt without an
		 * assistance list's names, as the feeds have it */
		struct buf excerpt = {0}, scrubbed = {0};
		markdown_render_media(body, &media, html ? &b : NULL,
		    EXCERPT_CHARS, &excerpt);
		if (site_wants_excerpt(x->st, x->p->doc))
			site_record_parsed(x->st, x->p->doc,
			    excerpt.data ? excerpt.data : "");
		record_scrub(r, excerpt.data ? excerpt.data : "", &scrubbed);
		x->excerpt = arena_strndup(x->a, scrubbed.data ?
		    scrubbed.data : "", scrubbed.len);
		buf_free(&excerpt);
		buf_free(&scrubbed);
	}
	if (b.len > 0)
		put_own(d, x->a, "body", &b);
	mu_map_set_ref(d, record_type_name(r->type), type_data(x, r));
	bool chain = r->follows != NULL && !r->follows->draft;
	if (chain)
		mu_map_set_ref(d, "follows", page_record_summary(x,
		    r->follows));
	struct mu_value *followers = mu_list(x->a);
	size_t n_followers = 0;
	for (size_t i = 0; i < r->n_followers; i++)
		if (!r->followers[i]->draft) {
			mu_list_push(followers, page_record_summary(x, r->followers[i]));
			n_followers++;
		}
	if (n_followers > 0)
		mu_map_set_ref(d, "followers", followers);
	put_bool(d, x->a, "has_chain", chain || n_followers > 0);
	/* the open data: the village's file, and which of its entries */
	mu_map_set_ref(d, "json", mu_str_ref(x->a, href(x->a, x->root,
	    village_data_path(x->a, v))));
	put_str(d, x->a, "json_id", r->id);
	buf_free(&b);
	buf_free(&clean);
}

/* ---- the catalog ---- */

static const char *
every_cn(enum every e)
{
	switch (e) {
	case EVERY_MONTH: return "每月";
	case EVERY_QUARTER: return "每季度";
	case EVERY_YEAR: return "每年";
	case EVERY_NONE: break;
	}
	return NULL;
}

static void
put_flow(struct ctx *x, const struct flow *f, const char *svg_target,
    const char *name)
{
	struct mu_value *m = mu_map(x->a);
	struct buf b = {0};

	if (f->n_steps == 0)
		return;
	mu_map_set_ref(m, "svg", mu_str_ref(x->a, href(x->a, x->root,
	    svg_target)));
	put_str(m, x->a, "alt", SITE_CAT(x->a, name,
	    "流程图，文字说明见图下方"));
	flow_text_html(f, &b);
	put_own(m, x->a, "steps", &b);
	put_int(m, x->a, "n_steps", (long long)f->n_steps);
	mu_map_set_ref(x->data, "flow", m);
	buf_free(&b);
}

static void
data_catalog(struct ctx *x)
{
	page_common(x, "小微权力清单");
	mu_map_set_ref(x->data, "crumbs", page_crumbs(x, NULL, NULL));
	mu_map_set_ref(x->data, "domains", domain_list(x));
	mu_map_set_ref(x->data, "roles", role_list(x));
	mu_map_set_ref(x->data, "services", service_list(x));
	put_bool(x->data, x->a, "has_services", x->c->catalog.n_services > 0);
	put_int(x->data, x->a, "n_domains", (long long)x->c->catalog.n_domains);
	put_int(x->data, x->a, "n_items", (long long)x->st->n_uses);
	level_records(x, &x->c->own, "county_records");
}

static void
data_item(struct ctx *x)
{
	const struct power_item *it = x->p->item;
	const struct item_uses *u = x->p->uses;
	struct mu_value *d = x->data;
	struct buf b = {0};

	page_common(x, it->name);
	struct mu_value *crumbs = page_crumbs(x, NULL, NULL);
	mu_list_push(crumbs, link_to(x, "小微权力清单", "catalog/index.html"));
	mu_map_set_ref(d, "crumbs", crumbs);
	put_str(d, x->a, "item_id", it->id);
	put_str(d, x->a, "domain", it->domain ? it->domain->name : NULL);
	put_str(d, x->a, "basis", it->basis);
	struct mu_value *owners = mu_list(x->a);
	for (size_t i = 0; i < it->n_owners; i++)
		mu_list_push(owners, link_to(x, it->owners[i]->name,
		    SITE_CAT(x->a, "duties/", it->owners[i]->id, ".html")));
	if (it->n_owners > 0) {
		mu_map_set_ref(d, "owners", owners);
		put_bool(d, x->a, "has_owners", true);
	}
	struct mu_value *dis = mu_map(x->a);
	put_str(dis, x->a, "what", it->disclosure.what);
	put_str(dis, x->a, "when", it->disclosure.when);
	put_int(dis, x->a, "min_days", it->disclosure.min_days);
	put_str(dis, x->a, "every", every_cn(it->disclosure.every));
	mu_map_set_ref(d, "disclosure", dis);
	item_talks_data(x, it, u);
	put_flow(x, &it->flow, SITE_CAT(x->a, "catalog/", it->id, ".svg"),
	    it->name);
	size_t used = u != NULL ? u->n_records : 0;
	struct mu_value *list = latest_list(x, used ? u->records : NULL, used,
	    ITEM_RECORDS);
	put_int(list, x->a, "n_records", (long long)used);
	put_bool(list, x->a, "more", used > ITEM_RECORDS);
	put_int(list, x->a, "shown", used > ITEM_RECORDS ? ITEM_RECORDS :
	    (long long)used);
	mu_map_set_ref(d, "list", list);
	buf_free(&b);
}

static void
data_duty(struct ctx *x)
{
	const struct role *role = x->p->role;
	const struct catalog *cat = &x->c->catalog;
	struct mu_value *d = x->data, *duties = mu_list(x->a), *items = mu_list(x->a);
	size_t n_items = 0;

	page_common(x, SITE_CAT(x->a, role->name, "责任清单"));
	struct mu_value *crumbs = page_crumbs(x, NULL, NULL);
	mu_list_push(crumbs, link_to(x, "小微权力清单", "catalog/index.html"));
	mu_map_set_ref(d, "crumbs", crumbs);
	put_str(d, x->a, "role_name", role->name);
	for (size_t i = 0; i < role->n_duties; i++)
		mu_list_push(duties, mu_str_ref(x->a, role->duties[i]));
	mu_map_set_ref(d, "duties", duties);
	put_int(d, x->a, "n_duties", (long long)role->n_duties);
	for (size_t k = 0; k < cat->n_domains; k++)
		for (size_t i = 0; i < cat->domains[k].n_items; i++) {
			const struct power_item *it = &cat->domains[k].items[i];
			for (size_t o = 0; o < it->n_owners; o++)
				if (it->owners[o] == role) {
					struct mu_value *m = link_to(x, it->name,
					    SITE_CAT(x->a, "catalog/", it->id,
					    ".html"));
					put_str(m, x->a, "domain", cat->domains[k].name);
					mu_list_push(items, m);
					n_items++;
					break;
				}
		}
	if (n_items > 0) {
		mu_map_set_ref(d, "items", items);
		put_bool(d, x->a, "has_items", true);
	}
	put_int(d, x->a, "n_items", (long long)n_items);
}

static void
data_service(struct ctx *x)
{
	const struct service_guide *s = x->p->service;
	struct mu_value *d = x->data;

	page_common(x, s->name);
	struct mu_value *crumbs = page_crumbs(x, NULL, NULL);
	mu_list_push(crumbs, link_to(x, "小微权力清单", "catalog/index.html"));
	mu_map_set_ref(d, "crumbs", crumbs);
	put_str(d, x->a, "service_name", s->name);
	if (s->power != NULL)
		mu_map_set_ref(d, "power", link_to(x, s->power->name,
		    SITE_CAT(x->a,
		    "catalog/", s->power->id, ".html")));
	if (s->n_materials > 0) {
		struct mu_value *list = mu_list(x->a);
		for (size_t i = 0; i < s->n_materials; i++)
			mu_list_push(list, mu_str_ref(x->a, s->materials[i]));
		mu_map_set_ref(d, "materials", list);
		put_bool(d, x->a, "has_materials", true);
	}
	put_str(d, x->a, "time_limit", s->time_limit);
	put_str(d, x->a, "fee", s->fee);
	put_str(d, x->a, "contact", s->contact);
	put_bool(d, x->a, "proxy", s->proxy);
	put_flow(x, &s->flow, SITE_CAT(x->a, "services/", s->id, ".svg"),
	    s->name);
}

static void
data_search(struct ctx *x)
{
	page_common(x, "搜索公开信息");
	mu_map_set_ref(x->data, "crumbs", page_crumbs(x, NULL, NULL));
	mu_map_set_ref(x->data, "towns", town_list(x, true));
	put_int(x->data, x->a, "shards", SEARCH_SHARDS);
	put_int(x->data, x->a, "docs_per_file", SEARCH_DOCS_PER_FILE);
	put_int(x->data, x->a, "n_records", (long long)x->st->n_published);
	put_bool(x->data, x->a, "search_page", true);
}

static void
data_not_found(struct ctx *x)
{
	page_common(x, "页面不存在");
	/* served in place of any missing address, at any depth: its links
	 * and assets are the site's own absolute addresses. No <base>, which
	 * would send the skip link (#main) to the home page; and the style
	 * sheet beside the page too, for the page opened from the output
	 * folder (file://), where the absolute one is out of reach */
	mu_map_set_ref(x->data, "root", mu_str_ref(x->a, x->c->site.base_url));
	put_bool(x->data, x->a, "local_style", true);
}

int
render_page(const struct site_state *st, const struct page *p,
    struct job_result *r)
{
	struct ctx x;
	int rc;

	x.st = st;
	x.c = st->county;
	x.p = p;
	x.a = arena_new();
	x.root = root_of(x.a, p->path);
	x.data = mu_map(x.a);
	x.title = NULL;
	x.excerpt = NULL;
	switch (p->kind) {
	case PAGE_COUNTY: data_county(&x); break;
	case PAGE_TOWN: data_town(&x); break;
	case PAGE_VILLAGE: data_village(&x); break;
	case PAGE_ARCHIVE: data_archive(&x); break;
	case PAGE_RECORD: data_record(&x); break;
	case PAGE_CATALOG: data_catalog(&x); break;
	case PAGE_ITEM: data_item(&x); break;
	case PAGE_DUTY: data_duty(&x); break;
	case PAGE_SERVICE: data_service(&x); break;
	case PAGE_SEARCH: data_search(&x); break;
	case PAGE_NOT_FOUND: data_not_found(&x); break;
	case PAGE_ASSESSMENT: data_assessment(&x); break;
	case PAGE_COUNT: break;
	}
	page_head(&x);
	const struct mu_value *crumbs = mu_map_get(x.data, "crumbs");
	if (crumbs != NULL) {
		struct mu_value *bc = mu_map(x.a);
		mu_map_set_ref(bc, "items", crumbs);
		mu_map_set_ref(x.data, "breadcrumb", bc);
	}
	struct buf *out = job_emit(r, p->out_path);
	rc = mu_render(st->theme.pages[p->kind], x.data, out, &r->err);
	arena_free(x.a);
	return rc;
}
