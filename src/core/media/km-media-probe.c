/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-media-probe"

#include "config.h"

#include <gst/gst.h>
#include <gst/pbutils/pbutils.h>
#include <poppler.h>

#include "km-content-store.h"
#include "km-media-probe.h"

/* Whether this machine can show a pack's media: GStreamer's discoverer
 * for video and audio, poppler for PDF documents. It lives apart from
 * km-core (in km-media) so that the parser, the fuzzer and the curator's
 * tool do not pull in GStreamer and poppler; the application and its
 * --validate install it into the content store (km_media_probe_install).
 */

#define DISCOVER_TIMEOUT (15 * GST_SECOND)

static gboolean
ensure_gst (char **problem)
{
  static gsize done = 0;
  static gboolean ok = FALSE;
  static char *failure = NULL;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GError) error = NULL;

      ok = gst_init_check (NULL, NULL, &error);
      if (!ok)
        failure = g_strdup (error->message);
      else
        gst_pb_utils_init ();
      g_once_init_leave (&done, 1);
    }

  if (!ok)
    *problem = g_strdup_printf ("cannot be checked: GStreamer does not start (%s)", failure);

  return ok;
}

/* "gstreamer|1.0|app|H.265 (Main Profile) decoder|decoder-video/x-h265…":
 * the fourth field is the description (gst_missing_plugin_message_get_installer_detail).
 */
static char *
describe_missing (const char * const *details)
{
  g_autoptr(GString) what = g_string_new (NULL);

  for (guint i = 0; details != NULL && details[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (details[i], "|", 5);

      if (g_strv_length (fields) < 4 || fields[3][0] == '\0')
        continue;
      if (what->len > 0)
        g_string_append (what, ", ");
      g_string_append_printf (what, "an “%s”", fields[3]);
    }

  if (what->len == 0)
    g_string_append (what, "a GStreamer plugin");

  return g_string_free (g_steal_pointer (&what), FALSE);
}

static gboolean
probe_av (GFile          *file,
          KmExhibitKind   kind,
          gint64         *duration_ms,
          char          **problem)
{
  g_autoptr(GstDiscoverer) discoverer = NULL;
  g_autoptr(GstDiscovererInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);
  GList *streams;
  gboolean has_video;
  gboolean has_audio;

  if (!ensure_gst (problem))
    return FALSE;

  if (!(discoverer = gst_discoverer_new (DISCOVER_TIMEOUT, &error)))
    {
      *problem = g_strdup_printf ("cannot be checked: %s", error->message);
      return FALSE;
    }

  info = gst_discoverer_discover_uri (discoverer, uri, &error);

  switch (info ? gst_discoverer_info_get_result (info) : GST_DISCOVERER_ERROR)
    {
    case GST_DISCOVERER_OK:
      break;

    case GST_DISCOVERER_MISSING_PLUGINS:
      {
        g_autofree char *what = describe_missing (gst_discoverer_info_get_missing_elements_installer_details (info));

        *problem = g_strdup_printf ("needs %s, which this machine lacks", what);
        return FALSE;
      }

    case GST_DISCOVERER_TIMEOUT:
      *problem = g_strdup ("does not decode: GStreamer gave up reading it");
      return FALSE;

    case GST_DISCOVERER_URI_INVALID:
    case GST_DISCOVERER_ERROR:
    case GST_DISCOVERER_BUSY:
    default:
      *problem = g_strdup_printf ("does not decode: %s",
                                  error ? error->message : "GStreamer cannot read it");
      return FALSE;
    }

  streams = gst_discoverer_info_get_video_streams (info);
  /* a cover picture in an audio file is an "image" video stream */
  has_video = FALSE;
  for (GList *l = streams; l; l = l->next)
    if (!gst_discoverer_video_info_is_image (l->data))
      has_video = TRUE;
  gst_discoverer_stream_info_list_free (streams);

  streams = gst_discoverer_info_get_audio_streams (info);
  has_audio = streams != NULL;
  gst_discoverer_stream_info_list_free (streams);

  if (kind == KM_EXHIBIT_KIND_VIDEO && !has_video)
    {
      *problem = g_strdup ("has no picture: a video exhibit needs a video stream");
      return FALSE;
    }
  if (kind == KM_EXHIBIT_KIND_AUDIO && !has_audio)
    {
      *problem = g_strdup ("has no sound: an audio exhibit needs an audio stream");
      return FALSE;
    }

  if (GST_CLOCK_TIME_IS_VALID (gst_discoverer_info_get_duration (info)))
    *duration_ms = (gint64)(gst_discoverer_info_get_duration (info) / GST_MSECOND);

  return TRUE;
}

static gboolean
probe_pdf (GFile  *file,
           char  **problem)
{
  g_autoptr(GObject) document = NULL;
  g_autoptr(GError) error = NULL;

  document = (GObject *)poppler_document_new_from_gfile (file, NULL, NULL, &error);

  if (document == NULL)
    {
      if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        *problem = g_strdup ("is encrypted: give the exhibition a PDF that opens without a password");
      else
        *problem = g_strdup_printf ("does not open as a PDF: %s", error->message);
      return FALSE;
    }

  if (poppler_document_get_n_pages (POPPLER_DOCUMENT (document)) < 1)
    {
      *problem = g_strdup ("has no pages");
      return FALSE;
    }

  return TRUE;
}

/**
 * km_media_probe:
 * @file: a media file of a pack
 * @kind: the exhibit's kind: video, audio or document (a PDF)
 * @duration_ms: (out): set to the duration of video or audio, when known
 * @problem: (out) (transfer full): what is wrong, to follow “media “…” of
 *   exhibit “…””, e.g. “needs an “H.265 decoder”, which this machine lacks”
 *
 * Returns: whether this machine can show @file
 */
gboolean
km_media_probe (GFile          *file,
                KmExhibitKind   kind,
                gint64         *duration_ms,
                char          **problem)
{
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (problem != NULL && *problem == NULL, FALSE);

  if (kind == KM_EXHIBIT_KIND_DOCUMENT)
    return probe_pdf (file, problem);

  return probe_av (file, kind, duration_ms, problem);
}

/**
 * km_media_probe_install:
 *
 * Makes every content load and --validate check media with km_media_probe().
 */
void
km_media_probe_install (void)
{
  km_content_store_set_media_probe (km_media_probe);
}
