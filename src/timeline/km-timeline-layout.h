/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* A period of the timeline in days since 1970-01-01, both ends inclusive. */
typedef struct
{
  gint64 start;
  gint64 end;
} KmTimelineSpan;

/* A stretch the time scale skips: drawn as a break of fixed width. */
typedef struct
{
  gint64 start;   /* the first empty day */
  gint64 end;     /* the last empty day */
  double x;       /* left edge of the break mark */
  double width;
} KmTimelineBreak;

/* Where a marker and its label go. The box holds both and is what never
 * overlaps another box; the label is laid out with wrap_width.
 */
typedef struct
{
  double   marker_x;      /* centre of the marker, on the true (compressed) time scale */
  double   marker_y;
  double   marker_radius;
  double   x, y, width, height;            /* the box */
  double   label_x, label_y, label_width, label_height;
  int      wrap_width;    /* Pango units / PANGO_SCALE: pixels */
  gboolean label_before;  /* the label is left of the marker, near the end */
  guint    row;
} KmTimelineItemLayout;

/* Measures @index's label wrapped at @wrap_width pixels; the widget and the
 * tests both use km_timeline_layout_measure_with_pango() underneath.
 */
typedef void (*KmTimelineMeasureFunc) (guint     index,
                                       int       wrap_width,
                                       int      *width,
                                       int      *height,
                                       gpointer  user_data);

typedef struct
{
  double                width;
  double                height;
  double                font_scale;
  double                axis_y;        /* the time axis, below the era titles */
  double                rows_y;        /* top of the first entry row */
  guint                 n_rows;
  GArray               *entries;       /* KmTimelineItemLayout, in input order */
  GArray               *eras;          /* KmTimelineItemLayout, in input order */
  GArray               *era_bands;     /* double pairs: x0, x1 */
  GArray               *breaks;        /* KmTimelineBreak */
  GArray               *segments;      /* KmTimelineSpan, the stretches drawn to scale */
  GArray               *segment_x;     /* double pairs: x0, x1 of each segment */
} KmTimelineLayout;

KmTimelineLayout *km_timeline_layout_compute           (const KmTimelineSpan  *entries,
                                                        guint                  n_entries,
                                                        KmTimelineMeasureFunc  measure_entry,
                                                        const KmTimelineSpan  *eras,
                                                        guint                  n_eras,
                                                        KmTimelineMeasureFunc  measure_era,
                                                        double                 width,
                                                        double                 font_scale,
                                                        gpointer               user_data);
void              km_timeline_layout_free              (KmTimelineLayout      *layout);
double            km_timeline_layout_day_to_x          (const KmTimelineLayout *layout,
                                                        gint64                 day);
int               km_timeline_layout_find_entry        (const KmTimelineLayout *layout,
                                                        double                 x,
                                                        double                 y);
void              km_timeline_layout_measure_with_pango (PangoLayout          *pango_layout,
                                                         const char           *text,
                                                         int                   wrap_width,
                                                         int                  *width,
                                                         int                  *height);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmTimelineLayout, km_timeline_layout_free)

G_END_DECLS
