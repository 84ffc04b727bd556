/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack-signature"

#include "config.h"

#include "km-pack-signature.h"

G_DEFINE_QUARK (km-pack-signature-error-quark, km_pack_signature_error)

void
km_pack_signature_info_clear (KmPackSignatureInfo *info)
{
  g_clear_pointer (&info->key_id, g_free);
  info->version = 0;
  info->timestamp = 0;
}

/**
 * km_pack_signature_parse_keys:
 * @keys: minisign public keys: each the base64 line of a .pub file (or
 *   the whole file's text)
 *
 * Returns: (transfer full) (element-type KmMinisignPublicKey): the keys,
 *   or %NULL if one cannot be read, with an error naming it
 */
GPtrArray *
km_pack_signature_parse_keys (const char * const  *keys,
                              GError             **error)
{
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify)km_minisign_public_key_free);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("trusted key %u", i + 1);
      KmMinisignPublicKey *key = km_minisign_public_key_parse (keys[i], name, error);

      if (key == NULL)
        return NULL;
      g_ptr_array_add (parsed, key);
    }

  return g_steal_pointer (&parsed);
}

char *
km_pack_signature_make_comment (gint64 version,
                                gint64 timestamp)
{
  return g_strdup_printf ("version:%" G_GINT64_FORMAT " timestamp:%" G_GINT64_FORMAT " file:manifest.ini",
                          version, timestamp);
}

static gboolean
parse_number (const char *comment,
              const char *name,
              gint64      max,
              gint64     *out)
{
  g_autofree char *text = km_minisign_trusted_comment_lookup (comment, name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, (guint64)max, &value, NULL))
    return FALSE;
  *out = (gint64)value;
  return TRUE;
}

/* "version 7 is not newer than the installed 9" */
gboolean
km_pack_signature_check_newer (gint64   version,
                               gint64   installed,
                               GError **error)
{
  if (version > installed)
    return TRUE;
  g_set_error (error, KM_PACK_SIGNATURE_ERROR, KM_PACK_SIGNATURE_ERROR_NOT_NEWER,
               "version %" G_GINT64_FORMAT " is not newer than the installed %" G_GINT64_FORMAT,
               version, installed);
  return FALSE;
}

/**
 * km_pack_signature_check:
 * @manifest_data: the manifest's bytes, as signed
 * @manifest: @manifest_data parsed
 * @signature_data: (nullable): the .minisig file, or %NULL if there is none
 * @keys: (element-type KmMinisignPublicKey): the trusted keys, not empty
 * @max_age_days: 0, or how old a signature may be
 * @now: seconds since 1970
 * @info: (out caller-allocates): the signed version, time and key id
 *
 * The checks a kiosk makes before it fetches any file the manifest names,
 * apart from the version being newer than the installed one
 * (km_pack_signature_check_newer()).
 */
gboolean
km_pack_signature_check (GBytes              *manifest_data,
                         KmPackManifest      *manifest,
                         GBytes              *signature_data,
                         const char          *signature_name,
                         GPtrArray           *keys,
                         guint                max_age_days,
                         gint64               now,
                         KmPackSignatureInfo *info,
                         GError             **error)
{
  g_autoptr(KmMinisignSignature) signature = NULL;
  const KmMinisignPublicKey *key;
  const char *comment;
  gint64 version;
  gint64 timestamp;
  gsize length;
  const char *data;

  if (signature_data == NULL)
    {
      g_set_error_literal (error, KM_PACK_SIGNATURE_ERROR, KM_PACK_SIGNATURE_ERROR_UNSIGNED,
                           "the pack is not signed");
      return FALSE;
    }

  data = g_bytes_get_data (signature_data, &length);
  if (length > KM_PACK_SIGNATURE_MAX_SIZE)
    {
      g_set_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_MALFORMED,
                   "%s: larger than %d bytes", signature_name, KM_PACK_SIGNATURE_MAX_SIZE);
      return FALSE;
    }
  signature = km_minisign_signature_parse (data, length, signature_name, error);
  if (signature == NULL)
    return FALSE;

  data = g_bytes_get_data (manifest_data, &length);
  key = km_minisign_signature_verify (signature, keys, (const guint8 *)data, length, error);
  if (key == NULL)
    return FALSE;

  /* Only now is the trusted comment trusted. */
  comment = km_minisign_signature_get_trusted_comment (signature);
  if (!parse_number (comment, "version", KM_PACK_VERSION_MAX, &version) ||
      !parse_number (comment, "timestamp", G_MAXINT64, &timestamp))
    {
      g_set_error_literal (error, KM_PACK_SIGNATURE_ERROR, KM_PACK_SIGNATURE_ERROR_NO_VERSION,
                           "the trusted comment does not say “version:N timestamp:T”");
      return FALSE;
    }
  if (version != km_pack_manifest_get_version (manifest))
    {
      g_set_error (error, KM_PACK_SIGNATURE_ERROR, KM_PACK_SIGNATURE_ERROR_VERSION_MISMATCH,
                   "the signature is for version %" G_GINT64_FORMAT ", the manifest says %" G_GINT64_FORMAT,
                   version, km_pack_manifest_get_version (manifest));
      return FALSE;
    }
  if (max_age_days > 0 && now - timestamp > (gint64)max_age_days * 86400)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (timestamp);
      g_autofree char *date = when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("?");

      g_set_error (error, KM_PACK_SIGNATURE_ERROR, KM_PACK_SIGNATURE_ERROR_TOO_OLD,
                   "signed on %s, more than %u days ago", date, max_age_days);
      return FALSE;
    }

  info->version = version;
  info->timestamp = timestamp;
  g_free (info->key_id);
  info->key_id = km_minisign_public_key_dup_id (key);
  return TRUE;
}

/**
 * km_pack_signature_check_dir:
 * @dir: a published pack: manifest.ini, manifest.ini.minisig and the files
 *
 * What a kiosk checks of a pack given by hand (--content=DIR) when it has
 * trusted keys: the signature as km_pack_signature_check() does, and every
 * file's size and SHA-256. A folder without manifest.ini.minisig fails
 * with %KM_PACK_SIGNATURE_ERROR_UNSIGNED.
 */
gboolean
km_pack_signature_check_dir (GFile               *dir,
                             GPtrArray           *keys,
                             guint                max_age_days,
                             gint64               now,
                             KmPackSignatureInfo *info,
                             GError             **error)
{
  g_autoptr(GFile) manifest_file = g_file_get_child (dir, "manifest.ini");
  g_autoptr(GFile) sig_file = g_file_get_child (dir, "manifest.ini" KM_PACK_SIGNATURE_SUFFIX);
  g_autoptr(GBytes) manifest_data = NULL;
  g_autoptr(GBytes) sig_data = NULL;
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sig_name = g_file_get_parse_name (sig_file);

  manifest_data = g_file_load_bytes (manifest_file, NULL, NULL, error);
  if (manifest_data == NULL)
    return FALSE;
  manifest = km_pack_manifest_parse (g_bytes_get_data (manifest_data, NULL), g_bytes_get_size (manifest_data), error);
  if (manifest == NULL)
    return FALSE;

  sig_data = g_file_load_bytes (sig_file, NULL, NULL, &local_error);
  if (sig_data == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return km_pack_signature_check (manifest_data, manifest, sig_data, sig_name, keys, max_age_days, now, info, error) &&
         km_pack_manifest_verify_dir (manifest, dir, error);
}
