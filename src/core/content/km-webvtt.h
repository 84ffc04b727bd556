/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One caption cue. @text is plain text: WebVTT's tags (<i>, <v Name>, …)
 * are dropped and its character references decoded, so nothing in a
 * caption file is ever read as markup.
 */
typedef struct
{
  gint64  start_ms;
  gint64  end_ms;
  char   *text;     /* lines joined with "\n" */
  int     line;     /* of the timing line, 1-based */
} KmWebvttCue;

typedef struct _KmWebvtt KmWebvtt;

KmWebvtt          *km_webvtt_parse         (GBytes          *bytes,
                                            const char      *display_name,
                                            gint64           duration_ms,
                                            GPtrArray       *errors);
KmWebvtt          *km_webvtt_ref           (KmWebvtt        *self);
void               km_webvtt_unref         (KmWebvtt        *self);
guint              km_webvtt_get_n_cues    (KmWebvtt        *self);
const KmWebvttCue *km_webvtt_get_cue       (KmWebvtt        *self,
                                            guint            index);
int                km_webvtt_find_cue      (KmWebvtt        *self,
                                            gint64           time_ms);
char              *km_webvtt_format_time   (gint64           time_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmWebvtt, km_webvtt_unref)

G_END_DECLS
