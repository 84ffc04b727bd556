/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick of each value is the word content files use for it. */

#define KM_TYPE_SOURCE_KIND  (km_source_kind_get_type ())
#define KM_TYPE_EXHIBIT_KIND (km_exhibit_kind_get_type ())
#define KM_TYPE_CHART_KIND   (km_chart_kind_get_type ())
#define KM_TYPE_FIGURE_ROLE  (km_figure_role_get_type ())
#define KM_TYPE_QUALIFIER    (km_qualifier_get_type ())
#define KM_TYPE_BODY_KIND    (km_body_kind_get_type ())

typedef enum
{
  KM_SOURCE_KIND_NEWS,
  KM_SOURCE_KIND_PRESS_RELEASE,
  KM_SOURCE_KIND_BLOG,
  KM_SOURCE_KIND_OFFICIAL,
} KmSourceKind;

typedef enum
{
  KM_EXHIBIT_KIND_ILLUSTRATION,
  KM_EXHIBIT_KIND_POSTER,
  KM_EXHIBIT_KIND_DOCUMENT,
  KM_EXHIBIT_KIND_PHOTOGRAPH,
  KM_EXHIBIT_KIND_VIDEO,
  KM_EXHIBIT_KIND_AUDIO,
} KmExhibitKind;

typedef enum
{
  KM_CHART_KIND_BREAKDOWN,
  KM_CHART_KIND_OVERLAP,
  KM_CHART_KIND_BARS,
  KM_CHART_KIND_PICTOGRAM,
} KmChartKind;

typedef enum
{
  KM_FIGURE_ROLE_NONE,
  KM_FIGURE_ROLE_TOTAL,
  KM_FIGURE_ROLE_PART,
} KmFigureRole;

typedef enum
{
  KM_QUALIFIER_EXACT,
  KM_QUALIFIER_AT_LEAST,
  KM_QUALIFIER_ABOUT,
  KM_QUALIFIER_MORE_THAN,
} KmQualifier;

typedef enum
{
  KM_BODY_KIND_PARLIAMENT,
  KM_BODY_KIND_COMMITTEE,
  KM_BODY_KIND_STATE_LEGISLATURE,
  KM_BODY_KIND_INTERNATIONAL_ORGANISATION,
  KM_BODY_KIND_GOVERNMENT,
  KM_BODY_KIND_UNSPECIFIED,
} KmBodyKind;

GType       km_source_kind_get_type  (void) G_GNUC_CONST;
GType       km_exhibit_kind_get_type (void) G_GNUC_CONST;
GType       km_chart_kind_get_type   (void) G_GNUC_CONST;
GType       km_figure_role_get_type  (void) G_GNUC_CONST;
GType       km_qualifier_get_type    (void) G_GNUC_CONST;
GType       km_body_kind_get_type    (void) G_GNUC_CONST;
gboolean    km_enum_from_nick        (GType       enum_type,
                                      const char *nick,
                                      int        *value);
const char *km_enum_to_nick          (GType       enum_type,
                                      int         value);
char       *km_enum_dup_nicks        (GType       enum_type);

G_END_DECLS
