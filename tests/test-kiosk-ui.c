/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "km-a11y-menu.h"
#include "km-fake-clock.h"
#include "km-figure-table.h"
#include "km-i18n.h"
#include "km-kiosk-attract.h"
#include "km-kiosk-controller.h"
#include "km-kiosk-countdown.h"
#include "km-kiosk-pin-pad.h"
#include "km-kiosk-staff-menu.h"
#include "km-sources-panel.h"
#include "km-test-utils.h"
#include "km-visit-chart.h"
#include "km-visit-log.h"
#include "km-window.h"

typedef KmTestKiosk Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  km_test_kiosk_set_up (fixture, data, "az");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  km_test_kiosk_tear_down (fixture);
}

#define advance km_test_kiosk_advance

static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  g_assert_not_reached ();
}

static void
touch (GtkWidget *widget)
{
  GtkEventController *click = find_controller (widget, GTK_TYPE_GESTURE_CLICK);

  g_signal_emit_by_name (click, "released", 1, 20.0, 20.0);
}

static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  GtkEventController *key = find_controller (widget, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (key, "key-pressed", keyval, 0, 0, &handled);
  g_assert_true (handled);
}

static void
enter_pin (GtkWidget  *pad,
           const char *pin)
{
  for (const char *p = pin; *p != '\0'; p++)
    g_assert_true (gtk_widget_activate_action (pad, "pin.digit", "s", (char[]) { *p, '\0' }));
  g_assert_cmpuint (km_kiosk_pin_pad_get_length (KM_KIOSK_PIN_PAD (pad)), ==, strlen (pin));
  g_assert_true (gtk_widget_activate_action (pad, "pin.submit", NULL));
}

static void
test_locked_window (Fixture       *fixture,
                    gconstpointer  data)
{

  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fixture->window), "kiosk"));
  g_assert_false (gtk_window_get_decorated (GTK_WINDOW (fixture->window)));
  g_assert_false (gtk_window_get_deletable (GTK_WINDOW (fixture->window)));

  /* A kiosk starts on its attract screen, in its own language. */
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_ATTRACT);
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_cmpstr (km_i18n_get_language (), ==, "az");

  /* No quitting, about window (links) or shortcuts window. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app), "quit"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app), "about"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->app), "shortcuts"));

  gtk_window_close (GTK_WINDOW (fixture->window));
  km_test_iterate (50);
  g_assert_nonnull (fixture->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->window)));
}

static void
test_idle_reset (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *countdown;
  GtkWidget *attract;
  g_autofree char *png = NULL;

  touch (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  g_assert_cmpstr (km_window_get_visible_view (fixture->window), ==, "gallery");

  /* A visitor switches to English and opens the timeline… */
  km_application_set_language (fixture->app, "en");
  km_window_show_view (fixture->window, "timeline");
  advance (fixture, 119);
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_COUNTDOWN, NULL));

  /* …and walks away. */
  advance (fixture, 1);
  countdown = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_COUNTDOWN, NULL);
  g_assert_nonnull (countdown);
  g_assert_cmpstr (km_kiosk_countdown_get_message (KM_KIOSK_COUNTDOWN (countdown)), ==,
                   "The exhibition will start again for the next visitor in 20 seconds.");
  advance (fixture, 19);
  g_assert_cmpstr (km_kiosk_countdown_get_message (KM_KIOSK_COUNTDOWN (countdown)), ==,
                   "The exhibition will start again for the next visitor in 1 second.");
  km_test_wait_for_draw (GTK_WIDGET (fixture->window));
  png = km_test_save_png (GTK_WIDGET (fixture->window), "kiosk-countdown-en");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));

  advance (fixture, 1);
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_COUNTDOWN, NULL));
  attract = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL);
  g_assert_nonnull (attract);
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_ATTRACT);
  g_assert_cmpstr (km_i18n_get_language (), ==, "az");
  g_assert_cmpstr (km_window_get_visible_view (fixture->window), ==, "gallery");

  /* The attract screen moves, and stops with its pause button. */
  {
    g_autofree char *exhibit = g_strdup (km_kiosk_attract_get_exhibit_id (KM_KIOSK_ATTRACT (attract)));

    g_assert_nonnull (exhibit);
    g_assert_true (km_kiosk_attract_get_playing (KM_KIOSK_ATTRACT (attract)));
    advance (fixture, 12);
    g_assert_cmpstr (km_kiosk_attract_get_exhibit_id (KM_KIOSK_ATTRACT (attract)), !=, exhibit);

    km_kiosk_attract_set_playing (KM_KIOSK_ATTRACT (attract), FALSE);
    g_free (exhibit);
    exhibit = g_strdup (km_kiosk_attract_get_exhibit_id (KM_KIOSK_ATTRACT (attract)));
    advance (fixture, 60);
    g_assert_cmpstr (km_kiosk_attract_get_exhibit_id (KM_KIOSK_ATTRACT (attract)), ==, exhibit);
  }

  /* A touch during the countdown continues the visit instead. */
  touch (attract);
  advance (fixture, 125);
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_COUNTDOWN, NULL));
  km_test_visitor_input (fixture->window);
  km_test_iterate (10);
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_COUNTDOWN, NULL));
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
}

/* A pointer left resting over the screen is not a visitor, even when GTK
 * repeats its last motion because the page under it changed.
 */
static void
test_resting_pointer (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkEventController *motion = find_controller (GTK_WIDGET (fixture->window), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  GdkDevice *pointer = gdk_seat_get_pointer (gdk_display_get_default_seat (gdk_surface_get_display (surface)));
  double x = 300, y = 200, dx, dy;

  /* The motions GTK repeats come from where Xvfb's pointer really rests:
   * the test's pointer rests there too (in the window's coordinates). */
  gdk_surface_get_device_position (surface, pointer, &x, &y, NULL);
  gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &dx, &dy);
  x -= dx;
  y -= dy;

  touch (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_ACTIVE);

  g_signal_emit_by_name (motion, "motion", x, y);
  advance (fixture, 119);
  g_signal_emit_by_name (motion, "motion", x, y);
  g_signal_emit_by_name (motion, "motion", x + 0.4, y);
  advance (fixture, 1);
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_COUNTDOWN);

  /* A pointer that moves is someone: the visit goes on. */
  g_signal_emit_by_name (motion, "motion", x + 40, y);
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
}

static gboolean
is_selectable_label (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_label_get_selectable (GTK_LABEL (widget));
}

/* No text to select on a kiosk's touch screen: the figure table, the
 * sources, the viewer's transcript and the banner say so themselves. */
static void
test_no_selection (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *statistics;
  GtkWidget *found;

  touch (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-exhibit", "s", "candle"));
  km_window_show_view (fixture->window, "statistics");
  statistics = km_window_get_view (fixture->window, "statistics");
  g_assert_true (gtk_widget_activate_action (statistics, "statistics.mode", "s", "table"));
  g_assert_true (gtk_widget_activate_action (statistics, "statistics.sources-visible", NULL));
  km_test_wait_for_draw (GTK_WIDGET (fixture->window));

  g_assert_nonnull (km_test_find_widget (statistics, KM_TYPE_FIGURE_TABLE, NULL));
  g_assert_nonnull (km_test_find_widget (statistics, KM_TYPE_SOURCES_PANEL, NULL));
  found = km_test_find_widget_matching (GTK_WIDGET (fixture->window), is_selectable_label, NULL);
  g_assert_null (found);
}

/* Tab from the focus, @n times; fails if it lands inside @outside. */
static void
assert_tab_stays_out (Fixture   *fixture,
                      GtkWidget *outside,
                      guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
      g_assert_nonnull (focus);
      g_assert_false (focus == outside || gtk_widget_is_ancestor (focus, outside));
    }
}

/* A kiosk screen keeps the keyboard to itself: Tab never wanders into
 * the views it covers, nor, from the PIN pad, into the attract screen.
 */
static void
test_screens_hold_focus (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *gallery = km_window_peek_view (fixture->window, "gallery");
  GtkWidget *attract = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL);

  g_assert_nonnull (gallery);
  g_assert_nonnull (attract);
  assert_tab_stays_out (fixture, gallery, 30);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.staff", NULL);
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL));
  assert_tab_stays_out (fixture, attract, 30);
  assert_tab_stays_out (fixture, gallery, 30);

  /* Back to the exhibition: the views take the focus again. */
  gtk_widget_activate_action (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL), "pin.cancel", NULL);
  touch (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  {
    gboolean reached = FALSE;

    for (guint i = 0; i < 60 && !reached; i++)
      {
        GtkWidget *focus;

        gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD);
        focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
        reached = focus != NULL && gtk_widget_is_ancestor (focus, gallery);
      }
    g_assert_true (reached);
  }
}

static void
test_key_begins (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *attract = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL);

  km_window_show_view (fixture->window, "statistics");
  press_key (attract, GDK_KEY_space);
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_cmpstr (km_window_get_visible_view (fixture->window), ==, "gallery");
  g_assert_cmpint (km_test_kiosk_get_state (fixture),
                   ==, KM_KIOSK_IDLE_STATE_ACTIVE);
}

static gboolean
is_button_with_label (GtkWidget     *widget,
                      gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  return km_test_find_widget_matching (widget, is_button_with_label, label);
}

static void
test_language_begins (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *attract = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL);
  GtkWidget *button;

  /* Each language is offered by its own name; choosing one begins the visit in it. */
  g_assert_nonnull (find_button_with_label (attract, "English"));
  g_assert_nonnull (find_button_with_label (attract, "Azərbaycanca"));
  button = find_button_with_label (attract, "Bahasa Indonesia");
  g_assert_nonnull (button);

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (km_i18n_get_language (), ==, "id");
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_cmpint (km_test_kiosk_get_state (fixture),
                   ==, KM_KIOSK_IDLE_STATE_ACTIVE);
}

static void
test_staff_exit (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *pad;
  GtkWidget *menu;

  /* The kiosk starts in Azerbaijani; the checks read English. */
  km_application_set_language (fixture->app, "en");

  touch (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));

  /* Ctrl+Alt+Shift+K is bound to kiosk.staff. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.staff", NULL));
  pad = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL);
  g_assert_nonnull (pad);
  g_assert_cmpstr (km_kiosk_pin_pad_get_status (KM_KIOSK_PIN_PAD (pad)), ==, "Enter the staff PIN.");

  enter_pin (pad, "1991");
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL));
  g_assert_nonnull (strstr (km_kiosk_pin_pad_get_status (KM_KIOSK_PIN_PAD (pad)), "4 tries left"));
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL));

  enter_pin (pad, "1992");
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL));
  menu = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL);
  g_assert_nonnull (menu);
  g_assert_cmpstr (km_kiosk_staff_menu_get_row_value (KM_KIOSK_STAFF_MENU (menu), "version"), ==, PACKAGE_VERSION);
  g_assert_cmpstr (km_kiosk_staff_menu_get_row_value (KM_KIOSK_STAFF_MENU (menu), "content"), ==,
                   "Bundled exhibition\n"
                   /* The updater's truthful status comes with it. */
                   "No content pack address is set. Showing the bundled exhibition.");
  g_assert_cmpstr (km_kiosk_staff_menu_get_row_value (KM_KIOSK_STAFF_MENU (menu), "error"), ==, "None");
  g_assert_nonnull (strstr (km_kiosk_staff_menu_get_row_value (KM_KIOSK_STAFF_MENU (menu), "disk"), "free"));

  /* Maintenance mode: no idle reset. */
  km_kiosk_staff_menu_set_maintenance (KM_KIOSK_STAFF_MENU (menu), TRUE);
  g_assert_nonnull (km_test_kiosk_find (fixture, GTK_TYPE_LABEL, "km-kiosk-badge"));
  advance (fixture, 3600);
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_COUNTDOWN, NULL));
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));

  g_assert_true (gtk_widget_activate_action (menu, "kiosk.exit", NULL));
  km_test_iterate (50);
  g_assert_null (fixture->window);
}

static void
test_lockout (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *pad;

  /* The kiosk starts in Azerbaijani; the checks read English. */
  km_application_set_language (fixture->app, "en");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.staff", NULL));
  pad = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL);

  for (guint i = 0; i < 5; i++)
    enter_pin (pad, "0000");

  g_assert_cmpstr (km_kiosk_pin_pad_get_status (KM_KIOSK_PIN_PAD (pad)), ==,
                   "Too many wrong PINs. Try again in 5 minutes.");

  /* Locked: the right PIN does not even reach the check. */
  g_assert_true (gtk_widget_activate_action (pad, "pin.digit", "s", "1"));
  g_assert_cmpuint (km_kiosk_pin_pad_get_length (KM_KIOSK_PIN_PAD (pad)), ==, 0);
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL));

  advance (fixture, 61);
  g_assert_cmpstr (km_kiosk_pin_pad_get_status (KM_KIOSK_PIN_PAD (pad)), ==,
                   "Too many wrong PINs. Try again in 4 minutes.");

  /* The pad stays shut when reopened. */
  g_assert_true (gtk_widget_activate_action (pad, "pin.cancel", NULL));
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.staff", NULL));
  pad = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL);
  g_assert_nonnull (strstr (km_kiosk_pin_pad_get_status (KM_KIOSK_PIN_PAD (pad)), "Too many"));

  advance (fixture, 240);
  g_assert_cmpstr (km_kiosk_pin_pad_get_status (KM_KIOSK_PIN_PAD (pad)), ==, "Enter the staff PIN.");
  enter_pin (pad, "1992");
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL));
}

static void
test_no_pin (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *pad;

  /* The kiosk starts in Azerbaijani; the checks read English. */
  km_application_set_language (fixture->app, "en");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.staff", NULL));
  pad = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL);
  g_assert_nonnull (pad);
  g_assert_nonnull (strstr (km_kiosk_pin_pad_get_status (KM_KIOSK_PIN_PAD (pad)), "--set-kiosk-pin"));
  g_assert_true (gtk_widget_activate_action (pad, "pin.digit", "s", "1"));
  g_assert_cmpuint (km_kiosk_pin_pad_get_length (KM_KIOSK_PIN_PAD (pad)), ==, 0);
  g_assert_true (gtk_widget_activate_action (pad, "pin.cancel", NULL));
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL));
}

static void
test_opening_hours (Fixture       *fixture,
                    gconstpointer  data)
{
  GSettings *settings = km_context_get_settings (km_application_get_context (fixture->app));
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) evening = g_date_time_new (utc, 2026, 2, 26, 20, 30, 0);
  g_autoptr(GDateTime) morning = g_date_time_new (utc, 2026, 2, 26, 10, 0, 0);
  GtkWidget *blackout;

  km_kiosk_controller_check_hours (fixture->kiosk, evening);
  g_assert_null (km_test_kiosk_find (fixture, GTK_TYPE_WIDGET, "km-kiosk-blackout"));

  g_settings_set_string (settings, "kiosk-opening-time", "09:00");
  g_settings_set_string (settings, "kiosk-closing-time", "18:00");
  km_kiosk_controller_check_hours (fixture->kiosk, evening);
  blackout = km_test_kiosk_find (fixture, GTK_TYPE_WIDGET, "km-kiosk-blackout");
  g_assert_nonnull (blackout);
  g_assert_false (km_kiosk_attract_get_playing (KM_KIOSK_ATTRACT (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL))));

  /* A touch wakes it for one idle period. */
  touch (blackout);
  g_assert_null (km_test_kiosk_find (fixture, GTK_TYPE_WIDGET, "km-kiosk-blackout"));
  km_kiosk_controller_check_hours (fixture->kiosk, evening);
  g_assert_null (km_test_kiosk_find (fixture, GTK_TYPE_WIDGET, "km-kiosk-blackout"));
  advance (fixture, 121);
  km_kiosk_controller_check_hours (fixture->kiosk, evening);
  g_assert_nonnull (km_test_kiosk_find (fixture, GTK_TYPE_WIDGET, "km-kiosk-blackout"));

  km_kiosk_controller_check_hours (fixture->kiosk, morning);
  g_assert_null (km_test_kiosk_find (fixture, GTK_TYPE_WIDGET, "km-kiosk-blackout"));
}

static void
save (Fixture    *fixture,
      const char *what,
      const char *language)
{
  g_autofree char *name = g_strdup_printf ("kiosk-%s-%s", what, language);
  g_autofree char *png = NULL;

  km_test_iterate (1700);
  km_test_wait_for_draw (GTK_WIDGET (fixture->window));
  png = km_test_save_png (GTK_WIDGET (fixture->window), name);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *languages[] = { "en", "az", "id" };
  GSettings *settings = km_context_get_settings (km_application_get_context (fixture->app));

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      GtkWidget *pad, *menu;

      g_settings_set_string (settings, "kiosk-language", languages[i]);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.reset", NULL));
      g_assert_cmpstr (km_i18n_get_language (), ==, languages[i]);
      g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
      save (fixture, "attract", languages[i]);

      touch (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
      advance (fixture, 125);
      g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_COUNTDOWN, NULL));
      save (fixture, "countdown", languages[i]);
      km_test_visitor_input (fixture->window);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.staff", NULL));
      pad = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL);
      g_assert_true (gtk_widget_activate_action (pad, "pin.digit", "s", "1"));
      g_assert_true (gtk_widget_activate_action (pad, "pin.digit", "s", "9"));
      save (fixture, "pin-pad", languages[i]);

      g_assert_true (gtk_widget_activate_action (pad, "pin.digit", "s", "9"));
      g_assert_true (gtk_widget_activate_action (pad, "pin.digit", "s", "2"));
      g_assert_true (gtk_widget_activate_action (pad, "pin.submit", NULL));
      menu = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL);
      g_assert_nonnull (menu);
      save (fixture, "staff-menu", languages[i]);
      g_assert_true (gtk_widget_activate_action (menu, "kiosk.close-staff-menu", NULL));
      g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL));
      /* Without the menu (and the PIN before it) nothing can leave the kiosk. */
      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.exit", NULL);
      km_test_iterate (20);
      g_assert_nonnull (fixture->window);
    }
}

/* The kiosk's language */

static void
fixture_set_up_language_option (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);

  /* khojaly-memorial --kiosk --language=id, on a machine whose
   * kiosk-language is Azerbaijani.
   */
  g_variant_dict_insert (options, "kiosk", "b", TRUE);
  g_variant_dict_insert (options, "language", "s", "id");
  km_test_kiosk_set_up_with_options (fixture, data, "az", options);
}

static GtkWidget *
get_a11y_button (Fixture *fixture)
{
  GtkWidget *menu = km_test_kiosk_find (fixture, KM_TYPE_A11Y_MENU, NULL);

  g_assert_nonnull (menu);
  return km_test_find_widget (menu, GTK_TYPE_MENU_BUTTON, NULL);
}

/* The accessibility button's tooltip and accessible name, and the name of
 * the toggle inside it, which is what takes the focus.
 */
static void
assert_a11y_button_named (Fixture    *fixture,
                          const char *name)
{
  GtkWidget *button = get_a11y_button (fixture);
  gboolean toggle_named = FALSE;

  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, name);
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  for (GtkWidget *child = gtk_widget_get_first_child (button); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      {
        gtk_test_accessible_assert_property (child, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
        toggle_named = TRUE;
      }
  g_assert_true (toggle_named);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

static const char *
get_label_with_class (GtkWidget  *root,
                      const char *css_class)
{
  GtkWidget *label = km_test_find_widget (root, GTK_TYPE_LABEL, css_class);

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

/* The welcome screen and the accessibility button, all in Indonesian. */
static void
assert_welcome_in_indonesian (Fixture *fixture)
{
  GtkWidget *attract = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL);

  g_assert_nonnull (attract);
  g_assert_cmpstr (km_i18n_get_language (), ==, "id");
  g_assert_cmpstr (get_label_with_class (attract, "km-kiosk-title"), ==, "Peringatan Khojaly");
  g_assert_cmpstr (get_label_with_class (attract, "km-kiosk-subtitle"), ==,
                   "Untuk mengenang para korban 25–26 Februari 1992");
  /* “Touch to begin” comes first in the kiosk's language. */
  g_assert_cmpstr (km_kiosk_attract_get_prompt (KM_KIOSK_ATTRACT (attract)), ==, "Sentuh untuk memulai");
  assert_a11y_button_named (fixture, "Aksesibilitas");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Galeri – Peringatan Khojaly");
}

static void
test_language_option (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *setting = g_settings_get_string (km_context_get_settings (km_application_get_context (fixture->app)), "kiosk-language");
  g_autofree char *png = NULL;

  g_assert_cmpstr (setting, ==, "az");
  g_assert_cmpstr (km_context_get_kiosk_language (km_application_get_context (fixture->app)), ==, "id");
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_ATTRACT);
  assert_welcome_in_indonesian (fixture);
  km_test_iterate (1700);
  km_test_wait_for_draw (GTK_WIDGET (fixture->window));
  png = km_test_save_png (GTK_WIDGET (fixture->window), "kiosk-welcome-language-option-id");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));

  /* A visitor reads in Azerbaijani, then walks away… */
  touch (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  /* …from the accessibility button, which the new language's button
   * takes over with the focus. */
  g_assert_true (gtk_widget_grab_focus (get_a11y_button (fixture)));
  km_application_set_language (fixture->app, "az");
  assert_a11y_button_named (fixture, "Əlçatanlıq");
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (fixture->window)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), get_a11y_button (fixture)));
  advance (fixture, 120);
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_COUNTDOWN, NULL));
  advance (fixture, 20);

  /* …and the next one finds Indonesian again, and after every reset. */
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_ATTRACT);
  assert_welcome_in_indonesian (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.reset", NULL));
  km_test_iterate (20);
  assert_welcome_in_indonesian (fixture);
}

/* Every tooltip text under @widget, and the title of @widget if it is a
 * window, each with the number of widgets that show it.
 */
static void
collect_tooltips (GtkWidget  *widget,
                  GHashTable *texts)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip != NULL && *tooltip != '\0')
    g_hash_table_add (texts, g_strdup (tooltip));
  if (GTK_IS_WINDOW (widget) && gtk_window_get_title (GTK_WINDOW (widget)) != NULL)
    g_hash_table_add (texts, g_strdup (gtk_window_get_title (GTK_WINDOW (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_tooltips (child, texts);
}

static GHashTable *
dup_tooltips (Fixture *fixture)
{
  GHashTable *texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  collect_tooltips (GTK_WIDGET (fixture->window), texts);
  g_assert_cmpuint (g_hash_table_size (texts), >, 3);
  return texts;
}

/* No tooltip or window title of the old language is left anywhere. */
static void
assert_none_left (Fixture    *fixture,
                  GHashTable *old_texts,
                  const char *language)
{
  g_autoptr(GHashTable) texts = dup_tooltips (fixture);
  g_autoptr(GString) left = g_string_new (NULL);
  GHashTableIter iter;
  const char *text;

  g_hash_table_iter_init (&iter, texts);
  while (g_hash_table_iter_next (&iter, (gpointer *) &text, NULL))
    if (g_hash_table_contains (old_texts, text))
      g_string_append_printf (left, " “%s”", text);
  if (left->len > 0)
    g_error ("after a switch to %s, still in the old language:%s", language, left->str);
}

static gboolean
has_tooltip_text (GtkWidget     *widget,
                  gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

/* The widget with tooltip @text, also named @text for screen readers. */
static GtkWidget *
assert_named_by_tooltip (GtkWidget  *root,
                         const char *text)
{
  GtkWidget *widget = km_test_find_widget_matching (root, has_tooltip_text, text);

  if (widget == NULL)
    g_error ("no widget has the tooltip “%s”", text);
  gtk_test_accessible_assert_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL, text);
  return widget;
}

static void
test_live_switch (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GHashTable) az = NULL;
  g_autoptr(GHashTable) id = NULL;
  g_autoptr(GHashTable) en = NULL;
  GtkWidget *language_button, *pad, *menu;
  g_autofree char *png = NULL;

  /* Azerbaijani: the window, its (hidden) header buttons, the welcome
   * screen and the accessibility button.
   */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Qalereya – Xocalı Xatirəsi");
  language_button = assert_named_by_tooltip (window, "Dil");
  assert_named_by_tooltip (window, "Əsas menyu");
  assert_named_by_tooltip (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL), "Slayd-şounu dayandır");
  assert_a11y_button_named (fixture, "Əlçatanlıq");
  g_assert_cmpstr (get_label_with_class (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL), "km-kiosk-title"), ==,
                   "Xocalı Xatirəsi");
  km_test_iterate (1700);
  km_test_wait_for_draw (window);
  png = km_test_save_png (window, "kiosk-welcome-live-az");
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  az = dup_tooltips (fixture);

  /* A switch while the welcome screen shows: everything follows. */
  km_application_set_language (fixture->app, "id");
  assert_welcome_in_indonesian (fixture);
  g_assert_true (km_test_find_widget_matching (window, has_tooltip_text, "Bahasa") == language_button);
  gtk_test_accessible_assert_property (language_button, GTK_ACCESSIBLE_PROPERTY_LABEL, "Bahasa");
  assert_named_by_tooltip (window, "Menu Utama");
  assert_named_by_tooltip (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL), "Jeda Tayangan Slide");
  assert_none_left (fixture, az, "id");
  id = dup_tooltips (fixture);

  /* The PIN pad, open during a switch, follows too… */
  g_assert_true (gtk_widget_activate_action (window, "kiosk.staff", NULL));
  pad = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL);
  g_assert_nonnull (pad);
  assert_named_by_tooltip (pad, "Hapus Digit Terakhir");
  g_hash_table_unref (id);
  id = dup_tooltips (fixture);
  km_application_set_language (fixture->app, "en");
  pad = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL);
  g_assert_nonnull (pad);
  assert_named_by_tooltip (pad, "Delete the Last Digit");
  assert_a11y_button_named (fixture, "Accessibility");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->window)), ==, "Gallery – Khojaly Memorial");
  assert_none_left (fixture, id, "en");

  /* …and so does the staff menu and its maintenance badge. */
  enter_pin (pad, "1992");
  menu = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL);
  g_assert_nonnull (menu);
  km_kiosk_staff_menu_set_maintenance (KM_KIOSK_STAFF_MENU (menu), TRUE);
  g_assert_nonnull (km_test_kiosk_find (fixture, GTK_TYPE_LABEL, "km-kiosk-badge"));
  g_assert_nonnull (km_test_find_widget_matching (window, is_label_with_text,
                                                  "Maintenance mode: the kiosk does not reset"));
  en = dup_tooltips (fixture);
  km_application_set_language (fixture->app, "az");
  menu = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL);
  g_assert_nonnull (menu);
  g_assert_true (km_kiosk_staff_menu_get_maintenance (KM_KIOSK_STAFF_MENU (menu)));
  g_assert_nonnull (km_test_find_widget_matching (window, is_label_with_text,
                                                  "Texniki xidmət rejimi: kiosk sıfırlanmır"));
  g_assert_null (km_test_find_widget_matching (window, is_label_with_text,
                                               "Maintenance mode: the kiosk does not reset"));
  assert_a11y_button_named (fixture, "Əlçatanlıq");
  assert_none_left (fixture, en, "az");
}


/* Anonymous visit figures (#23) */

static void
open_staff_menu (Fixture *fixture)
{
  GtkWidget *pad;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.staff", NULL));
  pad = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL);
  g_assert_nonnull (pad);
  enter_pin (pad, "1992");
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL));
}

/* A visitor's press anywhere in the window. */
static void
press (Fixture *fixture)
{
  GtkEventController *click = find_controller (GTK_WIDGET (fixture->window), GTK_TYPE_GESTURE_CLICK);

  g_signal_emit_by_name (click, "pressed", 1, 400.0, 400.0);
  g_signal_emit_by_name (click, "released", 1, 400.0, 400.0);
}

/* 10:05 local time on 2026-02-26. */
static gint64
morning_ms (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (2026, 2, 26, 10, 5, 0);

  return g_date_time_to_unix (time) * 1000;
}

static void
test_visit_figures (Fixture       *fixture,
                    gconstpointer  data)
{
  KmContext *context = km_application_get_context (fixture->app);
  GSettings *settings = km_context_get_settings (context);
  KmVisitLog *log = km_context_get_visit_log (context);
  g_autoptr(KmStatusServer) status = km_status_server_new (fixture->clock);
  g_autoptr(GDateTime) morning = NULL;
  g_autofree char *dir = g_dir_make_tmp ("km-visit-export-XXXXXX", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *export_path = NULL;
  g_autofree char *metrics = NULL;
  g_autofree char *promtool = g_find_program_in_path ("promtool");
  gint64 hour;
  GtkWidget *menu;
  GtkWidget *chart;

  g_assert_nonnull (log);
  g_assert_true (km_visit_log_get_enabled (log));
  km_fake_clock_set_real_time (KM_FAKE_CLOCK (fixture->clock), morning_ms ());
  morning = g_date_time_new_from_unix_local (morning_ms () / 1000);
  hour = morning_ms () / 3600000;

  /* A visit: first touch, an exhibit, the timeline, a press 45 s later,
   * then the idle reset. */
  touch (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_true (km_visit_log_get_in_visit (log));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-exhibit", "s", "candle"));
  km_test_iterate (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-view", "s", "timeline"));
  km_test_iterate (50);
  advance (fixture, 45);
  press (fixture);
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  advance (fixture, 200);
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_false (km_visit_log_get_in_visit (log));

  g_assert_cmpuint (km_visit_log_get_visits (log, hour), ==, 1);
  csv = km_visit_log_to_csv (log, NULL);
  g_assert_nonnull (strstr (csv, "\"visit_length\",\"30-60s\",\"1\"\r\n"));
  g_assert_nonnull (strstr (csv, "\"language\",\"az\",\"1\"\r\n"));
  g_assert_nonnull (strstr (csv, "\"view\",\"timeline\",\"1\"\r\n"));
  g_assert_nonnull (strstr (csv, "\"exhibit\",\"candle\",\"1\"\r\n"));
  /* The file was written at the end of the visit. */
  g_assert_true (g_file_test (km_visit_log_get_path (log), G_FILE_TEST_IS_REGULAR));

  /* /metrics says the same, and promtool finds nothing to lint. */
  km_status_server_set_visit_log (status, log);
  metrics = km_status_server_dup_metrics (status);
  g_assert_nonnull (strstr (metrics, "\nkm_visits_total 1\n"));
  g_assert_nonnull (strstr (metrics, "\nkm_visit_duration_seconds_bucket{le=\"60\"} 1\n"));
  g_assert_nonnull (strstr (metrics, "\nkm_visit_duration_seconds_bucket{le=\"30\"} 0\n"));
  g_assert_nonnull (strstr (metrics, "\nkm_language_chosen_total{language=\"az\"} 1\n"));
  g_assert_nonnull (strstr (metrics, "\nkm_view_opened_total{view=\"timeline\"} 1\n"));
  g_assert_nonnull (strstr (metrics, "\nkm_exhibit_opened_total{exhibit=\"candle\"} 1\n"));
  if (promtool != NULL)
    {
      g_autoptr(GSubprocess) check = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;

      check = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                G_SUBPROCESS_FLAGS_STDERR_MERGE, &error, promtool, "check", "metrics", NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (check, metrics, NULL, &out, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_subprocess_get_successful (check));
    }

  /* The staff menu: today's chart, and the export to the folder setting. */
  g_settings_set_string (settings, "visit-export-folder", dir);
  open_staff_menu (fixture);
  menu = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL);
  chart = km_test_kiosk_find (fixture, KM_TYPE_VISIT_CHART, NULL);
  g_assert_nonnull (chart);
  g_assert_cmpuint (km_visit_chart_get_value (KM_VISIT_CHART (chart), 10), ==, 1);
  g_assert_cmpuint (km_visit_chart_get_value (KM_VISIT_CHART (chart), 9), ==, 0);
  g_assert_nonnull (strstr (km_kiosk_staff_menu_get_row_value (KM_KIOSK_STAFF_MENU (menu), "export"), dir));

  g_assert_true (gtk_widget_activate_action (menu, "kiosk.export-visits", NULL));
  export_path = g_build_filename (dir, "khojaly-memorial-visits-2026-02-26.csv", NULL);
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, NULL));
  g_assert_cmpstr (exported, ==, csv);
  menu = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL);
  g_assert_nonnull (strstr (km_kiosk_staff_menu_get_row_value (KM_KIOSK_STAFF_MENU (menu), "export"), export_path));
  g_unlink (export_path);
  g_rmdir (dir);

  /* A folder that is not there (no stick): said, nothing else happens. */
  g_settings_set_string (settings, "visit-export-folder", "/nonexistent/usb-stick");
  g_assert_true (gtk_widget_activate_action (menu, "kiosk.export-visits", NULL));
  g_assert_nonnull (strstr (km_kiosk_staff_menu_get_row_value (KM_KIOSK_STAFF_MENU (menu), "export"),
                            "/nonexistent/usb-stick"));
  g_assert_true (gtk_widget_activate_action (menu, "kiosk.close-staff-menu", NULL));

  /* Off: a visit counts nothing, and the staff menu says so. */
  g_settings_set_boolean (settings, "visit-figures", FALSE);
  g_assert_false (km_visit_log_get_enabled (log));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "kiosk.reset", NULL));
  touch (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-exhibit", "s", "candle"));
  advance (fixture, 300);
  g_assert_cmpuint (km_visit_log_get_visits (log, hour), ==, 1);
  g_clear_pointer (&metrics, g_free);
  metrics = km_status_server_dup_metrics (status);
  g_assert_nonnull (strstr (metrics, "\nkm_visits_total 1\n"));
  km_application_set_language (fixture->app, "en");
  open_staff_menu (fixture);
  menu = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL);
  g_assert_cmpstr (km_kiosk_staff_menu_get_row_value (KM_KIOSK_STAFF_MENU (menu), "visits"), ==,
                   "Not counted: visit figures are off");
}

/* A visit file that cannot be read: the kiosk starts, says so in the
 * staff menu and /status, and counts again. */
static void
fixture_set_up_corrupt (Fixture       *fixture,
                        gconstpointer  data)
{
  g_assert_true (g_file_set_contents (g_getenv ("KM_VISIT_LOG"), "[Visit Log]\nVersion=1\n[Hour 2026-02", -1, NULL));
  g_test_expect_message ("km-visit-log", G_LOG_LEVEL_WARNING, "*could not be read*set aside*");
  km_test_kiosk_set_up (fixture, data, "az");
  g_test_assert_expected_messages ();
}

static void
test_visit_figures_corrupt (Fixture       *fixture,
                            gconstpointer  data)
{
  KmContext *context = km_application_get_context (fixture->app);
  KmVisitLog *log = km_context_get_visit_log (context);
  g_autoptr(KmStatusServer) status = km_status_server_new (fixture->clock);
  g_autofree char *json = NULL;
  g_autofree char *dir = g_path_get_dirname (g_getenv ("KM_VISIT_LOG"));
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_aside = 0;
  gint64 hour;
  GtkWidget *menu;

  /* Running, on its attract screen. */
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, "visits.ini.corrupt-"))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        n_aside++;
        g_unlink (path);
      }
  g_assert_cmpuint (n_aside, ==, 1);

  km_application_set_language (fixture->app, "en");
  km_status_server_set_visit_log (status, log);
  json = km_status_server_dup_status_json (status);
  g_assert_nonnull (strstr (json, "\"visit_figures\":true"));
  g_assert_nonnull (strstr (json, "\"visit_figures_warning\":\"The visit figures could not be read and were set aside as visits.ini.corrupt-"));

  hour = km_clock_get_real_time_ms (fixture->clock) / 3600000;
  touch (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  advance (fixture, 300);
  g_assert_cmpuint (km_visit_log_get_visits (log, hour), ==, 1);
  g_assert_true (g_file_test (g_getenv ("KM_VISIT_LOG"), G_FILE_TEST_IS_REGULAR));

  /* The reset went back to the kiosk's Azerbaijani. */
  km_application_set_language (fixture->app, "en");
  open_staff_menu (fixture);
  menu = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL);
  g_assert_true (g_str_has_prefix (km_kiosk_staff_menu_get_row_value (KM_KIOSK_STAFF_MENU (menu), "visits"),
                                   "1 visit\nThe visit figures could not be read and were set aside as visits.ini.corrupt-"));
}

/* The staff menu's visit figures, scrolled into view, in each language. */
static void
test_visit_screenshots (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char *languages[] = { "en", "az", "id" };
  static const guint pattern[] = { 3, 7, 12, 9, 5, 8, 11, 6, 4, 2 };
  KmVisitLog *log = km_context_get_visit_log (km_application_get_context (fixture->app));

  /* A morning of visits, 10:00 to 19:00. */
  for (guint h = 0; h < G_N_ELEMENTS (pattern); h++)
    for (guint v = 0; v < pattern[h]; v++)
      {
        km_fake_clock_set_real_time (KM_FAKE_CLOCK (fixture->clock),
                                     morning_ms () - 5 * 60000 + (gint64) h * 3600000 + v * 240000);
        km_visit_log_begin_visit (log);
        km_fake_clock_advance (KM_FAKE_CLOCK (fixture->clock), (40 + v * 30) * 1000);
        km_visit_log_note_activity (log);
        km_visit_log_end_visit (log, "az");
      }

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      GtkWidget *menu, *chart;
      GtkWidget *scrolled;
      GtkAdjustment *adjustment;

      km_application_set_language (fixture->app, languages[i]);
      open_staff_menu (fixture);
      menu = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL);
      chart = km_test_kiosk_find (fixture, KM_TYPE_VISIT_CHART, NULL);
      g_assert_cmpuint (km_visit_chart_get_value (KM_VISIT_CHART (chart), 12), ==, 12);
      scrolled = km_test_find_widget (menu, GTK_TYPE_SCROLLED_WINDOW, NULL);
      km_test_iterate (100);
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      save (fixture, "staff-visits", languages[i]);
      g_assert_true (gtk_widget_activate_action (menu, "kiosk.close-staff-menu", NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *hash = NULL;

  /* Accessible names are read from GTK's test context, which GTK creates
   * only when asked (the suite's GTK_A11Y=none keeps none); it talks to no
   * bus.
   */
  g_setenv ("GTK_A11Y", "test", TRUE);
  km_test_init (&argc, &argv);

  hash = km_kiosk_pin_hash ("1992", NULL);
  g_assert_nonnull (hash);

#define ADD(path, func, pin) \
  g_test_add ("/km/kiosk-ui/" path, Fixture, pin, fixture_set_up, func, fixture_tear_down)

  ADD ("locked-window", test_locked_window, hash);
  ADD ("idle-reset", test_idle_reset, hash);
  ADD ("resting-pointer", test_resting_pointer, hash);
  ADD ("screens-hold-focus", test_screens_hold_focus, hash);
  ADD ("key-begins", test_key_begins, hash);
  ADD ("language-begins", test_language_begins, hash);
  ADD ("staff-exit", test_staff_exit, hash);
  ADD ("lockout", test_lockout, hash);
  ADD ("no-pin", test_no_pin, NULL);
  ADD ("opening-hours", test_opening_hours, hash);
  ADD ("screenshots", test_screenshots, hash);
  ADD ("live-switch", test_live_switch, hash);
  ADD ("no-selection", test_no_selection, hash);
  ADD ("visit-figures", test_visit_figures, hash);
  ADD ("visit-screenshots", test_visit_screenshots, hash);
  g_test_add ("/km/kiosk-ui/visit-figures-corrupt", Fixture, hash,
              fixture_set_up_corrupt, test_visit_figures_corrupt, fixture_tear_down);
  g_test_add ("/km/kiosk-ui/language-option", Fixture, hash,
              fixture_set_up_language_option, test_language_option, fixture_tear_down);

  return g_test_run ();
}
