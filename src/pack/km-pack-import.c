/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <string.h>

#include "km-content-error.h"
#include "km-content-store.h"
#include "km-i18n.h"
#include "km-pack-csv.h"
#include "km-pack-model.h"
#include "km-pack-tool.h"

/* import DIR CSV…: the spreadsheet files update the pack's records by id.
 * Problems are reported as FILE:ROW:COLUMN with the numbers a spreadsheet
 * shows (the header is row 1, column A is 1). The pack's files are only
 * replaced once the whole import checks out: the new XML is written to a
 * folder beside them, validated there, then renamed over the old files.
 */

typedef struct
{
  KmPackModel *model;
  GFile       *dir;
  GPtrArray   *errors;
  GPtrArray   *new_images;   /* KmPackRow * whose image or poster is new or changed */
  guint        added[KM_PACK_N_KINDS];
  guint        updated[KM_PACK_N_KINDS];
} Import;

typedef struct
{
  char       *display;
  KmPackKind  kind;
  GPtrArray  *rows;       /* KmPackRow * */
  GPtrArray  *columns;    /* column name or NULL, by spreadsheet column - 1 */
  GPtrArray  *fields;     /* its KmPackField, or NULL, likewise */
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->display);
  g_clear_pointer (&sheet->rows, g_ptr_array_unref);
  g_clear_pointer (&sheet->columns, g_ptr_array_unref);
  g_clear_pointer (&sheet->fields, g_ptr_array_unref);
  g_free (sheet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sheet, sheet_free)

static void G_GNUC_PRINTF (5, 6)
add_error (Import     *im,
           const char *file,
           int         row,
           int         column,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (im->errors, km_content_error_new (file, row, column, message));
}

static int
origin_column (KmPackRow  *row,
               const char *column)
{
  return row->origin_columns ? GPOINTER_TO_INT (g_hash_table_lookup (row->origin_columns, column)) : 0;
}

/* An error about a cell: where, plus the column's letter and name. */
static void G_GNUC_PRINTF (4, 5)
cell_error (Import     *im,
            KmPackRow  *row,
            const char *column,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  g_autofree char *letter = NULL;
  int col = origin_column (row, column);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (col == 0)
    col = 1;
  letter = km_csv_column_letter (col);

  add_error (im, row->origin, row->origin_row, col, "%s (column %s): %s", column, letter, message);
}

static gboolean
sheet_kind_from_name (const char *path,
                      KmPackKind *kind)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *lower = g_ascii_strdown (base, -1);

  if (!g_str_has_suffix (lower, ".csv"))
    return FALSE;

  for (guint i = 0; i < KM_PACK_N_KINDS; i++)
    {
      const char *name = km_pack_kind_get_info (i)->name;
      gsize len = strlen (name);

      /* "exhibits.csv", also as a spreadsheet renames it: "exhibits (2).csv", "exhibits-new.csv" */
      if (g_str_has_prefix (lower, name) && strchr (".-_ (", lower[len]) != NULL)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

static char *
join_columns (KmPackKind kind)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const KmPackField *f = km_pack_kind_get_info (kind)->fields; f->column; f++)
    {
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, f->column);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_id (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;

  return TRUE;
}

static gboolean
is_pack_path (const char *path)
{
  g_auto(GStrv) segments = NULL;

  if (path[0] == '/' || strchr (path, '\\') != NULL || strchr (path, ':') != NULL)
    return FALSE;

  segments = g_strsplit (path, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    if (g_str_equal (segments[i], "..") || segments[i][0] == '\0')
      return FALSE;

  return TRUE;
}

static char *
join_words (const char * const *words)
{
  return g_strjoinv (", ", (char **)words);
}

/* Checks one non-empty cell against its field's type. */
static void
check_cell (Import            *im,
            KmPackKind         kind,
            KmPackRow         *row,
            const KmPackField *field,
            const char        *column,
            const char        *value)
{
  switch (field->type)
    {
    case KM_PACK_VALUE_TEXT:
      break;

    case KM_PACK_VALUE_ID:
      if (!is_id (value))
        cell_error (im, row, column,
                    "“%s” is not a valid id: use lower-case letters a–z, digits and hyphens, like candle-1",
                    value);
      break;

    case KM_PACK_VALUE_DATE:
      {
        g_autoptr(GError) error = NULL;
        KmDate date;

        if (km_date_parse (value, &date, &error))
          break;
        if (g_error_matches (error, KM_DATE_ERROR, KM_DATE_ERROR_IMPOSSIBLE))
          cell_error (im, row, column, "bad date “%s”: there is no such day", value);
        else
          cell_error (im, row, column,
                      "bad date “%s”: write the year, year-month or year-month-day, like 1992, "
                      "1992-02 or 1992-02-26 (format the column as text so the spreadsheet keeps it)",
                      value);
      }
      break;

    case KM_PACK_VALUE_YES_NO:
      if (!g_str_equal (value, "yes") && !g_str_equal (value, "no"))
        cell_error (im, row, column, "“%s”: write yes or no", value);
      break;

    case KM_PACK_VALUE_ENUM:
      {
        int unused;

        if (!km_enum_from_nick (field->enum_type (), value, &unused))
          {
            g_autofree char *nicks = km_enum_dup_nicks (field->enum_type ());

            cell_error (im, row, column, "“%s” is not allowed here: use one of %s", value, nicks);
          }
      }
      break;

    case KM_PACK_VALUE_WORD:
    case KM_PACK_VALUE_WORDS:
      {
        g_auto(GStrv) words = field->type == KM_PACK_VALUE_WORDS
                              ? g_strsplit_set (value, " \t\n", -1)
                              : g_strsplit (value, "\n", 1);

        for (guint i = 0; words[i]; i++)
          if (*words[i] && !g_strv_contains (field->words, words[i]))
            {
              g_autofree char *list = join_words (field->words);

              cell_error (im, row, column, "“%s” is not allowed here: use %s%s", words[i],
                          field->type == KM_PACK_VALUE_WORDS ? "one or more of " : "one of ", list);
            }
      }
      break;

    case KM_PACK_VALUE_REF:
    case KM_PACK_VALUE_REFS:
      {
        g_auto(GStrv) ids = g_strsplit_set (value, " \t\n", -1);

        for (guint i = 0; ids[i]; i++)
          if (*ids[i] && !is_id (ids[i]))
            cell_error (im, row, column,
                        "“%s” is not a valid id: ids are lower-case letters a–z, digits and hyphens%s",
                        ids[i], field->type == KM_PACK_VALUE_REFS ? ", separated by spaces" : "");
        if (field->type == KM_PACK_VALUE_REF && ids[0] && ids[1])
          cell_error (im, row, column, "“%s”: name one %s only", value,
                      km_pack_kind_get_info (field->ref_kind)->noun);
      }
      break;

    case KM_PACK_VALUE_AMOUNT:
      for (const char *p = value; *p; p++)
        if (!g_ascii_isdigit (*p) || p - value > 15)
          {
            cell_error (im, row, column, "“%s” is not a whole number: write digits only, like 613", value);
            break;
          }
      break;

    case KM_PACK_VALUE_PATH:
      if (!is_pack_path (value))
        {
          const char *example = g_str_equal (field->column, "media") ? "media/talk.webm"
                                : g_str_equal (field->column, "captions") ? "captions/talk.vtt"
                                : "images/candle.jpg";

          cell_error (im, row, column,
                      "“%s” must be a path inside the pack folder, like %s", value, example);
        }
      else
        {
          g_autoptr(GFile) file = g_file_resolve_relative_path (im->dir, value);

          if (!g_file_query_exists (file, NULL))
            cell_error (im, row, column,
                        "the file “%s” is not in the pack: copy it there first", value);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static char *
clean_text (const char *value,
            gboolean    text)
{
  g_autoptr(GString) out = g_string_new (value);

  if (!text)
    return g_strstrip (g_string_free (g_steal_pointer (&out), FALSE));

  /* A cell's CRLF line breaks, as LF. */
  g_string_replace (out, "\r\n", "\n", 0);
  g_string_replace (out, "\r", "\n", 0);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static Sheet *
read_sheet (Import     *im,
            const char *path)
{
  g_autoptr(Sheet) sheet = g_new0 (Sheet, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KmCsv) csv = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *contents = NULL;
  KmCsvRow *header;
  const KmPackKindInfo *info;
  gsize length;
  guint n_errors = im->errors->len;

  sheet->display = g_strdup (path);
  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)km_pack_row_free);
  sheet->columns = g_ptr_array_new_with_free_func (g_free);
  sheet->fields = g_ptr_array_new ();

  if (!sheet_kind_from_name (path, &sheet->kind))
    {
      add_error (im, path, 0, 0,
                 "the file name does not say which records it holds: name it sources.csv, "
                 "exhibits.csv, eras.csv, entries.csv, sections.csv, figures.csv or recognitions.csv");
      return NULL;
    }
  info = km_pack_kind_get_info (sheet->kind);

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      add_error (im, path, 0, 0, "%s", error->message);
      return NULL;
    }

  if (!(csv = km_csv_parse (contents, length, path, im->errors)))
    return NULL;

  if (csv->rows->len == 0)
    {
      add_error (im, path, 0, 0, "the file is empty: it needs a header row naming the columns");
      return NULL;
    }

  /* The header */
  header = g_ptr_array_index (csv->rows, 0);
  for (guint i = 0; i < header->cells->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (header->cells, i)));
      g_autofree char *lang = NULL;
      const KmPackField *field;
      int col = (int)i + 1;

      if (*name == '\0')
        {
          g_ptr_array_add (sheet->columns, NULL);
          continue;
        }

      if (!(field = km_pack_kind_lookup_field (sheet->kind, name, &lang)))
        {
          g_autofree char *columns = join_columns (sheet->kind);

          add_error (im, path, header->number, col,
                     "unknown column “%s”: the columns of %s.csv are %s; a translation "
                     "column adds the language, like title:az",
                     name, info->name, columns);
          g_ptr_array_add (sheet->columns, NULL);
          continue;
        }

      /* Captions are shown in a language a visitor can choose, or never. */
      if ((field->flags & KM_PACK_FIELD_SRC) && lang != NULL && *lang != '\0' &&
          km_i18n_lookup_language (lang) == NULL)
        {
          add_error (im, path, header->number, col,
                     "unknown column “%s”: captions are for the application's languages: "
                     "captions (English), captions:az, captions:id",
                     name);
          g_ptr_array_add (sheet->columns, NULL);
          continue;
        }

      /* "title:en" is the English "title" */
      if (lang != NULL && *lang == '\0' && strchr (name, ':'))
        *strchr (name, ':') = '\0';
      else if (lang != NULL && *lang != '\0')
        {
          g_free (name);
          name = g_strconcat (field->column, ":", lang, NULL);
        }

      if (g_hash_table_contains (seen, name))
        {
          add_error (im, path, header->number, col,
                     "the column “%s” is there twice: keep one", name);
          g_ptr_array_add (sheet->columns, NULL);
          continue;
        }

      g_hash_table_add (seen, g_strdup (name));
      if (lang != NULL)
        km_pack_model_add_lang (im->model, lang);
      g_ptr_array_add (sheet->columns, g_steal_pointer (&name));
    }

  /* Each column's field, once rather than for every cell. */
  for (guint i = 0; i < sheet->columns->len; i++)
    {
      const char *column = g_ptr_array_index (sheet->columns, i);

      g_ptr_array_add (sheet->fields, column != NULL ? (gpointer) km_pack_kind_lookup_field (sheet->kind, column, NULL)
                                                     : NULL);
    }

  for (const KmPackField *f = info->fields; f->column; f++)
    if ((f->flags & KM_PACK_FIELD_KEY) && !g_hash_table_contains (seen, f->column))
      add_error (im, path, header->number, 1,
                 "there is no “%s” column: each row needs the %s of its %s",
                 f->column, f->column, info->noun);

  if (im->errors->len > n_errors)
    return NULL;

  /* The rows */
  for (guint r = 1; r < csv->rows->len; r++)
    {
      KmCsvRow *csv_row = g_ptr_array_index (csv->rows, r);
      g_autoptr(KmPackRow) row = km_pack_row_new ();

      row->origin = g_strdup (path);
      row->origin_row = csv_row->number;
      row->origin_columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < sheet->columns->len; i++)
        {
          const char *column = g_ptr_array_index (sheet->columns, i);

          if (column != NULL)
            g_hash_table_insert (row->origin_columns, g_strdup (column), GINT_TO_POINTER ((int)i + 1));
        }

      for (guint i = 0; i < csv_row->cells->len; i++)
        {
          const char *raw = g_ptr_array_index (csv_row->cells, i);
          const char *column = i < sheet->columns->len ? g_ptr_array_index (sheet->columns, i) : NULL;
          const KmPackField *field;
          g_autofree char *value = NULL;

          if (column == NULL)
            {
              g_autofree char *stripped = g_strstrip (g_strdup (raw));

              if (*stripped != '\0' &&
                  (i >= header->cells->len || *(char *)g_ptr_array_index (header->cells, i) == '\0'))
                {
                  g_autofree char *letter = km_csv_column_letter ((int)i + 1);

                  add_error (im, path, csv_row->number, (int)i + 1,
                             "column %s has no name in the header row: name it or clear this cell",
                             letter);
                }
              continue;
            }

          field = g_ptr_array_index (sheet->fields, i);
          value = clean_text (raw, field->type == KM_PACK_VALUE_TEXT);
          if (*value != '\0')
            {
              check_cell (im, sheet->kind, row, field, column, value);
              km_pack_row_set (row, column, value);
            }
        }

      for (const KmPackField *f = info->fields; f->column; f++)
        if ((f->flags & KM_PACK_FIELD_REQUIRED) && origin_column (row, f->column) != 0 &&
            km_pack_row_get (row, f->column) == NULL)
          cell_error (im, row, f->column, "missing required value: every %s needs one", info->noun);

      /* A picture needs its image; media exhibits have media instead. */
      if (sheet->kind == KM_PACK_KIND_EXHIBITS && origin_column (row, "image") != 0 &&
          origin_column (row, "media") != 0 && km_pack_row_get (row, "image") == NULL &&
          km_pack_row_get (row, "media") == NULL)
        cell_error (im, row, "image", "missing required value: every exhibit needs an image, "
                    "or a video, recording or PDF document in the column “media”");

      if (sheet->kind != KM_PACK_KIND_FIGURES)
        {
          g_autofree char *key = km_pack_row_dup_key (sheet->kind, row);
          const KmPackField *key_field = km_pack_kind_get_key_field (sheet->kind);
          KmPackRow *other = g_hash_table_lookup (keys, key);

          if (other != NULL && km_pack_row_get (row, key_field->column) != NULL)
            cell_error (im, row, key_field->column, "“%s” is also on row %d: each %s once",
                        km_pack_row_get (row, key_field->column), other->origin_row, info->noun);
          else
            g_hash_table_insert (keys, g_steal_pointer (&key), row);
        }

      g_ptr_array_add (sheet->rows, g_steal_pointer (&row));
    }

  return g_steal_pointer (&sheet);
}

/* Copies the cells of the columns @from's file has onto @to; the other
 * cells of @to stay.
 */
static void
update_row (KmPackRow *to,
            KmPackRow *from)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, from->origin_columns);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    km_pack_row_set (to, key, km_pack_row_get (from, key));

  g_free (to->origin);
  to->origin = g_strdup (from->origin);
  to->origin_row = from->origin_row;
  g_clear_pointer (&to->origin_columns, g_hash_table_unref);
  to->origin_columns = g_hash_table_ref (from->origin_columns);
}

static void
check_new_row (Import     *im,
               KmPackKind  kind,
               KmPackRow  *row)
{
  const KmPackKindInfo *info = km_pack_kind_get_info (kind);

  for (const KmPackField *f = info->fields; f->column; f++)
    if ((f->flags & KM_PACK_FIELD_REQUIRED) && origin_column (row, f->column) == 0)
      cell_error (im, row, km_pack_kind_get_key_field (kind)->column,
                  "missing required value: the new %s “%s” needs a value in the column “%s”, which the file does not have",
                  info->noun, km_pack_row_get (row, km_pack_kind_get_key_field (kind)->column), f->column);
}

static void
merge_records (Import *im,
               Sheet  *sheet)
{
  GPtrArray *rows = im->model->rows[sheet->kind];
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < rows->len; i++)
    g_hash_table_insert (index, km_pack_row_dup_key (sheet->kind, g_ptr_array_index (rows, i)),
                         g_ptr_array_index (rows, i));

  for (guint i = 0; i < sheet->rows->len; i++)
    {
      KmPackRow *row = g_ptr_array_index (sheet->rows, i);
      g_autofree char *key = km_pack_row_dup_key (sheet->kind, row);
      KmPackRow *existing = g_hash_table_lookup (index, key);

      if (existing != NULL)
        {
          g_autofree char *old_image = g_strdup (km_pack_row_get (existing, "image"));
          g_autofree char *old_poster = g_strdup (km_pack_row_get (existing, "poster"));

          update_row (existing, row);
          if (g_strcmp0 (old_image, km_pack_row_get (existing, "image")) != 0 ||
              g_strcmp0 (old_poster, km_pack_row_get (existing, "poster")) != 0)
            g_ptr_array_add (im->new_images, existing);
          im->updated[sheet->kind]++;
        }
      else
        {
          check_new_row (im, sheet->kind, row);
          if (km_pack_row_get (row, "image") != NULL || km_pack_row_get (row, "poster") != NULL)
            g_ptr_array_add (im->new_images, row);
          g_ptr_array_add (rows, g_ptr_array_steal_index (sheet->rows, i));
          g_ptr_array_insert (sheet->rows, (int)i, km_pack_row_new ());
          g_hash_table_insert (index, g_steal_pointer (&key), g_ptr_array_index (rows, rows->len - 1));
          im->added[sheet->kind]++;
        }
    }
}

/* figures.csv has one row per value. The rows of a figure replace all its
 * values; its own cells (unit, label, …) must agree across them.
 */
static void
merge_figures (Import *im,
               Sheet  *sheet)
{
  GPtrArray *rows = im->model->rows[KM_PACK_KIND_FIGURES];
  g_autoptr(GPtrArray) order = g_ptr_array_new ();   /* figure ids, first-seen order */
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify)g_ptr_array_unref);

  for (guint i = 0; i < sheet->rows->len; i++)
    {
      KmPackRow *row = g_ptr_array_index (sheet->rows, i);
      const char *figure = km_pack_row_get (row, "figure");
      GPtrArray *group;

      if (figure == NULL)
        continue;
      if (!(group = g_hash_table_lookup (groups, figure)))
        {
          char *id = g_strdup (figure);

          group = g_ptr_array_new ();
          g_hash_table_insert (groups, id, group);
          g_ptr_array_add (order, id);
        }
      g_ptr_array_add (group, row);
    }

  for (guint g = 0; g < order->len; g++)
    {
      const char *figure = g_ptr_array_index (order, g);
      GPtrArray *group = g_hash_table_lookup (groups, figure);
      KmPackRow *first = g_ptr_array_index (group, 0);
      g_autoptr(GPtrArray) old = g_ptr_array_new ();
      int position = -1;

      for (guint i = 0; i < rows->len; i++)
        if (g_strcmp0 (km_pack_row_get (g_ptr_array_index (rows, i), "figure"), figure) == 0)
          {
            if (position < 0)
              position = (int)i;
            g_ptr_array_add (old, g_ptr_array_index (rows, i));
          }

      /* The figure's own cells: the first row's, on every row. */
      for (const KmPackField *f = km_pack_kind_get_info (KM_PACK_KIND_FIGURES)->fields; f->column; f++)
        {
          GHashTableIter iter;
          gpointer key;

          if (f->flags & KM_PACK_FIELD_VALUE)
            continue;

          g_hash_table_iter_init (&iter, first->origin_columns);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            {
              const char *column = key;
              const char *want = km_pack_row_get (first, column);

              if (!g_str_equal (column, f->column) &&
                  !(g_str_has_prefix (column, f->column) && column[strlen (f->column)] == ':'))
                continue;

              for (guint i = 1; i < group->len; i++)
                {
                  KmPackRow *row = g_ptr_array_index (group, i);
                  const char *have = km_pack_row_get (row, column);

                  if (have != NULL && g_strcmp0 (have, want) != 0)
                    cell_error (im, row, column,
                                "differs from row %d of the same figure “%s”: a figure's own "
                                "cells (section, unit, role, within, label, why) must be the same "
                                "on each of its rows, or empty",
                                first->origin_row, figure);
                  km_pack_row_set (row, column, want);
                }
            }
        }

      if (old->len == 0)
        check_new_row (im, KM_PACK_KIND_FIGURES, first);

      /* Columns the file does not have keep what the pack had. */
      for (guint i = 0; i < group->len; i++)
        {
          KmPackRow *row = g_ptr_array_index (group, i);
          g_autoptr(KmPackRow) merged = km_pack_row_new ();
          KmPackRow *old_figure = old->len > 0 ? g_ptr_array_index (old, 0) : NULL;
          KmPackRow *old_value = i < old->len ? g_ptr_array_index (old, i) : NULL;
          GHashTableIter iter;
          gpointer key, value;

          if (old_figure != NULL)
            {
              g_hash_table_iter_init (&iter, old_figure->cells);
              while (g_hash_table_iter_next (&iter, &key, &value))
                {
                  const KmPackField *field = km_pack_kind_lookup_field (KM_PACK_KIND_FIGURES, key, NULL);

                  if (field && !(field->flags & KM_PACK_FIELD_VALUE))
                    km_pack_row_set (merged, key, value);
                }
            }
          if (old_value != NULL)
            {
              g_hash_table_iter_init (&iter, old_value->cells);
              while (g_hash_table_iter_next (&iter, &key, &value))
                {
                  const KmPackField *field = km_pack_kind_lookup_field (KM_PACK_KIND_FIGURES, key, NULL);

                  if (field && (field->flags & KM_PACK_FIELD_VALUE))
                    km_pack_row_set (merged, key, value);
                }
            }

          update_row (merged, row);
          km_pack_row_set (merged, "figure", figure);
          g_hash_table_remove_all (row->cells);
          g_hash_table_iter_init (&iter, merged->cells);
          while (g_hash_table_iter_next (&iter, &key, &value))
            g_hash_table_insert (row->cells, g_strdup (key), g_strdup (value));
        }

      if (old->len > 0)
        im->updated[KM_PACK_KIND_FIGURES]++;
      else
        im->added[KM_PACK_KIND_FIGURES]++;

      /* Swap the rows in where the figure's first row was. */
      for (guint i = 0; i < old->len; i++)
        g_ptr_array_remove (rows, g_ptr_array_index (old, i));
      if (position < 0 || (guint)position > rows->len)
        position = (int)rows->len;
      for (guint i = 0; i < group->len; i++)
        {
          KmPackRow *row = g_ptr_array_index (group, i);
          guint at;

          g_ptr_array_find (sheet->rows, row, &at);
          g_ptr_array_insert (rows, position + (int)i, g_ptr_array_steal_index (sheet->rows, at));
          g_ptr_array_insert (sheet->rows, (int)at, km_pack_row_new ());
        }
    }
}

static GHashTable *
collect_ids (KmPackModel *model,
             KmPackKind   kind)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);
  const char *column = km_pack_kind_get_key_field (kind)->column;

  for (guint i = 0; i < model->rows[kind]->len; i++)
    {
      const char *id = km_pack_row_get (g_ptr_array_index (model->rows[kind], i), column);

      if (id != NULL)
        g_hash_table_add (ids, (gpointer)id);
    }

  return ids;
}

/* Every id a changed row names must be defined, in the pack or the files. */
static void
check_references (Import *im)
{
  GHashTable *ids[KM_PACK_N_KINDS] = { NULL };

  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    if (kind != KM_PACK_KIND_RECOGNITIONS)
      ids[kind] = collect_ids (im->model, kind);

  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    for (guint i = 0; i < im->model->rows[kind]->len; i++)
      {
        KmPackRow *row = g_ptr_array_index (im->model->rows[kind], i);

        if (row->origin == NULL)
          continue;

        for (const KmPackField *f = km_pack_kind_get_info (kind)->fields; f->column; f++)
          {
            const char *value = km_pack_row_get (row, f->column);
            g_auto(GStrv) refs = NULL;

            if ((f->type != KM_PACK_VALUE_REF && f->type != KM_PACK_VALUE_REFS) || value == NULL ||
                origin_column (row, f->column) == 0)
              continue;

            refs = g_strsplit_set (value, " \t\n", -1);
            for (guint j = 0; refs[j]; j++)
              if (*refs[j] && !g_hash_table_contains (ids[f->ref_kind], refs[j]))
                {
                  const KmPackKindInfo *target = km_pack_kind_get_info (f->ref_kind);

                  cell_error (im, row, f->column,
                              "“%s” is not the id of any %s in the pack or in %s.csv",
                              refs[j], target->noun, target->name);
                }
          }
      }

  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    g_clear_pointer (&ids[kind], g_hash_table_unref);
}

static KmContentFileKind
file_kind_for_name (const char *name)
{
  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    if (g_str_equal (name, km_content_file_kind_get_filename (kind)))
      return kind;

  return KM_CONTENT_N_FILES;
}

/* The validator's errors in the written files, pointed back at the cells. */
static void
map_validator_errors (Import        *im,
                      GPtrArray     *errors,
                      KmPackXmlMap **maps)
{
  for (guint i = 0; i < errors->len; i++)
    {
      KmContentError *e = g_ptr_array_index (errors, i);
      KmContentFileKind file = file_kind_for_name (e->file);
      const char *column = NULL;
      KmPackRow *row = NULL;

      if (file < KM_CONTENT_N_FILES && e->line > 0)
        row = km_pack_xml_map_lookup (maps[file], e->line, e->column, &column);

      if (row != NULL && row->origin != NULL)
        cell_error (im, row, column, "%s", e->message);
      else
        add_error (im, e->file, 0, 0, "%s", e->message);
    }
}

void
km_pack_remove_staging (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }

  g_rmdir (path);
}

/* Writes the four files into a new folder inside the pack, with links to
 * everything else the pack holds, and validates it there.
 */
char *
km_pack_write_staging (KmPackModel   *model,
                       const char    *dir_path,
                       KmPackXmlMap **maps,
                       GError       **error)
{
  g_autofree char *staging = g_build_filename (dir_path, ".km-import-XXXXXX", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_mkdtemp (staging))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "cannot make a folder in %s: %s", dir_path, g_strerror (errno));
      return NULL;
    }

  if (!(dir = g_dir_open (dir_path, 0, error)))
    goto fail;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *target = NULL;
      g_autofree char *link = NULL;

      if (name[0] == '.' || file_kind_for_name (name) < KM_CONTENT_N_FILES)
        continue;

      target = g_build_filename ("..", name, NULL);
      link = g_build_filename (staging, name, NULL);
      if (symlink (target, link) != 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                       "cannot link %s: %s", link, g_strerror (errno));
          goto fail;
        }
    }

  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    {
      g_autoptr(GBytes) bytes = km_pack_model_write_xml (model, kind, maps ? maps[kind] : NULL);
      g_autofree char *path = g_build_filename (staging, km_content_file_kind_get_filename (kind), NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      if (!km_pack_write_file_atomic (file, bytes, error))
        goto fail;
    }

  return g_steal_pointer (&staging);

fail:
  km_pack_remove_staging (staging);
  return NULL;
}

/* The validator above checked that every image exists; the pack's images
 * were checked when it was made or imported, so only new and changed ones
 * are decoded here (check DIR decodes them all).
 */
static void
check_new_images (Import *im)
{
  static const char * const columns[] = { "image", "poster" };

  for (guint i = 0; i < im->new_images->len; i++)
    for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
      {
        KmPackRow *row = g_ptr_array_index (im->new_images, i);
        const char *image = km_pack_row_get (row, columns[c]);
        g_autoptr(GFile) file = NULL;
        g_autofree char *path = NULL;
        g_autoptr(GdkPixbuf) pixbuf = NULL;
        g_autoptr(GError) error = NULL;

        if (image == NULL)
          continue;
        file = g_file_resolve_relative_path (im->dir, image);
        path = g_file_get_path (file);
        if (!(pixbuf = gdk_pixbuf_new_from_file_at_scale (path, 64, 64, TRUE, &error)))
          cell_error (im, row, columns[c], "the image “%s” does not decode: %s", image, error->message);
      }
}

static int
compare_errors (gconstpointer a,
                gconstpointer b)
{
  return km_content_error_compare (*(KmContentError * const *)a, *(KmContentError * const *)b);
}

static int
fail_with_errors (Import *im)
{
  g_ptr_array_sort (im->errors, compare_errors);
  km_pack_print_errors (im->errors);
  g_printerr ("%u problem(s): nothing was imported, the pack is as it was.\n", im->errors->len);

  return KM_PACK_EXIT_CONTENT;
}

int
km_pack_cmd_import (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR CSV…");
  g_autoptr(GPtrArray) sheets = g_ptr_array_new_with_free_func ((GDestroyNotify)sheet_free);
  g_autoptr(GPtrArray) load_errors = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify)km_content_error_free);
  g_autoptr(KmPackModel) model = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir_path = NULL;
  g_autofree char *staging = NULL;
  g_autoptr(GPtrArray) new_images = g_ptr_array_new ();
  KmPackXmlMap *maps[KM_CONTENT_N_FILES] = { NULL };
  Import im = { 0 };
  int status;

  g_option_context_set_summary (context,
    "Adds or updates the records of the pack in DIR from spreadsheet files, as\n"
    "“export” writes them. The file name says what it holds (exhibits.csv …).\n"
    "A row updates the record with its id, or adds one; a column the file\n"
    "does not have keeps what the pack has, an empty cell clears it.\n"
    "Comma or semicolon separated, UTF-8 (with or without a byte order mark).\n"
    "Problems are reported as FILE:ROW:COLUMN as a spreadsheet counts them\n"
    "(the header is row 1, column A is 1), and then nothing is changed.");

  if ((status = km_pack_parse_options (context, "import", &argc, &argv, 2, -1)) != KM_PACK_EXIT_OK)
    return status;

  dir = g_file_new_for_commandline_arg (argv[1]);
  dir_path = g_file_get_path (dir);

  if (!(model = km_pack_model_load (dir, KM_CONTENT_LOAD_SKIP_IMAGE_DECODE, &load_errors)))
    {
      km_pack_print_errors (load_errors);
      g_printerr ("%s: the pack has %u problem(s): fix them (or start again with “new”) before an import\n",
                  argv[1], load_errors->len);
      return KM_PACK_EXIT_CONTENT;
    }

  im.model = model;
  im.dir = dir;
  im.errors = errors;
  im.new_images = new_images;

  for (int i = 2; i < argc; i++)
    {
      Sheet *sheet = read_sheet (&im, argv[i]);

      if (sheet != NULL)
        g_ptr_array_add (sheets, sheet);
    }

  for (guint i = 0; i < sheets->len; i++)
    {
      Sheet *sheet = g_ptr_array_index (sheets, i);

      if (sheet->kind == KM_PACK_KIND_FIGURES)
        merge_figures (&im, sheet);
      else
        merge_records (&im, sheet);
    }

  check_references (&im);

  if (errors->len > 0)
    return fail_with_errors (&im);

  /* Where each cell went is only needed for the validator's errors, and
   * noting it for every cell was a tenth of importing 10,000 rows: the
   * maps are made, by writing the same XML again, when there are errors. */
  if (!(staging = km_pack_write_staging (model, dir_path, NULL, &error)))
    {
      add_error (&im, argv[1], 0, 0, "%s", error->message);
    }
  else
    {
      g_autoptr(GFile) staging_dir = g_file_new_for_path (staging);
      g_autoptr(GPtrArray) invalid = km_content_store_validate_dir_with_flags (staging_dir,
                                                                              KM_CONTENT_LOAD_SKIP_IMAGE_DECODE);

      if (invalid->len > 0)
        for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
          {
            maps[kind] = km_pack_xml_map_new ();
            g_bytes_unref (km_pack_model_write_xml (model, kind, maps[kind]));
          }
      map_validator_errors (&im, invalid, maps);
      if (errors->len == 0)
        check_new_images (&im);

      for (guint kind = 0; kind < KM_CONTENT_N_FILES && errors->len == 0; kind++)
        {
          const char *name = km_content_file_kind_get_filename (kind);
          g_autofree char *from = g_build_filename (staging, name, NULL);
          g_autofree char *to = g_build_filename (dir_path, name, NULL);

          if (g_rename (from, to) != 0)
            add_error (&im, to, 0, 0, "cannot replace the file: %s", g_strerror (errno));
        }

      km_pack_remove_staging (staging);
    }

  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    g_clear_pointer (&maps[kind], km_pack_xml_map_free);

  if (errors->len > 0)
    return fail_with_errors (&im);

  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    if (im.added[kind] + im.updated[kind] > 0)
      g_print ("%-20s %5u added, %5u updated\n",
               km_pack_kind_get_info (kind)->title, im.added[kind], im.updated[kind]);

  return KM_PACK_EXIT_OK;
}
