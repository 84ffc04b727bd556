/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-date-format"

#include "config.h"

#include <string.h>

#include "km-date-format.h"
#include "km-text.h"
#include "km-timeline-entry.h"

/* Dates are written out from built-in tables rather than with strftime()
 * or GDateTime:
 *
 *  - the exhibition's languages must not depend on which glibc locales a
 *    kiosk happens to have generated (az_AZ often is not), and a language
 *    switch must not wait for LC_TIME to follow;
 *  - the content gives dates at year, month or day precision and marks some
 *    as approximate; LC_TIME has no formats for "February 1992" or "c. 1994";
 *  - the same code writes the dates of sources in the statistics view, and
 *    curators need them identical everywhere.
 *
 * A new exhibition language adds a row to `formats`.
 */

typedef struct
{
  const char *lang;
  const char *months[12];
  /* The established abbreviation for "circa", with the space it takes. */
  const char *approximate;
  /* For an entry no source dates: never a guessed year. */
  const char *unknown;
  /* A month of a year as a sentence names it, when the language does not
   * write it "February 1992": Azerbaijani "1992-ci ilin fevralı" (the
   * possessive of each month, after "the year's").
   */
  const char *months_of_year[12];
} DateFormat;

static const DateFormat formats[] = {
  {
    "en",
    { "January", "February", "March", "April", "May", "June", "July",
      "August", "September", "October", "November", "December" },
    "c.\u00a0",
    "Date unknown",
  },
  {
    /* Azerbaijani month names are not capitalised; "təxm." is the usual
     * abbreviation of "təxminən" (approximately).
     */
    "az",
    { "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul",
      "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr" },
    "təxm.\u00a0",
    "Tarixi məlum deyil",
    { "yanvarı", "fevralı", "martı", "apreli", "mayı", "iyunu", "iyulu",
      "avqustu", "sentyabrı", "oktyabrı", "noyabrı", "dekabrı" },
  },
  {
    "id",
    { "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
      "Agustus", "September", "Oktober", "November", "Desember" },
    "sekitar\u00a0",
    "Tanggal tidak diketahui",
  },
};

/* Between the two ends of a range: an en dash, spaced when an end is more
 * than one word, as style guides of all three languages allow.
 */
#define DASH        "–"
#define SPACED_DASH "\u00a0– "

static const DateFormat *
lookup_format (const char *lang)
{
  g_autofree char *normal = NULL;

  if (lang == NULL)
    lang = km_text_get_language ();
  if (lang == NULL)
    return &formats[0];

  normal = km_text_normalize_lang (lang);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (normal != NULL && g_str_has_prefix (normal, formats[i].lang) &&
        (normal[2] == '\0' || normal[2] == '_' || normal[2] == '@' || normal[2] == '-'))
      return &formats[i];

  return &formats[0];
}

/* The Azerbaijani ordinal suffix of a year, "1992-ci", "2013-cü",
 * "2019-cu", "1996-cı": its vowel follows the last word said, which is
 * the last digit that is not 0, or the word for its tens, hundreds or
 * thousands.
 */
static const char *
az_ordinal_suffix (int year)
{
  /* bir iki üç dörd beş altı yeddi səkkiz doqquz */
  static const char * const units[] = { NULL, "ci", "ci", "cü", "cü", "ci", "cı", "ci", "ci", "cu" };
  /* on iyirmi otuz qırx əlli altmış yetmiş səksən doxsan */
  static const char * const tens[] = { NULL, "cu", "ci", "cu", "cı", "ci", "cı", "ci", "ci", "cı" };
  int n = ABS (year);

  if (n % 10 != 0)
    return units[n % 10];
  if (n % 100 != 0)
    return tens[(n / 10) % 10];
  if (n % 1000 != 0)
    return "cü";   /* yüz */
  return "ci";     /* min */
}

static void
append_month_year (GString          *out,
                   const DateFormat *format,
                   int               month,
                   int               year)
{
  if (format->months_of_year[0] != NULL)
    g_string_append_printf (out, "%d-%s ilin %s", year, az_ordinal_suffix (year), format->months_of_year[month - 1]);
  else
    g_string_append_printf (out, "%s %d", format->months[month - 1], year);
}

static void
append_approximate (GString          *out,
                    const KmDate     *date,
                    const DateFormat *format)
{
  if (date->approximate)
    g_string_append (out, format->approximate);
}

static void
append_date (GString          *out,
             const KmDate     *date,
             const DateFormat *format)
{
  append_approximate (out, date, format);

  switch (date->precision)
    {
    case KM_DATE_PRECISION_DAY:
      g_string_append_printf (out, "%d\u00a0%s %d", date->day, format->months[date->month - 1], date->year);
      break;
    case KM_DATE_PRECISION_MONTH:
      append_month_year (out, format, date->month, date->year);
      break;
    case KM_DATE_PRECISION_YEAR:
    default:
      g_string_append_printf (out, "%d", date->year);
      break;
    }
}

/**
 * km_date_format:
 * @date: a valid #KmDate
 * @lang: (nullable): a language code ("en", "az", "id"); %NULL for the
 *   current content language
 *
 * Writes @date out at its precision: "26 February 1992", "February 1992",
 * "1994", with a mark for approximate dates ("c. 1994").
 *
 * Returns: (transfer full): the date as visitors read it
 */
char *
km_date_format (const KmDate *date,
                const char   *lang)
{
  GString *out;

  g_return_val_if_fail (date != NULL, NULL);
  g_return_val_if_fail (km_date_is_valid (date), NULL);

  out = g_string_new (NULL);
  append_date (out, date, lookup_format (lang));

  return g_string_free (out, FALSE);
}

/**
 * km_date_format_range:
 * @start: a valid #KmDate
 * @end: (nullable): a valid #KmDate, not before @start
 * @lang: (nullable): a language code; %NULL for the current content language
 *
 * Writes a period out, sharing what both ends share: "25–26 February 1992",
 * "February–March 1992", "1994–1997", "1 March 1994 – 25 February 1997".
 * Without @end, or with an @end equal to @start, this is km_date_format().
 *
 * Returns: (transfer full): the period as visitors read it
 */
char *
km_date_format_range (const KmDate *start,
                      const KmDate *end,
                      const char   *lang)
{
  const DateFormat *format;
  GString *out;

  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (km_date_is_valid (start), NULL);
  g_return_val_if_fail (end == NULL || km_date_is_valid (end), NULL);

  if (end == NULL || km_date_compare (start, end) == 0)
    return km_date_format (start, lang);

  /* An entry marked approximate as a whole: one mark before the period. */
  if (start->approximate && end->approximate)
    {
      KmDate exact_start = *start;
      KmDate exact_end = *end;
      g_autofree char *range = NULL;

      exact_start.approximate = exact_end.approximate = FALSE;
      range = km_date_format_range (&exact_start, &exact_end, lang);

      return g_strconcat (lookup_format (lang)->approximate, range, NULL);
    }

  format = lookup_format (lang);
  out = g_string_new (NULL);

  /* Only exact ends of the same precision can share a part. */
  if (start->precision == end->precision && !start->approximate && !end->approximate)
    {
      switch (start->precision)
        {
        case KM_DATE_PRECISION_YEAR:
          g_string_append_printf (out, "%d" DASH "%d", start->year, end->year);
          return g_string_free (out, FALSE);

        case KM_DATE_PRECISION_MONTH:
          if (start->year == end->year && format->months_of_year[0] != NULL)
            {
              /* "1992-ci ilin fevral–mart ayları": the months of the year. */
              g_string_append_printf (out, "%d-%s ilin %s" DASH "%s ayları",
                                      end->year, az_ordinal_suffix (end->year),
                                      format->months[start->month - 1],
                                      format->months[end->month - 1]);
              return g_string_free (out, FALSE);
            }
          if (start->year == end->year)
            {
              g_string_append_printf (out, "%s" DASH "%s %d",
                                      format->months[start->month - 1],
                                      format->months[end->month - 1],
                                      end->year);
              return g_string_free (out, FALSE);
            }
          break;

        case KM_DATE_PRECISION_DAY:
        default:
          if (start->year == end->year && start->month == end->month)
            {
              g_string_append_printf (out, "%d" DASH "%d\u00a0%s %d",
                                      start->day, end->day,
                                      format->months[end->month - 1], end->year);
              return g_string_free (out, FALSE);
            }
          if (start->year == end->year)
            {
              g_string_append_printf (out, "%d\u00a0%s" SPACED_DASH,
                                      start->day, format->months[start->month - 1]);
              append_date (out, end, format);
              return g_string_free (out, FALSE);
            }
          break;
        }
    }

  append_date (out, start, format);
  /* Two bare years read best unspaced: "1991–1992". */
  if (start->precision == KM_DATE_PRECISION_YEAR && end->precision == KM_DATE_PRECISION_YEAR &&
      !start->approximate && !end->approximate)
    g_string_append (out, DASH);
  else
    g_string_append (out, SPACED_DASH);
  append_date (out, end, format);

  return g_string_free (out, FALSE);
}

/**
 * km_date_format_entry:
 * @entry: a #KmTimelineEntry
 * @lang: (nullable): a language code; %NULL for the current content language
 *
 * The one place that says when an entry happened, for the timeline, its
 * tour, the kiosk and the gallery alike: "date unknown" for an entry no
 * source dates, else the curators' display date or the written-out date.
 *
 * Returns: (transfer full): the entry's date as visitors read it
 */
char *
km_date_format_entry (KmTimelineEntry *entry,
                      const char      *lang)
{
  const char *display;

  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (entry), NULL);

  if (!km_timeline_entry_get_date_known (entry))
    return g_strdup (lookup_format (lang)->unknown);

  display = km_text_get (km_timeline_entry_get_display_date_text (entry),
                         lang != NULL ? lang : km_text_get_language ());
  if (display != NULL)
    return g_strdup (display);

  return km_date_format_range (km_timeline_entry_get_date (entry),
                               km_timeline_entry_get_end (entry), lang);
}
