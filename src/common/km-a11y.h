/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     km_a11y_label_drop_down     (GtkDropDown *drop_down,
                                      const char  *label);
void     km_a11y_label_list_item     (GtkWidget   *item_child,
                                      const char  *label,
                                      const char  *description);
void     km_a11y_name_from_label     (GtkButton   *button);
void     km_a11y_name_from_tooltip   (GtkWidget   *button);
void     km_a11y_name_icon_buttons   (GtkWidget   *root);
void     km_a11y_name_clear_icons    (GtkWidget   *root);
gboolean km_a11y_get_reduced_motion  (GtkWidget   *widget);

G_END_DECLS
