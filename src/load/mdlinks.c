/* mdlinks.c: the links and images of a Markdown body, found with the
 * Markdown parser's node API (util/md.c's set-up, as the pages are made):
 * the one file of the check of local files that knows the parser. */
#include "load/mdlinks.h"

#include <stdlib.h>
#include <string.h>

#include "util/md.h"
#include "util/mem.h"
#include "util/textpos.h"

static void
push(struct md_links *out, const char *url, int line, int col, bool image)
{
	if (out->len == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 8;
		out->items = xrealloc(out->items, out->cap * sizeof *out->items);
	}
	out->items[out->len++] = (struct md_link){xstrdup(url ? url : ""),
		line, col, image};
}

void
md_links_collect(const char *body, int first_line, struct md_links *out)
{
	size_t len = strlen(body);
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;

	/* a link or an image is written with ']' (a bare address is no
	 * file of the content): most bodies need no parse here */
	if (strchr(body, ']') == NULL)
		return;
	doc = md_parse(body, len);
	it = cmark_iter_new(doc);
	if (it == NULL)
		nb_out_of_memory();
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		if (ev != CMARK_EVENT_ENTER ||
		    (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE))
			continue;
		/* the parser counts columns in bytes; diagnostics in characters */
		int line = cmark_node_get_start_line(node);
		int col = text_byte_col_to_chars(body, len, line,
		    cmark_node_get_start_column(node));
		push(out, cmark_node_get_url(node), line + first_line - 1, col,
		    type == CMARK_NODE_IMAGE);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

void
md_links_free(struct md_links *links)
{
	if (links == NULL)
		return;
	for (size_t i = 0; i < links->len; i++)
		free(links->items[i].url);
	free(links->items);
	links->items = NULL;
	links->len = links->cap = 0;
}
