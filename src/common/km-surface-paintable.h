/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Object data on a #GdkTexture: a cairo image surface with its pixels. */
#define KM_SURFACE_PAINTABLE_SURFACE_KEY "km-cairo-surface"

#define KM_TYPE_SURFACE_PAINTABLE (km_surface_paintable_get_type ())

G_DECLARE_FINAL_TYPE (KmSurfacePaintable, km_surface_paintable, KM, SURFACE_PAINTABLE, GObject)

GdkPaintable *km_surface_paintable_new_for_texture (GdkTexture *texture);
GdkPaintable *km_paintable_for_widget              (GtkWidget  *widget,
                                                    GdkTexture *texture);

G_END_DECLS
