/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-exhibit-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "km-a11y.h"
#include "km-content-store.h"
#include "km-date-format.h"
#include "km-document-view.h"
#include "km-exhibit-card.h"
#include "km-exhibit-viewer.h"
#include "km-i18n.h"
#include "km-image-view.h"
#include "km-media-player.h"
#include "km-panel-box.h"
#include "km-widget-util.h"

/* One exhibit as large as the window allows, with the panel of all it
 * rests on (description, timeline entries, sources, credit, rights).
 *
 * The gallery owns the slideshow and says which exhibit is shown
 * (:exhibit); the viewer steps the slideshow (viewer.next, …) and shows
 * its position and speed. The content area is a stack with a page per
 * way of showing an exhibit: "image", "document", and "media" — the slot
 * the video and audio player takes (media_bin).
 */
struct _KmExhibitViewer
{
  AdwBin              parent_instance;

  KmContext          *context;
  KmContentStore     *store;
  KmSlideshow        *slideshow;
  KmExhibit          *exhibit;
  GHashTable         *revealed;      /* ids of exhibits shown past their veil */
  GtkWindow          *window;

  GtkLabel           *position_label;
  GtkLabel           *zoom_label;
  GtkButton          *play_button;
  GtkSpinButton      *interval_spin;
  GtkButton          *fullscreen_button;
  AdwFlap            *flap;
  GtkStack           *content_stack;
  GtkOverlay         *image_overlay;
  GtkWidget          *next_button;
  KmImageView        *image_view;
  AdwBin             *document_bin;
  KmDocumentView     *document_view;  /* built for the first PDF */
  AdwBin             *media_bin;
  KmMediaPlayer      *player;         /* built for the first video or recording */
  GtkWidget          *veil;
  GtkLabel           *advisory_label;
  GtkWidget          *reveal_button;
  GtkScrolledWindow  *info_scroller;
  GtkLabel           *kind_label;
  GtkLabel           *title_label;
  GtkLabel           *date_label;
  GtkLabel           *caption_label;
  GtkLabel           *description_label;
  GtkToggleButton    *more_button;
  GtkWidget          *entries_heading;
  GtkLabel           *transcript_heading;
  GtkLabel           *transcript_label;
  GtkBox             *entries_box;
  GtkBox             *sources_box;
  GtkLabel           *credit_label;
  GtkLabel           *rights_label;
};

G_DEFINE_FINAL_TYPE (KmExhibitViewer, km_exhibit_viewer, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SLIDESHOW,
  PROP_EXHIBIT,
  PROP_ZOOM,
  PROP_VEILED,
  PROP_DETAILS,
  PROP_READ_MORE,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A description longer than this starts folded, with “Read More”. */
#define LONG_DESCRIPTION 320

static void update_actions     (KmExhibitViewer *self);
static void on_image_loaded_cb (KmExhibitViewer *self);

static gboolean
is_kiosk (KmExhibitViewer *self)
{
  return self->context != NULL && km_context_get_kiosk (self->context);
}

/* Whether a PDF's pages are shown (zoom and Page Up/Down are theirs). */
static gboolean
shows_document (KmExhibitViewer *self)
{
  return self->document_view != NULL &&
         g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "document") == 0;
}

static gboolean
is_veiled (KmExhibitViewer *self)
{
  return self->exhibit != NULL &&
         km_exhibit_get_advisory (self->exhibit) != NULL &&
         !g_hash_table_contains (self->revealed, km_exhibit_get_id (self->exhibit));
}

static guint
get_n_shown (KmExhibitViewer *self)
{
  GListModel *model = km_slideshow_get_model (self->slideshow);

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

/* Toolbar */

static void
update_zoom_label (KmExhibitViewer *self)
{
  g_autofree char *text = NULL;

  /* Translators: the zoom level of the exhibit viewer; 100 % is the whole image */
  text = g_strdup_printf (C_("zoom", "%.0f %%"), km_exhibit_viewer_get_zoom (self) * 100);
  gtk_label_set_label (self->zoom_label, text);
}

static void
update_position_label (KmExhibitViewer *self)
{
  g_autofree char *position = NULL;

  /* Translators: the position of the exhibit in the viewer: “3 of 20” */
  position = g_strdup_printf (C_("exhibit position", "%1$u of %2$u"),
                              km_slideshow_get_position (self->slideshow) + 1, get_n_shown (self));
  gtk_label_set_label (self->position_label, position);
}

static void
update_play_button (KmExhibitViewer *self)
{
  gboolean playing = km_slideshow_get_playing (self->slideshow);

  gtk_button_set_icon_name (self->play_button,
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               playing ? _("Pause Slideshow") : _("Play Slideshow"));
  if (playing)
    gtk_widget_add_css_class (GTK_WIDGET (self->play_button), "suggested-action");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->play_button), "suggested-action");
}

static void
update_fullscreen_button (KmExhibitViewer *self)
{
  gboolean fullscreen = self->window != NULL && gtk_window_is_fullscreen (self->window);

  gtk_button_set_icon_name (self->fullscreen_button,
                            fullscreen ? "view-restore-symbolic" : "view-fullscreen-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fullscreen_button),
                               fullscreen ? _("Leave Fullscreen (F11)") : _("Fullscreen (F11)"));
  gtk_widget_set_visible (GTK_WIDGET (self->fullscreen_button), !is_kiosk (self));
}

static void
on_zoom_cb (KmExhibitViewer *self)
{
  update_zoom_label (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
on_navigate_cb (KmExhibitViewer *self,
                int              direction)
{
  if (direction > 0)
    km_slideshow_next (self->slideshow);
  else
    km_slideshow_previous (self->slideshow);
}

static void
on_slideshow_playing_cb (KmExhibitViewer *self)
{
  update_play_button (self);
}

static void
on_slideshow_model_changed_cb (KmExhibitViewer *self)
{
  update_position_label (self);
  update_actions (self);
}

/* Details panel */

static GtkWidget *
create_entry_button (KmTimelineEntry *entry)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *date = gtk_label_new (NULL);
  GtkWidget *headline = gtk_label_new (km_timeline_entry_get_headline (entry));
  g_autofree char *formatted = km_date_format_entry (entry, NULL);

  gtk_label_set_label (GTK_LABEL (date), formatted);
  gtk_label_set_xalign (GTK_LABEL (date), 0);
  gtk_label_set_wrap (GTK_LABEL (date), TRUE);
  gtk_widget_add_css_class (date, "caption");
  gtk_widget_add_css_class (date, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (headline), 0);
  gtk_label_set_wrap (GTK_LABEL (headline), TRUE);

  gtk_box_append (GTK_BOX (box), date);
  gtk_box_append (GTK_BOX (box), headline);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "km-entry-link");
  gtk_widget_set_tooltip_text (button, _("Show in the Timeline"));
  /* GTK 4.8 names a button with a box inside by nothing in the box. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, date, headline, NULL,
                                  -1);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-entry");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (km_timeline_entry_get_id (entry)));

  return button;
}

static void
fill_links (KmExhibitViewer *self,
            KmExhibit       *exhibit)
{
  const char * const *entry_ids = km_exhibit_get_entry_ids (exhibit);
  const char * const *source_ids = km_exhibit_get_source_ids (exhibit);
  guint n_entries = 0;

  km_widget_remove_all (GTK_WIDGET (self->entries_box));
  km_widget_remove_all (GTK_WIDGET (self->sources_box));

  for (guint i = 0; entry_ids != NULL && entry_ids[i] != NULL; i++)
    {
      KmTimelineEntry *entry = km_content_store_lookup_entry (self->store, entry_ids[i]);

      if (entry == NULL)
        continue;
      gtk_box_append (self->entries_box, create_entry_button (entry));
      n_entries++;
    }
  gtk_widget_set_visible (self->entries_heading, n_entries > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->entries_box), n_entries > 0);

  for (guint i = 0; source_ids != NULL && source_ids[i] != NULL; i++)
    {
      KmSource *source = km_content_store_lookup_source (self->store, source_ids[i]);
      GtkWidget *label;

      if (source == NULL)
        continue;

      /* Citations are quoted as published, in their own language. */
      label = gtk_label_new (km_source_get_citation (source));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "km-citation");
      gtk_box_append (self->sources_box, label);
    }
}

static void
update_description (KmExhibitViewer *self)
{
  const char *description = km_exhibit_get_description (self->exhibit);
  gboolean is_long = description != NULL && g_utf8_strlen (description, -1) > LONG_DESCRIPTION;
  gboolean expanded = !is_long || gtk_toggle_button_get_active (self->more_button);

  gtk_label_set_label (self->description_label, description);
  gtk_label_set_lines (self->description_label, expanded ? -1 : 5);
  gtk_label_set_ellipsize (self->description_label, expanded ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), is_long);
  gtk_button_set_label (GTK_BUTTON (self->more_button),
                        gtk_toggle_button_get_active (self->more_button) ? _("Show _Less") : _("_Read More"));
}

/* The whole transcript, below the description: the player's list beside
 * the picture follows the caption cues; this is the text as written,
 * readable even when the file fails. A document's transcription is in its
 * own panel, beside or below the page (KmDocumentView).
 */
static void
update_transcript (KmExhibitViewer *self)
{
  const char *transcript = km_exhibit_is_pdf (self->exhibit) ? NULL : km_exhibit_get_transcript (self->exhibit);

  gtk_label_set_label (self->transcript_heading, _("Transcript"));
  gtk_label_set_label (self->transcript_label, transcript);
  gtk_widget_set_visible (GTK_WIDGET (self->transcript_heading), transcript != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->transcript_label), transcript != NULL);
}

static GtkWidget *
find_panel_box (GtkWidget *widget)
{
  if (KM_IS_PANEL_BOX (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gtk_widget_get_visible (child) ? find_panel_box (child) : NULL;

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The next-exhibit button goes beside the picture, not over the transcript
 * beside it (a video's, a document's), where it would hide a line. */
static gboolean
on_get_child_position_cb (KmExhibitViewer *self,
                          GtkWidget       *widget,
                          GdkRectangle    *allocation)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);
  GtkWidget *box, *panel;
  graphene_rect_t bounds;
  int width, height;

  if (widget != self->next_button || page == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->content_stack)))
    return FALSE;

  box = find_panel_box (page);
  panel = box != NULL ? km_panel_box_get_panel (KM_PANEL_BOX (box)) : NULL;
  if (panel == NULL || !gtk_widget_get_visible (panel) || km_panel_box_get_folded (KM_PANEL_BOX (box)) ||
      !gtk_widget_compute_bounds (panel, GTK_WIDGET (self->image_overlay), &bounds))
    return FALSE;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  allocation->width = width;
  allocation->height = height;
  allocation->x = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL
                  ? (int) (bounds.origin.x + bounds.size.width)
                  : (int) bounds.origin.x - width;
  allocation->y = (gtk_widget_get_height (GTK_WIDGET (self->image_overlay)) - height) / 2;

  return TRUE;
}

static void
on_more_toggled_cb (KmExhibitViewer *self)
{
  if (self->exhibit != NULL)
    update_description (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_MORE]);
}

static void
set_page (KmExhibitViewer *self,
          const char      *name)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), name) != 0)
    gtk_stack_set_visible_child_name (self->content_stack, name);
}

static gboolean
percent_to_volume (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_double (value, MIN (g_variant_get_uint32 (variant), 100) / 100.0);
  return TRUE;
}

/* The player of videos and recordings, in the "media" page. In the kiosk
 * kiosk-volume caps its loudness; its captions are on from the start. */
static void
ensure_player (KmExhibitViewer *self)
{
  if (self->player != NULL)
    return;

  self->player = KM_MEDIA_PLAYER (km_media_player_new (self->context));
  if (self->context != NULL && km_context_get_kiosk (self->context))
    g_settings_bind_with_mapping (km_context_get_settings (self->context), "kiosk-volume",
                                  self->player, "max-volume", G_SETTINGS_BIND_GET,
                                  percent_to_volume, NULL, NULL, NULL);
  adw_bin_set_child (self->media_bin, GTK_WIDGET (self->player));
}

static gboolean
is_playable (KmExhibit *exhibit)
{
  KmExhibitKind kind = km_exhibit_get_kind (exhibit);

  return km_exhibit_get_media_file (exhibit) != NULL &&
         (kind == KM_EXHIBIT_KIND_VIDEO || kind == KM_EXHIBIT_KIND_AUDIO);
}

static void
on_document_failed_cb (KmExhibitViewer *self)
{
  /* The transcription stays in its panel beside the message. */
  update_actions (self);
}

static void
ensure_document_view (KmExhibitViewer *self)
{
  if (self->document_view != NULL)
    return;

  self->document_view = KM_DOCUMENT_VIEW (km_document_view_new ());
  g_signal_connect_object (self->document_view, "navigate",
                           G_CALLBACK (on_navigate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_view, "notify::zoom",
                           G_CALLBACK (on_zoom_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_view, "notify::loaded",
                           G_CALLBACK (on_image_loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->document_view, "notify::failed",
                           G_CALLBACK (on_document_failed_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->document_bin, GTK_WIDGET (self->document_view));
}

/* Shows self->exhibit: called for a new one and whenever the slideshow's
 * position or the veil change. */
static void
update (KmExhibitViewer *self)
{
  g_autofree char *date = NULL;
  KmExhibit *exhibit = self->exhibit;
  GtkRoot *root;
  GtkWidget *focus;
  gboolean veiled, had_focus;

  if (exhibit == NULL)
    return;

  /* Hiding the focused part (the veil's button, the image) or switching
   * the page it is on leaves the window without focus, and the keys
   * without the viewer's shortcuts: the focus moves to what is shown. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  had_focus = focus != NULL && (gtk_widget_is_ancestor (focus, self->veil) ||
                                gtk_widget_is_ancestor (focus, GTK_WIDGET (self->content_stack)));

  /* An image or a document: the player lets its stream go. */
  if (self->player != NULL && !is_playable (exhibit))
    km_media_player_set_exhibit (self->player, NULL);

  if (km_exhibit_is_pdf (exhibit))
    {
      ensure_document_view (self);
      km_document_view_set_transcription (self->document_view, km_exhibit_get_transcript (exhibit));
      km_document_view_set_alt_text (self->document_view, km_exhibit_get_alt (exhibit));
      km_document_view_set_file (self->document_view, km_exhibit_get_media_file (exhibit));
      km_image_view_set_file (self->image_view, NULL);
      set_page (self, "document");
    }
  else if (is_playable (exhibit))
    {
      /* A new exhibit loads paused; the same one goes on. */
      ensure_player (self);
      km_media_player_set_language (self->player, km_i18n_get_language ());
      km_media_player_set_exhibit (self->player, exhibit);
      km_image_view_set_file (self->image_view, NULL);
      set_page (self, "media");
    }
  else
    {
      /* An image. */
      km_image_view_set_file (self->image_view, km_exhibit_get_card_file (exhibit));
      km_image_view_set_alt_text (self->image_view, km_exhibit_get_alt (exhibit));
      set_page (self, "image");
    }

  veiled = is_veiled (self);
  gtk_widget_set_visible (self->veil, veiled);
  gtk_widget_set_visible (GTK_WIDGET (self->content_stack), !veiled);
  if (had_focus)
    km_exhibit_viewer_focus_exhibit (self);
  gtk_label_set_label (self->advisory_label, km_exhibit_get_advisory (exhibit));

  gtk_label_set_label (self->kind_label,
                       km_exhibit_is_pdf (exhibit) ? C_("exhibit kind", "Document")
                                                   : km_exhibit_kind_to_label (km_exhibit_get_kind (exhibit)));
  gtk_label_set_label (self->title_label, km_exhibit_get_title (exhibit));
  gtk_label_set_label (self->caption_label, km_exhibit_get_caption (exhibit));
  gtk_label_set_label (self->credit_label, km_exhibit_get_credit (exhibit));
  gtk_label_set_label (self->rights_label, km_exhibit_get_rights (exhibit));

  if (km_exhibit_get_has_date (exhibit))
    date = km_date_format (km_exhibit_get_date (exhibit), NULL);
  gtk_label_set_label (self->date_label, date);
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), date != NULL);

  update_description (self);
  update_transcript (self);
  fill_links (self, exhibit);
  update_position_label (self);
  update_zoom_label (self);
  update_actions (self);
}

static void
update_actions (KmExhibitViewer *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean veiled = is_veiled (self);
  /* The image view says whether it has anything to zoom. */
  gboolean can_zoom = self->exhibit != NULL && !veiled &&
                      (shows_document (self) ? km_document_view_get_loaded (self->document_view)
                                             : km_image_view_get_loaded (self->image_view));
  double zoom = km_exhibit_viewer_get_zoom (self);
  guint n_shown = get_n_shown (self);

  gtk_widget_action_set_enabled (widget, "viewer.next", n_shown > 1);
  gtk_widget_action_set_enabled (widget, "viewer.previous", n_shown > 1);
  gtk_widget_action_set_enabled (widget, "viewer.first", n_shown > 1);
  gtk_widget_action_set_enabled (widget, "viewer.last", n_shown > 1);
  gtk_widget_action_set_enabled (widget, "viewer.zoom-in", can_zoom && zoom < KM_IMAGE_VIEW_MAX_ZOOM);
  gtk_widget_action_set_enabled (widget, "viewer.zoom-out", can_zoom && zoom > KM_IMAGE_VIEW_MIN_ZOOM);
  gtk_widget_action_set_enabled (widget, "viewer.zoom-reset", can_zoom && zoom > KM_IMAGE_VIEW_MIN_ZOOM);
  gtk_widget_action_set_enabled (widget, "viewer.reveal", veiled);
  gtk_widget_action_set_enabled (widget, "viewer.toggle-slideshow", n_shown > 0);
  gtk_widget_action_set_enabled (widget, "viewer.fullscreen", !is_kiosk (self));
}

static void
on_image_loaded_cb (KmExhibitViewer *self)
{
  update_actions (self);
}

/* Actions */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  km_slideshow_next (KM_EXHIBIT_VIEWER (widget)->slideshow);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  km_slideshow_previous (KM_EXHIBIT_VIEWER (widget)->slideshow);
}

static void
first_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  km_slideshow_set_position (KM_EXHIBIT_VIEWER (widget)->slideshow, 0);
}

static void
last_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (widget);
  guint n = get_n_shown (self);

  if (n > 0)
    km_slideshow_set_position (self->slideshow, n - 1);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (widget);

  if (shows_document (self))
    km_document_view_zoom_in (self->document_view);
  else
    km_image_view_zoom_in (self->image_view);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (widget);

  if (shows_document (self))
    km_document_view_zoom_out (self->document_view);
  else
    km_image_view_zoom_out (self->image_view);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  km_exhibit_viewer_set_zoom (KM_EXHIBIT_VIEWER (widget), KM_IMAGE_VIEW_MIN_ZOOM);
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (widget);

  if (self->exhibit == NULL || !is_veiled (self))
    return;

  g_hash_table_add (self->revealed, g_strdup (km_exhibit_get_id (self->exhibit)));
  update (self);
  km_exhibit_viewer_focus_exhibit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VEILED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

static void
toggle_slideshow_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (widget);

  km_slideshow_set_playing (self->slideshow, !km_slideshow_get_playing (self->slideshow));
}

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (widget);

  /* The kiosk is always fullscreen; visitors must not leave it. */
  if (self->window == NULL || is_kiosk (self))
    return;

  if (gtk_window_is_fullscreen (self->window))
    gtk_window_unfullscreen (self->window);
  else
    gtk_window_fullscreen (self->window);
}

/* Left and Right follow the reading direction. */
static gboolean
on_arrow_shortcut_cb (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  int direction = g_variant_get_int32 (args);

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    direction = -direction;

  return gtk_widget_activate_action (widget, direction > 0 ? "viewer.next" : "viewer.previous", NULL);
}

static gboolean
on_page_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (widget);
  int direction = g_variant_get_int32 (args);

  if (shows_document (self) && !is_veiled (self) &&
      (direction > 0 ? km_document_view_next_page (self->document_view)
                     : km_document_view_previous_page (self->document_view)))
    return TRUE;

  return gtk_widget_activate_action (widget, direction > 0 ? "viewer.next" : "viewer.previous", NULL);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *accelerator,
              const char            *action_name)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accelerator),
                                                          gtk_named_action_new (action_name)));
}

static void
setup_shortcuts (KmExhibitViewer *self)
{
  GtkShortcutController *controller = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  GtkShortcut *shortcut;

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, 0),
                               gtk_callback_action_new (on_arrow_shortcut_cb, NULL, NULL));
  gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (-1));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, 0),
                               gtk_callback_action_new (on_arrow_shortcut_cb, NULL, NULL));
  gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (1));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);

  /* Presentation clickers send Page Up and Page Down: a document's pages
   * first, then the exhibits. */
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                               gtk_callback_action_new (on_page_shortcut_cb, NULL, NULL));
  gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (-1));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                               gtk_callback_action_new (on_page_shortcut_cb, NULL, NULL));
  gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (1));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
  add_shortcut (controller, "Home", "viewer.first");
  add_shortcut (controller, "End", "viewer.last");
  /* The gallery's: the viewer is a page of its stack. */
  add_shortcut (controller, "Escape", "gallery.close");
  add_shortcut (controller, "F11", "viewer.fullscreen");
  add_shortcut (controller, "<Control>plus|<Control>equal|<Control>KP_Add", "viewer.zoom-in");
  add_shortcut (controller, "<Control>minus|<Control>KP_Subtract", "viewer.zoom-out");
  add_shortcut (controller, "<Control>0|<Control>KP_0", "viewer.zoom-reset");

  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (controller));
}

/* GObject, GtkWidget */

static void
on_window_fullscreened_cb (KmExhibitViewer *self)
{
  update_fullscreen_button (self);
}

static void
km_exhibit_viewer_root (GtkWidget *widget)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (km_exhibit_viewer_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return;

  self->window = GTK_WINDOW (root);
  g_signal_connect_object (root, "notify::fullscreened",
                           G_CALLBACK (on_window_fullscreened_cb), self, G_CONNECT_SWAPPED);
  update_fullscreen_button (self);
}

static void
km_exhibit_viewer_unroot (GtkWidget *widget)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (widget);

  if (self->window != NULL)
    g_signal_handlers_disconnect_by_func (self->window, on_window_fullscreened_cb, self);
  self->window = NULL;

  GTK_WIDGET_CLASS (km_exhibit_viewer_parent_class)->unroot (widget);
}

static void
km_exhibit_viewer_constructed (GObject *object)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (object);
  GListModel *model;

  G_OBJECT_CLASS (km_exhibit_viewer_parent_class)->constructed (object);

  g_assert (KM_IS_SLIDESHOW (self->slideshow));
  /* A kiosk visitor selects no text: a long press would start a selection
   * with handles, and there is nowhere to paste it. */
  gtk_label_set_selectable (self->transcript_label, !is_kiosk (self));

  g_object_bind_property (self->slideshow, "interval",
                          gtk_spin_button_get_adjustment (self->interval_spin), "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->slideshow, "notify::playing",
                           G_CALLBACK (on_slideshow_playing_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->slideshow, "notify::position",
                           G_CALLBACK (on_slideshow_model_changed_cb), self, G_CONNECT_SWAPPED);
  model = km_slideshow_get_model (self->slideshow);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed",
                             G_CALLBACK (on_slideshow_model_changed_cb), self, G_CONNECT_SWAPPED);

  update_play_button (self);
  update_fullscreen_button (self);
  update_zoom_label (self);
  update_actions (self);
}

static void
km_exhibit_viewer_dispose (GObject *object)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KM_TYPE_EXHIBIT_VIEWER);

  g_clear_object (&self->exhibit);
  g_clear_object (&self->slideshow);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (km_exhibit_viewer_parent_class)->dispose (object);
}

static void
km_exhibit_viewer_finalize (GObject *object)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (object);

  g_clear_pointer (&self->revealed, g_hash_table_unref);

  G_OBJECT_CLASS (km_exhibit_viewer_parent_class)->finalize (object);
}

static GStrv
dup_revealed (KmExhibitViewer *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->revealed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_strv_builder_add (builder, key);

  return g_strv_builder_end (builder);
}

static void
set_revealed (KmExhibitViewer    *self,
              const char * const *ids)
{
  g_hash_table_remove_all (self->revealed);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_hash_table_add (self->revealed, g_strdup (ids[i]));

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VEILED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

static void
km_exhibit_viewer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SLIDESHOW:
      g_value_set_object (value, self->slideshow);
      break;

    case PROP_EXHIBIT:
      g_value_set_object (value, self->exhibit);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, km_exhibit_viewer_get_zoom (self));
      break;

    case PROP_VEILED:
      g_value_set_boolean (value, km_exhibit_viewer_get_veiled (self));
      break;

    case PROP_DETAILS:
      g_value_set_boolean (value, km_exhibit_viewer_get_details (self));
      break;

    case PROP_READ_MORE:
      g_value_set_boolean (value, km_exhibit_viewer_get_read_more (self));
      break;

    case PROP_REVEALED:
      g_value_take_boxed (value, dup_revealed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_exhibit_viewer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KmExhibitViewer *self = KM_EXHIBIT_VIEWER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      if (self->context != NULL)
        self->store = g_object_ref (km_context_get_store (self->context));
      break;

    case PROP_SLIDESHOW:
      self->slideshow = g_value_dup_object (value);
      break;

    case PROP_EXHIBIT:
      km_exhibit_viewer_set_exhibit (self, g_value_get_object (value));
      break;

    case PROP_ZOOM:
      km_exhibit_viewer_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_DETAILS:
      km_exhibit_viewer_set_details (self, g_value_get_boolean (value));
      break;

    case PROP_READ_MORE:
      km_exhibit_viewer_set_read_more (self, g_value_get_boolean (value));
      break;

    case PROP_REVEALED:
      set_revealed (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_exhibit_viewer_class_init (KmExhibitViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = km_exhibit_viewer_constructed;
  object_class->dispose = km_exhibit_viewer_dispose;
  object_class->finalize = km_exhibit_viewer_finalize;
  object_class->get_property = km_exhibit_viewer_get_property;
  object_class->set_property = km_exhibit_viewer_set_property;

  widget_class->root = km_exhibit_viewer_root;
  widget_class->unroot = km_exhibit_viewer_unroot;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KmExhibitViewer:slideshow:
   *
   * The gallery's slideshow: its model is what next and previous step
   * through, its position what the toolbar counts.
   */
  properties[PROP_SLIDESHOW] =
    g_param_spec_object ("slideshow", NULL, NULL,
                         KM_TYPE_SLIDESHOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_EXHIBIT] =
    g_param_spec_object ("exhibit", NULL, NULL,
                         KM_TYPE_EXHIBIT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         KM_IMAGE_VIEW_MIN_ZOOM, KM_IMAGE_VIEW_MAX_ZOOM, KM_IMAGE_VIEW_MIN_ZOOM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KmExhibitViewer:veiled:
   *
   * Whether the viewer shows a content advisory instead of the exhibit.
   */
  properties[PROP_VEILED] =
    g_param_spec_boolean ("veiled", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * KmExhibitViewer:details:
   *
   * Whether the panel about the exhibit is open.
   */
  properties[PROP_DETAILS] =
    g_param_spec_boolean ("details", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_READ_MORE] =
    g_param_spec_boolean ("read-more", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KmExhibitViewer:revealed:
   *
   * The ids of the exhibits a visitor chose to see past their content
   * advisory, in no order.
   */
  properties[PROP_REVEALED] =
    g_param_spec_boxed ("revealed", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KM_TYPE_IMAGE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-exhibit-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, position_label);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, play_button);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, fullscreen_button);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, flap);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, image_overlay);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, next_button);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, image_view);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, document_bin);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, media_bin);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, veil);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, advisory_label);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, info_scroller);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, kind_label);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, title_label);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, date_label);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, caption_label);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, description_label);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, more_button);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, entries_heading);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, transcript_heading);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, transcript_label);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, entries_box);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, sources_box);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, credit_label);
  gtk_widget_class_bind_template_child (widget_class, KmExhibitViewer, rights_label);
  gtk_widget_class_bind_template_callback (widget_class, on_navigate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_more_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_get_child_position_cb);

  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "viewer.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "viewer.last", NULL, last_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "viewer.reveal", NULL, reveal_action);
  gtk_widget_class_install_action (widget_class, "viewer.toggle-slideshow", NULL, toggle_slideshow_action);
  gtk_widget_class_install_action (widget_class, "viewer.fullscreen", NULL, fullscreen_action);
}

static void
on_flap_revealed_cb (KmExhibitViewer *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}

static void
km_exhibit_viewer_init (KmExhibitViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->revealed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_signal_connect_object (self->image_view, "notify::loaded",
                           G_CALLBACK (on_image_loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (on_flap_revealed_cb), self, G_CONNECT_SWAPPED);

  km_a11y_name_icon_buttons (GTK_WIDGET (self));
  km_a11y_name_from_label (GTK_BUTTON (self->more_button));
  setup_shortcuts (self);
}

/**
 * km_exhibit_viewer_new:
 * @context: the application's context (content store, settings, kiosk flag)
 * @slideshow: the slideshow over the exhibits the viewer steps through
 */
GtkWidget *
km_exhibit_viewer_new (KmContext   *context,
                       KmSlideshow *slideshow)
{
  g_return_val_if_fail (KM_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (KM_IS_SLIDESHOW (slideshow), NULL);

  return g_object_new (KM_TYPE_EXHIBIT_VIEWER,
                       "context", context,
                       "slideshow", slideshow,
                       NULL);
}

/**
 * km_exhibit_viewer_get_exhibit:
 *
 * Returns: (transfer none) (nullable): the exhibit shown
 */
KmExhibit *
km_exhibit_viewer_get_exhibit (KmExhibitViewer *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT_VIEWER (self), NULL);

  return self->exhibit;
}

/**
 * km_exhibit_viewer_set_exhibit:
 * @exhibit: (nullable): the exhibit to show
 *
 * Shows @exhibit. Another exhibit starts with its description folded and
 * the panel scrolled to the top; the same one again is only brought up to
 * date (position, veil).
 */
void
km_exhibit_viewer_set_exhibit (KmExhibitViewer *self,
                               KmExhibit       *exhibit)
{
  gboolean changed;

  g_return_if_fail (KM_IS_EXHIBIT_VIEWER (self));
  g_return_if_fail (exhibit == NULL || KM_IS_EXHIBIT (exhibit));

  changed = self->exhibit == NULL || exhibit == NULL ||
            g_strcmp0 (km_exhibit_get_id (self->exhibit), km_exhibit_get_id (exhibit)) != 0;

  g_set_object (&self->exhibit, exhibit);
  if (changed && exhibit != NULL)
    {
      gtk_toggle_button_set_active (self->more_button, FALSE);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->info_scroller), 0);
    }

  update (self);

  /* Another exhibit starts whole; a PDF seen before at its first page. */
  if (changed && shows_document (self))
    {
      km_document_view_set_page (self->document_view, 0);
      km_document_view_set_zoom (self->document_view, KM_IMAGE_VIEW_MIN_ZOOM);
    }

  if (changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXHIBIT]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VEILED]);
    }
}

double
km_exhibit_viewer_get_zoom (KmExhibitViewer *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT_VIEWER (self), KM_IMAGE_VIEW_MIN_ZOOM);

  if (shows_document (self))
    return km_document_view_get_zoom (self->document_view);

  return km_image_view_get_zoom (self->image_view);
}

void
km_exhibit_viewer_set_zoom (KmExhibitViewer *self,
                            double           zoom)
{
  g_return_if_fail (KM_IS_EXHIBIT_VIEWER (self));

  if (shows_document (self))
    km_document_view_set_zoom (self->document_view, zoom);
  else
    km_image_view_set_zoom (self->image_view, zoom);
}

gboolean
km_exhibit_viewer_get_veiled (KmExhibitViewer *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT_VIEWER (self), FALSE);

  return is_veiled (self);
}

gboolean
km_exhibit_viewer_get_details (KmExhibitViewer *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT_VIEWER (self), FALSE);

  return adw_flap_get_reveal_flap (self->flap);
}

void
km_exhibit_viewer_set_details (KmExhibitViewer *self,
                               gboolean         details)
{
  g_return_if_fail (KM_IS_EXHIBIT_VIEWER (self));

  adw_flap_set_reveal_flap (self->flap, details);
}

gboolean
km_exhibit_viewer_get_read_more (KmExhibitViewer *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT_VIEWER (self), FALSE);

  return gtk_toggle_button_get_active (self->more_button);
}

void
km_exhibit_viewer_set_read_more (KmExhibitViewer *self,
                                 gboolean         read_more)
{
  g_return_if_fail (KM_IS_EXHIBIT_VIEWER (self));

  gtk_toggle_button_set_active (self->more_button, read_more);
}

/**
 * km_exhibit_viewer_get_document_page:
 *
 * Returns: the page of the PDF shown, from 0, or -1 when the exhibit is
 *   not a PDF
 */
int
km_exhibit_viewer_get_document_page (KmExhibitViewer *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT_VIEWER (self), -1);

  return shows_document (self) ? km_document_view_get_page (self->document_view) : -1;
}

/**
 * km_exhibit_viewer_set_document_page:
 * @page: a page, from 0
 *
 * Turns the PDF shown to @page (once it is read, if it is being read).
 */
void
km_exhibit_viewer_set_document_page (KmExhibitViewer *self,
                                     int              page)
{
  g_return_if_fail (KM_IS_EXHIBIT_VIEWER (self));

  if (shows_document (self))
    km_document_view_set_page (self->document_view, page);
}

/**
 * km_exhibit_viewer_focus_exhibit:
 *
 * Moves the focus where the visitor acts next: the veil's Show button, or
 * the exhibit itself (the arrow keys pan a zoomed image).
 */
void
km_exhibit_viewer_focus_exhibit (KmExhibitViewer *self)
{
  g_return_if_fail (KM_IS_EXHIBIT_VIEWER (self));

  if (is_veiled (self))
    gtk_widget_grab_focus (self->reveal_button);
  else if (shows_document (self))
    km_document_view_focus_page (self->document_view);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->image_view));
}

/**
 * km_exhibit_viewer_reset:
 *
 * Back to how a new visitor finds it (the kiosk's idle reset): every
 * advisory veiled again, a PDF at its first page, the whole image or
 * page, the description folded.
 */
void
km_exhibit_viewer_reset (KmExhibitViewer *self)
{
  g_return_if_fail (KM_IS_EXHIBIT_VIEWER (self));

  set_revealed (self, NULL);
  km_exhibit_viewer_set_document_page (self, 0);
  km_exhibit_viewer_set_zoom (self, KM_IMAGE_VIEW_MIN_ZOOM);
  km_exhibit_viewer_set_read_more (self, FALSE);
}

/**
 * km_exhibit_viewer_get_player:
 *
 * Returns: (transfer none) (nullable): the player of videos and
 *   recordings, once one was shown
 */
KmMediaPlayer *
km_exhibit_viewer_get_player (KmExhibitViewer *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT_VIEWER (self), NULL);

  return self->player;
}
