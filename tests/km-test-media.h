/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *km_test_media_make_dir           (GError    **error);
void  km_test_media_write              (const char *dir,
                                        const char *name,
                                        const char *data,
                                        gssize      len);
void  km_test_media_make_pdf           (const char *path,
                                        int         n_pages);
char *km_test_media_h264_decoders_off  (void);
void  km_test_media_remove_dir         (const char *dir);

G_END_DECLS
