/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "km-content-updater.h"
#include "km-fake-clock.h"
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
  g_assert_true (km_test_wait_until (is_done, response, 5000));
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
  static const char * const wrong[] = {
    NULL, "", "Bearer", "Bearer ", "Bearer s3cret-toke", "Bearer s3cret-token2", "Basic " TOKEN, TOKEN,
  };
  g_autoptr(KmStatusServer) unstarted = km_status_server_new (fx->clock);
  g_autoptr(GError) error = NULL;

  g_assert_true (km_status_server_check_token (fx->server, "Bearer " TOKEN));
  g_assert_true (km_status_server_check_token (fx->server, "bearer " TOKEN));
  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    g_assert_false (km_status_server_check_token (fx->server, wrong[i]));

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
  g_autoptr(GRegex) comment = g_regex_new ("^# (HELP [a-z_]+ .+|TYPE [a-z_]+ (gauge|counter))$", 0, 0, NULL);
  g_auto(GStrv) lines = NULL;
  guint n_samples = 0;

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
      else if (!g_regex_match (sample, lines[i], 0, NULL))
        g_error ("not a Prometheus sample: %s", lines[i]);
      else
        n_samples++;
    }
  g_assert_cmpuint (n_samples, ==, 7);
  g_assert_nonnull (strstr (response.body, "\nkm_uptime_seconds 7\n"));
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
#undef ADD

  return g_test_run ();
}
