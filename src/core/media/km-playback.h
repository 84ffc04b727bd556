/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gst/gst.h>

G_BEGIN_DECLS

void        km_playback_install             (void);
GstElement *km_playback_dup_pipeline        (const char *uri);
guint       km_playback_get_dropped_frames  (GstElement *pipeline);

G_END_DECLS
