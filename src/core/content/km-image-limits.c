/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-image-limits"

#include "config.h"

#include <math.h>

#include "km-image-limits.h"

#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  int      width;
  int      height;
  gboolean check_only;
  gboolean parsed;   /* check_only: an SVG read whole, not drawn */
  GError  *error;
} Decode;

/**
 * km_image_check_size:
 * @width: the width an image declares, in pixels
 * @height: its height
 *
 * Returns: whether an image of that size may be decoded; if not, @error
 *   says why in a sentence that starts with “it is”
 */
gboolean
km_image_check_size (double   width,
                     double   height,
                     GError **error)
{
  /* Written so that NaN and infinity fail too. */
  if (width <= KM_IMAGE_MAX_SIDE && height <= KM_IMAGE_MAX_SIDE &&
      width * height <= (double) KM_IMAGE_MAX_PIXELS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "it is %.0f × %.0f pixels, more than the %d pixels a side and %d megapixels an image may have",
               width, height, KM_IMAGE_MAX_SIDE, (int) (KM_IMAGE_MAX_PIXELS / 1000000));
  return FALSE;
}

static char *
dup_format_name (GdkPixbufLoader *loader)
{
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);

  return format != NULL ? gdk_pixbuf_format_get_name (format) : NULL;
}

/* The header is read: refuse before a pixel is allocated. A size of 0 × 0
 * makes gdk-pixbuf's loaders stop (as gdk_pixbuf_get_file_info() does).
 */
static void
on_size_prepared_cb (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     Decode          *decode)
{
  g_autofree char *name = NULL;
  double scale;

  if (decode->error != NULL)
    return;

  name = dup_format_name (loader);
  if (g_strcmp0 (name, "png") != 0 && g_strcmp0 (name, "jpeg") != 0 && g_strcmp0 (name, "svg") != 0)
    {
      g_set_error (&decode->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "it is a %s image; images must be PNG, JPEG or SVG", name != NULL ? name : "unknown");
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  if (width <= 0 || height <= 0 || !km_image_check_size (width, height, &decode->error))
    {
      if (decode->error == NULL)
        g_set_error_literal (&decode->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "it has no size");
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  /* librsvg has parsed the whole document when it says its size: drawing
   * it is more than half of a check's time and finds nothing parsing did
   * not (#19), so a check stops here.
   */
  if (decode->check_only && g_strcmp0 (name, "svg") == 0)
    {
      decode->parsed = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  /* Fit the box, keeping the aspect, like gdk_pixbuf_new_from_stream_at_scale(). */
  scale = MIN ((double) decode->width / width, (double) decode->height / height);
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) round (width * scale)),
                              MAX (1, (int) round (height * scale)));
}

static GdkPixbuf *
decode_stream (GInputStream  *stream,
               int            width,
               int            height,
               gboolean       check_only,
               gboolean      *parsed,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree guchar *buffer = g_malloc (CHUNK_SIZE);
  Decode decode = { width, height, check_only, FALSE, NULL };
  gsize total = 0;
  gboolean closed = FALSE;
  GdkPixbuf *pixbuf;


  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), &decode);

  while (decode.error == NULL && local_error == NULL)
    {
      gssize n = g_input_stream_read (stream, buffer, CHUNK_SIZE, cancellable, &local_error);

      if (n <= 0)
        break;

      total += n;
      if (!gdk_pixbuf_loader_write (loader, buffer, n, &local_error))
        break;

      /* librsvg parses the whole document: bound what it is given. */
      if (total > KM_IMAGE_MAX_SVG_BYTES)
        {
          g_autofree char *name = dup_format_name (loader);

          if (g_strcmp0 (name, "svg") == 0)
            g_set_error (&decode.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "it is an SVG file larger than %d MiB", KM_IMAGE_MAX_SVG_BYTES / 1024 / 1024);
        }
    }

  if (decode.error == NULL && local_error == NULL)
    closed = gdk_pixbuf_loader_close (loader, &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  if (decode.error != NULL)
    {
      g_propagate_error (error, decode.error);
      return NULL;
    }

  /* The loader says it could not draw what it was told not to. */
  if (decode.parsed)
    {
      *parsed = TRUE;
      return NULL;
    }

  if (!closed)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                             "the image is incomplete");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           "the image has no pixels");
      return NULL;
    }

  return g_object_ref (pixbuf);
}

/**
 * km_image_decode:
 * @stream: a PNG, JPEG or SVG image
 * @width: the width to fit, > 0
 * @height: the height to fit, > 0
 *
 * Decodes @stream scaled to fit @width × @height, keeping its aspect
 * ratio, after checking its format and the size its header declares
 * against the limits in km-image-limits.h. Any thread.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL with @error set
 */
GdkPixbuf *
km_image_decode (GInputStream  *stream,
                 int            width,
                 int            height,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gboolean parsed = FALSE;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  return decode_stream (stream, width, height, FALSE, &parsed, cancellable, error);
}

/**
 * km_image_check:
 * @stream: a PNG, JPEG or SVG image
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Checks @stream as km_image_decode() does, except that an SVG image is
 * parsed whole but not drawn: what the content checks need, at less than
 * half the cost. A PNG or JPEG image is decoded, at a small size. Any
 * thread.
 *
 * Returns: whether the image is good
 */
gboolean
km_image_check (GInputStream  *stream,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  gboolean parsed = FALSE;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  pixbuf = decode_stream (stream, 64, 64, TRUE, &parsed, cancellable, error);
  return pixbuf != NULL || parsed;
}
