/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "km-i18n.h"

static void
test_i18n_format_number (void)
{
  static const struct { gint64 value; const char *lang; const char *expected; } cases[] = {
    { 0, "en", "0" },
    { 613, "en", "613" },
    { 1275, "en", "1,275" },
    { 1275, "az", "1.275" },
    { 1275, "id", "1.275" },
    { 120000, "en", "120,000" },
    { 120000, "az", "120.000" },
    { 1234567, "id", "1.234.567" },
    { -3000, "en", "−3,000" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = km_i18n_format_number (cases[i].value, cases[i].lang);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_i18n_languages (void)
{
  guint n;
  const KmLanguage *languages = km_i18n_get_languages (&n);

  g_assert_cmpuint (n, >=, 3);
  g_assert_cmpstr (languages[0].code, ==, "en");
  g_assert_cmpstr (km_i18n_lookup_language ("az")->native_name, ==, "Azərbaycanca");
  g_assert_cmpstr (km_i18n_lookup_language ("id")->native_name, ==, "Bahasa Indonesia");
  g_assert_null (km_i18n_lookup_language ("tr"));
  g_assert_null (km_i18n_lookup_language (NULL));
}

static void
test_i18n_unknown_language (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (km_i18n_set_language ("xx", &error));
  g_assert_error (error, KM_I18N_ERROR, KM_I18N_ERROR_UNKNOWN_LANGUAGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  km_i18n_init ();

  g_test_add_func ("/km/i18n/format-number", test_i18n_format_number);
  g_test_add_func ("/km/i18n/languages", test_i18n_languages);
  g_test_add_func ("/km/i18n/unknown-language", test_i18n_unknown_language);

  return g_test_run ();
}
