/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-clock.h"
#include "km-content-store.h"

G_BEGIN_DECLS

typedef enum
{
  KM_UPDATE_STATE_DISABLED,     /* no content-url: bundled content only */
  KM_UPDATE_STATE_IDLE,         /* not checked yet */
  KM_UPDATE_STATE_CHECKING,
  KM_UPDATE_STATE_DOWNLOADING,
  KM_UPDATE_STATE_UP_TO_DATE,
  KM_UPDATE_STATE_READY,        /* a new pack is installed and waits to be shown */
  KM_UPDATE_STATE_FAILED,
} KmUpdateState;

#define KM_TYPE_UPDATE_STATE (km_update_state_get_type ())
GType km_update_state_get_type (void);

#define KM_TYPE_CONTENT_UPDATER (km_content_updater_get_type ())

G_DECLARE_FINAL_TYPE (KmContentUpdater, km_content_updater, KM, CONTENT_UPDATER, GObject)

KmContentUpdater *km_content_updater_new               (KmClock          *clock,
                                                        GFile            *base_dir);
void              km_content_updater_bind_settings     (KmContentUpdater *self,
                                                        GSettings        *settings);
void              km_content_updater_set_store         (KmContentUpdater *self,
                                                        KmContentStore   *store,
                                                        GFile            *shown_dir,
                                                        gint64            shown_version);
void              km_content_updater_set_timeout       (KmContentUpdater *self,
                                                        guint             seconds);
void              km_content_updater_set_disk_quota    (KmContentUpdater *self,
                                                        guint64           bytes);
void              km_content_updater_start             (KmContentUpdater *self);
void              km_content_updater_stop              (KmContentUpdater *self);
void              km_content_updater_check_now         (KmContentUpdater *self);
gboolean          km_content_updater_apply_pending     (KmContentUpdater *self);
gboolean          km_content_updater_has_pending       (KmContentUpdater *self);
KmUpdateState     km_content_updater_get_state         (KmContentUpdater *self);
double            km_content_updater_get_progress      (KmContentUpdater *self);
gint64            km_content_updater_get_active_version (KmContentUpdater *self);
gint64            km_content_updater_get_shown_version (KmContentUpdater *self);
const char       *km_content_updater_get_last_error    (KmContentUpdater *self);
const char       *km_content_updater_get_last_result   (KmContentUpdater *self);
guint             km_content_updater_get_n_failures    (KmContentUpdater *self);
guint             km_content_updater_get_retry_delay   (KmContentUpdater *self);
char             *km_content_updater_dup_status_text   (KmContentUpdater *self);
gboolean          km_content_updater_get_signing_required (KmContentUpdater *self);
const char       *km_content_updater_get_key_id        (KmContentUpdater *self);
const char       *km_content_updater_get_last_refusal  (KmContentUpdater *self);
gint64            km_content_updater_get_trusted_version (KmContentUpdater *self);
gboolean          km_content_updater_read_trust (GFile   *base_dir,
                                                 gint64  *version_out,
                                                 char   **sha256_out,
                                                 char   **key_id_out);

G_END_DECLS
