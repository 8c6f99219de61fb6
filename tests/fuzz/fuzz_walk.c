/* fuzz_walk.c: libFuzzer target for the walk of the content tree
 * (src/load/load.c). An input describes a folder tree, three bytes an
 * operation: make a folder, a link to another folder of the tree (or to
 * "/", "..", "."), a settings file, a record, or the output's marker; the
 * tree is made in a scratch folder and loaded. Whatever the links, the walk
 * must end quickly (libFuzzer's -timeout), never crash, leak or leave the
 * content folder. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load/load.h"
#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_DIRS 32

static const char *const names[] = {"fushui", "wangjia", "lijia", "2026",
	"11", "d0", "d1", "county", "theme", "catalog", "output", "x"};
static const char *const far_targets[] = {"/", "..", ".", "../..",
	"/proc/self", "missing"};

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static void
put(const char *dir, const char *name, const char *text)
{
	char *p = path_join(dir, name);
	FILE *f = fopen(p, "w");
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char root[64];
	char *dirs[MAX_DIRS];          /* relative to root, "." the root */
	size_t n_dirs = 1;
	int32_t today;

	snprintf(root, sizeof root, "/tmp/nb-fuzz-walk-%ld", (long)getpid());
	nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	if (mkdir(root, 0755) != 0)
		return 0;
	dirs[0] = xstrdup(".");
	put(root, "site.yaml", "name: 示范县\nbase_url: https://x.example/\n"
	    "hotline: 0914-0000100\n");
	for (size_t i = 0; i + 3 <= size && i < 3 * 64; i += 3) {
		const char *parent = dirs[data[i + 1] % n_dirs];
		const char *name = names[data[i + 2] % NB_COUNT(names)];
		char *pabs = path_join(root, parent);
		char *abs = path_join(pabs, name);
		switch (data[i] % 6) {
		case 0:
			if (n_dirs < MAX_DIRS && mkdir(abs, 0755) == 0)
				dirs[n_dirs++] = path_join(parent, name);
			break;
		case 1: {
			/* a link to a folder of the tree, by a relative path */
			const char *to = dirs[data[i + 2] % n_dirs];
			struct buf rel = {0};
			for (const char *c = parent; *c; c++)
				if (*c == '/')
					buf_puts(&rel, "../");
			buf_printf(&rel, "%s%s", strcmp(parent, ".") == 0 ? "" :
			    "../", to);
			char *link = path_join(pabs, names[data[i + 1] %
			    NB_COUNT(names)]);
			if (symlink(rel.data, link) == 0 && n_dirs < MAX_DIRS)
				dirs[n_dirs++] = path_join(parent, names[data[i + 1] %
				    NB_COUNT(names)]);
			free(link);
			buf_free(&rel);
			break;
		}
		case 2: {
			char *link = path_join(pabs, "l");
			symlink(far_targets[data[i + 2] % NB_COUNT(far_targets)],
			    link);
			free(link);
			break;
		}
		case 3:
			put(pabs, data[i + 2] % 2 ? "town.yaml" : "village.yaml",
			    "name: 某村\n");
			break;
		case 4:
			put(pabs, "2026-11-20-notice.md", "---\ntype: notice\n"
			    "title: 通知\ndate: 2026-11-20\n---\n正文\n");
			break;
		case 5:
			mkdir(abs, 0755);
			{
				char *marker = path_join(abs, OUTPUT_MARKER_DIR);
				mkdir(marker, 0755);
				free(marker);
			}
			break;
		}
		free(abs);
		free(pabs);
	}
	struct county county;
	date_parse("2026-11-27", &today);
	county_load(&county, root, today);
	county_free(&county);
	diag_reset();
	for (size_t i = 0; i < n_dirs; i++)
		free(dirs[i]);
	nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
