/* common.c: what every page's data shares, for the page builders of pages.c
 * and dashboard.c: the common fields, the breadcrumbs, a record's summary in
 * a list and a percentage. */
#include "site/pages.h"

#include <stdlib.h>
#include <string.h>

/* What a list of records shows of each. */
struct mu_value *
page_record_summary(struct ctx *x, const struct record *r)
{
	struct mu_value *m = mu_map(x->a);

	put_str(m, x->a, "title", r->title);
	mu_map_set_ref(m, "href", mu_str_ref(x->a, href(x->a, x->root,
	    record_page_path(x->a, r))));
	put_date(m, x->a, "date", r->date);
	put_str(m, x->a, "type", record_type_name(r->type));
	put_str(m, x->a, "type_label", record_type_label(r->type));
	if (wants(x, "place"))
		put_str(m, x->a, "place", place_of(x->a, r->village));
	/* the notice period: the village page's current notices show it */
	if (wants(x, "from"))
		put_date(m, x->a, "from", r->publish_from);
	if (wants(x, "to"))
		put_date(m, x->a, "to", r->publish_to);
	return m;
}

struct mu_value *
page_crumbs(struct ctx *x, const struct town *town, const struct village *v)
{
	struct mu_value *list = mu_list(x->a);

	mu_list_push(list, link_to(x, x->c->site.name, "index.html"));
	if (town != NULL)
		mu_list_push(list, link_to(x, town->name,
		    town_page_path(x->a, town)));
	if (v != NULL)
		mu_list_push(list, link_to(x, v->name,
		    village_page_path(x->a, v)));
	return list;
}

/* A tel: address from a phone number written for people ("0914-0000000
 * 工作日"): its digits, '+' and '-' only; NULL without digits. */
const char *
page_tel_href(struct arena *a, const char *text)
{
	struct buf b = {0};
	bool digits = false;

	if (text == NULL)
		return NULL;
	buf_puts(&b, "tel:");
	for (const char *p = text; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits = true;
		else if (*p != '+' && *p != '-')
			continue;
		buf_putc(&b, *p);
	}
	char *s = digits ? arena_strndup(a, b.data, b.len) : NULL;
	buf_free(&b);
	return s;
}

void
page_common(struct ctx *x, const char *title)
{
	struct mu_value *d = x->data;

	mu_map_set_ref(d, "root", mu_str_ref(x->a, x->root));
	put_str(d, x->a, "site_name", x->c->site.name);
	put_str(d, x->a, "hotline", x->c->site.hotline);
	put_str(d, x->a, "hotline_tel", page_tel_href(x->a, x->c->site.hotline));
	put_str(d, x->a, "title", title);
	put_str(d, x->a, "page_path", x->p->path);
}

const char *
page_percent(struct arena *a, long long part, long long whole)
{
	if (whole <= 0)
		return "—";
	long long permille = (part * 1000 * 2 + whole) / (whole * 2);
	return arena_printf(a, "%lld.%lld%%", permille / 10, permille % 10);
}
