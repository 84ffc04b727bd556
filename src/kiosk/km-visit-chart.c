/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-visit-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "km-i18n.h"
#include "km-visit-chart.h"

/* Today's visits per hour on the staff menu: 24 bars, the hours 0, 6, 12
 * and 18 under them and the highest count above. Sized from the widget's
 * Pango context (large text) and coloured from the style (high contrast).
 * A chart of its own: the statistics view's charts belong to that feature
 * and draw a content pack's figures, not counts by hour.
 */
#define BAR_AREA_EM 5

struct _KmVisitChart
{
  GtkWidget parent_instance;

  guint     visits[24];
};

G_DEFINE_FINAL_TYPE (KmVisitChart, km_visit_chart, GTK_TYPE_WIDGET)

static PangoLayout *
make_layout (KmVisitChart *self,
             const char   *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  return layout;
}

static int
get_line_height (KmVisitChart *self)
{
  g_autoptr(PangoLayout) layout = make_layout (self, "0");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static void
km_visit_chart_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  KmVisitChart *self = KM_VISIT_CHART (widget);
  int line = get_line_height (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 24 * 4;
  else
    *minimum = *natural = line * (BAR_AREA_EM + 2);
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           const GdkRGBA *color,
           float          x,
           float          y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
km_visit_chart_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  KmVisitChart *self = KM_VISIT_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int line = get_line_height (self);
  float top = line, bottom = height - line * 1.2f;
  float slot = width / 24.0f;
  GdkRGBA fg, bar, grid;
  guint max = 0;
  g_autofree char *max_text = NULL;
  g_autoptr(PangoLayout) max_layout = NULL;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  bar = fg;
  bar.alpha = 0.75f;
  grid = fg;
  grid.alpha = 0.25f;

  for (guint h = 0; h < 24; h++)
    max = MAX (max, self->visits[h]);

  /* The axis */
  gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (0, bottom, width, 1));

  for (guint h = 0; h < 24; h++)
    {
      float bar_height = max > 0 ? (bottom - top) * self->visits[h] / max : 0;

      if (self->visits[h] > 0)
        gtk_snapshot_append_color (snapshot, &bar,
                                   &GRAPHENE_RECT_INIT (h * slot + slot * 0.15f, bottom - bar_height,
                                                        slot * 0.7f, bar_height));
      if (h % 6 == 0)
        {
          g_autofree char *hour = g_strdup_printf ("%02u:00", h);
          g_autoptr(PangoLayout) layout = make_layout (self, hour);

          draw_text (snapshot, layout, &fg, h * slot, bottom + line * 0.15f);
        }
    }

  /* The highest bar's count, so the bars have a scale. */
  max_text = km_i18n_format_number (max, km_i18n_get_language ());
  max_layout = make_layout (self, max_text);
  gtk_snapshot_append_color (snapshot, &grid, &GRAPHENE_RECT_INIT (0, top, width, 1));
  draw_text (snapshot, max_layout, &fg, 0, 0);
}

static void
km_visit_chart_class_init (KmVisitChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = km_visit_chart_measure;
  widget_class->snapshot = km_visit_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "km-visit-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
km_visit_chart_init (KmVisitChart *self)
{
}

GtkWidget *
km_visit_chart_new (void)
{
  return g_object_new (KM_TYPE_VISIT_CHART, NULL);
}

/**
 * km_visit_chart_set_values:
 * @visits: visits that began in each hour of the day, 0–23
 *
 * Also says it in words for screen readers: the total and the busiest
 * hour.
 */
void
km_visit_chart_set_values (KmVisitChart *self,
                           const guint   visits[24])
{
  g_autofree char *description = NULL;
  guint total = 0, busiest = 0;

  g_return_if_fail (KM_IS_VISIT_CHART (self));

  for (guint h = 0; h < 24; h++)
    {
      self->visits[h] = visits[h];
      total += visits[h];
      if (visits[h] > visits[busiest])
        busiest = h;
    }

  if (total == 0)
    description = g_strdup (_("No visits today"));
  else
    /* Translators: a chart's description for screen readers; %1$u is the
     * number of visits today, %2$02u the hour (0–23) of the busiest hour,
     * as in “14:00” */
    description = g_strdup_printf (ngettext ("%1$u visit today; the busiest hour began at %2$02u:00",
                                             "%1$u visits today; the busiest hour began at %2$02u:00", total),
                                   total, busiest);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
km_visit_chart_get_value (KmVisitChart *self,
                          guint         hour)
{
  g_return_val_if_fail (KM_IS_VISIT_CHART (self), 0);
  g_return_val_if_fail (hour < 24, 0);

  return self->visits[hour];
}
