/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-clock"

#include "config.h"

#include "km-clock.h"

G_DEFINE_TYPE (KmClock, km_clock, G_TYPE_OBJECT)

static gint64
km_clock_real_get_time_ms (KmClock *self)
{
  return g_get_monotonic_time () / 1000;
}

static gint64
km_clock_real_get_real_time_ms (KmClock *self)
{
  return g_get_real_time () / 1000;
}

static guint
km_clock_real_add_timeout (KmClock        *self,
                           guint           interval_ms,
                           GSourceFunc     func,
                           gpointer        data,
                           GDestroyNotify  notify)
{
  /* Whole seconds let the system batch wake-ups (idle CPU on a kiosk). */
  if (interval_ms >= 1000 && interval_ms % 1000 == 0)
    return g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, interval_ms / 1000, func, data, notify);

  return g_timeout_add_full (G_PRIORITY_DEFAULT, interval_ms, func, data, notify);
}

static void
km_clock_real_remove (KmClock *self,
                      guint    id)
{
  g_source_remove (id);
}

static void
km_clock_class_init (KmClockClass *klass)
{
  klass->get_time_ms = km_clock_real_get_time_ms;
  klass->add_timeout = km_clock_real_add_timeout;
  klass->remove = km_clock_real_remove;
  klass->get_real_time_ms = km_clock_real_get_real_time_ms;
}

static void
km_clock_init (KmClock *self)
{
}

/**
 * km_clock_get_default:
 *
 * Returns: (transfer none): the main loop's clock
 */
KmClock *
km_clock_get_default (void)
{
  static KmClock *clock;

  if (g_once_init_enter (&clock))
    g_once_init_leave (&clock, g_object_new (KM_TYPE_CLOCK, NULL));

  return clock;
}

gint64
km_clock_get_time_ms (KmClock *self)
{
  g_return_val_if_fail (KM_IS_CLOCK (self), 0);

  return KM_CLOCK_GET_CLASS (self)->get_time_ms (self);
}

/**
 * km_clock_add_timeout:
 *
 * Like g_timeout_add_full(): @func runs every @interval_ms until it returns
 * %G_SOURCE_REMOVE.
 *
 * Returns: an id for km_clock_remove(), never 0
 */
guint
km_clock_add_timeout (KmClock        *self,
                      guint           interval_ms,
                      GSourceFunc     func,
                      gpointer        data,
                      GDestroyNotify  notify)
{
  g_return_val_if_fail (KM_IS_CLOCK (self), 0);
  g_return_val_if_fail (func != NULL, 0);

  return KM_CLOCK_GET_CLASS (self)->add_timeout (self, interval_ms, func, data, notify);
}

void
km_clock_remove (KmClock *self,
                 guint    id)
{
  g_return_if_fail (KM_IS_CLOCK (self));
  g_return_if_fail (id != 0);

  KM_CLOCK_GET_CLASS (self)->remove (self, id);
}

/**
 * km_clock_get_real_time_ms:
 *
 * The wall clock, for what is filed by the hour (visit figures); a fake
 * clock's starts where km_fake_clock_set_real_time() puts it and moves with
 * km_fake_clock_advance().
 *
 * Returns: milliseconds since 1970-01-01 00:00 UTC
 */
gint64
km_clock_get_real_time_ms (KmClock *self)
{
  g_return_val_if_fail (KM_IS_CLOCK (self), 0);

  return KM_CLOCK_GET_CLASS (self)->get_real_time_ms (self);
}
