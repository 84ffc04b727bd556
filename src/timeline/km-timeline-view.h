/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "km-timeline-tour.h"

G_BEGIN_DECLS

#define KM_TYPE_TIMELINE_VIEW (km_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (KmTimelineView, km_timeline_view, KM, TIMELINE_VIEW, AdwBin)

void            km_timeline_view_select_entry      (KmTimelineView *self,
                                                    const char     *entry_id);
const char     *km_timeline_view_get_selected_id   (KmTimelineView *self);
KmTimelineTour *km_timeline_view_get_tour          (KmTimelineView *self);
gboolean        km_timeline_view_get_veiled        (KmTimelineView *self);

G_END_DECLS
