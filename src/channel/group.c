/* group.c: the messages for the villages' WeChat and QQ groups: one plain
 * text per record of the week, a survey's invitation to answer, and the
 * week's digest per village; each a job keyed by what it says. */
#include "engine/backends.h"

#include <stdlib.h>
#include <string.h>

#include "channel/facts.h"
#include "channel/group_text.h"
#include "site/site.h"

/* What a group message may hold, in characters (a newline counts one). */
#define GROUP_MAX_CHARS 500

enum group_what {
	GROUP_RECORD,          /* <record>.txt */
	GROUP_INVITE,          /* invite/<record>.txt: a survey's call to answer */
	GROUP_WEEK             /* week.txt */
};

struct group_state {
	const struct county *county;
	int32_t week_first;
};

struct group_job {
	enum group_what what;
	const struct village *village;
	const struct record *record;   /* NULL for the week's digest */
	const char *path;              /* relative to the output folder */
};

/* ---- the parts every message shares ---- */

/* "张家沟村", a town's name, the county's. */
static const char *
place_name(const struct county *c, const struct village *v)
{
	if (v->level == LEVEL_COUNTY)
		return c->site.name;
	if (v->level == LEVEL_TOWN)
		return v->town->name;
	return v->name;
}

static const char *
place_word(const struct village *v)
{
	return v->level == LEVEL_VILLAGE ? "村务公开" : "政务公开";
}

/* The address of the village's page, without "index.html". */
static const char *
village_url(struct arena *a, const struct county *c, const struct village *v)
{
	char *page = village_page_path(a, v);
	size_t len = strlen(page);

	if (len >= 10 && strcmp(page + len - 10, "index.html") == 0)
		page[len - 10] = '\0';
	return absolute_url(a, c, page);
}

/* The hotline and the address: what no cut may take. */
static void
put_tail(const struct county *c, const char *label, const char *url,
    struct buf *out)
{
	if (c->site.hotline != NULL)
		buf_printf(out, "监督举报电话：%s\n", c->site.hotline);
	buf_printf(out, "%s%s\n", label, url);
}

/* Appends the lines of body that fit in budget characters, the last one
 * cut at a sentence's end when it does not fit whole and sentences may be
 * cut (a list's items are whole or left out), then note; returns whether
 * anything was left out. */
static bool
put_lines_within(const char *body, size_t len, size_t budget,
    bool sentences, const char *note, struct buf *out)
{
	size_t note_chars = group_chars(note, strlen(note));
	size_t used = 0;

	for (size_t i = 0; i < len; ) {
		const char *nl = memchr(body + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - body) + 1 : len;
		size_t chars = group_chars(body + i, end - i);
		bool last = end >= len;
		/* the whole line, when the rest fits after it or it is the last */
		if (used + chars <= budget && (last || used + chars + note_chars <=
		    budget || group_chars(body + end, len - end) + used + chars <=
		    budget)) {
			buf_put(out, body + i, end - i);
			used += chars;
			i = end;
			continue;
		}
		if (sentences && budget > used + note_chars + 1) {
			size_t keep = group_cut(body + i, end - i,
			    budget - used - note_chars - 1);
			if (keep > 0 && keep < end - i) {
				buf_put(out, body + i, keep);
				buf_putc(out, '\n');
			}
		}
		buf_puts(out, note);
		return true;
	}
	return false;
}

/* ---- one record ---- */

static void
record_message(const struct county *c, const struct record *r,
    struct arena *a, struct buf *out)
{
	const struct village *v = r->village;
	struct buf head = {0}, body = {0}, text = {0}, tail = {0};
	const char *url = absolute_url(a, c, record_page_path(a, r));
	size_t fixed;
	bool cut;

	buf_printf(&head, "【%s%s】", place_name(c, v), place_word(v));
	buf_puts(&head, facts_title(r));
	buf_putc(&head, '\n');
	size_t mark = head.len;
	facts_figure(r, false, &head);
	if (head.len > mark)
		buf_putc(&head, '\n');
	mark = head.len;
	buf_puts(&head, "公示期：");
	facts_period(r, &head);
	if (head.len == mark + strlen("公示期："))
		head.len = mark, head.data[mark] = '\0';
	else
		buf_putc(&head, '\n');
	if (v->level == LEVEL_VILLAGE)
		buf_printf(&head, "公开栏：%s\n", v->board != NULL ? v->board :
		    "村委会公开栏");

	/* the body as masked; an assistance list's without its people's names
	 * and reasons, as wherever it reaches beyond its own page */
	record_scrub(r, r->body, &text);
	group_markdown_lines(text.data, &body);

	put_tail(c, "详情：", url, &tail);
	fixed = group_chars(head.data, head.len) + group_chars(tail.data,
	    tail.len);
	buf_put(out, head.data, head.len);
	cut = put_lines_within(body.data, body.len, fixed < GROUP_MAX_CHARS ?
	    GROUP_MAX_CHARS - fixed : 0, true, "（未完，全文见下方链接）\n", out);
	if (cut) {
		buf_reset(&tail);
		put_tail(c, "全文：", url, &tail);
	}
	buf_put(out, tail.data, tail.len);
	buf_free(&head);
	buf_free(&body);
	buf_free(&text);
	buf_free(&tail);
}

/* A survey's call to answer the same questions again: in the group, by the
 * suggestion box, or on the paper form. */
static void
invite_message(const struct county *c, const struct record *r,
    struct arena *a, struct buf *out)
{
	const struct village *v = r->village;
	const struct survey *s = &r->as.survey;
	struct buf questions = {0}, tail = {0};
	size_t fixed;

	buf_printf(out, "【%s村务公开满意度测评】\n", place_name(c, v));
	buf_printf(out, "请对本村村务公开工作进行评价，每题回答“%s、%s、%s、%s”"
	    "之一：\n", survey_answer_labels[0], survey_answer_labels[1],
	    survey_answer_labels[2], survey_answer_labels[3]);
	for (size_t i = 0; i < s->n_items; i++) {
		char digits[DECIMAL_SIZE];
		decimal_text((long long)i + 1, digits);
		buf_printf(&questions, "%s、", digits);
		group_punctuate(s->items[i].question,
		    strlen(s->items[i].question), &questions);
		buf_putc(&questions, '\n');
	}
	buf_puts(&tail, "回答方式：\n一、在本群直接回复，如“1满意，2非常满意”；\n");
	if (v->suggestion_box != NULL)
		buf_printf(&tail, "二、写在纸上投入意见箱（%s）；\n",
		    v->suggestion_box);
	else
		buf_puts(&tail, "二、写在纸上投入村委会意见箱；\n");
	buf_puts(&tail, "三、到村委会领取纸质测评表填写。\n");
	buf_puts(&tail, "上次测评：");
	facts_figure(r, true, &tail);
	buf_puts(&tail, "。\n");
	put_tail(c, "测评结果：", absolute_url(a, c, record_page_path(a, r)),
	    &tail);
	fixed = group_chars(out->data, out->len) + group_chars(tail.data,
	    tail.len);
	put_lines_within(questions.data, questions.len, fixed < GROUP_MAX_CHARS ?
	    GROUP_MAX_CHARS - fixed : 0, false, "（其余问题见下方链接）\n", out);
	buf_put(out, tail.data, tail.len);
	buf_free(&questions);
	buf_free(&tail);
}

/* ---- the week ---- */

static void
week_message(const struct county *c, const struct village *v,
    int32_t first, struct arena *a, struct buf *out)
{
	struct buf items = {0}, tail = {0}, line = {0};
	size_t n = 0, fixed;

	/* the notices still up first, those whose notice has ended by the
	 * day of the build after them: when the message is longer than a
	 * group takes, it is the ended ones that go to the link */
	for (int ended = 0; ended < 2; ended++) {
		for (size_t i = 0; i < v->n_records; i++) {
			const struct record *r = v->records[i];
			if (!record_in_week(r, first) ||
			    record_notice_over(r, c->today) != ended)
				continue;
			char digits[DECIMAL_SIZE];
			decimal_text((long long)++n, digits);
			buf_reset(&line);
			buf_printf(&line, "%s、%s（", digits, facts_title(r));
			size_t mark = line.len;
			facts_figure(r, true, &line);
			if (line.len > mark)
				buf_puts(&line, "；");
			buf_puts(&line, "公示期");
			facts_period(r, &line);
			if (ended)
				buf_puts(&line, "，已结束");
			buf_puts(&line, "）\n");
			buf_put(&items, line.data, line.len);
		}
	}
	buf_printf(out, "【%s本周%s】", place_name(c, v), place_word(v));
	date_cn_range(first, first + 6, "至", out);
	buf_putc(out, '\n');
	if (n == 0) {
		buf_puts(out, "本周无新公开事项。往期公开内容可点击下方链接查看。\n");
	} else {
		char digits[DECIMAL_SIZE];
		decimal_text((long long)n, digits);
		buf_printf(out, "本周公开%s项：\n", digits);
	}
	if (v->level == LEVEL_VILLAGE)
		buf_printf(&tail, "公开栏：%s\n", v->board != NULL ? v->board :
		    "村委会公开栏");
	put_tail(c, "查看全部：", village_url(a, c, v), &tail);
	fixed = group_chars(out->data, out->len) + group_chars(tail.data,
	    tail.len);
	put_lines_within(items.data, items.len, fixed < GROUP_MAX_CHARS ?
	    GROUP_MAX_CHARS - fixed : 0, false, "（其余事项见下方链接）\n", out);
	buf_put(out, tail.data, tail.len);
	buf_free(&items);
	buf_free(&tail);
	buf_free(&line);
}

/* ---- the backend ---- */

static int
render_job(const struct job *job, struct job_result *r)
{
	const struct group_state *st = job->state;
	const struct group_job *g = job->subject;
	struct arena *a = arena_new();
	struct buf *out = job_emit(r, g->path);

	switch (g->what) {
	case GROUP_RECORD:
		record_message(st->county, g->record, a, out);
		break;
	case GROUP_INVITE:
		invite_message(st->county, g->record, a, out);
		break;
	case GROUP_WEEK:
		week_message(st->county, g->village, st->week_first, a, out);
		break;
	}
	arena_free(a);
	return 0;
}

static void *
group_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	struct group_state *st = xcalloc(1, sizeof *st);

	(void)o;
	(void)err;
	st->county = county;
	st->week_first = county_week_first(county);
	return st;
}

/* A record's file name in its folder: "week" and "index" are not
 * records' names there. */
static const char *
message_name(const struct record *r)
{
	if (strcmp(r->id, "week") == 0)
		return "week-record";
	return record_file_name(r);
}

static struct job *
add_job(struct job_list *jobs, const struct group_state *st,
    enum group_what what, const struct village *v, const struct record *r,
    const char *path, struct hasher *h)
{
	struct group_job *g = arena_alloc(jobs->arena, sizeof *g);
	struct job *job = job_add(jobs, OUT_GROUP, path);

	g->what = what;
	g->village = v;
	g->record = r;
	g->path = path;
	job->label = path;
	job->render = render_job;
	job->state = st;
	job->subject = g;
	job_key_init(h, "group");
	/* the county's name, base_url and hotline */
	hasher_digest(h, &st->county->site.hash);
	hasher_u64(h, (uint64_t)what);
	hasher_str(h, path);
	job_key_place(h, v);
	if (r != NULL) {
		hasher_str(h, r->path);
		hasher_digest(h, &r->hash);
	}
	return job;
}

static void
plan_village(struct job_list *jobs, const struct group_state *st,
    const struct village *v)
{
	const char *dir = SITE_CAT(jobs->arena, "group/", village_dir(jobs->arena,
	    v), "/");
	struct hasher week;
	bool any = false;
	struct hasher h;

	job_key_init(&week, "group");
	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *r = v->records[i];
		if (!record_in_week(r, st->week_first))
			continue;
		any = true;
		hasher_str(&week, r->path);
		hasher_digest(&week, &r->hash);
		struct job *job = add_job(jobs, st, GROUP_RECORD, v, r,
		    SITE_CAT(jobs->arena, dir, message_name(r), ".txt"), &h);
		job->key = hasher_final(&h);
		if (r->type == RT_SURVEY && r->as.survey.n_items > 0) {
			job = add_job(jobs, st, GROUP_INVITE, v, r,
			    SITE_CAT(jobs->arena, dir, "invite/", message_name(r),
			    ".txt"), &h);
			job->key = hasher_final(&h);
		}
	}
	/* a village's digest every week, a town's or the county's when they
	 * publish something that week */
	if (!any && v->level != LEVEL_VILLAGE)
		return;
	struct job *job = add_job(jobs, st, GROUP_WEEK, v, NULL,
	    SITE_CAT(jobs->arena, dir, "week.txt"), &h);
	hasher_u64(&h, (uint64_t)(int64_t)st->week_first);
	struct digest records = hasher_final(&week);
	hasher_digest(&h, &records);
	job->key = hasher_final(&h);
}

static int
group_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	const struct group_state *st = state;

	(void)err;
	for (size_t t = 0; t < county->n_towns; t++) {
		const struct town *town = &county->towns[t];
		for (size_t i = 0; i < town->n_villages; i++)
			plan_village(jobs, st, &town->villages[i]);
		plan_village(jobs, st, &town->own);
	}
	plan_village(jobs, st, &county->own);
	return 0;
}

static void
group_destroy(void *state)
{
	free(state);
}

const struct backend group_backend = {
	OUT_GROUP, "group", group_create, group_plan, group_destroy,
};
