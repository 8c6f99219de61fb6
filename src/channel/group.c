/* group.c: the messages for the villages' WeChat and QQ groups. Planned by the build engine like the site; this backend
 * plans no job yet. */
#include "engine/backends.h"

#include <stdlib.h>

static int group_token;

static void *
group_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)county;
	(void)o;
	(void)err;
	return &group_token;
}

static int
group_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	(void)state;
	(void)county;
	(void)jobs;
	(void)err;
	return 0;
}

static void
group_destroy(void *state)
{
	(void)state;
}

const struct backend group_backend = {
	OUT_GROUP, "group", group_create, group_plan, group_destroy,
};
