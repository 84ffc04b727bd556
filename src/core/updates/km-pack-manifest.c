/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack-manifest"

#include "config.h"

#include <string.h>

#include "km-content-checked.h"
#include "km-outside-text.h"
#include "km-pack-dir.h"
#include "km-pack-manifest.h"

#define FILE_GROUP_PREFIX "File "
/* A 10,000-exhibit pack has an image each and a few XML files (#19). */
#define MAX_FILES 50000

struct _KmPackManifest
{
  gint64      version;
  GPtrArray  *files;   /* KmPackFile, sorted by path */
  GHashTable *by_path; /* path → KmPackFile */
  guint64     total_size;
  char       *sha256;  /* of the manifest's bytes, when loaded from a pack */
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

  g_autoptr(GError) local_error = NULL;

  if (!km_pack_path_check (path, &local_error))
    {
      g_autofree char *shown = km_outside_text_plain (path, -1);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the manifest names an unsafe path “%s”: %s", shown, local_error->message);
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

/* Linux's NAME_MAX: a longer component fails only when it is written. */
#define MAX_COMPONENT_BYTES 255
#define MAX_PATH_BYTES 1024

/**
 * km_pack_path_check:
 * @path: a path from a manifest
 *
 * A safe path is relative, stays inside the pack and names no hidden file:
 * no leading `/`, no empty, `.` or `..` component, no component that
 * starts with a dot or is longer than 255 bytes, no backslash or bracket,
 * no control, text direction or line separator character, valid UTF-8, at
 * most 1024 bytes. Other characters,
 * `:` `?` `#` `%` included, are allowed: they are escaped when the file's
 * address is built (km_pack_resolve_uri()).
 *
 * Returns: whether @path may be written below the pack folder; if not,
 *   @error says why (“it is absolute”), without quoting @path
 */
gboolean
km_pack_path_check (const char  *path,
                    GError     **error)
{
  g_auto(GStrv) parts = NULL;
  const char *reason = NULL;

  if (path == NULL || *path == '\0')
    reason = "it is empty";
  else if (strlen (path) > MAX_PATH_BYTES)
    reason = "it is longer than 1024 bytes";
  else if (!g_utf8_validate (path, -1, NULL))
    reason = "it is not valid UTF-8";
  else if (path[0] == '/')
    reason = "it is absolute";
  else if (strpbrk (path, "\\[]") != NULL)
    reason = "it holds a backslash or a bracket";

  for (const char *p = path; reason == NULL && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        reason = "it holds a control character";
      /* These make a name read as another in a listing or a log line. */
      else if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
               (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029)
        reason = "it holds a text direction or line separator character";
    }

  if (reason == NULL)
    parts = g_strsplit (path, "/", -1);
  for (guint i = 0; reason == NULL && parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0')
        reason = "it has an empty component";
      else if (parts[i][0] == '.')
        reason = "a component is “.”, “..” or starts with a dot";
      else if (strlen (parts[i]) > MAX_COMPONENT_BYTES)
        reason = "a component is longer than 255 bytes";
    }

  if (reason != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, reason);
      return FALSE;
    }

  return TRUE;
}

/**
 * km_pack_path_is_safe:
 * @path: a path from a manifest
 *
 * Returns: whether km_pack_path_check() accepts @path
 */
gboolean
km_pack_path_is_safe (const char *path)
{
  return km_pack_path_check (path, NULL);
}

/**
 * km_pack_resolve_uri:
 * @manifest_uri: the address the manifest came from
 * @path: a path km_pack_path_check() accepts
 *
 * Builds the address of a pack file: each component of @path is escaped
 * whole (so `poster:2012.svg` cannot read as a scheme, nor `a?b` as a
 * query) and the result resolved against @manifest_uri. The address must
 * come out on the same server, below the manifest's folder, with the
 * escaped path unchanged.
 *
 * Returns: (transfer full) (nullable): the file's address
 */
GUri *
km_pack_resolve_uri (GUri        *manifest_uri,
                     const char  *path,
                     GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) relative = g_string_new (NULL);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *expected = NULL;
  const char *base_path;
  const char *slash;

  g_return_val_if_fail (manifest_uri != NULL, NULL);

  if (!km_pack_path_check (path, error))
    {
      g_prefix_error (error, "unsafe path: ");
      return NULL;
    }

  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *escaped = g_uri_escape_string (parts[i], NULL, FALSE);

      if (i > 0)
        g_string_append_c (relative, '/');
      g_string_append (relative, escaped);
    }

  /* The manifest's folder: its path up to the last slash. */
  base_path = g_uri_get_path (manifest_uri);
  slash = strrchr (base_path, '/');
  folder = slash != NULL ? g_strndup (base_path, slash - base_path + 1) : g_strdup ("/");
  expected = g_strconcat (folder, relative->str, NULL);

  if (!(uri = g_uri_parse_relative (manifest_uri, relative->str, g_uri_get_flags (manifest_uri), error)))
    return NULL;

  if (g_strcmp0 (g_uri_get_scheme (uri), g_uri_get_scheme (manifest_uri)) != 0 ||
      g_strcmp0 (g_uri_get_host (uri), g_uri_get_host (manifest_uri)) != 0 ||
      g_uri_get_port (uri) != g_uri_get_port (manifest_uri) ||
      g_strcmp0 (g_uri_get_path (uri), expected) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           "unsafe path: its address leaves the manifest's folder");
      return NULL;
    }

  return g_steal_pointer (&uri);
}

/* A key's value as a whole number in [@min, @max], exactly: no sign, no
 * space, no overflow to the largest value (a version that overflowed used
 * to pin the kiosk at INT64_MAX).
 */
static gboolean
get_bounded (GKeyFile    *key_file,
             const char  *group,
             const char  *key,
             guint64      min,
             guint64      max,
             guint64     *out,
             GError     **error)
{
  g_autofree char *text = g_key_file_get_value (key_file, group, key, NULL);
  g_autofree char *shown_group = km_outside_text_plain (group, -1);
  g_autofree char *shown_text = NULL;

  if (text == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the manifest has no valid [%s] %s: it is missing", shown_group, key);
      return FALSE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, min, max, out, NULL))
    {
      shown_text = km_outside_text_plain (text, -1);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the manifest has no valid [%s] %s: “%s” is not a whole number from %"
                   G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT,
                   shown_group, key, shown_text, min, max);
      return FALSE;
    }

  return TRUE;
}

/* A path that is a file and also the folder of another cannot be written. */
static gboolean
check_folders (KmPackManifest  *self,
               GError         **error)
{
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->files->len; i++)
    {
      const KmPackFile *file = g_ptr_array_index (self->files, i);

      for (const char *slash = strchr (file->path, '/'); slash != NULL; slash = strchr (slash + 1, '/'))
        g_hash_table_add (folders, g_strndup (file->path, slash - file->path));
    }

  for (guint i = 0; i < self->files->len; i++)
    {
      const KmPackFile *file = g_ptr_array_index (self->files, i);

      if (g_hash_table_contains (folders, file->path))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the manifest names “%s” both as a file and as a folder", file->path);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * km_pack_manifest_parse:
 *
 * Parses and checks a manifest: a version from 1 to
 * %KM_PACK_VERSION_MAX, at least one file, safe and unique paths, no
 * path that is both a file and a folder, a size and a well-formed
 * SHA-256 for each. Numbers must be written exactly, in decimal.
 *
 * Returns: (transfer full) (nullable): the manifest, or %NULL with @error
 *   set; the message is valid UTF-8 and quotes the manifest only through
 *   km_outside_text_plain()
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
  guint64 version;

  if (!g_key_file_load_from_data (key_file, data, length, G_KEY_FILE_NONE, &local_error))
    {
      g_autofree char *shown = km_outside_text_plain (local_error->message, -1);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "the manifest is malformed: %s", shown);
      return NULL;
    }

  if (!get_bounded (key_file, "Pack", "Version", 1, KM_PACK_VERSION_MAX, &version, error))
    return NULL;

  self = manifest_new ((gint64) version);
  groups = g_key_file_get_groups (key_file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];
      g_autofree char *sha256 = NULL;
      guint64 size;

      if (g_str_equal (group, "Pack"))
        continue;

      if (!g_str_has_prefix (group, FILE_GROUP_PREFIX))
        {
          g_autofree char *shown = km_outside_text_plain (group, -1);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the manifest has an unknown group [%s]", shown);
          return NULL;
        }

      if (!get_bounded (key_file, group, "Size", 0, G_MAXINT64, &size, error))
        return NULL;

      sha256 = g_key_file_get_value (key_file, group, "SHA256", NULL);
      if (!is_sha256 (sha256))
        {
          g_autofree char *shown = km_outside_text_plain (group, -1);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "the manifest has no valid [%s] SHA256: it must be 64 hexadecimal digits", shown);
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
  if (!check_folders (self, error))
    return NULL;

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

  KmPackManifest *self;

  if (!g_file_load_contents (file, NULL, &data, &length, NULL, error))
    return NULL;

  self = km_pack_manifest_parse (data, length, error);
  if (self != NULL)
    self->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  return self;
}

/* km_pack_manifest_verify_dir(), counting the files it hashed into
 * @n_hashed (up to the first that fails). */
static gboolean
verify_files (KmPackManifest  *self,
              GFile           *dir,
              guint           *n_hashed,
              GError         **error)
{
  *n_hashed = 0;
  for (guint i = 0; i < self->files->len; i++)
    {
      const KmPackFile *file = g_ptr_array_index (self->files, i);
      g_autoptr(GFile) child = g_file_resolve_relative_path (dir, file->path);
      g_autofree char *sha256 = NULL;
      guint64 size = 0;

      if (!(sha256 = hash_file (child, &size, error)))
        return FALSE;
      (*n_hashed)++;

      if (size != file->size || !g_str_equal (sha256, file->sha256))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "“%s” does not match the manifest", file->path);
          return FALSE;
        }
    }

  return TRUE;
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
  guint n_hashed;

  return verify_files (self, dir, &n_hashed, error);
}

/* What makes a verification hold: the manifest's bytes, and the identity
 * of the manifest file and of every file it names (path, size, device,
 * inode, modification and change times: km_content_checked_fingerprint()).
 * Its own prefix, so a record of a content check never stands for one.
 */
static char *
verified_fingerprint (KmPackManifest *self,
                      GFile          *dir)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_full (self->files->len + 1, g_object_unref);
  g_autoptr(GChecksum) sum = NULL;
  g_autofree char *identity = NULL;

  g_ptr_array_add (files, g_file_get_child (dir, KM_PACK_MANIFEST_NAME));
  for (guint i = 0; i < self->files->len; i++)
    {
      const KmPackFile *file = g_ptr_array_index (self->files, i);

      g_ptr_array_add (files, g_file_resolve_relative_path (dir, file->path));
    }
  if (!(identity = km_content_checked_fingerprint (dir, files)))
    return NULL;

  sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sum, (const guchar *) "manifest verified\n", -1);
  g_checksum_update (sum, (const guchar *) self->sha256, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) identity, -1);
  return g_strdup (g_checksum_get_string (sum));
}

/**
 * km_pack_manifest_verify_dir_recorded:
 * @self: a manifest from km_pack_manifest_load()
 * @dir: the pack folder it was loaded from
 * @records: (nullable): the folder of the records (km-content-checked.h)
 * @n_hashed_out: (out) (optional): how many files it hashed: 0 when a
 *   record vouched for them, else all of them, or up to the first that
 *   does not match
 *
 * km_pack_manifest_verify_dir(), remembered: a pack whose files have not
 * changed since a full verification is not hashed again (a kiosk's start
 * with 10,000 files, #19). A file written, copied or replaced since has
 * another size, inode or change time (the kernel sets that one, and no
 * caller can set it back), so the record no longer matches and every file
 * is hashed again.
 *
 * A record only vouches for what a full verification saw; it is no
 * signature. Someone who can write the records folder is the pack folder's
 * owner, who could as well rewrite the pack and its manifest together,
 * which the start never checked against the signature either (that is
 * checked at install, #22): a forged record grants no trust beyond that,
 * and no more than a forged record of a content check (which skips the
 * image checks). A record that is not whole and of this version is
 * ignored and rewritten.
 *
 * Returns: whether @dir holds the whole pack
 */
gboolean
km_pack_manifest_verify_dir_recorded (KmPackManifest  *self,
                                      GFile           *dir,
                                      GFile           *records,
                                      guint           *n_hashed_out,
                                      GError         **error)
{
  g_autofree char *fingerprint = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_hashed;

  if (n_hashed_out == NULL)
    n_hashed_out = &n_hashed;
  *n_hashed_out = 0;

  if (records == NULL || self->sha256 == NULL)
    return verify_files (self, dir, n_hashed_out, error);

  fingerprint = verified_fingerprint (self, dir);
  if (fingerprint != NULL && km_content_checked_lookup (records, fingerprint))
    return TRUE;

  if (!verify_files (self, dir, n_hashed_out, error))
    return FALSE;

  /* Identity taken before the hashing: a file changed while it was read
   * has another one now, and is hashed again next time.
   */
  if (fingerprint != NULL && !km_content_checked_store (records, fingerprint, &local_error))
    g_debug ("the verification of %s is not remembered: %s", g_file_peek_path (dir), local_error->message);
  return TRUE;
}

void
km_pack_manifest_free (KmPackManifest *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->files);
  g_hash_table_unref (self->by_path);
  g_free (self->sha256);
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
