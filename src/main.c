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

#include "assess/assess.h"
#include "cmd.h"
#include "diag.h"
#include "load/load.h"
#include "util.h"

#ifndef NB_VERSION
#define NB_VERSION "0.0.0"
#endif

static const char usage_text[] =
    "usage: noticeboard build [-C CONTENT] [-o OUTPUT] [--date YYYY-MM-DD]\n"
    "                         [--only site,posters,flowcharts] [-j N]\n"
    "       noticeboard check [-C CONTENT] [--date YYYY-MM-DD]\n"
    "       noticeboard flow FILE.yaml -o OUT.svg|OUT.png|OUT.pdf\n"
    "       noticeboard init DIR\n"
    "       noticeboard new TYPE --village TOWN/VILLAGE --title TEXT "
    "[-C CONTENT]\n"
    "       noticeboard --help | --version\n";

static const char help_text[] =
    "\n"
    "noticeboard compiles a county's village-affairs records (Markdown and\n"
    "YAML) into a static website, A3 noticeboard posters and flowcharts.\n"
    "\n"
    "commands:\n"
    "  build   check the content, then write output/site, output/posters and\n"
    "          output/flowcharts; a failed build leaves the old output as it was\n"
    "  check   check the content and report every problem, changing nothing\n"
    "  flow    draw one flowchart from a flow file\n"
    "  init    start a new county's content folder from the starter catalog\n"
    "  new     write a record skeleton for a village, ready to fill in\n"
    "\n"
    "options:\n"
    "  -C DIR          the content folder (default: content)\n"
    "  -o DIR          the output folder (default: output)\n"
    "  --date DATE     the build clock (default: SOURCE_DATE_EPOCH, or today)\n"
    "  --only LIST     build only some outputs: site, posters, flowcharts\n"
    "  -j N            parallel workers (default: the number of cores)\n"
    "  --force         render every output again, ignoring the cache\n"
    "  --power ID      (new) the catalog item the record is about\n"
    "\n"
    "exit status: 0 success (warnings allowed), 1 content errors,\n"
    "2 usage errors, 3 system failure (I/O, memory, fonts).\n";

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("noticeboard: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	fputs(usage_text, stderr);
	return 2;
}

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
			return usage_error("option %s needs a value", opt); \
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
				return usage_error("-j needs a number of workers "
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
		} else if (strcmp(a, "--force") == 0 && value == NULL) {
			o->force = true;
		} else if (strcmp(a, "--overdue") == 0 && value == NULL) {
			o->overdue = true;
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option '%s'", argv[i]);
		} else if (o->n_args < NB_COUNT(o->args)) {
			o->args[o->n_args++] = argv[i];
		} else {
			return usage_error("too many arguments: '%s'", argv[i]);
		}
#undef TAKE
	}
	if (o->date != NULL && !date_parse(o->date, &o->today))
		return usage_error("--date must be a real date YYYY-MM-DD, not "
		    "'%s'", o->date);
	if (o->date == NULL && !build_clock(NULL, &o->today))
		return usage_error("%s", "SOURCE_DATE_EPOCH must be a number of "
		    "seconds");
	return 0;
}

/* What each village has not done on time, for the clerks: recurring
 * disclosures not made, results not disclosed, records not signed off and
 * surveys not held (a late disclosure is made, and a missed talk cannot be
 * held afterwards). */
static bool
is_overdue(const struct issue *is)
{
	return is->kind != ISSUE_LATE && is->kind != ISSUE_NO_TALK;
}

static void
print_overdue(const struct county *county)
{
	struct county_assessment *a = assess_county(county);
	struct buf line = {0};
	size_t quiet = 0, idle = 0;
	char date[11];

	date_format(county->today, date);
	printf("overdue at %s\n", date);
	for (size_t i = 0; i < a->n_villages; i++) {
		const struct village_assessment *va = &a->villages[i];
		size_t n = 0;
		if (!va->assessed) {
			idle++;
			continue;
		}
		for (size_t k = 0; k < va->n_issues; k++)
			n += is_overdue(&va->issues[k]);
		if (n == 0) {
			quiet++;
			continue;
		}
		printf("\n%s/%s %s %s: %zu overdue\n", va->village->town->id,
		    va->village->id, va->village->town->name, va->village->name, n);
		for (size_t k = 0; k < va->n_issues; k++) {
			const struct issue *is = &va->issues[k];
			if (!is_overdue(is))
				continue;
			buf_reset(&line);
			issue_describe(is, &line);
			date_format(is->due, date);
			printf("  %-10s  %s\n", is->due == DATE_NONE ? "" : date,
			    line.data);
		}
	}
	printf("\n%zu village%s with nothing overdue; %zu with no records yet\n",
	    quiet, quiet == 1 ? "" : "s", idle);
	buf_free(&line);
	assess_free(a);
}

static int
cmd_check(struct cmd_options *o)
{
	struct county county;
	enum load_status status;
	int rc;

	if (o->n_args > 0)
		return usage_error("check takes no arguments: '%s'", o->args[0]);
	status = county_load(&county, o->content, o->today);
	if (status == LOAD_NO_CONTENT) {
		county_free(&county);
		return usage_error("no content folder '%s' (name it with -C)",
		    o->content);
	}
	rc = report_and_status(status, "check");
	if (o->overdue && rc == 0)
		print_overdue(&county);
	if (rc == 0 || rc == 1)
		fprintf(stderr, "noticeboard: %zu town%s, %zu village%s, %zu "
		    "record%s\n", county.n_towns, county.n_towns == 1 ? "" : "s",
		    county.n_villages, county.n_villages == 1 ? "" : "s",
		    county.n_records, county.n_records == 1 ? "" : "s");
	county_free(&county);
	return rc;
}

int
main(int argc, char **argv)
{
	struct cmd_options o = {0};
	const char *cmd;
	int rc;

	if (argc < 2) {
		fputs(usage_text, stderr);
		return 2;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		fputs(help_text, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("noticeboard %s\n", NB_VERSION);
		return 0;
	}
	o.content = "content";
	o.output = "output";
	o.jobs = 0;
	o.argv0 = argv[0];
	rc = parse_options(argc - 2, argv + 2, &o);
	if (rc != 0)
		return rc;

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
	else
		return usage_error("unknown command '%s'", cmd);
	diag_reset();
	return rc;
}
