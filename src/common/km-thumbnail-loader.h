/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KM_TYPE_THUMBNAIL_LOADER (km_thumbnail_loader_get_type ())

G_DECLARE_FINAL_TYPE (KmThumbnailLoader, km_thumbnail_loader, KM, THUMBNAIL_LOADER, GObject)

KmThumbnailLoader *km_thumbnail_loader_new            (gsize                 max_bytes);
KmThumbnailLoader *km_thumbnail_loader_get_default    (void);
GdkTexture        *km_thumbnail_loader_lookup         (KmThumbnailLoader    *self,
                                                       GFile                *file,
                                                       int                   width,
                                                       int                   height,
                                                       int                   blur_radius);
void               km_thumbnail_loader_load_async     (KmThumbnailLoader    *self,
                                                       GFile                *file,
                                                       int                   width,
                                                       int                   height,
                                                       int                   blur_radius,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
GdkTexture        *km_thumbnail_loader_load_finish    (KmThumbnailLoader    *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
guint              km_thumbnail_loader_get_n_cached   (KmThumbnailLoader    *self);
gsize              km_thumbnail_loader_get_cached_bytes (KmThumbnailLoader  *self);
guint              km_thumbnail_loader_get_n_decoded  (KmThumbnailLoader    *self);
void               km_thumbnail_loader_clear          (KmThumbnailLoader    *self);
void               km_thumbnail_loader_hold           (KmThumbnailLoader    *self);
void               km_thumbnail_loader_release        (KmThumbnailLoader    *self);
gboolean           km_thumbnail_loader_get_held       (KmThumbnailLoader    *self);

GdkTexture        *km_image_render_texture            (GFile                *file,
                                                       int                   width,
                                                       int                   height,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
gboolean           km_image_file_is_svg               (GFile                *file);

G_END_DECLS
