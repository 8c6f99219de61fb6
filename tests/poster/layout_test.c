/* layout_test.c: reads the poster layout's own text dump for every poster
 * of the demo county and of a stress tree (a 300-row assistance list, an
 * 80-character unbroken title, a table cell of 600 characters, a word of
 * 10,000 letters, punctuation at every line end, an empty
 * week with twelve monthly surveys, a chart of eight lanes, a town of
 * fourteen villages, a town of thirty boards whose notices start at every
 * height of a sheet) and checks what a printer and a reader need: every box
 * inside the safe area (a turned sheet's own), no two boxes overlapping, no
 * text overflowing its box, type at or above the minimum sizes, headers and
 * 续 / 第 n 张 / 共 N 张 on every continuation sheet, no line starting with
 * closing punctuation. The assessment posters say what assess_county()
 * says: the formula, every assessed village in rank order, every issue of
 * the villages listed to fix, the villages not yet publishing; a board's
 * survey trend never takes a sheet of its own; a wide chart is turned.
 * With POSTER_DUMPS=DIR the dumps are also written there, to read, and the
 * stress content is copied to DIR/stress-content, to build. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "util/diag.h"
#include "load/load.h"
#include "poster/poster.h"
#include "t.h"
#include "util/util.h"

struct box {
	char kind[8];
	double x, y, w, h;
	char cls[16];
	double size;
	bool fits;
	bool leaf;
};

struct sheet_check {
	struct box *boxes;
	size_t n, cap;
	bool has_counter;       /* 第 n 张 / 共 N 张 */
	bool title_cont;        /* the band title says 续 */
	bool first_row_header;  /* the first table row on the sheet */
	bool has_row;
	int number;
	double sx0, sy0, sx1, sy1;  /* the safe area */
};

/* Characters that must not begin a line (GB/T 15834, and pango's UAX 14). */
static const char *const closing[] = {"，", "。", "、", "；", "：", "？", "！",
	"）", "》", "」", "』", "】", "〕", "〉", "”", "’", "…", "%", ",", ".",
	";", ":", "?", "!", ")", "]", "}", NULL};

static bool
starts_closing(const char *s)
{
	for (int i = 0; closing[i] != NULL; i++)
		if (strncmp(s, closing[i], strlen(closing[i])) == 0)
			return true;
	return false;
}

static bool
overlap(const struct box *a, const struct box *b)
{
	const double eps = 0.05;
	return a->x + eps < b->x + b->w && b->x + eps < a->x + a->w &&
	    a->y + eps < b->y + b->h && b->y + eps < a->y + a->h;
}

struct check_result {
	size_t sheets;
	size_t boxes;
	struct buf problems;
	size_t n_problems;
};

static void
problem(struct check_result *r, const char *fmt, const char *a, int n)
{
	if (r->n_problems++ < 8) {
		buf_puts(&r->problems, "      ");
		buf_printf(&r->problems, fmt, a, n);
		buf_putc(&r->problems, '\n');
	}
}

static void
check_sheet(struct check_result *r, const struct sheet_check *s, double sx0,
    double sy0, double sx1, double sy1, int n_sheets)
{
	const double eps = 0.05;
	char what[64];

	for (size_t i = 0; i < s->n; i++) {
		const struct box *b = &s->boxes[i];
		snprintf(what, sizeof what, "%s at %.1f,%.1f", b->kind, b->x, b->y);
		if (b->x < sx0 - eps || b->y < sy0 - eps || b->x + b->w > sx1 + eps ||
		    b->y + b->h > sy1 + eps)
			problem(r, "%s: outside the safe area on sheet %d", what,
			    s->number);
		if (strcmp(b->kind, "text") == 0) {
			if (!b->fits)
				problem(r, "%s: text overflows its box on sheet %d",
				    what, s->number);
			double min = strcmp(b->cls, "title") == 0 ? 48 :
			    strcmp(b->cls, "heading") == 0 ? 28 :
			    strcmp(b->cls, "body") == 0 ? 16 : 12;
			if (b->size < min)
				problem(r, "%s: type below the minimum on sheet %d", what,
				    s->number);
		}
		for (size_t k = i + 1; b->leaf && k < s->n; k++)
			if (s->boxes[k].leaf && overlap(b, &s->boxes[k]))
				problem(r, "%s: overlaps another box on sheet %d", what,
				    s->number);
	}
	if (!s->has_counter)
		problem(r, "%s: no 第 n 张 / 共 N 张 on sheet %d", "", s->number);
	if (n_sheets > 1 && s->number > 1 && !s->title_cont)
		problem(r, "%s: continuation sheet %d not marked 续", "", s->number);
	if (s->has_row && !s->first_row_header && s->number > 1)
		problem(r, "%s: table continued on sheet %d without its header", "",
		    s->number);
}

/* Parses a dump; returns what it found wrong. */
static struct check_result
check_dump(const char *dump)
{
	struct check_result r = {0};
	struct sheet_check s = {0};
	double sx0 = 0, sy0 = 0, sx1 = 0, sy1 = 0;
	int n_sheets = 0, line_no = 0;
	bool in_band_title = false;
	const char *p = dump;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);
		struct box b = {0};
		char fits[8] = "", role[24] = "";
		line_no++;
		if (strncmp(line, "page ", 5) == 0) {
			sscanf(line, "page %*s trim %*s margin %*s safe %lf %lf %lf %lf "
			    "sheets %d", &sx0, &sy0, &sx1, &sy1, &n_sheets);
			r.sheets = (size_t)n_sheets;
		} else if (strncmp(line, "sheet ", 6) == 0) {
			const char *turned = strstr(line, " safe ");
			if (s.number > 0)
				check_sheet(&r, &s, s.sx0, s.sy0, s.sx1, s.sy1, n_sheets);
			/* a sheet turned landscape for a chart has its own */
			s.sx0 = sx0, s.sy0 = sy0, s.sx1 = sx1, s.sy1 = sy1;
			if (turned != NULL)
				sscanf(turned, " safe %lf %lf %lf %lf", &s.sx0, &s.sy0,
				    &s.sx1, &s.sy1);
			s.n = 0;
			s.number++;
			s.has_counter = s.title_cont = s.has_row = false;
			s.first_row_header = false;
		} else if (sscanf(line, "  %7s x=%lf y=%lf w=%lf h=%lf", b.kind, &b.x,
		    &b.y, &b.w, &b.h) == 5) {
			in_band_title = false;
			b.leaf = strcmp(b.kind, "fill") != 0 && strcmp(b.kind, "row") != 0;
			if (strcmp(b.kind, "text") == 0) {
				const char *a = strstr(line, " role=");
				if (a)
					sscanf(a, " role=%23s class=%15s size=%lf fits=%7s", role,
					    b.cls, &b.size, fits);
				b.fits = strcmp(fits, "yes") == 0;
				in_band_title = strcmp(role, "title") == 0;
			}
			if (strcmp(b.kind, "row") == 0 && !s.has_row) {
				s.has_row = true;
				s.first_row_header = strstr(line, " header") != NULL;
			}
			if (s.n == s.cap) {
				s.cap = s.cap ? s.cap * 2 : 64;
				s.boxes = xrealloc(s.boxes, s.cap * sizeof *s.boxes);
			}
			s.boxes[s.n++] = b;
			r.boxes++;
		} else if (strncmp(line, "    line \"", 10) == 0) {
			const char *text = line + 10;
			char want[64];
			if (starts_closing(text))
				problem(&r, "line starts with closing punctuation: %s (%d)",
				    line + 4, line_no);
			if (in_band_title && strstr(text, "续"))
				s.title_cont = true;
			snprintf(want, sizeof want, "第 %d 张 / 共 %d 张", s.number,
			    n_sheets);
			if (strstr(text, want))
				s.has_counter = true;
		}
		free(line);
		p += len + (nl ? 1 : 0);
	}
	if (s.number > 0)
		check_sheet(&r, &s, s.sx0, s.sy0, s.sx1, s.sy1, n_sheets);
	if (n_sheets == 0 || s.number != n_sheets)
		problem(&r, "%s: the dump lists %d sheets", "", s.number);
	free(s.boxes);
	return r;
}

static void
save_dump(const char *label, const char *path, const struct buf *dump)
{
	const char *dir = getenv("POSTER_DUMPS");
	if (dir == NULL)
		return;
	struct buf name = {0};
	buf_printf(&name, "%s/%s/%s.txt", dir, label, path);
	char *slash = strrchr(name.data, '/');
	*slash = '\0';
	mkdir_p(name.data, 0755);
	*slash = '/';
	file_write_atomic(name.data, dump->data, dump->len);
	buf_free(&name);
}

/* Checks every poster of a county; returns the dump of the one at want. */
static char *
check_posters(const struct county *c, const char *label, const char *want)
{
	struct arena *arena = arena_new();
	struct county_assessment *a = assess_county(c);
	struct poster_spec *specs;
	size_t n = poster_specs(c, a, arena, &specs);
	char *kept = NULL;

	for (size_t i = 0; i < n; i++) {
		struct buf dump = {0}, err = {0};
		int rc = poster_dump(c, &specs[i], &dump, &err);
		T_CHECK(rc == 0, "%s: %s lays out%s%s", label, specs[i].path,
		    err.data ? ": " : "", err.data ? err.data : "");
		if (rc == 0) {
			struct check_result r = check_dump(dump.data);
			save_dump(label, specs[i].path, &dump);
			T_CHECK(r.n_problems == 0, "%s: %s: %zu sheets, %zu boxes in "
			    "the safe area, none overlapping, all text fitting",
			    label, specs[i].path, r.sheets, r.boxes);
			if (r.n_problems)
				fputs(r.problems.data, stdout);
			buf_free(&r.problems);
			if (want && strstr(specs[i].path, want) && kept == NULL)
				kept = buf_detach(&dump);
		}
		buf_free(&dump);
		buf_free(&err);
	}
	assess_free(a);
	arena_free(arena);
	return kept;
}


/* ---- what a dump says ---- */

/* The text of a dump: every laid-out line joined, without spaces (ASCII
 * and ideographic) and word joiners (a line may break at either), so that
 * a sentence is found wherever pango broke it. */
static char *
joined_text(const char *dump)
{
	struct buf b = {0};

	for (const char *p = dump; (p = strstr(p, "    line \"")) != NULL;) {
		for (p += 10; *p != '\0' && *p != '"' && *p != '\n'; p++) {
			if (*p == '\\' && p[1] != '\0') {
				p++;
				if (*p != 'n')
					buf_putc(&b, *p);
			} else if (*p == ' ') {
				continue;
			} else if (strncmp(p, "\xe2\x81\xa0", 3) == 0 ||
			    strncmp(p, "\xe3\x80\x80", 3) == 0) {
				p += 2;     /* a word joiner, an ideographic space */
			} else {
				buf_putc(&b, *p);
			}
		}
	}
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

/* s without its spaces, in a buffer the caller frees. */
static char *
squeeze(const char *s)
{
	char *out = xstrdup(s), *w = out;
	for (const char *r = s; *r != '\0'; r++)
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';
	return out;
}

/* Where the squeezed needle is in text after from, or NULL. */
static const char *
find_after(const char *text, const char *from, const char *needle)
{
	char *n = squeeze(needle);
	const char *at = strstr(from != NULL ? from : text, n);
	free(n);
	return at;
}

static char *
dump_of(const struct county *c, const struct poster_spec *s)
{
	struct buf dump = {0}, err = {0};
	if (poster_dump(c, s, &dump, &err) != 0)
		buf_reset(&dump);
	buf_free(&err);
	buf_putc(&dump, '\0');
	return buf_detach(&dump);
}

/* The first text of the body on the last sheet: after the footer's QR. */
static char *
last_sheet_first_body_line(const char *dump)
{
	const char *sheet = NULL, *p = dump;
	while ((p = strstr(p, "\nsheet ")) != NULL)
		sheet = ++p;
	if (sheet == NULL || (p = strstr(sheet, "\n  qr ")) == NULL ||
	    (p = strstr(p, "    line \"")) == NULL)
		return xstrdup("");
	p += 10;
	return xstrndup(p, strcspn(p, "\n"));
}

/* ---- the assessment posters ---- */

static void
check_assessment(const struct county *c, const char *label)
{
	struct arena *arena = arena_new();
	struct poster_spec *specs;
	struct county_assessment *a = assess_county(c);
	size_t n = poster_specs(c, a, arena, &specs), n_posters = 0;
	struct buf want = {0};

	for (size_t i = 0; i < n; i++) {
		const struct poster_spec *s = &specs[i];
		if (s->kind != POSTER_ASSESSMENT)
			continue;
		n_posters++;
		char *dump = dump_of(c, s), *text = joined_text(dump);
		const char *at = text, *name = s->town ? s->town->name : "全县";
		const struct village_assessment *last_ranked = NULL;
		bool order = true, issues = true, idle = true;

		T_CHECK(find_after(text, NULL, "总分 = 30% × 及时率 + 30% × 完整率 + "
		    "20% × 监督率 + 20% × 满意率") != NULL, "%s: %s: the formula",
		    label, s->path);
		T_CHECK(find_after(text, NULL, s->town ? "本镇平均" : "全县平均") !=
		    NULL, "%s: %s: the averages", label, s->path);
		/* the ranking's rows: rank, town (on the county's), village */
		for (size_t r = 0; r < a->n_assessed; r++) {
			const struct village_assessment *va = a->ranking[r];
			if (s->town != NULL && va->village->town != s->town)
				continue;
			buf_reset(&want);
			buf_printf(&want, "%d%s%s", va->rank, s->town ? "" :
			    va->village->town->name, va->village->name);
			const char *got = find_after(text, at, want.data);
			if (got == NULL) {
				order = false;
				printf("      %s: %s not after the rows before it\n",
				    s->path, want.data);
			} else {
				at = got + 1;
			}
			last_ranked = va;
		}
		T_CHECK(order, "%s: %s: every assessed village of %s in rank order",
		    label, s->path, name);
		/* what the listed villages must fix, every line of it */
		for (size_t r = 0; r < a->n_assessed; r++) {
			const struct village_assessment *va = a->ranking[r];
			bool listed = s->town != NULL ? va->village->town == s->town &&
			    va->n_issues > 0 : r + 3 >= a->n_assessed ||
			    va->scores.total < 600;
			if (!listed)
				continue;
			buf_reset(&want);
			buf_printf(&want, "第%d名%s", va->rank, va->village->name);
			const char *head = find_after(text, NULL, want.data);
			char total[16];
			permille_format(va->scores.total, total);
			buf_reset(&want);
			buf_printf(&want, "总分%s", total);
			if (head == NULL || find_after(text, head, want.data) == NULL) {
				issues = false;
				printf("      %s: no 第%d名 %s with its total\n", s->path,
				    va->rank, va->village->name);
				continue;
			}
			for (size_t k = 0; k < va->n_issues; k++) {
				buf_reset(&want);
				issue_describe(&va->issues[k], &want);
				if (find_after(text, head, want.data) == NULL) {
					issues = false;
					printf("      %s: %s: missing %s\n", s->path,
					    va->village->name, want.data);
				}
			}
		}
		T_CHECK(issues, "%s: %s: the villages listed to fix, with every "
		    "issue", label, s->path);
		/* the villages not yet publishing: counts by town, or names */
		for (size_t t = 0; t < a->n_towns; t++) {
			const struct town_assessment *ta = &a->towns[t];
			if (s->town != NULL && ta->town != s->town)
				continue;
			for (size_t v = 0; v < ta->n_villages && s->town != NULL; v++)
				if (!ta->villages[v].assessed &&
				    find_after(text, NULL, ta->villages[v].village->name) ==
				    NULL)
					idle = false;
			buf_reset(&want);
			buf_printf(&want, "%s%zu%zu%zu", ta->town->name, ta->n_villages,
			    ta->n_assessed, ta->n_villages - ta->n_assessed);
			if (s->town == NULL && ta->n_assessed < ta->n_villages &&
			    find_after(text, NULL, want.data) == NULL)
				idle = false;
		}
		T_CHECK(idle, "%s: %s: the villages not yet publishing", label,
		    s->path);
		if (s->town == NULL && last_ranked != NULL && a->n_assessed > 1) {
			/* the last of the ranking is the last village named */
			buf_reset(&want);
			buf_printf(&want, "第%d名%s", last_ranked->rank,
			    last_ranked->village->name);
			const char *lastfix = find_after(text, NULL, want.data);
			bool after = lastfix != NULL;
			for (size_t r = 0; r + 1 < a->n_assessed && after; r++) {
				const char *nm = a->ranking[r]->village->name;
				for (const char *q = lastfix; (q = strstr(q + 1, nm)) != NULL;)
					after = false;
			}
			T_CHECK(after, "%s: %s: %s comes last, with what it must fix",
			    label, s->path, last_ranked->village->name);
		}
		free(text);
		free(dump);
	}
	T_INTEQ(n_posters, c->n_towns + 1, "%s: an assessment poster for the "
	    "county and one for each town", label);
	buf_free(&want);
	assess_free(a);
	arena_free(arena);
}

/* A board with surveys shows their trend, and the standing block never
 * opens a sheet of its own. */
static void
check_trends(const struct county *c, const char *label, size_t *n_trends)
{
	struct arena *arena = arena_new();
	struct poster_spec *specs;
	size_t n = poster_specs(c, NULL, arena, &specs);
	bool alone = false, latin = false, quarter = false;

	*n_trends = 0;
	for (size_t i = 0; i < n; i++) {
		if (specs[i].kind != POSTER_BOARD)
			continue;
		char *dump = dump_of(c, &specs[i]);
		char *first = last_sheet_first_body_line(dump);
		if (strstr(dump, " trend points=") != NULL)
			(*n_trends)++;
		/* a quarter below the axis in the words the site uses */
		for (const char *z = dump; (z = strstr(z, "role=chart ")) != NULL;
		    z++) {
			const char *line = strstr(z, "line \"");
			if (line == NULL)
				break;
			const char *end = strchr(line, '\n');
			const char *q = strstr(line, " Q");
			if (q != NULL && (end == NULL || q < end)) {
				latin = true;
				printf("      %s: a chart label in Latin: %.*s\n",
				    specs[i].path, (int)(end ? end - line : 20), line);
			}
			if (strncmp(line + strlen("line \""), "2026年第三季度\"",
			    strlen("2026年第三季度\"")) == 0)
				quarter = true;
		}
		if (strstr(dump, "sheets 1\n") == NULL &&
		    strncmp(first, "群众满意度", strlen("群众满意度")) == 0) {
			alone = true;
			printf("      %s: the survey block opens the last sheet\n",
			    specs[i].path);
		}
		free(first);
		free(dump);
	}
	T_CHECK(!alone, "%s: no board's survey block takes a sheet of its own",
	    label);
	T_CHECK(!latin && (quarter || strcmp(label, "demo") != 0), "%s: a survey "
	    "chart names its quarter as 2026年第三季度, never 2026 Q3", label);
	arena_free(arena);
}

/* The joined lines of the text box whose dump line starts at p (without
 * word joiners and spaces), in a buffer the caller frees. */
static char *
box_text(const char *p)
{
	const char *end = p;
	struct buf b = {0};

	/* the box's own line, then its "    line" lines */
	end = strchr(end, '\n');
	while (end != NULL && strncmp(end + 1, "    line \"", 10) == 0) {
		const char *next = strchr(end + 1, '\n');
		size_t n = next ? (size_t)(next - end - 1) : strlen(end + 1);
		buf_put(&b, end + 1, n);
		buf_putc(&b, '\n');
		end = next;
	}
	buf_putc(&b, '\0');
	char *joined = joined_text(b.data);
	buf_free(&b);
	return joined;
}

/* The reminder talks of a board's week stand under a heading of their own,
 * 村务监督（三提醒谈话） (the site's section of them, 三提醒谈话: the town's
 * supervision, not a service), after the four processes; nothing else
 * does. */
static void
check_board_talks(const struct county *c, const char *label, size_t *n_talks)
{
	struct arena *arena = arena_new();
	struct poster_spec *specs;
	size_t n = poster_specs(c, NULL, arena, &specs);
	bool misplaced = false;

	*n_talks = 0;
	for (size_t i = 0; i < n; i++) {
		const struct village *v = specs[i].village;
		if (specs[i].kind != POSTER_BOARD || v == NULL)
			continue;
		char *dump = dump_of(c, &specs[i]), *heading = xstrdup("");
		for (const char *p = dump; (p = strstr(p, "\n  text ")) != NULL;) {
			p++;
			const char *eol = strchr(p, '\n');
			char *box = xstrndup(p, eol ? (size_t)(eol - p) : strlen(p));
			bool is_heading = strstr(box, " role=heading ") != NULL;
			bool is_record = strstr(box, " role=record ") != NULL;
			free(box);
			if (!is_heading && !is_record)
				continue;
			char *text = box_text(p);
			if (is_heading) {
				free(heading);
				heading = text;
				continue;
			}
			const char *cont = "（续）";
			size_t tl = strlen(text), cl = strlen(cont);
			if (tl > cl && strcmp(text + tl - cl, cont) == 0)
				text[tl - cl] = '\0';
			bool talk = false, known = false;
			for (size_t k = 0; k < v->n_records; k++) {
				const struct record *r = v->records[k];
				char *title = squeeze(r->notice_title);
				if (record_in_week(r, specs[i].week_first) &&
				    strcmp(title, text) == 0) {
					known = true;
					talk = r->type == RT_TALK;
				}
				free(title);
			}
			size_t hl = strlen(heading);
			size_t want = strlen("村务监督（三提醒谈话）");
			bool under = hl >= want && strcmp(heading + hl - want,
			    "村务监督（三提醒谈话）") == 0;
			if (known && talk && under)
				(*n_talks)++;
			if (known && talk != under) {
				misplaced = true;
				printf("      %s: %s under %s\n", specs[i].path, text,
				    heading);
			}
			free(text);
		}
		free(heading);
		free(dump);
	}
	T_CHECK(!misplaced, "%s: the week's reminder talks, and they alone, "
	    "stand under 村务监督（三提醒谈话）", label);
	arena_free(arena);
}


/* The demo county: 何家营村 is last with 3.2 and its reasons; the boards
 * of the villages with surveys show them. */
static void
check_demo_facts(const struct county *c)
{
	struct county_assessment *a = assess_county(c);
	struct arena *arena = arena_new();
	struct poster_spec *specs;
	size_t n = poster_specs(c, a, arena, &specs);

	/* below it only the two villages that have published nothing */
	T_CHECK(a->n_assessed > 3 && strcmp(a->ranking[a->n_assessed - 3]->
	    village->id, "hejiaying") == 0, "demo: 何家营村 ranks third from "
	    "last of %zu", a->n_assessed);
	char rank_row[64], rank_fix[64];
	snprintf(rank_row, sizeof rank_row, "%zu桃河镇何家营村", a->n_assessed - 2);
	snprintf(rank_fix, sizeof rank_fix, "第%zu名何家营村（桃河镇）",
	    a->n_assessed - 2);
	for (size_t i = 0; i < n; i++) {
		if (specs[i].kind == POSTER_ASSESSMENT && specs[i].town == NULL) {
			char *dump = dump_of(c, &specs[i]), *text = joined_text(dump);
			const char *row = find_after(text, NULL, rank_row);
			T_CHECK(row != NULL && find_after(text, row, "3.2差") != NULL,
			    "demo: the ranking's row of 何家营村 with 3.2 差");
			const char *fix = find_after(text, NULL, rank_fix);
			T_CHECK(fix != NULL && find_after(text, fix, "总分3.2（差）需整改"
			    "41项") != NULL, "demo: 何家营村's 41 issues are listed");
			double smallest = 1000, size;
			for (const char *z = dump; (z = strstr(z, " size=")) != NULL;
			    z++)
				if (sscanf(z, " size=%lf", &size) == 1 && size < smallest)
					smallest = size;
			T_CHECK(smallest >= 14, "demo: the county's assessment poster "
			    "prints nothing below 14 pt (%.0f pt)", smallest);
			free(text);
			free(dump);
		}
		if (specs[i].kind == POSTER_BOARD &&
		    strcmp(specs[i].village->id, "xiguan") == 0) {
			char *dump = dump_of(c, &specs[i]);
			T_CHECK(strstr(dump, " trend points=1\n") != NULL &&
			    strstr(dump, "群众满意度测评") != NULL,
			    "demo: 西关社区's board stands its survey trend under "
			    "its heading");
			free(dump);
		}
		if (specs[i].kind == POSTER_BOARD &&
		    strcmp(specs[i].village->id, "wangzhuang") == 0) {
			char *dump = dump_of(c, &specs[i]);
			T_CHECK(strstr(dump, " trend points=1\n") != NULL &&
			    strstr(dump, "群众满意度测评") != NULL &&
			    strstr(dump, "最近一次测评（2026年第三季度）各项") != NULL,
			    "demo: 王庄村's board stands its survey trend and each "
			    "question's rate");
			free(dump);
		}
	}
	arena_free(arena);
	assess_free(a);
}

/* The stress tree: a wide chart on a sheet turned landscape, larger than
 * an upright sheet could print it; twelve surveys as a trend. */
static void
check_stress_facts(const struct county *c)
{
	struct arena *arena = arena_new();
	struct county_assessment *a = assess_county(c);
	struct poster_spec *specs;
	size_t n = poster_specs(c, a, arena, &specs);

	for (size_t i = 0; i < n; i++) {
		char *dump = NULL;
		if (specs[i].kind == POSTER_SERVICE &&
		    strcmp(specs[i].service->id, "wide-relief") == 0) {
			double x, y, w, h, scale, step;
			dump = dump_of(c, &specs[i]);
			const char *f = strstr(dump, "\n  flow ");
			bool ok = f != NULL && sscanf(f, "\n  flow x=%lf y=%lf w=%lf "
			    "h=%lf scale=%lf step=%lfpt", &x, &y, &w, &h, &scale,
			    &step) == 6;
			T_CHECK(ok && strstr(f, " turned\n") != NULL &&
			    strstr(dump, "sheet 2/2 turned page 440.0x317.0mm") != NULL,
			    "stress: the wide chart is on a sheet turned landscape");
			/* upright, its width would allow at most 277 mm of it */
			T_CHECK(ok && scale > 1.15 * 277.0 / (w / scale),
			    "stress: turned, it prints larger than upright could "
			    "(step text %.1f pt)", ok ? step : 0.0);
			T_CHECK(strstr(dump, "line \"办理流程图\"\n    line \"第 2 张 / "
			    "共 2 张\"") != NULL,
			    "stress: the chart's heading is in its sheet's band");
		}
		if (specs[i].kind == POSTER_BOARD &&
		    strcmp(specs[i].village->id, "lijia") == 0) {
			dump = dump_of(c, &specs[i]);
			const char *t = strstr(dump, " trend points=12\n");
			size_t rows = 0;
			for (const char *r = t; r != NULL &&
			    (r = strstr(r, "\n  row ")) != NULL; r++) {
				const char *next = strstr(r + 1, "\n  ");
				rows++;
				/* the rows beside the chart come right after it */
				if (next != NULL && strncmp(next, "\n  row ", 7) != 0 &&
				    strncmp(next, "\n  text ", 8) != 0)
					break;
			}
			T_CHECK(t != NULL && strstr(dump, "sheets 1\n") != NULL,
			    "stress: an empty week's board stands twelve surveys' trend");
			T_CHECK(strstr(dump, "表中为最近 6 次") != NULL,
			    "stress: the table beside the chart says it shows the "
			    "latest six");
			T_CHECK(strstr(dump, "最近一次测评（2026年第10月") == NULL &&
			    strstr(dump, "最近一次测评（2026年10月）各项") != NULL,
			    "stress: each question's rate is the latest survey's");
		}
		if (specs[i].kind == POSTER_ASSESSMENT && specs[i].town == NULL) {
			dump = dump_of(c, &specs[i]);
			size_t headers = 0;
			for (const char *r = dump; (r = strstr(r, "line \"名次\"")) !=
			    NULL; r++)
				headers++;
			struct check_result res = check_dump(dump);
			T_CHECK(headers >= 2 && res.sheets >= 2, "stress: the ranking "
			    "runs onto %zu sheets with its header on each (%zu)",
			    res.sheets, headers);
			buf_free(&res.problems);
		}
		free(dump);
	}
	assess_free(a);
	arena_free(arena);
}

static char root[256];

static void
cleanup(void)
{
	if (root[0])
		remove_tree(root);
}

static void
put(const char *rel, const char *text)
{
	char *path = path_join(root, rel);
	char *dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	mkdir_p(dir, 0755);
	if (file_write_atomic(path, text, strlen(text)) != 0)
		perror(path);
	free(dir);
	free(path);
}

static void
make_stress_tree(void)
{
	char cmd[700];
	const char *src = getenv("NB_ROOT");
	struct buf b = {0};

	snprintf(root, sizeof root, "/tmp/nbposter.XXXXXX");
	if (mkdtemp(root) == NULL)
		exit(3);
	atexit(cleanup);
	snprintf(cmd, sizeof cmd, "cp -R '%s/tests/invalid/_base/.' '%s/'",
	    src ? src : ".", root);
	if (system(cmd) != 0)
		exit(3);

	/* a 300-row assistance list */
	buf_puts(&b, "---\ntype: assistance\ntitle: 2026年11月城乡低保名单（压力测试）\n"
	    "date: 2026-11-24\npower: p23\n"
	    "checked: {by: 张秀英, date: 2026-11-24}\n"
	    "program: 城乡最低生活保障\npeople:\n");
	for (int i = 0; i < 300; i++)
		buf_printf(&b, "  - {name: 村民%03d, household: %d, amount: %d.%02d, "
		    "reason: %s, id_card: 610000********%04d}\n", i + 1, 1 + i % 6,
		    300 + i * 7, i % 100, i % 5 == 0 ? "因病致贫，长期住院治疗，"
		    "家庭收入低于当地最低生活保障标准" : "缺乏劳动力", 1000 + i);
	buf_puts(&b, "---\n名单共300户。\n");
	put("fushui/wangjia/2026/11/2026-11-24-big-list.md", b.data);
	buf_reset(&b);

	/* an 80-character unbroken title, Latin and Chinese */
	buf_puts(&b, "---\ntype: notice\ntitle: ");
	for (int i = 0; i < 8; i++)
		buf_puts(&b, "ABCDEFGHIJ");
	buf_puts(&b, "\ndate: 2026-11-25\n---\n");
	for (int i = 0; i < 4; i++)
		buf_puts(&b, "Supercalifragilisticexpialidocious"
		    "Pneumonoultramicroscopicsilicovolcanoconiosis");
	buf_puts(&b, "\n");
	put("fushui/wangjia/2026/11/2026-11-25-long-title.md", b.data);
	buf_reset(&b);
	buf_puts(&b, "---\ntype: notice\ntitle: ");
	for (int i = 0; i < 8; i++)
		buf_puts(&b, "村级公益事业建设项目资金");
	buf_puts(&b, "\ndate: 2026-11-25\n---\n");
	/* closing punctuation after runs of every length, so that some fall at
	 * the end of a line whatever its width */
	for (int run = 1; run < 60; run++) {
		for (int k = 0; k < run; k++)
			buf_puts(&b, "字");
		buf_puts(&b, run % 3 == 0 ? "。" : run % 3 == 1 ? "，" : "）、");
	}
	buf_puts(&b, "\n");
	put("fushui/wangjia/2026/11/2026-11-25-long-title-cjk.md", b.data);
	buf_reset(&b);

	/* a finance item of 600 characters: its row grows to hold it all
	 * (no cell ends in an ellipsis); a word of 10,000 letters breaks
	 * across lines and sheets */
	buf_puts(&b, "---\ntype: finance\ntitle: 十一月财务收支公开\n"
	    "date: 2026-11-24\npower: p15\n"
	    "checked: {by: 张秀英, date: 2026-11-24}\nperiod: 2026-10\n"
	    "opening: 110.00\nincome:\n  - {item: ");
	for (int i = 0; i < 60; i++)
		buf_puts(&b, "集体土地租金收入说明");
	buf_puts(&b, "尾标记END, amount: 10.00}\nexpense:\n"
	    "  - {item: 办公, amount: 20.00}\nclosing: 100.00\n---\n");
	for (int i = 0; i < 1000; i++)
		buf_puts(&b, "ABCDEFGHIJ");
	buf_puts(&b, "Z\n");
	put("fushui/wangjia/2026/11/2026-11-24-long-item.md", b.data);
	buf_reset(&b);

	/* a wide chart: eight lanes, few layers */
	char *services = NULL;
	size_t services_len = 0;
	char *services_path = path_join(root, "catalog/services.yaml");
	if (file_read(services_path, 1 << 20, &services, &services_len) != 0)
		exit(3);
	buf_put(&b, services, services_len);
	buf_puts(&b, "  - id: wide-relief\n    name: 特困人员救助供养\n"
	    "    materials: [户口簿, 身份证]\n    time_limit: 20 个工作日\n"
	    "    fee: 免费\n    contact: 村便民服务站\n    proxy: false\n"
	    "    flow:\n      lanes: [申请人, 村民小组, 村委会, 村务监督委员会, "
	    "镇政府, 县民政局, 县财政局, 代发银行]\n      steps:\n"
	    "        - {id: a, kind: start, text: 提出申请, lane: 申请人}\n"
	    "        - {id: b, text: 小组评议, lane: 村民小组}\n"
	    "        - {id: c, kind: decision, text: 材料是否齐全, lane: 村委会, "
	    "yes: e, no: d}\n"
	    "        - {id: d, kind: end, text: 一次性告知补齐材料, "
	    "lane: 村务监督委员会}\n"
	    "        - {id: e, text: 镇政府审核, lane: 镇政府, risk: 审核把关不严}\n"
	    "        - {id: f, text: 县民政局审批, lane: 县民政局}\n"
	    "        - {id: g, text: 县财政局拨付资金, lane: 县财政局}\n"
	    "        - {id: h, kind: end, text: 银行发放到户, lane: 代发银行}\n");
	put("catalog/services.yaml", b.data);
	free(services);
	free(services_path);
	buf_reset(&b);

	/* twelve monthly surveys of the village with an empty week: its
	 * board stands them as a trend */
	for (int k = 0; k < 12; k++) {
		int y = k < 2 ? 2025 : 2026, m = k < 2 ? 11 + k : k - 1;
		int py = m == 12 ? y + 1 : y, pm = m == 12 ? 1 : m + 1;
		char rel[96];
		buf_printf(&b, "---\ntype: survey\ntitle: %d年%d月满意度测评\n"
		    "date: %d-%02d-05\npublish: {from: %d-%02d-05, to: %d-%02d-11}\n"
		    "checked: {by: 张秀英, date: %d-%02d-05}\nperiod: %d-%02d\n"
		    "respondents: 100\nitems:\n", y, m, py, pm, py, pm, py, pm, py,
		    pm, y, m);
		buf_printf(&b, "  - {question: 村务公开是否及时, very_satisfied: %d, "
		    "satisfied: 30, neutral: %d, dissatisfied: 5}\n"
		    "  - {question: 低保评议是否公平, very_satisfied: %d, "
		    "satisfied: 28, neutral: %d, dissatisfied: 7}\n---\n测评。\n",
		    30 + k * 3, 35 - k * 3, 28 + k * 3, 37 - k * 3);
		snprintf(rel, sizeof rel, "fushui/lijia/%d/%02d/%d-%02d-05-survey.md",
		    py, pm, py, pm);
		put(rel, b.data);
		buf_reset(&b);
	}

	/* a town of fourteen villages that publish more or less of their
	 * quarterly accounts: a ranking longer than a sheet */
	put("yanhe/town.yaml", "name: 岩河镇\nphone: 0914-0000009\n");
	static const char *const quarters[][2] = {{"2026-Q3", "2026-10-05"},
		{"2026-Q2", "2026-07-05"}, {"2026-Q1", "2026-04-05"},
		{"2025-Q4", "2026-01-05"}};
	for (int v = 1; v <= 14; v++) {
		char rel[96];
		snprintf(rel, sizeof rel, "yanhe/v%02d/village.yaml", v);
		buf_printf(&b, "name: 岩河%02d村\n", v);
		put(rel, b.data);
		buf_reset(&b);
		for (int q = 0; q < v % 5; q++) {
			buf_printf(&b, "---\ntype: finance\ntitle: %s 财务收支公开\n"
			    "date: %s\npower: p15\nchecked: {by: 张秀英, date: %s}\n"
			    "period: %s\nopening: 1000.00\nincome:\n"
			    "  - {item: 租金, amount: 500.00}\nexpense:\n"
			    "  - {item: 办公, amount: 100.00}\n---\n", quarters[q][0],
			    quarters[q][1], quarters[q][1], quarters[q][0]);
			snprintf(rel, sizeof rel, "yanhe/v%02d/%.4s/%.2s/%s-finance.md",
			    v, quarters[q][1], quarters[q][1] + 5, quarters[q][1]);
			put(rel, b.data);
			buf_reset(&b);
		}
		if (v % 5 == 0) {
			snprintf(rel, sizeof rel, "yanhe/v%02d/2026/11/2026-11-02-notice.md",
			    v);
			put(rel, "---\ntype: notice\ntitle: 冬季防火通知\n"
			    "date: 2026-11-02\n---\n注意防火。\n");
		}
	}

	/* a town of thirty villages whose boards are alike but for a notice
	 * a line longer each: the notices after it, an assistance list, the
	 * accounts and a reminder talk, start at every height of a sheet, so
	 * that some headings and tables fall at its foot (sheets.py: none
	 * ends a sheet without its first lines, none splits a table leaving
	 * fewer than two rows on a side) */
	put("tiaoshi/town.yaml", "name: 条石镇\nphone: 0914-0000008\n");
	for (int v = 0; v < 30; v++) {
		char rel[96];
		snprintf(rel, sizeof rel, "tiaoshi/t%02d/village.yaml", v);
		buf_printf(&b, "name: 条石%02d村\n", v);
		put(rel, b.data);
		buf_reset(&b);
		buf_puts(&b, "---\ntype: notice\ntitle: 冬季用电安全通知\n"
		    "date: 2026-11-23\n---\n");
		for (int k = 0; k < v; k++)
			buf_printf(&b, "第%d条：出门前检查电器和插座，不私拉乱接电线。\n\n",
			    k + 1);
		snprintf(rel, sizeof rel, "tiaoshi/t%02d/2026/11/2026-11-23-power.md",
		    v);
		put(rel, b.data);
		buf_reset(&b);
		buf_puts(&b, "---\ntype: assistance\ntitle: 十一月临时救助名单\n"
		    "date: 2026-11-24\npower: p23\n"
		    "checked: {by: 张秀英, date: 2026-11-24}\n"
		    "program: 临时救助\npeople:\n");
		for (int i = 0; i < 5; i++)
			buf_printf(&b, "  - {name: 村民%d, household: %d, amount: "
			    "%d.00, reason: 因病, id_card: 610000********%04d}\n",
			    i + 1, 1 + i, 500 + 100 * i, 2000 + i);
		buf_puts(&b, "---\n名单经村民代表会议评议。\n");
		snprintf(rel, sizeof rel, "tiaoshi/t%02d/2026/11/2026-11-24-aid.md",
		    v);
		put(rel, b.data);
		buf_reset(&b);
		buf_puts(&b, "---\ntype: finance\ntitle: 十月财务收支公开\n"
		    "date: 2026-11-25\npower: p15\n"
		    "checked: {by: 张秀英, date: 2026-11-25}\nperiod: 2026-10\n"
		    "opening: 1000.00\nincome:\n");
		for (int i = 0; i < 6; i++)
			buf_printf(&b, "  - {item: 租金%d, amount: %d.00}\n", i + 1,
			    100 + i);
		buf_puts(&b, "expense:\n  - {item: 办公, amount: 100.00}\n"
		    "  - {item: 水电, amount: 50.00}\n---\n");
		snprintf(rel, sizeof rel,
		    "tiaoshi/t%02d/2026/11/2026-11-25-finance.md", v);
		put(rel, b.data);
		buf_reset(&b);
		buf_puts(&b, "---\ntype: talk\ntitle: 临时救助事前提醒谈话\n"
		    "date: 2026-11-26\npower: p23\n"
		    "checked: {by: 张秀英, date: 2026-11-26}\nphase: before\n"
		    "role: secretary\nby: 镇纪委书记\n---\n"
		    "镇纪委对村党支部书记进行了事前提醒谈话：\n\n"
		    "- 优亲厚友\n- 虚报冒领\n- 截留挪用\n\n"
		    "谈话对象表示将严格按程序办理。\n");
		snprintf(rel, sizeof rel, "tiaoshi/t%02d/2026/11/2026-11-26-talk.md",
		    v);
		put(rel, b.data);
		buf_reset(&b);
	}
	buf_free(&b);
}

int
main(void)
{
	struct county c;
	int32_t today;
	const char *src = getenv("NB_ROOT");
	char *content = path_join(src ? src : ".", "content");

	date_parse("2026-11-27", &today);
	diag_reset();
	county_load(&c, content, today);
	T_INTEQ(diag_count(DIAG_ERROR), 0, "the demo county loads");
	struct buf err = {0};
	T_CHECK(poster_fonts_check(&err), "the poster fonts are installed%s%s",
	    err.data ? ": " : "", err.data ? err.data : "");
	buf_free(&err);
	free(check_posters(&c, "demo", NULL));
	check_assessment(&c, "demo");
	size_t n_trends = 0;
	check_trends(&c, "demo", &n_trends);
	size_t n_talks = 0;
	check_board_talks(&c, "demo", &n_talks);
	T_CHECK(n_talks >= 2, "demo: the boards show reminder talks (%zu)",
	    n_talks);
	T_CHECK(n_trends >= 1, "demo: a board shows the survey trend (%zu)",
	    n_trends);
	check_demo_facts(&c);
	county_free(&c);
	free(content);

	make_stress_tree();
	if (getenv("POSTER_DUMPS") != NULL) {
		/* the stress content beside its dumps, to build and look at */
		char cmd[900];
		snprintf(cmd, sizeof cmd, "rm -rf '%s/stress-content' && cp -R '%s' "
		    "'%s/stress-content'", getenv("POSTER_DUMPS"), root,
		    getenv("POSTER_DUMPS"));
		if (system(cmd) != 0)
			fprintf(stderr, "could not copy the stress content\n");
	}
	diag_reset();
	county_load(&c, root, today);
	T_INTEQ(diag_count(DIAG_ERROR), 0, "the stress tree loads");
	char *big = check_posters(&c, "stress", "wangjia");
	T_CHECK(big != NULL, "the stress board was laid out");
	if (big != NULL) {
		struct check_result r = check_dump(big);
		T_CHECK(r.sheets >= 6, "the 300-row list runs onto more sheets (%zu)",
		    r.sheets);
		buf_free(&r.problems);
		size_t headers = 0, rows = 0;
		for (const char *p = big; (p = strstr(p, "\n  row ")) != NULL; p++) {
			const char *end = strchr(p + 1, '\n');
			const char *h = strstr(p + 1, " header");
			if (h != NULL && (end == NULL || h < end))
				headers++;
			else
				rows++;
		}
		T_CHECK(rows >= 301, "every row of the list is placed (%zu)", rows);
		/* each sheet's first row being a header is checked per sheet */
		T_CHECK(headers >= 5, "the list's header is repeated (%zu headers, "
		    "%zu sheets)", headers, r.sheets);
		T_CHECK(strstr(big, "（续表）") != NULL, "continued tables say 续表");
		T_CHECK(strstr(big, "ABCDEFGHIJABCDEFGHIJ") != NULL ||
		    strstr(big, "ABCDEFGHIJ") != NULL, "the unbroken title is there");
		char *text = joined_text(big);
		T_CHECK(strstr(text, "尾标记END") != NULL && strstr(text, "…") == NULL,
		    "a 600-character table cell is shown whole, not cut with …");
		T_CHECK(strstr(text, "JZ") != NULL, "a word of 10,000 letters is "
		    "shown to its end");
		free(text);
		free(big);
	}
	check_assessment(&c, "stress");
	check_trends(&c, "stress", &n_trends);
	check_stress_facts(&c);
	/* the empty week says so */
	struct arena *arena = arena_new();
	struct poster_spec *specs;
	size_t n = poster_specs(&c, NULL, arena, &specs);
	for (size_t i = 0; i < n; i++) {
		if (specs[i].kind != POSTER_BOARD ||
		    strcmp(specs[i].village->id, "lijia") != 0)
			continue;
		struct buf dump = {0}, e = {0};
		poster_dump(&c, &specs[i], &dump, &e);
		T_CHECK(dump.data && strstr(dump.data, "本周无新公开事项"),
		    "an empty week says 本周无新公开事项");
		T_CHECK(dump.data && strstr(dump.data, "sheets 1\n"),
		    "an empty week fits one sheet");
		T_CHECK(dump.data && strstr(dump.data, "qr version="),
		    "an empty week has the QR code");
		buf_free(&dump);
		buf_free(&e);
	}
	arena_free(arena);
	county_free(&c);
	poster_thread_cleanup();
	return t_done();
}
