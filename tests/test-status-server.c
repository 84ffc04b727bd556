/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "km-content-updater.h"
#include "km-fake-clock.h"
#include "km-kiosk-staff-menu.h"
#include "km-outside-text.h"
#include "km-preferences-window.h"
#include "km-status-server.h"
#include "km-test-utils.h"
#include "km-window.h"

#define TOKEN "s3cret-token"

typedef struct
{
  KmClock        *clock;
  KmStatusServer *server;
  SoupSession    *session;
  guint16         port;
  guint           n_resets;
} Fixture;

typedef struct
{
  guint   status;
  char   *body;
  char   *content_type;
  gboolean done;
} Response;

static void
response_clear (Response *response)
{
  g_free (response->body);
  g_free (response->content_type);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Response, response_clear)

static void
on_reset_requested_cb (KmStatusServer *server,
                       Fixture        *fx)
{
  fx->n_resets++;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->clock = km_fake_clock_new ();
  fx->server = km_status_server_new (fx->clock);
  g_signal_connect (fx->server, "reset-requested", G_CALLBACK (on_reset_requested_cb), fx);
  g_assert_true (km_status_server_start (fx->server, "127.0.0.1", 0, TOKEN, &error));
  g_assert_no_error (error);
  fx->port = km_status_server_get_port (fx->server);
  g_assert_cmpuint (fx->port, >, 0);
  fx->session = soup_session_new_with_options ("timeout", 5, NULL);
  /* No libproxy: under AddressSanitizer it takes seconds to start. */
  soup_session_set_proxy_resolver (fx->session, NULL);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->session);
  g_assert_finalize_object (fx->server);
  g_clear_object (&fx->clock);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Response *response = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  g_assert_no_error (error);
  response->status = soup_message_get_status (message);
  response->body = g_strndup (g_bytes_get_size (bytes) > 0 ? g_bytes_get_data (bytes, NULL) : "", g_bytes_get_size (bytes));
  response->content_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL));
  response->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Response *) data)->done;
}

static void
request (Fixture    *fx,
         const char *method,
         const char *path,
         const char *authorization,
         Response   *response)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u%s", fx->port, path);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", authorization);
  soup_session_send_and_read_async (fx->session, message, G_PRIORITY_DEFAULT, NULL, on_sent_cb, response);
  g_assert_true (km_test_wait_until (is_done, response, 20000));
}

static gint64
json_number (const char *json,
             const char *key)
{
  g_autofree char *pattern = g_strdup_printf ("\"%s\":(-?[0-9]+)[,}]", key);
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  if (!g_regex_match (regex, json, 0, &match))
    g_error ("no number “%s” in %s", key, json);
  number = g_match_info_fetch (match, 1);

  return g_ascii_strtoll (number, NULL, 10);
}

static void
test_token (Fixture       *fx,
            gconstpointer  data)
{
  static const char * const right[] = {
    "Bearer " TOKEN, "bearer " TOKEN, "BEARER " TOKEN, "Bearer   " TOKEN,
  };
  static const char * const wrong[] = {
    NULL, "", "Bearer", "Bearer ", "Bearer s3cret-toke", "Bearer s3cret-token2", "Basic " TOKEN, TOKEN,
    "Bearer " TOKEN " ", "Bearer " TOKEN "\t", "Bearer\t" TOKEN, "Bearer" TOKEN, " Bearer " TOKEN,
    "Bearer " TOKEN ",", "Bearer " TOKEN "\r\n",
  };
  g_autoptr(KmStatusServer) unstarted = km_status_server_new (fx->clock);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (right); i++)
    g_assert_true (km_status_server_check_token (fx->server, right[i]));
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_test_message ("wrong: %s", wrong[i]);
      g_assert_false (km_status_server_check_token (fx->server, wrong[i]));
    }

  /* No token, no endpoint. */
  g_assert_false (km_status_server_start (unstarted, "127.0.0.1", 0, "", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (km_status_server_start (unstarted, "not-an-address", 0, TOKEN, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (km_status_server_get_port (unstarted), ==, 0);
}

static void
test_unauthorized (Fixture       *fx,
                   gconstpointer  data)
{
  static const char * const paths[] = { "/status", "/metrics", "/reset", "/anything" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      const char *method = g_str_equal (paths[i], "/reset") ? "POST" : "GET";
      g_auto(Response) none = { 0 };
      g_auto(Response) wrong = { 0 };

      request (fx, method, paths[i], NULL, &none);
      g_assert_cmpuint (none.status, ==, 401);
      g_assert_cmpstr (none.body, ==, "");
      request (fx, method, paths[i], "Bearer nope", &wrong);
      g_assert_cmpuint (wrong.status, ==, 401);
      g_assert_cmpstr (wrong.body, ==, "");
    }

  g_assert_cmpuint (fx->n_resets, ==, 0);
}

static void
test_status (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(KmContentUpdater) updater = NULL;
  g_autoptr(GFile) base = g_file_new_for_path ("/nonexistent/km-status-test");
  g_auto(Response) response = { 0 };
  g_auto(Response) later = { 0 };

  updater = km_content_updater_new (fx->clock, base);
  km_content_updater_start (updater);
  km_status_server_set_updater (fx->server, updater);
  km_fake_clock_advance (KM_FAKE_CLOCK (fx->clock), 5000);

  request (fx, "GET", "/status", "Bearer " TOKEN, &response);
  g_assert_cmpuint (response.status, ==, 200);
  g_assert_cmpstr (response.content_type, ==, "application/json");
  g_assert_true (g_str_has_prefix (response.body, "{\"application\":\"" APPLICATION_ID "\""));
  g_assert_true (g_str_has_suffix (response.body, "}\n"));
  g_assert_nonnull (strstr (response.body, "\"version\":\"" PACKAGE_VERSION "\""));
  g_assert_cmpint (json_number (response.body, "content_version"), ==, 0);
  g_assert_cmpint (json_number (response.body, "uptime_seconds"), ==, 5);
  g_assert_cmpint (json_number (response.body, "seconds_since_interaction"), ==, 5);
  g_assert_cmpint (json_number (response.body, "resident_memory_bytes"), >, 1024 * 1024);
  g_assert_nonnull (strstr (response.body, "\"view\":null"));
  g_assert_nonnull (strstr (response.body, "\"language\":\""));
  g_assert_nonnull (strstr (response.body, "\"update_state\":\"disabled\""));
  g_assert_nonnull (strstr (response.body, "\"last_update_result\":null"));
  g_assert_nonnull (strstr (response.body, "\"last_error\":null"));
  g_assert_nonnull (strstr (response.body,
                            "\"update_status\":\"No content pack address is set. Showing the bundled exhibition.\""));

  /* The kiosk reports input; the idle time starts again. */
  km_status_server_note_interaction (fx->server);
  km_fake_clock_advance (KM_FAKE_CLOCK (fx->clock), 3000);
  request (fx, "GET", "/status", "Bearer " TOKEN, &later);
  g_assert_cmpint (json_number (later.body, "uptime_seconds"), ==, 8);
  g_assert_cmpint (json_number (later.body, "seconds_since_interaction"), ==, 3);
  km_content_updater_stop (updater);
}

static void
test_metrics (Fixture       *fx,
              gconstpointer  data)
{
  g_auto(Response) response = { 0 };
  g_autoptr(GRegex) sample = g_regex_new ("^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\\\]|\\\\.)*\",?)*\\})? -?[0-9]+$",
                                          0, 0, NULL);
  g_autoptr(GRegex) comment = g_regex_new ("^# (HELP [a-z_]+ .+|TYPE [a-z_]+ (gauge|counter|histogram))$", 0, 0, NULL);
  g_autoptr(GRegex) bucket = g_regex_new ("^km_visit_duration_seconds_bucket\\{le=\"(30|60|120|300|600|1200|\\+Inf)\"\\} [0-9]+$", 0, 0, NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *dir = g_dir_make_tmp ("km-status-visits-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "visits.ini", NULL);
  g_autoptr(KmVisitLog) visit_log = km_visit_log_new (fx->clock, path, 0);
  guint n_samples = 0;

  /* A visit of 40 s with the gallery view (anonymous visit figures, #23). */
  km_status_server_set_visit_log (fx->server, visit_log);
  km_visit_log_begin_visit (visit_log);
  g_assert_true (km_visit_log_note_open (visit_log, KM_VISIT_OPEN_VIEW, "gallery"));
  km_fake_clock_advance (KM_FAKE_CLOCK (fx->clock), 40000);
  km_visit_log_note_activity (visit_log);
  km_visit_log_end_visit (visit_log, "id");
  g_unlink (path);
  g_rmdir (dir);

  km_fake_clock_advance (KM_FAKE_CLOCK (fx->clock), 7000);
  request (fx, "GET", "/metrics", "Bearer " TOKEN, &response);
  g_assert_cmpuint (response.status, ==, 200);
  g_assert_true (g_str_has_prefix (response.content_type, "text/plain"));
  g_assert_true (g_str_has_suffix (response.body, "\n"));

  lines = g_strsplit (response.body, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      if (lines[i][0] == '#')
        g_assert_true (g_regex_match (comment, lines[i], 0, NULL));
      else if (!g_regex_match (sample, lines[i], 0, NULL) && !g_regex_match (bucket, lines[i], 0, NULL))
        g_error ("not a Prometheus sample: %s", lines[i]);
      else
        n_samples++;
    }
  /* 7 of the application, 1 + 7 + 2 of visits and their length, 3 languages,
   * 3 views, the open time. */
  g_assert_cmpuint (n_samples, ==, 7 + 10 + 3 + 3 + 1);
  g_assert_nonnull (strstr (response.body, "\nkm_uptime_seconds 47\n"));
  g_assert_nonnull (strstr (response.body, "\nkm_visits_total 1\n"));
  g_assert_nonnull (strstr (response.body, "\nkm_visit_duration_seconds_bucket{le=\"30\"} 0\n"
                                           "km_visit_duration_seconds_bucket{le=\"60\"} 1\n"));
  g_assert_nonnull (strstr (response.body, "\nkm_visit_duration_seconds_sum 40\n"));
  g_assert_nonnull (strstr (response.body, "\nkm_language_chosen_total{language=\"id\"} 1\n"));
  g_assert_nonnull (strstr (response.body, "\nkm_language_chosen_total{language=\"en\"} 0\n"));
  g_assert_nonnull (strstr (response.body, "\nkm_view_opened_total{view=\"gallery\"} 1\n"));
  g_assert_nonnull (strstr (response.body, "\nkm_content_version 0\n"));
  g_assert_nonnull (strstr (response.body, "km_info{version=\"" PACKAGE_VERSION "\","));
  g_assert_nonnull (strstr (response.body, "# TYPE km_resident_memory_bytes gauge\n"));
}

static void
test_reset (Fixture       *fx,
            gconstpointer  data)
{
  g_auto(Response) response = { 0 };
  g_auto(Response) get = { 0 };
  g_auto(Response) unknown = { 0 };

  request (fx, "POST", "/reset", "Bearer " TOKEN, &response);
  g_assert_cmpuint (response.status, ==, 200);
  g_assert_cmpstr (response.body, ==, "{\"reset\":true}\n");
  g_assert_cmpuint (fx->n_resets, ==, 1);

  request (fx, "GET", "/reset", "Bearer " TOKEN, &get);
  g_assert_cmpuint (get.status, ==, 405);
  request (fx, "GET", "/nothing", "Bearer " TOKEN, &unknown);
  g_assert_cmpuint (unknown.status, ==, 404);
  g_assert_cmpuint (fx->n_resets, ==, 1);
}

static void
test_view (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window = km_test_window_new (app);
  g_auto(Response) before = { 0 };
  g_auto(Response) response = { 0 };
  g_auto(Response) after = { 0 };

  /* The window tells the endpoint the visible view; the endpoint never
   * looks at windows. */
  request (fx, "GET", "/status", "Bearer " TOKEN, &before);
  g_assert_nonnull (strstr (before.body, "\"view\":null"));

  km_context_set_status_server (km_application_get_context (app), fx->server);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
  km_window_show_view (window, "timeline");

  request (fx, "GET", "/status", "Bearer " TOKEN, &response);
  g_assert_nonnull (strstr (response.body, "\"view\":\"timeline\""));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "statistics"));
  request (fx, "GET", "/status", "Bearer " TOKEN, &after);
  g_assert_nonnull (strstr (after.body, "\"view\":\"statistics\""));

  gtk_window_destroy (GTK_WINDOW (window));
  km_context_set_status_server (km_application_get_context (app), NULL);
}


/* Raw clients: what a hostile or broken client sends, byte for byte. */

static GSocket *
connect_raw (Fixture  *fx,
             GError  **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, fx->port);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return NULL;
  g_socket_set_timeout (socket, 10);
  if (!g_socket_connect (socket, address, NULL, error))
    return NULL;

  return g_steal_pointer (&socket);
}

static void
send_text (GSocket    *socket,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  gsize length = strlen (text);
  gsize sent = 0;

  while (sent < length)
    {
      gssize n = g_socket_send (socket, text + sent, length - sent, NULL, &error);

      g_assert_no_error (error);
      sent += n;
    }
}

/* Everything the server sends until it closes, running the main loop. */
static char *
read_until_closed (GSocket *socket,
                   guint    timeout_ms)
{
  GString *text = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + timeout_ms * 1000;

  g_socket_set_blocking (socket, FALSE);
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      char buffer[4096];
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      if (n > 0)
        g_string_append_len (text, buffer, n);
      else if (n == 0 || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        break;
      else if (g_get_monotonic_time () > deadline)
        g_error ("the server did not close the connection; it sent “%s”", text->str);
      else if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return g_string_free (text, FALSE);
}

static gboolean
has_n_connections (gpointer data)
{
  Fixture *fx = data;

  return km_status_server_get_n_connections (fx->server) == fx->n_resets;
}

/* fx->n_resets doubles as the wanted count: no reset happens in these. */
static void
wait_for_n_connections (Fixture *fx,
                        guint    n)
{
  guint saved = fx->n_resets;

  fx->n_resets = n;
  if (!km_test_wait_until (has_n_connections, fx, 10000))
    g_error ("%u connections, not %u", km_status_server_get_n_connections (fx->server), n);
  fx->n_resets = saved;
}

static void
test_idle_timeout (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) partial = NULL;
  g_autofree char *answer = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_ptr_array_add (clients, connect_raw (fx, &error));
      g_assert_no_error (error);
    }
  /* Half a request line, never finished. */
  partial = connect_raw (fx, &error);
  g_assert_no_error (error);
  send_text (partial, "GET /status HTTP/1.1\r\nAuthorization: Bearer " TOKEN "\r\n");
  wait_for_n_connections (fx, 4);

  km_fake_clock_advance (KM_FAKE_CLOCK (fx->clock), 4900);
  km_test_iterate (50);
  g_assert_cmpuint (km_status_server_get_n_connections (fx->server), ==, 4);

  km_fake_clock_advance (KM_FAKE_CLOCK (fx->clock), 100);
  for (guint i = 0; i < clients->len; i++)
    {
      g_autofree char *nothing = read_until_closed (g_ptr_array_index (clients, i), 5000);

      /* Closed without an answer, or with libsoup's error for a cut request. */
      g_assert_true (*nothing == '\0' || g_str_has_prefix (nothing, "HTTP/1.1 "));
    }
  answer = read_until_closed (partial, 5000);
  g_assert_false (g_str_has_prefix (answer, "HTTP/1.1 200"));
  wait_for_n_connections (fx, 0);
}

static void
test_connection_cap (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_auto(Response) response = { 0 };
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/status", fx->port);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);

  /* 70 idle clients: 64 get a connection, 6 wait in the backlog. */
  for (guint i = 0; i < 70; i++)
    {
      g_ptr_array_add (clients, connect_raw (fx, &error));
      g_assert_no_error (error);
    }
  wait_for_n_connections (fx, 64);

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization", "Bearer " TOKEN);
  soup_session_send_and_read_async (fx->session, message, G_PRIORITY_DEFAULT, NULL, on_sent_cb, &response);
  km_test_iterate (300);
  g_assert_false (response.done);
  g_assert_cmpuint (km_status_server_get_n_connections (fx->server), ==, 64);

  /* The idle ones time out; the waiting request gets its turn. */
  km_fake_clock_advance (KM_FAKE_CLOCK (fx->clock), 5000);
  g_assert_true (km_test_wait_until (is_done, &response, 5000));
  g_assert_cmpuint (response.status, ==, 200);
  g_assert_true (g_str_has_prefix (response.body, "{\"application\":"));

  g_ptr_array_set_size (clients, 0);
  km_fake_clock_advance (KM_FAKE_CLOCK (fx->clock), 5000);
  wait_for_n_connections (fx, 0);
}

static guint
count_open_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* Issue #16: 1,025 idle connections under the fd limit a systemd user
 * service gets left /status dead for good, with nothing logged. */
static void
test_fd_exhaustion (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Response) response = { 0 };
  struct rlimit saved, low;
  guint n_clients;

  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  low = saved;
  low.rlim_cur = count_open_fds () + 40;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &low), ==, 0);

  /* Connect until no descriptor is left, the server not accepting yet. */
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      GSocket *client = connect_raw (fx, &error);

      if (client == NULL)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES);
          break;
        }
      g_ptr_array_add (clients, client);
    }
  n_clients = clients->len;
  g_assert_cmpuint (n_clients, >, 20);

  /* One descriptor comes free: the server takes it, then accept() fails. */
  g_test_expect_message ("km-status-server", G_LOG_LEVEL_WARNING,
                         "The status endpoint cannot accept a connection: *Too many open files*");
  g_ptr_array_remove_index (clients, n_clients - 1);
  wait_for_n_connections (fx, 1);
  km_test_iterate (50);
  g_test_assert_expected_messages ();

  /* It tries again, fails again, and says nothing more for a minute. */
  km_fake_clock_advance (KM_FAKE_CLOCK (fx->clock), 500);
  km_test_iterate (50);
  g_assert_cmpuint (km_status_server_get_n_connections (fx->server), ==, 1);

  /* All clients go; the server takes and drops what waited in the backlog. */
  g_ptr_array_set_size (clients, 0);
  wait_for_n_connections (fx, 0);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);

  request (fx, "GET", "/status", "Bearer " TOKEN, &response);
  g_assert_cmpuint (response.status, ==, 200);
  g_assert_true (g_str_has_prefix (response.body, "{\"application\":"));
}

#define N_BURST 1000

typedef struct
{
  guint16  port;
  guint    n_answered;
  guint    n_failed;
  gint64   elapsed_us;
  gboolean sent;
  gboolean done;
} Burst;

static gpointer
burst_thread (gpointer data)
{
  Burst *burst = data;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, burst->port);
  static const char request[] = "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\n\r\n";
  GSocket **sockets = g_new0 (GSocket *, N_BURST);
  gint64 start = g_get_monotonic_time ();

  /* All requests are out before the first answer is read. */
  for (guint i = 0; i < N_BURST; i++)
    {
      sockets[i] = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
      if (sockets[i] == NULL)
        continue;
      g_socket_set_timeout (sockets[i], 30);
      if (!g_socket_connect (sockets[i], address, NULL, NULL) ||
          g_socket_send (sockets[i], request, sizeof request - 1, NULL, NULL) != sizeof request - 1)
        g_clear_object (&sockets[i]);
    }
  g_atomic_int_set (&burst->sent, TRUE);

  for (guint i = 0; i < N_BURST; i++)
    {
      GString *answer = g_string_new (NULL);
      char buffer[4096];
      gssize n;

      while (sockets[i] != NULL && (n = g_socket_receive (sockets[i], buffer, sizeof buffer, NULL, NULL)) > 0)
        g_string_append_len (answer, buffer, n);
      if (g_str_has_prefix (answer->str, "HTTP/1.1 200 OK\r\n") && strstr (answer->str, "\"uptime_seconds\":") != NULL)
        burst->n_answered++;
      else
        burst->n_failed++;
      g_string_free (answer, TRUE);
      g_clear_object (&sockets[i]);
    }
  g_free (sockets);

  burst->elapsed_us = g_get_monotonic_time () - start;
  g_atomic_int_set (&burst->done, TRUE);
  return NULL;
}

static gboolean
is_burst_done (gpointer data)
{
  return g_atomic_int_get (&((Burst *) data)->done);
}

static void
test_concurrent_requests (Fixture       *fx,
                          gconstpointer  data)
{
  Burst burst = { .port = fx->port };
  gint64 start = g_get_monotonic_time ();
  struct rlimit saved, high;
  GThread *thread;

  /* Both ends of 1,000 connections live in this process. */
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &saved), ==, 0);
  if (saved.rlim_max != RLIM_INFINITY && saved.rlim_max < 2 * N_BURST + 200)
    {
      g_test_skip ("the hard limit on open files is below 2,200");
      return;
    }
  high = saved;
  high.rlim_cur = MAX (saved.rlim_cur, 2 * N_BURST + 200);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &high), ==, 0);

  /* The server accepts nothing until every request is out: the listen
   * backlog alone holds them. With libsoup's backlog of 10, the rest
   * waited for SYN retries and 30 s connect timeouts. */
  thread = g_thread_new ("burst", burst_thread, &burst);
  while (!g_atomic_int_get (&burst.sent) && g_get_monotonic_time () - start < 60 * G_USEC_PER_SEC)
    g_usleep (1000);
  g_assert_true (km_test_wait_until (is_burst_done, &burst, 120000));
  g_thread_join (thread);
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &saved), ==, 0);

  g_test_message ("%u concurrent requests answered in %.2f s", burst.n_answered, burst.elapsed_us / 1e6);
  g_assert_cmpuint (burst.n_failed, ==, 0);
  g_assert_cmpuint (burst.n_answered, ==, N_BURST);
  g_assert_cmpint (burst.elapsed_us, <, (km_test_is_sanitized () ? 90 : 30) * G_USEC_PER_SEC);
}

/* Issue #16: four unauthenticated POST /reset with 256 MB bodies made the
 * process hold 1 GB. Each request below announces a body and sends none:
 * an answer can only come if the server did not wait for the body. */
static void
test_body_refused_from_headers (Fixture       *fx,
                                gconstpointer  data)
{
  static const struct {
    const char *request;
    const char *status_line;
  } cases[] = {
    { "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 268435456\r\n\r\n",
      "HTTP/1.1 401 Unauthorized\r\n" },
    { "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer wrong\r\nContent-Length: 268435456\r\n\r\n",
      "HTTP/1.1 401 Unauthorized\r\n" },
    { "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\nContent-Length: 268435456\r\n\r\n",
      "HTTP/1.1 413 Request Entity Too Large\r\n" },
    { "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\nContent-Length: 4097\r\n\r\n",
      "HTTP/1.1 413 Request Entity Too Large\r\n" },
    { "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\nTransfer-Encoding: chunked\r\n\r\n",
      "HTTP/1.1 411 Length Required\r\n" },
    { "POST /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\nContent-Length: 100\r\n\r\n",
      "HTTP/1.1 404 Not Found\r\n" },
    { "PUT /status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\nContent-Length: 100\r\n\r\n",
      "HTTP/1.1 405 Method Not Allowed\r\n" },
    /* libsoup refuses an https:// request on plain HTTP before our checks;
     * the body is still not read. */
    { "POST https://127.0.0.1/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 268435456\r\n\r\n",
      "HTTP/1.1 400 Bad Request\r\n" },
    { "POST /a/%2e%2e/reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 268435456\r\n\r\n",
      "HTTP/1.1 401 Unauthorized\r\n" },
    /* With Expect: 100-continue, libsoup answers without the body itself. */
    { "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 268435456\r\n\r\n",
      "HTTP/1.1 401 Unauthorized\r\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = connect_raw (fx, &error);
      g_autofree char *answer = NULL;

      g_assert_no_error (error);
      send_text (client, cases[i].request);
      answer = read_until_closed (client, 5000);
      g_test_message ("%s→ %s", cases[i].request, answer);
      g_assert_true (g_str_has_prefix (answer, cases[i].status_line));
      if (g_str_has_prefix (cases[i].status_line, "HTTP/1.1 401"))
        g_assert_nonnull (strstr (answer, "\r\nWWW-Authenticate: Bearer realm=\"khojaly-memorial\"\r\n"));
      g_assert_null (strstr (answer, "100 Continue"));
    }

  g_assert_cmpuint (fx->n_resets, ==, 0);
  wait_for_n_connections (fx, 0);
}

/* A refused body the client sends anyway is dropped, not kept, and the
 * connection ends after a bounded amount. */
static void
test_body_sent_anyway (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) client = connect_raw (fx, &error);
  g_autofree char *chunk = g_strnfill (256 * 1024, 'x');
  g_autofree char *answer = NULL;
  gsize sent = 0;

  g_assert_no_error (error);
  send_text (client, "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 268435456\r\n\r\n");
  /* Up to 8 MB, as far as the server reads it. */
  g_socket_set_blocking (client, FALSE);
  while (sent < 8 * 1024 * 1024)
    {
      g_autoptr(GError) send_error = NULL;
      gssize n = g_socket_send (client, chunk, 256 * 1024, NULL, &send_error);

      if (n > 0)
        sent += n;
      else if (g_error_matches (send_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          if (km_status_server_get_n_connections (fx->server) == 0)
            break;
          g_main_context_iteration (NULL, FALSE);
        }
      else
        break;  /* reset: the server is gone */
    }
  g_test_message ("the client sent %" G_GSIZE_FORMAT " bytes of body", sent);
  g_assert_cmpuint (sent, <, 8 * 1024 * 1024);
  wait_for_n_connections (fx, 0);
  g_assert_cmpuint (fx->n_resets, ==, 0);
}

static void
test_small_body (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) client = connect_raw (fx, &error);
  g_autoptr(GSocket) trailing = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *trailing_answer = NULL;

  g_assert_no_error (error);
  send_text (client, "POST /reset HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " TOKEN "\r\n"
                     "Content-Length: 5\r\n\r\nhello");
  answer = read_until_closed (client, 5000);
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200 OK\r\n"));
  g_assert_nonnull (strstr (answer, "\r\nConnection: close\r\n"));
  g_assert_true (g_str_has_suffix (answer, "\r\n\r\n{\"reset\":true}\n"));
  g_assert_cmpuint (fx->n_resets, ==, 1);

  /* HTTP drops whitespace around a field value (RFC 9110 §5.5), so a
   * trailing space in the header never reaches the token check. */
  trailing = connect_raw (fx, &error);
  g_assert_no_error (error);
  send_text (trailing, "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: bearer " TOKEN "  \r\n\r\n");
  trailing_answer = read_until_closed (trailing, 5000);
  g_assert_true (g_str_has_prefix (trailing_answer, "HTTP/1.1 200 OK\r\n"));
}

/* A content server that answers with markup and invalid UTF-8 in its
 * reason phrase. */
#define HOSTILE_REASON "<span foreground='green' size='xx-large'>Up to date: version 99, verified</span> \xfd\xfe <b"

static void
on_hostile_request_cb (SoupServer        *server,
                       SoupServerMessage *message,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_SERVICE_UNAVAILABLE, HOSTILE_REASON);
}

static void
on_updater_log_cb (const char     *domain,
                   GLogLevelFlags  level,
                   const char     *message,
                   gpointer        user_data)
{
  g_string_append_printf (user_data, "%s\n", message);
}

static gboolean
is_failed (gpointer data)
{
  return km_content_updater_get_state (data) == KM_UPDATE_STATE_FAILED;
}

static gboolean
label_shows (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static void
assert_plain_label (GtkWidget  *root,
                    const char *text)
{
  GtkWidget *label = km_test_find_widget_matching (root, label_shows, text);

  if (label == NULL)
    g_error ("no label shows “%s”", text);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));
}

static void
test_hostile_updater_text (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(SoupServer) content_server = soup_server_new (NULL, NULL);
  g_autoptr(GFile) base = g_file_new_for_path ("/nonexistent/km-status-test");
  g_autoptr(KmContentUpdater) updater = km_content_updater_new (fx->clock, base);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *url = NULL;
  g_autofree char *shown_url = NULL;
  g_auto(Response) response = { 0 };
  g_autoptr(GString) log = g_string_new (NULL);
  guint log_id;
  KmPreferencesWindow *preferences;
  GtkWidget *menu_window;
  GtkWidget *menu;
  const char *last_error;
  const char *shown;
  GSList *uris;

  soup_server_add_handler (content_server, NULL, on_hostile_request_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (content_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (content_server);
  url = g_strdup_printf ("http://kiosk:pa55word@127.0.0.1:%d/manifest.ini", g_uri_get_port (uris->data));
  shown_url = g_strdup_printf ("http://127.0.0.1:%d/manifest.ini", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_object_set (updater, "url", url, "allow-http", TRUE, NULL);
  log_id = g_log_set_handler ("km-content-updater", G_LOG_LEVEL_MASK, on_updater_log_cb, log);
  km_content_updater_start (updater);
  km_content_updater_check_now (updater);
  g_assert_true (km_test_wait_until (is_failed, updater, 10000));
  g_log_remove_handler ("km-content-updater", log_id);

  /* The log line says what failed, without the password or raw bytes. */
  g_test_message ("log: %s", log->str);
  g_assert_nonnull (strstr (log->str, "<span foreground='green'"));
  g_assert_null (strstr (log->str, "pa55word"));
  g_assert_true (g_utf8_validate (log->str, -1, NULL));
  km_status_server_set_updater (fx->server, updater);

  /* /status stays valid JSON, shows the markup as text, and no password. */
  request (fx, "GET", "/status", "Bearer " TOKEN, &response);
  g_assert_cmpuint (response.status, ==, 200);
  g_assert_true (g_utf8_validate (response.body, -1, NULL));
  g_assert_null (strstr (response.body, "pa55word"));
  g_assert_null (strstr (response.body, "kiosk:"));
  g_assert_true (json_parser_load_from_data (parser, response.body, -1, &error));
  g_assert_no_error (error);
  last_error = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "last_error");
  g_test_message ("last_error: %s", last_error);
  g_assert_nonnull (strstr (last_error, "<span foreground='green' size='xx-large'>Up to date"));
  g_assert_nonnull (strstr (last_error, "\xef\xbf\xbd"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "content_url"),
                   ==, shown_url);

  /* Preferences shows the reason phrase literally, not big and green. */
  preferences = km_preferences_window_new (NULL, NULL, updater);
  gtk_window_present (GTK_WINDOW (preferences));
  km_test_wait_for_draw (GTK_WIDGET (preferences));
  shown = km_preferences_window_get_status (preferences);
  g_assert_true (g_utf8_validate (shown, -1, NULL));
  g_assert_nonnull (strstr (shown, "<span foreground='green' size='xx-large'>"));
  g_assert_null (strstr (shown, "pa55word"));
  assert_plain_label (GTK_WIDGET (preferences), "<span foreground='green' size='xx-large'>Up to date");
  g_free (km_test_save_png (GTK_WIDGET (preferences), "status-hostile-preferences"));
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* So does the kiosk's staff menu, with a stray “<” too. */
  menu = km_kiosk_staff_menu_new ();
  menu_window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (menu_window), menu);
  gtk_window_set_default_size (GTK_WINDOW (menu_window), 800, 900);
  km_kiosk_staff_menu_set_status (KM_KIOSK_STAFF_MENU (menu), "Content pack version 3\n" HOSTILE_REASON, 60,
                                  "a < b & <i>c</i> \xc0\xaf", NULL);
  gtk_window_present (GTK_WINDOW (menu_window));
  km_test_wait_for_draw (menu_window);
  g_assert_cmpstr (km_kiosk_staff_menu_get_row_value (KM_KIOSK_STAFF_MENU (menu), "error"), ==,
                   "a < b & <i>c</i> \xef\xbf\xbd\xef\xbf\xbd");
  assert_plain_label (menu_window, "a < b & <i>c</i>");
  assert_plain_label (menu_window, "Content pack version 3\n<span foreground='green'");
  g_free (km_test_save_png (menu_window, "status-hostile-staff-menu"));
  gtk_window_destroy (GTK_WINDOW (menu_window));

  km_content_updater_stop (updater);
  km_status_server_set_updater (fx->server, NULL);
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

#define ADD(path, func) g_test_add ("/km/status-server/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("token", test_token);
  ADD ("unauthorized", test_unauthorized);
  ADD ("status", test_status);
  ADD ("metrics", test_metrics);
  ADD ("reset", test_reset);
  ADD ("view", test_view);
  ADD ("idle-timeout", test_idle_timeout);
  ADD ("connection-cap", test_connection_cap);
  ADD ("fd-exhaustion", test_fd_exhaustion);
  ADD ("concurrent-requests", test_concurrent_requests);
  ADD ("body-refused-from-headers", test_body_refused_from_headers);
  ADD ("body-sent-anyway", test_body_sent_anyway);
  ADD ("small-body", test_small_body);
  ADD ("hostile-updater-text", test_hostile_updater_text);
#undef ADD

  return g_test_run ();
}
