/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "km-content-store.h"
#include "km-fake-clock.h"
#include "km-i18n.h"
#include "km-visit-log.h"

/* The anonymous visit figures (#23) on a fake clock: counts, histogram
 * buckets, CSV, /metrics lines, the bound on the file, files that cannot
 * be read, the off switch and kills while writing (KM_CRASH_AT, this test
 * links the core with fault injection).
 */

/* 2026-02-26T10:00:00Z */
#define TEN_O_CLOCK_MS G_GINT64_CONSTANT (1772100000000)
#define HOUR_10        (TEN_O_CLOCK_MS / 3600000)

typedef struct
{
  char           *dir;
  char           *path;
  KmClock        *clock;
  KmContentStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *valid = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "content", "valid", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (valid);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("km-visits-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "visits.ini", NULL);
  f->clock = km_fake_clock_new ();
  km_fake_clock_set_real_time (KM_FAKE_CLOCK (f->clock), TEN_O_CLOCK_MS);
  f->store = km_content_store_new ();
  g_assert_true (km_content_store_load (f->store, dir, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_object_unref (f->clock);
  g_object_unref (f->store);
}

static KmVisitLog *
open_log (Fixture *f,
          guint    max_rows)
{
  KmVisitLog *log = km_visit_log_new (f->clock, f->path, max_rows);

  km_visit_log_set_store (log, f->store);
  return log;
}

static void
advance_s (Fixture *f,
           guint    seconds)
{
  km_fake_clock_advance (KM_FAKE_CLOCK (f->clock), seconds * 1000);
}

/* A visit of @seconds from its first to its last touch, then the idle
 * reset two minutes later. */
static void
visit (Fixture    *f,
       KmVisitLog *log,
       guint       seconds,
       const char *language)
{
  km_visit_log_begin_visit (log);
  advance_s (f, seconds);
  km_visit_log_note_activity (log);
  advance_s (f, 120);
  km_visit_log_end_visit (log, language);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  return data;
}

static guint
count_hour_groups (const char *path)
{
  g_autofree char *data = read_file (path);
  guint n = 0;

  for (const char *p = data; (p = strstr (p, "\n[Hour ")) != NULL; p++)
    n++;
  return n;
}

static char *
dup_metrics (KmVisitLog *log)
{
  GString *out = g_string_new (NULL);

  km_visit_log_append_metrics (log, out);
  return g_string_free (out, FALSE);
}

static void
assert_has_line (const char *text,
                 const char *line)
{
  g_autofree char *needle = g_strconcat ("\n", line, "\n", NULL);
  g_autofree char *haystack = g_strconcat ("\n", text, NULL);

  if (strstr (haystack, needle) == NULL)
    g_error ("no line “%s” in:\n%s", line, text);
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(KmVisitLog) log = open_log (f, 0);
  g_autoptr(KmVisitLog) again = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *csv_again = NULL;
  g_autofree char *metrics = NULL;
  g_autofree char *file = NULL;

  /* Outside a visit nothing is counted. */
  g_assert_false (km_visit_log_note_open (log, KM_VISIT_OPEN_EXHIBIT, "candle"));
  km_visit_log_end_visit (log, "en");
  g_assert_cmpuint (km_visit_log_get_n_rows (log), ==, 0);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  /* 10:05, 20 s: three exhibits (one twice, not in a row), an entry, a
   * view; ids the content does not have and free text are refused. */
  advance_s (f, 5 * 60);
  km_visit_log_begin_visit (log);
  g_assert_true (km_visit_log_get_in_visit (log));
  g_assert_true (km_visit_log_note_open (log, KM_VISIT_OPEN_VIEW, "gallery"));
  g_assert_true (km_visit_log_note_open (log, KM_VISIT_OPEN_EXHIBIT, "candle"));
  g_assert_false (km_visit_log_note_open (log, KM_VISIT_OPEN_EXHIBIT, "candle"));
  g_assert_true (km_visit_log_note_open (log, KM_VISIT_OPEN_EXHIBIT, "map"));
  g_assert_true (km_visit_log_note_open (log, KM_VISIT_OPEN_EXHIBIT, "candle"));
  g_assert_false (km_visit_log_note_open (log, KM_VISIT_OPEN_EXHIBIT, "no-such-exhibit"));
  g_assert_false (km_visit_log_note_open (log, KM_VISIT_OPEN_EXHIBIT, "memory"));
  g_assert_false (km_visit_log_note_open (log, KM_VISIT_OPEN_EXHIBIT, "=HYPERLINK(\"x\")"));
  g_assert_true (km_visit_log_note_open (log, KM_VISIT_OPEN_ENTRY, "memory"));
  g_assert_false (km_visit_log_note_open (log, KM_VISIT_OPEN_ENTRY, "candle"));
  g_assert_false (km_visit_log_note_open (log, KM_VISIT_OPEN_VIEW, "preferences"));
  g_assert_true (km_visit_log_note_open (log, KM_VISIT_OPEN_VIEW, "timeline"));
  advance_s (f, 20);
  km_visit_log_note_activity (log);
  advance_s (f, 140);
  km_visit_log_end_visit (log, "az");
  g_assert_false (km_visit_log_get_in_visit (log));

  /* 10:30, 90 s, in English; 11:10, 25 minutes, in Indonesian. */
  advance_s (f, 25 * 60 - 160);
  km_visit_log_begin_visit (log);
  g_assert_true (km_visit_log_note_open (log, KM_VISIT_OPEN_VIEW, "timeline"));
  advance_s (f, 90);
  km_visit_log_note_activity (log);
  advance_s (f, 140);
  km_visit_log_end_visit (log, "en");
  advance_s (f, 40 * 60 - 230);
  visit (f, log, 25 * 60, "id");
  /* A language nobody shows is not counted, the visit is. */
  visit (f, log, 5, "xx");

  g_assert_cmpuint (km_visit_log_get_visits (log, HOUR_10), ==, 2);
  g_assert_cmpuint (km_visit_log_get_visits (log, HOUR_10 + 1), ==, 2);
  g_assert_cmpuint (km_visit_log_get_visits (log, HOUR_10 + 2), ==, 0);

  csv = km_visit_log_to_csv (log, NULL);
  g_assert_cmpstr (csv, ==,
                   "\"hour\",\"figure\",\"item\",\"count\"\r\n"
                   "\"2026-02-26T10:00:00+00:00\",\"visits\",\"\",\"2\"\r\n"
                   "\"2026-02-26T10:00:00+00:00\",\"visit_length\",\"0-30s\",\"1\"\r\n"
                   "\"2026-02-26T10:00:00+00:00\",\"visit_length\",\"1-2min\",\"1\"\r\n"
                   "\"2026-02-26T10:00:00+00:00\",\"language\",\"az\",\"1\"\r\n"
                   "\"2026-02-26T10:00:00+00:00\",\"language\",\"en\",\"1\"\r\n"
                   "\"2026-02-26T10:00:00+00:00\",\"view\",\"gallery\",\"1\"\r\n"
                   "\"2026-02-26T10:00:00+00:00\",\"view\",\"timeline\",\"2\"\r\n"
                   "\"2026-02-26T10:00:00+00:00\",\"exhibit\",\"candle\",\"2\"\r\n"
                   "\"2026-02-26T10:00:00+00:00\",\"exhibit\",\"map\",\"1\"\r\n"
                   "\"2026-02-26T10:00:00+00:00\",\"entry\",\"memory\",\"1\"\r\n"
                   "\"2026-02-26T11:00:00+00:00\",\"visits\",\"\",\"2\"\r\n"
                   "\"2026-02-26T11:00:00+00:00\",\"visit_length\",\"0-30s\",\"1\"\r\n"
                   "\"2026-02-26T11:00:00+00:00\",\"visit_length\",\"20min+\",\"1\"\r\n"
                   "\"2026-02-26T11:00:00+00:00\",\"language\",\"id\",\"1\"\r\n");

  /* The file has hours and counts, no finer time and no order of steps. */
  file = read_file (f->path);
  g_assert_true (g_str_has_prefix (strstr (file, "[Visit Log]"), "[Visit Log]\nVersion=1\n"));
  g_assert_nonnull (strstr (file, "[Hour 2026-02-26T10:00:00Z]\nVisits=2\nVisitLength=1;0;1;0;0;0;0;\n"
                                  "Entry:memory=1\nExhibit:candle=2\nExhibit:map=1\nLanguage:az=1\nLanguage:en=1\n"
                                  "View:gallery=1\nView:timeline=2\n"));
  g_assert_null (strstr (file, ":05"));

  /* Read back, the same figures. */
  again = open_log (f, 0);
  g_assert_null (km_visit_log_dup_warning (again));
  csv_again = km_visit_log_to_csv (again, NULL);
  g_assert_cmpstr (csv_again, ==, csv);

  metrics = dup_metrics (log);
  assert_has_line (metrics, "# TYPE km_visits_total counter");
  assert_has_line (metrics, "km_visits_total 4");
  assert_has_line (metrics, "km_visit_duration_seconds_bucket{le=\"30\"} 2");
  assert_has_line (metrics, "km_visit_duration_seconds_bucket{le=\"120\"} 3");
  assert_has_line (metrics, "km_visit_duration_seconds_bucket{le=\"1200\"} 3");
  assert_has_line (metrics, "km_visit_duration_seconds_bucket{le=\"+Inf\"} 4");
  assert_has_line (metrics, "km_visit_duration_seconds_sum 1615");
  assert_has_line (metrics, "km_visit_duration_seconds_count 4");
  assert_has_line (metrics, "km_language_chosen_total{language=\"az\"} 1");
  assert_has_line (metrics, "km_language_chosen_total{language=\"id\"} 1");
  assert_has_line (metrics, "km_view_opened_total{view=\"statistics\"} 0");
  assert_has_line (metrics, "km_view_opened_total{view=\"timeline\"} 2");
  assert_has_line (metrics, "km_exhibit_opened_total{exhibit=\"candle\"} 2");
  assert_has_line (metrics, "km_timeline_entry_opened_total{entry=\"memory\"} 1");
  assert_has_line (metrics, "km_open_seconds_total 0");

  /* Counters are the process's: a new one starts at zero. */
  g_clear_pointer (&metrics, g_free);
  metrics = dup_metrics (again);
  assert_has_line (metrics, "km_visits_total 0");
}

/* Each bucket's edges: under 30 s, 30–60 s, 1–2, 2–5, 5–10, 10–20 min, 20 min and more. */
static void
test_histogram (Fixture       *f,
                gconstpointer  data)
{
  static const guint lengths[] = { 0, 29, 30, 59, 60, 119, 120, 299, 300, 599, 600, 1199, 1200, 7200 };
  g_autoptr(KmVisitLog) log = open_log (f, 0);
  g_autofree char *csv = NULL;
  g_autofree char *metrics = NULL;
  g_autofree char *file = NULL;
  guint64 sum = 0;
  g_autofree char *sum_line = NULL;

  g_assert_cmpuint (km_visit_log_get_bucket_bounds ()[0], ==, 30);
  g_assert_cmpuint (km_visit_log_get_bucket_bounds ()[5], ==, 1200);

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      /* All begin within 10:00–10:59. */
      km_fake_clock_set_real_time (KM_FAKE_CLOCK (f->clock), TEN_O_CLOCK_MS + i * 60000);
      visit (f, log, lengths[i], "en");
      sum += lengths[i];
    }

  g_assert_cmpuint (km_visit_log_get_visits (log, HOUR_10), ==, G_N_ELEMENTS (lengths));
  file = read_file (f->path);
  g_assert_nonnull (strstr (file, "VisitLength=2;2;2;2;2;2;2;\n"));

  csv = km_visit_log_to_csv (log, NULL);
  for (guint i = 0; i < KM_VISIT_LOG_N_BUCKETS; i++)
    {
      static const char * const names[] = { "0-30s", "30-60s", "1-2min", "2-5min", "5-10min", "10-20min", "20min+" };
      g_autofree char *row = g_strdup_printf ("\"visit_length\",\"%s\",\"2\"\r\n", names[i]);

      g_assert_nonnull (strstr (csv, row));
    }

  metrics = dup_metrics (log);
  assert_has_line (metrics, "km_visit_duration_seconds_bucket{le=\"30\"} 2");
  assert_has_line (metrics, "km_visit_duration_seconds_bucket{le=\"60\"} 4");
  assert_has_line (metrics, "km_visit_duration_seconds_bucket{le=\"120\"} 6");
  assert_has_line (metrics, "km_visit_duration_seconds_bucket{le=\"300\"} 8");
  assert_has_line (metrics, "km_visit_duration_seconds_bucket{le=\"600\"} 10");
  assert_has_line (metrics, "km_visit_duration_seconds_bucket{le=\"1200\"} 12");
  assert_has_line (metrics, "km_visit_duration_seconds_bucket{le=\"+Inf\"} 14");
  sum_line = g_strdup_printf ("km_visit_duration_seconds_sum %" G_GUINT64_FORMAT, sum);
  assert_has_line (metrics, sum_line);
}

/* One visit an hour for longer than the bound: never more rows, in
 * memory or in the file, and the newest are kept. */
static void
test_bound (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(KmVisitLog) log = open_log (f, 48);
  gint64 first_hour = HOUR_10;
  gsize full_size = 0;

  for (guint h = 0; h < 150; h++)
    {
      GStatBuf info;

      km_fake_clock_set_real_time (KM_FAKE_CLOCK (f->clock), TEN_O_CLOCK_MS + (gint64) h * 3600000);
      km_visit_log_begin_visit (log);
      km_visit_log_note_open (log, KM_VISIT_OPEN_EXHIBIT, "candle");
      km_visit_log_note_open (log, KM_VISIT_OPEN_VIEW, "gallery");
      advance_s (f, 10);
      km_visit_log_end_visit (log, "az");

      g_assert_cmpuint (km_visit_log_get_n_rows (log), ==, MIN (h + 1, 48));
      g_assert_cmpuint (count_hour_groups (f->path), ==, MIN (h + 1, 48));
      g_assert_cmpint (g_stat (f->path, &info), ==, 0);
      if (h == 47)
        full_size = info.st_size;
      else if (h > 47)
        g_assert_cmpuint (info.st_size, <=, full_size);
    }

  g_assert_cmpuint (km_visit_log_get_visits (log, first_hour + 101), ==, 0);
  g_assert_cmpuint (km_visit_log_get_visits (log, first_hour + 102), ==, 1);
  g_assert_cmpuint (km_visit_log_get_visits (log, first_hour + 149), ==, 1);
}

/* The real bound: a file of more than a year of rows (a clock that jumped,
 * an older version) is cut to a year when read, and written so. */
static void
test_bound_year (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(KmVisitLog) log = NULL;
  g_autoptr(GError) error = NULL;
  guint n = KM_VISIT_LOG_MAX_ROWS + 100;
  gint64 now_hour = HOUR_10 + n - 1;

  g_assert_cmpuint (KM_VISIT_LOG_MAX_ROWS, ==, 8784);

  g_key_file_set_integer (file, "Visit Log", "Version", 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((HOUR_10 + i) * 3600);
      g_autofree char *iso = g_date_time_format (time, "Hour %Y-%m-%dT%H:%M:%SZ");

      g_key_file_set_integer (file, iso, "Visits", 1);
      g_key_file_set_string (file, iso, "VisitLength", "0;1;0;0;0;0;0");
    }
  g_assert_true (g_key_file_save_to_file (file, f->path, &error));
  g_assert_no_error (error);

  km_fake_clock_set_real_time (KM_FAKE_CLOCK (f->clock), now_hour * 3600000);
  log = open_log (f, 0);
  g_assert_null (km_visit_log_dup_warning (log));
  g_assert_cmpuint (km_visit_log_get_n_rows (log), ==, KM_VISIT_LOG_MAX_ROWS);
  g_assert_cmpuint (km_visit_log_get_visits (log, now_hour - KM_VISIT_LOG_MAX_ROWS), ==, 0);
  g_assert_cmpuint (km_visit_log_get_visits (log, now_hour - KM_VISIT_LOG_MAX_ROWS + 1), ==, 1);

  /* A visit in the current hour: still a year of rows. */
  visit (f, log, 10, "en");
  g_assert_cmpuint (km_visit_log_get_visits (log, now_hour), ==, 2);
  g_assert_cmpuint (count_hour_groups (f->path), ==, KM_VISIT_LOG_MAX_ROWS);
}

typedef struct
{
  const char *name;
  const char *text;
} BadFile;

static const char valid_file[] =
  "[Visit Log]\nVersion=1\n\n"
  "[Hour 2026-02-26T09:00:00Z]\nVisits=3\nVisitLength=1;2;0;0;0;0;0;\nLanguage:az=2\nExhibit:candle=1\n";

static const BadFile bad_files[] = {
  { "truncated-group", "[Visit Log]\nVersion=1\n\n[Hour 2026-02-26T09:00:00Z]\nVisits=3\nVisitLength=1;2;0;0;0;0;0;\n[Hour 2026-02" },
  { "truncated-list", "[Visit Log]\nVersion=1\n\n[Hour 2026-02-26T09:00:00Z]\nVisits=3\nVisitLength=1;2;0" },
  { "truncated-key", "[Visit Log]\nVersion=1\n\n[Hour 2026-02-26T09:00:00Z]\nVisits=3\n" },
  { "empty", "" },
  { "binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" },
  { "version", "[Visit Log]\nVersion=2\n" },
  { "no-header", "[Hour 2026-02-26T09:00:00Z]\nVisits=0\nVisitLength=0;0;0;0;0;0;0;\n" },
  { "minutes", "[Visit Log]\nVersion=1\n[Hour 2026-02-26T09:30:00Z]\nVisits=0\nVisitLength=0;0;0;0;0;0;0;\n" },
  { "sum", "[Visit Log]\nVersion=1\n[Hour 2026-02-26T09:00:00Z]\nVisits=4\nVisitLength=1;2;0;0;0;0;0;\n" },
  { "negative", "[Visit Log]\nVersion=1\n[Hour 2026-02-26T09:00:00Z]\nVisits=-1\nVisitLength=0;0;0;0;0;0;0;\n" },
  { "free-text", "[Visit Log]\nVersion=1\n[Hour 2026-02-26T09:00:00Z]\nVisits=0\nVisitLength=0;0;0;0;0;0;0;\nSearch=my name\n" },
  { "bad-id", "[Visit Log]\nVersion=1\n[Hour 2026-02-26T09:00:00Z]\nVisits=0\nVisitLength=0;0;0;0;0;0;0;\nExhibit:=x=1\n" },
  { "language", "[Visit Log]\nVersion=1\n[Hour 2026-02-26T09:00:00Z]\nVisits=0\nVisitLength=0;0;0;0;0;0;0;\nLanguage:fr=1\n" },
  { "zero", "[Visit Log]\nVersion=1\n[Hour 2026-02-26T09:00:00Z]\nVisits=0\nVisitLength=0;0;0;0;0;0;0;\nView:gallery=0\n" },
  { "duplicate", "[Visit Log]\nVersion=1\n[Hour 2026-02-26T09:00:00Z]\nVisits=0\nVisitLength=0;0;0;0;0;0;0;\n"
                 "[Hour 2026-02-26T09:00:00+00:00]\nVisits=0\nVisitLength=0;0;0;0;0;0;0;\n" },
};

/* Each file is set aside with its bytes, with a warning in the log and
 * from km_visit_log_dup_warning(), and counting starts again. */
static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  /* First, that the good file the bad ones are cut from is good. */
  {
    g_autoptr(KmVisitLog) log = NULL;

    g_assert_true (g_file_set_contents (f->path, valid_file, -1, NULL));
    log = open_log (f, 0);
    g_assert_null (km_visit_log_dup_warning (log));
    g_assert_cmpuint (km_visit_log_get_visits (log, HOUR_10 - 1), ==, 3);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autoptr(KmVisitLog) log = NULL;
      g_autoptr(KmVisitLog) again = NULL;
      g_autofree char *warning = NULL;
      g_autofree char *aside = NULL;
      g_autofree char *aside_data = NULL;
      gsize length = bad_files[i].name[0] == 'b' && g_str_equal (bad_files[i].name, "binary")
                     ? 16 : strlen (bad_files[i].text);
      gsize aside_length = 0;

      g_test_message ("%s", bad_files[i].name);
      km_fake_clock_set_real_time (KM_FAKE_CLOCK (f->clock), TEN_O_CLOCK_MS + i * 1000);
      aside = g_strdup_printf ("%s.corrupt-20260226T1000%02uZ", f->path, i);
      g_assert_true (g_file_set_contents (f->path, bad_files[i].text, length, NULL));

      g_test_expect_message ("km-visit-log", G_LOG_LEVEL_WARNING, "*could not be read*set aside*");
      log = open_log (f, 0);
      g_test_assert_expected_messages ();

      warning = km_visit_log_dup_warning (log);
      g_assert_nonnull (warning);
      g_assert_nonnull (strstr (warning, "set aside as visits.ini.corrupt-20260226T"));
      g_assert_cmpuint (km_visit_log_get_n_rows (log), ==, 0);
      g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_get_contents (aside, &aside_data, &aside_length, NULL));
      g_assert_cmpmem (aside_data, aside_length, bad_files[i].text, length);
      g_unlink (aside);

      /* Counting starts again, and the next start reads it. */
      visit (f, log, 10, "en");
      again = open_log (f, 0);
      g_assert_null (km_visit_log_dup_warning (again));
      g_assert_cmpuint (km_visit_log_get_visits (again, HOUR_10), ==, 1);
    }
}

/* The setting off: nothing counted, nothing written; a visit going on when
 * it is turned off is forgotten. */
static void
test_off (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(KmVisitLog) log = open_log (f, 0);
  g_autofree char *metrics = NULL;

  km_visit_log_set_enabled (log, FALSE);
  g_assert_false (km_visit_log_get_enabled (log));
  km_visit_log_begin_visit (log);
  g_assert_false (km_visit_log_get_in_visit (log));
  g_assert_false (km_visit_log_note_open (log, KM_VISIT_OPEN_EXHIBIT, "candle"));
  advance_s (f, 40);
  km_visit_log_end_visit (log, "en");
  g_assert_cmpuint (km_visit_log_get_n_rows (log), ==, 0);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  km_visit_log_set_enabled (log, TRUE);
  km_visit_log_begin_visit (log);
  g_assert_true (km_visit_log_note_open (log, KM_VISIT_OPEN_EXHIBIT, "candle"));
  km_visit_log_set_enabled (log, FALSE);
  g_assert_false (km_visit_log_get_in_visit (log));
  km_visit_log_end_visit (log, "en");
  g_assert_cmpuint (km_visit_log_get_n_rows (log), ==, 0);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  metrics = dup_metrics (log);
  assert_has_line (metrics, "km_visits_total 0");
  g_assert_null (strstr (metrics, "exhibit=\"candle\""));
}

/* km_open_seconds_total: time within the opening hours. */
static void
test_open_time (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KmVisitLog) log = open_log (f, 0);
  g_autofree char *metrics = NULL;
  g_autofree char *nothing = NULL;

  km_visit_log_set_open (log, TRUE);
  advance_s (f, 3600);
  km_visit_log_set_open (log, FALSE);
  advance_s (f, 600);
  km_visit_log_set_open (log, TRUE);
  advance_s (f, 30);
  metrics = dup_metrics (log);
  assert_has_line (metrics, "km_open_seconds_total 3630");

  /* Without a log (the desktop) every series is there, at zero. */
  nothing = dup_metrics (NULL);
  assert_has_line (nothing, "km_visits_total 0");
  assert_has_line (nothing, "km_visit_duration_seconds_count 0");
  assert_has_line (nothing, "km_language_chosen_total{language=\"az\"} 0");
  assert_has_line (nothing, "km_view_opened_total{view=\"gallery\"} 0");
  assert_has_line (nothing, "km_open_seconds_total 0");
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(KmVisitLog) log = open_log (f, 0);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GFile) missing = g_file_new_build_filename (f->dir, "no-stick", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *written = NULL;
  g_autofree char *name = NULL;

  visit (f, log, 45, "az");
  file = km_visit_log_export_csv (log, folder, &error);
  g_assert_no_error (error);
  name = g_file_get_basename (file);
  g_assert_cmpstr (name, ==, "khojaly-memorial-visits-2026-02-26.csv");
  written = read_file (g_file_peek_path (file));
  csv = km_visit_log_to_csv (log, NULL);
  g_assert_cmpstr (written, ==, csv);
  g_assert_nonnull (strstr (written, "\"2026-02-26T10:00:00+00:00\",\"visit_length\",\"30-60s\",\"1\"\r\n"));

  g_clear_object (&file);
  file = km_visit_log_export_csv (log, missing, &error);
  g_assert_null (file);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "no-stick"));
}

/* Kills while writing */

static void
test_crash_child (void)
{
  const char *path = g_getenv ("KM_VISIT_TEST_PATH");
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  g_autoptr(KmVisitLog) log = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("only runs as the child of a crash test");
      return;
    }

  km_fake_clock_set_real_time (KM_FAKE_CLOCK (clock), TEN_O_CLOCK_MS + 3600000 + 600000);
  log = km_visit_log_new (clock, path, 0);
  km_visit_log_begin_visit (log);
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 30000);
  km_visit_log_note_activity (log);
  km_visit_log_end_visit (log, "az");
  /* Still alive: the crash point was not reached. */
}

static void
test_crash (Fixture       *f,
            gconstpointer  data)
{
  const char *step = data;
  g_autoptr(KmVisitLog) log = open_log (f, 0);
  g_autoptr(KmVisitLog) after = NULL;
  g_autofree char *before = NULL;
  g_autofree char *csv_after = NULL;
  g_autofree char *new_path = g_strconcat (f->path, ".new", NULL);

  /* 10:00 and 11:00 counted and saved; then a visit at 11:10 whose save is killed. */
  visit (f, log, 30, "en");
  visit (f, log, 70, "id");
  km_fake_clock_set_real_time (KM_FAKE_CLOCK (f->clock), TEN_O_CLOCK_MS + 3600000);
  visit (f, log, 5, "en");
  before = km_visit_log_to_csv (log, NULL);

  g_setenv ("KM_VISIT_TEST_PATH", f->path, TRUE);
  g_setenv ("KM_CRASH_AT", step, TRUE);
  g_test_trap_subprocess ("/km/visit-log/crash-child", 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("KM_CRASH_AT");
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr_unmatched ("*ERROR*");
  /* The kill left its half-written or whole ".new" file. */
  g_assert_true (g_file_test (new_path, G_FILE_TEST_EXISTS));

  /* The next start: no warning, everything before the killed visit. */
  after = open_log (f, 0);
  g_assert_null (km_visit_log_dup_warning (after));
  g_assert_false (g_file_test (new_path, G_FILE_TEST_EXISTS));
  csv_after = km_visit_log_to_csv (after, NULL);
  g_assert_cmpstr (csv_after, ==, before);
  g_assert_cmpuint (km_visit_log_get_visits (after, HOUR_10), ==, 2);
  g_assert_cmpuint (km_visit_log_get_visits (after, HOUR_10 + 1), ==, 1);

  /* Without a kill the child's visit is there. */
  g_test_trap_subprocess ("/km/visit-log/crash-child", 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_clear_object (&after);
  after = open_log (f, 0);
  g_assert_cmpuint (km_visit_log_get_visits (after, HOUR_10 + 1), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  /* Hours in the CSV are local: make local UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();
  km_i18n_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func, data) \
  g_test_add ("/km/visit-log/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("counts", test_counts, NULL);
  ADD ("histogram", test_histogram, NULL);
  ADD ("bound", test_bound, NULL);
  ADD ("bound-year", test_bound_year, NULL);
  ADD ("corrupt", test_corrupt, NULL);
  ADD ("off", test_off, NULL);
  ADD ("open-time", test_open_time, NULL);
  ADD ("export", test_export, NULL);
  ADD ("crash-mid-write", test_crash, "visit-log-mid-write");
  ADD ("crash-before-rename", test_crash, "visit-log-written");
  g_test_add_func ("/km/visit-log/crash-child", test_crash_child);
#undef ADD

  return g_test_run ();
}
