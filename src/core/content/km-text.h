/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KM_TYPE_TEXT (km_text_get_type ())

typedef struct _KmText KmText;

GType       km_text_get_type       (void) G_GNUC_CONST;
KmText     *km_text_new            (void);
KmText     *km_text_copy           (const KmText *text);
void        km_text_free           (KmText       *text);
void        km_text_set            (KmText       *text,
                                    const char   *lang,
                                    const char   *value);
const char *km_text_get            (const KmText *text,
                                    const char   *lang);
const char *km_text_get_current    (const KmText *text);
gboolean    km_text_has_lang       (const KmText *text,
                                    const char   *lang);
char      **km_text_dup_langs      (const KmText *text);
char       *km_text_normalize_lang (const char   *lang);
void        km_text_set_language   (const char   *lang);
const char *km_text_get_language   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmText, km_text_free)

G_END_DECLS
