/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <math.h>

#include "km-chart-data.h"
#include "km-chart-geometry.h"
#include "km-stat-section.h"
#include "km-test-files.h"

static void
test_bar_length_proportional (void)
{
  static const gint64 values[] = { 613, 106, 63, 83, 70, 374, 1, 3000, 1275, 197, 150 };
  const gint64 max = 3000;

  for (double scale = 100; scale <= 3600; scale += 250)
    {
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          double length = km_chart_bar_length (values[i] / (double) max, scale);
          double expected = scale * values[i] / (double) max;

          if (expected >= KM_CHART_MIN_BAR)
            g_assert_cmpfloat_with_epsilon (length, expected, 1e-9);
          else
            g_assert_cmpfloat (length, ==, KM_CHART_MIN_BAR);
        }

      /* Ratios hold between bars: 613 is twice 306.5 */
      g_assert_cmpfloat_with_epsilon (km_chart_bar_length (613.0 / max, scale) / km_chart_bar_length (106.0 / max, scale),
                                      613.0 / 106.0, 1e-9);
      g_assert_cmpfloat (km_chart_bar_length (1.0, scale), ==, scale);
    }

  g_assert_cmpfloat (km_chart_bar_length (0, 500), ==, 0);
  g_assert_cmpfloat (km_chart_bar_length (0.5, 0), ==, 0);
  g_assert_cmpfloat (km_chart_bar_length (-5.0 / max, 500), ==, 0);
  /* Never longer than the scale, even if the value exceeds the maximum. */
  g_assert_cmpfloat (km_chart_bar_length (2.0, 500), ==, 500);
}

static void
test_rows_proportional (void)
{
  KmChartRowInput inputs[] = {
    { 20, 110, 20, 1.0 },
    { 20, 90, 20, 106.0 / 613.0 },
    { 20, 150, 20, 63.0 / 613.0 },
    { 0, 150, 20, 83.0 / 613.0 },
  };
  KmChartRowLayout rows[G_N_ELEMENTS (inputs)];

  for (double width = 360; width <= 3840; width += 40)
    {
      km_chart_layout_rows (inputs, G_N_ELEMENTS (inputs), width, rows);

      for (guint i = 1; i < G_N_ELEMENTS (inputs); i++)
        g_assert_cmpfloat_with_epsilon (rows[i].bar.width / rows[0].bar.width,
                                        inputs[i].fraction, 1e-9);
    }
}

static void
assert_inside (const KmChartRect *rect,
               double             width)
{
  g_assert_cmpfloat (rect->x, >=, 0);
  g_assert_cmpfloat (rect->x + rect->width, <=, width + 1e-9);
}

/* Widths of real labels run from a bare “8” to “more than 120,000 (1 source)”
 * in a large font; captions wrap to several lines on a phone.
 */
static void
test_labels_never_overlap (void)
{
  static const double value_widths[] = { 12, 48, 96, 180, 240, 320 };
  static const double fractions[] = { 1.0, 0.999, 0.5, 0.173, 0.01, 0.0003, 0 };

  for (double width = 360; width <= 3840; width += 8)
    for (guint w = 0; w < G_N_ELEMENTS (value_widths); w++)
      {
        KmChartRowInput inputs[G_N_ELEMENTS (fractions)];
        KmChartRowLayout rows[G_N_ELEMENTS (fractions)];
        double height;

        for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
          inputs[i] = (KmChartRowInput) {
            .caption_height = (i % 3 == 2) ? 0 : 18 + 18 * (width < 600),
            .value_width = value_widths[(w + i) % G_N_ELEMENTS (value_widths)],
            .value_height = 20,
            .fraction = fractions[i],
          };

        height = km_chart_layout_rows (inputs, G_N_ELEMENTS (fractions), width, rows);

        for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
          {
            assert_inside (&rows[i].bar, width);
            assert_inside (&rows[i].value, width);
            assert_inside (&rows[i].caption, width);
            g_assert_cmpfloat (rows[i].value.y + rows[i].value.height, <=, height + 1e-9);

            /* Nothing of one row touches anything of any row. */
            for (guint j = 0; j < G_N_ELEMENTS (fractions); j++)
              {
                const KmChartRect *a[] = { &rows[i].caption, &rows[i].bar, &rows[i].value };
                const KmChartRect *b[] = { &rows[j].caption, &rows[j].bar, &rows[j].value };

                for (guint x = 0; x < 3; x++)
                  for (guint y = 0; y < 3; y++)
                    {
                      if (i == j && x == y)
                        continue;
                      if (km_chart_rect_intersects (a[x], b[y]))
                        g_error ("overlap at width %g: row %u part %u and row %u part %u", width, i, x, j, y);
                    }
              }
          }
      }
}

static void
test_labels_below_when_narrow (void)
{
  KmChartLabelPlacement placement;
  double scale;

  scale = km_chart_scale_length (360, 100, &placement);
  g_assert_cmpint (placement, ==, KM_CHART_LABEL_BESIDE);
  g_assert_cmpfloat (scale, ==, 360 - 100 - KM_CHART_GAP);

  /* A label wider than half of a narrow row goes below, the bar gets the row. */
  scale = km_chart_scale_length (200, 180, &placement);
  g_assert_cmpint (placement, ==, KM_CHART_LABEL_BELOW);
  g_assert_cmpfloat (scale, ==, 200);
}

static void
test_pictogram_marks (void)
{
  static const guint counts[] = { 613, 1, 9, 10, 100, 999 };

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    for (double width = 120; width <= 3840; width += 40)
      {
        KmPictogramLayout layout;
        g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        KmChartRect previous = { 0 };
        guint n = counts[c];

        km_chart_pictogram_layout (n, width, &layout);

        g_assert_cmpuint (layout.n_marks, ==, n);
        g_assert_cmpuint (layout.columns * layout.rows, >=, n);
        g_assert_cmpuint (layout.columns * (layout.rows - 1), <, n);
        g_assert_cmpfloat (layout.width, <=, width + 1e-9);
        g_assert_cmpfloat (layout.mark_size, >=, 3);
        g_assert_cmpfloat (layout.mark_size, <=, 16);

        for (guint i = 0; i < n; i++)
          {
            KmChartRect rect;
            char *key;

            km_chart_pictogram_mark_rect (&layout, i, &rect);
            g_assert_cmpfloat (rect.x + rect.width, <=, layout.width + 1e-9);
            g_assert_cmpfloat (rect.y + rect.height, <=, layout.height + 1e-9);

            /* Each mark has its own place. */
            key = g_strdup_printf ("%.3f,%.3f", rect.x, rect.y);
            g_assert_false (g_hash_table_contains (seen, key));
            g_hash_table_add (seen, key);

            if (i % layout.columns != 0)
              g_assert_false (km_chart_rect_intersects (&rect, &previous));
            previous = rect;
          }

        g_assert_cmpuint (g_hash_table_size (seen), ==, n);
      }
}

static void
test_pictogram_blocks (void)
{
  KmPictogramLayout layout;
  KmChartRect a, b;

  /* Wide: five blocks of ten side by side, 613 marks in 13 rows. */
  km_chart_pictogram_layout (613, 1200, &layout);
  g_assert_cmpuint (layout.columns, ==, 50);
  g_assert_cmpuint (layout.rows, ==, 13);

  /* The gap between blocks is wider than between marks. */
  km_chart_pictogram_mark_rect (&layout, 9, &a);
  km_chart_pictogram_mark_rect (&layout, 10, &b);
  g_assert_cmpfloat (b.x - (a.x + a.width), >, layout.gap);

  /* A phone still gets whole blocks of ten. */
  km_chart_pictogram_layout (613, 320, &layout);
  g_assert_cmpuint (layout.columns % 10, ==, 0);
  g_assert_cmpfloat (layout.mark_size, >=, 7);

  km_chart_pictogram_layout (0, 320, &layout);
  g_assert_cmpfloat (layout.height, ==, 0);
}

/* Pack text that a spreadsheet would run as a formula stays text. */
static void
test_csv_no_formulas (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) km_chart_item_free);
  KmChartItem *item = g_new0 (KmChartItem, 1);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  item->group_title = g_strdup ("=HYPERLINK(\"http://example.invalid\",\"x\")");
  item->caption = g_strdup ("@SUM(A1:A9)");
  item->value_text = g_strdup ("-5");
  item->amount = 5;
  item->qualifier = KM_QUALIFIER_EXACT;
  item->sources_text = g_strdup ("+1 source");
  item->note = g_strdup ("- a note, with a comma");
  g_ptr_array_add (items, item);

  csv = km_chart_items_to_csv (items);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[1], ==,
                   "\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\",'@SUM(A1:A9),-5,5,exact,'+1 source,"
                   "\"'- a note, with a comma\"");
}


/* A generated pack of 50 sections and 500 figures (#19): every section's
 * items in every language keep their bars on one scale per key, and the
 * rows laid out from them hold the same rules as the bundled charts at
 * every width. Label widths are estimated from their length, as the font
 * does not matter to the geometry.
 */
static void
test_generated_sections (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "gen-content-pack.py", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("km-chart-scale-XXXXXX", &error);
  const char *argv[] = { "python3", script, "--exhibits", "20", "--entries", "4",
                         "--sections", "50", "--figures", "500", dir, NULL };
  static const char * const langs[] = { "en", "az", "id" };
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GFile) pack = NULL;
  GListModel *sections;
  guint n_figures = 0;
  guint n_rows_checked = 0;
  int status;

  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  pack = g_file_new_for_path (dir);
  g_assert_true (km_content_store_load (store, pack, &errors, &error));
  g_assert_no_error (error);

  sections = km_content_store_get_sections (store);
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, 50);

  for (guint s = 0; s < g_list_model_get_n_items (sections); s++)
    {
      g_autoptr(KmStatSection) section = g_list_model_get_item (sections, s);

      n_figures += g_list_model_get_n_items (km_stat_section_get_figures (section));

      for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
        {
          g_autoptr(GPtrArray) items = km_chart_items_for_section (store, section, langs[l]);
          g_autoptr(GHashTable) largest = g_hash_table_new (g_str_hash, g_str_equal);
          g_autofree KmChartRowInput *inputs = g_new0 (KmChartRowInput, items->len);
          g_autofree KmChartRowLayout *rows = g_new0 (KmChartRowLayout, items->len);

          g_assert_cmpuint (items->len, >, 0);

          /* The largest amount of each scale. */
          for (guint i = 0; i < items->len; i++)
            {
              const KmChartItem *item = g_ptr_array_index (items, i);
              gint64 *max = g_hash_table_lookup (largest, item->scale_key);

              if (max == NULL || *max < item->amount)
                g_hash_table_insert (largest, item->scale_key, (gpointer) &item->amount);
            }

          for (guint i = 0; i < items->len; i++)
            {
              const KmChartItem *item = g_ptr_array_index (items, i);
              const gint64 *max = g_hash_table_lookup (largest, item->scale_key);

              g_assert_nonnull (item->label);
              g_assert_cmpfloat (item->fraction, >=, 0);
              g_assert_cmpfloat (item->fraction, <=, 1);
              if (*max > 0)
                g_assert_cmpfloat_with_epsilon (item->fraction, (double) item->amount / *max, 1e-9);

              inputs[i] = (KmChartRowInput) {
                .caption_height = item->caption != NULL ? 18 : 0,
                .value_width = 8.0 * g_utf8_strlen (item->label, -1),
                .value_height = 20,
                .fraction = item->fraction,
              };
            }

          for (double width = 360; width <= 3840; width += 160)
            {
              double height = km_chart_layout_rows (inputs, items->len, width, rows);

              for (guint i = 0; i < items->len; i++)
                {
                  assert_inside (&rows[i].bar, width);
                  assert_inside (&rows[i].value, width);
                  g_assert_cmpfloat (rows[i].value.y + rows[i].value.height, <=, height + 1e-9);
                  if (i > 0)
                    {
                      /* Rows follow each other without touching. */
                      g_assert_cmpfloat (rows[i].caption.y, >=, rows[i - 1].value.y + rows[i - 1].value.height);
                      g_assert_cmpfloat (rows[i].bar.y, >=, rows[i - 1].bar.y + rows[i - 1].bar.height);
                    }
                  g_assert_false (km_chart_rect_intersects (&rows[i].bar, &rows[i].value));
                  g_assert_false (km_chart_rect_intersects (&rows[i].caption, &rows[i].bar));

                  /* Bars above the minimum are proportional to their amounts. */
                  if (rows[0].bar.width > KM_CHART_MIN_BAR && rows[i].bar.width > KM_CHART_MIN_BAR &&
                      inputs[0].fraction > 0)
                    g_assert_cmpfloat_with_epsilon (rows[i].bar.width / rows[0].bar.width,
                                                    inputs[i].fraction / inputs[0].fraction, 1e-6);
                  n_rows_checked++;
                }
            }
        }
    }

  g_assert_cmpuint (n_figures, ==, 500);
  g_assert_cmpuint (n_rows_checked, >=, 500 * G_N_ELEMENTS (langs) * 22);
  km_test_remove_tree (pack);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/km/chart-geometry/bar-length-proportional", test_bar_length_proportional);
  g_test_add_func ("/km/chart-geometry/rows-proportional", test_rows_proportional);
  g_test_add_func ("/km/chart-geometry/labels-never-overlap", test_labels_never_overlap);
  g_test_add_func ("/km/chart-geometry/labels-below-when-narrow", test_labels_below_when_narrow);
  g_test_add_func ("/km/chart-geometry/pictogram-marks", test_pictogram_marks);
  g_test_add_func ("/km/chart-geometry/pictogram-blocks", test_pictogram_blocks);
  g_test_add_func ("/km/chart-geometry/csv-no-formulas", test_csv_no_formulas);
  g_test_add_func ("/km/chart-geometry/generated-sections", test_generated_sections);

  return g_test_run ();
}
