/* cmd_build.c: `noticeboard build`: load and check the content, then run the
 * backends into the output folder through the build engine. A content error
 * stops before anything is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/engine.h"
#include "cli/cmd.h"
#include "util/i18n.h"
#include "util/diag.h"

static bool
parse_only(const char *list, bool kinds[OUT_KIND_COUNT])
{
	const char *p = list;

	for (int k = 0; k < OUT_KIND_COUNT; k++)
		kinds[k] = false;
	while (*p != '\0') {
		size_t len = strcspn(p, ",");
		int k;
		for (k = 0; k < OUT_KIND_COUNT; k++)
			if (strlen(output_kinds[k].name) == len &&
			    strncmp(p, output_kinds[k].name, len) == 0)
				break;
		if (k == OUT_KIND_COUNT)
			return false;
		kinds[k] = true;
		p += len;
		if (*p == ',')
			p++;
	}
	return true;
}

int
cmd_build(struct cmd_options *o)
{
	struct county county;
	struct engine_options bo = {0};
	struct engine_stats stats;
	enum load_status status;
	enum engine_status built;
	int rc;

	if (o->n_args > 0) {
		fprintf(stderr, _("noticeboard: build takes no arguments: '%s'\n"),
		    o->args[0]);
		return 2;
	}
	for (int k = 0; k < OUT_KIND_COUNT; k++)
		bo.kinds[k] = true;
	if (o->only != NULL && !parse_only(o->only, bo.kinds)) {
		fprintf(stderr, _("noticeboard: --only takes a comma list of site, "
		    "posters, flowcharts, wechat, group, led, tv, cards, banners, "
		    "boards and forms, not '%s'\n"), o->only);
		return 2;
	}
	status = county_load(&county, o->content, o->today);
	if (status == LOAD_NO_CONTENT) {
		county_free(&county);
		fprintf(stderr, _("noticeboard: no content folder '%s' (name it "
		    "with -C)\n"), o->content);
		return 2;
	}
	if (status == LOAD_OK)
		check_theme(&county, o->argv0);
	rc = report_and_status(status, N_("check"), NULL);
	if (rc != 0) {
		fprintf(stderr, _("noticeboard: nothing was built; '%s' is as it "
		    "was\n"), o->output);
		county_free(&county);
		return rc;
	}
	bo.output = o->output;
	bo.content_dir = o->content;
	bo.data_dir = data_dir(o->argv0);
	if (bo.data_dir == NULL && bo.kinds[OUT_SITE]) {
		/* the site's themes are the program's own data */
		struct buf why = {0};
		data_dir_explain(&why);
		diag_system("%s", why.data);
		buf_free(&why);
		county_free(&county);
		return 3;
	}
	bo.force = o->force;
	bo.no_wait = o->no_wait;
	bo.jobs = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (bo.jobs < 1)
		bo.jobs = 1;
	bo.progress = isatty(STDERR_FILENO) && getenv("CI") == NULL;
	built = engine_run(&county, &bo, &stats);
	county_free(&county);
	if (built == ENGINE_USAGE)
		return 2;
	if (built == ENGINE_BUSY)
		return 3;
	if (built == ENGINE_INTERRUPTED) {
		fprintf(stderr, _("noticeboard: interrupted; '%s' is as it was\n"),
		    o->output);
		return 128 + stats.signal;
	}
	if (built == ENGINE_CONTENT) {
		/* content no poster can hold: errors at their places, found
		 * while rendering (the warnings were printed with the check) */
		size_t errors = diag_count(DIAG_ERROR);
		diag_print_errors(stderr);
		char e[64];
		snprintf(e, sizeof e, NG_("%zu error", "%zu errors", errors), errors);
		fprintf(stderr, _("noticeboard: build: %s in what the posters "
		    "show\n"), e);
		fprintf(stderr, _("noticeboard: nothing was built; '%s' is as it "
		    "was\n"), o->output);
		return 1;
	}
	if (built != ENGINE_OK) {
		fprintf(stderr, _("noticeboard: the build failed; '%s' is as it "
		    "was\n"), o->output);
		return 3;
	}
	/* the kinds built, each with its files: "site 1224, posters 130" */
	static const char *const labels[OUT_KIND_COUNT] = {
		[OUT_SITE] = N_("site"), [OUT_POSTERS] = N_("posters"),
		[OUT_FLOWCHARTS] = N_("flowcharts"), [OUT_WECHAT] = N_("wechat"),
		[OUT_GROUP] = N_("group"), [OUT_LED] = N_("led"), [OUT_TV] = N_("tv"),
		[OUT_CARDS] = N_("cards"), [OUT_BANNERS] = N_("banners"),
		[OUT_BOARDS] = N_("boards"), [OUT_FORMS] = N_("forms"),
	};
	struct buf kinds = {0};
	size_t total = 0;
	for (int k = 0; k < OUT_KIND_COUNT; k++) {
		if (!bo.kinds[k])
			continue;
		if (kinds.len > 0)
			buf_puts(&kinds, _(", "));
		/* TRANSLATORS: an output and how many files it has, in the
		 * build's summary: "site 1224" */
		buf_printf(&kinds, _("%s %zu"), _(labels[k]), stats.files[k]);
		total += stats.files[k];
	}
	printf(_("built %zu files (%s): %zu rendered, %zu unchanged, in %.2f s; "
	    "%zu warning%s\n"), total, kinds.data ? kinds.data : "",
	    stats.rendered, stats.reused, stats.seconds,
	    diag_count(DIAG_WARNING), diag_count(DIAG_WARNING) == 1 ? "" : "s");
	buf_free(&kinds);
	return 0;
}
