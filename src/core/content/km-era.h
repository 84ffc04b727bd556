/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-content-enums.h"
#include "km-date.h"
#include "km-text.h"

G_BEGIN_DECLS

#define KM_TYPE_ERA (km_era_get_type ())

G_DECLARE_FINAL_TYPE (KmEra, km_era, KM, ERA, GObject)

const char   *km_era_get_id         (KmEra *self);
const KmDate *km_era_get_start      (KmEra *self);
const KmDate *km_era_get_end        (KmEra *self);
const char   *km_era_get_title      (KmEra *self);
KmText       *km_era_get_title_text (KmEra *self);

G_END_DECLS
