/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "km-clock.h"
#include "km-content-store.h"

G_BEGIN_DECLS

#define KM_TYPE_KIOSK_ATTRACT (km_kiosk_attract_get_type ())

G_DECLARE_FINAL_TYPE (KmKioskAttract, km_kiosk_attract, KM, KIOSK_ATTRACT, AdwBin)

GtkWidget  *km_kiosk_attract_new              (KmContentStore *store,
                                               KmClock        *clock);
gboolean    km_kiosk_attract_get_playing      (KmKioskAttract *self);
void        km_kiosk_attract_set_playing      (KmKioskAttract *self,
                                               gboolean        playing);
guint       km_kiosk_attract_get_n_prompts    (KmKioskAttract *self);
const char *km_kiosk_attract_get_prompt       (KmKioskAttract *self);
const char *km_kiosk_attract_get_exhibit_id   (KmKioskAttract *self);
const char *km_kiosk_attract_get_entry_id     (KmKioskAttract *self);

char      **km_kiosk_dup_touch_to_begin       (const char     *first_language);

G_END_DECLS
