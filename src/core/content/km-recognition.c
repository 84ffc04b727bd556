/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-recognition"

#include "config.h"

#include "km-content-private.h"

/* A recognition, as one source reports it. Built by KmContentParser, read-
 * only afterwards.
 */

G_DEFINE_FINAL_TYPE (KmRecognition, km_recognition, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCE_ID,
  PROP_TERMS,
  PROP_BODY_KIND,
  PROP_BODY,
  PROP_REGION,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
km_recognition_finalize (GObject *object)
{
  KmRecognition *self = (KmRecognition *)object;

  g_clear_pointer (&self->source_id, g_free);
  g_clear_pointer (&self->terms, g_strfreev);
  g_clear_pointer (&self->body, km_text_free);
  g_clear_pointer (&self->region, km_text_free);

  G_OBJECT_CLASS (km_recognition_parent_class)->finalize (object);
}

static void
km_recognition_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KmRecognition *self = KM_RECOGNITION (object);

  switch (prop_id)
    {
    case PROP_SOURCE_ID:
      g_value_set_string (value, km_recognition_get_source_id (self));
      break;

    case PROP_TERMS:
      g_value_set_boxed (value, self->terms);
      break;

    case PROP_BODY_KIND:
      g_value_set_enum (value, self->body_kind);
      break;

    case PROP_BODY:
      g_value_set_string (value, km_recognition_get_body (self));
      break;

    case PROP_REGION:
      g_value_set_string (value, km_recognition_get_region (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_recognition_class_init (KmRecognitionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_recognition_finalize;
  object_class->get_property = km_recognition_get_property;

  /**
   * KmRecognition:source-id:
   *
   * The id of the source that reports it.
   */
  properties [PROP_SOURCE_ID] =
    g_param_spec_string ("source-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmRecognition:terms:
   *
   * The terms the recognition uses, as the source reports them.
   */
  properties [PROP_TERMS] =
    g_param_spec_boxed ("terms", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmRecognition:body-kind:
   *
   * What kind of body recognised it.
   */
  properties [PROP_BODY_KIND] =
    g_param_spec_enum ("body-kind", NULL, NULL,
                       KM_TYPE_BODY_KIND,
                       KM_BODY_KIND_PARLIAMENT,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmRecognition:body:
   *
   * The body, in the current language.
   */
  properties [PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmRecognition:region:
   *
   * The country or region of the body, in the current language.
   */
  properties [PROP_REGION] =
    g_param_spec_string ("region", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_recognition_init (KmRecognition *self)
{
}

/**
 * km_recognition_get_source_id:
 * @self: a #KmRecognition
 *
 * Returns: the id of the source that reports it
 */
const char *
km_recognition_get_source_id (KmRecognition *self)
{
  g_return_val_if_fail (KM_IS_RECOGNITION (self), NULL);

  return self->source_id;
}

/**
 * km_recognition_get_terms:
 * @self: a #KmRecognition
 *
 * Returns: (transfer none) (array zero-terminated=1): the terms the recognition uses, as the source reports them
 */
const char * const *
km_recognition_get_terms (KmRecognition *self)
{
  g_return_val_if_fail (KM_IS_RECOGNITION (self), NULL);

  return (const char * const *)self->terms;
}

/**
 * km_recognition_get_body_kind:
 * @self: a #KmRecognition
 *
 * Returns: what kind of body recognised it
 */
KmBodyKind
km_recognition_get_body_kind (KmRecognition *self)
{
  g_return_val_if_fail (KM_IS_RECOGNITION (self), 0);

  return self->body_kind;
}

/**
 * km_recognition_get_body:
 * @self: a #KmRecognition
 *
 * Returns: the body, in the current language
 */
const char *
km_recognition_get_body (KmRecognition *self)
{
  g_return_val_if_fail (KM_IS_RECOGNITION (self), NULL);

  return km_text_get_current (self->body);
}

/**
 * km_recognition_get_body_text:
 * @self: a #KmRecognition
 *
 * Returns: (transfer none) (nullable): all languages of KmRecognition:body
 */
KmText *
km_recognition_get_body_text (KmRecognition *self)
{
  g_return_val_if_fail (KM_IS_RECOGNITION (self), NULL);

  return self->body;
}

/**
 * km_recognition_get_region:
 * @self: a #KmRecognition
 *
 * Returns: the country or region of the body, in the current language
 */
const char *
km_recognition_get_region (KmRecognition *self)
{
  g_return_val_if_fail (KM_IS_RECOGNITION (self), NULL);

  return km_text_get_current (self->region);
}

/**
 * km_recognition_get_region_text:
 * @self: a #KmRecognition
 *
 * Returns: (transfer none) (nullable): all languages of KmRecognition:region
 */
KmText *
km_recognition_get_region_text (KmRecognition *self)
{
  g_return_val_if_fail (KM_IS_RECOGNITION (self), NULL);

  return self->region;
}
