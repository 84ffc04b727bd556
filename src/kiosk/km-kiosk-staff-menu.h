/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KM_TYPE_KIOSK_STAFF_MENU (km_kiosk_staff_menu_get_type ())

G_DECLARE_FINAL_TYPE (KmKioskStaffMenu, km_kiosk_staff_menu, KM, KIOSK_STAFF_MENU, AdwBin)

GtkWidget  *km_kiosk_staff_menu_new             (void);
gboolean    km_kiosk_staff_menu_get_maintenance (KmKioskStaffMenu *self);
void        km_kiosk_staff_menu_set_maintenance (KmKioskStaffMenu *self,
                                                 gboolean          maintenance);
void        km_kiosk_staff_menu_set_status      (KmKioskStaffMenu *self,
                                                 const char       *content,
                                                 gint64            uptime_seconds,
                                                 const char       *last_error,
                                                 GFile            *disk);
void        km_kiosk_staff_menu_set_visits      (KmKioskStaffMenu *self,
                                                 const guint       visits[24],
                                                 const char       *summary);
void        km_kiosk_staff_menu_set_export_status (KmKioskStaffMenu *self,
                                                   const char       *text);
const char *km_kiosk_staff_menu_get_row_value  (KmKioskStaffMenu *self,
                                                 const char       *row);
char       *km_kiosk_format_uptime              (gint64            seconds);

G_END_DECLS
