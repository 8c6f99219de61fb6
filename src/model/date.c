/* date.c: calendar dates as day numbers, and the month/quarter/year periods
 * of recurring disclosures. Proleptic Gregorian, no time zones involved. */
#include "model/model.h"

#include <stdio.h>
#include <string.h>

static bool
is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
date_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

bool
date_valid_ymd(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
	    day >= 1 && day <= date_days_in_month(year, month);
}

/* Days from civil, after the well-known era-based algorithm. */
int32_t
date_from_ymd(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

void
date_to_ymd(int32_t date, int *year, int *month, int *day)
{
	int z = (int)date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp < 10 ? mp + 3 : mp - 9;

	*year = yoe + era * 400 + (m <= 2);
	*month = m;
	*day = d;
}

int
date_weekday(int32_t date)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0) */
	int w = (int)((date % 7 + 7) % 7);
	return (w + 3) % 7;
}

static bool
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool
date_parse(const char *s, int32_t *out)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return false;
	if (!date_valid_ymd(y, m, d))
		return false;
	*out = date_from_ymd(y, m, d);
	return true;
}

bool
date_in_content_years(int32_t date)
{
	return date != DATE_NONE &&
	    date >= date_from_ymd(DATE_FIRST_YEAR, 1, 1) &&
	    date <= date_from_ymd(DATE_LAST_YEAR, 12, 31);
}

void
date_format(int32_t date, char out[11])
{
	int y, m, d;

	if (date == DATE_NONE) {
		strcpy(out, "");
		return;
	}
	date_to_ymd(date, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* ---- periods ---- */

static void
period_fill(struct period *p)
{
	switch (p->kind) {
	case PERIOD_MONTH:
		p->first = date_from_ymd(p->year, p->index, 1);
		p->last = date_from_ymd(p->year, p->index,
		    date_days_in_month(p->year, p->index));
		break;
	case PERIOD_QUARTER:
		p->first = date_from_ymd(p->year, p->index * 3 - 2, 1);
		p->last = date_from_ymd(p->year, p->index * 3,
		    date_days_in_month(p->year, p->index * 3));
		break;
	case PERIOD_YEAR:
		p->first = date_from_ymd(p->year, 1, 1);
		p->last = date_from_ymd(p->year, 12, 31);
		break;
	case PERIOD_NONE:
		p->first = p->last = DATE_NONE;
		break;
	}
}

bool
period_parse(const char *s, struct period *out)
{
	size_t len = strlen(s);
	struct period p = {0};

	if (len < 4 || !digits(s, 4, &p.year) || p.year < 1)
		return false;
	if (len == 4) {
		p.kind = PERIOD_YEAR;
	} else if (len == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q')) {
		p.kind = PERIOD_QUARTER;
		p.index = s[6] - '0';
		if (p.index < 1 || p.index > 4)
			return false;
	} else if (len == 7 && s[4] == '-' && digits(s + 5, 2, &p.index)) {
		p.kind = PERIOD_MONTH;
		if (p.index < 1 || p.index > 12)
			return false;
	} else {
		return false;
	}
	period_fill(&p);
	*out = p;
	return true;
}

struct period
period_containing(enum period_kind kind, int32_t date)
{
	struct period p = {0};
	int y, m, d;

	date_to_ymd(date, &y, &m, &d);
	p.kind = kind;
	p.year = y;
	if (kind == PERIOD_MONTH)
		p.index = m;
	else if (kind == PERIOD_QUARTER)
		p.index = (m - 1) / 3 + 1;
	period_fill(&p);
	return p;
}

struct period
period_previous(const struct period *p)
{
	return period_containing(p->kind, p->first - 1);
}

void
period_format(const struct period *p, char out[16])
{
	switch (p->kind) {
	case PERIOD_MONTH:
		snprintf(out, 16, "%04u-%02u", (unsigned)p->year % 10000u,
		    (unsigned)p->index % 100u);
		break;
	case PERIOD_QUARTER:
		snprintf(out, 16, "%04u-Q%u", (unsigned)p->year % 10000u,
		    (unsigned)p->index % 10u);
		break;
	case PERIOD_YEAR:
		snprintf(out, 16, "%04u", (unsigned)p->year % 10000u);
		break;
	case PERIOD_NONE:
		out[0] = '\0';
		break;
	}
}

/* ---- dates for people ---- */

/* The digits of 0 <= v < 100000 at p; returns the end. */
static char *
small_decimal(char *p, int v)
{
	char digits[8];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && n < 5);
	while (n > 0)
		*p++ = digits[--n];
	return p;
}

size_t
date_cn_text(int32_t date, char out[DATE_CN_SIZE])
{
	int y, m, d;
	char *p = out;

	if (date == DATE_NONE) {
		out[0] = '\0';
		return 0;
	}
	date_to_ymd(date, &y, &m, &d);
	p = small_decimal(p, y < 0 || y > 99999 ? 0 : y);
	memcpy(p, "年", 3);
	p = small_decimal(p + 3, m);
	memcpy(p, "月", 3);
	p = small_decimal(p + 3, d);
	memcpy(p, "日", 4);   /* and the NUL */
	return (size_t)(p + 3 - out);
}

void
date_cn(int32_t date, struct buf *out)
{
	char text[DATE_CN_SIZE];

	buf_put(out, text, date_cn_text(date, text));
}

void
date_cn_short(int32_t date, struct buf *out)
{
	int y, m, d;

	if (date == DATE_NONE)
		return;
	date_to_ymd(date, &y, &m, &d);
	buf_printf(out, "%d月%d日", m, d);
}

bool
date_same_year(int32_t a, int32_t b)
{
	int ya, yb, m, d;

	date_to_ymd(a, &ya, &m, &d);
	date_to_ymd(b, &yb, &m, &d);
	return ya == yb;
}

void
date_cn_range(int32_t from, int32_t to, const char *sep, struct buf *out)
{
	date_cn(from, out);
	buf_puts(out, sep);
	if (from != DATE_NONE && to != DATE_NONE && date_same_year(from, to))
		date_cn_short(to, out);
	else
		date_cn(to, out);
}

static const char *const digits_cn[] = {"〇", "一", "二", "三", "四", "五",
	"六", "七", "八", "九"};

void
number_cn(int n, struct buf *out)
{
	if (n < 0 || n > 99) {
		buf_printf(out, "%d", n);
		return;
	}
	if (n < 10) {
		buf_puts(out, n == 0 ? "零" : digits_cn[n]);
		return;
	}
	if (n >= 20)
		buf_puts(out, digits_cn[n / 10]);
	buf_puts(out, "十");
	if (n % 10)
		buf_puts(out, digits_cn[n % 10]);
}

void
period_cn(const struct period *p, struct buf *out)
{
	switch (p->kind) {
	case PERIOD_MONTH:
		buf_printf(out, "%d年%d月", p->year, p->index);
		break;
	case PERIOD_QUARTER:
		buf_printf(out, "%d年第", p->year);
		number_cn(p->index, out);
		buf_puts(out, "季度");
		break;
	case PERIOD_YEAR:
		buf_printf(out, "%d年度", p->year);
		break;
	case PERIOD_NONE:
		break;
	}
}
