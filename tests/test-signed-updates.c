/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "km-content-updater.h"
#include "km-fake-clock.h"
#include "km-minisign.h"
#include "km-pack-dir.h"
#include "km-pack-manifest.h"
#include "km-pack-signature.h"
#include "km-status-server.h"
#include <json-glib/json-glib.h>
#include "km-i18n.h"
#include "km-test-files.h"

/* Signed packs (content-trusted-keys): a real SoupServer on 127.0.0.1
 * serves site/manifest.ini, its .minisig and the files; every hostile case
 * ends with the last good pack and a status that says why.
 */

typedef struct
{
  KmMinisignSecretKey *secret;
  char                *pub;      /* the .pub file's second line */
  char                *id;
} Key;

typedef struct
{
  char             *root;
  GFile            *site;
  GFile            *base;
  SoupServer       *server;
  char             *url;
  GHashTable       *counts;
  KmClock          *clock;
  KmContentUpdater *updater;
  Key               a;
  Key               b;
} Fixture;

static void
key_init (Key *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KmMinisignPublicKey) pub = NULL;

  key->secret = km_minisign_secret_key_generate (&error);
  g_assert_no_error (error);
  pub = km_minisign_secret_key_get_public_key (key->secret);
  key->pub = km_minisign_public_key_to_base64 (pub);
  key->id = km_minisign_public_key_dup_id (pub);
}

static void
key_clear (Key *key)
{
  km_minisign_secret_key_free (key->secret);
  g_free (key->pub);
  g_free (key->id);
}


static void
set_file (GFile      *dir,
          const char *name,
          const char *text)
{
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autoptr(GError) error = NULL;

  g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
get_file (GFile      *dir,
          const char *name)
{
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  char *text = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, NULL));
  return text;
}

/* The valid fixture as @version, "edition N." in sources.xml, its
 * manifest signed by @key at @timestamp (0: now); @key NULL leaves it
 * unsigned.
 */
static void
publish_at (GFile      *site,
            gint64      version,
            const char *edition,
            Key        *key,
            gint64      timestamp)
{
  g_autofree char *valid_path = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "content", "valid", NULL);
  g_autoptr(GFile) valid = g_file_new_for_path (valid_path);
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *data = NULL;
  g_auto(GStrv) parts = NULL;
  gsize length;

  km_pack_dir_remove_tree (site);
  km_test_copy_tree (valid, site);
  sources = get_file (site, "sources.xml");
  parts = g_strsplit (sources, "Report of the anniversary rally.", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  changed = g_strconcat (parts[0], "Report of the anniversary rally. ", edition, parts[1], NULL);
  set_file (site, "sources.xml", changed);

  manifest = km_pack_manifest_new_for_dir (site, version, &error);
  g_assert_no_error (error);
  data = km_pack_manifest_to_data (manifest, &length);
  set_file (site, "manifest.ini", data);

  if (key != NULL)
    {
      g_autofree char *comment = km_pack_signature_make_comment (version, timestamp != 0 ? timestamp
                                                                 : g_get_real_time () / G_USEC_PER_SEC);
      g_autofree char *signature = km_minisign_sign (key->secret, (const guint8 *) data, length, comment, &error);

      g_assert_no_error (error);
      set_file (site, "manifest.ini.minisig", signature);
    }
}

static void
publish (Fixture    *fx,
         gint64      version,
         const char *edition,
         Key        *key)
{
  publish_at (fx->site, version, edition, key, 0);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  GFile *site = user_data;
  g_autoptr(GFile) file = NULL;
  GHashTable *counts = g_object_get_data (G_OBJECT (server), "counts");
  char *data = NULL;
  gsize length;

  if (counts != NULL)
    g_hash_table_insert (counts, g_strdup (path),
                         GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, path)) + 1));

  file = g_file_resolve_relative_path (site, path + 1);
  if (strstr (path, "..") != NULL || !g_file_load_contents (file, NULL, &data, &length, NULL, NULL))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/octet-stream", SOUP_MEMORY_TAKE, data, length);
}

static SoupServer *
start_server (GFile  *site,
              char  **url)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, on_request_cb, site, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  *url = g_strdup_printf ("http://127.0.0.1:%d/manifest.ini", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static gboolean
is_idle (gpointer data)
{
  KmUpdateState state = km_content_updater_get_state (data);

  return state != KM_UPDATE_STATE_CHECKING && state != KM_UPDATE_STATE_DOWNLOADING;
}

static KmContentUpdater *
new_updater (KmClock     *clock,
             GFile       *base,
             const char  *url,
             const char  *key1,
             const char  *key2)
{
  const char *keys[] = { key1, key2, NULL };
  KmContentUpdater *updater = km_content_updater_new (clock, base);

  km_content_updater_set_timeout (updater, 2);
  g_object_set (updater, "url", url, "allow-http", TRUE, "trusted-keys", keys, NULL);
  return updater;
}

static void
run_check (Fixture *fx)
{
  km_content_updater_check_now (fx->updater);
  g_assert_true (km_test_wait_until (is_idle, fx->updater, 20000));
}

/* A new updater on the same folders, as after a restart. */
static void
restart (Fixture    *fx,
         const char *key1,
         const char *key2)
{
  g_assert_finalize_object (fx->updater);
  fx->updater = new_updater (fx->clock, fx->base, fx->url, key1, key2);
}

static guint
count (Fixture    *fx,
       const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fx->counts, path));
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->root = g_dir_make_tmp ("km-signed-XXXXXX", &error);
  g_assert_no_error (error);
  fx->site = g_file_new_build_filename (fx->root, "site", NULL);
  fx->base = g_file_new_build_filename (fx->root, "packs", NULL);
  fx->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fx->server = start_server (fx->site, &fx->url);
  g_object_set_data (G_OBJECT (fx->server), "counts", fx->counts);
  key_init (&fx->a);
  key_init (&fx->b);
  fx->clock = km_fake_clock_new ();
  fx->updater = new_updater (fx->clock, fx->base, fx->url, fx->a.pub, NULL);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GFile) root = g_file_new_for_path (fx->root);

  km_content_updater_stop (fx->updater);
  g_assert_true (km_test_wait_until (is_idle, fx->updater, 5000));
  g_assert_finalize_object (fx->updater);
  g_clear_object (&fx->clock);
  soup_server_disconnect (fx->server);
  g_clear_object (&fx->server);
  g_hash_table_unref (fx->counts);
  key_clear (&fx->a);
  key_clear (&fx->b);
  km_pack_dir_remove_tree (root);
  g_clear_object (&fx->site);
  g_clear_object (&fx->base);
  g_free (fx->url);
  g_free (fx->root);
}

static gint64
active_version_on_disk (GFile *base)
{
  g_autoptr(GFile) active = km_pack_dir_resolve (base, "active");
  g_autoptr(KmPackManifest) manifest = NULL;

  if (active == NULL)
    return 0;
  manifest = km_pack_manifest_load (active, NULL);
  g_assert_nonnull (manifest);
  return km_pack_manifest_get_version (manifest);
}

static void
assert_refused (Fixture    *fx,
                gint64      kept_version,
                const char *reason)
{
  g_autofree char *status = km_content_updater_dup_status_text (fx->updater);
  const char *refusal = km_content_updater_get_last_refusal (fx->updater);

  g_test_message ("status: %s", status);
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_FAILED);
  g_assert_nonnull (refusal);
  g_assert_true (g_str_has_prefix (refusal, reason));
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, kept_version);
  g_assert_cmpint (active_version_on_disk (fx->base), ==, kept_version);
  /* Said once, while it is the last failure. */
  g_assert_nonnull (strstr (status, reason));
  g_assert_null (strstr (strstr (status, reason) + 1, reason));
}

static void
install (Fixture *fx,
         gint64   version,
         Key     *key)
{
  g_autofree char *edition = g_strdup_printf ("edition %" G_GINT64_FORMAT ".", version);
  g_autofree char *status = NULL;
  g_autofree char *signed_by = NULL;

  publish (fx, version, edition, key);
  run_check (fx);
  g_assert_cmpstr (km_content_updater_get_last_error (fx->updater), ==, NULL);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, version);
  g_assert_cmpstr (km_content_updater_get_key_id (fx->updater), ==, key->id);
  g_assert_cmpint (km_content_updater_get_trusted_version (fx->updater), ==, version);
  status = km_content_updater_dup_status_text (fx->updater);
  signed_by = g_strdup_printf ("Version %" G_GINT64_FORMAT " is signed by key %s.", version, key->id);
  g_assert_nonnull (strstr (status, signed_by));
}

static void
test_signed (Fixture       *fx,
             gconstpointer  data)
{
  g_autofree char *trust = NULL;

  install (fx, 1, &fx->a);
  g_assert_cmpuint (count (fx, "/manifest.ini.minisig"), ==, 1);
  trust = get_file (fx->base, "trust.ini");
  g_assert_nonnull (strstr (trust, "Version=1\n"));
  g_assert_nonnull (strstr (trust, fx->a.id));

  /* The same manifest again: up to date, no second signature fetch. */
  run_check (fx);
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_READY);
  g_assert_cmpuint (count (fx, "/manifest.ini.minisig"), ==, 1);
}

static void
test_unsigned_status (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *status = NULL;

  g_object_set (fx->updater, "trusted-keys", NULL, NULL);
  g_assert_false (km_content_updater_get_signing_required (fx->updater));
  publish (fx, 1, "edition 1.", NULL);
  run_check (fx);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 1);
  g_assert_null (km_content_updater_get_key_id (fx->updater));
  status = km_content_updater_dup_status_text (fx->updater);
  g_assert_nonnull (strstr (status, "Content packs are unsigned: no trusted keys are set."));
  /* No signature was asked for. */
  g_assert_cmpuint (count (fx, "/manifest.ini.minisig"), ==, 0);
}

/* Every refusal comes before any file the manifest names is fetched. */
static void
test_unknown_key (Fixture       *fx,
                  gconstpointer  data)
{
  install (fx, 1, &fx->a);
  g_hash_table_remove_all (fx->counts);
  publish (fx, 2, "edition 2.", &fx->b);
  run_check (fx);
  assert_refused (fx, 1, "signature from an unknown key");
  g_assert_cmpuint (count (fx, "/sources.xml"), ==, 0);

  /* The next check finds version 1 again: the refusal is still said. */
  publish (fx, 1, "edition 1.", &fx->a);
  run_check (fx);
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_READY);
  {
    g_autofree char *status = km_content_updater_dup_status_text (fx->updater);

    g_test_message ("status: %s", status);
    g_assert_nonnull (strstr (status, "The last pack was refused: signature from an unknown key ("));
  }
}

static void
test_not_signed (Fixture       *fx,
                 gconstpointer  data)
{
  publish (fx, 1, "edition 1.", NULL);
  run_check (fx);
  assert_refused (fx, 0, "the pack is not signed: the server answered 404");
  g_assert_cmpuint (count (fx, "/sources.xml"), ==, 0);
}

static void
test_manifest_changed (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *manifest = NULL;
  g_autofree char *changed = NULL;

  install (fx, 1, &fx->a);
  g_hash_table_remove_all (fx->counts);
  publish (fx, 2, "edition 2.", &fx->a);
  /* Someone on the server points a file at other bytes. */
  manifest = get_file (fx->site, "manifest.ini");
  changed = g_strconcat (manifest, "\n[File extra.xml]\nSize=4\nSHA256=", "0000000000000000000000000000000000000000000000000000000000000000", "\n", NULL);
  set_file (fx->site, "manifest.ini", changed);
  run_check (fx);
  assert_refused (fx, 1, "signature does not match the manifest");
  g_assert_cmpuint (count (fx, "/sources.xml"), ==, 0);
}

static void
test_trusted_comment_altered (Fixture       *fx,
                              gconstpointer  data)
{
  g_autofree char *sig = NULL;
  g_autoptr(GString) changed = NULL;

  install (fx, 1, &fx->a);
  publish (fx, 2, "edition 2.", &fx->a);
  sig = get_file (fx->site, "manifest.ini.minisig");
  changed = g_string_new (sig);
  g_assert_cmpuint (g_string_replace (changed, "version:2 ", "version:3 ", 1), ==, 1);
  set_file (fx->site, "manifest.ini.minisig", changed->str);
  run_check (fx);
  assert_refused (fx, 1, "trusted comment was altered");
}

static void
test_rollback (Fixture       *fx,
               gconstpointer  data)
{
  install (fx, 1, &fx->a);
  install (fx, 3, &fx->a);

  /* An old, validly signed pack. */
  g_hash_table_remove_all (fx->counts);
  publish (fx, 2, "edition 2.", &fx->a);
  run_check (fx);
  assert_refused (fx, 3, "version 2 is not newer than the installed 3");
  g_assert_cmpuint (count (fx, "/sources.xml"), ==, 0);

  /* The same version with other files. */
  publish (fx, 3, "edition 3, replayed.", &fx->a);
  run_check (fx);
  assert_refused (fx, 3, "version 3 is not newer than the installed 3");

  /* And after a restart. */
  restart (fx, fx->a.pub, NULL);
  g_assert_cmpint (km_content_updater_get_trusted_version (fx->updater), ==, 3);
  g_assert_cmpstr (km_content_updater_get_key_id (fx->updater), ==, fx->a.id);
  publish (fx, 2, "edition 2.", &fx->a);
  run_check (fx);
  assert_refused (fx, 3, "version 2 is not newer than the installed 3");
  publish (fx, 3, "edition 3, replayed.", &fx->a);
  run_check (fx);
  assert_refused (fx, 3, "version 3 is not newer than the installed 3");

  /* /status says the same. */
  {
    g_autoptr(KmStatusServer) status_server = km_status_server_new (fx->clock);
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    g_autofree char *json = NULL;
    JsonObject *object;

    km_status_server_set_updater (status_server, fx->updater);
    json = km_status_server_dup_status_json (status_server);
    json_parser_load_from_data (parser, json, -1, &error);
    g_assert_no_error (error);
    object = json_node_get_object (json_parser_get_root (parser));
    g_assert_true (json_object_get_boolean_member (object, "content_signed"));
    g_assert_cmpstr (json_object_get_string_member (object, "content_key_id"), ==, fx->a.id);
    g_assert_cmpstr (json_object_get_string_member (object, "last_refusal"), ==,
                     "version 3 is not newer than the installed 3");
    g_assert_nonnull (strstr (json_object_get_string_member (object, "update_status"),
                              "version 3 is not newer than the installed 3"));
  }

  /* A newer one clears the refusal. */
  install (fx, 4, &fx->a);
  g_assert_null (km_content_updater_get_last_refusal (fx->updater));
}

static void
test_max_age (Fixture       *fx,
              gconstpointer  data)
{
  g_object_set (fx->updater, "max-age-days", 30, NULL);
  publish_at (fx->site, 1, "edition 1.", &fx->a, 1000000000);
  run_check (fx);
  assert_refused (fx, 0, "signed on 2001-09-09, more than 30 days ago");
  g_assert_cmpuint (count (fx, "/sources.xml"), ==, 0);

  g_object_set (fx->updater, "max-age-days", 0, NULL);
  run_check (fx);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 1);
}

/* A valid signature over a manifest the files do not match. */
static void
test_files_mismatch (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *status = NULL;

  install (fx, 1, &fx->a);
  publish (fx, 2, "edition 2.", &fx->a);
  set_file (fx->site, "sources.xml", "<sources>not what was signed</sources>\n");
  run_check (fx);
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_FAILED);
  g_assert_cmpint (active_version_on_disk (fx->base), ==, 1);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 1);
  g_assert_nonnull (strstr (km_content_updater_get_last_error (fx->updater), "sources.xml"));
  status = km_content_updater_dup_status_text (fx->updater);
  g_assert_nonnull (strstr (status, "Still showing what was verified before."));
  g_assert_nonnull (strstr (status, "Version 1 is signed by key"));
  /* Not remembered: the real version 2 is still welcome. */
  g_assert_cmpint (km_content_updater_get_trusted_version (fx->updater), ==, 1);
  install (fx, 2, &fx->a);
}

/* The disk fills up during the download of a signed pack. */
static void
test_disk_full (Fixture       *fx,
                gconstpointer  data)
{
  install (fx, 1, &fx->a);
  publish (fx, 2, "edition 2.", &fx->a);
  km_content_updater_set_disk_quota (fx->updater, 2000);
  run_check (fx);
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_FAILED);
  g_assert_nonnull (strstr (km_content_updater_get_last_error (fx->updater), "no space left"));
  g_assert_cmpint (active_version_on_disk (fx->base), ==, 1);
  g_assert_cmpint (km_content_updater_get_trusted_version (fx->updater), ==, 1);
  {
    g_autofree char *sources = NULL;
    g_autoptr(GFile) active = km_pack_dir_resolve (fx->base, "active");

    sources = get_file (active, "sources.xml");
    g_assert_nonnull (strstr (sources, "edition 1."));
  }
  km_content_updater_set_disk_quota (fx->updater, G_MAXUINT64);
  install (fx, 2, &fx->a);
}

/* The same with a real write error: RLIMIT_FSIZE makes every write past
 * 300 bytes of a file fail with EFBIG, as a full disk fails with ENOSPC.
 */
static void
test_file_size_limit (Fixture       *fx,
                      gconstpointer  data)
{
  struct rlimit saved, small;
  g_autofree char *status = NULL;

  install (fx, 1, &fx->a);
  publish (fx, 2, "edition 2.", &fx->a);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = 300;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  run_check (fx);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);

  g_test_message ("%s", km_content_updater_get_last_error (fx->updater));
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_FAILED);
  g_assert_nonnull (strstr (km_content_updater_get_last_error (fx->updater), "too large"));
  g_assert_cmpint (active_version_on_disk (fx->base), ==, 1);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 1);
  g_assert_cmpint (km_content_updater_get_trusted_version (fx->updater), ==, 1);
  status = km_content_updater_dup_status_text (fx->updater);
  g_assert_nonnull (strstr (status, "Still showing what was verified before."));
  install (fx, 2, &fx->a);
}

static void
test_key_rotation (Fixture       *fx,
                   gconstpointer  data)
{
  const char *both[] = { fx->a.pub, fx->b.pub, NULL };
  const char *old_only[] = { fx->a.pub, NULL };
  const char *new_only[] = { fx->b.pub, NULL };

  install (fx, 1, &fx->a);
  /* The new key is added; the publisher signs with it. */
  g_object_set (fx->updater, "trusted-keys", both, NULL);
  install (fx, 2, &fx->b);
  /* The old key retired: packs it signs are refused. */
  g_object_set (fx->updater, "trusted-keys", new_only, NULL);
  publish (fx, 3, "edition 3.", &fx->a);
  run_check (fx);
  assert_refused (fx, 2, "signature from an unknown key");
  install (fx, 4, &fx->b);
  /* Had the new key been removed instead, its packs are refused. */
  g_object_set (fx->updater, "trusted-keys", old_only, NULL);
  publish (fx, 5, "edition 5.", &fx->b);
  run_check (fx);
  assert_refused (fx, 4, "signature from an unknown key");
}

static void
test_bad_key_setting (Fixture       *fx,
                      gconstpointer  data)
{
  const char *keys[] = { fx->a.pub, "RWQnot-a-key", NULL };

  g_object_set (fx->updater, "trusted-keys", keys, NULL);
  publish (fx, 1, "edition 1.", &fx->a);
  run_check (fx);
  assert_refused (fx, 0, "content-trusted-keys: trusted key 2:1: not base64 text");
}

/* The crash tests' child: installs site's pack into base, dying at $KM_CRASH_AT. */
static void
test_child (void)
{
  const char *root = g_getenv ("KM_SIGNED_TEST_ROOT");
  g_autoptr(GFile) site = NULL;
  g_autoptr(GFile) base = NULL;
  g_autoptr(KmClock) clock = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(KmContentUpdater) updater = NULL;
  g_autofree char *url = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("only runs as the child of a crash test");
      return;
    }

  site = g_file_new_build_filename (root, "site", NULL);
  base = g_file_new_build_filename (root, "packs", NULL);
  server = start_server (site, &url);
  clock = km_fake_clock_new ();
  updater = new_updater (clock, base, url, g_getenv ("KM_SIGNED_TEST_KEY"), NULL);
  km_content_updater_check_now (updater);
  g_assert_true (km_test_wait_until (is_idle, updater, 20000));
  soup_server_disconnect (server);
}

/* Killed after the version was remembered (before the switch) or after
 * the switch: on the next start an older pack and a replay of the same
 * version with other files are refused; the very pack that was being
 * installed is not.
 */
static void
test_crash (Fixture       *fx,
            gconstpointer  data)
{
  const char *step = data;
  gboolean switched = g_str_equal (step, "after-switch");
  g_autofree char *sources = NULL;
  g_autoptr(GFile) active = NULL;

  install (fx, 1, &fx->a);
  publish (fx, 2, "edition 2.", &fx->a);
  g_setenv ("KM_SIGNED_TEST_ROOT", fx->root, TRUE);
  g_setenv ("KM_SIGNED_TEST_KEY", fx->a.pub, TRUE);
  g_setenv ("KM_CRASH_AT", step, TRUE);
  g_test_trap_subprocess ("/km/signed-updates/child", 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("KM_CRASH_AT");
  g_test_trap_assert_failed ();

  /* The next start. */
  restart (fx, fx->a.pub, NULL);
  g_assert_cmpint (km_content_updater_get_trusted_version (fx->updater), ==, 2);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, switched ? 2 : 1);

  /* The server now offers version 1 again, then 2 with other files. */
  {
    g_autofree char *manifest2 = get_file (fx->site, "manifest.ini");
    g_autofree char *sig2 = get_file (fx->site, "manifest.ini.minisig");
    g_autoptr(GFile) site2 = g_file_new_build_filename (fx->root, "site2", NULL);

    km_test_copy_tree (fx->site, site2);
    publish (fx, 1, "edition 1.", &fx->a);
    run_check (fx);
    assert_refused (fx, switched ? 2 : 1, switched ? "version 1 is not newer than the installed 2"
                                                   : "version 1 is not newer than the installed 2");
    publish (fx, 2, "edition 2, replayed.", &fx->a);
    run_check (fx);
    assert_refused (fx, switched ? 2 : 1, "version 2 is not newer than the installed 2");

    /* The pack that was on its way in. */
    km_pack_dir_remove_tree (fx->site);
    km_test_copy_tree (site2, fx->site);
    run_check (fx);
    g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 2);
    g_assert_cmpstr (km_content_updater_get_last_error (fx->updater), ==, NULL);
    km_pack_dir_remove_tree (site2);
  }

  active = km_pack_dir_resolve (fx->base, "active");
  sources = get_file (active, "sources.xml");
  g_assert_nonnull (strstr (sources, "edition 2."));
  g_assert_null (strstr (sources, "replayed"));
}

int
main (int   argc,
      char *argv[])
{
  km_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/km/signed-updates/child", test_child);
#define ADD(path, func) g_test_add ("/km/signed-updates/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("signed", test_signed);
  ADD ("unsigned-status", test_unsigned_status);
  ADD ("unknown-key", test_unknown_key);
  ADD ("not-signed", test_not_signed);
  ADD ("manifest-changed", test_manifest_changed);
  ADD ("trusted-comment-altered", test_trusted_comment_altered);
  ADD ("rollback", test_rollback);
  ADD ("max-age", test_max_age);
  ADD ("files-mismatch", test_files_mismatch);
  ADD ("disk-full", test_disk_full);
  ADD ("file-size-limit", test_file_size_limit);
  ADD ("key-rotation", test_key_rotation);
  ADD ("bad-key-setting", test_bad_key_setting);
#undef ADD
  g_test_add ("/km/signed-updates/crash/trust-written", Fixture, "trust-written",
              fixture_set_up, test_crash, fixture_tear_down);
  g_test_add ("/km/signed-updates/crash/after-switch", Fixture, "after-switch",
              fixture_set_up, test_crash, fixture_tear_down);

  return g_test_run ();
}
