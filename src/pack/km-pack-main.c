/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "km-content-error.h"
#include "km-pack-tool.h"

/* khojaly-memorial-pack: the curator's tool. It links km-core only (no
 * toolkit), so it runs on a server or a machine without a display.
 */

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "new", km_pack_cmd_new, "Start a pack: empty, or a copy of the bundled exhibition" },
  { "export", km_pack_cmd_export, "Write a pack's records as spreadsheet (CSV) files" },
  { "import", km_pack_cmd_import, "Add or update a pack's records from CSV files" },
  { "check", km_pack_cmd_check, "Report a pack's errors and what to improve" },
  { "build", km_pack_cmd_build, "Write the manifest that publishes a pack" },
  { "keygen", km_pack_cmd_keygen, "Make a key pair for signing packs (minisign's format)" },
  { "sign", km_pack_cmd_sign, "Sign a built pack's manifest with a secret key" },
  { "verify", km_pack_cmd_verify, "Check a pack as a kiosk does: signature, version, files, content" },
  { "translate", km_pack_cmd_translate, "Write the pack's text for translators, or merge their work" },
  { "preview", km_pack_cmd_preview, "Open the application on a pack, showing every save at once" },
  { NULL }
};

static void
print_usage (FILE *out)
{
  fprintf (out,
           "Usage: " KM_PACK_PROGRAM " COMMAND [OPTION…] ARGUMENT…\n"
           "\n"
           "Prepare a content pack for Khojaly Memorial.\n"
           "\n"
           "Commands:\n");
  for (const Command *c = commands; c->name; c++)
    fprintf (out, "  %-10s %s\n", c->name, c->summary);
  fprintf (out,
           "\n"
           "Run “" KM_PACK_PROGRAM " COMMAND --help” for a command's options.\n"
           "Exit status: 0 success, 1 a problem in the content, 2 a wrong command line.\n");
}

int
km_pack_usage_error (const char *command,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL)
    g_printerr ("%s %s: %s\nRun “%s %s --help” to see how it is used.\n",
                KM_PACK_PROGRAM, command, message, KM_PACK_PROGRAM, command);
  else
    g_printerr ("%s: %s\nRun “%s --help” to see the commands.\n",
                KM_PACK_PROGRAM, message, KM_PACK_PROGRAM);

  return KM_PACK_EXIT_USAGE;
}

/**
 * km_pack_parse_options:
 *
 * Parses a subcommand's options, leaving its arguments in @argv (argv[0]
 * is the command).
 *
 * Returns: %KM_PACK_EXIT_OK, or %KM_PACK_EXIT_USAGE after printing why
 */
int
km_pack_parse_options (GOptionContext *context,
                       const char     *command,
                       int            *argc,
                       char         ***argv,
                       int             min_args,
                       int             max_args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strconcat (KM_PACK_PROGRAM " ", command, NULL);
  int n_args;

  /* --help's "Usage:" line names the program and the command. */
  g_set_prgname (prgname);
  if (!g_option_context_parse (context, argc, argv, &error))
    return km_pack_usage_error (command, "%s", error->message);

  n_args = *argc - 1;
  if (n_args < min_args)
    return km_pack_usage_error (command, "missing argument");
  if (max_args >= 0 && n_args > max_args)
    return km_pack_usage_error (command, "unexpected argument “%s”", (*argv)[1 + max_args]);

  return KM_PACK_EXIT_OK;
}

/* FILE:LINE:COLUMN: message, one a line, on standard error. */
void
km_pack_print_errors (GPtrArray *errors)
{
  for (guint i = 0; i < errors->len; i++)
    {
      g_autofree char *line = km_content_error_to_string (g_ptr_array_index (errors, i));

      g_printerr ("%s\n", line);
    }
}

/* Replaces @file in one rename: a reader sees the old or the new file. */
gboolean
km_pack_write_file_atomic (GFile   *file,
                           GBytes  *bytes,
                           GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *path = g_file_get_path (file);

  return g_file_set_contents_full (path, data, (gssize)len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      print_usage (stderr);
      return KM_PACK_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return KM_PACK_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("%s %s\n", KM_PACK_PROGRAM, PACKAGE_VERSION);
      return KM_PACK_EXIT_OK;
    }

  for (const Command *c = commands; c->name; c++)
    if (g_str_equal (argv[1], c->name))
      return c->run (argc - 1, argv + 1);

  if (argv[1][0] == '-')
    return km_pack_usage_error (NULL, "unknown option “%s”", argv[1]);

  return km_pack_usage_error (NULL, "unknown command “%s”", argv[1]);
}
