/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KM_TYPE_PACK_WATCHER (km_pack_watcher_get_type ())

G_DECLARE_FINAL_TYPE (KmPackWatcher, km_pack_watcher, KM, PACK_WATCHER, GObject)

KmPackWatcher *km_pack_watcher_new          (GFile         *dir,
                                             guint          debounce_ms);
GFile         *km_pack_watcher_get_dir      (KmPackWatcher *self);
guint          km_pack_watcher_get_n_folders (KmPackWatcher *self);

G_END_DECLS
