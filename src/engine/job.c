/* job.c: the job list and the helpers backends use to describe outputs. */
#include "engine/job.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#ifndef NB_VERSION
#define NB_VERSION "0.0.0"
#endif

const struct output_kind_info output_kinds[OUT_KIND_COUNT] = {
	[OUT_SITE] = {"site", "site"},
	[OUT_POSTERS] = {"posters", "posters"},
	[OUT_FLOWCHARTS] = {"flowcharts", "flowcharts"},
	[OUT_WECHAT] = {"wechat", "wechat"},
	[OUT_GROUP] = {"group", "group"},
	[OUT_LED] = {"led", "led"},
	[OUT_TV] = {"tv", "tv"},
	[OUT_CARDS] = {"cards", "print/cards"},
	[OUT_BANNERS] = {"banners", "print/banners"},
	[OUT_BOARDS] = {"boards", "print/boards"},
	[OUT_FORMS] = {"forms", "print/forms"},
};

struct buf *
job_emit(struct job_result *r, const char *path)
{
	if (r->n_files >= JOB_MAX_FILES)
		nb_out_of_memory();   /* a backend bug, not a user's problem */
	r->paths[r->n_files] = path;
	buf_reset(&r->data[r->n_files]);
	return &r->data[r->n_files++];
}

void
job_list_init(struct job_list *list)
{
	memset(list, 0, sizeof *list);
	list->arena = arena_new();
}

void
job_list_free(struct job_list *list)
{
	free(list->items);
	arena_free(list->arena);
	memset(list, 0, sizeof *list);
}

struct job *
job_add(struct job_list *list, enum output_kind kind, const char *id)
{
	struct job *j;

	if (list->len == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 256;
		list->items = xrealloc(list->items, list->cap * sizeof *list->items);
	}
	j = &list->items[list->len++];
	memset(j, 0, sizeof *j);
	j->kind = kind;
	j->id = arena_strdup(list->arena, id);
	j->label = j->id;
	return j;
}

/* The program's own bytes: a rebuilt program with the same version number
 * must not reuse what an older one rendered. */
static struct digest program_digest;
static pthread_once_t program_once = PTHREAD_ONCE_INIT;

static void
digest_program(void)
{
	char *data = NULL;
	size_t len = 0;

	if (file_read("/proc/self/exe", 256u * 1024 * 1024, &data, &len) == 0)
		program_digest = digest_of(data, len);
	free(data);
}

void
job_key_init(struct hasher *h, const char *backend)
{
	pthread_once(&program_once, digest_program);
	hasher_init(h);
	hasher_str(h, "noticeboard " NB_VERSION);
	hasher_digest(h, &program_digest);
	hasher_str(h, backend);
}

void
job_key_place(struct hasher *h, const struct village *v)
{
	hasher_u64(h, (uint64_t)v->level);
	if (v->town != NULL) {
		hasher_str(h, v->town->id);
		hasher_digest(h, &v->town->hash);
	}
	hasher_str(h, v->id);
	hasher_digest(h, &v->hash);
}
