/* cards.c: the villages' convenience cards (便民服务卡). Not built yet. */
#include "poster/formats.h"

static void *
cards_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)o;
	return format_state_new(county, err);
}

static int
cards_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	(void)state;
	(void)county;
	(void)jobs;
	(void)err;
	return 0;
}

const struct backend cards_backend = {
	OUT_CARDS, "cards", cards_create, cards_plan, format_state_free,
};
