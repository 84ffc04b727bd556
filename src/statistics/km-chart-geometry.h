/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Pure geometry for the statistics charts: no widgets, no drawing, so it
 * is the same on screen, in an exported image and in the tests.
 */

#define KM_CHART_BAR_HEIGHT     24.0
#define KM_CHART_GAP             8.0
#define KM_CHART_ROW_SPACING    12.0
#define KM_CHART_MIN_SCALE     120.0
#define KM_CHART_MIN_BAR         2.0

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} KmChartRect;

typedef enum
{
  KM_CHART_LABEL_BESIDE,
  KM_CHART_LABEL_BELOW,
} KmChartLabelPlacement;

typedef struct
{
  double caption_height;  /* measured at the row's width; 0 for no caption */
  double value_width;     /* natural width of the value label */
  double value_height;
  double fraction;        /* value / largest value on the same scale, 0–1 */
} KmChartRowInput;

typedef struct
{
  KmChartRect caption;
  KmChartRect bar;
  KmChartRect value;
  double      height;
} KmChartRowLayout;

typedef struct
{
  guint  n_marks;
  guint  columns;
  guint  rows;
  guint  group;           /* an extra gap after every @group columns and rows */
  double mark_size;
  double gap;
  double group_gap;
  double width;
  double height;
} KmPictogramLayout;

gboolean km_chart_rect_intersects     (const KmChartRect       *a,
                                       const KmChartRect       *b);
double   km_chart_bar_length          (double                   fraction,
                                       double                   scale_length);
double   km_chart_scale_length        (double                   width,
                                       double                   value_reserve,
                                       KmChartLabelPlacement   *placement);
void     km_chart_layout_row          (const KmChartRowInput   *input,
                                       double                   width,
                                       double                   scale_length,
                                       KmChartLabelPlacement    placement,
                                       KmChartRowLayout        *out);
double   km_chart_layout_rows         (const KmChartRowInput   *inputs,
                                       guint                    n_rows,
                                       double                   width,
                                       KmChartRowLayout        *out);
void     km_chart_pictogram_layout    (guint                    n_marks,
                                       double                   width,
                                       KmPictogramLayout       *out);
void     km_chart_pictogram_mark_rect (const KmPictogramLayout *layout,
                                       guint                    index,
                                       KmChartRect             *out);

G_END_DECLS
