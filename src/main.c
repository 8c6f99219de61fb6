/* main.c: the command line. Parses options, runs one command, and is the only
 * place that turns results into exit codes: 0 success, 1 content errors,
 * 2 usage errors, 3 system failures. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "util/diag.h"
#include "load/load.h"
#include "util/i18n.h"
#include "util/util.h"

#ifndef NB_VERSION
#define NB_VERSION "0.0.0"
#endif

/* The build clock: --date, else SOURCE_DATE_EPOCH, else today. */
static bool
build_clock(const char *given, int32_t *today)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");

	if (given != NULL)
		return date_parse(given, today);
	if (epoch != NULL && *epoch != '\0') {
		char *end;
		errno = 0;
		long long secs = strtoll(epoch, &end, 10);
		if (errno != 0 || *end != '\0' || secs < 0)
			return false;
		*today = (int32_t)(secs / 86400);
		return true;
	}
	time_t now = time(NULL);
	struct tm tm;
	if (localtime_r(&now, &tm) == NULL)
		return false;
	*today = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return true;
}

/* Reads the options every command shares. Returns 0, or 2 on a usage error. */
static int
parse_options(int argc, char **argv, struct cmd_options *o)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *value = NULL;
		const char *eq = strchr(a, '=');
		char name[32];

		if (strncmp(a, "--", 2) == 0 && eq != NULL &&
		    (size_t)(eq - a) < sizeof name) {
			memcpy(name, a, (size_t)(eq - a));
			name[eq - a] = '\0';
			value = eq + 1;
			a = name;
		}
#define TAKE(opt) do {                                                     \
	if (value == NULL) {                                               \
		if (i + 1 >= argc)                                         \
			return cli_usage_error("option %s needs a value", opt); \
		value = argv[++i];                                         \
	}                                                                  \
} while (0)
		if (strcmp(a, "-C") == 0 || strcmp(a, "--content") == 0) {
			TAKE(a);
			o->content = value;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			TAKE(a);
			o->output = value;
		} else if (strcmp(a, "--date") == 0) {
			TAKE(a);
			o->date = value;
		} else if (strcmp(a, "--only") == 0) {
			TAKE(a);
			o->only = value;
		} else if (strcmp(a, "-j") == 0 || strncmp(a, "-j", 2) == 0) {
			if (a[2] != '\0')
				value = a + 2;
			TAKE("-j");
			char *end;
			long j = strtol(value, &end, 10);
			if (*end != '\0' || j < 1 || j > 256)
				return cli_usage_error("-j needs a number of workers "
				    "from 1 to 256, not '%s'", value);
			o->jobs = (int)j;
		} else if (strcmp(a, "--village") == 0) {
			TAKE(a);
			o->village = value;
		} else if (strcmp(a, "--title") == 0) {
			TAKE(a);
			o->title = value;
		} else if (strcmp(a, "--power") == 0) {
			TAKE(a);
			o->power = value;
		} else if (strcmp(a, "--port") == 0) {
			TAKE(a);
			o->port = value;
		} else if (strcmp(a, "--listen") == 0) {
			TAKE(a);
			o->listen = value;
		} else if (strcmp(a, "--force") == 0 && value == NULL) {
			o->force = true;
		} else if (strcmp(a, "--no-wait") == 0 && value == NULL) {
			o->no_wait = true;
		} else if (strcmp(a, "--overdue") == 0 && value == NULL) {
			o->overdue = true;
		} else if (a[0] == '-' && a[1] != '\0') {
			return cli_usage_error("unknown option '%s'", argv[i]);
		} else if (o->n_args < NB_COUNT(o->args)) {
			o->args[o->n_args++] = argv[i];
		} else {
			return cli_usage_error("too many arguments: '%s'", argv[i]);
		}
#undef TAKE
	}
	if (o->date != NULL && !date_parse(o->date, &o->today))
		return cli_usage_error("--date must be a real date YYYY-MM-DD, not "
		    "'%s'", o->date);
	/* the build's week and the notices' periods derive from it: the same
	 * years as the content's dates (model.h) */
	_Static_assert(DATE_FIRST_YEAR == 1000 && DATE_LAST_YEAR == 9979,
	    "the message below names the years");
	if (o->date != NULL && !date_in_content_years(o->today))
		return cli_usage_error("--date must lie in the years 1000 to 9979 "
		    "(a content date's years), not '%s'", o->date);
	if (o->date == NULL && !build_clock(NULL, &o->today))
		return cli_usage_error("%s", _("SOURCE_DATE_EPOCH must be a number "
		    "of seconds"));
	return 0;
}

int
main(int argc, char **argv)
{
	struct cmd_options o = {0};
	const char *cmd;
	int rc;

	i18n_init();
	if (argc < 2) {
		fputs(_(cli_usage_text), stderr);
		return 2;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		/* help COMMAND is that command's help */
		if (strcmp(cmd, "help") == 0 && argc > 2 &&
		    cli_command_help(argv[2]) != NULL) {
			fputs(cli_command_help(argv[2]), stdout);
			return 0;
		}
		fputs(_(cli_usage_text), stdout);
		fputs(_(cli_help_text), stdout);
		return 0;
	}
	/* every command answers --help (anywhere among its arguments) */
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			const char *help = cli_command_help(cmd);
			if (help == NULL)
				return cli_usage_error("unknown command '%s'", cmd);
			fputs(help, stdout);
			return 0;
		}
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("noticeboard %s\n", NB_VERSION);
		return 0;
	}
	o.jobs = 0;
	o.argv0 = argv[0];
	rc = parse_options(argc - 2, argv + 2, &o);
	if (rc != 0)
		return rc;
	/* found upward from here, as git finds its repository; -C wins */
	char *output = NULL;
	if (o.content == NULL)
		o.content = discover_content();
	/* the output beside the content is build's default; flow needs -o */
	if (o.output == NULL && strcmp(cmd, "flow") != 0)
		o.output = output = output_beside(o.content);

	if (strcmp(cmd, "check") == 0)
		rc = cmd_check(&o);
	else if (strcmp(cmd, "build") == 0)
		rc = cmd_build(&o);
	else if (strcmp(cmd, "init") == 0)
		rc = cmd_init(&o);
	else if (strcmp(cmd, "new") == 0)
		rc = cmd_new(&o);
	else if (strcmp(cmd, "flow") == 0)
		rc = cmd_flow(&o);
	else if (strcmp(cmd, "list") == 0)
		rc = cmd_list(&o);
	else if (strcmp(cmd, "serve") == 0)
		rc = cmd_serve(&o);
	else
		rc = cli_usage_error("unknown command '%s'", cmd);
	diag_reset();
	free(output);
	return rc;
}
