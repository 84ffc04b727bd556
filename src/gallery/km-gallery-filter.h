/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "km-content-enums.h"

G_BEGIN_DECLS

/* The gallery's filtering as pure functions from data to a decision, so
 * that it can be tested without a window.
 */

/* Any kind: the kind filter is off. */
#define KM_GALLERY_ANY_KIND (-1)

typedef struct
{
  const char         *title;
  const char         *caption;
  const char         *description;
  KmExhibitKind       kind;
  const char * const *era_ids;   /* NULL-terminated, may be NULL */
} KmGalleryItemFields;

typedef enum
{
  KM_GALLERY_EMPTY_NONE,        /* something to show */
  KM_GALLERY_EMPTY_NO_EXHIBITS, /* the content pack has no exhibits */
  KM_GALLERY_EMPTY_NO_MATCH,    /* the search or the filters match nothing */
} KmGalleryEmptyState;

char                *km_search_fold                  (const char                *text);
char                *km_gallery_filter_build_haystack (const KmGalleryItemFields *fields);
gboolean             km_gallery_filter_match_folded   (const char                *folded_haystack,
                                                       KmExhibitKind              kind,
                                                       const char * const        *era_ids,
                                                       const char                *folded_query,
                                                       int                        kind_filter,
                                                       const char                *era_filter);
gboolean             km_gallery_filter_match          (const KmGalleryItemFields *fields,
                                                       const char                *query,
                                                       int                        kind_filter,
                                                       const char                *era_filter);
gboolean             km_gallery_filter_is_active      (const char                *query,
                                                       int                        kind_filter,
                                                       const char                *era_filter);
KmGalleryEmptyState  km_gallery_filter_empty_state    (guint                      n_total,
                                                       guint                      n_shown);

G_END_DECLS
