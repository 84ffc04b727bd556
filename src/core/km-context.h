/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-clock.h"
#include "km-content-store.h"
#include "km-content-updater.h"
#include "km-status-server.h"
#include "km-visit-log.h"

G_BEGIN_DECLS

#define KM_TYPE_CONTEXT (km_context_get_type ())

G_DECLARE_FINAL_TYPE (KmContext, km_context, KM, CONTEXT, GObject)

KmContext        *km_context_new               (GSettings        *settings,
                                                KmContentStore   *store,
                                                KmClock          *clock,
                                                gboolean          kiosk);
GSettings        *km_context_get_settings      (KmContext        *self);
KmContentStore   *km_context_get_store         (KmContext        *self);
KmClock          *km_context_get_clock         (KmContext        *self);
gboolean          km_context_get_kiosk         (KmContext        *self);
void              km_context_set_kiosk         (KmContext        *self,
                                                gboolean          kiosk);
const char       *km_context_get_language      (KmContext        *self);
gboolean          km_context_set_language      (KmContext        *self,
                                                const char       *code,
                                                GError          **error);
const char       *km_context_get_kiosk_language (KmContext       *self);
void              km_context_set_kiosk_language (KmContext       *self,
                                                 const char      *code);
GPtrArray        *km_context_get_content_errors (KmContext       *self);
void              km_context_set_content_errors (KmContext       *self,
                                                 GPtrArray       *errors);
KmContentUpdater *km_context_get_updater       (KmContext        *self);
void              km_context_set_updater       (KmContext        *self,
                                                KmContentUpdater *updater);
KmStatusServer   *km_context_get_status_server (KmContext        *self);
void              km_context_set_status_server (KmContext        *self,
                                                KmStatusServer   *status_server);
gboolean          km_context_get_content_unsigned (KmContext      *self);
void              km_context_set_content_unsigned (KmContext      *self,
                                                   gboolean        content_unsigned);
KmVisitLog       *km_context_get_visit_log     (KmContext        *self);
void              km_context_set_visit_log     (KmContext        *self,
                                                KmVisitLog       *visit_log);
void              km_context_note_opened       (KmContext        *self,
                                                KmVisitOpen       kind,
                                                const char       *id);
gboolean          km_context_get_media_playing (KmContext       *self);
void              km_context_hold_media        (KmContext        *self);
void              km_context_release_media     (KmContext        *self);
void              km_context_stop_media        (KmContext        *self);

G_END_DECLS
