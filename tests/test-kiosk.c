/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "km-fake-clock.h"
#include "km-kiosk-attract.h"
#include "km-kiosk-controller.h"
#include "km-kiosk-idle-monitor.h"
#include "km-kiosk-pin.h"
#include "km-kiosk-staff-menu.h"
#include "km-test-utils.h"

typedef struct
{
  guint resets;
  guint state_notifies;
  guint seconds_notifies;
  guint last_seconds_left;
} Counts;

static void
on_reset_cb (KmKioskIdleMonitor *monitor,
             Counts             *counts)
{
  counts->resets++;
  /* The views are reset before the attract screen shows. */
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_COUNTDOWN);
}

static void
on_state_cb (KmKioskIdleMonitor *monitor,
             GParamSpec         *pspec,
             Counts             *counts)
{
  counts->state_notifies++;
}

static void
on_seconds_left_cb (KmKioskIdleMonitor *monitor,
                    GParamSpec         *pspec,
                    Counts             *counts)
{
  counts->seconds_notifies++;
  counts->last_seconds_left = km_kiosk_idle_monitor_get_seconds_left (monitor);
}

static KmKioskIdleMonitor *
create_monitor (KmClock *clock,
                Counts  *counts)
{
  KmKioskIdleMonitor *monitor = km_kiosk_idle_monitor_new (clock, 120, 20);

  g_signal_connect (monitor, "reset", G_CALLBACK (on_reset_cb), counts);
  g_signal_connect (monitor, "notify::state", G_CALLBACK (on_state_cb), counts);
  g_signal_connect (monitor, "notify::seconds-left", G_CALLBACK (on_seconds_left_cb), counts);

  return monitor;
}

static void
test_idle_countdown_reset (void)
{
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  KmFakeClock *fake = KM_FAKE_CLOCK (clock);
  Counts counts = { 0 };
  g_autoptr(KmKioskIdleMonitor) monitor = create_monitor (clock, &counts);

  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  g_assert_cmpuint (km_kiosk_idle_monitor_get_seconds_left (monitor), ==, 0);

  /* One second short of the idle time: still active. */
  km_fake_clock_advance (fake, 119 * 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  g_assert_cmpuint (counts.state_notifies, ==, 0);

  km_fake_clock_advance (fake, 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_COUNTDOWN);
  g_assert_cmpuint (km_kiosk_idle_monitor_get_seconds_left (monitor), ==, 20);
  g_assert_cmpuint (counts.state_notifies, ==, 1);

  /* The countdown ticks once a second. */
  km_fake_clock_advance (fake, 5 * 1000);
  g_assert_cmpuint (km_kiosk_idle_monitor_get_seconds_left (monitor), ==, 15);
  g_assert_cmpuint (counts.last_seconds_left, ==, 15);
  g_assert_cmpuint (counts.resets, ==, 0);

  km_fake_clock_advance (fake, 14 * 1000);
  g_assert_cmpuint (km_kiosk_idle_monitor_get_seconds_left (monitor), ==, 1);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_COUNTDOWN);

  km_fake_clock_advance (fake, 1000);
  g_assert_cmpuint (counts.resets, ==, 1);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ATTRACT);
  g_assert_cmpuint (km_kiosk_idle_monitor_get_seconds_left (monitor), ==, 0);

  /* The attract screen waits for a visitor: no timer, no more resets. */
  g_assert_cmpuint (km_fake_clock_n_pending (fake), ==, 0);
  km_fake_clock_advance (fake, 3600 * 1000);
  g_assert_cmpuint (counts.resets, ==, 1);

  /* Mouse motion alone does not leave the attract screen. */
  km_kiosk_idle_monitor_poke (monitor);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ATTRACT);

  /* A touch on it begins a visit, which times out again. */
  km_kiosk_idle_monitor_begin_visit (monitor);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  km_fake_clock_advance (fake, 139 * 1000);
  g_assert_cmpuint (counts.resets, ==, 1);
  km_fake_clock_advance (fake, 1000);
  g_assert_cmpuint (counts.resets, ==, 2);
}

static void
test_idle_poke (void)
{
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  KmFakeClock *fake = KM_FAKE_CLOCK (clock);
  Counts counts = { 0 };
  g_autoptr(KmKioskIdleMonitor) monitor = create_monitor (clock, &counts);

  /* Input during the visit moves the deadline. */
  km_fake_clock_advance (fake, 100 * 1000);
  km_kiosk_idle_monitor_poke (monitor);
  km_fake_clock_advance (fake, 100 * 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  km_fake_clock_advance (fake, 20 * 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_COUNTDOWN);

  /* A touch during the countdown continues the visit, with a fresh idle time. */
  km_fake_clock_advance (fake, 10 * 1000);
  g_assert_cmpuint (km_kiosk_idle_monitor_get_seconds_left (monitor), ==, 10);
  km_kiosk_idle_monitor_poke (monitor);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  g_assert_cmpuint (km_kiosk_idle_monitor_get_seconds_left (monitor), ==, 0);
  km_fake_clock_advance (fake, 119 * 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  km_fake_clock_advance (fake, 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_COUNTDOWN);
  g_assert_cmpuint (counts.resets, ==, 0);

  /* Only one timer runs at any time. */
  g_assert_cmpuint (km_fake_clock_n_pending (fake), ==, 1);
}

static void
on_seconds_left_poke_cb (KmKioskIdleMonitor *monitor,
                         GParamSpec         *pspec,
                         gpointer            user_data)
{
  if (km_kiosk_idle_monitor_get_seconds_left (monitor) == 5)
    km_kiosk_idle_monitor_poke (monitor);
}

static void
test_idle_poke_from_notify (void)
{
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  KmFakeClock *fake = KM_FAKE_CLOCK (clock);
  g_autoptr(KmKioskIdleMonitor) monitor = km_kiosk_idle_monitor_new (clock, 30, 20);

  g_signal_connect (monitor, "notify::seconds-left", G_CALLBACK (on_seconds_left_poke_cb), NULL);
  km_fake_clock_advance (fake, 30 * 1000 + 15 * 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  g_assert_cmpuint (km_fake_clock_n_pending (fake), ==, 1);
}

static void
test_idle_disabled (void)
{
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  KmFakeClock *fake = KM_FAKE_CLOCK (clock);
  Counts counts = { 0 };
  g_autoptr(KmKioskIdleMonitor) monitor = create_monitor (clock, &counts);

  km_fake_clock_advance (fake, 125 * 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_COUNTDOWN);

  /* Maintenance mode: no countdown, no reset, however long. */
  km_kiosk_idle_monitor_set_enabled (monitor, FALSE);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  g_assert_cmpuint (km_fake_clock_n_pending (fake), ==, 0);
  km_fake_clock_advance (fake, 24 * 3600 * 1000);
  g_assert_cmpuint (counts.resets, ==, 0);

  km_kiosk_idle_monitor_set_enabled (monitor, TRUE);
  km_fake_clock_advance (fake, 140 * 1000);
  g_assert_cmpuint (counts.resets, ==, 1);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ATTRACT);

  /* A shorter idle time applies to the visit under way. */
  km_kiosk_idle_monitor_begin_visit (monitor);
  km_fake_clock_advance (fake, 40 * 1000);
  km_kiosk_idle_monitor_set_idle_seconds (monitor, 30);
  km_fake_clock_advance (fake, 1);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_COUNTDOWN);

  km_kiosk_idle_monitor_reset_now (monitor);
  g_assert_cmpuint (counts.resets, ==, 2);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ATTRACT);
}

static void
on_reset_release_cb (KmKioskIdleMonitor *monitor)
{
  /* As the kiosk's reset does: playback stops, the inhibition ends. */
  km_kiosk_idle_monitor_set_inhibited (monitor, FALSE);
}

/* A visitor's video or recording inhibits the countdown; once it stops,
 * the whole idle time counts again. */
static void
test_idle_inhibited (void)
{
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  KmFakeClock *fake = KM_FAKE_CLOCK (clock);
  Counts counts = { 0 };
  g_autoptr(KmKioskIdleMonitor) monitor = create_monitor (clock, &counts);

  km_fake_clock_advance (fake, 100 * 1000);
  km_kiosk_idle_monitor_set_inhibited (monitor, TRUE);
  g_assert_true (km_kiosk_idle_monitor_get_inhibited (monitor));
  g_assert_cmpuint (km_fake_clock_n_pending (fake), ==, 0);
  km_fake_clock_advance (fake, 3600 * 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  g_assert_cmpuint (counts.resets, ==, 0);

  /* It ends: 120 s from now, not from the last touch. */
  km_kiosk_idle_monitor_set_inhibited (monitor, FALSE);
  km_fake_clock_advance (fake, 119 * 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  km_fake_clock_advance (fake, 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_COUNTDOWN);

  /* Playing from the countdown ends it. */
  km_kiosk_idle_monitor_set_inhibited (monitor, TRUE);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ACTIVE);
  km_fake_clock_advance (fake, 600 * 1000);
  g_assert_cmpuint (counts.resets, ==, 0);

  /* A reset during playback (staff, /reset): the attract screen, and no
   * idle timer left running from the inhibition's end. */
  /* (on_reset_cb expects a countdown before every reset; this one comes
   * at once) */
  g_signal_handlers_disconnect_by_func (monitor, on_reset_cb, &counts);
  g_signal_connect (monitor, "reset", G_CALLBACK (on_reset_release_cb), NULL);
  km_kiosk_idle_monitor_reset_now (monitor);
  g_assert_false (km_kiosk_idle_monitor_get_inhibited (monitor));
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ATTRACT);
  g_assert_cmpuint (km_fake_clock_n_pending (fake), ==, 0);
  km_fake_clock_advance (fake, 3600 * 1000);
  g_assert_cmpint (km_kiosk_idle_monitor_get_state (monitor), ==, KM_KIOSK_IDLE_STATE_ATTRACT);
}

static void
test_pin_hash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash1 = km_kiosk_pin_hash ("2602", &error);
  g_autofree char *hash2 = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (hash1);
  g_assert_true (g_str_has_prefix (hash1, "$y$"));
  g_assert_null (strstr (hash1, "2602"));

  g_assert_true (km_kiosk_pin_verify_hash ("2602", hash1));
  g_assert_false (km_kiosk_pin_verify_hash ("2603", hash1));
  g_assert_false (km_kiosk_pin_verify_hash ("26020", hash1));
  g_assert_false (km_kiosk_pin_verify_hash ("", hash1));
  g_assert_false (km_kiosk_pin_verify_hash ("2602", ""));
  g_assert_false (km_kiosk_pin_verify_hash ("2602", "2602"));

  /* A fresh salt each time. */
  hash2 = km_kiosk_pin_hash ("2602", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hash1, !=, hash2);
  g_assert_true (km_kiosk_pin_verify_hash ("2602", hash2));

  g_assert_true (km_kiosk_pin_is_valid ("0000"));
  g_assert_true (km_kiosk_pin_is_valid ("123456789012"));
  g_assert_false (km_kiosk_pin_is_valid ("123"));
  g_assert_false (km_kiosk_pin_is_valid ("1234567890123"));
  g_assert_false (km_kiosk_pin_is_valid ("12a4"));
  g_assert_false (km_kiosk_pin_is_valid (" 1234"));
  g_assert_false (km_kiosk_pin_is_valid (NULL));
}

static void
test_pin_lockout (void)
{
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  KmFakeClock *fake = KM_FAKE_CLOCK (clock);
  g_autofree char *hash = km_kiosk_pin_hash ("1992", NULL);
  g_autoptr(KmKioskPin) pin = km_kiosk_pin_new (clock, hash);

  g_assert_true (km_kiosk_pin_get_is_set (pin));
  g_assert_cmpuint (km_kiosk_pin_get_attempts_left (pin), ==, 5);

  /* A right PIN after wrong ones starts the count again. */
  g_assert_cmpint (km_kiosk_pin_try (pin, "0000"), ==, KM_KIOSK_PIN_RESULT_WRONG);
  g_assert_cmpuint (km_kiosk_pin_get_attempts_left (pin), ==, 4);
  g_assert_cmpint (km_kiosk_pin_try (pin, "1992"), ==, KM_KIOSK_PIN_RESULT_OK);
  g_assert_cmpuint (km_kiosk_pin_get_attempts_left (pin), ==, 5);

  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (km_kiosk_pin_try (pin, "1111"), ==, KM_KIOSK_PIN_RESULT_WRONG);
  g_assert_cmpuint (km_kiosk_pin_get_attempts_left (pin), ==, 1);
  g_assert_cmpuint (km_kiosk_pin_get_seconds_locked (pin), ==, 0);

  /* The fifth wrong PIN locks the pad for five minutes… */
  g_assert_cmpint (km_kiosk_pin_try (pin, "1111"), ==, KM_KIOSK_PIN_RESULT_LOCKED);
  g_assert_cmpuint (km_kiosk_pin_get_attempts_left (pin), ==, 0);
  g_assert_cmpuint (km_kiosk_pin_get_seconds_locked (pin), ==, 300);

  /* …during which even the right PIN is refused. */
  km_fake_clock_advance (fake, 299 * 1000);
  g_assert_cmpuint (km_kiosk_pin_get_seconds_locked (pin), ==, 1);
  g_assert_cmpint (km_kiosk_pin_try (pin, "1992"), ==, KM_KIOSK_PIN_RESULT_LOCKED);
  km_fake_clock_advance (fake, 500);
  g_assert_cmpuint (km_kiosk_pin_get_seconds_locked (pin), ==, 1);

  km_fake_clock_advance (fake, 500);
  g_assert_cmpuint (km_kiosk_pin_get_seconds_locked (pin), ==, 0);
  g_assert_cmpuint (km_kiosk_pin_get_attempts_left (pin), ==, 5);
  g_assert_cmpint (km_kiosk_pin_try (pin, "1992"), ==, KM_KIOSK_PIN_RESULT_OK);
}

static void
test_pin_not_set (void)
{
  g_autoptr(KmKioskPin) pin = km_kiosk_pin_new (NULL, "");

  g_assert_false (km_kiosk_pin_get_is_set (pin));
  g_assert_cmpint (km_kiosk_pin_try (pin, "1234"), ==, KM_KIOSK_PIN_RESULT_NOT_SET);
  /* Refusals without a PIN do not count towards the lockout. */
  for (guint i = 0; i < 10; i++)
    km_kiosk_pin_try (pin, "1234");
  g_assert_cmpuint (km_kiosk_pin_get_attempts_left (pin), ==, 5);
}

static void
test_opening_hours (void)
{
  int minutes = -1;

  g_assert_true (km_kiosk_parse_time ("09:30", &minutes));
  g_assert_cmpint (minutes, ==, 570);
  g_assert_true (km_kiosk_parse_time ("0:05", &minutes));
  g_assert_cmpint (minutes, ==, 5);
  g_assert_false (km_kiosk_parse_time ("24:00", NULL));
  g_assert_false (km_kiosk_parse_time ("12:60", NULL));
  g_assert_false (km_kiosk_parse_time ("12:00x", NULL));
  g_assert_false (km_kiosk_parse_time ("", NULL));

  /* Unset or unreadable: always open. */
  g_assert_true (km_kiosk_is_open_at ("", "", 3 * 60));
  g_assert_true (km_kiosk_is_open_at ("nine", "18:00", 3 * 60));
  g_assert_true (km_kiosk_is_open_at ("10:00", "10:00", 3 * 60));

  /* 09:00–18:00: the closing minute is closed. */
  g_assert_false (km_kiosk_is_open_at ("09:00", "18:00", 8 * 60 + 59));
  g_assert_true (km_kiosk_is_open_at ("09:00", "18:00", 9 * 60));
  g_assert_true (km_kiosk_is_open_at ("09:00", "18:00", 17 * 60 + 59));
  g_assert_false (km_kiosk_is_open_at ("09:00", "18:00", 18 * 60));

  /* 18:00–02:00 runs past midnight. */
  g_assert_true (km_kiosk_is_open_at ("18:00", "02:00", 23 * 60));
  g_assert_true (km_kiosk_is_open_at ("18:00", "02:00", 60));
  g_assert_false (km_kiosk_is_open_at ("18:00", "02:00", 2 * 60));
  g_assert_false (km_kiosk_is_open_at ("18:00", "02:00", 12 * 60));
}

static void
test_touch_to_begin (void)
{
  g_auto(GStrv) prompts = km_kiosk_dup_touch_to_begin ("en");
  g_auto(GStrv) from_az = km_kiosk_dup_touch_to_begin ("az");

  /* English always comes, first when asked; no text twice. */
  g_assert_nonnull (prompts);
  g_assert_cmpstr (prompts[0], ==, "Touch to begin");
  for (guint i = 0; prompts[i] != NULL; i++)
    for (guint j = i + 1; prompts[j] != NULL; j++)
      g_assert_cmpstr (prompts[i], !=, prompts[j]);
  g_assert_cmpuint (g_strv_length (from_az), ==, g_strv_length (prompts));
  g_assert_true (g_strv_contains ((const char * const *) from_az, "Touch to begin"));

  /* The lookup leaves the current language alone. */
  g_assert_null (g_getenv ("LANGUAGE"));
}

static void
test_uptime (void)
{
  g_autofree char *minutes = km_kiosk_format_uptime (59 * 60 + 59);
  g_autofree char *one = km_kiosk_format_uptime (60);
  g_autofree char *hours = km_kiosk_format_uptime (5 * 3600 + 120);
  g_autofree char *days = km_kiosk_format_uptime (3 * 86400);

  g_assert_cmpstr (minutes, ==, "59 minutes");
  g_assert_cmpstr (one, ==, "1 minute");
  g_assert_cmpstr (hours, ==, "5 hours");
  g_assert_cmpstr (days, ==, "3 days");
}

static char *
run_set_pin (const char  *config_home,
             const char  *input,
             int         *status)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *output = NULL;

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("KM_BINARY"), "--set-kiosk-pin", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  *status = g_subprocess_get_exit_status (process);

  return output;
}

static void
test_pin_command_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config_home = g_dir_make_tmp ("km-kiosk-XXXXXX", &error);
  g_autofree char *keyfile_path = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *output = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *hash = NULL;
  int status;

  g_assert_no_error (error);
  keyfile_path = g_build_filename (config_home, "glib-2.0", "settings", "keyfile", NULL);

  /* Not a PIN: refused, nothing stored. */
  output = run_set_pin (config_home, "12ab\n", &status);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (output, "digits"));
  g_assert_false (g_file_test (keyfile_path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&output, g_free);

  /* From a pipe, one line is the PIN. */
  output = run_set_pin (config_home, "250292\n", &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (output, ==, "The staff PIN is set.\n");

  g_key_file_load_from_file (keyfile, keyfile_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  stored = g_key_file_get_string (keyfile, "io/github/KhojalyMemorial/Exhibition", "kiosk-pin-hash", &error);
  g_assert_no_error (error);
  /* A GVariant string in the key file: 'hash' */
  {
    g_autoptr(GVariant) value = g_variant_parse (G_VARIANT_TYPE_STRING, stored, NULL, NULL, &error);
    g_assert_no_error (error);
    hash = g_variant_dup_string (value, NULL);
  }
  g_assert_true (g_str_has_prefix (hash, "$y$"));
  g_assert_null (strstr (stored, "250292"));
  g_assert_true (km_kiosk_pin_verify_hash ("250292", hash));
  g_assert_false (km_kiosk_pin_verify_hash ("250293", hash));

  g_remove (keyfile_path);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *dir = g_path_get_dirname (keyfile_path);

      g_rmdir (dir);
      g_free (keyfile_path);
      keyfile_path = g_steal_pointer (&dir);
    }
  g_rmdir (config_home);
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

  g_test_add_func ("/km/kiosk/idle/countdown-reset", test_idle_countdown_reset);
  g_test_add_func ("/km/kiosk/idle/poke", test_idle_poke);
  g_test_add_func ("/km/kiosk/idle/poke-from-notify", test_idle_poke_from_notify);
  g_test_add_func ("/km/kiosk/idle/disabled", test_idle_disabled);
  g_test_add_func ("/km/kiosk/idle/inhibited", test_idle_inhibited);
  g_test_add_func ("/km/kiosk/pin/hash", test_pin_hash);
  g_test_add_func ("/km/kiosk/pin/lockout", test_pin_lockout);
  g_test_add_func ("/km/kiosk/pin/not-set", test_pin_not_set);
  g_test_add_func ("/km/kiosk/pin/command-line", test_pin_command_line);
  g_test_add_func ("/km/kiosk/opening-hours", test_opening_hours);
  g_test_add_func ("/km/kiosk/touch-to-begin", test_touch_to_begin);
  g_test_add_func ("/km/kiosk/uptime", test_uptime);

  return g_test_run ();
}
