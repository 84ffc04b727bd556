/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "km-date-format.h"
#include "km-test-utils.h"

#define NBSP "\u00a0"

static KmDate
parse (const char *iso,
       gboolean    approximate)
{
  g_autoptr(GError) error = NULL;
  KmDate date;

  g_assert_true (km_date_parse (iso, &date, &error));
  g_assert_no_error (error);
  date.approximate = approximate;

  return date;
}

static void
assert_format (const char *iso,
               gboolean    approximate,
               const char *lang,
               const char *expected)
{
  KmDate date = parse (iso, approximate);
  g_autofree char *text = km_date_format (&date, lang);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_range (const char *start_iso,
              gboolean    start_approximate,
              const char *end_iso,
              const char *lang,
              const char *expected)
{
  KmDate start = parse (start_iso, start_approximate);
  KmDate end = parse (end_iso, FALSE);
  g_autofree char *text = km_date_format_range (&start, &end, lang);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_date_format_precisions (void)
{
  assert_format ("1992-02-26", FALSE, "en", "26" NBSP "February 1992");
  assert_format ("1992-02-26", FALSE, "az", "26" NBSP "fevral 1992");
  assert_format ("1992-02-26", FALSE, "id", "26" NBSP "Februari 1992");

  assert_format ("1992-02", FALSE, "en", "February 1992");
  /* Azerbaijani names a month of a year "the year's February". */
  assert_format ("1992-02", FALSE, "az", "1992-ci ilin fevralı");
  assert_format ("1992-02", FALSE, "id", "Februari 1992");

  assert_format ("1994", FALSE, "en", "1994");
  assert_format ("1994", FALSE, "az", "1994");
  assert_format ("1994", FALSE, "id", "1994");
}

static void
test_date_format_months (void)
{
  static const char * const en[] = { "January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December" };
  static const char * const az[] = { "yanvarı", "fevralı", "martı", "apreli", "mayı", "iyunu", "iyulu",
                                     "avqustu", "sentyabrı", "oktyabrı", "noyabrı", "dekabrı" };
  static const char * const id[] = { "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                                     "Agustus", "September", "Oktober", "November", "Desember" };

  for (int m = 1; m <= 12; m++)
    {
      KmDate date = { 2010, m, 0, KM_DATE_PRECISION_MONTH, FALSE };
      g_autofree char *e = km_date_format (&date, "en");
      g_autofree char *a = km_date_format (&date, "az");
      g_autofree char *i = km_date_format (&date, "id_ID.UTF-8");
      g_autofree char *ee = g_strdup_printf ("%s 2010", en[m - 1]);
      g_autofree char *ae = g_strdup_printf ("2010-cu ilin %s", az[m - 1]);
      g_autofree char *ie = g_strdup_printf ("%s 2010", id[m - 1]);

      g_assert_cmpstr (e, ==, ee);
      g_assert_cmpstr (a, ==, ae);
      g_assert_cmpstr (i, ==, ie);
    }
}

static void
test_date_format_approximate (void)
{
  assert_format ("1994", TRUE, "en", "c." NBSP "1994");
  assert_format ("1994", TRUE, "az", "təxm." NBSP "1994");
  assert_format ("1994", TRUE, "id", "sekitar" NBSP "1994");

  assert_format ("2012-02", TRUE, "en", "c." NBSP "February 2012");
  assert_format ("2012-02", TRUE, "az", "təxm." NBSP "2012-ci ilin fevralı");
  assert_format ("2012-02-26", TRUE, "id", "sekitar" NBSP "26" NBSP "Februari 2012");
}

/* The vowel of the ordinal suffix follows the last word said: bir,
 * iki, üç, dörd, beş, altı, yeddi, səkkiz, doqquz; on, iyirmi, otuz,
 * qırx, əlli, altmış, yetmiş, səksən, doxsan; yüz; min.
 */
static void
test_date_format_az_ordinals (void)
{
  static const struct { const char *iso; const char *expected; } years[] = {
    { "1991-12", "1991-ci ilin dekabrı" }, { "1992-02", "1992-ci ilin fevralı" },
    { "1993-02", "1993-cü ilin fevralı" }, { "1994-03", "1994-cü ilin martı" },
    { "1995-02", "1995-ci ilin fevralı" }, { "1996-04", "1996-cı ilin apreli" },
    { "1997-02", "1997-ci ilin fevralı" }, { "2008-05", "2008-ci ilin mayı" },
    { "2019-02", "2019-cu ilin fevralı" }, { "2010-02", "2010-cu ilin fevralı" },
    { "2020-06", "2020-ci ilin iyunu" }, { "2030-07", "2030-cu ilin iyulu" },
    { "1940-08", "1940-cı ilin avqustu" }, { "1950-09", "1950-ci ilin sentyabrı" },
    { "1960-10", "1960-cı ilin oktyabrı" }, { "1970-11", "1970-ci ilin noyabrı" },
    { "1980-01", "1980-ci ilin yanvarı" }, { "1990-02", "1990-cı ilin fevralı" },
    { "1900-02", "1900-cü ilin fevralı" }, { "2000-02", "2000-ci ilin fevralı" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    assert_format (years[i].iso, FALSE, "az", years[i].expected);

  /* Two months of one year. */
  assert_range ("1992-02", FALSE, "1992-03", "en", "February–March 1992");
  assert_range ("1992-02", FALSE, "1992-03", "az", "1992-ci ilin fevral–mart ayları");
  assert_range ("1992-02", FALSE, "1992-03", "id", "Februari–Maret 1992");
}

static void
test_date_format_ranges (void)
{
  /* Same month: the days share it. */
  assert_range ("1992-02-25", FALSE, "1992-02-26", "en", "25–26" NBSP "February 1992");
  assert_range ("1992-02-25", FALSE, "1992-02-26", "az", "25–26" NBSP "fevral 1992");
  assert_range ("1992-02-25", FALSE, "1992-02-26", "id", "25–26" NBSP "Februari 1992");

  /* Same year. */
  assert_range ("1992-02-25", FALSE, "1992-03-03", "en", "25" NBSP "February" NBSP "– 3" NBSP "March 1992");
  assert_range ("1992-02-25", FALSE, "1992-03-03", "az", "25" NBSP "fevral" NBSP "– 3" NBSP "mart 1992");
  assert_range ("2010-02", FALSE, "2010-05", "en", "February–May 2010");
  assert_range ("2010-02", FALSE, "2010-05", "id", "Februari–Mei 2010");

  /* Nothing shared. */
  assert_range ("1994-03-01", FALSE, "1997-02-25", "en", "1" NBSP "March 1994" NBSP "– 25" NBSP "February 1997");
  assert_range ("1994-03-01", FALSE, "1997-02-25", "az", "1" NBSP "mart 1994" NBSP "– 25" NBSP "fevral 1997");
  assert_range ("1994-03-01", FALSE, "1997-02-25", "id", "1" NBSP "Maret 1994" NBSP "– 25" NBSP "Februari 1997");
  assert_range ("1994", FALSE, "1997", "en", "1994–1997");
  assert_range ("2012-12", FALSE, "2013-01", "id", "Desember 2012" NBSP "– Januari 2013");

  /* Mixed precision and an approximate start. */
  assert_range ("1991", TRUE, "1992-02-25", "en", "c." NBSP "1991" NBSP "– 25" NBSP "February 1992");
  assert_range ("1991", TRUE, "1992-02-25", "az", "təxm." NBSP "1991" NBSP "– 25" NBSP "fevral 1992");
  assert_range ("1991", TRUE, "1992-02-25", "id", "sekitar" NBSP "1991" NBSP "– 25" NBSP "Februari 1992");
  assert_range ("1991", TRUE, "1993", "en", "c." NBSP "1991" NBSP "– 1993");

  /* Both ends approximate: one mark for the whole period. */
  {
    KmDate start = parse ("1992-02-25", TRUE);
    KmDate end = parse ("1992-02-26", TRUE);
    g_autofree char *en = km_date_format_range (&start, &end, "en");
    g_autofree char *az = km_date_format_range (&start, &end, "az");
    g_autofree char *id = km_date_format_range (&start, &end, "id");

    g_assert_cmpstr (en, ==, "c." NBSP "25–26" NBSP "February 1992");
    g_assert_cmpstr (az, ==, "təxm." NBSP "25–26" NBSP "fevral 1992");
    g_assert_cmpstr (id, ==, "sekitar" NBSP "25–26" NBSP "Februari 1992");
  }

  /* No end, or an end equal to the start, is a single date. */
  {
    KmDate d = parse ("1992-02-26", FALSE);
    g_autofree char *a = km_date_format_range (&d, NULL, "en");
    g_autofree char *b = km_date_format_range (&d, &d, "en");

    g_assert_cmpstr (a, ==, "26" NBSP "February 1992");
    g_assert_cmpstr (b, ==, a);
  }
}

static void
test_date_format_fallback (void)
{
  /* An unknown language reads English; NULL is the content language. */
  assert_format ("1992-02-26", FALSE, "fr", "26" NBSP "February 1992");
  assert_format ("1992-02-26", FALSE, "en@pseudo", "26" NBSP "February 1992");
  assert_format ("1992-02-26", FALSE, "az_AZ.UTF-8", "26" NBSP "fevral 1992");
  assert_format ("1992-02-26", FALSE, NULL, "26" NBSP "February 1992");
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

  g_test_add_func ("/km/date-format/precisions", test_date_format_precisions);
  g_test_add_func ("/km/date-format/months", test_date_format_months);
  g_test_add_func ("/km/date-format/approximate", test_date_format_approximate);
  g_test_add_func ("/km/date-format/az-ordinals", test_date_format_az_ordinals);
  g_test_add_func ("/km/date-format/ranges", test_date_format_ranges);
  g_test_add_func ("/km/date-format/fallback", test_date_format_fallback);

  return g_test_run ();
}
