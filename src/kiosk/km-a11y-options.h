/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KM_TYPE_A11Y_OPTIONS (km_a11y_options_get_type ())

G_DECLARE_FINAL_TYPE (KmA11yOptions, km_a11y_options, KM, A11Y_OPTIONS, GObject)

KmA11yOptions *km_a11y_options_get_default       (void);
gboolean       km_a11y_options_get_large_text     (KmA11yOptions *self);
void           km_a11y_options_set_large_text     (KmA11yOptions *self,
                                                   gboolean       large_text);
gboolean       km_a11y_options_get_high_contrast  (KmA11yOptions *self);
void           km_a11y_options_set_high_contrast  (KmA11yOptions *self,
                                                   gboolean       high_contrast);
gboolean       km_a11y_options_get_reduced_motion (KmA11yOptions *self);
void           km_a11y_options_set_reduced_motion (KmA11yOptions *self,
                                                   gboolean       reduced_motion);
void           km_a11y_options_reset              (KmA11yOptions *self);

G_END_DECLS
