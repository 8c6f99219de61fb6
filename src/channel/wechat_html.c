/* wechat_html.c: a record as an article the official account's editor
 * keeps when pasted: only section, p, span, strong, table rows and cells,
 * and img, each styled inline; links written out as text; pictures (the
 * flowchart, the photos, the QR code of the record's page) as data: URIs,
 * which a paste carries with it. */
#include "channel/wechat.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "channel/wechat_tv.h"
#include "media/image.h"
#include "poster/flowlink.h"
#include "util/md.h"

#define S_ARTICLE "font-size:16px;line-height:1.75;color:#222222;" \
	"letter-spacing:0.5px;word-wrap:break-word;overflow-wrap:break-word;"
#define S_P "margin:0 0 14px 0;"
#define S_HEAD "margin:22px 0 10px 0;font-size:17px;"
#define S_SMALL "margin:0 0 12px 0;font-size:13px;color:#888888;"
#define S_FACTS "margin:0 0 18px 0;padding:10px 12px;background-color:#f6f6f6;" \
	"border-left:4px solid #%06x;font-size:15px;line-height:1.7;"
#define S_FACT "margin:2px 0;"
#define S_TABLE "width:100%;border-collapse:collapse;margin:0 0 14px 0;" \
	"font-size:14px;line-height:1.5;"
#define S_CELL "border:1px solid #d0d0d0;padding:4px 5px;vertical-align:top;" \
	"word-break:break-all;overflow-wrap:anywhere;"
#define S_IMG "display:block;width:100%;height:auto;margin:8px auto 14px auto;"
#define S_QUOTE "margin:0 0 14px 0;padding:4px 0 4px 12px;" \
	"border-left:3px solid #d0d0d0;color:#555555;"
#define S_CODE "margin:0 0 14px 0;padding:8px;background-color:#f5f5f5;" \
	"white-space:pre-wrap;word-break:break-all;font-family:monospace;" \
	"font-size:14px;"
#define S_END "margin:28px 0 0 0;padding:14px 0 0 0;" \
	"border-top:1px solid #dddddd;font-size:15px;color:#444444;"

struct article {
	const struct county *c;
	const struct record *r;
	struct buf *out;
	size_t chars;          /* characters of text written */
	bool cut;              /* the rest is on the site */
	const char *url;       /* the record's page */
	struct buf scratch;
	struct buf *err;
};

/* ---- text ---- */

static void
text(struct article *a, const char *s, size_t len)
{
	buf_put_escaped(a->out, s, len);
	a->chars += utf8_chars(s, len);
}

static void
texts(struct article *a, const char *s)
{
	text(a, s, strlen(s));
}

static const char base64_digits[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
base64(struct buf *out, const unsigned char *p, size_t len)
{
	buf_grow(out, (len + 2) / 3 * 4 + 1);
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		buf_putc(out, base64_digits[(v >> 18) & 63]);
		buf_putc(out, base64_digits[(v >> 12) & 63]);
		buf_putc(out, i + 1 < len ? base64_digits[(v >> 6) & 63] : '=');
		buf_putc(out, i + 2 < len ? base64_digits[v & 63] : '=');
	}
}

/* <img> of bytes of a type, shown at most max_css pixels wide */
static void
image(struct article *a, const char *type, const struct buf *bytes,
    const char *alt, int max_css)
{
	buf_puts(a->out, "<img style=\"" S_IMG);
	buf_printf(a->out, "max-width:%dpx;\" alt=\"", max_css);
	buf_puts_escaped(a->out, alt);
	buf_printf(a->out, "\" src=\"data:%s;base64,", type);
	base64(a->out, (const unsigned char *)bytes->data, bytes->len);
	buf_puts(a->out, "\">");
}

/* ---- Markdown ---- */

static void inlines(struct article *a, cmark_node *n);

static const struct record_file *
record_file(const struct record *r, const char *url)
{
	for (size_t i = 0; url != NULL && i < r->n_files; i++)
		if (strcmp(r->files[i].url, url) == 0)
			return &r->files[i];
	return NULL;
}

static bool
web_address(const char *url)
{
	return url != NULL && (strncmp(url, "http://", 7) == 0 ||
	    strncmp(url, "https://", 8) == 0);
}

/* A photo of the record, 750 pixels at most, as a JPEG; false when it
 * cannot be read (its words stand instead). */
static bool
photo(struct article *a, const struct record_file *f, const char *alt)
{
	char *path = path_join(a->c->root, f->path), *data = NULL;
	size_t len = 0;
	struct media_image img = {0}, small = {0};
	struct media_info info;
	struct buf jpeg = {0}, err = {0};
	bool ok = false;
	int w, h;

	if (file_read(path, MEDIA_MAX_BYTES, &data, &len) != 0 ||
	    media_decode(data, len, WECHAT_IMAGE_PX, &img, &info, &err) != 0)
		goto out;
	media_fit_size(img.width, img.height, WECHAT_IMAGE_PX, &w, &h);
	media_scale(&img, w, h, &small);
	if (media_encode_jpeg(&small, 82, &jpeg, &err) != 0)
		goto out;
	image(a, "image/jpeg", &jpeg, alt, w / 2 > 0 ? w / 2 : 1);
	ok = true;
out:
	free(path);
	free(data);
	media_image_free(&img);
	media_image_free(&small);
	buf_free(&jpeg);
	buf_free(&err);
	return ok;
}

static void
link(struct article *a, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);
	struct buf words = {0};

	inlines(a, n);
	md_plain_text(n, &words);
	/* the editor drops links to other sites: the address is written out */
	if (web_address(url) && (words.data == NULL ||
	    strcmp(words.data, url) != 0)) {
		texts(a, "（");
		texts(a, url);
		texts(a, "）");
	} else if (record_file(a->r, url) != NULL) {
		texts(a, "（附件请通过文末二维码在网站查看）");
	}
	buf_free(&words);
}

static void
inlines(struct article *a, cmark_node *n)
{
	for (cmark_node *c = cmark_node_first_child(n); c != NULL;
	    c = cmark_node_next(c)) {
		const char *type = cmark_node_get_type_string(c);
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			texts(a, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_CODE:
			buf_puts(a->out, "<span style=\"background-color:#f2f2f2;"
			    "padding:0 2px;\">");
			texts(a, cmark_node_get_literal(c));
			buf_puts(a->out, "</span>");
			break;
		case CMARK_NODE_SOFTBREAK: {
			/* a Chinese line wrapped in the source gains no space */
			uint32_t before = 0, after = 0;
			cmark_node *p = cmark_node_previous(c), *x = cmark_node_next(c);
			const char *pl = p ? cmark_node_get_literal(p) : NULL;
			const char *xl = x ? cmark_node_get_literal(x) : NULL;
			if (pl != NULL && *pl) {
				size_t k = strlen(pl) - 1;
				while (k > 0 && (pl[k] & 0xc0) == 0x80)
					k--;
				utf8_decode(pl + k, strlen(pl) - k, &before);
			}
			if (xl != NULL && *xl)
				utf8_decode(xl, strlen(xl), &after);
			if (!is_cjk(before) || !is_cjk(after))
				buf_putc(a->out, ' ');
			break;
		}
		case CMARK_NODE_LINEBREAK:
			/* no <br> in the editor's list: a line of its own */
			buf_puts(a->out, "<span style=\"display:block;\"></span>");
			break;
		case CMARK_NODE_STRONG:
			buf_puts(a->out, "<strong>");
			inlines(a, c);
			buf_puts(a->out, "</strong>");
			break;
		case CMARK_NODE_EMPH:
			buf_puts(a->out, "<span style=\"font-style:italic;\">");
			inlines(a, c);
			buf_puts(a->out, "</span>");
			break;
		case CMARK_NODE_LINK:
			link(a, c);
			break;
		case CMARK_NODE_IMAGE: {
			const struct record_file *f = record_file(a->r,
			    cmark_node_get_url(c));
			struct buf alt = {0};
			md_plain_text(c, &alt);
			if (f == NULL || !f->image || !photo(a, f, alt.data ?
			    alt.data : "")) {
				texts(a, "〔图片");
				if (alt.len > 0) {
					texts(a, "：");
					texts(a, alt.data);
				}
				texts(a, "〕");
			}
			buf_free(&alt);
			break;
		}
		case CMARK_NODE_HTML_INLINE:
			break;
		default:
			if (type != NULL && strcmp(type, "strikethrough") == 0) {
				buf_puts(a->out, "<span style=\"text-decoration:"
				    "line-through;\">");
				inlines(a, c);
				buf_puts(a->out, "</span>");
			} else {
				inlines(a, c);
			}
		}
	}
}

static void
table(struct article *a, cmark_node *t)
{
	size_t rows = 0, shown = 0;

	buf_puts(a->out, "<table style=\"" S_TABLE "\">");
	for (cmark_node *row = cmark_node_first_child(t); row != NULL;
	    row = cmark_node_next(row), rows++) {
		bool head = md_row_is_header(row), total = md_row_is_total(row);
		if (shown > WECHAT_TABLE_ROWS && !total)
			continue;
		shown++;
		buf_puts(a->out, "<tr>");
		int col = 0;
		for (cmark_node *cell = cmark_node_first_child(row); cell != NULL;
		    cell = cmark_node_next(cell), col++) {
			char align = md_table_align(t, col);
			buf_puts(a->out, "<td style=\"" S_CELL);
			if (head)
				buf_puts(a->out, "background-color:#f0f0f0;"
				    "font-weight:bold;");
			if (align == 'r' || align == 'c')
				buf_puts(a->out, align == 'r' ? "text-align:right;" :
				    "text-align:center;");
			buf_puts(a->out, "\">");
			if (head || total)
				buf_puts(a->out, "<strong>");
			inlines(a, cell);
			if (head || total)
				buf_puts(a->out, "</strong>");
			buf_puts(a->out, "</td>");
		}
		buf_puts(a->out, "</tr>");
	}
	buf_puts(a->out, "</table>");
	if (rows > shown) {
		buf_puts(a->out, "<p style=\"" S_SMALL "\">");
		buf_printf(&a->scratch, "表格共 %zu 行，这里列出前 %zu 行；"
		    "完整表格请扫描文末二维码，或访问 %s", rows - 1, shown - 1,
		    a->url);
		texts(a, a->scratch.data);
		buf_reset(&a->scratch);
		buf_puts(a->out, "</p>");
	}
}

static void blocks(struct article *a, cmark_node *n, int depth, bool top);

static void
list(struct article *a, cmark_node *c, int depth)
{
	bool ordered = cmark_node_get_list_type(c) == CMARK_ORDERED_LIST;
	int k = cmark_node_get_list_start(c);

	buf_printf(a->out, "<section style=\"margin:0 0 14px %dpx;"
	    "text-indent:0;\">", depth > 0 ? 4 : 2);
	for (cmark_node *it = cmark_node_first_child(c); it != NULL;
	    it = cmark_node_next(it), k++) {
		bool first = true;
		/* no list elements in the editor's list: the marker is text,
		 * hanging in the item's margin */
		buf_puts(a->out, "<section style=\"margin:0 0 6px 0;"
		    "padding-left:1.4em;\"><p style=\"margin:0;"
		    "text-indent:-1.4em;\"><span>");
		if (ordered)
			buf_printf(&a->scratch, "%d. ", k);
		else
			buf_puts(&a->scratch, "• ");
		texts(a, a->scratch.data);
		buf_reset(&a->scratch);
		buf_puts(a->out, "</span>");
		for (cmark_node *b = cmark_node_first_child(it); b != NULL;
		    b = cmark_node_next(b)) {
			if (cmark_node_get_type(b) != CMARK_NODE_PARAGRAPH)
				continue;
			if (!first)
				buf_puts(a->out, " ");
			inlines(a, b);
			first = false;
		}
		buf_puts(a->out, "</p>");
		/* nested lists and the item's other blocks, below its text */
		for (cmark_node *b = cmark_node_first_child(it); b != NULL;
		    b = cmark_node_next(b)) {
			if (cmark_node_get_type(b) == CMARK_NODE_PARAGRAPH)
				continue;
			if (cmark_node_get_type(b) == CMARK_NODE_LIST)
				list(a, b, depth + 1);
			else
				blocks(a, b, depth + 1, false);
		}
		buf_puts(a->out, "</section>");
	}
	buf_puts(a->out, "</section>");
}

static void
block(struct article *a, cmark_node *c, int depth)
{
	if (md_is_table(c)) {
		table(a, c);
		return;
	}
	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_PARAGRAPH:
		buf_puts(a->out, "<p style=\"" S_P "\">");
		inlines(a, c);
		buf_puts(a->out, "</p>");
		break;
	case CMARK_NODE_HEADING:
		buf_puts(a->out, "<p style=\"" S_HEAD "\"><strong>");
		inlines(a, c);
		buf_puts(a->out, "</strong></p>");
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		buf_puts(a->out, "<section style=\"" S_QUOTE "\">");
		blocks(a, c, depth, false);
		buf_puts(a->out, "</section>");
		break;
	case CMARK_NODE_CODE_BLOCK:
		buf_puts(a->out, "<p style=\"" S_CODE "\">");
		texts(a, cmark_node_get_literal(c));
		buf_puts(a->out, "</p>");
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		buf_puts(a->out, "<section style=\"margin:18px 0;"
		    "border-top:1px solid #dddddd;\"></section>");
		break;
	case CMARK_NODE_LIST:
		list(a, c, depth);
		break;
	default:
		/* raw HTML is never written */
		break;
	}
}

/* The blocks of n; at the top, whole blocks up to the text budget, then
 * the rest is left to the site (a->cut). */
static void
blocks(struct article *a, cmark_node *n, int depth, bool top)
{
	if (cmark_node_get_type(n) != CMARK_NODE_DOCUMENT &&
	    cmark_node_get_type(n) != CMARK_NODE_BLOCK_QUOTE &&
	    cmark_node_get_type(n) != CMARK_NODE_ITEM) {
		block(a, n, depth);
		return;
	}
	for (cmark_node *c = cmark_node_first_child(n); c != NULL;
	    c = cmark_node_next(c)) {
		if (top && a->chars > WECHAT_TEXT_BUDGET) {
			a->cut = true;
			return;
		}
		block(a, c, depth);
	}
}

/* ---- the article ---- */

static void
money_table(struct article *a, const char *heading,
    const struct money_line *lines, size_t n, int64_t sum)
{
	char m[32];
	size_t shown = n > WECHAT_TABLE_ROWS ? WECHAT_TABLE_ROWS : n;

	if (n == 0)
		return;
	buf_puts(a->out, "<p style=\"" S_HEAD "\"><strong>");
	texts(a, heading);
	buf_puts(a->out, "</strong></p><table style=\"" S_TABLE "\"><tr>"
	    "<td style=\"" S_CELL "background-color:#f0f0f0;\"><strong>");
	texts(a, "项目");
	buf_puts(a->out, "</strong></td><td style=\"" S_CELL
	    "background-color:#f0f0f0;text-align:right;\"><strong>");
	texts(a, "金额（元）");
	buf_puts(a->out, "</strong></td></tr>");
	for (size_t i = 0; i < shown; i++) {
		money_format(lines[i].amount_fen, m);
		buf_puts(a->out, "<tr><td style=\"" S_CELL "\">");
		texts(a, lines[i].item);
		buf_puts(a->out, "</td><td style=\"" S_CELL
		    "text-align:right;\">");
		texts(a, m);
		buf_puts(a->out, "</td></tr>");
	}
	money_format(sum, m);
	buf_puts(a->out, "<tr><td style=\"" S_CELL "\"><strong>");
	texts(a, "合计");
	buf_puts(a->out, "</strong></td><td style=\"" S_CELL
	    "text-align:right;\"><strong>");
	texts(a, m);
	buf_puts(a->out, "</strong></td></tr></table>");
	if (shown < n) {
		buf_puts(a->out, "<p style=\"" S_SMALL "\">");
		buf_printf(&a->scratch, "共 %zu 项，这里列出前 %zu 项；全部明细请扫描"
		    "文末二维码，或访问 %s", n, shown, a->url);
		texts(a, a->scratch.data);
		buf_reset(&a->scratch);
		buf_puts(a->out, "</p>");
	}
}

static void
facts(struct article *a)
{
	struct arena *arena = arena_new();
	struct vis_fact *f;
	size_t n = vis_facts(a->r, false, arena, &f);

	if (n > 0) {
		buf_printf(a->out, "<section style=\"" S_FACTS "\">",
		    vis_process_colour(a->r));
		for (size_t i = 0; i < n; i++) {
			buf_puts(a->out, "<p style=\"" S_FACT "\"><strong>");
			texts(a, f[i].label);
			texts(a, "：");
			buf_puts(a->out, "</strong>");
			texts(a, f[i].value);
			buf_puts(a->out, "</p>");
		}
		buf_puts(a->out, "</section>");
	}
	arena_free(arena);
}

/* The flowchart's steps as numbered lines, who then what, with where a
 * decision's answers lead: a chart of several lanes drawn at a phone's
 * width has text of 4 to 8 pixels, which no one reads; the lines are. */
static void
flow_steps(struct article *a, const struct flow *f)
{
	buf_puts(a->out, "<section style=\"" S_FACTS "\">");
	for (size_t i = 0; i < f->n_steps; i++) {
		const struct flow_step *st = &f->steps[i];
		buf_printf(&a->scratch, "%zu、", i + 1);
		if (st->lane != NULL)
			buf_printf(&a->scratch, "%s：", st->lane);
		buf_puts(&a->scratch, st->text);
		/* where the answers lead, and a step that does not lead to
		 * the next line */
		bool opened = false;
		for (size_t e = 0; e < f->n_edges; e++) {
			const struct flow_edge *ed = &f->edges[e];
			if (ed->from != i || (ed->kind == EDGE_NEXT &&
			    ed->to == i + 1))
				continue;
			buf_puts(&a->scratch, opened ? "；" : "（");
			opened = true;
			if (ed->kind == EDGE_NEXT)
				buf_printf(&a->scratch, "接第%zu步", ed->to + 1);
			else
				buf_printf(&a->scratch, "%s：第%zu步",
				    ed->label != NULL ? ed->label :
				    ed->kind == EDGE_YES ? "是" : "否", ed->to + 1);
		}
		if (opened)
			buf_puts(&a->scratch, "）");
		buf_puts(a->out, "<p style=\"" S_FACT "\">");
		texts(a, a->scratch.data);
		buf_reset(&a->scratch);
		buf_puts(a->out, "</p>");
	}
	buf_puts(a->out, "</section>");
}

/* The power item's flowchart, drawn once per build (wechat.c). */
static void
flowchart(struct article *a, const struct wechat_flow *flow)
{
	if (flow == NULL || flow->png.len == 0)
		return;
	buf_puts(a->out, "<p style=\"" S_HEAD "\"><strong>");
	buf_printf(&a->scratch, "办理流程：%s", a->r->power->name);
	texts(a, a->scratch.data);
	buf_reset(&a->scratch);
	buf_puts(a->out, "</strong></p>");
	image(a, "image/png", &flow->png, "办理流程图", flow->css_width);
	flow_steps(a, &a->r->power->flow);
}

int
wechat_flow_png(const struct power_item *item, struct wechat_flow *out,
    struct buf *err)
{
	struct flow_layout *l;
	struct buf why = {0};
	double w, h, scale, shown;
	int rc = 0;

	if (item == NULL || item->flow.n_steps == 0)
		return 0;
	if ((l = flow_layout_new(&item->flow, &why)) == NULL) {
		/* the catalog's checks report a flow that cannot be laid out */
		buf_free(&why);
		return 0;
	}
	flow_layout_size(l, &w, &h);
	/* twice the phone's width at most, never enlarged past 2x */
	shown = w > 0 ? WECHAT_IMAGE_PX / w : 2;
	if (shown > 2)
		shown = 2;
	/* drawn at the step of 2^(1/8) (9%) at or below that, and shown at
	 * its width still (at least 1.83 pixels a CSS pixel): charts drawn
	 * at one scale share their fonts, their texts' shapes and their
	 * glyphs, which pango and cairo make and keep for a scale, where
	 * each chart had a scale of its own (a fifth of the articles'
	 * time) */
	scale = exp2(floor(log2(shown) * 8) / 8);
	if (flow_write_png(l, scale, &out->png) != 0) {
		buf_printf(err, _("cannot draw the flowchart of %s"), item->id);
		rc = -1;
	}
	out->css_width = (int)(w * shown / 2);
	flow_layout_free(l);
	buf_free(&why);
	return rc;
}

static int
ending(struct article *a)
{
	const struct county *c = a->c;
	const struct village *v = a->r->village;
	struct buf qr = {0};
	int rc = -1;

	if (wechat_qr_png(a->url, 6, &qr, a->err) != 0)
		goto out;
	buf_puts(a->out, "<section style=\"" S_END "\"><p style=\"" S_FACT
	    "\"><strong>");
	texts(a, "公示期：");
	buf_puts(a->out, "</strong>");
	date_cn_range(a->r->publish_from, a->r->publish_to, "至", &a->scratch);
	texts(a, a->scratch.data);
	buf_reset(&a->scratch);
	buf_puts(a->out, "</p><p style=\"" S_FACT "\"><strong>");
	texts(a, "公开栏位置：");
	buf_puts(a->out, "</strong>");
	texts(a, v->board ? v->board : "村委会公开栏");
	buf_puts(a->out, "</p>");
	if (c->site.hotline != NULL) {
		buf_puts(a->out, "<p style=\"" S_FACT "\"><strong>");
		texts(a, "监督举报电话：");
		buf_puts(a->out, "</strong>");
		texts(a, c->site.hotline);
		buf_puts(a->out, "</p>");
	}
	buf_puts(a->out, "<p style=\"" S_FACT "\">");
	texts(a, "对公开内容有疑问，可向村务监督委员会反映，或拨打监督举报电话。");
	buf_puts(a->out, "</p><p style=\"margin:16px 0 0 0;text-align:center;\">");
	image(a, "image/png", &qr, "本条公开的网页二维码", 180);
	buf_puts(a->out, "</p><p style=\"margin:0;text-align:center;"
	    "font-size:14px;color:#666666;\">");
	buf_printf(&a->scratch, "长按识别二维码，查看原文和%s村务公开主页", v->name);
	texts(a, a->scratch.data);
	buf_reset(&a->scratch);
	buf_puts(a->out, "</p><p style=\"margin:6px 0 0 0;text-align:center;"
	    "font-size:13px;color:#888888;word-break:break-all;\">");
	texts(a, a->url);
	buf_puts(a->out, "</p></section>");
	rc = 0;
out:
	buf_free(&qr);
	return rc;
}

int
wechat_article(const struct county *c, const struct record *r,
    const struct wechat_flow *flow, struct buf *out, struct buf *err)
{
	struct arena *arena = arena_new();
	struct article a = {0};
	struct buf body = {0};
	cmark_node *doc = NULL;
	const struct village *v = r->village;
	int rc = -1;

	a.c = c;
	a.r = r;
	a.out = out;
	a.err = err;
	a.url = vis_record_url(arena, c, r);
	buf_puts(out, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	buf_puts_escaped(out, r->title);
	buf_puts(out, "</title>\n</head>\n<body>\n<section style=\"" S_ARTICLE
	    "\">");
	buf_puts(out, "<p style=\"" S_SMALL "\">");
	village_place(v, &a.scratch);
	buf_puts(&a.scratch, " · ");
	buf_puts(&a.scratch, record_type_label(r->type));
	buf_puts(&a.scratch, " · ");
	date_cn(r->date, &a.scratch);
	texts(&a, a.scratch.data);
	buf_reset(&a.scratch);
	buf_puts(out, "</p>");
	facts(&a);
	if (r->type == RT_FINANCE) {
		const struct finance *x = &r->as.finance;
		money_table(&a, "收入明细", x->income, x->n_income, x->income_fen);
		money_table(&a, "支出明细", x->expense, x->n_expense,
		    x->expense_fen);
	}
	vis_body(r, &body);
	doc = md_parse(body.data ? body.data : "", body.len);
	blocks(&a, doc, 0, true);
	if (a.cut) {
		buf_puts(out, "<p style=\"" S_P "color:#a61b1b;\"><strong>");
		buf_printf(&a.scratch, "（全文较长，以上为前一部分。余下内容请扫描文末"
		    "二维码，或访问 %s 查看。）", a.url);
		texts(&a, a.scratch.data);
		buf_reset(&a.scratch);
		buf_puts(out, "</strong></p>");
	}
	flowchart(&a, flow);
	if (ending(&a) != 0)
		goto out;
	buf_puts(out, "</section>\n</body>\n</html>\n");
	rc = 0;
out:
	if (doc != NULL)
		cmark_node_free(doc);
	buf_free(&body);
	buf_free(&a.scratch);
	arena_free(arena);
	return rc;
}

/* ---- meta.txt ---- */

/* s cut to max characters, the last a "…" when cut */
static void
put_cut(struct buf *out, const char *s, size_t max)
{
	size_t len = strlen(s), chars = 0, i = 0;

	if (utf8_chars(s, len) <= max) {
		buf_put(out, s, len);
		return;
	}
	while (i < len && chars + 1 < max) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		i += n > 0 ? (size_t)n : 1;
		chars++;
	}
	buf_put(out, s, i);
	buf_puts(out, "…");
}

void
wechat_meta(const struct county *c, const struct record *r,
    struct buf *out)
{
	struct arena *arena = arena_new();
	struct buf body = {0}, plain = {0};

	buf_puts(out, "标题：");
	put_cut(out, r->title, WECHAT_TITLE_MAX);
	/* the digest: the body's first words, one line, else the facts */
	vis_body(r, &body);
	vis_plain(body.data ? body.data : "", &plain);
	for (size_t i = 0; i < plain.len; i++)
		if (plain.data[i] == '\n')
			plain.data[i] = ' ';
	if (plain.len == 0) {
		struct vis_fact *f;
		size_t n = vis_facts(r, true, arena, &f);
		for (size_t i = 0; i < n; i++)
			buf_printf(&plain, "%s%s：%s", i ? "；" : "", f[i].label,
			    f[i].value);
	}
	buf_puts(out, "\n摘要：");
	put_cut(out, plain.data ? plain.data : "", WECHAT_DIGEST_MAX);
	/* the editor's author field holds 8 characters: the village's name */
	buf_puts(out, "\n作者：");
	put_cut(out, r->village->name, 8);
	buf_puts(out, "\n原文链接：");
	buf_puts(out, vis_record_url(arena, c, r));
	buf_puts(out, "\n");
	buf_free(&body);
	buf_free(&plain);
	arena_free(arena);
}
