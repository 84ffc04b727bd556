/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-content-enums.h"

G_BEGIN_DECLS

gboolean km_media_probe         (GFile          *file,
                                 KmExhibitKind   kind,
                                 gint64         *duration_ms,
                                 char          **problem);
void     km_media_probe_install (void);

G_END_DECLS
