/* i18n.h: the language of messages. Chinese by default, through GNU
 * gettext (po/zh_CN.po); English when the user's environment asks for it.
 *
 * The rule: the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is
 * set and not empty decides. A value beginning "en" (en, en_US.UTF-8,
 * en_GB:en ...) gives English; anything else, or none (a fresh Debian or a
 * container has only C.UTF-8), gives Chinese. Only LC_MESSAGES is taken
 * from the environment: numbers are always written the C way. */
#ifndef NB_UTIL_I18N_H
#define NB_UTIL_I18N_H

#include <libintl.h>

#define NB_TEXT_DOMAIN "noticeboard"

/* A message to translate where it is used, and one only marked for
 * xgettext (a table of strings; translate it with _() when printed). */
#define _(s) dgettext(NB_TEXT_DOMAIN, s)
#define N_(s) (s)
/* The singular or the plural, by n (Chinese has one form). */
#define NG_(s, p, n) dngettext(NB_TEXT_DOMAIN, s, p, n)

/* Sets the locale and finds the catalogue: NOTICEBOARD_LOCALEDIR, else
 * PREFIX/share/locale beside an installed program, else build/locale of
 * the source tree the program was built in. Call it first in main;
 * without it (the unit tests) messages stay English. */
void i18n_init(void);

/* The catalogue was found and Chinese is in use. */
int i18n_chinese(void);

#endif
