/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "km-exhibit.h"
#include "km-context.h"

G_BEGIN_DECLS

#define KM_TYPE_MEDIA_PLAYER (km_media_player_get_type ())

G_DECLARE_FINAL_TYPE (KmMediaPlayer, km_media_player, KM, MEDIA_PLAYER, GtkWidget)

GtkWidget  *km_media_player_new                  (KmContext     *context);
KmContext  *km_media_player_get_context          (KmMediaPlayer *self);
KmExhibit  *km_media_player_get_exhibit          (KmMediaPlayer *self);
void        km_media_player_set_exhibit          (KmMediaPlayer *self,
                                                  KmExhibit     *exhibit);
const char *km_media_player_get_language         (KmMediaPlayer *self);
void        km_media_player_set_language         (KmMediaPlayer *self,
                                                  const char    *language);
gboolean    km_media_player_get_playing          (KmMediaPlayer *self);
void        km_media_player_set_playing          (KmMediaPlayer *self,
                                                  gboolean       playing);
gint64      km_media_player_get_position         (KmMediaPlayer *self);
void        km_media_player_set_position         (KmMediaPlayer *self,
                                                  gint64         position_ms);
gint64      km_media_player_get_duration         (KmMediaPlayer *self);
gboolean    km_media_player_get_ended            (KmMediaPlayer *self);
gboolean    km_media_player_get_prepared         (KmMediaPlayer *self);
guint       km_media_player_get_dropped_frames   (KmMediaPlayer *self);
const char *km_media_player_get_current_caption  (KmMediaPlayer *self);
gboolean    km_media_player_get_captions_visible (KmMediaPlayer *self);
void        km_media_player_set_captions_visible (KmMediaPlayer *self,
                                                  gboolean       visible);
gboolean    km_media_player_get_muted            (KmMediaPlayer *self);
void        km_media_player_set_muted            (KmMediaPlayer *self,
                                                  gboolean       muted);
double      km_media_player_get_volume           (KmMediaPlayer *self);
void        km_media_player_set_volume           (KmMediaPlayer *self,
                                                  double         volume);
double      km_media_player_get_max_volume       (KmMediaPlayer *self);
void        km_media_player_set_max_volume       (KmMediaPlayer *self,
                                                  double         max_volume);
const char *km_media_player_get_error_message    (KmMediaPlayer *self);

G_END_DECLS
