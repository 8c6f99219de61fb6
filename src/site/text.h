/* text.h: the site's text helpers: JSON strings (HTML and XML escaping is
 * buf_put_escaped, in util.h), percent-encoded links, Markdown to HTML with
 * the CJK soft-break rule, plain excerpts, and the Chinese wording of dates,
 * money and fractions. Pure functions, safe to call from any thread. */
#ifndef NB_SITE_TEXT_H
#define NB_SITE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "util/util.h"

/* A JSON string literal with its quotes; < > & and U+2028/9 as \u escapes,
 * so that the text is also safe inside a script file. */
void json_string(struct buf *b, const char *s);

/* Percent-encodes one path segment (RFC 3986): everything but the
 * unreserved characters A-Z a-z 0-9 - . _ ~ becomes %XX. */
void url_encode_segment(struct buf *b, const char *s);
/* The same for a path, keeping its '/' separators. */
void url_encode_path(struct buf *b, const char *path);
/* prefix followed by the encoded path, as a new string in the arena. */
char *url_encode_arena(struct arena *a, const char *prefix, const char *path);
/* The decimal digits of v, without printf. */
void put_decimal(struct buf *b, long long v);

/* Markdown to HTML through cmark-gfm's safe mode (raw HTML and unsafe links
 * are dropped); tables as the site writes them (header scopes, each cell
 * labelled with its column for the phone's cards). A soft line break between two CJK characters is removed (a
 * Chinese line wrapped in the source must not gain a space); other soft
 * breaks stay newlines. Headings move down one level (h1 -> h2), since the
 * page's own title is its only h1. */
void markdown_html(const char *md, struct buf *out);
/* The plain text of Markdown, soft breaks treated as above and blocks joined
 * by a space, cut after max_chars characters (with "…" when cut). */
void markdown_excerpt(const char *md, size_t max_chars, struct buf *out);
/* Both from one parse: the HTML (html NULL: not wanted) and the excerpt
 * (excerpt NULL: not wanted). */
void markdown_render(const char *md, struct buf *html, size_t max_chars,
    struct buf *excerpt);

/* A record's photos and attachments on its page: an image of a file it
 * names becomes the <img> of the site's copies, a link to one leads to its
 * copy and says its size. root: from the page to the site's root
 * (root_of). Everywhere else (feeds, excerpts), such links and images are
 * their text: their addresses are the record's, good nowhere else. */
struct md_media {
	const struct record *record;
	const char *root;
};
void markdown_render_media(const char *md, const struct md_media *media,
    struct buf *html, size_t max_chars, struct buf *excerpt);

/* A table cell's text is short (a name, a number, a date): up to
 * SHORT_CELL characters, or a date or number of up to SHORT_NUMBER
 * (2026-07-18, 2026年11月19日). The theme keeps it on one line (class
 * "short"), where a narrow column broke it a character at a time
 * (李某 / 某). */
#define SHORT_CELL 8
#define SHORT_NUMBER 16
bool text_is_short(const char *s);
/* The text escaped as HTML, each date in it ("2026年11月19日") in a
 * <span class="date"> the theme keeps on one line. */
void html_with_dates(const char *s, size_t len, struct buf *out);
/* The characters (code points) of UTF-8 text; 0 for NULL. */
size_t text_chars(const char *s);

/* The tables of Markdown as a JSON array: [{"header": ["项目", "金额"],
 * "rows": [["...", "..."], ...]}, ...], each cell its plain text. */
void markdown_tables_json(const char *md, struct buf *out);

/* A fraction rule met, in words, with of naming the whole or "":
 * "达到三分之二以上" / "超过到会人数的一半"; and not met: "不足三分之二" /
 * "未超过到会人数的一半". */
void fraction_cn(struct fraction_rule rule, const char *of, struct buf *out);
void fraction_not_cn(struct fraction_rule rule, const char *of,
    struct buf *out);
/* "一" .. "十二" month and weekday names: "星期五" */
const char *weekday_cn(int32_t date);
/* A record type's label on the site: a reminder talk is the supervision's
 * 三提醒谈话, never a service to villagers. */
const char *site_type_label(enum record_type t);
/* The disclosure a record belongs to, as the site names it: the process,
 * or 村务监督 for a reminder talk. */
const char *site_process_label(const struct record *r);

#endif
