/* backends.c: the list of output backends the build engine runs. */
#include "engine/backends.h"

#include <stddef.h>

extern const struct backend site_backend;
extern const struct backend poster_backend;
extern const struct backend flowcharts_backend;

const struct backend *const backends[] = {
	&site_backend,
	&poster_backend,
	&flowcharts_backend,
};
const size_t n_backends = 3;
