/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The manifest of a content pack: a GKeyFile that names the pack's version
 * and, for every file, its size and SHA-256:
 *
 *   [Pack]
 *   Version=12
 *
 *   [File sources.xml]
 *   Size=765
 *   SHA256=3f0a…
 */
#define KM_PACK_MANIFEST_NAME ".km-manifest"

/* Versions are whole numbers from 1 to this (15 digits: room for a
 * YYYYMMDDhhmmss stamp); anything else is an error, never a clamp.
 */
#define KM_PACK_VERSION_MAX G_GINT64_CONSTANT (999999999999999)

typedef struct
{
  char    *path;
  guint64  size;
  char    *sha256;
} KmPackFile;

typedef struct _KmPackManifest KmPackManifest;

KmPackManifest   *km_pack_manifest_parse          (const char      *data,
                                                   gsize            length,
                                                   GError         **error);
KmPackManifest   *km_pack_manifest_new_for_dir    (GFile           *dir,
                                                   gint64           version,
                                                   GError         **error);
KmPackManifest   *km_pack_manifest_load           (GFile           *dir,
                                                   GError         **error);
gboolean          km_pack_manifest_verify_dir     (KmPackManifest  *self,
                                                   GFile           *dir,
                                                   GError         **error);
gboolean          km_pack_manifest_verify_dir_recorded (KmPackManifest *self,
                                                        GFile          *dir,
                                                        GFile          *records,
                                                        guint          *n_hashed_out,
                                                        GError        **error);
void              km_pack_manifest_free           (KmPackManifest  *self);
gint64            km_pack_manifest_get_version    (KmPackManifest  *self);
guint             km_pack_manifest_get_n_files    (KmPackManifest  *self);
const KmPackFile *km_pack_manifest_get_file       (KmPackManifest  *self,
                                                   guint            i);
const KmPackFile *km_pack_manifest_lookup         (KmPackManifest  *self,
                                                   const char      *path);
guint64           km_pack_manifest_get_total_size (KmPackManifest  *self);
char             *km_pack_manifest_to_data        (KmPackManifest  *self,
                                                   gsize           *length);
gboolean          km_pack_path_check              (const char      *path,
                                                   GError         **error);
gboolean          km_pack_path_is_safe            (const char      *path);
GUri             *km_pack_resolve_uri             (GUri            *manifest_uri,
                                                   const char      *path,
                                                   GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmPackManifest, km_pack_manifest_free)

G_END_DECLS
