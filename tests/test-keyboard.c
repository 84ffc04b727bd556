/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <math.h>
#include <string.h>

#include "km-a11y-menu.h"
#include "km-a11y-options.h"
#include "km-a11y.h"
#include "km-chart-bar.h"
#include "km-content-store.h"
#include "km-context.h"
#include "km-document-view.h"
#include "km-exhibit-viewer.h"
#include "km-figure-table.h"
#include "km-fake-clock.h"
#include "km-gallery-view.h"
#include "km-image-view.h"
#include "km-kiosk-attract.h"
#include "km-kiosk-controller.h"
#include "km-kiosk-countdown.h"
#include "km-kiosk-pin-pad.h"
#include "km-kiosk-pin.h"
#include "km-kiosk-staff-menu.h"
#include "km-test-media.h"
#include "km-test-utils.h"
#include "km-timeline-overview.h"
#include "km-timeline-view.h"
#include "km-window.h"

/* Keyboard-only use, with real key presses: every key here goes through
 * the X server (`xdotool key`, which uses the XTest extension) into GDK's
 * event queue, exactly as a keyboard's would; nothing emits key signals
 * or activates actions on the visitor's behalf. The window is given the X
 * input focus with `xdotool windowfocus` first, since Xvfb runs without a
 * window manager. Without xdotool or an X display the tests skip.
 *
 * Because the keys go to whichever window has the X focus, meson runs
 * this test alone (is_parallel: false).
 */

static gboolean
have_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return FALSE;
    }
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("real key presses need an X display");
      return FALSE;
    }
  return TRUE;
}

static void
run_xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Presses @keys (xdotool names: "Tab", "Return", "ctrl+alt+shift+k") in
 * @window, one after the other, and lets GTK handle them.
 */
static void
press_keys (GtkWidget  *window,
            const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  g_auto(GStrv) list = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  run_xdotool ((const char *[]) { "windowfocus", xid, NULL });
  km_test_iterate (30);

  g_ptr_array_add (args, (gpointer) "key");
  g_ptr_array_add (args, (gpointer) "--delay");
  g_ptr_array_add (args, (gpointer) "30");
  for (guint i = 0; list[i] != NULL; i++)
    g_ptr_array_add (args, list[i]);
  g_ptr_array_add (args, NULL);
  run_xdotool ((const char * const *) args->pdata);

  /* The X server has them; GDK reads them on the next iterations. */
  km_test_iterate (150);
}

static GtkWidget *
get_focus (GtkWidget *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* Tab until the focus is inside a widget of @type; returns it, or NULL. */
static GtkWidget *
tab_to (GtkWidget *window,
        GType      type,
        guint      limit)
{
  for (guint i = 0; i < limit; i++)
    {
      GtkWidget *focus;

      press_keys (window, "Tab");
      focus = get_focus (window);
      if (focus != NULL && (G_TYPE_CHECK_INSTANCE_TYPE (focus, type) || gtk_widget_get_ancestor (focus, type) != NULL))
        return G_TYPE_CHECK_INSTANCE_TYPE (focus, type) ? focus : gtk_widget_get_ancestor (focus, type);
    }
  return NULL;
}

static GtkWidget *
present_window (KmApplication *app)
{
  GtkWidget *window = GTK_WIDGET (km_test_window_new (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (window);
  return window;
}

static void
destroy_window (GtkWidget *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  km_test_iterate (20);
  g_assert_null (window);
}

static void
test_gallery (void)
{
  g_autoptr(KmApplication) app = NULL;
  GtkWidget *window, *cell, *focus;
  KmGalleryView *gallery;
  g_autofree char *first = NULL;

  if (!have_xdotool ())
    return;

  app = km_test_application_new ();
  km_application_set_language (app, "en");
  window = present_window (app);
  km_window_show_view (KM_WINDOW (window), "gallery");
  gallery = KM_GALLERY_VIEW (km_window_get_view (KM_WINDOW (window), "gallery"));
  g_assert_false (km_gallery_view_get_viewer_open (gallery));

  /* Tab walks from the header bar into the grid. */
  cell = tab_to (window, GTK_TYPE_GRID_VIEW, 40);
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_is_ancestor (get_focus (window), GTK_WIDGET (gallery)));

  /* Enter opens the focused exhibit. */
  press_keys (window, "Return");
  g_assert_true (km_gallery_view_get_viewer_open (gallery));
  first = g_strdup (km_gallery_view_get_exhibit_id (gallery));
  g_assert_nonnull (first);
  focus = get_focus (window);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (gallery)));

  /* Right moves to the next exhibit, Left back. */
  press_keys (window, "Right");
  g_assert_true (km_gallery_view_get_viewer_open (gallery));
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery), !=, first);
  press_keys (window, "Left");
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery), ==, first);

  /* Escape closes the viewer and the focus is back in the grid. */
  press_keys (window, "Escape");
  g_assert_false (km_gallery_view_get_viewer_open (gallery));
  focus = get_focus (window);
  g_assert_nonnull (focus);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_GRID_VIEW));

  destroy_window (window);
}

static void
test_timeline (void)
{
  g_autoptr(KmApplication) app = NULL;
  GtkWidget *window, *overview;
  KmTimelineView *timeline;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (!have_xdotool ())
    return;

  app = km_test_application_new ();
  km_application_set_language (app, "en");
  window = present_window (app);
  km_window_show_view (KM_WINDOW (window), "timeline");
  km_test_wait_for_draw (window);
  timeline = KM_TIMELINE_VIEW (km_window_get_view (KM_WINDOW (window), "timeline"));

  overview = tab_to (window, KM_TYPE_TIMELINE_OVERVIEW, 40);
  g_assert_nonnull (overview);
  g_assert_true (gtk_widget_has_focus (overview));
  first = g_strdup (km_timeline_view_get_selected_id (timeline));
  g_assert_nonnull (first);

  press_keys (window, "Right");
  second = g_strdup (km_timeline_view_get_selected_id (timeline));
  g_assert_cmpstr (second, !=, first);
  /* The overview keeps the focus, so arrows go on working. */
  g_assert_true (gtk_widget_has_focus (overview));

  press_keys (window, "Left");
  g_assert_cmpstr (km_timeline_view_get_selected_id (timeline), ==, first);

  destroy_window (window);
}

/* A copy of tests/content/valid with a two-page PDF exhibit, "decree",
 * after its exhibits. */
static char *
make_document_pack (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("km-keyboard-pack-XXXXXX", &error);
  g_autofree char *valid = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "content", "valid", NULL);
  g_autofree char *script = NULL;
  g_autofree char *xml_path = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(GString) out = NULL;
  const char *end;
  int status;

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (valid, "/tests/content/valid"));
  script = g_strdup_printf ("cp -r '%s/.' '%s/'", valid, dir);
  g_assert_true (g_spawn_sync (NULL, (char *[]) { (char *) "sh", (char *) "-c", script, NULL }, NULL,
                               G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  pdf = g_build_filename (dir, "media", "pages.pdf", NULL);
  km_test_media_write (dir, "media/pages.pdf", "", 0);
  km_test_media_make_pdf (pdf, 2);

  xml_path = g_build_filename (dir, "exhibits.xml", NULL);
  g_assert_true (g_file_get_contents (xml_path, &xml, NULL, &error));
  g_assert_no_error (error);
  end = strstr (xml, "</exhibits>");
  g_assert_nonnull (end);
  out = g_string_new_len (xml, end - xml);
  g_string_append (out,
                   "  <exhibit id=\"decree\" kind=\"document\" media=\"media/pages.pdf\" sources=\"s-rally\">\n"
                   "    <title>Generated test document</title>\n"
                   "    <caption>Two pages made by the tests.</caption>\n"
                   "    <description>Not a real document.</description>\n"
                   "    <alt>Two numbered pages.</alt>\n"
                   "    <credit>Generated by the test suite</credit>\n"
                   "    <rights>CC0</rights>\n"
                   "    <transcription>Page one. Page two.</transcription>\n"
                   "  </exhibit>\n"
                   "</exhibits>\n");
  g_assert_true (g_file_set_contents (xml_path, out->str, -1, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&dir);
}

static gboolean
document_ready (gpointer data)
{
  KmDocumentView *view = data;

  return km_document_view_get_loaded (view) && km_document_view_get_rendered_scale (view) > 0;
}

/* Lets GTK handle what is queued until @cond holds (the keys reach GDK
 * late on a loaded machine), then asserts it. */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 wait_end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < wait_end) \
      km_test_iterate (10); \
    g_assert_true (cond); \
  } G_STMT_END

static gboolean
has_action_name (GtkWidget     *widget,
                 gconstpointer  name)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), name) == 0;
}

static double
adjustment_value (GtkWidget      *scrollable,
                  GtkOrientation  orientation)
{
  GtkAdjustment *adjustment = orientation == GTK_ORIENTATION_HORIZONTAL
                              ? gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (scrollable))
                              : gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (scrollable));

  return gtk_adjustment_get_value (adjustment);
}

/* A PDF exhibit: while its zoomed page has the focus the arrow keys pan
 * it; at the whole page, or with the focus on the page buttons, they move
 * between exhibits as for every exhibit. */
static void
test_document (void)
{
  g_autoptr(KmApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = NULL;
  KmContentStore *store;
  KmGalleryView *gallery;
  KmExhibitViewer *viewer;
  KmDocumentView *document;
  GtkWidget *window, *page, *focus;
  double x, y;

  if (!have_xdotool ())
    return;

  dir = make_document_pack ();
  file = g_file_new_for_path (dir);
  app = km_test_application_new ();
  store = km_context_get_store (km_application_get_context (app));
  g_assert_true (km_content_store_load (store, file, NULL, &error));
  g_assert_no_error (error);
  km_application_set_language (app, "en");
  window = present_window (app);
  gallery = KM_GALLERY_VIEW (km_window_get_view (KM_WINDOW (window), "gallery"));

  g_assert_true (gtk_widget_activate_action (window, "win.show-exhibit", "s", "decree"));
  viewer = KM_EXHIBIT_VIEWER (km_test_find_widget (window, KM_TYPE_EXHIBIT_VIEWER, NULL));
  document = KM_DOCUMENT_VIEW (km_test_find_widget (GTK_WIDGET (viewer), KM_TYPE_DOCUMENT_VIEW, NULL));
  g_assert_nonnull (document);
  g_assert_true (km_test_wait_until (document_ready, document, 20000));
  page = km_test_find_widget (GTK_WIDGET (document), KM_TYPE_IMAGE_VIEW, NULL);
  g_assert_nonnull (page);
  /* Opening the exhibit put the focus on its page. */
  g_assert_true (gtk_widget_has_focus (page));

  /* The whole page: Right and Left move between exhibits. */
  press_keys (window, "Right");
  WAIT_FOR (g_strcmp0 (km_gallery_view_get_exhibit_id (gallery), "decree") != 0);
  press_keys (window, "Left");
  WAIT_FOR (g_strcmp0 (km_gallery_view_get_exhibit_id (gallery), "decree") == 0);
  g_assert_true (km_test_wait_until (document_ready, document, 20000));
  g_assert_true (gtk_widget_has_focus (page));

  /* Zoomed in with the keys, as an image is: the arrows pan the page. */
  press_keys (window, "ctrl+plus");
  WAIT_FOR (fabs (km_exhibit_viewer_get_zoom (viewer) - 1.25) < 1e-9);
  press_keys (window, "ctrl+plus");
  WAIT_FOR (fabs (km_exhibit_viewer_get_zoom (viewer) - 1.5625) < 1e-9);
  g_assert_cmpfloat_with_epsilon (km_document_view_get_zoom (document), 1.5625, 1e-9);
  x = adjustment_value (page, GTK_ORIENTATION_HORIZONTAL);
  y = adjustment_value (page, GTK_ORIENTATION_VERTICAL);

  press_keys (window, "Right");
  WAIT_FOR (adjustment_value (page, GTK_ORIENTATION_HORIZONTAL) > x);
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery), ==, "decree");
  x = adjustment_value (page, GTK_ORIENTATION_HORIZONTAL);
  press_keys (window, "Down");
  WAIT_FOR (adjustment_value (page, GTK_ORIENTATION_VERTICAL) > y);
  y = adjustment_value (page, GTK_ORIENTATION_VERTICAL);
  press_keys (window, "Left");
  WAIT_FOR (adjustment_value (page, GTK_ORIENTATION_HORIZONTAL) < x);
  press_keys (window, "Up");
  WAIT_FOR (adjustment_value (page, GTK_ORIENTATION_VERTICAL) < y);
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery), ==, "decree");
  g_assert_cmpfloat_with_epsilon (km_document_view_get_zoom (document), 1.5625, 1e-9);
  g_assert_true (gtk_widget_has_focus (page));

  /* Still zoomed, the focus on a page button: the arrows are the
   * viewer's again. */
  g_assert_true (gtk_widget_grab_focus (km_test_find_widget_matching (GTK_WIDGET (document), has_action_name,
                                                                     "document.next-page")));
  focus = get_focus (window);
  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (document)));
  press_keys (window, "Right");
  WAIT_FOR (g_strcmp0 (km_gallery_view_get_exhibit_id (gallery), "decree") != 0);
  press_keys (window, "Left");
  WAIT_FOR (g_strcmp0 (km_gallery_view_get_exhibit_id (gallery), "decree") == 0);

  destroy_window (window);
  km_test_media_remove_dir (dir);
}

static GtkWidget *
find_visible_popover (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return child;
  return NULL;
}

static void
test_statistics (void)
{
  g_autoptr(KmApplication) app = NULL;
  GtkWidget *window, *bar, *chart, *table, *focus;
  GtkWidget *statistics;

  if (!have_xdotool ())
    return;

  app = km_test_application_new ();
  km_application_set_language (app, "en");
  window = present_window (app);
  km_window_show_view (KM_WINDOW (window), "statistics");
  km_test_wait_for_draw (window);
  statistics = km_window_get_view (KM_WINDOW (window), "statistics");
  chart = km_test_find_widget (statistics, GTK_TYPE_WIDGET, "km-chart");
  g_assert_nonnull (chart);

  /* Tab reaches a bar of the chart; Enter opens its details. */
  bar = tab_to (window, KM_TYPE_CHART_BAR, 60);
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_is_ancestor (bar, chart));
  g_assert_null (find_visible_popover (bar));
  press_keys (window, "Return");
  g_assert_nonnull (find_visible_popover (bar));
  press_keys (window, "Escape");
  g_assert_null (find_visible_popover (bar));
  /* GTK gives the focus back to the bar when the popover closes. */
  focus = get_focus (window);
  g_assert_true (focus == bar || (focus != NULL && gtk_widget_is_ancestor (focus, bar)));

  /* The same figures as a table: Tab reaches it in table mode. */
  g_assert_true (gtk_widget_activate_action (statistics, "statistics.mode", "s", "table"));
  km_test_wait_for_draw (window);
  table = km_test_find_widget (statistics, KM_TYPE_FIGURE_TABLE, NULL);
  g_assert_nonnull (table);
  g_assert_true (gtk_widget_get_mapped (table));
  focus = NULL;
  for (guint i = 0; i < 60 && focus == NULL; i++)
    {
      press_keys (window, "Tab");
      if (get_focus (window) != NULL && gtk_widget_is_ancestor (get_focus (window), table))
        focus = get_focus (window);
    }
  g_assert_nonnull (focus);

  destroy_window (window);
}

/* Kiosk */

typedef KmTestKiosk Kiosk;

static void
kiosk_set_up (Kiosk         *fixture,
              gconstpointer  data)
{
  g_autofree char *hash = km_kiosk_pin_hash ("1992", NULL);

  km_test_kiosk_set_up (fixture, hash, "en");
}

static void
kiosk_tear_down (Kiosk         *fixture,
                 gconstpointer  data)
{
  km_test_kiosk_tear_down (fixture);
}

#define advance km_test_kiosk_advance

static void
test_kiosk_countdown (Kiosk         *fixture,
                      gconstpointer  data)
{
  GSettings *settings = km_context_get_settings (km_application_get_context (fixture->app));

  if (!have_xdotool ())
    return;

  /* A key on the attract screen begins a visit. */
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  press_keys (GTK_WIDGET (fixture->window), "Return");
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_ACTIVE);

  advance (fixture, g_settings_get_uint (settings, "kiosk-idle-seconds"));
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_COUNTDOWN, NULL));
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_COUNTDOWN);

  /* Any key continues the visit; a modifier alone is a key too. */
  press_keys (GTK_WIDGET (fixture->window), "shift");
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_COUNTDOWN, NULL));
  g_assert_cmpint (km_test_kiosk_get_state (fixture), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
}

static void
test_kiosk_pin_pad (Kiosk         *fixture,
                    gconstpointer  data)
{
  GtkWidget *pad;

  if (!have_xdotool ())
    return;

  press_keys (GTK_WIDGET (fixture->window), "Return");
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));

  /* The staff shortcut, then the PIN from the keyboard's digits. */
  press_keys (GTK_WIDGET (fixture->window), "ctrl+alt+shift+k");
  pad = km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL);
  g_assert_nonnull (pad);
  press_keys (GTK_WIDGET (fixture->window), "1 9 9");
  g_assert_cmpuint (km_kiosk_pin_pad_get_length (KM_KIOSK_PIN_PAD (pad)), ==, 3);
  press_keys (GTK_WIDGET (fixture->window), "BackSpace");
  g_assert_cmpuint (km_kiosk_pin_pad_get_length (KM_KIOSK_PIN_PAD (pad)), ==, 2);
  press_keys (GTK_WIDGET (fixture->window), "9 2 Return");
  g_assert_null (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_PIN_PAD, NULL));
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_STAFF_MENU, NULL));
}

static int
get_xft_dpi (void)
{
  int dpi = 0;

  g_object_get (gtk_settings_get_default (), "gtk-xft-dpi", &dpi, NULL);
  return dpi;
}

static gboolean
get_enable_animations (void)
{
  gboolean enabled = FALSE;

  g_object_get (gtk_settings_get_default (), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static GtkWidget *
find_check_button (GtkWidget *widget,
                   guint      index,
                   guint     *seen)
{
  if (GTK_IS_CHECK_BUTTON (widget) && (*seen)++ == index)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check_button (child, index, seen);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_kiosk_a11y_menu (Kiosk         *fixture,
                      gconstpointer  data)
{
  GSettings *settings = km_context_get_settings (km_application_get_context (fixture->app));
  KmA11yOptions *options = km_a11y_options_get_default ();
  GtkWidget *menu = km_test_kiosk_find (fixture, KM_TYPE_A11Y_MENU, NULL);
  GtkWidget *button, *toggle, *popover, *focus, *large_text;
  int dpi;
  gboolean animations;
  guint seen = 0;
  g_autofree char *png = NULL;

  if (!have_xdotool ())
    return;

  /* On the attract screen, on top of it, big enough for a finger. */
  g_assert_nonnull (menu);
  g_assert_true (KM_IS_A11Y_MENU (menu));
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_true (gtk_widget_get_mapped (menu));
  g_assert_true (gtk_widget_get_next_sibling (menu) == NULL);
  button = km_test_find_widget (menu, GTK_TYPE_MENU_BUTTON, NULL);
  g_assert_nonnull (button);
  g_assert_cmpint (gtk_widget_get_width (button), >=, 48);
  g_assert_cmpint (gtk_widget_get_height (button), >=, 48);
  g_assert_false (km_a11y_options_get_large_text (options));
  g_assert_false (km_a11y_options_get_high_contrast (options));
  g_assert_false (km_a11y_options_get_reduced_motion (options));

  dpi = get_xft_dpi ();
  animations = get_enable_animations ();

  /* Tab reaches it from the attract screen without beginning the visit;
   * Return opens the popover.
   */
  toggle = NULL;
  for (guint i = 0; i < 10 && toggle == NULL; i++)
    {
      press_keys (GTK_WIDGET (fixture->window), "Tab");
      focus = get_focus (GTK_WIDGET (fixture->window));
      if (focus != NULL && (focus == button || gtk_widget_is_ancestor (focus, button)))
        toggle = focus;
    }
  g_assert_nonnull (toggle);
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  press_keys (GTK_WIDGET (fixture->window), "Return");
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));

  /* Larger text: the first check button; the focus goes into the popover. */
  large_text = find_check_button (popover, 0, &seen);
  g_assert_nonnull (large_text);
  if (get_focus (GTK_WIDGET (fixture->window)) != large_text)
    press_keys (GTK_WIDGET (fixture->window), "Tab");
  g_assert_true (get_focus (GTK_WIDGET (fixture->window)) == large_text);
  press_keys (GTK_WIDGET (fixture->window), "space");
  g_assert_true (km_a11y_options_get_large_text (options));
  g_assert_cmpint (get_xft_dpi (), ==, (int) ((dpi > 0 ? dpi : 96 * 1024) * 1.5));

  /* High contrast and reduced motion, the next two. */
  press_keys (GTK_WIDGET (fixture->window), "Tab space");
  g_assert_true (km_a11y_options_get_high_contrast (options));
  press_keys (GTK_WIDGET (fixture->window), "Tab space");
  g_assert_true (km_a11y_options_get_reduced_motion (options));
  g_assert_false (get_enable_animations ());
  km_test_wait_for_draw (GTK_WIDGET (fixture->window));
  png = km_test_save_png (GTK_WIDGET (fixture->window), "kiosk-a11y-menu");

  /* What the views and GtkStack read. */
  g_assert_true (km_a11y_get_reduced_motion (GTK_WIDGET (fixture->window)));

  /* Toggling again turns an option off and gives the desktop's value back. */
  press_keys (GTK_WIDGET (fixture->window), "space");
  g_assert_false (km_a11y_options_get_reduced_motion (options));
  g_assert_cmpint (get_enable_animations (), ==, animations);
  press_keys (GTK_WIDGET (fixture->window), "space");
  g_assert_true (km_a11y_options_get_reduced_motion (options));

  /* The idle reset clears all three for the next visitor. */
  press_keys (GTK_WIDGET (fixture->window), "Escape");
  g_assert_false (gtk_widget_get_visible (popover));
  /* The visitor begins a visit (a touch; test-kiosk-ui covers that) and
   * walks away: the idle timer runs out, then the countdown.
   */
  km_test_kiosk_begin_visit (fixture);
  g_assert_true (km_a11y_options_get_large_text (options));
  advance (fixture, g_settings_get_uint (settings, "kiosk-idle-seconds"));
  advance (fixture, g_settings_get_uint (settings, "kiosk-countdown-seconds") + 1);
  g_assert_nonnull (km_test_kiosk_find (fixture, KM_TYPE_KIOSK_ATTRACT, NULL));
  g_assert_false (km_a11y_options_get_large_text (options));
  g_assert_false (km_a11y_options_get_high_contrast (options));
  g_assert_false (km_a11y_options_get_reduced_motion (options));
  g_assert_cmpint (get_xft_dpi (), ==, dpi);
  g_assert_cmpint (get_enable_animations (), ==, animations);
  /* And the check buttons say so. */
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (large_text)));
  /* Still on top of the new attract screen. */
  g_assert_true (gtk_widget_get_next_sibling (menu) == NULL);
}

/* Not keyboard use, but what a keyboard user's screen reader says for a
 * mnemonic button (the gallery's “Read More”): the text once, no underscore.
 */
static void
test_button_name_from_label (void)
{
  GtkWidget *button = g_object_ref_sink (gtk_toggle_button_new_with_mnemonic ("_Read More"));

  km_a11y_name_from_label (GTK_BUTTON (button));
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, "Read More");
  gtk_test_accessible_assert_relation (button, GTK_ACCESSIBLE_RELATION_LABELLED_BY, NULL);

  gtk_button_set_label (GTK_BUTTON (button), "Show _Less");
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, "Show Less");
  gtk_test_accessible_assert_relation (button, GTK_ACCESSIBLE_RELATION_LABELLED_BY, NULL);

  g_object_unref (button);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test AT context, so that accessible properties can be read back
   * (the suite's GTK_A11Y=none keeps none).
   */
  g_setenv ("GTK_A11Y", "test", TRUE);
  km_test_init (&argc, &argv);

  g_test_add_func ("/km/keyboard/button-name-from-label", test_button_name_from_label);
  g_test_add_func ("/km/keyboard/gallery", test_gallery);
  g_test_add_func ("/km/keyboard/document", test_document);
  g_test_add_func ("/km/keyboard/timeline", test_timeline);
  g_test_add_func ("/km/keyboard/statistics", test_statistics);
  g_test_add ("/km/keyboard/kiosk-countdown", Kiosk, NULL, kiosk_set_up, test_kiosk_countdown, kiosk_tear_down);
  g_test_add ("/km/keyboard/kiosk-pin-pad", Kiosk, NULL, kiosk_set_up, test_kiosk_pin_pad, kiosk_tear_down);
  g_test_add ("/km/keyboard/kiosk-a11y-menu", Kiosk, NULL, kiosk_set_up, test_kiosk_a11y_menu, kiosk_tear_down);

  return g_test_run ();
}
