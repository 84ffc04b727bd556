/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "km-exhibit.h"
#include "km-i18n.h"
#include "km-content-updater.h"
#include "km-pack-dir.h"
#include "km-pack-manifest.h"
#include "km-test-utils.h"
#include "km-window.h"

/* Runs the application as main() does, with @args, and hands the first
 * window to @check before closing it.
 */
typedef void (*CheckFunc) (KmApplication *app,
                           KmWindow      *window);

/* Whether the store held its content when the first frame was painted. */
static int loaded_at_first_frame = -1;
/* How long the main thread waits before its first frame, letting a
 * worker finish first. */
static guint sleep_before_first_frame_ms;

static void
on_first_frame_cb (GdkFrameClock *clock,
                   KmContentStore *store)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_frame_cb, store);
  loaded_at_first_frame = km_content_store_is_loaded (store);
}

static void
on_activate_cb (GApplication *app,
                CheckFunc     check)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  KmContentStore *store = km_context_get_store (km_application_get_context (KM_APPLICATION (app)));

  g_assert_true (KM_IS_WINDOW (window));
  loaded_at_first_frame = -1;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (on_first_frame_cb), store);
  g_usleep (sleep_before_first_frame_ms * 1000);
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpint (loaded_at_first_frame, !=, -1);
  check (KM_APPLICATION (app), KM_WINDOW (window));
  gtk_window_destroy (window);
}

static int
run_app (CheckFunc   check,
         const char *first_arg,
         ...)
{
  g_autoptr(KmApplication) app = km_application_new (G_APPLICATION_NON_UNIQUE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;

  g_ptr_array_add (argv, (gpointer) "khojaly-memorial");
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), check);

  return g_application_run (G_APPLICATION (app), argv->len, (char **) argv->pdata);
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "content", name, NULL);
}

static void
check_bad_pack (KmApplication *app,
                KmWindow      *window)
{
  GPtrArray *errors = km_context_get_content_errors (km_application_get_context (app));
  GListModel *exhibits = km_content_store_get_exhibits (km_context_get_store (km_application_get_context (app)));

  /* The errors are kept and shown; the bundled exhibition is shown instead. */
  g_assert_nonnull (errors);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_true (km_window_get_showing_content_errors (window));
  g_assert_cmpuint (g_list_model_get_n_items (exhibits), >=, 16);
  g_free (km_test_save_png (GTK_WIDGET (window), "app-content-errors"));
}

static void
test_app_bad_content_pack (void)
{
  g_autofree char *dir = fixture ("invalid/unknown-element");
  g_autofree char *option = g_strdup_printf ("--content=%s", dir);

  if (g_test_subprocess ())
    {
      g_assert_cmpint (run_app (check_bad_pack, option, NULL), ==, 0);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* Each error names the file, line and column on stderr. */
  g_test_trap_assert_stderr ("*exhibits.xml:*:*:*");
  g_test_trap_assert_stderr ("*showing the bundled exhibition instead*");
}

static void
check_good_pack (KmApplication *app,
                 KmWindow      *window)
{
  GListModel *exhibits = km_content_store_get_exhibits (km_context_get_store (km_application_get_context (app)));

  g_assert_null (km_context_get_content_errors (km_application_get_context (app)));
  g_assert_false (km_window_get_showing_content_errors (window));
  /* The small valid pack, not the bundled exhibition. */
  g_assert_cmpuint (g_list_model_get_n_items (exhibits), <, 16);
  g_assert_cmpuint (g_list_model_get_n_items (exhibits), >, 0);
}

static void
test_app_good_content_pack (void)
{
  g_autofree char *dir = fixture ("valid");
  g_autofree char *option = g_strdup_printf ("--content=%s", dir);

  g_assert_cmpint (run_app (check_good_pack, option, NULL), ==, 0);
}

/* A large pack (#19): generated once per process into a temporary folder. */
static char *
large_pack (guint broken)
{
  g_autofree char *script = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "gen-content-pack.py", NULL);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("km-app-large-XXXXXX", &error);
  const char *argv[] = { "python3", script, "--exhibits", "200", "--entries", "40", dir, NULL };
  int status;

  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  if (broken > 0)
    {
      g_autofree char *image = g_strdup_printf ("%s/images/ex-%05u.svg", dir, broken);

      g_assert_true (g_file_set_contents (image, "not an image", -1, NULL));
    }
  return dir;
}

static gboolean
is_loading_page (GtkWidget     *widget,
                 gconstpointer  data)
{
  /* In the language shown: a kiosk starts in its own. */
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)),
                    g_dgettext (GETTEXT_PACKAGE, "Loading the Exhibition…")) == 0;
}

static gboolean
is_store_loaded (gpointer data)
{
  return km_content_store_is_loaded (data);
}

static gboolean
has_content_errors (gpointer data)
{
  return km_context_get_content_errors (data) != NULL;
}

/* The window is shown at once, the gallery saying that the pack loads
 * until it has (even a pack parsed before the first frame waits for it);
 * then the pack's 200 exhibits, no errors.
 */
static void
check_large_pack (KmApplication *app,
                  KmWindow      *window)
{
  KmContext *context = km_application_get_context (app);
  KmContentStore *store = km_context_get_store (context);
  GtkWidget *loading = km_test_find_widget_matching (GTK_WIDGET (window), is_loading_page, NULL);

  g_assert_nonnull (loading);
  g_assert_cmpint (loaded_at_first_frame, ==, FALSE);
  g_assert_cmpint (gtk_widget_get_mapped (loading), ==, km_content_store_get_loading (store));
  g_assert_cmpint (km_content_store_get_loading (store), ==, !km_content_store_is_loaded (store));

  g_assert_true (km_test_wait_until (is_store_loaded, store, 60000));
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (km_content_store_get_loading (store));
  g_assert_false (gtk_widget_get_mapped (loading));
  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_exhibits (store)), ==, 200);
  g_assert_nonnull (km_content_store_lookup_exhibit (store, "ex-00199"));
  g_assert_null (km_context_get_content_errors (context));
  g_assert_false (km_window_get_showing_content_errors (window));
  g_free (km_test_save_png (GTK_WIDGET (window), "app-large-pack"));
}

static void
test_app_large_pack (void)
{
  g_autofree char *dir = large_pack (0);
  g_autofree char *option = g_strdup_printf ("--content=%s", dir);
  g_autoptr(GFile) file = g_file_new_for_path (dir);

  /* 200 exhibits parse in a fraction of this: the pack is ready, and
   * still waits for the first frame. */
  sleep_before_first_frame_ms = 2000;
  g_assert_cmpint (run_app (check_large_pack, option, NULL), ==, 0);
  sleep_before_first_frame_ms = 0;
  km_pack_dir_remove_tree (file);
}

/* A large pack that fails keeps today's behaviour, only later: the
 * bundled exhibition, and the banner with the error.
 */
static void
check_large_bad_pack (KmApplication *app,
                      KmWindow      *window)
{
  KmContext *context = km_application_get_context (app);
  KmContentStore *store = km_context_get_store (context);
  GPtrArray *errors;

  g_assert_true (km_test_wait_until (has_content_errors, context, 60000));
  km_test_wait_for_draw (GTK_WIDGET (window));
  errors = km_context_get_content_errors (context);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_true (km_content_store_is_loaded (store));
  g_assert_null (km_content_store_lookup_exhibit (store, "ex-00007"));
  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_exhibits (store)), >=, 16);
  g_assert_true (km_window_get_showing_content_errors (window));
  g_free (km_test_save_png (GTK_WIDGET (window), "app-large-pack-errors"));
}

static void
test_app_large_bad_pack (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *option = NULL;

  if (g_test_subprocess ())
    {
      dir = large_pack (7);
      option = g_strdup_printf ("--content=%s", dir);
      g_assert_cmpint (run_app (check_large_bad_pack, option, NULL), ==, 0);
      {
        g_autoptr(GFile) file = g_file_new_for_path (dir);

        km_pack_dir_remove_tree (file);
      }
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*exhibits.xml:*:*: image “images/ex-00007.svg” of exhibit “ex-00007” does not decode*");
  g_test_trap_assert_stderr ("*showing the bundled exhibition instead*");
}

/* A large pack installed as the updater leaves it: a copy below a new
 * base folder, its manifest, the link "active"; with @broken, that
 * exhibit's image differs from the manifest. Returns the base folder.
 */
static char *
installed_large_pack (guint broken)
{
  g_autofree char *dir = large_pack (0);
  g_autofree char *base = g_dir_make_tmp ("km-app-installed-XXXXXX", NULL);
  g_autofree char *pack = g_build_filename (base, "pack-1-test", NULL);
  g_autofree char *link = g_build_filename (base, "active", NULL);
  g_autofree char *manifest_path = g_build_filename (pack, KM_PACK_MANIFEST_NAME, NULL);
  g_autoptr(GFile) pack_file = g_file_new_for_path (pack);
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_nonnull (base);
  g_assert_cmpint (g_rename (dir, pack), ==, 0);
  manifest = km_pack_manifest_new_for_dir (pack_file, 1, &error);
  g_assert_no_error (error);
  data = km_pack_manifest_to_data (manifest, &length);
  g_assert_true (g_file_set_contents (manifest_path, data, length, NULL));
  g_assert_cmpint (symlink ("pack-1-test", link), ==, 0);
  if (broken > 0)
    {
      g_autofree char *image = g_strdup_printf ("%s/images/ex-%05u.svg", pack, broken);

      g_assert_true (g_file_set_contents (image, "not an image", -1, NULL));
    }
  return g_steal_pointer (&base);
}

static gboolean
is_store_loaded_and_shown (gpointer data)
{
  KmContentStore *store = data;

  return km_content_store_is_loaded (store) && !km_content_store_get_loading (store);
}

/* A kiosk started on an installed pack (test_app_installed_large_pack())
 * shows its first frame before the pack is verified and loaded (#19): the
 * loading page, never other content. Waits until the store holds what
 * the start loaded, shown, and returns it.
 */
static KmContentStore *
wait_for_installed_pack (KmApplication *app,
                         KmWindow      *window)
{
  KmContentStore *store = km_context_get_store (km_application_get_context (app));
  g_autoptr(GtkWidget) loading = km_test_find_widget_matching (GTK_WIDGET (window), is_loading_page, NULL);

  g_assert_cmpint (loaded_at_first_frame, ==, FALSE);
  g_assert_nonnull (loading);
  /* Even if the view is built again meanwhile. */
  g_object_ref (loading);
  g_assert_cmpint (gtk_widget_get_mapped (loading), ==, km_content_store_get_loading (store));
  g_assert_true (km_test_wait_until (is_store_loaded_and_shown, store, 60000));
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_mapped (loading));
  return store;
}

/* A large installed pack: the pack, the version the updater reports. */
static void
check_installed_large_pack (KmApplication *app,
                            KmWindow      *window)
{
  KmContext *context = km_application_get_context (app);
  KmContentStore *store = wait_for_installed_pack (app, window);

  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_exhibits (store)), ==, 200);
  g_assert_nonnull (km_content_store_lookup_exhibit (store, "ex-00199"));
  g_assert_cmpint (km_content_updater_get_shown_version (km_context_get_updater (context)), ==, 1);
  g_assert_null (km_context_get_content_errors (context));
}

/* One whose file no longer matches its manifest: the loading page, then
 * the bundled exhibition (no previous pack), the version 0.
 */
static void
check_installed_bad_pack (KmApplication *app,
                          KmWindow      *window)
{
  KmContext *context = km_application_get_context (app);
  KmContentStore *store = wait_for_installed_pack (app, window);

  g_assert_null (km_content_store_lookup_exhibit (store, "ex-00007"));
  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_exhibits (store)), >=, 16);
  g_assert_cmpint (km_content_updater_get_shown_version (km_context_get_updater (context)), ==, 0);
}

static void
test_app_installed_large_pack (gconstpointer data)
{
  guint broken = GPOINTER_TO_UINT (data);

  if (g_test_subprocess ())
    {
      g_autofree char *base = installed_large_pack (broken);
      g_autoptr(GFile) base_file = g_file_new_for_path (base);

      g_setenv ("KM_DATA_DIR", base, TRUE);
      g_assert_cmpint (run_app (broken ? check_installed_bad_pack : check_installed_large_pack,
                                "--kiosk", NULL), ==, 0);
      km_pack_dir_remove_tree (base_file);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  if (broken)
    {
      g_test_trap_assert_stderr ("*“images/ex-00007.svg” does not match the manifest*");
      g_test_trap_assert_stderr ("*no installed content pack loads; showing the bundled exhibition*");
    }
}

static void
check_statistics_in_az (KmApplication *app,
                        KmWindow      *window)
{
  g_assert_cmpstr (km_window_get_visible_view (window), ==, "statistics");
  g_assert_cmpstr (km_i18n_get_language (), ==, "az");
  g_assert_cmpstr (km_i18n_get_language (), ==, "az");
}

static void
test_app_view_and_language_options (void)
{
  g_assert_cmpint (run_app (check_statistics_in_az, "--view=statistics", "--language=az", NULL), ==, 0);
  km_i18n_set_language ("en", NULL);
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

  g_test_add_func ("/km/app/bad-content-pack", test_app_bad_content_pack);
  g_test_add_func ("/km/app/good-content-pack", test_app_good_content_pack);
  g_test_add_func ("/km/app/large-content-pack", test_app_large_pack);
  g_test_add_func ("/km/app/large-bad-content-pack", test_app_large_bad_pack);
  g_test_add_data_func ("/km/app/installed-large-pack-kiosk", GUINT_TO_POINTER (0), test_app_installed_large_pack);
  g_test_add_data_func ("/km/app/installed-bad-large-pack-kiosk", GUINT_TO_POINTER (7), test_app_installed_large_pack);
  g_test_add_func ("/km/app/view-and-language-options", test_app_view_and_language_options);

  return g_test_run ();
}
