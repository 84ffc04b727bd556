/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "km-content-store.h"

G_BEGIN_DECLS

/* A chart as an image, with its title, values and sources drawn into it.
 * @section NULL exports the recognitions as reported. Text from the content
 * is taken in @lang (NULL: the current language); the few words of the
 * application itself follow the current language.
 */

int      km_chart_export_get_height (KmContentStore  *store,
                                     KmStatSection   *section,
                                     int              width,
                                     const char      *lang);
gboolean km_chart_export_png        (KmContentStore  *store,
                                     KmStatSection   *section,
                                     const char      *path,
                                     int              width,
                                     const char      *lang,
                                     GError         **error);
gboolean km_chart_export_svg        (KmContentStore  *store,
                                     KmStatSection   *section,
                                     const char      *path,
                                     int              width,
                                     const char      *lang,
                                     GError         **error);

G_END_DECLS
