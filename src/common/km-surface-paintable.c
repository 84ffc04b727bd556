/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-surface-paintable"

#include "config.h"

#include "km-surface-paintable.h"

/* A texture's pixels, drawn as a cairo image.
 *
 * GTK 4.8's cairo renderer converts a memory texture through floats
 * every time it draws it: with twenty thumbnails on screen that was most
 * of a scrolling frame. Drawn from a cairo surface instead, a frame only
 * blits. The surface is made once per texture and kept with it.
 */
struct _KmSurfacePaintable
{
  GObject          parent_instance;

  cairo_surface_t *surface;
};

static void km_surface_paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KmSurfacePaintable, km_surface_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, km_surface_paintable_iface_init))

static void
km_surface_paintable_snapshot (GdkPaintable *paintable,
                               GdkSnapshot  *snapshot,
                               double        width,
                               double        height)
{
  KmSurfacePaintable *self = KM_SURFACE_PAINTABLE (paintable);
  int surface_width = cairo_image_surface_get_width (self->surface);
  int surface_height = cairo_image_surface_get_height (self->surface);
  cairo_t *cr;

  if (width <= 0 || height <= 0 || surface_width <= 0 || surface_height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, width / surface_width, height / surface_height);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static int
km_surface_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  return cairo_image_surface_get_width (KM_SURFACE_PAINTABLE (paintable)->surface);
}

static int
km_surface_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  return cairo_image_surface_get_height (KM_SURFACE_PAINTABLE (paintable)->surface);
}

static GdkPaintableFlags
km_surface_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
km_surface_paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = km_surface_paintable_snapshot;
  iface->get_intrinsic_width = km_surface_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = km_surface_paintable_get_intrinsic_height;
  iface->get_flags = km_surface_paintable_get_flags;
}

static void
km_surface_paintable_finalize (GObject *object)
{
  KmSurfacePaintable *self = KM_SURFACE_PAINTABLE (object);

  g_clear_pointer (&self->surface, cairo_surface_destroy);

  G_OBJECT_CLASS (km_surface_paintable_parent_class)->finalize (object);
}

static void
km_surface_paintable_class_init (KmSurfacePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = km_surface_paintable_finalize;
}

static void
km_surface_paintable_init (KmSurfacePaintable *self)
{
}

/**
 * km_surface_paintable_new_for_texture:
 *
 * Returns: (transfer full): a paintable that draws @texture's pixels
 */
GdkPaintable *
km_surface_paintable_new_for_texture (GdkTexture *texture)
{
  KmSurfacePaintable *self;
  cairo_surface_t *surface;

  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);

  surface = g_object_get_data (G_OBJECT (texture), KM_SURFACE_PAINTABLE_SURFACE_KEY);
  if (surface == NULL)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            gdk_texture_get_width (texture),
                                            gdk_texture_get_height (texture));
      gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                            cairo_image_surface_get_stride (surface));
      cairo_surface_mark_dirty (surface);
      g_object_set_data_full (G_OBJECT (texture), KM_SURFACE_PAINTABLE_SURFACE_KEY, surface,
                              (GDestroyNotify) cairo_surface_destroy);
    }

  self = g_object_new (KM_TYPE_SURFACE_PAINTABLE, NULL);
  self->surface = cairo_surface_reference (surface);

  return GDK_PAINTABLE (self);
}

/**
 * km_paintable_for_widget:
 *
 * The paintable that draws @texture fastest where @widget is shown: the
 * texture itself for the GL renderer, which keeps it on the GPU, a
 * #KmSurfacePaintable for the cairo renderer.
 *
 * Returns: (transfer full): a paintable for @texture
 */
GdkPaintable *
km_paintable_for_widget (GtkWidget  *widget,
                         GdkTexture *texture)
{
  GtkNative *native;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (GDK_IS_TEXTURE (texture), NULL);

  native = gtk_widget_get_native (widget);
  if (native != NULL && GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native)))
    return km_surface_paintable_new_for_texture (texture);

  return g_object_ref (GDK_PAINTABLE (texture));
}
