/* banner.c: a village's roll-up banner (易拉宝). Not built yet. */
#include "poster/doc.h"
#include "poster/formats.h"

int
compose_banner(struct doc *d, struct buf *err)
{
	(void)d;
	(void)err;
	return 0;
}

static void *
banners_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)o;
	return format_state_new(county, err);
}

static int
banners_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	(void)state;
	(void)county;
	(void)jobs;
	(void)err;
	return 0;
}

const struct backend banners_backend = {
	OUT_BANNERS, "banners", banners_create, banners_plan, format_state_free,
};
