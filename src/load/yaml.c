/* yaml.c: builds the node tree from libyaml's events, or reads the plain
 * shapes front matter nearly always has directly into the same tree.
 * Aliases share nodes instead of copying them; their expanded size and the
 * nesting depth are bounded; merge keys (<<) are applied; duplicate keys
 * are reported. */
#include "load/yaml.h"
#include "util/i18n.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/diag.h"
#include "util/utf8.h"

struct anchor {
	const char *name;
	struct ynode *node;
	bool complete;        /* an alias to an unfinished node would be a cycle */
};

struct frame {
	struct ynode *node;
	struct ptrvec kids;
	const char *anchor;   /* set on the node when it is finished */
};

struct loader {
	struct arena *arena;
	const char *path;
	int line_offset;
	struct frame stack[YAML_MAX_DEPTH + 1];
	int depth;
	struct anchor *anchors;
	size_t n_anchors, cap_anchors;
	bool failed;
};

static void
fail_at(struct loader *ld, yaml_mark_t mark, const char *fmt, const char *arg)
{
	struct pos pos = {ld->path, (int)mark.line + 1 + ld->line_offset,
	    (int)mark.column + 1};
	diag_error(&pos, fmt, arg);
	ld->failed = true;
}

static uint64_t
add_weight(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static void
anchor_add(struct loader *ld, const char *name, struct ynode *node,
    bool complete)
{
	/* a later anchor of the same name replaces the earlier one */
	for (size_t i = ld->n_anchors; i-- > 0;) {
		if (strcmp(ld->anchors[i].name, name) == 0) {
			ld->anchors[i].node = node;
			ld->anchors[i].complete = complete;
			return;
		}
	}
	if (ld->n_anchors == ld->cap_anchors) {
		ld->cap_anchors = ld->cap_anchors ? ld->cap_anchors * 2 : 16;
		ld->anchors = xrealloc(ld->anchors,
		    ld->cap_anchors * sizeof *ld->anchors);
	}
	ld->anchors[ld->n_anchors].name = arena_strdup(ld->arena, name);
	ld->anchors[ld->n_anchors].node = node;
	ld->anchors[ld->n_anchors].complete = complete;
	ld->n_anchors++;
}

static void
anchor_complete(struct loader *ld, const struct ynode *node)
{
	for (size_t i = 0; i < ld->n_anchors; i++)
		if (ld->anchors[i].node == node)
			ld->anchors[i].complete = true;
}

static struct anchor *
anchor_find(struct loader *ld, const char *name)
{
	for (size_t i = ld->n_anchors; i-- > 0;)
		if (strcmp(ld->anchors[i].name, name) == 0)
			return &ld->anchors[i];
	return NULL;
}

/* For a scalar whose source spans several lines, finds where the text of
 * each source line lands in the value: the content of a line (its
 * indentation and, in a block, the indicator line left out) appears in the
 * value as it is written, whatever folding made of the line breaks. A line
 * not found as it is (escapes in a double-quoted scalar) is passed over:
 * its text is then placed on the line before. */
static void
map_lines(struct loader *ld, struct ynode *n, const char *text, size_t len,
    const yaml_event_t *ev)
{
	yaml_scalar_style_t style = ev->data.scalar.style;
	bool block = style == YAML_LITERAL_SCALAR_STYLE ||
	    style == YAML_FOLDED_SCALAR_STYLE;
	bool quoted = style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	size_t s = text_offset_of(text, len, (int)ev->start_mark.line + 1,
	    (int)ev->start_mark.column + 1);
	size_t e = text_offset_of(text, len, (int)ev->end_mark.line + 1,
	    (int)ev->end_mark.column + 1);
	size_t n_src = ev->end_mark.line - ev->start_mark.line + 1;
	struct yline *lines = arena_alloc(ld->arena, n_src * sizeof *lines);
	size_t used = 0, vpos = 0, p = s;
	long indent = -1;

	for (size_t k = 0; k < n_src && p <= e && p < len; k++) {
		const char *nl = memchr(text + p, '\n', e > p ? e - p : 0);
		size_t end = nl != NULL ? (size_t)(nl - text) : e;
		size_t c = p;
		if (block) {
			if (k == 0)
				goto next;          /* the | or > indicator's line */
			size_t sp = 0;
			while (c + sp < end && text[c + sp] == ' ')
				sp++;
			if (c + sp >= end || text[c + sp] == '\r')
				goto next;          /* a blank line */
			if (indent < 0)
				indent = (long)sp;
			c += sp < (size_t)indent ? sp : (size_t)indent;
		} else if (k == 0) {
			c += quoted;            /* the opening quote */
		} else {
			while (c < end && (text[c] == ' ' || text[c] == '\t'))
				c++;
		}
		size_t stop = end;
		while (stop > c && (text[stop - 1] == '\r' ||
		    (!block && (text[stop - 1] == ' ' || text[stop - 1] == '\t'))))
			stop--;
		if (quoted && stop == e && stop > c)
			stop--;                 /* the closing quote */
		if (stop > c && vpos <= n->len) {
			const char *hit = NULL;
			/* the line's text, first as it is, then its start;
			 * near where the last line ended (folding leaves a
			 * space or a few newlines between), so that a long
			 * scalar costs linear time */
			size_t window = vpos + (stop - c) + 256;
			for (size_t want = stop - c; want > 0 && hit == NULL;
			    want = want > 8 ? 8 : 0)
				for (size_t i = vpos; i + want <= n->len &&
				    i <= window; i++)
					if (memcmp(n->str + i, text + c, want) == 0) {
						hit = n->str + i;
						break;
					}
			if (hit != NULL) {
				lines[used].off = (size_t)(hit - n->str);
				lines[used].line = (int)ev->start_mark.line + 1 +
				    (int)k + ld->line_offset;
				size_t bol = c;
				while (bol > 0 && text[bol - 1] != '\n')
					bol--;
				lines[used].col = (int)utf8_chars(text + bol,
				    c - bol) + 1;
				vpos = lines[used].off + 1;
				used++;
			}
		}
next:
		if (nl == NULL)
			break;
		p = end + 1;
	}
	n->lines = lines;
	n->n_lines = used;
}

void
ynode_pos_of(const struct ynode *n, size_t off, int *line, int *col)
{
	*line = n->line;
	*col = n->col;
	if (n->kind != YN_SCALAR || off > n->len)
		return;
	if (n->n_lines == 0) {
		/* one source line: the text's own column, past a quote */
		if (memchr(n->str, '\n', n->len) == NULL)
			*col = n->col + (int)utf8_chars(n->str, off) +
			    (n->plain ? 0 : 1);
		return;
	}
	const struct yline *at = NULL;
	for (size_t i = 0; i < n->n_lines && n->lines[i].off <= off; i++)
		at = &n->lines[i];
	if (at == NULL)
		at = &n->lines[0];
	*line = at->line;
	*col = at->col + (off > at->off ? (int)utf8_chars(n->str + at->off,
	    off - at->off) : 0);
}

static struct ynode *
node_new(struct loader *ld, enum ynode_kind kind, yaml_mark_t mark)
{
	struct ynode *n = arena_alloc(ld->arena, sizeof *n);

	n->kind = kind;
	n->line = (int)mark.line + 1 + ld->line_offset;
	n->col = (int)mark.column + 1;
	n->weight = 1;
	return n;
}

/* Adds a finished node to the container on top of the stack, or makes it the
 * root. Returns false when the document grows past the bound. */
static bool
attach(struct loader *ld, struct ynode *node, struct ynode **root,
    yaml_mark_t mark)
{
	if (ld->depth == 0) {
		*root = node;
		return true;
	}
	struct frame *top = &ld->stack[ld->depth - 1];
	ptrvec_push(&top->kids, node);
	top->node->weight = add_weight(top->node->weight, node->weight);
	if (top->node->weight > YAML_MAX_WEIGHT) {
		fail_at(ld, mark, "%saliases expand this document to more "
		    "than 1000000 nodes; it is refused", "");
		return false;
	}
	return true;
}

static bool
is_merge_key(const struct ynode *key)
{
	return key->plain && strcmp(key->str, "<<") == 0;
}

static bool
pairs_have_key(struct ynode **kids, size_t n_pairs, const char *key)
{
	for (size_t i = 0; i < n_pairs; i++)
		if (strcmp(kids[2 * i]->str, key) == 0)
			return true;
	return false;
}

static int
key_index_cmp(const void *a, const void *b)
{
	struct ynode *const *x = a, *const *y = b;
	int c = strcmp((*x)->str, (*y)->str);

	if (c != 0)
		return c;
	if ((*x)->line != (*y)->line)
		return (*x)->line < (*y)->line ? -1 : 1;
	return (*x)->col < (*y)->col ? -1 : (*x)->col > (*y)->col;
}

static void
report_duplicate(struct loader *ld, const struct ynode *first,
    const struct ynode *again)
{
	struct pos pos = {ld->path, again->line, again->col};
	diag_error(&pos, "duplicate key '%s' (first given at line %d)",
	    again->str, first->line);
	ld->failed = true;
}

static void
check_duplicates(struct loader *ld, struct ynode **kids, size_t n_pairs)
{
	if (n_pairs <= 32) {
		for (size_t i = 1; i < n_pairs; i++)
			for (size_t j = 0; j < i; j++)
				if (strcmp(kids[2 * i]->str, kids[2 * j]->str) == 0) {
					report_duplicate(ld, kids[2 * j], kids[2 * i]);
					break;
				}
		return;
	}
	/* many keys: sort a copy of the keys so this stays n log n */
	struct ynode **keys = xmalloc(n_pairs * sizeof *keys);
	for (size_t i = 0; i < n_pairs; i++)
		keys[i] = kids[2 * i];
	qsort(keys, n_pairs, sizeof *keys, key_index_cmp);
	for (size_t i = 1; i < n_pairs; i++) {
		size_t first = i - 1;
		while (i < n_pairs && strcmp(keys[i]->str, keys[first]->str) == 0)
			report_duplicate(ld, keys[first], keys[i++]);
	}
	free(keys);
}

/* Finishes a mapping: own keys first, then keys merged in with `<<` from a
 * mapping or a list of mappings, each only where not already given. */
static void
finish_map(struct loader *ld, struct frame *f)
{
	struct ynode *map = f->node;
	size_t n = f->kids.len / 2, own = 0;
	struct ptrvec out = {0};
	bool merges = false;

	for (size_t i = 0; i < n; i++) {
		struct ynode *key = f->kids.items[2 * i];
		if (is_merge_key(key)) {
			merges = true;
			continue;
		}
		ptrvec_push(&out, key);
		ptrvec_push(&out, f->kids.items[2 * i + 1]);
		own++;
	}
	check_duplicates(ld, (struct ynode **)out.items, own);
	for (size_t i = 0; merges && i < n; i++) {
		struct ynode *key = f->kids.items[2 * i];
		struct ynode *val = f->kids.items[2 * i + 1];
		struct ynode *const *srcs = &val;
		size_t n_srcs = 1;

		if (!is_merge_key(key))
			continue;
		if (val->kind == YN_SEQ) {
			srcs = val->kids;
			n_srcs = val->n;
		}
		for (size_t s = 0; s < n_srcs; s++) {
			const struct ynode *src = srcs[s];
			if (src->kind != YN_MAP) {
				struct pos pos = {ld->path, src->line, src->col};
				diag_error(&pos, "'<<' merges mappings only: give an "
				    "alias of a mapping such as *defaults");
				ld->failed = true;
				continue;
			}
			for (size_t k = 0; k < src->n; k++) {
				struct ynode *mk = src->kids[2 * k];
				if (pairs_have_key((struct ynode **)out.items,
				    out.len / 2, mk->str))
					continue;
				ptrvec_push(&out, mk);
				ptrvec_push(&out, src->kids[2 * k + 1]);
			}
		}
	}
	map->n = out.len / 2;
	map->kids = arena_memdup(ld->arena, out.items,
	    out.len * sizeof *out.items);
	ptrvec_free(&out);
}

static const char *
hint_for(const char *text, size_t len, yaml_mark_t mark)
{
	/* libyaml counts characters, the text is bytes */
	size_t off = text_offset_of(text, len, (int)mark.line + 1,
	    (int)mark.column + 1);

	/* a tab at or just before the problem is the usual culprit */
	for (size_t i = off > 2 ? off - 2 : 0; i < len && i <= off + 1; i++)
		if (text[i] == '\t')
			return _(" (tabs cannot indent YAML: use spaces)");
	return "";
}

/* ---- the mistakes clerks make most, named for what they are ---- */

static bool
key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* The column (1-based, in characters) of byte off of a line. */
static int
column_of(const char *line, size_t off)
{
	return (int)utf8_chars(line, off) + 1;
}

/* A key written at line[k..] (after indentation, "- " or "{" / ", "):
 * what follows its name. Reports and returns true on a mistake. */
static bool
check_key_at(const char *path, int lineno, const char *line, size_t len,
    size_t k)
{
	size_t e = k;
	char key[64];

	while (e < len && key_char(line[e]))
		e++;
	if (e == k || e - k >= sizeof key || !((line[k] >= 'a' &&
	    line[k] <= 'z') || (line[k] >= 'A' && line[k] <= 'Z')))
		return false;
	memcpy(key, line + k, e - k);
	key[e - k] = '\0';
	size_t c = e;
	while (c < len && line[c] == ' ')
		c++;
	struct pos pos = {path, lineno, column_of(line, c)};
	/* U+FF1A FULLWIDTH COLON */
	if (len - c >= 3 && memcmp(line + c, "\xef\xbc\x9a", 3) == 0) {
		diag_error(&pos, "after the key '%s' comes a full-width colon "
		    "'：': write a half-width colon and a space, '%s: ...'", key,
		    key);
		return true;
	}
	if (c != e || c >= len || line[c] != ':')
		return false;
	c++;
	pos.col = column_of(line, c);
	/* U+3000 IDEOGRAPHIC SPACE */
	if (len - c >= 3 && memcmp(line + c, "\xe3\x80\x80", 3) == 0) {
		diag_error(&pos, "after '%s:' comes a full-width space: write a "
		    "half-width space, '%s: ...'", key, key);
		return true;
	}
	if (c < len && line[c] != ' ' && line[c] != '\t' && line[c] != '\r' &&
	    line[c] != '/' && line[c] != ':') {
		/* the value as far as a comment, at most 20 bytes, cut between
		 * characters */
		const char *hash = memchr(line + c, '#', len - c);
		size_t show = (hash != NULL ? (size_t)(hash - line) : len) - c;
		while (show > 0 && line[c + show - 1] == ' ')
			show--;
		if (show > 20) {
			show = 20;
			while (show > 0 && ((unsigned char)line[c + show] & 0xC0) ==
			    0x80)
				show--;
		}
		diag_error(&pos, "'%s:' needs a space after the colon: write "
		    "'%s: %.*s'", key, key, (int)show, line + c);
		return true;
	}
	return false;
}

/* A quoted value that does not end on its line. */
static bool
check_quotes(const char *path, int lineno, const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);

	if (colon == NULL || (size_t)(colon - line) + 2 > len ||
	    colon[1] != ' ')
		return false;
	size_t v = (size_t)(colon - line) + 2;
	while (v < len && line[v] == ' ')
		v++;
	if (v >= len || (line[v] != '"' && line[v] != '\''))
		return false;
	char q = line[v];
	for (size_t i = v + 1; i < len; i++) {
		if (line[i] == '\\' && q == '"' && i + 1 < len) {
			i++;
			continue;
		}
		if (line[i] == q) {
			if (q == '\'' && i + 1 < len && line[i + 1] == '\'') {
				i++;
				continue;
			}
			return false;
		}
	}
	struct pos pos = {path, lineno, column_of(line, v)};
	diag_error(&pos, "the quote %c opened here is not closed: add %c at "
	    "the end of the text, or leave both quotes out", q, q);
	return true;
}

size_t
ytree_report_mistakes(const char *path, const char *text, size_t len,
    int line_offset)
{
	size_t found = 0;
	int lineno = line_offset;
	long block = -1;           /* inside a block scalar (| or >) indented
	                              deeper than this, -1: not */

	for (size_t at = 0; at < len; ) {
		const char *line = text + at;
		const char *nl = memchr(line, '\n', len - at);
		size_t n = nl != NULL ? (size_t)(nl - line) : len - at;
		size_t k = 0;
		lineno++;
		at += n + 1;
		if (n > 0 && line[n - 1] == '\r')
			n--;               /* a file saved on Windows */
		while (k < n && (line[k] == ' ' || line[k] == '\t'))
			k++;
		if (k == n || line[k] == '#')
			continue;
		/* the text of a block scalar is text, whatever it looks like */
		if (block >= 0 && (long)k > block)
			continue;
		block = -1;
		size_t end = n;
		while (end > k && line[end - 1] == ' ')
			end--;
		if (end > k && (line[end - 1] == '|' || line[end - 1] == '>' ||
		    ((line[end - 1] == '-' || line[end - 1] == '+') && end - 1 > k &&
		    (line[end - 2] == '|' || line[end - 2] == '>'))))
			block = (long)k;
		const char *tab = memchr(line, '\t', k);
		if (tab != NULL) {
			struct pos pos = {path, lineno, column_of(line,
			    (size_t)(tab - line))};
			diag_error(&pos, "this line is indented with a tab: YAML "
			    "takes spaces only; replace the tab with spaces");
			found++;
			continue;
		}
		if (n - k >= 2 && line[k] == '-' && line[k + 1] == ' ') {
			k += 2;
			while (k < n && line[k] == ' ')
				k++;
		}
		bool bad = false;
		if (k < n && line[k] != '{')
			bad = check_key_at(path, lineno, line, n, k);
		/* the keys of a flow mapping {a: 1, b: 2} */
		for (size_t i = k; i < n && !bad; i++)
			if (line[i] == '{' || line[i] == ',') {
				size_t j = i + 1;
				while (j < n && line[j] == ' ')
					j++;
				bad = check_key_at(path, lineno, line, n, j);
			}
		if (!bad)
			bad = check_quotes(path, lineno, line, n);
		found += bad;
	}
	return found;
}

static void
report_parser_error(struct loader *ld, yaml_parser_t *p, const char *text,
    size_t len)
{
	struct pos pos = {ld->path, 0, 0};
	struct buf msg = {0};

	/* a mistake named for what it is says more than the parser can */
	if (p->error != YAML_MEMORY_ERROR && ytree_report_mistakes(ld->path,
	    text, len, ld->line_offset) > 0) {
		ld->failed = true;
		return;
	}

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		nb_out_of_memory();
		break;
	case YAML_READER_ERROR: {
		int line, col;
		size_t off = p->problem_offset < len ? p->problem_offset : len;
		text_position(text, off, &line, &col);
		pos.line = line + ld->line_offset;
		pos.col = col;
		buf_printf(&msg, _("cannot read the text: %s"),
		    p->problem ? p->problem : "invalid input");
		break;
	}
	default:
		pos.line = (int)p->problem_mark.line + 1 + ld->line_offset;
		pos.col = (int)p->problem_mark.column + 1;
		buf_printf(&msg, _("YAML syntax: %s"), p->problem ? p->problem :
		    "invalid document");
		if (p->context != NULL)
			buf_printf(&msg, _(" (%s at line %d)"), p->context,
			    (int)p->context_mark.line + 1 + ld->line_offset);
		buf_puts(&msg, hint_for(text, len, p->problem_mark));
		break;
	}
	diag_error(&pos, "%s", msg.data ? msg.data : "invalid YAML");
	buf_free(&msg);
	ld->failed = true;
}

/* ---- the plain subset, without libyaml ----
 *
 * Front matter is nearly always the same few shapes: keys with one-line
 * plain values, flow mappings and lists of plain values on one line, and
 * block lists of those. They are read here directly, into the same tree
 * libyaml's events would make (the same nodes, marks and weights); at
 * anything else (quotes, comments, tabs, anchors, tags, block scalars,
 * values over several lines, an empty value, a colon inside a value, a
 * character libyaml would refuse or treat as a line break) the reader
 * gives up before it has reported anything, and libyaml reads the
 * document. It costs a fifth of what libyaml's events do. */

struct plain {
	struct arena *arena;
	const char *text;
	size_t len;
	size_t at;             /* the start of the current line */
	int line;              /* 0-based, of the current line */
	int line_offset;
	int depth;
	bool gave_up;
};

#define PLAIN_MAX_DEPTH 16

/* Whether every character is one libyaml takes as it is inside a plain
 * scalar: valid UTF-8 (libyaml refuses the rest, at its place), printable,
 * no tab, carriage return, BOM or Unicode line break, and no '#' (a
 * comment, or part of a value: libyaml decides). */
static bool
plain_chars_ok(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if ((c < 0x20 && c != '\n') || c == 0x7F || c == '#')
				return false;
			i++;
			continue;
		}
		/* the whole sequence (utf8_decode trusts its input): no
		 * stray continuation byte, cut or overlong form */
		size_t n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 :
		    (c & 0xF8) == 0xF0 ? 4 : 0;
		if (n == 0 || len - i < n)
			return false;
		uint32_t cp = c & (0x7Fu >> n);
		for (size_t k = 1; k < n; k++) {
			unsigned char cc = (unsigned char)s[i + k];
			if ((cc & 0xC0) != 0x80)
				return false;
			cp = cp << 6 | (cc & 0x3Fu);
		}
		/* below 0xA0: C1 controls and NEL, or an overlong form */
		if (cp < (n == 2 ? 0xA0u : n == 3 ? 0x800u : 0x10000u) ||
		    cp == 0x2028 || cp == 0x2029 ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFEFF ||
		    cp == 0xFFFE || cp == 0xFFFF || cp > 0x10FFFF)
			return false;
		i += n;
	}
	return true;
}

static struct ynode *
plain_give_up(struct plain *p)
{
	p->gave_up = true;
	return NULL;
}

static struct ynode *
plain_node(struct plain *p, enum ynode_kind kind, const char *at)
{
	struct ynode *n = arena_alloc(p->arena, sizeof *n);
	const char *line = p->text + p->at;

	n->kind = kind;
	n->line = p->line + 1 + p->line_offset;
	n->col = 1 + (int)utf8_chars(line, (size_t)(at - line));
	n->weight = 1;
	return n;
}

/* The end of the current line (its '\n' or the end of the text). */
static const char *
plain_eol(const struct plain *p)
{
	const char *nl = memchr(p->text + p->at, '\n', p->len - p->at);
	return nl != NULL ? nl : p->text + p->len;
}

static void
plain_next_line(struct plain *p)
{
	const char *eol = plain_eol(p);

	p->at = (size_t)(eol - p->text) + (eol < p->text + p->len);
	p->line++;
}

/* Passes blank lines; returns the indent of the next line, or -1 at the
 * end of the text. */
static int
plain_indent(struct plain *p)
{
	while (p->at < p->len) {
		const char *s = p->text + p->at, *eol = plain_eol(p);
		const char *c = s;
		while (c < eol && *c == ' ')
			c++;
		if (c < eol)
			return (int)(c - s);
		plain_next_line(p);
	}
	return -1;
}

/* A plain scalar's first character that would make it something else. */
static bool
plain_indicator(char c)
{
	return c == '\0' || strchr("-?:,[]{}#&*!|>'\"%@` ", c) != NULL;
}

/* A plain scalar from s up to a stop character (',' and close, when
 * not '\0') or end, its trailing spaces trimmed; NULL to give up: empty,
 * or holding a character that could end it or mean something else here. */
static struct ynode *
plain_scalar(struct plain *p, const char *s, const char *end, char close,
    const char **after)
{
	const char *e = s;

	if (s >= end || plain_indicator(*s))
		return plain_give_up(p);
	for (; e < end; e++) {
		char c = *e;
		if (close != '\0' && (c == ',' || c == close))
			break;
		if (c == ':' || c == '[' || c == ']' || c == '{' || c == '}')
			return plain_give_up(p);
	}
	*after = e;
	while (e > s && e[-1] == ' ')
		e--;
	struct ynode *n = plain_node(p, YN_SCALAR, s);
	n->plain = true;
	n->len = (size_t)(e - s);
	n->str = arena_strndup(p->arena, s, n->len);
	return n;
}

static void
plain_add(struct ptrvec *kids, struct ynode *parent, struct ynode *kid)
{
	ptrvec_push(kids, kid);
	parent->weight = add_weight(parent->weight, kid->weight);
}

static void
plain_close(struct plain *p, struct ynode *n, struct ptrvec *kids)
{
	n->n = n->kind == YN_MAP ? kids->len / 2 : kids->len;
	n->kids = arena_memdup(p->arena, kids->items,
	    kids->len * sizeof *kids->items);
	ptrvec_free(kids);
}

/* A flow mapping or list on one line, from its bracket at s. */
static struct ynode *
plain_flow(struct plain *p, const char *s, const char *end,
    const char **after)
{
	bool is_map = *s == '{';
	char close = is_map ? '}' : ']';
	struct ynode *n = plain_node(p, is_map ? YN_MAP : YN_SEQ, s);
	struct ptrvec kids = {0};
	const char *c = s + 1;

	while (c < end && *c == ' ')
		c++;
	if (c < end && *c == close) {
		*after = c + 1;
		plain_close(p, n, &kids);
		return n;
	}
	for (;;) {
		struct ynode *key = NULL, *val;
		if (is_map) {
			/* libyaml forgets a key longer than 1024
			 * characters, and then refuses its ':' */
			const char *k = c;
			key = plain_scalar(p, k, end, ':', &c);
			if (key == NULL || c + 1 >= end || *c != ':' ||
			    c[1] != ' ' || c[-1] == ' ' || c - k > 1000)
				break;
			c += 2;
			while (c < end && *c == ' ')
				c++;
		}
		val = plain_scalar(p, c, end, close, &c);
		if (val == NULL || c >= end)
			break;
		if (key != NULL)
			plain_add(&kids, n, key);
		plain_add(&kids, n, val);
		if (*c == close) {
			*after = c + 1;
			plain_close(p, n, &kids);
			return n;
		}
		c++;
		while (c < end && *c == ' ')
			c++;
	}
	ptrvec_free(&kids);
	return plain_give_up(p);
}

/* A value on the line of its key or list dash, at s; then the next line. */
static struct ynode *
plain_inline(struct plain *p, const char *s)
{
	const char *end = plain_eol(p), *after = end;
	struct ynode *n;

	if (*s == '{' || *s == '[') {
		n = plain_flow(p, s, end, &after);
		while (n != NULL && after < end && *after == ' ')
			after++;
		if (n != NULL && after != end)
			return plain_give_up(p);
	} else {
		n = plain_scalar(p, s, end, '\0', &after);
	}
	if (n != NULL)
		plain_next_line(p);
	return n;
}

/* Whether the line's text at s is a list entry: a dash and a space. */
static bool
plain_dash(const struct plain *p, const char *s)
{
	return s + 1 < p->text + p->len && s[0] == '-' && s[1] == ' ';
}

static struct ynode *plain_block(struct plain *p, int indent);

/* The value of a key with nothing after its colon: a block below it, or a
 * list at the key's own indent. */
static struct ynode *
plain_value_below(struct plain *p, int key_indent)
{
	int i = plain_indent(p);
	const char *s = p->text + p->at + (i < 0 ? 0 : i);

	if (i > key_indent || (i == key_indent && plain_dash(p, s)))
		return plain_block(p, i);
	return plain_give_up(p);
}

/* A block mapping or list whose lines are at indent. */
static struct ynode *
plain_block(struct plain *p, int indent)
{
	const char *s = p->text + p->at + indent;
	bool is_seq = plain_dash(p, s);
	struct ynode *n;
	struct ptrvec kids = {0};

	if (++p->depth > PLAIN_MAX_DEPTH)
		return plain_give_up(p);
	n = plain_node(p, is_seq ? YN_SEQ : YN_MAP, s);
	for (;;) {
		int i = plain_indent(p);
		if (i < indent)
			break;
		if (i > indent)
			goto give_up;
		s = p->text + p->at + i;
		const char *eol = plain_eol(p);
		bool dash = plain_dash(p, s);
		if (dash != is_seq) {
			/* a list at its key's indent ends at the next key */
			if (is_seq)
				break;
			goto give_up;
		}
		if (is_seq) {
			const char *v = s + 2;
			while (v < eol && *v == ' ')
				v++;
			struct ynode *item = v < eol ? plain_inline(p, v) : NULL;
			if (item == NULL)
				goto give_up;
			plain_add(&kids, n, item);
			continue;
		}
		/* "..." or "---" at the start of a line can end or start a
		 * document ("... x: 1"): libyaml's to say */
		if (i == 0 && eol - s >= 3 && (memcmp(s, "...", 3) == 0 ||
		    memcmp(s, "---", 3) == 0))
			goto give_up;
		const char *colon = s;
		while (colon < eol && *colon != ':')
			colon++;
		/* an empty key (a line that starts with ':') is libyaml's */
		if (colon >= eol || colon == s || colon - s > 1000 ||
		    colon[-1] == ' ' || (colon + 1 < eol && colon[1] != ' '))
			goto give_up;
		const char *after;
		struct ynode *key = plain_scalar(p, s, colon, '\0', &after);
		if (key == NULL)
			goto give_up;
		const char *v = colon + 1;
		while (v < eol && *v == ' ')
			v++;
		struct ynode *val;
		if (v < eol) {
			val = plain_inline(p, v);
		} else {
			plain_next_line(p);
			val = plain_value_below(p, indent);
		}
		if (val == NULL)
			goto give_up;
		plain_add(&kids, n, key);
		plain_add(&kids, n, val);
	}
	p->depth--;
	plain_close(p, n, &kids);
	return n;
give_up:
	ptrvec_free(&kids);
	return plain_give_up(p);
}

/* Finishes the mappings of a tree read by the plain reader, innermost
 * first, as libyaml's end events would; stops at the first that fails. */
static void
plain_finish(struct loader *ld, struct ynode *n)
{
	for (size_t i = 0; i < (n->kind == YN_MAP ? 2 * n->n : n->n) &&
	    !ld->failed; i++)
		plain_finish(ld, n->kids[i]);
	if (n->kind != YN_MAP || ld->failed)
		return;
	struct frame f = {n, {(void **)n->kids, 2 * n->n, 2 * n->n}, NULL};
	finish_map(ld, &f);
}

/* The tree of a document in the plain subset, or NULL (gave_up) for
 * libyaml to read it. */
static struct ynode *
plain_load(struct plain *p)
{
	struct ynode *root;
	int i;

	if (!plain_chars_ok(p->text, p->len) || (i = plain_indent(p)) < 0)
		return plain_give_up(p);
	root = plain_block(p, i);
	if (root != NULL && plain_indent(p) >= 0)
		return plain_give_up(p);
	if (root != NULL && root->weight > YAML_MAX_WEIGHT)
		return plain_give_up(p);
	return root;
}

struct ynode *
ytree_load_plain(struct arena *arena, const char *path, const char *text,
    size_t len, int line_offset, bool *gave_up)
{
	struct loader ld = {0};
	struct plain pl = {arena, text, len, 0, 0, line_offset, 0, false};
	struct ynode *root;

	ld.arena = arena;
	ld.path = path;
	ld.line_offset = line_offset;
	root = plain_load(&pl);
	*gave_up = root == NULL;
	if (root == NULL)
		return NULL;
	plain_finish(&ld, root);
	return ld.failed ? NULL : root;
}

struct ynode *
ytree_load_libyaml(struct arena *arena, const char *path, const char *text,
    size_t len, int line_offset)
{
	struct loader ld = {0};
	yaml_parser_t parser;
	yaml_event_t ev;
	struct ynode *root = NULL;
	int documents = 0;
	bool done = false;

	ld.arena = arena;
	ld.path = path;
	ld.line_offset = line_offset;
	if (!yaml_parser_initialize(&parser))
		nb_out_of_memory();
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	while (!done && !ld.failed) {
		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(&ld, &parser, text, len);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1)
				fail_at(&ld, ev.start_mark, "%sonly one YAML "
				    "document is allowed here (remove the second "
				    "'---')", "");
			break;
		case YAML_SCALAR_EVENT: {
			struct ynode *n = node_new(&ld, YN_SCALAR, ev.start_mark);
			const char *value = (const char *)ev.data.scalar.value;
			n->len = ev.data.scalar.length;
			n->str = arena_strndup(arena, value, n->len);
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			if (ev.end_mark.line > ev.start_mark.line)
				map_lines(&ld, n, text, len, &ev);
			if (ev.data.scalar.anchor != NULL)
				anchor_add(&ld, (const char *)ev.data.scalar.anchor,
				    n, true);
			attach(&ld, n, &root, ev.start_mark);
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			bool is_map = ev.type == YAML_MAPPING_START_EVENT;
			const yaml_char_t *anchor = is_map ?
			    ev.data.mapping_start.anchor :
			    ev.data.sequence_start.anchor;
			if (ld.depth >= YAML_MAX_DEPTH) {
				fail_at(&ld, ev.start_mark, "%snesting is deeper "
				    "than 64 levels", "");
				break;
			}
			struct frame *f = &ld.stack[ld.depth++];
			memset(f, 0, sizeof *f);
			f->node = node_new(&ld, is_map ? YN_MAP : YN_SEQ,
			    ev.start_mark);
			if (anchor != NULL)
				anchor_add(&ld, (const char *)anchor, f->node, false);
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			struct frame *f = &ld.stack[ld.depth - 1];
			struct ynode *n = f->node;
			if (n->kind == YN_MAP) {
				for (size_t i = 0; i < f->kids.len; i += 2) {
					struct ynode *k = f->kids.items[i];
					if (k->kind != YN_SCALAR) {
						struct pos pos = {path, k->line, k->col};
						diag_error(&pos, "a key must be plain text, "
						    "not a %s", ynode_kind_name(k));
						ld.failed = true;
					}
				}
				if (!ld.failed)
					finish_map(&ld, f);
			} else {
				n->n = f->kids.len;
				n->kids = arena_memdup(arena, f->kids.items,
				    f->kids.len * sizeof *f->kids.items);
			}
			ptrvec_free(&f->kids);
			ld.depth--;
			anchor_complete(&ld, n);
			attach(&ld, n, &root, ev.start_mark);
			break;
		}
		case YAML_ALIAS_EVENT: {
			const char *name = (const char *)ev.data.alias.anchor;
			struct anchor *a = anchor_find(&ld, name);
			if (a == NULL) {
				fail_at(&ld, ev.start_mark, "unknown alias '*%s': "
				    "no anchor of that name comes before it", name);
			} else if (!a->complete) {
				fail_at(&ld, ev.start_mark, "alias '*%s' refers to "
				    "a node that contains it", name);
			} else {
				attach(&ld, a->node, &root, ev.start_mark);
			}
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	for (int i = 0; i < ld.depth; i++)
		ptrvec_free(&ld.stack[i].kids);
	free(ld.anchors);
	yaml_parser_delete(&parser);
	if (ld.failed)
		return NULL;
	/* "title：村道" or "title:村道" alone reads as one plain value: said
	 * for what it is rather than "must be keys and values" */
	if (root != NULL && root->kind == YN_SCALAR &&
	    ytree_report_mistakes(path, text, len, line_offset) > 0)
		return NULL;
	if (root == NULL) {
		yaml_mark_t start = {0, 0, 0};
		root = node_new(&ld, YN_MAP, start);
	}
	return root;
}

struct ynode *
ytree_load(struct arena *arena, const char *path, const char *text,
    size_t len, int line_offset)
{
	bool gave_up;
	struct ynode *root = ytree_load_plain(arena, path, text, len,
	    line_offset, &gave_up);

	if (!gave_up)
		return root;
	return ytree_load_libyaml(arena, path, text, len, line_offset);
}

const struct ynode *
ymap_get(const struct ynode *map, const char *key)
{
	if (map == NULL || map->kind != YN_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->kids[2 * i]->str, key) == 0)
			return map->kids[2 * i + 1];
	return NULL;
}

bool
ynode_is_null(const struct ynode *n)
{
	return n == NULL || (n->kind == YN_SCALAR && n->plain &&
	    (n->len == 0 || strcmp(n->str, "~") == 0 ||
	    strcmp(n->str, "null") == 0));
}

const char *
ynode_kind_name(const struct ynode *n)
{
	switch (n->kind) {
	case YN_SCALAR: return _("single value");
	case YN_SEQ: return _("list");
	case YN_MAP: return _("mapping");
	}
	return "?";
}
