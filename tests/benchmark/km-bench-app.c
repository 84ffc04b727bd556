/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The in-process half of the benchmark: language switch, gallery scale,
 * viewer, memory over kiosk cycles and idle cost, each figure from the
 * frame clock or /proc. One section per process, so that one section's
 * caches and heap do not flatter or spoil the next:
 *
 *   km-bench-app --section language|gallery|viewer|preview|memory|idle|phases|media|document|scale|timeline|visit
 *                [--pack DIR] [--runs N] [--cycles N] [--seconds S]
 *                [--opens N]
 *                [--json FILE]
 *
 * build-aux/benchmark.sh runs every section under Xvfb for each renderer.
 * KM_BENCH_PHASES=MS prints, for each frame that took the main thread
 * more than MS of CPU, its update, layout and paint shares.
 */
#define G_LOG_DOMAIN "km-bench"

#include "config.h"

#include <glib/gprintf.h>
#include <locale.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "km-application.h"
#include "km-content-store.h"
#include "km-display.h"
#include "km-document-view.h"
#include "km-exhibit-card.h"
#include "km-exhibit-viewer.h"
#include "km-exhibit.h"
#include "km-fake-clock.h"
#include "km-gallery-view.h"
#include "km-i18n.h"
#include "km-image-view.h"
#include "km-kiosk-attract.h"
#include "km-kiosk-controller.h"
#include "km-media-player.h"
#include "km-playback.h"
#include "km-statistics-view.h"
#include "km-test-media.h"
#include "km-test-utils.h"
#include "km-thumbnail-loader.h"
#include "km-timeline-entry.h"
#include "km-timeline-overview.h"
#include "km-display.h"
#include "km-timeline-view.h"
#include "km-video-paintable.h"
#include "km-view.h"
#include "km-window.h"

static gint64 process_start_us;
static GString *json;
static gboolean json_first = TRUE;

/* Results */

static void
json_key (const char *key)
{
  g_string_append_printf (json, "%s\"%s\": ", json_first ? "" : ", ", key);
  json_first = FALSE;
}

/* JSON wants a full stop whatever LC_NUMERIC says. */
static void
append_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (value))
    g_string_append (json, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
  else
    g_string_append (json, "null");
}

static void
json_number (const char *key,
             double      value)
{
  json_key (key);
  append_number (value);
}

static void
json_string (const char *key,
             const char *value)
{
  g_autofree char *escaped = g_strescape (value, NULL);

  json_key (key);
  g_string_append_printf (json, "\"%s\"", escaped);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Nearest rank on a sorted copy. */
static double
percentile (GArray *samples,
            double  p)
{
  g_autoptr(GArray) sorted = NULL;
  guint rank;

  if (samples->len == 0)
    return NAN;

  sorted = g_array_copy (samples);
  g_array_sort (sorted, compare_doubles);
  rank = (guint) ceil (p / 100.0 * sorted->len);
  return g_array_index (sorted, double, CLAMP (rank, 1, sorted->len) - 1);
}

static double
array_max (GArray *samples)
{
  double max = NAN;

  for (guint i = 0; i < samples->len; i++)
    if (i == 0 || g_array_index (samples, double, i) > max)
      max = g_array_index (samples, double, i);
  return max;
}

static double
array_min (GArray *samples)
{
  double min = NAN;

  for (guint i = 0; i < samples->len; i++)
    if (i == 0 || g_array_index (samples, double, i) < min)
      min = g_array_index (samples, double, i);
  return min;
}

/* "name": {"median_ms": …, "p95_ms": …, "min_ms": …, "max_ms": …, "n": …} */
/* Figures print with a decimal point whatever language the kiosk
 * cycles left the thread's locale in.
 */
static void G_GNUC_PRINTF (1, 2)
report_print (const char *format,
              ...)
{
  locale_t c_locale = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  locale_t old = uselocale (c_locale);
  va_list args;

  va_start (args, format);
  g_vfprintf (stdout, format, args);
  va_end (args);
  fflush (stdout);
  uselocale (old);
  freelocale (c_locale);
}

static void
report_samples (const char *name,
                GArray     *samples)
{
  double median = percentile (samples, 50);
  double p95 = percentile (samples, 95);

  json_key (name);
  g_string_append (json, "{\"median_ms\": ");
  append_number (median);
  g_string_append (json, ", \"p95_ms\": ");
  append_number (p95);
  g_string_append (json, ", \"min_ms\": ");
  append_number (array_min (samples));
  g_string_append (json, ", \"max_ms\": ");
  append_number (array_max (samples));
  g_string_append_printf (json, ", \"n\": %u}", samples->len);
  report_print ("%-34s median %8.1f ms  p95 %8.1f  min %8.1f  max %8.1f  (n=%u)\n",
           name, median, p95, array_min (samples), array_max (samples), samples->len);
}

static void
append_sample (GArray *samples,
               double  value)
{
  g_array_append_val (samples, value);
}

static double
ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

static gint64
read_status_kb (const char *field)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize len = strlen (field);

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return -1;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], field, len) == 0 && lines[i][len] == ':')
      return g_ascii_strtoll (lines[i] + len + 1, NULL, 10);
  return -1;
}

/* Frames, seen by the frame clock */

typedef struct
{
  GdkFrameClock *clock;
  gulong         before_id;
  gulong         after_id;
  gint64         frame_start;
  guint          n_painted;
  gint64         last_painted;  /* end of the last after-paint */
  GArray        *durations;     /* ms from before-paint to the end of after-paint */
  GArray        *cpu_durations; /* ms of main-thread CPU in each of those frames */
  gulong         phase_ids[3];
  gint64         cpu[5];        /* thread CPU µs at before-paint and after update, layout, paint, after-paint */
} FrameProbe;

static double phases_threshold_ms = -1;

/* Wall time counts the time other processes ran; the main thread's own
 * CPU time does not, and tells slow work from a busy machine.
 */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static void
on_update_done_cb (GdkFrameClock *clock,
                   FrameProbe    *probe)
{
  probe->cpu[1] = thread_cpu_us ();
}

static void
on_layout_done_cb (GdkFrameClock *clock,
                   FrameProbe    *probe)
{
  probe->cpu[2] = thread_cpu_us ();
}

static void
on_paint_done_cb (GdkFrameClock *clock,
                  FrameProbe    *probe)
{
  probe->cpu[3] = thread_cpu_us ();
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    FrameProbe    *probe)
{
  probe->frame_start = g_get_monotonic_time ();
  probe->cpu[0] = thread_cpu_us ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameProbe    *probe)
{
  probe->last_painted = g_get_monotonic_time ();
  probe->n_painted++;
  if (probe->durations != NULL && probe->frame_start > 0)
    append_sample (probe->durations, (probe->last_painted - probe->frame_start) / 1000.0);
  probe->cpu[4] = thread_cpu_us ();
  if (probe->cpu_durations != NULL && probe->frame_start > 0)
    append_sample (probe->cpu_durations, (probe->cpu[4] - probe->cpu[0]) / 1000.0);
  /* KM_BENCH_PHASES=MS: where the main thread spent frames over MS of CPU. */
  if (phases_threshold_ms >= 0 && probe->frame_start > 0 && probe->cpu[4] - probe->cpu[0] > phases_threshold_ms * 1000)
    g_printerr ("frame %.1f ms, CPU %.1f ms: update %.1f, layout %.1f, paint %.1f, after %.1f\n",
                (probe->last_painted - probe->frame_start) / 1000.0,
                (probe->cpu[4] - probe->cpu[0]) / 1000.0,
                (probe->cpu[1] - probe->cpu[0]) / 1000.0,
                (probe->cpu[2] - probe->cpu[1]) / 1000.0,
                (probe->cpu[3] - probe->cpu[2]) / 1000.0,
                (probe->cpu[4] - probe->cpu[3]) / 1000.0);
  probe->frame_start = 0;
}

static void
frame_probe_attach (FrameProbe *probe,
                    GtkWidget  *widget)
{
  memset (probe, 0, sizeof *probe);
  probe->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  probe->before_id = g_signal_connect (probe->clock, "before-paint", G_CALLBACK (on_before_paint_cb), probe);
  /* After every other handler, so the frame's own after-paint work counts. */
  probe->after_id = g_signal_connect_after (probe->clock, "after-paint", G_CALLBACK (on_after_paint_cb), probe);
  probe->phase_ids[0] = g_signal_connect_after (probe->clock, "update", G_CALLBACK (on_update_done_cb), probe);
  probe->phase_ids[1] = g_signal_connect_after (probe->clock, "layout", G_CALLBACK (on_layout_done_cb), probe);
  probe->phase_ids[2] = g_signal_connect_after (probe->clock, "paint", G_CALLBACK (on_paint_done_cb), probe);
}

static void
frame_probe_detach (FrameProbe *probe)
{
  g_signal_handler_disconnect (probe->clock, probe->before_id);
  g_signal_handler_disconnect (probe->clock, probe->after_id);
  for (guint i = 0; i < G_N_ELEMENTS (probe->phase_ids); i++)
    g_signal_handler_disconnect (probe->clock, probe->phase_ids[i]);
  g_clear_object (&probe->clock);
  g_clear_pointer (&probe->durations, g_array_unref);
  g_clear_pointer (&probe->cpu_durations, g_array_unref);
}

/* Iterates until a frame has been painted after @since_us and
 * @predicate (if any) held before that frame started. Returns the time
 * of the end of that frame, or -1 on a timeout.
 */
static gint64
wait_for_frame (FrameProbe *probe,
                gboolean  (*predicate) (gpointer),
                gpointer    data,
                guint       timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  gint64 ready_at = predicate == NULL ? g_get_monotonic_time () : -1;

  while (g_get_monotonic_time () < end)
    {
      if (ready_at < 0 && predicate (data))
        ready_at = g_get_monotonic_time ();
      if (ready_at >= 0 && probe->last_painted > ready_at)
        return probe->last_painted;
      g_main_context_iteration (NULL, TRUE);
    }

  return -1;
}

static void
drain_main_context (void)
{
  for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

/* Widgets */

typedef struct
{
  GtkWidget *scroller;
  guint      n_visible;
  guint      n_waiting;
} CellCount;

static void
count_cells (GtkWidget *widget,
             CellCount *count)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!KM_IS_EXHIBIT_CARD (child))
        {
          count_cells (child, count);
          continue;
        }

      if (!gtk_widget_get_mapped (child) ||
          km_exhibit_card_get_exhibit (KM_EXHIBIT_CARD (child)) == NULL ||
          !gtk_widget_compute_bounds (child, count->scroller, &bounds))
        continue;

      /* Any part of the cell inside the scrolled window's viewport. */
      if (bounds.origin.y + bounds.size.height <= 0 ||
          bounds.origin.y >= gtk_widget_get_height (count->scroller))
        continue;

      count->n_visible++;
      if (!km_exhibit_card_get_has_thumbnail (KM_EXHIBIT_CARD (child)))
        count->n_waiting++;
    }
}

static GtkGridView *
get_grid_view (KmWindow *window)
{
  return GTK_GRID_VIEW (km_test_find_widget (km_window_get_view (window, "gallery"), GTK_TYPE_GRID_VIEW, NULL));
}

static gboolean
first_screen_has_thumbnails (gpointer user_data)
{
  GtkWidget *grid = GTK_WIDGET (get_grid_view (user_data));
  CellCount count = { gtk_widget_get_ancestor (grid, GTK_TYPE_SCROLLED_WINDOW), 0, 0 };

  if (!gtk_widget_get_mapped (grid))
    return FALSE;
  count_cells (grid, &count);
  return count.n_visible > 0 && count.n_waiting == 0;
}

static KmWindow *
present_window (KmApplication *app)
{
  KmWindow *window = km_test_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
  return window;
}

static void
destroy_window (KmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  km_test_iterate (50);
}

/* Sections */

/* Where start-up time goes, in process (the outside figure is
 * km-bench-startup's): application start-up (content, language), the
 * window with its views, and the first frame.
 */
static void
section_phases (int runs)
{
  g_autoptr(GArray) startup = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) window = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(KmApplication) app = NULL;
      KmWindow *win;
      FrameProbe probe;
      gint64 t0 = g_get_monotonic_time (), t1, t2;

      km_thumbnail_loader_clear (km_thumbnail_loader_get_default ());
      app = km_test_application_new ();
      t1 = g_get_monotonic_time ();
      win = km_test_window_new (app);
      gtk_window_set_default_size (GTK_WINDOW (win), 1200, 800);
      t2 = g_get_monotonic_time ();
      gtk_widget_realize (GTK_WIDGET (win));
      frame_probe_attach (&probe, GTK_WIDGET (win));
      gtk_window_present (GTK_WINDOW (win));
      wait_for_frame (&probe, NULL, NULL, 10000);

      append_sample (startup, (t1 - t0) / 1000.0);
      append_sample (window, (t2 - t1) / 1000.0);
      append_sample (frame, (probe.last_painted - t2) / 1000.0);
      frame_probe_detach (&probe);
      destroy_window (win);
    }

  report_samples ("phase_app_startup", startup);
  report_samples ("phase_window_and_views", window);
  report_samples ("phase_present_to_first_frame", frame);
}

static void
section_language (int runs)
{
  static const char * const languages[] = { "az", "id", "en" };
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window;
  FrameProbe probe;
  guint n = MAX (runs, 20);

  km_application_set_language (app, "en");
  window = present_window (app);
  frame_probe_attach (&probe, GTK_WIDGET (window));

  for (guint v = 0; km_window_view_names[v] != NULL; v++)
    {
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *name = g_strdup_printf ("language_switch_%s", km_window_view_names[v]);

      km_window_show_view (window, km_window_view_names[v]);
      km_test_wait_for_draw (GTK_WIDGET (window));
      km_test_iterate (200);

      for (guint i = 0; i < n; i++)
        {
          gint64 t0 = g_get_monotonic_time (), t1;

          km_application_set_language (app, languages[i % G_N_ELEMENTS (languages)]);
          t1 = wait_for_frame (&probe, NULL, NULL, 5000);
          append_sample (samples, t1 > 0 ? (t1 - t0) / 1000.0 : NAN);
          km_test_iterate (30);
        }
      report_samples (name, samples);
    }

  frame_probe_detach (&probe);
  destroy_window (window);
}

typedef struct
{
  GtkAdjustment *adjustment;
  double         step;
  int            direction;
  gboolean       done;
  int            frames_left;  /* -1: down to the end and back up */
} ScrollData;

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  ScrollData *data = user_data;
  double value = gtk_adjustment_get_value (data->adjustment);
  double max = gtk_adjustment_get_upper (data->adjustment) - gtk_adjustment_get_page_size (data->adjustment);

  if (data->frames_left == 0)
    {
      data->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  if (data->frames_left > 0)
    data->frames_left--;

  if (data->direction > 0 && value >= max - 0.5)
    data->direction = -1;
  else if (data->direction < 0 && value <= 0.5)
    {
      data->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  gtk_adjustment_set_value (data->adjustment, CLAMP (value + data->direction * data->step, 0, max));
  return G_SOURCE_CONTINUE;
}

static gboolean
scroll_done (gpointer user_data)
{
  return ((ScrollData *) user_data)->done;
}

/* Frame times of scrolling runs: each run's longest frame, and every frame. */
typedef struct
{
  GArray *worst;
  GArray *all;
  GArray *worst_cpu;
  GArray *all_cpu;
} ScrollFrames;

static void
scroll_frames_init (ScrollFrames *frames)
{
  frames->worst = g_array_new (FALSE, FALSE, sizeof (double));
  frames->all = g_array_new (FALSE, FALSE, sizeof (double));
  frames->worst_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  frames->all_cpu = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
scroll_frames_clear (ScrollFrames *frames)
{
  g_array_unref (frames->worst);
  g_array_unref (frames->all);
  g_array_unref (frames->worst_cpu);
  g_array_unref (frames->all_cpu);
}

/* Scrolls the scrolled window around @scrollable from top to bottom and
 * back (or down for @n_frames), one step per frame, and records each frame.
 */
static void
scroll_frames_measure_n (ScrollFrames *frames,
                         FrameProbe   *probe,
                         GtkWidget    *window,
                         GtkWidget    *scrollable,
                         double        step,
                         int           n_frames)
{
  ScrollData scroll = { NULL, step, 1, FALSE, n_frames };

  scroll.adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (scrollable, GTK_TYPE_SCROLLED_WINDOW)));
  probe->durations = g_array_new (FALSE, FALSE, sizeof (double));
  probe->cpu_durations = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_add_tick_callback (window, scroll_tick_cb, &scroll, NULL);
  km_test_wait_until (scroll_done, &scroll, 300000);
  append_sample (frames->worst, array_max (probe->durations));
  g_array_append_vals (frames->all, probe->durations->data, probe->durations->len);
  append_sample (frames->worst_cpu, array_max (probe->cpu_durations));
  g_array_append_vals (frames->all_cpu, probe->cpu_durations->data, probe->cpu_durations->len);
  g_clear_pointer (&probe->durations, g_array_unref);
  g_clear_pointer (&probe->cpu_durations, g_array_unref);
}

static void
scroll_frames_measure (ScrollFrames *frames,
                       FrameProbe   *probe,
                       GtkWidget    *window,
                       GtkWidget    *scrollable,
                       double        step)
{
  scroll_frames_measure_n (frames, probe, window, scrollable, step, -1);
}

static void
scroll_frames_report (ScrollFrames *frames,
                      const char   *name,
                      double        step)
{
  g_autofree char *longest = g_strconcat (name, "_longest_frame", NULL);
  g_autofree char *all = g_strconcat (name, "_frames", NULL);
  g_autofree char *longest_cpu = g_strconcat (name, "_longest_frame_cpu", NULL);
  g_autofree char *all_cpu = g_strconcat (name, "_frames_cpu", NULL);
  g_autofree char *over = g_strconcat (name, "_frames_over_16ms", NULL);
  g_autofree char *total = g_strconcat (name, "_frames_total", NULL);
  g_autofree char *step_key = g_strconcat (name, "_step_px", NULL);
  guint n_over = 0;

  for (guint i = 0; i < frames->all->len; i++)
    if (g_array_index (frames->all, double, i) > 16.0)
      n_over++;

  report_samples (longest, frames->worst);
  report_samples (all, frames->all);
  report_samples (longest_cpu, frames->worst_cpu);
  report_samples (all_cpu, frames->all_cpu);
  json_number (over, n_over);
  json_number (total, frames->all->len);
  json_number (step_key, step);
  report_print ("%-34s %u of %u frames over 16 ms (step %.0f px)\n", name, n_over, frames->all->len, step);
}

static void
bare_cell_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    GdkPaintable             *image)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture = gtk_picture_new_for_paintable (image);
  GtkWidget *caption = gtk_label_new ("Illustration");

  gtk_widget_set_size_request (picture, 200, 148);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_widget_add_css_class (caption, "caption");
  gtk_box_append (GTK_BOX (box), caption);
  gtk_list_item_set_child (item, box);
}

static void
bare_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item)
{
  GtkWidget *title = gtk_widget_get_next_sibling (gtk_widget_get_first_child (gtk_list_item_get_child (item)));

  gtk_label_set_text (GTK_LABEL (title),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* The toolkit alone: a window with a header bar and a grid of n cells of
 * the gallery's shape (a 200 × 148 picture, a title, a caption), with one
 * shared image and none of the app's code, as the floor for scrolling.
 */
static GtkWidget *
bare_grid_window_new (guint       n,
                      GtkWidget **grid_out)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) image = NULL;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *grid;
  guint32 *pixels = g_new (guint32, 200 * 148);

  for (int i = 0; i < 200 * 148; i++)
    pixels[i] = 0xff000000u | (guint32) ((i % 200) * 255 / 200) << 16 | (guint32) ((i / 200) * 255 / 148);
  bytes = g_bytes_new_take (pixels, 200 * 148 * sizeof (guint32));
  image = gdk_memory_texture_new (200, 148, GDK_MEMORY_DEFAULT, bytes, 200 * sizeof (guint32));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *title = g_strdup_printf ("Exhibit %u", i + 1);

      gtk_string_list_append (strings, title);
    }

  g_object_set_data_full (G_OBJECT (factory), "image", g_object_ref (image), g_object_unref);
  g_signal_connect (factory, "setup", G_CALLBACK (bare_cell_setup_cb), image);
  g_signal_connect (factory, "bind", G_CALLBACK (bare_cell_bind_cb), NULL);
  grid = gtk_grid_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (strings)))),
                            factory);
  gtk_grid_view_set_max_columns (GTK_GRID_VIEW (grid), 5);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_window_set_titlebar (GTK_WINDOW (window), adw_header_bar_new ());
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);

  *grid_out = grid;
  return window;
}

static void
section_gallery (const char *pack,
                 int         runs,
                 double      step)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) first_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) thumbs = g_array_new (FALSE, FALSE, sizeof (double));
  ScrollFrames frames, floor_frames;

  if (pack == NULL)
    g_error ("the gallery section needs --pack DIR (tests/gen-content-pack.py)");

  scroll_frames_init (&frames);
  scroll_frames_init (&floor_frames);

  dir = g_file_new_for_commandline_arg (pack);
  if (!km_content_store_load (km_context_get_store (km_application_get_context (app)), dir, &errors, &error))
    g_error ("%s: %s", pack, error != NULL ? error->message : "the pack has errors");

  for (int run = 0; run < runs; run++)
    {
      KmWindow *window;
      FrameProbe probe;
      gint64 t0, t1;

      km_thumbnail_loader_clear (km_thumbnail_loader_get_default ());
      t0 = g_get_monotonic_time ();
      window = km_test_window_new (app);
      gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
      gtk_widget_realize (GTK_WIDGET (window));
      frame_probe_attach (&probe, GTK_WIDGET (window));
      gtk_window_present (GTK_WINDOW (window));
      wait_for_frame (&probe, NULL, NULL, 10000);
      append_sample (first_frame, ms_since (t0));
      t1 = wait_for_frame (&probe, first_screen_has_thumbnails, window, 30000);
      append_sample (thumbs, t1 > 0 ? (t1 - t0) / 1000.0 : NAN);

      /* Top to bottom and back, one step per frame, thumbnails arriving. */
      scroll_frames_measure (&frames, &probe, GTK_WIDGET (window), GTK_WIDGET (get_grid_view (window)), step);
      frame_probe_detach (&probe);
      destroy_window (window);
    }

  report_samples ("gallery_1000_first_frame", first_frame);
  report_samples ("gallery_1000_first_thumbnails", thumbs);
  scroll_frames_report (&frames, "gallery_1000_scroll", step);

  /* The floor: the toolkit alone scrolling a grid of the same shape. */
  for (int run = 0; run < runs; run++)
    {
      GtkWidget *window, *grid;
      FrameProbe probe;

      window = bare_grid_window_new (g_list_model_get_n_items (km_content_store_get_exhibits (km_context_get_store (km_application_get_context (app)))),
                                     &grid);
      gtk_widget_realize (window);
      frame_probe_attach (&probe, window);
      gtk_window_present (GTK_WINDOW (window));
      wait_for_frame (&probe, NULL, NULL, 10000);
      scroll_frames_measure (&floor_frames, &probe, window, grid, step);
      frame_probe_detach (&probe);
      gtk_window_destroy (GTK_WINDOW (window));
      km_test_iterate (50);
    }
  scroll_frames_report (&floor_frames, "bare_grid_1000_scroll", step);
  scroll_frames_clear (&frames);
  scroll_frames_clear (&floor_frames);
}

static gboolean
image_loaded (gpointer user_data)
{
  return km_image_view_get_loaded (user_data);
}

static void
section_viewer (int runs)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  GListModel *exhibits = km_content_store_get_exhibits (km_context_get_store (km_application_get_context (app)));
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) zoom = g_array_new (FALSE, FALSE, sizeof (double));
  KmGalleryView *gallery;
  KmImageView *image_view;
  KmWindow *window;
  FrameProbe probe;
  guint n_opened = 0;

  window = present_window (app);
  frame_probe_attach (&probe, GTK_WIDGET (window));
  gallery = KM_GALLERY_VIEW (km_window_get_view (window, "gallery"));

  for (guint i = 0; n_opened < (guint) MAX (runs, 5) * 2 && i < 10 * g_list_model_get_n_items (exhibits); i++)
    {
      g_autoptr(KmExhibit) exhibit = g_list_model_get_item (exhibits, i % g_list_model_get_n_items (exhibits));
      gint64 t0, t1;

      /* A veiled exhibit shows its advisory, not its image. */
      if (km_exhibit_get_advisory (exhibit) != NULL)
        continue;

      km_gallery_view_close_viewer (gallery);
      km_test_wait_for_draw (GTK_WIDGET (window));
      km_thumbnail_loader_clear (km_thumbnail_loader_get_default ());

      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exhibit", "s", km_exhibit_get_id (exhibit));
      /* The viewer is built when the first exhibit opens. */
      image_view = KM_IMAGE_VIEW (km_test_find_widget (GTK_WIDGET (gallery), KM_TYPE_IMAGE_VIEW, NULL));
      t1 = wait_for_frame (&probe, image_loaded, image_view, 10000);
      append_sample (open, t1 > 0 ? (t1 - t0) / 1000.0 : NAN);
      n_opened++;

      /* In to the largest zoom and back out, one step per frame. */
      for (guint step = 0; step < 6; step++)
        {
          t0 = g_get_monotonic_time ();
          if (step < 3)
            km_image_view_zoom_in (image_view);
          else
            km_image_view_zoom_out (image_view);
          t1 = wait_for_frame (&probe, NULL, NULL, 5000);
          append_sample (zoom, t1 > 0 ? (t1 - t0) / 1000.0 : NAN);
        }
    }

  report_samples ("viewer_open_exhibit", open);
  report_samples ("viewer_zoom_step", zoom);
  frame_probe_detach (&probe);
  destroy_window (window);
}

typedef struct
{
  KmWindow   *window;
  const char *title;
} ShownTitle;

static gboolean
shows_label (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), data);
}

static gboolean
title_shown (gpointer user_data)
{
  ShownTitle *shown = user_data;

  return km_test_find_widget_matching (GTK_WIDGET (shown->window), shows_label, shown->title) != NULL;
}

/* The reload starts by taking the views down (km_window_content_reloading()). */
static void
on_page_child_cb (AdwBin *page,
                  GParamSpec *pspec,
                  gint64     *started_at)
{
  if (adw_bin_get_child (page) == NULL && *started_at == 0)
    *started_at = g_get_monotonic_time ();
}

/* The curator's preview (--preview=DIR) on a copy of the bundled
 * exhibition, the viewer open on its first exhibit: a save of
 * exhibits.xml with a new title, to the first frame that shows it. That
 * includes the 200 ms the preview waits for an editor's save to finish
 * (start_preview() in km-application.c); reload → frame starts when the
 * reload takes the gallery down. The main thread's CPU time from the save to the frame
 * is the reload's own work (parse, views, frame) and what else the main
 * thread did meanwhile, whatever other processes take.
 */
static void
section_preview (const char *pack,
                 int         runs)
{
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  g_autoptr(KmApplication) app = NULL;
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) reload = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 started_at = 0;
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = NULL;
  g_autofree char *original = NULL;
  g_autoptr(GError) error = NULL;
  const char *first_title = "Winter night over Khojaly";
  KmWindow *window;
  FrameProbe probe;

  if (pack == NULL)
    g_error ("the preview section needs --pack DIR, a copy of the bundled exhibition "
             "(khojaly-memorial-pack new DIR --from-bundled)");
  path = g_build_filename (pack, "exhibits.xml", NULL);
  if (!g_file_get_contents (path, &original, NULL, &error))
    g_error ("%s", error->message);
  if (strstr (original, first_title) == NULL)
    g_error ("%s: not a copy of the bundled exhibition", pack);

  g_variant_dict_insert (options, "preview", "^ay", pack);
  app = km_test_application_new_with_options (options);
  g_application_activate (G_APPLICATION (app));
  window = KM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  km_test_wait_for_draw (GTK_WIDGET (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exhibit", "s", "winter-night");
  km_test_wait_for_draw (GTK_WIDGET (window));
  frame_probe_attach (&probe, GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_parent (km_window_get_view (window, "gallery")), "notify::child",
                    G_CALLBACK (on_page_child_cb), &started_at);

  for (int i = 0; i < runs * 2; i++)
    {
      g_autofree char *title = g_strdup_printf ("Winter night over Khojaly (%d)", i);
      g_autofree char *old = g_strdup_printf ("<title>%s</title>", first_title);
      g_autofree char *new = g_strdup_printf ("<title>%s</title>", title);
      g_autoptr(GString) text = g_string_new (original);
      ShownTitle shown = { window, title };
      gint64 t0, t1, cpu0;

      g_string_replace (text, old, new, 1);
      /* Nothing pending from the last run. */
      km_test_iterate (300);
      cpu0 = thread_cpu_us ();
      t0 = g_get_monotonic_time ();
      if (!g_file_set_contents (path, text->str, -1, &error))
        g_error ("%s", error->message);
      started_at = 0;
      t1 = wait_for_frame (&probe, title_shown, &shown, 10000);
      append_sample (wall, t1 > 0 ? (t1 - t0) / 1000.0 : NAN);
      append_sample (reload, t1 > 0 && started_at > 0 ? (t1 - started_at) / 1000.0 : NAN);
      append_sample (cpu, (thread_cpu_us () - cpu0) / 1000.0);
    }

  g_file_set_contents (path, original, -1, NULL);
  report_samples ("preview_save_to_frame", wall);
  report_samples ("preview_reload_to_frame", reload);
  report_samples ("preview_reload_cpu", cpu);
  frame_probe_detach (&probe);
  destroy_window (window);
}

static KmKioskController *
start_kiosk (KmApplication  *app,
             KmWindow      **window_out)
{
  KmWindow *window;
  KmKioskController *controller;

  GSettings *settings = km_context_get_settings (km_application_get_context (app));

  g_assert (km_context_get_kiosk (km_application_get_context (app)));
  g_settings_set_int (settings, "window-width", 1200);
  g_settings_set_int (settings, "window-height", 800);
  /* As the program starts: the application builds the window and makes it a kiosk. */
  g_application_activate (G_APPLICATION (app));
  window = KM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  km_test_wait_for_draw (GTK_WIDGET (window));
  controller = km_kiosk_controller_get_for_window (window);
  if (controller == NULL)
    g_error ("no kiosk controller on the kiosk window");

  *window_out = window;
  return controller;
}

/* One visitor: every view, an exhibit in the viewer with a zoom, another
 * language, then the idle reset back to the attract screen.
 */
static void
kiosk_cycle (KmApplication     *app,
             KmWindow          *window,
             KmKioskController *controller,
             guint              cycle)
{
  static const char * const languages[] = { "en", "id" };
  KmContentStore *store = km_context_get_store (km_application_get_context (app));
  GListModel *exhibits = km_content_store_get_exhibits (store);
  GListModel *entries = km_content_store_get_entries (store);
  KmClock *clock = km_context_get_clock (km_application_get_context (app));
  g_autoptr(KmExhibit) exhibit = g_list_model_get_item (exhibits, cycle % g_list_model_get_n_items (exhibits));
  g_autoptr(KmTimelineEntry) entry = g_list_model_get_item (entries, cycle % g_list_model_get_n_items (entries));
  GtkWidget *gallery;

  g_signal_emit_by_name (km_test_find_widget (GTK_WIDGET (window), KM_TYPE_KIOSK_ATTRACT, NULL), "begin");
  drain_main_context ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exhibit", "s", km_exhibit_get_id (exhibit));
  gallery = km_window_get_view (window, "gallery");
  km_image_view_zoom_in (KM_IMAGE_VIEW (km_test_find_widget (gallery, KM_TYPE_IMAGE_VIEW, NULL)));
  drain_main_context ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-entry", "s", km_timeline_entry_get_id (entry));
  drain_main_context ();
  km_window_show_view (window, "statistics");
  drain_main_context ();

  km_application_set_language (app, languages[cycle % G_N_ELEMENTS (languages)]);
  km_window_show_view (window, "gallery");
  drain_main_context ();

  /* The visitor walks away, and the idle reset (on the fake clock: the
   * idle time, the countdown) brings the kiosk's language, the gallery
   * back at its start, the other views let go.
   */
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 141 * 1000);
  drain_main_context ();
  if (km_test_find_widget (GTK_WIDGET (window), KM_TYPE_KIOSK_ATTRACT, NULL) == NULL)
    g_error ("the kiosk did not reset after its idle time");
}

static double
trimmed_rss_mb (void)
{
  drain_main_context ();
  malloc_trim (0);
  return read_status_kb ("VmRSS") / 1024.0;
}

/* With KM_BENCH_MEMORY_DUMP=PREFIX, the memory section writes, at its
 * reference cycle and at its end, PREFIX-N.smaps (/proc/self/smaps),
 * PREFIX-N.malloc (malloc_info: every arena) and PREFIX-N.types (live
 * instances per GObject type; needs GOBJECT_DEBUG=instance-count), to
 * compare what grows between the two; with KM_BENCH_MEMORY_DUMP_ALL
 * too, every 250 cycles.
 */
static void
count_type_instances (GType    type,
                      GString *out)
{
  g_autofree GType *children = NULL;
  guint n_children;
  int count = g_type_get_instance_count (type);

  if (count != 0)
    g_string_append_printf (out, "%d %s\n", count, g_type_name (type));
  children = g_type_children (type, &n_children);
  for (guint i = 0; i < n_children; i++)
    count_type_instances (children[i], out);
}

static void
dump_memory_state (guint cycle)
{
  const char *prefix = g_getenv ("KM_BENCH_MEMORY_DUMP");
  g_autofree char *smaps = NULL, *path = NULL;
  g_autoptr(GString) types = g_string_new (NULL);
  FILE *file;

  if (prefix == NULL)
    return;
  if (g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    {
      g_autofree char *smaps_path = g_strdup_printf ("%s-%u.smaps", prefix, cycle);
      g_file_set_contents (smaps_path, smaps, -1, NULL);
    }
  path = g_strdup_printf ("%s-%u.malloc", prefix, cycle);
  if ((file = fopen (path, "w")) != NULL)
    {
      malloc_info (0, file);
      fclose (file);
    }
  count_type_instances (G_TYPE_OBJECT, types);
  count_type_instances (G_TYPE_PARAM, types);
  g_free (path);
  path = g_strdup_printf ("%s-%u.types", prefix, cycle);
  g_file_set_contents (path, types->str, -1, NULL);
}

/* Kiosk cycles on the bundled exhibition, or with --pack on a generated
 * pack (#19: growth under 5 % over 1,000 cycles with 10,000 exhibits).
 * The growth is from cycle 1,000 to the last: with 10,000 exhibits the
 * thumbnails' cache fills for some 600 cycles (the heap grows by 80 KB a
 * cycle until it holds its 48 MB, then stays flat), which is not growth.
 */
static void
section_memory (const char *pack,
                guint       cycles)
{
  /* A fake clock, so that a cycle's idle reset takes no time. */
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  g_autoptr(KmContext) context = km_test_context_new (clock, TRUE);
  g_autoptr(KmApplication) app = km_test_application_new_for_context (context);
  KmKioskController *controller;
  KmWindow *window;
  /* KM_BENCH_REFERENCE_CYCLE: another start for the growth, for
   * shorter runs once the thumbnail cache is full. */
  guint reference = g_getenv ("KM_BENCH_REFERENCE_CYCLE") != NULL
                    ? (guint) MAX (g_ascii_strtoull (g_getenv ("KM_BENCH_REFERENCE_CYCLE"), NULL, 10), 1) : 1000;
  double rss_start, rss_1000 = NAN, rss_end, peak_tour;
  gint64 t0;

  if (pack != NULL)
    {
      g_autoptr(GFile) dir = g_file_new_for_commandline_arg (pack);
      g_autoptr(GError) error = NULL;

      if (!km_content_store_load (km_context_get_store (context), dir, NULL, &error))
        g_error ("%s: %s", pack, error->message);
      json_number ("memory_exhibits", g_list_model_get_n_items (km_content_store_get_exhibits (km_context_get_store (context))));
    }
  if (pack != NULL)
    cycles = MAX (cycles, reference + 1);
  controller = start_kiosk (app, &window);

  /* A visitor's tour with real frames: the peak a visit reaches. */
  for (guint v = 0; km_window_view_names[v] != NULL; v++)
    {
      km_window_show_view (window, km_window_view_names[v]);
      km_test_wait_for_draw (GTK_WIDGET (window));
    }
  kiosk_cycle (app, window, controller, 0);
  km_test_wait_for_draw (GTK_WIDGET (window));
  peak_tour = read_status_kb ("VmHWM") / 1024.0;
  rss_start = trimmed_rss_mb ();

  /* The window stays shown: hidden, it never paints, and views waiting
   * for a frame pile up (4.7 MB a cycle), which no kiosk does. Cycles do
   * not wait for frames; the frame clock paints when it is due.
   */
  t0 = g_get_monotonic_time ();
  for (guint cycle = 1; cycle <= cycles; cycle++)
    {
      kiosk_cycle (app, window, controller, cycle);
      if (cycle == reference)
        {
          rss_1000 = trimmed_rss_mb ();
          dump_memory_state (cycle);
        }
      if (cycle != reference && cycle % 250 == 0 && g_getenv ("KM_BENCH_MEMORY_DUMP_ALL") != NULL)
        {
          trimmed_rss_mb ();
          dump_memory_state (cycle);
        }
      if (cycle % (cycles > 1000 && pack == NULL ? 1000 : 100) == 0)
        report_print ("  %u cycles, %.0f s, VmRSS %.1f MB, malloc heap in use %.1f MB\n", cycle,
                 ms_since (t0) / 1000.0, read_status_kb ("VmRSS") / 1024.0, mallinfo2 ().uordblks / 1048576.0);
    }
  rss_end = trimmed_rss_mb ();
  dump_memory_state (cycles);

  json_number (pack != NULL ? "memory_peak_pack_mb" : "memory_peak_bundled_mb", peak_tour);
  json_number ("memory_rss_after_tour_mb", rss_start);
  json_number ("memory_reference_cycle", reference);
  json_number ("memory_rss_after_1000_cycles_mb", rss_1000);
  json_number ("memory_rss_after_cycles_mb", rss_end);
  json_number ("memory_cycles", cycles);
  json_number ("memory_growth_percent", (rss_end - rss_1000) / rss_1000 * 100);
  json_number ("memory_cycles_seconds", ms_since (t0) / 1000.0);
  json_number ("memory_peak_end_mb", read_status_kb ("VmHWM") / 1024.0);
  report_print ("%-34s %.1f MB (VmHWM after start-up and a tour)\n",
                pack != NULL ? "memory_peak_pack" : "memory_peak_bundled", peak_tour);
  report_print ("%-34s %.1f MB after %u, %.1f MB after %u cycles: %+.2f %% (%.0f s; malloc_trim(0) first)\n",
           "memory_kiosk_cycles", rss_1000, reference, rss_end, cycles, (rss_end - rss_1000) / rss_1000 * 100,
           ms_since (t0) / 1000.0);
  destroy_window (window);
}

/* Idle: every main-loop wake-up goes through poll */

static GPollFunc real_poll;
static guint n_polls;
static guint n_short_polls;   /* asked to wake within a second */

static int
counting_poll (GPollFD *fds,
               guint    n_fds,
               int      timeout)
{
  n_polls++;
  if (timeout >= 0 && timeout < 1000)
    n_short_polls++;
  return real_poll (fds, n_fds, timeout);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static gboolean
on_quit_timeout_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
measure_idle (const char *name,
              double      seconds)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *cpu_key = g_strdup_printf ("idle_%s_cpu_s_per_min", name);
  g_autofree char *wake_key = g_strdup_printf ("idle_%s_wakeups_per_s", name);
  g_autofree char *short_key = g_strdup_printf ("idle_%s_short_timeouts_per_s", name);
  g_autofree char *ctx_key = g_strdup_printf ("idle_%s_voluntary_ctxt_switches_per_s", name);
  gint64 ctx0, ctx1;
  double cpu0, cpu1;
  guint polls0, short0;

  km_test_iterate (2000);  /* let the transition settle */

  ctx0 = read_status_kb ("voluntary_ctxt_switches");
  cpu0 = cpu_seconds ();
  polls0 = n_polls;
  short0 = n_short_polls;
  g_timeout_add ((guint) (seconds * 1000), on_quit_timeout_cb, loop);
  g_main_loop_run (loop);
  cpu1 = cpu_seconds ();
  ctx1 = read_status_kb ("voluntary_ctxt_switches");

  json_number (cpu_key, (cpu1 - cpu0) * 60 / seconds);
  json_number (wake_key, (n_polls - polls0 - 1) / seconds);
  json_number (short_key, (n_short_polls - short0) / seconds);
  json_number (ctx_key, (ctx1 - ctx0) / seconds);
  report_print ("%-34s CPU %.3f s/min, %.2f main-loop wake-ups/s (%.2f/s asked for < 1 s), %.2f voluntary switches/s\n",
           name, (cpu1 - cpu0) * 60 / seconds, (n_polls - polls0 - 1) / seconds,
           (n_short_polls - short0) / seconds, (ctx1 - ctx0) / seconds);
}

static void
section_idle (double seconds)
{
  g_autoptr(KmContext) context = km_test_context_new (NULL, TRUE);
  g_autoptr(KmApplication) app = km_test_application_new_for_context (context);
  GtkWidget *attract;
  KmWindow *window;

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, counting_poll);

  start_kiosk (app, &window);
  km_test_wait_for_draw (GTK_WIDGET (window));
  /* A kiosk starts on its attract screen. */
  attract = km_test_find_widget (GTK_WIDGET (window), KM_TYPE_KIOSK_ATTRACT, NULL);
  if (attract == NULL)
    g_error ("the kiosk shows no attract screen at start");

  json_string ("idle_subject", "kiosk attract screen");
  km_kiosk_attract_set_playing (KM_KIOSK_ATTRACT (attract), FALSE);
  measure_idle ("attract_paused", seconds);
  km_kiosk_attract_set_playing (KM_KIOSK_ATTRACT (attract), TRUE);
  measure_idle ("attract_playing", seconds);

  g_main_context_set_poll_func (NULL, real_poll);
  destroy_window (window);
}

/* Media (#20): a 1080p H.264 video in the player, from the exhibit to its
 * first frame on screen, and a 1080p30 clip played through, counting the
 * frames GStreamer handed to the picture (its sink drops late ones) and
 * the frames painted. The clips are GStreamer's test pattern, made here.
 */

static void
run_gst_launch (const char *pipeline)
{
  g_autofree char *cmd = g_strdup_printf ("nice -n 10 gst-launch-1.0 -q -e %s", pipeline);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_command_line_sync (cmd, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s %s", cmd, error != NULL ? error->message : "", err != NULL ? err : "");
}

/* H.264 in 4:2:0 (High profile), as cameras, phones and editors write
 * it; left to itself, x264enc takes the test pattern's 4:4:4 and writes
 * High 4:4:4, a profile few files have, that costs 14 ms a frame to
 * convert instead of 3. KM_BENCH_MEDIA_CHROMA=444 measures that. */
static void
make_clip (const char *path,
           guint       seconds)
{
  g_autofree char *quoted = g_shell_quote (path);
  const char *format = g_strcmp0 (g_getenv ("KM_BENCH_MEDIA_CHROMA"), "444") == 0 ? "Y444" : "I420";
  g_autofree char *pipeline =
    g_strdup_printf ("videotestsrc num-buffers=%u pattern=smpte horizontal-speed=4 "
                     "! video/x-raw,format=%s,width=1920,height=1080,framerate=30/1 "
                     "! x264enc speed-preset=ultrafast ! h264parse ! mp4mux name=mux ! filesink location=%s "
                     "audiotestsrc num-buffers=%u samplesperbuffer=1024 volume=0.2 ! audioconvert "
                     "! avenc_aac ! aacparse ! mux.",
                     seconds * 30, format, quoted, seconds * 44100 / 1024 + 1);

  run_gst_launch (pipeline);
}

/* A copy of the tests' valid pack in a new temporary folder, with
 * @extra (exhibit elements) added at the end of its exhibits.xml.
 * Returns the folder.
 */
static char *
make_pack_with (const char *prefix,
                const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", prefix);
  g_autofree char *dir = g_dir_make_tmp (template, &error);
  g_autofree char *copy = NULL;
  g_autofree char *xml_path = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GString) out = NULL;
  const char *end;

  if (dir == NULL)
    g_error ("%s", error->message);
  copy = g_strdup_printf ("cp -r '%s/.' '%s/'", KM_BENCH_CONTENT_DIR, dir);
  if (!g_spawn_command_line_sync (copy, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);

  xml_path = g_build_filename (dir, "exhibits.xml", NULL);
  if (!g_file_get_contents (xml_path, &xml, NULL, &error))
    g_error ("%s", error->message);
  end = strstr (xml, "</exhibits>");
  g_assert (end != NULL);
  out = g_string_new_len (xml, end - xml);
  g_string_append (out, extra);
  g_string_append (out, "</exhibits>\n");
  if (!g_file_set_contents (xml_path, out->str, -1, &error))
    g_error ("%s", error->message);

  return g_steal_pointer (&dir);
}

static const char media_fields[] =
  "    <title>Benchmark clip</title>\n"
  "    <caption>GStreamer's test pattern.</caption>\n"
  "    <description>Not footage.</description>\n"
  "    <alt>Colour bars.</alt>\n"
  "    <credit>Generated by the benchmark</credit>\n"
  "    <rights>CC0</rights>\n"
  "    <transcript>A test pattern.</transcript>\n"
  "    <captions src=\"captions/clip.en.vtt\"/>\n";

/* The tests' valid pack with two video exhibits: "open" (3 s) and
 * "play" (@seconds). */
static KmContentStore *
make_media_store (guint   seconds,
                  char  **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *extra = g_strdup_printf (
    "  <exhibit id=\"open\" kind=\"video\" media=\"media/open.mp4\" sources=\"s-rally\">\n%s  </exhibit>\n"
    "  <exhibit id=\"play\" kind=\"video\" media=\"media/play.mp4\" sources=\"s-rally\">\n%s  </exhibit>\n",
    media_fields, media_fields);
  g_autofree char *dir = make_pack_with ("km-bench-media", extra);
  g_autofree char *open_clip = NULL;
  g_autofree char *play_clip = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  KmContentStore *store;

  open_clip = g_build_filename (dir, "media", "open.mp4", NULL);
  km_test_media_write (dir, "media/README", "Clips made by the benchmark.\n", -1);
  play_clip = g_build_filename (dir, "media", "play.mp4", NULL);
  km_test_media_write (dir, "captions/clip.en.vtt", "WEBVTT\n\n00:00.000 --> 00:02.000\nA test pattern.\n", -1);
  make_clip (open_clip, 3);
  make_clip (play_clip, seconds);

  store = km_content_store_new ();
  file = g_file_new_for_path (dir);
  if (!km_content_store_load (store, file, &errors, &error))
    g_error ("the benchmark's media pack does not load: %s", error->message);

  *dir_out = g_steal_pointer (&dir);
  return store;
}

static gboolean
node_has_texture (GskRenderNode *node)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_TEXTURE_NODE:
      return TRUE;
    case GSK_TRANSFORM_NODE:
      return node_has_texture (gsk_transform_node_get_child (node));
    case GSK_CLIP_NODE:
      return node_has_texture (gsk_clip_node_get_child (node));
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        if (node_has_texture (gsk_container_node_get_child (node, i)))
          return TRUE;
      return FALSE;
    default:
      return FALSE;
    }
}

/* The picture draws a frame (under cairo the player draws the first one
 * once it is scaled to the picture's size). */
static gboolean
picture_has_frame (gpointer user_data)
{
  GdkPaintable *paintable = gtk_picture_get_paintable (user_data);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (paintable == NULL || gdk_paintable_get_intrinsic_width (paintable) <= 0)
    return FALSE;
  width = gtk_widget_get_width (user_data);
  height = gtk_widget_get_height (user_data);
  snapshot = gtk_snapshot_new ();
  /* The size GtkPicture draws it at, so that the scaled frame matches. */
  if (gdk_paintable_get_intrinsic_aspect_ratio (paintable) > (double) width / MAX (height, 1))
    gdk_paintable_snapshot (paintable, snapshot, width, width / gdk_paintable_get_intrinsic_aspect_ratio (paintable));
  else
    gdk_paintable_snapshot (paintable, snapshot, height * gdk_paintable_get_intrinsic_aspect_ratio (paintable), height);
  node = gtk_snapshot_free_to_node (snapshot);
  return node != NULL && node_has_texture (node);
}

static gboolean
player_ended (gpointer user_data)
{
  return km_media_player_get_ended (user_data) || km_media_player_get_error_message (user_data) != NULL;
}

static gboolean
player_prepared (gpointer user_data)
{
  return km_media_player_get_prepared (user_data);
}

static void
on_frame_delivered_cb (GdkPaintable *paintable,
                       GArray       *times)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (times, now);
}

static GtkWindow *
player_window (KmMediaPlayer **player_out)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *player = km_media_player_new (NULL);

  gtk_window_set_default_size (window, 1200, 800);
  gtk_window_set_child (window, player);
  gtk_window_present (window);
  km_test_wait_for_draw (GTK_WIDGET (window));
  /* As a KmWindow does after it paints. */
  km_display_keep_upload_memory (GTK_NATIVE (window));
  *player_out = KM_MEDIA_PLAYER (player);
  return window;
}

static gboolean
viewer_player_ready (gpointer user_data)
{
  KmWindow *window = user_data;
  GtkWidget *player = km_test_find_widget (km_window_get_view (window, "gallery"), KM_TYPE_MEDIA_PLAYER, NULL);
  GtkWidget *picture;

  if (player == NULL)
    return FALSE;
  if (km_media_player_get_error_message (KM_MEDIA_PLAYER (player)) != NULL)
    return TRUE;
  picture = km_test_find_widget (player, GTK_TYPE_PICTURE, NULL);
  return km_media_player_get_prepared (KM_MEDIA_PLAYER (player)) && picture_has_frame (picture);
}

/* No pipeline of the two clips is alive (km-playback.c knows them). */
static gboolean
no_pipeline_alive (gpointer data)
{
  KmContentStore *store = data;
  static const char * const ids[] = { "open", "play" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *uri = g_file_get_uri (km_exhibit_get_media_file (km_content_store_lookup_exhibit (store, ids[i])));
      g_autoptr(GstElement) pipeline = km_playback_dup_pipeline (uri);

      if (pipeline != NULL)
        return FALSE;
    }
  return TRUE;
}

/* Memory over opens (#20): the gallery's viewer opens a video exhibit the
 * way a visitor does (win.show-exhibit), its first frame arrives, the
 * viewer closes; the two clips alternate, so every open builds a new
 * stream and pipeline and lets the last one go. VmRSS after
 * malloc_trim(0) at 100 opens and at the end, malloc's heap in use, and
 * the threads (a pipeline left behind keeps its threads).
 */
static void
media_memory (const char *dir,
              guint       opens)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmContext *context = km_application_get_context (app);
  g_autoptr(GFile) pack = g_file_new_for_path (dir);
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const ids[] = { "open", "play" };
  KmGalleryView *gallery;
  KmWindow *window;
  double rss_100 = NAN, heap_100 = NAN, untrimmed = NAN, rss_end, cpu0;
  guint failed = 0;
  gint64 t0;

  if (!km_content_store_load (km_context_get_store (context), pack, &errors, &error))
    g_error ("the benchmark's media pack does not load: %s", error->message);
  window = present_window (app);
  gallery = KM_GALLERY_VIEW (km_window_get_view (window, "gallery"));

  t0 = g_get_monotonic_time ();
  cpu0 = cpu_seconds ();
  for (guint i = 1; i <= opens; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exhibit", "s", ids[i % G_N_ELEMENTS (ids)]);
      if (!km_test_wait_until (viewer_player_ready, window, 20000))
        failed++;
      km_gallery_view_close_viewer (gallery);
      drain_main_context ();
      if (i % 100 == 0)
        {
          double rss;
          struct mallinfo2 heap;

          /* The closed viewer's stream goes a second after it paused
           * (km-media-player.c), and its pipeline once its threads end,
           * later under load: what is measured is the application with
           * no pipeline. Untrimmed is what a kiosk has: glibc keeps freed
           * frames in its arenas. Trimmed, what is used. */
          km_test_iterate (1500);
          if (!km_test_wait_until (no_pipeline_alive, km_context_get_store (context), 20000))
            report_print ("  %u opens: a closed viewer's pipeline is still alive after 20 s\n", i);
          untrimmed = read_status_kb ("VmRSS") / 1024.0;
          rss = trimmed_rss_mb ();
          heap = mallinfo2 ();
          if (i == 100)
            {
              rss_100 = rss;
              heap_100 = heap.uordblks / 1048576.0;
            }
          report_print ("  %u opens, %.0f s, VmRSS %.1f MB (%.1f MB untrimmed), malloc heap in use %.1f MB, "
                        "free in arenas %.1f MB, %ld threads\n", i, ms_since (t0) / 1000.0, rss, untrimmed,
                        heap.uordblks / 1048576.0, heap.fordblks / 1048576.0, read_status_kb ("Threads"));
        }
    }
  /* Untrimmed since the last hundred (each of those lines trims). */
  km_test_iterate (1500);
  km_test_wait_until (no_pipeline_alive, km_context_get_store (context), 20000);
  if (opens % 100 != 0)
    untrimmed = read_status_kb ("VmRSS") / 1024.0;
  json_number ("media_memory_rss_untrimmed_mb", untrimmed);
  rss_end = trimmed_rss_mb ();
  json_number ("media_memory_heap_in_use_after_100_mb", heap_100);
  json_number ("media_memory_heap_in_use_after_opens_mb", mallinfo2 ().uordblks / 1048576.0);
  json_number ("media_memory_threads", read_status_kb ("Threads"));

  json_number ("media_memory_opens", opens);
  json_number ("media_memory_failed_opens", failed);
  json_number ("media_memory_rss_after_100_mb", rss_100);
  json_number ("media_memory_rss_after_opens_mb", rss_end);
  json_number ("media_memory_growth_percent", (rss_end - rss_100) / rss_100 * 100);
  json_number ("media_memory_seconds", ms_since (t0) / 1000.0);
  json_number ("media_memory_cpu_seconds", cpu_seconds () - cpu0);
  report_print ("%-34s %.1f MB after 100, %.1f MB after %u opens: %+.2f %% (%u failed; %.0f s, %.0f s CPU; malloc_trim(0) first)\n",
                "media_memory_opens", rss_100, rss_end, opens, (rss_end - rss_100) / rss_100 * 100,
                failed, ms_since (t0) / 1000.0, cpu_seconds () - cpu0);
  destroy_window (window);
}

static void
section_media (int    runs,
               double seconds,
               guint  opens)
{
  g_autofree char *dir = NULL;
  g_autoptr(KmContentStore) store = make_media_store ((guint) MAX (seconds, 5), &dir);
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (double));
  KmMediaPlayer *player;
  GtkWindow *window;
  GdkPaintable *paintable;
  FrameProbe probe;
  KmVideoPaintable *video;
  g_autoptr(GArray) delivered_at = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint delivered, painted, scaled0, skipped0, scaled, skipped, qos_dropped, gaps = 0, gaps_first_s = 0;
  double expected, duration_s, cpu0, first_gap_s = NAN;
  gint64 t0, t1;

  json_string ("media_subject", "KmMediaPlayer, 1920x1080 H.264 + AAC MP4, window 1200x800");
  json_string ("media_chroma", g_strcmp0 (g_getenv ("KM_BENCH_MEDIA_CHROMA"), "444") == 0 ? "4:4:4" : "4:2:0");
  for (int i = 0; i < runs; i++)
    {
      window = player_window (&player);
      frame_probe_attach (&probe, GTK_WIDGET (window));
      t0 = g_get_monotonic_time ();
      km_media_player_set_exhibit (player, km_content_store_lookup_exhibit (store, "open"));
      t1 = wait_for_frame (&probe, picture_has_frame,
                           km_test_find_widget (GTK_WIDGET (player), GTK_TYPE_PICTURE, NULL), 10000);
      append_sample (open, t1 > 0 ? (t1 - t0) / 1000.0 : NAN);
      frame_probe_detach (&probe);
      gtk_window_destroy (window);
      km_test_iterate (200);
    }
  report_samples ("media_open_first_frame", open);

  if (opens > 0)
    media_memory (dir, opens);
  if (seconds <= 0)
    goto out;

  window = player_window (&player);
  km_media_player_set_exhibit (player, km_content_store_lookup_exhibit (store, "play"));
  if (!km_test_wait_until (player_prepared, player, 10000))
    g_error ("the clip does not open");
  paintable = gtk_picture_get_paintable (GTK_PICTURE (km_test_find_widget (GTK_WIDGET (player), GTK_TYPE_PICTURE, NULL)));
  g_assert (KM_IS_VIDEO_PAINTABLE (paintable));
  video = KM_VIDEO_PAINTABLE (paintable);
  /* The sink's frames: what GStreamer decoded and did not drop as late. */
  g_signal_connect (km_video_paintable_get_source (video), "invalidate-contents",
                    G_CALLBACK (on_frame_delivered_cb), delivered_at);
  scaled0 = km_video_paintable_get_n_scaled (video);
  skipped0 = km_video_paintable_get_n_skipped (video);
  frame_probe_attach (&probe, GTK_WIDGET (window));
  probe.cpu_durations = g_array_new (FALSE, FALSE, sizeof (double));
  t0 = g_get_monotonic_time ();
  cpu0 = cpu_seconds ();
  km_media_player_set_playing (player, TRUE);
  if (!km_test_wait_until (player_ended, player, (guint) (seconds * 3000) + 10000))
    g_error ("the clip did not end");
  duration_s = km_media_player_get_duration (player) / 1000.0;
  painted = probe.n_painted;
  expected = floor (duration_s * 30 + 0.5);
  g_signal_handlers_disconnect_by_data (km_video_paintable_get_source (video), delivered_at);
  delivered = delivered_at->len;
  /* When frames went missing: a gap of two frame times or more between
   * deliveries on the main thread. */
  for (guint i = 1; i < delivered_at->len; i++)
    {
      gint64 at = g_array_index (delivered_at, gint64, i);

      if (at - g_array_index (delivered_at, gint64, i - 1) < 2 * G_USEC_PER_SEC / 30)
        continue;
      gaps++;
      if (at - t0 < G_USEC_PER_SEC)
        gaps_first_s++;
      if (isnan (first_gap_s))
        first_gap_s = (at - t0) / 1e6;
    }
  /* The pipeline's own count, from its elements' QoS messages. */
  qos_dropped = km_media_player_get_dropped_frames (player);
  scaled = km_video_paintable_get_n_scaled (video) - scaled0;
  skipped = km_video_paintable_get_n_skipped (video) - skipped0;

  /* Every thread: decoding, conversion, the scaling worker, drawing. */
  json_number ("media_play_process_cpu_seconds", cpu_seconds () - cpu0);
  json_number ("media_play_seconds", duration_s);
  json_number ("media_play_wall_seconds", ms_since (t0) / 1000.0);
  json_number ("media_play_expected_frames", expected);
  json_number ("media_play_delivered_frames", delivered);
  json_number ("media_play_dropped_frames", MAX (expected - delivered, 0));
  json_number ("media_play_qos_dropped_frames", qos_dropped);
  json_number ("media_play_delivery_gaps", gaps);
  json_number ("media_play_delivery_gaps_first_second", gaps_first_s);
  json_number ("media_play_painted_frames", painted);
  /* Under cairo each frame is scaled in a worker before it is drawn. */
  json_number ("media_play_scaled_frames", scaled);
  json_number ("media_play_skipped_frames", skipped);
  json_string ("media_play_scaling", km_video_paintable_get_scaling (video) ? "worker" : "renderer");
  report_print ("%-34s %.0f of %.0f frames delivered by the sink, %u scaled (%s), %u skipped, %u painted, %.1f s\n",
                "media_play_1080p30", (double) delivered, expected, scaled,
                km_video_paintable_get_scaling (video) ? "worker" : "renderer", skipped, painted, duration_s);
  report_print ("%-34s %u dropped as late (QoS messages); %u gaps of 2+ frames between deliveries, %u in the first second, first at %.2f s\n",
                "media_play_late", qos_dropped, gaps, gaps_first_s, first_gap_s);
  report_print ("%-34s %.1f s of CPU in all threads while it played\n", "media_play_process_cpu",
                cpu_seconds () - cpu0);
  report_samples ("media_play_cpu_per_frame", probe.cpu_durations);
  frame_probe_detach (&probe);
  gtk_window_destroy (window);
  km_test_iterate (100);

out:
  g_clear_object (&store);
  km_test_media_remove_dir (dir);
}

/* Scale (#19): a generated pack of N exhibits, N / 5 timeline entries and
 * N / 20 figures. Loading it (first time: full check; then with its
 * record), the gallery's search per keystroke and kind filter (main-thread
 * CPU of the handler and of the frame after), the timeline's first frame
 * and its frames on resizes from 360 to 3840 px, the statistics view's
 * first frame, and the peak resident memory of it all.
 */
static gboolean
model_has_items (gpointer user_data)
{
  return g_list_model_get_n_items (user_data) > 0;
}

/* Main-thread CPU of @func, plus that of the frame it causes. */
typedef void (*ScaleStep) (gpointer data, guint i);

static void
measure_steps (KmWindow   *window,
               ScaleStep   step,
               gpointer    data,
               guint       n,
               GArray     *handler_ms,
               GArray     *total_ms,
               GArray     *layout_ms)
{
  FrameProbe probe;

  frame_probe_attach (&probe, GTK_WIDGET (window));
  probe.cpu_durations = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < n; i++)
    {
      gint64 cpu0, cpu1;
      guint before;

      km_test_iterate (20);
      before = probe.cpu_durations->len;
      cpu0 = thread_cpu_us ();
      step (data, i);
      cpu1 = thread_cpu_us ();
      gtk_widget_queue_draw (GTK_WIDGET (window));
      wait_for_frame (&probe, NULL, NULL, 5000);
      append_sample (handler_ms, (cpu1 - cpu0) / 1000.0);
      if (probe.cpu_durations->len > before)
        append_sample (total_ms, (cpu1 - cpu0) / 1000.0 +
                       g_array_index (probe.cpu_durations, double, probe.cpu_durations->len - 1));
      /* The frame's layout phase: every widget's measure and allocation. */
      if (layout_ms != NULL && probe.cpu_durations->len > before)
        append_sample (layout_ms, (probe.cpu[2] - probe.cpu[1]) / 1000.0);
    }
  frame_probe_detach (&probe);
}

static const char *search_steps[] = { "x", "xo", "xoc", "xoca", "xocal", "xocalı", "xocal", "xoca", "xoc", "xo", "x", "" };

/* One key as a visitor presses it: a letter added at the end, or the
 * last one deleted. (Setting the whole text would pass through an empty
 * one, a search of every exhibit more per step.) search-changed at once
 * instead of after the entry's delay.
 */
static void
type_step (gpointer data,
           guint    i)
{
  GtkEditable *entry = GTK_EDITABLE (data);
  const char *text = gtk_editable_get_text (entry);
  const char *next = search_steps[i % G_N_ELEMENTS (search_steps)];
  int length = (int) g_utf8_strlen (text, -1);
  int next_length = (int) g_utf8_strlen (next, -1);

  if (next_length > length && g_str_has_prefix (next, text))
    {
      int position = length;

      gtk_editable_insert_text (entry, next + strlen (text), -1, &position);
    }
  else if (next_length < length && g_str_has_prefix (text, next))
    gtk_editable_delete_text (entry, next_length, -1);
  else
    gtk_editable_set_text (entry, next);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, next);
  g_signal_emit_by_name (entry, "search-changed");
}

static void
kind_step (gpointer data,
           guint    i)
{
  GtkDropDown *dropdown = data;
  guint n = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));

  gtk_drop_down_set_selected (dropdown, (i + 1) % MAX (n, 1));
}

static const int widths[] = { 360, 640, 1024, 1600, 1920, 2560, 3840, 1280 };

static void
resize_step (gpointer data,
             guint    i)
{
  gtk_window_set_default_size (data, widths[i % G_N_ELEMENTS (widths)], 900);
}

/* Main-thread CPU of each of @n steps and the frame it causes, without
 * waiting between them: a scroll or a held key, frame after frame.
 */
static void
measure_frames (KmWindow  *window,
                ScaleStep  step,
                gpointer   data,
                guint      n,
                GArray    *total_ms)
{
  FrameProbe probe;

  frame_probe_attach (&probe, GTK_WIDGET (window));
  probe.cpu_durations = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < n; i++)
    {
      guint before = probe.cpu_durations->len;
      gint64 cpu0 = thread_cpu_us ();
      double handler;

      step (data, i);
      handler = (thread_cpu_us () - cpu0) / 1000.0;
      gtk_widget_queue_draw (GTK_WIDGET (window));
      wait_for_frame (&probe, NULL, NULL, 5000);
      if (probe.cpu_durations->len > before)
        append_sample (total_ms, handler + g_array_index (probe.cpu_durations, double, probe.cpu_durations->len - 1));
    }
  frame_probe_detach (&probe);
}

static void
scroll_step (gpointer data,
             guint    i)
{
  GtkAdjustment *adjustment = data;

  /* Down (or right) to the end, then back: a wheel's 50 px a frame. */
  if (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >=
      gtk_adjustment_get_upper (adjustment) - 1)
    g_object_set_data (data, "km-bench-back", GINT_TO_POINTER (1));
  else if (gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment))
    g_object_set_data (data, "km-bench-back", NULL);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                            (g_object_get_data (data, "km-bench-back") ? -50 : 50));
}

static void
key_step (gpointer data,
          guint    i)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (data);
  gboolean handled = FALSE;

  /* The overview's own key handler, as a key press reaches it. */
  for (guint k = 0; k < g_list_model_get_n_items (controllers); k++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, k);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
    }
}

static void
report_frames (const char *name,
               GArray     *samples)
{
  guint over = 0;

  for (guint i = 0; i < samples->len; i++)
    over += g_array_index (samples, double, i) > 16.0;
  report_samples (name, samples);
  {
    g_autofree char *key = g_strconcat (name, "_over_16ms", NULL);

    json_number (key, over);
    report_print ("%-34s %u of %u\n", key, over, samples->len);
  }
}

/* The timeline overview scrolled at the window's size: down its rows at the whole
 * timeline's width, then sideways zoomed in 4 ×; and the Right key held
 * from the first entry to the last.
 */
static void
measure_timeline_travel (KmWindow *window,
                         GArray   *scroll_frames,
                         GArray   *travel_steps,
                         guint    *travelled)
{
  GtkWidget *view = km_window_get_view (window, "timeline");
  GtkWidget *overview = km_test_find_widget (view, KM_TYPE_TIMELINE_OVERVIEW, NULL);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (overview, GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (scroller);
  GtkAdjustment *hadj = km_timeline_overview_get_hadjustment (KM_TIMELINE_OVERVIEW (overview));
  guint n = g_list_model_get_n_items (km_content_store_get_entries (
    km_timeline_overview_get_store (KM_TIMELINE_OVERVIEW (overview))));

  gtk_adjustment_set_value (vadj, 0);
  measure_frames (window, scroll_step, vadj, 100, scroll_frames);
  gtk_adjustment_set_value (vadj, 0);
  km_timeline_overview_set_zoom (KM_TIMELINE_OVERVIEW (overview), 4.0);
  km_test_wait_for_draw (GTK_WIDGET (window));
  measure_frames (window, scroll_step, hadj, 100, scroll_frames);
  km_timeline_overview_set_zoom (KM_TIMELINE_OVERVIEW (overview), 1.0);
  km_test_wait_for_draw (GTK_WIDGET (window));

  if (travel_steps != NULL && n > 0)
    {
      gtk_widget_grab_focus (overview);
      km_timeline_overview_set_selected (KM_TIMELINE_OVERVIEW (overview), 0);
      km_test_wait_for_draw (GTK_WIDGET (window));
      measure_frames (window, key_step, overview, n - 1, travel_steps);
      *travelled = km_timeline_overview_get_selected (KM_TIMELINE_OVERVIEW (overview));
      if (*travelled != n - 1)
        g_error ("keyboard travel stopped at entry %u of %u", *travelled + 1, n);
    }
}

static double
show_view_ms (KmWindow   *window,
              const char *name,
              double     *cpu_ms)
{
  FrameProbe probe;
  gint64 t0, cpu0, end;

  frame_probe_attach (&probe, GTK_WIDGET (window));
  km_test_iterate (50);
  t0 = g_get_monotonic_time ();
  cpu0 = thread_cpu_us ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", name);
  end = wait_for_frame (&probe, NULL, NULL, 10000);
  *cpu_ms = (thread_cpu_us () - cpu0) / 1000.0;
  frame_probe_detach (&probe);
  return end > 0 ? (end - t0) / 1000.0 : NAN;
}

static void
section_scale (const char *pack,
               int         runs,
               gboolean    timeline_only)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmContentStore *store = km_context_get_store (km_application_get_context (app));
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GArray) load_cold = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) load_warm = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) kind = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) kind_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) resize = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) resize_frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) resize_layout = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gallery_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) timeline_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) timeline_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) statistics_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) statistics_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) thumbs_scroll = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) thumbs_jump = g_array_new (FALSE, FALSE, sizeof (double));
  ScrollFrames scroll;
  g_autoptr(GArray) scroll_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scroll_frames_1920 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) travel_steps = g_array_new (FALSE, FALSE, sizeof (double));
  guint travelled = 0;

  if (pack == NULL)
    g_error ("the scale section needs --pack DIR (tests/gen-content-pack.py)");
  scroll_frames_init (&scroll);
  dir = g_file_new_for_commandline_arg (pack);

  /* The first load checks everything and records it; the others do not
   * decode the images again.
   */
  for (int run = 0; run < runs + 1; run++)
    {
      g_autoptr(GPtrArray) errors = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0 = g_get_monotonic_time ();

      if (!km_content_store_load (store, dir, &errors, &error))
        g_error ("%s: %s", pack, error->message);
      append_sample (run == 0 ? load_cold : load_warm, ms_since (t0));
    }
  report_samples ("scale_load_first", load_cold);
  report_samples ("scale_load_checked", load_warm);
  /* What the loads alone reached, and hold, before any window. */
  json_number ("scale_peak_rss_loads_mb", read_status_kb ("VmHWM") / 1024.0);
  json_number ("scale_rss_after_loads_mb", read_status_kb ("VmRSS") / 1024.0);
  report_print ("%-34s %.1f MB peak, %.1f MB now\n", "scale_rss_loads",
                read_status_kb ("VmHWM") / 1024.0, read_status_kb ("VmRSS") / 1024.0);
  json_number ("scale_exhibits", g_list_model_get_n_items (km_content_store_get_exhibits (store)));
  json_number ("scale_entries", g_list_model_get_n_items (km_content_store_get_entries (store)));

  for (int run = 0; run < runs; run++)
    {
      KmWindow *window;
      GtkWidget *gallery, *entry;
      GtkDropDown *dropdown;
      FrameProbe probe;
      gint64 t0;
      double cpu;

      /* In Azerbaijani, typing "xocalı": folded, it matches "Xocalı". */
      km_application_set_language (app, "az");
      km_thumbnail_loader_clear (km_thumbnail_loader_get_default ());
      t0 = g_get_monotonic_time ();
      window = km_test_window_new (app);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
      gtk_widget_realize (GTK_WIDGET (window));
      frame_probe_attach (&probe, GTK_WIDGET (window));
      gtk_window_present (GTK_WINDOW (window));
      wait_for_frame (&probe, NULL, NULL, 10000);
      append_sample (gallery_ms, ms_since (t0));
      frame_probe_detach (&probe);

      if (!timeline_only)
        {
          gallery = km_window_get_view (window, "gallery");
          if (!km_test_wait_until (model_has_items, km_gallery_view_get_model (KM_GALLERY_VIEW (gallery)), 10000))
            g_error ("the gallery shows nothing");
          entry = km_test_find_widget (gallery, GTK_TYPE_SEARCH_ENTRY, NULL);
          measure_steps (window, type_step, entry, G_N_ELEMENTS (search_steps), search, search_frame, NULL);
          dropdown = GTK_DROP_DOWN (km_test_find_widget (gallery, GTK_TYPE_DROP_DOWN, NULL));
          measure_steps (window, kind_step, dropdown, 6, kind, kind_frame, NULL);
          gtk_drop_down_set_selected (dropdown, 0);
        }

      /* Scrolling the grid: 240 frames of 200 px down (about 1,000
       * exhibits at 1280 px), every frame; then how long after it stops
       * the visible screen has its thumbnails; then the same after a
       * jump to the middle, as a drag of the scroll bar makes.
       */
      if (!timeline_only)
      {
        GtkWidget *grid = GTK_WIDGET (get_grid_view (window));
        GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
          GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (grid, GTK_TYPE_SCROLLED_WINDOW)));
        gint64 stop, ready;

        km_test_iterate (50);
        gtk_adjustment_set_value (adjustment, 0);
        frame_probe_attach (&probe, GTK_WIDGET (window));
        wait_for_frame (&probe, first_screen_has_thumbnails, window, 10000);
        scroll_frames_measure_n (&scroll, &probe, GTK_WIDGET (window), grid, 200, 240);
        stop = g_get_monotonic_time ();
        ready = wait_for_frame (&probe, first_screen_has_thumbnails, window, 10000);
        append_sample (thumbs_scroll, ready > 0 ? (ready - stop) / 1000.0 : NAN);

        stop = g_get_monotonic_time ();
        gtk_adjustment_set_value (adjustment, (gtk_adjustment_get_upper (adjustment) -
                                               gtk_adjustment_get_page_size (adjustment)) / 2);
        ready = wait_for_frame (&probe, first_screen_has_thumbnails, window, 10000);
        append_sample (thumbs_jump, ready > 0 ? (ready - stop) / 1000.0 : NAN);
        frame_probe_detach (&probe);
        gtk_adjustment_set_value (adjustment, 0);
      }

      append_sample (timeline_ms, show_view_ms (window, "timeline", &cpu));
      append_sample (timeline_cpu, cpu);
      measure_steps (window, resize_step, window, G_N_ELEMENTS (widths), resize, resize_frame, resize_layout);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
      km_test_wait_for_draw (GTK_WIDGET (window));
      /* Every entry once, in the first run only: 2,000 frames. */
      measure_timeline_travel (window, scroll_frames, run == 0 ? travel_steps : NULL, &travelled);
      /* The measurement is at 1920×1080 (#19): each frame
       * repaints and presents half as many pixels again as at 1280. */
      gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
      km_test_wait_for_draw (GTK_WIDGET (window));
      measure_timeline_travel (window, scroll_frames_1920, NULL, &travelled);
      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
      km_test_wait_for_draw (GTK_WIDGET (window));
      if (!timeline_only)
        {
          append_sample (statistics_ms, show_view_ms (window, "statistics", &cpu));
          append_sample (statistics_cpu, cpu);
        }

      destroy_window (window);
      km_application_set_language (app, "en");
    }

  report_samples ("scale_gallery_first_frame", gallery_ms);
  report_samples ("scale_search_keystroke_cpu", search);
  report_samples ("scale_search_keystroke_with_frame_cpu", search_frame);
  report_samples ("scale_kind_filter_cpu", kind);
  report_samples ("scale_kind_filter_with_frame_cpu", kind_frame);
  scroll_frames_report (&scroll, "scale_gallery_scroll", 200);
  report_samples ("scale_gallery_thumbnails_after_scroll", thumbs_scroll);
  report_samples ("scale_gallery_thumbnails_after_jump", thumbs_jump);
  scroll_frames_clear (&scroll);
  report_samples ("scale_timeline_first_frame", timeline_ms);
  report_samples ("scale_timeline_first_frame_cpu", timeline_cpu);
  report_samples ("scale_timeline_resize_cpu", resize);
  report_samples ("scale_timeline_resize_with_frame_cpu", resize_frame);
  report_samples ("scale_timeline_resize_layout_phase_cpu", resize_layout);
  report_frames ("scale_timeline_scroll_frame_cpu", scroll_frames);
  report_frames ("scale_timeline_scroll_1920_frame_cpu", scroll_frames_1920);
  report_frames ("scale_timeline_key_step_cpu", travel_steps);
  json_number ("scale_timeline_key_travel_last", travelled + 1);
  report_samples ("scale_statistics_first_frame", statistics_ms);
  report_samples ("scale_statistics_first_frame_cpu", statistics_cpu);
  json_number ("scale_peak_rss_mb", read_status_kb ("VmHWM") / 1024.0);
  report_print ("%-34s %.1f MB\n", "scale_peak_rss", read_status_kb ("VmHWM") / 1024.0);
}

/* A visitor's session with a large pack (#19: "peak memory with 10,000
 * exhibits under 150 MB"), in one application as the program runs it:
 * started with --content=PACK (the pack loads once, as at start-up),
 * one 1920×1080 window; the whole gallery grid scrolled a screen at a
 * time, each screen waiting for its thumbnails; a search typed and a
 * kind filter; exhibits opened and zoomed; the timeline and its entries;
 * the statistics; two language switches. The figure is the process's
 * peak resident memory (VmHWM) at the end: the visit is all that ran.
 */
static gboolean
store_loaded (gpointer user_data)
{
  KmContentStore *store = user_data;

  return !km_content_store_get_loading (store) &&
         g_list_model_get_n_items (km_content_store_get_exhibits (store)) > 100;
}

static void
visit_step (KmWindow   *window,
            const char *what)
{
  km_test_wait_for_draw (GTK_WIDGET (window));
  if (g_getenv ("KM_BENCH_VISIT_VERBOSE"))
    report_print ("  %-30s VmRSS %.1f MB, VmHWM %.1f MB, thumbnails %u, %.1f MB, malloc heap in use %.1f MB\n", what,
                  read_status_kb ("VmRSS") / 1024.0, read_status_kb ("VmHWM") / 1024.0,
                  km_thumbnail_loader_get_n_cached (km_thumbnail_loader_get_default ()),
                  km_thumbnail_loader_get_cached_bytes (km_thumbnail_loader_get_default ()) / 1048576.0,
                  mallinfo2 ().uordblks / 1048576.0);
}

static void
section_visit (const char *pack)
{
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  g_autoptr(KmApplication) app = NULL;
  KmContentStore *store;
  GListModel *exhibits, *entries;
  KmWindow *window;
  GtkWidget *gallery, *entry, *grid;
  GtkDropDown *dropdown;
  GtkAdjustment *adjustment;
  guint screens = 0, waited_out = 0;
  gint64 t0 = g_get_monotonic_time ();
  double cpu0 = cpu_seconds ();

  if (pack == NULL)
    g_error ("the visit section needs --pack DIR (tests/gen-content-pack.py)");
  g_variant_dict_insert_value (options, "content", g_variant_new_bytestring (pack));
  app = km_test_application_new_with_options (options);
  store = km_context_get_store (km_application_get_context (app));
  g_settings_set_int (km_context_get_settings (km_application_get_context (app)), "window-width", 1920);
  g_settings_set_int (km_context_get_settings (km_application_get_context (app)), "window-height", 1080);
  g_application_activate (G_APPLICATION (app));
  window = KM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  km_test_wait_for_draw (GTK_WIDGET (window));
  if (!km_test_wait_until (store_loaded, store, 60000))
    g_error ("%s did not load", pack);
  exhibits = km_content_store_get_exhibits (store);
  entries = km_content_store_get_entries (store);
  json_number ("visit_exhibits", g_list_model_get_n_items (exhibits));
  visit_step (window, "started, pack loaded");

  /* The whole grid, a screen at a time, each with its thumbnails. */
  gallery = km_window_get_view (window, "gallery");
  grid = GTK_WIDGET (get_grid_view (window));
  adjustment = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (grid, GTK_TYPE_SCROLLED_WINDOW)));
  for (double value = 0;; value += gtk_adjustment_get_page_size (adjustment))
    {
      value = MIN (value, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
      gtk_adjustment_set_value (adjustment, value);
      if (!km_test_wait_until (first_screen_has_thumbnails, window, 5000))
        waited_out++;
      screens++;
      if (value + gtk_adjustment_get_page_size (adjustment) >= gtk_adjustment_get_upper (adjustment))
        break;
    }
  json_number ("visit_gallery_screens", screens);
  json_number ("visit_gallery_screens_without_thumbnails", waited_out);
  visit_step (window, "gallery scrolled to the end");
  gtk_adjustment_set_value (adjustment, 0);

  /* A search, typed, and every kind. */
  entry = km_test_find_widget (gallery, GTK_TYPE_SEARCH_ENTRY, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (search_steps); i++)
    {
      type_step (entry, i);
      km_test_wait_for_draw (GTK_WIDGET (window));
    }
  dropdown = GTK_DROP_DOWN (km_test_find_widget (gallery, GTK_TYPE_DROP_DOWN, NULL));
  for (guint i = 0; i < 6; i++)
    {
      kind_step (dropdown, i);
      km_test_wait_for_draw (GTK_WIDGET (window));
    }
  gtk_drop_down_set_selected (dropdown, 0);
  visit_step (window, "searched and filtered");

  /* Exhibits opened, and zoomed. */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(KmExhibit) exhibit = g_list_model_get_item (exhibits, i * 499 % g_list_model_get_n_items (exhibits));
      GtkWidget *image;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exhibit", "s", km_exhibit_get_id (exhibit));
      gallery = km_window_get_view (window, "gallery");
      image = km_test_find_widget (gallery, KM_TYPE_IMAGE_VIEW, NULL);
      km_test_wait_until (image_loaded, image, 5000);
      km_image_view_zoom_in (KM_IMAGE_VIEW (image));
      km_test_wait_for_draw (GTK_WIDGET (window));
    }
  visit_step (window, "20 exhibits opened");

  /* The timeline: its view, and entries across the years. */
  km_window_show_view (window, "timeline");
  for (guint i = 0; i < 20 && g_list_model_get_n_items (entries) > 0; i++)
    {
      g_autoptr(KmTimelineEntry) item = g_list_model_get_item (entries, i * 97 % g_list_model_get_n_items (entries));

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-entry", "s", km_timeline_entry_get_id (item));
      km_test_wait_for_draw (GTK_WIDGET (window));
    }
  visit_step (window, "timeline");

  km_window_show_view (window, "statistics");
  visit_step (window, "statistics");

  /* Another language, every view again in it, and back. */
  for (guint l = 0; l < 2; l++)
    {
      km_application_set_language (app, l == 0 ? "az" : "en");
      for (guint v = 0; km_window_view_names[v] != NULL; v++)
        {
          km_window_show_view (window, km_window_view_names[v]);
          km_test_wait_for_draw (GTK_WIDGET (window));
        }
      visit_step (window, l == 0 ? "in Azerbaijani" : "in English again");
    }

  dump_memory_state (0);
  json_number ("visit_peak_rss_mb", read_status_kb ("VmHWM") / 1024.0);
  json_number ("visit_rss_end_mb", read_status_kb ("VmRSS") / 1024.0);
  json_number ("visit_thumbnail_cache_mb",
               km_thumbnail_loader_get_cached_bytes (km_thumbnail_loader_get_default ()) / 1048576.0);
  json_number ("visit_seconds", ms_since (t0) / 1000.0);
  json_number ("visit_cpu_seconds", cpu_seconds () - cpu0);
  report_print ("%-34s %.1f MB (VmHWM; %.1f MB at the end, thumbnails %.1f MB; %u screens, %u without thumbnails in 5 s; %.0f s, %.0f s CPU)\n",
                "visit_peak_rss", read_status_kb ("VmHWM") / 1024.0, read_status_kb ("VmRSS") / 1024.0,
                km_thumbnail_loader_get_cached_bytes (km_thumbnail_loader_get_default ()) / 1048576.0,
                screens, waited_out, ms_since (t0) / 1000.0, cpu_seconds () - cpu0);
  destroy_window (window);
}

/* PDF documents: opening one to its first page drawn sharp, and a zoom
 * step to the page drawn again at the new scale (not the scaled stand-in
 * drawn meanwhile), in a 1920×1080 window. Two generated 12-page PDFs
 * take turns, so every open reads its file. */
#define DOCUMENT_PAGES 12

static gboolean
document_ready (gpointer user_data)
{
  return km_document_view_get_loaded (user_data) && km_document_view_get_rendered_scale (user_data) > 0;
}

typedef struct
{
  KmDocumentView *view;
  double          scale;
} RenderedScale;

static gboolean
document_rendered_at (gpointer user_data)
{
  RenderedScale *wanted = user_data;
  double scale = km_document_view_get_rendered_scale (wanted->view);

  return fabs (scale - wanted->scale) <= wanted->scale * 0.01;
}

static void
section_document (int runs)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmContentStore *store = km_context_get_store (km_application_get_context (app));
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) zoom_in = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) zoom_out = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) extra = g_string_new (NULL);
  g_autofree char *dir = NULL;
  g_autoptr(GFile) file = NULL;
  KmGalleryView *gallery;
  KmWindow *window;
  FrameProbe probe;

  for (int i = 0; i < 2; i++)
    g_string_append_printf (extra,
                            "  <exhibit id=\"pages-%d\" kind=\"document\" media=\"media/pages-%d.pdf\" sources=\"s-rally\">\n"
                            "    <title>Benchmark document</title>\n"
                            "    <caption>Generated pages.</caption>\n"
                            "    <description>Not a real document.</description>\n"
                            "    <alt>Numbered pages.</alt>\n"
                            "    <credit>Generated by the benchmark</credit>\n"
                            "    <rights>CC0</rights>\n"
                            "    <transcription>Numbered pages.</transcription>\n"
                            "  </exhibit>\n", i, i);
  dir = make_pack_with ("km-bench-document", extra->str);
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("media/pages-%d.pdf", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      km_test_media_write (dir, name, "", 0);
      km_test_media_make_pdf (path, DOCUMENT_PAGES);
    }
  file = g_file_new_for_path (dir);
  if (!km_content_store_load (store, file, NULL, &error))
    g_error ("the benchmark's document pack does not load: %s", error->message);

  window = km_test_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
  frame_probe_attach (&probe, GTK_WIDGET (window));
  gallery = KM_GALLERY_VIEW (km_window_get_view (window, "gallery"));
  json_string ("document_subject", "KmDocumentView, 12-page A5 PDF (cairo), window 1920x1080");

  /* One more than the runs: the first open also builds the viewer. */
  for (int run = 0; run <= runs; run++)
    {
      g_autofree char *id = g_strdup_printf ("pages-%d", run % 2);
      KmExhibitViewer *viewer;
      KmDocumentView *view;
      RenderedScale wanted;
      double fit_scale;
      gint64 t0, t1;

      km_gallery_view_close_viewer (gallery);
      km_test_wait_for_draw (GTK_WIDGET (window));

      t0 = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exhibit", "s", id);
      viewer = KM_EXHIBIT_VIEWER (km_test_find_widget (GTK_WIDGET (gallery), KM_TYPE_EXHIBIT_VIEWER, NULL));
      view = KM_DOCUMENT_VIEW (km_test_find_widget (GTK_WIDGET (viewer), KM_TYPE_DOCUMENT_VIEW, NULL));
      t1 = wait_for_frame (&probe, document_ready, view, 10000);
      if (run > 0)
        append_sample (open, t1 > 0 ? (t1 - t0) / 1000.0 : NAN);
      fit_scale = km_document_view_get_rendered_scale (view);

      /* Three steps in, each to its sharp frame, then three out (renders
       * kept from the way in). */
      wanted.view = view;
      for (int step = 0; step < 6; step++)
        {
          t0 = g_get_monotonic_time ();
          gtk_widget_activate_action (GTK_WIDGET (viewer), step < 3 ? "viewer.zoom-in" : "viewer.zoom-out", NULL);
          wanted.scale = fit_scale * km_document_view_get_zoom (view);
          t1 = wait_for_frame (&probe, document_rendered_at, &wanted, 10000);
          append_sample (step < 3 ? zoom_in : zoom_out, t1 > 0 ? (t1 - t0) / 1000.0 : NAN);
        }
    }

  report_samples ("document_open_first_page", open);
  report_samples ("document_zoom_in_step", zoom_in);
  report_samples ("document_zoom_out_step", zoom_out);
  frame_probe_detach (&probe);
  destroy_window (window);
  km_test_media_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *section = NULL;
  g_autofree char *pack = NULL;
  g_autofree char *json_path = NULL;
  int runs = 5, cycles = 10000, opens = 1000;
  double seconds = 20, step = 200;
  GOptionEntry entries[] = {
    { "section", 's', 0, G_OPTION_ARG_STRING, &section, "phases, language, gallery, viewer, preview, memory, idle, media, document, scale, timeline (the scale section's timeline part) or visit", "NAME" },
    { "pack", 'p', 0, G_OPTION_ARG_FILENAME, &pack, "A generated content pack (gallery, scale, visit, memory); a copy of the bundled one (preview)", "DIR" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs (at least 5; language: switches per view, at least 20)", "N" },
    { "cycles", 'c', 0, G_OPTION_ARG_INT, &cycles, "Kiosk cycles (memory)", "N" },
    { "seconds", 0, 0, G_OPTION_ARG_DOUBLE, &seconds, "Seconds per idle measurement; of the clip played (media; 0: none)", "S" },
    { "opens", 0, 0, G_OPTION_ARG_INT, &opens, "Video exhibits opened and closed in the viewer (media; 0: none)", "N" },
    { "step", 0, 0, G_OPTION_ARG_DOUBLE, &step, "Pixels scrolled per frame (gallery)", "PX" },
    { "json", 'j', 0, G_OPTION_ARG_FILENAME, &json_path, "Write the results here", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- measure Khojaly Memorial in process");
  g_autoptr(GError) error = NULL;

  process_start_us = g_get_monotonic_time ();
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_ignore_unknown_options (context, TRUE);
  /* As src/main.c does (#19); before the sections start threads. */
  mallopt (M_ARENA_MAX, 2);
  if (!g_option_context_parse (context, &argc, &argv, &error) || section == NULL)
    {
      g_printerr ("km-bench-app: %s\n", error ? error->message : "no --section given");
      return 2;
    }

  /* Not gtk_test_init(): the figures are for the application as it runs. */
  km_i18n_init ();
  km_display_prepare ();
  gtk_init ();
  runs = MAX (runs, 5);
  if (g_getenv ("KM_BENCH_PHASES") != NULL)
    phases_threshold_ms = g_ascii_strtod (g_getenv ("KM_BENCH_PHASES"), NULL);
  json = g_string_new ("{");
  json_string ("renderer", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");

  if (g_str_equal (section, "phases"))
    section_phases (runs);
  else if (g_str_equal (section, "language"))
    section_language (runs);
  else if (g_str_equal (section, "gallery"))
    section_gallery (pack, runs, step);
  else if (g_str_equal (section, "viewer"))
    section_viewer (runs);
  else if (g_str_equal (section, "preview"))
    section_preview (pack, runs);
  else if (g_str_equal (section, "memory"))
    /* The report compares 1,000 cycles with the end; KM_BENCH_ANY_CYCLES
     * allows short runs, e.g. under heaptrack with 100 and 300 cycles to
     * see which allocations grow with the cycles. */
    section_memory (pack, g_getenv ("KM_BENCH_ANY_CYCLES") != NULL || pack != NULL ? cycles : MAX (cycles, 1000));
  else if (g_str_equal (section, "idle"))
    section_idle (seconds);
  else if (g_str_equal (section, "scale"))
    section_scale (pack, runs, FALSE);
  else if (g_str_equal (section, "visit"))
    section_visit (pack);
  else if (g_str_equal (section, "timeline"))
    section_scale (pack, runs, TRUE);
  else if (g_str_equal (section, "media"))
    section_media (runs, seconds, (guint) MAX (opens, 0));
  else if (g_str_equal (section, "document"))
    section_document (runs);
  else
    {
      g_printerr ("km-bench-app: unknown section %s\n", section);
      return 2;
    }

  g_string_append (json, "}\n");
  if (json_path != NULL && !g_file_set_contents (json_path, json->str, -1, &error))
    g_error ("%s", error->message);
  g_string_free (json, TRUE);

  return 0;
}
