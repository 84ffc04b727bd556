/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-figure"

#include "config.h"

#include "km-content-private.h"

/* One figure of a statistics section, as given by one or more sources.
 * Built by KmContentParser, read-only afterwards.
 */

G_DEFINE_FINAL_TYPE (KmFigure, km_figure, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SECTION_ID,
  PROP_UNIT,
  PROP_ROLE,
  PROP_WITHIN,
  PROP_LABEL,
  PROP_WHY,
  PROP_VALUES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
km_figure_finalize (GObject *object)
{
  KmFigure *self = (KmFigure *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->section_id, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->within, g_free);
  g_clear_pointer (&self->label, km_text_free);
  g_clear_pointer (&self->why, km_text_free);
  g_clear_object (&self->values);

  G_OBJECT_CLASS (km_figure_parent_class)->finalize (object);
}

static void
km_figure_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KmFigure *self = KM_FIGURE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, km_figure_get_id (self));
      break;

    case PROP_SECTION_ID:
      g_value_set_string (value, km_figure_get_section_id (self));
      break;

    case PROP_UNIT:
      g_value_set_string (value, km_figure_get_unit (self));
      break;

    case PROP_ROLE:
      g_value_set_enum (value, self->role);
      break;

    case PROP_WITHIN:
      g_value_set_string (value, km_figure_get_within (self));
      break;

    case PROP_LABEL:
      g_value_set_string (value, km_figure_get_label (self));
      break;

    case PROP_WHY:
      g_value_set_string (value, km_figure_get_why (self));
      break;

    case PROP_VALUES:
      g_value_set_object (value, self->values);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_figure_class_init (KmFigureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_figure_finalize;
  object_class->get_property = km_figure_get_property;

  /**
   * KmFigure:id:
   *
   * The figure id.
   */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmFigure:section-id:
   *
   * The id of the section the figure belongs to.
   */
  properties [PROP_SECTION_ID] =
    g_param_spec_string ("section-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmFigure:unit:
   *
   * What is counted: people, children, families, signatures, votes or organisations.
   */
  properties [PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmFigure:role:
   *
   * The role of the figure in its chart.
   */
  properties [PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       KM_TYPE_FIGURE_ROLE,
                       KM_FIGURE_ROLE_NONE,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmFigure:within:
   *
   * The id of the figure this one is part of, or %NULL.
   */
  properties [PROP_WITHIN] =
    g_param_spec_string ("within", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmFigure:label:
   *
   * The label, in the current language.
   */
  properties [PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmFigure:why:
   *
   * Why the values differ, in the current language, or %NULL.
   */
  properties [PROP_WHY] =
    g_param_spec_string ("why", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmFigure:values:
   *
   * The values the sources give, #KmFigureValue.
   */
  properties [PROP_VALUES] =
    g_param_spec_object ("values", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_figure_init (KmFigure *self)
{
  self->values = g_list_store_new (KM_TYPE_FIGURE_VALUE);
}

/**
 * km_figure_get_id:
 * @self: a #KmFigure
 *
 * Returns: the figure id
 */
const char *
km_figure_get_id (KmFigure *self)
{
  g_return_val_if_fail (KM_IS_FIGURE (self), NULL);

  return self->id;
}

/**
 * km_figure_get_section_id:
 * @self: a #KmFigure
 *
 * Returns: the id of the section the figure belongs to
 */
const char *
km_figure_get_section_id (KmFigure *self)
{
  g_return_val_if_fail (KM_IS_FIGURE (self), NULL);

  return self->section_id;
}

/**
 * km_figure_get_unit:
 * @self: a #KmFigure
 *
 * Returns: what is counted: people, children, families, signatures, votes or organisations
 */
const char *
km_figure_get_unit (KmFigure *self)
{
  g_return_val_if_fail (KM_IS_FIGURE (self), NULL);

  return self->unit;
}

/**
 * km_figure_get_role:
 * @self: a #KmFigure
 *
 * Returns: the role of the figure in its chart
 */
KmFigureRole
km_figure_get_role (KmFigure *self)
{
  g_return_val_if_fail (KM_IS_FIGURE (self), 0);

  return self->role;
}

/**
 * km_figure_get_within:
 * @self: a #KmFigure
 *
 * Returns: (nullable): the id of the figure this one is part of, or %NULL
 */
const char *
km_figure_get_within (KmFigure *self)
{
  g_return_val_if_fail (KM_IS_FIGURE (self), NULL);

  return self->within;
}

/**
 * km_figure_get_label:
 * @self: a #KmFigure
 *
 * Returns: the label, in the current language
 */
const char *
km_figure_get_label (KmFigure *self)
{
  g_return_val_if_fail (KM_IS_FIGURE (self), NULL);

  return km_text_get_current (self->label);
}

/**
 * km_figure_get_label_text:
 * @self: a #KmFigure
 *
 * Returns: (transfer none) (nullable): all languages of KmFigure:label
 */
KmText *
km_figure_get_label_text (KmFigure *self)
{
  g_return_val_if_fail (KM_IS_FIGURE (self), NULL);

  return self->label;
}

/**
 * km_figure_get_why:
 * @self: a #KmFigure
 *
 * Returns: (nullable): why the values differ, in the current language, or %NULL
 */
const char *
km_figure_get_why (KmFigure *self)
{
  g_return_val_if_fail (KM_IS_FIGURE (self), NULL);

  return km_text_get_current (self->why);
}

/**
 * km_figure_get_why_text:
 * @self: a #KmFigure
 *
 * Returns: (transfer none) (nullable): all languages of KmFigure:why
 */
KmText *
km_figure_get_why_text (KmFigure *self)
{
  g_return_val_if_fail (KM_IS_FIGURE (self), NULL);

  return self->why;
}

/**
 * km_figure_get_values:
 * @self: a #KmFigure
 *
 * Returns: (transfer none): the values the sources give, #KmFigureValue
 */
GListModel *
km_figure_get_values (KmFigure *self)
{
  g_return_val_if_fail (KM_IS_FIGURE (self), NULL);

  return G_LIST_MODEL (self->values);
}
