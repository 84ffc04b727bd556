/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-date"

#include "config.h"

#include <string.h>

#include "km-date.h"

G_DEFINE_BOXED_TYPE (KmDate, km_date, km_date_copy, km_date_free)
G_DEFINE_ENUM_TYPE (KmDatePrecision, km_date_precision,
  G_DEFINE_ENUM_VALUE (KM_DATE_PRECISION_YEAR, "year"),
  G_DEFINE_ENUM_VALUE (KM_DATE_PRECISION_MONTH, "month"),
  G_DEFINE_ENUM_VALUE (KM_DATE_PRECISION_DAY, "day"))
G_DEFINE_QUARK (km-date-error-quark, km_date_error)

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December",
};

/* Days since 1970-01-01 in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil).
 */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era;
  gint64 yoe;
  gint64 doy;
  gint64 doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static gboolean
parse_digits (const char *p,
              guint       n,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      value = value * 10 + (p[i] - '0');
    }

  *out = value;

  return TRUE;
}

int
km_date_get_days_in_month (int year,
                           int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
    return 29;

  return days[month - 1];
}

KmDate *
km_date_copy (const KmDate *date)
{
  return g_memdup2 (date, sizeof *date);
}

void
km_date_free (KmDate *date)
{
  g_free (date);
}

/**
 * km_date_parse:
 * @iso: "YYYY", "YYYY-MM" or "YYYY-MM-DD"
 * @out: (out caller-allocates): where to store the date
 * @error: a #GError in %KM_DATE_ERROR
 *
 * Parses a date whose form is its precision. Leaves @out untouched on
 * failure; the parsed date is never approximate.
 *
 * Returns: %TRUE if @iso is a well-formed, possible date
 */
gboolean
km_date_parse (const char  *iso,
               KmDate      *out,
               GError     **error)
{
  KmDate date = { 0 };
  gsize len;

  g_return_val_if_fail (iso != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  len = strlen (iso);

  if ((len != 4 && len != 7 && len != 10) ||
      !parse_digits (iso, 4, &date.year) ||
      (len >= 7 && (iso[4] != '-' || !parse_digits (iso + 5, 2, &date.month))) ||
      (len == 10 && (iso[7] != '-' || !parse_digits (iso + 8, 2, &date.day))))
    {
      g_set_error (error, KM_DATE_ERROR, KM_DATE_ERROR_MALFORMED,
                   "malformed date “%s”: write YYYY, YYYY-MM or YYYY-MM-DD", iso);
      return FALSE;
    }

  date.precision = len == 4 ? KM_DATE_PRECISION_YEAR
                 : len == 7 ? KM_DATE_PRECISION_MONTH
                 : KM_DATE_PRECISION_DAY;

  if (date.year < 1)
    {
      g_set_error (error, KM_DATE_ERROR, KM_DATE_ERROR_IMPOSSIBLE,
                   "impossible date “%s”: there is no year 0", iso);
      return FALSE;
    }

  if (len >= 7 && (date.month < 1 || date.month > 12))
    {
      g_set_error (error, KM_DATE_ERROR, KM_DATE_ERROR_IMPOSSIBLE,
                   "impossible date “%s”: there is no month %d", iso, date.month);
      return FALSE;
    }

  if (len == 10 && (date.day < 1 || date.day > km_date_get_days_in_month (date.year, date.month)))
    {
      g_set_error (error, KM_DATE_ERROR, KM_DATE_ERROR_IMPOSSIBLE,
                   "impossible date “%s”: %s %d has %d days",
                   iso, month_names[date.month - 1], date.year,
                   km_date_get_days_in_month (date.year, date.month));
      return FALSE;
    }

  *out = date;

  return TRUE;
}

/**
 * km_date_is_valid:
 * @date: a #KmDate
 *
 * Returns: whether the fields of @date are consistent with its precision
 */
gboolean
km_date_is_valid (const KmDate *date)
{
  g_return_val_if_fail (date != NULL, FALSE);

  if (date->year < 1 || date->year > 9999)
    return FALSE;

  switch (date->precision)
    {
    case KM_DATE_PRECISION_YEAR:
      return date->month == 0 && date->day == 0;
    case KM_DATE_PRECISION_MONTH:
      return date->month >= 1 && date->month <= 12 && date->day == 0;
    case KM_DATE_PRECISION_DAY:
      return date->month >= 1 && date->month <= 12 &&
             date->day >= 1 && date->day <= km_date_get_days_in_month (date->year, date->month);
    default:
      return FALSE;
    }
}

/**
 * km_date_to_iso:
 * @date: a valid #KmDate
 *
 * Returns: (transfer full): @date written the way km_date_parse() reads it
 */
char *
km_date_to_iso (const KmDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  switch (date->precision)
    {
    case KM_DATE_PRECISION_YEAR:
      return g_strdup_printf ("%04d", date->year);
    case KM_DATE_PRECISION_MONTH:
      return g_strdup_printf ("%04d-%02d", date->year, date->month);
    case KM_DATE_PRECISION_DAY:
    default:
      return g_strdup_printf ("%04d-%02d-%02d", date->year, date->month, date->day);
    }
}

/**
 * km_date_to_days:
 * @date: a valid #KmDate
 *
 * Returns: the day the period of @date starts (1 January for a year, the
 *   1st for a month), in days since 1970-01-01
 */
gint64
km_date_to_days (const KmDate *date)
{
  g_return_val_if_fail (date != NULL, 0);

  return days_from_civil (date->year,
                          MAX (date->month, 1),
                          MAX (date->day, 1));
}

/**
 * km_date_end_to_days:
 * @date: a valid #KmDate
 *
 * Returns: the last day of the period of @date, inclusive (31 December for
 *   a year, the month's last day for a month, the day itself for a day), in
 *   days since 1970-01-01
 */
gint64
km_date_end_to_days (const KmDate *date)
{
  g_return_val_if_fail (date != NULL, 0);

  switch (date->precision)
    {
    case KM_DATE_PRECISION_YEAR:
      return days_from_civil (date->year, 12, 31);
    case KM_DATE_PRECISION_MONTH:
      if (date->month >= 1 && date->month <= 12)
        return days_from_civil (date->year, date->month,
                                km_date_get_days_in_month (date->year, date->month));
      return days_from_civil (date->year, 12, 31);
    case KM_DATE_PRECISION_DAY:
    default:
      return km_date_to_days (date);
    }
}

/**
 * km_date_compare:
 * @a: a #KmDate
 * @b: a #KmDate
 *
 * Orders by the start of the period, then coarser precision first (1992
 * before 1992-01 before 1992-01-01), then exact before approximate.
 *
 * Returns: negative, 0 or positive, like strcmp()
 */
int
km_date_compare (const KmDate *a,
                 const KmDate *b)
{
  gint64 da;
  gint64 db;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  da = km_date_to_days (a);
  db = km_date_to_days (b);

  if (da != db)
    return da < db ? -1 : 1;

  if (a->precision != b->precision)
    return a->precision < b->precision ? -1 : 1;

  if (!a->approximate != !b->approximate)
    return a->approximate ? 1 : -1;

  return 0;
}
