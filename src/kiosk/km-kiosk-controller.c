/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-kiosk-controller"

#include "config.h"

#include <math.h>

#include <errno.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "km-a11y-menu.h"
#include "km-a11y-options.h"
#include "km-content-updater.h"
#include "km-context.h"
#include "km-i18n.h"
#include "km-kiosk-attract.h"
#include "km-kiosk-controller.h"
#include "km-kiosk-countdown.h"
#include "km-kiosk-idle-monitor.h"
#include "km-kiosk-pin.h"
#include "km-kiosk-pin-pad.h"
#include "km-kiosk-staff-menu.h"
#include "km-outside-text.h"
#include "km-status-server.h"
#include "km-view.h"

/* Kiosk mode for one window: locks it full screen, watches for input,
 * runs the idle countdown and the reset, shows the attract screen and
 * opens the staff PIN pad. The window only calls
 * km_kiosk_controller_attach(); everything else lives here.
 */
#define CURSOR_HIDE_MS      3000
#define STAFF_CORNER_PX     96
#define STAFF_PRESS_MS      5000
#define HOURS_CHECK_MS      60000

struct _KmKioskController
{
  GObject             parent_instance;

  KmWindow           *window;        /* owns us, through object data */
  KmContext          *context;
  GtkApplication     *application;   /* the window's, which outlives it */
  GSimpleActionGroup *actions;       /* "kiosk" on the window */
  GSettings          *settings;
  KmClock            *clock;
  KmKioskIdleMonitor *monitor;
  KmKioskPin         *pin;

  GtkOverlay         *overlay;
  GtkWidget          *attract;
  GtkWidget          *countdown;
  GtkWidget          *pin_pad;
  GtkWidget          *staff_menu;
  GtkWidget          *blackout;
  GtkWidget          *maintenance_badge;
  GtkWidget          *a11y_menu;

  guint               inhibit_cookie;
  guint               cursor_timer;
  guint               hours_timer;
  guint               corner_timer;
  double              pointer_x;
  double              pointer_y;
  gint64              start_us;
  gint64              awake_until_ms;
  char               *last_error;
  char               *export_status;  /* what the last export did */
  gboolean            allow_close;
  gboolean            maintenance;
  gboolean            closed_hours;
};

G_DEFINE_FINAL_TYPE (KmKioskController, km_kiosk_controller, G_TYPE_OBJECT)

/* The window's application, as any GtkApplication: the kiosk knows the
 * window, not the KmApplication (issue #18). */
static GtkApplication *
get_application (KmKioskController *self)
{
  return self->application;
}


static void update_for_state (KmKioskController *self);

/* Opening hours */

gboolean
km_kiosk_parse_time (const char *text,
                     int        *minutes)
{
  guint hours, mins;
  char extra;

  if (text == NULL || sscanf (text, "%2u:%2u%c", &hours, &mins, &extra) != 2 || hours > 23 || mins > 59)
    return FALSE;

  if (minutes != NULL)
    *minutes = (int) (hours * 60 + mins);
  return TRUE;
}

/* Whether the exhibition is open at @minutes after midnight. Empty or
 * unreadable hours mean always open; a closing time before the opening
 * time runs past midnight (18:00–02:00).
 */
gboolean
km_kiosk_is_open_at (const char *opening,
                     const char *closing,
                     int         minutes)
{
  int open_at, close_at;

  if (!km_kiosk_parse_time (opening, &open_at) || !km_kiosk_parse_time (closing, &close_at))
    return TRUE;
  if (open_at == close_at)
    return TRUE;
  if (open_at < close_at)
    return minutes >= open_at && minutes < close_at;
  return minutes >= open_at || minutes < close_at;
}

/* Overlays */

/* A kiosk screen (attract, countdown, PIN pad, staff menu, closed
 * hours) covers what is under it, so Tab must not wander there: only the
 * topmost screen and the accessibility button can take the focus.
 */
static gboolean
is_kiosk_screen (KmKioskController *self,
                 GtkWidget         *widget)
{
  return widget != NULL &&
         (widget == self->attract || widget == self->countdown || widget == self->pin_pad ||
          widget == self->staff_menu || widget == self->blackout);
}

static void
update_focus_scope (KmKioskController *self)
{
  GtkWidget *main_child = gtk_overlay_get_child (self->overlay);
  GtkWidget *top = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (is_kiosk_screen (self, child))
      top = child;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child == main_child || is_kiosk_screen (self, child))
      gtk_widget_set_can_focus (child, top == NULL || child == top);
}

static void
remove_overlay (KmKioskController  *self,
                GtkWidget         **widget)
{
  if (*widget != NULL && self->overlay != NULL && gtk_widget_get_parent (*widget) == GTK_WIDGET (self->overlay))
    gtk_overlay_remove_overlay (self->overlay, *widget);
  *widget = NULL;
  if (self->overlay != NULL)
    update_focus_scope (self);
}

static void
add_overlay (KmKioskController *self,
             GtkWidget         *widget)
{
  gtk_overlay_add_overlay (self->overlay, widget);
  /* The accessibility button stays on top of every kiosk screen. */
  if (self->a11y_menu != NULL && widget != self->a11y_menu)
    gtk_widget_insert_before (self->a11y_menu, GTK_WIDGET (self->overlay), NULL);
  update_focus_scope (self);
  gtk_widget_grab_focus (widget);
}

static void
set_cursor_hidden (KmKioskController *self,
                   gboolean           hidden)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->window), hidden ? "none" : NULL);
}

static void
set_last_error (KmKioskController *self,
                const char        *message)
{
  g_free (self->last_error);
  self->last_error = g_strdup (message);
}

static void
set_inhibited (KmKioskController *self,
               gboolean           inhibited)
{
  if (inhibited && self->inhibit_cookie == 0)
    {
      self->inhibit_cookie = gtk_application_inhibit (get_application (self), GTK_WINDOW (self->window),
                                                      GTK_APPLICATION_INHIBIT_IDLE | GTK_APPLICATION_INHIBIT_SUSPEND,
                                                      _("The exhibition is open"));
    }
  else if (!inhibited && self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (get_application (self), self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

/* The reset */

/* kiosk.exit, kiosk.restart, kiosk.close-staff-menu and
 * kiosk.export-visits: the staff menu's buttons, enabled only while it is
 * shown. */
static void
update_staff_actions (KmKioskController *self)
{
  static const char * const names[] = { "exit", "restart", "close-staff-menu", "export-visits" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions), names[i])),
                                 self->staff_menu != NULL);
}

static void
close_staff_overlays (KmKioskController *self)
{
  remove_overlay (self, &self->pin_pad);
  remove_overlay (self, &self->staff_menu);
  update_staff_actions (self);
}

static void
on_monitor_reset_cb (KmKioskController *self)
{
  const char *language;
  GList *windows;

  /* The visit ends in the language the visitor left it in. */
  if (km_context_get_visit_log (self->context) != NULL)
    km_visit_log_end_visit (km_context_get_visit_log (self->context), km_i18n_get_language ());
  close_staff_overlays (self);
  /* Whatever played stops before the views go back to their start. */
  km_context_stop_media (self->context);
  /* A content pack that arrived during the visit is shown from now on. */
  if (km_context_get_updater (self->context) != NULL)
    km_content_updater_apply_pending (km_context_get_updater (self->context));
  /* The next visitor starts with the desktop's text size, contrast and motion. */
  km_a11y_options_reset (km_a11y_options_get_default ());

  /* Dialogs the visitor left open (content errors, …) go first. */
  windows = g_list_copy (gtk_application_get_windows (get_application (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    if (l->data != (gpointer) self->window)
      gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);

  /* The language first: switching rebuilds the views, which then go back
   * to their start. --language, when given, is the kiosk's language for
   * the whole run.
   */
  language = km_context_get_kiosk_language (self->context);
  if (g_strcmp0 (language, km_i18n_get_language ()) != 0)
    g_action_group_activate_action (G_ACTION_GROUP (get_application (self)), "language",
                                    g_variant_new_string (language));

  km_window_show_view (self->window, "gallery");
  km_window_reset_views (self->window);
}

/* The attract screen and the black screen outside opening hours */

static void
on_attract_begin_cb (KmKioskController *self)
{
  /* A visit: from this first touch to the idle reset. */
  if (km_context_get_visit_log (self->context) != NULL)
    km_visit_log_begin_visit (km_context_get_visit_log (self->context));
  km_kiosk_idle_monitor_begin_visit (self->monitor);
}

static void show_blackout (KmKioskController *self,
                           gboolean           show);

/* A touch on the black screen wakes the kiosk for one idle period. */
static void
on_blackout_released_cb (KmKioskController *self)
{
  self->awake_until_ms = km_clock_get_time_ms (self->clock) +
                         (gint64) km_kiosk_idle_monitor_get_idle_seconds (self->monitor) * 1000;
  show_blackout (self, FALSE);
}

static void
show_blackout (KmKioskController *self,
               gboolean           show)
{
  if (show && self->blackout == NULL)
    {
      GtkWidget *blackout = adw_bin_new ();
      GtkGesture *click = gtk_gesture_click_new ();

      gtk_widget_add_css_class (blackout, "km-kiosk-blackout");
      gtk_widget_set_focusable (blackout, TRUE);
      g_signal_connect_object (click, "released", G_CALLBACK (on_blackout_released_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (blackout, GTK_EVENT_CONTROLLER (click));
      self->blackout = blackout;
      add_overlay (self, blackout);
      set_cursor_hidden (self, TRUE);
      set_inhibited (self, FALSE);
      if (self->attract != NULL)
        km_kiosk_attract_set_playing (KM_KIOSK_ATTRACT (self->attract), FALSE);
    }
  else if (!show && self->blackout != NULL)
    {
      remove_overlay (self, &self->blackout);
      set_inhibited (self, TRUE);
      if (self->attract != NULL)
        {
          km_kiosk_attract_set_playing (KM_KIOSK_ATTRACT (self->attract), TRUE);
          gtk_widget_grab_focus (self->attract);
        }
    }
}

static void
show_attract (KmKioskController *self)
{
  self->attract = km_kiosk_attract_new (km_context_get_store (self->context), self->clock);
  g_signal_connect_object (self->attract, "begin", G_CALLBACK (on_attract_begin_cb), self, G_CONNECT_SWAPPED);
  add_overlay (self, self->attract);
}

static void
show_countdown (KmKioskController *self)
{
  self->countdown = km_kiosk_countdown_new (km_kiosk_idle_monitor_get_countdown_seconds (self->monitor));
  km_kiosk_countdown_set_seconds_left (KM_KIOSK_COUNTDOWN (self->countdown),
                                       km_kiosk_idle_monitor_get_seconds_left (self->monitor));
  g_signal_connect_object (self->countdown, "continue", G_CALLBACK (km_kiosk_idle_monitor_poke),
                           self->monitor, G_CONNECT_SWAPPED);
  add_overlay (self, self->countdown);
}

static void
update_for_state (KmKioskController *self)
{
  KmKioskIdleState state = km_kiosk_idle_monitor_get_state (self->monitor);

  if (state == KM_KIOSK_IDLE_STATE_COUNTDOWN && self->countdown == NULL)
    show_countdown (self);
  else if (state != KM_KIOSK_IDLE_STATE_COUNTDOWN)
    remove_overlay (self, &self->countdown);

  if (state == KM_KIOSK_IDLE_STATE_ATTRACT && self->attract == NULL)
    {
      show_attract (self);
      set_cursor_hidden (self, TRUE);
      km_kiosk_controller_check_hours (self, NULL);
    }
  else if (state != KM_KIOSK_IDLE_STATE_ATTRACT && self->attract != NULL)
    {
      remove_overlay (self, &self->attract);
      show_blackout (self, FALSE);
      km_window_show_view (self->window, "gallery");
    }
}

static void
on_monitor_seconds_left_cb (KmKioskController *self)
{
  if (self->countdown != NULL)
    km_kiosk_countdown_set_seconds_left (KM_KIOSK_COUNTDOWN (self->countdown),
                                         km_kiosk_idle_monitor_get_seconds_left (self->monitor));
}

/**
 * km_kiosk_controller_check_hours:
 * @now: (nullable): the local time; %NULL for now
 *
 * Outside the opening hours the attract screen turns black; a touch wakes
 * it for one idle period.
 */
void
km_kiosk_controller_check_hours (KmKioskController *self,
                                 GDateTime         *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *opening = NULL;
  g_autofree char *closing = NULL;
  gint64 now_ms;
  gboolean open;

  g_return_if_fail (KM_IS_KIOSK_CONTROLLER (self));

  if (self->window == NULL)
    return;

  now_ms = km_clock_get_time_ms (self->clock);
  local = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
  opening = g_settings_get_string (self->settings, "kiosk-opening-time");
  closing = g_settings_get_string (self->settings, "kiosk-closing-time");
  open = km_kiosk_is_open_at (opening, closing,
                              g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local));
  self->closed_hours = !open;
  if (km_context_get_visit_log (self->context) != NULL)
    km_visit_log_set_open (km_context_get_visit_log (self->context), open);

  if (open || self->maintenance)
    show_blackout (self, FALSE);
  else if (self->attract != NULL && now_ms >= self->awake_until_ms)
    show_blackout (self, TRUE);
}

static gboolean
on_hours_timeout_cb (gpointer user_data)
{
  KmKioskController *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  km_kiosk_controller_check_hours (self, now);
  return G_SOURCE_CONTINUE;
}

/* Staff */

static void
restart_now (void)
{
  g_autofree char *cmdline = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  gsize len = 0;

  /* Same process, same arguments: a systemd unit sees no exit at all. */
  if (g_file_get_contents ("/proc/self/cmdline", &cmdline, &len, NULL))
    {
      for (gsize i = 0; i < len; i += strlen (cmdline + i) + 1)
        g_ptr_array_add (argv, cmdline + i);
      g_ptr_array_add (argv, NULL);
      execv ("/proc/self/exe", (char **) argv->pdata);
    }

  /* Exec failed: exit with EX_TEMPFAIL, which the unit restarts. */
  g_printerr ("khojaly-memorial: cannot restart in place: %s\n", g_strerror (errno));
  exit (75);
}

static gboolean
on_restart_idle_cb (gpointer user_data)
{
  restart_now ();
  return G_SOURCE_REMOVE;
}

static const char *
maintenance_text (void)
{
  return _("Maintenance mode: the kiosk does not reset");
}

static void
update_maintenance_badge (KmKioskController *self)
{
  if (self->maintenance && self->maintenance_badge == NULL)
    {
      self->maintenance_badge = gtk_label_new (maintenance_text ());
      gtk_widget_set_halign (self->maintenance_badge, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (self->maintenance_badge, GTK_ALIGN_END);
      gtk_widget_set_can_target (self->maintenance_badge, FALSE);
      gtk_widget_add_css_class (self->maintenance_badge, "km-kiosk-badge");
      gtk_widget_add_css_class (self->maintenance_badge, "osd");
      gtk_overlay_add_overlay (self->overlay, self->maintenance_badge);
    }
  else if (!self->maintenance)
    remove_overlay (self, &self->maintenance_badge);
}

static void
on_staff_maintenance_cb (KmKioskController *self)
{
  self->maintenance = km_kiosk_staff_menu_get_maintenance (KM_KIOSK_STAFF_MENU (self->staff_menu));
  km_kiosk_idle_monitor_set_enabled (self->monitor, !self->maintenance);
  /* Staff at work are not a visit. */
  if (self->maintenance && km_context_get_visit_log (self->context) != NULL)
    km_visit_log_cancel_visit (km_context_get_visit_log (self->context));
  update_maintenance_badge (self);
}

static void
on_staff_exit_cb (KmKioskController *self)
{
  KmWindow *window = self->window;

  self->allow_close = TRUE;
  remove_overlay (self, &self->staff_menu);
  update_staff_actions (self);
  gtk_window_unfullscreen (GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (window));
}

static void
on_staff_restart_cb (KmKioskController *self)
{
  self->allow_close = TRUE;
  /* Let the click finish before the process image is replaced. */
  g_idle_add (on_restart_idle_cb, NULL);
}

static void
on_staff_close_cb (KmKioskController *self)
{
  remove_overlay (self, &self->staff_menu);
  update_staff_actions (self);
}

static void
staff_exit_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  on_staff_exit_cb (KM_KIOSK_CONTROLLER (user_data));
}

static void
staff_restart_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  on_staff_restart_cb (KM_KIOSK_CONTROLLER (user_data));
}

static void
close_staff_menu_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  on_staff_close_cb (KM_KIOSK_CONTROLLER (user_data));
}

static char *
dup_content_description (KmKioskController *self)
{
  KmContentStore *store = km_context_get_store (self->context);
  GFile *base = km_content_store_get_base_dir (store);

  if (base == NULL || g_file_has_uri_scheme (base, "resource"))
    return g_strdup (_("Bundled exhibition"));

  return g_file_get_parse_name (base);
}

/* The visit-export-folder setting, or the Documents folder. */
static GFile *
get_export_folder (KmKioskController *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "visit-export-folder");
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (*folder != '\0')
    return g_file_new_for_path (folder);
  return g_file_new_for_path (documents != NULL ? documents : g_get_home_dir ());
}

static void
update_staff_visits (KmKioskController *self)
{
  KmVisitLog *visit_log = km_context_get_visit_log (self->context);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (km_clock_get_real_time_ms (self->clock) / 1000);
  g_autofree char *summary = NULL;
  g_autofree char *warning = NULL;
  guint visits[24] = { 0 };
  guint total = 0;

  if (visit_log != NULL)
    {
      km_visit_log_get_day (visit_log, now, visits);
      warning = km_visit_log_dup_warning (visit_log);
    }
  for (guint h = 0; h < 24; h++)
    total += visits[h];

  if (visit_log == NULL || !km_visit_log_get_enabled (visit_log))
    /* Translators: the value of the “Today” row under “Visit Figures” on
     * the kiosk staff menu when the setting visit-figures is off */
    summary = g_strdup (_("Not counted: visit figures are off"));
  else
    summary = g_strdup_printf (ngettext ("%u visit", "%u visits", total), total);
  if (warning != NULL)
    {
      char *both = g_strdup_printf ("%s\n%s", summary, warning);

      g_free (summary);
      summary = both;
    }

  km_kiosk_staff_menu_set_visits (KM_KIOSK_STAFF_MENU (self->staff_menu), visits, summary);
  if (self->export_status == NULL)
    {
      g_autoptr(GFile) folder = get_export_folder (self);
      g_autofree char *name = g_file_get_parse_name (folder);
      /* Translators: %s is a folder, e.g. “/media/usb” */
      g_autofree char *text = g_strdup_printf (_("A CSV file in %s"), name);

      km_kiosk_staff_menu_set_export_status (KM_KIOSK_STAFF_MENU (self->staff_menu), text);
    }
  else
    km_kiosk_staff_menu_set_export_status (KM_KIOSK_STAFF_MENU (self->staff_menu), self->export_status);
}

static void
export_visits_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  KmKioskController *self = KM_KIOSK_CONTROLLER (user_data);
  KmVisitLog *visit_log = km_context_get_visit_log (self->context);
  g_autoptr(GFile) folder = get_export_folder (self);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->export_status, g_free);
  if (visit_log == NULL)
    self->export_status = g_strdup (_("There are no visit figures to export"));
  else if ((file = km_visit_log_export_csv (visit_log, folder, &error)) != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      /* Translators: %s is the file written, e.g. “/media/usb/khojaly-memorial-visits-2026-02-26.csv” */
      self->export_status = g_strdup_printf (_("Saved as %s"), name);
    }
  else
    {
      g_autofree char *name = g_file_get_parse_name (folder);

      /* Translators: the first %s is a folder, the second the system's error message */
      self->export_status = g_strdup_printf (_("Could not save in %s: %s"), name, error->message);
      g_message ("Visit figures not exported: %s", error->message);
    }

  if (self->staff_menu != NULL)
    update_staff_visits (self);
}

static void
show_staff_menu (KmKioskController *self)
{
  g_autofree char *content = dup_content_description (self);
  g_autoptr(GFile) disk = NULL;
  GFile *base = km_content_store_get_base_dir (km_context_get_store (self->context));
  KmContentUpdater *updater = km_context_get_updater (self->context);

  /* The truthful update status (what was verified, what failed, what is
   * still shown) under where the content comes from.
   */
  if (updater != NULL)
    {
      g_autofree char *text = km_content_updater_dup_status_text (updater);
      g_autofree char *url = NULL;
      g_autofree char *status = NULL;

      g_object_get (updater, "url", &url, NULL);
      status = km_outside_text_hide_credentials (text, url);
      if (*status != '\0')
        {
          char *both = g_strdup_printf ("%s\n%s", content, status);

          g_free (content);
          content = both;
        }
    }

  disk = base != NULL && g_file_is_native (base) ? g_object_ref (base) : g_file_new_for_path (g_get_home_dir ());

  self->staff_menu = km_kiosk_staff_menu_new ();
  km_kiosk_staff_menu_set_maintenance (KM_KIOSK_STAFF_MENU (self->staff_menu), self->maintenance);
  km_kiosk_staff_menu_set_status (KM_KIOSK_STAFF_MENU (self->staff_menu), content,
                                  (g_get_monotonic_time () - self->start_us) / G_USEC_PER_SEC,
                                  self->last_error, disk);
  update_staff_visits (self);
  g_signal_connect_object (self->staff_menu, "notify::maintenance", G_CALLBACK (on_staff_maintenance_cb), self, G_CONNECT_SWAPPED);
  add_overlay (self, self->staff_menu);
  update_staff_actions (self);
}

static void
on_pin_pad_unlocked_cb (KmKioskController *self)
{
  remove_overlay (self, &self->pin_pad);
  show_staff_menu (self);
}

static void
on_pin_pad_cancelled_cb (KmKioskController *self)
{
  remove_overlay (self, &self->pin_pad);
}

static void
open_pin_pad (KmKioskController *self)
{
  if (self->pin_pad != NULL || self->staff_menu != NULL || self->window == NULL)
    return;

  /* The hash is read each time: --set-kiosk-pin may have run meanwhile. */
  {
    g_autofree char *hash = g_settings_get_string (self->settings, "kiosk-pin-hash");
    km_kiosk_pin_set_hash (self->pin, hash);
  }

  self->pin_pad = km_kiosk_pin_pad_new (self->pin, self->clock);
  g_signal_connect_object (self->pin_pad, "unlocked", G_CALLBACK (on_pin_pad_unlocked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pin_pad, "cancelled", G_CALLBACK (on_pin_pad_cancelled_cb), self, G_CONNECT_SWAPPED);
  add_overlay (self, self->pin_pad);
  set_cursor_hidden (self, FALSE);
}

/* kiosk.reset: back to the attract screen for the next visitor, now (the
 * status endpoint's POST /reset). */
static void
reset_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  KmKioskController *self = KM_KIOSK_CONTROLLER (user_data);

  km_kiosk_idle_monitor_reset_now (self->monitor);
}

static void
on_reset_requested_cb (KmKioskController *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self->actions), "reset", NULL);
}

static void
staff_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  open_pin_pad (KM_KIOSK_CONTROLLER (user_data));
}

/* Input */

static gboolean
on_cursor_timeout_cb (gpointer user_data)
{
  KmKioskController *self = user_data;

  self->cursor_timer = 0;
  set_cursor_hidden (self, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
is_touch (GtkEventController *controller)
{
  GdkDevice *device = gtk_event_controller_get_current_event_device (controller);

  return device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN;
}

static void
note_pointer (KmKioskController  *self,
              GtkEventController *controller)
{
  if (self->cursor_timer != 0)
    km_clock_remove (self->clock, self->cursor_timer);
  self->cursor_timer = 0;

  if (is_touch (controller) || self->attract != NULL || self->blackout != NULL)
    {
      set_cursor_hidden (self, TRUE);
      return;
    }

  set_cursor_hidden (self, FALSE);
  self->cursor_timer = km_clock_add_timeout (self->clock, CURSOR_HIDE_MS, on_cursor_timeout_cb, self, NULL);
}

/* Every touch, key, scroll and motion: the visit goes on, and the status
 * endpoint can say how long ago someone was here.
 */
static void
note_visitor (KmKioskController *self)
{
  KmStatusServer *status = km_context_get_status_server (self->context);

  km_kiosk_idle_monitor_poke (self->monitor);
  if (status != NULL)
    km_status_server_note_interaction (status);
  if (km_context_get_visit_log (self->context) != NULL)
    km_visit_log_note_activity (km_context_get_visit_log (self->context));
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              KmKioskController        *self)
{
  /* GTK repeats the last motion when the widgets under a resting pointer
   * change (a new view, an animation); only a pointer that moved is a
   * visitor, or a mouse left over a moving page would keep the kiosk
   * from ever resetting.
   */
  gboolean first = isnan (self->pointer_x);
  gboolean moved = fabs (x - self->pointer_x) >= 1 || fabs (y - self->pointer_y) >= 1;

  self->pointer_x = x;
  self->pointer_y = y;
  /* The first motion only says where the pointer rests: GTK sends it when
   * the window appears under it.
   */
  if (first || !moved)
    return;

  note_visitor (self);
  note_pointer (self, GTK_EVENT_CONTROLLER (controller));
}

static void start_corner_timer (KmKioskController *self,
                                double             x,
                                double             y);

static void
on_press_cb (GtkGestureClick   *gesture,
             int                n_press,
             double             x,
             double             y,
             KmKioskController *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  note_visitor (self);
  note_pointer (self, GTK_EVENT_CONTROLLER (gesture));
  if (button == GDK_BUTTON_PRIMARY || button == 0)
    start_corner_timer (self, x, y);

  /* No context menus anywhere: the secondary button goes no further. */
  if (button == GDK_BUTTON_SECONDARY || button == GDK_BUTTON_MIDDLE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
on_key_cb (GtkEventControllerKey *controller,
           guint                  keyval,
           guint                  keycode,
           GdkModifierType        state,
           KmKioskController     *self)
{
  note_visitor (self);

  /* F11 and the context-menu keys do nothing in a kiosk. */
  switch (keyval)
    {
    case GDK_KEY_F11:
    case GDK_KEY_Menu:
      return GDK_EVENT_STOP;
    case GDK_KEY_F10:
      if (state & GDK_SHIFT_MASK)
        return GDK_EVENT_STOP;
      break;
    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              KmKioskController        *self)
{
  note_visitor (self);
  return GDK_EVENT_PROPAGATE;
}

/* The staff corner: a press held for STAFF_PRESS_MS in the top-right
 * corner, which is empty in kiosk mode (no menu, no window controls).
 * GtkGestureLongPress cannot wait that long, hence a timer.
 */
static gboolean
on_corner_timeout_cb (gpointer user_data)
{
  KmKioskController *self = user_data;

  self->corner_timer = 0;
  open_pin_pad (self);
  return G_SOURCE_REMOVE;
}

static void
stop_corner_timer (KmKioskController *self)
{
  if (self->corner_timer != 0)
    km_clock_remove (self->clock, self->corner_timer);
  self->corner_timer = 0;
}

static void
on_corner_stopped_cb (GtkGesture        *gesture,
                      KmKioskController *self)
{
  stop_corner_timer (self);
}

/* "released" carries the press count and position: a handler of its own,
 * or the controller would arrive as the count. */
static void
on_corner_released_cb (GtkGestureClick   *gesture,
                       int                n_press,
                       double             x,
                       double             y,
                       KmKioskController *self)
{
  stop_corner_timer (self);
}

static void
on_corner_cancel_cb (GtkGesture        *gesture,
                     GdkEventSequence  *sequence,
                     KmKioskController *self)
{
  stop_corner_timer (self);
}

static void
start_corner_timer (KmKioskController *self,
                    double             x,
                    double             y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->window));

  stop_corner_timer (self);
  if (x >= width - STAFF_CORNER_PX && y <= STAFF_CORNER_PX)
    self->corner_timer = km_clock_add_timeout (self->clock, STAFF_PRESS_MS, on_corner_timeout_cb, self, NULL);
}

static gboolean
on_close_request_cb (KmKioskController *self)
{
  /* Only the staff menu closes a kiosk window. */
  return !self->allow_close;
}

static gboolean
on_refullscreen_idle_cb (gpointer user_data)
{
  KmKioskController *self = user_data;

  if (self->window != NULL && !self->allow_close && !gtk_window_is_fullscreen (GTK_WINDOW (self->window)))
    gtk_window_fullscreen (GTK_WINDOW (self->window));

  return G_SOURCE_REMOVE;
}

static void
on_fullscreened_cb (KmKioskController *self)
{
  if (!self->allow_close && !gtk_window_is_fullscreen (GTK_WINDOW (self->window)))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_refullscreen_idle_cb, g_object_ref (self), g_object_unref);
}

static void
fullscreen (KmKioskController *self)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self->window));
  GListModel *monitors = gdk_display_get_monitors (display);
  int index = g_settings_get_int (self->settings, "kiosk-monitor");

  if (index >= 0 && (guint) index < g_list_model_get_n_items (monitors))
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, index);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self->window), monitor);
    }
  else
    {
      if (index >= 0)
        {
          g_autofree char *message = g_strdup_printf (_("Monitor %d is not connected; the kiosk uses the primary monitor"), index);
          set_last_error (self, message);
        }
      gtk_window_fullscreen (GTK_WINDOW (self->window));
    }
}

static gboolean
has_pin_hash (KmKioskController *self)
{
  g_autofree char *hash = g_settings_get_string (self->settings, "kiosk-pin-hash");

  return hash[0] != '\0';
}

static void
add_input_controllers (KmKioskController *self)
{
  GtkWidget *window = GTK_WIDGET (self->window);
  GtkEventController *controller;
  GtkShortcutController *shortcuts;

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_cb), self);
  gtk_widget_add_controller (window, controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 0);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "pressed", G_CALLBACK (on_press_cb), self);
  g_signal_connect (controller, "released", G_CALLBACK (on_corner_released_cb), self);
  g_signal_connect (controller, "stopped", G_CALLBACK (on_corner_stopped_cb), self);
  g_signal_connect (controller, "cancel", G_CALLBACK (on_corner_cancel_cb), self);
  gtk_widget_add_controller (window, controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (window, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (window, controller);

  /* The staff corner has a key too: Ctrl+Alt+Shift+K. */
  shortcuts = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (shortcuts), GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (shortcuts,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control><Alt><Shift>k|<Control><Alt><Shift>K"),
                                                          gtk_named_action_new ("kiosk.staff")));
  gtk_widget_add_controller (window, GTK_EVENT_CONTROLLER (shortcuts));
}

static void
wrap_content (KmKioskController *self)
{
  AdwApplicationWindow *window = ADW_APPLICATION_WINDOW (self->window);
  g_autoptr(GtkWidget) content = g_object_ref (adw_application_window_get_content (window));

  adw_application_window_set_content (window, NULL);
  self->overlay = GTK_OVERLAY (gtk_overlay_new ());
  gtk_overlay_set_child (self->overlay, content);
  adw_application_window_set_content (window, GTK_WIDGET (self->overlay));
}

static void
add_a11y_menu (KmKioskController *self)
{
  self->a11y_menu = km_a11y_menu_new ();
  gtk_overlay_add_overlay (self->overlay, self->a11y_menu);
}

/* KmContext:language. GtkBuilder translates a template once, when it is
 * built, and the window only rebuilds its views: the kiosk's own screens
 * are built again here, in the order they are stacked, so that no name,
 * tooltip or label stays in the old language. The accessibility options
 * live in KmA11yOptions, the PIN's attempts in KmKioskPin: both outlast
 * the widgets.
 */
static void
retranslate (KmKioskController *self)
{
  GtkWidget *focus;
  gboolean focus_in_menu;

  if (self->window == NULL || self->overlay == NULL)
    return;

  focus = gtk_root_get_focus (GTK_ROOT (self->window));
  focus_in_menu = focus != NULL && self->a11y_menu != NULL &&
                  (focus == self->a11y_menu || gtk_widget_is_ancestor (focus, self->a11y_menu));
  if (self->a11y_menu != NULL)
    gtk_overlay_remove_overlay (self->overlay, self->a11y_menu);
  add_a11y_menu (self);

  if (self->attract != NULL)
    {
      gboolean playing = km_kiosk_attract_get_playing (KM_KIOSK_ATTRACT (self->attract));

      remove_overlay (self, &self->attract);
      show_attract (self);
      km_kiosk_attract_set_playing (KM_KIOSK_ATTRACT (self->attract), playing);
      /* The closed hours' black screen stays over it. */
      if (self->blackout != NULL)
        gtk_widget_insert_after (self->blackout, GTK_WIDGET (self->overlay), self->attract);
    }
  if (self->countdown != NULL)
    {
      remove_overlay (self, &self->countdown);
      show_countdown (self);
    }
  if (self->pin_pad != NULL)
    {
      remove_overlay (self, &self->pin_pad);
      open_pin_pad (self);
    }
  if (self->staff_menu != NULL)
    {
      remove_overlay (self, &self->staff_menu);
      show_staff_menu (self);
    }
  if (self->maintenance_badge != NULL)
    gtk_label_set_label (GTK_LABEL (self->maintenance_badge), maintenance_text ());
  /* The reason the session shows for the inhibitor. */
  if (self->inhibit_cookie != 0)
    {
      set_inhibited (self, FALSE);
      set_inhibited (self, TRUE);
    }

  update_focus_scope (self);
  if (focus_in_menu)
    km_a11y_menu_focus_button (KM_A11Y_MENU (self->a11y_menu));
}

static void
on_window_destroy_cb (KmKioskController *self)
{
  if (self->cursor_timer != 0)
    km_clock_remove (self->clock, self->cursor_timer);
  self->cursor_timer = 0;
  if (self->hours_timer != 0)
    km_clock_remove (self->clock, self->hours_timer);
  self->hours_timer = 0;
  stop_corner_timer (self);
  set_inhibited (self, FALSE);

  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);

  self->attract = self->countdown = self->pin_pad = self->staff_menu = NULL;
  self->blackout = self->maintenance_badge = self->a11y_menu = NULL;
  self->overlay = NULL;
  self->window = NULL;
}

static void
km_kiosk_controller_finalize (GObject *object)
{
  KmKioskController *self = KM_KIOSK_CONTROLLER (object);

  g_clear_object (&self->monitor);
  g_clear_object (&self->pin);
  g_clear_object (&self->clock);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->actions);
  g_free (self->last_error);
  g_free (self->export_status);

  G_OBJECT_CLASS (km_kiosk_controller_parent_class)->finalize (object);
}

static void
km_kiosk_controller_class_init (KmKioskControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_kiosk_controller_finalize;
}

static void
km_kiosk_controller_init (KmKioskController *self)
{
  self->start_us = g_get_monotonic_time ();
  self->pointer_x = self->pointer_y = NAN;
}

/**
 * km_kiosk_controller_attach:
 * @window: the window to turn into a kiosk
 * @context: what the kiosk shares with the views: settings, content,
 *   updater, status endpoint, clock
 *
 * Turns @window into a kiosk: the application calls this once, when it
 * runs as a kiosk and the window's views exist.
 */
void
km_kiosk_controller_attach (KmWindow  *window,
                            KmContext *context)
{
  static const GActionEntry entries[] = {
    { "staff", staff_action },
    { "reset", reset_action },
    { "exit", staff_exit_action },
    { "restart", staff_restart_action },
    { "close-staff-menu", close_staff_menu_action },
    { "export-visits", export_visits_action },
  };
  KmKioskController *self;
  GPtrArray *errors;
  guint idle = 120, countdown = 20;

  g_return_if_fail (KM_IS_WINDOW (window));
  g_return_if_fail (KM_IS_CONTEXT (context));
  g_return_if_fail (km_kiosk_controller_get_for_window (window) == NULL);

  self = g_object_new (KM_TYPE_KIOSK_CONTROLLER, NULL);
  g_object_set_data_full (G_OBJECT (window), "km-kiosk-controller", self, g_object_unref);

  self->window = window;
  self->context = g_object_ref (context);
  self->application = gtk_window_get_application (GTK_WINDOW (window));
  self->clock = g_object_ref (km_context_get_clock (context));
  self->settings = g_object_ref (km_context_get_settings (context));
  idle = g_settings_get_uint (self->settings, "kiosk-idle-seconds");
  countdown = g_settings_get_uint (self->settings, "kiosk-countdown-seconds");

  self->pin = km_kiosk_pin_new (self->clock, NULL);
  self->monitor = km_kiosk_idle_monitor_new (self->clock, idle, MAX (countdown, 20));
  g_settings_bind (self->settings, "kiosk-idle-seconds", self->monitor, "idle-seconds", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "kiosk-countdown-seconds", self->monitor, "countdown-seconds", G_SETTINGS_BIND_GET);
  /* No countdown while a visitor's video or recording plays (#20). */
  g_object_bind_property (context, "media-playing", self->monitor, "inhibited", G_BINDING_SYNC_CREATE);

  errors = km_context_get_content_errors (context);
  if (errors != NULL && errors->len > 0)
    set_last_error (self, _("The chosen content pack has errors; the bundled exhibition is shown instead"));

  wrap_content (self);
  add_a11y_menu (self);
  gtk_widget_add_css_class (GTK_WIDGET (window), "kiosk");
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_deletable (GTK_WINDOW (window), FALSE);
  fullscreen (self);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  update_staff_actions (self);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "kiosk", G_ACTION_GROUP (self->actions));
  add_input_controllers (self);

  g_signal_connect_object (window, "close-request", G_CALLBACK (on_close_request_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "notify::fullscreened", G_CALLBACK (on_fullscreened_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "destroy", G_CALLBACK (on_window_destroy_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->monitor, "reset", G_CALLBACK (on_monitor_reset_cb), self, G_CONNECT_SWAPPED);
  /* POST /reset on the status endpoint sends the kiosk to its attract screen. */
  if (km_context_get_status_server (self->context) != NULL)
    g_signal_connect_object (km_context_get_status_server (self->context), "reset-requested",
                             G_CALLBACK (on_reset_requested_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "notify::state", G_CALLBACK (update_for_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "notify::seconds-left", G_CALLBACK (on_monitor_seconds_left_cb), self, G_CONNECT_SWAPPED);

  /* After the window's handler: the kiosk's screens go over the rebuilt views. */
  g_signal_connect_object (context, "notify::language", G_CALLBACK (retranslate), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  if (!has_pin_hash (self))
    g_printerr (_("khojaly-memorial: no staff PIN is set, so the kiosk cannot be left from the screen; "
                  "set one with --set-kiosk-pin\n"));

  set_inhibited (self, TRUE);
  self->hours_timer = km_clock_add_timeout (self->clock, HOURS_CHECK_MS, on_hours_timeout_cb, self, NULL);

  /* A kiosk starts on its attract screen. */
  km_kiosk_idle_monitor_reset_now (self->monitor);
}

/**
 * km_kiosk_controller_get_for_window:
 *
 * Returns: (transfer none) (nullable): @window's controller, if it is a kiosk
 */
KmKioskController *
km_kiosk_controller_get_for_window (KmWindow *window)
{
  g_return_val_if_fail (KM_IS_WINDOW (window), NULL);

  return g_object_get_data (G_OBJECT (window), "km-kiosk-controller");
}
