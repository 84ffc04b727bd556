/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-timeline-overview"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "km-date-format.h"
#include "km-timeline-layout.h"
#include "km-timeline-overview.h"

/* The strip above the timeline's detail: era bands, a time axis with the
 * long empty stretches cut out, and a marker with its headline for every
 * entry. Where things go is km_timeline_layout_compute()'s business; this
 * widget only measures, draws and handles input. It is one Tab stop: the
 * arrow keys, Home and End move the selection, Enter activates it.
 *
 * With thousands of entries (#19) the strip is far taller than its
 * scroller and wider when zoomed in: each label is measured once per wrap
 * width and kept, so a resize only packs boxes again, and only what the
 * scroller shows is drawn, with a PangoLayout made when first shown.
 */

struct _KmTimelineOverview
{
  GtkWidget         parent_instance;

  KmContentStore   *store;
  GtkAdjustment    *hadjustment;
  KmTimelineLayout *layout;
  GPtrArray        *entry_layouts;   /* PangoLayout or NULL until drawn, per entry */
  GPtrArray        *era_layouts;
  PangoLayout      *measure_layout;
  GHashTable       *measured;        /* label and wrap width -> its size, see measure_cached() */
  char             *font_key;        /* what the measurements were made with */
  GtkAdjustment    *outer_vadjustment; /* the scroller's we are in, if any */
  double            zoom;
  double            pending_scroll;  /* < 0: none */
  guint             selected;
  int               hovered;
  double            drag_start_value;
  double            zoom_gesture_start;
};

G_DEFINE_FINAL_TYPE (KmTimelineOverview, km_timeline_overview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTED,
  PROP_ZOOM,
  N_PROPS
};

enum {
  ENTRY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The year numbers under the axis reach this far below it, at 100 %. */
#define AXIS_LABELS_HEIGHT 30.0

static const double zoom_steps[] = { 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0 };

static guint
get_n_entries (KmTimelineOverview *self)
{
  return self->store != NULL ? g_list_model_get_n_items (km_content_store_get_entries (self->store)) : 0;
}

/* Large text raises the font resolution; markers and gaps follow it. */
static double
get_font_scale (KmTimelineOverview *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  int dpi = 0;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  if (dpi <= 0)
    return 1.0;

  return CLAMP (dpi / (96.0 * 1024.0), 0.5, 4.0);
}

/* An entry of unknown date stands at the entry it is placed next to, as a
 * point: it has no period to draw.
 */
static void
get_entry_span (KmTimelineEntry *entry,
                KmTimelineSpan  *span)
{
  const KmDate *date = km_timeline_entry_get_position (entry);
  const KmDate *end = km_timeline_entry_get_has_end (entry) ? km_timeline_entry_get_end (entry) : date;

  span->start = km_date_to_days (date);
  span->end = km_timeline_entry_get_date_known (entry) ? MAX (km_date_end_to_days (end), span->start) : span->start;
}

static const char *
get_label (KmTimelineOverview *self,
           guint               index,
           gboolean            is_era)
{
  /* The store keeps its entries and eras alive. */
  if (is_era)
    {
      g_autoptr(KmEra) era = g_list_model_get_item (km_content_store_get_eras (self->store), index);
      return km_era_get_title (era);
    }
  else
    {
      g_autoptr(KmTimelineEntry) entry = g_list_model_get_item (km_content_store_get_entries (self->store), index);
      return km_timeline_entry_get_headline (entry);
    }
}

/* Everything a label's size depends on besides its text and wrap: the
 * font, its resolution and options, and the CSS's text attributes.
 */
static char *
dup_font_key (KmTimelineOverview *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_layout_get_attributes (layout);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));
  g_autofree char *attrs_text = attrs != NULL ? pango_attr_list_to_string (attrs) : NULL;

  return g_strdup_printf ("%s|%g|%lu|%s", font, pango_cairo_context_get_resolution (context),
                          options != NULL ? cairo_font_options_hash (options) : 0UL,
                          attrs_text != NULL ? attrs_text : "");
}

/* A label's size at a wrap width, measured once: most labels keep the
 * widest wrap at every width, so a resize measures only the few that
 * had to wrap narrower near an edge. Keys and values are packed into a
 * pointer; what does not fit is measured every time.
 */
static void
measure_cached (KmTimelineOverview *self,
                guint               index,
                gboolean            is_era,
                int                 wrap_width,
                int                *width,
                int                *height)
{
  guint64 key = (((guint64) index << 1 | (is_era ? 1 : 0)) << 16) | (guint64) MAX (wrap_width, 0);
  gboolean cacheable = wrap_width >= 0 && wrap_width < 0x10000 && key <= G_MAXSIZE;
  gpointer value;

  if (cacheable && (value = g_hash_table_lookup (self->measured, GSIZE_TO_POINTER ((gsize) key))) != NULL)
    {
      gsize packed = GPOINTER_TO_SIZE (value) - 1;

      *width = (int) (packed >> 16);
      *height = (int) (packed & 0xffff);
      return;
    }

  if (self->measure_layout == NULL)
    {
      self->measure_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      /* What css_changed() compares against before measuring again. */
      if (self->font_key == NULL)
        self->font_key = dup_font_key (self);
    }
  km_timeline_layout_measure_with_pango (self->measure_layout, get_label (self, index, is_era),
                                         wrap_width, width, height);

  if (cacheable && *width >= 0 && *width < 0x8000 && *height >= 0 && *height < 0x10000)
    g_hash_table_insert (self->measured, GSIZE_TO_POINTER ((gsize) key),
                         GSIZE_TO_POINTER ((((gsize) *width << 16) | (gsize) *height) + 1));
}

static void
measure_entry (guint     index,
               int       wrap_width,
               int      *width,
               int      *height,
               gpointer  user_data)
{
  measure_cached (user_data, index, FALSE, wrap_width, width, height);
}

static void
measure_era (guint     index,
             int       wrap_width,
             int      *width,
             int      *height,
             gpointer  user_data)
{
  measure_cached (user_data, index, TRUE, wrap_width, width, height);
}

/* Where things go: again on a new width or zoom. */
static void
invalidate_layout (KmTimelineOverview *self)
{
  g_clear_pointer (&self->layout, km_timeline_layout_free);
}

/* What the labels look like: again on new text, a new font or text size. */
static void
invalidate_text (KmTimelineOverview *self)
{
  invalidate_layout (self);
  g_clear_pointer (&self->entry_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->era_layouts, g_ptr_array_unref);
  g_clear_object (&self->measure_layout);
  if (self->measured != NULL)
    g_hash_table_remove_all (self->measured);
}


static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* The label's PangoLayout, made when first drawn and wrapped exactly as
 * it was measured for this layout.
 */
static PangoLayout *
get_label_layout (KmTimelineOverview *self,
                  guint               index,
                  gboolean            is_era,
                  int                 wrap_width)
{
  GPtrArray **layouts = is_era ? &self->era_layouts : &self->entry_layouts;
  PangoLayout *layout;

  if (*layouts == NULL)
    *layouts = g_ptr_array_new_with_free_func (unref_if_set);
  if ((*layouts)->len <= index)
    g_ptr_array_set_size (*layouts, index + 1);

  layout = g_ptr_array_index (*layouts, index);
  if (layout == NULL)
    {
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      g_ptr_array_index (*layouts, index) = layout;
    }
  else if (pango_layout_get_width (layout) == MAX (wrap_width, 1) * PANGO_SCALE)
    return layout;

  {
    int w, h;

    km_timeline_layout_measure_with_pango (layout, get_label (self, index, is_era), wrap_width, &w, &h);
  }

  return layout;
}

static const KmTimelineLayout *
ensure_layout (KmTimelineOverview *self,
               double              width)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (KmTimelineSpan));
  g_autoptr(GArray) eras = g_array_new (FALSE, FALSE, sizeof (KmTimelineSpan));
  GListModel *model;
  double font_scale = get_font_scale (self);

  width = floor (MAX (width, 1.0));

  if (self->layout != NULL && self->layout->width == width && self->layout->font_scale == font_scale)
    return self->layout;

  invalidate_layout (self);

  if (self->store == NULL)
    {
      self->layout = km_timeline_layout_compute (NULL, 0, measure_entry, NULL, 0, measure_era,
                                                 width, font_scale, self);
      return self->layout;
    }

  model = km_content_store_get_entries (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KmTimelineEntry) entry = g_list_model_get_item (model, i);
      KmTimelineSpan span;

      get_entry_span (entry, &span);
      g_array_append_val (entries, span);
    }

  model = km_content_store_get_eras (self->store);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KmEra) era = g_list_model_get_item (model, i);
      KmTimelineSpan span = { km_date_to_days (km_era_get_start (era)),
                              km_date_end_to_days (km_era_get_end (era)) };

      g_array_append_val (eras, span);
    }

  self->layout = km_timeline_layout_compute ((KmTimelineSpan *) (gpointer) entries->data, entries->len, measure_entry,
                                             (KmTimelineSpan *) (gpointer) eras->data, eras->len, measure_era,
                                             width, font_scale, self);

  return self->layout;
}

static double
get_layout_width (KmTimelineOverview *self,
                  int                 widget_width)
{
  return floor (widget_width * self->zoom);
}

static void
update_accessible (KmTimelineOverview *self)
{
  g_autoptr(KmTimelineEntry) entry = NULL;
  g_autofree char *value = NULL;
  guint n = get_n_entries (self);

  if (n > 0)
    entry = g_list_model_get_item (km_content_store_get_entries (self->store), self->selected);

  if (entry != NULL)
    {
      g_autofree char *date = km_date_format_entry (entry, NULL);

      /* Translators: how a screen reader reads the selected timeline entry:
       * %1$s is its date, %2$s its headline.
       */
      value = g_strdup_printf (C_("timeline overview value", "%1$s: %2$s"),
                               date, km_timeline_entry_get_headline (entry));
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) (n > 0 ? n - 1 : 0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) self->selected,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, value != NULL ? value : "",
                                  -1);
  /* GTK 4.8 has an AT-SPI Value interface for its own ranges only, so the
   * value text never reaches a screen reader; a new name on the focused
   * slider is read out.
   */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, value != NULL ? value : _("Timeline overview"),
                                  -1);
}

static void
update_adjustment (KmTimelineOverview *self)
{
  double page = gtk_widget_get_width (GTK_WIDGET (self));
  double upper = MAX (get_layout_width (self, page), page);
  double value = gtk_adjustment_get_value (self->hadjustment);

  if (self->pending_scroll >= 0 && page > 0)
    {
      value = self->pending_scroll * upper;
      self->pending_scroll = -1;
    }

  gtk_adjustment_configure (self->hadjustment,
                            CLAMP (value, 0, MAX (upper - page, 0)),
                            0, upper,
                            page * 0.1, page * 0.9, page);
}

static void
scroll_to_entry (KmTimelineOverview *self,
                 guint               index)
{
  const KmTimelineItemLayout *item;
  double value, page;

  if (self->layout == NULL || index >= self->layout->entries->len)
    return;

  item = &g_array_index (self->layout->entries, KmTimelineItemLayout, index);
  value = gtk_adjustment_get_value (self->hadjustment);
  page = gtk_adjustment_get_page_size (self->hadjustment);

  if (item->x < value || item->x + item->width > value + page)
    gtk_adjustment_set_value (self->hadjustment, item->x + item->width / 2 - page / 2);
}

static void
set_zoom_around (KmTimelineOverview *self,
                 double              zoom,
                 double              anchor_x)
{
  double old_zoom = self->zoom;
  double value = gtk_adjustment_get_value (self->hadjustment);

  zoom = CLAMP (zoom, KM_TIMELINE_OVERVIEW_MIN_ZOOM, KM_TIMELINE_OVERVIEW_MAX_ZOOM);
  if (G_APPROX_VALUE (zoom, old_zoom, 0.001))
    return;

  self->zoom = zoom;

  /* Keep what is under the anchor where it is. */
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    {
      double upper = get_layout_width (self, gtk_widget_get_width (GTK_WIDGET (self)));
      self->pending_scroll = MAX (0, ((value + anchor_x) * zoom / old_zoom - anchor_x) / upper);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
select_and_show (KmTimelineOverview *self,
                 guint               index)
{
  km_timeline_overview_set_selected (self, index);
  scroll_to_entry (self, self->selected);
}

static void
on_click_released_cb (GtkGestureClick    *gesture,
                      int                 n_press,
                      double              x,
                      double              y,
                      KmTimelineOverview *self)
{
  int index;

  if (self->layout == NULL)
    return;

  index = km_timeline_layout_find_entry (self->layout, x + gtk_adjustment_get_value (self->hadjustment), y);
  if (index < 0)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  select_and_show (self, index);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              KmTimelineOverview       *self)
{
  int index = -1;

  if (self->layout != NULL)
    index = km_timeline_layout_find_entry (self->layout, x + gtk_adjustment_get_value (self->hadjustment), y);

  if (index != self->hovered)
    {
      self->hovered = index;
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), index >= 0 ? "pointer" : NULL);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_motion_leave_cb (GtkEventControllerMotion *controller,
                    KmTimelineOverview       *self)
{
  if (self->hovered != -1)
    {
      self->hovered = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_drag_begin_cb (GtkGestureDrag     *gesture,
                  double              x,
                  double              y,
                  KmTimelineOverview *self)
{
  self->drag_start_value = gtk_adjustment_get_value (self->hadjustment);
}

static void
on_drag_update_cb (GtkGestureDrag     *gesture,
                   double              dx,
                   double              dy,
                   KmTimelineOverview *self)
{
  /* Only pan sideways, and only once it is clearly a drag. */
  if (self->zoom <= 1.0 || fabs (dx) < 8)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_adjustment_set_value (self->hadjustment, self->drag_start_value - dx);
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              KmTimelineOverview       *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    {
      if (dy < 0)
        km_timeline_overview_zoom_in (self);
      else if (dy > 0)
        km_timeline_overview_zoom_out (self);
      return TRUE;
    }

  if (state & GDK_SHIFT_MASK)
    dx = dx != 0 ? dx : dy;

  if (dx != 0 && self->zoom > 1.0)
    {
      gtk_adjustment_set_value (self->hadjustment,
                                gtk_adjustment_get_value (self->hadjustment) + dx * 40);
      return TRUE;
    }

  return FALSE;
}

static void
on_zoom_begin_cb (GtkGesture         *gesture,
                  GdkEventSequence   *sequence,
                  KmTimelineOverview *self)
{
  self->zoom_gesture_start = self->zoom;
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom     *gesture,
                          double              scale,
                          KmTimelineOverview *self)
{
  double x = 0, y = 0;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  set_zoom_around (self, self->zoom_gesture_start * scale, x);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   KmTimelineOverview    *self)
{
  guint n = get_n_entries (self);

  if (n == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->selected > 0)
        select_and_show (self, self->selected - 1);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->selected + 1 < n)
        select_and_show (self, self->selected + 1);
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      select_and_show (self, 0);
      return TRUE;

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      select_and_show (self, n - 1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      g_signal_emit (self, signals[ENTRY_ACTIVATED], 0, self->selected);
      return TRUE;

    case GDK_KEY_plus:
    case GDK_KEY_KP_Add:
    case GDK_KEY_equal:
      km_timeline_overview_zoom_in (self);
      return TRUE;

    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      km_timeline_overview_zoom_out (self);
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
on_query_tooltip_cb (GtkWidget          *widget,
                     int                 x,
                     int                 y,
                     gboolean            keyboard,
                     GtkTooltip         *tooltip,
                     KmTimelineOverview *self)
{
  g_autoptr(KmTimelineEntry) entry = NULL;
  g_autofree char *text = NULL;
  int index;

  if (self->layout == NULL)
    return FALSE;

  index = keyboard ? (int) self->selected
                   : km_timeline_layout_find_entry (self->layout, x + gtk_adjustment_get_value (self->hadjustment), y);
  if (index < 0 || (guint) index >= get_n_entries (self))
    return FALSE;

  entry = g_list_model_get_item (km_content_store_get_entries (self->store), index);
  text = km_date_format_entry (entry, NULL);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
on_settings_changed_cb (KmTimelineOverview *self)
{
  invalidate_text (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_items_changed_cb (KmTimelineOverview *self)
{
  guint n = get_n_entries (self);

  invalidate_text (self);
  if (self->selected >= n)
    km_timeline_overview_set_selected (self, 0);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_hadjustment_value_changed_cb (KmTimelineOverview *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Drawing */

static gboolean
lookup_color (KmTimelineOverview *self,
              const char         *name,
              GdkRGBA            *color,
              const GdkRGBA      *fallback)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (gtk_style_context_lookup_color (context, name, color))
    return TRUE;
  G_GNUC_END_IGNORE_DEPRECATIONS

  *color = *fallback;
  return FALSE;
}

static void
get_fg_color (KmTimelineOverview *self,
              GdkRGBA            *color)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

static void
append_circle (GtkSnapshot   *snapshot,
               double         cx,
               double         cy,
               double         radius,
               const GdkRGBA *fill,
               const GdkRGBA *border,
               double         border_width)
{
  GskRoundedRect rect;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (cx - radius, cy - radius, 2 * radius, 2 * radius);
  float widths[4] = { border_width, border_width, border_width, border_width };
  GdkRGBA colors[4];

  gsk_rounded_rect_init_from_rect (&rect, &bounds, radius);

  if (fill != NULL)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, fill, &bounds);
      gtk_snapshot_pop (snapshot);
    }

  if (border != NULL && border_width > 0)
    {
      for (guint i = 0; i < 4; i++)
        colors[i] = *border;
      gtk_snapshot_append_border (snapshot, &rect, widths, colors);
    }
}

static void
append_rounded_box (GtkSnapshot           *snapshot,
                    const graphene_rect_t *bounds,
                    double                 radius,
                    const GdkRGBA         *fill,
                    const GdkRGBA         *border,
                    double                 border_width)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, bounds, radius);

  if (fill != NULL)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, fill, bounds);
      gtk_snapshot_pop (snapshot);
    }

  if (border != NULL)
    {
      float widths[4] = { border_width, border_width, border_width, border_width };
      GdkRGBA colors[4] = { *border, *border, *border, *border };

      gtk_snapshot_append_border (snapshot, &rect, widths, colors);
    }
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  double         x,
                  double         y,
                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_axis (KmTimelineOverview *self,
           GtkSnapshot        *snapshot,
           const GdkRGBA      *fg,
           double              view_x0,
           double              view_x1)
{
  const KmTimelineLayout *layout = self->layout;
  double fs = layout->font_scale;
  double axis_y = layout->axis_y;
  GdkRGBA line = with_alpha (fg, 0.45);
  GdkRGBA tick = with_alpha (fg, 0.55);
  GdkRGBA year_color = with_alpha (fg, 0.7);
  PangoLayout *year_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();
  double last_label_end = -G_MAXDOUBLE;

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.82));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (year_layout, attrs);
  pango_attr_list_unref (attrs);

  for (guint i = 0; i < layout->segments->len; i++)
    {
      const KmTimelineSpan *s = &g_array_index (layout->segments, KmTimelineSpan, i);
      double x0 = g_array_index (layout->segment_x, double, 2 * i);
      double x1 = g_array_index (layout->segment_x, double, 2 * i + 1);
      GDateTime *start_dt = g_date_time_new_from_unix_utc (s->start * 86400);
      GDateTime *end_dt = g_date_time_new_from_unix_utc (s->end * 86400);
      int first_year = g_date_time_get_year (start_dt);
      int last_year = g_date_time_get_year (end_dt);
      double year_px;

      g_date_time_unref (start_dt);
      g_date_time_unref (end_dt);

      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (x0, axis_y - 0.5 * fs, x1 - x0, MAX (1, fs)));

      year_px = (x1 - x0) / MAX (1.0, (s->end - s->start + 1) / 365.25);

      for (int year = first_year; year <= last_year + 1; year++)
        {
          KmDate date = { year, 0, 0, KM_DATE_PRECISION_YEAR, FALSE };
          gint64 day = km_date_to_days (&date);
          double x;
          g_autofree char *text = NULL;
          int w, h;

          if (day < s->start || day > s->end + 1)
            continue;

          x = km_timeline_layout_day_to_x (layout, day);
          if (x < view_x0 - 100 || x > view_x1 + 100)
            continue;

          gtk_snapshot_append_color (snapshot, &tick, &GRAPHENE_RECT_INIT (x - 0.5, axis_y, 1, 5 * fs));

          /* Number every year there is room for, and at least the first. */
          text = g_strdup_printf ("%d", year);
          pango_layout_set_text (year_layout, text, -1);
          pango_layout_get_pixel_size (year_layout, &w, &h);
          if (x - w / 2.0 < last_label_end + 8 * fs || x - w / 2.0 < 0 || x + w / 2.0 > layout->width)
            continue;
          if (year_px < w + 8 * fs && (year % 5) != 0 && year != first_year)
            continue;

          append_layout_at (snapshot, year_layout, round (x - w / 2.0), axis_y + 6 * fs, &year_color);
          last_label_end = x + w / 2.0;
        }
    }

  /* Breaks: the axis stops, two slanted strokes stand for the years left out. */
  for (guint i = 0; i < layout->breaks->len; i++)
    {
      const KmTimelineBreak *brk = &g_array_index (layout->breaks, KmTimelineBreak, i);
      double cx = brk->x + brk->width / 2;
      for (int k = -1; k <= 1; k += 2)
        {
          double sx = cx + k * 4 * fs;

          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (sx, axis_y));
          gtk_snapshot_rotate (snapshot, 20);
          gtk_snapshot_append_color (snapshot, &tick, &GRAPHENE_RECT_INIT (-0.75 * fs, -8 * fs, 1.5 * fs, 16 * fs));
          gtk_snapshot_restore (snapshot);
        }
    }

  g_object_unref (year_layout);
}

/* The part of the widget its scrollers and window show, in its own
 * coordinates: the overview is far taller than its scroller.
 */
static void
get_visible_rect (KmTimelineOverview *self,
                  int                 width,
                  int                 height,
                  graphene_rect_t    *visible)
{
  GtkWidget *widget = GTK_WIDGET (self);

  graphene_rect_init (visible, 0, 0, width, height);
  for (GtkWidget *ancestor = gtk_widget_get_parent (widget); ancestor != NULL;
       ancestor = gtk_widget_get_parent (ancestor))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_overflow (ancestor) != GTK_OVERFLOW_HIDDEN && gtk_widget_get_parent (ancestor) != NULL)
        continue;
      if (!gtk_widget_compute_bounds (ancestor, widget, &bounds))
        continue;
      if (!graphene_rect_intersection (visible, &bounds, visible))
        {
          graphene_rect_init (visible, 0, 0, 0, 0);
          return;
        }
    }
}

static void
km_timeline_overview_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  KmTimelineOverview *self = KM_TIMELINE_OVERVIEW (widget);
  const KmTimelineLayout *layout;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double scroll = gtk_adjustment_get_value (self->hadjustment);
  static const GdkRGBA fallback_accent = { 0.21, 0.52, 0.89, 1.0 };
  GdkRGBA fg, accent, accent_bg, band_a, band_b, dim, marker;
  gboolean focused = gtk_widget_has_visible_focus (widget);
  graphene_rect_t visible;
  double fs, view_x0, view_x1, view_y0, view_y1;
  gboolean axis_shown;

  if (width <= 0 || height <= 0)
    return;

  layout = ensure_layout (self, get_layout_width (self, width));
  fs = layout->font_scale;

  /* In layout coordinates; what is outside is not drawn. */
  get_visible_rect (self, width, height, &visible);
  view_x0 = scroll + visible.origin.x;
  view_x1 = view_x0 + visible.size.width;
  view_y0 = visible.origin.y;
  view_y1 = view_y0 + visible.size.height;
  axis_shown = layout->axis_y - 8 * fs < view_y1 && layout->axis_y + AXIS_LABELS_HEIGHT * fs > view_y0;

  get_fg_color (self, &fg);
  lookup_color (self, "accent_color", &accent, &fallback_accent);
  lookup_color (self, "accent_bg_color", &accent_bg, &fallback_accent);
  band_a = with_alpha (&fg, 0.035);
  band_b = with_alpha (&fg, 0.075);
  dim = with_alpha (&fg, 0.7);
  marker = with_alpha (&fg, 0.75);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-scroll, 0));

  /* Era bands behind everything, their titles above the axis. */
  for (guint i = 0; i < layout->eras->len; i++)
    {
      double x0 = g_array_index (layout->era_bands, double, 2 * i);
      double x1 = g_array_index (layout->era_bands, double, 2 * i + 1);
      const KmTimelineItemLayout *item = &g_array_index (layout->eras, KmTimelineItemLayout, i);
      const GdkRGBA *band = i % 2 == 0 ? &band_a : &band_b;
      GdkRGBA swatch = with_alpha (&fg, 0.35);

      gtk_snapshot_append_color (snapshot, band, &GRAPHENE_RECT_INIT (x0, 0, MAX (x1 - x0, 1), height));
      if (item->x > view_x1 || item->x + item->width < view_x0 ||
          item->y > view_y1 || item->y + item->height < view_y0)
        continue;
      append_rounded_box (snapshot,
                          &GRAPHENE_RECT_INIT (item->marker_x - item->marker_radius,
                                               item->marker_y - item->marker_radius,
                                               2 * item->marker_radius, 2 * item->marker_radius),
                          2 * fs, &swatch, NULL, 0);
      append_layout_at (snapshot, get_label_layout (self, i, TRUE, item->wrap_width),
                        item->label_x, item->label_y, &dim);
    }

  if (axis_shown)
    draw_axis (self, snapshot, &fg, scroll, scroll + width);

  /* Each entry: a tick on the axis at its date, a bar for a period, and
   * its marker and headline in its row.
   */
  if (self->store != NULL)
    {
      GListModel *model = km_content_store_get_entries (self->store);

      for (guint i = 0; i < layout->entries->len; i++)
        {
          g_autoptr(KmTimelineEntry) entry = NULL;
          const KmTimelineItemLayout *item = &g_array_index (layout->entries, KmTimelineItemLayout, i);
          gboolean selected = i == self->selected;
          gboolean known, approximate;
          KmTimelineSpan span;
          GdkRGBA text_color = fg;
          graphene_rect_t box = GRAPHENE_RECT_INIT (item->x, item->y, item->width, item->height);
          gboolean box_shown;

          if (item->x > view_x1 || item->x + item->width < view_x0)
            continue;
          box_shown = item->y <= view_y1 && item->y + item->height >= view_y0;
          if (!box_shown && !axis_shown)
            continue;

          entry = g_list_model_get_item (model, i);
          known = km_timeline_entry_get_date_known (entry);
          approximate = known && km_timeline_entry_get_date (entry)->approximate;
          get_entry_span (entry, &span);
          if (axis_shown && span.end > span.start)
            {
              double x0 = km_timeline_layout_day_to_x (layout, span.start);
              double x1 = km_timeline_layout_day_to_x (layout, span.end + 1);
              GdkRGBA bar = selected ? accent : with_alpha (&fg, 0.3);

              gtk_snapshot_append_color (snapshot, &bar,
                                         &GRAPHENE_RECT_INIT (x0, layout->axis_y - 2 * fs, MAX (x1 - x0, 2), 4 * fs));
            }

          /* No pin on the axis for an entry no source dates. */
          if (axis_shown && known)
          {
            GdkRGBA pin = selected ? accent : with_alpha (&fg, 0.5);
            gtk_snapshot_append_color (snapshot, &pin,
                                       &GRAPHENE_RECT_INIT (item->marker_x - (selected ? 1.5 : 0.5) * fs,
                                                            layout->axis_y - 6 * fs,
                                                            (selected ? 3 : 1) * fs, 12 * fs));
          }

          if (!box_shown)
            continue;

          if (selected)
            {
              GdkRGBA fill = with_alpha (&accent_bg, 0.16);
              append_rounded_box (snapshot, &box, 6 * fs, &fill, NULL, 0);
              text_color = fg;
            }
          else if ((int) i == self->hovered)
            {
              GdkRGBA fill = with_alpha (&fg, 0.07);
              append_rounded_box (snapshot, &box, 6 * fs, &fill, NULL, 0);
            }

          if (selected && focused)
            {
              GdkRGBA ring = with_alpha (&accent, 0.8);
              append_rounded_box (snapshot, &box, 6 * fs, NULL, &ring, 2);
            }

          /* Approximate dates get an open marker, unknown ones an open square. */
          if (!known)
            append_rounded_box (snapshot,
                                &GRAPHENE_RECT_INIT (item->marker_x - item->marker_radius + 2 * fs,
                                                     item->marker_y - item->marker_radius + 2 * fs,
                                                     2 * item->marker_radius - 4 * fs,
                                                     2 * item->marker_radius - 4 * fs),
                                fs, NULL, selected ? &accent : &marker, 2 * fs);
          else if (approximate)
            append_circle (snapshot, item->marker_x, item->marker_y, item->marker_radius - fs,
                           NULL, selected ? &accent : &marker, 2 * fs);
          else
            append_circle (snapshot, item->marker_x, item->marker_y, item->marker_radius - fs,
                           selected ? &accent : &marker, NULL, 0);

          append_layout_at (snapshot, get_label_layout (self, i, FALSE, item->wrap_width),
                            item->label_x, item->label_y, &text_color);
        }
    }

  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

static GtkSizeRequestMode
km_timeline_overview_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
km_timeline_overview_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  KmTimelineOverview *self = KM_TIMELINE_OVERVIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Any width will do: the layout wraps and stacks to fit. */
      *minimum = 240;
      *natural = 960;
    }
  else
    {
      const KmTimelineLayout *layout;
      int width = for_size > 0 ? for_size : 960;

      layout = ensure_layout (self, get_layout_width (self, width));
      *minimum = *natural = (int) ceil (layout->height);
    }
}

static void
km_timeline_overview_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  KmTimelineOverview *self = KM_TIMELINE_OVERVIEW (widget);

  ensure_layout (self, get_layout_width (self, width));
  update_adjustment (self);
}

static void
km_timeline_overview_css_changed (GtkWidget         *widget,
                                  GtkCssStyleChange *change)
{
  KmTimelineOverview *self = KM_TIMELINE_OVERVIEW (widget);

  g_autofree char *font_key = NULL;

  GTK_WIDGET_CLASS (km_timeline_overview_parent_class)->css_changed (widget, change);

  /* A font or text size change moves every label; hover and focus,
   * which change the style too, move nothing.
   */
  font_key = dup_font_key (self);
  if (g_strcmp0 (font_key, self->font_key) == 0)
    return;

  g_free (self->font_key);
  self->font_key = g_steal_pointer (&font_key);
  invalidate_text (self);
  gtk_widget_queue_resize (widget);
}

static void
km_timeline_overview_root (GtkWidget *widget)
{
  KmTimelineOverview *self = KM_TIMELINE_OVERVIEW (widget);

  GTK_WIDGET_CLASS (km_timeline_overview_parent_class)->root (widget);

  g_signal_connect_object (gtk_widget_get_settings (widget), "notify::gtk-xft-dpi",
                           G_CALLBACK (on_settings_changed_cb), widget, G_CONNECT_SWAPPED);

  /* Only what the scroller shows is drawn, so its scrolling draws again
   * (a viewport otherwise only moves what was drawn before).
   */
  for (GtkWidget *ancestor = gtk_widget_get_parent (widget); ancestor != NULL;
       ancestor = gtk_widget_get_parent (ancestor))
    if (GTK_IS_SCROLLABLE (ancestor))
      {
        GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (ancestor));

        if (vadjustment != NULL)
          {
            self->outer_vadjustment = g_object_ref (vadjustment);
            g_signal_connect_object (vadjustment, "value-changed",
                                     G_CALLBACK (gtk_widget_queue_draw), widget, G_CONNECT_SWAPPED);
            g_signal_connect_object (vadjustment, "changed",
                                     G_CALLBACK (gtk_widget_queue_draw), widget, G_CONNECT_SWAPPED);
          }
        break;
      }
}

static void
km_timeline_overview_unroot (GtkWidget *widget)
{
  KmTimelineOverview *self = KM_TIMELINE_OVERVIEW (widget);

  g_signal_handlers_disconnect_by_func (gtk_widget_get_settings (widget), on_settings_changed_cb, widget);
  if (self->outer_vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->outer_vadjustment, gtk_widget_queue_draw, widget);
  g_clear_object (&self->outer_vadjustment);

  GTK_WIDGET_CLASS (km_timeline_overview_parent_class)->unroot (widget);
}

static void
km_timeline_overview_dispose (GObject *object)
{
  KmTimelineOverview *self = KM_TIMELINE_OVERVIEW (object);

  invalidate_text (self);
  g_clear_pointer (&self->measured, g_hash_table_unref);
  g_clear_pointer (&self->font_key, g_free);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (km_content_store_get_entries (self->store), self);
  g_clear_object (&self->store);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->hadjustment, self);
  g_clear_object (&self->hadjustment);

  G_OBJECT_CLASS (km_timeline_overview_parent_class)->dispose (object);
}

static void
km_timeline_overview_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KmTimelineOverview *self = KM_TIMELINE_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_timeline_overview_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KmTimelineOverview *self = KM_TIMELINE_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      km_timeline_overview_set_store (self, g_value_get_object (value));
      break;
    case PROP_SELECTED:
      km_timeline_overview_set_selected (self, g_value_get_uint (value));
      break;
    case PROP_ZOOM:
      km_timeline_overview_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_timeline_overview_class_init (KmTimelineOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_timeline_overview_dispose;
  object_class->get_property = km_timeline_overview_get_property;
  object_class->set_property = km_timeline_overview_set_property;

  widget_class->snapshot = km_timeline_overview_snapshot;
  widget_class->get_request_mode = km_timeline_overview_get_request_mode;
  widget_class->measure = km_timeline_overview_measure;
  widget_class->size_allocate = km_timeline_overview_size_allocate;
  widget_class->css_changed = km_timeline_overview_css_changed;
  widget_class->root = km_timeline_overview_root;
  widget_class->unroot = km_timeline_overview_unroot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         KM_TYPE_CONTENT_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         KM_TIMELINE_OVERVIEW_MIN_ZOOM, KM_TIMELINE_OVERVIEW_MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KmTimelineOverview::entry-activated:
   * @index: the entry's position in the store's entries
   *
   * Enter or Space on the selected entry: open it.
   */
  signals[ENTRY_ACTIVATED] =
    g_signal_new ("entry-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "timeline-overview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
km_timeline_overview_init (KmTimelineOverview *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->hovered = -1;
  self->measured = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->pending_scroll = -1;
  self->hadjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 0, 0, 0, 0));
  g_signal_connect_object (self->hadjustment, "value-changed",
                           G_CALLBACK (on_hadjustment_value_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_motion_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline overview"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Use the arrow keys to move between entries and Enter to read the selected one"),
                                  -1);
}

GtkWidget *
km_timeline_overview_new (void)
{
  return g_object_new (KM_TYPE_TIMELINE_OVERVIEW, NULL);
}

/**
 * km_timeline_overview_get_store:
 *
 * Returns: (transfer none) (nullable): the content shown
 */
KmContentStore *
km_timeline_overview_get_store (KmTimelineOverview *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_OVERVIEW (self), NULL);

  return self->store;
}

void
km_timeline_overview_set_store (KmTimelineOverview *self,
                                KmContentStore     *store)
{
  g_return_if_fail (KM_IS_TIMELINE_OVERVIEW (self));
  g_return_if_fail (store == NULL || KM_IS_CONTENT_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (km_content_store_get_entries (self->store), self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (km_content_store_get_entries (store), "items-changed",
                             G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  on_items_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

guint
km_timeline_overview_get_selected (KmTimelineOverview *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_OVERVIEW (self), 0);

  return self->selected;
}

void
km_timeline_overview_set_selected (KmTimelineOverview *self,
                                   guint               selected)
{
  g_return_if_fail (KM_IS_TIMELINE_OVERVIEW (self));

  if (selected >= get_n_entries (self))
    selected = 0;

  if (self->selected == selected)
    return;

  self->selected = selected;
  scroll_to_entry (self, selected);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

double
km_timeline_overview_get_zoom (KmTimelineOverview *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_OVERVIEW (self), 1.0);

  return self->zoom;
}

/**
 * km_timeline_overview_set_zoom:
 * @zoom: 1.0 fits the whole timeline in the width, up to 8.0
 *
 * Zooms around the middle of what is shown.
 */
void
km_timeline_overview_set_zoom (KmTimelineOverview *self,
                               double              zoom)
{
  g_return_if_fail (KM_IS_TIMELINE_OVERVIEW (self));

  set_zoom_around (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0);
}

void
km_timeline_overview_zoom_in (KmTimelineOverview *self)
{
  g_return_if_fail (KM_IS_TIMELINE_OVERVIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    if (zoom_steps[i] > self->zoom + 0.001)
      {
        km_timeline_overview_set_zoom (self, zoom_steps[i]);
        return;
      }
}

void
km_timeline_overview_zoom_out (KmTimelineOverview *self)
{
  g_return_if_fail (KM_IS_TIMELINE_OVERVIEW (self));

  for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
    if (zoom_steps[i - 1] < self->zoom - 0.001)
      {
        km_timeline_overview_set_zoom (self, zoom_steps[i - 1]);
        return;
      }
}

/**
 * km_timeline_overview_get_hadjustment:
 *
 * Returns: (transfer none): the horizontal scroll position when zoomed in,
 *   for a scrollbar
 */
GtkAdjustment *
km_timeline_overview_get_hadjustment (KmTimelineOverview *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_OVERVIEW (self), NULL);

  return self->hadjustment;
}

/**
 * km_timeline_overview_get_scroll:
 *
 * Returns: the left edge of what is shown, as a fraction of the whole
 *   width (0 when not zoomed in)
 */
double
km_timeline_overview_get_scroll (KmTimelineOverview *self)
{
  double upper;

  g_return_val_if_fail (KM_IS_TIMELINE_OVERVIEW (self), 0);

  if (self->pending_scroll >= 0)
    return self->pending_scroll;

  upper = gtk_adjustment_get_upper (self->hadjustment);
  if (upper <= 0)
    return 0;

  return gtk_adjustment_get_value (self->hadjustment) / upper;
}

/**
 * km_timeline_overview_set_scroll:
 * @fraction: see km_timeline_overview_get_scroll()
 *
 * Applied at the next allocation when the widget has no size yet.
 */
void
km_timeline_overview_set_scroll (KmTimelineOverview *self,
                                 double              fraction)
{
  g_return_if_fail (KM_IS_TIMELINE_OVERVIEW (self));

  self->pending_scroll = CLAMP (fraction, 0, 1);
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    update_adjustment (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * km_timeline_overview_get_entry_bounds:
 * @bounds: (out): the entry's marker and headline, in widget coordinates
 *
 * Returns: %TRUE if the entry has been laid out
 */
gboolean
km_timeline_overview_get_entry_bounds (KmTimelineOverview *self,
                                       guint               index,
                                       graphene_rect_t    *bounds)
{
  const KmTimelineItemLayout *item;

  g_return_val_if_fail (KM_IS_TIMELINE_OVERVIEW (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (self->layout == NULL || index >= self->layout->entries->len)
    return FALSE;

  item = &g_array_index (self->layout->entries, KmTimelineItemLayout, index);
  graphene_rect_init (bounds, item->x - gtk_adjustment_get_value (self->hadjustment),
                      item->y, item->width, item->height);

  return TRUE;
}

/**
 * km_timeline_overview_refresh:
 *
 * Lays the labels out again, e.g. after the content language changed.
 */
void
km_timeline_overview_refresh (KmTimelineOverview *self)
{
  g_return_if_fail (KM_IS_TIMELINE_OVERVIEW (self));

  invalidate_text (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
