/* pages.h: what the site's page builders share (pages.c, dashboard.c,
 * common.c): the context of one page being rendered and small helpers that
 * put model values into its Mustache data. Everything lives in the page's
 * own arena. */
#ifndef NB_SITE_PAGES_H
#define NB_SITE_PAGES_H

#include "site/site.h"
#include "site/text.h"

/* One page being rendered. */
struct ctx {
	const struct site_state *st;
	const struct county *c;
	const struct page *p;
	struct arena *a;
	const char *root;
	struct mu_value *data;
	const char *title;     /* as page_common was given it */
	const char *excerpt;   /* a record's, made with its page's HTML */
};

/* Whether this page's template looks up name anywhere: what it can never
 * show is not made (a county's own templates may leave parts out). */
static inline bool
wants(const struct ctx *x, const char *name)
{
	return theme_uses(&x->st->theme, x->p->kind, name);
}

/* ---- small builders ---- */

static inline void
put_str(struct mu_value *map, struct arena *a, const char *key, const char *s)
{
	if (s != NULL && *s != '\0')
		mu_map_set_ref(map, key, mu_str_ref(a, s));
}

static inline void
put_own(struct mu_value *map, struct arena *a, const char *key, struct buf *b)
{
	mu_map_set_ref(map, key, mu_strn(a, b->data ? b->data : "", b->len));
	buf_reset(b);
}

static inline void
put_int(struct mu_value *map, struct arena *a, const char *key, long long v)
{
	mu_map_set_ref(map, key, mu_int(a, v));
}

static inline void
put_bool(struct mu_value *map, struct arena *a, const char *key, bool v)
{
	mu_map_set_ref(map, key, mu_bool(a, v));
}

static inline void
put_date(struct mu_value *map, struct arena *a, const char *key, int32_t date)
{
	char iso[11], cn[DATE_CN_SIZE];
	struct mu_value *d;

	if (date == DATE_NONE)
		return;
	d = mu_map(a);
	date_format(date, iso);
	mu_map_set_ref(d, "iso", mu_strn(a, iso, 10));
	mu_map_set_ref(d, "cn", mu_strn(a, cn, date_cn_text(date, cn)));
	mu_map_set_ref(map, key, d);
}

static inline void
put_money(struct mu_value *map, struct arena *a, const char *key, int64_t fen)
{
	char text[32];
	money_format(fen, text);
	mu_map_set_ref(map, key, mu_str(a, text));
}

static inline struct mu_value *
link_to(struct ctx *x, const char *name, const char *target)
{
	struct mu_value *m = mu_map(x->a);
	put_str(m, x->a, "name", name);
	mu_map_set_ref(m, "href", mu_str_ref(x->a, href(x->a, x->root,
	    target)));
	return m;
}


/* common.c */
void page_common(struct ctx *x, const char *title);
/* What the page's <head> says of it, once its data is made: the title
 * with its place, the description, the canonical address and the Open
 * Graph card. */
void page_head(struct ctx *x);
struct mu_value *page_crumbs(struct ctx *x, const struct town *town,
    const struct village *v);
/* A tel: address from a phone number written for people ("0914-0000000
 * 工作日"): its digits, '+' and '-' only; NULL without digits. */
const char *page_tel_href(struct arena *a, const char *text);
/* What a list of records shows of each. */
struct mu_value *page_record_summary(struct ctx *x, const struct record *r);
/* (part / whole) as a percentage with one decimal, rounded half up
 * ("87.5%"); "—" when whole is not positive. */
const char *page_percent(struct arena *a, long long part, long long whole);

/* dashboard.c */
/* A dashboard page: the county's, or a town's when x->p->town is set. */
void data_assessment(struct ctx *x);
/* The village page's parts from the assessment and supervision: its score
 * and what to fix, its reminder talks, its surveys' trend. */
void village_supervision_data(struct ctx *x, const struct village *v);
/* The item page's reminder talks and the risk points they covered. */
void item_talks_data(struct ctx *x, const struct power_item *it,
    const struct item_uses *u);

#endif
