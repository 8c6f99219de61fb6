/* led.c: the villages' LED screens: text and frames. Planned by the build engine like the site; this backend
 * plans no job yet. */
#include "engine/backends.h"

#include <stdlib.h>

static int led_token;

static void *
led_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)county;
	(void)o;
	(void)err;
	return &led_token;
}

static int
led_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	(void)state;
	(void)county;
	(void)jobs;
	(void)err;
	return 0;
}

static void
led_destroy(void *state)
{
	(void)state;
}

const struct backend led_backend = {
	OUT_LED, "led", led_create, led_plan, led_destroy,
};
