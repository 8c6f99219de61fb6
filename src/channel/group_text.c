/* group_text.c: a record's Markdown as the plain lines of a group message
 * (no Markdown syntax left: lists numbered in Chinese, tables as short
 * lines), Chinese punctuation after Chinese text, and text cut to a number
 * of characters at a sentence's end. */
#include "channel/group_text.h"

#include <string.h>

#include "util/md.h"

/* ---- punctuation ---- */

static uint32_t
char_at(const char *s, size_t len, size_t at)
{
	uint32_t cp = 0;

	if (at >= len)
		return 0;
	utf8_decode(s + at, len - at, &cp);
	return cp;
}

/* The code point that ends just before s[at], or 0. */
static uint32_t
char_before(const char *s, size_t at)
{
	size_t k = at;
	uint32_t cp = 0;

	if (k == 0)
		return 0;
	k--;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	utf8_decode(s + k, at - k, &cp);
	return cp;
}

void
group_punctuate(const char *text, size_t len, struct buf *out)
{
	static const char ascii[] = ",:;!?()";
	static const char *const wide[] = {"，", "：", "；", "！", "？", "（",
		"）"};
	int open = 0;              /* brackets opened wide, not yet closed */

	for (size_t i = 0; i < len; i++) {
		const char *hit = text[i] != '\0' ? strchr(ascii, text[i]) : NULL;
		/* what was written before: a bracket just made full-width counts */
		bool after_cjk = is_cjk(out->len > 0 ?
		    char_before(out->data, out->len) : char_before(text, i));
		bool before_cjk = is_cjk(char_at(text, len, i + 1));
		bool widen = false;

		if (hit != NULL && *hit == '(')
			widen = before_cjk || after_cjk;
		else if (hit != NULL && *hit == ')')
			widen = open > 0 || after_cjk;
		else if (hit != NULL)
			/* "1,200" and "9:30" stay as they are */
			widen = after_cjk;
		if (!widen) {
			buf_putc(out, text[i]);
			continue;
		}
		if (*hit == '(')
			open++;
		else if (*hit == ')' && open > 0)
			open--;
		buf_puts(out, wide[hit - ascii]);
		/* the space written after an ASCII mark has no place after a
		 * full-width one */
		if (i + 1 < len && text[i + 1] == ' ')
			i++;
	}
}

/* ---- Markdown to lines ---- */

struct walk {
	struct buf *out;
	const char *prefix;    /* a list item's number, for its first line */
};

static void inlines(cmark_node *parent, struct buf *out);

/* A soft break between two CJK characters is nothing (a Chinese line
 * wrapped in the source), else a space. */
static void
soft_break(cmark_node *node, struct buf *out)
{
	cmark_node *next = cmark_node_next(node);
	uint32_t before = out->len > 0 ? char_before(out->data, out->len) : 0;
	uint32_t after = 0;

	if (next != NULL && cmark_node_get_type(next) == CMARK_NODE_TEXT) {
		const char *s = cmark_node_get_literal(next);
		after = s != NULL ? char_at(s, strlen(s), 0) : 0;
	}
	if (!is_cjk(before) && !is_cjk(after) && before != 0)
		buf_putc(out, ' ');
}

static void
inlines(cmark_node *parent, struct buf *out)
{
	for (cmark_node *n = cmark_node_first_child(parent); n != NULL;
	    n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			buf_puts(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			soft_break(n, out);
			break;
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, '\n');
			break;
		case CMARK_NODE_HTML_INLINE:
			break;
		default:
			/* emphasis, strong, links and images: their text (a link's
			 * address is the record's, good nowhere else) */
			inlines(n, out);
			break;
		}
	}
}

static void
end_line(struct buf *out)
{
	if (out->len > 0 && out->data[out->len - 1] != '\n')
		buf_putc(out, '\n');
}

/* A table's rows as short lines: "item：amount" for two columns, else
 * "first：head value，head value"; empty cells left out. */
static void
table_lines(cmark_node *table, struct buf *out)
{
	struct buf heads[16];
	int columns = md_table_columns(table);
	struct buf cell = {0};

	memset(heads, 0, sizeof heads);
	if (columns > 16)
		columns = 16;
	for (cmark_node *row = cmark_node_first_child(table); row != NULL;
	    row = cmark_node_next(row)) {
		bool header = md_row_is_header(row);
		int col = 0, written = 0;
		for (cmark_node *c = cmark_node_first_child(row);
		    c != NULL && col < columns; c = cmark_node_next(c), col++) {
			buf_reset(&cell);
			md_plain_text(c, &cell);
			if (header) {
				buf_reset(&heads[col]);
				buf_put(&heads[col], cell.data ? cell.data : "",
				    cell.len);
				continue;
			}
			if (cell.len == 0)
				continue;
			if (written > 0)
				buf_puts(out, written == 1 ? "：" : "，");
			if (col > 0 && columns > 2 && heads[col].len > 0) {
				buf_puts(out, heads[col].data);
				buf_putc(out, ' ');
			}
			buf_put(out, cell.data, cell.len);
			written++;
		}
		if (written > 0)
			buf_putc(out, '\n');
	}
	for (int i = 0; i < 16; i++)
		buf_free(&heads[i]);
	buf_free(&cell);
}

static void blocks(cmark_node *parent, struct walk *w);

static void
list_lines(cmark_node *list, struct walk *w)
{
	bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
	int number = ordered ? cmark_node_get_list_start(list) : 0;
	char prefix[32];

	for (cmark_node *item = cmark_node_first_child(list); item != NULL;
	    item = cmark_node_next(item)) {
		if (ordered) {
			char digits[DECIMAL_SIZE];
			decimal_text(number++, digits);
			strcpy(prefix, digits);
			strcat(prefix, "、");
		} else {
			strcpy(prefix, "· ");
		}
		struct walk inner = {w->out, prefix};
		blocks(item, &inner);
	}
}

static void
blocks(cmark_node *parent, struct walk *w)
{
	for (cmark_node *n = cmark_node_first_child(parent); n != NULL;
	    n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		if (md_is_table(n)) {
			end_line(w->out);
			table_lines(n, w->out);
			continue;
		}
		switch (t) {
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			end_line(w->out);
			if (w->prefix != NULL) {
				buf_puts(w->out, w->prefix);
				w->prefix = NULL;
			}
			inlines(n, w->out);
			end_line(w->out);
			break;
		case CMARK_NODE_CODE_BLOCK: {
			const char *s = cmark_node_get_literal(n);
			end_line(w->out);
			buf_puts(w->out, s != NULL ? s : "");
			end_line(w->out);
			break;
		}
		case CMARK_NODE_LIST:
			list_lines(n, w);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
		case CMARK_NODE_ITEM:
			blocks(n, w);
			break;
		default:
			/* thematic breaks, raw HTML (dropped in safe mode) */
			break;
		}
	}
}

void
group_markdown_lines(const char *md, struct buf *out)
{
	cmark_node *doc;
	struct buf raw = {0};
	struct walk w;

	if (md == NULL)
		return;
	doc = md_parse(md, strlen(md));
	w.out = &raw;
	w.prefix = NULL;
	blocks(doc, &w);
	cmark_node_free(doc);
	/* lines only: no empty ones, none with spaces only */
	for (size_t i = 0; i < raw.len; ) {
		size_t end = i;
		while (end < raw.len && raw.data[end] != '\n')
			end++;
		size_t a = i, b = end;
		while (a < b && raw.data[a] == ' ')
			a++;
		while (b > a && raw.data[b - 1] == ' ')
			b--;
		if (b > a) {
			group_punctuate(raw.data + a, b - a, out);
			buf_putc(out, '\n');
		}
		i = end + 1;
	}
	buf_free(&raw);
}

/* ---- cutting ---- */

size_t
group_chars(const char *s, size_t len)
{
	return s != NULL ? utf8_chars(s, len) : 0;
}

static bool
sentence_end(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xff01 || cp == 0xff1f || cp == 0xff1b ||
	    cp == '.' || cp == '!' || cp == '?' || cp == ';';
}

size_t
group_cut(const char *s, size_t len, size_t max_chars)
{
	size_t chars = 0, at = 0, best = 0;

	while (at < len && chars < max_chars) {
		uint32_t cp;
		int n = utf8_decode(s + at, len - at, &cp);
		at += (size_t)n;
		chars++;
		if (sentence_end(cp))
			best = at;
	}
	if (at >= len)
		return len;
	return best;
}
