/* mhd.h: libmicrohttpd, opened when the preview server starts and not
 * before: linked to the program, it and the nine libraries it brings
 * (GnuTLS, nettle, gmp, p11-kit...) were loaded and relocated by every
 * run of every command, a third of a one-chart `noticeboard flow`. The
 * functions http.c calls, by the names libmicrohttpd gives them, less
 * their prefix; its header still gives the types and the constants. */
#ifndef NB_SERVE_MHD_H
#define NB_SERVE_MHD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>

/* The library Debian's libmicrohttpd12 installs. */
#define MHD_SONAME "libmicrohttpd.so.12"

struct mhd_functions {
	struct MHD_Daemon *(*start_daemon)(unsigned int flags, uint16_t port,
	    MHD_AcceptPolicyCallback apc, void *apc_cls,
	    MHD_AccessHandlerCallback dh, void *dh_cls, ...);
	void (*stop_daemon)(struct MHD_Daemon *daemon);
	enum MHD_Result (*queue_response)(struct MHD_Connection *connection,
	    unsigned int status_code, struct MHD_Response *response);
	struct MHD_Response *(*create_response_from_buffer)(size_t size,
	    void *buffer, enum MHD_ResponseMemoryMode mode);
	struct MHD_Response *(*create_response_from_fd)(size_t size, int fd);
	struct MHD_Response *(*create_response_from_callback)(uint64_t size,
	    size_t block_size, MHD_ContentReaderCallback crc, void *crc_cls,
	    MHD_ContentReaderFreeCallback crfc);
	enum MHD_Result (*add_response_header)(struct MHD_Response *response,
	    const char *header, const char *content);
	void (*destroy_response)(struct MHD_Response *response);
};

/* Filled by mhd_load. */
extern struct mhd_functions mhd;

/* Opens the library once (again: nothing): true, or false with what the
 * system said in why (why_size bytes, always terminated). */
bool mhd_load(char *why, size_t why_size);

#endif
