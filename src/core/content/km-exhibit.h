/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-content-enums.h"
#include "km-date.h"
#include "km-text.h"

G_BEGIN_DECLS

#define KM_TYPE_EXHIBIT (km_exhibit_get_type ())

G_DECLARE_FINAL_TYPE (KmExhibit, km_exhibit, KM, EXHIBIT, GObject)

/* One <captions> file of a video or audio exhibit. */
typedef struct
{
  char  *lang;     /* NULL for English */
  char  *src;      /* as written, relative to the pack */
  GFile *file;
  int    line;     /* of the <captions> element in exhibits.xml */
  int    column;
} KmCaptionTrack;

const char         *km_exhibit_get_id               (KmExhibit *self);
KmExhibitKind       km_exhibit_get_kind             (KmExhibit *self);
const char         *km_exhibit_get_image            (KmExhibit *self);
GFile              *km_exhibit_get_image_file       (KmExhibit *self);
const KmDate       *km_exhibit_get_date             (KmExhibit *self);
gboolean            km_exhibit_get_has_date         (KmExhibit *self);
const char * const *km_exhibit_get_source_ids       (KmExhibit *self);
const char * const *km_exhibit_get_entry_ids        (KmExhibit *self);
const char         *km_exhibit_get_title            (KmExhibit *self);
KmText             *km_exhibit_get_title_text       (KmExhibit *self);
const char         *km_exhibit_get_caption          (KmExhibit *self);
KmText             *km_exhibit_get_caption_text     (KmExhibit *self);
const char         *km_exhibit_get_description      (KmExhibit *self);
KmText             *km_exhibit_get_description_text (KmExhibit *self);
const char         *km_exhibit_get_alt              (KmExhibit *self);
KmText             *km_exhibit_get_alt_text         (KmExhibit *self);
const char         *km_exhibit_get_credit           (KmExhibit *self);
KmText             *km_exhibit_get_credit_text      (KmExhibit *self);
const char         *km_exhibit_get_rights           (KmExhibit *self);
KmText             *km_exhibit_get_rights_text      (KmExhibit *self);
const char         *km_exhibit_get_advisory         (KmExhibit *self);
KmText             *km_exhibit_get_advisory_text    (KmExhibit *self);
gboolean            km_exhibit_is_media             (KmExhibit *self);
gboolean            km_exhibit_is_pdf               (KmExhibit *self);
const char         *km_exhibit_get_media            (KmExhibit *self);
GFile              *km_exhibit_get_media_file       (KmExhibit *self);
GPtrArray          *km_exhibit_get_captions         (KmExhibit *self);
GFile              *km_exhibit_get_captions_file    (KmExhibit  *self,
                                                     const char *lang);
const char         *km_exhibit_get_transcript       (KmExhibit *self);
KmText             *km_exhibit_get_transcript_text  (KmExhibit *self);
gint64              km_exhibit_get_duration_ms      (KmExhibit *self);
GFile              *km_exhibit_get_card_file        (KmExhibit *self);

void                km_caption_track_free           (KmCaptionTrack *track);

G_END_DECLS
