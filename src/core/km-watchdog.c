/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "km-watchdog.h"

#include <systemd/sd-daemon.h>

/* systemd's notify protocol for a Type=notify unit with WatchdogSec=:
 * READY=1 once the exhibition is on screen, then WATCHDOG=1 from a timeout
 * on the main loop at half the watchdog interval, so a main loop that
 * blocks stops the pings and systemd restarts the exhibition. STATUS= (for
 * `systemctl --user status`) goes with a ping whenever it changed. Outside
 * systemd (no NOTIFY_SOCKET) every call does nothing.
 */
struct _KmWatchdog
{
  GObject               parent_instance;

  guint                 interval_ms;     /* 0: no watchdog */
  GSource              *ping;
  gboolean              ready;
  char                 *last_status;

  KmWatchdogStatusFunc  status_func;
  gpointer              status_data;
  GDestroyNotify        status_destroy;
};

G_DEFINE_FINAL_TYPE (KmWatchdog, km_watchdog, G_TYPE_OBJECT)

/* STATUS= is one line of the notify datagram: no newlines from outside. */
static char *
dup_status (KmWatchdog *self)
{
  char *status;

  if (self->status_func == NULL)
    return NULL;
  status = self->status_func (self->status_data);
  if (status != NULL)
    g_strdelimit (status, "\r\n", ' ');
  return status;
}

/* Sends STATE plus STATUS= when the status changed since it was last sent. */
static void
notify (KmWatchdog *self,
        const char *state)
{
  g_autofree char *status = dup_status (self);
  int r;

  if (status != NULL && g_strcmp0 (status, self->last_status) != 0)
    {
      r = sd_notifyf (0, "%s\nSTATUS=%s", state, status);
      g_free (self->last_status);
      self->last_status = g_steal_pointer (&status);
    }
  else
    {
      r = sd_notify (0, state);
    }

  if (r < 0)
    g_debug ("sd_notify (%s): %s", state, g_strerror (-r));
}

static gboolean
ping_cb (gpointer user_data)
{
  notify (KM_WATCHDOG (user_data), "WATCHDOG=1");
  return G_SOURCE_CONTINUE;
}

static void
km_watchdog_dispose (GObject *object)
{
  KmWatchdog *self = KM_WATCHDOG (object);

  if (self->ping != NULL)
    g_source_destroy (self->ping);
  g_clear_pointer (&self->ping, g_source_unref);
  if (self->status_destroy != NULL)
    self->status_destroy (self->status_data);
  self->status_func = NULL;
  self->status_data = NULL;
  self->status_destroy = NULL;

  G_OBJECT_CLASS (km_watchdog_parent_class)->dispose (object);
}

static void
km_watchdog_finalize (GObject *object)
{
  KmWatchdog *self = KM_WATCHDOG (object);

  g_free (self->last_status);

  G_OBJECT_CLASS (km_watchdog_parent_class)->finalize (object);
}

static void
km_watchdog_class_init (KmWatchdogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = km_watchdog_dispose;
  object_class->finalize = km_watchdog_finalize;
}

static void
km_watchdog_init (KmWatchdog *self)
{
  uint64_t usec = 0;

  /* WATCHDOG_USEC (and WATCHDOG_PID, when set, must be this process). */
  if (sd_watchdog_enabled (0, &usec) > 0 && usec > 0)
    self->interval_ms = MAX (usec / 2000, 1);
}

/**
 * km_watchdog_new:
 *
 * Reads the watchdog interval systemd gives in the environment.
 */
KmWatchdog *
km_watchdog_new (void)
{
  return g_object_new (KM_TYPE_WATCHDOG, NULL);
}

/**
 * km_watchdog_get_interval_ms:
 *
 * Returns: how often the main loop pings: half of WatchdogSec=, or 0
 *   when systemd asks for no watchdog
 */
guint
km_watchdog_get_interval_ms (KmWatchdog *self)
{
  g_return_val_if_fail (KM_IS_WATCHDOG (self), 0);

  return self->interval_ms;
}

/**
 * km_watchdog_set_status_func:
 *
 * Sets what STATUS= says (for example the content version and the last
 * error); @func is called before READY=1 and before each ping.
 */
void
km_watchdog_set_status_func (KmWatchdog           *self,
                             KmWatchdogStatusFunc  func,
                             gpointer              user_data,
                             GDestroyNotify        destroy)
{
  g_return_if_fail (KM_IS_WATCHDOG (self));

  if (self->status_destroy != NULL)
    self->status_destroy (self->status_data);
  self->status_func = func;
  self->status_data = user_data;
  self->status_destroy = destroy;
}

/**
 * km_watchdog_start:
 *
 * Starts pinging from the thread-default main context.
 */
void
km_watchdog_start (KmWatchdog *self)
{
  g_return_if_fail (KM_IS_WATCHDOG (self));

  if (self->interval_ms == 0 || self->ping != NULL)
    return;

  self->ping = g_timeout_source_new (self->interval_ms);
  g_source_set_callback (self->ping, ping_cb, self, NULL);
  g_source_set_name (self->ping, "[km] watchdog ping");
  g_source_attach (self->ping, g_main_context_get_thread_default ());
}

/**
 * km_watchdog_ready:
 *
 * Tells systemd that start-up is over (READY=1): the exhibition is on
 * screen. Only the first call sends it.
 */
void
km_watchdog_ready (KmWatchdog *self)
{
  g_return_if_fail (KM_IS_WATCHDOG (self));

  if (self->ready)
    return;
  self->ready = TRUE;
  notify (self, "READY=1");
}

gboolean
km_watchdog_is_ready (KmWatchdog *self)
{
  g_return_val_if_fail (KM_IS_WATCHDOG (self), FALSE);

  return self->ready;
}
