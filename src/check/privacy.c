/* privacy.c: detection of ID, mobile and bank card numbers in free text.
 * Numbers are found as chains of digit groups joined by single spaces or
 * hyphens ("6222 0200 1234 5678", "138-1234-5678"), so that the usual ways
 * of writing them are caught, not only unbroken runs of digits. */
#include "check/privacy.h"

#include <stdlib.h>
#include <string.h>

#include "util/diag.h"
#include "util/util.h"
#include "model/model.h"

#define MAX_DIGITS 24

struct group {
	size_t start;          /* bytes */
	size_t end;
	size_t n_digits;
};

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_x(char c)
{
	return c == 'X' || c == 'x';
}

bool
pii_luhn_valid(const char *digits, size_t len)
{
	int sum = 0;
	bool twice = false;

	for (size_t i = len; i-- > 0;) {
		int d = digits[i] - '0';
		if (twice) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
		twice = !twice;
	}
	return len > 0 && sum % 10 == 0;
}

static int
num(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool
pii_id_valid(const char *s, size_t len)
{
	static const int weights[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
	};
	static const char check[] = "10X98765432";
	int sum = 0;

	if (len == 15) {
		for (size_t i = 0; i < 15; i++)
			if (!is_digit(s[i]))
				return false;
		return s[0] != '0' &&
		    date_valid_ymd(1900 + num(s + 6, 2), num(s + 8, 2),
		    num(s + 10, 2));
	}
	if (len != 18 || s[0] == '0')
		return false;
	for (size_t i = 0; i < 17; i++) {
		if (!is_digit(s[i]))
			return false;
		sum += (s[i] - '0') * weights[i];
	}
	int year = num(s + 6, 4);
	if (year < 1850 || year > 2199 ||
	    !date_valid_ymd(year, num(s + 10, 2), num(s + 12, 2)))
		return false;
	char want = check[sum % 11];
	return s[17] == want || (want == 'X' && s[17] == 'x');
}

static bool
is_mobile(const char *d, size_t n)
{
	return n == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

/* Classifies the joined characters of a chain of groups. */
static bool
classify(const char *d, size_t n, enum pii_kind *kind)
{
	bool all_digits = true;

	for (size_t i = 0; i < n; i++)
		if (!is_digit(d[i]))
			all_digits = false;
	if ((n == 18 || n == 15) && pii_id_valid(d, n)) {
		*kind = PII_ID;
		return true;
	}
	if (!all_digits)
		return false;
	if (n >= 16 && n <= 19 && pii_luhn_valid(d, n)) {
		*kind = PII_CARD;
		return true;
	}
	if (is_mobile(d, n) || (n == 13 && d[0] == '8' && d[1] == '6' &&
	    is_mobile(d + 2, 11))) {
		*kind = PII_MOBILE;
		return true;
	}
	return false;
}

/* Whether the digit at index i (of n) of a match of this kind stays. */
static bool
kept(enum pii_kind kind, size_t i, size_t n)
{
	switch (kind) {
	case PII_ID:
		return i < 6 || i >= n - 4;
	case PII_MOBILE:
		/* a +86 prefix stays as well */
		return i < (n == 13 ? 5 : 3) || i >= n - 4;
	case PII_CARD:
		return i >= n - 4;
	}
	return true;
}

/* Tries runs of whole groups, longest first from each start, and reports
 * the matches. A match has at most MAX_DIGITS characters, so no run needs
 * more than that many groups: the work is linear in the chain's length. */
static size_t
scan_chain(const char *text, const struct group *g, size_t n_groups,
    void (*found)(void *, const struct pii_match *), void *ctx)
{
	size_t count = 0;

	for (size_t i = 0; i < n_groups;) {
		bool matched = false;
		size_t last = n_groups - i > MAX_DIGITS ? i + MAX_DIGITS : n_groups;
		for (size_t j = last; j-- > i;) {
			char d[MAX_DIGITS + 1];
			size_t n = 0;
			bool fits = true;
			for (size_t k = i; k <= j && fits; k++) {
				for (size_t b = g[k].start; b < g[k].end; b++) {
					if (n == MAX_DIGITS) {
						fits = false;
						break;
					}
					d[n++] = text[b];
				}
			}
			/* numbers written in groups use groups of two or more
			 * digits; "1 2 3 ..." is a list, not a number */
			for (size_t k = i; j > i && k <= j && fits; k++)
				if (g[k].n_digits < 2)
					fits = false;
			enum pii_kind kind;
			if (fits && classify(d, n, &kind)) {
				struct pii_match m = {kind, g[i].start, g[j].end};
				found(ctx, &m);
				count++;
				i = j + 1;
				matched = true;
				break;
			}
		}
		if (!matched)
			i++;
	}
	return count;
}

size_t
pii_scan(const char *text, size_t len,
    void (*found)(void *, const struct pii_match *), void *ctx)
{
	struct group *g = NULL;
	size_t n_groups = 0, cap = 0, count = 0, i = 0;

	while (i < len) {
		if (!is_digit(text[i])) {
			i++;
			continue;
		}
		/* a chain: digit groups joined by single spaces or hyphens */
		n_groups = 0;
		for (;;) {
			size_t start = i, so_far = 0;
			while (i < len && is_digit(text[i]))
				i++;
			/* the check character of an ID number */
			for (size_t k = n_groups; k-- > 0 && so_far < 18;)
				so_far += g[k].n_digits;
			so_far += i - start;
			if (i < len && is_x(text[i]) && so_far == 17)
				i++;
			if (n_groups == cap) {
				cap = cap ? cap * 2 : 16;
				g = xrealloc(g, cap * sizeof *g);
			}
			g[n_groups].start = start;
			g[n_groups].end = i;
			g[n_groups].n_digits = i - start;
			n_groups++;
			if (i + 1 < len && (text[i] == ' ' || text[i] == '-') &&
			    is_digit(text[i + 1])) {
				i++;
				continue;
			}
			break;
		}
		count += scan_chain(text, g, n_groups, found, ctx);
	}
	free(g);
	return count;
}

static void
mask_one(void *ctx, const struct pii_match *m)
{
	char *text = ctx;
	size_t n = 0, i = 0;

	for (size_t b = m->start; b < m->end; b++)
		if (is_digit(text[b]) || is_x(text[b]))
			n++;
	for (size_t b = m->start; b < m->end; b++) {
		if (!is_digit(text[b]) && !is_x(text[b]))
			continue;
		if (!kept(m->kind, i, n))
			text[b] = '*';
		i++;
	}
}

size_t
pii_mask(char *text, size_t len)
{
	return pii_scan(text, len, mask_one, text);
}

bool
pii_mask_id_field(char *text, size_t len)
{
	size_t n = 0, i = 0;
	bool changed = false;

	for (size_t b = 0; b < len; b++)
		if (is_digit(text[b]) || is_x(text[b]) || text[b] == '*')
			n++;
	for (size_t b = 0; b < len; b++) {
		if (!is_digit(text[b]) && !is_x(text[b]) && text[b] != '*')
			continue;
		if (!(i < 6 || i + 4 >= n) && text[b] != '*') {
			text[b] = '*';
			changed = true;
		}
		i++;
	}
	return changed;
}

const char *
pii_kind_name(enum pii_kind kind)
{
	switch (kind) {
	case PII_ID: return "an ID number";
	case PII_MOBILE: return "a mobile number";
	case PII_CARD: return "a bank card number";
	}
	return "personal data";
}

void
privacy_report(bool as_error, const struct pos *pos, enum pii_kind kind,
    const char *found, size_t len)
{
	char shown[64];
	size_t n = len < sizeof shown - 1 ? len : sizeof shown - 1;
	struct pii_match m = {kind, 0, n};

	memcpy(shown, found, n);
	shown[n] = '\0';
	mask_one(shown, &m);
	if (as_error)
		diag_error(pos, "personal data: %s (%s) must not be published; "
		    "remove it or mask it", pii_kind_name(kind), shown);
	else
		diag_warning(pos, "personal data: %s was masked as %s; "
		    "better remove it from the file", pii_kind_name(kind), shown);
}
