/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-gallery-filter"

#include "config.h"

#include <string.h>

#include "km-gallery-filter.h"

/* Letters whose plain form is not what Unicode decomposition gives, or
 * whose case mapping depends on a Turkic locale that the process may not
 * have: Azerbaijani I/ı and İ/i are two pairs, Ə has no decomposition.
 * Visitors type on whatever keyboard the stand has, so every one of them
 * folds to its plain Latin letter.
 */
static const struct
{
  gunichar from;
  gunichar to;
} fold_table[] = {
  { 0x0049, 'i' },  /* I */
  { 0x0130, 'i' },  /* İ */
  { 0x0131, 'i' },  /* ı */
  { 0x018F, 'e' },  /* Ə */
  { 0x0259, 'e' },  /* ə */
  { 0x015E, 's' },  /* Ş */
  { 0x015F, 's' },  /* ş */
  { 0x00C7, 'c' },  /* Ç */
  { 0x00E7, 'c' },  /* ç */
  { 0x011E, 'g' },  /* Ğ */
  { 0x011F, 'g' },  /* ğ */
  { 0x00D6, 'o' },  /* Ö */
  { 0x00F6, 'o' },  /* ö */
  { 0x00DC, 'u' },  /* Ü */
  { 0x00FC, 'u' },  /* ü */
  { 0x0110, 'd' },  /* Đ */
  { 0x0111, 'd' },  /* đ */
  { 0x0141, 'l' },  /* Ł */
  { 0x0142, 'l' },  /* ł */
  { 0x00D8, 'o' },  /* Ø */
  { 0x00F8, 'o' },  /* ø */
  { 0x2018, '\'' }, /* ‘ */
  { 0x2019, '\'' }, /* ’ */
  { 0x02BC, '\'' }, /* ʼ */
  { 0x201C, '"' },  /* “ */
  { 0x201D, '"' },  /* ” */
  { 0x2013, '-' },  /* – */
  { 0x2014, '-' },  /* — */
};

static gunichar
lookup_fold (gunichar c)
{
  for (guint i = 0; i < G_N_ELEMENTS (fold_table); i++)
    if (fold_table[i].from == c)
      return fold_table[i].to;
  return 0;
}

static gboolean
is_mark (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
append_folded (GString  *out,
               gsize     start,
               gunichar  c,
               gboolean *last_was_space)
{
  gunichar mapped;

  if (g_unichar_isspace (c))
    {
      /* Runs of white space (and line breaks in descriptions) are one space. */
      if (!*last_was_space && out->len > start)
        g_string_append_c (out, ' ');
      *last_was_space = TRUE;
      return;
    }

  *last_was_space = FALSE;

  if ((mapped = lookup_fold (c)) != 0)
    {
      g_string_append_unichar (out, mapped);
      return;
    }

  if (c == 0x00DF || c == 0x1E9E)  /* ß, ẞ */
    {
      g_string_append (out, "ss");
      return;
    }

  if (c < 0x80)
    {
      g_string_append_c (out, g_ascii_tolower ((char) c));
      return;
    }

  {
    gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
    gsize n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));

    for (gsize i = 0; i < n; i++)
      {
        gunichar d = decomposed[i];

        if (is_mark (d))
          continue;
        if ((mapped = lookup_fold (d)) != 0)
          g_string_append_unichar (out, mapped);
        else
          /* g_unichar_tolower() never looks at the locale. */
          g_string_append_unichar (out, g_unichar_tolower (d));
      }
  }
}

/**
 * km_search_fold_append:
 * @out: where the folded text goes
 * @text: (nullable): UTF-8 text
 *
 * Appends @text to @out folded as km_search_fold() does, without a
 * string of its own: the search index folds thousands of texts into one
 * buffer (#19).
 */
void
km_search_fold_append (GString    *out,
                       const char *text)
{
  gsize start = out->len;
  gboolean last_was_space = TRUE;

  if (text == NULL)
    return;

  for (const guchar *p = (const guchar *) text; *p != '\0'; )
    {
      gunichar c;

      /* Most text is ASCII: letters and digits need no table. */
      if (*p < 0x80 && g_ascii_isalnum (*p))
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          last_was_space = FALSE;
          p++;
          continue;
        }

      c = g_utf8_get_char_validated ((const char *) p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: skip the byte rather than give up on the whole text. */
          p++;
          continue;
        }
      append_folded (out, start, c, &last_was_space);
      p = (const guchar *) g_utf8_next_char (p);
    }

  if (out->len > start && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
}

/**
 * km_search_fold:
 * @text: (nullable): UTF-8 text
 *
 * Folds @text for searching: lower case, without diacritics, with the
 * Azerbaijani letters mapped to their plain Latin forms whatever the
 * process locale, white space collapsed and trimmed.
 *
 * Returns: (transfer full): the folded text, never %NULL
 */
char *
km_search_fold (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  km_search_fold_append (out, text);

  return g_string_free (out, FALSE);
}

/**
 * km_gallery_filter_build_haystack:
 *
 * Returns: (transfer full): the folded text the search looks in: title,
 *   caption and description, one line each
 */
char *
km_gallery_filter_build_haystack (const KmGalleryItemFields *fields)
{
  GString *out;

  g_return_val_if_fail (fields != NULL, NULL);

  out = g_string_new (NULL);
  km_gallery_filter_append_haystack (out, fields);

  return g_string_free (out, FALSE);
}

/**
 * km_gallery_filter_append_haystack:
 *
 * Appends what km_gallery_filter_build_haystack() returns to @out.
 */
void
km_gallery_filter_append_haystack (GString                   *out,
                                   const KmGalleryItemFields *fields)
{
  /* A newline separates the fields so that no word spans two of them. */
  km_search_fold_append (out, fields->title);
  g_string_append_c (out, '\n');
  km_search_fold_append (out, fields->caption);
  g_string_append_c (out, '\n');
  km_search_fold_append (out, fields->description);
}

static gboolean
has_era (const char * const *era_ids,
         const char         *era)
{
  return era_ids != NULL && g_strv_contains (era_ids, era);
}

/* Every word of the query has to occur somewhere, in any order. */
static gboolean
matches_query (const char *folded_haystack,
               const char *folded_query)
{
  const char *p = folded_query;

  while (*p != '\0')
    {
      const char *end = strchr (p, ' ');
      gsize len = end != NULL ? (gsize) (end - p) : strlen (p);
      g_autofree char *word = g_strndup (p, len);

      if (len > 0 && strstr (folded_haystack, word) == NULL)
        return FALSE;

      p += len;
      while (*p == ' ')
        p++;
    }

  return TRUE;
}

/**
 * km_gallery_filter_match_folded:
 * @folded_haystack: from km_gallery_filter_build_haystack()
 * @kind: the exhibit's kind
 * @era_ids: (nullable): the eras of the exhibit's timeline entries
 * @folded_query: (nullable): from km_search_fold(); empty or %NULL matches all
 * @kind_filter: a #KmExhibitKind or %KM_GALLERY_ANY_KIND
 * @era_filter: (nullable): an era id, or %NULL for any era
 *
 * Returns: whether the exhibit is shown
 */
gboolean
km_gallery_filter_match_folded (const char         *folded_haystack,
                                KmExhibitKind       kind,
                                const char * const *era_ids,
                                const char         *folded_query,
                                int                 kind_filter,
                                const char         *era_filter)
{
  if (kind_filter != KM_GALLERY_ANY_KIND && (int) kind != kind_filter)
    return FALSE;

  if (era_filter != NULL && *era_filter != '\0' && !has_era (era_ids, era_filter))
    return FALSE;

  if (folded_query != NULL && *folded_query != '\0')
    return matches_query (folded_haystack != NULL ? folded_haystack : "", folded_query);

  return TRUE;
}

/**
 * km_gallery_filter_match:
 *
 * The same as km_gallery_filter_match_folded(), from unfolded text.
 */
gboolean
km_gallery_filter_match (const KmGalleryItemFields *fields,
                         const char                *query,
                         int                        kind_filter,
                         const char                *era_filter)
{
  g_autofree char *haystack = NULL;
  g_autofree char *folded_query = NULL;

  g_return_val_if_fail (fields != NULL, FALSE);

  haystack = km_gallery_filter_build_haystack (fields);
  folded_query = km_search_fold (query);

  return km_gallery_filter_match_folded (haystack, fields->kind, fields->era_ids,
                                         folded_query, kind_filter, era_filter);
}

gboolean
km_gallery_filter_is_active (const char *query,
                             int         kind_filter,
                             const char *era_filter)
{
  g_autofree char *folded = km_search_fold (query);

  return *folded != '\0' ||
         kind_filter != KM_GALLERY_ANY_KIND ||
         (era_filter != NULL && *era_filter != '\0');
}

/**
 * km_gallery_filter_empty_state:
 * @n_total: exhibits in the content pack
 * @n_shown: exhibits that pass the search and the filters
 *
 * Returns: which empty state, if any, the gallery shows
 */
KmGalleryEmptyState
km_gallery_filter_empty_state (guint n_total,
                               guint n_shown)
{
  if (n_total == 0)
    return KM_GALLERY_EMPTY_NO_EXHIBITS;
  if (n_shown == 0)
    return KM_GALLERY_EMPTY_NO_MATCH;
  return KM_GALLERY_EMPTY_NONE;
}

/* Whether every word of @a occurs in some word of @b: then whatever
 * matches @b matches @a.
 */
static gboolean
words_within (const char *a,
              const char *b)
{
  g_auto(GStrv) a_words = g_strsplit (a != NULL ? a : "", " ", -1);
  g_auto(GStrv) b_words = g_strsplit (b != NULL ? b : "", " ", -1);

  for (guint i = 0; a_words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      if (a_words[i][0] == '\0')
        continue;
      for (guint j = 0; !found && b_words[j] != NULL; j++)
        found = strstr (b_words[j], a_words[i]) != NULL;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/**
 * km_gallery_filter_compare_queries:
 * @old_folded_query: (nullable): the query before, folded
 * @new_folded_query: (nullable): the query now, folded
 *
 * Every word of a query has to occur in an exhibit's text: typing on
 * ("xoc" to "xoca", or a second word) only ever hides exhibits, deleting
 * only ever shows more.
 *
 * Returns: how the new query's matches relate to the old one's
 */
KmGalleryChange
km_gallery_filter_compare_queries (const char *old_folded_query,
                                   const char *new_folded_query)
{
  gboolean old_within_new = words_within (old_folded_query, new_folded_query);
  gboolean new_within_old = words_within (new_folded_query, old_folded_query);

  if (old_within_new && new_within_old)
    return KM_GALLERY_CHANGE_SAME;
  if (old_within_new)
    return KM_GALLERY_CHANGE_MORE_STRICT;
  if (new_within_old)
    return KM_GALLERY_CHANGE_LESS_STRICT;
  return KM_GALLERY_CHANGE_DIFFERENT;
}

/**
 * km_gallery_filter_compare_filters:
 * @old_filter: the kind (or era index) chosen before
 * @new_filter: the one chosen now
 * @any: the value that means no filter
 *
 * Returns: how the new filter's matches relate to the old one's
 */
KmGalleryChange
km_gallery_filter_compare_filters (int old_filter,
                                   int new_filter,
                                   int any)
{
  if (old_filter == new_filter)
    return KM_GALLERY_CHANGE_SAME;
  if (old_filter == any)
    return KM_GALLERY_CHANGE_MORE_STRICT;
  if (new_filter == any)
    return KM_GALLERY_CHANGE_LESS_STRICT;
  return KM_GALLERY_CHANGE_DIFFERENT;
}
