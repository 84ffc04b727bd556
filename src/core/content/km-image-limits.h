/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* What an exhibit image may be (resources/content/README.md, "Images"):
 * PNG, JPEG or SVG, at most 16384 pixels a side and 64 megapixels, by the
 * size its header (or an SVG's width, height or viewBox) declares; an SVG
 * file at most 8 MiB. A 109 KB PNG may declare 30000 × 30000 pixels and
 * take gigabytes to decode, so the size is checked before any pixel is.
 */
#define KM_IMAGE_MAX_SIDE      16384
#define KM_IMAGE_MAX_PIXELS    (G_GINT64_CONSTANT (64) * 1000 * 1000)
#define KM_IMAGE_MAX_SVG_BYTES (8 * 1024 * 1024)

gboolean   km_image_check_size (double         width,
                                double         height,
                                GError       **error);
GdkPixbuf *km_image_decode     (GInputStream  *stream,
                                int            width,
                                int            height,
                                GCancellable  *cancellable,
                                GError       **error);
gboolean   km_image_check      (GInputStream  *stream,
                                GCancellable  *cancellable,
                                GError       **error);
gboolean   km_image_svg_is_plain (const char   *data,
                                  gsize         len);

G_END_DECLS
