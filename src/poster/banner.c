/* banner.c: a village's roll-up banner (易拉宝), 800 x 2000 mm (850 x 2000
 * by site.yaml), read from 3 m: the boards' layout three times as large.
 * The village's disclosure at a glance: the four disclosures with what
 * this year has published under each, the power list's domains, the
 * service items (those a proxy can handle marked) and how to reach the
 * village; the hotline and the QR to the village's page in the footer.
 * The bottom 150 mm stay empty: the stand hides them. */
#include "poster/doc.h"

#include <string.h>

static const char *const process_what[PROCESS_COUNT] = {
	"村级重大事项决策的内容、程序和表决结果",
	"决策实施的过程、进度、资金使用",
	"为民服务事项的办理指南、流程和时限",
	"事项办理结果、财务收支和群众评价",
};

static int
year_of(int32_t date)
{
	int y, m, day;

	date_to_ymd(date, &y, &m, &day);
	return y;
}

int
compose_banner(struct doc *d, struct buf *err)
{
	const struct county *c = d->county;
	const struct village *v = d->spec->village;
	const struct catalog *cat = &c->catalog;
	int year = year_of(c->today);
	size_t counts[PROCESS_COUNT] = {0};
	struct buf b = {0};

	d->title = arena_printf(d->arena, "%s村务公开", v->name);
	d->band_src = v->pos;
	d->subtitle.text = arena_printf(d->arena, "%s%s\n权力在阳光下运行，"
	    "村务让群众看得见", c->site.name, v->town->name);
	d->meta_title = arena_printf(d->arena, "%s村务公开 易拉宝", v->name);
	d->hotline = c->site.hotline;
	if (v->town->phone != NULL)
		d->phone_line = arena_printf(d->arena, "%s人民政府：%s",
		    v->town->name, v->town->phone);

	/* what this year has published, under each process; a reminder
	 * talk is supervision (三提醒谈话), none of the four */
	for (size_t i = 0; i < v->n_records; i++) {
		const struct record *r = v->records[i];
		if (!r->draft && r->type != RT_TALK && year_of(r->date) == year)
			counts[record_process(r)]++;
	}
	compose_heading(d, "四项公开");
	for (int p = 0; p < PROCESS_COUNT; p++) {
		buf_printf(&b, "%s", process_what[p]);
		if (counts[p] > 0)
			buf_printf(&b, "（%d年已公开 %zu 项）", year, counts[p]);
		compose_labelled(d, TR_BIG, process_label((enum process)p),
		    b.data);
		buf_reset(&b);
	}

	compose_heading(d, "小微权力清单");
	for (size_t i = 0; i < cat->n_domains; i++) {
		buf_printf(&b, "%s（%zu 项）", cat->domains[i].name,
		    cat->domains[i].n_items);
		compose_item(d, TR_BIG, "• ", b.data, 0);
		buf_reset(&b);
	}
	compose_item(d, TR_BODY, "", "看单履职、照单用权，清单之外无权力", 0)
	    ->space_before = MM(3);

	if (cat->n_services > 0) {
		bool any_proxy = false;
		compose_heading(d, "便民服务");
		for (size_t i = 0; i < cat->n_services; i++) {
			const struct service_guide *g = &cat->services[i];
			buf_printf(&b, "%s%s", g->name, g->proxy ? "（可代办）" : "");
			compose_item(d, TR_BIG, "• ", b.data, 0);
			any_proxy |= g->proxy;
			buf_reset(&b);
		}
		if (any_proxy)
			compose_item(d, TR_BODY, "", "标“可代办”的事项，可由村便民"
			    "服务站代办，行动不便的群众可预约上门服务", 0)
			    ->space_before = MM(3);
	}

	compose_heading(d, "联系我们");
	compose_labelled(d, TR_BIG, "公开栏位置", v->board ? v->board :
	    "村委会公开栏");
	if (v->office_hours != NULL)
		compose_labelled(d, TR_BIG, "办公时间", v->office_hours);
	for (size_t i = 0; i < v->n_contacts; i++) {
		const struct contact *k = &v->contacts[i];
		buf_printf(&b, "%s%s%s", k->name ? k->name : "", k->name ? "　" :
		    "", k->phone);
		compose_labelled(d, TR_BIG, k->role ? k->role : "电话", b.data);
		buf_reset(&b);
	}
	buf_free(&b);
	return compose_qr(d, arena_printf(d->arena, "%s%s/%s/", c->site.base_url,
	    v->town->id, v->id), err);
}

