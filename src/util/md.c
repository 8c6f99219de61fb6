/* md.c: the one Markdown parser set-up (cmark-gfm and its core extensions),
 * the tests for the extensions' nodes, and a table cell read as a number. */
#include "util/md.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/arena.h"
#include "util/mem.h"

/* The extensions library exports its node types without declaring them. */
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW,
    CMARK_NODE_TABLE_CELL;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static cmark_syntax_extension *ext[4];
static cmark_llist *render_exts;

static void
setup(void)
{
	static const char *const names[] = {"table", "strikethrough",
		"autolink", "tagfilter"};

	cmark_gfm_core_extensions_ensure_registered();
	for (size_t i = 0; i < 4; i++) {
		ext[i] = cmark_find_syntax_extension(names[i]);
		if (ext[i] == NULL)
			nb_out_of_memory();   /* the library is broken */
	}
	/* kept for the program's life, like the registry it points into */
	render_exts = cmark_llist_append(cmark_get_default_mem_allocator(),
	    NULL, ext[3]);
}

/* text parsed with the extensions, its nodes from mem */
static cmark_node *
parse_with(const char *text, size_t len, cmark_mem *mem)
{
	cmark_parser *p;
	cmark_node *doc;

	pthread_once(&once, setup);
	p = cmark_parser_new_with_mem(MD_OPTIONS, mem);
	if (p == NULL)
		nb_out_of_memory();
	for (size_t i = 0; i < 4; i++)
		cmark_parser_attach_syntax_extension(p, ext[i]);
	cmark_parser_feed(p, text, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	if (doc == NULL)
		nb_out_of_memory();
	return doc;
}

cmark_node *
md_parse(const char *text, size_t len)
{
	return parse_with(text, len, cmark_get_default_mem_allocator());
}

/* ---- the calling thread's pool ----
 * The site parses and renders thousands of documents, and cmark allocates
 * every node, string and buffer of one with malloc and frees them one by
 * one. In the pool they are cut from one arena per thread and freed
 * together. cmark's allocator takes no context, hence the thread's own
 * arena. */

/* Each block is preceded by its size, for realloc. */
static void *
pool_calloc(size_t n, size_t size)
{
	const size_t head = sizeof(max_align_t);

	if (size != 0 && n > (SIZE_MAX - head) / size)
		nb_out_of_memory();
	size_t *p = arena_alloc(arena_local(ARENA_LOCAL_MARKDOWN),
	    head + n * size);
	*p = n * size;
	return (char *)p + head;
}

static void *
pool_realloc(void *old, size_t size)
{
	const size_t head = sizeof(max_align_t);

	if (old == NULL)
		return pool_calloc(1, size);
	size_t had = *(size_t *)(void *)((char *)old - head);
	if (size <= had)
		return old;
	void *fresh = pool_calloc(1, size);
	memcpy(fresh, old, had);
	return fresh;
}

static void
pool_free(void *p)
{
	(void)p;   /* freed with the pool */
}

static cmark_mem pool_mem = {pool_calloc, pool_realloc, pool_free};

cmark_mem *
md_pool_mem(void)
{
	return &pool_mem;
}

void
md_pool_release(void)
{
	arena_reset(arena_local(ARENA_LOCAL_MARKDOWN));
}

cmark_node *
md_parse_pooled(const char *text, size_t len)
{
	return parse_with(text, len, md_pool_mem());
}

cmark_llist *
md_extensions(void)
{
	pthread_once(&once, setup);
	return render_exts;
}

bool
md_is_table(cmark_node *node)
{
	return node != NULL && cmark_node_get_type(node) == CMARK_NODE_TABLE;
}

bool
md_is_row(cmark_node *node)
{
	return node != NULL && cmark_node_get_type(node) == CMARK_NODE_TABLE_ROW;
}

bool
md_is_cell(cmark_node *node)
{
	return node != NULL &&
	    cmark_node_get_type(node) == CMARK_NODE_TABLE_CELL;
}

bool
md_row_is_header(cmark_node *row)
{
	return md_is_row(row) && cmark_gfm_extensions_get_table_row_is_header(row);
}

int
md_table_columns(cmark_node *table)
{
	return md_is_table(table) ?
	    (int)cmark_gfm_extensions_get_table_columns(table) : 0;
}

char
md_table_align(cmark_node *table, int col)
{
	uint8_t *align;

	if (col < 0 || col >= md_table_columns(table))
		return 0;
	align = cmark_gfm_extensions_get_table_alignments(table);
	return align != NULL && (align[col] == 'l' || align[col] == 'c' ||
	    align[col] == 'r') ? (char)align[col] : 0;
}

static void
plain_walk(cmark_node *node, struct buf *out)
{
	for (cmark_node *c = cmark_node_first_child(node); c != NULL;
	    c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *lit = cmark_node_get_literal(c);
			buf_puts(out, lit ? lit : "");
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			buf_putc(out, ' ');
		} else if (t != CMARK_NODE_HTML_INLINE) {
			plain_walk(c, out);
		}
	}
}

void
md_plain_text(cmark_node *node, struct buf *out)
{
	size_t start = out->len;

	plain_walk(node, out);
	if (out->data == NULL)
		buf_puts(out, "");
	/* a cell's own spaces at its ends are not its text */
	while (out->len > start && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
}

/* Skips what may stand around a number: spaces, full-width spaces. */
static const char *
skip_space(const char *p)
{
	for (;;) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if (strncmp(p, "\xe3\x80\x80", 3) == 0)   /* U+3000 */
			p += 3;
		else
			return p;
	}
}

bool
md_cell_number(const char *text, char *plain, size_t cap, bool *empty)
{
	const char *p = skip_space(text), *end;
	size_t n = 0, digits = 0, group = 0;
	bool commas = false, point = false;

	*empty = false;
	end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end - p >= 3 && memcmp(end - 3, "元", 3) == 0)
		end -= 3;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == p || (end - p == 1 && *p == '-') ||
	    (end - p == 3 && memcmp(p, "—", 3) == 0)) {
		*empty = true;
		return false;
	}
	if (cap < 2)
		return false;
	if (*p == '-' || *p == '+') {
		if (*p == '-')
			plain[n++] = '-';
		p++;
	}
	if (strncmp(p, "￥", 3) == 0)
		p += 3;
	else if (strncmp(p, "¥", 2) == 0)
		p += 2;
	for (; p < end; p++) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			group++;
		} else if (*p == ',' && !point && digits > 0 &&
		    (commas ? group == 3 : group <= 3)) {
			commas = true;
			group = 0;
			continue;
		} else if (*p == '.' && !point && digits > 0 &&
		    (!commas || group == 3)) {
			point = true;
			group = 0;
		} else {
			return false;
		}
		if (n + 2 > cap)
			return false;
		plain[n++] = *p;
	}
	if (digits == 0 || (commas && !point && group != 3) ||
	    plain[n - 1] == '.')
		return false;
	plain[n] = '\0';
	return true;
}

bool
md_total_label(const char *text)
{
	static const char *const words[] = {"合计", "总计", "小计"};
	char packed[16];
	size_t n = 0;

	/* without its spaces: a label is often spread over a wide cell */
	for (const char *p = skip_space(text); *p != '\0'; p = skip_space(p)) {
		if (n + 1 >= sizeof packed)
			return false;
		packed[n++] = *p++;
	}
	packed[n] = '\0';
	for (size_t i = 0; i < 3; i++)
		if (strcmp(packed, words[i]) == 0)
			return true;
	return false;
}

bool
md_row_is_total(cmark_node *row)
{
	struct buf text = {0};
	bool total = false;

	for (cmark_node *cell = cmark_node_first_child(row);
	    cell != NULL && !total; cell = cmark_node_next(cell)) {
		buf_reset(&text);
		md_plain_text(cell, &text);
		total = md_total_label(text.data);
	}
	buf_free(&text);
	return total;
}
