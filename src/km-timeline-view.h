/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KM_TYPE_TIMELINE_VIEW (km_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (KmTimelineView, km_timeline_view, KM, TIMELINE_VIEW, AdwBin)

void km_timeline_view_select_entry (KmTimelineView *self,
                                    const char *entry_id);

G_END_DECLS
