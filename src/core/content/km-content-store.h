/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-era.h"
#include "km-exhibit.h"
#include "km-figure.h"
#include "km-recognition.h"
#include "km-source.h"
#include "km-stat-section.h"
#include "km-timeline-entry.h"

G_BEGIN_DECLS

#define KM_TYPE_CONTENT_STORE (km_content_store_get_type ())

G_DECLARE_FINAL_TYPE (KmContentStore, km_content_store, KM, CONTENT_STORE, GObject)

/* Whether this machine can show a media file (src/core/media/): sets
 * *duration_ms when it knows it, or *problem and returns FALSE.
 */
typedef gboolean (*KmMediaProbeFunc) (GFile          *file,
                                      KmExhibitKind   kind,
                                      gint64         *duration_ms,
                                      char          **problem);

void             km_content_store_set_media_probe  (KmMediaProbeFunc probe);

typedef enum
{
  KM_CONTENT_LOAD_DEFAULT           = 0,
  KM_CONTENT_LOAD_SKIP_IMAGE_DECODE = 1 << 0,
} KmContentLoadFlags;

KmContentStore  *km_content_store_new              (void);
gboolean         km_content_store_load             (KmContentStore  *self,
                                                    GFile           *dir,
                                                    GPtrArray      **errors_out,
                                                    GError         **error);
gboolean         km_content_store_load_bundled     (KmContentStore  *self,
                                                    GError         **error);
GPtrArray       *km_content_store_validate_dir     (GFile           *dir);
gboolean         km_content_store_load_with_flags  (KmContentStore      *self,
                                                    GFile               *dir,
                                                    KmContentLoadFlags   flags,
                                                    GPtrArray          **errors_out,
                                                    GError             **error);
GPtrArray       *km_content_store_validate_dir_with_flags (GFile              *dir,
                                                           KmContentLoadFlags  flags);
gboolean         km_content_store_is_loaded        (KmContentStore  *self);
void             km_content_store_adopt            (KmContentStore  *self,
                                                    KmContentStore  *from);
void             km_content_store_set_loading      (KmContentStore  *self,
                                                    gboolean         loading);
gboolean         km_content_store_get_loading      (KmContentStore  *self);
GFile           *km_content_store_get_base_dir     (KmContentStore  *self);
GListModel      *km_content_store_get_sources      (KmContentStore  *self);
GListModel      *km_content_store_get_exhibits     (KmContentStore  *self);
GListModel      *km_content_store_get_eras         (KmContentStore  *self);
GListModel      *km_content_store_get_entries      (KmContentStore  *self);
GListModel      *km_content_store_get_sections     (KmContentStore  *self);
GListModel      *km_content_store_get_recognitions (KmContentStore  *self);
KmSource        *km_content_store_lookup_source    (KmContentStore  *self,
                                                    const char      *id);
KmExhibit       *km_content_store_lookup_exhibit   (KmContentStore  *self,
                                                    const char      *id);
KmTimelineEntry *km_content_store_lookup_entry     (KmContentStore  *self,
                                                    const char      *id);
KmEra           *km_content_store_lookup_era       (KmContentStore  *self,
                                                    const char      *id);
KmStatSection   *km_content_store_lookup_section   (KmContentStore  *self,
                                                    const char      *id);
KmFigure        *km_content_store_lookup_figure    (KmContentStore  *self,
                                                    const char      *id);

G_END_DECLS
