/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include "km-pack-csv.h"
#include "km-pack-model.h"
#include "km-pack-tool.h"

/* Spreadsheets take a CSV file as UTF-8 when it starts with the byte
 * order mark (Excel needs it; LibreOffice and the importer accept it).
 */
#define UTF8_BOM "\xEF\xBB\xBF"

static GBytes *
write_csv (KmPackModel *model,
           KmPackKind   kind)
{
  g_auto(GStrv) columns = km_pack_model_dup_columns (model, kind);
  guint n_columns = g_strv_length (columns);
  g_autofree const char **cells = g_new0 (const char *, n_columns + 1);
  GPtrArray *rows = model->rows[kind];
  GString *out = g_string_new (UTF8_BOM);

  km_csv_write_row (out, (const char * const *)columns, n_columns);

  for (guint i = 0; i < rows->len; i++)
    {
      KmPackRow *row = g_ptr_array_index (rows, i);

      for (guint c = 0; c < n_columns; c++)
        cells[c] = km_pack_row_get (row, columns[c]);
      km_csv_write_row (out, cells, n_columns);
    }

  return g_string_free_to_bytes (out);
}

int
km_pack_cmd_export (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR OUTDIR");
  g_autoptr(KmPackModel) model = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFile) outdir = NULL;
  int status;

  g_option_context_set_summary (context,
    "Writes the records of the pack in DIR as spreadsheet files in OUTDIR:\n"
    "sources.csv, exhibits.csv, eras.csv, entries.csv (timeline entries),\n"
    "sections.csv, figures.csv (one row per figure value) and recognitions.csv.\n"
    "Each has a header row and one column per field; a translatable field has\n"
    "one more column per language (title, title:az, title:id). The files are\n"
    "UTF-8 with a byte order mark, comma-separated, every cell quoted.");

  if ((status = km_pack_parse_options (context, "export", &argc, &argv, 2, 2)) != KM_PACK_EXIT_OK)
    return status;

  dir = g_file_new_for_commandline_arg (argv[1]);
  outdir = g_file_new_for_commandline_arg (argv[2]);

  if (!(model = km_pack_model_load (dir, KM_CONTENT_LOAD_SKIP_IMAGE_DECODE, &errors)))
    {
      km_pack_print_errors (errors);
      g_printerr ("%s: the pack has %u problem(s); nothing was exported\n", argv[1], errors->len);
      return KM_PACK_EXIT_CONTENT;
    }

  if (!g_file_make_directory_with_parents (outdir, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_printerr ("%s: %s\n", argv[2], error->message);
      return KM_PACK_EXIT_CONTENT;
    }
  g_clear_error (&error);

  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    {
      const KmPackKindInfo *info = km_pack_kind_get_info (kind);
      g_autofree char *name = g_strconcat (info->name, ".csv", NULL);
      g_autoptr(GFile) file = g_file_get_child (outdir, name);
      g_autoptr(GBytes) bytes = write_csv (model, kind);

      if (!km_pack_write_file_atomic (file, bytes, &error))
        {
          g_printerr ("%s: %s\n", argv[2], error->message);
          return KM_PACK_EXIT_CONTENT;
        }

      g_print ("%-18s %6u rows  %s/%s\n", info->title, model->rows[kind]->len, argv[2], name);
    }

  return KM_PACK_EXIT_OK;
}
