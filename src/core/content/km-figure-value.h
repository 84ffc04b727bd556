/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-content-enums.h"
#include "km-date.h"
#include "km-text.h"

G_BEGIN_DECLS

#define KM_TYPE_FIGURE_VALUE (km_figure_value_get_type ())

G_DECLARE_FINAL_TYPE (KmFigureValue, km_figure_value, KM, FIGURE_VALUE, GObject)

gint64              km_figure_value_get_amount     (KmFigureValue *self);
KmQualifier         km_figure_value_get_qualifier  (KmFigureValue *self);
const char * const *km_figure_value_get_source_ids (KmFigureValue *self);
const char * const *km_figure_value_get_includes   (KmFigureValue *self);
const char         *km_figure_value_get_note       (KmFigureValue *self);
KmText             *km_figure_value_get_note_text  (KmFigureValue *self);

G_END_DECLS
