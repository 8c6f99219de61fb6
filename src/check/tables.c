/* tables.c: rule 8's sums: a Markdown table whose row is labelled 合计,
 * 总计 or 小计 must add up, to the fen, in each of its money columns. */
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "util/md.h"
#include "util/util.h"

/* One row below the header: its cells' text and where it was written. */
struct trow {
	char **cells;
	int n_cells;
	int line;                  /* in the body, from 1 */
	int *byte_cols;            /* each cell's column in the body, from 1 */
	int total;                 /* 0, or 1 for 小计, 2 for 合计 and 总计 */
	const char *label;
};

static int
total_kind(const char *text)
{
	if (!md_total_label(text))
		return 0;
	return strstr(text, "小") != NULL ? 1 : 2;
}

/* A cell as an amount: true with *fen set, or false; *blank tells an empty
 * cell, which counts as nothing. */
static bool
cell_amount(const char *text, int64_t *fen, bool *blank)
{
	char plain[64];
	const char *why;

	*fen = 0;
	if (!md_cell_number(text, plain, sizeof plain, blank))
		return false;
	return money_parse(plain, fen, &why);
}

static void
report(const struct record *r, const struct trow *row, int col,
    const char *heading, int64_t written, int64_t computed)
{
	char w[32], c[32], off[32];
	const char *body = r->body;
	struct pos pos = r->pos;
	int64_t diff = written > computed ? written - computed : computed - written;

	int byte_col = row->byte_cols[col] > 0 ? row->byte_cols[col] : 1;
	const char *line = body;

	/* cmark's cell starts after the '|': point at its first character */
	for (int l = 1; l < row->line && line != NULL; l++)
		if ((line = strchr(line, '\n')) != NULL)
			line++;
	while (line != NULL && (line[byte_col - 1] == ' ' ||
	    line[byte_col - 1] == '\t'))
		byte_col++;
	pos.line = r->body_line + row->line - 1;
	pos.col = text_byte_col_to_chars(body, strlen(body), row->line,
	    byte_col);
	money_format(written, w);
	money_format(computed, c);
	money_format(diff, off);
	if (heading == NULL || *heading == '\0')
		heading = "—";
	diag_warning(&pos, "in column '%s' of this table, the %s row says %s, "
	    "but the rows above it add up to %s (%s yuan off): check the "
	    "amounts and the total", heading, row->label, w, c, off);
}

/* Checks the total row at k against the rows it sums: the plain rows above
 * it, back to the previous 小计 for a 小计, all of them for a 合计. */
static void
check_total(const struct record *r, const struct trow *rows, size_t k,
    char **head, int n_head)
{
	const struct trow *t = &rows[k];

	for (int col = 0; col < t->n_cells; col++) {
		int64_t written, sum = 0, fen;
		bool blank, money = true, any = false;
		if (!cell_amount(t->cells[col], &written, &blank))
			continue;
		for (size_t i = k; i-- > 0 && money;) {
			if (rows[i].total != 0) {
				if (t->total == 1)
					break;      /* a subtotal sums its own part */
				continue;
			}
			if (col >= rows[i].n_cells)
				continue;
			if (cell_amount(rows[i].cells[col], &fen, &blank)) {
				any = true;
				money = money_add(&sum, fen);
			} else if (!blank) {
				money = false;      /* text: not a money column */
			}
		}
		if (money && any && sum != written)
			report(r, t, col, col < n_head ? head[col] : NULL, written,
			    sum);
	}
}

static void
check_table(const struct record *r, cmark_node *table)
{
	struct trow *rows = NULL;
	char **head = NULL;
	int n_head = 0;
	size_t n_rows = 0, cap = 0;
	struct buf text = {0};

	for (cmark_node *row = cmark_node_first_child(table); row != NULL;
	    row = cmark_node_next(row)) {
		bool header = md_row_is_header(row);
		struct trow tr = {0};
		int n = 0;
		for (cmark_node *c = cmark_node_first_child(row); c != NULL;
		    c = cmark_node_next(c))
			n++;
		tr.cells = xcalloc((size_t)n + 1, sizeof *tr.cells);
		tr.byte_cols = xcalloc((size_t)n + 1, sizeof *tr.byte_cols);
		tr.n_cells = n;
		tr.line = cmark_node_get_start_line(row);
		n = 0;
		for (cmark_node *c = cmark_node_first_child(row); c != NULL;
		    c = cmark_node_next(c), n++) {
			buf_reset(&text);
			md_plain_text(c, &text);
			tr.cells[n] = xstrdup(text.data);
			tr.byte_cols[n] = cmark_node_get_start_column(c);
			if (tr.total == 0 && (tr.total = total_kind(text.data)) != 0)
				tr.label = tr.cells[n];
		}
		if (header) {
			head = tr.cells;
			n_head = tr.n_cells;
			free(tr.byte_cols);
			continue;
		}
		if (n_rows == cap) {
			cap = cap ? cap * 2 : 16;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		rows[n_rows++] = tr;
	}
	for (size_t k = 0; k < n_rows; k++)
		if (rows[k].total != 0)
			check_total(r, rows, k, head, n_head);
	for (size_t k = 0; k < n_rows; k++) {
		for (int i = 0; i < rows[k].n_cells; i++)
			free(rows[k].cells[i]);
		free(rows[k].cells);
		free(rows[k].byte_cols);
	}
	for (int i = 0; i < n_head; i++)
		free(head[i]);
	free(head);
	free(rows);
	buf_free(&text);
}

void
check_tables(const struct record *r)
{
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;

	/* no '|', no table; and 合计, 总计 and 小计 all end in 计 */
	if (r->body == NULL || strchr(r->body, '|') == NULL ||
	    strstr(r->body, "计") == NULL)
		return;
	doc = md_parse(r->body, strlen(r->body));
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && md_is_table(node))
			check_table(r, node);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}
