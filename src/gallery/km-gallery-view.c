/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-gallery-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "km-a11y.h"
#include "km-content-store.h"
#include "km-context.h"
#include "km-exhibit-card.h"
#include "km-gallery-filter.h"
#include "km-gallery-view.h"
#include "km-exhibit-viewer.h"
#include "km-image-view.h"
#include "km-match-list.h"
#include "km-media-player.h"
#include "km-search-index.h"
#include "km-text.h"
#include "km-thumbnail-loader.h"
#include "km-view.h"
#include "km-widget-util.h"

/* The gallery: a grid of every exhibit with a search and two filters, and
 * a viewer that shows one exhibit as large as the window allows with all
 * it rests on. The viewer's position is the slideshow's, so stepping by
 * hand and the timer move the same thing.
 */
struct _KmGalleryView
{
  AdwBin              parent_instance;

  KmContext          *context;
  KmContentStore     *store;
  KmSlideshow        *slideshow;
  KmThumbnailLoader  *loader;
  /* The search (#19): the index of every exhibit's folded text, the
   * positions it matched, the exhibits at them, and the grid's cells,
   * which stay put while the exhibits they show change. */
  KmSearchIndex      *index;
  GArray             *matches;       /* guint positions into the exhibits */
  KmMatchList        *shown;
  KmSlotList         *slots;
  GHashTable         *bound_items;   /* GtkListItem, bound to a cell */
  guint               rebind_id;
  gboolean            has_kind[KM_EXHIBIT_KIND_PHOTOGRAPH + 1];
  GHashTable         *used_eras;     /* era id */
  char               *folded_query;
  int                 kind_filter;
  char               *era_filter;
  GArray             *kind_values;   /* dropdown position → kind; 0 is any */
  GPtrArray          *era_values;    /* dropdown position → era id; 0 is any */
  char               *exhibit_id;    /* the one in the viewer */
  double              pending_scroll;
  guint               fit_columns_id;

  /* Grid */
  GtkStack           *main_stack;
  GtkWidget          *grid_page;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *kind_dropdown;
  GtkDropDown        *era_dropdown;
  GtkLabel           *count_label;
  GtkStack           *grid_stack;
  GtkScrolledWindow  *grid_scroller;
  GtkGridView        *grid_view;

  /* Built when an exhibit is first opened (ensure_viewer()), NULL until
   * then; a page of main_stack, which owns it. */
  KmExhibitViewer    *viewer;
};

static void km_gallery_view_iface_init (KmViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KmGalleryView, km_gallery_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (KM_TYPE_VIEW, km_gallery_view_iface_init))

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static void update_viewer  (KmGalleryView *self);
static void update_actions (KmGalleryView *self);
static void ensure_viewer  (KmGalleryView *self);

/* An exhibit's eras are those of the timeline entries it links to. */
static char **
collect_era_ids (KmGalleryView *self,
                 KmExhibit     *exhibit)
{
  const char * const *entry_ids = km_exhibit_get_entry_ids (exhibit);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; entry_ids != NULL && entry_ids[i] != NULL; i++)
    {
      KmTimelineEntry *entry = km_content_store_lookup_entry (self->store, entry_ids[i]);
      const char *era_id;

      if (entry == NULL || (era_id = km_timeline_entry_get_era_id (entry)) == NULL)
        continue;
      if (g_hash_table_add (seen, (gpointer) era_id))
        g_strv_builder_add (builder, era_id);
    }

  return g_strv_builder_end (builder);
}

static GListModel *
get_all_exhibits (KmGalleryView *self)
{
  return self->store != NULL ? km_content_store_get_exhibits (self->store) : NULL;
}

static guint
get_n_total (KmGalleryView *self)
{
  GListModel *all = get_all_exhibits (self);

  return all != NULL ? g_list_model_get_n_items (all) : 0;
}

static guint
get_n_shown (KmGalleryView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->shown));
}

/* Once per content and language (a language switch makes a new view,
 * a reload new exhibits), not per keystroke; also the kinds and eras the
 * filters offer.
 */
static void
build_index (KmGalleryView *self)
{
  GListModel *all = get_all_exhibits (self);
  guint n = all != NULL ? g_list_model_get_n_items (all) : 0;

  g_clear_pointer (&self->index, km_search_index_free);
  self->index = km_search_index_new (km_text_get_language ());
  memset (self->has_kind, 0, sizeof self->has_kind);
  g_hash_table_remove_all (self->used_eras);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KmExhibit) exhibit = g_list_model_get_item (all, i);
      g_auto(GStrv) era_ids = collect_era_ids (self, exhibit);
      KmGalleryItemFields fields = {
        .title = km_exhibit_get_title (exhibit),
        .caption = km_exhibit_get_caption (exhibit),
        .description = km_exhibit_get_description (exhibit),
        .kind = km_exhibit_get_kind (exhibit),
        .era_ids = (const char * const *) era_ids,
      };

      km_search_index_add (self->index, &fields);
      if (fields.kind <= KM_EXHIBIT_KIND_PHOTOGRAPH)
        self->has_kind[fields.kind] = TRUE;
      for (guint j = 0; era_ids[j] != NULL; j++)
        if (!g_hash_table_contains (self->used_eras, era_ids[j]))
          g_hash_table_add (self->used_eras, g_strdup (era_ids[j]));
    }
}

static void
ensure_index (KmGalleryView *self)
{
  if (!km_search_index_is_current (self->index, km_text_get_language (), get_n_total (self)))
    build_index (self);
}

static KmExhibit *
dup_current_exhibit (KmGalleryView *self)
{
  return km_slideshow_dup_item (self->slideshow);
}

static gboolean
viewer_is_open (KmGalleryView *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "viewer") == 0;
}

/* Filters */

static void
update_count (KmGalleryView *self)
{
  guint n_total = get_n_total (self);
  guint n_shown = get_n_shown (self);
  g_autofree char *text = NULL;

  /* No count before a loading pack has arrived (#19). */
  if (self->store != NULL && km_content_store_get_loading (self->store))
    text = g_strdup ("");
  else if (n_total == n_shown)
    text = g_strdup_printf (ngettext ("%u exhibit", "%u exhibits", n_total), n_total);
  else
    /* Translators: shown while searching: “3 of 20 exhibits” */
    text = g_strdup_printf (ngettext ("%1$u of %2$u exhibit", "%1$u of %2$u exhibits", n_total),
                            n_shown, n_total);

  gtk_label_set_label (self->count_label, text);
}

static void
update_empty_state (KmGalleryView *self)
{
  /* A large pack still loading in a worker (#19). */
  if (self->store != NULL && km_content_store_get_loading (self->store))
    {
      gtk_stack_set_visible_child_name (self->grid_stack, "loading");
      return;
    }

  switch (km_gallery_filter_empty_state (get_n_total (self), get_n_shown (self)))
    {
    case KM_GALLERY_EMPTY_NO_EXHIBITS:
      gtk_stack_set_visible_child_name (self->grid_stack, "no-exhibits");
      break;

    case KM_GALLERY_EMPTY_NO_MATCH:
      gtk_stack_set_visible_child_name (self->grid_stack, "no-match");
      break;

    case KM_GALLERY_EMPTY_NONE:
    default:
      gtk_stack_set_visible_child_name (self->grid_stack, "grid");
      break;
    }
}

static void
on_filter_model_items_changed_cb (KmGalleryView *self)
{
  update_count (self);
  update_empty_state (self);
  update_actions (self);
}

static KmExhibitCard *
get_card (GtkListItem *item)
{
  return KM_EXHIBIT_CARD (gtk_list_item_get_child (item));
}

/* HACK: with single-click-activate, GTK 4.8's grid cell selects itself
 * when the pointer enters it ("list.select-item"). Entering is also what
 * GTK makes up when the cell under the pointer goes off screen in the
 * middle of the grid's allocation, and that selection moves the grid's
 * cells under the allocation, which then unmaps a cell already freed: a
 * crash (test-gallery /large-pack, clearing a search and jumping six
 * screens with the pointer over the grid). Nothing is selected here (a
 * GtkNoSelection), so the cell's own "list.select-item" does nothing; its
 * other "list." actions, such as activating it, reach the grid as before.
 */
static void
ignore_hover_select (GtkWidget *card)
{
  GtkWidget *cell = gtk_widget_get_parent (card);
  static const GActionEntry entries[] = {
    { .name = "select-item", .parameter_type = "(ubb)" },
  };
  g_autoptr(GSimpleActionGroup) group = NULL;

  if (cell == NULL || g_object_get_data (G_OBJECT (cell), "km-ignore-hover-select") != NULL)
    return;

  group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), NULL);
  gtk_widget_insert_action_group (cell, "list", G_ACTION_GROUP (group));
  g_object_set_data (G_OBJECT (cell), "km-ignore-hover-select", GINT_TO_POINTER (TRUE));
}

/* A cell shows the exhibit at its position among those shown.
 * Returns: whether it was given another one
 */
static gboolean
bind_cell (KmGalleryView *self,
           GtkListItem   *item,
           gboolean       again)
{
  g_autoptr(KmExhibit) exhibit = g_list_model_get_item (G_LIST_MODEL (self->shown),
                                                        gtk_list_item_get_position (item));
  KmExhibitCard *card = get_card (item);

  if (exhibit == NULL || (again && km_exhibit_card_get_exhibit (card) == exhibit))
    return FALSE;

  km_exhibit_card_set_exhibit (card, exhibit);
  ignore_hover_select (GTK_WIDGET (card));
  /* The focus is on the cell: it carries the exhibit's title and alt text. */
  km_a11y_label_list_item (GTK_WIDGET (card), km_exhibit_get_title (exhibit), km_exhibit_get_alt (exhibit));
  return TRUE;
}

/* Cells per idle call: each new title is laid out again in the next frame. */
#define KM_GALLERY_REBIND_BATCH 32

static gboolean
rebind_hidden_cb (gpointer user_data)
{
  KmGalleryView *self = user_data;
  GHashTableIter iter;
  gpointer item;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (n < KM_GALLERY_REBIND_BATCH && g_hash_table_iter_next (&iter, &item, NULL))
    n += bind_cell (self, item, TRUE);

  if (n < KM_GALLERY_REBIND_BATCH)
    {
      self->rebind_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Scrolled before the batches are done: the cells coming into view must
 * not show what was there before the keystroke.
 */
static void
on_grid_scrolled_cb (KmGalleryView *self)
{
  if (self->rebind_id == 0)
    return;

  g_clear_handle_id (&self->rebind_id, g_source_remove);
  {
    GHashTableIter iter;
    gpointer item;

    g_hash_table_iter_init (&iter, self->bound_items);
    while (g_hash_table_iter_next (&iter, &item, NULL))
      bind_cell (self, item, TRUE);
  }
}

/* The cells on screen show their new exhibits in the keystroke's frame;
 * the grid's other cells (GTK 4.8 keeps some 30 rows) follow in batches
 * between the next frames, each of which lays out their new titles.
 */
static void
rebind_cells (KmGalleryView *self)
{
  GHashTableIter iter;
  gpointer item;
  gboolean hidden = FALSE;

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      if (gtk_widget_get_mapped (gtk_list_item_get_child (item)))
        bind_cell (self, item, TRUE);
      else
        hidden = TRUE;
    }

  if (hidden && self->rebind_id == 0)
    self->rebind_id = g_idle_add (rebind_hidden_cb, self);
}

/* The search or the filters changed (or the exhibits did, @base_changed):
 * the index answers from its last answer, the shown list changes by one
 * range, the grid only in its length, and each cell that exists is given
 * the exhibit now at its position; an unchanged answer changes nothing.
 */
static void
update_matches (KmGalleryView   *self,
                KmGalleryChange  change,
                gboolean         base_changed)
{
  g_autoptr(GArray) matches = NULL;

  if (base_changed || !km_search_index_is_current (self->index, km_text_get_language (), get_n_total (self)))
    {
      build_index (self);
      base_changed = TRUE;
    }

  matches = km_search_index_match (self->index, self->folded_query, self->kind_filter, self->era_filter,
                                   base_changed ? NULL : self->matches, change);
  g_clear_pointer (&self->matches, g_array_unref);
  self->matches = g_array_ref (matches);

  km_match_list_set_positions (self->shown, matches, base_changed);
  km_slot_list_set_n_items (self->slots, matches->len);
  rebind_cells (self);

  on_filter_model_items_changed_cb (self);
}

static void
on_exhibits_changed_cb (KmGalleryView *self)
{
  /* Disposed: nothing left to show them in. */
  if (self->shown == NULL)
    return;
  update_matches (self, KM_GALLERY_CHANGE_DIFFERENT, TRUE);
}

static void
refilter (KmGalleryView *self)
{
  update_matches (self, KM_GALLERY_CHANGE_DIFFERENT, FALSE);
}

static void
apply_search (KmGalleryView *self)
{
  g_autofree char *folded = km_search_fold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  KmGalleryChange change;

  if (g_strcmp0 (folded, self->folded_query) == 0)
    return;

  /* A keystroke re-checks only what it can change (#19). */
  change = km_gallery_filter_compare_queries (self->folded_query, folded);
  g_free (self->folded_query);
  self->folded_query = g_steal_pointer (&folded);
  update_matches (self, change, FALSE);
}

static void
on_search_changed_cb (KmGalleryView *self)
{
  apply_search (self);
}

static void
on_stop_search_cb (KmGalleryView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_search (self);
}

static void
on_filter_changed_cb (KmGalleryView *self)
{
  guint kind_pos = gtk_drop_down_get_selected (self->kind_dropdown);
  guint era_pos = gtk_drop_down_get_selected (self->era_dropdown);
  int kind = KM_GALLERY_ANY_KIND;
  const char *era = NULL;
  KmGalleryChange kind_change, era_change;

  if (self->kind_values != NULL && kind_pos != GTK_INVALID_LIST_POSITION && kind_pos < self->kind_values->len)
    kind = g_array_index (self->kind_values, int, kind_pos);
  if (self->era_values != NULL && era_pos != GTK_INVALID_LIST_POSITION && era_pos < self->era_values->len)
    era = g_ptr_array_index (self->era_values, era_pos);

  if (kind == self->kind_filter && g_strcmp0 (era, self->era_filter) == 0)
    return;

  kind_change = km_gallery_filter_compare_filters (self->kind_filter, kind, KM_GALLERY_ANY_KIND);
  era_change = km_gallery_filter_compare_eras (self->era_filter, era);
  self->kind_filter = kind;
  g_free (self->era_filter);
  self->era_filter = g_strdup (era);
  update_matches (self, km_gallery_change_combine (kind_change, era_change), FALSE);
}

static const char *
kind_to_plural_label (KmExhibitKind kind)
{
  switch (kind)
    {
    case KM_EXHIBIT_KIND_POSTER:
      return C_("kind filter", "Posters");
    case KM_EXHIBIT_KIND_DOCUMENT:
      return C_("kind filter", "Documents");
    case KM_EXHIBIT_KIND_PHOTOGRAPH:
      return C_("kind filter", "Photographs");
    case KM_EXHIBIT_KIND_ILLUSTRATION:
    default:
      return C_("kind filter", "Illustrations");
    }
}

/* Only the kinds and eras the exhibits have: a filter that can only ever
 * show nothing is no help.
 */
static void
populate_filters (KmGalleryView *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) eras = gtk_string_list_new (NULL);
  GListModel *era_model = self->store != NULL ? km_content_store_get_eras (self->store) : NULL;
  int any = KM_GALLERY_ANY_KIND;

  g_clear_pointer (&self->kind_values, g_array_unref);
  g_clear_pointer (&self->era_values, g_ptr_array_unref);
  self->kind_values = g_array_new (FALSE, FALSE, sizeof (int));
  self->era_values = g_ptr_array_new_with_free_func (g_free);

  ensure_index (self);

  gtk_string_list_append (kinds, C_("kind filter", "All Kinds"));
  g_array_append_val (self->kind_values, any);
  for (int kind = 0; kind <= KM_EXHIBIT_KIND_PHOTOGRAPH; kind++)
    if (self->has_kind[kind])
      {
        gtk_string_list_append (kinds, kind_to_plural_label (kind));
        g_array_append_val (self->kind_values, kind);
      }

  /* Translators: the era filter of the gallery, when it is off */
  gtk_string_list_append (eras, C_("era filter", "All Periods"));
  g_ptr_array_add (self->era_values, NULL);
  for (guint i = 0; era_model != NULL && i < g_list_model_get_n_items (era_model); i++)
    {
      g_autoptr(KmEra) era = g_list_model_get_item (era_model, i);

      if (!g_hash_table_contains (self->used_eras, km_era_get_id (era)))
        continue;
      gtk_string_list_append (eras, km_era_get_title (era));
      g_ptr_array_add (self->era_values, g_strdup (km_era_get_id (era)));
    }

  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->era_dropdown, G_LIST_MODEL (eras));
  gtk_widget_set_visible (GTK_WIDGET (self->kind_dropdown), self->kind_values->len > 2);
  gtk_widget_set_visible (GTK_WIDGET (self->era_dropdown), self->era_values->len > 2);
}

/* New records (a pack loaded after start-up, #19, or a reload): their
 * kinds and eras (the index was built again when the exhibits changed).
 */
static void
on_store_reloaded_cb (KmGalleryView *self)
{
  populate_filters (self);
  on_filter_changed_cb (self);
  refilter (self);
}

static void
clear_filters (KmGalleryView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->era_dropdown, 0);
  apply_search (self);
  on_filter_changed_cb (self);
}

/* Grid */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     KmGalleryView            *self)
{
  gtk_list_item_set_child (item, km_exhibit_card_new (self->loader));
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    KmGalleryView            *self)
{
  g_hash_table_add (self->bound_items, item);
  bind_cell (self, item, FALSE);
}

/* An unbound cell is either bound again at once, to another exhibit, or
 * destroyed: clearing its texts first would lay its labels out twice.
 */
static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      KmGalleryView            *self)
{
  g_hash_table_remove (self->bound_items, item);
  km_exhibit_card_cancel_thumbnail (get_card (item));
}

static void
on_factory_teardown_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item,
                        KmGalleryView            *self)
{
  g_hash_table_remove (self->bound_items, item);
}

/* GTK 4.8's grid keeps cells for about 32 rows of max-columns around the
 * visible ones, and as the scroll anchor moves it shifts that window by
 * blocks of max-columns × several rows: with max-columns 8 and five columns
 * on screen, a frame now and then rebinds some 85 cards and runs over
 * 16 ms. The grid shows as many columns as fit (width / widest cell), so
 * holding max-columns at that number changes nothing on screen and keeps
 * the window, and each shift, to the columns shown.
 */
#define KM_GALLERY_MAX_COLUMNS 8

static guint
fitting_columns (KmGalleryView *self)
{
  GtkWidget *grid = GTK_WIDGET (self->grid_view);
  GtkWidget *cell = gtk_widget_get_first_child (grid);
  int width = gtk_widget_get_width (grid);
  int cell_width = 0;

  /* Every cell has the same minimum width: a thumbnail and labels of a
   * fixed number of characters.
   */
  if (cell != NULL)
    gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, &cell_width, NULL, NULL, NULL);

  if (width <= 0 || cell_width <= 0)
    return 0;

  return CLAMP (width / cell_width, 1, KM_GALLERY_MAX_COLUMNS);
}

static gboolean
fit_columns_cb (gpointer user_data)
{
  KmGalleryView *self = user_data;
  guint columns = fitting_columns (self);

  self->fit_columns_id = 0;
  if (columns > 0 && columns != gtk_grid_view_get_max_columns (self->grid_view))
    gtk_grid_view_set_max_columns (self->grid_view, columns);

  return G_SOURCE_REMOVE;
}

/* The scroller's adjustments change when the grid is allocated a new
 * width or its rows change height (larger text).
 */
static void
on_grid_adjustment_changed_cb (KmGalleryView *self)
{
  guint columns = fitting_columns (self);

  if (columns > 0 && columns != gtk_grid_view_get_max_columns (self->grid_view) && self->fit_columns_id == 0)
    self->fit_columns_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, fit_columns_cb, self, NULL);
}

static void
apply_pending_scroll (KmGalleryView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->grid_scroller);
  double max;

  if (self->pending_scroll < 0)
    return;

  max = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  if (max <= 0)
    return;

  gtk_adjustment_set_value (adjustment, MIN (self->pending_scroll, max));
  if (max >= self->pending_scroll)
    self->pending_scroll = -1;
}

/* The grid and the viewer crossfade, except under the cairo renderer:
 * there every frame of a crossfade draws both pages into two groups the
 * size of the window (16 MB at 1920 × 1080 beside the frame's own), the
 * peak of a whole visit with 10,000 exhibits (#19: 161 MB, 143 MB
 * without). With GL the two pages are textures the GPU blends.
 */
static void
update_transition (KmGalleryView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  gtk_stack_set_transition_type (self->main_stack,
                                 renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer)
                                 ? GTK_STACK_TRANSITION_TYPE_NONE
                                 : GTK_STACK_TRANSITION_TYPE_CROSSFADE);
}

static void
show_viewer (KmGalleryView *self)
{
  g_autoptr(KmExhibit) exhibit = NULL;

  ensure_viewer (self);
  update_transition (self);
  gtk_stack_set_visible_child_name (self->main_stack, "viewer");
  update_viewer (self);
  km_exhibit_viewer_focus_exhibit (self->viewer);

  /* For the visit figures (a kiosk's, during a visit). */
  exhibit = dup_current_exhibit (self);
  if (self->context != NULL && exhibit != NULL)
    km_context_note_opened (self->context, KM_VISIT_OPEN_EXHIBIT, km_exhibit_get_id (exhibit));
}

static void
open_position (KmGalleryView *self,
               guint          position)
{
  if (position >= get_n_shown (self))
    return;

  km_slideshow_set_position (self->slideshow, position);
  show_viewer (self);
}

static void
on_grid_activate_cb (KmGalleryView *self,
                     guint          position)
{
  open_position (self, position);
}

/* Viewer */

static void
on_slideshow_position_cb (KmGalleryView *self)
{
  if (viewer_is_open (self))
    update_viewer (self);
}

static void
update_viewer (KmGalleryView *self)
{
  g_autoptr(KmExhibit) exhibit = dup_current_exhibit (self);

  if (exhibit == NULL)
    {
      if (viewer_is_open (self))
        km_gallery_view_close_viewer (self);
      return;
    }

  if (g_strcmp0 (self->exhibit_id, km_exhibit_get_id (exhibit)) != 0)
    {
      g_free (self->exhibit_id);
      self->exhibit_id = g_strdup (km_exhibit_get_id (exhibit));
    }

  km_exhibit_viewer_set_exhibit (self->viewer, exhibit);
  update_actions (self);
}

static void
update_actions (KmGalleryView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n_shown = get_n_shown (self);

  gtk_widget_action_set_enabled (widget, "gallery.close", viewer_is_open (self));
  gtk_widget_action_set_enabled (widget, "gallery.start-slideshow", n_shown > 0);
  gtk_widget_action_set_enabled (widget, "gallery.clear-filters",
                                 km_gallery_filter_is_active (self->folded_query, self->kind_filter, self->era_filter));
}

/* Actions */

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  km_gallery_view_close_viewer (KM_GALLERY_VIEW (widget));
}

static void
start_slideshow_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KmGalleryView *self = KM_GALLERY_VIEW (widget);

  open_position (self, 0);
  km_slideshow_play (self->slideshow);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KmGalleryView *self = KM_GALLERY_VIEW (widget);

  clear_filters (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KmGalleryView *self = KM_GALLERY_VIEW (widget);

  if (!viewer_is_open (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *accelerator,
              const char            *action_name)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accelerator),
                                                          gtk_named_action_new (action_name)));
}

/* The viewer is built the first time an exhibit is opened: most visits
 * start in the grid, and the gallery's first frame (the app's) should not
 * wait for a page it does not show.
 */
static void
ensure_viewer (KmGalleryView *self)
{
  if (self->viewer != NULL)
    return;

  self->viewer = KM_EXHIBIT_VIEWER (km_exhibit_viewer_new (self->context, self->slideshow));
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->viewer), "viewer");
}

/* KmView */

static GVariant *
km_gallery_view_save_state (KmView *view)
{
  KmGalleryView *self = KM_GALLERY_VIEW (view);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->grid_scroller);
  g_auto(GStrv) revealed = NULL;
  GVariantDict dict;

  if (self->viewer != NULL)
    g_object_get (self->viewer, "revealed", &revealed, NULL);

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "search", "s", gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_variant_dict_insert (&dict, "kind", "i", self->kind_filter);
  g_variant_dict_insert (&dict, "era", "s", self->era_filter ? self->era_filter : "");
  g_variant_dict_insert (&dict, "viewer", "b", viewer_is_open (self));
  g_variant_dict_insert (&dict, "exhibit", "s", self->exhibit_id ? self->exhibit_id : "");
  g_variant_dict_insert (&dict, "zoom", "d", km_gallery_view_get_zoom (self));
  g_variant_dict_insert_value (&dict, "revealed",
                               g_variant_new_strv ((const char * const *) revealed, revealed != NULL ? -1 : 0));
  g_variant_dict_insert (&dict, "scroll", "d",
                         self->pending_scroll >= 0 ? self->pending_scroll : gtk_adjustment_get_value (adjustment));
  g_variant_dict_insert (&dict, "playing", "b", km_slideshow_get_playing (self->slideshow));
  if (self->viewer != NULL)
    {
      g_variant_dict_insert (&dict, "details", "b", km_exhibit_viewer_get_details (self->viewer));
      g_variant_dict_insert (&dict, "read-more", "b", km_exhibit_viewer_get_read_more (self->viewer));
      g_variant_dict_insert (&dict, "page", "i", km_exhibit_viewer_get_document_page (self->viewer));
      /* A video or recording goes on where it was after a language switch. */
      if (km_exhibit_viewer_get_player (self->viewer) != NULL &&
          km_media_player_get_exhibit (km_exhibit_viewer_get_player (self->viewer)) != NULL)
        {
          KmMediaPlayer *player = km_exhibit_viewer_get_player (self->viewer);

          g_variant_dict_insert (&dict, "media-position", "x", km_media_player_get_position (player));
          g_variant_dict_insert (&dict, "media-playing", "b", km_media_player_get_playing (player));
        }
    }

  return g_variant_dict_end (&dict);
}

static void
km_gallery_view_restore_state (KmView   *view,
                               GVariant *state)
{
  KmGalleryView *self = KM_GALLERY_VIEW (view);
  g_auto(GVariantDict) dict;
  const char *search = NULL;
  const char *era = NULL;
  const char *exhibit_id = NULL;
  g_autofree const char **revealed = NULL;
  int kind, page;
  gboolean viewer = FALSE, playing = FALSE, details, read_more = FALSE;
  double zoom, scroll;

  if (state == NULL || !g_variant_is_of_type (state, G_VARIANT_TYPE_VARDICT))
    return;

  g_variant_dict_init (&dict, state);

  if (g_variant_dict_lookup (&dict, "search", "&s", &search))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search);
      apply_search (self);
    }

  if (g_variant_dict_lookup (&dict, "kind", "i", &kind))
    km_gallery_view_set_kind_filter (self, kind);

  if (g_variant_dict_lookup (&dict, "era", "&s", &era))
    km_gallery_view_set_era_filter (self, *era != '\0' ? era : NULL);

  /* The viewer keeps what was revealed: only a viewer that was built
   * has anything to restore. */
  if (g_variant_dict_lookup (&dict, "revealed", "^a&s", &revealed) && revealed[0] != NULL)
    {
      ensure_viewer (self);
      g_object_set (self->viewer, "revealed", revealed, NULL);
    }

  if (g_variant_dict_lookup (&dict, "scroll", "d", &scroll) && scroll > 0)
    {
      self->pending_scroll = scroll;
      apply_pending_scroll (self);
    }

  /* Only a viewer that was built has a details panel to restore. */
  if (g_variant_dict_lookup (&dict, "details", "b", &details))
    {
      ensure_viewer (self);
      km_exhibit_viewer_set_details (self->viewer, details);
    }

  g_variant_dict_lookup (&dict, "viewer", "b", &viewer);
  g_variant_dict_lookup (&dict, "exhibit", "&s", &exhibit_id);
  g_variant_dict_lookup (&dict, "read-more", "b", &read_more);
  if (viewer && exhibit_id != NULL && *exhibit_id != '\0')
    {
      km_gallery_view_open_exhibit (self, exhibit_id);
      if (viewer_is_open (self))
        {
          gint64 media_position;
          gboolean media_playing;

          km_exhibit_viewer_set_read_more (self->viewer, read_more);
          /* A PDF's page first: turning a page shows it whole. */
          if (g_variant_dict_lookup (&dict, "page", "i", &page) && page >= 0)
            km_exhibit_viewer_set_document_page (self->viewer, page);
          if (g_variant_dict_lookup (&dict, "zoom", "d", &zoom))
            km_exhibit_viewer_set_zoom (self->viewer, zoom);
          if (km_exhibit_viewer_get_player (self->viewer) != NULL &&
              g_variant_dict_lookup (&dict, "media-position", "x", &media_position) &&
              g_variant_dict_lookup (&dict, "media-playing", "b", &media_playing))
            {
              KmMediaPlayer *player = km_exhibit_viewer_get_player (self->viewer);

              km_media_player_set_position (player, media_position);
              km_media_player_set_playing (player, media_playing);
            }
        }
    }
  else if (exhibit_id != NULL && *exhibit_id != '\0')
    {
      /* Closed viewer: remember where it was, for the slideshow. */
      g_free (self->exhibit_id);
      self->exhibit_id = g_strdup (exhibit_id);
    }

  if (g_variant_dict_lookup (&dict, "playing", "b", &playing) && playing)
    km_slideshow_play (self->slideshow);

  update_actions (self);
}

static void
km_gallery_view_reset (KmView *view)
{
  KmGalleryView *self = KM_GALLERY_VIEW (view);

  km_slideshow_pause (self->slideshow);
  km_gallery_view_close_viewer (self);
  g_clear_pointer (&self->exhibit_id, g_free);
  if (self->viewer != NULL)
    km_exhibit_viewer_reset (self->viewer);
  clear_filters (self);
  km_slideshow_set_position (self->slideshow, 0);
  self->pending_scroll = -1;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->grid_scroller), 0);
  update_actions (self);
}

static void
km_gallery_view_iface_init (KmViewInterface *iface)
{
  iface->save_state = km_gallery_view_save_state;
  iface->restore_state = km_gallery_view_restore_state;
  iface->reset = km_gallery_view_reset;
}

/* GObject, GtkWidget */

static void
km_gallery_view_constructed (GObject *object)
{
  KmGalleryView *self = KM_GALLERY_VIEW (object);
  GListModel *all;
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (km_gallery_view_parent_class)->constructed (object);

  all = get_all_exhibits (self);
  self->shown = km_match_list_new (all);
  self->slots = km_slot_list_new ();
  g_signal_connect_object (self->shown, "items-changed",
                           G_CALLBACK (on_filter_model_items_changed_cb), self, G_CONNECT_SWAPPED);
  if (all != NULL)
    g_signal_connect_object (all, "items-changed", G_CALLBACK (on_exhibits_changed_cb), self, G_CONNECT_SWAPPED);

  self->slideshow = km_slideshow_new (G_LIST_MODEL (self->shown),
                                      self->context != NULL ? km_context_get_clock (self->context) : NULL);
  if (self->context != NULL)
    g_settings_bind (km_context_get_settings (self->context), "slideshow-interval",
                     self->slideshow, "interval", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->slideshow, "notify::position",
                           G_CALLBACK (on_slideshow_position_cb), self, G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (on_factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_factory_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (on_factory_teardown_cb), self, 0);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_object_unref (factory);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->grid_scroller), "changed",
                           G_CALLBACK (on_grid_adjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->grid_scroller), "changed",
                           G_CALLBACK (on_grid_adjustment_changed_cb), self, G_CONNECT_SWAPPED);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->slots)));
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (selection));

  /* populate_filters() built the index. */
  populate_filters (self);
  update_matches (self, KM_GALLERY_CHANGE_DIFFERENT, FALSE);
  if (self->store != NULL)
    {
      g_signal_connect_object (self->store, "reloaded", G_CALLBACK (on_store_reloaded_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "notify::loading", G_CALLBACK (on_filter_model_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  on_filter_model_items_changed_cb (self);
}

static void
km_gallery_view_dispose (GObject *object)
{
  KmGalleryView *self = KM_GALLERY_VIEW (object);

  if (self->slideshow != NULL)
    km_slideshow_pause (self->slideshow);
  g_clear_handle_id (&self->fit_columns_id, g_source_remove);
  g_clear_handle_id (&self->rebind_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), KM_TYPE_GALLERY_VIEW);
  /* It went with the stack. */
  self->viewer = NULL;

  g_clear_object (&self->slideshow);
  g_clear_object (&self->shown);
  g_clear_object (&self->slots);
  g_clear_object (&self->loader);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (km_gallery_view_parent_class)->dispose (object);
}

static void
km_gallery_view_finalize (GObject *object)
{
  KmGalleryView *self = KM_GALLERY_VIEW (object);

  g_clear_pointer (&self->index, km_search_index_free);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);
  g_clear_pointer (&self->used_eras, g_hash_table_unref);
  g_clear_pointer (&self->kind_values, g_array_unref);
  g_clear_pointer (&self->era_values, g_ptr_array_unref);
  g_free (self->folded_query);
  g_free (self->era_filter);
  g_free (self->exhibit_id);

  G_OBJECT_CLASS (km_gallery_view_parent_class)->finalize (object);
}

static void
km_gallery_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KmGalleryView *self = KM_GALLERY_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_gallery_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KmGalleryView *self = KM_GALLERY_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      if (self->context != NULL)
        self->store = g_object_ref (km_context_get_store (self->context));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_gallery_view_class_init (KmGalleryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = km_gallery_view_constructed;
  object_class->dispose = km_gallery_view_dispose;
  object_class->finalize = km_gallery_view_finalize;
  object_class->get_property = km_gallery_view_get_property;
  object_class->set_property = km_gallery_view_set_property;

  g_object_class_override_property (object_class, PROP_CONTEXT, "context");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-gallery-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KmGalleryView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KmGalleryView, grid_page);
  gtk_widget_class_bind_template_child (widget_class, KmGalleryView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KmGalleryView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KmGalleryView, era_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KmGalleryView, count_label);
  gtk_widget_class_bind_template_child (widget_class, KmGalleryView, grid_stack);
  gtk_widget_class_bind_template_child (widget_class, KmGalleryView, grid_scroller);
  gtk_widget_class_bind_template_child (widget_class, KmGalleryView, grid_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_grid_activate_cb);

  gtk_widget_class_install_action (widget_class, "gallery.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "gallery.start-slideshow", NULL, start_slideshow_action);
  gtk_widget_class_install_action (widget_class, "gallery.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "gallery.focus-search", NULL, focus_search_action);
}

static void
on_grid_vadjustment_upper_cb (KmGalleryView *self)
{
  apply_pending_scroll (self);
}

static void
km_gallery_view_init (KmGalleryView *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loader = g_object_ref (km_thumbnail_loader_get_default ());
  self->bound_items = g_hash_table_new (NULL, NULL);
  self->used_eras = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->kind_filter = KM_GALLERY_ANY_KIND;
  self->folded_query = g_strdup ("");
  self->pending_scroll = -1;

  gtk_search_entry_set_key_capture_widget (self->search_entry, self->grid_page);
  /* Translators: the name screen readers give the gallery's filter
   * drop-down that chooses the kind of exhibit (illustrations, posters,
   * documents, photographs); “Period” is the one next to it */
  km_a11y_label_drop_down (self->kind_dropdown, C_("kind filter", "Kind"));
  km_a11y_label_drop_down (self->era_dropdown, C_("era filter", "Period"));
  km_a11y_name_icon_buttons (GTK_WIDGET (self));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->grid_view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->count_label, NULL,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search exhibits"),
                                  -1);
  km_a11y_name_clear_icons (GTK_WIDGET (self));

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->grid_scroller), "notify::upper",
                           G_CALLBACK (on_grid_vadjustment_upper_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->grid_scroller), "value-changed",
                           G_CALLBACK (on_grid_scrolled_cb), self, G_CONNECT_SWAPPED);

  controller = gtk_shortcut_controller_new ();
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), "<Control>f", "gallery.focus-search");
  gtk_widget_add_controller (self->grid_page, controller);
}

/**
 * km_gallery_view_open_exhibit:
 * @exhibit_id: the id of an exhibit
 *
 * Opens the viewer on @exhibit_id. If the search or the filters hide it,
 * they are cleared first.
 */
void
km_gallery_view_open_exhibit (KmGalleryView *self,
                              const char    *exhibit_id)
{
  GListModel *model;
  guint n;

  g_return_if_fail (KM_IS_GALLERY_VIEW (self));
  g_return_if_fail (exhibit_id != NULL);

  if (self->store == NULL || km_content_store_lookup_exhibit (self->store, exhibit_id) == NULL)
    return;

  model = G_LIST_MODEL (self->shown);

  for (guint pass = 0; pass < 2; pass++)
    {
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(KmExhibit) exhibit = g_list_model_get_item (model, i);

          if (g_strcmp0 (km_exhibit_get_id (exhibit), exhibit_id) == 0)
            {
              open_position (self, i);
              return;
            }
        }

      clear_filters (self);
    }
}

/**
 * km_gallery_view_close_viewer:
 *
 * Goes back to the grid, with the exhibit that was open in view and
 * focused, and stops the slideshow.
 */
void
km_gallery_view_close_viewer (KmGalleryView *self)
{
  guint position;

  g_return_if_fail (KM_IS_GALLERY_VIEW (self));

  km_slideshow_pause (self->slideshow);

  if (!viewer_is_open (self))
    return;

  update_transition (self);
  gtk_stack_set_visible_child_name (self->main_stack, "grid");
  update_actions (self);

  position = km_slideshow_get_position (self->slideshow);
  if (position < get_n_shown (self))
    gtk_widget_activate_action (GTK_WIDGET (self->grid_view), "list.scroll-to-item", "u", position);
}

gboolean
km_gallery_view_get_viewer_open (KmGalleryView *self)
{
  g_return_val_if_fail (KM_IS_GALLERY_VIEW (self), FALSE);

  return viewer_is_open (self);
}

/**
 * km_gallery_view_get_exhibit_id:
 *
 * Returns: (nullable): the id of the exhibit in the viewer, or that was
 *   last there
 */
const char *
km_gallery_view_get_exhibit_id (KmGalleryView *self)
{
  g_return_val_if_fail (KM_IS_GALLERY_VIEW (self), NULL);

  return self->exhibit_id;
}

/**
 * km_gallery_view_get_slideshow:
 *
 * The slideshow over the exhibits the grid shows (after the search and
 * the filters); its position is the viewer's.
 *
 * Returns: (transfer none): the slideshow
 */
KmSlideshow *
km_gallery_view_get_slideshow (KmGalleryView *self)
{
  g_return_val_if_fail (KM_IS_GALLERY_VIEW (self), NULL);

  return self->slideshow;
}

/**
 * km_gallery_view_get_model:
 *
 * Returns: (transfer none): the exhibits the grid shows
 */
GListModel *
km_gallery_view_get_model (KmGalleryView *self)
{
  g_return_val_if_fail (KM_IS_GALLERY_VIEW (self), NULL);

  return G_LIST_MODEL (self->shown);
}

void
km_gallery_view_set_search (KmGalleryView *self,
                            const char    *text)
{
  g_return_if_fail (KM_IS_GALLERY_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  apply_search (self);
}

/**
 * km_gallery_view_set_kind_filter:
 * @kind: a #KmExhibitKind or %KM_GALLERY_ANY_KIND
 *
 * Returns: whether the filter offers @kind (the exhibits have it)
 */
gboolean
km_gallery_view_set_kind_filter (KmGalleryView *self,
                                 int            kind)
{
  g_return_val_if_fail (KM_IS_GALLERY_VIEW (self), FALSE);

  for (guint i = 0; i < self->kind_values->len; i++)
    if (g_array_index (self->kind_values, int, i) == kind)
      {
        gtk_drop_down_set_selected (self->kind_dropdown, i);
        on_filter_changed_cb (self);
        return TRUE;
      }

  return FALSE;
}

/**
 * km_gallery_view_set_era_filter:
 * @era_id: (nullable): an era id, or %NULL for every era
 *
 * Returns: whether the filter offers @era_id (some exhibit is in it)
 */
gboolean
km_gallery_view_set_era_filter (KmGalleryView *self,
                                const char    *era_id)
{
  g_return_val_if_fail (KM_IS_GALLERY_VIEW (self), FALSE);

  for (guint i = 0; i < self->era_values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->era_values, i), era_id) == 0)
      {
        gtk_drop_down_set_selected (self->era_dropdown, i);
        on_filter_changed_cb (self);
        return TRUE;
      }

  return FALSE;
}

double
km_gallery_view_get_zoom (KmGalleryView *self)
{
  g_return_val_if_fail (KM_IS_GALLERY_VIEW (self), 1.0);

  if (self->viewer == NULL)
    return KM_IMAGE_VIEW_MIN_ZOOM;

  return km_exhibit_viewer_get_zoom (self->viewer);
}

/**
 * km_gallery_view_get_veiled:
 *
 * Returns: whether the viewer shows a content advisory instead of the image
 */
gboolean
km_gallery_view_get_veiled (KmGalleryView *self)
{
  g_return_val_if_fail (KM_IS_GALLERY_VIEW (self), FALSE);

  return viewer_is_open (self) && km_exhibit_viewer_get_veiled (self->viewer);
}
