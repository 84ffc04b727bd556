/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KM_TYPE_FIGURE_TABLE (km_figure_table_get_type ())

G_DECLARE_FINAL_TYPE (KmFigureTable, km_figure_table, KM, FIGURE_TABLE, GtkWidget)

enum
{
  KM_FIGURE_TABLE_COLUMN_FIGURE,
  KM_FIGURE_TABLE_COLUMN_VALUE,
  KM_FIGURE_TABLE_COLUMN_SOURCES,
  KM_FIGURE_TABLE_N_COLUMNS
};

GtkWidget  *km_figure_table_new           (GPtrArray     *items,
                                           gboolean       selectable);
guint       km_figure_table_get_n_rows    (KmFigureTable *self);
const char *km_figure_table_get_cell_text (KmFigureTable *self,
                                           guint          row,
                                           guint          column);

G_END_DECLS
