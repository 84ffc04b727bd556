/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sodium.h>

#include "km-minisign.h"

/* km-minisign against the real minisign program ($MINISIGN): keys and
 * signatures it makes are read and checked here, and the ones made here
 * are accepted by it.
 */

static char *tmp_root;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_root, name, NULL);
}

/* Runs minisign with @input on standard input; returns its exit status. */
static int
run_minisign (const char  *input,
              char       **err_out,
              const char  *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer)g_getenv ("MINISIGN"));
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *)argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  if (err_out)
    *err_out = g_steal_pointer (&err);
  return g_subprocess_get_exit_status (proc);
}

static char *
write_tmp (const char *name,
           const char *text)
{
  char *path = tmp_path (name);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static char *
read_tmp (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

#define MANIFEST "[Pack]\nVersion=3\n\n[File sources.xml]\nSize=12\nSHA256=0000\n"

/* A key pair from minisign -G -W; returns the paths. */
static void
minisign_keygen (const char  *name,
                 char       **pub,
                 char       **sec)
{
  g_autofree char *pub_name = g_strconcat (name, ".pub", NULL);
  g_autofree char *sec_name = g_strconcat (name, ".key", NULL);

  *pub = tmp_path (pub_name);
  *sec = tmp_path (sec_name);
  g_assert_cmpint (run_minisign (NULL, NULL, "-G", "-f", "-W", "-p", *pub, "-s", *sec, NULL), ==, 0);
}

static GPtrArray *
keys_new (KmMinisignPublicKey *first,
          ...)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify)km_minisign_public_key_free);
  va_list args;

  va_start (args, first);
  for (KmMinisignPublicKey *k = first; k; k = va_arg (args, KmMinisignPublicKey *))
    g_ptr_array_add (keys, k);
  va_end (args);
  return keys;
}

static KmMinisignSignature *
load_signature (const char *path)
{
  g_autofree char *text = read_tmp (path);
  g_autoptr(GError) error = NULL;
  KmMinisignSignature *sig = km_minisign_signature_parse (text, strlen (text), path, &error);

  g_assert_no_error (error);
  return sig;
}

static void
test_minisign_signatures (void)
{
  g_autofree char *pub = NULL, *sec = NULL, *pub2 = NULL, *sec2 = NULL;
  g_autofree char *manifest = write_tmp ("manifest.ini", MANIFEST);
  g_autofree char *sig_path = g_strconcat (manifest, ".minisig", NULL);
  g_autofree char *pub_text = NULL;
  g_autofree char *id = NULL;
  g_autofree char *sig_id = NULL;
  g_autofree char *version = NULL;
  g_autofree char *timestamp = NULL;
  g_autoptr(KmMinisignSignature) sig = NULL;
  g_autoptr(KmMinisignPublicKey) line_key = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) other_keys = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) pub_lines = NULL;
  const KmMinisignPublicKey *signer;

  minisign_keygen ("first", &pub, &sec);
  minisign_keygen ("second", &pub2, &sec2);
  g_assert_cmpint (run_minisign (NULL, NULL, "-S", "-s", sec, "-m", manifest,
                                 "-t", "version:3 timestamp:1733300000 file:manifest.ini", NULL), ==, 0);

  /* The .pub file and its base64 line alone give the same key and id,
   * which is the one minisign wrote in the comment.
   */
  keys = keys_new (km_minisign_public_key_load (pub, &error), NULL);
  g_assert_no_error (error);
  pub_text = read_tmp (pub);
  pub_lines = g_strsplit (pub_text, "\n", -1);
  line_key = km_minisign_public_key_parse (pub_lines[1], NULL, &error);
  g_assert_no_error (error);
  id = km_minisign_public_key_dup_id (g_ptr_array_index (keys, 0));
  {
    g_autofree char *suffix = g_strconcat (" ", id, NULL);

    g_assert_true (g_str_has_suffix (pub_lines[0], suffix));
  }
  {
    g_autofree char *line_id = km_minisign_public_key_dup_id (line_key);
    g_autofree char *b64 = km_minisign_public_key_to_base64 (line_key);

    g_assert_cmpstr (line_id, ==, id);
    g_assert_cmpstr (b64, ==, pub_lines[1]);
  }

  sig = load_signature (sig_path);
  sig_id = km_minisign_signature_dup_key_id (sig);
  g_assert_cmpstr (sig_id, ==, id);
  signer = km_minisign_signature_verify (sig, keys, (const guint8 *)MANIFEST, strlen (MANIFEST), &error);
  g_assert_no_error (error);
  g_assert_true (signer == g_ptr_array_index (keys, 0));
  version = km_minisign_trusted_comment_lookup (km_minisign_signature_get_trusted_comment (sig), "version");
  timestamp = km_minisign_trusted_comment_lookup (km_minisign_signature_get_trusted_comment (sig), "timestamp");
  g_assert_cmpstr (version, ==, "3");
  g_assert_cmpstr (timestamp, ==, "1733300000");

  /* Another key: unknown, even when it is one of several trusted. */
  other_keys = keys_new (km_minisign_public_key_load (pub2, &error), NULL);
  g_assert_no_error (error);
  g_assert_null (km_minisign_signature_verify (sig, other_keys, (const guint8 *)MANIFEST,
                                               strlen (MANIFEST), &error));
  g_assert_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_UNKNOWN_KEY);
  g_assert_true (g_str_has_prefix (error->message, "signature from an unknown key"));
  g_assert_nonnull (strstr (error->message, id));
  g_clear_error (&error);

  /* Both keys trusted: the first one's signature verifies. */
  g_ptr_array_add (other_keys, km_minisign_public_key_copy (g_ptr_array_index (keys, 0)));
  g_assert_true (km_minisign_signature_verify (sig, other_keys, (const guint8 *)MANIFEST,
                                               strlen (MANIFEST), &error) == g_ptr_array_index (other_keys, 1));
  g_assert_no_error (error);

  /* A different manifest: one byte changed. */
  {
    g_autofree char *changed = g_strdup (MANIFEST);

    changed[strlen ("[Pack]\nVersion=")] = '9';
    g_assert_null (km_minisign_signature_verify (sig, keys, (const guint8 *)changed, strlen (changed), &error));
    g_assert_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_BAD_SIGNATURE);
    g_assert_cmpstr (error->message, ==, "signature does not match the manifest");
    g_clear_error (&error);
  }

  /* The trusted comment edited to claim a newer version. */
  {
    g_autofree char *text = read_tmp (sig_path);
    g_autoptr(GString) tampered = g_string_new (text);
    g_autoptr(KmMinisignSignature) bad = NULL;

    g_assert_cmpuint (g_string_replace (tampered, "version:3 ", "version:4 ", 1), ==, 1);
    bad = km_minisign_signature_parse (tampered->str, tampered->len, "tampered.minisig", &error);
    g_assert_no_error (error);
    g_assert_null (km_minisign_signature_verify (bad, keys, (const guint8 *)MANIFEST, strlen (MANIFEST), &error));
    g_assert_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_BAD_TRUSTED_COMMENT);
    g_assert_cmpstr (error->message, ==, "trusted comment was altered");
    g_clear_error (&error);
  }
}

/* minisign reads keys and signatures made here, and the other way round. */
static void
test_interoperate (void)
{
  g_autofree char *pub = NULL, *sec = NULL;
  g_autofree char *manifest = write_tmp ("manifest-b.ini", MANIFEST "# b\n");
  g_autofree char *sig_path = g_strconcat (manifest, ".minisig", NULL);
  g_autofree char *sec_text = NULL;
  g_autofree char *my_sec_path = NULL;
  g_autofree char *my_pub_path = NULL;
  g_autofree char *pub_text = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *my_pub_text = NULL;
  g_autoptr(KmMinisignSecretKey) minisign_key = NULL;
  g_autoptr(KmMinisignSecretKey) my_key = NULL;
  g_autoptr(KmMinisignPublicKey) derived = NULL;
  g_autoptr(KmMinisignPublicKey) my_pub = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  /* minisign's secret key, read here, signs what minisign verifies with its .pub. */
  minisign_keygen ("third", &pub, &sec);
  minisign_key = km_minisign_secret_key_load (sec, NULL, &error);
  g_assert_no_error (error);
  derived = km_minisign_secret_key_get_public_key (minisign_key);
  my_pub_text = km_minisign_public_key_to_file_text (derived);
  pub_text = read_tmp (pub);
  g_assert_cmpstr (strchr (my_pub_text, '\n'), ==, strchr (pub_text, '\n'));

  signature = km_minisign_sign (minisign_key, (const guint8 *)MANIFEST "# b\n", strlen (MANIFEST "# b\n"),
                                "version:5 timestamp:1733300000 file:manifest.ini", &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (sig_path, signature, -1, NULL));
  g_assert_cmpint (run_minisign (NULL, NULL, "-V", "-p", pub, "-m", manifest, NULL), ==, 0);

  /* A key made here, unencrypted (like -W): minisign signs with it. */
  my_key = km_minisign_secret_key_generate (&error);
  g_assert_no_error (error);
  sec_text = km_minisign_secret_key_to_file_text (my_key, NULL, 0, 0, &error);
  g_assert_no_error (error);
  my_sec_path = write_tmp ("mine.key", sec_text);
  my_pub = km_minisign_secret_key_get_public_key (my_key);
  g_free (my_pub_text);
  my_pub_text = km_minisign_public_key_to_file_text (my_pub);
  my_pub_path = write_tmp ("mine.pub", my_pub_text);
  g_assert_cmpint (run_minisign (NULL, NULL, "-S", "-s", my_sec_path, "-m", manifest, "-t", "version:6", NULL), ==, 0);
  g_assert_cmpint (run_minisign (NULL, NULL, "-V", "-p", my_pub_path, "-m", manifest, NULL), ==, 0);
  keys = keys_new (km_minisign_public_key_copy (my_pub), NULL);
  {
    g_autoptr(KmMinisignSignature) sig = load_signature (sig_path);

    g_assert_nonnull (km_minisign_signature_verify (sig, keys, (const guint8 *)MANIFEST "# b\n",
                                                    strlen (MANIFEST "# b\n"), &error));
    g_assert_no_error (error);
    g_assert_cmpstr (km_minisign_signature_get_trusted_comment (sig), ==, "version:6");
  }
}

/* A password-protected key (scrypt): written here with a small cost,
 * minisign signs with it given the password, and it is read back only
 * with the right password.
 */
static void
test_encrypted_key (void)
{
  g_autofree char *manifest = write_tmp ("manifest-c.ini", MANIFEST "# c\n");
  g_autofree char *sec_text = NULL;
  g_autofree char *sec_path = NULL;
  g_autofree char *pub_path = NULL;
  g_autofree char *pub_text = NULL;
  g_autofree char *err = NULL;
  g_autoptr(KmMinisignSecretKey) key = NULL;
  g_autoptr(KmMinisignSecretKey) again = NULL;
  g_autoptr(KmMinisignPublicKey) pub = NULL;
  g_autoptr(KmMinisignPublicKey) pub_again = NULL;
  g_autoptr(GError) error = NULL;

  key = km_minisign_secret_key_generate (&error);
  g_assert_no_error (error);
  sec_text = km_minisign_secret_key_to_file_text (key, "correct horse",
                                                  crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_INTERACTIVE,
                                                  crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_INTERACTIVE,
                                                  &error);
  g_assert_no_error (error);
  g_assert_true (km_minisign_secret_key_file_is_encrypted (sec_text, strlen (sec_text)));
  sec_path = write_tmp ("encrypted.key", sec_text);
  pub = km_minisign_secret_key_get_public_key (key);
  pub_text = km_minisign_public_key_to_file_text (pub);
  pub_path = write_tmp ("encrypted.pub", pub_text);

  g_assert_cmpint (run_minisign ("correct horse\n", &err, "-S", "-s", sec_path, "-m", manifest, NULL), ==, 0);
  g_assert_cmpint (run_minisign (NULL, NULL, "-V", "-p", pub_path, "-m", manifest, NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_minisign ("wrong\n", &err, "-S", "-s", sec_path, "-m", manifest, NULL), !=, 0);

  g_assert_null (km_minisign_secret_key_load (sec_path, NULL, &error));
  g_assert_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_NEEDS_PASSWORD);
  g_clear_error (&error);
  g_assert_null (km_minisign_secret_key_load (sec_path, "wrong", &error));
  g_assert_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  again = km_minisign_secret_key_load (sec_path, "correct horse", &error);
  g_assert_no_error (error);
  pub_again = km_minisign_secret_key_get_public_key (again);
  {
    g_autofree char *a = km_minisign_public_key_to_base64 (pub);
    g_autofree char *b = km_minisign_public_key_to_base64 (pub_again);

    g_assert_cmpstr (a, ==, b);
  }
}

typedef struct
{
  const char *name;
  const char *text;
  const char *message;   /* after "NAME:" */
} Malformed;

#define GOOD_SIG "RUQAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4/QEFCQ0RFRkc="
#define GOOD_GLOBAL "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl9gYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+fw=="

static const Malformed malformed[] = {
  { "empty", "", "empty" },
  { "no-comment", GOOD_SIG "\n", "1: the first line does not start with" },
  { "short", "untrusted comment: x\n" GOOD_SIG "\n", "3: the file ends here" },
  { "bad-base64", "untrusted comment: x\nRUR4*\ntrusted comment: a\n" GOOD_GLOBAL "\n", "2: not base64 text" },
  { "wrong-length", "untrusted comment: x\nRUR4VRkz\ntrusted comment: a\n" GOOD_GLOBAL "\n", "2: 6 bytes where 74 were expected" },
  { "no-trusted", "untrusted comment: x\n" GOOD_SIG "\ncomment: a\n" GOOD_GLOBAL "\n", "3: the line does not start with" },
  { "bad-global", "untrusted comment: x\n" GOOD_SIG "\ntrusted comment: a\nAAAA\n", "4: 3 bytes where 64 were expected" },
  { "extra", "untrusted comment: x\n" GOOD_SIG "\ntrusted comment: a\n" GOOD_GLOBAL "\nmore\n", "5: a signature has four lines" },
  { "binary", "untrusted comment: \xff\n", "not a text file" },
};

static void
test_malformed (gconstpointer data)
{
  const Malformed *m = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s.minisig:", m->name);
  g_autofree char *filename = g_strdup_printf ("%s.minisig", m->name);

  g_assert_null (km_minisign_signature_parse (m->text, strlen (m->text), filename, &error));
  g_assert_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_MALFORMED);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message + strlen (prefix), m->message));
}

static void
test_malformed_keys (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (km_minisign_public_key_parse ("untrusted comment: k\nRWQ!\n", "k.pub", &error));
  g_assert_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, "k.pub:2: not base64 text");
  g_clear_error (&error);

  /* A signature line is not a public key. */
  g_assert_null (km_minisign_public_key_parse (GOOD_SIG, "setting", &error));
  g_assert_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, "setting:1: 74 bytes where 42 were expected");
  g_clear_error (&error);

  g_assert_null (km_minisign_secret_key_parse ("untrusted comment: k\n" GOOD_GLOBAL "\n",
                                               strlen ("untrusted comment: k\n" GOOD_GLOBAL "\n"),
                                               "k.key", NULL, &error));
  g_assert_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, "k.key:2: 64 bytes where 158 were expected");
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmp_root = g_dir_make_tmp ("km-minisign-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);

  g_test_add_func ("/km/minisign/minisign-signatures", test_minisign_signatures);
  g_test_add_func ("/km/minisign/interoperate", test_interoperate);
  g_test_add_func ("/km/minisign/encrypted-key", test_encrypted_key);
  g_test_add_func ("/km/minisign/malformed-keys", test_malformed_keys);
  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/km/minisign/malformed/%s", malformed[i].name);

      g_test_add_data_func (path, &malformed[i], test_malformed);
    }

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_root);
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
  g_free (tmp_root);
  return status;
}
