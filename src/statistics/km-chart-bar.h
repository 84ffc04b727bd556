/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "km-chart-data.h"
#include "km-content-store.h"

G_BEGIN_DECLS

#define KM_TYPE_CHART_BAR (km_chart_bar_get_type ())

G_DECLARE_FINAL_TYPE (KmChartBar, km_chart_bar, KM, CHART_BAR, GtkWidget)

GtkWidget         *km_chart_bar_new              (KmContentStore    *store,
                                                  const KmChartItem *item,
                                                  gboolean           show_caption);
const KmChartItem *km_chart_bar_get_item         (KmChartBar        *self);
const char        *km_chart_bar_get_value_text   (KmChartBar        *self);
double             km_chart_bar_get_value_width  (KmChartBar        *self);
double             km_chart_bar_get_bar_length   (KmChartBar        *self);
void               km_chart_bar_set_reserve_func (KmChartBar        *self,
                                                  double           (*func) (gpointer),
                                                  gpointer           data);
GtkPopover        *km_chart_bar_show_details     (KmChartBar        *self);

G_END_DECLS
