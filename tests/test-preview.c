/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The curator's preview (`khojaly-memorial --preview=DIR`, which
 * `khojaly-memorial-pack preview DIR` runs): a save shows in the window,
 * a save with errors lists them over the last good content, the place is
 * kept. Everything is observed as a person sees it: labels on screen, the
 * window's actions and the views' public state.
 */
#include "config.h"

#include <string.h>

#include "km-gallery-view.h"
#include "km-test-utils.h"
#include "km-timeline-view.h"

/* The spec says within a second of the save, which the test allows twice
 * over for the new title; a sanitizer build runs everything several times
 * slower. The other waits (the banner coming and going) are for a state,
 * not a time, and allow for a busy machine. */
#define SHOW_TIMEOUT_MS (km_test_is_sanitized () ? 8000 : 2000)
#define STATE_TIMEOUT_MS (km_test_is_sanitized () ? 30000 : 10000)

typedef struct
{
  char          *root;
  char          *pack;
  KmApplication *app;
  KmWindow      *window;
} Fixture;

static char *
pack_path (Fixture    *f,
           const char *name)
{
  return g_build_filename (f->pack, name, NULL);
}

static char *
read_pack_file (Fixture    *f,
                const char *name)
{
  g_autofree char *path = pack_path (f, name);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* As an editor saves: a new file renamed over the old one. */
static void
save_pack_file (Fixture    *f,
                const char *name,
                const char *text)
{
  g_autofree char *path = pack_path (f, name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* As other editors save: the same file, rewritten in place. */
static void
rewrite_pack_file (Fixture    *f,
                   const char *name,
                   const char *text)
{
  g_autofree char *path = pack_path (f, name);
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  g_assert_cmpint (fputs (text, file), >=, 0);
  g_assert_cmpint (fclose (file), ==, 0);
}

static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *language = data;
  const char *tool = g_getenv ("KM_PACK_BINARY");
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_nonnull (tool);
  f->root = g_dir_make_tmp ("km-preview-XXXXXX", &error);
  g_assert_no_error (error);
  f->pack = g_build_filename (f->root, "pack", NULL);

  /* The bundled exhibition as a curator starts from it. */
  {
    const char *argv[] = { tool, "new", f->pack, "--from-bundled", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  g_variant_dict_insert (options, "preview", "^ay", f->pack);
  if (language != NULL)
    g_variant_dict_insert (options, "language", "s", language);
  f->app = km_test_application_new_with_options (options);
  g_application_activate (G_APPLICATION (f->app));
  f->window = KM_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_nonnull (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  km_test_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) root = g_file_new_for_path (f->root);

  gtk_window_destroy (GTK_WINDOW (f->window));
  km_test_iterate (50);
  g_clear_object (&f->app);
  km_test_remove_tree (root);
  g_free (f->pack);
  g_free (f->root);
}

typedef struct
{
  const char *text;
  gboolean    substring;
} LabelQuery;

static gboolean
is_shown_label (GtkWidget     *widget,
                gconstpointer  data)
{
  const LabelQuery *query = data;
  const char *text;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_is_drawable (widget))
    return FALSE;
  text = gtk_label_get_text (GTK_LABEL (widget));
  return query->substring ? strstr (text, query->text) != NULL : g_str_equal (text, query->text);
}

/* A label on screen with @text (or containing it). */
static GtkWidget *
find_shown_label (Fixture    *f,
                  const char *text,
                  gboolean    substring)
{
  LabelQuery query = { text, substring };

  return km_test_find_widget_matching (GTK_WIDGET (f->window), is_shown_label, &query);
}

typedef struct
{
  Fixture    *f;
  const char *text;
  gboolean    substring;
  gboolean    shown;
} WaitLabel;

static gboolean
label_is_as_wanted (gpointer data)
{
  WaitLabel *wait = data;

  return (find_shown_label (wait->f, wait->text, wait->substring) != NULL) == wait->shown;
}

/* Waits until a label with @text is on screen (or gone); returns how long it took. */
static gint64
wait_for_label_within (Fixture    *f,
                       const char *text,
                       gboolean    substring,
                       gboolean    shown,
                       guint       timeout_ms)
{
  WaitLabel wait = { f, text, substring, shown };
  gint64 start = g_get_monotonic_time ();

  if (!km_test_wait_until (label_is_as_wanted, &wait, timeout_ms))
    g_error ("“%s” still %s after %u ms", text, shown ? "not shown" : "shown", timeout_ms);
  return (g_get_monotonic_time () - start) / 1000;
}

static gint64
wait_for_label (Fixture    *f,
                const char *text,
                gboolean    substring,
                gboolean    shown)
{
  return wait_for_label_within (f, text, substring, shown, STATE_TIMEOUT_MS);
}

static gboolean
banner_is_revealed (gpointer data)
{
  return km_window_get_showing_content_errors (data);
}

static gboolean
banner_is_hidden (gpointer data)
{
  return !km_window_get_showing_content_errors (data);
}

static const char *
current_language (Fixture *f)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (f->app), "language");

  return g_intern_string (g_variant_get_string (state, NULL));
}

static KmGalleryView *
gallery (Fixture *f)
{
  return KM_GALLERY_VIEW (km_window_peek_view (f->window, "gallery"));
}

/* A new title on disk is on screen within the time, in the open viewer,
 * which stays open on the same exhibit. */
static void
test_title (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *exhibits = read_pack_file (f, "exhibits.xml");
  g_autofree char *changed = replace_once (exhibits, "<title>Winter night over Khojaly</title>",
                                           "<title>Winter night, seen from the hills</title>");
  GtkWidget *old_view;
  gint64 ms;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-exhibit", "s", "winter-night");
  wait_for_label (f, "Winter night over Khojaly", FALSE, TRUE);
  /* Held, so that the new view cannot take the old one's address. */
  old_view = g_object_ref (GTK_WIDGET (gallery (f)));

  rewrite_pack_file (f, "exhibits.xml", changed);
  ms = wait_for_label_within (f, "Winter night, seen from the hills", FALSE, TRUE, SHOW_TIMEOUT_MS);
  g_test_message ("the new title was on screen %" G_GINT64_FORMAT " ms after the save", ms);
  g_assert_cmpint (ms, <, SHOW_TIMEOUT_MS);
  g_assert_null (find_shown_label (f, "Winter night over Khojaly", FALSE));

  /* The place: the gallery, its viewer open on the same exhibit. */
  g_assert_cmpstr (km_window_get_visible_view (f->window), ==, "gallery");
  g_assert_true (gallery (f) != (KmGalleryView *) old_view);
  g_clear_object (&old_view);
  g_assert_true (km_gallery_view_get_viewer_open (gallery (f)));
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery (f)), ==, "winter-night");
  g_assert_false (km_window_get_showing_content_errors (f->window));
}

/* A save with errors: the banner lists each with its file and line, the
 * last good content stays; the next good save removes the banner. */
static void
test_broken (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *exhibits = read_pack_file (f, "exhibits.xml");
  g_autofree char *line5 = NULL;
  g_autofree char *second = NULL;
  guint second_line = 0;
  g_autofree char *broken = NULL;
  g_auto(GStrv) lines = g_strsplit (exhibits, "\n", -1);
  const char *language = data;
  KmContentStore *store = km_context_get_store (km_application_get_context (f->app));
  g_autofree char *title = NULL;
  GtkWidget *banner_errors;
  g_autofree char *shot = NULL;

  /* The first exhibit's start tag is on line 5: give it a day February 1992 did not have. */
  g_assert_nonnull (strstr (lines[4], "id=\"winter-night\""));
  line5 = replace_once (lines[4], "date=\"1992-02-25\"", "date=\"1992-02-30\"");
  g_free (lines[4]);
  lines[4] = g_strdup (line5);
  /* And another exhibit, further down: every error is listed. */
  for (guint i = 5; lines[i] != NULL && second_line == 0; i++)
    if (strstr (lines[i], "id=\"calendar-night\"") != NULL)
      {
        char *changed = replace_once (lines[i], "date=\"1992-02-26\"", "date=\"1992-13-01\"");

        g_free (lines[i]);
        lines[i] = changed;
        second_line = i + 1;
      }
  g_assert_cmpuint (second_line, >, 5);
  second = g_strdup_printf ("exhibits.xml:%u:", second_line);
  broken = g_strjoinv ("\n", lines);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-exhibit", "s", "candle");
  /* In the window's language: the pack has az and id titles. */
  title = g_strdup (km_exhibit_get_title (km_content_store_lookup_exhibit (store, "candle")));
  g_assert_true (language == NULL || !g_str_equal (title, "A candle for Khojaly"));
  wait_for_label (f, title, FALSE, TRUE);

  save_pack_file (f, "exhibits.xml", broken);
  wait_for_label (f, "exhibits.xml:5:", TRUE, TRUE);
  g_assert_true (km_test_wait_until (banner_is_revealed, f->window, STATE_TIMEOUT_MS));
  banner_errors = find_shown_label (f, "exhibits.xml:5:", TRUE);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner_errors)), "1992-02-30"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner_errors)), second));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (banner_errors)), "1992-13-01"));
  if (language == NULL)
    g_assert_nonnull (find_shown_label (f, "The saved pack has 2 errors.", TRUE));
  /* Plain text, never markup: the pack's text is shown as it is. */
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (banner_errors)));
  /* The last good content is still there, the visitor's place too. */
  g_assert_nonnull (find_shown_label (f, title, FALSE));
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery (f)), ==, "candle");
  g_assert_cmpstr (current_language (f), ==, language != NULL ? language : "en");

  km_test_wait_for_draw (GTK_WIDGET (f->window));
  km_test_iterate (300);   /* the banner's slide-down */
  shot = g_strdup_printf ("preview-error-banner-%s", language != NULL ? language : "en");
  g_free (km_test_save_png (GTK_WIDGET (f->window), shot));

  save_pack_file (f, "exhibits.xml", exhibits);
  g_assert_true (km_test_wait_until (banner_is_hidden, f->window, STATE_TIMEOUT_MS));
  g_assert_null (find_shown_label (f, "exhibits.xml:5:", TRUE));
  g_assert_nonnull (find_shown_label (f, title, FALSE));
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery (f)), ==, "candle");
}

/* An image in the images folder breaks, then comes back. */
static void
test_image_folder (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *svg = read_pack_file (f, "images/candle.svg");

  save_pack_file (f, "images/candle.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"");
  wait_for_label (f, "images/candle.svg", TRUE, TRUE);
  g_assert_true (km_window_get_showing_content_errors (f->window));

  save_pack_file (f, "images/candle.svg", svg);
  g_assert_true (km_test_wait_until (banner_is_hidden, f->window, STATE_TIMEOUT_MS));
}

/* The timeline keeps its entry and the window its language. */
static void
test_timeline_place (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *timeline = read_pack_file (f, "timeline.xml");
  g_autofree char *changed = replace_once (timeline, "<headline>The attack on Khojaly</headline>",
                                           "<headline>The night of the attack on Khojaly</headline>");
  KmTimelineView *view;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "language", g_variant_new_string ("id"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-entry", "s", "attack");
  km_test_wait_for_draw (GTK_WIDGET (f->window));

  /* The English text is the fallback only where there is no translation:
   * change the Indonesian too, to see it in this language. */
  {
    const char *english = strstr (changed, "The night of the attack on Khojaly");
    g_autofree char *id_text = g_strdup (strstr (english, "<headline xml:lang=\"id\">"));
    g_autofree char *id_old = NULL;
    g_autofree char *changed_id = NULL;

    g_assert_nonnull (id_text);
    id_old = g_strndup (id_text, strstr (id_text, "</headline>") - id_text + strlen ("</headline>"));
    changed_id = replace_once (changed, id_old, "<headline xml:lang=\"id\">Malam serangan (pratinjau)</headline>");
    save_pack_file (f, "timeline.xml", changed_id);
  }

  wait_for_label (f, "Malam serangan (pratinjau)", TRUE, TRUE);
  g_assert_cmpstr (km_window_get_visible_view (f->window), ==, "timeline");
  view = KM_TIMELINE_VIEW (km_window_peek_view (f->window, "timeline"));
  g_assert_cmpstr (km_timeline_view_get_selected_id (view), ==, "attack");
  g_assert_cmpstr (current_language (f), ==, "id");
}

/* --preview is for the desktop, on its own. */
static void
test_options (void)
{
  g_autoptr(KmApplication) app = km_application_new (G_APPLICATION_NON_UNIQUE);
  g_autoptr(GVariantDict) options = g_variant_dict_new (NULL);
  int status = 0;

  g_variant_dict_insert (options, "preview", "^ay", "/nonexistent");
  g_variant_dict_insert (options, "kiosk", "b", TRUE);
  g_signal_emit_by_name (app, "handle-local-options", options, &status);
  g_assert_cmpint (status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  km_test_init (&argc, &argv);

  g_test_add_func ("/km/preview/options", test_options);
  g_test_add ("/km/preview/title", Fixture, NULL, fixture_set_up, test_title, fixture_tear_down);
  g_test_add ("/km/preview/broken", Fixture, NULL, fixture_set_up, test_broken, fixture_tear_down);
  g_test_add ("/km/preview/broken-az", Fixture, "az", fixture_set_up, test_broken, fixture_tear_down);
  g_test_add ("/km/preview/broken-id", Fixture, "id", fixture_set_up, test_broken, fixture_tear_down);
  g_test_add ("/km/preview/image-folder", Fixture, NULL, fixture_set_up, test_image_folder, fixture_tear_down);
  g_test_add ("/km/preview/timeline-place", Fixture, NULL, fixture_set_up, test_timeline_place, fixture_tear_down);

  return g_test_run ();
}
