/* form.h: the sheets a survey record gives (form.c): the paper form the
 * villagers fill in and the clerk's tally sheet, for the backend and tests. */
#ifndef NB_POSTER_FORM_H
#define NB_POSTER_FORM_H

#include "poster/poster.h"

/* The A4 sheet of a form, and the scale its type is laid out at: the
 * smallest role (16 pt, the footer's) prints at 14.4 pt. */
#define FORM_WIDTH_MM 210.0
#define FORM_HEIGHT_MM 297.0
#define FORM_SCALE 0.9

/* Whether r gets a form and a tally sheet: a village's survey, not a
 * draft. */
bool form_wanted(const struct record *r);
/* Fills s for r's form (POSTER_FORM) or tally sheet (POSTER_TALLY): the
 * sheet of site.yaml's `formats: [{forms: {size: ...}}]` or A4, and a scale
 * that never sets type below the A4 form's. The path is left to the caller. */
void form_spec_fill(const struct county *c, const struct record *r,
    enum poster_kind kind, struct poster_spec *s);

#endif
