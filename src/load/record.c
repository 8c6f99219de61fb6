/* record.c: one record file: the YAML front matter between `---` lines,
 * read key by key as its type's schema says, and the Markdown body, with
 * personal data masked and unpublishable Markdown reported. */
#include "load/load.h"
#include "util/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "check/privacy.h"
#include "util/md.h"


static const char *const common_keys[] = {
	"type", "title", "date", "power", "publish", "draft", "checked",
	"follows", NULL,
};

/* Keys of each type besides the common ones. */
static const char *const *const type_keys[RT_COUNT] = {
	[RT_DECISION] = (const char *const[]){"stages", "outcome", "procedure",
	    NULL},
	[RT_PROGRESS] = (const char *const[]){"percent", "spent", NULL},
	[RT_RESULT] = (const char *const[]){"outcome", "spent", "accepted", NULL},
	[RT_FINANCE] = (const char *const[]){"period", "opening", "income",
	    "expense", "closing", NULL},
	[RT_ASSISTANCE] = (const char *const[]){"program", "period", "people",
	    NULL},
	[RT_SERVICE] = (const char *const[]){"materials", "time_limit", "fee",
	    "contact", "proxy", NULL},
	[RT_NOTICE] = (const char *const[]){NULL},
	[RT_SURVEY] = (const char *const[]){"period", "respondents", "items",
	    NULL},
	[RT_TALK] = (const char *const[]){"phase", "role", "by", "risks", NULL},
};

/* ---- front matter ---- */

/* Finds the end of the line starting at p; *next is the start of the next. */
static size_t
line_len(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

	*next = nl ? nl + 1 : end;
	if (len > 0 && p[len - 1] == '\r')
		len--;
	return len;
}

static bool
is_delimiter(const char *p, size_t len, bool closing)
{
	while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	return (len == 3 && memcmp(p, "---", 3) == 0) ||
	    (closing && len == 3 && memcmp(p, "...", 3) == 0);
}

/* Splits text into front matter and body; reports a missing delimiter. */
static bool
split_front_matter(struct ld *ld, const char *text, size_t len,
    const char **yaml, size_t *yaml_len, const char **body, int *body_line)
{
	const char *end = text + len, *p = text, *next;
	struct pos pos = {ld->path, 1, 1};
	int line = 1;

	if (!is_delimiter(p, line_len(p, end, &next), false)) {
		diag_error(&pos, "a record starts with its front matter: a line "
		    "'---', the keys (type, title, date, ...), and another '---'");
		ld->errors++;
		return false;
	}
	*yaml = next;
	for (p = next, line = 2; p < end; p = next, line++) {
		size_t l = line_len(p, end, &next);
		if (is_delimiter(p, l, true)) {
			*yaml_len = (size_t)(p - *yaml);
			*body = next;
			*body_line = line + 1;
			return true;
		}
	}
	diag_error(&pos, "the front matter is not closed: add a line '---' "
	    "after the last key");
	ld->errors++;
	return false;
}

/* ---- the body ---- */

struct body_scan {
	struct ld *ld;
	const char *text;
	int first_line;
	struct text_cursor at;     /* matches come in order: count once */
};

static void
report_body_pii(void *ctx, const struct pii_match *m)
{
	struct body_scan *s = ctx;
	struct pos pos = {s->ld->path, 0, 0};

	text_cursor_to(&s->at, m->start);
	pos.line = s->at.line + s->first_line - 1;
	pos.col = s->at.col;
	privacy_report(s->ld->privacy_error, &pos, m);
	if (s->ld->privacy_error)
		s->ld->errors++;
}

/* Reports Markdown that will not be published as written. */
static void
check_markdown(struct ld *ld, const char *body, int first_line)
{
	/* without '<' there is no HTML, and without ':' no address with a
	 * scheme: most bodies need no parse here */
	if (strchr(body, '<') == NULL && strchr(body, ':') == NULL)
		return;
	cmark_node *doc = md_parse(body, strlen(body));
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	bool html_seen = false;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		struct pos pos = {ld->path, 0, 0};

		if (ev != CMARK_EVENT_ENTER)
			continue;
		/* cmark counts columns in bytes; diagnostics count characters */
		int line = cmark_node_get_start_line(node);
		pos.line = line + first_line - 1;
		pos.col = text_byte_col_to_chars(body, strlen(body), line,
		    cmark_node_get_start_column(node));
		if ((type == CMARK_NODE_HTML_BLOCK ||
		    type == CMARK_NODE_HTML_INLINE) && !html_seen) {
			diag_warning(&pos, "raw HTML is not published: write "
			    "Markdown instead");
			html_seen = true;
		} else if ((type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) &&
		    url_unsafe(cmark_node_get_url(node))) {
			diag_warning(&pos, "link '%.40s' is removed: only web "
			    "(http, https), mail and relative links are published",
			    cmark_node_get_url(node));
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

static bool
masked_digit(char c)
{
	return (c >= '0' && c <= '9') || c == 'X' || c == 'x';
}

/* The run of '*' at p (in body) ends at *end: whether a digit is on both
 * sides of it, the stars of a masked number. */
static bool
mask_run(const char *body, const char *p, const char **end)
{
	const char *q = p;

	while (*q == '*')
		q++;
	*end = q;
	return p > body && masked_digit(p[-1]) && masked_digit(*q);
}

/* The body with every run of '*' between two digits written '\*': the
 * stars of a masked number (610102********1237, 138****5678), whether
 * the mask is ours or the clerk's. Two such numbers in one paragraph were
 * read as emphasis: the page showed the digits between them in bold and
 * the plain text dropped the stars, leaving what looks like a real
 * number of ten digits. */
static const char *
escape_masks(struct arena *a, const char *body)
{
	size_t len = strlen(body), extra = 0;
	const char *q;

	for (const char *p = strchr(body, '*'); p != NULL; p = strchr(q, '*'))
		if (mask_run(body, p, &q))
			extra += (size_t)(q - p);
	if (extra == 0)
		return body;
	char *out = arena_alloc(a, len + extra + 1), *o = out;
	const char *from = body;
	for (const char *p = strchr(body, '*'); p != NULL; p = strchr(q, '*')) {
		if (!mask_run(body, p, &q))
			continue;
		memcpy(o, from, (size_t)(p - from));
		o += p - from;
		for (; p < q; p++) {
			*o++ = '\\';
			*o++ = '*';
		}
		from = q;
	}
	memcpy(o, from, len - (size_t)(from - body) + 1);
	return out;
}

static const char *
load_body(struct ld *ld, const char *body, int first_line)
{
	struct body_scan scan = {ld, body, first_line, {body, 0, 0, 0}};
	char *copy;

	check_markdown(ld, body, first_line);
	if (pii_scan(body, strlen(body), report_body_pii, &scan) == 0)
		return escape_masks(ld->arena, arena_strdup(ld->arena, body));
	copy = arena_strdup(ld->arena, body);
	pii_mask(copy, strlen(copy));
	return escape_masks(ld->arena, copy);
}

/* ---- type-specific keys ---- */

static const char *const stage_names[] = {"propose|提议|党支部会提议",
	"consult|商议|两委会商议", "review|审议|党员大会审议",
	"resolve|决议|村民代表会议决议|村民会议决议", NULL};
static const char *const stage_keys_plain[] = {"step", "date", NULL};
static const char *const stage_keys_review[] = {"step", "date", "total",
	"present", "for", "against", "abstain", NULL};
static const char *const stage_keys_resolve[] = {"step", "date", "body",
	"total", "present", "for", "against", "abstain", "households_present",
	NULL};
static const char *const body_names[] = {"representatives|村民代表会议",
	"assembly|村民会议", NULL};
static const char *const outcome_names[] = {"adopted|通过", "rejected|未通过",
	NULL};
static const char *const procedure_names[] = {"one-matter|一事一议", NULL};

static void
load_stage(struct ld *ld, const struct ynode *n, struct stage *st)
{
	static const char *const all_keys[] = {"step", "date", "body", "total",
		"present", "for", "against", "abstain", "households_present", NULL};
	int step = 0, body = 0;
	const char *const *keys = all_keys;

	st->pos = ld_pos(ld, n);
	st->step = STAGE_COUNT;
	st->date = DATE_NONE;
	st->vote.households_present = -1;
	if (n->kind != YN_MAP) {
		ld_error(ld, n, "a stage must be a mapping such as {step: propose, "
		    "date: 2026-11-02}");
		return;
	}
	if (ld_enum(ld, n, "step", true, stage_names, &step)) {
		st->step = (enum stage_step)step;
		keys = step == STAGE_REVIEW ? stage_keys_review :
		    step == STAGE_RESOLVE ? stage_keys_resolve : stage_keys_plain;
	}
	/* keys of another kind of stage get a message of their own */
	ld_map(ld, n, N_("a stage"), all_keys);
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *key = n->kids[2 * i];
		const char *const *k;
		for (k = keys; *k; k++)
			if (strcmp(*k, key->str) == 0)
				break;
		if (*k != NULL)
			continue;
		for (k = all_keys; *k; k++)
			if (strcmp(*k, key->str) == 0)
				break;
		if (*k == NULL)
			continue;
		if (strcmp(key->str, "body") == 0 ||
		    strcmp(key->str, "households_present") == 0)
			ld_error(ld, key, "'%s' belongs to the resolve stage",
			    key->str);
		else
			ld_error(ld, key, "'%s': only the review and resolve "
			    "stages record a vote", key->str);
	}
	ld_date(ld, n, "date", true, &st->date);
	if (st->step != STAGE_REVIEW && st->step != STAGE_RESOLVE)
		return;
	bool ok = ld_int(ld, n, "total", true, 0, 10000000, &st->vote.total);
	ok &= ld_int(ld, n, "present", true, 0, 10000000, &st->vote.present);
	ok &= ld_int(ld, n, "for", true, 0, 10000000, &st->vote.votes_for);
	ok &= ld_int(ld, n, "against", true, 0, 10000000, &st->vote.against);
	ok &= ld_int(ld, n, "abstain", true, 0, 10000000, &st->vote.abstain);
	st->has_vote = ok;
	if (st->step == STAGE_RESOLVE) {
		if (ld_enum(ld, n, "body", true, body_names, &body))
			st->body = body == 0 ? BODY_REPRESENTATIVES : BODY_ASSEMBLY;
		if (ymap_get(n, "households_present") != NULL)
			st->pos_households_present = ld_pos(ld,
			    ymap_get(n, "households_present"));
		if (ld_int(ld, n, "households_present", false, 0, 10000000,
		    &st->vote.households_present) && st->body == BODY_REPRESENTATIVES)
			ld_error(ld, ymap_get(n, "households_present"),
			    "'households_present' counts households at a villagers' "
			    "assembly (body: assembly)");
	}
}

static void
load_decision(struct ld *ld, const struct ynode *map, struct decision *d)
{
	const struct ynode *stages = ld_get(ld, map, "stages", true);
	int choice;

	if (ld_enum(ld, map, "outcome", false, outcome_names, &choice)) {
		d->stated = choice == 0 ? OUTCOME_ADOPTED : OUTCOME_REJECTED;
		d->outcome_pos = ld_pos(ld, ymap_get(map, "outcome"));
	}
	if (ld_enum(ld, map, "procedure", false, procedure_names, &choice))
		d->one_matter = true;
	if (stages == NULL)
		return;
	d->stages_pos = ld_key_pos(ld, map, "stages");
	if (stages->kind != YN_SEQ) {
		ld_error(ld, stages, "'stages' must be a list of stages");
		return;
	}
	d->stages = arena_alloc(ld->arena,
	    (stages->n ? stages->n : 1) * sizeof *d->stages);
	for (size_t i = 0; i < stages->n; i++)
		load_stage(ld, stages->kids[i], &d->stages[d->n_stages++]);
}

/* Returns false when a line could not be read, so that its sum is not
 * trusted. */
static bool
load_money_lines(struct ld *ld, const struct ynode *map, const char *key,
    struct money_line **out, size_t *n, int64_t *sum)
{
	size_t errors = ld->errors;
	static const char *const line_keys[] = {"item", "amount", NULL};
	const struct ynode *list = ld_get(ld, map, key, false);

	*out = NULL;
	*n = 0;
	*sum = 0;
	if (list == NULL)
		return ld->errors == errors;
	if (list->kind != YN_SEQ) {
		ld_error(ld, list, "'%s' must be a list of {item: ..., amount: ...}",
		    key);
		return false;
	}
	*out = arena_alloc(ld->arena, (list->n ? list->n : 1) * sizeof **out);
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *ln = list->kids[i];
		struct money_line *line = &(*out)[*n];
		line->pos = ld_pos(ld, ln);
		if (!ld_map(ld, ln, key[0] == 'i' ? N_("an income line") :
		    N_("an expense line"), line_keys))
			continue;
		ld_text(ld, ln, "item", true, &line->item);
		if (!ld_money(ld, ln, "amount", true, &line->amount_fen))
			continue;
		if (line->item == NULL)
			line->item = "";
		if (!money_add(sum, line->amount_fen)) {
			ld_error(ld, ymap_get(ln, "amount"), "the amounts of '%s' add "
			    "up to more than 10,000,000,000,000 yuan at this line, "
			    "more than any account holds: check the amounts", key);
			return false;
		}
		(*n)++;
	}
	return ld->errors == errors;
}

static void
load_period(struct ld *ld, const struct ynode *map, bool required,
    const char **text, struct period *period)
{
	if (!ld_text(ld, map, "period", required, text))
		return;
	if (!period_parse(*text, period))
		ld_error(ld, ymap_get(map, "period"), "'period' must be a year "
		    "(2026), a quarter (2026-Q3) or a month (2026-10), not '%s'",
		    *text);
	else if (period->year < DATE_FIRST_YEAR || period->year > DATE_LAST_YEAR)
		ld_error(ld, ymap_get(map, "period"), "'period': %s lies outside "
		    "the years a period may have here (%d to %d), so that the "
		    "deadlines derived from it keep four-digit years", *text,
		    DATE_FIRST_YEAR, DATE_LAST_YEAR);
}

static void
load_finance(struct ld *ld, const struct ynode *map, struct finance *f)
{
	load_period(ld, map, true, &f->period_text, &f->period);
	bool sums = ld_money(ld, map, "opening", true, &f->opening_fen);
	sums &= load_money_lines(ld, map, "income", &f->income, &f->n_income,
	    &f->income_fen);
	sums &= load_money_lines(ld, map, "expense", &f->expense, &f->n_expense,
	    &f->expense_fen);
	f->has_closing = ld_money(ld, map, "closing", false, &f->closing_fen);
	/* a line that could not be read would make the sum check lie */
	f->sums_known = sums;
	if (f->has_closing)
		f->closing_pos = ld_pos(ld, ymap_get(map, "closing"));
	if (!f->has_closing)
		f->closing_fen = f->opening_fen + f->income_fen - f->expense_fen;
}

static void
load_assistance(struct ld *ld, const struct ynode *map, struct assistance *a)
{
	static const char *const person_keys[] = {"name", "household", "amount",
		"reason", "id_card", NULL};
	const struct ynode *people;

	ld_text(ld, map, "program", true, &a->program);
	/* a monthly list names its month: it covers that month's duty even
	 * when it is published in the next */
	load_period(ld, map, false, &a->period_text, &a->period);
	people = ld_get(ld, map, "people", true);
	if (people == NULL)
		return;
	if (people->kind != YN_SEQ) {
		ld_error(ld, people, "'people' must be a list of {name, household, "
		    "amount, reason, id_card}");
		return;
	}
	a->people = arena_alloc(ld->arena,
	    (people->n ? people->n : 1) * sizeof *a->people);
	for (size_t i = 0; i < people->n; i++) {
		const struct ynode *pn = people->kids[i];
		struct beneficiary *b = &a->people[a->n_people];
		const struct ynode *id_node;
		b->pos = ld_pos(ld, pn);
		b->household = -1;
		if (!ld_map(ld, pn, N_("a person"), person_keys))
			continue;
		ld_text(ld, pn, "name", true, &b->name);
		ld_int(ld, pn, "household", false, 1, 100, &b->household);
		ld_money(ld, pn, "amount", true, &b->amount_fen);
		ld_text(ld, pn, "reason", false, &b->reason);
		id_node = ld_get(ld, pn, "id_card", false);
		if (id_node != NULL && ld_scalar_text(ld, id_node, "id_card",
		    &b->id_card)) {
			/* an ID field is masked even when its number is wrong */
			char *copy = arena_strdup(ld->arena, b->id_card);
			if (pii_mask_id_field(copy, strlen(copy))) {
				if (ld->privacy_error) {
					ld_error(ld, id_node, "personal data: 'id_card' "
					    "must be written masked, such as "
					    "610102********1234");
				} else {
					ld_warning(ld, id_node, "personal data: 'id_card' "
					    "is not a valid ID number but was masked as "
					    "%s all the same", copy);
				}
			}
			b->id_card = copy;
		}
		if (b->name == NULL)
			b->name = "";
		if (!money_add(&a->total_fen, b->amount_fen)) {
			ld_error(ld, ymap_get(pn, "amount"), "the amounts of the "
			    "people add up to more than 10,000,000,000,000 yuan at "
			    "this line: check the amounts");
			break;
		}
		a->n_people++;
	}
	if (a->n_people == 0)
		ld_warning(ld, people, "the list of people is empty");
}

static void
load_survey(struct ld *ld, const struct ynode *map, struct survey *s)
{
	static const char *const item_keys[] = {"question", "very_satisfied",
		"satisfied", "neutral", "dissatisfied", NULL};
	const struct ynode *items;

	load_period(ld, map, true, &s->period_text, &s->period);
	ld_int(ld, map, "respondents", true, 0, 10000000, &s->respondents);
	items = ld_get(ld, map, "items", true);
	if (items == NULL)
		return;
	if (items->kind != YN_SEQ) {
		ld_error(ld, items, "'items' must be a list of questions with "
		    "their counts");
		return;
	}
	s->items = arena_alloc(ld->arena,
	    (items->n ? items->n : 1) * sizeof *s->items);
	for (size_t i = 0; i < items->n; i++) {
		const struct ynode *in = items->kids[i];
		struct survey_item *it = &s->items[s->n_items];
		it->pos = ld_pos(ld, in);
		if (!ld_map(ld, in, N_("a survey question"), item_keys))
			continue;
		bool ok = ld_text(ld, in, "question", true, &it->question);
		ok &= ld_int(ld, in, "very_satisfied", true, 0, 10000000,
		    &it->very_satisfied);
		ok &= ld_int(ld, in, "satisfied", true, 0, 10000000, &it->satisfied);
		ok &= ld_int(ld, in, "neutral", true, 0, 10000000, &it->neutral);
		ok &= ld_int(ld, in, "dissatisfied", true, 0, 10000000,
		    &it->dissatisfied);
		if (ok)
			s->n_items++;
	}
}

static void
load_talk(struct load_ctx *ctx, struct ld *ld, const struct ynode *map,
    const struct power_item *item, struct talk *t)
{
	static const char *const phases[] = {"before|办理前|事前",
		"during|办理中|事中", "after|办理后|事后", NULL};
	int phase = 0;
	const char *role;

	if (ld_enum(ld, map, "phase", true, phases, &phase))
		t->phase = (enum talk_phase)phase;
	if (ld_id(ld, map, "role", true, &role))
		t->role = catalog_role_ref(ld, &ctx->county->catalog,
		    ymap_get(map, "role"), "role", role);
	ld_text(ld, map, "by", true, &t->by);
	const struct ynode **nodes;
	if (ld_text_list(ld, map, "risks", false, true, &t->risks, &t->n_risks,
	    &nodes) && item != NULL) {
		for (size_t i = 0; i < t->n_risks; i++) {
			bool known = false;
			for (size_t k = 0; k < item->n_risks && !known; k++)
				known = strcmp(item->risks[k], t->risks[i]) == 0;
			if (!known)
				ld_warning(ld, nodes[i], "'risks': '%s' is not a risk "
				    "point of %s %s", t->risks[i], item->id, item->name);
		}
	}
}

/* Without a `risks` list, the risk points a talk reminded of are those of
 * its item that its title or body names. */
static void
talk_risks_from_text(struct arena *arena, struct record *r)
{
	struct talk *t = &r->as.talk;

	if (t->n_risks > 0 || r->power == NULL || r->power->n_risks == 0)
		return;
	t->risks = arena_alloc(arena, r->power->n_risks * sizeof *t->risks);
	for (size_t k = 0; k < r->power->n_risks; k++) {
		const char *risk = r->power->risks[k];
		if (strstr(r->title, risk) != NULL ||
		    (r->body != NULL && strstr(r->body, risk) != NULL))
			t->risks[t->n_risks++] = risk;
	}
}

/* ---- the record ---- */

static void
load_power(struct load_ctx *ctx, struct ld *ld, const struct ynode *map,
    struct record *r)
{
	bool required = r->type == RT_DECISION || r->type == RT_PROGRESS ||
	    r->type == RT_RESULT || r->type == RT_ASSISTANCE ||
	    r->type == RT_TALK;
	const struct ynode *n = ymap_get(map, "power");
	const char *id;

	if (n != NULL)
		r->pos_power = ld_pos(ld, n);
	if (!ld_id(ld, map, "power", required, &id))
		return;
	r->power = catalog_item_ref(ld, &ctx->county->catalog, n, "power", id);
}

static void
load_publish(struct ld *ld, const struct ynode *map, struct record *r)
{
	static const char *const keys[] = {"from", "to", NULL};
	const struct ynode *n = ld_get(ld, map, "publish", false);
	int min_days = r->power ? r->power->disclosure.min_days : 7;

	r->publish_from = r->date;
	r->publish_to = DATE_NONE;
	/* without 'publish' the notice starts on the record's date: a problem
	 * with it is shown at that date */
	const struct ynode *date = ymap_get(map, "date");
	r->pos_publish = date != NULL ? ld_pos(ld, date) : r->pos;
	if (n != NULL && ld_map(ld, n, N_("'publish'"), keys)) {
		r->pos_publish = ld_pos(ld, n);
		ld_date(ld, n, "from", false, &r->publish_from);
		ld_date(ld, n, "to", false, &r->publish_to);
	}
	if (r->publish_from != DATE_NONE && r->publish_to == DATE_NONE)
		r->publish_to = r->publish_from + min_days - 1;
}

static void
load_checked(struct ld *ld, const struct ynode *map, struct record *r)
{
	static const char *const keys[] = {"by", "date", NULL};
	const struct ynode *n = ld_get(ld, map, "checked", false);

	r->checked_date = DATE_NONE;
	if (n == NULL)
		return;
	/* given, even if badly: its own errors say what is wrong */
	r->checked = true;
	r->pos_checked = ld_pos(ld, n);
	if (!ld_map(ld, n, N_("'checked'"), keys))
		return;
	ld_text(ld, n, "by", true, &r->checked_by);
	ld_date(ld, n, "date", true, &r->checked_date);
}

/* Every key the record may have: the common ones and its type's. */
static const char **
allowed_keys(enum record_type type, const char **buf)
{
	size_t n = 0;

	for (const char *const *k = common_keys; *k; k++)
		buf[n++] = *k;
	for (const char *const *k = type_keys[type]; *k; k++)
		buf[n++] = *k;
	buf[n] = NULL;
	return buf;
}

/* For an unknown key that another type has, say so: it is the usual slip. */
static void
report_foreign_keys(struct ld *ld, const struct ynode *map,
    enum record_type type, const char *const *allowed)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *key = map->kids[2 * i];
		const char *const *k;
		for (k = allowed; *k; k++)
			if (strcmp(*k, key->str) == 0)
				break;
		if (*k != NULL)
			continue;
		int owner = -1;
		for (int t = 0; t < RT_COUNT && owner < 0; t++)
			for (const char *const *tk = type_keys[t]; *tk; tk++)
				if (strcmp(*tk, key->str) == 0) {
					owner = t;
					break;
				}
		if (owner >= 0) {
			ld_error(ld, key, "'%s' is not a key of a %s record (it "
			    "belongs to type: %s)", key->str, _(record_type_name(type)),
			    _(record_type_name((enum record_type)owner)));
		} else {
			const char *hint = did_you_mean(key->str, allowed);
			if (hint != NULL)
				ld_error(ld, key, "unknown key '%s' in a %s record; "
				    "did you mean '%s'?", key->str,
				    _(record_type_name(type)), hint);
			else {
				struct buf known = {0};
				for (const char *const *k = allowed; *k; k++)
					buf_printf(&known, "%s%s", k == allowed ? "" : ", ",
					    *k);
				ld_error(ld, key, "unknown key '%s' in a %s record "
				    "(known keys: %s)", key->str,
				    _(record_type_name(type)), known.data);
				buf_free(&known);
			}
		}
	}
}

/* A town's or the county's own records are of the types that make sense
 * there; a village's record in the wrong folder is said to be one. */
static void
report_level_type(struct ld *ld, const struct ynode *at, enum level level,
    enum record_type type)
{
	if (level == LEVEL_COUNTY)
		ld_error(ld, at, "'type: %s' is a village's record, not one the "
		    "county publishes itself: the folder 'county' takes notice, "
		    "service, finance, progress and result; put a village's "
		    "record in the village's folder", _(record_type_name(type)));
	else
		ld_error(ld, at, "'type: %s' is a village's record, not one the "
		    "town publishes itself: a town's own records are notice, "
		    "service, finance, progress and result; put a village's "
		    "record in the village's folder", _(record_type_name(type)));
}

struct record *
record_load(struct load_ctx *ctx, struct village *village, const char *abs,
    const char *rel, const char *id)
{
	char *text = NULL;
	size_t len = 0;
	struct record *r = NULL;

	if (load_text_file(ctx, abs, rel, RECORD_FILE_LIMIT, &text, &len))
		r = record_parse(ctx, village, rel, id, text, len);
	free(text);
	return r;
}

/* A line "draft: true" (or 是), perhaps with a comment after it, as `new`
 * writes it, in the front matter: read before the YAML is. */
static bool
front_matter_says_draft(const char *yaml, size_t len)
{
	for (size_t at = 0; at < len; ) {
		const char *line = yaml + at;
		const char *nl = memchr(line, '\n', len - at);
		size_t n = nl != NULL ? (size_t)(nl - line) : len - at;
		at += n + 1;
		if (n < 6 || memcmp(line, "draft:", 6) != 0)
			continue;
		size_t i = 6;
		while (i < n && line[i] == ' ')
			i++;
		if (n - i >= 4 && memcmp(line + i, "true", 4) == 0)
			i += 4;
		else if (n - i >= 3 && memcmp(line + i, "是", 3) == 0)
			i += 3;
		else
			continue;
		while (i < n && (line[i] == ' ' || line[i] == '\r'))
			i++;
		if (i == n || line[i] == '#')
			return true;
	}
	return false;
}

struct record *
record_parse(struct load_ctx *ctx, struct village *village, const char *rel,
    const char *id, const char *text, size_t len)
{
	struct ld ld = {ctx->arena, arena_strdup(ctx->arena, rel), 0, true,
	    ctx->county->site.privacy_error};
	const char *yaml = NULL, *body = NULL;
	size_t yaml_len = 0;
	int body_line = 0, type = 0;
	struct ynode *map;
	struct arena *tree = NULL;
	struct record *r = NULL;
	const char *keys[32];

	if (!split_front_matter(&ld, text, len, &yaml, &yaml_len, &body,
	    &body_line))
		goto out;
	/* a draft is checked, but its problems are warnings: known before the
	 * front matter is read, so that its syntax errors are warnings too */
	if (front_matter_says_draft(yaml, yaml_len))
		diag_demote_path(ld.path);
	/* the front matter's tree is needed only while the record is read:
	 * in the thread's arena, whose memory the next record uses again */
	tree = arena_local(ARENA_LOCAL_YAML);
	map = ytree_load(tree, ld.path, yaml, yaml_len, 1);
	if (map == NULL)
		goto out;
	if (map->kind != YN_MAP) {
		ld_error(&ld, map, "the front matter must be keys and values "
		    "(type: ..., title: ..., date: ...)");
		goto out;
	}
	if (!ld_enum(&ld, map, "type", true, record_type_words, &type))
		goto out;
	if (!record_type_at_level((enum record_type)type, village->level)) {
		report_level_type(&ld, ymap_get(map, "type"), village->level,
		    (enum record_type)type);
		goto out;
	}

	r = arena_alloc(ctx->arena, sizeof *r);
	r->hash = digest_of(text, len);
	r->id = arena_strdup(ctx->arena, id);
	r->path = ld.path;
	r->type = (enum record_type)type;
	r->village = village;
	r->pos = (struct pos){ld.path, 1, 1};
	r->date = DATE_NONE;
	r->body_line = body_line;

	report_foreign_keys(&ld, map, r->type, allowed_keys(r->type, keys));
	ld_text(&ld, map, "title", true, &r->title);
	r->pos_title = ymap_get(map, "title") != NULL ?
	    ld_pos(&ld, ymap_get(map, "title")) : r->pos;
	if (r->title == NULL)
		r->title = r->id;
	ld_date(&ld, map, "date", true, &r->date);
	if (ymap_get(map, "date") != NULL)
		r->pos_date = ld_pos(&ld, ymap_get(map, "date"));
	load_power(ctx, &ld, map, r);
	ld_bool(&ld, map, "draft", false, &r->draft);
	if (r->draft)
		diag_demote_path(ld.path);
	load_publish(&ld, map, r);
	load_checked(&ld, map, r);
	if (ymap_get(map, "follows") != NULL) {
		const struct ynode *f = ld_get(&ld, map, "follows", false);
		r->pos_follows = ld_pos(&ld, ymap_get(map, "follows"));
		if (f != NULL)
			ld_scalar_text(&ld, f, "follows", &r->follows_id);
	}

	switch (r->type) {
	case RT_DECISION:
		load_decision(&ld, map, &r->as.decision);
		break;
	case RT_PROGRESS:
		ld_int(&ld, map, "percent", true, 0, 100, &r->as.progress.percent);
		r->as.progress.has_spent = ld_money(&ld, map, "spent", false,
		    &r->as.progress.spent_fen);
		break;
	case RT_RESULT:
		ld_text(&ld, map, "outcome", true, &r->as.result.outcome);
		r->as.result.has_spent = ld_money(&ld, map, "spent", false,
		    &r->as.result.spent_fen);
		r->as.result.accepted = DATE_NONE;
		ld_date(&ld, map, "accepted", false, &r->as.result.accepted);
		break;
	case RT_FINANCE:
		load_finance(&ld, map, &r->as.finance);
		break;
	case RT_ASSISTANCE:
		load_assistance(&ld, map, &r->as.assistance);
		break;
	case RT_SERVICE:
		ld_text_list(&ld, map, "materials", false, true,
		    &r->as.service.materials, &r->as.service.n_materials, NULL);
		ld_text(&ld, map, "time_limit", false, &r->as.service.time_limit);
		ld_text(&ld, map, "fee", false, &r->as.service.fee);
		ld_text(&ld, map, "contact", false, &r->as.service.contact);
		ld_bool(&ld, map, "proxy", false, &r->as.service.proxy);
		break;
	case RT_SURVEY:
		load_survey(&ld, map, &r->as.survey);
		break;
	case RT_TALK:
		load_talk(ctx, &ld, map, r->power, &r->as.talk);
		break;
	case RT_NOTICE:
	case RT_COUNT:
		break;
	}
	r->body = load_body(&ld, body, body_line);
	record_files_load(ctx, r, body, body_line);
	/* the people of an assistance list are named on its own page and
	 * poster during the notice only: everywhere else its title goes
	 * without their names */
	r->notice_title = r->title;
	if (r->type == RT_ASSISTANCE && r->title != NULL) {
		struct buf clean = {0};
		record_scrub(r, r->title, &clean);
		r->title = arena_strndup(ctx->arena, clean.data ? clean.data : "",
		    clean.len);
		buf_free(&clean);
	}
	if (r->type == RT_TALK)
		talk_risks_from_text(ctx->arena, r);
out:
	if (tree != NULL)
		arena_reset(tree);
	return r;
}
