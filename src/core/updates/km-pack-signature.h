/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-minisign.h"
#include "km-pack-manifest.h"

G_BEGIN_DECLS

/* A signed pack: beside manifest.ini, manifest.ini.minisig, a minisign
 * signature (km-minisign.h) whose trusted comment names the pack:
 *
 *   trusted comment: version:12 timestamp:1764806400 file:manifest.ini
 *
 * "version" must be the manifest's Version; "timestamp" is the signing time
 * in seconds since 1970 (UTC). Other words are allowed and ignored.
 * This is exactly what a kiosk with content-trusted-keys checks, and what
 * khojaly-memorial-pack verify checks.
 */
#define KM_PACK_SIGNATURE_SUFFIX ".minisig"
#define KM_PACK_SIGNATURE_MAX_SIZE 4096

#define KM_PACK_SIGNATURE_ERROR (km_pack_signature_error_quark ())
GQuark km_pack_signature_error_quark (void);

typedef enum
{
  KM_PACK_SIGNATURE_ERROR_NO_VERSION,      /* the trusted comment names no version or time */
  KM_PACK_SIGNATURE_ERROR_VERSION_MISMATCH,/* signed version ≠ the manifest's */
  KM_PACK_SIGNATURE_ERROR_NOT_NEWER,       /* rollback or same-version replay */
  KM_PACK_SIGNATURE_ERROR_TOO_OLD,         /* signed longer ago than content-max-age-days */
  KM_PACK_SIGNATURE_ERROR_UNSIGNED,        /* no signature where keys are set */
} KmPackSignatureError;

typedef struct
{
  gint64  version;
  gint64  timestamp;
  char   *key_id;
} KmPackSignatureInfo;

void       km_pack_signature_info_clear (KmPackSignatureInfo *info);

GPtrArray *km_pack_signature_parse_keys (const char * const  *keys,
                                         GError             **error);
gboolean   km_pack_signature_check      (GBytes              *manifest_data,
                                         KmPackManifest      *manifest,
                                         GBytes              *signature_data,
                                         const char          *signature_name,
                                         GPtrArray           *keys,
                                         guint                max_age_days,
                                         gint64               now,
                                         KmPackSignatureInfo *info,
                                         GError             **error);
gboolean   km_pack_signature_check_newer (gint64              version,
                                          gint64              installed,
                                          GError            **error);
gboolean   km_pack_signature_check_dir  (GFile               *dir,
                                         GPtrArray           *keys,
                                         guint                max_age_days,
                                         gint64               now,
                                         KmPackSignatureInfo *info,
                                         GError             **error);
char      *km_pack_signature_make_comment (gint64             version,
                                           gint64             timestamp);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KmPackSignatureInfo, km_pack_signature_info_clear)

G_END_DECLS
