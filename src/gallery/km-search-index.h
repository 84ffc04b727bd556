/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "km-gallery-filter.h"

G_BEGIN_DECLS

/* The gallery's search over thousands of exhibits (#19): every exhibit's
 * folded text, kind and eras, built once per content and language, in
 * flat arrays; a query is answered in one pass over them, without an
 * allocation per exhibit, and a stricter or looser one only looks again
 * at what it can change. Pure (GLib only), so it is tested without a
 * window: the answers are those of km_gallery_filter_match().
 */
typedef struct _KmSearchIndex KmSearchIndex;

KmSearchIndex *km_search_index_new            (const char                *language);
void           km_search_index_free           (KmSearchIndex             *self);
guint          km_search_index_add            (KmSearchIndex             *self,
                                               const KmGalleryItemFields *fields);
guint          km_search_index_get_n_items    (const KmSearchIndex       *self);
const char    *km_search_index_get_language   (const KmSearchIndex       *self);
gboolean       km_search_index_is_current     (const KmSearchIndex       *self,
                                               const char                *language,
                                               guint                      n_items);
const char    *km_search_index_get_haystack   (const KmSearchIndex       *self,
                                               guint                      position);
gboolean       km_search_index_match_one      (const KmSearchIndex       *self,
                                               guint                      position,
                                               const char                *folded_query,
                                               int                        kind_filter,
                                               const char                *era_filter);
GArray        *km_search_index_match          (const KmSearchIndex       *self,
                                               const char                *folded_query,
                                               int                        kind_filter,
                                               const char                *era_filter,
                                               const GArray              *previous,
                                               KmGalleryChange            change);

KmGalleryChange km_gallery_change_combine     (KmGalleryChange            a,
                                               KmGalleryChange            b);
KmGalleryChange km_gallery_filter_compare_eras (const char               *old_era,
                                                const char               *new_era);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmSearchIndex, km_search_index_free)

G_END_DECLS
