/* tv.c: the service halls' TV slides. Planned by the build engine like the site; this backend
 * plans no job yet. */
#include "engine/backends.h"

#include <stdlib.h>

static int tv_token;

static void *
tv_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)county;
	(void)o;
	(void)err;
	return &tv_token;
}

static int
tv_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	(void)state;
	(void)county;
	(void)jobs;
	(void)err;
	return 0;
}

static void
tv_destroy(void *state)
{
	(void)state;
}

const struct backend tv_backend = {
	OUT_TV, "tv", tv_create, tv_plan, tv_destroy,
};
