/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-text"

#include "config.h"

#include <string.h>

#include "km-text.h"

/* One translatable string: the English source plus any number of
 * translations. Languages are stored normalized (see
 * km_text_normalize_lang()); the English source is stored under "".
 */

/* The language is interned: a pack of 10,000 exhibits holds some 90,000
 * values, and a copy of "az" each was 3 MB (#19). */
typedef struct
{
  const char *lang;
  char       *value;
} Entry;

struct _KmText
{
  GArray *entries;
};

G_DEFINE_BOXED_TYPE (KmText, km_text, km_text_copy, km_text_free)

/* Interned, so readers never see it freed. */
static const char *current_language = "en";

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  entry->lang = NULL;
  g_clear_pointer (&entry->value, g_free);
}

/* Writes the normalized form of @lang into @buf; "" means English. */
static void
normalize_lang_into (const char *lang,
                     char       *buf,
                     gsize       buf_len)
{
  gsize n = 0;

  g_assert (buf_len > 0);

  if (lang != NULL)
    {
      for (const char *p = lang; *p != '\0' && *p != '.' && *p != '@' && n + 1 < buf_len; p++)
        buf[n++] = *p == '-' ? '_' : g_ascii_tolower (*p);
    }
  buf[n] = '\0';

  if (g_str_equal (buf, "c") || g_str_equal (buf, "posix") ||
      g_str_equal (buf, "en") || g_str_has_prefix (buf, "en_"))
    buf[0] = '\0';
}

static const Entry *
find_entry (const KmText *text,
            const char   *normalized)
{
  for (guint i = 0; i < text->entries->len; i++)
    {
      const Entry *entry = &g_array_index (text->entries, Entry, i);

      if (g_str_equal (entry->lang, normalized))
        return entry;
    }

  return NULL;
}

/**
 * km_text_normalize_lang:
 * @lang: (nullable): a language code such as "az", "az_AZ.UTF-8", "en@pseudo"
 *
 * Returns: (transfer full): the code lower-cased, with "-" as "_", without
 *   codeset and modifier; "" for English (any "en", "C", "POSIX", %NULL)
 */
char *
km_text_normalize_lang (const char *lang)
{
  char buf[64];

  normalize_lang_into (lang, buf, sizeof buf);

  return g_strdup (buf);
}

/**
 * km_text_new:
 *
 * Returns: (transfer full): a new text without any value
 */
KmText *
km_text_new (void)
{
  KmText *text = g_new0 (KmText, 1);

  text->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (text->entries, clear_entry);

  return text;
}

/**
 * km_text_copy:
 * @text: a #KmText
 *
 * Returns: (transfer full): a deep copy of @text
 */
KmText *
km_text_copy (const KmText *text)
{
  KmText *copy;

  g_return_val_if_fail (text != NULL, NULL);

  copy = km_text_new ();

  for (guint i = 0; i < text->entries->len; i++)
    {
      const Entry *entry = &g_array_index (text->entries, Entry, i);
      Entry dup = { entry->lang, g_strdup (entry->value) };

      g_array_append_val (copy->entries, dup);
    }

  return copy;
}

void
km_text_free (KmText *text)
{
  if (text == NULL)
    return;

  g_array_unref (text->entries);
  g_free (text);
}

/**
 * km_text_set:
 * @text: a #KmText
 * @lang: (nullable): the language of @value; %NULL or "" for the English source
 * @value: (nullable): the text, or %NULL to remove the language
 */
void
km_text_set (KmText     *text,
             const char *lang,
             const char *value)
{
  char normalized[64];

  g_return_if_fail (text != NULL);

  normalize_lang_into (lang, normalized, sizeof normalized);

  for (guint i = 0; i < text->entries->len; i++)
    {
      Entry *entry = &g_array_index (text->entries, Entry, i);

      if (g_str_equal (entry->lang, normalized))
        {
          if (value == NULL)
            {
              g_array_remove_index (text->entries, i);
            }
          else
            {
              g_free (entry->value);
              entry->value = g_strdup (value);
            }
          return;
        }
    }

  if (value != NULL)
    {
      Entry entry = { g_intern_string (normalized), g_strdup (value) };

      g_array_append_val (text->entries, entry);
    }
}

/**
 * km_text_get:
 * @text: (nullable): a #KmText
 * @lang: (nullable): a language code; %NULL or "" for English
 *
 * Looks @lang up, then its language without the territory ("az_AZ" →
 * "az"), then falls back to the English source.
 *
 * Returns: (nullable): the text, or %NULL when @text is %NULL or has
 *   neither @lang nor English
 */
const char *
km_text_get (const KmText *text,
             const char   *lang)
{
  const Entry *entry;
  char normalized[64];
  char *underscore;

  if (text == NULL)
    return NULL;

  normalize_lang_into (lang, normalized, sizeof normalized);

  if ((entry = find_entry (text, normalized)))
    return entry->value;

  if ((underscore = strchr (normalized, '_')))
    {
      *underscore = '\0';
      if ((entry = find_entry (text, normalized)))
        return entry->value;
    }

  if ((entry = find_entry (text, "")))
    return entry->value;

  return NULL;
}

/**
 * km_text_get_current:
 * @text: (nullable): a #KmText
 *
 * Returns: (nullable): the text in the current content language, see
 *   km_text_set_language()
 */
const char *
km_text_get_current (const KmText *text)
{
  return km_text_get (text, km_text_get_language ());
}

/**
 * km_text_has_lang:
 * @text: a #KmText
 * @lang: (nullable): a language code; %NULL or "" for English
 *
 * Returns: whether @text holds a value in exactly @lang (no fallback)
 */
gboolean
km_text_has_lang (const KmText *text,
                  const char   *lang)
{
  char normalized[64];

  g_return_val_if_fail (text != NULL, FALSE);

  normalize_lang_into (lang, normalized, sizeof normalized);

  return find_entry (text, normalized) != NULL;
}

/**
 * km_text_dup_langs:
 * @text: a #KmText
 *
 * Returns: (transfer full): the normalized languages @text holds, "" being
 *   English, in the order they were set
 */
char **
km_text_dup_langs (const KmText *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (text != NULL, NULL);

  for (guint i = 0; i < text->entries->len; i++)
    g_strv_builder_add (builder, g_array_index (text->entries, Entry, i).lang);

  return g_strv_builder_end (builder);
}

/**
 * km_text_set_language:
 * @lang: (nullable): the content language, %NULL for English
 *
 * Sets the process-wide language km_text_get_current() uses.
 */
void
km_text_set_language (const char *lang)
{
  const char *interned;

  if (lang == NULL || *lang == '\0')
    lang = "en";

  interned = g_intern_string (lang);
  g_atomic_pointer_set (&current_language, interned);
}

/**
 * km_text_get_language:
 *
 * Returns: the current content language as set, "en" by default
 */
const char *
km_text_get_language (void)
{
  return g_atomic_pointer_get (&current_language);
}
