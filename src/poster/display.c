/* display.c: what the county's display boards (宣传展板) and its billboard
 * (广告牌) say: one service guide with its flowchart as large as its board
 * allows, or the 32423 system at a glance. Each is one sheet laid out as
 * the A3 boards are, at its scale (format_backends.c). */
#include "poster/doc.h"
#include "poster/flowlink.h"

/* A service's board: its flowchart as large as the sheet allows, what to
 * bring, how long it takes and what it costs in the band above it. */
static int
compose_display_service(struct doc *d, struct buf *err)
{
	const struct service_guide *g = d->spec->service;
	const struct county *c = d->county;
	struct buf b = {0};

	d->title = g->name;
	d->band_src = g->pos;
	d->meta_title = arena_printf(d->arena, "%s办事流程", g->name);
	buf_printf(&b, "办理时限：%s　收费：%s", g->time_limit ? g->time_limit :
	    "—", g->fee ? g->fee : "—");
	if (g->proxy)
		buf_puts(&b, "　可由村便民服务站代办");
	if (g->n_materials > 0) {
		buf_puts(&b, "\n申请材料：");
		for (size_t i = 0; i < g->n_materials; i++)
			buf_printf(&b, "%s%s", i ? "；" : "", g->materials[i]);
	}
	if (g->contact != NULL)
		buf_printf(&b, "\n办理地点：%s", g->contact);
	d->subtitle.text = arena_strdup(d->arena, b.data);
	buf_free(&b);
	if (poster_have_flow()) {
		struct block *f = doc_add(d, BK_FLOW);
		f->flow = &g->flow;
	}
	d->hotline = c->site.hotline;
	/* the guide's own page, not the site's home */
	return compose_qr(d, arena_printf(d->arena, "%sservices/%s.html",
	    c->site.base_url, g->id), err);
}

/* The 32423 system: three levels, two lists, four disclosures, two
 * platforms, three mechanisms, with the county's own figures. */
int
compose_display(struct doc *d, struct buf *err)
{
	if (d->spec->service != NULL)
		return compose_display_service(d, err);
	static const double frac[] = {.19, .2, .17, .26, .18};
	static const int align[] = {0, 0, 0, 0, 0};
	static const char *const head[] = {"三级联动", "两张清单", "四项公开",
		"两个平台", "三项机制"};
	const struct county *c = d->county;
	const struct catalog *cat = &c->catalog;
	size_t n_items = 0, published = 0;
	const char *cells[5];

	for (size_t i = 0; i < cat->n_domains; i++)
		n_items += cat->domains[i].n_items;
	for (size_t t = 0; t < c->n_towns; t++)
		for (size_t v = 0; v < c->towns[t].n_villages; v++) {
			const struct village *vil = &c->towns[t].villages[v];
			for (size_t i = 0; i < vil->n_records; i++)
				published += !vil->records[i]->draft;
		}
	d->title = arena_printf(d->arena, "%s村务公开“32423”工作体系",
	    c->site.name);
	d->meta_title = d->title;
	d->subtitle.text = arena_printf(d->arena, "县、镇、村三级联动　"
	    "%zu 个乡镇 %zu 个村（社区）　已公开 %zu 项\n"
	    "权力在阳光下运行，村务让群众看得见", c->n_towns, c->n_villages,
	    published);
	struct table *t = doc_table(d, 5, frac, align, d->title, head);
	t->role = TR_BIG;
	t->head_role = TR_HEADING;
	t->header->role = TR_HEADING;
	t->header->space_before = MM(4);
	cells[0] = arena_printf(d->arena, "县：%s统筹\n镇：%zu 个乡镇指导\n"
	    "村：%zu 个村（社区）落实", c->site.name, c->n_towns, c->n_villages);
	cells[1] = arena_printf(d->arena, "小微权力清单\n%zu 个领域 %zu 项\n"
	    "责任清单\n%zu 个岗位", cat->n_domains, n_items, cat->n_roles);
	cells[2] = "决策公开\n执行公开\n服务公开\n结果公开";
	cells[3] = "线上：政府网站、微信公众号、村民微信群、LED 屏\n"
	    "线下：村务公开栏、便民服务卡、宣传展板、易拉宝、便民服务大厅";
	cells[4] = "提醒谈话\n满意度测评\n绩效考核";
	doc_row(d, t, 0, cells);
	struct block *b = doc_text(d, TR_BIG, "看单履职、照单用权，清单之外无"
	    "权力；群众有疑问，请拨打监督举报电话或扫码查看。");
	b->space_before = MM(6);
	d->hotline = c->site.hotline;
	return compose_qr(d, c->site.base_url, err);
}

