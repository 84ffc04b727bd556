/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-content-checked"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "km-content-checked.h"
#include "km-pack-dir.h"

/* Records kept; older ones (packs since replaced) are removed on a write. */
#define MAX_RECORDS 8
#define HEADER "khojaly-memorial checked pack\n"

static GFile *records_dir;

/**
 * km_content_checked_set_dir:
 * @dir: (nullable): the folder of the records, created when first written
 */
void
km_content_checked_set_dir (GFile *dir)
{
  g_set_object (&records_dir, dir);
}

/**
 * km_content_checked_get_dir:
 *
 * Returns: (transfer none) (nullable): the folder set by
 *   km_content_checked_set_dir()
 */
GFile *
km_content_checked_get_dir (void)
{
  return records_dir;
}

/**
 * km_content_checked_get_default_dir:
 *
 * Returns: (transfer full): `khojaly-memorial/checked` in the user's
 *   cache folder: losing it only costs one full check
 */
GFile *
km_content_checked_get_default_dir (void)
{
  return g_file_new_build_filename (g_get_user_cache_dir (), "khojaly-memorial", "checked", NULL);
}

/**
 * km_content_checked_fingerprint:
 * @dir: the pack's folder
 * @files: (element-type GFile): the pack's XML files and every file they
 *   reference, in a fixed order
 *
 * Returns: (transfer full) (nullable): the fingerprint, 64 hex digits, or
 *   %NULL when a file is missing or not a local file (nothing to record)
 */
char *
km_content_checked_fingerprint (GFile     *dir,
                                GPtrArray *files)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *dir_path = g_file_get_path (dir);
  char version[32];

  if (dir_path == NULL)
    return NULL;

  g_snprintf (version, sizeof version, "v%d", KM_CONTENT_CHECKED_VERSION);
  g_checksum_update (sum, (const guchar *) version, -1);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *relative = g_file_get_relative_path (dir, file);
      const char *name = relative != NULL ? relative : path;
      GStatBuf st;
      char line[256];

      if (path == NULL || g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        return NULL;

      /* Relative to the pack, so that the updater's staging folder, once
       * renamed into place, keeps its record. NUL-separated: a path
       * cannot hold one.
       */
      g_checksum_update (sum, (const guchar *) name, strlen (name) + 1);
      g_snprintf (line, sizeof line,
                  "%" G_GINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT
                  " %" G_GINT64_FORMAT ".%09ld %" G_GINT64_FORMAT ".%09ld",
                  (gint64) st.st_size, (guint64) st.st_dev, (guint64) st.st_ino,
                  (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec,
                  (gint64) st.st_ctim.tv_sec, (long) st.st_ctim.tv_nsec);
      g_checksum_update (sum, (const guchar *) line, strlen (line) + 1);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static gboolean
is_fingerprint (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/**
 * km_content_checked_format_record:
 * @fingerprint: a fingerprint
 *
 * Returns: (transfer full): the text of the record for @fingerprint: a
 *   header, the format version, the fingerprint, the record's length and a
 *   SHA-256 of all that, so that a truncated or altered record is told
 *   from a whole one
 */
char *
km_content_checked_format_record (const char *fingerprint)
{
  g_autofree char *body = NULL;
  g_autofree char *sum = NULL;
  gsize length;

  g_return_val_if_fail (is_fingerprint (fingerprint), NULL);

  /* The length counts the whole record, its own line and the sum's too:
   * both have a fixed size ("length " + 4 digits, "sha256 " + 64 digits).
   */
  length = strlen (HEADER) + strlen ("version 1\n") + strlen ("fingerprint \n") + 64 +
           strlen ("length 0000\n") + strlen ("sha256 \n") + 64;
  body = g_strdup_printf (HEADER "version %d\nfingerprint %s\nlength %04" G_GSIZE_FORMAT "\n",
                          KM_CONTENT_CHECKED_VERSION, fingerprint, length);
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, body, -1);

  return g_strdup_printf ("%ssha256 %s\n", body, sum);
}

/**
 * km_content_checked_get_record_file:
 * @records: the folder of the records
 * @fingerprint: a fingerprint
 *
 * Returns: (transfer full): where the record of @fingerprint is kept
 */
GFile *
km_content_checked_get_record_file (GFile      *records,
                                    const char *fingerprint)
{
  g_autofree char *name = g_strconcat (fingerprint, ".checked", NULL);

  return g_file_get_child (records, name);
}

/**
 * km_content_checked_lookup:
 * @records: (nullable): the folder of the records
 * @fingerprint: (nullable): a pack's fingerprint
 *
 * Returns: whether a whole record of this format version says that the
 *   pack with @fingerprint passed every check. Anything else in its place
 *   (another version, a truncated or altered file) is not trusted.
 */
gboolean
km_content_checked_lookup (GFile      *records,
                           const char *fingerprint)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  gsize length;

  if (records == NULL || !is_fingerprint (fingerprint))
    return FALSE;

  file = km_content_checked_get_record_file (records, fingerprint);
  path = g_file_get_path (file);
  if (path == NULL || !g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  /* The whole text, byte for byte: the format has exactly one form. */
  expected = km_content_checked_format_record (fingerprint);
  return length == strlen (expected) && memcmp (contents, expected, length) == 0;
}

static int
compare_mtime (gconstpointer a,
               gconstpointer b)
{
  GFileInfo *ia = *(GFileInfo * const *) a;
  GFileInfo *ib = *(GFileInfo * const *) b;
  guint64 ta = g_file_info_get_attribute_uint64 (ia, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  guint64 tb = g_file_info_get_attribute_uint64 (ib, G_FILE_ATTRIBUTE_TIME_MODIFIED);

  return ta > tb ? -1 : ta < tb;
}

/* A record being written: its name, then a dot and six characters. */
static gboolean
is_leftover (const char *name)
{
  const char *dot = strstr (name, ".checked.");

  return dot != NULL && strlen (dot) == strlen (".checked.") + 6;
}

/* Keeps the newest records: the others are of packs since replaced.
 * Removes what a write killed half-way left (another process writing the
 * same record at this moment only loses that record: one check more).
 */
static void
prune (GFile *records)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  GFileInfo *info;

  children = g_file_enumerate_children (records,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return;
  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_str_has_suffix (name, ".checked"))
        {
          g_ptr_array_add (infos, info);
          continue;
        }
      if (is_leftover (name))
        {
          g_autoptr(GFile) leftover = g_file_get_child (records, name);

          g_file_delete (leftover, NULL, NULL);
        }
      g_object_unref (info);
    }
  if (infos->len <= MAX_RECORDS)
    return;

  g_ptr_array_sort (infos, compare_mtime);
  for (guint i = MAX_RECORDS; i < infos->len; i++)
    {
      g_autoptr(GFile) old = g_file_get_child (records, g_file_info_get_name (g_ptr_array_index (infos, i)));

      g_file_delete (old, NULL, NULL);
    }
}

static gboolean
set_errno_error (GError     **error,
                 int          saved,
                 const char  *what,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               "cannot %s %s: %s", what, path, g_strerror (saved));
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

/* Into a file of its own, renamed over the record: a kill leaves the old
 * record or none, and at most a part of the new one under another name,
 * which prune() removes. No fsync: a record lost in a power cut only
 * costs one full check.
 */
static gboolean
write_record (const char  *path,
              const char  *text,
              GError     **error)
{
  g_autofree char *tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  gsize length = strlen (text);
  int fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  int saved;

  if (fd < 0)
    return set_errno_error (error, errno, "create", tmp_path);

  /* In two parts, so that the crash tests can kill a write half-way. */
  if (!write_all (fd, text, length / 2))
    goto failed;
  km_pack_dir_crash_point ("checked-during-write");
  if (!write_all (fd, text + length / 2, length - length / 2))
    goto failed;
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      saved = errno;
      g_unlink (tmp_path);
      return set_errno_error (error, saved, "write", path);
    }
  return TRUE;

failed:
  saved = errno != 0 ? errno : EIO;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp_path);
  return set_errno_error (error, saved, "write", tmp_path);
}

/**
 * km_content_checked_store:
 * @records: the folder of the records
 * @fingerprint: the fingerprint of a pack that passed every check
 * @error: a #GError
 *
 * Writes the record atomically (a kill leaves the old file or none, never
 * half of one under its name) and removes the oldest records beyond a
 * few, and what killed writes left.
 *
 * Returns: whether it was written
 */
gboolean
km_content_checked_store (GFile       *records,
                          const char  *fingerprint,
                          GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir_path = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (G_IS_FILE (records), FALSE);
  g_return_val_if_fail (is_fingerprint (fingerprint), FALSE);

  dir_path = g_file_get_path (records);
  if (dir_path == NULL || g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "cannot create %s: %s", dir_path ? dir_path : "(no path)", g_strerror (saved));
      return FALSE;
    }

  file = km_content_checked_get_record_file (records, fingerprint);
  path = g_file_get_path (file);
  text = km_content_checked_format_record (fingerprint);

  km_pack_dir_crash_point ("checked-before-write");
  if (!write_record (path, text, error))
    return FALSE;
  km_pack_dir_crash_point ("checked-after-write");

  prune (records);
  return TRUE;
}
