/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-stat-section"

#include "config.h"

#include "km-content-private.h"

/* A section of the statistics: one chart. Built by KmContentParser, read-
 * only afterwards.
 */

G_DEFINE_FINAL_TYPE (KmStatSection, km_stat_section, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CHART,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_FIGURES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
km_stat_section_finalize (GObject *object)
{
  KmStatSection *self = (KmStatSection *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, km_text_free);
  g_clear_pointer (&self->description, km_text_free);
  g_clear_object (&self->figures);

  G_OBJECT_CLASS (km_stat_section_parent_class)->finalize (object);
}

static void
km_stat_section_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KmStatSection *self = KM_STAT_SECTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, km_stat_section_get_id (self));
      break;

    case PROP_CHART:
      g_value_set_enum (value, self->chart);
      break;

    case PROP_TITLE:
      g_value_set_string (value, km_stat_section_get_title (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, km_stat_section_get_description (self));
      break;

    case PROP_FIGURES:
      g_value_set_object (value, self->figures);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_stat_section_class_init (KmStatSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_stat_section_finalize;
  object_class->get_property = km_stat_section_get_property;

  /**
   * KmStatSection:id:
   *
   * The section id.
   */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmStatSection:chart:
   *
   * How the section is drawn.
   */
  properties [PROP_CHART] =
    g_param_spec_enum ("chart", NULL, NULL,
                       KM_TYPE_CHART_KIND,
                       KM_CHART_KIND_BREAKDOWN,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmStatSection:title:
   *
   * The title, in the current language.
   */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmStatSection:description:
   *
   * The one-sentence description, in the current language, or %NULL.
   */
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmStatSection:figures:
   *
   * The figures of the section, #KmFigure.
   */
  properties [PROP_FIGURES] =
    g_param_spec_object ("figures", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_stat_section_init (KmStatSection *self)
{
  self->figures = g_list_store_new (KM_TYPE_FIGURE);
}

/**
 * km_stat_section_get_id:
 * @self: a #KmStatSection
 *
 * Returns: the section id
 */
const char *
km_stat_section_get_id (KmStatSection *self)
{
  g_return_val_if_fail (KM_IS_STAT_SECTION (self), NULL);

  return self->id;
}

/**
 * km_stat_section_get_chart:
 * @self: a #KmStatSection
 *
 * Returns: how the section is drawn
 */
KmChartKind
km_stat_section_get_chart (KmStatSection *self)
{
  g_return_val_if_fail (KM_IS_STAT_SECTION (self), 0);

  return self->chart;
}

/**
 * km_stat_section_get_title:
 * @self: a #KmStatSection
 *
 * Returns: the title, in the current language
 */
const char *
km_stat_section_get_title (KmStatSection *self)
{
  g_return_val_if_fail (KM_IS_STAT_SECTION (self), NULL);

  return km_text_get_current (self->title);
}

/**
 * km_stat_section_get_title_text:
 * @self: a #KmStatSection
 *
 * Returns: (transfer none) (nullable): all languages of KmStatSection:title
 */
KmText *
km_stat_section_get_title_text (KmStatSection *self)
{
  g_return_val_if_fail (KM_IS_STAT_SECTION (self), NULL);

  return self->title;
}

/**
 * km_stat_section_get_description:
 * @self: a #KmStatSection
 *
 * Returns: (nullable): the one-sentence description, in the current language, or %NULL
 */
const char *
km_stat_section_get_description (KmStatSection *self)
{
  g_return_val_if_fail (KM_IS_STAT_SECTION (self), NULL);

  return km_text_get_current (self->description);
}

/**
 * km_stat_section_get_description_text:
 * @self: a #KmStatSection
 *
 * Returns: (transfer none) (nullable): all languages of KmStatSection:description
 */
KmText *
km_stat_section_get_description_text (KmStatSection *self)
{
  g_return_val_if_fail (KM_IS_STAT_SECTION (self), NULL);

  return self->description;
}

/**
 * km_stat_section_get_figures:
 * @self: a #KmStatSection
 *
 * Returns: (transfer none): the figures of the section, #KmFigure
 */
GListModel *
km_stat_section_get_figures (KmStatSection *self)
{
  g_return_val_if_fail (KM_IS_STAT_SECTION (self), NULL);

  return G_LIST_MODEL (self->figures);
}
