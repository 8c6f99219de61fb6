/* format_backends.c: the backends of the print formats laid out with the
 * boards' engine: which banners, boards and survey forms a county gets, at
 * what size and scale, and what each one's cache key holds. What each
 * sheet says is in banner.c, display.c and form.c. */
#include "poster/form.h"
#include "poster/formats.h"

static void *
banners_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)o;
	return format_state_new(county, err);
}

/* A banner shows its village, its town's phone and its records' count
 * by process this year: village.yaml, the town's file and each record's
 * text (not its photos, which a banner does not show), and the year. */
static void
banner_key(const struct county *c, const struct poster_spec *s,
    struct hasher *h)
{
	const struct village *v = s->village;

	(void)c;
	hasher_digest(h, &v->hash);
	hasher_digest(h, &v->town->hash);
	for (size_t i = 0; i < v->n_records; i++) {
		hasher_str(h, v->records[i]->path);
		hasher_digest(h, &v->records[i]->hash);
	}
}

static int
banners_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	struct format_state *st = state;
	const struct format_settings *f = &county->site.formats[FORMAT_BANNERS];

	(void)err;
	if (!f->built)
		return 0;
	for (size_t t = 0; t < county->n_towns; t++) {
		const struct town *town = &county->towns[t];
		for (size_t i = 0; i < town->n_villages; i++) {
			const struct village *v = &town->villages[i];
			struct poster_spec *s = format_spec_add(st, POSTER_BANNER,
			    arena_printf(st->arena, "print/banners/%s/%s/banner",
			    town->id, v->id));
			s->village = v;
			s->width_mm = f->width_mm > 0 ? f->width_mm : BANNER_W_MM;
			s->height_mm = f->height_mm > 0 ? f->height_mm :
			    BANNER_H_MM;
			s->scale = BANNER_SCALE;
			s->bleed_mm = 3;
			s->reserve_bottom_mm = BANNER_STAND_MM;
			/* the year its counts are of */
			s->week_first = county_week_first(county);
		}
	}
	return format_plan(st, OUT_BANNERS, jobs, banner_key);
}

const struct backend banners_backend = {
	OUT_BANNERS, "banners", banners_create, banners_plan, format_state_free,
};

static void *
boards_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)o;
	return format_state_new(county, err);
}

/* The overview counts the towns, the villages and their published
 * records: each record's path and text (not its photos). A service's
 * board shows the catalog only. */
static void
display_key(const struct county *c, const struct poster_spec *s,
    struct hasher *h)
{
	if (s->service != NULL)
		return;
	for (size_t t = 0; t < c->n_towns; t++)
		for (size_t i = 0; i < c->towns[t].n_villages; i++) {
			const struct village *v = &c->towns[t].villages[i];
			hasher_str(h, v->dir);
			for (size_t k = 0; k < v->n_records; k++) {
				hasher_str(h, v->records[k]->path);
				hasher_digest(h, &v->records[k]->hash);
			}
		}
}

static int
boards_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	struct format_state *st = state;
	const struct format_settings *f = &county->site.formats[FORMAT_BOARDS];
	const struct catalog *cat = &county->catalog;
	struct poster_spec *s;

	(void)err;
	if (!f->built)
		return 0;
	s = format_spec_add(st, POSTER_DISPLAY, "print/boards/overview");
	s->width_mm = f->width_mm > 0 ? f->width_mm : DISPLAY_W_MM;
	s->height_mm = f->height_mm > 0 ? f->height_mm : DISPLAY_H_MM;
	s->scale = OVERVIEW_SCALE;
	s->bleed_mm = 3;
	s = format_spec_add(st, POSTER_DISPLAY, "print/boards/billboard");
	s->width_mm = BILLBOARD_W_MM;
	s->height_mm = BILLBOARD_H_MM;
	s->scale = BILLBOARD_SCALE;
	s->bleed_mm = 5;
	for (size_t i = 0; i < cat->n_services; i++) {
		if (cat->services[i].flow.n_steps == 0)
			continue;
		s = format_spec_add(st, POSTER_DISPLAY, arena_printf(st->arena,
		    "print/boards/service-%s", cat->services[i].id));
		s->service = &cat->services[i];
		/* a service's chart runs down its lanes: its board stands
		 * portrait, 900 x 1200, where the chart prints half as
		 * large again as on the landscape board */
		s->width_mm = f->width_mm > 0 ? f->width_mm : DISPLAY_H_MM;
		s->height_mm = f->height_mm > 0 ? f->height_mm : DISPLAY_W_MM;
		s->scale = DISPLAY_SCALE;
		s->bleed_mm = 3;
	}
	return format_plan(st, OUT_BOARDS, jobs, display_key);
}

const struct backend boards_backend = {
	OUT_BOARDS, "boards", boards_create, boards_plan, format_state_free,
};


static void *
forms_create(const struct county *county, const struct engine_options *o,
    struct buf *err)
{
	(void)o;
	return format_state_new(county, err);
}

/* What a form shows beyond the site and the catalog: the record, its
 * village (name, suggestion box) and town. */
static void
form_key(const struct county *c, const struct poster_spec *s,
    struct hasher *h)
{
	(void)c;
	hasher_digest(h, &s->record->hash);
	hasher_digest(h, &s->village->hash);
	hasher_digest(h, &s->village->town->hash);
	hasher_str(h, s->path);
}

static int
forms_plan(void *state, const struct county *county, struct job_list *jobs,
    struct buf *err)
{
	struct format_state *st = state;

	(void)err;
	if (!county->site.formats[FORMAT_FORMS].built)
		return 0;
	for (size_t t = 0; t < county->n_towns; t++) {
		const struct town *town = &county->towns[t];
		for (size_t i = 0; i < town->n_villages; i++) {
			const struct village *v = &town->villages[i];
			for (size_t k = 0; k < v->n_records; k++) {
				const struct record *r = v->records[k];
				if (!form_wanted(r))
					continue;
				char *base = arena_printf(st->arena, "print/forms/%s/%s/%s",
				    town->id, v->id, r->id);
				form_spec_fill(county, r, POSTER_FORM,
				    format_spec_add(st, POSTER_FORM, base));
				form_spec_fill(county, r, POSTER_TALLY,
				    format_spec_add(st, POSTER_TALLY,
				    arena_printf(st->arena, "%s-tally", base)));
			}
		}
	}
	return format_plan(st, OUT_FORMS, jobs, form_key);
}

const struct backend forms_backend = {
	OUT_FORMS, "forms", forms_create, forms_plan, format_state_free,
};
