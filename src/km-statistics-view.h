/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KM_TYPE_STATISTICS_VIEW (km_statistics_view_get_type ())

G_DECLARE_FINAL_TYPE (KmStatisticsView, km_statistics_view, KM, STATISTICS_VIEW, AdwBin)

G_END_DECLS
