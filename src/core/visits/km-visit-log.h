/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-clock.h"
#include "km-content-store.h"

G_BEGIN_DECLS

/* The file's format version; a file with another is set aside. */
#define KM_VISIT_LOG_VERSION 1
/* A year of hourly rows, leap years too. */
#define KM_VISIT_LOG_MAX_ROWS (366 * 24)
/* Visit length buckets: under 30 s, 30–60 s, 1–2, 2–5, 5–10, 10–20 min,
 * 20 min and more. */
#define KM_VISIT_LOG_N_BUCKETS 7

typedef enum
{
  KM_VISIT_OPEN_VIEW,
  KM_VISIT_OPEN_EXHIBIT,
  KM_VISIT_OPEN_ENTRY,
} KmVisitOpen;

#define KM_VISIT_LOG_ERROR (km_visit_log_error_quark ())

typedef enum
{
  KM_VISIT_LOG_ERROR_CORRUPT,
} KmVisitLogError;

#define KM_TYPE_VISIT_LOG (km_visit_log_get_type ())

G_DECLARE_FINAL_TYPE (KmVisitLog, km_visit_log, KM, VISIT_LOG, GObject)

GQuark      km_visit_log_error_quark      (void);
const guint *km_visit_log_get_bucket_bounds (void);
char       *km_visit_log_dup_default_path (void);
KmVisitLog *km_visit_log_new              (KmClock        *clock,
                                           const char     *path,
                                           guint           max_rows);
const char *km_visit_log_get_path         (KmVisitLog     *self);
gboolean    km_visit_log_get_enabled      (KmVisitLog     *self);
void        km_visit_log_set_enabled      (KmVisitLog     *self,
                                           gboolean        enabled);
void        km_visit_log_set_store        (KmVisitLog     *self,
                                           KmContentStore *store);
void        km_visit_log_set_view_names   (KmVisitLog     *self,
                                           const char * const *names);
char       *km_visit_log_dup_warning      (KmVisitLog     *self);

void        km_visit_log_begin_visit      (KmVisitLog     *self);
gboolean    km_visit_log_get_in_visit     (KmVisitLog     *self);
void        km_visit_log_note_activity    (KmVisitLog     *self);
gboolean    km_visit_log_note_open        (KmVisitLog     *self,
                                           KmVisitOpen     kind,
                                           const char     *id);
void        km_visit_log_end_visit        (KmVisitLog     *self,
                                           const char     *language);
void        km_visit_log_cancel_visit     (KmVisitLog     *self);
void        km_visit_log_set_open         (KmVisitLog     *self,
                                           gboolean        open);

gboolean    km_visit_log_save             (KmVisitLog     *self,
                                           GError        **error);
guint       km_visit_log_get_n_rows       (KmVisitLog     *self);
guint       km_visit_log_get_visits       (KmVisitLog     *self,
                                           gint64          hour);
void        km_visit_log_get_day          (KmVisitLog     *self,
                                           GDateTime      *day,
                                           guint           visits[24]);
char       *km_visit_log_to_csv           (KmVisitLog     *self,
                                           gsize          *length);
GFile      *km_visit_log_export_csv       (KmVisitLog     *self,
                                           GFile          *folder,
                                           GError        **error);
void        km_visit_log_append_metrics   (KmVisitLog     *self,
                                           GString        *out);

G_END_DECLS
