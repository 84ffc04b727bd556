/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "km-i18n.h"

static const char *self_path;

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

/* Assistive technologies read the process's LC_MESSAGES (GTK 4.8): it
 * follows the visitor's language, the rest of the global locale does not.
 */
static void
test_i18n_process_messages_locale (void)
{
  g_autofree char *numeric = g_strdup (setlocale (LC_NUMERIC, NULL));
  static const struct { const char *code; const char *locale; } cases[] = {
    { "az", "az_AZ.UTF-8" },
    { "id", "id_ID.UTF-8" },
    { "en", "en_US.UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (km_i18n_set_language (cases[i].code, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, cases[i].locale);
      g_assert_cmpstr (setlocale (LC_NUMERIC, NULL), ==, numeric);
    }
}

/* A machine with no locale but C.UTF-8 (LOCPATH to an empty place):
 * GLib's once-only g_dgettext gate must still let GtkBuilder's lookups
 * translate, and the switch says which locale is missing. Runs in a fresh
 * process, since the gate and the locale are decided at start-up.
 */
static void
test_i18n_c_locale_only (void)
{
  const char *argv[] = { self_path, "-p", "/km/i18n/c-locale-only", NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (g_getenv ("KM_TEST_C_LOCALE_CHILD") != NULL)
    {
      g_assert_true (g_str_has_prefix (setlocale (LC_ALL, NULL), "C"));
      g_assert_false (km_i18n_set_language ("az", &error));
      g_assert_error (error, KM_I18N_ERROR, KM_I18N_ERROR_MISSING_LOCALE);
      g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "view name", "Gallery"), ==, "Qalereya");
      g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Khojaly Memorial"), ==, "Xocalı Xatirəsi");
      g_assert_cmpstr (C_("view name", "Gallery"), ==, "Qalereya");
      g_clear_error (&error);
      g_assert_false (km_i18n_set_language ("id", &error));
      g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "view name", "Gallery"), ==, "Galeri");
      return;
    }

  envp = g_environ_setenv (envp, "LOCPATH", "/nonexistent-km-locales", TRUE);
  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LC_ALL");
  envp = g_environ_setenv (envp, "KM_TEST_C_LOCALE_CHILD", "1", TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, "ok 1 /km/i18n/c-locale-only"));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

int
main (int   argc,
      char *argv[])
{
  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  km_i18n_init ();

  g_test_add_func ("/km/i18n/format-number", test_i18n_format_number);
  g_test_add_func ("/km/i18n/languages", test_i18n_languages);
  g_test_add_func ("/km/i18n/unknown-language", test_i18n_unknown_language);
  g_test_add_func ("/km/i18n/c-locale-only", test_i18n_c_locale_only);
  g_test_add_func ("/km/i18n/process-messages-locale", test_i18n_process_messages_locale);

  return g_test_run ();
}
