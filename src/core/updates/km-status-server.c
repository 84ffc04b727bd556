/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-status-server"

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "km-i18n.h"
#include "km-outside-text.h"
#include "km-status-server.h"

/* The listening socket is ours, not SoupServer's: libsoup 3.2 stops
 * accepting for good after one failed accept() (EMFILE), and it knows
 * no connection limit or idle timeout. Connections go to SoupServer with
 * soup_server_accept_iostream(), so they are not kept alive: every
 * response says "Connection: close".
 */

/* Room for a burst of 1,000 requests; the kernel caps it at somaxconn. */
#define LISTEN_BACKLOG 1024
/* More wait in the backlog until one closes. */
#define MAX_CONNECTIONS 64
/* A request has this long from connect to the last byte of its answer. */
#define CONNECTION_TIMEOUT_MS 5000
/* After accept() failed (no file descriptors left), try again this late,
 * or as soon as one of our connections closes. */
#define ACCEPT_RETRY_MS 500
/* One log line per minute at most, however often accept() fails. */
#define ACCEPT_LOG_INTERVAL_MS 60000
/* No endpoint needs a body; POST /reset may carry a small one. */
#define MAX_BODY_BYTES 4096
/* A refused request's body is read and dropped up to this, so that the
 * client sees the answer rather than a reset connection. */
#define MAX_DRAIN_BYTES (64 * 1024)

typedef struct
{
  KmStatusServer    *self;
  GSocketConnection *connection;  /* weak: SoupServer owns it */
  GSocketAddress    *remote;      /* finds the connection of a message */
  guint              timeout_id;
  GIOStream         *stolen;      /* when we answer a refused request */
  char              *answer;
  GCancellable      *cancellable;
  gsize              drained;
  char               buffer[1024];
} Connection;

struct _KmStatusServer
{
  GObject           parent_instance;

  KmClock          *clock;
  SoupServer       *server;
  GSocket          *listen_socket;
  GSource          *accept_source;
  guint             accept_retry_id;
  GHashTable       *connections;     /* remote GSocketAddress → Connection */
  gint64            accept_log_ms;   /* when accept() failed last said so */
  gboolean          accept_logged;
  guint             n_accept_errors; /* since the last log line */
  char             *view;          /* the shell says which is shown */
  KmContentUpdater *updater;
  KmVisitLog       *visit_log;
  GBytes           *token_digest;

  gint64            start_ms;
  gint64            interaction_ms;
};

G_DEFINE_FINAL_TYPE (KmStatusServer, km_status_server, G_TYPE_OBJECT)

enum {
  RESET_REQUESTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static GBytes *
digest (const char *text)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 buffer[32];
  gsize length = sizeof buffer;

  g_checksum_update (checksum, (const guchar *) text, strlen (text));
  g_checksum_get_digest (checksum, buffer, &length);

  return g_bytes_new (buffer, length);
}

static guint64
get_resident_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;

  return (guint64) resident * (guint64) sysconf (_SC_PAGESIZE);
}


static void
append_label_value (GString    *out,
                    const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

static gint64
get_content_version (KmStatusServer *self)
{
  return self->updater != NULL ? km_content_updater_get_shown_version (self->updater) : 0;
}

static const char *
get_update_state (KmStatusServer *self)
{
  KmUpdateState state = self->updater != NULL ? km_content_updater_get_state (self->updater)
                                              : KM_UPDATE_STATE_DISABLED;
  g_autoptr(GEnumClass) klass = g_type_class_ref (KM_TYPE_UPDATE_STATE);

  /* The nicks of a static enum type live as long as the program. */
  return g_enum_get_value (klass, state)->value_nick;
}

static char *
dup_content_url (KmStatusServer *self)
{
  g_autofree char *url = NULL;

  if (self->updater != NULL)
    g_object_get (self->updater, "url", &url, NULL);

  return url != NULL && *url != '\0' ? g_steal_pointer (&url) : NULL;
}

/* Updater text quotes server answers, manifest names and addresses. */
static void
add_outside_string (JsonBuilder *builder,
                    const char  *name,
                    const char  *text,
                    const char  *content_url)
{
  g_autofree char *plain = NULL;

  json_builder_set_member_name (builder, name);
  if (text == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  plain = km_outside_text_hide_credentials (text, content_url);
  json_builder_add_string_value (builder, plain);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *text)
{
  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/**
 * km_status_server_dup_status_json:
 *
 * Text from the updater is made plain, valid UTF-8 without credentials
 * (km_outside_text_hide_credentials()); json-glib escapes it.
 *
 * Returns: (transfer full): what GET /status answers
 */
char *
km_status_server_dup_status_json (KmStatusServer *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gint64 now = km_clock_get_time_ms (self->clock);
  g_autofree char *status_text = self->updater != NULL ? km_content_updater_dup_status_text (self->updater) : NULL;
  g_autofree char *content_url = dup_content_url (self);
  g_autofree char *shown_url = km_outside_text_redact_uri (content_url);
  g_autofree char *json = NULL;
  g_autofree char *visit_warning = self->visit_log != NULL ? km_visit_log_dup_warning (self->visit_log) : NULL;

  g_return_val_if_fail (KM_IS_STATUS_SERVER (self), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "application", APPLICATION_ID);
  add_string (builder, "version", PACKAGE_VERSION);
  add_int (builder, "content_version", get_content_version (self));
  add_int (builder, "uptime_seconds", (now - self->start_ms) / 1000);
  add_string (builder, "view", self->view);
  add_string (builder, "language", km_i18n_get_language ());
  add_int (builder, "seconds_since_interaction", (now - self->interaction_ms) / 1000);
  add_string (builder, "update_state", get_update_state (self));
  add_string (builder, "content_url", shown_url);
  add_outside_string (builder, "last_update_result",
                      self->updater != NULL ? km_content_updater_get_last_result (self->updater) : NULL,
                      content_url);
  add_outside_string (builder, "last_error",
                      self->updater != NULL ? km_content_updater_get_last_error (self->updater) : NULL,
                      content_url);
  add_outside_string (builder, "update_status", status_text, content_url);
  /* Signed packs: whether a signature is required, the key that signed
   * the active pack, why the last pack was refused. */
  json_builder_set_member_name (builder, "content_signed");
  json_builder_add_boolean_value (builder, self->updater != NULL &&
                                           km_content_updater_get_signing_required (self->updater));
  add_outside_string (builder, "content_key_id",
                      self->updater != NULL ? km_content_updater_get_key_id (self->updater) : NULL,
                      content_url);
  add_outside_string (builder, "last_refusal",
                      self->updater != NULL ? km_content_updater_get_last_refusal (self->updater) : NULL,
                      content_url);
  add_int (builder, "resident_memory_bytes", (gint64) get_resident_bytes ());
  /* Anonymous visit figures (kiosk only): on or off, and a file that was
   * set aside at start-up. */
  json_builder_set_member_name (builder, "visit_figures");
  json_builder_add_boolean_value (builder, self->visit_log != NULL && km_visit_log_get_enabled (self->visit_log));
  add_string (builder, "visit_figures_warning", visit_warning);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json = json_generator_to_data (generator, NULL);

  return g_strconcat (json, "\n", NULL);
}

static void
append_metric (GString    *out,
               const char *name,
               const char *help,
               const char *type,
               gint64      value)
{
  g_string_append_printf (out, "# HELP %s %s\n# TYPE %s %s\n%s %" G_GINT64_FORMAT "\n",
                          name, help, name, type, name, value);
}

/**
 * km_status_server_dup_metrics:
 *
 * Returns: (transfer full): what GET /metrics answers, in the Prometheus
 *   text format
 */
char *
km_status_server_dup_metrics (KmStatusServer *self)
{
  GString *out = g_string_new (NULL);
  gint64 now = km_clock_get_time_ms (self->clock);
  const char *result = self->updater != NULL ? km_content_updater_get_last_result (self->updater) : NULL;

  g_string_append (out, "# HELP km_info The running application; the value is always 1.\n"
                        "# TYPE km_info gauge\nkm_info{version=\"");
  append_label_value (out, PACKAGE_VERSION);
  g_string_append (out, "\",view=\"");
  append_label_value (out, self->view);
  g_string_append (out, "\",language=\"");
  append_label_value (out, km_i18n_get_language ());
  g_string_append (out, "\",update_state=\"");
  append_label_value (out, get_update_state (self));
  g_string_append (out, "\"} 1\n");

  append_metric (out, "km_uptime_seconds", "Seconds since the application started.", "gauge",
                 (now - self->start_ms) / 1000);
  append_metric (out, "km_content_version", "The content pack version shown; 0 is the bundled exhibition.",
                 "gauge", get_content_version (self));
  append_metric (out, "km_seconds_since_interaction", "Seconds since a visitor last touched the kiosk.",
                 "gauge", (now - self->interaction_ms) / 1000);
  append_metric (out, "km_content_update_failures", "Content update checks that failed in a row.", "gauge",
                 self->updater != NULL ? km_content_updater_get_n_failures (self->updater) : 0);
  append_metric (out, "km_content_update_ok", "1 when the last content update check succeeded.", "gauge",
                 result != NULL && !g_str_equal (result, "failed"));
  append_metric (out, "km_resident_memory_bytes", "Resident memory, from /proc/self/statm.", "gauge",
                 (gint64) get_resident_bytes ());
  km_visit_log_append_metrics (self->visit_log, out);

  return g_string_free (out, FALSE);
}

/**
 * km_status_server_check_token:
 * @authorization: (nullable): the Authorization header's value, as HTTP
 *   gives it (without surrounding whitespace)
 *
 * Accepts exactly `Bearer`, in any case (an auth-scheme is
 * case-insensitive, RFC 7235 §2.1), one or more spaces (`1*SP`, RFC 6750
 * §2.1) and the token, with nothing after it: a trailing space or tab is
 * not part of the token. Compares in constant time: both sides are hashed
 * first, so neither the length nor the first differing byte shows in the
 * timing.
 *
 * Returns: whether it carries the bearer token
 */
gboolean
km_status_server_check_token (KmStatusServer *self,
                              const char     *authorization)
{
  g_autoptr(GBytes) given = NULL;
  const char *token;
  const guint8 *a, *b;
  gsize length;
  guint8 diff = 0;

  g_return_val_if_fail (KM_IS_STATUS_SERVER (self), FALSE);

  if (self->token_digest == NULL || authorization == NULL ||
      g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return FALSE;

  for (token = authorization + 7; *token == ' '; token++)
    ;

  given = digest (token);
  a = g_bytes_get_data (given, &length);
  b = g_bytes_get_data (self->token_digest, NULL);
  for (gsize i = 0; i < length; i++)
    diff |= a[i] ^ b[i];

  return diff == 0;
}

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *content_type,
         char              *body)
{
  soup_server_message_set_status (message, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (message, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static gboolean
is_endpoint (const char *path,
             const char *method)
{
  if (g_str_equal (path, "/status") || g_str_equal (path, "/metrics"))
    return g_str_equal (method, SOUP_METHOD_GET);
  if (g_str_equal (path, "/reset"))
    return g_str_equal (method, SOUP_METHOD_POST);
  return FALSE;
}

/* What a request gets from its headers alone: 0 to go on and read its
 * (small) body, or the status it is refused with. */
static guint
check_headers (KmStatusServer    *self,
               SoupServerMessage *message,
               const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *method = soup_server_message_get_method (message);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);

  if (!km_status_server_check_token (self, soup_message_headers_get_one (headers, "Authorization")))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "WWW-Authenticate", "Bearer realm=\"khojaly-memorial\"");
      return SOUP_STATUS_UNAUTHORIZED;
    }

  /* A chunked body has no size to check before it is read. */
  if (encoding == SOUP_ENCODING_CHUNKED)
    return SOUP_STATUS_LENGTH_REQUIRED;
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > MAX_BODY_BYTES)
    return SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;

  if (!is_endpoint (path, method))
    {
      if (g_str_equal (path, "/status") || g_str_equal (path, "/metrics") || g_str_equal (path, "/reset"))
        return SOUP_STATUS_METHOD_NOT_ALLOWED;
      return SOUP_STATUS_NOT_FOUND;
    }

  return 0;
}

static void on_connection_gone (gpointer  user_data,
                                GObject  *where_the_object_was);

static void
connection_free (Connection *connection)
{
  /* First, so that letting go of the stream below does not call back. */
  if (connection->connection != NULL)
    g_object_weak_unref (G_OBJECT (connection->connection), on_connection_gone, connection);
  if (connection->timeout_id != 0)
    km_clock_remove (connection->self->clock, connection->timeout_id);
  g_cancellable_cancel (connection->cancellable);
  g_clear_object (&connection->cancellable);
  if (connection->stolen != NULL)
    g_io_stream_close (connection->stolen, NULL, NULL);
  g_clear_object (&connection->stolen);
  g_clear_object (&connection->remote);
  g_free (connection->answer);
  g_free (connection);
}

static void close_stolen (Connection *connection);

static void
on_drained_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Connection *connection = user_data;
  g_autoptr(GError) error = NULL;
  gssize n_read = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  connection->drained += MAX (n_read, 0);
  if (n_read <= 0 || connection->drained > MAX_DRAIN_BYTES)
    {
      close_stolen (connection);
      return;
    }

  g_input_stream_read_async (g_io_stream_get_input_stream (connection->stolen),
                             connection->buffer, sizeof connection->buffer, G_PRIORITY_DEFAULT,
                             connection->cancellable, on_drained_cb, connection);
}

static void
on_refusal_written_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Connection *connection = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        close_stolen (connection);
      return;
    }

  /* The answer is out; the unread body would turn the close into a reset
   * that can overtake it, so read a little of it first. */
  g_socket_shutdown (g_socket_connection_get_socket (connection->connection), FALSE, TRUE, NULL);
  g_input_stream_read_async (g_io_stream_get_input_stream (connection->stolen),
                             connection->buffer, sizeof connection->buffer, G_PRIORITY_DEFAULT,
                             connection->cancellable, on_drained_cb, connection);
}

/* Refuses a request from its headers while its body is still unread:
 * libsoup would read the whole body before answering, so the connection
 * is taken from it and the answer written here. */
static void
refuse_before_body (KmStatusServer    *self,
                    SoupServerMessage *message,
                    guint              status)
{
  Connection *connection = g_hash_table_lookup (self->connections,
                                                soup_server_message_get_remote_address (message));
  const char *authenticate = soup_message_headers_get_one (soup_server_message_get_response_headers (message),
                                                           "WWW-Authenticate");
  GString *answer = g_string_new (NULL);

  /* Every line is ours: a status from libsoup's table and constant headers. */
  g_string_append_printf (answer, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  if (authenticate != NULL)
    g_string_append_printf (answer, "WWW-Authenticate: %s\r\n", authenticate);
  g_string_append (answer, "Content-Length: 0\r\nConnection: close\r\n\r\n");

  g_assert (connection != NULL && connection->stolen == NULL);
  connection->stolen = soup_server_message_steal_connection (message);
  connection->answer = g_string_free (answer, FALSE);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (connection->stolen),
                                   connection->answer, strlen (connection->answer), G_PRIORITY_DEFAULT,
                                   connection->cancellable, on_refusal_written_cb, connection);
}

/* Runs after libsoup's own checks of the headers (it may have set 400
 * already) and before any of the body is read. */
static void
on_got_headers_cb (SoupServerMessage *message,
                   KmStatusServer    *self)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  guint status = soup_server_message_get_status (message);
  GUri *uri = soup_server_message_get_uri (message);
  gboolean has_body = encoding == SOUP_ENCODING_CHUNKED ||
                      (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
                       soup_message_headers_get_content_length (headers) > 0);

  if (status == 0)
    status = check_headers (self, message, uri != NULL ? g_uri_get_path (uri) : "");
  if (status == 0)
    return;

  /* With "Expect: 100-continue" libsoup answers without reading the body. */
  if (has_body && !(soup_message_headers_get_expectations (headers) & SOUP_EXPECTATION_CONTINUE))
    refuse_before_body (self, message, status);
  else
    respond (message, status, NULL, NULL);
}

/* Runs once the body (at most MAX_BODY_BYTES) is in, for requests
 * on_got_headers_cb() let through. */
static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  KmStatusServer *self = user_data;

  if (g_str_equal (path, "/status"))
    respond (message, SOUP_STATUS_OK, "application/json", km_status_server_dup_status_json (self));
  else if (g_str_equal (path, "/metrics"))
    respond (message, SOUP_STATUS_OK, "text/plain; version=0.0.4; charset=utf-8",
             km_status_server_dup_metrics (self));
  else if (g_str_equal (path, "/reset"))
    {
      g_signal_emit (self, signals [RESET_REQUESTED], 0);
      respond (message, SOUP_STATUS_OK, "application/json", g_strdup ("{\"reset\":true}\n"));
    }
  else
    g_assert_not_reached ();
}

static void
on_request_started_cb (SoupServer        *server,
                       SoupServerMessage *message,
                       KmStatusServer    *self)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Connection", "close");
  g_signal_connect (message, "got-headers", G_CALLBACK (on_got_headers_cb), self);
}

static void start_accepting (KmStatusServer *self);

static void
close_stolen (Connection *connection)
{
  if (connection->stolen == NULL)
    return;

  /* Closing the stream frees the connection through its weak reference. */
  g_cancellable_cancel (connection->cancellable);
  g_io_stream_close (connection->stolen, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection->connection), NULL, NULL);
  g_clear_object (&connection->stolen);
}

static gboolean
on_connection_timeout_cb (gpointer user_data)
{
  Connection *connection = user_data;

  connection->timeout_id = 0;
  if (connection->stolen != NULL)
    close_stolen (connection);
  else
    /* libsoup reads the end of the stream and lets the connection go. */
    g_socket_shutdown (g_socket_connection_get_socket (connection->connection), TRUE, TRUE, NULL);

  return G_SOURCE_REMOVE;
}

static void
on_connection_gone (gpointer  user_data,
                    GObject  *where_the_object_was)
{
  Connection *connection = user_data;
  KmStatusServer *self = connection->self;

  connection->connection = NULL;
  g_hash_table_remove (self->connections, connection->remote);

  /* A descriptor is free again. */
  if (self->listen_socket != NULL && self->accept_source == NULL)
    start_accepting (self);
}

static void
add_connection (KmStatusServer *self,
                GSocket        *socket)
{
  g_autoptr(GSocketConnection) stream = g_socket_connection_factory_create_connection (socket);
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  Connection *connection;

  /* The client is already gone. */
  if (local == NULL || remote == NULL)
    return;

  connection = g_new0 (Connection, 1);
  connection->self = self;
  connection->connection = stream;
  connection->remote = g_object_ref (remote);
  connection->cancellable = g_cancellable_new ();
  connection->timeout_id = km_clock_add_timeout (self->clock, CONNECTION_TIMEOUT_MS,
                                                 on_connection_timeout_cb, connection, NULL);
  g_object_weak_ref (G_OBJECT (stream), on_connection_gone, connection);
  g_hash_table_insert (self->connections, remote, connection);

  soup_server_accept_iostream (self->server, G_IO_STREAM (stream), local, remote, NULL);
}

static void
note_accept_error (KmStatusServer *self,
                   const GError   *error)
{
  gint64 now = km_clock_get_time_ms (self->clock);

  self->n_accept_errors++;
  if (self->accept_logged && now - self->accept_log_ms < ACCEPT_LOG_INTERVAL_MS)
    return;

  g_warning ("The status endpoint cannot accept a connection: %s (%u time(s) since the last report); "
             "trying again", error->message, self->n_accept_errors);
  self->accept_log_ms = now;
  self->accept_logged = TRUE;
  self->n_accept_errors = 0;
}

static void
stop_accepting (KmStatusServer *self)
{
  if (self->accept_source != NULL)
    g_source_destroy (self->accept_source);
  g_clear_pointer (&self->accept_source, g_source_unref);
  if (self->accept_retry_id != 0)
    km_clock_remove (self->clock, self->accept_retry_id);
  self->accept_retry_id = 0;
}

static gboolean
on_accept_retry_cb (gpointer user_data)
{
  KmStatusServer *self = user_data;

  self->accept_retry_id = 0;
  start_accepting (self);

  return G_SOURCE_REMOVE;
}

static gboolean
on_listen_socket_ready_cb (GSocket      *socket,
                           GIOCondition  condition,
                           gpointer      user_data)
{
  KmStatusServer *self = user_data;

  while (g_hash_table_size (self->connections) < MAX_CONNECTIONS)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = g_socket_accept (socket, NULL, &error);

      if (client != NULL)
        {
          add_connection (self, client);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;

      /* The socket stays readable: wait rather than spin. */
      note_accept_error (self, error);
      stop_accepting (self);
      self->accept_retry_id = km_clock_add_timeout (self->clock, ACCEPT_RETRY_MS, on_accept_retry_cb, self, NULL);
      return G_SOURCE_REMOVE;
    }

  /* Full: on_connection_gone() starts again. */
  stop_accepting (self);
  return G_SOURCE_REMOVE;
}

static void
start_accepting (KmStatusServer *self)
{
  stop_accepting (self);
  self->accept_source = g_socket_create_source (self->listen_socket, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (on_listen_socket_ready_cb), self, NULL);
  g_source_attach (self->accept_source, NULL);
}

static void
km_status_server_dispose (GObject *object)
{
  KmStatusServer *self = KM_STATUS_SERVER (object);

  km_status_server_stop (self);
  g_clear_object (&self->updater);
  g_clear_object (&self->visit_log);

  G_OBJECT_CLASS (km_status_server_parent_class)->dispose (object);
}

static void
km_status_server_finalize (GObject *object)
{
  KmStatusServer *self = KM_STATUS_SERVER (object);

  g_clear_object (&self->clock);
  g_clear_pointer (&self->token_digest, g_bytes_unref);
  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_pointer (&self->view, g_free);

  G_OBJECT_CLASS (km_status_server_parent_class)->finalize (object);
}

static void
km_status_server_class_init (KmStatusServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = km_status_server_dispose;
  object_class->finalize = km_status_server_finalize;

  /**
   * KmStatusServer::reset-requested:
   *
   * POST /reset arrived with the token: the kiosk returns to its attract
   * screen.
   */
  signals [RESET_REQUESTED] =
    g_signal_new ("reset-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
km_status_server_init (KmStatusServer *self)
{
  self->connections = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) connection_free);
}

/**
 * km_status_server_new:
 * @clock: (nullable): the clock for uptime and idle time
 *
 * Returns: (transfer full): a status endpoint that does not listen yet
 */
KmStatusServer *
km_status_server_new (KmClock *clock)
{
  KmStatusServer *self = g_object_new (KM_TYPE_STATUS_SERVER, NULL);

  self->clock = g_object_ref (clock != NULL ? clock : km_clock_get_default ());
  self->start_ms = km_clock_get_time_ms (self->clock);
  self->interaction_ms = self->start_ms;

  return self;
}

/**
 * km_status_server_start:
 * @address: an IP address, such as 127.0.0.1
 * @port: a TCP port; 0 picks a free one (see km_status_server_get_port())
 * @token: the bearer token every request must carry; not empty
 *
 * Returns: whether it listens
 */
gboolean
km_status_server_start (KmStatusServer  *self,
                        const char      *address,
                        guint16          port,
                        const char      *token,
                        GError         **error)
{
  g_autoptr(GSocketAddress) socket_address = NULL;

  g_return_val_if_fail (KM_IS_STATUS_SERVER (self), FALSE);

  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "the status endpoint needs a token (status-server-token)");
      return FALSE;
    }

  if (!(socket_address = g_inet_socket_address_new_from_string (address, port)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", address);
      return FALSE;
    }

  km_status_server_stop (self);
  g_clear_pointer (&self->token_digest, g_bytes_unref);
  self->token_digest = digest (token);

  self->listen_socket = g_socket_new (g_socket_address_get_family (socket_address), G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, error);
  if (self->listen_socket == NULL)
    return FALSE;
  g_socket_set_blocking (self->listen_socket, FALSE);
  g_socket_set_listen_backlog (self->listen_socket, LISTEN_BACKLOG);
  if (!g_socket_bind (self->listen_socket, socket_address, TRUE, error) ||
      !g_socket_listen (self->listen_socket, error))
    {
      g_clear_object (&self->listen_socket);
      return FALSE;
    }

  self->server = soup_server_new ("server-header", "khojaly-memorial ", NULL);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (on_request_started_cb), self);
  start_accepting (self);

  return TRUE;
}

void
km_status_server_stop (KmStatusServer *self)
{
  g_return_if_fail (KM_IS_STATUS_SERVER (self));

  stop_accepting (self);
  if (self->listen_socket != NULL)
    g_socket_close (self->listen_socket, NULL);
  g_clear_object (&self->listen_socket);

  /* Before libsoup lets go of them, so that no weak reference fires. */
  g_hash_table_remove_all (self->connections);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
}

guint16
km_status_server_get_port (KmStatusServer *self)
{
  g_autoptr(GSocketAddress) address = NULL;

  g_return_val_if_fail (KM_IS_STATUS_SERVER (self), 0);

  if (self->listen_socket == NULL ||
      !(address = g_socket_get_local_address (self->listen_socket, NULL)))
    return 0;

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

/**
 * km_status_server_get_n_connections:
 *
 * Returns: how many connections are open; at most 64, more wait in the
 *   listen backlog
 */
guint
km_status_server_get_n_connections (KmStatusServer *self)
{
  g_return_val_if_fail (KM_IS_STATUS_SERVER (self), 0);

  return g_hash_table_size (self->connections);
}

/* The shell says which view is visible; the endpoint never looks at
 * windows (issue #18).
 */
void
km_status_server_set_view (KmStatusServer *self,
                           const char     *view)
{
  g_return_if_fail (KM_IS_STATUS_SERVER (self));

  if (g_strcmp0 (self->view, view) == 0)
    return;

  g_free (self->view);
  self->view = g_strdup (view);
}
void
km_status_server_set_updater (KmStatusServer   *self,
                              KmContentUpdater *updater)
{
  g_return_if_fail (KM_IS_STATUS_SERVER (self));

  g_set_object (&self->updater, updater);
}

/* Its counters go into /metrics, its warning into /status. */
void
km_status_server_set_visit_log (KmStatusServer *self,
                                KmVisitLog     *visit_log)
{
  g_return_if_fail (KM_IS_STATUS_SERVER (self));
  g_return_if_fail (visit_log == NULL || KM_IS_VISIT_LOG (visit_log));

  g_set_object (&self->visit_log, visit_log);
}

/**
 * km_status_server_note_interaction:
 *
 * The kiosk calls this on every visitor input, for seconds_since_interaction.
 */
void
km_status_server_note_interaction (KmStatusServer *self)
{
  g_return_if_fail (KM_IS_STATUS_SERVER (self));

  self->interaction_ms = km_clock_get_time_ms (self->clock);
}
