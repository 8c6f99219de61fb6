/* data_dir.c: where the program's own data (seeds/, themes/) is found: the
 * folder NOTICEBOARD_DATA names, PREFIX/share/noticeboard when installed, or
 * the source tree the program was built in. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "util/i18n.h"
#include "util/util.h"

/* The folders looked in, for the message of a program that found none. */
static struct buf tried;

static bool
has_seeds(const char *dir)
{
	char *p = path_join(dir, "seeds/catalog/powers.yaml");
	bool yes = path_exists(p);
	free(p);
	buf_printf(&tried, "%s'%s'", tried.len > 0 ? ", " : "", dir);
	return yes;
}

void
data_dir_explain(struct buf *out)
{
	buf_printf(out, _("cannot find the program's data (themes/ and seeds/): "
	    "looked in %s; set NOTICEBOARD_DATA to the folder that holds them "
	    "(for an installed program, PREFIX/share/noticeboard)"),
	    tried.len > 0 ? tried.data : "no folder");
}

const char *
data_dir(const char *argv0)
{
	static char found[PATH_MAX];
	const char *env = getenv("NOTICEBOARD_DATA");
	char exe[PATH_MAX];

	(void)argv0;
	buf_reset(&tried);
	if (env != NULL && *env != '\0') {
		snprintf(found, sizeof found, "%s", env);
		return has_seeds(found) ? found : NULL;
	}
	if (!program_dir(exe, sizeof exe))
		return NULL;
	/* PREFIX/share/noticeboard when installed, else beside the program
	 * (the source tree) or two levels up (a build folder inside it) */
	static const char *const tries[] = {"/../share/noticeboard", "", "/../.."};
	for (size_t i = 0; i < NB_COUNT(tries); i++) {
		char candidate[PATH_MAX];
		snprintf(candidate, sizeof candidate, "%s%s", exe, tries[i]);
		if (has_seeds(candidate) && realpath(candidate, found) != NULL)
			return found;
	}
	return NULL;
}
