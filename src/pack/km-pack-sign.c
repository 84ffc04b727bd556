/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "km-content-error.h"
#include "km-content-store.h"
#include "km-minisign.h"
#include "km-pack-manifest.h"
#include "km-pack-signature.h"
#include "km-pack-tool.h"

/* keygen, sign and verify: signed packs in minisign's formats
 * (km-minisign.h, km-pack-signature.h), so the minisign program can make
 * the keys and signatures instead.
 */

#define MANIFEST "manifest.ini"
#define SIGNATURE MANIFEST KM_PACK_SIGNATURE_SUFFIX

/* The first line of @path, or of standard input if @path is NULL;
 * wiped with sodium_memzero() by the caller's free_password().
 */
static char *
read_password (const char  *path,
               GError     **error)
{
  char *text = NULL;
  gsize length = 0;

  if (path != NULL)
    {
      if (!g_file_get_contents (path, &text, &length, error))
        return NULL;
    }
  else
    {
      char buf[1024];

      if (isatty (STDIN_FILENO))
        g_printerr ("Password for the secret key: ");
      if (fgets (buf, sizeof buf, stdin) == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no password on standard input");
          return NULL;
        }
      text = g_strdup (buf);
      length = strlen (text);
      sodium_memzero (buf, sizeof buf);
    }

  text[strcspn (text, "\r\n")] = '\0';
  (void)length;
  return text;
}

static void
free_password (char *password)
{
  if (password != NULL)
    {
      sodium_memzero (password, strlen (password));
      g_free (password);
    }
}

typedef char char_password;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (char_password, free_password)

/* Writes @text to a new file @path (never over an existing one) with @mode. */
static gboolean
write_new_file (const char  *path,
                const char  *text,
                int          mode,
                GError     **error)
{
  gsize length = strlen (text);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  if (write (fd, text, length) != (ssize_t)length || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

int
km_pack_cmd_keygen (int    argc,
                    char **argv)
{
  g_autofree char *secret_path = NULL;
  g_autofree char *public_path = NULL;
  g_autofree char *password_file = NULL;
  gboolean ask_password = FALSE;
  const GOptionEntry entries[] = {
    { "secret-key", 's', 0, G_OPTION_ARG_FILENAME, &secret_path, "Where to write the secret key", "FILE" },
    { "public-key", 'p', 0, G_OPTION_ARG_FILENAME, &public_path, "Where to write the public key", "FILE" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      "Protect the secret key with the password on FILE's first line", "FILE" },
    { "password", 0, 0, G_OPTION_ARG_NONE, &ask_password,
      "Protect the secret key with a password read from standard input", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("--secret-key FILE --public-key FILE");
  g_autoptr(KmMinisignSecretKey) key = NULL;
  g_autoptr(KmMinisignPublicKey) pub = NULL;
  g_autoptr(char_password) password = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *pub_text = NULL;
  char *secret_text;
  int status;

  g_option_context_set_summary (context,
    "Makes a signing key pair in minisign's format (the same as “minisign -G”).\n"
    "Keep the secret key offline, on the machine that signs packs; give the\n"
    "public key's second line to the kiosks' content-trusted-keys setting.\n"
    "Without --password or --password-file the secret key is not encrypted\n"
    "(like “minisign -G -W”).");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = km_pack_parse_options (context, "keygen", &argc, &argv, 0, 0)) != KM_PACK_EXIT_OK)
    return status;
  if (secret_path == NULL || public_path == NULL)
    return km_pack_usage_error ("keygen", "--secret-key FILE and --public-key FILE are required");

  if (password_file != NULL || ask_password)
    {
      password = read_password (password_file, &error);
      if (password == NULL)
        {
          g_printerr ("%s\n", error->message);
          return KM_PACK_EXIT_CONTENT;
        }
      if (password[0] == '\0')
        return km_pack_usage_error ("keygen", "the password is empty");
    }

  key = km_minisign_secret_key_generate (&error);
  if (key == NULL)
    {
      g_printerr ("%s\n", error->message);
      return KM_PACK_EXIT_CONTENT;
    }

  secret_text = km_minisign_secret_key_to_file_text (key, password,
                                                     KM_MINISIGN_KDF_OPSLIMIT_SENSITIVE,
                                                     KM_MINISIGN_KDF_MEMLIMIT_SENSITIVE, &error);
  if (secret_text == NULL || !write_new_file (secret_path, secret_text, 0600, &error))
    {
      if (secret_text != NULL)
        sodium_memzero (secret_text, strlen (secret_text));
      g_free (secret_text);
      g_printerr ("%s\n", error->message);
      return KM_PACK_EXIT_CONTENT;
    }
  sodium_memzero (secret_text, strlen (secret_text));
  g_free (secret_text);

  pub = km_minisign_secret_key_get_public_key (key);
  pub_text = km_minisign_public_key_to_file_text (pub);
  if (!write_new_file (public_path, pub_text, 0644, &error))
    {
      g_unlink (secret_path);
      g_printerr ("%s\n", error->message);
      return KM_PACK_EXIT_CONTENT;
    }

  id = km_minisign_public_key_dup_id (pub);
  g_print ("Key id %s.\nSecret key: %s%s\nPublic key: %s\n", id, secret_path,
           password != NULL ? "" : " (not protected by a password: keep it offline)", public_path);
  return KM_PACK_EXIT_OK;
}

static GBytes *
load_bytes (const char  *path,
            GError     **error)
{
  char *data = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return g_bytes_new_take (data, length);
}

int
km_pack_cmd_sign (int    argc,
                  char **argv)
{
  g_autofree char *key_path = NULL;
  g_autofree char *password_file = NULL;
  const GOptionEntry entries[] = {
    { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, "The secret key (minisign's format)", "SECRET-KEY-FILE" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      "The secret key's password is FILE's first line (otherwise it is read from standard input)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR --key SECRET-KEY-FILE");
  g_autoptr(KmMinisignSecretKey) key = NULL;
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GBytes) manifest_data = NULL;
  g_autoptr(GBytes) sig_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFile) sig_file = NULL;
  g_autoptr(KmMinisignPublicKey) pub = NULL;
  g_autofree char *manifest_path = NULL;
  g_autofree char *sig_path = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *id = NULL;
  gsize key_length = 0;
  gint64 now;
  int status;

  g_option_context_set_summary (context,
    "Signs DIR/" MANIFEST " (written by “build”) and writes DIR/" SIGNATURE ",\n"
    "a minisign signature whose trusted comment is\n"
    "  version:N timestamp:SECONDS-SINCE-1970 file:" MANIFEST "\n"
    "Publish it with the pack. “minisign -Sm " MANIFEST " -t 'version:N timestamp:T'”\n"
    "makes an equally good one.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = km_pack_parse_options (context, "sign", &argc, &argv, 1, 1)) != KM_PACK_EXIT_OK)
    return status;
  if (key_path == NULL)
    return km_pack_usage_error ("sign", "--key SECRET-KEY-FILE is required");

  dir = g_file_new_for_commandline_arg (argv[1]);
  {
    g_autofree char *dir_path = g_file_get_path (dir);

    manifest_path = g_build_filename (dir_path, MANIFEST, NULL);
    sig_path = g_build_filename (dir_path, SIGNATURE, NULL);
  }

  manifest_data = load_bytes (manifest_path, &error);
  if (manifest_data == NULL)
    {
      g_printerr ("%s\nRun “" KM_PACK_PROGRAM " build %s --version N” first.\n", error->message, argv[1]);
      return KM_PACK_EXIT_CONTENT;
    }
  manifest = km_pack_manifest_parse (g_bytes_get_data (manifest_data, NULL), g_bytes_get_size (manifest_data), &error);
  if (manifest == NULL)
    {
      g_printerr ("%s: %s\n", manifest_path, error->message);
      return KM_PACK_EXIT_CONTENT;
    }
  /* Never sign a manifest the folder no longer matches. */
  if (!km_pack_manifest_verify_dir (manifest, dir, &error))
    {
      g_printerr ("%s: %s\nRun “" KM_PACK_PROGRAM " build” again.\n", argv[1], error->message);
      return KM_PACK_EXIT_CONTENT;
    }

  if (!g_file_get_contents (key_path, &key_text, &key_length, &error))
    {
      g_printerr ("%s\n", error->message);
      return KM_PACK_EXIT_CONTENT;
    }
  if (km_minisign_secret_key_file_is_encrypted (key_text, key_length))
    {
      g_autoptr(char_password) password = read_password (password_file, &error);

      if (password != NULL)
        key = km_minisign_secret_key_parse (key_text, key_length, key_path, password, &error);
    }
  else
    key = km_minisign_secret_key_parse (key_text, key_length, key_path, NULL, &error);
  sodium_memzero (key_text, key_length);
  if (key == NULL)
    {
      g_printerr ("%s\n", error->message);
      return KM_PACK_EXIT_CONTENT;
    }

  now = g_get_real_time () / G_USEC_PER_SEC;
  comment = km_pack_signature_make_comment (km_pack_manifest_get_version (manifest), now);
  signature = km_minisign_sign (key, g_bytes_get_data (manifest_data, NULL), g_bytes_get_size (manifest_data),
                                comment, &error);
  if (signature == NULL)
    {
      g_printerr ("%s\n", error->message);
      return KM_PACK_EXIT_CONTENT;
    }

  sig_file = g_file_new_for_path (sig_path);
  sig_bytes = g_bytes_new (signature, strlen (signature));
  if (!km_pack_write_file_atomic (sig_file, sig_bytes, &error))
    {
      g_printerr ("%s\n", error->message);
      return KM_PACK_EXIT_CONTENT;
    }

  pub = km_minisign_secret_key_get_public_key (key);
  id = km_minisign_public_key_dup_id (pub);
  g_print ("Wrote %s: version %" G_GINT64_FORMAT ", signed by key %s.\n",
           sig_path, km_pack_manifest_get_version (manifest), id);
  return KM_PACK_EXIT_OK;
}

/* Size and SHA-256 of one file, as the updater checks each download. */
static gboolean
check_file (GFile            *dir,
            const KmPackFile *file,
            GError          **error)
{
  g_autoptr(GFile) child = g_file_resolve_relative_path (dir, file->path);
  g_autoptr(GFileInputStream) in = g_file_read (child, NULL, error);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint64 size = 0;
  guint8 buf[65536];
  gssize n;

  if (in == NULL)
    return FALSE;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf, NULL, error)) > 0)
    {
      g_checksum_update (checksum, buf, n);
      size += n;
    }
  if (n < 0)
    return FALSE;
  if (size != file->size)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%" G_GUINT64_FORMAT " bytes where the manifest says %" G_GUINT64_FORMAT, size, file->size);
      return FALSE;
    }
  if (!g_str_equal (g_checksum_get_string (checksum), file->sha256))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "does not match its SHA-256 in the manifest");
      return FALSE;
    }
  return TRUE;
}

int
km_pack_cmd_verify (int    argc,
                    char **argv)
{
  g_auto(GStrv) key_args = NULL;
  g_autofree char *installed_text = NULL;
  g_autofree char *max_age_text = NULL;
  const GOptionEntry entries[] = {
    { "key", 'k', 0, G_OPTION_ARG_STRING_ARRAY, &key_args,
      "A trusted public key: a .pub file, or its second line (repeat for several)", "PUBLIC-KEY" },
    { "installed", 0, 0, G_OPTION_ARG_STRING, &installed_text,
      "Refuse the pack unless its version is newer than N, as a kiosk with N installed does", "N" },
    { "max-age-days", 0, 0, G_OPTION_ARG_STRING, &max_age_text,
      "Refuse a signature older than DAYS (the kiosks' content-max-age-days)", "DAYS" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR --key PUBLIC-KEY");
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify)km_minisign_public_key_free);
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GBytes) manifest_data = NULL;
  g_autoptr(GBytes) sig_data = NULL;
  g_autoptr(GPtrArray) content_errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) dir = NULL;
  g_auto(KmPackSignatureInfo) info = { 0 };
  g_autofree char *manifest_path = NULL;
  g_autofree char *sig_path = NULL;
  guint64 installed = 0;
  guint64 max_age = 0;
  guint failures = 0;
  int status;

  g_option_context_set_summary (context,
    "Checks DIR as a kiosk with the given trusted keys checks a pack: the\n"
    "signature " SIGNATURE " over " MANIFEST ", the version it names, every\n"
    "file's size and SHA-256, and the content. Prints a line per problem;\n"
    "exits 0 if there is none, 1 otherwise.");
  g_option_context_add_main_entries (context, entries, NULL);
  if ((status = km_pack_parse_options (context, "verify", &argc, &argv, 1, 1)) != KM_PACK_EXIT_OK)
    return status;
  if (key_args == NULL)
    return km_pack_usage_error ("verify", "--key PUBLIC-KEY is required");
  if (installed_text != NULL &&
      !g_ascii_string_to_unsigned (installed_text, 10, 0, (guint64)KM_PACK_VERSION_MAX, &installed, NULL))
    return km_pack_usage_error ("verify", "--installed “%s”: write a whole number", installed_text);
  if (max_age_text != NULL &&
      !g_ascii_string_to_unsigned (max_age_text, 10, 0, 36500, &max_age, NULL))
    return km_pack_usage_error ("verify", "--max-age-days “%s”: write a number of days", max_age_text);

  for (guint i = 0; key_args[i] != NULL; i++)
    {
      KmMinisignPublicKey *key;

      /* A file if there is one by that name, else the key's base64 line. */
      if (g_file_test (key_args[i], G_FILE_TEST_EXISTS))
        key = km_minisign_public_key_load (key_args[i], &error);
      else
        key = km_minisign_public_key_parse (key_args[i], "--key", &error);
      if (key == NULL)
        {
          g_printerr ("%s\n", error->message);
          return KM_PACK_EXIT_USAGE;
        }
      g_ptr_array_add (keys, key);
    }

  dir = g_file_new_for_commandline_arg (argv[1]);
  {
    g_autofree char *dir_path = g_file_get_path (dir);

    manifest_path = g_build_filename (dir_path, MANIFEST, NULL);
    sig_path = g_build_filename (dir_path, SIGNATURE, NULL);
  }

  manifest_data = load_bytes (manifest_path, &error);
  if (manifest_data != NULL && g_bytes_get_size (manifest_data) > 1024 * 1024)
    {
      g_printerr ("%s: larger than 1 MiB\n", manifest_path);
      return KM_PACK_EXIT_CONTENT;
    }
  if (manifest_data != NULL)
    manifest = km_pack_manifest_parse (g_bytes_get_data (manifest_data, NULL),
                                       g_bytes_get_size (manifest_data), &error);
  if (manifest == NULL)
    {
      g_printerr ("%s: %s\n", manifest_path, error->message);
      return KM_PACK_EXIT_CONTENT;
    }

  sig_data = load_bytes (sig_path, &error);
  if (sig_data == NULL)
    {
      g_printerr ("%s\n", error->message);
      g_clear_error (&error);
      failures++;
    }
  else if (!km_pack_signature_check (manifest_data, manifest, sig_data, sig_path, keys,
                                     (guint)max_age, g_get_real_time () / G_USEC_PER_SEC, &info, &error))
    {
      g_printerr ("%s: %s\n", sig_path, error->message);
      g_clear_error (&error);
      failures++;
    }
  if (installed_text != NULL &&
      !km_pack_signature_check_newer (km_pack_manifest_get_version (manifest), (gint64)installed, &error))
    {
      g_printerr ("%s: %s\n", manifest_path, error->message);
      g_clear_error (&error);
      failures++;
    }

  for (guint i = 0; i < km_pack_manifest_get_n_files (manifest); i++)
    {
      const KmPackFile *file = km_pack_manifest_get_file (manifest, i);

      if (!check_file (dir, file, &error))
        {
          g_printerr ("%s: “%s”: %s\n", argv[1], file->path, error->message);
          g_clear_error (&error);
          failures++;
        }
    }

  content_errors = km_content_store_validate_dir (dir);
  km_pack_print_errors (content_errors);
  failures += content_errors->len;

  if (failures > 0)
    {
      g_printerr ("%s: %u problem(s): a kiosk would refuse this pack\n", argv[1], failures);
      return KM_PACK_EXIT_CONTENT;
    }

  {
    g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (info.timestamp);
    g_autofree char *date = when != NULL ? g_date_time_format_iso8601 (when) : g_strdup ("?");

    g_print ("%s: version %" G_GINT64_FORMAT ", %u files, signed by key %s on %s: a kiosk would accept it.\n",
             argv[1], info.version, km_pack_manifest_get_n_files (manifest), info.key_id, date);
  }
  return KM_PACK_EXIT_OK;
}
