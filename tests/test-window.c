/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "km-context.h"
#include "km-gallery-view.h"
#include "km-i18n.h"
#include "km-test-utils.h"
#include "km-timeline-view.h"
#include "km-view.h"
#include "km-window.h"

static void
test_window_views (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window = km_test_window_new (app);
  static const struct { const char *name; const char *title; } expected[] = {
    { "gallery", "Gallery – Khojaly Memorial" },
    { "timeline", "Timeline – Khojaly Memorial" },
    { "statistics", "Statistics – Khojaly Memorial" },
  };

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 720);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));

  /* The home view comes first. */
  g_assert_cmpstr (km_window_get_visible_view (window), ==, "gallery");

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *png = NULL;
      g_autofree char *name = g_strdup_printf ("window-%s", expected[i].name);
      GtkWidget *view;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", expected[i].name));
      km_test_wait_for_draw (GTK_WIDGET (window));

      g_assert_cmpstr (km_window_get_visible_view (window), ==, expected[i].name);
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, expected[i].title);
      view = km_window_get_view (window, expected[i].name);
      g_assert_true (gtk_widget_get_mapped (view));
      g_assert_cmpint (gtk_widget_get_width (view), >, 300);

      png = km_test_save_png (GTK_WIDGET (window), name);
      g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
    }

  /* An unknown view name changes nothing. */
  km_window_show_view (window, "map");
  g_assert_cmpstr (km_window_get_visible_view (window), ==, "statistics");

  gtk_window_destroy (GTK_WINDOW (window));
  km_test_iterate (50);
  g_assert_null (window);
}

/* The ids of the System V shared-memory segments the process has
 * attached: cairo's pools for sending frames to the X server.
 */
static GHashTable *
dup_shm_segments (void)
{
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  lines = g_strsplit (maps, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (strstr (lines[i], "/SYSV") == NULL)
        continue;
      /* address, permissions, offset, device, inode (the segment's id), path */
      fields = g_strsplit_set (lines[i], " ", -1);
      for (guint f = 0, n = 0; fields[f] != NULL; f++)
        if (*fields[f] != '\0' && n++ == 4)
          g_hash_table_add (ids, g_strdup (fields[f]));
    }

  return ids;
}

/* Frames of many sizes attach no segment that was not there before. */
static void
assert_frames_keep_segments (KmWindow *window)
{
  static const char * const names[] = { "timeline", "statistics", "gallery" };
  g_autoptr(GHashTable) before = dup_shm_segments ();

  g_assert_cmpuint (g_hash_table_size (before), >, 0);
  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(GHashTable) now = NULL;
      GHashTableIter iter;
      const char *id;

      /* A whole view, then only the header bar's title. */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", names[i % 3]));
      km_test_wait_for_draw (GTK_WIDGET (window));
      gtk_window_set_title (GTK_WINDOW (window), i % 2 ? "Khojaly Memorial" : "Khojaly");
      km_test_wait_for_draw (GTK_WIDGET (window));

      now = dup_shm_segments ();
      g_hash_table_iter_init (&iter, now);
      while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
        if (!g_hash_table_contains (before, id))
          g_error ("frame %u attached a new shared-memory segment (%s)", i, id);
    }
}

/* Under the cairo renderer every frame goes to the X server through
 * cairo's shared-memory pools. A pool made anew has every page faulted in
 * and cleared, a scroll frame of the timeline's overview 25–33 ms instead
 * of 3 (#19), so the window keeps one with room for its whole size, also
 * once it has grown.
 */
static void
test_window_upload_memory_kept (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window = km_test_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
  assert_frames_keep_segments (window);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 1000);
  km_test_wait_for_draw (GTK_WIDGET (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >, 1300);
  assert_frames_keep_segments (window);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The window follows KmContext:language by itself: the visible view is
 * built again and the title set again, whoever switched the language.
 */
static void
test_window_language_from_context (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmContext *context = km_application_get_context (app);
  KmWindow *window = km_test_window_new (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *gallery;
  guint notified = 0;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (km_context_get_language (context), ==, "en");
  /* Held, so that a rebuilt view cannot take the old one's address. */
  gallery = g_object_ref (km_window_get_view (window, "gallery"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Gallery – Khojaly Memorial");
  g_signal_connect (context, "notify::language", G_CALLBACK (count_notify_cb), &notified);

  /* An unknown language changes nothing and says so. */
  g_assert_false (km_context_set_language (context, "xx", &error));
  g_assert_error (error, KM_I18N_ERROR, KM_I18N_ERROR_UNKNOWN_LANGUAGE);
  g_assert_cmpuint (notified, ==, 0);
  g_assert_true (km_window_get_view (window, "gallery") == gallery);

  g_assert_true (km_context_set_language (context, "id", NULL));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (km_context_get_language (context), ==, "id");
  g_assert_false (km_window_get_view (window, "gallery") == gallery);
  g_clear_object (&gallery);
  title = g_strdup (gtk_window_get_title (GTK_WINDOW (window)));
  g_assert_cmpstr (title, !=, "Gallery – Khojaly Memorial");
  g_assert_nonnull (strstr (title, "Khojaly"));

  g_assert_true (km_context_set_language (context, "en", NULL));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Gallery – Khojaly Memorial");

  g_signal_handlers_disconnect_by_data (context, &notified);
  gtk_window_destroy (GTK_WINDOW (window));
  km_test_iterate (50);
  g_assert_null (window);
}

static void
count_created_cb (KmWindow  *window,
                  GtkWidget *view,
                  guint     *count)
{
  g_assert_true (KM_IS_VIEW (view));
  (*count)++;
}

/* Views are built when first shown; a language switch builds only the
 * visible one again, and the hidden ones keep their place until shown.
 */
static void
test_window_lazy_views (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window = km_test_window_new (app);
  GtkWidget *gallery, *timeline;
  g_autofree char *exhibit_id = NULL;
  g_autofree char *entry_id = NULL;
  guint created = 0;

  g_signal_connect (window, "view-created", G_CALLBACK (count_created_cb), &created);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 720);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));

  gallery = km_window_peek_view (window, "gallery");
  g_assert_true (KM_IS_GALLERY_VIEW (gallery));
  g_assert_null (km_window_peek_view (window, "timeline"));
  g_assert_null (km_window_peek_view (window, "statistics"));
  g_assert_null (km_window_peek_view (window, "map"));

  /* A place in each of two views. */
  km_gallery_view_open_exhibit (KM_GALLERY_VIEW (gallery), "candle");
  exhibit_id = g_strdup (km_gallery_view_get_exhibit_id (KM_GALLERY_VIEW (gallery)));
  g_assert_cmpstr (exhibit_id, ==, "candle");
  km_window_show_view (window, "timeline");
  g_assert_cmpuint (created, ==, 1);
  timeline = km_window_peek_view (window, "timeline");
  g_assert_true (KM_IS_TIMELINE_VIEW (timeline));
  gtk_widget_activate_action (timeline, "timeline.last", NULL);
  entry_id = g_strdup (km_timeline_view_get_selected_id (KM_TIMELINE_VIEW (timeline)));
  g_assert_nonnull (entry_id);
  km_test_wait_for_draw (GTK_WIDGET (window));

  /* Switching back and forth builds nothing more. */
  km_window_show_view (window, "gallery");
  km_window_show_view (window, "timeline");
  g_assert_cmpuint (created, ==, 1);
  g_assert_true (km_window_peek_view (window, "timeline") == timeline);

  /* A new language: the timeline is built again at once, in place (the
   * new one may reuse the old one's address: watch the old one go)...
   */
  g_object_add_weak_pointer (G_OBJECT (gallery), (gpointer *) &gallery);
  g_object_add_weak_pointer (G_OBJECT (timeline), (gpointer *) &timeline);
  km_application_set_language (app, "az");
  g_assert_cmpuint (created, ==, 2);
  g_assert_null (timeline);
  timeline = km_window_peek_view (window, "timeline");
  g_assert_true (KM_IS_TIMELINE_VIEW (timeline));
  g_assert_cmpstr (km_timeline_view_get_selected_id (KM_TIMELINE_VIEW (timeline)), ==, entry_id);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Xronologiya – Xocalı Xatirəsi");
  {
    GtkWidget *title = km_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE, NULL);

    /* Wide, the header shows the view switcher: no title tooltip over it. */
    g_assert_nonnull (title);
    g_assert_false (adw_view_switcher_title_get_title_visible (ADW_VIEW_SWITCHER_TITLE (title)));
    g_assert_false (gtk_widget_get_has_tooltip (title));
  }

  /* ...the hidden gallery is let go, and comes back where it was. */
  km_test_iterate (50);
  g_assert_null (gallery);
  g_assert_null (km_window_peek_view (window, "gallery"));
  km_window_show_view (window, "gallery");
  g_assert_cmpuint (created, ==, 3);
  gallery = km_window_peek_view (window, "gallery");
  g_assert_true (km_gallery_view_get_viewer_open (KM_GALLERY_VIEW (gallery)));
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (KM_GALLERY_VIEW (gallery)), ==, exhibit_id);

  /* km_window_get_view() builds on demand, as links between views need. */
  g_assert_nonnull (km_window_get_view (window, "statistics"));
  g_assert_cmpuint (created, ==, 4);

  /* A kiosk reset keeps only the visible view, back at its start. */
  km_window_reset_views (window);
  g_assert_true (km_window_peek_view (window, "gallery") == gallery);
  g_assert_false (km_gallery_view_get_viewer_open (KM_GALLERY_VIEW (gallery)));
  g_assert_null (km_window_peek_view (window, "timeline"));
  g_assert_null (km_window_peek_view (window, "statistics"));

  km_application_set_language (app, "en");
  gtk_window_destroy (GTK_WINDOW (window));
  km_test_iterate (50);
}

static gboolean
label_has_text (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), data);
}

/* Toast titles are markup in libadwaita 1.2; messages quote file names
 * ("a&b.png") and error text. */
static void
test_window_toast_plain (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window = km_test_window_new (app);
  GtkWidget *label;

  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));

  km_window_add_toast (window, "Cannot save “/tmp/a&b <i>.png”\n\xfd");
  km_test_iterate (100);
  label = km_test_find_widget_matching (GTK_WIDGET (window), label_has_text,
                                        "Cannot save “/tmp/a&b <i>.png” \xef\xbf\xbd");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));

  gtk_window_destroy (GTK_WINDOW (window));

  /* A new window: a second toast would wait for the first to time out. */
  window = km_test_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
  km_window_add_toast_with_action (window, "<span size='xx-large'>Ready</span>", "_Reload", "app.reload-content");
  km_test_iterate (100);
  g_assert_nonnull (km_test_find_widget_matching (GTK_WIDGET (window), label_has_text,
                                                  "<span size='xx-large'>Ready</span>"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_shortcuts (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window = km_test_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));

  /* Ctrl+2 and Ctrl+3 are bound to win.show-view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "timeline"));
  g_assert_cmpstr (km_window_get_visible_view (window), ==, "timeline");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "gallery"));
  g_assert_cmpstr (km_window_get_visible_view (window), ==, "gallery");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_size_saved (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  GSettings *settings = km_context_get_settings (km_application_get_context (app));
  KmWindow *window;

  g_assert_nonnull (settings);
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 650);

  window = km_test_window_new (app);
  {
    int width, height;
    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 650);
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
  gtk_window_close (GTK_WINDOW (window));
  km_test_iterate (50);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

static void
test_window_about_and_shortcuts (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window = km_test_window_new (app);
  GtkWindow *about, *shortcuts;
  g_autofree char *version = NULL;
  g_autofree char *debug_info = NULL;

  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_object_get (about, "version", &version, "debug-info", &debug_info, NULL);
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_nonnull (strstr (debug_info, "Language: en"));
  g_assert_nonnull (strstr (debug_info, "Content: bundled exhibition"));
  km_test_wait_for_draw (GTK_WIDGET (about));
  g_free (km_test_save_png (GTK_WIDGET (about), "about"));
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  gtk_window_destroy (shortcuts);

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkMenuButton *
find_menu_button (GtkWidget  *widget,
                  const char *icon_name)
{
  if (GTK_IS_MENU_BUTTON (widget) &&
      g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), icon_name) == 0)
    return GTK_MENU_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
dup_preferences_label (GtkMenuButton *button)
{
  g_autoptr(GMenuModel) section = NULL;
  char *label = NULL;

  section = g_menu_model_get_item_link (gtk_menu_button_get_menu_model (button), 1, G_MENU_LINK_SECTION);
  g_assert_nonnull (section);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));

  return label;
}

/* GTK 4.8 leaks the sections of the model a popover menu is built from
 * (#10): the main menu is built when it is opened, not on every language
 * switch; the language menu, in every language's own words, once.
 */
static void
test_window_menus (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window = km_test_window_new (app);
  GtkMenuButton *menu_button, *language_button;
  GMenuModel *languages;
  g_autofree char *english = NULL;
  g_autofree char *azerbaijani = NULL;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  km_application_set_language (app, "en");
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 720);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));

  menu_button = find_menu_button (GTK_WIDGET (window), "open-menu-symbolic");
  language_button = find_menu_button (GTK_WIDGET (window), "preferences-desktop-locale-symbolic");
  g_assert_nonnull (menu_button);
  g_assert_nonnull (language_button);
  /* Both menus are built when first opened. */
  g_assert_null (gtk_menu_button_get_popover (language_button));
  gtk_menu_button_popup (language_button);
  km_test_wait_for_draw (GTK_WIDGET (window));
  languages = gtk_menu_button_get_menu_model (language_button);
  g_assert_nonnull (languages);
  g_assert_cmpint (g_menu_model_get_n_items (languages), ==, 3);
  gtk_menu_button_popdown (language_button);

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (menu_button)));
  g_assert_null (gtk_menu_button_get_popover (menu_button));
  gtk_menu_button_popup (menu_button);
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (menu_button))));
  english = dup_preferences_label (menu_button);
  g_assert_cmpstr (english, ==, "_Preferences");
  gtk_menu_button_popdown (menu_button);

  km_application_set_language (app, "az");
  g_assert_null (gtk_menu_button_get_popover (menu_button));
  g_assert_true (gtk_menu_button_get_menu_model (language_button) == languages);
  gtk_menu_button_popup (menu_button);
  azerbaijani = dup_preferences_label (menu_button);
  g_assert_cmpstr (azerbaijani, !=, english);
  gtk_menu_button_popdown (menu_button);

  km_application_set_language (app, "en");
  gtk_window_destroy (GTK_WINDOW (window));
  km_test_iterate (50);
  g_assert_null (window);
}

static gulong
find_overlay_scrolling_handler (GtkSettings *settings,
                                gpointer     data)
{
  return g_signal_handler_find (settings, G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DETAIL | G_SIGNAL_MATCH_DATA,
                                g_signal_lookup ("notify", G_TYPE_OBJECT),
                                g_quark_from_static_string ("gtk-overlay-scrolling"),
                                NULL, NULL, data);
}

/* GTK 4.8 leaves a handler on GtkSettings behind for every scrolled
 * window ever realized; views are built again on every language switch
 * and kiosk reset (#10).
 */
static void
test_window_scrolled_window_handlers (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window = km_test_window_new (app);
  GtkSettings *settings;
  GtkWidget *scroller;
  GtkWidget *view;

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  km_application_set_language (app, "en");
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 720);
  gtk_window_present (GTK_WINDOW (window));
  km_window_show_view (window, "statistics");
  km_test_wait_for_draw (GTK_WIDGET (window));

  view = km_window_get_view (window, "statistics");
  scroller = g_object_ref (km_test_find_widget (view, GTK_TYPE_SCROLLED_WINDOW, NULL));
  settings = gtk_widget_get_settings (scroller);
  g_assert_true (gtk_widget_get_realized (scroller));
  g_assert_cmpuint (find_overlay_scrolling_handler (settings, scroller), !=, 0);

  /* A new language builds a new view: the old one's scrolled windows are
   * unrealized, and must leave nothing on the settings.
   */
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  km_application_set_language (app, "az");
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_null (view);
  g_assert_false (gtk_widget_get_realized (scroller));
  g_assert_cmpuint (find_overlay_scrolling_handler (settings, scroller), ==, 0);
  g_object_unref (scroller);

  km_application_set_language (app, "en");
  gtk_window_destroy (GTK_WINDOW (window));
  km_test_iterate (50);
  g_assert_null (window);
}

/* Under the cairo renderer GDK opens the display without OpenGL: on X11,
 * GTK 4.8 would otherwise load Mesa's llvmpipe (about 60 MB resident)
 * only to choose a visual (#10).
 */
static void
test_window_no_gl_under_cairo (void)
{
  g_autofree char *maps = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  g_assert_null (strstr (maps, "_dri.so"));
  g_assert_null (strstr (maps, "libLLVM"));
  g_assert_false (gdk_display_prepare_gl (gdk_display_get_default (), &error));
  g_assert_error (error, GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE);
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

  g_test_add_func ("/km/window/no-gl-under-cairo", test_window_no_gl_under_cairo);
  g_test_add_func ("/km/window/views", test_window_views);
  g_test_add_func ("/km/window/upload-memory-kept", test_window_upload_memory_kept);
  g_test_add_func ("/km/window/lazy-views", test_window_lazy_views);
  g_test_add_func ("/km/window/language-from-context", test_window_language_from_context);
  g_test_add_func ("/km/window/menus", test_window_menus);
  g_test_add_func ("/km/window/scrolled-window-handlers", test_window_scrolled_window_handlers);
  g_test_add_func ("/km/window/shortcuts", test_window_shortcuts);
  g_test_add_func ("/km/window/toast-plain", test_window_toast_plain);
  g_test_add_func ("/km/window/size-saved", test_window_size_saved);
  g_test_add_func ("/km/window/about-and-shortcuts", test_window_about_and_shortcuts);

  return g_test_run ();
}
