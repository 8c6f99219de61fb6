/* files_test.c: the rule that a record's images and attachments are files
 * inside the content folder, on a content tree made here: relative paths,
 * "..", absolute paths, symbolic links out of the tree, percent-encoded
 * Chinese names; and the links found in Markdown at their line:column. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "check/files.h"
#include "load/mdlinks.h"
#include "util/diag.h"
#include "util/util.h"

static char root[64], content[128];

static void
cleanup(void)
{
	if (root[0] != '\0')
		remove_tree(root);
}

static void
put(const char *rel, const char *text)
{
	char *path = path_join(content, rel);
	char *dir = xstrdup(path);

	*strrchr(dir, '/') = '\0';
	mkdir_p(dir, 0755);
	if (file_write_atomic(path, text, strlen(text)) != 0)
		perror(path);
	free(dir);
	free(path);
}

static void
resolves(const char *url, enum local_link want, const char *want_rel)
{
	char *rel = NULL;
	enum local_link got = local_link_resolve(content,
	    "fushui/dongcun/2026/11/rec.md", url, &rel);

	T_INTEQ(got, want, "'%s'", url);
	if (want_rel != NULL)
		T_STREQ(rel, want_rel, "'%s' is this file", url);
	free(rel);
}

static void
test_resolve(void)
{
	resolves("photo.jpg", LOCAL_OK, "fushui/dongcun/2026/11/photo.jpg");
	resolves("./photo.jpg?v=2#top", LOCAL_OK,
	    "fushui/dongcun/2026/11/photo.jpg");
	resolves("../../files/minutes.pdf", LOCAL_OK,
	    "fushui/dongcun/files/minutes.pdf");
	/* up to the town and into another village: still the content */
	resolves("../../../../fushui/xicun/plan.pdf", LOCAL_OK,
	    "fushui/xicun/plan.pdf");
	resolves("%E4%BC%9A%E8%AE%AE%E8%AE%B0%E5%BD%95.pdf", LOCAL_OK,
	    "fushui/dongcun/2026/11/会议记录.pdf");
	resolves("会议记录.pdf", LOCAL_OK, "fushui/dongcun/2026/11/会议记录.pdf");
	resolves("inside.jpg", LOCAL_OK, "fushui/dongcun/2026/11/inside.jpg");
	resolves("../../../../../secret.pdf", LOCAL_OUTSIDE, NULL);
	resolves("../../../../../content/fushui/xicun/plan.pdf", LOCAL_OUTSIDE,
	    NULL);
	resolves("/etc/passwd", LOCAL_ABSOLUTE, NULL);
	resolves("escape.pdf", LOCAL_LINK_OUTSIDE, NULL);
	resolves("missing.jpg", LOCAL_MISSING, NULL);
	resolves("photo.jpg/x", LOCAL_MISSING, NULL);
	resolves("bad%00.jpg", LOCAL_MISSING, NULL);
	resolves("../../files", LOCAL_NOT_FILE, NULL);
	resolves("../../../..", LOCAL_NOT_FILE, NULL);
	resolves("https://example.gov.cn/a.jpg", LOCAL_NOT_A_PATH, NULL);
	resolves("mailto:cunwu@example.gov.cn", LOCAL_NOT_A_PATH, NULL);
	resolves("tel:09140000000", LOCAL_NOT_A_PATH, NULL);
	resolves("javascript:alert(1)", LOCAL_NOT_A_PATH, NULL);
	resolves("//cdn.example.com/a.jpg", LOCAL_NOT_A_PATH, NULL);
	resolves("#section", LOCAL_NOT_A_PATH, NULL);
	resolves("", LOCAL_NOT_A_PATH, NULL);
}

static void
test_markdown(void)
{
	/* the body begins on line 6 of its file, after the front matter */
	const char *body =
	    "会议情况如下。\n"
	    "\n"
	    "![现场照片](photo.jpg) 见[会议记录](../../files/minutes.pdf)。\n"
	    "- 附件：[方案](missing.pdf)\n"
	    "- 外链：[县政府](https://example.gov.cn/)\n"
	    "\n"
	    "![越界](../../../../../secret.pdf) [绝对](/etc/passwd)\n";
	struct md_links links = {0};

	md_links_collect(body, 6, &links);
	T_INTEQ(links.len, 6, "six links and images");
	if (links.len == 6) {
		T_CHECK(links.items[0].image && links.items[0].line == 8 &&
		    links.items[0].col == 1, "the image at 8:1: %d:%d",
		    links.items[0].line, links.items[0].col);
		T_CHECK(!links.items[1].image && links.items[1].line == 8 &&
		    links.items[1].col == 21,
		    "the link at 8:21, in characters: %d:%d",
		    links.items[1].line, links.items[1].col);
		T_STREQ(links.items[2].url, "missing.pdf", "the list's link");
		T_CHECK(links.items[2].line == 9 && links.items[2].col == 6,
		    "at 9:6: %d:%d", links.items[2].line, links.items[2].col);
	}
	diag_reset();
	size_t errors = check_local_files(content,
	    "fushui/dongcun/2026/11/rec.md", links.items, links.len);
	T_INTEQ(errors, 3, "three errors: missing, outside, absolute");
	size_t n;
	const struct diag *d = diag_sorted(&n);
	T_INTEQ(n, 3, "three diagnostics");
	if (n == 3) {
		T_CHECK(d[0].line == 9 && d[0].col == 6 &&
		    strstr(d[0].message, "no such file") != NULL,
		    "9:6 %s", d[0].message);
		T_CHECK(d[1].line == 12 && d[1].col == 1 &&
		    strstr(d[1].message, "out of the content folder") != NULL,
		    "12:1 %s", d[1].message);
		T_CHECK(d[2].line == 12 && d[2].col == 34 &&
		    strstr(d[2].message, "absolute path") != NULL,
		    "12:%d %s", d[2].col, d[2].message);
		T_STREQ(d[0].path, "fushui/dongcun/2026/11/rec.md",
		    "the record's path");
	}
	diag_reset();
	md_links_free(&links);
}

int
main(void)
{
	snprintf(root, sizeof root, "/tmp/nbfiles.XXXXXX");
	if (mkdtemp(root) == NULL) {
		perror("mkdtemp");
		return 3;
	}
	atexit(cleanup);
	snprintf(content, sizeof content, "%s/content", root);
	put("fushui/dongcun/2026/11/rec.md", "---\n");
	put("fushui/dongcun/2026/11/photo.jpg", "jpeg");
	put("fushui/dongcun/2026/11/会议记录.pdf", "%PDF-");
	put("fushui/dongcun/files/minutes.pdf", "%PDF-");
	put("fushui/xicun/plan.pdf", "%PDF-");
	char *secret = path_join(root, "secret.pdf");
	file_write_atomic(secret, "%PDF-", 5);
	char *escape = path_join(content, "fushui/dongcun/2026/11/escape.pdf");
	char *inside = path_join(content, "fushui/dongcun/2026/11/inside.jpg");
	T_CHECK(symlink(secret, escape) == 0 &&
	    symlink("photo.jpg", inside) == 0, "symbolic links made");
	free(secret);
	free(escape);
	free(inside);
	test_resolve();
	test_markdown();
	return t_done();
}
