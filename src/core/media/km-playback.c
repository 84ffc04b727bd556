/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-playback"

#include "config.h"

#include <string.h>

#include "km-playback.h"

/* The pipelines that play a video exhibit (#20), and the frames they drop.
 *
 * GTK 4.8's media backend (GtkMediaFile over GstPlayer's playbin) does not
 * expose its pipeline. Its video sink, GtkGstSink, takes RGB frames only,
 * so playbin's converter turns every decoded frame into BGRA between its
 * three-frame queue and the sink, on the sink's thread, on one core: a
 * 1080p frame costs 3 ms (4:2:0) to 14 ms (4:4:4) there, and any delay of
 * that thread makes the frame late. The first frames after "play" are
 * the worst: while paused, nothing past the first frame is converted.
 * A frame late by more than 5 ms is dropped, and the sink's QoS event
 * makes the decoder drop every frame up to twice that lateness more.
 *
 * A video filter (playbin:video-filter, placed before the queue) converts
 * instead, on every core, in the decoder's thread: the queue then holds
 * three frames ready to draw (a tenth of a second to absorb a delay), and
 * they are ready before playing starts. QoS stays on: frames that cannot
 * be in time are still dropped, and counted here from the pipeline's QoS
 * messages, for the benchmark and the tests.
 *
 * A process-wide emission hook on GstBin::deep-element-added finds
 * playbins whose video sink is GTK's, the only ones that play to the
 * window (the thumbnailer's go to a fakesink): every GtkMediaFile in the
 * application is ours.
 *
 * Each also gets an audio sink with its own volume element. Given none,
 * playsink uses autoaudiosink and, when that has no volume of its own
 * (a fake sink on a machine without sound, ALSA), the soft volume element
 * of its audio converter; GStreamer 1.22.0 (Debian bookworm) drops its
 * reference to that one only when it came from the sink, so every
 * pipeline left a volume element behind (fixed upstream in 1.22.3,
 * "playsink: Fix volume leak"). A sink that has a volume is one playsink
 * lets go of in every version, and the audio sounds the same.
 */

/* GtkGstSink drops a frame 5 ms late. Shown instead, it reaches the screen
 * at most one refresh (16.7 ms at 60 Hz) after its time, and the frame
 * before it stays that much longer: dropped, the one before stays a whole
 * frame longer, and QoS makes the decoder drop more. GStreamer's default
 * for video sinks. */
#define MAX_LATENESS (20 * GST_MSECOND)

/* The whole pipeline renders this much later than the clock, video and
 * audio alike, so they stay in step: the first frames after "play" get a
 * tenth of a second more to reach the sink while the decoder's threads,
 * the scaling worker and the first paints all start at once on two cores
 * (a frame or two came late there, #20). A sink's render-delay would not
 * do: the sink itself renders that much earlier again, and only the other
 * sinks wait. The paused first frame is not delayed. */
#define LATENCY (100 * GST_MSECOND)

typedef struct
{
  GMutex      lock;
  GHashTable *dropped;  /* element (not dereferenced) → its last QoS count */
} Qos;

static GMutex registry_lock;
static GPtrArray *registry;  /* GWeakRef * to tuned pipelines, oldest first */

static void
qos_free (Qos *qos)
{
  g_hash_table_unref (qos->dropped);
  g_mutex_clear (&qos->lock);
  g_free (qos);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static gboolean
is_video_element (GstObject *object)
{
  const char *klass;

  if (!GST_IS_ELEMENT (object))
    return FALSE;
  klass = gst_element_get_metadata (GST_ELEMENT (object), GST_ELEMENT_METADATA_KLASS);
  return klass != NULL && strstr (klass, "Video") != NULL;
}

/* In the player's thread (GstPlayer's bus watch). Each element's message
 * carries the frames it dropped so far: the last one counts. */
static void
on_qos_message_cb (GstBus     *bus,
                   GstMessage *message,
                   Qos        *qos)
{
  GstFormat format;
  guint64 processed, dropped;

  if (!is_video_element (GST_MESSAGE_SRC (message)))
    return;
  gst_message_parse_qos_stats (message, &format, &processed, &dropped);
  if (format != GST_FORMAT_BUFFERS || dropped == (guint64) -1)
    return;

  g_mutex_lock (&qos->lock);
  g_hash_table_insert (qos->dropped, GST_MESSAGE_SRC (message), GUINT_TO_POINTER ((guint) dropped));
  g_mutex_unlock (&qos->lock);
}

/* volume ! autoaudiosink: playsink finds the volume there (the
 * GstStreamVolume interface), uses it for the stream's volume and mute,
 * and lets go of it with the pipeline. */
static GstElement *
make_audio_sink (void)
{
  g_autoptr(GstElement) bin = NULL;
  g_autoptr(GstPad) pad = NULL;
  GstElement *volume = gst_element_factory_make ("volume", "km-volume");
  GstElement *sink = gst_element_factory_make ("autoaudiosink", "km-audio-sink");

  if (volume == NULL || sink == NULL)
    {
      g_clear_pointer (&volume, gst_object_unref);
      g_clear_pointer (&sink, gst_object_unref);
      return NULL;
    }
  bin = gst_object_ref_sink (gst_bin_new ("km-audio"));
  gst_bin_add_many (GST_BIN (bin), volume, sink, NULL);
  if (!gst_element_link (volume, sink))
    return NULL;
  pad = gst_element_get_static_pad (volume, "sink");
  gst_element_add_pad (bin, gst_ghost_pad_new ("sink", pad));
  return g_steal_pointer (&bin);
}

static void
tune (GstElement *pipeline,
      GstElement *sink)
{
  g_autoptr(GstElement) audio_sink = make_audio_sink ();
  g_autoptr(GstBus) bus = gst_element_get_bus (pipeline);
  GstElement *convert = gst_element_factory_make ("videoconvert", "km-convert");
  Qos *qos = g_new0 (Qos, 1);
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_object_set (sink, "max-lateness", (gint64) MAX_LATENESS, NULL);
  gst_pipeline_set_latency (GST_PIPELINE (pipeline), LATENCY);
  if (convert != NULL)
    {
      g_object_set (convert, "n-threads", MAX (g_get_num_processors (), 1), NULL);
      g_object_set (pipeline, "video-filter", convert, NULL);
    }
  if (audio_sink != NULL)
    g_object_set (pipeline, "audio-sink", audio_sink, NULL);

  g_mutex_init (&qos->lock);
  qos->dropped = g_hash_table_new (NULL, NULL);
  /* On the bus, which may outlive the pipeline: GstPlayer dispatches its
   * messages as signals. */
  g_object_set_data_full (G_OBJECT (bus), "km-playback-qos", qos, (GDestroyNotify) qos_free);
  g_signal_connect (bus, "message::qos", G_CALLBACK (on_qos_message_cb), qos);

  g_weak_ref_init (ref, pipeline);
  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_ptr_array_new_with_free_func ((GDestroyNotify) weak_ref_free);
  for (guint i = registry->len; i > 0; i--)
    {
      g_autoptr(GstElement) alive = g_weak_ref_get (g_ptr_array_index (registry, i - 1));

      if (alive == NULL)
        g_ptr_array_remove_index (registry, i - 1);
    }
  g_ptr_array_add (registry, ref);
  g_mutex_unlock (&registry_lock);
}

/* In whichever thread adds an element: GstPlayer's, or a streaming one.
 * A playbin is looked at once, when it has its video sink: the first
 * element it adds then is its source bin, from the thread that starts it,
 * before any stream is linked (playsink reads the filter then). Streaming
 * threads find it decided and never take its lock. */
static gboolean
on_deep_element_added_hook (GSignalInvocationHint *hint,
                            guint                  n_params,
                            const GValue          *params,
                            gpointer               user_data)
{
  static GMutex lock;
  GstElement *bin = g_value_get_object (&params[0]);
  GstElementFactory *factory;
  g_autoptr(GstElement) sink = NULL;

  if (GST_OBJECT_PARENT (bin) != NULL ||
      g_object_get_data (G_OBJECT (bin), "km-playback-decided") != NULL)
    return TRUE;
  factory = gst_element_get_factory (bin);
  if (factory == NULL || g_strcmp0 (GST_OBJECT_NAME (factory), "playbin") != 0)
    return TRUE;
  g_object_get (bin, "video-sink", &sink, NULL);
  if (sink == NULL)
    return TRUE;

  g_mutex_lock (&lock);
  if (g_object_get_data (G_OBJECT (bin), "km-playback-decided") == NULL)
    {
      if (g_strcmp0 (G_OBJECT_TYPE_NAME (sink), "GtkGstSink") == 0)
        tune (bin, sink);
      g_object_set_data (G_OBJECT (bin), "km-playback-decided", GINT_TO_POINTER (TRUE));
    }
  g_mutex_unlock (&lock);
  return TRUE;
}

/**
 * km_playback_install:
 *
 * Tunes, from now on, every pipeline that GTK's media backend builds.
 * Call it before each GtkMediaFile: the first call does it. Without
 * GStreamer, nothing is tuned (and the stream reports its own error).
 */
void
km_playback_install (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      g_autoptr(GError) error = NULL;

      if (gst_init_check (NULL, NULL, &error))
        g_signal_add_emission_hook (g_signal_lookup ("deep-element-added", GST_TYPE_BIN), 0,
                                    on_deep_element_added_hook, NULL, NULL);
      else
        g_debug ("GStreamer does not start: %s", error->message);
      g_once_init_leave (&installed, 1);
    }
}

/**
 * km_playback_dup_pipeline:
 * @uri: what it plays
 *
 * Returns: (transfer full) (nullable): the newest tuned pipeline playing
 *   @uri, while it lives
 */
GstElement *
km_playback_dup_pipeline (const char *uri)
{
  GstElement *found = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  g_mutex_lock (&registry_lock);
  for (guint i = registry != NULL ? registry->len : 0; i > 0 && found == NULL; i--)
    {
      g_autoptr(GstElement) pipeline = g_weak_ref_get (g_ptr_array_index (registry, i - 1));
      g_autofree char *current = NULL;

      if (pipeline == NULL)
        continue;
      g_object_get (pipeline, "current-uri", &current, NULL);
      if (current == NULL)
        g_object_get (pipeline, "uri", &current, NULL);
      if (g_strcmp0 (current, uri) == 0)
        found = g_steal_pointer (&pipeline);
    }
  g_mutex_unlock (&registry_lock);
  return found;
}

/**
 * km_playback_get_dropped_frames:
 * @pipeline: a pipeline from km_playback_dup_pipeline()
 *
 * Returns: the video frames dropped as late so far, by any element
 *   (decoder, converter, sink), from their QoS messages
 */
guint
km_playback_get_dropped_frames (GstElement *pipeline)
{
  g_autoptr(GstBus) bus = NULL;
  Qos *qos;
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_return_val_if_fail (GST_IS_ELEMENT (pipeline), 0);

  bus = gst_element_get_bus (pipeline);
  qos = bus != NULL ? g_object_get_data (G_OBJECT (bus), "km-playback-qos") : NULL;
  if (qos == NULL)
    return 0;
  g_mutex_lock (&qos->lock);
  g_hash_table_iter_init (&iter, qos->dropped);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);
  g_mutex_unlock (&qos->lock);
  return total;
}
