/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "km-content-store.h"
#include "km-pack-model.h"
#include "km-pack-tool.h"

/* check DIR: the validator's errors (the pack does not load), then what a
 * curator should look at although the pack works.
 */

/* A 4K screen is 3840×2160: an image shown full screen never needs more
 * than that. Twice as many pixels on the longer side is “far larger”.
 */
#define SCREEN_4K_LONG_SIDE 3840
#define FAR_LARGER_FACTOR 2

/* The gallery card's title (km-exhibit-card.c): two lines of at most 24
 * characters, the same number of characters at the kiosk's larger text.
 */
#define CARD_TITLE_LINES 2
#define CARD_TITLE_CHARS 24

typedef struct
{
  guint n_warnings;
} Check;

static void G_GNUC_PRINTF (3, 4)
warn (Check      *check,
      const char *file,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_print ("%s: warning: %s\n", file, message);
  check->n_warnings++;
}

static const char *
file_of (KmPackKind kind)
{
  return km_content_file_kind_get_filename (km_pack_kind_get_file (kind));
}

static const char *
key_of (KmPackKind  kind,
        KmPackRow  *row)
{
  return km_pack_row_get (row, km_pack_kind_get_key_field (kind)->column);
}

/* The share of translatable text each language has. */
static void
check_translations (Check       *check,
                    KmPackModel *model)
{
  for (guint l = 0; l < model->langs->len; l++)
    {
      const char *lang = g_ptr_array_index (model->langs, l);
      guint total = 0;
      guint translated = 0;

      for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
        for (guint i = 0; i < model->rows[kind]->len; i++)
          {
            KmPackRow *row = g_ptr_array_index (model->rows[kind], i);

            for (const KmPackField *f = km_pack_kind_get_info (kind)->fields; f->column; f++)
              {
                g_autofree char *column = NULL;

                if (!(f->flags & KM_PACK_FIELD_TRANSLATABLE) || !km_pack_row_get (row, f->column))
                  continue;

                column = g_strconcat (f->column, ":", lang, NULL);
                total++;
                if (km_pack_row_get (row, column))
                  translated++;
              }
          }

      g_print ("%s: %u of %u texts translated (%.0f%%)\n", lang, translated, total,
               total > 0 ? 100.0 * translated / total : 100.0);
      if (translated < total)
        warn (check, lang,
              "%u of %u texts have no translation: visitors who choose this language read them in English",
              total - translated, total);
    }
}

static void
check_images (Check       *check,
              KmPackModel *model,
              GFile       *dir)
{
  GPtrArray *rows = model->rows[KM_PACK_KIND_EXHIBITS];

  for (guint i = 0; i < rows->len; i++)
    {
      KmPackRow *row = g_ptr_array_index (rows, i);
      const char *image = km_pack_row_get (row, "image");
      g_autoptr(GFile) file = NULL;
      g_autofree char *path = NULL;
      GdkPixbufFormat *format;
      int width = 0;
      int height = 0;

      if (image == NULL)
        continue;

      file = g_file_resolve_relative_path (dir, image);
      path = g_file_get_path (file);
      if (path == NULL || !(format = gdk_pixbuf_get_file_info (path, &width, &height)))
        continue;
      /* A drawing scales to any screen. */
      if (gdk_pixbuf_format_is_scalable (format))
        continue;

      if (MAX (width, height) > SCREEN_4K_LONG_SIDE * FAR_LARGER_FACTOR)
        warn (check, file_of (KM_PACK_KIND_EXHIBITS),
              "exhibit “%s”: the image %s is %d×%d pixels, far more than a 4K screen (3840×2160) "
              "shows: scale it down to at most 3840 pixels on the longer side, so kiosks "
              "download and decode less",
              key_of (KM_PACK_KIND_EXHIBITS, row), image, width, height);
    }
}

static void
add_refs (GHashTable *set,
          const char *value)
{
  g_auto(GStrv) ids = value ? g_strsplit (value, " ", -1) : NULL;

  for (guint i = 0; ids && ids[i]; i++)
    if (*ids[i])
      g_hash_table_add (set, g_strdup (ids[i]));
}

static void
check_uncited_sources (Check       *check,
                       KmPackModel *model)
{
  g_autoptr(GHashTable) cited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const struct { KmPackKind kind; const char *column; } refs[] = {
    { KM_PACK_KIND_EXHIBITS, "sources" },
    { KM_PACK_KIND_ENTRIES, "sources" },
    { KM_PACK_KIND_FIGURES, "sources" },
    { KM_PACK_KIND_RECOGNITIONS, "source" },
  };

  for (guint r = 0; r < G_N_ELEMENTS (refs); r++)
    for (guint i = 0; i < model->rows[refs[r].kind]->len; i++)
      add_refs (cited, km_pack_row_get (g_ptr_array_index (model->rows[refs[r].kind], i), refs[r].column));

  for (guint i = 0; i < model->rows[KM_PACK_KIND_SOURCES]->len; i++)
    {
      const char *id = key_of (KM_PACK_KIND_SOURCES, g_ptr_array_index (model->rows[KM_PACK_KIND_SOURCES], i));

      if (!g_hash_table_contains (cited, id))
        warn (check, file_of (KM_PACK_KIND_SOURCES),
              "source “%s” is cited by no exhibit, timeline entry, figure or recognition: "
              "visitors never see it", id);
    }
}

static void
check_exhibits_on_timeline (Check       *check,
                            KmPackModel *model)
{
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *exhibits = model->rows[KM_PACK_KIND_EXHIBITS];

  for (guint i = 0; i < model->rows[KM_PACK_KIND_ENTRIES]->len; i++)
    add_refs (shown, km_pack_row_get (g_ptr_array_index (model->rows[KM_PACK_KIND_ENTRIES], i), "exhibits"));

  for (guint i = 0; i < exhibits->len; i++)
    {
      KmPackRow *row = g_ptr_array_index (exhibits, i);
      const char *id = key_of (KM_PACK_KIND_EXHIBITS, row);

      if (km_pack_row_get (row, "entries") == NULL && !g_hash_table_contains (shown, id))
        warn (check, file_of (KM_PACK_KIND_EXHIBITS),
              "exhibit “%s” is on no timeline entry: visitors find it in the gallery only "
              "(name an entry in its “entries” column)", id);
    }
}

static void
check_card_text (Check       *check,
                 KmPackModel *model)
{
  GPtrArray *exhibits = model->rows[KM_PACK_KIND_EXHIBITS];
  guint limit = CARD_TITLE_LINES * CARD_TITLE_CHARS;

  for (guint i = 0; i < exhibits->len; i++)
    {
      KmPackRow *row = g_ptr_array_index (exhibits, i);

      for (int l = -1; l < (int)model->langs->len; l++)
        {
          g_autofree char *column = l < 0 ? g_strdup ("title")
                                          : g_strconcat ("title:", (char *)g_ptr_array_index (model->langs, l), NULL);
          const char *title = km_pack_row_get (row, column);
          glong length = title ? g_utf8_strlen (title, -1) : 0;

          if (length > (glong)limit)
            warn (check, file_of (KM_PACK_KIND_EXHIBITS),
                  "exhibit “%s”: the %s has %ld characters; a gallery card shows two lines of "
                  "about %d, so the end is cut off with “…”",
                  key_of (KM_PACK_KIND_EXHIBITS, row), column, length, CARD_TITLE_CHARS);
        }
    }
}

/* Captions fall back to English (#20), so a deaf visitor who chose a
 * language the rest of the pack speaks reads them in English: worth a
 * curator's look, not an error.
 */
static void
check_media_captions (Check       *check,
                      KmPackModel *model)
{
  GPtrArray *exhibits = model->rows[KM_PACK_KIND_EXHIBITS];

  for (guint i = 0; i < exhibits->len; i++)
    {
      KmPackRow *row = g_ptr_array_index (exhibits, i);
      const char *kind = km_pack_row_get (row, "kind");

      if (g_strcmp0 (kind, "video") != 0 && g_strcmp0 (kind, "audio") != 0)
        continue;

      for (guint l = 0; l < model->langs->len; l++)
        {
          const char *lang = g_ptr_array_index (model->langs, l);
          g_autofree char *column = g_strconcat ("captions:", lang, NULL);

          if (km_pack_row_get (row, column) == NULL)
            warn (check, file_of (KM_PACK_KIND_EXHIBITS),
                  "%s exhibit “%s” has no captions in %s (column %s), a language the pack's "
                  "texts are in: visitors who choose it read the English captions",
                  kind, key_of (KM_PACK_KIND_EXHIBITS, row), lang, column);
        }
    }
}

int
km_pack_cmd_check (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(KmPackModel) model = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GFile) dir = NULL;
  Check check = { 0 };
  int status;

  g_option_context_set_summary (context,
    "Checks the pack in DIR as the application does when it loads it, and\n"
    "prints every error as FILE:LINE:COLUMN: message (exit status 1).\n"
    "A pack without errors is also looked over for what to improve; these\n"
    "warnings do not stop it from loading: the share of text translated per\n"
    "language, images far larger than a 4K screen needs, sources no record\n"
    "cites, exhibits on no timeline entry, titles too long for a card, and\n"
    "video or audio without captions in a language the pack's texts are in.");

  if ((status = km_pack_parse_options (context, "check", &argc, &argv, 1, 1)) != KM_PACK_EXIT_OK)
    return status;

  dir = g_file_new_for_commandline_arg (argv[1]);
  if (!(model = km_pack_model_load (dir, KM_CONTENT_LOAD_DEFAULT, &errors)))
    {
      km_pack_print_errors (errors);
      g_printerr ("%s: %u error(s): the application will not load this pack\n", argv[1], errors->len);
      return KM_PACK_EXIT_CONTENT;
    }

  check_translations (&check, model);
  check_images (&check, model, dir);
  check_uncited_sources (&check, model);
  check_exhibits_on_timeline (&check, model);
  check_card_text (&check, model);
  check_media_captions (&check, model);

  g_print ("%s: no errors, %u warning(s)\n", argv[1], check.n_warnings);

  return KM_PACK_EXIT_OK;
}
