/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-clock.h"
#include "km-content-updater.h"
#include "km-visit-log.h"

G_BEGIN_DECLS

#define KM_TYPE_STATUS_SERVER (km_status_server_get_type ())

G_DECLARE_FINAL_TYPE (KmStatusServer, km_status_server, KM, STATUS_SERVER, GObject)

KmStatusServer *km_status_server_new               (KmClock          *clock);
gboolean        km_status_server_start             (KmStatusServer   *self,
                                                    const char       *address,
                                                    guint16           port,
                                                    const char       *token,
                                                    GError          **error);
void            km_status_server_stop              (KmStatusServer   *self);
guint16         km_status_server_get_port          (KmStatusServer   *self);
guint           km_status_server_get_n_connections (KmStatusServer   *self);
void            km_status_server_set_view          (KmStatusServer   *self,
                                                    const char       *view);
void            km_status_server_set_updater       (KmStatusServer   *self,
                                                    KmContentUpdater *updater);
void            km_status_server_set_visit_log     (KmStatusServer   *self,
                                                    KmVisitLog       *visit_log);
void            km_status_server_note_interaction  (KmStatusServer   *self);
char           *km_status_server_dup_status_json   (KmStatusServer   *self);
char           *km_status_server_dup_metrics       (KmStatusServer   *self);
gboolean        km_status_server_check_token       (KmStatusServer   *self,
                                                    const char       *authorization);

G_END_DECLS
