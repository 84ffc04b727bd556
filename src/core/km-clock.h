/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KM_TYPE_CLOCK (km_clock_get_type ())

G_DECLARE_DERIVABLE_TYPE (KmClock, km_clock, KM, CLOCK, GObject)

/* Time as the slideshow, the timeline tour and the kiosk idle logic see it.
 * The default clock is the main loop's; tests swap in a KmFakeClock
 * (tests/km-fake-clock.h) and move time forward by hand.
 */
struct _KmClockClass
{
  GObjectClass parent_class;

  gint64 (*get_time_ms) (KmClock        *self);
  guint  (*add_timeout) (KmClock        *self,
                         guint           interval_ms,
                         GSourceFunc     func,
                         gpointer        data,
                         GDestroyNotify  notify);
  void   (*remove)      (KmClock        *self,
                         guint           id);
  /* Wall-clock time, in milliseconds since 1970 (UTC). */
  gint64 (*get_real_time_ms) (KmClock   *self);
};

KmClock *km_clock_get_default (void);
gint64   km_clock_get_time_ms (KmClock        *self);
guint    km_clock_add_timeout (KmClock        *self,
                               guint           interval_ms,
                               GSourceFunc     func,
                               gpointer        data,
                               GDestroyNotify  notify);
void     km_clock_remove      (KmClock        *self,
                               guint           id);
gint64   km_clock_get_real_time_ms (KmClock   *self);

G_END_DECLS
