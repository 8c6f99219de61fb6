/* yaml.h: YAML text to a tree of nodes that remember where they were written.
 * No scalar is interpreted here: typing is the schema's job (schema.h). */
#ifndef NB_YAML_H
#define NB_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/util.h"

enum ynode_kind {
	YN_SCALAR,
	YN_SEQ,
	YN_MAP
};

/* Where a line of a scalar's source begins in its value: the value bytes
 * from off on come from source line `line`, starting at column `col`. */
struct yline {
	size_t off;
	int line;
	int col;
};

struct ynode {
	enum ynode_kind kind;
	int line;              /* 1-based, in the file (offset applied) */
	int col;               /* 1-based, in characters */
	bool plain;            /* a plain scalar: no quotes, no block style */
	const char *str;       /* scalar text, NUL-terminated */
	size_t len;
	/* A sequence's items; a mapping's keys and values alternate:
	 * kids[2i] is a key (always a scalar), kids[2i+1] its value. */
	struct ynode **kids;
	size_t n;              /* items, or pairs for a mapping */
	uint64_t weight;       /* nodes in the tree with aliases expanded */
	/* a scalar written over several source lines (a literal | or folded >
	 * block, or a flow scalar broken across lines): where each of its
	 * source lines lands in the value, for diagnostics inside it */
	const struct yline *lines;
	size_t n_lines;
};

/* Aliases may repeat a subtree; the tree they expand to is bounded so that
 * "billion laughs" documents are rejected instead of eating the machine. */
#define YAML_MAX_WEIGHT 1000000
#define YAML_MAX_DEPTH 64

/* Parses one YAML document from text. Diagnostics name path; line_offset is
 * added to every line (front matter starts below its `---`). Returns the root,
 * an empty mapping for an empty document, or NULL after reporting an error. */
struct ynode *ytree_load(struct arena *arena, const char *path,
    const char *text, size_t len, int line_offset);

/* The two readers ytree_load chooses between, for the tests that compare
 * them: the plain reader alone (nothing read or reported, *gave_up set,
 * where it leaves the document to libyaml), and libyaml alone. Where the
 * plain reader reads a document, both give the same tree and diagnostics. */
struct ynode *ytree_load_plain(struct arena *arena, const char *path,
    const char *text, size_t len, int line_offset, bool *gave_up);
struct ynode *ytree_load_libyaml(struct arena *arena, const char *path,
    const char *text, size_t len, int line_offset);

/* The line and column in the file of the byte at off in a scalar's value,
 * for a diagnostic about that text: inside a block or multi-line scalar the
 * source line that holds it; in a one-line scalar its own column. */
void ynode_pos_of(const struct ynode *n, size_t off, int *line, int *col);

/* The value of key in a mapping, or NULL. */
const struct ynode *ymap_get(const struct ynode *map, const char *key);
/* A null value: an empty plain scalar (`key:` with nothing after it). */
bool ynode_is_null(const struct ynode *n);
const char *ynode_kind_name(const struct ynode *n);

/* Reports the YAML mistakes clerks make most (a tab indenting a line, a
 * full-width colon or space after a key, no space after the colon, a quote
 * left open), each at its line and column with the fix, in text whose
 * first line is line_offset + 1. Returns how many. */
size_t ytree_report_mistakes(const char *path, const char *text, size_t len,
    int line_offset);

#endif
