/* fonts.c: the text settings of charts and posters, and the faces a build
 * holds while its threads draw (see fonts.h). */
#include "render/fonts.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pthread.h>
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>

#include "render/installed.h"
#include "render/subset.h"
#include "util/i18n.h"
#include "util/utf8.h"

/* two weights, in each of the three ways charts and posters use them,
 * each from the build's two subsets and from the installed font
 * (subset.h) */
#define N_WEIGHTS 2
#define MAX_HELD (3 * N_WEIGHTS * 3)

/* characters beyond the subset of the common characters: one the rare
 * subset draws (GB 2312's second level), one only the installed font
 * has */
static const gunichar beyond_common[] = {0x8bff /* 诿 */, 0x9f98 /* 龘 */};

static PangoFontMap *held_map;
static PangoFont *held[MAX_HELD];
static size_t n_held;

void
fonts_setup_context(PangoContext *ctx)
{
	cairo_font_options_t *opts = cairo_font_options_create();

	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, opts);
	cairo_font_options_destroy(opts);
	pango_cairo_context_set_resolution(ctx, 72.0);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	pango_context_set_base_dir(ctx, PANGO_DIRECTION_LTR);
}

static bool
is_held(const PangoFont *f)
{
	for (size_t i = 0; i < n_held; i++)
		if (held[i] == f)
			return true;
	return false;
}

/* Keeps f (a reference the caller gives), with its cairo scaled font
 * made: pango makes it only when a text is measured or drawn, and keeps it
 * while the font lives. */
static void
hold(PangoFont *f)
{
	if (f == NULL)
		return;
	if (n_held == MAX_HELD) {
		g_object_unref(f);
		return;
	}
	if (PANGO_IS_CAIRO_FONT(f))
		(void)pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(f));
	held[n_held++] = f;
}

/* The regular and the bold font as ctx gives them, each with its cairo
 * scaled font (and so its face) made: pango makes it only when a text is
 * measured or drawn, and keeps it while the font lives. */
static void
hold_weights(PangoContext *ctx)
{
	static const PangoWeight weights[N_WEIGHTS] = {PANGO_WEIGHT_NORMAL,
	    PANGO_WEIGHT_BOLD};

	for (size_t i = 0; i < N_WEIGHTS && n_held < MAX_HELD; i++) {
		PangoFontDescription *d = pango_font_description_new();
		pango_font_description_set_family_static(d, NB_FONT_FAMILY);
		pango_font_description_set_weight(d, weights[i]);
		/* the face is the same at every size (fontconfig's rules for
		 * Noto CJK depend on no size; the test checks 5 to 200 pt) */
		pango_font_description_set_absolute_size(d, 12 * PANGO_SCALE);
		PangoFont *f = pango_context_load_font(ctx, d);
		hold(f);
		/* with the subsets, the rare one and the installed font draw
		 * the characters beyond the common one: their faces too */
		if (subset_in_use()) {
			PangoFontset *set = pango_context_load_fontset(ctx, d,
			    pango_context_get_language(ctx));
			for (size_t k = 0; set != NULL && k < sizeof beyond_common /
			    sizeof beyond_common[0]; k++) {
				PangoFont *beyond = pango_fontset_get_font(set,
				    beyond_common[k]);
				if (beyond != NULL && !is_held(beyond))
					hold(beyond);
				else if (beyond != NULL)
					g_object_unref(beyond);
			}
			if (set != NULL)
				g_object_unref(set);
		}
		pango_font_description_free(d);
	}
}

static cairo_status_t
discard(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

/* The two weights in a context of their own, set up as charts and posters
 * set theirs up; with a surface (which it destroys), once the context has
 * taken the surface's own font options too, as a chart's drawing context
 * does: they may give other faces. */
static void
hold_in_context(cairo_surface_t *s)
{
	PangoContext *ctx = pango_font_map_create_context(held_map);

	fonts_setup_context(ctx);
	if (s != NULL) {
		cairo_t *cr = cairo_create(s);
		pango_cairo_update_context(cr, ctx);
		cairo_destroy(cr);
		cairo_surface_destroy(s);
	}
	hold_weights(ctx);
	g_object_unref(ctx);
}

/* ---- the glyph cache kept from being trimmed (fonts.h) ---- */

enum keep_state { KEEP_NONE, KEEP_STARTING, KEEP_HELD, KEEP_LET_GO, KEEP_DONE };

static pthread_mutex_t keep_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t keep_cond = PTHREAD_COND_INITIALIZER;
static enum keep_state keep_state;
static pthread_t keeper;

static void
keep_set(enum keep_state state)
{
	pthread_mutex_lock(&keep_lock);
	keep_state = state;
	pthread_cond_broadcast(&keep_cond);
	pthread_mutex_unlock(&keep_lock);
}

/* The one glyph of the keeper's font: while cairo waits for it, the font's
 * page of glyphs is new and the cache frozen; it is finished when
 * fonts_release lets go. */
static cairo_status_t
keep_glyph(cairo_scaled_font_t *sf, unsigned long glyph, cairo_t *cr,
    cairo_text_extents_t *extents)
{
	(void)sf;
	(void)glyph;
	(void)cr;
	(void)extents;
	pthread_mutex_lock(&keep_lock);
	keep_state = KEEP_HELD;
	pthread_cond_broadcast(&keep_cond);
	while (keep_state != KEEP_LET_GO)
		pthread_cond_wait(&keep_cond, &keep_lock);
	pthread_mutex_unlock(&keep_lock);
	return CAIRO_STATUS_SUCCESS;
}

static void *
keeper_main(void *arg)
{
	cairo_font_face_t *face = cairo_user_font_face_create();
	cairo_font_options_t *opts = cairo_font_options_create();
	cairo_matrix_t unit;
	cairo_glyph_t g = {1, 0, 0};
	cairo_text_extents_t ext;

	(void)arg;
	cairo_user_font_face_set_render_glyph_func(face, keep_glyph);
	cairo_matrix_init_identity(&unit);
	cairo_scaled_font_t *sf = cairo_scaled_font_create(face, &unit, &unit,
	    opts);
	/* returns once fonts_release lets go (or at once on an error, when
	 * the glyph is not made: fonts_hold then goes on without) */
	cairo_scaled_font_glyph_extents(sf, &g, 1, &ext);
	cairo_scaled_font_destroy(sf);
	cairo_font_options_destroy(opts);
	cairo_font_face_destroy(face);
	keep_set(KEEP_DONE);
	return NULL;
}

static void
keep_cache(void)
{
	keep_set(KEEP_STARTING);
	if (pthread_create(&keeper, NULL, keeper_main, NULL) != 0) {
		keep_set(KEEP_NONE);
		return;
	}
	pthread_mutex_lock(&keep_lock);
	while (keep_state == KEEP_STARTING)
		pthread_cond_wait(&keep_cond, &keep_lock);
	pthread_mutex_unlock(&keep_lock);
}

static void
let_cache_go(void)
{
	pthread_mutex_lock(&keep_lock);
	bool started = keep_state != KEEP_NONE;
	if (keep_state == KEEP_HELD) {
		keep_state = KEEP_LET_GO;
		pthread_cond_broadcast(&keep_cond);
	}
	pthread_mutex_unlock(&keep_lock);
	if (started)
		pthread_join(keeper, NULL);
	keep_state = KEEP_NONE;
}

bool
fonts_cache_kept(void)
{
	pthread_mutex_lock(&keep_lock);
	bool kept = keep_state == KEEP_HELD;
	pthread_mutex_unlock(&keep_lock);
	return kept;
}

void
fonts_hold(void)
{
	if (held_map != NULL)
		return;
	keep_cache();
	held_map = pango_cairo_font_map_new();
	/* as posters and charts measure, and as posters draw */
	hold_in_context(NULL);
	/* as charts draw, on a PDF page and on an image */
	hold_in_context(cairo_pdf_surface_create_for_stream(discard, NULL, 10,
	    10));
	hold_in_context(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1));
}

void
fonts_release(void)
{
	let_cache_go();
	for (size_t i = 0; i < n_held; i++)
		g_object_unref(held[i]);
	n_held = 0;
	if (held_map != NULL)
		g_object_unref(held_map);
	held_map = NULL;
}

size_t
fonts_held_faces(cairo_font_face_t **out, size_t max)
{
	cairo_font_face_t *seen[MAX_HELD];
	size_t n = 0;

	for (size_t i = 0; i < n_held; i++) {
		cairo_scaled_font_t *sf = PANGO_IS_CAIRO_FONT(held[i]) ?
		    pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(held[i])) :
		    NULL;
		cairo_font_face_t *face = sf ? cairo_scaled_font_get_font_face(sf) :
		    NULL;
		size_t k = 0;
		while (k < n && seen[k] != face)
			k++;
		if (face == NULL || k < n)
			continue;
		if (n < max)
			out[n] = face;
		seen[n++] = face;
	}
	return n;
}

/* The configuration fonts_use_plain_config makes: the folders and caches
 * Debian's fonts.conf names, nothing else. */
static const char plain_config[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n"
    "<fontconfig>\n"
    "<dir>/usr/share/fonts</dir>\n"
    "<dir>/usr/local/share/fonts</dir>\n"
    "<dir prefix=\"xdg\">fonts</dir>\n"
    "<dir>~/.fonts</dir>\n"
    "<cachedir>/var/cache/fontconfig</cachedir>\n"
    "<cachedir prefix=\"xdg\">fontconfig</cachedir>\n"
    "<cachedir>~/.fontconfig</cachedir>\n"
    "</fontconfig>\n";

/* Whether config gives the family itself, in this weight, for text of
 * the family (not a substitute), and it has every character of text (UTF-8,
 * NULL for none): one it lacks would be drawn from a fallback font, which
 * the system's configuration chooses by rules the plain one has not. */
static bool
config_has_family(FcConfig *config, int weight, const char *text)
{
	FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString,
	    (const FcChar8 *)NB_FONT_FAMILY, FC_WEIGHT, FcTypeInteger, weight,
	    (char *)NULL);
	FcPattern *match = NULL;
	FcResult res;
	FcChar8 *family = NULL;
	FcCharSet *cs = NULL;
	bool ok = false;

	if (pat == NULL)
		return false;
	if (FcConfigSubstitute(config, pat, FcMatchPattern)) {
		FcDefaultSubstitute(pat);
		match = FcFontMatch(config, pat, &res);
	}
	for (int i = 0; match != NULL && !ok && FcPatternGetString(match,
	    FC_FAMILY, i, &family) == FcResultMatch; i++)
		ok = strcasecmp((const char *)family, NB_FONT_FAMILY) == 0;
	if (ok && text != NULL) {
		size_t len = strlen(text), at = 0;
		ok = FcPatternGetCharSet(match, FC_CHARSET, 0, &cs) ==
		    FcResultMatch;
		while (ok && at < len) {
			uint32_t cp;
			at += (size_t)utf8_decode(text + at, len - at, &cp);
			ok = cp < 0x21 || FcCharSetHasChar(cs, cp);
		}
	}
	if (match != NULL)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
	return ok;
}

bool
fonts_use_plain_config(const char *text)
{
	/* a configuration the user names is the one to use */
	if (getenv("FONTCONFIG_FILE") != NULL ||
	    getenv("FONTCONFIG_PATH") != NULL)
		return false;
	FcConfig *config = FcConfigCreate();
	bool ok = config != NULL &&
	    FcConfigParseAndLoadFromMemory(config,
	    (const FcChar8 *)plain_config, FcFalse) &&
	    FcConfigBuildFonts(config) &&
	    config_has_family(config, FC_WEIGHT_REGULAR, text) &&
	    config_has_family(config, FC_WEIGHT_BOLD, text);

	if (ok)
		ok = FcConfigSetCurrent(config);
	if (config != NULL)
		FcConfigDestroy(config);
	return ok;
}

/* The installed font file of a weight (installed.h: the one the subsets
 * are made from), with h not NULL into the digest: its name, face, size
 * and time. */
static bool
font_file(FcConfig *config, int weight, struct hasher *h, struct buf *err)
{
	int n, index;
	const char *const *skip = subset_files(&n);
	char *file;
	bool ok = installed_font(config, weight, skip, n, &file, &index);

	if (ok && h != NULL) {
		struct stat st;
		hasher_str(h, file);
		hasher_u64(h, (uint64_t)index);
		if (stat(file, &st) == 0) {
			hasher_u64(h, (uint64_t)st.st_size);
			hasher_u64(h, (uint64_t)st.st_mtime);
		}
	}
	if (!ok)
		buf_printf(err, _("the font \"Noto Sans CJK SC\" (%s) is not "
		    "installed; on Debian install the package fonts-noto-cjk"),
		    weight == FC_WEIGHT_BOLD ? "bold" : "regular");
	free(file);
	return ok;
}

bool
fonts_key(struct hasher *h, struct buf *err)
{
	if (!FcInit()) {
		buf_printf(err, _("fontconfig could not be initialised"));
		return false;
	}
	if (!font_file(NULL, FC_WEIGHT_REGULAR, h, err) ||
	    !font_file(NULL, FC_WEIGHT_BOLD, h, err))
		return false;
	if (h != NULL)
		subset_key(h);
	return true;
}

