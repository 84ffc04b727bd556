/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-content-enums"

#include "config.h"

#include "km-content-enums.h"

G_DEFINE_ENUM_TYPE (KmSourceKind, km_source_kind,
  G_DEFINE_ENUM_VALUE (KM_SOURCE_KIND_NEWS, "news"),
  G_DEFINE_ENUM_VALUE (KM_SOURCE_KIND_PRESS_RELEASE, "press-release"),
  G_DEFINE_ENUM_VALUE (KM_SOURCE_KIND_BLOG, "blog"),
  G_DEFINE_ENUM_VALUE (KM_SOURCE_KIND_OFFICIAL, "official"))

G_DEFINE_ENUM_TYPE (KmExhibitKind, km_exhibit_kind,
  G_DEFINE_ENUM_VALUE (KM_EXHIBIT_KIND_ILLUSTRATION, "illustration"),
  G_DEFINE_ENUM_VALUE (KM_EXHIBIT_KIND_POSTER, "poster"),
  G_DEFINE_ENUM_VALUE (KM_EXHIBIT_KIND_DOCUMENT, "document"),
  G_DEFINE_ENUM_VALUE (KM_EXHIBIT_KIND_PHOTOGRAPH, "photograph"),
  G_DEFINE_ENUM_VALUE (KM_EXHIBIT_KIND_VIDEO, "video"),
  G_DEFINE_ENUM_VALUE (KM_EXHIBIT_KIND_AUDIO, "audio"))

G_DEFINE_ENUM_TYPE (KmChartKind, km_chart_kind,
  G_DEFINE_ENUM_VALUE (KM_CHART_KIND_BREAKDOWN, "breakdown"),
  G_DEFINE_ENUM_VALUE (KM_CHART_KIND_OVERLAP, "overlap"),
  G_DEFINE_ENUM_VALUE (KM_CHART_KIND_BARS, "bars"),
  G_DEFINE_ENUM_VALUE (KM_CHART_KIND_PICTOGRAM, "pictogram"))

G_DEFINE_ENUM_TYPE (KmFigureRole, km_figure_role,
  G_DEFINE_ENUM_VALUE (KM_FIGURE_ROLE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (KM_FIGURE_ROLE_TOTAL, "total"),
  G_DEFINE_ENUM_VALUE (KM_FIGURE_ROLE_PART, "part"))

G_DEFINE_ENUM_TYPE (KmQualifier, km_qualifier,
  G_DEFINE_ENUM_VALUE (KM_QUALIFIER_EXACT, "exact"),
  G_DEFINE_ENUM_VALUE (KM_QUALIFIER_AT_LEAST, "at-least"),
  G_DEFINE_ENUM_VALUE (KM_QUALIFIER_ABOUT, "about"),
  G_DEFINE_ENUM_VALUE (KM_QUALIFIER_MORE_THAN, "more-than"))

G_DEFINE_ENUM_TYPE (KmBodyKind, km_body_kind,
  G_DEFINE_ENUM_VALUE (KM_BODY_KIND_PARLIAMENT, "parliament"),
  G_DEFINE_ENUM_VALUE (KM_BODY_KIND_COMMITTEE, "committee"),
  G_DEFINE_ENUM_VALUE (KM_BODY_KIND_STATE_LEGISLATURE, "state-legislature"),
  G_DEFINE_ENUM_VALUE (KM_BODY_KIND_INTERNATIONAL_ORGANISATION, "international-organisation"),
  G_DEFINE_ENUM_VALUE (KM_BODY_KIND_GOVERNMENT, "government"),
  G_DEFINE_ENUM_VALUE (KM_BODY_KIND_UNSPECIFIED, "unspecified"))

/**
 * km_enum_from_nick:
 * @enum_type: an enum #GType
 * @nick: the word a content file uses
 * @value: (out): the value
 *
 * Returns: whether @nick names a value of @enum_type
 */
gboolean
km_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);
  g_return_val_if_fail (nick != NULL, FALSE);

  klass = g_type_class_ref (enum_type);

  if (!(ev = g_enum_get_value_by_nick (klass, nick)))
    return FALSE;

  *value = ev->value;

  return TRUE;
}

/**
 * km_enum_to_nick:
 * @enum_type: an enum #GType
 * @value: a value of @enum_type
 *
 * Returns: (nullable): the word content files use for @value
 */
const char *
km_enum_to_nick (GType enum_type,
                 int   value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  /* The class stays alive: GLib never finalizes static enum classes. */
  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value (klass, value);

  return ev != NULL ? ev->value_nick : NULL;
}

/**
 * km_enum_dup_nicks:
 * @enum_type: an enum #GType
 *
 * Returns: (transfer full): the nicks of @enum_type, comma-separated, for
 *   error messages
 */
char *
km_enum_dup_nicks (GType enum_type)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_autoptr(GString) str = g_string_new (NULL);

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);

  for (guint i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, klass->values[i].value_nick);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}
