/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-timeline-entry"

#include "config.h"

#include "km-content-private.h"

/* One entry of the timeline. Built by KmContentParser, read-only
 * afterwards.
 */

G_DEFINE_FINAL_TYPE (KmTimelineEntry, km_timeline_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ERA_ID,
  PROP_DATE,
  PROP_END,
  PROP_SOURCE_IDS,
  PROP_EXHIBIT_IDS,
  PROP_DISPLAY_DATE,
  PROP_HEADLINE,
  PROP_TEXT,
  PROP_INDEX,
  PROP_HAS_END,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
km_timeline_entry_finalize (GObject *object)
{
  KmTimelineEntry *self = (KmTimelineEntry *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->era_id, g_free);
  g_clear_pointer (&self->source_ids, g_strfreev);
  g_clear_pointer (&self->exhibit_ids, g_strfreev);
  g_clear_pointer (&self->display_date, km_text_free);
  g_clear_pointer (&self->headline, km_text_free);
  g_clear_pointer (&self->text, km_text_free);
  g_clear_pointer (&self->dated, km_text_free);
  g_clear_pointer (&self->placed, km_text_free);
  g_clear_pointer (&self->advisory, km_text_free);
  g_clear_pointer (&self->date_source_id, g_free);
  g_clear_pointer (&self->placed_anchor_id, g_free);

  G_OBJECT_CLASS (km_timeline_entry_parent_class)->finalize (object);
}

static void
km_timeline_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KmTimelineEntry *self = KM_TIMELINE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, km_timeline_entry_get_id (self));
      break;

    case PROP_ERA_ID:
      g_value_set_string (value, km_timeline_entry_get_era_id (self));
      break;

    case PROP_DATE:
      g_value_set_boxed (value, km_timeline_entry_get_date (self));
      break;

    case PROP_END:
      g_value_set_boxed (value, km_timeline_entry_get_end (self));
      break;

    case PROP_SOURCE_IDS:
      g_value_set_boxed (value, self->source_ids);
      break;

    case PROP_EXHIBIT_IDS:
      g_value_set_boxed (value, self->exhibit_ids);
      break;

    case PROP_DISPLAY_DATE:
      g_value_set_string (value, km_timeline_entry_get_display_date (self));
      break;

    case PROP_HEADLINE:
      g_value_set_string (value, km_timeline_entry_get_headline (self));
      break;

    case PROP_TEXT:
      g_value_set_string (value, km_timeline_entry_get_text (self));
      break;

    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;

    case PROP_HAS_END:
      g_value_set_boolean (value, self->has_end);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_timeline_entry_class_init (KmTimelineEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_timeline_entry_finalize;
  object_class->get_property = km_timeline_entry_get_property;

  /**
   * KmTimelineEntry:id:
   *
   * The entry id.
   */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmTimelineEntry:era-id:
   *
   * The id of the era the entry belongs to.
   */
  properties [PROP_ERA_ID] =
    g_param_spec_string ("era-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmTimelineEntry:date:
   *
   * When it happened, or started.
   */
  properties [PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL,
                        KM_TYPE_DATE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmTimelineEntry:end:
   *
   * When it ended, for a range.
   */
  properties [PROP_END] =
    g_param_spec_boxed ("end", NULL, NULL,
                        KM_TYPE_DATE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmTimelineEntry:source-ids:
   *
   * The ids of the sources of the entry.
   */
  properties [PROP_SOURCE_IDS] =
    g_param_spec_boxed ("source-ids", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmTimelineEntry:exhibit-ids:
   *
   * The ids of the exhibits that show the entry.
   */
  properties [PROP_EXHIBIT_IDS] =
    g_param_spec_boxed ("exhibit-ids", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmTimelineEntry:display-date:
   *
   * The date as written out, in the current language, or %NULL to format the date.
   */
  properties [PROP_DISPLAY_DATE] =
    g_param_spec_string ("display-date", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmTimelineEntry:headline:
   *
   * The headline, in the current language.
   */
  properties [PROP_HEADLINE] =
    g_param_spec_string ("headline", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmTimelineEntry:text:
   *
   * The text, in the current language; paragraphs are separated by a blank line.
   */
  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmTimelineEntry:index:
   *
   * The position of the entry in timeline.xml.
   */
  properties [PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmTimelineEntry:has-end:
   *
   * Whether KmTimelineEntry:end is set.
   */
  properties [PROP_HAS_END] =
    g_param_spec_boolean ("has-end", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_timeline_entry_init (KmTimelineEntry *self)
{
}

/**
 * km_timeline_entry_get_id:
 * @self: a #KmTimelineEntry
 *
 * Returns: the entry id
 */
const char *
km_timeline_entry_get_id (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return self->id;
}

/**
 * km_timeline_entry_get_era_id:
 * @self: a #KmTimelineEntry
 *
 * Returns: the id of the era the entry belongs to
 */
const char *
km_timeline_entry_get_era_id (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return self->era_id;
}

/**
 * km_timeline_entry_get_date:
 * @self: a #KmTimelineEntry
 *
 * Returns: (nullable): when it happened, or started; %NULL when no source
 *   gives the date (km_timeline_entry_get_date_known())
 */
const KmDate *
km_timeline_entry_get_date (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return self->date_known ? &self->date : NULL;
}

/**
 * km_timeline_entry_get_end:
 * @self: a #KmTimelineEntry
 *
 * Returns: (nullable): when it ended, for a range, or %NULL if not set
 */
const KmDate *
km_timeline_entry_get_end (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return self->has_end ? &self->end : NULL;
}

/**
 * km_timeline_entry_get_has_end:
 * @self: a #KmTimelineEntry
 *
 * Returns: whether KmTimelineEntry:end is set
 */
gboolean
km_timeline_entry_get_has_end (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), FALSE);

  return self->has_end;
}

/**
 * km_timeline_entry_get_source_ids:
 * @self: a #KmTimelineEntry
 *
 * Returns: (transfer none) (array zero-terminated=1): the ids of the sources of the entry
 */
const char * const *
km_timeline_entry_get_source_ids (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return (const char * const *)self->source_ids;
}

/**
 * km_timeline_entry_get_exhibit_ids:
 * @self: a #KmTimelineEntry
 *
 * Returns: (transfer none) (array zero-terminated=1): the ids of the exhibits that show the entry
 */
const char * const *
km_timeline_entry_get_exhibit_ids (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return (const char * const *)self->exhibit_ids;
}

/**
 * km_timeline_entry_get_display_date:
 * @self: a #KmTimelineEntry
 *
 * Returns: (nullable): the date as written out, in the current language, or %NULL to format the date
 */
const char *
km_timeline_entry_get_display_date (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return km_text_get_current (self->display_date);
}

/**
 * km_timeline_entry_get_display_date_text:
 * @self: a #KmTimelineEntry
 *
 * Returns: (transfer none) (nullable): all languages of KmTimelineEntry:display-date
 */
KmText *
km_timeline_entry_get_display_date_text (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return self->display_date;
}

/**
 * km_timeline_entry_get_headline:
 * @self: a #KmTimelineEntry
 *
 * Returns: the headline, in the current language
 */
const char *
km_timeline_entry_get_headline (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return km_text_get_current (self->headline);
}

/**
 * km_timeline_entry_get_headline_text:
 * @self: a #KmTimelineEntry
 *
 * Returns: (transfer none) (nullable): all languages of KmTimelineEntry:headline
 */
KmText *
km_timeline_entry_get_headline_text (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return self->headline;
}

/**
 * km_timeline_entry_get_text:
 * @self: a #KmTimelineEntry
 *
 * Returns: the text, in the current language; paragraphs are separated by a blank line
 */
const char *
km_timeline_entry_get_text (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return km_text_get_current (self->text);
}

/**
 * km_timeline_entry_get_text_text:
 * @self: a #KmTimelineEntry
 *
 * Returns: (transfer none) (nullable): all languages of KmTimelineEntry:text
 */
KmText *
km_timeline_entry_get_text_text (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return self->text;
}

/**
 * km_timeline_entry_get_index:
 * @self: a #KmTimelineEntry
 *
 * Returns: the position of the entry in timeline.xml
 */
guint
km_timeline_entry_get_index (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), 0);

  return self->index;
}

/**
 * km_timeline_entry_get_date_known:
 * @self: a #KmTimelineEntry
 *
 * An entry whose date no source gives has no date at all: it is shown as
 * “date unknown” and stands next to another entry for the reason
 * km_timeline_entry_get_placed() gives.
 *
 * Returns: whether a source dates the entry
 */
gboolean
km_timeline_entry_get_date_known (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), FALSE);

  return self->date_known;
}

/**
 * km_timeline_entry_get_position:
 * @self: a #KmTimelineEntry
 *
 * Returns: (transfer none): where the entry stands on the time scale: its
 *   date, or for an entry of unknown date the date of the entry it is
 *   placed next to. Never shown as the entry's date.
 */
const KmDate *
km_timeline_entry_get_position (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return &self->position;
}

/**
 * km_timeline_entry_get_date_source_id:
 * @self: a #KmTimelineEntry
 *
 * Returns: (nullable): the source whose words date or place the entry
 */
const char *
km_timeline_entry_get_date_source_id (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return self->date_source_id;
}

/**
 * km_timeline_entry_get_placed_anchor_id:
 * @self: a #KmTimelineEntry
 * @before: (out) (optional): whether the entry stands before its anchor
 *
 * Returns: (nullable): the entry an entry of unknown date stands next to
 */
const char *
km_timeline_entry_get_placed_anchor_id (KmTimelineEntry *self,
                                        gboolean        *before)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  if (before != NULL)
    *before = self->placed_before;

  return self->placed_anchor_id;
}

/**
 * km_timeline_entry_get_dated:
 * @self: a #KmTimelineEntry
 *
 * Returns: (nullable): in the current language, what the source says about
 *   the entry's date (required for an approximate date)
 */
const char *
km_timeline_entry_get_dated (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return km_text_get_current (self->dated);
}

/**
 * km_timeline_entry_get_dated_text:
 * @self: a #KmTimelineEntry
 *
 * Returns: (nullable) (transfer none): the `<dated>` statement in every language
 */
KmText *
km_timeline_entry_get_dated_text (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return self->dated;
}

/**
 * km_timeline_entry_get_placed:
 * @self: a #KmTimelineEntry
 *
 * Returns: (nullable): in the current language, why an entry of unknown
 *   date stands where it does
 */
const char *
km_timeline_entry_get_placed (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return km_text_get_current (self->placed);
}

/**
 * km_timeline_entry_get_placed_text:
 * @self: a #KmTimelineEntry
 *
 * Returns: (nullable) (transfer none): the `<placed>` reason in every language
 */
KmText *
km_timeline_entry_get_placed_text (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return self->placed;
}

/**
 * km_timeline_entry_get_advisory:
 * @self: a #KmTimelineEntry
 *
 * Returns: (nullable): in the current language, the content advisory the
 *   entry's text waits behind, or %NULL
 */
const char *
km_timeline_entry_get_advisory (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return km_text_get_current (self->advisory);
}

/**
 * km_timeline_entry_get_advisory_text:
 * @self: a #KmTimelineEntry
 *
 * Returns: (nullable) (transfer none): the advisory in every language
 */
KmText *
km_timeline_entry_get_advisory_text (KmTimelineEntry *self)
{
  g_return_val_if_fail (KM_IS_TIMELINE_ENTRY (self), NULL);

  return self->advisory;
}
