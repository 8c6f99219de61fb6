/* text.c: the posters' type: each role's size and weight, and a text
 * laid out as Chinese is set: cells and titles broken between words (ICU's
 * dictionary, util/wordbreak.c), punctuation first in a cell, balanced
 * lines, and no paragraph ending on a lone character. doc.c measures and
 * places what this lays out. */
#include "poster/doc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/wordbreak.h"

const struct role_style role_styles[TR_COUNT] = {
	[TR_TITLE] = {"title", "title", 56, true},
	[TR_TITLE_CONT] = {"title", "title", 48, true},
	[TR_SUBTITLE] = {"subtitle", "body", 20, false},
	[TR_HEADING] = {"heading", "heading", 34, true},
	[TR_RECORD] = {"record", "heading", 28, true},
	[TR_BODY] = {"body", "body", 18, false},
	[TR_META] = {"meta", "body", 16, false},
	[TR_LEAD] = {"lead", "body", 20, true},
	[TR_TABLE] = {"table", "table", 16, false},
	[TR_TABLE_HEAD] = {"table-head", "table", 16, true},
	[TR_CATALOG_TABLE] = {"table", "table", 14, false},
	[TR_CATALOG_HEAD] = {"table-head", "table", 14, true},
	[TR_BIG] = {"big", "body", 22, false},
	[TR_HOTLINE] = {"hotline", "body", 26, true},
	[TR_FOOTER] = {"footer", "body", 16, false},
	[TR_COUNTER] = {"counter", "body", 18, false},
	[TR_CHART] = {"chart", "table", 14, false},
	[TR_CHART_VALUE] = {"chart-value", "table", 16, true},
};

/* ---- pango ---- */

static PangoAttrList *
attrs_of(const struct rich *r)
{
	PangoAttrList *list = pango_attr_list_new();

	/* a word cut at a line's end gets no hyphen: in a number, an ID or an
	 * address it would read as part of it */
	pango_attr_list_insert(list, pango_attr_insert_hyphens_new(FALSE));
	for (size_t i = 0; i < r->n_spans; i++) {
		const struct span *s = &r->spans[i];
		PangoAttribute *a;
		if (s->kind == SPAN_BOLD)
			a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		else
			a = pango_attr_foreground_new(
			    (guint16)(((s->rgb >> 16) & 0xff) * 257),
			    (guint16)(((s->rgb >> 8) & 0xff) * 257),
			    (guint16)((s->rgb & 0xff) * 257));
		a->start_index = (guint)s->start;
		a->end_index = (guint)s->end;
		pango_attr_list_insert(list, a);
	}
	return list;
}

/* ---- Chinese line breaking ---- */

/* Whether the last of a layout's lines (of two or more) holds a single
 * character besides punctuation: a 孤字. */
static bool
last_line_lone(PangoLayout *l)
{
	int n = pango_layout_get_line_count(l);
	const char *text = pango_layout_get_text(l);
	int chars = 0;

	if (n < 2)
		return false;
	PangoLayoutLine *line = pango_layout_get_line_readonly(l, n - 1);
	const char *p = text + line->start_index, *end = p + line->length;
	for (; p < end && *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (c != 0x2060 && !g_unichar_isspace(c) && !g_unichar_ispunct(c))
			chars++;
	}
	return chars == 1;
}

/* Each dictionary word of the text kept on one line (allow-breaks off
 * inside it): 审核 is never cut into 审 / 核. */
static void
keep_words(PangoAttrList *list, const char *text)
{
	struct wb_word *w = NULL;
	size_t n = wordbreak_words(text, strlen(text), &w);

	for (size_t i = 0; i < n; i++) {
		PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)w[i].start;
		a->end_index = (guint)w[i].end;
		pango_attr_list_insert(list, a);
	}
	free(w);
}

static int
lines_with(PangoLayout *l, PangoAttrList *base, PangoAttribute *extra)
{
	PangoAttrList *list = pango_attr_list_copy(base);

	if (extra != NULL)
		pango_attr_list_insert(list, extra);
	pango_layout_set_attributes(l, list);
	pango_attr_list_unref(list);
	return pango_layout_get_line_count(l);
}

/* A paragraph whose last line would hold one character: its last lines
 * are set a little tighter (at most 4 % of the size between characters)
 * so that the character joins the line before; when that is not enough,
 * the line before gives its last character to the last line (no break
 * allowed after it). The attributes base stay the layout's when nothing
 * helps. */
static void
avoid_lone_char(PangoLayout *l, PangoAttrList *base, double size)
{
	int n = pango_layout_get_line_count(l);
	const char *text = pango_layout_get_text(l);
	int len = (int)strlen(text);

	if (!last_line_lone(l))
		return;
	for (int back = 1; back <= 3 && back < n; back++) {
		int from = pango_layout_get_line_readonly(l, n - 1 - back)->
		    start_index;
		for (int pct = 1; pct <= 4; pct++) {
			PangoAttribute *a = pango_attr_letter_spacing_new(
			    -(int)(size * pct / 100.0 * PANGO_SCALE));
			a->start_index = (guint)from;
			a->end_index = (guint)len;
			PangoAttrList *keep = pango_attr_list_copy(base);
			pango_attr_list_insert(keep, pango_attribute_copy(a));
			if (lines_with(l, base, a) == n - 1 && !last_line_lone(l)) {
				pango_layout_set_attributes(l, keep);
				pango_attr_list_unref(keep);
				return;
			}
			pango_attr_list_unref(keep);
			pango_layout_set_attributes(l, base);
		}
	}
	/* pull: no break between the last character of the line before and
	 * the end, so the line breaks one character earlier */
	PangoLayoutLine *before = pango_layout_get_line_readonly(l, n - 2);
	const char *p = text + before->start_index;
	const char *end = p + before->length, *last = NULL;
	for (; p < end; p = g_utf8_next_char(p))
		if (!g_unichar_isspace(g_utf8_get_char(p)))
			last = p;
	if (last == NULL || last == text + before->start_index)
		return;
	PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
	a->start_index = (guint)(last - text);
	a->end_index = (guint)len;
	PangoAttrList *keep = pango_attr_list_copy(base);
	pango_attr_list_insert(keep, pango_attribute_copy(a));
	if (lines_with(l, base, a) == n && !last_line_lone(l))
		pango_layout_set_attributes(l, keep);
	else
		pango_layout_set_attributes(l, base);
	pango_attr_list_unref(keep);
}

/* A table cell of two lines or more, left-aligned: broken after a
 * punctuation mark when that gives two lines that fit (the narrowest such
 * pair), else at the narrowest width that needs no more lines (balanced
 * lines, no lone character); between words either way. */
static void
balance_cell(PangoLayout *l, PangoAttrList *base, double width)
{
	int n = pango_layout_get_line_count(l);
	const char *text = pango_layout_get_text(l);
	size_t len = strlen(text);
	int best_w = INT32_MAX;
	size_t best_at = 0;

	if (n < 2)
		return;
	for (size_t at = 0; n == 2 && at < len; at++) {
		size_t k = wordbreak_punct(text + at, len - at);
		if (k == 0 || at + k >= len)
			continue;
		size_t cut = at + k;
		PangoAttrList *list = pango_attr_list_copy(base);
		PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = 0;
		a->end_index = (guint)cut;
		pango_attr_list_insert(list, a);
		a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)cut;
		a->end_index = (guint)len;
		pango_attr_list_insert(list, a);
		pango_layout_set_attributes(l, list);
		pango_attr_list_unref(list);
		PangoRectangle ink, logical;
		pango_layout_get_extents(l, &ink, &logical);
		if (pango_layout_get_line_count(l) == 2 &&
		    logical.width <= (int)(width * PANGO_SCALE) &&
		    logical.width < best_w) {
			best_w = logical.width;
			best_at = cut;
		}
	}
	if (best_at > 0) {
		PangoAttrList *list = pango_attr_list_copy(base);
		PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = 0;
		a->end_index = (guint)best_at;
		pango_attr_list_insert(list, a);
		a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)best_at;
		a->end_index = (guint)len;
		pango_attr_list_insert(list, a);
		pango_layout_set_attributes(l, list);
		pango_attr_list_unref(list);
		return;
	}
	pango_layout_set_attributes(l, base);
	int lo = (int)(width * PANGO_SCALE) / n, hi = (int)(width * PANGO_SCALE);
	while (hi - lo > PANGO_SCALE / 4) {
		int mid = lo + (hi - lo) / 2;
		pango_layout_set_width(l, mid);
		if (pango_layout_get_line_count(l) > n)
			lo = mid;
		else
			hi = mid;
	}
	pango_layout_set_width(l, hi);
	/* a word wider than the balanced width would be cut: not so narrow */
	if (pango_layout_get_line_count(l) > n)
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
}

static bool
is_cell_role(enum text_role role)
{
	return role == TR_TABLE || role == TR_TABLE_HEAD ||
	    role == TR_CATALOG_TABLE || role == TR_CATALOG_HEAD;
}

/* ---- the thread's layouts ---- */

/* A poster is laid out more than once: a board again with less of its
 * standing survey block while that would add a sheet, a service guide
 * again with its words spread evenly; and the posters a thread makes one
 * after another share texts (the sections' bars, the footer's lines, the
 * survey block), as a table's cells do. Each layout, with its word breaks,
 * balanced lines and lone-character checks, is made once and kept by the
 * thread: the same text, role, width and settings give the same lines,
 * whichever doc asks (every doc's context is made alike from the thread's
 * font map). Keyed by a digest of all of them; a layout is never changed
 * once made (measured and drawn, read only). A layout takes some 800
 * bytes a byte of text (100 MB for a heavy board's 128 KiB): the table is
 * emptied after a poster once it holds more than LAYOUT_CACHE_TEXT bytes
 * of text, and when its thread ends. */
#define LAYOUT_CACHE_TEXT (32 * 1024)

struct layout_cache {
	GHashTable *layouts;         /* struct digest * to PangoLayout * */
	size_t text_bytes;           /* of their texts */
};

static void
layout_cache_free(void *p)
{
	struct layout_cache *c = p;

	if (c == NULL)
		return;
	g_hash_table_destroy(c->layouts);
	free(c);
}

static GPrivate layout_cache = G_PRIVATE_INIT(layout_cache_free);

static guint
digest_hash(gconstpointer key)
{
	return (guint)((const struct digest *)key)->lo;
}

static gboolean
digest_same(gconstpointer a, gconstpointer b)
{
	return digest_equal(*(const struct digest *)a,
	    *(const struct digest *)b);
}

static struct digest
layout_key(enum text_role role, const struct rich *r, double width,
    size_t hang_bytes, int align, int max_lines)
{
	struct hasher h;
	uint64_t wbits;

	memcpy(&wbits, &width, sizeof wbits);
	hasher_init(&h);
	hasher_u64(&h, (uint64_t)role);
	hasher_u64(&h, wbits);
	hasher_u64(&h, (uint64_t)hang_bytes);
	hasher_u64(&h, (uint64_t)(int64_t)align);
	hasher_u64(&h, (uint64_t)(int64_t)max_lines);
	hasher_str(&h, r->text);
	hasher_u64(&h, (uint64_t)r->n_spans);
	for (size_t i = 0; i < r->n_spans; i++) {
		hasher_u64(&h, (uint64_t)r->spans[i].kind);
		hasher_u64(&h, (uint64_t)r->spans[i].start);
		hasher_u64(&h, (uint64_t)r->spans[i].end);
		hasher_u64(&h, (uint64_t)r->spans[i].rgb);
	}
	return hasher_final(&h);
}

void
doc_layout_cache_done(bool all)
{
	struct layout_cache *c = g_private_get(&layout_cache);

	if (c != NULL && (all || c->text_bytes > LAYOUT_CACHE_TEXT))
		g_private_replace(&layout_cache, NULL);
}

static PangoLayout *layout_make(struct doc *d, enum text_role role,
    const struct rich *r, double width, size_t hang_bytes, int align,
    int max_lines);

PangoLayout *
doc_layout_text(struct doc *d, enum text_role role, const struct rich *r,
    double width, size_t hang_bytes, int align, int max_lines)
{
	struct layout_cache *c = g_private_get(&layout_cache);
	struct digest key = layout_key(role, r, width, hang_bytes, align,
	    max_lines);
	PangoLayout *l;

	if (c == NULL) {
		c = xcalloc(1, sizeof *c);
		c->layouts = g_hash_table_new_full(digest_hash, digest_same,
		    free, g_object_unref);
		g_private_set(&layout_cache, c);
	}
	l = g_hash_table_lookup(c->layouts, &key);
	if (l == NULL) {
		struct digest *k = xmalloc(sizeof *k);
		*k = key;
		l = layout_make(d, role, r, width, hang_bytes, align, max_lines);
		g_hash_table_insert(c->layouts, k, l);
		c->text_bytes += strlen(r->text);
	}
	ptrvec_push(&d->layouts, g_object_ref(l));
	return l;
}

static PangoLayout *
layout_make(struct doc *d, enum text_role role, const struct rich *r,
    double width, size_t hang_bytes, int align, int max_lines)
{
	PangoLayout *l = pango_layout_new(d->ctx);
	PangoAttrList *attrs = attrs_of(r);

	pango_layout_set_font_description(l, d->fonts[role]);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(l, (int)floor(width * PANGO_SCALE));
	pango_layout_set_alignment(l, align == 1 ? PANGO_ALIGN_CENTER :
	    align == 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	if (max_lines > 0) {
		pango_layout_set_height(l, -max_lines);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	if (hang_bytes > 0) {
		/* a list item: lines after the first start after the number */
		PangoLayout *p = pango_layout_new(d->ctx);
		int pw;
		pango_layout_set_font_description(p, d->fonts[role]);
		pango_layout_set_text(p, r->text, (int)hang_bytes);
		pango_layout_get_size(p, &pw, NULL);
		g_object_unref(p);
		pango_layout_set_indent(l, -pw);
	}
	pango_layout_set_text(l, r->text, -1);
	/* cells and titles break between words; paragraphs, set as Chinese
	 * is, between any characters */
	if (is_cell_role(role) || role == TR_TITLE || role == TR_TITLE_CONT ||
	    role == TR_RECORD || role == TR_HEADING)
		keep_words(attrs, r->text);
	pango_layout_set_attributes(l, attrs);
	if (width > 0 && max_lines <= 0) {
		if (is_cell_role(role) && align == 0)
			balance_cell(l, attrs, width);
		avoid_lone_char(l, attrs, role_styles[role].size);
	}
	pango_attr_list_unref(attrs);
	return l;
}
