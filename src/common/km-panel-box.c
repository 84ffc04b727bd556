/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-panel-box"

#include "config.h"

#include "km-panel-box.h"

/* A content (a picture, a page) and a panel that belongs to it (a
 * transcript): the panel beside the content, at its end, while the box is
 * at least :fold-width wide; below it when narrower (a narrow window, a
 * kiosk screen in portrait). libadwaita 1.2 has no breakpoints: the box
 * decides from the width it is given, in every allocation, so nothing is
 * changed during one and no frame is laid out twice.
 *
 * Beside, the panel gets its natural width up to a third of the box; below,
 * its natural height up to two fifths of the box (a scrolled panel wants
 * propagate-natural-height) and at least its minimum.
 * In a .ui file: <child type="content"> and <child type="panel">, or the
 * first child is the content and the second the panel.
 */

#define DEFAULT_FOLD_WIDTH 720
#define PANEL_MAX_WIDTH_FRACTION (1.0 / 3.0)
#define PANEL_MAX_HEIGHT_FRACTION 0.4

struct _KmPanelBox
{
  GtkWidget  parent_instance;

  GtkWidget *content;
  GtkWidget *panel;
  int        fold_width;
  gboolean   folded;
};

static void km_panel_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KmPanelBox, km_panel_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, km_panel_box_buildable_init))

enum {
  PROP_0,
  PROP_CONTENT,
  PROP_PANEL,
  PROP_FOLD_WIDTH,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static gboolean
child_shown (GtkWidget *child)
{
  return child != NULL && gtk_widget_should_layout (child);
}

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural)
{
  *minimum = *natural = 0;
  if (child_shown (child))
    gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

/* Folded below :fold-width, or where the two do not fit side by side. */
static gboolean
is_folded_at (KmPanelBox *self,
              int         width)
{
  int content_min, panel_min, unused;

  if (width < 0)
    return FALSE;
  if (width < self->fold_width)
    return TRUE;

  measure_child (self->content, GTK_ORIENTATION_HORIZONTAL, -1, &content_min, &unused);
  measure_child (self->panel, GTK_ORIENTATION_HORIZONTAL, -1, &panel_min, &unused);
  return width < content_min + panel_min;
}

/* The panel's width beside a content in @width. */
static int
panel_width_beside (KmPanelBox *self,
                    int         width)
{
  int content_min, panel_min, panel_nat, unused;

  measure_child (self->content, GTK_ORIENTATION_HORIZONTAL, -1, &content_min, &unused);
  measure_child (self->panel, GTK_ORIENTATION_HORIZONTAL, -1, &panel_min, &panel_nat);

  return MAX (panel_min, MIN (panel_nat, MIN ((int) (width * PANEL_MAX_WIDTH_FRACTION), width - content_min)));
}

/* The panel's height below a content in @width × @height. */
static int
panel_height_below (KmPanelBox *self,
                    int         width,
                    int         height)
{
  int content_min, panel_min, panel_nat, unused;

  measure_child (self->content, GTK_ORIENTATION_VERTICAL, width, &content_min, &unused);
  measure_child (self->panel, GTK_ORIENTATION_VERTICAL, width, &panel_min, &panel_nat);

  return CLAMP (MIN (MIN (panel_nat, (int) (height * PANEL_MAX_HEIGHT_FRACTION)), height - content_min),
                MIN (panel_min, height), height);
}

static void
km_panel_box_compute_expand (GtkWidget *widget,
                             gboolean  *hexpand,
                             gboolean  *vexpand)
{
  KmPanelBox *self = KM_PANEL_BOX (widget);

  *hexpand = *vexpand = FALSE;
  for (GtkWidget *child = self->content; child != NULL; child = child == self->content ? self->panel : NULL)
    {
      *hexpand = *hexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
      *vexpand = *vexpand || gtk_widget_compute_expand (child, GTK_ORIENTATION_VERTICAL);
    }
}

static GtkSizeRequestMode
km_panel_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
km_panel_box_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  KmPanelBox *self = KM_PANEL_BOX (widget);
  int content_min, content_nat, panel_min, panel_nat;

  if (!child_shown (self->panel))
    {
      measure_child (self->content, orientation, for_size, minimum, natural);
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as folded allows; naturally, side by side. */
      measure_child (self->content, orientation, -1, &content_min, &content_nat);
      measure_child (self->panel, orientation, -1, &panel_min, &panel_nat);
      *minimum = MAX (content_min, panel_min);
      *natural = MAX (content_nat + panel_nat, *minimum);
      return;
    }

  if (is_folded_at (self, for_size))
    {
      measure_child (self->content, orientation, for_size, &content_min, &content_nat);
      measure_child (self->panel, orientation, for_size, &panel_min, &panel_nat);
      *minimum = content_min + panel_min;
      *natural = content_nat + panel_nat;
    }
  else
    {
      int panel_width = for_size >= 0 ? panel_width_beside (self, for_size) : -1;

      measure_child (self->content, orientation, for_size >= 0 ? for_size - panel_width : -1,
                     &content_min, &content_nat);
      measure_child (self->panel, orientation, panel_width, &panel_min, &panel_nat);
      *minimum = MAX (content_min, panel_min);
      *natural = MAX (content_nat, panel_nat);
    }
}

static void
km_panel_box_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  KmPanelBox *self = KM_PANEL_BOX (widget);
  gboolean folded = is_folded_at (self, width);

  if (!child_shown (self->panel))
    {
      if (child_shown (self->content))
        gtk_widget_allocate (self->content, width, height, -1, NULL);
    }
  else if (folded)
    {
      int panel_height = panel_height_below (self, width, height);

      if (child_shown (self->content))
        gtk_widget_allocate (self->content, width, height - panel_height, -1, NULL);
      gtk_widget_allocate (self->panel, width, panel_height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, height - panel_height)));
    }
  else
    {
      int panel_width = panel_width_beside (self, width);
      gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

      if (child_shown (self->content))
        gtk_widget_allocate (self->content, width - panel_width, height, -1,
                             rtl ? gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (panel_width, 0)) : NULL);
      gtk_widget_allocate (self->panel, panel_width, height, -1,
                           rtl ? NULL : gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (width - panel_width, 0)));
    }

  if (folded != self->folded)
    {
      self->folded = folded;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
    }
}

static void
set_child (KmPanelBox  *self,
           GtkWidget  **slot,
           GtkWidget   *child,
           GParamSpec  *pspec)
{
  if (*slot == child)
    return;

  if (*slot != NULL)
    gtk_widget_unparent (*slot);
  *slot = child;
  if (child != NULL)
    {
      /* The content first, for the focus chain and screen readers. */
      if (slot == &self->content)
        gtk_widget_insert_after (child, GTK_WIDGET (self), NULL);
      else
        gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
km_panel_box_buildable_add_child (GtkBuildable *buildable,
                                  GtkBuilder   *builder,
                                  GObject      *child,
                                  const char   *type)
{
  KmPanelBox *self = KM_PANEL_BOX (buildable);

  if (!GTK_IS_WIDGET (child))
    {
      parent_buildable_iface->add_child (buildable, builder, child, type);
      return;
    }

  if (g_strcmp0 (type, "panel") == 0 || (type == NULL && self->content != NULL))
    km_panel_box_set_panel (self, GTK_WIDGET (child));
  else
    km_panel_box_set_content (self, GTK_WIDGET (child));
}

static void
km_panel_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = km_panel_box_buildable_add_child;
}

static void
km_panel_box_dispose (GObject *object)
{
  KmPanelBox *self = KM_PANEL_BOX (object);

  g_clear_pointer (&self->content, gtk_widget_unparent);
  g_clear_pointer (&self->panel, gtk_widget_unparent);

  G_OBJECT_CLASS (km_panel_box_parent_class)->dispose (object);
}

static void
km_panel_box_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KmPanelBox *self = KM_PANEL_BOX (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      g_value_set_object (value, self->content);
      break;

    case PROP_PANEL:
      g_value_set_object (value, self->panel);
      break;

    case PROP_FOLD_WIDTH:
      g_value_set_int (value, self->fold_width);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_panel_box_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KmPanelBox *self = KM_PANEL_BOX (object);

  switch (prop_id)
    {
    case PROP_CONTENT:
      km_panel_box_set_content (self, g_value_get_object (value));
      break;

    case PROP_PANEL:
      km_panel_box_set_panel (self, g_value_get_object (value));
      break;

    case PROP_FOLD_WIDTH:
      km_panel_box_set_fold_width (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_panel_box_class_init (KmPanelBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_panel_box_dispose;
  object_class->get_property = km_panel_box_get_property;
  object_class->set_property = km_panel_box_set_property;

  widget_class->get_request_mode = km_panel_box_get_request_mode;
  widget_class->measure = km_panel_box_measure;
  widget_class->size_allocate = km_panel_box_size_allocate;
  widget_class->compute_expand = km_panel_box_compute_expand;

  properties[PROP_CONTENT] =
    g_param_spec_object ("content", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_PANEL] =
    g_param_spec_object ("panel", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KmPanelBox:fold-width:
   *
   * Below this width, in pixels, the panel goes below the content.
   */
  properties[PROP_FOLD_WIDTH] =
    g_param_spec_int ("fold-width", NULL, NULL,
                      0, G_MAXINT, DEFAULT_FOLD_WIDTH,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KmPanelBox:folded:
   *
   * Whether the panel is below the content (as of the last allocation).
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "km-panel-box");
}

static void
km_panel_box_init (KmPanelBox *self)
{
  self->fold_width = DEFAULT_FOLD_WIDTH;
}

GtkWidget *
km_panel_box_new (void)
{
  return g_object_new (KM_TYPE_PANEL_BOX, NULL);
}

GtkWidget *
km_panel_box_get_content (KmPanelBox *self)
{
  g_return_val_if_fail (KM_IS_PANEL_BOX (self), NULL);

  return self->content;
}

void
km_panel_box_set_content (KmPanelBox *self,
                          GtkWidget  *content)
{
  g_return_if_fail (KM_IS_PANEL_BOX (self));
  g_return_if_fail (content == NULL || GTK_IS_WIDGET (content));

  set_child (self, &self->content, content, properties[PROP_CONTENT]);
}

GtkWidget *
km_panel_box_get_panel (KmPanelBox *self)
{
  g_return_val_if_fail (KM_IS_PANEL_BOX (self), NULL);

  return self->panel;
}

void
km_panel_box_set_panel (KmPanelBox *self,
                        GtkWidget  *panel)
{
  g_return_if_fail (KM_IS_PANEL_BOX (self));
  g_return_if_fail (panel == NULL || GTK_IS_WIDGET (panel));

  set_child (self, &self->panel, panel, properties[PROP_PANEL]);
}

int
km_panel_box_get_fold_width (KmPanelBox *self)
{
  g_return_val_if_fail (KM_IS_PANEL_BOX (self), DEFAULT_FOLD_WIDTH);

  return self->fold_width;
}

void
km_panel_box_set_fold_width (KmPanelBox *self,
                             int         fold_width)
{
  g_return_if_fail (KM_IS_PANEL_BOX (self));

  if (self->fold_width == fold_width)
    return;

  self->fold_width = fold_width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLD_WIDTH]);
}

/**
 * km_panel_box_get_folded:
 *
 * Returns: whether the panel was below the content in the last allocation
 */
gboolean
km_panel_box_get_folded (KmPanelBox *self)
{
  g_return_val_if_fail (KM_IS_PANEL_BOX (self), FALSE);

  return self->folded;
}
