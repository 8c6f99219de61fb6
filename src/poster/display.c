/* display.c: display boards (宣传展板) and billboards (广告牌). Not built yet. */
#include "poster/doc.h"
#include "poster/formats.h"

int
compose_display(struct doc *d, struct buf *err)
{
	(void)d;
	(void)err;
	return 0;
}

static void *
boards_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)o;
	return format_state_new(county, err);
}

static int
boards_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	(void)state;
	(void)county;
	(void)jobs;
	(void)err;
	return 0;
}

const struct backend boards_backend = {
	OUT_BOARDS, "boards", boards_create, boards_plan, format_state_free,
};
