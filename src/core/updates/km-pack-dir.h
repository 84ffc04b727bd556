/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-content-store.h"

G_BEGIN_DECLS

/* The installed content packs, below the base folder
 * ($KM_DATA_DIR, or g_get_user_data_dir()/khojaly-memorial/packs):
 *
 *   pack-12-XXXXXX/   a complete, verified pack with its .km-manifest
 *   active   → pack-13-XXXXXX   the pack to show (a symlink)
 *   previous → pack-12-XXXXXX   the last good pack, for rollback
 *   staging-XXXXXX/   a download in progress; never shown
 *   state.ini         versions that failed to load and must not come back
 *
 * Every switch replaces a symlink with rename(), so a kill at any moment
 * leaves "active" naming either the old or the new complete pack. During
 * a switch "previous.new" names the pack being replaced until it becomes
 * "previous"; km_pack_dir_cleanup() finishes a switch a kill cut short.
 */

typedef struct
{
  gint64  version;
  GFile  *dir;     /* the resolved pack folder */
} KmPackInfo;

GFile      *km_pack_dir_get_default_base (void);
GFile      *km_pack_dir_resolve          (GFile          *base,
                                          const char     *link_name);
GFile      *km_pack_dir_make_staging     (GFile          *base,
                                          GError        **error);
gboolean    km_pack_dir_install          (GFile          *base,
                                          GFile          *staging,
                                          gint64          version,
                                          GFile         **installed_out,
                                          GError        **error);
gboolean    km_pack_dir_rollback         (GFile          *base,
                                          GError        **error);
void        km_pack_dir_cleanup          (GFile          *base,
                                          GFile          *keep);
void        km_pack_dir_remove_tree      (GFile          *dir);
gint64      km_pack_dir_get_rejected     (GFile          *base);
gboolean    km_pack_dir_recover          (GFile          *base,
                                          KmContentStore *store,
                                          GFile         **loaded_out,
                                          gint64         *version_out,
                                          char          **notice_out);

/* Fault injection, only in the test build of the core (km-core-faults,
 * for test-pack-crash): a process with KM_CRASH_AT=STEP set kills itself
 * with SIGKILL when it reaches STEP. The installed program has no such
 * code: the call is empty.
 */
#ifdef KM_FAULT_INJECTION
void        km_pack_dir_crash_point      (const char     *step);
#else
static inline void
km_pack_dir_crash_point (const char *step)
{
}
#endif

G_END_DECLS
