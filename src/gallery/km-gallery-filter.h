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

/* How a new search or filter relates to the old one: a stricter one
 * need only look again at what is shown, a looser one at what is hidden
 * (GtkFilterChange's MORE_STRICT and LESS_STRICT), which halves the work
 * of a keystroke over thousands of exhibits (#19).
 */
typedef enum
{
  KM_GALLERY_CHANGE_SAME,
  KM_GALLERY_CHANGE_MORE_STRICT,
  KM_GALLERY_CHANGE_LESS_STRICT,
  KM_GALLERY_CHANGE_DIFFERENT,
} KmGalleryChange;

KmGalleryChange      km_gallery_filter_compare_queries (const char *old_folded_query,
                                                        const char *new_folded_query);
KmGalleryChange      km_gallery_filter_compare_filters (int         old_filter,
                                                        int         new_filter,
                                                        int         any);
char                *km_search_fold                  (const char                *text);
void                 km_search_fold_append           (GString                   *out,
                                                      const char                *text);
void                 km_gallery_filter_append_haystack (GString                 *out,
                                                        const KmGalleryItemFields *fields);
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
