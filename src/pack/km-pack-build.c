/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "km-content-store.h"
#include "km-pack-manifest.h"
#include "km-pack-tool.h"

/* build DIR --version N: DIR/manifest.ini, the file the content updater
 * reads first (km-pack-manifest.h), naming every file with its size and
 * SHA-256. Publish DIR on any static web server and point the kiosks'
 * content-url setting at DIR/manifest.ini.
 */

#define MANIFEST "manifest.ini"

int
km_pack_cmd_build (int    argc,
                   char **argv)
{
  g_autofree char *version_text = NULL;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_STRING, &version_text,
      "The pack's version, a whole number greater than the last published one", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR --version N");
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFile) manifest_file = NULL;
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir_path = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *sig_path = NULL;
  g_autofree char *old_sig_path = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  guint64 version = 0;
  gsize length;
  int status;

  g_option_context_set_summary (context,
    "Checks the pack in DIR and writes DIR/" MANIFEST ": the pack's version\n"
    "and the size and SHA-256 of every file, which kiosks read to update.\n"
    "Publish DIR's files on a web server and set the kiosks' content-url to\n"
    "the address of " MANIFEST ". Hidden files (starting with a dot) are left out.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = km_pack_parse_options (context, "build", &argc, &argv, 1, 1)) != KM_PACK_EXIT_OK)
    return status;

  if (version_text == NULL)
    return km_pack_usage_error ("build", "--version N is required");
  if (!g_ascii_string_to_unsigned (version_text, 10, 1, (guint64)KM_PACK_VERSION_MAX, &version, NULL))
    return km_pack_usage_error ("build", "--version “%s”: write a whole number from 1 to %" G_GINT64_FORMAT,
                                version_text, KM_PACK_VERSION_MAX);

  dir = g_file_new_for_commandline_arg (argv[1]);
  errors = km_content_store_validate_dir (dir);
  if (errors->len > 0)
    {
      km_pack_print_errors (errors);
      g_printerr ("%s: the pack has %u problem(s): no manifest was written\n", argv[1], errors->len);
      return KM_PACK_EXIT_CONTENT;
    }

  /* The manifest does not list itself: set an old one aside (hidden). */
  dir_path = g_file_get_path (dir);
  path = g_build_filename (dir_path, MANIFEST, NULL);
  old_path = g_build_filename (dir_path, "." MANIFEST ".old", NULL);
  if (g_rename (path, old_path) != 0 && errno != ENOENT)
    {
      g_printerr ("%s: %s\n", path, g_strerror (errno));
      return KM_PACK_EXIT_CONTENT;
    }

  /* Nor its signature, which a new manifest makes stale (km-pack-sign.c). */
  sig_path = g_strconcat (path, ".minisig", NULL);
  old_sig_path = g_build_filename (dir_path, "." MANIFEST ".minisig.old", NULL);
  if (g_rename (sig_path, old_sig_path) != 0 && errno != ENOENT)
    {
      g_printerr ("%s: %s\n", sig_path, g_strerror (errno));
      g_rename (old_path, path);
      return KM_PACK_EXIT_CONTENT;
    }

  manifest = km_pack_manifest_new_for_dir (dir, (gint64)version, &error);
  if (manifest != NULL)
    {
      data = km_pack_manifest_to_data (manifest, &length);
      bytes = g_bytes_new_take (g_steal_pointer (&data), length);
      manifest_file = g_file_new_for_path (path);
      km_pack_write_file_atomic (manifest_file, bytes, &error);
    }

  if (error != NULL)
    {
      g_rename (old_path, path);
      g_rename (old_sig_path, sig_path);
      g_printerr ("%s: %s\n", argv[1], error->message);
      return KM_PACK_EXIT_CONTENT;
    }

  g_unlink (old_path);
  if (g_unlink (old_sig_path) == 0)
    g_print ("Removed the signature of the old manifest: sign the pack again.\n");
  g_print ("Wrote %s: version %" G_GUINT64_FORMAT ", %u files, %" G_GUINT64_FORMAT " bytes.\n",
           path, version, km_pack_manifest_get_n_files (manifest),
           km_pack_manifest_get_total_size (manifest));

  return KM_PACK_EXIT_OK;
}
