/* cmd.h: the commands main.c dispatches to. Each returns an exit status:
 * 0 success, 1 content errors, 2 usage errors, 3 system failures. */
#ifndef NB_CLI_CMD_H
#define NB_CLI_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "load/load.h"

struct cmd_options {
	const char *argv0;
	const char *content;
	const char *output;
	const char *date;       /* as given, or NULL */
	int32_t today;          /* the build clock */
	const char *only;
	int jobs;               /* 0: the number of cores */
	bool force;
	bool no_wait;           /* build: refuse when another build holds the lock */
	bool overdue;
	const char *village;    /* new */
	const char *title;
	const char *power;
	const char *port;       /* serve */
	const char *listen;
	const char *args[64];   /* positional arguments after the command */
	size_t n_args;
};

/* The usage lines and the help that follows them (common.c), to print
 * through _(). */
extern const char *const cli_usage_text;
extern const char *const cli_help_text;
/* A command's own help with an example, translated; NULL if no such
 * command. */
const char *cli_command_help(const char *name);
/* Says "noticeboard: " and the message (fmt with one %s) and the usage on
 * stderr; returns 2, the status of a usage error. */
int cli_usage_error(const char *fmt, const char *arg);

/* (discover.c) The content folder when -C does not name it: the nearest
 * folder upward from the current one holding a site.yaml, else "content". */
const char *discover_content(void);
/* The output folder beside a content folder ("output" beside "content"). */
char *output_beside(const char *content);
/* "town/village" when the current folder lies inside a village's folder of
 * the content, else NULL. */
char *village_of_cwd(const char *content);
/* The TOWN/VILLAGE of content nearest to spec, a misspelling of it
 * (malloc'd), or NULL (common.c). */
char *near_village_of(const char *content, const char *spec);

int cmd_build(struct cmd_options *o);
int cmd_check(struct cmd_options *o);
int cmd_init(struct cmd_options *o);
int cmd_new(struct cmd_options *o);
int cmd_flow(struct cmd_options *o);
int cmd_list(struct cmd_options *o);
int cmd_serve(struct cmd_options *o);

/* Prints the diagnostics and the summary line; returns 0, 1 or 3. */
int report_and_status(enum load_status status, const char *what,
    const char *more);
/* A theme site.yaml names that is not installed: a content error at the
 * line of theme:, so that check finds it and a build stops before
 * rendering. */
void check_theme(const struct county *c, const char *argv0);

/* (data_dir.c) The folder holding the program's data (seeds/, themes/): the source tree
 * when run from it, PREFIX/share/noticeboard when installed. NULL if none. */
const char *data_dir(const char *argv0);
/* Why data_dir found nothing: the folders it looked in and what to do. */
void data_dir_explain(struct buf *out);

#endif
