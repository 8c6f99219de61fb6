/* tv_slide.c: a notice on the hall's TV: 1920x1080, read from three
 * metres (the body 46 px, its Chinese characters about 42 px high), the
 * title and the notice period on every page, the QR code of the record's
 * page beside it, and the text split between pages at whole lines, never
 * cut. Text comes from the scrubbed fields only (wechat_tv.c). */
#include "channel/tv.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "channel/wechat_tv.h"
#include "channel/canvas16.h"
#include "render/qr.h"
#include "render/paint.h"

#define MARGIN 80
#define BAND_H 150
#define FOOT_H 100
#define QR_COL 420              /* the QR code's column, at the right */
#define QR_SIDE 360
#define TEXT_W (TV_WIDTH - 2 * MARGIN - QR_COL - 40)
#define TITLE_PX 68
#define META_PX 44
#define BODY_PX 46
#define FOOT_PX 40

/* A line of the body: what a page needs to draw it alone. */
struct body_line {
	int y0, y1;             /* pango units from the layout's top */
	int baseline;
	PangoRectangle ink;
	PangoRectangle logical;
	PangoLayoutLine *line;  /* the layout's, valid while it is unchanged */
};

struct slide {
	const struct county *c;
	const struct record *r;
	PangoContext *ctx;
	PangoLayout *title;
	PangoLayout *body;
	double body_top;        /* where the body starts on every page */
	double body_h;          /* the height it may take */
	int n_pages;
	int starts[TV_MAX_PAGES + 1];   /* pango units: each page's first
	                                   line's top, then the end */
	bool more;              /* the text goes on past the last page */
	struct body_line *lines;        /* as far as the last page */
	size_t n_lines;
	struct stamps *stamps;  /* the texts every slide has, kept */
	struct buf text;
	PangoAttrList *attrs;   /* the text's bold labels */
	const struct tv_plan *plan;     /* the pages as the text sets them */
	struct tv_plan *own;    /* the plan made here, unless kept */
};

/* A body line's stamp on a page: its area, its key, and where it is
 * drawn from (struct line_draw) when the stamps lack it. */
struct plan_line {
	int page;
	size_t line;            /* its index in the slide's lines */
	int x0, y0, x1, y1;
	double clip_x, clip_y, clip_w, clip_h, x, y;
	char *key;
};

/* A record's pages as its title and text set them, which the records of
 * the same notice in every village of a town or of the county share (58
 * of the demo county's 133 records take another's): laid out once a
 * build, and its lines' stamps put after without a layout. */
struct tv_plan {
	struct digest key;      /* the title, the text, its bold ranges */
	int title_h;
	int n_pages;
	int starts[TV_MAX_PAGES + 1];
	bool more;
	struct plan_line *lines;
	size_t n_lines;
};

struct tv_plans {
	pthread_mutex_t lock;
	struct tv_plan **items;
	size_t n, cap;
};

static void
plan_free(struct tv_plan *p)
{
	if (p == NULL)
		return;
	for (size_t i = 0; i < p->n_lines; i++)
		free(p->lines[i].key);
	free(p->lines);
	free(p);
}

struct tv_plans *
tv_plans_new(void)
{
	struct tv_plans *ps = xcalloc(1, sizeof *ps);

	pthread_mutex_init(&ps->lock, NULL);
	return ps;
}

void
tv_plans_free(struct tv_plans *ps)
{
	if (ps == NULL)
		return;
	for (size_t i = 0; i < ps->n; i++)
		plan_free(ps->items[i]);
	free(ps->items);
	pthread_mutex_destroy(&ps->lock);
	free(ps);
}

/* The plan of key, or NULL. */
static const struct tv_plan *
plans_find(struct tv_plans *ps, struct digest key)
{
	const struct tv_plan *found = NULL;

	pthread_mutex_lock(&ps->lock);
	for (size_t i = 0; i < ps->n && found == NULL; i++)
		if (digest_equal(ps->items[i]->key, key))
			found = ps->items[i];
	pthread_mutex_unlock(&ps->lock);
	return found;
}

/* Keeps p, unless a plan of its key is kept already: whether it took
 * p. */
static bool
plans_keep(struct tv_plans *ps, struct tv_plan *p)
{
	bool taken = false;

	pthread_mutex_lock(&ps->lock);
	size_t i = 0;
	while (i < ps->n && !digest_equal(ps->items[i]->key, p->key))
		i++;
	if (i == ps->n) {
		if (ps->n == ps->cap) {
			ps->cap = ps->cap == 0 ? 64 : 2 * ps->cap;
			ps->items = xrealloc(ps->items, ps->cap * sizeof *ps->items);
		}
		ps->items[ps->n++] = p;
		taken = true;
	}
	pthread_mutex_unlock(&ps->lock);
	return taken;
}

/* The facts, a blank line, the body's text; the labels in bold, their
 * ranges in h too. */
static void
body_text(struct slide *s, struct hasher *h)
{
	struct arena *a = arena_new();
	struct vis_fact *f;
	size_t n = vis_facts(s->r, false, a, &f);
	PangoAttrList *attrs = pango_attr_list_new();
	struct buf md = {0};

	for (size_t i = 0; i < n; i++) {
		PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		bold->start_index = (guint)s->text.len;
		buf_printf(&s->text, "%s：", f[i].label);
		bold->end_index = (guint)s->text.len;
		hasher_u64(h, bold->start_index);
		hasher_u64(h, bold->end_index);
		pango_attr_list_insert(attrs, bold);
		buf_printf(&s->text, "%s\n", f[i].value);
	}
	vis_body(s->r, &md);
	if (md.len > 0) {
		size_t before = s->text.len;
		if (n > 0)
			buf_putc(&s->text, '\n');
		size_t mark = s->text.len;
		vis_plain(md.data, &s->text);
		if (s->text.len == mark)
			s->text.len = before;
	}
	while (s->text.len > 0 && s->text.data[s->text.len - 1] == '\n')
		s->text.data[--s->text.len] = '\0';
	hasher_u64(h, n);
	hasher_str(h, s->text.data ? s->text.data : "");
	s->attrs = attrs;
	buf_free(&md);
	arena_free(a);
}

static PangoLayout *
body_layout(struct slide *s)
{
	PangoLayout *l = vis_layout(s->ctx, s->text.data ? s->text.data : "",
	    BODY_PX, false, TEXT_W, 1.1);

	pango_layout_set_attributes(l, s->attrs);
	return l;
}

/* Pages of whole lines, each at most body_h high; and the lines as the
 * pages draw them, read in one pass over the layout (an iterator
 * measures every line of the layout when it is made). */
static void
paginate(struct slide *s)
{
	PangoLayoutIter *it = pango_layout_get_iter(s->body);
	int limit = (int)(s->body_h * PANGO_SCALE), y0, y1;
	size_t cap = 0;

	s->n_pages = 1;
	s->starts[0] = 0;
	do {
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		if (y1 - s->starts[s->n_pages - 1] > limit && y0 > s->starts[
		    s->n_pages - 1]) {
			if (s->n_pages == TV_MAX_PAGES) {
				s->more = true;
				break;
			}
			s->starts[s->n_pages++] = y0;
		}
		s->starts[s->n_pages] = y1;
		if (s->n_lines == cap) {
			cap = cap == 0 ? 32 : 2 * cap;
			s->lines = xrealloc(s->lines, cap * sizeof *s->lines);
		}
		struct body_line *l = &s->lines[s->n_lines++];
		l->y0 = y0;
		l->y1 = y1;
		pango_layout_iter_get_line_extents(it, &l->ink, &l->logical);
		l->baseline = pango_layout_iter_get_baseline(it);
		l->line = pango_layout_iter_get_line_readonly(it);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void
slide_free(struct slide *s)
{
	if (s->title != NULL)
		g_object_unref(s->title);
	if (s->body != NULL)
		g_object_unref(s->body);
	if (s->ctx != NULL)
		g_object_unref(s->ctx);
	if (s->attrs != NULL)
		pango_attr_list_unref(s->attrs);
	free(s->lines);
	buf_free(&s->text);
	plan_free(s->own);
}

/* The fonts' options of the pictures the slides are drawn on. */
static void
context_update(PangoContext *ctx)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	cairo_t *cr = cairo_create(s);

	pango_cairo_update_context(cr, ctx);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/* Where the body starts below a title title_h pixels high: the notice
 * period below the title, a rule, then the body. */
static double
body_top(int title_h)
{
	return BAND_H + 40 + title_h + 20 + META_PX * 1.5 + 36;
}

/* The title and the body laid out, and the pages and lines as they set
 * them. */
static void
slide_lay_out(struct slide *s)
{
	int title_h;

	s->title = vis_layout(s->ctx, s->r->title, TITLE_PX, true, TEXT_W, 1.15);
	pango_layout_get_pixel_size(s->title, NULL, &title_h);
	s->body_top = body_top(title_h);
	s->body_h = TV_HEIGHT - FOOT_H - 30 - s->body_top;
	s->body = body_layout(s);
	paginate(s);
}

static void plan_make(struct slide *s, struct digest key);

/* The slide's context and text; its pages from the plan of a record of
 * the same title and text in plans, else laid out and planned (and the
 * plan kept in plans, when not NULL). */
static void
slide_init(struct slide *s, const struct county *c, const struct record *r,
    struct tv_plans *plans)
{
	struct hasher h;
	struct digest key;

	memset(s, 0, sizeof *s);
	s->c = c;
	s->r = r;
	/* the fonts' options first: the layouts made after keep their
	 * lines (paginate holds them) where a change to the context would
	 * lay them out again and free those */
	s->ctx = vis_context();
	context_update(s->ctx);
	hasher_init(&h);
	hasher_str(&h, r->title);
	body_text(s, &h);
	key = hasher_final(&h);
	if (plans != NULL && (s->plan = plans_find(plans, key)) != NULL) {
		s->body_top = body_top(s->plan->title_h);
		s->body_h = TV_HEIGHT - FOOT_H - 30 - s->body_top;
		s->n_pages = s->plan->n_pages;
		return;
	}
	slide_lay_out(s);
	plan_make(s, key);
	s->plan = s->own;
	if (plans != NULL && plans_keep(plans, s->own))
		s->own = NULL;
}

int
tv_pages(const struct county *c, const struct record *r, struct buf *err)
{
	struct slide s;
	int n;

	(void)err;
	slide_init(&s, c, r, NULL);
	n = s.n_pages;
	slide_free(&s);
	return n;
}

/* ---- drawing ---- */

/* The slide's inks on their papers, as the palette shows them. */
struct inks {
	struct ink16 band;      /* white on the band's colour */
	struct ink16 foot;      /* the footer's grey on its paper */
	struct ink16 text;      /* the title's and the body's */
	struct ink16 meta;      /* the notice period's */
	struct ink16 caption;   /* under the QR code */
	struct ink16 black;     /* the QR code's */
	struct ink16 colour;    /* the rule's */
	struct ink16 warn;      /* "not all shown" */
};

#define FOOT_PAPER 0xf0f0f0

/* A one-line text for canvas16_stamp: its layout and its place. */
struct text_spec {
	PangoContext *ctx;
	const char *text;
	double px;
	bool bold;
	double x;
	double y;
	bool right;             /* x is its right edge */
	double width;           /* wrapped at (0: one line) */
	double spacing;
	PangoAlignment align;
};

static PangoLayout *
text_make(const void *arg, double *x, double *y)
{
	const struct text_spec *t = arg;
	PangoLayout *l = vis_layout(t->ctx, t->text, t->px, t->bold, t->width,
	    t->spacing);
	int w;

	pango_layout_set_alignment(l, t->align);
	pango_layout_get_pixel_size(l, &w, NULL);
	*x = t->right ? t->x - w : t->x;
	*y = t->y;
	return l;
}

/* The text drawn, or its coverage put when stamps has it (the key names
 * all that sets it and where). */
static int
text_spec_draw(struct canvas16 *cv, struct stamps *stamps,
    const struct text_spec *t, const struct ink16 *ink, struct buf *err)
{
	struct buf key = {0};
	int rc;

	buf_printf(&key, "text %a %d %a %a %d %a %a %d %s", t->px, t->bold,
	    t->x, t->y, t->right, t->width, t->spacing, (int)t->align, t->text);
	rc = canvas16_stamp(cv, stamps, key.data, text_make, t, ink, err);
	buf_free(&key);
	return rc;
}

static int
text_at(struct canvas16 *cv, struct stamps *stamps, PangoContext *ctx,
    const char *text, double px, bool bold, double x, double y, bool right,
    const struct ink16 *ink, struct buf *err)
{
	struct text_spec t = {ctx, text, px, bold, x, y, right, 0, 0,
		PANGO_ALIGN_LEFT};

	return text_spec_draw(cv, stamps, &t, ink, err);
}

static uint32_t
mix(unsigned colour, unsigned paper, int paper_percent)
{
	uint32_t out = 0;

	for (int shift = 0; shift <= 16; shift += 8) {
		unsigned a = (colour >> shift) & 0xff, b = (paper >> shift) & 0xff;
		out |= (uint32_t)((a * (100 - paper_percent) + b * paper_percent +
		    50) / 100) << shift;
	}
	return out;
}

/* A blank slide in its 16 colours: the greys of the text and the footer,
 * the QR code's black, the band's colour and its blends with white (the
 * antialiased edges of the white text on it); and its inks, unless k is
 * NULL. */
static int
blank(struct canvas16 *cv, unsigned colour, struct inks *k)
{
	uint32_t palette[16] = {0xffffff, 0xf0f0f0, 0xd4d4d4, 0xaaaaaa,
		0x888888, 0x666666, 0x555555, 0x333333, 0x111111, 0x000000};

	palette[10] = colour;
	for (int i = 0; i < 5; i++)
		palette[11 + i] = mix(colour, 0xffffff, 20 + 16 * i);
	if (canvas16_init(cv, TV_WIDTH, TV_HEIGHT, palette) != 0)
		return -1;
	if (k == NULL)
		return 0;
	canvas16_ink(cv, 0xffffff, colour, &k->band);
	canvas16_ink(cv, 0x333333, FOOT_PAPER, &k->foot);
	canvas16_ink(cv, 0x111111, 0xffffff, &k->text);
	canvas16_ink(cv, 0x555555, 0xffffff, &k->meta);
	canvas16_ink(cv, 0x333333, 0xffffff, &k->caption);
	canvas16_ink(cv, 0x000000, 0xffffff, &k->black);
	canvas16_ink(cv, colour, 0xffffff, &k->colour);
	canvas16_ink(cv, 0xa61b1b, 0xffffff, &k->warn);
	return 0;
}

/* The QR code's dark modules, module pixels each, its top left corner
 * (the quiet zone's) at x, y. 0, or -1 with a message in err. */
static int
put_qr(struct canvas16 *cv, const QRcode *q, double x, double y,
    double module, const struct ink16 *ink, struct buf *err)
{
	double side = module * (q->width + 2 * QR_QUIET_MODULES);
	struct mask16 m;

	if (x != floor(x) || y != floor(y) || module != floor(module)) {
		/* between pixels: cairo's coverage of the modules' edges */
		if (mask16_begin(&m, cv, (int)x - 1, (int)y - 1,
		    (int)(x + side) + 2, (int)(y + side) + 2) != 0) {
			mask16_end(&m, cv, ink, err);
			return -1;
		}
		paint_rgb(m.cr, 0x000000);
		qr_draw(m.cr, q, x + module * QR_QUIET_MODULES,
		    y + module * QR_QUIET_MODULES, module);
		return mask16_end(&m, cv, ink, err);
	}
	/* on whole pixels: each run of dark modules in a row is the
	 * rectangle cairo fills at full coverage, put without drawing it */
	int mod = (int)module;
	int x0 = (int)x + QR_QUIET_MODULES * mod;
	int y0 = (int)y + QR_QUIET_MODULES * mod;
	for (int row = 0; row < q->width; row++) {
		const unsigned char *d = q->data + row * q->width;
		int col = 0;
		while (col < q->width) {
			if (!(d[col] & 1)) {
				col++;
				continue;
			}
			int end = col;
			while (end < q->width && (d[end] & 1))
				end++;
			canvas16_fill_rect(cv, x0 + col * mod, y0 + row * mod,
			    x0 + end * mod, y0 + (row + 1) * mod, ink->index[255]);
			col = end;
		}
	}
	return 0;
}

/* The band, the footer and the QR code: what every slide of a village
 * has, the page's number aside. */
static int
frame(struct canvas16 *cv, struct stamps *stamps, PangoContext *ctx,
    const struct county *c,
    const struct village *v, unsigned colour, const char *kind,
    const char *url, const struct inks *k, struct buf *err)
{
	QRcode *q = vis_qr(url, err);
	struct buf b = {0};
	int rc = -1;

	if (q == NULL)
		return -1;
	canvas16_fill_rows(cv, 0, BAND_H, colour);
	buf_printf(&b, "%s村务公开", v->name);
	if (text_at(cv, stamps, ctx, b.data, 60, true, MARGIN, (BAND_H - 87) / 2.0,
	    false, &k->band, err) != 0)
		goto out;
	buf_reset(&b);
	if (kind != NULL && text_at(cv, stamps, ctx, kind, 52, true, TV_WIDTH - MARGIN,
	    (BAND_H - 76) / 2.0, true, &k->band, err) != 0)
		goto out;
	canvas16_fill_rows(cv, TV_HEIGHT - FOOT_H, TV_HEIGHT, FOOT_PAPER);
	if (c->site.hotline != NULL) {
		buf_printf(&b, "监督举报电话：%s", c->site.hotline);
		if (text_at(cv, stamps, ctx, b.data, FOOT_PX, false, MARGIN,
		    TV_HEIGHT - FOOT_H / 2.0 - 29, false, &k->foot, err) != 0)
			goto out;
		buf_reset(&b);
	}
	/* the code: whole pixels a module, its quiet zone white */
	double module = (double)(QR_SIDE / (q->width + 2 * QR_QUIET_MODULES));
	double side = module * (q->width + 2 * QR_QUIET_MODULES);
	double x = TV_WIDTH - MARGIN - QR_COL + (QR_COL - side) / 2, y = BAND_H + 50;
	if (put_qr(cv, q, x, y, module, &k->black, err) != 0)
		goto out;
	struct text_spec caption = {ctx, "手机扫码\n查看全文", 42, false,
		TV_WIDTH - MARGIN - QR_COL, y + side + 16, false, QR_COL, 1.2,
		PANGO_ALIGN_CENTER};
	rc = text_spec_draw(cv, stamps, &caption, &k->caption, err);
out:
	QRcode_free(q);
	buf_free(&b);
	return rc;
}

/* What every page of the record shows: the frame, the title, the notice
 * period and the rule. The pages differ by their number and their lines
 * only, drawn on it one after the other (tv_render). */
static int
record_base(struct canvas16 *cv, struct slide *s, const char *url,
    unsigned colour, const struct inks *k, struct buf *err)
{
	const struct record *r = s->r;
	struct buf b = {0};
	struct mask16 m;
	int title_h, rc = -1;

	if (frame(cv, s->stamps, s->ctx, s->c, r->village, colour,
	    record_type_label(r->type), url, k, err) != 0)
		goto out;
	/* the title as slide_init set it (the notices of many villages
	 * share theirs) */
	struct text_spec title = {s->ctx, r->title, TITLE_PX, true, MARGIN,
		BAND_H + 40, false, TEXT_W, 1.15, PANGO_ALIGN_LEFT};
	if (text_spec_draw(cv, s->stamps, &title, &k->text, err) != 0)
		goto out;
	title_h = s->plan->title_h;
	buf_puts(&b, "公示期：");
	date_cn_range(r->publish_from, r->publish_to, "至", &b);
	if (text_at(cv, s->stamps, s->ctx, b.data, META_PX, false, MARGIN,
	    BAND_H + 40 + title_h + 20, false, &k->meta, err) != 0)
		goto out;
	if (mask16_begin(&m, cv, MARGIN - 1, (int)s->body_top - 26,
	    MARGIN + TEXT_W + 1, (int)s->body_top - 18) != 0) {
		mask16_end(&m, cv, &k->colour, err);
		goto out;
	}
	paint_rgb(m.cr, 0x000000);
	cairo_rectangle(m.cr, MARGIN, s->body_top - 24, TEXT_W, 4);
	cairo_fill(m.cr);
	rc = mask16_end(&m, cv, &k->colour, err);
out:
	buf_free(&b);
	return rc;
}

/* A body line as page_lines draws it: clipped to the page's lines, at
 * its logical left and its baseline. */
struct line_draw {
	const struct body_line *line;
	double clip_x, clip_y, clip_w, clip_h;
	double x, y;
};

static void
line_draw(cairo_t *cr, const void *arg)
{
	const struct line_draw *d = arg;

	cairo_rectangle(cr, d->clip_x, d->clip_y, d->clip_w, d->clip_h);
	cairo_clip(cr);
	paint_rgb(cr, 0x000000);
	cairo_move_to(cr, d->x, d->y);
	pango_cairo_show_layout_line(cr, d->line->line);
}

/* What sets a line's pixels, for its stamp: its area, clip and place,
 * and each run's font and glyphs as shaped (a notice the villages of a
 * town or of the county all show has the same lines at the same places:
 * two thirds of the slides' lines). */
static void
line_key(struct buf *key, const struct line_draw *d, int x0, int y0, int x1,
    int y1)
{
	buf_printf(key, "line %d %d %d %d %a %a %a %a %a %a", x0, y0, x1, y1,
	    d->clip_x, d->clip_y, d->clip_w, d->clip_h, d->x, d->y);
	for (GSList *r = d->line->line->runs; r != NULL; r = r->next) {
		const PangoGlyphItem *run = r->data;
		PangoFontDescription *f = pango_font_describe_with_absolute_size(
		    run->item->analysis.font);
		char *name = pango_font_description_to_string(f);
		buf_printf(key, "|%s", name);
		g_free(name);
		pango_font_description_free(f);
		for (int g = 0; g < run->glyphs->num_glyphs; g++) {
			const PangoGlyphInfo *gi = &run->glyphs->glyphs[g];
			buf_printf(key, " %x %d %d %d", gi->glyph,
			    gi->geometry.width, gi->geometry.x_offset,
			    gi->geometry.y_offset);
		}
	}
}

/* The pages' lines as stamps: whole lines, clipped to their page's. Each
 * line has a mask of its own ink's rows, which stays in the processor's
 * cache while it is drawn and put on the rows; a line is drawn where the
 * whole layout would draw it (its logical left, its baseline), in the
 * same units, so its glyphs fall on the same pixels. */
static void
plan_make(struct slide *s, struct digest key)
{
	struct tv_plan *plan = xcalloc(1, sizeof *plan);
	struct buf b = {0};
	size_t cap = 0;

	plan->key = key;
	pango_layout_get_pixel_size(s->title, NULL, &plan->title_h);
	plan->n_pages = s->n_pages;
	memcpy(plan->starts, s->starts, sizeof plan->starts);
	plan->more = s->more;
	for (int p = 0; p < s->n_pages; p++) {
		double y0 = s->starts[p] / (double)PANGO_SCALE;
		double y1 = s->starts[p + 1] / (double)PANGO_SCALE;
		double top = s->body_top - y0;          /* the layout's top */
		for (size_t i = 0; i < s->n_lines; i++) {
			const struct body_line *bl = &s->lines[i];
			const PangoRectangle *ink = &bl->ink;
			if (bl->y1 <= s->starts[p])
				continue;
			if (bl->y0 >= s->starts[p + 1])
				break;
			if (ink->width == 0 || ink->height == 0)
				continue;
			int mx0 = (int)floor(MARGIN + (double)ink->x / PANGO_SCALE) - 2;
			int mx1 = (int)ceil(MARGIN + (double)(ink->x + ink->width) /
			    PANGO_SCALE) + 2;
			int my0 = (int)floor(top + (double)ink->y / PANGO_SCALE) - 2;
			int my1 = (int)ceil(top + (double)(ink->y + ink->height) /
			    PANGO_SCALE) + 2;
			/* within the clip's pixels */
			if (mx0 < MARGIN - 10)
				mx0 = MARGIN - 10;
			if (mx1 > MARGIN + TEXT_W + 10)
				mx1 = MARGIN + TEXT_W + 10;
			if (my0 < (int)floor(s->body_top))
				my0 = (int)floor(s->body_top);
			if (my1 > (int)ceil(s->body_top + y1 - y0) + 1)
				my1 = (int)ceil(s->body_top + y1 - y0) + 1;
			if (mx1 <= mx0 || my1 <= my0)
				continue;
			struct line_draw d = {bl, MARGIN - 10, s->body_top,
				TEXT_W + 20, y1 - y0, MARGIN + (double)bl->logical.x /
				PANGO_SCALE, top + (double)bl->baseline / PANGO_SCALE};
			if (plan->n_lines == cap) {
				cap = cap == 0 ? 32 : 2 * cap;
				plan->lines = xrealloc(plan->lines, cap *
				    sizeof *plan->lines);
			}
			buf_reset(&b);
			line_key(&b, &d, mx0, my0, mx1, my1);
			plan->lines[plan->n_lines++] = (struct plan_line){p, i, mx0,
				my0, mx1, my1, d.clip_x, d.clip_y, d.clip_w, d.clip_h,
				d.x, d.y, xstrdup(b.data)};
		}
	}
	buf_free(&b);
	s->own = plan;
}

/* A planned line drawn, its slide laid out first when it came from the
 * plan of another record (the stamps lack the line). */
struct planned {
	struct slide *s;
	const struct plan_line *op;
};

static void
planned_draw(cairo_t *cr, const void *arg)
{
	const struct planned *pd = arg;
	const struct plan_line *op = pd->op;
	struct slide *s = pd->s;

	if (s->body == NULL)
		slide_lay_out(s);
	/* the same text lays out the same lines */
	if (op->line >= s->n_lines)
		return;
	struct line_draw d = {&s->lines[op->line], op->clip_x, op->clip_y,
		op->clip_w, op->clip_h, op->x, op->y};
	line_draw(cr, &d);
}

/* This page's lines, put from the stamps or drawn. */
static int
page_lines(struct canvas16 *cv, struct slide *s, int p, const struct inks *k,
    struct buf *err)
{
	const struct tv_plan *plan = s->plan;
	int rc = 0;

	for (size_t i = 0; i < plan->n_lines && rc == 0; i++) {
		const struct plan_line *op = &plan->lines[i];
		struct planned pd = {s, op};
		if (op->page != p)
			continue;
		rc = canvas16_stamp_area(cv, s->stamps, op->key, op->x0, op->y0,
		    op->x1, op->y1, planned_draw, &pd, &k->text, err);
	}
	return rc;
}

int
tv_render(const struct county *c, const struct record *r,
    struct stamps *stamps, struct tv_plans *plans,
    struct buf *out[TV_MAX_PAGES], struct buf *err)
{
	struct arena *a = arena_new();
	struct slide s;
	struct canvas16 base = {0};
	struct png16_top top = {0};
	struct inks k;
	const char *url = vis_record_url(a, c, r);
	unsigned colour = vis_process_colour(r);
	struct buf b = {0};
	int rc = -1;

	slide_init(&s, c, r, plans);
	s.stamps = stamps;
	if (blank(&base, colour, &k) != 0) {
		buf_printf(err, _("out of memory"));
		goto out;
	}
	if (record_base(&base, &s, url, colour, &k, err) != 0)
		goto out;
	/* a record of several pages: each is drawn on the base and the base
	 * restored after (the rows a page changed, copied back), and the
	 * deflate stream of the rows above the body, which every page has as
	 * the base has them, is made once and each page's goes on from it */
	if (s.n_pages > 1) {
		int body_row = (int)floor(s.body_top);
		if (canvas16_mark(&base) != 0) {
			buf_printf(err, _("out of memory"));
			goto out;
		}
		png16_top(base.raw, base.width, body_row < base.height ?
		    body_row : base.height, &top);
	}
	for (int p = 0; p < s.n_pages; p++) {
		if (p > 0)
			canvas16_restore(&base);
		if (s.n_pages > 1) {
			buf_reset(&b);
			buf_printf(&b, "第 %d/%d 页", p + 1, s.n_pages);
			if (text_at(&base, stamps, s.ctx, b.data, FOOT_PX, false,
			    TV_WIDTH - MARGIN, TV_HEIGHT - FOOT_H / 2.0 - 29, true,
			    &k.foot, err) != 0)
				goto out;
		}
		if (page_lines(&base, &s, p, &k, err) != 0)
			goto out;
		if (s.plan->more && p == s.n_pages - 1 && text_at(&base, stamps,
		    s.ctx, "（未完，请扫码查看全文）", FOOT_PX, true, MARGIN,
		    TV_HEIGHT - FOOT_H - 58, false, &k.warn, err) != 0)
			goto out;
		buf_reset(out[p]);
		if ((s.n_pages > 1 ? canvas16_png_top(&base, &top, out[p], err) :
		    canvas16_png(&base, out[p], err)) != 0)
			goto out;
	}
	rc = s.n_pages;
out:
	png16_top_free(&top);
	canvas16_free(&base);
	slide_free(&s);
	buf_free(&b);
	arena_free(a);
	return rc;
}

int
tv_render_empty(const struct county *c, const struct village *v,
    struct stamps *stamps, struct buf *out, struct buf *err)
{
	struct arena *a = arena_new();
	struct canvas16 cv = {0};
	struct inks k;
	PangoContext *ctx = vis_context();
	int rc = -1;

	context_update(ctx);
	if (blank(&cv, 0x1f4e8c, &k) != 0) {
		buf_printf(err, _("out of memory"));
		goto out;
	}
	if (frame(&cv, stamps, ctx, c, v, 0x1f4e8c, NULL,
	    vis_village_url(a, c, v), &k, err) != 0)
		goto out;
	if (text_at(&cv, stamps, ctx, "本周无新公开事项", 72, true, MARGIN,
	    BAND_H + 80, false, &k.text, err) != 0)
		goto out;
	struct text_spec note = {ctx, "往期公开内容请扫描右侧二维码查看，\n"
		"也可到村委会公开栏查阅。", BODY_PX, false, MARGIN, BAND_H + 220,
		false, TEXT_W, 1.4, PANGO_ALIGN_LEFT};
	rc = text_spec_draw(&cv, stamps, &note, &k.caption, err);
	if (rc == 0)
		rc = canvas16_png(&cv, out, err);
out:
	g_object_unref(ctx);
	canvas16_free(&cv);
	arena_free(a);
	return rc;
}
