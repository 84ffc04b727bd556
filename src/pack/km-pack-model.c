/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include <string.h>

#include "km-content-store.h"
#include "km-figure-value.h"
#include "km-pack-model.h"

/* The languages every export offers a column for, even before a pack has
 * any translation: the application's own (po/LINGUAS).
 */
const char * const km_pack_project_langs[] = { "az", "id", NULL };

static const char * const units[] = {
  "people", "children", "families", "signatures", "votes", "organisations", NULL,
};

static const char * const terms[] = {
  "genocide", "massacre", "crime-against-humanity", "resolution-introduced", "tragedy",
  "recognised", NULL,
};

#define ATTR(col, type, flags) { col, col, KM_PACK_VALUE_##type, flags, 0, NULL, NULL, NULL }
#define REFS(col, kind, flags) { col, col, KM_PACK_VALUE_REFS, flags, KM_PACK_KIND_##kind, NULL, NULL, NULL }
#define REF(col, kind, flags) { col, col, KM_PACK_VALUE_REF, flags, KM_PACK_KIND_##kind, NULL, NULL, NULL }
#define ENUM(col, type, flags, def) { col, col, KM_PACK_VALUE_ENUM, flags, 0, type, NULL, def }
#define TEXT(col, flags) { col, col, KM_PACK_VALUE_TEXT, KM_PACK_FIELD_ELEMENT | (flags), 0, NULL, NULL, NULL }
#define TR KM_PACK_FIELD_TRANSLATABLE
#define REQ KM_PACK_FIELD_REQUIRED
#define KEY KM_PACK_FIELD_KEY
#define VAL KM_PACK_FIELD_VALUE
#define END { NULL }

static const KmPackField source_fields[] = {
  ATTR ("id", ID, KEY | REQ),
  ENUM ("kind", km_source_kind_get_type, REQ, NULL),
  ATTR ("published", DATE, 0),
  TEXT ("title", REQ),
  TEXT ("publisher", TR | REQ),
  TEXT ("description", TR | REQ),
  TEXT ("citation", REQ),
  END
};

/* A still exhibit has an image; a video, a recording or a PDF document
 * (resources/content/README.md, "Media exhibits") has media, maybe a
 * poster, captions per language (video and audio: English required, a
 * file path each) and a transcript (a PDF: a transcription). The validator
 * says which combination is wrong for which kind.
 */
static const KmPackField exhibit_fields[] = {
  ATTR ("id", ID, KEY | REQ),
  ENUM ("kind", km_exhibit_kind_get_type, REQ, NULL),
  ATTR ("image", PATH, 0),
  ATTR ("media", PATH, 0),
  ATTR ("poster", PATH, 0),
  ATTR ("date", DATE, 0),
  { "approximate", "approximate", KM_PACK_VALUE_YES_NO, 0, 0, NULL, NULL, "no" },
  REFS ("sources", SOURCES, REQ),
  REFS ("entries", ENTRIES, 0),
  TEXT ("title", TR | REQ),
  TEXT ("caption", TR | REQ),
  TEXT ("description", TR | REQ),
  TEXT ("alt", TR | REQ),
  TEXT ("credit", TR | REQ),
  TEXT ("rights", TR | REQ),
  TEXT ("advisory", TR),
  { "captions", "captions", KM_PACK_VALUE_PATH, KM_PACK_FIELD_ELEMENT | KM_PACK_FIELD_SRC | TR, 0, NULL, NULL, NULL },
  TEXT ("transcript", TR),
  TEXT ("transcription", TR),
  END
};

static const KmPackField era_fields[] = {
  ATTR ("id", ID, KEY | REQ),
  ATTR ("start", DATE, REQ),
  ATTR ("end", DATE, REQ),
  TEXT ("title", TR | REQ),
  END
};

static const char * const date_statuses[] = { "known", "unknown", NULL };

/* A dated entry has era and date; one of unknown date has placed-before or
 * placed-after instead (the validator says which combination is wrong).
 */
static const KmPackField entry_fields[] = {
  ATTR ("id", ID, KEY | REQ),
  { "date-status", "date-status", KM_PACK_VALUE_WORD, 0, 0, NULL, date_statuses, "known" },
  REF ("era", ERAS, 0),
  ATTR ("date", DATE, 0),
  ATTR ("end", DATE, 0),
  { "approximate", "approximate", KM_PACK_VALUE_YES_NO, 0, 0, NULL, NULL, "no" },
  REF ("date-source", SOURCES, 0),
  REF ("placed-before", ENTRIES, 0),
  REF ("placed-after", ENTRIES, 0),
  REFS ("sources", SOURCES, REQ),
  REFS ("exhibits", EXHIBITS, 0),
  TEXT ("display-date", TR),
  TEXT ("headline", TR | REQ),
  TEXT ("text", TR | REQ),
  TEXT ("dated", TR),
  TEXT ("placed", TR),
  TEXT ("advisory", TR),
  END
};

static const KmPackField section_fields[] = {
  ATTR ("id", ID, KEY | REQ),
  ENUM ("chart", km_chart_kind_get_type, REQ, NULL),
  TEXT ("title", TR | REQ),
  TEXT ("description", TR),
  END
};

/* One row per <value>; the figure's own cells repeat on each of its rows. */
static const KmPackField figure_fields[] = {
  { "figure", "id", KM_PACK_VALUE_ID, KEY | REQ, 0, NULL, NULL, NULL },
  { "section", "section", KM_PACK_VALUE_REF, KM_PACK_FIELD_PARENT | REQ, KM_PACK_KIND_SECTIONS, NULL, NULL, NULL },
  { "unit", "unit", KM_PACK_VALUE_WORD, REQ, 0, NULL, units, NULL },
  ENUM ("role", km_figure_role_get_type, 0, "none"),
  REF ("within", FIGURES, 0),
  TEXT ("label", TR | REQ),
  TEXT ("why", TR),
  ATTR ("amount", AMOUNT, VAL | REQ),
  ENUM ("qualifier", km_qualifier_get_type, VAL, "exact"),
  REFS ("sources", SOURCES, VAL | REQ),
  REFS ("includes", FIGURES, VAL),
  TEXT ("note", TR | VAL),
  END
};

/* A recognition has no id: a source reports a body once. */
static const KmPackField recognition_fields[] = {
  REF ("source", SOURCES, KEY | REQ),
  { "terms", "terms", KM_PACK_VALUE_WORDS, REQ, 0, NULL, terms, NULL },
  ENUM ("body-kind", km_body_kind_get_type, REQ, NULL),
  TEXT ("body", TR | REQ | KEY),
  TEXT ("region", TR | REQ),
  END
};

static const KmPackKindInfo kinds[KM_PACK_N_KINDS] = {
  { "sources", "source", "Sources", source_fields },
  { "exhibits", "exhibit", "Exhibits", exhibit_fields },
  { "eras", "era", "Eras", era_fields },
  { "entries", "timeline entry", "Timeline entries", entry_fields },
  { "sections", "statistics section", "Statistics sections", section_fields },
  { "figures", "figure", "Figures", figure_fields },
  { "recognitions", "recognition", "Recognitions", recognition_fields },
};

const KmPackKindInfo *
km_pack_kind_get_info (KmPackKind kind)
{
  g_return_val_if_fail (kind < KM_PACK_N_KINDS, NULL);

  return &kinds[kind];
}

gboolean
km_pack_kind_from_name (const char *name,
                        KmPackKind *kind)
{
  for (guint i = 0; i < KM_PACK_N_KINDS; i++)
    if (g_str_equal (name, kinds[i].name))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

KmContentFileKind
km_pack_kind_get_file (KmPackKind kind)
{
  switch (kind)
    {
    case KM_PACK_KIND_SOURCES: return KM_CONTENT_FILE_SOURCES;
    case KM_PACK_KIND_EXHIBITS: return KM_CONTENT_FILE_EXHIBITS;
    case KM_PACK_KIND_ERAS:
    case KM_PACK_KIND_ENTRIES: return KM_CONTENT_FILE_TIMELINE;
    case KM_PACK_KIND_SECTIONS:
    case KM_PACK_KIND_FIGURES:
    case KM_PACK_KIND_RECOGNITIONS:
    case KM_PACK_N_KINDS:
    default:
      return KM_CONTENT_FILE_STATISTICS;
    }
}

static gboolean
is_lang_code (const char *lang)
{
  if (lang == NULL || !g_ascii_isalpha (*lang))
    return FALSE;

  for (const char *p = lang; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_'))
      return FALSE;

  return strlen (lang) < 32;
}

/**
 * km_pack_kind_lookup_field:
 * @column: a column name, "title" or "title:az"
 * @lang_out: (out) (optional): the normalized language of a translation
 *   column, "" for the English one
 *
 * Returns: (nullable): the field the column holds, %NULL for an unknown column
 */
const KmPackField *
km_pack_kind_lookup_field (KmPackKind   kind,
                           const char  *column,
                           char       **lang_out)
{
  g_autofree char *base = g_strdup (column);
  char *colon = strchr (base, ':');
  const char *lang = NULL;

  if (colon != NULL)
    {
      *colon = '\0';
      lang = colon + 1;
      if (!is_lang_code (lang))
        return NULL;
    }

  for (const KmPackField *f = kinds[kind].fields; f->column; f++)
    {
      if (!g_str_equal (f->column, base))
        continue;
      if (lang != NULL && !(f->flags & KM_PACK_FIELD_TRANSLATABLE))
        return NULL;
      if (lang_out != NULL)
        *lang_out = km_text_normalize_lang (lang);
      return f;
    }

  return NULL;
}

const KmPackField *
km_pack_kind_get_key_field (KmPackKind kind)
{
  for (const KmPackField *f = kinds[kind].fields; f->column; f++)
    if (f->flags & KM_PACK_FIELD_KEY)
      return f;

  g_assert_not_reached ();
}

/* Rows */

KmPackRow *
km_pack_row_new (void)
{
  KmPackRow *row = g_new0 (KmPackRow, 1);

  row->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return row;
}

void
km_pack_row_free (KmPackRow *row)
{
  if (row == NULL)
    return;

  g_hash_table_unref (row->cells);
  g_clear_pointer (&row->origin_columns, g_hash_table_unref);
  g_free (row->origin);
  g_free (row);
}

const char *
km_pack_row_get (KmPackRow  *row,
                 const char *column)
{
  return g_hash_table_lookup (row->cells, column);
}

/* An empty or %NULL value clears the cell. */
void
km_pack_row_set (KmPackRow  *row,
                 const char *column,
                 const char *value)
{
  if (value == NULL || *value == '\0')
    g_hash_table_remove (row->cells, column);
  else
    g_hash_table_insert (row->cells, g_strdup (column), g_strdup (value));
}

/* What identifies a record of @kind: its id, or for a recognition its
 * source and English body.
 */
char *
km_pack_row_dup_key (KmPackKind  kind,
                     KmPackRow  *row)
{
  const char *key = km_pack_row_get (row, km_pack_kind_get_key_field (kind)->column);

  if (kind == KM_PACK_KIND_RECOGNITIONS)
    {
      const char *body = km_pack_row_get (row, "body");

      return g_strconcat (key ? key : "", "\x1f", body ? body : "", NULL);
    }

  return g_strdup (key ? key : "");
}

/* The model */

KmPackModel *
km_pack_model_new (void)
{
  KmPackModel *self = g_new0 (KmPackModel, 1);

  for (guint i = 0; i < KM_PACK_N_KINDS; i++)
    self->rows[i] = g_ptr_array_new_with_free_func ((GDestroyNotify)km_pack_row_free);
  self->langs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; km_pack_project_langs[i]; i++)
    km_pack_model_add_lang (self, km_pack_project_langs[i]);

  return self;
}

void
km_pack_model_free (KmPackModel *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < KM_PACK_N_KINDS; i++)
    g_ptr_array_unref (self->rows[i]);
  g_ptr_array_unref (self->langs);
  g_free (self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

void
km_pack_model_add_lang (KmPackModel *self,
                        const char  *lang)
{
  if (lang == NULL || *lang == '\0')
    return;

  for (guint i = 0; i < self->langs->len; i++)
    if (g_str_equal (g_ptr_array_index (self->langs, i), lang))
      return;

  g_ptr_array_add (self->langs, g_strdup (lang));
  g_ptr_array_sort (self->langs, compare_strings);
}

/**
 * km_pack_model_dup_columns:
 *
 * Returns: (transfer full): every column of @kind, a translatable field
 *   followed by one column per language of the pack
 */
GStrv
km_pack_model_dup_columns (KmPackModel *self,
                           KmPackKind   kind)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (const KmPackField *f = kinds[kind].fields; f->column; f++)
    {
      g_strv_builder_add (builder, f->column);
      if (f->flags & KM_PACK_FIELD_TRANSLATABLE)
        for (guint i = 0; i < self->langs->len; i++)
          {
            g_autofree char *column = g_strconcat (f->column, ":",
                                                   (char *)g_ptr_array_index (self->langs, i), NULL);

            g_strv_builder_add (builder, column);
          }
    }

  return g_strv_builder_end (builder);
}

/* Reading a loaded store */

static void
set_text (KmPackModel *self,
          KmPackRow   *row,
          const char  *column,
          KmText      *text)
{
  g_auto(GStrv) langs = NULL;

  if (text == NULL)
    return;

  langs = km_text_dup_langs (text);
  for (guint i = 0; langs[i]; i++)
    {
      g_autofree char *col = langs[i][0] ? g_strconcat (column, ":", langs[i], NULL)
                                         : g_strdup (column);

      km_pack_model_add_lang (self, langs[i]);
      km_pack_row_set (row, col, km_text_get (text, langs[i][0] ? langs[i] : NULL));
    }
}

static void
set_date (KmPackRow    *row,
          const char   *column,
          const KmDate *date,
          gboolean      has_date)
{
  g_autofree char *iso = has_date ? km_date_to_iso (date) : NULL;

  km_pack_row_set (row, column, iso);
}

static void
set_enum (KmPackRow  *row,
          const char *column,
          GType       type,
          int         value,
          const char *default_nick)
{
  const char *nick = km_enum_to_nick (type, value);

  if (default_nick == NULL || g_strcmp0 (nick, default_nick) != 0)
    km_pack_row_set (row, column, nick);
}

static void
set_ids (KmPackRow          *row,
         const char         *column,
         const char * const *ids)
{
  g_autofree char *joined = ids ? g_strjoinv (" ", (char **)ids) : NULL;

  km_pack_row_set (row, column, joined);
}

static void
read_store (KmPackModel    *self,
            KmContentStore *store)
{
  GListModel *list;

  list = km_content_store_get_sources (store);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KmSource) source = g_list_model_get_item (list, i);
      KmPackRow *row = km_pack_row_new ();

      km_pack_row_set (row, "id", km_source_get_id (source));
      set_enum (row, "kind", KM_TYPE_SOURCE_KIND, km_source_get_kind (source), NULL);
      set_date (row, "published", km_source_get_published (source),
                km_source_get_has_published (source));
      km_pack_row_set (row, "title", km_source_get_title (source));
      set_text (self, row, "publisher", km_source_get_publisher_text (source));
      set_text (self, row, "description", km_source_get_description_text (source));
      km_pack_row_set (row, "citation", km_source_get_citation (source));
      g_ptr_array_add (self->rows[KM_PACK_KIND_SOURCES], row);
    }

  list = km_content_store_get_exhibits (store);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KmExhibit) exhibit = g_list_model_get_item (list, i);
      KmPackRow *row = km_pack_row_new ();
      gboolean has_date = km_exhibit_get_has_date (exhibit);

      GPtrArray *captions = km_exhibit_get_captions (exhibit);

      km_pack_row_set (row, "id", km_exhibit_get_id (exhibit));
      set_enum (row, "kind", KM_TYPE_EXHIBIT_KIND, km_exhibit_get_kind (exhibit), NULL);
      /* A media exhibit's image is its poster. */
      km_pack_row_set (row, km_exhibit_is_media (exhibit) ? "poster" : "image", km_exhibit_get_image (exhibit));
      km_pack_row_set (row, "media", km_exhibit_get_media (exhibit));
      set_date (row, "date", km_exhibit_get_date (exhibit), has_date);
      if (has_date && km_exhibit_get_date (exhibit)->approximate)
        km_pack_row_set (row, "approximate", "yes");
      set_ids (row, "sources", km_exhibit_get_source_ids (exhibit));
      set_ids (row, "entries", km_exhibit_get_entry_ids (exhibit));
      set_text (self, row, "title", km_exhibit_get_title_text (exhibit));
      set_text (self, row, "caption", km_exhibit_get_caption_text (exhibit));
      set_text (self, row, "description", km_exhibit_get_description_text (exhibit));
      set_text (self, row, "alt", km_exhibit_get_alt_text (exhibit));
      set_text (self, row, "credit", km_exhibit_get_credit_text (exhibit));
      set_text (self, row, "rights", km_exhibit_get_rights_text (exhibit));
      set_text (self, row, "advisory", km_exhibit_get_advisory_text (exhibit));
      for (guint j = 0; captions != NULL && j < captions->len; j++)
        {
          const KmCaptionTrack *track = g_ptr_array_index (captions, j);
          g_autofree char *column = track->lang != NULL ? g_strconcat ("captions:", track->lang, NULL)
                                                        : g_strdup ("captions");

          km_pack_model_add_lang (self, track->lang);
          km_pack_row_set (row, column, track->src);
        }
      set_text (self, row, km_exhibit_is_pdf (exhibit) ? "transcription" : "transcript",
                km_exhibit_get_transcript_text (exhibit));
      g_ptr_array_add (self->rows[KM_PACK_KIND_EXHIBITS], row);
    }

  list = km_content_store_get_eras (store);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KmEra) era = g_list_model_get_item (list, i);
      KmPackRow *row = km_pack_row_new ();

      km_pack_row_set (row, "id", km_era_get_id (era));
      set_date (row, "start", km_era_get_start (era), TRUE);
      set_date (row, "end", km_era_get_end (era), TRUE);
      set_text (self, row, "title", km_era_get_title_text (era));
      g_ptr_array_add (self->rows[KM_PACK_KIND_ERAS], row);
    }

  list = km_content_store_get_entries (store);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KmTimelineEntry) entry = g_list_model_get_item (list, i);
      KmPackRow *row = km_pack_row_new ();
      const KmDate *date = km_timeline_entry_get_date (entry);
      gboolean before = FALSE;
      const char *anchor = km_timeline_entry_get_placed_anchor_id (entry, &before);

      km_pack_row_set (row, "id", km_timeline_entry_get_id (entry));
      if (!km_timeline_entry_get_date_known (entry))
        km_pack_row_set (row, "date-status", "unknown");
      km_pack_row_set (row, "era", km_timeline_entry_get_era_id (entry));
      set_date (row, "date", date, date != NULL);
      set_date (row, "end", km_timeline_entry_get_end (entry),
                date != NULL && km_timeline_entry_get_has_end (entry));
      if (date != NULL && date->approximate)
        km_pack_row_set (row, "approximate", "yes");
      km_pack_row_set (row, "date-source", km_timeline_entry_get_date_source_id (entry));
      km_pack_row_set (row, before ? "placed-before" : "placed-after", anchor);
      set_ids (row, "sources", km_timeline_entry_get_source_ids (entry));
      set_ids (row, "exhibits", km_timeline_entry_get_exhibit_ids (entry));
      set_text (self, row, "display-date", km_timeline_entry_get_display_date_text (entry));
      set_text (self, row, "headline", km_timeline_entry_get_headline_text (entry));
      set_text (self, row, "text", km_timeline_entry_get_text_text (entry));
      set_text (self, row, "dated", km_timeline_entry_get_dated_text (entry));
      set_text (self, row, "placed", km_timeline_entry_get_placed_text (entry));
      set_text (self, row, "advisory", km_timeline_entry_get_advisory_text (entry));
      g_ptr_array_add (self->rows[KM_PACK_KIND_ENTRIES], row);
    }

  list = km_content_store_get_sections (store);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KmStatSection) section = g_list_model_get_item (list, i);
      GListModel *figures = km_stat_section_get_figures (section);
      KmPackRow *row = km_pack_row_new ();

      km_pack_row_set (row, "id", km_stat_section_get_id (section));
      set_enum (row, "chart", KM_TYPE_CHART_KIND, km_stat_section_get_chart (section), NULL);
      set_text (self, row, "title", km_stat_section_get_title_text (section));
      set_text (self, row, "description", km_stat_section_get_description_text (section));
      g_ptr_array_add (self->rows[KM_PACK_KIND_SECTIONS], row);

      for (guint j = 0; j < g_list_model_get_n_items (figures); j++)
        {
          g_autoptr(KmFigure) figure = g_list_model_get_item (figures, j);
          GListModel *values = km_figure_get_values (figure);

          for (guint k = 0; k < g_list_model_get_n_items (values); k++)
            {
              g_autoptr(KmFigureValue) value = g_list_model_get_item (values, k);
              g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                         km_figure_value_get_amount (value));

              row = km_pack_row_new ();
              km_pack_row_set (row, "figure", km_figure_get_id (figure));
              km_pack_row_set (row, "section", km_stat_section_get_id (section));
              km_pack_row_set (row, "unit", km_figure_get_unit (figure));
              set_enum (row, "role", KM_TYPE_FIGURE_ROLE, km_figure_get_role (figure), "none");
              km_pack_row_set (row, "within", km_figure_get_within (figure));
              set_text (self, row, "label", km_figure_get_label_text (figure));
              set_text (self, row, "why", km_figure_get_why_text (figure));
              km_pack_row_set (row, "amount", amount);
              set_enum (row, "qualifier", KM_TYPE_QUALIFIER,
                        km_figure_value_get_qualifier (value), "exact");
              set_ids (row, "sources", km_figure_value_get_source_ids (value));
              set_ids (row, "includes", km_figure_value_get_includes (value));
              set_text (self, row, "note", km_figure_value_get_note_text (value));
              g_ptr_array_add (self->rows[KM_PACK_KIND_FIGURES], row);
            }
        }
    }

  list = km_content_store_get_recognitions (store);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KmRecognition) recognition = g_list_model_get_item (list, i);
      KmPackRow *row = km_pack_row_new ();

      km_pack_row_set (row, "source", km_recognition_get_source_id (recognition));
      set_ids (row, "terms", km_recognition_get_terms (recognition));
      set_enum (row, "body-kind", KM_TYPE_BODY_KIND, km_recognition_get_body_kind (recognition), NULL);
      set_text (self, row, "body", km_recognition_get_body_text (recognition));
      set_text (self, row, "region", km_recognition_get_region_text (recognition));
      g_ptr_array_add (self->rows[KM_PACK_KIND_RECOGNITIONS], row);
    }
}

/**
 * km_pack_model_load:
 * @dir: a content pack folder
 * @flags: whether to decode every image (as the application does) or only
 *   check that it exists
 * @errors_out: (out) (transfer full) (element-type KmContentError): the
 *   validator's errors when the pack does not load
 *
 * Returns: (nullable): the pack's records, %NULL when it is not valid
 */
KmPackModel *
km_pack_model_load (GFile               *dir,
                    KmContentLoadFlags   flags,
                    GPtrArray          **errors_out)
{
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GPtrArray) errors = NULL;
  KmPackModel *self;

  if (!km_content_store_load_with_flags (store, dir, flags, &errors, NULL))
    {
      *errors_out = g_steal_pointer (&errors);
      return NULL;
    }

  self = km_pack_model_new ();
  read_store (self, store);

  return self;
}

/* Writing XML */

typedef struct
{
  GString      *out;
  gsize         line_start;
  int           line;
  KmPackXmlMap *map;
} Writer;

static void
emit (Writer     *w,
      const char *text)
{
  for (const char *p = text; *p; p++)
    {
      g_string_append_c (w->out, *p);
      if (*p == '\n')
        {
          w->line++;
          w->line_start = w->out->len;
        }
    }
}

static void
emit_escaped (Writer     *w,
              const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  emit (w, escaped);
}

static void
map_here (Writer     *w,
          KmPackRow  *row,
          const char *column)
{
  int col;

  if (w->map == NULL || row->origin == NULL)
    return;

  col = (int)g_utf8_strlen (w->out->str + w->line_start, w->out->len - w->line_start) + 1;
  g_hash_table_insert (w->map->cells, g_strdup_printf ("%d:%d", w->line, col),
                       g_memdup2 (&(KmPackCellRef) { row, column }, sizeof (KmPackCellRef)));
}

static void
map_record (Writer     *w,
            KmPackRow  *row,
            KmPackKind  kind)
{
  KmPackRecordLine line = { w->line, row, kind };

  if (w->map != NULL)
    g_array_append_val (w->map->record_lines, line);
}

static gboolean
is_value_field (const KmPackField *f)
{
  return (f->flags & KM_PACK_FIELD_VALUE) != 0;
}

/* Writes the attributes of @row's fields that @want_value selects. */
static void
emit_attributes (Writer     *w,
                 KmPackKind  kind,
                 KmPackRow  *row,
                 gboolean    want_value)
{
  for (const KmPackField *f = kinds[kind].fields; f->column; f++)
    {
      const char *value;

      if ((f->flags & (KM_PACK_FIELD_ELEMENT | KM_PACK_FIELD_PARENT)) || is_value_field (f) != want_value)
        continue;
      if (!(value = km_pack_row_get (row, f->column)))
        continue;
      if (f->default_value != NULL && g_str_equal (value, f->default_value))
        continue;

      emit (w, " ");
      map_here (w, row, f->column);
      emit (w, f->xml_name);
      emit (w, "=\"");
      emit_escaped (w, value);
      emit (w, "\"");
    }
}

static void
emit_element (Writer     *w,
              const char *indent,
              KmPackRow  *row,
              const char *name,
              const char *column,
              const char *lang,
              gboolean    src)
{
  const char *value = km_pack_row_get (row, column);

  if (value == NULL)
    return;

  emit (w, indent);
  map_here (w, row, column);
  emit (w, "<");
  emit (w, name);
  if (lang != NULL)
    {
      emit (w, " xml:lang=\"");
      emit (w, lang);
      emit (w, "\"");
    }
  if (src)
    {
      emit (w, " src=\"");
      emit_escaped (w, value);
      emit (w, "\"/>\n");
      return;
    }
  emit (w, ">");
  emit_escaped (w, value);
  emit (w, "</");
  emit (w, name);
  emit (w, ">\n");
}

static void
emit_elements (Writer      *w,
               KmPackModel *self,
               const char  *indent,
               KmPackKind   kind,
               KmPackRow   *row,
               gboolean     want_value)
{
  for (const KmPackField *f = kinds[kind].fields; f->column; f++)
    {
      if (!(f->flags & KM_PACK_FIELD_ELEMENT) || is_value_field (f) != want_value)
        continue;

      emit_element (w, indent, row, f->xml_name, f->column, NULL, f->flags & KM_PACK_FIELD_SRC);
      if (f->flags & KM_PACK_FIELD_TRANSLATABLE)
        for (guint i = 0; i < self->langs->len; i++)
          {
            const char *lang = g_ptr_array_index (self->langs, i);
            g_autofree char *column = g_strconcat (f->column, ":", lang, NULL);

            emit_element (w, indent, row, f->xml_name, column, lang, f->flags & KM_PACK_FIELD_SRC);
          }
    }
}

static void
emit_record (Writer      *w,
             KmPackModel *self,
             KmPackKind   kind,
             KmPackRow   *row,
             const char  *element,
             const char  *indent)
{
  g_autofree char *inner = g_strconcat (indent, "  ", NULL);
  const KmPackField *key = km_pack_kind_get_key_field (kind);

  map_record (w, row, kind);
  emit (w, indent);
  map_here (w, row, key->column);
  emit (w, "<");
  emit (w, element);
  emit_attributes (w, kind, row, FALSE);
  emit (w, ">\n");
  emit_elements (w, self, inner, kind, row, FALSE);
  emit (w, indent);
  emit (w, "</");
  emit (w, element);
  emit (w, ">\n");
}

static void
emit_section (Writer      *w,
              KmPackModel *self,
              KmPackRow   *section)
{
  const char *id = km_pack_row_get (section, "id");
  GPtrArray *rows = self->rows[KM_PACK_KIND_FIGURES];
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  map_record (w, section, KM_PACK_KIND_SECTIONS);
  emit (w, "  ");
  map_here (w, section, "id");
  emit (w, "<section");
  emit_attributes (w, KM_PACK_KIND_SECTIONS, section, FALSE);
  emit (w, ">\n");
  emit_elements (w, self, "    ", KM_PACK_KIND_SECTIONS, section, FALSE);

  /* The figures in the order of their first rows, each with all its values. */
  for (guint i = 0; i < rows->len; i++)
    {
      KmPackRow *first = g_ptr_array_index (rows, i);
      const char *figure = km_pack_row_get (first, "figure");

      if (g_strcmp0 (km_pack_row_get (first, "section"), id) != 0 || figure == NULL ||
          g_hash_table_contains (done, figure))
        continue;
      g_hash_table_add (done, (gpointer)figure);

      map_record (w, first, KM_PACK_KIND_FIGURES);
      emit (w, "    ");
      map_here (w, first, "figure");
      emit (w, "<figure");
      emit_attributes (w, KM_PACK_KIND_FIGURES, first, FALSE);
      emit (w, ">\n");
      emit_elements (w, self, "      ", KM_PACK_KIND_FIGURES, first, FALSE);

      for (guint j = i; j < rows->len; j++)
        {
          KmPackRow *row = g_ptr_array_index (rows, j);

          if (g_strcmp0 (km_pack_row_get (row, "figure"), figure) != 0)
            continue;

          map_record (w, row, KM_PACK_KIND_FIGURES);
          emit (w, "      ");
          map_here (w, row, "amount");
          emit (w, "<value");
          emit_attributes (w, KM_PACK_KIND_FIGURES, row, TRUE);
          emit (w, ">\n");
          emit_elements (w, self, "        ", KM_PACK_KIND_FIGURES, row, TRUE);
          emit (w, "      </value>\n");
        }

      emit (w, "    </figure>\n");
    }

  emit (w, "  </section>\n");
}

/**
 * km_pack_model_write_xml:
 * @map: (nullable): filled with where each record and cell went
 *
 * Writes one of the pack's four files, always in the same form: records
 * in the model's order, attributes and elements in the order of the
 * format's documentation, translations sorted by language.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
km_pack_model_write_xml (KmPackModel       *self,
                         KmContentFileKind  file,
                         KmPackXmlMap      *map)
{
  Writer w = { g_string_new (NULL), 0, 1, map };

  emit (&w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

  switch (file)
    {
    case KM_CONTENT_FILE_SOURCES:
      emit (&w, "<sources>\n");
      for (guint i = 0; i < self->rows[KM_PACK_KIND_SOURCES]->len; i++)
        emit_record (&w, self, KM_PACK_KIND_SOURCES,
                     g_ptr_array_index (self->rows[KM_PACK_KIND_SOURCES], i), "source", "  ");
      emit (&w, "</sources>\n");
      break;

    case KM_CONTENT_FILE_EXHIBITS:
      emit (&w, "<exhibits>\n");
      for (guint i = 0; i < self->rows[KM_PACK_KIND_EXHIBITS]->len; i++)
        emit_record (&w, self, KM_PACK_KIND_EXHIBITS,
                     g_ptr_array_index (self->rows[KM_PACK_KIND_EXHIBITS], i), "exhibit", "  ");
      emit (&w, "</exhibits>\n");
      break;

    case KM_CONTENT_FILE_TIMELINE:
      emit (&w, "<timeline>\n");
      for (guint i = 0; i < self->rows[KM_PACK_KIND_ERAS]->len; i++)
        emit_record (&w, self, KM_PACK_KIND_ERAS,
                     g_ptr_array_index (self->rows[KM_PACK_KIND_ERAS], i), "era", "  ");
      for (guint i = 0; i < self->rows[KM_PACK_KIND_ENTRIES]->len; i++)
        emit_record (&w, self, KM_PACK_KIND_ENTRIES,
                     g_ptr_array_index (self->rows[KM_PACK_KIND_ENTRIES], i), "entry", "  ");
      emit (&w, "</timeline>\n");
      break;

    case KM_CONTENT_FILE_STATISTICS:
    default:
      emit (&w, "<statistics>\n");
      for (guint i = 0; i < self->rows[KM_PACK_KIND_SECTIONS]->len; i++)
        emit_section (&w, self, g_ptr_array_index (self->rows[KM_PACK_KIND_SECTIONS], i));
      if (self->rows[KM_PACK_KIND_RECOGNITIONS]->len > 0)
        {
          emit (&w, "  <recognitions>\n");
          for (guint i = 0; i < self->rows[KM_PACK_KIND_RECOGNITIONS]->len; i++)
            emit_record (&w, self, KM_PACK_KIND_RECOGNITIONS,
                         g_ptr_array_index (self->rows[KM_PACK_KIND_RECOGNITIONS], i),
                         "recognition", "    ");
          emit (&w, "  </recognitions>\n");
        }
      emit (&w, "</statistics>\n");
      break;
    }

  return g_string_free_to_bytes (w.out);
}

/* The map */

KmPackXmlMap *
km_pack_xml_map_new (void)
{
  KmPackXmlMap *map = g_new0 (KmPackXmlMap, 1);

  map->record_lines = g_array_new (FALSE, FALSE, sizeof (KmPackRecordLine));
  map->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return map;
}

void
km_pack_xml_map_free (KmPackXmlMap *map)
{
  if (map == NULL)
    return;

  g_array_unref (map->record_lines);
  g_hash_table_unref (map->cells);
  g_free (map);
}

/**
 * km_pack_xml_map_lookup:
 * @column_out: (out): the cell's column, or the record's key column when
 *   the position is not a cell
 *
 * Returns: (nullable): the row that wrote what is at @line, @column
 */
KmPackRow *
km_pack_xml_map_lookup (KmPackXmlMap  *map,
                        int            line,
                        int            column,
                        const char   **column_out)
{
  g_autofree char *key = g_strdup_printf ("%d:%d", line, column);
  KmPackCellRef *ref = g_hash_table_lookup (map->cells, key);
  const KmPackRecordLine *best = NULL;

  if (ref != NULL)
    {
      *column_out = ref->column;
      return ref->row;
    }

  for (guint i = 0; i < map->record_lines->len; i++)
    {
      const KmPackRecordLine *r = &g_array_index (map->record_lines, KmPackRecordLine, i);

      if (r->line > line)
        break;
      best = r;
    }

  if (best == NULL)
    return NULL;

  *column_out = km_pack_kind_get_key_field (best->kind)->column;
  return best->row;
}
