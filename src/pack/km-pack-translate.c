/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "km-content-store.h"
#include "km-pack-model.h"
#include "km-pack-tool.h"

/* translate DIR: DIR/po/pack.pot from the pack's English text, with the
 * project's ITS rules (po/its/, compiled in), and DIR/po/LANG.po for each
 * language, started from the translations the pack already holds.
 * translate --merge DIR: msgfmt's XML mode writes the po files'
 * translations into the pack. The gettext tools run as programs; msgfmt
 * leaves out fuzzy and empty entries, so those texts fall back to English.
 */

#define ITS_RESOURCE RESOURCE_BASE "/pack/its/"

typedef struct
{
  char *work;      /* a temporary folder */
  char *its_dir;   /* GETTEXTDATADIRS for msgfmt: holds its/ */
} Work;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)))
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }

  g_rmdir (path);
}

static void
work_clear (Work *w)
{
  if (w->work != NULL)
    remove_tree (w->work);
  g_clear_pointer (&w->work, g_free);
  g_clear_pointer (&w->its_dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Work, work_clear)

static gboolean
write_bytes (const char  *path,
             GBytes      *bytes,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return km_pack_write_file_atomic (file, bytes, error);
}

static gboolean
work_init (Work    *w,
           GError **error)
{
  const char *names[] = { "km-content.its", "km-content.loc" };
  g_autofree char *its = NULL;

  if (!(w->work = g_dir_make_tmp ("km-pack-translate-XXXXXX", error)))
    return FALSE;

  w->its_dir = g_strdup (w->work);
  its = g_build_filename (w->work, "its", NULL);
  g_mkdir (its, 0755);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *resource = g_strconcat (ITS_RESOURCE, names[i], NULL);
      g_autofree char *path = g_build_filename (its, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, error);

      if (bytes == NULL || !write_bytes (path, bytes, error))
        return FALSE;
    }

  return TRUE;
}

/* Runs a gettext program; its messages go to @err_out (or our stderr). */
static gboolean
run_tool (Work        *w,
          const char  *cwd,
          char       **err_out,
          GError     **error,
          ...)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;

  va_start (args, error);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "GETTEXTDATADIRS", w->its_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (cwd != NULL)
    g_subprocess_launcher_set_cwd (launcher, cwd);

  if (!(proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, error)))
    return FALSE;
  if (!g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, error))
    return FALSE;

  if (!g_subprocess_get_if_exited (proc) || g_subprocess_get_exit_status (proc) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s",
                   (char *)argv->pdata[0], err ? err : "");
      return FALSE;
    }

  if (err_out != NULL)
    *err_out = g_steal_pointer (&err);
  else if (err != NULL && *err != '\0')
    g_printerr ("%s", err);

  return TRUE;
}

/* The pack with its English text only: what xgettext reads and msgfmt
 * translates.
 */
static gboolean
write_english (KmPackModel  *model,
               const char   *dir,
               GError      **error)
{
  g_autoptr(KmPackModel) english = km_pack_model_new ();

  g_mkdir_with_parents (dir, 0755);

  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    for (guint i = 0; i < model->rows[kind]->len; i++)
      {
        KmPackRow *row = g_ptr_array_index (model->rows[kind], i);
        KmPackRow *copy = km_pack_row_new ();
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, row->cells);
        while (g_hash_table_iter_next (&iter, &key, &value))
          if (strchr (key, ':') == NULL)
            km_pack_row_set (copy, key, value);
        g_ptr_array_add (english->rows[kind], copy);
      }

  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    {
      g_autoptr(GBytes) bytes = km_pack_model_write_xml (english, kind, NULL);
      g_autofree char *path = g_build_filename (dir, km_content_file_kind_get_filename (kind), NULL);

      if (!write_bytes (path, bytes, error))
        return FALSE;
    }

  return TRUE;
}

/* A po string: C escapes, UTF-8 kept as it is. */
static char *
po_quote (const char *text)
{
  static char exceptions[129];

  if (exceptions[0] == '\0')
    for (int i = 0; i < 128; i++)
      exceptions[i] = (char)(0x80 + i);

  return g_strescape (text, exceptions);
}

/* The pack's own translations into @lang, as a po file msgmerge can use
 * as a compendium. The msgids are the text as it stands in the XML
 * (escaped), which is what xgettext extracts.
 */
static GBytes *
inline_translations (KmPackModel *model,
                     const char  *lang)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_string_append_printf (out,
                          "msgid \"\"\nmsgstr \"\"\n"
                          "\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
                          "\"Language: %s\\n\"\n\n", lang);

  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    for (guint i = 0; i < model->rows[kind]->len; i++)
      {
        KmPackRow *row = g_ptr_array_index (model->rows[kind], i);

        for (const KmPackField *f = km_pack_kind_get_info (kind)->fields; f->column; f++)
          {
            g_autofree char *column = g_strconcat (f->column, ":", lang, NULL);
            const char *english = km_pack_row_get (row, f->column);
            const char *translation = km_pack_row_get (row, column);
            g_autofree char *id_xml = NULL;
            g_autofree char *str_xml = NULL;
            g_autofree char *id = NULL;
            g_autofree char *str = NULL;

            if (!(f->flags & KM_PACK_FIELD_TRANSLATABLE) || !english || !translation)
              continue;

            /* One entry per text: the first translation of a repeated one. */
            id_xml = g_markup_escape_text (english, -1);
            if (!g_hash_table_add (seen, g_strdup (id_xml)))
              continue;
            str_xml = g_markup_escape_text (translation, -1);
            id = po_quote (id_xml);
            str = po_quote (str_xml);
            g_string_append_printf (out, "msgid \"%s\"\nmsgstr \"%s\"\n\n", id, str);
          }
      }

  return g_string_free_to_bytes (out);
}

static char *
po_statistics (Work        *w,
               const char  *po,
               GError     **error)
{
  g_autofree char *err = NULL;

  if (!run_tool (w, NULL, &err, error, "msgfmt", "--statistics", "-o", "/dev/null", po, NULL))
    return NULL;

  return g_strstrip (g_steal_pointer (&err));
}

static void
report_share (KmPackModel *model,
              const char  *lang,
              const char  *statistics)
{
  guint total = 0;
  guint translated = 0;

  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    for (guint i = 0; i < model->rows[kind]->len; i++)
      {
        KmPackRow *row = g_ptr_array_index (model->rows[kind], i);

        for (const KmPackField *f = km_pack_kind_get_info (kind)->fields; f->column; f++)
          {
            g_autofree char *column = g_strconcat (f->column, ":", lang, NULL);

            if (!(f->flags & KM_PACK_FIELD_TRANSLATABLE) || !km_pack_row_get (row, f->column))
              continue;
            total++;
            if (km_pack_row_get (row, column))
              translated++;
          }
      }

  g_print ("%s: %u of %u texts translated (%.0f%%); po/%s.po: %s\n",
           lang, translated, total, total ? 100.0 * translated / total : 100.0, lang, statistics);
}

static int
extract (KmPackModel *model,
         const char  *dir_path)
{
  g_auto(Work) w = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *english = NULL;
  g_autofree char *po_dir = g_build_filename (dir_path, "po", NULL);
  g_autofree char *pot = g_build_filename (po_dir, "pack.pot", NULL);
  g_autofree char *its = NULL;

  if (!work_init (&w, &error))
    goto fail;

  english = g_build_filename (w.work, "en", NULL);
  its = g_build_filename (w.work, "its", "km-content.its", NULL);
  if (!write_english (model, english, &error))
    goto fail;

  g_mkdir_with_parents (po_dir, 0755);
  if (!run_tool (&w, english, NULL, &error,
                 "xgettext", "--its", its, "--from-code=UTF-8", "--force-po",
                 "--package-name=content-pack", "-o", pot,
                 "sources.xml", "exhibits.xml", "timeline.xml", "statistics.xml", NULL))
    goto fail;
  g_print ("Wrote %s\n", pot);

  for (guint l = 0; l < model->langs->len; l++)
    {
      const char *lang = g_ptr_array_index (model->langs, l);
      g_autofree char *po_name = g_strconcat (lang, ".po", NULL);
      g_autofree char *po = g_build_filename (po_dir, po_name, NULL);
      g_autofree char *statistics = NULL;

      if (g_file_test (po, G_FILE_TEST_EXISTS))
        {
          /* The translator's work stays; new text comes in untranslated. */
          if (!run_tool (&w, NULL, NULL, &error, "msgmerge", "--quiet", "--update",
                         "--backup=none", "--no-fuzzy-matching", po, pot, NULL))
            goto fail;
        }
      else
        {
          g_autofree char *compendium = g_build_filename (w.work, po_name, NULL);
          g_autofree char *empty = g_build_filename (w.work, "empty.po", NULL);
          g_autoptr(GBytes) inline_po = inline_translations (model, lang);
          g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);

          if (!write_bytes (compendium, inline_po, &error) || !write_bytes (empty, nothing, &error))
            goto fail;
          if (!run_tool (&w, NULL, NULL, &error, "msgmerge", "--quiet", "--no-fuzzy-matching",
                         "--lang", lang, "--compendium", compendium, "-o", po, empty, pot, NULL))
            goto fail;
        }

      if (!(statistics = po_statistics (&w, po, &error)))
        goto fail;
      g_print ("Wrote %s: %s\n", po, statistics);
    }

  return KM_PACK_EXIT_OK;

fail:
  g_printerr ("%s: %s\n", dir_path, error->message);
  return KM_PACK_EXIT_CONTENT;
}

static int
merge (KmPackModel *model,
       GFile       *dir,
       const char  *dir_path)
{
  g_auto(Work) w = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) langs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GString) linguas = g_string_new (NULL);
  g_autoptr(KmPackModel) merged = NULL;
  g_autoptr(GDir) po_list = NULL;
  g_autoptr(GDir) pack_list = NULL;
  g_autoptr(GFile) merged_file = NULL;
  g_autoptr(GBytes) linguas_bytes = NULL;
  g_autofree char *po_dir = g_build_filename (dir_path, "po", NULL);
  g_autofree char *english = NULL;
  g_autofree char *work_po = NULL;
  g_autofree char *out = NULL;
  g_autofree char *linguas_path = NULL;
  g_autofree char *staging = NULL;
  const char *name;

  if (!(po_list = g_dir_open (po_dir, 0, NULL)))
    {
      g_printerr ("%s: there is no po folder: run “%s translate %s” first\n", dir_path, KM_PACK_PROGRAM, dir_path);
      return KM_PACK_EXIT_CONTENT;
    }

  if (!work_init (&w, &error))
    goto fail;

  english = g_build_filename (w.work, "en", NULL);
  work_po = g_build_filename (w.work, "po", NULL);
  out = g_build_filename (w.work, "merged", NULL);
  g_mkdir (work_po, 0755);
  g_mkdir (out, 0755);

  while ((name = g_dir_read_name (po_list)))
    {
      g_autofree char *lang = NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *data = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".po"))
        continue;
      {
        g_autofree char *base = g_strndup (name, strlen (name) - 3);

        lang = km_text_normalize_lang (base);
      }
      if (*lang == '\0')
        continue;

      from = g_build_filename (po_dir, name, NULL);
      to = g_build_filename (w.work, "po", name, NULL);
      if (!g_file_get_contents (from, &data, &length, &error) ||
          !g_file_set_contents (to, data, (gssize)length, &error))
        goto fail;

      g_string_append_printf (linguas, "%.*s\n", (int)(strlen (name) - 3), name);
      g_ptr_array_add (langs, g_steal_pointer (&lang));
    }

  if (langs->len == 0)
    {
      g_printerr ("%s: no LANG.po files in %s: run “%s translate %s” first\n",
                  dir_path, po_dir, KM_PACK_PROGRAM, dir_path);
      return KM_PACK_EXIT_CONTENT;
    }

  linguas_path = g_build_filename (work_po, "LINGUAS", NULL);
  linguas_bytes = g_bytes_new (linguas->str, linguas->len);
  if (!write_bytes (linguas_path, linguas_bytes, &error) || !write_english (model, english, &error))
    goto fail;

  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    {
      const char *file = km_content_file_kind_get_filename (kind);
      g_autofree char *template = g_build_filename (english, file, NULL);
      g_autofree char *output = g_build_filename (out, file, NULL);

      if (!run_tool (&w, NULL, NULL, &error, "msgfmt", "--xml", "-d", work_po,
                     "--template", template, "-o", output, NULL))
        goto fail;
    }

  /* The merged files see the pack's images. */
  if (!(pack_list = g_dir_open (dir_path, 0, &error)))
    goto fail;
  while ((name = g_dir_read_name (pack_list)))
    {
      g_autofree char *target = g_build_filename (dir_path, name, NULL);
      g_autofree char *link = g_build_filename (out, name, NULL);

      if (name[0] != '.' && !g_file_test (link, G_FILE_TEST_EXISTS))
        symlink (target, link);
    }

  merged_file = g_file_new_for_path (out);
  if (!(merged = km_pack_model_load (merged_file, KM_CONTENT_LOAD_SKIP_IMAGE_DECODE, &errors)))
    {
      km_pack_print_errors (errors);
      g_printerr ("%s: the translations make the pack invalid: nothing was merged\n", dir_path);
      return KM_PACK_EXIT_CONTENT;
    }

  /* The po files' languages replace the pack's; other languages stay. */
  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    {
      g_assert (merged->rows[kind]->len == model->rows[kind]->len);

      for (guint i = 0; i < model->rows[kind]->len; i++)
        {
          KmPackRow *row = g_ptr_array_index (model->rows[kind], i);
          KmPackRow *from = g_ptr_array_index (merged->rows[kind], i);

          for (guint l = 0; l < langs->len; l++)
            {
              const char *lang = g_ptr_array_index (langs, l);

              for (const KmPackField *f = km_pack_kind_get_info (kind)->fields; f->column; f++)
                {
                  g_autofree char *column = g_strconcat (f->column, ":", lang, NULL);

                  if (f->flags & KM_PACK_FIELD_TRANSLATABLE)
                    km_pack_row_set (row, column, km_pack_row_get (from, column));
                }
            }
        }
    }
  for (guint l = 0; l < langs->len; l++)
    km_pack_model_add_lang (model, g_ptr_array_index (langs, l));

  if (!(staging = km_pack_write_staging (model, dir_path, NULL, &error)))
    goto fail;
  {
    g_autoptr(GFile) staging_dir = g_file_new_for_path (staging);
    g_autoptr(GPtrArray) invalid = km_content_store_validate_dir_with_flags (staging_dir, KM_CONTENT_LOAD_SKIP_IMAGE_DECODE);

    for (guint kind = 0; kind < KM_CONTENT_N_FILES && invalid->len == 0; kind++)
      {
        const char *file = km_content_file_kind_get_filename (kind);
        g_autofree char *from = g_build_filename (staging, file, NULL);
        g_autofree char *to = g_build_filename (dir_path, file, NULL);

        if (g_rename (from, to) != 0)
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot replace %s", to);
      }
    km_pack_remove_staging (staging);

    if (invalid->len > 0)
      {
        km_pack_print_errors (invalid);
        g_printerr ("%s: the translations make the pack invalid: nothing was merged\n", dir_path);
        return KM_PACK_EXIT_CONTENT;
      }
    if (error != NULL)
      goto fail;
  }

  for (guint l = 0; l < langs->len; l++)
    {
      const char *lang = g_ptr_array_index (langs, l);
      g_autofree char *po_name = g_strconcat (lang, ".po", NULL);
      g_autofree char *po = g_build_filename (po_dir, po_name, NULL);
      g_autofree char *statistics = po_statistics (&w, po, NULL);

      report_share (model, lang, statistics ? statistics : "");
    }
  g_print ("Fuzzy and untranslated entries are left out: those texts show in English.\n");

  return KM_PACK_EXIT_OK;

fail:
  g_printerr ("%s: %s\n", dir_path, error->message);
  return KM_PACK_EXIT_CONTENT;
}

int
km_pack_cmd_translate (int    argc,
                       char **argv)
{
  gboolean do_merge = FALSE;
  const GOptionEntry entries[] = {
    { "merge", 0, 0, G_OPTION_ARG_NONE, &do_merge,
      "Write the translations in DIR/po/*.po back into the pack", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(KmPackModel) model = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autofree char *dir_path = NULL;
  int status;

  g_option_context_set_summary (context,
    "Writes the pack's translatable text to DIR/po/pack.pot with the\n"
    "application's own rules, and DIR/po/az.po, DIR/po/id.po … for translators\n"
    "(Poedit, Lokalize or any gettext tool), filled with the translations the\n"
    "pack already has. An existing LANG.po keeps its translations.\n"
    "With --merge, writes the translations of DIR/po/*.po into the pack and\n"
    "reports the share translated per language. Fuzzy and empty entries are\n"
    "left out: those texts show in English.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = km_pack_parse_options (context, "translate", &argc, &argv, 1, 1)) != KM_PACK_EXIT_OK)
    return status;

  dir = g_file_new_for_commandline_arg (argv[1]);
  dir_path = g_file_get_path (dir);
  if (!(model = km_pack_model_load (dir, KM_CONTENT_LOAD_SKIP_IMAGE_DECODE, &errors)))
    {
      km_pack_print_errors (errors);
      g_printerr ("%s: the pack has %u problem(s): fix them first\n", argv[1], errors->len);
      return KM_PACK_EXIT_CONTENT;
    }

  return do_merge ? merge (model, dir, dir_path) : extract (model, dir_path);
}
