/* discover.c: where the content is when -C does not say: the nearest folder
 * upward from the current one that holds a site.yaml, as git finds its
 * repository, else "content"; the output goes beside it. Inside a village's
 * folder, `new` knows the village. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "util/util.h"

const char *
discover_content(void)
{
	static char found[PATH_MAX];
	char dir[PATH_MAX];

	if (getcwd(dir, sizeof dir) == NULL)
		return "content";
	for (;;) {
		char *site = path_join(dir, "site.yaml");
		bool here = path_exists(site);
		free(site);
		if (here) {
			snprintf(found, sizeof found, "%s", dir);
			return found;
		}
		char *slash = strrchr(dir, '/');
		if (slash == NULL || slash == dir)
			break;
		*slash = '\0';
	}
	return "content";
}

char *
output_beside(const char *content)
{
	char *copy = xstrdup(content);
	size_t len = strlen(copy);

	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	char *slash = strrchr(copy, '/');
	char *out;
	if (slash == NULL)
		out = xstrdup("output");
	else if (slash == copy)
		out = xstrdup("/output");
	else {
		*slash = '\0';
		out = path_join(copy, "output");
	}
	free(copy);
	return out;
}

char *
village_of_cwd(const char *content)
{
	char root[PATH_MAX], dir[PATH_MAX];

	if (realpath(content, root) == NULL || getcwd(dir, sizeof dir) == NULL)
		return NULL;
	size_t len = strlen(root);
	if (strncmp(dir, root, len) != 0 || dir[len] != '/')
		return NULL;
	/* town/village/... below the content folder */
	const char *rel = dir + len + 1;
	const char *first = strchr(rel, '/');
	if (first == NULL)
		return NULL;
	const char *second = strchr(first + 1, '/');
	size_t n = second != NULL ? (size_t)(second - rel) : strlen(rel);
	char *village = xstrndup(rel, n);
	char *yaml = path_join(root, village);
	char *file = path_join(yaml, "village.yaml");
	bool ok = path_exists(file);
	free(yaml);
	free(file);
	if (!ok) {
		free(village);
		return NULL;
	}
	return village;
}
