/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KM_TYPE_STATISTICS_VIEW (km_statistics_view_get_type ())

G_DECLARE_FINAL_TYPE (KmStatisticsView, km_statistics_view, KM, STATISTICS_VIEW, AdwBin)

/* The page id of the recognitions, next to the statistics sections. */
#define KM_STATISTICS_RECOGNITIONS "recognitions"

/* What it shows is its "section", "mode" ("chart" or "table") and
 * "sources-visible" properties, and the statistics.* actions. */

G_END_DECLS
