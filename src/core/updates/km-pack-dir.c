/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack-dir"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "km-content-checked.h"
#include "km-content-error.h"
#include "km-outside-text.h"
#include "km-pack-dir.h"
#include "km-pack-manifest.h"

#define STATE_FILE "state.ini"
#define PREVIOUS_NEW "previous.new"

static gboolean
set_io_error (GError     **error,
              int          saved_errno,
              const char  *what,
              const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s %s: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

static void
sync_path (const char *path,
           gboolean    directory)
{
  int fd = open (path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Everything of a staged pack reaches the disk before any link names it. */
static void
sync_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        sync_tree (child);
      else
        sync_path (child, FALSE);
    }

  sync_path (path, TRUE);
}

/* Makes @link_name in @base a new link to @target (a sibling's name). */
static gboolean
make_link (const char  *base,
           const char  *link_name,
           const char  *target,
           GError     **error)
{
  g_autofree char *link_path = g_build_filename (base, link_name, NULL);

  g_unlink (link_path);
  if (symlink (target, link_path) != 0)
    return set_io_error (error, errno, "cannot create the link", link_path);

  return TRUE;
}

/* Points @link_name in @base at @target (a sibling's name) atomically. */
static gboolean
swap_link (const char  *base,
           const char  *link_name,
           const char  *target,
           GError     **error)
{
  g_autofree char *link_path = g_build_filename (base, link_name, NULL);
  g_autofree char *tmp_path = g_strconcat (link_path, ".new", NULL);
  g_autofree char *tmp_name = g_strconcat (link_name, ".new", NULL);

  if (!make_link (base, tmp_name, target, error))
    return FALSE;

  if (g_rename (tmp_path, link_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      return set_io_error (error, saved_errno, "cannot replace the link", link_path);
    }

  return TRUE;
}

static char *
read_link_target (const char *base,
                  const char *link_name)
{
  g_autofree char *link_path = g_build_filename (base, link_name, NULL);
  g_autofree char *target = g_file_read_link (link_path, NULL);

  /* Only siblings: a link that leads elsewhere is not ours. */
  if (target == NULL || strchr (target, '/') != NULL || !g_str_has_prefix (target, "pack-"))
    return NULL;

  return g_steal_pointer (&target);
}

/* Ends a switch that a kill may have cut short: "previous.new" becomes
 * "previous" if it names a pack other than the active one, and a
 * "previous" equal to "active" (a rollback cut short) goes.
 */
static void
finish_switch (const char *base_path)
{
  g_autofree char *active = read_link_target (base_path, "active");
  g_autofree char *pending = read_link_target (base_path, PREVIOUS_NEW);
  g_autofree char *pending_path = g_build_filename (base_path, PREVIOUS_NEW, NULL);
  g_autofree char *previous_path = g_build_filename (base_path, "previous", NULL);
  g_autofree char *previous = NULL;

  if (pending != NULL && active != NULL && !g_str_equal (pending, active))
    {
      g_autofree char *pack_path = g_build_filename (base_path, pending, NULL);

      if (g_file_test (pack_path, G_FILE_TEST_IS_DIR) && g_rename (pending_path, previous_path) != 0)
        g_message ("cannot replace the link %s: %s", previous_path, g_strerror (errno));
    }
  g_unlink (pending_path);

  previous = read_link_target (base_path, "previous");
  if (previous != NULL && g_strcmp0 (previous, active) == 0)
    g_unlink (previous_path);
}

/**
 * km_pack_dir_get_default_base:
 *
 * Returns: (transfer full): $KM_DATA_DIR when set, otherwise
 *   g_get_user_data_dir()/khojaly-memorial/packs
 */
GFile *
km_pack_dir_get_default_base (void)
{
  const char *override = g_getenv ("KM_DATA_DIR");

  if (override != NULL && *override != '\0')
    return g_file_new_for_path (override);

  return g_file_new_build_filename (g_get_user_data_dir (), "khojaly-memorial", "packs", NULL);
}

/**
 * km_pack_dir_resolve:
 * @link_name: "active" or "previous"
 *
 * Returns: (transfer full) (nullable): the pack folder the link names, if
 *   it names one that exists
 */
GFile *
km_pack_dir_resolve (GFile      *base,
                     const char *link_name)
{
  g_autofree char *base_path = g_file_get_path (base);
  g_autofree char *target = read_link_target (base_path, link_name);
  g_autofree char *path = NULL;

  if (target == NULL)
    return NULL;

  path = g_build_filename (base_path, target, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return NULL;

  return g_file_new_for_path (path);
}

/**
 * km_pack_dir_make_staging:
 *
 * Returns: (transfer full) (nullable): a new, empty staging folder
 */
GFile *
km_pack_dir_make_staging (GFile   *base,
                          GError **error)
{
  g_autofree char *base_path = g_file_get_path (base);
  g_autofree char *path = NULL;

  if (g_mkdir_with_parents (base_path, 0755) != 0)
    {
      set_io_error (error, errno, "cannot create", base_path);
      return NULL;
    }

  path = g_build_filename (base_path, "staging-XXXXXX", NULL);
  if (g_mkdtemp (path) == NULL)
    {
      set_io_error (error, errno, "cannot create a staging folder in", base_path);
      return NULL;
    }

  return g_file_new_for_path (path);
}

/**
 * km_pack_dir_install:
 * @staging: a complete, verified and validated pack
 * @installed_out: (out) (optional) (transfer full): where it now lives
 *
 * Moves @staging into place as version @version, makes the active pack
 * the previous one and the new pack the active one.
 *
 * Returns: whether the new pack is active
 */
gboolean
km_pack_dir_install (GFile   *base,
                     GFile   *staging,
                     gint64   version,
                     GFile  **installed_out,
                     GError **error)
{
  g_autofree char *base_path = g_file_get_path (base);
  g_autofree char *staging_path = g_file_get_path (staging);
  g_autofree char *template = g_strdup_printf ("pack-%" G_GINT64_FORMAT "-XXXXXX", version);
  g_autofree char *final_path = g_build_filename (base_path, template, NULL);
  g_autofree char *final_name = NULL;
  g_autofree char *old_target = NULL;

  sync_tree (staging_path);

  /* An empty folder with a unique name, which rename() may replace. */
  if (g_mkdtemp (final_path) == NULL)
    return set_io_error (error, errno, "cannot create a pack folder in", base_path);
  if (g_rename (staging_path, final_path) != 0)
    {
      int saved_errno = errno;

      g_rmdir (final_path);
      return set_io_error (error, saved_errno, "cannot move the staged pack to", final_path);
    }
  sync_path (base_path, TRUE);
  km_pack_dir_crash_point ("before-switch");

  /* "previous.new" names the pack being replaced before "active" moves
   * and becomes "previous" after: a kill between the two renames leaves
   * the new pack active and km_pack_dir_cleanup() finishes the second, so
   * neither a rollback level is lost nor "previous" equals "active".
   */
  final_name = g_path_get_basename (final_path);
  old_target = read_link_target (base_path, "active");
  if (old_target != NULL && !make_link (base_path, PREVIOUS_NEW, old_target, error))
    return FALSE;

  if (!swap_link (base_path, "active", final_name, error))
    {
      g_autofree char *previous_new = g_build_filename (base_path, PREVIOUS_NEW, NULL);

      g_unlink (previous_new);
      return FALSE;
    }
  sync_path (base_path, TRUE);
  km_pack_dir_crash_point ("mid-switch");

  if (old_target != NULL)
    finish_switch (base_path);
  sync_path (base_path, TRUE);
  km_pack_dir_crash_point ("after-switch");

  if (installed_out != NULL)
    *installed_out = g_file_new_for_path (final_path);

  return TRUE;
}

static void
set_rejected (const char *base_path,
              gint64      version)
{
  g_autoptr(GKeyFile) state = g_key_file_new ();
  g_autofree char *path = g_build_filename (base_path, STATE_FILE, NULL);

  g_key_file_set_int64 (state, "Rejected", "Version", version);
  if (!g_key_file_save_to_file (state, path, NULL))
    g_info ("cannot save %s", path);
}

/**
 * km_pack_dir_get_rejected:
 *
 * Returns: the version that failed to load after it was installed, or 0;
 *   the updater does not install it again
 */
gint64
km_pack_dir_get_rejected (GFile *base)
{
  g_autoptr(GKeyFile) state = g_key_file_new ();
  g_autofree char *base_path = g_file_get_path (base);
  g_autofree char *path = g_build_filename (base_path, STATE_FILE, NULL);

  if (!g_key_file_load_from_file (state, path, G_KEY_FILE_NONE, NULL))
    return 0;

  return g_key_file_get_int64 (state, "Rejected", "Version", NULL);
}

/**
 * km_pack_dir_rollback:
 *
 * Makes the previous pack the active one again and remembers the version
 * of the pack it replaces, so the updater does not fetch it again.
 *
 * Returns: whether a previous pack is now active
 */
gboolean
km_pack_dir_rollback (GFile   *base,
                      GError **error)
{
  g_autofree char *base_path = g_file_get_path (base);
  g_autofree char *previous = read_link_target (base_path, "previous");
  g_autofree char *previous_link = g_build_filename (base_path, "previous", NULL);
  g_autoptr(GFile) bad = km_pack_dir_resolve (base, "active");
  g_autoptr(KmPackManifest) bad_manifest = bad != NULL ? km_pack_manifest_load (bad, NULL) : NULL;

  if (bad_manifest != NULL)
    set_rejected (base_path, km_pack_manifest_get_version (bad_manifest));

  if (previous == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "there is no previous pack");
      return FALSE;
    }

  if (!swap_link (base_path, "active", previous, error))
    return FALSE;

  g_unlink (previous_link);
  sync_path (base_path, TRUE);

  return TRUE;
}

/**
 * km_pack_dir_remove_tree:
 *
 * Deletes @dir and everything below it, without following links.
 */
void
km_pack_dir_remove_tree (GFile *dir)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (enumerator != NULL)
    {
      GFileInfo *info;
      GFile *child;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, NULL) || info == NULL)
        break;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        km_pack_dir_remove_tree (child);
      else
        g_file_delete (child, NULL, NULL);
    }

  g_file_delete (dir, NULL, NULL);
}

/**
 * km_pack_dir_cleanup:
 * @keep: (nullable): a pack folder still on screen
 *
 * Removes staging folders, half-made links and every pack that neither
 * "active" nor "previous" names, except @keep.
 */
void
km_pack_dir_cleanup (GFile *base,
                     GFile *keep)
{
  g_autofree char *base_path = g_file_get_path (base);
  g_autofree char *active = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *keep_name = keep != NULL ? g_file_get_basename (keep) : NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  finish_switch (base_path);
  active = read_link_target (base_path, "active");
  previous = read_link_target (base_path, "previous");
  dir = g_dir_open (base_path, 0, NULL);
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (base_path, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      if (g_str_has_suffix (name, ".new"))
        g_unlink (path);
      else if (g_str_has_prefix (name, "staging-") ||
               (g_str_has_prefix (name, "pack-") &&
                g_strcmp0 (name, active) != 0 &&
                g_strcmp0 (name, previous) != 0 &&
                g_strcmp0 (name, keep_name) != 0))
        km_pack_dir_remove_tree (file);
    }
}

static gboolean
load_pack (KmContentStore  *store,
           GFile           *dir,
           gint64          *version_out,
           GError         **error)
{
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  guint n_hashed = 0;
  gboolean verified;

  *version_out = 0;
  if (!(manifest = km_pack_manifest_load (dir, error)))
    return FALSE;

  *version_out = km_pack_manifest_get_version (manifest);
  /* Hashed once after an install or a change on disk, not at every start. */
  verified = km_pack_manifest_verify_dir_recorded (manifest, dir, km_content_checked_get_dir (),
                                                   &n_hashed, error);
  /* Most of a start's time with a large pack when they are hashed (#19). */
  g_debug ("content pack version %" G_GINT64_FORMAT " in %s: %u of %u files hashed%s",
           *version_out, g_file_peek_path (dir), n_hashed, km_pack_manifest_get_n_files (manifest),
           verified && n_hashed == 0 && km_pack_manifest_get_n_files (manifest) > 0 ?
           ", a recorded verification vouched for them" : "");
  if (!verified)
    return FALSE;

  return km_content_store_load (store, dir, &errors, error);
}

/**
 * km_pack_dir_recover:
 * @store: the store to load the active pack into
 * @loaded_out: (out) (transfer full) (optional): the folder it loaded
 * @version_out: (out) (optional): the version it loaded
 * @notice_out: (out) (transfer full) (optional) (nullable): a sentence for
 *   the window when it had to roll back
 *
 * The startup recovery: removes what an interrupted download or switch
 * left, then loads the active pack, checked against its manifest. If that
 * fails it rolls back to the previous pack; if that fails too, the caller
 * shows the bundled exhibition.
 *
 * Returns: whether an installed pack is loaded
 */
gboolean
km_pack_dir_recover (GFile           *base,
                     KmContentStore  *store,
                     GFile          **loaded_out,
                     gint64          *version_out,
                     char           **notice_out)
{
  g_autoptr(GFile) active = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base_path = g_file_get_path (base);
  g_autofree char *reason = NULL;
  gint64 bad_version = 0;
  gint64 version = 0;

  g_return_val_if_fail (G_IS_FILE (base), FALSE);
  g_return_val_if_fail (KM_IS_CONTENT_STORE (store), FALSE);

  if (notice_out != NULL)
    *notice_out = NULL;

  km_pack_dir_cleanup (base, NULL);
  if (!(active = km_pack_dir_resolve (base, "active")))
    return FALSE;

  if (load_pack (store, active, &version, &error))
    goto loaded;

  bad_version = version;
  /* The reason may quote the pack's own text. */
  reason = km_outside_text_plain (error->message, -1);
  g_printerr ("khojaly-memorial: the content pack version %" G_GINT64_FORMAT " in %s does not load: %s\n",
              bad_version, g_file_peek_path (active), reason);
  g_clear_error (&error);
  g_clear_object (&active);

  if (km_pack_dir_rollback (base, NULL) &&
      (active = km_pack_dir_resolve (base, "active")) != NULL &&
      load_pack (store, active, &version, &error))
    {
      g_printerr ("khojaly-memorial: rolled back to the content pack version %" G_GINT64_FORMAT "\n", version);
      if (notice_out != NULL)
        /* Translators: %1$lld is the content pack version that did not load,
         * %2$lld the earlier version shown again */
        *notice_out = g_strdup_printf (_("Content pack version %1$lld did not load; version %2$lld is shown again."),
                                       (long long) bad_version, (long long) version);
      km_pack_dir_cleanup (base, NULL);
      goto loaded;
    }

  g_printerr ("khojaly-memorial: no installed content pack loads; showing the bundled exhibition\n");
  if (notice_out != NULL)
    *notice_out = g_strdup (_("The installed content pack did not load; the bundled exhibition is shown."));
  {
    g_autofree char *active_link = g_build_filename (base_path, "active", NULL);
    g_autofree char *previous_link = g_build_filename (base_path, "previous", NULL);

    g_unlink (active_link);
    g_unlink (previous_link);
    km_pack_dir_cleanup (base, NULL);
  }
  return FALSE;

loaded:
  if (loaded_out != NULL)
    *loaded_out = g_steal_pointer (&active);
  if (version_out != NULL)
    *version_out = version;
  return TRUE;
}

#ifdef KM_FAULT_INJECTION
void
km_pack_dir_crash_point (const char *step)
{
  const char *crash_at = g_getenv ("KM_CRASH_AT");

  if (crash_at != NULL && g_str_equal (crash_at, step))
    raise (SIGKILL);
}
#endif
