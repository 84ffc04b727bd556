/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-timeline-tour"

#include "config.h"

#include "km-timeline-tour.h"

/* A guided walk through the timeline: shows each entry for a while, then
 * the next, and starts over after the last. It knows nothing of widgets,
 * so the timeline view and the kiosk attract loop share it; whoever shows
 * it follows :position and calls km_timeline_tour_pause() when a visitor
 * takes over.
 */

struct _KmTimelineTour
{
  GObject     parent_instance;

  GListModel *entries;
  KmClock    *clock;
  guint       duration;
  guint       position;
  guint       timeout_id;
  guint       playing : 1;
};

G_DEFINE_FINAL_TYPE (KmTimelineTour, km_timeline_tour, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENTRIES,
  PROP_CLOCK,
  PROP_PLAYING,
  PROP_DURATION,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
on_timeout_cb (gpointer user_data)
{
  KmTimelineTour *self = user_data;

  km_timeline_tour_advance (self);

  return G_SOURCE_CONTINUE;
}

static void
stop_timer (KmTimelineTour *self)
{
  if (self->timeout_id != 0)
    {
      km_clock_remove (self->clock, self->timeout_id);
      self->timeout_id = 0;
    }
}

/* Each entry gets the whole duration from the moment it is shown. */
static void
restart_timer (KmTimelineTour *self)
{
  stop_timer (self);

  if (self->playing)
    self->timeout_id = km_clock_add_timeout (self->clock, self->duration,
                                             on_timeout_cb, self, NULL);
}

static void
on_items_changed_cb (KmTimelineTour *self,
                     guint           position,
                     guint           removed,
                     guint           added,
                     GListModel     *model)
{
  guint n = g_list_model_get_n_items (model);

  if (self->position >= n && self->position != 0)
    {
      self->position = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }

  if (n == 0 && self->playing)
    km_timeline_tour_pause (self);
}

static void
km_timeline_tour_dispose (GObject *object)
{
  KmTimelineTour *self = KM_TIMELINE_TOUR (object);

  if (self->clock != NULL)
    stop_timer (self);
  if (self->entries != NULL)
    g_signal_handlers_disconnect_by_data (self->entries, self);
  g_clear_object (&self->entries);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (km_timeline_tour_parent_class)->dispose (object);
}

static void
km_timeline_tour_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KmTimelineTour *self = KM_TIMELINE_TOUR (object);

  switch (prop_id)
    {
    case PROP_ENTRIES:
      g_value_set_object (value, self->entries);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_DURATION:
      g_value_set_uint (value, self->duration);
      break;
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_timeline_tour_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KmTimelineTour *self = KM_TIMELINE_TOUR (object);

  switch (prop_id)
    {
    case PROP_ENTRIES:
      self->entries = g_value_dup_object (value);
      break;
    case PROP_CLOCK:
      km_timeline_tour_set_clock (self, g_value_get_object (value));
      break;
    case PROP_PLAYING:
      km_timeline_tour_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_DURATION:
      km_timeline_tour_set_duration (self, g_value_get_uint (value));
      break;
    case PROP_POSITION:
      km_timeline_tour_set_position (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_timeline_tour_constructed (GObject *object)
{
  KmTimelineTour *self = KM_TIMELINE_TOUR (object);

  G_OBJECT_CLASS (km_timeline_tour_parent_class)->constructed (object);

  if (self->entries == NULL)
    self->entries = G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT));

  g_signal_connect_object (self->entries, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
km_timeline_tour_class_init (KmTimelineTourClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = km_timeline_tour_constructed;
  object_class->dispose = km_timeline_tour_dispose;
  object_class->get_property = km_timeline_tour_get_property;
  object_class->set_property = km_timeline_tour_set_property;

  properties[PROP_ENTRIES] =
    g_param_spec_object ("entries", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL,
                         KM_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DURATION] =
    g_param_spec_uint ("duration", NULL, NULL,
                       1, G_MAXUINT, KM_TIMELINE_TOUR_DEFAULT_DURATION_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_timeline_tour_init (KmTimelineTour *self)
{
  self->duration = KM_TIMELINE_TOUR_DEFAULT_DURATION_MS;
}

/**
 * km_timeline_tour_new:
 * @entries: the entries to walk through, in order (the store's entries)
 * @clock: (nullable): the clock; %NULL for km_clock_get_default()
 *
 * Returns: (transfer full): a paused tour at the first entry
 */
KmTimelineTour *
km_timeline_tour_new (GListModel *entries,
                      KmClock    *clock)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (entries), NULL);
  g_return_val_if_fail (clock == NULL || KM_IS_CLOCK (clock), NULL);

  return g_object_new (KM_TYPE_TIMELINE_TOUR,
                       "entries", entries,
                       "clock", clock,
                       NULL);
}

/**
 * km_timeline_tour_get_entries:
 *
 * Returns: (transfer none): the entries the tour walks through
 */
GListModel *
km_timeline_tour_get_entries (KmTimelineTour *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_TOUR (self), NULL);

  return self->entries;
}

/**
 * km_timeline_tour_get_clock:
 *
 * Returns: (transfer none): the clock the tour runs on
 */
KmClock *
km_timeline_tour_get_clock (KmTimelineTour *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_TOUR (self), NULL);

  return self->clock;
}

/**
 * km_timeline_tour_set_clock:
 * @clock: (nullable): the clock; %NULL for km_clock_get_default()
 *
 * Moves the tour to another clock (tests use a #KmFakeClock); a playing
 * tour starts the current entry's duration over on it.
 */
void
km_timeline_tour_set_clock (KmTimelineTour *self,
                            KmClock        *clock)
{
  g_return_if_fail (KM_IS_TIMELINE_TOUR (self));
  g_return_if_fail (clock == NULL || KM_IS_CLOCK (clock));

  if (clock == NULL)
    clock = km_clock_get_default ();

  if (self->clock == clock)
    return;

  if (self->clock != NULL)
    stop_timer (self);
  g_set_object (&self->clock, clock);
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

gboolean
km_timeline_tour_get_playing (KmTimelineTour *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_TOUR (self), FALSE);

  return self->playing;
}

void
km_timeline_tour_set_playing (KmTimelineTour *self,
                              gboolean        playing)
{
  g_return_if_fail (KM_IS_TIMELINE_TOUR (self));

  playing = !!playing;

  /* Nothing to show, nothing to play. */
  if (playing && g_list_model_get_n_items (self->entries) == 0)
    playing = FALSE;

  if (self->playing == playing)
    return;

  self->playing = playing;
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

void
km_timeline_tour_play (KmTimelineTour *self)
{
  km_timeline_tour_set_playing (self, TRUE);
}

void
km_timeline_tour_pause (KmTimelineTour *self)
{
  km_timeline_tour_set_playing (self, FALSE);
}

void
km_timeline_tour_toggle (KmTimelineTour *self)
{
  g_return_if_fail (KM_IS_TIMELINE_TOUR (self));

  km_timeline_tour_set_playing (self, !self->playing);
}

guint
km_timeline_tour_get_duration (KmTimelineTour *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_TOUR (self), 0);

  return self->duration;
}

/**
 * km_timeline_tour_set_duration:
 * @duration_ms: how long each entry is shown, in milliseconds
 */
void
km_timeline_tour_set_duration (KmTimelineTour *self,
                               guint           duration_ms)
{
  g_return_if_fail (KM_IS_TIMELINE_TOUR (self));
  g_return_if_fail (duration_ms > 0);

  if (self->duration == duration_ms)
    return;

  self->duration = duration_ms;
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

guint
km_timeline_tour_get_position (KmTimelineTour *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_TOUR (self), 0);

  return self->position;
}

/**
 * km_timeline_tour_set_position:
 * @position: the index of the entry to show
 *
 * Moves the tour to @position, e.g. when a visitor picked an entry, so that
 * playing resumes from there. A playing tour shows it for a full duration.
 */
void
km_timeline_tour_set_position (KmTimelineTour *self,
                               guint           position)
{
  g_return_if_fail (KM_IS_TIMELINE_TOUR (self));

  if (position >= g_list_model_get_n_items (self->entries))
    position = 0;

  if (self->position == position)
    return;

  self->position = position;
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * km_timeline_tour_dup_entry:
 *
 * Returns: (transfer full) (nullable): the entry at the tour's position
 */
gpointer
km_timeline_tour_dup_entry (KmTimelineTour *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_TOUR (self), NULL);

  return g_list_model_get_item (self->entries, self->position);
}

/**
 * km_timeline_tour_advance:
 *
 * Goes to the next entry, and from the last back to the first.
 */
void
km_timeline_tour_advance (KmTimelineTour *self)
{
  guint n;

  g_return_if_fail (KM_IS_TIMELINE_TOUR (self));

  n = g_list_model_get_n_items (self->entries);
  if (n == 0)
    return;

  self->position = (self->position + 1) % n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}
