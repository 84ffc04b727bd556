/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "km-types.h"

G_BEGIN_DECLS

#define KM_TYPE_APPLICATION (km_application_get_type ())

G_DECLARE_FINAL_TYPE (KmApplication, km_application, KM, APPLICATION, AdwApplication)

KmApplication  *km_application_new                (GApplicationFlags  flags);
KmContext      *km_application_get_context        (KmApplication     *self);
void            km_application_set_language       (KmApplication     *self,
                                                   const char        *code);
char           *km_application_dup_debug_info     (KmApplication     *self);

G_END_DECLS
