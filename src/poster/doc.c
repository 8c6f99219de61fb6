/* doc.c: a poster's layout: blocks measured with pango (zh-cn, WORD_CHAR),
 * placed into sheets between the title band and the footer; paragraphs
 * split between lines, table rows never, headers repeated on every sheet. */
#include "poster/doc.h"
#include "util/i18n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "media/image.h"
#include "render/fonts.h"
#include "poster/flowlink.h"
#include "util/wordbreak.h"

/* Crop marks lie outside the bleed, where the print shop cuts nothing it
 * keeps: they start CROP_GAP_MM beyond the bleed and never nearer the trim
 * than CROP_MIN_MM (a cut a little off must not catch a mark), and run
 * CROP_LEN_MM to the page's edge; the page grows by that slug. */
#define CROP_MIN_MM 3.0
#define CROP_GAP_MM 1.0
#define CROP_LEN_MM 6.0
#define GAP MM(4)           /* between the band, the body and the footer */
#define FLOW_MAX_SCALE 2.2  /* a small chart is enlarged at most this much */

/* ---- blocks ---- */


static struct block *
block_new(struct doc *d, enum block_kind kind)
{
	struct block *b = arena_alloc(d->arena, sizeof *b);
	b->kind = kind;
	b->role = TR_BODY;
	b->src = d->src;
	b->cont_label = d->section;
	return b;
}


struct block *
doc_add(struct doc *d, enum block_kind kind)
{
	struct block *b = block_new(d, kind);
	if (d->last != NULL)
		d->last->next = b;
	else
		d->first = b;
	d->last = b;
	return b;
}

struct block *
doc_rich(struct doc *d, enum text_role role, struct rich r)
{
	struct block *b = doc_add(d, BK_TEXT);
	b->role = role;
	b->rich = r;
	return b;
}

struct block *
doc_text(struct doc *d, enum text_role role, const char *text)
{
	struct rich r = {arena_strdup(d->arena, text), NULL, 0};
	return doc_rich(d, role, r);
}

static void
rich_add(struct arena *a, struct rich *r, struct span s)
{
	struct span *spans = arena_alloc(a, (r->n_spans + 1) * sizeof *spans);
	if (r->n_spans > 0)
		memcpy(spans, r->spans, r->n_spans * sizeof *spans);
	spans[r->n_spans++] = s;
	r->spans = spans;
}

void
rich_bold(struct arena *a, struct rich *r, size_t start, size_t end)
{
	if (end > start)
		rich_add(a, r, (struct span){SPAN_BOLD, start, end, 0});
}

void
rich_color(struct arena *a, struct rich *r, size_t start, size_t end,
    unsigned rgb)
{
	if (end > start)
		rich_add(a, r, (struct span){SPAN_COLOR, start, end, rgb});
}


/* A table's columns and roles, without rows. */
static struct table *
table_new(struct doc *d, int n_cols, const double *frac, const int *align)
{
	struct table *t = arena_alloc(d->arena, sizeof *t);

	t->n_cols = n_cols;
	for (int i = 0; i < n_cols && i < TABLE_MAX_COLS; i++) {
		t->frac[i] = frac[i];
		t->align[i] = align ? align[i] : 0;
	}
	t->role = TR_TABLE;
	t->head_role = TR_TABLE_HEAD;
	return t;
}

struct table *
doc_table(struct doc *d, int n_cols, const double *frac, const int *align,
    const char *caption, const char *const *head)
{
	struct table *t = table_new(d, n_cols, frac, align);
	struct buf b = {0};

	buf_printf(&b, "%s（续表）", caption ? caption : "");
	t->cont = block_new(d, BK_TEXT);
	t->cont->role = TR_META;
	t->cont->rich = rich_plain(d->arena, b.data);
	buf_free(&b);
	t->header = doc_row(d, t, ROW_HEADER, head);
	t->header->keep_with_next = true;
	return t;
}

static struct block *
row_fill(struct doc *d, struct block *b, struct table *t, unsigned flags,
    const char *const *cells)
{
	int n = (flags & ROW_SPAN) ? 1 : t->n_cols;

	b->table = t;
	b->row_flags = flags;
	b->role = (flags & (ROW_HEADER | ROW_TOTAL | ROW_SPAN)) ? t->head_role :
	    t->role;
	b->n_cells = n;
	b->cells = arena_alloc(d->arena, (size_t)n * sizeof *b->cells);
	for (int i = 0; i < n; i++)
		b->cells[i] = rich_plain(d->arena, cells[i]);
	return b;
}

struct block *
doc_row(struct doc *d, struct table *t, unsigned flags,
    const char *const *cells)
{
	return row_fill(d, doc_add(d, BK_ROW), t, flags, cells);
}

struct block *
doc_row_apart(struct doc *d, struct table *t, struct block *after,
    unsigned flags, const char *const *cells)
{
	struct block *b = row_fill(d, block_new(d, BK_ROW), t, flags, cells);
	if (after != NULL)
		after->next = b;
	return b;
}

struct table *
doc_table_apart(struct doc *d, int n_cols, const double *frac,
    const int *align, const char *const *head)
{
	struct table *t = table_new(d, n_cols, frac, align);

	t->header = doc_row_apart(d, t, NULL, ROW_HEADER, head);
	return t;
}

void
doc_section(struct doc *d, const char *name)
{
	struct block *l = block_new(d, BK_TEXT);

	l->role = TR_RECORD;
	l->style = TS_RULED;
	l->rich = rich_plain(d->arena, arena_printf(d->arena, "%s（续）", name));
	l->cont_label = NULL;
	d->section = l;
}

void
doc_section_row(struct doc *d, struct table *t, const char *name)
{
	const char *cell[1] = {arena_printf(d->arena, "%s（续）", name)};
	struct block *l = row_fill(d, block_new(d, BK_ROW), t, ROW_SPAN, cell);

	/* within the notice, whose title goes first */
	l->cont_label = d->section != NULL && d->section->kind == BK_ROW ?
	    d->section->cont_label : d->section;
	d->section = l;
}

void
doc_section_rows_end(struct doc *d)
{
	if (d->section != NULL && d->section->kind == BK_ROW)
		d->section = d->section->cont_label;
}

void
doc_section_end(struct doc *d)
{
	d->section = NULL;
}

/* ---- the thread's charts ---- */

/* A chart laid out at each wrap a poster tries, kept by the thread until
 * the poster is done (doc_flows_done): a service guide is laid out again,
 * its words spread evenly, up to four times, each trying every wrap, and a
 * chart's layout (the engine's, some milliseconds each) depends on the
 * chart and the wrap alone. The layouts are drawn read only (flow_draw
 * takes them const); the docs that use them do not free them. */
struct flow_made {
	const struct flow *flow;
	int wrap;                   /* 0: the engine's own */
	struct flow_layout *layout;
};

static void
flows_free(void *p)
{
	struct ptrvec *v = p;

	if (v == NULL)
		return;
	for (size_t i = 0; i < v->len; i++) {
		struct flow_made *m = v->items[i];
		flow_layout_free(m->layout);
		free(m);
	}
	ptrvec_free(v);
	free(v);
}

static GPrivate flows_kept = G_PRIVATE_INIT(flows_free);

static struct flow_layout *
flow_made(const struct flow *f, int wrap, struct buf *err)
{
	struct ptrvec *v = g_private_get(&flows_kept);

	if (v == NULL) {
		v = xcalloc(1, sizeof *v);
		g_private_set(&flows_kept, v);
	}
	for (size_t i = 0; i < v->len; i++) {
		struct flow_made *m = v->items[i];
		if (m->flow == f && m->wrap == wrap)
			return m->layout;
	}
	/* the print variant when the engine has it */
	struct flow_layout *(*volatile lay)(const struct flow *, int,
	    struct buf *) = flow_layout_new_print;
	if (lay == NULL)
		lay = flow_layout_new_wrap;
	struct flow_layout *l = wrap == 0 ? flow_layout_new(f, err) :
	    lay(f, wrap, err);
	if (l == NULL)
		return NULL;
	struct flow_made *m = xmalloc(sizeof *m);
	m->flow = f;
	m->wrap = wrap;
	m->layout = l;
	ptrvec_push(v, m);
	return l;
}

void
doc_flows_done(void)
{
	g_private_replace(&flows_kept, NULL);
}

/* ---- measuring ---- */

static int
measure_at(struct doc *d, struct block *b, double width, struct buf *err)
{
	switch (b->kind) {
	case BK_TEXT:
		doc_measure_text(d, b, width);
		break;
	case BK_ROW:
		doc_measure_row(d, b, width);
		break;
	case BK_STACKBAR:
	case BK_PROGRESS:
		b->w = width;
		b->h = MM(9);
		break;
	case BK_PHOTO:
		b->w = width;
		b->h = b->photo_h;
		break;
	case BK_TREND:
		trend_measure(d, b, width);
		break;
	case BK_FLOW:
		if (b->flow_layout == NULL) {
			struct flow_layout *fl = flow_made(b->flow, 0, err);
			if (fl == NULL)
				return -1;
			b->flow_layout = fl;
			flow_layout_size(fl, &b->flow_w, &b->flow_h);
			if (b->flow_w <= 0 || b->flow_h <= 0)
				b->flow_w = b->flow_h = 1;
		}
		b->w = width;
		b->h = b->flow_h;
		break;
	}
	return 0;
}

static int
measure(struct doc *d, struct block *b, struct buf *err)
{
	return measure_at(d, b, d->body_w - b->indent, err);
}

/* ---- sheets ---- */

static struct sheet *
sheet_add(struct doc *d)
{
	d->sheets = xrealloc(d->sheets, (d->n_sheets + 1) * sizeof *d->sheets);
	struct sheet *s = &d->sheets[d->n_sheets++];
	memset(s, 0, sizeof *s);
	return s;
}

static struct placed *
place(struct sheet *s, enum placed_kind kind, const struct block *b,
    double x, double y, double w, double h)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->items = xrealloc(s->items, s->cap * sizeof *s->items);
	}
	struct placed *p = &s->items[s->n++];
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->block = b;
	p->x = x;
	p->y = y;
	p->w = w;
	p->h = h;
	p->scale = 1;
	return p;
}

static double
flow_scale_in(const struct block *b, double w, double avail)
{
	return fmin(fmin(w / b->flow_w, avail / b->flow_h), FLOW_MAX_SCALE);
}

static double
flow_scale(const struct block *b, double avail)
{
	return flow_scale_in(b, b->w, avail);
}

/* The body of a later sheet, upright or turned. */
static double
geo_top(const struct doc *d, bool turned)
{
	return turned ? d->turned.cont_top : d->cont_top;
}

static double
geo_bottom(const struct doc *d, bool turned)
{
	return turned ? d->turned.body_bottom : d->body_bottom;
}

/* A chart that ends the poster, on a later sheet of its own, has there a
 * footer of one line, the hotline (the QR code and the rest are on the
 * sheets before it): the chart has the rest of the footer's height. */
static bool
chart_ends(const struct block *b)
{
	return b->kind == BK_FLOW && b->next == NULL;
}

/* The bottom of the body of a later sheet that b opens. */
static double
geo_bottom_of(const struct doc *d, const struct block *b, bool turned)
{
	if (!chart_ends(b))
		return geo_bottom(d, turned);
	return turned ? d->turned.chart_bottom : d->chart_bottom;
}

/* The height of a text block's first lines (all of it when it has no
 * more). */
static double
lines_height(const struct block *b, int lines)
{
	if (b->layout == NULL || pango_layout_get_line_count(b->layout) <= lines)
		return b->h;
	PangoLayoutIter *it = pango_layout_get_iter(b->layout);
	int y0, y1;
	for (int i = 1; i < lines; i++)
		pango_layout_iter_next_line(it);
	pango_layout_iter_get_line_yrange(it, &y0, &y1);
	pango_layout_iter_free(it);
	return (double)y1 / PANGO_SCALE + 2 * b->pad_y;
}

/* The least of a block that must follow a kept heading on the same sheet:
 * two lines of a paragraph, one row, a chart. */
static double
min_height(const struct doc *d, const struct block *b)
{
	if (b->kind == BK_TEXT)
		return lines_height(b, 2);
	if (b->kind == BK_FLOW)     /* as it would be on a sheet of its own */
		return 0.8 * b->flow_h * flow_scale(b,
		    geo_bottom_of(d, b, b->rotated) - geo_top(d, b->rotated));
	return b->h;
}

/* A notice's heading (a process's heading, its title, its period line)
 * stays on a sheet only with its first FIRST_LINES lines of text, or its
 * table's header and first KEEP_ROWS rows, below it; a table split between
 * sheets leaves KEEP_ROWS rows at least on each side, so that one of fewer
 * than twice as many moves whole. */
#define FIRST_LINES 3
#define KEEP_ROWS 2

static bool
data_row(const struct block *b)
{
	return b->kind == BK_ROW && !(b->row_flags & (ROW_HEADER | ROW_SPAN));
}

/* The rows of b's table from b on: how many hold data (not its header, not
 * a group's row), and the height of them all (gaps included); counted up
 * to more than most only (a long table is not walked for each row). */
static int
rows_on(const struct block *b, double *h, int most)
{
	const struct table *t = b->table;
	int n = 0;

	if (h != NULL)
		*h = 0;
	for (const struct block *r = b; r != NULL && r->kind == BK_ROW &&
	    r->table == t && n <= most; r = r->next) {
		if (h != NULL)
			*h += (r == b ? 0 : r->space_before) + r->h;
		if (data_row(r))
			n++;
	}
	return n;
}

/* What must follow a notice's heading on its sheet, from n (its first
 * block after the heading) on: FIRST_LINES lines of text; or, once a table
 * begins, its rows to its KEEP_ROWS-th (the whole table when it cannot be
 * split leaving as many on each side); or a bar, a chart, a photo; less
 * when the notice ends sooner. The height without n's own gap. */
static double
first_content(const struct doc *d, const struct block *n)
{
	int lines = FIRST_LINES, rows = 0, want = 0;
	double h = 0;

	for (const struct block *f = n; f != NULL; f = f->next) {
		double gap = f == n ? 0 : f->space_before;
		if (f->kind == BK_TEXT &&
		    (f->role == TR_HEADING || f->role == TR_RECORD))
			break;          /* the next notice: this one was short */
		if (f->kind == BK_ROW) {
			if (want == 0) {
				want = rows_on(f, NULL, 2 * KEEP_ROWS);
				if (want >= 2 * KEEP_ROWS)
					want = KEEP_ROWS;
			}
			h += gap + f->h;
			if (data_row(f) && ++rows >= want)
				break;
			if (f->next == NULL || f->next->kind != BK_ROW ||
			    f->next->table != f->table)
				break;  /* the table ends */
			continue;
		}
		if (f->kind == BK_TEXT) {
			int nl = f->layout != NULL ?
			    pango_layout_get_line_count(f->layout) : 1;
			if (nl >= lines) {
				h += gap + lines_height(f, lines);
				break;
			}
			h += gap + f->h;
			lines -= nl;
			continue;
		}
		h += gap + min_height(d, f);
		break;
	}
	return h;
}

/* Whether the blocks from b to last (a chain kept together) hold a
 * heading or a notice's title. */
static bool
chain_heads(const struct block *b, const struct block *last)
{
	for (;; b = b->next) {
		if (b->kind == BK_TEXT &&
		    (b->role == TR_HEADING || b->role == TR_RECORD))
			return true;
		if (b == last)
			return false;
	}
}

/* A chart whose text prints TURN_GAIN times larger on a sheet turned
 * landscape (a wide chart) goes on one, with the heading that keeps with
 * it; what follows is upright again. Text on a turned sheet still reads
 * upright when the sheet hangs landscape, which a chart turned on an
 * upright sheet would not. The first sheet stays upright. */
#define TURN_GAIN 1.10

static bool
band_takes_heading(struct doc *d, const struct block *b);

/* A chart's boxes wrap their text at so many characters a line: the
 * engine's own wrap and each of these are tried, and the one that prints
 * largest in the chart's room is kept (a narrower wrap gives narrower,
 * taller boxes and lanes, for a sheet narrower than the chart). Another
 * wrap than the engine's must print at least WRAP_GAIN larger. */
#define WRAP_LEAST 3
#define WRAP_MOST 14
#define WRAP_GAIN 1.01

struct chart_try {
	struct flow_layout *layout;
	double w, h;
	int wrap;                      /* 0: the engine's own */
};

static double
scale_in_room(const struct chart_try *t, double w, double h)
{
	if (w <= 0 || h <= 0)
		return 0;
	return fmin(fmin(w / t->w, h / t->h), FLOW_MAX_SCALE);
}

/* The index of the try that prints largest in w by h, and its scale. */
static size_t
best_try(const struct chart_try *tries, size_t n, double w, double h,
    double *scale)
{
	size_t best = 0;

	*scale = scale_in_room(&tries[0], w, h);
	for (size_t i = 1; i < n; i++) {
		double sc = scale_in_room(&tries[i], w, h);
		if (sc > WRAP_GAIN * *scale || (best != 0 && sc > *scale)) {
			best = i;
			*scale = sc;
		}
	}
	return best;
}

/* Lays b's chart out at each wrap, in the engine's print variant (the
 * white across the chart tighter, diamonds narrower: the chart is scaled
 * up, its white with it), and keeps the one that prints largest:
 * upright in up_w by up_h, or turned in turn_w by turn_h (turn_w 0: never
 * turned) when that prints TURN_GAIN times larger. *turn says which; -1
 * after a failure of the engine (in err). */
static int
fit_wrap(struct block *b, double up_w, double up_h, double turn_w,
    double turn_h, bool *turn, struct buf *err)
{
	struct chart_try tries[2 + WRAP_MOST - WRAP_LEAST];
	size_t n = 0, pick = 0;
	double up, turned = 0;

	tries[n++] = (struct chart_try){b->flow_layout, b->flow_w, b->flow_h, 0};
	for (int wrap = WRAP_LEAST; wrap <= WRAP_MOST &&
	    poster_have_flow_wrap(); wrap++) {
		struct chart_try *t = &tries[n];
		t->layout = flow_made(b->flow, wrap, err);
		if (t->layout == NULL)
			return -1;
		t->wrap = wrap;
		flow_layout_size(t->layout, &t->w, &t->h);
		if (t->w > 0 && t->h > 0)
			n++;
	}
	pick = best_try(tries, n, up_w, up_h, &up);
	if (turn_w > 0) {
		size_t side = best_try(tries, n, turn_w, turn_h, &turned);
		if (turned >= TURN_GAIN * up)
			pick = side;
	}
	*turn = turn_w > 0 && turned >= TURN_GAIN * up;
	if (pick != 0) {
		b->flow_layout = tries[pick].layout;
		b->flow_w = tries[pick].w;
		b->flow_h = tries[pick].h;
		b->flow_wrap = tries[pick].wrap;
	}
	return 0;
}

/* Each chart at the wrap that prints it largest where it goes: in the
 * first sheet's body after what comes before it there, or on a later sheet
 * of its own after the heading that keeps with it, upright or turned. */
static int
fit_charts(struct doc *d, struct buf *err)
{
	struct block *chain = NULL;

	for (struct block *b = d->first; b != NULL; b = b->next) {
		if (b->kind != BK_FLOW) {
			if (!b->keep_with_next)
				chain = NULL;
			else if (chain == NULL)
				chain = b;
			continue;
		}
		struct block *from = chain != NULL ? chain : b;
		double lead = 0;
		chain = NULL;
		if (b->flow_layout == NULL)
			continue;
		for (struct block *k = from; k != b; k = k->next)
			lead += (k != from ? k->space_before : 0) + k->h;
		lead += from != b ? b->space_before : 0;
		/* (a lone heading goes into the band of the chart's sheet,
		 * whichever way it is turned) */
		if (from != d->first && from->next == b &&
		    band_takes_heading(d, from))
			lead = 0;
		bool first = from == d->first, turn = false;
		double up_w = d->body_w - b->indent, up_h, turn_w = 0, turn_h = 0;
		if (first) {
			up_h = d->body_bottom - d->body_top - lead;
		} else {
			up_h = geo_bottom_of(d, b, false) - d->cont_top - lead;
			if (d->turned.body_w > 0) {
				turn_w = d->turned.body_w - b->indent;
				turn_h = geo_bottom_of(d, b, true) -
				    d->turned.cont_top - lead;
			}
		}
		if (fit_wrap(b, up_w, up_h, turn_w, turn_h, &turn, err) != 0)
			return -1;
		if (!turn) {
			if (measure_at(d, b, up_w, err) != 0)
				return -1;
			continue;
		}
		for (struct block *k = from; k != b->next; k = k->next) {
			k->rotated = true;
			if (measure_at(d, k, d->turned.body_w - k->indent, err) != 0)
				return -1;
		}
	}
	return 0;
}

/* A text block cut after the lines that fit in avail: the block keeps them
 * and a new block with the rest is returned, or NULL when not even two
 * lines fit (then the whole block moves on). */
static struct block *
split_text(struct doc *d, struct block *b, double avail)
{
	PangoLayoutIter *it;
	int n_lines = pango_layout_get_line_count(b->layout), fit = 0;
	int y0, y1;

	if (b->style != TS_PLAIN || n_lines < 2)
		return NULL;
	it = pango_layout_get_iter(b->layout);
	do {
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		if ((double)y1 / PANGO_SCALE > avail)
			break;
		fit++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	if (fit >= n_lines)
		return NULL;
	if (fit < 2 && avail < d->body_bottom - d->cont_top - 1)
		return NULL;
	if (fit < 1)
		fit = 1;
	size_t cut = (size_t)pango_layout_get_line_readonly(b->layout, fit)->
	    start_index;
	struct block *rest = block_new(d, BK_TEXT);
	rest->role = b->role;
	rest->style = b->style;
	rest->indent = b->indent;
	rest->cont_label = b->cont_label;
	if (b->hang_bytes > 0) {
		/* the continuation lines of a list item keep their indent */
		int iw = pango_layout_get_indent(b->layout);
		rest->indent -= (double)iw / PANGO_SCALE;
	}
	rest->rich.text = arena_strdup(d->arena, b->rich.text + cut);
	for (size_t i = 0; i < b->rich.n_spans; i++) {
		struct span s = b->rich.spans[i];
		if (s.end <= cut)
			continue;
		s.start = s.start > cut ? s.start - cut : 0;
		s.end -= cut;
		rich_add(d->arena, &rest->rich, s);
	}
	rest->next = b->next;
	b->next = rest;
	b->rich.text = arena_strndup(d->arena, b->rich.text, cut);
	/* trim a trailing newline the cut leaves */
	size_t len = strlen(b->rich.text);
	while (len > 0 && b->rich.text[len - 1] == '\n')
		b->rich.text[--len] = '\0';
	doc_measure_text(d, b, b->w);
	doc_measure_text(d, rest, d->body_w - rest->indent);
	return rest;
}

static void
place_block(struct doc *d, struct sheet *s, struct block *b, double *y)
{
	if (s->n > 0)
		*y += b->space_before;
	place(s, PL_BLOCK, b, d->body_x + b->indent, *y, b->w, b->h);
	*y += b->h;
	if (b->kind == BK_ROW && (b->row_flags & ROW_HEADER))
		s->header_of = b->table;
}

static struct sheet *
next_sheet(struct doc *d, bool turned, double *y)
{
	struct sheet *s = sheet_add(d);
	s->rotated = turned;
	*y = geo_top(d, turned);
	return s;
}

/* ---- content no sheet can hold ---- */

static void
problem_add(struct doc *d, const struct pos *pos, const char *msgid,
    double need, double have)
{
	/* one problem once: the rows after a title too long all blame it */
	for (size_t i = 0; i < d->n_problems; i++)
		if (d->problems[i].msgid == msgid &&
		    d->problems[i].pos.path == pos->path &&
		    d->problems[i].pos.line == pos->line &&
		    d->problems[i].pos.col == pos->col)
			return;
	d->problems = xrealloc(d->problems,
	    (d->n_problems + 1) * sizeof *d->problems);
	d->problems[d->n_problems++] = (struct doc_problem){*pos, msgid,
		need / PT_PER_MM, have / PT_PER_MM};
}

void
doc_report(const struct doc *d)
{
	for (size_t i = 0; i < d->n_problems; i++) {
		const struct doc_problem *p = &d->problems[i];
		diag_error_once(&p->pos, p->msgid, p->need_mm, p->have_mm);
	}
}

/* Whether b, which can be neither split nor shrunk, is taller than a whole
 * sheet's body: then no sheet can hold it, and it is the content's fault
 * (a title or a table row too long), said at the place it was written. */
static bool
beyond_a_sheet(struct doc *d, const struct block *b, double body_h)
{
	const struct table *t = b->table;
	double repeat = 0;

	if (b->kind == BK_FLOW || (b->kind == BK_TEXT && b->style == TS_PLAIN))
		return false;      /* a chart shrinks, a paragraph splits */
	if (b->kind == BK_ROW && !(b->row_flags & ROW_HEADER) && t != NULL &&
	    t->cont != NULL && t->header != NULL)
		repeat = t->cont->h + t->header->h;
	if (b->h + repeat <= body_h + 0.01)
		return false;
	if (b->src.path == NULL) {
		/* the program's own text: never so long; placed as it is */
		return false;
	}
	if (repeat > body_h / 2) {
		/* the continued table's caption, the record's title */
		problem_add(d, &t->cont->src, N_("the title is too long for a "
		    "poster: a table of it needs %.0f mm with the title repeated "
		    "above it on each sheet, and a sheet has %.0f mm for content; "
		    "shorten the title"), b->h + repeat, body_h);
	} else if (b->kind == BK_ROW) {
		problem_add(d, &b->src, N_("this line is too long for a table on "
		    "a poster: its row needs %.0f mm and a sheet has %.0f mm for "
		    "content; shorten its text"), b->h + repeat, body_h);
	} else if (b->role == TR_RECORD) {
		problem_add(d, &b->src, N_("the title is too long for a poster: "
		    "it needs %.0f mm and a sheet has %.0f mm for content; shorten "
		    "it"), b->h, body_h);
	} else {
		problem_add(d, &b->src, N_("this text is too long for a poster: "
		    "it needs %.0f mm and a sheet has %.0f mm for content; shorten "
		    "it"), b->h, body_h);
	}
	return true;
}

/* Whether b, placed first on a later sheet, is preceded there by what it
 * continues (its cont_label): not a heading, a title or a group row, which
 * start something of their own, nor a chart. */
static const struct block *
label_of(const struct block *b)
{
	const struct block *l = b->cont_label;

	if (l == NULL || b->kind == BK_FLOW)
		return NULL;
	if (b->kind == BK_TEXT && (b->role == TR_HEADING || b->role == TR_RECORD))
		return NULL;
	/* a group's row label names the group only before its own rows:
	 * before anything else, the notice's title it is within */
	if (l->kind == BK_ROW && (b->kind != BK_ROW || l->table != b->table ||
	    (b->row_flags & (ROW_HEADER | ROW_SPAN))))
		l = l->cont_label;
	return l;
}

/* Whether the text label l names the same as the table t's caption: then
 * the table's own 续表 line says it, and the label would say it twice. */
static bool
label_names_table(const struct block *l, const struct table *t)
{
	const char *lt = l->rich.text, *ct = t->cont->rich.text;
	size_t ln = strlen(lt), cn = strlen(ct);
	size_t lk = strlen("（续）"), ck = strlen("（续表）");

	return ln >= lk && cn >= ck && ln - lk == cn - ck &&
	    memcmp(lt, ct, ln - lk) == 0;
}

/* What goes on a later sheet before b when b starts it: the notice's
 * "title（续）" (unless the table's 续表 line says the same title), the
 * table's 续表 line and its header when b is one of its rows, the group
 * row "domain（续）". Placed
 * when s is given, else only measured; returns the height. */
static double
sheet_lead(struct doc *d, struct sheet *s, const struct block *b,
    bool repeat, double *y)
{
	const struct block *l = label_of(b);
	const struct block *text = l != NULL && l->kind == BK_ROW ?
	    l->cont_label : l;
	double h = 0, at = y ? *y : 0;
	const struct block *seq[4];
	size_t n = 0;

	/* a table whose caption is the notice's title says it once, as
	 * 「title（续表）」 over its header */
	if (text != NULL && repeat && label_names_table(text, b->table))
		text = NULL;
	if (text != NULL)
		seq[n++] = text;
	if (repeat) {
		seq[n++] = b->table->cont;
		seq[n++] = b->table->header;
	}
	if (l != NULL && l->kind == BK_ROW)
		seq[n++] = l;
	for (size_t i = 0; i < n; i++) {
		double gap = i > 0 || (s != NULL && s->n > 0) ?
		    seq[i]->space_before : 0;
		h += gap + seq[i]->h;
		if (s != NULL)
			place_block(d, s, (struct block *)seq[i], &at);
	}
	if (y != NULL)
		*y = at;
	return h;
}

static int
paginate(struct doc *d)
{
	struct sheet *s = sheet_add(d);
	double y = d->body_top;

	for (struct block *b = d->first; b != NULL; b = b->next) {
		if (b->rotated != s->rotated)
			s = next_sheet(d, b->rotated, &y);
		/* a fresh later sheet of this orientation */
		double bottom = geo_bottom(d, s->rotated);
		double body_h = bottom - geo_top(d, s->rotated);
		/* text balanced over its sheets fills each only so far (a
		 * chart takes its sheet whole) */
		if (d->fill_frac > 0 && b->kind != BK_FLOW) {
			double top = d->n_sheets == 1 ? d->body_top :
			    geo_top(d, s->rotated);
			double lim = top + d->fill_frac * (bottom - top);
			bottom = lim < bottom ? lim : bottom;
		}
		if (beyond_a_sheet(d, b, body_h))
			continue;
		bool repeat = b->kind == BK_ROW && !(b->row_flags & ROW_HEADER) &&
		    s->header_of != b->table;
		/* a later sheet says first what b continues */
		bool starts = s->n == 0 && d->n_sheets > 1;
		double lead = s->n > 0 ? b->space_before : 0;
		double need = lead + b->h;
		double head = starts ? sheet_lead(d, NULL, b, repeat, NULL) :
		    repeat ? b->table->cont->h + b->table->header->h : 0;
		need += head;
		if (b->keep_with_next) {
			const struct block *n = b->next, *last = b;
			while (n != NULL && n->keep_with_next) {
				need += n->space_before + n->h;
				last = n;
				n = n->next;
			}
			double room = body_h;
			if (n != NULL) {
				/* a heading with its first lines, a table's
				 * header with its first rows, else the least of
				 * what follows */
				bool heads = chain_heads(b, last);
				bool header = last->kind == BK_ROW &&
				    (last->row_flags & ROW_HEADER);
				need += n->space_before + (heads || header ?
				    first_content(d, n) : min_height(d, n));
				/* (a chart's own sheet has the hotline alone
				 * below it) */
				room = geo_bottom_of(d, n, s->rotated) -
				    geo_top(d, s->rotated);
			}
			if (need > room)
				need = lead + head + b->h;
		}
		else if (data_row(b)) {
			/* the table's last rows go on together: a sheet never
			 * holds fewer than KEEP_ROWS of a table split before
			 * it */
			double rest;
			if (rows_on(b, &rest, KEEP_ROWS) == KEEP_ROWS &&
			    need - b->h + rest <= body_h)
				need += rest - b->h;
		}
		if (b->kind == BK_FLOW) {
			/* as large as the rest of the sheet allows, or a sheet of
			 * its own when that would shrink it much */
			double top = geo_top(d, s->rotated);
			double fresh = flow_scale(b,
			    geo_bottom_of(d, b, s->rotated) - top);
			if (s->n == 0 && d->n_sheets > 1 && chart_ends(b)) {
				/* (its heading went into the band) */
				s->bare = true;
				bottom = geo_bottom_of(d, b, s->rotated);
			}
			double avail = bottom - y - lead;
			double here = flow_scale(b, avail);
			if (s->n > 0 && here < 0.8 * fresh) {
				s = next_sheet(d, s->rotated, &y);
				s->bare = chart_ends(b);
				here = fresh;
				lead = 0;
			}
			y += lead;
			struct placed *p = place(s, PL_BLOCK, b,
			    d->body_x + b->indent + (b->w - b->flow_w * here) / 2, y,
			    b->flow_w * here, b->flow_h * here);
			p->scale = here;
			y += b->flow_h * here;
			continue;
		}
		if (y + need > bottom + 0.01) {
			if (b->kind == BK_TEXT) {
				double avail = bottom - y - lead - head - b->pad_y * 2;
				if (split_text(d, b, avail) != NULL) {
					if (starts)
						sheet_lead(d, s, b, false, &y);
					place_block(d, s, b, &y);
					s = next_sheet(d, s->rotated, &y);
					continue;
				}
			}
			if (s->n > 0) {
				s = next_sheet(d, s->rotated, &y);
				repeat = b->kind == BK_ROW &&
				    !(b->row_flags & ROW_HEADER);
				starts = true;
				head = sheet_lead(d, NULL, b, repeat, NULL);
			}
			if (b->kind == BK_TEXT && head + b->h > body_h &&
			    split_text(d, b, body_h - head - b->pad_y * 2) != NULL) {
				if (starts)
					sheet_lead(d, s, b, false, &y);
				place_block(d, s, b, &y);
				s = next_sheet(d, s->rotated, &y);
				continue;
			}
		}
		if (starts)
			sheet_lead(d, s, b, repeat, &y);
		else if (repeat) {
			place_block(d, s, b->table->cont, &y);
			place_block(d, s, b->table->header, &y);
		}
		if (s->n == 0 && d->n_sheets > 1 &&
		    band_takes_heading(d, b)) {
			s->band_note = b->rich.text;
			continue;
		}
		place_block(d, s, b, &y);
	}
	return 0;
}

/* How far down the body of sheet i its blocks reach, from its top, and
 * whether it holds a chart. */
static double
sheet_used(const struct doc *d, size_t i, bool *chart)
{
	const struct sheet *s = &d->sheets[i];
	double top = i == 0 ? d->body_top : geo_top(d, s->rotated), low = top;

	*chart = false;
	for (size_t k = 0; k < s->n; k++) {
		const struct placed *p = &s->items[k];
		if (p->kind != PL_BLOCK)
			continue;
		if (p->block->kind == BK_FLOW)
			*chart = true;
		if (p->y + p->h > low)
			low = p->y + p->h;
	}
	return low - top;
}

double
doc_balance(const struct doc *d)
{
	size_t text = 0;
	double used = 0, room = 0, last = 0, last_room = 0;
	bool chart;

	for (size_t i = 0; i < d->n_sheets; i++) {
		double u = sheet_used(d, i, &chart);
		if (chart)
			break;
		double top = i == 0 ? d->body_top : geo_top(d, d->sheets[i].rotated);
		double r = geo_bottom(d, d->sheets[i].rotated) - top;
		text++;
		used += u;
		room += r;
		last = u;
		last_room = r;
	}
	if (text < 2 || room <= last_room || last_room <= 0)
		return 0;
	/* the last sheet filled less than half, or less than three quarters
	 * as much as the sheets before it (92 % and 55 % are uneven too) */
	double before = (used - last) / (room - last_room);
	if (last >= 0.5 * last_room && last >= 0.75 * before * last_room)
		return 0;
	/* a little more than the even share: blocks do not split anywhere */
	double frac = used / room + 0.08;
	return frac < 0.95 ? frac : 0;
}

double
doc_chart_step_pt(const struct doc *d)
{
	double least = 0;

	for (size_t i = 0; i < d->n_sheets; i++)
		for (size_t k = 0; k < d->sheets[i].n; k++) {
			const struct placed *p = &d->sheets[i].items[k];
			if (p->kind != PL_BLOCK || p->block->kind != BK_FLOW ||
			    p->block->flow_layout == NULL)
				continue;
			double pt = FLOW_STEP_PT * p->scale * d->scale;
			if (least == 0 || pt < least)
				least = pt;
		}
	return least;
}

static size_t
sheet_of(const struct doc *d, const struct block *b)
{
	for (size_t i = d->n_sheets; i-- > 0;)
		for (size_t k = 0; k < d->sheets[i].n; k++)
			if (d->sheets[i].items[k].kind == PL_BLOCK &&
			    d->sheets[i].items[k].block == b)
				return i;
	return 0;
}

bool
doc_tail_adds_sheets(const struct doc *d, const struct block *tail)
{
	const struct block *before = NULL, *last = tail;

	for (const struct block *b = d->first; b != NULL && b != tail;
	    b = b->next)
		before = b;
	/* (a paragraph split across sheets adds blocks after d->last) */
	while (last != NULL && last->next != NULL)
		last = last->next;
	return before != NULL && last != NULL &&
	    sheet_of(d, last) > sheet_of(d, before);
}

/* ---- band and footer ---- */

static struct block *
free_text(struct doc *d, enum text_role role, struct rich r, double width,
    int align)
{
	struct block *b = block_new(d, BK_TEXT);
	b->role = role;
	b->rich = r;
	b->w = width;
	b->layout = doc_layout_text(d, role, &b->rich, width, 0, align, 0);
	b->h = doc_layout_height(b->layout);
	return b;
}

#define BAND_PAD MM(5)
#define COUNTER_W MM(54)

/* The first sheet's band: the title, then the subtitle and the sheet
 * counter. Later sheets have a lower one: "title（续）" and the counter. */
static double
band_height(struct doc *d, bool first, double w)
{
	struct buf b = {0};
	buf_printf(&b, "%s%s", d->title, first ? "" : "（续）");
	struct block *t = free_text(d, first ? TR_TITLE : TR_TITLE_CONT,
	    rich_plain(d->arena, b.data), first ? w - 2 * BAND_PAD :
	    w - 2 * BAND_PAD - COUNTER_W - MM(4), first ? 1 : 0);
	buf_free(&b);
	if (!first)
		return BAND_PAD + t->h + BAND_PAD;
	struct block *s = free_text(d, TR_SUBTITLE, d->subtitle,
	    w - 2 * BAND_PAD - COUNTER_W - MM(4), 0);
	return BAND_PAD + t->h + MM(2) + fmax(s->h, MM(10)) + BAND_PAD;
}

static void
place_band(struct doc *d, struct sheet *s, size_t index, double band_h,
    double trim_w)
{
	double x = d->safe, w = trim_w - 2 * d->safe, y = d->safe;
	double side = COUNTER_W + MM(4);
	struct buf b = {0};

	place(s, PL_BAND, NULL, x, y, w, band_h);
	buf_printf(&b, "%s%s", d->title, index > 0 ? "（续）" : "");
	struct block *t = free_text(d, index > 0 ? TR_TITLE_CONT : TR_TITLE,
	    rich_plain(d->arena, b.data), index > 0 ? w - 2 * BAND_PAD - side :
	    w - 2 * BAND_PAD, index > 0 ? 0 : 1);
	place(s, PL_BANDTEXT, t, x + BAND_PAD, y + BAND_PAD, t->w, t->h);
	double sy = y + BAND_PAD + t->h + MM(2);
	if (index == 0) {
		struct block *sub = free_text(d, TR_SUBTITLE, d->subtitle,
		    w - 2 * BAND_PAD - side, 0);
		place(s, PL_BANDTEXT, sub, x + BAND_PAD, sy, sub->w, sub->h);
	}
	buf_reset(&b);
	if (d->n_sheets == 1 && d->spec->width_mm > 0) {
		/* a banner or a board is one sheet: nothing to count */
		buf_free(&b);
		return;
	}
	if (s->band_note != NULL)
		buf_printf(&b, "%s\n", s->band_note);
	size_t note = b.len;
	buf_printf(&b, "第 %zu 张 / 共 %zu 张", index + 1, d->n_sheets);
	struct rich counter = rich_plain(d->arena, b.data);
	rich_bold(d->arena, &counter, 0, note);
	struct block *c = free_text(d, TR_COUNTER, counter, COUNTER_W, 2);
	if (index > 0)
		sy = y + (band_h - c->h) / 2;
	place(s, PL_BANDTEXT, c, x + w - BAND_PAD - COUNTER_W, sy, c->w, c->h);
	buf_free(&b);
}

/* A chart's heading that would open a later sheet, the chart alone after
 * it, goes into that sheet's band instead, above the sheet counter, when it
 * fits there on one line: the chart gets the height. */
static bool
band_takes_heading(struct doc *d, const struct block *b)
{
	/* (the counter is as wide on either sheet) */
	if (b->kind != BK_TEXT || b->style != TS_BAR || b->next == NULL ||
	    b->next->kind != BK_FLOW || b->next->next != NULL)
		return false;
	struct block *t = free_text(d, TR_COUNTER, b->rich, COUNTER_W, 2);
	return pango_layout_get_line_count(t->layout) == 1;
}

static double
qr_side(const struct doc *d)
{
	return d->qr ? (d->qr->width + 8) * d->qr_module : 0;
}

/* The footer's texts, left of the QR code. */
static struct block **
footer_texts(struct doc *d, double w, size_t *n)
{
	struct block **t = arena_alloc(d->arena, 4 * sizeof *t);
	struct buf b = {0};

	*n = 0;
	buf_printf(&b, "监督举报电话：%s", d->hotline ? d->hotline : "—");
	t[(*n)++] = free_text(d, TR_HOTLINE, rich_plain(d->arena, b.data), w, 0);
	if (d->phone_line != NULL)
		t[(*n)++] = free_text(d, TR_FOOTER,
		    rich_plain(d->arena, d->phone_line), w, 0);
	if (d->qr_url != NULL) {
		buf_reset(&b);
		buf_printf(&b, "手机扫右侧二维码，查看全部公开内容：%s", d->qr_url);
		t[(*n)++] = free_text(d, TR_FOOTER, rich_plain(d->arena, b.data),
		    w, 0);
	}
	buf_free(&b);
	return t;
}

static double
footer_height(struct doc *d, double text_w)
{
	size_t n;
	struct block **t = footer_texts(d, text_w, &n);
	double h = 0;
	for (size_t i = 0; i < n; i++)
		h += t[i]->h + (i > 0 ? MM(1.5) : 0);
	return MM(3) + fmax(h, qr_side(d));
}

static void
place_footer(struct doc *d, struct sheet *s, double footer_h, double text_w,
    double trim_w, double trim_h)
{
	double x = d->safe, w = trim_w - 2 * d->safe;
	double top = trim_h - d->safe - footer_h;
	size_t n;

	place(s, PL_RULE, NULL, x, top, w, MM(0.8));
	struct block **t = footer_texts(d, text_w, &n);
	double h = 0;
	for (size_t i = 0; i < n; i++)
		h += t[i]->h + (i > 0 ? MM(1.5) : 0);
	double y = top + MM(3) + (footer_h - MM(3) - h) / 2;
	for (size_t i = 0; i < n; i++) {
		place(s, PL_TEXT, t[i], x, y, t[i]->w, t[i]->h);
		y += t[i]->h + MM(1.5);
	}
	if (d->qr != NULL) {
		double side = qr_side(d);
		place(s, PL_QR, NULL, x + w - side, top + MM(3), side, side);
	}
}

/* A chart's own sheet has a footer of one line, the hotline: its QR code
 * and the rest are on the sheets before it. */
static struct block *
slim_footer_text(struct doc *d, double w)
{
	struct buf b = {0};
	buf_printf(&b, "监督举报电话：%s", d->hotline ? d->hotline : "—");
	struct block *t = free_text(d, TR_FOOTER, rich_plain(d->arena, b.data),
	    w, 0);
	buf_free(&b);
	return t;
}

static double
slim_footer_height(struct doc *d, double w)
{
	return MM(3) + slim_footer_text(d, w)->h;
}

static void
place_slim_footer(struct doc *d, struct sheet *s, double trim_w,
    double trim_h)
{
	double x = d->safe, w = trim_w - 2 * d->safe;
	struct block *t = slim_footer_text(d, w);
	double top = trim_h - d->safe - MM(3) - t->h;

	place(s, PL_RULE, NULL, x, top, w, MM(0.8));
	place(s, PL_TEXT, t, x, top + MM(3), t->w, t->h);
}

/* A later sheet's geometry on a trim of w by h: its lower band, footer and
 * the body between them. */
static void
sheet_geo_init(struct doc *d, double w, double h, struct sheet_geo *g)
{
	g->trim_w = w;
	g->trim_h = h;
	g->body_w = w - 2 * d->safe;
	g->text_w = g->body_w - qr_side(d) - MM(6);
	g->cont_h = band_height(d, false, g->body_w);
	g->footer_h = footer_height(d, g->text_w);
	g->cont_top = d->safe + g->cont_h + GAP;
	g->body_bottom = h - d->safe - g->footer_h - GAP;
	g->chart_bottom = h - d->safe - slim_footer_height(d, g->body_w) - GAP;
}

/* The band and the footer leave less than a body: said of the larger.
 * (The size is at least A4, load.c: there the usual ones leave room.) */
static void
no_room(struct doc *d, double band_h, double footer_h)
{
	if (band_h >= footer_h)
		problem_add(d, &d->band_src, N_("the poster's title band needs "
		    "%.0f mm of a sheet %.0f mm high and leaves no room for the "
		    "content: shorten the names and places it shows"), band_h,
		    d->trim_h);
	else
		problem_add(d, &d->footer_src, N_("the poster's footer needs "
		    "%.0f mm of a sheet %.0f mm high and leaves no room for the "
		    "content: shorten the hotline, the town's phone or base_url "
		    "(its QR code grows with it)"), footer_h, d->trim_h);
}

int
doc_layout(struct doc *d, struct buf *err)
{
	struct sheet_geo up;

	sheet_geo_init(d, d->trim_w, d->trim_h, &up);
	double band_h = band_height(d, true, up.body_w);
	d->body_x = d->safe;
	d->body_w = up.body_w;
	d->body_top = d->safe + band_h + GAP;
	d->cont_top = up.cont_top;
	d->body_bottom = up.body_bottom;
	d->chart_bottom = up.chart_bottom;
	if (d->body_bottom - d->body_top < MM(60)) {
		no_room(d, band_h, up.footer_h);
		return 1;
	}
	/* a later sheet turned landscape, for a wide chart: only a chart's
	 * sheet is ever turned (fit_charts) */
	memset(&d->turned, 0, sizeof d->turned);
	for (struct block *b = d->first; b != NULL; b = b->next)
		if (b->kind == BK_FLOW) {
			sheet_geo_init(d, d->trim_h, d->trim_w, &d->turned);
			break;
		}
	if (d->turned.body_bottom - d->turned.cont_top < MM(60))
		d->turned.body_w = 0;     /* no room (or no chart): never turned */
	for (struct block *b = d->first; b != NULL; b = b->next)
		if (measure(d, b, err) != 0)
			return -1;
	/* table headers and their 续表 lines are placed again on later sheets,
	 * and what a block continues before it when it starts one */
	for (struct block *b = d->first; b != NULL; b = b->next) {
		if (b->kind == BK_ROW && (b->row_flags & ROW_HEADER))
			doc_measure_text(d, b->table->cont, d->body_w);
		if (b->cont_label != NULL && b->cont_label->w <= 0 &&
		    measure(d, b->cont_label, err) != 0)
			return -1;
	}
	if (fit_charts(d, err) != 0 || paginate(d) != 0)
		return -1;
	if (d->n_problems > 0)
		return 1;
	for (size_t i = 0; i < d->n_sheets; i++) {
		/* band and footer first in each sheet's list: drawn beneath */
		struct sheet *s = &d->sheets[i];
		struct placed *body = s->items;
		size_t n_body = s->n;
		s->items = NULL;
		s->n = s->cap = 0;
		const struct sheet_geo *g = s->rotated ? &d->turned : &up;
		place_band(d, s, i, i == 0 ? band_h : g->cont_h, g->trim_w);
		if (s->bare)
			place_slim_footer(d, s, g->trim_w, g->trim_h);
		else
			place_footer(d, s, g->footer_h, g->text_w, g->trim_w,
			    g->trim_h);
		for (size_t k = 0; k < n_body; k++) {
			struct placed *p = place(s, body[k].kind, body[k].block,
			    body[k].x, body[k].y, body[k].w, body[k].h);
			p->scale = body[k].scale;
		}
		free(body);
	}
	return 0;
}

/* ---- the document ---- */

static PangoFontMap *
thread_font_map(void)
{
	/* pango keeps one default font map per thread, so jobs on different
	 * threads never share one */
	return pango_cairo_font_map_get_default();
}

struct doc *
doc_new(const struct county *c, const struct poster_spec *s, struct buf *err)
{
	struct doc *d = xcalloc(1, sizeof *d);
	const struct poster_settings *ps = &c->site.poster;

	(void)err;
	d->arena = arena_new();
	d->county = c;
	d->spec = s;
	d->trim_w = MM(ps->width_mm > 0 ? ps->width_mm : 297);
	d->trim_h = MM(ps->height_mm > 0 ? ps->height_mm : 420);
	d->bleed = ps->bleed_mm > 0 ? MM(ps->bleed_mm) : 0;
	d->scale = 1;
	if (s->width_mm > 0 && s->height_mm > 0) {
		/* a print format: its own sheet and bleed, laid out at its
		 * scale */
		d->scale = s->scale > 0 ? s->scale : 1;
		d->reserve_bottom = MM(s->reserve_bottom_mm);
		d->trim_w = MM(s->width_mm) / d->scale;
		d->trim_h = (MM(s->height_mm) - d->reserve_bottom) / d->scale;
		d->bleed = s->bleed_mm > 0 ? MM(s->bleed_mm) : 0;
	}
	d->margin = d->bleed;
	if (ps->crop_marks && !s->no_marks) {
		d->marks_at = fmax(MM(CROP_MIN_MM), d->bleed + MM(CROP_GAP_MM));
		d->margin = d->marks_at + MM(CROP_LEN_MM);
	}
	d->safe = MM(POSTER_SAFE_MM);
	d->band_src = d->footer_src = c->site.pos;
	d->ctx = pango_font_map_create_context(thread_font_map());
	/* unhinted metrics: the same layout on the PDF and the PNG */
	fonts_setup_context(d->ctx);
	for (int i = 0; i < TR_COUNT; i++) {
		PangoFontDescription *f = pango_font_description_new();
		pango_font_description_set_family_static(f, NB_FONT_FAMILY);
		pango_font_description_set_weight(f, role_styles[i].bold ?
		    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
		pango_font_description_set_absolute_size(f,
		    role_styles[i].size * PANGO_SCALE);
		d->fonts[i] = f;
	}
	return d;
}

void
doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	photos_free(d);
	for (size_t i = 0; i < d->layouts.len; i++)
		g_object_unref(d->layouts.items[i]);
	ptrvec_free(&d->layouts);
	for (int i = 0; i < TR_COUNT; i++)
		if (d->fonts[i] != NULL)
			pango_font_description_free(d->fonts[i]);
	if (d->ctx != NULL)
		g_object_unref(d->ctx);
	if (d->qr != NULL)
		QRcode_free(d->qr);
	for (size_t i = 0; i < d->n_sheets; i++)
		free(d->sheets[i].items);
	free(d->sheets);
	free(d->problems);
	arena_free(d->arena);
	free(d);
}
