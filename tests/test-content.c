/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "km-content-error.h"
#include "km-content-parser.h"
#include "km-content-store.h"
#include "km-date.h"
#include "km-date-format.h"
#include "km-figure-value.h"
#include "km-text.h"

/* One fault per fixture: tests/content/invalid/<case>/ is tests/content/valid/
 * changed in one place by tests/content/make-invalid.py.
 */
typedef struct
{
  const char *name;
  const char *file;
  int         line;
  int         column;
  const char *message;
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "unknown-element", "exhibits.xml", 19, 5,
    "unknown element <colour> in <exhibit>" },
  { "unknown-attribute", "exhibits.xml", 3, 44,
    "unknown attribute “foo” on <exhibit>" },
  { "missing-element", "exhibits.xml", 3, 3,
    "missing required element <caption> in <exhibit>" },
  { "missing-attribute", "timeline.xml", 26, 3,
    "missing required attribute “date” on <entry>" },
  { "duplicate-id", "exhibits.xml", 20, 12,
    "duplicate exhibit id “candle”, first defined at line 3" },
  { "undefined-source", "exhibits.xml", 21, 42,
    "<exhibit> refers to undefined source “s-nope”" },
  { "undefined-exhibit", "timeline.xml", 15, 28,
    "<entry> refers to undefined exhibit “candel”" },
  { "undefined-entry", "exhibits.xml", 4, 48,
    "<exhibit> refers to undefined entry “nite”" },
  { "undefined-era", "timeline.xml", 26, 24,
    "<entry> refers to undefined era “bifore”" },
  { "undefined-figure", "statistics.xml", 23, 48,
    "<figure> refers to undefined figure “families-all”" },
  { "missing-image", "exhibits.xml", 20, 37,
    "image “images/missing.png” of exhibit “map” does not exist" },
  { "broken-image", "exhibits.xml", 20, 37,
    "image “images/map.png” of exhibit “map” does not decode: " },
  { "value-without-source", "statistics.xml", 18, 7,
    "<value> has no sources=“…”: every figure value needs at least one source" },
  { "malformed-date", "timeline.xml", 26, 37,
    "malformed date “91-10”: write YYYY, YYYY-MM or YYYY-MM-DD" },
  { "impossible-date", "sources.xml", 3, 40,
    "impossible date “2012-02-30”: February 2012 has 29 days" },
  { "empty-translation", "exhibits.xml", 7, 5,
    "empty translation of <title> for xml:lang=“id”: translate it or leave it out" },
  { "malformed-xml", "timeline.xml", 27, 32,
    "malformed XML: " },
  { "bad-enum", "exhibits.xml", 20, 21,
    "unknown kind “statue” on <exhibit>: use one of illustration, poster, document, photograph, video, audio" },
  { "bad-amount", "statistics.xml", 25, 14,
    "amount=“about 150” is not a whole number: write digits only, like 613" },
  { "missing-file", "statistics.xml", 0, 0,
    "missing file: every content pack needs it" },
  { "approximate-without-dated", "timeline.xml", 26, 3,
    "entry “blockade” has an approximate date but no <dated>: say what the source says about the date, or use date-status=“unknown”" },
  { "unknown-date-with-date", "timeline.xml", 31, 46,
    "date=“…” on an entry with date-status=“unknown”: an entry of unknown date has no date" },
  { "unknown-date-without-placed", "timeline.xml", 31, 3,
    "entry “petition” has date-status=“unknown” but no <placed>: say why it stands where it does" },
  { "placed-next-to-undefined", "timeline.xml", 31, 46,
    "<entry> refers to undefined entry “nite”" },
  { "date-source-not-cited", "timeline.xml", 26, 88,
    "date-source=“s-blog” is not one of the entry’s sources" },
};

static GFile *
get_fixture (const char *first,
             ...)
{
  const char *srcdir = g_getenv ("KM_TEST_SRCDIR");
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *path = NULL;
  const char *part;
  va_list args;

  if (srcdir == NULL)
    srcdir = g_test_get_dir (G_TEST_DIST);

  g_ptr_array_add (parts, (gpointer)srcdir);
  g_ptr_array_add (parts, (gpointer)"content");

  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer)part);
  va_end (args);
  g_ptr_array_add (parts, NULL);

  path = g_build_filenamev ((char **)parts->pdata);

  return g_file_new_for_path (path);
}

static KmContentStore *
load_valid (void)
{
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GFile) dir = get_fixture ("valid", NULL);
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = km_content_store_load (store, dir, &errors, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (errors->len, ==, 0);

  return g_steal_pointer (&store);
}

/* Dates */

static void
test_date_parse (void)
{
  static const struct {
    const char *iso;
    int year, month, day;
    KmDatePrecision precision;
  } good[] = {
    { "1994", 1994, 0, 0, KM_DATE_PRECISION_YEAR },
    { "1992-02", 1992, 2, 0, KM_DATE_PRECISION_MONTH },
    { "1992-02-26", 1992, 2, 26, KM_DATE_PRECISION_DAY },
    { "1992-02-29", 1992, 2, 29, KM_DATE_PRECISION_DAY },
    { "2000-02-29", 2000, 2, 29, KM_DATE_PRECISION_DAY },
    { "1992-12-31", 1992, 12, 31, KM_DATE_PRECISION_DAY },
  };
  static const struct {
    const char *iso;
    KmDateError code;
  } bad[] = {
    { "1992-02-30", KM_DATE_ERROR_IMPOSSIBLE },
    { "1993-02-29", KM_DATE_ERROR_IMPOSSIBLE },
    { "1900-02-29", KM_DATE_ERROR_IMPOSSIBLE },
    { "1992-04-31", KM_DATE_ERROR_IMPOSSIBLE },
    { "1992-13", KM_DATE_ERROR_IMPOSSIBLE },
    { "1992-00", KM_DATE_ERROR_IMPOSSIBLE },
    { "1992-01-00", KM_DATE_ERROR_IMPOSSIBLE },
    { "0000", KM_DATE_ERROR_IMPOSSIBLE },
    { "92", KM_DATE_ERROR_MALFORMED },
    { "", KM_DATE_ERROR_MALFORMED },
    { "1992-2-6", KM_DATE_ERROR_MALFORMED },
    { "1992-02-26x", KM_DATE_ERROR_MALFORMED },
    { "1992-02-26 ", KM_DATE_ERROR_MALFORMED },
    { " 1992", KM_DATE_ERROR_MALFORMED },
    { "1992/02/26", KM_DATE_ERROR_MALFORMED },
    { "19920226", KM_DATE_ERROR_MALFORMED },
    { "+992", KM_DATE_ERROR_MALFORMED },
    { "1992-02-2a", KM_DATE_ERROR_MALFORMED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;
      KmDate date = { 0 };

      g_assert_true (km_date_parse (good[i].iso, &date, &error));
      g_assert_no_error (error);
      g_assert_cmpint (date.year, ==, good[i].year);
      g_assert_cmpint (date.month, ==, good[i].month);
      g_assert_cmpint (date.day, ==, good[i].day);
      g_assert_cmpint (date.precision, ==, good[i].precision);
      g_assert_false (date.approximate);
      g_assert_true (km_date_is_valid (&date));

      iso = km_date_to_iso (&date);
      g_assert_cmpstr (iso, ==, good[i].iso);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      KmDate date = { 1, 1, 1, KM_DATE_PRECISION_DAY, TRUE };

      g_assert_false (km_date_parse (bad[i].iso, &date, &error));
      g_assert_error (error, KM_DATE_ERROR, (int)bad[i].code);
      g_assert_nonnull (strstr (error->message, bad[i].iso));
      /* untouched on failure */
      g_assert_cmpint (date.year, ==, 1);
      g_assert_true (date.approximate);
    }
}

static void
test_date_days (void)
{
  KmDate epoch, day, month, year, leap, year_b;

  g_assert_true (km_date_parse ("1970-01-01", &epoch, NULL));
  g_assert_true (km_date_parse ("1992-02-26", &day, NULL));
  g_assert_true (km_date_parse ("1992-02", &month, NULL));
  g_assert_true (km_date_parse ("1992", &year, NULL));
  g_assert_true (km_date_parse ("2000-02-29", &leap, NULL));
  g_assert_true (km_date_parse ("1993", &year_b, NULL));

  g_assert_cmpint (km_date_to_days (&epoch), ==, 0);
  g_assert_cmpint (km_date_end_to_days (&epoch), ==, 0);
  g_assert_cmpint (km_date_to_days (&day), ==, 8091);
  g_assert_cmpint (km_date_end_to_days (&day), ==, 8091);
  g_assert_cmpint (km_date_to_days (&leap), ==, 11016);

  /* a period runs from its first to its last day */
  g_assert_cmpint (km_date_to_days (&month), ==, 8066);
  g_assert_cmpint (km_date_end_to_days (&month), ==, 8066 + 28);
  g_assert_cmpint (km_date_to_days (&year), ==, 8035);
  g_assert_cmpint (km_date_end_to_days (&year), ==, 8035 + 365);
  g_assert_cmpint (km_date_end_to_days (&year) + 1, ==, km_date_to_days (&year_b));

  /* by start, then coarser first, then exact first */
  g_assert_cmpint (km_date_compare (&year, &month), <, 0);
  g_assert_cmpint (km_date_compare (&month, &day), <, 0);
  g_assert_cmpint (km_date_compare (&day, &year_b), <, 0);
  g_assert_cmpint (km_date_compare (&year_b, &year), >, 0);
  g_assert_cmpint (km_date_compare (&day, &day), ==, 0);

  {
    KmDate approx = day;

    approx.approximate = TRUE;
    g_assert_cmpint (km_date_compare (&day, &approx), <, 0);
  }

  g_assert_cmpint (km_date_get_days_in_month (1992, 2), ==, 29);
  g_assert_cmpint (km_date_get_days_in_month (1900, 2), ==, 28);
}

/* Texts */

static void
test_text_fallback (void)
{
  g_autoptr(KmText) text = km_text_new ();
  g_autoptr(KmText) copy = NULL;
  g_auto(GStrv) langs = NULL;

  g_assert_null (km_text_get (text, NULL));
  g_assert_false (km_text_has_lang (text, NULL));

  km_text_set (text, NULL, "Memorial candle");
  km_text_set (text, "az", "Xatirə şamı");
  km_text_set (text, "id-ID", "Lilin peringatan");

  g_assert_cmpstr (km_text_get (text, NULL), ==, "Memorial candle");
  g_assert_cmpstr (km_text_get (text, ""), ==, "Memorial candle");
  g_assert_cmpstr (km_text_get (text, "en"), ==, "Memorial candle");
  g_assert_cmpstr (km_text_get (text, "en@pseudo"), ==, "Memorial candle");
  g_assert_cmpstr (km_text_get (text, "en_GB.UTF-8"), ==, "Memorial candle");
  g_assert_cmpstr (km_text_get (text, "az"), ==, "Xatirə şamı");
  g_assert_cmpstr (km_text_get (text, "az_AZ"), ==, "Xatirə şamı");
  g_assert_cmpstr (km_text_get (text, "az_AZ.UTF-8"), ==, "Xatirə şamı");
  g_assert_cmpstr (km_text_get (text, "id_ID"), ==, "Lilin peringatan");
  g_assert_cmpstr (km_text_get (text, "tr"), ==, "Memorial candle");
  g_assert_null (km_text_get (NULL, "az"));

  g_assert_true (km_text_has_lang (text, "az"));
  g_assert_true (km_text_has_lang (text, "en"));
  g_assert_false (km_text_has_lang (text, "id"));
  g_assert_true (km_text_has_lang (text, "id_ID"));
  g_assert_false (km_text_has_lang (text, "tr"));

  langs = km_text_dup_langs (text);
  g_assert_cmpuint (g_strv_length (langs), ==, 3);

  copy = km_text_copy (text);
  km_text_set (text, "az", NULL);
  g_assert_cmpstr (km_text_get (text, "az"), ==, "Memorial candle");
  g_assert_cmpstr (km_text_get (copy, "az"), ==, "Xatirə şamı");

  g_assert_cmpstr (km_text_get_language (), ==, "en");
  km_text_set_language ("az_AZ.UTF-8");
  g_assert_cmpstr (km_text_get_language (), ==, "az_AZ.UTF-8");
  g_assert_cmpstr (km_text_get_current (copy), ==, "Xatirə şamı");
  km_text_set_language ("en@pseudo");
  g_assert_cmpstr (km_text_get_current (copy), ==, "Memorial candle");
  km_text_set_language (NULL);
  g_assert_cmpstr (km_text_get_language (), ==, "en");
}

static void
test_error_to_string (void)
{
  g_autoptr(KmContentError) error = km_content_error_new ("exhibits.xml", 12, 5, "unknown attribute “foo” on <exhibit>");
  g_autoptr(KmContentError) whole = km_content_error_new ("statistics.xml", 0, 0, "missing file");
  g_autoptr(KmContentError) copy = km_content_error_copy (error);
  g_autofree char *s1 = km_content_error_to_string (error);
  g_autofree char *s2 = km_content_error_to_string (whole);

  g_assert_cmpstr (s1, ==, "exhibits.xml:12:5: unknown attribute “foo” on <exhibit>");
  g_assert_cmpstr (s2, ==, "statistics.xml: missing file");
  g_assert_cmpint (km_content_error_compare (error, copy), ==, 0);
  g_assert_cmpint (km_content_error_compare (error, whole), <, 0);
}

/* The valid pack */

static void
test_valid_records (void)
{
  g_autoptr(KmContentStore) store = load_valid ();
  g_autoptr(GFile) dir = get_fixture ("valid", NULL);
  g_autoptr(GFile) map_file = get_fixture ("valid", "images", "map.png", NULL);
  g_autofree char *title = NULL;
  g_auto(GStrv) source_ids = NULL;
  KmSource *source;
  KmExhibit *exhibit;
  KmEra *era;
  KmTimelineEntry *entry;
  KmStatSection *section;
  KmFigure *figure;
  GListModel *values;
  g_autoptr(KmFigureValue) value = NULL;
  KmRecognition *recognition;

  g_assert_true (km_content_store_is_loaded (store));
  g_assert_true (g_file_equal (km_content_store_get_base_dir (store), dir));
  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_sources (store)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_exhibits (store)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_eras (store)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_entries (store)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_sections (store)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_recognitions (store)), ==, 1);

  source = km_content_store_lookup_source (store, "s-rally");
  g_assert_nonnull (source);
  g_assert_cmpint (km_source_get_kind (source), ==, KM_SOURCE_KIND_OFFICIAL);
  g_assert_cmpint (km_source_get_published (source)->day, ==, 26);
  g_assert_cmpstr (km_source_get_citation (source), ==,
                   "“Rally marking the 20th anniversary”, Official news, 26 February 2012.");
  source = km_content_store_lookup_source (store, "s-blog");
  g_assert_null (km_source_get_published (source));
  g_assert_false (km_source_get_has_published (source));
  g_assert_null (km_content_store_lookup_source (store, "s-nope"));
  g_assert_null (km_content_store_lookup_source (store, NULL));

  exhibit = km_content_store_lookup_exhibit (store, "candle");
  g_assert_nonnull (exhibit);
  g_assert_cmpint (km_exhibit_get_kind (exhibit), ==, KM_EXHIBIT_KIND_ILLUSTRATION);
  g_assert_cmpstr (km_exhibit_get_image (exhibit), ==, "images/candle.svg");
  g_assert_cmpstr (km_exhibit_get_description (exhibit), ==,
                   "First paragraph, over two lines.\n\nSecond paragraph.");
  g_assert_cmpstr (km_exhibit_get_caption (exhibit), ==, "Illustration: a single memorial candle.");
  g_assert_null (km_exhibit_get_advisory (exhibit));
  g_assert_null (km_exhibit_get_advisory_text (exhibit));
  g_assert_cmpstrv (km_exhibit_get_entry_ids (exhibit), ((const char *[]) { "night", NULL }));
  g_object_get (exhibit, "title", &title, "source-ids", &source_ids, NULL);
  g_assert_cmpstr (title, ==, "A candle for Khojaly");
  g_assert_cmpstrv (source_ids, ((const char *[]) { "s-rally", NULL }));

  exhibit = km_content_store_lookup_exhibit (store, "map");
  g_assert_true (km_exhibit_get_has_date (exhibit));
  g_assert_true (km_exhibit_get_date (exhibit)->approximate);
  g_assert_cmpint (km_exhibit_get_date (exhibit)->precision, ==, KM_DATE_PRECISION_YEAR);
  g_assert_cmpstr (km_exhibit_get_advisory (exhibit), ==, "This exhibit describes violence against civilians.");
  g_assert_cmpstrv (km_exhibit_get_entry_ids (exhibit), ((const char *[]) { NULL }));
  g_assert_true (g_file_equal (km_exhibit_get_image_file (exhibit), map_file));

  era = km_content_store_lookup_era (store, "before");
  g_assert_cmpint (km_era_get_start (era)->precision, ==, KM_DATE_PRECISION_YEAR);
  g_assert_cmpint (km_era_get_end (era)->day, ==, 24);

  entry = km_content_store_lookup_entry (store, "night");
  g_assert_cmpstr (km_timeline_entry_get_era_id (entry), ==, "after");
  g_assert_true (km_timeline_entry_get_has_end (entry));
  g_assert_cmpint (km_timeline_entry_get_end (entry)->day, ==, 26);
  g_assert_cmpstr (km_timeline_entry_get_display_date (entry), ==, "Night of 25–26 February 1992");
  g_assert_cmpuint (km_timeline_entry_get_index (entry), ==, 1);
  entry = km_content_store_lookup_entry (store, "memory");
  g_assert_null (km_timeline_entry_get_display_date (entry));
  g_assert_null (km_timeline_entry_get_end (entry));
  entry = km_content_store_lookup_entry (store, "blockade");
  g_assert_true (km_timeline_entry_get_date (entry)->approximate);
  g_assert_true (km_timeline_entry_get_date_known (entry));
  g_assert_cmpstr (km_timeline_entry_get_date_source_id (entry), ==, "s-rally");
  g_assert_cmpstr (km_text_get (km_timeline_entry_get_dated_text (entry), "en"), ==,
                   "The report says the town was cut off in the autumn of 1991.");
  g_assert_null (km_timeline_entry_get_advisory_text (entry));

  /* An entry no source dates: no date, no era, placed by a reason. */
  entry = km_content_store_lookup_entry (store, "petition");
  {
    gboolean before = TRUE;

    g_assert_false (km_timeline_entry_get_date_known (entry));
    g_assert_null (km_timeline_entry_get_date (entry));
    g_assert_null (km_timeline_entry_get_era_id (entry));
    g_assert_cmpstr (km_timeline_entry_get_placed_anchor_id (entry, &before), ==, "night");
    g_assert_false (before);
    g_assert_cmpstr (km_timeline_entry_get_date_source_id (entry), ==, "s-blog");
    g_assert_cmpstr (km_text_get (km_timeline_entry_get_placed_text (entry), "az"), ==,
                     "Bloq onu tarixsiz, gecədən sonra bildirir.");
    /* It stands where the night stands. */
    g_assert_cmpint (km_date_compare (km_timeline_entry_get_position (entry),
                                      km_timeline_entry_get_date (km_content_store_lookup_entry (store, "night"))), ==, 0);
    g_assert_cmpstr (km_text_get (km_timeline_entry_get_advisory_text (entry), "en"), ==,
                     "This entry mentions violence.");
  }
  {
    g_autofree char *en = km_date_format_entry (entry, "en");
    g_autofree char *az = km_date_format_entry (entry, "az");
    g_autofree char *id = km_date_format_entry (entry, "id");

    g_assert_cmpstr (en, ==, "Date unknown");
    g_assert_cmpstr (az, ==, "Tarixi məlum deyil");
    g_assert_cmpstr (id, ==, "Tanggal tidak diketahui");
  }

  section = km_content_store_lookup_section (store, "killed");
  g_assert_cmpint (km_stat_section_get_chart (section), ==, KM_CHART_KIND_BREAKDOWN);
  g_assert_cmpstr (km_stat_section_get_description (section), ==, "A breakdown of the people killed.");
  g_assert_cmpuint (g_list_model_get_n_items (km_stat_section_get_figures (section)), ==, 2);
  section = km_content_store_lookup_section (store, "families");
  g_assert_null (km_stat_section_get_description (section));

  figure = km_content_store_lookup_figure (store, "killed-total");
  g_assert_cmpint (km_figure_get_role (figure), ==, KM_FIGURE_ROLE_TOTAL);
  g_assert_cmpstr (km_figure_get_unit (figure), ==, "people");
  g_assert_cmpstr (km_figure_get_section_id (figure), ==, "killed");
  g_assert_cmpstr (km_figure_get_why (figure), ==, "One source gives a lower bound.");
  values = km_figure_get_values (figure);
  g_assert_cmpuint (g_list_model_get_n_items (values), ==, 2);
  value = g_list_model_get_item (values, 0);
  g_assert_cmpint (km_figure_value_get_amount (value), ==, 613);
  g_assert_cmpint (km_figure_value_get_qualifier (value), ==, KM_QUALIFIER_EXACT);
  g_assert_cmpstr (km_figure_value_get_note (value), ==, "The official figure.");
  g_assert_cmpstrv (km_figure_value_get_includes (value), ((const char *[]) { "killed-children", NULL }));
  g_clear_object (&value);
  value = g_list_model_get_item (values, 1);
  g_assert_cmpint (km_figure_value_get_amount (value), ==, 161);
  g_assert_cmpint (km_figure_value_get_qualifier (value), ==, KM_QUALIFIER_AT_LEAST);
  g_assert_null (km_figure_value_get_note (value));
  g_assert_cmpstrv (km_figure_value_get_source_ids (value), ((const char *[]) { "s-blog", NULL }));

  figure = km_content_store_lookup_figure (store, "families-lost");
  g_assert_cmpint (km_figure_get_role (figure), ==, KM_FIGURE_ROLE_NONE);
  g_assert_cmpstr (km_figure_get_within (figure), ==, "families-lost-all");
  g_assert_null (km_figure_get_why (figure));

  recognition = g_list_model_get_item (km_content_store_get_recognitions (store), 0);
  g_assert_cmpstr (km_recognition_get_source_id (recognition), ==, "s-blog");
  g_assert_cmpstrv (km_recognition_get_terms (recognition), ((const char *[]) { "genocide", "massacre", NULL }));
  g_assert_cmpint (km_recognition_get_body_kind (recognition), ==, KM_BODY_KIND_PARLIAMENT);
  g_assert_cmpstr (km_recognition_get_region (recognition), ==, "Somewhere");
  g_object_unref (recognition);
}

static void
test_valid_entry_order (void)
{
  g_autoptr(KmContentStore) store = load_valid ();
  GListModel *entries = km_content_store_get_entries (store);
  const char *expected[] = { "blockade", "night", "petition", "memory", "same-day" };

  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, G_N_ELEMENTS (expected));

  /* by date; "memory" and "same-day" share one and keep their file order;
   * "petition", of unknown date, right after the entry it is placed after
   */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(KmTimelineEntry) entry = g_list_model_get_item (entries, i);

      g_assert_cmpstr (km_timeline_entry_get_id (entry), ==, expected[i]);
    }
}

static void
test_valid_languages (void)
{
  g_autoptr(KmContentStore) store = load_valid ();
  KmExhibit *candle = km_content_store_lookup_exhibit (store, "candle");
  KmExhibit *map = km_content_store_lookup_exhibit (store, "map");
  KmSource *rally = km_content_store_lookup_source (store, "s-rally");
  KmEra *before = km_content_store_lookup_era (store, "before");
  KmTimelineEntry *night = km_content_store_lookup_entry (store, "night");
  KmFigure *children = km_content_store_lookup_figure (store, "killed-children");
  g_autofree char *title = NULL;

  /* explicit languages */
  g_assert_cmpstr (km_text_get (km_exhibit_get_title_text (candle), "az"), ==, "Xocalı üçün şam");
  g_assert_cmpstr (km_text_get (km_exhibit_get_title_text (candle), "id"), ==, "Lilin untuk Khojaly");
  g_assert_cmpstr (km_text_get (km_exhibit_get_title_text (candle), "en"), ==, "A candle for Khojaly");
  g_assert_cmpstr (km_text_get (km_exhibit_get_alt_text (candle), "id"), ==,
                   "A white candle with a small flame on a dark blue ground.");

  /* the current language */
  km_text_set_language ("az");
  g_assert_cmpstr (km_exhibit_get_title (candle), ==, "Xocalı üçün şam");
  g_assert_cmpstr (km_exhibit_get_alt (candle), ==, "Tünd göy fonda kiçik alovlu ağ şam.");
  g_assert_cmpstr (km_exhibit_get_caption (candle), ==, "Illustration: a single memorial candle.");
  g_assert_cmpstr (km_exhibit_get_advisory (map), ==, "Bu eksponat mülki şəxslərə qarşı zorakılığı təsvir edir.");
  g_assert_cmpstr (km_source_get_publisher (rally), ==, "Rəsmi xəbərlər");
  g_assert_cmpstr (km_source_get_description (rally), ==, "Report of the anniversary rally.");
  g_assert_cmpstr (km_era_get_title (before), ==, "Before");
  g_assert_cmpstr (km_timeline_entry_get_headline (night), ==, "Gecə");
  g_assert_cmpstr (km_timeline_entry_get_display_date (night), ==, "25–26 fevral 1992-ci il gecəsi");
  g_object_get (candle, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Xocalı üçün şam");

  km_text_set_language ("id_ID.UTF-8");
  g_assert_cmpstr (km_exhibit_get_title (candle), ==, "Lilin untuk Khojaly");
  g_assert_cmpstr (km_exhibit_get_alt (candle), ==, "A white candle with a small flame on a dark blue ground.");
  g_assert_cmpstr (km_source_get_publisher (rally), ==, "Official news");
  g_assert_cmpstr (km_source_get_description (rally), ==, "Laporan tentang rapat peringatan.");
  g_assert_cmpstr (km_era_get_title (before), ==, "Sebelum");
  g_assert_cmpstr (km_figure_get_label (children), ==, "Anak-anak");
  g_assert_cmpstr (km_timeline_entry_get_headline (night), ==, "The night");

  km_text_set_language ("en@pseudo");
  g_assert_cmpstr (km_exhibit_get_title (candle), ==, "A candle for Khojaly");

  km_text_set_language ("en");
  g_assert_cmpstr (km_figure_get_label (children), ==, "Children");
}

/* The invalid packs */

static void
test_invalid (gconstpointer data)
{
  const InvalidCase *c = data;
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GFile) dir = get_fixture ("invalid", c->name, NULL);
  g_autoptr(GPtrArray) errors = km_content_store_validate_dir (dir);
  g_autoptr(GPtrArray) load_errors = NULL;
  g_autoptr(GError) error = NULL;
  KmContentError *e;

  for (guint i = 0; i < errors->len; i++)
    {
      g_autofree char *s = km_content_error_to_string (g_ptr_array_index (errors, i));
      g_test_message ("%s", s);
    }

  g_assert_cmpuint (errors->len, ==, 1);
  e = g_ptr_array_index (errors, 0);
  g_assert_cmpstr (e->file, ==, c->file);
  g_assert_cmpint (e->line, ==, c->line);
  g_assert_cmpint (e->column, ==, c->column);
  /* a message that ends with ": " is followed by the cause from GLib */
  if (g_str_has_suffix (c->message, ": "))
    g_assert_true (g_str_has_prefix (e->message, c->message));
  else
    g_assert_cmpstr (e->message, ==, c->message);

  g_assert_false (km_content_store_load (store, dir, &load_errors, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (load_errors->len, ==, 1);
  g_assert_false (km_content_store_is_loaded (store));
}

static void
test_valid_has_no_errors (void)
{
  g_autoptr(GFile) dir = get_fixture ("valid", NULL);
  g_autoptr(GPtrArray) errors = km_content_store_validate_dir (dir);

  g_assert_cmpuint (errors->len, ==, 0);
}

static void
on_reloaded_cb (KmContentStore *store,
                guint          *count)
{
  (*count)++;
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

static void
test_reload_keeps_previous (void)
{
  g_autoptr(KmContentStore) store = load_valid ();
  g_autoptr(GFile) valid = get_fixture ("valid", NULL);
  g_autoptr(GFile) broken = get_fixture ("invalid", "undefined-source", NULL);
  g_autoptr(GFile) missing = get_fixture ("invalid", "does-not-exist", NULL);
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KmExhibit) first = g_list_model_get_item (km_content_store_get_exhibits (store), 0);
  g_autoptr(KmExhibit) after = NULL;
  guint reloaded = 0;
  guint changed = 0;

  g_signal_connect (store, "reloaded", G_CALLBACK (on_reloaded_cb), &reloaded);
  g_signal_connect (km_content_store_get_exhibits (store), "items-changed",
                    G_CALLBACK (on_items_changed_cb), &changed);

  g_assert_false (km_content_store_load (store, broken, &errors, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (errors->len, ==, 1);
  g_clear_error (&error);
  g_clear_pointer (&errors, g_ptr_array_unref);

  /* a folder that is not there: every file is missing */
  g_assert_false (km_content_store_load (store, missing, &errors, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpuint (errors->len, ==, 4);
  g_clear_error (&error);
  g_clear_pointer (&errors, g_ptr_array_unref);

  g_assert_cmpuint (reloaded, ==, 0);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (g_file_equal (km_content_store_get_base_dir (store), valid));
  after = g_list_model_get_item (km_content_store_get_exhibits (store), 0);
  g_assert_true (after == first);
  g_assert_true (km_content_store_lookup_exhibit (store, "candle") == first);
  g_clear_object (&after);

  /* a good load replaces everything with fresh records */
  g_assert_true (km_content_store_load (store, valid, &errors, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpuint (reloaded, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  after = g_list_model_get_item (km_content_store_get_exhibits (store), 0);
  g_assert_true (after != first);
  g_assert_cmpstr (km_exhibit_get_id (after), ==, "candle");
  g_assert_true (km_content_store_lookup_exhibit (store, "candle") == after);
}

/* The parser on its own */

static KmContentParser *
parse_string (KmContentFileKind  kind,
              const char        *xml)
{
  KmContentParser *parser = km_content_parser_new (NULL);
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));

  km_content_parser_parse_bytes (parser, kind, bytes, NULL);

  return parser;
}

static void
assert_errors (KmContentParser *parser,
               const char      *expected[])
{
  GPtrArray *errors = km_content_parser_get_errors (parser);
  guint n = g_strv_length ((char **)expected);

  for (guint i = 0; i < errors->len; i++)
    {
      g_autofree char *s = km_content_error_to_string (g_ptr_array_index (errors, i));

      g_test_message ("%s", s);
      if (i < n)
        g_assert_cmpstr (s, ==, expected[i]);
    }

  g_assert_cmpuint (errors->len, ==, n);
}

static void
test_parser_all_errors (void)
{
  /* Every problem is reported, with columns counted in characters. */
  g_autoptr(KmContentParser) parser = parse_string (KM_CONTENT_FILE_SOURCES,
    "<sources>\n"
    "  <source id=\"Bad\" kind=\"tabloid\" published=\"1992-02-30\" colour=\"red\">\n"
    "    <title>Şəhər</title> <publisher>x</publisher><foo/>\n"
    "    <description xml:lang=\"az\">Təsvir</description>\n"
    "  </source>\n"
    "  stray text\n"
    "  <source id=\"ok\" kind=\"news\"><title>T</title><title>T</title>"
    "<publisher>P</publisher><description>D</description><citation xml:lang=\"az\">C</citation></source>\n"
    "</sources>\n");
  const char *expected[] = {
    "sources.xml:2:58: unknown attribute “colour” on <source>",
    "sources.xml:2:11: invalid id “Bad” on <source>: use only a–z, 0–9 and “-”",
    "sources.xml:2:20: unknown kind “tabloid” on <source>: use one of news, press-release, blog, official",
    "sources.xml:2:35: impossible date “1992-02-30”: February 1992 has 29 days",
    "sources.xml:3:50: unknown element <foo> in <source>",
    "sources.xml:2:3: <description> in <source> has translations but no English source",
    "sources.xml:2:3: missing required element <citation> in <source>",
    "sources.xml:6:3: unexpected text in <sources>",
    "sources.xml:7:47: duplicate <title> in <source>",
    "sources.xml:7:125: unknown attribute “xml:lang” on <citation>",
    NULL
  };

  g_assert_false (km_content_parser_finish (parser));
  assert_errors (parser, expected);
}

static void
test_parser_malformed (void)
{
  static const struct {
    KmContentFileKind kind;
    const char *xml;
    const char *expected;
  } cases[] = {
    { KM_CONTENT_FILE_EXHIBITS, "", "exhibits.xml:1:1: malformed XML: " },
    { KM_CONTENT_FILE_EXHIBITS, "<exhibits>", "exhibits.xml:1:11: malformed XML: " },
    /* found by the fuzzer: GMarkup set its error twice */
    { KM_CONTENT_FILE_EXHIBITS, "<?\xff?><", "exhibits.xml:1:3: not valid UTF-8: content files must be encoded in UTF-8" },
    { KM_CONTENT_FILE_TIMELINE, "<timeline><!-- \xc3\xa9 \xc3 --></timeline>",
      "timeline.xml:1:18: not valid UTF-8: content files must be encoded in UTF-8" },
    { KM_CONTENT_FILE_TIMELINE, "<sources/>", "timeline.xml:1:1: expected <timeline> as the root element of timeline.xml, not <sources>" },
    { KM_CONTENT_FILE_STATISTICS, "<statistics><recognitions/><recognitions/></statistics>",
      "statistics.xml:1:28: duplicate <recognitions>: put every <recognition> in one" },
    { KM_CONTENT_FILE_STATISTICS, "<statistics>\n <section id=\"a\" chart=\"breakdown\"><title>A</title>"
      "<figure id=\"f\" unit=\"people\" role=\"part\"><label>L</label><value amount=\"1\" sources=\"s\"/></figure></section></statistics>",
      "statistics.xml:2:2: a breakdown needs exactly one figure with role=“total”, this one has 0" },
    { KM_CONTENT_FILE_STATISTICS, "<statistics><section id=\"a\" chart=\"bars\"><title>A</title></section></statistics>",
      "statistics.xml:1:13: missing required element <figure> in <section>" },
    { KM_CONTENT_FILE_TIMELINE, "<timeline><era id=\"e\" start=\"1992\" end=\"1991\"><title>E</title></era></timeline>",
      "timeline.xml:1:36: era “e” ends before it starts" },
    { KM_CONTENT_FILE_EXHIBITS, "<exhibits><exhibit id=\"x\" kind=\"poster\" image=\"../x.png\" sources=\"s\">"
      "<title>t</title><caption>c</caption><description>d</description><alt>a</alt><credit>c</credit><rights>r</rights></exhibit></exhibits>",
      "exhibits.xml:1:41: image path “../x.png” must be relative and inside the pack, like images/candle.svg" },
    { KM_CONTENT_FILE_EXHIBITS, "<exhibits><exhibit id=\"x\" kind=\"poster\" image=\"x.png\" sources=\"\">"
      "<title>t</title><caption>c</caption><description>d</description><alt>a</alt><credit>c</credit><rights>r<b>!</b></rights></exhibit></exhibits>",
      "exhibits.xml:1:55: sources=“…” on <exhibit> names nothing: give at least one id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KmContentParser) parser = parse_string (cases[i].kind, cases[i].xml);
      GPtrArray *errors = km_content_parser_get_errors (parser);
      g_autofree char *s = NULL;

      g_assert_cmpuint (errors->len, >=, 1);
      s = km_content_error_to_string (g_ptr_array_index (errors, 0));
      g_test_message ("%s", s);
      if (g_str_has_suffix (cases[i].expected, ": "))
        g_assert_true (g_str_has_prefix (s, cases[i].expected));
      else
        g_assert_cmpstr (s, ==, cases[i].expected);
    }
}

static void
test_parser_text_normalization (void)
{
  g_autoptr(KmContentParser) parser = parse_string (KM_CONTENT_FILE_TIMELINE,
    "<timeline>\n"
    "  <!-- a comment < with a bracket -->\n"
    "  <era id=\"e\" start=\"1992\" end=\"1992\"><title comments=\"for translators\">\n"
    "    An   era\t title </title></era>\n"
    "  <entry id=\"n\" era=\"e\" date=\"1992-02\" sources=\"s\">\n"
    "    <headline>One &amp; <![CDATA[<two>]]></headline>\n"
    "    <text>\n"
    "      First line\n"
    "      continued.\n"
    "      \t \n"
    "\n"
    "      Second.\n"
    "    </text>\n"
    "  </entry>\n"
    "</timeline>\n");
  GPtrArray *eras = km_content_parser_get_eras (parser);
  GPtrArray *entries = km_content_parser_get_entries (parser);
  KmTimelineEntry *entry;

  /* no sources.xml was parsed: references to it are not checked */
  g_assert_true (km_content_parser_finish (parser));
  g_assert_cmpuint (eras->len, ==, 1);
  g_assert_cmpstr (km_era_get_title (g_ptr_array_index (eras, 0)), ==, "An era title");
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (km_timeline_entry_get_headline (entry), ==, "One & <two>");
  g_assert_cmpstr (km_timeline_entry_get_text (entry), ==, "First line continued.\n\nSecond.");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/km/content/date/parse", test_date_parse);
  g_test_add_func ("/km/content/date/days", test_date_days);
  g_test_add_func ("/km/content/text/fallback", test_text_fallback);
  g_test_add_func ("/km/content/error/to-string", test_error_to_string);
  g_test_add_func ("/km/content/parser/all-errors", test_parser_all_errors);
  g_test_add_func ("/km/content/parser/malformed", test_parser_malformed);
  g_test_add_func ("/km/content/parser/text-normalization", test_parser_text_normalization);
  g_test_add_func ("/km/content/valid/no-errors", test_valid_has_no_errors);
  g_test_add_func ("/km/content/valid/records", test_valid_records);
  g_test_add_func ("/km/content/valid/entry-order", test_valid_entry_order);
  g_test_add_func ("/km/content/valid/languages", test_valid_languages);
  g_test_add_func ("/km/content/reload/keeps-previous", test_reload_keeps_previous);

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/km/content/invalid/%s", invalid_cases[i].name);

      g_test_add_data_func (path, &invalid_cases[i], test_invalid);
    }

  return g_test_run ();
}
