/* dump.c: a laid-out poster as text (poster --dump, the layout tests):
 * every placed box with its sheet, place and size, and each text's lines
 * as they were broken. */
#include "poster/doc.h"

#include <stdio.h>
#include <string.h>

#include "media/image.h"
#include "poster/flowlink.h"

static void
dump_quoted(struct buf *out, const char *s, size_t len)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			buf_putc(out, '\\');
		if (s[i] == '\n')
			buf_puts(out, "\\n");
		else
			buf_putc(out, s[i]);
	}
	buf_putc(out, '"');
}

static void
dump_box(const struct doc *d, struct buf *out, const char *kind,
    double x, double y, double w, double h)
{
	(void)d;
	buf_printf(out, "  %-6s x=%.1f y=%.1f w=%.1f h=%.1f", kind, x / PT_PER_MM,
	    y / PT_PER_MM, w / PT_PER_MM, h / PT_PER_MM);
}

/* A text box: the layout's size against the box it was given. */
static void
dump_text(const struct doc *d, struct buf *out, PangoLayout *l,
    enum text_role role, double x, double y, double w, double h)
{
	PangoRectangle ink, logical;
	const char *text = pango_layout_get_text(l);

	pango_layout_get_extents(l, &ink, &logical);
	double lw = (double)(logical.x + logical.width) / PANGO_SCALE;
	double lh = (double)(logical.y + logical.height) / PANGO_SCALE;
	double lx = (double)logical.x / PANGO_SCALE;
	double ix0 = (double)ink.x / PANGO_SCALE;
	double ix1 = (double)(ink.x + ink.width) / PANGO_SCALE;
	bool fits = lx >= -0.05 && lw <= w + 0.05 && lh <= h + 0.05 &&
	    (ink.width == 0 || (ix0 >= -MM(1) && ix1 <= w + MM(1)));
	dump_box(d, out, "text", x, y, w, h);
	buf_printf(out, " role=%s class=%s size=%.0f fits=%s lines=%d\n",
	    role_styles[role].name, role_styles[role].cls, role_styles[role].size,
	    fits ? "yes" : "no", pango_layout_get_line_count(l));
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		buf_puts(out, "    line ");
		dump_quoted(out, text + line->start_index, (size_t)line->length);
		buf_putc(out, '\n');
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void
dump_block(const struct doc *d, struct buf *out, const struct placed *p)
{
	const struct block *b = p->block;

	switch (b->kind) {
	case BK_TEXT:
		if (b->style == TS_BAR || b->style == TS_BOX) {
			dump_box(d, out, "fill", p->x, p->y, p->w, p->h);
			buf_putc(out, '\n');
		}
		dump_text(d, out, b->layout, b->role, p->x + b->pad_x,
		    p->y + b->pad_y, p->w - 2 * b->pad_x,
		    p->h - 2 * b->pad_y - (b->style == TS_RULED ? MM(2.5) : 0));
		break;
	case BK_ROW: {
		double x = p->x;
		buf_printf(out, "  row    x=%.1f y=%.1f w=%.1f h=%.1f%s%s%s\n",
		    p->x / PT_PER_MM, p->y / PT_PER_MM, p->w / PT_PER_MM,
		    p->h / PT_PER_MM, (b->row_flags & ROW_HEADER) ? " header" : "",
		    (b->row_flags & ROW_TOTAL) ? " total" : "",
		    (b->row_flags & ROW_SPAN) ? " group" : "");
		for (int i = 0; i < b->n_cells; i++) {
			double cw = (b->row_flags & ROW_SPAN) ? p->w :
			    p->w * b->table->frac[i];
			dump_text(d, out, b->cell_layouts[i], b->role, x + b->pad_x,
			    p->y + b->pad_y, cw - 2 * b->pad_x, p->h - 2 * b->pad_y);
			x += cw;
		}
		break;
	}
	case BK_STACKBAR:
	case BK_PROGRESS:
		dump_box(d, out, "chart", p->x, p->y, p->w, p->h);
		buf_putc(out, '\n');
		break;
	case BK_PHOTO: {
		/* the photo's own box, centred, and the resolution it prints at */
		const struct record_file *f = b->photo;
		dump_box(d, out, "photo", p->x + (p->w - b->photo_w) / 2, p->y,
		    b->photo_w, b->photo_h);
		buf_printf(out, " %dx%dpx %.0fdpi %s\n", f->width, f->height,
		    media_print_dpi(f->width, f->height, b->photo_w / PT_PER_MM,
		    b->photo_h / PT_PER_MM), f->path);
		break;
	}
	case BK_FLOW:
		/* the type sizes the chart prints at: its steps' and its smallest */
		dump_box(d, out, "flow", p->x, p->y, p->w, p->h);
		buf_printf(out, " scale=%.2f step=%.1fpt legend=%.1fpt "
		    "smallest=%.1fpt", p->scale, FLOW_STEP_PT * p->scale,
		    FLOW_LEGEND_PT * p->scale, FLOW_SMALLEST_PT * p->scale);
		if (b->flow_wrap > 0)
			buf_printf(out, " wrap=%d", b->flow_wrap);
		buf_printf(out, "%s\n", b->rotated ? " turned" : "");
		break;
	case BK_TREND: {
		const struct trend *tr = b->trend;
		double y = p->y;
		dump_box(d, out, "fill", p->x, p->y, p->w, p->h);
		buf_printf(out, " trend points=%zu\n", tr->n_points);
		dump_box(d, out, "fill", p->x + tr->plot_x, p->y + tr->plot_y,
		    tr->plot_w, tr->plot_h);
		buf_printf(out, " plot %d-%d%%\n", tr->lo / 10, tr->hi / 10);
		for (size_t i = 0; i < tr->n_labels; i++) {
			const struct inner_text *it = &tr->labels[i];
			if (it->layout != NULL)
				dump_text(d, out, it->layout, it->role, p->x + it->x,
				    p->y + it->y, it->w, it->h);
		}
		for (const struct block *r = tr->rows; r != NULL; r = r->next) {
			struct placed row = trend_row_placed(p, r, y);
			dump_block(d, out, &row);
			y += r->h;
		}
		break;
	}
	}
}

struct placed
trend_row_placed(const struct placed *p, const struct block *row, double y)
{
	struct placed r = *p;

	r.block = row;
	r.x = p->x + p->block->trend->rows_x;
	r.y = y;
	r.w = row->w;
	r.h = row->h;
	return r;
}

void
doc_dump(const struct doc *d, struct buf *out)
{
	double pw = d->trim_w + 2 * d->margin, ph = d->trim_h + 2 * d->margin;

	buf_printf(out, "poster %s\n", d->spec->path);
	buf_printf(out, "page %.1fx%.1fmm trim %.1fx%.1fmm margin %.1fmm "
	    "safe %.1f %.1f %.1f %.1f sheets %zu\n", pw / PT_PER_MM,
	    ph / PT_PER_MM, d->trim_w / PT_PER_MM, d->trim_h / PT_PER_MM,
	    d->margin / PT_PER_MM, d->safe / PT_PER_MM, d->safe / PT_PER_MM,
	    (d->trim_w - d->safe) / PT_PER_MM, (d->trim_h - d->safe) / PT_PER_MM,
	    d->n_sheets);
	if (d->scale != 1 || d->reserve_bottom > 0)
		/* a print format: the sheet as printed; the layout above is
		 * drawn scale times as large */
		buf_printf(out, "format scale=%.2f sheet %.1fx%.1fmm reserve "
		    "%.1fmm\n", d->scale, d->trim_w * d->scale / PT_PER_MM,
		    (d->trim_h * d->scale + d->reserve_bottom) / PT_PER_MM,
		    d->reserve_bottom / PT_PER_MM);
	if (d->qr != NULL)
		buf_printf(out, "qr version=%d modules=%d module=%.2fmm quiet=4 "
		    "url=%s\n", d->qr->version, d->qr->width,
		    d->qr_module / PT_PER_MM, d->qr_url);
	for (size_t i = 0; i < d->n_sheets; i++) {
		const struct sheet *s = &d->sheets[i];
		buf_printf(out, "sheet %zu/%zu", i + 1, d->n_sheets);
		if (s->rotated) {
			const struct sheet_geo *g = &d->turned;
			buf_printf(out, " turned page %.1fx%.1fmm trim %.1fx%.1fmm "
			    "safe %.1f %.1f %.1f %.1f", (g->trim_w + 2 * d->margin) /
			    PT_PER_MM, (g->trim_h + 2 * d->margin) / PT_PER_MM,
			    g->trim_w / PT_PER_MM, g->trim_h / PT_PER_MM,
			    d->safe / PT_PER_MM, d->safe / PT_PER_MM,
			    (g->trim_w - d->safe) / PT_PER_MM,
			    (g->trim_h - d->safe) / PT_PER_MM);
		}
		buf_putc(out, '\n');
		for (size_t k = 0; k < s->n; k++) {
			const struct placed *p = &s->items[k];
			switch (p->kind) {
			case PL_BAND:
				dump_box(d, out, "fill", p->x, p->y, p->w, p->h);
				buf_puts(out, " band\n");
				break;
			case PL_RULE:
				dump_box(d, out, "fill", p->x, p->y, p->w, p->h);
				buf_puts(out, " rule\n");
				break;
			case PL_QR:
				dump_box(d, out, "qr", p->x, p->y, p->w, p->h);
				buf_putc(out, '\n');
				break;
			case PL_TEXT:
			case PL_BANDTEXT:
				dump_text(d, out, p->block->layout, p->block->role, p->x,
				    p->y, p->w, p->h);
				break;
			case PL_BLOCK:
				dump_block(d, out, p);
				break;
			}
		}
	}
}
