/* work.h: what the files of src/media share and no one else calls: the
 * decoder's pixels as they are stored, and the turn to upright. */
#ifndef NB_MEDIA_WORK_H
#define NB_MEDIA_WORK_H

#include "media/image.h"

/* media_decode without the turn: the pixels as the file stores them
 * (info->orientation says how to turn them). */
int media_decode_stored(const void *data, size_t len, int min_side,
    struct media_image *img, struct media_info *info, struct buf *err);

/* img turned upright from EXIF orientation (1-8), in place. */
void media_orient(struct media_image *img, int orientation);

#endif
