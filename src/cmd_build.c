/* cmd_build.c: `noticeboard build`: load and check the content, then run
 * the backends into the output folder. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"

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
