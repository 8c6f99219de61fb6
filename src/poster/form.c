/* form.c: a survey's paper form (满意度测评表), which villagers fill in and
 * drop in the suggestion box, and the clerk's tally sheet whose totals are
 * the survey record's numbers; A4, and the forms backend. docs/formats/forms.md */
#include "poster/form.h"

#include <math.h>
#include <string.h>

#include "poster/doc.h"


#define COMMENT_LINES_MIN 3
#define COMMENT_LINES_MAX 14

bool
form_wanted(const struct record *r)
{
	return r->type == RT_SURVEY && !r->draft && r->village != NULL &&
	    r->village->level == LEVEL_VILLAGE;
}

void
form_spec_fill(const struct county *c, const struct record *r,
    enum poster_kind kind, struct poster_spec *s)
{
	const struct format_settings *f = &c->site.formats[FORMAT_FORMS];
	double w = f->width_mm > 0 ? f->width_mm : FORM_WIDTH_MM;
	double h = f->height_mm > 0 ? f->height_mm : FORM_HEIGHT_MM;

	s->kind = kind;
	s->record = r;
	s->village = r->village;
	s->width_mm = w;
	s->height_mm = h;
	/* a larger sheet prints larger type; a smaller one never smaller
	 * type, it takes more sheets */
	s->scale = FORM_SCALE * fmax(1.0, fmin(w / FORM_WIDTH_MM,
	    h / FORM_HEIGHT_MM));
	/* a plain A4 page for the office printer or the photocopier: no bleed
	 * and no crop marks, whatever poster: asks of the boards */
	s->bleed_mm = 0;
	s->no_marks = true;
}

/* ---- what both sheets share ---- */

/* The band's title: the village's name with what the sheet is, when the
 * name is short enough for the title's one line; else only what it is
 * (the subtitle names the village in full). */
static const char *
sheet_title(struct doc *d, const char *what)
{
	const char *name = d->spec->village->name;

	if (utf8_chars(name, strlen(name)) <= 5)
		return arena_printf(d->arena, "%s%s", name, what);
	return what;
}

/* The county, town and village, and the survey's period. */
static void
sheet_subtitle(struct doc *d, const char *note)
{
	const struct record *r = d->spec->record;
	const struct village *v = r->village;
	struct buf b = {0};

	buf_printf(&b, "%s%s%s\n测评期间：", d->county->site.name, v->town->name,
	    v->name);
	compose_period(&b, &r->as.survey.period, r->as.survey.period_text);
	if (note != NULL)
		buf_printf(&b, "　%s", note);
	d->subtitle.text = arena_strdup(d->arena, b.data);
	buf_free(&b);
}

/* The width text takes in role, pt. */
static double
text_width(struct doc *d, enum text_role role, const char *text)
{
	struct rich r = {arena_strdup(d->arena, text), NULL, 0};
	PangoLayout *l = doc_layout_text(d, role, &r, -1, 0, 0, 0);
	int w;

	/* made unwrapped (width -1); a layout of the cache is never changed */
	pango_layout_get_size(l, &w, NULL);
	return (double)w / PANGO_SCALE;
}

/* The answers as the form's headings: the longer ones on two lines, so
 * that the questions have the width. */
static const char *const answers_head[4] = {"非常\n满意", "满意",
	"基本\n满意", "不满意"};

/* The widest line of the headings, pt. */
static double
heads_width(struct doc *d, enum text_role role, const char *const *heads,
    int n)
{
	double w = 0;

	for (int k = 0; k < n; k++) {
		const char *p = heads[k];
		while (*p != '\0') {
			size_t len = strcspn(p, "\n");
			char *line = arena_strndup(d->arena, p, len);
			w = fmax(w, text_width(d, role, line));
			p += len + (p[len] == '\n');
		}
	}
	return w;
}

/* The footer: the hotline, and on the form the QR code of the village's
 * page, where the survey's results are published (the tally sheet stays in
 * the clerk's office: its body has the room); no town phone, to leave the
 * body room. */
static int
sheet_footer(struct doc *d, bool qr, struct buf *err)
{
	const struct county *c = d->county;
	const struct village *v = d->spec->village;

	d->hotline = c->site.hotline;
	d->band_src = v->pos;
	d->src = d->spec->record->pos;
	if (!qr)
		return 0;
	if (compose_qr(d, arena_printf(d->arena, "%s%s/%s/", c->site.base_url,
	    v->town->id, v->id), err) != 0)
		return -1;
	/* modules of 1 mm (0.9 mm printed, 10 pixels at 300 dpi) rather than a
	 * board's larger code: read at arm's length. (Its preview is drawn
	 * finer, so that the code scans there too: draw_png.) */
	d->qr_module = MM(1);
	return 0;
}

/* ---- the form ---- */

/* Everything the form says, with comment_lines ruled lines for comments. */
static int
form_body(struct doc *d, int comment_lines, struct buf *err)
{
	const struct record *r = d->spec->record;
	const struct survey *s = &r->as.survey;
	const struct village *v = r->village;
	double body_w = d->trim_w - 2 * d->safe, frac[5];
	static const int align[5] = {0, 1, 1, 1, 1};
	const char *head[5] = {"测评内容", answers_head[0], answers_head[1],
		answers_head[2], answers_head[3]};
	struct rich intro = {0};
	struct buf b = {0};

	d->title = sheet_title(d, "满意度测评表");
	sheet_subtitle(d, NULL);
	d->meta_title = arena_printf(d->arena, "%s%s满意度测评表 %s", v->town->name,
	    v->name, r->title);
	if (sheet_footer(d, true, err) != 0)
		return -1;

	doc_text(d, TR_LEAD, r->title)->space_before = 0;
	buf_puts(&b, "本表不记名，");
	size_t bold_end = b.len;
	buf_puts(&b, "请放心填写。每题在您选中的格内打“√”，只选一项。");
	intro.text = arena_strdup(d->arena, b.data);
	rich_bold(d->arena, &intro, 0, bold_end);
	doc_rich(d, TR_BODY, intro)->space_before = MM(2);
	buf_reset(&b);

	/* one row a question; the four answers' cells are the boxes to tick,
	 * as wide as their headings (with 2 mm of padding a side and 2 mm
	 * spare), the question the rest */
	double col = heads_width(d, TR_LEAD, answers_head, 4) + MM(6);
	frac[0] = 1 - 4 * col / body_w;
	for (int k = 1; k < 5; k++)
		frac[k] = col / body_w;
	struct table *t = doc_table(d, 5, frac, align, "满意度测评表", head);
	t->role = TR_BODY;
	t->head_role = TR_LEAD;
	t->header->role = TR_LEAD;
	t->header->space_before = MM(3);
	t->cont->role = TR_BODY;
	for (size_t i = 0; i < s->n_items; i++) {
		const char *cells[5] = {arena_printf(d->arena, "%zu. %s", i + 1,
			s->items[i].question), "", "", "", ""};
		d->src = s->items[i].pos;
		doc_row(d, t, 0, cells);
	}
	d->src = r->pos;

	/* ruled lines to write on, framed */
	static const double one[1] = {1};
	const char *comments[1] = {"您对村务公开和村里的工作还有什么意见和建议？"
		"（可不填）"};
	struct table *lines = doc_table(d, 1, one, NULL, "意见和建议",
	    comments);
	lines->role = TR_BODY;     /* lines 10 mm apart as printed */
	lines->head_role = TR_LEAD;
	lines->header->role = TR_LEAD;
	lines->header->space_before = MM(5);
	lines->cont->role = TR_BODY;
	for (int i = 0; i < comment_lines; i++) {
		const char *empty[1] = {""};
		doc_row(d, lines, 0, empty);
	}

	/* where to hand it in */
	if (v->suggestion_box != NULL)
		buf_printf(&b, "%s", v->suggestion_box);
	else
		buf_puts(&b, "村委会意见箱，或交给村务监督委员会成员");
	buf_puts(&b, "。测评结果在村务公开栏公布。");
	struct block *hand = compose_labelled(d, TR_BODY, "填好后请投入", b.data);
	hand->space_before = MM(3);
	if (v->suggestion_box != NULL)
		hand->src = v->pos;
	buf_free(&b);
	return 0;
}

/* How many comment lines fill the form's last sheet: the form laid out
 * with one, and the room left below it counted in lines of that height;
 * at least COMMENT_LINES_MIN. */
static int
comment_lines_fitting(const struct doc *d, struct buf *err)
{
	struct doc *trial = doc_new(d->county, d->spec, err);
	int lines = COMMENT_LINES_MIN;

	if (trial == NULL)
		return -1;
	if (form_body(trial, 1, err) != 0) {
		doc_free(trial);
		return -1;
	}
	int rc = doc_layout(trial, err);
	if (rc < 0) {
		doc_free(trial);
		return -1;
	}
	if (rc == 0 && trial->n_sheets >= 1) {
		const struct sheet *s = &trial->sheets[trial->n_sheets - 1];
		double bottom = 0, line_h = 0;
		for (size_t i = 0; i < s->n; i++) {
			const struct placed *p = &s->items[i];
			if (p->kind != PL_BLOCK)
				continue;
			bottom = fmax(bottom, p->y + p->h);
			/* the comment line: the one row with no text */
			if (p->block->kind == BK_ROW && p->block->n_cells == 1 &&
			    !(p->block->row_flags & ROW_HEADER) &&
			    p->block->cells[0].text[0] == '\0')
				line_h = p->h;
		}
		if (line_h > 0) {
			int more = (int)floor((trial->body_bottom - bottom) / line_h);
			lines = 1 + (more > 0 ? more : 0);
		}
	}
	doc_free(trial);
	if (lines < COMMENT_LINES_MIN)
		lines = COMMENT_LINES_MIN;
	if (lines > COMMENT_LINES_MAX)
		lines = COMMENT_LINES_MAX;
	return lines;
}

int
compose_form(struct doc *d, struct buf *err)
{
	int lines = comment_lines_fitting(d, err);

	if (lines < 0)
		return -1;
	return form_body(d, lines, err);
}

/* ---- the tally sheet ---- */

int
compose_tally(struct doc *d, struct buf *err)
{
	const struct record *r = d->spec->record;
	const struct survey *s = &r->as.survey;
	const struct village *v = r->village;
	double body_w = d->trim_w - 2 * d->safe, frac[6];
	static const int align[6] = {1, 1, 1, 1, 1, 1};
	const char *head[6] = {"", survey_answer_labels[0],
		survey_answer_labels[1], survey_answer_labels[2],
		survey_answer_labels[3], "合计"};

	/* short enough for a later sheet's band beside its counter */
	d->title = "测评统计表";
	sheet_subtitle(d, "村干部统计用");
	d->meta_title = arena_printf(d->arena, "%s%s测评统计表 %s", v->town->name,
	    v->name, r->title);
	if (sheet_footer(d, false, err) != 0)
		return -1;

	doc_text(d, TR_LEAD, r->title)->space_before = 0;
	doc_text(d, TR_BODY, "每拿起一张收回的测评表，在每题所选答案的“计票”格里画"
	    "一笔，五笔写成一个“正”字。画完后，在“小计”行写上每格的笔画数，在"
	    "“合计”栏写上这一题四格之和。")->space_before = MM(2);
	compose_labelled(d, TR_BIG, "收回测评表", "＿＿＿＿＿ 份（参加测评人数）")
	    ->space_before = MM(3);

	/* the labels' column and the total's as their words need, the four
	 * answers' strokes the rest */
	static const char *const labels[2] = {"小计", "合计"};
	double side = heads_width(d, TR_LEAD, labels, 2) + MM(8);
	frac[0] = frac[5] = side / body_w;
	for (int k = 1; k < 5; k++)
		frac[k] = (1 - 2 * frac[0]) / 4;
	struct table *t = doc_table(d, 6, frac, align, "测评统计表", head);
	t->role = TR_BODY;
	t->head_role = TR_LEAD;
	t->header->role = TR_LEAD;
	t->header->space_before = MM(3);
	t->cont->role = TR_BODY;
	for (size_t i = 0; i < s->n_items; i++) {
		const char *question[1] = {arena_printf(d->arena, "%zu. %s", i + 1,
			s->items[i].question)};
		/* two lines high: room for some twenty 正 a cell */
		const char *strokes[6] = {"计\n票", "", "", "", "", ""};
		const char *counts[6] = {"小计", "", "", "", "", ""};
		d->src = s->items[i].pos;
		doc_row(d, t, ROW_SPAN, question)->keep_with_next = true;
		doc_row(d, t, 0, strokes)->keep_with_next = true;
		doc_row(d, t, ROW_TOTAL, counts);
	}
	d->src = r->pos;

	/* what the totals are for: in the words the clerk reads, each with
	 * the record's field after it in brackets for whoever types the
	 * record, the two never on different lines */
	static const char *const fields[SURVEY_ANSWERS] = {"very_satisfied",
		"satisfied", "neutral", "dissatisfied"};
	struct buf b = {0};
	buf_puts(&b, "每题的四个小计，就是测评记录里这一题的四个数：");
	for (int k = 0; k < SURVEY_ANSWERS; k++) {
		if (k > 0)
			buf_puts(&b, "、");
		compose_joined(&b, arena_printf(d->arena, "%s（%s）",
		    survey_answer_labels[k], fields[k]));
	}
	buf_puts(&b, "；收回的份数就是");
	compose_joined(&b, "参加测评人数（respondents）");
	buf_puts(&b, "。每题合计应等于收回的份数；有人没答的题会少一些，检查时会提示，"
	    "核对无误即可。");
	doc_text(d, TR_BODY, b.data)->space_before = MM(4);
	buf_free(&b);
	compose_labelled(d, TR_BIG, "统计人", "＿＿＿＿　监督人：＿＿＿＿"
	    "　日期：＿＿＿＿")->space_before = MM(6);
	return 0;
}

