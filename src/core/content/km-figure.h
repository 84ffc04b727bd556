/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-content-enums.h"
#include "km-date.h"
#include "km-text.h"

G_BEGIN_DECLS

#define KM_TYPE_FIGURE (km_figure_get_type ())

G_DECLARE_FINAL_TYPE (KmFigure, km_figure, KM, FIGURE, GObject)

const char   *km_figure_get_id         (KmFigure *self);
const char   *km_figure_get_section_id (KmFigure *self);
const char   *km_figure_get_unit       (KmFigure *self);
KmFigureRole  km_figure_get_role       (KmFigure *self);
const char   *km_figure_get_within     (KmFigure *self);
const char   *km_figure_get_label      (KmFigure *self);
KmText       *km_figure_get_label_text (KmFigure *self);
const char   *km_figure_get_why        (KmFigure *self);
KmText       *km_figure_get_why_text   (KmFigure *self);
GListModel   *km_figure_get_values     (KmFigure *self);

G_END_DECLS
