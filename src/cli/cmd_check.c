/* cmd_check.c: `noticeboard check`: load and check the content, report every
 * problem and change nothing; with --overdue, what each village has not done
 * on time. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "poster/poster.h"
#include "cli/cmd.h"
#include "util/i18n.h"
#include "util/diag.h"
#include "util/util.h"

static void
print_overdue(const struct county *county)
{
	struct county_assessment *a = assess_county(county);
	struct buf line = {0};
	size_t quiet = 0, idle = 0;
	char date[11];

	char today[DATE_CN_SIZE];
	date_format(county->today, date);
	/* a date as a reader writes it, in the language of the messages */
	if (i18n_chinese())
		date_cn_text(county->today, today);
	printf(_("overdue at %s\n"), i18n_chinese() ? today : date);
	for (size_t i = 0; i < a->n_villages; i++) {
		const struct village_assessment *va = &a->villages[i];
		size_t n = 0;
		if (!va->assessed) {
			idle++;
			continue;
		}
		for (size_t k = 0; k < va->n_issues; k++)
			n += issue_is_overdue(&va->issues[k]);
		if (n == 0) {
			quiet++;
			continue;
		}
		printf(_("\n%s/%s %s %s: %zu overdue\n"), va->village->town->id,
		    va->village->id, va->village->town->name, va->village->name, n);
		for (size_t k = 0; k < va->n_issues; k++) {
			const struct issue *is = &va->issues[k];
			if (!issue_is_overdue(is))
				continue;
			buf_reset(&line);
			issue_describe(is, &line);
			date_format(is->due, date);
			printf("  %-10s  %s\n", is->due == DATE_NONE ? "" : date,
			    line.data);
		}
	}
	printf(_("\n%zu village%s with nothing overdue; %zu set up too recently "
	    "to be assessed\n"), quiet, quiet == 1 ? "" : "s", idle);
	buf_free(&line);
	assess_free(a);
}

/* path (as typed, from the current folder) relative to the content
 * folder, "" for the content folder itself; NULL when it does not exist or
 * lies outside it. */
static char *
content_relative(const char *content, const char *path)
{
	char root[PATH_MAX], full[PATH_MAX];

	if (realpath(content, root) == NULL)
		return NULL;
	if (realpath(path, full) == NULL) {
		/* a path as the messages print it, from the content folder */
		char *inside = path_join(content, path);
		bool found = realpath(inside, full) != NULL;
		free(inside);
		if (!found)
			return NULL;
	}
	size_t len = strlen(root);
	if (strcmp(full, root) == 0)
		return xstrdup("");
	if (strncmp(full, root, len) != 0 || full[len] != '/')
		return NULL;
	return xstrdup(full + len + 1);
}

int
cmd_check(struct cmd_options *o)
{
	struct county county;
	enum load_status status;
	int rc;

	/* check PATH...: the whole county is read (records refer to each
	 * other and to the catalog), the problems of those files reported */
	char *rel[NB_COUNT(o->args)] = {0};
	size_t n_rel = 0;
	for (size_t i = 0; i < o->n_args; i++) {
		rel[n_rel] = content_relative(o->content, o->args[i]);
		if (rel[n_rel] == NULL) {
			for (size_t k = 0; k < n_rel; k++)
				free(rel[k]);
			return cli_usage_error("'%s' is not a file or folder inside "
			    "the content folder (name the content folder with -C)",
			    o->args[i]);
		}
		n_rel++;
	}
	diag_only_paths((const char *const *)rel, n_rel);
	for (size_t k = 0; k < n_rel; k++)
		free(rel[k]);
	status = county_load(&county, o->content, o->today);
	if (status == LOAD_NO_CONTENT) {
		county_free(&county);
		return cli_usage_error("no content folder '%s' (name it with -C)",
		    o->content);
	}
	if (status == LOAD_OK)
		check_theme(&county, o->argv0);
	/* what the posters show, laid out as a build would: content no
	 * sheet can hold is a content error (the build needs the fonts and
	 * says so when they are missing; the check goes without) */
	struct buf no_fonts = {0};
	if (status == LOAD_OK && diag_count(DIAG_ERROR) == 0 &&
	    diag_count_elsewhere() == 0 && poster_fonts_check(&no_fonts)) {
		poster_check(&county);
		poster_thread_cleanup();
	}
	buf_free(&no_fonts);
	/* what was read, on the summary's line (one line, as the contract
	 * asks); not after a system failure, which read only part */
	char what_read[160];
	snprintf(what_read, sizeof what_read, _("%zu town%s, %zu village%s, "
	    "%zu record%s"), county.n_towns, county.n_towns == 1 ? "" : "s",
	    county.n_villages, county.n_villages == 1 ? "" : "s",
	    county.n_records, county.n_records == 1 ? "" : "s");
	rc = report_and_status(status, N_("check"),
	    status == LOAD_IO_FAILED ? NULL : what_read);
	size_t elsewhere = diag_count_elsewhere();
	if (n_rel > 0 && elsewhere > 0)
		fprintf(stderr, NG_("noticeboard: and %zu error in other files: "
		    "run check without a path to see it\n", "noticeboard: and %zu "
		    "errors in other files: run check without a path to see "
		    "them\n", elsewhere), elsewhere);
	if (o->overdue && rc == 0)
		print_overdue(&county);
	county_free(&county);
	return rc;
}
