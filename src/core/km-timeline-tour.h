/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-clock.h"

G_BEGIN_DECLS

#define KM_TYPE_TIMELINE_TOUR (km_timeline_tour_get_type ())

G_DECLARE_FINAL_TYPE (KmTimelineTour, km_timeline_tour, KM, TIMELINE_TOUR, GObject)

#define KM_TIMELINE_TOUR_DEFAULT_DURATION_MS 15000

KmTimelineTour *km_timeline_tour_new          (GListModel     *entries,
                                               KmClock        *clock);
GListModel     *km_timeline_tour_get_entries  (KmTimelineTour *self);
KmClock        *km_timeline_tour_get_clock    (KmTimelineTour *self);
void            km_timeline_tour_set_clock    (KmTimelineTour *self,
                                               KmClock        *clock);
gboolean        km_timeline_tour_get_playing  (KmTimelineTour *self);
void            km_timeline_tour_set_playing  (KmTimelineTour *self,
                                               gboolean        playing);
void            km_timeline_tour_play         (KmTimelineTour *self);
void            km_timeline_tour_pause        (KmTimelineTour *self);
void            km_timeline_tour_toggle       (KmTimelineTour *self);
guint           km_timeline_tour_get_duration (KmTimelineTour *self);
void            km_timeline_tour_set_duration (KmTimelineTour *self,
                                               guint           duration_ms);
guint           km_timeline_tour_get_position (KmTimelineTour *self);
void            km_timeline_tour_set_position (KmTimelineTour *self,
                                               guint           position);
gpointer        km_timeline_tour_dup_entry    (KmTimelineTour *self);
void            km_timeline_tour_advance      (KmTimelineTour *self);

G_END_DECLS
