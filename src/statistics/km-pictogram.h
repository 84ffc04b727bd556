/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KM_TYPE_PICTOGRAM (km_pictogram_get_type ())

G_DECLARE_FINAL_TYPE (KmPictogram, km_pictogram, KM, PICTOGRAM, GtkWidget)

GtkWidget *km_pictogram_new          (guint        n_marks,
                                      const char  *description);
guint      km_pictogram_get_n_marks  (KmPictogram *self);
guint      km_pictogram_get_n_drawn  (KmPictogram *self);

G_END_DECLS
