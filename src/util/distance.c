/* distance.c: edit distance (Levenshtein, a swap of neighbours counting
 * as one edit) and the nearest of a list of words. */
#include "util/distance.h"

#include <string.h>

int
edit_distance(const char *a, const char *b, int limit)
{
	size_t la = strlen(a), lb = strlen(b);
	int rows[3][64];
	int *two = rows[0], *prev = rows[1], *row = rows[2];

	if (la >= 63 || lb >= 63)
		return limit + 1;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int best = (int)i;
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] == b[j - 1] ? 0 : 1;
			int v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			/* a swap of two neighbours counts as one edit */
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && two[j - 2] + 1 < v)
				v = two[j - 2] + 1;
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > limit)
			return limit + 1;
		int *spare = two;
		two = prev;
		prev = row;
		row = spare;
	}
	return prev[lb];
}

const char *
did_you_mean(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	int best_d = 0;
	size_t len = strlen(word);
	/* one edit for short words, about a third of the letters for longer */
	int limit = len <= 4 ? 1 : (int)(len / 3) + 1;

	if (limit > 3)
		limit = 3;
	for (const char *const *c = candidates; *c != NULL; c++) {
		int d = edit_distance(word, *c, limit);
		if (d <= limit && (best == NULL || d < best_d)) {
			best = *c;
			best_d = d;
		}
	}
	return best;
}
