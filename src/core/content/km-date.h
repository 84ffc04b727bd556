/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KM_TYPE_DATE           (km_date_get_type ())
#define KM_TYPE_DATE_PRECISION (km_date_precision_get_type ())
#define KM_DATE_ERROR          (km_date_error_quark ())

typedef enum
{
  KM_DATE_PRECISION_YEAR,
  KM_DATE_PRECISION_MONTH,
  KM_DATE_PRECISION_DAY,
} KmDatePrecision;

typedef enum
{
  KM_DATE_ERROR_MALFORMED,
  KM_DATE_ERROR_IMPOSSIBLE,
} KmDateError;

typedef struct
{
  int             year;
  int             month;        /* 1–12, 0 when precision is YEAR */
  int             day;          /* 1–31, 0 unless precision is DAY */
  KmDatePrecision precision;
  gboolean        approximate;
} KmDate;

GType     km_date_get_type           (void) G_GNUC_CONST;
GType     km_date_precision_get_type (void) G_GNUC_CONST;
GQuark    km_date_error_quark        (void);
KmDate   *km_date_copy               (const KmDate *date);
void      km_date_free               (KmDate       *date);
gboolean  km_date_parse              (const char   *iso,
                                      KmDate       *out,
                                      GError      **error);
char     *km_date_to_iso             (const KmDate *date);
gboolean  km_date_is_valid           (const KmDate *date);
int       km_date_compare            (const KmDate *a,
                                      const KmDate *b);
gint64    km_date_to_days            (const KmDate *date);
gint64    km_date_end_to_days        (const KmDate *date);
int       km_date_get_days_in_month  (int           year,
                                      int           month);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmDate, km_date_free)

G_END_DECLS
