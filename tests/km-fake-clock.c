/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-fake-clock"

#include "config.h"

#include "km-fake-clock.h"

/* A clock that only moves when told to, for tests and benchmarks. */
struct _KmFakeClock
{
  KmClock     parent_instance;

  gint64      now;
  gint64      real_base;  /* wall clock at now == 0, in ms */
  guint       last_id;
  GHashTable *timeouts;  /* id → Timeout */
};

typedef struct
{
  guint          id;
  guint          interval;
  gint64         due;
  GSourceFunc    func;
  gpointer       data;
  GDestroyNotify notify;
} Timeout;

G_DEFINE_FINAL_TYPE (KmFakeClock, km_fake_clock, KM_TYPE_CLOCK)

static void
timeout_free (Timeout *timeout)
{
  if (timeout->notify != NULL)
    timeout->notify (timeout->data);
  g_free (timeout);
}

static gint64
km_fake_clock_get_time_ms (KmClock *clock)
{
  return KM_FAKE_CLOCK (clock)->now;
}

static gint64
km_fake_clock_get_real_time_ms (KmClock *clock)
{
  KmFakeClock *self = KM_FAKE_CLOCK (clock);

  return self->real_base + self->now;
}

static guint
km_fake_clock_add_timeout (KmClock        *clock,
                           guint           interval_ms,
                           GSourceFunc     func,
                           gpointer        data,
                           GDestroyNotify  notify)
{
  KmFakeClock *self = KM_FAKE_CLOCK (clock);
  Timeout *timeout = g_new0 (Timeout, 1);

  timeout->id = ++self->last_id;
  timeout->interval = interval_ms;
  timeout->due = self->now + interval_ms;
  timeout->func = func;
  timeout->data = data;
  timeout->notify = notify;
  g_hash_table_insert (self->timeouts, GUINT_TO_POINTER (timeout->id), timeout);

  return timeout->id;
}

static void
km_fake_clock_remove (KmClock *clock,
                      guint    id)
{
  g_hash_table_remove (KM_FAKE_CLOCK (clock)->timeouts, GUINT_TO_POINTER (id));
}

static Timeout *
find_next_due (KmFakeClock *self,
               gint64       until)
{
  GHashTableIter iter;
  Timeout *timeout, *next = NULL;

  g_hash_table_iter_init (&iter, self->timeouts);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &timeout))
    if (timeout->due <= until &&
        (next == NULL || timeout->due < next->due ||
         (timeout->due == next->due && timeout->id < next->id)))
      next = timeout;

  return next;
}

static void
km_fake_clock_finalize (GObject *object)
{
  g_hash_table_unref (KM_FAKE_CLOCK (object)->timeouts);

  G_OBJECT_CLASS (km_fake_clock_parent_class)->finalize (object);
}

static void
km_fake_clock_class_init (KmFakeClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KmClockClass *clock_class = KM_CLOCK_CLASS (klass);

  object_class->finalize = km_fake_clock_finalize;
  clock_class->get_time_ms = km_fake_clock_get_time_ms;
  clock_class->add_timeout = km_fake_clock_add_timeout;
  clock_class->remove = km_fake_clock_remove;
  clock_class->get_real_time_ms = km_fake_clock_get_real_time_ms;
}

static void
km_fake_clock_init (KmFakeClock *self)
{
  self->timeouts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) timeout_free);
  self->real_base = g_get_real_time () / 1000;
}

KmClock *
km_fake_clock_new (void)
{
  return g_object_new (KM_TYPE_FAKE_CLOCK, NULL);
}

/* Moves time forward by @ms, running every timeout that falls due on the
 * way, in order, as often as it would have run.
 */
void
km_fake_clock_advance (KmFakeClock *self,
                       guint        ms)
{
  gint64 until;
  Timeout *timeout;

  g_return_if_fail (KM_IS_FAKE_CLOCK (self));

  until = self->now + ms;
  while ((timeout = find_next_due (self, until)) != NULL)
    {
      guint id = timeout->id;

      self->now = timeout->due;
      timeout->due += MAX (timeout->interval, 1);
      /* The callback may remove its own or other timeouts. */
      if (timeout->func (timeout->data) == G_SOURCE_REMOVE)
        g_hash_table_remove (self->timeouts, GUINT_TO_POINTER (id));
    }
  self->now = until;
}

guint
km_fake_clock_n_pending (KmFakeClock *self)
{
  g_return_val_if_fail (KM_IS_FAKE_CLOCK (self), 0);

  return g_hash_table_size (self->timeouts);
}

/* Sets the wall clock (km_clock_get_real_time_ms()) to @unix_ms now; it
 * moves on with km_fake_clock_advance(). It starts at the real time.
 */
void
km_fake_clock_set_real_time (KmFakeClock *self,
                             gint64       unix_ms)
{
  g_return_if_fail (KM_IS_FAKE_CLOCK (self));

  self->real_base = unix_ms - self->now;
}
