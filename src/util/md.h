/* md.h: Markdown parsed the one way every part of the program reads it:
 * cmark-gfm with GitHub's tables, strikethrough and autolinks, raw HTML off
 * (safe mode) and the tag filter as a second fence. */
#ifndef NB_UTIL_MD_H
#define NB_UTIL_MD_H

#include <cmark-gfm.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* Safe: raw HTML is omitted and javascript:, vbscript:, file: and
 * non-image data: addresses are emptied when rendered. */
#define MD_OPTIONS CMARK_OPT_DEFAULT

/* The document of text, never NULL (out of memory ends the program). Images
 * and links stay in the tree as cmark's nodes. Free with cmark_node_free. */
cmark_node *md_parse(const char *text, size_t len);
/* The same, with the document and all cmark allocates for it (and for its
 * rendering with md_pool_mem) in the calling thread's pool, until
 * md_pool_release frees them all. Nodes made with cmark_node_new may be
 * put in it; cmark_node_free(doc) still frees those before the release. */
cmark_node *md_parse_pooled(const char *text, size_t len);
cmark_mem *md_pool_mem(void);
void md_pool_release(void);
/* The extensions to hand cmark_render_html (the tag filter). */
cmark_llist *md_extensions(void);

/* The nodes of the extensions, whose types are only known at run time. */
bool md_is_table(cmark_node *node);
bool md_is_row(cmark_node *node);
bool md_is_cell(cmark_node *node);
bool md_row_is_header(cmark_node *row);
/* A column's alignment as written: 'l', 'c', 'r', or 0 when not given. */
char md_table_align(cmark_node *table, int col);
int md_table_columns(cmark_node *table);

/* The plain text of an inline container (a cell, a paragraph): text and
 * code as written, breaks as a space. */
void md_plain_text(cmark_node *node, struct buf *out);

/* Whether the text labels a total row: 合计, 总计 or 小计 (spaces inside
 * allowed: 合　计); and whether one of the row's cells does. */
bool md_total_label(const char *text);
bool md_row_is_total(cmark_node *row);

/* A table cell's text as a plain number, the way a clerk writes amounts in
 * a table: an optional ￥ or ¥ before, 元 after, thousands separators in
 * groups of three (1,200.50). Writes "-1200.50" to plain (money_parse reads
 * it) and returns true when the cell is such a number; *empty tells a cell
 * with nothing, or only "—" or "-", in it. */
bool md_cell_number(const char *text, char *plain, size_t cap, bool *empty);

#endif
