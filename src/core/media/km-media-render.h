/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

gboolean         km_media_file_is_pdf      (GFile         *file);
gboolean         km_media_file_is_video    (GFile         *file);
cairo_surface_t *km_media_render_pdf_page  (GFile         *file,
                                            int            page,
                                            int            max_width,
                                            int            max_height,
                                            GCancellable  *cancellable,
                                            GError       **error);
GdkPixbuf       *km_media_video_frame      (GFile         *file,
                                            int            max_width,
                                            int            max_height,
                                            GCancellable  *cancellable,
                                            GError       **error);

G_END_DECLS
