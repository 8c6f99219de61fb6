/* schema.h: reading YAML nodes as the types the content contract gives each
 * key (text, date, int, money, id, bool, lists), with precise diagnostics. */
#ifndef NB_SCHEMA_H
#define NB_SCHEMA_H

#include "util/diag.h"
#include "load/yaml.h"
#include "model/model.h"

/* The state of loading one file. Values read through these functions are
 * copied into arena: the YAML tree itself may live elsewhere and go. */
struct ld {
	struct arena *arena;
	const char *path;      /* relative to the content folder */
	size_t errors;         /* errors reported for this file */
	bool mask;             /* mask personal data in text read (rule 5) */
	bool privacy_error;    /* and report it as an error, not a warning */
};

struct pos ld_pos(const struct ld *ld, const struct ynode *n);
void ld_error(struct ld *ld, const struct ynode *n, const char *fmt, ...)
    NB_PRINTF(3, 4);
void ld_warning(struct ld *ld, const struct ynode *n, const char *fmt, ...)
    NB_PRINTF(3, 4);

/* Checks that n is a mapping (what names it in the message) and that each key
 * is one of allowed (NULL-terminated); unknown keys are reported with the
 * closest allowed key as a suggestion. Returns false if n is not a mapping. */
bool ld_map(struct ld *ld, const struct ynode *n, const char *what,
    const char *const *allowed);


/* The value node of key, or NULL when absent or null; reports a missing
 * required key at the mapping. */
const struct ynode *ld_get(struct ld *ld, const struct ynode *map,
    const char *key, bool required);

/* Where key itself was written in map (for messages about a whole value). */
struct pos ld_key_pos(const struct ld *ld, const struct ynode *map,
    const char *key);

/* Typed getters: each returns true when the key is present and valid, and
 * reports the problem when it is invalid (or missing but required). */
bool ld_text(struct ld *ld, const struct ynode *map, const char *key,
    bool required, const char **out);
bool ld_int(struct ld *ld, const struct ynode *map, const char *key,
    bool required, long min, long max, int *out);
bool ld_money(struct ld *ld, const struct ynode *map, const char *key,
    bool required, int64_t *fen);
bool ld_date(struct ld *ld, const struct ynode *map, const char *key,
    bool required, int32_t *out);
bool ld_bool(struct ld *ld, const struct ynode *map, const char *key,
    bool required, bool *out);
bool ld_id(struct ld *ld, const struct ynode *map, const char *key,
    bool required, const char **out);
/* One of names (NULL-terminated); *out is its index. */
bool ld_enum(struct ld *ld, const struct ynode *map, const char *key,
    bool required, const char *const *names, int *out);
/* A list of text; with allow_single a lone scalar counts as a list of one. */
bool ld_text_list(struct ld *ld, const struct ynode *map, const char *key,
    bool required, bool allow_single, const char ***out, size_t *n,
    const struct ynode ***nodes);

/* The scalar parsers behind the getters, for values met outside a mapping. */
bool ld_scalar_text(struct ld *ld, const struct ynode *n, const char *key,
    const char **out);
bool ld_scalar_id(struct ld *ld, const struct ynode *n, const char *key,
    const char **out);

/* Returns text with personal data masked (a copy when anything was found),
 * reporting each number masked at its place in the file. */
const char *privacy_mask_scalar(struct ld *ld, const struct ynode *n,
    const char *text);

/* [a-z0-9][a-z0-9-]* — the form of folder names and catalog ids. */
bool id_valid(const char *s);

#endif
