/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the first frame does not pay for (#10). */
#include "config.h"

#include <string.h>

#include "km-gallery-view.h"
#include "km-svg.h"
#include "km-test-utils.h"
#include "km-thumbnail-loader.h"
#include "km-window.h"

static gboolean
librsvg_is_mapped (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "librsvg-2.so") != NULL;
}

/* librsvg is opened by the first SVG, not at start, and draws it as before. */
static void
test_startup_svg_on_demand (void)
{
  g_autoptr(GFile) file = g_file_new_for_uri ("resource://" RESOURCE_BASE "/content/images/candle.svg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  RsvgHandle *handle;
  g_autofree guchar *pixels = NULL;
  double width = 0, height = 0;
  guint opaque = 0;

  g_assert_false (librsvg_is_mapped ());

  texture = km_image_render_texture (file, 200, 200, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (librsvg_is_mapped ());

  handle = km_svg_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (km_svg_get_size (handle, &width, &height));
  g_assert_cmpfloat (width, >, 0);
  g_assert_cmpfloat (height, >, 0);
  g_object_unref (handle);

  /* Fitted into 200 × 200 with the document's aspect ratio. */
  g_assert_cmpint (MAX (gdk_texture_get_width (texture), gdk_texture_get_height (texture)), ==, 200);
  g_assert_cmpfloat_with_epsilon (gdk_texture_get_width (texture) / (double) gdk_texture_get_height (texture),
                                  width / height, 0.02);

  pixels = g_malloc ((gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4);
  gdk_texture_download (texture, pixels, gdk_texture_get_width (texture) * 4);
  for (gsize i = 3; i < (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4; i += 4)
    if (pixels[i] == 0xff)
      opaque++;
  g_assert_cmpuint (opaque, >, 200 * 100);
}

static GtkStack *
find_stack_showing (GtkWidget  *root,
                    const char *page)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found;

      if (GTK_IS_STACK (child) && gtk_stack_get_child_by_name (GTK_STACK (child), page) != NULL)
        return GTK_STACK (child);
      if ((found = find_stack_showing (child, page)) != NULL)
        return found;
    }

  return NULL;
}

/* A homogeneous GtkStack measures every page: the empty-state pages would
 * be laid out, fonts and all, before the gallery's first frame, and the
 * viewer is not even built until an exhibit is opened. Only the visible
 * page counts, and the viewer still fits the narrowest window without
 * growing it.
 */
static void
test_startup_gallery_measures_visible_page (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window = km_test_window_new (app);
  GtkWidget *gallery;
  GtkStack *stacks[2];
  int width;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));

  gallery = km_window_get_view (window, "gallery");
  width = gtk_widget_get_width (GTK_WIDGET (window));
  /* The main stack has its grid page; the viewer page comes later. */
  stacks[0] = find_stack_showing (gallery, "grid");
  stacks[1] = find_stack_showing (gallery, "no-match");
  g_assert_null (find_stack_showing (gallery, "viewer"));
  for (guint i = 0; i < G_N_ELEMENTS (stacks); i++)
    {
      g_assert_nonnull (stacks[i]);
      g_assert_false (gtk_stack_get_hhomogeneous (stacks[i]));
      g_assert_false (gtk_stack_get_vhomogeneous (stacks[i]));
    }

  km_gallery_view_open_exhibit (KM_GALLERY_VIEW (gallery), "candle");
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (km_gallery_view_get_viewer_open (KM_GALLERY_VIEW (gallery)));
  g_assert_true (find_stack_showing (gallery, "viewer") == stacks[0]);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);

  km_gallery_view_close_viewer (KM_GALLERY_VIEW (gallery));
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);

  gtk_window_destroy (GTK_WINDOW (window));
  km_test_iterate (50);
}

/* Start-up loads the icon theme again off the main thread once libadwaita
 * has added its icons (km-application.c): it must end up with every
 * resource path, the application's own icon and libadwaita's included.
 */
static void
test_startup_icon_theme (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_auto(GStrv) paths = gtk_icon_theme_get_resource_path (theme);

  g_assert_true (g_strv_contains ((const char * const *) paths, RESOURCE_BASE "/icons/"));
  g_assert_true (g_strv_contains ((const char * const *) paths, "/org/gnome/Adwaita/icons"));
  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));
  g_assert_true (gtk_icon_theme_has_icon (theme, "open-menu-symbolic"));
  g_assert_false (gtk_icon_theme_has_icon (theme, "km-no-such-icon"));
}

static gboolean
loader_decoded (gpointer loader)
{
  return km_thumbnail_loader_get_n_decoded (loader) > 0;
}

/* The first window's first frame comes before any thumbnail decodes;
 * then they all do.
 */
static void
test_startup_thumbnails_after_first_frame (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmThumbnailLoader *loader = km_thumbnail_loader_get_default ();
  GtkWindow *window;

  km_thumbnail_loader_clear (loader);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  g_assert_true (km_thumbnail_loader_get_held (loader));

  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (km_thumbnail_loader_get_held (loader));
  g_assert_true (km_test_wait_until (loader_decoded, loader, 10000));

  gtk_window_destroy (window);
  km_test_iterate (50);
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

  /* First: nothing may have opened librsvg yet. */
  g_test_add_func ("/km/startup/svg-on-demand", test_startup_svg_on_demand);
  g_test_add_func ("/km/startup/gallery-measures-visible-page", test_startup_gallery_measures_visible_page);
  g_test_add_func ("/km/startup/icon-theme", test_startup_icon_theme);
  g_test_add_func ("/km/startup/thumbnails-after-first-frame", test_startup_thumbnails_after_first_frame);

  return g_test_run ();
}
