/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pictogram"

#include "config.h"

#include <math.h>

#include "km-chart-geometry.h"
#include "km-pictogram.h"

/* One quiet round mark per person, in blocks of a hundred; the colour is
 * the widget's CSS colour, so it follows the light, dark and high-contrast
 * styles.
 */
struct _KmPictogram
{
  GtkWidget parent_instance;

  guint     n_marks;
  guint     n_drawn;
};

G_DEFINE_FINAL_TYPE (KmPictogram, km_pictogram, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
km_pictogram_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
km_pictogram_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  KmPictogram *self = KM_PICTOGRAM (widget);
  KmPictogramLayout layout;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 80;
      *natural = 720;
      return;
    }

  /* Unconstrained: the height at the smallest width, the tallest. */
  km_chart_pictogram_layout (self->n_marks, for_size < 0 ? 80 : for_size, &layout);
  *minimum = *natural = (int) ceil (layout.height);
}

static void
km_pictogram_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  KmPictogram *self = KM_PICTOGRAM (widget);
  KmPictogramLayout layout;
  GdkRGBA color;
  double offset;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  km_chart_pictogram_layout (self->n_marks, gtk_widget_get_width (widget), &layout);
  offset = floor ((gtk_widget_get_width (widget) - layout.width) / 2);

  self->n_drawn = 0;
  for (guint i = 0; i < layout.n_marks; i++)
    {
      KmChartRect rect;
      GskRoundedRect rounded;
      graphene_rect_t bounds;

      km_chart_pictogram_mark_rect (&layout, i, &rect);
      bounds = GRAPHENE_RECT_INIT (offset + rect.x, rect.y, rect.width, rect.height);
      gsk_rounded_rect_init_from_rect (&rounded, &bounds, rect.width / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &color, &bounds);
      gtk_snapshot_pop (snapshot);
      self->n_drawn++;
    }
}

static void
km_pictogram_class_init (KmPictogramClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->get_request_mode = km_pictogram_get_request_mode;
  widget_class->measure = km_pictogram_measure;
  widget_class->snapshot = km_pictogram_snapshot;

  gtk_widget_class_set_css_name (widget_class, "kmpictogram");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
km_pictogram_init (KmPictogram *self)
{
}

GtkWidget *
km_pictogram_new (guint       n_marks,
                  const char *description)
{
  KmPictogram *self = g_object_new (KM_TYPE_PICTOGRAM, NULL);

  self->n_marks = n_marks;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);

  return GTK_WIDGET (self);
}

guint
km_pictogram_get_n_marks (KmPictogram *self)
{
  g_return_val_if_fail (KM_IS_PICTOGRAM (self), 0);

  return self->n_marks;
}

/* How many marks the last frame drew. */
guint
km_pictogram_get_n_drawn (KmPictogram *self)
{
  g_return_val_if_fail (KM_IS_PICTOGRAM (self), 0);

  return self->n_drawn;
}
