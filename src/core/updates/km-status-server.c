/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-status-server"

#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "km-i18n.h"
#include "km-status-server.h"

struct _KmStatusServer
{
  GObject           parent_instance;

  KmClock          *clock;
  SoupServer       *server;
  char             *view;
  KmContentUpdater *updater;
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
append_json_string (GString    *out,
                    const char *text)
{
  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
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

/**
 * km_status_server_dup_status_json:
 *
 * Returns: (transfer full): what GET /status answers
 */
char *
km_status_server_dup_status_json (KmStatusServer *self)
{
  GString *out = g_string_new ("{");
  gint64 now = km_clock_get_time_ms (self->clock);
  g_autofree char *status_text = self->updater != NULL ? km_content_updater_dup_status_text (self->updater) : NULL;

  g_string_append (out, "\"application\":");
  append_json_string (out, APPLICATION_ID);
  g_string_append (out, ",\"version\":");
  append_json_string (out, PACKAGE_VERSION);
  g_string_append_printf (out, ",\"content_version\":%" G_GINT64_FORMAT, get_content_version (self));
  g_string_append_printf (out, ",\"uptime_seconds\":%" G_GINT64_FORMAT, (now - self->start_ms) / 1000);
  g_string_append (out, ",\"view\":");
  append_json_string (out, self->view);
  g_string_append (out, ",\"language\":");
  append_json_string (out, km_i18n_get_language ());
  g_string_append_printf (out, ",\"seconds_since_interaction\":%" G_GINT64_FORMAT,
                          (now - self->interaction_ms) / 1000);
  g_string_append (out, ",\"update_state\":");
  append_json_string (out, get_update_state (self));
  g_string_append (out, ",\"last_update_result\":");
  append_json_string (out, self->updater != NULL ? km_content_updater_get_last_result (self->updater) : NULL);
  g_string_append (out, ",\"last_error\":");
  append_json_string (out, self->updater != NULL ? km_content_updater_get_last_error (self->updater) : NULL);
  g_string_append (out, ",\"update_status\":");
  append_json_string (out, status_text);
  g_string_append_printf (out, ",\"resident_memory_bytes\":%" G_GUINT64_FORMAT, get_resident_bytes ());
  g_string_append (out, "}\n");

  return g_string_free (out, FALSE);
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

  return g_string_free (out, FALSE);
}

/**
 * km_status_server_check_token:
 * @authorization: (nullable): the Authorization header
 *
 * Compares in constant time: both sides are hashed first, so neither the
 * length nor the first differing byte shows in the timing.
 *
 * Returns: whether it carries the bearer token
 */
gboolean
km_status_server_check_token (KmStatusServer *self,
                              const char     *authorization)
{
  g_autoptr(GBytes) given = NULL;
  const guint8 *a, *b;
  gsize length;
  guint8 diff = 0;

  g_return_val_if_fail (KM_IS_STATUS_SERVER (self), FALSE);

  if (self->token_digest == NULL || authorization == NULL ||
      g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return FALSE;

  given = digest (authorization + 7);
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

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  KmStatusServer *self = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (message);
  const char *method = soup_server_message_get_method (message);

  if (!km_status_server_check_token (self, soup_message_headers_get_one (request_headers, "Authorization")))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "WWW-Authenticate", "Bearer realm=\"khojaly-memorial\"");
      respond (message, SOUP_STATUS_UNAUTHORIZED, NULL, NULL);
      return;
    }

  if (g_str_equal (path, "/status") && g_str_equal (method, SOUP_METHOD_GET))
    respond (message, SOUP_STATUS_OK, "application/json", km_status_server_dup_status_json (self));
  else if (g_str_equal (path, "/metrics") && g_str_equal (method, SOUP_METHOD_GET))
    respond (message, SOUP_STATUS_OK, "text/plain; version=0.0.4; charset=utf-8",
             km_status_server_dup_metrics (self));
  else if (g_str_equal (path, "/reset") && g_str_equal (method, SOUP_METHOD_POST))
    {
      g_signal_emit (self, signals [RESET_REQUESTED], 0);
      respond (message, SOUP_STATUS_OK, "application/json", g_strdup ("{\"reset\":true}\n"));
    }
  else if (g_str_equal (path, "/status") || g_str_equal (path, "/metrics") || g_str_equal (path, "/reset"))
    respond (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL, NULL);
  else
    respond (message, SOUP_STATUS_NOT_FOUND, NULL, NULL);
}

static void
km_status_server_dispose (GObject *object)
{
  KmStatusServer *self = KM_STATUS_SERVER (object);

  km_status_server_stop (self);
  g_clear_object (&self->updater);

  G_OBJECT_CLASS (km_status_server_parent_class)->dispose (object);
}

static void
km_status_server_finalize (GObject *object)
{
  KmStatusServer *self = KM_STATUS_SERVER (object);

  g_clear_object (&self->clock);
  g_clear_pointer (&self->token_digest, g_bytes_unref);
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
  self->server = soup_server_new ("server-header", "khojaly-memorial ", NULL);
  soup_server_add_handler (self->server, NULL, on_request_cb, self, NULL);

  if (!soup_server_listen (self->server, socket_address, 0, error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }

  return TRUE;
}

void
km_status_server_stop (KmStatusServer *self)
{
  g_return_if_fail (KM_IS_STATUS_SERVER (self));

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
}

guint16
km_status_server_get_port (KmStatusServer *self)
{
  GSList *uris;
  guint16 port = 0;

  g_return_val_if_fail (KM_IS_STATUS_SERVER (self), 0);

  if (self->server == NULL)
    return 0;

  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return port;
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
