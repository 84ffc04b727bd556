/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-chart-geometry"

#include "config.h"

#include <math.h>

#include "km-chart-geometry.h"

gboolean
km_chart_rect_intersects (const KmChartRect *a,
                          const KmChartRect *b)
{
  if (a->width <= 0 || a->height <= 0 || b->width <= 0 || b->height <= 0)
    return FALSE;

  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Proportional to @fraction (value / largest value on the scale, 0–1);
 * a value above zero stays visible. */
double
km_chart_bar_length (double fraction,
                     double scale_length)
{
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction <= 0 || scale_length <= 0)
    return 0;

  return MAX (scale_length * fraction, MIN (KM_CHART_MIN_BAR, scale_length));
}

/* The longest bar leaves room for the widest value label beside it; when
 * the row is too narrow for that, every label of the chart goes below its
 * bar and the bars get the whole width. One decision per chart, so all bars
 * keep one scale.
 */
double
km_chart_scale_length (double                 width,
                       double                 value_reserve,
                       KmChartLabelPlacement *placement)
{
  double beside = width - value_reserve - KM_CHART_GAP;
  KmChartLabelPlacement where = KM_CHART_LABEL_BESIDE;
  double scale;

  if (beside >= KM_CHART_MIN_SCALE || beside >= width * 0.5)
    scale = beside;
  else
    {
      where = KM_CHART_LABEL_BELOW;
      scale = width;
    }

  if (placement != NULL)
    *placement = where;

  return MAX (scale, 0);
}

void
km_chart_layout_row (const KmChartRowInput *input,
                     double                 width,
                     double                 scale_length,
                     KmChartLabelPlacement  placement,
                     KmChartRowLayout      *out)
{
  double bar_y = 0;
  double bar_length;
  double value_width = MIN (input->value_width, width);

  g_assert (out != NULL);

  *out = (KmChartRowLayout) { 0 };

  if (input->caption_height > 0)
    {
      out->caption = (KmChartRect) { 0, 0, width, input->caption_height };
      bar_y = input->caption_height + KM_CHART_GAP / 2;
    }

  bar_length = MIN (km_chart_bar_length (input->fraction, scale_length), width);

  if (placement == KM_CHART_LABEL_BESIDE)
    {
      double row_height = MAX (KM_CHART_BAR_HEIGHT, input->value_height);

      out->bar = (KmChartRect) { 0, bar_y + (row_height - KM_CHART_BAR_HEIGHT) / 2,
                                 bar_length, KM_CHART_BAR_HEIGHT };
      out->value = (KmChartRect) { MIN (bar_length + KM_CHART_GAP, width - value_width),
                                   bar_y + (row_height - input->value_height) / 2,
                                   value_width, input->value_height };
      /* A label that would touch its bar goes below after all. */
      if (km_chart_rect_intersects (&out->bar, &out->value))
        placement = KM_CHART_LABEL_BELOW;
      else
        out->height = bar_y + row_height;
    }

  if (placement == KM_CHART_LABEL_BELOW)
    {
      out->bar = (KmChartRect) { 0, bar_y, bar_length, KM_CHART_BAR_HEIGHT };
      out->value = (KmChartRect) { 0, bar_y + KM_CHART_BAR_HEIGHT + KM_CHART_GAP / 2,
                                   value_width, input->value_height };
      out->height = out->value.y + out->value.height;
    }
}

/* Lays rows out top to bottom; returns the total height. */
double
km_chart_layout_rows (const KmChartRowInput *inputs,
                      guint                  n_rows,
                      double                 width,
                      KmChartRowLayout      *out)
{
  KmChartLabelPlacement placement;
  double reserve = 0;
  double scale;
  double y = 0;

  for (guint i = 0; i < n_rows; i++)
    reserve = MAX (reserve, inputs[i].value_width);

  scale = km_chart_scale_length (width, reserve, &placement);

  for (guint i = 0; i < n_rows; i++)
    {
      if (i > 0)
        y += KM_CHART_ROW_SPACING;

      km_chart_layout_row (&inputs[i], width, scale, placement, &out[i]);
      out[i].caption.y += y;
      out[i].bar.y += y;
      out[i].value.y += y;
      y += out[i].height;
    }

  return y;
}

static double
mark_size_for (guint  columns,
               guint  group,
               double width)
{
  /* gap = size / 3, group gap = size; solve columns·s + gaps = width */
  double units = columns + (columns - 1) / 3.0 + (double) ((columns - 1) / group);

  return width / units;
}

/* Marks in blocks of ten by ten, so a visitor can count them by the
 * hundred; as many blocks side by side as fit at a legible size, at most
 * five.
 */
void
km_chart_pictogram_layout (guint              n_marks,
                           double             width,
                           KmPictogramLayout *out)
{
  static const guint candidates[] = { 50, 40, 30, 20, 10 };
  const double max_size = 16;
  const double min_size = 7;
  guint columns = 0;
  double size = 0;

  g_assert (out != NULL);

  *out = (KmPictogramLayout) { .n_marks = n_marks, .group = 10 };

  if (n_marks == 0 || width <= 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint c = MIN (candidates[i], MAX (n_marks, 1));

      size = mark_size_for (c, out->group, width);
      if (size >= min_size || candidates[i] == 10)
        {
          columns = c;
          break;
        }
    }

  /* Very narrow: fewer columns at the smallest legible size. */
  if (size < min_size)
    {
      columns = MAX (1, (guint) floor ((width + min_size / 3) / (min_size * 4 / 3)));
      columns = MIN (columns, 10);
      size = MIN (min_size, width / (columns + (columns - 1) / 3.0));
    }

  size = floor (MIN (size, max_size) * 2) / 2;

  out->columns = columns;
  out->rows = (n_marks + columns - 1) / columns;
  out->mark_size = size;
  out->gap = size / 3;
  out->group_gap = size;
  out->width = columns * size + (columns - 1) * out->gap + ((columns - 1) / out->group) * out->group_gap;
  out->height = out->rows * size + (out->rows - 1) * out->gap + ((out->rows - 1) / out->group) * out->group_gap;
}

void
km_chart_pictogram_mark_rect (const KmPictogramLayout *layout,
                              guint                    index,
                              KmChartRect             *out)
{
  guint column, row;

  g_assert (layout->columns > 0);

  column = index % layout->columns;
  row = index / layout->columns;

  out->x = column * (layout->mark_size + layout->gap) + (column / layout->group) * layout->group_gap;
  out->y = row * (layout->mark_size + layout->gap) + (row / layout->group) * layout->group_gap;
  out->width = layout->mark_size;
  out->height = layout->mark_size;
}
