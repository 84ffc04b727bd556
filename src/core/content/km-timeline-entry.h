/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-content-enums.h"
#include "km-date.h"
#include "km-text.h"

G_BEGIN_DECLS

#define KM_TYPE_TIMELINE_ENTRY (km_timeline_entry_get_type ())

G_DECLARE_FINAL_TYPE (KmTimelineEntry, km_timeline_entry, KM, TIMELINE_ENTRY, GObject)

const char         *km_timeline_entry_get_id                (KmTimelineEntry *self);
const char         *km_timeline_entry_get_era_id            (KmTimelineEntry *self);
const KmDate       *km_timeline_entry_get_date              (KmTimelineEntry *self);
const KmDate       *km_timeline_entry_get_end               (KmTimelineEntry *self);
gboolean            km_timeline_entry_get_has_end           (KmTimelineEntry *self);
const char * const *km_timeline_entry_get_source_ids        (KmTimelineEntry *self);
const char * const *km_timeline_entry_get_exhibit_ids       (KmTimelineEntry *self);
const char         *km_timeline_entry_get_display_date      (KmTimelineEntry *self);
KmText             *km_timeline_entry_get_display_date_text (KmTimelineEntry *self);
const char         *km_timeline_entry_get_headline          (KmTimelineEntry *self);
KmText             *km_timeline_entry_get_headline_text     (KmTimelineEntry *self);
const char         *km_timeline_entry_get_text              (KmTimelineEntry *self);
KmText             *km_timeline_entry_get_text_text         (KmTimelineEntry *self);
guint               km_timeline_entry_get_index             (KmTimelineEntry *self);
gboolean            km_timeline_entry_get_date_known        (KmTimelineEntry *self);
const KmDate       *km_timeline_entry_get_position          (KmTimelineEntry *self);
const char         *km_timeline_entry_get_date_source_id    (KmTimelineEntry *self);
const char         *km_timeline_entry_get_placed_anchor_id  (KmTimelineEntry *self,
                                                             gboolean        *before);
const char         *km_timeline_entry_get_dated             (KmTimelineEntry *self);
KmText             *km_timeline_entry_get_dated_text        (KmTimelineEntry *self);
const char         *km_timeline_entry_get_placed            (KmTimelineEntry *self);
KmText             *km_timeline_entry_get_placed_text       (KmTimelineEntry *self);
const char         *km_timeline_entry_get_advisory          (KmTimelineEntry *self);
KmText             *km_timeline_entry_get_advisory_text     (KmTimelineEntry *self);

G_END_DECLS
