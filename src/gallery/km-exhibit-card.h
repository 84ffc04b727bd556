/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "km-exhibit.h"
#include "km-thumbnail-loader.h"

G_BEGIN_DECLS

#define KM_TYPE_EXHIBIT_CARD (km_exhibit_card_get_type ())

G_DECLARE_FINAL_TYPE (KmExhibitCard, km_exhibit_card, KM, EXHIBIT_CARD, GtkWidget)

/* The thumbnail box, in logical pixels. */
#define KM_EXHIBIT_CARD_THUMB_WIDTH  200
#define KM_EXHIBIT_CARD_THUMB_HEIGHT 150

GtkWidget  *km_exhibit_card_new           (KmThumbnailLoader *loader);
KmExhibit  *km_exhibit_card_get_exhibit   (KmExhibitCard     *self);
void        km_exhibit_card_set_exhibit   (KmExhibitCard     *self,
                                           KmExhibit         *exhibit);
void        km_exhibit_card_cancel_thumbnail  (KmExhibitCard *self);
gboolean    km_exhibit_card_get_has_thumbnail (KmExhibitCard *self);
const char *km_exhibit_kind_to_label      (KmExhibitKind      kind);

G_END_DECLS
