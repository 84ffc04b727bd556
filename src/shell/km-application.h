/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "km-content-store.h"
#include "km-content-updater.h"
#include "km-status-server.h"

G_BEGIN_DECLS

#define KM_TYPE_APPLICATION (km_application_get_type ())

G_DECLARE_FINAL_TYPE (KmApplication, km_application, KM, APPLICATION, AdwApplication)

/* The views the window offers, in order; "gallery" is the home view. */
extern const char * const km_view_names[];

KmApplication  *km_application_new                (GApplicationFlags  flags);
GSettings      *km_application_get_settings       (KmApplication     *self);
KmContentStore *km_application_get_store          (KmApplication     *self);
const char     *km_application_get_language       (KmApplication     *self);
void            km_application_set_language       (KmApplication     *self,
                                                   const char        *code);
const char     *km_application_get_kiosk_language (KmApplication     *self);
const char     *km_application_get_initial_view   (KmApplication     *self);
GPtrArray      *km_application_get_content_errors (KmApplication     *self);
gboolean        km_application_get_kiosk          (KmApplication     *self);
KmContentUpdater *km_application_get_updater      (KmApplication     *self);
KmStatusServer *km_application_get_status_server  (KmApplication     *self);
void            km_application_set_kiosk_for_testing (KmApplication  *self,
                                                      gboolean        kiosk);
char           *km_application_dup_debug_info     (KmApplication     *self);

G_END_DECLS
