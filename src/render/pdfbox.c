/* pdfbox.c: the page boxes a print shop's preflight reads, which cairo
 * cannot set: each page's TrimBox (the sheet as cut) and BleedBox (the
 * trim and its bleed) are written beside the MediaBox cairo wrote, and
 * the cross-reference table's offsets moved by what was inserted. */
#include "render/pdfbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE_OPEN "obj\n<< /Type /Page"

/* An insertion into the PDF: text at offset at of the original. */
struct insert {
	size_t at;
	char text[160];
	size_t len;
};

static const char *
find(const char *hay, size_t n, const char *needle, size_t from)
{
	size_t k = strlen(needle);

	for (size_t i = from; i + k <= n; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* The offset after the insertions before it (those at or before off). */
static size_t
moved(size_t off, const struct insert *ins, size_t n)
{
	size_t add = 0;

	for (size_t i = 0; i < n && ins[i].at <= off; i++)
		add += ins[i].len;
	return off + add;
}

int
pdf_set_boxes(struct buf *pdf, double margin, double bleed, struct buf *err)
{
	const char *d = pdf->data;
	size_t n = pdf->len, n_ins = 0, cap = 8;
	struct insert *ins = xmalloc(cap * sizeof *ins);
	const char *p, *sx, *xref;
	struct buf out = {0};
	size_t xref_at, count, pos = 0;
	int rc = -1;

	if (d == NULL)
		goto bad;
	if (bleed > margin)
		bleed = margin;
	for (size_t from = 0; (p = find(d, n, PAGE_OPEN, from)) != NULL;
	    from = (size_t)(p - d) + 1) {
		if (p[strlen(PAGE_OPEN)] == 's')
			continue;     /* the page tree, /Type /Pages */
		const char *page_end = find(d, n, "endobj", (size_t)(p - d));
		const char *mb = find(d, n, "/MediaBox [", (size_t)(p - d));
		double x0, y0, x1, y1;
		const char *close;
		if (page_end == NULL || mb == NULL || mb > page_end ||
		    (close = memchr(mb, ']', (size_t)(page_end - mb))) == NULL ||
		    sscanf(mb + 11, "%lf %lf %lf %lf", &x0, &y0, &x1, &y1) != 4)
			goto bad;
		if (n_ins == cap)
			ins = xrealloc(ins, (cap *= 2) * sizeof *ins);
		struct insert *in = &ins[n_ins++];
		in->at = (size_t)(close - d) + 1;
		int len = snprintf(in->text, sizeof in->text,
		    "\n   /TrimBox [ %.3f %.3f %.3f %.3f ]"
		    "\n   /BleedBox [ %.3f %.3f %.3f %.3f ]",
		    x0 + margin, y0 + margin, x1 - margin, y1 - margin,
		    x0 + margin - bleed, y0 + margin - bleed,
		    x1 - margin + bleed, y1 - margin + bleed);
		if (len <= 0 || (size_t)len >= sizeof in->text)
			goto bad;
		in->len = (size_t)len;
	}
	if (n_ins == 0)
		goto bad;
	/* the cross-reference table cairo writes: "xref\n0 N\n" and N
	 * entries of 20 bytes, then the trailer and startxref */
	sx = NULL;
	for (size_t i = n >= 10 ? n - 10 + 1 : 0; i-- > 0;)
		if (memcmp(d + i, "startxref\n", 10) == 0) {
			sx = d + i;
			break;
		}
	if (sx == NULL || (xref_at = strtoul(sx + 10, NULL, 10)) >= n ||
	    strncmp(d + xref_at, "xref\n0 ", 7) != 0)
		goto bad;
	count = strtoul(d + xref_at + 7, NULL, 10);
	xref = memchr(d + xref_at + 7, '\n', n - xref_at - 7);
	if (xref == NULL || (size_t)(xref + 1 - d) + count * 20 > n ||
	    ins[n_ins - 1].at > xref_at)
		goto bad;
	xref++;
	/* the body with the boxes */
	for (size_t i = 0; i < n_ins; i++) {
		buf_put(&out, d + pos, ins[i].at - pos);
		buf_put(&out, ins[i].text, ins[i].len);
		pos = ins[i].at;
	}
	buf_put(&out, d + pos, xref_at - pos);
	/* the table, each object's offset moved */
	buf_put(&out, d + xref_at, (size_t)(xref - (d + xref_at)));
	for (size_t i = 0; i < count; i++) {
		const char *e = xref + i * 20;
		unsigned long off = strtoul(e, NULL, 10);
		if (e[17] == 'n')
			off = moved(off, ins, n_ins);
		buf_printf(&out, "%010lu%.10s", off, e + 10);
	}
	{
		const char *rest = xref + count * 20;
		size_t rest_len = (size_t)(sx - rest);
		buf_put(&out, rest, rest_len);
	}
	buf_printf(&out, "startxref\n%zu\n%%%%EOF\n", moved(xref_at, ins,
	    n_ins));
	buf_free(pdf);
	*pdf = out;
	rc = 0;
	goto done;
bad:
	buf_free(&out);
	buf_printf(err, "the PDF's pages cannot be given their trim and bleed "
	    "boxes: not the PDF cairo writes");
done:
	free(ins);
	return rc;
}
