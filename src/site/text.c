/* text.c: JSON strings, percent-encoding, Markdown through cmark with the CJK
 * soft-break rule, and the Chinese words for dates, periods and fractions. */
#include "site/text.h"
#include "site/site.h"
#include "util/md.h"

#include <stdlib.h>
#include <string.h>

/* Bytes that need a look in json_string; the terminating NUL ends the
 * scan. */
static const unsigned char json_special[256] = {
	[0] = 1, [1] = 1, [2] = 1, [3] = 1, [4] = 1, [5] = 1, [6] = 1, [7] = 1,
	[8] = 1, [9] = 1, [10] = 1, [11] = 1, [12] = 1, [13] = 1, [14] = 1,
	[15] = 1, [16] = 1, [17] = 1, [18] = 1, [19] = 1, [20] = 1, [21] = 1,
	[22] = 1, [23] = 1, [24] = 1, [25] = 1, [26] = 1, [27] = 1, [28] = 1,
	[29] = 1, [30] = 1, [31] = 1,
	['"'] = 1, ['\\'] = 1, ['<'] = 1, ['>'] = 1, ['&'] = 1,
	[0xE2] = 1,
};

void
json_string(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *run = p;
	static const char hex[] = "0123456789abcdef";

	buf_putc(b, '"');
	for (;;) {
		while (!json_special[*p])
			p++;
		unsigned char c = *p;
		char esc[6];
		size_t len = 2;
		if (c == '\0')
			break;
		if (c == 0xE2) {
			/* U+2028 and U+2029 end a line in a script */
			if (p[1] != 0x80 || (p[2] != 0xA8 && p[2] != 0xA9)) {
				p++;
				continue;
			}
			buf_put(b, run, (size_t)(p - run));
			buf_puts(b, p[2] == 0xA8 ? "\\u2028" : "\\u2029");
			p += 3;
			run = p;
			continue;
		}
		esc[0] = '\\';
		if (c == '"' || c == '\\') {
			esc[1] = (char)c;
		} else if (c == '\n') {
			esc[1] = 'n';
		} else if (c == '\t') {
			esc[1] = 't';
		} else {
			memcpy(esc + 1, "u00", 3);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			len = 6;
		}
		buf_put(b, run, (size_t)(p - run));
		buf_put(b, esc, len);
		run = ++p;
	}
	buf_put(b, run, (size_t)(p - run));
	buf_putc(b, '"');
}

void
put_decimal(struct buf *b, long long v)
{
	char digits[DECIMAL_SIZE];

	buf_put(b, digits, decimal_text(v, digits));
}

static bool
unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

/* The percent-encoding of s, up to its end, written to out (room for three
 * bytes per byte of s); returns its length. keep_slash leaves '/' as it
 * is. One pass: room for the worst is cheaper than measuring first. */
static size_t
encode(const char *s, bool keep_slash, char *out)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t len = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (unreserved(*p) || (keep_slash && *p == '/')) {
			out[len++] = (char)*p;
		} else {
			out[len] = '%';
			out[len + 1] = hex[*p >> 4];
			out[len + 2] = hex[*p & 15];
			len += 3;
		}
	}
	return len;
}

static void
encode_into(struct buf *b, const char *s, bool keep_slash)
{
	size_t n = strlen(s);

	if (n > SIZE_MAX / 4)
		nb_out_of_memory();
	buf_grow(b, 3 * n);
	b->len += encode(s, keep_slash, b->data + b->len);
	b->data[b->len] = '\0';
}

void
url_encode_segment(struct buf *b, const char *s)
{
	encode_into(b, s, false);
}

void
url_encode_path(struct buf *b, const char *path)
{
	encode_into(b, path, true);
}

char *
url_encode_arena(struct arena *a, const char *prefix, const char *path)
{
	size_t plen = strlen(prefix), n = strlen(path);

	if (n > SIZE_MAX / 4 - plen)
		nb_out_of_memory();
	/* the arena's memory is zeroed: the string ends where encode()
	 * stops */
	char *s = arena_alloc(a, plen + 3 * n + 1);

	memcpy(s, prefix, plen);
	encode(path, true, s + plen);
	return s;
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

/* Whether cmark empties this link or image address (url_unsafe), or it is
 * empty already. */
static bool
url_removed(const char *url)
{
	return url == NULL || *url == '\0' || url_unsafe(url);
}

/* A node for a document of the pool (md_parse_pooled): cmark puts a node
 * only in a tree of the same allocator, and refuses any other silently. */
static cmark_node *
pool_node(cmark_node_type type)
{
	cmark_node *n = cmark_node_new_with_mem(type, md_pool_mem());

	if (n == NULL)
		nb_out_of_memory();
	return n;
}

/* A link or image without an address becomes its text: the link's words,
 * the image's description; never an empty href or src. */
static void
unwrap(cmark_node *node)
{
	cmark_node *child;

	while ((child = cmark_node_first_child(node)) != NULL)
		cmark_node_insert_before(node, child);
	cmark_node_free(node);
}

/* Whether a link's address is a path (relative to the record), not a web
 * address, mail, "//host" nor a lone fragment or query. */
static bool
url_is_path(const char *url)
{
	const char *p = url;

	if (*url == '#' || *url == '?' || (url[0] == '/' && url[1] == '/'))
		return false;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (p > url && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
	    *p == '.')))
		p++;
	return !(p > url && *p == ':');
}

static const struct record_file *
file_named(const struct md_media *media, const char *url, bool image)
{
	const struct record *r = media->record;

	for (size_t i = 0; i < r->n_files; i++)
		if (r->files[i].image == image &&
		    strcmp(r->files[i].url, url) == 0)
			return &r->files[i];
	return NULL;
}

/* Whether node is all its paragraph holds (but spaces): a photo of its
 * own, which its words caption. */
static bool
alone_in_paragraph(cmark_node *node)
{
	cmark_node *para = cmark_node_parent(node);

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return false;
	for (cmark_node *c = cmark_node_first_child(para); c != NULL;
	    c = cmark_node_next(c)) {
		const char *lit;
		if (c == node)
			continue;
		if (cmark_node_get_type(c) != CMARK_NODE_TEXT ||
		    (lit = cmark_node_get_literal(c)) == NULL ||
		    lit[strspn(lit, " \t")] != '\0')
			return false;
	}
	return true;
}

/* A link or image of a file the record names, on its page: the image
 * becomes the site's <img> of its copies, the link leads to the copy and
 * says its size. Returns false when the file is not one the loader kept
 * (its error was reported): the node is then to become its text. */
static bool
point_to_copy(cmark_node *node, const struct md_media *media)
{
	bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
	const struct record_file *f = file_named(media,
	    cmark_node_get_url(node), image);
	struct buf words = {0}, html = {0};
	cmark_node *n, *child;

	if (f == NULL)
		return false;
	md_plain_text(node, &words);
	if (image && words.len > 0 && alone_in_paragraph(node)) {
		/* a photo on a line of its own, its words shown below it */
		cmark_node *para = cmark_node_parent(node);
		buf_puts(&html, "<figure class=\"photo\">");
		site_photo_html(f, media->root, words.data, &html);
		buf_puts(&html, "<figcaption>");
		buf_put_escaped(&html, words.data, words.len);
		buf_puts(&html, "</figcaption></figure>\n");
		n = pool_node(CMARK_NODE_CUSTOM_BLOCK);
		cmark_node_set_on_enter(n, html.data);
		cmark_node_insert_before(para, n);
		cmark_node_free(para);
	} else if (image) {
		site_photo_html(f, media->root, words.data ? words.data : "",
		    &html);
		n = pool_node(CMARK_NODE_CUSTOM_INLINE);
		/* written as it is, the only way HTML of ours passes safe mode */
		cmark_node_set_on_enter(n, html.data);
		cmark_node_insert_before(node, n);
		cmark_node_free(node);
	} else {
		buf_puts(&html, media->root);
		site_attachment_put(&html, f);
		cmark_node_set_url(node, html.data);
		while ((child = cmark_node_first_child(node)) != NULL)
			cmark_node_free(child);
		buf_reset(&html);
		site_attachment_label(words.data ? words.data : "", f->size,
		    &html);
		n = pool_node(CMARK_NODE_TEXT);
		cmark_node_set_literal(n, html.data);
		cmark_node_append_child(node, n);
	}
	buf_free(&words);
	buf_free(&html);
	return true;
}

/* Removes the soft breaks that sit between two CJK characters, turns links
 * and images whose address is removed into their text and, for pages,
 * moves headings down one level: one walk over the tree. Links and images
 * whose address is a path are left for the caller in local when it is not
 * NULL (see copies), and become their text otherwise. */
static void
prepare(cmark_node *doc, bool shift_headings, struct ptrvec *local)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node *stack_drop[16];
	cmark_node **drop = stack_drop;
	size_t n_drop = 0, cap = NB_COUNT(stack_drop);
	struct ptrvec bare = {0}, paths = {0};

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if (url_removed(cmark_node_get_url(node)))
				ptrvec_push(&bare, node);
			else if (url_is_path(cmark_node_get_url(node)))
				ptrvec_push(local != NULL ? local : &paths, node);
			break;
		case CMARK_NODE_HEADING:
			if (shift_headings) {
				int level = cmark_node_get_heading_level(node);
				cmark_node_set_heading_level(node, level < 6 ?
				    level + 1 : 6);
			}
			break;
		case CMARK_NODE_SOFTBREAK: {
			uint32_t before = edge_char(cmark_node_previous(node),
			    true);
			uint32_t after = edge_char(cmark_node_next(node),
			    false);
			if (before == 0 || after == 0 || !is_cjk(before) ||
			    !is_cjk(after))
				break;
			if (n_drop == cap) {
				cap *= 2;
				if (drop == stack_drop) {
					drop = xmalloc(cap * sizeof *drop);
					memcpy(drop, stack_drop,
					    sizeof stack_drop);
				} else {
					drop = xrealloc(drop,
					    cap * sizeof *drop);
				}
			}
			drop[n_drop++] = node;
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
	for (size_t i = 0; i < n_drop; i++)
		cmark_node_free(drop[i]);   /* unlinks it too */
	if (drop != stack_drop)
		free(drop);
	/* innermost last in document order: unwrap from the end, so a link
	 * inside an image (or the reverse) is handled before its parent */
	for (size_t i = bare.len; i > 0; i--)
		unwrap(bare.items[i - 1]);
	for (size_t i = paths.len; i > 0; i--)
		unwrap(paths.items[i - 1]);
	ptrvec_free(&bare);
	ptrvec_free(&paths);
}

/* What separates two pieces of an excerpt's text, weakest first: the
 * strongest since the last text wins. */
enum excerpt_break {
	BREAK_SPACE,         /* white space in the text, between table cells */
	BREAK_LINE,          /* a line break inside a paragraph */
	BREAK_ITEM,          /* a list item's or a table row's end */
	BREAK_HEADING,
	BREAK_PARAGRAPH,
};

struct excerpt {
	struct buf *out;
	size_t start;        /* where the excerpt starts in out */
	size_t chars;
	size_t max;
	bool space;          /* a separator is due before the next text */
	enum excerpt_break brk;
	bool full;
};

static void
excerpt_break(struct excerpt *e, enum excerpt_break brk)
{
	if (e->out->len <= e->start)
		return;
	if (!e->space || brk > e->brk)
		e->brk = brk;
	e->space = true;
}

/* A character that ends a clause or a sentence: no more punctuation
 * after it. */
static bool
ends_clause(uint32_t c)
{
	static const uint32_t marks[] = {'.', ',', ';', ':', '!', '?',
		0x3002, 0x3001, 0xFF0C, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0x2026};

	for (size_t i = 0; i < NB_COUNT(marks); i++)
		if (c == marks[i])
			return true;
	return false;
}

/* The last character of the excerpt so far. */
static uint32_t
excerpt_last(const struct excerpt *e)
{
	size_t i = e->out->len;
	uint32_t c = 0;

	while (i > e->start && ((unsigned char)e->out->data[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > e->start)
		i--;
	if (i >= e->out->len || utf8_decode(e->out->data + i,
	    e->out->len - i, &c) <= 0)
		return 0;
	return c;
}

/* The separator due before text starting with the character next: a space
 * between words of spaced scripts; in Chinese nothing within a paragraph,
 * and at a block's end the punctuation the clerk's layout stood for, unless
 * the text before has its own. */
static const char *
excerpt_separator(const struct excerpt *e, uint32_t next)
{
	uint32_t last = excerpt_last(e);

	if (!is_cjk(last) && !is_cjk(next))
		return " ";
	if (e->brk == BREAK_SPACE)
		return " ";
	if (e->brk == BREAK_LINE || ends_clause(last))
		return "";
	return e->brk == BREAK_ITEM ? "；" : e->brk == BREAK_HEADING ? "：" :
	    "。";
}

/* Adds text, its runs of white space as one space, up to the limit.
 * Works on bytes: a character starts at every byte that is not a UTF-8
 * continuation byte (the loader has checked the text is UTF-8). */
static void
excerpt_put(struct excerpt *e, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0' && !e->full) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			excerpt_break(e, BREAK_SPACE);
			p++;
			continue;
		}
		if (e->chars >= e->max) {
			buf_puts(e->out, "…");
			e->full = true;
			break;
		}
		if (e->space) {
			uint32_t next = 0;
			if (utf8_decode((const char *)p, strlen((const char *)p),
			    &next) <= 0)
				next = 0;
			const char *sep = excerpt_separator(e, next);
			if (*sep != '\0') {
				buf_puts(e->out, sep);
				e->chars++;
			}
			e->space = false;
		}
		/* a run of characters, up to white space or the limit */
		const unsigned char *run = p;
		do {
			e->chars++;
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
		} while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n' &&
		    *p != '\r' && e->chars < e->max);
		buf_put(e->out, run, (size_t)(p - run));
	}
}

static void
excerpt_of(cmark_node *doc, size_t max_chars, struct buf *out)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	struct excerpt e = {out, out->len, 0, max_chars, false, BREAK_SPACE,
		false};

	while (!e.full && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		/* a table's cells are words apart; its rows end as items do */
		if (md_is_cell(node)) {
			excerpt_break(&e, BREAK_SPACE);
			continue;
		}
		if (md_is_row(node)) {
			if (ev == CMARK_EVENT_EXIT)
				excerpt_break(&e, BREAK_ITEM);
			continue;
		}
		/* a list or a table ends as a paragraph does */
		if (md_is_table(node)) {
			if (ev == CMARK_EVENT_EXIT)
				excerpt_break(&e, BREAK_PARAGRAPH);
			continue;
		}
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if (ev == CMARK_EVENT_ENTER)
				excerpt_put(&e, cmark_node_get_literal(node));
			if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK)
				excerpt_break(&e, BREAK_PARAGRAPH);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			excerpt_break(&e, BREAK_LINE);
			break;
		case CMARK_NODE_PARAGRAPH:
			if (ev == CMARK_EVENT_EXIT)
				excerpt_break(&e, cmark_node_get_type(
				    cmark_node_parent(node)) == CMARK_NODE_ITEM ?
				    BREAK_ITEM : BREAK_PARAGRAPH);
			break;
		case CMARK_NODE_HEADING:
			if (ev == CMARK_EVENT_EXIT)
				excerpt_break(&e, BREAK_HEADING);
			break;
		case CMARK_NODE_ITEM:
			if (ev == CMARK_EVENT_EXIT)
				excerpt_break(&e, BREAK_ITEM);
			break;
		case CMARK_NODE_LIST:
			if (ev == CMARK_EVENT_EXIT)
				excerpt_break(&e, BREAK_PARAGRAPH);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* ---- tables ---- */

/* Whether a column holds numbers: its alignment says right, or every cell
 * below the header that is not empty is a number (and one is). */
static bool
column_numeric(cmark_node *table, int col)
{
	char align = md_table_align(table, col), plain[64];
	struct buf text = {0};
	bool numeric = false, any = false;

	if (align != 0)
		return align == 'r';
	for (cmark_node *row = cmark_node_first_child(table); row != NULL;
	    row = cmark_node_next(row)) {
		cmark_node *cell = cmark_node_first_child(row);
		bool empty;
		if (md_row_is_header(row))
			continue;
		for (int i = 0; i < col && cell != NULL; i++)
			cell = cmark_node_next(cell);
		if (cell == NULL)
			continue;
		buf_reset(&text);
		md_plain_text(cell, &text);
		numeric = md_cell_number(text.data, plain, sizeof plain, &empty);
		if (!numeric && !empty)
			break;
		any = any || numeric;
		numeric = true;
	}
	buf_free(&text);
	return numeric && any;
}

/* A cell's inlines as HTML, without the paragraph cmark would put them in:
 * the cell's nodes move into a paragraph of their own for the rendering. */
static void
cell_html(cmark_node *cell, struct buf *out)
{
	cmark_node *doc = pool_node(CMARK_NODE_DOCUMENT);
	cmark_node *para = pool_node(CMARK_NODE_PARAGRAPH), *c;
	char *html;
	size_t len;

	if (!cmark_node_append_child(doc, para))
		nb_out_of_memory();
	while ((c = cmark_node_first_child(cell)) != NULL)
		cmark_node_append_child(para, c);
	/* in the pool with the document, freed with it */
	html = cmark_render_html_with_mem(doc, MD_OPTIONS, md_extensions(),
	    md_pool_mem());
	if (html == NULL)
		nb_out_of_memory();
	len = strlen(html);
	if (len >= 8 && memcmp(html, "<p>", 3) == 0 &&
	    memcmp(html + len - 5, "</p>\n", 5) == 0)
		buf_put(out, html + 3, len - 8);
	else
		buf_puts(out, html);
	cmark_node_free(doc);
}

/* The length of the date ("2026年11月19日") at s, or 0. */
static size_t
date_at(const char *s, size_t len)
{
	size_t i = 0;
	static const char *const parts[] = {"年", "月", "日"};

	/* four digits of the year, one or two of the month and the day */
	for (int k = 0; k < 3; k++) {
		size_t digits = 0, most = k == 0 ? 4 : 2;
		while (i < len && s[i] >= '0' && s[i] <= '9' && digits < most) {
			i++;
			digits++;
		}
		if ((k == 0 ? digits != 4 : digits == 0) || len - i < 3 ||
		    memcmp(s + i, parts[k], 3) != 0)
			return 0;
		i += 3;
	}
	return i;
}

void
html_with_dates(const char *s, size_t len, struct buf *out)
{
	size_t from = 0;

	for (size_t i = 0; i < len; i++) {
		size_t n;
		/* a date starts with a digit that follows none */
		if (s[i] < '0' || s[i] > '9' || (i > 0 && s[i - 1] >= '0' &&
		    s[i - 1] <= '9') || (n = date_at(s + i, len - i)) == 0)
			continue;
		buf_put_escaped(out, s + from, i - from);
		buf_puts(out, "<span class=\"date\">");
		buf_put_escaped(out, s + i, n);
		buf_puts(out, "</span>");
		i += n - 1;
		from = i + 1;
	}
	buf_put_escaped(out, s + from, len - from);
}

bool
text_is_short(const char *s)
{
	size_t n = text_chars(s);

	if (n <= SHORT_CELL)
		return true;
	if (n > SHORT_NUMBER)
		return false;
	/* digits, their signs and separators, 年月日 */
	for (const char *p = s; *p != '\0'; p++) {
		if (strchr("0123456789.,:/-+% ", *p) != NULL)
			continue;
		if (strncmp(p, "年", 3) != 0 && strncmp(p, "月", 3) != 0 &&
		    strncmp(p, "日", 3) != 0)
			return false;
		p += 2;
	}
	return true;
}

size_t
text_chars(const char *s)
{
	return s != NULL ? utf8_chars(s, strlen(s)) : 0;
}

/* The table as HTML a phone can show without scrolling sideways: real
 * column headers (scope="col"), and each cell carrying its column's name
 * (data-label), which the theme shows beside the cell when a narrow screen
 * stacks the rows into cards; a short cell of the body marked so
 * (text_is_short). */
static void
table_html(cmark_node *table, struct buf *out)
{
	int n_cols = md_table_columns(table);
	struct buf *labels = xcalloc((size_t)(n_cols > 0 ? n_cols : 1),
	    sizeof *labels);
	bool *numeric = xcalloc((size_t)(n_cols > 0 ? n_cols : 1),
	    sizeof *numeric);
	bool body_open = false;
	struct buf text = {0};

	for (int i = 0; i < n_cols; i++)
		numeric[i] = column_numeric(table, i);
	buf_puts(out, "<div class=\"md-table\">\n<table>\n");
	for (cmark_node *row = cmark_node_first_child(table), *next; row != NULL;
	    row = next) {
		bool header = md_row_is_header(row);
		int col = 0;
		next = cmark_node_next(row);
		if (header) {
			buf_puts(out, "<thead>\n");
		} else if (!body_open) {
			buf_puts(out, "<tbody>\n");
			body_open = true;
		}
		buf_puts(out, !header && md_row_is_total(row) ?
		    "<tr class=\"total\">" : "<tr>");
		for (cmark_node *cell = cmark_node_first_child(row), *nc;
		    cell != NULL && col < n_cols; cell = nc, col++) {
			nc = cmark_node_next(cell);
			if (header) {
				md_plain_text(cell, &labels[col]);
				buf_puts(out, numeric[col] ?
				    "<th scope=\"col\" class=\"num\">" :
				    "<th scope=\"col\">");
			} else {
				/* a number is on one line anyway */
				bool is_short = false;
				if (!numeric[col]) {
					buf_reset(&text);
					md_plain_text(cell, &text);
					is_short = text.len > 0 &&
					    text_is_short(text.data);
				}
				buf_puts(out, numeric[col] ? "<td class=\"num\"" :
				    is_short ? "<td class=\"short\"" : "<td");
				if (labels[col].len > 0) {
					buf_puts(out, " data-label=\"");
					buf_put_escaped(out, labels[col].data,
					    labels[col].len);
					buf_putc(out, '"');
				}
				buf_putc(out, '>');
			}
			cell_html(cell, out);
			buf_puts(out, header ? "</th>" : "</td>");
		}
		buf_puts(out, "</tr>\n");
		if (header)
			buf_puts(out, "</thead>\n");
	}
	if (body_open)
		buf_puts(out, "</tbody>\n");
	buf_puts(out, "</table>\n</div>");
	buf_free(&text);
	for (int i = 0; i < n_cols; i++)
		buf_free(&labels[i]);
	free(labels);
	free(numeric);
}

/* Replaces each table by a block of the HTML table_html writes: cmark's
 * own table HTML has neither header scopes nor labels, and aligns with the
 * obsolete align attribute. */
static void
tables_to_html(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	struct ptrvec tables = {0};
	struct buf html = {0};

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && md_is_table(cmark_iter_get_node(it)))
			ptrvec_push(&tables, cmark_iter_get_node(it));
	cmark_iter_free(it);
	for (size_t i = 0; i < tables.len; i++) {
		cmark_node *table = tables.items[i];
		cmark_node *block = pool_node(CMARK_NODE_CUSTOM_BLOCK);
		buf_reset(&html);
		table_html(table, &html);
		/* a custom block's text is written as it is, the only way
		 * HTML of ours passes cmark's safe mode */
		cmark_node_set_on_enter(block, html.data);
		cmark_node_insert_before(table, block);
		cmark_node_free(table);
	}
	buf_free(&html);
	ptrvec_free(&tables);
}

void
markdown_tables_json(const char *md, struct buf *out)
{
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;
	struct buf text = {0};
	size_t n = 0;

	buf_putc(out, '[');
	if (md == NULL || strchr(md, '|') == NULL) {
		buf_putc(out, ']');
		return;
	}
	doc = md_parse(md, strlen(md));
	prepare(doc, false, NULL);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *table = cmark_iter_get_node(it);
		size_t rows = 0;
		if (ev != CMARK_EVENT_ENTER || !md_is_table(table))
			continue;
		buf_puts(out, n++ > 0 ? ", {\"header\": [" : "{\"header\": [");
		for (cmark_node *row = cmark_node_first_child(table); row != NULL;
		    row = cmark_node_next(row)) {
			bool header = md_row_is_header(row);
			int col = 0;
			if (!header)
				buf_puts(out, rows++ > 0 ? ", [" : "[");
			for (cmark_node *cell = cmark_node_first_child(row);
			    cell != NULL; cell = cmark_node_next(cell), col++) {
				buf_reset(&text);
				md_plain_text(cell, &text);
				if (col > 0)
					buf_puts(out, ", ");
				json_string(out, text.data);
			}
			buf_puts(out, header ? "], \"rows\": [" : "]");
		}
		if (rows == 0 && (cmark_node_first_child(table) == NULL ||
		    !md_row_is_header(cmark_node_first_child(table))))
			buf_puts(out, "], \"rows\": [");
		buf_puts(out, "]}");
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	buf_free(&text);
	buf_putc(out, ']');
}

void
markdown_render(const char *md, struct buf *html, size_t max_chars,
    struct buf *excerpt)
{
	markdown_render_media(md, NULL, html, max_chars, excerpt);
}

void
markdown_render_media(const char *md, const struct md_media *media,
    struct buf *html, size_t max_chars, struct buf *excerpt)
{
	struct ptrvec local = {0};
	cmark_node *doc;

	if (md == NULL || *md == '\0' || (html == NULL && excerpt == NULL))
		return;
	doc = md_parse_pooled(md, strlen(md));
	prepare(doc, html != NULL, &local);
	/* the excerpt reads a link's words and an image's description, as
	 * it would once they are made text: the same with or without media */
	if (excerpt != NULL)
		excerpt_of(doc, max_chars, excerpt);
	for (size_t i = local.len; i > 0; i--)
		if (media == NULL || !point_to_copy(local.items[i - 1], media))
			unwrap(local.items[i - 1]);
	ptrvec_free(&local);
	if (html != NULL) {
		tables_to_html(doc);
		/* without CMARK_OPT_UNSAFE: raw HTML is omitted and
		 * javascript:, vbscript:, file: and non-image data: links are
		 * emptied */
		char *text = cmark_render_html_with_mem(doc, MD_OPTIONS,
		    md_extensions(), md_pool_mem());
		if (text == NULL)
			nb_out_of_memory();
		buf_puts(html, text);
	}
	cmark_node_free(doc);
	md_pool_release();
}

void
markdown_html(const char *md, struct buf *out)
{
	markdown_render(md, out, 0, NULL);
}

void
markdown_excerpt(const char *md, size_t max_chars, struct buf *out)
{
	markdown_render(md, NULL, max_chars, out);
}

/* ---- Chinese words ---- */

/* "一半" / "三分之二" */
static void
share_cn(struct fraction_rule rule, struct buf *out)
{
	if (rule.num * 2 == rule.den) {
		buf_puts(out, "一半");
	} else {
		number_cn(rule.den, out);
		buf_puts(out, "分之");
		number_cn(rule.num, out);
	}
}

void
fraction_cn(struct fraction_rule rule, const char *of, struct buf *out)
{
	buf_puts(out, rule.strict ? "超过" : "达到");
	buf_puts(out, of);
	share_cn(rule, out);
	if (!rule.strict)
		buf_puts(out, "以上");
}

void
fraction_not_cn(struct fraction_rule rule, const char *of, struct buf *out)
{
	buf_puts(out, rule.strict ? "未超过" : "不足");
	buf_puts(out, of);
	share_cn(rule, out);
}

const char *
weekday_cn(int32_t date)
{
	static const char *const names[] = {"星期一", "星期二", "星期三",
		"星期四", "星期五", "星期六", "星期日"};
	int w = date_weekday(date);
	return w >= 0 && w < 7 ? names[w] : "";
}

const char *
site_type_label(enum record_type t)
{
	return t == RT_TALK ? "三提醒谈话" : record_type_label(t);
}

const char *
site_process_label(const struct record *r)
{
	return r->type == RT_TALK ? "村务监督" : process_label(record_process(r));
}
