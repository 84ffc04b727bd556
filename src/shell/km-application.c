/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-application"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>
#include <sys/resource.h>

#include "km-application.h"
#include "km-content-checked.h"
#include "km-content-error.h"
#include "km-context.h"
#include "km-i18n.h"
#include "km-kiosk-controller.h"
#include "km-kiosk-pin.h"
#include "km-media-probe.h"
#include "km-pack-dir.h"
#include "km-pack-signature.h"
#include "km-pack-watcher.h"
#include "km-preferences-window.h"
#include "km-resources.h"
#include "km-source.h"
#include "km-thumbnail-loader.h"
#include "km-watchdog.h"
#include "km-window.h"

struct _KmApplication
{
  AdwApplication  parent_instance;

  KmContext      *context;

  char           *initial_view;
  char           *language;
  char           *content_dir;
  char           *content_notice;
  gboolean        content_unsigned;   /* --content=DIR without a signature, on the desktop */
  gboolean        preview;            /* --preview=DIR: content_dir, watched */
  KmPackWatcher  *preview_watcher;

  gboolean        thumbnails_held;
  guint           release_thumbnails_id;
  GdkFrameClock  *first_frame_clock;
  gboolean        first_frame_shown;
  gboolean        first_frame_connected;
  GTask          *pending_load;       /* a pack loaded before the first frame */
  guint           pending_load_id;
  GTask          *deferred_load;      /* a pack to load once the first frame is painted */
  guint           deferred_load_id;
  gboolean        updater_deferred;   /* the updater starts once the installed pack is loaded */

  KmWatchdog     *watchdog;
};

G_DEFINE_FINAL_TYPE (KmApplication, km_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static const GOptionEntry option_entries[] = {
  { "kiosk", 'k', 0, G_OPTION_ARG_NONE, NULL,
    N_("Run as a locked full-screen kiosk"), NULL },
  { "language", 'l', 0, G_OPTION_ARG_STRING, NULL,
    /* Translators: --help; kiosk-language is the name of a setting, keep it as is */
    N_("Start in this language: en, az or id; a kiosk returns to it at every reset in this run, "
       "instead of kiosk-language"),
    /* Translators: placeholders for option values in --help; keep them in capitals */
    N_("LANG") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open this view: gallery, timeline or statistics"), N_("VIEW") },
  { "content", 'c', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Show the content pack in this folder instead of the bundled exhibition"), N_("DIR") },
  { "preview", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Show the content pack in this folder on the desktop and show it again whenever one of its files is saved"),
    N_("DIR") },
  { "validate", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Check the content pack in this folder, print every error and exit"), N_("DIR") },
  { "set-kiosk-pin", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Set the staff PIN that unlocks the kiosk, reading it from the terminal"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

static GSettings *
get_settings (KmApplication *self)
{
  return km_context_get_settings (self->context);
}

static KmContentStore *
get_store (KmApplication *self)
{
  return km_context_get_store (self->context);
}

static KmContentUpdater *
get_updater (KmApplication *self)
{
  return km_context_get_updater (self->context);
}

static gboolean
is_kiosk (KmApplication *self)
{
  return km_context_get_kiosk (self->context);
}

/* A visitor cannot reach the about window, the shortcuts or quit. */
static void
disable_desktop_actions (KmApplication *self)
{
  static const char *actions[] = { "about", "shortcuts", "quit" };
  static const char *no_accels[] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), actions[i]);
      g_autofree char *detailed = g_strconcat ("app.", actions[i], NULL);

      if (G_IS_SIMPLE_ACTION (action))
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), FALSE);
      gtk_application_set_accels_for_action (GTK_APPLICATION (self), detailed, no_accels);
    }
}

static void
attach_kiosk (KmApplication *self,
              KmWindow      *window)
{
  km_kiosk_controller_attach (window, self->context);
  disable_desktop_actions (self);
}

static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  /* An uninstalled build finds its compiled schema in the build dir. */
  if (schema == NULL)
    {
      build_source = g_settings_schema_source_new_from_directory (BUILD_SCHEMADIR, source, FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, APPLICATION_ID, TRUE);
    }

  if (schema == NULL)
    {
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
print_errors (GPtrArray *errors)
{
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      g_autofree char *line = km_content_error_to_string (g_ptr_array_index (errors, i));
      g_printerr ("%s\n", line);
    }
}

static int
validate_content (const char *path)
{
  g_autoptr(GFile) dir = g_file_new_for_commandline_arg (path);
  g_autoptr(GPtrArray) errors = km_content_store_validate_dir (dir);

  print_errors (errors);
  if (errors->len > 0)
    {
      /* Translators: printed by --validate-content after the list of
       * errors: %1$s is the folder that was checked, %2$u how many errors
       * it has */
      g_printerr (ngettext ("%1$s: %2$u error\n", "%1$s: %2$u errors\n", errors->len), path, errors->len);
      return 1;
    }

  g_print (_("%s: the content pack is valid\n"), path);
  return 0;
}

/* No older pack than the installed one, as for a download: a signed
 * version below the one trust.ini remembers is refused, and so is the
 * same version with another manifest (a replay). The very pack that is
 * installed may be given by hand. Nothing is written: --content shows a
 * pack, it does not install it.
 */
static gboolean
check_local_version (GFile                     *dir,
                     const KmPackSignatureInfo *info,
                     GError                   **error)
{
  g_autoptr(GFile) base = km_pack_dir_get_default_base ();
  g_autoptr(GFile) manifest_file = g_file_get_child (dir, "manifest.ini");
  g_autoptr(GBytes) manifest = NULL;
  g_autofree char *installed_sha256 = NULL;
  g_autofree char *sha256 = NULL;
  gint64 installed;

  if (!km_content_updater_read_trust (base, &installed, &installed_sha256, NULL))
    return TRUE;

  manifest = g_file_load_bytes (manifest_file, NULL, NULL, error);
  if (manifest == NULL)
    return FALSE;
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, manifest);
  if (info->version == installed && g_strcmp0 (sha256, installed_sha256) == 0)
    return TRUE;

  return km_pack_signature_check_newer (info->version, installed, error);
}

/* --content=DIR, when content-trusted-keys is set, is checked as the
 * updater checks a download: signature, then version. An unsigned folder
 * is shown on the desktop (a curator's preview) with a permanent
 * "unsigned" mark in the window, never in kiosk mode. Any thread: the
 * settings are read before.
 */
static gboolean
check_signature (GFile               *dir,
                 const char * const  *keys_text,
                 guint                max_age_days,
                 gboolean             kiosk,
                 gboolean            *unsigned_out,
                 GError             **error)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_auto(KmPackSignatureInfo) info = { 0 };
  g_autoptr(GError) local_error = NULL;

  *unsigned_out = FALSE;
  if (keys_text[0] == NULL)
    return TRUE;

  keys = km_pack_signature_parse_keys (keys_text, error);
  if (keys == NULL)
    return FALSE;

  if (km_pack_signature_check_dir (dir, keys, max_age_days,
                                   g_get_real_time () / G_USEC_PER_SEC, &info, &local_error))
    return check_local_version (dir, &info, error);

  if (g_error_matches (local_error, KM_PACK_SIGNATURE_ERROR, KM_PACK_SIGNATURE_ERROR_UNSIGNED) && !kiosk)
    {
      *unsigned_out = TRUE;
      return TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* A pack given with --content: its signature, then the pack; or, with
 * @base, the installed pack (km_pack_dir_recover()). Any thread.
 */
typedef struct
{
  GFile           *dir;
  char            *content_dir;
  char           **trusted_keys;
  guint            max_age_days;
  gboolean         kiosk;
  gboolean         preview;
  GFile           *base;

  KmContentStore  *store;
  gboolean         loaded;
  gboolean         unsigned_pack;
  GPtrArray       *errors;
  GError          *error;
  GFile           *installed;     /* the installed pack loaded */
  gint64           version;
  char            *notice;
} PackLoad;

static void
pack_load_free (PackLoad *load)
{
  g_clear_object (&load->dir);
  g_clear_object (&load->base);
  g_clear_object (&load->installed);
  g_free (load->notice);
  g_free (load->content_dir);
  g_strfreev (load->trusted_keys);
  g_clear_object (&load->store);
  g_clear_pointer (&load->errors, g_ptr_array_unref);
  g_clear_error (&load->error);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PackLoad, pack_load_free)

static PackLoad *
pack_load_new (KmApplication  *self,
               KmContentStore *store)
{
  PackLoad *load = g_new0 (PackLoad, 1);
  GSettings *settings = get_settings (self);

  load->dir = self->content_dir != NULL ? g_file_new_for_commandline_arg (self->content_dir) : NULL;
  load->content_dir = g_strdup (self->content_dir);
  load->trusted_keys = g_settings_get_strv (settings, "content-trusted-keys");
  load->max_age_days = g_settings_get_uint (settings, "content-max-age-days");
  load->kiosk = is_kiosk (self);
  load->preview = self->preview;
  load->store = g_object_ref (store);
  return load;
}

static void
pack_load_run (PackLoad *load)
{
  if (load->base != NULL)
    {
      load->loaded = km_pack_dir_recover (load->base, load->store, &load->installed,
                                          &load->version, &load->notice);
      return;
    }

  /* A preview is of a pack being edited, whose signature (if any) the
   * next save breaks: the signature is checked by the tool's `verify`,
   * and a kiosk never previews.
   */
  load->loaded = (load->preview ||
                  check_signature (load->dir, (const char * const *) load->trusted_keys,
                                   load->max_age_days, load->kiosk, &load->unsigned_pack, &load->error)) &&
                 km_content_store_load (load->store, load->dir, &load->errors, &load->error);
}

/* On the main thread, after pack_load_run(): on failure the bundled
 * exhibition and the errors, for the window's banner.
 */
static void
pack_load_finish (KmApplication *self,
                  PackLoad      *load)
{
  g_autoptr(GPtrArray) errors = load->errors != NULL ? g_ptr_array_ref (load->errors) : NULL;
  g_autoptr(GError) error = NULL;

  if (load->base != NULL)
    {
      /* As km_pack_dir_recover() before the window: the previous pack,
       * or the bundled exhibition, and a notice.
       */
      km_content_updater_set_store (get_updater (self), get_store (self), load->installed, load->version);
      if (!load->loaded && !km_content_store_load_bundled (get_store (self), &error))
        g_printerr ("khojaly-memorial: the bundled exhibition does not load: %s\n", error->message);
      if (load->notice != NULL)
        for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
          if (KM_IS_WINDOW (l->data))
            km_window_add_toast (KM_WINDOW (l->data), load->notice);
      if (self->updater_deferred)
        {
          self->updater_deferred = FALSE;
          km_content_updater_start (get_updater (self));
        }
      return;
    }

  if (load->unsigned_pack)
    {
      /* The window marks it in the chosen language, and keeps the mark. */
      self->content_unsigned = TRUE;
      km_context_set_content_unsigned (self->context, TRUE);
      g_printerr ("khojaly-memorial: %s: unsigned content pack, shown because this is not a kiosk\n",
                  load->content_dir);
    }

  if (load->loaded)
    return;

  /* Keep going on the bundled exhibition; the window says why. */
  print_errors (errors);
  if (load->error != NULL)
    g_printerr ("khojaly-memorial: %s: %s\n", load->content_dir, load->error->message);
  g_printerr (_("khojaly-memorial: showing the bundled exhibition instead of %s\n"), load->content_dir);
  if (errors == NULL || errors->len == 0)
    {
      g_clear_pointer (&errors, g_ptr_array_unref);
      errors = g_ptr_array_new_with_free_func ((GDestroyNotify) km_content_error_free);
      if (load->error != NULL)
        g_ptr_array_add (errors, km_content_error_new (load->content_dir, 0, 0, load->error->message));
    }
  km_context_set_content_errors (self->context, errors);

  if (!km_content_store_load_bundled (get_store (self), &error))
    g_printerr ("khojaly-memorial: the bundled exhibition does not load: %s\n", error->message);
}

/* A large pack given with --content on the desktop, or a large installed
 * pack, loads in a worker after the window showed its first frame, the
 * gallery saying that it is loading (#19): parsing 10,000 exhibits takes
 * longer than the whole start-up of the bundled exhibition. Small packs,
 * and --content in a kiosk, load before the window, as they always did.
 * A kiosk with an installed pack shows the loading page, never other
 * content first: a pack that fails shows the previous pack or the bundled
 * exhibition, as before, with its notice.
 */
#define ASYNC_LOAD_BYTES (128 * 1024)

static gboolean
is_large_pack (GFile *dir)
{
  g_autoptr(GFile) exhibits = g_file_get_child (dir, "exhibits.xml");
  g_autoptr(GFileInfo) info = g_file_query_info (exhibits, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL && g_file_info_get_size (info) >= ASYNC_LOAD_BYTES;
}

/* Its own thread, at a lower priority (on Linux, nice is per thread):
 * on two cores the first frame shares them with the X server, and the
 * pack can wait a few milliseconds more for its core. Pool threads would
 * keep the priority, and cannot take it back.
 */
static gpointer
pack_load_thread (gpointer data)
{
  g_autoptr(GTask) task = data;

  if (setpriority (PRIO_PROCESS, 0, 10) != 0)
    g_debug ("the pack loads at the usual priority: %s", g_strerror (errno));
  pack_load_run (g_task_get_task_data (task));
  g_task_return_boolean (task, TRUE);
  return NULL;
}

static void
pack_load_adopt (KmApplication *self,
                 GTask         *task)
{
  PackLoad *load = g_task_get_task_data (task);

  if (load->loaded)
    km_content_store_adopt (get_store (self), load->store);
  pack_load_finish (self, load);
  km_content_store_set_loading (get_store (self), FALSE);

  /* A window already shown learns of the errors now. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (KM_IS_WINDOW (l->data))
      km_window_content_reloaded (KM_WINDOW (l->data), FALSE);
  g_application_release (G_APPLICATION (self));
}

/* The worker starts once the first frame is painted: started before, on
 * two cores, it took CPU from the frame however low its priority (1,000
 * exhibits: the first frame at 1.24 × the bundled exhibition's, #19). Ten
 * seconds at most, should the window never paint.
 */
#define DEFERRED_LOAD_MAX_MS 10000

static void pack_load_done_cb (GObject      *source_object,
                               GAsyncResult *result,
                               gpointer      user_data);

static void
start_deferred_load (KmApplication *self)
{
  GTask *task = g_steal_pointer (&self->deferred_load);

  g_clear_handle_id (&self->deferred_load_id, g_source_remove);
  if (task != NULL)
    g_thread_unref (g_thread_new ("km-pack-load", pack_load_thread, task));
}

static gboolean
start_deferred_load_cb (gpointer user_data)
{
  KmApplication *self = user_data;

  self->deferred_load_id = 0;
  start_deferred_load (self);
  return G_SOURCE_REMOVE;
}

static void
defer_load (KmApplication *self,
            PackLoad      *load)
{
  GTask *task = g_task_new (self, NULL, pack_load_done_cb, NULL);

  /* The application waits for the pack before it may quit. */
  g_application_hold (G_APPLICATION (self));
  km_content_store_set_loading (get_store (self), TRUE);
  g_task_set_task_data (task, load, (GDestroyNotify) pack_load_free);
  self->deferred_load = task;
  self->deferred_load_id = g_timeout_add (DEFERRED_LOAD_MAX_MS, start_deferred_load_cb, self);
}

static gboolean
adopt_pending_load_cb (gpointer user_data)
{
  KmApplication *self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->pending_load);

  self->pending_load_id = 0;
  if (task != NULL)
    pack_load_adopt (self, task);
  return G_SOURCE_REMOVE;
}

/* Ten seconds at most, should the window never paint (hidden, no display
 * frames): the application holds itself until the pack is adopted.
 */
#define PENDING_LOAD_MAX_MS 10000

/* A pack parsed before the first window painted its first frame waits
 * for that frame: filling the views with it first would delay the frame
 * by about what the worker saved (1,000 exhibits: a third of the
 * start-up, #19).
 */
static void
pack_load_done_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KmApplication *self = KM_APPLICATION (source_object);

  if (!self->first_frame_shown)
    {
      g_set_object (&self->pending_load, G_TASK (result));
      self->pending_load_id = g_timeout_add (PENDING_LOAD_MAX_MS, adopt_pending_load_cb, self);
      return;
    }
  pack_load_adopt (self, G_TASK (result));
}

static void
first_frame_cb (GdkFrameClock *clock,
                KmApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  self->first_frame_shown = TRUE;
  start_deferred_load (self);
  /* In the next main-loop iteration, once the frame is sent. */
  if (self->pending_load != NULL)
    {
      g_source_remove (self->pending_load_id);
      self->pending_load_id = g_idle_add (adopt_pending_load_cb, self);
    }
}

static void
load_content (KmApplication *self)
{
  g_autoptr(GError) error = NULL;

  /* An installed content pack, checked; on failure the previous, then the bundled one. */
  if (self->content_dir == NULL)
    {
      g_autoptr(GFile) base = km_pack_dir_get_default_base ();
      g_autoptr(GFile) active = km_pack_dir_resolve (base, "active");
      g_autoptr(GFile) loaded = NULL;
      g_autoptr(KmContentUpdater) updater = km_content_updater_new (NULL, base);
      gint64 version = 0;
      gboolean ok;

      km_context_set_updater (self->context, updater);
      if (active != NULL && is_large_pack (active))
        {
          g_autoptr(KmContentStore) store = km_content_store_new ();
          PackLoad *load = pack_load_new (self, store);

          /* The updater, which may replace packs, waits for the worker;
           * without a store it shows no pack meanwhile (a kiosk's reset
           * would load the active one on this thread, unverified).
           */
          self->updater_deferred = TRUE;
          load->base = g_object_ref (base);
          defer_load (self, load);
          return;
        }

      ok = km_pack_dir_recover (base, get_store (self), &loaded, &version, &self->content_notice);
      km_content_updater_set_store (updater, get_store (self), loaded, version);
      if (ok)
        return;
    }

  if (self->content_dir != NULL)
    {
      g_autoptr(KmContentStore) store = km_content_store_new ();
      g_autoptr(PackLoad) load = NULL;

      /* A preview reloads on every save, in place: never in a worker. */
      if (!is_kiosk (self) && !self->preview)
        {
          g_autoptr(GFile) dir = g_file_new_for_commandline_arg (self->content_dir);

          if (is_large_pack (dir))
            {
              defer_load (self, pack_load_new (self, store));
              return;
            }
        }

      load = pack_load_new (self, get_store (self));
      pack_load_run (load);
      pack_load_finish (self, load);
      return;
    }

  if (!km_content_store_load_bundled (get_store (self), &error))
    g_printerr ("khojaly-memorial: the bundled exhibition does not load: %s\n", error->message);
}

static const char *
choose_language (KmApplication *self)
{
  /* A kiosk always starts in its own language. */
  if (self->language != NULL || is_kiosk (self))
    return km_context_get_kiosk_language (self->context);

  {
    g_autofree char *saved = g_settings_get_string (get_settings (self), "language");

    if (km_i18n_lookup_language (saved) != NULL)
      return g_intern_string (saved);
  }

  return km_i18n_guess_system_language ();
}

static void
apply_language (KmApplication *self,
                const char    *code)
{
  static gboolean warned;
  g_autoptr(GError) error = NULL;
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "language");
  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (code));

  /* The windows and the kiosk follow KmContext:language. */
  if (!km_context_set_language (self->context, code, &error) && !warned)
    {
      g_printerr ("khojaly-memorial: %s\n", error->message);
      warned = TRUE;
    }
}

static void
language_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  km_application_set_language (KM_APPLICATION (user_data), g_variant_get_string (parameter, NULL));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  /* A new builder each time, so the window speaks the current language. */
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/km-shortcuts-window.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (window, gtk_application_get_active_window (app));
  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  KmApplication *self = KM_APPLICATION (user_data);
  static const char *developers[] = { "The Khojaly Memorial developers", NULL };
  GListModel *sources = km_content_store_get_sources (get_store (self));
  g_autoptr(GPtrArray) citations = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *debug_info = km_application_dup_debug_info (self);
  GtkWidget *about;

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(KmSource) source = g_list_model_get_item (sources, i);
      g_ptr_array_add (citations, g_strdup (km_source_get_citation (source)));
    }
  g_ptr_array_add (citations, NULL);

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Khojaly Memorial"),
                        "application-icon", APPLICATION_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Khojaly Memorial developers"),
                        "developers", developers,
                        "comments", _("A memorial exhibition about the Khojaly tragedy of 25–26 February 1992, "
                                      "and about how it has been remembered. Every figure and date names the "
                                      "document it comes from. The images are illustrations drawn for this "
                                      "exhibition."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        "debug-info", debug_info,
                        NULL);
  adw_about_window_add_acknowledgement_section (ADW_ABOUT_WINDOW (about), _("Source Documents"),
                                                (const char **) citations->pdata);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Exhibition Illustrations"), NULL,
                                      GTK_LICENSE_CUSTOM,
                                      _("The illustrations and posters were drawn for this exhibition and are "
                                        "shared under the Creative Commons Attribution-ShareAlike 4.0 licence."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (user_data)); l; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  KmApplication *self = KM_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (km_preferences_window_new (parent, get_settings (self), get_updater (self))));
}

static void
reload_content_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  KmApplication *self = KM_APPLICATION (user_data);

  if (get_updater (self) != NULL)
    km_content_updater_apply_pending (get_updater (self));
}

/* The kiosk shows a new pack at its next idle reset, never mid-visit, by
 * calling km_content_updater_apply_pending(); the desktop asks first.
 */
static void
on_pack_ready_cb (KmApplication *self)
{
  if (is_kiosk (self))
    return;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (KM_IS_WINDOW (l->data))
      km_window_add_toast_with_action (KM_WINDOW (l->data),
                                       _("A new version of the exhibition content is ready."),
                                       _("_Reload"), "app.reload-content");
}

/* --preview: a save in the pack shows at once. The store keeps what it
 * shows when the saved pack does not load; the window then lists the
 * errors over it until a save that loads. Each view is built again on the
 * new content, keeping the visitor's place (view, exhibit, entry, filters)
 * through its saved state, as on a language switch.
 */
static void
reload_preview (KmApplication *self)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  GFile *dir = km_pack_watcher_get_dir (self->preview_watcher);
  gboolean loaded;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (KM_IS_WINDOW (l->data))
      km_window_content_reloading (KM_WINDOW (l->data));

  loaded = km_content_store_load (get_store (self), dir, &errors, &error);
  if (loaded)
    km_context_set_content_errors (self->context, NULL);
  else
    {
      /* A pack that cannot be read at all has no error list of its own. */
      if (errors == NULL || errors->len == 0)
        {
          g_clear_pointer (&errors, g_ptr_array_unref);
          errors = g_ptr_array_new_with_free_func ((GDestroyNotify) km_content_error_free);
          g_ptr_array_add (errors, km_content_error_new (self->content_dir, 0, 0, error->message));
        }
      km_context_set_content_errors (self->context, errors);
    }

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (KM_IS_WINDOW (l->data))
      km_window_content_reloaded (KM_WINDOW (l->data), loaded);
}

static void
start_preview (KmApplication *self)
{
  g_autoptr(GFile) dir = NULL;

  if (!self->preview)
    return;

  dir = g_file_new_for_commandline_arg (self->content_dir);
  /* Editors save in several steps (a temporary file, a rename): the
   * pack is read once they are done. */
  self->preview_watcher = km_pack_watcher_new (dir, 200);
  g_signal_connect_object (self->preview_watcher, "changed", G_CALLBACK (reload_preview), self, G_CONNECT_SWAPPED);
}

static void
start_content_services (KmApplication *self)
{
  GSettings *settings = get_settings (self);
  KmContentUpdater *updater = get_updater (self);
  g_autoptr(KmStatusServer) status_server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *token = NULL;

  if (updater != NULL)
    {
      km_content_updater_bind_settings (updater, settings);
      g_signal_connect_object (updater, "pack-ready", G_CALLBACK (on_pack_ready_cb), self, G_CONNECT_SWAPPED);
      if (!self->updater_deferred)
        km_content_updater_start (updater);
    }

  /* A kiosk counts its visits (#23), unless visit-figures is off. */
  if (is_kiosk (self) && km_context_get_visit_log (self->context) == NULL)
    {
      g_autofree char *path = km_visit_log_dup_default_path ();
      g_autoptr(KmVisitLog) visit_log = km_visit_log_new (km_context_get_clock (self->context), path, 0);

      km_visit_log_set_store (visit_log, km_context_get_store (self->context));
      km_visit_log_set_view_names (visit_log, km_window_view_names);
      g_settings_bind (settings, "visit-figures", visit_log, "enabled", G_SETTINGS_BIND_GET);
      km_context_set_visit_log (self->context, visit_log);
    }

  if (!g_settings_get_boolean (settings, "status-server-enabled"))
    return;

  address = g_settings_get_string (settings, "status-server-address");
  token = g_settings_get_string (settings, "status-server-token");
  status_server = km_status_server_new (NULL);
  km_status_server_set_updater (status_server, updater);
  km_status_server_set_visit_log (status_server, km_context_get_visit_log (self->context));
  if (!km_status_server_start (status_server, address,
                               g_settings_get_uint (settings, "status-server-port"), token, &error))
    g_printerr ("khojaly-memorial: the status endpoint is off: %s\n", error->message);
  /* The window tells it which view is shown. */
  km_context_set_status_server (self->context, status_server);
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action },
  { "reload-content", reload_content_action },
  { "language", language_action, "s", "'en'", NULL },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "quit", quit_action },
};

static int
km_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  KmApplication *self = KM_APPLICATION (application);
  const char *view = NULL;
  const char *language = NULL;
  const char *path = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("khojaly-memorial %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* Every part of the program reads its settings: none runs without them. */
  if (self->context == NULL)
    {
      g_printerr ("khojaly-memorial: the settings schema %s is not installed; install the program "
                  "or set GSETTINGS_SCHEMA_DIR\n", APPLICATION_ID);
      return 2;
    }

  if (g_variant_dict_lookup (options, "view", "&s", &view))
    {
      if (!g_strv_contains (km_window_view_names, view))
        {
          g_printerr (_("khojaly-memorial: unknown view “%s”; choose gallery, timeline or statistics\n"), view);
          return 2;
        }
      g_free (self->initial_view);
      self->initial_view = g_strdup (view);
    }

  if (g_variant_dict_lookup (options, "language", "&s", &language))
    {
      if (km_i18n_lookup_language (language) == NULL)
        {
          g_printerr (_("khojaly-memorial: unknown language “%s”; choose en, az or id\n"), language);
          return 2;
        }
      g_free (self->language);
      self->language = g_strdup (language);
      /* For a kiosk, also the language of every reset in this run. */
      km_context_set_kiosk_language (self->context, language);
    }

  if (g_variant_dict_lookup (options, "validate", "^&ay", &path))
    return validate_content (path);

  if (g_variant_dict_contains (options, "set-kiosk-pin"))
    return km_kiosk_pin_set_from_terminal (get_settings (self));

  if (g_variant_dict_lookup (options, "preview", "^&ay", &path))
    {
      if (g_variant_dict_contains (options, "kiosk") || g_variant_dict_contains (options, "content"))
        {
          g_printerr (_("khojaly-memorial: --preview cannot be combined with --kiosk or --content\n"));
          return 2;
        }
      g_free (self->content_dir);
      self->content_dir = g_strdup (path);
      /* A preview is for the curator, on the desktop, whatever kiosk-mode says. */
      self->preview = TRUE;
      return -1;
    }

  if (g_variant_dict_contains (options, "kiosk") ||
      g_settings_get_boolean (get_settings (self), "kiosk-mode"))
    km_context_set_kiosk (self->context, TRUE);

  if (g_variant_dict_lookup (options, "content", "^&ay", &path))
    {
      g_free (self->content_dir);
      self->content_dir = g_strdup (path);
    }

  return -1;
}

static void
load_icon_theme_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  /* Any lookup loads the theme's index, under the theme's own lock. */
  gtk_icon_theme_has_icon (task_data, "open-menu-symbolic");
  g_task_return_boolean (task, TRUE);
}

/* GtkApplication's start-up creates the display's icon theme, which loads
 * itself in a thread; adw_init() then adds libadwaita's icons, and that
 * throws the load away. The first icon in the window then loaded the theme
 * again on the main thread, inside the first frame (about 7 ms, #10). Load
 * it again in a thread now, while the content and the window are built:
 * GtkIconTheme locks itself for the loader threads GTK runs the same way.
 */
static void
preload_icon_theme (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GTask) task = NULL;

  if (display == NULL)
    return;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, g_object_ref (gtk_icon_theme_get_for_display (display)), g_object_unref);
  g_task_run_in_thread (task, load_icon_theme_thread);
}

/* STATUS= for `systemctl --user status`: plain text, not translated, for
 * the operator's journal (the updater's errors carry no credentials).
 */
static char *
dup_watchdog_status (gpointer user_data)
{
  KmApplication *self = user_data;
  KmContentUpdater *updater = self->context != NULL ? get_updater (self) : NULL;
  gint64 version = updater != NULL ? km_content_updater_get_shown_version (updater) : 0;
  const char *error = updater != NULL ? km_content_updater_get_last_error (updater) : NULL;

  if (error != NULL && *error != '\0')
    return g_strdup_printf ("Content version %" G_GINT64_FORMAT "; last error: %s", version, error);
  return g_strdup_printf ("Content version %" G_GINT64_FORMAT "; no error", version);
}

/* READY=1 once the window's first frame is painted: the exhibition is on
 * screen, and systemd's start-up timeout no longer applies.
 */
static void
watchdog_first_frame_cb (GdkFrameClock *clock,
                         KmApplication *self)
{
  g_signal_handlers_disconnect_by_func (clock, watchdog_first_frame_cb, self);
  km_watchdog_ready (self->watchdog);
}

static void
watchdog_ready_after_first_frame (KmApplication *self,
                                  GtkWidget     *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (self->watchdog == NULL || km_watchdog_is_ready (self->watchdog))
    return;
  if (clock == NULL)
    km_watchdog_ready (self->watchdog);
  else
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (watchdog_first_frame_cb), self, 0);
}

/* GTK 4.8's text drawing with medium or full hinting (what GDK assumes on
 * an X server without a settings daemon) loses the parts of composite
 * glyphs at some positions: Azerbaijani letters lose their marks, "üçün"
 * is drawn "uçun" and "ildönümü" "ıldonumu". Slight hinting, GNOME's
 * default, draws them; a kiosk under GNOME already has it.
 */
static void
use_slight_hinting (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *style = NULL;

  if (settings == NULL)
    return;

  g_object_get (settings, "gtk-xft-hintstyle", &style, NULL);
  if (g_strcmp0 (style, "hintmedium") == 0 || g_strcmp0 (style, "hintfull") == 0)
    g_object_set (settings, "gtk-xft-hintstyle", "hintslight", NULL);
}

static void
km_application_startup (GApplication *application)
{
  KmApplication *self = KM_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (km_application_parent_class)->startup (application);
  preload_icon_theme ();
  use_slight_hinting ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);

  /* A pack checked once does not decode its images at every start (#19). */
  {
    g_autoptr(GFile) checked = km_content_checked_get_default_dir ();

    km_content_checked_set_dir (checked);
  }
  load_content (self);
  start_content_services (self);
  start_preview (self);
  apply_language (self, choose_language (self));

  self->watchdog = km_watchdog_new ();
  km_watchdog_set_status_func (self->watchdog, dup_watchdog_status, self, NULL);
  km_watchdog_start (self->watchdog);
}

/* Thumbnails decode once the first window has painted its first frame:
 * until then, on a two-core kiosk PC, the cores are the frame's (#10). A
 * second at most, should a display show no frame.
 */
static void
release_thumbnails (KmApplication *self)
{
  g_clear_handle_id (&self->release_thumbnails_id, g_source_remove);
  if (self->first_frame_clock != NULL)
    g_signal_handlers_disconnect_by_func (self->first_frame_clock, release_thumbnails, self);
  g_clear_object (&self->first_frame_clock);
  if (self->thumbnails_held)
    {
      self->thumbnails_held = FALSE;
      km_thumbnail_loader_release (km_thumbnail_loader_get_default ());
    }
}

static gboolean
release_thumbnails_timeout_cb (gpointer user_data)
{
  KmApplication *self = user_data;

  self->release_thumbnails_id = 0;
  release_thumbnails (self);
  return G_SOURCE_REMOVE;
}

/* Call before the window is first shown, for its cells not to decode yet. */
static void
hold_thumbnails (KmApplication *self)
{
  if (self->thumbnails_held)
    return;

  self->thumbnails_held = TRUE;
  km_thumbnail_loader_hold (km_thumbnail_loader_get_default ());
  self->release_thumbnails_id = g_timeout_add (1000, release_thumbnails_timeout_cb, self);
}

/* Call once the window is presented, so realized, with a frame clock. */
static void
release_thumbnails_after_first_frame (KmApplication *self,
                                      GtkWidget     *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  /* Without a clock, the timeout releases them. */
  if (!self->thumbnails_held || self->first_frame_clock != NULL || clock == NULL)
    return;

  self->first_frame_clock = g_object_ref (clock);
  g_signal_connect_swapped (self->first_frame_clock, "after-paint", G_CALLBACK (release_thumbnails), self);
}

static void
km_application_activate (GApplication *application)
{
  KmApplication *self = KM_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (km_window_new (GTK_APPLICATION (self), self->context, self->initial_view));
      if (self->preview_watcher != NULL)
        km_window_set_preview_dir (KM_WINDOW (window), km_pack_watcher_get_dir (self->preview_watcher));
      if (is_kiosk (self))
        attach_kiosk (self, KM_WINDOW (window));
      hold_thumbnails (self);
    }

  if (self->content_notice != NULL)
    km_window_add_toast (KM_WINDOW (window), self->content_notice);
  g_clear_pointer (&self->content_notice, g_free);

  gtk_window_present (window);
  if (!self->first_frame_shown && !self->first_frame_connected)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

      self->first_frame_connected = TRUE;
      if (clock != NULL)
        g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_frame_cb), self, 0);
      else
        self->first_frame_shown = TRUE;
    }
  release_thumbnails_after_first_frame (self, GTK_WIDGET (window));
  watchdog_ready_after_first_frame (self, GTK_WIDGET (window));
}

static void
km_application_dispose (GObject *object)
{
  KmApplication *self = KM_APPLICATION (object);

  g_clear_handle_id (&self->pending_load_id, g_source_remove);
  g_clear_object (&self->pending_load);
  g_clear_handle_id (&self->deferred_load_id, g_source_remove);
  g_clear_object (&self->deferred_load);
  release_thumbnails (self);
  g_clear_object (&self->watchdog);
  g_clear_object (&self->preview_watcher);
  if (self->context != NULL && get_updater (self) != NULL)
    km_content_updater_stop (get_updater (self));
  g_clear_object (&self->context);
  g_clear_pointer (&self->content_notice, g_free);

  G_OBJECT_CLASS (km_application_parent_class)->dispose (object);
}

static void
km_application_finalize (GObject *object)
{
  KmApplication *self = KM_APPLICATION (object);

  g_free (self->initial_view);
  g_free (self->language);
  g_free (self->content_dir);

  G_OBJECT_CLASS (km_application_parent_class)->finalize (object);
}

static void
km_application_constructed (GObject *object)
{
  KmApplication *self = KM_APPLICATION (object);

  G_OBJECT_CLASS (km_application_parent_class)->constructed (object);

  /* Without a schema there is no context, and handle_local_options says so. */
  if (self->context == NULL)
    {
      g_autoptr(GSettings) settings = create_settings ();

      if (settings != NULL)
        self->context = km_context_new (settings, NULL, NULL, FALSE);
    }
}

static void
km_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KmApplication *self = KM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KmApplication *self = KM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_application_class_init (KmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = km_application_constructed;
  object_class->dispose = km_application_dispose;
  object_class->finalize = km_application_finalize;
  object_class->get_property = km_application_get_property;
  object_class->set_property = km_application_set_property;
  app_class->handle_local_options = km_application_handle_local_options;
  app_class->startup = km_application_startup;
  app_class->activate = km_application_activate;

  /* The resources live in a static library: referring to them keeps the
   * linker from dropping them, and their constructor registers them.
   */
  g_assert (km_get_resource () != NULL);

  /**
   * KmApplication:context:
   *
   * What the views, the kiosk and the services share. %NULL makes the
   * application build its own from the installed settings schema; tests
   * hand in one with memory settings and a fake clock.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_application_init (KmApplication *self)
{
  self->initial_view = g_strdup ("gallery");
  /* Every load and --validate checks that media plays on this machine. */
  km_media_probe_install ();

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("A memorial exhibition about the Khojaly tragedy of 25–26 February 1992."));
}

KmApplication *
km_application_new (GApplicationFlags flags)
{
  return g_object_new (KM_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * km_application_get_context:
 *
 * Returns: (transfer none): what the views, the kiosk and the services share
 */
KmContext *
km_application_get_context (KmApplication *self)
{
  g_return_val_if_fail (KM_IS_APPLICATION (self), NULL);

  return self->context;
}

void
km_application_set_language (KmApplication *self,
                             const char    *code)
{
  g_return_if_fail (KM_IS_APPLICATION (self));

  if (km_i18n_lookup_language (code) == NULL)
    return;

  if (!is_kiosk (self) && strchr (code, '@') == NULL)
    g_settings_set_string (get_settings (self), "language", code);

  apply_language (self, code);
}

char *
km_application_dup_debug_info (KmApplication *self)
{
  g_autofree char *missing = km_i18n_dup_missing_locales ();
  GString *info = g_string_new (NULL);

  g_return_val_if_fail (KM_IS_APPLICATION (self), NULL);

  g_string_append_printf (info, "Khojaly Memorial %s\n", PACKAGE_VERSION);
  g_string_append_printf (info, "GTK %u.%u.%u, libadwaita %u.%u.%u, GLib %u.%u.%u\n",
                          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
                          glib_major_version, glib_minor_version, glib_micro_version);
  g_string_append_printf (info, "Language: %s\n", km_i18n_get_language ());
  g_string_append_printf (info, "Translations: %s\n", km_i18n_get_localedir ());
  if (missing != NULL)
    g_string_append_printf (info,
                            "Missing locales: %s (dates and numbers use built-in formats). "
                            "Install them with locale-gen.\n", missing);
  else
    g_string_append (info, "Locales: all installed\n");
  g_string_append_printf (info, "Content: %s%s\n", self->content_dir != NULL && km_context_get_content_errors (self->context) == NULL
                                                 ? self->content_dir : "bundled exhibition",
                          self->content_dir != NULL && self->content_unsigned ? " (unsigned)" : "");
  g_string_append_printf (info, "Kiosk mode: %s\n", is_kiosk (self) ? "yes" : "no");

  return g_string_free (info, FALSE);
}
