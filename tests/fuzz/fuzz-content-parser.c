/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the input is parsed as each of the four content files
 * in turn, next to small valid versions of the other three so that the
 * cross-reference checks run too. Build and run: run-fuzzer.sh.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "km-content-error.h"
#include "km-content-parser.h"
#include "km-content-private.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const char * const others[KM_CONTENT_N_FILES] = {
  "<sources>"
  "<source id=\"s\" kind=\"news\" published=\"1992-02\"><title>T</title><publisher>P</publisher>"
  "<publisher xml:lang=\"az\">Pa</publisher><description>D</description><citation>C</citation></source>"
  "</sources>",

  "<exhibits>"
  "<exhibit id=\"x\" kind=\"poster\" image=\"images/x.svg\" date=\"1992\" sources=\"s\" entries=\"n\">"
  "<title>T</title><caption>C</caption><description>D</description><alt>A</alt>"
  "<credit>C</credit><rights>R</rights><advisory>A</advisory></exhibit>"
  "</exhibits>",

  "<timeline>"
  "<era id=\"e\" start=\"1992\" end=\"1993\"><title>E</title></era>"
  "<entry id=\"n\" era=\"e\" date=\"1992-02-25\" end=\"1992-02-26\" sources=\"s\" exhibits=\"x\">"
  "<display-date>D</display-date><headline>H</headline><text>T</text></entry>"
  "</timeline>",

  "<statistics>"
  "<section id=\"k\" chart=\"breakdown\"><title>K</title>"
  "<figure id=\"t\" role=\"total\" unit=\"people\"><label>L</label>"
  "<value amount=\"613\" sources=\"s\" includes=\"p\"><note>N</note></value></figure>"
  "<figure id=\"p\" role=\"part\" unit=\"children\" within=\"t\"><label>L</label>"
  "<value amount=\"63\" qualifier=\"at-least\" sources=\"s\"/></figure></section>"
  "<recognitions><recognition source=\"s\" terms=\"genocide\" body-kind=\"parliament\">"
  "<body>B</body><region>R</region></recognition></recognitions>"
  "</statistics>",
};

static void
read_records (KmContentParser *parser)
{
  GPtrArray *errors = km_content_parser_get_errors (parser);
  GPtrArray *exhibits = km_content_parser_get_exhibits (parser);
  GPtrArray *entries = km_content_parser_get_entries (parser);
  GPtrArray *sections = km_content_parser_get_sections (parser);

  for (guint i = 0; i < errors->len; i++)
    g_free (km_content_error_to_string (g_ptr_array_index (errors, i)));

  for (guint i = 0; i < exhibits->len; i++)
    {
      KmExhibit *exhibit = g_ptr_array_index (exhibits, i);

      km_exhibit_get_title (exhibit);
      km_exhibit_get_description (exhibit);
      if (km_exhibit_get_has_date (exhibit))
        km_date_end_to_days (km_exhibit_get_date (exhibit));
    }

  for (guint i = 0; i < entries->len; i++)
    {
      KmTimelineEntry *entry = g_ptr_array_index (entries, i);

      km_timeline_entry_get_text (entry);
      km_timeline_entry_get_dated (entry);
      km_timeline_entry_get_placed (entry);
      km_timeline_entry_get_advisory (entry);
      km_date_compare (km_timeline_entry_get_position (entry), km_timeline_entry_get_position (entry));
    }

  for (guint i = 0; i < sections->len; i++)
    {
      GListModel *figures = km_stat_section_get_figures (g_ptr_array_index (sections, i));

      for (guint j = 0; j < g_list_model_get_n_items (figures); j++)
        {
          g_autoptr(KmFigure) figure = g_list_model_get_item (figures, j);

          km_figure_get_label (figure);
          g_list_model_get_n_items (km_figure_get_values (figure));
        }
    }
}

/* A warning or critical is a bug: abort, so libFuzzer keeps the input
 * (G_DEBUG=fatal-criticals would trap, which libFuzzer does not catch).
 */
static GLogWriterOutput
abort_on_warnings (GLogLevelFlags   log_level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();

  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (abort_on_warnings, NULL, NULL);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) input = g_bytes_new (data, size);

  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    {
      g_autoptr(KmContentParser) parser = km_content_parser_new (NULL);

      for (guint other = 0; other < KM_CONTENT_N_FILES; other++)
        {
          if (other == kind)
            {
              km_content_parser_parse_bytes (parser, kind, input, NULL);
            }
          else
            {
              g_autoptr(GBytes) bytes = g_bytes_new_static (others[other], strlen (others[other]));

              km_content_parser_parse_bytes (parser, other, bytes, NULL);
            }
        }

      km_content_parser_finish (parser);
      read_records (parser);
    }

  /* Dates and language codes straight from the input */
  if (size < 64)
    {
      g_autofree char *str = g_strndup ((const char *)data, size);
      g_autoptr(KmText) text = km_text_new ();
      KmDate date;

      if (km_date_parse (str, &date, NULL))
        g_assert (km_date_to_days (&date) <= km_date_end_to_days (&date));

      km_text_set (text, str, "x");
      g_assert (km_text_get (text, str) != NULL);
    }

  return 0;
}
