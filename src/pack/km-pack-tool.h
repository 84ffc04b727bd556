/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "km-pack-model.h"

G_BEGIN_DECLS

/* Exit statuses of every subcommand. */
enum
{
  KM_PACK_EXIT_OK      = 0,
  KM_PACK_EXIT_CONTENT = 1,   /* the pack or a CSV file has a problem */
  KM_PACK_EXIT_USAGE   = 2,   /* the command line is wrong */
};

#define KM_PACK_PROGRAM "khojaly-memorial-pack"

int      km_pack_cmd_new       (int            argc,
                                char         **argv);
int      km_pack_cmd_export    (int            argc,
                                char         **argv);
int      km_pack_cmd_import    (int            argc,
                                char         **argv);
int      km_pack_cmd_check     (int            argc,
                                char         **argv);
int      km_pack_cmd_build     (int            argc,
                                char         **argv);
int      km_pack_cmd_translate (int            argc,
                                char         **argv);
int      km_pack_cmd_preview   (int            argc,
                                char         **argv);
/* km-pack-sign.c */
int      km_pack_cmd_keygen    (int            argc,
                                char         **argv);
int      km_pack_cmd_sign      (int            argc,
                                char         **argv);
int      km_pack_cmd_verify    (int            argc,
                                char         **argv);

/* Shared by the subcommands (km-pack-main.c). */
int      km_pack_parse_options (GOptionContext *context,
                                const char     *command,
                                int            *argc,
                                char         ***argv,
                                int             min_args,
                                int             max_args);
int      km_pack_usage_error   (const char     *command,
                                const char     *format,
                                ...) G_GNUC_PRINTF (2, 3);
void     km_pack_print_errors  (GPtrArray      *errors);
gboolean km_pack_write_file_atomic (GFile      *file,
                                    GBytes     *bytes,
                                    GError    **error);

/* km-pack-import.c: the pack's four files written beside them, with links
 * to everything else, for a check before they replace the old ones. */
char    *km_pack_write_staging  (KmPackModel    *model,
                                 const char     *dir_path,
                                 KmPackXmlMap  **maps,
                                 GError        **error);
void     km_pack_remove_staging (const char     *path);

G_END_DECLS
