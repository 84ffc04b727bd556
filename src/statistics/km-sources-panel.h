/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "km-content-store.h"

G_BEGIN_DECLS

#define KM_TYPE_SOURCES_PANEL (km_sources_panel_get_type ())

G_DECLARE_FINAL_TYPE (KmSourcesPanel, km_sources_panel, KM, SOURCES_PANEL, GtkWidget)

GtkWidget *km_sources_panel_new (KmContentStore *store,
                                 GPtrArray      *items,
                                 gboolean        selectable);

G_END_DECLS
