/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-source"

#include "config.h"

#include "km-content-private.h"

/* A document every figure, date and exhibit rests on. Built by
 * KmContentParser, read-only afterwards.
 */

G_DEFINE_FINAL_TYPE (KmSource, km_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_PUBLISHED,
  PROP_TITLE,
  PROP_PUBLISHER,
  PROP_DESCRIPTION,
  PROP_CITATION,
  PROP_HAS_PUBLISHED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
km_source_finalize (GObject *object)
{
  KmSource *self = (KmSource *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->publisher, km_text_free);
  g_clear_pointer (&self->description, km_text_free);
  g_clear_pointer (&self->citation, g_free);

  G_OBJECT_CLASS (km_source_parent_class)->finalize (object);
}

static void
km_source_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KmSource *self = KM_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, km_source_get_id (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_PUBLISHED:
      g_value_set_boxed (value, km_source_get_published (self));
      break;

    case PROP_TITLE:
      g_value_set_string (value, km_source_get_title (self));
      break;

    case PROP_PUBLISHER:
      g_value_set_string (value, km_source_get_publisher (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, km_source_get_description (self));
      break;

    case PROP_CITATION:
      g_value_set_string (value, km_source_get_citation (self));
      break;

    case PROP_HAS_PUBLISHED:
      g_value_set_boolean (value, self->has_published);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_source_class_init (KmSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_source_finalize;
  object_class->get_property = km_source_get_property;

  /**
   * KmSource:id:
   *
   * The source id.
   */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmSource:kind:
   *
   * What kind of document it is.
   */
  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       KM_TYPE_SOURCE_KIND,
                       KM_SOURCE_KIND_NEWS,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmSource:published:
   *
   * When it was published.
   */
  properties [PROP_PUBLISHED] =
    g_param_spec_boxed ("published", NULL, NULL,
                        KM_TYPE_DATE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmSource:title:
   *
   * The title as published.
   */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmSource:publisher:
   *
   * Who published it, in the current language.
   */
  properties [PROP_PUBLISHER] =
    g_param_spec_string ("publisher", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmSource:description:
   *
   * What the document is, in the current language.
   */
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmSource:citation:
   *
   * The citation as published.
   */
  properties [PROP_CITATION] =
    g_param_spec_string ("citation", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmSource:has-published:
   *
   * Whether KmSource:published is set.
   */
  properties [PROP_HAS_PUBLISHED] =
    g_param_spec_boolean ("has-published", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_source_init (KmSource *self)
{
}

/**
 * km_source_get_id:
 * @self: a #KmSource
 *
 * Returns: the source id
 */
const char *
km_source_get_id (KmSource *self)
{
  g_return_val_if_fail (KM_IS_SOURCE (self), NULL);

  return self->id;
}

/**
 * km_source_get_kind:
 * @self: a #KmSource
 *
 * Returns: what kind of document it is
 */
KmSourceKind
km_source_get_kind (KmSource *self)
{
  g_return_val_if_fail (KM_IS_SOURCE (self), 0);

  return self->kind;
}

/**
 * km_source_get_published:
 * @self: a #KmSource
 *
 * Returns: (nullable): when it was published, or %NULL if not set
 */
const KmDate *
km_source_get_published (KmSource *self)
{
  g_return_val_if_fail (KM_IS_SOURCE (self), NULL);

  return self->has_published ? &self->published : NULL;
}

/**
 * km_source_get_has_published:
 * @self: a #KmSource
 *
 * Returns: whether KmSource:published is set
 */
gboolean
km_source_get_has_published (KmSource *self)
{
  g_return_val_if_fail (KM_IS_SOURCE (self), FALSE);

  return self->has_published;
}

/**
 * km_source_get_title:
 * @self: a #KmSource
 *
 * Returns: the title as published
 */
const char *
km_source_get_title (KmSource *self)
{
  g_return_val_if_fail (KM_IS_SOURCE (self), NULL);

  return self->title;
}

/**
 * km_source_get_publisher:
 * @self: a #KmSource
 *
 * Returns: who published it, in the current language
 */
const char *
km_source_get_publisher (KmSource *self)
{
  g_return_val_if_fail (KM_IS_SOURCE (self), NULL);

  return km_text_get_current (self->publisher);
}

/**
 * km_source_get_publisher_text:
 * @self: a #KmSource
 *
 * Returns: (transfer none) (nullable): all languages of KmSource:publisher
 */
KmText *
km_source_get_publisher_text (KmSource *self)
{
  g_return_val_if_fail (KM_IS_SOURCE (self), NULL);

  return self->publisher;
}

/**
 * km_source_get_description:
 * @self: a #KmSource
 *
 * Returns: what the document is, in the current language
 */
const char *
km_source_get_description (KmSource *self)
{
  g_return_val_if_fail (KM_IS_SOURCE (self), NULL);

  return km_text_get_current (self->description);
}

/**
 * km_source_get_description_text:
 * @self: a #KmSource
 *
 * Returns: (transfer none) (nullable): all languages of KmSource:description
 */
KmText *
km_source_get_description_text (KmSource *self)
{
  g_return_val_if_fail (KM_IS_SOURCE (self), NULL);

  return self->description;
}

/**
 * km_source_get_citation:
 * @self: a #KmSource
 *
 * Returns: the citation as published
 */
const char *
km_source_get_citation (KmSource *self)
{
  g_return_val_if_fail (KM_IS_SOURCE (self), NULL);

  return self->citation;
}
