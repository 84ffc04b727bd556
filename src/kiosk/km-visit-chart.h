/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KM_TYPE_VISIT_CHART (km_visit_chart_get_type ())

G_DECLARE_FINAL_TYPE (KmVisitChart, km_visit_chart, KM, VISIT_CHART, GtkWidget)

GtkWidget *km_visit_chart_new        (void);
void       km_visit_chart_set_values (KmVisitChart *self,
                                      const guint   visits[24]);
guint      km_visit_chart_get_value  (KmVisitChart *self,
                                      guint         hour);

G_END_DECLS
