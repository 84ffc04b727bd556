/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-media-render"

#include "config.h"

#include <gst/gst.h>
#include <math.h>
#include <poppler.h>

#include "km-media-render.h"

/* Pictures of media files for their cards: a PDF page drawn by poppler at
 * the size shown, and a frame of a video a few seconds in (the first
 * frame is often black). Both run in the thumbnail loader's worker
 * thread, never on the main thread.
 */

#define STATE_TIMEOUT (10 * GST_SECOND)
/* where a card's frame is taken: this far in, or a third of a short video */
#define FRAME_AT_MS 3000

gboolean
km_media_file_is_pdf (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL &&
         (g_str_has_suffix (basename, ".pdf") || g_str_has_suffix (basename, ".PDF"));
}

/* By name, as the thumbnail loader tells images apart: a pack's files are
 * checked when it loads, so a name that lies fails there first.
 */
gboolean
km_media_file_is_video (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *type = basename ? g_content_type_guess (basename, NULL, 0, NULL) : NULL;

  return type != NULL && g_content_type_is_mime_type (type, "video/*");
}

/**
 * km_media_render_pdf_page:
 * @file: a PDF file
 * @page: 0-based page
 * @max_width: the largest width, in device pixels
 * @max_height: the largest height
 *
 * Returns: (transfer full): an ARGB32 image surface with the page fitted
 *   inside @max_width × @max_height on white, or %NULL with @error set
 */
cairo_surface_t *
km_media_render_pdf_page (GFile         *file,
                          int            page,
                          int            max_width,
                          int            max_height,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GObject) document = NULL;
  g_autoptr(GObject) pdf_page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double width, height, scale;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (max_width > 0 && max_height > 0, NULL);

  document = (GObject *)poppler_document_new_from_gfile (file, NULL, cancellable, error);
  if (document == NULL)
    return NULL;

  if (page < 0 || page >= poppler_document_get_n_pages (POPPLER_DOCUMENT (document)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "the document has no page %d", page + 1);
      return NULL;
    }

  pdf_page = (GObject *)poppler_document_get_page (POPPLER_DOCUMENT (document), page);
  poppler_page_get_size (POPPLER_PAGE (pdf_page), &width, &height);
  if (width <= 0 || height <= 0)
    width = height = 1;

  scale = MIN (max_width / width, max_height / height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                        MAX (1, (int)round (width * scale)),
                                        MAX (1, (int)round (height * scale)));
  cr = cairo_create (surface);
  /* paper is white; a PDF page has no background of its own */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (POPPLER_PAGE (pdf_page), cr);
  cairo_destroy (cr);

  return surface;
}

static gboolean
wait_paused (GstElement  *pipeline,
             GError     **error)
{
  if (gst_element_get_state (pipeline, NULL, NULL, STATE_TIMEOUT) != GST_STATE_CHANGE_SUCCESS)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the video does not decode");
      return FALSE;
    }

  return TRUE;
}

/**
 * km_media_video_frame:
 * @file: a video file
 * @max_width: the largest width, in pixels
 * @max_height: the largest height
 *
 * Returns: (transfer full): a frame a few seconds in, fitted inside
 *   @max_width × @max_height, or %NULL with @error set
 */
GdkPixbuf *
km_media_video_frame (GFile         *file,
                      int            max_width,
                      int            max_height,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstSample) sample = NULL;
  g_autoptr(GstCaps) caps = NULL;
  g_autoptr(GdkPixbuf) frame = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  GstStructure *s;
  GstBuffer *buffer;
  GstMapInfo map;
  gint64 duration = -1;
  gint64 at;
  int width, height;
  double scale;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!gst_init_check (NULL, NULL, error))
    return NULL;

  pipeline = gst_element_factory_make ("playbin", NULL);
  if (pipeline == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "GStreamer has no playbin");
      return NULL;
    }
  gst_object_ref_sink (pipeline);

  /* Pictures only: no sound card is opened for a thumbnail. */
  g_object_set (pipeline,
                "uri", uri,
                "flags", 0x1 /* GST_PLAY_FLAG_VIDEO */,
                "video-sink", gst_element_factory_make ("fakesink", NULL),
                "audio-sink", gst_element_factory_make ("fakesink", NULL),
                NULL);

  gst_element_set_state (pipeline, GST_STATE_PAUSED);
  if (!wait_paused (pipeline, error))
    goto fail;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  gst_element_query_duration (pipeline, GST_FORMAT_TIME, &duration);
  at = FRAME_AT_MS * GST_MSECOND;
  if (duration > 0 && duration < 3 * at)
    at = duration / 3;

  if (at > 0 &&
      gst_element_seek_simple (pipeline, GST_FORMAT_TIME,
                               GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE, at) &&
      !wait_paused (pipeline, error))
    goto fail;

  caps = gst_caps_new_simple ("video/x-raw",
                              "format", G_TYPE_STRING, "RGB",
                              "pixel-aspect-ratio", GST_TYPE_FRACTION, 1, 1,
                              NULL);
  g_signal_emit_by_name (pipeline, "convert-sample", caps, &sample);
  if (sample == NULL || (buffer = gst_sample_get_buffer (sample)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the video has no frame to show");
      goto fail;
    }

  s = gst_caps_get_structure (gst_sample_get_caps (sample), 0);
  if (!gst_structure_get_int (s, "width", &width) || !gst_structure_get_int (s, "height", &height) ||
      width <= 0 || height <= 0 || !gst_buffer_map (buffer, &map, GST_MAP_READ))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the video's frame cannot be read");
      goto fail;
    }

  /* GStreamer's RGB rows are padded to four bytes. */
  {
    g_autoptr(GBytes) bytes = g_bytes_new (map.data, MIN (map.size, (gsize)GST_ROUND_UP_4 (width * 3) * height));

    if (g_bytes_get_size (bytes) == (gsize)GST_ROUND_UP_4 (width * 3) * height)
      frame = gdk_pixbuf_new_from_bytes (bytes, GDK_COLORSPACE_RGB, FALSE, 8, width, height,
                                         GST_ROUND_UP_4 (width * 3));
  }
  gst_buffer_unmap (buffer, &map);
  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (frame == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the video's frame is short");
      return NULL;
    }

  scale = MIN (1.0, MIN ((double)max_width / width, (double)max_height / height));
  return gdk_pixbuf_scale_simple (frame, MAX (1, (int)round (width * scale)),
                                  MAX (1, (int)round (height * scale)), GDK_INTERP_BILINEAR);

fail:
  gst_element_set_state (pipeline, GST_STATE_NULL);
  return NULL;
}
