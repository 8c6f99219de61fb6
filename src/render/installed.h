/* installed.h: which installed file fontconfig has for a weight of the
 * family, the one lookup that the font subsets (made from it) and the
 * build's cache keys (which digest it) share, so that both always name the
 * same file when several are installed. */
#ifndef NB_RENDER_INSTALLED_H
#define NB_RENDER_INSTALLED_H

#include <fontconfig/fontconfig.h>
#include <stdbool.h>

/* The installed face of weight (FC_WEIGHT_*) of NB_FONT_FAMILY in config
 * (NULL: the current one): of the files fontconfig lists for it, except
 * the n in skip (the build's subsets, listed beside the installed faces),
 * the one with the smallest name, so that the choice does not hang on the
 * order of fontconfig's list. *file is the caller's to free. false when
 * none is installed. */
bool installed_font(FcConfig *config, int weight, const char *const *skip,
    int n, char **file, int *index);

#endif
