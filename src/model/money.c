/* money.c: amounts in integer fen. Parsing accepts what a clerk writes in a
 * ledger (120000, 120000.5, -30.00) and nothing that could be misread. */
#include "model/model.h"
#include "util/i18n.h"

#include <stdio.h>
#include <string.h>

bool
money_parse(const char *s, int64_t *fen, const char **why)
{
	const char *p = s;
	bool negative = false;
	int64_t yuan = 0;
	int frac = 0, frac_digits = 0, int_digits = 0;

	if (*p == '-' || *p == '+') {
		negative = *p == '-';
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		if (yuan > MONEY_MAX_FEN / 100) {
			*why = N_("the amount is too large");
			return false;
		}
		yuan = yuan * 10 + (*p - '0');
		int_digits++;
	}
	if (*p == ',' || (p[0] == '\xef' && p[1] == '\xbc' && p[2] == '\x8c')) {
		*why = N_("thousands separators are not allowed: write the digits "
		    "only, such as 120000.50");
		return false;
	}
	if (*p == '.') {
		p++;
		for (; *p >= '0' && *p <= '9'; p++) {
			if (++frac_digits > 2) {
				*why = N_("at most two digits after the decimal point (fen)");
				return false;
			}
			frac = frac * 10 + (*p - '0');
		}
		if (frac_digits == 0) {
			*why = N_("a digit must follow the decimal point");
			return false;
		}
		if (frac_digits == 1)
			frac *= 10;
	}
	if (int_digits == 0) {
		*why = N_("expected an amount in yuan such as 1200 or 1200.50");
		return false;
	}
	if (*p != '\0') {
		*why = N_("expected an amount in yuan such as 1200 or 1200.50, "
		    "without units or other text");
		return false;
	}
	int64_t total = yuan * 100 + frac;
	if (total > MONEY_MAX_FEN) {
		*why = N_("the amount is too large");
		return false;
	}
	*fen = negative ? -total : total;
	return true;
}

bool
money_add(int64_t *sum, int64_t fen)
{
	/* both are within +-MONEY_MAX_FEN, so this cannot overflow */
	int64_t total = *sum + fen;

	if (fen < -MONEY_MAX_FEN || fen > MONEY_MAX_FEN ||
	    *sum < -MONEY_MAX_FEN || *sum > MONEY_MAX_FEN ||
	    total < -MONEY_MAX_FEN || total > MONEY_MAX_FEN)
		return false;
	*sum = total;
	return true;
}

void
money_format_plain(int64_t fen, char out[32])
{
	uint64_t abs = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	snprintf(out, 32, "%s%llu.%02llu", fen < 0 ? "-" : "",
	    (unsigned long long)(abs / 100), (unsigned long long)(abs % 100));
}

void
money_format(int64_t fen, char out[32])
{
	uint64_t abs = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	char digits[24], grouped[32];
	size_t n, g = 0;

	snprintf(digits, sizeof digits, "%llu", (unsigned long long)(abs / 100));
	n = strlen(digits);
	/* |fen| < 2^63 has at most 17 yuan digits: 23 with separators */
	if (fen < 0)
		grouped[g++] = '-';
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g++] = '.';
	grouped[g++] = (char)('0' + abs % 100 / 10);
	grouped[g++] = (char)('0' + abs % 10);
	grouped[g] = '\0';
	memcpy(out, grouped, g + 1);
}
