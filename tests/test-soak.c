/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "km-exhibit-viewer.h"
#include "km-fake-clock.h"
#include "km-kiosk-attract.h"
#include "km-kiosk-pin-pad.h"
#include "km-test-utils.h"
#include "km-window.h"

/* A long, random, repeatable visit to a kiosk: views, the viewer, zoom,
 * language switches, staff pad, idle countdowns and resets. Run under
 * AddressSanitizer it finds leaks and use-after-free; with fatal warnings
 * any GLib warning fails it.
 */
#define N_STEPS 2000
/* Under the sanitizers, with leak checking, a step costs ten times more;
 * 400 steps still take every path dozens of times.
 */
#define N_STEPS_SANITIZED 400
#define SEED    19920226

/* viewer.* are the exhibit viewer's own, there once an exhibit was opened. */
static const char *gallery_actions[] = {
  "viewer.next", "viewer.previous", "viewer.first", "viewer.last",
  "viewer.zoom-in", "viewer.zoom-out", "viewer.zoom-reset", "gallery.close",
  "viewer.reveal", "viewer.toggle-slideshow", "gallery.clear-filters",
};

static const char *timeline_actions[] = {
  "timeline.previous", "timeline.next", "timeline.first", "timeline.last",
  "timeline.zoom-in", "timeline.zoom-out", "timeline.zoom-reset", "timeline.toggle-tour",
};

static const char *languages[] = { "en", "az", "id" };

static const char *
random_id (GRand      *rand,
           GListModel *model,
           gboolean    exhibits)
{
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GObject) item = NULL;

  g_assert_cmpuint (n, >, 0);
  item = g_list_model_get_item (model, g_rand_int_range (rand, 0, n));

  /* Ids live as long as the store. */
  return exhibits ? km_exhibit_get_id (KM_EXHIBIT (item)) : km_timeline_entry_get_id (KM_TIMELINE_ENTRY (item));
}

static void
test_soak (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  g_autoptr(KmContext) context = km_test_context_new (clock, TRUE);
  g_autoptr(KmApplication) app = km_test_application_new_for_context (context);
  KmContentStore *store = km_context_get_store (km_application_get_context (app));
  KmWindow *window;
  guint resets = 0, begins = 0, switches = 0;
  gint64 start = g_get_monotonic_time ();
  guint n_steps = km_test_is_sanitized () ? N_STEPS_SANITIZED : N_STEPS;

  g_settings_set_int (km_context_get_settings (context), "window-width", 1024);
  g_settings_set_int (km_context_get_settings (context), "window-height", 720);
  /* As the program starts: the application builds the window and makes it a kiosk. */
  g_application_activate (G_APPLICATION (app));
  window = KM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  km_test_wait_for_draw (GTK_WIDGET (window));

  for (guint step = 0; step < n_steps; step++)
    {
      guint choice = g_rand_int_range (rand, 0, 100);
      GtkWidget *attract = km_test_find_widget (GTK_WIDGET (window), KM_TYPE_KIOSK_ATTRACT, NULL);

      /* The visitor has to get past the welcome screen first. */
      if (attract != NULL && choice < 60)
        {
          g_signal_emit_by_name (attract, "begin");
          g_assert_null (km_test_find_widget (GTK_WIDGET (window), KM_TYPE_KIOSK_ATTRACT, NULL));
          begins++;
          continue;
        }

      if (choice < 15)
        km_window_show_view (window, km_window_view_names[g_rand_int_range (rand, 0, 3)]);
      else if (choice < 25)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exhibit", "s",
                                    random_id (rand, km_content_store_get_exhibits (store), TRUE));
      else if (choice < 32)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.show-entry", "s",
                                    random_id (rand, km_content_store_get_entries (store), FALSE));
      else if (choice < 52)
        {
          GtkWidget *gallery = km_window_get_view (window, "gallery");
          GtkWidget *viewer = km_test_find_widget (gallery, KM_TYPE_EXHIBIT_VIEWER, NULL);
          const char *action = gallery_actions[g_rand_int_range (rand, 0, G_N_ELEMENTS (gallery_actions))];

          gtk_widget_activate_action (viewer != NULL && g_str_has_prefix (action, "viewer.") ? viewer : gallery,
                                      action, NULL);
        }
      else if (choice < 67)
        gtk_widget_activate_action (km_window_get_view (window, "timeline"),
                                    timeline_actions[g_rand_int_range (rand, 0, G_N_ELEMENTS (timeline_actions))], NULL);
      else if (choice < 70)
        {
          km_application_set_language (app, languages[g_rand_int_range (rand, 0, 3)]);
          switches++;
        }
      else if (choice < 73)
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "kiosk.staff", NULL);
          if (km_test_find_widget (GTK_WIDGET (window), KM_TYPE_KIOSK_PIN_PAD, NULL) != NULL)
            gtk_widget_activate_action (km_test_find_widget (GTK_WIDGET (window), KM_TYPE_KIOSK_PIN_PAD, NULL), "pin.cancel", NULL);
        }
      else if (choice < 93)
        {
          km_test_visitor_input (window);
          km_fake_clock_advance (KM_FAKE_CLOCK (clock), g_rand_int_range (rand, 0, 30000));
        }
      else
        /* Walk away: the idle time, the countdown and the reset. */
        km_fake_clock_advance (KM_FAKE_CLOCK (clock), 141 * 1000);

      /* Every reset ends on the welcome screen, in the kiosk's language. */
      if (attract == NULL && km_test_find_widget (GTK_WIDGET (window), KM_TYPE_KIOSK_ATTRACT, NULL) != NULL)
        {
          resets++;
          g_assert_cmpstr (km_i18n_get_language (), ==, "az");
          g_assert_cmpstr (km_window_get_visible_view (window), ==, "gallery");
        }

      /* Draw now and then: painting every step would take minutes. */
      if (step % 25 == 0)
        for (guint i = 0; i < 5 && g_main_context_iteration (NULL, FALSE); i++)
          ;
    }

  g_test_message ("%u steps in %.1f s: %u resets, %u visits, %u language switches",
                  n_steps, (g_get_monotonic_time () - start) / 1e6, resets, begins, switches);
  g_assert_cmpuint (resets, >, n_steps / 100);
  g_assert_cmpuint (begins, >, n_steps / 100);
  g_assert_cmpuint (switches, >, n_steps / 100);

  gtk_window_destroy (GTK_WINDOW (window));
  km_test_iterate (50);
  g_assert_null (window);
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

  g_test_add_func ("/km/soak/kiosk", test_soak);

  return g_test_run ();
}
