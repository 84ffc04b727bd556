/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-timeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "km-a11y.h"
#include "km-content-store.h"
#include "km-context.h"
#include "km-date-format.h"
#include "km-outside-text.h"
#include "km-thumbnail-loader.h"
#include "km-timeline-overview.h"
#include "km-timeline-tour.h"
#include "km-timeline-view.h"
#include "km-view.h"
#include "km-widget-util.h"

#define THUMBNAIL_WIDTH  128
#define THUMBNAIL_HEIGHT 96
#define SWIPE_VELOCITY   400.0

struct _KmTimelineView
{
  AdwBin              parent_instance;

  KmContext          *context;
  KmContentStore     *store;
  KmTimelineTour     *tour;

  GtkButton          *tour_button;
  AdwButtonContent   *tour_button_content;
  GtkButton          *tour_text_button;
  AdwButtonContent   *tour_text_button_content;
  GtkButton          *tour_icon_button;
  GtkLabel           *position_label;
  GtkScrolledWindow  *overview_scroller;
  KmTimelineOverview *overview;
  GtkScrollbar       *overview_scrollbar;
  GtkScrolledWindow  *detail_scroller;

  /* A scroll position handed over by a language switch, applied once the
   * new page is tall enough to scroll that far (-1: none).
   */
  double              pending_detail_scroll;
  double              overview_upper;   /* the overview's height last seen */
  guint               keep_selected_id;
  char               *detail_entry_id;  /* the entry the detail area shows */
  GtkWidget          *detail_box;
  GtkLabel           *era_label;
  GtkLabel           *date_label;
  GtkLabel           *date_note_label;
  GtkLabel           *headline_label;
  GtkWidget          *veil;
  GtkLabel           *advisory_label;
  GtkWidget          *reveal_button;
  GtkLabel           *text_label;
  GtkWidget          *exhibits_heading;
  GtkFlowBox         *exhibits_box;
  GtkWidget          *sources_heading;
  GtkListBox         *sources_list;

  /* Entries whose text the visitor chose to read past their advisory;
   * forgotten at every reset, never added by the tour.
   */
  GHashTable         *revealed;

  guint               following_tour : 1;
};

static void km_timeline_view_iface_init (KmViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KmTimelineView, km_timeline_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (KM_TYPE_VIEW, km_timeline_view_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GListModel *
get_entries (KmTimelineView *self)
{
  return km_content_store_get_entries (self->store);
}

static guint
get_n_entries (KmTimelineView *self)
{
  return self->store != NULL ? g_list_model_get_n_items (get_entries (self)) : 0;
}

static guint
get_selected (KmTimelineView *self)
{
  return km_timeline_overview_get_selected (self->overview);
}

static KmTimelineEntry *
dup_selected_entry (KmTimelineView *self)
{
  if (get_n_entries (self) == 0)
    return NULL;

  return g_list_model_get_item (get_entries (self), get_selected (self));
}

static gboolean
find_entry (KmTimelineView *self,
            const char     *entry_id,
            guint          *position)
{
  GListModel *entries = get_entries (self);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(KmTimelineEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (km_timeline_entry_get_id (entry), entry_id) == 0)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_veiled (KmTimelineView  *self,
           KmTimelineEntry *entry)
{
  return entry != NULL &&
         km_timeline_entry_get_advisory_text (entry) != NULL &&
         !g_hash_table_contains (self->revealed, km_timeline_entry_get_id (entry));
}

static void
update_actions (KmTimelineView *self)
{
  g_autoptr(KmTimelineEntry) entry = dup_selected_entry (self);
  guint n = get_n_entries (self);
  guint selected = get_selected (self);
  double zoom = km_timeline_overview_get_zoom (self->overview);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.reveal", is_veiled (self, entry));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.previous", n > 0 && selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.first", n > 0 && selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.next", n > 0 && selected + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.last", n > 0 && selected + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.zoom-in", zoom < KM_TIMELINE_OVERVIEW_MAX_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.zoom-out", zoom > KM_TIMELINE_OVERVIEW_MIN_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.zoom-reset", zoom > KM_TIMELINE_OVERVIEW_MIN_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.toggle-tour", n > 1);
}

/* A label's text as shown: without the mnemonic underscore (“__” is
 * an underscore).
 */
static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (text, *p);
    }

  return g_string_free (text, FALSE);
}

static void
set_tour_text_button (GtkButton        *button,
                      AdwButtonContent *content,
                      const char       *icon_name,
                      const char       *label,
                      const char       *tooltip)
{
  adw_button_content_set_icon_name (content, icon_name);
  adw_button_content_set_label (content, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), tooltip);
}

static void
update_tour_button (KmTimelineView *self)
{
  gboolean playing = self->tour != NULL && km_timeline_tour_get_playing (self->tour);
  const char *icon_name = playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic";
  const char *label = playing ? _("_Pause Tour") : _("_Play Tour");
  const char *tooltip = playing ? _("Stop moving through the entries")
                                : _("Move through the entries one after another");
  g_autofree char *text = strip_mnemonic (label);

  /* The same button with and without the zoom buttons beside it. */
  set_tour_text_button (self->tour_button, self->tour_button_content, icon_name, label, tooltip);
  set_tour_text_button (self->tour_text_button, self->tour_text_button_content, icon_name, label, tooltip);
  /* The narrow window's icon-only button: its tooltip, and so its
   * accessible name (km_a11y_name_from_tooltip), is the text buttons' label.
   */
  gtk_button_set_icon_name (self->tour_icon_button, icon_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->tour_icon_button), text);
}

static void
on_thumbnail_loaded_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GtkPicture) picture = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = km_thumbnail_loader_load_finish (KM_THUMBNAIL_LOADER (source), result, &error);
  if (texture == NULL)
    {
      g_autofree char *reason = km_outside_text_plain (error->message, -1);

      g_debug ("Cannot show a thumbnail: %s", reason);
      return;
    }

  gtk_picture_set_paintable (picture, GDK_PAINTABLE (texture));
}

/* Thumbnails come from the gallery's loader: decoded off the main thread,
 * at the size shown, and cached for both views.
 */
static void
load_thumbnail (KmTimelineView *self,
                GtkPicture     *picture,
                KmExhibit      *exhibit)
{
  KmThumbnailLoader *loader = km_thumbnail_loader_get_default ();
  GFile *file = km_exhibit_get_image_file (exhibit);  /* transfer none */
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr(GdkTexture) cached = NULL;

  if (file == NULL)
    return;

  cached = km_thumbnail_loader_lookup (loader, file, THUMBNAIL_WIDTH * scale, THUMBNAIL_HEIGHT * scale, 0);
  if (cached != NULL)
    {
      gtk_picture_set_paintable (picture, GDK_PAINTABLE (cached));
      return;
    }

  km_thumbnail_loader_load_async (loader, file, THUMBNAIL_WIDTH * scale, THUMBNAIL_HEIGHT * scale, 0,
                                  NULL, on_thumbnail_loaded_cb, g_object_ref (picture));
}

static void
on_exhibit_clicked_cb (GtkButton      *button,
                       KmTimelineView *self)
{
  const char *id = g_object_get_data (G_OBJECT (button), "exhibit-id");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-exhibit", "s", id);
}

static GtkWidget *
create_exhibit_button (KmTimelineView *self,
                       KmExhibit      *exhibit)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (km_exhibit_get_title (exhibit));

  load_thumbnail (self, GTK_PICTURE (picture), exhibit);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (picture, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  gtk_widget_add_css_class (picture, "km-timeline-thumbnail");
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, km_exhibit_get_alt (exhibit),
                                  -1);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_widget_add_css_class (label, "caption");

  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "km-timeline-exhibit");
  gtk_widget_set_tooltip_text (button, km_exhibit_get_caption (exhibit));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, km_exhibit_get_title (exhibit),
                                  /* Translators: what activating an exhibit thumbnail on the timeline does */
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Opens the exhibit in the gallery"),
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "exhibit-id",
                          g_strdup (km_exhibit_get_id (exhibit)), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_exhibit_clicked_cb), self, 0);

  return button;
}

static GtkWidget *
create_source_row (KmSource *source)
{
  GtkWidget *row = adw_action_row_new ();
  const char *description = km_source_get_description (source);

  /* Citations are kept as published: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), km_source_get_citation (source));
  if (description != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("text-x-generic-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}


/* Shows the selected entry and tells screen readers what changed. */
static void
update_detail (KmTimelineView *self)
{
  g_autoptr(KmTimelineEntry) entry = dup_selected_entry (self);
  g_autofree char *date = NULL;
  g_autofree char *position = NULL;
  g_autofree char *description = NULL;
  const char *date_note;
  const char * const *ids;
  KmEra *era;
  guint n = get_n_entries (self);
  gboolean has_exhibits = FALSE;
  gboolean has_sources = FALSE;
  gboolean veiled;

  gtk_stack_set_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (self))),
                                    entry != NULL ? "timeline" : "empty");
  update_actions (self);

  if (entry == NULL)
    return;

  /* The date, or "date unknown", and under it what the source says about
   * it: why an undated entry stands here, or how an approximate date is
   * known.
   */
  date = km_date_format_entry (entry, NULL);
  date_note = km_timeline_entry_get_date_known (entry) ? km_timeline_entry_get_dated (entry)
                                                       : km_timeline_entry_get_placed (entry);

  era = km_timeline_entry_get_era_id (entry) != NULL
        ? km_content_store_lookup_era (self->store, km_timeline_entry_get_era_id (entry)) : NULL;
  gtk_label_set_label (self->era_label, era != NULL ? km_era_get_title (era) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->era_label), era != NULL);
  gtk_label_set_label (self->date_label, date);
  gtk_label_set_label (self->date_note_label, date_note != NULL ? date_note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_note_label), date_note != NULL);
  gtk_label_set_label (self->headline_label, km_timeline_entry_get_headline (entry));

  /* Behind an advisory the text and the exhibits wait, out of the
   * accessibility tree too, until the visitor chooses to read them.
   */
  veiled = is_veiled (self, entry);
  gtk_widget_set_visible (self->veil, veiled);
  gtk_label_set_label (self->advisory_label, veiled ? km_timeline_entry_get_advisory (entry) : "");
  gtk_label_set_label (self->text_label, veiled ? "" : km_timeline_entry_get_text (entry));
  gtk_widget_set_visible (GTK_WIDGET (self->text_label), !veiled);

  /* Translators: the position of the shown timeline entry, e.g. “Entry 3
   * of 18”: %1$u is its number, %2$u how many entries there are (the plural
   * form follows %2$u) */
  position = g_strdup_printf (ngettext ("Entry %1$u of %2$u", "Entry %1$u of %2$u", n),
                              get_selected (self) + 1, n);
  gtk_label_set_label (self->position_label, position);

  /* A keyboard user on an exhibit of the old entry goes back to the
   * overview, which announces the new one, rather than to nowhere.
   */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

    if (focus != NULL && (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->exhibits_box)) ||
                          gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sources_list))))
      gtk_widget_grab_focus (GTK_WIDGET (self->overview));
  }

  km_widget_remove_all (GTK_WIDGET (self->exhibits_box));
  ids = km_timeline_entry_get_exhibit_ids (entry);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      KmExhibit *exhibit = km_content_store_lookup_exhibit (self->store, ids[i]);
      GtkWidget *button;

      if (exhibit == NULL)
        continue;

      button = create_exhibit_button (self, exhibit);
      gtk_flow_box_append (self->exhibits_box, button);
      /* One Tab stop per exhibit: the button, not its flow box child. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      /* The cell a screen reader's table navigation lands on. */
      km_a11y_label_list_item (button, km_exhibit_get_title (exhibit), km_exhibit_get_alt (exhibit));
      has_exhibits = TRUE;
    }
  gtk_widget_set_visible (self->exhibits_heading, has_exhibits && !veiled);
  gtk_widget_set_visible (GTK_WIDGET (self->exhibits_box), has_exhibits && !veiled);

  km_widget_remove_all (GTK_WIDGET (self->sources_list));
  ids = km_timeline_entry_get_source_ids (entry);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      KmSource *source = km_content_store_lookup_source (self->store, ids[i]);

      if (source == NULL)
        continue;

      gtk_list_box_append (self->sources_list, create_source_row (source));
      has_sources = TRUE;
    }
  gtk_widget_set_visible (self->sources_heading, has_sources);
  gtk_widget_set_visible (GTK_WIDGET (self->sources_list), has_sources);

  /* Translators: read by screen readers when another timeline entry is
   * shown: its date (%1$s), then its position: its number (%2$u) and how
   * many entries there are (%3$u; the plural form follows it), e.g.
   * “26 February 1992, entry 3 of 18”
   */
  description = g_strdup_printf (ngettext ("%1$s, entry %2$u of %3$u", "%1$s, entry %2$u of %3$u", n),
                                 date, get_selected (self) + 1, n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->detail_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, km_timeline_entry_get_headline (entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  /* A new entry starts at its top; the same one keeps its place. */
  if (g_strcmp0 (self->detail_entry_id, km_timeline_entry_get_id (entry)) != 0)
    {
      g_free (self->detail_entry_id);
      self->detail_entry_id = g_strdup (km_timeline_entry_get_id (entry));
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
    }
}

/* Keeps the selected entry's row in view when the overview is taller
 * than its place.
 */
static void
scroll_overview_to_selected (KmTimelineView *self)
{
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (self->overview_scroller);
  graphene_rect_t bounds;
  double value, page;

  if (!km_timeline_overview_get_entry_bounds (self->overview, get_selected (self), &bounds))
    return;

  value = gtk_adjustment_get_value (vadj);
  page = gtk_adjustment_get_page_size (vadj);
  if (bounds.origin.y < value)
    gtk_adjustment_set_value (vadj, bounds.origin.y - 12);
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (vadj, bounds.origin.y + bounds.size.height - page + 12);
}

/* The overview is laid out again for a new width, text size or
 * content, and grows or shrinks: where the selected entry went, the
 * overview goes too (with 2,000 entries it is tens of thousands of
 * pixels tall, and would otherwise show some other year).
 */
static gboolean
keep_selected_in_view_cb (gpointer user_data)
{
  KmTimelineView *self = user_data;

  self->keep_selected_id = 0;
  scroll_overview_to_selected (self);

  return G_SOURCE_REMOVE;
}

static void
on_overview_vadjustment_changed_cb (GtkAdjustment  *adjustment,
                                    KmTimelineView *self)
{
  double upper = gtk_adjustment_get_upper (adjustment);

  if (upper == self->overview_upper)
    return;

  /* Not now: the scroller is being allocated, and would not move. */
  self->overview_upper = upper;
  if (self->keep_selected_id == 0)
    self->keep_selected_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, keep_selected_in_view_cb, self, NULL);
}

static void
on_overview_selected_cb (KmTimelineView *self)
{
  update_detail (self);
  scroll_overview_to_selected (self);

  /* The tour follows the visitor, and a visitor's choice stops it. */
  if (!self->following_tour)
    {
      g_autoptr(KmTimelineEntry) entry = dup_selected_entry (self);

      km_timeline_tour_pause (self->tour);
      km_timeline_tour_set_position (self->tour, get_selected (self));
      /* For the visit figures (a kiosk's, during a visit). */
      if (self->context != NULL && entry != NULL)
        km_context_note_opened (self->context, KM_VISIT_OPEN_ENTRY, km_timeline_entry_get_id (entry));
    }
}

static void
on_overview_zoom_cb (KmTimelineView *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->overview_scrollbar),
                          km_timeline_overview_get_zoom (self->overview) > KM_TIMELINE_OVERVIEW_MIN_ZOOM);
  update_actions (self);
}

static void
on_overview_entry_activated_cb (KmTimelineView *self,
                                guint           index)
{
  /* "Open": go into the entry, whose group screen readers announce with
   * its headline, to its first exhibit or source.
   */
  gtk_widget_child_focus (self->detail_box, GTK_DIR_TAB_FORWARD);
}

static void
on_tour_position_cb (KmTimelineView *self)
{
  self->following_tour = TRUE;
  km_timeline_overview_set_selected (self->overview, km_timeline_tour_get_position (self->tour));
  self->following_tour = FALSE;
}

static void
on_tour_playing_cb (KmTimelineView *self)
{
  update_tour_button (self);
}

static void
select_position (KmTimelineView *self,
                 guint           position)
{
  km_timeline_overview_set_selected (self->overview, position);
}

static void
on_swipe_cb (GtkGestureSwipe *gesture,
             double           velocity_x,
             double           velocity_y,
             KmTimelineView  *self)
{
  guint selected = get_selected (self);

  if (ABS (velocity_x) < SWIPE_VELOCITY || ABS (velocity_x) < 2 * ABS (velocity_y))
    return;

  km_timeline_tour_pause (self->tour);

  /* Swiping left brings the next entry in from the right. */
  if (velocity_x < 0 && selected + 1 < get_n_entries (self))
    select_position (self, selected + 1);
  else if (velocity_x > 0 && selected > 0)
    select_position (self, selected - 1);
}

static gboolean
is_in_tour_button (KmTimelineView *self,
                   GtkWidget      *widget)
{
  GtkWidget *buttons[] = {
    GTK_WIDGET (self->tour_button),
    GTK_WIDGET (self->tour_text_button),
    GTK_WIDGET (self->tour_icon_button),
  };

  /* Any of the squeezer's three tour buttons, whichever shows. */
  for (guint i = 0; widget != NULL && i < G_N_ELEMENTS (buttons); i++)
    if (widget == buttons[i] || gtk_widget_is_ancestor (widget, buttons[i]))
      return TRUE;

  return FALSE;
}

/* Any touch, click, scroll or key in the view hands control back to the
 * visitor; only the tour's own button leaves the tour to itself.
 */
static void
on_capture_pressed_cb (GtkGestureClick *gesture,
                       int              n_press,
                       double           x,
                       double           y,
                       KmTimelineView  *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  if (!is_in_tour_button (self, picked))
    km_timeline_tour_pause (self->tour);
}

static gboolean
on_capture_key_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   KmTimelineView        *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (!is_in_tour_button (self, focus))
    km_timeline_tour_pause (self->tour);

  return FALSE;
}

static gboolean
on_capture_scroll_cb (GtkEventControllerScroll *controller,
                      double                    dx,
                      double                    dy,
                      KmTimelineView           *self)
{
  km_timeline_tour_pause (self->tour);

  return FALSE;
}

/* Actions */

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (widget);

  if (get_selected (self) > 0)
    select_position (self, get_selected (self) - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (widget);

  if (get_selected (self) + 1 < get_n_entries (self))
    select_position (self, get_selected (self) + 1);
}

static void
first_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  select_position (KM_TIMELINE_VIEW (widget), 0);
}

static void
last_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (widget);
  guint n = get_n_entries (self);

  if (n > 0)
    select_position (self, n - 1);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  km_timeline_overview_zoom_in (KM_TIMELINE_VIEW (widget)->overview);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  km_timeline_overview_zoom_out (KM_TIMELINE_VIEW (widget)->overview);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  km_timeline_overview_set_zoom (KM_TIMELINE_VIEW (widget)->overview, 1.0);
}

static void
reveal_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (widget);
  g_autoptr(KmTimelineEntry) entry = dup_selected_entry (self);

  if (!is_veiled (self, entry))
    return;

  g_hash_table_add (self->revealed, g_strdup (km_timeline_entry_get_id (entry)));
  update_detail (self);
  /* Reading is the visitor's choice: the tour waits for them. The button
   * is gone, so the keyboard goes back to the overview.
   */
  km_timeline_tour_pause (self->tour);
  gtk_widget_grab_focus (GTK_WIDGET (self->overview));
}

static void
toggle_tour_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  km_timeline_tour_toggle (KM_TIMELINE_VIEW (widget)->tour);
}

/* KmView */

static void
on_detail_adjustment_changed_cb (GtkAdjustment  *adjustment,
                                 KmTimelineView *self)
{
  double max = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  if (self->pending_detail_scroll < 0 || max < self->pending_detail_scroll)
    return;

  gtk_adjustment_set_value (adjustment, self->pending_detail_scroll);
  self->pending_detail_scroll = -1;
}

static GVariant *
km_timeline_view_save_state (KmView *view)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (view);
  g_autoptr(KmTimelineEntry) entry = dup_selected_entry (self);
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  if (entry != NULL)
    g_variant_dict_insert (&dict, "entry", "s", km_timeline_entry_get_id (entry));
  g_variant_dict_insert (&dict, "zoom", "d", km_timeline_overview_get_zoom (self->overview));
  g_variant_dict_insert (&dict, "scroll", "d", km_timeline_overview_get_scroll (self->overview));
  g_variant_dict_insert (&dict, "overview-vscroll", "d",
                         gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->overview_scroller)));
  g_variant_dict_insert (&dict, "detail-scroll", "d",
                         gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller)));
  g_variant_dict_insert (&dict, "tour-playing", "b", km_timeline_tour_get_playing (self->tour));
  {
    g_autoptr(GPtrArray) revealed = g_ptr_array_new ();
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->revealed);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (revealed, key);
    g_variant_dict_insert_value (&dict, "revealed",
                                 g_variant_new_strv ((const char * const *) revealed->pdata, revealed->len));
  }

  return g_variant_dict_end (&dict);
}

static void
km_timeline_view_restore_state (KmView   *view,
                                GVariant *state)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (view);
  const char *entry_id = NULL;
  double zoom, scroll;
  gboolean playing;

  if (!g_variant_is_of_type (state, G_VARIANT_TYPE_VARDICT))
    return;

  /* First, so that the restored entry shows as the visitor left it. */
  {
    g_autofree const char **revealed = NULL;

    if (g_variant_lookup (state, "revealed", "^a&s", &revealed))
      for (guint i = 0; revealed[i] != NULL; i++)
        g_hash_table_add (self->revealed, g_strdup (revealed[i]));
  }

  if (g_variant_lookup (state, "entry", "&s", &entry_id))
    {
      guint position;

      if (find_entry (self, entry_id, &position))
        select_position (self, position);
    }

  if (g_variant_lookup (state, "zoom", "d", &zoom))
    km_timeline_overview_set_zoom (self->overview, zoom);
  if (g_variant_lookup (state, "scroll", "d", &scroll))
    km_timeline_overview_set_scroll (self->overview, scroll);
  if (g_variant_lookup (state, "detail-scroll", "d", &scroll))
    {
      self->pending_detail_scroll = scroll;
      on_detail_adjustment_changed_cb (gtk_scrolled_window_get_vadjustment (self->detail_scroller), self);
    }

  /* Last: the tour goes on from the restored entry. */
  if (g_variant_lookup (state, "tour-playing", "b", &playing))
    km_timeline_tour_set_playing (self->tour, playing);
}

static void
km_timeline_view_reset (KmView *view)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (view);

  km_timeline_tour_pause (self->tour);
  self->pending_detail_scroll = -1;
  g_hash_table_remove_all (self->revealed);
  select_position (self, 0);
  update_detail (self);
  km_timeline_tour_set_position (self->tour, 0);
  km_timeline_overview_set_zoom (self->overview, 1.0);
  km_timeline_overview_set_scroll (self->overview, 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->overview_scroller), 0);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
}

static void
km_timeline_view_iface_init (KmViewInterface *iface)
{
  iface->save_state = km_timeline_view_save_state;
  iface->restore_state = km_timeline_view_restore_state;
  iface->reset = km_timeline_view_reset;
}

/* GObject */

static void
km_timeline_view_constructed (GObject *object)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (object);

  G_OBJECT_CLASS (km_timeline_view_parent_class)->constructed (object);

  if (self->store == NULL)
    self->store = km_content_store_new ();

  self->tour = km_timeline_tour_new (get_entries (self),
                                     self->context != NULL ? km_context_get_clock (self->context) : NULL);
  g_signal_connect_object (self->tour, "notify::position",
                           G_CALLBACK (on_tour_position_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tour, "notify::playing",
                           G_CALLBACK (on_tour_playing_cb), self, G_CONNECT_SWAPPED);

  km_timeline_overview_set_store (self->overview, self->store);
  g_signal_connect_object (get_entries (self), "items-changed",
                           G_CALLBACK (update_detail), self, G_CONNECT_SWAPPED);

  km_a11y_name_from_tooltip (GTK_WIDGET (self->tour_icon_button));
  update_tour_button (self);
  update_detail (self);
}

static void
km_timeline_view_dispose (GObject *object)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (object);

  if (self->tour != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->tour, self);
      km_timeline_tour_pause (self->tour);
    }
  g_clear_object (&self->tour);
  g_clear_handle_id (&self->keep_selected_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), KM_TYPE_TIMELINE_VIEW);

  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->detail_entry_id, g_free);
  g_clear_pointer (&self->revealed, g_hash_table_unref);

  G_OBJECT_CLASS (km_timeline_view_parent_class)->dispose (object);
}

static void
km_timeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_timeline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      if (self->context != NULL)
        self->store = g_object_ref (km_context_get_store (self->context));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_timeline_view_class_init (KmTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = km_timeline_view_constructed;
  object_class->dispose = km_timeline_view_dispose;
  object_class->get_property = km_timeline_view_get_property;
  object_class->set_property = km_timeline_view_set_property;

  g_object_class_override_property (object_class, PROP_CONTEXT, "context");

  g_type_ensure (KM_TYPE_TIMELINE_OVERVIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, tour_button);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, tour_button_content);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, tour_text_button);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, tour_text_button_content);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, tour_icon_button);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, position_label);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, overview_scroller);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, overview);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, overview_scrollbar);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, detail_box);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, era_label);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, date_label);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, date_note_label);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, headline_label);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, veil);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, advisory_label);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, text_label);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, exhibits_heading);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, exhibits_box);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, sources_heading);
  gtk_widget_class_bind_template_child (widget_class, KmTimelineView, sources_list);

  gtk_widget_class_install_action (widget_class, "timeline.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "timeline.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "timeline.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "timeline.last", NULL, last_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-reset", NULL, zoom_reset_action);
  gtk_widget_class_install_action (widget_class, "timeline.toggle-tour", NULL, toggle_tour_action);
  gtk_widget_class_install_action (widget_class, "timeline.reveal", NULL, reveal_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "timeline.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "timeline.zoom-reset", NULL);
}

static void
km_timeline_view_init (KmTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->revealed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending_detail_scroll = -1;
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->detail_scroller), "changed",
                           G_CALLBACK (on_detail_adjustment_changed_cb), self, 0);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->overview_scroller), "changed",
                           G_CALLBACK (on_overview_vadjustment_changed_cb), self, 0);

  gtk_scrollbar_set_adjustment (self->overview_scrollbar,
                                km_timeline_overview_get_hadjustment (self->overview));

  g_signal_connect_object (self->overview, "notify::selected",
                           G_CALLBACK (on_overview_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overview, "notify::zoom",
                           G_CALLBACK (on_overview_zoom_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overview, "entry-activated",
                           G_CALLBACK (on_overview_entry_activated_cb), self, G_CONNECT_SWAPPED);

  /* Swipe the detail sideways for the previous or next entry. */
  gesture = gtk_gesture_swipe_new ();
  gtk_event_controller_set_name (GTK_EVENT_CONTROLLER (gesture), "km-timeline-swipe");
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "swipe", G_CALLBACK (on_swipe_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->detail_scroller), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_capture_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_capture_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_capture_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/**
 * km_timeline_view_select_entry:
 * @entry_id: a timeline entry id
 *
 * Shows the entry, e.g. when a gallery exhibit links to it; an unknown id
 * changes nothing.
 */
void
km_timeline_view_select_entry (KmTimelineView *self,
                               const char     *entry_id)
{
  guint position;

  g_return_if_fail (KM_IS_TIMELINE_VIEW (self));

  if (entry_id == NULL || !find_entry (self, entry_id, &position))
    return;

  km_timeline_tour_pause (self->tour);
  select_position (self, position);
}

/**
 * km_timeline_view_get_selected_id:
 *
 * Returns: (nullable): the id of the entry shown
 */
const char *
km_timeline_view_get_selected_id (KmTimelineView *self)
{
  g_autoptr(KmTimelineEntry) entry = NULL;

  g_return_val_if_fail (KM_IS_TIMELINE_VIEW (self), NULL);

  entry = dup_selected_entry (self);

  /* The store keeps the entry alive. */
  return entry != NULL ? km_timeline_entry_get_id (entry) : NULL;
}

/**
 * km_timeline_view_get_veiled:
 *
 * Returns: whether the shown entry's text waits behind its content advisory
 */
gboolean
km_timeline_view_get_veiled (KmTimelineView *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_VIEW (self), FALSE);

  return gtk_widget_get_visible (self->veil);
}

/**
 * km_timeline_view_get_tour:
 *
 * Returns: (transfer none): the tour the view follows
 */
KmTimelineTour *
km_timeline_view_get_tour (KmTimelineView *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_VIEW (self), NULL);

  return self->tour;
}
