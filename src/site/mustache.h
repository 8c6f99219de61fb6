/* mustache.h: a Mustache template engine (spec v1.4: interpolation, sections,
 * inverted sections, comments, partials, set delimiters, parents and blocks).
 *
 * Templates are compiled once and rendered many times. An engine loads
 * templates by name through a callback, compiles each one the first time it
 * is asked for, together with every partial and parent it names, and keeps
 * them until mu_engine_free(). A compiled template is never changed again, so
 * any number of threads may render compiled templates at the same time;
 * mu_engine_get() and mu_engine_add() take a lock and may be called from
 * several threads too.
 *
 * The data is a JSON-like tree of struct mu_value, allocated in an arena the
 * caller owns (freeing the arena frees the tree).
 *
 * Truthiness: false, null, a missing name, an empty list and the empty
 * string are falsey; everything else (0 included, and every map) is truthy.
 * The empty string is falsey, unlike the Ruby reference, so that an optional
 * field left empty hides its section like an absent one.
 *
 * Interpolation: {{name}} escapes & < > " ' as &amp; &lt; &gt; &quot; &#39;
 * and leaves out the control characters but tab, newline and carriage
 * return (buf_put_escaped); {{{name}}} and {{& name}} write the text as it
 * is. Strings and numbers
 * print their text, booleans print "true" or "false", null, lists and maps
 * print nothing.
 *
 * Errors (compile and render) are appended to an error buffer as one line
 * "path:line: message", for example
 *   themes/default/layouts/record.html:12: unclosed section "stages"
 * Nesting of partials, parents, blocks and sections together is bounded by
 * MU_MAX_DEPTH; going deeper is a render error, never a stack overflow.
 * Depth alone does not bound a rendering (ten partials, each including the
 * next ten times, are ten levels deep and 10^10 inclusions): one mu_render
 * writes at most MU_MAX_OUTPUT bytes and visits at most MU_MAX_STEPS nodes,
 * and stops with an error naming the template and the tag past either. */
#ifndef NB_SITE_MUSTACHE_H
#define NB_SITE_MUSTACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

#define MU_MAX_DEPTH 64
/* (a fuzzing build sets smaller bounds, to reach them in its time) */
#ifndef MU_MAX_OUTPUT
#define MU_MAX_OUTPUT ((size_t)64 * 1024 * 1024)   /* 64 MiB a rendering */
#endif
#ifndef MU_MAX_STEPS
#define MU_MAX_STEPS ((unsigned long long)100 * 1000 * 1000)
#endif

/* ---- data ---- */

struct mu_value;

struct mu_value *mu_null(struct arena *arena);
struct mu_value *mu_bool(struct arena *arena, bool value);
/* Copies the text into the arena. */
struct mu_value *mu_str(struct arena *arena, const char *text);
struct mu_value *mu_strn(struct arena *arena, const char *text, size_t len);
/* Keeps the pointer: the caller keeps the text alive as long as the value. */
struct mu_value *mu_str_ref(struct arena *arena, const char *text);
/* Renders as decimal text; truthy even when 0. */
struct mu_value *mu_int(struct arena *arena, long long value);
struct mu_value *mu_list(struct arena *arena);
/* Appends; does nothing when list is not a list. */
void mu_list_push(struct mu_value *list, const struct mu_value *item);
/* Maps keep the order of insertion. mu_map_set copies the key and replaces
 * the value of a key already there; it does nothing when map is not a map. */
struct mu_value *mu_map(struct arena *arena);
void mu_map_set(struct mu_value *map, const char *key,
    const struct mu_value *value);
/* The same, keeping the key's pointer instead of a copy: for keys that
 * outlive the map, such as string literals. */
void mu_map_set_ref(struct mu_value *map, const char *key,
    const struct mu_value *value);
/* The value of key in map, or NULL (also when map is not a map). */
const struct mu_value *mu_map_get(const struct mu_value *map, const char *key);

/* ---- templates ---- */

struct mu_engine;
struct mu_template;

/* Loads the source of the template called name. Returns 0 and sets *text (a
 * malloc'd buffer of *len bytes, NUL-terminated or not) and *path (a malloc'd
 * string naming the file in messages, or NULL to use the name); the engine
 * takes both and frees them. Returns 1 when there is no such template, or -1
 * when it exists but cannot be read (errno says why). */
typedef int (*mu_load_fn)(void *ctx, const char *name, char **text,
    size_t *len, char **path);

/* A strict engine reports a missing partial or parent as a compile error
 * naming the tag's file and line; otherwise it renders as the empty string,
 * as the spec says. */
struct mu_engine *mu_engine_new(mu_load_fn load, void *ctx, bool strict);
/* Frees the engine and every template it compiled. Accepts NULL. */
void mu_engine_free(struct mu_engine *engine);

/* The compiled template called name, loading and compiling it and every
 * template it names on first use. On failure returns NULL and appends the
 * reason to err; nothing of the failed attempt is kept, so a later call
 * tries again. */
const struct mu_template *mu_engine_get(struct mu_engine *engine,
    const char *name, struct buf *err);
/* Compiles text (len bytes, copied) as the template called name, replacing
 * nothing: it fails when name is already compiled. path names the text in
 * messages (NULL: the name). Partials it names come from the loader. */
const struct mu_template *mu_engine_add(struct mu_engine *engine,
    const char *name, const char *text, size_t len, const char *path,
    struct buf *err);

/* Calls fn with every name the template looks up, each part of a dotted
 * name on its own, in its own tags and in those of every partial and
 * parent it reaches (blocks' names are not looked up). A name may come more
 * than once. A key no name matches can never be shown, so a program may
 * leave it out of the data. */
typedef void (*mu_name_fn)(void *ctx, const char *name);
void mu_template_names(const struct mu_template *tpl, mu_name_fn fn,
    void *ctx);

/* Appends the rendering of template with data (NULL: null) to out. Returns
 * 0, or -1 with a message appended to err (out then holds a partial page). */
int mu_render(const struct mu_template *tpl, const struct mu_value *data,
    struct buf *out, struct buf *err);

#endif
