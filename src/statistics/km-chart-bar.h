/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "km-chart-data.h"
#include "km-content-store.h"

G_BEGIN_DECLS

#define KM_TYPE_CHART_BAR (km_chart_bar_get_type ())

G_DECLARE_FINAL_TYPE (KmChartBar, km_chart_bar, KM, CHART_BAR, GtkWidget)

/* Activating "bar.details" (a click, Enter or Space) opens a popover with
 * the value's sources and notes. */

GtkWidget         *km_chart_bar_new              (KmContentStore    *store,
                                                  const KmChartItem *item,
                                                  gboolean           show_caption);
double             km_chart_bar_get_value_width  (KmChartBar        *self);
double             km_chart_bar_get_bar_length   (KmChartBar        *self);
void               km_chart_bar_set_reserve_func (KmChartBar        *self,
                                                  double           (*func) (gpointer),
                                                  gpointer           data);

G_END_DECLS
