/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-thumbnail-loader"

#include "config.h"

#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "km-image-limits.h"
#include "km-media-render.h"
#include "km-surface-paintable.h"
#include "km-svg.h"
#include "km-thumbnail-loader.h"

/* Decodes exhibit images off the main thread at the pixel size they are
 * shown at, and keeps the most recently used ones, up to a byte budget.
 * The cache itself is only touched on the main thread.
 */
struct _KmThumbnailLoader
{
  GObject     parent_instance;

  GHashTable *entries;   /* key → GList link in lru */
  GQueue      lru;       /* CacheEntry, most recent first */
  gsize       max_bytes;
  gsize       bytes;
  guint       n_decoded;
  GThreadPool *pool;     /* of GTask: decodes in request order */
  int          n_threads;
  guint        holds;
};

typedef struct
{
  char       *key;
  GdkTexture *texture;
  gsize       bytes;
} CacheEntry;

typedef struct
{
  GFile *file;
  char  *key;
  int    width;
  int    height;
  int    blur_radius;
} LoadData;

G_DEFINE_FINAL_TYPE (KmThumbnailLoader, km_thumbnail_loader, G_TYPE_OBJECT)

/* About 140 cards (200 × 150, scale 1), four screens of the gallery at
 * 1920 × 1080, or 35 at scale 2. With 10,000 exhibits the cache fills
 * whatever its size, and everything it holds counts against the 150 MB
 * the whole application may use through a visit (#19): at 48 MB the
 * visit peaked near 195 MB. A card scrolled back to decodes again in
 * milliseconds, off the main thread.
 */
#define DEFAULT_MAX_BYTES (16 * 1024 * 1024)

static void
cache_entry_free (CacheEntry *entry)
{
  g_free (entry->key);
  g_clear_object (&entry->texture);
  g_free (entry);
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_free (data->key);
  g_free (data);
}

static char *
make_key (GFile *file,
          int    width,
          int    height,
          int    blur_radius)
{
  g_autofree char *uri = g_file_get_uri (file);

  return g_strdup_printf ("%dx%d blur %d %s", width, height, blur_radius, uri);
}

static void
evict (KmThumbnailLoader *self)
{
  /* Keep at least the newest one, however large. */
  while (self->bytes > self->max_bytes && self->lru.length > 1)
    {
      CacheEntry *entry = g_queue_pop_tail (&self->lru);

      self->bytes -= entry->bytes;
      g_hash_table_remove (self->entries, entry->key);
      cache_entry_free (entry);
    }
}

static void
cache_insert (KmThumbnailLoader *self,
              const char        *key,
              GdkTexture        *texture)
{
  CacheEntry *entry;

  if (g_hash_table_contains (self->entries, key))
    return;

  entry = g_new0 (CacheEntry, 1);
  entry->key = g_strdup (key);
  entry->texture = g_object_ref (texture);
  entry->bytes = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;

  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->entries, entry->key, self->lru.head);
  self->bytes += entry->bytes;

  evict (self);
}

gboolean
km_image_file_is_svg (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL &&
         (g_str_has_suffix (basename, ".svg") || g_str_has_suffix (basename, ".SVG") ||
          g_str_has_suffix (basename, ".svgz"));
}

static void
fit_size (double  src_width,
          double  src_height,
          int     max_width,
          int     max_height,
          int    *width,
          int    *height)
{
  double scale;

  if (src_width <= 0 || src_height <= 0)
    src_width = src_height = 1;

  scale = MIN (max_width / src_width, max_height / src_height);
  *width = MAX (1, (int) round (src_width * scale));
  *height = MAX (1, (int) round (src_height * scale));
}

/* Takes @surface, an ARGB32 image surface. */
static GdkTexture *
texture_new_for_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  GBytes *bytes;
  GdkTexture *texture;

  cairo_surface_flush (surface);
  /* Cairo's ARGB32 is premultiplied, native-endian: GDK_MEMORY_DEFAULT. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      surface);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
  g_bytes_unref (bytes);
  /* The same pixels, for km_surface_paintable_new_for_texture(). */
  g_object_set_data_full (G_OBJECT (texture), KM_SURFACE_PAINTABLE_SURFACE_KEY,
                          cairo_surface_reference (surface),
                          (GDestroyNotify) cairo_surface_destroy);

  return texture;
}

/* One pass of a box blur over @n values @step bytes apart, per channel,
 * the edges repeated outwards; @line is scratch for @n pixels.
 */
static void
box_blur_line (guint8 *pixels,
               int     n,
               int     step,
               int     radius,
               guint8 *line)
{
  int window = 2 * radius + 1;

  for (int i = 0; i < n; i++)
    memcpy (line + 4 * i, pixels + (gsize) i * step, 4);

  for (int c = 0; c < 4; c++)
    {
      int sum = 0;

      for (int i = -radius; i <= radius; i++)
        sum += line[4 * CLAMP (i, 0, n - 1) + c];
      for (int i = 0; i < n; i++)
        {
          pixels[(gsize) i * step + c] = (guint8) ((sum + window / 2) / window);
          sum += line[4 * MIN (i + radius + 1, n - 1) + c] - line[4 * MAX (i - radius, 0) + c];
        }
    }
}

/* Three box blurs each way come close to a gaussian of standard deviation
 * @radius / 2, as GTK's blur node draws it; premultiplied pixels blur
 * channel by channel.
 */
static void
blur_surface (cairo_surface_t *surface,
              int              radius)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  double sigma = radius / 2.0;
  int box = MAX (1, (int) floor (sigma * 3 * sqrt (2 * G_PI) / 4 + 0.5) / 2);
  g_autofree guint8 *line = g_malloc (4 * (gsize) MAX (width, height));
  guint8 *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int pass = 0; pass < 3; pass++)
    {
      for (int y = 0; y < height; y++)
        box_blur_line (data + (gsize) y * stride, width, 4, box, line);
      for (int x = 0; x < width; x++)
        box_blur_line (data + 4 * x, height, stride, box, line);
    }
  cairo_surface_mark_dirty (surface);
}

/* A blurred copy of @texture, in the worker thread: drawing a blur node
 * instead would blur again on every frame the picture is drawn in.
 */
static GdkTexture *
blur_texture (GdkTexture *texture,
              int         radius)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         gdk_texture_get_width (texture),
                                                         gdk_texture_get_height (texture));

  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  blur_surface (surface, radius);

  return texture_new_for_surface (surface);
}

static GdkTexture *
render_svg (GFile         *file,
            int            max_width,
            int            max_height,
            GCancellable  *cancellable,
            GError       **error)
{
  RsvgHandle *handle;
  cairo_surface_t *surface;
  cairo_t *cr;
  double src_width, src_height;
  int width, height;
  gboolean ok;

  handle = km_svg_load (file, cancellable, error);
  if (handle == NULL)
    return NULL;

  if (!km_svg_get_size (handle, &src_width, &src_height))
    src_width = src_height = 1;

  fit_size (src_width, src_height, max_width, max_height, &width, &height);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  ok = km_svg_render (handle, cr, 0, 0, width, height, error);
  cairo_destroy (cr);
  g_object_unref (handle);

  if (!ok)
    {
      cairo_surface_destroy (surface);
      return NULL;
    }

  return texture_new_for_surface (surface);
}

static GdkTexture *
render_raster (GFile         *file,
               int            max_width,
               int            max_height,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  if (!(stream = g_file_read (file, cancellable, error)))
    return NULL;

  /* The header's size is checked before a pixel is decoded. */
  pixbuf = km_image_decode (G_INPUT_STREAM (stream), max_width, max_height, cancellable, error);
  if (pixbuf == NULL)
    return NULL;

  return gdk_texture_new_for_pixbuf (pixbuf);
}

/**
 * km_image_render_texture:
 * @file: an SVG, PNG or JPEG image
 * @width: the largest width, in device pixels
 * @height: the largest height, in device pixels
 *
 * Renders @file to fit inside @width × @height, keeping its aspect ratio.
 * SVGs are drawn at exactly that size, so they are sharp. Safe to call
 * from any thread.
 *
 * Returns: (transfer full): the image, or %NULL with @error set
 */
GdkTexture *
km_image_render_texture (GFile         *file,
                         int            width,
                         int            height,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (km_image_file_is_svg (file))
    return render_svg (file, width, height, cancellable, error);

  /* A media exhibit without a poster: its first page, or a video frame. */
  if (km_media_file_is_pdf (file))
    {
      cairo_surface_t *page = km_media_render_pdf_page (file, 0, width, height, cancellable, error);

      return page != NULL ? texture_new_for_surface (page) : NULL;
    }
  if (km_media_file_is_video (file))
    {
      g_autoptr(GdkPixbuf) frame = km_media_video_frame (file, width, height, cancellable, error);

      return frame != NULL ? gdk_texture_new_for_pixbuf (frame) : NULL;
    }

  return render_raster (file, width, height, cancellable, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;
  GdkTexture *texture;

  /* Scrolled past before its turn came: do not decode it at all. */
  if (g_task_return_error_if_cancelled (task))
    return;

  texture = km_image_render_texture (data->file, data->width, data->height, cancellable, &error);
  if (texture == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->blur_radius > 0)
    {
      GdkTexture *blurred = blur_texture (texture, data->blur_radius);

      g_object_unref (texture);
      texture = blurred;
    }
  g_task_return_pointer (task, texture, g_object_unref);
}

/* Decoding is background work: on a two-core kiosk PC it must not take
 * the core the frame clock and the X server need, or frames wait for it.
 * Linux applies a nice value to the one thread it is given.
 */
static void
lower_thread_priority (void)
{
#ifdef __linux__
  static GPrivate lowered;

  if (g_private_get (&lowered) == NULL)
    {
      setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }
#endif
}

static void
decode_func (gpointer data,
             gpointer user_data)
{
  g_autoptr(GTask) worker = data;

  lower_thread_priority ();

  load_thread (worker, g_task_get_source_object (worker), g_task_get_task_data (worker),
               g_task_get_cancellable (worker));
}

static void
km_thumbnail_loader_finalize (GObject *object)
{
  KmThumbnailLoader *self = KM_THUMBNAIL_LOADER (object);

  /* Every queued task holds a reference on the loader. */
  g_thread_pool_free (self->pool, TRUE, FALSE);

  g_hash_table_unref (self->entries);
  g_queue_clear_full (&self->lru, (GDestroyNotify) cache_entry_free);

  G_OBJECT_CLASS (km_thumbnail_loader_parent_class)->finalize (object);
}

static void
km_thumbnail_loader_class_init (KmThumbnailLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_thumbnail_loader_finalize;
}

static void
km_thumbnail_loader_init (KmThumbnailLoader *self)
{
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->lru);
  self->max_bytes = DEFAULT_MAX_BYTES;

  /* Our own few threads, not GLib's shared pool, which grows a thread per
   * waiting task: a grid binds a few hundred cells, and as many decoders
   * sharing the cores finish the visible ones last. A core is left for
   * the frame clock; requests are served in order, and the grid binds
   * the cells on screen first.
   */
  self->n_threads = CLAMP ((int) g_get_num_processors () - 1, 1, 4);
  self->pool = g_thread_pool_new (decode_func, NULL, self->n_threads, FALSE, NULL);
}

/**
 * km_thumbnail_loader_new:
 * @max_bytes: the cache budget, in bytes of decoded pixels
 *
 * Returns: (transfer full): a new loader with an empty cache
 */
KmThumbnailLoader *
km_thumbnail_loader_new (gsize max_bytes)
{
  KmThumbnailLoader *self = g_object_new (KM_TYPE_THUMBNAIL_LOADER, NULL);

  self->max_bytes = max_bytes;

  return self;
}

/**
 * km_thumbnail_loader_get_default:
 *
 * The loader the gallery uses, shared so that its cache survives the
 * rebuild of the views on a language switch.
 *
 * Returns: (transfer none): the default loader
 */
KmThumbnailLoader *
km_thumbnail_loader_get_default (void)
{
  static KmThumbnailLoader *loader;

  if (loader == NULL)
    loader = km_thumbnail_loader_new (DEFAULT_MAX_BYTES);

  return loader;
}

/**
 * km_thumbnail_loader_hold:
 *
 * Queues decodes without starting them until km_thumbnail_loader_release():
 * while the window's first frame is being made, the cores are the frame's.
 * Cached images are still returned at once.
 */
void
km_thumbnail_loader_hold (KmThumbnailLoader *self)
{
  g_return_if_fail (KM_IS_THUMBNAIL_LOADER (self));

  if (self->holds++ == 0)
    g_thread_pool_set_max_threads (self->pool, 0, NULL);
}

void
km_thumbnail_loader_release (KmThumbnailLoader *self)
{
  g_return_if_fail (KM_IS_THUMBNAIL_LOADER (self));
  g_return_if_fail (self->holds > 0);

  if (--self->holds == 0)
    g_thread_pool_set_max_threads (self->pool, self->n_threads, NULL);
}

gboolean
km_thumbnail_loader_get_held (KmThumbnailLoader *self)
{
  g_return_val_if_fail (KM_IS_THUMBNAIL_LOADER (self), FALSE);

  return self->holds > 0;
}

/**
 * km_thumbnail_loader_lookup:
 *
 * Returns: (transfer full) (nullable): the cached image, without decoding
 */
GdkTexture *
km_thumbnail_loader_lookup (KmThumbnailLoader *self,
                            GFile             *file,
                            int                width,
                            int                height,
                            int                blur_radius)
{
  g_autofree char *key = NULL;
  GList *link;

  g_return_val_if_fail (KM_IS_THUMBNAIL_LOADER (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  key = make_key (file, width, height, blur_radius);
  if (!(link = g_hash_table_lookup (self->entries, key)))
    return NULL;

  /* Most recently used goes first. */
  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return g_object_ref (((CacheEntry *) link->data)->texture);
}

/* A copy of @texture's pixels made on the main thread, for the cache.
 * Memory comes from the arena of the thread that allocates it; pool
 * threads come and go, and each decode may run on another one with
 * another arena. Cached pixels allocated there pinned pages of several
 * arenas that the next decodes may not reuse: with 10,000 exhibits a
 * kiosk's resident memory (after malloc_trim) grew by 5 MB from cycle
 * 750 to 1,000, all of it in threads' arenas, while the memory in use
 * stayed flat (#19). Copied here, what the cache keeps is in the main
 * thread's arena, where every eviction makes room for the next image,
 * and the worker's copy is freed at once. Some 100 KB, a few µs.
 */
static GdkTexture *
settle_texture (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      return g_object_ref (texture);
    }
  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return texture_new_for_surface (surface);
}

static void
on_load_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  KmThumbnailLoader *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = g_task_propagate_pointer (G_TASK (result), &error);
  GdkTexture *settled;

  if (texture == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->n_decoded++;
  settled = settle_texture (texture);
  g_object_unref (texture);
  texture = settled;
  cache_insert (self, data->key, texture);
  g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
}

/**
 * km_thumbnail_loader_load_async:
 * @width: the largest width, in device pixels
 * @height: the largest height, in device pixels
 * @blur_radius: 0, or the radius of a blur, in device pixels, as for
 *   gtk_snapshot_push_blur(); the blurred image is the one cached
 *
 * Loads @file at the given size: from the cache if it is there, else in a
 * worker thread. Cancel @cancellable when the image is no longer wanted
 * (a grid cell recycled while scrolling) and it will not be decoded.
 */
void
km_thumbnail_loader_load_async (KmThumbnailLoader   *self,
                                GFile               *file,
                                int                  width,
                                int                  height,
                                int                  blur_radius,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  g_autoptr(GdkTexture) cached = NULL;
  LoadData *data;

  g_return_if_fail (KM_IS_THUMBNAIL_LOADER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (width > 0 && height > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, km_thumbnail_loader_load_async);

  if ((cached = km_thumbnail_loader_lookup (self, file, width, height, blur_radius)) != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&cached), g_object_unref);
      return;
    }

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->key = make_key (file, width, height, blur_radius);
  data->width = width;
  data->height = height;
  data->blur_radius = blur_radius;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  /* The worker reports to the main thread, where the cache lives. */
  worker = g_task_new (self, cancellable, on_load_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, data, NULL);
  g_task_set_priority (worker, G_PRIORITY_LOW);
  g_thread_pool_push (self->pool, g_steal_pointer (&worker), NULL);
}

/**
 * km_thumbnail_loader_load_finish:
 *
 * Returns: (transfer full): the image, or %NULL with @error set
 */
GdkTexture *
km_thumbnail_loader_load_finish (KmThumbnailLoader  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (KM_IS_THUMBNAIL_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
km_thumbnail_loader_get_n_cached (KmThumbnailLoader *self)
{
  g_return_val_if_fail (KM_IS_THUMBNAIL_LOADER (self), 0);

  return self->lru.length;
}

gsize
km_thumbnail_loader_get_cached_bytes (KmThumbnailLoader *self)
{
  g_return_val_if_fail (KM_IS_THUMBNAIL_LOADER (self), 0);

  return self->bytes;
}

/* How many images were decoded: cache hits do not count. */
guint
km_thumbnail_loader_get_n_decoded (KmThumbnailLoader *self)
{
  g_return_val_if_fail (KM_IS_THUMBNAIL_LOADER (self), 0);

  return self->n_decoded;
}

void
km_thumbnail_loader_clear (KmThumbnailLoader *self)
{
  g_return_if_fail (KM_IS_THUMBNAIL_LOADER (self));

  g_hash_table_remove_all (self->entries);
  g_queue_clear_full (&self->lru, (GDestroyNotify) cache_entry_free);
  g_queue_init (&self->lru);
  self->bytes = 0;
}
