/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-content-store"

#include "config.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "km-content-checked.h"
#include "km-content-error.h"
#include "km-content-parser.h"
#include "km-content-private.h"
#include "km-content-store.h"
#include "km-image-limits.h"
#include "km-webvtt.h"

/* The exhibition content the application shows. A load parses and checks
 * a whole pack into fresh records and swaps them in only when the pack is
 * valid, so a broken pack never replaces working content.
 */

#define BUNDLED_CONTENT_URI "resource://" RESOURCE_BASE "/content/"
#define IMAGE_CHECK_SIZE 64
/* GMarkup holds a file and more while it parses: a 200 MB exhibits.xml
 * took 12 s and 400 MB to validate. The bundled files are about 20 KB.
 */
#define MAX_XML_BYTES (16 * 1024 * 1024)

struct _KmContentStore
{
  GObject     parent_instance;

  GFile      *base_dir;
  gboolean    loading;

  GListStore *sources;
  GListStore *exhibits;
  GListStore *eras;
  GListStore *entries;
  GListStore *sections;
  GListStore *recognitions;

  /* id → record, the key borrowed from the record */
  GHashTable *source_ids;
  GHashTable *exhibit_ids;
  GHashTable *entry_ids;
  GHashTable *era_ids;
  GHashTable *section_ids;
  GHashTable *figure_ids;

  /* Images this store saw decode: URI → "SIZE:MTIME-µs". Loading the same
   * pack again (a curator's preview at every save, #21) decodes only the
   * images that changed: decoding every SVG was two thirds of a reload. */
  GHashTable *decoded_images;
};

G_DEFINE_FINAL_TYPE (KmContentStore, km_content_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_DIR,
  PROP_LOADING,
  N_PROPS
};

enum {
  RELOADED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static gboolean load_dir (KmContentStore  *self,
                          GFile           *dir,
                          gboolean         decode_images,
                          GPtrArray      **errors_out,
                          GError         **error);

static GHashTable *
new_id_table (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
}

static int
compare_errors (gconstpointer a,
                gconstpointer b)
{
  return km_content_error_compare (*(KmContentError * const *)a,
                                   *(KmContentError * const *)b);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const KmTimelineEntry *ea = *(KmTimelineEntry * const *)a;
  const KmTimelineEntry *eb = *(KmTimelineEntry * const *)b;
  int ret;

  if ((ret = km_date_compare (&ea->date, &eb->date)) != 0)
    return ret;

  return ea->index < eb->index ? -1 : ea->index > eb->index;
}

/* Dated entries in date order (same date: file order, which the sort keeps
 * through the index); each entry of unknown date right before or after the
 * dated entry it is placed next to, in file order. The parser has checked
 * that every anchor is dated.
 */
static GPtrArray *
order_entries (GPtrArray *parsed)
{
  g_autoptr(GPtrArray) dated = g_ptr_array_new ();
  GPtrArray *entries = g_ptr_array_new ();

  for (guint i = 0; i < parsed->len; i++)
    {
      KmTimelineEntry *entry = g_ptr_array_index (parsed, i);

      if (entry->date_known)
        g_ptr_array_add (dated, entry);
    }
  g_ptr_array_sort (dated, compare_entries);

  for (guint i = 0; i < dated->len; i++)
    {
      KmTimelineEntry *anchor = g_ptr_array_index (dated, i);

      for (int before = 1; before >= 0; before--)
        {
          if (!before)
            g_ptr_array_add (entries, anchor);

          for (guint j = 0; j < parsed->len; j++)
            {
              KmTimelineEntry *entry = g_ptr_array_index (parsed, j);

              if (!entry->date_known && !entry->placed_before == !before &&
                  g_strcmp0 (entry->placed_anchor_id, anchor->id) == 0)
                g_ptr_array_add (entries, entry);
            }
        }
    }

  return entries;
}

/* What tells a changed image file from the one that decoded before. */
static char *
dup_image_stamp (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file,
                                                 G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info == NULL || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED))
    return NULL;

  return g_strdup_printf ("%" G_GOFFSET_FORMAT ":%" G_GUINT64_FORMAT ":%u",
                          g_file_info_get_size (info),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                          g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC));
}

/* One exhibit's image check; any thread. @decoded is only read here. */
typedef struct
{
  char *problem;  /* what is wrong, or NULL */
  char *uri;      /* decoded now: to remember in @decoded with its stamp */
  char *stamp;
} ImageResult;

static void
check_image (KmExhibit   *exhibit,
             gboolean     decode,
             GHashTable  *decoded,
             ImageResult *result)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *stamp = NULL;

  if (exhibit->image_file == NULL)
    return;

  if (decode && decoded != NULL && (stamp = dup_image_stamp (exhibit->image_file)) != NULL)
    {
      uri = g_file_get_uri (exhibit->image_file);
      if (g_strcmp0 (g_hash_table_lookup (decoded, uri), stamp) == 0)
        decode = FALSE;
    }

  /* Without decoding, the image only has to exist (one stat): opening
   * and closing every image was a third of the system calls of importing
   * 10,000 exhibits. */
  if (!decode)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (exhibit->image_file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, &error);

      if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, g_strerror (EISDIR));
    }

  if (error != NULL || (decode && !(stream = g_file_read (exhibit->image_file, NULL, &error))))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND))
        result->problem = g_strdup_printf ("image “%s” of exhibit “%s” does not exist",
                                           exhibit->image, exhibit->id ? exhibit->id : "");
      else
        result->problem = g_strdup_printf ("image “%s” of exhibit “%s” cannot be read: %s",
                                           exhibit->image, exhibit->id ? exhibit->id : "",
                                           error->message);
    }
  else if (decode && !km_image_check (G_INPUT_STREAM (stream), NULL, &error))
    result->problem = g_strdup_printf ("image “%s” of exhibit “%s” does not decode: %s",
                                       exhibit->image, exhibit->id ? exhibit->id : "",
                                       error->message);
  else if (decode && stamp != NULL)
    {
      result->uri = g_steal_pointer (&uri);
      result->stamp = g_steal_pointer (&stamp);
    }
}

/* The image checks of a pack, on every core: decoding is most of a full
 * check (10,000 SVG images: four fifths of --validate). They may start
 * while the pack is still being parsed (image_check_push() from the
 * parser's exhibit function); the errors are added in file order.
 */
typedef struct
{
  KmExhibit   *exhibit;
  ImageResult  result;
  gboolean     done;
} ImageJob;

typedef struct
{
  gboolean     decode;
  GHashTable  *decoded;  /* only read until image_check_finish() */
  GThreadPool *pool;
  GPtrArray   *jobs;     /* ImageJob, in file order */
} ImageCheck;

static void
image_job_free (ImageJob *job)
{
  g_clear_object (&job->exhibit);
  g_free (job->result.problem);
  g_free (job->result.uri);
  g_free (job->result.stamp);
  g_free (job);
}

static void
check_image_func (gpointer data,
                  gpointer user_data)
{
  ImageJob *job = data;
  ImageCheck *check = user_data;

  check_image (job->exhibit, check->decode, check->decoded, &job->result);
  job->done = TRUE;
}

static void
image_check_init (ImageCheck *check,
                  gboolean    decode,
                  GHashTable *decoded)
{
  guint n_threads = MIN (g_get_num_processors (), 8);

  check->decode = decode;
  check->decoded = decoded;
  check->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) image_job_free);
  check->pool = decode && n_threads > 1 ? g_thread_pool_new (check_image_func, check, n_threads, TRUE, NULL)
                                        : NULL;
}

static void
image_check_push (ImageCheck *check,
                  KmExhibit  *exhibit)
{
  ImageJob *job = g_new0 (ImageJob, 1);

  job->exhibit = g_object_ref (exhibit);
  g_ptr_array_add (check->jobs, job);
  if (check->pool != NULL)
    g_thread_pool_push (check->pool, job, NULL);
}

static void
on_exhibit_parsed (KmContentParser *parser,
                   GObject         *exhibit,
                   gpointer         user_data)
{
  image_check_push (user_data, KM_EXHIBIT (exhibit));
}

/* Waits for the checks, runs those no thread did, adds their errors. */
static void
image_check_finish (ImageCheck      *check,
                    KmContentParser *parser)
{
  if (check->pool != NULL)
    g_thread_pool_free (g_steal_pointer (&check->pool), FALSE, TRUE);

  for (guint i = 0; i < check->jobs->len; i++)
    {
      ImageJob *job = g_ptr_array_index (check->jobs, i);
      ImageResult *result = &job->result;

      if (!job->done)
        check_image (job->exhibit, check->decode, check->decoded, result);
      if (result->problem != NULL)
        km_content_parser_add_error (parser,
                                     km_content_file_kind_get_filename (KM_CONTENT_FILE_EXHIBITS),
                                     job->exhibit->image_pos.line, job->exhibit->image_pos.column,
                                     result->problem);
      if (result->uri != NULL)
        g_hash_table_insert (check->decoded, g_steal_pointer (&result->uri), g_steal_pointer (&result->stamp));
    }
  g_clear_pointer (&check->jobs, g_ptr_array_unref);
}

static void
check_images (KmContentParser *parser,
              GPtrArray       *exhibits,
              gboolean         decode,
              GHashTable      *decoded)
{
  ImageCheck check;

  image_check_init (&check, decode && exhibits->len >= 32, decoded);
  check.decode = decode;
  for (guint i = 0; i < exhibits->len; i++)
    image_check_push (&check, g_ptr_array_index (exhibits, i));
  image_check_finish (&check, parser);
}

/* Caption files are small; anything larger is a mistake. */
#define MAX_CAPTIONS_BYTES (4 * 1024 * 1024)

static KmMediaProbeFunc media_probe;

/**
 * km_content_store_set_media_probe:
 * @probe: (nullable): checks that a media file plays here
 *
 * Without a probe (the curator's tool, the fuzzer), a pack's media files
 * are only checked to exist and not be empty, and captions are checked
 * without knowing the media's duration.
 */
void
km_content_store_set_media_probe (KmMediaProbeFunc probe)
{
  media_probe = probe;
}

static void
add_exhibit_error (KmContentParser *parser,
                   KmPos            pos,
                   const char      *message)
{
  km_content_parser_add_error (parser,
                               km_content_file_kind_get_filename (KM_CONTENT_FILE_EXHIBITS),
                               pos.line, pos.column, message);
}

static void
check_captions (KmContentParser *parser,
                KmExhibit       *exhibit,
                KmCaptionTrack  *track)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify)km_content_error_free);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KmWebvtt) vtt = NULL;
  KmPos pos = { track->line, track->column };

  info = g_file_query_info (track->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_get_size (info) > MAX_CAPTIONS_BYTES)
    {
      g_autofree char *message = g_strdup_printf ("captions “%s” of exhibit “%s” are larger than 4 MiB",
                                                  track->src, exhibit->id ? exhibit->id : "");
      add_exhibit_error (parser, pos, message);
      return;
    }

  if (!(bytes = g_file_load_bytes (track->file, NULL, NULL, &error)))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        message = g_strdup_printf ("captions “%s” of exhibit “%s” do not exist",
                                   track->src, exhibit->id ? exhibit->id : "");
      else
        message = g_strdup_printf ("captions “%s” of exhibit “%s” cannot be read: %s",
                                   track->src, exhibit->id ? exhibit->id : "", error->message);
      add_exhibit_error (parser, pos, message);
      return;
    }

  vtt = km_webvtt_parse (bytes, track->src, exhibit->duration_ms, errors);
  for (guint i = 0; i < errors->len; i++)
    {
      KmContentError *e = g_ptr_array_index (errors, i);

      km_content_parser_add_error (parser, e->file, e->line, e->column, e->message);
    }
}

static void
check_media (KmContentParser *parser,
             KmExhibit       *exhibit,
             gboolean         decode)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  const char *id = exhibit->id ? exhibit->id : "";

  if (exhibit->media_file == NULL)
    return;

  info = g_file_query_info (exhibit->media_file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        problem = g_strdup ("does not exist");
      else
        problem = g_strdup_printf ("cannot be read: %s", error->message);
    }
  else if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    problem = g_strdup ("is not a file");
  else if (g_file_info_get_size (info) == 0)
    problem = g_strdup ("is empty");
  else if (decode && media_probe != NULL)
    media_probe (exhibit->media_file, exhibit->kind, &exhibit->duration_ms, &problem);

  if (problem != NULL)
    {
      g_autofree char *message = g_strdup_printf ("media “%s” of exhibit “%s” %s",
                                                  exhibit->media, id, problem);

      add_exhibit_error (parser, exhibit->media_pos, message);
    }

  for (guint i = 0; exhibit->captions != NULL && i < exhibit->captions->len; i++)
    check_captions (parser, exhibit, g_ptr_array_index (exhibit->captions, i));
}

/* Every file the pack's checks read, in a fixed order, for its fingerprint. */
static GPtrArray *
collect_files (GFile     *dir,
               GPtrArray *exhibits)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    g_ptr_array_add (files, g_file_get_child (dir, km_content_file_kind_get_filename (kind)));

  for (guint i = 0; i < exhibits->len; i++)
    {
      KmExhibit *exhibit = g_ptr_array_index (exhibits, i);

      if (exhibit->image_file != NULL)
        g_ptr_array_add (files, g_object_ref (exhibit->image_file));
      if (exhibit->media_file != NULL)
        g_ptr_array_add (files, g_object_ref (exhibit->media_file));
      for (guint j = 0; exhibit->captions != NULL && j < exhibit->captions->len; j++)
        {
          KmCaptionTrack *track = g_ptr_array_index (exhibit->captions, j);

          if (track->file != NULL)
            g_ptr_array_add (files, g_object_ref (track->file));
        }
    }

  return files;
}

/* Parses and checks the pack in @dir: its four files, the references
 * between them and that every image exists and, if @decode_images, decodes
 * (unless @decoded, if given, holds it unchanged since it last did).
 * With @use_checked, a pack whose fingerprint has a record of a full check
 * (km-content-checked.h) does not decode its images again, and a pack that
 * passes a full check gets one.
 */
static KmContentParser *
parse_dir (GFile      *dir,
           gboolean    decode_images,
           gboolean    use_checked,
           GHashTable *decoded)
{
  g_autoptr(KmContentParser) parser = km_content_parser_new (dir);
  g_autofree char *fingerprint = NULL;
  GFile *records = use_checked && decode_images ? km_content_checked_get_dir () : NULL;
  gboolean checked = FALSE;
  ImageCheck early = { 0 };
  GPtrArray *exhibits;

  /* Without records every image is decoded: that starts as each exhibit
   * is read, on the other cores, while the main thread parses on.
   */
  if (decode_images && records == NULL)
    {
      image_check_init (&early, TRUE, decoded);
      km_content_parser_set_exhibit_func (parser, on_exhibit_parsed, &early);
    }

  for (guint kind = 0; kind < KM_CONTENT_N_FILES; kind++)
    {
      const char *name = km_content_file_kind_get_filename (kind);
      g_autoptr(GFile) file = g_file_get_child (dir, name);
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
      if (info != NULL && g_file_info_get_size (info) > MAX_XML_BYTES)
        {
          km_content_parser_add_error (parser, name, 0, 0, "the file is larger than 16 MiB");
          continue;
        }

      if (!(bytes = g_file_load_bytes (file, NULL, NULL, &error)))
        {
          g_autofree char *message = NULL;

          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
              g_error_matches (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND))
            message = g_strdup ("missing file: every content pack needs it");
          else
            message = g_strdup_printf ("cannot read the file: %s", error->message);

          km_content_parser_add_error (parser, name, 0, 0, message);
          continue;
        }

      km_content_parser_parse_bytes (parser, kind, bytes, name);
    }

  km_content_parser_finish (parser);
  km_content_parser_set_exhibit_func (parser, NULL, NULL);

  exhibits = km_content_parser_get_exhibits (parser);

  /* The fingerprint is taken before the checks read the files: a file
   * changed during the check changes the fingerprint of the next start.
   */
  if (records != NULL && km_content_parser_get_errors (parser)->len == 0)
    {
      g_autoptr(GPtrArray) files = collect_files (dir, exhibits);

      fingerprint = km_content_checked_fingerprint (dir, files);
      checked = km_content_checked_lookup (records, fingerprint);
    }

  /* Checked: every image exists (the fingerprint read each one's
   * status) and decoded when the record was written.
   */
  if (early.jobs != NULL)
    image_check_finish (&early, parser);
  else if (!checked)
    check_images (parser, exhibits, decode_images, decoded);
  for (guint i = 0; i < exhibits->len; i++)
    check_media (parser, g_ptr_array_index (exhibits, i), decode_images);

  g_ptr_array_sort (km_content_parser_get_errors (parser), compare_errors);

  if (fingerprint != NULL && !checked && km_content_parser_get_errors (parser)->len == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!km_content_checked_store (records, fingerprint, &error))
        g_debug ("not recording the check: %s", error->message);
    }

  return g_steal_pointer (&parser);
}

static void
fill_table (GHashTable *table,
            GPtrArray  *records,
            gsize       id_offset)
{
  for (guint i = 0; i < records->len; i++)
    {
      GObject *record = g_ptr_array_index (records, i);
      const char *id = *(const char **)(gpointer)((guint8 *)record + id_offset);

      g_hash_table_insert (table, (gpointer)id, g_object_ref (record));
    }
}

static void
replace_items (GListStore *store,
               GPtrArray  *records)
{
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       records->pdata, records->len);
}

static void
km_content_store_dispose (GObject *object)
{
  KmContentStore *self = (KmContentStore *)object;

  g_clear_pointer (&self->source_ids, g_hash_table_unref);
  g_clear_pointer (&self->exhibit_ids, g_hash_table_unref);
  g_clear_pointer (&self->entry_ids, g_hash_table_unref);
  g_clear_pointer (&self->era_ids, g_hash_table_unref);
  g_clear_pointer (&self->section_ids, g_hash_table_unref);
  g_clear_pointer (&self->figure_ids, g_hash_table_unref);
  g_clear_pointer (&self->decoded_images, g_hash_table_unref);

  g_clear_object (&self->sources);
  g_clear_object (&self->exhibits);
  g_clear_object (&self->eras);
  g_clear_object (&self->entries);
  g_clear_object (&self->sections);
  g_clear_object (&self->recognitions);

  g_clear_object (&self->base_dir);

  G_OBJECT_CLASS (km_content_store_parent_class)->dispose (object);
}

static void
km_content_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KmContentStore *self = KM_CONTENT_STORE (object);

  switch (prop_id)
    {
    case PROP_BASE_DIR:
      g_value_set_object (value, self->base_dir);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_content_store_class_init (KmContentStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = km_content_store_dispose;
  object_class->get_property = km_content_store_get_property;

  /**
   * KmContentStore:base-dir:
   *
   * The folder of the content pack in use, %NULL before the first load.
   */
  properties [PROP_BASE_DIR] =
    g_param_spec_object ("base-dir", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * KmContentStore:loading:
   *
   * Whether a pack is loading into another store in a worker, to be
   * adopted (km_content_store_adopt()): the views say so rather than
   * that there is nothing to show.
   */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KmContentStore::reloaded:
   * @self: a #KmContentStore
   *
   * Emitted after a load replaced the content; the list models have
   * already changed.
   */
  signals [RELOADED] =
    g_signal_new ("reloaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
km_content_store_init (KmContentStore *self)
{
  self->sources = g_list_store_new (KM_TYPE_SOURCE);
  self->exhibits = g_list_store_new (KM_TYPE_EXHIBIT);
  self->eras = g_list_store_new (KM_TYPE_ERA);
  self->entries = g_list_store_new (KM_TYPE_TIMELINE_ENTRY);
  self->sections = g_list_store_new (KM_TYPE_STAT_SECTION);
  self->recognitions = g_list_store_new (KM_TYPE_RECOGNITION);

  self->source_ids = new_id_table ();
  self->exhibit_ids = new_id_table ();
  self->entry_ids = new_id_table ();
  self->era_ids = new_id_table ();
  self->section_ids = new_id_table ();
  self->figure_ids = new_id_table ();
  self->decoded_images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * km_content_store_new:
 *
 * Returns: (transfer full): a new, empty content store
 */
KmContentStore *
km_content_store_new (void)
{
  return g_object_new (KM_TYPE_CONTENT_STORE, NULL);
}

/**
 * km_content_store_validate_dir:
 * @dir: a content pack folder
 *
 * Checks the pack in @dir the way km_content_store_load() does, without
 * loading it.
 *
 * Returns: (transfer full) (element-type KmContentError): every problem,
 *   ordered by file, line and column; empty when the pack is valid
 */
GPtrArray *
km_content_store_validate_dir (GFile *dir)
{
  g_autoptr(KmContentParser) parser = NULL;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  parser = parse_dir (dir, TRUE, FALSE, NULL);

  return g_ptr_array_ref (km_content_parser_get_errors (parser));
}

/**
 * km_content_store_load:
 * @self: a #KmContentStore
 * @dir: a content pack folder
 * @errors_out: (out) (optional) (transfer full) (element-type KmContentError):
 *   every problem of the pack, empty on success
 * @error: a #GError
 *
 * Parses and checks the pack in @dir into new records. Only if it has no
 * problem at all does it replace the content, updating the list models and
 * emitting #KmContentStore::reloaded; otherwise the content stays as it was.
 *
 * Returns: whether the pack was loaded
 */
gboolean
km_content_store_load (KmContentStore  *self,
                       GFile           *dir,
                       GPtrArray      **errors_out,
                       GError         **error)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);
  g_return_val_if_fail (errors_out == NULL || *errors_out == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_dir (self, dir, TRUE, errors_out, error);
}

/**
 * km_content_store_load_with_flags:
 * @self: a #KmContentStore
 * @dir: a content pack folder
 * @flags: %KM_CONTENT_LOAD_SKIP_IMAGE_DECODE checks only that each image
 *   exists: the pack tool reads packs of thousands of images it does not
 *   show, and decodes those it changes itself
 * @errors_out: (out) (optional) (transfer full) (element-type KmContentError):
 *   every problem of the pack, empty on success
 * @error: a #GError
 *
 * Like km_content_store_load().
 *
 * Returns: whether the pack was loaded
 */
gboolean
km_content_store_load_with_flags (KmContentStore      *self,
                                  GFile               *dir,
                                  KmContentLoadFlags   flags,
                                  GPtrArray          **errors_out,
                                  GError             **error)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (dir), FALSE);
  g_return_val_if_fail (errors_out == NULL || *errors_out == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_dir (self, dir, !(flags & KM_CONTENT_LOAD_SKIP_IMAGE_DECODE), errors_out, error);
}

/**
 * km_content_store_validate_dir_with_flags:
 * @dir: a content pack folder
 * @flags: as for km_content_store_load_with_flags()
 *
 * Returns: (transfer full) (element-type KmContentError): as
 *   km_content_store_validate_dir()
 */
GPtrArray *
km_content_store_validate_dir_with_flags (GFile              *dir,
                                          KmContentLoadFlags  flags)
{
  g_autoptr(KmContentParser) parser = NULL;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  parser = parse_dir (dir, !(flags & KM_CONTENT_LOAD_SKIP_IMAGE_DECODE), FALSE, NULL);

  return g_ptr_array_ref (km_content_parser_get_errors (parser));
}

static gboolean
load_dir_parsed (KmContentStore  *self,
                 GFile           *dir,
                 gboolean         decode_images,
                 GPtrArray      **errors_out,
                 GError         **error)
{
  g_autoptr(KmContentParser) parser = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GPtrArray *errors;

  parser = parse_dir (dir, decode_images, TRUE, self->decoded_images);
  errors = km_content_parser_get_errors (parser);

  if (errors_out != NULL)
    *errors_out = g_ptr_array_ref (errors);

  if (errors->len > 0)
    {
      g_autofree char *uri = g_file_get_uri (dir);
      g_autofree char *first = km_content_error_to_string (g_ptr_array_index (errors, 0));

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The content in %s has %u problem(s), the first: %s",
                   uri, errors->len, first);
      return FALSE;
    }

  g_hash_table_remove_all (self->source_ids);
  g_hash_table_remove_all (self->exhibit_ids);
  g_hash_table_remove_all (self->entry_ids);
  g_hash_table_remove_all (self->era_ids);
  g_hash_table_remove_all (self->section_ids);
  g_hash_table_remove_all (self->figure_ids);

  fill_table (self->source_ids, km_content_parser_get_sources (parser),
              G_STRUCT_OFFSET (struct _KmSource, id));
  fill_table (self->exhibit_ids, km_content_parser_get_exhibits (parser),
              G_STRUCT_OFFSET (struct _KmExhibit, id));
  fill_table (self->entry_ids, km_content_parser_get_entries (parser),
              G_STRUCT_OFFSET (struct _KmTimelineEntry, id));
  fill_table (self->era_ids, km_content_parser_get_eras (parser),
              G_STRUCT_OFFSET (struct _KmEra, id));
  fill_table (self->section_ids, km_content_parser_get_sections (parser),
              G_STRUCT_OFFSET (struct _KmStatSection, id));
  fill_table (self->figure_ids, km_content_parser_get_figures (parser),
              G_STRUCT_OFFSET (struct _KmFigure, id));

  entries = order_entries (km_content_parser_get_entries (parser));

  g_set_object (&self->base_dir, dir);

  replace_items (self->sources, km_content_parser_get_sources (parser));
  replace_items (self->exhibits, km_content_parser_get_exhibits (parser));
  replace_items (self->eras, km_content_parser_get_eras (parser));
  replace_items (self->entries, entries);
  replace_items (self->sections, km_content_parser_get_sections (parser));
  replace_items (self->recognitions, km_content_parser_get_recognitions (parser));

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BASE_DIR]);
  g_signal_emit (self, signals [RELOADED], 0);

  return TRUE;
}

/* A large pack leaves megabytes freed (its files' text, the checks' and
 * the previous content's records), much of it in the arenas of the
 * threads that parsed and checked it, where the main thread's allocations
 * never reuse it: given back, it is not counted in the application's
 * memory (#19). A few milliseconds, once per load.
 */
#define TRIM_EXHIBITS 1000

static gboolean
load_dir (KmContentStore  *self,
          GFile           *dir,
          gboolean         decode_images,
          GPtrArray      **errors_out,
          GError         **error)
{
  gboolean loaded = load_dir_parsed (self, dir, decode_images, errors_out, error);

#ifdef __GLIBC__
  if (g_list_model_get_n_items (G_LIST_MODEL (self->exhibits)) >= TRIM_EXHIBITS)
    malloc_trim (0);
#endif
  return loaded;
}

/**
 * km_content_store_load_bundled:
 * @self: a #KmContentStore
 * @error: a #GError
 *
 * Loads the exhibition the application bundles as a resource, like
 * km_content_store_load() except that images are only checked to exist:
 * decoding them all would cost a tenth of a second at every start, and
 * tests/test-bundled-content.c decodes every bundled image.
 *
 * Returns: whether it loaded; it always should
 */
gboolean
km_content_store_load_bundled (KmContentStore  *self,
                               GError         **error)
{
  g_autoptr(GFile) dir = g_file_new_for_uri (BUNDLED_CONTENT_URI);

  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_dir (self, dir, FALSE, NULL, error);
}

static void
move_items (GListStore *to,
            GListStore *from)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (from));
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (from), i));
  g_list_store_remove_all (from);
  g_list_store_splice (to, 0, g_list_model_get_n_items (G_LIST_MODEL (to)), items->pdata, items->len);
}

#define SWAP_TABLE(a, b) G_STMT_START { GHashTable *t = (a); (a) = (b); (b) = t; } G_STMT_END

/**
 * km_content_store_adopt:
 * @self: a #KmContentStore
 * @from: a loaded store, left empty
 *
 * Replaces the content of @self with what @from loaded, as a load into
 * @self would: the list models change and #KmContentStore::reloaded is
 * emitted. A pack loads into a store of its own in a worker thread
 * (nothing else sees that store there); this hands its records over on
 * the main thread.
 */
void
km_content_store_adopt (KmContentStore *self,
                        KmContentStore *from)
{
  g_return_if_fail (KM_IS_CONTENT_STORE (self));
  g_return_if_fail (KM_IS_CONTENT_STORE (from));
  g_return_if_fail (km_content_store_is_loaded (from));

  SWAP_TABLE (self->source_ids, from->source_ids);
  SWAP_TABLE (self->exhibit_ids, from->exhibit_ids);
  SWAP_TABLE (self->entry_ids, from->entry_ids);
  SWAP_TABLE (self->era_ids, from->era_ids);
  SWAP_TABLE (self->section_ids, from->section_ids);
  SWAP_TABLE (self->figure_ids, from->figure_ids);
  SWAP_TABLE (self->decoded_images, from->decoded_images);
  g_set_object (&self->base_dir, from->base_dir);

  move_items (self->sources, from->sources);
  move_items (self->exhibits, from->exhibits);
  move_items (self->eras, from->eras);
  move_items (self->entries, from->entries);
  move_items (self->sections, from->sections);
  move_items (self->recognitions, from->recognitions);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BASE_DIR]);
  g_signal_emit (self, signals [RELOADED], 0);
}

/**
 * km_content_store_set_loading:
 * @self: a #KmContentStore
 * @loading: whether a pack is loading for it in a worker
 */
void
km_content_store_set_loading (KmContentStore *self,
                              gboolean        loading)
{
  g_return_if_fail (KM_IS_CONTENT_STORE (self));

  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

/**
 * km_content_store_get_loading:
 * @self: a #KmContentStore
 *
 * Returns: the #KmContentStore:loading property
 */
gboolean
km_content_store_get_loading (KmContentStore *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), FALSE);

  return self->loading;
}

/**
 * km_content_store_is_loaded:
 * @self: a #KmContentStore
 *
 * Returns: whether a load succeeded yet
 */
gboolean
km_content_store_is_loaded (KmContentStore *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), FALSE);

  return self->base_dir != NULL;
}

/**
 * km_content_store_get_base_dir:
 * @self: a #KmContentStore
 *
 * Returns: (transfer none) (nullable): the folder of the content in use
 */
GFile *
km_content_store_get_base_dir (KmContentStore *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return self->base_dir;
}

/**
 * km_content_store_get_sources:
 * @self: a #KmContentStore
 *
 * Returns: (transfer none): the #KmSource records, in file order
 */
GListModel *
km_content_store_get_sources (KmContentStore *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return G_LIST_MODEL (self->sources);
}

/**
 * km_content_store_get_exhibits:
 * @self: a #KmContentStore
 *
 * Returns: (transfer none): the #KmExhibit records, in file order
 */
GListModel *
km_content_store_get_exhibits (KmContentStore *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return G_LIST_MODEL (self->exhibits);
}

/**
 * km_content_store_get_eras:
 * @self: a #KmContentStore
 *
 * Returns: (transfer none): the #KmEra records, in file order
 */
GListModel *
km_content_store_get_eras (KmContentStore *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return G_LIST_MODEL (self->eras);
}

/**
 * km_content_store_get_entries:
 * @self: a #KmContentStore
 *
 * Returns: (transfer none): the #KmTimelineEntry records sorted by date;
 *   entries on the same date keep their file order
 */
GListModel *
km_content_store_get_entries (KmContentStore *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return G_LIST_MODEL (self->entries);
}

/**
 * km_content_store_get_sections:
 * @self: a #KmContentStore
 *
 * Returns: (transfer none): the #KmStatSection records, in file order
 */
GListModel *
km_content_store_get_sections (KmContentStore *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return G_LIST_MODEL (self->sections);
}

/**
 * km_content_store_get_recognitions:
 * @self: a #KmContentStore
 *
 * Returns: (transfer none): the #KmRecognition records, in file order
 */
GListModel *
km_content_store_get_recognitions (KmContentStore *self)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return G_LIST_MODEL (self->recognitions);
}

/**
 * km_content_store_lookup_source:
 * @self: a #KmContentStore
 * @id: a source id
 *
 * Returns: (transfer none) (nullable): the source, or %NULL
 */
KmSource *
km_content_store_lookup_source (KmContentStore *self,
                                const char     *id)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return id ? g_hash_table_lookup (self->source_ids, id) : NULL;
}

/**
 * km_content_store_lookup_exhibit:
 * @self: a #KmContentStore
 * @id: an exhibit id
 *
 * Returns: (transfer none) (nullable): the exhibit, or %NULL
 */
KmExhibit *
km_content_store_lookup_exhibit (KmContentStore *self,
                                 const char     *id)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return id ? g_hash_table_lookup (self->exhibit_ids, id) : NULL;
}

/**
 * km_content_store_lookup_entry:
 * @self: a #KmContentStore
 * @id: a timeline entry id
 *
 * Returns: (transfer none) (nullable): the entry, or %NULL
 */
KmTimelineEntry *
km_content_store_lookup_entry (KmContentStore *self,
                               const char     *id)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return id ? g_hash_table_lookup (self->entry_ids, id) : NULL;
}

/**
 * km_content_store_lookup_era:
 * @self: a #KmContentStore
 * @id: an era id
 *
 * Returns: (transfer none) (nullable): the era, or %NULL
 */
KmEra *
km_content_store_lookup_era (KmContentStore *self,
                             const char     *id)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return id ? g_hash_table_lookup (self->era_ids, id) : NULL;
}

/**
 * km_content_store_lookup_section:
 * @self: a #KmContentStore
 * @id: a statistics section id
 *
 * Returns: (transfer none) (nullable): the section, or %NULL
 */
KmStatSection *
km_content_store_lookup_section (KmContentStore *self,
                                 const char     *id)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return id ? g_hash_table_lookup (self->section_ids, id) : NULL;
}

/**
 * km_content_store_lookup_figure:
 * @self: a #KmContentStore
 * @id: a figure id
 *
 * Returns: (transfer none) (nullable): the figure, or %NULL
 */
KmFigure *
km_content_store_lookup_figure (KmContentStore *self,
                                const char     *id)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (self), NULL);

  return id ? g_hash_table_lookup (self->figure_ids, id) : NULL;
}
