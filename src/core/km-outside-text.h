/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longer outside text is cut to this many characters and an ellipsis. */
#define KM_OUTSIDE_TEXT_MAX_CHARS 400

char *km_outside_text_plain            (const char *text,
                                        gssize      len);
char *km_outside_text_redact_uri       (const char *uri);
char *km_outside_text_hide_credentials (const char *text,
                                        const char *uri);

G_END_DECLS
