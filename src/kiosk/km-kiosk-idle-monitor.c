/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-kiosk-idle-monitor"

#include "config.h"

#include "km-kiosk-idle-monitor.h"

/* The kiosk's idle logic, apart from any widget so that tests drive it with
 * a fake clock:
 *
 *   ACTIVE ──(idle-seconds without a poke)──▶ COUNTDOWN
 *   COUNTDOWN ──(poke)──▶ ACTIVE
 *   COUNTDOWN ──(countdown-seconds)──▶ “reset” ──▶ ATTRACT
 *   ATTRACT ──(begin_visit)──▶ ACTIVE
 *
 * While inhibited (a visitor's video or recording plays) the monitor stays
 * ACTIVE with no timer; the idle time counts again from when it stops.
 *
 * A poke only records the time: motion events come by the hundred, and
 * the single idle timeout re-arms itself for what is left when it fires.
 */
struct _KmKioskIdleMonitor
{
  GObject           parent_instance;

  KmClock          *clock;
  KmKioskIdleState  state;
  guint             idle_seconds;
  guint             countdown_seconds;
  guint             seconds_left;
  gint64            last_input_ms;
  guint             timer;
  gboolean          enabled;
  gboolean          inhibited;
};

G_DEFINE_FINAL_TYPE (KmKioskIdleMonitor, km_kiosk_idle_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_STATE,
  PROP_SECONDS_LEFT,
  PROP_IDLE_SECONDS,
  PROP_COUNTDOWN_SECONDS,
  PROP_ENABLED,
  PROP_INHIBITED,
  N_PROPS
};

enum {
  RESET,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
km_kiosk_idle_state_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    {
      static const GEnumValue values[] = {
        { KM_KIOSK_IDLE_STATE_ACTIVE, "KM_KIOSK_IDLE_STATE_ACTIVE", "active" },
        { KM_KIOSK_IDLE_STATE_COUNTDOWN, "KM_KIOSK_IDLE_STATE_COUNTDOWN", "countdown" },
        { KM_KIOSK_IDLE_STATE_ATTRACT, "KM_KIOSK_IDLE_STATE_ATTRACT", "attract" },
        { 0, NULL, NULL },
      };
      g_once_init_leave (&type, g_enum_register_static ("KmKioskIdleState", values));
    }

  return type;
}

static gboolean on_idle_timeout_cb      (gpointer user_data);
static gboolean on_countdown_timeout_cb (gpointer user_data);

static void
stop_timer (KmKioskIdleMonitor *self)
{
  if (self->timer != 0)
    km_clock_remove (self->clock, self->timer);
  self->timer = 0;
}

static void
set_seconds_left (KmKioskIdleMonitor *self,
                  guint               seconds)
{
  if (self->seconds_left == seconds)
    return;

  self->seconds_left = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECONDS_LEFT]);
}

static void
set_state (KmKioskIdleMonitor *self,
           KmKioskIdleState    state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
arm_idle_timer (KmKioskIdleMonitor *self,
                guint               ms)
{
  stop_timer (self);
  self->timer = km_clock_add_timeout (self->clock, MAX (ms, 1), on_idle_timeout_cb, self, NULL);
}

static void
enter_active (KmKioskIdleMonitor *self)
{
  self->last_input_ms = km_clock_get_time_ms (self->clock);
  set_seconds_left (self, 0);
  set_state (self, KM_KIOSK_IDLE_STATE_ACTIVE);
  if (self->enabled && !self->inhibited)
    arm_idle_timer (self, self->idle_seconds * 1000);
  else
    stop_timer (self);
}

static void
enter_countdown (KmKioskIdleMonitor *self)
{
  stop_timer (self);
  set_seconds_left (self, self->countdown_seconds);
  set_state (self, KM_KIOSK_IDLE_STATE_COUNTDOWN);
  if (self->state == KM_KIOSK_IDLE_STATE_COUNTDOWN && self->timer == 0)
    self->timer = km_clock_add_timeout (self->clock, 1000, on_countdown_timeout_cb, self, NULL);
}

static void
enter_attract (KmKioskIdleMonitor *self)
{
  g_autoptr(KmKioskIdleMonitor) hold = g_object_ref (self);

  stop_timer (self);
  set_seconds_left (self, 0);
  g_signal_emit (self, signals[RESET], 0);
  /* A reset handler may have ended an inhibition (playback stopped), which
   * arms the idle timer: the attract screen needs none. */
  stop_timer (self);
  set_state (self, KM_KIOSK_IDLE_STATE_ATTRACT);
}

static gboolean
on_idle_timeout_cb (gpointer user_data)
{
  KmKioskIdleMonitor *self = user_data;
  gint64 idle_ms = (gint64) self->idle_seconds * 1000;
  gint64 elapsed;

  /* This source ends here whatever happens next. */
  self->timer = 0;

  elapsed = km_clock_get_time_ms (self->clock) - self->last_input_ms;
  if (elapsed >= idle_ms)
    enter_countdown (self);
  else
    arm_idle_timer (self, idle_ms - elapsed);

  return G_SOURCE_REMOVE;
}

static gboolean
on_countdown_timeout_cb (gpointer user_data)
{
  KmKioskIdleMonitor *self = user_data;
  g_autoptr(KmKioskIdleMonitor) hold = g_object_ref (self);
  guint id = self->timer;

  set_seconds_left (self, self->seconds_left > 0 ? self->seconds_left - 1 : 0);

  /* A notify handler may have poked the monitor back to ACTIVE. */
  if (self->state != KM_KIOSK_IDLE_STATE_COUNTDOWN || self->timer != id)
    return G_SOURCE_REMOVE;

  if (self->seconds_left == 0)
    {
      self->timer = 0;
      enter_attract (self);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
km_kiosk_idle_monitor_dispose (GObject *object)
{
  KmKioskIdleMonitor *self = KM_KIOSK_IDLE_MONITOR (object);

  if (self->clock != NULL)
    stop_timer (self);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (km_kiosk_idle_monitor_parent_class)->dispose (object);
}

static void
km_kiosk_idle_monitor_constructed (GObject *object)
{
  KmKioskIdleMonitor *self = KM_KIOSK_IDLE_MONITOR (object);

  G_OBJECT_CLASS (km_kiosk_idle_monitor_parent_class)->constructed (object);

  if (self->clock == NULL)
    self->clock = g_object_ref (km_clock_get_default ());

  enter_active (self);
}

static void
km_kiosk_idle_monitor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KmKioskIdleMonitor *self = KM_KIOSK_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_SECONDS_LEFT:
      g_value_set_uint (value, self->seconds_left);
      break;

    case PROP_IDLE_SECONDS:
      g_value_set_uint (value, self->idle_seconds);
      break;

    case PROP_COUNTDOWN_SECONDS:
      g_value_set_uint (value, self->countdown_seconds);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_INHIBITED:
      g_value_set_boolean (value, self->inhibited);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_kiosk_idle_monitor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KmKioskIdleMonitor *self = KM_KIOSK_IDLE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;

    case PROP_IDLE_SECONDS:
      km_kiosk_idle_monitor_set_idle_seconds (self, g_value_get_uint (value));
      break;

    case PROP_COUNTDOWN_SECONDS:
      km_kiosk_idle_monitor_set_countdown_seconds (self, g_value_get_uint (value));
      break;

    case PROP_ENABLED:
      km_kiosk_idle_monitor_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_INHIBITED:
      km_kiosk_idle_monitor_set_inhibited (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_kiosk_idle_monitor_class_init (KmKioskIdleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = km_kiosk_idle_monitor_dispose;
  object_class->constructed = km_kiosk_idle_monitor_constructed;
  object_class->get_property = km_kiosk_idle_monitor_get_property;
  object_class->set_property = km_kiosk_idle_monitor_set_property;

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL,
                         KM_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       KM_TYPE_KIOSK_IDLE_STATE, KM_KIOSK_IDLE_STATE_ACTIVE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SECONDS_LEFT] =
    g_param_spec_uint ("seconds-left", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_IDLE_SECONDS] =
    g_param_spec_uint ("idle-seconds", NULL, NULL,
                       1, G_MAXUINT / 1000, 120,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_COUNTDOWN_SECONDS] =
    g_param_spec_uint ("countdown-seconds", NULL, NULL,
                       1, G_MAXUINT / 1000, 20,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_INHIBITED] =
    g_param_spec_boolean ("inhibited", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KmKioskIdleMonitor::reset:
   *
   * The countdown ran out (or km_kiosk_idle_monitor_reset_now() was
   * called): send every view back to its start. Emitted just before the
   * state becomes %KM_KIOSK_IDLE_STATE_ATTRACT.
   */
  signals[RESET] =
    g_signal_new ("reset",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
km_kiosk_idle_monitor_init (KmKioskIdleMonitor *self)
{
  self->enabled = TRUE;
  self->idle_seconds = 120;
  self->countdown_seconds = 20;
}

/**
 * km_kiosk_idle_monitor_new:
 * @clock: (nullable): the clock to run on; %NULL for the default one
 *
 * Returns: (transfer full): a monitor in the %KM_KIOSK_IDLE_STATE_ACTIVE
 *   state, counting from now
 */
KmKioskIdleMonitor *
km_kiosk_idle_monitor_new (KmClock *clock,
                           guint    idle_seconds,
                           guint    countdown_seconds)
{
  g_return_val_if_fail (clock == NULL || KM_IS_CLOCK (clock), NULL);

  return g_object_new (KM_TYPE_KIOSK_IDLE_MONITOR,
                       "clock", clock,
                       "idle-seconds", MAX (idle_seconds, 1),
                       "countdown-seconds", MAX (countdown_seconds, 1),
                       NULL);
}

KmKioskIdleState
km_kiosk_idle_monitor_get_state (KmKioskIdleMonitor *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self), KM_KIOSK_IDLE_STATE_ACTIVE);

  return self->state;
}

guint
km_kiosk_idle_monitor_get_seconds_left (KmKioskIdleMonitor *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self), 0);

  return self->seconds_left;
}

guint
km_kiosk_idle_monitor_get_idle_seconds (KmKioskIdleMonitor *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self), 0);

  return self->idle_seconds;
}

/* Takes effect at the next check; a visit under way is not cut short. */
void
km_kiosk_idle_monitor_set_idle_seconds (KmKioskIdleMonitor *self,
                                        guint               seconds)
{
  g_return_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self));
  g_return_if_fail (seconds > 0);

  if (self->idle_seconds == seconds)
    return;

  self->idle_seconds = seconds;
  if (self->clock != NULL && self->enabled && self->state == KM_KIOSK_IDLE_STATE_ACTIVE)
    {
      gint64 elapsed = km_clock_get_time_ms (self->clock) - self->last_input_ms;
      gint64 idle_ms = (gint64) seconds * 1000;

      arm_idle_timer (self, elapsed < idle_ms ? idle_ms - elapsed : 1);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_SECONDS]);
}

guint
km_kiosk_idle_monitor_get_countdown_seconds (KmKioskIdleMonitor *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self), 0);

  return self->countdown_seconds;
}

void
km_kiosk_idle_monitor_set_countdown_seconds (KmKioskIdleMonitor *self,
                                             guint               seconds)
{
  g_return_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self));
  g_return_if_fail (seconds > 0);

  if (self->countdown_seconds == seconds)
    return;

  self->countdown_seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTDOWN_SECONDS]);
}

gboolean
km_kiosk_idle_monitor_get_enabled (KmKioskIdleMonitor *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self), FALSE);

  return self->enabled;
}

/* Disabled (maintenance mode), the monitor stays ACTIVE and never resets. */
void
km_kiosk_idle_monitor_set_enabled (KmKioskIdleMonitor *self,
                                   gboolean            enabled)
{
  g_return_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  if (self->clock != NULL)
    enter_active (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

/* Input from the visitor: restarts the idle time and ends a countdown. The
 * attract screen is left only by km_kiosk_idle_monitor_begin_visit(), so a
 * passing hand on the mouse does not wake it.
 */
void
km_kiosk_idle_monitor_poke (KmKioskIdleMonitor *self)
{
  g_return_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self));

  self->last_input_ms = km_clock_get_time_ms (self->clock);

  if (self->state == KM_KIOSK_IDLE_STATE_COUNTDOWN)
    enter_active (self);
}

void
km_kiosk_idle_monitor_begin_visit (KmKioskIdleMonitor *self)
{
  g_return_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self));

  enter_active (self);
}

/* Resets at once, as if the countdown had run out. */
void
km_kiosk_idle_monitor_reset_now (KmKioskIdleMonitor *self)
{
  g_return_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self));

  enter_attract (self);
}

gboolean
km_kiosk_idle_monitor_get_inhibited (KmKioskIdleMonitor *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self), FALSE);

  return self->inhibited;
}

/* Inhibited while a visitor's video or recording plays: no countdown
 * starts (one under way ends). Released, the full idle time counts from
 * now. The attract screen is left alone either way.
 */
void
km_kiosk_idle_monitor_set_inhibited (KmKioskIdleMonitor *self,
                                     gboolean            inhibited)
{
  g_return_if_fail (KM_IS_KIOSK_IDLE_MONITOR (self));

  inhibited = !!inhibited;
  if (self->inhibited == inhibited)
    return;

  self->inhibited = inhibited;
  if (self->clock != NULL && self->state != KM_KIOSK_IDLE_STATE_ATTRACT)
    enter_active (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INHIBITED]);
}
