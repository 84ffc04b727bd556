/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "km-content-store.h"
#include "km-test-files.h"
#include "km-pack-manifest.h"
#include "km-pack-model.h"

/* khojaly-memorial-pack, run as a curator runs it: a program with exit
 * statuses and messages, on packs in a temporary folder.
 */

#define BUNDLED_URI "resource://" RESOURCE_BASE "/content/"

static char *tmp_root;

static int
run_pack_v (char       **out,
            char       **err,
            const char  *first,
            va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;

  g_ptr_array_add (argv, (gpointer)g_getenv ("KM_PACK_BINARY"));
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer)arg);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *)argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  if (out)
    *out = g_steal_pointer (&stdout_text);
  if (err)
    *err = g_steal_pointer (&stderr_text);

  return g_subprocess_get_exit_status (proc);
}

static int G_GNUC_NULL_TERMINATED
run_pack (char **out,
          char **err,
          ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_pack_v (out, err, va_arg (args, const char *), args);
  va_end (args);

  return status;
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_root, name, NULL);
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "pack", name, NULL);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* A fresh copy of the bundled exhibition, made by the tool. */
static char *
new_bundled_pack (const char *name)
{
  g_autofree char *dir = tmp_path (name);

  g_assert_cmpint (run_pack (NULL, NULL, "new", dir, "--from-bundled", NULL), ==, 0);

  return g_steal_pointer (&dir);
}

static void
assert_models_equal (KmPackModel *a,
                     KmPackModel *b)
{
  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    {
      g_assert_cmpuint (a->rows[kind]->len, ==, b->rows[kind]->len);
      g_assert_cmpuint (a->rows[kind]->len, >, 0);

      for (guint i = 0; i < a->rows[kind]->len; i++)
        {
          KmPackRow *ra = g_ptr_array_index (a->rows[kind], i);
          KmPackRow *rb = g_ptr_array_index (b->rows[kind], i);
          GHashTableIter iter;
          gpointer key, value;

          g_assert_cmpuint (g_hash_table_size (ra->cells), ==, g_hash_table_size (rb->cells));
          g_hash_table_iter_init (&iter, ra->cells);
          while (g_hash_table_iter_next (&iter, &key, &value))
            g_assert_cmpstr (km_pack_row_get (rb, key), ==, value);
        }
    }
}

static void
test_exit_codes (void)
{
  const char *commands[] = { "new", "export", "import", "check", "build", "translate" };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pack = new_bundled_pack ("exit-codes");
  g_autofree char *bad = fixture ("exhibits-bad-date.csv");

  g_assert_cmpint (run_pack (NULL, &err, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Usage:"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_pack (NULL, &err, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "unknown command “frobnicate”"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_pack (&out, NULL, "--help", NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (out, commands[i]));
  g_clear_pointer (&out, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_assert_cmpint (run_pack (&out, NULL, commands[i], "--help", NULL), ==, 0);
      g_assert_nonnull (strstr (out, "Usage:"));
      g_assert_nonnull (strstr (out, commands[i]));
      g_clear_pointer (&out, g_free);

      g_assert_cmpint (run_pack (NULL, &err, commands[i], "--no-such-option", "x", NULL), ==, 2);
      g_assert_nonnull (strstr (err, "--no-such-option"));
      g_clear_pointer (&err, g_free);

      /* every command takes at least one argument */
      g_assert_cmpint (run_pack (NULL, NULL, commands[i], NULL), ==, 2);
    }

  g_assert_cmpint (run_pack (NULL, NULL, "export", pack, NULL), ==, 2);
  g_assert_cmpint (run_pack (NULL, NULL, "new", pack, NULL), ==, 1);
  g_assert_cmpint (run_pack (NULL, NULL, "import", pack, bad, NULL), ==, 1);
  g_assert_cmpint (run_pack (NULL, NULL, "build", pack, "--version", "zero", NULL), ==, 2);
}

static void
test_no_toolkit (void)
{
  const char *argv[] = { "ldd", g_getenv ("KM_PACK_BINARY"), NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "libglib-2.0"));
  g_assert_nonnull (strstr (out, "libcsv"));
  g_assert_null (strstr (out, "libgtk"));
  g_assert_null (strstr (out, "libadwaita"));
}

static void
test_new_empty (void)
{
  g_autofree char *dir = tmp_path ("empty");
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GPtrArray) errors = NULL;
  g_autofree char *readme = NULL;
  g_autoptr(KmPackModel) model = NULL;

  g_assert_cmpint (run_pack (NULL, NULL, "new", dir, NULL), ==, 0);

  errors = km_content_store_validate_dir (file);
  g_assert_cmpuint (errors->len, ==, 0);
  readme = read_file (dir, "README.md");
  g_assert_nonnull (strstr (readme, "khojaly-memorial-pack import"));

  model = km_pack_model_load (file, KM_CONTENT_LOAD_DEFAULT, &errors);
  g_assert_nonnull (model);
  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    g_assert_cmpuint (model->rows[kind]->len, ==, 0);
}

/* export, then import into an empty pack: the same records, every field
 * and translation; the XML the importer writes is byte for byte the same
 * whichever pack it started from.
 */
static void
test_round_trip (void)
{
  g_autofree char *bundled = new_bundled_pack ("rt-bundled");
  g_autofree char *empty = tmp_path ("rt-empty");
  g_autofree char *csv = tmp_path ("rt-csv");
  g_autofree char *csv2 = tmp_path ("rt-csv2");
  g_autofree char *images_from = g_build_filename (bundled, "images", NULL);
  g_autofree char *images_to = g_build_filename (empty, "images", NULL);
  g_autoptr(GFile) bundled_uri = g_file_new_for_uri (BUNDLED_URI);
  g_autoptr(GFile) empty_file = NULL;
  g_autoptr(KmPackModel) original = NULL;
  g_autoptr(KmPackModel) imported = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) images = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  const char *name;

  g_assert_cmpint (run_pack (NULL, NULL, "new", empty, NULL), ==, 0);
  images = g_dir_open (images_from, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (images)))
    {
      g_autofree char *data = read_file (images_from, name);
      g_autofree char *to = g_build_filename (images_to, name, NULL);

      g_file_set_contents (to, data, -1, &error);
      g_assert_no_error (error);
    }

  g_assert_cmpint (run_pack (NULL, NULL, "export", bundled, csv, NULL), ==, 0);

  g_ptr_array_add (argv, g_strdup (g_getenv ("KM_PACK_BINARY")));
  g_ptr_array_add (argv, g_strdup ("import"));
  g_ptr_array_add (argv, g_strdup (empty));
  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    g_ptr_array_add (argv, g_strdup_printf ("%s/%s.csv", csv, km_pack_kind_get_info (kind)->name));
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *)argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);

  original = km_pack_model_load (bundled_uri, KM_CONTENT_LOAD_DEFAULT, &errors);
  g_assert_nonnull (original);
  empty_file = g_file_new_for_path (empty);
  imported = km_pack_model_load (empty_file, KM_CONTENT_LOAD_DEFAULT, &errors);
  g_assert_nonnull (imported);
  assert_models_equal (original, imported);

  /* The translations came along (the bundled ones come from po/). */
  g_assert_cmpstr (km_pack_row_get (g_ptr_array_index (imported->rows[KM_PACK_KIND_EXHIBITS], 0), "title:az"),
                   ==,
                   km_pack_row_get (g_ptr_array_index (original->rows[KM_PACK_KIND_EXHIBITS], 0), "title:az"));
  g_assert_nonnull (km_pack_row_get (g_ptr_array_index (imported->rows[KM_PACK_KIND_EXHIBITS], 0), "title:id"));

  /* The same spreadsheets again, and the same XML as the bundled pack gets. */
  g_assert_cmpint (run_pack (NULL, NULL, "export", empty, csv2, NULL), ==, 0);
  g_free (g_ptr_array_steal_index (argv, 2));
  g_ptr_array_insert (argv, 2, g_strdup (bundled));
  g_clear_object (&proc);
  proc = g_subprocess_newv ((const char * const *)argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);

  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    {
      g_autofree char *csv_name = g_strconcat (km_pack_kind_get_info (kind)->name, ".csv", NULL);
      g_autofree char *a = read_file (csv, csv_name);
      g_autofree char *b = read_file (csv2, csv_name);

      g_assert_cmpstr (a, ==, b);
    }

  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    {
      g_autofree char *a = read_file (bundled, km_content_file_kind_get_filename (kind));
      g_autofree char *b = read_file (empty, km_content_file_kind_get_filename (kind));

      g_assert_cmpstr (a, ==, b);
    }
}

typedef struct
{
  const char *fixture;
  int         row;
  int         column;
  const char *message;
  gboolean    prefix;    /* the message goes on (a decoder's words) */
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "exhibits-unknown-column.csv", 1, 14,
    "unknown column “colour”: the columns of exhibits.csv are id, kind, image, media, poster, date, "
    "approximate, sources, entries, title, caption, description, alt, credit, rights, advisory, "
    "captions, transcript, transcription; a translation column adds the language, like title:az" },
  { "exhibits-media-captions-language.csv", 1, 12,
    "unknown column “captions:fr”: captions are for the application's languages: captions (English), "
    "captions:az, captions:id" },
  { "exhibits-media-outside.csv", 2, 3,
    "media (column C): “../outside.webm” must be a path inside the pack folder, like media/talk.webm" },
  { "exhibits-bad-date.csv", 3, 4,
    "date (column D): bad date “26.02.1992”: write the year, year-month or year-month-day, like "
    "1992, 1992-02 or 1992-02-26 (format the column as text so the spreadsheet keeps it)" },
  { "exhibits-impossible-date.csv", 2, 4, "date (column D): bad date “1992-02-30”: there is no such day" },
  { "exhibits-undefined-source.csv", 2, 6,
    "sources (column F): “s-nowhere” is not the id of any source in the pack or in sources.csv" },
  { "entries-undefined-era.csv", 2, 2,
    "era (column B): “bifore” is not the id of any era in the pack or in eras.csv" },
  { "exhibits-missing-value.csv", 2, 8,
    "title (column H): missing required value: every exhibit needs one" },
  { "exhibits-missing-column.csv", 2, 1,
    "id (column A): missing required value: the new exhibit “new-one” needs a value in the "
    "column “caption”, which the file does not have" },
  { "exhibits-bad-kind.csv", 2, 2,
    "kind (column B): “sculpture” is not allowed here: use one of illustration, poster, document, photograph, video, audio" },
  { "exhibits-duplicate-id.csv", 3, 1, "id (column A): “new-one” is also on row 2: each exhibit once" },
  { "exhibits-missing-image.csv", 2, 3,
    "image (column C): the file “images/not-there.png” is not in the pack: copy it there first" },
  { "figures-bad-amount.csv", 2, 5,
    "amount (column E): “about 20” is not a whole number: write digits only, like 613" },
  { "figures-differing-label.csv", 3, 4,
    "label (column D): differs from row 2 of the same figure “killed-total”: a figure's own cells "
    "(section, unit, role, within, label, why) must be the same on each of its rows, or empty" },
  /* a cell over two lines is still one spreadsheet row */
  { "exhibits-multiline-error.csv", 3, 4,
    "date (column D): bad date “Feb 1992”: write the year, year-month or year-month-day, like "
    "1992, 1992-02 or 1992-02-26 (format the column as text so the spreadsheet keeps it)" },
  { "exhibits-broken-image.csv", 2, 3,
    "image (column C): the image “images/broken.png” does not decode: ", TRUE },
  { "notes.csv", 0, 0,
    "the file name does not say which records it holds: name it sources.csv, exhibits.csv, "
    "eras.csv, entries.csv, sections.csv, figures.csv or recognitions.csv" },
};

/* One pack for every error case: each leaves it as it was (asserted). */
static const char *
error_pack (void)
{
  static char *pack;

  if (pack == NULL)
    {
      g_autofree char *broken = NULL;
      g_autoptr(GError) error = NULL;

      pack = new_bundled_pack ("errors");
      broken = g_build_filename (pack, "images", "broken.png", NULL);
      g_file_set_contents (broken, "not a PNG", -1, &error);
      g_assert_no_error (error);
    }

  return pack;
}

static void
test_import_error (gconstpointer data)
{
  const ErrorCase *c = data;
  const char *pack = error_pack ();
  g_autofree char *csv = fixture (c->fixture);
  g_autofree char *expected = NULL;
  g_autofree char *err = NULL;
  char *before[KM_CONTENT_N_FILES] = { NULL };
  g_autoptr(GDir) dir = NULL;
  const char *child;

  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    before[kind] = read_file (pack, km_content_file_kind_get_filename (kind));

  if (c->row > 0)
    expected = g_strdup_printf ("%s:%d:%d: %s%s", csv, c->row, c->column, c->message, c->prefix ? "" : "\n");
  else
    expected = g_strdup_printf ("%s: %s\n", csv, c->message);

  g_assert_cmpint (run_pack (NULL, &err, "import", pack, csv, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, expected));
  g_assert_nonnull (strstr (err, "nothing was imported"));

  /* Nothing was written, nothing left behind. */
  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    {
      g_autofree char *after = read_file (pack, km_content_file_kind_get_filename (kind));

      g_assert_cmpstr (after, ==, before[kind]);
      g_free (before[kind]);
    }

  dir = g_dir_open (pack, 0, NULL);
  while ((child = g_dir_read_name (dir)))
    g_assert_false (g_str_has_prefix (child, ".km-import"));
}

/* What LibreOffice Calc writes with “Field delimiter: ;”: a BOM, CRLF,
 * quoted cells with line breaks, doubled quotes.
 */
static void
test_import_libreoffice (void)
{
  g_autofree char *pack = new_bundled_pack ("libreoffice");
  g_autofree char *csv = fixture ("exhibits-libreoffice.csv");
  g_autoptr(GFile) dir = g_file_new_for_path (pack);
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  KmExhibit *lamp;
  KmExhibit *candle;

  g_assert_cmpint (run_pack (&out, NULL, "import", pack, csv, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1 added,     1 updated"));

  km_content_store_load (store, dir, NULL, &error);
  g_assert_no_error (error);

  lamp = km_content_store_lookup_exhibit (store, "lamp");
  g_assert_nonnull (lamp);
  g_assert_cmpstr (km_exhibit_get_title (lamp), ==, "Oil lamp");
  g_assert_cmpstr (km_text_get (km_exhibit_get_title_text (lamp), "az"), ==, "Neft lampası");
  g_assert_cmpstr (km_exhibit_get_caption (lamp), ==, "A lamp; lit at night");
  g_assert_cmpstr (km_exhibit_get_description (lamp), ==,
                   "First paragraph, still the first.\n\nSecond paragraph with \"quotes\".");
  g_assert_cmpint (km_exhibit_get_date (lamp)->precision, ==, KM_DATE_PRECISION_MONTH);
  g_assert_cmpstr (km_exhibit_get_source_ids (lamp)[1], ==, "s2013-anniversary");
  g_assert_cmpstr (km_exhibit_get_entry_ids (lamp)[0], ==, "attack");

  /* An update keeps what the file has no column for (the id translation). */
  candle = km_content_store_lookup_exhibit (store, "candle");
  g_assert_cmpstr (km_exhibit_get_title (candle), ==, "Candle, renamed");
  g_assert_cmpstr (km_text_get (km_exhibit_get_title_text (candle), "az"), ==, "Şam");
  g_assert_cmpstr (km_text_get (km_exhibit_get_title_text (candle), "id"), ==, "Sebatang lilin untuk Khojaly");
  g_assert_cmpstr (km_exhibit_get_caption (candle), ==, "Cap");
}

static void
test_build (void)
{
  g_autofree char *pack = new_bundled_pack ("build");
  g_autoptr(GFile) dir = g_file_new_for_path (pack);
  g_autoptr(KmPackManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = g_build_filename (pack, "manifest.ini", NULL);
  gsize length;

  g_assert_cmpint (run_pack (NULL, NULL, "build", pack, "--version", "7", NULL), ==, 0);
  /* again: the old manifest does not list itself */
  g_assert_cmpint (run_pack (NULL, NULL, "build", pack, "--version", "8", NULL), ==, 0);

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  manifest = km_pack_manifest_parse (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (km_pack_manifest_get_version (manifest), ==, 8);
  g_assert_nonnull (km_pack_manifest_lookup (manifest, "exhibits.xml"));
  g_assert_nonnull (km_pack_manifest_lookup (manifest, "images/candle.svg"));
  g_assert_null (km_pack_manifest_lookup (manifest, "manifest.ini"));
  g_assert_true (km_pack_manifest_verify_dir (manifest, dir, &error));
  g_assert_no_error (error);
}

/* Each warning of check, triggered by a fixture; the bundled exhibition
 * has none.
 */
static void
test_check_warnings (void)
{
  g_autofree char *pack = new_bundled_pack ("check");
  g_autofree char *sources = fixture ("sources-check.csv");
  g_autofree char *exhibits = fixture ("exhibits-check.csv");
  g_autofree char *huge = g_build_filename (pack, "images", "huge.png", NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 8000, 10);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *az_line = NULL;
  g_autofree char *az_warning = NULL;
  guint translated = 0, total = 0;
  const char *expected[] = {
    "id: warning: 8 of ",
    "exhibits.xml: warning: exhibit “huge”: the image images/huge.png is 8000×10 pixels, far more than "
      "a 4K screen (3840×2160) shows",
    "sources.xml: warning: source “s-unused” is cited by no exhibit",
    "exhibits.xml: warning: exhibit “huge” is on no timeline entry",
    "exhibits.xml: warning: exhibit “huge”: the title has 60 characters; a gallery card shows two lines of about 24",
  };

  g_assert_cmpint (run_pack (&out, NULL, "check", pack, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "no errors, 0 warning(s)"));
  g_assert_nonnull (strstr (out, "az: "));
  g_assert_cmpint (sscanf (strstr (out, "az: "), "az: %u of %u texts translated (100%%)", &translated, &total), ==, 2);
  g_assert_cmpuint (translated, ==, total);
  g_assert_cmpuint (total, >, 300);
  g_clear_pointer (&out, g_free);
  /* The new source and exhibit bring 2 + 6 texts, in English only. */
  az_line = g_strdup_printf ("az: %u of %u texts translated", total, total + 8);
  az_warning = g_strdup_printf ("az: warning: 8 of %u texts have no translation: visitors who choose "
                                "this language read them in English\n", total + 8);

  gdk_pixbuf_fill (pixbuf, 0x808080ff);
  gdk_pixbuf_save (pixbuf, huge, "png", &error, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (run_pack (NULL, NULL, "import", pack, sources, NULL), ==, 0);
  g_assert_cmpint (run_pack (NULL, NULL, "import", pack, exhibits, NULL), ==, 0);

  g_assert_cmpint (run_pack (&out, NULL, "check", pack, NULL), ==, 0);
  g_assert_nonnull (strstr (out, az_line));
  g_assert_nonnull (strstr (out, az_warning));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (out, expected[i]));
  g_assert_nonnull (strstr (out, "no errors, 6 warning(s)"));

  /* An invalid pack: errors, exit status 1. */
  g_unlink (huge);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pack (&out, &err, "check", pack, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "image “images/huge.png” of exhibit “huge” does not exist"));
}

static char *
po_string (const char *text)
{
  g_autofree char *xml = g_markup_escape_text (text, -1);
  char exceptions[129] = { 0 };

  for (int i = 0; i < 128; i++)
    exceptions[i] = (char)(0x80 + i);

  return g_strescape (xml, exceptions);
}

/* translate, a translator's po, translate --merge: the pack shows the
 * translation; a fuzzy entry falls back to English.
 */
static void
test_translate (void)
{
  g_autofree char *pack = new_bundled_pack ("translate");
  g_autofree char *pot = g_build_filename (pack, "po", "pack.pot", NULL);
  g_autofree char *az = g_build_filename (pack, "po", "az.po", NULL);
  g_autofree char *id = g_build_filename (pack, "po", "id.po", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (pack);
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *po = NULL;
  g_autofree char *title = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *pot_text = NULL;
  g_autofree char *az_text = NULL;
  g_autofree char *id_before = NULL;
  KmExhibit *candle;

  km_content_store_load (store, dir, NULL, &error);
  g_assert_no_error (error);
  candle = km_content_store_lookup_exhibit (store, "candle");
  title = po_string (km_exhibit_get_title (candle));
  caption = po_string (km_exhibit_get_caption (candle));
  id_before = g_strdup (km_text_get (km_exhibit_get_title_text (candle), "id"));

  g_assert_cmpint (run_pack (&out, NULL, "translate", pack, NULL), ==, 0);
  pot_text = read_file (pack, "po/pack.pot");
  g_assert_nonnull (strstr (pot_text, title));
  /* untranslated text is not offered (citations are kept as published) */
  g_assert_null (strstr (pot_text, km_source_get_citation (km_content_store_lookup_source (store, "s2012-rally"))));
  /* the po starts from the translations the pack has */
  az_text = read_file (pack, "po/az.po");
  g_assert_nonnull (strstr (az_text, km_text_get (km_exhibit_get_title_text (candle), "az")));
  g_assert_nonnull (strstr (out, "po/az.po: "));
  g_assert_nonnull (strstr (out, " translated messages."));
  g_assert_null (strstr (out, "untranslated"));

  po = g_strdup_printf ("msgid \"\"\nmsgstr \"\"\n"
                        "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: az\\n\"\n\n"
                        "msgid \"%s\"\nmsgstr \"Sınaq başlığı\"\n\n"
                        "#, fuzzy\nmsgid \"%s\"\nmsgstr \"Qeyri-dəqiq\"\n", title, caption);
  g_file_set_contents (az, po, -1, &error);
  g_assert_no_error (error);
  g_unlink (id);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_pack (&out, NULL, "translate", "--merge", pack, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "az: 1 of "));
  g_assert_nonnull (strstr (out, "po/az.po: 1 translated message, 1 fuzzy translation."));

  g_clear_object (&store);
  store = km_content_store_new ();
  km_content_store_load (store, dir, NULL, &error);
  g_assert_no_error (error);
  candle = km_content_store_lookup_exhibit (store, "candle");
  g_assert_cmpstr (km_text_get (km_exhibit_get_title_text (candle), "az"), ==, "Sınaq başlığı");
  /* fuzzy: English */
  g_assert_false (km_text_has_lang (km_exhibit_get_caption_text (candle), "az"));
  g_assert_cmpstr (km_text_get (km_exhibit_get_caption_text (candle), "az"), ==, km_exhibit_get_caption (candle));
  /* no id.po: the pack's Indonesian stays */
  g_assert_cmpstr (km_text_get (km_exhibit_get_title_text (candle), "id"), ==, id_before);
}

/* The files of the media fixture: the pack tool checks only that media
 * files exist and are not empty (decoding them is the application's
 * --validate, with GStreamer and poppler), and parses the captions. */
static void
add_media_files (const char *pack)
{
  static const struct { const char *path; const char *text; } files[] = {
    { "media/test-bars.webm", "not decoded by the pack tool" },
    { "media/test-tone.ogg", "not decoded by the pack tool" },
    { "media/test-page.pdf", "not decoded by the pack tool" },
    { "captions/test-bars.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nA steady tone.\n" },
    { "captions/test-bars.az.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nSabit bir səs.\n" },
    { "captions/test-tone.vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\nA steady tone.\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (pack, files[i].path, NULL);
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
      g_file_set_contents (path, files[i].text, -1, &error);
      g_assert_no_error (error);
    }
}

static void
import_all (const char *pack,
            const char *csv_dir)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, g_strdup (g_getenv ("KM_PACK_BINARY")));
  g_ptr_array_add (argv, g_strdup ("import"));
  g_ptr_array_add (argv, g_strdup (pack));
  for (guint kind = 0; kind < KM_PACK_N_KINDS; kind++)
    g_ptr_array_add (argv, g_strdup_printf ("%s/%s.csv", csv_dir, km_pack_kind_get_info (kind)->name));
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char * const *)argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);
}

/* Video, audio and PDF exhibits: media, poster, captions per language,
 * transcript and transcription go from a spreadsheet into the XML, out
 * again into the same cells, and into another pack as the same XML. */
static void
test_media_round_trip (void)
{
  g_autofree char *a = new_bundled_pack ("media-a");
  g_autofree char *b = new_bundled_pack ("media-b");
  g_autofree char *csv_a = tmp_path ("media-csv-a");
  g_autofree char *csv_b = tmp_path ("media-csv-b");
  g_autofree char *fixture_csv = fixture ("exhibits-media.csv");
  g_autofree char *out = NULL;
  g_autofree char *xml_a = NULL;
  g_autofree char *xml_b = NULL;
  g_autofree char *sheet_a = NULL;
  g_autofree char *sheet_b = NULL;
  g_autoptr(GFile) a_file = g_file_new_for_path (a);
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  KmExhibit *exhibit;
  GPtrArray *captions;

  add_media_files (a);
  add_media_files (b);
  g_assert_cmpint (run_pack (&out, NULL, "import", a, fixture_csv, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "3 added"));

  /* The pack's texts are in az and id: captions missing in one of them
   * are a warning; a document has no captions to miss.
   */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_pack (&out, NULL, "check", a, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "exhibits.xml: warning: video exhibit “test-bars” has no captions in id "
                                 "(column captions:id), a language the pack's texts are in: visitors who "
                                 "choose it read the English captions\n"));
  g_assert_null (strstr (out, "“test-bars” has no captions in az"));
  g_assert_nonnull (strstr (out, "audio exhibit “test-tone” has no captions in az (column captions:az)"));
  g_assert_nonnull (strstr (out, "audio exhibit “test-tone” has no captions in id (column captions:id)"));
  g_assert_null (strstr (out, "“test-page” has no captions"));
  g_clear_pointer (&out, g_free);

  xml_a = read_file (a, "exhibits.xml");
  g_assert_nonnull (strstr (xml_a, "<exhibit id=\"test-bars\" kind=\"video\" media=\"media/test-bars.webm\" "
                                   "poster=\"images/candle.svg\" sources=\"s2012-rally\">"));
  g_assert_nonnull (strstr (xml_a, "    <captions src=\"captions/test-bars.vtt\"/>\n"
                                   "    <captions xml:lang=\"az\" src=\"captions/test-bars.az.vtt\"/>\n"));
  g_assert_nonnull (strstr (xml_a, "<transcription>The page shows a grey square and no text.</transcription>"));

  /* What the application reads. */
  g_assert_true (km_content_store_load (store, a_file, &errors, &error));
  g_assert_no_error (error);
  exhibit = km_content_store_lookup_exhibit (store, "test-bars");
  g_assert_nonnull (exhibit);
  g_assert_true (km_exhibit_is_media (exhibit));
  g_assert_cmpstr (km_exhibit_get_media (exhibit), ==, "media/test-bars.webm");
  g_assert_cmpstr (km_exhibit_get_image (exhibit), ==, "images/candle.svg");
  captions = km_exhibit_get_captions (exhibit);
  g_assert_cmpuint (captions->len, ==, 2);
  g_assert_cmpstr (km_text_get (km_exhibit_get_transcript_text (exhibit), "az"), ==,
                   "Rəngli zolaqlar üzərində sabit bir səs eşidilir.");
  exhibit = km_content_store_lookup_exhibit (store, "test-page");
  g_assert_true (km_exhibit_is_pdf (exhibit));
  g_assert_cmpstr (km_exhibit_get_transcript (exhibit), ==, "The page shows a grey square and no text.");

  /* Out and into another pack: the same cells, the same XML. */
  g_assert_cmpint (run_pack (NULL, NULL, "export", a, csv_a, NULL), ==, 0);
  sheet_a = read_file (csv_a, "exhibits.csv");
  g_assert_nonnull (strstr (sheet_a, "\"id\",\"kind\",\"image\",\"media\",\"poster\",\"date\","));
  g_assert_nonnull (strstr (sheet_a, ",\"captions\",\"captions:az\",\"captions:id\",\"transcript\",\"transcript:az\","));
  import_all (b, csv_a);
  xml_b = read_file (b, "exhibits.xml");
  g_assert_cmpstr (xml_a, ==, xml_b);
  g_assert_cmpint (run_pack (NULL, NULL, "export", b, csv_b, NULL), ==, 0);
  sheet_b = read_file (csv_b, "exhibits.csv");
  g_assert_cmpstr (sheet_a, ==, sheet_b);
}

/* Runs the tool with KM_BINARY set, from @cwd; returns its exit status. */
static int
run_pack_with_app (const char  *app,
                   const char  *cwd,
                   char       **err,
                   const char  *const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "KM_BINARY", app, TRUE);
  g_subprocess_launcher_set_cwd (launcher, cwd);
  g_ptr_array_add (argv, (gpointer) g_getenv ("KM_PACK_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  return g_subprocess_get_exit_status (proc);
}

/* preview runs the application (KM_BINARY) in its place, on the folder's
 * absolute path, with the options it was given, and exits as it exits.
 * The application's side is test-preview. */
static void
test_preview (void)
{
  g_autofree char *pack = new_bundled_pack ("preview");
  g_autofree char *app = tmp_path ("fake-khojaly-memorial");
  g_autofree char *args_path = tmp_path ("preview-args.txt");
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$@\" > '%s'\nexit 7\n", args_path);
  g_autofree char *expected = g_strdup_printf ("--preview=%s\n--language=az\n--view=timeline\n", pack);
  g_autofree char *args = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (app, script, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (app, 0755), ==, 0);

  /* A relative folder, as a curator types it. */
  g_assert_cmpint (run_pack_with_app (app, tmp_root, &err,
                                      (const char *[]) { "preview", "preview", "--language=az", "--view", "timeline", NULL }),
                   ==, 7);
  g_assert_cmpstr (err, ==, "");
  args = read_file (tmp_root, "preview-args.txt");
  g_assert_cmpstr (args, ==, expected);

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pack_with_app (app, tmp_root, &err, (const char *[]) { "preview", "no-such-pack", NULL }), ==, 1);
  g_assert_true (g_str_has_prefix (err, "no-such-pack: not a folder"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pack_with_app ("/nonexistent/khojaly-memorial", tmp_root, &err,
                                      (const char *[]) { "preview", pack, NULL }), ==, 1);
  g_assert_true (g_str_has_prefix (err, "/nonexistent/khojaly-memorial: the application is not installed there"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_pack_with_app (app, tmp_root, &err, (const char *[]) { "preview", NULL }), ==, 2);
  g_assert_nonnull (strstr (err, "missing argument"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmp_root = g_dir_make_tmp ("km-test-pack-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/km/pack/exit-codes", test_exit_codes);
  g_test_add_func ("/km/pack/no-toolkit", test_no_toolkit);
  g_test_add_func ("/km/pack/new-empty", test_new_empty);
  g_test_add_func ("/km/pack/round-trip", test_round_trip);
  g_test_add_func ("/km/pack/import-libreoffice", test_import_libreoffice);
  g_test_add_func ("/km/pack/build", test_build);
  g_test_add_func ("/km/pack/check-warnings", test_check_warnings);
  g_test_add_func ("/km/pack/translate", test_translate);
  g_test_add_func ("/km/pack/preview", test_preview);
  g_test_add_func ("/km/pack/media-round-trip", test_media_round_trip);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/km/pack/import-error/%s", error_cases[i].fixture);

      g_test_add_data_func (path, &error_cases[i], test_import_error);
    }

  ret = g_test_run ();

  {
    g_autoptr(GFile) root = g_file_new_for_path (tmp_root);

    km_test_remove_tree (root);
  }
  g_free (tmp_root);

  return ret;
}
