/* mhd.c: libmicrohttpd opened by its soname when the preview server
 * starts (see mhd.h). */
#include "serve/mhd.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

struct mhd_functions mhd;

static const struct {
	const char *name;
	size_t offset;
} symbols[] = {
	{"MHD_start_daemon", offsetof(struct mhd_functions, start_daemon)},
	{"MHD_stop_daemon", offsetof(struct mhd_functions, stop_daemon)},
	{"MHD_queue_response", offsetof(struct mhd_functions, queue_response)},
	{"MHD_create_response_from_buffer", offsetof(struct mhd_functions,
	    create_response_from_buffer)},
	{"MHD_create_response_from_fd", offsetof(struct mhd_functions,
	    create_response_from_fd)},
	{"MHD_create_response_from_callback", offsetof(struct mhd_functions,
	    create_response_from_callback)},
	{"MHD_add_response_header", offsetof(struct mhd_functions,
	    add_response_header)},
	{"MHD_destroy_response", offsetof(struct mhd_functions,
	    destroy_response)},
};

bool
mhd_load(char *why, size_t why_size)
{
	/* the serve command's main thread alone calls it, before the
	 * server's threads start */
	static void *library;
	struct mhd_functions got;
	void *lib;

	if (library != NULL)
		return true;
	lib = dlopen(MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL) {
		const char *err = dlerror();
		snprintf(why, why_size, "%s", err != NULL ? err : MHD_SONAME);
		return false;
	}
	_Static_assert(sizeof(void (*)(void)) == sizeof(void *),
	    "a function pointer held in a data pointer");
	for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
		void *sym = dlsym(lib, symbols[i].name);
		if (sym == NULL) {
			snprintf(why, why_size, "%s: %s", MHD_SONAME,
			    symbols[i].name);
			dlclose(lib);
			return false;
		}
		/* POSIX: a function's address as dlsym gives it, copied into
		 * the pointer of that function's type */
		memcpy((char *)&got + symbols[i].offset, &sym, sizeof sym);
	}
	mhd = got;
	library = lib;
	return true;
}
