/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-exhibit"

#include "config.h"

#include "km-content-private.h"

/* One exhibit of the gallery. Built by KmContentParser, read-only
 * afterwards.
 */

G_DEFINE_FINAL_TYPE (KmExhibit, km_exhibit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_IMAGE,
  PROP_IMAGE_FILE,
  PROP_DATE,
  PROP_SOURCE_IDS,
  PROP_ENTRY_IDS,
  PROP_TITLE,
  PROP_CAPTION,
  PROP_DESCRIPTION,
  PROP_ALT,
  PROP_CREDIT,
  PROP_RIGHTS,
  PROP_ADVISORY,
  PROP_HAS_DATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
km_exhibit_finalize (GObject *object)
{
  KmExhibit *self = (KmExhibit *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->image, g_free);
  g_clear_object (&self->image_file);
  g_clear_pointer (&self->source_ids, g_strfreev);
  g_clear_pointer (&self->entry_ids, g_strfreev);
  g_clear_pointer (&self->title, km_text_free);
  g_clear_pointer (&self->caption, km_text_free);
  g_clear_pointer (&self->description, km_text_free);
  g_clear_pointer (&self->alt, km_text_free);
  g_clear_pointer (&self->credit, km_text_free);
  g_clear_pointer (&self->rights, km_text_free);
  g_clear_pointer (&self->advisory, km_text_free);
  g_clear_pointer (&self->media, g_free);
  g_clear_object (&self->media_file);
  g_clear_pointer (&self->captions, g_ptr_array_unref);
  g_clear_pointer (&self->transcript, km_text_free);
  g_clear_pointer (&self->transcription, km_text_free);

  G_OBJECT_CLASS (km_exhibit_parent_class)->finalize (object);
}

static void
km_exhibit_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KmExhibit *self = KM_EXHIBIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, km_exhibit_get_id (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_IMAGE:
      g_value_set_string (value, km_exhibit_get_image (self));
      break;

    case PROP_IMAGE_FILE:
      g_value_set_object (value, self->image_file);
      break;

    case PROP_DATE:
      g_value_set_boxed (value, km_exhibit_get_date (self));
      break;

    case PROP_SOURCE_IDS:
      g_value_set_boxed (value, self->source_ids);
      break;

    case PROP_ENTRY_IDS:
      g_value_set_boxed (value, self->entry_ids);
      break;

    case PROP_TITLE:
      g_value_set_string (value, km_exhibit_get_title (self));
      break;

    case PROP_CAPTION:
      g_value_set_string (value, km_exhibit_get_caption (self));
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, km_exhibit_get_description (self));
      break;

    case PROP_ALT:
      g_value_set_string (value, km_exhibit_get_alt (self));
      break;

    case PROP_CREDIT:
      g_value_set_string (value, km_exhibit_get_credit (self));
      break;

    case PROP_RIGHTS:
      g_value_set_string (value, km_exhibit_get_rights (self));
      break;

    case PROP_ADVISORY:
      g_value_set_string (value, km_exhibit_get_advisory (self));
      break;

    case PROP_HAS_DATE:
      g_value_set_boolean (value, self->has_date);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_exhibit_class_init (KmExhibitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_exhibit_finalize;
  object_class->get_property = km_exhibit_get_property;

  /**
   * KmExhibit:id:
   *
   * The exhibit id.
   */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:kind:
   *
   * What kind of exhibit it is.
   */
  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       KM_TYPE_EXHIBIT_KIND,
                       KM_EXHIBIT_KIND_ILLUSTRATION,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:image:
   *
   * The image path, relative to the content pack.
   */
  properties [PROP_IMAGE] =
    g_param_spec_string ("image", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:image-file:
   *
   * The image, resolved against the content pack.
   */
  properties [PROP_IMAGE_FILE] =
    g_param_spec_object ("image-file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:date:
   *
   * The date the exhibit shows.
   */
  properties [PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL,
                        KM_TYPE_DATE,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:source-ids:
   *
   * The ids of the sources of the exhibit.
   */
  properties [PROP_SOURCE_IDS] =
    g_param_spec_boxed ("source-ids", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:entry-ids:
   *
   * The ids of the timeline entries the exhibit belongs to.
   */
  properties [PROP_ENTRY_IDS] =
    g_param_spec_boxed ("entry-ids", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:title:
   *
   * The title, in the current language.
   */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:caption:
   *
   * The caption, in the current language.
   */
  properties [PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:description:
   *
   * The description, in the current language.
   */
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:alt:
   *
   * The text alternative of the image, in the current language.
   */
  properties [PROP_ALT] =
    g_param_spec_string ("alt", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:credit:
   *
   * Who made the image, in the current language.
   */
  properties [PROP_CREDIT] =
    g_param_spec_string ("credit", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:rights:
   *
   * The licence of the image, in the current language.
   */
  properties [PROP_RIGHTS] =
    g_param_spec_string ("rights", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:advisory:
   *
   * The content advisory, in the current language, or %NULL.
   */
  properties [PROP_ADVISORY] =
    g_param_spec_string ("advisory", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * KmExhibit:has-date:
   *
   * Whether KmExhibit:date is set.
   */
  properties [PROP_HAS_DATE] =
    g_param_spec_boolean ("has-date", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_exhibit_init (KmExhibit *self)
{
  self->duration_ms = -1;
}

/**
 * km_exhibit_get_id:
 * @self: a #KmExhibit
 *
 * Returns: the exhibit id
 */
const char *
km_exhibit_get_id (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->id;
}

/**
 * km_exhibit_get_kind:
 * @self: a #KmExhibit
 *
 * Returns: what kind of exhibit it is
 */
KmExhibitKind
km_exhibit_get_kind (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), 0);

  return self->kind;
}

/**
 * km_exhibit_get_image:
 * @self: a #KmExhibit
 *
 * Returns: the image path, relative to the content pack
 */
const char *
km_exhibit_get_image (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->image;
}

/**
 * km_exhibit_get_image_file:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable): the image, resolved against the content pack
 */
GFile *
km_exhibit_get_image_file (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->image_file;
}

/**
 * km_exhibit_get_date:
 * @self: a #KmExhibit
 *
 * Returns: (nullable): the date the exhibit shows, or %NULL if not set
 */
const KmDate *
km_exhibit_get_date (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->has_date ? &self->date : NULL;
}

/**
 * km_exhibit_get_has_date:
 * @self: a #KmExhibit
 *
 * Returns: whether KmExhibit:date is set
 */
gboolean
km_exhibit_get_has_date (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), FALSE);

  return self->has_date;
}

/**
 * km_exhibit_get_source_ids:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (array zero-terminated=1): the ids of the sources of the exhibit
 */
const char * const *
km_exhibit_get_source_ids (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return (const char * const *)self->source_ids;
}

/**
 * km_exhibit_get_entry_ids:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (array zero-terminated=1): the ids of the timeline entries the exhibit belongs to
 */
const char * const *
km_exhibit_get_entry_ids (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return (const char * const *)self->entry_ids;
}

/**
 * km_exhibit_get_title:
 * @self: a #KmExhibit
 *
 * Returns: the title, in the current language
 */
const char *
km_exhibit_get_title (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return km_text_get_current (self->title);
}

/**
 * km_exhibit_get_title_text:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable): all languages of KmExhibit:title
 */
KmText *
km_exhibit_get_title_text (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->title;
}

/**
 * km_exhibit_get_caption:
 * @self: a #KmExhibit
 *
 * Returns: the caption, in the current language
 */
const char *
km_exhibit_get_caption (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return km_text_get_current (self->caption);
}

/**
 * km_exhibit_get_caption_text:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable): all languages of KmExhibit:caption
 */
KmText *
km_exhibit_get_caption_text (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->caption;
}

/**
 * km_exhibit_get_description:
 * @self: a #KmExhibit
 *
 * Returns: the description, in the current language
 */
const char *
km_exhibit_get_description (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return km_text_get_current (self->description);
}

/**
 * km_exhibit_get_description_text:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable): all languages of KmExhibit:description
 */
KmText *
km_exhibit_get_description_text (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->description;
}

/**
 * km_exhibit_get_alt:
 * @self: a #KmExhibit
 *
 * Returns: the text alternative of the image, in the current language
 */
const char *
km_exhibit_get_alt (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return km_text_get_current (self->alt);
}

/**
 * km_exhibit_get_alt_text:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable): all languages of KmExhibit:alt
 */
KmText *
km_exhibit_get_alt_text (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->alt;
}

/**
 * km_exhibit_get_credit:
 * @self: a #KmExhibit
 *
 * Returns: who made the image, in the current language
 */
const char *
km_exhibit_get_credit (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return km_text_get_current (self->credit);
}

/**
 * km_exhibit_get_credit_text:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable): all languages of KmExhibit:credit
 */
KmText *
km_exhibit_get_credit_text (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->credit;
}

/**
 * km_exhibit_get_rights:
 * @self: a #KmExhibit
 *
 * Returns: the licence of the image, in the current language
 */
const char *
km_exhibit_get_rights (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return km_text_get_current (self->rights);
}

/**
 * km_exhibit_get_rights_text:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable): all languages of KmExhibit:rights
 */
KmText *
km_exhibit_get_rights_text (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->rights;
}

/**
 * km_exhibit_get_advisory:
 * @self: a #KmExhibit
 *
 * Returns: (nullable): the content advisory, in the current language, or %NULL
 */
const char *
km_exhibit_get_advisory (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return km_text_get_current (self->advisory);
}

/**
 * km_exhibit_get_advisory_text:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable): all languages of KmExhibit:advisory
 */
KmText *
km_exhibit_get_advisory_text (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->advisory;
}

void
km_caption_track_free (KmCaptionTrack *track)
{
  if (track == NULL)
    return;

  g_free (track->lang);
  g_free (track->src);
  g_clear_object (&track->file);
  g_free (track);
}

/**
 * km_exhibit_is_media:
 * @self: a #KmExhibit
 *
 * Returns: whether the exhibit is a video, a recording or a PDF document
 *   rather than one still image
 */
gboolean
km_exhibit_is_media (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), FALSE);

  return self->media != NULL;
}

/**
 * km_exhibit_is_pdf:
 * @self: a #KmExhibit
 *
 * Returns: whether the exhibit is a document given as a PDF file (a
 *   `document` with `image=` is a still image)
 */
gboolean
km_exhibit_is_pdf (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), FALSE);

  return self->kind == KM_EXHIBIT_KIND_DOCUMENT && self->media != NULL;
}

/**
 * km_exhibit_get_media:
 * @self: a #KmExhibit
 *
 * Returns: (nullable): the media path as written, e.g. "media/talk.webm"
 */
const char *
km_exhibit_get_media (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->media;
}

/**
 * km_exhibit_get_media_file:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable): the video, audio or PDF file
 */
GFile *
km_exhibit_get_media_file (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->media_file;
}

/**
 * km_exhibit_get_captions:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable) (element-type KmCaptionTrack): the
 *   caption files, in file order
 */
GPtrArray *
km_exhibit_get_captions (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->captions;
}

/**
 * km_exhibit_get_captions_file:
 * @self: a #KmExhibit
 * @lang: (nullable): a language, %NULL or "en" for English
 *
 * Returns: (transfer none) (nullable): the captions in @lang, or the
 *   English ones when there are none in @lang
 */
GFile *
km_exhibit_get_captions_file (KmExhibit  *self,
                              const char *lang)
{
  GFile *english = NULL;

  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  if (self->captions == NULL)
    return NULL;

  if (g_strcmp0 (lang, "en") == 0)
    lang = NULL;

  for (guint i = 0; i < self->captions->len; i++)
    {
      KmCaptionTrack *track = g_ptr_array_index (self->captions, i);

      if (lang != NULL && g_strcmp0 (track->lang, lang) == 0)
        return track->file;
      if (track->lang == NULL)
        english = track->file;
    }

  return english;
}

/**
 * km_exhibit_get_transcript:
 * @self: a #KmExhibit
 *
 * Returns: (nullable): the transcript of a video or recording, or the
 *   transcription of a document, in the current language
 */
const char *
km_exhibit_get_transcript (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return km_text_get_current (km_exhibit_get_transcript_text (self));
}

/**
 * km_exhibit_get_transcript_text:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable): the transcript or transcription in
 *   every language
 */
KmText *
km_exhibit_get_transcript_text (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  return self->transcript != NULL ? self->transcript : self->transcription;
}

/**
 * km_exhibit_get_duration_ms:
 * @self: a #KmExhibit
 *
 * Returns: the media's duration as the pack check measured it, or -1
 */
gint64
km_exhibit_get_duration_ms (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), -1);

  return self->duration_ms;
}

/**
 * km_exhibit_get_card_file:
 * @self: a #KmExhibit
 *
 * Returns: (transfer none) (nullable): what the exhibit's card shows: its
 *   image or poster, else a video or PDF itself (the thumbnail loader takes
 *   a frame or the first page); %NULL for a recording without a poster
 */
GFile *
km_exhibit_get_card_file (KmExhibit *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT (self), NULL);

  if (self->image_file != NULL)
    return self->image_file;
  if (self->kind == KM_EXHIBIT_KIND_VIDEO || km_exhibit_is_pdf (self))
    return self->media_file;

  return NULL;
}
