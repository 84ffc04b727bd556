/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The records are read-only to the rest of the application; the parser
 * fills their fields directly.
 */

#include <gio/gio.h>

#include "km-content-enums.h"
#include "km-date.h"
#include "km-era.h"
#include "km-exhibit.h"
#include "km-figure.h"
#include "km-figure-value.h"
#include "km-recognition.h"
#include "km-source.h"
#include "km-stat-section.h"
#include "km-text.h"
#include "km-timeline-entry.h"

G_BEGIN_DECLS

/* Where something starts in its file: 1-based line and column. */
typedef struct
{
  int line;
  int column;
} KmPos;

struct _KmSource
{
  GObject       parent_instance;
  char         *id;
  KmSourceKind  kind;
  KmDate        published;
  gboolean      has_published;
  char         *title;
  KmText       *publisher;
  KmText       *description;
  char         *citation;
  KmPos         pos;
  KmPos         id_pos;
};

struct _KmExhibit
{
  GObject        parent_instance;
  char          *id;
  KmExhibitKind  kind;
  char          *image;
  GFile         *image_file;
  KmDate         date;
  gboolean       has_date;
  char         **source_ids;
  char         **entry_ids;
  KmText        *title;
  KmText        *caption;
  KmText        *description;
  KmText        *alt;
  KmText        *credit;
  KmText        *rights;
  KmText        *advisory;
  /* media exhibits (video, audio, a PDF document); for them image is the
   * optional poster= */
  char          *media;
  GFile         *media_file;
  GPtrArray     *captions;        /* KmCaptionTrack */
  KmText        *transcript;      /* video and audio */
  KmText        *transcription;   /* documents */
  gint64         duration_ms;     /* -1 until a media check measured it */
  KmPos          pos;
  KmPos          id_pos;
  KmPos          image_pos;
  KmPos          media_pos;
  KmPos          sources_pos;
  KmPos          entries_pos;
};

struct _KmEra
{
  GObject  parent_instance;
  char    *id;
  KmDate   start;
  KmDate   end;
  KmText  *title;
  KmPos    pos;
  KmPos    id_pos;
};

struct _KmTimelineEntry
{
  GObject   parent_instance;
  char     *id;
  char     *era_id;
  KmDate    date;
  KmDate    end;
  gboolean  has_end;
  char    **source_ids;
  char    **exhibit_ids;
  KmText   *display_date;
  KmText   *headline;
  KmText   *text;
  KmText   *dated;          /* what the source says about an approximate date */
  KmText   *placed;         /* why an entry of unknown date stands where it does */
  KmText   *advisory;
  gboolean  date_known;
  char     *date_source_id;
  char     *placed_anchor_id;
  gboolean  placed_before;  /* before its anchor, else after it */
  KmDate    position;       /* where the entry stands: its date, or its anchor's */
  guint     index;
  KmPos     pos;
  KmPos     id_pos;
  KmPos     era_pos;
  KmPos     sources_pos;
  KmPos     exhibits_pos;
  KmPos     date_source_pos;
  KmPos     placed_pos;
};

struct _KmStatSection
{
  GObject      parent_instance;
  char        *id;
  KmChartKind  chart;
  KmText      *title;
  KmText      *description;
  GListStore  *figures;
  KmPos        pos;
  KmPos        id_pos;
};

struct _KmFigure
{
  GObject       parent_instance;
  char         *id;
  char         *section_id;
  char         *unit;
  KmFigureRole  role;
  char         *within;
  KmText       *label;
  KmText       *why;
  GListStore   *values;
  KmPos         pos;
  KmPos         id_pos;
  KmPos         within_pos;
};

struct _KmFigureValue
{
  GObject       parent_instance;
  gint64        amount;
  KmQualifier   qualifier;
  char        **source_ids;
  char        **includes;
  KmText       *note;
  KmPos         pos;
  KmPos         sources_pos;
  KmPos         includes_pos;
};

struct _KmRecognition
{
  GObject      parent_instance;
  char        *source_id;
  char       **terms;
  KmBodyKind   body_kind;
  KmText      *body;
  KmText      *region;
  KmPos        pos;
  KmPos        source_pos;
};

G_END_DECLS
