/* serve.c: `noticeboard serve`: the private folder, the listening socket,
 * the signals, and the loop that waits for a change of the content, lets
 * a burst of changes settle, rebuilds and so reloads the open pages. */
#include "serve/serve.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "load/load.h"
#include "serve/mhd.h"
#include "serve/state.h"
#include "site/site.h"
#include "util/diag.h"
#include "util/util.h"

/* A save is a burst of events (write, close, rename, an editor's backup):
 * the build waits until the content has been quiet this long, but never
 * longer than the second figure while events keep coming. */
#define SETTLE_MS 15
#define SETTLE_MAX_MS 1000
/* without --port, the ports tried from 8080 on */
#define DEFAULT_PORT 8080
#define PORTS_TRIED 20

/* SIGINT and SIGTERM write a byte here; the loop reads it and stops. */
static int wake_write = -1;

static void
on_stop_signal(int sig)
{
	int saved = errno;
	ssize_t n = write(wake_write, "", 1);

	(void)sig;
	(void)n;
	errno = saved;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool
set_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	return fl >= 0 && fcntl(fd, F_SETFL, fl | O_NONBLOCK) == 0 &&
	    fcntl(fd, F_SETFD, FD_CLOEXEC) == 0;
}

/* A socket listening on address:port. Returns it, or -1 with errno set
 * (EADDRINUSE when the port is taken, EINVAL for an address that is not
 * one). */
static int
listen_on(const char *address, int port)
{
	struct addrinfo hints = {0}, *ai = NULL;
	char service[16];
	int fd = -1, one = 1, saved, gai;

	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(service, sizeof service, "%d", port);
	gai = getaddrinfo(address, service, &hints, &ai);
	if (gai != 0) {
		errno = gai == EAI_SYSTEM ? errno : EINVAL;
		return -1;
	}
	fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
	if (fd < 0)
		goto fail;
	if (!set_flags(fd) ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 64) != 0)
		goto fail;
	freeaddrinfo(ai);
	return fd;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	freeaddrinfo(ai);
	errno = saved;
	return -1;
}

/* The address a browser opens: http://127.0.0.1:8080/, [::1] for IPv6. */
static char *
server_url(int fd, const char *address)
{
	struct sockaddr_storage sa;
	socklen_t len = sizeof sa;
	struct buf url = {0};
	int port = 0;

	if (getsockname(fd, (struct sockaddr *)&sa, &len) == 0) {
		if (sa.ss_family == AF_INET)
			port = ntohs(((struct sockaddr_in *)&sa)->sin_port);
		else if (sa.ss_family == AF_INET6)
			port = ntohs(((struct sockaddr_in6 *)&sa)->sin6_port);
	}
	if (strchr(address, ':') != NULL)
		buf_printf(&url, "http://[%s]:%d/", address, port);
	else
		buf_printf(&url, "http://%s:%d/", address, port);
	return buf_detach(&url);
}

/* Whether an address is this computer's only: 127.x.x.x, ::1, localhost. */
static bool
is_loopback(const char *address)
{
	return strncmp(address, "127.", 4) == 0 || strcmp(address, "::1") == 0 ||
	    strcmp(address, "localhost") == 0;
}

/* The socket: the port asked for, or without --port the first free one
 * from 8080. Returns -1 after saying why. */
static int
open_listener(const struct serve_options *o)
{
	int first = o->port_given ? o->port : DEFAULT_PORT;
	int tries = o->port_given ? 1 : PORTS_TRIED;

	for (int port = first; port < first + tries && port <= 65535; port++) {
		int fd = listen_on(o->listen, port);
		if (fd >= 0)
			return fd;
		if (errno == EADDRINUSE && port + 1 < first + tries)
			continue;
		if (errno == EADDRINUSE)
			diag_system(o->port_given ? "port %d is in use: choose "
			    "another with --port" : "no free port from %d on: "
			    "choose one with --port", first);
		else if (errno == EINVAL)
			diag_system("cannot listen on '%s': give an IP address "
			    "such as 127.0.0.1 with --listen", o->listen);
		else
			diag_system("cannot listen on %s port %d: %s", o->listen,
			    port, strerror(errno));
		return -1;
	}
	diag_system("no free port from %d on: choose one with --port", first);
	return -1;
}

/* The private folder the preview is built in: TMPDIR's, removed at the
 * end. Fills st's paths; false after saying why. */
static bool
make_private_folder(struct serve_state *st, char **tmp)
{
	const char *base = getenv("TMPDIR");
	char resolved[PATH_MAX];

	if (base == NULL || *base == '\0')
		base = "/tmp";
	*tmp = path_join(base, "noticeboard-serve.XXXXXX");
	if (mkdtemp(*tmp) == NULL) {
		diag_system("cannot make a folder in '%s' for the preview: %s",
		    base, strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return false;
	}
	/* resolved, so that served paths can be compared with it */
	if (realpath(*tmp, resolved) == NULL) {
		diag_system("cannot make a folder in '%s' for the preview: %s",
		    base, strerror(errno));
		return false;
	}
	st->output = path_join(resolved, "output");
	st->site_root = path_join(st->output, "site");
	st->posters_root = path_join(st->output, "posters");
	return true;
}

/* Memory that stays flat over a day of rebuilds. Each build's worker
 * threads allocate in glibc's arenas of their own, and glibc raises its
 * threshold for mapping large blocks as they are freed, so that a build's
 * large buffers (pages, posters) come to lie in those arenas among small
 * blocks that live on: the server then grew by megabytes an edit (from
 * 160 MB to 300 MB over a hundred edits of the demo county). A fixed
 * threshold keeps large blocks mapped, returned to the system when freed;
 * and after each build what the arenas hold free is handed back. */
#define MMAP_THRESHOLD (256 * 1024)

static void
keep_memory_flat(void)
{
#ifdef __GLIBC__
	(void)mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD);
#endif
}

static void
give_back_memory(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

/* Waits for changes and rebuilds, until a stop signal. */
static int
serve_loop(struct serve_state *st, const struct serve_options *o,
    struct watch *w, int wake_read, struct county_cache *cache)
{
	long long first_event = 0, last_event = 0;
	bool pending = false;

	for (;;) {
		struct pollfd fds[2] = {
			{.fd = wake_read, .events = POLLIN},
			{.fd = watch_fd(w), .events = POLLIN},
		};
		int timeout = -1;
		if (pending) {
			long long now = now_ms();
			long long due = last_event + SETTLE_MS;
			if (due > first_event + SETTLE_MAX_MS)
				due = first_event + SETTLE_MAX_MS;
			timeout = due > now ? (int)(due - now) : 0;
		}
		int n = poll(fds, 2, timeout);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			diag_system("cannot wait for changes: %s", strerror(errno));
			return 3;
		}
		if (fds[0].revents != 0)
			return 0;
		if (fds[1].revents != 0) {
			int changes = watch_drain(w);
			if (changes < 0) {
				diag_system("cannot watch '%s': %s", o->content,
				    strerror(errno));
				return 3;
			}
			if (changes > 0) {
				last_event = now_ms();
				if (!pending)
					first_event = last_event;
				pending = true;
			}
			continue;
		}
		if (pending) {
			pending = false;
			size_t n_hints;
			bool lost;
			char **hints = watch_take_changes(w, &n_hints, &lost);
			rebuild(st, o, cache, lost ? NULL : (const char *const *)hints,
			    n_hints);
			for (size_t i = 0; i < n_hints; i++)
				free(hints[i]);
			free(hints);
			give_back_memory();
		}
	}
}

int
serve_run(const struct serve_options *o)
{
	struct serve_state st;
	struct watch *w = NULL;
	struct http_server *h = NULL;
	struct sigaction sa, old_int, old_term, old_pipe;
	sigset_t stop_signals, old_mask;
	char *tmp = NULL, *url = NULL;
	struct county_cache *cache = NULL;
	int listen_fd = -1, wake[2] = {-1, -1};
	int rc = 3;
	bool handlers = false;
	char why[512];

	state_init(&st);
	/* the web server's library first: the one command that needs it
	 * opens it, and says so when it is not installed */
	if (!mhd_load(why, sizeof why)) {
		diag_system("the preview server needs libmicrohttpd (Debian's "
		    "package libmicrohttpd12), which cannot be loaded: %s", why);
		goto out;
	}
	keep_memory_flat();
	if (!make_private_folder(&st, &tmp))
		goto out;
	listen_fd = open_listener(o);
	if (listen_fd < 0) {
		rc = 2;
		goto out;
	}
	url = server_url(listen_fd, o->listen);
	if (!is_loopback(o->listen))
		fprintf(stderr, _("noticeboard: warning: the preview, drafts "
		    "included, can be opened from other computers at %s\n"), url);
	w = watch_open(o->content);
	if (w == NULL) {
		diag_system("cannot watch '%s' for changes: %s", o->content,
		    strerror(errno));
		goto out;
	}
	if (pipe(wake) != 0 || !set_flags(wake[0]) || !set_flags(wake[1])) {
		diag_system("cannot wait for signals: %s", strerror(errno));
		goto out;
	}
	wake_write = wake[1];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, &old_int) != 0 ||
	    sigaction(SIGTERM, &sa, &old_term) != 0) {
		diag_system("cannot wait for signals: %s", strerror(errno));
		goto out;
	}
	/* a browser that goes away mid-answer must not end the server */
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGPIPE, &sa, &old_pipe) != 0) {
		diag_system("cannot wait for signals: %s", strerror(errno));
		goto out;
	}
	handlers = true;

	/* the first build, before anyone is answered: the socket is open, so
	 * a browser opened early waits for it */
	cache = county_cache_new();
	site_keep_excerpts(true);
	rebuild(&st, o, cache, NULL, 0);

	/* the server's threads start with the stop signals blocked, so that
	 * they reach this thread (and its poll) */
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop_signals, &old_mask);
	h = http_start(&st, listen_fd);
	pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
	if (h == NULL) {
		diag_system("cannot start the web server on %s", o->listen);
		goto out;
	}
	listen_fd = -1;   /* the server's now */

	/* the address alone on stdout, for a browser or a script */
	printf("%s\n", url);
	fflush(stdout);
	fprintf(stderr, _("noticeboard: previewing '%s' at %s; press Ctrl-C to "
	    "stop\n"), o->content, url);
	rc = serve_loop(&st, o, w, wake[0], cache);
out:
	http_stop(h);
	if (handlers) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGTERM, &old_term, NULL);
		sigaction(SIGPIPE, &old_pipe, NULL);
	}
	wake_write = -1;
	for (int i = 0; i < 2; i++)
		if (wake[i] >= 0)
			close(wake[i]);
	if (listen_fd >= 0)
		close(listen_fd);
	watch_close(w);
	if (tmp != NULL && remove_tree(tmp) != 0) {
		diag_system("cannot remove the preview's folder '%s': %s", tmp,
		    strerror(errno));
		if (rc == 0)
			rc = 3;
	}
	free(tmp);
	free(url);
	county_cache_free(cache);
	site_keep_excerpts(false);
	state_free(&st);
	return rc;
}
