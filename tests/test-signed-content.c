/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "km-content-error.h"
#include "km-context.h"
#include "km-minisign.h"
#include "km-pack-dir.h"
#include "km-pack-manifest.h"
#include "km-pack-signature.h"
#include "km-test-utils.h"
#include "km-window.h"
#include "km-test-files.h"
#include "km-i18n.h"

/* --content=DIR when content-trusted-keys is set: a signed folder is
 * shown unless it is older than the installed pack (trust.ini), or the
 * same version with another manifest; an unsigned one is shown on the
 * desktop with a permanent "unsigned" mark in the header bar and never in
 * kiosk mode; a bad signature or a changed file falls back to the bundled
 * exhibition and says why.
 */

static char *tmp_root;
static KmMinisignSecretKey *secret;
static char *pub;
static KmMinisignSecretKey *other_secret;

typedef struct
{
  gboolean    expect_pack;
  const char *error;       /* in the content errors, or NULL */
  gboolean    unsigned_mark;
} Expect;

static const Expect *expect;
static const char *shot_name;
static gboolean activated;


/* The valid fixture in tmp_root/@name, built and signed by @key (NULL: unsigned). */
static char *
make_pack (const char          *name,
           KmMinisignSecretKey *key)
{
  g_autofree char *valid_path = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "content", "valid", NULL);
  g_autoptr(GFile) valid = g_file_new_for_path (valid_path);
  char *path = g_build_filename (tmp_root, name, NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (path);
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *manifest_path = g_build_filename (path, "manifest.ini", NULL);
  gsize length;

  km_test_copy_tree (valid, dir);
  manifest = km_pack_manifest_new_for_dir (dir, 5, &error);
  g_assert_no_error (error);
  data = km_pack_manifest_to_data (manifest, &length);
  g_assert_true (g_file_set_contents (manifest_path, data, length, NULL));
  if (key != NULL)
    {
      g_autofree char *comment = km_pack_signature_make_comment (5, g_get_real_time () / G_USEC_PER_SEC);
      g_autofree char *sig = km_minisign_sign (key, (const guint8 *) data, length, comment, &error);
      g_autofree char *sig_path = g_strconcat (manifest_path, ".minisig", NULL);

      g_assert_no_error (error);
      g_assert_true (g_file_set_contents (sig_path, sig, -1, NULL));
    }
  return path;
}

static void
on_activate_cb (GApplication *app,
                gpointer      user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  KmContext *context = km_application_get_context (KM_APPLICATION (app));
  GPtrArray *errors = km_context_get_content_errors (context);
  GListModel *exhibits = km_content_store_get_exhibits (km_context_get_store (context));
  g_autofree char *info = km_application_dup_debug_info (KM_APPLICATION (app));
  GtkWidget *badge;

  g_assert_true (KM_IS_WINDOW (window));
  activated = TRUE;
  g_test_message ("%s", info);
  if (expect->expect_pack)
    {
      g_assert_null (errors);
      /* The small valid pack, not the bundled exhibition. */
      g_assert_cmpuint (g_list_model_get_n_items (exhibits), <, 16);
    }
  else
    {
      g_autofree char *first = NULL;

      g_assert_nonnull (errors);
      first = km_content_error_to_string (g_ptr_array_index (errors, 0));
      g_test_message ("%s", first);
      g_assert_nonnull (strstr (first, expect->error));
      g_assert_cmpuint (g_list_model_get_n_items (exhibits), >=, 16);
    }
  g_assert_true ((strstr (info, "(unsigned)") != NULL) == expect->unsigned_mark);
  badge = km_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "km-unsigned-badge");
  g_assert_nonnull (badge);
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (badge) == expect->unsigned_mark);
  if (expect->unsigned_mark)
    {
      const char *other = g_str_equal (km_i18n_get_language (), "az") ? "id" : "az";

      /* The mark is in the header bar, in the window's language. */
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, g_dpgettext2 (NULL, "content pack", "Unsigned"));
      g_assert_nonnull (gtk_widget_get_tooltip_text (badge));
      g_free (km_test_save_png (GTK_WIDGET (window), shot_name));

      /* Not a notice that goes: it stays through time, another view and
       * a language switch, and follows the language. */
      km_test_iterate (300);
      g_action_group_activate_action (G_ACTION_GROUP (window), "win.show-view", g_variant_new_string ("timeline"));
      g_action_group_activate_action (G_ACTION_GROUP (app), "language", g_variant_new_string (other));
      km_test_wait_for_draw (GTK_WIDGET (window));
      badge = km_test_find_widget (GTK_WIDGET (window), GTK_TYPE_LABEL, "km-unsigned-badge");
      g_assert_true (gtk_widget_get_mapped (badge));
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (badge)), ==, g_dpgettext2 (NULL, "content pack", "Unsigned"));
      g_assert_cmpstr (km_i18n_get_language (), ==, other);
    }
  gtk_window_destroy (window);
}

static int
run_app (const char *dir,
         gboolean    kiosk,
         const char *language)
{
  g_autoptr(KmApplication) app = km_application_new (G_APPLICATION_NON_UNIQUE);
  g_autofree char *option = g_strdup_printf ("--content=%s", dir);
  g_autofree char *language_option = g_strdup_printf ("--language=%s", language);
  const char *argv[] = { "khojaly-memorial", option, language_option, kiosk ? "--kiosk" : NULL, NULL };
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  const char *keys[] = { pub, NULL };

  g_settings_set_strv (settings, "content-trusted-keys", keys);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), kiosk ? 4 : 3, (char **) argv);
}

typedef struct
{
  const char *name;
  gboolean    signed_by_trusted;
  gboolean    signed_by_other;
  gboolean    tamper;
  gboolean    kiosk;
  Expect      expect;
  const char *language;
  gint64      installed;       /* trust.ini's version, 0 for none */
  gboolean    installed_same;  /* trust.ini names this very manifest */
} Case;

static const Case cases[] = {
  { "signed", TRUE, FALSE, FALSE, FALSE, { TRUE, NULL, FALSE } },
  { "signed-kiosk", TRUE, FALSE, FALSE, TRUE, { TRUE, NULL, FALSE } },
  { "unsigned-desktop", FALSE, FALSE, FALSE, FALSE, { TRUE, NULL, TRUE }, "en" },
  { "unsigned-desktop-az", FALSE, FALSE, FALSE, FALSE, { TRUE, NULL, TRUE }, "az" },
  { "unsigned-desktop-id", FALSE, FALSE, FALSE, FALSE, { TRUE, NULL, TRUE }, "id" },
  { "unsigned-kiosk", FALSE, FALSE, FALSE, TRUE, { FALSE, "the pack is not signed", FALSE } },
  { "other-key", FALSE, TRUE, FALSE, FALSE, { FALSE, "signature from an unknown key", FALSE } },
  { "changed-file", TRUE, FALSE, TRUE, FALSE, { FALSE, "“sources.xml” does not match the manifest", FALSE } },
  /* The pack is version 5; trust.ini remembers what the updater installed. */
  { "older-than-installed", TRUE, FALSE, FALSE, FALSE, { FALSE, "version 5 is not newer than the installed 9", FALSE }, NULL, 9 },
  { "older-than-installed-kiosk", TRUE, FALSE, FALSE, TRUE, { FALSE, "version 5 is not newer than the installed 9", FALSE }, NULL, 9 },
  { "replay-same-version", TRUE, FALSE, FALSE, FALSE, { FALSE, "version 5 is not newer than the installed 5", FALSE }, NULL, 5 },
  { "installed-pack", TRUE, FALSE, FALSE, TRUE, { TRUE, NULL, FALSE }, NULL, 5, TRUE },
  { "newer-than-installed", TRUE, FALSE, FALSE, TRUE, { TRUE, NULL, FALSE }, NULL, 3 },
  { "unsigned-kiosk-installed", FALSE, FALSE, FALSE, TRUE, { FALSE, "the pack is not signed", FALSE }, NULL, 3 },
};

/* A packs folder whose trust.ini remembers @version, with @dir's manifest
 * or another one. */
static void
remember_installed (const char *name,
                    const char *dir,
                    gint64      version,
                    gboolean    same)
{
  g_autofree char *base = g_strdup_printf ("%s/%s-packs", tmp_root, name);
  g_autofree char *trust = g_build_filename (base, "trust.ini", NULL);
  g_autofree char *manifest_path = g_build_filename (dir, "manifest.ini", NULL);
  g_autofree char *manifest = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (manifest_path, &manifest, &length, NULL));
  sha256 = same ? g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) manifest, length)
                : g_compute_checksum_for_string (G_CHECKSUM_SHA256, "another manifest", -1);
  text = g_strdup_printf ("[Trust]\nVersion=%" G_GINT64_FORMAT "\nManifestSHA256=%s\nKeyId=0123456789ABCDEF\n",
                          version, sha256);
  g_assert_cmpint (g_mkdir_with_parents (base, 0700), ==, 0);
  g_assert_true (g_file_set_contents (trust, text, -1, NULL));
  g_setenv ("KM_DATA_DIR", base, TRUE);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;

  if (g_test_subprocess ())
    {
      g_autofree char *dir = make_pack (c->name, c->signed_by_trusted ? secret : c->signed_by_other ? other_secret : NULL);

      if (c->tamper)
        {
          g_autofree char *sources = g_build_filename (dir, "sources.xml", NULL);

          g_assert_true (g_file_set_contents (sources, "<sources/>\n", -1, NULL));
        }
      if (c->installed > 0)
        remember_installed (c->name, dir, c->installed, c->installed_same);
      expect = &c->expect;
      shot_name = c->name;
      g_assert_cmpint (run_app (dir, c->kiosk, c->language != NULL ? c->language : "en"), ==, 0);
      g_assert_true (activated);
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KmMinisignPublicKey) pub_key = NULL;
  int status;

  km_test_init (&argc, &argv);

  /* The same keys in the parent and its children: fixed seeds would be
   * hand-made keys, so the parent writes them to a folder the children read. */
  tmp_root = g_strdup (g_getenv ("KM_SIGNED_CONTENT_ROOT"));
  if (tmp_root == NULL)
    {
      g_autoptr(KmMinisignSecretKey) a = km_minisign_secret_key_generate (NULL);
      g_autoptr(KmMinisignSecretKey) b = km_minisign_secret_key_generate (NULL);
      g_autofree char *a_text = km_minisign_secret_key_to_file_text (a, NULL, 0, 0, NULL);
      g_autofree char *b_text = km_minisign_secret_key_to_file_text (b, NULL, 0, 0, NULL);
      g_autofree char *a_path = NULL;
      g_autofree char *b_path = NULL;

      tmp_root = g_dir_make_tmp ("km-signed-content-XXXXXX", NULL);
      a_path = g_build_filename (tmp_root, "a.key", NULL);
      b_path = g_build_filename (tmp_root, "b.key", NULL);
      g_assert_true (g_file_set_contents (a_path, a_text, -1, NULL));
      g_assert_true (g_file_set_contents (b_path, b_text, -1, NULL));
      g_setenv ("KM_SIGNED_CONTENT_ROOT", tmp_root, TRUE);
    }
  {
    g_autofree char *a_path = g_build_filename (tmp_root, "a.key", NULL);
    g_autofree char *b_path = g_build_filename (tmp_root, "b.key", NULL);

    secret = km_minisign_secret_key_load (a_path, NULL, NULL);
    other_secret = km_minisign_secret_key_load (b_path, NULL, NULL);
    g_assert_nonnull (secret);
    g_assert_nonnull (other_secret);
  }
  pub_key = km_minisign_secret_key_get_public_key (secret);
  pub = km_minisign_public_key_to_base64 (pub_key);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/km/signed-content/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }

  status = g_test_run ();

  if (!g_test_subprocess ())
    {
      g_autoptr(GFile) root = g_file_new_for_path (tmp_root);

      km_pack_dir_remove_tree (root);
    }
  km_minisign_secret_key_free (secret);
  km_minisign_secret_key_free (other_secret);
  g_free (pub);
  g_free (tmp_root);
  return status;
}
