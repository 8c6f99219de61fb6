/* wechat_tv.c: what the WeChat articles and the TV slides share: the week's
 * records, their facts from scrubbed fields only, addresses, cache keys and
 * Chinese text set with pango. */
#include "channel/wechat_tv.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "render/fonts.h"
#include "render/qr.h"
#include "site/site.h"
#include "util/md.h"
#include "render/paint.h"

size_t
vis_week_records(const struct county *c, const struct village *v,
    const struct record ***out)
{
	int32_t first = county_week_first(c);
	const struct record **list = xcalloc(v->n_records + 1, sizeof *list);
	size_t n = 0;

	for (size_t i = 0; i < v->n_records; i++)
		if (record_in_week(v->records[i], first))
			list[n++] = v->records[i];
	*out = list;
	return n;
}

/* ---- facts ---- */

struct facts {
	struct arena *a;
	struct vis_fact *items;
	size_t n, cap;
	struct buf b;
};

static void
fact(struct facts *f, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		struct vis_fact *items = arena_alloc(f->a, cap * sizeof *items);
		if (f->n > 0)
			memcpy(items, f->items, f->n * sizeof *items);
		f->items = items;
		f->cap = cap;
	}
	f->items[f->n].label = label;
	f->items[f->n++].value = arena_strdup(f->a, value);
}

/* the buffer's text as a fact, and the buffer emptied */
static void
fact_buf(struct facts *f, const char *label)
{
	fact(f, label, f->b.data ? f->b.data : "");
	buf_reset(&f->b);
}

static void
period_text(struct buf *b, const struct period *p, const char *text)
{
	if (p->kind == PERIOD_NONE)
		buf_puts(b, text ? text : "");
	else
		period_cn(p, b);
}

static void
money_fact(struct facts *f, const char *label, int64_t fen)
{
	char m[32];

	money_format(fen, m);
	buf_printf(&f->b, "%s 元", m);
	fact_buf(f, label);
}

static void
facts_decision(struct facts *f, const struct decision *d)
{
	for (size_t i = 0; i < d->n_stages; i++) {
		const struct stage *s = &d->stages[i];
		date_cn(s->date, &f->b);
		if (s->has_vote) {
			const struct vote *v = &s->vote;
			if (v->total > 0)
				buf_printf(&f->b, "，应到 %d 人", v->total);
			buf_printf(&f->b, "，实到 %d 人，赞成 %d 票", v->present,
			    v->votes_for);
			if (v->against > 0)
				buf_printf(&f->b, "，反对 %d 票", v->against);
			if (v->abstain > 0)
				buf_printf(&f->b, "，弃权 %d 票", v->abstain);
		}
		if (s->body == BODY_ASSEMBLY)
			buf_puts(&f->b, "（村民会议）");
		else if (s->body == BODY_REPRESENTATIVES)
			buf_puts(&f->b, "（村民代表会议）");
		fact_buf(f, stage_step_label(s->step));
	}
	if (d->one_matter)
		fact(f, "议事方式", "一事一议");
	fact(f, "结果", decision_outcome_label(d));
}

static void
facts_finance(struct facts *f, const struct finance *x)
{
	period_text(&f->b, &x->period, x->period_text);
	fact_buf(f, "期间");
	if (!x->sums_known)
		return;
	money_fact(f, "期初余额", x->opening_fen);
	money_fact(f, "本期收入", x->income_fen);
	money_fact(f, "本期支出", x->expense_fen);
	money_fact(f, "期末余额", x->closing_fen);
}

static void
facts_assistance(const struct record *r, struct facts *f)
{
	const struct assistance *x = &r->as.assistance;
	long long members = assistance_members(x);
	const char *board = r->village->board;

	fact(f, "救助项目", x->program);
	period_text(&f->b, &x->period, x->period_text);
	fact_buf(f, "期间");
	buf_printf(&f->b, "%zu 户", x->n_people);
	if (members > 0)
		buf_printf(&f->b, "，%lld 人", members);
	fact_buf(f, "救助对象");
	money_fact(f, "金额合计", x->total_fen);
	/* the names are posted where the households live, not forwarded */
	buf_printf(&f->b, "公示期内张贴于%s，也可扫码在村务公开网站查看",
	    board ? board : "村务公开栏");
	fact_buf(f, "名单");
}

static void
facts_service(struct facts *f, const struct service *s)
{
	for (size_t i = 0; i < s->n_materials; i++)
		buf_printf(&f->b, "%s%zu. %s", i ? "；" : "", i + 1,
		    s->materials[i]);
	fact_buf(f, "所需材料");
	fact(f, "办理时限", s->time_limit);
	fact(f, "收费标准", s->fee);
	fact(f, "联系方式", s->contact);
	if (s->proxy)
		fact(f, "代办服务", "可申请村便民服务站代办");
}

static void
facts_survey(struct facts *f, const struct survey *s)
{
	period_text(&f->b, &s->period, s->period_text);
	fact_buf(f, "测评期间");
	if (s->respondents > 0) {
		buf_printf(&f->b, "%d 人", s->respondents);
		fact_buf(f, "参评人数");
	}
	for (size_t i = 0; i < s->n_items; i++) {
		const struct survey_item *it = &s->items[i];
		int all = it->very_satisfied + it->satisfied + it->neutral +
		    it->dissatisfied;
		if (all <= 0)
			continue;
		int permille = (int)((1000LL * (it->very_satisfied +
		    it->satisfied) + all / 2) / all);
		buf_printf(&f->b, "满意率 %d.%d%%（%s %d，%s %d，%s %d，%s %d）",
		    permille / 10, permille % 10,
		    survey_answer_labels[0], it->very_satisfied,
		    survey_answer_labels[1], it->satisfied,
		    survey_answer_labels[2], it->neutral,
		    survey_answer_labels[3], it->dissatisfied);
		fact_buf(f, it->question);
	}
}

size_t
vis_facts(const struct record *r, bool period, struct arena *a,
    struct vis_fact **out)
{
	struct facts f = {0};

	f.a = a;
	if (period) {
		date_cn_range(r->publish_from, r->publish_to, "至", &f.b);
		fact_buf(&f, "公示期");
	}
	if (r->power != NULL)
		fact(&f, "权力事项", r->power->name);
	switch (r->type) {
	case RT_DECISION:
		facts_decision(&f, &r->as.decision);
		break;
	case RT_PROGRESS:
		buf_printf(&f.b, "%d%%", r->as.progress.percent);
		fact_buf(&f, "工程进度");
		if (r->as.progress.has_spent)
			money_fact(&f, "已支出", r->as.progress.spent_fen);
		break;
	case RT_RESULT:
		fact(&f, "结果", r->as.result.outcome);
		if (r->as.result.has_spent)
			money_fact(&f, "实际支出", r->as.result.spent_fen);
		if (r->as.result.accepted != DATE_NONE) {
			date_cn(r->as.result.accepted, &f.b);
			fact_buf(&f, "验收日期");
		}
		break;
	case RT_FINANCE:
		facts_finance(&f, &r->as.finance);
		break;
	case RT_ASSISTANCE:
		facts_assistance(r, &f);
		break;
	case RT_SERVICE:
		facts_service(&f, &r->as.service);
		break;
	case RT_SURVEY:
		facts_survey(&f, &r->as.survey);
		break;
	case RT_TALK:
		fact(&f, "谈话阶段", r->as.talk.phase == TALK_BEFORE ? "事前提醒" :
		    r->as.talk.phase == TALK_DURING ? "事中提醒" : "事后提醒");
		/* the role is who was spoken to; by, the official who spoke
		 * (the site and the posters say both) */
		if (r->as.talk.role != NULL)
			fact(&f, "谈话对象", r->as.talk.role->name);
		if (r->as.talk.by != NULL)
			fact(&f, "谈话人", r->as.talk.by);
		break;
	case RT_NOTICE:
	case RT_COUNT:
		break;
	}
	if (r->checked)
		fact(&f, "审核", "已经村务监督委员会审核");
	buf_free(&f.b);
	*out = f.items;
	return f.n;
}

void
vis_body(const struct record *r, struct buf *out)
{
	record_scrub(r, r->body ? r->body : "", out);
}

char *
vis_record_url(struct arena *a, const struct county *c,
    const struct record *r)
{
	return absolute_url(a, c, record_page_path(a, r));
}

char *
vis_village_url(struct arena *a, const struct county *c,
    const struct village *v)
{
	return absolute_url(a, c, village_page_path(a, v));
}

void
vis_key_record(struct hasher *h, const struct county *c,
    const struct record *r, bool files)
{
	const struct village *v = r->village;

	hasher_digest(h, &c->site.hash);
	hasher_digest(h, &c->catalog.hash);
	if (v->town != NULL)
		hasher_digest(h, &v->town->hash);
	hasher_digest(h, &v->hash);
	hasher_digest(h, &r->hash);
	if (files)
		hasher_digest(h, &r->files_hash);
	hasher_str(h, r->path);
}


/* ---- drawing ---- */

unsigned
vis_process_colour(const struct record *r)
{
	switch (record_process(r)) {
	case PROCESS_DECISION: return 0xa61b1b;
	case PROCESS_EXECUTION: return 0x1f4e8c;
	case PROCESS_SERVICE: return 0x1d6b45;
	case PROCESS_RESULT: return 0x8a4b08;
	case PROCESS_COUNT: break;
	}
	return 0x333333;
}

PangoContext *
vis_context(void)
{
	/* pango keeps one default font map per thread */
	PangoContext *ctx = pango_font_map_create_context(
	    pango_cairo_font_map_get_default());
	fonts_setup_context(ctx);
	return ctx;
}

PangoLayout *
vis_layout(PangoContext *ctx, const char *text, double px, bool bold,
    double width, double line_spacing)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *f = pango_font_description_new();

	pango_font_description_set_family_static(f, NB_FONT_FAMILY);
	pango_font_description_set_weight(f, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(f, px * PANGO_SCALE);
	pango_layout_set_font_description(l, f);
	pango_font_description_free(f);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	if (line_spacing > 0)
		pango_layout_set_line_spacing(l, (float)line_spacing);
	pango_layout_set_text(l, text, -1);
	return l;
}

bool
vis_fits(PangoLayout *l, int max_lines)
{
	return pango_layout_get_line_count(l) <= max_lines;
}

/* ---- plain text ---- */

static void
plain_inline(cmark_node *n, struct buf *out)
{
	for (cmark_node *c = cmark_node_first_child(n); c != NULL;
	    c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(out, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK: {
			/* a Chinese line wrapped in the source gains no space */
			uint32_t cp = 0;
			if (out->len > 0) {
				size_t k = out->len - 1;
				while (k > 0 && (out->data[k] & 0xc0) == 0x80)
					k--;
				utf8_decode(out->data + k, out->len - k, &cp);
			}
			if (!is_cjk(cp))
				buf_putc(out, ' ');
			break;
		}
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, '\n');
			break;
		case CMARK_NODE_HTML_INLINE:
			break;
		default:
			plain_inline(c, out);
		}
	}
}

static void
plain_block(cmark_node *n, int depth, struct buf *out)
{
	for (cmark_node *c = cmark_node_first_child(n); c != NULL;
	    c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (md_is_table(c)) {
			for (cmark_node *row = cmark_node_first_child(c); row;
			    row = cmark_node_next(row)) {
				for (cmark_node *cell = cmark_node_first_child(row); cell;
				    cell = cmark_node_next(cell)) {
					if (cell != cmark_node_first_child(row))
						buf_puts(out, "　");
					md_plain_text(cell, out);
				}
				buf_putc(out, '\n');
			}
			continue;
		}
		switch (t) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			plain_inline(c, out);
			buf_putc(out, '\n');
			break;
		case CMARK_NODE_CODE_BLOCK:
			buf_puts(out, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_ITEM: {
			for (int i = 1; i < depth; i++)
				buf_puts(out, "　");
			if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST) {
				int k = cmark_node_get_list_start(n);
				for (cmark_node *p = cmark_node_previous(c); p;
				    p = cmark_node_previous(p))
					k++;
				buf_printf(out, "%d. ", k);
			} else {
				buf_puts(out, "· ");
			}
			plain_block(c, depth, out);
			break;
		}
		case CMARK_NODE_LIST:
			plain_block(c, depth + 1, out);
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_THEMATIC_BREAK:
			break;
		default:
			plain_block(c, depth, out);
		}
	}
}

void
vis_plain(const char *md, struct buf *out)
{
	cmark_node *doc = md_parse(md, strlen(md));

	plain_block(doc, 0, out);
	cmark_node_free(doc);
	/* no empty line at the end */
	while (out->len > 0 && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
}

/* ---- QR codes ---- */

/* The codes kept, by text: a chained table of fixed size, as a county has
 * a few hundred pages a week; past QR_KEPT codes the others are encoded
 * each time. */
#define QR_BUCKETS 512
#define QR_KEPT 8192

struct qr_kept {
	struct qr_kept *next;
	uint64_t hash;
	char *text;
	QRcode *code;
};

static pthread_mutex_t qr_lock = PTHREAD_MUTEX_INITIALIZER;
static struct qr_kept *qr_table[QR_BUCKETS];
static size_t qr_n;
static int qr_holders;

static QRcode *
qr_copy(const QRcode *q)
{
	size_t n = (size_t)q->width * (size_t)q->width;
	QRcode *c = xmalloc(sizeof *c);

	*c = *q;
	c->data = xmalloc(n);
	memcpy(c->data, q->data, n);
	return c;
}

void
vis_qr_hold(void)
{
	pthread_mutex_lock(&qr_lock);
	qr_holders++;
	pthread_mutex_unlock(&qr_lock);
}

void
vis_qr_release(void)
{
	pthread_mutex_lock(&qr_lock);
	if (--qr_holders == 0) {
		for (size_t b = 0; b < QR_BUCKETS; b++) {
			while (qr_table[b] != NULL) {
				struct qr_kept *k = qr_table[b];
				qr_table[b] = k->next;
				QRcode_free(k->code);
				free(k->text);
				free(k);
			}
		}
		qr_n = 0;
	}
	pthread_mutex_unlock(&qr_lock);
}

QRcode *
vis_qr(const char *text, struct buf *err)
{
	uint64_t hash = hash_str64(text);
	struct qr_kept **bucket = &qr_table[hash % QR_BUCKETS], *k;
	QRcode *q = NULL;

	pthread_mutex_lock(&qr_lock);
	for (k = *bucket; k != NULL && q == NULL; k = k->next)
		if (k->hash == hash && strcmp(k->text, text) == 0)
			q = qr_copy(k->code);
	pthread_mutex_unlock(&qr_lock);
	if (q != NULL)
		return q;
	/* encoded outside the memo's lock; a code another thread kept
	 * meanwhile is the same, and this one is not kept */
	if ((q = qr_encode(text, err)) == NULL)
		return NULL;
	pthread_mutex_lock(&qr_lock);
	for (k = *bucket; k != NULL; k = k->next)
		if (k->hash == hash && strcmp(k->text, text) == 0)
			break;
	if (k == NULL && qr_holders > 0 && qr_n < QR_KEPT) {
		k = xmalloc(sizeof *k);
		k->next = *bucket;
		k->hash = hash;
		k->text = xstrdup(text);
		k->code = qr_copy(q);
		*bucket = k;
		qr_n++;
	}
	pthread_mutex_unlock(&qr_lock);
	return q;
}
