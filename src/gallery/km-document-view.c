/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-document-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <poppler.h>

#include "km-a11y.h"
#include "km-document-view.h"
#include "km-image-view.h"
#include "km-outside-text.h"
#include "km-panel-box.h"
#include "km-surface-paintable.h"

/* A PDF exhibit, one page at a time, fitted and zoomable like an image
 * (the page is drawn by a KmImageView, so the gestures and keys are the
 * same).
 *
 * The page stays sharp at every zoom: poppler draws it again at the scale
 * it is shown, in a worker thread, and only what is on screen plus a
 * margin once the whole page would be large. Renders are kept per page
 * and scale (a zoom step), so zooming back or panning inside the margin
 * draws at once; until a render arrives, the closest one is drawn scaled.
 *
 * poppler's document is not safe to use from two threads at once: it is
 * opened and used only in worker threads, under Pdf's mutex.
 */

/* Whole pages up to this many pixels; beyond it, the visible part. */
#define WHOLE_PAGE_PIXELS (4 * 1024 * 1024)
/* The part rendered reaches this fraction of the visible size beyond it on
 * every side, so small pans need no new render. */
#define MARGIN 0.25
/* Renders kept: a few zoom steps and pages. */
#define MAX_TILES 4
/* Larger than any screen; a render is never larger than this a side. */
#define MAX_RENDER_SIDE 8192

typedef struct
{
  GMutex           mutex;
  GFile           *file;
  PopplerDocument *document;
} Pdf;

typedef struct
{
  int     n_pages;
  double *sizes;             /* width, height of each page, in points */
} LoadResult;

typedef struct
{
  Pdf             *pdf;
  guint            generation;
  int              page;
  double           scale;    /* device pixels per point */
  graphene_rect_t  region;   /* in points */
} RenderJob;

typedef struct
{
  int              page;
  double           scale;
  graphene_rect_t  region;
  GdkPaintable    *paintable;
} Tile;

struct _KmDocumentView
{
  GtkWidget        parent_instance;

  GFile           *file;
  Pdf             *pdf;
  GCancellable    *cancellable;
  guint            generation;
  int              n_pages;
  double          *sizes;
  int              page;
  int              wanted_page;   /* asked for before the file was read */
  double           wanted_zoom;
  gboolean         failed;
  gboolean         has_transcription;
  double           rendered_scale;
  GPtrArray       *tiles;    /* of Tile, oldest first */
  RenderJob       *running;
  RenderJob       *pending;

  KmPanelBox      *panel_box;
  GtkStack        *stack;
  KmImageView     *page_view;
  GtkWidget       *transcription_panel;
  GtkLabel        *transcription_label;
  GtkWidget       *page_bar;
  GtkLabel        *page_label;
  AdwStatusPage   *failed_page;
};

G_DEFINE_FINAL_TYPE (KmDocumentView, km_document_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILE,
  PROP_PAGE,
  PROP_N_PAGES,
  PROP_ZOOM,
  PROP_LOADED,
  PROP_FAILED,
  PROP_RENDERED_SCALE,
  N_PROPS
};

enum {
  NAVIGATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_render (KmDocumentView *self,
                          RenderJob      *job);

/* Pdf */

static Pdf *
pdf_new (GFile *file)
{
  Pdf *pdf = g_atomic_rc_box_new0 (Pdf);

  g_mutex_init (&pdf->mutex);
  pdf->file = g_object_ref (file);

  return pdf;
}

static void
pdf_clear (Pdf *pdf)
{
  g_mutex_clear (&pdf->mutex);
  g_clear_object (&pdf->document);
  g_clear_object (&pdf->file);
}

static void
pdf_unref (Pdf *pdf)
{
  g_atomic_rc_box_release_full (pdf, (GDestroyNotify) pdf_clear);
}

static void
load_result_free (LoadResult *result)
{
  g_free (result->sizes);
  g_free (result);
}

static void
render_job_free (RenderJob *job)
{
  g_clear_pointer (&job->pdf, pdf_unref);
  g_free (job);
}

static void
tile_free (Tile *tile)
{
  g_clear_object (&tile->paintable);
  g_free (tile);
}

/* Opens the document (once) and reads its pages' sizes. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Pdf *pdf = task_data;
  g_autoptr(GError) error = NULL;
  LoadResult *result;

  g_mutex_lock (&pdf->mutex);
  if (pdf->document == NULL)
    pdf->document = poppler_document_new_from_gfile (pdf->file, NULL, cancellable, &error);
  if (pdf->document == NULL)
    {
      g_mutex_unlock (&pdf->mutex);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (LoadResult, 1);
  result->n_pages = poppler_document_get_n_pages (pdf->document);
  result->sizes = g_new0 (double, 2 * MAX (result->n_pages, 1));
  for (int i = 0; i < result->n_pages; i++)
    {
      /* poppler 22.02 has no autoptr for its types. */
      g_autoptr(GObject) page = (GObject *) poppler_document_get_page (pdf->document, i);

      if (page != NULL)
        poppler_page_get_size (POPPLER_PAGE (page), &result->sizes[2 * i], &result->sizes[2 * i + 1]);
    }
  g_mutex_unlock (&pdf->mutex);

  if (result->n_pages <= 0)
    {
      load_result_free (result);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The document has no pages");
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr(GObject) page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int width = (int) ceil (job->region.size.width * job->scale);
  int height = (int) ceil (job->region.size.height * job->scale);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (width <= 0 || height <= 0 || width > MAX_RENDER_SIDE || height > MAX_RENDER_SIDE)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Nothing to render");
      return;
    }

  g_mutex_lock (&job->pdf->mutex);
  if (job->pdf->document != NULL)
    page = (GObject *) poppler_document_get_page (job->pdf->document, job->page);
  if (page == NULL)
    {
      g_mutex_unlock (&job->pdf->mutex);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Page %d cannot be read", job->page + 1);
      return;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  /* Paper is white, whatever the style. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, job->scale, job->scale);
  cairo_translate (cr, -job->region.origin.x, -job->region.origin.y);
  poppler_page_render (POPPLER_PAGE (page), cr);
  cairo_destroy (cr);
  g_mutex_unlock (&job->pdf->mutex);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return;
    }

  cairo_surface_flush (surface);
  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

/* The surface's pixels as a texture, drawn from the surface itself under
 * the cairo renderer (km-surface-paintable.h). */
static GdkPaintable *
paintable_for_surface (KmDocumentView  *self,
                       cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
  g_object_set_data_full (G_OBJECT (texture), KM_SURFACE_PAINTABLE_SURFACE_KEY,
                          cairo_surface_reference (surface),
                          (GDestroyNotify) cairo_surface_destroy);

  return km_paintable_for_widget (GTK_WIDGET (self->page_view), texture);
}

/* State */

static void
update_page_label (KmDocumentView *self)
{
  g_autofree char *text = NULL;

  if (self->n_pages > 0)
    /* Translators: the page of a PDF exhibit shown: “Page 2 of 5” */
    text = g_strdup_printf (_("Page %1$d of %2$d"), self->page + 1, self->n_pages);
  gtk_label_set_label (self->page_label, text);
  gtk_widget_set_visible (self->page_bar, self->n_pages > 0 && !self->failed);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.previous-page",
                                 self->n_pages > 0 && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "document.next-page",
                                 self->n_pages > 0 && self->page < self->n_pages - 1);
}

static void
update_failed_text (KmDocumentView *self)
{
  adw_status_page_set_description (self->failed_page,
                                   self->has_transcription
                                   ? _("The file could not be read. Its transcription is beside it.")
                                   : _("The file could not be read."));
}

static void
set_failed (KmDocumentView *self,
            const GError   *error)
{
  /* The message may quote the pack's file name. */
  g_autofree char *reason = km_outside_text_plain (error->message, -1);

  g_message ("Could not show the document: %s", reason);

  self->failed = TRUE;
  km_image_view_set_draw_func (self->page_view, 0, 0, NULL, NULL, NULL);
  update_failed_text (self);
  gtk_stack_set_visible_child_name (self->stack, "failed");
  update_page_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

/* Drawing */

static gboolean
same_scale (double a,
            double b)
{
  return fabs (a - b) <= 1e-3 * MAX (a, b);
}

static gboolean
rect_contains (const graphene_rect_t *outer,
               const graphene_rect_t *inner)
{
  /* A quarter of a point of slack for rounding. */
  return inner->origin.x >= outer->origin.x - 0.25 &&
         inner->origin.y >= outer->origin.y - 0.25 &&
         inner->origin.x + inner->size.width <= outer->origin.x + outer->size.width + 0.25 &&
         inner->origin.y + inner->size.height <= outer->origin.y + outer->size.height + 0.25;
}

static gboolean
job_covers (RenderJob             *job,
            guint                  generation,
            int                    page,
            double                 scale,
            const graphene_rect_t *region)
{
  return job != NULL && job->generation == generation && job->page == page &&
         same_scale (job->scale, scale) && rect_contains (&job->region, region);
}

static void
draw_tile (GtkSnapshot           *snapshot,
           Tile                  *tile,
           const graphene_rect_t *content,
           double                 points_to_widget,
           int                    scale_factor)
{
  double x = content->origin.x + tile->region.origin.x * points_to_widget;
  double y = content->origin.y + tile->region.origin.y * points_to_widget;

  /* A render at the scale shown goes on whole device pixels: drawn one to
   * one, a plain copy, where a fraction of a pixel would filter it. */
  if (same_scale (tile->scale, points_to_widget * scale_factor))
    {
      x = round (x * scale_factor) / scale_factor;
      y = round (y * scale_factor) / scale_factor;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gdk_paintable_snapshot (tile->paintable, snapshot,
                          tile->region.size.width * points_to_widget,
                          tile->region.size.height * points_to_widget);
  gtk_snapshot_restore (snapshot);
}

static int
compare_tiles_by_scale (gconstpointer a,
                        gconstpointer b)
{
  const Tile *ta = *(const Tile **) a;
  const Tile *tb = *(const Tile **) b;

  return ta->scale < tb->scale ? -1 : ta->scale > tb->scale;
}

/* The page at the size KmImageView shows it: the render at this scale if
 * there is one for what is visible; otherwise a white page, the renders
 * there are drawn scaled, and a render at this scale is asked for. */
static void
draw_page_cb (GtkSnapshot           *snapshot,
              const graphene_rect_t *content,
              const graphene_rect_t *visible,
              gpointer               user_data)
{
  KmDocumentView *self = user_data;
  double page_width = self->sizes[2 * self->page];
  double page_height = self->sizes[2 * self->page + 1];
  double points_to_widget = content->size.width / page_width;
  double scale = points_to_widget * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  graphene_rect_t visible_points, wanted;
  g_autoptr(GPtrArray) fallback = g_ptr_array_new ();
  RenderJob *job;

  visible_points = GRAPHENE_RECT_INIT ((visible->origin.x - content->origin.x) / points_to_widget,
                                       (visible->origin.y - content->origin.y) / points_to_widget,
                                       visible->size.width / points_to_widget,
                                       visible->size.height / points_to_widget);

  for (guint i = 0; i < self->tiles->len; i++)
    {
      Tile *tile = g_ptr_array_index (self->tiles, i);

      if (tile->page != self->page)
        continue;
      if (same_scale (tile->scale, scale) && rect_contains (&tile->region, &visible_points))
        {
          draw_tile (snapshot, tile, content, points_to_widget, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
          /* A render from the cache counts as drawn at its scale. */
          if (self->rendered_scale != tile->scale)
            {
              self->rendered_scale = tile->scale;
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERED_SCALE]);
            }
          return;
        }
      g_ptr_array_add (fallback, tile);
    }

  /* Scaled, from the sharpest render that covers what is visible (each
   * scaled draw costs a frame's time under the cairo renderer); or all of
   * them, sharper over less sharp, on white. */
  g_ptr_array_sort (fallback, compare_tiles_by_scale);
  for (guint i = fallback->len; i > 0; i--)
    {
      Tile *tile = g_ptr_array_index (fallback, i - 1);

      if (rect_contains (&tile->region, &visible_points))
        {
          g_ptr_array_remove_range (fallback, 0, i - 1);
          break;
        }
    }
  if (fallback->len != 1 || !rect_contains (&((Tile *) g_ptr_array_index (fallback, 0))->region, &visible_points))
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 }, visible);
  for (guint i = 0; i < fallback->len; i++)
    draw_tile (snapshot, g_ptr_array_index (fallback, i), content, points_to_widget,
               gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  /* What to render: the whole page while it is small, else the visible
   * part and a margin. */
  if (page_width * scale * page_height * scale <= WHOLE_PAGE_PIXELS)
    {
      wanted = GRAPHENE_RECT_INIT (0, 0, page_width, page_height);
    }
  else
    {
      graphene_rect_t page_rect = GRAPHENE_RECT_INIT (0, 0, page_width, page_height);

      wanted = visible_points;
      graphene_rect_inset (&wanted, -visible_points.size.width * MARGIN, -visible_points.size.height * MARGIN);
      if (!graphene_rect_intersection (&wanted, &page_rect, &wanted))
        return;
    }

  /* Whole device pixels, so the render is drawn one to one. */
  wanted.size.width = ceil ((wanted.origin.x - floor (wanted.origin.x * scale) / scale + wanted.size.width) * scale) / scale;
  wanted.size.height = ceil ((wanted.origin.y - floor (wanted.origin.y * scale) / scale + wanted.size.height) * scale) / scale;
  wanted.origin.x = floor (wanted.origin.x * scale) / scale;
  wanted.origin.y = floor (wanted.origin.y * scale) / scale;

  if (self->pdf == NULL)
    return;
  if (job_covers (self->running, self->generation, self->page, scale, &visible_points) ||
      job_covers (self->pending, self->generation, self->page, scale, &visible_points))
    return;

  job = g_new0 (RenderJob, 1);
  job->pdf = g_atomic_rc_box_acquire (self->pdf);
  job->generation = self->generation;
  job->page = self->page;
  job->scale = scale;
  job->region = wanted;

  if (self->running != NULL)
    {
      /* One render at a time: the newest wish waits, older ones go. */
      g_clear_pointer (&self->pending, render_job_free);
      self->pending = job;
    }
  else
    {
      start_render (self, job);
    }
}

static void
on_render_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KmDocumentView *self = KM_DOCUMENT_VIEW (source);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = g_task_propagate_pointer (G_TASK (result), &error);
  RenderJob *next;

  if (surface != NULL && job->generation == self->generation)
    {
      Tile *tile = g_new0 (Tile, 1);

      tile->page = job->page;
      tile->scale = job->scale;
      tile->region = job->region;
      tile->paintable = paintable_for_surface (self, surface);
      g_ptr_array_add (self->tiles, tile);
      while (self->tiles->len > MAX_TILES)
        g_ptr_array_remove_index (self->tiles, 0);

      if (job->page == self->page)
        {
          self->rendered_scale = job->scale;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERED_SCALE]);
        }
      gtk_widget_queue_draw (GTK_WIDGET (self->page_view));
    }
  else if (surface == NULL && job->generation == self->generation &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    {
      set_failed (self, error);
    }
  g_clear_pointer (&surface, cairo_surface_destroy);

  /* A render of a file shown before is not the one running now. */
  if (self->running != job)
    return;

  self->running = NULL;
  next = g_steal_pointer (&self->pending);
  if (next != NULL && next->generation == self->generation && !self->failed)
    start_render (self, next);
  else
    g_clear_pointer (&next, render_job_free);
}

static void
start_render (KmDocumentView *self,
              RenderJob      *job)
{
  g_autoptr(GTask) task = NULL;

  /* The task keeps the view until the render is back. */
  task = g_task_new (self, self->cancellable, on_render_done_cb, NULL);
  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  self->running = job;
  g_task_run_in_thread (task, render_thread);
}

static void
show_page (KmDocumentView *self)
{
  km_image_view_set_draw_func (self->page_view,
                               self->sizes[2 * self->page], self->sizes[2 * self->page + 1],
                               draw_page_cb, self, NULL);
  update_page_label (self);
}

static void
on_load_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KmDocumentView *self;
  g_autoptr(GError) error = NULL;
  LoadResult *loaded = g_task_propagate_pointer (G_TASK (result), &error);
  guint generation = GPOINTER_TO_UINT (user_data);

  if (loaded == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = KM_DOCUMENT_VIEW (source);
  if (generation != self->generation)
    {
      g_clear_pointer (&loaded, load_result_free);
      return;
    }

  if (loaded == NULL)
    {
      set_failed (self, error);
      return;
    }

  self->n_pages = loaded->n_pages;
  self->sizes = g_steal_pointer (&loaded->sizes);
  load_result_free (loaded);
  /* Where a language switch or a kiosk's state left it. */
  self->page = CLAMP (self->wanted_page, 0, self->n_pages - 1);
  show_page (self);
  if (self->wanted_zoom > KM_IMAGE_VIEW_MIN_ZOOM)
    km_image_view_set_zoom (self->page_view, self->wanted_zoom);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
reset (KmDocumentView *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending, render_job_free);
  /* The running job is the task's; its result is dropped by generation. */
  self->running = NULL;
  g_clear_pointer (&self->pdf, pdf_unref);
  g_clear_pointer (&self->sizes, g_free);
  if (self->tiles != NULL)
    g_ptr_array_set_size (self->tiles, 0);
  self->n_pages = 0;
  self->page = 0;
  self->wanted_page = 0;
  self->wanted_zoom = KM_IMAGE_VIEW_MIN_ZOOM;
  self->failed = FALSE;
  self->rendered_scale = 0;
}

/* Actions */

static void
next_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  km_document_view_next_page (KM_DOCUMENT_VIEW (widget));
}

static void
previous_page_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  km_document_view_previous_page (KM_DOCUMENT_VIEW (widget));
}

static void
on_navigate_cb (KmDocumentView *self,
                int             direction)
{
  g_signal_emit (self, signals[NAVIGATE], 0, direction);
}

static void
on_zoom_cb (KmDocumentView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* GObject */

static void
km_document_view_dispose (GObject *object)
{
  KmDocumentView *self = KM_DOCUMENT_VIEW (object);

  reset (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KM_TYPE_DOCUMENT_VIEW);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (km_document_view_parent_class)->dispose (object);
}

static void
km_document_view_finalize (GObject *object)
{
  KmDocumentView *self = KM_DOCUMENT_VIEW (object);

  g_clear_pointer (&self->tiles, g_ptr_array_unref);

  G_OBJECT_CLASS (km_document_view_parent_class)->finalize (object);
}

static void
km_document_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KmDocumentView *self = KM_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_PAGE:
      g_value_set_int (value, self->page);
      break;

    case PROP_N_PAGES:
      g_value_set_int (value, self->n_pages);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, km_document_view_get_zoom (self));
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, km_document_view_get_loaded (self));
      break;

    case PROP_FAILED:
      g_value_set_boolean (value, self->failed);
      break;

    case PROP_RENDERED_SCALE:
      g_value_set_double (value, self->rendered_scale);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_document_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KmDocumentView *self = KM_DOCUMENT_VIEW (object);

  switch (prop_id)
    {
    case PROP_FILE:
      km_document_view_set_file (self, g_value_get_object (value));
      break;

    case PROP_PAGE:
      km_document_view_set_page (self, g_value_get_int (value));
      break;

    case PROP_ZOOM:
      km_document_view_set_zoom (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_document_view_class_init (KmDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_document_view_dispose;
  object_class->finalize = km_document_view_finalize;
  object_class->get_property = km_document_view_get_property;
  object_class->set_property = km_document_view_set_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KmDocumentView:page:
   *
   * The page shown, counted from 0.
   */
  properties[PROP_PAGE] =
    g_param_spec_int ("page", NULL, NULL,
                      0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_N_PAGES] =
    g_param_spec_int ("n-pages", NULL, NULL,
                      0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         KM_IMAGE_VIEW_MIN_ZOOM, KM_IMAGE_VIEW_MAX_ZOOM, KM_IMAGE_VIEW_MIN_ZOOM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KmDocumentView:failed:
   *
   * Whether the file could not be read (removed or damaged since the
   * content was checked): the view says so instead of showing a page.
   */
  properties[PROP_FAILED] =
    g_param_spec_boolean ("failed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KmDocumentView:rendered-scale:
   *
   * The scale, in device pixels per PDF point, of the last render drawn
   * of the page shown (rendered for it, or from the cache); 0 before the
   * first. It follows the zoom: the page is drawn again at the size it is
   * shown, not stretched.
   */
  properties[PROP_RENDERED_SCALE] =
    g_param_spec_double ("rendered-scale", NULL, NULL,
                         0, G_MAXDOUBLE, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KmDocumentView::navigate:
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

  g_type_ensure (KM_TYPE_IMAGE_VIEW);
  g_type_ensure (KM_TYPE_PANEL_BOX);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "km-document-view");
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KmDocumentView, panel_box);
  gtk_widget_class_bind_template_child (widget_class, KmDocumentView, stack);
  gtk_widget_class_bind_template_child (widget_class, KmDocumentView, transcription_panel);
  gtk_widget_class_bind_template_child (widget_class, KmDocumentView, transcription_label);
  gtk_widget_class_bind_template_child (widget_class, KmDocumentView, page_view);
  gtk_widget_class_bind_template_child (widget_class, KmDocumentView, page_bar);
  gtk_widget_class_bind_template_child (widget_class, KmDocumentView, page_label);
  gtk_widget_class_bind_template_child (widget_class, KmDocumentView, failed_page);
  gtk_widget_class_bind_template_callback (widget_class, on_navigate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_cb);

  gtk_widget_class_install_action (widget_class, "document.next-page", NULL, next_page_action);
  gtk_widget_class_install_action (widget_class, "document.previous-page", NULL, previous_page_action);
}

static void
km_document_view_init (KmDocumentView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) tile_free);
  self->wanted_zoom = KM_IMAGE_VIEW_MIN_ZOOM;
  km_a11y_name_icon_buttons (GTK_WIDGET (self));
  /* Read with the page: “Page 2 of 5”. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->page_view),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->page_label, NULL,
                                  -1);
  update_failed_text (self);
  update_page_label (self);
}

GtkWidget *
km_document_view_new (void)
{
  return g_object_new (KM_TYPE_DOCUMENT_VIEW, NULL);
}

/**
 * km_document_view_get_file:
 *
 * Returns: (transfer none) (nullable): the PDF file shown
 */
GFile *
km_document_view_get_file (KmDocumentView *self)
{
  g_return_val_if_fail (KM_IS_DOCUMENT_VIEW (self), NULL);

  return self->file;
}

/**
 * km_document_view_set_file:
 * @file: (nullable): a PDF file
 *
 * Shows the first page of @file, fitted. The file is read in a thread;
 * :loaded or :failed tell when it is done.
 */
void
km_document_view_set_file (KmDocumentView *self,
                           GFile          *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KM_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  reset (self);
  g_set_object (&self->file, file);
  km_image_view_set_draw_func (self->page_view, 0, 0, NULL, NULL, NULL);
  gtk_stack_set_visible_child_name (self->stack, "page");
  update_page_label (self);

  if (file != NULL)
    {
      self->pdf = pdf_new (file);
      self->cancellable = g_cancellable_new ();
      task = g_task_new (self, self->cancellable, on_load_done_cb, GUINT_TO_POINTER (self->generation));
      g_task_set_source_tag (task, km_document_view_set_file);
      g_task_set_task_data (task, g_atomic_rc_box_acquire (self->pdf), (GDestroyNotify) pdf_unref);
      g_task_run_in_thread (task, load_thread);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERED_SCALE]);
}

/**
 * km_document_view_set_alt_text:
 *
 * Sets the text screen readers read for the page (the exhibit's alt
 * text); the page number is its description.
 */
void
km_document_view_set_alt_text (KmDocumentView *self,
                               const char     *alt_text)
{
  g_return_if_fail (KM_IS_DOCUMENT_VIEW (self));

  km_image_view_set_alt_text (self->page_view, alt_text);
}

/**
 * km_document_view_set_transcription:
 * @transcription: (nullable): the document's text, typed out
 *
 * Shows @transcription in a panel beside the page (below it when the view
 * is narrow), readable also when the file fails; %NULL hides the panel.
 */
void
km_document_view_set_transcription (KmDocumentView *self,
                                    const char     *transcription)
{
  g_return_if_fail (KM_IS_DOCUMENT_VIEW (self));

  self->has_transcription = transcription != NULL;
  gtk_label_set_label (self->transcription_label, transcription);
  gtk_widget_set_visible (self->transcription_panel, transcription != NULL);
  update_failed_text (self);
}

int
km_document_view_get_page (KmDocumentView *self)
{
  g_return_val_if_fail (KM_IS_DOCUMENT_VIEW (self), 0);

  return self->n_pages > 0 ? self->page : self->wanted_page;
}

/**
 * km_document_view_set_page:
 * @page: a page, counted from 0; clamped to the document's
 *
 * Shows @page, fitted.
 */
void
km_document_view_set_page (KmDocumentView *self,
                           int             page)
{
  g_return_if_fail (KM_IS_DOCUMENT_VIEW (self));

  if (self->failed)
    return;

  if (self->n_pages <= 0)
    {
      /* Not read yet: it opens there. */
      self->wanted_page = MAX (page, 0);
      return;
    }

  page = CLAMP (page, 0, self->n_pages - 1);
  if (page == self->page)
    return;

  self->page = page;
  g_clear_pointer (&self->pending, render_job_free);
  self->rendered_scale = 0;
  show_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERED_SCALE]);
}

int
km_document_view_get_n_pages (KmDocumentView *self)
{
  g_return_val_if_fail (KM_IS_DOCUMENT_VIEW (self), 0);

  return self->n_pages;
}

/**
 * km_document_view_next_page:
 *
 * Returns: whether there was a next page to turn to
 */
gboolean
km_document_view_next_page (KmDocumentView *self)
{
  g_return_val_if_fail (KM_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->failed || self->page >= self->n_pages - 1)
    return FALSE;

  km_document_view_set_page (self, self->page + 1);
  return TRUE;
}

/**
 * km_document_view_previous_page:
 *
 * Returns: whether there was a previous page to turn to
 */
gboolean
km_document_view_previous_page (KmDocumentView *self)
{
  g_return_val_if_fail (KM_IS_DOCUMENT_VIEW (self), FALSE);

  if (self->failed || self->page <= 0 || self->n_pages <= 0)
    return FALSE;

  km_document_view_set_page (self, self->page - 1);
  return TRUE;
}

gboolean
km_document_view_get_loaded (KmDocumentView *self)
{
  g_return_val_if_fail (KM_IS_DOCUMENT_VIEW (self), FALSE);

  return self->n_pages > 0 && !self->failed;
}

gboolean
km_document_view_get_failed (KmDocumentView *self)
{
  g_return_val_if_fail (KM_IS_DOCUMENT_VIEW (self), FALSE);

  return self->failed;
}

double
km_document_view_get_zoom (KmDocumentView *self)
{
  g_return_val_if_fail (KM_IS_DOCUMENT_VIEW (self), KM_IMAGE_VIEW_MIN_ZOOM);

  if (self->n_pages <= 0 && !self->failed)
    return self->wanted_zoom;

  return km_image_view_get_zoom (self->page_view);
}

void
km_document_view_set_zoom (KmDocumentView *self,
                           double          zoom)
{
  g_return_if_fail (KM_IS_DOCUMENT_VIEW (self));

  if (self->n_pages <= 0 && !self->failed)
    self->wanted_zoom = zoom;
  else
    km_image_view_set_zoom (self->page_view, zoom);
}

void
km_document_view_zoom_in (KmDocumentView *self)
{
  g_return_if_fail (KM_IS_DOCUMENT_VIEW (self));

  km_image_view_zoom_in (self->page_view);
}

void
km_document_view_zoom_out (KmDocumentView *self)
{
  g_return_if_fail (KM_IS_DOCUMENT_VIEW (self));

  km_image_view_zoom_out (self->page_view);
}

double
km_document_view_get_rendered_scale (KmDocumentView *self)
{
  g_return_val_if_fail (KM_IS_DOCUMENT_VIEW (self), 0);

  return self->rendered_scale;
}

/**
 * km_document_view_focus_page:
 *
 * Puts the keyboard focus on the page (the arrow keys pan it when zoomed).
 */
void
km_document_view_focus_page (KmDocumentView *self)
{
  g_return_if_fail (KM_IS_DOCUMENT_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->page_view));
}
