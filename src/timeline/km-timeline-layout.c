/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-timeline-layout"

#include "config.h"

#include <math.h>

#include "km-timeline-layout.h"

/* The timeline overview as a pure function of the entries' dates, the
 * width and the text size, so that "markers and labels never overlap, no
 * headline is cut" can be tested at every width without a widget.
 *
 * Time runs left to right on a true scale, except that empty stretches
 * longer than GAP_DAYS are cut out and drawn as a break of fixed width.
 * Each entry is a marker at its date with its headline beside it; the
 * marker+label boxes are packed into rows, first fit, in the entries'
 * order, so entries on the same date keep their content order from top
 * to bottom. Era titles are packed the same way above the axis.
 */

#define GAP_DAYS       (3 * 365)
#define MARGIN         16.0
#define BREAK_WIDTH    36.0
#define MARKER_RADIUS  6.0
#define ERA_RADIUS     5.0
#define LABEL_GAP      6.0
#define BOX_PAD        4.0
#define H_GAP          10.0
#define V_GAP          4.0
#define MAX_WRAP       240.0
#define ERA_MAX_WRAP   260.0
#define TOP_PAD        8.0
#define AXIS_GAP       10.0
#define AXIS_BAND      30.0    /* ticks and year numbers under the axis */
#define BOTTOM_PAD     12.0

typedef struct
{
  GArray *intervals;  /* double pairs */
  double  height;
} Row;

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const KmTimelineSpan *sa = a;
  const KmTimelineSpan *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  return (sa->end > sb->end) - (sa->end < sb->end);
}

/* Splits the occupied time into segments drawn to scale and the long
 * empty stretches between them, which become breaks.
 */
static void
compute_scale (KmTimelineLayout     *layout,
               const KmTimelineSpan *entries,
               guint                 n_entries,
               const KmTimelineSpan *eras,
               guint                 n_eras)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (KmTimelineSpan));
  double fs = layout->font_scale;
  double margin = MARGIN * fs;
  double break_width = BREAK_WIDTH * fs;
  gint64 total_days = 0;
  double available, ppd, x;

  g_array_append_vals (spans, entries, n_entries);
  g_array_append_vals (spans, eras, n_eras);
  g_array_sort (spans, compare_spans);

  for (guint i = 0; i < spans->len; i++)
    {
      KmTimelineSpan span = g_array_index (spans, KmTimelineSpan, i);
      KmTimelineSpan *last;

      span.end = MAX (span.end, span.start);

      if (layout->segments->len == 0)
        {
          g_array_append_val (layout->segments, span);
          continue;
        }

      last = &g_array_index (layout->segments, KmTimelineSpan, layout->segments->len - 1);
      if (span.start - last->end - 1 > GAP_DAYS)
        {
          KmTimelineBreak brk = { last->end + 1, span.start - 1, 0, break_width };

          g_array_append_val (layout->breaks, brk);
          g_array_append_val (layout->segments, span);
        }
      else
        last->end = MAX (last->end, span.end);
    }

  if (layout->segments->len == 0)
    {
      KmTimelineSpan span = { 0, 365 };
      g_array_append_val (layout->segments, span);
    }

  for (guint i = 0; i < layout->segments->len; i++)
    {
      KmTimelineSpan *s = &g_array_index (layout->segments, KmTimelineSpan, i);
      total_days += s->end - s->start + 1;
    }

  /* Many breaks in a narrow strip share a quarter of it. */
  if (layout->breaks->len > 0)
    {
      break_width = MIN (break_width, 0.25 * (layout->width - 2 * margin) / layout->breaks->len);
      break_width = MAX (break_width, 1.0);
      for (guint i = 0; i < layout->breaks->len; i++)
        g_array_index (layout->breaks, KmTimelineBreak, i).width = break_width;
    }

  available = layout->width - 2 * margin - layout->breaks->len * break_width;
  ppd = MAX (available, 1.0) / (double) total_days;
  x = margin;

  for (guint i = 0; i < layout->segments->len; i++)
    {
      KmTimelineSpan *s = &g_array_index (layout->segments, KmTimelineSpan, i);
      double x0 = x;
      double x1 = x + (s->end - s->start + 1) * ppd;

      g_array_append_val (layout->segment_x, x0);
      g_array_append_val (layout->segment_x, x1);
      x = x1;

      if (i < layout->breaks->len)
        {
          g_array_index (layout->breaks, KmTimelineBreak, i).x = x;
          x += break_width;
        }
    }
}

/**
 * km_timeline_layout_day_to_x:
 * @layout: a #KmTimelineLayout
 * @day: days since 1970-01-01
 *
 * Returns: the x of the start of @day on the compressed time scale; days in
 *   a break fall inside the break mark
 */
double
km_timeline_layout_day_to_x (const KmTimelineLayout *layout,
                             gint64                  day)
{
  guint n;

  g_return_val_if_fail (layout != NULL, 0);

  n = layout->segments->len;
  for (guint i = 0; i < n; i++)
    {
      const KmTimelineSpan *s = &g_array_index (layout->segments, KmTimelineSpan, i);
      double x0 = g_array_index (layout->segment_x, double, 2 * i);
      double x1 = g_array_index (layout->segment_x, double, 2 * i + 1);

      if (day < s->start)
        {
          const KmTimelineBreak *brk;

          if (i == 0)
            return x0;
          brk = &g_array_index (layout->breaks, KmTimelineBreak, i - 1);
          return brk->x + brk->width * (double) (day - brk->start) / (double) (brk->end - brk->start + 1);
        }

      if (day <= s->end + 1)
        return x0 + (x1 - x0) * (double) (day - s->start) / (double) (s->end - s->start + 1);
    }

  return g_array_index (layout->segment_x, double, 2 * n - 1);
}

static gboolean
row_fits (const Row *row,
          double     x0,
          double     x1,
          double     gap)
{
  for (guint i = 0; i < row->intervals->len; i += 2)
    {
      double a = g_array_index (row->intervals, double, i);
      double b = g_array_index (row->intervals, double, i + 1);

      if (x0 < b + gap && a < x1 + gap)
        return FALSE;
    }

  return TRUE;
}

static void
clear_row (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->intervals, g_array_unref);
}

/* Places marker+label boxes for @n items in rows starting at @top and
 * returns the bottom of the last row.
 */
static double
pack_items (KmTimelineLayout      *layout,
            GArray                *out,
            const KmTimelineSpan  *spans,
            guint                  n,
            KmTimelineMeasureFunc  measure,
            gpointer               user_data,
            double                 radius,
            double                 max_wrap,
            double                 top,
            guint                 *n_rows)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  double fs = layout->font_scale;
  double width = layout->width;
  double pad = BOX_PAD * fs;
  double gap = LABEL_GAP * fs;
  double y, bottom;
  gboolean in_order = TRUE;

  g_array_set_clear_func (rows, clear_row);
  max_wrap = floor (MIN (max_wrap * fs, width - 2 * (radius + gap + 2 * pad)));
  max_wrap = MAX (max_wrap, 1);

  for (guint i = 0; i < n; i++)
    {
      KmTimelineItemLayout item = { 0 };
      double room_after, room_before;
      int w = 0, h = 0;
      guint r;

      item.marker_x = km_timeline_layout_day_to_x (layout, spans[i].start);
      item.marker_radius = radius;
      item.wrap_width = (int) max_wrap;

      room_after = width - (item.marker_x + radius + gap + pad);
      room_before = item.marker_x - radius - gap - pad;

      measure (i, item.wrap_width, &w, &h, user_data);
      if (w <= room_after)
        item.label_before = FALSE;
      else if (w <= room_before)
        item.label_before = TRUE;
      else
        {
          /* Neither side holds the label on its widest lines: wrap it
           * narrower on the roomier side.
           */
          double room = MAX (room_before, room_after);

          item.label_before = room_before > room_after;
          item.wrap_width = MAX (1, (int) floor (room));
          measure (i, item.wrap_width, &w, &h, user_data);

          /* Ink can stick out past the wrap width: narrow until it fits. */
          for (guint tries = 0; w > room && item.wrap_width > 1 && tries < 8; tries++)
            {
              item.wrap_width = MAX (1, item.wrap_width - (int) ceil (w - room));
              measure (i, item.wrap_width, &w, &h, user_data);
            }
        }

      item.label_width = w;
      item.label_height = h;
      item.height = MAX (h, 2 * radius) + 2 * pad;

      if (item.label_before)
        {
          item.label_x = item.marker_x - radius - gap - w;
          item.x = item.label_x - pad;
          item.width = item.marker_x + radius + pad - item.x;
        }
      else
        {
          item.x = item.marker_x - radius - pad;
          item.label_x = item.marker_x + radius + gap;
          item.width = item.label_x + w + pad - item.x;
        }

      /* Markers at (nearly) the same date stack in timeline order. While
       * time runs left to right, as it does, only the markers just before
       * can be that near: look back until one is not (2,000 entries).
       */
      r = 0;
      if (out->len > 0 && item.marker_x < g_array_index (out, KmTimelineItemLayout, out->len - 1).marker_x)
        in_order = FALSE;
      for (guint j = out->len; j > 0; j--)
        {
          const KmTimelineItemLayout *prev = &g_array_index (out, KmTimelineItemLayout, j - 1);
          double distance = fabs (prev->marker_x - item.marker_x);

          if (distance < 2 * radius + H_GAP * fs)
            r = MAX (r, prev->row + 1);
          else if (in_order)
            break;
        }

      for (; r < rows->len; r++)
        if (row_fits (&g_array_index (rows, Row, r), item.x, item.x + item.width, H_GAP * fs))
          break;

      if (r == rows->len)
        {
          Row row = { g_array_new (FALSE, FALSE, sizeof (double)), 0 };
          g_array_append_val (rows, row);
        }

      {
        Row *row = &g_array_index (rows, Row, r);
        double x1 = item.x + item.width;

        g_array_append_val (row->intervals, item.x);
        g_array_append_val (row->intervals, x1);
        row->height = MAX (row->height, item.height);
      }

      item.row = r;
      g_array_append_val (out, item);
    }

  /* Rows are as tall as their tallest box, so boxes of two rows never meet. */
  y = top;
  for (guint r = 0; r < rows->len; r++)
    {
      Row *row = &g_array_index (rows, Row, r);
      double row_height = row->height;

      row->height = y;  /* now the top of the row */
      y += row_height + V_GAP * fs;
    }
  bottom = rows->len > 0 ? y - V_GAP * fs : top;

  for (guint i = 0; i < out->len; i++)
    {
      KmTimelineItemLayout *item = &g_array_index (out, KmTimelineItemLayout, i);

      item->y = g_array_index (rows, Row, item->row).height;
      item->label_y = item->y + pad;
      item->marker_y = item->label_y + MIN (item->label_height / 2.0, 11.0 * fs);
      item->marker_y = MAX (item->marker_y, item->y + pad + radius);
    }

  *n_rows = rows->len;

  return bottom;
}

/**
 * km_timeline_layout_compute:
 * @entries: (array length=n_entries): the entries' periods, in timeline order
 * @measure_entry: measures an entry's label (its headline)
 * @eras: (array length=n_eras): the eras' periods
 * @measure_era: measures an era's title
 * @width: the width of the strip, in pixels
 * @font_scale: the text size, 1.0 at 100 %
 *
 * Returns: (transfer full): where everything goes
 */
KmTimelineLayout *
km_timeline_layout_compute (const KmTimelineSpan  *entries,
                            guint                  n_entries,
                            KmTimelineMeasureFunc  measure_entry,
                            const KmTimelineSpan  *eras,
                            guint                  n_eras,
                            KmTimelineMeasureFunc  measure_era,
                            double                 width,
                            double                 font_scale,
                            gpointer               user_data)
{
  KmTimelineLayout *layout;
  guint n_era_rows = 0;
  double y;

  g_return_val_if_fail (n_entries == 0 || entries != NULL, NULL);
  g_return_val_if_fail (n_eras == 0 || eras != NULL, NULL);
  g_return_val_if_fail (measure_entry != NULL && measure_era != NULL, NULL);

  layout = g_new0 (KmTimelineLayout, 1);
  layout->width = MAX (width, 1.0);
  layout->font_scale = font_scale > 0 ? font_scale : 1.0;
  layout->entries = g_array_new (FALSE, TRUE, sizeof (KmTimelineItemLayout));
  layout->eras = g_array_new (FALSE, TRUE, sizeof (KmTimelineItemLayout));
  layout->era_bands = g_array_new (FALSE, FALSE, sizeof (double));
  layout->breaks = g_array_new (FALSE, FALSE, sizeof (KmTimelineBreak));
  layout->segments = g_array_new (FALSE, FALSE, sizeof (KmTimelineSpan));
  layout->segment_x = g_array_new (FALSE, FALSE, sizeof (double));

  compute_scale (layout, entries, n_entries, eras, n_eras);

  for (guint i = 0; i < n_eras; i++)
    {
      double x0 = km_timeline_layout_day_to_x (layout, eras[i].start);
      double x1 = km_timeline_layout_day_to_x (layout, MAX (eras[i].end, eras[i].start) + 1);

      g_array_append_val (layout->era_bands, x0);
      g_array_append_val (layout->era_bands, x1);
    }

  y = pack_items (layout, layout->eras, eras, n_eras, measure_era, user_data,
                  ERA_RADIUS * layout->font_scale, ERA_MAX_WRAP,
                  TOP_PAD * layout->font_scale, &n_era_rows);

  layout->axis_y = round (y + AXIS_GAP * layout->font_scale);
  layout->rows_y = layout->axis_y + AXIS_BAND * layout->font_scale;

  y = pack_items (layout, layout->entries, entries, n_entries, measure_entry, user_data,
                  MARKER_RADIUS * layout->font_scale, MAX_WRAP,
                  layout->rows_y, &layout->n_rows);

  layout->height = ceil (y + BOTTOM_PAD * layout->font_scale);

  return layout;
}

void
km_timeline_layout_free (KmTimelineLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_pointer (&layout->entries, g_array_unref);
  g_clear_pointer (&layout->eras, g_array_unref);
  g_clear_pointer (&layout->era_bands, g_array_unref);
  g_clear_pointer (&layout->breaks, g_array_unref);
  g_clear_pointer (&layout->segments, g_array_unref);
  g_clear_pointer (&layout->segment_x, g_array_unref);
  g_free (layout);
}

/**
 * km_timeline_layout_find_entry:
 *
 * Returns: the index of the entry whose box holds (@x, @y), or -1
 */
int
km_timeline_layout_find_entry (const KmTimelineLayout *layout,
                               double                  x,
                               double                  y)
{
  g_return_val_if_fail (layout != NULL, -1);

  for (guint i = 0; i < layout->entries->len; i++)
    {
      const KmTimelineItemLayout *item = &g_array_index (layout->entries, KmTimelineItemLayout, i);

      if (x >= item->x && x < item->x + item->width &&
          y >= item->y && y < item->y + item->height)
        return i;
    }

  return -1;
}

/**
 * km_timeline_layout_measure_with_pango:
 * @pango_layout: a layout carrying the font the label is drawn with
 * @text: the label
 * @wrap_width: in pixels
 *
 * Sets @pango_layout up exactly as the overview draws a label and measures
 * it, so that what is measured is what is drawn.
 */
void
km_timeline_layout_measure_with_pango (PangoLayout *pango_layout,
                                       const char  *text,
                                       int          wrap_width,
                                       int         *width,
                                       int         *height)
{
  PangoRectangle ink, logical;

  g_return_if_fail (PANGO_IS_LAYOUT (pango_layout));

  pango_layout_set_text (pango_layout, text, -1);
  pango_layout_set_wrap (pango_layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_ellipsize (pango_layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_width (pango_layout, MAX (wrap_width, 1) * PANGO_SCALE);
  pango_layout_get_pixel_extents (pango_layout, &ink, &logical);

  /* Logical extents, widened to any ink that sticks out (italics, accents). */
  *width = MAX (logical.x + logical.width, ink.x + ink.width) - MIN (0, MIN (logical.x, ink.x));
  *height = MAX (logical.y + logical.height, ink.y + ink.height) - MIN (0, MIN (logical.y, ink.y));
}
