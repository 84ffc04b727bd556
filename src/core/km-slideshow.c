/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-slideshow"

#include "config.h"

#include "km-slideshow.h"

/* Steps through a list model on a timer and loops at its end. The gallery
 * viewer and the kiosk attract screen both run one; the clock is
 * replaceable so tests can move time by hand.
 */
struct _KmSlideshow
{
  GObject     parent_instance;

  GListModel *model;
  KmClock    *clock;
  guint       position;
  guint       interval;
  guint       timeout_id;
  guint       playing : 1;
};

G_DEFINE_FINAL_TYPE (KmSlideshow, km_slideshow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_CLOCK,
  PROP_POSITION,
  PROP_PLAYING,
  PROP_INTERVAL,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
get_n_items (KmSlideshow *self)
{
  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static void
stop_timer (KmSlideshow *self)
{
  if (self->timeout_id != 0)
    {
      km_clock_remove (self->clock, self->timeout_id);
      self->timeout_id = 0;
    }
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  KmSlideshow *self = user_data;
  guint n_items = get_n_items (self);

  if (n_items == 0)
    {
      self->timeout_id = 0;
      km_slideshow_pause (self);
      return G_SOURCE_REMOVE;
    }

  self->position = (self->position + 1) % n_items;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);

  return G_SOURCE_CONTINUE;
}

/* Each exhibit gets a whole interval, also after a manual step. */
static void
restart_timer (KmSlideshow *self)
{
  stop_timer (self);

  if (self->playing)
    self->timeout_id = km_clock_add_timeout (self->clock, self->interval * 1000,
                                             on_timeout_cb, self, NULL);
}

static void
on_model_items_changed_cb (KmSlideshow *self,
                           guint        position,
                           guint        removed,
                           guint        added)
{
  guint n_items = get_n_items (self);

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  if (n_items == 0)
    km_slideshow_pause (self);

  if (self->position > 0 && self->position >= n_items)
    {
      self->position = n_items > 0 ? n_items - 1 : 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }
  else if (position <= self->position && (removed > 0 || added > 0))
    {
      /* The item at the position may have changed. */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
    }
}

static void
km_slideshow_dispose (GObject *object)
{
  KmSlideshow *self = KM_SLIDESHOW (object);

  stop_timer (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (km_slideshow_parent_class)->dispose (object);
}

static void
km_slideshow_finalize (GObject *object)
{
  KmSlideshow *self = KM_SLIDESHOW (object);

  g_clear_object (&self->clock);

  G_OBJECT_CLASS (km_slideshow_parent_class)->finalize (object);
}

static void
km_slideshow_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KmSlideshow *self = KM_SLIDESHOW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, get_n_items (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_slideshow_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KmSlideshow *self = KM_SLIDESHOW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      km_slideshow_set_model (self, g_value_get_object (value));
      break;

    case PROP_CLOCK:
      km_slideshow_set_clock (self, g_value_get_object (value));
      break;

    case PROP_POSITION:
      km_slideshow_set_position (self, g_value_get_uint (value));
      break;

    case PROP_PLAYING:
      km_slideshow_set_playing (self, g_value_get_boolean (value));
      break;

    case PROP_INTERVAL:
      km_slideshow_set_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_slideshow_class_init (KmSlideshowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = km_slideshow_dispose;
  object_class->finalize = km_slideshow_finalize;
  object_class->get_property = km_slideshow_get_property;
  object_class->set_property = km_slideshow_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL,
                         KM_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The same range as the slideshow-interval settings key. */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       2, 120, KM_SLIDESHOW_DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_slideshow_init (KmSlideshow *self)
{
  self->interval = KM_SLIDESHOW_DEFAULT_INTERVAL;
}

/**
 * km_slideshow_new:
 * @model: (nullable): the items to show
 * @clock: (nullable): the clock to run on; %NULL for the main loop's
 *
 * Returns: (transfer full): a paused slideshow at position 0
 */
KmSlideshow *
km_slideshow_new (GListModel *model,
                  KmClock    *clock)
{
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);
  g_return_val_if_fail (clock == NULL || KM_IS_CLOCK (clock), NULL);

  return g_object_new (KM_TYPE_SLIDESHOW, "model", model, "clock", clock, NULL);
}

/**
 * km_slideshow_get_model:
 *
 * Returns: (transfer none) (nullable): the items
 */
GListModel *
km_slideshow_get_model (KmSlideshow *self)
{
  g_return_val_if_fail (KM_IS_SLIDESHOW (self), NULL);

  return self->model;
}

void
km_slideshow_set_model (KmSlideshow *self,
                        GListModel  *model)
{
  guint old_n_items;

  g_return_if_fail (KM_IS_SLIDESHOW (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  old_n_items = get_n_items (self);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (self->model != NULL)
    g_signal_connect_swapped (self->model, "items-changed",
                              G_CALLBACK (on_model_items_changed_cb), self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  on_model_items_changed_cb (self, 0, old_n_items, get_n_items (self));
}

/**
 * km_slideshow_get_clock:
 *
 * Returns: (transfer none): the clock the slideshow runs on
 */
KmClock *
km_slideshow_get_clock (KmSlideshow *self)
{
  g_return_val_if_fail (KM_IS_SLIDESHOW (self), NULL);

  return self->clock;
}

/**
 * km_slideshow_set_clock:
 * @clock: (nullable): the clock to run on; %NULL for the main loop's
 *
 * Tests give the slideshow of a view a fake clock with this.
 */
void
km_slideshow_set_clock (KmSlideshow *self,
                        KmClock     *clock)
{
  g_return_if_fail (KM_IS_SLIDESHOW (self));
  g_return_if_fail (clock == NULL || KM_IS_CLOCK (clock));

  if (clock == NULL)
    clock = km_clock_get_default ();

  if (self->clock == clock)
    return;

  stop_timer (self);
  g_set_object (&self->clock, clock);
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

guint
km_slideshow_get_position (KmSlideshow *self)
{
  g_return_val_if_fail (KM_IS_SLIDESHOW (self), 0);

  return self->position;
}

/**
 * km_slideshow_set_position:
 *
 * Shows the item at @position (clamped to the model). A playing slideshow
 * gives it a whole interval.
 */
void
km_slideshow_set_position (KmSlideshow *self,
                           guint        position)
{
  guint n_items;

  g_return_if_fail (KM_IS_SLIDESHOW (self));

  n_items = get_n_items (self);
  position = n_items > 0 ? MIN (position, n_items - 1) : 0;

  restart_timer (self);

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/**
 * km_slideshow_dup_item:
 *
 * Returns: (transfer full) (nullable): the item at the position
 */
gpointer
km_slideshow_dup_item (KmSlideshow *self)
{
  g_return_val_if_fail (KM_IS_SLIDESHOW (self), NULL);

  if (self->position >= get_n_items (self))
    return NULL;

  return g_list_model_get_item (self->model, self->position);
}

gboolean
km_slideshow_get_playing (KmSlideshow *self)
{
  g_return_val_if_fail (KM_IS_SLIDESHOW (self), FALSE);

  return self->playing;
}

/**
 * km_slideshow_set_playing:
 *
 * Starts or pauses the slideshow. An empty slideshow does not start.
 */
void
km_slideshow_set_playing (KmSlideshow *self,
                          gboolean     playing)
{
  g_return_if_fail (KM_IS_SLIDESHOW (self));

  playing = !!playing && get_n_items (self) > 0;

  if (self->playing == playing)
    return;

  self->playing = playing;
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

guint
km_slideshow_get_interval (KmSlideshow *self)
{
  g_return_val_if_fail (KM_IS_SLIDESHOW (self), KM_SLIDESHOW_DEFAULT_INTERVAL);

  return self->interval;
}

/**
 * km_slideshow_set_interval:
 * @seconds: how long each item is shown, 2–120
 */
void
km_slideshow_set_interval (KmSlideshow *self,
                           guint        seconds)
{
  g_return_if_fail (KM_IS_SLIDESHOW (self));

  seconds = CLAMP (seconds, 2, 120);
  if (self->interval == seconds)
    return;

  self->interval = seconds;
  restart_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

void
km_slideshow_play (KmSlideshow *self)
{
  km_slideshow_set_playing (self, TRUE);
}

void
km_slideshow_pause (KmSlideshow *self)
{
  km_slideshow_set_playing (self, FALSE);
}

/**
 * km_slideshow_next:
 *
 * Moves to the next item, from the last one back to the first.
 */
void
km_slideshow_next (KmSlideshow *self)
{
  guint n_items;

  g_return_if_fail (KM_IS_SLIDESHOW (self));

  if ((n_items = get_n_items (self)) == 0)
    return;

  km_slideshow_set_position (self, (self->position + 1) % n_items);
}

/**
 * km_slideshow_previous:
 *
 * Moves to the previous item, from the first one to the last.
 */
void
km_slideshow_previous (KmSlideshow *self)
{
  guint n_items;

  g_return_if_fail (KM_IS_SLIDESHOW (self));

  if ((n_items = get_n_items (self)) == 0)
    return;

  km_slideshow_set_position (self, self->position == 0 ? n_items - 1 : self->position - 1);
}
