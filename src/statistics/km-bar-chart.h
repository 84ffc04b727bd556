/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "km-content-store.h"

G_BEGIN_DECLS

#define KM_TYPE_BAR_CHART (km_bar_chart_get_type ())

G_DECLARE_FINAL_TYPE (KmBarChart, km_bar_chart, KM, BAR_CHART, GtkWidget)

GtkWidget *km_bar_chart_new (KmContentStore *store,
                             GPtrArray      *items);

G_END_DECLS
