/* pdfbox.h: a PDF's page boxes for print (the TrimBox and BleedBox a
 * print shop's preflight reads), added to what cairo wrote. */
#ifndef NB_RENDER_PDFBOX_H
#define NB_RENDER_PDFBOX_H

#include "util/util.h"

/* Gives every page of pdf (as cairo writes it: a classic cross-reference
 * table) a TrimBox margin points inside its MediaBox and a BleedBox bleed
 * points outside the trim (at most margin: the MediaBox). 0, or -1 with a
 * message in err (pdf unchanged). */
int pdf_set_boxes(struct buf *pdf, double margin, double bleed,
    struct buf *err);

#endif
