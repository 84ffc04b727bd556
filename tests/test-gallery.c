/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>

#include "km-exhibit-card.h"
#include "km-exhibit-viewer.h"
#include "km-fake-clock.h"
#include "km-gallery-filter.h"
#include "km-gallery-view.h"
#include "km-image-view.h"
#include "km-surface-paintable.h"
#include "km-test-utils.h"
#include "km-thumbnail-loader.h"
#include "km-view.h"
#include "km-window.h"

typedef gboolean (*WidgetPredicate) (GtkWidget *widget,
                                     gpointer   data);

static void
collect_widgets (GtkWidget       *widget,
                 WidgetPredicate  predicate,
                 gpointer         data,
                 GPtrArray       *out)
{
  if (predicate (widget, data))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, predicate, data, out);
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect_widgets (root, is_of_type, GSIZE_TO_POINTER (type), out);
  return out;
}

static GtkWidget *
find_first (GtkWidget *root,
            GType      type)
{
  g_autoptr(GPtrArray) all = find_all (root, type);

  return all->len > 0 ? g_ptr_array_index (all, 0) : NULL;
}

static gboolean
is_mapped_status_page (GtkWidget *widget,
                       gpointer   data)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0;
}

static gboolean
has_action_name (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

static KmGalleryView *
get_gallery (KmWindow *window)
{
  return KM_GALLERY_VIEW (km_window_get_view (window, "gallery"));
}

/* The viewer's actions (viewer.*) are its own: activated on the gallery,
 * they would not reach it. */
static GtkWidget *
get_viewer (KmGalleryView *gallery)
{
  GtkWidget *viewer = km_test_find_widget (GTK_WIDGET (gallery), KM_TYPE_EXHIBIT_VIEWER, NULL);

  g_assert_nonnull (viewer);
  return viewer;
}

static guint
count_cards_with_thumbnail (GtkWidget *root,
                            guint     *n_cards)
{
  g_autoptr(GPtrArray) cards = find_all (root, KM_TYPE_EXHIBIT_CARD);
  guint n = 0;

  for (guint i = 0; i < cards->len; i++)
    {
      KmExhibitCard *card = g_ptr_array_index (cards, i);

      if (gtk_widget_get_mapped (GTK_WIDGET (card)) && km_exhibit_card_get_has_thumbnail (card))
        n++;
    }
  if (n_cards != NULL)
    *n_cards = cards->len;
  return n;
}

typedef struct
{
  GtkWidget *root;
  guint      min;
} ThumbWait;

/* Every visible card has its thumbnail. */
static gboolean
thumbnails_shown (gpointer data)
{
  ThumbWait *wait = data;
  g_autoptr(GPtrArray) cards = find_all (wait->root, KM_TYPE_EXHIBIT_CARD);
  guint mapped = 0, with = 0;

  for (guint i = 0; i < cards->len; i++)
    {
      KmExhibitCard *card = g_ptr_array_index (cards, i);

      if (!gtk_widget_get_mapped (GTK_WIDGET (card)) || km_exhibit_card_get_exhibit (card) == NULL)
        continue;
      mapped++;
      if (km_exhibit_card_get_has_thumbnail (card))
        with++;
    }

  return mapped >= wait->min && with == mapped;
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
model_has_n (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n;
}

static KmWindow *
present_window (KmApplication *app)
{
  KmWindow *window = km_test_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));

  return window;
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autofree char *png = NULL;

  km_test_wait_for_draw (widget);
  km_test_iterate (100);
  km_test_wait_for_draw (widget);
  png = km_test_save_png (widget, name);
  g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
}

static void
test_gallery_grid (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmContentStore *store = km_context_get_store (km_application_get_context (app));
  guint n_total = g_list_model_get_n_items (km_content_store_get_exhibits (store));
  KmWindow *window = present_window (app);
  KmGalleryView *gallery = get_gallery (window);
  GListModel *model = km_gallery_view_get_model (gallery);
  ThumbWait thumbs = { GTK_WIDGET (gallery), 6 };
  CountWait count = { model, 0 };
  g_autoptr(GPtrArray) cards = NULL;
  KmExhibitCard *card = NULL;
  GtkWidget *search;

  g_assert_cmpuint (n_total, >=, 10);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_total);

  /* Thumbnails arrive from worker threads. */
  g_assert_true (km_test_wait_until (thumbnails_shown, &thumbs, 10000));
  save_png (GTK_WIDGET (window), "gallery-grid-en");

  /* Each card reads as its title, described by its alt text. */
  cards = find_all (GTK_WIDGET (gallery), KM_TYPE_EXHIBIT_CARD);
  for (guint i = 0; i < cards->len && card == NULL; i++)
    if (km_exhibit_card_get_exhibit (g_ptr_array_index (cards, i)) != NULL)
      card = g_ptr_array_index (cards, i);
  g_assert_nonnull (card);
  gtk_test_accessible_assert_property (card, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       km_exhibit_get_title (km_exhibit_card_get_exhibit (card)));
  gtk_test_accessible_assert_property (card, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       km_exhibit_get_alt (km_exhibit_card_get_exhibit (card)));
  gtk_test_accessible_assert_role (card, GTK_ACCESSIBLE_ROLE_IMG);

  /* Typing in the search field filters, ignoring case. */
  search = find_first (GTK_WIDGET (gallery), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "CANDLE");
  count.n = 0;
  for (guint i = 0; i < n_total; i++)
    {
      g_autoptr(KmExhibit) exhibit = g_list_model_get_item (km_content_store_get_exhibits (store), i);
      KmGalleryItemFields fields = {
        km_exhibit_get_title (exhibit), km_exhibit_get_caption (exhibit),
        km_exhibit_get_description (exhibit), km_exhibit_get_kind (exhibit), NULL,
      };

      if (km_gallery_filter_match (&fields, "candle", KM_GALLERY_ANY_KIND, NULL))
        count.n++;
    }
  g_assert_cmpuint (count.n, >, 0);
  g_assert_cmpuint (count.n, <, n_total);
  g_assert_true (km_test_wait_until (model_has_n, &count, 5000));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KmExhibit) exhibit = g_list_model_get_item (model, i);
      g_autofree char *hay = g_strjoin (" ", km_exhibit_get_title (exhibit), km_exhibit_get_caption (exhibit),
                                        km_exhibit_get_description (exhibit), NULL);
      g_autofree char *folded = km_search_fold (hay);
      g_assert_nonnull (strstr (folded, "candle"));
    }
  save_png (GTK_WIDGET (window), "gallery-search-en");

  /* Nothing found: a status page that says what to do. */
  gtk_editable_set_text (GTK_EDITABLE (search), "zzzz no such exhibit");
  count.n = 0;
  g_assert_true (km_test_wait_until (model_has_n, &count, 5000));
  km_test_wait_for_draw (GTK_WIDGET (window));
  {
    g_autoptr(GPtrArray) pages = g_ptr_array_new ();
    collect_widgets (GTK_WIDGET (gallery), is_mapped_status_page, (gpointer) "No Matching Exhibits", pages);
    g_assert_cmpuint (pages->len, ==, 1);
  }
  save_png (GTK_WIDGET (window), "gallery-no-match-en");

  /* The status page's button clears the search. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (gallery), "gallery.clear-filters", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_total);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");

  /* Kind filter: only posters. */
  g_assert_true (km_gallery_view_set_kind_filter (gallery, KM_EXHIBIT_KIND_POSTER));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), <, n_total);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KmExhibit) exhibit = g_list_model_get_item (model, i);
      g_assert_cmpint (km_exhibit_get_kind (exhibit), ==, KM_EXHIBIT_KIND_POSTER);
    }
  /* A kind no exhibit has is not offered. */
  g_assert_false (km_gallery_view_set_kind_filter (gallery, KM_EXHIBIT_KIND_PHOTOGRAPH));
  km_gallery_view_set_kind_filter (gallery, KM_GALLERY_ANY_KIND);

  /* Era filter: the exhibits linked to entries of that era. */
  g_assert_true (km_gallery_view_set_era_filter (gallery, "night"));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KmExhibit) exhibit = g_list_model_get_item (model, i);
      const char * const *entries = km_exhibit_get_entry_ids (exhibit);
      gboolean in_era = FALSE;

      for (guint j = 0; entries != NULL && entries[j] != NULL; j++)
        in_era |= g_strcmp0 (km_timeline_entry_get_era_id (km_content_store_lookup_entry (store, entries[j])), "night") == 0;
      g_assert_true (in_era);
    }
  g_assert_false (km_gallery_view_set_era_filter (gallery, "no-such-era"));

  /* reset puts everything back. */
  km_view_reset (KM_VIEW (gallery));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_total);
  g_assert_false (km_gallery_view_get_viewer_open (gallery));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
timeline_visible (gpointer data)
{
  return g_strcmp0 (km_window_get_visible_view (data), "timeline") == 0;
}

static gboolean
image_loaded (gpointer data)
{
  return km_image_view_get_loaded (data);
}

static void
test_gallery_viewer (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmContentStore *store = km_context_get_store (km_application_get_context (app));
  KmWindow *window = present_window (app);
  KmGalleryView *gallery = get_gallery (window);
  GListModel *model = km_gallery_view_get_model (gallery);
  g_autoptr(KmClock) clock = km_fake_clock_new ();
  KmSlideshow *slideshow = km_gallery_view_get_slideshow (gallery);
  GtkWidget *grid = find_first (GTK_WIDGET (gallery), GTK_TYPE_GRID_VIEW);
  KmImageView *image;
  guint first_plain = G_MAXUINT, first_advisory = G_MAXUINT;
  g_autoptr(KmExhibit) plain = NULL;

  g_assert_nonnull (grid);
  g_assert_true (km_slideshow_get_model (slideshow) == model);
  km_slideshow_set_clock (slideshow, clock);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KmExhibit) exhibit = g_list_model_get_item (model, i);

      if (km_exhibit_get_advisory (exhibit) == NULL && first_plain == G_MAXUINT)
        first_plain = i;
      if (km_exhibit_get_advisory (exhibit) != NULL && first_advisory == G_MAXUINT)
        first_advisory = i;
    }
  g_assert_cmpuint (first_plain, !=, G_MAXUINT);
  g_assert_cmpuint (first_advisory, !=, G_MAXUINT);
  plain = g_list_model_get_item (model, first_plain);

  /* Activating a grid item opens the viewer on it. */
  g_signal_emit_by_name (grid, "activate", first_plain);
  g_assert_true (km_gallery_view_get_viewer_open (gallery));
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery), ==, km_exhibit_get_id (plain));
  g_assert_false (km_gallery_view_get_veiled (gallery));
  image = KM_IMAGE_VIEW (find_first (GTK_WIDGET (gallery), KM_TYPE_IMAGE_VIEW));
  g_assert_nonnull (image);
  g_assert_true (km_test_wait_until (image_loaded, image, 5000));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (image)));
  gtk_test_accessible_assert_property (image, GTK_ACCESSIBLE_PROPERTY_LABEL, km_exhibit_get_alt (plain));
  save_png (GTK_WIDGET (window), "gallery-viewer-en");

  /* Zoom in and out, and back to the whole image. */
  g_assert_cmpfloat (km_gallery_view_get_zoom (gallery), ==, 1.0);
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (km_gallery_view_get_zoom (gallery), 1.25, 1e-9);
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (km_gallery_view_get_zoom (gallery), 1.5625, 1e-9);
  save_png (GTK_WIDGET (window), "gallery-viewer-zoomed-en");
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (km_gallery_view_get_zoom (gallery), 1.25, 1e-9);
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.zoom-reset", NULL));
  g_assert_cmpfloat (km_gallery_view_get_zoom (gallery), ==, 1.0);
  /* Not below the whole image, not beyond 8×. */
  km_image_view_zoom_out (image);
  g_assert_cmpfloat (km_gallery_view_get_zoom (gallery), ==, 1.0);
  km_image_view_set_zoom (image, 100);
  g_assert_cmpfloat (km_gallery_view_get_zoom (gallery), ==, KM_IMAGE_VIEW_MAX_ZOOM);
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.zoom-reset", NULL));

  /* Next and previous; a new exhibit starts at the whole image. */
  km_image_view_set_zoom (image, 2);
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.next", NULL));
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, first_plain + 1);
  g_assert_cmpfloat (km_gallery_view_get_zoom (gallery), ==, 1.0);
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.previous", NULL));
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, first_plain);
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery), ==, km_exhibit_get_id (plain));
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.last", NULL));
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, g_list_model_get_n_items (model) - 1);
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.first", NULL));
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, 0);

  /* The slideshow moves on with the (fake) clock and pauses. */
  km_slideshow_set_position (slideshow, first_plain);
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.toggle-slideshow", NULL));
  g_assert_true (km_slideshow_get_playing (slideshow));
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), km_slideshow_get_interval (slideshow) * 1000);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, first_plain + 1);
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery), !=, km_exhibit_get_id (plain));
  save_png (GTK_WIDGET (window), "gallery-slideshow-en");
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.toggle-slideshow", NULL));
  g_assert_false (km_slideshow_get_playing (slideshow));
  km_fake_clock_advance (KM_FAKE_CLOCK (clock), 60000);
  g_assert_cmpuint (km_slideshow_get_position (slideshow), ==, first_plain + 1);

  /* The interval follows the settings key. */
  g_assert_nonnull (km_context_get_settings (km_application_get_context (app)));
  g_settings_set_uint (km_context_get_settings (km_application_get_context (app)), "slideshow-interval", 15);
  g_assert_cmpuint (km_slideshow_get_interval (slideshow), ==, 15);

  /* An exhibit with an advisory waits behind the veil. */
  km_slideshow_set_position (slideshow, first_advisory);
  g_assert_true (km_gallery_view_get_veiled (gallery));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (image))) &&
                  gtk_widget_get_mapped (GTK_WIDGET (image)));
  g_assert_false (gtk_widget_activate_action (get_viewer (gallery), "viewer.zoom-in", NULL) &&
                  km_gallery_view_get_zoom (gallery) > 1.0);
  save_png (GTK_WIDGET (window), "gallery-veil-en");
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.reveal", NULL));
  g_assert_false (km_gallery_view_get_veiled (gallery));
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (image)));
  /* Once shown, it stays shown when the visitor comes back to it. */
  km_slideshow_next (slideshow);
  km_slideshow_set_position (slideshow, first_advisory);
  g_assert_false (km_gallery_view_get_veiled (gallery));

  /* Escape closes: gallery.close. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (gallery), "gallery.close", NULL));
  g_assert_false (km_gallery_view_get_viewer_open (gallery));

  /* win.show-exhibit opens the viewer from anywhere. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "statistics"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-exhibit", "s", km_exhibit_get_id (plain)));
  g_assert_cmpstr (km_window_get_visible_view (window), ==, "gallery");
  g_assert_true (km_gallery_view_get_viewer_open (gallery));
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery), ==, km_exhibit_get_id (plain));

  /* The links to the timeline entries lead there. */
  {
    g_autoptr(GPtrArray) links = g_ptr_array_new ();
    const char * const *entry_ids = km_exhibit_get_entry_ids (plain);

    collect_widgets (GTK_WIDGET (gallery), has_action_name, (gpointer) "win.show-entry", links);
    g_assert_cmpuint (links->len, ==, g_strv_length ((char **) entry_ids));
    g_assert_cmpuint (links->len, >, 0);
    g_assert_nonnull (km_content_store_lookup_entry (store, entry_ids[0]));
    /* A button emits clicked once its pressed look has shown. */
    g_assert_true (gtk_widget_activate (g_ptr_array_index (links, 0)));
    g_assert_true (km_test_wait_until (timeline_visible, window, 2000));
    g_assert_cmpstr (km_window_get_visible_view (window), ==, "timeline");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The view comes back to the same place after a language switch. */
static void
test_gallery_language_switch (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  KmWindow *window = present_window (app);
  KmGalleryView *gallery = get_gallery (window);
  GListModel *model = km_gallery_view_get_model (gallery);
  g_autoptr(KmExhibit) exhibit = NULL;
  g_autofree char *exhibit_id = NULL;
  ThumbWait thumbs = { NULL, 6 };
  guint advisory = G_MAXUINT;
  gpointer old;

  for (guint i = 0; i < g_list_model_get_n_items (model) && advisory == G_MAXUINT; i++)
    {
      g_autoptr(KmExhibit) item = g_list_model_get_item (model, i);
      if (km_exhibit_get_advisory (item) != NULL)
        advisory = i;
    }
  exhibit = g_list_model_get_item (model, advisory);
  exhibit_id = g_strdup (km_exhibit_get_id (exhibit));

  g_object_add_weak_pointer (G_OBJECT (gallery), (gpointer *) &gallery);
  km_gallery_view_open_exhibit (gallery, exhibit_id);
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.reveal", NULL));
  km_gallery_view_set_kind_filter (gallery, km_exhibit_get_kind (exhibit));
  km_gallery_view_open_exhibit (gallery, exhibit_id);
  gtk_widget_activate_action (get_viewer (gallery), "viewer.zoom-in", NULL);
  gtk_widget_activate_action (get_viewer (gallery), "viewer.zoom-in", NULL);
  g_assert_cmpfloat_with_epsilon (km_gallery_view_get_zoom (gallery), 1.5625, 1e-9);

  old = gallery;
  km_application_set_language (app, "az");
  km_test_iterate (50);
  /* A new view, built in the new language (the old one goes once GTK
   * lets go of it: pointer focus, pending thumbnail decodes).
   */
  g_assert_true (gallery == NULL || get_gallery (window) != old);
  if (gallery != NULL)
    g_object_remove_weak_pointer (G_OBJECT (gallery), (gpointer *) &gallery);
  gallery = get_gallery (window);

  g_assert_true (km_gallery_view_get_viewer_open (gallery));
  g_assert_cmpstr (km_gallery_view_get_exhibit_id (gallery), ==, exhibit_id);
  g_assert_cmpfloat_with_epsilon (km_gallery_view_get_zoom (gallery), 1.5625, 1e-9);
  g_assert_false (km_gallery_view_get_veiled (gallery));
  /* The kind filter came along. */
  for (guint i = 0; i < g_list_model_get_n_items (km_gallery_view_get_model (gallery)); i++)
    {
      g_autoptr(KmExhibit) item = g_list_model_get_item (km_gallery_view_get_model (gallery), i);
      g_assert_cmpint (km_exhibit_get_kind (item), ==, km_exhibit_get_kind (exhibit));
    }
  gtk_widget_activate_action (get_viewer (gallery), "viewer.zoom-reset", NULL);
  save_png (GTK_WIDGET (window), "gallery-viewer-az");

  /* The veil, in Azerbaijani. */
  km_view_reset (KM_VIEW (gallery));
  g_assert_false (km_gallery_view_get_viewer_open (gallery));
  g_assert_cmpfloat (km_gallery_view_get_zoom (gallery), ==, 1.0);
  km_gallery_view_open_exhibit (gallery, exhibit_id);
  g_assert_true (km_gallery_view_get_veiled (gallery));
  save_png (GTK_WIDGET (window), "gallery-veil-az");
  km_view_reset (KM_VIEW (gallery));

  /* The Azerbaijani title, typed in upper case without its letters. */
  {
    g_autofree char *folded = km_search_fold (km_exhibit_get_title (exhibit));
    g_autofree char *query = g_ascii_strup (folded, -1);
    GListModel *shown = km_gallery_view_get_model (gallery);
    gboolean found = FALSE;

    g_assert_cmpstr (km_exhibit_get_title (exhibit), !=, folded);
    km_gallery_view_set_search (gallery, query);
    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(KmExhibit) item = g_list_model_get_item (shown, i);
        found |= g_strcmp0 (km_exhibit_get_id (item), exhibit_id) == 0;
      }
    g_assert_true (found);
    km_gallery_view_set_search (gallery, NULL);
  }

  thumbs.root = GTK_WIDGET (gallery);
  g_assert_true (km_test_wait_until (thumbnails_shown, &thumbs, 10000));
  save_png (GTK_WIDGET (window), "gallery-grid-az");

  km_application_set_language (app, "id");
  km_test_iterate (50);
  gallery = get_gallery (window);
  thumbs.root = GTK_WIDGET (gallery);
  g_assert_true (km_test_wait_until (thumbnails_shown, &thumbs, 10000));
  save_png (GTK_WIDGET (window), "gallery-grid-id");

  km_application_set_language (app, "en");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_gallery_empty_pack (void)
{
  g_autoptr(KmContext) context = km_test_context_new (NULL, FALSE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = g_object_new (KM_TYPE_GALLERY_VIEW, "context", context, NULL);
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (window);

  g_assert_cmpuint (g_list_model_get_n_items (km_gallery_view_get_model (KM_GALLERY_VIEW (view))), ==, 0);
  collect_widgets (view, is_mapped_status_page, (gpointer) "No Exhibits Yet", pages);
  g_assert_cmpuint (pages->len, ==, 1);
  /* Nothing to play. */
  g_assert_false (gtk_widget_activate_action (view, "gallery.start-slideshow", NULL) &&
                  km_slideshow_get_playing (km_gallery_view_get_slideshow (KM_GALLERY_VIEW (view))));
  save_png (window, "gallery-empty-pack-en");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* While a large pack loads in a worker (#19) the gallery says so, in the
 * chosen language, and not that there is nothing; then shows the pack.
 */
static void
test_gallery_loading (void)
{
  static const struct { const char *lang; const char *title; } langs[] = {
    { "en", "Loading the Exhibition…" },
    { "az", "Sərgi yüklənir…" },
    { "id", "Memuat pameran…" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      g_autoptr(KmContext) context = km_test_context_new (NULL, FALSE);
      KmContentStore *store = km_context_get_store (context);
      g_autoptr(KmContentStore) loaded = km_content_store_new ();
      g_autoptr(GPtrArray) pages = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("gallery-loading-%s", langs[i].lang);
      GtkWidget *window, *view;

      g_assert_true (km_i18n_set_language (langs[i].lang, NULL));
      km_content_store_set_loading (store, TRUE);
      window = gtk_window_new ();
      view = g_object_new (KM_TYPE_GALLERY_VIEW, "context", context, NULL);
      gtk_window_set_child (GTK_WINDOW (window), view);
      gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
      gtk_window_present (GTK_WINDOW (window));
      km_test_wait_for_draw (window);

      collect_widgets (view, is_mapped_status_page, (gpointer) langs[i].title, pages);
      g_assert_cmpuint (pages->len, ==, 1);
      g_ptr_array_set_size (pages, 0);
      collect_widgets (view, is_mapped_status_page, (gpointer) "No Exhibits Yet", pages);
      g_assert_cmpuint (pages->len, ==, 0);
      save_png (window, name);

      /* The pack arrives: its exhibits, its kinds in the filter. */
      g_assert_true (km_content_store_load_bundled (loaded, &error));
      g_assert_no_error (error);
      km_content_store_adopt (store, loaded);
      km_content_store_set_loading (store, FALSE);
      km_test_wait_for_draw (window);
      collect_widgets (view, is_mapped_status_page, (gpointer) langs[i].title, pages);
      g_assert_cmpuint (pages->len, ==, 0);
      g_assert_cmpuint (g_list_model_get_n_items (km_gallery_view_get_model (KM_GALLERY_VIEW (view))), ==,
                        g_list_model_get_n_items (km_content_store_get_exhibits (store)));
      g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_exhibits (loaded)), ==, 0);
      g_assert_true (gtk_widget_get_visible (km_test_find_widget (view, GTK_TYPE_DROP_DOWN, NULL)));

      gtk_window_destroy (GTK_WINDOW (window));
    }
  km_i18n_set_language ("en", NULL);
}

/* Cells side by side in the grid's first row. */
static guint
count_columns (GtkWidget *grid)
{
  GtkWidget *first = gtk_widget_get_first_child (grid);
  graphene_rect_t first_bounds;
  guint n = 0;

  if (first == NULL || !gtk_widget_compute_bounds (first, grid, &first_bounds))
    return 0;

  for (GtkWidget *cell = first; cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      graphene_rect_t bounds;

      if (gtk_widget_compute_bounds (cell, grid, &bounds) && bounds.origin.y == first_bounds.origin.y)
        n++;
    }

  return n;
}

static gboolean
max_columns_fit (gpointer grid)
{
  guint columns = count_columns (grid);

  return columns > 0 && gtk_grid_view_get_max_columns (grid) == columns;
}

static gboolean
grid_is_wide (gpointer grid)
{
  return gtk_widget_get_width (grid) > 1600;
}

/* 1,800 px fit at least seven cards of about 220 px. */
static gboolean
more_columns_fit (gpointer grid)
{
  return count_columns (grid) >= 7 && max_columns_fit (grid);
}

/* A thousand exhibits: the grid stays a recycling list, and the first
 * screen of thumbnails arrives without decoding the rest.
 */
static void
test_gallery_large_pack (void)
{
  g_autofree char *dir = g_dir_make_tmp ("km-gallery-pack-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "gen-content-pack.py", NULL);
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "python3", script, "--exhibits", "1000", dir, NULL };
  GtkWidget *window, *view;
  ThumbWait thumbs = { NULL, 12 };
  int status;
  gint64 start, shown;
  guint decoded_before, n_cards = 0, n_with;

  g_assert_nonnull (dir);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  file = g_file_new_for_path (dir);
  g_assert_true (km_content_store_load (store, file, &errors, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (km_content_store_get_exhibits (store)), ==, 1000);

  decoded_before = km_thumbnail_loader_get_n_decoded (km_thumbnail_loader_get_default ());

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  start = g_get_monotonic_time ();
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    g_autoptr(KmContext) context = km_context_new (settings, store, NULL, FALSE);

    view = g_object_new (KM_TYPE_GALLERY_VIEW, "context", context, NULL);
  }
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpuint (g_list_model_get_n_items (km_gallery_view_get_model (KM_GALLERY_VIEW (view))), ==, 1000);
  thumbs.root = view;
  g_assert_true (km_test_wait_until (thumbnails_shown, &thumbs, 20000));
  shown = g_get_monotonic_time ();
  n_with = count_cards_with_thumbnail (view, &n_cards);
  g_test_message ("1000 exhibits: first screen of %u thumbnails in %.0f ms (%u cards exist)",
                  n_with, (shown - start) / 1000.0, n_cards);
  g_print ("# 1000 exhibits: first screen of %u thumbnails in %.0f ms (%u cards exist)\n",
           n_with, (shown - start) / 1000.0, n_cards);

  /* Recycled: far fewer cards than exhibits, far fewer decodes. */
  g_print ("# %u thumbnails decoded so far\n",
           km_thumbnail_loader_get_n_decoded (km_thumbnail_loader_get_default ()) - decoded_before);
  g_assert_cmpuint (n_cards, <, 400);
  g_assert_cmpuint (km_thumbnail_loader_get_n_decoded (km_thumbnail_loader_get_default ()) - decoded_before, <, 400);

  /* The cells GTK keeps off screen decode when they are shown, not
   * before: a screen that scrolling stops on waits for its own (#19). */
  km_test_iterate (500);
  g_assert_cmpuint (km_thumbnail_loader_get_n_decoded (km_thumbnail_loader_get_default ()) - decoded_before, <=,
                    2 * count_cards_with_thumbnail (view, NULL));
  save_png (window, "gallery-large-pack");

  /* The grid may keep only as many columns as it shows: GTK 4.8 keeps cells
   * for some 32 rows of max-columns, and rebinds blocks of them while
   * scrolling.
   */
  {
    GtkWidget *grid = find_first (view, GTK_TYPE_GRID_VIEW);
    guint shown_columns;

    g_assert_true (km_test_wait_until (max_columns_fit, grid, 20000));
    shown_columns = count_columns (grid);
    g_assert_cmpuint (shown_columns, >=, 4);
    g_assert_cmpuint (gtk_grid_view_get_max_columns (GTK_GRID_VIEW (grid)), ==, shown_columns);
    km_test_iterate (200);
    n_with = count_cards_with_thumbnail (view, &n_cards);
    g_assert_cmpuint (n_cards, <=, 33 * shown_columns);

    /* Wider: more columns fit, and the grid is allowed them. */
    gtk_widget_set_size_request (view, 1800, -1);
    g_assert_true (km_test_wait_until (grid_is_wide, grid, 20000));
    /* A sanitizer build on a busy machine takes seconds for this layout. */
    if (!km_test_wait_until (more_columns_fit, grid, 20000))
      g_error ("the grid %d px wide shows %u columns and allows %u", gtk_widget_get_width (grid),
               count_columns (grid), gtk_grid_view_get_max_columns (GTK_GRID_VIEW (grid)));
    g_assert_cmpuint (count_columns (grid), >, shown_columns);
    g_assert_cmpuint (gtk_grid_view_get_max_columns (GTK_GRID_VIEW (grid)), ==, count_columns (grid));
  }

  /* Search across a thousand: "ismayilli" finds the İsmayıllı exhibits. */
  {
    g_autoptr(GPtrArray) cells = find_all (view, KM_TYPE_EXHIBIT_CARD);
    g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
    GListModel *model = km_gallery_view_get_model (KM_GALLERY_VIEW (view));
    g_autoptr(GPtrArray) after = NULL;
    guint n_mapped = 0;

    km_gallery_view_set_search (KM_GALLERY_VIEW (view), "ISMAYILLI");
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 125);
    km_test_wait_for_draw (window);

    /* The grid keeps its cells (#19): each shows one of the exhibits
     * found, and the first screen the first ones found, once each. */
    after = find_all (view, KM_TYPE_EXHIBIT_CARD);
    for (guint i = 0; i < after->len; i++)
      {
        KmExhibitCard *card = g_ptr_array_index (after, i);
        KmExhibit *exhibit = km_exhibit_card_get_exhibit (card);
        g_autofree char *title = NULL;

        g_assert_true (g_ptr_array_find (cells, card, NULL));
        if (!gtk_widget_get_mapped (GTK_WIDGET (card)))
          continue;
        g_assert_nonnull (exhibit);
        title = km_search_fold (km_exhibit_get_title (exhibit));
        g_assert_nonnull (strstr (title, "ismayilli"));
        g_assert_true (g_hash_table_add (shown, exhibit));
        n_mapped++;
      }
    g_assert_cmpuint (n_mapped, >=, 12);
    for (guint i = 0; i < n_mapped; i++)
      {
        g_autoptr(KmExhibit) exhibit = g_list_model_get_item (model, i);

        g_assert_true (g_hash_table_contains (shown, exhibit));
      }

    /* Deleting the word and scrolling at once: the cells scrolled into
     * view show the exhibits at their places, not those of the search. */
    {
      GtkWidget *grid = find_first (view, GTK_TYPE_GRID_VIEW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
        GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (grid, GTK_TYPE_SCROLLED_WINDOW)));
      g_autoptr(GHashTable) places = g_hash_table_new (NULL, NULL);
      g_autoptr(GPtrArray) now = NULL;
      guint first = G_MAXUINT, last = 0;

      km_gallery_view_set_search (KM_GALLERY_VIEW (view), NULL);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1000);
      gtk_adjustment_set_value (adjustment, 6 * gtk_adjustment_get_page_size (adjustment));
      km_test_wait_for_draw (window);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(KmExhibit) exhibit = g_list_model_get_item (model, i);

          g_hash_table_insert (places, exhibit, GUINT_TO_POINTER (i + 1));
        }
      /* On a loaded machine the grid may map the cells of the new place
       * over a few frames: wait for a screen of them (at most 5 s). */
      for (guint frame = 0; frame < 100; frame++)
        {
          n_mapped = 0;
          first = G_MAXUINT;
          last = 0;
          g_clear_pointer (&now, g_ptr_array_unref);
          now = find_all (view, KM_TYPE_EXHIBIT_CARD);
          for (guint i = 0; i < now->len; i++)
            {
              KmExhibitCard *card = g_ptr_array_index (now, i);
              guint place;

              if (!gtk_widget_get_mapped (GTK_WIDGET (card)))
                continue;
              place = GPOINTER_TO_UINT (g_hash_table_lookup (places, km_exhibit_card_get_exhibit (card)));
              g_assert_cmpuint (place, >, 0);
              first = MIN (first, place);
              last = MAX (last, place);
              n_mapped++;
            }
          if (n_mapped >= 12)
            break;
          km_test_iterate (50);
        }
      /* One screen of neighbours, far from the top. */
      g_assert_cmpuint (n_mapped, >=, 12);
      g_assert_cmpuint (last - first + 1, ==, n_mapped);
      g_assert_cmpuint (first, >, n_mapped);
    }
  }

  gtk_window_destroy (GTK_WINDOW (window));

  /* Leave no pack behind. */
  {
    const char *rm[] = { "rm", "-rf", dir, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL));
  }

}

typedef struct
{
  GMainLoop  *loop;
  GdkTexture *texture;
} LoadWait;

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  LoadWait *wait = data;
  g_autoptr(GError) error = NULL;

  wait->texture = km_thumbnail_loader_load_finish (KM_THUMBNAIL_LOADER (source), result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (wait->loop);
}

static void
test_thumbnail_cache (void)
{
  static const char *names[] = { "candle", "carnations", "petition", "film-reel", "poster-2012" };
  g_autoptr(KmThumbnailLoader) loader = km_thumbnail_loader_new (200 * 150 * 4 * 3);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *uri = g_strdup_printf ("resource://" RESOURCE_BASE "/content/images/%s.svg", names[i]);
      g_autoptr(GFile) file = g_file_new_for_uri (uri);
      LoadWait wait = { loop, NULL };

      km_thumbnail_loader_load_async (loader, file, 200, 150, 0, NULL, on_loaded_cb, &wait);
      g_main_loop_run (loop);
      g_assert_nonnull (wait.texture);
      /* Fitted into the box at its aspect ratio. */
      g_assert_true (gdk_texture_get_width (wait.texture) == 200 || gdk_texture_get_height (wait.texture) == 150);
      g_assert_cmpint (gdk_texture_get_width (wait.texture), <=, 200);
      g_assert_cmpint (gdk_texture_get_height (wait.texture), <=, 150);
      g_object_unref (wait.texture);
    }

  /* Bounded: only the most recent fit the budget. */
  g_assert_cmpuint (km_thumbnail_loader_get_n_decoded (loader), ==, 5);
  g_assert_cmpuint (km_thumbnail_loader_get_cached_bytes (loader), <=, 200 * 150 * 4 * 3);
  g_assert_cmpuint (km_thumbnail_loader_get_n_cached (loader), <, 5);
  {
    g_autoptr(GFile) newest = g_file_new_for_uri ("resource://" RESOURCE_BASE "/content/images/poster-2012.svg");
    g_autoptr(GFile) oldest = g_file_new_for_uri ("resource://" RESOURCE_BASE "/content/images/candle.svg");
    g_autoptr(GdkTexture) hit = km_thumbnail_loader_lookup (loader, newest, 200, 150, 0);
    g_autoptr(GdkTexture) miss = km_thumbnail_loader_lookup (loader, oldest, 200, 150, 0);
    g_autoptr(GdkTexture) other_size = km_thumbnail_loader_lookup (loader, newest, 400, 300, 0);

    g_assert_nonnull (hit);
    g_assert_null (miss);
    g_assert_null (other_size);
  }
}

static gboolean
card_has_thumbnail (gpointer card)
{
  return km_exhibit_card_get_has_thumbnail (card);
}

static gboolean
load_done (gpointer data)
{
  return ((LoadWait *) data)->texture != NULL;
}

static void
on_loaded_quietly_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  LoadWait *wait = data;

  wait->texture = km_thumbnail_loader_load_finish (KM_THUMBNAIL_LOADER (source), result, NULL);
}

/* A held loader queues decodes and starts them when released. */
static void
test_thumbnail_hold (void)
{
  g_autoptr(KmThumbnailLoader) loader = km_thumbnail_loader_new (200 * 150 * 4 * 4);
  g_autoptr(GFile) file = g_file_new_for_uri ("resource://" RESOURCE_BASE "/content/images/candle.svg");
  LoadWait wait = { NULL, NULL };

  km_thumbnail_loader_hold (loader);
  km_thumbnail_loader_hold (loader);
  g_assert_true (km_thumbnail_loader_get_held (loader));
  km_thumbnail_loader_load_async (loader, file, 200, 150, 0, NULL, on_loaded_quietly_cb, &wait);
  km_test_iterate (300);
  g_assert_null (wait.texture);
  g_assert_cmpuint (km_thumbnail_loader_get_n_decoded (loader), ==, 0);

  /* Holds nest. */
  km_thumbnail_loader_release (loader);
  km_test_iterate (300);
  g_assert_null (wait.texture);

  km_thumbnail_loader_release (loader);
  g_assert_false (km_thumbnail_loader_get_held (loader));
  g_assert_true (km_test_wait_until (load_done, &wait, 10000));
  g_assert_cmpuint (km_thumbnail_loader_get_n_decoded (loader), ==, 1);
  g_object_unref (wait.texture);
}

/* The largest difference between two horizontally neighbouring pixels, in
 * any channel: a sharp picture has edges, a blurred one has none.
 */
static int
max_neighbour_step (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * height * 4);
  int step = 0;

  gdk_texture_download (texture, data, (gsize) width * 4);
  for (int y = 0; y < height; y++)
    for (int x = 1; x < width; x++)
      for (int c = 0; c < 4; c++)
        step = MAX (step, abs (data[(y * width + x) * 4 + c] - data[(y * width + x - 1) * 4 + c]));

  return step;
}

/* An advisory thumbnail is blurred once, in the loader's thread, and kept
 * apart from the sharp one of the same image.
 */
static void
test_thumbnail_blur (void)
{
  g_autoptr(KmThumbnailLoader) loader = km_thumbnail_loader_new (200 * 150 * 4 * 4);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GFile) file = g_file_new_for_uri ("resource://" RESOURCE_BASE "/content/images/petition.svg");
  g_autoptr(GdkTexture) cached_sharp = NULL;
  g_autoptr(GdkTexture) cached_blurred = NULL;
  LoadWait sharp = { loop, NULL }, blurred = { loop, NULL };

  km_thumbnail_loader_load_async (loader, file, 200, 150, 0, NULL, on_loaded_cb, &sharp);
  g_main_loop_run (loop);
  km_thumbnail_loader_load_async (loader, file, 200, 150, 14, NULL, on_loaded_cb, &blurred);
  g_main_loop_run (loop);

  g_assert_cmpint (gdk_texture_get_width (blurred.texture), ==, gdk_texture_get_width (sharp.texture));
  g_assert_cmpint (gdk_texture_get_height (blurred.texture), ==, gdk_texture_get_height (sharp.texture));
  g_assert_cmpint (max_neighbour_step (sharp.texture), >, 100);
  g_assert_cmpint (max_neighbour_step (blurred.texture), <, max_neighbour_step (sharp.texture) / 3);
  /* Cairo draws the same pixels (see test_surface_paintable). */
  g_assert_nonnull (g_object_get_data (G_OBJECT (blurred.texture), KM_SURFACE_PAINTABLE_SURFACE_KEY));

  g_assert_cmpuint (km_thumbnail_loader_get_n_decoded (loader), ==, 2);
  cached_sharp = km_thumbnail_loader_lookup (loader, file, 200, 150, 0);
  cached_blurred = km_thumbnail_loader_lookup (loader, file, 200, 150, 14);
  g_assert_true (cached_sharp == sharp.texture);
  g_assert_true (cached_blurred == blurred.texture);

  g_object_unref (sharp.texture);
  g_object_unref (blurred.texture);
}

static KmExhibit *
find_exhibit (KmApplication *app,
              gboolean       with_advisory)
{
  GListModel *exhibits = km_content_store_get_exhibits (km_context_get_store (km_application_get_context (app)));

  for (guint i = 0; i < g_list_model_get_n_items (exhibits); i++)
    {
      g_autoptr(KmExhibit) exhibit = g_list_model_get_item (exhibits, i);

      if ((km_exhibit_get_advisory (exhibit) != NULL) == with_advisory)
        return g_steal_pointer (&exhibit);
    }

  g_assert_not_reached ();
}

/* A veiled card shows the loader's blurred picture, not a blur drawn on
 * every frame, and only veiled cards build the advisory badge.
 */
static void
test_card_advisory (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  g_autoptr(KmThumbnailLoader) loader = km_thumbnail_loader_new (200 * 150 * 4 * 8);
  g_autoptr(KmExhibit) plain = find_exhibit (app, FALSE);
  g_autoptr(KmExhibit) veiled = find_exhibit (app, TRUE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *plain_card = km_exhibit_card_new (loader);
  GtkWidget *veiled_card = km_exhibit_card_new (loader);
  GtkWidget *badge;
  int scale;

  gtk_box_append (GTK_BOX (box), plain_card);
  gtk_box_append (GTK_BOX (box), veiled_card);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  km_exhibit_card_set_exhibit (KM_EXHIBIT_CARD (plain_card), plain);
  km_exhibit_card_set_exhibit (KM_EXHIBIT_CARD (veiled_card), veiled);
  g_assert_true (km_test_wait_until (card_has_thumbnail, plain_card, 10000));
  g_assert_true (km_test_wait_until (card_has_thumbnail, veiled_card, 10000));

  g_assert_null (km_test_find_widget (plain_card, GTK_TYPE_BOX, "advisory-badge"));
  badge = km_test_find_widget (veiled_card, GTK_TYPE_BOX, "advisory-badge");
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_get_visible (badge));

  /* A texture, or cairo's surface of it: nothing left to blur per frame. */
  for (GtkWidget *card = plain_card; card != NULL; card = card == plain_card ? veiled_card : NULL)
    {
      GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (km_test_find_widget (card, GTK_TYPE_PICTURE, NULL)));

      g_assert_true (GDK_IS_TEXTURE (paintable) || KM_IS_SURFACE_PAINTABLE (paintable));
    }
  scale = gtk_widget_get_scale_factor (veiled_card);
  {
    g_autoptr(GdkTexture) blurred = km_thumbnail_loader_lookup (loader, km_exhibit_get_image_file (veiled),
                                                                KM_EXHIBIT_CARD_THUMB_WIDTH * scale,
                                                                KM_EXHIBIT_CARD_THUMB_HEIGHT * scale,
                                                                14 * scale);
    g_assert_nonnull (blurred);
  }

  /* The same card given a plain exhibit hides its badge. */
  km_exhibit_card_set_exhibit (KM_EXHIBIT_CARD (veiled_card), plain);
  g_assert_false (gtk_widget_get_visible (badge));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The viewer is built when an exhibit is first opened, not with the
 * gallery, nor again for a language switch while it is closed.
 */
static void
test_gallery_lazy_viewer (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  g_autoptr(KmExhibit) exhibit = find_exhibit (app, FALSE);
  KmWindow *window = present_window (app);
  KmGalleryView *gallery = get_gallery (window);

  g_assert_null (km_test_find_widget (GTK_WIDGET (gallery), KM_TYPE_IMAGE_VIEW, NULL));
  g_assert_cmpfloat (km_gallery_view_get_zoom (gallery), ==, 1.0);
  g_assert_false (km_gallery_view_get_veiled (gallery));
  /* No viewer, so none of its actions, and nothing is built for them. */
  g_assert_null (km_test_find_widget (GTK_WIDGET (gallery), KM_TYPE_EXHIBIT_VIEWER, NULL));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (gallery), "viewer.zoom-in", NULL));
  g_assert_cmpfloat (km_gallery_view_get_zoom (gallery), ==, 1.0);
  g_assert_null (km_test_find_widget (GTK_WIDGET (gallery), KM_TYPE_IMAGE_VIEW, NULL));

  km_application_set_language (app, "az");
  km_test_iterate (50);
  gallery = get_gallery (window);
  g_assert_null (km_test_find_widget (GTK_WIDGET (gallery), KM_TYPE_IMAGE_VIEW, NULL));

  km_gallery_view_open_exhibit (gallery, km_exhibit_get_id (exhibit));
  km_test_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (km_gallery_view_get_viewer_open (gallery));
  g_assert_nonnull (km_test_find_widget (GTK_WIDGET (gallery), KM_TYPE_IMAGE_VIEW, NULL));
  /* Its actions follow its image: zoom is enabled once the image loaded. */
  g_assert_true (km_test_wait_until (image_loaded, km_test_find_widget (GTK_WIDGET (gallery), KM_TYPE_IMAGE_VIEW, NULL), 10000));
  g_assert_true (gtk_widget_activate_action (get_viewer (gallery), "viewer.zoom-in", NULL));
  g_assert_cmpfloat (km_gallery_view_get_zoom (gallery), >, 1.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (gallery), "gallery.close", NULL));
  g_assert_false (km_gallery_view_get_viewer_open (gallery));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A cell scrolled away stops decoding but keeps its exhibit; bound again
 * to the same exhibit it decodes once more instead of staying blank.
 */
static void
test_card_rebind (void)
{
  g_autoptr(KmApplication) app = km_test_application_new ();
  g_autoptr(KmThumbnailLoader) loader = km_thumbnail_loader_new (200 * 150 * 4 * 8);
  g_autoptr(KmExhibit) exhibit = g_list_model_get_item (km_content_store_get_exhibits (km_context_get_store (km_application_get_context (app))), 0);
  g_autoptr(KmExhibit) other = g_list_model_get_item (km_content_store_get_exhibits (km_context_get_store (km_application_get_context (app))), 1);
  GtkWidget *card = g_object_ref_sink (km_exhibit_card_new (loader));

  km_exhibit_card_set_exhibit (KM_EXHIBIT_CARD (card), exhibit);
  km_exhibit_card_cancel_thumbnail (KM_EXHIBIT_CARD (card));
  km_exhibit_card_set_exhibit (KM_EXHIBIT_CARD (card), exhibit);
  g_assert_true (km_test_wait_until (card_has_thumbnail, card, 10000));
  g_assert_true (km_exhibit_card_get_exhibit (KM_EXHIBIT_CARD (card)) == exhibit);

  /* Another exhibit with no thumbnail ready: the old picture goes at once. */
  km_thumbnail_loader_clear (loader);
  km_exhibit_card_set_exhibit (KM_EXHIBIT_CARD (card), other);
  g_assert_false (km_exhibit_card_get_has_thumbnail (KM_EXHIBIT_CARD (card)));
  g_assert_true (km_test_wait_until (card_has_thumbnail, card, 10000));

  g_object_unref (card);
}

/* The cairo-drawn thumbnail shows the texture's pixels, at its size and
 * scaled to a cell; a texture from the loader lends it its own surface.
 */
static void
test_surface_paintable (void)
{
  guint32 pixels[4 * 2] = {
    0xff0000ff, 0xff00ff00, 0xffff0000, 0x80000080,
    0xffffffff, 0xff000000, 0x00000000, 0xff808080,
  };
  g_autoptr(GBytes) bytes = g_bytes_new (pixels, sizeof pixels);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new (4, 2, GDK_MEMORY_DEFAULT, bytes, 16);
  g_autoptr(GdkPaintable) paintable = km_surface_paintable_new_for_texture (texture);
  g_autoptr(GdkPaintable) again = km_surface_paintable_new_for_texture (texture);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *target;
  cairo_t *cr;

  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 4);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), ==, 2);
  /* One copy of the pixels per texture, however many cards show it. */
  g_assert_nonnull (g_object_get_data (G_OBJECT (texture), KM_SURFACE_PAINTABLE_SURFACE_KEY));

  gdk_paintable_snapshot (again, snapshot, 4, 2);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_cmpint (gsk_render_node_get_node_type (node), ==, GSK_CAIRO_NODE);

  target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 2);
  cr = cairo_create (target);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (target);
  for (int y = 0; y < 2; y++)
    for (int x = 0; x < 4; x++)
      {
        guint32 drawn = ((guint32 *) (cairo_image_surface_get_data (target) +
                                      y * cairo_image_surface_get_stride (target)))[x];
        g_assert_cmphex (drawn, ==, pixels[y * 4 + x]);
      }
  cairo_surface_destroy (target);

  /* The loader's SVG thumbnails come with their surface. */
  {
    g_autoptr(GFile) file = g_file_new_for_uri ("resource:///io/github/KhojalyMemorial/Exhibition/content/images/candle.svg");
    g_autoptr(GError) error = NULL;
    g_autoptr(GdkTexture) thumbnail = km_image_render_texture (file, 120, 90, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (g_object_get_data (G_OBJECT (thumbnail), KM_SURFACE_PAINTABLE_SURFACE_KEY));
  }
}

#ifdef __GLIBC__
/* malloc_info()'s arenas, parsed: bytes taken from the system and free,
 * for the main thread's (heap 0) and for all others. */
typedef struct
{
  int    heap;       /* the <heap nr> being read, -1 outside */
  int    depth;      /* elements inside that heap */
  gsize  system[2];  /* [0] main arena, [1] the others */
  gsize  free[2];
} ArenaUse;

static void
arena_start_element (GMarkupParseContext  *context,
                     const char           *element,
                     const char          **names,
                     const char          **values,
                     gpointer              user_data,
                     GError              **error)
{
  ArenaUse *use = user_data;
  const char *type = NULL, *size = NULL, *nr = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "type"))
        type = values[i];
      else if (g_str_equal (names[i], "size"))
        size = values[i];
      else if (g_str_equal (names[i], "nr"))
        nr = values[i];
    }

  if (g_str_equal (element, "heap") && nr != NULL)
    {
      use->heap = (int) g_ascii_strtoll (nr, NULL, 10);
      use->depth = 0;
      return;
    }
  if (use->heap < 0 || size == NULL || type == NULL)
    return;
  /* A heap's own totals, not the sizes of its free lists inside <sizes>. */
  if (g_str_equal (element, "system") && g_str_equal (type, "current"))
    use->system[use->heap > 0] += g_ascii_strtoull (size, NULL, 10);
  else if (g_str_equal (element, "total") && (g_str_equal (type, "fast") || g_str_equal (type, "rest")))
    use->free[use->heap > 0] += g_ascii_strtoull (size, NULL, 10);
}

static void
arena_end_element (GMarkupParseContext  *context,
                   const char           *element,
                   gpointer              user_data,
                   GError              **error)
{
  ArenaUse *use = user_data;

  if (g_str_equal (element, "heap"))
    use->heap = -1;
}

/* Bytes in use in the arenas of threads other than the main one. */
static gsize
other_arenas_in_use (void)
{
  static const GMarkupParser parser = { arena_start_element, arena_end_element, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ArenaUse use = { -1, 0, { 0, 0 }, { 0, 0 } };
  char *text = NULL;
  size_t length = 0;
  FILE *stream = open_memstream (&text, &length);

  g_assert_nonnull (stream);
  g_assert_cmpint (malloc_info (0, stream), ==, 0);
  fclose (stream);
  context = g_markup_parse_context_new (&parser, 0, &use, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, (gssize) length, &error));
  g_assert_no_error (error);
  free (text);
  g_assert_cmpuint (use.system[0], >, 0);
  g_assert_cmpuint (use.system[1], >=, use.free[1]);
  return use.system[1] - use.free[1];
}

/* The cache's pixels live in the main thread's arena (#19). Decoded in
 * pool threads, each of which may take another arena, they pinned pages
 * of arenas that later decodes did not reuse: a kiosk's resident memory
 * grew by 12 MB every 1,000 cycles with 10,000 exhibits while the memory
 * in use stayed flat.
 */
static void
test_thumbnail_arena (void)
{
  g_autoptr(KmThumbnailLoader) loader = km_thumbnail_loader_new (64 * 1024 * 1024);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GFile) file = g_file_new_for_uri ("resource://" RESOURCE_BASE "/content/images/candle.svg");
  gsize before, after, cached;

  /* The sanitizers' allocator has no glibc arenas to look at. */
  if (km_test_is_sanitized ())
    {
      g_test_skip ("malloc_info() does not see the sanitizers' allocator");
      return;
    }
  malloc_trim (0);
  before = other_arenas_in_use ();
  /* 100 images, each its own entry (the size is part of the key), each
   * under 128 KB, so that malloc takes it from an arena, not mmap(). */
  for (int i = 0; i < 100; i++)
    {
      LoadWait wait = { loop, NULL };

      km_thumbnail_loader_load_async (loader, file, 100 + i, 100, 0, NULL, on_loaded_cb, &wait);
      g_main_loop_run (loop);
      g_assert_nonnull (wait.texture);
      g_object_unref (wait.texture);
    }
  cached = km_thumbnail_loader_get_cached_bytes (loader);
  g_assert_cmpuint (km_thumbnail_loader_get_n_cached (loader), ==, 100);
  g_assert_cmpuint (cached, >, 3 * 1024 * 1024);

  malloc_trim (0);
  after = other_arenas_in_use ();
  g_test_message ("cached %zu KB; other threads' arenas in use %zu KB before, %zu KB after",
                  cached / 1024, before / 1024, after / 1024);
  /* Decoding leaves a little behind (librsvg's, GLib's per-thread data),
   * nothing like the cached pixels. */
  g_assert_cmpuint (after, <, before + cached / 4);
}
#endif

int
main (int   argc,
      char *argv[])
{
  /* The test AT context keeps accessible properties for the assertions
   * (the suite's GTK_A11Y=none keeps none); it talks to no bus.
   */
  g_setenv ("GTK_A11Y", "test", TRUE);
  km_test_init (&argc, &argv);
  /* Screenshots show where a transition ends, not its middle. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/km/gallery/grid", test_gallery_grid);
  g_test_add_func ("/km/gallery/viewer", test_gallery_viewer);
  g_test_add_func ("/km/gallery/language-switch", test_gallery_language_switch);
  g_test_add_func ("/km/gallery/empty-pack", test_gallery_empty_pack);
  g_test_add_func ("/km/gallery/loading", test_gallery_loading);
  g_test_add_func ("/km/gallery/thumbnail-cache", test_thumbnail_cache);
#ifdef __GLIBC__
  g_test_add_func ("/km/gallery/thumbnail-arena", test_thumbnail_arena);
#endif
  g_test_add_func ("/km/gallery/surface-paintable", test_surface_paintable);
  g_test_add_func ("/km/gallery/card-rebind", test_card_rebind);
  g_test_add_func ("/km/gallery/thumbnail-blur", test_thumbnail_blur);
  g_test_add_func ("/km/gallery/thumbnail-hold", test_thumbnail_hold);
  g_test_add_func ("/km/gallery/card-advisory", test_card_advisory);
  g_test_add_func ("/km/gallery/lazy-viewer", test_gallery_lazy_viewer);
  g_test_add_func ("/km/gallery/large-pack", test_gallery_large_pack);

  return g_test_run ();
}
