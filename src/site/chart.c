/* chart.c: what the site draws itself: a survey's stacked bar chart as SVG
 * (shades that stay apart in greyscale, one hatched, every count also
 * written) and a village's satisfaction rate survey by survey. */
#include "site/site.h"

#include <string.h>

#include "site/text.h"

#define CHART_WIDTH 320
#define FONT 16
#define BAR 30
#define LINE 21

/* the answers' shades, in the order of survey_answer_labels */
static const struct {
	const char *fill;
	const char *ink;       /* text on the bar */
} shades[SURVEY_ANSWERS] = {
	{"#173f6e", "#ffffff"},
	{"#3f74b0", "#ffffff"},
	{"#c9d8ea", "#111111"},
	{"url(#nb-hatch)", "#111111"},
};

/* Splits text into lines that fit the chart (Chinese characters are one
 * font size wide, others about half). Returns the number of lines. */
static int
wrap_lines(const char *s, size_t starts[8], size_t ends[8])
{
	size_t len = strlen(s), i = 0, start = 0;
	int lines = 0;
	double width = 0;

	while (i < len && lines < 7) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n <= 0)
			n = 1;
		double w = cp < 0x2E80 ? FONT * 0.56 : FONT;
		if (width + w > CHART_WIDTH && i > start) {
			starts[lines] = start;
			ends[lines++] = i;
			start = i;
			width = 0;
		}
		width += w;
		i += (size_t)n;
	}
	starts[lines] = start;
	ends[lines++] = len;
	return lines;
}

/* text, then a number: the pieces of the charts' markup */
static void
attr_int(struct buf *b, const char *text, long long v)
{
	buf_puts(b, text);
	put_decimal(b, v);
}

void
survey_chart_svg(const struct record *r, struct buf *out)
{
	const struct survey *s = &r->as.survey;
	struct buf body = {0};
	int y = 58;          /* below the legend's two rows */

	for (size_t q = 0; q < s->n_items; q++) {
		const struct survey_item *it = &s->items[q];
		int counts[4] = {it->very_satisfied, it->satisfied, it->neutral,
			it->dissatisfied};
		size_t starts[8], ends[8];
		struct buf line = {0};
		int n = wrap_lines(it->question, starts, ends);
		for (int k = 0; k < n; k++) {
			y += LINE;
			buf_reset(&line);
			if (k == 0) {
				put_decimal(&line, (long long)q + 1);
				buf_puts(&line, ". ");
			}
			buf_put(&line, it->question + starts[k], ends[k] - starts[k]);
			attr_int(&body, "<text x=\"0\" y=\"", y - 5);
			buf_puts(&body, "\">");
			buf_puts_escaped(&body, line.data);
			buf_puts(&body, "</text>\n");
		}
		buf_free(&line);
		/* the bar: the whole width is every respondent */
		int base = s->respondents > 0 ? s->respondents : 1;
		long x = 0, sum = 0;
		attr_int(&body, "<rect x=\"0\" y=\"", y);
		attr_int(&body, "\" width=\"", CHART_WIDTH);
		attr_int(&body, "\" height=\"", BAR);
		buf_puts(&body, "\" fill=\"#ffffff\" stroke=\"#555555\"/>\n");
		for (int k = 0; k < 4; k++) {
			sum += counts[k];
			long end = sum * CHART_WIDTH / base;
			if (end > CHART_WIDTH)
				end = CHART_WIDTH;
			long w = end - x;
			if (w > 0) {
				attr_int(&body, "<rect x=\"", x);
				attr_int(&body, "\" y=\"", y);
				attr_int(&body, "\" width=\"", w);
				attr_int(&body, "\" height=\"", BAR);
				buf_puts(&body, "\" fill=\"");
				buf_puts(&body, shades[k].fill);
				buf_puts(&body, "\" stroke=\"#111111\" "
				    "stroke-width=\"0.5\"/>\n");
				if (w >= 26) {
					attr_int(&body, "<text x=\"",
					    x + w / 2);
					attr_int(&body, "\" y=\"",
					    y + BAR / 2 + FONT / 2 - 1);
					buf_puts(&body, "\" text-anchor="
					    "\"middle\" fill=\"");
					buf_puts(&body, shades[k].ink);
					buf_puts(&body,
					    k == 3 ? "\" class=\"halo\">" :
					    "\">");
					put_decimal(&body, counts[k]);
					buf_puts(&body, "</text>\n");
				}
			}
			x = end;
		}
		y += BAR + 14;
	}

	attr_int(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"chart\" viewBox=\"0 0 ", CHART_WIDTH);
	attr_int(out, " ", y);
	buf_puts(out, "\" role=\"img\" aria-labelledby=\"chart-title\">\n"
	    "<title id=\"chart-title\">");
	buf_puts_escaped(out, r->title);
	attr_int(out, "：各题满意度条形图，共 ", s->respondents);
	buf_puts(out, " 人参加测评；各项人数见下表</title>\n");
	buf_puts(out, "<defs><pattern id=\"nb-hatch\" width=\"6\" height=\"6\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8a1c1c\" "
	    "stroke-width=\"3\"/></pattern></defs>\n");
	attr_int(out, "<g font-size=\"", FONT);
	buf_puts(out, "\" fill=\"#111111\">\n");
	/* the legend */
	for (int k = 0; k < 4; k++) {
		int x = (k % 2) * (CHART_WIDTH / 2), top = 4 + (k / 2) * 26;
		attr_int(out, "<rect x=\"", x);
		attr_int(out, "\" y=\"", top);
		buf_puts(out, "\" width=\"18\" height=\"18\" fill=\"");
		buf_puts(out, shades[k].fill);
		attr_int(out, "\" stroke=\"#111111\"/><text x=\"", x + 24);
		attr_int(out, "\" y=\"", top + 15);
		buf_puts(out, "\">");
		buf_puts(out, survey_answer_labels[k]);
		buf_puts(out, "</text>\n");
	}
	buf_put(out, body.data ? body.data : "", body.len);
	buf_puts(out, "</g>\n</svg>\n");
	buf_free(&body);
}

/* ---- a village's surveys over time ---- */

#define TREND_BAR 256      /* the track is 100 %; the value is written after */

void
survey_trend_svg(const char *title, const int *rates,
    const char *const *labels, size_t n, struct buf *out)
{
	struct buf body = {0};
	int y = 0;

	for (size_t i = 0; i < n; i++) {
		int rate = rates[i] < 0 ? 0 : rates[i] > 1000 ? 1000 : rates[i];
		char text[16];
		y += LINE;
		buf_printf(&body, "<text x=\"0\" y=\"%d\">", y - 5);
		buf_puts_escaped(&body, labels[i]);
		buf_puts(&body, "</text>\n");
		buf_printf(&body, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" "
		    "fill=\"#ffffff\" stroke=\"#555555\"/>\n", y, TREND_BAR, BAR - 4);
		if (rate > 0)
			buf_printf(&body, "<rect x=\"0\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"%s\" stroke=\"#111111\" "
			    "stroke-width=\"0.5\"/>\n", y, rate * TREND_BAR / 1000,
			    BAR - 4, shades[1].fill);
		if (rates[i] >= 0)
			permille_format(rates[i], text);
		else
			strcpy(text, "—");
		buf_printf(&body, "<text x=\"%d\" y=\"%d\">%s%s</text>\n",
		    TREND_BAR + 6, y + (BAR - 4) / 2 + FONT / 2 - 1, text,
		    rates[i] >= 0 ? "%" : "");
		y += BAR - 4 + 10;
	}
	buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"trend-title\">\n"
	    "<title id=\"trend-title\">", CHART_WIDTH, y);
	buf_puts_escaped(out, title);
	buf_puts(out, "：");
	for (size_t i = 0; i < n; i++) {
		char text[16];
		permille_format(rates[i], text);
		buf_puts(out, i ? "；" : "");
		buf_puts_escaped(out, labels[i]);
		buf_printf(out, " %s%s", text, rates[i] >= 0 ? "%" : "");
	}
	buf_puts(out, "</title>\n");
	buf_printf(out, "<g font-size=\"%d\" fill=\"#111111\">\n", FONT);
	buf_put(out, body.data ? body.data : "", body.len);
	buf_puts(out, "</g>\n</svg>\n");
	buf_free(&body);
}
