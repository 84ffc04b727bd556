/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-search-index"

#include "config.h"

#include <string.h>

#include "km-search-index.h"

/* One exhibit: where its folded text starts in the shared buffer, its
 * kind, and its eras as numbers into the index's table of era ids.
 */
typedef struct
{
  gsize haystack;
  guint era_first;   /* into era_refs */
  guint era_count;
  int   kind;
} Item;

struct _KmSearchIndex
{
  char       *language;
  GArray     *items;        /* Item */
  GString    *text;         /* every haystack, each ended by a NUL */
  GPtrArray  *eras;         /* era number → id */
  GHashTable *era_numbers;  /* id → era number + 1 */
  GArray     *era_refs;     /* guint era numbers, Item.era_first on */
};

/**
 * km_search_index_new:
 * @language: (nullable): the language the texts are in
 *
 * Returns: (transfer full): an empty index; km_search_index_add() fills it
 */
KmSearchIndex *
km_search_index_new (const char *language)
{
  KmSearchIndex *self = g_new0 (KmSearchIndex, 1);

  self->language = g_strdup (language);
  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->text = g_string_new (NULL);
  self->eras = g_ptr_array_new_with_free_func (g_free);
  self->era_numbers = g_hash_table_new (g_str_hash, g_str_equal);
  self->era_refs = g_array_new (FALSE, FALSE, sizeof (guint));

  return self;
}

void
km_search_index_free (KmSearchIndex *self)
{
  if (self == NULL)
    return;

  g_free (self->language);
  g_array_unref (self->items);
  g_string_free (self->text, TRUE);
  g_hash_table_unref (self->era_numbers);
  g_ptr_array_unref (self->eras);
  g_array_unref (self->era_refs);
  g_free (self);
}

static guint
era_number (KmSearchIndex *self,
            const char    *era_id)
{
  guint number = GPOINTER_TO_UINT (g_hash_table_lookup (self->era_numbers, era_id));

  if (number == 0)
    {
      char *id = g_strdup (era_id);

      g_ptr_array_add (self->eras, id);
      number = self->eras->len;
      g_hash_table_insert (self->era_numbers, id, GUINT_TO_POINTER (number));
    }

  return number - 1;
}

/**
 * km_search_index_add:
 * @fields: an exhibit's texts (in the index's language), kind and eras
 *
 * Returns: the exhibit's position in the index: the next one
 */
guint
km_search_index_add (KmSearchIndex             *self,
                     const KmGalleryItemFields *fields)
{
  Item item = { 0, };

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (fields != NULL, 0);

  item.haystack = self->text->len;
  km_gallery_filter_append_haystack (self->text, fields);
  g_string_append_c (self->text, '\0');

  item.kind = fields->kind;
  item.era_first = self->era_refs->len;
  for (guint i = 0; fields->era_ids != NULL && fields->era_ids[i] != NULL; i++)
    {
      guint number = era_number (self, fields->era_ids[i]);

      g_array_append_val (self->era_refs, number);
      item.era_count++;
    }

  g_array_append_val (self->items, item);
  return self->items->len - 1;
}

guint
km_search_index_get_n_items (const KmSearchIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

/**
 * km_search_index_get_language:
 *
 * Returns: (nullable): the language the index was built in
 */
const char *
km_search_index_get_language (const KmSearchIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->language;
}

/**
 * km_search_index_is_current:
 * @self: (nullable): an index
 * @language: (nullable): the language the exhibits are shown in now
 * @n_items: how many exhibits there are now
 *
 * A language switch or new content needs a new index: the folded texts
 * are those of one language.
 *
 * Returns: whether @self can answer for the exhibits as they are
 */
gboolean
km_search_index_is_current (const KmSearchIndex *self,
                            const char          *language,
                            guint                n_items)
{
  return self != NULL &&
         g_strcmp0 (self->language, language) == 0 &&
         self->items->len == n_items;
}

/**
 * km_search_index_get_haystack:
 *
 * Returns: the folded text searched for the exhibit at @position, as
 *   km_gallery_filter_build_haystack() gives it
 */
const char *
km_search_index_get_haystack (const KmSearchIndex *self,
                              guint                position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return self->text->str + g_array_index (self->items, Item, position).haystack;
}

/* A query split once, for every exhibit it is tried on. */
typedef struct
{
  GPtrArray *words;     /* distinct words, longest first */
  int        kind;
  gboolean   any_era;
  gboolean   no_era;    /* an era no exhibit has: nothing matches */
  guint      era;
} Query;

static int
compare_length_desc (gconstpointer a,
                     gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a);
  gsize lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

static void
query_init (Query               *query,
            const KmSearchIndex *self,
            const char          *folded_query,
            int                  kind_filter,
            const char          *era_filter)
{
  query->words = g_ptr_array_new_with_free_func (g_free);
  query->kind = kind_filter;
  query->any_era = era_filter == NULL || *era_filter == '\0';
  query->no_era = FALSE;
  query->era = 0;

  if (!query->any_era)
    {
      guint number = GPOINTER_TO_UINT (g_hash_table_lookup (self->era_numbers, era_filter));

      query->no_era = number == 0;
      query->era = number - 1;
    }

  for (const char *p = folded_query != NULL ? folded_query : ""; *p != '\0'; )
    {
      const char *end = strchr (p, ' ');
      gsize len = end != NULL ? (gsize) (end - p) : strlen (p);

      if (len > 0)
        {
          char *word = g_strndup (p, len);
          gboolean seen = FALSE;

          for (guint i = 0; !seen && i < query->words->len; i++)
            seen = g_str_equal (word, query->words->pdata[i]);
          if (seen)
            g_free (word);
          else
            g_ptr_array_add (query->words, word);
        }

      p += len;
      while (*p == ' ')
        p++;
    }

  /* The longest word is the likeliest to rule an exhibit out at once. */
  g_ptr_array_sort (query->words, compare_length_desc);
}

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->words, g_ptr_array_unref);
}

static gboolean
query_matches (const KmSearchIndex *self,
               const Query         *query,
               guint                position)
{
  const Item *item = &g_array_index (self->items, Item, position);
  const char *haystack;

  if (query->kind != KM_GALLERY_ANY_KIND && item->kind != query->kind)
    return FALSE;

  if (!query->any_era)
    {
      const guint *refs = &g_array_index (self->era_refs, guint, 0);
      gboolean found = FALSE;

      if (query->no_era)
        return FALSE;
      for (guint i = 0; !found && i < item->era_count; i++)
        found = refs[item->era_first + i] == query->era;
      if (!found)
        return FALSE;
    }

  haystack = self->text->str + item->haystack;
  for (guint i = 0; i < query->words->len; i++)
    if (strstr (haystack, query->words->pdata[i]) == NULL)
      return FALSE;

  return TRUE;
}

/**
 * km_search_index_match_one:
 * @position: an exhibit's position in the index
 * @folded_query: (nullable): from km_search_fold(); empty or %NULL matches all
 * @kind_filter: a #KmExhibitKind or %KM_GALLERY_ANY_KIND
 * @era_filter: (nullable): an era id, or %NULL for any era
 *
 * Returns: what km_gallery_filter_match() says for that exhibit
 */
gboolean
km_search_index_match_one (const KmSearchIndex *self,
                           guint                position,
                           const char          *folded_query,
                           int                  kind_filter,
                           const char          *era_filter)
{
  Query query;
  gboolean result;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (position < self->items->len, FALSE);

  query_init (&query, self, folded_query, kind_filter, era_filter);
  result = query_matches (self, &query, position);
  query_clear (&query);

  return result;
}

static gboolean
is_valid_previous (const KmSearchIndex *self,
                   const GArray        *previous)
{
  guint n = self->items->len;

  for (guint i = 0; i < previous->len; i++)
    {
      guint position = g_array_index (previous, guint, i);

      if (position >= n || (i > 0 && position <= g_array_index (previous, guint, i - 1)))
        return FALSE;
    }
  return TRUE;
}

/**
 * km_search_index_match:
 * @folded_query: (nullable): from km_search_fold(); empty or %NULL matches all
 * @kind_filter: a #KmExhibitKind or %KM_GALLERY_ANY_KIND
 * @era_filter: (nullable): an era id, or %NULL for any era
 * @previous: (nullable): the positions the last query matched, ascending
 * @change: how this query relates to the last one
 *
 * The positions of the exhibits that pass the search and the filters.
 * Given the last answer, a stricter query (typing on) only tries what
 * it matched, a looser one (deleting) keeps it and tries the rest; the
 * answer is the same as that of a full scan.
 *
 * Returns: (transfer full) (element-type guint): ascending positions
 */
GArray *
km_search_index_match (const KmSearchIndex *self,
                       const char          *folded_query,
                       int                  kind_filter,
                       const char          *era_filter,
                       const GArray        *previous,
                       KmGalleryChange      change)
{
  guint n;
  GArray *result;
  Query query;

  g_return_val_if_fail (self != NULL, NULL);

  n = self->items->len;
  if (previous != NULL && !is_valid_previous (self, previous))
    previous = NULL;
  if (previous == NULL)
    change = KM_GALLERY_CHANGE_DIFFERENT;

  if (change == KM_GALLERY_CHANGE_SAME)
    return g_array_copy ((GArray *) previous);

  result = g_array_sized_new (FALSE, FALSE, sizeof (guint),
                              change == KM_GALLERY_CHANGE_MORE_STRICT ? previous->len : n);
  query_init (&query, self, folded_query, kind_filter, era_filter);

  switch (change)
    {
    case KM_GALLERY_CHANGE_MORE_STRICT:
      for (guint i = 0; i < previous->len; i++)
        {
          guint position = g_array_index (previous, guint, i);

          if (query_matches (self, &query, position))
            g_array_append_val (result, position);
        }
      break;

    case KM_GALLERY_CHANGE_LESS_STRICT:
      {
        guint j = 0;

        for (guint position = 0; position < n; position++)
          {
            if (j < previous->len && g_array_index (previous, guint, j) == position)
              {
                g_array_append_val (result, position);
                j++;
              }
            else if (query_matches (self, &query, position))
              g_array_append_val (result, position);
          }
      }
      break;

    case KM_GALLERY_CHANGE_SAME:
    case KM_GALLERY_CHANGE_DIFFERENT:
    default:
      for (guint position = 0; position < n; position++)
        if (query_matches (self, &query, position))
          g_array_append_val (result, position);
      break;
    }

  query_clear (&query);
  return result;
}

/**
 * km_gallery_change_combine:
 *
 * The change of the search and the filters together, from the change of
 * each: stricter and stricter is stricter; stricter and looser can be
 * anything.
 *
 * Returns: the combined change
 */
KmGalleryChange
km_gallery_change_combine (KmGalleryChange a,
                           KmGalleryChange b)
{
  if (a == KM_GALLERY_CHANGE_SAME)
    return b;
  if (b == KM_GALLERY_CHANGE_SAME || a == b)
    return a;
  return KM_GALLERY_CHANGE_DIFFERENT;
}

/**
 * km_gallery_filter_compare_eras:
 * @old_era: (nullable): the era chosen before, %NULL or empty for any
 * @new_era: (nullable): the one chosen now
 *
 * One era for another is neither stricter nor looser.
 *
 * Returns: how the new era filter's matches relate to the old one's
 */
KmGalleryChange
km_gallery_filter_compare_eras (const char *old_era,
                                const char *new_era)
{
  gboolean old_any = old_era == NULL || *old_era == '\0';
  gboolean new_any = new_era == NULL || *new_era == '\0';

  if (old_any && new_any)
    return KM_GALLERY_CHANGE_SAME;
  if (old_any)
    return KM_GALLERY_CHANGE_MORE_STRICT;
  if (new_any)
    return KM_GALLERY_CHANGE_LESS_STRICT;
  return g_str_equal (old_era, new_era) ? KM_GALLERY_CHANGE_SAME : KM_GALLERY_CHANGE_DIFFERENT;
}
