/* group_text.h: the text helpers of the group messages (group_text.c):
 * Markdown as plain lines, Chinese punctuation, counting and cutting by
 * characters. Pure functions, safe on any thread. */
#ifndef NB_CHANNEL_GROUP_TEXT_H
#define NB_CHANNEL_GROUP_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

/* The plain text of Markdown as lines, each ending in '\n': a paragraph or
 * heading a line, list items numbered "1、" or marked "· ", a table's rows
 * as "item：value" lines (the header row left out), emphasis, links and
 * images as their text, raw HTML dropped, no empty line. */
void group_markdown_lines(const char *md, struct buf *out);

/* text with the ASCII marks , : ; ! ? ( ) that follow (or, for a bracket,
 * touch) Chinese text written full-width, appended to out; "1,200" and
 * "9:30" stay as they are. */
void group_punctuate(const char *text, size_t len, struct buf *out);

/* The characters (code points) of valid UTF-8. */
size_t group_chars(const char *s, size_t len);

/* The bytes of s to keep so that at most max_chars characters are kept,
 * ending at a sentence's end (。！？；); len when the whole fits, 0 when
 * no sentence ends in time. */
size_t group_cut(const char *s, size_t len, size_t max_chars);

#endif
