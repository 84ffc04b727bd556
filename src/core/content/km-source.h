/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-content-enums.h"
#include "km-date.h"
#include "km-text.h"

G_BEGIN_DECLS

#define KM_TYPE_SOURCE (km_source_get_type ())

G_DECLARE_FINAL_TYPE (KmSource, km_source, KM, SOURCE, GObject)

const char   *km_source_get_id               (KmSource *self);
KmSourceKind  km_source_get_kind             (KmSource *self);
const KmDate *km_source_get_published        (KmSource *self);
gboolean      km_source_get_has_published    (KmSource *self);
const char   *km_source_get_title            (KmSource *self);
const char   *km_source_get_publisher        (KmSource *self);
KmText       *km_source_get_publisher_text   (KmSource *self);
const char   *km_source_get_description      (KmSource *self);
KmText       *km_source_get_description_text (KmSource *self);
const char   *km_source_get_citation         (KmSource *self);

G_END_DECLS
