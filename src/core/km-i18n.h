/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;         /* "en", "az", "id", "en@pseudo" */
  const char *native_name;  /* the language's name in itself */
  const char *locale;       /* the glibc locale that carries its formats */
} KmLanguage;

#define KM_I18N_ERROR (km_i18n_error_quark ())

typedef enum
{
  KM_I18N_ERROR_UNKNOWN_LANGUAGE,
  KM_I18N_ERROR_MISSING_LOCALE,
} KmI18nError;

GQuark             km_i18n_error_quark           (void);
void               km_i18n_init                  (void);
const char        *km_i18n_get_localedir         (void);
const KmLanguage  *km_i18n_get_languages         (guint       *n_languages);
const KmLanguage  *km_i18n_lookup_language       (const char  *code);
const char        *km_i18n_guess_system_language (void);
const char        *km_i18n_get_language          (void);
gboolean           km_i18n_set_language          (const char  *code,
                                                  GError     **error);
char              *km_i18n_format_number         (gint64       value,
                                                  const char  *code);
char              *km_i18n_dup_missing_locales   (void);
char              *km_i18n_dup_translation       (const char  *msgid,
                                                  const char  *code);

G_END_DECLS
