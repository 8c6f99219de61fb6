/* distance.c: edit distance (Levenshtein, a swap of neighbours counting
 * as one edit) and the nearest of a list of words. Counted in characters,
 * so that 决册 is one edit from 决策, as decison is from decision. */
#include "util/distance.h"

#include <stdint.h>
#include <string.h>

#include "util/utf8.h"

/* The characters of s, at most max - 1 of them; returns their count, or
 * max when s is longer. */
static size_t
chars_of(const char *s, uint32_t *out, size_t max)
{
	size_t n = 0, len = strlen(s);

	for (size_t i = 0; i < len; n++) {
		if (n + 1 >= max)
			return max;
		int k = utf8_decode(s + i, len - i, &out[n]);
		if (k <= 0) {
			out[n] = (unsigned char)s[i];
			k = 1;
		}
		i += (size_t)k;
	}
	return n;
}

int
edit_distance(const char *as, const char *bs, int limit)
{
	uint32_t a[64], b[64];
	size_t la = chars_of(as, a, 64), lb = chars_of(bs, b, 64);
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

/* Whether a and b hold the same characters, in any order. */
static int
same_letters(const char *as, const char *bs)
{
	uint32_t a[64], b[64];
	size_t la = chars_of(as, a, 64), lb = chars_of(bs, b, 64);

	if (la != lb || la >= 64)
		return 0;
	for (size_t i = 0; i < la; i++) {
		size_t j = 0;
		while (j < lb && b[j] != a[i])
			j++;
		if (j == lb)
			return 0;
		b[j] = b[--lb];
	}
	return 1;
}

const char *
did_you_mean(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	int best_d = 0;
	size_t len = utf8_chars(word, strlen(word));
	/* one edit for short words, about a third of the letters for longer */
	int limit = len <= 4 ? 1 : (int)(len / 3) + 1;

	if (limit > 3)
		limit = 3;
	for (const char *const *c = candidates; *c != NULL; c++) {
		int d = edit_distance(word, *c, limit);
		/* of two as near, the word's own characters swapped (p62
		 * for p26) before one changed (p02) */
		if (d <= limit && (best == NULL || d < best_d ||
		    (d == best_d && same_letters(word, *c) &&
		    !same_letters(word, best)))) {
			best = *c;
			best_d = d;
		}
	}
	return best;
}
