/* html.c: the chart's accessible alternative for the site: the steps as an
 * ordered list in YAML order, each with where it leads (是/否 branches,
 * jumps, loops back), every text escaped. */
#include <string.h>

#include "flow/flow.h"

/* "第 n 步", or "返回第 n 步" for a step at or above this one. */
static void
put_target(struct buf *out, size_t from, size_t to)
{
	if (to <= from)
		buf_printf(out, "返回第 %zu 步", to + 1);
	else
		buf_printf(out, "第 %zu 步", to + 1);
}

/* Whether the step's only successor is the one written after it: then
 * the list's order says it all. */
static bool
plain_succession(const struct flow *f, size_t i)
{
	size_t n = 0;
	bool next_only = true;

	for (size_t e = 0; e < f->n_edges; e++) {
		if (f->edges[e].from != i)
			continue;
		n++;
		if (f->edges[e].to != i + 1)
			next_only = false;
	}
	return n == 1 && next_only;
}

static void
put_branches(struct buf *out, const struct flow *f, size_t i, bool labelled)
{
	bool first = true;

	buf_puts(out, "<span class=\"flow-branch\">");
	for (size_t e = 0; e < f->n_edges; e++) {
		const struct flow_edge *fe = &f->edges[e];
		if (fe->from != i)
			continue;
		if (labelled) {
			/* a decision's branches in the flow's order: yes, no */
			buf_puts(out, first ? " " : "；");
			buf_puts_escaped(out, fe->label != NULL ? fe->label :
			    fe->kind == EDGE_NO ? "否" : "是");
			buf_puts(out, " → ");
		} else {
			buf_puts(out, first ? " → " : "、");
		}
		put_target(out, i, fe->to);
		first = false;
	}
	if (first)
		buf_puts(out, " 流程结束");
	buf_puts(out, "</span>");
}

void
flow_text_html(const struct flow *f, struct buf *out)
{
	buf_puts(out, "<ol class=\"flow-steps\">\n");
	for (size_t i = 0; i < f->n_steps; i++) {
		const struct flow_step *st = &f->steps[i];

		buf_puts(out, "<li>");
		if (st->lane != NULL) {
			buf_puts(out, "<span class=\"flow-lane\">");
			buf_puts_escaped(out, st->lane);
			buf_puts(out, "：</span>");
		}
		buf_puts_escaped(out, st->text);
		if (st->kind == STEP_START)
			buf_puts(out, "（开始）");
		else if (st->kind == STEP_DOCUMENT)
			buf_puts(out, "（文书）");
		if (st->kind == STEP_DECISION)
			put_branches(out, f, i, true);
		else if (!plain_succession(f, i))
			put_branches(out, f, i, false);
		if (st->risk != NULL) {
			buf_puts(out, "<span class=\"flow-risk\">（廉政风险点：");
			buf_puts_escaped(out, st->risk);
			buf_puts(out, "）</span>");
		}
		buf_puts(out, "</li>\n");
	}
	buf_puts(out, "</ol>\n");
}
