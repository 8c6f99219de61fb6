/* privacy.c: detection of ID, mobile and bank card numbers in free text.
 * The text is read as a reader sees it (full-width digits, character
 * references, emphasis inside a number and a line break inside a paragraph
 * all give the digits they show), and numbers are found as chains of digit
 * groups joined by single separators ("6222 0200 1234 5678",
 * "138-1234-5678", "+86 139 1234 5678"), not only unbroken runs of
 * digits. Masking keeps every character's length, so the text keeps its
 * shape: a full-width digit becomes ＊, a reference &#42;. */
#include "check/privacy.h"
#include "util/i18n.h"

#include <stdint.h>
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
	    is_mobile(d + 2, 11)) || (n == 15 && memcmp(d, "0086", 4) == 0 &&
	    is_mobile(d + 4, 11))) {
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
		/* a +86 or 0086 prefix stays as well */
		return i < (n == 13 ? 5 : n == 15 ? 7 : 3) || i >= n - 4;
	case PII_CARD:
		return i >= n - 4;
	}
	return true;
}

/* ---- the text as a reader sees it ---- */

/* Each character of the view stands for some bytes of the source: a digit
 * written as an ASCII digit, a full-width digit (１), or a character
 * reference (&#56; &#x38;); a separator (' ' or '-') for a space, a hyphen,
 * their full-width forms or a line break inside a paragraph; 'a' for
 * anything else. Emphasis markers between two digits (139**1234**5678)
 * stand for nothing: a reader sees the digits joined. */
struct unit {
	uint32_t start;
	uint32_t end;
};

struct view {
	char *c;
	struct unit *u;
	size_t n;
};

static void
view_put(struct view *v, char c, size_t start, size_t end)
{
	v->c[v->n] = c;
	v->u[v->n].start = (uint32_t)start;
	v->u[v->n].end = (uint32_t)end;
	v->n++;
}

/* A digit at p, in any of its written forms: its value in *d and its
 * length in bytes, or 0. */
static size_t
digit_at(const char *p, size_t left, char *d)
{
	const unsigned char *u = (const unsigned char *)p;

	if (left >= 1 && is_digit(p[0])) {
		*d = p[0];
		return 1;
	}
	if (left >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 &&
	    u[2] <= 0x99) {
		*d = (char)('0' + (u[2] - 0x90));
		return 3;
	}
	if (left >= 4 && p[0] == '&' && p[1] == '#') {
		size_t i = 2;
		unsigned long cp = 0;
		bool hex = p[2] == 'x' || p[2] == 'X';
		if (hex)
			i++;
		size_t first = i;
		for (; i < left && i - first < 8; i++) {
			int c = (unsigned char)p[i], v;
			if (c >= '0' && c <= '9')
				v = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				v = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				v = c - 'A' + 10;
			else
				break;
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
		}
		if (i == first || i >= left || p[i] != ';')
			return 0;
		if (cp >= '0' && cp <= '9')
			*d = (char)cp;
		else if (cp >= 0xFF10 && cp <= 0xFF19)
			*d = (char)('0' + (cp - 0xFF10));
		else
			return 0;
		return i + 1;
	}
	return 0;
}

/* The length of a UTF-8 sequence starting with byte b (1 for a stray one). */
static size_t
seq_len(unsigned char b)
{
	return b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
}

static bool
view_last_digit(const struct view *v)
{
	return v->n > 0 && (is_digit(v->c[v->n - 1]) || is_x(v->c[v->n - 1]));
}

static void
view_build(const char *text, size_t len, struct view *v)
{
	size_t i = 0;
	char d;

	v->c = xmalloc(len + 1);
	v->u = xmalloc((len + 1) * sizeof *v->u);
	v->n = 0;
	while (i < len) {
		const unsigned char *u = (const unsigned char *)text + i;
		size_t k = digit_at(text + i, len - i, &d);
		if (k > 0) {
			view_put(v, d, i, i + k);
			i += k;
			continue;
		}
		if (text[i] == 'X' || text[i] == 'x') {
			view_put(v, text[i], i, i + 1);
			i++;
			continue;
		}
		/* emphasis markers between digits: nothing to a reader */
		if (text[i] == '*' || text[i] == '_' || text[i] == '~') {
			size_t j = i;
			while (j < len && (text[j] == '*' || text[j] == '_' ||
			    text[j] == '~'))
				j++;
			if (view_last_digit(v) && j < len &&
			    digit_at(text + j, len - j, &d) > 0) {
				i = j;
				continue;
			}
			view_put(v, 'a', i, j);
			i = j;
			continue;
		}
		/* spaces and one line break between digits: a separator */
		if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
		    text[i] == '\r' || (u[0] == 0xE3 && len - i >= 3 &&
		    u[1] == 0x80 && u[2] == 0x80)) {
			size_t j = i, breaks = 0;
			while (j < len) {
				if (text[j] == ' ' || text[j] == '\t' ||
				    text[j] == '\r')
					j++;
				else if (text[j] == '\n' && breaks == 0)
					j++, breaks++;
				else if (len - j >= 3 && (unsigned char)text[j] ==
				    0xE3 && (unsigned char)text[j + 1] == 0x80 &&
				    (unsigned char)text[j + 2] == 0x80)
					j += 3;
				else
					break;
			}
			bool joins = j - i <= 12 && view_last_digit(v) &&
			    j < len && digit_at(text + j, len - j, &d) > 0;
			view_put(v, joins ? ' ' : 'a', i, j);
			i = j;
			continue;
		}
		if (text[i] == '-') {
			view_put(v, '-', i, i + 1);
			i++;
			continue;
		}
		/* full-width hyphen-minus and the dashes */
		if (len - i >= 3 && ((u[0] == 0xEF && u[1] == 0xBC &&
		    u[2] == 0x8D) || (u[0] == 0xE2 && u[1] == 0x80 &&
		    u[2] >= 0x90 && u[2] <= 0x94))) {
			view_put(v, '-', i, i + 3);
			i += 3;
			continue;
		}
		k = seq_len(u[0]);
		if (k > len - i)
			k = len - i;
		view_put(v, 'a', i, i + k);
		i += k;
	}
	v->c[v->n] = '\0';
}

static void
view_free(struct view *v)
{
	free(v->c);
	free(v->u);
}

/* ---- matching ---- */

struct scan {
	const char *text;
	const struct view *v;
	void (*found)(void *, const struct pii_match *);
	void *ctx;
};

static void
report(struct scan *sc, enum pii_kind kind, size_t first, size_t last)
{
	const struct view *v = sc->v;
	struct pii_match m = {.kind = kind, .start = v->u[first].start,
	    .end = v->u[last].end};
	size_t digits = 0, i = 0;

	for (size_t k = first; k <= last; k++)
		digits += is_digit(v->c[k]) || is_x(v->c[k]);
	/* what the reader sees, masked: the message shows it */
	for (size_t k = first; k <= last && m.n_shown + 1 < sizeof m.shown;
	    k++) {
		char c = v->c[k];
		if (is_digit(c) || is_x(c)) {
			m.shown[m.n_shown++] = kept(kind, i, digits) ? c : '*';
			i++;
		} else {
			m.shown[m.n_shown++] = c;
		}
	}
	m.shown[m.n_shown] = '\0';
	m.first_unit = first;
	m.last_unit = last;
	m.n_digits = digits;
	sc->found(sc->ctx, &m);
}

/* Tries runs of whole groups, longest first from each start, and reports
 * the matches. A match has at most MAX_DIGITS characters, so no run needs
 * more than that many groups: the work is linear in the chain's length. */
static size_t
scan_chain(struct scan *sc, const struct group *g, size_t n_groups)
{
	const char *text = sc->v->c;
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
				report(sc, kind, g[i].start, g[j].end - 1);
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

static size_t
scan_view(struct scan *sc)
{
	const char *text = sc->v->c;
	size_t len = sc->v->n;
	struct group *g = NULL;
	size_t n_groups = 0, cap = 0, count = 0, i = 0;

	while (i < len) {
		if (!is_digit(text[i])) {
			i++;
			continue;
		}
		/* a chain: digit groups joined by single separators */
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
		count += scan_chain(sc, g, n_groups);
	}
	free(g);
	return count;
}

/* Whether a text can hold a number at all: most texts have no digit. */
static bool
may_hold_digits(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if ((c >= '0' && c <= '9') || c == 0xEF)
			return true;
	}
	return false;
}

size_t
pii_scan(const char *text, size_t len,
    void (*found)(void *, const struct pii_match *), void *ctx)
{
	struct view v;
	size_t count;

	if (!may_hold_digits(text, len))
		return 0;
	view_build(text, len, &v);
	struct scan sc = {text, &v, found, ctx};
	count = scan_view(&sc);
	view_free(&v);
	return count;
}

/* ---- masking in place, each character keeping its length ---- */

struct masking {
	char *text;
	const struct view *v;
};

static void
mask_unit(char *text, struct unit u)
{
	size_t len = u.end - u.start;
	char *p = text + u.start;

	if (len == 1) {
		*p = '*';
	} else if (len == 3 && (unsigned char)p[0] == 0xEF) {
		memcpy(p, "\xEF\xBC\x8A", 3);          /* ＊ */
	} else if (len >= 5 && p[0] == '&' && p[1] == '#') {
		/* a reference stays one, to '*', as long as it was */
		bool hex = p[2] == 'x' || p[2] == 'X';
		size_t digits = len - 3 - hex;
		const char *code = hex ? "2a" : "42";
		memset(p + 2 + hex, '0', digits);
		memcpy(p + 2 + hex + digits - 2, code, 2);
	}
}

static void
mask_found(void *ctx, const struct pii_match *m)
{
	struct masking *mk = ctx;
	size_t i = 0;

	for (size_t k = m->first_unit; k <= m->last_unit; k++) {
		char c = mk->v->c[k];
		if (!is_digit(c) && !is_x(c))
			continue;
		if (!kept(m->kind, i, m->n_digits))
			mask_unit(mk->text, mk->v->u[k]);
		i++;
	}
}

size_t
pii_mask(char *text, size_t len)
{
	struct view v;
	size_t count;

	if (!may_hold_digits(text, len))
		return 0;
	view_build(text, len, &v);
	struct masking mk = {text, &v};
	struct scan sc = {text, &v, mask_found, &mk};
	count = scan_view(&sc);
	view_free(&v);
	return count;
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
	case PII_ID: return _("an ID number");
	case PII_MOBILE: return _("a mobile number");
	case PII_CARD: return _("a bank card number");
	}
	return _("personal data");
}

void
privacy_report(bool as_error, const struct pos *pos,
    const struct pii_match *m)
{
	if (as_error)
		diag_error(pos, "personal data: %s (%s) must not be published; "
		    "remove it or mask it", pii_kind_name(m->kind), m->shown);
	else
		diag_warning(pos, "personal data: %s was masked as %s; "
		    "better remove it from the file", pii_kind_name(m->kind),
		    m->shown);
}
