/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-content-parser.h"
#include "km-content-store.h"

G_BEGIN_DECLS

/* The pack tool's view of a content pack: one table of rows per kind of
 * record, the rows holding the cells a CSV file has ("title",
 * "title:az"). The tables are filled from a loaded KmContentStore (so the
 * pack is read by the same parser the application uses) and written back
 * as XML in one canonical form.
 */

typedef enum
{
  KM_PACK_KIND_SOURCES,
  KM_PACK_KIND_EXHIBITS,
  KM_PACK_KIND_ERAS,
  KM_PACK_KIND_ENTRIES,
  KM_PACK_KIND_SECTIONS,
  KM_PACK_KIND_FIGURES,
  KM_PACK_KIND_RECOGNITIONS,
  KM_PACK_N_KINDS
} KmPackKind;

typedef enum
{
  KM_PACK_VALUE_TEXT,
  KM_PACK_VALUE_ID,
  KM_PACK_VALUE_DATE,
  KM_PACK_VALUE_YES_NO,
  KM_PACK_VALUE_ENUM,     /* one nick of enum_type */
  KM_PACK_VALUE_WORD,     /* one of words */
  KM_PACK_VALUE_WORDS,    /* one or more of words, space-separated */
  KM_PACK_VALUE_REF,      /* the id of a ref_kind record */
  KM_PACK_VALUE_REFS,     /* ids of ref_kind records, space-separated */
  KM_PACK_VALUE_AMOUNT,
  KM_PACK_VALUE_PATH,     /* a file inside the pack */
} KmPackValueType;

typedef enum
{
  KM_PACK_FIELD_ELEMENT      = 1 << 0, /* a text element, else an attribute */
  KM_PACK_FIELD_TRANSLATABLE = 1 << 1,
  KM_PACK_FIELD_REQUIRED     = 1 << 2,
  KM_PACK_FIELD_KEY          = 1 << 3, /* identifies the record */
  KM_PACK_FIELD_VALUE        = 1 << 4, /* figures: belongs to the <value> */
  KM_PACK_FIELD_PARENT       = 1 << 5, /* figures: the <section> it is in */
  KM_PACK_FIELD_SRC          = 1 << 6, /* an empty element, the value in its src= (captions) */
} KmPackFieldFlags;

typedef struct
{
  const char         *column;
  const char         *xml_name;
  KmPackValueType     type;
  KmPackFieldFlags    flags;
  KmPackKind          ref_kind;
  GType             (*enum_type) (void);
  const char * const *words;
  const char         *default_value;   /* written as nothing */
} KmPackField;

typedef struct
{
  const char        *name;     /* the CSV file is NAME.csv */
  const char        *noun;     /* "exhibit", for messages */
  const char        *title;    /* "Exhibits", for reports */
  const KmPackField *fields;   /* ends with a NULL column */
} KmPackKindInfo;

typedef struct
{
  GHashTable *cells;           /* column → value, never empty strings */
  char       *origin;          /* the CSV file the row came from, NULL: from the pack */
  int         origin_row;      /* spreadsheet row, header = 1 */
  GHashTable *origin_columns;  /* column → GINT_TO_POINTER (1-based spreadsheet column) */
} KmPackRow;

typedef struct
{
  GPtrArray *rows[KM_PACK_N_KINDS];
  GPtrArray *langs;            /* translation languages, sorted, no English */
} KmPackModel;

/* Where the writer put each record and cell, to point validator errors
 * back at the spreadsheet cell they came from.
 */
typedef struct
{
  GArray     *record_lines;    /* KmPackRecordLine, by line */
  GHashTable *cells;           /* "LINE:COLUMN" → KmPackCellRef */
} KmPackXmlMap;

typedef struct
{
  int        line;
  KmPackRow *row;
  KmPackKind kind;
} KmPackRecordLine;

typedef struct
{
  KmPackRow  *row;
  const char *column;
} KmPackCellRef;

extern const char * const km_pack_project_langs[];

const KmPackKindInfo *km_pack_kind_get_info          (KmPackKind          kind);
gboolean              km_pack_kind_from_name         (const char         *name,
                                                      KmPackKind         *kind);
const KmPackField    *km_pack_kind_lookup_field      (KmPackKind          kind,
                                                      const char         *column,
                                                      char              **lang_out);
const KmPackField    *km_pack_kind_get_key_field     (KmPackKind          kind);
KmContentFileKind     km_pack_kind_get_file          (KmPackKind          kind);

KmPackRow            *km_pack_row_new                (void);
void                  km_pack_row_free               (KmPackRow          *row);
const char           *km_pack_row_get                (KmPackRow          *row,
                                                      const char         *column);
void                  km_pack_row_set                (KmPackRow          *row,
                                                      const char         *column,
                                                      const char         *value);
char                 *km_pack_row_dup_key            (KmPackKind          kind,
                                                      KmPackRow          *row);

KmPackModel          *km_pack_model_new              (void);
void                  km_pack_model_free             (KmPackModel        *self);
KmPackModel          *km_pack_model_load             (GFile              *dir,
                                                      KmContentLoadFlags  flags,
                                                      GPtrArray         **errors_out);
void                  km_pack_model_add_lang         (KmPackModel        *self,
                                                      const char         *lang);
GStrv                 km_pack_model_dup_columns      (KmPackModel        *self,
                                                      KmPackKind          kind);
GBytes               *km_pack_model_write_xml        (KmPackModel        *self,
                                                      KmContentFileKind   file,
                                                      KmPackXmlMap       *map);

KmPackXmlMap         *km_pack_xml_map_new            (void);
void                  km_pack_xml_map_free           (KmPackXmlMap       *map);
KmPackRow            *km_pack_xml_map_lookup         (KmPackXmlMap       *map,
                                                      int                 line,
                                                      int                 column,
                                                      const char        **column_out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmPackRow, km_pack_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmPackModel, km_pack_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmPackXmlMap, km_pack_xml_map_free)

G_END_DECLS
