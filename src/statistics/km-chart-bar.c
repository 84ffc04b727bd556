/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-chart-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "km-chart-bar.h"
#include "km-chart-geometry.h"
#include "km-widget-util.h"

/* One value of a figure: its caption, a bar drawn with GtkSnapshot in the
 * widget's CSS colour and the value beside or below it. Focusable; the
 * tooltip gives the exact value, a click, tap or Enter opens the details.
 */
struct _KmChartBar
{
  GtkWidget        parent_instance;

  KmContentStore  *store;
  KmChartItem     *item;
  GtkWidget       *caption;
  GtkWidget       *value;
  GtkPopover      *popover;

  double         (*reserve_func) (gpointer);
  gpointer         reserve_data;

  KmChartRowLayout layout;
};

G_DEFINE_FINAL_TYPE (KmChartBar, km_chart_bar, GTK_TYPE_WIDGET)

static KmChartItem *
copy_item (const KmChartItem *item)
{
  KmChartItem *copy = g_new0 (KmChartItem, 1);

  *copy = *item;
  copy->id = g_strdup (item->id);
  copy->group_id = g_strdup (item->group_id);
  copy->group_title = g_strdup (item->group_title);
  copy->caption = g_strdup (item->caption);
  copy->within = g_strdup (item->within);
  copy->value_text = g_strdup (item->value_text);
  copy->label = g_strdup (item->label);
  copy->source_ids = g_strdupv (item->source_ids);
  copy->sources_text = g_strdup (item->sources_text);
  copy->note = g_strdup (item->note);
  copy->why = g_strdup (item->why);
  copy->scale_key = g_strdup (item->scale_key);
  copy->bodies = g_strdupv (item->bodies);

  return copy;
}

static double
get_reserve (KmChartBar *self)
{
  if (self->reserve_func != NULL)
    return self->reserve_func (self->reserve_data);

  return km_chart_bar_get_value_width (self);
}

static void
compute_layout (KmChartBar       *self,
                int               width,
                KmChartRowLayout *out)
{
  KmChartRowInput input = { 0 };
  KmChartLabelPlacement placement;
  double scale;
  int min, nat;

  if (self->caption != NULL && gtk_widget_get_visible (self->caption))
    {
      gtk_widget_measure (self->caption, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      input.caption_height = nat;
    }

  gtk_widget_measure (self->value, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  input.value_width = nat;
  gtk_widget_measure (self->value, GTK_ORIENTATION_VERTICAL, MIN (nat, width), &min, &nat, NULL, NULL);
  input.value_height = nat;
  input.fraction = self->item->fraction;

  scale = km_chart_scale_length (width, get_reserve (self), &placement);
  km_chart_layout_row (&input, width, scale, placement, out);
}

static char *
dup_tooltip (KmChartBar *self)
{
  const KmChartItem *item = self->item;

  if (item->kind == KM_CHART_ITEM_REMAINDER)
    /* Translators: tooltip of a computed bar: its caption (%1$s) and value (%2$s) */
    return g_strdup_printf (_("%1$s: %2$s, computed by the exhibition"), item->caption, item->value_text);

  /* Translators: tooltip of a bar: the figure (%1$s), its exact value
   * (%2$s) and the sources that give it (%3$s) */
  return g_strdup_printf (_("%1$s: %2$s, according to %3$s"), item->caption, item->value_text, item->sources_text);
}

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = km_wrapped_label_new (text, css_class);

  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_box_append (box, label);

  return label;
}

static GtkWidget *
build_details (KmChartBar *self)
{
  const KmChartItem *item = self->item;
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));

  add_label (box, item->caption, "heading");
  add_label (box, item->value_text, "title-2");

  if (item->kind == KM_CHART_ITEM_RECOGNITION && item->bodies != NULL)
    {
      for (guint i = 0; item->bodies[i] != NULL; i++)
        {
          /* Translators: one entry in a list of bodies */
          g_autofree char *line = g_strdup_printf (_("• %s"), item->bodies[i]);
          add_label (box, line, NULL);
        }
    }

  if (item->source_ids != NULL && item->source_ids[0] != NULL)
    {
      guint n = g_strv_length (item->source_ids);
      g_autofree char *heading = NULL;

      /* Translators: heading above the list of the documents that give the
       * value of a bar, in the box that opens when the bar is selected; %u is
       * how many, e.g. “2 sources” */
      heading = g_strdup_printf (ngettext ("%u source", "%u sources", n), n);
      add_label (box, heading, "heading");
      for (guint i = 0; i < n; i++)
        {
          KmSource *source = km_content_store_lookup_source (self->store, item->source_ids[i]);
          g_autofree char *name = NULL;

          if (source == NULL)
            continue;
          name = km_chart_format_source_name (source, NULL);
          add_label (box, km_source_get_title (source), NULL);
          add_label (box, name, "dim-label");
        }
    }

  if (item->note != NULL)
    add_label (box, item->note, NULL);

  if (item->why != NULL && item->n_values > 1)
    {
      add_label (box, _("Why the numbers differ"), "heading");
      add_label (box, item->why, NULL);
    }

  return GTK_WIDGET (box);
}

/* The popover with the exact value, its sources and notes. */
static void
show_details (KmChartBar *self)
{
  if (self->popover == NULL)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      /* Without it the popover takes the labels' minimum width: a word a line. */
      gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), build_details (self));
      self->popover = GTK_POPOVER (gtk_popover_new ());
      gtk_popover_set_child (self->popover, scroller);
      gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
    }

  gtk_popover_set_pointing_to (self->popover,
                               &(GdkRectangle) { (int) self->layout.bar.x, (int) self->layout.bar.y,
                                                 (int) MAX (self->layout.bar.width, 1), (int) self->layout.bar.height });
  gtk_popover_popup (self->popover);
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      KmChartBar      *self)
{
  show_details (self);
}

static void
details_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  show_details (KM_CHART_BAR (widget));
}

static GtkSizeRequestMode
km_chart_bar_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
km_chart_bar_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  KmChartBar *self = KM_CHART_BAR (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int caption_min = 0, caption_nat = 0, value_min, value_nat;

      if (self->caption != NULL)
        gtk_widget_measure (self->caption, orientation, -1, &caption_min, &caption_nat, NULL, NULL);
      gtk_widget_measure (self->value, orientation, -1, &value_min, &value_nat, NULL, NULL);

      *minimum = MAX (caption_min, value_min);
      *natural = MAX (MAX (caption_nat, value_nat), 480);
    }
  else
    {
      KmChartRowLayout layout;
      int width = for_size;

      if (width < 0)
        {
          int min, nat;

          km_chart_bar_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
          width = MAX (min, 1);
        }

      compute_layout (self, width, &layout);
      *minimum = *natural = (int) ceil (layout.height);
    }
}

static void
allocate_child (GtkWidget         *child,
                const KmChartRect *rect)
{
  gtk_widget_size_allocate (child,
                            &(GtkAllocation) { (int) floor (rect->x), (int) floor (rect->y),
                                               (int) ceil (rect->width), (int) ceil (rect->height) },
                            -1);
}

static void
km_chart_bar_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  KmChartBar *self = KM_CHART_BAR (widget);

  compute_layout (self, width, &self->layout);

  if (self->caption != NULL)
    allocate_child (self->caption, &self->layout.caption);
  allocate_child (self->value, &self->layout.value);

  if (self->popover != NULL)
    gtk_popover_present (self->popover);
}

static void
km_chart_bar_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  KmChartBar *self = KM_CHART_BAR (widget);
  const KmChartRect *bar = &self->layout.bar;
  GdkRGBA color;
  GskRoundedRect rounded;
  graphene_rect_t bounds;
  float radius = 4;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  if (bar->width > 0)
    {
      bounds = GRAPHENE_RECT_INIT (bar->x, bar->y, bar->width, bar->height);
      radius = MIN (radius, bar->width / 2);
      gsk_rounded_rect_init_from_rect (&rounded, &bounds, radius);

      if (self->item->kind == KM_CHART_ITEM_REMAINDER)
        {
          /* Computed: an outline with a faint fill, not a solid fact. */
          GdkRGBA faint = color;
          GdkRGBA border[4] = { color, color, color, color };
          float widths[4] = { 1.5, 1.5, 1.5, 1.5 };

          faint.alpha *= 0.18f;
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          gtk_snapshot_append_color (snapshot, &faint, &bounds);
          gtk_snapshot_pop (snapshot);
          gtk_snapshot_append_border (snapshot, &rounded, widths, border);
        }
      else
        {
          gtk_snapshot_push_rounded_clip (snapshot, &rounded);
          gtk_snapshot_append_color (snapshot, &color, &bounds);
          gtk_snapshot_pop (snapshot);
        }
    }

  if (self->caption != NULL)
    gtk_widget_snapshot_child (widget, self->caption, snapshot);
  gtk_widget_snapshot_child (widget, self->value, snapshot);
}

static void
km_chart_bar_dispose (GObject *object)
{
  KmChartBar *self = KM_CHART_BAR (object);

  g_clear_pointer (&self->caption, gtk_widget_unparent);
  g_clear_pointer (&self->value, gtk_widget_unparent);
  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
  g_clear_object (&self->store);
  g_clear_pointer (&self->item, km_chart_item_free);

  G_OBJECT_CLASS (km_chart_bar_parent_class)->dispose (object);
}

static void
km_chart_bar_class_init (KmChartBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_chart_bar_dispose;
  widget_class->get_request_mode = km_chart_bar_get_request_mode;
  widget_class->measure = km_chart_bar_measure;
  widget_class->size_allocate = km_chart_bar_size_allocate;
  widget_class->snapshot = km_chart_bar_snapshot;

  gtk_widget_class_set_css_name (widget_class, "kmchartbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);

  /* A button's keys: Enter or Space opens the details. */
  gtk_widget_class_install_action (widget_class, "bar.details", NULL, details_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "bar.details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "bar.details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "bar.details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "bar.details", NULL);
}

static void
km_chart_bar_init (KmChartBar *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

static char *
dup_caption_markup (const KmChartItem *item)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *caption = g_markup_escape_text (item->caption, -1);

  g_string_append_printf (markup, "<b>%s</b>", caption);

  if (item->within != NULL)
    {
      /* Translators: under a bar’s caption: the group it is counted
       * within, e.g. “Counted within “Taken hostage”” */
      g_autofree char *within = g_strdup_printf (_("Counted within “%s”"), item->within);
      g_autofree char *escaped = g_markup_escape_text (within, -1);

      g_string_append_printf (markup, "\n<small>%s</small>", escaped);
    }

  if (item->n_values > 1)
    {
      /* Translators: under a figure whose sources disagree; %u is the number
       * of different values */
      g_autofree char *differ = g_strdup_printf (ngettext ("The sources give %u value",
                                                           "The sources give %u different values",
                                                           item->n_values),
                                                 item->n_values);
      /* A translation may hold “&” or “<” too. */
      g_autofree char *escaped = g_markup_escape_text (differ, -1);

      g_string_append_printf (markup, "\n<small>%s</small>", escaped);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

GtkWidget *
km_chart_bar_new (KmContentStore    *store,
                  const KmChartItem *item,
                  gboolean           show_caption)
{
  KmChartBar *self;
  g_autofree char *tooltip = NULL;

  g_return_val_if_fail (KM_IS_CONTENT_STORE (store), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (KM_TYPE_CHART_BAR, NULL);
  self->store = g_object_ref (store);
  self->item = copy_item (item);

  if (show_caption)
    {
      g_autofree char *markup = dup_caption_markup (item);

      self->caption = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (self->caption), markup);
      gtk_label_set_wrap (GTK_LABEL (self->caption), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (self->caption), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (self->caption), 0);
      gtk_widget_add_css_class (self->caption, "caption-label");
      gtk_widget_set_parent (self->caption, GTK_WIDGET (self));
    }

  self->value = gtk_label_new (item->label);
  gtk_label_set_wrap (GTK_LABEL (self->value), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->value), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->value), 0);
  gtk_widget_add_css_class (self->value, "value-label");
  gtk_widget_add_css_class (self->value, "numeric");
  gtk_widget_set_parent (self->value, GTK_WIDGET (self));

  if (item->kind == KM_CHART_ITEM_REMAINDER)
    gtk_widget_add_css_class (GTK_WIDGET (self), "computed");
  else if (item->value_index > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "alternative");
  if (item->within != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "within");

  tooltip = dup_tooltip (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);

  return GTK_WIDGET (self);
}

double
km_chart_bar_get_value_width (KmChartBar *self)
{
  int min, nat;

  g_return_val_if_fail (KM_IS_CHART_BAR (self), 0);

  gtk_widget_measure (self->value, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);

  return nat;
}

/* The drawn length, valid once the bar is allocated. */
double
km_chart_bar_get_bar_length (KmChartBar *self)
{
  g_return_val_if_fail (KM_IS_CHART_BAR (self), 0);

  return self->layout.bar.width;
}

void
km_chart_bar_set_reserve_func (KmChartBar  *self,
                               double     (*func) (gpointer),
                               gpointer     data)
{
  g_return_if_fail (KM_IS_CHART_BAR (self));

  self->reserve_func = func;
  self->reserve_data = data;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
