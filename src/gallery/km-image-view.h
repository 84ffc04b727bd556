/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KM_TYPE_IMAGE_VIEW (km_image_view_get_type ())

G_DECLARE_FINAL_TYPE (KmImageView, km_image_view, KM, IMAGE_VIEW, GtkWidget)

/**
 * KmImageViewDrawFunc:
 * @snapshot: where to draw
 * @content: the whole picture's place at the current zoom, in widget
 *   coordinates (it may reach far outside the widget)
 * @visible: the part of @content inside the widget; only it need be drawn
 * @user_data: the data given with the function
 *
 * Draws a picture that is not an image file (a document's page) at the
 * size it is shown. Called inside a clip to @visible.
 */
typedef void (*KmImageViewDrawFunc) (GtkSnapshot           *snapshot,
                                     const graphene_rect_t *content,
                                     const graphene_rect_t *visible,
                                     gpointer               user_data);

#define KM_IMAGE_VIEW_MIN_ZOOM 1.0
#define KM_IMAGE_VIEW_MAX_ZOOM 8.0

GtkWidget  *km_image_view_new          (void);
GFile      *km_image_view_get_file     (KmImageView *self);
void        km_image_view_set_file     (KmImageView *self,
                                        GFile       *file);
void        km_image_view_set_draw_func (KmImageView         *self,
                                         double               width,
                                         double               height,
                                         KmImageViewDrawFunc  func,
                                         gpointer             user_data,
                                         GDestroyNotify       destroy);
gboolean    km_image_view_get_loaded   (KmImageView *self);
double      km_image_view_get_zoom     (KmImageView *self);
void        km_image_view_set_zoom     (KmImageView *self,
                                        double       zoom);
void        km_image_view_zoom_at      (KmImageView *self,
                                        double       zoom,
                                        double       x,
                                        double       y);
void        km_image_view_zoom_in      (KmImageView *self);
void        km_image_view_zoom_out     (KmImageView *self);
const char *km_image_view_get_alt_text (KmImageView *self);
void        km_image_view_set_alt_text (KmImageView *self,
                                        const char  *alt_text);

G_END_DECLS
