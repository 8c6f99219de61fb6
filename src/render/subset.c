/* subset.c: the small copy of Noto Sans CJK SC a build draws its text
 * from (see subset.h): the set of characters, the subsets made by
 * HarfBuzz and kept in a cache folder, and fontconfig told to prefer
 * them. */
#include "render/subset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb.h>
#include <iconv.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "render/fonts.h"
#include "render/installed.h"

/* what the subsets are made of: changing it (or the code below) changes
 * their digest, and so the cache keys of everything drawn */
#define SUBSET_FORMAT "noticeboard font subset 4"

#define N_WEIGHTS 2

/* Each weight in two parts: the common characters, which nearly every
 * poster and chart draws from alone (GB 2312's symbols and its first
 * level, 3755 hanzi, with ASCII, Latin-1 and the usual punctuation), and
 * the rest (its second level, 3008 rarer hanzi, and the other symbols):
 * cairo reads the whole 'CFF ' table of each font a PDF uses, twice, and
 * the common part's is half the whole's. */
#define N_PARTS 2
#define N_FILES (N_WEIGHTS * N_PARTS)
#define FILE_OF(w, part) ((w) * N_PARTS + (part))

static const int weights[N_WEIGHTS] = {FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD};
static const char *const weight_names[N_WEIGHTS] = {"regular", "bold"};
static const char *const part_names[N_PARTS] = {"", "-rare"};

/* Beside GB 2312: the Latin, punctuation, symbols and forms a notice may
 * use that fonts-noto-cjk draws. */
static const uint32_t ranges[][2] = {
	{0x0020, 0x007e},   /* ASCII */
	{0x00a0, 0x017f},   /* Latin-1, Latin Extended-A (pinyin's tones) */
	{0x01cd, 0x01dc},   /* pinyin's third tones (ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ) */
	{0x02c6, 0x02dd},   /* modifier letters (ˇ ˉ ˊ ˋ) */
	{0x0391, 0x03c9},   /* Greek */
	{0x0401, 0x0451},   /* Cyrillic */
	{0x2000, 0x206f},   /* general punctuation */
	{0x20a0, 0x20bf},   /* currency signs */
	{0x2100, 0x218f},   /* letterlike symbols, number forms (Ⅰ ⅰ) */
	{0x2190, 0x21ff},   /* arrows */
	{0x2200, 0x22ff},   /* mathematical operators */
	{0x2300, 0x23ff},   /* technical symbols */
	{0x2460, 0x24ff},   /* enclosed alphanumerics (① ⑴ ⒈) */
	{0x2500, 0x25ff},   /* box drawing, blocks, geometric shapes */
	{0x2600, 0x27bf},   /* symbols, dingbats (★ ☑ ✓ ✔) */
	{0x2e80, 0x2fdf},   /* CJK radicals */
	{0x3000, 0x30ff},   /* CJK punctuation, kana */
	{0x3100, 0x312f},   /* bopomofo */
	{0x3200, 0x33ff},   /* enclosed CJK letters, compatibility (㈠ ㎡) */
	{0xfe10, 0xfe1f},   /* vertical forms */
	{0xfe30, 0xfe6f},   /* compatibility and small forms */
	{0xff00, 0xffef},   /* halfwidth and fullwidth forms */
	{0xfffd, 0xfffd},   /* the replacement character */
};

/* Of them, those in the common part. */
static const uint32_t common_ranges[][2] = {
	{0x0020, 0x007e},   /* ASCII */
	{0x00a0, 0x00ff},   /* Latin-1 */
	{0x2000, 0x206f},   /* general punctuation */
	{0x3000, 0x303f},   /* CJK punctuation */
	{0xff00, 0xffef},   /* halfwidth and fullwidth forms */
	{0xfffd, 0xfffd},   /* the replacement character */
};

/* ---- the set of characters ---- */

static hb_set_t *charset;               /* all of it */
static hb_set_t *parts[N_PARTS];        /* the common part, the rest */
static pthread_once_t charset_once = PTHREAD_ONCE_INIT;

/* The characters of GB 2312's rows first to last (EUC-CN's two-byte
 * codes from 0xa1: rows 1 to 9 symbols, 16 to 55 the first level, 56 to
 * 87 the second), by iconv. */
static void
add_gb2312(hb_set_t *set, unsigned first, unsigned last)
{
	iconv_t cd = iconv_open("UTF-32LE", "GB2312");

	if (cd == (iconv_t)-1)
		return;
	for (unsigned row = 0xa0 + first; row <= 0xa0 + last; row++) {
		for (unsigned col = 0xa1; col <= 0xfe; col++) {
			char in[2] = {(char)row, (char)col};
			unsigned char out[8];
			char *ip = in, *op = (char *)out;
			size_t il = sizeof in, ol = sizeof out;
			if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
			    ol != sizeof out - 4) {
				(void)iconv(cd, NULL, NULL, NULL, NULL);
				continue;
			}
			hb_set_add(set, (uint32_t)out[0] | (uint32_t)out[1] << 8 |
			    (uint32_t)out[2] << 16 | (uint32_t)out[3] << 24);
		}
	}
	iconv_close(cd);
}

static void
charset_make(void)
{
	charset = hb_set_create();
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		hb_set_add_range(charset, ranges[i][0], ranges[i][1]);
	add_gb2312(charset, 1, 87);
	parts[0] = hb_set_create();
	for (size_t i = 0; i < sizeof common_ranges / sizeof common_ranges[0];
	    i++)
		hb_set_add_range(parts[0], common_ranges[i][0],
		    common_ranges[i][1]);
	add_gb2312(parts[0], 1, 9);
	add_gb2312(parts[0], 16, 55);
	parts[1] = hb_set_copy(charset);
	hb_set_subtract(parts[1], parts[0]);
}

bool
subset_has(uint32_t c)
{
	pthread_once(&charset_once, charset_make);
	return hb_set_has(charset, c);
}

/* ---- the state of the process ---- */

static pthread_once_t use_once = PTHREAD_ONCE_INIT;
static bool may_make = true;        /* the first caller's choice */
static bool in_use;
static struct digest subset_digest;
static char *files[N_FILES];        /* the subsets in use, FILE_OF */
static char *temp_dir;              /* when made in a private folder */
static char use_error[512];

bool
subset_in_use(void)
{
	return in_use;
}

void
subset_key(struct hasher *h)
{
	hasher_str(h, SUBSET_FORMAT);
	hasher_u64(h, in_use);
	if (in_use)
		hasher_digest(h, &subset_digest);
}

/* ---- the installed fonts ---- */

struct source {
	char *file;
	int index;
};

/* The installed face of a weight (installed.h: the same file the cache
 * keys digest). */
static bool
find_source(int weight, struct source *src)
{
	return installed_font(NULL, weight, (const char *const *)files,
	    N_FILES, &src->file, &src->index);
}

/* ---- making a subset ---- */

static bool
make_subset(const struct source *src, const hb_set_t *set, const char *path,
    struct buf *err)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(src->file);
	hb_face_t *face = NULL, *sub = NULL;
	hb_subset_input_t *in = NULL;
	hb_blob_t *out = NULL;
	bool ok = false;

	if (blob == NULL) {
		buf_printf(err, "cannot read %s", src->file);
		goto out;
	}
	face = hb_face_create(blob, (unsigned)src->index);
	in = hb_subset_input_create_or_fail();
	if (in == NULL)
		goto out;
	hb_set_union(hb_subset_input_unicode_set(in), set);
	/* every name, in every language, and every layout feature: the
	 * subset is the same font, smaller */
	hb_set_t *s = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
	hb_set_clear(s);
	hb_set_invert(s);
	s = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_LANG_ID);
	hb_set_clear(s);
	hb_set_invert(s);
	s = hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
	hb_set_clear(s);
	hb_set_invert(s);
	/* the baselines, which HarfBuzz drops by default and pango reads */
	hb_set_del(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG),
	    HB_TAG('B', 'A', 'S', 'E'));
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE |
	    HB_SUBSET_FLAGS_NAME_LEGACY | HB_SUBSET_FLAGS_NOTDEF_OUTLINE |
	    HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED);
	sub = hb_subset_or_fail(face, in);
	if (sub == NULL) {
		buf_printf(err, "HarfBuzz cannot subset %s", src->file);
		goto out;
	}
	out = hb_face_reference_blob(sub);
	unsigned len = 0;
	const char *data = hb_blob_get_data(out, &len);
	if (data == NULL || len == 0) {
		buf_printf(err, "HarfBuzz cannot subset %s", src->file);
		goto out;
	}
	if (file_write_synced(path, data, len) != 0) {
		buf_printf(err, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	ok = true;
out:
	hb_blob_destroy(out);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return ok;
}

/* ---- the cache folder ---- */

/* Whether the subset at path reads as a font with its glyphs: a file cut
 * short does not. */
static bool
subset_whole(const char *path)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
	hb_face_t *face;
	bool ok;

	if (blob == NULL)
		return false;
	face = hb_face_create(blob, 0);
	hb_blob_t *cff = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
	ok = hb_face_get_glyph_count(face) > 1000 && hb_blob_get_length(cff) > 0;
	hb_blob_destroy(cff);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	return ok;
}

/* Removes what a build killed while writing a subset left (the files
 * file_write_synced writes before renaming, named path.tmpPID), when
 * older than a minute: another build may be writing its own now. */
static void
remove_stale_parts(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	time_t now = time(NULL);

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		if (strstr(e->d_name, ".otf.tmp") == NULL)
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && now - st.st_mtime > 60)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

/* The cache folder, made when make is true; NULL when there is none or
 * it cannot be read. */
static char *
cache_dir(bool make)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	struct buf b = {0};

	if (xdg != NULL && xdg[0] == '/')
		buf_printf(&b, "%s/noticeboard/fonts", xdg);
	else if (home != NULL && home[0] == '/')
		buf_printf(&b, "%s/.cache/noticeboard/fonts", home);
	else
		return NULL;
	/* a folder we may read but not write still serves the subsets
	 * already in it; one missing is then made in a private folder */
	if (make)
		(void)mkdir_p(b.data, 0755);
	if (access(b.data, R_OK | X_OK) != 0) {
		buf_free(&b);
		return NULL;
	}
	return b.data;
}

static void
remove_temp(void)
{
	if (temp_dir != NULL)
		remove_tree(temp_dir);
}

static char *
private_dir(void)
{
	const char *base = getenv("TMPDIR");
	struct buf b = {0};

	buf_printf(&b, "%s/noticeboard-fonts.XXXXXX",
	    base != NULL && base[0] == '/' ? base : "/tmp");
	if (mkdtemp(b.data) == NULL) {
		buf_free(&b);
		return NULL;
	}
	temp_dir = b.data;
	atexit(remove_temp);
	return xstrdup(temp_dir);
}

/* ---- fontconfig ---- */

/* Our subsets among the application fonts, made the best match for their
 * family and weight, the common part first and the rest second:
 * fontconfig ranks two faces that agree on everything else by their
 * version, nearer the pattern's (the largest) the better. Both parts say
 * they write what the common part writes and Chinese (zh-cn), which
 * fontconfig tells from the characters only of a font with all of
 * GB 2312: else the installed font would rank above them for Chinese
 * text. And since fontconfig lets only the first face of the list that
 * writes a language the pattern asks for (pango asks for the text's and
 * the locale's) keep its rank for it, the rest ranks second only when it
 * too claims the second language the installed font would claim. */
static FcPattern *
app_font(FcFontSet *app, const char *path)
{
	for (int i = 0; app != NULL && i < app->nfont; i++) {
		FcChar8 *file = NULL;
		if (FcPatternGetString(app->fonts[i], FC_FILE, 0, &file) ==
		    FcResultMatch && strcmp((const char *)file, path) == 0)
			return app->fonts[i];
	}
	return NULL;
}

static bool
prefer_ours(void)
{
	FcFontSet *app = FcConfigGetFonts(NULL, FcSetApplication);

	for (int w = 0; w < N_WEIGHTS; w++) {
		FcPattern *common = app_font(app, files[FILE_OF(w, 0)]);
		FcLangSet *had = NULL;
		if (common == NULL || FcPatternGetLangSet(common, FC_LANG, 0,
		    &had) != FcResultMatch)
			return false;
		FcLangSet *langs = FcLangSetCopy(had);
		FcLangSetAdd(langs, (const FcChar8 *)"zh-cn");
		for (int part = 0; part < N_PARTS; part++) {
			FcPattern *p = app_font(app, files[FILE_OF(w, part)]);
			if (p == NULL)
				continue;
			FcPatternDel(p, FC_FONTVERSION);
			FcPatternAddInteger(p, FC_FONTVERSION, INT_MAX - part);
			FcPatternDel(p, FC_LANG);
			FcPatternAddLangSet(p, FC_LANG, langs);
		}
		FcLangSetDestroy(langs);
	}
	return true;
}

/* Whether fontconfig's choices for the family in a weight, as pango asks,
 * are the common part first, then the rest before any other face. */
static bool
chosen(int weight, const char *want, const char *then)
{
	FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString,
	    (const FcChar8 *)NB_FONT_FAMILY, FC_WEIGHT, FcTypeInteger, weight,
	    FC_LANG, FcTypeString, (const FcChar8 *)"zh-cn", (char *)NULL);
	FcResult res;
	bool ok = false;

	if (pat == NULL)
		return false;
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcFontSet *sorted = FcFontSort(NULL, pat, FcFalse, NULL, &res);
	for (int i = 0; sorted != NULL && i < sorted->nfont; i++) {
		FcChar8 *file = NULL;
		if (FcPatternGetString(sorted->fonts[i], FC_FILE, 0, &file) !=
		    FcResultMatch)
			break;
		if (i == 0 && strcmp((const char *)file, want) != 0)
			break;
		if (i > 0) {
			ok = strcmp((const char *)file, then) == 0;
			break;
		}
	}
	if (sorted)
		FcFontSetDestroy(sorted);
	FcPatternDestroy(pat);
	return ok;
}

/* ---- all together ---- */

static void
use(void)
{
	struct source src[N_WEIGHTS] = {{0}};
	struct hasher h;
	struct buf err = {0};
	char *dir = NULL;
	char hex[33];

	const char *env = getenv("NOTICEBOARD_FONT_SUBSET");
	if (env != NULL && strcmp(env, "off") == 0) {
		buf_puts(&err, "NOTICEBOARD_FONT_SUBSET is off");
		goto out;
	}
	if (!FcInit()) {
		buf_puts(&err, "fontconfig could not be initialised");
		goto out;
	}
	hasher_init(&h);
	hasher_str(&h, SUBSET_FORMAT);
	hasher_str(&h, hb_version_string());
	pthread_once(&charset_once, charset_make);
	for (int part = 0; part < N_PARTS; part++) {
		hb_codepoint_t first = HB_SET_VALUE_INVALID;
		hb_codepoint_t last = HB_SET_VALUE_INVALID;
		while (hb_set_next_range(parts[part], &first, &last)) {
			hasher_u64(&h, first);
			hasher_u64(&h, last);
		}
		hasher_u64(&h, HB_SET_VALUE_INVALID);
	}
	for (int w = 0; w < N_WEIGHTS; w++) {
		struct stat st;
		if (!find_source(weights[w], &src[w]) ||
		    stat(src[w].file, &st) != 0) {
			buf_printf(&err, "%s (%s) is not installed",
			    NB_FONT_FAMILY, weight_names[w]);
			goto out;
		}
		hasher_str(&h, src[w].file);
		hasher_u64(&h, (uint64_t)src[w].index);
		hasher_u64(&h, (uint64_t)st.st_size);
		hasher_u64(&h, (uint64_t)st.st_mtime);
		hasher_u64(&h, (uint64_t)st.st_ino);
	}
	subset_digest = hasher_final(&h);
	digest_hex(subset_digest, hex);

	dir = cache_dir(may_make);
	for (int pass = 0; pass < 2; pass++) {
		bool made = dir != NULL, swept = false;
		for (int f = 0; f < N_FILES && made; f++) {
			int w = f / N_PARTS, part = f % N_PARTS;
			struct buf p = {0};
			buf_printf(&p, "%s/%s-%s%s.otf", dir, hex, weight_names[w],
			    part_names[part]);
			free(files[f]);
			files[f] = p.data;
			/* one cut short (a power cut before it reached
			 * the disk) is made again */
			if (!path_exists(files[f]) || !subset_whole(files[f])) {
				unlink(files[f]);
				/* once a folder, before the first subset
				 * made in it */
				if (may_make && !swept) {
					remove_stale_parts(dir);
					swept = true;
				}
				made = may_make && make_subset(&src[w],
				    parts[part], files[f], &err);
			}
		}
		if (made)
			break;
		if (!may_make) {
			buf_puts(&err, "the subsets are not made yet");
			goto out;
		}
		/* a cache folder we cannot write: a private one */
		free(dir);
		dir = pass == 0 ? private_dir() : NULL;
		if (dir == NULL)
			goto out;
		buf_reset(&err);
	}
	for (int f = 0; f < N_FILES; f++)
		if (!FcConfigAppFontAddFile(NULL, (const FcChar8 *)files[f])) {
			buf_printf(&err, "fontconfig cannot read %s", files[f]);
			FcConfigAppFontClear(NULL);
			goto out;
		}
	if (!prefer_ours()) {
		buf_puts(&err, "fontconfig does not list the subsets");
		FcConfigAppFontClear(NULL);
		goto out;
	}
	for (int w = 0; w < N_WEIGHTS; w++)
		if (!chosen(weights[w], files[FILE_OF(w, 0)],
		    files[FILE_OF(w, 1)])) {
			buf_printf(&err, "fontconfig does not prefer %s",
			    files[FILE_OF(w, 0)]);
			/* the installed font is drawn from: the subsets'
			 * patterns go back to second place */
			FcConfigAppFontClear(NULL);
			goto out;
		}
	in_use = true;
out:
	if (err.len > 0)
		snprintf(use_error, sizeof use_error, "%s", err.data);
	for (int w = 0; w < N_WEIGHTS; w++)
		free(src[w].file);
	free(dir);
	buf_free(&err);
}

static bool
use_once_with(bool make, struct buf *err)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

	pthread_mutex_lock(&lock);
	may_make = make;
	pthread_once(&use_once, use);
	pthread_mutex_unlock(&lock);
	if (!in_use && err != NULL)
		buf_puts(err, use_error[0] ? use_error : "no font subsets");
	return in_use;
}

bool
subset_use(struct buf *err)
{
	return use_once_with(true, err);
}

bool
subset_use_made(struct buf *err)
{
	return use_once_with(false, err);
}

const char *const *
subset_files(int *n)
{
	*n = N_FILES;
	return (const char *const *)files;
}

bool
subset_is_file(const char *path)
{
	for (int f = 0; f < N_FILES; f++)
		if (files[f] != NULL && strcmp(files[f], path) == 0)
			return true;
	return false;
}
