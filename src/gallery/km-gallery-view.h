/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "km-slideshow.h"

G_BEGIN_DECLS

#define KM_TYPE_GALLERY_VIEW (km_gallery_view_get_type ())

G_DECLARE_FINAL_TYPE (KmGalleryView, km_gallery_view, KM, GALLERY_VIEW, AdwBin)

void         km_gallery_view_open_exhibit      (KmGalleryView *self,
                                                const char    *exhibit_id);
void         km_gallery_view_close_viewer      (KmGalleryView *self);
gboolean     km_gallery_view_get_viewer_open   (KmGalleryView *self);
const char  *km_gallery_view_get_exhibit_id    (KmGalleryView *self);
KmSlideshow *km_gallery_view_get_slideshow     (KmGalleryView *self);
GListModel  *km_gallery_view_get_model         (KmGalleryView *self);
void         km_gallery_view_set_search        (KmGalleryView *self,
                                                const char    *text);
gboolean     km_gallery_view_set_kind_filter   (KmGalleryView *self,
                                                int            kind);
gboolean     km_gallery_view_set_era_filter    (KmGalleryView *self,
                                                const char    *era_id);
double       km_gallery_view_get_zoom          (KmGalleryView *self);
gboolean     km_gallery_view_get_veiled        (KmGalleryView *self);

G_END_DECLS
