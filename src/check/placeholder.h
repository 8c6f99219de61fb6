/* placeholder.h: values left from `noticeboard init` or copied from the
 * manual's examples, which must not reach a poster unnoticed (rule 8). */
#ifndef NB_PLACEHOLDER_H
#define NB_PLACEHOLDER_H

#include <stdbool.h>

/* A phone whose subscriber part is all zeros: at least seven digits, and
 * the last seven are zeros (0000-0000000, 0914-0000000, 13900000000). No
 * real number ends in seven zeros; short service numbers (12345) have
 * fewer digits and are never placeholders. */
bool placeholder_phone(const char *phone);
/* A name holding 某某, the manual's and init's stand-in for a name. In the
 * settings files only: in records, 周某某 is a person masked on purpose. */
bool placeholder_name(const char *name);
/* An address on example.gov.cn (or below it), the one init writes. */
bool placeholder_url(const char *url);

#endif
