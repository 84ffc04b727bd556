/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "km-a11y-options.h"
#include "km-display.h"
#include "km-fake-clock.h"
#include "km-i18n.h"
#include "km-test-utils.h"

void
km_test_init (int    *argc,
              char ***argv)
{
  /* As main() does: a real locale, our catalogs, no stray LANGUAGE;
   * no OpenGL under the cairo renderer. */
  km_i18n_init ();
  km_display_prepare ();
  gtk_test_init (argc, argv, NULL);
  /* gtk_test_init() forces the C locale; put a real one back. */
  km_i18n_init ();
}

/* A non-unique instance that has run its startup, as the real one has
 * by the time it creates a window.
 */
KmApplication *
km_test_application_new (void)
{
  return km_test_application_new_for_context (NULL);
}

/**
 * km_test_window_new:
 *
 * Returns: (transfer none): a desktop window of @app, on the gallery
 */
KmWindow *
km_test_window_new (KmApplication *app)
{
  return km_window_new (GTK_APPLICATION (app), km_application_get_context (app), NULL);
}

/**
 * km_test_context_new:
 * @clock: (nullable): the clock, e.g. a #KmFakeClock; %NULL for the main loop's
 *
 * Returns: (transfer full): a context on the memory settings backend
 *   (GSETTINGS_BACKEND=memory) with an empty content store
 */
KmContext *
km_test_context_new (KmClock  *clock,
                     gboolean  kiosk)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  return km_context_new (settings, NULL, clock, kiosk);
}

/**
 * km_test_application_new_for_context:
 * @context: (nullable): what the application hands its views and kiosk;
 *   %NULL for one it builds itself
 *
 * Returns: (transfer full): a registered, non-unique application, its
 *   content loaded
 */
KmApplication *
km_test_application_new_for_context (KmContext *context)
{
  g_autoptr(GError) error = NULL;
  KmApplication *app = g_object_new (KM_TYPE_APPLICATION,
                                     "application-id", APPLICATION_ID,
                                     "flags", G_APPLICATION_NON_UNIQUE,
                                     "resource-base-path", RESOURCE_BASE,
                                     "context", context,
                                     NULL);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  return app;
}

/* The sanitizer run walks the same code paths as the normal one, with
 * fewer repetitions of what is only there for people to look at (the
 * screenshot matrix in every language) or for sheer breadth (every 40 px
 * of width): it is several times slower and CI has a budget.
 */
gboolean
km_test_is_sanitized (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
  return TRUE;
# else
  return FALSE;
# endif
#else
  return FALSE;
#endif
}

/**
 * km_test_find_widget_matching:
 * @matches: says whether a widget is the one
 *
 * Returns: (transfer none) (nullable): @root or the first descendant,
 *   depth first, that @matches
 */
GtkWidget *
km_test_find_widget_matching (GtkWidget  *root,
                              gboolean  (*matches) (GtkWidget *widget, gconstpointer data),
                              gconstpointer data)
{
  if (matches (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = km_test_find_widget_matching (child, matches, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GType       type;
  const char *css_class;
} TypeAndClass;

static gboolean
has_type_and_class (GtkWidget     *widget,
                    gconstpointer  data)
{
  const TypeAndClass *wanted = data;

  return G_TYPE_CHECK_INSTANCE_TYPE (widget, wanted->type) &&
         (wanted->css_class == NULL || gtk_widget_has_css_class (widget, wanted->css_class));
}

/**
 * km_test_find_widget:
 * @css_class: (nullable): a style class the widget must have too
 *
 * Returns: (transfer none) (nullable): @root or the first descendant, depth
 *   first, of @type
 */
GtkWidget *
km_test_find_widget (GtkWidget  *root,
                     GType       type,
                     const char *css_class)
{
  TypeAndClass wanted = { type, css_class };

  return km_test_find_widget_matching (root, has_type_and_class, &wanted);
}

void
km_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

typedef struct
{
  gboolean drawn;
} DrawData;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   DrawData      *data)
{
  data->drawn = TRUE;
}

static gboolean
is_drawn (gpointer user_data)
{
  return ((DrawData *) user_data)->drawn;
}

void
km_test_wait_for_draw (GtkWidget *widget)
{
  DrawData data = { FALSE };
  GdkFrameClock *clock;
  gulong id;

  if (!gtk_widget_get_mapped (widget))
    g_assert_true (km_test_wait_until ((gboolean (*) (gpointer)) gtk_widget_get_mapped, widget, 20000));

  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &data);
  gtk_widget_queue_draw (widget);
  g_assert_true (km_test_wait_until (is_drawn, &data, 20000));
  g_signal_handler_disconnect (clock, id);
}

gboolean
km_test_wait_until (gboolean (*predicate) (gpointer),
                    gpointer   data,
                    guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}

/* Renders @widget as it is on screen and saves it under the build dir so
 * people can look at it. Returns the path.
 */
char *
km_test_save_png (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("KM_TEST_OUTPUT_DIR");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/%s.png", dir, name);

  /* A window that has not drawn since it was shown or resized has nothing
   * to give yet; a slow (sanitizer) build can get here first.
   */
  for (guint attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        km_test_wait_for_draw (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));

  return g_steal_pointer (&path);
}

/**
 * km_test_kiosk_set_up:
 * @pin_hash: (nullable): the staff PIN's hash, or %NULL for none
 * @language: the kiosk's language, which it starts in
 */
void
km_test_kiosk_set_up (KmTestKiosk *kiosk,
                      const char  *pin_hash,
                      const char  *language)
{
  g_autoptr(KmContext) context = NULL;
  GSettings *settings;

  kiosk->clock = km_fake_clock_new ();
  context = km_test_context_new (kiosk->clock, TRUE);
  settings = km_context_get_settings (context);
  g_settings_set_string (settings, "kiosk-pin-hash", pin_hash != NULL ? pin_hash : "");
  g_settings_set_string (settings, "kiosk-language", language);
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);
  /* The memory backend keeps values between tests in one process. */
  g_settings_reset (settings, "kiosk-opening-time");
  g_settings_reset (settings, "kiosk-closing-time");
  kiosk->app = km_test_application_new_for_context (context);
  km_application_set_language (kiosk->app, language);

  /* As the program starts: the application builds the window and makes it a kiosk. */
  g_application_activate (G_APPLICATION (kiosk->app));
  kiosk->window = KM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (kiosk->app)));
  g_object_add_weak_pointer (G_OBJECT (kiosk->window), (gpointer *) &kiosk->window);
  km_test_wait_for_draw (GTK_WIDGET (kiosk->window));

  kiosk->kiosk = km_kiosk_controller_get_for_window (kiosk->window);
  g_assert_nonnull (kiosk->kiosk);
}

void
km_test_kiosk_tear_down (KmTestKiosk *kiosk)
{
  /* The next test starts with the desktop's text size and contrast. */
  km_a11y_options_reset (km_a11y_options_get_default ());
  /* gtk_window_destroy() skips the close request a kiosk refuses. */
  if (kiosk->window != NULL)
    gtk_window_destroy (GTK_WINDOW (kiosk->window));
  km_test_iterate (20);
  g_assert_null (kiosk->window);

  g_settings_reset (km_context_get_settings (km_application_get_context (kiosk->app)), "window-width");
  g_settings_reset (km_context_get_settings (km_application_get_context (kiosk->app)), "window-height");
  g_clear_object (&kiosk->clock);
  g_clear_object (&kiosk->app);
}

/* Moves the fake clock on, then lets the main loop catch up. */
void
km_test_kiosk_advance (KmTestKiosk *kiosk,
                       guint        seconds)
{
  km_fake_clock_advance (KM_FAKE_CLOCK (kiosk->clock), seconds * 1000);
  km_test_iterate (20);
}
