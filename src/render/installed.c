/* installed.c: the installed file of a weight of the family (see
 * installed.h). */
#include "render/installed.h"

#include <stdlib.h>
#include <string.h>

#include "render/fonts.h"
#include "util/util.h"

static bool
skipped(const char *file, const char *const *skip, int n)
{
	for (int i = 0; i < n; i++)
		if (skip[i] != NULL && strcmp(skip[i], file) == 0)
			return true;
	return false;
}

bool
installed_font(FcConfig *config, int weight, const char *const *skip,
    int n, char **file, int *index)
{
	FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString,
	    (const FcChar8 *)NB_FONT_FAMILY, FC_WEIGHT, FcTypeInteger, weight,
	    (char *)NULL);
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, (char *)NULL);
	FcFontSet *set = pat && os ? FcFontList(config, pat, os) : NULL;

	*file = NULL;
	*index = 0;
	for (int i = 0; set != NULL && i < set->nfont; i++) {
		FcChar8 *f = NULL;
		int at = 0;
		if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &f) !=
		    FcResultMatch || FcPatternGetInteger(set->fonts[i],
		    FC_INDEX, 0, &at) != FcResultMatch ||
		    skipped((const char *)f, skip, n))
			continue;
		if (*file == NULL || strcmp((const char *)f, *file) < 0) {
			free(*file);
			*file = xstrdup((const char *)f);
			*index = at;
		}
	}
	if (set)
		FcFontSetDestroy(set);
	if (os)
		FcObjectSetDestroy(os);
	if (pat)
		FcPatternDestroy(pat);
	return *file != NULL;
}
