/* cmd_list.c: `noticeboard list powers|duties|villages|records`: the catalog
 * and the tree as tables a clerk can read in a terminal, columns aligned
 * with Chinese characters counted two wide. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "cli/cmd.h"
#include "util/diag.h"
#include "util/util.h"

/* The columns a text takes in a terminal: CJK characters take two. */
static size_t
text_width(const char *s)
{
	size_t width = 0, len = strlen(s);

	for (size_t i = 0; i < len; ) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n <= 0)
			n = 1, cp = '?';
		width += is_cjk(cp) ? 2 : 1;
		i += (size_t)n;
	}
	return width;
}

/* One cell, padded to width columns (the last cell of a row is not). */
static void
cell(const char *s, size_t width, bool last)
{
	fputs(s, stdout);
	if (last) {
		putchar('\n');
		return;
	}
	for (size_t w = text_width(s); w < width + 2; w++)
		putchar(' ');
}

/* A table of rows of n cells, each column as wide as its widest cell. */
struct table {
	size_t n;
	const char **cells;        /* row after row */
	size_t len, cap;
};

static void
add(struct table *t, const char *s)
{
	if (t->len == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xrealloc(t->cells, t->cap * sizeof *t->cells);
	}
	t->cells[t->len++] = s != NULL ? s : "";
}

static void
print_table(struct table *t)
{
	size_t widths[16] = {0};

	for (size_t i = 0; i < t->len; i++) {
		size_t w = text_width(t->cells[i]);
		if (w > widths[i % t->n])
			widths[i % t->n] = w;
	}
	for (size_t i = 0; i < t->len; i++)
		cell(t->cells[i], widths[i % t->n], i % t->n == t->n - 1);
	free(t->cells);
}

static const char *
every_label(enum every e)
{
	switch (e) {
	case EVERY_MONTH: return _("every month");
	case EVERY_QUARTER: return _("every quarter");
	case EVERY_YEAR: return _("every year");
	case EVERY_NONE: break;
	}
	return "";
}

static void
list_powers(const struct county *c, struct arena *a)
{
	struct table t = {7, NULL, 0, 0};
	const struct catalog *cat = &c->catalog;

	add(&t, _("id"));
	add(&t, _("item"));
	add(&t, _("domain"));
	add(&t, _("flowchart"));
	add(&t, _("notice days"));
	add(&t, _("disclosed"));
	add(&t, _("deadline"));
	for (size_t d = 0; d < cat->n_domains; d++)
		for (size_t i = 0; i < cat->domains[d].n_items; i++) {
			const struct power_item *it = &cat->domains[d].items[i];
			add(&t, it->id);
			add(&t, it->name);
			add(&t, cat->domains[d].name);
			add(&t, it->flow.n_steps > 0 ? arena_printf(a,
			    _("%zu steps"), it->flow.n_steps) : "—");
			add(&t, arena_printf(a, "%d", it->disclosure.min_days));
			add(&t, it->disclosure.every != EVERY_NONE ?
			    every_label(it->disclosure.every) : "—");
			add(&t, it->disclosure.when != NULL ? it->disclosure.when :
			    "—");
		}
	print_table(&t);
}

static void
list_duties(const struct county *c)
{
	const struct catalog *cat = &c->catalog;

	for (size_t r = 0; r < cat->n_roles; r++) {
		const struct role *role = &cat->roles[r];
		printf("%s  %s\n", role->id, role->name);
		for (size_t k = 0; k < role->n_duties; k++)
			printf("  %zu. %s\n", k + 1, role->duties[k]);
		if (r + 1 < cat->n_roles)
			putchar('\n');
	}
}

static void
list_villages(const struct county *c, struct arena *a, bool overdue)
{
	struct table t = {6, NULL, 0, 0};
	struct county_assessment *as = assess_county(c);

	add(&t, _("village"));
	add(&t, _("town"));
	add(&t, _("name"));
	add(&t, _("records"));
	add(&t, _("score"));
	add(&t, _("overdue"));
	for (size_t i = 0; i < as->n_villages; i++) {
		const struct village_assessment *va = &as->villages[i];
		const struct village *v = va->village;
		size_t n = 0;
		for (size_t k = 0; k < va->n_issues; k++)
			n += issue_is_overdue(&va->issues[k]);
		if (overdue && n == 0)
			continue;
		char score[16];
		permille_format(va->scores.total, score);
		add(&t, arena_printf(a, "%s/%s", v->town->id, v->id));
		add(&t, v->town->name);
		add(&t, v->name);
		add(&t, arena_printf(a, "%zu", v->n_records));
		add(&t, va->assessed ? arena_strdup(a, score) : "—");
		add(&t, arena_printf(a, "%zu", n));
	}
	print_table(&t);
	assess_free(as);
}

static void
list_holder(struct table *t, struct arena *a, const struct village *v,
    const char *key)
{
	for (size_t k = 0; k < v->n_records; k++) {
		const struct record *r = v->records[k];
		char date[11] = "";
		if (r->date != DATE_NONE)
			date_format(r->date, date);
		add(t, arena_strdup(a, date));
		add(t, key);
		add(t, r->draft ? arena_printf(a, "%s%s",
		    record_type_label(r->type), _(" (draft)")) :
		    record_type_label(r->type));
		add(t, r->power != NULL ? r->power->id : "—");
		add(t, r->id);
		add(t, r->title);
	}
}

/* Every record, a village's under "town/village", a town's own under the
 * town's id and the county's under "county"; or one village's. */
static void
list_records(const struct county *c, struct arena *a, const char *only)
{
	struct table t = {6, NULL, 0, 0};

	add(&t, _("date"));
	add(&t, _("village"));
	add(&t, _("type"));
	add(&t, _("item"));
	add(&t, _("id"));
	add(&t, _("title"));
	for (size_t tw = 0; tw < c->n_towns; tw++) {
		for (size_t i = 0; i < c->towns[tw].n_villages; i++) {
			const struct village *v = &c->towns[tw].villages[i];
			const char *key = arena_printf(a, "%s/%s", v->town->id, v->id);
			if (only == NULL || strcmp(only, key) == 0)
				list_holder(&t, a, v, key);
		}
		if (only == NULL)
			list_holder(&t, a, &c->towns[tw].own, c->towns[tw].id);
	}
	if (only == NULL)
		list_holder(&t, a, &c->own, "county");
	print_table(&t);
}

static bool
village_listed(const struct county *c, const char *key)
{
	for (size_t t = 0; t < c->n_towns; t++)
		for (size_t i = 0; i < c->towns[t].n_villages; i++) {
			const struct village *v = &c->towns[t].villages[i];
			size_t n = strlen(v->town->id);
			if (strncmp(key, v->town->id, n) == 0 && key[n] == '/' &&
			    strcmp(key + n + 1, v->id) == 0)
				return true;
		}
	return false;
}

int
cmd_list(struct cmd_options *o)
{
	static const char *const what[] = {"powers", "duties", "villages",
		"records", NULL};
	struct county c;
	int which = -1;

	for (int i = 0; o->n_args == 1 && what[i] != NULL; i++)
		if (strcmp(o->args[0], what[i]) == 0)
			which = i;
	if (which < 0)
		return cli_usage_error("list needs one of powers, duties, villages "
		    "or records, not '%s'", o->n_args > 0 ? o->args[0] : "");
	if (o->village != NULL && which != 3)
		return cli_usage_error("--village goes with list records, not "
		    "list %s", what[which]);
	if (o->overdue && which != 2)
		return cli_usage_error("--overdue goes with list villages, not "
		    "list %s", what[which]);
	enum load_status status = county_load(&c, o->content, o->today);
	if (status == LOAD_NO_CONTENT) {
		county_free(&c);
		return cli_usage_error("no content folder '%s' (name it with -C)",
		    o->content);
	}
	/* the tables are made of what could be read; the problems are check's */
	size_t errors = diag_count(DIAG_ERROR);
	diag_reset();
	if (o->village != NULL && !village_listed(&c, o->village)) {
		county_free(&c);
		char *near = near_village_of(o->content, o->village);
		if (near != NULL) {
			fputs(_("noticeboard: "), stderr);
			fprintf(stderr, _("no village '%s'; did you mean %s?\n"),
			    o->village, near);
			free(near);
			return 2;
		}
		return cli_usage_error("no village '%s' (write TOWN/VILLAGE with "
		    "the folders' names, as list villages shows them)", o->village);
	}
	struct arena *a = arena_new();
	switch (which) {
	case 0: list_powers(&c, a); break;
	case 1: list_duties(&c); break;
	case 2: list_villages(&c, a, o->overdue); break;
	default: list_records(&c, a, o->village); break;
	}
	if (errors > 0)
		fprintf(stderr, NG_("noticeboard: the content has %zu error; run "
		    "noticeboard check\n", "noticeboard: the content has %zu "
		    "errors; run noticeboard check\n", errors), errors);
	arena_free(a);
	county_free(&c);
	return status == LOAD_IO_FAILED ? 3 : 0;
}
