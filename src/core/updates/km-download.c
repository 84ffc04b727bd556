/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One file of a content pack, fetched over HTTP(S) or copied from the
 * active pack, into the staging folder: written only at the path the
 * manifest names and km_pack_path_is_safe() accepts, its size and SHA-256
 * checked while it streams, and no more bytes than the disk room it was
 * given. The content updater runs one after another; its watchdog (stall
 * and deadline, for the whole check) cancels the GCancellable and listens
 * to KmDownload::progress.
 */
#define G_LOG_DOMAIN "km-download"

#include "config.h"

#include "km-download.h"
#include "km-outside-text.h"
#include "km-pack-dir.h"

#define CHUNK_SIZE (64 * 1024)

struct _KmDownload
{
  GObject           parent_instance;

  SoupSession      *session;
  GUri             *uri;
  gboolean          allow_http;
  SoupMessage      *message;
  KmPackFile        file;
  GFile            *dir;
  guint64           room;

  GInputStream     *in;
  GOutputStream    *out;
  GChecksum        *checksum;
  GBytes           *chunk;
  guint64           received;
  gboolean          running;
};

G_DEFINE_FINAL_TYPE (KmDownload, km_download, G_TYPE_OBJECT)
G_DEFINE_QUARK (km-download-error-quark, km_download_error)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void read_chunk (GTask *task);

static char *
redact_guri (GUri *uri)
{
  g_autofree char *text = g_uri_to_string (uri);

  return km_outside_text_redact_uri (text);
}

/**
 * km_download_check_uri:
 * @allow_http: whether plain HTTP is allowed (content-allow-http)
 *
 * Whether the updater may fetch from @uri: HTTPS, or HTTP if allowed,
 * with a server. The error quotes @uri without credentials or query.
 */
gboolean
km_download_check_uri (GUri      *uri,
                       gboolean   allow_http,
                       GError   **error)
{
  const char *scheme = g_uri_get_scheme (uri);
  g_autofree char *shown = redact_guri (uri);

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, KM_DOWNLOAD_ERROR, KM_DOWNLOAD_ERROR_ADDRESS, "“%s” names no server", shown);
      return FALSE;
    }

  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (allow_http)
        return TRUE;
      g_set_error (error, KM_DOWNLOAD_ERROR, KM_DOWNLOAD_ERROR_ADDRESS,
                   "“%s” is plain HTTP, which the settings do not allow; use HTTPS", shown);
      return FALSE;
    }

  g_set_error (error, KM_DOWNLOAD_ERROR, KM_DOWNLOAD_ERROR_ADDRESS, "“%s” is neither HTTPS nor HTTP", shown);
  return FALSE;
}

/**
 * km_download_check_response:
 * @allow_304: whether 304 Not Modified is an answer (a conditional request)
 *
 * Whether @message, sent, may be read: a redirect must not lead from
 * HTTPS to plain HTTP (%KM_DOWNLOAD_ERROR_ADDRESS), and the status must
 * be 200 (%KM_DOWNLOAD_ERROR_STATUS, quoting the reason phrase as plain
 * text).
 */
gboolean
km_download_check_response (SoupMessage  *message,
                            gboolean      allow_http,
                            gboolean      allow_304,
                            GError      **error)
{
  guint status = soup_message_get_status (message);
  g_autofree char *uri = NULL;
  g_autofree char *reason = NULL;

  if (!km_download_check_uri (soup_message_get_uri (message), allow_http, error))
    return FALSE;

  if (status == SOUP_STATUS_OK || (allow_304 && status == SOUP_STATUS_NOT_MODIFIED))
    return TRUE;

  /* The reason phrase is the server's text: plain, and never markup. */
  uri = redact_guri (soup_message_get_uri (message));
  reason = km_outside_text_plain (soup_message_get_reason_phrase (message), -1);
  g_set_error (error, KM_DOWNLOAD_ERROR, KM_DOWNLOAD_ERROR_STATUS,
               "the server answered %u %s for %s", status, reason, uri);
  return FALSE;
}

static void
close_streams (KmDownload *self)
{
  if (self->in != NULL)
    g_input_stream_close (self->in, NULL, NULL);
  if (self->out != NULL)
    g_output_stream_close (self->out, NULL, NULL);
  g_clear_object (&self->in);
  g_clear_object (&self->out);
}

/* Every failure ends here; what was written stays in the staging folder,
 * which the updater removes whole.
 */
static void
fail (GTask  *task,
      GError *error)
{
  KmDownload *self = g_task_get_source_object (task);

  close_streams (self);
  self->running = FALSE;
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
fail_io (GTask      *task,
         const char *what,
         GError     *error)
{
  KmDownload *self = g_task_get_source_object (task);

  if (g_str_equal (what, "fetch"))
    g_prefix_error (&error, "cannot fetch “%s”: ", self->file.path);
  else if (g_str_equal (what, "create"))
    g_prefix_error (&error, "cannot write “%s”: ", self->file.path);
  else
    g_prefix_error (&error, "cannot write the pack: ");
  fail (task, error);
}

static GError *
too_large (KmDownload *self)
{
  return g_error_new (KM_DOWNLOAD_ERROR, KM_DOWNLOAD_ERROR_SIZE,
                      "“%s” is larger than the %" G_GUINT64_FORMAT " bytes the manifest declares",
                      self->file.path, self->file.size);
}

static void
finish (GTask *task)
{
  KmDownload *self = g_task_get_source_object (task);
  GError *error = NULL;

  g_input_stream_close (self->in, NULL, NULL);
  g_clear_object (&self->in);
  if (!g_output_stream_close (self->out, NULL, &error))
    {
      g_clear_object (&self->out);
      fail_io (task, "write", error);
      return;
    }
  g_clear_object (&self->out);

  if (self->received != self->file.size)
    {
      fail (task, g_error_new (KM_DOWNLOAD_ERROR, KM_DOWNLOAD_ERROR_SIZE,
                               "“%s” is truncated: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes arrived",
                               self->file.path, self->received, self->file.size));
      return;
    }

  if (!g_str_equal (g_checksum_get_string (self->checksum), self->file.sha256))
    {
      fail (task, g_error_new (KM_DOWNLOAD_ERROR, KM_DOWNLOAD_ERROR_CHECKSUM,
                               "“%s” does not match its SHA-256 in the manifest", self->file.path));
      return;
    }

  self->running = FALSE;
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
on_chunk_written_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  KmDownload *self = g_task_get_source_object (task);
  GError *error = NULL;

  g_clear_pointer (&self->chunk, g_bytes_unref);
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      fail_io (task, "write", error);
      return;
    }

  km_pack_dir_crash_point ("download");
  read_chunk (task);
}

static void
on_chunk_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  KmDownload *self = g_task_get_source_object (task);
  GError *error = NULL;
  GBytes *bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  gsize size;

  if (bytes == NULL)
    {
      fail_io (task, "fetch", error);
      return;
    }

  self->chunk = bytes;
  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      g_clear_pointer (&self->chunk, g_bytes_unref);
      g_signal_emit (self, signals [PROGRESS], 0);
      finish (task);
      return;
    }

  if (self->received + size > self->file.size)
    {
      fail (task, too_large (self));
      return;
    }

  if (self->received + size > self->room)
    {
      fail (task, g_error_new_literal (KM_DOWNLOAD_ERROR, KM_DOWNLOAD_ERROR_NO_SPACE,
                                       "cannot write the pack: no space left on the disk"));
      return;
    }

  g_checksum_update (self->checksum, g_bytes_get_data (bytes, NULL), size);
  self->received += size;
  g_signal_emit (self, signals [PROGRESS], 0);

  g_output_stream_write_all_async (self->out, g_bytes_get_data (bytes, NULL), size, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_chunk_written_cb, task);
}

static void
read_chunk (GTask *task)
{
  KmDownload *self = g_task_get_source_object (task);

  g_input_stream_read_bytes_async (self->in, CHUNK_SIZE, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   on_chunk_read_cb, task);
}

/* Where the file goes: exactly the path the manifest names and
 * km_pack_path_is_safe() accepts, nothing a resolver made of it.
 */
static GFile *
get_target (KmDownload *self)
{
  g_autoptr(GFile) target = g_file_resolve_relative_path (self->dir, self->file.path);
  g_autofree char *relative = g_file_get_relative_path (self->dir, target);

  if (!km_pack_path_is_safe (self->file.path) || g_strcmp0 (relative, self->file.path) != 0)
    return NULL;

  return g_steal_pointer (&target);
}

static void
start_stream (GTask *task)
{
  KmDownload *self = g_task_get_source_object (task);
  g_autoptr(GFile) target = get_target (self);
  g_autoptr(GFile) parent = NULL;
  GError *error = NULL;
  GFileOutputStream *out;

  if (target == NULL)
    {
      fail (task, g_error_new_literal (KM_DOWNLOAD_ERROR, KM_DOWNLOAD_ERROR_PATH,
                                       "the manifest names a path outside the pack"));
      return;
    }

  parent = g_file_get_parent (target);
  if (!g_file_make_directory_with_parents (parent, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          fail_io (task, "create", error);
          return;
        }
      g_clear_error (&error);
    }

  if (!(out = g_file_create (target, G_FILE_CREATE_PRIVATE, NULL, &error)))
    {
      fail_io (task, "create", error);
      return;
    }

  self->out = G_OUTPUT_STREAM (out);
  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  self->received = 0;
  read_chunk (task);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  KmDownload *self = g_task_get_source_object (task);
  GError *error = NULL;
  GInputStream *in = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  goffset length;

  if (in == NULL)
    {
      fail_io (task, "fetch", error);
      return;
    }

  self->in = in;
  /* The server answered: that is progress for a stall watchdog. */
  g_signal_emit (self, signals [PROGRESS], 0);
  if (!km_download_check_response (self->message, self->allow_http, FALSE, &error))
    {
      fail (task, error);
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (self->message));
  if (length > 0 && (guint64) length > self->file.size)
    {
      fail (task, too_large (self));
      return;
    }

  start_stream (task);
}

/**
 * km_download_run_async:
 *
 * Fetches the file; runs once. Cancelling @cancellable stops it with
 * %G_IO_ERROR_CANCELLED.
 */
void
km_download_run_async (KmDownload          *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (KM_IS_DOWNLOAD (self));
  g_return_if_fail (!self->running && self->checksum == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, km_download_run_async);
  self->running = TRUE;

  /* A copy from the active pack streams at once. */
  if (self->in != NULL)
    {
      start_stream (task);
      return;
    }

  self->message = soup_message_new_from_uri (SOUP_METHOD_GET, self->uri);
  soup_session_send_async (self->session, self->message, G_PRIORITY_DEFAULT, cancellable, on_sent_cb, task);
}

/**
 * km_download_run_finish:
 *
 * Returns: whether the file is in place, whole and as the manifest says;
 *   otherwise @error says why, naming the file (the message is ready for
 *   the updater's status line)
 */
gboolean
km_download_run_finish (KmDownload    *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * km_download_get_received:
 *
 * Returns: the bytes of the file that arrived and passed the checks so far
 */
guint64
km_download_get_received (KmDownload *self)
{
  g_return_val_if_fail (KM_IS_DOWNLOAD (self), 0);

  return self->received;
}

static void
km_download_dispose (GObject *object)
{
  KmDownload *self = KM_DOWNLOAD (object);

  close_streams (self);
  g_clear_object (&self->message);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (km_download_parent_class)->dispose (object);
}

static void
km_download_finalize (GObject *object)
{
  KmDownload *self = KM_DOWNLOAD (object);

  g_clear_pointer (&self->uri, g_uri_unref);
  g_clear_object (&self->dir);
  g_clear_pointer (&self->checksum, g_checksum_free);
  g_clear_pointer (&self->chunk, g_bytes_unref);
  g_free (self->file.path);
  g_free (self->file.sha256);

  G_OBJECT_CLASS (km_download_parent_class)->finalize (object);
}

static void
km_download_class_init (KmDownloadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = km_download_dispose;
  object_class->finalize = km_download_finalize;

  /**
   * KmDownload::progress:
   *
   * Something arrived: the server's answer, or a chunk of the file
   * (km_download_get_received() counts the bytes).
   */
  signals [PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
km_download_init (KmDownload *self)
{
}

static KmDownload *
download_new (const KmPackFile *file,
              GFile            *dir,
              guint64           room)
{
  KmDownload *self = g_object_new (KM_TYPE_DOWNLOAD, NULL);

  self->file.path = g_strdup (file->path);
  self->file.size = file->size;
  self->file.sha256 = g_strdup (file->sha256);
  self->dir = g_object_ref (dir);
  self->room = room;

  return self;
}

/**
 * km_download_new_for_uri:
 * @uri: where the file is, from km_pack_resolve_uri()
 * @allow_http: whether a redirect may lead to plain HTTP
 * @file: the manifest's entry: path, size, SHA-256
 * @dir: the staging folder
 * @room: at most so many bytes may be written
 *
 * Returns: (transfer full): a download of @uri into @dir
 */
KmDownload *
km_download_new_for_uri (SoupSession      *session,
                         GUri             *uri,
                         gboolean          allow_http,
                         const KmPackFile *file,
                         GFile            *dir,
                         guint64           room)
{
  KmDownload *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  self = download_new (file, dir, room);
  self->session = g_object_ref (session);
  self->uri = g_uri_ref (uri);
  self->allow_http = allow_http;

  return self;
}

/**
 * km_download_new_for_stream:
 * @in: (transfer full): the file's content, e.g. from the active pack
 *
 * Returns: (transfer full): a copy of @in into @dir, checked as a
 *   download is
 */
KmDownload *
km_download_new_for_stream (GInputStream     *in,
                            const KmPackFile *file,
                            GFile            *dir,
                            guint64           room)
{
  KmDownload *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (in), NULL);
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  self = download_new (file, dir, room);
  self->in = in;

  return self;
}
