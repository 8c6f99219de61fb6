/* formats.c: what the print formats' backends share: the state with the
 * fonts' key, the specs (one sheet set each), and the jobs that render a
 * spec to its PDF and PNG preview through poster_render. */
#include "poster/formats.h"

#include <stdlib.h>

#include "poster/flowlink.h"
#include "render/fonts.h"

struct format_state *
format_state_new(const struct county *county, struct buf *err)
{
	struct hasher h;
	struct format_state *st;

	hasher_init(&h);
	if (!fonts_key(&h, err))
		return NULL;
	st = xcalloc(1, sizeof *st);
	st->county = county;
	st->arena = arena_new();
	st->fonts = hasher_final(&h);
	return st;
}

void
format_state_free(void *state)
{
	struct format_state *st = state;

	if (st == NULL)
		return;
	free(st->specs);
	arena_free(st->arena);
	free(st);
}

struct poster_spec *
format_spec_add(struct format_state *st, enum poster_kind kind,
    const char *path)
{
	struct poster_spec *s;

	/* a power of two grows in place */
	if ((st->n_specs & (st->n_specs - 1)) == 0)
		st->specs = xrealloc(st->specs, (st->n_specs ? st->n_specs * 2 :
		    1) * sizeof *st->specs);
	s = &st->specs[st->n_specs++];
	*s = (struct poster_spec){0};
	s->kind = kind;
	s->path = arena_strdup(st->arena, path);
	return s;
}

struct format_files {
	const char *pdf;
	const char *png;
};

static int
render_job(const struct job *job, struct job_result *r)
{
	const struct format_state *st = job->state;
	const struct format_files *files = job->extra;
	struct buf *pdf = job_emit(r, files->pdf);
	struct buf *png = job_emit(r, files->png);

	return poster_render(st->county, job->subject, pdf, png, &r->err);
}

int
format_plan(struct format_state *st, enum output_kind kind,
    struct job_list *jobs, void (*key_of)(const struct county *,
    const struct poster_spec *, struct hasher *))
{
	const struct county *c = st->county;
	bool flow = poster_have_flow();

	for (size_t i = 0; i < st->n_specs; i++) {
		const struct poster_spec *s = &st->specs[i];
		struct job *job = job_add(jobs, kind, s->path);
		struct format_files *files = arena_alloc(jobs->arena,
		    sizeof *files);
		struct hasher h;

		files->pdf = arena_printf(jobs->arena, "%s.pdf", s->path);
		files->png = arena_printf(jobs->arena, "%s.png", s->path);
		job->render = render_job;
		job->state = st;
		job->subject = s;
		job->extra = files;
		job->label = s->path;
		job_key_init(&h, output_kinds[kind].name);
		hasher_digest(&h, &st->fonts);
		hasher_digest(&h, &c->site.hash);
		hasher_digest(&h, &c->catalog.hash);
		/* the PDF's dates are the build week's first day */
		hasher_u64(&h, (uint64_t)(int64_t)county_week_first(c));
		hasher_u64(&h, (uint64_t)s->kind);
		hasher_u64(&h, flow);
		if (key_of != NULL)
			key_of(c, s, &h);
		job->key = hasher_final(&h);
	}
	return 0;
}
