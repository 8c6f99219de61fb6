/* util.h: every helper header of src/util at once, for the files that use
 * many of them; a file that needs one concern may include just that one. */
#ifndef NB_UTIL_UTIL_H
#define NB_UTIL_UTIL_H

#include "util/arena.h"
#include "util/buf.h"
#include "util/distance.h"
#include "util/escape.h"
#include "util/file.h"
#include "util/hash.h"
#include "util/i18n.h"
#include "util/mem.h"
#include "util/textpos.h"
#include "util/utf8.h"

#endif
