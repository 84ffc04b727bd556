/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Spreadsheet files, read and written with libcsv. */

typedef struct
{
  int        number;   /* the row a spreadsheet shows: the first line is 1 */
  GPtrArray *cells;    /* char *, UTF-8 */
} KmCsvRow;

typedef struct
{
  char       delimiter;
  GPtrArray *rows;     /* KmCsvRow *, empty rows left out */
} KmCsv;

KmCsv   *km_csv_parse     (const char  *data,
                           gsize        length,
                           const char  *display_name,
                           GPtrArray   *errors);
void     km_csv_free      (KmCsv       *csv);
void     km_csv_write_row (GString     *out,
                           const char * const *cells,
                           guint        n_cells);
char    *km_csv_column_letter (int     column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmCsv, km_csv_free)

G_END_DECLS
