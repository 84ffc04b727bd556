/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KM_TYPE_PANEL_BOX (km_panel_box_get_type ())

G_DECLARE_FINAL_TYPE (KmPanelBox, km_panel_box, KM, PANEL_BOX, GtkWidget)

GtkWidget *km_panel_box_new            (void);
GtkWidget *km_panel_box_get_content    (KmPanelBox *self);
void       km_panel_box_set_content    (KmPanelBox *self,
                                        GtkWidget  *content);
GtkWidget *km_panel_box_get_panel      (KmPanelBox *self);
void       km_panel_box_set_panel      (KmPanelBox *self,
                                        GtkWidget  *panel);
int        km_panel_box_get_fold_width (KmPanelBox *self);
void       km_panel_box_set_fold_width (KmPanelBox *self,
                                        int         fold_width);
gboolean   km_panel_box_get_folded     (KmPanelBox *self);

G_END_DECLS
