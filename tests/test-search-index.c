/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The gallery's search index (#19): the same answers as
 * km_gallery_filter_match() over every exhibit, however the query got
 * there.
 */
#include "config.h"

#include "km-gallery-filter.h"
#include "km-match-list.h"
#include "km-search-index.h"

typedef struct
{
  char               *title;
  char               *caption;
  char               *description;
  KmExhibitKind       kind;
  char              **era_ids;
} TestItem;

static void
test_item_clear (TestItem *item)
{
  g_free (item->title);
  g_free (item->caption);
  g_free (item->description);
  g_strfreev (item->era_ids);
}

static KmGalleryItemFields
fields_of (const TestItem *item)
{
  KmGalleryItemFields fields = {
    .title = item->title,
    .caption = item->caption,
    .description = item->description,
    .kind = item->kind,
    .era_ids = (const char * const *) item->era_ids,
  };

  return fields;
}

static KmSearchIndex *
index_new (const char   *language,
           const GArray *items)
{
  KmSearchIndex *index = km_search_index_new (language);

  for (guint i = 0; i < items->len; i++)
    {
      KmGalleryItemFields fields = fields_of (&g_array_index (items, TestItem, i));

      g_assert_cmpuint (km_search_index_add (index, &fields), ==, i);
    }

  return index;
}

static void
add_item (GArray        *items,
          const char    *title,
          const char    *caption,
          const char    *description,
          KmExhibitKind  kind,
          const char    *eras)
{
  TestItem item = {
    g_strdup (title), g_strdup (caption), g_strdup (description), kind,
    eras != NULL ? g_strsplit (eras, ",", -1) : NULL,
  };

  g_array_append_val (items, item);
}

static GArray *
items_new (void)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (TestItem));

  g_array_set_clear_func (items, (GDestroyNotify) test_item_clear);
  return items;
}

/* The answer of a full scan with the pure filter, as positions. */
static GArray *
scan (const GArray *items,
      const char   *query,
      int           kind_filter,
      const char   *era_filter)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < items->len; i++)
    {
      KmGalleryItemFields fields = fields_of (&g_array_index (items, TestItem, i));

      if (km_gallery_filter_match (&fields, query, kind_filter, era_filter))
        g_array_append_val (result, i);
    }

  return result;
}

static void
assert_same_positions (const GArray *a,
                       const GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpuint (g_array_index (a, guint, i), ==, g_array_index (b, guint, i));
}

/* The positions @query matches from scratch, in the index. */
static GArray *
index_find (KmSearchIndex *index,
            const char    *query,
            int            kind_filter,
            const char    *era_filter)
{
  g_autofree char *folded = km_search_fold (query);

  return km_search_index_match (index, folded, kind_filter, era_filter, NULL, KM_GALLERY_CHANGE_DIFFERENT);
}

static gboolean
finds_only (KmSearchIndex *index,
            const char    *query,
            guint          position)
{
  g_autoptr(GArray) found = index_find (index, query, KM_GALLERY_ANY_KIND, NULL);

  return found->len == 1 && g_array_index (found, guint, 0) == position;
}

static void
test_index_azerbaijani (void)
{
  g_autoptr(GArray) items = items_new ();
  g_autoptr(KmSearchIndex) index = NULL;

  add_item (items, "Xocalı soyqırımı", "Şəki", NULL, KM_EXHIBIT_KIND_POSTER, NULL);      /* 0 */
  add_item (items, "Göyçay", "Çörək", "Üzüm", KM_EXHIBIT_KIND_ILLUSTRATION, NULL);      /* 1 */
  add_item (items, "İsmayıllı rayonu", NULL, "Ağdam yolu", KM_EXHIBIT_KIND_DOCUMENT, NULL); /* 2 */
  add_item (items, "ISMAYILLI", "", "", KM_EXHIBIT_KIND_PHOTOGRAPH, NULL);             /* 3 */
  add_item (items, "Gəncə", "Bakı", "Şuşa", KM_EXHIBIT_KIND_ILLUSTRATION, NULL);       /* 4 */
  index = index_new ("az", items);

  g_assert_cmpuint (km_search_index_get_n_items (index), ==, 5);
  g_assert_cmpstr (km_search_index_get_language (index), ==, "az");

  /* The index keeps the filter's folded text, field by field. */
  for (guint i = 0; i < items->len; i++)
    {
      KmGalleryItemFields fields = fields_of (&g_array_index (items, TestItem, i));
      g_autofree char *haystack = km_gallery_filter_build_haystack (&fields);

      g_assert_cmpstr (km_search_index_get_haystack (index, i), ==, haystack);
    }
  g_assert_cmpstr (km_search_index_get_haystack (index, 1), ==, "goycay\ncorek\nuzum");
  g_assert_cmpstr (km_search_index_get_haystack (index, 2), ==, "ismayilli rayonu\n\nagdam yolu");

  /* ə ı ö ü ğ ş ç, each typed plain, typed as itself, and in capitals. */
  g_assert_true (finds_only (index, "xocali", 0));
  g_assert_true (finds_only (index, "XOCALI", 0));
  g_assert_true (finds_only (index, "soyqırımı", 0));
  g_assert_true (finds_only (index, "seki", 0));
  g_assert_true (finds_only (index, "ŞƏKİ", 0));
  g_assert_true (finds_only (index, "goycay", 1));
  g_assert_true (finds_only (index, "GÖYÇAY", 1));
  g_assert_true (finds_only (index, "corek", 1));
  g_assert_true (finds_only (index, "çörək", 1));
  g_assert_true (finds_only (index, "uzum", 1));
  g_assert_true (finds_only (index, "ÜZÜM", 1));
  g_assert_true (finds_only (index, "agdam", 2));
  g_assert_true (finds_only (index, "AĞDAM", 2));
  g_assert_true (finds_only (index, "gence", 4));
  g_assert_true (finds_only (index, "ŞUŞA", 4));
  g_assert_true (finds_only (index, "baki", 4));

  /* İ and I, ı and i: one letter, whatever the case. */
  {
    static const char *queries[] = { "ismayilli", "ISMAYILLI", "İSMAYILLI", "İsmayıllı", "ısmayıllı" };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autoptr(GArray) found = index_find (index, queries[i], KM_GALLERY_ANY_KIND, NULL);

        g_assert_cmpuint (found->len, ==, 2);
        g_assert_cmpuint (g_array_index (found, guint, 0), ==, 2);
        g_assert_cmpuint (g_array_index (found, guint, 1), ==, 3);
      }
  }

  /* No false friends. */
  {
    g_autoptr(GArray) found = index_find (index, "saki", KM_GALLERY_ANY_KIND, NULL);

    g_assert_cmpuint (found->len, ==, 0);
  }
}

static void
test_index_words (void)
{
  g_autoptr(GArray) items = items_new ();
  g_autoptr(KmSearchIndex) index = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) found = NULL;

  add_item (items, "A candle for Khojaly", "Illustration: a single memorial candle.",
            "Every year on 26 February, people remember.", KM_EXHIBIT_KIND_POSTER, "night,remembrance");
  add_item (items, "Winter road", "Photograph", "A road in February.",
            KM_EXHIBIT_KIND_PHOTOGRAPH, "night");
  add_item (items, "Letter", NULL, NULL, KM_EXHIBIT_KIND_DOCUMENT, NULL);
  index = index_new ("en", items);

  /* Every word, in any order, from any field; empty matches all. */
  all = index_find (index, "", KM_GALLERY_ANY_KIND, NULL);
  g_assert_cmpuint (all->len, ==, 3);
  g_clear_pointer (&all, g_array_unref);
  all = km_search_index_match (index, NULL, KM_GALLERY_ANY_KIND, NULL, NULL, KM_GALLERY_CHANGE_DIFFERENT);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_true (finds_only (index, "february candle", 0));
  g_assert_true (finds_only (index, "  CANDLE   february ", 0));
  g_assert_true (finds_only (index, "khojaly illustration", 0));
  g_assert_true (finds_only (index, "candle candle candle", 0));
  g_assert_true (finds_only (index, "road winter february", 1));
  g_assert_true (finds_only (index, "let", 2));
  found = index_find (index, "february", KM_GALLERY_ANY_KIND, NULL);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_array_unref);
  /* One word does not span two fields. */
  found = index_find (index, "khojalyillustration", KM_GALLERY_ANY_KIND, NULL);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);
  found = index_find (index, "candle march", KM_GALLERY_ANY_KIND, NULL);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);

  /* Kind and era, alone and with words. */
  found = index_find (index, "", KM_EXHIBIT_KIND_DOCUMENT, NULL);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 2);
  g_clear_pointer (&found, g_array_unref);
  found = index_find (index, "", KM_GALLERY_ANY_KIND, "night");
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_array_unref);
  found = index_find (index, "february", KM_GALLERY_ANY_KIND, "remembrance");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 0);
  g_clear_pointer (&found, g_array_unref);
  found = index_find (index, "february", KM_EXHIBIT_KIND_PHOTOGRAPH, "night");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 1);
  g_clear_pointer (&found, g_array_unref);
  /* An era no exhibit is in: nothing; an empty one: every era. */
  found = index_find (index, "", KM_GALLERY_ANY_KIND, "before");
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);
  found = index_find (index, "", KM_GALLERY_ANY_KIND, "");
  g_assert_cmpuint (found->len, ==, 3);
  g_clear_pointer (&found, g_array_unref);

  g_assert_true (km_search_index_match_one (index, 0, "candle", KM_EXHIBIT_KIND_POSTER, "night"));
  g_assert_false (km_search_index_match_one (index, 0, "candle", KM_EXHIBIT_KIND_POSTER, "before"));
  g_assert_false (km_search_index_match_one (index, 1, "candle", KM_GALLERY_ANY_KIND, NULL));
}

/* A generated gallery: titles, captions and descriptions from a small
 * vocabulary with Azerbaijani words in both spellings, the four kinds,
 * none to two of three eras.
 */
static GArray *
generate_items (GRand *rand,
                guint  n)
{
  static const char *words[] = {
    "Xocalı", "xocali", "Şəki", "Ağdam", "İsmayıllı", "ISMAYILLI", "Göyçay", "Çörək", "Üzüm",
    "candle", "carnation", "winter", "road", "memorial", "letter", "calendar", "ribbon",
    "lantern", "night", "February", "soyqırımı", "Gəncə", "Şuşa", "Bakı", "1992", "26",
  };
  static const char *eras[] = { "before", "night", "after" };
  GArray *items = items_new ();

  for (guint i = 0; i < n; i++)
    {
      GString *texts[3];
      g_autoptr(GStrvBuilder) era_ids = g_strv_builder_new ();
      TestItem item;

      for (guint f = 0; f < 3; f++)
        {
          guint n_words = g_rand_int_range (rand, f == 1 ? 0 : 1, f == 2 ? 12 : 4);

          texts[f] = g_string_new (NULL);
          for (guint w = 0; w < n_words; w++)
            g_string_append_printf (texts[f], "%s%s", w > 0 ? (g_rand_boolean (rand) ? " " : ",\n ") : "",
                                    words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        }
      for (guint e = 0; e < G_N_ELEMENTS (eras); e++)
        if (g_rand_int_range (rand, 0, 3) == 0)
          g_strv_builder_add (era_ids, eras[e]);

      item.title = g_string_free (texts[0], FALSE);
      item.caption = g_string_free (texts[1], FALSE);
      item.description = g_string_free (texts[2], FALSE);
      item.kind = g_rand_int_range (rand, KM_EXHIBIT_KIND_ILLUSTRATION, KM_EXHIBIT_KIND_PHOTOGRAPH + 1);
      item.era_ids = g_strv_builder_end (era_ids);
      g_array_append_val (items, item);
    }

  return items;
}

typedef struct
{
  const char *query;
  int         kind;
  const char *era;
} Step;

/* Typing on, deleting, replacing, a second word, the filters on and off
 * in between: each answer, got from the one before, is a full scan's.
 */
static void
test_index_incremental (void)
{
  static const Step steps[] = {
    { "x", -1, NULL }, { "xo", -1, NULL }, { "xoc", -1, NULL }, { "xoca", -1, NULL },
    { "xocal", -1, NULL }, { "xocalı", -1, NULL }, { "xocal", -1, NULL }, { "xoca", -1, NULL },
    { "xoc", -1, NULL }, { "xo", -1, NULL }, { "x", -1, NULL }, { "", -1, NULL },
    { "ş", -1, NULL }, { "şə", -1, NULL }, { "şək", -1, NULL }, { "ŞƏKİ", -1, NULL },
    { "şəki c", -1, NULL }, { "şəki ca", -1, NULL }, { "şəki can", -1, NULL }, { "şəki ca", -1, NULL },
    { "şəki ca", KM_EXHIBIT_KIND_POSTER, NULL }, { "şəki ca", KM_EXHIBIT_KIND_POSTER, "night" },
    { "şəki", KM_EXHIBIT_KIND_POSTER, "night" }, { "şəki", KM_GALLERY_ANY_KIND, "night" },
    { "şəki", KM_EXHIBIT_KIND_DOCUMENT, "night" }, { "şəki", KM_EXHIBIT_KIND_DOCUMENT, "after" },
    { "ca şəki", KM_EXHIBIT_KIND_DOCUMENT, "after" }, { "road", KM_EXHIBIT_KIND_DOCUMENT, "after" },
    { "road", -1, NULL }, { "roads", -1, NULL }, { "", KM_EXHIBIT_KIND_PHOTOGRAPH, NULL },
    { "i", KM_EXHIBIT_KIND_PHOTOGRAPH, NULL }, { "is", KM_EXHIBIT_KIND_PHOTOGRAPH, NULL },
    { "İSMAYIL", KM_EXHIBIT_KIND_PHOTOGRAPH, NULL }, { "ismayıllı 26", -1, NULL },
    { "ismayıllı 2", -1, NULL }, { "ismayıllı", -1, NULL }, { "zzz", -1, NULL }, { "", -1, NULL },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GArray) items = generate_items (rand, round == 0 ? 50 : 2000);
      g_autoptr(KmSearchIndex) index = index_new ("az", items);
      g_autoptr(GArray) previous = NULL;
      g_autofree char *old_folded = g_strdup ("");
      int old_kind = KM_GALLERY_ANY_KIND;
      const char *old_era = NULL;
      guint n_incremental = 0;

      previous = km_search_index_match (index, "", KM_GALLERY_ANY_KIND, NULL, NULL, KM_GALLERY_CHANGE_DIFFERENT);
      g_assert_cmpuint (previous->len, ==, items->len);

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          /* The third round goes through the steps in a shuffled order. */
          const Step *step = &steps[round < 2 ? i : (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (steps))];
          g_autofree char *folded = km_search_fold (step->query);
          g_autoptr(GArray) expected = scan (items, step->query, step->kind, step->era);
          g_autoptr(GArray) got = NULL;
          KmGalleryChange change;

          change = km_gallery_change_combine (km_gallery_filter_compare_queries (old_folded, folded),
                                              km_gallery_change_combine (
                                                km_gallery_filter_compare_filters (old_kind, step->kind, KM_GALLERY_ANY_KIND),
                                                km_gallery_filter_compare_eras (old_era, step->era)));
          if (change == KM_GALLERY_CHANGE_MORE_STRICT || change == KM_GALLERY_CHANGE_LESS_STRICT)
            n_incremental++;

          got = km_search_index_match (index, folded, step->kind, step->era, previous, change);
          assert_same_positions (got, expected);

          g_clear_pointer (&previous, g_array_unref);
          previous = g_steal_pointer (&got);
          g_free (old_folded);
          old_folded = g_steal_pointer (&folded);
          old_kind = step->kind;
          old_era = step->era;
        }

      /* In order, most steps were answered from the one before. */
      if (round < 2)
        g_assert_cmpuint (n_incremental, >=, 15);
    }
}

static void
test_index_bad_previous (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) items = generate_items (rand, 100);
  g_autoptr(KmSearchIndex) index = index_new ("az", items);
  g_autoptr(GArray) expected = scan (items, "candle", KM_GALLERY_ANY_KIND, NULL);
  g_autoptr(GArray) bad = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) got = NULL;
  guint positions[] = { 5, 3, 1000 };

  /* Out of order and out of range: not trusted, the index scans. */
  g_array_append_vals (bad, positions, G_N_ELEMENTS (positions));
  got = km_search_index_match (index, "candle", KM_GALLERY_ANY_KIND, NULL, bad, KM_GALLERY_CHANGE_MORE_STRICT);
  assert_same_positions (got, expected);
  g_clear_pointer (&got, g_array_unref);
  got = km_search_index_match (index, "candle", KM_GALLERY_ANY_KIND, NULL, NULL, KM_GALLERY_CHANGE_LESS_STRICT);
  assert_same_positions (got, expected);
}

/* The texts are those of one language: a switch, or new content, needs
 * a new index, and the new one answers in the new language.
 */
static void
test_index_language (void)
{
  g_autoptr(GArray) en = items_new ();
  g_autoptr(GArray) az = items_new ();
  g_autoptr(KmSearchIndex) index = NULL;
  g_autoptr(GArray) found = NULL;

  add_item (en, "Candle in Sheki", "Illustration", NULL, KM_EXHIBIT_KIND_ILLUSTRATION, NULL);
  add_item (en, "Winter road", "Photograph", NULL, KM_EXHIBIT_KIND_PHOTOGRAPH, NULL);
  add_item (az, "Şəki: şam", "İllüstrasiya", NULL, KM_EXHIBIT_KIND_ILLUSTRATION, NULL);
  add_item (az, "Qış yolu", "Fotoqrafiya", NULL, KM_EXHIBIT_KIND_PHOTOGRAPH, NULL);

  index = index_new ("en", en);
  g_assert_true (km_search_index_is_current (index, "en", 2));
  g_assert_false (km_search_index_is_current (index, "az", 2));
  g_assert_false (km_search_index_is_current (index, "en", 3));
  g_assert_false (km_search_index_is_current (NULL, "en", 0));
  g_assert_true (finds_only (index, "sheki", 0));
  found = index_find (index, "qis", KM_GALLERY_ANY_KIND, NULL);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_array_unref);

  g_clear_pointer (&index, km_search_index_free);
  index = index_new ("az", az);
  g_assert_true (km_search_index_is_current (index, "az", 2));
  g_assert_false (km_search_index_is_current (index, "en", 2));
  g_assert_true (finds_only (index, "QIŞ", 1));
  g_assert_true (finds_only (index, "seki", 0));
  g_assert_true (finds_only (index, "illustrasiya", 0));
  found = index_find (index, "sheki", KM_GALLERY_ANY_KIND, NULL);
  g_assert_cmpuint (found->len, ==, 0);
}

static void
test_change_combine (void)
{
  g_assert_cmpint (km_gallery_change_combine (KM_GALLERY_CHANGE_SAME, KM_GALLERY_CHANGE_MORE_STRICT), ==, KM_GALLERY_CHANGE_MORE_STRICT);
  g_assert_cmpint (km_gallery_change_combine (KM_GALLERY_CHANGE_LESS_STRICT, KM_GALLERY_CHANGE_SAME), ==, KM_GALLERY_CHANGE_LESS_STRICT);
  g_assert_cmpint (km_gallery_change_combine (KM_GALLERY_CHANGE_MORE_STRICT, KM_GALLERY_CHANGE_MORE_STRICT), ==, KM_GALLERY_CHANGE_MORE_STRICT);
  g_assert_cmpint (km_gallery_change_combine (KM_GALLERY_CHANGE_MORE_STRICT, KM_GALLERY_CHANGE_LESS_STRICT), ==, KM_GALLERY_CHANGE_DIFFERENT);
  g_assert_cmpint (km_gallery_change_combine (KM_GALLERY_CHANGE_DIFFERENT, KM_GALLERY_CHANGE_SAME), ==, KM_GALLERY_CHANGE_DIFFERENT);
  g_assert_cmpint (km_gallery_change_combine (KM_GALLERY_CHANGE_SAME, KM_GALLERY_CHANGE_SAME), ==, KM_GALLERY_CHANGE_SAME);

  /* One era for another: anything. */
  g_assert_cmpint (km_gallery_filter_compare_eras (NULL, ""), ==, KM_GALLERY_CHANGE_SAME);
  g_assert_cmpint (km_gallery_filter_compare_eras ("night", "night"), ==, KM_GALLERY_CHANGE_SAME);
  g_assert_cmpint (km_gallery_filter_compare_eras (NULL, "night"), ==, KM_GALLERY_CHANGE_MORE_STRICT);
  g_assert_cmpint (km_gallery_filter_compare_eras ("night", ""), ==, KM_GALLERY_CHANGE_LESS_STRICT);
  g_assert_cmpint (km_gallery_filter_compare_eras ("night", "after"), ==, KM_GALLERY_CHANGE_DIFFERENT);
}

static GArray *
positions_of (const guint *values,
              guint        n)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_vals (array, values, n);
  return array;
}

typedef struct
{
  guint n_signals;
  guint position, removed, added;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_signals++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
}

/* The shown exhibits change by one range, and not at all when a
 * keystroke finds the same ones.
 */
static void
test_match_list (void)
{
  static const guint all[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };
  static const guint evens[] = { 0, 2, 4, 6, 8 };
  static const guint some[] = { 0, 2, 5, 8 };
  g_autoptr(GListStore) base = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(KmMatchList) list = NULL;
  g_autoptr(GArray) a = positions_of (all, G_N_ELEMENTS (all));
  g_autoptr(GArray) e = positions_of (evens, G_N_ELEMENTS (evens));
  g_autoptr(GArray) m = positions_of (some, G_N_ELEMENTS (some));
  g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (guint));
  Changes changes = { 0, };
  guint position, removed, added;

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (base, item);
    }

  km_match_list_diff (e, m, &position, &removed, &added);
  g_assert_cmpuint (position, ==, 2);  /* 0, 2 stay; 8 stays */
  g_assert_cmpuint (removed, ==, 2);   /* 4, 6 */
  g_assert_cmpuint (added, ==, 1);     /* 5 */
  km_match_list_diff (a, a, &position, &removed, &added);
  g_assert_cmpuint (removed + added, ==, 0);
  km_match_list_diff (none, e, &position, &removed, &added);
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 5);

  list = km_match_list_new (G_LIST_MODEL (base));
  g_assert_true (km_match_list_get_base (list) == G_LIST_MODEL (base));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  km_match_list_set_positions (list, a, FALSE);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);

  km_match_list_set_positions (list, e, FALSE);
  g_assert_cmpuint (changes.n_signals, ==, 2);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 9);   /* 1 to 9 go, */
  g_assert_cmpuint (changes.added, ==, 4);     /* 2, 4, 6, 8 come */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  for (guint i = 0; i < e->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(GObject) expected = g_list_model_get_item (G_LIST_MODEL (base), evens[i]);

      g_assert_true (item == expected);
      g_assert_cmpuint (km_match_list_get_position (list, i), ==, evens[i]);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 5));
  g_assert_cmpuint (km_match_list_get_position (list, 5), ==, G_MAXUINT);

  /* The same answer: no signal. */
  km_match_list_set_positions (list, e, FALSE);
  g_assert_cmpuint (changes.n_signals, ==, 2);

  /* New items in the base: every one is new. */
  km_match_list_set_positions (list, e, TRUE);
  g_assert_cmpuint (changes.n_signals, ==, 3);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 5);
  g_assert_cmpuint (changes.added, ==, 5);
}

static void
test_slot_list (void)
{
  g_autoptr(KmSlotList) slots = km_slot_list_new ();
  g_autoptr(GObject) a = NULL;
  g_autoptr(GObject) b = NULL;
  Changes changes = { 0, };

  g_signal_connect (slots, "items-changed", G_CALLBACK (on_items_changed), &changes);
  km_slot_list_set_n_items (slots, 100);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.added, ==, 100);

  /* Only the end changes, so the grid keeps the cells before it. */
  km_slot_list_set_n_items (slots, 30);
  g_assert_cmpuint (changes.n_signals, ==, 2);
  g_assert_cmpuint (changes.position, ==, 30);
  g_assert_cmpuint (changes.removed, ==, 70);
  g_assert_cmpuint (changes.added, ==, 0);
  km_slot_list_set_n_items (slots, 30);
  g_assert_cmpuint (changes.n_signals, ==, 2);
  km_slot_list_set_n_items (slots, 31);
  g_assert_cmpuint (changes.position, ==, 30);
  g_assert_cmpuint (changes.added, ==, 1);

  /* Cells are told apart by their items. */
  a = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  b = g_list_model_get_item (G_LIST_MODEL (slots), 1);
  g_assert_nonnull (a);
  g_assert_true (a != b);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (slots), 31));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search-index/azerbaijani", test_index_azerbaijani);
  g_test_add_func ("/search-index/words", test_index_words);
  g_test_add_func ("/search-index/incremental", test_index_incremental);
  g_test_add_func ("/search-index/bad-previous", test_index_bad_previous);
  g_test_add_func ("/search-index/language", test_index_language);
  g_test_add_func ("/search-index/change-combine", test_change_combine);
  g_test_add_func ("/search-index/match-list", test_match_list);
  g_test_add_func ("/search-index/slot-list", test_slot_list);

  return g_test_run ();
}
