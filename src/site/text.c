/* text.c: escaping, percent-encoding, Markdown through cmark with the CJK
 * soft-break rule, and the Chinese words for dates, periods and fractions. */
#include "site/text.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

void
html_escape(struct buf *b, const char *s)
{
	const char *run = s;

	if (s == NULL)
		return;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_put(b, run, (size_t)(s - run));
		buf_puts(b, rep);
		run = s + 1;
	}
	buf_put(b, run, (size_t)(s - run));
}

void
json_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		unsigned char c = *p;
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n') {
			buf_puts(b, "\\n");
		} else if (c == '\t') {
			buf_puts(b, "\\t");
		} else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
			buf_printf(b, "\\u%04x", c);
		} else if (c == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
			buf_printf(b, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
			p += 2;
		} else {
			buf_putc(b, (char)c);
		}
	}
	buf_putc(b, '"');
}

static bool
unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

void
url_encode_segment(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (unreserved(*p)) {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

void
url_encode_path(struct buf *b, const char *path)
{
	while (*path) {
		size_t len = strcspn(path, "/");
		char *seg = xstrndup(path, len);
		url_encode_segment(b, seg);
		free(seg);
		path += len;
		if (*path == '/') {
			buf_putc(b, '/');
			path++;
		}
	}
}

/* ---- Markdown ---- */

/* The first or last code point of the text an inline node shows, or 0. */
static uint32_t
edge_char(cmark_node *node, bool last)
{
	while (node != NULL) {
		cmark_node_type t = cmark_node_get_type(node);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *s = cmark_node_get_literal(node);
			size_t len = s ? strlen(s) : 0;
			uint32_t cp = 0;
			if (len == 0)
				return 0;
			if (!last) {
				utf8_decode(s, len, &cp);
				return cp;
			}
			size_t i = len - 1;
			while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
				i--;
			utf8_decode(s + i, len - i, &cp);
			return cp;
		}
		if (t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG ||
		    t == CMARK_NODE_LINK)
			node = last ? cmark_node_last_child(node) :
			    cmark_node_first_child(node);
		else
			return 0;
	}
	return 0;
}

/* Removes the soft breaks that sit between two CJK characters. */
static void
drop_cjk_soft_breaks(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **drop = NULL;
	size_t n_drop = 0, cap = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(node) != CMARK_NODE_SOFTBREAK)
			continue;
		uint32_t before = edge_char(cmark_node_previous(node), true);
		uint32_t after = edge_char(cmark_node_next(node), false);
		if (before && after && is_cjk(before) && is_cjk(after)) {
			if (n_drop == cap) {
				cap = cap ? cap * 2 : 16;
				drop = xrealloc(drop, cap * sizeof *drop);
			}
			drop[n_drop++] = node;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n_drop; i++)
		cmark_node_free(drop[i]);   /* unlinks it too */
	free(drop);
}

static void
shift_headings(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(node) == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(node);
			cmark_node_set_heading_level(node, level < 6 ? level + 1 : 6);
		}
	}
	cmark_iter_free(it);
}

void
markdown_html(const char *md, struct buf *out)
{
	cmark_node *doc;
	char *html;

	if (md == NULL || *md == '\0')
		return;
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	if (doc == NULL)
		nb_out_of_memory();
	drop_cjk_soft_breaks(doc);
	shift_headings(doc);
	/* without CMARK_OPT_UNSAFE: raw HTML is omitted and javascript:,
	 * vbscript:, file: and non-image data: links are emptied */
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	if (html == NULL)
		nb_out_of_memory();
	buf_puts(out, html);
	free(html);
	cmark_node_free(doc);
}

struct excerpt {
	struct buf *out;
	size_t chars;
	size_t max;
	bool space;          /* a space is due before the next text */
	bool full;
};

static void
excerpt_put(struct excerpt *e, const char *s)
{
	for (size_t i = 0, len = strlen(s); i < len && !e->full;) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n <= 0)
			break;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
			e->space = e->out->len > 0;
			i += (size_t)n;
			continue;
		}
		if (e->chars >= e->max) {
			buf_puts(e->out, "…");
			e->full = true;
			break;
		}
		if (e->space) {
			buf_putc(e->out, ' ');
			e->chars++;
			e->space = false;
		}
		buf_put(e->out, s + i, (size_t)n);
		e->chars++;
		i += (size_t)n;
	}
}

void
markdown_excerpt(const char *md, size_t max_chars, struct buf *out)
{
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;
	struct excerpt e = {out, 0, max_chars, false, false};
	size_t start = out->len;

	if (md == NULL || *md == '\0')
		return;
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	if (doc == NULL)
		nb_out_of_memory();
	drop_cjk_soft_breaks(doc);
	it = cmark_iter_new(doc);
	while (!e.full && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if (ev == CMARK_EVENT_ENTER)
				excerpt_put(&e, cmark_node_get_literal(node));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
			e.space = out->len > start;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

/* ---- Chinese words ---- */

static const char *const digits_cn[] = {"〇", "一", "二", "三", "四", "五",
	"六", "七", "八", "九"};

void
number_cn(int n, struct buf *out)
{
	if (n < 0 || n > 99) {
		buf_printf(out, "%d", n);
		return;
	}
	if (n < 10) {
		buf_puts(out, n == 0 ? "零" : digits_cn[n]);
		return;
	}
	if (n >= 20)
		buf_puts(out, digits_cn[n / 10]);
	buf_puts(out, "十");
	if (n % 10)
		buf_puts(out, digits_cn[n % 10]);
}

void
fraction_cn(struct fraction_rule rule, struct buf *out)
{
	if (rule.strict)
		buf_puts(out, "超过");
	else
		buf_puts(out, "达到");
	if (rule.num * 2 == rule.den) {
		buf_puts(out, "一半");
	} else {
		number_cn(rule.den, out);
		buf_puts(out, "分之");
		number_cn(rule.num, out);
	}
	if (!rule.strict)
		buf_puts(out, "以上");
}

void
date_cn(int32_t date, struct buf *out)
{
	int y, m, d;

	if (date == DATE_NONE)
		return;
	date_to_ymd(date, &y, &m, &d);
	buf_printf(out, "%d年%d月%d日", y, m, d);
}

const char *
weekday_cn(int32_t date)
{
	static const char *const names[] = {"星期一", "星期二", "星期三",
		"星期四", "星期五", "星期六", "星期日"};
	int w = date_weekday(date);
	return w >= 0 && w < 7 ? names[w] : "";
}

void
period_cn(const struct period *p, struct buf *out)
{
	switch (p->kind) {
	case PERIOD_MONTH:
		buf_printf(out, "%d年%d月", p->year, p->index);
		break;
	case PERIOD_QUARTER:
		buf_printf(out, "%d年第", p->year);
		number_cn(p->index, out);
		buf_puts(out, "季度");
		break;
	case PERIOD_YEAR:
		buf_printf(out, "%d年度", p->year);
		break;
	case PERIOD_NONE:
		break;
	}
}
