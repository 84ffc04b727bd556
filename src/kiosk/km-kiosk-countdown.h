/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KM_TYPE_KIOSK_COUNTDOWN (km_kiosk_countdown_get_type ())

G_DECLARE_FINAL_TYPE (KmKioskCountdown, km_kiosk_countdown, KM, KIOSK_COUNTDOWN, AdwBin)

GtkWidget  *km_kiosk_countdown_new              (guint             total_seconds);
void        km_kiosk_countdown_set_seconds_left (KmKioskCountdown *self,
                                                 guint             seconds);
const char *km_kiosk_countdown_get_message      (KmKioskCountdown *self);

G_END_DECLS
