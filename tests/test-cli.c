/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>
#include <sys/wait.h>

typedef struct
{
  char *out;
  char *err;
  int   status;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_binary (Run         *run,
            const char  *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("KM_BINARY");
  va_list args;
  int wait_status;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static void
test_cli_help (void)
{
  g_auto(Run) run = { 0 };
  static const char *options[] = { "--kiosk", "--language=LANG", "--view=VIEW", "--content=DIR",
                                   "--validate=DIR", "--version" };

  run_binary (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if (strstr (run.out, options[i]) == NULL)
      g_error ("--help does not list %s:\n%s", options[i], run.out);
  /* --language is the kiosk's language for the run, over the setting. */
  if (strstr (run.out, "a kiosk returns to it at every reset in this run, instead of kiosk-language") == NULL)
    g_error ("--help does not say what --language does on a kiosk:\n%s", run.out);
}

static void
test_cli_version (void)
{
  g_auto(Run) run = { 0 };

  run_binary (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "khojaly-memorial " PACKAGE_VERSION "\n");
}

static void
test_cli_bad_view (void)
{
  g_auto(Run) run = { 0 };

  run_binary (&run, "--view=map", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==,
                   "khojaly-memorial: unknown view “map”; choose gallery, timeline or statistics\n");
}

static void
test_cli_bad_language (void)
{
  g_auto(Run) run = { 0 };

  run_binary (&run, "--language=tr", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, "khojaly-memorial: unknown language “tr”; choose en, az or id\n");
}

static void
test_cli_unknown_option (void)
{
  g_auto(Run) run = { 0 };

  run_binary (&run, "--frobnicate", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "--frobnicate"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/km/cli/help", test_cli_help);
  g_test_add_func ("/km/cli/version", test_cli_version);
  g_test_add_func ("/km/cli/bad-view", test_cli_bad_view);
  g_test_add_func ("/km/cli/bad-language", test_cli_bad_language);
  g_test_add_func ("/km/cli/unknown-option", test_cli_unknown_option);

  return g_test_run ();
}
