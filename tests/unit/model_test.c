/* model_test.c: dates, periods and money in fen. */
#include "t.h"

#include "model/model.h"

static void
test_dates(void)
{
	int32_t d;
	char s[11];
	int y, m, dd;

	T_CHECK(date_parse("2026-11-27", &d), "date 2026-11-27 parses");
	date_format(d, s);
	T_STREQ(s, "2026-11-27", "date round trip");
	T_INTEQ(date_weekday(d), 4, "2026-11-27 is a Friday");
	T_CHECK(date_parse("2024-02-29", &d), "leap day 2024 is a date");
	T_CHECK(!date_parse("2026-02-29", &d), "2026-02-29 is not a date");
	T_CHECK(!date_parse("1900-02-29", &d), "1900 was not a leap year");
	T_CHECK(date_parse("2000-02-29", &d), "2000 was a leap year");
	T_CHECK(!date_parse("2026-13-01", &d), "month 13 rejected");
	T_CHECK(!date_parse("2026-04-31", &d), "April 31 rejected");
	T_CHECK(!date_parse("2026/11/20", &d), "slashes rejected");
	T_CHECK(!date_parse("2026-1-20", &d), "one-digit month rejected");
	T_CHECK(!date_parse("2026-11-20T00:00", &d), "timestamps rejected");
	T_INTEQ(date_from_ymd(1970, 1, 1), 0, "epoch is day 0");
	date_to_ymd(date_from_ymd(1969, 12, 31), &y, &m, &dd);
	T_CHECK(y == 1969 && m == 12 && dd == 31, "dates before 1970");
	/* every day of four centuries round-trips */
	int bad = 0;
	for (int32_t day = date_from_ymd(1900, 1, 1);
	    day < date_from_ymd(2300, 1, 1); day++) {
		date_to_ymd(day, &y, &m, &dd);
		if (date_from_ymd(y, m, dd) != day || !date_valid_ymd(y, m, dd))
			bad++;
	}
	T_INTEQ(bad, 0, "day numbers round-trip 1900..2300");
}

static void
test_periods(void)
{
	struct period p, q;
	char s[16];
	int32_t d;

	T_CHECK(period_parse("2026-Q3", &p), "quarter parses");
	date_format(p.first, s);
	T_STREQ(s, "2026-07-01", "Q3 starts in July");
	date_format(p.last, s);
	T_STREQ(s, "2026-09-30", "Q3 ends on 30 September");
	T_CHECK(period_parse("2026-02", &p), "month parses");
	date_format(p.last, s);
	T_STREQ(s, "2026-02-28", "February 2026 has 28 days");
	T_CHECK(period_parse("2026", &p) && p.kind == PERIOD_YEAR, "year parses");
	T_CHECK(!period_parse("2026-Q5", &p), "Q5 rejected");
	T_CHECK(!period_parse("2026-13", &p), "month 13 rejected");
	T_CHECK(!period_parse("26-Q1", &p), "two-digit year rejected");

	/* periods straddling a year end */
	date_parse("2027-01-10", &d);
	p = period_containing(PERIOD_QUARTER, d);
	q = period_previous(&p);
	period_format(&q, s);
	T_STREQ(s, "2026-Q4", "the quarter before 2027-Q1 is 2026-Q4");
	p = period_containing(PERIOD_MONTH, d);
	q = period_previous(&p);
	period_format(&q, s);
	T_STREQ(s, "2026-12", "the month before January is December");
	p = period_containing(PERIOD_YEAR, d);
	q = period_previous(&p);
	period_format(&q, s);
	T_STREQ(s, "2026", "the year before 2027 is 2026");
}

static void
test_money(void)
{
	int64_t fen;
	const char *why;
	char s[32];

	T_CHECK(money_parse("120000", &fen, &why) && fen == 12000000,
	    "120000 yuan is 12000000 fen");
	T_CHECK(money_parse("120000.5", &fen, &why) && fen == 12000050,
	    "one fraction digit means tenths");
	T_CHECK(money_parse("-30.00", &fen, &why) && fen == -3000,
	    "negative amounts");
	T_CHECK(money_parse("0.01", &fen, &why) && fen == 1, "one fen");
	T_CHECK(!money_parse("1,200.00", &fen, &why), "thousands separator rejected");
	T_CHECK(!money_parse("1.234", &fen, &why), "three decimals rejected");
	T_CHECK(!money_parse("12.", &fen, &why), "a bare point rejected");
	T_CHECK(!money_parse(".5", &fen, &why), "no integer part rejected");
	T_CHECK(!money_parse("1200元", &fen, &why), "units rejected");
	T_CHECK(!money_parse("1e3", &fen, &why), "exponents rejected");
	T_CHECK(!money_parse("", &fen, &why), "empty rejected");
	T_CHECK(!money_parse("99999999999999999999", &fen, &why),
	    "overflow rejected");
	/* 0.1 + 0.2 in fen is exact */
	int64_t a, b;
	money_parse("0.1", &a, &why);
	money_parse("0.2", &b, &why);
	T_INTEQ(a + b, 30, "0.1 + 0.2 is exactly 0.30 yuan");
	money_format(123456789, s);
	T_STREQ(s, "1,234,567.89", "display format groups thousands");
	money_format(-5, s);
	T_STREQ(s, "-0.05", "negative fen display");
	money_format_plain(12000050, s);
	T_STREQ(s, "120000.50", "plain format");

	/* sums stay within one amount's range: never near 64-bit overflow */
	int64_t sum = 0;
	T_CHECK(money_add(&sum, MONEY_MAX_FEN) && sum == MONEY_MAX_FEN,
	    "a sum may reach the largest amount");
	T_CHECK(!money_add(&sum, 1) && sum == MONEY_MAX_FEN,
	    "one fen past it is refused, the sum left as it was");
	T_CHECK(money_add(&sum, -MONEY_MAX_FEN) && sum == 0,
	    "negative amounts bring it back");
	sum = -MONEY_MAX_FEN;
	T_CHECK(!money_add(&sum, -1), "the same below zero");
	sum = 0;
	int refused = 0;
	for (int i = 0; i < 20000 && !refused; i++)
		refused = !money_add(&sum, MONEY_MAX_FEN / 3);
	T_CHECK(refused && sum <= MONEY_MAX_FEN,
	    "20,000 large lines are refused before the sum could overflow");
}

static void
test_scrub(void)
{
	struct beneficiary people[2] = {
		{.name = "王大山", .reason = "肝癌晚期"},
		{.name = "王", .reason = "病"},
	};
	struct record r = {.type = RT_ASSISTANCE};
	struct buf out = {0};

	r.as.assistance.people = people;
	r.as.assistance.n_people = 2;
	record_scrub(&r, "王大山户因肝癌晚期纳入低保，王家村共2户。", &out);
	T_STREQ(out.data, "＊＊户因（略）纳入低保，王家村共2户。",
	    "a listed name and reason are replaced where they reach beyond the page");
	buf_reset(&out);
	r.type = RT_NOTICE;
	record_scrub(&r, "王大山户", &out);
	T_STREQ(out.data, "王大山户", "other records' text is left as it is");
	buf_free(&out);
}

int
main(void)
{
	test_scrub();
	test_dates();
	test_periods();
	test_money();
	return t_done();
}
