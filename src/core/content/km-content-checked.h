/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A record that a pack passed every check, images decoded, so that the
 * next start need not decode thousands of images again (#19). It is kept
 * in a folder of small files, one per checked pack, each named after the
 * pack's fingerprint: the SHA-256 of the identity (path in the pack, size,
 * device and inode, modification and change times to the nanosecond) of
 * the pack's XML files and of every file they reference. Any edit, copy or replacement
 * of a file changes its change time or inode, so a changed pack has
 * another fingerprint and is checked again; a record that is corrupt,
 * truncated or from another format version is never trusted.
 */

#define KM_CONTENT_CHECKED_VERSION 1

/* Sets the folder of the records for every store in the process; %NULL
 * (the default: the curator's tool, the fuzzer) keeps none.
 */
void      km_content_checked_set_dir         (GFile        *dir);
GFile    *km_content_checked_get_dir         (void);
GFile    *km_content_checked_get_default_dir (void);

char     *km_content_checked_fingerprint     (GFile        *dir,
                                              GPtrArray    *files);
gboolean  km_content_checked_lookup          (GFile        *records,
                                              const char   *fingerprint);
gboolean  km_content_checked_store           (GFile        *records,
                                              const char   *fingerprint,
                                              GError      **error);
GFile    *km_content_checked_get_record_file (GFile        *records,
                                              const char   *fingerprint);
char     *km_content_checked_format_record   (const char   *fingerprint);

G_END_DECLS
