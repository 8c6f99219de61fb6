/* wechat.c: the WeChat official account's articles. Planned by the build engine like the site; this backend
 * plans no job yet. */
#include "engine/backends.h"

#include <stdlib.h>

static int wechat_token;

static void *
wechat_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)county;
	(void)o;
	(void)err;
	return &wechat_token;
}

static int
wechat_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	(void)state;
	(void)county;
	(void)jobs;
	(void)err;
	return 0;
}

static void
wechat_destroy(void *state)
{
	(void)state;
}

const struct backend wechat_backend = {
	OUT_WECHAT, "wechat", wechat_create, wechat_plan, wechat_destroy,
};
