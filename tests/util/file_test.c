/* file_test.c: folders made from the deepest missing one up, trees removed
 * by their folders' descriptors without following links, and files read in
 * one call whatever their size. */
#define _GNU_SOURCE
#include "t.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/file.h"

static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

static char *
at(const char *root, const char *rel)
{
	static char path[4096];

	snprintf(path, sizeof path, "%s/%s", root, rel);
	return path;
}

int
main(void)
{
	char root[] = "/tmp/nb-file-test.XXXXXX";
	char outside[] = "/tmp/nb-file-test-out.XXXXXX";
	char *data;
	size_t len;

	if (mkdtemp(root) == NULL || mkdtemp(outside) == NULL) {
		printf("FAIL: cannot make a temporary folder\n");
		return 1;
	}

	/* folders: a deep new one, one there already, odd slashes */
	T_INTEQ(mkdir_p(at(root, "a/b/c/d"), 0755), 0, "deep folder made");
	T_CHECK(path_is_dir(at(root, "a/b/c/d")), "deep folder there");
	T_INTEQ(mkdir_p(at(root, "a/b"), 0755), 0, "existing folder is fine");
	T_INTEQ(mkdir_p(at(root, "x//y/"), 0755), 0, "doubled and trailing "
	    "slashes");
	T_CHECK(path_is_dir(at(root, "x/y")), "folder with odd slashes there");
	put(at(root, "a/file"), "text");
	errno = 0;
	T_INTEQ(mkdir_p(at(root, "a/file"), 0755), -1, "a file is no folder");
	T_INTEQ(errno, ENOTDIR, "ENOTDIR for a file in the way");
	T_INTEQ(mkdir_p(at(root, "a/file/sub/deeper"), 0755), -1,
	    "no folder below a file");

	/* a tree removed whole; a link in it goes, what it points to stays */
	put(at(outside, "keep"), "keep");
	put(at(root, "a/b/c/d/f1"), "1");
	put(at(root, "a/b/f2"), "2");
	T_CHECK(symlink(outside, at(root, "a/b/link")) == 0, "link made");
	T_INTEQ(remove_tree(at(root, "a")), 0, "tree removed");
	T_CHECK(!path_exists(at(root, "a")), "tree gone");
	T_CHECK(path_exists(at(outside, "keep")), "link's target left alone");
	T_INTEQ(remove_tree(at(root, "none")), 0, "a missing tree is removed");
	put(at(root, "plain"), "p");
	T_INTEQ(remove_tree(at(root, "plain")), 0, "a file is removed");
	T_CHECK(!path_exists(at(root, "plain")), "file gone");

	/* files read whole: empty, a few bytes, a power of two's size */
	put(at(root, "empty"), "");
	T_INTEQ(file_read(at(root, "empty"), 1024, &data, &len), 0,
	    "empty file read");
	T_INTEQ(len, 0, "empty file is empty");
	T_STREQ(data, "", "empty file's text");
	free(data);
	put(at(root, "small"), "村务公开");
	T_INTEQ(file_read(at(root, "small"), 1024, &data, &len), 0,
	    "small file read");
	T_STREQ(data, "村务公开", "small file's text");
	free(data);
	struct buf big = {0};
	for (int i = 0; i < 4096; i++)
		buf_putc(&big, (char)('a' + i % 26));
	put(at(root, "big"), big.data);
	T_INTEQ(file_read(at(root, "big"), 1 << 20, &data, &len), 0,
	    "4096-byte file read");
	T_INTEQ(len, 4096, "all of its bytes");
	T_CHECK(data != NULL && memcmp(data, big.data, 4096) == 0 &&
	    data[4096] == '\0', "the same bytes, ended");
	free(data);
	T_INTEQ(file_read(at(root, "big"), 100, &data, &len), -1,
	    "over the limit is refused");
	buf_free(&big);

	remove_tree(root);
	remove_tree(outside);
	return t_done();
}
