/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "km-content-store.h"
#include "km-test-utils.h"
#include "km-timeline-layout.h"

/* Labels are measured with Pango and a real font, through the same
 * km_timeline_layout_measure_with_pango() the overview draws with.
 */
typedef struct
{
  PangoLayout *pango_layout;
  GPtrArray   *entry_labels;
  GPtrArray   *era_labels;
  GArray      *entries;   /* KmTimelineSpan */
  GArray      *eras;      /* KmTimelineSpan */
} Fixture;

static void
measure_entry (guint     index,
               int       wrap_width,
               int      *width,
               int      *height,
               gpointer  user_data)
{
  Fixture *f = user_data;

  km_timeline_layout_measure_with_pango (f->pango_layout, g_ptr_array_index (f->entry_labels, index),
                                         wrap_width, width, height);
}

static void
measure_era (guint     index,
             int       wrap_width,
             int      *width,
             int      *height,
             gpointer  user_data)
{
  Fixture *f = user_data;

  km_timeline_layout_measure_with_pango (f->pango_layout, g_ptr_array_index (f->era_labels, index),
                                         wrap_width, width, height);
}

static void
fixture_init (Fixture *f)
{
  f->entry_labels = g_ptr_array_new_with_free_func (g_free);
  f->era_labels = g_ptr_array_new_with_free_func (g_free);
  f->entries = g_array_new (FALSE, FALSE, sizeof (KmTimelineSpan));
  f->eras = g_array_new (FALSE, FALSE, sizeof (KmTimelineSpan));
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->pango_layout);
  g_clear_pointer (&f->entry_labels, g_ptr_array_unref);
  g_clear_pointer (&f->era_labels, g_ptr_array_unref);
  g_clear_pointer (&f->entries, g_array_unref);
  g_clear_pointer (&f->eras, g_array_unref);
}

static void
fixture_set_scale (Fixture *f,
                   double   scale)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Cantarell 11");

  /* As GTK does for the "large text" setting: a higher resolution. */
  pango_cairo_context_set_resolution (context, 96.0 * scale);
  pango_context_set_font_description (context, desc);
  g_clear_object (&f->pango_layout);
  f->pango_layout = pango_layout_new (context);
  g_object_unref (context);
}

static void
fixture_add_entry (Fixture    *f,
                   const char *label,
                   gint64      start,
                   gint64      end)
{
  KmTimelineSpan span = { start, end };

  g_ptr_array_add (f->entry_labels, g_strdup (label));
  g_array_append_val (f->entries, span);
}

static void
fixture_add_era (Fixture    *f,
                 const char *label,
                 gint64      start,
                 gint64      end)
{
  KmTimelineSpan span = { start, end };

  g_ptr_array_add (f->era_labels, g_strdup (label));
  g_array_append_val (f->eras, span);
}

static void
fixture_load_bundled (Fixture *f)
{
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GError) error = NULL;
  GListModel *model;

  g_assert_true (km_content_store_load_bundled (store, &error));
  g_assert_no_error (error);

  model = km_content_store_get_entries (store);
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, 10);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KmTimelineEntry) entry = g_list_model_get_item (model, i);
      /* Where the overview puts it: an undated entry at its anchor. */
      const KmDate *date = km_timeline_entry_get_position (entry);
      const KmDate *end = km_timeline_entry_get_has_end (entry) ? km_timeline_entry_get_end (entry) : date;

      fixture_add_entry (f, km_timeline_entry_get_headline (entry),
                         km_date_to_days (date), km_date_end_to_days (end));
    }

  model = km_content_store_get_eras (store);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KmEra) era = g_list_model_get_item (model, i);

      fixture_add_era (f, km_era_get_title (era),
                       km_date_to_days (km_era_get_start (era)),
                       km_date_end_to_days (km_era_get_end (era)));
    }
}

/* 300 entries over 70 years: clusters on the same day, long headlines,
 * one unbreakable word, empty decades.
 */
static void
fixture_load_synthetic (Fixture *f)
{
  static const char * const words[] = {
    "remembrance", "march", "the", "of", "a", "ceremony", "in", "Baku",
    "memorial", "seminar", "petition", "candle", "victims", "town", "night",
  };
  GRand *rand = g_rand_new_with_seed (1992);
  gint64 day = -7300; /* 1950 */

  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GString) label = g_string_new (NULL);
      guint n_words = g_rand_int_range (rand, 1, 14);
      int step = g_rand_int_range (rand, 0, 100);

      /* Mostly close together, some on the same day, a few long gaps. */
      if (step < 25)
        step = 0;
      else if (step < 97)
        step = g_rand_int_range (rand, 1, 120);
      else
        step = g_rand_int_range (rand, 1500, 5000);
      day += step;

      for (guint w = 0; w < n_words; w++)
        g_string_append_printf (label, "%s%s", w > 0 ? " " : "",
                                words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      if (i == 150)
        g_string_append (label, " Antidisestablishmentarianismandmorewithoutanybreak");

      fixture_add_entry (f, label->str, day, day + (i % 17 == 0 ? 400 : 0));
      if (i % 40 == 0)
        fixture_add_era (f, "An era with a fairly long title", day, day + 700);
    }

  g_rand_free (rand);
}

static gboolean
boxes_overlap (const KmTimelineItemLayout *a,
               const KmTimelineItemLayout *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
check_item (Fixture                    *f,
            const KmTimelineItemLayout *item,
            const KmTimelineLayout     *layout,
            const char                 *label,
            gboolean                    is_entry)
{
  int w, h;

  if (item->x + item->width > layout->width + 0.001)
    g_printerr ("%s: marker %.1f box %.1f+%.1f label %.1f+%.1f wrap %d before %d\n", label, item->marker_x, item->x, item->width,
                item->label_x, item->label_width, item->wrap_width, item->label_before);
  /* Inside the strip: nothing is cut at either edge. */
  g_assert_cmpfloat (item->x, >=, 0);
  g_assert_cmpfloat (item->x + item->width, <=, layout->width + 0.001);
  g_assert_cmpfloat (item->y, >=, 0);
  g_assert_cmpfloat (item->y + item->height, <=, layout->height);

  /* The marker and the label are inside the box and do not meet. */
  g_assert_cmpfloat (item->marker_x - item->marker_radius, >=, item->x);
  g_assert_cmpfloat (item->marker_x + item->marker_radius, <=, item->x + item->width + 0.001);
  g_assert_cmpfloat (item->label_x, >=, item->x);
  g_assert_cmpfloat (item->label_x + item->label_width, <=, item->x + item->width + 0.001);
  g_assert_cmpfloat (item->label_y + item->label_height, <=, item->y + item->height + 0.001);
  if (item->label_before)
    g_assert_cmpfloat (item->label_x + item->label_width, <=, item->marker_x - item->marker_radius);
  else
    g_assert_cmpfloat (item->label_x, >=, item->marker_x + item->marker_radius);

  /* The whole label fits in its place when drawn at its wrap width. */
  km_timeline_layout_measure_with_pango (f->pango_layout, label, item->wrap_width, &w, &h);
  g_assert_cmpint (w, <=, (int) ceil (item->label_width));
  g_assert_cmpint (h, <=, (int) ceil (item->label_height));
  g_assert_cmpint (w, >, 0);

  /* Entries live below the axis, era titles above it. */
  if (is_entry)
    g_assert_cmpfloat (item->y, >=, layout->axis_y);
  else
    g_assert_cmpfloat (item->y + item->height, <=, layout->axis_y);
}

static void
check_layouts (Fixture *f)
{
  static const double scales[] = { 1.0, 2.0 };
  /* 360 + k × step always lands on 3840, the widest screen we promise. */
  int step = km_test_is_sanitized () ? 120 : 40;

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      fixture_set_scale (f, scales[s]);

      for (int width = 360; width <= 3840; width += step)
        {
          g_autoptr(KmTimelineLayout) layout = NULL;
          g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (KmTimelineItemLayout));
          double last_x = -1;

          layout = km_timeline_layout_compute ((KmTimelineSpan *) (gpointer) f->entries->data, f->entries->len, measure_entry,
                                               (KmTimelineSpan *) (gpointer) f->eras->data, f->eras->len, measure_era,
                                               width, scales[s], f);
          g_assert_cmpuint (layout->entries->len, ==, f->entries->len);
          g_assert_cmpuint (layout->eras->len, ==, f->eras->len);
          g_assert_cmpfloat (layout->width, ==, width);

          for (guint i = 0; i < layout->entries->len; i++)
            {
              const KmTimelineItemLayout *item = &g_array_index (layout->entries, KmTimelineItemLayout, i);

              check_item (f, item, layout, g_ptr_array_index (f->entry_labels, i), TRUE);
              /* Markers stand at their dates on the (compressed) scale. */
              g_assert_cmpfloat (item->marker_x, ==,
                                 km_timeline_layout_day_to_x (layout, g_array_index (f->entries, KmTimelineSpan, i).start));
              /* Time runs left to right. */
              g_assert_cmpfloat (item->marker_x, >=, last_x);
              last_x = item->marker_x;
              g_array_append_val (all, *item);
            }
          for (guint i = 0; i < layout->eras->len; i++)
            {
              const KmTimelineItemLayout *item = &g_array_index (layout->eras, KmTimelineItemLayout, i);

              check_item (f, item, layout, g_ptr_array_index (f->era_labels, i), FALSE);
              g_array_append_val (all, *item);
            }

          /* Markers at the same place read top to bottom in timeline order. */
          for (guint i = 0; i < layout->entries->len; i++)
            for (guint j = i + 1; j < layout->entries->len; j++)
              {
                const KmTimelineItemLayout *a = &g_array_index (layout->entries, KmTimelineItemLayout, i);
                const KmTimelineItemLayout *b = &g_array_index (layout->entries, KmTimelineItemLayout, j);

                if (fabs (a->marker_x - b->marker_x) < 2 * a->marker_radius)
                  g_assert_cmpfloat (a->y, <, b->y);
              }

          for (guint i = 0; i < all->len; i++)
            for (guint j = i + 1; j < all->len; j++)
              if (boxes_overlap (&g_array_index (all, KmTimelineItemLayout, i),
                                 &g_array_index (all, KmTimelineItemLayout, j)))
                g_error ("boxes %u and %u overlap at width %d, scale %.1f", i, j, width, scales[s]);
        }
    }
}

static void
test_layout_bundled_no_overlap (void)
{
  Fixture f = { 0 };

  fixture_init (&f);
  fixture_load_bundled (&f);
  check_layouts (&f);
  fixture_clear (&f);
}

static void
test_layout_synthetic_no_overlap (void)
{
  Fixture f = { 0 };

  fixture_init (&f);
  fixture_load_synthetic (&f);
  g_assert_cmpuint (f.entries->len, ==, 300);
  check_layouts (&f);
  fixture_clear (&f);
}

static void
test_layout_same_date_keeps_order (void)
{
  Fixture f = { 0 };
  g_autoptr(KmTimelineLayout) layout = NULL;
  const KmTimelineItemLayout *a, *b, *c;

  fixture_init (&f);
  fixture_set_scale (&f, 1.0);
  fixture_add_entry (&f, "First in the file", 8091, 8091);
  fixture_add_entry (&f, "Second in the file", 8091, 8091);
  fixture_add_entry (&f, "Third in the file", 8091, 8091);
  layout = km_timeline_layout_compute ((KmTimelineSpan *) (gpointer) f.entries->data, 3, measure_entry,
                                       NULL, 0, measure_era, 1000, 1.0, &f);
  a = &g_array_index (layout->entries, KmTimelineItemLayout, 0);
  b = &g_array_index (layout->entries, KmTimelineItemLayout, 1);
  c = &g_array_index (layout->entries, KmTimelineItemLayout, 2);

  g_assert_cmpfloat (a->marker_x, ==, b->marker_x);
  g_assert_cmpfloat (b->marker_x, ==, c->marker_x);
  g_assert_cmpuint (a->row, ==, 0);
  g_assert_cmpuint (b->row, ==, 1);
  g_assert_cmpuint (c->row, ==, 2);
  g_assert_cmpfloat (a->y, <, b->y);
  g_assert_cmpfloat (b->y, <, c->y);
  g_assert_cmpuint (layout->n_rows, ==, 3);

  fixture_clear (&f);
}

static void
test_layout_compressed_gaps (void)
{
  Fixture f = { 0 };
  g_autoptr(KmTimelineLayout) layout = NULL;
  const KmTimelineBreak *brk;
  KmDate d1997 = { 1997, 2, 25, KM_DATE_PRECISION_DAY, FALSE };
  KmDate d2008 = { 2008, 5, 8, KM_DATE_PRECISION_DAY, FALSE };
  KmDate d2008_era = { 2008, 0, 0, KM_DATE_PRECISION_YEAR, FALSE };
  KmDate d1997_era = { 1997, 0, 0, KM_DATE_PRECISION_YEAR, FALSE };
  double x1997, x2008, x1992, x1994, ppd;
  gint64 day1992, day1994;

  fixture_init (&f);
  fixture_load_bundled (&f);
  fixture_set_scale (&f, 1.0);
  layout = km_timeline_layout_compute ((KmTimelineSpan *) (gpointer) f.entries->data, f.entries->len, measure_entry,
                                       (KmTimelineSpan *) (gpointer) f.eras->data, f.eras->len, measure_era,
                                       1200, 1.0, &f);

  /* Exactly one stretch is longer than three years: the end of the
   * 1994–1997 era to the start of the 2008 campaign.
   */
  g_assert_cmpuint (layout->breaks->len, ==, 1);
  brk = &g_array_index (layout->breaks, KmTimelineBreak, 0);
  g_assert_cmpint (brk->start, ==, km_date_end_to_days (&d1997_era) + 1);
  g_assert_cmpint (brk->end, ==, km_date_to_days (&d2008_era) - 1);
  g_assert_cmpuint (layout->segments->len, ==, 2);

  /* Ten empty years take the break's width, less than what
   * two years take on the scale.
   */
  x1997 = km_timeline_layout_day_to_x (layout, km_date_to_days (&d1997));
  x2008 = km_timeline_layout_day_to_x (layout, km_date_to_days (&d2008));
  /* The first dated entry: the timeline starts with the attack. */
  day1992 = km_date_to_days (&(KmDate) { 1992, 2, 25, KM_DATE_PRECISION_DAY, FALSE });
  day1994 = km_date_to_days (&(KmDate) { 1994, 0, 0, KM_DATE_PRECISION_YEAR, FALSE });
  x1992 = km_timeline_layout_day_to_x (layout, day1992);
  x1994 = km_timeline_layout_day_to_x (layout, day1994);
  ppd = (x1994 - x1992) / (double) (day1994 - day1992);
  g_assert_cmpfloat (ppd, >, 0);
  g_assert_cmpfloat (x2008 - x1997, <, (x1994 - x1992));
  g_assert_cmpfloat (x2008 - x1997, >, brk->width);
  g_assert_cmpfloat (brk->x, >, x1997);
  g_assert_cmpfloat (brk->x + brk->width, <, x2008);

  /* The scale is linear within a segment and uses the whole width. */
  g_assert_cmpfloat_with_epsilon (km_timeline_layout_day_to_x (layout, day1992 + 100) - x1992, 100 * ppd, 0.001);
  g_assert_cmpfloat_with_epsilon (g_array_index (layout->segment_x, double, 0), 16.0, 0.001);
  g_assert_cmpfloat_with_epsilon (g_array_index (layout->segment_x, double, 3), 1200 - 16.0, 0.001);

  fixture_clear (&f);
}

static void
test_layout_find_entry (void)
{
  Fixture f = { 0 };
  g_autoptr(KmTimelineLayout) layout = NULL;

  fixture_init (&f);
  fixture_load_bundled (&f);
  fixture_set_scale (&f, 1.0);
  layout = km_timeline_layout_compute ((KmTimelineSpan *) (gpointer) f.entries->data, f.entries->len, measure_entry,
                                       (KmTimelineSpan *) (gpointer) f.eras->data, f.eras->len, measure_era,
                                       1000, 1.0, &f);

  for (guint i = 0; i < layout->entries->len; i++)
    {
      const KmTimelineItemLayout *item = &g_array_index (layout->entries, KmTimelineItemLayout, i);

      g_assert_cmpint (km_timeline_layout_find_entry (layout, item->marker_x, item->marker_y), ==, (int) i);
      g_assert_cmpint (km_timeline_layout_find_entry (layout, item->label_x + 1, item->label_y + 1), ==, (int) i);
    }
  g_assert_cmpint (km_timeline_layout_find_entry (layout, 1, 1), ==, -1);

  fixture_clear (&f);
}

/* #19: 2,000 entries over 40 years, as tests/gen-content-pack.py makes
 * them (1988 to 2027, one every week or so, three eras), at every width
 * a screen has. Every entry is placed on its own, none is merged into
 * another: where there is no room beside, boxes stack in more rows and
 * the strip grows taller (the overview scrolls). Labels are measured
 * with Pango once per wrap width, as the overview does.
 */
typedef struct
{
  Fixture     base;
  GHashTable *sizes;   /* "index:wrap" -> packed size */
} LargeFixture;

static void
measure_entry_once (guint     index,
                    int       wrap_width,
                    int      *width,
                    int      *height,
                    gpointer  user_data)
{
  LargeFixture *f = user_data;
  g_autofree char *key = g_strdup_printf ("%u:%d", index, wrap_width);
  gpointer value;

  if (g_hash_table_lookup_extended (f->sizes, key, NULL, &value))
    {
      *width = GPOINTER_TO_INT (value) >> 16;
      *height = GPOINTER_TO_INT (value) & 0xffff;
      return;
    }

  measure_entry (index, wrap_width, width, height, &f->base);
  g_assert_cmpint (*width, <, 0x7fff);
  g_assert_cmpint (*height, <, 0xffff);
  g_hash_table_insert (f->sizes, g_steal_pointer (&key), GINT_TO_POINTER (*width << 16 | *height));
}

static int
compare_by_x (gconstpointer a,
              gconstpointer b)
{
  const KmTimelineItemLayout *ia = a;
  const KmTimelineItemLayout *ib = b;

  return (ia->x > ib->x) - (ia->x < ib->x);
}

static void
test_layout_large_no_overlap (void)
{
  static const char * const places[] = { "Ismayilli", "Sheki", "Aghdam", "Goychay", "Khojaly", "Ganja", "Shusha", "Baku" };
  LargeFixture f = { { 0 }, NULL };
  GDate first;
  gint64 day0;
  int step = km_test_is_sanitized () ? 160 : 40;
  guint n_widths = 0;

  fixture_init (&f.base);
  fixture_set_scale (&f.base, 1.0);
  f.sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, 1988);
  day0 = g_date_get_julian (&first) - 719163;  /* days since 1970-01-01 */

  fixture_add_era (&f.base, "Before the night", day0, day0 + 1515);
  fixture_add_era (&f.base, "The night of 25–26 February 1992", day0 + 1516, day0 + 1517);
  fixture_add_era (&f.base, "Remembrance", day0 + 1518, day0 + 14609);
  for (guint k = 0; k < 2000; k++)
    {
      g_autofree char *label = NULL;
      gint64 day = day0 + (gint64) k * 14609 / 2000;

      /* Mostly short headlines, some that wrap, with the pack's letters. */
      if (k % 9 == 0)
        label = g_strdup_printf ("Synthetic event %u in %s: a longer headline, as a curator might write one, "
                                 "that has to wrap onto a second and a third line", k + 1, places[k % 8]);
      else if (k % 5 == 0)
        label = g_strdup_printf ("Şəki, Ağdam, Göyçay: sintetik hadisə %u", k + 1);
      else
        label = g_strdup_printf ("Synthetic event %u in %s", k + 1, places[k % 8]);
      fixture_add_entry (&f.base, label, day, day + (k % 50 == 0 ? 90 : 0));
    }
  g_assert_cmpint (g_array_index (f.base.entries, KmTimelineSpan, 1999).start, <=, day0 + 14609);

  for (int width = 360; width <= 3840; width = width + step > 3840 && width < 3840 ? 3840 : width + step)
    {
      g_autoptr(KmTimelineLayout) layout = NULL;
      g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (KmTimelineItemLayout));
      double last_x = -1;

      layout = km_timeline_layout_compute ((KmTimelineSpan *) (gpointer) f.base.entries->data, f.base.entries->len,
                                           measure_entry_once,
                                           (KmTimelineSpan *) (gpointer) f.base.eras->data, f.base.eras->len,
                                           measure_era, width, 1.0, &f);
      n_widths++;

      /* Every entry and era is placed, whole, inside the strip. */
      g_assert_cmpuint (layout->entries->len, ==, 2000);
      g_assert_cmpuint (layout->eras->len, ==, 3);
      for (guint i = 0; i < layout->entries->len; i++)
        {
          const KmTimelineItemLayout *item = &g_array_index (layout->entries, KmTimelineItemLayout, i);
          int w, h;

          g_assert_cmpfloat (item->x, >=, 0);
          g_assert_cmpfloat (item->x + item->width, <=, width + 0.001);
          g_assert_cmpfloat (item->y, >=, layout->axis_y);
          g_assert_cmpfloat (item->y + item->height, <=, layout->height);
          g_assert_cmpfloat (item->label_x, >=, item->x);
          g_assert_cmpfloat (item->label_x + item->label_width, <=, item->x + item->width + 0.001);
          g_assert_cmpfloat (item->label_y + item->label_height, <=, item->y + item->height + 0.001);
          measure_entry_once (i, item->wrap_width, &w, &h, &f);
          g_assert_cmpint (w, >, 0);
          g_assert_cmpint (w, <=, (int) ceil (item->label_width));
          g_assert_cmpint (h, <=, (int) ceil (item->label_height));
          /* At its date, time running left to right. */
          g_assert_cmpfloat (item->marker_x, ==,
                             km_timeline_layout_day_to_x (layout, g_array_index (f.base.entries, KmTimelineSpan, i).start));
          g_assert_cmpfloat (item->marker_x, >=, last_x);
          last_x = item->marker_x;
          g_array_append_val (all, *item);
        }
      for (guint i = 0; i < layout->eras->len; i++)
        {
          const KmTimelineItemLayout *item = &g_array_index (layout->eras, KmTimelineItemLayout, i);

          g_assert_cmpfloat (item->x, >=, 0);
          g_assert_cmpfloat (item->x + item->width, <=, width + 0.001);
          g_assert_cmpfloat (item->y + item->height, <=, layout->axis_y);
          g_array_append_val (all, *item);
        }

      /* Markers at the same place read top to bottom in timeline order. */
      for (guint i = 0; i < layout->entries->len; i++)
        {
          const KmTimelineItemLayout *a = &g_array_index (layout->entries, KmTimelineItemLayout, i);

          for (guint j = i + 1; j < layout->entries->len; j++)
            {
              const KmTimelineItemLayout *b = &g_array_index (layout->entries, KmTimelineItemLayout, j);

              if (b->marker_x - a->marker_x >= 2 * a->marker_radius)
                break;  /* and so are all after it: x only grows */
              g_assert_cmpfloat (a->y, <, b->y);
            }
        }

      /* No two boxes (each a marker with its label) meet: a sweep from
       * left to right over the boxes sorted by their left edges.
       */
      g_array_sort (all, compare_by_x);
      for (guint i = 0; i < all->len; i++)
        {
          const KmTimelineItemLayout *a = &g_array_index (all, KmTimelineItemLayout, i);

          for (guint j = i + 1; j < all->len; j++)
            {
              const KmTimelineItemLayout *b = &g_array_index (all, KmTimelineItemLayout, j);

              if (b->x >= a->x + a->width)
                break;
              if (boxes_overlap (a, b))
                g_error ("boxes at %.1f,%.1f and %.1f,%.1f overlap at width %d",
                         a->x, a->y, b->x, b->y, width);
            }
        }
    }

  /* 360, 400, …, 3840: both ends and every step between. */
  g_assert_cmpuint (n_widths, ==, (3840 - 360 + step - 1) / step + 1);

  g_hash_table_unref (f.sizes);
  fixture_clear (&f.base);
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

  g_test_add_func ("/km/timeline-layout/bundled-no-overlap", test_layout_bundled_no_overlap);
  g_test_add_func ("/km/timeline-layout/synthetic-no-overlap", test_layout_synthetic_no_overlap);
  g_test_add_func ("/km/timeline-layout/same-date-keeps-order", test_layout_same_date_keeps_order);
  g_test_add_func ("/km/timeline-layout/compressed-gaps", test_layout_compressed_gaps);
  g_test_add_func ("/km/timeline-layout/find-entry", test_layout_find_entry);
  g_test_add_func ("/km/timeline-layout/large-no-overlap", test_layout_large_no_overlap);

  return g_test_run ();
}
