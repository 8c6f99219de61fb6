/* common.c: what the commands share: the usage and help texts, the answer to
 * a usage error, and the report of a run's diagnostics with its exit status. */
#include <stdio.h>

#include "cli/cmd.h"
#include "util/diag.h"

const char cli_usage_text[] =
    "usage: noticeboard build [-C CONTENT] [-o OUTPUT] [--date YYYY-MM-DD]\n"
    "                         [--only site,posters,flowcharts] [-j N]\n"
    "       noticeboard check [-C CONTENT] [--date YYYY-MM-DD]\n"
    "       noticeboard flow FILE.yaml -o OUT.svg|OUT.png|OUT.pdf\n"
    "       noticeboard init DIR\n"
    "       noticeboard new TYPE --village TOWN/VILLAGE --title TEXT "
    "[-C CONTENT]\n"
    "       noticeboard --help | --version\n";

const char cli_help_text[] =
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

int
cli_usage_error(const char *fmt, const char *arg)
{
	fputs("noticeboard: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	fputs(cli_usage_text, stderr);
	return 2;
}

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
