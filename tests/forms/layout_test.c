/* layout_test.c: reads the layout dump of every survey form and tally sheet
 * of the demo county (or of FORMS_CONTENT) and checks what an elderly reader
 * and the clerk need: type of at least 14 pt as printed, no text
 * overflowing its box, each answer's box at least 6 mm a side, a form of
 * up to six questions on one sheet, every question and answer on both.
 * With FORMS_DUMPS=DIR the dumps are also written there, to read. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "poster/form.h"
#include "poster/poster.h"
#include "t.h"
#include "util/diag.h"
#include "util/util.h"

struct facts {
	double scale;           /* the format's */
	double smallest;        /* pt, as printed */
	bool overflow;          /* a text that does not fit its box */
	size_t sheets;
	double box_w, box_h;    /* the smallest answer cell, mm as printed */
	size_t n_boxes;
	char *text;             /* every line's text, joined */
};

/* The facts of a dump: its text lines, sizes, and the cells of the rows of
 * five (a question and its four answers). */
static struct facts
read_dump(const char *dump)
{
	struct facts f = {1, 1e9, false, 0, 1e9, 1e9, 0, NULL};
	struct buf text = {0};
	double row_h = 0;
	int cells = -1;         /* the text boxes after a row line */
	double cell_w[8];

	for (const char *p = dump; *p != '\0';) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char line[4096];
		snprintf(line, sizeof line, "%.*s", (int)(len < 4095 ? len : 4095), p);
		double x, y, w, h, size;
		const char *s;
		if (sscanf(line, "format scale=%lf", &f.scale) == 1)
			;
		else if ((s = strstr(line, " sheets ")) != NULL &&
		    strncmp(line, "page ", 5) == 0)
			f.sheets = strtoul(s + 8, NULL, 10);
		if (sscanf(line, "  row x=%lf y=%lf w=%lf h=%lf", &x, &y, &w,
		    &h) == 4) {
			row_h = strstr(line, " header") ? -1 : h;
			cells = 0;
		} else if (sscanf(line, "  text x=%lf y=%lf w=%lf h=%lf", &x, &y,
		    &w, &h) == 4) {
			if (cells >= 0 && cells < 8)
				cell_w[cells++] = w;
			if ((s = strstr(line, " size=")) != NULL &&
			    sscanf(s, " size=%lf", &size) == 1 &&
			    size * f.scale < f.smallest)
				f.smallest = size * f.scale;
			if (strstr(line, " fits=no") != NULL)
				f.overflow = true;
		} else if (strncmp(line, "    line \"", 10) == 0) {
			/* without the word joiners that keep words on a line */
			size_t n = strlen(line + 10) - 1;
			for (const char *c = line + 10; c < line + 10 + n; c++) {
				if (strncmp(c, "\xe2\x81\xa0", 3) == 0)
					c += 2;
				else
					buf_putc(&text, *c);
			}
		} else if (strncmp(line, "  ", 2) == 0 && cells >= 0) {
			cells = -1;
		}
		/* a row of five cells, its answers' boxes (a cell's text box is
		 * 2 mm inside it on either side) */
		if (cells == 5 && row_h > 0) {
			for (int k = 1; k < 5; k++)
				f.box_w = fmin(f.box_w, (cell_w[k] + 4) * f.scale);
			f.box_h = fmin(f.box_h, row_h * f.scale);
			f.n_boxes += 4;
			cells = -1;
		}
		p += len + (end != NULL);
	}
	f.text = text.data ? text.data : xstrdup("");
	return f;
}

static bool
has_text(const char *text, const char *want)
{
	return strstr(text, want) != NULL;
}

int
main(void)
{
	struct county c;
	int32_t today;
	const char *root = getenv("NB_ROOT");
	const char *dumps = getenv("FORMS_DUMPS");
	char *content = getenv("FORMS_CONTENT") ? xstrdup(getenv("FORMS_CONTENT")) :
	    path_join(root ? root : ".", "content");
	size_t n_forms = 0, bad_size = 0, bad_fit = 0, bad_box = 0, bad_sheets = 0,
	    bad_text = 0, bad_tally = 0, failed = 0;
	double smallest = 1e9, box = 1e9;
	struct buf err = {0};

	date_parse("2026-11-27", &today);
	diag_reset();
	county_load(&c, content, today);
	T_INTEQ(diag_count(DIAG_ERROR), 0, "forms: the county loads");
	T_CHECK(poster_fonts_check(&err), "forms: the poster fonts are installed");
	for (size_t t = 0; t < c.n_towns; t++)
	for (size_t i = 0; i < c.towns[t].n_villages; i++) {
		const struct village *v = &c.towns[t].villages[i];
		for (size_t k = 0; k < v->n_records; k++) {
			const struct record *r = v->records[k];
			const struct survey *s = &r->as.survey;
			if (!form_wanted(r))
				continue;
			for (int tally = 0; tally < 2; tally++) {
				struct poster_spec spec = {0};
				struct buf dump = {0};
				form_spec_fill(&c, r, tally ? POSTER_TALLY : POSTER_FORM,
				    &spec);
				spec.path = r->id;
				buf_reset(&err);
				if (poster_dump(&c, &spec, &dump, &err) != 0 ||
				    dump.data == NULL) {
					printf("      %s: %s\n", r->path, err.data ? err.data :
					    "no dump");
					failed++;
					buf_free(&dump);
					continue;
				}
				if (dumps != NULL) {
					char name[512];
					snprintf(name, sizeof name, "%s/%s-%s%s.dump", dumps, v->id,
					    r->id, tally ? "-tally" : "");
					FILE *fp = fopen(name, "w");
					if (fp != NULL) {
						fputs(dump.data, fp);
						fclose(fp);
					}
				}
				struct facts f = read_dump(dump.data);
				n_forms += !tally;
				smallest = fmin(smallest, f.smallest);
				if (f.smallest < 14 - 1e-6) {
					printf("      %s%s: text of %.1f pt\n", r->path,
					    tally ? " (tally)" : "", f.smallest);
					bad_size++;
				}
				if (f.overflow) {
					printf("      %s: a text overflows its box\n", r->path);
					bad_fit++;
				}
				for (size_t q = 0; q < s->n_items; q++)
					if (!has_text(f.text, s->items[q].question)) {
						printf("      %s%s: question %zu missing\n", r->path,
						    tally ? " (tally)" : "", q + 1);
						tally ? bad_tally++ : bad_text++;
					}
				if (!tally) {
					box = fmin(box, fmin(f.box_w, f.box_h));
					if (f.n_boxes != 4 * s->n_items || f.box_w < 6 ||
					    f.box_h < 6) {
						printf("      %s: %zu boxes, smallest %.1fx%.1f mm\n",
						    r->path, f.n_boxes, f.box_w, f.box_h);
						bad_box++;
					}
					if (s->n_items <= 6 && f.sheets != 1) {
						printf("      %s: %zu sheets\n", r->path, f.sheets);
						bad_sheets++;
					}
					if (!has_text(f.text, "不记名") ||
					    !has_text(f.text, "非常满意") ||
					    !has_text(f.text, "基本满意") ||
					    !has_text(f.text, "不满意") ||
					    !has_text(f.text, "填好后请投入") ||
					    !has_text(f.text, v->name)) {
						printf("      %s: the form's words\n", r->path);
						bad_text++;
					}
				} else if (!has_text(f.text, "小计") ||
				    !has_text(f.text, "合计") ||
				    !has_text(f.text, "非常满意（very_satisfied）") ||
				    !has_text(f.text, "参加测评人数（respondents）")) {
					printf("      %s: the tally's words\n", r->path);
					bad_tally++;
				}
				free(f.text);
				buf_free(&dump);
			}
		}
	}
	T_CHECK(n_forms > 0, "forms: the county has survey forms (%zu)", n_forms);
	T_INTEQ(failed, 0, "forms: every form and tally sheet is laid out");
	T_INTEQ(bad_size, 0, "forms: type is at least 14 pt as printed "
	    "(smallest %.1f pt)", smallest);
	T_INTEQ(bad_fit, 0, "forms: every text fits its box");
	T_INTEQ(bad_box, 0, "forms: each answer has a box of at least 6 mm "
	    "(smallest side %.1f mm)", box);
	T_INTEQ(bad_sheets, 0, "forms: a form of up to six questions is one sheet");
	T_INTEQ(bad_text, 0, "forms: every question, the four answers, the village, "
	    "where to hand it in and 不记名 on the form");
	T_INTEQ(bad_tally, 0, "forms: every question, 小计, 合计 and the record's "
	    "keys, each after its Chinese name, on the tally sheet");
	buf_free(&err);
	county_free(&c);
	free(content);
	poster_thread_cleanup();
	return t_done();
}
