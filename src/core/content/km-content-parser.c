/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-content-parser"

#include "config.h"

#include <stddef.h>
#include <string.h>

#include "km-content-error.h"
#include "km-content-parser.h"
#include "km-content-private.h"

/* Parses the four files of a content pack (resources/content/README.md)
 * into records. It never stops at the first problem: every problem becomes
 * a KmContentError with the file, line and column it is about, and
 * km_content_parser_finish() then checks the references between files.
 * Only GLib and GIO, so the fuzzer can link it without GTK.
 */

struct _KmContentParser
{
  GObject     parent_instance;

  GFile      *base_dir;
  GPtrArray  *errors;

  GPtrArray  *sources;
  GPtrArray  *exhibits;
  GPtrArray  *eras;
  GPtrArray  *entries;
  GPtrArray  *sections;
  GPtrArray  *figures;
  GPtrArray  *recognitions;

  /* id → record, borrowed from the arrays above */
  GHashTable *source_ids;
  GHashTable *exhibit_ids;
  GHashTable *era_ids;
  GHashTable *entry_ids;
  GHashTable *section_ids;
  GHashTable *figure_ids;

  char       *display_names[KM_CONTENT_N_FILES];
  gboolean    file_ok[KM_CONTENT_N_FILES];
  gboolean    finished;

  KmContentParserExhibitFunc exhibit_func;
  gpointer                   exhibit_func_data;
};

G_DEFINE_FINAL_TYPE (KmContentParser, km_content_parser, G_TYPE_OBJECT)

typedef enum
{
  EL_ROOT,
  EL_SOURCE,
  EL_EXHIBIT,
  EL_ERA,
  EL_ENTRY,
  EL_SECTION,
  EL_FIGURE,
  EL_VALUE,
  EL_RECOGNITIONS,
  EL_RECOGNITION,
  EL_CAPTIONS,
  EL_TEXT,
} Element;

typedef struct
{
  const char *name;
  gsize       offset;        /* of the KmText * or char * in the record */
  guint       translatable : 1;
  guint       required : 1;
} TextField;

typedef struct
{
  const char *name;
  const char *value;
  KmPos       pos;
} Attr;

#define ATTR(name) { name, NULL, { 0, 0 } }

typedef struct
{
  KmContentParser   *self;
  KmContentFileKind  kind;
  const char        *display_name;
  const char        *data;
  gsize              len;
  GArray            *newlines;      /* gsize offsets of each '\n' */
  gsize              last_offset;   /* where the previous construct ended */
  GArray            *stack;         /* Element */
  guint              skip_depth;    /* > 0 inside an unknown element */
  gboolean           seen_root;
  gboolean           seen_recognitions;

  /* the start tag being handled */
  KmPos              tag_pos;
  GArray            *attr_pos;      /* KmPos of each attribute, in order */

  /* the records being built */
  GObject           *record;        /* innermost record with text fields */
  Element            record_element;
  KmSource          *source;
  KmExhibit         *exhibit;
  KmEra             *era;
  KmTimelineEntry   *entry;
  KmStatSection     *section;
  KmFigure          *figure;
  KmFigureValue     *value;
  KmRecognition     *recognition;

  /* the text element being read */
  const TextField   *field;
  GString           *text;
  char              *text_lang;     /* NULL for the English source */
  KmPos              text_pos;
} ParseState;

static const char * const file_names[KM_CONTENT_N_FILES] = {
  "sources.xml", "exhibits.xml", "timeline.xml", "statistics.xml",
};

static const char * const root_names[KM_CONTENT_N_FILES] = {
  "sources", "exhibits", "timeline", "statistics",
};

static const char * const units[] = {
  "people", "children", "families", "signatures", "votes", "organisations", NULL,
};

static const char * const terms[] = {
  "genocide", "massacre", "crime-against-humanity", "resolution-introduced", "tragedy",
  "recognised", NULL,
};

#define TEXT_FIELD(type, name, member, translatable, required) \
  { name, G_STRUCT_OFFSET (type, member), translatable, required }

static const TextField source_fields[] = {
  TEXT_FIELD (struct _KmSource, "title", title, FALSE, TRUE),
  TEXT_FIELD (struct _KmSource, "publisher", publisher, TRUE, TRUE),
  TEXT_FIELD (struct _KmSource, "description", description, TRUE, TRUE),
  TEXT_FIELD (struct _KmSource, "citation", citation, FALSE, TRUE),
  { .name = NULL }
};

static const TextField exhibit_fields[] = {
  TEXT_FIELD (struct _KmExhibit, "title", title, TRUE, TRUE),
  TEXT_FIELD (struct _KmExhibit, "caption", caption, TRUE, TRUE),
  TEXT_FIELD (struct _KmExhibit, "description", description, TRUE, TRUE),
  TEXT_FIELD (struct _KmExhibit, "alt", alt, TRUE, TRUE),
  TEXT_FIELD (struct _KmExhibit, "credit", credit, TRUE, TRUE),
  TEXT_FIELD (struct _KmExhibit, "rights", rights, TRUE, TRUE),
  TEXT_FIELD (struct _KmExhibit, "advisory", advisory, TRUE, FALSE),
  TEXT_FIELD (struct _KmExhibit, "transcript", transcript, TRUE, FALSE),
  TEXT_FIELD (struct _KmExhibit, "transcription", transcription, TRUE, FALSE),
  { .name = NULL }
};

static const TextField era_fields[] = {
  TEXT_FIELD (struct _KmEra, "title", title, TRUE, TRUE),
  { .name = NULL }
};

static const TextField entry_fields[] = {
  TEXT_FIELD (struct _KmTimelineEntry, "display-date", display_date, TRUE, FALSE),
  TEXT_FIELD (struct _KmTimelineEntry, "headline", headline, TRUE, TRUE),
  TEXT_FIELD (struct _KmTimelineEntry, "text", text, TRUE, TRUE),
  TEXT_FIELD (struct _KmTimelineEntry, "dated", dated, TRUE, FALSE),
  TEXT_FIELD (struct _KmTimelineEntry, "placed", placed, TRUE, FALSE),
  TEXT_FIELD (struct _KmTimelineEntry, "advisory", advisory, TRUE, FALSE),
  { .name = NULL }
};

static const TextField section_fields[] = {
  TEXT_FIELD (struct _KmStatSection, "title", title, TRUE, TRUE),
  TEXT_FIELD (struct _KmStatSection, "description", description, TRUE, FALSE),
  { .name = NULL }
};

static const TextField figure_fields[] = {
  TEXT_FIELD (struct _KmFigure, "label", label, TRUE, TRUE),
  TEXT_FIELD (struct _KmFigure, "why", why, TRUE, FALSE),
  { .name = NULL }
};

static const TextField value_fields[] = {
  TEXT_FIELD (struct _KmFigureValue, "note", note, TRUE, FALSE),
  { .name = NULL }
};

static const TextField recognition_fields[] = {
  TEXT_FIELD (struct _KmRecognition, "body", body, TRUE, TRUE),
  TEXT_FIELD (struct _KmRecognition, "region", region, TRUE, TRUE),
  { .name = NULL }
};

#undef TEXT_FIELD

static const char *
element_name (Element element)
{
  switch (element)
    {
    case EL_SOURCE: return "source";
    case EL_EXHIBIT: return "exhibit";
    case EL_ERA: return "era";
    case EL_ENTRY: return "entry";
    case EL_SECTION: return "section";
    case EL_FIGURE: return "figure";
    case EL_VALUE: return "value";
    case EL_RECOGNITIONS: return "recognitions";
    case EL_RECOGNITION: return "recognition";
    case EL_CAPTIONS: return "captions";
    case EL_ROOT:
    case EL_TEXT:
    default:
      return NULL;
    }
}

static const TextField *
fields_for_element (Element element)
{
  switch (element)
    {
    case EL_SOURCE: return source_fields;
    case EL_EXHIBIT: return exhibit_fields;
    case EL_ERA: return era_fields;
    case EL_ENTRY: return entry_fields;
    case EL_SECTION: return section_fields;
    case EL_FIGURE: return figure_fields;
    case EL_VALUE: return value_fields;
    case EL_RECOGNITION: return recognition_fields;
    case EL_ROOT:
    case EL_RECOGNITIONS:
    case EL_CAPTIONS:
    case EL_TEXT:
    default:
      return NULL;
    }
}

static void
add_error_valist (KmContentParser *self,
                  const char      *file,
                  KmPos            pos,
                  const char      *format,
                  va_list          args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_ptr_array_add (self->errors,
                   km_content_error_new (file, pos.line, pos.column, message));
}

static void G_GNUC_PRINTF (3, 4)
add_error (ParseState *st,
           KmPos       pos,
           const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  add_error_valist (st->self, st->display_name, pos, format, args);
  va_end (args);
}

static void G_GNUC_PRINTF (4, 5)
add_error_in (KmContentParser   *self,
              KmContentFileKind  kind,
              KmPos              pos,
              const char        *format,
              ...)
{
  va_list args;

  va_start (args, format);
  add_error_valist (self, self->display_names[kind], pos, format, args);
  va_end (args);
}

/* Positions. GMarkup reports where it stopped reading, counting bytes; we
 * report where a construct starts, counting characters, like editors do.
 */

static gsize
get_markup_offset (ParseState          *st,
                   GMarkupParseContext *context)
{
  int line = 0;
  int ch = 0;
  gsize offset;

  g_markup_parse_context_get_position (context, &line, &ch);

  /* GMarkup moves to line N + 1, char 1 on the '\n' that ends line N. */
  if (line <= 1)
    offset = ch > 0 ? (gsize)ch - 1 : 0;
  else if ((guint)line - 2 < st->newlines->len)
    offset = g_array_index (st->newlines, gsize, line - 2) + (ch > 0 ? (gsize)ch - 1 : 0);
  else
    offset = st->len;

  return MIN (offset, st->len);
}

static KmPos
get_pos_at (ParseState *st,
            gsize       offset)
{
  const gsize *nl = (const gsize *)(gpointer)st->newlines->data;
  guint lo = 0;
  guint hi = st->newlines->len;
  gsize line_start;
  KmPos pos;

  offset = MIN (offset, st->len);

  /* the number of newlines before offset */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (nl[mid] < offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  line_start = lo > 0 ? nl[lo - 1] + 1 : 0;
  pos.line = (int)MIN (lo + 1, (guint)G_MAXINT);
  pos.column = 1;

  for (gsize i = line_start; i < offset; i++)
    if (((guchar)st->data[i] & 0xC0) != 0x80)
      pos.column++;

  return pos;
}

static gboolean
is_xml_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Finds the '<' of the start tag GMarkup just read, and where each of its
 * attributes starts. GMarkup has checked the tag is well-formed.
 */
static void
locate_start_tag (ParseState *st)
{
  gsize p = st->last_offset;

  while (p < st->len && st->data[p] != '<')
    p++;

  st->tag_pos = get_pos_at (st, p);
  g_array_set_size (st->attr_pos, 0);

  p++;
  while (p < st->len && !is_xml_space (st->data[p]) && st->data[p] != '>' && st->data[p] != '/')
    p++;

  for (;;)
    {
      KmPos attr_pos;
      char quote;

      while (p < st->len && is_xml_space (st->data[p]))
        p++;

      if (p >= st->len || st->data[p] == '>' || st->data[p] == '/')
        break;

      attr_pos = get_pos_at (st, p);
      g_array_append_val (st->attr_pos, attr_pos);

      while (p < st->len && !is_xml_space (st->data[p]) && st->data[p] != '=' && st->data[p] != '>')
        p++;
      while (p < st->len && is_xml_space (st->data[p]))
        p++;
      if (p >= st->len || st->data[p] != '=')
        break;
      p++;
      while (p < st->len && is_xml_space (st->data[p]))
        p++;
      if (p >= st->len || (st->data[p] != '"' && st->data[p] != '\''))
        break;

      quote = st->data[p++];
      while (p < st->len && st->data[p] != quote)
        p++;
      p++;
    }
}

static KmPos
get_attr_pos (ParseState *st,
              guint       index)
{
  if (index < st->attr_pos->len)
    return g_array_index (st->attr_pos, KmPos, index);

  return st->tag_pos;
}

/* Text */

/* Collapses each run of whitespace to one space and trims; a blank line
 * separates paragraphs, which are joined with "\n\n".
 */
static char *
normalize_text (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean in_paragraph = FALSE;
  gboolean paragraph_ended = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *p = lines[i];
      gboolean blank = TRUE;

      for (const char *q = p; *q; q++)
        if (!is_xml_space (*q))
          blank = FALSE;

      if (blank)
        {
          if (in_paragraph)
            paragraph_ended = TRUE;
          continue;
        }

      while (*p)
        {
          const char *word;

          while (*p && is_xml_space (*p))
            p++;
          if (!*p)
            break;

          word = p;
          while (*p && !is_xml_space (*p))
            p++;

          if (paragraph_ended)
            g_string_append (out, "\n\n");
          else if (in_paragraph)
            g_string_append_c (out, ' ');

          g_string_append_len (out, word, p - word);
          in_paragraph = TRUE;
          paragraph_ended = FALSE;
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Attributes */

static gboolean
is_id (const char *id)
{
  if (id == NULL || *id == '\0')
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;

  return TRUE;
}

static gboolean
is_lang_code (const char *lang)
{
  if (lang == NULL || !g_ascii_isalpha (*lang))
    return FALSE;

  for (const char *p = lang; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == '@' || *p == '.'))
      return FALSE;

  return strlen (lang) < 32;
}

static gboolean
is_namespace_declaration (const char *name)
{
  return g_str_equal (name, "xmlns") || g_str_has_prefix (name, "xmlns:");
}

/* Fills @attrs (terminated by a NULL name) from the start tag, reporting
 * unknown and repeated attributes.
 */
static void
collect_attributes (ParseState  *st,
                    const char  *element,
                    const char **names,
                    const char **values,
                    Attr        *attrs)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      Attr *attr = NULL;

      if (is_namespace_declaration (names[i]))
        continue;

      for (Attr *a = attrs; a->name != NULL; a++)
        {
          if (g_str_equal (a->name, names[i]))
            {
              attr = a;
              break;
            }
        }

      if (attr == NULL)
        {
          add_error (st, get_attr_pos (st, i),
                     "unknown attribute “%s” on <%s>", names[i], element);
          continue;
        }

      if (attr->value != NULL)
        {
          add_error (st, get_attr_pos (st, i),
                     "attribute “%s” given twice on <%s>", names[i], element);
          continue;
        }

      attr->value = values[i];
      attr->pos = get_attr_pos (st, i);
    }
}

static gboolean
require_attribute (ParseState *st,
                   const char *element,
                   const Attr *attr)
{
  if (attr->value != NULL)
    return TRUE;

  add_error (st, st->tag_pos,
             "missing required attribute “%s” on <%s>", attr->name, element);

  return FALSE;
}

static char *
parse_id (ParseState *st,
          const char *element,
          const Attr *attr)
{
  if (!require_attribute (st, element, attr))
    return NULL;

  if (!is_id (attr->value))
    {
      add_error (st, attr->pos,
                 "invalid id “%s” on <%s>: use only a–z, 0–9 and “-”",
                 attr->value, element);
      return NULL;
    }

  return g_strdup (attr->value);
}

/* A reference to one id */
static char *
parse_ref (ParseState *st,
           const char *element,
           const Attr *attr)
{
  g_assert (attr->value != NULL);

  if (!is_id (attr->value))
    {
      add_error (st, attr->pos,
                 "invalid id “%s” in %s=“…” on <%s>: use only a–z, 0–9 and “-”",
                 attr->value, attr->name, element);
      return NULL;
    }

  return g_strdup (attr->value);
}

/* Registers @id in @table, reporting a duplicate. */
static void
register_id (ParseState *st,
             GHashTable *table,
             const char *kind,
             const char *id,
             KmPos       id_pos,
             gpointer    record,
             gsize       pos_offset)
{
  gpointer previous;

  if (id == NULL)
    return;

  if ((previous = g_hash_table_lookup (table, id)))
    {
      const KmPos *first = (const KmPos *)(gpointer)((guint8 *)previous + pos_offset);

      add_error (st, id_pos,
                 "duplicate %s id “%s”, first defined at line %d",
                 kind, id, first->line);
      return;
    }

  g_hash_table_insert (table, (gpointer)id, record);
}

static char **
parse_id_list (ParseState *st,
               const char *element,
               const Attr *attr,
               gboolean    required)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tokens = NULL;
  guint n = 0;

  if (attr->value == NULL)
    {
      if (required)
        require_attribute (st, element, attr);
      return g_new0 (char *, 1);
    }

  tokens = g_strsplit_set (attr->value, " \t\n\r", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (tokens[i][0] == '\0')
        continue;

      if (!is_id (tokens[i]))
        {
          add_error (st, attr->pos,
                     "invalid id “%s” in %s=“…” on <%s>: use only a–z, 0–9 and “-”",
                     tokens[i], attr->name, element);
          continue;
        }

      g_strv_builder_add (builder, tokens[i]);
      n++;
    }

  if (n == 0 && required)
    add_error (st, attr->pos,
               "%s=“…” on <%s> names nothing: give at least one id",
               attr->name, element);

  return g_strv_builder_end (builder);
}

static gboolean
parse_date (ParseState *st,
            const Attr *attr,
            KmDate     *out)
{
  g_autoptr(GError) error = NULL;

  if (attr->value == NULL)
    return FALSE;

  if (!km_date_parse (attr->value, out, &error))
    {
      add_error (st, attr->pos, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_approximate (ParseState *st,
                   const Attr *attr)
{
  if (attr->value == NULL || g_str_equal (attr->value, "no"))
    return FALSE;
  if (g_str_equal (attr->value, "yes"))
    return TRUE;

  add_error (st, attr->pos,
             "approximate=“%s”: write “yes” or “no”", attr->value);

  return FALSE;
}

static int
parse_enum (ParseState *st,
            const char *element,
            const Attr *attr,
            GType       enum_type,
            int         fallback)
{
  g_autofree char *nicks = NULL;
  int value;

  if (attr->value == NULL)
    return fallback;

  if (km_enum_from_nick (enum_type, attr->value, &value))
    return value;

  nicks = km_enum_dup_nicks (enum_type);
  add_error (st, attr->pos,
             "unknown %s “%s” on <%s>: use one of %s",
             attr->name, attr->value, element, nicks);

  return fallback;
}

static gboolean
parse_amount (ParseState *st,
              const Attr *attr,
              gint64     *out)
{
  guint64 amount = 0;
  const char *p;

  if (!require_attribute (st, "value", attr))
    return FALSE;

  for (p = attr->value; g_ascii_isdigit (*p); p++)
    {
      if (amount > ((guint64)G_MAXINT64 - 9) / 10)
        break;
      amount = amount * 10 + (guint64)(*p - '0');
    }

  if (p == attr->value || *p != '\0')
    {
      add_error (st, attr->pos,
                 "amount=“%s” is not a whole number: write digits only, like 613",
                 attr->value);
      return FALSE;
    }

  *out = (gint64)amount;

  return TRUE;
}

static gboolean
check_image_path (const char *path)
{
  g_auto(GStrv) segments = NULL;

  if (path == NULL || *path == '\0' || path[0] == '/' || strchr (path, '\\') != NULL ||
      strchr (path, ':') != NULL)
    return FALSE;

  segments = g_strsplit (path, "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    if (g_str_equal (segments[i], "..") || segments[i][0] == '\0')
      return FALSE;

  return TRUE;
}

static gboolean
is_in_list (const char * const *list,
            const char         *word)
{
  return word != NULL && g_strv_contains (list, word);
}

/* Records */

static void
push (ParseState *st,
      Element     element)
{
  g_array_append_val (st->stack, element);
}

static Element
top (ParseState *st)
{
  g_assert (st->stack->len > 0);

  return g_array_index (st->stack, Element, st->stack->len - 1);
}

static void
begin_record (ParseState *st,
              GObject    *record,
              Element     element)
{
  st->record = record;
  st->record_element = element;
  push (st, element);
}

static void
start_source (ParseState  *st,
              const char **names,
              const char **values)
{
  KmContentParser *self = st->self;
  KmSource *source = g_object_new (KM_TYPE_SOURCE, NULL);
  Attr attrs[] = { ATTR ("id"), ATTR ("kind"), ATTR ("published"), ATTR (NULL) };

  collect_attributes (st, "source", names, values, attrs);

  source->pos = st->tag_pos;
  source->id_pos = attrs[0].pos;
  source->id = parse_id (st, "source", &attrs[0]);
  if (require_attribute (st, "source", &attrs[1]))
    source->kind = parse_enum (st, "source", &attrs[1], KM_TYPE_SOURCE_KIND, 0);
  source->has_published = parse_date (st, &attrs[2], &source->published);

  g_ptr_array_add (self->sources, source);
  register_id (st, self->source_ids, "source", source->id, source->id_pos,
               source, G_STRUCT_OFFSET (struct _KmSource, id_pos));

  st->source = source;
  begin_record (st, G_OBJECT (source), EL_SOURCE);
}

/* A path inside the pack: relative, no "..". */
static void
parse_pack_path (ParseState  *st,
                 const Attr  *attr,
                 const char  *example,
                 char       **path,
                 GFile      **file)
{
  if (!check_image_path (attr->value))
    {
      add_error (st, attr->pos, "%s path “%s” must be relative and inside the pack, like %s",
                 attr->name, attr->value, example);
      return;
    }

  *path = g_strdup (attr->value);
  if (st->self->base_dir != NULL)
    *file = g_file_resolve_relative_path (st->self->base_dir, *path);
}

/* image= for a still exhibit; media= and an optional poster= (kept as the
 * exhibit's image, for its card) for video, audio and a PDF document.
 */
static void
parse_media_attributes (ParseState *st,
                        KmExhibit  *exhibit,
                        const Attr *kind,
                        const Attr *image,
                        const Attr *media,
                        const Attr *poster)
{
  gboolean av = exhibit->kind == KM_EXHIBIT_KIND_VIDEO || exhibit->kind == KM_EXHIBIT_KIND_AUDIO;

  if (kind->value == NULL)
    return;

  if (media->value != NULL && !av && exhibit->kind != KM_EXHIBIT_KIND_DOCUMENT)
    {
      add_error (st, media->pos, "media=“…” is for video, audio and document exhibits, not %s",
                 kind->value);
      return;
    }

  if (media->value == NULL && av)
    {
      require_attribute (st, "exhibit", media);
      return;
    }

  if (media->value == NULL)
    {
      if (poster->value != NULL)
        add_error (st, poster->pos, "poster=“…” is for exhibits with media=“…”: write image=“…”");

      exhibit->image_pos = image->pos;
      if (require_attribute (st, "exhibit", image))
        parse_pack_path (st, image, "images/candle.svg", &exhibit->image, &exhibit->image_file);
      return;
    }

  if (image->value != NULL)
    add_error (st, image->pos,
               "an exhibit with media=“…” names the picture for its card with poster=“…”, not image=“…”");

  exhibit->media_pos = media->pos;
  parse_pack_path (st, media, "media/talk.webm", &exhibit->media, &exhibit->media_file);

  exhibit->image_pos = poster->pos;
  if (poster->value != NULL)
    parse_pack_path (st, poster, "images/talk.jpg", &exhibit->image, &exhibit->image_file);
}

static void
start_captions (ParseState  *st,
                const char **names,
                const char **values)
{
  KmExhibit *exhibit = st->exhibit;
  Attr attrs[] = { ATTR ("xml:lang"), ATTR ("src"), ATTR (NULL) };
  g_autoptr(GFile) file = NULL;
  g_autofree char *src = NULL;
  g_autofree char *lang = NULL;
  KmCaptionTrack *track;

  collect_attributes (st, "captions", names, values, attrs);
  push (st, EL_CAPTIONS);

  if (exhibit->kind != KM_EXHIBIT_KIND_VIDEO && exhibit->kind != KM_EXHIBIT_KIND_AUDIO)
    {
      add_error (st, st->tag_pos, "<captions> is for video and audio exhibits");
      return;
    }

  if (attrs[0].value != NULL)
    {
      lang = km_text_normalize_lang (attrs[0].value);
      if (!is_lang_code (attrs[0].value))
        {
          add_error (st, attrs[0].pos, "invalid language code xml:lang=“%s” on <captions>",
                     attrs[0].value);
          return;
        }
      if (lang[0] == '\0' || g_str_equal (lang, "en"))
        g_clear_pointer (&lang, g_free);
    }

  if (!require_attribute (st, "captions", &attrs[1]))
    return;
  parse_pack_path (st, &attrs[1], "captions/talk.az.vtt", &src, &file);
  if (src == NULL)
    return;

  if (exhibit->captions == NULL)
    exhibit->captions = g_ptr_array_new_with_free_func ((GDestroyNotify)km_caption_track_free);

  for (guint i = 0; i < exhibit->captions->len; i++)
    {
      KmCaptionTrack *other = g_ptr_array_index (exhibit->captions, i);

      if (g_strcmp0 (other->lang, lang) == 0)
        {
          add_error (st, st->tag_pos, "duplicate <captions> for %s, first at line %d",
                     lang ? lang : "English", other->line);
          return;
        }
    }

  track = g_new0 (KmCaptionTrack, 1);
  track->lang = g_steal_pointer (&lang);
  track->src = g_steal_pointer (&src);
  track->file = g_steal_pointer (&file);
  track->line = st->tag_pos.line;
  track->column = st->tag_pos.column;
  g_ptr_array_add (exhibit->captions, track);
}

/* WCAG 1.2.1 and 1.2.2: a deaf or a blind visitor must get the content. */
static void
check_media_exhibit (ParseState *st,
                     KmExhibit  *exhibit)
{
  gboolean av = exhibit->kind == KM_EXHIBIT_KIND_VIDEO || exhibit->kind == KM_EXHIBIT_KIND_AUDIO;

  if (av && exhibit->media != NULL)
    {
      const char *what = exhibit->kind == KM_EXHIBIT_KIND_VIDEO ? "a video" : "an audio";

      if (km_exhibit_get_captions_file (exhibit, NULL) == NULL)
        add_error (st, exhibit->pos,
                   "%s exhibit needs English captions: add <captions src=“captions/….vtt”/>", what);
      if (exhibit->transcript == NULL)
        add_error (st, exhibit->pos, "%s exhibit needs a <transcript>", what);
    }

  if (!av && exhibit->transcript != NULL)
    add_error (st, exhibit->pos, "<transcript> is for video and audio exhibits; a document has <transcription>");
  if (!km_exhibit_is_pdf (exhibit) && exhibit->transcription != NULL)
    add_error (st, exhibit->pos, "<transcription> is for document exhibits with media=“…”");
}

static void
start_exhibit (ParseState  *st,
               const char **names,
               const char **values)
{
  KmContentParser *self = st->self;
  KmExhibit *exhibit = g_object_new (KM_TYPE_EXHIBIT, NULL);
  Attr attrs[] = {
    ATTR ("id"), ATTR ("kind"), ATTR ("image"), ATTR ("date"),
    ATTR ("approximate"), ATTR ("sources"), ATTR ("entries"),
    ATTR ("media"), ATTR ("poster"), ATTR (NULL)
  };

  collect_attributes (st, "exhibit", names, values, attrs);

  exhibit->pos = st->tag_pos;
  exhibit->id_pos = attrs[0].pos;
  exhibit->id = parse_id (st, "exhibit", &attrs[0]);
  if (require_attribute (st, "exhibit", &attrs[1]))
    exhibit->kind = parse_enum (st, "exhibit", &attrs[1], KM_TYPE_EXHIBIT_KIND, 0);

  parse_media_attributes (st, exhibit, &attrs[1], &attrs[2], &attrs[7], &attrs[8]);

  exhibit->has_date = parse_date (st, &attrs[3], &exhibit->date);
  exhibit->date.approximate = parse_approximate (st, &attrs[4]);
  exhibit->sources_pos = attrs[5].pos;
  exhibit->source_ids = parse_id_list (st, "exhibit", &attrs[5], TRUE);
  exhibit->entries_pos = attrs[6].pos;
  exhibit->entry_ids = parse_id_list (st, "exhibit", &attrs[6], FALSE);

  g_ptr_array_add (self->exhibits, exhibit);
  register_id (st, self->exhibit_ids, "exhibit", exhibit->id, exhibit->id_pos,
               exhibit, G_STRUCT_OFFSET (struct _KmExhibit, id_pos));

  st->exhibit = exhibit;
  begin_record (st, G_OBJECT (exhibit), EL_EXHIBIT);

  if (self->exhibit_func != NULL)
    self->exhibit_func (self, G_OBJECT (exhibit), self->exhibit_func_data);
}

static void
start_era (ParseState  *st,
           const char **names,
           const char **values)
{
  KmContentParser *self = st->self;
  KmEra *era = g_object_new (KM_TYPE_ERA, NULL);
  Attr attrs[] = { ATTR ("id"), ATTR ("start"), ATTR ("end"), ATTR (NULL) };
  gboolean has_start;
  gboolean has_end;

  collect_attributes (st, "era", names, values, attrs);

  era->pos = st->tag_pos;
  era->id_pos = attrs[0].pos;
  era->id = parse_id (st, "era", &attrs[0]);
  has_start = require_attribute (st, "era", &attrs[1]) && parse_date (st, &attrs[1], &era->start);
  has_end = require_attribute (st, "era", &attrs[2]) && parse_date (st, &attrs[2], &era->end);

  if (has_start && has_end && km_date_end_to_days (&era->end) < km_date_to_days (&era->start))
    add_error (st, attrs[2].pos, "era “%s” ends before it starts",
               era->id ? era->id : "");

  g_ptr_array_add (self->eras, era);
  register_id (st, self->era_ids, "era", era->id, era->id_pos,
               era, G_STRUCT_OFFSET (struct _KmEra, id_pos));

  st->era = era;
  begin_record (st, G_OBJECT (era), EL_ERA);
}

/* An entry is dated by a source, or says that its date is unknown
 * (date-status="unknown") and stands before or after a dated entry for a
 * reason it gives in <placed>. The rules that need the whole entry are
 * checked in end_entry().
 */
static void
start_entry (ParseState  *st,
             const char **names,
             const char **values)
{
  KmContentParser *self = st->self;
  KmTimelineEntry *entry = g_object_new (KM_TYPE_TIMELINE_ENTRY, NULL);
  Attr attrs[] = {
    ATTR ("id"), ATTR ("era"), ATTR ("date"), ATTR ("end"),
    ATTR ("approximate"), ATTR ("sources"), ATTR ("exhibits"),
    ATTR ("date-status"), ATTR ("date-source"), ATTR ("placed-before"), ATTR ("placed-after"),
    ATTR (NULL)
  };
  gboolean has_date;
  gboolean approximate;

  collect_attributes (st, "entry", names, values, attrs);

  entry->pos = st->tag_pos;
  entry->id_pos = attrs[0].pos;
  entry->index = self->entries->len;
  entry->id = parse_id (st, "entry", &attrs[0]);

  if (attrs[7].value == NULL || g_str_equal (attrs[7].value, "known"))
    entry->date_known = TRUE;
  else if (g_str_equal (attrs[7].value, "unknown"))
    entry->date_known = FALSE;
  else
    {
      add_error (st, attrs[7].pos,
                 "date-status=“%s”: write “known” or “unknown”", attrs[7].value);
      entry->date_known = TRUE;
    }

  entry->era_pos = attrs[1].pos;
  if (entry->date_known)
    {
      if (require_attribute (st, "entry", &attrs[1]))
        entry->era_id = parse_ref (st, "entry", &attrs[1]);

      has_date = require_attribute (st, "entry", &attrs[2]) && parse_date (st, &attrs[2], &entry->date);
      entry->has_end = parse_date (st, &attrs[3], &entry->end);
      approximate = parse_approximate (st, &attrs[4]);
      entry->date.approximate = approximate;
      entry->end.approximate = approximate;

      if (has_date && entry->has_end &&
          km_date_end_to_days (&entry->end) < km_date_to_days (&entry->date))
        add_error (st, attrs[3].pos, "entry “%s” ends before it starts",
                   entry->id ? entry->id : "");

      for (guint i = 9; i <= 10; i++)
        if (attrs[i].value != NULL)
          add_error (st, attrs[i].pos,
                     "%s=“…” places an entry of unknown date: a dated entry stands at its date",
                     attrs[i].name);

      entry->position = entry->date;
    }
  else
    {
      /* No date may slip in beside "unknown": the visitor would see it. */
      static const guint dated_only[] = { 1, 2, 3, 4 };

      for (guint i = 0; i < G_N_ELEMENTS (dated_only); i++)
        if (attrs[dated_only[i]].value != NULL)
          add_error (st, attrs[dated_only[i]].pos,
                     "%s=“…” on an entry with date-status=“unknown”: an entry of unknown date has no date%s",
                     attrs[dated_only[i]].name,
                     dated_only[i] == 1 ? " and no era (an era has dates)" : "");

      if (attrs[9].value != NULL && attrs[10].value != NULL)
        add_error (st, attrs[10].pos, "an entry stands either before or after another entry, not both");
      else if (attrs[9].value == NULL && attrs[10].value == NULL)
        add_error (st, st->tag_pos,
                   "entry “%s” has date-status=“unknown”: say where it stands with placed-before=“ENTRY” or placed-after=“ENTRY”",
                   entry->id ? entry->id : "");
      else
        {
          const Attr *placed = attrs[9].value != NULL ? &attrs[9] : &attrs[10];

          entry->placed_before = placed == &attrs[9];
          entry->placed_pos = placed->pos;
          entry->placed_anchor_id = parse_ref (st, "entry", placed);
        }
    }

  entry->date_source_pos = attrs[8].pos;
  if (attrs[8].value != NULL)
    entry->date_source_id = parse_ref (st, "entry", &attrs[8]);

  entry->sources_pos = attrs[5].pos;
  entry->source_ids = parse_id_list (st, "entry", &attrs[5], TRUE);
  entry->exhibits_pos = attrs[6].pos;
  entry->exhibit_ids = parse_id_list (st, "entry", &attrs[6], FALSE);

  g_ptr_array_add (self->entries, entry);
  register_id (st, self->entry_ids, "entry", entry->id, entry->id_pos,
               entry, G_STRUCT_OFFSET (struct _KmTimelineEntry, id_pos));

  st->entry = entry;
  begin_record (st, G_OBJECT (entry), EL_ENTRY);
}

/* The rules that tie a date to its source statement. */
static void
end_entry (ParseState      *st,
           KmTimelineEntry *entry)
{
  const char *id = entry->id != NULL ? entry->id : "";

  if (entry->date_known)
    {
      if (entry->placed != NULL)
        add_error (st, entry->pos,
                   "entry “%s” has a date, so it takes no <placed>: say what the source says about the date in <dated>",
                   id);
      if (entry->date.approximate && entry->dated == NULL)
        add_error (st, entry->pos,
                   "entry “%s” has an approximate date but no <dated>: say what the source says about the date, or use date-status=“unknown”",
                   id);
      if (entry->dated != NULL && entry->date_source_id == NULL)
        add_error (st, entry->pos,
                   "entry “%s” has a <dated> statement but no date-source=“SOURCE”: name the source it reports",
                   id);
    }
  else
    {
      if (entry->placed == NULL)
        add_error (st, entry->pos,
                   "entry “%s” has date-status=“unknown” but no <placed>: say why it stands where it does",
                   id);
      if (entry->date_source_id == NULL)
        add_error (st, entry->pos,
                   "entry “%s” has date-status=“unknown” but no date-source=“SOURCE”: name the source its placing rests on",
                   id);
      if (entry->dated != NULL)
        add_error (st, entry->pos,
                   "entry “%s” has no date, so it takes no <dated>: give the reason for its place in <placed>",
                   id);
      if (entry->display_date != NULL)
        add_error (st, entry->pos,
                   "entry “%s” has date-status=“unknown”, so it takes no <display-date>: it is shown as “date unknown”",
                   id);
    }

  /* The statement must come from a document the entry cites. */
  if (entry->date_source_id != NULL && entry->source_ids != NULL &&
      !g_strv_contains ((const char * const *) entry->source_ids, entry->date_source_id))
    add_error (st, entry->date_source_pos,
               "date-source=“%s” is not one of the entry’s sources", entry->date_source_id);
}

static void
start_section (ParseState  *st,
               const char **names,
               const char **values)
{
  KmContentParser *self = st->self;
  KmStatSection *section = g_object_new (KM_TYPE_STAT_SECTION, NULL);
  Attr attrs[] = { ATTR ("id"), ATTR ("chart"), ATTR (NULL) };

  collect_attributes (st, "section", names, values, attrs);

  section->pos = st->tag_pos;
  section->id_pos = attrs[0].pos;
  section->id = parse_id (st, "section", &attrs[0]);
  if (require_attribute (st, "section", &attrs[1]))
    section->chart = parse_enum (st, "section", &attrs[1], KM_TYPE_CHART_KIND, 0);

  g_ptr_array_add (self->sections, section);
  register_id (st, self->section_ids, "section", section->id, section->id_pos,
               section, G_STRUCT_OFFSET (struct _KmStatSection, id_pos));

  st->section = section;
  begin_record (st, G_OBJECT (section), EL_SECTION);
}

static void
start_figure (ParseState  *st,
              const char **names,
              const char **values)
{
  KmContentParser *self = st->self;
  KmFigure *figure = g_object_new (KM_TYPE_FIGURE, NULL);
  Attr attrs[] = { ATTR ("id"), ATTR ("unit"), ATTR ("role"), ATTR ("within"), ATTR (NULL) };

  g_assert (st->section != NULL);

  collect_attributes (st, "figure", names, values, attrs);

  figure->pos = st->tag_pos;
  figure->id_pos = attrs[0].pos;
  figure->id = parse_id (st, "figure", &attrs[0]);
  figure->section_id = g_strdup (st->section->id);

  if (require_attribute (st, "figure", &attrs[1]))
    {
      if (is_in_list (units, attrs[1].value))
        {
          figure->unit = g_strdup (attrs[1].value);
        }
      else
        {
          g_autofree char *list = g_strjoinv (", ", (char **)units);

          add_error (st, attrs[1].pos, "unknown unit “%s” on <figure>: use one of %s",
                     attrs[1].value, list);
        }
    }

  figure->role = parse_enum (st, "figure", &attrs[2], KM_TYPE_FIGURE_ROLE, KM_FIGURE_ROLE_NONE);

  figure->within_pos = attrs[3].pos;
  if (attrs[3].value != NULL)
    figure->within = parse_ref (st, "figure", &attrs[3]);

  g_ptr_array_add (self->figures, figure);
  g_list_store_append (st->section->figures, figure);
  register_id (st, self->figure_ids, "figure", figure->id, figure->id_pos,
               figure, G_STRUCT_OFFSET (struct _KmFigure, id_pos));

  st->figure = figure;
  begin_record (st, G_OBJECT (figure), EL_FIGURE);
}

static void
start_value (ParseState  *st,
             const char **names,
             const char **values)
{
  g_autoptr(KmFigureValue) value = g_object_new (KM_TYPE_FIGURE_VALUE, NULL);
  Attr attrs[] = {
    ATTR ("amount"), ATTR ("qualifier"), ATTR ("sources"), ATTR ("includes"), ATTR (NULL)
  };

  g_assert (st->figure != NULL);

  collect_attributes (st, "value", names, values, attrs);

  value->pos = st->tag_pos;
  parse_amount (st, &attrs[0], &value->amount);
  value->qualifier = parse_enum (st, "value", &attrs[1], KM_TYPE_QUALIFIER, KM_QUALIFIER_EXACT);

  value->sources_pos = attrs[2].value != NULL ? attrs[2].pos : st->tag_pos;
  if (attrs[2].value == NULL)
    {
      add_error (st, st->tag_pos,
                 "<value> has no sources=“…”: every figure value needs at least one source");
      value->source_ids = g_new0 (char *, 1);
    }
  else
    {
      value->source_ids = parse_id_list (st, "value", &attrs[2], TRUE);
    }

  value->includes_pos = attrs[3].pos;
  value->includes = parse_id_list (st, "value", &attrs[3], FALSE);

  g_list_store_append (st->figure->values, value);

  st->value = value;
  begin_record (st, G_OBJECT (value), EL_VALUE);
}

static void
start_recognition (ParseState  *st,
                   const char **names,
                   const char **values)
{
  KmContentParser *self = st->self;
  KmRecognition *recognition = g_object_new (KM_TYPE_RECOGNITION, NULL);
  Attr attrs[] = { ATTR ("source"), ATTR ("terms"), ATTR ("body-kind"), ATTR (NULL) };

  collect_attributes (st, "recognition", names, values, attrs);

  recognition->pos = st->tag_pos;
  recognition->source_pos = attrs[0].pos;
  if (require_attribute (st, "recognition", &attrs[0]))
    recognition->source_id = parse_ref (st, "recognition", &attrs[0]);

  recognition->terms = parse_id_list (st, "recognition", &attrs[1], TRUE);
  for (guint i = 0; recognition->terms[i] != NULL; i++)
    {
      if (!is_in_list (terms, recognition->terms[i]))
        {
          g_autofree char *list = g_strjoinv (", ", (char **)terms);

          add_error (st, attrs[1].pos, "unknown term “%s” on <recognition>: use one of %s",
                     recognition->terms[i], list);
        }
    }

  if (require_attribute (st, "recognition", &attrs[2]))
    recognition->body_kind = parse_enum (st, "recognition", &attrs[2], KM_TYPE_BODY_KIND, 0);

  g_ptr_array_add (self->recognitions, recognition);

  st->recognition = recognition;
  begin_record (st, G_OBJECT (recognition), EL_RECOGNITION);
}

static void
start_text (ParseState      *st,
            const TextField *field,
            const char     **names,
            const char     **values)
{
  Attr attrs[] = { ATTR ("comments"), ATTR ("xml:lang"), ATTR (NULL) };

  /* Untranslatable text knows no xml:lang */
  if (!field->translatable)
    attrs[1].name = NULL;

  collect_attributes (st, field->name, names, values, attrs);

  st->field = field;
  st->text_pos = st->tag_pos;
  g_string_truncate (st->text, 0);
  g_clear_pointer (&st->text_lang, g_free);

  if (attrs[1].name != NULL && attrs[1].value != NULL)
    {
      g_autofree char *lang = km_text_normalize_lang (attrs[1].value);

      if (!is_lang_code (attrs[1].value))
        add_error (st, attrs[1].pos, "invalid language code xml:lang=“%s” on <%s>",
                   attrs[1].value, field->name);
      else if (lang[0] != '\0')
        st->text_lang = g_steal_pointer (&lang);
    }

  push (st, EL_TEXT);
}

static void
end_text (ParseState *st)
{
  const TextField *field = st->field;
  g_autofree char *value = normalize_text (st->text->str);
  gpointer slot;

  g_assert (field != NULL);
  g_assert (st->record != NULL);

  slot = (guint8 *)st->record + field->offset;

  if (!field->translatable)
    {
      char **plain = slot;

      if (*plain != NULL)
        add_error (st, st->text_pos, "duplicate <%s> in <%s>",
                   field->name, element_name (st->record_element));
      else if (value[0] == '\0')
        add_error (st, st->text_pos, "<%s> is empty", field->name);
      else
        *plain = g_steal_pointer (&value);
    }
  else
    {
      KmText **text = slot;

      if (*text == NULL)
        *text = km_text_new ();

      if (km_text_has_lang (*text, st->text_lang))
        {
          if (st->text_lang == NULL)
            add_error (st, st->text_pos, "duplicate <%s> in <%s>",
                       field->name, element_name (st->record_element));
          else
            add_error (st, st->text_pos, "duplicate <%s xml:lang=“%s”> in <%s>",
                       field->name, st->text_lang, element_name (st->record_element));
        }
      else if (value[0] == '\0')
        {
          if (st->text_lang == NULL)
            add_error (st, st->text_pos, "<%s> is empty", field->name);
          else if (field->required)
            add_error (st, st->text_pos,
                       "empty translation of <%s> for xml:lang=“%s”: translate it or leave it out",
                       field->name, st->text_lang);

          /* An empty optional translation falls back to English. */
        }
      else
        {
          km_text_set (*text, st->text_lang, value);
        }
    }

  st->field = NULL;
  g_clear_pointer (&st->text_lang, g_free);
}

static void
check_text_fields (ParseState *st,
                   GObject    *record,
                   Element     element,
                   KmPos       pos)
{
  const TextField *fields = fields_for_element (element);

  for (const TextField *field = fields; field && field->name; field++)
    {
      gpointer slot = (guint8 *)record + field->offset;
      gboolean has_english;
      gboolean has_any;

      if (field->translatable)
        {
          KmText *text = *(KmText **)slot;
          g_auto(GStrv) langs = text ? km_text_dup_langs (text) : NULL;

          has_english = text != NULL && km_text_has_lang (text, NULL);
          has_any = langs != NULL && langs[0] != NULL;
        }
      else
        {
          has_english = has_any = *(char **)slot != NULL;
        }

      if (!has_english && has_any)
        add_error (st, pos, "<%s> in <%s> has translations but no English source",
                   field->name, element_name (element));
      else if (!has_english && field->required)
        add_error (st, pos, "missing required element <%s> in <%s>",
                   field->name, element_name (element));

      /* Keep the records simple for readers: absent means NULL. */
      if (field->translatable && !has_any)
        g_clear_pointer ((KmText **)slot, km_text_free);
    }
}

static void
end_record (ParseState *st,
            Element     element)
{
  switch (element)
    {
    case EL_SOURCE:
      check_text_fields (st, G_OBJECT (st->source), element, st->source->pos);
      st->source = NULL;
      break;

    case EL_EXHIBIT:
      check_text_fields (st, G_OBJECT (st->exhibit), element, st->exhibit->pos);
      check_media_exhibit (st, st->exhibit);
      st->exhibit = NULL;
      break;

    case EL_ERA:
      check_text_fields (st, G_OBJECT (st->era), element, st->era->pos);
      st->era = NULL;
      break;

    case EL_ENTRY:
      check_text_fields (st, G_OBJECT (st->entry), element, st->entry->pos);
      end_entry (st, st->entry);
      st->entry = NULL;
      break;

    case EL_SECTION:
      {
        GListModel *figures = G_LIST_MODEL (st->section->figures);
        guint n_figures = g_list_model_get_n_items (figures);
        guint n_totals = 0;

        check_text_fields (st, G_OBJECT (st->section), element, st->section->pos);

        for (guint i = 0; i < n_figures; i++)
          {
            g_autoptr(KmFigure) figure = g_list_model_get_item (figures, i);

            if (figure->role == KM_FIGURE_ROLE_TOTAL)
              n_totals++;
          }

        if (n_figures == 0)
          add_error (st, st->section->pos, "missing required element <figure> in <section>");
        else if (st->section->chart == KM_CHART_KIND_BREAKDOWN && n_totals != 1)
          add_error (st, st->section->pos,
                     "a breakdown needs exactly one figure with role=“total”, this one has %u",
                     n_totals);

        st->section = NULL;
      }
      break;

    case EL_FIGURE:
      check_text_fields (st, G_OBJECT (st->figure), element, st->figure->pos);
      if (g_list_model_get_n_items (G_LIST_MODEL (st->figure->values)) == 0)
        add_error (st, st->figure->pos, "missing required element <value> in <figure>");
      st->figure = NULL;
      break;

    case EL_VALUE:
      check_text_fields (st, G_OBJECT (st->value), element, st->value->pos);
      st->value = NULL;
      break;

    case EL_RECOGNITION:
      check_text_fields (st, G_OBJECT (st->recognition), element, st->recognition->pos);
      st->recognition = NULL;
      break;

    case EL_ROOT:
    case EL_RECOGNITIONS:
    case EL_TEXT:
    default:
      return;
    }

  /* The enclosing record takes the text fields again. */
  st->record = st->value ? G_OBJECT (st->value)
             : st->figure ? G_OBJECT (st->figure)
             : st->section ? G_OBJECT (st->section)
             : NULL;
  st->record_element = st->value ? EL_VALUE
                     : st->figure ? EL_FIGURE
                     : st->section ? EL_SECTION
                     : EL_ROOT;
}

/* GMarkup callbacks */

static void
skip_element (ParseState *st)
{
  st->skip_depth = 1;
}

static void
check_no_attributes (ParseState  *st,
                     const char  *element,
                     const char **names,
                     const char **values)
{
  Attr attrs[] = { ATTR (NULL) };

  collect_attributes (st, element, names, values, attrs);
}

static void
on_start_element (GMarkupParseContext  *context,
                  const char           *name,
                  const char          **names,
                  const char          **values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseState *st = user_data;
  Element parent;

  locate_start_tag (st);
  st->last_offset = get_markup_offset (st, context);

  if (st->skip_depth > 0)
    {
      st->skip_depth++;
      return;
    }

  if (st->stack->len == 0)
    {
      const char *root = root_names[st->kind];

      if (!g_str_equal (name, root))
        {
          add_error (st, st->tag_pos, "expected <%s> as the root element of %s, not <%s>",
                     root, file_names[st->kind], name);
          skip_element (st);
          return;
        }

      check_no_attributes (st, name, names, values);
      st->seen_root = TRUE;
      push (st, EL_ROOT);
      return;
    }

  parent = top (st);

  switch (parent)
    {
    case EL_ROOT:
      if (st->kind == KM_CONTENT_FILE_SOURCES && g_str_equal (name, "source"))
        {
          start_source (st, names, values);
          return;
        }
      if (st->kind == KM_CONTENT_FILE_EXHIBITS && g_str_equal (name, "exhibit"))
        {
          start_exhibit (st, names, values);
          return;
        }
      if (st->kind == KM_CONTENT_FILE_TIMELINE && g_str_equal (name, "era"))
        {
          start_era (st, names, values);
          return;
        }
      if (st->kind == KM_CONTENT_FILE_TIMELINE && g_str_equal (name, "entry"))
        {
          start_entry (st, names, values);
          return;
        }
      if (st->kind == KM_CONTENT_FILE_STATISTICS && g_str_equal (name, "section"))
        {
          start_section (st, names, values);
          return;
        }
      if (st->kind == KM_CONTENT_FILE_STATISTICS && g_str_equal (name, "recognitions"))
        {
          if (st->seen_recognitions)
            add_error (st, st->tag_pos, "duplicate <recognitions>: put every <recognition> in one");
          st->seen_recognitions = TRUE;
          check_no_attributes (st, name, names, values);
          push (st, EL_RECOGNITIONS);
          return;
        }
      break;

    case EL_SECTION:
      if (g_str_equal (name, "figure"))
        {
          start_figure (st, names, values);
          return;
        }
      break;

    case EL_FIGURE:
      if (g_str_equal (name, "value"))
        {
          start_value (st, names, values);
          return;
        }
      break;

    case EL_RECOGNITIONS:
      if (g_str_equal (name, "recognition"))
        {
          start_recognition (st, names, values);
          return;
        }
      break;

    case EL_EXHIBIT:
      if (g_str_equal (name, "captions"))
        {
          start_captions (st, names, values);
          return;
        }
      break;

    case EL_TEXT:
      add_error (st, st->tag_pos, "unexpected element <%s> inside <%s>: text holds no markup",
                 name, st->field->name);
      skip_element (st);
      return;

    case EL_SOURCE:
    case EL_CAPTIONS:
    case EL_ERA:
    case EL_ENTRY:
    case EL_VALUE:
    case EL_RECOGNITION:
    default:
      break;
    }

  if (parent != EL_ROOT && parent != EL_RECOGNITIONS)
    {
      for (const TextField *field = fields_for_element (parent); field && field->name; field++)
        {
          if (g_str_equal (field->name, name))
            {
              start_text (st, field, names, values);
              return;
            }
        }
    }

  add_error (st, st->tag_pos, "unknown element <%s> in <%s>", name,
             parent == EL_ROOT ? root_names[st->kind] : element_name (parent));
  skip_element (st);
}

static void
on_end_element (GMarkupParseContext  *context,
                const char           *name,
                gpointer              user_data,
                GError              **error)
{
  ParseState *st = user_data;
  Element element;

  st->last_offset = get_markup_offset (st, context);

  if (st->skip_depth > 0)
    {
      st->skip_depth--;
      return;
    }

  g_assert (st->stack->len > 0);

  element = top (st);
  g_array_set_size (st->stack, st->stack->len - 1);

  if (element == EL_TEXT)
    end_text (st);
  else
    end_record (st, element);
}

static void
on_text (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  ParseState *st = user_data;
  gsize start = st->last_offset;

  st->last_offset = get_markup_offset (st, context);

  if (st->skip_depth > 0 || st->stack->len == 0)
    return;

  if (top (st) == EL_TEXT)
    {
      g_string_append_len (st->text, text, text_len);
      return;
    }

  for (gsize i = 0; i < text_len; i++)
    {
      if (!is_xml_space (text[i]))
        {
          Element element = top (st);

          while (start < st->len && is_xml_space (st->data[start]))
            start++;

          add_error (st, get_pos_at (st, start), "unexpected text in <%s>",
                     element == EL_ROOT ? root_names[st->kind] : element_name (element));
          return;
        }
    }
}

static void
on_passthrough (GMarkupParseContext  *context,
                const char           *text,
                gsize                 text_len,
                gpointer              user_data,
                GError              **error)
{
  ParseState *st = user_data;

  st->last_offset = get_markup_offset (st, context);
}

static const GMarkupParser markup_parser = {
  on_start_element,
  on_end_element,
  on_text,
  on_passthrough,
  NULL,
};

/* Cross-references */

static void
check_refs (KmContentParser    *self,
            KmContentFileKind   kind,
            const char         *element,
            const char * const *ids,
            KmPos               pos,
            GHashTable         *table,
            KmContentFileKind   table_kind,
            const char         *what)
{
  /* A broken file would only add noise. */
  if (!self->file_ok[table_kind] || ids == NULL)
    return;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (!g_hash_table_contains (table, ids[i]))
        add_error_in (self, kind, pos, "<%s> refers to undefined %s “%s”",
                      element, what, ids[i]);
    }
}

static void
check_ref (KmContentParser   *self,
           KmContentFileKind  kind,
           const char        *element,
           const char        *id,
           KmPos              pos,
           GHashTable        *table,
           KmContentFileKind  table_kind,
           const char        *what)
{
  const char *ids[] = { id, NULL };

  if (id != NULL)
    check_refs (self, kind, element, ids, pos, table, table_kind, what);
}

static void
check_cross_references (KmContentParser *self)
{
  for (guint i = 0; i < self->exhibits->len; i++)
    {
      KmExhibit *exhibit = g_ptr_array_index (self->exhibits, i);

      check_refs (self, KM_CONTENT_FILE_EXHIBITS, "exhibit",
                  (const char * const *)exhibit->source_ids, exhibit->sources_pos,
                  self->source_ids, KM_CONTENT_FILE_SOURCES, "source");
      check_refs (self, KM_CONTENT_FILE_EXHIBITS, "exhibit",
                  (const char * const *)exhibit->entry_ids, exhibit->entries_pos,
                  self->entry_ids, KM_CONTENT_FILE_TIMELINE, "entry");
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      KmTimelineEntry *entry = g_ptr_array_index (self->entries, i);

      check_ref (self, KM_CONTENT_FILE_TIMELINE, "entry", entry->era_id, entry->era_pos,
                 self->era_ids, KM_CONTENT_FILE_TIMELINE, "era");
      check_ref (self, KM_CONTENT_FILE_TIMELINE, "entry", entry->placed_anchor_id, entry->placed_pos,
                 self->entry_ids, KM_CONTENT_FILE_TIMELINE, "entry");

      /* Placed next to a dated entry, so that every undated one has a
       * place on the time scale and no chain can loop.
       */
      if (entry->placed_anchor_id != NULL)
        {
          KmTimelineEntry *anchor = g_hash_table_lookup (self->entry_ids, entry->placed_anchor_id);

          if (anchor != NULL && !anchor->date_known)
            add_error_in (self, KM_CONTENT_FILE_TIMELINE, entry->placed_pos,
                          "entry “%s” is placed next to “%s”, whose date is unknown too: place it next to a dated entry",
                          entry->id ? entry->id : "", entry->placed_anchor_id);
          else if (anchor != NULL)
            entry->position = anchor->date;
        }
      check_refs (self, KM_CONTENT_FILE_TIMELINE, "entry",
                  (const char * const *)entry->source_ids, entry->sources_pos,
                  self->source_ids, KM_CONTENT_FILE_SOURCES, "source");
      check_refs (self, KM_CONTENT_FILE_TIMELINE, "entry",
                  (const char * const *)entry->exhibit_ids, entry->exhibits_pos,
                  self->exhibit_ids, KM_CONTENT_FILE_EXHIBITS, "exhibit");
    }

  for (guint i = 0; i < self->figures->len; i++)
    {
      KmFigure *figure = g_ptr_array_index (self->figures, i);
      GListModel *values = G_LIST_MODEL (figure->values);
      KmFigure *within;

      check_ref (self, KM_CONTENT_FILE_STATISTICS, "figure", figure->within, figure->within_pos,
                 self->figure_ids, KM_CONTENT_FILE_STATISTICS, "figure");

      if (figure->within != NULL &&
          (within = g_hash_table_lookup (self->figure_ids, figure->within)) &&
          g_strcmp0 (within->section_id, figure->section_id) != 0)
        add_error_in (self, KM_CONTENT_FILE_STATISTICS, figure->within_pos,
                      "within=“%s” names a figure of another section", figure->within);

      if (g_strcmp0 (figure->within, figure->id) == 0 && figure->id != NULL)
        add_error_in (self, KM_CONTENT_FILE_STATISTICS, figure->within_pos,
                      "figure “%s” cannot be within itself", figure->id);

      for (guint j = 0; j < g_list_model_get_n_items (values); j++)
        {
          g_autoptr(KmFigureValue) value = g_list_model_get_item (values, j);

          check_refs (self, KM_CONTENT_FILE_STATISTICS, "value",
                      (const char * const *)value->source_ids, value->sources_pos,
                      self->source_ids, KM_CONTENT_FILE_SOURCES, "source");
          check_refs (self, KM_CONTENT_FILE_STATISTICS, "value",
                      (const char * const *)value->includes, value->includes_pos,
                      self->figure_ids, KM_CONTENT_FILE_STATISTICS, "figure");
        }
    }

  for (guint i = 0; i < self->recognitions->len; i++)
    {
      KmRecognition *recognition = g_ptr_array_index (self->recognitions, i);

      check_ref (self, KM_CONTENT_FILE_STATISTICS, "recognition",
                 recognition->source_id, recognition->source_pos,
                 self->source_ids, KM_CONTENT_FILE_SOURCES, "source");
    }
}

/* GObject */

static void
km_content_parser_finalize (GObject *object)
{
  KmContentParser *self = (KmContentParser *)object;

  g_clear_object (&self->base_dir);
  g_clear_pointer (&self->errors, g_ptr_array_unref);

  g_clear_pointer (&self->source_ids, g_hash_table_unref);
  g_clear_pointer (&self->exhibit_ids, g_hash_table_unref);
  g_clear_pointer (&self->era_ids, g_hash_table_unref);
  g_clear_pointer (&self->entry_ids, g_hash_table_unref);
  g_clear_pointer (&self->section_ids, g_hash_table_unref);
  g_clear_pointer (&self->figure_ids, g_hash_table_unref);

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->exhibits, g_ptr_array_unref);
  g_clear_pointer (&self->eras, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_clear_pointer (&self->recognitions, g_ptr_array_unref);

  for (guint i = 0; i < KM_CONTENT_N_FILES; i++)
    g_clear_pointer (&self->display_names[i], g_free);

  G_OBJECT_CLASS (km_content_parser_parent_class)->finalize (object);
}

static void
km_content_parser_class_init (KmContentParserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_content_parser_finalize;
}

static void
km_content_parser_init (KmContentParser *self)
{
  self->errors = g_ptr_array_new_with_free_func ((GDestroyNotify)km_content_error_free);

  self->sources = g_ptr_array_new_with_free_func (g_object_unref);
  self->exhibits = g_ptr_array_new_with_free_func (g_object_unref);
  self->eras = g_ptr_array_new_with_free_func (g_object_unref);
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->sections = g_ptr_array_new_with_free_func (g_object_unref);
  self->figures = g_ptr_array_new_with_free_func (g_object_unref);
  self->recognitions = g_ptr_array_new_with_free_func (g_object_unref);

  self->source_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->exhibit_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->era_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->entry_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->section_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->figure_ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < KM_CONTENT_N_FILES; i++)
    self->display_names[i] = g_strdup (file_names[i]);
}

/**
 * km_content_file_kind_get_filename:
 * @kind: a #KmContentFileKind
 *
 * Returns: the name of the file of @kind in a pack, e.g. "sources.xml"
 */
const char *
km_content_file_kind_get_filename (KmContentFileKind kind)
{
  g_return_val_if_fail (kind < KM_CONTENT_N_FILES, NULL);

  return file_names[kind];
}

/**
 * km_content_parser_new:
 * @base_dir: (nullable): the pack folder exhibit images resolve against
 *
 * Returns: (transfer full): a new parser
 */
KmContentParser *
km_content_parser_new (GFile *base_dir)
{
  KmContentParser *self;

  g_return_val_if_fail (base_dir == NULL || G_IS_FILE (base_dir), NULL);

  self = g_object_new (KM_TYPE_CONTENT_PARSER, NULL);
  g_set_object (&self->base_dir, base_dir);

  return self;
}

/**
 * km_content_parser_get_base_dir:
 * @self: a #KmContentParser
 *
 * Returns: (transfer none) (nullable): the pack folder
 */
GFile *
km_content_parser_get_base_dir (KmContentParser *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_PARSER (self), NULL);

  return self->base_dir;
}

/**
 * km_content_parser_parse_bytes:
 * @self: a #KmContentParser
 * @kind: which of the four files @bytes holds
 * @bytes: the file contents
 * @display_name: (nullable): the name errors give the file, by default
 *   the file name of @kind
 *
 * Parses one file, adding a record for each element and an error for
 * each problem found. Malformed XML stops the parse of that file only.
 *
 * Returns: whether the file had no problems
 */
gboolean
km_content_parser_parse_bytes (KmContentParser   *self,
                               KmContentFileKind  kind,
                               GBytes            *bytes,
                               const char        *display_name)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  ParseState st = { 0 };
  const char *invalid = NULL;
  guint n_errors;
  gboolean ok;

  g_return_val_if_fail (KM_IS_CONTENT_PARSER (self), FALSE);
  g_return_val_if_fail (kind < KM_CONTENT_N_FILES, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  if (display_name != NULL)
    {
      g_free (self->display_names[kind]);
      self->display_names[kind] = g_strdup (display_name);
    }

  n_errors = self->errors->len;

  st.self = self;
  st.kind = kind;
  st.display_name = self->display_names[kind];
  st.data = g_bytes_get_data (bytes, &st.len);
  if (st.data == NULL)
    st.data = "";
  st.newlines = g_array_new (FALSE, FALSE, sizeof (gsize));
  st.stack = g_array_new (FALSE, FALSE, sizeof (Element));
  st.attr_pos = g_array_new (FALSE, FALSE, sizeof (KmPos));
  st.text = g_string_new (NULL);
  st.record_element = EL_ROOT;

  for (gsize i = 0; i < st.len; i++)
    if (st.data[i] == '\n')
      g_array_append_val (st.newlines, i);

  context = g_markup_parse_context_new (&markup_parser,
                                        G_MARKUP_TREAT_CDATA_AS_TEXT,
                                        &st, NULL);

  /* GMarkup (2.74) reports invalid UTF-8 in comments and processing
   * instructions but goes on parsing, and then sets its GError twice.
   */
  if (!g_utf8_validate_len (st.data, st.len, &invalid))
    {
      add_error (&st, get_pos_at (&st, invalid - st.data),
                 "not valid UTF-8: content files must be encoded in UTF-8");
      ok = FALSE;
    }
  else if (!(ok = g_markup_parse_context_parse (context, st.data, st.len, &error) &&
                  g_markup_parse_context_end_parse (context, &error)))
    {
      const char *message = error->message;
      const char *colon;

      /* GMarkup says "Error on line 2 char 16: …"; we give the position */
      if (g_str_has_prefix (message, "Error on line ") && (colon = strstr (message, ": ")))
        message = colon + 2;

      add_error (&st, get_pos_at (&st, get_markup_offset (&st, context)),
                 "malformed XML: %s", message);
    }
  else if (!st.seen_root)
    {
      add_error (&st, (KmPos) { 0, 0 }, "no <%s> root element", root_names[kind]);
    }

  /* A parse stopped early leaves records half built, still in the arrays. */
  self->file_ok[kind] = ok && st.seen_root;

  g_array_unref (st.newlines);
  g_array_unref (st.stack);
  g_array_unref (st.attr_pos);
  g_string_free (st.text, TRUE);
  g_free (st.text_lang);

  return self->errors->len == n_errors;
}

/**
 * km_content_parser_add_error:
 * @self: a #KmContentParser
 * @file: the file, relative to the pack
 * @line: 1-based line, or 0
 * @column: 1-based column, or 0
 * @message: what is wrong
 *
 * Adds a problem found outside the parser, such as a missing file or an
 * image that does not decode.
 */
void
km_content_parser_add_error (KmContentParser *self,
                             const char      *file,
                             int              line,
                             int              column,
                             const char      *message)
{
  g_return_if_fail (KM_IS_CONTENT_PARSER (self));

  g_ptr_array_add (self->errors, km_content_error_new (file, line, column, message));
}

/**
 * km_content_parser_finish:
 * @self: a #KmContentParser
 *
 * Checks the references between files once all are parsed.
 *
 * Returns: whether the content has no problems at all
 */
gboolean
km_content_parser_finish (KmContentParser *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_PARSER (self), FALSE);

  if (!self->finished)
    {
      self->finished = TRUE;
      check_cross_references (self);
    }

  return self->errors->len == 0;
}

/**
 * km_content_parser_get_errors:
 * @self: a #KmContentParser
 *
 * Returns: (transfer none) (element-type KmContentError): the problems
 *   found so far, in the order found
 */
GPtrArray *
km_content_parser_get_errors (KmContentParser *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_PARSER (self), NULL);

  return self->errors;
}

/**
 * km_content_parser_get_sources:
 * @self: a #KmContentParser
 *
 * Returns: (transfer none) (element-type KmSource): the sources, in file order
 */
GPtrArray *
km_content_parser_get_sources (KmContentParser *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_PARSER (self), NULL);

  return self->sources;
}

/**
 * km_content_parser_set_exhibit_func:
 * @func: (nullable): called with each exhibit as its start tag is read
 *
 * Lets the checks of an exhibit's files start while the rest of the pack
 * is parsed (#19).
 */
void
km_content_parser_set_exhibit_func (KmContentParser            *self,
                                    KmContentParserExhibitFunc  func,
                                    gpointer                    user_data)
{
  g_return_if_fail (KM_IS_CONTENT_PARSER (self));

  self->exhibit_func = func;
  self->exhibit_func_data = user_data;
}

/**
 * km_content_parser_get_exhibits:
 * @self: a #KmContentParser
 *
 * Returns: (transfer none) (element-type KmExhibit): the exhibits, in file order
 */
GPtrArray *
km_content_parser_get_exhibits (KmContentParser *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_PARSER (self), NULL);

  return self->exhibits;
}

/**
 * km_content_parser_get_eras:
 * @self: a #KmContentParser
 *
 * Returns: (transfer none) (element-type KmEra): the eras, in file order
 */
GPtrArray *
km_content_parser_get_eras (KmContentParser *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_PARSER (self), NULL);

  return self->eras;
}

/**
 * km_content_parser_get_entries:
 * @self: a #KmContentParser
 *
 * Returns: (transfer none) (element-type KmTimelineEntry): the timeline
 *   entries, in file order
 */
GPtrArray *
km_content_parser_get_entries (KmContentParser *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_PARSER (self), NULL);

  return self->entries;
}

/**
 * km_content_parser_get_sections:
 * @self: a #KmContentParser
 *
 * Returns: (transfer none) (element-type KmStatSection): the statistics
 *   sections, in file order
 */
GPtrArray *
km_content_parser_get_sections (KmContentParser *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_PARSER (self), NULL);

  return self->sections;
}

/**
 * km_content_parser_get_figures:
 * @self: a #KmContentParser
 *
 * Returns: (transfer none) (element-type KmFigure): the figures of all
 *   sections, in file order
 */
GPtrArray *
km_content_parser_get_figures (KmContentParser *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_PARSER (self), NULL);

  return self->figures;
}

/**
 * km_content_parser_get_recognitions:
 * @self: a #KmContentParser
 *
 * Returns: (transfer none) (element-type KmRecognition): the recognitions,
 *   in file order
 */
GPtrArray *
km_content_parser_get_recognitions (KmContentParser *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_PARSER (self), NULL);

  return self->recognitions;
}
