/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "km-context.h"
#include "km-exhibit.h"
#include "km-media-player.h"
#include "km-slideshow.h"

G_BEGIN_DECLS

#define KM_TYPE_EXHIBIT_VIEWER (km_exhibit_viewer_get_type ())

G_DECLARE_FINAL_TYPE (KmExhibitViewer, km_exhibit_viewer, KM, EXHIBIT_VIEWER, AdwBin)

GtkWidget  *km_exhibit_viewer_new          (KmContext       *context,
                                            KmSlideshow     *slideshow);
KmExhibit  *km_exhibit_viewer_get_exhibit  (KmExhibitViewer *self);
void        km_exhibit_viewer_set_exhibit  (KmExhibitViewer *self,
                                            KmExhibit       *exhibit);
double      km_exhibit_viewer_get_zoom     (KmExhibitViewer *self);
void        km_exhibit_viewer_set_zoom     (KmExhibitViewer *self,
                                            double           zoom);
gboolean    km_exhibit_viewer_get_veiled   (KmExhibitViewer *self);
gboolean    km_exhibit_viewer_get_details  (KmExhibitViewer *self);
void        km_exhibit_viewer_set_details  (KmExhibitViewer *self,
                                            gboolean         details);
gboolean    km_exhibit_viewer_get_read_more (KmExhibitViewer *self);
void        km_exhibit_viewer_set_read_more (KmExhibitViewer *self,
                                             gboolean         read_more);
int         km_exhibit_viewer_get_document_page (KmExhibitViewer *self);
void        km_exhibit_viewer_set_document_page (KmExhibitViewer *self,
                                                 int              page);
void        km_exhibit_viewer_focus_exhibit (KmExhibitViewer *self);
void        km_exhibit_viewer_reset        (KmExhibitViewer *self);
KmMediaPlayer *km_exhibit_viewer_get_player (KmExhibitViewer *self);

G_END_DECLS
