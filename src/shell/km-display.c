/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-display"

#include "config.h"

#include <string.h>

#include "km-display.h"

#ifdef KM_HAVE_X11_UPLOAD
#include <gdk/x11/gdkx.h>
#include <cairo-xlib.h>
#endif

/**
 * km_display_prepare:
 *
 * Sets how GDK opens the display: call it before GTK is initialized, as
 * main() does.
 *
 * Under the cairo renderer (`GSK_RENDERER=cairo`, the kiosk's software
 * rendering) nothing is drawn with OpenGL, yet GTK 4.8's X11 backend
 * initializes it when it opens the display, only to choose a visual:
 * Mesa's llvmpipe, about 60 MB resident and the time to load it (#10).
 * GTK 4.8 has no API to skip that; `GDK_DEBUG=gl-disable` does.
 */
void
km_display_prepare (void)
{
  const char *debug = g_getenv ("GDK_DEBUG");
  g_autofree char *flags = NULL;

  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") != 0)
    return;
  if (debug != NULL && strstr (debug, "gl-disable") != NULL)
    return;

  if (debug != NULL && *debug != '\0')
    flags = g_strconcat (debug, ",gl-disable", NULL);
  else
    flags = g_strdup ("gl-disable");
  g_setenv ("GDK_DEBUG", flags, TRUE);
}

#ifdef KM_HAVE_X11_UPLOAD
typedef struct
{
  cairo_surface_t *kept;
  gsize            capacity;  /* bytes of the largest frame it holds room for */
} UploadMemory;

static void
upload_memory_free (gpointer data)
{
  UploadMemory *memory = data;

  cairo_surface_destroy (memory->kept);
  g_free (memory);
}
#endif

/**
 * km_display_keep_upload_memory:
 * @native: a toplevel that has painted
 *
 * Under the cairo renderer on X11, keeps the shared memory through which
 * cairo sends @native's frames to the X server, with room for a frame of
 * its whole size. Call it after each paint; it does something only when
 * the window has grown.
 *
 * GTK 4.8 paints each frame into an image and cairo copies that into a
 * block of an X shared-memory pool. Once no block of a pool is in use,
 * cairo destroys the pool, and the next frame makes a new one, whose every
 * page the kernel must fault in and clear: a 1920 × 340 strip of the
 * timeline's overview took 25–33 ms instead of 3 (#19). One small image
 * kept in a pool made for the whole window keeps it alive, so frames reuse
 * pages that are already there. It costs what one full frame takes, about
 * 8 MB at 1920 × 1080, which frames took and gave back anyway.
 */
void
km_display_keep_upload_memory (GtkNative *native)
{
#ifdef KM_HAVE_X11_UPLOAD
  GdkSurface *surface = gtk_native_get_surface (native);
  GdkDisplay *display = gdk_surface_get_display (surface);
  int scale = gdk_surface_get_scale_factor (surface);
  int width = gdk_surface_get_width (surface) * scale;
  int height = gdk_surface_get_height (surface) * scale;
  gsize needed = (gsize) cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width) * (gsize) height;
  UploadMemory *memory = g_object_get_data (G_OBJECT (display), "km-upload-memory");
  XWindowAttributes attributes;
  cairo_surface_t *window_surface, *frame;
  Display *xdisplay;
  Window xid;

  if (memory != NULL && memory->capacity >= needed)
    return;
  if (!GDK_IS_X11_DISPLAY (display) || !GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native)))
    return;
  /* Not yet given its size. */
  if (width < 64 || height < 64)
    return;

  xdisplay = gdk_x11_display_get_xdisplay (display);
  xid = gdk_x11_surface_get_xid (surface);
  if (!XGetWindowAttributes (xdisplay, xid, &attributes))
    return;

  /* A pool is made for its first image, 8 × its size, and gives no block
   * larger than that image: one as large as the window comes first, then
   * the small image that keeps the pool, then the first goes.
   */
  window_surface = cairo_xlib_surface_create (xdisplay, xid, attributes.visual, width, height);
  frame = cairo_surface_create_similar_image (window_surface, CAIRO_FORMAT_ARGB32, width, height);
  if (memory == NULL)
    {
      memory = g_new0 (UploadMemory, 1);
      g_object_set_data_full (G_OBJECT (display), "km-upload-memory", memory, upload_memory_free);
    }
  g_clear_pointer (&memory->kept, cairo_surface_destroy);
  memory->kept = cairo_surface_create_similar_image (window_surface, CAIRO_FORMAT_ARGB32, 64, 64);
  memory->capacity = needed;
  cairo_surface_destroy (frame);
  cairo_surface_destroy (window_surface);
#endif
}
