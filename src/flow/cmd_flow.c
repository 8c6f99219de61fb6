/* cmd_flow.c: `noticeboard flow FILE.yaml -o OUT`: one flowchart from a
 * flow file. */
#include <stdio.h>

#include "cmd.h"
#include "diag.h"

int
cmd_flow(struct cmd_options *o)
{
	struct arena *arena = arena_new();
	struct flow flow;
	enum load_status status;
	int rc;

	if (o->n_args != 1) {
		fputs("noticeboard: flow needs one file: noticeboard flow FILE.yaml "
		    "-o OUT.svg\n", stderr);
		arena_free(arena);
		return 2;
	}
	status = flow_load_file(arena, o->args[0], &flow);
	rc = report_and_status(status, "flow");
	arena_free(arena);
	return rc;
}
