/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "km-a11y-options.h"
#include "km-display.h"
#include "km-fake-clock.h"
#include "km-i18n.h"
#include "km-kiosk-attract.h"
#include "km-kiosk-countdown.h"
#include "km-test-utils.h"

static char *visit_log_dir;

static void
remove_visit_log_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (visit_log_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (visit_log_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (visit_log_dir);
  g_clear_pointer (&visit_log_dir, g_free);
}

/* A kiosk's visit figures go to a file of this process, never to the
 * user's data folder (KM_VISIT_LOG, km_visit_log_dup_default_path()). */
static void
use_own_visit_log (void)
{
  g_autofree char *path = NULL;

  if (visit_log_dir != NULL || g_getenv ("KM_VISIT_LOG") != NULL)
    return;
  visit_log_dir = g_dir_make_tmp ("km-test-visits-XXXXXX", NULL);
  g_assert_nonnull (visit_log_dir);
  path = g_build_filename (visit_log_dir, "visits.ini", NULL);
  g_setenv ("KM_VISIT_LOG", path, TRUE);
  atexit (remove_visit_log_dir);
}

void
km_test_init (int    *argc,
              char ***argv)
{
  /* As main() does: a real locale, our catalogs, no stray LANGUAGE;
   * no OpenGL under the cairo renderer. */
  km_i18n_init ();
  km_display_prepare ();
  gtk_test_init (argc, argv, NULL);
  use_own_visit_log ();
  /* gtk_test_init() forces the C locale; put a real one back. */
  km_i18n_init ();
}

/* Handles @options, as g_application_run() does before the startup, and
 * registers @app, which runs the startup.
 */
static void
start_application (KmApplication *app,
                   GVariantDict  *options)
{
  g_autoptr(GError) error = NULL;

  if (options != NULL)
    {
      int status = 0;

      g_signal_emit_by_name (app, "handle-local-options", options, &status);
      /* -1: go on and run. */
      g_assert_cmpint (status, ==, -1);
    }

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
}

static KmApplication *
new_application (KmContext    *context,
                 GVariantDict *options)
{
  KmApplication *app = g_object_new (KM_TYPE_APPLICATION,
                                     "application-id", APPLICATION_ID,
                                     "flags", G_APPLICATION_NON_UNIQUE,
                                     "resource-base-path", RESOURCE_BASE,
                                     "context", context,
                                     NULL);

  start_application (app, options);
  return app;
}

/* A non-unique instance that has run its startup, as the real one has
 * by the time it creates a window.
 */
KmApplication *
km_test_application_new (void)
{
  return km_test_application_new_with_options (NULL);
}

/**
 * km_test_application_new_with_options:
 * @options: (nullable): command-line options, as GApplication hands them
 *   to handle-local-options, e.g. {"kiosk": true, "language": "id"}
 *
 * Like km_test_application_new(), with the options handled first, as
 * g_application_run() does before the startup.
 */
KmApplication *
km_test_application_new_with_options (GVariantDict *options)
{
  return new_application (NULL, options);
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
  return new_application (context, NULL);
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

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/**
 * km_test_find_all_widgets:
 *
 * Returns: (transfer container) (element-type GtkWidget): @root and its
 *   descendants of @type, depth first, in the order they are drawn
 */
GPtrArray *
km_test_find_all_widgets (GtkWidget *root,
                          GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (root, type, found);

  return found;
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

/* Renders @widget as it is on screen and saves it under the build dir so
 * people can look at it. Returns the path.
 */
static double
channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * channel (c->red) + 0.7152 * channel (c->green) + 0.0722 * channel (c->blue);
}

/* WCAG 2.x contrast ratio, 1 to 21. */
double
km_test_contrast (const GdkRGBA *a,
                  const GdkRGBA *b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* The colour at (@x, @y) of a screenshot km_test_save_png() wrote. */
GdkRGBA
km_test_png_pixel (const char *png,
                   int         x,
                   int         y)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (png, &error);
  const guchar *p;

  g_assert_no_error (error);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, gdk_pixbuf_get_width (pixbuf));
  g_assert_cmpint (y, <, gdk_pixbuf_get_height (pixbuf));
  p = gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * gdk_pixbuf_get_n_channels (pixbuf);

  return (GdkRGBA) { p[0] / 255.0, p[1] / 255.0, p[2] / 255.0, 1.0 };
}

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
  km_test_kiosk_set_up_with_options (kiosk, pin_hash, language, NULL);
}

/**
 * km_test_kiosk_set_up_with_options:
 * @language: the kiosk-language setting
 * @options: (nullable): command-line options (see
 *   km_test_application_new_with_options()); with them the kiosk starts
 *   as the options say, without them in @language
 */
void
km_test_kiosk_set_up_with_options (KmTestKiosk  *kiosk,
                                   const char   *pin_hash,
                                   const char   *language,
                                   GVariantDict *options)
{
  g_autoptr(KmContext) context = NULL;
  GSettings *settings;

  kiosk->clock = km_fake_clock_new ();
  /* Without options a kiosk; with them, as they say. */
  context = km_test_context_new (kiosk->clock, options == NULL);
  settings = km_context_get_settings (context);
  g_settings_set_string (settings, "kiosk-pin-hash", pin_hash != NULL ? pin_hash : "");
  g_settings_set_string (settings, "kiosk-language", language);
  g_settings_set_int (settings, "window-width", 1280);
  g_settings_set_int (settings, "window-height", 800);
  /* The memory backend keeps values between tests in one process. */
  g_settings_reset (settings, "kiosk-opening-time");
  g_settings_reset (settings, "kiosk-closing-time");
  g_settings_reset (settings, "visit-figures");
  g_settings_reset (settings, "visit-export-folder");
  /* The startup reads the settings: set them first. */
  kiosk->app = new_application (context, options);
  if (options == NULL)
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
  /* The next kiosk of this process starts with no visit figures. */
  if (g_getenv ("KM_VISIT_LOG") != NULL)
    g_unlink (g_getenv ("KM_VISIT_LOG"));
}

/* Moves the fake clock on, then lets the main loop catch up. */
void
km_test_kiosk_advance (KmTestKiosk *kiosk,
                       guint        seconds)
{
  km_fake_clock_advance (KM_FAKE_CLOCK (kiosk->clock), seconds * 1000);
  km_test_iterate (20);
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              guint32       length)
{
  guint32 be = GUINT32_TO_BE (length);
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  /* crc32 (crc, NULL, 0) starts over: IEND has no data. */
  if (length > 0)
    crc = crc32 (crc, data, length);
  g_byte_array_append (png, (guint8 *) &be, 4);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (png, data, length);
  be = GUINT32_TO_BE ((guint32) crc);
  g_byte_array_append (png, (guint8 *) &be, 4);
}

/**
 * km_test_make_png:
 *
 * A complete, valid black PNG of @width × @height pixels, 1 bit grey, so
 * small on disk (30000 × 30000 is about 110 KB) and huge when decoded: the
 * pixel bomb of issue #16.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
km_test_make_png (guint32 width,
                  guint32 height)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GByteArray) idat = g_byte_array_new ();
  g_autofree guint8 *row = g_malloc0 (1 + (width + 7) / 8);   /* filter 0, then zeros */
  guint8 out[64 * 1024];
  guint8 ihdr[13];
  z_stream zs = { 0 };
  guint32 be;

  be = GUINT32_TO_BE (width);
  memcpy (ihdr, &be, 4);
  be = GUINT32_TO_BE (height);
  memcpy (ihdr + 4, &be, 4);
  ihdr[8] = 1;     /* bit depth */
  ihdr[9] = 0;     /* grey */
  ihdr[10] = ihdr[11] = ihdr[12] = 0;

  g_assert_cmpint (deflateInit (&zs, Z_BEST_COMPRESSION), ==, Z_OK);
  for (guint32 y = 0; y <= height; y++)
    {
      int flush = y == height ? Z_FINISH : Z_NO_FLUSH;

      zs.next_in = row;
      zs.avail_in = y == height ? 0 : 1 + (width + 7) / 8;
      do
        {
          int ret;

          zs.next_out = out;
          zs.avail_out = sizeof out;
          ret = deflate (&zs, flush);
          g_assert_true (ret == Z_OK || ret == Z_STREAM_END || ret == Z_BUF_ERROR);
          g_byte_array_append (idat, out, sizeof out - zs.avail_out);
        }
      while (zs.avail_out == 0);
    }
  deflateEnd (&zs);

  g_byte_array_append (png, signature, sizeof signature);
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT", idat->data, idat->len);
  append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

/* A kiosk screen as the visitor sees it: the topmost widget of @type (and
 * @css_class) in the window, or %NULL when none is shown.
 */
GtkWidget *
km_test_kiosk_find (KmTestKiosk *kiosk,
                    GType        type,
                    const char  *css_class)
{
  return km_test_find_widget (GTK_WIDGET (kiosk->window), type, css_class);
}

/**
 * km_test_kiosk_get_state:
 *
 * Returns: the kiosk's state as a visitor sees it: the attract screen,
 *   the countdown, or neither (a visit)
 */
KmKioskIdleState
km_test_kiosk_get_state (KmTestKiosk *kiosk)
{
  if (km_test_kiosk_find (kiosk, KM_TYPE_KIOSK_ATTRACT, NULL) != NULL)
    return KM_KIOSK_IDLE_STATE_ATTRACT;
  if (km_test_kiosk_find (kiosk, KM_TYPE_KIOSK_COUNTDOWN, NULL) != NULL)
    return KM_KIOSK_IDLE_STATE_COUNTDOWN;
  return KM_KIOSK_IDLE_STATE_ACTIVE;
}

/**
 * km_test_visitor_input:
 *
 * Someone is at the kiosk: a scroll, as a visitor's wheel or touchpad
 * sends it, reaches @window's input controllers.
 */
void
km_test_visitor_input (KmWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        continue;
      g_signal_emit_by_name (controller, "scroll", 0.0, 1.0, &handled);
      found = TRUE;
    }
  g_assert_true (found);
}

/**
 * km_test_kiosk_begin_visit:
 *
 * A visitor touches the attract screen: the visit begins.
 */
void
km_test_kiosk_begin_visit (KmTestKiosk *kiosk)
{
  GtkWidget *attract = km_test_kiosk_find (kiosk, KM_TYPE_KIOSK_ATTRACT, NULL);

  g_assert_nonnull (attract);
  g_signal_emit_by_name (attract, "begin");
  g_assert_null (km_test_kiosk_find (kiosk, KM_TYPE_KIOSK_ATTRACT, NULL));
}
