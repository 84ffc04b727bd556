/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-content-enums.h"
#include "km-date.h"
#include "km-text.h"

G_BEGIN_DECLS

#define KM_TYPE_STAT_SECTION (km_stat_section_get_type ())

G_DECLARE_FINAL_TYPE (KmStatSection, km_stat_section, KM, STAT_SECTION, GObject)

const char  *km_stat_section_get_id               (KmStatSection *self);
KmChartKind  km_stat_section_get_chart            (KmStatSection *self);
const char  *km_stat_section_get_title            (KmStatSection *self);
KmText      *km_stat_section_get_title_text       (KmStatSection *self);
const char  *km_stat_section_get_description      (KmStatSection *self);
KmText      *km_stat_section_get_description_text (KmStatSection *self);
GListModel  *km_stat_section_get_figures          (KmStatSection *self);

G_END_DECLS
