/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-bar-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "km-bar-chart.h"
#include "km-chart-bar.h"
#include "km-chart-data.h"

/* Bars from a common baseline, one per value, top to bottom: never stacked,
 * so overlapping groups are not read as parts that add up. Values of a
 * figure follow its first value without repeating the caption; groups of
 * a different kind (families against people) start a new scale after a
 * separator; recognitions get a heading per reporting source.
 */
struct _KmBarChart
{
  GtkWidget  parent_instance;

  GPtrArray *bars;   /* (element-type KmChartBar) (unowned): children */
};

G_DEFINE_FINAL_TYPE (KmBarChart, km_bar_chart, GTK_TYPE_WIDGET)

/* Every bar of the chart keeps room for the widest value label, so all
 * share one scale length.
 */
static double
get_reserve (gpointer data)
{
  KmBarChart *self = data;
  double reserve = 0;

  for (guint i = 0; i < self->bars->len; i++)
    reserve = MAX (reserve, km_chart_bar_get_value_width (g_ptr_array_index (self->bars, i)));

  return reserve;
}

static void
km_bar_chart_dispose (GObject *object)
{
  KmBarChart *self = KM_BAR_CHART (object);
  GtkWidget *child;

  g_ptr_array_set_size (self->bars, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (km_bar_chart_parent_class)->dispose (object);
}

static void
km_bar_chart_finalize (GObject *object)
{
  KmBarChart *self = KM_BAR_CHART (object);

  g_clear_pointer (&self->bars, g_ptr_array_unref);

  G_OBJECT_CLASS (km_bar_chart_parent_class)->finalize (object);
}

static void
km_bar_chart_class_init (KmBarChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_bar_chart_dispose;
  object_class->finalize = km_bar_chart_finalize;

  gtk_widget_class_set_css_name (widget_class, "kmbarchart");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
km_bar_chart_init (KmBarChart *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  self->bars = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 12);
}

static void
append_heading (KmBarChart *self,
                const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, gtk_widget_get_first_child (GTK_WIDGET (self)) ? 12 : 0);
  gtk_widget_set_parent (label, GTK_WIDGET (self));
}

GtkWidget *
km_bar_chart_new (KmContentStore *store,
                  GPtrArray      *items)
{
  KmBarChart *self;
  const char *group = NULL;
  const char *scale_key = NULL;

  g_return_val_if_fail (KM_IS_CONTENT_STORE (store), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  self = g_object_new (KM_TYPE_BAR_CHART, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const KmChartItem *item = g_ptr_array_index (items, i);
      GtkWidget *bar;

      if (item->group_title != NULL && g_strcmp0 (group, item->group_title) != 0)
        {
          group = item->group_title;
          append_heading (self, group);
        }
      else if (scale_key != NULL && g_strcmp0 (scale_key, item->scale_key) != 0)
        gtk_widget_set_parent (gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), GTK_WIDGET (self));
      scale_key = item->scale_key;

      bar = km_chart_bar_new (store, item, item->value_index == 0);
      km_chart_bar_set_reserve_func (KM_CHART_BAR (bar), get_reserve, self);
      gtk_widget_set_parent (bar, GTK_WIDGET (self));
      g_ptr_array_add (self->bars, bar);
    }

  return GTK_WIDGET (self);
}
