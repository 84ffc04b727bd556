/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small widget helpers the views share. */
#define G_LOG_DOMAIN "km-widget-util"

#include "config.h"

#include "km-widget-util.h"

/**
 * km_wrapped_label_new:
 * @text: (nullable): the label's text, never markup
 * @css_class: (nullable): a style class to add
 *
 * A start-aligned label that wraps at words, or inside a word too long for
 * the line (long Azerbaijani and Indonesian compounds), as text in the
 * views' columns does.
 *
 * Returns: (transfer floating): a new #GtkLabel
 */
GtkWidget *
km_wrapped_label_new (const char *text,
                      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/**
 * km_widget_remove_all:
 * @container: a #GtkBox, #GtkFlowBox or #GtkListBox
 *
 * Removes every child (GTK 4.8 has no remove_all for any of them).
 */
void
km_widget_remove_all (GtkWidget *container)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (container) || GTK_IS_FLOW_BOX (container) || GTK_IS_LIST_BOX (container));

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_BOX (container))
        gtk_box_remove (GTK_BOX (container), child);
      else if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
    }
}
