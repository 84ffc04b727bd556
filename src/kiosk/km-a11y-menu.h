/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KM_TYPE_A11Y_MENU (km_a11y_menu_get_type ())

G_DECLARE_FINAL_TYPE (KmA11yMenu, km_a11y_menu, KM, A11Y_MENU, AdwBin)

GtkWidget *km_a11y_menu_new          (void);
void       km_a11y_menu_focus_button (KmA11yMenu *self);

G_END_DECLS
