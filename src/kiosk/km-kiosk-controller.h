/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "km-clock.h"
#include "km-context.h"
#include "km-window.h"

G_BEGIN_DECLS

#define KM_TYPE_KIOSK_CONTROLLER (km_kiosk_controller_get_type ())

G_DECLARE_FINAL_TYPE (KmKioskController, km_kiosk_controller, KM, KIOSK_CONTROLLER, GObject)

void                km_kiosk_controller_attach            (KmWindow          *window,
                                                           KmContext         *context);
KmKioskController  *km_kiosk_controller_get_for_window    (KmWindow          *window);
void                km_kiosk_controller_check_hours       (KmKioskController *self,
                                                           GDateTime         *now);

gboolean            km_kiosk_parse_time                   (const char        *text,
                                                           int               *minutes);
gboolean            km_kiosk_is_open_at                   (const char        *opening,
                                                           const char        *closing,
                                                           int                minutes);

G_END_DECLS
