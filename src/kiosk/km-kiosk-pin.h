/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-clock.h"

G_BEGIN_DECLS

#define KM_KIOSK_PIN_MAX_ATTEMPTS   5
#define KM_KIOSK_PIN_LOCKOUT_SECONDS (5 * 60)
#define KM_KIOSK_PIN_MIN_LENGTH     4
#define KM_KIOSK_PIN_MAX_LENGTH     12

typedef enum
{
  KM_KIOSK_PIN_RESULT_OK,
  KM_KIOSK_PIN_RESULT_WRONG,
  KM_KIOSK_PIN_RESULT_LOCKED,
  KM_KIOSK_PIN_RESULT_NOT_SET,
} KmKioskPinResult;

#define KM_KIOSK_PIN_ERROR (km_kiosk_pin_error_quark ())
GQuark km_kiosk_pin_error_quark (void);

#define KM_TYPE_KIOSK_PIN (km_kiosk_pin_get_type ())

G_DECLARE_FINAL_TYPE (KmKioskPin, km_kiosk_pin, KM, KIOSK_PIN, GObject)

gboolean          km_kiosk_pin_is_valid               (const char  *pin);
char             *km_kiosk_pin_hash                   (const char  *pin,
                                                       GError     **error);
gboolean          km_kiosk_pin_verify_hash            (const char  *pin,
                                                       const char  *hash);
int               km_kiosk_pin_set_from_terminal      (GSettings   *settings);

KmKioskPin       *km_kiosk_pin_new                    (KmClock     *clock,
                                                       const char  *hash);
const char       *km_kiosk_pin_get_hash               (KmKioskPin  *self);
void              km_kiosk_pin_set_hash               (KmKioskPin  *self,
                                                       const char  *hash);
gboolean          km_kiosk_pin_get_is_set             (KmKioskPin  *self);
KmKioskPinResult  km_kiosk_pin_try                    (KmKioskPin  *self,
                                                       const char  *pin);
guint             km_kiosk_pin_get_attempts_left      (KmKioskPin  *self);
guint             km_kiosk_pin_get_seconds_locked     (KmKioskPin  *self);

G_END_DECLS
