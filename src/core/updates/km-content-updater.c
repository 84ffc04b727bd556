/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-content-updater"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "km-content-error.h"
#include "km-content-updater.h"
#include "km-download.h"
#include "km-outside-text.h"
#include "km-pack-dir.h"
#include "km-pack-manifest.h"
#include "km-pack-signature.h"

/* A manifest of 50,000 files (km-pack-manifest.c) takes about 5 MiB. */
#define MAX_MANIFEST_SIZE   (8 * 1024 * 1024)
/* The bytes the watchdog allows a manifest before its size is known: a
 * larger one is allowed its announced Content-Length, so a server that
 * drips an unannounced manifest is cut off as soon as it always was.
 */
#define MANIFEST_ALLOWANCE  (1024 * 1024)
#define CHUNK_SIZE          (64 * 1024)
#define RETRY_BASE_MS       (30 * 1000)
#define FIRST_CHECK_MS      (5 * 1000)
#define DEFAULT_TIMEOUT_S   30
#define DEFAULT_INTERVAL_S  3600
#define DEFAULT_MAX_SIZE    (G_GUINT64_CONSTANT (512) * 1024 * 1024)
#define DEFAULT_STALL_MS    (30 * 1000)
#define DEFAULT_MIN_RATE    (16 * 1024)
#define REQUEST_MS          1000

typedef struct _Job Job;
typedef void (*ManifestDone) (Job *job, GBytes *body, guint status);

struct _Job
{
  KmContentUpdater *self;          /* owned */
  GCancellable     *cancellable;
  KmPackManifest   *manifest;
  char             *manifest_sha256;
  gsize             manifest_size;
  GBytes           *manifest_body;   /* as signed */
  char             *key_id;          /* the key that signed it */
  char             *etag;
  char             *last_modified;
  GFile            *staging;

  /* the request for the manifest */
  SoupMessage      *message;
  GByteArray       *buffer;
  ManifestDone      manifest_done;

  GInputStream     *in;

  /* the files: the next one, the bytes of those done */
  guint             index;
  KmDownload       *download;
  guint64           bytes_done;

  /* the watchdog: a server that stalls or drips is given up on */
  gint64            last_progress;   /* monotonic µs */
  gint64            deadline_start;  /* monotonic µs */
  guint             stall_id;
  guint             deadline_id;
  guint             deadline_ms;
  guint64           deadline_bytes;
  guint             deadline_requests;
  char             *abort_reason;
};

struct _KmContentUpdater
{
  GObject         parent_instance;

  KmClock        *clock;
  GFile          *base_dir;
  SoupSession    *session;
  KmContentStore *store;

  char           *url;
  gboolean        allow_http;
  guint           check_interval;
  guint64         max_size;
  guint64         disk_quota;
  guint           stall_timeout;     /* ms */
  guint           min_rate;          /* bytes per second */
  gboolean        started;
  gboolean        recheck;           /* a check was due while a job ended */

  /* the active pack on disk */
  gint64          active_version;
  KmPackManifest *active_manifest;
  GFile          *active_dir;

  /* the pack on screen */
  gint64          shown_version;
  GFile          *shown_dir;

  /* the answer the active pack came with, for conditional requests */
  char           *etag;
  char           *last_modified;

  KmUpdateState   state;
  double          progress;
  char           *last_error;
  char           *last_result;
  GDateTime      *error_time;
  GDateTime      *verified_time;
  guint           n_failures;
  guint           retry_delay;
  gint64          downloading_version;

  /* Signed packs (content-trusted-keys): none set means unsigned. */
  char          **trusted_keys_text;
  GPtrArray      *trusted_keys;
  char           *keys_error;        /* a key in the setting does not parse */
  guint           max_age_days;
  /* trust.ini: the newest version accepted, remembered across restarts */
  gint64          trusted_version;
  char           *trusted_sha256;
  char           *key_id;
  char           *last_refusal;

  Job            *job;
  guint           timer_id;
};

G_DEFINE_FINAL_TYPE (KmContentUpdater, km_content_updater, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (KmUpdateState, km_update_state,
  G_DEFINE_ENUM_VALUE (KM_UPDATE_STATE_DISABLED, "disabled"),
  G_DEFINE_ENUM_VALUE (KM_UPDATE_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (KM_UPDATE_STATE_CHECKING, "checking"),
  G_DEFINE_ENUM_VALUE (KM_UPDATE_STATE_DOWNLOADING, "downloading"),
  G_DEFINE_ENUM_VALUE (KM_UPDATE_STATE_UP_TO_DATE, "up-to-date"),
  G_DEFINE_ENUM_VALUE (KM_UPDATE_STATE_READY, "ready"),
  G_DEFINE_ENUM_VALUE (KM_UPDATE_STATE_FAILED, "failed"))

enum {
  PROP_0,
  PROP_URL,
  PROP_ALLOW_HTTP,
  PROP_CHECK_INTERVAL,
  PROP_MAX_SIZE,
  PROP_STALL_TIMEOUT,
  PROP_MIN_RATE,
  PROP_TRUSTED_KEYS,
  PROP_MAX_AGE_DAYS,
  PROP_STATE,
  PROP_PROGRESS,
  N_PROPS
};

enum {
  PACK_READY,
  STATUS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void start_check   (KmContentUpdater *self);
static void fetch_next    (Job *job);

static void
emit_status_changed (KmContentUpdater *self)
{
  g_signal_emit (self, signals [STATUS_CHANGED], 0);
}

static void
set_state (KmContentUpdater *self,
           KmUpdateState     state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
}

static void
set_progress (KmContentUpdater *self,
              double            progress)
{
  if (G_APPROX_VALUE (self->progress, progress, 0.001))
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROGRESS]);
  emit_status_changed (self);
}

static void
set_result (KmContentUpdater *self,
            const char       *result)
{
  g_free (self->last_result);
  self->last_result = g_strdup (result);
}

/* The one way into last_error, the status line, /status and the log: a
 * failure's message quotes servers, packs and GIO, so it is made plain
 * (valid UTF-8, one line, bounded) here. Callers redact the addresses
 * they quote (redact_url()); content-url's user name and password are
 * dropped again from whatever else quotes them, a GError included.
 */
static void
set_last_error (KmContentUpdater *self,
                const char       *message)
{
  g_free (self->last_error);
  self->last_error = km_outside_text_hide_credentials (message, self->url);
  g_clear_pointer (&self->error_time, g_date_time_unref);
  self->error_time = g_date_time_new_now_local ();
  set_result (self, "failed");
}

/* content-url as messages may show it: no user name, password or query. */
static char *
redact_url (KmContentUpdater *self)
{
  return km_outside_text_redact_uri (self->url);
}

static gboolean
on_timer_cb (gpointer user_data)
{
  KmContentUpdater *self = user_data;

  self->timer_id = 0;
  start_check (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_check (KmContentUpdater *self,
                guint             delay_ms)
{
  if (self->timer_id != 0)
    km_clock_remove (self->clock, self->timer_id);
  self->timer_id = km_clock_add_timeout (self->clock, delay_ms, on_timer_cb, self, NULL);
}

static void
stop_watchdog (Job *job)
{
  g_clear_handle_id (&job->stall_id, g_source_remove);
  g_clear_handle_id (&job->deadline_id, g_source_remove);
}

static void
job_free (Job *job)
{
  stop_watchdog (job);
  if (job->in != NULL)
    g_input_stream_close (job->in, NULL, NULL);
  if (job->staging != NULL)
    km_pack_dir_remove_tree (job->staging);

  g_clear_object (&job->in);
  g_clear_object (&job->download);
  g_clear_object (&job->staging);
  g_clear_object (&job->message);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->manifest, km_pack_manifest_free);
  g_clear_pointer (&job->buffer, g_byte_array_unref);
  g_free (job->manifest_sha256);
  g_clear_pointer (&job->manifest_body, g_bytes_unref);
  g_free (job->key_id);
  g_free (job->etag);
  g_free (job->last_modified);
  g_free (job->abort_reason);
  g_clear_object (&job->self);
  g_free (job);
}

static void
job_finish (Job *job)
{
  KmContentUpdater *self = job->self;

  g_assert (self->job == job);
  self->job = NULL;
  self->downloading_version = 0;
  set_progress (self, 0.0);
  job_free (job);
}

/* Every failure ends here: the active pack is untouched, the staging
 * folder goes, the status says why and a retry follows with backoff.
 */
static void
job_fail (Job        *job,
          const char *message)
{
  g_autoptr(KmContentUpdater) self = g_object_ref (job->self);
  g_autofree char *reason = g_steal_pointer (&job->abort_reason);
  g_autofree char *shown_url = NULL;
  gboolean cancelled = g_cancellable_is_cancelled (job->cancellable) && reason == NULL;

  /* The watchdog cancelled it: its reason, not “Operation was cancelled”. */
  if (reason != NULL)
    message = reason;

  job_finish (job);

  if (cancelled)
    {
      set_state (self, self->active_version > self->shown_version ? KM_UPDATE_STATE_READY : KM_UPDATE_STATE_IDLE);
      emit_status_changed (self);
      /* A check fell due while it was on its way out: run it now. */
      if (self->recheck && self->started)
        schedule_check (self, 0);
      self->recheck = FALSE;
      return;
    }

  self->n_failures++;
  self->retry_delay = MIN ((guint64) RETRY_BASE_MS << MIN (self->n_failures - 1, 16),
                           (guint64) self->check_interval * 1000);
  set_last_error (self, message);
  shown_url = redact_url (self);
  g_message ("Content update from %s failed: %s; next try in %u s",
             shown_url, self->last_error, self->retry_delay / 1000);

  set_state (self, KM_UPDATE_STATE_FAILED);
  emit_status_changed (self);
  if (self->started)
    schedule_check (self, self->retry_delay);
}

static void
job_fail_error (Job        *job,
                const char *what,
                GError     *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", what, error->message);

  job_fail (job, message);
}

static void
succeed (KmContentUpdater *self,
         const char       *result)
{
  self->n_failures = 0;
  self->retry_delay = 0;
  /* An old failure is no longer the state of things. */
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->error_time, g_date_time_unref);
  g_clear_pointer (&self->verified_time, g_date_time_unref);
  self->verified_time = g_date_time_new_now_local ();
  set_result (self, result);

  set_state (self, self->active_version > self->shown_version ? KM_UPDATE_STATE_READY
                                                             : KM_UPDATE_STATE_UP_TO_DATE);
  emit_status_changed (self);
  if (self->started)
    schedule_check (self, self->check_interval * 1000);
}

/* The watchdog. The session's timeout is per read, so a server that
 * sends one byte a second would hold the updater for ever: the job fails
 * when nothing arrived for stall-timeout, or when the whole download takes
 * longer than stall-timeout plus its announced size at min-rate.
 */

static char *
format_ms (guint ms)
{
  if (ms % 1000 == 0)
    return g_strdup_printf ("%u s", ms / 1000);
  return g_strdup_printf ("%u ms", ms);
}

static void
job_abort (Job        *job,
           const char *reason)
{
  if (job->abort_reason == NULL)
    job->abort_reason = g_strdup (reason);
  stop_watchdog (job);
  g_cancellable_cancel (job->cancellable);
}

static gboolean
on_stall_cb (gpointer user_data)
{
  Job *job = user_data;
  guint stall = job->self->stall_timeout;
  g_autofree char *shown = NULL;
  g_autofree char *reason = NULL;

  if (g_get_monotonic_time () - job->last_progress < (gint64) stall * 1000)
    return G_SOURCE_CONTINUE;

  job->stall_id = 0;
  shown = format_ms (stall);
  reason = g_strdup_printf ("the server sent nothing for %s", shown);
  job_abort (job, reason);

  return G_SOURCE_REMOVE;
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  Job *job = user_data;
  g_autofree char *shown = format_ms (job->deadline_ms);
  g_autofree char *reason = g_strdup_printf ("the download took longer than the %s allowed for %u "
                                             "request(s) and %" G_GUINT64_FORMAT " bytes",
                                             shown, job->deadline_requests, job->deadline_bytes);

  job->deadline_id = 0;
  job_abort (job, reason);

  return G_SOURCE_REMOVE;
}

static void
note_progress (Job *job)
{
  job->last_progress = g_get_monotonic_time ();
}

/* (Re)starts the watchdog for @requests requests and @bytes from now on:
 * stall-timeout, then each request a second (or stall-timeout if shorter;
 * a manifest may name 50,000 files), each byte 1 / min-rate.
 */
static void
start_watchdog (Job     *job,
                guint    requests,
                guint64  bytes)
{
  KmContentUpdater *self = job->self;
  guint64 ms = self->stall_timeout + (guint64) MIN (self->stall_timeout, REQUEST_MS) * requests +
               bytes * 1000 / self->min_rate;

  stop_watchdog (job);
  note_progress (job);
  job->deadline_start = g_get_monotonic_time ();
  job->deadline_requests = requests;
  job->deadline_bytes = bytes;
  job->deadline_ms = (guint) MIN (ms, G_MAXUINT);
  job->deadline_id = g_timeout_add (job->deadline_ms, on_deadline_cb, job);
  job->stall_id = g_timeout_add (MAX (self->stall_timeout / 4, 10), on_stall_cb, job);
}

/* The same deadline, counted from the same start, for @bytes instead. */
static void
extend_watchdog (Job     *job,
                 guint64  bytes)
{
  KmContentUpdater *self = job->self;
  guint64 ms = self->stall_timeout + (guint64) MIN (self->stall_timeout, REQUEST_MS) * job->deadline_requests +
               bytes * 1000 / self->min_rate;
  gint64 elapsed_ms = (g_get_monotonic_time () - job->deadline_start) / 1000;

  if (job->deadline_id == 0 || bytes <= job->deadline_bytes)
    return;
  g_clear_handle_id (&job->deadline_id, g_source_remove);
  job->deadline_bytes = bytes;
  job->deadline_ms = (guint) MIN (ms, G_MAXUINT);
  job->deadline_id = g_timeout_add ((guint) MAX ((gint64) job->deadline_ms - elapsed_ms, 0), on_deadline_cb, job);
}

/* The manifest: read with a size limit */

static void
on_manifest_read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  g_autoptr(GBytes) body = NULL;

  if (bytes == NULL)
    {
      job_fail_error (job, "cannot read the manifest", error);
      return;
    }

  if (g_bytes_get_size (bytes) > 0)
    {
      note_progress (job);
      if (job->buffer->len + g_bytes_get_size (bytes) > MAX_MANIFEST_SIZE)
        {
          job_fail (job, "the manifest is larger than 8 MiB");
          return;
        }
      g_byte_array_append (job->buffer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_input_stream_read_bytes_async (job->in, CHUNK_SIZE, G_PRIORITY_DEFAULT, job->cancellable,
                                       on_manifest_read_cb, job);
      return;
    }

  g_input_stream_close (job->in, NULL, NULL);
  g_clear_object (&job->in);
  body = g_byte_array_free_to_bytes (g_steal_pointer (&job->buffer));
  job->manifest_done (job, body, soup_message_get_status (job->message));
}

static void on_signature_cb (Job *job, GBytes *body, guint status);
static void on_manifest_cb (Job *job, GBytes *body, guint status);
static void job_refuse (Job *job, const char *reason);

static gboolean
check_response (Job         *job,
                SoupMessage *message,
                gboolean     allow_304)
{
  g_autoptr(GError) error = NULL;

  if (km_download_check_response (message, job->self->allow_http, allow_304, &error))
    return TRUE;

  /* No signature where one is required: a refusal like a bad one. */
  if (job->manifest_done == on_signature_cb && g_error_matches (error, KM_DOWNLOAD_ERROR, KM_DOWNLOAD_ERROR_STATUS))
    {
      g_autofree char *refusal = g_strdup_printf ("the pack is not signed: %s", error->message);

      job_refuse (job, refusal);
      return FALSE;
    }
  job_fail (job, error->message);
  return FALSE;
}

static void
on_manifest_sent_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  GInputStream *in = soup_session_send_finish (SOUP_SESSION (source), result, &error);

  if (in == NULL)
    {
      job_fail_error (job, "cannot fetch the manifest", error);
      return;
    }

  job->in = in;
  note_progress (job);
  if (!check_response (job, job->message, TRUE))
    return;

  {
    SoupMessageHeaders *headers = soup_message_get_response_headers (job->message);
    goffset announced = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH ?
                        soup_message_headers_get_content_length (headers) : -1;

    if (announced > MAX_MANIFEST_SIZE)
      {
        job_fail (job, "the manifest is larger than 8 MiB");
        return;
      }
    /* The first fetch of the manifest, of an announced size. */
    if (job->manifest_done == on_manifest_cb && announced > MANIFEST_ALLOWANCE)
      extend_watchdog (job, announced);
  }

  job->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (job->in, CHUNK_SIZE, G_PRIORITY_DEFAULT, job->cancellable,
                                   on_manifest_read_cb, job);
}

static void
fetch_manifest (Job          *job,
                gboolean      conditional,
                ManifestDone  done)
{
  KmContentUpdater *self = job->self;
  g_autoptr(GUri) uri = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, NULL);

  /* start_check() made sure it parses. */
  g_assert (uri != NULL);
  g_clear_object (&job->message);
  job->message = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  job->manifest_done = done;
  note_progress (job);

  if (conditional && self->active_version > 0)
    {
      SoupMessageHeaders *headers = soup_message_get_request_headers (job->message);

      if (self->etag != NULL)
        soup_message_headers_replace (headers, "If-None-Match", self->etag);
      if (self->last_modified != NULL)
        soup_message_headers_replace (headers, "If-Modified-Since", self->last_modified);
    }

  soup_session_send_async (self->session, job->message, G_PRIORITY_DEFAULT, job->cancellable,
                           on_manifest_sent_cb, job);
}

/* Signed packs: trust.ini and the signature */

#define TRUST_FILE "trust.ini"

static gboolean
signing_required (KmContentUpdater *self)
{
  return self->trusted_keys_text != NULL && self->trusted_keys_text[0] != NULL;
}

static char *
get_trust_path (KmContentUpdater *self)
{
  return g_build_filename (g_file_peek_path (self->base_dir), TRUST_FILE, NULL);
}

/**
 * km_content_updater_read_trust:
 * @base_dir: the packs folder (km_pack_dir_get_default_base())
 * @version_out: (out): the newest signed version accepted there
 * @sha256_out: (out) (optional): its manifest's SHA-256, hex
 * @key_id_out: (out) (optional): the key that signed it, plain text
 *
 * What trust.ini remembers, for a pack given by hand (--content) that must
 * pass the same version check as a download.
 *
 * Returns: whether a version is remembered
 */
gboolean
km_content_updater_read_trust (GFile   *base_dir,
                               gint64  *version_out,
                               char   **sha256_out,
                               char   **key_id_out)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = g_build_filename (g_file_peek_path (base_dir), TRUST_FILE, NULL);
  g_autofree char *key_id = NULL;
  g_autofree char *sha256 = NULL;
  gint64 version;

  g_return_val_if_fail (G_IS_FILE (base_dir), FALSE);

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return FALSE;
  version = g_key_file_get_int64 (key_file, "Trust", "Version", NULL);
  sha256 = g_key_file_get_string (key_file, "Trust", "ManifestSHA256", NULL);
  key_id = g_key_file_get_string (key_file, "Trust", "KeyId", NULL);
  if (version < 0 || version > KM_PACK_VERSION_MAX)
    return FALSE;

  *version_out = version;
  if (sha256_out != NULL)
    *sha256_out = g_steal_pointer (&sha256);
  if (key_id_out != NULL)
    *key_id_out = key_id != NULL ? km_outside_text_plain (key_id, -1) : NULL;
  return TRUE;
}

static void
load_trust (KmContentUpdater *self)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *key_id = NULL;
  gint64 version;

  if (!km_content_updater_read_trust (self->base_dir, &version, &sha256, &key_id))
    return;
  self->trusted_version = version;
  g_free (self->trusted_sha256);
  self->trusted_sha256 = g_steal_pointer (&sha256);
  g_free (self->key_id);
  self->key_id = g_steal_pointer (&key_id);
}

/* Written, durably and in one rename, before the switch to @version: a
 * kill at any moment leaves a remembered version at least as new as the
 * active pack, so an older pack is never accepted again.
 */
static gboolean
save_trust (KmContentUpdater  *self,
            gint64             version,
            const char        *sha256,
            const char        *key_id,
            GError           **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = get_trust_path (self);
  g_autofree char *data = NULL;
  gsize length;

  g_key_file_set_comment (key_file, NULL, NULL,
                          " The newest signed content pack accepted: older ones are refused.", NULL);
  g_key_file_set_int64 (key_file, "Trust", "Version", version);
  g_key_file_set_string (key_file, "Trust", "ManifestSHA256", sha256);
  g_key_file_set_string (key_file, "Trust", "KeyId", key_id);
  data = g_key_file_to_data (key_file, &length, NULL);
  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, error))
    return FALSE;

  self->trusted_version = version;
  g_free (self->trusted_sha256);
  self->trusted_sha256 = g_strdup (sha256);
  return TRUE;
}

/* A refusal: the status keeps saying why until a pack is accepted. */
static void
job_refuse (Job        *job,
            const char *reason)
{
  KmContentUpdater *self = job->self;
  g_autofree char *plain = km_outside_text_plain (reason, -1);

  g_free (self->last_refusal);
  self->last_refusal = km_outside_text_hide_credentials (plain, self->url);
  job_fail (job, plain);
}

static void continue_with_manifest (Job *job);

static void
on_signature_cb (Job    *job,
                 GBytes *body,
                 guint   status)
{
  KmContentUpdater *self = job->self;
  g_auto(KmPackSignatureInfo) info = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean completing;
  gint64 floor;

  if (self->keys_error != NULL)
    {
      job_refuse (job, self->keys_error);
      return;
    }

  if (!km_pack_signature_check (job->manifest_body, job->manifest, body, "manifest.ini.minisig",
                                self->trusted_keys, self->max_age_days,
                                g_get_real_time () / G_USEC_PER_SEC, &info, &error))
    {
      job_refuse (job, error->message);
      return;
    }

  /* Never older than what is remembered or installed. The one same
   * version allowed is the very manifest remembered, when a kill came
   * between remembering it and switching to it.
   */
  floor = MAX (self->trusted_version, self->active_version);
  completing = info.version == self->trusted_version && info.version > self->active_version &&
               g_strcmp0 (job->manifest_sha256, self->trusted_sha256) == 0;
  if (!completing && !km_pack_signature_check_newer (info.version, floor, &error))
    {
      job_refuse (job, error->message);
      return;
    }

  job->key_id = g_steal_pointer (&info.key_id);
  continue_with_manifest (job);
}

/* MANIFEST-URL.minisig, read with the manifest's size limit. */
static void
fetch_signature (Job *job)
{
  KmContentUpdater *self = job->self;
  g_autoptr(GUri) uri = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, NULL);
  g_autofree char *path = NULL;
  g_autoptr(GUri) sig_uri = NULL;

  g_assert (uri != NULL);
  path = g_strconcat (g_uri_get_path (uri), KM_PACK_SIGNATURE_SUFFIX, NULL);
  sig_uri = g_uri_build_with_user (g_uri_get_flags (uri), g_uri_get_scheme (uri), g_uri_get_user (uri),
                                   g_uri_get_password (uri), g_uri_get_auth_params (uri), g_uri_get_host (uri),
                                   g_uri_get_port (uri), path, g_uri_get_query (uri), NULL);
  g_clear_object (&job->message);
  job->message = soup_message_new_from_uri (SOUP_METHOD_GET, sig_uri);
  job->manifest_done = on_signature_cb;
  note_progress (job);
  soup_session_send_async (self->session, job->message, G_PRIORITY_DEFAULT, job->cancellable,
                           on_manifest_sent_cb, job);
}

/* The end: the manifest again, the validator, the switch */

static void switch_to_staged (Job *job);

static void
validate_in_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  g_task_return_pointer (task, km_content_store_validate_dir (G_FILE (task_data)),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
on_validated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GPtrArray) errors = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_cancellable_is_cancelled (job->cancellable))
    {
      job_fail (job, "the check was stopped");
      return;
    }

  if (errors != NULL && errors->len > 0)
    {
      g_autofree char *first = km_content_error_to_string (g_ptr_array_index (errors, 0));
      g_autofree char *message = g_strdup_printf ("the pack has %u content error(s), the first: %s",
                                                  errors->len, first);

      job_fail (job, message);
      return;
    }

  switch_to_staged (job);
}

static void
install (Job *job)
{
  g_autoptr(GFile) manifest_file = g_file_get_child (job->staging, KM_PACK_MANIFEST_NAME);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  /* Nothing more comes from the server; the validator may take its time. */
  stop_watchdog (job);
  data = km_pack_manifest_to_data (job->manifest, &length);
  if (!g_file_replace_contents (manifest_file, data, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, &error))
    {
      job_fail_error (job, "cannot store the manifest", error);
      return;
    }

  /* The validator reads and decodes every file: off the main thread, so
   * the exhibition stays responsive however large the pack is.
   */
  task = g_task_new (NULL, job->cancellable, on_validated_cb, job);
  g_task_set_task_data (task, g_object_ref (job->staging), g_object_unref);
  g_task_run_in_thread (task, validate_in_thread);
}

static void
switch_to_staged (Job *job)
{
  KmContentUpdater *self = job->self;
  g_autoptr(GFile) installed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *result = NULL;

  if (job->key_id != NULL)
    {
      if (!save_trust (self, km_pack_manifest_get_version (job->manifest), job->manifest_sha256,
                       job->key_id, &error))
        {
          job_fail_error (job, "cannot remember the installed version", error);
          return;
        }
      km_pack_dir_crash_point ("trust-written");
    }

  if (!km_pack_dir_install (self->base_dir, job->staging, km_pack_manifest_get_version (job->manifest),
                            &installed, &error))
    {
      job_fail_error (job, "cannot switch to the new pack", error);
      return;
    }
  /* The staging folder is now the installed pack. */
  g_clear_object (&job->staging);

  self->active_version = km_pack_manifest_get_version (job->manifest);
  g_clear_pointer (&self->active_manifest, km_pack_manifest_free);
  self->active_manifest = g_steal_pointer (&job->manifest);
  g_free (self->key_id);
  self->key_id = g_steal_pointer (&job->key_id);
  g_clear_pointer (&self->last_refusal, g_free);
  g_set_object (&self->active_dir, installed);
  g_free (self->etag);
  self->etag = g_steal_pointer (&job->etag);
  g_free (self->last_modified);
  self->last_modified = g_steal_pointer (&job->last_modified);
  km_pack_dir_cleanup (self->base_dir, self->shown_dir);

  job_finish (job);
  g_message ("Content pack version %" G_GINT64_FORMAT " is verified and installed", self->active_version);
  result = g_strdup_printf ("installed version %" G_GINT64_FORMAT, self->active_version);
  succeed (self, result);
  g_signal_emit (self, signals [PACK_READY], 0, self->active_version);
}

static void
on_manifest_again_cb (Job    *job,
                      GBytes *body,
                      guint   status)
{
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);

  if (!g_str_equal (sha256, job->manifest_sha256))
    {
      job_fail (job, "the pack changed on the server during the download");
      return;
    }

  install (job);
}

/* The files, one after another: copied from the active pack or downloaded */

static void
on_download_progress_cb (KmDownload *download,
                         Job        *job)
{
  guint64 total = km_pack_manifest_get_total_size (job->manifest);

  note_progress (job);
  set_progress (job->self, (double) (job->bytes_done + km_download_get_received (download)) / MAX (total, 1));
}

static void
on_downloaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Job *job = user_data;
  KmDownload *download = KM_DOWNLOAD (source);
  g_autoptr(GError) error = NULL;

  g_signal_handlers_disconnect_by_data (download, job);
  if (!km_download_run_finish (download, result, &error))
    {
      job_fail (job, error->message);
      return;
    }

  job->bytes_done += km_download_get_received (download);
  g_clear_object (&job->download);
  job->index++;
  fetch_next (job);
}

static GFile *
find_local_copy (KmContentUpdater *self,
                 const KmPackFile *file)
{
  const KmPackFile *old;

  if (self->active_manifest == NULL || self->active_dir == NULL)
    return NULL;

  old = km_pack_manifest_lookup (self->active_manifest, file->path);
  if (old == NULL || old->size != file->size || !g_str_equal (old->sha256, file->sha256))
    return NULL;

  return g_file_resolve_relative_path (self->active_dir, file->path);
}

static void
fetch_next (Job *job)
{
  KmContentUpdater *self = job->self;
  g_autoptr(GFile) local = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  const KmPackFile *file;
  GFileInputStream *in;
  guint64 room;

  if (job->index >= km_pack_manifest_get_n_files (job->manifest))
    {
      /* A publisher may replace the pack while we download it. */
      fetch_manifest (job, FALSE, on_manifest_again_cb);
      return;
    }

  file = km_pack_manifest_get_file (job->manifest, job->index);
  /* The disk quota counts every file of the pack. */
  room = self->disk_quota > job->bytes_done ? self->disk_quota - job->bytes_done : 0;

  /* Unchanged files come from the active pack, checked the same way. */
  if ((local = find_local_copy (self, file)) != NULL &&
      (in = g_file_read (local, NULL, NULL)) != NULL)
    {
      job->download = km_download_new_for_stream (G_INPUT_STREAM (in), file, job->staging, room);
    }
  else
    {
      /* Resolved, never concatenated: “poster:2012.svg” must not read as a
       * scheme (soup asserts on a URI it cannot send). */
      base = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, &error);
      if (base == NULL || !(uri = km_pack_resolve_uri (base, file->path, &error)))
        {
          g_autofree char *what = g_strdup_printf ("cannot build the address of “%s”", file->path);

          job_fail_error (job, what, error);
          return;
        }
      job->download = km_download_new_for_uri (self->session, uri, self->allow_http, file, job->staging, room);
      note_progress (job);
    }

  g_signal_connect (job->download, "progress", G_CALLBACK (on_download_progress_cb), job);
  km_download_run_async (job->download, job->cancellable, on_downloaded_cb, job);
}

/* The beginning: the manifest */

static guint64
get_free_space (KmContentUpdater *self)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_filesystem_info (self->base_dir, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);
  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
    return G_MAXUINT64;

  return g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE);
}

static void
on_manifest_cb (Job    *job,
                GBytes *body,
                guint   status)
{
  KmContentUpdater *self = job->self;
  SoupMessageHeaders *headers = soup_message_get_response_headers (job->message);
  g_autoptr(GError) error = NULL;

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      job_finish (job);
      succeed (self, "not modified");
      return;
    }

  job->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  job->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  job->manifest_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
  job->manifest_size = g_bytes_get_size (body);
  job->manifest = km_pack_manifest_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  if (job->manifest == NULL)
    {
      job_fail (job, error->message);
      return;
    }

  /* With trusted keys, the signature comes before any file the manifest
   * names; the manifest installed and remembered needs no second look.
   */
  if (signing_required (self) &&
      !(km_pack_manifest_get_version (job->manifest) == self->active_version &&
        g_strcmp0 (job->manifest_sha256, self->trusted_sha256) == 0))
    {
      job->manifest_body = g_bytes_ref (body);
      fetch_signature (job);
      return;
    }

  continue_with_manifest (job);
}

static void
continue_with_manifest (Job *job)
{
  KmContentUpdater *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 version;
  guint64 total;
  guint requests = 1;

  version = km_pack_manifest_get_version (job->manifest);
  if (version <= self->active_version)
    {
      if (version == self->active_version)
        {
          g_free (self->etag);
          self->etag = g_steal_pointer (&job->etag);
          g_free (self->last_modified);
          self->last_modified = g_steal_pointer (&job->last_modified);
        }
      job_finish (job);
      succeed (self, "up to date");
      return;
    }

  if (version == km_pack_dir_get_rejected (self->base_dir))
    {
      message = g_strdup_printf ("version %" G_GINT64_FORMAT " did not load after it was installed; "
                                 "waiting for a newer pack", version);
      job_fail (job, message);
      return;
    }

  total = km_pack_manifest_get_total_size (job->manifest);
  if (total > self->max_size)
    {
      message = g_strdup_printf ("the pack holds %" G_GUINT64_FORMAT " bytes, more than the limit of %"
                                 G_GUINT64_FORMAT, total, self->max_size);
      job_fail (job, message);
      return;
    }

  if (!(job->staging = km_pack_dir_make_staging (self->base_dir, &error)))
    {
      job_fail_error (job, "cannot prepare the download", error);
      return;
    }

  if (total > get_free_space (self))
    {
      message = g_strdup_printf ("not enough disk space for the pack's %" G_GUINT64_FORMAT " bytes", total);
      job_fail (job, message);
      return;
    }

  self->downloading_version = version;
  set_state (self, KM_UPDATE_STATE_DOWNLOADING);
  emit_status_changed (self);
  /* The files not in the active pack, and the manifest once more. */
  for (guint i = 0; i < km_pack_manifest_get_n_files (job->manifest); i++)
    {
      g_autoptr(GFile) local = find_local_copy (self, km_pack_manifest_get_file (job->manifest, i));

      if (local == NULL)
        requests++;
    }
  /* The manifest once more: the same bytes, or the job fails. */
  start_watchdog (job, requests, total + job->manifest_size);
  fetch_next (job);
}

static void
start_check (KmContentUpdater *self)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  Job *job;

  if (self->job != NULL)
    {
      /* One stopped for a new address is on its way out. */
      if (g_cancellable_is_cancelled (self->job->cancellable))
        self->recheck = TRUE;
      return;
    }

  if (self->url == NULL || *self->url == '\0')
    {
      set_state (self, KM_UPDATE_STATE_DISABLED);
      emit_status_changed (self);
      return;
    }

  job = g_new0 (Job, 1);
  job->self = g_object_ref (self);
  job->cancellable = g_cancellable_new ();
  self->job = job;
  start_watchdog (job, 1, MANIFEST_ALLOWANCE);
  set_state (self, KM_UPDATE_STATE_CHECKING);
  emit_status_changed (self);

  if (!(uri = g_uri_parse (self->url, SOUP_HTTP_URI_FLAGS, NULL)))
    {
      g_autofree char *shown = redact_url (self);

      message = g_strdup_printf ("“%s” is not a valid address", shown);
      job_fail (job, message);
      return;
    }

  if (!km_download_check_uri (uri, self->allow_http, &error))
    {
      job_fail (job, error->message);
      return;
    }

  fetch_manifest (job, TRUE, on_manifest_cb);
}

static void
km_content_updater_dispose (GObject *object)
{
  KmContentUpdater *self = KM_CONTENT_UPDATER (object);

  if (self->timer_id != 0)
    km_clock_remove (self->clock, self->timer_id);
  self->timer_id = 0;

  g_clear_object (&self->session);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (km_content_updater_parent_class)->dispose (object);
}

static void
km_content_updater_finalize (GObject *object)
{
  KmContentUpdater *self = KM_CONTENT_UPDATER (object);

  g_clear_object (&self->clock);
  g_clear_object (&self->base_dir);
  g_clear_object (&self->active_dir);
  g_clear_object (&self->shown_dir);
  g_clear_pointer (&self->active_manifest, km_pack_manifest_free);
  g_strfreev (self->trusted_keys_text);
  g_clear_pointer (&self->trusted_keys, g_ptr_array_unref);
  g_free (self->keys_error);
  g_free (self->trusted_sha256);
  g_free (self->key_id);
  g_free (self->last_refusal);
  g_clear_pointer (&self->error_time, g_date_time_unref);
  g_clear_pointer (&self->verified_time, g_date_time_unref);
  g_free (self->url);
  g_free (self->etag);
  g_free (self->last_modified);
  g_free (self->last_error);
  g_free (self->last_result);

  G_OBJECT_CLASS (km_content_updater_parent_class)->finalize (object);
}

static void
km_content_updater_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KmContentUpdater *self = KM_CONTENT_UPDATER (object);

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    case PROP_ALLOW_HTTP:
      g_value_set_boolean (value, self->allow_http);
      break;
    case PROP_CHECK_INTERVAL:
      g_value_set_uint (value, self->check_interval);
      break;
    case PROP_MAX_SIZE:
      g_value_set_uint64 (value, self->max_size);
      break;
    case PROP_STALL_TIMEOUT:
      g_value_set_uint (value, self->stall_timeout);
      break;
    case PROP_MIN_RATE:
      g_value_set_uint (value, self->min_rate);
      break;
    case PROP_TRUSTED_KEYS:
      g_value_set_boxed (value, self->trusted_keys_text);
      break;
    case PROP_MAX_AGE_DAYS:
      g_value_set_uint (value, self->max_age_days);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* A key that does not parse refuses every pack (and says which key):
 * dropping it would trust fewer keys than the operator set, or none.
 */
static void
set_trusted_keys (KmContentUpdater   *self,
                  const char * const *keys)
{
  g_autoptr(GError) error = NULL;

  if (keys != NULL && self->trusted_keys_text != NULL &&
      g_strv_equal (keys, (const char * const *) self->trusted_keys_text))
    return;

  g_strfreev (self->trusted_keys_text);
  self->trusted_keys_text = keys != NULL && keys[0] != NULL ? g_strdupv ((char **) keys) : NULL;
  g_clear_pointer (&self->trusted_keys, g_ptr_array_unref);
  g_clear_pointer (&self->keys_error, g_free);
  if (self->trusted_keys_text != NULL)
    {
      self->trusted_keys = km_pack_signature_parse_keys ((const char * const *) self->trusted_keys_text, &error);
      if (self->trusted_keys == NULL)
        self->keys_error = g_strdup_printf ("content-trusted-keys: %s", error->message);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TRUSTED_KEYS]);
  emit_status_changed (self);
}

static void
km_content_updater_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KmContentUpdater *self = KM_CONTENT_UPDATER (object);

  switch (prop_id)
    {
    case PROP_URL:
      if (g_strcmp0 (self->url, g_value_get_string (value)) != 0)
        {
          g_free (self->url);
          self->url = g_value_dup_string (value);
          g_clear_pointer (&self->etag, g_free);
          g_clear_pointer (&self->last_modified, g_free);
          self->n_failures = 0;
          /* A check of the old address, stuck or not, gives way. */
          if (self->job != NULL)
            g_cancellable_cancel (self->job->cancellable);
          else
            set_state (self, self->url == NULL || *self->url == '\0' ? KM_UPDATE_STATE_DISABLED
                                                                      : KM_UPDATE_STATE_IDLE);
          g_object_notify_by_pspec (object, pspec);
          emit_status_changed (self);
          if (self->started)
            schedule_check (self, FIRST_CHECK_MS);
        }
      break;
    case PROP_ALLOW_HTTP:
      if (self->allow_http != g_value_get_boolean (value))
        {
          self->allow_http = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CHECK_INTERVAL:
      if (self->check_interval != g_value_get_uint (value))
        {
          self->check_interval = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_MAX_SIZE:
      if (self->max_size != g_value_get_uint64 (value))
        {
          self->max_size = g_value_get_uint64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_STALL_TIMEOUT:
      if (self->stall_timeout != g_value_get_uint (value))
        {
          self->stall_timeout = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_MIN_RATE:
      if (self->min_rate != g_value_get_uint (value))
        {
          self->min_rate = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_TRUSTED_KEYS:
      set_trusted_keys (self, g_value_get_boxed (value));
      break;
    case PROP_MAX_AGE_DAYS:
      if (self->max_age_days != g_value_get_uint (value))
        {
          self->max_age_days = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_content_updater_class_init (KmContentUpdaterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = km_content_updater_dispose;
  object_class->finalize = km_content_updater_finalize;
  object_class->get_property = km_content_updater_get_property;
  object_class->set_property = km_content_updater_set_property;

  properties [PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ALLOW_HTTP] =
    g_param_spec_boolean ("allow-http", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CHECK_INTERVAL] =
    g_param_spec_uint ("check-interval", NULL, NULL, 1, G_MAXUINT / 1000, DEFAULT_INTERVAL_S,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MAX_SIZE] =
    g_param_spec_uint64 ("max-size", NULL, NULL, 0, G_MAXUINT64, DEFAULT_MAX_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KmContentUpdater:stall-timeout:
   *
   * Milliseconds without a byte from the server after which a check or
   * download fails; it is also the fixed part of the whole download's
   * deadline.
   */
  properties [PROP_STALL_TIMEOUT] =
    g_param_spec_uint ("stall-timeout", NULL, NULL, 1, G_MAXUINT / 4, DEFAULT_STALL_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KmContentUpdater:min-rate:
   *
   * The slowest rate, in bytes per second, a download may average: a
   * download of N announced bytes fails after stall-timeout + N / min-rate.
   */
  properties [PROP_MIN_RATE] =
    g_param_spec_uint ("min-rate", NULL, NULL, 1, G_MAXUINT, DEFAULT_MIN_RATE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KmContentUpdater:trusted-keys:
   *
   * minisign public keys (km-pack-signature.h). When there is one, a pack
   * is accepted only if one of them signed its manifest, with a version
   * newer than any accepted before.
   */
  properties [PROP_TRUSTED_KEYS] =
    g_param_spec_boxed ("trusted-keys", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * KmContentUpdater:max-age-days:
   *
   * 0, or the most days since a pack was signed: older ones are refused.
   */
  properties [PROP_MAX_AGE_DAYS] =
    g_param_spec_uint ("max-age-days", NULL, NULL, 0, 36500, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, KM_TYPE_UPDATE_STATE, KM_UPDATE_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KmContentUpdater::pack-ready:
   * @version: the version installed
   *
   * A new pack is verified and active on disk; km_content_updater_apply_pending()
   * shows it. The kiosk calls that at its next idle reset, the desktop
   * window offers a "Reload" toast.
   */
  signals [PACK_READY] =
    g_signal_new ("pack-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * KmContentUpdater::status-changed:
   *
   * Anything km_content_updater_dup_status_text() says has changed.
   */
  signals [STATUS_CHANGED] =
    g_signal_new ("status-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
km_content_updater_init (KmContentUpdater *self)
{
  self->check_interval = DEFAULT_INTERVAL_S;
  self->max_size = DEFAULT_MAX_SIZE;
  self->disk_quota = G_MAXUINT64;
  self->stall_timeout = DEFAULT_STALL_MS;
  self->min_rate = DEFAULT_MIN_RATE;
  self->state = KM_UPDATE_STATE_IDLE;
  self->session = soup_session_new_with_options ("timeout", DEFAULT_TIMEOUT_S,
                                                 "idle-timeout", 60,
                                                 "user-agent", "khojaly-memorial/" PACKAGE_VERSION " ",
                                                 NULL);
}

/**
 * km_content_updater_new:
 * @clock: (nullable): the clock the checks and retries follow
 * @base_dir: (nullable): the packs folder, see km_pack_dir_get_default_base()
 *
 * Reads what is installed in @base_dir; checks nothing until
 * km_content_updater_start() or km_content_updater_check_now().
 *
 * Returns: (transfer full): a new updater
 */
KmContentUpdater *
km_content_updater_new (KmClock *clock,
                        GFile   *base_dir)
{
  KmContentUpdater *self = g_object_new (KM_TYPE_CONTENT_UPDATER, NULL);

  self->clock = g_object_ref (clock != NULL ? clock : km_clock_get_default ());
  self->base_dir = base_dir != NULL ? g_object_ref (base_dir) : km_pack_dir_get_default_base ();
  self->active_dir = km_pack_dir_resolve (self->base_dir, "active");
  if (self->active_dir != NULL)
    self->active_manifest = km_pack_manifest_load (self->active_dir, NULL);
  if (self->active_manifest != NULL)
    self->active_version = km_pack_manifest_get_version (self->active_manifest);
  else
    g_clear_object (&self->active_dir);
  load_trust (self);

  return self;
}

static gboolean
map_mib_to_bytes (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_value_set_uint64 (value, (guint64) g_variant_get_uint32 (variant) * 1024 * 1024);
  return TRUE;
}

/**
 * km_content_updater_bind_settings:
 *
 * Follows content-url, content-allow-http, content-check-interval,
 * content-max-size, content-trusted-keys and content-max-age-days.
 */
void
km_content_updater_bind_settings (KmContentUpdater *self,
                                  GSettings        *settings)
{
  g_return_if_fail (KM_IS_CONTENT_UPDATER (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "content-url", self, "url", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "content-allow-http", self, "allow-http", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "content-check-interval", self, "check-interval", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "content-trusted-keys", self, "trusted-keys", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "content-max-age-days", self, "max-age-days", G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (settings, "content-max-size", self, "max-size", G_SETTINGS_BIND_GET,
                                map_mib_to_bytes, NULL, NULL, NULL);
}

/**
 * km_content_updater_set_store:
 * @store: the store that shows the exhibition
 * @shown_dir: (nullable): the installed pack it shows, or %NULL
 * @shown_version: its version, 0 for the bundled exhibition
 */
void
km_content_updater_set_store (KmContentUpdater *self,
                              KmContentStore   *store,
                              GFile            *shown_dir,
                              gint64            shown_version)
{
  g_return_if_fail (KM_IS_CONTENT_UPDATER (self));
  g_return_if_fail (KM_IS_CONTENT_STORE (store));

  g_set_object (&self->store, store);
  g_set_object (&self->shown_dir, shown_dir);
  self->shown_version = shown_version;
  emit_status_changed (self);
}

/* Tests: a short network timeout. */
void
km_content_updater_set_timeout (KmContentUpdater *self,
                                guint             seconds)
{
  g_return_if_fail (KM_IS_CONTENT_UPDATER (self));

  g_object_set (self->session, "timeout", seconds, NULL);
}

/* Tests: writes fail with "no space left" after @bytes. */
void
km_content_updater_set_disk_quota (KmContentUpdater *self,
                                   guint64           bytes)
{
  g_return_if_fail (KM_IS_CONTENT_UPDATER (self));

  self->disk_quota = bytes;
}

/**
 * km_content_updater_start:
 *
 * Checks soon, then every check-interval seconds; after a failure sooner,
 * with exponential backoff.
 */
void
km_content_updater_start (KmContentUpdater *self)
{
  g_return_if_fail (KM_IS_CONTENT_UPDATER (self));

  self->started = TRUE;
  if (self->url == NULL || *self->url == '\0')
    set_state (self, KM_UPDATE_STATE_DISABLED);
  else
    schedule_check (self, FIRST_CHECK_MS);
}

/**
 * km_content_updater_stop:
 *
 * Cancels a download in progress (nothing of it is kept) and every timer.
 */
void
km_content_updater_stop (KmContentUpdater *self)
{
  g_return_if_fail (KM_IS_CONTENT_UPDATER (self));

  self->started = FALSE;
  if (self->timer_id != 0)
    km_clock_remove (self->clock, self->timer_id);
  self->timer_id = 0;
  if (self->job != NULL)
    g_cancellable_cancel (self->job->cancellable);
}

void
km_content_updater_check_now (KmContentUpdater *self)
{
  g_return_if_fail (KM_IS_CONTENT_UPDATER (self));

  if (self->job != NULL)
    return;

  if (self->timer_id != 0)
    km_clock_remove (self->clock, self->timer_id);
  self->timer_id = 0;
  start_check (self);
}

gboolean
km_content_updater_has_pending (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), FALSE);

  return self->active_dir != NULL && self->active_version != self->shown_version;
}

/**
 * km_content_updater_apply_pending:
 *
 * Shows the pack the updater installed, if any. The kiosk calls this at
 * its idle reset, never during a visit; the desktop calls it from the
 * "Reload" toast. If the pack does not load, the store keeps what it shows
 * and the updater rolls back to it.
 *
 * Returns: whether a new pack is now shown
 */
gboolean
km_content_updater_apply_pending (KmContentUpdater *self)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), FALSE);

  if (self->store == NULL || !km_content_updater_has_pending (self))
    return FALSE;

  if (km_content_store_load (self->store, self->active_dir, &errors, &error))
    {
      g_set_object (&self->shown_dir, self->active_dir);
      self->shown_version = self->active_version;
      km_pack_dir_cleanup (self->base_dir, self->shown_dir);
      set_state (self, KM_UPDATE_STATE_UP_TO_DATE);
      emit_status_changed (self);
      return TRUE;
    }

  message = g_strdup_printf ("version %" G_GINT64_FORMAT " did not load: %s",
                             self->active_version, error->message);
  set_last_error (self, message);
  g_message ("Content pack %s; rolling back", self->last_error);
  km_pack_dir_rollback (self->base_dir, NULL);

  g_clear_object (&self->active_dir);
  g_clear_pointer (&self->active_manifest, km_pack_manifest_free);
  self->active_version = 0;
  if ((self->active_dir = km_pack_dir_resolve (self->base_dir, "active")) != NULL &&
      (self->active_manifest = km_pack_manifest_load (self->active_dir, NULL)) != NULL)
    self->active_version = km_pack_manifest_get_version (self->active_manifest);
  else
    g_clear_object (&self->active_dir);

  set_state (self, KM_UPDATE_STATE_FAILED);
  emit_status_changed (self);
  return FALSE;
}

KmUpdateState
km_content_updater_get_state (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), KM_UPDATE_STATE_DISABLED);

  return self->state;
}

double
km_content_updater_get_progress (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), 0.0);

  return self->progress;
}

/* The version installed on disk, 0 when none is. */
gint64
km_content_updater_get_active_version (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), 0);

  return self->active_version;
}

/* The version on screen, 0 for the bundled exhibition. */
gint64
km_content_updater_get_shown_version (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), 0);

  return self->shown_version;
}

/**
 * km_content_updater_get_last_error:
 *
 * Returns: (nullable): why the last failed check failed, in English, for logs
 */
const char *
km_content_updater_get_last_error (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), NULL);

  return self->last_error;
}

/**
 * km_content_updater_get_last_result:
 *
 * Returns: (nullable): "not modified", "up to date", "installed version N"
 *   or "failed"; %NULL before the first check
 */
const char *
km_content_updater_get_last_result (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), NULL);

  return self->last_result;
}

guint
km_content_updater_get_n_failures (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), 0);

  return self->n_failures;
}

/* Milliseconds until the retry after the last failure. */
guint
km_content_updater_get_retry_delay (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), 0);

  return self->retry_delay;
}

static char *
dup_shown_text (KmContentUpdater *self)
{
  if (self->shown_version > 0)
    /* Translators: the last sentence of a status line, after e.g. “Still
     * showing what was verified before.”; %lld is a content pack version */
    return g_strdup_printf (_("Showing content pack version %lld."), (long long) self->shown_version);

  return g_strdup (_("Showing the bundled exhibition."));
}

/**
 * km_content_updater_dup_status_text:
 *
 * The truthful status for Preferences and the kiosk maintenance page:
 * what is shown, whether it is verified and when, what failed and when.
 *
 * Returns: (transfer full): one or two translated sentences
 */
static char *dup_update_text (KmContentUpdater *self);

/* Whether packs are signed, by which key, and why the last was refused. */
static char *
dup_signing_text (KmContentUpdater *self)
{
  g_autofree char *signed_by = NULL;

  if (!signing_required (self))
    return g_strdup (_("Content packs are unsigned: no trusted keys are set."));

  if (self->key_id != NULL && self->active_version > 0)
    /* Translators: %1$lld is a content pack version, %2$s the id of the
     * key that signed it, up to 16 hexadecimal digits such as 3C2F7D8E1A2B4C5D */
    signed_by = g_strdup_printf (_("Version %1$lld is signed by key %2$s."),
                                 (long long) self->active_version, self->key_id);
  else
    signed_by = g_strdup (_("Only packs signed by a trusted key are accepted."));

  /* A failed check already says why; the refusal outlives it. */
  if (self->last_refusal != NULL &&
      !(self->state == KM_UPDATE_STATE_FAILED && g_strcmp0 (self->last_error, self->last_refusal) == 0))
    /* Translators: %1$s says which pack is signed; %2$s is the reason the
     * last pack was refused (a technical message, in English), such as
     * “version 7 is not newer than the installed 9” */
    return g_strdup_printf (_("%1$s The last pack was refused: %2$s."), signed_by, self->last_refusal);

  return g_steal_pointer (&signed_by);
}

char *
km_content_updater_dup_status_text (KmContentUpdater *self)
{
  g_autofree char *update = NULL;
  g_autofree char *signing = NULL;

  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), NULL);

  update = dup_update_text (self);
  if (self->state == KM_UPDATE_STATE_DISABLED)
    return g_steal_pointer (&update);
  signing = dup_signing_text (self);
  return g_strdup_printf ("%s %s", update, signing);
}

/**
 * km_content_updater_get_signing_required:
 *
 * Returns: whether content-trusted-keys names a key
 */
gboolean
km_content_updater_get_signing_required (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), FALSE);

  return signing_required (self);
}

/**
 * km_content_updater_get_key_id:
 *
 * Returns: (nullable): the id of the key that signed the active pack
 */
const char *
km_content_updater_get_key_id (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), NULL);

  return self->active_version > 0 ? self->key_id : NULL;
}

/**
 * km_content_updater_get_last_refusal:
 *
 * Returns: (nullable): why the last pack was refused (a bad signature, a
 *   rollback…), until a pack is accepted
 */
const char *
km_content_updater_get_last_refusal (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), NULL);

  return self->last_refusal;
}

/**
 * km_content_updater_get_trusted_version:
 *
 * Returns: the newest signed version ever accepted (remembered in
 *   trust.ini), or 0
 */
gint64
km_content_updater_get_trusted_version (KmContentUpdater *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_UPDATER (self), 0);

  return self->trusted_version;
}

static char *
dup_update_text (KmContentUpdater *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *time = NULL;

  shown = dup_shown_text (self);

  switch (self->state)
    {
    case KM_UPDATE_STATE_DISABLED:
      return g_strdup_printf ("%s %s", _("No content pack address is set."), shown);

    case KM_UPDATE_STATE_IDLE:
      return g_strdup_printf ("%s %s", _("Not checked for updates yet."), shown);

    case KM_UPDATE_STATE_CHECKING:
      return g_strdup_printf ("%s %s", _("Checking for a new content pack…"), shown);

    case KM_UPDATE_STATE_DOWNLOADING:
      /* Translators: a status line: %1$lld is the number of the content pack
       * version being downloaded, %2$d how much of it has arrived, in per
       * cent; %% is the percent sign */
      return g_strdup_printf (_("Downloading content pack version %1$lld: %2$d%%."),
                              (long long) self->downloading_version, (int) (self->progress * 100));

    case KM_UPDATE_STATE_UP_TO_DATE:
      time = g_date_time_format (self->verified_time, "%H:%M");
      if (self->shown_version > 0)
        /* Translators: a status line: %1$lld is the number of the content
         * pack version shown, %2$s the time it was verified, such as 14:02 */
        return g_strdup_printf (_("Up to date: version %1$lld, verified at %2$s."),
                                (long long) self->shown_version, time);
      /* Translators: %s is a time such as 14:02 */
      return g_strdup_printf (_("Up to date: the bundled exhibition, checked at %s."), time);

    case KM_UPDATE_STATE_READY:
      time = g_date_time_format (self->verified_time, "%H:%M");
      /* Translators: a status line: %1$lld is the number of a new content
       * pack version, %2$s the time it was verified, such as 14:02, and %3$s
       * a sentence saying what is shown now, e.g. “Showing content pack
       * version 3.” */
      return g_strdup_printf (_("Version %1$lld was verified at %2$s and will be shown at the next reload. %3$s"),
                              (long long) self->active_version, time, shown);

    case KM_UPDATE_STATE_FAILED:
    default:
      time = self->error_time != NULL ? g_date_time_format (self->error_time, "%H:%M") : g_strdup ("");
      /* Translators: a status line: %1$s is the time of the failure, such as
       * 14:05, %2$s the reason (a technical message, in English), and %3$s
       * a sentence saying what is shown now, e.g. “Showing content pack
       * version 3.” */
      return g_strdup_printf (_("The update failed at %1$s: %2$s. Still showing what was verified before. %3$s"),
                              time, self->last_error ? self->last_error : "", shown);
    }
}
