/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack-watcher"

#include "config.h"

#include <string.h>

#include "km-pack-watcher.h"

/* A curator's preview (`khojaly-memorial --preview=DIR`): tells when a
 * file of the pack was saved. Every folder of the pack has its own
 * monitor (inotify watches one folder, not a tree); the monitors are
 * looked for again after every change, so a new folder of images is
 * watched too. Hidden files and folders are skipped: editors' swap and
 * backup files, and the pack tool's `.km-import-*` staging folder, whose
 * files only count once they are renamed into the pack.
 */

/* A pack is a handful of folders; a runaway tree is not watched whole. */
#define MAX_FOLDERS 256
#define MAX_DEPTH   8

struct _KmPackWatcher
{
  GObject     parent_instance;

  GFile      *dir;
  guint       debounce_ms;
  GHashTable *monitors;     /* GFile (folder) → GFileMonitor */
  guint       timeout_id;
  gint64      first_event_us;
};

G_DEFINE_FINAL_TYPE (KmPackWatcher, km_pack_watcher, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void rescan (KmPackWatcher *self);

static gboolean
is_hidden_name (const char *name)
{
  gsize len = strlen (name);

  return name[0] == '.' || (len > 0 && name[len - 1] == '~');
}

/* Whether @file is hidden, or lies in a hidden folder, below the pack. */
static gboolean
is_hidden (KmPackWatcher *self,
           GFile         *file)
{
  g_autofree char *relative = file != NULL ? g_file_get_relative_path (self->dir, file) : NULL;
  g_auto(GStrv) parts = NULL;

  if (relative == NULL)
    return file == NULL || !g_file_equal (file, self->dir);

  parts = g_strsplit (relative, G_DIR_SEPARATOR_S, -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (is_hidden_name (parts[i]))
      return TRUE;
  return FALSE;
}

static gboolean
debounce_cb (gpointer user_data)
{
  KmPackWatcher *self = user_data;

  self->timeout_id = 0;
  self->first_event_us = 0;
  rescan (self);
  g_signal_emit (self, signals[CHANGED], 0);

  return G_SOURCE_REMOVE;
}

static void
on_changed_cb (GFileMonitor      *monitor,
               GFile             *file,
               GFile             *other_file,
               GFileMonitorEvent  event,
               KmPackWatcher     *self)
{
  gint64 now = g_get_monotonic_time ();
  guint delay = self->debounce_ms;

  switch (event)
    {
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
      return;
    default:
      break;
    }

  if (is_hidden (self, file) && (other_file == NULL || is_hidden (self, other_file)))
    return;

  /* Wait until the saves stop for debounce_ms, but no more than four
   * times that after the first: an editor saving in a loop still shows. */
  if (self->timeout_id != 0)
    {
      gint64 waited_ms = (now - self->first_event_us) / 1000;

      g_clear_handle_id (&self->timeout_id, g_source_remove);
      if (waited_ms >= 4 * (gint64) self->debounce_ms)
        delay = 0;
    }
  else
    self->first_event_us = now;

  self->timeout_id = g_timeout_add (delay, debounce_cb, self);
}

static void
add_folder (KmPackWatcher *self,
            GFile         *folder,
            GHashTable    *seen,
            guint          depth)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;

  if (g_hash_table_size (seen) >= MAX_FOLDERS)
    return;
  g_hash_table_add (seen, g_object_ref (folder));

  if (!g_hash_table_contains (self->monitors, folder))
    {
      g_autoptr(GFileMonitor) monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL, &error);

      if (monitor == NULL)
        {
          g_debug ("Not watching a folder: %s", error->message);
          return;
        }
      /* Every change, not one per 800 ms (GIO's default). */
      g_file_monitor_set_rate_limit (monitor, 50);
      g_signal_connect_object (monitor, "changed", G_CALLBACK (on_changed_cb), self, 0);
      g_hash_table_insert (self->monitors, g_object_ref (folder), g_steal_pointer (&monitor));
    }

  if (depth >= MAX_DEPTH)
    return;

  /* Links are not followed: a link to a parent would loop. */
  children = g_file_enumerate_children (folder,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY &&
          !is_hidden_name (g_file_info_get_name (info)))
        add_folder (self, child, seen, depth + 1);
    }
}

/* Watches every folder there is now, and forgets those that are gone. */
static void
rescan (KmPackWatcher *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal, g_object_unref, NULL);
  GHashTableIter iter;
  gpointer folder;

  add_folder (self, self->dir, seen, 0);

  g_hash_table_iter_init (&iter, self->monitors);
  while (g_hash_table_iter_next (&iter, &folder, NULL))
    if (!g_hash_table_contains (seen, folder))
      g_hash_table_iter_remove (&iter);
}

static void
cancel_monitor (gpointer data)
{
  g_file_monitor_cancel (data);
  g_object_unref (data);
}

static void
km_pack_watcher_dispose (GObject *object)
{
  KmPackWatcher *self = KM_PACK_WATCHER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_object (&self->dir);

  G_OBJECT_CLASS (km_pack_watcher_parent_class)->dispose (object);
}

static void
km_pack_watcher_class_init (KmPackWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = km_pack_watcher_dispose;

  /**
   * KmPackWatcher::changed:
   *
   * A file of the pack changed, and no other change followed for the
   * debounce delay: time to load the pack again.
   */
  signals [CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
km_pack_watcher_init (KmPackWatcher *self)
{
  self->monitors = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal, g_object_unref, cancel_monitor);
}

/**
 * km_pack_watcher_new:
 * @dir: a content pack folder
 * @debounce_ms: how long the files must stay unchanged before ::changed
 *
 * Returns: (transfer full): a watcher of every folder in @dir
 */
KmPackWatcher *
km_pack_watcher_new (GFile *dir,
                     guint  debounce_ms)
{
  KmPackWatcher *self;

  g_return_val_if_fail (G_IS_FILE (dir), NULL);

  self = g_object_new (KM_TYPE_PACK_WATCHER, NULL);
  self->dir = g_object_ref (dir);
  self->debounce_ms = debounce_ms;
  rescan (self);

  return self;
}

GFile *
km_pack_watcher_get_dir (KmPackWatcher *self)
{
  g_return_val_if_fail (KM_IS_PACK_WATCHER (self), NULL);

  return self->dir;
}

/* How many folders are watched. */
guint
km_pack_watcher_get_n_folders (KmPackWatcher *self)
{
  g_return_val_if_fail (KM_IS_PACK_WATCHER (self), 0);

  return g_hash_table_size (self->monitors);
}
