/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "km-content-checked.h"
#include "km-content-error.h"
#include "km-content-store.h"
#include "km-pack-dir.h"
#include "km-pack-manifest.h"
#include "km-test-files.h"

/* The records of checked packs (#19): a pack checked once does not decode
 * its images at the next start; a changed pack, or a record that is not
 * whole and of this version, means a full check again. Links the test
 * build of the core (KM_CRASH_AT) and no toolkit.
 */

typedef struct
{
  char  *root_path;
  GFile *pack;
  GFile *records;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *valid_path = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "content", "valid", NULL);
  g_autoptr(GFile) valid = g_file_new_for_path (valid_path);
  g_autoptr(GError) error = NULL;

  f->root_path = g_dir_make_tmp ("km-checked-XXXXXX", &error);
  g_assert_no_error (error);
  f->pack = g_file_new_build_filename (f->root_path, "pack", NULL);
  f->records = g_file_new_build_filename (f->root_path, "records", NULL);
  km_test_copy_tree (valid, f->pack);
  km_content_checked_set_dir (f->records);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) root = g_file_new_for_path (f->root_path);

  km_content_checked_set_dir (NULL);
  km_pack_dir_remove_tree (root);
  g_clear_object (&f->pack);
  g_clear_object (&f->records);
  g_free (f->root_path);
}

/* The names of the records in the folder, sorted. */
static GPtrArray *
list_records (Fixture *f)
{
  g_autofree char *path = g_file_get_path (f->records);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  return names;
}

static char *
read_record (Fixture *f)
{
  g_autoptr(GPtrArray) names = list_records (f);
  g_autofree char *path = NULL;
  char *contents = NULL;

  g_assert_cmpuint (names->len, ==, 1);
  path = g_build_filename (f->root_path, "records", g_ptr_array_index (names, 0), NULL);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static gboolean
load (Fixture    *f,
      GPtrArray **errors)
{
  g_autoptr(KmContentStore) store = km_content_store_new ();

  return km_content_store_load (store, f->pack, errors, NULL);
}

static void
replace_file (GFile      *dir,
              const char *name,
              const char *contents)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (dir, name);

  g_assert_true (g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
}

/* The first load checks everything and writes one record, whose text is
 * the one form of the format.
 */
static void
test_written (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *record = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *expected_name = NULL;

  g_assert_true (load (f, NULL));
  record = read_record (f);
  lines = g_strsplit (record, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "khojaly-memorial checked pack");
  g_assert_cmpstr (lines[1], ==, "version 1");
  g_assert_true (g_str_has_prefix (lines[2], "fingerprint "));
  /* Only the record, named after the fingerprint: no temporary file. */
  names = list_records (f);
  g_assert_cmpuint (names->len, ==, 1);
  expected_name = g_strconcat (lines[2] + strlen ("fingerprint "), ".checked", NULL);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, expected_name);

  /* The same pack again: the same single record. */
  g_assert_true (load (f, NULL));
  g_clear_pointer (&names, g_ptr_array_unref);
  names = list_records (f);
  g_assert_cmpuint (names->len, ==, 1);
}

/* A pack whose image broke after its check is checked again: the image
 * no longer decodes, and the load fails as it did before records existed.
 */
static void
test_edited_rechecked (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autofree char *message = NULL;

  g_assert_true (load (f, NULL));
  replace_file (f->pack, "images/candle.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"");

  g_assert_false (load (f, &errors));
  g_assert_cmpuint (errors->len, ==, 1);
  message = km_content_error_to_string (g_ptr_array_index (errors, 0));
  g_assert_nonnull (strstr (message, "does not decode"));
  /* The broken pack left no record of its own. */
  g_clear_pointer (&errors, g_ptr_array_unref);
  {
    g_autoptr(GPtrArray) names = list_records (f);

    g_assert_cmpuint (names->len, ==, 1);
  }
}

/* Overwrites @path with as many other bytes, then puts its modification
 * time back: only the change time (set by the kernel) tells.
 */
static void
edit_keeping_size_and_time (const char *path)
{
  g_autofree char *contents = NULL;
  struct stat before, after;
  struct timespec times[2];
  gsize length;

  g_assert_cmpint (stat (path, &before), ==, 0);
  /* Past the clock tick the file was written in: the kernel's change
   * time may be that coarse.
   */
  g_usleep (30 * 1000);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  contents[0] = contents[0] == 'x' ? 'y' : 'x';
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  times[0] = before.st_atim;
  times[1] = before.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  g_assert_cmpint (stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_size, ==, before.st_size);
  g_assert_cmpint (after.st_mtim.tv_sec, ==, before.st_mtim.tv_sec);
  g_assert_cmpint (after.st_mtim.tv_nsec, ==, before.st_mtim.tv_nsec);
}

/* An edit that keeps the file's size and modification time (a tool that
 * restores it, a copy with its times) is seen too: its change time moved.
 */
static void
test_edited_same_size_and_time (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GFile) image = g_file_resolve_relative_path (f->pack, "images/candle.svg");
  g_autofree char *path = g_file_get_path (image);
  g_autoptr(GPtrArray) errors = NULL;

  g_assert_true (load (f, NULL));
  /* No longer an image, and it looks as before. */
  edit_keeping_size_and_time (path);

  g_assert_false (load (f, &errors));
  g_assert_cmpuint (errors->len, ==, 1);
}

/* An edited XML file is checked again too, to its new errors. */
static void
test_edited_xml_rechecked (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) errors = NULL;

  g_assert_true (load (f, NULL));
  replace_file (f->pack, "sources.xml", "<?xml version=\"1.0\"?>\n<sources>\n");
  g_assert_false (load (f, &errors));
  g_assert_cmpuint (errors->len, >, 0);
}

/* A record is what makes a load skip decoding: one written for a pack
 * whose image does not decode (which no check would ever write) is
 * trusted, and only the fingerprint of exactly that pack matches it.
 */
static void
test_record_skips_decoding (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KmContentStore) store = km_content_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *xml_only = NULL;
  g_autofree char *fingerprint = NULL;
  const char *names[] = { "sources.xml", "exhibits.xml", "timeline.xml", "statistics.xml" };
  GListModel *exhibits;

  replace_file (f->pack, "images/candle.svg", "not an image");
  g_assert_false (load (f, &errors));
  {
    g_autoptr(GPtrArray) names = list_records (f);

    g_assert_cmpuint (names->len, ==, 0);
  }

  /* The files a load reads, in its order: the XML files, then each
   * exhibit's (here only images).
   */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (files, g_file_get_child (f->pack, names[i]));
  xml_only = km_content_checked_fingerprint (f->pack, files);
  g_assert_true (km_content_store_load_with_flags (store, f->pack, KM_CONTENT_LOAD_SKIP_IMAGE_DECODE, NULL, &error));
  g_assert_no_error (error);
  exhibits = km_content_store_get_exhibits (store);
  for (guint i = 0; i < g_list_model_get_n_items (exhibits); i++)
    {
      g_autoptr(KmExhibit) exhibit = g_list_model_get_item (exhibits, i);

      g_assert_null (km_exhibit_get_media_file (exhibit));
      g_ptr_array_add (files, g_object_ref (km_exhibit_get_image_file (exhibit)));
    }
  fingerprint = km_content_checked_fingerprint (f->pack, files);
  g_assert_nonnull (fingerprint);
  g_assert_cmpstr (fingerprint, !=, xml_only);

  /* A record of another set of files changes nothing. */
  g_assert_true (km_content_checked_store (f->records, xml_only, &error));
  g_assert_no_error (error);
  g_clear_pointer (&errors, g_ptr_array_unref);
  g_assert_false (load (f, &errors));

  /* The pack's own record is trusted: its images are not decoded. */
  g_assert_true (km_content_checked_store (f->records, fingerprint, &error));
  g_assert_no_error (error);
  g_assert_true (load (f, NULL));

  /* Touching the file (its change time) makes it checked again. */
  replace_file (f->pack, "images/candle.svg", "not an image");
  g_clear_pointer (&errors, g_ptr_array_unref);
  g_assert_false (load (f, &errors));

  /* A file that does not exist has no fingerprint. */
  g_ptr_array_add (files, g_file_get_child (f->pack, "images/none.svg"));
  g_assert_null (km_content_checked_fingerprint (f->pack, files));
}

/* Whatever stands in a record's place that is not the whole record of
 * this version is ignored: the load checks everything again and writes
 * the record anew.
 */
static void
test_bad_record_rebuilt (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *good = NULL;
  g_autofree char *path = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_assert_true (load (f, NULL));
  good = read_record (f);
  names = list_records (f);
  path = g_build_filename (f->root_path, "records", g_ptr_array_index (names, 0), NULL);
  fingerprint = g_strndup (g_ptr_array_index (names, 0), 64);

  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *bad = NULL;
      g_autofree char *now = NULL;
      g_autofree char *other = NULL;

      switch (i)
        {
        case 0: /* truncated */
          bad = g_strndup (good, strlen (good) / 2);
          break;
        case 1: /* empty */
          bad = g_strdup ("");
          break;
        case 2: /* another version, otherwise well formed */
          {
            g_auto(GStrv) parts = g_strsplit (good, "version 1\n", 2);

            bad = g_strconcat (parts[0], "version 2\n", parts[1], NULL);
          }
          break;
        case 3: /* one byte of the fingerprint changed */
          bad = g_strdup (good);
          bad[strlen ("khojaly-memorial checked pack\nversion 1\nfingerprint ") + 5] ^= 1;
          break;
        case 4: /* the sum changed */
          bad = g_strdup (good);
          bad[strlen (bad) - 3] = bad[strlen (bad) - 3] == '0' ? '1' : '0';
          break;
        case 5: /* a whole record, but of another pack */
          other = g_strnfill (64, 'a');
          bad = km_content_checked_format_record (other);
          break;
        case 6: /* the record followed by garbage */
          bad = g_strconcat (good, "x", NULL);
          break;
        }

      g_assert_true (g_file_set_contents (path, bad, -1, NULL));
      g_assert_false (km_content_checked_lookup (f->records, fingerprint));
      g_assert_true (load (f, NULL));
      g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
      g_assert_cmpstr (now, ==, good);
      g_assert_true (km_content_checked_lookup (f->records, fingerprint));
    }
}

/* Records of packs since replaced do not pile up. */
static void
test_pruned (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *fingerprint = g_strdup_printf ("%064x", i);

      g_assert_true (km_content_checked_store (f->records, fingerprint, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(GPtrArray) names = list_records (f);

    g_assert_cmpuint (names->len, ==, 8);
  }
}

/* Without a folder (the curator's tool), nothing is recorded. */
static void
test_no_dir (Fixture       *f,
             gconstpointer  data)
{
  km_content_checked_set_dir (NULL);
  g_assert_true (load (f, NULL));
  {
    g_autoptr(GPtrArray) names = list_records (f);

    g_assert_cmpuint (names->len, ==, 0);
  }
}

/* A generated pack whose images are checked on several threads: every
 * broken one is reported, in the order of the file, as one thread would.
 */
static void
test_parallel_check (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *script = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "gen-content-pack.py", NULL);
  g_autofree char *dir = g_build_filename (f->root_path, "generated", NULL);
  g_autoptr(GFile) generated = g_file_new_for_path (dir);
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "python3", script, "--exhibits", "120", "--entries", "40",
                         "--sections", "4", "--figures", "20", dir, NULL };
  const guint broken[] = { 5, 17, 18, 99 };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  errors = km_content_store_validate_dir (generated);
  g_assert_cmpuint (errors->len, ==, 0);
  g_clear_pointer (&errors, g_ptr_array_unref);

  for (guint i = G_N_ELEMENTS (broken); i > 0; i--)
    {
      g_autofree char *name = g_strdup_printf ("images/ex-%05u.svg", broken[i - 1]);

      replace_file (generated, name, i % 2 ? "<svg xmlns=\"http://www.w3.org/2000/svg\"" : "not an image");
    }

  errors = km_content_store_validate_dir (generated);
  g_assert_cmpuint (errors->len, ==, G_N_ELEMENTS (broken));
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *message = km_content_error_to_string (g_ptr_array_index (errors, i));
      g_autofree char *expected = g_strdup_printf ("image “images/ex-%05u.svg” of exhibit “ex-%05u” does not decode",
                                                   broken[i], broken[i]);

      g_assert_nonnull (strstr (message, expected));
    }
}

static void
test_child (void)
{
  const char *root = g_getenv ("KM_CHECKED_TEST_ROOT");
  g_autoptr(GFile) pack = NULL;
  g_autoptr(GFile) records = NULL;
  g_autoptr(KmContentStore) store = km_content_store_new ();

  if (!g_test_subprocess ())
    {
      g_test_skip ("only runs as the child of a crash test");
      return;
    }

  pack = g_file_new_build_filename (root, "pack", NULL);
  records = g_file_new_build_filename (root, "records", NULL);
  km_content_checked_set_dir (records);
  km_content_store_load (store, pack, NULL, NULL);
  /* Still alive: the crash point was not reached. */
}

/* A kill just before, half-way through or after the record is written
 * leaves a pack that opens, and either no record or a whole one; half of
 * one is never under the record's name, and the next write removes it.
 */
static void
test_crash (Fixture       *f,
            gconstpointer  data)
{
  const char *step = data;
  g_autoptr(GPtrArray) names = NULL;

  g_setenv ("KM_CHECKED_TEST_ROOT", f->root_path, TRUE);
  g_setenv ("KM_CRASH_AT", step, TRUE);
  g_test_trap_subprocess ("/km/content-checked/child", 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("KM_CRASH_AT");
  g_test_trap_assert_failed ();

  names = list_records (f);
  if (g_str_equal (step, "checked-before-write"))
    g_assert_cmpuint (names->len, ==, 0);
  else if (g_str_equal (step, "checked-during-write"))
    {
      const char *name = g_ptr_array_index (names, 0);
      g_autofree char *fingerprint = g_strndup (name, 64);
      g_autofree char *path = g_build_filename (f->root_path, "records", name, NULL);
      g_autofree char *part = NULL;
      g_autofree char *whole = NULL;

      /* Only the part written, under a name of its own. */
      g_assert_cmpuint (names->len, ==, 1);
      g_assert_false (g_str_has_suffix (name, ".checked"));
      g_assert_true (g_str_has_prefix (name + 64, ".checked."));
      g_assert_false (km_content_checked_lookup (f->records, fingerprint));
      g_assert_true (g_file_get_contents (path, &part, NULL, NULL));
      whole = km_content_checked_format_record (fingerprint);
      g_assert_cmpuint (strlen (part), >, 0);
      g_assert_cmpuint (strlen (part), <, strlen (whole));
      g_assert_true (g_str_has_prefix (whole, part));
    }
  else
    {
      g_autofree char *record = read_record (f);
      g_autofree char *fingerprint = g_strndup (g_ptr_array_index (names, 0), 64);

      g_assert_true (km_content_checked_lookup (f->records, fingerprint));
      g_assert_true (g_str_has_prefix (record, "khojaly-memorial checked pack\n"));
    }

  /* The next start opens the pack and leaves one whole record. */
  g_assert_true (load (f, NULL));
  g_clear_pointer (&names, g_ptr_array_unref);
  names = list_records (f);
  g_assert_cmpuint (names->len, ==, 1);
  {
    g_autofree char *fingerprint = g_strndup (g_ptr_array_index (names, 0), 64);

    g_assert_true (km_content_checked_lookup (f->records, fingerprint));
  }
}


/* A generated pack of @exhibits exhibits, an image each, in ROOT/NAME. */
static GFile *
generate_pack (Fixture    *f,
               const char *name,
               guint       exhibits)
{
  g_autofree char *script = g_build_filename (g_getenv ("KM_TEST_SRCDIR"), "gen-content-pack.py", NULL);
  g_autofree char *dir = g_build_filename (f->root_path, name, NULL);
  g_autofree char *count = g_strdup_printf ("%u", exhibits);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "python3", script, "--exhibits", count, dir, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_file_new_for_path (dir);
}

/* Writes DIR/.km-manifest describing every file of @dir; returns how many. */
static guint
write_manifest (GFile  *dir,
                gint64  version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KmPackManifest) manifest = km_pack_manifest_new_for_dir (dir, version, &error);
  g_autoptr(GFile) file = g_file_get_child (dir, KM_PACK_MANIFEST_NAME);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_no_error (error);
  data = km_pack_manifest_to_data (manifest, &length);
  g_assert_true (g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  return km_pack_manifest_get_n_files (manifest);
}

static gboolean
verify_recorded (Fixture  *f,
                 GFile    *dir,
                 guint64  *hashed,
                 GError  **error)
{
  g_autoptr(KmPackManifest) manifest = km_pack_manifest_load (dir, NULL);
  guint n_hashed = G_MAXUINT;
  gboolean ok;

  g_assert_nonnull (manifest);
  ok = km_pack_manifest_verify_dir_recorded (manifest, dir, f->records, &n_hashed, error);
  g_assert_cmpuint (n_hashed, <=, km_pack_manifest_get_n_files (manifest));
  *hashed = n_hashed;
  return ok;
}

/* What the start says it hashed (km-pack-dir.c's debug line). */
typedef struct
{
  gint     n_hashed;   /* -1 until said */
  guint    n_files;
  gboolean vouched;    /* by a recorded verification */
} StartHashed;

static void
on_pack_dir_debug_cb (const char     *domain,
                      GLogLevelFlags  level,
                      const char     *message,
                      gpointer        data)
{
  StartHashed *said = data;
  g_autoptr(GRegex) regex = g_regex_new ("^content pack version \\d+ in .*: (\\d+) of (\\d+) files hashed"
                                         "(, a recorded verification vouched for them)?$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *n_hashed = NULL;
  g_autofree char *n_files = NULL;
  g_autofree char *vouched = NULL;

  if (!g_regex_match (regex, message, 0, &match))
    return;
  /* One pack loaded a round, in this test. */
  g_assert_cmpint (said->n_hashed, ==, -1);
  n_hashed = g_match_info_fetch (match, 1);
  n_files = g_match_info_fetch (match, 2);
  vouched = g_match_info_fetch (match, 3);
  said->n_hashed = (gint) g_ascii_strtoll (n_hashed, NULL, 10);
  said->n_files = (guint) g_ascii_strtoull (n_files, NULL, 10);
  said->vouched = vouched != NULL && *vouched != '\0';
}

/* A pack of 2,000 exhibits (a fifth of #19's largest, so the test stays
 * quick), an image each: verified against its manifest once, then trusted
 * while no file changed; one file edited after, its size and modification
 * time kept, means every file hashed again and the pack rejected.
 */
static void
test_manifest_verified_once (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GFile) pack = generate_pack (f, "generated", 2000);
  g_autoptr(GFile) image = g_file_resolve_relative_path (pack, "images/ex-01234.svg");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  guint n_files = write_manifest (pack, 3);
  guint64 hashed;

  g_assert_cmpuint (n_files, >, 2000);
  g_assert_true (verify_recorded (f, pack, &hashed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hashed, ==, n_files);
  names = list_records (f);
  g_assert_cmpuint (names->len, ==, 1);

  /* Unchanged: nothing hashed, nothing written. */
  g_assert_true (verify_recorded (f, pack, &hashed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hashed, ==, 0);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = list_records (f);
  g_assert_cmpuint (names->len, ==, 1);

  edit_keeping_size_and_time (g_file_peek_path (image));
  g_assert_false (verify_recorded (f, pack, &hashed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "“images/ex-01234.svg” does not match the manifest"));
  g_assert_cmpuint (hashed, >, 0);
  g_clear_error (&error);

  /* And again: a failed verification is not remembered. */
  g_assert_false (verify_recorded (f, pack, &hashed, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (hashed, >, 0);
}

/* The record of the content check of the same files is not taken for a
 * verification; the manifest's own record, truncated, is ignored and
 * written again.
 */
static void
test_manifest_bad_record (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) content_names = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *path = NULL;
  g_autofree char *good = NULL;
  g_autofree char *now = NULL;
  guint n_files;
  guint64 hashed;

  n_files = write_manifest (f->pack, 1);
  g_assert_true (load (f, NULL));
  content_names = list_records (f);
  g_assert_cmpuint (content_names->len, ==, 1);

  g_assert_true (verify_recorded (f, f->pack, &hashed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hashed, ==, n_files);
  names = list_records (f);
  g_assert_cmpuint (names->len, ==, 2);
  for (guint i = 0; i < names->len && path == NULL; i++)
    if (!g_str_equal (g_ptr_array_index (names, i), g_ptr_array_index (content_names, 0)))
      path = g_build_filename (f->root_path, "records", g_ptr_array_index (names, i), NULL);
  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &good, NULL, NULL));

  g_assert_true (g_file_set_contents (path, good, strlen (good) / 2, NULL));
  g_assert_true (verify_recorded (f, f->pack, &hashed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hashed, ==, n_files);
  g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
  g_assert_cmpstr (now, ==, good);

  g_assert_true (verify_recorded (f, f->pack, &hashed, &error));
  g_assert_cmpuint (hashed, ==, 0);
}

/* The start of an installed pack (km_pack_dir_recover()): the first start
 * after the install hashes every file, the next none; a file edited on
 * disk since, its size and time kept, is hashed and the pack rejected,
 * the bundled exhibition shown with a notice. The edited file is one no
 * exhibit references: only the manifest can tell. What was hashed is
 * what the start says at debug level.
 */
static void
test_installed_start (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) base = g_file_new_build_filename (f->root_path, "packs", NULL);
  g_autoptr(GFile) staging = NULL;
  g_autoptr(GFile) installed = NULL;
  g_autoptr(GFile) notes = NULL;
  g_autoptr(GError) error = NULL;
  StartHashed said = { -1, 0, FALSE };
  guint handler;
  guint n_files;

  staging = km_pack_dir_make_staging (base, &error);
  g_assert_no_error (error);
  km_test_copy_tree (f->pack, staging);
  replace_file (staging, "notes.txt", "Read by no exhibit; the manifest names it.\n");
  n_files = write_manifest (staging, 5);
  g_assert_true (km_pack_dir_install (base, staging, 5, &installed, &error));
  g_assert_no_error (error);
  notes = g_file_get_child (installed, "notes.txt");

  handler = g_log_set_handler ("km-pack-dir", G_LOG_LEVEL_DEBUG, on_pack_dir_debug_cb, &said);
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(KmContentStore) store = km_content_store_new ();
      g_autoptr(GFile) loaded = NULL;
      g_autofree char *notice = NULL;
      gint64 version = 0;

      said.n_hashed = -1;
      if (round == 2)
        edit_keeping_size_and_time (g_file_peek_path (notes));

      if (round < 2)
        {
          g_assert_true (km_pack_dir_recover (base, store, &loaded, &version, &notice));
          g_assert_cmpint (version, ==, 5);
          g_assert_null (notice);
          g_assert_true (g_file_equal (loaded, installed));
          g_assert_cmpint (said.n_hashed, ==, round == 0 ? (gint) n_files : 0);
          g_assert_cmpint (said.vouched, ==, round == 1);
        }
      else
        {
          g_assert_false (km_pack_dir_recover (base, store, &loaded, &version, &notice));
          g_assert_nonnull (notice);
          g_assert_null (loaded);
          g_assert_cmpint (said.n_hashed, >, 0);
          g_assert_false (said.vouched);
          g_assert_null (km_pack_dir_resolve (base, "active"));
        }
      g_assert_cmpuint (said.n_files, ==, n_files);
    }
  g_log_remove_handler ("km-pack-dir", handler);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/km/content-checked/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("written", test_written);
  ADD ("edited-image-rechecked", test_edited_rechecked);
  ADD ("edited-xml-rechecked", test_edited_xml_rechecked);
  ADD ("edited-same-size-and-time-rechecked", test_edited_same_size_and_time);
  ADD ("record-skips-decoding", test_record_skips_decoding);
  ADD ("bad-record-rebuilt", test_bad_record_rebuilt);
  ADD ("pruned", test_pruned);
  ADD ("no-dir", test_no_dir);
  ADD ("parallel-check", test_parallel_check);
  ADD ("manifest-verified-once", test_manifest_verified_once);
  ADD ("manifest-bad-record", test_manifest_bad_record);
  ADD ("installed-start", test_installed_start);
#undef ADD
  g_test_add_func ("/km/content-checked/child", test_child);
  g_test_add ("/km/content-checked/crash/before-write", Fixture, "checked-before-write",
              fixture_set_up, test_crash, fixture_tear_down);
  g_test_add ("/km/content-checked/crash/during-write", Fixture, "checked-during-write",
              fixture_set_up, test_crash, fixture_tear_down);
  g_test_add ("/km/content-checked/crash/after-write", Fixture, "checked-after-write",
              fixture_set_up, test_crash, fixture_tear_down);

  return g_test_run ();
}
