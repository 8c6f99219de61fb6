/* wordbreak_test.c: ICU's dictionary words as ranges a line keeps whole:
 * 审核 and 公示 are never split, Latin text gives no range, and the ranges
 * are byte offsets of the UTF-8 text. Then a flowchart's labels wrapped at
 * every width from one to many lines: no line ends inside 审核, 公示 or
 * the other words of the labels, a label breaks after its punctuation
 * when it can, and two lines are balanced. */
#include <stdlib.h>
#include <string.h>

#include "flow/layout.h"
#include "util/util.h"
#include "util/wordbreak.h"
#include "t.h"

static const char *const labels[] = {
	"村委会审核并张榜公示",
	"镇政府审核后公示",
	"公示无异议报县民政局审批",
	"入户调查、民主评议、公示",
	"材料是否齐全",
	"县民政局审批并发放救助资金",
};
static const char *const words[] = {"审核", "公示", "审批", "调查", "评议",
	"民政局", "救助", "资金", "齐全", "材料", "政府", "村委会"};

/* Whether a break between the lines a and b cuts one of words. (From
 * 70 pt, five characters of 13 pt, every dictionary word of the labels
 * fits a line with the mark after it: 民主评议、 is one to ICU.) */
static const char *
cuts_word(const char *a, const char *b)
{
	for (size_t i = 0; i < NB_COUNT(words); i++) {
		const char *w = words[i];
		size_t n = strlen(w), la = strlen(a);
		for (size_t k = 3; k < n; k += 3)   /* within the word */
			if (la >= k && memcmp(a + la - k, w, k) == 0 &&
			    strncmp(b, w + k, n - k) == 0)
				return w;
	}
	return NULL;
}

static void
check_labels(void)
{
	struct buf err = {0};
	struct fl_fonts *fonts = fl_fonts_new(&err);
	int cut = 0, wraps = 0, unbalanced = 0;

	T_CHECK(fonts != NULL, "the chart's fonts load (%s)",
	    err.data ? err.data : "");
	if (fonts == NULL)
		return;
	for (size_t i = 0; i < NB_COUNT(labels); i++) {
		for (double w = 70; w <= 200; w += 2.5) {
			struct fl_text t;
			fl_text_wrap(fonts, FL_FONT_STEP, labels[i], w, true, &t);
			wraps++;
			for (size_t k = 0; k + 1 < t.n_lines; k++) {
				const char *word = cuts_word(t.lines[k].text,
				    t.lines[k + 1].text);
				if (word != NULL && cut++ < 5)
					printf("      %s at %.1f pt: %s / %s\n",
					    labels[i], w, t.lines[k].text,
					    t.lines[k + 1].text);
			}
			/* two lines: the shorter at least half the longer */
			if (t.n_lines == 2) {
				double a = t.lines[0].w, b = t.lines[1].w;
				if ((a < b ? a : b) < 0.5 * (a > b ? a : b) &&
				    unbalanced++ < 5)
					printf("      unbalanced at %.1f pt: %s / %s\n",
					    w, t.lines[0].text, t.lines[1].text);
			}
			fl_text_free(&t);
		}
	}
	T_CHECK(cut == 0, "no label breaks inside 审核, 公示 or another word "
	    "(%d of %d wraps did)", cut, wraps);
	T_CHECK(unbalanced == 0, "two-line labels are balanced (%d of %d "
	    "wraps were not)", unbalanced, wraps);
	struct fl_text t;
	fl_text_wrap(fonts, FL_FONT_STEP, "入户调查、民主评议、公示", 110, true, &t);
	T_CHECK(t.n_lines == 2 && strcmp(t.lines[0].text, "入户调查、") == 0 &&
	    strcmp(t.lines[1].text, "民主评议、公示") == 0,
	    "a label of two lines breaks after its punctuation (%s / %s)",
	    t.n_lines > 0 ? t.lines[0].text : "", t.n_lines > 1 ?
	    t.lines[1].text : "");
	fl_text_free(&t);
	fl_fonts_free(fonts);
	buf_free(&err);
}

/* Whether bytes [at, at + strlen(word)) of text are one range. */
static int
kept(const char *text, const char *word)
{
	struct wb_word *w = NULL;
	size_t n = wordbreak_words(text, strlen(text), &w);
	const char *p = strstr(text, word);
	int found = 0;

	for (size_t i = 0; p != NULL && i < n; i++)
		if (w[i].start <= (size_t)(p - text) &&
		    w[i].end >= (size_t)(p - text) + strlen(word))
			found = 1;
	free(w);
	return found;
}

int
main(void)
{
	struct wb_word *w = NULL;
	size_t n;

	T_CHECK(kept("镇政府审核", "审核"), "审核 is one word in 镇政府审核");
	T_CHECK(kept("村委会张榜公示", "公示"), "公示 is one word in 村委会张榜公示");
	T_CHECK(kept("县民政局审批", "审批"), "审批 is one word");
	T_CHECK(kept("材料是否齐全", "齐全"), "齐全 is one word");
	T_CHECK(kept("民主评议后公示7天", "公示"), "公示 before a number");
	n = wordbreak_words("审核", strlen("审核"), &w);
	T_CHECK(n == 1 && w[0].start == 0 && w[0].end == strlen("审核"),
	    "the ranges are byte offsets (审核: 0 to 6)");
	free(w);
	n = wordbreak_words("abc defghij", 11, &w);
	T_CHECK(n == 0 && w == NULL, "Latin words are left to pango");
	n = wordbreak_words("", 0, &w);
	T_CHECK(n == 0 && w == NULL, "an empty text has no words");
	n = wordbreak_words("\xff\xfe", 2, &w);
	T_CHECK(n == 0 && w == NULL, "invalid UTF-8 has no words");
	/* a character outside the BMP keeps the offsets right */
	const char *wide = "\xf0\xa0\x80\x80审核公示";
	T_CHECK(kept(wide, "审核") && kept(wide, "公示"),
	    "after a supplementary character the offsets still match");
	T_CHECK(wordbreak_punct("，后", strlen("，后")) == strlen("，") &&
	    wordbreak_punct("后", strlen("后")) == 0,
	    "a comma is punctuation to break after, a Han character is not");
	check_labels();
	return t_done();
}
