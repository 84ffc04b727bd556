/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "km-exhibit.h"
#include "km-i18n.h"
#include "km-test-utils.h"
#include "km-window.h"

/* Runs the application as main() does, with @args, and hands the first
 * window to @check before closing it.
 */
typedef void (*CheckFunc) (KmApplication *app,
                           KmWindow      *window);

static void
on_activate_cb (GApplication *app,
                CheckFunc     check)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (KM_IS_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
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
  g_test_add_func ("/km/app/view-and-language-options", test_app_view_and_language_options);

  return g_test_run ();
}
