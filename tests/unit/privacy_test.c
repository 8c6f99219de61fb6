/* privacy_test.c: detection and masking of ID, mobile and card numbers. */
#include "t.h"

#include <stdlib.h>

#include "check/privacy.h"
#include "util/util.h"

static char *
masked(const char *text)
{
	char *copy = strdup(text);
	pii_mask(copy, strlen(copy));
	return copy;
}

#define T_MASK(in, want, name) do {                                          \
	char *t_m = masked(in);                                              \
	T_STREQ(t_m, want, name);                                            \
	free(t_m);                                                           \
} while (0)

static void
record_shown(void *ctx, const struct pii_match *m)
{
	char *out = ctx;

	memcpy(out, m->shown, m->n_shown + 1);
}

int
main(void)
{
	/* GB 11643 check digits: 11010519491231002X is the standard's example */
	T_CHECK(pii_id_valid("11010519491231002X", 18), "valid ID with X");
	T_CHECK(pii_id_valid("11010519491231002x", 18), "lower-case x accepted");
	T_CHECK(!pii_id_valid("110105194912310021", 18), "wrong check digit");
	T_CHECK(pii_id_valid("440524188001010014", 18), "valid ID, digit check");
	T_CHECK(!pii_id_valid("440524188002300014", 18), "invalid birth date");
	T_CHECK(pii_id_valid("110105491231002", 15), "legacy 15-digit ID");
	T_CHECK(!pii_id_valid("110105491331002", 15), "legacy with month 13");

	T_CHECK(pii_luhn_valid("4111111111111111", 16), "Luhn valid card");
	T_CHECK(!pii_luhn_valid("4111111111111112", 16), "Luhn invalid card");

	T_MASK("身份证11010519491231002X。", "身份证110105********002X。",
	    "a valid ID is masked: first 6 and last 4 kept");
	T_MASK("身份证110105194912310021。", "身份证110105194912310021。",
	    "an ID with a wrong check digit is not masked");
	T_MASK("编号 110105491231002", "编号 110105*****1002",
	    "a legacy 15-digit ID is masked");
	T_MASK("手机13812345678", "手机138****5678", "mobile masked");
	T_MASK("手机 138-1234-5678", "手机 138-****-5678",
	    "mobile with hyphens masked");
	T_MASK("tel:+86 138 1234 5678", "tel:+86 138 **** 5678",
	    "mobile with +86 and spaces masked");
	T_MASK("8613812345678", "86138****5678", "mobile with 86 prefix");
	T_MASK("12812345678", "12812345678", "12x is not a mobile prefix");
	T_MASK("138123456789", "138123456789", "12 digits is not a mobile");
	T_MASK("卡号 4111 1111 1111 1111", "卡号 **** **** **** 1111",
	    "spaced card masked, last 4 kept");
	T_MASK("卡号4111111111111111", "卡号************1111", "card masked");
	T_MASK("4111111111111112", "4111111111111112", "non-Luhn 16 digits kept");
	T_MASK("电话 0914-1234567", "电话 0914-1234567", "landlines are not masked");
	T_MASK("金额 120000.50 元", "金额 120000.50 元", "amounts are not masked");
	T_MASK("2026-11-20", "2026-11-20", "dates are not masked");
	T_MASK("13812345678 和 13987654321", "138****5678 和 139****4321",
	    "two numbers in one line");
	/* numbers listed with single spaces form one long chain: all of it
	 * is scanned, not only its start */
	struct buf list = {0}, want = {0};
	for (int i = 0; i < 40; i++) {
		buf_puts(&list, i ? " 13812345678" : "13812345678");
		buf_puts(&want, i ? " 138****5678" : "138****5678");
	}
	T_MASK(list.data, want.data, "forty mobiles in one spaced chain");
	buf_free(&list);
	buf_free(&want);

	char field[] = "610102199001011234";
	T_CHECK(pii_mask_id_field(field, strlen(field)), "id_card field changed");
	T_STREQ(field, "610102********1234", "id_card field masked even when invalid");
	char already[] = "610102********1234";
	T_CHECK(!pii_mask_id_field(already, strlen(already)),
	    "an already masked id_card is left alone");

	/* a long run of digits is scanned in linear time and not masked */
	size_t n = 10 * 1024 * 1024;
	char *big = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('0' + i % 10);
	big[n] = '\0';
	T_INTEQ(pii_mask(big, n), 0, "a 10 MB run of digits holds no match");
	for (size_t i = 0; i < n; i++)
		big[i] = (i % 12 == 11) ? ' ' : '2';
	T_CHECK(pii_mask(big, n) == 0, "10 MB of spaced digit groups is scanned");
	free(big);
	/* the number a reader sees, however it is written */
	T_MASK("电话139**1234**5678", "电话139********5678",
	    "a number split by emphasis is found and masked");
	T_MASK("电话1**3912345678**", "电话1**39****5678**",
	    "emphasis around part of a number");
	T_MASK("电话&#49;&#51;&#57;12345678", "电话&#49;&#51;&#57;****5678",
	    "character references: the kept ones stay");
	T_MASK("电话139&#49;&#x32;&#51;&#052;5678", "电话139&#42;&#x2a;&#42;&#042;5678",
	    "masked references stay references, as long as they were");
	T_MASK("+86 139 1234 5678", "+86 139 **** 5678", "+86 prefix with spaces");
	T_MASK("0086-13912345678", "0086-139****5678", "0086 prefix");
	T_MASK("008613912345678", "0086139****5678", "0086 prefix without a separator");
	T_MASK("86-139-1234-5678", "86-139-****-5678", "86- prefix with hyphens");
	T_MASK("手机１３９１２３４５６７８。", "手机１３９＊＊＊＊５６７８。",
	    "full-width digits, masked with full-width asterisks");
	T_MASK("手机１３９－１２３４－５６７８", "手机１３９－＊＊＊＊－５６７８",
	    "full-width hyphens join groups");
	T_MASK("手机139　1234　5678", "手机139　****　5678",
	    "ideographic spaces join groups");
	T_MASK("联系电话 139 1234\n5678 张", "联系电话 139 ****\n5678 张",
	    "a number broken across a soft line break");
	T_MASK("第一段 139 1234\n\n5678 另一段", "第一段 139 1234\n\n5678 另一段",
	    "a paragraph break ends a number");
	T_MASK("身份证 110105 19491231 002X", "身份证 110105 ******** 002X",
	    "an ID number in spaced groups");
	T_MASK("第1*2*3组，2*3=6", "第1*2*3组，2*3=6", "arithmetic is not a number");
	T_MASK("**2026**年**11**月", "**2026**年**11**月", "emphasised dates stay");
	struct shown_ctx { char shown[64]; size_t n; } sh = {{0}, 0};
	pii_scan("电话139**1234**5678", strlen("电话139**1234**5678"),
	    record_shown, &sh);
	T_STREQ(sh.shown, "139****5678", "the message shows the number as read, masked");
	return t_done();
}
