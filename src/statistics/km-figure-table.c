/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-figure-table"

#include "config.h"

#include <glib/gi18n.h>

#include "km-chart-data.h"
#include "km-figure-table.h"
#include "km-widget-util.h"

/* The numbers of a chart as a grid of labels, one row per value: what a
 * screen reader reads and what a visitor who prefers text sees. Labels
 * wrap, so it fits at 360 px.
 */
struct _KmFigureTable
{
  GtkWidget  parent_instance;

  GtkGrid   *grid;
  GPtrArray *cells;  /* (element-type GtkLabel) row-major, without the header */
};

G_DEFINE_FINAL_TYPE (KmFigureTable, km_figure_table, GTK_TYPE_WIDGET)

static GtkWidget *
make_cell (const char *text,
           const char *css_class,
           gboolean    selectable)
{
  GtkWidget *label = km_wrapped_label_new (text, css_class);

  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  gtk_widget_set_hexpand (label, TRUE);

  return label;
}

static void
km_figure_table_dispose (GObject *object)
{
  KmFigureTable *self = KM_FIGURE_TABLE (object);

  if (self->grid != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->grid));
      self->grid = NULL;
    }
  g_clear_pointer (&self->cells, g_ptr_array_unref);

  G_OBJECT_CLASS (km_figure_table_parent_class)->dispose (object);
}

static void
km_figure_table_class_init (KmFigureTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_figure_table_dispose;

  gtk_widget_class_set_css_name (widget_class, "kmfiguretable");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TABLE);
}

static void
km_figure_table_init (KmFigureTable *self)
{
  self->cells = g_ptr_array_new ();
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_grid_set_row_spacing (self->grid, 10);
  gtk_widget_set_parent (GTK_WIDGET (self->grid), GTK_WIDGET (self));
}

GtkWidget *
km_figure_table_new (GPtrArray *items,
                     gboolean   selectable)
{
  KmFigureTable *self;
  const char *group = NULL;
  int row = 0;

  g_return_val_if_fail (items != NULL, NULL);

  self = g_object_new (KM_TYPE_FIGURE_TABLE, NULL);

  gtk_grid_attach (self->grid, make_cell (C_("table column", "Figure"), "heading", selectable), 0, row, 1, 1);
  gtk_grid_attach (self->grid, make_cell (C_("table column", "Value"), "heading", selectable), 1, row, 1, 1);
  gtk_grid_attach (self->grid, make_cell (C_("table column", "Sources"), "heading", selectable), 2, row, 1, 1);
  row++;

  for (guint i = 0; i < items->len; i++)
    {
      const KmChartItem *item = g_ptr_array_index (items, i);
      GtkWidget *cells[KM_FIGURE_TABLE_N_COLUMNS];

      if (item->group_title != NULL && g_strcmp0 (group, item->group_title) != 0)
        {
          group = item->group_title;
          gtk_grid_attach (self->grid, make_cell (group, "heading", selectable), 0, row++, 3, 1);
        }

      gtk_grid_attach (self->grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, row++, 3, 1);

      cells[KM_FIGURE_TABLE_COLUMN_FIGURE] = make_cell (item->caption, NULL, selectable);
      cells[KM_FIGURE_TABLE_COLUMN_VALUE] = make_cell (item->value_text, "numeric", selectable);
      cells[KM_FIGURE_TABLE_COLUMN_SOURCES] = make_cell (item->sources_text, NULL, selectable);

      for (guint c = 0; c < KM_FIGURE_TABLE_N_COLUMNS; c++)
        {
          gtk_grid_attach (self->grid, cells[c], c, row, 1, 1);
          g_ptr_array_add (self->cells, cells[c]);
        }
      row++;

      if (item->bodies != NULL)
        {
          g_autofree char *bodies = g_strjoinv ("\n", item->bodies);
          GtkWidget *list = make_cell (bodies, "dim-label", selectable);

          gtk_grid_attach (self->grid, list, 1, row++, 2, 1);
        }
    }

  return GTK_WIDGET (self);
}

guint
km_figure_table_get_n_rows (KmFigureTable *self)
{
  g_return_val_if_fail (KM_IS_FIGURE_TABLE (self), 0);

  return self->cells->len / KM_FIGURE_TABLE_N_COLUMNS;
}

const char *
km_figure_table_get_cell_text (KmFigureTable *self,
                               guint          row,
                               guint          column)
{
  g_return_val_if_fail (KM_IS_FIGURE_TABLE (self), NULL);
  g_return_val_if_fail (column < KM_FIGURE_TABLE_N_COLUMNS, NULL);
  g_return_val_if_fail (row < km_figure_table_get_n_rows (self), NULL);

  return gtk_label_get_label (g_ptr_array_index (self->cells, row * KM_FIGURE_TABLE_N_COLUMNS + column));
}
