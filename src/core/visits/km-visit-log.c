/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-visit-log"

#include "config.h"

#include <csv.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "km-i18n.h"
#include "km-pack-dir.h"
#include "km-visit-log.h"

/* Anonymous visit figures (#23): per hour of the wall clock, how many
 * visits began, how long they lasted (KM_VISIT_LOG_N_BUCKETS buckets), the
 * language each ended in, and how often each view, exhibit and timeline
 * entry was opened. Nothing finer than the hour, no order of steps, no
 * text a visitor typed: a visit's opens are kept apart until it ends and
 * then only added to the hour's counts.
 *
 * The file is a GKeyFile, written whole and atomically (a ".new" file
 * renamed over it) after each visit, and read strictly: anything unknown
 * or inconsistent sets the whole file aside as "*.corrupt-DATE".
 *
 *   [Visit Log]
 *   Version=1
 *
 *   [Hour 2026-02-26T10:00:00Z]
 *   Visits=3
 *   VisitLength=1;2;0;0;0;0;0
 *   Language:az=2
 *   Language:en=1
 *   View:gallery=3
 *   Exhibit:candle=1
 *   Entry:decree-1992=1
 */

#define HEADER_GROUP     "Visit Log"
#define HOUR_PREFIX      "Hour "
#define MS_PER_HOUR      (G_GINT64_CONSTANT (3600) * 1000)
/* Far above a year of rows with every exhibit opened every hour. */
#define MAX_FILE_BYTES   (64 * 1024 * 1024)
/* Per count; a kiosk sees far fewer visits in an hour. */
#define MAX_COUNT        1000000
#define MAX_ID_LENGTH    64

static const guint bucket_bounds[KM_VISIT_LOG_N_BUCKETS - 1] = { 30, 60, 120, 300, 600, 1200 };
static const char * const bucket_names[KM_VISIT_LOG_N_BUCKETS] = {
  "0-30s", "30-60s", "1-2min", "2-5min", "5-10min", "10-20min", "20min+",
};
static const char * const open_prefixes[] = { "View", "Exhibit", "Entry" };
static const char * const default_views[] = { "gallery", "timeline", "statistics", NULL };

typedef struct
{
  gint64      hour;                 /* Unix time / 3600 */
  guint       visits;
  guint       lengths[KM_VISIT_LOG_N_BUCKETS];
  GHashTable *counts;               /* "Language:az", "Exhibit:ID" → count */
} Row;

struct _KmVisitLog
{
  GObject         parent_instance;

  KmClock        *clock;
  KmContentStore *store;
  char           *path;
  guint           max_rows;
  gboolean        enabled;
  GStrv           view_names;

  GTree          *rows;             /* &hour → Row */

  /* The visit going on: kept apart until it ends. */
  gboolean        in_visit;
  gint64          visit_start_ms;
  gint64          visit_real_ms;
  gint64          visit_last_ms;
  GHashTable     *visit_counts;
  char           *last_open[KM_VISIT_OPEN_ENTRY + 1];

  /* Since the process started, for /metrics. */
  guint64         visits_total;
  guint64         lengths_total[KM_VISIT_LOG_N_BUCKETS];
  guint64         length_sum_seconds;
  GHashTable     *counts_total;     /* as Row.counts */
  gboolean        open;
  gint64          open_since_ms;
  gint64          open_ms_total;

  /* A file that could not be read, set aside. */
  char           *set_aside_name;
  char           *set_aside_reason;
  gboolean        save_failed;
};

G_DEFINE_FINAL_TYPE (KmVisitLog, km_visit_log, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_QUARK (km-visit-log-error-quark, km_visit_log_error)

static Row *
row_new (gint64 hour)
{
  Row *row = g_new0 (Row, 1);

  row->hour = hour;
  row->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return row;
}

static void
row_free (Row *row)
{
  g_hash_table_unref (row->counts);
  g_free (row);
}

static int
compare_hours (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static GTree *
rows_new (void)
{
  return g_tree_new_full (compare_hours, NULL, NULL, (GDestroyNotify) row_free);
}

static void
add_count (GHashTable *counts,
           const char *key,
           guint64     n)
{
  gpointer old = g_hash_table_lookup (counts, key);
  guint64 sum = MIN (GPOINTER_TO_SIZE (old) + n, (guint64) G_MAXUINT);

  g_hash_table_replace (counts, g_strdup (key), GSIZE_TO_POINTER ((gsize) sum));
}

/* Pack ids go into keys, labels and CSV cells: letters, digits and
 * "_.:-", starting with a letter or digit (never a spreadsheet formula). */
static gboolean
is_valid_id (const char *id)
{
  gsize length;

  if (id == NULL || !g_ascii_isalnum (id[0]))
    return FALSE;
  length = strlen (id);
  if (length > MAX_ID_LENGTH)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (id[i]) && strchr ("_.:-", id[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
is_real_language (const char *code)
{
  /* Not the pseudo-locale the translators' tests use. */
  return code != NULL && km_i18n_lookup_language (code) != NULL && strchr (code, '@') == NULL;
}

/* Whether "Prefix:id" names something countable. */
static gboolean
is_valid_count_key (const char *key)
{
  const char *colon = strchr (key, ':');
  g_autofree char *prefix = NULL;

  if (colon == NULL)
    return FALSE;
  prefix = g_strndup (key, colon - key);
  if (g_str_equal (prefix, "Language"))
    return is_real_language (colon + 1);
  for (guint i = 0; i < G_N_ELEMENTS (open_prefixes); i++)
    if (g_str_equal (prefix, open_prefixes[i]))
      return is_valid_id (colon + 1);
  return FALSE;
}

static guint
bucket_of (gint64 seconds)
{
  for (guint i = 0; i < G_N_ELEMENTS (bucket_bounds); i++)
    if (seconds < bucket_bounds[i])
      return i;
  return KM_VISIT_LOG_N_BUCKETS - 1;
}

static char *
format_hour_utc (gint64 hour)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (hour * 3600);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* Reading */

static gboolean
corrupt (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
corrupt (GError     **error,
         const char  *format,
         ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, KM_VISIT_LOG_ERROR, KM_VISIT_LOG_ERROR_CORRUPT, message);
  g_free (message);
  return FALSE;
}

static gboolean
parse_count (const char  *text,
             guint64      min,
             guint       *out)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, min, MAX_COUNT, &value, NULL))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
parse_hour (const char *group,
            gint64     *hour_out)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *again = NULL;
  gint64 unix_time;

  if (!g_str_has_prefix (group, HOUR_PREFIX))
    return FALSE;
  time = g_date_time_new_from_iso8601 (group + strlen (HOUR_PREFIX), NULL);
  if (time == NULL)
    return FALSE;
  unix_time = g_date_time_to_unix (time);
  if (unix_time < 0 || unix_time % 3600 != 0)
    return FALSE;
  /* Exactly as it is written, so that each hour has one group. */
  again = format_hour_utc (unix_time / 3600);
  if (!g_str_equal (again, group + strlen (HOUR_PREFIX)))
    return FALSE;
  *hour_out = unix_time / 3600;
  return TRUE;
}

static gboolean
parse_row (GKeyFile    *file,
           const char  *group,
           GTree       *rows,
           GError     **error)
{
  g_auto(GStrv) keys = g_key_file_get_keys (file, group, NULL, NULL);
  g_autofree char *visits_text = NULL;
  g_auto(GStrv) lengths = NULL;
  gsize n_lengths = 0;
  guint sum = 0;
  gint64 hour;
  Row *row;

  if (!parse_hour (group, &hour))
    return corrupt (error, "group [%s] is neither [" HEADER_GROUP "] nor an hour such as [" HOUR_PREFIX "2026-02-26T10:00:00Z]", group);
  if (g_tree_lookup (rows, &hour) != NULL)
    return corrupt (error, "group [%s] appears twice", group);

  row = row_new (hour);
  g_tree_insert (rows, &row->hour, row);

  visits_text = g_key_file_get_value (file, group, "Visits", NULL);
  if (!parse_count (visits_text, 0, &row->visits))
    return corrupt (error, "group [%s]: Visits is missing or not a number from 0 to %d", group, MAX_COUNT);

  lengths = g_key_file_get_string_list (file, group, "VisitLength", &n_lengths, NULL);
  if (lengths == NULL || n_lengths != KM_VISIT_LOG_N_BUCKETS)
    return corrupt (error, "group [%s]: VisitLength is missing or has not %d numbers", group, KM_VISIT_LOG_N_BUCKETS);
  for (guint i = 0; i < KM_VISIT_LOG_N_BUCKETS; i++)
    {
      if (!parse_count (lengths[i], 0, &row->lengths[i]))
        return corrupt (error, "group [%s]: VisitLength has “%s”, not a number", group, lengths[i]);
      sum += row->lengths[i];
    }
  if (sum != row->visits)
    return corrupt (error, "group [%s]: the visit lengths add up to %u, not to the %u visits", group, sum, row->visits);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;
      guint count;

      if (g_str_equal (keys[i], "Visits") || g_str_equal (keys[i], "VisitLength"))
        continue;
      if (!is_valid_count_key (keys[i]))
        return corrupt (error, "group [%s]: unknown key “%s”", group, keys[i]);
      value = g_key_file_get_value (file, group, keys[i], NULL);
      if (!parse_count (value, 1, &count))
        return corrupt (error, "group [%s]: %s is not a number from 1 to %d", group, keys[i], MAX_COUNT);
      add_count (row->counts, keys[i], count);
    }

  return TRUE;
}

static GTree *
parse_file (const char  *data,
            gsize        length,
            GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GTree) rows = rows_new ();
  g_auto(GStrv) groups = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *version = NULL;
  guint64 number;

  if (!g_utf8_validate (data, length, NULL))
    { corrupt (error, "not UTF-8 text"); return NULL; }
  if (!g_key_file_load_from_data (file, data, length, G_KEY_FILE_NONE, &local_error))
    { corrupt (error, "%s", local_error->message); return NULL; }

  groups = g_key_file_get_groups (file, NULL);
  if (groups[0] == NULL || !g_str_equal (groups[0], HEADER_GROUP))
    { corrupt (error, "the file does not start with [" HEADER_GROUP "]"); return NULL; }
  version = g_key_file_get_value (file, HEADER_GROUP, "Version", NULL);
  if (version == NULL || !g_ascii_string_to_unsigned (version, 10, 1, G_MAXUINT, &number, NULL) ||
      number != KM_VISIT_LOG_VERSION)
    { corrupt (error, "[" HEADER_GROUP "] Version is “%s”, not %d", version != NULL ? version : "",
                    KM_VISIT_LOG_VERSION); return NULL; }
  {
    g_auto(GStrv) keys = g_key_file_get_keys (file, HEADER_GROUP, NULL, NULL);

    if (g_strv_length (keys) != 1)
      { corrupt (error, "[" HEADER_GROUP "] has keys besides Version"); return NULL; }
  }

  for (guint i = 1; groups[i] != NULL; i++)
    {
      if (g_str_equal (groups[i], HEADER_GROUP))
        { corrupt (error, "[" HEADER_GROUP "] appears twice"); return NULL; }
      if (!parse_row (file, groups[i], rows, error))
        return NULL;
    }

  return g_steal_pointer (&rows);
}

static void
set_aside (KmVisitLog *self,
           const char *reason)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (km_clock_get_real_time_ms (self->clock) / 1000);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *aside = g_strdup_printf ("%s.corrupt-%s", self->path, stamp);

  g_free (self->set_aside_reason);
  self->set_aside_reason = g_strdup (reason);
  g_free (self->set_aside_name);
  if (g_rename (self->path, aside) == 0)
    {
      self->set_aside_name = g_path_get_basename (aside);
      g_warning ("The visit figures file %s could not be read (%s); it was set aside as %s and counting starts again",
                 self->path, reason, aside);
    }
  else
    {
      int saved_errno = errno;

      /* It will be written over at the end of the next visit. */
      self->set_aside_name = NULL;
      g_warning ("The visit figures file %s could not be read (%s) nor set aside (%s); counting starts again",
                 self->path, reason, g_strerror (saved_errno));
    }
}

static void
load (KmVisitLog *self)
{
  g_autofree char *data = NULL;
  g_autofree char *stale = g_strconcat (self->path, ".new", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTree) rows = NULL;
  GStatBuf info;
  gsize length;

  /* A write cut short by a kill: the file itself is whole. */
  g_unlink (stale);

  if (g_stat (self->path, &info) != 0)
    return;
  if (info.st_size > MAX_FILE_BYTES)
    {
      set_aside (self, "larger than 64 MiB");
      return;
    }
  if (!g_file_get_contents (self->path, &data, &length, &error))
    {
      set_aside (self, error->message);
      return;
    }

  rows = parse_file (data, length, &error);
  if (rows == NULL)
    {
      set_aside (self, error->message);
      return;
    }

  g_tree_destroy (self->rows);
  self->rows = g_steal_pointer (&rows);
}

/* Writing */

/* At most max_rows rows, none older than max_rows hours. */
static void
prune (KmVisitLog *self)
{
  gint64 now_hour = km_clock_get_real_time_ms (self->clock) / MS_PER_HOUR;
  GTreeNode *node;

  while ((node = g_tree_node_first (self->rows)) != NULL)
    {
      Row *row = g_tree_node_value (node);

      if ((guint) g_tree_nnodes (self->rows) <= self->max_rows && row->hour > now_hour - (gint64) self->max_rows)
        break;
      g_tree_remove (self->rows, &row->hour);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
add_row_to_file (gpointer key,
                 gpointer value,
                 gpointer user_data)
{
  Row *row = value;
  GKeyFile *file = user_data;
  g_autofree char *time = format_hour_utc (row->hour);
  g_autofree char *group = g_strconcat (HOUR_PREFIX, time, NULL);
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (row->counts, NULL);
  guint n_keys = g_hash_table_size (row->counts);
  char lengths[KM_VISIT_LOG_N_BUCKETS][12];
  const char *length_list[KM_VISIT_LOG_N_BUCKETS];

  g_key_file_set_uint64 (file, group, "Visits", row->visits);
  for (guint i = 0; i < KM_VISIT_LOG_N_BUCKETS; i++)
    {
      g_snprintf (lengths[i], sizeof lengths[i], "%u", row->lengths[i]);
      length_list[i] = lengths[i];
    }
  g_key_file_set_string_list (file, group, "VisitLength", length_list, KM_VISIT_LOG_N_BUCKETS);

  qsort (keys, n_keys, sizeof *keys, compare_strings);
  for (guint i = 0; i < n_keys; i++)
    g_key_file_set_uint64 (file, group, keys[i], GPOINTER_TO_SIZE (g_hash_table_lookup (row->counts, keys[i])));

  return FALSE;
}

static char *
to_data (KmVisitLog *self,
         gsize      *length)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();

  g_key_file_set_integer (file, HEADER_GROUP, "Version", KM_VISIT_LOG_VERSION);
  g_key_file_set_comment (file, NULL, NULL,
                          " Khojaly Memorial: visits per hour, nothing about a person (see HACKING.md)", NULL);
  g_tree_foreach (self->rows, add_row_to_file, file);

  return g_key_file_to_data (file, length, NULL);
}

/**
 * km_visit_log_save:
 *
 * Writes every row to a ".new" file beside the log and renames it over
 * the log: a kill at any moment leaves the last whole file, so at most the
 * visits since the last save are lost (they are saved after each visit).
 */
gboolean
km_visit_log_save (KmVisitLog  *self,
                   GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *new_path = NULL;
  gsize length;

  g_return_val_if_fail (KM_IS_VISIT_LOG (self), FALSE);

  prune (self);
  data = to_data (self, &length);
  dir = g_path_get_dirname (self->path);
  new_path = g_strconcat (self->path, ".new", NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot make the folder %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

#ifdef KM_FAULT_INJECTION
  /* A kill in the middle of writing: half the file, then nothing. */
  if (g_strcmp0 (g_getenv ("KM_CRASH_AT"), "visit-log-mid-write") == 0)
    {
      g_file_set_contents (new_path, data, length / 2, NULL);
      raise (SIGKILL);
    }
#endif

  if (!g_file_set_contents_full (new_path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  km_pack_dir_crash_point ("visit-log-written");
  if (g_rename (new_path, self->path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot rename %s to %s: %s", new_path, self->path, g_strerror (saved_errno));
      g_unlink (new_path);
      return FALSE;
    }

  return TRUE;
}

static void
save_quietly (KmVisitLog *self)
{
  g_autoptr(GError) error = NULL;

  if (km_visit_log_save (self, &error))
    {
      self->save_failed = FALSE;
      return;
    }
  /* Once, not after every visit; counting goes on in memory. */
  if (!self->save_failed)
    g_warning ("Cannot save the visit figures: %s", error->message);
  self->save_failed = TRUE;
}

/* The object */

static void
km_visit_log_finalize (GObject *object)
{
  KmVisitLog *self = KM_VISIT_LOG (object);

  g_clear_object (&self->clock);
  g_clear_object (&self->store);
  g_free (self->path);
  g_strfreev (self->view_names);
  g_tree_destroy (self->rows);
  g_hash_table_unref (self->visit_counts);
  g_hash_table_unref (self->counts_total);
  for (guint i = 0; i < G_N_ELEMENTS (self->last_open); i++)
    g_free (self->last_open[i]);
  g_free (self->set_aside_name);
  g_free (self->set_aside_reason);

  G_OBJECT_CLASS (km_visit_log_parent_class)->finalize (object);
}

static void
km_visit_log_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KmVisitLog *self = KM_VISIT_LOG (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_visit_log_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  KmVisitLog *self = KM_VISIT_LOG (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      km_visit_log_set_enabled (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_visit_log_class_init (KmVisitLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_visit_log_finalize;
  object_class->get_property = km_visit_log_get_property;
  object_class->set_property = km_visit_log_set_property;

  /**
   * KmVisitLog:enabled:
   *
   * Off, nothing is counted and nothing is written (setting
   * `visit-figures`); what the file holds stays.
   */
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_visit_log_init (KmVisitLog *self)
{
  self->enabled = TRUE;
  self->rows = rows_new ();
  self->visit_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->counts_total = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->view_names = g_strdupv ((char **) default_views);
}

/**
 * km_visit_log_dup_default_path:
 *
 * `$KM_VISIT_LOG` when set (tests), else `visits.ini` in the user's data
 * folder.
 */
char *
km_visit_log_dup_default_path (void)
{
  const char *path = g_getenv ("KM_VISIT_LOG");

  if (path != NULL && *path != '\0')
    return g_strdup (path);
  return g_build_filename (g_get_user_data_dir (), "khojaly-memorial", "visits.ini", NULL);
}

/**
 * km_visit_log_new:
 * @clock: its wall clock files visits by the hour
 * @path: the file; read now
 * @max_rows: the most hourly rows kept, 0 for KM_VISIT_LOG_MAX_ROWS
 *
 * Never fails: a file that cannot be read is set aside
 * (km_visit_log_dup_warning()) and counting starts again.
 */
KmVisitLog *
km_visit_log_new (KmClock    *clock,
                  const char *path,
                  guint       max_rows)
{
  KmVisitLog *self;

  g_return_val_if_fail (KM_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KM_TYPE_VISIT_LOG, NULL);
  self->clock = g_object_ref (clock);
  self->path = g_strdup (path);
  self->max_rows = max_rows > 0 ? max_rows : KM_VISIT_LOG_MAX_ROWS;
  load (self);
  prune (self);

  return self;
}

const guint *
km_visit_log_get_bucket_bounds (void)
{
  return bucket_bounds;
}

const char *
km_visit_log_get_path (KmVisitLog *self)
{
  g_return_val_if_fail (KM_IS_VISIT_LOG (self), NULL);

  return self->path;
}

gboolean
km_visit_log_get_enabled (KmVisitLog *self)
{
  g_return_val_if_fail (KM_IS_VISIT_LOG (self), FALSE);

  return self->enabled;
}

void
km_visit_log_set_enabled (KmVisitLog *self,
                          gboolean    enabled)
{
  g_return_if_fail (KM_IS_VISIT_LOG (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  if (!enabled)
    km_visit_log_cancel_visit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

/* Exhibit and entry ids are counted only when @store has them. */
void
km_visit_log_set_store (KmVisitLog     *self,
                        KmContentStore *store)
{
  g_return_if_fail (KM_IS_VISIT_LOG (self));
  g_return_if_fail (store == NULL || KM_IS_CONTENT_STORE (store));

  g_set_object (&self->store, store);
}

/* The views that may be counted (the window's page names). */
void
km_visit_log_set_view_names (KmVisitLog         *self,
                             const char * const *names)
{
  g_return_if_fail (KM_IS_VISIT_LOG (self));

  g_strfreev (self->view_names);
  self->view_names = g_strdupv ((char **) names);
}

/**
 * km_visit_log_dup_warning:
 *
 * Returns: (transfer full) (nullable): in the current language, why the
 *   file was set aside at start-up, for the staff menu and /status
 */
char *
km_visit_log_dup_warning (KmVisitLog *self)
{
  g_return_val_if_fail (KM_IS_VISIT_LOG (self), NULL);

  if (self->set_aside_reason == NULL)
    return NULL;
  if (self->set_aside_name != NULL)
    /* Translators: the first %s is a file name (“visits.ini.corrupt-20260226T101500Z”),
     * the second why it could not be read (in English) */
    return g_strdup_printf (_("The visit figures could not be read and were set aside as %s (%s); counting started again."),
                            self->set_aside_name, self->set_aside_reason);
  /* Translators: %s says why the file could not be read (in English) */
  return g_strdup_printf (_("The visit figures could not be read (%s); counting started again."),
                          self->set_aside_reason);
}

/* Visits */

void
km_visit_log_begin_visit (KmVisitLog *self)
{
  g_return_if_fail (KM_IS_VISIT_LOG (self));

  if (!self->enabled)
    return;

  km_visit_log_cancel_visit (self);
  self->in_visit = TRUE;
  self->visit_start_ms = self->visit_last_ms = km_clock_get_time_ms (self->clock);
  self->visit_real_ms = km_clock_get_real_time_ms (self->clock);
}

gboolean
km_visit_log_get_in_visit (KmVisitLog *self)
{
  g_return_val_if_fail (KM_IS_VISIT_LOG (self), FALSE);

  return self->in_visit;
}

/* A touch: the visit lasts until the last one, not until the idle reset
 * that ends it a few minutes later. */
void
km_visit_log_note_activity (KmVisitLog *self)
{
  g_return_if_fail (KM_IS_VISIT_LOG (self));

  if (self->in_visit)
    self->visit_last_ms = km_clock_get_time_ms (self->clock);
}

/**
 * km_visit_log_note_open:
 * @id: a view name, or an exhibit or timeline entry id of the store
 *
 * Counts an open in the visit going on. Anything else (no visit, a view
 * that does not exist, an id the content does not have, the same view,
 * exhibit or entry as the last one of its kind) is not counted.
 *
 * Returns: whether it was counted
 */
gboolean
km_visit_log_note_open (KmVisitLog  *self,
                        KmVisitOpen  kind,
                        const char  *id)
{
  g_autofree char *key = NULL;
  gboolean known;

  g_return_val_if_fail (KM_IS_VISIT_LOG (self), FALSE);
  g_return_val_if_fail (kind <= KM_VISIT_OPEN_ENTRY, FALSE);

  if (!self->in_visit || !is_valid_id (id))
    return FALSE;

  switch (kind)
    {
    case KM_VISIT_OPEN_VIEW:
      known = g_strv_contains ((const char * const *) self->view_names, id);
      break;
    case KM_VISIT_OPEN_EXHIBIT:
      known = self->store != NULL && km_content_store_lookup_exhibit (self->store, id) != NULL;
      break;
    case KM_VISIT_OPEN_ENTRY:
      known = self->store != NULL && km_content_store_lookup_entry (self->store, id) != NULL;
      break;
    default:
      g_assert_not_reached ();
    }
  if (!known)
    return FALSE;
  /* The same again (a view restored after a language switch, a window
   * showing the page it shows) is not a new open. */
  if (g_strcmp0 (self->last_open[kind], id) == 0)
    return FALSE;
  g_free (self->last_open[kind]);
  self->last_open[kind] = g_strdup (id);

  key = g_strdup_printf ("%s:%s", open_prefixes[kind], id);
  add_count (self->visit_counts, key, 1);
  return TRUE;
}

static Row *
ensure_row (KmVisitLog *self,
            gint64      hour)
{
  Row *row = g_tree_lookup (self->rows, &hour);

  if (row == NULL)
    {
      row = row_new (hour);
      g_tree_insert (self->rows, &row->hour, row);
    }
  return row;
}

/**
 * km_visit_log_end_visit:
 * @language: (nullable): the language the visit ended in
 *
 * Adds the visit to the hour it began in and saves the file.
 */
void
km_visit_log_end_visit (KmVisitLog *self,
                        const char *language)
{
  GHashTableIter iter;
  gpointer key, value;
  gint64 seconds;
  guint bucket;
  Row *row;

  g_return_if_fail (KM_IS_VISIT_LOG (self));

  if (!self->in_visit)
    return;

  if (is_real_language (language))
    {
      g_autofree char *language_key = g_strconcat ("Language:", language, NULL);
      add_count (self->visit_counts, language_key, 1);
    }

  seconds = MAX (self->visit_last_ms - self->visit_start_ms, 0) / 1000;
  bucket = bucket_of (seconds);
  row = ensure_row (self, self->visit_real_ms / MS_PER_HOUR);
  row->visits = MIN (row->visits + 1, MAX_COUNT);
  row->lengths[bucket] = MIN (row->lengths[bucket] + 1, MAX_COUNT);

  self->visits_total++;
  self->lengths_total[bucket]++;
  self->length_sum_seconds += seconds;

  g_hash_table_iter_init (&iter, self->visit_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      add_count (row->counts, key, GPOINTER_TO_SIZE (value));
      add_count (self->counts_total, key, GPOINTER_TO_SIZE (value));
    }
  /* Counts, not their order: the same at MAX_COUNT as the row. */
  g_hash_table_iter_init (&iter, row->counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_SIZE (value) > MAX_COUNT)
      g_hash_table_iter_replace (&iter, GSIZE_TO_POINTER (MAX_COUNT));

  km_visit_log_cancel_visit (self);
  save_quietly (self);
}

/* Forgets the visit going on (staff took over, counting was turned off). */
void
km_visit_log_cancel_visit (KmVisitLog *self)
{
  g_return_if_fail (KM_IS_VISIT_LOG (self));

  self->in_visit = FALSE;
  g_hash_table_remove_all (self->visit_counts);
  for (guint i = 0; i < G_N_ELEMENTS (self->last_open); i++)
    g_clear_pointer (&self->last_open[i], g_free);
}

/* Whether the exhibition is within its opening hours now: the no-visitor
 * alert compares visits with the time open (km_open_seconds_total). */
void
km_visit_log_set_open (KmVisitLog *self,
                       gboolean    open)
{
  gint64 now;

  g_return_if_fail (KM_IS_VISIT_LOG (self));

  open = !!open;
  if (self->open == open)
    return;

  now = km_clock_get_time_ms (self->clock);
  if (self->open)
    self->open_ms_total += now - self->open_since_ms;
  self->open = open;
  self->open_since_ms = now;
}

/* Reading the figures */

guint
km_visit_log_get_n_rows (KmVisitLog *self)
{
  g_return_val_if_fail (KM_IS_VISIT_LOG (self), 0);

  return g_tree_nnodes (self->rows);
}

/* @hour: Unix time / 3600 */
guint
km_visit_log_get_visits (KmVisitLog *self,
                         gint64      hour)
{
  Row *row;

  g_return_val_if_fail (KM_IS_VISIT_LOG (self), 0);

  row = g_tree_lookup (self->rows, &hour);
  return row != NULL ? row->visits : 0;
}

/**
 * km_visit_log_get_day:
 * @day: any time on the day, in the time zone the hours are shown in
 * @visits: (out caller-allocates): visits that began in each hour 0–23
 */
void
km_visit_log_get_day (KmVisitLog *self,
                      GDateTime  *day,
                      guint       visits[24])
{
  g_return_if_fail (KM_IS_VISIT_LOG (self));
  g_return_if_fail (day != NULL);

  for (int h = 0; h < 24; h++)
    {
      g_autoptr(GDateTime) start = g_date_time_new (g_date_time_get_timezone (day),
                                                    g_date_time_get_year (day),
                                                    g_date_time_get_month (day),
                                                    g_date_time_get_day_of_month (day), h, 0, 0);

      visits[h] = start != NULL ? km_visit_log_get_visits (self, g_date_time_to_unix (start) / 3600) : 0;
    }
}

/* Every cell quoted by libcsv's writer, as the curator's tool writes. */
static void
append_csv_cells (GString            *out,
                  const char * const *cells,
                  guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      gsize len = strlen (cells[i]);
      gsize needed = csv_write (NULL, 0, cells[i], len);
      gsize old_len;

      if (i > 0)
        g_string_append_c (out, ',');
      old_len = out->len;
      g_string_set_size (out, old_len + needed);
      csv_write (out->str + old_len, needed, cells[i], len);
    }
  g_string_append (out, "\r\n");
}

static void
append_csv_row (GString    *out,
                const char *hour,
                const char *figure,
                const char *item,
                guint       count)
{
  char number[16];
  const char *cells[] = { hour, figure, item, number };

  g_snprintf (number, sizeof number, "%u", count);
  append_csv_cells (out, cells, G_N_ELEMENTS (cells));
}

static gboolean
append_row_csv (gpointer key,
                gpointer value,
                gpointer user_data)
{
  Row *row = value;
  GString *out = user_data;
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (row->hour * 3600);
  g_autofree char *hour = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (row->counts, NULL);
  guint n_keys = g_hash_table_size (row->counts);

  append_csv_row (out, hour, "visits", "", row->visits);
  for (guint i = 0; i < KM_VISIT_LOG_N_BUCKETS; i++)
    if (row->lengths[i] > 0)
      append_csv_row (out, hour, "visit_length", bucket_names[i], row->lengths[i]);

  qsort (keys, n_keys, sizeof *keys, compare_strings);
  for (const char * const *prefix = (const char * const[]) { "Language", "View", "Exhibit", "Entry", NULL };
       *prefix != NULL; prefix++)
    for (guint i = 0; i < n_keys; i++)
      {
        const char *colon = strchr (keys[i], ':');
        g_autofree char *figure = NULL;

        if (colon == NULL || strncmp (keys[i], *prefix, colon - keys[i]) != 0 ||
            strlen (*prefix) != (gsize) (colon - keys[i]))
          continue;
        figure = g_ascii_strdown (*prefix, -1);
        append_csv_row (out, hour, figure, colon + 1,
                        GPOINTER_TO_UINT (g_hash_table_lookup (row->counts, keys[i])));
      }

  return FALSE;
}

/**
 * km_visit_log_to_csv:
 *
 * One line per count (RFC 4180, cells quoted by libcsv's writer): `hour`
 * (local time with its offset), `figure` (visits, visit_length, language,
 * view, exhibit, entry), `item` (the bucket, code, view or id) and `count`.
 */
char *
km_visit_log_to_csv (KmVisitLog *self,
                     gsize      *length)
{
  static const char * const header[] = { "hour", "figure", "item", "count" };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (KM_IS_VISIT_LOG (self), NULL);

  append_csv_cells (out, header, G_N_ELEMENTS (header));
  g_tree_foreach (self->rows, append_row_csv, out);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * km_visit_log_export_csv:
 * @folder: where to write, e.g. a USB stick's mount point
 *
 * Writes `khojaly-memorial-visits-DATE.csv` (today's local date)
 * atomically, replacing an export of the same day.
 *
 * Returns: (transfer full) (nullable): the file written
 */
GFile *
km_visit_log_export_csv (KmVisitLog  *self,
                         GFile       *folder,
                         GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *name = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length;

  g_return_val_if_fail (KM_IS_VISIT_LOG (self), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);

  now = g_date_time_new_from_unix_local (km_clock_get_real_time_ms (self->clock) / 1000);
  name = g_date_time_format (now, "khojaly-memorial-visits-%Y-%m-%d.csv");
  file = g_file_get_child (folder, name);
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s is not a local folder",
                   g_file_peek_path (folder) != NULL ? g_file_peek_path (folder) : "The export folder");
      return NULL;
    }

  data = km_visit_log_to_csv (self, &length);
  if (!g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return NULL;

  return g_steal_pointer (&file);
}

/* /metrics */

static void
append_labelled (GString    *out,
                 GHashTable *counts,
                 const char *prefix,
                 const char *name,
                 const char *label,
                 const char *help,
                 const char * const *always)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *key_prefix = g_strconcat (prefix, ":", NULL);
  GHashTableIter iter;
  gpointer key;

  g_string_append_printf (out, "# HELP %s %s\n# TYPE %s counter\n", name, help, name);
  for (guint i = 0; always != NULL && always[i] != NULL; i++)
    {
      g_autofree char *full = g_strconcat (key_prefix, always[i], NULL);

      if (counts == NULL || !g_hash_table_contains (counts, full))
        g_string_append_printf (out, "%s{%s=\"%s\"} 0\n", name, label, always[i]);
    }
  if (counts == NULL)
    return;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, key_prefix))
      g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  /* Ids and codes were checked (is_valid_id()): nothing to escape. */
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (out, "%s{%s=\"%s\"} %" G_GSIZE_FORMAT "\n", name, label,
                            (const char *) keys->pdata[i] + strlen (key_prefix),
                            GPOINTER_TO_SIZE (g_hash_table_lookup (counts, keys->pdata[i])));
}

/**
 * km_visit_log_append_metrics:
 * @self: (nullable): %NULL where nothing is counted (the desktop): zeros
 *
 * The counters since the program started, in Prometheus' text format.
 */
void
km_visit_log_append_metrics (KmVisitLog *self,
                             GString    *out)
{
  g_autoptr(GPtrArray) languages = g_ptr_array_new ();
  const KmLanguage *all;
  guint n_languages;
  guint64 cumulative = 0;
  gint64 open_ms = 0;

  g_return_if_fail (self == NULL || KM_IS_VISIT_LOG (self));

  all = km_i18n_get_languages (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    if (is_real_language (all[i].code))
      g_ptr_array_add (languages, (gpointer) all[i].code);
  g_ptr_array_add (languages, NULL);

  g_string_append_printf (out, "# HELP km_visits_total Visits (first touch to idle reset) since the application started.\n"
                               "# TYPE km_visits_total counter\nkm_visits_total %" G_GUINT64_FORMAT "\n",
                          self != NULL ? self->visits_total : 0);

  g_string_append (out, "# HELP km_visit_duration_seconds How long visits lasted, first to last touch.\n"
                        "# TYPE km_visit_duration_seconds histogram\n");
  for (guint i = 0; i < KM_VISIT_LOG_N_BUCKETS; i++)
    {
      cumulative += self != NULL ? self->lengths_total[i] : 0;
      if (i < G_N_ELEMENTS (bucket_bounds))
        g_string_append_printf (out, "km_visit_duration_seconds_bucket{le=\"%u\"} %" G_GUINT64_FORMAT "\n",
                                bucket_bounds[i], cumulative);
      else
        g_string_append_printf (out, "km_visit_duration_seconds_bucket{le=\"+Inf\"} %" G_GUINT64_FORMAT "\n",
                                cumulative);
    }
  g_string_append_printf (out, "km_visit_duration_seconds_sum %" G_GUINT64_FORMAT "\n"
                               "km_visit_duration_seconds_count %" G_GUINT64_FORMAT "\n",
                          self != NULL ? self->length_sum_seconds : 0, cumulative);

  append_labelled (out, self != NULL ? self->counts_total : NULL, "Language", "km_language_chosen_total",
                   "language", "Visits by the language they ended in.",
                   (const char * const *) languages->pdata);
  append_labelled (out, self != NULL ? self->counts_total : NULL, "View", "km_view_opened_total",
                   "view", "Views opened by visitors.",
                   self != NULL ? (const char * const *) self->view_names : default_views);
  append_labelled (out, self != NULL ? self->counts_total : NULL, "Exhibit", "km_exhibit_opened_total",
                   "exhibit", "Exhibits opened by visitors, by the content pack's id.", NULL);
  append_labelled (out, self != NULL ? self->counts_total : NULL, "Entry", "km_timeline_entry_opened_total",
                   "entry", "Timeline entries opened by visitors, by the content pack's id.", NULL);

  if (self != NULL)
    open_ms = self->open_ms_total + (self->open ? km_clock_get_time_ms (self->clock) - self->open_since_ms : 0);
  g_string_append_printf (out, "# HELP km_open_seconds_total Seconds the kiosk spent within its opening hours.\n"
                               "# TYPE km_open_seconds_total counter\nkm_open_seconds_total %" G_GINT64_FORMAT "\n",
                          open_ms / 1000);
}
