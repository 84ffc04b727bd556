/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-match-list"

#include "config.h"

#include "km-match-list.h"

struct _KmMatchList
{
  GObject     parent_instance;

  GListModel *base;
  GArray     *positions;  /* guint, ascending, into base */
};

static void km_match_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KmMatchList, km_match_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, km_match_list_model_init))

static GType
km_match_list_get_item_type (GListModel *model)
{
  KmMatchList *self = KM_MATCH_LIST (model);

  return self->base != NULL ? g_list_model_get_item_type (self->base) : G_TYPE_OBJECT;
}

static guint
km_match_list_get_n_items (GListModel *model)
{
  return KM_MATCH_LIST (model)->positions->len;
}

static gpointer
km_match_list_get_item (GListModel *model,
                        guint       index)
{
  KmMatchList *self = KM_MATCH_LIST (model);

  if (self->base == NULL || index >= self->positions->len)
    return NULL;

  return g_list_model_get_item (self->base, g_array_index (self->positions, guint, index));
}

static void
km_match_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = km_match_list_get_item_type;
  iface->get_n_items = km_match_list_get_n_items;
  iface->get_item = km_match_list_get_item;
}

static void
km_match_list_finalize (GObject *object)
{
  KmMatchList *self = KM_MATCH_LIST (object);

  g_clear_object (&self->base);
  g_array_unref (self->positions);

  G_OBJECT_CLASS (km_match_list_parent_class)->finalize (object);
}

static void
km_match_list_class_init (KmMatchListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = km_match_list_finalize;
}

static void
km_match_list_init (KmMatchList *self)
{
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint));
}

/**
 * km_match_list_new:
 * @base: (nullable): the model of every item
 *
 * Returns: (transfer full): an empty list; km_match_list_set_positions()
 *   says which of @base's items it has
 */
KmMatchList *
km_match_list_new (GListModel *base)
{
  KmMatchList *self = g_object_new (KM_TYPE_MATCH_LIST, NULL);

  g_set_object (&self->base, base);
  return self;
}

/**
 * km_match_list_get_base:
 *
 * Returns: (transfer none) (nullable): the model of every item
 */
GListModel *
km_match_list_get_base (KmMatchList *self)
{
  g_return_val_if_fail (KM_IS_MATCH_LIST (self), NULL);

  return self->base;
}

/**
 * km_match_list_diff:
 * @old_positions: the positions before, ascending
 * @new_positions: the positions now, ascending
 * @position: (out): where the change starts
 * @removed: (out): how many of the old ones go
 * @added: (out): how many new ones come
 *
 * The one range that covers every difference: what both have in common
 * at the start and at the end stays.
 */
void
km_match_list_diff (const GArray *old_positions,
                    const GArray *new_positions,
                    guint        *position,
                    guint        *removed,
                    guint        *added)
{
  guint n_old = old_positions->len, n_new = new_positions->len;
  guint n_min = MIN (n_old, n_new);
  guint prefix = 0, suffix = 0;

  while (prefix < n_min &&
         g_array_index (old_positions, guint, prefix) == g_array_index (new_positions, guint, prefix))
    prefix++;
  while (suffix < n_min - prefix &&
         g_array_index (old_positions, guint, n_old - 1 - suffix) ==
         g_array_index (new_positions, guint, n_new - 1 - suffix))
    suffix++;

  *position = prefix;
  *removed = n_old - prefix - suffix;
  *added = n_new - prefix - suffix;
}

/**
 * km_match_list_set_positions:
 * @positions: (element-type guint): positions into the base model, ascending
 * @base_changed: whether the base model's items changed since the last
 *   positions (a reload): then every item is new
 *
 * Emits one items-changed for what differs, none if nothing does.
 */
void
km_match_list_set_positions (KmMatchList  *self,
                             const GArray *positions,
                             gboolean      base_changed)
{
  g_autoptr(GArray) old = NULL;
  guint position, removed, added;

  g_return_if_fail (KM_IS_MATCH_LIST (self));
  g_return_if_fail (positions != NULL);

  old = g_steal_pointer (&self->positions);
  self->positions = g_array_copy ((GArray *) positions);

  if (base_changed)
    {
      position = 0;
      removed = old->len;
      added = positions->len;
    }
  else
    km_match_list_diff (old, positions, &position, &removed, &added);

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/**
 * km_match_list_get_position:
 * @index: an item of the list
 *
 * Returns: its position in the base model, or %G_MAXUINT if there is no
 *   such item
 */
guint
km_match_list_get_position (KmMatchList *self,
                            guint        index)
{
  g_return_val_if_fail (KM_IS_MATCH_LIST (self), G_MAXUINT);

  return index < self->positions->len ? g_array_index (self->positions, guint, index) : G_MAXUINT;
}

/* Slots */

struct _KmSlotList
{
  GObject parent_instance;

  guint   n_items;
};

static void km_slot_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KmSlotList, km_slot_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, km_slot_list_model_init))

static GType
km_slot_list_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
km_slot_list_get_n_items (GListModel *model)
{
  return KM_SLOT_LIST (model)->n_items;
}

/* A placeholder of its own for each cell: GTK tells cells apart by item. */
static gpointer
km_slot_list_get_item (GListModel *model,
                       guint       index)
{
  if (index >= KM_SLOT_LIST (model)->n_items)
    return NULL;

  return g_object_new (G_TYPE_OBJECT, NULL);
}

static void
km_slot_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = km_slot_list_get_item_type;
  iface->get_n_items = km_slot_list_get_n_items;
  iface->get_item = km_slot_list_get_item;
}

static void
km_slot_list_class_init (KmSlotListClass *klass)
{
}

static void
km_slot_list_init (KmSlotList *self)
{
}

KmSlotList *
km_slot_list_new (void)
{
  return g_object_new (KM_TYPE_SLOT_LIST, NULL);
}

/**
 * km_slot_list_set_n_items:
 *
 * Adds or removes slots at the end only: the cells of the others stay.
 */
void
km_slot_list_set_n_items (KmSlotList *self,
                          guint       n_items)
{
  guint old;

  g_return_if_fail (KM_IS_SLOT_LIST (self));

  old = self->n_items;
  self->n_items = n_items;
  if (n_items < old)
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, old - n_items, 0);
  else if (n_items > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n_items - old);
}
