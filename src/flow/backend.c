/* backend.c: the flowcharts backend: every flow of the catalog, each
 * power item's and each service guide's, laid out once and written as SVG,
 * PNG (2x, for screens) and PDF (vector, for print) into output/flowcharts/. */
#include <stdlib.h>
#include <string.h>

#include "engine/backends.h"
#include "flow/flow.h"

struct flowcharts {
	char date[11];             /* the build clock, the PDFs' creation date */
};

static void *
flowcharts_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	struct flowcharts *f = xcalloc(1, sizeof *f);

	(void)o;
	(void)err;
	date_format(county->today, f->date);
	return f;
}

static void
flowcharts_destroy(void *state)
{
	free(state);
}

static int
render_flow(const struct job *job, struct job_result *r)
{
	const struct flowcharts *f = job->state;
	const struct flow *flow = job->subject;
	/* the paths live in the job list's arena, made when planned */
	const char *const *paths = job->extra;
	struct flow_layout *l = flow_layout_new(flow, &r->err);
	int rc = -1;

	if (l == NULL)
		return -1;
	if (flow_write_svg(l, job_emit(r, paths[0])) != 0 ||
	    flow_write_png(l, 2.0, job_emit(r, paths[1])) != 0 ||
	    flow_write_pdf(l, f->date, job_emit(r, paths[2]), &r->err) != 0) {
		if (r->err.len == 0)
			buf_printf(&r->err, "cairo could not draw the flowchart");
		goto out;
	}
	rc = 0;
out:
	flow_layout_free(l);
	return rc;
}

static void
plan_flow(struct flowcharts *f, const struct county *county,
    struct job_list *jobs, const struct flow *flow, const char *name,
    const char *label)
{
	struct hasher h;
	struct job *j;
	const char **paths;

	if (flow->n_steps == 0)
		return;
	paths = arena_alloc(jobs->arena, 3 * sizeof *paths);
	paths[0] = arena_printf(jobs->arena, "flowcharts/%s.svg", name);
	paths[1] = arena_printf(jobs->arena, "flowcharts/%s.png", name);
	paths[2] = arena_printf(jobs->arena, "flowcharts/%s.pdf", name);
	j = job_add(jobs, OUT_FLOWCHARTS, paths[0]);
	j->label = arena_strdup(jobs->arena, label);
	j->render = render_flow;
	j->state = f;
	j->subject = flow;
	j->extra = paths;
	job_key_init(&h, "flowcharts");
	hasher_digest(&h, &county->catalog.hash);
	hasher_str(&h, f->date);
	hasher_str(&h, name);
	j->key = hasher_final(&h);
}

static int
flowcharts_plan(void *state, const struct county *county,
    struct job_list *jobs, struct buf *err)
{
	struct flowcharts *f = state;
	const struct catalog *cat = &county->catalog;

	(void)err;
	for (size_t d = 0; d < cat->n_domains; d++)
		for (size_t i = 0; i < cat->domains[d].n_items; i++) {
			const struct power_item *it = &cat->domains[d].items[i];
			plan_flow(f, county, jobs, &it->flow, it->id, it->name);
		}
	for (size_t s = 0; s < cat->n_services; s++) {
		const struct service_guide *g = &cat->services[s];
		char *name = arena_printf(jobs->arena, "services/%s", g->id);
		plan_flow(f, county, jobs, &g->flow, name, g->name);
	}
	return 0;
}

const struct backend flowcharts_backend = {
	OUT_FLOWCHARTS, "flowcharts", flowcharts_create, flowcharts_plan,
	flowcharts_destroy,
};
