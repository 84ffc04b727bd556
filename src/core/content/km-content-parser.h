/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KM_TYPE_CONTENT_PARSER (km_content_parser_get_type ())

typedef enum
{
  KM_CONTENT_FILE_SOURCES,
  KM_CONTENT_FILE_EXHIBITS,
  KM_CONTENT_FILE_TIMELINE,
  KM_CONTENT_FILE_STATISTICS,
} KmContentFileKind;

#define KM_CONTENT_N_FILES 4

G_DECLARE_FINAL_TYPE (KmContentParser, km_content_parser, KM, CONTENT_PARSER, GObject)

const char      *km_content_file_kind_get_filename  (KmContentFileKind  kind);
KmContentParser *km_content_parser_new              (GFile             *base_dir);
GFile           *km_content_parser_get_base_dir     (KmContentParser   *self);
gboolean         km_content_parser_parse_bytes      (KmContentParser   *self,
                                                     KmContentFileKind  kind,
                                                     GBytes            *bytes,
                                                     const char        *display_name);
void             km_content_parser_add_error        (KmContentParser   *self,
                                                     const char        *file,
                                                     int                line,
                                                     int                column,
                                                     const char        *message);
gboolean         km_content_parser_finish           (KmContentParser   *self);

/* Called with each exhibit once its start tag is read (its id, kind and
 * files known), on the parsing thread; the parser keeps the exhibit.
 */
typedef void (*KmContentParserExhibitFunc) (KmContentParser *parser,
                                            GObject         *exhibit,
                                            gpointer         user_data);
void             km_content_parser_set_exhibit_func (KmContentParser            *self,
                                                     KmContentParserExhibitFunc  func,
                                                     gpointer                    user_data);
GPtrArray       *km_content_parser_get_errors       (KmContentParser   *self);
GPtrArray       *km_content_parser_get_sources      (KmContentParser   *self);
GPtrArray       *km_content_parser_get_exhibits     (KmContentParser   *self);
GPtrArray       *km_content_parser_get_eras         (KmContentParser   *self);
GPtrArray       *km_content_parser_get_entries      (KmContentParser   *self);
GPtrArray       *km_content_parser_get_sections     (KmContentParser   *self);
GPtrArray       *km_content_parser_get_figures      (KmContentParser   *self);
GPtrArray       *km_content_parser_get_recognitions (KmContentParser   *self);

G_END_DECLS
