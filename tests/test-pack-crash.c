/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "km-content-store.h"
#include "km-content-updater.h"
#include "km-pack-dir.h"
#include "km-i18n.h"
#include "km-pack-manifest.h"
#include "km-test-files.h"

/* A child process runs the updater and kills itself with SIGKILL at a named
 * step (KM_CRASH_AT, see km_pack_dir_crash_point()); the parent then runs
 * the startup recovery and checks that a complete pack is shown.
 */


/* The valid fixture as @version; a later version changes every file's
 * neighbour sources.xml so that one file must be downloaded.
 */
static void
publish (GFile  *site,
         gint64  version)
{
  g_autofree char *srcdir_pack = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "content", "valid", NULL);
  g_autoptr(GFile) valid = g_file_new_for_path (srcdir_pack);
  g_autoptr(GFile) sources = g_file_get_child (site, "sources.xml");
  g_autoptr(GFile) manifest_file = g_file_get_child (site, "manifest.ini");
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  gsize length;

  km_pack_dir_remove_tree (site);
  km_test_copy_tree (valid, site);
  g_assert_true (g_file_load_contents (sources, NULL, &data, NULL, NULL, NULL));
  parts = g_strsplit (data, "Report of the anniversary rally.", 2);
  g_free (data);
  data = g_strdup_printf ("%sReport of the anniversary rally, edition %" G_GINT64_FORMAT ".%s",
                          parts[0], version, parts[1]);
  g_assert_true (g_file_replace_contents (sources, data, strlen (data), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));

  manifest = km_pack_manifest_new_for_dir (site, version, NULL);
  g_assert_nonnull (manifest);
  text = km_pack_manifest_to_data (manifest, &length);
  g_assert_true (g_file_replace_contents (manifest_file, text, length, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           site)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (site, path + 1);
  char *data = NULL;
  gsize length;

  if (strstr (path, "..") != NULL || !g_file_load_contents (file, NULL, &data, &length, NULL, NULL))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/octet-stream", SOUP_MEMORY_TAKE, data, length);
}

static gboolean
is_idle (gpointer data)
{
  KmUpdateState state = km_content_updater_get_state (data);

  return state != KM_UPDATE_STATE_CHECKING && state != KM_UPDATE_STATE_DOWNLOADING;
}

/* Serves @site on 127.0.0.1 and runs one check into @base. */
static KmUpdateState
run_update (GFile *site,
            GFile *base)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(KmContentUpdater) updater = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;
  KmUpdateState state;

  soup_server_add_handler (server, NULL, on_request_cb, site, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/manifest.ini", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  updater = km_content_updater_new (NULL, base);
  km_content_updater_set_timeout (updater, 2);
  g_object_set (updater, "url", url, "allow-http", TRUE, NULL);
  km_content_updater_check_now (updater);
  g_assert_true (km_test_wait_until (is_idle, updater, 10000));
  state = km_content_updater_get_state (updater);
  soup_server_disconnect (server);

  return state;
}

static void
test_child (void)
{
  const char *root = g_getenv ("KM_CRASH_TEST_ROOT");
  g_autoptr(GFile) site = NULL;
  g_autoptr(GFile) base = NULL;

  if (!g_test_subprocess ())
    {
      g_test_skip ("only runs as the child of a crash test");
      return;
    }

  g_assert_nonnull (root);
  site = g_file_new_build_filename (root, "site", NULL);
  base = g_file_new_build_filename (root, "packs", NULL);
  run_update (site, base);
  /* Still alive: the crash point was not reached. */
}

static void
test_crash (gconstpointer data)
{
  const char *step = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *root_path = g_dir_make_tmp ("km-crash-XXXXXX", &error);
  g_autoptr(GFile) root = g_file_new_for_path (root_path);
  g_autoptr(GFile) site = g_file_get_child (root, "site");
  g_autoptr(GFile) base = g_file_get_child (root, "packs");
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GFile) loaded = NULL;
  g_autoptr(GFile) sources = NULL;
  g_autoptr(GFile) first = NULL;
  g_autoptr(GFile) previous = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *text = NULL;
  /* From the first link's rename on, the new pack is active. */
  gboolean switched = g_str_equal (step, "mid-switch") || g_str_equal (step, "after-switch");
  gint64 expected = switched ? 2 : 1;
  gint64 version = 0;
  const char *name;

  g_assert_no_error (error);

  /* Version 1 is installed and whole. */
  publish (site, 1);
  g_assert_cmpint (run_update (site, base), ==, KM_UPDATE_STATE_READY);
  first = km_pack_dir_resolve (base, "active");
  g_assert_nonnull (first);

  /* Version 2 is published; the child dies on its way in. */
  publish (site, 2);
  g_setenv ("KM_CRASH_TEST_ROOT", root_path, TRUE);
  g_setenv ("KM_CRASH_AT", step, TRUE);
  g_test_trap_subprocess ("/km/pack-crash/child", 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("KM_CRASH_AT");
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr_unmatched ("*ERROR*");
  g_test_trap_assert_stdout_unmatched ("*not ok*");

  /* The next start. */
  g_assert_true (km_pack_dir_recover (base, store, &loaded, &version, &notice));
  g_assert_cmpint (version, ==, expected);
  g_assert_null (notice);
  g_assert_true (km_content_store_is_loaded (store));
  g_assert_true (g_file_equal (km_content_store_get_base_dir (store), loaded));

  manifest = km_pack_manifest_load (loaded, &error);
  g_assert_no_error (error);
  g_assert_true (km_pack_manifest_verify_dir (manifest, loaded, &error));
  g_assert_no_error (error);
  sources = g_file_get_child (loaded, "sources.xml");
  g_assert_true (g_file_load_contents (sources, NULL, &text, NULL, NULL, NULL));
  g_assert_nonnull (strstr (text, expected == 2 ? "edition 2." : "edition 1."));

  /* One rollback level is kept: "previous" is version 1 once 2 is active,
   * and never the active pack itself. */
  previous = km_pack_dir_resolve (base, "previous");
  if (switched)
    {
      g_assert_nonnull (previous);
      g_assert_true (g_file_equal (previous, first));
    }
  else
    g_assert_null (previous);
  g_assert_true (g_file_query_exists (first, NULL));

  /* Recovery left nothing half-made. */
  dir = g_dir_open (g_file_peek_path (base), 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, "staging-"));
      g_assert_false (g_str_has_suffix (name, ".new"));
    }

  /* And the updater, run again, finishes the job (2 is installed, not shown). */
  g_assert_cmpint (run_update (site, base), ==, KM_UPDATE_STATE_READY);
  g_clear_object (&loaded);
  loaded = km_pack_dir_resolve (base, "active");
  g_clear_pointer (&manifest, km_pack_manifest_free);
  manifest = km_pack_manifest_load (loaded, NULL);
  g_assert_cmpint (km_pack_manifest_get_version (manifest), ==, 2);

  km_pack_dir_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  km_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/km/pack-crash/child", test_child);
  g_test_add_data_func ("/km/pack-crash/download", "download", test_crash);
  g_test_add_data_func ("/km/pack-crash/before-switch", "before-switch", test_crash);
  g_test_add_data_func ("/km/pack-crash/mid-switch", "mid-switch", test_crash);
  g_test_add_data_func ("/km/pack-crash/after-switch", "after-switch", test_crash);

  return g_test_run ();
}
