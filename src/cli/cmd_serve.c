/* cmd_serve.c: `noticeboard serve`: the live preview. Reads the options
 * and hands over to the preview server (src/serve), which builds, serves
 * and rebuilds until it is stopped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "serve/serve.h"
#include "util/diag.h"
#include "util/i18n.h"

int
cmd_serve(struct cmd_options *o)
{
	struct serve_options so = {0};

	if (o->n_args > 0)
		return cli_usage_error("serve takes no arguments: '%s'",
		    o->args[0]);
	if (o->port != NULL) {
		char *end;
		long port = strtol(o->port, &end, 10);
		if (*o->port == '\0' || *end != '\0' || port < 0 || port > 65535)
			return cli_usage_error("--port needs a port number from 0 "
			    "to 65535, not '%s'", o->port);
		so.port = (int)port;
		so.port_given = true;
	}
	if (!path_is_dir(o->content))
		return cli_usage_error("no content folder '%s' (name it with -C)",
		    o->content);
	so.content = o->content;
	so.listen = o->listen != NULL ? o->listen : "127.0.0.1";
	so.today = o->today;
	so.data_dir = data_dir(o->argv0);
	if (so.data_dir == NULL) {
		/* the site's themes are the program's own data */
		struct buf why = {0};
		data_dir_explain(&why);
		diag_system("%s", why.data);
		buf_free(&why);
		return 3;
	}
	so.jobs = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (so.jobs < 1)
		so.jobs = 1;
	so.report = report_and_status;
	return serve_run(&so);
}
