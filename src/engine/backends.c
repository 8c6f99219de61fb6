/* backends.c: the list of output backends the build engine runs. */
#include "engine/backends.h"

#include <stddef.h>

extern const struct backend site_backend;
extern const struct backend poster_backend;
extern const struct backend flowcharts_backend;
extern const struct backend wechat_backend;
extern const struct backend group_backend;
extern const struct backend led_backend;
extern const struct backend tv_backend;
extern const struct backend cards_backend;
extern const struct backend banners_backend;
extern const struct backend boards_backend;
extern const struct backend forms_backend;

const struct backend *const backends[] = {
	&site_backend,
	&poster_backend,
	&flowcharts_backend,
	&wechat_backend,
	&group_backend,
	&led_backend,
	&tv_backend,
	&cards_backend,
	&banners_backend,
	&boards_backend,
	&forms_backend,
};
const size_t n_backends = sizeof backends / sizeof backends[0];
