/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KM_TYPE_VIDEO_PAINTABLE (km_video_paintable_get_type ())

G_DECLARE_FINAL_TYPE (KmVideoPaintable, km_video_paintable, KM, VIDEO_PAINTABLE, GObject)

KmVideoPaintable *km_video_paintable_new              (GdkPaintable     *source);
GdkPaintable     *km_video_paintable_get_source       (KmVideoPaintable *self);
gboolean          km_video_paintable_get_scaling      (KmVideoPaintable *self);
void              km_video_paintable_set_scaling      (KmVideoPaintable *self,
                                                       gboolean          scaling,
                                                       int               scale_factor);
guint             km_video_paintable_get_n_frames     (KmVideoPaintable *self);
guint             km_video_paintable_get_n_scaled     (KmVideoPaintable *self);
guint             km_video_paintable_get_n_skipped    (KmVideoPaintable *self);

G_END_DECLS
