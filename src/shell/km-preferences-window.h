/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "km-content-updater.h"

G_BEGIN_DECLS

#define KM_TYPE_PREFERENCES_WINDOW (km_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (KmPreferencesWindow, km_preferences_window, KM, PREFERENCES_WINDOW, AdwPreferencesWindow)

KmPreferencesWindow *km_preferences_window_new        (GtkWindow        *parent,
                                                       GSettings        *settings,
                                                       KmContentUpdater *updater);
const char          *km_preferences_window_get_status (KmPreferencesWindow *self);

G_END_DECLS
