/* http.c: the preview's HTTP server, on libmicrohttpd with a thread per
 * connection (an open page holds one for its event stream). It serves
 * GET and HEAD of the built site and posters only: never a path outside
 * them, never a folder's listing, never a file of the content. HTML gets
 * the reload script, the errors' overlay and a draft's band on its way
 * out; the files on disk are the build's, untouched. */
#include "serve/state.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <dirent.h>

#include "serve/mhd.h"

#include "util/util.h"

/* an HTML page larger than this is not one of ours */
#define HTML_LIMIT (64u * 1024 * 1024)
/* seconds between two comments on a quiet event stream, so that a
 * stream whose page was closed is noticed and its thread ends */
#define EVENTS_KEEPALIVE_MS 15000

struct http_server {
	struct MHD_Daemon *daemon;
	struct serve_state *st;
};

/* ---- responses ---- */

static const struct {
	const char *ext;
	const char *type;
} content_types[] = {
	{".html", "text/html; charset=utf-8"},
	{".htm", "text/html; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".pdf", "application/pdf"},
	{".json", "application/json"},
	{".xml", "application/xml"},
	{".txt", "text/plain; charset=utf-8"},
	{".csv", "text/csv; charset=utf-8"},
};

static const char *
content_type(const char *path)
{
	size_t len = strlen(path);

	for (size_t i = 0; i < NB_COUNT(content_types); i++) {
		size_t n = strlen(content_types[i].ext);
		if (len >= n && strcmp(path + len - n, content_types[i].ext) == 0)
			return content_types[i].type;
	}
	return "application/octet-stream";
}

static bool
is_html(const char *type)
{
	return strncmp(type, "text/html", 9) == 0;
}

/* Queues the response with the headers every answer has: nothing is
 * cached (a preview changes under the page) nor sniffed. */
static enum MHD_Result
send_response(struct MHD_Connection *c, unsigned status,
    struct MHD_Response *r, const char *type)
{
	enum MHD_Result ok;

	if (r == NULL)
		return MHD_NO;
	if ((type != NULL && mhd.add_response_header(r,
	    MHD_HTTP_HEADER_CONTENT_TYPE, type) != MHD_YES) ||
	    mhd.add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
	    "no-store") != MHD_YES ||
	    mhd.add_response_header(r, "X-Content-Type-Options", "nosniff") !=
	    MHD_YES) {
		mhd.destroy_response(r);
		return MHD_NO;
	}
	ok = mhd.queue_response(c, status, r);
	mhd.destroy_response(r);
	return ok;
}

/* A response of the bytes of b, which it takes. */
static enum MHD_Result
send_buf(struct MHD_Connection *c, unsigned status, struct buf *b,
    const char *type)
{
	size_t len = b->len;
	char *data = buf_detach(b);
	struct MHD_Response *r = mhd.create_response_from_buffer(len, data,
	    MHD_RESPMEM_MUST_FREE);

	if (r == NULL)
		free(data);
	return send_response(c, status, r, type);
}

static enum MHD_Result
send_text(struct MHD_Connection *c, unsigned status, const char *text)
{
	struct buf b = {0};

	buf_puts(&b, text);
	buf_putc(&b, '\n');
	return send_buf(c, status, &b, "text/plain; charset=utf-8");
}

/* ---- what serving adds to HTML ---- */

/* The reload script: the page knows the build it shows, and reloads when
 * the event stream names another, at once on connecting (a build that
 * finished while the page loaded) or as soon as a build's site is in
 * place. The posters' page knows the posters it shows too, and reloads
 * when they are done ("hello" says "SITE POSTERS"). */
static void
put_reload_script(struct buf *b, const struct state_view *v, bool posters)
{
	buf_printf(b, "<script>/* noticeboard serve */(function(){"
	    "var g=\"%lu\",p=\"%lu\",s=new EventSource(\"" SERVE_EVENTS "\");"
	    "function r(){s.close();location.reload();}"
	    "s.addEventListener(\"hello\",function(e){var d=e.data.split(\" \");"
	    "if(d[0]!==g||(%s&&d[1]!==p))r();});"
	    "s.addEventListener(\"reload\",function(e){if(e.data!==g)r();});",
	    v->generation, v->posters_generation, posters ? "true" : "false");
	if (posters)
		buf_puts(b, "s.addEventListener(\"posters\",function(e){"
		    "if(e.data!==p)r();});");
	buf_puts(b, "})();</script>\n");
}

static void
put_draft_band(struct buf *b)
{
	buf_puts(b, "<div class=\"nb-serve-draft\" style=\"background:#b00;"
	    "color:#fff;text-align:center;padding:.4em;font:bold 18px/1.4 "
	    "sans-serif;letter-spacing:.1em\">");
	buf_puts_escaped(b, _("Draft: shown only in this preview, not "
	    "published"));
	buf_puts(b, "</div>\n");
}

/* The last occurrence of needle in s[0..len), ignoring ASCII case. */
static const char *
find_last_nocase(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;) {
		size_t k = 0;
		while (k < n && (s[i + k] | 0x20) == (needle[k] | 0x20))
			k++;
		if (k == n)
			return s + i;
	}
	return NULL;
}

/* The end of the <body ...> tag, where a draft's band goes; NULL if none. */
static const char *
body_start(const char *s, size_t len)
{
	for (size_t i = 0; i + 5 < len; i++) {
		if (s[i] == '<' && (s[i + 1] | 0x20) == 'b' &&
		    (s[i + 2] | 0x20) == 'o' && (s[i + 3] | 0x20) == 'd' &&
		    (s[i + 4] | 0x20) == 'y' && (s[i + 5] == '>' ||
		    s[i + 5] == ' ' || s[i + 5] == '\n' || s[i + 5] == '\t')) {
			const char *gt = memchr(s + i, '>', len - i);
			return gt ? gt + 1 : NULL;
		}
	}
	return NULL;
}

/* The page as served: a draft's band after <body>, and the overlay of the
 * errors and the reload script before </body> (or at the end). */
static void
put_served_html(struct buf *out, const char *html, size_t len,
    const struct state_view *v, bool posters)
{
	const char *band_at = v->draft ? body_start(html, len) : NULL;
	const char *end_at = find_last_nocase(html, len, "</body");
	size_t head = band_at ? (size_t)(band_at - html) : 0;
	size_t tail = end_at && end_at >= html + head ? (size_t)(end_at - html) :
	    len;

	buf_grow(out, len + 512 + (v->overlay ? strlen(v->overlay) : 0));
	buf_put(out, html, head);
	if (v->draft)
		put_draft_band(out);
	buf_put(out, html + head, tail - head);
	if (v->overlay != NULL)
		buf_puts(out, v->overlay);
	put_reload_script(out, v, posters);
	buf_put(out, html + tail, len - tail);
}

/* A page of the server's own (not found, the posters), with what every
 * served page has. */
static void
put_own_page(struct buf *out, const char *title, const char *body,
    const struct state_view *v, bool posters)
{
	struct buf page = {0};

	buf_printf(&page, "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\""
	    "width=device-width, initial-scale=1\"><title>",
	    i18n_chinese() ? "zh-CN" : "en");
	buf_puts_escaped(&page, title);
	buf_puts(&page, "</title><style>body{font:17px/1.5 sans-serif;"
	    "margin:1.5em;color:#222}figure{display:inline-block;margin:0 1em "
	    "1.5em 0;vertical-align:top}img{width:280px;height:auto;border:1px "
	    "solid #ccc}figcaption{font-size:.9em;color:#555}</style>"
	    "</head>\n<body>\n<h1>");
	buf_puts_escaped(&page, title);
	buf_puts(&page, "</h1>\n");
	buf_puts(&page, body);
	buf_puts(&page, "</body></html>\n");
	put_served_html(out, page.data, page.len, v, posters);
	buf_free(&page);
}

/* ---- paths ---- */

/* A path as an href: every byte but letters, digits, -._~ and / encoded. */
static void
put_url_path(struct buf *b, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL) {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

enum path_verdict {
	PATH_OK,
	PATH_FORBIDDEN,        /* climbs out: ".." */
	PATH_HIDDEN            /* a hidden name: not an output */
};

/* The path of a request (already percent-decoded by libmicrohttpd, so that
 * %2e%2e arrives as ..) judged segment by segment. */
static enum path_verdict
judge_path(const char *rel)
{
	for (const char *seg = rel; *seg != '\0';) {
		size_t len = strcspn(seg, "/");
		if (len == 2 && seg[0] == '.' && seg[1] == '.')
			return PATH_FORBIDDEN;
		if (len > 0 && seg[0] == '.')
			return PATH_HIDDEN;
		if (memchr(seg, '\\', len) != NULL)
			return PATH_FORBIDDEN;
		seg += len;
		if (*seg == '/')
			seg++;
	}
	return PATH_OK;
}

/* Whether resolved (no links left) lies inside root. */
static bool
inside(const char *root, const char *resolved)
{
	size_t n = strlen(root);

	return strncmp(resolved, root, n) == 0 && resolved[n] == '/';
}

/* ---- answers ---- */

static enum MHD_Result
reply_not_found(struct serve_state *st, struct MHD_Connection *c)
{
	struct state_view v;
	struct buf out = {0};
	char *page = NULL, *path = path_join(st->site_root, "404.html");
	size_t len;
	unsigned status = MHD_HTTP_NOT_FOUND;

	state_view(st, NULL, &v);
	if (!v.built) {
		/* nothing was built yet: the overlay says why */
		status = MHD_HTTP_SERVICE_UNAVAILABLE;
		put_own_page(&out, _("The preview is not built yet"), "", &v,
		    false);
	} else if (file_read(path, HTML_LIMIT, &page, &len) == 0) {
		put_served_html(&out, page, len, &v, false);
	} else {
		put_own_page(&out, _("Not found"), "", &v, false);
	}
	free(page);
	free(path);
	free(v.overlay);
	return send_buf(c, status, &out, "text/html; charset=utf-8");
}

/* A file of the site (root: site_root) or of the posters. url is the
 * request's path, for a redirection; rel the file's path inside root. */
static enum MHD_Result
reply_file(struct serve_state *st, struct MHD_Connection *c, const char *url,
    const char *root, const char *rel, bool site)
{
	char resolved[PATH_MAX];
	struct buf full = {0};
	struct stat sb;
	enum MHD_Result ok;
	int fd;

	switch (judge_path(rel)) {
	case PATH_FORBIDDEN:
		return send_text(c, MHD_HTTP_FORBIDDEN, _("Forbidden"));
	case PATH_HIDDEN:
		return reply_not_found(st, c);
	case PATH_OK:
		break;
	}
	buf_printf(&full, "%s/%s", root, rel);
	if (*rel == '\0' || rel[strlen(rel) - 1] == '/')
		buf_puts(&full, "index.html");
	/* links resolved, then the result must still be inside: a link out
	 * of the site is as good as a missing file */
	if (realpath(full.data, resolved) == NULL || !inside(root, resolved) ||
	    stat(resolved, &sb) != 0) {
		buf_free(&full);
		return reply_not_found(st, c);
	}
	buf_free(&full);
	if (S_ISDIR(sb.st_mode)) {
		/* a folder is its index.html, at its own address with a slash,
		 * so that the page's relative links work */
		struct buf to = {0};
		char *index = path_join(resolved, "index.html");
		bool has_index = path_exists(index);
		free(index);
		if (!has_index)
			return reply_not_found(st, c);
		put_url_path(&to, url);
		buf_putc(&to, '/');
		struct MHD_Response *r = mhd.create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT);
		if (r != NULL && mhd.add_response_header(r,
		    MHD_HTTP_HEADER_LOCATION, to.data) != MHD_YES) {
			mhd.destroy_response(r);
			r = NULL;
		}
		buf_free(&to);
		return send_response(c, MHD_HTTP_FOUND, r, NULL);
	}
	if (!S_ISREG(sb.st_mode))
		return reply_not_found(st, c);

	const char *type = content_type(resolved);
	if (is_html(type)) {
		struct state_view v;
		struct buf out = {0};
		char *page;
		size_t len;
		if (file_read(resolved, HTML_LIMIT, &page, &len) != 0)
			return reply_not_found(st, c);
		/* a draft's band: site_root/<path> is the page's path */
		state_view(st, site ? resolved + strlen(root) + 1 : NULL, &v);
		put_served_html(&out, page, len, &v, false);
		free(page);
		free(v.overlay);
		return send_buf(c, MHD_HTTP_OK, &out, type);
	}
	fd = open(resolved, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return reply_not_found(st, c);
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return reply_not_found(st, c);
	}
	/* libmicrohttpd closes fd with the response */
	struct MHD_Response *r = mhd.create_response_from_fd(
	    (uint64_t)sb.st_size, fd);
	if (r == NULL) {
		close(fd);
		return MHD_NO;
	}
	ok = send_response(c, MHD_HTTP_OK, r, type);
	return ok;
}

/* ---- the event stream ---- */

struct stream {
	struct serve_state *st;
	unsigned long seen;        /* the generation last sent */
	unsigned long seen_posters;  /* the posters' generation last sent */
	bool greeted;
};

/* Server-Sent Events: "hello" with the generation at once, then "reload"
 * with the new one after every build; a comment when nothing happened for
 * a while; the end when the server stops. */
static ssize_t
stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct stream *s = cls;
	unsigned long generation;
	bool stopping;
	int n;

	(void)pos;
	if (!s->greeted) {
		s->greeted = true;
		n = snprintf(out, max, "retry: 1000\nevent: hello\ndata: %lu %lu"
		    "\n\n", s->seen, s->seen_posters);
	} else {
		unsigned long posters = s->seen_posters;
		generation = state_wait(s->st, s->seen, &posters,
		    EVENTS_KEEPALIVE_MS, &stopping);
		if (stopping)
			return MHD_CONTENT_READER_END_OF_STREAM;
		if (generation != s->seen) {
			s->seen = generation;
			n = snprintf(out, max, "event: reload\ndata: %lu\n\n",
			    generation);
		} else if (posters != s->seen_posters) {
			s->seen_posters = posters;
			n = snprintf(out, max, "event: posters\ndata: %lu\n\n",
			    posters);
		} else {
			n = snprintf(out, max, ": waiting\n\n");
		}
	}
	if (n < 0 || (size_t)n >= max)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	return n;
}

static enum MHD_Result
reply_events(struct serve_state *st, struct MHD_Connection *c)
{
	struct stream *s = xcalloc(1, sizeof *s);
	struct state_view v;
	struct MHD_Response *r;

	state_view(st, NULL, &v);
	free(v.overlay);
	s->st = st;
	s->seen = v.generation;
	s->seen_posters = v.posters_generation;
	r = mhd.create_response_from_callback(MHD_SIZE_UNKNOWN, 1024,
	    stream_read, s, free);
	if (r == NULL) {
		free(s);
		return MHD_NO;
	}
	return send_response(c, MHD_HTTP_OK, r, "text/event-stream");
}

/* ---- the posters of the week ---- */

static int
str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The PNG previews below root/rel, as paths relative to root. */
static void
find_previews(const char *root, const char *rel, struct ptrvec *found)
{
	char *dir = *rel ? path_join(root, rel) : xstrdup(root);
	DIR *d = opendir(dir);
	struct dirent *de;

	free(dir);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char *child = *rel ? path_join(rel, de->d_name) :
		    xstrdup(de->d_name);
		char *abs = path_join(root, child);
		struct stat sb;
		size_t len = strlen(child);
		if (lstat(abs, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			find_previews(root, child, found);
			free(child);
		} else if (len > 4 && strcmp(child + len - 4, ".png") == 0) {
			ptrvec_push(found, child);
		} else {
			free(child);
		}
		free(abs);
	}
	closedir(d);
}

static enum MHD_Result
reply_preview(struct serve_state *st, struct MHD_Connection *c)
{
	struct ptrvec found = {0};
	struct buf body = {0}, out = {0};
	struct state_view v;
	const char *folder = NULL;     /* the folder of the last heading */
	size_t folder_len = 0;

	find_previews(st->posters_root, "", &found);
	if (found.len > 1)
		qsort(found.items, found.len, sizeof *found.items, str_ptr_cmp);
	buf_puts(&body, "<p><a href=\"/\">");
	buf_puts_escaped(&body, _("Back to the site"));
	buf_puts(&body, "</a></p>\n");
	if (found.len == 0) {
		buf_puts(&body, "<p>");
		buf_puts_escaped(&body, _("No posters have been built yet."));
		buf_puts(&body, "</p>\n");
	}
	for (size_t i = 0; i < found.len; i++) {
		const char *png = found.items[i];
		const char *slash = strrchr(png, '/');
		size_t dir_len = slash ? (size_t)(slash - png) : 0;
		/* a heading per folder: the catalog's, each village's */
		if (folder == NULL || folder_len != dir_len ||
		    strncmp(folder, png, dir_len) != 0) {
			folder = png;
			folder_len = dir_len;
			buf_puts(&body, "<h2>");
			buf_put_escaped(&body, png, dir_len);
			buf_puts(&body, "</h2>\n");
		}
		size_t stem = strlen(png) - 4;
		char *pdf = xmalloc(stem + 5);
		memcpy(pdf, png, stem);
		memcpy(pdf + stem, ".pdf", 5);
		char *pdf_abs = path_join(st->posters_root, pdf);
		bool has_pdf = path_exists(pdf_abs);
		buf_puts(&body, "<figure>");
		if (has_pdf) {
			buf_puts(&body, "<a href=\"" SERVE_POSTERS);
			put_url_path(&body, pdf);
			buf_puts(&body, "\">");
		}
		buf_puts(&body, "<img loading=\"lazy\" alt=\"\" src=\"" SERVE_POSTERS);
		put_url_path(&body, png);
		buf_puts(&body, "\">");
		if (has_pdf)
			buf_puts(&body, "</a>");
		buf_puts(&body, "<figcaption>");
		buf_puts_escaped(&body, slash ? slash + 1 : png);
		buf_puts(&body, "</figcaption></figure>\n");
		free(pdf_abs);
		free(pdf);
	}
	state_view(st, NULL, &v);
	put_own_page(&out, _("The posters of this week"), body.data ? body.data :
	    "", &v, true);
	free(v.overlay);
	for (size_t i = 0; i < found.len; i++)
		free(found.items[i]);
	ptrvec_free(&found);
	buf_free(&body);
	return send_buf(c, MHD_HTTP_OK, &out, "text/html; charset=utf-8");
}

/* ---- the server ---- */

static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	static int headers_seen;
	struct serve_state *st = cls;
	size_t prefix = strlen(SERVE_PREFIX);
	bool readable = strcmp(method, MHD_HTTP_METHOD_GET) == 0 ||
	    strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;

	(void)version;
	(void)upload_data;
	(void)upload_data_size;
	/* A GET is answered on the second call: libmicrohttpd closes the
	 * connection after an answer queued on the first, before it knows
	 * that no body follows, and a page's files would each need one. */
	if (readable && *con_cls == NULL) {
		*con_cls = &headers_seen;
		return MHD_YES;
	}
	if (!readable) {
		/* at once, with the body unread: the connection closes */
		struct buf b = {0};
		buf_puts(&b, _("Only GET and HEAD are served here."));
		buf_putc(&b, '\n');
		size_t len = b.len;
		char *data = buf_detach(&b);
		struct MHD_Response *r = mhd.create_response_from_buffer(len,
		    data, MHD_RESPMEM_MUST_FREE);
		if (r == NULL) {
			free(data);
			return MHD_NO;
		}
		if (mhd.add_response_header(r, MHD_HTTP_HEADER_ALLOW,
		    "GET, HEAD") != MHD_YES) {
			mhd.destroy_response(r);
			return MHD_NO;
		}
		return send_response(c, MHD_HTTP_METHOD_NOT_ALLOWED, r,
		    "text/plain; charset=utf-8");
	}
	if (url[0] != '/')
		return reply_not_found(st, c);
	if (strcmp(url, SERVE_EVENTS) == 0)
		return reply_events(st, c);
	if (strcmp(url, SERVE_PREVIEW) == 0)
		return reply_preview(st, c);
	if (strncmp(url, SERVE_POSTERS, strlen(SERVE_POSTERS)) == 0)
		return reply_file(st, c, url, st->posters_root,
		    url + strlen(SERVE_POSTERS), false);
	if (strncmp(url, SERVE_PREFIX, prefix) == 0)
		return reply_not_found(st, c);
	return reply_file(st, c, url, st->site_root, url + 1, true);
}

struct http_server *
http_start(struct serve_state *st, int fd)
{
	struct http_server *h = xcalloc(1, sizeof *h);

	h->st = st;
	h->daemon = mhd.start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO, 0, NULL, NULL,
	    answer, st,
	    MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)256,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)120,
	    MHD_OPTION_END);
	if (h->daemon == NULL) {
		free(h);
		return NULL;
	}
	return h;
}

void
http_stop(struct http_server *h)
{
	if (h == NULL)
		return;
	/* the event streams end first: their threads wait on the state */
	state_stop(h->st);
	mhd.stop_daemon(h->daemon);
	free(h);
}
