/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The gallery's shown exhibits (#19): the items of a base model at the
 * positions a search gave, with one items-changed for what differs, and
 * none when nothing does.
 */
#define KM_TYPE_MATCH_LIST (km_match_list_get_type ())

G_DECLARE_FINAL_TYPE (KmMatchList, km_match_list, KM, MATCH_LIST, GObject)

KmMatchList *km_match_list_new           (GListModel   *base);
GListModel  *km_match_list_get_base      (KmMatchList  *self);
void         km_match_list_set_positions (KmMatchList  *self,
                                          const GArray *positions,
                                          gboolean      base_changed);
guint        km_match_list_get_position  (KmMatchList  *self,
                                          guint         index);

void         km_match_list_diff          (const GArray *old_positions,
                                          const GArray *new_positions,
                                          guint        *position,
                                          guint        *removed,
                                          guint        *added);

/* A list of n placeholders whose length is all that changes: the grid
 * keeps its cells, and the gallery gives each the exhibit at its
 * position, instead of GTK 4.8 building a new cell for every exhibit
 * that a keystroke brings into view.
 */
#define KM_TYPE_SLOT_LIST (km_slot_list_get_type ())

G_DECLARE_FINAL_TYPE (KmSlotList, km_slot_list, KM, SLOT_LIST, GObject)

KmSlotList  *km_slot_list_new            (void);
void         km_slot_list_set_n_items    (KmSlotList   *self,
                                          guint         n_items);

G_END_DECLS
