/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KM_TYPE_CONTENT_ERROR (km_content_error_get_type ())

typedef struct
{
  char *file;     /* path relative to the pack, e.g. "exhibits.xml" */
  int   line;     /* 1-based, 0 when the problem concerns the whole file */
  int   column;   /* 1-based, in characters, 0 when unknown */
  char *message;
} KmContentError;

GType           km_content_error_get_type  (void) G_GNUC_CONST;
KmContentError *km_content_error_new       (const char           *file,
                                            int                   line,
                                            int                   column,
                                            const char           *message);
KmContentError *km_content_error_copy      (const KmContentError *error);
void            km_content_error_free      (KmContentError       *error);
char           *km_content_error_to_string (const KmContentError *error);
int             km_content_error_compare   (const KmContentError *a,
                                            const KmContentError *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmContentError, km_content_error_free)

G_END_DECLS
