/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "km-fake-clock.h"
#include "km-kiosk-attract.h"
#include "km-kiosk-controller.h"
#include "km-test-utils.h"
#include "km-timeline-overview.h"
#include "km-timeline-tour.h"
#include "km-timeline-view.h"
#include "km-view.h"
#include "km-window.h"

typedef struct
{
  KmApplication  *app;
  KmWindow       *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->app = km_test_application_new ();
  km_application_set_language (f->app, "en");
  f->window = km_test_window_new (f->app);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 820);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "timeline"));
  km_test_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  km_test_iterate (50);
  g_assert_null (f->window);
  km_application_set_language (f->app, "en");
  g_clear_object (&f->app);
}

static KmTimelineView *
get_view (Fixture *f)
{
  GtkWidget *view = km_window_get_view (f->window, "timeline");

  g_assert_true (KM_IS_TIMELINE_VIEW (view));
  return KM_TIMELINE_VIEW (view);
}

static GtkEventController *
find_controller (GtkWidget  *root,
                 const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (child);
      GtkEventController *found;

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (g_strcmp0 (gtk_event_controller_get_name (controller), name) == 0)
            return controller;
        }
      if ((found = find_controller (child, name)) != NULL)
        return found;
    }

  return NULL;
}

static KmTimelineOverview *
get_overview (Fixture *f)
{
  GtkWidget *overview = km_test_find_widget (GTK_WIDGET (get_view (f)), KM_TYPE_TIMELINE_OVERVIEW, NULL);

  g_assert_nonnull (overview);
  return KM_TIMELINE_OVERVIEW (overview);
}

static const char *
get_headline (Fixture *f)
{
  GtkWidget *label = km_test_find_widget (GTK_WIDGET (get_view (f)), GTK_TYPE_LABEL, "km-timeline-headline");

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

static const char *
get_date (Fixture *f)
{
  GtkWidget *label = km_test_find_widget (GTK_WIDGET (get_view (f)), GTK_TYPE_LABEL, "km-timeline-date");

  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

/* The source's words about the date, under it; NULL when hidden. */
static const char *
get_date_note (Fixture *f)
{
  GtkWidget *label = km_test_find_widget (GTK_WIDGET (get_view (f)), GTK_TYPE_LABEL, "km-timeline-date-note");

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

/* The entry's text as shown; NULL while it waits behind its advisory. */
static const char *
get_text (Fixture *f)
{
  GtkWidget *label = km_test_find_widget (GTK_WIDGET (get_view (f)), GTK_TYPE_LABEL, "km-timeline-text");

  g_assert_nonnull (label);
  return gtk_widget_get_visible (label) ? gtk_label_get_label (GTK_LABEL (label)) : NULL;
}

/* Sends a key to the overview's own key handler, as GTK does when it has
 * the focus.
 */
static gboolean
send_key (GtkWidget *widget,
          guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }

  return handled;
}

static void
save_png (Fixture    *f,
          const char *name)
{
  g_autofree char *png = NULL;

  km_test_wait_for_draw (GTK_WIDGET (f->window));
  png = km_test_save_png (GTK_WIDGET (f->window), name);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
}

static void
test_timeline_shows_first_entry (Fixture       *f,
                                 gconstpointer  data)
{
  KmTimelineView *view = get_view (f);
  KmContentStore *store = km_context_get_store (km_application_get_context (f->app));
  guint n = g_list_model_get_n_items (km_content_store_get_entries (store));

  g_assert_cmpuint (n, >, 10);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "siege");
  g_assert_cmpstr (get_headline (f), ==, "A town under siege");
  /* No source dates the siege: no guessed year, and the reason it stands
   * before the attack.
   */
  g_assert_cmpstr (get_date (f), ==, "Date unknown");
  g_assert_cmpstr (get_date_note (f), ==,
                   "The 2012 report says the siege lasted months before the attack; it gives no date for its start.");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (get_overview (f))));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (get_overview (f))), >, 100);

  /* Previous is off at the start, next is on. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.previous", NULL) &&
                  g_strcmp0 (km_timeline_view_get_selected_id (view), "siege") != 0);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "siege");

  save_png (f, "timeline-en");
}

static void
test_timeline_keyboard (Fixture       *f,
                        gconstpointer  data)
{
  KmTimelineView *view = get_view (f);
  KmTimelineOverview *overview = get_overview (f);
  GtkWidget *detail = km_test_find_widget (GTK_WIDGET (view), GTK_TYPE_BOX, "km-timeline-detail");
  GtkWidget *focus;

  /* The actions Left/Right/Home/End are bound to. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.next", NULL));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "attack");
  g_assert_cmpstr (get_headline (f), ==, "The attack on Khojaly");
  /* An exact date in the curators' words needs no second form. */
  g_assert_cmpstr (get_date (f), ==, "Night of 25–26 February 1992");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.last", NULL));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "campaign-2019");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.previous", NULL));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "seminar-2019");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.first", NULL));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "siege");

  /* The overview is one Tab stop in which the arrow keys move. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (overview)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (overview)));
  g_assert_true (send_key (GTK_WIDGET (overview), GDK_KEY_Right));
  g_assert_true (send_key (GTK_WIDGET (overview), GDK_KEY_Right));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "hostages");
  g_assert_cmpuint (km_timeline_overview_get_selected (overview), ==, 2);
  g_assert_true (send_key (GTK_WIDGET (overview), GDK_KEY_Left));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "attack");
  g_assert_true (send_key (GTK_WIDGET (overview), GDK_KEY_End));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "campaign-2019");
  /* At the end, Right stays there. */
  g_assert_true (send_key (GTK_WIDGET (overview), GDK_KEY_Right));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "campaign-2019");
  g_assert_true (send_key (GTK_WIDGET (overview), GDK_KEY_Home));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "siege");
  g_assert_false (send_key (GTK_WIDGET (overview), GDK_KEY_a));

  /* Enter opens the entry: the focus goes into it, to its first exhibit. */
  g_assert_true (send_key (GTK_WIDGET (overview), GDK_KEY_Return));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, detail));
  g_assert_true (gtk_widget_has_css_class (focus, "km-timeline-exhibit"));

  /* Same-date entries keep their order in the content. */
  km_timeline_view_select_entry (view, "rally-2012");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.next", NULL));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "cities-2012");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.next", NULL));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "ceremony-2013");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.next", NULL));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "recognitions-2013");

  /* Unknown ids change nothing. */
  km_timeline_view_select_entry (view, "no-such-entry");
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "recognitions-2013");

  /* The exhibit that had the focus went with its entry: the overview has it. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (overview));

  km_test_wait_for_draw (GTK_WIDGET (f->window));
  save_png (f, "timeline-focused");
}

static void
test_timeline_zoom (Fixture       *f,
                    gconstpointer  data)
{
  KmTimelineView *view = get_view (f);
  KmTimelineOverview *overview = get_overview (f);
  /* The scrollbar under the strip, which shows once it is zoomed in. */
  GtkWidget *scrollbar = gtk_widget_get_next_sibling (gtk_widget_get_ancestor (GTK_WIDGET (overview),
                                                                               GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *hadj;

  g_assert_true (GTK_IS_SCROLLBAR (scrollbar));
  hadj = gtk_scrollbar_get_adjustment (GTK_SCROLLBAR (scrollbar));
  g_assert_false (gtk_widget_get_visible (scrollbar));
  g_assert_cmpfloat (km_timeline_overview_get_zoom (overview), ==, 1.0);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadj), ==, gtk_adjustment_get_page_size (hadj));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.zoom-in", NULL));
  g_assert_cmpfloat (km_timeline_overview_get_zoom (overview), ==, 2.0);
  km_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadj), >=, 1.9 * gtk_adjustment_get_page_size (hadj));
  g_assert_true (gtk_widget_get_visible (scrollbar));

  /* The strip scrolls, and follows the selection. */
  km_timeline_view_select_entry (view, "campaign-2019");
  km_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (gtk_adjustment_get_value (hadj), >, 0);
  g_assert_cmpfloat (km_timeline_overview_get_scroll (overview), >, 0.3);
  save_png (f, "timeline-zoomed");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.zoom-out", NULL));
  g_assert_cmpfloat (km_timeline_overview_get_zoom (overview), ==, 1.5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.zoom-reset", NULL));
  g_assert_cmpfloat (km_timeline_overview_get_zoom (overview), ==, 1.0);
  km_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpfloat (gtk_adjustment_get_value (hadj), ==, 0);
}

static void
test_timeline_swipe (Fixture       *f,
                     gconstpointer  data)
{
  KmTimelineView *view = get_view (f);
  GtkEventController *swipe = find_controller (GTK_WIDGET (view), "km-timeline-swipe");

  g_assert_nonnull (swipe);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "siege");

  /* A swipe to the left brings the next entry in. */
  g_signal_emit_by_name (swipe, "swipe", -1500.0, 100.0);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "attack");
  g_signal_emit_by_name (swipe, "swipe", -1500.0, 0.0);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "hostages");
  g_signal_emit_by_name (swipe, "swipe", 1500.0, 0.0);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "attack");

  /* Scrolling the text up and down, or a slow drag, is not a swipe. */
  g_signal_emit_by_name (swipe, "swipe", -300.0, 2000.0);
  g_signal_emit_by_name (swipe, "swipe", -100.0, 0.0);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "attack");
}

static gboolean
picture_has_paintable (gpointer picture)
{
  return gtk_picture_get_paintable (GTK_PICTURE (picture)) != NULL;
}

static void
test_timeline_exhibit_link (Fixture       *f,
                            gconstpointer  data)
{
  KmTimelineView *view = get_view (f);
  GtkWidget *button;
  GtkWidget *picture;
  const GdkPaintable *paintable;

  km_timeline_view_select_entry (view, "decree");
  km_test_wait_for_draw (GTK_WIDGET (f->window));

  button = km_test_find_widget (GTK_WIDGET (view), GTK_TYPE_BUTTON, "km-timeline-exhibit");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (button), "exhibit-id"), ==, "decree-1994");

  /* The thumbnail is the SVG rendered at the size shown. */
  picture = km_test_find_widget (button, GTK_TYPE_PICTURE, NULL);
  g_assert_nonnull (picture);
  /* Decoded off the main thread: it arrives a moment later. */
  g_assert_true (km_test_wait_until (picture_has_paintable, picture, 10000));
  paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));
  g_assert_nonnull (paintable);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width ((GdkPaintable *) paintable), ==,
                   128 * gtk_widget_get_scale_factor (button));

  save_png (f, "timeline-exhibits");

  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (km_window_get_visible_view (f->window), ==, "gallery");

  /* And back from the gallery to an entry. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-entry", "s", "rally-2012"));
  g_assert_cmpstr (km_window_get_visible_view (f->window), ==, "timeline");
  g_assert_cmpstr (km_timeline_view_get_selected_id (get_view (f)), ==, "rally-2012");
}

static void
test_timeline_tour (Fixture       *f,
                    gconstpointer  data)
{
  KmTimelineView *view = get_view (f);
  KmTimelineTour *tour = km_timeline_view_get_tour (view);
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  guint n = g_list_model_get_n_items (km_timeline_tour_get_entries (tour));

  km_timeline_tour_set_clock (tour, clock);
  km_timeline_tour_set_duration (tour, 1000);
  g_assert_false (km_timeline_tour_get_playing (tour));

  /* The play button's action starts it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.toggle-tour", NULL));
  g_assert_true (km_timeline_tour_get_playing (tour));
  g_assert_cmpuint (km_fake_clock_n_pending (KM_FAKE_CLOCK (clock)), ==, 1);

  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 999);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "siege");
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 1);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "attack");
  /* The tour shows an entry behind its advisory veiled, and moves on. */
  g_assert_true (km_timeline_view_get_veiled (view));
  g_assert_null (get_text (f));
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 2000);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "fleeing");
  g_assert_true (km_timeline_view_get_veiled (view));
  km_test_wait_for_draw (GTK_WIDGET (f->window));
  save_png (f, "timeline-tour");

  /* On to the last entry, then round to the first. */
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), (n - 4) * 1000);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "campaign-2019");
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 1000);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "siege");
  g_assert_true (km_timeline_tour_get_playing (tour));

  /* A visitor's move stops it, and it goes on from there when started again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.next", NULL));
  g_assert_false (km_timeline_tour_get_playing (tour));
  g_assert_cmpuint (km_fake_clock_n_pending (KM_FAKE_CLOCK (clock)), ==, 0);
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 5000);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "attack");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.toggle-tour", NULL));
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 1000);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "hostages");

  /* A swipe is an interaction too. */
  g_signal_emit_by_name (find_controller (GTK_WIDGET (view), "km-timeline-swipe"), "swipe", 1500.0, 0.0);
  g_assert_false (km_timeline_tour_get_playing (tour));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "attack");

  km_timeline_tour_set_clock (tour, NULL);
}

/* The kiosk's attract loop uses a tour on the store's entries, without a view. */
static void
test_timeline_tour_standalone (void)
{
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  g_autoptr(KmTimelineTour) tour = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KmTimelineEntry) entry = NULL;
  GListModel *entries;
  guint n;

  g_assert_true (km_content_store_load_bundled (store, &error));
  g_assert_no_error (error);
  entries = km_content_store_get_entries (store);
  n = g_list_model_get_n_items (entries);

  tour = km_timeline_tour_new (entries, clock);
  g_assert_cmpuint (km_timeline_tour_get_duration (tour), ==, KM_TIMELINE_TOUR_DEFAULT_DURATION_MS);
  g_assert_cmpuint (km_timeline_tour_get_position (tour), ==, 0);

  /* Paused: time passes, nothing moves. */
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 60000);
  g_assert_cmpuint (km_timeline_tour_get_position (tour), ==, 0);

  km_timeline_tour_set_duration (tour, 500);
  km_timeline_tour_play (tour);
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 500 * 3);
  g_assert_cmpuint (km_timeline_tour_get_position (tour), ==, 3);
  entry = km_timeline_tour_dup_entry (tour);
  g_assert_cmpstr (km_timeline_entry_get_id (entry), ==, "fleeing");

  /* Picking an entry restarts its full duration. */
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 400);
  km_timeline_tour_set_position (tour, 1);
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 400);
  g_assert_cmpuint (km_timeline_tour_get_position (tour), ==, 1);
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 100);
  g_assert_cmpuint (km_timeline_tour_get_position (tour), ==, 2);

  /* Loops. */
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 500 * (n - 2));
  g_assert_cmpuint (km_timeline_tour_get_position (tour), ==, 0);

  km_timeline_tour_toggle (tour);
  g_assert_false (km_timeline_tour_get_playing (tour));
  g_assert_cmpuint (km_fake_clock_n_pending (KM_FAKE_CLOCK (clock)), ==, 0);

  /* An empty exhibition cannot play. */
  {
    g_autoptr(GListStore) empty = g_list_store_new (KM_TYPE_TIMELINE_ENTRY);
    g_autoptr(KmTimelineTour) empty_tour = km_timeline_tour_new (G_LIST_MODEL (empty), clock);

    km_timeline_tour_play (empty_tour);
    g_assert_false (km_timeline_tour_get_playing (empty_tour));
  }
}

static void
test_timeline_languages (Fixture       *f,
                         gconstpointer  data)
{
  static const struct {
    const char *lang;
    const char *name;
  } languages[] = {
    { "en", "timeline-lang-en" },
    { "az", "timeline-lang-az" },
    { "id", "timeline-lang-id" },
  };
  g_autoptr(KmTimelineTour) old_tour = NULL;
  KmTimelineView *view = get_view (f);
  KmContentStore *store = km_context_get_store (km_application_get_context (f->app));
  KmTimelineEntry *decree = km_content_store_lookup_entry (store, "decree");

  km_timeline_view_select_entry (view, "decree");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.zoom-in", NULL));
  km_test_wait_for_draw (GTK_WIDGET (f->window));

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      KmTimelineView *new_view;
      const char *expected_date = g_str_equal (languages[i].lang, "az") ? "1\u00a0mart 1994"
                                : g_str_equal (languages[i].lang, "id") ? "1\u00a0Maret 1994"
                                : "1\u00a0March 1994";

      km_application_set_language (f->app, languages[i].lang);
      km_test_wait_for_draw (GTK_WIDGET (f->window));

      /* A new view in the new language, at the same place. */
      new_view = get_view (f);
      g_assert_cmpstr (km_window_get_visible_view (f->window), ==, "timeline");
      g_assert_cmpstr (km_timeline_view_get_selected_id (new_view), ==, "decree");
      g_assert_cmpfloat (km_timeline_overview_get_zoom (get_overview (f)), ==, 2.0);
      g_assert_cmpstr (get_headline (f), ==, km_text_get (km_timeline_entry_get_headline_text (decree), languages[i].lang));
      g_assert_cmpstr (get_date (f), ==, expected_date);

      save_png (f, languages[i].name);
    }

  g_assert_cmpstr (get_headline (f), !=, "A presidential decree on Khojaly");

  /* A playing tour keeps playing. */
  km_application_set_language (f->app, "en");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_view (f)), "timeline.toggle-tour", NULL));
  g_assert_true (km_timeline_tour_get_playing (km_timeline_view_get_tour (get_view (f))));
  old_tour = g_object_ref (km_timeline_view_get_tour (get_view (f)));
  km_application_set_language (f->app, "az");
  g_assert_true (km_timeline_tour_get_playing (km_timeline_view_get_tour (get_view (f))));
  /* The old view's tour stopped with it. */
  g_assert_false (km_timeline_tour_get_playing (old_tour));
  km_timeline_tour_pause (km_timeline_view_get_tour (get_view (f)));
}

static void
test_timeline_state (Fixture       *f,
                     gconstpointer  data)
{
  KmTimelineView *view = get_view (f);
  KmTimelineOverview *overview = get_overview (f);
  g_autoptr(GVariant) state = NULL;
  const char *entry_id;
  double zoom;
  gboolean playing;

  km_timeline_view_select_entry (view, "march-2017");
  km_timeline_overview_set_zoom (overview, 3.0);
  km_timeline_tour_play (km_timeline_view_get_tour (view));
  km_test_wait_for_draw (GTK_WIDGET (f->window));

  state = g_variant_ref_sink (km_view_save_state (KM_VIEW (view)));
  g_assert_true (g_variant_lookup (state, "entry", "&s", &entry_id));
  g_assert_cmpstr (entry_id, ==, "march-2017");
  g_assert_true (g_variant_lookup (state, "zoom", "d", &zoom));
  g_assert_cmpfloat (zoom, ==, 3.0);
  g_assert_true (g_variant_lookup (state, "tour-playing", "b", &playing));
  g_assert_true (playing);

  /* The kiosk's reset: first entry, whole timeline, tour paused. */
  km_view_reset (KM_VIEW (view));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "siege");
  g_assert_cmpfloat (km_timeline_overview_get_zoom (overview), ==, 1.0);
  g_assert_false (km_timeline_tour_get_playing (km_timeline_view_get_tour (view)));

  km_view_restore_state (KM_VIEW (view), state);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "march-2017");
  g_assert_cmpfloat (km_timeline_overview_get_zoom (overview), ==, 3.0);
  g_assert_true (km_timeline_tour_get_playing (km_timeline_view_get_tour (view)));
  km_timeline_tour_pause (km_timeline_view_get_tour (view));

  /* Rubbish is ignored. */
  km_view_restore_state (KM_VIEW (view), g_variant_new_string ("nonsense"));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "march-2017");
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

/* An entry that describes violence shows its date and headline, and its
 * text only when the visitor asks for it (issue #17).
 */
static void
test_timeline_advisory (Fixture       *f,
                        gconstpointer  data)
{
  KmTimelineView *view = get_view (f);
  KmContentStore *store = km_context_get_store (km_application_get_context (f->app));
  KmTimelineEntry *attack = km_content_store_lookup_entry (store, "attack");
  GtkWidget *veil = km_test_find_widget (GTK_WIDGET (view), GTK_TYPE_BOX, "km-timeline-veil");
  GtkWidget *exhibits_box = km_test_find_widget (GTK_WIDGET (view), GTK_TYPE_FLOW_BOX, NULL);
  g_autoptr(GVariant) state = NULL;

  g_assert_nonnull (veil);
  g_assert_nonnull (exhibits_box);

  /* An entry without an advisory: text shown, nothing to reveal. */
  km_timeline_view_select_entry (view, "decree");
  g_assert_false (km_timeline_view_get_veiled (view));
  g_assert_false (gtk_widget_get_visible (veil));
  g_assert_nonnull (get_text (f));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.reveal", NULL) &&
                  !km_timeline_view_get_veiled (view) && get_text (f) == NULL);

  /* The attack: headline and date, then the calm veil; the text and the
   * exhibits wait.
   */
  km_timeline_view_select_entry (view, "attack");
  km_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (km_timeline_view_get_veiled (view));
  g_assert_true (gtk_widget_get_mapped (veil));
  g_assert_cmpstr (get_headline (f), ==, "The attack on Khojaly");
  g_assert_cmpstr (get_date (f), ==, "Night of 25–26 February 1992");
  g_assert_null (get_text (f));
  g_assert_false (gtk_widget_get_visible (exhibits_box));
  /* The advisory says what waits behind it. */
  g_assert_nonnull (km_test_find_widget_matching (veil, label_is, km_timeline_entry_get_advisory (attack)));
  save_png (f, "timeline-veiled-en");

  /* Revealed on request, through the action the button uses. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.reveal", NULL));
  g_assert_false (km_timeline_view_get_veiled (view));
  g_assert_cmpstr (get_text (f), ==, km_timeline_entry_get_text (attack));
  g_assert_true (gtk_widget_get_visible (exhibits_box));
  km_test_wait_for_draw (GTK_WIDGET (f->window));
  save_png (f, "timeline-revealed-en");

  /* The choice holds for that entry only, for the rest of the visit. */
  km_timeline_view_select_entry (view, "hostages");
  g_assert_true (km_timeline_view_get_veiled (view));
  km_timeline_view_select_entry (view, "attack");
  g_assert_false (km_timeline_view_get_veiled (view));

  /* A language switch keeps it (the view is rebuilt from its state). */
  km_application_set_language (f->app, "az");
  km_test_wait_for_draw (GTK_WIDGET (f->window));
  view = get_view (f);
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "attack");
  g_assert_false (km_timeline_view_get_veiled (view));
  state = g_variant_ref_sink (km_view_save_state (KM_VIEW (view)));

  /* The kiosk's reset veils again. */
  km_view_reset (KM_VIEW (view));
  km_timeline_view_select_entry (view, "attack");
  g_assert_true (km_timeline_view_get_veiled (view));
  g_assert_null (get_text (f));
}

/* The veil, an undated entry and an approximate date as visitors see them,
 * in every language.
 */
static void
test_timeline_dates_screenshots (Fixture       *f,
                                 gconstpointer  data)
{
  static const struct {
    const char *lang;
    const char *unknown;
  } languages[] = {
    { "en", "Date unknown" },
    { "az", "Tarixi məlum deyil" },
    { "id", "Tanggal tidak diketahui" },
  };
  KmContentStore *store = km_context_get_store (km_application_get_context (f->app));
  KmTimelineEntry *petition = km_content_store_lookup_entry (store, "white-house-petition");
  KmTimelineEntry *fleeing = km_content_store_lookup_entry (store, "fleeing");

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      const char *lang = languages[i].lang;
      g_autofree char *veiled = g_strdup_printf ("timeline-veiled-%s", lang);
      g_autofree char *undated = g_strdup_printf ("timeline-undated-%s", lang);
      g_autofree char *approximate = g_strdup_printf ("timeline-approximate-%s", lang);
      KmTimelineView *view;

      km_application_set_language (f->app, lang);
      km_test_wait_for_draw (GTK_WIDGET (f->window));
      view = get_view (f);

      km_timeline_view_select_entry (view, "hostages");
      g_assert_true (km_timeline_view_get_veiled (view));
      g_assert_null (get_text (f));
      save_png (f, veiled);

      km_timeline_view_select_entry (view, "white-house-petition");
      g_assert_cmpstr (get_date (f), ==, languages[i].unknown);
      g_assert_cmpstr (get_date_note (f), ==, km_text_get (km_timeline_entry_get_placed_text (petition), lang));
      g_assert_nonnull (get_text (f));
      save_png (f, undated);

      km_timeline_view_select_entry (view, "fleeing");
      g_assert_cmpstr (get_date (f), ==, km_text_get (km_timeline_entry_get_display_date_text (fleeing), lang));
      g_assert_cmpstr (get_date_note (f), ==, km_text_get (km_timeline_entry_get_dated_text (fleeing), lang));
      g_assert_true (km_timeline_view_get_veiled (view));
      save_png (f, approximate);
    }
}

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    {
      g_string_append (out, gtk_label_get_label (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static void
touch (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "released", 1, 20.0, 20.0);
          return;
        }
    }

  g_assert_not_reached ();
}

/* On a kiosk: the attract screen's tour never shows an entry's text, and
 * the idle reset veils again what the last visitor chose to read.
 */
static void
test_timeline_advisory_kiosk (void)
{
  KmTestKiosk kiosk = { 0 };
  KmContentStore *store;
  GListModel *entries;
  GtkWidget *attract;
  KmTimelineView *view;
  gboolean saw_veiled = FALSE;

  km_test_kiosk_set_up (&kiosk, NULL, "en");
  store = km_context_get_store (km_application_get_context (kiosk.app));
  entries = km_content_store_get_entries (store);

  /* Round the whole tour on the attract screen: dates and headlines only. */
  attract = km_test_kiosk_find (&kiosk, KM_TYPE_KIOSK_ATTRACT, NULL);
  g_assert_nonnull (attract);
  for (guint step = 0; step <= g_list_model_get_n_items (entries); step++)
    {
      g_autoptr(GString) shown = g_string_new (NULL);
      const char *entry_id = km_kiosk_attract_get_entry_id (KM_KIOSK_ATTRACT (attract));
      KmTimelineEntry *entry = km_content_store_lookup_entry (store, entry_id);

      g_assert_nonnull (entry);
      collect_labels (attract, shown);
      g_assert_nonnull (strstr (shown->str, km_timeline_entry_get_headline (entry)));
      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr(KmTimelineEntry) any = g_list_model_get_item (entries, i);

          g_assert_null (strstr (shown->str, km_timeline_entry_get_text (any)));
          if (km_timeline_entry_get_advisory (any) != NULL)
            g_assert_null (strstr (shown->str, km_timeline_entry_get_advisory (any)));
        }
      if (km_timeline_entry_get_advisory (entry) != NULL)
        saw_veiled = TRUE;
      km_test_kiosk_advance (&kiosk, 15);
    }
  g_assert_true (saw_veiled);

  /* A visitor reads the attack past its advisory… */
  touch (attract);
  g_assert_null (km_test_kiosk_find (&kiosk, KM_TYPE_KIOSK_ATTRACT, NULL));
  km_window_show_view (kiosk.window, "timeline");
  view = KM_TIMELINE_VIEW (km_window_get_view (kiosk.window, "timeline"));
  km_timeline_view_select_entry (view, "attack");
  g_assert_true (km_timeline_view_get_veiled (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.reveal", NULL));
  g_assert_false (km_timeline_view_get_veiled (view));

  /* …and walks away: the reset veils it for the next visitor. */
  km_test_kiosk_advance (&kiosk, 120 + 20);
  g_assert_nonnull (km_test_kiosk_find (&kiosk, KM_TYPE_KIOSK_ATTRACT, NULL));
  touch (km_test_kiosk_find (&kiosk, KM_TYPE_KIOSK_ATTRACT, NULL));
  km_window_show_view (kiosk.window, "timeline");
  view = KM_TIMELINE_VIEW (km_window_get_view (kiosk.window, "timeline"));
  km_timeline_view_select_entry (view, "attack");
  g_assert_true (km_timeline_view_get_veiled (view));

  km_test_kiosk_tear_down (&kiosk);
}

static void
test_timeline_sizes (Fixture       *f,
                     gconstpointer  data)
{
  KmTimelineView *view = get_view (f);

  km_timeline_view_select_entry (view, "attack");

  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 800);
  km_test_wait_for_draw (GTK_WIDGET (f->window));
  km_test_iterate (100);
  {
    int min;

    /* The timeline itself fits a 360 px phone-sized width. */
    gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <=, 360);
  }
  save_png (f, "timeline-narrow");

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1800, 1000);
  km_test_wait_for_draw (GTK_WIDGET (f->window));
  km_test_iterate (100);
  save_png (f, "timeline-wide");
}

/* #19: a pack of 2,000 entries over 40 years (tests/gen-content-pack.py),
 * loaded before the window as a kiosk's is.
 */
static void
fixture_setup_large (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *script = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "gen-content-pack.py", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = g_dir_make_tmp ("km-timeline-large-XXXXXX", &error);
  const char *argv[] = { "python3", script, "--exhibits", "20", "--entries", "2000", dir, NULL };
  KmContentStore *store;
  int status;

  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  f->app = km_test_application_new ();
  km_application_set_language (f->app, "en");
  store = km_context_get_store (km_application_get_context (f->app));
  file = g_file_new_for_path (dir);
  g_assert_true (km_content_store_load (store, file, &errors, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_entries (store)), ==, 2000);

  f->window = km_test_window_new (f->app);
  g_object_add_weak_pointer (G_OBJECT (f->window), (gpointer *) &f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 820);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s", "timeline"));
  km_test_wait_for_draw (GTK_WIDGET (f->window));
}

/* The selected entry's box lies inside what the overview's scroller shows. */
static void
assert_selected_in_view (Fixture *f)
{
  KmTimelineOverview *overview = get_overview (f);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (GTK_WIDGET (overview),
                                                                              GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (scroller);
  GtkAdjustment *hadj = km_timeline_overview_get_hadjustment (overview);
  graphene_rect_t bounds;

  g_assert_true (km_timeline_overview_get_entry_bounds (overview, km_timeline_overview_get_selected (overview), &bounds));
  g_test_message ("entry %u: %g+%g in %g+%g of %g", km_timeline_overview_get_selected (overview),
                  bounds.origin.y, bounds.size.height, gtk_adjustment_get_value (vadj),
                  gtk_adjustment_get_page_size (vadj), gtk_adjustment_get_upper (vadj));
  g_assert_cmpfloat (bounds.origin.y, >=, gtk_adjustment_get_value (vadj));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                     gtk_adjustment_get_value (vadj) + gtk_adjustment_get_page_size (vadj));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_adjustment_get_page_size (hadj) + 0.5);
}

/* The Right key from the first of 2,000 entries reaches the last, one
 * entry a key, the overview keeping the selected one in view.
 */
static void
test_timeline_keyboard_travel_large (Fixture       *f,
                                     gconstpointer  data)
{
  KmTimelineView *view = get_view (f);
  KmTimelineOverview *overview = get_overview (f);
  GListModel *entries = km_content_store_get_entries (km_timeline_overview_get_store (overview));
  guint n = g_list_model_get_n_items (entries);
  g_autoptr(KmTimelineEntry) first = g_list_model_get_item (entries, 0);
  g_autoptr(KmTimelineEntry) last = g_list_model_get_item (entries, n - 1);
  g_autoptr(KmTimelineEntry) middle = g_list_model_get_item (entries, n / 2);
  g_autofree char *last_position = g_strdup_printf ("Entry %u of %u", n, n);

  g_assert_cmpuint (n, ==, 2000);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (overview)));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, km_timeline_entry_get_id (first));

  for (guint i = 1; i < n; i++)
    {
      g_assert_true (send_key (GTK_WIDGET (overview), GDK_KEY_Right));
      g_assert_cmpuint (km_timeline_overview_get_selected (overview), ==, i);
      /* Now and then a frame, as a held key gives them. */
      if (i % 400 == 0)
        {
          km_test_wait_for_draw (GTK_WIDGET (f->window));
          assert_selected_in_view (f);
        }
      if (i == n / 2)
        g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, km_timeline_entry_get_id (middle));
    }

  km_test_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, km_timeline_entry_get_id (last));
  g_assert_cmpstr (get_headline (f), ==, km_timeline_entry_get_headline (last));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (km_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, "numeric"))),
                   ==, last_position);
  assert_selected_in_view (f);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (overview));
  /* At the end, Right stays there; Home goes back in one key, End again. */
  g_assert_true (send_key (GTK_WIDGET (overview), GDK_KEY_Right));
  g_assert_cmpuint (km_timeline_overview_get_selected (overview), ==, n - 1);
  g_assert_true (send_key (GTK_WIDGET (overview), GDK_KEY_Home));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, km_timeline_entry_get_id (first));
  km_test_wait_for_draw (GTK_WIDGET (f->window));
  assert_selected_in_view (f);
  g_assert_true (send_key (GTK_WIDGET (overview), GDK_KEY_End));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, km_timeline_entry_get_id (last));

  /* On a phone-sized window, in the middle of the timeline. */
  km_timeline_view_select_entry (view, km_timeline_entry_get_id (middle));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 800);
  km_test_wait_for_draw (GTK_WIDGET (f->window));
  km_test_iterate (100);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 400);
  assert_selected_in_view (f);
  save_png (f, "timeline-large-360");
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

  g_test_add ("/km/timeline/shows-first-entry", Fixture, NULL, fixture_setup, test_timeline_shows_first_entry, fixture_teardown);
  g_test_add ("/km/timeline/keyboard", Fixture, NULL, fixture_setup, test_timeline_keyboard, fixture_teardown);
  g_test_add ("/km/timeline/zoom", Fixture, NULL, fixture_setup, test_timeline_zoom, fixture_teardown);
  g_test_add ("/km/timeline/swipe", Fixture, NULL, fixture_setup, test_timeline_swipe, fixture_teardown);
  g_test_add ("/km/timeline/exhibit-link", Fixture, NULL, fixture_setup, test_timeline_exhibit_link, fixture_teardown);
  g_test_add ("/km/timeline/tour", Fixture, NULL, fixture_setup, test_timeline_tour, fixture_teardown);
  g_test_add_func ("/km/timeline/tour-standalone", test_timeline_tour_standalone);
  g_test_add ("/km/timeline/languages", Fixture, NULL, fixture_setup, test_timeline_languages, fixture_teardown);
  g_test_add ("/km/timeline/state", Fixture, NULL, fixture_setup, test_timeline_state, fixture_teardown);
  g_test_add ("/km/timeline/sizes", Fixture, NULL, fixture_setup, test_timeline_sizes, fixture_teardown);
  g_test_add ("/km/timeline/advisory", Fixture, NULL, fixture_setup, test_timeline_advisory, fixture_teardown);
  g_test_add_func ("/km/timeline/advisory-kiosk", test_timeline_advisory_kiosk);
  g_test_add ("/km/timeline/keyboard-travel-large", Fixture, NULL, fixture_setup_large,
              test_timeline_keyboard_travel_large, fixture_teardown);
  g_test_add ("/km/timeline/dates-screenshots", Fixture, NULL, fixture_setup, test_timeline_dates_screenshots, fixture_teardown);

  return g_test_run ();
}
