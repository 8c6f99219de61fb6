/* cmd_build.c: `noticeboard build`: load and check the content, then run
 * the backends into the output folder. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"

/* Prints the diagnostics and the summary; returns the exit status. */
int
report_and_status(enum load_status status, const char *what)
{
	size_t errors = diag_count(DIAG_ERROR);
	size_t warnings = diag_count(DIAG_WARNING);

	diag_print(stderr);
	fprintf(stderr, "noticeboard: %s: %zu error%s, %zu warning%s\n", what,
	    errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
	if (status == LOAD_IO_FAILED)
		return 3;
	return errors > 0 ? 1 : 0;
}

int
cmd_build(struct cmd_options *o)
{
	struct county county;
	enum load_status status;
	int rc;

	if (o->n_args > 0) {
		fprintf(stderr, "noticeboard: build takes no arguments: '%s'\n",
		    o->args[0]);
		return 2;
	}
	status = county_load(&county, o->content, o->today);
	if (status == LOAD_NO_CONTENT) {
		county_free(&county);
		fprintf(stderr, "noticeboard: no content folder '%s' (name it "
		    "with -C)\n", o->content);
		return 2;
	}
	rc = report_and_status(status, "build");
	if (rc == 0)
		printf("checked %zu towns, %zu villages, %zu records\n",
		    county.n_towns, county.n_villages, county.n_records);
	county_free(&county);
	return rc;
}
