/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-clock.h"

G_BEGIN_DECLS

#define KM_TYPE_SLIDESHOW (km_slideshow_get_type ())

G_DECLARE_FINAL_TYPE (KmSlideshow, km_slideshow, KM, SLIDESHOW, GObject)

#define KM_SLIDESHOW_DEFAULT_INTERVAL 8

KmSlideshow *km_slideshow_new          (GListModel  *model,
                                        KmClock     *clock);
GListModel  *km_slideshow_get_model    (KmSlideshow *self);
void         km_slideshow_set_model    (KmSlideshow *self,
                                        GListModel  *model);
KmClock     *km_slideshow_get_clock    (KmSlideshow *self);
void         km_slideshow_set_clock    (KmSlideshow *self,
                                        KmClock     *clock);
guint        km_slideshow_get_position (KmSlideshow *self);
void         km_slideshow_set_position (KmSlideshow *self,
                                        guint        position);
gpointer     km_slideshow_dup_item     (KmSlideshow *self);
gboolean     km_slideshow_get_playing  (KmSlideshow *self);
void         km_slideshow_set_playing  (KmSlideshow *self,
                                        gboolean     playing);
guint        km_slideshow_get_interval (KmSlideshow *self);
void         km_slideshow_set_interval (KmSlideshow *self,
                                        guint        seconds);
void         km_slideshow_play         (KmSlideshow *self);
void         km_slideshow_pause        (KmSlideshow *self);
void         km_slideshow_next         (KmSlideshow *self);
void         km_slideshow_previous     (KmSlideshow *self);

G_END_DECLS
