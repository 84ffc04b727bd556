/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-figure-value"

#include "config.h"

#include "km-content-private.h"

/* One value of a figure, as given by its sources. Built by
 * KmContentParser, read-only afterwards.
 */

G_DEFINE_FINAL_TYPE (KmFigureValue, km_figure_value, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AMOUNT,
  PROP_QUALIFIER,
  PROP_SOURCE_IDS,
  PROP_INCLUDES,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
km_figure_value_finalize (GObject *object)
{
  KmFigureValue *self = (KmFigureValue *)object;

  g_clear_pointer (&self->source_ids, g_strfreev);
  g_clear_pointer (&self->includes, g_strfreev);
  g_clear_pointer (&self->note, km_text_free);

  G_OBJECT_CLASS (km_figure_value_parent_class)->finalize (object);
}

static void
km_figure_value_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KmFigureValue *self = KM_FIGURE_VALUE (object);

  switch (prop_id)
    {
    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    case PROP_QUALIFIER:
      g_value_set_enum (value, self->qualifier);
      break;

    case PROP_SOURCE_IDS:
      g_value_set_boxed (value, self->source_ids);
      break;

    case PROP_INCLUDES:
      g_value_set_boxed (value, self->includes);
      break;

    case PROP_NOTE:
      g_value_set_string (value, km_figure_value_get_note (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_figure_value_class_init (KmFigureValueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_figure_value_finalize;
  object_class->get_property = km_figure_value_get_property;

  /**
   * KmFigureValue:amount:
   *
   * The amount.
   */
  properties [PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmFigureValue:qualifier:
   *
   * How the amount is meant.
   */
  properties [PROP_QUALIFIER] =
    g_param_spec_enum ("qualifier", NULL, NULL,
                       KM_TYPE_QUALIFIER,
                       KM_QUALIFIER_EXACT,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmFigureValue:source-ids:
   *
   * The ids of the sources that give the value.
   */
  properties [PROP_SOURCE_IDS] =
    g_param_spec_boxed ("source-ids", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmFigureValue:includes:
   *
   * The ids of the figures the amount already includes.
   */
  properties [PROP_INCLUDES] =
    g_param_spec_boxed ("includes", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmFigureValue:note:
   *
   * A note on the value, in the current language, or %NULL.
   */
  properties [PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_figure_value_init (KmFigureValue *self)
{
}

/**
 * km_figure_value_get_amount:
 * @self: a #KmFigureValue
 *
 * Returns: the amount
 */
gint64
km_figure_value_get_amount (KmFigureValue *self)
{
  g_return_val_if_fail (KM_IS_FIGURE_VALUE (self), 0);

  return self->amount;
}

/**
 * km_figure_value_get_qualifier:
 * @self: a #KmFigureValue
 *
 * Returns: how the amount is meant
 */
KmQualifier
km_figure_value_get_qualifier (KmFigureValue *self)
{
  g_return_val_if_fail (KM_IS_FIGURE_VALUE (self), 0);

  return self->qualifier;
}

/**
 * km_figure_value_get_source_ids:
 * @self: a #KmFigureValue
 *
 * Returns: (transfer none) (array zero-terminated=1): the ids of the sources that give the value
 */
const char * const *
km_figure_value_get_source_ids (KmFigureValue *self)
{
  g_return_val_if_fail (KM_IS_FIGURE_VALUE (self), NULL);

  return (const char * const *)self->source_ids;
}

/**
 * km_figure_value_get_includes:
 * @self: a #KmFigureValue
 *
 * Returns: (transfer none) (array zero-terminated=1): the ids of the figures the amount already includes
 */
const char * const *
km_figure_value_get_includes (KmFigureValue *self)
{
  g_return_val_if_fail (KM_IS_FIGURE_VALUE (self), NULL);

  return (const char * const *)self->includes;
}

/**
 * km_figure_value_get_note:
 * @self: a #KmFigureValue
 *
 * Returns: (nullable): a note on the value, in the current language, or %NULL
 */
const char *
km_figure_value_get_note (KmFigureValue *self)
{
  g_return_val_if_fail (KM_IS_FIGURE_VALUE (self), NULL);

  return km_text_get_current (self->note);
}

/**
 * km_figure_value_get_note_text:
 * @self: a #KmFigureValue
 *
 * Returns: (transfer none) (nullable): all languages of KmFigureValue:note
 */
KmText *
km_figure_value_get_note_text (KmFigureValue *self)
{
  g_return_val_if_fail (KM_IS_FIGURE_VALUE (self), NULL);

  return self->note;
}
