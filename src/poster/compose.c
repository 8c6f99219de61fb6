/* compose.c: what each poster says. A village's weekly board (the notices
 * current in the week, grouped by the four disclosure processes, the
 * reminder talks apart), the power list, the responsibility lists and the
 * service guides, as blocks. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "media/image.h"
#include "poster/doc.h"
#include "poster/flowlink.h"
#include "util/md.h"

const unsigned survey_colors[4] = {0x1b5e20, 0x66bb6a, 0xf9a825, 0xc62828};

/* ---- small formatters of this file (blocks.c has the shared ones) ---- */

static void
put_money(struct buf *b, int64_t fen)
{
	char s[32];
	money_format(fen, s);
	buf_puts(b, s);
}

static const char *
money_str(struct doc *d, int64_t fen)
{
	char s[32];
	money_format(fen, s);
	return arena_strdup(d->arena, s);
}

static const char *
int_str(struct doc *d, int v)
{
	return v < 0 ? "—" : arena_printf(d->arena, "%d", v);
}

static struct block *
text_from(struct doc *d, enum text_role role, struct buf *b)
{
	struct block *blk = doc_text(d, role, b->data ? b->data : "");
	buf_reset(b);
	return blk;
}

/* ---- Markdown: paragraphs and lists as plain text, strong as bold ---- */

struct inl {
	struct buf text;
	size_t *bold;          /* start, end pairs */
	size_t n_bold, cap_bold;
};

static bool
last_is_ascii(const struct buf *b)
{
	return b->len > 0 && (unsigned char)b->data[b->len - 1] < 0x80 &&
	    b->data[b->len - 1] != '\n';
}

static void inline_walk(struct inl *in, cmark_node *node);

static void
inline_one(struct inl *in, cmark_node *c)
{
	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE: {
		const char *lit = cmark_node_get_literal(c);
		buf_puts(&in->text, lit ? lit : "");
		break;
	}
	case CMARK_NODE_SOFTBREAK: {
		/* Chinese runs on without a space; Latin words need one */
		cmark_node *n = cmark_node_next(c);
		const char *lit = n ? cmark_node_get_literal(n) : NULL;
		if (last_is_ascii(&in->text) && lit != NULL &&
		    (unsigned char)lit[0] < 0x80)
			buf_putc(&in->text, ' ');
		break;
	}
	case CMARK_NODE_LINEBREAK:
		buf_putc(&in->text, '\n');
		break;
	case CMARK_NODE_STRONG: {
		size_t start = in->text.len;
		inline_walk(in, c);
		if (in->n_bold + 2 > in->cap_bold) {
			in->cap_bold = in->cap_bold ? in->cap_bold * 2 : 8;
			in->bold = xrealloc(in->bold,
			    in->cap_bold * sizeof *in->bold);
		}
		in->bold[in->n_bold++] = start;
		in->bold[in->n_bold++] = in->text.len;
		break;
	}
	case CMARK_NODE_HTML_INLINE:
		break;    /* raw HTML is never published */
	default:
		inline_walk(in, c);
		break;
	}
}

static void
inline_walk(struct inl *in, cmark_node *node)
{
	for (cmark_node *c = cmark_node_first_child(node); c != NULL;
	    c = cmark_node_next(c))
		inline_one(in, c);
}

/* What a text takes across, in halves of a Chinese character (a digit or
 * a Latin letter is about one), whole and at least: its longest run that
 * no line should break (a number, a word, an address, or a short Chinese
 * label such as 合计 or 立方米), longer Chinese text two characters. */
static void
text_units(const char *s, double *whole, double *least)
{
	double run = 0, cjk_run = 0;
	size_t len = strlen(s);

	*whole = 0;
	*least = 0;
	for (size_t i = 0; i <= len;) {
		uint32_t cp = 0;
		int n = i < len ? utf8_decode(s + i, len - i, &cp) : 1;
		if (n <= 0)
			n = 1;
		bool wide = i < len && n >= 3;
		bool space = i == len || cp == ' ';
		if (!wide && !space) {
			run += 1.1;
		} else {
			if (run > *least)
				*least = run;
			run = 0;
		}
		if (wide)
			cjk_run += 2;
		if (i < len)
			*whole += wide ? 2 : space ? 1 : 1.1;
		i += (size_t)n;
	}
	/* a short Chinese label stays on one line; longer text wraps */
	double cjk_least = *whole <= 10 ? *whole : 4;
	if (cjk_run > 0 && cjk_least > *least)
		*least = cjk_least;
}

/* Column widths as fractions: every column its whole text when the
 * table is wide enough; else each its least and the rest shared by what
 * each still wants (the way a browser lays out a table); else by least. */
static void
column_fracs(int n, const double *whole, const double *least, double avail,
    double *frac)
{
	double sum_whole = 0, sum_least = 0, extra = 0;

	for (int i = 0; i < n; i++) {
		sum_whole += whole[i];
		sum_least += least[i];
	}
	for (int i = 0; i < n; i++) {
		if (sum_whole <= avail)
			frac[i] = whole[i] / sum_whole;
		else if (sum_least < avail)
			frac[i] = least[i];
		else
			frac[i] = least[i] / sum_least;
	}
	if (sum_whole <= avail || sum_least >= avail)
		return;
	extra = sum_whole - sum_least;
	for (int i = 0; i < n; i++)
		frac[i] = (frac[i] + (avail - sum_least) * (whole[i] - least[i]) /
		    extra) / avail;
}

/* Whether a row's cells, wrapped in their columns, would take more than
 * half a sheet's height: an estimate from the cells' units (half a 16 pt
 * character, 8 pt) and a line of about 24 pt. */
static bool
row_too_tall(const struct doc *d, const char *const *cells, const double *frac,
    int n, double width)
{
	for (int i = 0; i < n; i++) {
		double whole, least;
		double units = (frac[i] * width - MM(4)) / 8;
		text_units(cells[i], &whole, &least);
		if (units < 1)
			units = 1;
		if (ceil(whole / units) * 24 > (d->trim_h - 2 * d->safe) / 2)
			return true;
	}
	return false;
}

/* A Markdown table as a table of the poster's own style: its header again
 * on every later sheet, rows never split, columns as wide as their content
 * asks (a long column wraps rather than starving the short ones), numbers
 * right-aligned, a 合计 row bold. Columns past the poster's most are
 * joined into the last one. */
static void
md_table(struct doc *d, cmark_node *table, const char *caption, int body_line)
{
	int n_cols = md_table_columns(table), shown;
	double want[TABLE_MAX_COLS] = {0}, need[TABLE_MAX_COLS] = {0};
	double frac[TABLE_MAX_COLS], avail, width;
	const char *heads[TABLE_MAX_COLS] = {NULL};
	int align[TABLE_MAX_COLS];
	bool numeric[TABLE_MAX_COLS], any[TABLE_MAX_COLS] = {false};
	const char *cells[TABLE_MAX_COLS];
	struct buf text = {0};
	struct pos saved = d->src;
	struct table *t = NULL;

	if (n_cols <= 0)
		return;
	shown = n_cols < TABLE_MAX_COLS ? n_cols : TABLE_MAX_COLS;
	for (int i = 0; i < shown; i++)
		numeric[i] = true;
	/* first pass: widths and which columns hold numbers */
	for (cmark_node *row = cmark_node_first_child(table); row != NULL;
	    row = cmark_node_next(row)) {
		bool header = md_row_is_header(row);
		bool total = !header && md_row_is_total(row);
		int col = 0;
		double joined = 0;      /* the last column's, with the rest */
		for (cmark_node *cell = cmark_node_first_child(row); cell != NULL;
		    cell = cmark_node_next(cell), col++) {
			int at = col < shown ? col : shown - 1;
			char plain[64];
			bool empty;
			double whole, least;
			buf_reset(&text);
			md_plain_text(cell, &text);
			text_units(text.data, &whole, &least);
			if (header || total) {      /* bold is wider */
				whole *= 1.1;
				least *= 1.1;
			}
			if (at == shown - 1)
				whole = joined += whole + (col >= shown ? 3.3 : 0);
			if (whole > want[at])
				want[at] = whole;
			if (least > need[at])
				need[at] = least;
			if (header || total)
				continue;
			if (md_cell_number(text.data, plain, sizeof plain, &empty))
				any[at] = true;
			else if (!empty)
				numeric[at] = false;
		}
	}
	for (int i = 0; i < shown; i++) {
		char a = md_table_align(table, i);
		/* an address needs no more than this before it wraps */
		if (need[i] > 20)
			need[i] = 20;
		if (need[i] < 2)
			need[i] = 2;
		if (want[i] < need[i])
			want[i] = need[i];
		align[i] = a == 'r' ? 2 : a == 'c' ? 1 : a == 'l' ? 0 :
		    (numeric[i] && any[i]) ? 2 : 0;
	}
	/* the units a row has: the table's width at the body's size (a unit,
	 * half a 16 pt character, is 8 pt) less each cell's padding */
	width = d->trim_w - 2 * d->safe;
	avail = (width - shown * MM(4)) / 8;
	/* one cell of a page's text must not starve the other columns */
	for (int i = 0; i < shown; i++)
		if (want[i] > avail / 2 && need[i] < avail / 2)
			want[i] = avail / 2;
	column_fracs(shown, want, need, avail, frac);
	for (int i = 0; i < shown; i++)
		frac[i] = (frac[i] * avail * 8 + MM(4)) / width;
	/* second pass: the rows */
	for (cmark_node *row = cmark_node_first_child(table); row != NULL;
	    row = cmark_node_next(row)) {
		struct buf col_text[TABLE_MAX_COLS] = {{0}};
		int col = 0;
		if (body_line > 0 && d->src.path != NULL) {
			d->src.line = body_line + cmark_node_get_start_line(row) - 1;
			d->src.col = 1;
		}
		for (cmark_node *cell = cmark_node_first_child(row); cell != NULL;
		    cell = cmark_node_next(cell), col++) {
			int at = col < shown ? col : shown - 1;
			if (col >= shown)
				buf_puts(&col_text[at], " / ");
			md_plain_text(cell, &col_text[at]);
		}
		for (int i = 0; i < shown; i++)
			cells[i] = col_text[i].data ? col_text[i].data : "";
		if (md_row_is_header(row)) {
			t = doc_table(d, shown, frac, align, caption, cells);
			t->header->space_before = MM(2);
			for (int i = 0; i < shown; i++)
				heads[i] = arena_strdup(d->arena, cells[i]);
		} else if (t != NULL && row_too_tall(d, cells, frac, shown,
		    width)) {
			/* a row no sheet could hold whole: its cells as lines
			 * "column：text", which may go on to the next sheet */
			for (int i = 0; i < shown; i++)
				if (*cells[i] != '\0')
					compose_labelled(d, TR_BODY, heads[i], cells[i]);
		} else if (t != NULL) {
			doc_row(d, t, md_row_is_total(row) ? ROW_TOTAL : 0, cells);
		}
		for (int i = 0; i < shown; i++)
			buf_free(&col_text[i]);
	}
	d->src = saved;
	buf_free(&text);
}

/* A record's photo on the board: centred in the text's width at the
 * size media_print_frame gives it, its caption below and kept with it. */
static void
compose_photo(struct doc *d, const struct record_file *f, const char *caption)
{
	double room_mm = (d->trim_w - 2 * d->safe) / PT_PER_MM, w_mm, h_mm;
	struct block *b;

	media_print_frame(f->width, f->height, room_mm, &w_mm, &h_mm);
	if (w_mm <= 0 || h_mm <= 0)
		return;
	b = doc_add(d, BK_PHOTO);
	b->photo = f;
	b->photo_w = MM(w_mm);
	b->photo_h = MM(h_mm);
	b->space_before = MM(3);
	if (caption != NULL && *caption != '\0') {
		struct block *c;
		b->keep_with_next = true;
		c = doc_text(d, TR_META, caption);
		c->style = TS_CENTER;
		c->space_before = MM(1.5);
	}
}

/* The record's photo an image node shows, or NULL (not an image, or not a
 * file the loader kept: its words are then text). */
static const struct record_file *
photo_of(const struct doc *d, cmark_node *node)
{
	const struct record *r = d->body_of;
	const char *url;

	if (r == NULL || cmark_node_get_type(node) != CMARK_NODE_IMAGE ||
	    (url = cmark_node_get_url(node)) == NULL)
		return NULL;
	for (size_t i = 0; i < r->n_files; i++)
		if (r->files[i].image && strcmp(r->files[i].url, url) == 0)
			return &r->files[i];
	return NULL;
}

/* The text gathered in in (after skip bytes of prefix) as a paragraph, in
 * bold when it is a heading; in is emptied. */
static void
para_flush(struct doc *d, struct inl *in, size_t skip, bool heading,
    double indent)
{
	bool blank = true;

	for (size_t i = skip; i < in->text.len && blank; i++)
		blank = in->text.data[i] == ' ' || in->text.data[i] == '\n';
	if (!blank) {
		struct rich r = {arena_strndup(d->arena, in->text.data,
		    in->text.len), NULL, 0};
		for (size_t i = 0; i + 1 < in->n_bold; i += 2)
			rich_bold(d->arena, &r, in->bold[i], in->bold[i + 1]);
		if (heading)
			rich_bold(d->arena, &r, skip, in->text.len);
		struct block *b = doc_rich(d, TR_BODY, r);
		b->indent = indent;
		b->hang_bytes = skip;
		b->space_before = MM(2);
	}
	buf_reset(&in->text);
	in->n_bold = 0;
}

static void
md_block(struct doc *d, cmark_node *node, double indent, const char *prefix,
    const char *caption, int body_line)
{
	if (md_is_table(node)) {
		md_table(d, node, caption, body_line);
		return;
	}
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING: {
		struct inl in = {0};
		bool heading = cmark_node_get_type(node) == CMARK_NODE_HEADING;
		buf_puts(&in.text, prefix ? prefix : "");
		size_t skip = in.text.len;
		for (cmark_node *c = cmark_node_first_child(node); c != NULL;
		    c = cmark_node_next(c)) {
			const struct record_file *f = photo_of(d, c);
			if (f == NULL) {
				inline_one(&in, c);
				continue;
			}
			/* a photo of the record: the text before it, then the
			 * photo with its words as the caption */
			para_flush(d, &in, skip, heading, indent);
			skip = 0;
			struct buf words = {0};
			md_plain_text(c, &words);
			compose_photo(d, f, words.data);
			buf_free(&words);
		}
		para_flush(d, &in, skip, heading, indent);
		free(in.bold);
		buf_free(&in.text);
		break;
	}
	case CMARK_NODE_CODE_BLOCK: {
		const char *lit = cmark_node_get_literal(node);
		struct block *b = doc_text(d, TR_BODY, lit ? lit : "");
		b->indent = indent;
		b->space_before = MM(2);
		break;
	}
	case CMARK_NODE_LIST: {
		bool ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
		int n = ordered ? cmark_node_get_list_start(node) : 1;
		for (cmark_node *item = cmark_node_first_child(node); item != NULL;
		    item = cmark_node_next(item), n++) {
			char mark[24];
			snprintf(mark, sizeof mark, ordered ? "%d. " : "• ", n);
			bool first = true;
			for (cmark_node *c = cmark_node_first_child(item); c != NULL;
			    c = cmark_node_next(c)) {
				md_block(d, c, first ? indent : indent + MM(8),
				    first ? mark : NULL, caption, body_line);
				first = false;
			}
		}
		break;
	}
	case CMARK_NODE_BLOCK_QUOTE:
		for (cmark_node *c = cmark_node_first_child(node); c != NULL;
		    c = cmark_node_next(c))
			md_block(d, c, indent + MM(8), NULL, caption,
			    body_line);
		break;
	default:
		break;    /* raw HTML blocks and rules are not shown */
	}
}

void
compose_markdown(struct doc *d, const char *md, const char *caption,
    int body_line)
{
	if (md == NULL || *md == '\0')
		return;
	cmark_node *doc = md_parse(md, strlen(md));
	for (cmark_node *c = cmark_node_first_child(doc); c != NULL;
	    c = cmark_node_next(c))
		md_block(d, c, 0, NULL, caption, body_line);
	cmark_node_free(doc);
}

/* ---- a notice on the board ---- */

static void
compose_decision(struct doc *d, const struct record *r)
{
	static const double frac[] = {.32, .16, .104, .104, .104, .104, .104};
	static const int align[] = {0, 1, 1, 1, 1, 1, 1};
	static const char *const head[] = {"决策程序", "日期", "应到", "实到",
		"赞成", "反对", "弃权"};
	const struct decision *dec = &r->as.decision;
	struct buf b = {0};

	if (dec->one_matter)
		compose_labelled(d, TR_BODY, "决策方式", "一事一议");
	struct table *t = doc_table(d, 7, frac, align, r->title, head);
	t->header->space_before = MM(2);
	for (size_t i = 0; i < dec->n_stages; i++) {
		const struct stage *s = &dec->stages[i];
		const char *cells[7];
		cells[0] = s->step == STAGE_RESOLVE ?
		    (s->body == BODY_ASSEMBLY ? "村民会议决议" : "村民代表会议决议") :
		    stage_step_label(s->step);
		/* the year when it is not the notice's */
		compose_date(&b, s->date, s->date != DATE_NONE &&
		    !date_same_year(s->date, r->publish_from != DATE_NONE ?
		    r->publish_from : r->date));
		cells[1] = arena_strdup(d->arena, b.data);
		buf_reset(&b);
		if (s->has_vote) {
			cells[2] = int_str(d, s->vote.total);
			cells[3] = int_str(d, s->vote.present);
			cells[4] = int_str(d, s->vote.votes_for);
			cells[5] = int_str(d, s->vote.against);
			cells[6] = int_str(d, s->vote.abstain);
		} else {
			for (int k = 2; k < 7; k++)
				cells[k] = "—";
		}
		doc_row(d, t, 0, cells);
	}
	if (dec->outcome != OUTCOME_NONE) {
		struct rich rr = {0};
		rr.text = arena_printf(d->arena, "表决结果：%s",
		    dec->outcome == OUTCOME_ADOPTED ? "通过" :
		    decision_ended_at_review(dec) ? "党员大会审议未通过，事项终止" :
		    "未通过");
		rich_color(d->arena, &rr, strlen("表决结果："), strlen(rr.text),
		    dec->outcome == OUTCOME_ADOPTED ? 0x1b5e20 : 0xb71c1c);
		struct block *o = doc_rich(d, TR_LEAD, rr);
		o->space_before = MM(2);
	}
	buf_free(&b);
}

static void
compose_finance(struct doc *d, const struct record *r)
{
	static const double frac[] = {.68, .32};
	static const int align[] = {0, 2};
	static const char *const head[] = {"项目", "金额（元）"};
	const struct finance *f = &r->as.finance;
	struct buf b = {0};

	compose_period(&b, &f->period, f->period_text);
	compose_labelled(d, TR_BODY, "公开期间", b.data)->keep_with_next = true;
	buf_free(&b);
	struct table *t = doc_table(d, 2, frac, align, r->title, head);
	t->header->space_before = MM(2);
	const char *row[2];
	row[0] = "期初余额";
	row[1] = money_str(d, f->opening_fen);
	doc_row(d, t, ROW_TOTAL, row);
	row[0] = "一、收入";
	doc_section_row(d, t, row[0]);
	doc_row(d, t, ROW_SPAN, row)->keep_with_next = true;
	for (size_t i = 0; i < f->n_income; i++) {
		row[0] = f->income[i].item;
		row[1] = money_str(d, f->income[i].amount_fen);
		d->src = f->income[i].pos;
		doc_row(d, t, 0, row);
	}
	d->src = r->pos_title;
	row[0] = "收入合计";
	row[1] = money_str(d, f->income_fen);
	doc_row(d, t, ROW_TOTAL, row);
	row[0] = "二、支出";
	doc_section_row(d, t, row[0]);
	doc_row(d, t, ROW_SPAN, row)->keep_with_next = true;
	for (size_t i = 0; i < f->n_expense; i++) {
		row[0] = f->expense[i].item;
		row[1] = money_str(d, f->expense[i].amount_fen);
		d->src = f->expense[i].pos;
		doc_row(d, t, 0, row);
	}
	d->src = r->pos_title;
	row[0] = "支出合计";
	row[1] = money_str(d, f->expense_fen);
	doc_row(d, t, ROW_TOTAL, row);
	doc_section_rows_end(d);
	row[0] = "期末余额";
	row[1] = money_str(d, f->closing_fen);
	doc_row(d, t, ROW_TOTAL, row);
}

static void
compose_assistance(struct doc *d, const struct record *r)
{
	static const double frac[] = {.08, .13, .10, .15, .28, .26};
	static const int align[] = {1, 1, 1, 2, 0, 1};
	static const char *const head[] = {"序号", "姓名", "家庭人口", "金额（元）",
		"原因", "身份证号"};
	const struct assistance *a = &r->as.assistance;
	struct buf b = {0};

	compose_labelled(d, TR_BODY, "救助项目", a->program);
	if (a->period.kind != PERIOD_NONE) {
		compose_period(&b, &a->period, a->period_text);
		compose_labelled(d, TR_BODY, "发放期间", b.data);
		buf_reset(&b);
	}
	buf_printf(&b, "共 %zu 户，金额合计 ", a->n_people);
	put_money(&b, a->total_fen);
	buf_puts(&b, " 元");
	compose_labelled(d, TR_BODY, "本次公示", b.data)->keep_with_next = true;
	buf_free(&b);
	struct table *t = doc_table(d, 6, frac, align, r->notice_title, head);
	t->header->space_before = MM(2);
	if (a->n_people > 40) {
		/* a long list: denser type, still well above 12 pt */
		t->role = TR_CATALOG_TABLE;
		t->head_role = TR_CATALOG_HEAD;
		t->header->role = TR_CATALOG_HEAD;
	}
	for (size_t i = 0; i < a->n_people; i++) {
		const struct beneficiary *p = &a->people[i];
		const char *cells[6];
		cells[0] = int_str(d, (int)i + 1);
		cells[1] = p->name;
		cells[2] = p->household < 0 ? "—" :
		    arena_printf(d->arena, "%d 人", p->household);
		cells[3] = money_str(d, p->amount_fen);
		cells[4] = p->reason ? p->reason : "";
		cells[5] = p->id_card ? p->id_card : "";
		d->src = p->pos;
		doc_row(d, t, 0, cells);
	}
	d->src = r->pos_title;
	const char *total[6] = {"合计", arena_printf(d->arena, "%zu 户",
		a->n_people), "", money_str(d, a->total_fen), "", ""};
	doc_row(d, t, ROW_TOTAL, total);
}

static void
compose_survey(struct doc *d, const struct record *r)
{
	const struct survey *s = &r->as.survey;
	struct buf b = {0};

	compose_period(&b, &s->period, s->period_text);
	buf_printf(&b, "，参加测评 %d 人", s->respondents);
	compose_labelled(d, TR_BODY, "测评期间", b.data);
	buf_reset(&b);
	for (size_t i = 0; i < s->n_items; i++) {
		const struct survey_item *it = &s->items[i];
		int counts[4] = {it->very_satisfied, it->satisfied, it->neutral,
			it->dissatisfied};
		int sum = counts[0] + counts[1] + counts[2] + counts[3];
		struct block *q = compose_item(d, TR_BODY,
		    arena_printf(d->arena, "%zu. ", i + 1), it->question, 0);
		q->space_before = MM(4);
		q->keep_with_next = true;
		struct block *bar = doc_add(d, BK_STACKBAR);
		memcpy(bar->counts, counts, sizeof counts);
		bar->space_before = MM(1.5);
		bar->keep_with_next = true;
		/* the legend: a coloured square, the answer, its count */
		struct rich leg = {0};
		size_t marks[4];
		for (int k = 0; k < 4; k++) {
			marks[k] = b.len;
			buf_printf(&b, "%s■ %s %d 人", k ? "　" : "", survey_answer_labels[k],
			    counts[k]);
		}
		if (sum > 0)
			buf_printf(&b, "　满意率 %d%%",
			    (counts[0] + counts[1]) * 100 / sum);
		leg.text = arena_strdup(d->arena, b.data);
		for (int k = 0; k < 4; k++) {
			size_t at = marks[k] + (k ? strlen("　") : 0);
			rich_color(d->arena, &leg, at, at + strlen("■"),
			    survey_colors[k]);
		}
		struct block *l = doc_rich(d, TR_META, leg);
		l->space_before = MM(1.5);
		buf_reset(&b);
	}
	buf_free(&b);
}

static void
compose_service_record(struct doc *d, const struct record *r)
{
	const struct service *s = &r->as.service;

	if (s->n_materials > 0) {
		struct block *h = compose_labelled(d, TR_BODY, "申请材料", "");
		h->keep_with_next = true;
		for (size_t i = 0; i < s->n_materials; i++)
			compose_item(d, TR_BODY, arena_printf(d->arena, "%zu. ", i + 1),
			    s->materials[i], MM(6));
	}
	if (s->time_limit)
		compose_labelled(d, TR_BODY, "办理时限", s->time_limit);
	if (s->fee)
		compose_labelled(d, TR_BODY, "收费标准", s->fee);
	if (s->contact)
		compose_labelled(d, TR_BODY, "联系方式", s->contact);
	if (s->proxy)
		compose_labelled(d, TR_BODY, "民事代办", "可申请村便民服务站代办");
}

static const char *
phase_label(enum talk_phase p)
{
	switch (p) {
	case TALK_BEFORE: return "办理前提醒";
	case TALK_DURING: return "办理中提醒";
	case TALK_AFTER: return "办理后提醒";
	}
	return "";
}

static void
compose_record(struct doc *d, const struct record *r)
{
	struct buf b = {0};

	/* what cannot fit a sheet is said at the title, or at its own line */
	d->src = r->pos_title;
	/* the title as written: a board shows a record during its notice; a
	 * later sheet its notice runs onto says "title（续）" first */
	doc_section(d, r->notice_title);
	struct block *t = doc_text(d, TR_RECORD, r->notice_title);
	t->style = TS_RULED;
	t->space_before = MM(6);
	t->keep_with_next = true;
	buf_puts(&b, "公示期：");
	date_cn_range(r->publish_from, r->publish_to, "至", &b);
	if (r->power != NULL)
		buf_printf(&b, "　权力事项：%s", r->power->name);
	if (r->checked && r->checked_by != NULL)
		buf_printf(&b, "　监委会审核：%s", r->checked_by);
	struct block *m = text_from(d, TR_META, &b);
	m->space_before = MM(1);
	m->keep_with_next = true;
	switch (r->type) {
	case RT_DECISION:
		compose_decision(d, r);
		break;
	case RT_PROGRESS: {
		const struct progress *p = &r->as.progress;
		buf_printf(&b, "%d%%", p->percent);
		struct block *l = compose_labelled(d, TR_LEAD, "工程进度", b.data);
		buf_reset(&b);
		l->keep_with_next = true;
		struct block *bar = doc_add(d, BK_PROGRESS);
		bar->counts[0] = p->percent;
		bar->space_before = MM(1.5);
		if (p->has_spent) {
			put_money(&b, p->spent_fen);
			buf_puts(&b, " 元");
			compose_labelled(d, TR_BODY, "累计支出", b.data);
			buf_reset(&b);
		}
		break;
	}
	case RT_RESULT: {
		const struct result *res = &r->as.result;
		compose_labelled(d, TR_LEAD, "结果", res->outcome);
		if (res->has_spent) {
			put_money(&b, res->spent_fen);
			buf_puts(&b, " 元");
			compose_labelled(d, TR_BODY, "支出金额", b.data);
			buf_reset(&b);
		}
		if (res->accepted != DATE_NONE) {
			compose_date(&b, res->accepted, true);
			compose_labelled(d, TR_BODY, "验收日期", b.data);
			buf_reset(&b);
		}
		break;
	}
	case RT_FINANCE:
		compose_finance(d, r);
		break;
	case RT_ASSISTANCE:
		compose_assistance(d, r);
		break;
	case RT_SERVICE:
		compose_service_record(d, r);
		break;
	case RT_SURVEY:
		compose_survey(d, r);
		break;
	case RT_TALK: {
		const struct talk *tk = &r->as.talk;
		buf_printf(&b, "%s　谈话对象：%s　谈话人：%s", phase_label(tk->phase),
		    tk->role ? tk->role->name : "—", tk->by ? tk->by : "—");
		struct rich rr = {arena_strdup(d->arena, b.data), NULL, 0};
		buf_reset(&b);
		rich_bold(d->arena, &rr, 0, strlen(phase_label(tk->phase)));
		doc_rich(d, TR_BODY, rr)->space_before = MM(1.5);
		break;
	}
	case RT_NOTICE:
	case RT_COUNT:
		break;
	}
	d->body_of = r;
	compose_markdown(d, r->body, r->title, r->body_line);
	d->body_of = NULL;
	d->src = (struct pos){NULL, 0, 0};
	buf_free(&b);
}

/* ---- satisfaction over time ---- */

#define TREND_ROWS 6        /* periods in the table beside the chart */

static bool
same_period(const struct record *x, const struct record *y)
{
	const struct period *a = &x->as.survey.period, *b = &y->as.survey.period;
	return a->kind != PERIOD_NONE && a->kind == b->kind &&
	    a->year == b->year && a->index == b->index;
}

/* The village's surveys published by the end of the board's week (as its
 * notices are) that have answers: one a period (the latest record of it),
 * oldest first. In the arena. */
static size_t
village_surveys(struct doc *d, const struct village *v, int32_t until,
    const struct record ***out)
{
	const struct record **list = arena_alloc(d->arena,
	    (v->n_records + 1) * sizeof *list);
	size_t n = 0, kept = 0;

	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *r = v->records[i];
		if (r->type == RT_SURVEY && record_is_published(r, until) &&
		    survey_rate_permille(&r->as.survey) >= 0)
			list[n++] = r;
	}
	if (n > 1)
		qsort(list, n, sizeof *list, survey_time_cmp);
	for (size_t i = 0; i < n; i++) {
		if (kept > 0 && same_period(list[kept - 1], list[i]))
			kept--;     /* a later record of the same period */
		list[kept++] = list[i];
	}
	*out = list;
	return kept;
}

/* A survey's period, short, below the chart's axis. A quarter is named
 * as the site and the table beside the chart name it (2026年第三季度):
 * the board is read in Chinese, and "2026 Q3" is not. */
static const char *
period_short(struct doc *d, const struct record *r)
{
	const struct period *p = &r->as.survey.period;
	int y, m, day;

	switch (p->kind) {
	case PERIOD_QUARTER: {
		struct buf b = {0};
		period_cn(p, &b);
		const char *s = arena_strdup(d->arena, b.data);
		buf_free(&b);
		return s;
	}
	case PERIOD_MONTH:
		return arena_printf(d->arena, "%d.%d", p->year, p->index);
	case PERIOD_YEAR:
		return arena_printf(d->arena, "%d", p->year);
	case PERIOD_NONE:
		break;
	}
	date_to_ymd(r->date, &y, &m, &day);
	return arena_printf(d->arena, "%d.%d.%d", y, m, day);
}

static const char *
rate_str(struct doc *d, int permille)
{
	char text[16];
	permille_format(permille, text);
	return permille < 0 ? "—" : arena_printf(d->arena, "%s%%", text);
}

/* The rate of each survey as a line over time, the latest TREND_ROWS of
 * them as a table beside it. */
static struct block *
compose_trend(struct doc *d, const struct record **surveys, size_t n)
{
	static const double frac[] = {.48, .22, .30};
	static const int align[] = {0, 2, 2};
	static const char *const head[] = {"测评期", "参加", "满意率"};
	struct block *b = doc_add(d, BK_TREND);
	struct trend *tr = arena_alloc(d->arena, sizeof *tr);
	struct table *t = doc_table_apart(d, 3, frac, align, head);
	struct block *row = t->header;
	struct buf text = {0};

	tr->points = arena_alloc(d->arena, (n + 1) * sizeof *tr->points);
	tr->n_points = n;
	for (size_t i = 0; i < n; i++) {
		const struct record *r = surveys[i];
		const struct period *p = &r->as.survey.period;
		tr->points[i].t = p->kind != PERIOD_NONE ?
		    (p->first + p->last) / 2.0 : (double)r->date;
		tr->points[i].permille = survey_rate_permille(&r->as.survey);
		tr->points[i].label = period_short(d, r);
	}
	for (size_t i = n > TREND_ROWS ? n - TREND_ROWS : 0; i < n; i++) {
		const struct survey *sv = &surveys[i]->as.survey;
		const char *cells[3];
		compose_period(&text, &sv->period, sv->period_text);
		cells[0] = arena_strdup(d->arena, text.data ? text.data : "");
		buf_reset(&text);
		cells[1] = arena_printf(d->arena, "%d 人", sv->respondents);
		cells[2] = rate_str(d, tr->points[i].permille);
		row = doc_row_apart(d, t, row, 0, cells);
	}
	buf_free(&text);
	tr->rows = t->header;
	b->trend = tr;
	b->space_before = MM(3);
	return b;
}

static struct block *
trend_caption(struct doc *d, const char *label, size_t n)
{
	const char *what = n > TREND_ROWS ? arena_printf(d->arena, "非常满意和满意"
	    "占全部答卷的比例，共 %zu 次测评，表中为最近 %d 次", n, TREND_ROWS) :
	    arena_printf(d->arena, "非常满意和满意占全部答卷的比例，共 %zu 次测评",
	    n);
	struct block *c = compose_labelled(d, TR_BODY, label, what);
	c->space_before = MM(5);
	c->keep_with_next = true;
	return c;
}

/* Each question's rate in the latest survey. */
static void
compose_question_rates(struct doc *d, const struct record *r)
{
	static const double frac[] = {.80, .20};
	static const int align[] = {0, 2};
	const struct survey *s = &r->as.survey;
	struct buf b = {0};

	buf_puts(&b, "最近一次测评（");
	compose_period(&b, &s->period, s->period_text);
	buf_puts(&b, "）各项");
	const char *head[2] = {arena_strdup(d->arena, b.data), "满意率"};
	struct table *t = doc_table(d, 2, frac, align, head[0], head);
	t->header->space_before = MM(3);
	for (size_t i = 0; i < s->n_items; i++) {
		struct survey one = *s;
		one.items = &s->items[i];
		one.n_items = 1;
		const char *cells[2] = {arena_printf(d->arena, "%zu. %s", i + 1,
			s->items[i].question), rate_str(d, survey_rate_permille(&one))};
		doc_row(d, t, 0, cells);
	}
	buf_free(&b);
}

/* The standing 满意度 block at the end of a board whose week shows no
 * survey, as much of it as d->survey_variant allows: 0 under a heading, the
 * chart and each question's rate; 1 under a heading, the chart; 2 the chart
 * under its caption; 3 one line; 4 nothing. poster.c lays the board out
 * again with less while the block would add a sheet. */
static void
compose_standing_survey(struct doc *d, const struct record **surveys,
    size_t n)
{
	const struct record *latest = n > 0 ? surveys[n - 1] : NULL;
	struct buf b = {0};

	doc_section_end(d);
	if (latest == NULL || d->survey_variant >= 4)
		return;
	if (d->survey_variant == 3) {
		const struct survey *s = &latest->as.survey;
		compose_period(&b, &s->period, s->period_text);
		buf_printf(&b, "测评满意率 %s（%d 人参加）",
		    rate_str(d, survey_rate_permille(s)), s->respondents);
		if (n > 1) {
			const struct survey *p = &surveys[n - 2]->as.survey;
			buf_puts(&b, "；上一次（");
			compose_period(&b, &p->period, p->period_text);
			buf_printf(&b, "）%s", rate_str(d, survey_rate_permille(p)));
		}
		struct block *l = compose_labelled(d, TR_BODY, "群众满意度", b.data);
		l->space_before = MM(7);
		d->standing = l;
		buf_free(&b);
		return;
	}
	if (d->survey_variant < 2) {
		d->standing = compose_heading(d, "群众满意度测评");
		trend_caption(d, "历次测评满意率", n)->space_before = MM(3);
	} else {
		struct block *c = trend_caption(d, "群众满意度测评", n);
		c->space_before = MM(7);
		d->standing = c;
	}
	struct block *chart = compose_trend(d, surveys, n);
	if (d->survey_variant == 0) {
		chart->keep_with_next = true;
		compose_question_rates(d, latest);
	}
	buf_free(&b);
}

/* ---- the weekly board ---- */

/* The standing information of an empty week, kept together. */
static void
compose_cadres(struct doc *d, const struct village *v)
{
	static const double frac[] = {.5, .5};
	static const int align[] = {1, 1};
	static const char *const head[] = {"职务", "姓名"};
	struct block *last = compose_heading(d, v->n_cadres > 0 ? "村干部和监督" :
	    "监督和查询");

	if (v->n_cadres > 0) {
		struct table *t = doc_table(d, 2, frac, align, "村干部", head);
		t->header->space_before = MM(3);
		for (size_t i = 0; i < v->n_cadres; i++) {
			const char *cells[2] = {v->cadres[i].role->name,
				v->cadres[i].name};
			last = doc_row(d, t, 0, cells);
			last->keep_with_next = true;
		}
	}
	last->keep_with_next = true;
	last = compose_labelled(d, TR_BODY, "公开栏位置", v->board ? v->board :
	    "村委会公开栏");
	last->space_before = MM(3);
	last->keep_with_next = true;
	compose_labelled(d, TR_BODY, "意见和投诉", "可向村务监督委员会反映，或拨打下方"
	    "监督举报电话")->space_before = MM(3);
}

/* The group of a board a record is shown in: its disclosure process, or
 * after the four, PROCESS_COUNT, a reminder talk. A talk is the town's
 * supervision of the village's cadres (the site's 村务监督), not a service
 * to villagers: the site lists the week's talks apart under 三提醒谈话,
 * and the board does the same, naming both (not 「三、三提醒谈话」). */
static int
week_group(const struct record *r)
{
	return r->type == RT_TALK ? PROCESS_COUNT : (int)record_process(r);
}

static const char *
week_group_label(int g)
{
	return g < PROCESS_COUNT ? process_label((enum process)g) :
	    "村务监督（三提醒谈话）";
}

/* The week's records of a board, under a heading per process (and the
 * talks' own); returns how many headings. last_survey gets the chart of
 * every survey so far. */
static int
compose_week(struct doc *d, const struct village *v,
    const struct record *last_survey, const struct record **surveys,
    size_t n_surveys)
{
	static const char *const nums[PROCESS_COUNT + 1] = {"一", "二", "三",
		"四", "五"};
	int32_t first = d->spec->week_first;
	struct buf b = {0};
	int shown = 0;

	for (int g = 0; g <= PROCESS_COUNT; g++) {
		size_t n = 0;
		for (size_t i = 0; i < v->n_records; i++) {
			const struct record *r = v->records[i];
			if (!record_in_week(r, first) || week_group(r) != g)
				continue;
			if (n++ == 0) {
				buf_printf(&b, "%s、%s", nums[shown++],
				    week_group_label(g));
				compose_heading(d, b.data);
				buf_reset(&b);
			}
			compose_record(d, r);
			if (r == last_survey && n_surveys > 0) {
				trend_caption(d, "历次测评满意率", n_surveys);
				compose_trend(d, surveys, n_surveys);
			}
		}
	}
	buf_free(&b);
	return shown;
}

/* A town's or the county's board of its own records: the government's
 * notices, policies and accounts, with no cadres, survey or village
 * supervision committee of a village's board. */
static int
compose_level_board(struct doc *d, struct buf *err)
{
	const struct county *c = d->county;
	const struct village *v = d->spec->village;
	const struct town *town = v->town;
	int32_t first = d->spec->week_first, last = first + 6;
	const char *who = v->level == LEVEL_TOWN ? town->name : c->site.name;
	struct buf b = {0};

	d->title = arena_printf(d->arena, "%s政务公开栏", who);
	if (v->level == LEVEL_TOWN)
		buf_printf(&b, "%s%s　本周：", c->site.name, town->name);
	else
		buf_printf(&b, "%s　本周：", c->site.name);
	date_cn_range(first, last, "至", &b);
	d->subtitle.text = arena_strdup(d->arena, b.data);
	buf_reset(&b);
	buf_printf(&b, "%s政务公开栏 ", who);
	date_cn_range(first, last, "至", &b);
	d->meta_title = arena_strdup(d->arena, b.data);
	buf_free(&b);
	d->hotline = c->site.hotline;
	if (town != NULL && town->phone != NULL)
		d->phone_line = arena_printf(d->arena, "%s人民政府：%s", town->name,
		    town->phone);
	if (compose_qr(d, arena_printf(d->arena, "%s%s", c->site.base_url,
	    town != NULL ? arena_printf(d->arena, "%s/", town->id) : ""),
	    err) != 0)
		return -1;
	if (compose_week(d, v, NULL, NULL, 0) == 0) {
		struct block *e = doc_text(d, TR_HEADING, "本周无新公开事项");
		e->style = TS_BOX;
		e->space_before = MM(10);
		struct block *n = doc_text(d, TR_BODY, v->level == LEVEL_TOWN ?
		    "往期公开内容可扫描下方二维码查看，也可到镇政府查阅。" :
		    "往期公开内容可扫描下方二维码查看，也可到县政府查阅。");
		n->space_before = MM(5);
		compose_labelled(d, TR_BODY, "意见和投诉", "可拨打下方监督举报电话")
		    ->space_before = MM(3);
	}
	return 0;
}

static int
compose_board(struct doc *d, struct buf *err)
{
	const struct county *c = d->county;
	const struct village *v = d->spec->village;
	const struct town *town = v->town;
	int32_t first = d->spec->week_first, last = first + 6;
	struct buf b = {0};
	int shown = 0;

	if (v->level != LEVEL_VILLAGE)
		return compose_level_board(d, err);
	d->title = arena_printf(d->arena, "%s村务公开栏", v->name);
	d->band_src = v->pos;
	buf_printf(&b, "%s%s　本周：", c->site.name, town->name);
	date_cn_range(first, last, "至", &b);
	buf_printf(&b, "\n公开栏位置：%s", v->board ? v->board : "村委会公开栏");
	/* the cadres, on every board's first sheet; a line may break between
	 * two of them, never inside a title or a name */
	for (size_t i = 0; i < v->n_cadres; i++) {
		buf_puts(&b, i == 0 ? "\n" : "　");
		compose_joined(&b, v->cadres[i].role->name);
		buf_puts(&b, "\xe2\x81\xa0 \xe2\x81\xa0");
		compose_joined(&b, v->cadres[i].name);
	}
	d->subtitle.text = arena_strdup(d->arena, b.data);
	buf_reset(&b);
	buf_printf(&b, "%s村务公开栏 ", v->name);
	date_cn_range(first, last, "至", &b);
	d->meta_title = arena_strdup(d->arena, b.data);
	buf_reset(&b);
	d->hotline = c->site.hotline;
	if (town->phone != NULL)
		d->phone_line = arena_printf(d->arena, "%s人民政府：%s", town->name,
		    town->phone);
	if (compose_qr(d, arena_printf(d->arena, "%s%s/%s/", c->site.base_url,
	    town->id, v->id), err) != 0)
		return -1;

	/* the rate of every survey so far goes with the week's last survey, or
	 * stands at the end when the week shows none */
	const struct record **surveys, *last_survey = NULL;
	size_t n_surveys = village_surveys(d, v, last, &surveys);
	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *r = v->records[i];
		if (r->type == RT_SURVEY && record_in_week(r, first))
			last_survey = r;
	}
	shown = compose_week(d, v, last_survey, surveys, n_surveys);
	if (shown == 0) {
		struct block *e = doc_text(d, TR_HEADING, "本周无新公开事项");
		e->style = TS_BOX;
		e->space_before = MM(10);
		struct block *n = doc_text(d, TR_BODY, "往期公开内容可扫描下方二维码"
		    "查看，也可到村委会查阅。对村务有疑问的，请向村务监督委员会反映。");
		n->space_before = MM(5);
		compose_cadres(d, v);
	}
	if (last_survey == NULL)
		compose_standing_survey(d, surveys, n_surveys);
	buf_free(&b);
	return 0;
}

/* ---- the standing posters ---- */

static void
compose_powers(struct doc *d)
{
	static const double frac[] = {.065, .175, .17, .37, .22};
	static const int align[] = {1, 0, 0, 0, 0};
	static const char *const head[] = {"编号", "权力事项", "责任人",
		"公开内容和时限", "廉政风险点"};
	static const char *const nums[] = {"一", "二", "三", "四", "五", "六",
		"七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
		"十六", "十七", "十八", "十九", "二十"};
	const struct catalog *cat = &d->county->catalog;
	size_t n_items = 0;
	struct buf b = {0};

	for (size_t i = 0; i < cat->n_domains; i++)
		n_items += cat->domains[i].n_items;
	d->title = "村级小微权力清单";
	d->meta_title = arena_printf(d->arena, "%s村级小微权力清单",
	    d->county->site.name);
	d->subtitle.text = arena_printf(d->arena, "%s　%zu 个领域 %zu 项权力事项"
	    "\n看单履职、照单用权，清单之外无权力", d->county->site.name,
	    cat->n_domains, n_items);
	struct table *t = doc_table(d, 5, frac, align, "村级小微权力清单", head);
	t->role = TR_CATALOG_TABLE;
	t->head_role = TR_CATALOG_HEAD;
	t->header->role = TR_CATALOG_HEAD;
	for (size_t i = 0; i < cat->n_domains; i++) {
		const struct domain *dom = &cat->domains[i];
		buf_printf(&b, "%s、%s（%zu 项）", i < NB_COUNT(nums) ? nums[i] : "",
		    dom->name, dom->n_items);
		const char *span[1] = {b.data};
		d->src = dom->pos;
		/* its items continued on a later sheet name it again */
		doc_section_row(d, t, arena_printf(d->arena, "%s、%s",
		    i < NB_COUNT(nums) ? nums[i] : "", dom->name));
		struct block *g = doc_row(d, t, ROW_SPAN, span);
		g->keep_with_next = true;
		buf_reset(&b);
		for (size_t k = 0; k < dom->n_items; k++) {
			const struct power_item *it = &dom->items[k];
			const char *cells[5];
			cells[0] = it->id;
			cells[1] = it->name;
			for (size_t o = 0; o < it->n_owners; o++)
				buf_printf(&b, "%s%s", o ? "、" : "", it->owners[o]->name);
			cells[2] = arena_strdup(d->arena, b.data ? b.data : "");
			buf_reset(&b);
			buf_printf(&b, "%s；%s", it->disclosure.what ?
			    it->disclosure.what : "—", it->disclosure.when ?
			    it->disclosure.when : "—");
			if (it->disclosure.min_days > 0)
				buf_printf(&b, "，公示%d天", it->disclosure.min_days);
			cells[3] = arena_strdup(d->arena, b.data);
			buf_reset(&b);
			for (size_t r = 0; r < it->n_risks; r++)
				buf_printf(&b, "%s%s", r ? "、" : "", it->risks[r]);
			cells[4] = arena_strdup(d->arena, b.data ? b.data : "");
			buf_reset(&b);
			d->src = it->pos;
			doc_row(d, t, 0, cells);
		}
	}
	d->src = (struct pos){NULL, 0, 0};
	buf_free(&b);
}

static void
compose_duties(struct doc *d)
{
	const struct role *role = d->spec->role;

	d->title = arena_printf(d->arena, "%s责任清单", role->name);
	d->band_src = role->pos;
	d->meta_title = arena_printf(d->arena, "%s%s责任清单",
	    d->county->site.name, role->name);
	d->subtitle.text = arena_printf(d->arena, "%s　共 %zu 项职责\n看单履职、"
	    "照单用权，接受群众监督", d->county->site.name, role->n_duties);
	for (size_t i = 0; i < role->n_duties; i++) {
		struct block *b = compose_item(d, TR_BIG,
		    arena_printf(d->arena, "%zu. ", i + 1), role->duties[i], 0);
		b->space_before = MM(i == 0 ? 2 : 6);
	}
}

/* The steps as a numbered list, with where each branch leads. */
static void
compose_steps(struct doc *d, const struct flow *f)
{
	struct buf b = {0};

	for (size_t i = 0; i < f->n_steps; i++) {
		const struct flow_step *s = &f->steps[i];
		buf_puts(&b, s->text);
		for (size_t e = 0; e < f->n_edges; e++) {
			const struct flow_edge *edge = &f->edges[e];
			if (edge->from != i || edge->kind == EDGE_NEXT)
				continue;
			buf_printf(&b, "；%s：转第 %zu 步", edge->label ? edge->label :
			    edge->kind == EDGE_YES ? "是" : "否", edge->to + 1);
		}
		for (size_t e = 0; e < f->n_edges; e++) {
			const struct flow_edge *edge = &f->edges[e];
			if (edge->from == i && edge->kind == EDGE_NEXT &&
			    edge->to != i + 1)
				buf_printf(&b, "；转第 %zu 步", edge->to + 1);
		}
		if (s->risk != NULL)
			buf_printf(&b, "（风险点：%s）", s->risk);
		compose_item(d, TR_BODY, arena_printf(d->arena, "%zu. ", i + 1), b.data,
		    0)->space_before = MM(1);
		buf_reset(&b);
	}
	buf_free(&b);
}

static void
compose_service(struct doc *d)
{
	const struct service_guide *g = d->spec->service;
	struct buf b = {0};

	d->title = g->name;
	d->band_src = g->pos;
	d->meta_title = arena_printf(d->arena, "%s办事指南", g->name);
	buf_printf(&b, "%s　便民服务指南", d->county->site.name);
	if (g->power != NULL)
		buf_printf(&b, "\n对应权力事项：%s %s", g->power->id, g->power->name);
	d->subtitle.text = arena_strdup(d->arena, b.data);
	buf_reset(&b);
	/* each part going on to the next sheet is named there: 办理步骤（续） */
	compose_heading(d, "申请材料")->space_before = 0;
	doc_section(d, "申请材料");
	for (size_t i = 0; i < g->n_materials; i++)
		compose_item(d, TR_BIG, arena_printf(d->arena, "%zu. ", i + 1),
		    g->materials[i], 0);
	/* the steps in words, which read from a metre away, before the chart
	 * on a sheet of its own: a chart with lanes is too wide to share a
	 * sheet, and prints smaller than the words (docs/posters.md) */
	if (g->flow.n_steps > 0) {
		compose_heading(d, "办理步骤");
		doc_section(d, "办理步骤");
		compose_steps(d, &g->flow);
	}
	compose_heading(d, "办理须知");
	doc_section(d, "办理须知");
	compose_labelled(d, TR_BIG, "办理时限", g->time_limit);
	compose_labelled(d, TR_BIG, "收费标准", g->fee);
	compose_labelled(d, TR_BIG, "办理地点", g->contact);
	if (g->proxy)
		compose_labelled(d, TR_BIG, "民事代办", "本事项可由村便民服务站代办，"
		    "行动不便的群众可预约上门服务");
	if (g->flow.n_steps > 0 && poster_have_flow()) {
		compose_heading(d, "办理流程图");
		struct block *f = doc_add(d, BK_FLOW);
		f->flow = &g->flow;
		f->space_before = MM(4);
	}
	buf_free(&b);
}

int
compose(struct doc *d, struct buf *err)
{
	const struct county *c = d->county;

	switch (d->spec->kind) {
	case POSTER_BOARD:
		return compose_board(d, err);
	case POSTER_ASSESSMENT:
		return compose_assessment(d, err);
	case POSTER_POWERS:
		compose_powers(d);
		break;
	case POSTER_DUTIES:
		compose_duties(d);
		break;
	case POSTER_SERVICE:
		compose_service(d);
		break;
	case POSTER_BANNER:
		return compose_banner(d, err);
	case POSTER_DISPLAY:
		return compose_display(d, err);
	case POSTER_FORM:
		return compose_form(d, err);
	case POSTER_TALLY:
		return compose_tally(d, err);
	}
	d->hotline = c->site.hotline;
	/* the page of what the poster shows: a villager scanning the 临时救助
	 * guide wants its page, not the site's home */
	const char *url = c->site.base_url;
	if (d->spec->kind == POSTER_SERVICE)
		url = arena_printf(d->arena, "%sservices/%s.html", url,
		    d->spec->service->id);
	else if (d->spec->kind == POSTER_DUTIES)
		url = arena_printf(d->arena, "%sduties/%s.html", url,
		    d->spec->role->id);
	else if (d->spec->kind == POSTER_POWERS)
		url = arena_printf(d->arena, "%scatalog/index.html", url);
	return compose_qr(d, url, err);
}
