/* layout_test.c: reads the poster layout's own text dump for every poster
 * of the demo county and of a stress tree (a 300-row assistance list, an
 * 80-character unbroken title, punctuation at every line end, an empty
 * week) and checks what a printer and a reader need: every box inside the
 * safe area, no two boxes overlapping, no text overflowing its box, type at
 * or above the minimum sizes, headers and 续 / 第 n 张 / 共 N 张 on every
 * continuation sheet, no line starting with closing punctuation.
 * With POSTER_DUMPS=DIR the dumps are also written there, to read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load/load.h"
#include "poster/poster.h"
#include "t.h"
#include "util.h"

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
			if (s.number > 0)
				check_sheet(&r, &s, sx0, sy0, sx1, sy1, n_sheets);
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
		check_sheet(&r, &s, sx0, sy0, sx1, sy1, n_sheets);
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
check_county(const struct county *c, const char *label, const char *want)
{
	struct arena *arena = arena_new();
	struct poster_spec *specs;
	size_t n = poster_specs(c, arena, &specs);
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
	arena_free(arena);
	return kept;
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
	free(check_county(&c, "demo", NULL));
	county_free(&c);
	free(content);

	make_stress_tree();
	diag_reset();
	county_load(&c, root, today);
	T_INTEQ(diag_count(DIAG_ERROR), 0, "the stress tree loads");
	char *big = check_county(&c, "stress", "wangjia");
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
		free(big);
	}
	/* the empty week says so */
	struct arena *arena = arena_new();
	struct poster_spec *specs;
	size_t n = poster_specs(&c, arena, &specs);
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
