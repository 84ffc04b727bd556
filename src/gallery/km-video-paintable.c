/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-video-paintable"

#include "config.h"

#include <math.h>

#include "km-video-paintable.h"

/* A video stream's picture, scaled off the main thread to the size it is
 * shown at (#20).
 *
 * GTK 4.8's cairo renderer draws each frame of a GtkMediaFile by
 * converting the whole 1920×1080 texture and scaling it with cairo's
 * "good" filter on the main thread: about 25 ms of its CPU per frame for a
 * 1200×675 picture, on a two-core machine that is also decoding. With
 * scaling on (the player turns it on under the cairo renderer), every
 * frame the stream delivers is converted and scaled once, bilinear, in a
 * worker thread, to the device pixels it is drawn at, and the renderer
 * draws it 1:1. Two frames are scaled at a time, one per core: a frame
 * arriving meanwhile waits, and a newer one takes its place (counted as
 * skipped). With one at a time, a main thread held up for a frame's time
 * left the worker idle with two frames waiting, and one was skipped (15 to
 * 31 in a minute of 1080p30 on two busy cores, #20). The first
 * frame shows once scaled; after a resize the last one is stretched until
 * it comes at the new size. Under the GL renderer the GPU scales, and
 * this passes the stream through.
 */
struct _KmVideoPaintable
{
  GObject          parent_instance;

  GdkPaintable    *source;
  GdkTexture      *scaled;        /* the newest frame scaled, or NULL */
  GdkTexture      *pending;       /* the newest frame waiting for the worker */
  GCancellable    *cancellable;   /* of the frames being scaled */
  cairo_surface_t *scratch;       /* the worker's full-size copy, reused */
  int              width;         /* device pixels it was last drawn at */
  int              height;
  int              scale_factor;
  gboolean         scaling;
  gboolean         passthrough;   /* the stream's frames are not in memory */
  guint            n_busy;        /* frames in the workers */
  guint            n_started;     /* serial of the last frame started */
  guint            shown;         /* serial of the frame in @scaled */
  guint            n_frames;
  guint            n_scaled;
  guint            n_skipped;
};

static void km_video_paintable_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KmVideoPaintable, km_video_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, km_video_paintable_paintable_init))

#define MAX_BUSY 2

typedef struct
{
  GdkTexture      *texture;
  guint            serial;
  cairo_surface_t *scratch;
  int              width;
  int              height;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->texture);
  g_clear_pointer (&job->scratch, cairo_surface_destroy);
  g_free (job);
}

/* The stream's paintable draws its frame as one texture node. */
static GskRenderNode *
find_texture_node (GskRenderNode *node)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_TEXTURE_NODE:
      return node;
    case GSK_CONTAINER_NODE:
      return gsk_container_node_get_n_children (node) == 1
             ? find_texture_node (gsk_container_node_get_child (node, 0)) : NULL;
    case GSK_TRANSFORM_NODE:
      return find_texture_node (gsk_transform_node_get_child (node));
    case GSK_CLIP_NODE:
      return find_texture_node (gsk_clip_node_get_child (node));
    default:
      return NULL;
    }
}

static GdkTexture *
dup_source_texture (KmVideoPaintable *self)
{
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderNode *texture_node;
  GtkSnapshot *snapshot;
  int width, height;

  if (self->source == NULL)
    return NULL;
  width = gdk_paintable_get_intrinsic_width (self->source);
  height = gdk_paintable_get_intrinsic_height (self->source);
  if (width <= 0 || height <= 0)
    return NULL;

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (self->source, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture_node = node != NULL ? find_texture_node (node) : NULL;
  if (texture_node == NULL)
    return NULL;

  return g_object_ref (gsk_texture_node_get_texture (texture_node));
}

static void
scale_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  int width = gdk_texture_get_width (job->texture);
  int height = gdk_texture_get_height (job->texture);
  cairo_surface_t *target;
  cairo_t *cr;
  GBytes *bytes;
  GdkTexture *scaled;

  if (job->scratch == NULL ||
      cairo_image_surface_get_width (job->scratch) != width ||
      cairo_image_surface_get_height (job->scratch) != height)
    {
      g_clear_pointer (&job->scratch, cairo_surface_destroy);
      job->scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
  target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->width, job->height);
  if (cairo_surface_status (job->scratch) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_status (target) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (target);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "no memory for a video frame");
      return;
    }

  /* A memory texture is immutable: reading it here is safe. */
  cairo_surface_flush (job->scratch);
  gdk_texture_download (job->texture,
                        cairo_image_surface_get_data (job->scratch),
                        cairo_image_surface_get_stride (job->scratch));
  cairo_surface_mark_dirty (job->scratch);

  cr = cairo_create (target);
  cairo_scale (cr, (double) job->width / width, (double) job->height / height);
  cairo_set_source_surface (cr, job->scratch, 0, 0);
  /* Bilinear costs a tenth of "good" and looks the same on a moving
   * picture; below half size it would skip pixels. */
  cairo_pattern_set_filter (cairo_get_source (cr),
                            job->width * 2 < width || job->height * 2 < height
                            ? CAIRO_FILTER_GOOD : CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (target);

  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT: the renderer copies it as it is. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (target),
                                      (gsize) cairo_image_surface_get_stride (target) * job->height,
                                      (GDestroyNotify) cairo_surface_destroy, target);
  scaled = gdk_memory_texture_new (job->width, job->height, GDK_MEMORY_DEFAULT, bytes,
                                   cairo_image_surface_get_stride (target));
  g_bytes_unref (bytes);
  g_task_return_pointer (task, scaled, g_object_unref);
}

static void start_job (KmVideoPaintable *self,
                       GdkTexture       *texture);

static void
on_scaled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  KmVideoPaintable *self = KM_VIDEO_PAINTABLE (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result)));
  g_autoptr(GdkTexture) scaled = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GdkTexture) next = NULL;

  if (self->scratch == NULL)
    self->scratch = g_steal_pointer (&job->scratch);
  if (cancelled)
    return;

  self->n_busy--;

  /* Overtaken by a newer frame scaled in the other worker. */
  if (job->serial < self->shown)
    self->n_skipped++;
  /* Scaled for a size it is no longer drawn at: the next frame is. */
  else if (scaled != NULL && self->scaling &&
      gdk_texture_get_width (scaled) == self->width &&
      gdk_texture_get_height (scaled) == self->height)
    {
      g_set_object (&self->scaled, scaled);
      self->shown = job->serial;
      self->n_scaled++;
      gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
    }

  next = g_steal_pointer (&self->pending);
  if (next != NULL && self->scaling)
    start_job (self, next);
}

static void
start_job (KmVideoPaintable *self,
           GdkTexture       *texture)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  g_assert (self->n_busy < MAX_BUSY);

  job->texture = g_object_ref (texture);
  job->serial = ++self->n_started;
  job->scratch = g_steal_pointer (&self->scratch);
  job->width = self->width;
  job->height = self->height;

  self->n_busy++;
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_scaled_cb, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, scale_in_thread);
}

static void
queue_frame (KmVideoPaintable *self,
             GdkTexture       *texture)
{
  if (self->n_busy < MAX_BUSY)
    {
      start_job (self, texture);
      return;
    }

  if (self->pending != NULL)
    self->n_skipped++;
  g_set_object (&self->pending, texture);
}

/* Forgets what was scaled, and the frames in the workers. */
static void
drop_frames (KmVideoPaintable *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->n_busy = 0;
  g_clear_object (&self->scaled);
  g_clear_object (&self->pending);
}

static void
on_source_invalidate_contents_cb (KmVideoPaintable *self)
{
  g_autoptr(GdkTexture) texture = NULL;

  self->n_frames++;
  /* Not drawn yet: the first snapshot knows the size, and asks for it. */
  if (!self->scaling || self->width <= 0)
    {
      gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
      return;
    }

  texture = dup_source_texture (self);
  self->passthrough = texture == NULL || !GDK_IS_MEMORY_TEXTURE (texture);
  if (self->passthrough)
    {
      g_clear_object (&self->scaled);
      gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
      return;
    }

  queue_frame (self, texture);
}

static void
on_source_invalidate_size_cb (KmVideoPaintable *self)
{
  gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
}

static void
km_video_paintable_snapshot (GdkPaintable *paintable,
                             GdkSnapshot  *snapshot,
                             double        width,
                             double        height)
{
  KmVideoPaintable *self = KM_VIDEO_PAINTABLE (paintable);
  /* GtkPicture places it at whole pixels; ceil() keeps it inside. */
  int device_width = (int) ceil (width * self->scale_factor - 1e-3);
  int device_height = (int) ceil (height * self->scale_factor - 1e-3);

  if (self->source == NULL)
    return;

  /* Before the first frame GtkPicture draws it at its own size, which is
   * not the size the frame will be drawn at. */
  if (self->scaling && gdk_paintable_get_intrinsic_width (self->source) > 0 &&
      (device_width != self->width || device_height != self->height))
    {
      g_autoptr(GdkTexture) texture = NULL;

      self->width = device_width;
      self->height = device_height;
      /* The frame shown, again at the new size. */
      texture = dup_source_texture (self);
      self->passthrough = texture == NULL || !GDK_IS_MEMORY_TEXTURE (texture);
      if (!self->passthrough)
        queue_frame (self, texture);
    }

  if (!self->scaling || self->passthrough)
    gdk_paintable_snapshot (self->source, snapshot, width, height);
  else if (self->scaled != NULL &&
           gdk_texture_get_width (self->scaled) == device_width &&
           gdk_texture_get_height (self->scaled) == device_height)
    gtk_snapshot_append_texture (GTK_SNAPSHOT (snapshot), self->scaled,
                                 &GRAPHENE_RECT_INIT (0, 0,
                                                      (double) device_width / self->scale_factor,
                                                      (double) device_height / self->scale_factor));
  /* Resizing: the last frame stretched until it comes at the new size. */
  else if (self->scaled != NULL)
    gtk_snapshot_append_texture (GTK_SNAPSHOT (snapshot), self->scaled,
                                 &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* The first frame is a few ms away in the worker: drawing the stream's
   * here would cost the main thread more than waiting for it. */
}

static GdkPaintable *
km_video_paintable_get_current_image (GdkPaintable *paintable)
{
  KmVideoPaintable *self = KM_VIDEO_PAINTABLE (paintable);

  if (self->source == NULL)
    return gdk_paintable_new_empty (0, 0);
  return gdk_paintable_get_current_image (self->source);
}

static int
km_video_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  KmVideoPaintable *self = KM_VIDEO_PAINTABLE (paintable);

  return self->source != NULL ? gdk_paintable_get_intrinsic_width (self->source) : 0;
}

static int
km_video_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  KmVideoPaintable *self = KM_VIDEO_PAINTABLE (paintable);

  return self->source != NULL ? gdk_paintable_get_intrinsic_height (self->source) : 0;
}

static double
km_video_paintable_get_intrinsic_aspect_ratio (GdkPaintable *paintable)
{
  KmVideoPaintable *self = KM_VIDEO_PAINTABLE (paintable);

  return self->source != NULL ? gdk_paintable_get_intrinsic_aspect_ratio (self->source) : 0.0;
}

static void
km_video_paintable_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = km_video_paintable_snapshot;
  iface->get_current_image = km_video_paintable_get_current_image;
  iface->get_intrinsic_width = km_video_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = km_video_paintable_get_intrinsic_height;
  iface->get_intrinsic_aspect_ratio = km_video_paintable_get_intrinsic_aspect_ratio;
}

static void
km_video_paintable_dispose (GObject *object)
{
  KmVideoPaintable *self = KM_VIDEO_PAINTABLE (object);

  drop_frames (self);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (km_video_paintable_parent_class)->dispose (object);
}

static void
km_video_paintable_finalize (GObject *object)
{
  KmVideoPaintable *self = KM_VIDEO_PAINTABLE (object);

  g_clear_pointer (&self->scratch, cairo_surface_destroy);

  G_OBJECT_CLASS (km_video_paintable_parent_class)->finalize (object);
}

static void
km_video_paintable_class_init (KmVideoPaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = km_video_paintable_dispose;
  object_class->finalize = km_video_paintable_finalize;
}

static void
km_video_paintable_init (KmVideoPaintable *self)
{
  self->scale_factor = 1;
}

/**
 * km_video_paintable_new:
 * @source: the stream (a #GtkMediaStream)
 *
 * Returns: (transfer full): a paintable showing @source, passed through
 *   until scaling is turned on
 */
KmVideoPaintable *
km_video_paintable_new (GdkPaintable *source)
{
  KmVideoPaintable *self;

  g_return_val_if_fail (GDK_IS_PAINTABLE (source), NULL);

  self = g_object_new (KM_TYPE_VIDEO_PAINTABLE, NULL);
  self->source = g_object_ref (source);
  g_signal_connect_object (source, "invalidate-contents",
                           G_CALLBACK (on_source_invalidate_contents_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (source, "invalidate-size",
                           G_CALLBACK (on_source_invalidate_size_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * km_video_paintable_get_source:
 *
 * Returns: (transfer none) (nullable): the stream shown
 */
GdkPaintable *
km_video_paintable_get_source (KmVideoPaintable *self)
{
  g_return_val_if_fail (KM_IS_VIDEO_PAINTABLE (self), NULL);

  return self->source;
}

gboolean
km_video_paintable_get_scaling (KmVideoPaintable *self)
{
  g_return_val_if_fail (KM_IS_VIDEO_PAINTABLE (self), FALSE);

  return self->scaling;
}

/* On for the cairo renderer, at the widget's scale factor. */
void
km_video_paintable_set_scaling (KmVideoPaintable *self,
                                gboolean          scaling,
                                int               scale_factor)
{
  g_return_if_fail (KM_IS_VIDEO_PAINTABLE (self));

  scaling = !!scaling;
  scale_factor = MAX (scale_factor, 1);
  if (self->scaling == scaling && self->scale_factor == scale_factor)
    return;

  drop_frames (self);
  self->scaling = scaling;
  self->scale_factor = scale_factor;
  /* The next snapshot asks for the frame at its size. */
  self->width = self->height = 0;
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

/* Frames the stream delivered. */
guint
km_video_paintable_get_n_frames (KmVideoPaintable *self)
{
  g_return_val_if_fail (KM_IS_VIDEO_PAINTABLE (self), 0);

  return self->n_frames;
}

/* Frames scaled off the main thread and handed to the picture. */
guint
km_video_paintable_get_n_scaled (KmVideoPaintable *self)
{
  g_return_val_if_fail (KM_IS_VIDEO_PAINTABLE (self), 0);

  return self->n_scaled;
}

/* Frames replaced by a newer one before the worker got to them. */
guint
km_video_paintable_get_n_skipped (KmVideoPaintable *self)
{
  g_return_val_if_fail (KM_IS_VIDEO_PAINTABLE (self), 0);

  return self->n_skipped;
}
