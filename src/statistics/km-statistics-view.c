/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-statistics-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "km-a11y.h"
#include "km-bar-chart.h"
#include "km-chart-data.h"
#include "km-chart-export.h"
#include "km-content-store.h"
#include "km-context.h"
#include "km-figure-table.h"
#include "km-i18n.h"
#include "km-pictogram.h"
#include "km-sources-panel.h"
#include "km-statistics-view.h"
#include "km-view.h"
#include "km-widget-util.h"

#define EXPORT_WIDTH 1200

struct _KmStatisticsView
{
  AdwBin          parent_instance;

  KmContext      *context;
  KmContentStore *store;

  AdwFlap        *sections_flap;
  gboolean        list_pending;   /* restored with the list open, not yet folded */
  GtkListBox     *sections_list;
  GtkMenuButton  *export_button;
  GMenuModel     *export_menu;
  AdwFlap        *flap;
  GtkScrolledWindow *scroller;
  GtkBox         *page_box;
  GtkScrolledWindow *sources_scroller;

  char           *section_id;
  char           *mode;
  gboolean        sources_visible;
  double          pending_scroll;

  GPtrArray      *items;
  GtkStack       *mode_stack;
  GtkWidget      *chart;
  GtkWidget      *table;
  GtkWidget      *sources_panel;
};

static void km_statistics_view_iface_init (KmViewInterface *iface);
static void km_statistics_view_set_section (KmStatisticsView *self,
                                            const char       *section_id);
static void km_statistics_view_set_mode (KmStatisticsView *self,
                                         const char       *mode);
static void km_statistics_view_set_sources_visible (KmStatisticsView *self,
                                                    gboolean          visible);

G_DEFINE_FINAL_TYPE_WITH_CODE (KmStatisticsView, km_statistics_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (KM_TYPE_VIEW, km_statistics_view_iface_init))

enum {
  PROP_0,
  PROP_SECTION,
  PROP_MODE,
  PROP_SOURCES_VISIBLE,
  N_PROPS,
  PROP_CONTEXT = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char * const export_actions[] = {
  "statistics.copy-text", "statistics.copy-csv", "statistics.save-png", "statistics.save-svg",
};

/* Export is for desktop use; a kiosk visitor cannot reach files or the
 * clipboard of the stand.
 */
static void
update_export_actions (KmStatisticsView *self)
{
  gboolean allowed = self->context == NULL || !km_context_get_kiosk (self->context);

  for (guint i = 0; i < G_N_ELEMENTS (export_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), export_actions[i], allowed);
  gtk_widget_set_visible (GTK_WIDGET (self->export_button), allowed);
}

/* A kiosk visitor selects no text: a long press would start a selection
 * with handles, and there is nowhere to paste it. */
static gboolean
texts_selectable (KmStatisticsView *self)
{
  return self->context == NULL || !km_context_get_kiosk (self->context);
}

static KmStatSection *
get_section (KmStatisticsView *self)
{
  if (self->section_id == NULL || g_str_equal (self->section_id, KM_STATISTICS_RECOGNITIONS))
    return NULL;

  return km_content_store_lookup_section (self->store, self->section_id);
}

static char *
dup_page_title (KmStatisticsView *self)
{
  KmStatSection *section = get_section (self);

  if (section != NULL)
    return g_strdup (km_stat_section_get_title (section));

  return g_strdup (_("Recognitions as reported"));
}

static gboolean
is_page (KmStatisticsView *self,
         const char       *id)
{
  if (id == NULL)
    return FALSE;
  if (g_str_equal (id, KM_STATISTICS_RECOGNITIONS))
    return g_list_model_get_n_items (km_content_store_get_recognitions (self->store)) > 0;

  return km_content_store_lookup_section (self->store, id) != NULL;
}

static char *
dup_first_page (KmStatisticsView *self)
{
  g_autoptr(KmStatSection) first = NULL;

  if (self->store == NULL)
    return NULL;

  first = g_list_model_get_item (km_content_store_get_sections (self->store), 0);
  if (first != NULL)
    return g_strdup (km_stat_section_get_id (first));
  if (is_page (self, KM_STATISTICS_RECOGNITIONS))
    return g_strdup (KM_STATISTICS_RECOGNITIONS);

  return NULL;
}

static void
append_note (GtkBox     *box,
             const char *heading,
             const char *text)
{
  GtkWidget *note = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (note, "km-chart-note");
  if (heading != NULL)
    gtk_box_append (GTK_BOX (note), km_wrapped_label_new (heading, "heading"));
  gtk_box_append (GTK_BOX (note), km_wrapped_label_new (text, NULL));
  gtk_box_append (box, note);
}

static GtkWidget *
build_pictogram (KmStatisticsView *self,
                 const char       *description)
{
  GtkBox *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  GtkBox *summary = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  const KmChartItem *first = g_ptr_array_index (self->items, 0);

  gtk_widget_add_css_class (GTK_WIDGET (summary), "km-pictogram-summary");
  gtk_box_append (summary, km_wrapped_label_new (first->caption, "heading"));
  for (guint i = 0; i < self->items->len; i++)
    {
      const KmChartItem *item = g_ptr_array_index (self->items, i);

      gtk_box_append (summary, km_wrapped_label_new (item->label, i == 0 ? "title-1" : "title-3"));
      gtk_box_append (summary, km_wrapped_label_new (item->sources_text, "dim-label"));
    }
  gtk_box_append (box, GTK_WIDGET (summary));

  self->chart = km_pictogram_new ((guint) CLAMP (first->amount, 0, 100000), description);
  gtk_box_append (box, self->chart);

  return GTK_WIDGET (box);
}

static void
build_notes (KmStatisticsView *self,
             GtkBox           *box)
{
  KmStatSection *section = get_section (self);

  if (section != NULL && km_stat_section_get_chart (section) == KM_CHART_KIND_OVERLAP)
    append_note (box, NULL,
                 _("These groups overlap and do not add up: each bar is counted from zero on its own. "
                   "A group marked “counted within” is part of another group."));
  if (section == NULL)
    append_note (box, NULL,
                 _("Each source’s list is shown as that source words it. A body listed under two terms "
                   "is counted under each. Select a bar to see the list."));
  if (km_chart_items_count_scales (self->items) > 1)
    append_note (box, NULL,
                 _("Bars that count different things, such as families and people, are drawn to separate scales."));

  for (guint i = 0; i < self->items->len; i++)
    {
      const KmChartItem *item = g_ptr_array_index (self->items, i);

      if (item->kind == KM_CHART_ITEM_REMAINDER && item->note != NULL)
        append_note (box, item->caption, item->note);
      else if (item->n_values > 1 && item->value_index == 0 && item->why != NULL)
        {
          /* Translators: heading of a note; %s is a figure such as “Children” */
          g_autofree char *heading = g_strdup_printf (_("Why the numbers for “%s” differ"), item->caption);

          append_note (box, heading, item->why);
        }
    }
}

static void
ensure_sources_panel (KmStatisticsView *self)
{
  if (self->sources_panel != NULL || self->items == NULL)
    return;

  self->sources_panel = km_sources_panel_new (self->store, self->items, texts_selectable (self));
  gtk_scrolled_window_set_child (self->sources_scroller, self->sources_panel);
}

static void
build_page (KmStatisticsView *self)
{
  KmStatSection *section = get_section (self);
  g_autofree char *title = dup_page_title (self);
  const char *description;
  GtkWidget *chart_page;
  GtkWidget *chart_box;

  km_widget_remove_all (GTK_WIDGET (self->page_box));
  self->chart = self->table = NULL;
  self->mode_stack = NULL;
  g_clear_pointer (&self->items, g_ptr_array_unref);

  if (self->section_id == NULL)
    {
      gtk_scrolled_window_set_child (self->sources_scroller, NULL);
      self->sources_panel = NULL;
      return;
    }

  if (section != NULL)
    {
      self->items = km_chart_items_for_section (self->store, section, NULL);
      description = km_stat_section_get_description (section);
    }
  else
    {
      self->items = km_chart_items_for_recognitions (self->store, NULL);
      description = _("Bars for how many bodies each source lists, by the term the source uses.");
    }

  gtk_box_append (self->page_box, km_wrapped_label_new (title, "title-2"));
  if (description != NULL)
    gtk_box_append (self->page_box, km_wrapped_label_new (description, "dim-label"));

  self->mode_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->mode_stack, FALSE);
  gtk_stack_set_hhomogeneous (self->mode_stack, FALSE);

  chart_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  if (section != NULL && km_stat_section_get_chart (section) == KM_CHART_KIND_PICTOGRAM && self->items->len > 0)
    chart_box = build_pictogram (self, description);
  else
    chart_box = self->chart = km_bar_chart_new (self->store, self->items);

  gtk_widget_add_css_class (self->chart, "km-chart");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_box_append (GTK_BOX (chart_page), chart_box);
  build_notes (self, GTK_BOX (chart_page));
  gtk_stack_add_named (self->mode_stack, chart_page, "chart");

  self->table = km_figure_table_new (self->items, texts_selectable (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->table),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_stack_add_named (self->mode_stack, self->table, "table");
  gtk_stack_set_visible_child_name (self->mode_stack, self->mode);

  gtk_box_append (self->page_box, GTK_WIDGET (self->mode_stack));

  /* The panel lists every source in full: built only once it is opened,
   * as measuring it costs more than the rest of the page.
   */
  gtk_scrolled_window_set_child (self->sources_scroller, NULL);
  self->sources_panel = NULL;
  if (self->sources_visible)
    ensure_sources_panel (self);
}

static void
select_row (KmStatisticsView *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sections_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), self->section_id) == 0)
      {
        gtk_list_box_select_row (self->sections_list, GTK_LIST_BOX_ROW (row));
        return;
      }
}

static void
populate_sections_list (KmStatisticsView *self)
{
  GListModel *sections = km_content_store_get_sections (self->store);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(KmStatSection) section = g_list_model_get_item (sections, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = km_wrapped_label_new (km_stat_section_get_title (section), NULL);

      gtk_widget_set_name (row, km_stat_section_get_id (section));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      /* GTK 4.8 names a row by nothing it contains. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                      -1);
      gtk_list_box_append (self->sections_list, row);
    }

  if (is_page (self, KM_STATISTICS_RECOGNITIONS))
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = km_wrapped_label_new (_("Recognitions as reported"), NULL);

      gtk_widget_set_name (row, KM_STATISTICS_RECOGNITIONS);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                      -1);
      gtk_list_box_append (self->sections_list, row);
    }
}

static void
apply_pending_scroll (KmStatisticsView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  if (self->pending_scroll < 0)
    return;

  if (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) >= self->pending_scroll)
    {
      gtk_adjustment_set_value (adjustment, self->pending_scroll);
      self->pending_scroll = -1;
    }
}

static void
on_vadjustment_changed_cb (KmStatisticsView *self)
{
  apply_pending_scroll (self);
}

/* Narrow, the list of figures covers the content: a choice closes it. */
static void
show_content (KmStatisticsView *self)
{
  self->list_pending = FALSE;
  if (adw_flap_get_folded (self->sections_flap))
    adw_flap_set_reveal_flap (self->sections_flap, FALSE);
}

static gboolean
is_content_shown (KmStatisticsView *self)
{
  return !adw_flap_get_folded (self->sections_flap) || !adw_flap_get_reveal_flap (self->sections_flap);
}

/* A new view folds when it is first allocated, and a flap hides as it
 * folds: a list restored open opens again then.
 */
static void
on_sections_flap_folded_cb (KmStatisticsView *self)
{
  if (self->list_pending && adw_flap_get_folded (self->sections_flap))
    adw_flap_set_reveal_flap (self->sections_flap, TRUE);
  self->list_pending = FALSE;
}

static void
on_sections_list_row_activated_cb (KmStatisticsView *self,
                                   GtkListBoxRow    *row)
{
  km_statistics_view_set_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
  show_content (self);
}

static void
on_back_button_clicked_cb (KmStatisticsView *self)
{
  adw_flap_set_reveal_flap (self->sections_flap, TRUE);
}

static void
on_flap_reveal_cb (KmStatisticsView *self)
{
  km_statistics_view_set_sources_visible (self, adw_flap_get_reveal_flap (self->flap));
}

static void
show_toast (KmStatisticsView *self,
            const char       *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  /* The window's toast overlay, without knowing the window. */
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KmStatisticsView *self = KM_STATISTICS_VIEW (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  if (self->items == NULL)
    return;

  if (g_str_equal (action_name, "statistics.copy-csv"))
    {
      g_autofree char *csv = km_chart_items_to_csv (self->items);
      g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
      GdkContentProvider *providers[2];
      g_autoptr(GdkContentProvider) provider = NULL;

      providers[0] = gdk_content_provider_new_for_bytes ("text/csv", bytes);
      providers[1] = gdk_content_provider_new_typed (G_TYPE_STRING, csv);
      provider = gdk_content_provider_new_union (providers, 2);
      gdk_clipboard_set_content (clipboard, provider);
      show_toast (self, _("Table copied as CSV"));
    }
  else
    {
      g_autofree char *title = dup_page_title (self);
      g_autofree char *text = km_chart_items_to_text (self->items, title);

      gdk_clipboard_set_text (clipboard, text);
      show_toast (self, _("Table copied as text"));
    }
}

/* GTK 4.8 leaks the sections of a menu model a GtkPopoverMenu was built
 * from (about 4 KB a menu, #10), and a language switch or kiosk reset
 * builds a new view: the popover is therefore built only when the menu is
 * first opened, which a kiosk, where the button is hidden, never does.
 */
static void
create_export_popup (GtkMenuButton *button,
                     gpointer       user_data)
{
  KmStatisticsView *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->export_menu);
}

static void
on_save_response_cb (GtkNativeDialog  *dialog,
                     int               response,
                     KmStatisticsView *self)
{
  gboolean svg = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "km-svg"));

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      if (svg)
        ok = km_chart_export_svg (self->store, get_section (self), path, EXPORT_WIDTH, NULL, &error);
      else
        ok = km_chart_export_png (self->store, get_section (self), path, EXPORT_WIDTH, NULL, &error);

      show_toast (self, ok ? _("Chart saved") : error->message);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KmStatisticsView *self = KM_STATISTICS_VIEW (widget);
  gboolean svg = g_str_equal (action_name, "statistics.save-svg");
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (self->section_id == NULL)
    return;

  dialog = gtk_file_chooser_native_new (svg ? _("Save Chart as SVG") : _("Save Chart as PNG"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  name = g_strdup_printf ("khojaly-%s.%s", self->section_id, svg ? "svg" : "png");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "km-svg", GINT_TO_POINTER (svg));
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static GVariant *
km_statistics_view_save_state (KmView *view)
{
  KmStatisticsView *self = KM_STATISTICS_VIEW (view);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  gboolean content = is_content_shown (self);

  if (self->section_id != NULL)
    g_variant_dict_insert (&dict, "section", "s", self->section_id);
  g_variant_dict_insert (&dict, "mode", "s", self->mode);
  g_variant_dict_insert (&dict, "sources", "b", self->sources_visible);
  g_variant_dict_insert (&dict, "scroll", "d",
                         self->pending_scroll >= 0 ? self->pending_scroll : gtk_adjustment_get_value (adjustment));
  g_variant_dict_insert (&dict, "content", "b", content);

  return g_variant_dict_end (&dict);
}

static void
km_statistics_view_restore_state (KmView   *view,
                                  GVariant *state)
{
  KmStatisticsView *self = KM_STATISTICS_VIEW (view);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (state);
  const char *section = NULL;
  const char *mode = NULL;
  gboolean sources = FALSE;
  gboolean content = FALSE;
  double scroll = 0;

  if (g_variant_dict_lookup (&dict, "section", "&s", &section) && is_page (self, section))
    km_statistics_view_set_section (self, section);
  if (g_variant_dict_lookup (&dict, "mode", "&s", &mode))
    km_statistics_view_set_mode (self, mode);
  if (g_variant_dict_lookup (&dict, "sources", "b", &sources))
    km_statistics_view_set_sources_visible (self, sources);
  if (g_variant_dict_lookup (&dict, "content", "b", &content))
    {
      if (content)
        show_content (self);
      else if (adw_flap_get_folded (self->sections_flap))
        adw_flap_set_reveal_flap (self->sections_flap, TRUE);
      else
        self->list_pending = TRUE;
    }
  if (g_variant_dict_lookup (&dict, "scroll", "d", &scroll) && scroll > 0)
    {
      self->pending_scroll = scroll;
      apply_pending_scroll (self);
    }
}

static void
km_statistics_view_reset (KmView *view)
{
  KmStatisticsView *self = KM_STATISTICS_VIEW (view);
  g_autofree char *first = dup_first_page (self);

  km_statistics_view_set_section (self, first);
  km_statistics_view_set_mode (self, "chart");
  km_statistics_view_set_sources_visible (self, FALSE);
  self->pending_scroll = -1;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  show_content (self);
}

static void
km_statistics_view_iface_init (KmViewInterface *iface)
{
  iface->save_state = km_statistics_view_save_state;
  iface->restore_state = km_statistics_view_restore_state;
  iface->reset = km_statistics_view_reset;
}

static void
km_statistics_view_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (km_statistics_view_parent_class)->root (widget);

  update_export_actions (KM_STATISTICS_VIEW (widget));
}

static void
km_statistics_view_constructed (GObject *object)
{
  KmStatisticsView *self = KM_STATISTICS_VIEW (object);
  g_autofree char *first = NULL;

  G_OBJECT_CLASS (km_statistics_view_parent_class)->constructed (object);

  if (self->store == NULL)
    return;

  populate_sections_list (self);
  first = dup_first_page (self);
  km_statistics_view_set_section (self, first);
  update_export_actions (self);
}

static void
km_statistics_view_dispose (GObject *object)
{
  KmStatisticsView *self = KM_STATISTICS_VIEW (object);

  self->chart = self->table = self->sources_panel = NULL;
  self->mode_stack = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), KM_TYPE_STATISTICS_VIEW);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (km_statistics_view_parent_class)->dispose (object);
}

static void
km_statistics_view_finalize (GObject *object)
{
  KmStatisticsView *self = KM_STATISTICS_VIEW (object);

  g_free (self->section_id);
  g_free (self->mode);

  G_OBJECT_CLASS (km_statistics_view_parent_class)->finalize (object);
}

static void
km_statistics_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KmStatisticsView *self = KM_STATISTICS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SECTION:
      g_value_set_string (value, self->section_id);
      break;

    case PROP_MODE:
      g_value_set_string (value, self->mode);
      break;

    case PROP_SOURCES_VISIBLE:
      g_value_set_boolean (value, self->sources_visible);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_statistics_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KmStatisticsView *self = KM_STATISTICS_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      if (self->context != NULL)
        self->store = g_object_ref (km_context_get_store (self->context));
      break;

    case PROP_SECTION:
      km_statistics_view_set_section (self, g_value_get_string (value));
      break;

    case PROP_MODE:
      km_statistics_view_set_mode (self, g_value_get_string (value));
      break;

    case PROP_SOURCES_VISIBLE:
      km_statistics_view_set_sources_visible (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_statistics_view_class_init (KmStatisticsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = km_statistics_view_constructed;
  object_class->dispose = km_statistics_view_dispose;
  object_class->finalize = km_statistics_view_finalize;
  object_class->get_property = km_statistics_view_get_property;
  object_class->set_property = km_statistics_view_set_property;
  widget_class->root = km_statistics_view_root;

  properties[PROP_SECTION] =
    g_param_spec_string ("section", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "chart",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCES_VISIBLE] =
    g_param_spec_boolean ("sources-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_CONTEXT, "context");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-statistics-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KmStatisticsView, sections_list);
  gtk_widget_class_bind_template_child (widget_class, KmStatisticsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, KmStatisticsView, export_menu);
  gtk_widget_class_bind_template_child (widget_class, KmStatisticsView, flap);
  gtk_widget_class_bind_template_child (widget_class, KmStatisticsView, scroller);
  gtk_widget_class_bind_template_child (widget_class, KmStatisticsView, page_box);
  gtk_widget_class_bind_template_child (widget_class, KmStatisticsView, sources_scroller);
  gtk_widget_class_bind_template_callback (widget_class, on_sections_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);

  gtk_widget_class_install_property_action (widget_class, "statistics.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "statistics.sources-visible", "sources-visible");
  gtk_widget_class_install_action (widget_class, "statistics.copy-text", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "statistics.copy-csv", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "statistics.save-png", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "statistics.save-svg", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "statistics.mode", "s", "table");
}

static void
km_statistics_view_init (KmStatisticsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  km_a11y_name_icon_buttons (GTK_WIDGET (self));

  /* The bin's own child is not bound: AdwBin disposes it (see HACKING.md). */
  self->sections_flap = ADW_FLAP (adw_bin_get_child (ADW_BIN (self)));
  g_signal_connect_object (self->sections_flap, "notify::folded",
                           G_CALLBACK (on_sections_flap_folded_cb), self, G_CONNECT_SWAPPED);

  self->mode = g_strdup ("chart");
  self->pending_scroll = -1;

  gtk_menu_button_set_create_popup_func (self->export_button, create_export_popup, self, NULL);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (on_flap_reveal_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scroller), "changed",
                           G_CALLBACK (on_vadjustment_changed_cb), self, G_CONNECT_SWAPPED);
  adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* @section_id: a statistics section id or %KM_STATISTICS_RECOGNITIONS */
static void
km_statistics_view_set_section (KmStatisticsView *self,
                                const char       *section_id)
{
  g_return_if_fail (KM_IS_STATISTICS_VIEW (self));

  if (self->store == NULL || !is_page (self, section_id))
    return;

  if (g_strcmp0 (self->section_id, section_id) == 0 && self->mode_stack != NULL)
    return;

  g_free (self->section_id);
  self->section_id = g_strdup (section_id);
  self->pending_scroll = -1;
  build_page (self);
  select_row (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

/* @mode: "chart" or "table" */
static void
km_statistics_view_set_mode (KmStatisticsView *self,
                             const char       *mode)
{
  g_return_if_fail (KM_IS_STATISTICS_VIEW (self));

  if (g_strcmp0 (mode, "chart") != 0 && g_strcmp0 (mode, "table") != 0)
    return;
  if (g_strcmp0 (self->mode, mode) == 0)
    return;

  g_free (self->mode);
  self->mode = g_strdup (mode);
  if (self->mode_stack != NULL)
    gtk_stack_set_visible_child_name (self->mode_stack, mode);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
}

static void
km_statistics_view_set_sources_visible (KmStatisticsView *self,
                                        gboolean          visible)
{
  g_return_if_fail (KM_IS_STATISTICS_VIEW (self));

  visible = !!visible;
  if (self->sources_visible == visible)
    return;

  self->sources_visible = visible;
  if (visible)
    ensure_sources_panel (self);
  adw_flap_set_reveal_flap (self->flap, visible);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCES_VISIBLE]);
}
