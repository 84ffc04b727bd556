/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-media-player"

#include "config.h"

#include <glib/gi18n.h>

#include "km-context.h"
#include "km-image-view.h"
#include "km-media-player.h"
#include "km-outside-text.h"
#include "km-panel-box.h"
#include "km-playback.h"
#include "km-video-paintable.h"
#include "km-webvtt.h"

/* The player of a video or audio exhibit (#20): the picture (or, for a
 * recording, its poster), captions drawn as text over it from the WebVTT
 * cue at the stream's time, the transcript beside it with the cue being
 * spoken, and the controls.
 *
 * The stream is GTK's GtkMediaFile, whose GStreamer backend (playbin with
 * autoaudiosink) falls back to a fake audio sink when the machine has no
 * sound card or its HDMI audio is unplugged: the picture and captions then
 * play on the system clock. That is what CI and the tests run on, so no
 * pipeline of our own (gtk4paintablesink is not in Debian bookworm).
 *
 * Its pipeline converts frames before its queue rather than after, on
 * every core (km-playback.c): fewer late frames on a busy machine.
 *
 * Under the cairo renderer the picture is the stream scaled off the main
 * thread (KmVideoPaintable). While a video plays, the elapsed time, seek
 * bar and their accessible value follow at most four times a second, in
 * the same frame as a new picture: the stream tells its time ten times a
 * second, and each of those redrawing the window on its own would be a
 * third more frames than the video has. The caption follows every time.
 *
 * Nothing starts by itself: a new exhibit is loaded paused, and the
 * player pauses when it is unmapped (another exhibit, view or the window
 * closing) or when the context asks (KmContext::stop-media, the kiosk's
 * reset). While it plays it holds KmContext:media-playing, so the kiosk
 * counts no idle time.
 */
struct _KmMediaPlayer
{
  GtkWidget          parent_instance;

  KmContext         *context;
  KmExhibit         *exhibit;
  GtkMediaStream    *stream;
  KmVideoPaintable  *video;             /* the stream as the picture shows it */
  KmWebvtt          *captions;
  char              *language;
  char              *current_caption;
  char              *error_message;
  int                cue;
  gint64             controls_updated;  /* monotonic µs of the last time shown */
  gint64             frame_arrived;     /* monotonic µs of the last video frame */
  gint64             pending_position;  /* ms, asked for before the stream could seek; -1 */
  guint              reopen_source;     /* shown again: opens the stream */
  double             volume;
  double             max_volume;
  gboolean           muted;
  gboolean           captions_visible;
  gboolean           holding_context;
  gboolean           playing;

  GtkWidget         *main_box;
  GtkStack          *picture_stack;
  GtkPicture        *picture;
  KmImageView       *poster_view;
  GtkLabel          *caption_label;
  GtkWidget         *error_box;
  GtkLabel          *error_label;
  GtkWidget         *transcript_box;
  GtkScrolledWindow *transcript_scroller;
  GtkListBox        *transcript_list;
  GtkWidget         *play_button;
  GtkLabel          *elapsed_label;
  GtkScale          *seek_scale;
  GtkAdjustment     *seek_adjustment;
  GtkLabel          *total_label;
  GtkWidget         *captions_button;
  GtkWidget         *mute_button;
  GtkScale          *volume_scale;
  GtkAdjustment     *volume_adjustment;
};

G_DEFINE_FINAL_TYPE (KmMediaPlayer, km_media_player, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_EXHIBIT,
  PROP_LANGUAGE,
  PROP_PLAYING,
  PROP_POSITION,
  PROP_DURATION,
  PROP_ENDED,
  PROP_PREPARED,
  PROP_CURRENT_CAPTION,
  PROP_CAPTIONS_VISIBLE,
  PROP_MUTED,
  PROP_VOLUME,
  PROP_MAX_VOLUME,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_audio (KmMediaPlayer *self)
{
  return self->exhibit != NULL && km_exhibit_get_kind (self->exhibit) == KM_EXHIBIT_KIND_AUDIO;
}

static void
sync_context_hold (KmMediaPlayer *self)
{
  gboolean want = self->playing && self->context != NULL;

  if (want == self->holding_context)
    return;

  self->holding_context = want;
  if (want)
    km_context_hold_media (self->context);
  else
    km_context_release_media (self->context);
}

static void update_time_controls (KmMediaPlayer *self);

static void
update_playing (KmMediaPlayer *self)
{
  gboolean playing = self->stream != NULL && gtk_media_stream_get_playing (self->stream);

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, playing ? C_("media player", "Pause") : C_("media player", "Play"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, playing ? C_("media player", "Pause") : C_("media player", "Play"),
                                  -1);

  if (self->playing == playing)
    return;

  self->playing = playing;
  sync_context_hold (self);
  /* Paused: the time controls show exactly where. */
  if (!playing)
    update_time_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

static void
scroll_to_row (KmMediaPlayer *self,
               GtkWidget     *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->transcript_scroller);
  graphene_rect_t bounds;

  /* Not allocated yet: the list scrolls on the next cue. */
  if (!gtk_widget_compute_bounds (row, GTK_WIDGET (self->transcript_list), &bounds))
    return;

  gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
}

static void
update_caption (KmMediaPlayer *self)
{
  gint64 position = km_media_player_get_position (self);
  int cue = self->captions != NULL ? km_webvtt_find_cue (self->captions, position) : -1;
  const char *text = cue >= 0 ? km_webvtt_get_cue (self->captions, cue)->text : NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->caption_label),
                          self->captions_visible && text != NULL && self->error_message == NULL);

  if (cue != self->cue)
    {
      GtkListBoxRow *row = cue >= 0 ? gtk_list_box_get_row_at_index (self->transcript_list, cue) : NULL;

      self->cue = cue;
      gtk_list_box_select_row (self->transcript_list, row);
      if (row != NULL)
        scroll_to_row (self, GTK_WIDGET (row));
    }

  if (g_strcmp0 (text, self->current_caption) == 0)
    return;

  g_free (self->current_caption);
  self->current_caption = g_strdup (text);
  gtk_label_set_text (self->caption_label, text != NULL ? text : "");
  /* GTK 4.8 has no live regions: the picture's description is the cue, so
   * a screen reader finds the caption where the picture is. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture_stack),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text != NULL ? text : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_CAPTION]);
}

/* The elapsed time, the seek bar and what a screen reader says of it. */
static void
update_time_controls (KmMediaPlayer *self)
{
  gint64 position = km_media_player_get_position (self);
  g_autofree char *elapsed = km_webvtt_format_time (position);
  g_autofree char *total = km_webvtt_format_time (km_media_player_get_duration (self));
  g_autofree char *value_text = NULL;

  self->controls_updated = g_get_monotonic_time ();
  gtk_label_set_label (self->elapsed_label, elapsed);
  gtk_adjustment_set_value (self->seek_adjustment, position);
  /* Translators: what a screen reader says of the seek bar: “0:12 of 3:05” */
  value_text = g_strdup_printf (C_("media time", "%1$s of %2$s"), elapsed, total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->seek_scale),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, value_text,
                                  -1);
}

static void
update_position (KmMediaPlayer *self)
{
  update_time_controls (self);
  update_caption (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* How often the time controls follow a playing stream. */
#define CONTROLS_INTERVAL_US (G_USEC_PER_SEC / 4)

static gboolean
controls_due (KmMediaPlayer *self,
              gint64         now)
{
  return !self->playing || now - self->controls_updated >= CONTROLS_INTERVAL_US;
}

/* The stream's time moved: the caption at once, the time controls when
 * due, and while pictures come, with the next one (on_video_frame_cb). */
static void
on_timestamp (KmMediaPlayer *self)
{
  gint64 now = g_get_monotonic_time ();

  update_caption (self);
  if (!self->playing || (now - self->frame_arrived > G_USEC_PER_SEC / 5 && controls_due (self, now)))
    update_time_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

static void
on_video_frame_cb (KmMediaPlayer *self)
{
  gint64 now = g_get_monotonic_time ();

  self->frame_arrived = now;
  if (self->playing && controls_due (self, now))
    update_time_controls (self);
}

static void
update_duration (KmMediaPlayer *self)
{
  gint64 duration = km_media_player_get_duration (self);
  g_autofree char *total = km_webvtt_format_time (duration);

  gtk_label_set_label (self->total_label, total);
  gtk_adjustment_set_upper (self->seek_adjustment, MAX (duration, 1));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DURATION]);
}

static void
apply_pending_position (KmMediaPlayer *self)
{
  gint64 position = self->pending_position;

  if (position < 0 || self->stream == NULL || !gtk_media_stream_is_seekable (self->stream))
    return;

  self->pending_position = -1;
  km_media_player_set_position (self, position);
}

static void
update_controls (KmMediaPlayer *self)
{
  gboolean usable = self->stream != NULL && self->error_message == NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "player.play", usable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->seek_scale),
                            usable && gtk_media_stream_is_seekable (self->stream));
  gtk_widget_set_sensitive (GTK_WIDGET (self->volume_scale), usable && !self->muted);
}

static void
show_error (KmMediaPlayer *self,
            const char    *detail)
{
  if (self->error_message != NULL)
    return;

  /* The detail may quote a pack's file names: plain text in the log only. */
  if (detail != NULL)
    {
      g_autofree char *plain = km_outside_text_plain (detail, -1);

      g_message ("Cannot play %s: %s",
                 self->exhibit != NULL ? km_exhibit_get_id (self->exhibit) : "media", plain);
    }

  self->error_message = g_strdup (is_audio (self)
                                  ? _("This recording cannot be played in full here. Its transcript is still here to read.")
                                  : _("This video cannot be played in full here. Its transcript is still here to read."));
  gtk_label_set_label (self->error_label, self->error_message);
  gtk_widget_set_visible (self->error_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->picture), FALSE);

  if (self->stream != NULL)
    gtk_media_stream_pause (self->stream);
  update_playing (self);
  update_caption (self);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
on_stream_notify_cb (KmMediaPlayer *self,
                     GParamSpec    *pspec,
                     GtkMediaStream *stream)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "timestamp"))
    on_timestamp (self);
  else if (g_str_equal (name, "playing"))
    update_playing (self);
  else if (g_str_equal (name, "duration"))
    update_duration (self);
  else if (g_str_equal (name, "ended"))
    {
      if (gtk_media_stream_get_ended (stream))
        {
          gint64 duration = km_media_player_get_duration (self);

          update_position (self);
          /* A truncated file ends early without an error from GStreamer. */
          if (duration > 0 && km_media_player_get_position (self) + 1000 < duration)
            show_error (self, "the stream ended before its duration");
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDED]);
    }
  else if (g_str_equal (name, "prepared"))
    {
      apply_pending_position (self);
      update_controls (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED]);
    }
  else if (g_str_equal (name, "seekable"))
    {
      apply_pending_position (self);
      update_controls (self);
    }
  else if (g_str_equal (name, "error"))
    {
      const GError *error = gtk_media_stream_get_error (stream);

      if (error != NULL)
        show_error (self, error->message);
    }
}

static void
apply_volume (KmMediaPlayer *self)
{
  if (self->stream == NULL)
    return;

  gtk_media_stream_set_volume (self->stream, MIN (self->volume, self->max_volume));
  gtk_media_stream_set_muted (self->stream, self->muted);
}

/* Lets the stream go, paused and silent; returns it. */
static GtkMediaStream *
take_stream (KmMediaPlayer *self)
{
  if (self->stream == NULL)
    return NULL;

  g_signal_handlers_disconnect_by_data (self->stream, self);
  gtk_media_stream_pause (self->stream);
  gtk_picture_set_paintable (self->picture, NULL);
  if (self->video != NULL)
    g_signal_handlers_disconnect_by_data (self->video, self);
  g_clear_object (&self->video);
  return g_steal_pointer (&self->stream);
}

static gboolean
let_go_cb (gpointer stream)
{
  return G_SOURCE_REMOVE;
}

/* GtkMediaFile's GStreamer player, dropped while its pipeline is still
 * changing state (just paused, or still opening), is at times never
 * disposed: the pipeline stays with its threads and frames, some 100 MB
 * for 1080p (GTK 4.8, GStreamer 1.22). Paused a second earlier, it goes.
 */
static void
let_go_later (GtkMediaStream *stream)
{
  if (stream != NULL)
    g_timeout_add_full (G_PRIORITY_DEFAULT, 1000, let_go_cb, stream, g_object_unref);
}

static void
clear_stream (KmMediaPlayer *self)
{
  let_go_later (take_stream (self));
}

/* The cairo renderer scales on the main thread, slowly: the picture is
 * scaled in a worker to the pixels it is drawn at. The GL one scales on
 * the GPU. */
static void
sync_video_scaling (KmMediaPlayer *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  if (self->video == NULL || renderer == NULL)
    return;

  km_video_paintable_set_scaling (self->video, GSK_IS_CAIRO_RENDERER (renderer),
                                  gtk_widget_get_scale_factor (GTK_WIDGET (self->picture)));
}

static void
fill_transcript (KmMediaPlayer *self)
{
  GtkWidget *child;
  guint n = self->captions != NULL ? km_webvtt_get_n_cues (self->captions) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->transcript_list))) != NULL)
    gtk_list_box_remove (self->transcript_list, child);

  for (guint i = 0; i < n; i++)
    {
      const KmWebvttCue *cue = km_webvtt_get_cue (self->captions, i);
      g_autofree char *time = km_webvtt_format_time (cue->start_ms);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *time_label = gtk_label_new (time);
      GtkWidget *text_label = gtk_label_new (NULL);

      gtk_widget_add_css_class (time_label, "dim-label");
      gtk_widget_add_css_class (time_label, "numeric");
      gtk_label_set_yalign (GTK_LABEL (time_label), 0);
      gtk_label_set_text (GTK_LABEL (text_label), cue->text);
      gtk_label_set_wrap (GTK_LABEL (text_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text_label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (text_label), 0);
      gtk_widget_set_hexpand (text_label, TRUE);
      gtk_box_append (GTK_BOX (box), time_label);
      gtk_box_append (GTK_BOX (box), text_label);
      gtk_list_box_append (self->transcript_list, box);
      /* A row reads as its time and its words. */
      {
        GtkWidget *row = gtk_widget_get_parent (box);
        g_autofree char *label = g_strdup_printf ("%s %s", time, cue->text);

        gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
      }
    }

  gtk_widget_set_visible (self->transcript_box, n > 0);
}

/* The captions in the current language, or the English ones. Read on the
 * main thread: caption files are a few kilobytes and were checked when
 * the pack was loaded.
 */
static void
load_captions (KmMediaPlayer *self)
{
  GFile *file = self->exhibit != NULL ? km_exhibit_get_captions_file (self->exhibit, self->language) : NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->captions, km_webvtt_unref);
  self->cue = -1;

  if (file != NULL)
    bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_object_unref);

      self->captions = km_webvtt_parse (bytes, name, -1, errors);
    }
  else if (error != NULL)
    {
      g_autofree char *plain = km_outside_text_plain (error->message, -1);

      g_message ("No captions: %s", plain);
    }

  fill_transcript (self);
  update_caption (self);
}

/* A new stream of the exhibit's file, paused; its picture in the picture. */
static void
open_stream (KmMediaPlayer *self)
{
  GFile *file = self->exhibit != NULL ? km_exhibit_get_media_file (self->exhibit) : NULL;

  if (file == NULL || self->stream != NULL)
    return;

  km_playback_install ();
  self->stream = gtk_media_file_new_for_file (file);
  g_signal_connect_object (self->stream, "notify", G_CALLBACK (on_stream_notify_cb), self, G_CONNECT_SWAPPED);
  apply_volume (self);
  if (!is_audio (self))
    {
      self->video = km_video_paintable_new (GDK_PAINTABLE (self->stream));
      g_signal_connect_object (self->video, "invalidate-contents",
                               G_CALLBACK (on_video_frame_cb), self, G_CONNECT_SWAPPED);
      sync_video_scaling (self);
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (self->video));
    }
  if (!g_file_query_exists (file, NULL))
    show_error (self, "the file is missing");
  else if (gtk_media_stream_get_error (self->stream) != NULL)
    show_error (self, gtk_media_stream_get_error (self->stream)->message);
}

static void
load_exhibit (KmMediaPlayer *self)
{
  /* Taking a pipeline down waits for its threads: the new one starts
   * first. */
  GtkMediaStream *old_stream = take_stream (self);

  self->pending_position = -1;
  g_clear_pointer (&self->error_message, g_free);
  gtk_widget_set_visible (self->error_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->picture), TRUE);

  if (is_audio (self))
    {
      km_image_view_set_file (self->poster_view, km_exhibit_get_card_file (self->exhibit));
      km_image_view_set_alt_text (self->poster_view, km_exhibit_get_alt (self->exhibit));
      gtk_stack_set_visible_child_name (self->picture_stack, "poster");
    }
  else
    {
      km_image_view_set_file (self->poster_view, NULL);
      gtk_stack_set_visible_child_name (self->picture_stack, "video");
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture_stack),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->exhibit != NULL ? km_exhibit_get_alt (self->exhibit) : "",
                                  -1);

  open_stream (self);
  load_captions (self);
  update_playing (self);
  update_duration (self);
  update_position (self);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  let_go_later (old_stream);
}

static gboolean
on_seek_change_value_cb (KmMediaPlayer *self,
                         GtkScrollType  scroll,
                         double         value)
{
  km_media_player_set_position (self, (gint64) value);

  return FALSE;
}

static void
on_transcript_row_activated_cb (KmMediaPlayer *self,
                                GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->captions == NULL || index < 0 || (guint) index >= km_webvtt_get_n_cues (self->captions))
    return;

  km_media_player_set_position (self, km_webvtt_get_cue (self->captions, index)->start_ms);
}

static void
on_stop_media_cb (KmMediaPlayer *self)
{
  km_media_player_set_playing (self, FALSE);
}

/* The keys work wherever the focus is in the window, but only while the
 * player is shown, and give way to the focused widget (Space on a
 * button presses the button). */
static gboolean
on_shortcut_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return FALSE;

  return gtk_widget_activate_action_variant (widget, g_variant_get_string (args, NULL), NULL);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              const char            *action_name)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                            gtk_callback_action_new (on_shortcut_cb, NULL, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_string (action_name));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static gboolean
reopen_cb (gpointer user_data)
{
  KmMediaPlayer *self = user_data;

  self->reopen_source = 0;
  if (self->stream != NULL || self->error_message != NULL || self->exhibit == NULL)
    return G_SOURCE_REMOVE;

  open_stream (self);
  update_playing (self);
  update_duration (self);
  update_position (self);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED]);
  return G_SOURCE_REMOVE;
}

static void
km_media_player_map (GtkWidget *widget)
{
  KmMediaPlayer *self = KM_MEDIA_PLAYER (widget);

  GTK_WIDGET_CLASS (km_media_player_parent_class)->map (widget);

  /* Shown again: a new stream, where the last one was (release_stream()).
   * Not at once: a viewer shown for another exhibit sets it next, and a
   * pipeline opened and dropped at once may not be let go by GStreamer. */
  if (self->stream == NULL && self->reopen_source == 0)
    self->reopen_source = g_idle_add (reopen_cb, self);

  sync_video_scaling (self);
}

/* A player that is not shown holds no pipeline (#20): GtkMediaFile's
 * playbin, paused, keeps its decoders, their threads and a dozen 1080p
 * frames, some 100 MB, for as long as the stream lives; a closed viewer
 * kept them until the next video opened. The position is kept for the
 * next stream, which opens when the player is shown again. */
static void
release_stream (KmMediaPlayer *self)
{
  if (self->stream == NULL)
    return;

  if (self->pending_position < 0 && gtk_media_stream_is_prepared (self->stream) &&
      !gtk_media_stream_get_ended (self->stream))
    self->pending_position = km_media_player_get_position (self);
  clear_stream (self);
  update_playing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED]);
}

static void
km_media_player_unmap (GtkWidget *widget)
{
  /* Another exhibit, another view, the window going away: nothing plays
   * unseen. */
  km_media_player_set_playing (KM_MEDIA_PLAYER (widget), FALSE);

  GTK_WIDGET_CLASS (km_media_player_parent_class)->unmap (widget);

  g_clear_handle_id (&KM_MEDIA_PLAYER (widget)->reopen_source, g_source_remove);
  release_stream (KM_MEDIA_PLAYER (widget));
}

static void
km_media_player_dispose (GObject *object)
{
  KmMediaPlayer *self = KM_MEDIA_PLAYER (object);

  g_clear_handle_id (&self->reopen_source, g_source_remove);
  clear_stream (self);
  self->playing = FALSE;
  sync_context_hold (self);

  gtk_widget_dispose_template (GTK_WIDGET (object), KM_TYPE_MEDIA_PLAYER);

  g_clear_object (&self->exhibit);
  g_clear_object (&self->context);
  g_clear_pointer (&self->captions, km_webvtt_unref);

  G_OBJECT_CLASS (km_media_player_parent_class)->dispose (object);
}

static void
km_media_player_finalize (GObject *object)
{
  KmMediaPlayer *self = KM_MEDIA_PLAYER (object);

  g_free (self->language);
  g_free (self->current_caption);
  g_free (self->error_message);

  G_OBJECT_CLASS (km_media_player_parent_class)->finalize (object);
}

static void
km_media_player_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KmMediaPlayer *self = KM_MEDIA_PLAYER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_EXHIBIT:
      g_value_set_object (value, self->exhibit);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, km_media_player_get_language (self));
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_POSITION:
      g_value_set_int64 (value, km_media_player_get_position (self));
      break;
    case PROP_DURATION:
      g_value_set_int64 (value, km_media_player_get_duration (self));
      break;
    case PROP_ENDED:
      g_value_set_boolean (value, km_media_player_get_ended (self));
      break;
    case PROP_PREPARED:
      g_value_set_boolean (value, km_media_player_get_prepared (self));
      break;
    case PROP_CURRENT_CAPTION:
      g_value_set_string (value, self->current_caption);
      break;
    case PROP_CAPTIONS_VISIBLE:
      g_value_set_boolean (value, self->captions_visible);
      break;
    case PROP_MUTED:
      g_value_set_boolean (value, self->muted);
      break;
    case PROP_VOLUME:
      g_value_set_double (value, self->volume);
      break;
    case PROP_MAX_VOLUME:
      g_value_set_double (value, self->max_volume);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_media_player_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KmMediaPlayer *self = KM_MEDIA_PLAYER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      if (self->context != NULL)
        g_signal_connect_object (self->context, "stop-media", G_CALLBACK (on_stop_media_cb), self, G_CONNECT_SWAPPED);
      break;
    case PROP_EXHIBIT:
      km_media_player_set_exhibit (self, g_value_get_object (value));
      break;
    case PROP_LANGUAGE:
      km_media_player_set_language (self, g_value_get_string (value));
      break;
    case PROP_PLAYING:
      km_media_player_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_POSITION:
      km_media_player_set_position (self, g_value_get_int64 (value));
      break;
    case PROP_CAPTIONS_VISIBLE:
      km_media_player_set_captions_visible (self, g_value_get_boolean (value));
      break;
    case PROP_MUTED:
      km_media_player_set_muted (self, g_value_get_boolean (value));
      break;
    case PROP_VOLUME:
      km_media_player_set_volume (self, g_value_get_double (value));
      break;
    case PROP_MAX_VOLUME:
      km_media_player_set_max_volume (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_media_player_class_init (KmMediaPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = km_media_player_dispose;
  object_class->finalize = km_media_player_finalize;
  object_class->get_property = km_media_player_get_property;
  object_class->set_property = km_media_player_set_property;
  widget_class->map = km_media_player_map;
  widget_class->unmap = km_media_player_unmap;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, KM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXHIBIT] =
    g_param_spec_object ("exhibit", NULL, NULL, KM_TYPE_EXHIBIT, rw);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en", rw);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE, rw);
  properties[PROP_POSITION] =
    g_param_spec_int64 ("position", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_DURATION] =
    g_param_spec_int64 ("duration", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_ENDED] =
    g_param_spec_boolean ("ended", NULL, NULL, FALSE, ro);
  properties[PROP_PREPARED] =
    g_param_spec_boolean ("prepared", NULL, NULL, FALSE, ro);
  properties[PROP_CURRENT_CAPTION] =
    g_param_spec_string ("current-caption", NULL, NULL, NULL, ro);
  properties[PROP_CAPTIONS_VISIBLE] =
    g_param_spec_boolean ("captions-visible", NULL, NULL, TRUE, rw);
  properties[PROP_MUTED] =
    g_param_spec_boolean ("muted", NULL, NULL, FALSE, rw);
  properties[PROP_VOLUME] =
    g_param_spec_double ("volume", NULL, NULL, 0.0, 1.0, 1.0, rw);
  /* The kiosk's cap (kiosk-volume): the volume never goes above it. */
  properties[PROP_MAX_VOLUME] =
    g_param_spec_double ("max-volume", NULL, NULL, 0.0, 1.0, 1.0, rw);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-media-player.ui");
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, main_box);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, picture_stack);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, picture);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, poster_view);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, caption_label);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, error_box);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, error_label);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, transcript_box);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, transcript_scroller);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, transcript_list);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, play_button);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, elapsed_label);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, seek_scale);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, seek_adjustment);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, total_label);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, captions_button);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, mute_button);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, volume_scale);
  gtk_widget_class_bind_template_child (widget_class, KmMediaPlayer, volume_adjustment);
  gtk_widget_class_bind_template_callback (widget_class, on_seek_change_value_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_transcript_row_activated_cb);

  gtk_widget_class_install_property_action (widget_class, "player.play", "playing");
  gtk_widget_class_install_property_action (widget_class, "player.captions", "captions-visible");
  gtk_widget_class_install_property_action (widget_class, "player.mute", "muted");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kmmediaplayer");

  g_type_ensure (KM_TYPE_IMAGE_VIEW);
  g_type_ensure (KM_TYPE_PANEL_BOX);
}

static void
km_media_player_init (KmMediaPlayer *self)
{
  GtkEventController *controller;

  self->cue = -1;
  self->pending_position = -1;
  self->volume = 1.0;
  self->max_volume = 1.0;
  self->captions_visible = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->picture, "notify::scale-factor",
                           G_CALLBACK (sync_video_scaling), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self, "volume", self->volume_adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  /* Translators: what a screen reader calls the seek bar and the volume slider */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->seek_scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("media player", "Position"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->volume_scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("media player", "Volume"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->captions_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("media player", "Captions"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mute_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, C_("media player", "Mute"),
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->transcript_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Transcript"),
                                  -1);

  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_MANAGED);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_space, "player.play");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_c, "player.captions");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_m, "player.mute");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_playing (self);
  update_controls (self);
}

/**
 * km_media_player_new:
 * @context: (nullable): told while the player plays, and asks it to stop
 *
 * Returns: (transfer floating): a new player with no exhibit
 */
GtkWidget *
km_media_player_new (KmContext *context)
{
  g_return_val_if_fail (context == NULL || KM_IS_CONTEXT (context), NULL);

  return g_object_new (KM_TYPE_MEDIA_PLAYER, "context", context, NULL);
}

/**
 * km_media_player_get_context:
 *
 * Returns: (transfer none) (nullable): the context
 */
KmContext *
km_media_player_get_context (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), NULL);

  return self->context;
}

/**
 * km_media_player_get_exhibit:
 *
 * Returns: (transfer none) (nullable): the video or audio exhibit shown
 */
KmExhibit *
km_media_player_get_exhibit (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), NULL);

  return self->exhibit;
}

/* Loads @exhibit paused at its start. */
void
km_media_player_set_exhibit (KmMediaPlayer *self,
                             KmExhibit     *exhibit)
{
  g_return_if_fail (KM_IS_MEDIA_PLAYER (self));
  g_return_if_fail (exhibit == NULL || KM_IS_EXHIBIT (exhibit));

  if (!g_set_object (&self->exhibit, exhibit))
    return;

  load_exhibit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXHIBIT]);
}

const char *
km_media_player_get_language (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), NULL);

  return self->language != NULL ? self->language : "en";
}

/* The captions' language; English where the exhibit has none in it. The
 * stream goes on: the new track's cue at the same time shows at once. */
void
km_media_player_set_language (KmMediaPlayer *self,
                              const char    *language)
{
  g_return_if_fail (KM_IS_MEDIA_PLAYER (self));

  if (g_strcmp0 (language, km_media_player_get_language (self)) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);
  load_captions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

gboolean
km_media_player_get_playing (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), FALSE);

  return self->playing;
}

void
km_media_player_set_playing (KmMediaPlayer *self,
                             gboolean       playing)
{
  g_return_if_fail (KM_IS_MEDIA_PLAYER (self));

  if (self->stream == NULL)
    return;

  if (playing && self->error_message == NULL)
    {
      /* At the end, Play starts again from the beginning. */
      if (gtk_media_stream_get_ended (self->stream))
        gtk_media_stream_seek (self->stream, 0);
      gtk_media_stream_play (self->stream);
    }
  else
    gtk_media_stream_pause (self->stream);

  update_playing (self);
}

/**
 * km_media_player_get_position:
 *
 * Returns: the stream's time, in milliseconds; not shown, where the
 *   stream opens when the player is shown again
 */
gint64
km_media_player_get_position (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), 0);

  if (self->stream == NULL)
    return MAX (self->pending_position, 0);
  return gtk_media_stream_get_timestamp (self->stream) / 1000;
}

/* Seeks; the position follows when the stream has got there. A stream
 * still opening seeks once it can (a view built again after a language
 * switch goes back to where the visitor was). */
void
km_media_player_set_position (KmMediaPlayer *self,
                              gint64         position_ms)
{
  g_return_if_fail (KM_IS_MEDIA_PLAYER (self));

  if (self->exhibit == NULL)
    return;
  /* Not shown (no stream) or still opening: the stream seeks once it can. */
  if (self->stream == NULL || !gtk_media_stream_is_prepared (self->stream) ||
      !gtk_media_stream_is_seekable (self->stream))
    {
      self->pending_position = MAX (position_ms, 0);
      return;
    }

  position_ms = CLAMP (position_ms, 0, MAX (km_media_player_get_duration (self), 0));
  gtk_media_stream_seek (self->stream, position_ms * 1000);
}

gint64
km_media_player_get_duration (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), 0);

  return self->stream != NULL ? gtk_media_stream_get_duration (self->stream) / 1000 : 0;
}

gboolean
km_media_player_get_ended (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), FALSE);

  return self->stream != NULL && gtk_media_stream_get_ended (self->stream);
}

/* The GStreamer pipeline playing the exhibit's video (km-playback.c), or
 * %NULL for none yet or a recording. */
static GstElement *
dup_pipeline (KmMediaPlayer *self)
{
  GFile *file;
  g_autofree char *uri = NULL;

  if (self->stream == NULL || self->video == NULL)
    return NULL;
  file = gtk_media_file_get_file (GTK_MEDIA_FILE (self->stream));
  uri = file != NULL ? g_file_get_uri (file) : NULL;
  return uri != NULL ? km_playback_dup_pipeline (uri) : NULL;
}

/* Video frames dropped as late since the exhibit was loaded, by any
 * element of the pipeline (decoder, converter, sink). */
guint
km_media_player_get_dropped_frames (KmMediaPlayer *self)
{
  g_autoptr(GstElement) pipeline = NULL;

  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), 0);

  pipeline = dup_pipeline (self);
  return pipeline != NULL ? km_playback_get_dropped_frames (pipeline) : 0;
}

/* Whether the stream knows its duration and can show its first frame. */
gboolean
km_media_player_get_prepared (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), FALSE);

  return self->stream != NULL && gtk_media_stream_is_prepared (self->stream);
}

/**
 * km_media_player_get_current_caption:
 *
 * Returns: (nullable): the text of the cue at the stream's time, in the
 *   player's language, whether or not captions are shown
 */
const char *
km_media_player_get_current_caption (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), NULL);

  return self->current_caption;
}

gboolean
km_media_player_get_captions_visible (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), FALSE);

  return self->captions_visible;
}

void
km_media_player_set_captions_visible (KmMediaPlayer *self,
                                      gboolean       visible)
{
  g_return_if_fail (KM_IS_MEDIA_PLAYER (self));

  visible = !!visible;
  if (self->captions_visible == visible)
    return;

  self->captions_visible = visible;
  update_caption (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTIONS_VISIBLE]);
}

gboolean
km_media_player_get_muted (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), FALSE);

  return self->muted;
}

void
km_media_player_set_muted (KmMediaPlayer *self,
                           gboolean       muted)
{
  g_return_if_fail (KM_IS_MEDIA_PLAYER (self));

  muted = !!muted;
  if (self->muted == muted)
    return;

  self->muted = muted;
  gtk_button_set_icon_name (GTK_BUTTON (self->mute_button),
                            muted ? "audio-volume-muted-symbolic" : "audio-volume-high-symbolic");
  apply_volume (self);
  update_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MUTED]);
}

double
km_media_player_get_volume (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), 0.0);

  return self->volume;
}

void
km_media_player_set_volume (KmMediaPlayer *self,
                            double         volume)
{
  g_return_if_fail (KM_IS_MEDIA_PLAYER (self));

  volume = CLAMP (volume, 0.0, self->max_volume);
  if (G_APPROX_VALUE (self->volume, volume, 1e-6))
    return;

  self->volume = volume;
  apply_volume (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VOLUME]);
}

double
km_media_player_get_max_volume (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), 1.0);

  return self->max_volume;
}

void
km_media_player_set_max_volume (KmMediaPlayer *self,
                                double         max_volume)
{
  g_return_if_fail (KM_IS_MEDIA_PLAYER (self));

  max_volume = CLAMP (max_volume, 0.0, 1.0);
  if (G_APPROX_VALUE (self->max_volume, max_volume, 1e-6))
    return;

  self->max_volume = max_volume;
  /* The slider's end is the cap. */
  gtk_adjustment_set_upper (self->volume_adjustment, max_volume);
  if (self->volume > max_volume)
    km_media_player_set_volume (self, max_volume);
  apply_volume (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_VOLUME]);
}

/**
 * km_media_player_get_error_message:
 *
 * Returns: (nullable): what the player says when the file cannot play
 */
const char *
km_media_player_get_error_message (KmMediaPlayer *self)
{
  g_return_val_if_fail (KM_IS_MEDIA_PLAYER (self), NULL);

  return self->error_message;
}
