/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget *km_wrapped_label_new (const char *text,
                                 const char *css_class);
void       km_widget_remove_all (GtkWidget  *container);

G_END_DECLS
