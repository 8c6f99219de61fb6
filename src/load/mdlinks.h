/* mdlinks.h: the addresses a record's Markdown links to and shows as
 * images, with where each is written: what the check of local files reads
 * (src/check/files.h), whatever Markdown parser found them. */
#ifndef NB_LOAD_MDLINKS_H
#define NB_LOAD_MDLINKS_H

#include <stdbool.h>
#include <stddef.h>

struct md_link {
	char *url;                 /* as written (entities decoded, not %XX) */
	int line;                  /* 1-based, in the file */
	int col;                   /* 1-based, in characters */
	bool image;
};

struct md_links {
	struct md_link *items;
	size_t len;
	size_t cap;
};

/* Appends the links and images of body, a record's Markdown, whose first
 * line is line first_line of its file. */
void md_links_collect(const char *body, int first_line, struct md_links *out);
void md_links_free(struct md_links *links);

#endif
