/* placeholder.c: recognising the placeholders of `noticeboard init` and of
 * the manual in the settings files: phones, names and the site's address. */
#include "check/placeholder.h"

#include <string.h>
#include <strings.h>

bool
placeholder_phone(const char *phone)
{
	size_t digits = 0, trailing_zeros = 0;

	for (const char *p = phone; *p; p++) {
		if (*p < '0' || *p > '9')
			continue;
		digits++;
		trailing_zeros = *p == '0' ? trailing_zeros + 1 : 0;
	}
	return digits >= 7 && trailing_zeros >= 7;
}

bool
placeholder_name(const char *name)
{
	return strstr(name, "某某") != NULL;
}

bool
placeholder_url(const char *url)
{
	static const char placeholder[] = "example.gov.cn";
	const size_t want = sizeof placeholder - 1;
	const char *host = strstr(url, "://");
	size_t len;

	host = host != NULL ? host + 3 : url;
	len = strcspn(host, ":/?#");
	if (len < want || strncasecmp(host + len - want, placeholder, want) != 0)
		return false;
	/* the whole host, or a host below it (www.example.gov.cn) */
	return len == want || host[len - want - 1] == '.';
}
