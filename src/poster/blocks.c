/* blocks.c: the small pieces every composed poster is made of, for the
 * notices' boards (compose.c) and the assessment's (scores.c): dates and
 * periods in Chinese, unbreakable text, headings, labelled lines, list items
 * and the QR code of a sheet. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "poster/doc.h"
#include "util/i18n.h"

void
compose_date(struct buf *b, int32_t date, bool year)
{
	if (year)
		date_cn(date, b);
	else
		date_cn_short(date, b);
}

/* Text with U+2060 WORD JOINER between its characters: no line break in it. */
void
compose_joined(struct buf *b, const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n <= 0)
			n = 1;
		if (i > 0)
			buf_puts(b, "\xe2\x81\xa0");
		buf_put(b, s + i, (size_t)n);
		i += (size_t)n;
	}
}

void
compose_period(struct buf *b, const struct period *p, const char *text)
{
	if (p->kind == PERIOD_NONE)
		buf_puts(b, text ? text : "");
	else
		period_cn(p, b);
}

/* "label：value" with the label in bold. */
struct block *
compose_labelled(struct doc *d, enum text_role role, const char *label,
    const char *value)
{
	struct rich r = {0};
	r.text = arena_printf(d->arena, "%s：%s", label, value ? value : "—");
	rich_bold(d->arena, &r, 0, strlen(label) + strlen("："));
	struct block *b = doc_rich(d, role, r);
	b->space_before = MM(1.5);
	return b;
}

struct block *
compose_heading(struct doc *d, const char *text)
{
	/* a heading starts something new: it continues nothing */
	doc_section_end(d);
	struct block *b = doc_text(d, TR_HEADING, text);
	b->style = TS_BAR;
	b->space_before = MM(7);
	b->keep_with_next = true;
	return b;
}

struct block *
compose_item(struct doc *d, enum text_role role, const char *prefix,
    const char *text, double indent)
{
	struct rich r = {0};
	r.text = arena_printf(d->arena, "%s%s", prefix, text);
	struct block *b = doc_rich(d, role, r);
	b->hang_bytes = strlen(prefix);
	b->indent = indent;
	b->space_before = MM(1.5);
	return b;
}

static pthread_mutex_t qr_lock = PTHREAD_MUTEX_INITIALIZER;

/* The thread's last code and its address: a poster is composed more than
 * once (poster.c's lay_out), each time with the same address. */
struct qr_kept {
	char *url;
	QRcode *qr;
};

static void
qr_kept_free(void *p)
{
	struct qr_kept *k = p;

	if (k == NULL)
		return;
	free(k->url);
	QRcode_free(k->qr);
	free(k);
}

static GPrivate qr_kept = G_PRIVATE_INIT(qr_kept_free);

/* A copy of url's code, for the doc to free; NULL when it cannot be
 * encoded. */
static QRcode *
qr_of(const char *url)
{
	struct qr_kept *k = g_private_get(&qr_kept);

	if (k == NULL || strcmp(k->url, url) != 0) {
		QRcode *qr;
		/* libqrencode is guarded: older versions cache frames
		 * globally */
		pthread_mutex_lock(&qr_lock);
		qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
		pthread_mutex_unlock(&qr_lock);
		if (qr == NULL)
			return NULL;
		k = xmalloc(sizeof *k);
		k->url = xstrdup(url);
		k->qr = qr;
		g_private_replace(&qr_kept, k);
	}
	QRcode *copy = xmalloc(sizeof *copy);
	size_t n = (size_t)k->qr->width * (size_t)k->qr->width;
	*copy = *k->qr;
	copy->data = xmalloc(n);
	memcpy(copy->data, k->qr->data, n);
	return copy;
}

int
compose_qr(struct doc *d, const char *url, struct buf *err)
{
	d->qr_url = url;
	d->qr = qr_of(url);
	if (d->qr == NULL) {
		buf_printf(err, _("cannot encode the QR code for %s"), url);
		return -1;
	}
	/* about 44 mm across, and on a poster at least QR_MODULE_MIN a
	 * module, so that the code scans in the 50-dpi preview too: 62.5 mm
	 * for a village's address (version 4, 33 modules and the quiet zone).
	 * A print format drawn larger (scale) prints larger modules anyway;
	 * its preview is drawn finer instead (draw_png), its layout kept. */
	d->qr_module = MM(44) / (d->qr->width + 8);
	if (d->qr_module < MM(1))
		d->qr_module = MM(1);
	if (d->scale <= 1 && d->qr_module < QR_MODULE_MIN)
		d->qr_module = QR_MODULE_MIN;
	return 0;
}
