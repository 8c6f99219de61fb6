/* placeholder_test.c: the placeholders of init and of the manual in the
 * settings files: zeros phones, 某某 names, the example address. */
#include "t.h"

#include "check/placeholder.h"

static void
test_phones(void)
{
	T_CHECK(placeholder_phone("0000-0000000"), "init's hotline");
	T_CHECK(placeholder_phone("0914-0000000"), "area code and zeros");
	T_CHECK(placeholder_phone("0914 000 0000"), "zeros with spaces");
	T_CHECK(placeholder_phone("13900000000"), "a mobile ending in zeros");
	T_CHECK(placeholder_phone("010-00000000"), "eight zeros after 010");
	T_CHECK(!placeholder_phone("0914-0000100"), "the demo's hotline is real");
	T_CHECK(!placeholder_phone("0914-1000000"), "six zeros are a number");
	T_CHECK(!placeholder_phone("12345"), "a service number is short");
	T_CHECK(!placeholder_phone("110"), "an emergency number");
	T_CHECK(!placeholder_phone("00000"), "too short to be a phone");
	T_CHECK(!placeholder_phone("13912345678"), "a mobile");
}

static void
test_names(void)
{
	T_CHECK(placeholder_name("某某县"), "init's county");
	T_CHECK(placeholder_name("王某某"), "the manual's clerk");
	T_CHECK(!placeholder_name("王某"), "one 某 is a name");
	T_CHECK(!placeholder_name("示范县"), "a county");
}

static void
test_urls(void)
{
	T_CHECK(placeholder_url("https://example.gov.cn/cunwu/"), "init's address");
	T_CHECK(placeholder_url("http://EXAMPLE.gov.cn"), "any case, no path");
	T_CHECK(placeholder_url("https://www.example.gov.cn:8443/x"),
	    "a host below it, with a port");
	T_CHECK(!placeholder_url("https://shifan.example/cunwu/"),
	    "the demo's address");
	T_CHECK(!placeholder_url("https://myexample.gov.cn/"),
	    "a host that only ends the same");
	T_CHECK(!placeholder_url("https://shifan.gov.cn/example.gov.cn/"),
	    "the name in the path");
}

int
main(void)
{
	test_phones();
	test_names();
	test_urls();
	return t_done();
}
