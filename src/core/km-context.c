/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the views, the kiosk and the services share: one object the
 * application builds and hands to each of them as a construct property,
 * so none of them reaches for the application (issue #18). Tests build
 * one with a fake clock and memory settings.
 */
#define G_LOG_DOMAIN "km-context"

#include "config.h"

#include "km-context.h"
#include "km-i18n.h"

struct _KmContext
{
  GObject           parent_instance;

  GSettings        *settings;
  KmContentStore   *store;
  KmClock          *clock;
  KmContentUpdater *updater;
  KmStatusServer   *status_server;
  KmVisitLog       *visit_log;
  gboolean          content_unsigned;
  GPtrArray        *content_errors;
  char             *kiosk_language;
  gboolean          kiosk;
  guint             media_playing;
};

G_DEFINE_FINAL_TYPE (KmContext, km_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_CLOCK,
  PROP_KIOSK,
  PROP_UPDATER,
  PROP_STATUS_SERVER,
  PROP_LANGUAGE,
  PROP_MEDIA_PLAYING,
  N_PROPS
};

enum {
  STOP_MEDIA,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
km_context_constructed (GObject *object)
{
  KmContext *self = KM_CONTEXT (object);

  G_OBJECT_CLASS (km_context_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));
  if (self->store == NULL)
    self->store = km_content_store_new ();
  if (self->clock == NULL)
    self->clock = g_object_ref (km_clock_get_default ());
}

static void
km_context_dispose (GObject *object)
{
  KmContext *self = KM_CONTEXT (object);

  g_clear_object (&self->status_server);
  g_clear_object (&self->visit_log);
  g_clear_object (&self->updater);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->content_errors, g_ptr_array_unref);
  g_clear_pointer (&self->kiosk_language, g_free);

  G_OBJECT_CLASS (km_context_parent_class)->dispose (object);
}

static void
km_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KmContext *self = KM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_KIOSK:
      g_value_set_boolean (value, self->kiosk);
      break;
    case PROP_UPDATER:
      g_value_set_object (value, self->updater);
      break;
    case PROP_STATUS_SERVER:
      g_value_set_object (value, self->status_server);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, km_context_get_language (self));
      break;
    case PROP_MEDIA_PLAYING:
      g_value_set_boolean (value, self->media_playing > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KmContext *self = KM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    case PROP_KIOSK:
      km_context_set_kiosk (self, g_value_get_boolean (value));
      break;
    case PROP_UPDATER:
      km_context_set_updater (self, g_value_get_object (value));
      break;
    case PROP_STATUS_SERVER:
      km_context_set_status_server (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_context_class_init (KmContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = km_context_constructed;
  object_class->dispose = km_context_dispose;
  object_class->get_property = km_context_get_property;
  object_class->set_property = km_context_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         KM_TYPE_CONTENT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL,
                         KM_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIOSK] =
    g_param_spec_boolean ("kiosk", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATER] =
    g_param_spec_object ("updater", NULL, NULL,
                         KM_TYPE_CONTENT_UPDATER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_SERVER] =
    g_param_spec_object ("status-server", NULL, NULL,
                         KM_TYPE_STATUS_SERVER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KmContext:language:
   *
   * The language the program speaks now. Notified on every
   * km_context_set_language(): GtkBuilder translates a template once, so
   * whatever shows text follows this to translate itself again (the
   * window rebuilds its views, the kiosk its screens).
   */
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         "en",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Whether a visitor's video or recording plays: the kiosk does not count
   * idle time meanwhile. */
  properties[PROP_MEDIA_PLAYING] =
    g_param_spec_boolean ("media-playing", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Every player pauses: the kiosk's reset, before the views go back to
   * their start. */
  signals[STOP_MEDIA] =
    g_signal_new ("stop-media",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
km_context_init (KmContext *self)
{
}

/**
 * km_context_new:
 * @settings: the application's settings; never %NULL
 * @store: (nullable): the content store, or %NULL for a new, empty one
 * @clock: (nullable): the clock, or %NULL for the main loop's
 * @kiosk: whether the program runs as a kiosk
 *
 * Returns: (transfer full): a new context
 */
KmContext *
km_context_new (GSettings      *settings,
                KmContentStore *store,
                KmClock        *clock,
                gboolean        kiosk)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store == NULL || KM_IS_CONTENT_STORE (store), NULL);
  g_return_val_if_fail (clock == NULL || KM_IS_CLOCK (clock), NULL);

  return g_object_new (KM_TYPE_CONTEXT,
                       "settings", settings,
                       "store", store,
                       "clock", clock,
                       "kiosk", kiosk,
                       NULL);
}

/**
 * km_context_get_settings:
 *
 * Returns: (transfer none): the settings, never %NULL
 */
GSettings *
km_context_get_settings (KmContext *self)
{
  g_return_val_if_fail (KM_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * km_context_get_store:
 *
 * Returns: (transfer none): the content store
 */
KmContentStore *
km_context_get_store (KmContext *self)
{
  g_return_val_if_fail (KM_IS_CONTEXT (self), NULL);

  return self->store;
}

/**
 * km_context_get_clock:
 *
 * Returns: (transfer none): the clock the slideshow, the tour and the
 *   kiosk run on
 */
KmClock *
km_context_get_clock (KmContext *self)
{
  g_return_val_if_fail (KM_IS_CONTEXT (self), NULL);

  return self->clock;
}

gboolean
km_context_get_kiosk (KmContext *self)
{
  g_return_val_if_fail (KM_IS_CONTEXT (self), FALSE);

  return self->kiosk;
}

/* The command line may ask for a kiosk: the application says so before
 * it builds a window. */
void
km_context_set_kiosk (KmContext *self,
                      gboolean   kiosk)
{
  g_return_if_fail (KM_IS_CONTEXT (self));

  kiosk = !!kiosk;
  if (self->kiosk == kiosk)
    return;

  self->kiosk = kiosk;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIOSK]);
}

/**
 * km_context_get_language:
 *
 * Returns: the language the program speaks now (km_i18n_get_language())
 */
const char *
km_context_get_language (KmContext *self)
{
  g_return_val_if_fail (KM_IS_CONTEXT (self), NULL);

  return km_i18n_get_language ();
}

/**
 * km_context_set_language:
 * @code: a language code from km_i18n_get_languages()
 *
 * Switches the program to @code (km_i18n_set_language()) and notifies
 * #KmContext:language, even when @code is the language already spoken:
 * the views and the kiosk's screens are then built again in it.
 *
 * Returns: %FALSE with @error set when @code is unknown (nothing
 *   changes) or its locale is not installed (the strings switch all the
 *   same)
 */
gboolean
km_context_set_language (KmContext   *self,
                         const char  *code,
                         GError     **error)
{
  gboolean ok;

  g_return_val_if_fail (KM_IS_CONTEXT (self), FALSE);

  if (km_i18n_lookup_language (code) == NULL)
    return km_i18n_set_language (code, error);

  ok = km_i18n_set_language (code, error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);

  return ok;
}

/**
 * km_context_get_kiosk_language:
 *
 * The language a kiosk starts in and returns to at every idle reset: the
 * one given with --language for this run, otherwise the kiosk-language
 * setting (its default if the setting names no language we have). An
 * organiser who types `--kiosk --language=id` at an event expects
 * Indonesian all day, whatever the machine's setting says.
 *
 * Returns: a language code
 */
const char *
km_context_get_kiosk_language (KmContext *self)
{
  g_autofree char *code = NULL;

  g_return_val_if_fail (KM_IS_CONTEXT (self), NULL);

  if (self->kiosk_language != NULL)
    return self->kiosk_language;

  code = g_settings_get_string (self->settings, "kiosk-language");
  if (km_i18n_lookup_language (code) == NULL)
    {
      g_autoptr(GVariant) fallback = g_settings_get_default_value (self->settings, "kiosk-language");

      g_clear_pointer (&code, g_free);
      code = g_variant_dup_string (fallback, NULL);
    }

  return g_intern_string (code);
}

/* The language given on the command line, for the whole run. */
void
km_context_set_kiosk_language (KmContext  *self,
                               const char *code)
{
  g_return_if_fail (KM_IS_CONTEXT (self));

  g_free (self->kiosk_language);
  self->kiosk_language = g_strdup (code);
}

/**
 * km_context_get_content_errors:
 *
 * Returns: (transfer none) (nullable) (element-type KmContentError): why
 *   the content pack the program was asked to show was not loaded
 */
GPtrArray *
km_context_get_content_errors (KmContext *self)
{
  g_return_val_if_fail (KM_IS_CONTEXT (self), NULL);

  return self->content_errors;
}

void
km_context_set_content_errors (KmContext *self,
                               GPtrArray *errors)
{
  g_return_if_fail (KM_IS_CONTEXT (self));

  if (errors != NULL)
    g_ptr_array_ref (errors);
  g_clear_pointer (&self->content_errors, g_ptr_array_unref);
  self->content_errors = errors;
}

/**
 * km_context_get_updater:
 *
 * Returns: (transfer none) (nullable): the content updater; %NULL when
 *   no content packs are installed
 */
KmContentUpdater *
km_context_get_updater (KmContext *self)
{
  g_return_val_if_fail (KM_IS_CONTEXT (self), NULL);

  return self->updater;
}

void
km_context_set_updater (KmContext        *self,
                        KmContentUpdater *updater)
{
  g_return_if_fail (KM_IS_CONTEXT (self));
  g_return_if_fail (updater == NULL || KM_IS_CONTENT_UPDATER (updater));

  if (g_set_object (&self->updater, updater))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATER]);
}

/**
 * km_context_get_status_server:
 *
 * Returns: (transfer none) (nullable): the status endpoint, when the
 *   settings turn it on
 */
KmStatusServer *
km_context_get_status_server (KmContext *self)
{
  g_return_val_if_fail (KM_IS_CONTEXT (self), NULL);

  return self->status_server;
}

void
km_context_set_status_server (KmContext      *self,
                              KmStatusServer *status_server)
{
  g_return_if_fail (KM_IS_CONTEXT (self));
  g_return_if_fail (status_server == NULL || KM_IS_STATUS_SERVER (status_server));

  if (g_set_object (&self->status_server, status_server))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_SERVER]);
}

/**
 * km_context_get_content_unsigned:
 *
 * Returns: whether the content shown is a pack given by hand on the
 *   desktop without the signature content-trusted-keys asks for: the
 *   window marks it for as long as it is shown
 */
gboolean
km_context_get_content_unsigned (KmContext *self)
{
  g_return_val_if_fail (KM_IS_CONTEXT (self), FALSE);

  return self->content_unsigned;
}

void
km_context_set_content_unsigned (KmContext *self,
                                 gboolean   content_unsigned)
{
  g_return_if_fail (KM_IS_CONTEXT (self));

  self->content_unsigned = !!content_unsigned;
}

/**
 * km_context_get_visit_log:
 *
 * Returns: (transfer none) (nullable): the anonymous visit figures, in
 *   kiosk mode
 */
KmVisitLog *
km_context_get_visit_log (KmContext *self)
{
  g_return_val_if_fail (KM_IS_CONTEXT (self), NULL);

  return self->visit_log;
}

void
km_context_set_visit_log (KmContext  *self,
                          KmVisitLog *visit_log)
{
  g_return_if_fail (KM_IS_CONTEXT (self));
  g_return_if_fail (visit_log == NULL || KM_IS_VISIT_LOG (visit_log));

  g_set_object (&self->visit_log, visit_log);
}

/**
 * km_context_note_opened:
 * @id: the view's name, or the exhibit's or timeline entry's id
 *
 * A visitor opened a view, an exhibit or a timeline entry: the views and
 * the window say so here, and the visit figures (if any) count it during
 * a visit. Views know nothing of the kiosk.
 */
void
km_context_note_opened (KmContext   *self,
                        KmVisitOpen  kind,
                        const char  *id)
{
  g_return_if_fail (KM_IS_CONTEXT (self));

  if (self->visit_log != NULL)
    km_visit_log_note_open (self->visit_log, kind, id);
}

gboolean
km_context_get_media_playing (KmContext *self)
{
  g_return_val_if_fail (KM_IS_CONTEXT (self), FALSE);

  return self->media_playing > 0;
}

/* A player that starts calls this once, and km_context_release_media()
 * once when it stops or goes away: a count, as an exhibit's player may
 * still be going while the next one starts.
 */
void
km_context_hold_media (KmContext *self)
{
  g_return_if_fail (KM_IS_CONTEXT (self));

  if (self->media_playing++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEDIA_PLAYING]);
}

void
km_context_release_media (KmContext *self)
{
  g_return_if_fail (KM_IS_CONTEXT (self));
  g_return_if_fail (self->media_playing > 0);

  if (--self->media_playing == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEDIA_PLAYING]);
}

/* Asks every player to pause (KmContext::stop-media). */
void
km_context_stop_media (KmContext *self)
{
  g_return_if_fail (KM_IS_CONTEXT (self));

  g_signal_emit (self, signals[STOP_MEDIA], 0);
}
