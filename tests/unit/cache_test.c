/* cache_test.c: the preview's loader (load/cache.c). After each change the
 * county it keeps and the diagnostics it reports must be those of a fresh
 * load of the same tree, while only the villages whose files changed are
 * read again. */
#include "t.h"
#include "fixture.h"

#include "model/model.h"

#define DATE "2026-11-27"
#define WANGJIA_REC "fushui/wangjia/2026/11/2026-11-02-road-plan.md"

static struct county_cache *cache;
static size_t reloaded;

/* The diagnostics reported so far, as fixture_check_keep writes them. */
static char *
diags_text(void)
{
	struct buf b = {0};
	size_t n;
	const struct diag *d = diag_sorted(&n);

	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s:%d:%d: %s: %s\n", d[i].path, d[i].line,
		    d[i].col, d[i].level == DIAG_ERROR ? "error" : "warning",
		    d[i].message);
	return buf_detach(&b);
}

/* Loads through the cache; its diagnostics, and the county in *out. */
static char *
cached(const char *const *hints, size_t n_hints, struct county **out)
{
	int32_t today;

	date_parse(DATE, &today);
	county_cache_load(cache, fixture_root, today, hints, n_hints, out,
	    &reloaded);
	char *text = diags_text();
	diag_reset();
	return text;
}

/* The cache's load against a fresh one: the same diagnostics and records. */
static void
same_as_fresh(const char *what, const char *const *hints, size_t n_hints,
    size_t want_reloaded)
{
	struct county *county, fresh;
	char *got = cached(hints, n_hints, &county);
	char *want = fixture_check_keep(DATE, &fresh);

	T_STREQ(got, want, "%s: the diagnostics of a fresh load", what);
	T_INTEQ(county->n_records, fresh.n_records, "%s: the records", what);
	T_CHECK(digest_equal(county->content_hash, fresh.content_hash),
	    "%s: the county's content hash", what);
	T_INTEQ((long long)reloaded, (long long)want_reloaded,
	    "%s: villages read again", what);
	county_free(&fresh);
	free(got);
	free(want);
}

static char *
read_fixture(const char *rel)
{
	char *path = path_join(fixture_root, rel), *text = NULL;
	size_t len;

	if (file_read(path, 1 << 20, &text, &len) != 0)
		text = xstrdup("");
	free(path);
	return text;
}

static void
append(const char *rel, const char *more)
{
	char *text = read_fixture(rel);
	struct buf b = {0};

	buf_puts(&b, text);
	buf_puts(&b, more);
	fixture_put(rel, b.data);
	buf_free(&b);
	free(text);
}

static void
test_cache(void)
{
	struct county *county;
	char *original = read_fixture(WANGJIA_REC);
	static const char *const lijia[] = {"fushui/lijia/2026/12"};
	static const char *const root[] = {""};

	same_as_fresh("first load", NULL, 0, (size_t)-1);
	same_as_fresh("nothing changed", NULL, 0, 0);

	append(WANGJIA_REC, "\n又一段。\n");
	same_as_fresh("a record edited", NULL, 0, 1);

	/* a broken date in one village: its error, the other village's
	 * diagnostics as before */
	char *broken = read_fixture(WANGJIA_REC);
	char *at = strstr(broken, "date: 2026-11-02");
	T_CHECK(at != NULL, "the record has the date to break");
	if (at != NULL) {
		memcpy(at, "date: 2026-11-32", 16);
		fixture_put(WANGJIA_REC, broken);
		char *d = cached(NULL, 0, &county);
		T_CHECK(has_line(d, WANGJIA_REC, "error"),
		    "a broken record's error is reported");
		free(d);
		same_as_fresh("the broken record again", NULL, 0, 0);
	}
	free(broken);
	fixture_put(WANGJIA_REC, original);
	same_as_fresh("the record fixed", NULL, 0, 1);

	/* a draft with an error in the other village: a warning, kept as
	 * such while the first village changes */
	fixture_put("fushui/lijia/2026/12/draft.md", "---\ntype: notice\n"
	    "title: 草稿\ndate: 2026-12-01\ndraft: true\nno_such_key: 1\n---\n"
	    "正文。\n");
	same_as_fresh("a draft added, said where", lijia, 1, 1);
	append(WANGJIA_REC, "\n再一段。\n");
	char *d = cached(NULL, 0, &county);
	T_CHECK(has_line(d, "draft.md", "warning"),
	    "the draft's problem stays a warning in an unchanged village");
	T_CHECK(!has_line(d, "draft.md", "error"),
	    "and never becomes an error");
	free(d);
	same_as_fresh("the other village edited", NULL, 0, 0);

	/* what the watcher saw, not everything, is looked at */
	fixture_put("fushui/lijia/2026/12/draft.md", NULL);
	same_as_fresh("a file removed, said where", lijia, 1, 1);

	/* outside the villages: everything again */
	append("site.yaml", "\n");
	same_as_fresh("site.yaml changed", root, 1, (size_t)-1);
	fixture_put("fushui/zhangjia/village.yaml", "name: 张家村\n");
	same_as_fresh("a village added", NULL, 0, (size_t)-1);
	fixture_put("fushui/zhangjia/village.yaml", NULL);
	char *dir = path_join(fixture_root, "fushui/zhangjia");
	rmdir(dir);
	free(dir);
	same_as_fresh("a village removed", NULL, 0, (size_t)-1);
	free(original);
}

int
main(void)
{
	fixture_init();
	cache = county_cache_new();
	test_cache();
	county_cache_free(cache);
	return t_done();
}
