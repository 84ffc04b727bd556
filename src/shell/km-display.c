/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-display"

#include "config.h"

#include <string.h>

#include "km-display.h"

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
