/* theme.c: finds a theme's templates and files in three places (the
 * county's theme/ folder, the chosen theme, the default theme), compiles the
 * templates once and digests everything read, for the jobs' keys. */
#define _XOPEN_SOURCE 700
#include "site/site.h"
#include "util/i18n.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const page_templates[PAGE_COUNT] = {
	[PAGE_COUNTY] = "pages/county",
	[PAGE_TOWN] = "pages/town",
	[PAGE_VILLAGE] = "pages/village",
	[PAGE_ARCHIVE] = "pages/archive",
	[PAGE_RECORD] = "pages/record",
	[PAGE_CATALOG] = "pages/catalog",
	[PAGE_ITEM] = "pages/item",
	[PAGE_DUTY] = "pages/duty",
	[PAGE_SERVICE] = "pages/service",
	[PAGE_SEARCH] = "pages/search",
	[PAGE_NOT_FOUND] = "pages/404",
	[PAGE_ASSESSMENT] = "pages/assessment",
};

#define FILE_LIMIT (16u * 1024 * 1024)

/* Template names are relative paths without "..": a partial's name cannot
 * reach outside the theme folders. */
static bool
name_is_safe(const char *name)
{
	if (*name == '\0' || *name == '/' || strstr(name, "..") != NULL)
		return false;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\')
			return false;
	return true;
}

static int
theme_template_load(void *ctx, const char *name, char **text, size_t *len,
    char **path)
{
	struct theme *t = ctx;

	if (!name_is_safe(name))
		return 1;
	for (size_t i = 0; i < t->n_dirs; i++) {
		struct buf rel = {0};
		buf_printf(&rel, "%s.html", name);
		char *full = path_join(t->dirs[i], rel.data);
		buf_free(&rel);
		if (!path_exists(full)) {
			free(full);
			continue;
		}
		if (file_read(full, FILE_LIMIT, text, len) != 0) {
			int saved = errno;
			free(full);
			errno = saved;
			return -1;
		}
		hasher_str(t->hasher, name);
		hasher_put(t->hasher, *text, *len);
		*path = full;
		return 0;
	}
	return 1;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file below dir/rel, as paths relative to dir, sorted. */
static int
list_files(const char *dir, const char *rel, struct ptrvec *out)
{
	char *full = rel ? path_join(dir, rel) : xstrdup(dir);
	DIR *d = opendir(full);
	struct dirent *de;
	struct ptrvec names = {0};
	int rc = 0;

	if (d == NULL) {
		free(full);
		return errno == ENOENT ? 0 : -1;
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			ptrvec_push(&names, xstrdup(de->d_name));
	closedir(d);
	if (names.len > 0)
		qsort(names.items, names.len, sizeof *names.items, name_cmp);
	for (size_t i = 0; i < names.len; i++) {
		char *child_rel = rel ? path_join(rel, names.items[i]) :
		    xstrdup(names.items[i]);
		char *child = path_join(dir, child_rel);
		struct stat st;
		if (rc == 0 && stat(child, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				rc = list_files(dir, child_rel, out);
			} else if (S_ISREG(st.st_mode)) {
				ptrvec_push(out, child_rel);
				child_rel = NULL;
			}
		}
		free(child_rel);
		free(child);
		free(names.items[i]);
	}
	ptrvec_free(&names);
	free(full);
	return rc;
}

static struct theme_file *
find_file(struct theme *t, const char *rel)
{
	for (size_t i = 0; i < t->n_files; i++)
		if (strcmp(t->files[i].rel, rel) == 0)
			return &t->files[i];
	return NULL;
}

/* The static files: the union of every folder's static/, the first folder
 * in lookup order winning; then each folder's style-overrides.css appended
 * to style.css, the default theme's first and the county's last. */
static int
load_files(struct theme *t, struct buf *err)
{
	size_t cap = 0;

	for (size_t i = 0; i < t->n_dirs; i++) {
		char *dir = path_join(t->dirs[i], "static");
		struct ptrvec rels = {0};
		if (list_files(dir, NULL, &rels) != 0) {
			buf_printf(err, _("cannot read '%s': %s"), dir, strerror(errno));
			free(dir);
			for (size_t k = 0; k < rels.len; k++)
				free(rels.items[k]);
			ptrvec_free(&rels);
			return -1;
		}
		for (size_t k = 0; k < rels.len; k++) {
			char *rel = rels.items[k];
			if (find_file(t, rel) != NULL) {
				free(rel);
				continue;
			}
			char *full = path_join(dir, rel);
			char *data = NULL;
			size_t len = 0;
			if (file_read(full, FILE_LIMIT, &data, &len) != 0) {
				buf_printf(err, _("cannot read '%s': %s"), full,
				    strerror(errno));
				free(full);
				free(rel);
				for (size_t j = k + 1; j < rels.len; j++)
					free(rels.items[j]);
				ptrvec_free(&rels);
				free(dir);
				return -1;
			}
			free(full);
			if (t->n_files == cap) {
				cap = cap ? cap * 2 : 8;
				t->files = xrealloc(t->files, cap * sizeof *t->files);
			}
			struct theme_file *f = &t->files[t->n_files++];
			memset(f, 0, sizeof *f);
			f->rel = rel;
			struct buf out = {0};
			buf_printf(&out, "site/%s", rel);
			f->out_path = buf_detach(&out);
			buf_put(&f->data, data, len);
			free(data);
		}
		ptrvec_free(&rels);
		free(dir);
	}
	struct theme_file *css = find_file(t, "style.css");
	for (size_t i = t->n_dirs; i-- > 0;) {
		char *full = path_join(t->dirs[i], "style-overrides.css");
		char *data = NULL;
		size_t len = 0;
		if (path_exists(full)) {
			if (file_read(full, FILE_LIMIT, &data, &len) != 0) {
				buf_printf(err, _("cannot read '%s': %s"), full,
				    strerror(errno));
				free(full);
				return -1;
			}
			if (css == NULL) {
				buf_printf(err, _("'%s' has no style.css to add to"), full);
				free(data);
				free(full);
				return -1;
			}
			buf_puts(&css->data, "\n/* style-overrides.css */\n");
			buf_put(&css->data, data, len);
			free(data);
		}
		free(full);
	}
	for (size_t i = 0; i < t->n_files; i++) {
		hasher_str(t->hasher, t->files[i].rel);
		hasher_put(t->hasher, t->files[i].data.data ? t->files[i].data.data :
		    "", t->files[i].data.len);
	}
	return 0;
}

static void
add_name(void *ctx, const char *name)
{
	ptrvec_push(ctx, (void *)name);
}

/* The names a page's template looks up, sorted and each once; they point
 * into the compiled templates, which live as long as the theme. */
static void
names_of(struct theme *t, enum page_kind kind)
{
	struct ptrvec names = {0};
	size_t n = 0;

	mu_template_names(t->pages[kind], add_name, &names);
	if (names.len > 1)
		qsort(names.items, names.len, sizeof *names.items, name_cmp);
	for (size_t i = 0; i < names.len; i++)
		if (n == 0 || strcmp(names.items[i], names.items[n - 1]) != 0)
			names.items[n++] = names.items[i];
	t->names[kind] = (const char **)names.items;
	t->n_names[kind] = n;
}

int
theme_load(struct theme *t, const char *data_dir, const char *content_dir,
    const char *name, struct buf *err)
{
	memset(t, 0, sizeof *t);
	t->hasher = hasher_new();
	if (name == NULL || *name == '\0')
		name = "default";
	if (data_dir == NULL) {
		buf_puts(err, _("cannot find the program's data folder with themes/ "
		    "(set NOTICEBOARD_DATA)"));
		return -1;
	}
	if (content_dir != NULL) {
		char *own = path_join(content_dir, "theme");
		if (path_is_dir(own))
			t->dirs[t->n_dirs++] = own;
		else
			free(own);
	}
	struct buf dir = {0};
	buf_printf(&dir, "%s/themes/%s", data_dir, name);
	if (!path_is_dir(dir.data)) {
		buf_printf(err, _("no theme '%s': '%s' is not a folder"), name, dir.data);
		buf_free(&dir);
		return -1;
	}
	t->dirs[t->n_dirs++] = buf_detach(&dir);
	if (strcmp(name, "default") != 0) {
		buf_printf(&dir, "%s/themes/default", data_dir);
		t->dirs[t->n_dirs++] = buf_detach(&dir);
	}
	t->engine = mu_engine_new(theme_template_load, t, true);
	for (int k = 0; k < PAGE_COUNT; k++) {
		t->pages[k] = mu_engine_get(t->engine, page_templates[k], err);
		if (t->pages[k] == NULL)
			return -1;
	}
	if (load_files(t, err) != 0)
		return -1;
	for (int k = 0; k < PAGE_COUNT; k++)
		names_of(t, (enum page_kind)k);
	t->digest = hasher_final(t->hasher);
	return 0;
}

bool
theme_uses(const struct theme *t, enum page_kind kind, const char *name)
{
	return bsearch(&name, t->names[kind], t->n_names[kind],
	    sizeof *t->names[kind], name_cmp) != NULL;
}

void
theme_free(struct theme *t)
{
	for (size_t i = 0; i < t->n_dirs; i++)
		free(t->dirs[i]);
	mu_engine_free(t->engine);
	for (size_t i = 0; i < t->n_files; i++) {
		free(t->files[i].rel);
		free(t->files[i].out_path);
		buf_free(&t->files[i].data);
	}
	free(t->files);
	for (int k = 0; k < PAGE_COUNT; k++)
		free(t->names[k]);
	hasher_free(t->hasher);
	memset(t, 0, sizeof *t);
}
