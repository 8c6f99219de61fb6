/* mustache.c: the Mustache engine: the data tree, a one-pass compiler from
 * template text to a tree of nodes, and a renderer that only reads them. */
#define _POSIX_C_SOURCE 200809L
#include "site/mustache.h"
#include "util/i18n.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- data ---- */

enum mu_kind { MU_NULL, MU_BOOL, MU_STR, MU_LIST, MU_MAP };

struct mu_entry {
	const char *key;
	size_t key_len;
	uint32_t hash;
	const struct mu_value *value;
};

struct mu_value {
	enum mu_kind kind;
	bool boolean;
	const char *text;               /* MU_STR, numbers included */
	size_t len;
	struct arena *arena;            /* MU_LIST, MU_MAP: where they grow */
	const struct mu_value **items;  /* MU_LIST */
	struct mu_entry *entries;       /* MU_MAP */
	size_t count;                   /* items or entries */
	size_t cap;
};

static const struct mu_value mu_null_value = { .kind = MU_NULL };

static uint32_t
hash_bytes(const char *s, size_t len)
{
	uint32_t h = 2166136261u;   /* FNV-1a */

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static struct mu_value *
value_new(struct arena *arena, enum mu_kind kind)
{
	struct mu_value *v = arena_alloc(arena, sizeof *v);

	v->kind = kind;
	v->arena = arena;
	return v;
}

struct mu_value *
mu_null(struct arena *arena)
{
	return value_new(arena, MU_NULL);
}

struct mu_value *
mu_bool(struct arena *arena, bool value)
{
	struct mu_value *v = value_new(arena, MU_BOOL);

	v->boolean = value;
	return v;
}

struct mu_value *
mu_strn(struct arena *arena, const char *text, size_t len)
{
	struct mu_value *v = value_new(arena, MU_STR);

	v->text = arena_strndup(arena, text, len);
	v->len = len;
	return v;
}

struct mu_value *
mu_str(struct arena *arena, const char *text)
{
	return mu_strn(arena, text, strlen(text));
}

struct mu_value *
mu_str_ref(struct arena *arena, const char *text)
{
	struct mu_value *v = value_new(arena, MU_STR);

	v->text = text;
	v->len = strlen(text);
	return v;
}

struct mu_value *
mu_int(struct arena *arena, long long value)
{
	char digits[DECIMAL_SIZE];
	size_t len = decimal_text(value, digits);

	return mu_strn(arena, digits, len);
}

struct mu_value *
mu_list(struct arena *arena)
{
	return value_new(arena, MU_LIST);
}

struct mu_value *
mu_map(struct arena *arena)
{
	return value_new(arena, MU_MAP);
}

/* Doubles the capacity of a list or map inside its arena; the old array
 * stays in the arena, which at most doubles the memory used. */
static void
value_grow(struct mu_value *v, size_t size)
{
	size_t cap = v->cap ? v->cap * 2 : 8;
	void *old = v->kind == MU_LIST ? (void *)v->items : (void *)v->entries;
	void *fresh = arena_alloc(v->arena, cap * size);

	if (v->count > 0)
		memcpy(fresh, old, v->count * size);
	if (v->kind == MU_LIST)
		v->items = fresh;
	else
		v->entries = fresh;
	v->cap = cap;
}

void
mu_list_push(struct mu_value *list, const struct mu_value *item)
{
	if (list == NULL || list->kind != MU_LIST)
		return;
	if (list->count == list->cap)
		value_grow(list, sizeof *list->items);
	list->items[list->count++] = item != NULL ? item : &mu_null_value;
}

static const struct mu_value *
map_find(const struct mu_value *map, const char *key, size_t len,
    uint32_t hash)
{
	for (size_t i = 0; i < map->count; i++) {
		const struct mu_entry *e = &map->entries[i];
		if (e->hash == hash && e->key_len == len &&
		    memcmp(e->key, key, len) == 0)
			return e->value;
	}
	return NULL;
}

static void
map_set(struct mu_value *map, const char *key, const struct mu_value *value,
    bool copy)
{
	size_t len;
	uint32_t hash;

	if (map == NULL || map->kind != MU_MAP || key == NULL)
		return;
	if (value == NULL)
		value = &mu_null_value;
	len = strlen(key);
	hash = hash_bytes(key, len);
	for (size_t i = 0; i < map->count; i++) {
		struct mu_entry *e = &map->entries[i];
		if (e->hash == hash && e->key_len == len &&
		    memcmp(e->key, key, len) == 0) {
			e->value = value;
			return;
		}
	}
	if (map->count == map->cap)
		value_grow(map, sizeof *map->entries);
	map->entries[map->count++] = (struct mu_entry){
		.key = copy ? arena_strndup(map->arena, key, len) : key,
		.key_len = len,
		.hash = hash,
		.value = value,
	};
}

void
mu_map_set(struct mu_value *map, const char *key,
    const struct mu_value *value)
{
	map_set(map, key, value, true);
}

void
mu_map_set_ref(struct mu_value *map, const char *key,
    const struct mu_value *value)
{
	map_set(map, key, value, false);
}

const struct mu_value *
mu_map_get(const struct mu_value *map, const char *key)
{
	size_t len;

	if (map == NULL || map->kind != MU_MAP || key == NULL)
		return NULL;
	len = strlen(key);
	return map_find(map, key, len, hash_bytes(key, len));
}

static bool
value_truthy(const struct mu_value *v)
{
	if (v == NULL)
		return false;
	switch (v->kind) {
	case MU_NULL:
		return false;
	case MU_BOOL:
		return v->boolean;
	case MU_STR:
		return v->len > 0;
	case MU_LIST:
		return v->count > 0;
	case MU_MAP:
		return true;
	}
	return false;
}

/* ---- compiled templates ---- */

enum node_kind {
	N_TEXT,      /* literal text */
	N_VAR,       /* {{name}}, escaped */
	N_RAW,       /* {{{name}}} or {{&name}} */
	N_SECTION,   /* {{#name}}...{{/name}} */
	N_INVERTED,  /* {{^name}}...{{/name}} */
	N_PARTIAL,   /* {{>name}} */
	N_PARENT,    /* {{<name}}...{{/name}}: body holds only its blocks */
	N_BLOCK,     /* {{$name}}...{{/name}}: body is the default content */
};

struct name_part {
	const char *text;
	size_t len;
	uint32_t hash;
};

/* A dotted name split once at compile time; no parts means ".". */
struct name {
	struct name_part *parts;
	size_t count;
};

struct node_list {
	const struct node *items;
	size_t len;
};

struct node {
	enum node_kind kind;
	int line;
	const char *text;       /* N_TEXT: the text; otherwise the tag's name */
	size_t len;
	struct name name;       /* N_VAR, N_RAW, N_SECTION, N_INVERTED */
	struct node_list body;
	/* N_PARTIAL, N_PARENT: indentation of a standalone tag, added to each
	 * line of the template. N_BLOCK: added to each line of the content. */
	const char *indent;
	size_t indent_len;
	/* N_BLOCK: the opening tag stood alone on its line, so its content
	 * lost its own indentation and gets indent back, default or not. */
	bool standalone;
	const struct mu_template *target;   /* N_PARTIAL, N_PARENT */
	const struct mu_template *owner;    /* for messages */
};

struct mu_template {
	char *name;
	char *path;
	struct arena *arena;
	struct node_list root;
};

struct entry {
	char *name;
	struct mu_template *tpl;   /* NULL: the loader has no such template */
};

struct mu_engine {
	mu_load_fn load;
	void *ctx;
	bool strict;
	pthread_mutex_t lock;
	struct ptrvec entries;     /* struct entry * */
};

/* ---- the compiler ---- */

#define NO_POS ((size_t)-1)

struct frame {
	enum node_kind kind;       /* N_SECTION ... N_BLOCK, or N_TEXT: the root */
	struct node node;          /* the node being built */
	struct node *items;        /* its children so far */
	size_t len, cap;
	struct buf text;           /* literal text not yet made a node */
	const char *dedent;        /* N_BLOCK: indentation removed from each line */
	size_t dedent_len;
	bool in_parent;            /* N_BLOCK: directly inside a parent tag */
	bool left_clear;           /* N_PARENT: only blanks before it on its line */
	size_t text_mark;          /* N_PARENT: enclosing text before its indentation */
};

struct parser {
	struct mu_template *tpl;
	const char *src;
	size_t len;
	size_t pos;                /* where the text not yet consumed starts */
	const char *open_delim, *close_delim;
	size_t open_len, close_len;
	struct frame frames[MU_MAX_DEPTH + 1];
	int depth;                 /* frames[0] is the root */
	size_t line_pos;           /* line counting, monotonic */
	int line;
	struct buf *err;
};

static int
line_at(struct parser *p, size_t pos)
{
	if (pos < p->line_pos) {
		p->line_pos = 0;
		p->line = 1;
	}
	while (p->line_pos < pos) {
		const char *nl = memchr(p->src + p->line_pos, '\n',
		    pos - p->line_pos);
		if (nl == NULL) {
			p->line_pos = pos;
			break;
		}
		p->line++;
		p->line_pos = (size_t)(nl - p->src) + 1;
	}
	return p->line;
}

static void parse_error(struct parser *p, int line, const char *fmt, ...)
    NB_PRINTF(3, 4);

static void
parse_error(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;

	buf_printf(p->err, "%s:%d: ", p->tpl->path, line);
	va_start(ap, fmt);
	buf_vprintf(p->err, fmt, ap);
	va_end(ap);
	buf_putc(p->err, '\n');
}

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

static size_t
find(const char *s, size_t len, size_t from, const char *what, size_t n)
{
	while (from + n <= len) {
		const char *hit = memchr(s + from, what[0], len - from - n + 1);
		if (hit == NULL)
			return NO_POS;
		size_t at = (size_t)(hit - s);
		if (memcmp(hit, what, n) == 0)
			return at;
		from = at + 1;
	}
	return NO_POS;
}

/* The closing delimiter at or after from, preceded by the character pre
 * (itself at or after from) when pre is not 0. */
static size_t
find_close(struct parser *p, size_t from, char pre)
{
	size_t at = from;

	for (;;) {
		at = find(p->src, p->len, at, p->close_delim, p->close_len);
		if (at == NO_POS || pre == 0)
			return at;
		if (at > from && p->src[at - 1] == pre)
			return at - 1;
		at++;
	}
}

/* Past the indentation of the enclosing standalone blocks at pos, a line's
 * start, going no further than limit. */
static size_t
skip_dedent(const struct parser *p, size_t pos, size_t limit)
{
	for (int d = 1; d <= p->depth; d++) {
		const struct frame *b = &p->frames[d];
		size_t j = 0;
		while (j < b->dedent_len && pos < limit &&
		    p->src[pos] == b->dedent[j]) {
			pos++;
			j++;
		}
		if (j < b->dedent_len)
			break;
	}
	return pos;
}

/* Appends source text to the frame, removing at each line start the
 * indentation of the enclosing standalone blocks. */
static void
text_append(struct parser *p, struct frame *f, size_t from, size_t to)
{
	bool dedent = false;
	size_t i = from;

	if (f->kind == N_PARENT)
		return;   /* text inside a parent tag is ignored */
	for (int d = 1; d <= p->depth; d++)
		if (p->frames[d].dedent_len > 0)
			dedent = true;
	if (!dedent) {
		if (to > from)
			buf_put(&f->text, p->src + from, to - from);
		return;
	}
	while (i < to) {
		if (i == 0 || p->src[i - 1] == '\n')
			i = skip_dedent(p, i, to);
		const char *nl = memchr(p->src + i, '\n', to - i);
		size_t end = nl != NULL ? (size_t)(nl - p->src) + 1 : to;
		buf_put(&f->text, p->src + i, end - i);
		i = end;
	}
}

/* The blanks [from, to) that start a line, less the indentation of the
 * enclosing blocks, as an arena string: a standalone tag's indentation. */
static const char *
indent_measure(struct parser *p, size_t from, size_t to, size_t *len)
{
	struct frame *scratch = &p->frames[0];
	size_t mark;
	const char *indent;

	/* measure through the root's buffer, then take the text back out */
	mark = scratch->text.len;
	text_append(p, scratch, from, to);
	*len = scratch->text.len - mark;
	indent = arena_strndup(p->tpl->arena,
	    scratch->text.data != NULL ? scratch->text.data + mark : "", *len);
	scratch->text.len = mark;
	if (scratch->text.data != NULL)
		scratch->text.data[mark] = '\0';
	return indent;
}

static void
frame_flush(struct parser *p, struct frame *f)
{
	if (f->text.len == 0)
		return;
	if (f->len == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->items = xrealloc(f->items, f->cap * sizeof *f->items);
	}
	f->items[f->len++] = (struct node){
		.kind = N_TEXT,
		.text = arena_strndup(p->tpl->arena, f->text.data, f->text.len),
		.len = f->text.len,
		.owner = p->tpl,
	};
	buf_reset(&f->text);
}

static void
frame_add(struct parser *p, struct frame *f, const struct node *n)
{
	/* inside a parent tag only blocks count; the rest is ignored */
	if (f->kind == N_PARENT && n->kind != N_BLOCK)
		return;
	frame_flush(p, f);
	if (f->len == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->items = xrealloc(f->items, f->cap * sizeof *f->items);
	}
	f->items[f->len++] = *n;
}

/* Moves the frame's children into the arena as the node's body. */
static void
frame_close(struct parser *p, struct frame *f)
{
	frame_flush(p, f);
	f->node.body.items = f->len > 0 ?
	    arena_memdup(p->tpl->arena, f->items, f->len * sizeof *f->items) :
	    NULL;
	f->node.body.len = f->len;
	free(f->items);
	buf_free(&f->text);
	f->items = NULL;
	f->len = f->cap = 0;
}

static int
name_parse(struct parser *p, const char *s, size_t len, int line,
    struct name *out)
{
	size_t count = 1;

	out->parts = NULL;
	out->count = 0;
	if (len == 1 && s[0] == '.')
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '.')
			count++;
	out->parts = arena_alloc(p->tpl->arena, count * sizeof *out->parts);
	for (size_t i = 0, start = 0; i <= len; i++) {
		if (i < len && s[i] != '.')
			continue;
		if (i == start) {
			parse_error(p, line, "bad name \"%.*s\"", (int)len, s);
			return -1;
		}
		out->parts[out->count++] = (struct name_part){
			.text = arena_strndup(p->tpl->arena, s + start,
			    i - start),
			.len = i - start,
			.hash = hash_bytes(s + start, i - start),
		};
		start = i + 1;
	}
	return 0;
}

static const char *
kind_word(enum node_kind kind)
{
	switch (kind) {
	case N_PARENT:
		return "parent";
	case N_BLOCK:
		return "block";
	default:
		return "section";
	}
}

/* The indentation of the first line from pos holding more than blanks,
 * less the indentation of the enclosing blocks: the indentation of a
 * standalone block's content. Points into the source. */
static const char *
first_indent(struct parser *p, size_t pos, size_t *len)
{
	size_t i = pos;

	for (;;) {
		size_t start = i;
		while (i < p->len && is_blank(p->src[i]))
			i++;
		if (i >= p->len)
			break;
		if (p->src[i] == '\n') {
			i++;
			continue;
		}
		if (p->src[i] == '\r' && i + 1 < p->len &&
		    p->src[i + 1] == '\n') {
			i += 2;
			continue;
		}
		start = skip_dedent(p, start, i);
		*len = i - start;
		return p->src + start;
	}
	*len = 0;
	return "";
}

static int
frame_push(struct parser *p, enum node_kind kind, const char *name,
    size_t name_len, int line)
{
	struct frame *f;

	if (p->depth >= MU_MAX_DEPTH) {
		parse_error(p, line, "sections nested deeper than %d",
		    MU_MAX_DEPTH);
		return -1;
	}
	f = &p->frames[++p->depth];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->node.kind = kind;
	f->node.line = line;
	f->node.text = arena_strndup(p->tpl->arena, name, name_len);
	f->node.len = name_len;
	f->node.owner = p->tpl;
	return 0;
}

static int
set_delimiters(struct parser *p, size_t from, size_t to, int line)
{
	const char *s = p->src;
	size_t i = from, a, alen, b, blen;

	while (i < to && is_space(s[i]))
		i++;
	a = i;
	while (i < to && !is_space(s[i]))
		i++;
	alen = i - a;
	while (i < to && is_space(s[i]))
		i++;
	b = i;
	while (i < to && !is_space(s[i]))
		i++;
	blen = i - b;
	while (i < to && is_space(s[i]))
		i++;
	if (alen == 0 || blen == 0 || i != to) {
		parse_error(p, line, "bad set-delimiter tag \"%.*s\": "
		    "want two delimiters separated by spaces",
		    (int)(to - from), s + from);
		return -1;
	}
	p->open_delim = s + a;
	p->open_len = alen;
	p->close_delim = s + b;
	p->close_len = blen;
	return 0;
}

/* Parses one tag at start; returns 0 when done with it, -1 on error. */
static int
parse_tag(struct parser *p, size_t start)
{
	const char *s = p->src;
	size_t after = start + p->open_len;
	char type = after < p->len ? s[after] : '\0';
	size_t content, content_end, tag_end;
	int line = line_at(p, start);
	struct frame *top = &p->frames[p->depth];

	if (strchr("#^/!><$=&{", type) != NULL && type != '\0') {
		content = after + 1;
		content_end = find_close(p, content,
		    type == '{' ? '}' : type == '=' ? '=' : '\0');
	} else {
		type = 'v';
		content = after;
		content_end = find_close(p, content, '\0');
	}
	if (content_end == NO_POS) {
		parse_error(p, line, "unclosed tag: no \"%.*s\" after \"%.*s\"",
		    (int)p->close_len, p->close_delim, (int)p->open_len,
		    p->open_delim);
		return -1;
	}
	tag_end = content_end + p->close_len + (type == '{' || type == '=');

	/* a tag alone on its line takes the line with it */
	size_t ws = start;
	while (ws > 0 && is_blank(s[ws - 1]))
		ws--;
	bool left = (ws == 0 || s[ws - 1] == '\n') && ws >= p->pos;
	size_t q = tag_end, line_end = NO_POS;
	while (q < p->len && is_blank(s[q]))
		q++;
	if (q == p->len)
		line_end = q;
	else if (s[q] == '\n')
		line_end = q + 1;
	else if (s[q] == '\r' && q + 1 < p->len && s[q + 1] == '\n')
		line_end = q + 2;
	bool right = line_end != NO_POS;

	if (type == '!') {
		if (left && right) {
			text_append(p, top, p->pos, ws);
			p->pos = line_end;
		} else {
			text_append(p, top, p->pos, start);
			p->pos = tag_end;
		}
		return 0;
	}
	if (type == '=') {
		if (left && right) {
			text_append(p, top, p->pos, ws);
			p->pos = line_end;
		} else {
			text_append(p, top, p->pos, start);
			p->pos = tag_end;
		}
		return set_delimiters(p, content, content_end, line);
	}

	/* the name */
	while (content < content_end && is_space(s[content]))
		content++;
	while (content_end > content && is_space(s[content_end - 1]))
		content_end--;
	const char *name = s + content;
	size_t name_len = content_end - content;
	if (name_len == 0) {
		parse_error(p, line, "empty tag");
		return -1;
	}
	for (size_t i = 0; i < name_len; i++) {
		if (is_space(name[i])) {
			parse_error(p, line, "bad tag name \"%.*s\"",
			    (int)name_len, name);
			return -1;
		}
	}

	struct node n = { .line = line, .owner = p->tpl };
	switch (type) {
	case 'v':
	case '&':
	case '{':
		text_append(p, top, p->pos, start);
		p->pos = tag_end;
		n.kind = type == 'v' ? N_VAR : N_RAW;
		n.text = arena_strndup(p->tpl->arena, name, name_len);
		n.len = name_len;
		if (name_parse(p, name, name_len, line, &n.name) != 0)
			return -1;
		frame_add(p, top, &n);
		return 0;

	case '>':
		n.kind = N_PARTIAL;
		n.text = arena_strndup(p->tpl->arena, name, name_len);
		n.len = name_len;
		if (left && right) {
			text_append(p, top, p->pos, ws);
			n.indent = indent_measure(p, ws, start,
			    &n.indent_len);
			p->pos = line_end;
		} else {
			text_append(p, top, p->pos, start);
			p->pos = tag_end;
		}
		frame_add(p, top, &n);
		return 0;

	case '#':
	case '^':
		if (left && right) {
			text_append(p, top, p->pos, ws);
			p->pos = line_end;
		} else {
			text_append(p, top, p->pos, start);
			p->pos = tag_end;
		}
		if (frame_push(p, type == '#' ? N_SECTION : N_INVERTED, name,
		    name_len, line) != 0)
			return -1;
		top = &p->frames[p->depth];
		return name_parse(p, name, name_len, line, &top->node.name);

	case '<': {
		size_t mark;
		text_append(p, top, p->pos, ws);
		mark = top->text.len;
		text_append(p, top, ws, start);
		p->pos = tag_end;
		if (frame_push(p, N_PARENT, name, name_len, line) != 0)
			return -1;
		struct frame *f = &p->frames[p->depth];
		f->left_clear = left;
		f->text_mark = mark;
		if (left)
			f->node.indent = indent_measure(p, ws, start,
			    &f->node.indent_len);
		return 0;
	}

	case '$': {
		bool in_parent = top->kind == N_PARENT;
		bool standalone = right && (left || in_parent);
		const char *indent = NULL;
		size_t indent_len = 0;
		if (standalone) {
			text_append(p, top, p->pos, ws);
			p->pos = line_end;
		} else {
			text_append(p, top, p->pos, start);
			if (left && !in_parent)
				indent = indent_measure(p, ws, start,
				    &indent_len);
			p->pos = tag_end;
		}
		if (frame_push(p, N_BLOCK, name, name_len, line) != 0)
			return -1;
		struct frame *f = &p->frames[p->depth];
		f->in_parent = in_parent;
		f->node.standalone = standalone;
		if (standalone) {
			/* computed with this frame's own dedent still empty */
			f->dedent = first_indent(p, p->pos, &f->dedent_len);
			indent = arena_strndup(p->tpl->arena, f->dedent,
			    f->dedent_len);
			indent_len = f->dedent_len;
		}
		f->node.indent = indent;
		f->node.indent_len = indent_len;
		return 0;
	}

	case '/':
		break;
	}

	/* closing tag */
	if (p->depth == 0) {
		parse_error(p, line, "closing tag \"%.*s\" without an open "
		    "section", (int)name_len, name);
		return -1;
	}
	if (top->node.len != name_len || memcmp(top->node.text, name,
	    name_len) != 0) {
		parse_error(p, line, "closing tag \"%.*s\" does not match %s "
		    "\"%s\" opened on line %d", (int)name_len, name,
		    kind_word(top->kind), top->node.text, top->node.line);
		return -1;
	}
	struct frame *outer = &p->frames[p->depth - 1];
	bool standalone;
	if (top->kind == N_PARENT) {
		standalone = top->left_clear && right;
		p->pos = standalone ? line_end : tag_end;
		if (standalone) {
			/* the parent's indentation is not text */
			outer->text.len = top->text_mark;
			if (outer->text.data != NULL)
				outer->text.data[top->text_mark] = '\0';
		} else {
			top->node.indent = NULL;
			top->node.indent_len = 0;
		}
	} else {
		if (top->kind == N_BLOCK && top->in_parent)
			standalone = left;
		else
			standalone = left && right;
		if (standalone) {
			text_append(p, top, p->pos, ws);
			p->pos = top->kind == N_BLOCK && top->in_parent ?
			    tag_end : line_end;
		} else {
			text_append(p, top, p->pos, start);
			p->pos = tag_end;
		}
	}
	frame_close(p, top);
	n = top->node;
	p->depth--;
	frame_add(p, outer, &n);
	return 0;
}

static int
parse(struct mu_template *tpl, const char *src, size_t len, struct buf *err)
{
	struct parser *p = xcalloc(1, sizeof *p);
	int rc = -1;

	p->tpl = tpl;
	p->src = src;
	p->len = len;
	p->open_delim = "{{";
	p->close_delim = "}}";
	p->open_len = p->close_len = 2;
	p->line = 1;
	p->err = err;
	p->frames[0].kind = N_TEXT;
	for (;;) {
		size_t start = find(src, len, p->pos, p->open_delim,
		    p->open_len);
		if (start == NO_POS) {
			text_append(p, &p->frames[p->depth], p->pos, len);
			break;
		}
		if (parse_tag(p, start) != 0)
			goto out;
	}
	if (p->depth > 0) {
		struct frame *f = &p->frames[p->depth];
		parse_error(p, f->node.line, "unclosed %s \"%s\"",
		    kind_word(f->kind), f->node.text);
		goto out;
	}
	frame_close(p, &p->frames[0]);
	tpl->root = p->frames[0].node.body;
	rc = 0;
out:
	for (int d = 0; d <= p->depth; d++) {
		free(p->frames[d].items);
		buf_free(&p->frames[d].text);
	}
	free(p);
	return rc;
}

/* ---- the engine ---- */

static void
template_free(struct mu_template *tpl)
{
	if (tpl == NULL)
		return;
	arena_free(tpl->arena);
	free(tpl->name);
	free(tpl->path);
	free(tpl);
}

struct mu_engine *
mu_engine_new(mu_load_fn load, void *ctx, bool strict)
{
	struct mu_engine *e = xcalloc(1, sizeof *e);

	e->load = load;
	e->ctx = ctx;
	e->strict = strict;
	if (pthread_mutex_init(&e->lock, NULL) != 0)
		nb_out_of_memory();
	return e;
}

/* Forgets the entries from index mark on: what a failed call added. */
static void
engine_rollback(struct mu_engine *e, size_t mark)
{
	while (e->entries.len > mark) {
		struct entry *en = e->entries.items[--e->entries.len];
		template_free(en->tpl);
		free(en->name);
		free(en);
	}
}

void
mu_engine_free(struct mu_engine *e)
{
	if (e == NULL)
		return;
	engine_rollback(e, 0);
	ptrvec_free(&e->entries);
	pthread_mutex_destroy(&e->lock);
	free(e);
}

static struct entry *
engine_find(struct mu_engine *e, const char *name)
{
	for (size_t i = 0; i < e->entries.len; i++) {
		struct entry *en = e->entries.items[i];
		if (strcmp(en->name, name) == 0)
			return en;
	}
	return NULL;
}

static struct entry *
engine_enter(struct mu_engine *e, const char *name, struct mu_template *tpl)
{
	struct entry *en = xcalloc(1, sizeof *en);

	en->name = xstrdup(name);
	en->tpl = tpl;
	ptrvec_push(&e->entries, en);
	return en;
}

static int engine_resolve(struct mu_engine *e, const char *name,
    struct mu_template **out, struct buf *err);

/* Resolves the partials and parents named in list, compiling them. */
static int
engine_link(struct mu_engine *e, const struct mu_template *tpl,
    const struct node_list *list, struct buf *err)
{
	for (size_t i = 0; i < list->len; i++) {
		struct node *n = (struct node *)&list->items[i];
		if (n->kind == N_PARTIAL || n->kind == N_PARENT) {
			struct mu_template *target = NULL;
			if (engine_resolve(e, n->text, &target, err) != 0)
				return -1;
			if (target == NULL && e->strict) {
				buf_printf(err, _("%s:%d: missing %s \"%s\"\n"),
				    tpl->path, n->line, n->kind == N_PARTIAL ?
				    "partial" : "parent", n->text);
				return -1;
			}
			n->target = target;
		}
		if (engine_link(e, tpl, &n->body, err) != 0)
			return -1;
	}
	return 0;
}

/* Compiles text, taking text and path, and enters it as name. */
static int
engine_compile(struct mu_engine *e, const char *name, char *text, size_t len,
    char *path, struct mu_template **out, struct buf *err)
{
	struct mu_template *tpl = xcalloc(1, sizeof *tpl);
	int rc;

	tpl->name = xstrdup(name);
	tpl->path = path != NULL ? path : xstrdup(name);
	tpl->arena = arena_new();
	/* entered first, so that a template naming itself finds itself */
	engine_enter(e, name, tpl);
	rc = parse(tpl, text, len, err);
	free(text);
	if (rc == 0)
		rc = engine_link(e, tpl, &tpl->root, err);
	*out = rc == 0 ? tpl : NULL;
	return rc;
}

static int
engine_resolve(struct mu_engine *e, const char *name,
    struct mu_template **out, struct buf *err)
{
	struct entry *en = engine_find(e, name);
	char *text = NULL, *path = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	if (en != NULL) {
		*out = en->tpl;
		return 0;
	}
	errno = 0;
	rc = e->load(e->ctx, name, &text, &len, &path);
	if (rc == 1) {
		free(text);
		free(path);
		engine_enter(e, name, NULL);
		return 0;
	}
	if (rc != 0) {
		buf_printf(err, _("%s: cannot read template \"%s\": %s\n"),
		    path != NULL ? path : name, name,
		    errno != 0 ? strerror(errno) : "loader failed");
		free(text);
		free(path);
		return -1;
	}
	if (text == NULL)
		text = xstrdup("");
	return engine_compile(e, name, text, len, path, out, err);
}

const struct mu_template *
mu_engine_get(struct mu_engine *e, const char *name, struct buf *err)
{
	struct mu_template *tpl = NULL;
	size_t mark;

	pthread_mutex_lock(&e->lock);
	mark = e->entries.len;
	if (engine_resolve(e, name, &tpl, err) == 0 && tpl == NULL)
		buf_printf(err, _("%s: no such template\n"), name);
	if (tpl == NULL)
		engine_rollback(e, mark);
	pthread_mutex_unlock(&e->lock);
	return tpl;
}

const struct mu_template *
mu_engine_add(struct mu_engine *e, const char *name, const char *text,
    size_t len, const char *path, struct buf *err)
{
	struct mu_template *tpl = NULL;
	size_t mark;

	pthread_mutex_lock(&e->lock);
	mark = e->entries.len;
	if (engine_find(e, name) != NULL)
		buf_printf(err, _("%s: template already defined\n"), name);
	else if (engine_compile(e, name, xstrndup(text, len), len,
	    path != NULL ? xstrdup(path) : NULL, &tpl, err) != 0)
		engine_rollback(e, mark);
	pthread_mutex_unlock(&e->lock);
	return tpl;
}

/* ---- the names a template looks up ---- */

struct names_walk {
	mu_name_fn fn;
	void *ctx;
	struct ptrvec seen;    /* templates walked */
};

static void names_template(struct names_walk *w, const struct mu_template *t);

static void
names_list(struct names_walk *w, const struct node_list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		const struct node *n = &list->items[i];
		switch (n->kind) {
		case N_VAR:
		case N_RAW:
		case N_SECTION:
		case N_INVERTED:
			for (size_t k = 0; k < n->name.count; k++)
				w->fn(w->ctx, n->name.parts[k].text);
			break;
		case N_PARTIAL:
		case N_PARENT:
			if (n->target != NULL)
				names_template(w, n->target);
			break;
		case N_TEXT:
		case N_BLOCK:
			break;
		}
		names_list(w, &n->body);
	}
}

static void
names_template(struct names_walk *w, const struct mu_template *t)
{
	for (size_t i = 0; i < w->seen.len; i++)
		if (w->seen.items[i] == t)
			return;
	ptrvec_push(&w->seen, (void *)t);
	names_list(w, &t->root);
}

void
mu_template_names(const struct mu_template *tpl, mu_name_fn fn, void *ctx)
{
	struct names_walk w = {fn, ctx, {0}};

	names_template(&w, tpl);
	ptrvec_free(&w.seen);
}

/* ---- the renderer ---- */

struct render {
	struct buf *out;
	size_t out_start;
	const struct mu_value *ctx[MU_MAX_DEPTH + 2];   /* the context stack */
	int ctx_len;
	const struct node *parents[MU_MAX_DEPTH + 1];   /* their blocks */
	int parents_len;
	int depth;
	struct buf indent;
	struct buf *err;
	const struct mu_template *tpl;   /* the one rendered, for messages */
	unsigned long long steps;        /* nodes visited (MU_MAX_STEPS) */
	bool failed;
};

static bool
at_line_start(const struct render *r)
{
	return r->out->len == r->out_start ||
	    r->out->data[r->out->len - 1] == '\n';
}

static inline bool within_bounds(struct render *r, const struct node *n);

/* The text of node n, indented: a long indentation before each of many
 * lines multiplies within one node, so the bound is checked line by line. */
static void
emit_text(struct render *r, const struct node *n, const char *s, size_t len)
{
	if (r->indent.len == 0) {
		buf_put(r->out, s, len);
		return;
	}
	while (len > 0) {
		const char *nl = memchr(s, '\n', len);
		size_t line = nl != NULL ? (size_t)(nl - s) + 1 : len;
		if (at_line_start(r)) {
			if (r->out->len - r->out_start > MU_MAX_OUTPUT) {
				r->steps--;   /* this node is counted already */
				within_bounds(r, n);
				return;
			}
			buf_put(r->out, r->indent.data, r->indent.len);
		}
		buf_put(r->out, s, line);
		s += line;
		len -= line;
	}
}

static void
emit_value(struct render *r, const struct mu_value *v, bool escape)
{
	const char *s;
	size_t len;

	if (v == NULL)
		return;
	switch (v->kind) {
	case MU_STR:
		s = v->text;
		len = v->len;
		break;
	case MU_BOOL:
		s = v->boolean ? "true" : "false";
		len = strlen(s);
		break;
	default:
		return;
	}
	if (len == 0)
		return;
	/* indentation goes before a template line, not inside the data */
	if (r->indent.len > 0 && at_line_start(r))
		buf_put(r->out, r->indent.data, r->indent.len);
	if (escape)
		buf_put_escaped(r->out, s, len);
	else
		buf_put(r->out, s, len);
}

static const struct mu_value *
lookup(const struct render *r, const struct name *nm)
{
	const struct mu_value *v = NULL;

	if (nm->count == 0)
		return r->ctx[r->ctx_len - 1];
	for (int i = r->ctx_len - 1; i >= 0 && v == NULL; i--) {
		if (r->ctx[i]->kind == MU_MAP)
			v = map_find(r->ctx[i], nm->parts[0].text,
			    nm->parts[0].len, nm->parts[0].hash);
	}
	for (size_t k = 1; k < nm->count && v != NULL; k++) {
		if (v->kind != MU_MAP)
			return NULL;
		v = map_find(v, nm->parts[k].text, nm->parts[k].len,
		    nm->parts[k].hash);
	}
	return v;
}

/* Counts one more level of nesting; false (and an error) past the bound. */
static bool
enter(struct render *r, const struct node *n)
{
	if (r->depth >= MU_MAX_DEPTH) {
		buf_printf(r->err, "%s:%d: nesting deeper than %d levels at "
		    "%s \"%s\" (endless recursion?)\n", n->owner->path,
		    n->line, MU_MAX_DEPTH, n->kind == N_PARTIAL ? "partial" :
		    n->kind == N_PARENT ? "parent" : n->kind == N_BLOCK ?
		    "block" : "section", n->text);
		r->failed = true;
		return false;
	}
	r->depth++;
	return true;
}

static void render_list(struct render *r, const struct node_list *list);

static void
render_with(struct render *r, const struct node *n, const struct mu_value *v)
{
	if (!enter(r, n))
		return;
	r->ctx[r->ctx_len++] = v;
	render_list(r, &n->body);
	r->ctx_len--;
	r->depth--;
}

static void
render_template(struct render *r, const struct node *n,
    const struct node_list *body, const char *indent, size_t indent_len)
{
	size_t saved = r->indent.len;

	if (!enter(r, n))
		return;
	if (indent_len > 0)
		buf_put(&r->indent, indent, indent_len);
	render_list(r, body);
	r->indent.len = saved;
	if (r->indent.data != NULL)
		r->indent.data[saved] = '\0';
	r->depth--;
}

static const struct node *
find_override(const struct render *r, const struct node *block)
{
	/* the outermost parent tag wins, so a child overrides its ancestors */
	for (int i = 0; i < r->parents_len; i++) {
		const struct node_list *blocks = &r->parents[i]->body;
		for (size_t k = 0; k < blocks->len; k++) {
			const struct node *b = &blocks->items[k];
			if (b->len == block->len &&
			    memcmp(b->text, block->text, b->len) == 0)
				return b;
		}
	}
	return NULL;
}

/* Whether the rendering may go on at node n: false (and an error naming the
 * template and the tag) once it has written MU_MAX_OUTPUT bytes or visited
 * MU_MAX_STEPS nodes, so partials that multiply stop with bounded memory. */
static void out_of_bounds(struct render *r, const struct node *n,
    bool too_long);

static inline bool
within_bounds(struct render *r, const struct node *n)
{
	bool too_long = ++r->steps > MU_MAX_STEPS;

	if (!too_long && r->out->len - r->out_start <= MU_MAX_OUTPUT)
		return true;
	out_of_bounds(r, n, too_long);
	return false;
}

/* The error of a rendering stopped at node n (within_bounds()), which is
 * seldom: kept out of the path of every node. */
static void
out_of_bounds(struct render *r, const struct node *n, bool too_long)
{
	struct buf where = {0};
	int line = n->line > 0 ? n->line : 1;   /* text keeps no line */

	if (n->kind == N_TEXT)
		buf_printf(&where, "text");
	else
		buf_printf(&where, "%s \"%s\"", n->kind == N_PARTIAL ? "partial" :
		    n->kind == N_PARENT ? "parent" : n->kind == N_BLOCK ? "block" :
		    n->kind == N_SECTION || n->kind == N_INVERTED ? "section" :
		    "tag", n->text);
	if (too_long)
		buf_printf(r->err, _("%s:%d: template \"%s\" stopped at %s: "
		    "rendering it takes more than %llu steps (partials that "
		    "include each other many times?)\n"), n->owner->path, line,
		    r->tpl->path, where.data, MU_MAX_STEPS);
	else
		buf_printf(r->err, _("%s:%d: template \"%s\" stopped at %s: the "
		    "page would be larger than %llu MiB (partials that include "
		    "each other many times?)\n"), n->owner->path, line,
		    r->tpl->path, where.data,
		    (unsigned long long)(MU_MAX_OUTPUT >> 20));
	buf_free(&where);
	r->failed = true;
}

static void
render_list(struct render *r, const struct node_list *list)
{
	for (size_t i = 0; i < list->len && !r->failed; i++) {
		const struct node *n = &list->items[i];
		const struct mu_value *v;
		if (!within_bounds(r, n))
			break;
		switch (n->kind) {
		case N_TEXT:
			emit_text(r, n, n->text, n->len);
			break;
		case N_VAR:
		case N_RAW:
			emit_value(r, lookup(r, &n->name), n->kind == N_VAR);
			break;
		case N_SECTION:
			v = lookup(r, &n->name);
			if (v != NULL && v->kind == MU_LIST) {
				for (size_t k = 0; k < v->count && !r->failed;
				    k++)
					render_with(r, n, v->items[k]);
			} else if (value_truthy(v)) {
				render_with(r, n, v);
			}
			break;
		case N_INVERTED:
			if (!value_truthy(lookup(r, &n->name)))
				render_template(r, n, &n->body, NULL, 0);
			break;
		case N_PARTIAL:
			if (n->target != NULL)
				render_template(r, n, &n->target->root,
				    n->indent, n->indent_len);
			break;
		case N_PARENT:
			if (n->target == NULL)
				break;
			r->parents[r->parents_len++] = n;
			render_template(r, n, &n->target->root, n->indent,
			    n->indent_len);
			r->parents_len--;
			break;
		case N_BLOCK: {
			const struct node *over = find_override(r, n);
			bool reindent = over != NULL || n->standalone;
			render_template(r, n, over != NULL ? &over->body :
			    &n->body, reindent ? n->indent : NULL,
			    reindent ? n->indent_len : 0);
			break;
		}
		}
	}
}

int
mu_render(const struct mu_template *tpl, const struct mu_value *data,
    struct buf *out, struct buf *err)
{
	struct render r = {
		.out = out,
		.out_start = out->len,
		.err = err,
		.tpl = tpl,
	};

	r.ctx[r.ctx_len++] = data != NULL ? data : &mu_null_value;
	buf_grow(out, 0);   /* out->data is never NULL below */
	out->data[out->len] = '\0';
	render_list(&r, &tpl->root);
	buf_free(&r.indent);
	return r.failed ? -1 : 0;
}
