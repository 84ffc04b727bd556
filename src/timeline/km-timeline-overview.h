/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "km-content-store.h"

G_BEGIN_DECLS

#define KM_TYPE_TIMELINE_OVERVIEW (km_timeline_overview_get_type ())

G_DECLARE_FINAL_TYPE (KmTimelineOverview, km_timeline_overview, KM, TIMELINE_OVERVIEW, GtkWidget)

#define KM_TIMELINE_OVERVIEW_MIN_ZOOM 1.0
#define KM_TIMELINE_OVERVIEW_MAX_ZOOM 8.0

GtkWidget     *km_timeline_overview_new               (void);
KmContentStore*km_timeline_overview_get_store         (KmTimelineOverview *self);
void           km_timeline_overview_set_store         (KmTimelineOverview *self,
                                                       KmContentStore     *store);
guint          km_timeline_overview_get_selected      (KmTimelineOverview *self);
void           km_timeline_overview_set_selected      (KmTimelineOverview *self,
                                                       guint               selected);
double         km_timeline_overview_get_zoom          (KmTimelineOverview *self);
void           km_timeline_overview_set_zoom          (KmTimelineOverview *self,
                                                       double              zoom);
void           km_timeline_overview_zoom_in           (KmTimelineOverview *self);
void           km_timeline_overview_zoom_out          (KmTimelineOverview *self);
GtkAdjustment *km_timeline_overview_get_hadjustment   (KmTimelineOverview *self);
double         km_timeline_overview_get_scroll        (KmTimelineOverview *self);
void           km_timeline_overview_set_scroll        (KmTimelineOverview *self,
                                                       double              fraction);
gboolean       km_timeline_overview_get_entry_bounds  (KmTimelineOverview *self,
                                                       guint               index,
                                                       graphene_rect_t    *bounds);
void           km_timeline_overview_refresh           (KmTimelineOverview *self);

G_END_DECLS
