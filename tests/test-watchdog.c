/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The systemd watchdog (km-watchdog.c) against a fake NOTIFY_SOCKET: a
 * datagram socket this test binds, as systemd would. A thread reads it and
 * stamps every message, so the test can tell when pings came.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "km-watchdog.h"

typedef struct
{
  gint64  time_us;       /* monotonic */
  char   *text;
} Message;

typedef struct
{
  char      *dir;
  char      *path;
  int        fd;
  GThread   *thread;
  gboolean   stop;
  GMutex     lock;
  GPtrArray *messages;   /* of Message */
} FakeSystemd;

static void
message_free (gpointer data)
{
  Message *m = data;

  g_free (m->text);
  g_free (m);
}

static gpointer
reader_thread (gpointer data)
{
  FakeSystemd *fake = data;

  while (!g_atomic_int_get (&fake->stop))
    {
      char buf[4096];
      ssize_t n = recv (fake->fd, buf, sizeof buf - 1, 0);
      Message *m;

      if (n < 0)
        continue;     /* the receive timeout: look at stop again */
      buf[n] = '\0';
      m = g_new0 (Message, 1);
      m->time_us = g_get_monotonic_time ();
      m->text = g_strdup (buf);
      g_mutex_lock (&fake->lock);
      g_ptr_array_add (fake->messages, m);
      g_mutex_unlock (&fake->lock);
    }
  return NULL;
}

static FakeSystemd *
fake_systemd_new (void)
{
  FakeSystemd *fake = g_new0 (FakeSystemd, 1);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  struct timeval timeout = { .tv_sec = 0, .tv_usec = 50000 };
  g_autoptr(GError) error = NULL;

  fake->dir = g_dir_make_tmp ("km-watchdog-XXXXXX", &error);
  g_assert_no_error (error);
  fake->path = g_build_filename (fake->dir, "notify", NULL);
  g_assert_cmpuint (strlen (fake->path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, fake->path);

  fake->fd = socket (AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (fake->fd, >=, 0);
  g_assert_cmpint (bind (fake->fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (setsockopt (fake->fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout), ==, 0);

  g_mutex_init (&fake->lock);
  fake->messages = g_ptr_array_new_with_free_func (message_free);
  fake->thread = g_thread_new ("fake-systemd", reader_thread, fake);
  return fake;
}

static void
fake_systemd_free (FakeSystemd *fake)
{
  g_atomic_int_set (&fake->stop, TRUE);
  g_thread_join (fake->thread);
  close (fake->fd);
  g_unlink (fake->path);
  g_rmdir (fake->dir);
  g_ptr_array_unref (fake->messages);
  g_mutex_clear (&fake->lock);
  g_free (fake->path);
  g_free (fake->dir);
  g_free (fake);
}

/* Messages containing @line as one of their lines, received in [from, to). */
static guint
count_lines (FakeSystemd *fake,
             const char  *line,
             gint64       from,
             gint64       to)
{
  guint n = 0;

  g_mutex_lock (&fake->lock);
  for (guint i = 0; i < fake->messages->len; i++)
    {
      Message *m = g_ptr_array_index (fake->messages, i);
      g_auto(GStrv) lines = g_strsplit (m->text, "\n", -1);

      if (m->time_us >= from && m->time_us < to && g_strv_contains ((const char * const *) lines, line))
        n++;
    }
  g_mutex_unlock (&fake->lock);
  return n;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
run_main_loop (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, quit_cb, loop);
  g_main_loop_run (loop);
}

static char *
status_cb (gpointer data)
{
  return g_strdup (*(const char **) data);
}

static void
test_no_watchdog (void)
{
  g_autoptr(KmWatchdog) watchdog = NULL;

  g_unsetenv ("NOTIFY_SOCKET");
  g_unsetenv ("WATCHDOG_USEC");
  watchdog = km_watchdog_new ();
  g_assert_cmpuint (km_watchdog_get_interval_ms (watchdog), ==, 0);
  /* Outside systemd these send nothing, and say so without an error. */
  km_watchdog_start (watchdog);
  km_watchdog_ready (watchdog);
  g_assert_true (km_watchdog_is_ready (watchdog));
}

static void
test_pings_stop_when_blocked (void)
{
  FakeSystemd *fake = fake_systemd_new ();
  g_autoptr(KmWatchdog) watchdog = NULL;
  const char *status = "Content version 3; no error";
  gint64 start, block_start, block_end, end;

  g_setenv ("NOTIFY_SOCKET", fake->path, TRUE);
  g_setenv ("WATCHDOG_USEC", "400000", TRUE);
  g_unsetenv ("WATCHDOG_PID");

  watchdog = km_watchdog_new ();
  g_assert_cmpuint (km_watchdog_get_interval_ms (watchdog), ==, 200);
  km_watchdog_set_status_func (watchdog, status_cb, &status, NULL);

  start = g_get_monotonic_time ();
  km_watchdog_start (watchdog);
  km_watchdog_ready (watchdog);
  run_main_loop (1200);

  /* The main loop blocked: no ping may come while it is. */
  block_start = g_get_monotonic_time ();
  g_usleep (1500 * 1000);
  block_end = g_get_monotonic_time ();

  status = "Content version 4; last error: example.org: connection refused";
  run_main_loop (1000);
  g_usleep (200 * 1000);     /* for the reader to take the last datagram */
  end = g_get_monotonic_time ();

  g_assert_cmpuint (count_lines (fake, "READY=1", start, end), ==, 1);
  g_assert_cmpuint (count_lines (fake, "STATUS=Content version 3; no error", start, block_start), ==, 1);
  /* Every 200 ms for 1.2 s: 6, fewer on a loaded machine. */
  g_assert_cmpuint (count_lines (fake, "WATCHDOG=1", start, block_start), >=, 3);
  /* The datagram of a ping just before the block may land a little later. */
  g_assert_cmpuint (count_lines (fake, "WATCHDOG=1", block_start + 100 * 1000, block_end), ==, 0);
  g_assert_cmpuint (count_lines (fake, "WATCHDOG=1", block_end, end), >=, 2);
  /* A changed status goes out once, with a ping. */
  g_assert_cmpuint (count_lines (fake, "STATUS=Content version 4; last error: example.org: connection refused",
                                 block_end, end), ==, 1);
  g_assert_cmpuint (count_lines (fake, "STATUS=Content version 3; no error", block_end, end), ==, 0);

  g_clear_object (&watchdog);
  g_unsetenv ("NOTIFY_SOCKET");
  g_unsetenv ("WATCHDOG_USEC");
  fake_systemd_free (fake);
}

/* The application itself: READY=1 after its first frame, then pings. */
static void
test_application (void)
{
  FakeSystemd *fake = fake_systemd_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pid = NULL;
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + 60 * G_USEC_PER_SEC;
  gint64 ready_at = 0;

  g_subprocess_launcher_setenv (launcher, "NOTIFY_SOCKET", fake->path, TRUE);
  g_subprocess_launcher_setenv (launcher, "WATCHDOG_USEC", "1000000", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "WATCHDOG_PID");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KM_BINARY"), NULL);
  g_assert_no_error (error);

  while (g_get_monotonic_time () < deadline)
    {
      gint64 now = g_get_monotonic_time ();

      if (ready_at == 0 && count_lines (fake, "READY=1", start, now) == 1)
        ready_at = now;
      if (ready_at != 0 && count_lines (fake, "WATCHDOG=1", ready_at, now) >= 3)
        break;
      g_usleep (50 * 1000);
    }

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);

  g_assert_cmpint (ready_at, !=, 0);
  g_assert_cmpuint (count_lines (fake, "WATCHDOG=1", ready_at, g_get_monotonic_time ()), >=, 3);
  g_assert_cmpuint (count_lines (fake, "STATUS=Content version 0; no error", start, g_get_monotonic_time ()), ==, 1);
  fake_systemd_free (fake);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/watchdog/none", test_no_watchdog);
  g_test_add_func ("/watchdog/pings-stop-when-blocked", test_pings_stop_when_blocked);
  g_test_add_func ("/watchdog/application", test_application);

  return g_test_run ();
}
