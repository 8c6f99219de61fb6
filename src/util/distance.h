/* distance.h: how near two words are, for "did you mean" hints. */
#ifndef NB_UTIL_DISTANCE_H
#define NB_UTIL_DISTANCE_H

/* Levenshtein distance between two ASCII strings, bounded by limit+1. */
int edit_distance(const char *a, const char *b, int limit);

/* The closest of the candidates to word, or NULL when none is close. */
const char *did_you_mean(const char *word, const char *const *candidates);

#endif
