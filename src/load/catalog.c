/* catalog.c: the county's catalog: responsibility lists (duties.yaml), the
 * small and micro power list with a flow per item (powers.yaml), and the
 * service guides (services.yaml); and flows standing alone in a file. */
#include "load/load.h"
#include "util/i18n.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const flow_keys[] = {"lanes", "steps", NULL};
static const char *const step_keys[] = {
	"id", "text", "kind", "lane", "next", "yes", "no", "yes_label",
	"no_label", "risk", NULL,
};
static const char *const step_kinds[] = {
	"step|步骤", "start|开始", "end|结束", "decision|判断", "document|文书",
	NULL,
};
static const enum step_kind step_kind_values[] = {
	STEP_STEP, STEP_START, STEP_END, STEP_DECISION, STEP_DOCUMENT,
};

/* The flow being read: the steps' names and the references still to be
 * resolved once every step is known. */
struct flow_ref {
	size_t from;
	enum edge_kind kind;
	const struct ynode *node;
	const char *label;
};

static long
step_index(const struct flow *f, const char *id)
{
	for (size_t i = 0; i < f->n_steps; i++)
		if (f->steps[i].id != NULL && strcmp(f->steps[i].id, id) == 0)
			return (long)i;
	return -1;
}

static void
report_unknown_step(struct ld *ld, const struct flow *f, const struct ynode *n,
    const char *key)
{
	const char **ids = xcalloc(f->n_steps + 1, sizeof *ids);
	size_t k = 0;

	for (size_t i = 0; i < f->n_steps; i++)
		if (f->steps[i].id != NULL)
			ids[k++] = f->steps[i].id;
	const char *hint = did_you_mean(n->str, ids);
	if (hint != NULL)
		ld_error(ld, n, "'%s': no step '%s' in this flow; did you mean "
		    "'%s'?", key, n->str, hint);
	else
		ld_error(ld, n, "'%s': no step '%s' in this flow", key, n->str);
	free(ids);
}

static void
read_refs(struct ld *ld, const struct ynode *v, const char *key, size_t from,
    enum edge_kind kind, const char *label, struct flow_ref **refs,
    size_t *n_refs, size_t *cap)
{
	const struct ynode *const *items = &v;
	size_t n = 1;

	if (v->kind == YN_SEQ) {
		items = (const struct ynode *const *)v->kids;
		n = v->n;
		if (n == 0)
			ld_error(ld, v, "'%s' is an empty list: name at least one "
			    "step", key);
	} else if (v->kind == YN_MAP) {
		ld_error(ld, v, "'%s' must name a step or a list of steps, not "
		    "a mapping", key);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (items[i]->kind != YN_SCALAR) {
			ld_error(ld, items[i], "'%s' must name steps by their id", key);
			continue;
		}
		if (*n_refs == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*refs = xrealloc(*refs, *cap * sizeof **refs);
		}
		(*refs)[(*n_refs)++] = (struct flow_ref){from, kind, items[i], label};
	}
}

bool
flow_parse(struct ld *ld, const struct ynode *n, const char *title,
    struct flow *out)
{
	const struct ynode *steps, *lanes_node;
	struct flow_ref *refs = NULL;
	size_t n_refs = 0, cap_refs = 0;
	size_t errors_before = ld->errors;
	struct flow *f = out;

	memset(f, 0, sizeof *f);
	f->title = title;
	f->pos = ld_pos(ld, n);
	if (!ld_map(ld, n, N_("a flow"), flow_keys))
		return false;
	lanes_node = ld_get(ld, n, "lanes", false);
	if (lanes_node != NULL) {
		const struct ynode **lane_nodes;
		ld_text_list(ld, n, "lanes", false, false, &f->lanes, &f->n_lanes,
		    &lane_nodes);
		for (size_t i = 1; i < f->n_lanes; i++)
			for (size_t j = 0; j < i; j++)
				if (strcmp(f->lanes[i], f->lanes[j]) == 0) {
					ld_error(ld, lane_nodes[i], "lane '%s' is "
					    "listed twice", f->lanes[i]);
					break;
				}
	}
	steps = ld_get(ld, n, "steps", true);
	if (steps == NULL)
		return false;
	if (steps->kind != YN_SEQ || steps->n == 0) {
		ld_error(ld, steps, "'steps' must be a list of at least one step");
		return false;
	}
	f->n_steps = steps->n;
	f->steps = arena_alloc(ld->arena, f->n_steps * sizeof *f->steps);

	for (size_t i = 0; i < f->n_steps; i++) {
		const struct ynode *s = steps->kids[i];
		struct flow_step *st = &f->steps[i];
		int kind = 0;
		const char *yes_label = "是", *no_label = "否";

		st->pos = ld_pos(ld, s);
		st->lane_index = -1;
		if (!ld_map(ld, s, N_("a step"), step_keys))
			continue;
		if (ld_id(ld, s, "id", true, &st->id)) {
			long dup = step_index(f, st->id);
			if (dup >= 0 && (size_t)dup < i) {
				ld_error(ld, ymap_get(s, "id"), "step id '%s' is "
				    "used twice (first at line %d)", st->id,
				    f->steps[dup].pos.line);
			}
		}
		ld_text(ld, s, "text", true, &st->text);
		if (ld_enum(ld, s, "kind", false, step_kinds, &kind))
			st->kind = step_kind_values[kind];
		ld_text(ld, s, "risk", false, &st->risk);
		if (ld_text(ld, s, "lane", false, &st->lane)) {
			for (size_t l = 0; l < f->n_lanes; l++)
				if (strcmp(f->lanes[l], st->lane) == 0)
					st->lane_index = (int)l;
			if (f->n_lanes == 0)
				ld_error(ld, ymap_get(s, "lane"), "'lane': this flow "
				    "has no lanes; list them under 'lanes'");
			else if (st->lane_index < 0)
				ld_error(ld, ymap_get(s, "lane"), "'lane': '%s' is "
				    "not one of this flow's lanes", st->lane);
		} else if (f->n_lanes > 0 && ymap_get(s, "lane") == NULL) {
			ld_error(ld, s, "step '%s' needs a 'lane': this flow has "
			    "lanes", st->id ? st->id : "?");
		}
		ld_text(ld, s, "yes_label", false, &yes_label);
		ld_text(ld, s, "no_label", false, &no_label);

		const struct ynode *next = ld_get(ld, s, "next", false);
		const struct ynode *yes = ld_get(ld, s, "yes", false);
		const struct ynode *no = ld_get(ld, s, "no", false);
		if (st->kind == STEP_DECISION) {
			if (next != NULL)
				ld_error(ld, next, "a decision continues by 'yes' and "
				    "'no', not 'next'");
			if (yes == NULL || no == NULL)
				ld_error(ld, s, "decision '%s' needs both branches: "
				    "'yes' and 'no'", st->id ? st->id : "?");
			if (yes != NULL)
				read_refs(ld, yes, "yes", i, EDGE_YES, yes_label,
				    &refs, &n_refs, &cap_refs);
			if (no != NULL)
				read_refs(ld, no, "no", i, EDGE_NO, no_label,
				    &refs, &n_refs, &cap_refs);
			continue;
		}
		if (yes != NULL || no != NULL)
			ld_error(ld, yes ? yes : no, "only a decision step has "
			    "'yes' and 'no' branches (add kind: decision)");
		if (ymap_get(s, "yes_label") || ymap_get(s, "no_label"))
			ld_error(ld, s, "'yes_label' and 'no_label' belong to "
			    "decision steps");
		if (st->kind == STEP_END) {
			if (next != NULL)
				ld_error(ld, next, "an end step has no successor: "
				    "remove 'next' or change its kind");
			continue;
		}
		if (next != NULL) {
			read_refs(ld, next, "next", i, EDGE_NEXT, NULL, &refs,
			    &n_refs, &cap_refs);
		} else if (i + 1 < f->n_steps) {
			if (n_refs == cap_refs) {
				cap_refs = cap_refs ? cap_refs * 2 : 16;
				refs = xrealloc(refs, cap_refs * sizeof *refs);
			}
			refs[n_refs++] = (struct flow_ref){i, EDGE_NEXT, NULL, NULL};
		} else {
			ld_error(ld, s, "the last step must be an end step "
			    "(kind: end) or name its successor with 'next'");
		}
	}

	/* resolve references into edges */
	f->edges = arena_alloc(ld->arena, (n_refs ? n_refs : 1) * sizeof *f->edges);
	for (size_t r = 0; r < n_refs; r++) {
		struct flow_edge *e = &f->edges[f->n_edges];
		long to;
		if (refs[r].node == NULL) {
			to = (long)refs[r].from + 1;
		} else {
			to = step_index(f, refs[r].node->str);
			if (to < 0) {
				report_unknown_step(ld, f, refs[r].node,
				    refs[r].kind == EDGE_YES ? "yes" :
				    refs[r].kind == EDGE_NO ? "no" : "next");
				continue;
			}
		}
		e->from = refs[r].from;
		e->to = (size_t)to;
		e->kind = refs[r].kind;
		e->label = refs[r].label;
		e->pos = refs[r].node ? ld_pos(ld, refs[r].node) :
		    f->steps[refs[r].from].pos;
		f->n_edges++;
	}
	free(refs);

	/* every step must be reachable from the first */
	if (ld->errors == errors_before) {
		bool *seen = xcalloc(f->n_steps, 1);
		size_t *queue = xcalloc(f->n_steps, sizeof *queue);
		size_t head = 0, tail = 0;
		seen[0] = true;
		queue[tail++] = 0;
		while (head < tail) {
			size_t at = queue[head++];
			for (size_t e = 0; e < f->n_edges; e++) {
				if (f->edges[e].from != at || seen[f->edges[e].to])
					continue;
				seen[f->edges[e].to] = true;
				queue[tail++] = f->edges[e].to;
			}
		}
		for (size_t i = 0; i < f->n_steps; i++) {
			if (seen[i])
				continue;
			struct pos pos = f->steps[i].pos;
			diag_error(&pos, "step '%s' cannot be reached from the "
			    "first step '%s'", f->steps[i].id, f->steps[0].id);
			ld->errors++;
		}
		free(seen);
		free(queue);
	}
	return ld->errors == errors_before;
}

/* ---- references into the catalog ---- */

const struct role *
catalog_role_ref(struct ld *ld, const struct catalog *cat,
    const struct ynode *at, const char *key, const char *id)
{
	const struct role *role = catalog_find_role(cat, id);

	/* without a readable duties.yaml every reference would be reported:
	 * its own error says enough */
	if (role != NULL || !cat->roles_known)
		return role;
	const char **ids = xcalloc(cat->n_roles + 1, sizeof *ids);
	for (size_t r = 0; r < cat->n_roles; r++)
		ids[r] = cat->roles[r].id;
	const char *hint = did_you_mean(id, ids);
	if (hint != NULL)
		ld_error(ld, at, "'%s': no role '%s' in catalog/duties.yaml; did "
		    "you mean '%s'?", key, id, hint);
	else
		ld_error(ld, at, "'%s': no role '%s' in catalog/duties.yaml", key,
		    id);
	free(ids);
	return NULL;
}

const struct power_item *
catalog_item_ref(struct ld *ld, const struct catalog *cat,
    const struct ynode *at, const char *key, const char *id)
{
	const struct power_item *item = catalog_find_item(cat, id);
	size_t total = 0, k = 0;

	if (item != NULL || !cat->items_known)
		return item;
	for (size_t d = 0; d < cat->n_domains; d++)
		total += cat->domains[d].n_items;
	const char **ids = xcalloc(total + 1, sizeof *ids);
	for (size_t d = 0; d < cat->n_domains; d++)
		for (size_t i = 0; i < cat->domains[d].n_items; i++)
			ids[k++] = cat->domains[d].items[i].id;
	const char *hint = did_you_mean(id, ids);
	if (hint != NULL)
		ld_error(ld, at, "'%s': no item '%s' in catalog/powers.yaml; did "
		    "you mean '%s'?", key, id, hint);
	else
		ld_error(ld, at, "'%s': no item '%s' in catalog/powers.yaml", key,
		    id);
	free(ids);
	return NULL;
}

/* ---- duties.yaml ---- */

static const char *const duties_keys[] = {"roles", NULL};
static const char *const role_keys[] = {"id", "name", "duties", NULL};

static void
load_duties(struct load_ctx *ctx, struct ld *ld, const struct ynode *root)
{
	struct catalog *cat = &ctx->county->catalog;
	const struct ynode *roles;

	if (!ld_map(ld, root, N_("duties.yaml"), duties_keys))
		return;
	roles = ld_get(ld, root, "roles", true);
	if (roles == NULL)
		return;
	if (roles->kind != YN_SEQ) {
		ld_error(ld, roles, "'roles' must be a list of roles");
		return;
	}
	cat->roles = arena_alloc(ctx->arena, (roles->n + 1) * sizeof *cat->roles);
	cat->n_roles = 0;
	for (size_t i = 0; i < roles->n; i++) {
		const struct ynode *r = roles->kids[i];
		struct role role = {0};
		role.pos = ld_pos(ld, r);
		if (!ld_map(ld, r, N_("a role"), role_keys))
			continue;
		bool ok = ld_id(ld, r, "id", true, &role.id);
		ld_text(ld, r, "name", true, &role.name);
		ld_text_list(ld, r, "duties", false, false, &role.duties,
		    &role.n_duties, NULL);
		if (!ok)
			continue;
		const struct role *dup = catalog_find_role(cat, role.id);
		if (dup != NULL) {
			ld_error(ld, ymap_get(r, "id"), "role '%s' is defined twice "
			    "(first at line %d)", role.id, dup->pos.line);
			continue;
		}
		if (role.name == NULL)
			role.name = role.id;
		cat->roles[cat->n_roles++] = role;
	}
}

/* ---- powers.yaml ---- */

static const char *const powers_keys[] = {"domains", NULL};
static const char *const domain_keys[] = {"id", "name", "items", NULL};
static const char *const item_keys[] = {
	"id", "name", "basis", "owners", "disclosure", "risks", "flow", NULL,
};
static const char *const disclosure_keys[] = {
	"what", "when", "due_days", "min_days", "every", NULL,
};
static const char *const every_names[] = {"month|每月|月", "quarter|每季度|季度",
	"year|每年|年", NULL};

static void
load_owners(struct load_ctx *ctx, struct ld *ld, const struct ynode *item,
    struct power_item *p)
{
	const char **ids;
	const struct ynode **nodes;
	size_t n;

	if (!ld_text_list(ld, item, "owners", false, true, &ids, &n, &nodes))
		return;
	p->owners = arena_alloc(ctx->arena, (n ? n : 1) * sizeof *p->owners);
	for (size_t i = 0; i < n; i++) {
		const struct role *role = catalog_role_ref(ld,
		    &ctx->county->catalog, nodes[i], "owners", ids[i]);
		if (role != NULL)
			p->owners[p->n_owners++] = role;
	}
}

static void
load_item(struct load_ctx *ctx, struct ld *ld, const struct ynode *n,
    const struct domain *domain, struct power_item *p)
{
	const struct ynode *disc, *flow;
	int every = 0;

	p->pos = ld_pos(ld, n);
	p->domain = domain;
	p->disclosure.min_days = 7;
	p->disclosure.due_days = -1;
	ld_id(ld, n, "id", true, &p->id);
	ld_text(ld, n, "name", true, &p->name);
	if (p->name == NULL)
		p->name = p->id;
	ld_text(ld, n, "basis", false, &p->basis);
	load_owners(ctx, ld, n, p);
	ld_text_list(ld, n, "risks", false, true, &p->risks, &p->n_risks, NULL);
	disc = ld_get(ld, n, "disclosure", false);
	if (disc != NULL && ld_map(ld, disc, N_("'disclosure'"), disclosure_keys)) {
		p->disclosure.pos = ld_pos(ld, disc);
		ld_text(ld, disc, "what", false, &p->disclosure.what);
		ld_text(ld, disc, "when", false, &p->disclosure.when);
		ld_int(ld, disc, "due_days", false, 0, 3660,
		    &p->disclosure.due_days);
		ld_int(ld, disc, "min_days", false, 1, 3660,
		    &p->disclosure.min_days);
		if (ld_enum(ld, disc, "every", false, every_names, &every))
			p->disclosure.every = (enum every)(every + 1);
	}
	flow = ld_get(ld, n, "flow", false);
	if (flow != NULL)
		flow_parse(ld, flow, p->name, &p->flow);
}

static void
load_powers(struct load_ctx *ctx, struct ld *ld, const struct ynode *root)
{
	struct catalog *cat = &ctx->county->catalog;
	const struct ynode *domains;

	if (!ld_map(ld, root, N_("powers.yaml"), powers_keys))
		return;
	domains = ld_get(ld, root, "domains", true);
	if (domains == NULL)
		return;
	if (domains->kind != YN_SEQ) {
		ld_error(ld, domains, "'domains' must be a list of domains");
		return;
	}
	cat->domains = arena_alloc(ctx->arena,
	    (domains->n + 1) * sizeof *cat->domains);
	cat->n_domains = 0;
	for (size_t d = 0; d < domains->n; d++) {
		const struct ynode *dn = domains->kids[d];
		struct domain *dom = &cat->domains[cat->n_domains];
		const struct ynode *items;

		dom->pos = ld_pos(ld, dn);
		if (!ld_map(ld, dn, N_("a domain"), domain_keys))
			continue;
		if (!ld_id(ld, dn, "id", true, &dom->id))
			continue;
		for (size_t k = 0; k < cat->n_domains; k++)
			if (strcmp(cat->domains[k].id, dom->id) == 0)
				ld_error(ld, ymap_get(dn, "id"), "domain '%s' is "
				    "defined twice (first at line %d)", dom->id,
				    cat->domains[k].pos.line);
		ld_text(ld, dn, "name", true, &dom->name);
		if (dom->name == NULL)
			dom->name = dom->id;
		cat->n_domains++;
		items = ld_get(ld, dn, "items", false);
		if (items == NULL)
			continue;
		if (items->kind != YN_SEQ) {
			ld_error(ld, items, "'items' must be a list of power items");
			continue;
		}
		dom->items = arena_alloc(ctx->arena,
		    (items->n + 1) * sizeof *dom->items);
		for (size_t i = 0; i < items->n; i++) {
			const struct ynode *in = items->kids[i];
			struct power_item *p = &dom->items[dom->n_items];
			if (!ld_map(ld, in, N_("a power item"), item_keys))
				continue;
			load_item(ctx, ld, in, dom, p);
			if (p->id == NULL)
				continue;
			const struct power_item *dup = catalog_find_item(cat, p->id);
			if (dup != NULL) {
				ld_error(ld, ymap_get(in, "id"), "power item '%s' is "
				    "defined twice (first at line %d)", p->id,
				    dup->pos.line);
				continue;
			}
			dom->n_items++;
		}
	}
}

/* ---- services.yaml ---- */

static const char *const services_keys[] = {"services", NULL};
static const char *const service_keys[] = {
	"id", "name", "power", "materials", "time_limit", "fee", "contact",
	"proxy", "flow", NULL,
};

static void
load_services(struct load_ctx *ctx, struct ld *ld, const struct ynode *root)
{
	struct catalog *cat = &ctx->county->catalog;
	const struct ynode *list;

	if (!ld_map(ld, root, N_("services.yaml"), services_keys))
		return;
	list = ld_get(ld, root, "services", true);
	if (list == NULL)
		return;
	if (list->kind != YN_SEQ) {
		ld_error(ld, list, "'services' must be a list of service guides");
		return;
	}
	cat->services = arena_alloc(ctx->arena,
	    (list->n + 1) * sizeof *cat->services);
	cat->n_services = 0;
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *n = list->kids[i];
		struct service_guide *s = &cat->services[cat->n_services];
		const char *power = NULL;
		const struct ynode *flow;

		s->pos = ld_pos(ld, n);
		if (!ld_map(ld, n, N_("a service guide"), service_keys))
			continue;
		if (!ld_id(ld, n, "id", true, &s->id))
			continue;
		for (size_t k = 0; k < cat->n_services; k++)
			if (strcmp(cat->services[k].id, s->id) == 0)
				ld_error(ld, ymap_get(n, "id"), "service '%s' is "
				    "defined twice (first at line %d)", s->id,
				    cat->services[k].pos.line);
		ld_text(ld, n, "name", true, &s->name);
		if (s->name == NULL)
			s->name = s->id;
		if (ld_id(ld, n, "power", false, &power))
			s->power = catalog_item_ref(ld, cat, ymap_get(n, "power"),
			    "power", power);
		ld_text_list(ld, n, "materials", false, true, &s->materials,
		    &s->n_materials, NULL);
		ld_text(ld, n, "time_limit", false, &s->time_limit);
		ld_text(ld, n, "fee", false, &s->fee);
		ld_text(ld, n, "contact", false, &s->contact);
		ld_bool(ld, n, "proxy", false, &s->proxy);
		flow = ld_get(ld, n, "flow", false);
		if (flow != NULL)
			flow_parse(ld, flow, s->name, &s->flow);
		cat->n_services++;
	}
}

/* ---- the catalog folder ---- */

typedef void (*catalog_part_fn)(struct load_ctx *, struct ld *,
    const struct ynode *);

static const struct {
	const char *name;
	catalog_part_fn fn;
	bool required;
} catalog_parts[] = {
	/* duties first: the power items refer to its roles */
	{"duties.yaml", load_duties, true},
	{"powers.yaml", load_powers, true},
	{"services.yaml", load_services, false},
};

void
catalog_parse(struct load_ctx *ctx, const char *name, const char *text,
    size_t len)
{
	char *rel = path_join("catalog", name);
	struct ld ld = {ctx->arena, arena_strdup(ctx->arena, rel), 0, true,
	    ctx->county->site.privacy_error};

	for (size_t i = 0; i < NB_COUNT(catalog_parts); i++) {
		if (strcmp(catalog_parts[i].name, name) != 0)
			continue;
		struct ynode *root = ytree_load(ctx->arena, ld.path, text, len, 0);
		if (root == NULL)
			continue;
		if (catalog_parts[i].fn == load_duties)
			ctx->county->catalog.roles_known = true;
		else if (catalog_parts[i].fn == load_powers)
			ctx->county->catalog.items_known = true;
		catalog_parts[i].fn(ctx, &ld, root);
	}
	free(rel);
}

static void
load_part(struct load_ctx *ctx, const char *name, bool required)
{
	char *rel = path_join("catalog", name);
	char *abs = path_join(ctx->root, rel);
	char *text = NULL;
	size_t len = 0;
	struct ld ld = {ctx->arena, arena_strdup(ctx->arena, rel), 0, true,
	    ctx->county->site.privacy_error};

	if (!path_exists(abs)) {
		if (required) {
			struct pos pos = {ld.path, 1, 1};
			diag_error(&pos, "missing: the catalog needs %s (start "
			    "from the one in seeds/ with `noticeboard init`)", rel);
		}
		goto out;
	}
	if (load_text_file(ctx, abs, ld.path, CONTENT_FILE_LIMIT, &text,
	    &len)) {
		struct hasher h;
		hasher_init(&h);
		hasher_digest(&h, &ctx->county->catalog.hash);
		hasher_str(&h, name);
		hasher_put(&h, text, len);
		ctx->county->catalog.hash = hasher_final(&h);
		catalog_parse(ctx, name, text, len);
	}
out:
	free(text);
	free(abs);
	free(rel);
}

void
catalog_load(struct load_ctx *ctx)
{
	for (size_t i = 0; i < NB_COUNT(catalog_parts); i++)
		load_part(ctx, catalog_parts[i].name, catalog_parts[i].required);
}

/* ---- a flow in a file of its own ---- */

static const char *const flow_file_keys[] = {"title", "flow", "lanes", "steps",
	NULL};

enum load_status
flow_load_file(struct arena *arena, const char *path, struct flow *out)
{
	struct load_ctx ctx = {0};
	struct ld ld = {arena, arena_strdup(arena, path), 0, true, false};
	char *text = NULL;
	size_t len = 0;
	const char *title = NULL;
	enum load_status status = LOAD_OK;

	memset(out, 0, sizeof *out);
	ctx.arena = arena;
	if (!load_text_file(&ctx, path, ld.path, CONTENT_FILE_LIMIT, &text,
	    &len)) {
		status = ctx.io_failed ? LOAD_IO_FAILED : LOAD_OK;
		goto out;
	}
	struct ynode *root = ytree_load(arena, ld.path, text, len, 0);
	if (root == NULL || !ld_map(&ld, root, N_("a flow file"), flow_file_keys))
		goto out;
	ld_text(&ld, root, "title", false, &title);
	const struct ynode *flow = ymap_get(root, "flow");
	if (flow != NULL) {
		if (ymap_get(root, "steps") || ymap_get(root, "lanes"))
			ld_error(&ld, root, "give either 'flow' or 'steps', not both");
		flow_parse(&ld, flow, title, out);
	} else {
		/* the file is the flow itself; 'title' is not a flow key */
		struct ynode copy = *root;
		struct ynode **kids = xcalloc(root->n * 2 + 1, sizeof *kids);
		size_t k = 0;
		for (size_t i = 0; i < root->n; i++) {
			if (strcmp(root->kids[2 * i]->str, "title") == 0)
				continue;
			kids[2 * k] = root->kids[2 * i];
			kids[2 * k + 1] = root->kids[2 * i + 1];
			k++;
		}
		copy.kids = kids;
		copy.n = k;
		flow_parse(&ld, &copy, title, out);
		free(kids);
	}
out:
	free(text);
	return status;
}
