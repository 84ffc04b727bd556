/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "km-a11y-menu.h"
#include "km-fake-clock.h"
#include "km-i18n.h"
#include "km-kiosk-attract.h"
#include "km-kiosk-controller.h"
#include "km-kiosk-countdown.h"
#include "km-kiosk-pin-pad.h"
#include "km-kiosk-staff-menu.h"
#include "km-test-utils.h"
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
  return km_a11y_menu_get_button (KM_A11Y_MENU (menu));
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
  km_application_set_language (fixture->app, "az");
  assert_a11y_button_named (fixture, "Əlçatanlıq");
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
  g_test_add ("/km/kiosk-ui/language-option", Fixture, hash,
              fixture_set_up_language_option, test_language_option, fixture_tear_down);

  return g_test_run ();
}
