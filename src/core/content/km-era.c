/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-era"

#include "config.h"

#include "km-content-private.h"

/* A period of the timeline. Built by KmContentParser, read-only
 * afterwards.
 */

G_DEFINE_FINAL_TYPE (KmEra, km_era, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_START,
  PROP_END,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
km_era_finalize (GObject *object)
{
  KmEra *self = (KmEra *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, km_text_free);

  G_OBJECT_CLASS (km_era_parent_class)->finalize (object);
}

static void
km_era_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  KmEra *self = KM_ERA (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, km_era_get_id (self));
      break;

    case PROP_START:
      g_value_set_boxed (value, km_era_get_start (self));
      break;

    case PROP_END:
      g_value_set_boxed (value, km_era_get_end (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, km_era_get_title (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_era_class_init (KmEraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_era_finalize;
  object_class->get_property = km_era_get_property;

  /**
   * KmEra:id:
   *
   * The era id.
   */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmEra:start:
   *
   * The first day of the era.
   */
  properties [PROP_START] =
    g_param_spec_boxed ("start", NULL, NULL,
                        KM_TYPE_DATE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmEra:end:
   *
   * The last day of the era.
   */
  properties [PROP_END] =
    g_param_spec_boxed ("end", NULL, NULL,
                        KM_TYPE_DATE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmEra:title:
   *
   * The title, in the current language.
   */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_era_init (KmEra *self)
{
}

/**
 * km_era_get_id:
 * @self: a #KmEra
 *
 * Returns: the era id
 */
const char *
km_era_get_id (KmEra *self)
{
  g_return_val_if_fail (KM_IS_ERA (self), NULL);

  return self->id;
}

/**
 * km_era_get_start:
 * @self: a #KmEra
 *
 * Returns: the first day of the era
 */
const KmDate *
km_era_get_start (KmEra *self)
{
  g_return_val_if_fail (KM_IS_ERA (self), NULL);

  return &self->start;
}

/**
 * km_era_get_end:
 * @self: a #KmEra
 *
 * Returns: the last day of the era
 */
const KmDate *
km_era_get_end (KmEra *self)
{
  g_return_val_if_fail (KM_IS_ERA (self), NULL);

  return &self->end;
}

/**
 * km_era_get_title:
 * @self: a #KmEra
 *
 * Returns: the title, in the current language
 */
const char *
km_era_get_title (KmEra *self)
{
  g_return_val_if_fail (KM_IS_ERA (self), NULL);

  return km_text_get_current (self->title);
}

/**
 * km_era_get_title_text:
 * @self: a #KmEra
 *
 * Returns: (transfer none) (nullable): all languages of KmEra:title
 */
KmText *
km_era_get_title_text (KmEra *self)
{
  g_return_val_if_fail (KM_IS_ERA (self), NULL);

  return self->title;
}
