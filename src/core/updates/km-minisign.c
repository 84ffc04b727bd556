/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-minisign"

#include "config.h"

#include <string.h>
#include <sodium.h>

#include "km-minisign.h"

/* The byte layouts are minisign's (src/minisign.h there); every
 * cryptographic step is one libsodium call and base64 is GLib's.
 */

#define KEYNUM_BYTES 8
#define COMMENT_MAX 1024
#define UNTRUSTED_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "

/* "Ed" || keynum || pk */
#define PUBLIC_KEY_BYTES (2 + KEYNUM_BYTES + crypto_sign_PUBLICKEYBYTES)
/* "ED" || keynum || sig */
#define SIG_BYTES (2 + KEYNUM_BYTES + crypto_sign_BYTES)
/* keynum || sk || chk: the part scrypt's stream encrypts */
#define KEYNUM_SK_BYTES (KEYNUM_BYTES + crypto_sign_SECRETKEYBYTES + crypto_generichash_BYTES)
/* "Ed" || kdf "Sc" or 0,0 || "B2" || salt || opslimit || memlimit || keynum_sk */
#define SALT_BYTES crypto_pwhash_scryptsalsa208sha256_SALTBYTES
#define SECRET_KEY_BYTES (2 + 2 + 2 + SALT_BYTES + 8 + 8 + KEYNUM_SK_BYTES)

struct _KmMinisignPublicKey
{
  guint8 keynum[KEYNUM_BYTES];
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
};

/* In sodium_malloc()'s guarded memory, wiped when freed. */
struct _KmMinisignSecretKey
{
  guint8 keynum[KEYNUM_BYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];
};

struct _KmMinisignSignature
{
  guint8  keynum[KEYNUM_BYTES];
  guint8  sig[crypto_sign_BYTES];
  char   *trusted_comment;
  guint8  global_sig[crypto_sign_BYTES];
};

G_DEFINE_QUARK (km-minisign-error-quark, km_minisign_error)

gboolean
km_minisign_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_FAILED,
                           "libsodium cannot start");
      return FALSE;
    }
  return TRUE;
}

static char *
keynum_to_id (const guint8 keynum[KEYNUM_BYTES])
{
  guint64 n = 0;

  /* minisign prints the key number as a little-endian 64-bit integer. */
  for (int i = KEYNUM_BYTES - 1; i >= 0; i--)
    n = (n << 8) | keynum[i];
  return g_strdup_printf ("%" G_GINT64_MODIFIER "X", n);
}

static void
store_le64 (guint8  *out,
            guint64  value)
{
  for (int i = 0; i < 8; i++)
    out[i] = (guint8)(value >> (8 * i));
}

static guint64
load_le64 (const guint8 *in)
{
  guint64 n = 0;

  for (int i = 7; i >= 0; i--)
    n = (n << 8) | in[i];
  return n;
}

static void
set_malformed (GError     **error,
               const char  *filename,
               guint        line,
               const char  *format,
               ...) G_GNUC_PRINTF (4, 5);

static void
set_malformed (GError     **error,
               const char  *filename,
               guint        line,
               const char  *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    g_set_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_MALFORMED,
                 "%s:%u: %s", filename, line, message);
  else
    g_set_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_MALFORMED,
                 "%s: %s", filename, message);
}

/* Decodes exactly @expected bytes of strict base64: g_base64_decode()
 * skips what is not base64, so the text must also be what encoding the
 * result gives back.
 */
static guint8 *
decode_base64 (const char  *text,
               gsize        expected,
               const char  *filename,
               guint        line,
               GError     **error)
{
  g_autofree guint8 *data = NULL;
  g_autofree char *again = NULL;
  gsize length = 0;

  if (*text == '\0' || strlen (text) % 4 != 0 ||
      strspn (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=") != strlen (text))
    {
      set_malformed (error, filename, line, "not base64 text");
      return NULL;
    }

  data = g_base64_decode (text, &length);
  again = g_base64_encode (data, length);
  if (!g_str_equal (again, text))
    {
      set_malformed (error, filename, line, "not base64 text");
      return NULL;
    }
  if (length != expected)
    {
      set_malformed (error, filename, line, "%" G_GSIZE_FORMAT " bytes where %" G_GSIZE_FORMAT " were expected",
                     length, expected);
      return NULL;
    }

  return g_steal_pointer (&data);
}

/* Splits @text into lines (LF or CRLF). Returns NULL and sets @error if
 * it is not UTF-8 or has a NUL byte.
 */
static char **
split_lines (const char  *text,
             gsize        length,
             const char  *filename,
             GError     **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *copy = NULL;
  guint n;

  if (memchr (text, '\0', length) != NULL || !g_utf8_validate_len (text, length, NULL))
    {
      set_malformed (error, filename, 0, "not a text file");
      return NULL;
    }

  copy = g_strndup (text, length);
  lines = g_strsplit (copy, "\n", -1);
  n = g_strv_length (lines);
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }
  /* A final newline leaves one empty string. */
  if (n > 0 && lines[n - 1][0] == '\0')
    {
      g_free (lines[n - 1]);
      lines[n - 1] = NULL;
    }

  return g_steal_pointer (&lines);
}

static gboolean
check_untrusted (const char  *line,
                 const char  *filename,
                 GError     **error)
{
  if (!g_str_has_prefix (line, UNTRUSTED_PREFIX))
    {
      set_malformed (error, filename, 1, "the first line does not start with “" UNTRUSTED_PREFIX "”");
      return FALSE;
    }
  if (strlen (line) > COMMENT_MAX)
    {
      set_malformed (error, filename, 1, "the comment is longer than %d bytes", COMMENT_MAX);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_file (const char  *path,
           char       **contents,
           gsize       *length,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, contents, length, &local_error))
    {
      g_set_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_MALFORMED,
                   "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Public keys */

/**
 * km_minisign_public_key_parse:
 * @text: a .pub file's text, or only its second (base64) line
 * @filename: (nullable): names the text in messages
 *
 * Returns: (transfer full): the key, or %NULL with a
 *   %KM_MINISIGN_ERROR_MALFORMED error naming @filename and the line
 */
KmMinisignPublicKey *
km_minisign_public_key_parse (const char  *text,
                              const char  *filename,
                              GError     **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree guint8 *data = NULL;
  g_autofree char *stripped = NULL;
  KmMinisignPublicKey *self;
  const char *b64;
  guint line = 1;

  if (filename == NULL)
    filename = "public key";

  lines = split_lines (text, strlen (text), filename, error);
  if (lines == NULL)
    return NULL;

  if (lines[0] != NULL && g_str_has_prefix (lines[0], UNTRUSTED_PREFIX))
    {
      if (!check_untrusted (lines[0], filename, error))
        return NULL;
      if (g_strv_length (lines) != 2)
        {
          set_malformed (error, filename, 0, "a public key file has two lines");
          return NULL;
        }
      line = 2;
      b64 = lines[1];
    }
  else
    {
      if (lines[0] == NULL || lines[1] != NULL)
        {
          set_malformed (error, filename, 0, "a public key is one line of base64 text");
          return NULL;
        }
      b64 = lines[0];
    }

  stripped = g_strstrip (g_strdup (b64));
  data = decode_base64 (stripped, PUBLIC_KEY_BYTES, filename, line, error);
  if (data == NULL)
    return NULL;
  if (memcmp (data, "Ed", 2) != 0)
    {
      set_malformed (error, filename, line, "not an Ed25519 public key");
      return NULL;
    }

  self = g_new0 (KmMinisignPublicKey, 1);
  memcpy (self->keynum, data + 2, KEYNUM_BYTES);
  memcpy (self->pk, data + 2 + KEYNUM_BYTES, sizeof self->pk);
  return self;
}

KmMinisignPublicKey *
km_minisign_public_key_load (const char  *path,
                             GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!read_file (path, &contents, &length, error))
    return NULL;
  if (length > 4 * COMMENT_MAX)
    {
      set_malformed (error, path, 0, "too large for a public key");
      return NULL;
    }
  if (memchr (contents, '\0', length) != NULL)
    {
      set_malformed (error, path, 0, "not a text file");
      return NULL;
    }
  return km_minisign_public_key_parse (contents, path, error);
}

KmMinisignPublicKey *
km_minisign_public_key_copy (const KmMinisignPublicKey *self)
{
  return g_memdup2 (self, sizeof *self);
}

void
km_minisign_public_key_free (KmMinisignPublicKey *self)
{
  g_free (self);
}

/* The key id as minisign prints it: upper-case hex, no leading zeros. */
char *
km_minisign_public_key_dup_id (const KmMinisignPublicKey *self)
{
  return keynum_to_id (self->keynum);
}

char *
km_minisign_public_key_to_base64 (const KmMinisignPublicKey *self)
{
  guint8 data[PUBLIC_KEY_BYTES];

  memcpy (data, "Ed", 2);
  memcpy (data + 2, self->keynum, KEYNUM_BYTES);
  memcpy (data + 2 + KEYNUM_BYTES, self->pk, sizeof self->pk);
  return g_base64_encode (data, sizeof data);
}

char *
km_minisign_public_key_to_file_text (const KmMinisignPublicKey *self)
{
  g_autofree char *id = km_minisign_public_key_dup_id (self);
  g_autofree char *b64 = km_minisign_public_key_to_base64 (self);

  return g_strdup_printf (UNTRUSTED_PREFIX "minisign public key %s\n%s\n", id, b64);
}

/* Secret keys */

static KmMinisignSecretKey *
secret_key_new (void)
{
  KmMinisignSecretKey *self = sodium_malloc (sizeof *self);

  if (self == NULL)
    g_error ("out of memory for a secret key");
  return self;
}

void
km_minisign_secret_key_free (KmMinisignSecretKey *self)
{
  if (self != NULL)
    sodium_free (self);
}

KmMinisignSecretKey *
km_minisign_secret_key_generate (GError **error)
{
  KmMinisignSecretKey *self;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];

  if (!km_minisign_init (error))
    return NULL;

  self = secret_key_new ();
  randombytes_buf (self->keynum, sizeof self->keynum);
  crypto_sign_keypair (pk, self->sk);
  return self;
}

KmMinisignPublicKey *
km_minisign_secret_key_get_public_key (const KmMinisignSecretKey *self)
{
  KmMinisignPublicKey *pk = g_new0 (KmMinisignPublicKey, 1);

  memcpy (pk->keynum, self->keynum, KEYNUM_BYTES);
  crypto_sign_ed25519_sk_to_pk (pk->pk, self->sk);
  return pk;
}

/* minisign's checksum: BLAKE2b-256 of "Ed" || keynum || sk. */
static void
compute_chk (guint8        chk[crypto_generichash_BYTES],
             const guint8  keynum[KEYNUM_BYTES],
             const guint8  sk[crypto_sign_SECRETKEYBYTES])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, crypto_generichash_BYTES);
  crypto_generichash_update (&state, (const guint8 *)"Ed", 2);
  crypto_generichash_update (&state, keynum, KEYNUM_BYTES);
  crypto_generichash_update (&state, sk, crypto_sign_SECRETKEYBYTES);
  crypto_generichash_final (&state, chk, crypto_generichash_BYTES);
}

/* The public half stored in @sk is the one its seed makes. */
static gboolean
secret_key_is_consistent (const guint8 *sk)
{
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 *again = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  gboolean same;

  if (again == NULL)
    g_error ("out of memory for a secret key");
  crypto_sign_seed_keypair (pk, again, sk);
  same = sodium_memcmp (again, sk, crypto_sign_SECRETKEYBYTES) == 0;
  sodium_free (again);
  return same;
}

/* XORs @keynum_sk with scrypt's stream for @password: minisign's
 * encryption, which is its own inverse.
 */
static gboolean
apply_kdf (guint8       *keynum_sk,
           const char   *password,
           const guint8 *salt,
           guint64       opslimit,
           guint64       memlimit,
           GError      **error)
{
  guint8 *stream = sodium_malloc (KEYNUM_SK_BYTES);

  if (stream == NULL ||
      crypto_pwhash_scryptsalsa208sha256 (stream, KEYNUM_SK_BYTES, password, strlen (password),
                                          salt, opslimit, (size_t)memlimit) != 0)
    {
      if (stream != NULL)
        sodium_free (stream);
      g_set_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_FAILED,
                   "the key derivation failed (memory limit %" G_GUINT64_FORMAT " bytes)", memlimit);
      return FALSE;
    }
  for (gsize i = 0; i < KEYNUM_SK_BYTES; i++)
    keynum_sk[i] ^= stream[i];
  sodium_free (stream);
  return TRUE;
}

static char **
secret_key_lines (const char  *text,
                  gsize        length,
                  const char  *filename,
                  GError     **error)
{
  g_auto(GStrv) lines = split_lines (text, length, filename, error);

  if (lines == NULL)
    return NULL;
  if (lines[0] == NULL || !check_untrusted (lines[0], filename, error))
    {
      if (lines[0] == NULL)
        set_malformed (error, filename, 0, "empty");
      return NULL;
    }
  if (g_strv_length (lines) != 2)
    {
      set_malformed (error, filename, 0, "a secret key file has two lines");
      return NULL;
    }
  return g_steal_pointer (&lines);
}

/* Whether reading the key file needs a password (minisign -G without -W). */
gboolean
km_minisign_secret_key_file_is_encrypted (const char *text,
                                          gsize       length)
{
  g_auto(GStrv) lines = secret_key_lines (text, length, "", NULL);
  g_autofree guint8 *data = NULL;
  gboolean encrypted;

  if (lines == NULL)
    return FALSE;
  data = decode_base64 (lines[1], SECRET_KEY_BYTES, "", 2, NULL);
  if (data == NULL)
    return FALSE;
  encrypted = memcmp (data + 2, "Sc", 2) == 0;
  sodium_memzero (data, SECRET_KEY_BYTES);
  return encrypted;
}

/**
 * km_minisign_secret_key_parse:
 * @password: (nullable): for a key minisign -G encrypted; %NULL for one
 *   made with -W
 *
 * Returns: (transfer full): the key, or %NULL with an error:
 *   %KM_MINISIGN_ERROR_NEEDS_PASSWORD, %KM_MINISIGN_ERROR_WRONG_PASSWORD or
 *   %KM_MINISIGN_ERROR_MALFORMED naming @filename and the line
 */
KmMinisignSecretKey *
km_minisign_secret_key_parse (const char  *text,
                              gsize        length,
                              const char  *filename,
                              const char  *password,
                              GError     **error)
{
  g_auto(GStrv) lines = NULL;
  guint8 *data = NULL;
  KmMinisignSecretKey *self = NULL;
  guint8 chk[crypto_generichash_BYTES];
  guint8 *keynum_sk;
  const guint8 *salt;

  if (filename == NULL)
    filename = "secret key";
  if (!km_minisign_init (error))
    return NULL;

  lines = secret_key_lines (text, length, filename, error);
  if (lines == NULL)
    return NULL;
  data = decode_base64 (lines[1], SECRET_KEY_BYTES, filename, 2, error);
  if (data == NULL)
    return NULL;

  keynum_sk = data + 6 + SALT_BYTES + 16;
  salt = data + 6;
  if (memcmp (data, "Ed", 2) != 0 || memcmp (data + 4, "B2", 2) != 0)
    {
      set_malformed (error, filename, 2, "not a minisign Ed25519 secret key");
      goto out;
    }

  if (memcmp (data + 2, "Sc", 2) == 0)
    {
      if (password == NULL)
        {
          g_set_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_NEEDS_PASSWORD,
                       "%s: the secret key is protected by a password", filename);
          goto out;
        }
      if (!apply_kdf (keynum_sk, password, salt, load_le64 (data + 6 + SALT_BYTES),
                      load_le64 (data + 6 + SALT_BYTES + 8), error))
        goto out;
    }
  else if (data[2] != 0 || data[3] != 0)
    {
      set_malformed (error, filename, 2, "an unknown key derivation");
      goto out;
    }

  /* minisign -W leaves the checksum of an unencrypted key zero. */
  compute_chk (chk, keynum_sk, keynum_sk + KEYNUM_BYTES);
  if (memcmp (data + 2, "Sc", 2) != 0 &&
      sodium_is_zero (keynum_sk + KEYNUM_BYTES + crypto_sign_SECRETKEYBYTES, sizeof chk))
    memcpy (chk, keynum_sk + KEYNUM_BYTES + crypto_sign_SECRETKEYBYTES, sizeof chk);
  if (sodium_memcmp (chk, keynum_sk + KEYNUM_BYTES + crypto_sign_SECRETKEYBYTES, sizeof chk) != 0 ||
      !secret_key_is_consistent (keynum_sk + KEYNUM_BYTES))
    {
      if (memcmp (data + 2, "Sc", 2) == 0)
        g_set_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_WRONG_PASSWORD,
                     "%s: wrong password for the secret key", filename);
      else
        set_malformed (error, filename, 2, "the secret key's checksum does not match");
      goto out;
    }

  self = secret_key_new ();
  memcpy (self->keynum, keynum_sk, KEYNUM_BYTES);
  memcpy (self->sk, keynum_sk + KEYNUM_BYTES, sizeof self->sk);

out:
  sodium_memzero (data, SECRET_KEY_BYTES);
  g_free (data);
  return self;
}

KmMinisignSecretKey *
km_minisign_secret_key_load (const char  *path,
                             const char  *password,
                             GError     **error)
{
  g_autofree char *contents = NULL;
  KmMinisignSecretKey *self;
  gsize length;

  if (!read_file (path, &contents, &length, error))
    return NULL;
  if (length > 4 * COMMENT_MAX)
    {
      set_malformed (error, path, 0, "too large for a secret key");
      return NULL;
    }
  self = km_minisign_secret_key_parse (contents, length, path, password, error);
  sodium_memzero (contents, length);
  return self;
}

/**
 * km_minisign_secret_key_to_file_text:
 * @password: (nullable): encrypts the key with scrypt at @opslimit and
 *   @memlimit (as minisign -G does); %NULL writes it unencrypted (-W)
 *
 * Returns: the text of a minisign secret key file, to be wiped with
 *   sodium_memzero() and freed
 */
char *
km_minisign_secret_key_to_file_text (const KmMinisignSecretKey *self,
                                     const char                *password,
                                     guint64                    opslimit,
                                     guint64                    memlimit,
                                     GError                   **error)
{
  guint8 *data = sodium_malloc (SECRET_KEY_BYTES);
  guint8 *keynum_sk = data + 6 + SALT_BYTES + 16;
  g_autofree char *b64 = NULL;
  char *text = NULL;

  if (data == NULL)
    g_error ("out of memory for a secret key");

  memset (data, 0, SECRET_KEY_BYTES);
  memcpy (data, "Ed", 2);
  memcpy (data + 4, "B2", 2);
  memcpy (keynum_sk, self->keynum, KEYNUM_BYTES);
  memcpy (keynum_sk + KEYNUM_BYTES, self->sk, crypto_sign_SECRETKEYBYTES);
  if (password != NULL)
    {
      compute_chk (keynum_sk + KEYNUM_BYTES + crypto_sign_SECRETKEYBYTES, self->keynum, self->sk);
      memcpy (data + 2, "Sc", 2);
      randombytes_buf (data + 6, SALT_BYTES);
      store_le64 (data + 6 + SALT_BYTES, opslimit);
      store_le64 (data + 6 + SALT_BYTES + 8, memlimit);
      if (!apply_kdf (keynum_sk, password, data + 6, opslimit, memlimit, error))
        goto out;
    }

  b64 = g_base64_encode (data, SECRET_KEY_BYTES);
  text = g_strdup_printf (UNTRUSTED_PREFIX "minisign %ssecret key\n%s\n",
                          password != NULL ? "encrypted " : "", b64);
  sodium_memzero (b64, strlen (b64));

out:
  sodium_free (data);
  return text;
}

/**
 * km_minisign_sign:
 * @trusted_comment: one line, signed with the data
 *
 * Returns: the text of a .minisig file: a prehashed ("ED") signature of
 *   @data, as minisign -S writes it
 */
char *
km_minisign_sign (const KmMinisignSecretKey *self,
                  const guint8              *data,
                  gsize                      length,
                  const char                *trusted_comment,
                  GError                   **error)
{
  guint8 hash[crypto_generichash_BYTES_MAX];
  guint8 sig[SIG_BYTES];
  guint8 global_sig[crypto_sign_BYTES];
  g_autofree guint8 *global_data = NULL;
  g_autofree char *sig_b64 = NULL;
  g_autofree char *global_b64 = NULL;
  g_autofree char *id = keynum_to_id (self->keynum);
  gsize comment_len = strlen (trusted_comment);

  if (strpbrk (trusted_comment, "\r\n") != NULL || comment_len > COMMENT_MAX ||
      !g_utf8_validate (trusted_comment, -1, NULL))
    {
      g_set_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_MALFORMED,
                   "a trusted comment is one line of at most %d bytes", COMMENT_MAX);
      return NULL;
    }

  crypto_generichash (hash, sizeof hash, data, length, NULL, 0);
  memcpy (sig, "ED", 2);
  memcpy (sig + 2, self->keynum, KEYNUM_BYTES);
  crypto_sign_detached (sig + 2 + KEYNUM_BYTES, NULL, hash, sizeof hash, self->sk);

  global_data = g_malloc (crypto_sign_BYTES + comment_len);
  memcpy (global_data, sig + 2 + KEYNUM_BYTES, crypto_sign_BYTES);
  memcpy (global_data + crypto_sign_BYTES, trusted_comment, comment_len);
  crypto_sign_detached (global_sig, NULL, global_data, crypto_sign_BYTES + comment_len, self->sk);

  sig_b64 = g_base64_encode (sig, sizeof sig);
  global_b64 = g_base64_encode (global_sig, sizeof global_sig);
  return g_strdup_printf (UNTRUSTED_PREFIX "signature from minisign secret key %s\n"
                          "%s\n" TRUSTED_PREFIX "%s\n%s\n",
                          id, sig_b64, trusted_comment, global_b64);
}

/* Signatures */

/**
 * km_minisign_signature_parse:
 *
 * Returns: (transfer full): the signature, or %NULL with a
 *   %KM_MINISIGN_ERROR_MALFORMED error naming @filename and the line
 */
KmMinisignSignature *
km_minisign_signature_parse (const char  *text,
                             gsize        length,
                             const char  *filename,
                             GError     **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree guint8 *sig = NULL;
  g_autofree guint8 *global_sig = NULL;
  KmMinisignSignature *self;
  guint n;

  if (filename == NULL)
    filename = "signature";

  lines = split_lines (text, length, filename, error);
  if (lines == NULL)
    return NULL;
  n = g_strv_length (lines);
  if (n == 0)
    {
      set_malformed (error, filename, 0, "empty");
      return NULL;
    }
  if (!check_untrusted (lines[0], filename, error))
    return NULL;
  if (n < 4)
    {
      set_malformed (error, filename, n + 1, "the file ends here: a signature has four lines");
      return NULL;
    }
  if (n > 4)
    {
      set_malformed (error, filename, 5, "a signature has four lines");
      return NULL;
    }

  sig = decode_base64 (lines[1], SIG_BYTES, filename, 2, error);
  if (sig == NULL)
    return NULL;
  if (memcmp (sig, "ED", 2) != 0)
    {
      set_malformed (error, filename, 2,
                     memcmp (sig, "Ed", 2) == 0 ? "a legacy signature: sign with minisign 0.8 or later, without -l"
                                                : "not an Ed25519 signature");
      return NULL;
    }

  if (!g_str_has_prefix (lines[2], TRUSTED_PREFIX))
    {
      set_malformed (error, filename, 3, "the line does not start with “" TRUSTED_PREFIX "”");
      return NULL;
    }
  if (strlen (lines[2]) - strlen (TRUSTED_PREFIX) > COMMENT_MAX)
    {
      set_malformed (error, filename, 3, "the trusted comment is longer than %d bytes", COMMENT_MAX);
      return NULL;
    }

  global_sig = decode_base64 (lines[3], crypto_sign_BYTES, filename, 4, error);
  if (global_sig == NULL)
    return NULL;

  self = g_new0 (KmMinisignSignature, 1);
  memcpy (self->keynum, sig + 2, KEYNUM_BYTES);
  memcpy (self->sig, sig + 2 + KEYNUM_BYTES, crypto_sign_BYTES);
  self->trusted_comment = g_strdup (lines[2] + strlen (TRUSTED_PREFIX));
  memcpy (self->global_sig, global_sig, crypto_sign_BYTES);
  return self;
}

void
km_minisign_signature_free (KmMinisignSignature *self)
{
  if (self == NULL)
    return;
  g_free (self->trusted_comment);
  g_free (self);
}

char *
km_minisign_signature_dup_key_id (const KmMinisignSignature *self)
{
  return keynum_to_id (self->keynum);
}

/* Only meaningful after km_minisign_signature_verify() accepted it. */
const char *
km_minisign_signature_get_trusted_comment (const KmMinisignSignature *self)
{
  return self->trusted_comment;
}

/**
 * km_minisign_signature_verify:
 * @keys: (element-type KmMinisignPublicKey): the trusted keys
 *
 * Checks, in this order, that one of @keys has the signature's key id
 * (%KM_MINISIGN_ERROR_UNKNOWN_KEY), that it signed @data
 * (%KM_MINISIGN_ERROR_BAD_SIGNATURE) and the trusted comment
 * (%KM_MINISIGN_ERROR_BAD_TRUSTED_COMMENT).
 *
 * Returns: (transfer none): the key that signed, or %NULL
 */
const KmMinisignPublicKey *
km_minisign_signature_verify (const KmMinisignSignature *self,
                              GPtrArray                 *keys,
                              const guint8              *data,
                              gsize                      length,
                              GError                   **error)
{
  guint8 hash[crypto_generichash_BYTES_MAX];
  g_autofree guint8 *global_data = NULL;
  gsize comment_len = strlen (self->trusted_comment);
  const KmMinisignPublicKey *key = NULL;
  gboolean known = FALSE;

  if (!km_minisign_init (error))
    return NULL;

  crypto_generichash (hash, sizeof hash, data, length, NULL, 0);
  /* Two trusted keys may share an id: the one that verifies counts. */
  for (guint i = 0; i < keys->len && key == NULL; i++)
    {
      const KmMinisignPublicKey *candidate = g_ptr_array_index (keys, i);

      if (memcmp (candidate->keynum, self->keynum, KEYNUM_BYTES) != 0)
        continue;
      known = TRUE;
      if (crypto_sign_verify_detached (self->sig, hash, sizeof hash, candidate->pk) == 0)
        key = candidate;
    }

  if (!known)
    {
      g_autofree char *id = keynum_to_id (self->keynum);

      g_set_error (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_UNKNOWN_KEY,
                   "signature from an unknown key (%s)", id);
      return NULL;
    }
  if (key == NULL)
    {
      g_set_error_literal (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_BAD_SIGNATURE,
                           "signature does not match the manifest");
      return NULL;
    }

  global_data = g_malloc (crypto_sign_BYTES + comment_len);
  memcpy (global_data, self->sig, crypto_sign_BYTES);
  memcpy (global_data + crypto_sign_BYTES, self->trusted_comment, comment_len);
  if (crypto_sign_verify_detached (self->global_sig, global_data, crypto_sign_BYTES + comment_len,
                                   key->pk) != 0)
    {
      g_set_error_literal (error, KM_MINISIGN_ERROR, KM_MINISIGN_ERROR_BAD_TRUSTED_COMMENT,
                           "trusted comment was altered");
      return NULL;
    }

  return key;
}

/**
 * km_minisign_trusted_comment_lookup:
 * @comment: a trusted comment of NAME:VALUE words, separated by spaces or
 *   tabs (minisign's own is "timestamp:T\tfile:F\thashed")
 *
 * Returns: (nullable): the value of the first word named @name
 */
char *
km_minisign_trusted_comment_lookup (const char *comment,
                                    const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (comment, " \t", -1);
  gsize name_len = strlen (name);

  for (guint i = 0; words[i] != NULL; i++)
    if (strncmp (words[i], name, name_len) == 0 && words[i][name_len] == ':')
      return g_strdup (words[i] + name_len + 1);
  return NULL;
}
