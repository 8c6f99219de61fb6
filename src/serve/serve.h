/* serve.h: `noticeboard serve`, the live preview: builds the content into a
 * private folder, serves it over HTTP and rebuilds and reloads the open
 * pages whenever a file of the content changes. */
#ifndef NB_SERVE_SERVE_H
#define NB_SERVE_SERVE_H

#include <stdbool.h>
#include <stdint.h>

#include "load/load.h"

struct serve_options {
	const char *content;       /* the content folder */
	const char *listen;        /* the address to listen on (127.0.0.1) */
	int port;                  /* the port; 0 lets the system choose */
	bool port_given;           /* --port: that port or none; otherwise
	                            * the next free one after it */
	int32_t today;             /* the build clock */
	const char *data_dir;      /* themes/ */
	int jobs;                  /* worker threads of each build */
	/* Prints a build's diagnostics and summary line on stderr (the
	 * command's own report); returns 0, 1 or 3 as a build would. */
	int (*report)(enum load_status status, const char *what,
	    const char *more);
};

/* Serves until SIGINT or SIGTERM, then removes the private folder. Returns
 * 0 after a clean shutdown, 2 when the address or port cannot be used,
 * 3 on a system failure. */
int serve_run(const struct serve_options *o);

#endif
