/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KM_TYPE_WATCHDOG (km_watchdog_get_type ())

G_DECLARE_FINAL_TYPE (KmWatchdog, km_watchdog, KM, WATCHDOG, GObject)

/* What STATUS= says; called on the main loop before each ping. */
typedef char *(*KmWatchdogStatusFunc) (gpointer user_data);

KmWatchdog *km_watchdog_new             (void);
guint       km_watchdog_get_interval_ms (KmWatchdog           *self);
void        km_watchdog_set_status_func (KmWatchdog           *self,
                                         KmWatchdogStatusFunc  func,
                                         gpointer              user_data,
                                         GDestroyNotify        destroy);
void        km_watchdog_start           (KmWatchdog           *self);
void        km_watchdog_ready           (KmWatchdog           *self);
gboolean    km_watchdog_is_ready        (KmWatchdog           *self);

G_END_DECLS
