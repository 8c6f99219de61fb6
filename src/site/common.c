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
	put_str(m, x->a, "type_label", site_type_label(r->type));
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
	x->title = title;
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

/* At most max characters of text, "…" when cut (UTF-8 is checked by the
 * loader: a character starts at every byte that is not a continuation). */
static void
put_clipped(struct buf *out, const char *text, size_t max)
{
	size_t chars = 0;
	const char *p = text;

	while (*p != '\0') {
		if (((unsigned char)*p & 0xC0) != 0x80 && chars++ == max) {
			buf_put(out, text, (size_t)(p - text));
			buf_puts(out, "…");
			return;
		}
		p++;
	}
	buf_puts(out, text);
}

/* The description of a page a search engine or a shared link shows: plain
 * text from the model, never an assistance list's names (the excerpt is
 * scrubbed as the feeds' is). */
static void
page_description(struct ctx *x, const char *place, const char *title,
    struct buf *out)
{
	const struct page *p = x->p;
	const char *site = x->c->site.name;

	switch (p->kind) {
	case PAGE_RECORD: {
		const struct record *r = p->record;
		struct buf excerpt = {0};
		char cn[DATE_CN_SIZE];
		if (x->excerpt != NULL)
			buf_puts(&excerpt, x->excerpt);
		else
			site_excerpt(x->st, p->doc, &excerpt);
		buf_puts(out, place);
		buf_puts(out, " · ");
		buf_puts(out, site_type_label(r->type));
		buf_puts(out, " · ");
		buf_put(out, cn, date_cn_text(r->date, cn));
		buf_puts(out, "。");
		put_clipped(out, excerpt.data ? excerpt.data : "", 60);
		buf_free(&excerpt);
		return;
	}
	case PAGE_VILLAGE:
	case PAGE_ARCHIVE:
		buf_puts(out, place);
		buf_puts(out, p->kind == PAGE_VILLAGE ? "的村务公开：本周公示、"
		    "最近公开的事项、村干部和联系方式、考核得分。" :
		    "的村务公开：这个月公开的事项。");
		return;
	case PAGE_TOWN:
		buf_puts(out, place);
		buf_puts(out, "各村的村务公开：最近公开的事项、各村的公开栏和考核。");
		return;
	case PAGE_COUNTY:
		buf_puts(out, site);
		buf_puts(out, "村务公开：各镇各村公开的决策、财务、救助和服务事项，"
		    "小微权力清单和考核结果。");
		return;
	case PAGE_ITEM:
	case PAGE_SERVICE:
		buf_puts(out, site);
		buf_puts(out, p->kind == PAGE_ITEM ? "小微权力清单：" : "办事指南：");
		buf_puts(out, title);
		buf_puts(out, p->kind == PAGE_ITEM ? "的办理流程、依据和风险点。" :
		    "的办理流程和所需材料。");
		return;
	default:
		buf_puts(out, site);
		buf_puts(out, "村务公开：");
		buf_puts(out, title);
		if (place[0] != '\0' && strstr(title, place) == NULL) {
			buf_puts(out, "（");
			buf_puts(out, place);
			buf_puts(out, "）");
		}
		buf_puts(out, "。");
		return;
	}
}

void
page_head(struct ctx *x)
{
	const struct page *p = x->p;
	const struct village *v = p->record != NULL ? p->record->village :
	    p->village;
	const char *title = x->title != NULL ? x->title : "";
	const char *place = "";
	struct buf b = {0};

	if (v != NULL)
		place = place_of(x->a, v);
	else if (p->town != NULL)
		place = p->town->name;
	else if (p->kind == PAGE_ITEM)
		place = "小微权力清单";
	else if (p->kind == PAGE_SERVICE)
		place = "办事指南";
	/* the page's own title, then its place when the title does not say
	 * it: two villages' records of one title are two titles */
	buf_puts(&b, title);
	if (place[0] != '\0' && strstr(title, place) == NULL) {
		buf_puts(&b, " - ");
		buf_puts(&b, place);
	}
	put_own(x->data, x->a, "head_title", &b);
	page_description(x, v != NULL || p->town != NULL ? place : "", title,
	    &b);
	put_own(x->data, x->a, "description", &b);
	if (p->kind != PAGE_NOT_FOUND)
		put_str(x->data, x->a, "canonical", absolute_url(x->a, x->c,
		    p->path));
	put_str(x->data, x->a, "og_type", p->kind == PAGE_RECORD ? "article" :
	    "website");
	put_str(x->data, x->a, "og_image", absolute_url(x->a, x->c,
	    "card.png"));
	put_str(x->data, x->a, "base_url", x->c->site.base_url);
	buf_free(&b);
}
