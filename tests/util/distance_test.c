/* distance_test.c: the "did you mean" hints: a swap of neighbours is one
 * edit, and of two candidates as near the word's own characters swapped
 * win over one character changed (p62 is p26 mistyped, not p02). */
#include "t.h"

#include <stdio.h>

#include "util/distance.h"

int
main(void)
{
	static const char *const items[] = {"p01", "p02", "p06", "p20", "p23",
		"p26", "p35", NULL};
	static const char *const villages[] = {"zhangjiagou", "wangjia",
		"huaishuwan", "fenghuang", NULL};
	static const char *const words[] = {"decision", "决策", "result", NULL};

	T_INTEQ(edit_distance("p62", "p26", 5), 1, "a swap is one edit");
	T_INTEQ(edit_distance("p62", "p02", 5), 1, "a change is one edit");
	T_INTEQ(edit_distance("决册", "决策", 5), 1, "counted in characters");
	T_STREQ(did_you_mean("p62", items), "p26", "the swapped item first");
	T_STREQ(did_you_mean("p03", items), "p01", "the first as near");
	T_STREQ(did_you_mean("p53", items), "p35", "a swap at any place");
	T_STREQ(did_you_mean("zhangjiagu", villages), "zhangjiagou",
	    "a letter left out");
	T_STREQ(did_you_mean("hauishuwan", villages), "huaishuwan",
	    "two letters swapped");
	T_STREQ(did_you_mean("decison", words), "decision", "one letter out");
	T_STREQ(did_you_mean("决册", words), "决策", "a Chinese word");
	T_STREQ(did_you_mean("shiqiao", villages), NULL, "none near");
	return t_done();
}
