/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-content-enums.h"
#include "km-date.h"
#include "km-text.h"

G_BEGIN_DECLS

#define KM_TYPE_RECOGNITION (km_recognition_get_type ())

G_DECLARE_FINAL_TYPE (KmRecognition, km_recognition, KM, RECOGNITION, GObject)

const char         *km_recognition_get_source_id   (KmRecognition *self);
const char * const *km_recognition_get_terms       (KmRecognition *self);
KmBodyKind          km_recognition_get_body_kind   (KmRecognition *self);
const char         *km_recognition_get_body        (KmRecognition *self);
KmText             *km_recognition_get_body_text   (KmRecognition *self);
const char         *km_recognition_get_region      (KmRecognition *self);
KmText             *km_recognition_get_region_text (KmRecognition *self);

G_END_DECLS
