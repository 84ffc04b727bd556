/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void km_display_prepare (void);
void km_display_keep_upload_memory (GtkNative *native);

G_END_DECLS
