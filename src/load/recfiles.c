/* recfiles.c: the photos and attachments a record's body names: each must
 * be a file inside the content folder, an image the site can publish or a
 * PDF; each is read once here, for its hash and (an image) its size. */
#include "load/load.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check/files.h"
#include "load/mdlinks.h"
#include "media/attach.h"
#include "media/image.h"
#include "util/i18n.h"

/* A file larger than either limit is refused by the check below. */
#define RECORD_FILE_READ_LIMIT (MEDIA_MAX_ATTACHMENT > MEDIA_MAX_BYTES ? \
	MEDIA_MAX_ATTACHMENT : MEDIA_MAX_BYTES)

/* Reads the file and checks it is what the link makes of it: a JPEG or PNG
 * for an image, a PDF for an attachment. false after an error. */
static bool
file_load(struct load_ctx *ctx, const struct pos *pos, const char *url,
    struct record_file *f)
{
	char *abs = path_join(ctx->root, f->path), *data = NULL;
	size_t len = 0;
	struct buf err = {0};
	bool ok = false;

	if (file_read(abs, RECORD_FILE_READ_LIMIT, &data, &len) != 0) {
		if (errno == EFBIG)
			diag_error(pos, "'%.80s' is larger than %u MB", url,
			    (f->image ? MEDIA_MAX_BYTES : MEDIA_MAX_ATTACHMENT) >> 20);
		else
			diag_error(pos, "'%.80s' cannot be read: %s", url,
			    strerror(errno));
		goto out;
	}
	f->size = len;
	f->hash = digest_of(data, len);
	if (f->image) {
		struct media_info info;
		if (media_probe(data, len, &info, &err) != 0)
			goto bad;
		f->width = info.width;
		f->height = info.height;
		f->png = info.format == MEDIA_PNG;
		check_photo_print(pos, url, info.width, info.height,
		    &ctx->county->site.poster);
	} else if (media_attachment_check(data, len, &err) != 0) {
		goto bad;
	}
	ok = true;
	goto out;
bad:
	diag_error(pos, "'%.80s': %s", url, err.data ? err.data : "");
out:
	buf_free(&err);
	free(data);
	free(abs);
	return ok;
}

static void
record_files_hash(struct record *r)
{
	struct hasher h;

	if (r->n_files == 0)
		return;
	hasher_init(&h);
	for (size_t i = 0; i < r->n_files; i++) {
		hasher_str(&h, r->files[i].path);
		hasher_digest(&h, &r->files[i].hash);
	}
	r->files_hash = hasher_final(&h);
}

void
record_files_load(struct load_ctx *ctx, struct record *r, const char *body,
    int first_line)
{
	struct md_links links = {0};
	struct record_file *files = NULL;
	size_t n = 0;

	if (ctx->root == NULL)
		return;
	md_links_collect(body, first_line, &links);
	if (links.len == 0)
		goto out;
	check_local_files(ctx->root, r->path, links.items, links.len);
	files = arena_alloc(ctx->arena, links.len * sizeof *files);
	for (size_t i = 0; i < links.len; i++) {
		const struct md_link *l = &links.items[i];
		struct pos pos = {r->path, l->line, l->col};
		char *rel = NULL;
		size_t k;

		if (local_link_resolve(ctx->root, r->path, l->url, &rel) !=
		    LOCAL_OK)
			continue;
		for (k = 0; k < n; k++)
			if (files[k].image == l->image &&
			    strcmp(files[k].url, l->url) == 0)
				break;
		if (k < n) {
			free(rel);
			continue;
		}
		files[n] = (struct record_file){
			.url = arena_strdup(ctx->arena, l->url),
			.path = arena_strdup(ctx->arena, rel),
			.image = l->image,
		};
		free(rel);
		if (file_load(ctx, &pos, l->url, &files[n]))
			n++;
	}
	r->files = files;
	r->n_files = n;
out:
	md_links_free(&links);
	record_files_hash(r);
}
