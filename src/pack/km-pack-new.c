/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include <string.h>

#include "km-content-store.h"
#include "km-pack-model.h"
#include "km-pack-tool.h"

#define BUNDLED_PATH RESOURCE_BASE "/content/"

static const char readme[] =
  "# A Khojaly Memorial content pack\n"
  "\n"
  "This folder is an exhibition the application can show:\n"
  "\n"
  "    khojaly-memorial --content=THIS-FOLDER\n"
  "\n"
  "You do not need to edit the XML files by hand. Work in a spreadsheet:\n"
  "\n"
  "    khojaly-memorial-pack export THIS-FOLDER sheets      # one CSV file per kind of record\n"
  "    (edit sheets/*.csv in LibreOffice Calc or Excel, put images in images/)\n"
  "    khojaly-memorial-pack import THIS-FOLDER sheets/*.csv\n"
  "    khojaly-memorial-pack check THIS-FOLDER\n"
  "\n"
  "Every figure, date and exhibit names the source it rests on (sources.csv).\n"
  "The curator's guide, docs/curators.md in the application's source, walks\n"
  "through a whole example; resources/content/README.md describes the format.\n";

static gboolean
copy_resource_dir (const char  *path,
                   GFile       *dest,
                   GError     **error)
{
  g_auto(GStrv) children = g_resources_enumerate_children (path, 0, error);

  if (children == NULL)
    return FALSE;

  if (!g_file_make_directory_with_parents (dest, NULL, error) &&
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    return FALSE;
  g_clear_error (error);

  for (guint i = 0; children[i]; i++)
    {
      g_autofree char *child_path = g_strconcat (path, children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        {
          g_autofree char *name = g_strndup (children[i], strlen (children[i]) - 1);
          g_autoptr(GFile) sub = g_file_get_child (dest, name);

          if (!copy_resource_dir (child_path, sub, error))
            return FALSE;
        }
      else
        {
          g_autoptr(GBytes) bytes = g_resources_lookup_data (child_path, 0, error);
          g_autoptr(GFile) file = g_file_get_child (dest, children[i]);

          if (bytes == NULL || !km_pack_write_file_atomic (file, bytes, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
write_empty_pack (GFile   *dir,
                  GError **error)
{
  g_autoptr(KmPackModel) model = km_pack_model_new ();
  g_autoptr(GFile) images = g_file_get_child (dir, "images");

  if (!g_file_make_directory_with_parents (images, NULL, error))
    return FALSE;

  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    {
      g_autoptr(GBytes) bytes = km_pack_model_write_xml (model, kind, NULL);
      g_autoptr(GFile) file = g_file_get_child (dir, km_content_file_kind_get_filename (kind));

      if (!km_pack_write_file_atomic (file, bytes, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_empty_or_missing (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GFileInfo) info = NULL;

  if (children == NULL)
    return !g_file_query_exists (dir, NULL);

  info = g_file_enumerator_next_file (children, NULL, NULL);

  return info == NULL;
}

int
km_pack_cmd_new (int    argc,
                 char **argv)
{
  gboolean from_bundled = FALSE;
  const GOptionEntry entries[] = {
    { "from-bundled", 0, 0, G_OPTION_ARG_NONE, &from_bundled,
      "Start from a copy of the exhibition the application bundles", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFile) readme_file = NULL;
  g_autoptr(GBytes) readme_bytes = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (context,
    "Creates the folder DIR with a valid content pack: empty, with a short\n"
    "README for curators, or a copy of the bundled exhibition to adapt.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = km_pack_parse_options (context, "new", &argc, &argv, 1, 1)) != KM_PACK_EXIT_OK)
    return status;

  dir = g_file_new_for_commandline_arg (argv[1]);
  if (!is_empty_or_missing (dir))
    {
      g_printerr ("%s: the folder exists and is not empty: name a new folder\n", argv[1]);
      return KM_PACK_EXIT_CONTENT;
    }

  if (from_bundled)
    {
      if (!copy_resource_dir (BUNDLED_PATH, dir, &error))
        {
          g_printerr ("%s: cannot copy the bundled exhibition: %s\n", argv[1], error->message);
          return KM_PACK_EXIT_CONTENT;
        }
    }
  else if (!write_empty_pack (dir, &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return KM_PACK_EXIT_CONTENT;
    }

  readme_file = g_file_get_child (dir, "README.md");
  readme_bytes = g_bytes_new_static (readme, sizeof readme - 1);
  if (!km_pack_write_file_atomic (readme_file, readme_bytes, &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return KM_PACK_EXIT_CONTENT;
    }

  /* What was written must load: the same check the application makes. */
  errors = km_content_store_validate_dir (dir);
  if (errors->len > 0)
    {
      km_pack_print_errors (errors);
      return KM_PACK_EXIT_CONTENT;
    }

  g_print ("Created the content pack %s%s.\n", argv[1],
           from_bundled ? " from the bundled exhibition" : "");

  return KM_PACK_EXIT_OK;
}
