/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-sources-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "km-chart-data.h"
#include "km-sources-panel.h"
#include "km-widget-util.h"

/* Where every number of a chart comes from: per figure, each value with
 * the documents that state it (title as published, publisher, date,
 * citation), the note and, where the sources differ, why.
 */
struct _KmSourcesPanel
{
  GtkWidget   parent_instance;

  GtkBox     *box;
};

G_DEFINE_FINAL_TYPE (KmSourcesPanel, km_sources_panel, GTK_TYPE_WIDGET)

static GtkWidget *
add_label (GtkBox     *box,
           const char *text,
           const char *css_class)
{
  GtkWidget *label = km_wrapped_label_new (text, css_class);

  gtk_box_append (box, label);

  return label;
}

static void
add_source (GtkBox         *box,
            KmContentStore *store,
            const char     *source_id,
            gboolean        selectable)
{
  KmSource *source = km_content_store_lookup_source (store, source_id);
  GtkBox *card;
  GtkWidget *citation;
  g_autofree char *date = NULL;
  g_autofree char *published = NULL;

  if (source == NULL)
    return;

  card = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  gtk_widget_add_css_class (GTK_WIDGET (card), "km-source-card");
  gtk_widget_set_name (GTK_WIDGET (card), source_id);

  date = km_chart_format_source_date (source, NULL);
  /* Translators: who published a source (%1$s) and when (%2$s) */
  published = g_strdup_printf (_("%1$s · %2$s"), km_source_get_publisher (source), date);

  add_label (card, km_source_get_title (source), "km-source-title");
  add_label (card, published, "dim-label");
  citation = add_label (card, km_source_get_citation (source), "caption");
  gtk_label_set_selectable (GTK_LABEL (citation), selectable);

  gtk_box_append (box, GTK_WIDGET (card));
}

static void
km_sources_panel_dispose (GObject *object)
{
  KmSourcesPanel *self = KM_SOURCES_PANEL (object);

  if (self->box != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->box));
      self->box = NULL;
    }

  G_OBJECT_CLASS (km_sources_panel_parent_class)->dispose (object);
}

static void
km_sources_panel_class_init (KmSourcesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_sources_panel_dispose;

  gtk_widget_class_set_css_name (widget_class, "kmsourcespanel");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
km_sources_panel_init (KmSourcesPanel *self)
{
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 18));
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));
}

GtkWidget *
km_sources_panel_new (KmContentStore *store,
                      GPtrArray      *items,
                      gboolean        selectable)
{
  KmSourcesPanel *self;
  GtkBox *figure_box = NULL;
  const char *figure_id = NULL;

  g_return_val_if_fail (KM_IS_CONTENT_STORE (store), NULL);
  g_return_val_if_fail (items != NULL, NULL);

  self = g_object_new (KM_TYPE_SOURCES_PANEL, NULL);
  add_label (self->box, _("Sources"), "title-4");

  for (guint i = 0; i < items->len; i++)
    {
      const KmChartItem *item = g_ptr_array_index (items, i);
      GtkBox *block;
      g_autofree char *heading = NULL;
      g_autofree char *name = NULL;

      if (figure_box == NULL || g_strcmp0 (figure_id, item->id) != 0)
        {
          figure_id = item->id;
          figure_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
          if (item->group_title != NULL)
            add_label (figure_box, item->group_title, "dim-label");
          add_label (figure_box, item->caption, "heading");
          gtk_box_append (self->box, GTK_WIDGET (figure_box));
        }

      block = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
      gtk_widget_add_css_class (GTK_WIDGET (block), "km-source-value");
      /* Named like the source cards, so that the inspector (and a test)
       * finds the sources of one value: "figure-id/value-index". */
      name = g_strdup_printf ("%s/%u", item->id, item->value_index);
      gtk_widget_set_name (GTK_WIDGET (block), name);

      if (item->kind == KM_CHART_ITEM_REMAINDER)
        add_label (block, item->label, "km-source-amount");
      else if (item->kind == KM_CHART_ITEM_RECOGNITION)
        add_label (block, item->value_text, "km-source-amount");
      else
        {
          guint n = g_strv_length (item->source_ids);

          /* Translators: a heading in the statistics sources panel: a value
           * (%1$s, e.g. “at least 161”), then how many documents state it
           * (%2$u); the list of those documents follows below */
          heading = g_strdup_printf (ngettext ("%1$s, stated by %2$u source:", "%1$s, stated by %2$u sources:", n),
                                     item->value_text, n);
          add_label (block, heading, "km-source-amount");
        }

      for (guint s = 0; item->source_ids != NULL && item->source_ids[s] != NULL; s++)
        add_source (block, store, item->source_ids[s], selectable);

      if (item->note != NULL)
        add_label (block, item->note, NULL);

      gtk_box_append (figure_box, GTK_WIDGET (block));

      /* After the last value of a figure whose sources differ: why. */
      if (item->n_values > 1 && item->value_index == item->n_values - 1 && item->why != NULL)
        {
          add_label (figure_box, _("Why the numbers differ"), "heading");
          add_label (figure_box, item->why, NULL);
        }
    }

  return GTK_WIDGET (self);
}
