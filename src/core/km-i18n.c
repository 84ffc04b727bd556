/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>

#include "km-i18n.h"
#include "km-text.h"

/* The languages the exhibition speaks. The pseudo-language is English run
 * through a filter at build time so untranslated or cut strings stand out.
 */
static const KmLanguage languages[] = {
  { "en", "English", "en_US.UTF-8" },
  { "az", "Azərbaycanca", "az_AZ.UTF-8" },
  { "id", "Bahasa Indonesia", "id_ID.UTF-8" },
  { "en@pseudo", "Pseudo (en@pseudo)", "en_US.UTF-8" },
};

static char *current_language;
static locale_t current_locale;
static const char *localedir = LOCALEDIR;

G_DEFINE_QUARK (km-i18n-error-quark, km_i18n_error)

static gboolean
catalog_exists (const char *dir)
{
  g_autofree char *mo = g_build_filename (dir, "az", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  return g_file_test (mo, G_FILE_TEST_EXISTS);
}

/* Prefer the installed catalogs; an uninstalled build uses its own po/. */
static const char *
find_localedir (void)
{
  const char *env = g_getenv ("KM_LOCALEDIR");

  if (env != NULL && *env != '\0')
    return env;
  if (!catalog_exists (LOCALEDIR) && catalog_exists (BUILD_LOCALEDIR))
    return BUILD_LOCALEDIR;
  return LOCALEDIR;
}

void
km_i18n_init (void)
{
  const char *locale = setlocale (LC_ALL, "");

  /* GLib stops translating for good when the process starts in a C locale
   * and textdomain() is set (glib/ggettext.c), so start in a real one.
   */
  if (locale == NULL || g_str_equal (locale, "C") || g_str_has_prefix (locale, "C.") || g_str_equal (locale, "POSIX"))
    if (setlocale (LC_ALL, "en_US.UTF-8") == NULL)
      setlocale (LC_ALL, "C.UTF-8");

  /* The application chooses the language itself; a stray LANGUAGE from the
   * environment would override every switch. Read it before it goes.
   */
  km_i18n_guess_system_language ();
  g_unsetenv ("LANGUAGE");

  localedir = find_localedir ();
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* GLib decides once, at the first g_dgettext(), whether to translate at
   * all, and says no for good in a locale other than "C" or "en_*" whose
   * language has no catalog, such as C.UTF-8 on a machine without
   * en_US.UTF-8 (i18n-notes.md 5.2). GtkBuilder goes through g_dgettext,
   * so every .ui string would stay English. Let it decide under "C".
   */
  {
    g_autofree char *messages = g_strdup (setlocale (LC_MESSAGES, NULL));

    setlocale (LC_MESSAGES, "C");
    g_dgettext (GETTEXT_PACKAGE, "");
    if (messages != NULL)
      setlocale (LC_MESSAGES, messages);
  }
}

const char *
km_i18n_get_localedir (void)
{
  return localedir;
}

const KmLanguage *
km_i18n_get_languages (guint *n_languages)
{
  if (n_languages != NULL)
    *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

const KmLanguage *
km_i18n_lookup_language (const char *code)
{
  if (code == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].code, code))
      return &languages[i];
  return NULL;
}

const char *
km_i18n_guess_system_language (void)
{
  static const char *guess;

  if (guess == NULL)
    {
      const char * const *names = g_get_language_names ();

      guess = "en";
      for (guint i = 0; names[i] != NULL; i++)
        {
          if (g_str_has_prefix (names[i], "az"))
            { guess = "az"; break; }
          if (g_str_has_prefix (names[i], "id"))
            { guess = "id"; break; }
          if (g_str_has_prefix (names[i], "en"))
            break;
        }
    }
  return guess;
}

const char *
km_i18n_get_language (void)
{
  return current_language != NULL ? current_language : "en";
}

/* Switches the main thread's language with a per-thread locale, as GNOME
 * Initial Setup does: no environment changes while threads run. When the
 * locale is not generated on this machine, strings still switch through
 * LANGUAGE under C.UTF-8 and the caller is told what is missing.
 */
gboolean
km_i18n_set_language (const char  *code,
                      GError     **error)
{
  const KmLanguage *language = km_i18n_lookup_language (code);
  locale_t new_locale;
  gboolean missing = FALSE;

  if (language == NULL)
    {
      g_set_error (error, KM_I18N_ERROR, KM_I18N_ERROR_UNKNOWN_LANGUAGE,
                   "Unknown language “%s”", code ? code : "(null)");
      return FALSE;
    }

  new_locale = newlocale (LC_ALL_MASK, language->locale, (locale_t) 0);
  if (new_locale == (locale_t) 0)
    {
      missing = TRUE;
      new_locale = newlocale (LC_ALL_MASK, "C.UTF-8", (locale_t) 0);
    }

  if (missing || g_str_equal (code, "en@pseudo"))
    g_setenv ("LANGUAGE", code, TRUE);
  else if (g_getenv ("LANGUAGE") != NULL)
    g_unsetenv ("LANGUAGE");

  if (new_locale != (locale_t) 0)
    {
      uselocale (new_locale);
      if (current_locale != (locale_t) 0)
        freelocale (current_locale);
      current_locale = new_locale;
    }

  /* GTK 4.8 gives assistive technologies the process's LC_MESSAGES as the
   * locale of every accessible: keep it on the visitor's language so that
   * a screen reader speaks Azerbaijani or Indonesian with a matching voice.
   * Only the message category: numbers are parsed with the global locale.
   */
  setlocale (LC_MESSAGES, missing ? "C.UTF-8" : language->locale);

  /* gettext caches the last lookup; make it look again. */
  {
    extern int _nl_msg_cat_cntr;
    ++_nl_msg_cat_cntr;
  }

  g_free (current_language);
  current_language = g_strdup (code);
  km_text_set_language (code);

  if (missing)
    {
      g_set_error (error, KM_I18N_ERROR, KM_I18N_ERROR_MISSING_LOCALE,
                   "The locale %s is not installed: dates and numbers fall back "
                   "to built-in formats. Install it with: "
                   "sed -i 's/^# *%s/%s/' /etc/locale.gen && locale-gen",
                   language->locale, language->locale, language->locale);
      return FALSE;
    }

  return TRUE;
}

char *
km_i18n_dup_missing_locales (void)
{
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      locale_t loc = newlocale (LC_ALL_MASK, languages[i].locale, (locale_t) 0);

      if (loc == (locale_t) 0)
        {
          if (strstr (missing->str, languages[i].locale) == NULL)
            g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", languages[i].locale);
        }
      else
        freelocale (loc);
    }

  return missing->len ? g_string_free (g_steal_pointer (&missing), FALSE) : NULL;
}

/* Digit grouping as CLDR gives it: “1,275” in English, “1.275” in
 * Azerbaijani and Indonesian, whatever the system locale is.
 */
char *
km_i18n_format_number (gint64      value,
                       const char *code)
{
  const char *separator = ",";
  g_autofree char *digits = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;
  gsize len;

  if (code != NULL && (g_str_has_prefix (code, "az") || g_str_has_prefix (code, "id")))
    separator = ".";

  if (value < 0)
    {
      g_string_append (out, "−");
      value = -value;
    }

  digits = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  len = strlen (digits);
  /* CLDR groups four-digit numbers too in all three languages
   * (minimumGroupingDigits = 1).
   */
  for (p = digits; *p != '\0'; p++)
    {
      gsize left = len - (p - digits);

      g_string_append_c (out, *p);
      if (left > 1 && (left - 1) % 3 == 0)
        g_string_append (out, separator);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * km_i18n_dup_translation:
 *
 * Looks @msgid up in @code's catalog without switching the application's
 * language: a per-thread locale for the one lookup, so no environment
 * variable changes while other threads run. Where @code's locale is not
 * installed the English text comes back.
 *
 * Returns: (transfer full): the translation, or @msgid
 */
char *
km_i18n_dup_translation (const char *msgid,
                         const char *code)
{
  const KmLanguage *language = km_i18n_lookup_language (code);
  locale_t lookup, previous;
  char *text;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (language == NULL)
    return g_strdup (msgid);

  lookup = newlocale (LC_ALL_MASK, language->locale, (locale_t) 0);
  if (lookup == (locale_t) 0)
    return g_strdup (msgid);

  previous = uselocale (lookup);
  {
    extern int _nl_msg_cat_cntr;
    ++_nl_msg_cat_cntr;
  }
  text = g_strdup (dgettext (GETTEXT_PACKAGE, msgid));
  uselocale (previous);
  {
    extern int _nl_msg_cat_cntr;
    ++_nl_msg_cat_cntr;
  }
  freelocale (lookup);

  return text;
}
