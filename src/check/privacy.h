/* privacy.h: finding and masking personal data (rule 5 of the contract):
 * mainland ID numbers, mobile numbers and bank card numbers. */
#ifndef NB_PRIVACY_H
#define NB_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>

enum pii_kind {
	PII_ID,
	PII_MOBILE,
	PII_CARD
};

struct pii_match {
	enum pii_kind kind;
	size_t start;          /* byte offsets in the text, end exclusive */
	size_t end;
	char shown[64];        /* the number as a reader sees it, masked */
	size_t n_shown;
	/* for the masker: the match in the scanner's view of the text */
	size_t first_unit, last_unit, n_digits;
};

/* GB 11643: 17 digits and a MOD 11-2 check character, with a real date of
 * birth; or a legacy 15-digit number with a real date. */
bool pii_id_valid(const char *s, size_t len);
bool pii_luhn_valid(const char *digits, size_t len);

/* Finds personal data in text. Calls found for each match, in order. */
size_t pii_scan(const char *text, size_t len,
    void (*found)(void *ctx, const struct pii_match *m), void *ctx);

/* Masks every match in place: ID numbers keep their first 6 and last 4
 * characters, mobile numbers their first 3 and last 4 digits, cards their
 * last 4; the rest become '*'. Separators are kept. Returns the matches. */
size_t pii_mask(char *text, size_t len);

/* Masks a value declared to be an ID number even when it does not pass the
 * check: every digit but the first 6 and last 4 becomes '*'. Returns true
 * when anything changed. */
bool pii_mask_id_field(char *text, size_t len);

const char *pii_kind_name(enum pii_kind kind);

struct pos;
/* Reports one masked number at pos, showing it masked so the clerk can find
 * it: a warning, or an error when the site asks for errors. */
void privacy_report(bool as_error, const struct pos *pos,
    const struct pii_match *m);

#endif
