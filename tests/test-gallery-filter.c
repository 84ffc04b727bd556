/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "km-fake-clock.h"
#include "km-gallery-filter.h"
#include "km-slideshow.h"
#include "km-test-utils.h"

static gboolean
finds (const char *text,
       const char *query)
{
  KmGalleryItemFields fields = { .title = text, .kind = KM_EXHIBIT_KIND_ILLUSTRATION };

  return km_gallery_filter_match (&fields, query, KM_GALLERY_ANY_KIND, NULL);
}

static void
test_fold_basic (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "Hello World", "hello world" },
    { "  several   spaces\n\nand lines ", "several spaces and lines" },
    { "Café crème brûlée", "cafe creme brulee" },
    { "Straße", "strasse" },
    { "“quoted” – dash", "\"quoted\" - dash" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = km_search_fold (cases[i].in);
      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static void
test_fold_azerbaijani (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "İsmayıllı", "ismayilli" },
    { "ISMAYILLI", "ismayilli" },
    { "Ismayıllı", "ismayilli" },
    { "ismayilli", "ismayilli" },
    { "Şəki", "seki" },
    { "ŞƏKİ", "seki" },
    { "Xocalı", "xocali" },
    { "Ağdam", "agdam" },
    { "AĞDAM", "agdam" },
    { "Göyçay", "goycay" },
    { "GÖYÇAY", "goycay" },
    { "Üzüm", "uzum" },
    { "Çörək", "corek" },
    { "ĞğŞşÇçÖöÜüƏəİıIi", "ggssccoouueeiiii" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = km_search_fold (cases[i].in);
      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

/* The same answers whatever the process locale: a Turkic locale makes
 * towupper/g_utf8_strdown treat I and i differently.
 */
static void
test_fold_locale_independent (void)
{
  static const char *locales[] = { "tr_TR.UTF-8", "az_AZ.UTF-8", "C.UTF-8" };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      setlocale (LC_ALL, locales[i]); /* may not exist; C stays then */
      a = km_search_fold ("ISMAYILLI");
      b = km_search_fold ("İsmayıllı");
      g_assert_cmpstr (a, ==, "ismayilli");
      g_assert_cmpstr (b, ==, "ismayilli");
    }

  setlocale (LC_ALL, saved);
}

static void
test_search_azerbaijani (void)
{
  g_assert_true (finds ("İsmayıllı rayonu", "ismayilli"));
  g_assert_true (finds ("İsmayıllı rayonu", "ISMAYILLI"));
  g_assert_true (finds ("İsmayıllı rayonu", "Ismayıllı"));
  g_assert_true (finds ("ismayilli", "İsmayıllı"));
  g_assert_true (finds ("Şəki xanlığı", "seki"));
  g_assert_true (finds ("Şəki xanlığı", "ŞƏKİ"));
  g_assert_true (finds ("Ağdam yolu", "agdam"));
  g_assert_true (finds ("Ağdam yolu", "AĞDAM"));
  g_assert_true (finds ("Xocalı soyqırımı", "xocali soyqirimi"));
  g_assert_true (finds ("Xocalı soyqırımı", "soyqırımı XOCALI"));

  g_assert_false (finds ("Şəki xanlığı", "saki"));
  g_assert_false (finds ("Xocalı", "xocalo"));
  g_assert_false (finds ("Ağdam yolu", "agdam road"));
}

static void
test_match_fields (void)
{
  const char *eras[] = { "night", "remembrance", NULL };
  KmGalleryItemFields fields = {
    .title = "A candle for Khojaly",
    .caption = "Illustration: a single memorial candle.",
    .description = "Every year on 26 February, people remember.",
    .kind = KM_EXHIBIT_KIND_POSTER,
    .era_ids = eras,
  };

  /* Title, caption and description are searched; empty matches all. */
  g_assert_true (km_gallery_filter_match (&fields, "", KM_GALLERY_ANY_KIND, NULL));
  g_assert_true (km_gallery_filter_match (&fields, NULL, KM_GALLERY_ANY_KIND, NULL));
  g_assert_true (km_gallery_filter_match (&fields, "KHOJALY", KM_GALLERY_ANY_KIND, NULL));
  g_assert_true (km_gallery_filter_match (&fields, "memorial", KM_GALLERY_ANY_KIND, NULL));
  g_assert_true (km_gallery_filter_match (&fields, "february", KM_GALLERY_ANY_KIND, NULL));
  g_assert_true (km_gallery_filter_match (&fields, "  candle   february ", KM_GALLERY_ANY_KIND, NULL));
  g_assert_false (km_gallery_filter_match (&fields, "candle march", KM_GALLERY_ANY_KIND, NULL));
  /* Words may come from different fields, but one word does not span two. */
  g_assert_true (km_gallery_filter_match (&fields, "khojaly illustration", KM_GALLERY_ANY_KIND, NULL));
  g_assert_false (km_gallery_filter_match (&fields, "khojalyillustration", KM_GALLERY_ANY_KIND, NULL));

  /* Kind */
  g_assert_true (km_gallery_filter_match (&fields, NULL, KM_EXHIBIT_KIND_POSTER, NULL));
  g_assert_false (km_gallery_filter_match (&fields, NULL, KM_EXHIBIT_KIND_ILLUSTRATION, NULL));

  /* Era: any of the exhibit's eras */
  g_assert_true (km_gallery_filter_match (&fields, NULL, KM_GALLERY_ANY_KIND, "night"));
  g_assert_true (km_gallery_filter_match (&fields, NULL, KM_GALLERY_ANY_KIND, "remembrance"));
  g_assert_true (km_gallery_filter_match (&fields, NULL, KM_GALLERY_ANY_KIND, ""));
  g_assert_false (km_gallery_filter_match (&fields, NULL, KM_GALLERY_ANY_KIND, "before"));

  /* All three together */
  g_assert_true (km_gallery_filter_match (&fields, "candle", KM_EXHIBIT_KIND_POSTER, "night"));
  g_assert_false (km_gallery_filter_match (&fields, "candle", KM_EXHIBIT_KIND_POSTER, "before"));
  g_assert_false (km_gallery_filter_match (&fields, "candle", KM_EXHIBIT_KIND_DOCUMENT, "night"));

  /* An exhibit without timeline entries has no era. */
  fields.era_ids = NULL;
  g_assert_false (km_gallery_filter_match (&fields, NULL, KM_GALLERY_ANY_KIND, "night"));
  g_assert_true (km_gallery_filter_match (&fields, NULL, KM_GALLERY_ANY_KIND, NULL));
}

static void
test_filter_state (void)
{
  g_assert_false (km_gallery_filter_is_active ("", KM_GALLERY_ANY_KIND, NULL));
  g_assert_false (km_gallery_filter_is_active ("   ", KM_GALLERY_ANY_KIND, ""));
  g_assert_true (km_gallery_filter_is_active ("a", KM_GALLERY_ANY_KIND, NULL));
  g_assert_true (km_gallery_filter_is_active (NULL, KM_EXHIBIT_KIND_POSTER, NULL));
  g_assert_true (km_gallery_filter_is_active (NULL, KM_GALLERY_ANY_KIND, "night"));

  g_assert_cmpint (km_gallery_filter_empty_state (0, 0), ==, KM_GALLERY_EMPTY_NO_EXHIBITS);
  g_assert_cmpint (km_gallery_filter_empty_state (20, 0), ==, KM_GALLERY_EMPTY_NO_MATCH);
  g_assert_cmpint (km_gallery_filter_empty_state (20, 3), ==, KM_GALLERY_EMPTY_NONE);
}

/* Slideshow */

static GListModel *
create_model (guint n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *s = g_strdup_printf ("item %u", i);
      gtk_string_list_append (list, s);
    }

  return G_LIST_MODEL (list);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_slideshow_timer (void)
{
  g_autoptr(GListModel) model = create_model (3);
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  g_autoptr(KmSlideshow) slideshow = km_slideshow_new (model, clock);
  guint notifies = 0;

  g_signal_connect (slideshow, "notify::position", G_CALLBACK (count_notify_cb), &notifies);

  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 0);
  g_assert_false (km_slideshow_get_playing (slideshow));
  g_assert_cmpuint (km_slideshow_get_interval (slideshow), ==, 8);

  /* Paused: time passes, nothing moves. */
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 60000);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 0);
  g_assert_cmpuint (km_fake_clock_n_pending (KM_FAKE_CLOCK (clock)), ==, 0);

  km_slideshow_set_interval (slideshow, 5);
  km_slideshow_play (slideshow);
  g_assert_true (km_slideshow_get_playing (slideshow));
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 4999);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 0);
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 1);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 1);
  g_assert_cmpuint (notifies, ==, 1);

  /* It loops at the end. */
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 10000);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 0);
  g_assert_cmpuint (notifies, ==, 3);

  /* A manual step gives the new item a whole interval. */
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 4000);
  km_slideshow_next (slideshow);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 1);
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 4000);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 1);
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 1000);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 2);

  km_slideshow_pause (slideshow);
  g_assert_cmpuint (km_fake_clock_n_pending (KM_FAKE_CLOCK (clock)), ==, 0);
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 60000);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 2);

  /* The interval is clamped to the settings key's range. */
  km_slideshow_set_interval (slideshow, 1);
  g_assert_cmpuint (km_slideshow_get_interval (slideshow), ==, 2);
  km_slideshow_set_interval (slideshow, 1000);
  g_assert_cmpuint (km_slideshow_get_interval (slideshow), ==, 120);
}

static void
test_slideshow_navigation (void)
{
  g_autoptr(GListModel) model = create_model (4);
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  g_autoptr(KmSlideshow) slideshow = km_slideshow_new (model, clock);
  g_autoptr(GtkStringObject) item = NULL;

  km_slideshow_previous (slideshow);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 3);
  km_slideshow_next (slideshow);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 0);
  km_slideshow_set_position (slideshow, 99);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 3);

  item = km_slideshow_dup_item (slideshow);
  g_assert_cmpstr (gtk_string_object_get_string (item), ==, "item 3");

  /* Removing items keeps the position inside the model. */
  gtk_string_list_splice (GTK_STRING_LIST (model), 2, 2, NULL);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 1);
}

static void
test_slideshow_empty (void)
{
  g_autoptr(GListModel) model = create_model (2);
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  g_autoptr(KmSlideshow) slideshow = km_slideshow_new (NULL, clock);

  /* Nothing to show: it does not start. */
  km_slideshow_play (slideshow);
  g_assert_false (km_slideshow_get_playing (slideshow));
  km_slideshow_next (slideshow);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 0);
  g_assert_null (km_slideshow_dup_item (slideshow));

  km_slideshow_set_model (slideshow, model);
  km_slideshow_play (slideshow);
  g_assert_true (km_slideshow_get_playing (slideshow));

  /* The model empties: the slideshow stops, its timer goes. */
  gtk_string_list_splice (GTK_STRING_LIST (model), 0, 2, NULL);
  g_assert_false (km_slideshow_get_playing (slideshow));
  g_assert_cmpuint (km_fake_clock_n_pending (KM_FAKE_CLOCK (clock)), ==, 0);
}

/* How a keystroke's query relates to the one before (#19). */
static void
test_compare_queries (void)
{
  static const struct { const char *old; const char *new; KmGalleryChange change; } cases[] = {
    { "", "x", KM_GALLERY_CHANGE_MORE_STRICT },
    { "xoc", "xoca", KM_GALLERY_CHANGE_MORE_STRICT },
    { "xoca", "xoc", KM_GALLERY_CHANGE_LESS_STRICT },
    { "xoca", "", KM_GALLERY_CHANGE_LESS_STRICT },
    { "candle", "candle baku", KM_GALLERY_CHANGE_MORE_STRICT },
    { "candle baku", "baku candle", KM_GALLERY_CHANGE_SAME },
    { "ab", "a b", KM_GALLERY_CHANGE_LESS_STRICT },
    { "a b", "ab", KM_GALLERY_CHANGE_MORE_STRICT },
    { "xocali", "baku", KM_GALLERY_CHANGE_DIFFERENT },
    { "xocali", "xocala", KM_GALLERY_CHANGE_DIFFERENT },
    { NULL, "x", KM_GALLERY_CHANGE_MORE_STRICT },
  };
  /* Folded exhibit texts: a stricter query never matches one the looser
   * one did not, whatever the text. */
  static const char *haystacks[] = {
    "candle in baku 1", "xocali: candle 5", "ab", "a then b", "b", "xocala", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KmGalleryChange change = km_gallery_filter_compare_queries (cases[i].old, cases[i].new);

      g_assert_cmpint (change, ==, cases[i].change);
      for (guint j = 0; j < G_N_ELEMENTS (haystacks); j++)
        {
          gboolean old_match = km_gallery_filter_match_folded (haystacks[j], KM_EXHIBIT_KIND_POSTER, NULL,
                                                               cases[i].old, KM_GALLERY_ANY_KIND, NULL);
          gboolean new_match = km_gallery_filter_match_folded (haystacks[j], KM_EXHIBIT_KIND_POSTER, NULL,
                                                               cases[i].new, KM_GALLERY_ANY_KIND, NULL);

          if (change == KM_GALLERY_CHANGE_MORE_STRICT || change == KM_GALLERY_CHANGE_SAME)
            g_assert_true (!new_match || old_match);
          if (change == KM_GALLERY_CHANGE_LESS_STRICT || change == KM_GALLERY_CHANGE_SAME)
            g_assert_true (!old_match || new_match);
        }
    }
}

static void
test_compare_filters (void)
{
  g_assert_cmpint (km_gallery_filter_compare_filters (KM_GALLERY_ANY_KIND, KM_EXHIBIT_KIND_POSTER, KM_GALLERY_ANY_KIND),
                   ==, KM_GALLERY_CHANGE_MORE_STRICT);
  g_assert_cmpint (km_gallery_filter_compare_filters (KM_EXHIBIT_KIND_POSTER, KM_GALLERY_ANY_KIND, KM_GALLERY_ANY_KIND),
                   ==, KM_GALLERY_CHANGE_LESS_STRICT);
  g_assert_cmpint (km_gallery_filter_compare_filters (KM_EXHIBIT_KIND_POSTER, KM_EXHIBIT_KIND_DOCUMENT, KM_GALLERY_ANY_KIND),
                   ==, KM_GALLERY_CHANGE_DIFFERENT);
  g_assert_cmpint (km_gallery_filter_compare_filters (KM_EXHIBIT_KIND_POSTER, KM_EXHIBIT_KIND_POSTER, KM_GALLERY_ANY_KIND),
                   ==, KM_GALLERY_CHANGE_SAME);
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

  g_test_add_func ("/km/gallery-filter/fold-basic", test_fold_basic);
  g_test_add_func ("/km/gallery-filter/fold-azerbaijani", test_fold_azerbaijani);
  g_test_add_func ("/km/gallery-filter/fold-locale-independent", test_fold_locale_independent);
  g_test_add_func ("/km/gallery-filter/search-azerbaijani", test_search_azerbaijani);
  g_test_add_func ("/km/gallery-filter/match-fields", test_match_fields);
  g_test_add_func ("/km/gallery-filter/state", test_filter_state);
  g_test_add_func ("/km/gallery-filter/compare-queries", test_compare_queries);
  g_test_add_func ("/km/gallery-filter/compare-filters", test_compare_filters);
  g_test_add_func ("/km/slideshow/timer", test_slideshow_timer);
  g_test_add_func ("/km/slideshow/navigation", test_slideshow_navigation);
  g_test_add_func ("/km/slideshow/empty", test_slideshow_empty);

  return g_test_run ();
}
