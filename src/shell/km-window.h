/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "km-types.h"

G_BEGIN_DECLS

#define KM_TYPE_WINDOW (km_window_get_type ())

G_DECLARE_FINAL_TYPE (KmWindow, km_window, KM, WINDOW, AdwApplicationWindow)

/* The views the window offers, in order; "gallery" is the home view. */
extern const char * const km_window_view_names[];

KmWindow   *km_window_new              (GtkApplication *application,
                                        KmContext      *context,
                                        const char     *initial_view);
void        km_window_show_view        (KmWindow      *self,
                                        const char    *name);
const char *km_window_get_visible_view (KmWindow      *self);
GtkWidget  *km_window_get_view         (KmWindow      *self,
                                        const char    *name);
GtkWidget  *km_window_peek_view        (KmWindow      *self,
                                        const char    *name);
void        km_window_reset_views      (KmWindow      *self);
void        km_window_add_toast        (KmWindow      *self,
                                        const char    *message);
void        km_window_add_toast_with_action (KmWindow   *self,
                                             const char *message,
                                             const char *button_label,
                                             const char *action_name);
gboolean    km_window_get_showing_content_errors (KmWindow *self);
void        km_window_set_preview_dir  (KmWindow      *self,
                                        GFile         *dir);
void        km_window_content_reloading (KmWindow     *self);
void        km_window_content_reloaded (KmWindow      *self,
                                        gboolean       loaded);

G_END_DECLS
