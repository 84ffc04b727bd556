/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-svg"

#include "config.h"

#include <gmodule.h>

#include "km-image-limits.h"
#include "km-svg.h"

/* Exhibit images are SVGs drawn by librsvg. The library is opened on first
 * use instead of being linked: with libxml2 and ICU behind it, it is tens
 * of thousands of relocations that the dynamic loader would otherwise do
 * on the main thread before the first frame, for images that are decoded
 * in a thread after it (#10). Its ABI is the soname's.
 */
#define LIBRSVG_SONAME "librsvg-2.so.2"

typedef struct
{
  __typeof__ (rsvg_handle_new_from_gfile_sync)         *new_from_gfile_sync;
  __typeof__ (rsvg_handle_get_intrinsic_size_in_pixels) *get_intrinsic_size_in_pixels;
  __typeof__ (rsvg_handle_get_intrinsic_dimensions)     *get_intrinsic_dimensions;
  __typeof__ (rsvg_handle_render_document)              *render_document;
} RsvgFunctions;

static RsvgFunctions rsvg;
static char *open_error;

static gboolean
lookup_symbols (GModule *module)
{
  return g_module_symbol (module, "rsvg_handle_new_from_gfile_sync", (gpointer *) &rsvg.new_from_gfile_sync) &&
         g_module_symbol (module, "rsvg_handle_get_intrinsic_size_in_pixels", (gpointer *) &rsvg.get_intrinsic_size_in_pixels) &&
         g_module_symbol (module, "rsvg_handle_get_intrinsic_dimensions", (gpointer *) &rsvg.get_intrinsic_dimensions) &&
         g_module_symbol (module, "rsvg_handle_render_document", (gpointer *) &rsvg.render_document);
}

/* Any thread: the thumbnail loader's pool calls it first. */
static gboolean
ensure_rsvg (GError **error)
{
  static gsize opened;

  if (g_once_init_enter (&opened))
    {
      GModule *module = g_module_open (LIBRSVG_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);

      if (module == NULL || !lookup_symbols (module))
        open_error = g_strdup (g_module_error ());
      if (module != NULL)
        g_module_make_resident (module);
      g_once_init_leave (&opened, 1);
    }

  if (open_error != NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "SVG images need %s: %s", LIBRSVG_SONAME, open_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * km_svg_load:
 * @file: an SVG file
 *
 * Parses @file with librsvg, opening the library the first time, and
 * refuses a document over the limits of km-image-limits.h (file size,
 * declared size). Safe to call from any thread.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
RsvgHandle *
km_svg_load (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  RsvgHandle *handle;
  double width, height;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!ensure_rsvg (error))
    return NULL;

  /* The rendering budget (km-image-limits.h): a bounded document… */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_size (info) > KM_IMAGE_MAX_SVG_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "it is an SVG file larger than %d MiB", KM_IMAGE_MAX_SVG_BYTES / 1024 / 1024);
      return NULL;
    }

  if (!(handle = rsvg.new_from_gfile_sync (file, RSVG_HANDLE_FLAGS_NONE, cancellable, error)))
    return NULL;

  /* …that declares no more pixels than a raster image may have. */
  if (km_svg_get_size (handle, &width, &height) && !km_image_check_size (width, height, error))
    {
      g_object_unref (handle);
      return NULL;
    }

  return handle;
}

/**
 * km_svg_get_size:
 *
 * Gets the document's size in pixels, or its viewBox's when it has only
 * relative dimensions.
 *
 * Returns: %FALSE if the document has neither; @width and @height are
 *   left alone then
 */
gboolean
km_svg_get_size (RsvgHandle *handle,
                 double     *width,
                 double     *height)
{
  gboolean has_viewbox = FALSE;
  RsvgRectangle viewbox;

  g_return_val_if_fail (handle != NULL, FALSE);

  /* A handle exists only once the library is open. */
  if (rsvg.get_intrinsic_size_in_pixels (handle, width, height))
    return TRUE;

  rsvg.get_intrinsic_dimensions (handle, NULL, NULL, NULL, NULL, &has_viewbox, &viewbox);
  if (!has_viewbox)
    return FALSE;

  *width = viewbox.width;
  *height = viewbox.height;
  return TRUE;
}

/**
 * km_svg_render:
 *
 * Draws the whole document scaled into the given rectangle of @cr.
 */
gboolean
km_svg_render (RsvgHandle  *handle,
               cairo_t     *cr,
               double       x,
               double       y,
               double       width,
               double       height,
               GError     **error)
{
  g_return_val_if_fail (handle != NULL, FALSE);

  return rsvg.render_document (handle, cr, &(RsvgRectangle) { x, y, width, height }, error);
}
