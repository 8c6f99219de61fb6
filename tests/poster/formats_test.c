/* formats_test.c: the large print formats' layouts, from their dumps: the
 * demo county's roll-up banners, display boards and billboard as their
 * backends plan them. Each is one sheet; its smallest text prints at least
 * as large as the A3 board's body text (16 pt, read at 1 m) times the
 * distance it is read from (3 m a banner or the overview, 1.5 m a
 * service's board, 5 m the billboard); a chart's step text prints at
 * least 16 pt; every text is inside the safe area; and nothing
 * of a banner reaches the 150 mm its stand hides. */
#include <stdlib.h>
#include <string.h>

#include "engine/backends.h"
#include "load/load.h"
#include "poster/formats.h"
#include "t.h"
#include "util/util.h"

extern const struct backend banners_backend;
extern const struct backend boards_backend;

/* The distance (m) each spec is read from, by its path. */
static double
distance_of(const struct poster_spec *s)
{
	if (strstr(s->path, "billboard") != NULL)
		return 5;
	if (strstr(s->path, "/service-") != NULL)
		return 1.5;
	return 3;
}

static void
check_dump(const struct poster_spec *s, const char *dump)
{
	double scale = 1, trim_w = 0, trim_h = 0, safe = 0, smallest = 1e9;
	double step = 1e9;
	int sheets = 0, outside = 0, texts = 0;
	const char *line = dump;

	while (line != NULL && *line != '\0') {
		double x, y, w, h, size, sw, sh, m, s1, s2, s3, s4;
		int n;
		if (sscanf(line, "page %lfx%lfmm trim %lfx%lfmm margin %lfmm safe "
		    "%lf %lf %lf %lf sheets %d", &sw, &sh, &trim_w, &trim_h, &m,
		    &s1, &s2, &s3, &s4, &n) == 10) {
			safe = s1;
			sheets = n;
		}
		sscanf(line, "format scale=%lf", &scale);
		if (sscanf(line, "  text   x=%lf y=%lf w=%lf h=%lf", &x, &y, &w,
		    &h) == 4) {
			const char *sz = strstr(line, " size=");
			texts++;
			if (sz != NULL && sscanf(sz, " size=%lf", &size) == 1 &&
			    size < smallest)
				smallest = size;
			if (x < safe - 0.05 || y < safe - 0.05 ||
			    x + w > trim_w - safe + 0.05 ||
			    y + h > trim_h - safe + 0.05)
				outside++;
		}
		const char *st = strstr(line, " step=");
		if (strncmp(line, "  flow", 6) == 0 && st != NULL &&
		    sscanf(st, " step=%lfpt", &size) == 1 && size < step)
			step = size;
		line = strchr(line, '\n');
		if (line != NULL)
			line++;
	}
	double d = distance_of(s);
	T_INTEQ(sheets, 1, "%s is one sheet", s->path);
	T_CHECK(texts > 0 && smallest * scale >= 16 * d - 0.01,
	    "%s: its smallest text prints %.0f pt, at least 16 pt x %.0f m",
	    s->path, smallest * scale, d);
	/* a service's chart fills its board and still cannot print the
	 * 12 pt x 1.5 m = 18 pt the rule asks of the widest charts: it is
	 * held to 16 pt, a third above the A3 guide's goal (docs/formats.md) */
	if (step < 1e9)
		T_CHECK(step * scale >= 16 - 0.01, "%s: the chart's steps print "
		    "%.0f pt, at least 16 pt", s->path, step * scale);
	T_INTEQ(outside, 0, "%s: every text inside the safe area", s->path);
	if (s->reserve_bottom_mm > 0)
		/* the layout's trim ends where the stand's zone begins */
		/* (the dump's mm have one decimal: times the scale) */
		T_CHECK(trim_h * scale <= s->height_mm - s->reserve_bottom_mm +
		    0.05 * scale + 0.01, "%s: the layout ends %.0f mm above the bottom",
		    s->path, s->height_mm - trim_h * scale);
}

static void
check_backend(const struct backend *b, const struct county *c,
    size_t *n_specs)
{
	struct buf err = {0}, dump = {0};
	struct job_list jobs;
	struct format_state *st = b->create(c, NULL, &err);

	T_CHECK(st != NULL, "%s: its state%s%s", b->name, err.data ? ": " : "",
	    err.data ? err.data : "");
	if (st == NULL)
		return;
	job_list_init(&jobs);
	T_INTEQ(b->plan(st, c, &jobs, &err), 0, "%s: planned", b->name);
	*n_specs += st->n_specs;
	for (size_t i = 0; i < st->n_specs; i++) {
		buf_reset(&dump);
		int rc = poster_dump(c, &st->specs[i], &dump, &err);
		T_INTEQ(rc, 0, "%s: laid out", st->specs[i].path);
		if (rc == 0)
			check_dump(&st->specs[i], dump.data);
	}
	job_list_free(&jobs);
	b->destroy(st);
	buf_free(&dump);
	buf_free(&err);
}

int
main(void)
{
	struct county c;
	int32_t today;
	const char *src = getenv("NB_ROOT");
	char *content = path_join(src ? src : ".", "content");
	size_t banners = 0, boards = 0;

	date_parse("2026-11-27", &today);
	diag_reset();
	county_load(&c, content, today);
	T_INTEQ(diag_count(DIAG_ERROR), 0, "the demo county loads");
	check_backend(&banners_backend, &c, &banners);
	check_backend(&boards_backend, &c, &boards);
	T_INTEQ(banners, c.n_villages, "a banner for each village");
	T_CHECK(boards >= 3, "the overview, the billboard and the services' "
	    "boards (%zu)", boards);
	county_free(&c);
	free(content);
	poster_thread_cleanup();
	return t_done();
}
