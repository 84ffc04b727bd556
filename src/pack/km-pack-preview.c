/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "km-pack-tool.h"

/* preview DIR: the application itself, on the desktop, showing DIR and
 * showing it again at every save (`khojaly-memorial --preview=DIR`). This
 * tool has no toolkit: it only finds the application and runs it in its
 * place, so the terminal's Ctrl+C and the exit status are the window's.
 */

#define APP_NAME "khojaly-memorial"

/* KM_BINARY (tests, another installation), else the application installed
 * beside this program (also true in a build folder), else in BINDIR. */
static char *
find_application (void)
{
  const char *env = g_getenv ("KM_BINARY");
  g_autofree char *self_path = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_path);
      g_autofree char *beside = g_build_filename (dir, APP_NAME, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }

  return g_build_filename (BINDIR, APP_NAME, NULL);
}

int
km_pack_cmd_preview (int    argc,
                     char **argv)
{
  g_autofree char *language = NULL;
  g_autofree char *view = NULL;
  const GOptionEntry entries[] = {
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      "Start in this language: en, az or id", "LANG" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &view,
      "Open this view: gallery, timeline or statistics", "VIEW" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir_path = NULL;
  g_autofree char *app = NULL;
  int status;

  g_option_context_set_summary (context,
    "Opens Khojaly Memorial on the pack in DIR, on the desktop, and shows it\n"
    "again whenever one of its files is saved, within a second. The place you\n"
    "are looking at stays. A save with errors leaves the last good version on\n"
    "screen and lists every error (file and line) at the top of the window,\n"
    "until the next save without errors. Close the window to stop.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = km_pack_parse_options (context, "preview", &argc, &argv, 1, 1)) != KM_PACK_EXIT_OK)
    return status;

  dir = g_file_new_for_commandline_arg (argv[1]);
  dir_path = g_file_get_path (dir);
  if (dir_path == NULL || !g_file_test (dir_path, G_FILE_TEST_IS_DIR))
    {
      g_printerr ("%s: not a folder: start a pack with “" KM_PACK_PROGRAM " new %s”\n", argv[1], argv[1]);
      return KM_PACK_EXIT_CONTENT;
    }

  app = find_application ();
  if (!g_file_test (app, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("%s: the application is not installed there; install khojaly-memorial, "
                  "or set KM_BINARY to where it is\n", app);
      return KM_PACK_EXIT_CONTENT;
    }

  /* One argument each, so no folder name is read as an option. */
  g_ptr_array_add (args, g_strdup (app));
  g_ptr_array_add (args, g_strconcat ("--preview=", dir_path, NULL));
  if (language != NULL)
    g_ptr_array_add (args, g_strconcat ("--language=", language, NULL));
  if (view != NULL)
    g_ptr_array_add (args, g_strconcat ("--view=", view, NULL));
  g_ptr_array_add (args, NULL);

  execv (app, (char **) args->pdata);

  g_printerr ("%s: %s\n", app, g_strerror (errno));
  return KM_PACK_EXIT_CONTENT;
}
