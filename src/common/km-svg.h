/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <librsvg/rsvg.h>

G_BEGIN_DECLS

RsvgHandle *km_svg_load     (GFile         *file,
                             GCancellable  *cancellable,
                             GError       **error);
gboolean    km_svg_get_size (RsvgHandle    *handle,
                             double        *width,
                             double        *height);
gboolean    km_svg_render   (RsvgHandle    *handle,
                             cairo_t       *cr,
                             double         x,
                             double         y,
                             double         width,
                             double         height,
                             GError       **error);

G_END_DECLS
