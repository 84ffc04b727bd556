/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KM_TYPE_STATISTICS_VIEW (km_statistics_view_get_type ())

G_DECLARE_FINAL_TYPE (KmStatisticsView, km_statistics_view, KM, STATISTICS_VIEW, AdwBin)

/* The page id of the recognitions, next to the statistics sections. */
#define KM_STATISTICS_RECOGNITIONS "recognitions"

const char *km_statistics_view_get_section         (KmStatisticsView *self);
void        km_statistics_view_set_section         (KmStatisticsView *self,
                                                    const char       *section_id);
const char *km_statistics_view_get_mode            (KmStatisticsView *self);
void        km_statistics_view_set_mode            (KmStatisticsView *self,
                                                    const char       *mode);
gboolean    km_statistics_view_get_sources_visible (KmStatisticsView *self);
void        km_statistics_view_set_sources_visible (KmStatisticsView *self,
                                                    gboolean          visible);
GtkWidget  *km_statistics_view_get_chart           (KmStatisticsView *self);
GtkWidget  *km_statistics_view_get_table           (KmStatisticsView *self);
GtkWidget  *km_statistics_view_get_sources_panel   (KmStatisticsView *self);
GPtrArray  *km_statistics_view_get_items           (KmStatisticsView *self);
GtkAdjustment *km_statistics_view_get_vadjustment  (KmStatisticsView *self);

G_END_DECLS
