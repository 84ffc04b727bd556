/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up time measured from outside, the same way for every program:
 * from fork() to the first frame whose pixels reach the X server, seen by
 * polling a patch of the root window that every measured window covers.
 *
 * One second after that frame it also reads the program's peak resident
 * memory (VmHWM), the floor each toolkit set-up starts from. At the frame
 * it reads the CPU time the program's main thread and its threads have
 * used (schedstat): on a loaded machine, steadier than the wall time.
 *
 *   km-bench-startup --runs 5 [--warm-up] --json out.json NAME=COMMAND [NAME=COMMAND…]
 *
 * --warm-up starts each program once, unmeasured, before the runs: what
 * a first start leaves behind (a record of a checked pack, #19) is then
 * there for every measured run.
 */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <glib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define PATCH_X 300
#define PATCH_Y 300
#define PATCH_SIZE 32

static gboolean
patch_painted (Display *display)
{
  XImage *image = XGetImage (display, DefaultRootWindow (display), PATCH_X, PATCH_Y,
                             PATCH_SIZE, PATCH_SIZE, AllPlanes, ZPixmap);
  guint painted = 0;

  if (image == NULL)
    return FALSE;
  for (int y = 0; y < PATCH_SIZE; y++)
    for (int x = 0; x < PATCH_SIZE; x++)
      if ((XGetPixel (image, x, y) & 0xffffff) != 0)
        painted++;
  XDestroyImage (image);

  /* Most of the patch: the window's background has been drawn. */
  return painted > PATCH_SIZE * PATCH_SIZE * 3 / 4;
}

static void
wait_for_black (Display *display)
{
  for (int i = 0; i < 500 && patch_painted (display); i++)
    g_usleep (10000);
}

/* Peak resident memory of @pid in MB, or NAN. Commands run through
 * env(1) or a shell wrapper exec the program, so the pid is the program's.
 */
static double
peak_rss_mb (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      (line = strstr (contents, "VmHWM:")) == NULL)
    return NAN;
  return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
}

/* Nanoseconds a task ran (its schedstat's first field), or -1. */
static gint64
task_run_ns (const char *schedstat_path)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (schedstat_path, &contents, NULL, NULL))
    return -1;
  return g_ascii_strtoll (contents, NULL, 10);
}

/* The CPU time the main thread of @pid, and all its threads alive, have
 * used so far, in ms: on a loaded machine a steadier figure than the wall
 * time to the first frame.
 */
static void
cpu_ms (pid_t   pid,
        double *main_ms,
        double *process_ms)
{
  g_autofree char *task_dir = g_strdup_printf ("/proc/%d/task", (int) pid);
  g_autofree char *main_path = g_strdup_printf ("/proc/%d/task/%d/schedstat", (int) pid, (int) pid);
  g_autoptr(GDir) dir = g_dir_open (task_dir, 0, NULL);
  gint64 main_ns = task_run_ns (main_path), total_ns = 0;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (task_dir, name, "schedstat", NULL);
      gint64 ns = task_run_ns (path);

      if (ns > 0)
        total_ns += ns;
    }
  *main_ms = main_ns < 0 ? NAN : main_ns / 1e6;
  *process_ms = total_ns <= 0 ? NAN : total_ns / 1e6;
}

/* Returns milliseconds to the first painted frame, or -1 on a timeout. */
static double
measure_once (Display    *display,
              char      **argv,
              double     *rss_mb,
              double     *main_cpu_ms,
              double     *process_cpu_ms)
{
  gint64 start, end = -1;
  pid_t pid;
  int status;

  wait_for_black (display);
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid == 0)
    {
      execvp (argv[0], argv);
      _exit (127);
    }

  while (g_get_monotonic_time () - start < 30 * G_USEC_PER_SEC)
    {
      if (patch_painted (display))
        {
          end = g_get_monotonic_time ();
          cpu_ms (pid, main_cpu_ms, process_cpu_ms);
          break;
        }
      if (waitpid (pid, &status, WNOHANG) == pid)
        break;
      g_usleep (1000);
    }

  *rss_mb = NAN;
  if (end < 0)
    *main_cpu_ms = *process_cpu_ms = NAN;
  if (end >= 0)
    {
      g_usleep (G_USEC_PER_SEC);
      *rss_mb = peak_rss_mb (pid);
    }

  kill (pid, SIGTERM);
  g_usleep (200000);
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);

  return end < 0 ? -1 : (end - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  int runs = 5;
  gboolean warm_up = FALSE;
  g_autofree char *json_path = NULL;
  g_auto(GStrv) programs = NULL;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs per program (at least 5)", "N" },
    { "warm-up", 'w', 0, G_OPTION_ARG_NONE, &warm_up, "Start each program once before measuring", NULL },
    { "json", 'j', 0, G_OPTION_ARG_FILENAME, &json_path, "Write the results here", "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &programs, NULL, "NAME=COMMAND…" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("NAME=COMMAND…");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new ("{");
  g_autoptr(GArray) medians = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *samples = NULL;
  g_autofree double *rss = NULL;
  g_autofree double *main_cpu = NULL;
  g_autofree double *process_cpu = NULL;
  Display *display;
  guint n_programs;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || programs == NULL)
    {
      g_printerr ("km-bench-startup: %s\n", error ? error->message : "no program given");
      return 2;
    }
  runs = MAX (runs, 5);

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      g_printerr ("km-bench-startup: no X display (run it under xvfb-run)\n");
      return 2;
    }

  n_programs = g_strv_length (programs);
  samples = g_new0 (double, n_programs * runs);
  rss = g_new0 (double, n_programs * runs);
  main_cpu = g_new0 (double, n_programs * runs);
  process_cpu = g_new0 (double, n_programs * runs);

  for (guint p = 0; warm_up && p < n_programs; p++)
    {
      g_auto(GStrv) command_argv = NULL;
      double unused, unused_main, unused_process;

      if (!g_shell_parse_argv (strchr (programs[p], '=') + 1, NULL, &command_argv, &error))
        g_error ("%s", error->message);
      measure_once (display, command_argv, &unused, &unused_main, &unused_process);
    }

  /* Interleave the programs so a noisy moment hits all of them alike. */
  for (int run = 0; run < runs; run++)
    for (guint p = 0; p < n_programs; p++)
      {
        const char *command = strchr (programs[p], '=') + 1;
        g_auto(GStrv) command_argv = NULL;

        if (!g_shell_parse_argv (command, NULL, &command_argv, &error))
          g_error ("%s", error->message);
        samples[p * runs + run] = measure_once (display, command_argv, &rss[p * runs + run],
                                                &main_cpu[p * runs + run], &process_cpu[p * runs + run]);
      }

  for (guint p = 0; p < n_programs; p++)
    {
      g_autofree char *name = g_strndup (programs[p], strchr (programs[p], '=') - programs[p]);
      double *s = samples + p * runs;
      double *m = rss + p * runs;
      double *mc = main_cpu + p * runs;
      double *pc = process_cpu + p * runs;
      double median, rss_median, main_median, process_median;

      qsort (s, runs, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
      qsort (m, runs, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
      qsort (mc, runs, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
      qsort (pc, runs, sizeof (double), (int (*) (const void *, const void *)) compare_doubles);
      median = runs % 2 ? s[runs / 2] : (s[runs / 2 - 1] + s[runs / 2]) / 2;
      rss_median = runs % 2 ? m[runs / 2] : (m[runs / 2 - 1] + m[runs / 2]) / 2;
      main_median = runs % 2 ? mc[runs / 2] : (mc[runs / 2 - 1] + mc[runs / 2]) / 2;
      process_median = runs % 2 ? pc[runs / 2] : (pc[runs / 2 - 1] + pc[runs / 2]) / 2;
      g_array_append_val (medians, median);
      g_print ("%-22s median %7.1f ms   min %7.1f   max %7.1f   (%d runs)   peak RSS %.1f MB   "
               "CPU to the frame: main thread %.1f ms, process %.1f ms\n",
               name, median, s[0], s[runs - 1], runs, rss_median, main_median, process_median);
      g_string_append_printf (json, "%s\"%s\": {\"median_ms\": %.1f, \"min_ms\": %.1f, \"max_ms\": %.1f, \"runs\": %d",
                              p ? ", " : "", name, median, s[0], s[runs - 1], runs);
      if (!isnan (rss_median))
        g_string_append_printf (json, ", \"peak_rss_mb\": %.1f", rss_median);
      /* NaN sorts anywhere: only a median of whole runs is written. */
      if (!isnan (main_median) && !isnan (process_median))
        g_string_append_printf (json, ", \"main_cpu_ms\": %.1f, \"process_cpu_ms\": %.1f",
                                main_median, process_median);
      g_string_append (json, "}");
    }
  g_string_append (json, "}\n");

  if (json_path != NULL && !g_file_set_contents (json_path, json->str, -1, &error))
    g_error ("%s", error->message);

  XCloseDisplay (display);
  return 0;
}
