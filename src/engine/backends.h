/* backends.h: what each output backend gives the build engine. A backend is
 * a triple: new (load templates, fonts: shared read-only state), plan (one
 * job per output file or group of files, each with the digest of its inputs),
 * and free. Jobs then render on worker threads. */
#ifndef NB_ENGINE_BACKENDS_H
#define NB_ENGINE_BACKENDS_H

#include "engine/engine.h"
#include "engine/job.h"
#include "model/model.h"

struct backend {
	enum output_kind kind;
	const char *name;          /* "site", "posters", "flowcharts" */
	void *(*create)(const struct county *county,
	    const struct engine_options *o, struct buf *err);
	int (*plan)(void *state, const struct county *county,
	    struct job_list *jobs, struct buf *err);
	void (*destroy)(void *state);
};

/* The backends, in the order their jobs are planned. */
extern const struct backend *const backends[];
extern const size_t n_backends;

#endif
