/* t.h: the smallest test harness. Each check prints one line, PASS or FAIL,
 * which tests/run.sh counts; t_done() gives the program's exit status. */
#ifndef NB_T_H
#define NB_T_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int t_passed, t_failed;

#define T_CHECK(cond, ...) t_report(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define T_STREQ(got, want, ...) do {                                        \
	const char *t_g = (got), *t_w = (want);                             \
	int t_ok = (t_g == NULL && t_w == NULL) ||                          \
	    (t_g != NULL && t_w != NULL && strcmp(t_g, t_w) == 0);          \
	t_report(t_ok, __FILE__, __LINE__, __VA_ARGS__);                    \
	if (!t_ok)                                                          \
		fprintf(stdout, "      got  \"%s\"\n      want \"%s\"\n",      \
		    t_g ? t_g : "(null)", t_w ? t_w : "(null)");               \
} while (0)

#define T_INTEQ(got, want, ...) do {                                        \
	long long t_g = (long long)(got), t_w = (long long)(want);          \
	t_report(t_g == t_w, __FILE__, __LINE__, __VA_ARGS__);              \
	if (t_g != t_w)                                                     \
		fprintf(stdout, "      got  %lld\n      want %lld\n", t_g, t_w); \
} while (0)

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 4, 5)))
#endif
static void
t_report(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		t_passed++;
	else
		t_failed++;
	fputs(ok ? "PASS: " : "FAIL: ", stdout);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	if (!ok)
		fprintf(stdout, " (%s:%d)", file, line);
	fputc('\n', stdout);
}

static int
t_done(void)
{
	fflush(stdout);
	return t_failed ? 1 : 0;
}

#endif
