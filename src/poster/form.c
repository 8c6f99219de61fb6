/* form.c: a survey's paper form (满意度测评表) and the clerk's tally sheet,
 * A4, and the forms backend. Not built yet: the backend plans no job. */
#include "poster/doc.h"
#include "poster/formats.h"

int
compose_form(struct doc *d, struct buf *err)
{
	(void)d;
	(void)err;
	return 0;
}

int
compose_tally(struct doc *d, struct buf *err)
{
	(void)d;
	(void)err;
	return 0;
}

static void *
forms_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)o;
	return format_state_new(county, err);
}

static int
forms_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	(void)state;
	(void)county;
	(void)jobs;
	(void)err;
	return 0;
}

const struct backend forms_backend = {
	OUT_FORMS, "forms", forms_create, forms_plan, format_state_free,
};
