/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "km-clock.h"

G_BEGIN_DECLS

typedef enum
{
  KM_KIOSK_IDLE_STATE_ACTIVE,
  KM_KIOSK_IDLE_STATE_COUNTDOWN,
  KM_KIOSK_IDLE_STATE_ATTRACT,
} KmKioskIdleState;

#define KM_TYPE_KIOSK_IDLE_STATE (km_kiosk_idle_state_get_type ())
GType km_kiosk_idle_state_get_type (void) G_GNUC_CONST;

#define KM_TYPE_KIOSK_IDLE_MONITOR (km_kiosk_idle_monitor_get_type ())

G_DECLARE_FINAL_TYPE (KmKioskIdleMonitor, km_kiosk_idle_monitor, KM, KIOSK_IDLE_MONITOR, GObject)

KmKioskIdleMonitor *km_kiosk_idle_monitor_new                   (KmClock            *clock,
                                                                 guint               idle_seconds,
                                                                 guint               countdown_seconds);
KmKioskIdleState    km_kiosk_idle_monitor_get_state             (KmKioskIdleMonitor *self);
guint               km_kiosk_idle_monitor_get_seconds_left      (KmKioskIdleMonitor *self);
guint               km_kiosk_idle_monitor_get_idle_seconds      (KmKioskIdleMonitor *self);
void                km_kiosk_idle_monitor_set_idle_seconds      (KmKioskIdleMonitor *self,
                                                                 guint               seconds);
guint               km_kiosk_idle_monitor_get_countdown_seconds (KmKioskIdleMonitor *self);
void                km_kiosk_idle_monitor_set_countdown_seconds (KmKioskIdleMonitor *self,
                                                                 guint               seconds);
gboolean            km_kiosk_idle_monitor_get_enabled           (KmKioskIdleMonitor *self);
void                km_kiosk_idle_monitor_set_enabled           (KmKioskIdleMonitor *self,
                                                                 gboolean            enabled);
gboolean            km_kiosk_idle_monitor_get_inhibited         (KmKioskIdleMonitor *self);
void                km_kiosk_idle_monitor_set_inhibited         (KmKioskIdleMonitor *self,
                                                                 gboolean            inhibited);
void                km_kiosk_idle_monitor_poke                  (KmKioskIdleMonitor *self);
void                km_kiosk_idle_monitor_begin_visit           (KmKioskIdleMonitor *self);
void                km_kiosk_idle_monitor_reset_now             (KmKioskIdleMonitor *self);

G_END_DECLS
