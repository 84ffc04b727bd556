/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-image-view"

#include "config.h"

#include <math.h>

#include "km-image-view.h"
#include "km-outside-text.h"
#include "km-svg.h"
#include "km-thumbnail-loader.h"

/* Shows one exhibit image fitted to the widget, zoomable from 1 (the whole
 * image) to 8. It is scrollable, so a GtkScrolledWindow around it gives
 * scroll bars and kinetic touch panning; a mouse pans by dragging, the
 * arrow keys pan while it has the focus and is zoomed in (at zoom 1 they
 * are left to the viewer, which moves between exhibits with them).
 *
 * SVGs are drawn by librsvg at the size they are shown, only the visible
 * part, in every frame: they stay sharp at any zoom, and memory does not
 * grow with it. Raster images are decoded once.
 */
struct _KmImageView
{
  GtkWidget      parent_instance;

  GFile         *file;
  char          *alt_text;
  RsvgHandle    *handle;
  GdkTexture    *texture;
  KmImageViewDrawFunc draw_func;
  gpointer       draw_data;
  GDestroyNotify draw_destroy;
  GCancellable  *cancellable;
  double         intrinsic_width;
  double         intrinsic_height;
  double         zoom;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;

  /* Gestures */
  double         gesture_start_zoom;
  double         drag_start_x;
  double         drag_start_y;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (KmImageView, km_image_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  PROP_0,
  PROP_FILE,
  PROP_ZOOM,
  PROP_ALT_TEXT,
  PROP_LOADED,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  NAVIGATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define ZOOM_STEP 1.25
/* An arrow key pans by this fraction of what is visible. */
#define PAN_STEP 0.125

static gboolean
has_image (KmImageView *self)
{
  return self->handle != NULL || self->texture != NULL || self->draw_func != NULL;
}

/* The size of the whole image at zoom 1: as large as fits. */
static void
get_fit_size (KmImageView *self,
              double      *width,
              double      *height)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));
  double scale;

  if (!has_image (self) || self->intrinsic_width <= 0 || self->intrinsic_height <= 0 || w <= 0 || h <= 0)
    {
      *width = *height = 0;
      return;
    }

  scale = MIN (w / self->intrinsic_width, h / self->intrinsic_height);
  *width = self->intrinsic_width * scale;
  *height = self->intrinsic_height * scale;
}

static void
get_content_size (KmImageView *self,
                  double      *width,
                  double      *height)
{
  get_fit_size (self, width, height);
  *width *= self->zoom;
  *height *= self->zoom;
}

/* Where the image's top left corner is, in widget coordinates. */
static void
get_content_origin (KmImageView *self,
                    double      *x,
                    double      *y)
{
  double cw, ch;
  double w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  get_content_size (self, &cw, &ch);

  *x = cw < w ? (w - cw) / 2 : -gtk_adjustment_get_value (self->hadjustment);
  *y = ch < h ? (h - ch) / 2 : -gtk_adjustment_get_value (self->vadjustment);
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         content,
                      double         page,
                      double         value)
{
  double upper = MAX (content, page);

  gtk_adjustment_configure (adjustment,
                            CLAMP (value, 0, upper - page),
                            0, upper,
                            page * 0.1, page * 0.9,
                            page);
}

static void
configure_adjustments (KmImageView *self,
                       double       hvalue,
                       double       vvalue)
{
  double cw, ch;

  get_content_size (self, &cw, &ch);
  configure_adjustment (self->hadjustment, cw, gtk_widget_get_width (GTK_WIDGET (self)), hvalue);
  configure_adjustment (self->vadjustment, ch, gtk_widget_get_height (GTK_WIDGET (self)), vvalue);
}

static void
on_adjustment_value_changed_cb (KmImageView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (KmImageView    *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment,
                GParamSpec     *pspec)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);

  if (*slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, on_adjustment_value_changed_cb, self);
      g_object_unref (*slot);
    }

  *slot = g_object_ref_sink (adjustment);
  g_signal_connect_swapped (adjustment, "value-changed",
                            G_CALLBACK (on_adjustment_value_changed_cb), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
update_accessible (KmImageView *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->alt_text ? self->alt_text : "",
                                  -1);
}

static void
clear_image (KmImageView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->handle);
  g_clear_object (&self->texture);
  if (self->draw_destroy != NULL)
    self->draw_destroy (self->draw_data);
  self->draw_func = NULL;
  self->draw_data = NULL;
  self->draw_destroy = NULL;
  self->intrinsic_width = self->intrinsic_height = 0;
}

static void
on_texture_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = km_thumbnail_loader_load_finish (KM_THUMBNAIL_LOADER (source), result, &error);
  KmImageView *self;

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* It quotes the pack's file name. */
          g_autofree char *reason = km_outside_text_plain (error->message, -1);

          g_message ("Could not load the exhibit image: %s", reason);
        }
      return;
    }

  self = KM_IMAGE_VIEW (user_data);
  self->texture = g_steal_pointer (&texture);
  self->intrinsic_width = gdk_texture_get_width (self->texture);
  self->intrinsic_height = gdk_texture_get_height (self->texture);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
load_image (KmImageView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->file == NULL)
    return;

  if (km_image_file_is_svg (self->file))
    {
      /* Parsing is quick; drawing is what costs, and that is clipped. */
      self->handle = km_svg_load (self->file, NULL, &error);
      if (self->handle == NULL)
        {
          g_autofree char *reason = km_outside_text_plain (error->message, -1);

          /* Over the rendering budget (km-image-limits.h), or broken. */
          g_message ("Could not load the exhibit image: %s", reason);
          return;
        }
      if (!km_svg_get_size (self->handle, &self->intrinsic_width, &self->intrinsic_height))
        {
          self->intrinsic_width = 400;
          self->intrinsic_height = 300;
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  else
    {
      /* Photographs may be large: decode them in a thread, at most 4096 wide. */
      self->cancellable = g_cancellable_new ();
      km_thumbnail_loader_load_async (km_thumbnail_loader_get_default (), self->file, 4096, 4096, 0,
                                      self->cancellable, on_texture_loaded_cb, self);
    }
}

static void
km_image_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  KmImageView *self = KM_IMAGE_VIEW (widget);
  double size = orientation == GTK_ORIENTATION_HORIZONTAL ? self->intrinsic_width : self->intrinsic_height;

  /* The request follows the zoom; the scrolled window scrolls the rest. */
  *minimum = 0;
  *natural = (int) ceil (MIN (size * self->zoom, 4096));
}

static void
km_image_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  KmImageView *self = KM_IMAGE_VIEW (widget);

  configure_adjustments (self,
                         gtk_adjustment_get_value (self->hadjustment),
                         gtk_adjustment_get_value (self->vadjustment));
}

static void
km_image_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  KmImageView *self = KM_IMAGE_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double x, y, cw, ch;
  graphene_rect_t content, visible;

  if (!has_image (self))
    return;

  get_content_origin (self, &x, &y);
  get_content_size (self, &cw, &ch);
  if (cw <= 0 || ch <= 0)
    return;

  content = GRAPHENE_RECT_INIT (x, y, cw, ch);
  if (!graphene_rect_intersection (&content, &GRAPHENE_RECT_INIT (0, 0, width, height), &visible))
    return;

  gtk_snapshot_push_clip (snapshot, &visible);

  if (self->draw_func != NULL)
    {
      self->draw_func (snapshot, &content, &visible, self->draw_data);
    }
  else if (self->handle != NULL)
    {
      cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &visible);

      km_svg_render (self->handle, cr, x, y, cw, ch, NULL);
      cairo_destroy (cr);
    }
  else
    {
      gtk_snapshot_append_texture (snapshot, self->texture, &content);
    }

  gtk_snapshot_pop (snapshot);
}

/* Gestures */

static void
on_zoom_begin_cb (GtkGesture       *gesture,
                  GdkEventSequence *sequence,
                  KmImageView      *self)
{
  self->gesture_start_zoom = self->zoom;
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom *gesture,
                          double          scale,
                          KmImageView    *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }

  km_image_view_zoom_at (self, self->gesture_start_zoom * scale, x, y);
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     KmImageView     *self)
{
  if (!has_image (self))
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* Double-click or double-tap: a closer look there, or the whole image. */
  if (n_press == 2)
    {
      km_image_view_zoom_at (self, self->zoom > KM_IMAGE_VIEW_MIN_ZOOM ? KM_IMAGE_VIEW_MIN_ZOOM : 2.5, x, y);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              KmImageView              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkEvent *event;
  double x, y;

  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;

  event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  if (event == NULL || !gdk_event_get_position (event, &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  else
    {
      /* Event positions are in surface coordinates. */
      GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
      double nx, ny;
      graphene_point_t p;

      gtk_native_get_surface_transform (native, &nx, &ny);
      if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                    &GRAPHENE_POINT_INIT (x - nx, y - ny), &p))
        {
          x = p.x;
          y = p.y;
        }
    }

  km_image_view_zoom_at (self, self->zoom * pow (ZOOM_STEP, -CLAMP (dy, -3, 3)), x, y);

  return TRUE;
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  KmImageView    *self)
{
  GdkDevice *device = gtk_gesture_get_device (GTK_GESTURE (gesture));

  /* Touch panning is the scrolled window's, with its kinetic scrolling. */
  if (device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_start_x = gtk_adjustment_get_value (self->hadjustment);
  self->drag_start_y = gtk_adjustment_get_value (self->vadjustment);
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          offset_x,
                   double          offset_y,
                   KmImageView    *self)
{
  if (self->zoom <= KM_IMAGE_VIEW_MIN_ZOOM)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_adjustment_set_value (self->hadjustment, self->drag_start_x - offset_x);
  gtk_adjustment_set_value (self->vadjustment, self->drag_start_y - offset_y);
}

static void
on_swipe_cb (GtkGestureSwipe *gesture,
             double           velocity_x,
             double           velocity_y,
             KmImageView     *self)
{
  /* A swipe pages through exhibits only when there is nothing to pan. */
  if (self->zoom > KM_IMAGE_VIEW_MIN_ZOOM)
    return;

  if (fabs (velocity_x) < 400 || fabs (velocity_x) < 2 * fabs (velocity_y))
    return;

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    velocity_x = -velocity_x;

  g_signal_emit (self, signals[NAVIGATE], 0, velocity_x < 0 ? 1 : -1);
}

/* Arrow keys: @args is (dx, dy), -1, 0 or 1. Not handled at zoom 1, so the
 * viewer's shortcuts get them. At an edge the key is still taken: a
 * visitor panning a zoomed image does not land on another exhibit. */
static gboolean
pan_shortcut_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  KmImageView *self = KM_IMAGE_VIEW (widget);
  int dx, dy;

  if (!has_image (self) || self->zoom <= KM_IMAGE_VIEW_MIN_ZOOM)
    return FALSE;

  g_variant_get (args, "(ii)", &dx, &dy);
  if (dx != 0)
    gtk_adjustment_set_value (self->hadjustment,
                              gtk_adjustment_get_value (self->hadjustment) +
                              dx * MAX (gtk_adjustment_get_page_size (self->hadjustment) * PAN_STEP, 1));
  if (dy != 0)
    gtk_adjustment_set_value (self->vadjustment,
                              gtk_adjustment_get_value (self->vadjustment) +
                              dy * MAX (gtk_adjustment_get_page_size (self->vadjustment) * PAN_STEP, 1));

  return TRUE;
}

static void
km_image_view_dispose (GObject *object)
{
  KmImageView *self = KM_IMAGE_VIEW (object);

  clear_image (self);
  g_clear_object (&self->file);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (km_image_view_parent_class)->dispose (object);
}

static void
km_image_view_finalize (GObject *object)
{
  KmImageView *self = KM_IMAGE_VIEW (object);

  g_free (self->alt_text);

  G_OBJECT_CLASS (km_image_view_parent_class)->finalize (object);
}

static void
km_image_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KmImageView *self = KM_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;

    case PROP_ALT_TEXT:
      g_value_set_string (value, self->alt_text);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, km_image_view_get_loaded (self));
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_image_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KmImageView *self = KM_IMAGE_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      km_image_view_set_file (self, g_value_get_object (value));
      break;

    case PROP_ZOOM:
      km_image_view_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_ALT_TEXT:
      km_image_view_set_alt_text (self, g_value_get_string (value));
      break;

    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value), pspec);
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value), pspec);
      break;

    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_image_view_class_init (KmImageViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_image_view_dispose;
  object_class->finalize = km_image_view_finalize;
  object_class->get_property = km_image_view_get_property;
  object_class->set_property = km_image_view_set_property;

  widget_class->measure = km_image_view_measure;
  widget_class->size_allocate = km_image_view_size_allocate;
  widget_class->snapshot = km_image_view_snapshot;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         KM_IMAGE_VIEW_MIN_ZOOM, KM_IMAGE_VIEW_MAX_ZOOM, KM_IMAGE_VIEW_MIN_ZOOM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ALT_TEXT] =
    g_param_spec_string ("alt-text", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * KmImageView::navigate:
   * @direction: 1 for the next exhibit, -1 for the previous one
   *
   * A swipe asked for another exhibit.
   */
  signals[NAVIGATE] =
    g_signal_new ("navigate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, 0, pan_shortcut_cb, "(ii)", -1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Left, 0, pan_shortcut_cb, "(ii)", -1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, 0, pan_shortcut_cb, "(ii)", 1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Right, 0, pan_shortcut_cb, "(ii)", 1, 0);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, 0, pan_shortcut_cb, "(ii)", 0, -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Up, 0, pan_shortcut_cb, "(ii)", 0, -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, 0, pan_shortcut_cb, "(ii)", 0, 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Down, 0, pan_shortcut_cb, "(ii)", 0, 1);

  gtk_widget_class_set_css_name (widget_class, "km-image-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
km_image_view_init (KmImageView *self)
{
  GtkGesture *gesture;
  GtkEventController *controller;

  self->zoom = KM_IMAGE_VIEW_MIN_ZOOM;
  set_adjustment (self, &self->hadjustment, NULL, NULL);
  set_adjustment (self, &self->vadjustment, NULL, NULL);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_swipe_new ();
  g_signal_connect (gesture, "swipe", G_CALLBACK (on_swipe_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
km_image_view_new (void)
{
  return g_object_new (KM_TYPE_IMAGE_VIEW, NULL);
}

/**
 * km_image_view_get_file:
 *
 * Returns: (transfer none) (nullable): the image shown
 */
GFile *
km_image_view_get_file (KmImageView *self)
{
  g_return_val_if_fail (KM_IS_IMAGE_VIEW (self), NULL);

  return self->file;
}

/**
 * km_image_view_set_file:
 *
 * Shows @file, fitted (zoom 1).
 */
void
km_image_view_set_file (KmImageView *self,
                        GFile       *file)
{
  g_return_if_fail (KM_IS_IMAGE_VIEW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  clear_image (self);
  g_set_object (&self->file, file);
  load_image (self);

  km_image_view_set_zoom (self, KM_IMAGE_VIEW_MIN_ZOOM);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/**
 * km_image_view_set_draw_func:
 * @width: the picture's size at zoom 1, before it is fitted (any unit:
 *   only the aspect ratio and the natural size follow from it)
 * @height: likewise
 * @func: (nullable): draws the picture at the size it is shown
 *
 * Shows a picture drawn by @func instead of an image file, fitted
 * (zoom 1), with the same zoom, pan and gestures as an image.
 */
void
km_image_view_set_draw_func (KmImageView         *self,
                             double               width,
                             double               height,
                             KmImageViewDrawFunc  func,
                             gpointer             user_data,
                             GDestroyNotify       destroy)
{
  gboolean had_file;

  g_return_if_fail (KM_IS_IMAGE_VIEW (self));

  had_file = self->file != NULL;
  clear_image (self);
  g_clear_object (&self->file);
  if (func != NULL && width > 0 && height > 0)
    {
      self->draw_func = func;
      self->draw_data = user_data;
      self->draw_destroy = destroy;
      self->intrinsic_width = width;
      self->intrinsic_height = height;
    }
  else if (destroy != NULL)
    {
      destroy (user_data);
    }
  km_image_view_set_zoom (self, KM_IMAGE_VIEW_MIN_ZOOM);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (had_file)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

gboolean
km_image_view_get_loaded (KmImageView *self)
{
  g_return_val_if_fail (KM_IS_IMAGE_VIEW (self), FALSE);

  return has_image (self);
}

double
km_image_view_get_zoom (KmImageView *self)
{
  g_return_val_if_fail (KM_IS_IMAGE_VIEW (self), KM_IMAGE_VIEW_MIN_ZOOM);

  return self->zoom;
}

/**
 * km_image_view_zoom_at:
 * @zoom: the new zoom, clamped to 1–8
 * @x: the point, in widget coordinates, that stays where it is
 * @y: likewise
 */
void
km_image_view_zoom_at (KmImageView *self,
                       double       zoom,
                       double       x,
                       double       y)
{
  double ox, oy, cw, ch, fx, fy;

  g_return_if_fail (KM_IS_IMAGE_VIEW (self));

  zoom = CLAMP (zoom, KM_IMAGE_VIEW_MIN_ZOOM, KM_IMAGE_VIEW_MAX_ZOOM);
  /* Snap back to fit rather than leave 1.0001. */
  if (fabs (zoom - KM_IMAGE_VIEW_MIN_ZOOM) < 0.01)
    zoom = KM_IMAGE_VIEW_MIN_ZOOM;

  if (zoom == self->zoom)
    return;

  /* The fraction of the image under the point... */
  get_content_origin (self, &ox, &oy);
  get_content_size (self, &cw, &ch);
  fx = cw > 0 ? (x - ox) / cw : 0.5;
  fy = ch > 0 ? (y - oy) / ch : 0.5;
  fx = CLAMP (fx, 0, 1);
  fy = CLAMP (fy, 0, 1);

  self->zoom = zoom;

  /* ...stays under it. */
  get_content_size (self, &cw, &ch);
  configure_adjustments (self, fx * cw - x, fy * ch - y);

  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
km_image_view_set_zoom (KmImageView *self,
                        double       zoom)
{
  g_return_if_fail (KM_IS_IMAGE_VIEW (self));

  km_image_view_zoom_at (self, zoom,
                         gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                         gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
km_image_view_zoom_in (KmImageView *self)
{
  g_return_if_fail (KM_IS_IMAGE_VIEW (self));

  km_image_view_set_zoom (self, self->zoom * ZOOM_STEP);
}

void
km_image_view_zoom_out (KmImageView *self)
{
  g_return_if_fail (KM_IS_IMAGE_VIEW (self));

  km_image_view_set_zoom (self, self->zoom / ZOOM_STEP);
}

const char *
km_image_view_get_alt_text (KmImageView *self)
{
  g_return_val_if_fail (KM_IS_IMAGE_VIEW (self), NULL);

  return self->alt_text;
}

/**
 * km_image_view_set_alt_text:
 *
 * Sets the text screen readers read for the image.
 */
void
km_image_view_set_alt_text (KmImageView *self,
                            const char  *alt_text)
{
  g_return_if_fail (KM_IS_IMAGE_VIEW (self));

  if (g_strcmp0 (self->alt_text, alt_text) == 0)
    return;

  g_free (self->alt_text);
  self->alt_text = g_strdup (alt_text);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALT_TEXT]);
}
