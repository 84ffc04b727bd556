/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-content-error"

#include "config.h"

#include "km-content-error.h"
#include "km-outside-text.h"

G_DEFINE_BOXED_TYPE (KmContentError, km_content_error,
                     km_content_error_copy, km_content_error_free)

/**
 * km_content_error_new:
 * @file: the file, relative to the content pack
 * @line: 1-based line, or 0 for the whole file
 * @column: 1-based column in characters, or 0
 * @message: what is wrong, in one sentence without a final period; it is
 *   kept as km_outside_text_plain() makes it
 *
 * Returns: (transfer full): a new #KmContentError
 */
KmContentError *
km_content_error_new (const char *file,
                      int         line,
                      int         column,
                      const char *message)
{
  KmContentError *error;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  /* Messages quote the pack: keep them plain for the terminal, the log
   * and the updater's status. */
  error = g_new0 (KmContentError, 1);
  error->file = km_outside_text_plain (file, -1);
  error->line = MAX (line, 0);
  error->column = MAX (column, 0);
  error->message = km_outside_text_plain (message, -1);

  return error;
}

KmContentError *
km_content_error_copy (const KmContentError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  return km_content_error_new (error->file, error->line, error->column, error->message);
}

void
km_content_error_free (KmContentError *error)
{
  if (error == NULL)
    return;

  g_free (error->file);
  g_free (error->message);
  g_free (error);
}

/**
 * km_content_error_to_string:
 * @error: a #KmContentError
 *
 * Formats @error the way compilers do, "exhibits.xml:12:5: message",
 * leaving out a line or column of 0.
 *
 * Returns: (transfer full): the formatted error
 */
char *
km_content_error_to_string (const KmContentError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (error->line == 0)
    return g_strdup_printf ("%s: %s", error->file, error->message);
  if (error->column == 0)
    return g_strdup_printf ("%s:%d: %s", error->file, error->line, error->message);

  return g_strdup_printf ("%s:%d:%d: %s",
                          error->file, error->line, error->column, error->message);
}

/**
 * km_content_error_compare:
 * @a: a #KmContentError
 * @b: a #KmContentError
 *
 * Orders errors by file, line and column.
 *
 * Returns: negative, 0 or positive, like strcmp()
 */
int
km_content_error_compare (const KmContentError *a,
                          const KmContentError *b)
{
  int ret;

  if ((ret = g_strcmp0 (a->file, b->file)) != 0)
    return ret;
  if (a->line != b->line)
    return a->line < b->line ? -1 : 1;
  if (a->column != b->column)
    return a->column < b->column ? -1 : 1;

  return 0;
}
