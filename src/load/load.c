/* load.c: walks the content tree (site.yaml, catalog/, towns, villages and
 * their records) in a fixed order, and reads site, town and village files. */
/* for d_type's DT_LNK and DT_UNKNOWN, which spare an lstat per entry */
#define _DEFAULT_SOURCE
#include "load/load.h"
#include "util/i18n.h"

#include <dirent.h>
#include <math.h>
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check/check.h"
#include "check/placeholder.h"
#include "check/privacy.h"
#include "util/distance.h"

static struct ynode *
load_yaml_file(struct load_ctx *ctx, const char *rel, bool required,
    struct digest *hash)
{
	char *abs = path_join(ctx->root, rel);
	const char *path = arena_strdup(ctx->arena, rel);
	char *text = NULL;
	size_t len = 0;
	struct ynode *root = NULL;

	if (!path_exists(abs)) {
		if (required) {
			struct pos pos = {path, 1, 1};
			diag_error(&pos, "missing: this file is required");
		}
	} else if (load_text_file(ctx, abs, path, CONTENT_FILE_LIMIT, &text, &len)) {
		*hash = digest_of(text, len);
		root = ytree_load(ctx->arena, path, text, len, 0);
	}
	free(text);
	free(abs);
	return root;
}

static bool
content_exists(struct load_ctx *ctx, const char *rel)
{
	char *abs = path_join(ctx->root, rel);
	bool yes = path_exists(abs);
	free(abs);
	return yes;
}

/* ---- folder listing ---- */

struct entry {
	char *name;
	bool is_dir;
	bool is_file;          /* a regular file; anything else is not read */
	char *link_target;     /* a link's target resolved (realpath), or NULL */
	dev_t dev;             /* to notice folder links that loop */
	ino_t ino;
};

/* Whether the resolved path real is the folder dir (resolved) or below it. */
static bool
real_within(const char *real, const char *dir)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return true;
	return strncmp(real, dir, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

/* Whether the entry name of the folder abs is a symbolic link (d_type when
 * the file system gives it, else lstat). */
static bool
entry_is_link(const struct dirent *de, const char *abs)
{
#ifdef DT_LNK
	if (de->d_type == DT_LNK)
		return true;
	if (de->d_type != DT_UNKNOWN)
		return false;
#endif
	struct stat lst;
	char *child = path_join(abs, de->d_name);
	bool yes = lstat(child, &lst) == 0 && S_ISLNK(lst.st_mode);
	free(child);
	return yes;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	return strcmp(x->name, y->name);
}

/* Whether the folder name of abs is a build's output: it holds the folder
 * the build engine marks its output with (MARKER_DIR in engine.c). */
static bool
holds_output_marker(const char *abs, const char *name)
{
	char *dir = path_join(abs, name);
	char *marker = path_join(dir, OUTPUT_MARKER_DIR);
	bool yes = path_is_dir(marker);
	free(marker);
	free(dir);
	return yes;
}

/* Lists a folder, sorted by name, without hidden entries. A link that leads
 * out of the content folder is an error naming the link, and left out: the
 * walk never leaves the content folder (a link to / or /proc would read the
 * whole machine). */
static struct entry *
list_dir(struct load_ctx *ctx, const char *abs, const char *rel, size_t *n)
{
	DIR *dir = opendir(abs);
	struct dirent *de;
	struct entry *list = NULL;
	size_t cap = 0;

	*n = 0;
	if (dir == NULL) {
		struct pos pos = {arena_strdup(ctx->arena, rel), 1, 1};
		diag_error(&pos, "cannot read the folder: %s", strerror(errno));
		ctx->io_failed = true;
		return NULL;
	}
	while ((de = readdir(dir)) != NULL) {
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		/* by the folder's descriptor: the path is not walked again
		 * for each of its entries. A plain file as the listing says
		 * is not looked at: only a folder's device and inode are used
		 * (links that loop), and the records are most of the
		 * entries. */
		bool ok = true;
#ifdef DT_REG
		if (de->d_type == DT_REG) {
			memset(&st, 0, sizeof st);
			st.st_mode = S_IFREG;
			st.st_ino = de->d_ino;
		} else
#endif
		ok = fstatat(dirfd(dir), de->d_name, &st, 0) == 0;
		if (!ok) {
			char *crel = path_join(rel, de->d_name);
			struct pos pos = {arena_strdup(ctx->arena, crel), 1, 1};
			struct stat lst;
			char *cabs = path_join(abs, de->d_name);
			if (errno == ENOENT && lstat(cabs, &lst) == 0 &&
			    S_ISLNK(lst.st_mode)) {
				/* the clerk sees the file, so say what it is */
				diag_error(&pos, "'%s' is a link to a file that does "
				    "not exist", de->d_name);
			} else {
				diag_error(&pos, "cannot read '%s': %s", de->d_name,
				    strerror(errno));
				ctx->io_failed = true;
			}
			free(cabs);
			free(crel);
			continue;
		}
		char *target = NULL;
		if (entry_is_link(de, abs)) {
			char *cabs = path_join(abs, de->d_name);
			target = realpath(cabs, NULL);
			free(cabs);
			if (target != NULL && ctx->root_real != NULL &&
			    !real_within(target, ctx->root_real)) {
				char *crel = path_join(rel, de->d_name);
				struct pos pos = {arena_strdup(ctx->arena, crel), 1, 1};
				diag_error(&pos, "'%s' is a link to '%s', outside the "
				    "content folder: links out of the content folder are "
				    "not followed; copy what it points to into the "
				    "content folder instead", de->d_name, target);
				free(crel);
				free(target);
				continue;
			}
		}
		if (S_ISDIR(st.st_mode) && holds_output_marker(abs, de->d_name)) {
			/* a build's output inside the content (-o content/output)
			 * is not content: never read as a town or a village */
			free(target);
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 32;
			list = xrealloc(list, cap * sizeof *list);
		}
		list[*n].name = xstrdup(de->d_name);
		list[*n].is_dir = S_ISDIR(st.st_mode);
		list[*n].is_file = S_ISREG(st.st_mode);
		list[*n].link_target = target;
		list[*n].dev = st.st_dev;
		list[*n].ino = st.st_ino;
		(*n)++;
	}
	closedir(dir);
	if (*n > 1)
		qsort(list, *n, sizeof *list, entry_cmp);
	return list;
}

/* The village folder of the town id, of its n entries, nearest to name (a
 * folder without village.yaml): a clerk's misspelling of it, or NULL. */
static const char *
near_village(struct load_ctx *ctx, const char *id, const struct entry *list,
    size_t n, const char *name)
{
	const char **names = xcalloc(n + 1, sizeof *names);
	const char *near;
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		if (!list[i].is_dir || strcmp(list[i].name, name) == 0)
			continue;
		char *rel = path_join(id, list[i].name);
		char *vy = path_join(rel, "village.yaml");
		if (content_exists(ctx, vy))
			names[k++] = list[i].name;
		free(vy);
		free(rel);
	}
	near = did_you_mean(name, names);
	/* closer than a word's hint: zhangjia may be a new 张家村, not
	 * wangjia misspelled */
	if (near != NULL && edit_distance(name, near, 2) >
	    (strlen(name) >= 10 ? 2 : 1))
		near = NULL;
	free(names);
	return near;
}

static void
free_entries(struct entry *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].link_target);
	}
	free(list);
}

/* ---- placeholders (rule 8) ---- */

/* The value of key in map, when it is still a stand-in for a name. */
static void
warn_placeholder_name(struct ld *ld, const struct ynode *node,
    const char *key, const char *name)
{
	if (name != NULL && placeholder_name(name))
		ld_warning(ld, node, "'%s' is still the placeholder '%s' (某某 "
		    "stands in for a name): put the real name", key, name);
}

static void
warn_placeholder_phone(struct ld *ld, const struct ynode *node,
    const char *key, const char *phone)
{
	if (phone != NULL && placeholder_phone(phone))
		ld_warning(ld, node, "'%s' is still the placeholder number '%s' "
		    "(its last seven digits are zeros): put the number people "
		    "should call", key, phone);
}

/* ---- phone numbers ---- */

/* Whether s is a phone number as people write one: an optional '+', an
 * area code optionally in brackets, groups of digits parted by one space or
 * hyphen (0914-1234567, (0914) 123 4567, +86 914 123 4567, 12345), 3 to 15
 * digits in all; then, optionally, a note without digits after a space or a
 * bracket (0914-1234567 工作日). What is not a number never reaches a tel:
 * link, which takes every digit of the text. */
static bool
phone_valid(const char *s)
{
	const char *p = s;
	int digits = 0;

	if (*p == '+')
		p++;
	if (*p == '(') {
		p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++, digits++;
		if (*p++ != ')')
			return false;
		if (*p == ' ' || *p == '-')
			p++;
	}
	if (*p < '0' || *p > '9')
		return false;
	for (;;) {
		while (*p >= '0' && *p <= '9')
			p++, digits++;
		if ((*p == ' ' || *p == '-') && p[1] >= '0' && p[1] <= '9')
			p++;
		else
			break;
	}
	if (digits < 3 || digits > 15)
		return false;
	if (*p == '\0')
		return true;
	/* a note: after a space or a bracket, no digit and no '+' in it */
	if (*p != ' ' && *p != '(' && strncmp(p, "（", strlen("（")) != 0)
		return false;
	return strpbrk(p, "0123456789+") == NULL;
}

/* ld_text for a phone that is published (not masked): a number checked by
 * phone_valid, and a warning for one still a placeholder. */
static bool
ld_phone(struct ld *ld, const struct ynode *map, const char *key,
    bool required, const char **out)
{
	bool mask = ld->mask;

	ld->mask = false;
	bool ok = ld_text(ld, map, key, required, out);
	ld->mask = mask;
	if (!ok || *out == NULL)
		return ok;
	if (!phone_valid(*out)) {
		ld_error(ld, ymap_get(map, key), "'%s' must be a phone number such "
		    "as 0914-1234567, (0914) 123 4567, +86 914 123 4567 or 12345 "
		    "(digits, an optional +, groups parted by a space or a "
		    "hyphen), optionally followed by a note without digits, not "
		    "'%s'", key, *out);
		*out = NULL;
		return false;
	}
	warn_placeholder_phone(ld, ymap_get(map, key), key, *out);
	return true;
}

/* ---- site.yaml ---- */

static const char *const site_keys[] = {
	"name", "base_url", "hotline", "week_start", "theme", "poster",
	"privacy", "quorum", "majority", "formats", "led", NULL,
};
static const char *const poster_keys[] = {"size", "bleed_mm", "crop_marks",
	NULL};
static const char *const led_keys[] = {"width", "height", "encoding", NULL};
static const char *const privacy_keys[] = {"on_unmasked", "assistance_after",
	NULL};
static const char *const assistance_after_names[] = {"counts|只公开户数|户数",
	"list|名单|继续公开名单", NULL};
static const char *const quorum_keys[] = {"party_members", "representatives",
	"assembly", "households", NULL};
static const char *const majority_keys[] = {"party_members", "representatives",
	"assembly", NULL};
static const char *const weekdays[] = {"monday|星期一|周一",
	"tuesday|星期二|周二", "wednesday|星期三|周三", "thursday|星期四|周四",
	"friday|星期五|周五", "saturday|星期六|周六", "sunday|星期日|周日|星期天",
	NULL};
static const char *const unmasked_names[] = {"mask|遮蔽|打码", "error|报错",
	NULL};

/* "2/3" or ">=2/3" (at least), ">1/2" (more than). */
static bool
parse_fraction(const char *s, struct fraction_rule *out)
{
	struct fraction_rule r = {0, 0, false};
	int consumed = 0;

	if (s[0] == '>' && s[1] == '=') {
		s += 2;
	} else if (s[0] == '>') {
		r.strict = true;
		s++;
	}
	while (*s == ' ')
		s++;
	if (sscanf(s, "%d/%d%n", &r.num, &r.den, &consumed) != 2 ||
	    s[consumed] != '\0' || r.num < 0 || r.den <= 0 || r.num > r.den)
		return false;
	*out = r;
	return true;
}

static void
read_fraction(struct ld *ld, const struct ynode *map, const char *key,
    struct fraction_rule *rule)
{
	const char *text;

	if (!ld_text(ld, map, key, false, &text))
		return;
	if (!parse_fraction(text, rule))
		ld_error(ld, ymap_get(map, key), "'%s' must be a fraction such as "
		    "2/3 (at least two thirds) or >1/2 (more than half), not "
		    "'%s'", key, text);
}

static bool
parse_size(const char *s, double *w, double *h)
{
	static const struct {
		const char *name;
		double w, h;
	} sizes[] = {{"A2", 420, 594}, {"A3", 297, 420}, {"A4", 210, 297}};
	int wi, hi, consumed = 0;

	for (size_t i = 0; i < NB_COUNT(sizes); i++) {
		if (strcmp(s, sizes[i].name) == 0) {
			*w = sizes[i].w;
			*h = sizes[i].h;
			return true;
		}
	}
	if (sscanf(s, "%dx%dmm%n", &wi, &hi, &consumed) == 2 &&
	    s[consumed] == '\0' && wi >= 100 && hi >= 100 && wi <= 2000 &&
	    hi <= 2000) {
		*w = wi;
		*h = hi;
		return true;
	}
	return false;
}

static void
site_defaults(struct site *site)
{
	site->theme = "default";
	site->poster.size = "A3";
	site->poster.width_mm = 297;
	site->poster.height_mm = 420;
	site->poster.bleed_mm = 0;
	site->poster.crop_marks = false;
	site->led.width = LED_DEFAULT_WIDTH;
	site->led.height = LED_DEFAULT_HEIGHT;
	site->led.encoding = LED_DEFAULT_ENCODING;
	site->quorum.party_present = (struct fraction_rule){2, 3, false};
	site->quorum.party_majority = (struct fraction_rule){1, 2, true};
	site->quorum.representatives_present = (struct fraction_rule){2, 3, false};
	site->quorum.representatives_majority = (struct fraction_rule){1, 2, true};
	site->quorum.assembly_present = (struct fraction_rule){1, 2, true};
	site->quorum.assembly_households = (struct fraction_rule){2, 3, false};
	site->quorum.assembly_majority = (struct fraction_rule){1, 2, true};
	for (int f = 0; f < FORMAT_COUNT; f++)
		site->formats[f].built = true;
}

/* The print formats' names in site.yaml, English or Chinese. */
static const char *const format_names[] = {"cards", "banners", "boards",
	"forms", NULL};
static const char *const format_names_zh[] = {"便民卡", "易拉宝", "展板",
	"测评表", NULL};
static const char *const format_keys[] = {"size", NULL};

static int
format_of(const char *name)
{
	for (int f = 0; f < FORMAT_COUNT; f++)
		if (strcmp(name, format_names[f]) == 0 ||
		    strcmp(name, format_names_zh[f]) == 0)
			return f;
	return -1;
}

/* formats: [cards, banners, boards, forms]: the ones built, each a name
 * or a name with its sheet, {banners: {size: 850x2000mm}}. */
static void
load_formats(struct ld *ld, const struct ynode *list, struct site *site)
{
	if (list->kind != YN_SEQ) {
		ld_error(ld, list, "'formats' must be a list such as [cards, "
		    "banners, boards, forms]");
		return;
	}
	for (int f = 0; f < FORMAT_COUNT; f++)
		site->formats[f].built = false;
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *item = list->kids[i], *name = item, *opts;
		int f;
		if (item->kind == YN_MAP && item->n == 1)
			name = item->kids[0];
		if (name->kind != YN_SCALAR) {
			ld_error(ld, item, "each of 'formats' is a name (cards, "
			    "banners, boards or forms), or a name with its size "
			    "such as {banners: {size: 850x2000mm}}");
			continue;
		}
		if ((f = format_of(name->str)) < 0) {
			const char *hint = did_you_mean(name->str, format_names);
			if (hint != NULL)
				ld_error(ld, name, "'formats': unknown format '%s'; "
				    "did you mean '%s'? (one of: cards, banners, "
				    "boards, forms)", name->str, hint);
			else
				ld_error(ld, name, "'formats': unknown format '%s' "
				    "(one of: cards, banners, boards, forms)",
				    name->str);
			continue;
		}
		site->formats[f].built = true;
		if (item == name || ynode_is_null(opts = item->kids[1]) ||
		    !ld_map(ld, opts, N_("a format's settings"), format_keys))
			continue;
		const char *size;
		int w, h, used = 0;
		if (!ld_text(ld, opts, "size", false, &size))
			continue;
		if (sscanf(size, "%dx%dmm%n", &w, &h, &used) != 2 ||
		    size[used] != '\0')
			ld_error(ld, ymap_get(opts, "size"), "'size' must be "
			    "WIDTHxHEIGHTmm such as 850x2000mm, not '%s'", size);
		else if (w < 40 || h < 40 || w > 5000 || h > 5000)
			ld_error(ld, ymap_get(opts, "size"), "'size' %s is "
			    "outside what can be printed (40 to 5000 mm a side)",
			    size);
		else {
			site->formats[f].width_mm = w;
			site->formats[f].height_mm = h;
		}
	}
}

/* The QR codes on posters lead to base_url: it must be where the site is,
 * and https, since phones warn of a plain http page. */
static void
check_base_url(struct ld *ld, const struct ynode *node, const char *url)
{
	if (placeholder_url(url))
		ld_warning(ld, node, "'base_url' is still the example address "
		    "that `noticeboard init` wrote: put the address where the "
		    "site is published (the QR codes on posters lead there)");
	if (strncmp(url, "http://", 7) == 0)
		ld_warning(ld, node, "'base_url' is a plain http:// address: "
		    "phones that scan a poster's QR code warn that the page is "
		    "not secure; publish the site over https and write "
		    "https:// here");
}

/* The LED screens' size and their text's encoding: one iconv must know,
 * since the screens' player software reads that file as it is. */
static void
load_led(struct ld *ld, const struct ynode *map, struct led_settings *led)
{
	const char *encoding;

	ld_int(ld, map, "width", false, LED_MIN_WIDTH, LED_MAX_WIDTH,
	    &led->width);
	ld_int(ld, map, "height", false, LED_MIN_HEIGHT, LED_MAX_HEIGHT,
	    &led->height);
	if (!ld_text(ld, map, "encoding", false, &encoding))
		return;
	iconv_t cd = iconv_open(encoding, "UTF-8");
	if (cd == (iconv_t)-1) {
		ld_error(ld, ymap_get(map, "encoding"), "'encoding' '%s' is not "
		    "an encoding this system can write; write GB18030 (the "
		    "default), GBK, GB2312, BIG5 or UTF-8", encoding);
		return;
	}
	iconv_close(cd);
	led->encoding = encoding;
}

static void
load_site(struct load_ctx *ctx)
{
	struct site *site = &ctx->county->site;
	struct ld ld = {ctx->arena, "site.yaml", 0, true, false};
	struct ynode *root;
	const struct ynode *n;
	int choice;

	site_defaults(site);
	site->pos = (struct pos){"site.yaml", 1, 1};
	root = load_yaml_file(ctx, "site.yaml", true, &site->hash);
	if (root == NULL || !ld_map(&ld, root, N_("site.yaml"), site_keys))
		return;
	/* privacy first: it decides how the rest is masked */
	n = ld_get(&ld, root, "privacy", false);
	if (n != NULL && ld_map(&ld, n, N_("'privacy'"), privacy_keys)) {
		if (ld_enum(&ld, n, "on_unmasked", false, unmasked_names, &choice))
			site->privacy_error = choice == 1;
		if (ld_enum(&ld, n, "assistance_after", false,
		    assistance_after_names, &choice))
			site->assistance_list_after = choice == 1;
	}
	ld.privacy_error = site->privacy_error;

	if (ld_text(&ld, root, "name", true, &site->name))
		warn_placeholder_name(&ld, ymap_get(root, "name"), "name",
		    site->name);
	if (ld_text(&ld, root, "base_url", true, &site->base_url)) {
		const char *u = site->base_url;
		const char *host = strncmp(u, "https://", 8) == 0 ? u + 8 :
		    strncmp(u, "http://", 7) == 0 ? u + 7 : NULL;
		if (host == NULL || *host == '\0' || *host == '/') {
			ld_error(&ld, ymap_get(root, "base_url"), "'base_url' must "
			    "be an absolute address such as "
			    "https://example.gov.cn/cunwu/, not '%s'", u);
			site->base_url = NULL;
		} else if (strpbrk(u, " \"<>\\^`{|}") != NULL) {
			ld_error(&ld, ymap_get(root, "base_url"), "'base_url' "
			    "contains characters an address cannot have");
			site->base_url = NULL;
		} else {
			check_base_url(&ld, ymap_get(root, "base_url"), u);
			if (u[strlen(u) - 1] != '/')
				site->base_url = arena_printf(ctx->arena, "%s/", u);
		}
	}
	/* the hotline is meant to be published: it is not masked */
	if (!ld_phone(&ld, root, "hotline", false, &site->hotline) &&
	    ymap_get(root, "hotline") == NULL)
		ld_warning(&ld, root, "no 'hotline': posters will have no "
		    "supervision hotline");
	if (ld_enum(&ld, root, "week_start", false, weekdays, &choice))
		site->week_start = choice;
	if (ymap_get(root, "theme") != NULL)
		site->theme_pos = ld_pos(&ld, ymap_get(root, "theme"));
	if (ld_text(&ld, root, "theme", false, &site->theme) &&
	    (!id_valid(site->theme))) {
		ld_error(&ld, ymap_get(root, "theme"), "'theme' must name a theme "
		    "folder (letters a-z, digits and '-')");
		site->theme = "default";
	}

	n = ld_get(&ld, root, "poster", false);
	if (n != NULL && ld_map(&ld, n, N_("'poster'"), poster_keys)) {
		const char *size;
		if (ld_text(&ld, n, "size", false, &size)) {
			double w, h;
			if (parse_size(size, &w, &h) && (fmin(w, h) < 210 ||
			    fmax(w, h) < 297))
				ld_error(&ld, ymap_get(n, "size"), "'size' %s is smaller "
				    "than A4 (210x297mm): the title band and the footer "
				    "of a poster would leave no room for its content",
				    size);
			else if (parse_size(size, &w, &h)) {
				site->poster.size = size;
				site->poster.width_mm = w;
				site->poster.height_mm = h;
			} else
				ld_error(&ld, ymap_get(n, "size"), "'size' must be "
				    "A3, A4, A2 or WIDTHxHEIGHTmm such as 297x420mm, "
				    "not '%s'", size);
		}
		ld_int(&ld, n, "bleed_mm", false, 0, 20, &site->poster.bleed_mm);
		ld_bool(&ld, n, "crop_marks", false, &site->poster.crop_marks);
	}
	if ((n = ld_get(&ld, root, "formats", false)) != NULL)
		load_formats(&ld, n, site);
	n = ld_get(&ld, root, "led", false);
	if (n != NULL && ld_map(&ld, n, N_("'led'"), led_keys))
		load_led(&ld, n, &site->led);
	n = ld_get(&ld, root, "quorum", false);
	if (n != NULL && ld_map(&ld, n, N_("'quorum'"), quorum_keys)) {
		read_fraction(&ld, n, "party_members", &site->quorum.party_present);
		read_fraction(&ld, n, "representatives",
		    &site->quorum.representatives_present);
		read_fraction(&ld, n, "assembly", &site->quorum.assembly_present);
		read_fraction(&ld, n, "households",
		    &site->quorum.assembly_households);
	}
	n = ld_get(&ld, root, "majority", false);
	if (n != NULL && ld_map(&ld, n, N_("'majority'"), majority_keys)) {
		read_fraction(&ld, n, "party_members", &site->quorum.party_majority);
		read_fraction(&ld, n, "representatives",
		    &site->quorum.representatives_majority);
		read_fraction(&ld, n, "assembly", &site->quorum.assembly_majority);
	}
}

/* ---- towns and villages ---- */

static const char *const town_keys[] = {"name", "phone", NULL};
static const char *const village_keys[] = {
	"name", "households", "adults", "representatives", "party_members",
	"cadres", "board", "since", "contacts", "suggestion_box", "office_hours",
	NULL,
};
static const char *const contact_keys[] = {"role", "name", "phone", NULL};

/* The phones a village declares public: exempt from masking like the
 * hotline, since they are printed to be called. */
static void
load_contacts(struct load_ctx *ctx, struct ld *ld, const struct ynode *map,
    struct village *v)
{
	const struct ynode *list = ld_get(ld, map, "contacts", false);

	if (list == NULL)
		return;
	if (list->kind != YN_SEQ) {
		ld_error(ld, list, "'contacts' must be a list such as "
		    "[{role: 代办员, name: 王某某, phone: 13900000000}]");
		return;
	}
	v->contacts = arena_alloc(ctx->arena, (list->n ? list->n : 1) *
	    sizeof *v->contacts);
	for (size_t i = 0; i < list->n; i++) {
		const struct ynode *n = list->kids[i];
		struct contact *c = &v->contacts[v->n_contacts];
		if (!ld_map(ld, n, N_("a contact"), contact_keys))
			continue;
		c->pos = ld_pos(ld, n);
		ld_text(ld, n, "role", true, &c->role);
		if (ld_text(ld, n, "name", false, &c->name))
			warn_placeholder_name(ld, ymap_get(n, "name"), "name",
			    c->name);
		ld_phone(ld, n, "phone", true, &c->phone);
		if (c->role != NULL && c->phone != NULL)
			v->n_contacts++;
	}
}

struct id_pii {
	const struct pos *pos;
	const char *what;
	bool found;
};

static void
report_id_pii(void *ctx, const struct pii_match *m)
{
	struct id_pii *ip = ctx;

	diag_error(ip->pos, "personal data: the %s holds %s (%s), which would "
	    "go into the addresses of pages, the feeds, the sitemap, the search "
	    "index and the open data: rename it", _(ip->what),
	    pii_kind_name(m->kind), m->shown);
	ip->found = true;
}

/* An id names pages and files: personal data in it is always an error,
 * whatever on_unmasked says, since it cannot be masked in an address. */
static bool
id_holds_pii(const char *id, const struct pos *pos, const char *what)
{
	struct id_pii ip = {pos, what, false};

	pii_scan(id, strlen(id), report_id_pii, &ip);
	return ip.found;
}

static bool
check_folder_id(struct load_ctx *ctx, const char *rel, const char *name)
{
	if (id_valid(name)) {
		struct pos pos = {arena_strdup(ctx->arena, rel), 1, 1};
		return !id_holds_pii(name, &pos, N_("folder name"));
	}
	struct pos pos = {arena_strdup(ctx->arena, rel), 1, 1};
	diag_error(&pos, "folder name '%s' is not a valid id: use lower-case "
	    "letters a-z, digits and '-' (pinyin such as 'fushui'); the "
	    "display name goes in the YAML file", name);
	return false;
}

static void
load_cadres(struct load_ctx *ctx, struct ld *ld, const struct ynode *map,
    struct village *v)
{
	const struct ynode *n = ld_get(ld, map, "cadres", false);

	if (n == NULL)
		return;
	if (n->kind != YN_MAP) {
		ld_error(ld, n, "'cadres' must map role ids to names, such as "
		    "{secretary: 王某某, director: 李某某}");
		return;
	}
	v->cadres = arena_alloc(ctx->arena, (n->n + 1) * sizeof *v->cadres);
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *key = n->kids[2 * i];
		const struct ynode *val = n->kids[2 * i + 1];
		const struct role *role = catalog_role_ref(ld,
		    &ctx->county->catalog, key, "cadres", key->str);
		const char *name;
		if (role == NULL)
			continue;
		if (ynode_is_null(val) || !ld_scalar_text(ld, val, key->str, &name))
			continue;
		warn_placeholder_name(ld, val, key->str, name);
		v->cadres[v->n_cadres].role = role;
		v->cadres[v->n_cadres].name = name;
		v->n_cadres++;
	}
}

static int
record_cmp(const void *a, const void *b)
{
	const struct record *x = *(const struct record *const *)a;
	const struct record *y = *(const struct record *const *)b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* Characters a file name may not have: they break on some file systems
 * (a USB stick) or in addresses. */
static const char *
record_name_problem(const char *id, char bad_char[2])
{
	if (*id == '\0')
		return N_("the name before .md is empty");
	if (strcmp(id, ".") == 0 || strcmp(id, "..") == 0)
		return N_("'.' and '..' are not names");
	if (utf8_check(id, strlen(id)) != (size_t)-1)
		return N_("the name is not valid UTF-8");
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		if (*p < 0x20 || *p == 0x7F)
			return N_("the name contains a control character");
		if (strchr("\\:*?\"<>|", *p) != NULL) {
			bad_char[0] = (char)*p;
			bad_char[1] = '\0';
			return N_("the name contains a character that does not work in "
			    "file names on every system");
		}
	}
	return NULL;
}

#define WALK_DEPTH 16

/* A folder of a town whose name is all digits (2026, 11) and that has no
 * village.yaml holds more of the town's own records, filed by date; any
 * other folder of a town is a village. */
static bool
town_dated_folder(struct load_ctx *ctx, const char *rel, const char *name)
{
	if (*name == '\0' || strspn(name, "0123456789") != strlen(name))
		return false;
	char *vy = path_join(rel, "village.yaml");
	bool village = content_exists(ctx, vy);
	free(vy);
	return !village;
}

/* A town.yaml or village.yaml among a town's or the county's own records
 * would make a town or village that is never read: said, not ignored. */
static void
report_misplaced(struct load_ctx *ctx, const struct village *v,
    const char *rel, const char *name)
{
	struct pos pos = {arena_strdup(ctx->arena, rel), 1, 1};

	if (v->level == LEVEL_COUNTY)
		diag_error(&pos, "%s has no place in the folder 'county', which "
		    "holds the county's own records: a town is a folder of its "
		    "own beside 'county', and a village a folder in its town",
		    name);
	else
		diag_error(&pos, "%s has no place in a folder whose name is all "
		    "digits, which holds the town's own records filed by date: "
		    "a village's folder needs a name such as 'wangjia'", name);
}

/* The walk of one holder's records: the folders above the one being walked
 * (to say a link loops), every folder read so far (device and inode: links
 * that point sideways, d0 holding ten links to d1 and d1 ten to d2, would
 * otherwise read the same folders 10^16 times), and the holder's folder
 * resolved (a link into it is a second way to records read already). */
struct ancestry {
	dev_t dev[WALK_DEPTH + 2];
	ino_t ino[WALK_DEPTH + 2];
	int n;
	struct {
		dev_t dev;
		ino_t ino;
	} *seen;
	size_t n_seen, cap_seen;
	char *base_real;
};

static bool
walk_seen(const struct ancestry *up, dev_t dev, ino_t ino)
{
	for (size_t k = 0; k < up->n_seen; k++)
		if (up->seen[k].dev == dev && up->seen[k].ino == ino)
			return true;
	return false;
}

static void
walk_remember(struct ancestry *up, dev_t dev, ino_t ino)
{
	if (up->n_seen == up->cap_seen) {
		up->cap_seen = up->cap_seen ? up->cap_seen * 2 : 16;
		up->seen = xrealloc(up->seen, up->cap_seen * sizeof *up->seen);
	}
	up->seen[up->n_seen].dev = dev;
	up->seen[up->n_seen].ino = ino;
	up->n_seen++;
}

/* Why the folder entry e (a link or not) is not walked, or NULL. */
static const char *
walk_refusal(const struct ancestry *up, const struct entry *e)
{
	for (int k = 0; k < up->n; k++)
		if (up->dev[k] == e->dev && up->ino[k] == e->ino)
			return N_("the folder link '%s' leads back to a folder above "
			    "it and is not followed");
	if (e->link_target != NULL && up->base_real != NULL &&
	    real_within(e->link_target, up->base_real))
		return N_("the folder link '%s' leads to a folder inside the same "
		    "village's (or town's) folder, whose records are read from "
		    "there: it is not followed");
	if (walk_seen(up, e->dev, e->ino))
		return N_("the folder link '%s' leads to a folder read already "
		    "through another link: it is not followed");
	return NULL;
}

static void
walk_records(struct load_ctx *ctx, struct village *v, const char *abs,
    const char *rel, int depth, struct ancestry *up, struct ptrvec *records,
    struct ptrvec *broken)
{
	struct entry *list;
	size_t n;

	if (depth > WALK_DEPTH) {
		struct pos pos = {arena_strdup(ctx->arena, rel), 1, 1};
		diag_error(&pos, "folders nested more than 16 deep below a village "
		    "are not read");
		return;
	}
	list = list_dir(ctx, abs, rel, &n);
	for (size_t i = 0; i < n; i++) {
		char *cabs = path_join(abs, list[i].name);
		char *crel = path_join(rel, list[i].name);
		size_t len = strlen(list[i].name);
		if (list[i].is_dir && v->level == LEVEL_TOWN && depth == 0 &&
		    !town_dated_folder(ctx, crel, list[i].name)) {
			/* a village of the town: load_town has it */
		} else if (v->level != LEVEL_VILLAGE && !list[i].is_dir &&
		    (strcmp(list[i].name, "village.yaml") == 0 ||
		    (strcmp(list[i].name, "town.yaml") == 0 && depth > 0))) {
			report_misplaced(ctx, v, crel, list[i].name);
		} else if (list[i].is_dir) {
			const char *refusal = walk_refusal(up, &list[i]);
			if (refusal != NULL) {
				struct pos pos = {arena_strdup(ctx->arena, crel), 1, 1};
				diag_error(&pos, _(refusal), list[i].name);
			} else {
				walk_remember(up, list[i].dev, list[i].ino);
				up->dev[up->n] = list[i].dev;
				up->ino[up->n] = list[i].ino;
				up->n++;
				walk_records(ctx, v, cabs, crel, depth + 1, up, records,
				    broken);
				up->n--;
			}
		} else if (len > 3 && strcmp(list[i].name + len - 3, ".md") == 0 &&
		    !list[i].is_file) {
			struct pos pos = {arena_strdup(ctx->arena, crel), 1, 1};
			diag_error(&pos, "not a regular file: a record must be a "
			    "plain text file");
		} else if (len > 3 && strcmp(list[i].name + len - 3, ".md") == 0) {
			char *id = xstrndup(list[i].name, len - 3);
			char bad[2] = "";
			const char *why = record_name_problem(id, bad);
			struct pos pos = {arena_strdup(ctx->arena, crel), 1, 1};
			if (why != NULL) {
				if (bad[0] != '\0')
					diag_error(&pos, "cannot use this file name as a "
					    "record id: %s ('%s'): rename the file", _(why),
					    bad);
				else
					diag_error(&pos, "cannot use this file name as a "
					    "record id: %s: rename the file", _(why));
			} else if (id_holds_pii(id, &pos,
			    N_("file name (the record's id)"))) {
				ptrvec_push(broken, arena_strdup(ctx->arena, id));
			} else {
				struct record *r = record_load(ctx, v, cabs, crel, id);
				if (r != NULL)
					ptrvec_push(records, r);
				else
					ptrvec_push(broken, arena_strdup(ctx->arena, id));
			}
			free(id);
		}
		free(cabs);
		free(crel);
	}
	free_entries(list, n);
}

/* Every record below the folder abs (rel in the content), sorted, and the
 * hash of the holder's content. */
static void
load_records(struct load_ctx *ctx, struct village *v, const char *abs,
    const char *rel)
{
	struct ptrvec records = {0};
	struct ancestry up = {.n = 0};
	struct stat st;
	struct ptrvec broken = {0};
	if (stat(abs, &st) == 0) {
		up.dev[0] = st.st_dev;
		up.ino[0] = st.st_ino;
		up.n = 1;
		walk_remember(&up, st.st_dev, st.st_ino);
	}
	up.base_real = realpath(abs, NULL);
	walk_records(ctx, v, abs, rel, 0, &up, &records, &broken);
	free(up.seen);
	free(up.base_real);
	v->broken_ids = arena_memdup(ctx->arena, broken.items,
	    broken.len * sizeof *broken.items);
	v->n_broken = broken.len;
	ptrvec_free(&broken);
	if (records.len > 1)
		qsort(records.items, records.len, sizeof *records.items, record_cmp);
	v->records = arena_memdup(ctx->arena, records.items,
	    records.len * sizeof *records.items);
	v->n_records = records.len;
	struct hasher h;
	hasher_init(&h);
	hasher_digest(&h, &v->hash);
	for (size_t i = 0; i < v->n_records; i++) {
		hasher_str(&h, v->records[i]->path);
		hasher_digest(&h, &v->records[i]->hash);
		hasher_digest(&h, &v->records[i]->files_hash);
	}
	v->content_hash = hasher_final(&h);
	ptrvec_free(&records);
}

static void
load_village(struct load_ctx *ctx, struct town *town, struct village *v,
    const char *town_rel, const char *id)
{
	char *rel = path_join(town_rel, id);
	char *abs = path_join(ctx->root, rel);
	char *yaml_rel = path_join(rel, "village.yaml");
	struct ld ld = {ctx->arena, NULL, 0, true,
	    ctx->county->site.privacy_error};
	struct ynode *root;

	v->id = arena_strdup(ctx->arena, id);
	v->dir = arena_strdup(ctx->arena, rel);
	v->town = town;
	v->households = v->adults = v->representatives = v->party_members = -1;
	v->since = DATE_NONE;
	v->name = v->id;
	ld.path = arena_strdup(ctx->arena, yaml_rel);
	v->pos = (struct pos){ld.path, 1, 1};
	root = load_yaml_file(ctx, yaml_rel, true, &v->hash);
	if (root != NULL && ld_map(&ld, root, N_("village.yaml"), village_keys)) {
		if (ld_text(&ld, root, "name", true, &v->name))
			warn_placeholder_name(&ld, ymap_get(root, "name"), "name",
			    v->name);
		if (v->name == NULL)
			v->name = v->id;
		ld_int(&ld, root, "households", false, 0, 10000000, &v->households);
		ld_int(&ld, root, "adults", false, 0, 10000000, &v->adults);
		ld_int(&ld, root, "representatives", false, 0, 100000,
		    &v->representatives);
		ld_int(&ld, root, "party_members", false, 0, 100000,
		    &v->party_members);
		load_cadres(ctx, &ld, root, v);
		ld_text(&ld, root, "board", false, &v->board);
		ld_date(&ld, root, "since", false, &v->since);
		load_contacts(ctx, &ld, root, v);
		ld_text(&ld, root, "suggestion_box", false, &v->suggestion_box);
		ld_text(&ld, root, "office_hours", false, &v->office_hours);
	}
	load_records(ctx, v, abs, rel);
	free(yaml_rel);
	free(abs);
	free(rel);
}

/* The holder of a town's or the county's own records, whose fields the
 * main thread set before the workers started. */
static void
load_level(struct load_ctx *ctx, struct village *v)
{
	char *abs = path_join(ctx->root, v->dir);

	load_records(ctx, v, abs, v->dir);
	free(abs);
}

/* A village waiting to be loaded by a worker. */
struct village_task {
	struct town *town;
	struct village *village;
	char *town_id;
	char *village_id;
};

struct task_list {
	struct village_task *items;
	size_t len;
	size_t cap;
};

static void
add_task(struct task_list *tasks, struct village_task task)
{
	if (tasks->len == tasks->cap) {
		tasks->cap = tasks->cap ? tasks->cap * 2 : 64;
		tasks->items = xrealloc(tasks->items, tasks->cap *
		    sizeof *tasks->items);
	}
	tasks->items[tasks->len++] = task;
}

/* The holder of a level's own records, as far as the main thread knows it
 * before the workers load them. */
static void
level_init(struct village *v, enum level level, const struct town *town,
    const char *dir, const char *name, struct pos pos)
{
	memset(v, 0, sizeof *v);
	v->level = level;
	v->id = dir;
	v->dir = dir;
	v->name = name;
	v->town = town;
	v->households = v->adults = v->representatives = v->party_members = -1;
	v->since = DATE_NONE;
	v->pos = pos;
}

static void
load_town(struct load_ctx *ctx, struct town *t, const char *id,
    struct task_list *tasks)
{
	char *abs = path_join(ctx->root, id);
	char *yaml_rel = path_join(id, "town.yaml");
	struct ld ld = {ctx->arena, NULL, 0, true,
	    ctx->county->site.privacy_error};
	struct entry *list;
	size_t n;
	struct ynode *root;

	t->id = arena_strdup(ctx->arena, id);
	t->name = t->id;
	ld.path = arena_strdup(ctx->arena, yaml_rel);
	t->pos = (struct pos){ld.path, 1, 1};
	if (!content_exists(ctx, yaml_rel)) {
		diag_error(&t->pos, "missing: the folder '%s' has no town.yaml; "
		    "every town folder needs one (name: 富水镇)", id);
	} else {
		root = load_yaml_file(ctx, yaml_rel, true, &t->hash);
		if (root != NULL && ld_map(&ld, root, N_("town.yaml"), town_keys)) {
			if (ld_text(&ld, root, "name", true, &t->name))
				warn_placeholder_name(&ld, ymap_get(root, "name"),
				    "name", t->name);
			if (t->name == NULL)
				t->name = t->id;
			/* a town's phone is meant to be published */
			ld_phone(&ld, root, "phone", false, &t->phone);
		}
	}
	list = list_dir(ctx, abs, id, &n);
	t->villages = arena_alloc(ctx->arena, (n + 1) * sizeof *t->villages);
	for (size_t i = 0; i < n; i++) {
		char *rel = path_join(id, list[i].name);
		/* the town's own records, directly in its folder or in folders
		 * named by date, are its level's (load_level) */
		if (!list[i].is_dir || town_dated_folder(ctx, rel, list[i].name)) {
			free(rel);
			continue;
		}
		if (check_folder_id(ctx, rel, list[i].name)) {
			char *vy = path_join(rel, "village.yaml");
			if (!content_exists(ctx, vy)) {
				struct pos pos = {arena_strdup(ctx->arena, vy), 1, 1};
				const char *near = near_village(ctx, id, list, n,
				    list[i].name);
				if (near != NULL)
					diag_error(&pos, "missing: the folder '%s' has "
					    "no village.yaml; is it %s/%s misspelled? "
					    "Move its files there and delete this "
					    "folder (a new village's folder needs a "
					    "village.yaml: name: 王家村)", rel, id, near);
				else
					diag_error(&pos, "missing: the folder '%s' has "
					    "no village.yaml; every village folder "
					    "needs one (name: 王家村)", rel);
			} else {
				add_task(tasks, (struct village_task){
					t, &t->villages[t->n_villages], xstrdup(id),
					xstrdup(list[i].name),
				});
				t->n_villages++;
			}
			free(vy);
		}
		free(rel);
	}
	ctx->county->n_villages += t->n_villages;
	level_init(&t->own, LEVEL_TOWN, t, t->id, t->name, t->pos);
	add_task(tasks, (struct village_task){t, &t->own, NULL, NULL});
	free_entries(list, n);
	free(yaml_rel);
	free(abs);
}

struct village_pool {
	const struct load_ctx *base;
	struct task_list *tasks;
	_Atomic size_t next;
	_Atomic bool io_failed;
};

/* Loads and checks villages until none is left. Each village has an arena
 * of its own, so workers never share anything they write. */
static void *
village_worker(void *arg)
{
	struct village_pool *pool = arg;

	for (;;) {
		size_t i = atomic_fetch_add(&pool->next, 1);
		if (i >= pool->tasks->len)
			break;
		struct village_task *task = &pool->tasks->items[i];
		struct load_ctx ctx = *pool->base;
		task->village->arena = arena_new();
		ctx.arena = task->village->arena;
		ctx.io_failed = false;
		/* what the village reports is its own (diag_set_owner) */
		diag_set_owner(task->village);
		if (task->village->level != LEVEL_VILLAGE)
			load_level(&ctx, task->village);
		else
			load_village(&ctx, task->town, task->village,
			    task->town_id, task->village_id);
		check_village(ctx.county, task->village);
		diag_set_owner(NULL);
		if (ctx.io_failed)
			atomic_store(&pool->io_failed, true);
	}
	return NULL;
}

/* Loads the tasks' villages on worker threads, then frees the tasks. */
static void
load_villages(const struct load_ctx *ctx, struct task_list *tasks)
{
	struct village_pool pool;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n_threads = cores < 1 ? 1 : cores > 16 ? 16 : (size_t)cores;
	pthread_t threads[16];
	size_t started = 0;

	pool.base = ctx;
	pool.tasks = tasks;
	atomic_init(&pool.next, 0);
	atomic_init(&pool.io_failed, false);
	if (n_threads > tasks->len)
		n_threads = tasks->len;
	/* this thread is one of the workers */
	for (; started + 1 < n_threads; started++)
		if (pthread_create(&threads[started], NULL, village_worker,
		    &pool) != 0)
			break;
	village_worker(&pool);
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	if (atomic_load(&pool.io_failed))
		((struct load_ctx *)ctx)->io_failed = true;
	for (size_t i = 0; i < tasks->len; i++) {
		free(tasks->items[i].town_id);
		free(tasks->items[i].village_id);
	}
	free(tasks->items);
	memset(tasks, 0, sizeof *tasks);
}

/* content/county/: the county's own records, at any depth. It is never a
 * town, whatever it holds. */
static void
load_county_level(struct load_ctx *ctx, struct task_list *tasks)
{
	struct county *c = ctx->county;

	if (content_exists(ctx, "county/town.yaml")) {
		struct pos pos = {"county/town.yaml", 1, 1};
		diag_error(&pos, "the folder 'county' is not a town: it holds the "
		    "county's own records; give the town a folder of its own "
		    "(such as 'fushui') and remove this town.yaml");
	}
	add_task(tasks, (struct village_task){NULL, &c->own, NULL, NULL});
}

enum load_status
county_load(struct county *county, const char *root, int32_t today)
{
	struct load_ctx ctx = {0};
	struct task_list tasks = {0};
	struct entry *list;
	size_t n;

	memset(county, 0, sizeof *county);
	county->arena = arena_new();
	county->root = arena_strdup(county->arena, root);
	county->today = today;
	if (!path_is_dir(root))
		return LOAD_NO_CONTENT;
	ctx.county = county;
	ctx.arena = county->arena;
	ctx.root = root;
	char *root_real = realpath(root, NULL);
	ctx.root_real = root_real != NULL ?
	    arena_strdup(county->arena, root_real) : NULL;
	free(root_real);

	load_site(&ctx);
	catalog_load(&ctx);
	/* the county's own records: none until content/county/ has some */
	level_init(&county->own, LEVEL_COUNTY, NULL, "county",
	    county->site.name != NULL ? county->site.name : "county",
	    (struct pos){"county", 1, 1});

	list = list_dir(&ctx, root, ".", &n);
	county->towns = arena_alloc(ctx.arena, (n + 1) * sizeof *county->towns);
	for (size_t i = 0; i < n; i++) {
		/* catalog/ and theme/ (a county's theme overrides) are no towns,
		 * and county/ holds the county's own records */
		if (!list[i].is_dir || strcmp(list[i].name, "catalog") == 0 ||
		    strcmp(list[i].name, "theme") == 0)
			continue;
		if (strcmp(list[i].name, "county") == 0) {
			load_county_level(&ctx, &tasks);
			continue;
		}
		if (!check_folder_id(&ctx, list[i].name, list[i].name))
			continue;
		load_town(&ctx, &county->towns[county->n_towns++], list[i].name,
		    &tasks);
	}
	free_entries(list, n);
	load_villages(&ctx, &tasks);
	county_totals(county);
	return ctx.io_failed ? LOAD_IO_FAILED : LOAD_OK;
}

enum load_status
villages_reload(struct county *county, struct village *const *which,
    size_t n)
{
	struct load_ctx ctx = {0};
	struct task_list tasks = {0};

	ctx.county = county;
	ctx.arena = county->arena;
	ctx.root = county->root;
	/* freed below, not kept in the county's arena, which every reload
	 * of the preview would grow */
	char *root_real = realpath(county->root, NULL);
	ctx.root_real = root_real;
	tasks.items = xcalloc(n + 1, sizeof *tasks.items);
	for (size_t i = 0; i < n; i++) {
		struct village *v = which[i];
		struct town *town = (struct town *)v->town;
		/* the names outlive the village's arena, freed here */
		tasks.items[tasks.len++] = (struct village_task){
			town, v, xstrdup(town->id), xstrdup(v->id),
		};
		arena_free(v->arena);
		memset(v, 0, sizeof *v);
	}
	load_villages(&ctx, &tasks);
	county_totals(county);
	free(root_real);
	return ctx.io_failed ? LOAD_IO_FAILED : LOAD_OK;
}

void
county_totals(struct county *county)
{
	/* the levels' records too: every published record is on the site */
	county->n_records = county->own.n_records;
	for (size_t t = 0; t < county->n_towns; t++) {
		county->n_records += county->towns[t].own.n_records;
		for (size_t i = 0; i < county->towns[t].n_villages; i++)
			county->n_records += county->towns[t].villages[i].n_records;
	}

	struct hasher h;
	hasher_init(&h);
	hasher_digest(&h, &county->site.hash);
	hasher_digest(&h, &county->catalog.hash);
	for (size_t t = 0; t < county->n_towns; t++) {
		const struct town *town = &county->towns[t];
		hasher_str(&h, town->id);
		hasher_digest(&h, &town->hash);
		hasher_digest(&h, &town->own.content_hash);
		for (size_t i = 0; i < town->n_villages; i++) {
			hasher_str(&h, town->villages[i].id);
			hasher_digest(&h, &town->villages[i].content_hash);
		}
	}
	hasher_str(&h, "county");
	hasher_digest(&h, &county->own.content_hash);
	county->content_hash = hasher_final(&h);
}
