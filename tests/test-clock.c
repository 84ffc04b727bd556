/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "km-fake-clock.h"

static gboolean
count_cb (gpointer data)
{
  guint *count = data;

  (*count)++;
  return *count < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
test_fake_clock_repeats (void)
{
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  guint count = 0;

  km_clock_add_timeout (clock, 1000, count_cb, &count, NULL);
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 999);
  g_assert_cmpuint (count, ==, 0);
  g_assert_cmpint (km_clock_get_time_ms (clock), ==, 999);

  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 1);
  g_assert_cmpuint (count, ==, 1);

  /* Two more runs, then the callback removes itself. */
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 10000);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpuint (km_fake_clock_n_pending (KM_FAKE_CLOCK (clock)), ==, 0);
  g_assert_cmpint (km_clock_get_time_ms (clock), ==, 11000);
}

static void
test_fake_clock_remove (void)
{
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  guint count = 0;
  guint id = km_clock_add_timeout (clock, 500, count_cb, &count, NULL);

  km_clock_remove (clock, id);
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 5000);
  g_assert_cmpuint (count, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/km/clock/fake-repeats", test_fake_clock_repeats);
  g_test_add_func ("/km/clock/fake-remove", test_fake_clock_remove);

  return g_test_run ();
}
