/* qr.c: QR codes as the channels show them: encoded by libqrencode, drawn
 * with cairo as whole rectangles per run of dark modules, or encoded as a
 * PNG of exact pixels (no scaling: each module whole pixels). */
#include "render/qr.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "render/png.h"
#include "util/i18n.h"

/* older libqrencode versions keep frames in a global cache */
static pthread_mutex_t encode_lock = PTHREAD_MUTEX_INITIALIZER;

QRcode *
qr_encode(const char *text, struct buf *err)
{
	QRcode *q;

	pthread_mutex_lock(&encode_lock);
	q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	pthread_mutex_unlock(&encode_lock);
	if (q == NULL)
		buf_printf(err, _("cannot encode the QR code for %s"), text);
	return q;
}

void
qr_draw(cairo_t *cr, const QRcode *q, double x, double y, double module)
{
	int w = q->width;

	/* a run of dark modules in a row is one rectangle: no seams between
	 * neighbours when the module is not a whole number of pixels */
	for (int row = 0; row < w; row++) {
		for (int col = 0; col < w;) {
			if (!(q->data[row * w + col] & 1)) {
				col++;
				continue;
			}
			int end = col;
			while (end < w && (q->data[row * w + end] & 1))
				end++;
			cairo_rectangle(cr, x + col * module, y + row * module,
			    (end - col) * module, module);
			col = end;
		}
	}
	cairo_fill(cr);
}

int
qr_png(const char *text, int module_px, struct buf *out, struct buf *err)
{
	QRcode *q = qr_encode(text, err);
	uint32_t *pixels = NULL;
	int side, rc = -1;

	if (q == NULL)
		return -1;
	if (module_px < 1)
		module_px = 1;
	side = (q->width + 2 * QR_QUIET_MODULES) * module_px;
	pixels = malloc((size_t)side * (size_t)side * sizeof *pixels);
	if (pixels == NULL) {
		buf_printf(err, _("out of memory"));
		goto out;
	}
	for (int y = 0; y < side; y++) {
		int row = y / module_px - QR_QUIET_MODULES;
		for (int x = 0; x < side; x++) {
			int col = x / module_px - QR_QUIET_MODULES;
			bool dark = row >= 0 && row < q->width && col >= 0 &&
			    col < q->width && (q->data[row * q->width + col] & 1);
			pixels[(size_t)y * (size_t)side + (size_t)x] = dark ?
			    0x000000u : 0xffffffu;
		}
	}
	if (nbpng_encode_rgb24((const unsigned char *)pixels, side, side,
	    side * (int)sizeof *pixels, out) != 0) {
		buf_printf(err, _("cannot make the PNG of the QR code for %s"),
		    text);
		goto out;
	}
	rc = 0;
out:
	free(pixels);
	QRcode_free(q);
	return rc;
}
