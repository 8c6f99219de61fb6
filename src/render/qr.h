/* qr.h: QR codes for the channels: a URL encoded once (libqrencode, held
 * under a lock), drawn into a cairo picture or written as a PNG. */
#ifndef NB_RENDER_QR_H
#define NB_RENDER_QR_H

#include <cairo.h>
#include <qrencode.h>

#include "util/util.h"

/* The quiet zone a reader needs around the code, in modules. */
#define QR_QUIET_MODULES 4

/* text encoded at error correction level M, or NULL with a message in err.
 * Free with QRcode_free. */
QRcode *qr_encode(const char *text, struct buf *err);

/* The code's dark modules, module units square, from (x, y): the quiet
 * zone is the caller's (a light area QR_QUIET_MODULES modules wide). */
void qr_draw(cairo_t *cr, const QRcode *q, double x, double y, double module);

/* The code of text as a PNG, module_px pixels a module, with its quiet
 * zone: 0, or -1 with a message in err. */
int qr_png(const char *text, int module_px, struct buf *out, struct buf *err);

#endif
