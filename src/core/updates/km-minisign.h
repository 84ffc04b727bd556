/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Keys and signatures in minisign's formats (https://jedisct1.github.io/minisign/),
 * so publishers can use the minisign program or khojaly-memorial-pack alike.
 * All crypto is libsodium's: Ed25519 signatures over the BLAKE2b-512 hash of
 * the file ("ED", prehashed), a global signature over signature || trusted
 * comment, and scrypt (crypto_pwhash_scryptsalsa208sha256) for secret keys
 * protected by a password.
 *
 *   public key (.pub)        untrusted comment: …
 *                            base64("Ed" || key id[8] || public key[32])
 *   signature (.minisig)     untrusted comment: …
 *                            base64("ED" || key id[8] || signature[64])
 *                            trusted comment: …
 *                            base64(global signature[64])
 */

#define KM_MINISIGN_ERROR (km_minisign_error_quark ())
GQuark km_minisign_error_quark (void);

typedef enum
{
  KM_MINISIGN_ERROR_MALFORMED,          /* a key or signature file cannot be read */
  KM_MINISIGN_ERROR_UNKNOWN_KEY,        /* "signature from an unknown key" */
  KM_MINISIGN_ERROR_BAD_SIGNATURE,      /* "signature does not match the manifest" */
  KM_MINISIGN_ERROR_BAD_TRUSTED_COMMENT,/* "trusted comment was altered" */
  KM_MINISIGN_ERROR_NEEDS_PASSWORD,     /* an encrypted secret key and no password */
  KM_MINISIGN_ERROR_WRONG_PASSWORD,
  KM_MINISIGN_ERROR_FAILED,             /* libsodium failed (out of memory, …) */
} KmMinisignError;

/* minisign -G's key derivation cost, which khojaly-memorial-pack keygen
 * uses too: 1 GiB of memory for a few seconds. Secret keys carry their own
 * cost, so keys made with a smaller one are read as well.
 */
#define KM_MINISIGN_KDF_OPSLIMIT_SENSITIVE G_GUINT64_CONSTANT (33554432)
#define KM_MINISIGN_KDF_MEMLIMIT_SENSITIVE G_GUINT64_CONSTANT (1073741824)

typedef struct _KmMinisignPublicKey KmMinisignPublicKey;
typedef struct _KmMinisignSecretKey KmMinisignSecretKey;
typedef struct _KmMinisignSignature KmMinisignSignature;

gboolean             km_minisign_init                      (GError              **error);

KmMinisignPublicKey *km_minisign_public_key_parse          (const char           *text,
                                                            const char           *filename,
                                                            GError              **error);
KmMinisignPublicKey *km_minisign_public_key_load           (const char           *path,
                                                            GError              **error);
KmMinisignPublicKey *km_minisign_public_key_copy           (const KmMinisignPublicKey *self);
void                 km_minisign_public_key_free           (KmMinisignPublicKey  *self);
char                *km_minisign_public_key_dup_id         (const KmMinisignPublicKey *self);
char                *km_minisign_public_key_to_base64      (const KmMinisignPublicKey *self);
char                *km_minisign_public_key_to_file_text   (const KmMinisignPublicKey *self);

KmMinisignSecretKey *km_minisign_secret_key_generate       (GError              **error);
KmMinisignSecretKey *km_minisign_secret_key_parse          (const char           *text,
                                                            gsize                 length,
                                                            const char           *filename,
                                                            const char           *password,
                                                            GError              **error);
KmMinisignSecretKey *km_minisign_secret_key_load           (const char           *path,
                                                            const char           *password,
                                                            GError              **error);
gboolean             km_minisign_secret_key_file_is_encrypted (const char        *text,
                                                            gsize                 length);
void                 km_minisign_secret_key_free           (KmMinisignSecretKey  *self);
KmMinisignPublicKey *km_minisign_secret_key_get_public_key (const KmMinisignSecretKey *self);
char                *km_minisign_secret_key_to_file_text   (const KmMinisignSecretKey *self,
                                                            const char           *password,
                                                            guint64               opslimit,
                                                            guint64               memlimit,
                                                            GError              **error);
char                *km_minisign_sign                      (const KmMinisignSecretKey *self,
                                                            const guint8         *data,
                                                            gsize                 length,
                                                            const char           *trusted_comment,
                                                            GError              **error);

KmMinisignSignature *km_minisign_signature_parse           (const char           *text,
                                                            gsize                 length,
                                                            const char           *filename,
                                                            GError              **error);
void                 km_minisign_signature_free            (KmMinisignSignature  *self);
char                *km_minisign_signature_dup_key_id      (const KmMinisignSignature *self);
const char          *km_minisign_signature_get_trusted_comment (const KmMinisignSignature *self);
const KmMinisignPublicKey *
                     km_minisign_signature_verify          (const KmMinisignSignature *self,
                                                            GPtrArray            *keys,
                                                            const guint8         *data,
                                                            gsize                 length,
                                                            GError              **error);

char                *km_minisign_trusted_comment_lookup    (const char           *comment,
                                                            const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmMinisignPublicKey, km_minisign_public_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmMinisignSecretKey, km_minisign_secret_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmMinisignSignature, km_minisign_signature_free)

G_END_DECLS
