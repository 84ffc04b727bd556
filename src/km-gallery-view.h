/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KM_TYPE_GALLERY_VIEW (km_gallery_view_get_type ())

G_DECLARE_FINAL_TYPE (KmGalleryView, km_gallery_view, KM, GALLERY_VIEW, AdwBin)

void km_gallery_view_open_exhibit (KmGalleryView *self,
                                   const char *exhibit_id);

G_END_DECLS
