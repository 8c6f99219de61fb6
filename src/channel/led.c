/* led.c: the villages' LED screens: the current notices as short lines
 * (title, key figure, notice period) in the screen's encoding with CRLF,
 * the same lines drawn as frames of the screen's pixels, and a playlist;
 * one job per village, keyed by the notices it shows. */
#include "engine/backends.h"
#include "util/i18n.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "channel/facts.h"
#include "channel/led_draw.h"
#include "site/site.h"

/* led.txt and frames.txt beside the frames, in one job's files */
#define LED_MAX_FRAMES (JOB_MAX_FILES - 2)
/* reading speed on a screen, characters a second, and the shortest dwell */
#define LED_CHARS_PER_SECOND 5
#define LED_MIN_SECONDS 3

struct led_state {
	const struct county *county;
	struct led_font *font;
	struct digest font_digest;
};

/* A job's paths are made when it is planned, in the job list's arena: they
 * must outlive the job's rendering, which may not touch that arena. */
struct led_job {
	const struct village *village;
	const char *text_path;         /* "led/<town>/<village>/led.txt" */
	const char *playlist_path;     /* ".../frames.txt" */
	const char *frame_paths[LED_MAX_FRAMES];   /* ".../frames/001.png" */
};

/* ---- the lines ---- */

/* The screen's lines: blocks (the heading, then one per current notice)
 * of lines, each line ending in '\n' and each block in an empty line. */
static void
led_lines(const struct county *c, const struct village *v, struct buf *out)
{
	size_t shown = 0;

	buf_printf(out, "%s村务公开\n", v->name);
	if (c->site.hotline != NULL)
		buf_printf(out, "监督电话：%s\n", c->site.hotline);
	buf_putc(out, '\n');
	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *r = v->records[i];
		if (!record_is_current(r, c->today))
			continue;
		shown++;
		buf_puts(out, facts_title(r));
		buf_putc(out, '\n');
		size_t mark = out->len;
		facts_figure(r, true, out);
		if (out->len > mark)
			buf_putc(out, '\n');
		mark = out->len;
		buf_puts(out, "公示期：");
		facts_period(r, out);
		buf_puts(out, "\n\n");
	}
	if (shown == 0)
		buf_puts(out, "当前无公示事项\n欢迎到公开栏查阅往期公开内容\n\n");
}

/* The lines in the screen's encoding with CRLF; a character the encoding
 * lacks becomes '?'. */
static int
encode_lines(const char *encoding, const char *text, size_t len,
    struct buf *out, struct buf *err)
{
	iconv_t cd = iconv_open(encoding, "UTF-8");
	struct buf crlf = {0};
	int rc = 0;

	if (cd == (iconv_t)-1) {
		buf_printf(err, _("the encoding '%s' of the LED text is unknown "
		    "to iconv"), encoding);
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			buf_putc(&crlf, '\r');
		buf_putc(&crlf, text[i]);
	}
	char *in = crlf.data;
	size_t left = crlf.len;
	while (left > 0) {
		char chunk[1024], *to = chunk;
		size_t room = sizeof chunk;
		size_t done = iconv(cd, &in, &left, &to, &room);
		buf_put(out, chunk, (size_t)(to - chunk));
		if (done != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno != EILSEQ) {
			buf_printf(err, _("cannot write the LED text in %s"),
			    encoding);
			rc = -1;
			break;
		}
		/* one character the encoding lacks: '?' in its place */
		char q[] = "?", *qin = q;
		size_t qleft = 1;
		to = chunk;
		room = sizeof chunk;
		iconv(cd, &qin, &qleft, &to, &room);
		buf_put(out, chunk, (size_t)(to - chunk));
		uint32_t cp;
		int n = utf8_decode(in, left, &cp);
		in += n;
		left -= (size_t)n;
	}
	/* the shift state's end, for the encodings that have one */
	char chunk[64], *to = chunk;
	size_t room = sizeof chunk;
	if (rc == 0 && iconv(cd, NULL, NULL, &to, &room) != (size_t)-1)
		buf_put(out, chunk, (size_t)(to - chunk));
	iconv_close(cd);
	buf_free(&crlf);
	return rc;
}

/* ---- the pages ---- */

struct pages {
	struct buf *rows;      /* a page's rows, each ending in '\n' */
	size_t *n_rows;
	size_t len;
	size_t cap;
};

static void
pages_new_page(struct pages *p)
{
	if (p->len == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->rows = xrealloc(p->rows, p->cap * sizeof *p->rows);
		p->n_rows = xrealloc(p->n_rows, p->cap * sizeof *p->n_rows);
	}
	memset(&p->rows[p->len], 0, sizeof p->rows[p->len]);
	p->n_rows[p->len++] = 0;
}

static void
pages_free(struct pages *p)
{
	for (size_t i = 0; i < p->len; i++)
		buf_free(&p->rows[i]);
	free(p->rows);
	free(p->n_rows);
}

/* Every block from a page of its own; a line wrapped into rows goes to
 * the next page when it fits there whole and not in what is left here. */
static void
paginate(struct led_draw *d, const char *lines, size_t len, struct pages *p)
{
	size_t per_page = (size_t)led_draw_rows(d);
	struct buf line = {0}, rows = {0};
	bool block_start = true;

	for (size_t i = 0; i < len; ) {
		const char *nl = memchr(lines + i, '\n', len - i);
		size_t end = nl != NULL ? (size_t)(nl - lines) : len;
		if (end == i) {
			block_start = true;
			i = end + 1;
			continue;
		}
		buf_reset(&line);
		buf_put(&line, lines + i, end - i);
		buf_reset(&rows);
		size_t n = led_draw_wrap(d, line.data, &rows);
		if (block_start || p->len == 0 || (p->n_rows[p->len - 1] + n >
		    per_page && n <= per_page))
			pages_new_page(p);
		block_start = false;
		for (size_t k = 0, at = 0; k < n; k++) {
			const char *e = memchr(rows.data + at, '\n', rows.len - at);
			size_t row_end = (size_t)(e - rows.data) + 1;
			if (p->n_rows[p->len - 1] == per_page)
				pages_new_page(p);
			buf_put(&p->rows[p->len - 1], rows.data + at, row_end - at);
			p->n_rows[p->len - 1]++;
			at = row_end;
		}
		i = end + 1;
	}
	buf_free(&line);
	buf_free(&rows);
}

static int
dwell_seconds(const struct buf *rows)
{
	size_t chars = rows->data != NULL ? utf8_chars(rows->data, rows->len) :
	    0;
	int s = (int)((chars + LED_CHARS_PER_SECOND - 1) / LED_CHARS_PER_SECOND);

	return s < LED_MIN_SECONDS ? LED_MIN_SECONDS : s;
}

/* ---- the job ---- */

static int
render_job(const struct job *job, struct job_result *r)
{
	const struct led_state *st = job->state;
	const struct led_job *lj = job->subject;
	const struct led_settings *led = &st->county->site.led;
	struct buf lines = {0}, playlist = {0};
	struct pages pages = {0};
	struct led_draw *d = NULL;
	int rc = -1;

	led_lines(st->county, lj->village, &lines);
	if (encode_lines(led->encoding, lines.data, lines.len,
	    job_emit(r, lj->text_path), &r->err) != 0)
		goto out;
	if ((d = led_draw_new(led->width, led->height)) == NULL) {
		buf_printf(&r->err, _("cannot make an LED frame of %dx%d pixels"),
		    led->width, led->height);
		goto out;
	}
	paginate(d, lines.data, lines.len, &pages);
	if (pages.len > LED_MAX_FRAMES) {
		/* the screen's player takes so many; the board has the rest */
		for (size_t i = LED_MAX_FRAMES - 1; i < pages.len; i++)
			buf_free(&pages.rows[i]);
		pages.len = LED_MAX_FRAMES - 1;
		struct buf rest = {0};
		led_draw_wrap(d, "其余内容请到公开栏查阅", &rest);
		pages_new_page(&pages);
		pages.rows[pages.len - 1] = rest;
	}
	buf_puts(&playlist, "# frame seconds\n");
	for (size_t i = 0; i < pages.len; i++) {
		const char *path = lj->frame_paths[i];
		if (led_draw_page(d, pages.rows[i].data ? pages.rows[i].data : "",
		    pages.rows[i].len, job_emit(r, path), &r->err) != 0)
			goto out;
		buf_printf(&playlist, "%s %d\n", strstr(path, "frames/"),
		    dwell_seconds(&pages.rows[i]));
	}
	buf_put(job_emit(r, lj->playlist_path), playlist.data, playlist.len);
	rc = 0;
out:
	led_draw_free(d);
	pages_free(&pages);
	buf_free(&lines);
	buf_free(&playlist);
	return rc;
}

/* ---- the backend ---- */

static void *
led_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	struct led_state *st;
	struct led_font *font;
	struct digest digest;

	(void)o;
	if ((font = led_font_hold(&digest, err)) == NULL)
		return NULL;
	st = xcalloc(1, sizeof *st);
	st->county = county;
	st->font = font;
	st->font_digest = digest;
	return st;
}

/* The screens are the villages': a town's or the county's own notices
 * reach their groups and site, not a village's screen. */
static void
plan_village(struct job_list *jobs, const struct led_state *st,
    const struct village *v)
{
	const struct county *c = st->county;
	struct led_job *lj = arena_alloc(jobs->arena, sizeof *lj);
	const char *dir = SITE_CAT(jobs->arena, "led/", village_dir(jobs->arena,
	    v), "/");
	struct job *job = job_add(jobs, OUT_LED, SITE_CAT(jobs->arena, dir,
	    "led.txt"));
	struct hasher h;

	lj->village = v;
	lj->text_path = SITE_CAT(jobs->arena, dir, "led.txt");
	lj->playlist_path = SITE_CAT(jobs->arena, dir, "frames.txt");
	for (size_t i = 0; i < LED_MAX_FRAMES; i++)
		lj->frame_paths[i] = arena_printf(jobs->arena, "%sframes/%03zu.png",
		    dir, i + 1);
	job->label = arena_printf(jobs->arena, "led %s/%s", v->town->name,
	    v->name);
	job->render = render_job;
	job->state = st;
	job->subject = lj;
	job_key_init(&h, "led");
	hasher_digest(&h, &st->font_digest);
	/* the screen's size and encoding, the hotline */
	hasher_digest(&h, &c->site.hash);
	hasher_str(&h, v->town->id);
	hasher_str(&h, v->id);
	hasher_digest(&h, &v->hash);
	/* the notices current at the build clock, and nothing else of it */
	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *r = v->records[i];
		if (!record_is_current(r, c->today))
			continue;
		hasher_str(&h, r->path);
		hasher_digest(&h, &r->hash);
	}
	job->key = hasher_final(&h);
}

static int
led_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	const struct led_state *st = state;

	(void)err;
	for (size_t t = 0; t < county->n_towns; t++)
		for (size_t i = 0; i < county->towns[t].n_villages; i++)
			plan_village(jobs, st, &county->towns[t].villages[i]);
	return 0;
}

static void
led_destroy(void *state)
{
	struct led_state *st = state;

	if (st == NULL)
		return;
	led_font_release(st->font);
	free(st);
}

const struct backend led_backend = {
	OUT_LED, "led", led_create, led_plan, led_destroy,
};
