/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-kiosk-pin"

#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "km-kiosk-pin.h"

/* The staff PIN. Only a salted yescrypt hash is kept (the system's
 * libxcrypt, as /etc/shadow uses), so reading the settings does not give
 * the PIN away; a PIN is short, so a slow hash and a lockout after
 * KM_KIOSK_PIN_MAX_ATTEMPTS wrong tries are what protect it.
 */
struct _KmKioskPin
{
  GObject  parent_instance;

  KmClock *clock;
  char    *hash;
  guint    failures;
  gint64   locked_until_ms;
};

G_DEFINE_FINAL_TYPE (KmKioskPin, km_kiosk_pin, G_TYPE_OBJECT)

G_DEFINE_QUARK (km-kiosk-pin-error-quark, km_kiosk_pin_error)

gboolean
km_kiosk_pin_is_valid (const char *pin)
{
  gsize len;

  if (pin == NULL)
    return FALSE;

  len = strlen (pin);
  if (len < KM_KIOSK_PIN_MIN_LENGTH || len > KM_KIOSK_PIN_MAX_LENGTH)
    return FALSE;

  for (const char *p = pin; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

/**
 * km_kiosk_pin_hash:
 *
 * Returns: (transfer full) (nullable): a yescrypt hash (“$y$…”) of @pin
 *   with a fresh random salt
 */
char *
km_kiosk_pin_hash (const char  *pin,
                   GError     **error)
{
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  char *result;

  g_return_val_if_fail (pin != NULL, NULL);

  /* No random bytes given: libxcrypt takes them from the kernel. */
  if (crypt_gensalt_rn ("$y$", 0, NULL, 0, setting, sizeof setting) == NULL)
    {
      g_set_error (error, km_kiosk_pin_error_quark (), 0,
                   "crypt_gensalt: %s", g_strerror (errno));
      return NULL;
    }

  result = crypt_r (pin, setting, data);
  if (result == NULL || result[0] == '*')
    {
      g_set_error (error, km_kiosk_pin_error_quark (), 1,
                   "crypt_r: %s", g_strerror (errno));
      explicit_bzero (data, sizeof *data);
      return NULL;
    }

  result = g_strdup (result);
  explicit_bzero (data, sizeof *data);

  return result;
}

gboolean
km_kiosk_pin_verify_hash (const char *pin,
                          const char *hash)
{
  g_autofree struct crypt_data *data = NULL;
  const char *result;
  gsize len;
  guint diff = 0;

  if (pin == NULL || hash == NULL || hash[0] != '$')
    return FALSE;

  data = g_new0 (struct crypt_data, 1);
  result = crypt_r (pin, hash, data);
  if (result == NULL || result[0] == '*')
    return FALSE;

  /* Compare in constant time. */
  len = strlen (hash);
  if (strlen (result) != len)
    diff = 1;
  else
    for (gsize i = 0; i < len; i++)
      diff |= (guchar) result[i] ^ (guchar) hash[i];

  explicit_bzero (data, sizeof *data);

  return diff == 0;
}

/* --set-kiosk-pin */

static struct termios saved_termios;
static volatile sig_atomic_t echo_off;

static void
restore_echo (void)
{
  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved_termios);
  echo_off = 0;
}

static void
on_interrupt (int signum)
{
  restore_echo ();
  _exit (128 + signum);
}

static gboolean
read_line (char  *buffer,
           gsize  size)
{
  gsize len;

  if (fgets (buffer, size, stdin) == NULL)
    return FALSE;

  len = strlen (buffer);
  while (len > 0 && (buffer[len - 1] == '\n' || buffer[len - 1] == '\r'))
    buffer[--len] = '\0';

  return TRUE;
}

static gboolean
read_secret (const char *prompt,
             char       *buffer,
             gsize       size)
{
  struct termios noecho;
  struct sigaction action = { 0 }, old_int, old_term;
  gboolean ok;

  fputs (prompt, stderr);
  fflush (stderr);

  if (tcgetattr (STDIN_FILENO, &saved_termios) != 0)
    return read_line (buffer, size);

  action.sa_handler = on_interrupt;
  sigaction (SIGINT, &action, &old_int);
  sigaction (SIGTERM, &action, &old_term);

  noecho = saved_termios;
  noecho.c_lflag &= ~ECHO;
  noecho.c_lflag |= ECHONL;
  echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &noecho) == 0;

  ok = read_line (buffer, size);

  restore_echo ();
  sigaction (SIGINT, &old_int, NULL);
  sigaction (SIGTERM, &old_term, NULL);

  return ok;
}

/* Reads the new PIN twice from a terminal, without echo; from a pipe (for
 * scripts and tests) it reads one line. Returns an exit status.
 */
int
km_kiosk_pin_set_from_terminal (GSettings *settings)
{
  char first[128] = { 0 };
  char second[128] = { 0 };
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  int status = 1;

  if (settings == NULL)
    {
      g_printerr (_("khojaly-memorial: the settings schema is not installed; the PIN cannot be saved\n"));
      return 1;
    }

  if (isatty (STDIN_FILENO))
    {
      /* Translators: printed by --set-kiosk-pin before it asks for the PIN:
       * %1$d is the fewest and %2$d the most digits a PIN may have */
      g_printerr (_("The staff PIN unlocks the kiosk: %1$d to %2$d digits.\n"),
                  KM_KIOSK_PIN_MIN_LENGTH, KM_KIOSK_PIN_MAX_LENGTH);
      if (!read_secret (_("New staff PIN: "), first, sizeof first))
        goto out;
      if (!km_kiosk_pin_is_valid (first))
        {
          /* Translators: %1$d is the fewest and %2$d the most digits a PIN
           * may have */
          g_printerr (_("khojaly-memorial: a PIN has %1$d to %2$d digits and nothing else; the PIN was not changed\n"),
                      KM_KIOSK_PIN_MIN_LENGTH, KM_KIOSK_PIN_MAX_LENGTH);
          goto out;
        }
      if (!read_secret (_("Repeat the staff PIN: "), second, sizeof second))
        goto out;
      if (strcmp (first, second) != 0)
        {
          g_printerr (_("khojaly-memorial: the two PINs differ; the PIN was not changed\n"));
          goto out;
        }
    }
  else
    {
      if (!read_line (first, sizeof first) || !km_kiosk_pin_is_valid (first))
        {
          /* Translators: %1$d is the fewest and %2$d the most digits a PIN
           * may have */
          g_printerr (_("khojaly-memorial: a PIN has %1$d to %2$d digits and nothing else; the PIN was not changed\n"),
                      KM_KIOSK_PIN_MIN_LENGTH, KM_KIOSK_PIN_MAX_LENGTH);
          goto out;
        }
    }

  hash = km_kiosk_pin_hash (first, &error);
  if (hash == NULL)
    {
      g_printerr ("khojaly-memorial: %s\n", error->message);
      goto out;
    }

  g_settings_set_string (settings, "kiosk-pin-hash", hash);
  g_settings_sync ();
  g_print (_("The staff PIN is set.\n"));
  status = 0;

out:
  explicit_bzero (first, sizeof first);
  explicit_bzero (second, sizeof second);
  return status;
}

/* The lockout */

static gboolean
is_locked (KmKioskPin *self)
{
  if (self->locked_until_ms == 0)
    return FALSE;

  if (km_clock_get_time_ms (self->clock) < self->locked_until_ms)
    return TRUE;

  /* The lock has run out: a fresh set of attempts. */
  self->locked_until_ms = 0;
  self->failures = 0;
  return FALSE;
}

static void
km_kiosk_pin_finalize (GObject *object)
{
  KmKioskPin *self = KM_KIOSK_PIN (object);

  g_clear_object (&self->clock);
  g_free (self->hash);

  G_OBJECT_CLASS (km_kiosk_pin_parent_class)->finalize (object);
}

static void
km_kiosk_pin_class_init (KmKioskPinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_kiosk_pin_finalize;
}

static void
km_kiosk_pin_init (KmKioskPin *self)
{
}

/**
 * km_kiosk_pin_new:
 * @clock: (nullable): times the lockout; %NULL for the default clock
 * @hash: (nullable): the stored hash; %NULL or "" when no PIN is set
 */
KmKioskPin *
km_kiosk_pin_new (KmClock    *clock,
                  const char *hash)
{
  KmKioskPin *self;

  g_return_val_if_fail (clock == NULL || KM_IS_CLOCK (clock), NULL);

  self = g_object_new (KM_TYPE_KIOSK_PIN, NULL);
  self->clock = g_object_ref (clock != NULL ? clock : km_clock_get_default ());
  km_kiosk_pin_set_hash (self, hash);

  return self;
}

const char *
km_kiosk_pin_get_hash (KmKioskPin *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_PIN (self), NULL);

  return self->hash;
}

void
km_kiosk_pin_set_hash (KmKioskPin *self,
                       const char *hash)
{
  g_return_if_fail (KM_IS_KIOSK_PIN (self));

  g_free (self->hash);
  self->hash = hash != NULL && hash[0] != '\0' ? g_strdup (hash) : NULL;
}

gboolean
km_kiosk_pin_get_is_set (KmKioskPin *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_PIN (self), FALSE);

  return self->hash != NULL;
}

/* Checks @pin, counting failures: the KM_KIOSK_PIN_MAX_ATTEMPTS-th wrong
 * PIN locks every try, right or wrong, for KM_KIOSK_PIN_LOCKOUT_SECONDS.
 */
KmKioskPinResult
km_kiosk_pin_try (KmKioskPin *self,
                  const char *pin)
{
  g_return_val_if_fail (KM_IS_KIOSK_PIN (self), KM_KIOSK_PIN_RESULT_WRONG);

  if (self->hash == NULL)
    return KM_KIOSK_PIN_RESULT_NOT_SET;

  if (is_locked (self))
    return KM_KIOSK_PIN_RESULT_LOCKED;

  if (km_kiosk_pin_verify_hash (pin, self->hash))
    {
      self->failures = 0;
      return KM_KIOSK_PIN_RESULT_OK;
    }

  self->failures++;
  if (self->failures >= KM_KIOSK_PIN_MAX_ATTEMPTS)
    {
      self->locked_until_ms = km_clock_get_time_ms (self->clock) + KM_KIOSK_PIN_LOCKOUT_SECONDS * 1000;
      return KM_KIOSK_PIN_RESULT_LOCKED;
    }

  return KM_KIOSK_PIN_RESULT_WRONG;
}

guint
km_kiosk_pin_get_attempts_left (KmKioskPin *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_PIN (self), 0);

  if (is_locked (self))
    return 0;

  return KM_KIOSK_PIN_MAX_ATTEMPTS - MIN (self->failures, KM_KIOSK_PIN_MAX_ATTEMPTS);
}

/* Returns: whole seconds until the pad takes PINs again, rounded up; 0
 * when it is not locked
 */
guint
km_kiosk_pin_get_seconds_locked (KmKioskPin *self)
{
  gint64 left;

  g_return_val_if_fail (KM_IS_KIOSK_PIN (self), 0);

  if (!is_locked (self))
    return 0;

  left = self->locked_until_ms - km_clock_get_time_ms (self->clock);
  return (guint) ((left + 999) / 1000);
}
