/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "km-content-store.h"
#include "km-content-updater.h"
#include "km-fake-clock.h"
#include "km-pack-dir.h"
#include "km-pack-manifest.h"
#include "km-preferences-window.h"
#include "km-test-utils.h"
#include "km-test-files.h"

/* A real SoupServer on 127.0.0.1 serves the packs from fx->site:
 * /manifest.ini and the pack's files next to it.
 */
typedef struct
{
  char       *root;
  GFile      *site;
  GFile      *base;
  SoupServer *server;
  char       *url;
  GHashTable *counts;        /* path → number of requests */
  GPtrArray  *paused;
  guint       fail_status;   /* answer the manifest with this */
  char       *fail_reason;   /* and this reason phrase */
  char       *drip_path;     /* send this file a byte at a time… */
  guint       drip_interval; /* …every so many ms, or after half of it, nothing */
  gsize       drip_chunk;    /* bytes a tick, when more than one */
  GPtrArray  *drips;
  char       *mutation;      /* the manifest once a file was fetched */
  KmClock    *clock;
  KmContentUpdater *updater;
} Fixture;

static GFile *
get_valid_pack (void)
{
  const char *srcdir = g_getenv ("KM_TEST_SRCDIR");

  g_assert_nonnull (srcdir);
  return g_file_new_build_filename (srcdir, "content", "valid", NULL);
}


/* A file sent slowly: Content-Length announced, then one byte per tick. */
typedef struct
{
  Fixture           *fx;
  SoupServerMessage *message;
  GBytes            *data;
  gsize              sent;
  guint              source_id;
} Drip;

static void
drip_free (Drip *drip)
{
  g_clear_handle_id (&drip->source_id, g_source_remove);
  g_clear_object (&drip->message);
  g_bytes_unref (drip->data);
  g_free (drip);
}

static gboolean
on_drip_cb (gpointer user_data)
{
  Drip *drip = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (drip->message);
  gsize size = g_bytes_get_size (drip->data);
  /* A stalling server sends half at once, then nothing. */
  gsize n = drip->fx->drip_interval == 0 ? size / 2 : MIN (MAX (drip->fx->drip_chunk, 1), size - drip->sent);

  soup_message_body_append (body, SOUP_MEMORY_COPY, (const char *) g_bytes_get_data (drip->data, NULL) + drip->sent, n);
  drip->sent += n;
  soup_server_message_unpause (drip->message);

  if (drip->sent == size)
    soup_message_body_complete (body);
  if (drip->sent == size || drip->fx->drip_interval == 0)
    {
      drip->source_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
start_drip (Fixture           *fx,
            SoupServerMessage *message,
            char              *data,
            gsize              length)
{
  Drip *drip = g_new0 (Drip, 1);

  drip->fx = fx;
  drip->message = g_object_ref (message);
  drip->data = g_bytes_new_take (data, length);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_length (soup_server_message_get_response_headers (message), length);
  soup_server_message_pause (message);
  drip->source_id = g_timeout_add (MAX (fx->drip_interval, 10), on_drip_cb, drip);
  g_ptr_array_add (fx->drips, drip);
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *fx = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *data = NULL;
  g_autofree char *etag = NULL;
  const char *if_none_match;
  gsize length;

  /* SoupServer hands over the path decoded, as it names the file. */

  g_hash_table_insert (fx->counts, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (fx->counts, path)) + 1));

  if (g_str_equal (path, "/redirect.ini"))
    {
      g_autofree char *location = g_strdup_printf ("http://km-user:s3cret-two@127.0.0.1:%d/missing.ini",
                                                   soup_server_message_get_local_address (message) != NULL ?
                                                   g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (soup_server_message_get_local_address (message))) : 0);

      soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, location);
      return;
    }

  if (g_str_equal (path, "/slow.ini"))
    {
      g_ptr_array_add (fx->paused, g_object_ref (message));
      soup_server_message_pause (message);
      return;
    }

  if (g_str_equal (path, "/manifest.ini") && fx->fail_status != 0)
    {
      soup_server_message_set_status (message, fx->fail_status, fx->fail_reason);
      return;
    }

  if (!g_str_equal (path, "/manifest.ini") && fx->mutation != NULL)
    {
      g_autoptr(GFile) manifest = g_file_get_child (fx->site, "manifest.ini");

      g_assert_true (g_file_replace_contents (manifest, fx->mutation, strlen (fx->mutation), NULL, FALSE,
                                              G_FILE_CREATE_NONE, NULL, NULL, NULL));
      g_clear_pointer (&fx->mutation, g_free);
    }

  file = g_file_resolve_relative_path (fx->site, path + 1);
  if (strstr (path, "..") != NULL || !g_file_load_contents (file, NULL, &data, &length, NULL, NULL))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  if (g_strcmp0 (path + 1, fx->drip_path) == 0)
    {
      start_drip (fx, message, g_steal_pointer (&data), length);
      return;
    }

  if (g_str_equal (path, "/manifest.ini"))
    {
      g_autofree char *sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) data, length);
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

      etag = g_strdup_printf ("\"%s\"", sha256);
      if_none_match = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                    "If-None-Match");
      soup_message_headers_replace (headers, "ETag", etag);
      if (g_strcmp0 (if_none_match, etag) == 0)
        {
          soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/octet-stream", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&data), length);
}

static guint
count (Fixture    *fx,
       const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fx->counts, path));
}

/* The manifest of the site, changed for one file as a faulty server would. */
static char *
make_manifest_text (Fixture    *fx,
                    gint64      version,
                    const char *path,
                    gint64      size_delta,
                    gboolean    bad_sha)
{
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  manifest = km_pack_manifest_new_for_dir (fx->site, version, &error);
  g_assert_no_error (error);

  g_string_append_printf (out, "[Pack]\nVersion=%" G_GINT64_FORMAT "\n", version);
  for (guint i = 0; i < km_pack_manifest_get_n_files (manifest); i++)
    {
      const KmPackFile *file = km_pack_manifest_get_file (manifest, i);
      gboolean changed = g_strcmp0 (path, file->path) == 0;

      if (g_str_equal (file->path, "manifest.ini"))
        continue;
      g_string_append_printf (out, "\n[File %s]\nSize=%" G_GINT64_FORMAT "\nSHA256=%s\n", file->path,
                              (gint64) file->size + (changed ? size_delta : 0),
                              changed && bad_sha ? "00000000000000000000000000000000"
                                                   "00000000000000000000000000000000" : file->sha256);
    }

  return g_string_free (out, FALSE);
}

static void
write_manifest (Fixture    *fx,
                const char *text)
{
  g_autoptr(GFile) file = g_file_get_child (fx->site, "manifest.ini");
  g_autoptr(GError) error = NULL;

  g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Puts the valid pack on the site as @version; @note changes one file. */
static void
publish_full (Fixture    *fx,
              gint64      version,
              const char *note,
              const char *path,
              gint64      size_delta,
              gboolean    bad_sha)
{
  g_autoptr(GFile) valid = get_valid_pack ();
  g_autofree char *text = NULL;

  km_pack_dir_remove_tree (fx->site);
  km_test_copy_tree (valid, fx->site);

  if (note != NULL)
    {
      g_autoptr(GFile) sources = g_file_get_child (fx->site, "sources.xml");
      g_autofree char *data = NULL;
      g_auto(GStrv) parts = NULL;
      g_autofree char *changed = NULL;

      g_assert_true (g_file_load_contents (sources, NULL, &data, NULL, NULL, NULL));
      parts = g_strsplit (data, "Report of the anniversary rally.", 2);
      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      changed = g_strconcat (parts[0], "Report of the anniversary rally. ", note, parts[1], NULL);
      g_assert_true (g_file_replace_contents (sources, changed, strlen (changed), NULL, FALSE,
                                              G_FILE_CREATE_NONE, NULL, NULL, NULL));
    }

  text = make_manifest_text (fx, version, path, size_delta, bad_sha);
  write_manifest (fx, text);
}

static void
publish (Fixture    *fx,
         gint64      version,
         const char *note)
{
  publish_full (fx, version, note, NULL, 0, FALSE);
}

static gboolean
is_idle (gpointer data)
{
  KmUpdateState state = km_content_updater_get_state (data);

  return state != KM_UPDATE_STATE_CHECKING && state != KM_UPDATE_STATE_DOWNLOADING;
}

static void
run_check (Fixture *fx)
{
  km_content_updater_check_now (fx->updater);
  g_assert_true (km_test_wait_until (is_idle, fx->updater, 10000));
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  fx->root = g_dir_make_tmp ("km-updater-XXXXXX", &error);
  g_assert_no_error (error);
  fx->site = g_file_new_build_filename (fx->root, "site", NULL);
  fx->base = g_file_new_build_filename (fx->root, "packs", NULL);
  fx->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fx->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fx->drips = g_ptr_array_new_with_free_func ((GDestroyNotify) drip_free);

  fx->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fx->server, NULL, on_request_cb, fx, NULL);
  soup_server_listen_local (fx->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fx->server);
  g_assert_nonnull (uris);
  {
    GUri *uri = uris->data;

    g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");
    fx->url = g_strdup_printf ("http://127.0.0.1:%d/manifest.ini", g_uri_get_port (uri));
  }
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  fx->clock = km_fake_clock_new ();
  fx->updater = km_content_updater_new (fx->clock, fx->base);
  km_content_updater_set_timeout (fx->updater, 1);
  g_object_set (fx->updater, "url", fx->url, "allow-http", TRUE, NULL);
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
  g_ptr_array_unref (fx->paused);
  g_ptr_array_unref (fx->drips);
  g_free (fx->fail_reason);
  g_free (fx->drip_path);
  g_hash_table_unref (fx->counts);
  km_pack_dir_remove_tree (root);
  g_clear_object (&fx->site);
  g_clear_object (&fx->base);
  g_free (fx->url);
  g_free (fx->mutation);
  g_free (fx->root);
}

static char *
read_active (Fixture    *fx,
             const char *path)
{
  g_autoptr(GFile) active = km_pack_dir_resolve (fx->base, "active");
  g_autoptr(GFile) file = NULL;
  char *data = NULL;

  g_assert_nonnull (active);
  file = g_file_resolve_relative_path (active, path);
  g_assert_true (g_file_load_contents (file, NULL, &data, NULL, NULL, NULL));

  return data;
}

/* Installs version 1 and checks it is what the site holds. */
static void
install_first (Fixture *fx)
{
  g_autoptr(GFile) active = NULL;
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;

  publish (fx, 1, NULL);
  run_check (fx);
  g_assert_cmpstr (km_content_updater_get_last_error (fx->updater), ==, NULL);
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_READY);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 1);

  active = km_pack_dir_resolve (fx->base, "active");
  g_assert_nonnull (active);
  manifest = km_pack_manifest_load (active, &error);
  g_assert_no_error (error);
  g_assert_cmpint (km_pack_manifest_get_version (manifest), ==, 1);
  g_assert_true (km_pack_manifest_verify_dir (manifest, active, &error));
  g_assert_no_error (error);
}

/* What every bad answer must leave: version 1 active and whole, the
 * status naming the reason.
 */
static void
assert_failed_and_unchanged (Fixture    *fx,
                             const char *reason)
{
  g_autoptr(GFile) active = km_pack_dir_resolve (fx->base, "active");
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = km_content_updater_dup_status_text (fx->updater);
  g_autofree char *sources = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_FAILED);
  g_assert_nonnull (km_content_updater_get_last_error (fx->updater));
  if (strstr (km_content_updater_get_last_error (fx->updater), reason) == NULL)
    g_error ("“%s” does not say “%s”", km_content_updater_get_last_error (fx->updater), reason);
  g_assert_nonnull (strstr (status, reason));
  g_assert_nonnull (strstr (status, "failed"));
  g_assert_cmpstr (km_content_updater_get_last_result (fx->updater), ==, "failed");
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 1);

  g_assert_nonnull (active);
  manifest = km_pack_manifest_load (active, &error);
  g_assert_no_error (error);
  g_assert_cmpint (km_pack_manifest_get_version (manifest), ==, 1);
  g_assert_true (km_pack_manifest_verify_dir (manifest, active, &error));
  g_assert_no_error (error);
  sources = read_active (fx, "sources.xml");
  g_assert_null (strstr (sources, "second edition"));

  /* Nothing half-made stays behind. */
  dir = g_dir_open (g_file_peek_path (fx->base), 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_prefix (name, "staging-"));
}

static void
on_pack_ready_cb (KmContentUpdater *updater,
                  gint64            version,
                  gint64           *out)
{
  *out = version;
}

static void
test_happy_path (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) previous = NULL;
  g_autofree char *sources = NULL;
  g_autofree char *status = NULL;
  gint64 ready_version = 0;

  g_signal_connect (fx->updater, "pack-ready", G_CALLBACK (on_pack_ready_cb), &ready_version);
  install_first (fx);
  g_assert_cmpint (ready_version, ==, 1);
  g_assert_cmpuint (count (fx, "/manifest.ini"), ==, 2);   /* the check, then the re-check at the end */
  g_assert_cmpuint (count (fx, "/sources.xml"), ==, 1);
  g_assert_cmpuint (count (fx, "/exhibits.xml"), ==, 1);
  g_assert_cmpuint (count (fx, "/images/candle.svg"), ==, 1);
  first = km_pack_dir_resolve (fx->base, "active");

  /* Shown: the kiosk or the toast applies it. */
  km_content_updater_set_store (fx->updater, store, NULL, 0);
  g_assert_true (km_content_updater_has_pending (fx->updater));
  g_assert_true (km_content_updater_apply_pending (fx->updater));
  g_assert_true (g_file_equal (km_content_store_get_base_dir (store), first));
  g_assert_cmpint (km_content_updater_get_shown_version (fx->updater), ==, 1);
  status = km_content_updater_dup_status_text (fx->updater);
  g_assert_true (g_str_has_prefix (status, "Up to date: version 1, verified at "));
  g_clear_pointer (&status, g_free);

  /* Nothing new: the ETag answers 304 and nothing is downloaded. */
  run_check (fx);
  g_assert_cmpstr (km_content_updater_get_last_result (fx->updater), ==, "not modified");
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_UP_TO_DATE);
  g_assert_cmpuint (count (fx, "/manifest.ini"), ==, 3);
  g_assert_cmpuint (count (fx, "/sources.xml"), ==, 1);

  /* Version 2 changes one file: only that one is downloaded. */
  publish (fx, 2, "second edition");
  run_check (fx);
  g_assert_cmpint (ready_version, ==, 2);
  g_assert_cmpstr (km_content_updater_get_last_error (fx->updater), ==, NULL);
  g_assert_cmpstr (km_content_updater_get_last_result (fx->updater), ==, "installed version 2");
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_READY);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 2);
  g_assert_cmpuint (count (fx, "/sources.xml"), ==, 2);
  g_assert_cmpuint (count (fx, "/exhibits.xml"), ==, 1);
  g_assert_cmpuint (count (fx, "/timeline.xml"), ==, 1);
  g_assert_cmpuint (count (fx, "/images/candle.svg"), ==, 1);
  g_assert_cmpuint (count (fx, "/images/map.png"), ==, 1);
  sources = read_active (fx, "sources.xml");
  g_assert_nonnull (strstr (sources, "second edition"));
  previous = km_pack_dir_resolve (fx->base, "previous");
  g_assert_nonnull (previous);
  g_assert_true (g_file_equal (previous, first));

  /* Still showing version 1 until applied. */
  g_assert_cmpint (km_content_updater_get_shown_version (fx->updater), ==, 1);
  status = km_content_updater_dup_status_text (fx->updater);
  g_assert_nonnull (strstr (status, "Version 2 was verified"));
  g_assert_nonnull (strstr (status, "Showing content pack version 1."));
  g_clear_pointer (&status, g_free);

  g_assert_true (km_content_updater_apply_pending (fx->updater));
  g_assert_cmpint (km_content_updater_get_shown_version (fx->updater), ==, 2);
  g_assert_false (km_content_updater_has_pending (fx->updater));
}

static void
test_no_server (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(SoupServer) other = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;

  install_first (fx);

  /* A port that just closed: nobody answers there. */
  soup_server_listen_local (other, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (other);
  url = g_strdup_printf ("http://127.0.0.1:%d/manifest.ini", g_uri_get_port (uris->data));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  soup_server_disconnect (other);

  g_object_set (fx->updater, "url", url, NULL);
  run_check (fx);
  assert_failed_and_unchanged (fx, "cannot fetch the manifest");
}

static void
test_not_found (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *url = NULL;

  install_first (fx);
  url = g_strdup_printf ("%.*s/missing.ini", (int) (strrchr (fx->url, '/') - fx->url), fx->url);
  g_object_set (fx->updater, "url", url, NULL);
  run_check (fx);
  assert_failed_and_unchanged (fx, "the server answered 404");
}

static void
test_server_error (Fixture       *fx,
                   gconstpointer  data)
{
  install_first (fx);
  publish (fx, 2, "second edition");
  fx->fail_status = 500;
  run_check (fx);
  assert_failed_and_unchanged (fx, "the server answered 500");
}

static void
test_slow_server (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *url = NULL;
  gint64 start;

  install_first (fx);
  url = g_strdup_printf ("%.*s/slow.ini", (int) (strrchr (fx->url, '/') - fx->url), fx->url);
  g_object_set (fx->updater, "url", url, NULL);
  start = g_get_monotonic_time ();
  run_check (fx);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (count (fx, "/slow.ini"), ==, 1);
  assert_failed_and_unchanged (fx, "cannot");
  g_assert_nonnull (strstr (km_content_updater_get_last_error (fx->updater), "manifest"));
}

static void
test_truncated (Fixture       *fx,
                gconstpointer  data)
{
  install_first (fx);
  publish_full (fx, 2, "second edition", "sources.xml", +10, FALSE);
  run_check (fx);
  assert_failed_and_unchanged (fx, "“sources.xml” is truncated");
}

static void
test_wrong_checksum (Fixture       *fx,
                     gconstpointer  data)
{
  install_first (fx);
  publish_full (fx, 2, "second edition", "sources.xml", 0, TRUE);
  run_check (fx);
  assert_failed_and_unchanged (fx, "“sources.xml” does not match its SHA-256");
}

static void
test_larger_than_declared (Fixture       *fx,
                           gconstpointer  data)
{
  install_first (fx);
  publish_full (fx, 2, "second edition", "sources.xml", -10, FALSE);
  run_check (fx);
  assert_failed_and_unchanged (fx, "“sources.xml” is larger than the");
}

static void
test_size_limit (Fixture       *fx,
                 gconstpointer  data)
{
  install_first (fx);
  publish (fx, 2, "second edition");
  g_object_set (fx->updater, "max-size", (guint64) 1000, NULL);
  run_check (fx);
  assert_failed_and_unchanged (fx, "more than the limit of 1000");
  g_assert_cmpuint (count (fx, "/sources.xml"), ==, 1);
}

static void
test_disk_full (Fixture       *fx,
                gconstpointer  data)
{
  install_first (fx);
  publish (fx, 2, "second edition");
  km_content_updater_set_disk_quota (fx->updater, 2000);
  run_check (fx);
  assert_failed_and_unchanged (fx, "no space left");
}

static void
test_unsafe_paths (Fixture       *fx,
                   gconstpointer  data)
{
  static const char * const unsafe[] = {
    "../evil.xml", "/etc/evil.xml", "images/../../evil.xml", "images//a.svg", "./a.xml",
    "images/.hidden", "a\\b.xml", "", ".km-manifest", "images/", "a\nb",
  };
  static const char * const safe[] = { "sources.xml", "images/candle.svg", "a/b/c.png", "évènement.svg" };

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    g_assert_false (km_pack_path_is_safe (unsafe[i]));
  for (guint i = 0; i < G_N_ELEMENTS (safe); i++)
    g_assert_true (km_pack_path_is_safe (safe[i]));

  install_first (fx);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *manifest = make_manifest_text (fx, 2, NULL, 0, FALSE);
      g_autofree char *text = g_strdup_printf ("%s\n[File %s]\nSize=4\nSHA256=%064d\n", manifest, unsafe[i], 0);

      write_manifest (fx, text);
      run_check (fx);
      assert_failed_and_unchanged (fx, "unsafe path");
    }
  g_assert_cmpuint (count (fx, "/evil.xml"), ==, 0);
  g_assert_false (g_file_test (g_file_peek_path (fx->base), G_FILE_TEST_IS_DIR) &&
                  g_file_test ("evil.xml", G_FILE_TEST_EXISTS));
}

static void
test_malformed_manifest (Fixture       *fx,
                         gconstpointer  data)
{
  static const struct { const char *text; const char *reason; } cases[] = {
    { "<html>not a manifest</html>", "the manifest is malformed" },
    { "[Pack]\nVersion=two\n[File a.xml]\nSize=1\nSHA256=00\n", "no valid [Pack] Version" },
    { "[Pack]\nVersion=2\n", "lists no files" },
    { "[Pack]\nVersion=2\n[File a.xml]\nSize=-1\nSHA256=" "0000000000000000000000000000000000000000000000000000000000000000\n",
      "no valid [File a.xml] Size: “-1” is not a whole number" },
    { "[Pack]\nVersion=2\n[File a.xml]\nSize=1\nSHA256=xyz\n", "no valid [File a.xml] SHA256" },
    { "[Pack]\nVersion=2\n[Other]\nA=b\n", "unknown group" },
  };

  install_first (fx);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      write_manifest (fx, cases[i].text);
      run_check (fx);
      assert_failed_and_unchanged (fx, cases[i].reason);
    }
}

static void
test_manifest_changes (Fixture       *fx,
                       gconstpointer  data)
{
  install_first (fx);
  publish (fx, 2, "second edition");
  /* Once the first file is out, the publisher uploads version 3. */
  fx->mutation = make_manifest_text (fx, 3, NULL, 0, FALSE);
  run_check (fx);
  assert_failed_and_unchanged (fx, "the pack changed on the server during the download");

  /* The next try gets version 3 whole. */
  run_check (fx);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 3);
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_READY);
}

static void
test_invalid_content (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GFile) sources = NULL;
  g_autofree char *text = NULL;

  install_first (fx);
  publish (fx, 2, "second edition");
  sources = g_file_get_child (fx->site, "sources.xml");
  g_assert_true (g_file_replace_contents (sources, "<sources><bogus/></sources>", 27, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  text = make_manifest_text (fx, 2, NULL, 0, FALSE);
  write_manifest (fx, text);
  run_check (fx);
  assert_failed_and_unchanged (fx, "content error");
}

static void
test_http_refused (Fixture       *fx,
                   gconstpointer  data)
{
  install_first (fx);
  publish (fx, 2, "second edition");
  g_object_set (fx->updater, "allow-http", FALSE, NULL);
  run_check (fx);
  assert_failed_and_unchanged (fx, "plain HTTP");
  g_assert_cmpuint (count (fx, "/manifest.ini"), ==, 2);
}

static void
test_backoff (Fixture       *fx,
              gconstpointer  data)
{
  KmFakeClock *clock = KM_FAKE_CLOCK (fx->clock);

  install_first (fx);
  publish (fx, 2, "second edition");
  fx->fail_status = 500;
  g_object_set (fx->updater, "check-interval", 600, NULL);

  km_content_updater_start (fx->updater);
  g_assert_cmpuint (count (fx, "/manifest.ini"), ==, 2);
  km_fake_clock_advance (clock, 5000);
  g_assert_true (km_test_wait_until (is_idle, fx->updater, 5000));
  g_assert_cmpuint (count (fx, "/manifest.ini"), ==, 3);
  assert_failed_and_unchanged (fx, "the server answered 500");
  g_assert_cmpuint (km_content_updater_get_n_failures (fx->updater), ==, 1);
  g_assert_cmpuint (km_content_updater_get_retry_delay (fx->updater), ==, 30000);

  /* Not before the delay… */
  km_fake_clock_advance (clock, 29000);
  km_test_iterate (50);
  g_assert_cmpuint (count (fx, "/manifest.ini"), ==, 3);
  /* …then again, twice as patient after each failure. */
  km_fake_clock_advance (clock, 1000);
  km_test_iterate (10);
  g_assert_true (km_test_wait_until (is_idle, fx->updater, 5000));
  g_assert_cmpuint (count (fx, "/manifest.ini"), ==, 4);
  g_assert_cmpuint (km_content_updater_get_retry_delay (fx->updater), ==, 60000);
  km_fake_clock_advance (clock, 60000);
  km_test_iterate (10);
  g_assert_true (km_test_wait_until (is_idle, fx->updater, 5000));
  g_assert_cmpuint (km_content_updater_get_retry_delay (fx->updater), ==, 120000);

  /* The server recovers: the next try installs and resets the backoff. */
  fx->fail_status = 0;
  km_fake_clock_advance (clock, 120000);
  km_test_iterate (10);
  g_assert_true (km_test_wait_until (is_idle, fx->updater, 5000));
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 2);
  g_assert_cmpuint (km_content_updater_get_n_failures (fx->updater), ==, 0);
}

static void
test_rollback_at_start (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GFile) active = NULL;
  g_autoptr(GFile) loaded = NULL;
  g_autoptr(GFile) broken = NULL;
  g_autofree char *notice = NULL;
  gint64 version = 0;

  install_first (fx);
  publish (fx, 2, "second edition");
  run_check (fx);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 2);

  /* Version 2 breaks on disk after it was installed. */
  active = km_pack_dir_resolve (fx->base, "active");
  broken = g_file_get_child (active, "timeline.xml");
  g_assert_true (g_file_replace_contents (broken, "<timeline>", 10, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));

  g_assert_true (km_pack_dir_recover (fx->base, store, &loaded, &version, &notice));
  g_assert_cmpint (version, ==, 1);
  g_assert_cmpstr (notice, ==, "Content pack version 2 did not load; version 1 is shown again.");
  g_assert_true (g_file_equal (km_content_store_get_base_dir (store), loaded));
  g_assert_cmpint (km_pack_dir_get_rejected (fx->base), ==, 2);
  g_assert_null (km_pack_dir_resolve (fx->base, "previous"));
  g_assert_false (g_file_query_exists (active, NULL));

  /* A new updater does not fetch the rejected version again. */
  g_clear_object (&fx->updater);
  fx->updater = km_content_updater_new (fx->clock, fx->base);
  g_object_set (fx->updater, "url", fx->url, "allow-http", TRUE, NULL);
  km_content_updater_set_store (fx->updater, store, loaded, version);
  run_check (fx);
  assert_failed_and_unchanged (fx, "version 2 did not load after it was installed");

  /* Nothing loads at all: the bundled exhibition, said so. */
  g_clear_object (&loaded);
  g_clear_pointer (&notice, g_free);
  g_clear_object (&active);
  g_clear_object (&broken);
  active = km_pack_dir_resolve (fx->base, "active");
  broken = g_file_get_child (active, "sources.xml");
  g_assert_true (g_file_replace_contents (broken, "x", 1, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, NULL));
  g_assert_false (km_pack_dir_recover (fx->base, store, &loaded, &version, &notice));
  g_assert_null (loaded);
  g_assert_cmpstr (notice, ==, "The installed content pack did not load; the bundled exhibition is shown.");
  g_assert_null (km_pack_dir_resolve (fx->base, "active"));
}

static void
test_status_text (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(KmContentUpdater) updater = km_content_updater_new (fx->clock, fx->base);
  g_autofree char *text = NULL;

  km_content_updater_start (updater);
  g_assert_cmpint (km_content_updater_get_state (updater), ==, KM_UPDATE_STATE_DISABLED);
  text = km_content_updater_dup_status_text (updater);
  g_assert_cmpstr (text, ==, "No content pack address is set. Showing the bundled exhibition.");
  km_content_updater_stop (updater);
}

static void
test_preferences (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *saved_dir = g_strdup (g_getenv ("KM_DATA_DIR"));
  g_autoptr(KmApplication) app = NULL;
  KmContentUpdater *updater;
  GSettings *settings;
  KmPreferencesWindow *window;
  g_autofree char *png = NULL;

  /* The application installs into this test's folder, nowhere shared. */
  g_setenv ("KM_DATA_DIR", g_file_peek_path (fx->base), TRUE);
  app = km_test_application_new ();
  updater = km_context_get_updater (km_application_get_context (app));
  settings = km_context_get_settings (km_application_get_context (app));

  g_assert_nonnull (updater);
  g_assert_nonnull (settings);
  g_assert_cmpint (km_content_updater_get_state (updater), ==, KM_UPDATE_STATE_DISABLED);

  window = km_preferences_window_new (NULL, settings, updater);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpstr (km_preferences_window_get_status (window), ==,
                   "No content pack address is set. Showing the bundled exhibition.");

  /* An address arrives through the settings; Update Now installs. */
  publish (fx, 1, NULL);
  g_settings_set_boolean (settings, "content-allow-http", TRUE);
  g_settings_set_string (settings, "content-url", fx->url);
  g_assert_cmpint (km_content_updater_get_state (updater), ==, KM_UPDATE_STATE_IDLE);
  g_assert_cmpstr (km_preferences_window_get_status (window), ==,
                   "Not checked for updates yet. Showing the bundled exhibition. "
                   "Content packs are unsigned: no trusted keys are set.");
  km_content_updater_check_now (updater);
  g_assert_true (km_test_wait_until (is_idle, updater, 10000));
  g_assert_true (g_str_has_prefix (km_preferences_window_get_status (window), "Version 1 was verified at "));
  g_assert_nonnull (strstr (km_preferences_window_get_status (window), "Showing the bundled exhibition."));
  km_test_wait_for_draw (GTK_WIDGET (window));
  png = km_test_save_png (GTK_WIDGET (window), "preferences-update-ready");
  g_assert_nonnull (png);

  km_content_updater_stop (updater);
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "content-url");
  if (saved_dir != NULL)
    g_setenv ("KM_DATA_DIR", saved_dir, TRUE);
}


/* Adds @path with @contents to the site and the manifest, as version @version. */
static void
publish_extra (Fixture    *fx,
               gint64      version,
               const char *path,
               const char *contents)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (fx->site, path);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *text = NULL;

  g_file_make_directory_with_parents (parent, NULL, NULL);
  g_assert_true (g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  text = make_manifest_text (fx, version, NULL, 0, FALSE);
  write_manifest (fx, text);
}

static void
test_resolve_uri (Fixture       *fx,
                  gconstpointer  data)
{
  static const struct { const char *base; const char *path; const char *expected; } cases[] = {
    { "http://h:8080/packs/manifest.ini?t=1#x", "poster:2012.svg", "http://h:8080/packs/poster%3A2012.svg" },
    { "https://h/manifest.ini", "word:x", "https://h/word%3Ax" },
    { "https://h", "http:evil", "https://h/http%3Aevil" },
    { "https://h/a/b/m.ini", "images/a b#c?d%20.svg", "https://h/a/b/images/a%20b%23c%3Fd%2520.svg" },
    { "https://h/m.ini", "évènement.svg", "https://h/%C3%A9v%C3%A8nement.svg" },
    { "https://u:p@h/m.ini", "x.xml", "https://u:p@h/x.xml" },
  };
  static const char * const unsafe[] = { "../x", "/etc/x", "a//b", "", "a\\b" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) base = g_uri_parse (cases[i].base, SOUP_HTTP_URI_FLAGS, NULL);
      g_autoptr(GUri) uri = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(SoupMessage) message = NULL;
      g_autofree char *text = NULL;

      g_assert_nonnull (base);
      uri = km_pack_resolve_uri (base, cases[i].path, &error);
      g_assert_no_error (error);
      text = g_uri_to_string (uri);
      g_assert_cmpstr (text, ==, cases[i].expected);
      /* soup refuses (with a critical) an address it cannot send. */
      message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
      g_assert_nonnull (message);
    }

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      g_autoptr(GUri) base = g_uri_parse ("https://h/m.ini", SOUP_HTTP_URI_FLAGS, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_null (km_pack_resolve_uri (base, unsafe[i], &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
      g_assert_true (g_str_has_prefix (error->message, "unsafe path: "));
    }
}

/* Names that look like a URI scheme used to crash the kiosk at every start. */
static void
test_scheme_like_names (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *poster = NULL;
  g_autofree char *word = NULL;
  g_autofree char *odd = NULL;

  install_first (fx);
  publish (fx, 2, "second edition");
  publish_extra (fx, 2, "poster:2012.svg", "poster");
  publish_extra (fx, 2, "word:x", "word");
  publish_extra (fx, 2, "images/a b#c?d%20.txt", "odd");
  run_check (fx);

  g_assert_cmpstr (km_content_updater_get_last_error (fx->updater), ==, NULL);
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_READY);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 2);
  /* Fetched from the manifest's folder under their own names… */
  g_assert_cmpuint (count (fx, "/poster:2012.svg"), ==, 1);
  g_assert_cmpuint (count (fx, "/word:x"), ==, 1);
  g_assert_cmpuint (count (fx, "/images/a b#c?d%20.txt"), ==, 1);
  /* …and written under them. */
  poster = read_active (fx, "poster:2012.svg");
  word = read_active (fx, "word:x");
  odd = read_active (fx, "images/a b#c?d%20.txt");
  g_assert_cmpstr (poster, ==, "poster");
  g_assert_cmpstr (word, ==, "word");
  g_assert_cmpstr (odd, ==, "odd");
}

/* Too long a name, a file that is also a folder: the real cause, once. */
static void
test_name_errors (Fixture       *fx,
                  gconstpointer  data)
{
  g_autofree char *manifest = NULL;
  g_autofree char *text = NULL;
  g_autofree char *long_name = g_strnfill (300, 'a');

  install_first (fx);

  manifest = make_manifest_text (fx, 2, NULL, 0, FALSE);
  text = g_strdup_printf ("%s\n[File images/%s.svg]\nSize=4\nSHA256=%064d\n", manifest, long_name, 0);
  write_manifest (fx, text);
  run_check (fx);
  assert_failed_and_unchanged (fx, "a component is longer than 255 bytes");

  g_clear_pointer (&text, g_free);
  text = g_strdup_printf ("%s\n[File sources.xml/inner.xml]\nSize=4\nSHA256=%064d\n", manifest, 0);
  write_manifest (fx, text);
  run_check (fx);
  assert_failed_and_unchanged (fx, "the manifest names “sources.xml” both as a file and as a folder");
}

static void
test_overflow (Fixture       *fx,
               gconstpointer  data)
{
  static const struct { const char *version; const char *size; } cases[] = {
    { "99999999999999999999999", NULL },
    { "9223372036854775807", NULL },
    { "1000000000000000", NULL },
    { "+2", NULL },
    { "2 ", NULL },
    { "0x10", NULL },
    { "0", NULL },
    { "2", "99999999999999999999999" },
    { "2", "18446744073709551615" },
    { "2", "1e3" },
  };
  g_autoptr(GFile) active = NULL;
  g_autoptr(GFile) manifest_file = NULL;

  install_first (fx);
  publish (fx, 2, "second edition");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *good = make_manifest_text (fx, 2, NULL, 0, FALSE);
      g_autofree char *text = NULL;
      g_autofree char *reason = NULL;
      const char *key = cases[i].size != NULL ? "Size" : "Version";

      if (cases[i].size != NULL)
        {
          /* Only the first file's size. */
          char *at = strstr (good, "\nSize=");
          char *end = strchr (at + 1, '\n');

          text = g_strdup_printf ("%.*s\nSize=%s%s", (int) (at - good), good, cases[i].size, end);
        }
      else
        {
          g_auto(GStrv) parts = g_strsplit (good, "Version=2\n", 2);

          text = g_strdup_printf ("%sVersion=%s\n%s", parts[0], cases[i].version, parts[1]);
        }

      write_manifest (fx, text);
      run_check (fx);
      reason = g_strdup_printf ("] %s: “%s” is not a whole number from", key,
                                cases[i].size != NULL ? cases[i].size : cases[i].version);
      assert_failed_and_unchanged (fx, reason);
      g_assert_cmpuint (count (fx, "/sources.xml"), ==, 1);
    }

  /* The real next version installs, and the error is gone. */
  publish (fx, 2, "second edition");
  run_check (fx);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 2);
  g_assert_cmpstr (km_content_updater_get_last_error (fx->updater), ==, NULL);

  /* A kiosk the old parser pinned at INT64_MAX is free again after a restart. */
  active = km_pack_dir_resolve (fx->base, "active");
  manifest_file = g_file_get_child (active, KM_PACK_MANIFEST_NAME);
  {
    g_autofree char *pinned = NULL;
    g_autofree char *old = NULL;
    g_auto(GStrv) parts = NULL;

    g_assert_true (g_file_load_contents (manifest_file, NULL, &old, NULL, NULL, NULL));
    parts = g_strsplit (old, "Version=2\n", 2);
    pinned = g_strdup_printf ("%sVersion=99999999999999999999999\n%s", parts[0], parts[1]);
    g_assert_true (g_file_replace_contents (manifest_file, pinned, strlen (pinned), NULL, FALSE,
                                            G_FILE_CREATE_NONE, NULL, NULL, NULL));
  }
  g_assert_finalize_object (g_steal_pointer (&fx->updater));
  fx->updater = km_content_updater_new (fx->clock, fx->base);
  g_object_set (fx->updater, "url", fx->url, "allow-http", TRUE, NULL);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 0);
  publish (fx, 3, "third edition");
  run_check (fx);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 3);
}

static void
test_drip (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GFile) manifest_file = NULL;
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autofree char *manifest_text = NULL;
  g_autofree char *expected = NULL;
  gint64 start, elapsed;
  guint64 bytes;
  guint allowed_ms;
  gsize manifest_size;

  install_first (fx);
  publish (fx, 2, "second edition");
  /* sources.xml, about 800 bytes, at a byte every 20 ms: 16 s. The whole
   * download (the pack's files, then the manifest again: its size is
   * known by then) is allowed 0.5 s + 2 × 0.5 s + (5 KB + 1 KB) / 1 MiB/s
   * ≈ 1.5 s, whatever the largest manifest allowed. */
  fx->drip_path = g_strdup ("sources.xml");
  fx->drip_interval = 20;
  g_object_set (fx->updater, "stall-timeout", 500, "min-rate", 1024 * 1024, NULL);
  manifest_file = g_file_get_child (fx->site, "manifest.ini");
  g_assert_true (g_file_load_contents (manifest_file, NULL, &manifest_text, &manifest_size, NULL, NULL));
  manifest = km_pack_manifest_parse (manifest_text, manifest_size, NULL);
  g_assert_nonnull (manifest);
  bytes = km_pack_manifest_get_total_size (manifest) + manifest_size;
  g_assert_cmpuint (bytes, <, 16 * 1024);
  allowed_ms = 500 + 2 * 500 + bytes * 1000 / (1024 * 1024);
  expected = g_strdup_printf ("the download took longer than the %u ms allowed for 2 request(s) and %"
                              G_GUINT64_FORMAT " bytes", allowed_ms, bytes);

  start = g_get_monotonic_time ();
  run_check (fx);
  elapsed = g_get_monotonic_time () - start;
  assert_failed_and_unchanged (fx, expected);
  g_assert_cmpint (elapsed, >=, allowed_ms * 1000);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpfloat (km_content_updater_get_progress (fx->updater), ==, 0.0);
}

/* A manifest over 1 MiB (a pack of 10,000 exhibits has one, #19), sent
 * no slower than the minimum rate, is installed: once its size is
 * announced, that size is allowed, not the 1 MiB allowed before. One
 * over 8 MiB is refused before it is read.
 */
static void
test_large_manifest (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GFile) manifest_file = g_file_get_child (fx->site, "manifest.ini");
  g_autoptr(GString) padded = NULL;
  g_autofree char *text = NULL;
  gint64 start, elapsed;

  install_first (fx);
  publish (fx, 2, "second edition");
  g_assert_true (g_file_load_contents (manifest_file, NULL, &text, NULL, NULL, NULL));
  /* 3 MiB of comment lines, then the manifest. */
  padded = g_string_new (NULL);
  while (padded->len < 3 * 1024 * 1024)
    g_string_append (padded, "# Padding: a manifest as large as a pack of 10,000 exhibits has.\n");
  g_string_append (padded, text);
  write_manifest (fx, padded->str);

  /* 64 KiB every 80 ms: 3 MiB in about 4 s, 0.8 MiB/s. At a minimum of
   * 0.5 MiB/s the manifest is allowed 0.5 s + 0.5 s + 3 MiB / 0.5 MiB/s
   * = 7 s; were it allowed 1 MiB, 3 s. */
  fx->drip_path = g_strdup ("manifest.ini");
  fx->drip_interval = 80;
  fx->drip_chunk = 64 * 1024;
  g_object_set (fx->updater, "stall-timeout", 500, "min-rate", 512 * 1024, NULL);
  start = g_get_monotonic_time ();
  run_check (fx);
  elapsed = g_get_monotonic_time () - start;
  if (km_content_updater_get_state (fx->updater) == KM_UPDATE_STATE_FAILED)
    g_error ("the large manifest failed: %s", km_content_updater_get_last_error (fx->updater));
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 2);
  /* It was sent slower than the 1 MiB allowance. */
  g_assert_cmpint (elapsed, >, 3 * G_USEC_PER_SEC);

  /* Over 8 MiB: refused at its announced size. */
  g_clear_pointer (&fx->drip_path, g_free);
  publish (fx, 3, "third edition");
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_load_contents (manifest_file, NULL, &text, NULL, NULL, NULL));
  g_string_truncate (padded, 0);
  while (padded->len <= 8 * 1024 * 1024)
    g_string_append (padded, "# Padding: a manifest larger than any pack needs.\n");
  g_string_append (padded, text);
  write_manifest (fx, padded->str);
  /* Served at once; the server reads 8 MiB first, slowly under ASan. */
  g_object_set (fx->updater, "stall-timeout", 10000, NULL);
  run_check (fx);
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_FAILED);
  g_assert_nonnull (strstr (km_content_updater_get_last_error (fx->updater), "the manifest is larger than 8 MiB"));
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 2);
}

static void
test_stall (Fixture       *fx,
            gconstpointer  data)
{
  gint64 start, elapsed;

  install_first (fx);
  publish (fx, 2, "second edition");
  /* Half of sources.xml, then silence; the session's own timeout is longer. */
  fx->drip_path = g_strdup ("sources.xml");
  fx->drip_interval = 0;
  km_content_updater_set_timeout (fx->updater, 30);
  g_object_set (fx->updater, "stall-timeout", 300, NULL);

  start = g_get_monotonic_time ();
  run_check (fx);
  elapsed = g_get_monotonic_time () - start;
  assert_failed_and_unchanged (fx, "the server sent nothing for 300 ms");
  g_assert_cmpint (elapsed, >=, 300 * 1000);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);
}

static gboolean
slow_requested (gpointer data)
{
  return count (data, "/slow.ini") > 0;
}

/* A check stuck on a server that never answers gives way to a new address. */
static void
test_url_change_while_stuck (Fixture       *fx,
                             gconstpointer  data)
{
  KmFakeClock *clock = KM_FAKE_CLOCK (fx->clock);
  g_autofree char *stuck = g_strdup_printf ("%.*s/slow.ini", (int) (strrchr (fx->url, '/') - fx->url), fx->url);

  publish (fx, 1, NULL);
  km_content_updater_set_timeout (fx->updater, 60);
  g_object_set (fx->updater, "url", stuck, NULL);
  km_content_updater_start (fx->updater);
  km_fake_clock_advance (clock, 5000);
  g_assert_true (km_test_wait_until (slow_requested, fx, 5000));
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_CHECKING);

  /* The stuck check gives way at once, without counting as a failure… */
  g_object_set (fx->updater, "url", fx->url, NULL);
  g_assert_true (km_test_wait_until (is_idle, fx->updater, 5000));
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_IDLE);
  g_assert_null (km_content_updater_get_last_error (fx->updater));
  km_test_iterate (50);
  g_assert_cmpuint (count (fx, "/manifest.ini"), ==, 0);
  /* …and the new address is tried when the settings have settled. */
  km_fake_clock_advance (clock, 5000);
  km_test_iterate (10);
  g_assert_true (km_test_wait_until (is_idle, fx->updater, 10000));

  g_assert_cmpuint (count (fx, "/manifest.ini"), ==, 2);
  g_assert_cmpint (km_content_updater_get_active_version (fx->updater), ==, 1);
  g_assert_cmpint (km_content_updater_get_state (fx->updater), ==, KM_UPDATE_STATE_READY);
  g_assert_cmpuint (km_content_updater_get_n_failures (fx->updater), ==, 0);
}


static void
on_log_cb (const char     *domain,
           GLogLevelFlags  level,
           const char     *message,
           gpointer        user_data)
{
  g_string_append_printf (user_data, "%s\n", message);
}

/* Outside text in what the updater says: valid UTF-8, one line, no
 * password, and @reason in last_error, the status line and the log.
 */
static void
assert_plain_failure (Fixture    *fx,
                      GString    *log,
                      const char *reason)
{
  const char *error = km_content_updater_get_last_error (fx->updater);
  g_autofree char *status = km_content_updater_dup_status_text (fx->updater);
  const char * const texts[] = { error, status, log->str };

  assert_failed_and_unchanged (fx, reason);
  g_assert_nonnull (strstr (log->str, reason));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_assert_true (g_utf8_validate (texts[i], -1, NULL));
      g_assert_null (strstr (texts[i], "s3cret"));
      g_assert_null (strstr (texts[i], "km-user"));
      for (const char *p = texts[i]; *p; p = g_utf8_next_char (p))
        if (g_unichar_iscntrl (g_utf8_get_char (p)))
          g_assert_true (i == 2 && *p == '\n');   /* the log's own line ends */
    }
  /* Bounded, however long the quoted text. */
  g_assert_cmpuint (g_utf8_strlen (error, -1), <=, 520);
  g_string_truncate (log, 0);
}

static void
test_password_in_url (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *prefix = g_strndup (fx->url, strrchr (fx->url, '/') - fx->url);
  g_autofree char *host = g_strdup (prefix + strlen ("http://"));
  g_autofree char *missing = g_strdup_printf ("http://km-user:s3cret@%s/missing.ini?token=s3cret#s3cret", host);
  g_autofree char *redirect = g_strdup_printf ("http://km-user:s3cret@%s/redirect.ini", host);
  g_autofree char *reason = g_strdup_printf ("the server answered 404 Not Found for http://%s/missing.ini", host);
  guint handler;

  install_first (fx);
  handler = g_log_set_handler ("km-content-updater", G_LOG_LEVEL_MESSAGE, on_log_cb, log);

  g_object_set (fx->updater, "url", missing, NULL);
  run_check (fx);
  assert_plain_failure (fx, log, reason);

  /* A redirect to an address with a password of its own. */
  g_object_set (fx->updater, "url", redirect, NULL);
  run_check (fx);
  assert_plain_failure (fx, log, reason);
  g_assert_cmpuint (count (fx, "/redirect.ini"), ==, 1);

  g_object_set (fx->updater, "url", "ftp://km-user:s3cret@example.org/manifest.ini", NULL);
  run_check (fx);
  assert_plain_failure (fx, log, "“ftp://example.org/manifest.ini” is neither HTTPS nor HTTP");

  g_object_set (fx->updater, "url", "km-user:s3cret@example.org/manifest.ini", NULL);
  run_check (fx);
  assert_plain_failure (fx, log, "“(invalid address)” names no server");

  g_object_set (fx->updater, "allow-http", FALSE, "url", missing, NULL);
  run_check (fx);
  assert_plain_failure (fx, log, "is plain HTTP, which the settings do not allow");

  g_log_remove_handler ("km-content-updater", handler);
}

static void
test_outside_text (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autofree char *manifest = NULL;
  g_autofree char *huge = g_strnfill (100000, 'x');
  const struct { const char *group; const char *reason; } groups[] = {
    { "File a\xff\xfe.xml", "unsafe path “a\xef\xbf\xbd\xef\xbf\xbd.xml”: it is not valid UTF-8" },
    { "Bogus\xfe <b>", "unknown group [Bogus\xef\xbf\xbd <b>]" },
    { "File images/\xe2\x80\xaegvs.png", "it holds a text direction or line separator character" },
    { "File images/\xc2\x9b" "31m.png", "it holds a control character" },
    { huge, "unknown group [xxxxxxxx" },
  };
  guint handler;

  install_first (fx);
  handler = g_log_set_handler ("km-content-updater", G_LOG_LEVEL_MESSAGE, on_log_cb, log);

  /* A reason phrase is the server's text: shown as it is, never as markup. */
  publish (fx, 2, "second edition");
  fx->fail_status = 500;
  fx->fail_reason = g_strdup ("<span foreground='green' size='xx-large'>Up to date</span>\x1b[31m\xff\x01!");
  run_check (fx);
  assert_plain_failure (fx, log, "the server answered 500 <span foreground='green' size='xx-large'>"
                                 "Up to date</span> [31m\xef\xbf\xbd !");
  fx->fail_status = 0;

  manifest = make_manifest_text (fx, 2, NULL, 0, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s\n[%s]\nSize=4\nSHA256=%064d\n", manifest, groups[i].group, 0);

      write_manifest (fx, text);
      run_check (fx);
      assert_plain_failure (fx, log, groups[i].reason);
    }

  g_log_remove_handler ("km-content-updater", handler);
}


/* The updater validates before it switches: the pixel bomb never goes live. */
static void
test_pixel_bomb (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GBytes) bomb = km_test_make_png (30000, 30000);
  g_autoptr(GFile) map = NULL;
  g_autofree char *text = NULL;
  gint64 start;

  install_first (fx);
  publish (fx, 2, "second edition");
  map = g_file_get_child (fx->site, "images/map.png");
  g_assert_true (g_file_replace_contents (map, g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb), NULL,
                                          FALSE, G_FILE_CREATE_NONE, NULL, NULL, NULL));
  text = make_manifest_text (fx, 2, NULL, 0, FALSE);
  write_manifest (fx, text);

  start = g_get_monotonic_time ();
  run_check (fx);
  assert_failed_and_unchanged (fx, "the pack has 1 content error(s), the first: exhibits.xml:20:37: image "
                                   "“images/map.png” of exhibit “map” does not decode: it is 30000 × 30000 "
                                   "pixels, more than the 16384 pixels a side and 64 megapixels");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/km/updater/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("happy-path", test_happy_path);
  ADD ("no-server", test_no_server);
  ADD ("not-found", test_not_found);
  ADD ("server-error", test_server_error);
  ADD ("slow-server", test_slow_server);
  ADD ("truncated", test_truncated);
  ADD ("wrong-checksum", test_wrong_checksum);
  ADD ("larger-than-declared", test_larger_than_declared);
  ADD ("size-limit", test_size_limit);
  ADD ("disk-full", test_disk_full);
  ADD ("unsafe-paths", test_unsafe_paths);
  ADD ("resolve-uri", test_resolve_uri);
  ADD ("scheme-like-names", test_scheme_like_names);
  ADD ("name-errors", test_name_errors);
  ADD ("overflow", test_overflow);
  ADD ("drip", test_drip);
  ADD ("large-manifest", test_large_manifest);
  ADD ("stall", test_stall);
  ADD ("url-change-while-stuck", test_url_change_while_stuck);
  ADD ("password-in-url", test_password_in_url);
  ADD ("outside-text", test_outside_text);
  ADD ("pixel-bomb", test_pixel_bomb);
  ADD ("malformed-manifest", test_malformed_manifest);
  ADD ("manifest-changes", test_manifest_changes);
  ADD ("invalid-content", test_invalid_content);
  ADD ("http-refused", test_http_refused);
  ADD ("backoff", test_backoff);
  ADD ("rollback-at-start", test_rollback_at_start);
  ADD ("status-text", test_status_text);
  ADD ("preferences", test_preferences);
#undef ADD

  return g_test_run ();
}
