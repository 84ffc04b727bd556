/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <locale.h>

/* khojaly-memorial-pack keygen, sign and verify, run as a publisher runs
 * them, and with the minisign program ($MINISIGN) in their place.
 */

static char *tmp_root;

static int
run_v (const char  *program,
       char       **out,
       char       **err,
       const char  *first,
       va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  g_ptr_array_add (argv, (gpointer)program);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *)argv->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                            G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_test_message ("%s: %s%s", program, stdout_text, stderr_text);
  if (out)
    *out = g_steal_pointer (&stdout_text);
  if (err)
    *err = g_steal_pointer (&stderr_text);
  return g_subprocess_get_exit_status (proc);
}

static int G_GNUC_NULL_TERMINATED
run_pack (char **out,
          char **err,
          ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_v (g_getenv ("KM_PACK_BINARY"), out, err, va_arg (args, const char *), args);
  va_end (args);
  return status;
}

static int G_GNUC_NULL_TERMINATED
run_minisign (char **err,
              ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_v (g_getenv ("MINISIGN"), NULL, err, va_arg (args, const char *), args);
  va_end (args);
  return status;
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_root, name, NULL);
}

/* A new pack of @version in tmp_root/@name, built (not signed). */
static char *
make_pack (const char *name,
           const char *version)
{
  char *dir = tmp_path (name);

  g_assert_cmpint (run_pack (NULL, NULL, "new", dir, NULL), ==, 0);
  g_assert_cmpint (run_pack (NULL, NULL, "build", dir, "--version", version, NULL), ==, 0);
  return dir;
}

static void
keygen (const char  *name,
        char       **sec,
        char       **pub)
{
  g_autofree char *sec_name = g_strconcat (name, ".key", NULL);
  g_autofree char *pub_name = g_strconcat (name, ".pub", NULL);
  g_autofree char *out = NULL;

  *sec = tmp_path (sec_name);
  *pub = tmp_path (pub_name);
  g_assert_cmpint (run_pack (&out, NULL, "keygen", "--secret-key", *sec, "--public-key", *pub, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Key id "));
}

static void
test_sign_verify (void)
{
  g_autofree char *sec = NULL, *pub = NULL, *sec2 = NULL, *pub2 = NULL;
  g_autofree char *dir = make_pack ("signed", "4");
  g_autofree char *manifest = g_build_filename (dir, "manifest.ini", NULL);
  g_autofree char *sig = g_build_filename (dir, "manifest.ini.minisig", NULL);
  g_autofree char *sources = g_build_filename (dir, "sources.xml", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pub_text = NULL;
  g_autofree char *sig_text = NULL;
  g_auto(GStrv) pub_lines = NULL;
  g_auto(GStrv) sig_lines = NULL;
  GStatBuf st;

  keygen ("publisher", &sec, &pub);
  g_assert_cmpint (g_stat (sec, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* keygen never overwrites a key. */
  g_assert_cmpint (run_pack (NULL, &err, "keygen", "-s", sec, "-p", pub, NULL), ==, 1);
  g_assert_nonnull (strstr (err, sec));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_pack (&out, NULL, "sign", dir, "--key", sec, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "version 4"));
  g_clear_pointer (&out, g_free);

  /* The trusted comment is the documented one. */
  g_assert_true (g_file_get_contents (sig, &sig_text, NULL, NULL));
  sig_lines = g_strsplit (sig_text, "\n", -1);
  g_assert_cmpuint (g_strv_length (sig_lines), ==, 5);
  g_assert_true (g_regex_match_simple ("^trusted comment: version:4 timestamp:[0-9]{10} file:manifest.ini$",
                                       sig_lines[2], 0, 0));

  /* minisign accepts the signature; verify accepts the .pub file or its line. */
  g_assert_cmpint (run_minisign (NULL, "-V", "-p", pub, "-m", manifest, NULL), ==, 0);
  g_assert_cmpint (run_pack (&out, NULL, "verify", dir, "--key", pub, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "a kiosk would accept it"));
  g_clear_pointer (&out, g_free);
  g_assert_true (g_file_get_contents (pub, &pub_text, NULL, NULL));
  pub_lines = g_strsplit (pub_text, "\n", -1);
  g_assert_cmpint (run_pack (NULL, NULL, "verify", dir, "--key", pub_lines[1], NULL), ==, 0);

  /* Another key. */
  keygen ("other", &sec2, &pub2);
  g_assert_cmpint (run_pack (NULL, &err, "verify", dir, "--key", pub2, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "signature from an unknown key"));
  g_clear_pointer (&err, g_free);
  /* Both keys trusted. */
  g_assert_cmpint (run_pack (NULL, NULL, "verify", dir, "--key", pub2, "--key", pub, NULL), ==, 0);

  /* What a kiosk with version 4 installed says. */
  g_assert_cmpint (run_pack (NULL, &err, "verify", dir, "--key", pub, "--installed", "4", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "version 4 is not newer than the installed 4"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pack (NULL, NULL, "verify", dir, "--key", pub, "--installed", "3", NULL), ==, 0);

  /* A changed file: a message for it, and for the content. */
  g_assert_true (g_file_set_contents (sources, "<sources/>\n", -1, NULL));
  g_assert_cmpint (run_pack (NULL, &err, "verify", dir, "--key", pub, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "“sources.xml”: 11 bytes where the manifest says"));
  g_clear_pointer (&err, g_free);

  /* The changed manifest: a new build drops the stale signature. */
  g_assert_cmpint (run_pack (&out, NULL, "build", dir, "--version", "5", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "sign the pack again"));
  g_assert_false (g_file_test (sig, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_pack (NULL, &err, "verify", dir, "--key", pub, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "manifest.ini.minisig"));
}

/* A publisher who signs with the minisign program. */
static void
test_minisign_signed (void)
{
  g_autofree char *dir = make_pack ("minisigned", "7");
  g_autofree char *manifest = g_build_filename (dir, "manifest.ini", NULL);
  g_autofree char *sec = tmp_path ("m.key");
  g_autofree char *pub = tmp_path ("m.pub");
  g_autofree char *err = NULL;
  g_autofree char *comment = g_strdup_printf ("version:7 timestamp:%" G_GINT64_FORMAT " file:manifest.ini",
                                              g_get_real_time () / G_USEC_PER_SEC);

  g_assert_cmpint (run_minisign (NULL, "-G", "-W", "-p", pub, "-s", sec, NULL), ==, 0);
  g_assert_cmpint (run_minisign (NULL, "-S", "-s", sec, "-m", manifest, "-t", comment, NULL), ==, 0);
  g_assert_cmpint (run_pack (NULL, NULL, "verify", dir, "--key", pub, "--max-age-days", "1", NULL), ==, 0);

  /* minisign's own trusted comment names no version. */
  g_assert_cmpint (run_minisign (NULL, "-S", "-s", sec, "-m", manifest, NULL), ==, 0);
  g_assert_cmpint (run_pack (NULL, &err, "verify", dir, "--key", pub, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "the trusted comment does not say “version:N timestamp:T”"));
  g_clear_pointer (&err, g_free);

  /* A version that is not the manifest's. */
  g_assert_cmpint (run_minisign (NULL, "-S", "-s", sec, "-m", manifest, "-t", "version:8 timestamp:1764806400", NULL), ==, 0);
  g_assert_cmpint (run_pack (NULL, &err, "verify", dir, "--key", pub, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "the signature is for version 8, the manifest says 7"));
  g_clear_pointer (&err, g_free);

  /* Signed long ago. */
  g_assert_cmpint (run_minisign (NULL, "-S", "-s", sec, "-m", manifest, "-t", "version:7 timestamp:1000000000", NULL), ==, 0);
  g_assert_cmpint (run_pack (NULL, NULL, "verify", dir, "--key", pub, NULL), ==, 0);
  g_assert_cmpint (run_pack (NULL, &err, "verify", dir, "--key", pub, "--max-age-days", "30", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "signed on 2001-09-09, more than 30 days ago"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmp_root = g_dir_make_tmp ("km-pack-sign-XXXXXX", NULL);
  g_assert_nonnull (tmp_root);

  g_test_add_func ("/km/pack-sign/sign-verify", test_sign_verify);
  g_test_add_func ("/km/pack-sign/minisign-signed", test_minisign_signed);

  status = g_test_run ();

  {
    const char *rm[] = { "rm", "-rf", tmp_root, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **)rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
  }
  g_free (tmp_root);
  return status;
}
