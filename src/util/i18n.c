/* i18n.c: Chinese messages by default, English when asked (see i18n.h). */
#include "util/i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/file.h"

static int chinese;

/* The first of the variables gettext reads that is set. */
static const char *
asked_language(void)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES",
		"LANG"};

	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v != NULL && *v != '\0')
			return v;
	}
	return NULL;
}

/* The folder holding zh_CN/LC_MESSAGES/noticeboard.mo: the one named by
 * NOTICEBOARD_LOCALEDIR, PREFIX/share/locale when installed, or build/locale
 * of the source tree the program was built in. */
static bool
find_catalogue(char *out, size_t size)
{
	static const char *const tries[] = {"/../share/locale", "/build/locale",
		"/../locale", "/../../build/locale"};
	const char *env = getenv("NOTICEBOARD_LOCALEDIR");
	char exe[PATH_MAX];

	if (env != NULL && *env != '\0') {
		snprintf(out, size, "%s", env);
		return true;
	}
	if (!program_dir(exe, sizeof exe))
		return false;
	for (size_t i = 0; i < sizeof tries / sizeof *tries; i++) {
		char mo[PATH_MAX + 64];
		snprintf(out, size, "%s%s", exe, tries[i]);
		snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/%s.mo", out,
		    NB_TEXT_DOMAIN);
		if (path_exists(mo))
			return true;
	}
	return false;
}

void
i18n_init(void)
{
	char dir[PATH_MAX];
	const char *asked = asked_language();

	/* only the messages follow the locale: numbers in SVG, PDF and JSON
	 * are always written the C way */
	const char *l = setlocale(LC_MESSAGES, "");
	if (asked == NULL || strncmp(asked, "en", 2) != 0) {
		/* gettext ignores LANGUAGE under the C locale: a machine whose
		 * only locale is C.UTF-8 still gets Chinese */
		if (l == NULL || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0)
			setlocale(LC_MESSAGES, "C.UTF-8");
		setenv("LANGUAGE", "zh_CN", 1);
	}
	if (!find_catalogue(dir, sizeof dir))
		return;
	bindtextdomain(NB_TEXT_DOMAIN, dir);
	bind_textdomain_codeset(NB_TEXT_DOMAIN, "UTF-8");
	/* strerror's Chinese, where libc has it, in UTF-8 rather than "????"
	 * (LC_CTYPE stays C: nothing else changes) */
	bind_textdomain_codeset("libc", "UTF-8");
	/* a message every catalogue translates tells which language won */
	chinese = strcmp(_("error"), "error") != 0;
}

int
i18n_chinese(void)
{
	return chinese;
}
