/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack-manifest"

#include "config.h"

#include <string.h>

#include "km-pack-manifest.h"

#define FILE_GROUP_PREFIX "File "
#define MAX_FILES 10000

struct _KmPackManifest
{
  gint64      version;
  GPtrArray  *files;   /* KmPackFile, sorted by path */
  GHashTable *by_path; /* path → KmPackFile */
  guint64     total_size;
};

static void
pack_file_free (KmPackFile *file)
{
  g_free (file->path);
  g_free (file->sha256);
  g_free (file);
}

static KmPackManifest *
manifest_new (gint64 version)
{
  KmPackManifest *self = g_new0 (KmPackManifest, 1);

  self->version = version;
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_file_free);
  self->by_path = g_hash_table_new (g_str_hash, g_str_equal);

  return self;
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  const KmPackFile *fa = *(const KmPackFile **) a;
  const KmPackFile *fb = *(const KmPackFile **) b;

  return strcmp (fa->path, fb->path);
}

static gboolean
add_file (KmPackManifest  *self,
          const char      *path,
          guint64          size,
          const char      *sha256,
          GError         **error)
{
  KmPackFile *file;

  if (!km_pack_path_is_safe (path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the manifest names an unsafe path “%s”", path);
      return FALSE;
    }

  if (g_hash_table_contains (self->by_path, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the manifest names “%s” twice", path);
      return FALSE;
    }

  if (self->files->len >= MAX_FILES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the manifest names more than %d files", MAX_FILES);
      return FALSE;
    }

  if (self->total_size + size < self->total_size)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the manifest's sizes overflow");
      return FALSE;
    }

  file = g_new0 (KmPackFile, 1);
  file->path = g_strdup (path);
  file->size = size;
  file->sha256 = g_ascii_strdown (sha256, -1);
  g_ptr_array_add (self->files, file);
  g_hash_table_insert (self->by_path, file->path, file);
  self->total_size += size;

  return TRUE;
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;

  for (const char *p = text; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;

  return TRUE;
}

/**
 * km_pack_path_is_safe:
 * @path: a path from a manifest
 *
 * A safe path is relative, stays inside the pack and names no hidden file:
 * no leading `/`, no empty, `.` or `..` component, no component that
 * starts with a dot, no backslash or bracket, no control character, valid
 * UTF-8.
 *
 * Returns: whether @path may be written below the pack folder
 */
gboolean
km_pack_path_is_safe (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || *path == '\0' || strlen (path) > 1024)
    return FALSE;

  if (!g_utf8_validate (path, -1, NULL) || path[0] == '/' || strpbrk (path, "\\[]") != NULL)
    return FALSE;

  for (const char *p = path; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;

  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0' || parts[i][0] == '.')
      return FALSE;

  return TRUE;
}

/**
 * km_pack_manifest_parse:
 *
 * Parses and checks a manifest: a positive version, at least one file,
 * safe and unique paths, a size and a well-formed SHA-256 for each.
 *
 * Returns: (transfer full) (nullable): the manifest, or %NULL with @error set
 */
KmPackManifest *
km_pack_manifest_parse (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(KmPackManifest) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  gint64 version;

  if (!g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the manifest is malformed: %s", local_error->message);
      return NULL;
    }

  version = g_key_file_get_int64 (key_file, "Pack", "Version", &local_error);
  if (local_error != NULL || version <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the manifest has no valid [Pack] Version");
      return NULL;
    }

  self = manifest_new (version);
  groups = g_key_file_get_groups (key_file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      g_autofree char *size_text = NULL;
      g_autofree char *sha256 = NULL;
      guint64 size;

      if (g_str_equal (group, "Pack"))
        continue;

      if (!g_str_has_prefix (group, FILE_GROUP_PREFIX))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the manifest has an unknown group [%s]", group);
          return NULL;
        }

      size_text = g_key_file_get_value (key_file, group, "Size", NULL);
      sha256 = g_key_file_get_string (key_file, group, "SHA256", NULL);

      if (size_text == NULL || !g_ascii_string_to_unsigned (size_text, 10, 0, G_MAXINT64, &size, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the manifest gives no valid size for [%s]", group);
          return NULL;
        }

      if (!is_sha256 (sha256))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the manifest gives no valid SHA256 for [%s]", group);
          return NULL;
        }

      if (!add_file (self, group + strlen (FILE_GROUP_PREFIX), size, sha256, error))
        return NULL;
    }

  if (self->files->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "the manifest lists no files");
      return NULL;
    }

  g_ptr_array_sort (self->files, compare_files);

  return g_steal_pointer (&self);
}

static char *
hash_file (GFile    *file,
           guint64  *size_out,
           GError  **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GFileInputStream) stream = NULL;
  guchar buffer[64 * 1024];
  guint64 size = 0;
  gssize n;

  if (!(stream = g_file_read (file, NULL, error)))
    return NULL;

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, error)) > 0)
    {
      g_checksum_update (checksum, buffer, n);
      size += n;
    }

  if (n < 0)
    return NULL;

  *size_out = size;

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
add_dir (KmPackManifest  *self,
         GFile           *root,
         GFile           *dir,
         GError         **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (dir,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          NULL, error);
  if (enumerator == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      g_autofree char *path = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, NULL, error))
        return FALSE;
      if (info == NULL)
        break;

      if (g_file_info_get_name (info)[0] == '.')
        continue;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (!add_dir (self, root, child, error))
            return FALSE;
        }
      else if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          g_autofree char *sha256 = NULL;
          guint64 size = 0;

          path = g_file_get_relative_path (root, child);
          if (!(sha256 = hash_file (child, &size, error)))
            return FALSE;
          if (!add_file (self, path, size, sha256, error))
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * km_pack_manifest_new_for_dir:
 * @dir: a content pack folder
 * @version: the pack's version, > 0
 *
 * Describes every regular, non-hidden file below @dir.
 *
 * Returns: (transfer full) (nullable): the manifest
 */
KmPackManifest *
km_pack_manifest_new_for_dir (GFile   *dir,
                              gint64   version,
                              GError **error)
{
  g_autoptr(KmPackManifest) self = NULL;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);
  g_return_val_if_fail (version > 0, NULL);

  self = manifest_new (version);
  if (!add_dir (self, dir, dir, error))
    return NULL;

  g_ptr_array_sort (self->files, compare_files);

  return g_steal_pointer (&self);
}

/**
 * km_pack_manifest_load:
 * @dir: an installed pack folder
 *
 * Returns: (transfer full) (nullable): the manifest stored in @dir
 */
KmPackManifest *
km_pack_manifest_load (GFile   *dir,
                       GError **error)
{
  g_autoptr(GFile) file = g_file_get_child (dir, KM_PACK_MANIFEST_NAME);
  g_autofree char *data = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, error))
    return NULL;

  return km_pack_manifest_parse (data, length, error);
}

/**
 * km_pack_manifest_verify_dir:
 *
 * Checks that every file of the manifest is in @dir with its size and
 * SHA-256.
 *
 * Returns: whether @dir holds the whole pack
 */
gboolean
km_pack_manifest_verify_dir (KmPackManifest  *self,
                             GFile           *dir,
                             GError         **error)
{
  for (guint i = 0; i < self->files->len; i++)
    {
      const KmPackFile *file = g_ptr_array_index (self->files, i);
      g_autoptr(GFile) child = g_file_resolve_relative_path (dir, file->path);
      g_autofree char *sha256 = NULL;
      guint64 size = 0;

      if (!(sha256 = hash_file (child, &size, error)))
        return FALSE;

      if (size != file->size || !g_str_equal (sha256, file->sha256))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "“%s” does not match the manifest", file->path);
          return FALSE;
        }
    }

  return TRUE;
}

void
km_pack_manifest_free (KmPackManifest *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->files);
  g_hash_table_unref (self->by_path);
  g_free (self);
}

gint64
km_pack_manifest_get_version (KmPackManifest *self)
{
  return self->version;
}

guint
km_pack_manifest_get_n_files (KmPackManifest *self)
{
  return self->files->len;
}

const KmPackFile *
km_pack_manifest_get_file (KmPackManifest *self,
                           guint           i)
{
  g_return_val_if_fail (i < self->files->len, NULL);

  return g_ptr_array_index (self->files, i);
}

const KmPackFile *
km_pack_manifest_lookup (KmPackManifest *self,
                         const char     *path)
{
  return g_hash_table_lookup (self->by_path, path);
}

guint64
km_pack_manifest_get_total_size (KmPackManifest *self)
{
  return self->total_size;
}

/**
 * km_pack_manifest_to_data:
 *
 * Returns: (transfer full): the manifest as a key file
 */
char *
km_pack_manifest_to_data (KmPackManifest *self,
                          gsize          *length)
{
  GString *out = g_string_new ("[Pack]\n");

  g_string_append_printf (out, "Version=%" G_GINT64_FORMAT "\n", self->version);
  for (guint i = 0; i < self->files->len; i++)
    {
      const KmPackFile *file = g_ptr_array_index (self->files, i);

      g_string_append_printf (out, "\n[" FILE_GROUP_PREFIX "%s]\nSize=%" G_GUINT64_FORMAT "\nSHA256=%s\n",
                              file->path, file->size, file->sha256);
    }

  if (length != NULL)
    *length = out->len;

  return g_string_free (out, FALSE);
}
