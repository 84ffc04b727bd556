/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "km-kiosk-pin.h"

G_BEGIN_DECLS

#define KM_TYPE_KIOSK_PIN_PAD (km_kiosk_pin_pad_get_type ())

G_DECLARE_FINAL_TYPE (KmKioskPinPad, km_kiosk_pin_pad, KM, KIOSK_PIN_PAD, AdwBin)

GtkWidget  *km_kiosk_pin_pad_new        (KmKioskPin    *pin,
                                         KmClock       *clock);
const char *km_kiosk_pin_pad_get_status (KmKioskPinPad *self);
guint       km_kiosk_pin_pad_get_length (KmKioskPinPad *self);

G_END_DECLS
