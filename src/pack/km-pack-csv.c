/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include <csv.h>
#include <string.h>

#include "km-content-error.h"
#include "km-pack-csv.h"

/* What LibreOffice, Excel and Google Sheets write: comma or semicolon
 * separated, quoted cells that may hold line breaks, CRLF or LF line
 * ends, and often a UTF-8 byte order mark.
 */

typedef struct
{
  const char *display_name;
  GPtrArray  *errors;
  KmCsv      *csv;
  GPtrArray  *cells;      /* of the row being read */
  int         row;        /* spreadsheet number of the row being read */
  int         last_term;  /* what ended the previous row */
} ParseState;

static void
row_free (KmCsvRow *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row);
}

void
km_csv_free (KmCsv *csv)
{
  if (csv == NULL)
    return;

  g_ptr_array_unref (csv->rows);
  g_free (csv);
}

static void
add_error (ParseState *st,
           int         column,
           const char *message)
{
  g_ptr_array_add (st->errors, km_content_error_new (st->display_name, st->row, column, message));
}

static void
field_cb (void   *field,
          size_t  len,
          void   *data)
{
  ParseState *st = data;
  const char *text = field ? field : "";

  if (!g_utf8_validate_len (text, len, NULL))
    {
      add_error (st, (int)st->cells->len + 1,
                 "this cell is not UTF-8 text: save the file as “Text CSV” with the character set “Unicode (UTF-8)”");
      g_ptr_array_add (st->cells, g_strdup (""));
      return;
    }

  g_ptr_array_add (st->cells, g_strndup (text, len));
}

static void
row_cb (int   term,
        void *data)
{
  ParseState *st = data;
  gboolean empty = TRUE;

  /* CSV_REPALL_NL reports every line end, so the CR and the LF of a CRLF
   * come as two; the second ends no row of the sheet.
   */
  if (st->cells->len == 0 && term == '\n' && st->last_term == '\r')
    {
      st->last_term = term;
      return;
    }
  st->last_term = term;

  for (guint i = 0; i < st->cells->len; i++)
    if (*(char *)g_ptr_array_index (st->cells, i) != '\0')
      empty = FALSE;

  if (!empty)
    {
      KmCsvRow *row = g_new0 (KmCsvRow, 1);

      row->number = st->row;
      row->cells = g_steal_pointer (&st->cells);
      g_ptr_array_add (st->csv->rows, row);
      st->cells = g_ptr_array_new_with_free_func (g_free);
    }
  else
    {
      g_ptr_array_set_size (st->cells, 0);
    }

  st->row++;
}

/* The separator the header row uses most: the header names have neither. */
static char
detect_delimiter (const char *data,
                  gsize       length)
{
  gsize commas = 0;
  gsize semicolons = 0;

  for (gsize i = 0; i < length && data[i] != '\n' && data[i] != '\r'; i++)
    {
      if (data[i] == ',')
        commas++;
      else if (data[i] == ';')
        semicolons++;
    }

  return semicolons > commas ? ';' : ',';
}

/**
 * km_csv_parse:
 * @errors: (element-type KmContentError): where problems go, as
 *   DISPLAY-NAME:ROW:COLUMN
 *
 * Returns: (transfer full): the rows; %NULL when the file is not CSV
 */
KmCsv *
km_csv_parse (const char *data,
              gsize       length,
              const char *display_name,
              GPtrArray  *errors)
{
  struct csv_parser parser;
  g_autoptr(KmCsv) csv = g_new0 (KmCsv, 1);
  ParseState st = { display_name, errors, csv, NULL, 1, 0 };
  guint n_errors = errors->len;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  csv->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
  csv->delimiter = detect_delimiter (data, length);

  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL) != 0)
    g_error ("libcsv: %s", csv_strerror (CSV_ENOMEM));
  csv_set_delim (&parser, (unsigned char)csv->delimiter);

  st.cells = g_ptr_array_new_with_free_func (g_free);

  if (csv_parse (&parser, data, length, field_cb, row_cb, &st) != length ||
      csv_fini (&parser, field_cb, row_cb, &st) != 0)
    {
      g_autofree char *message =
        g_strdup_printf ("the file cannot be read as CSV from here on (%s): "
                         "a quote inside a quoted cell must be doubled (\"\")",
                         csv_strerror (csv_error (&parser)));

      add_error (&st, (int)st.cells->len + 1, message);
    }

  csv_free (&parser);
  g_ptr_array_unref (st.cells);

  if (errors->len > n_errors)
    return NULL;

  return g_steal_pointer (&csv);
}

/* Every cell is quoted: a spreadsheet then takes it as written. */
void
km_csv_write_row (GString            *out,
                  const char * const *cells,
                  guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      const char *cell = cells[i] ? cells[i] : "";
      gsize len = strlen (cell);
      gsize needed = csv_write2 (NULL, 0, cell, len, '"');
      gsize old_len = out->len;

      if (i > 0)
        g_string_append_c (out, ',');
      old_len = out->len;
      g_string_set_size (out, old_len + needed);
      csv_write2 (out->str + old_len, needed, cell, len, '"');
    }

  g_string_append (out, "\r\n");
}

/* "A" … "Z", "AA" …: what a spreadsheet shows over column @column (1-based). */
char *
km_csv_column_letter (int column)
{
  char buf[16];
  int i = sizeof buf - 1;

  buf[i] = '\0';
  while (column > 0 && i > 0)
    {
      column--;
      buf[--i] = (char)('A' + column % 26);
      column /= 26;
    }

  return g_strdup (buf + i);
}
