/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-a11y"

#include "config.h"

#include <glib/gi18n.h>

#include "km-a11y.h"

/* Accessibility glue that GTK 4.8 leaves to applications. */

/**
 * km_a11y_label_drop_down:
 *
 * Names @drop_down and the toggle button inside it, which is what takes
 * the focus and what a screen reader reads.
 *
 * HACK: GTK 4.8 gives the inner button no name (it reads "GtkToggleButton");
 * GTK 4.10 labels it from the drop-down.
 */
void
km_a11y_label_drop_down (GtkDropDown *drop_down,
                         const char  *label)
{
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
}

/**
 * km_a11y_label_list_item:
 * @item_child: the child of a #GtkListItem, once it is bound
 *
 * Names the row or cell of a list or grid view, which is what takes the
 * focus.
 *
 * HACK: GTK 4.8 has no accessible label on GtkListItem (4.12 adds
 * gtk_list_item_set_accessible_label()); the cell is @item_child's parent.
 */
void
km_a11y_label_list_item (GtkWidget  *item_child,
                         const char *label,
                         const char *description)
{
  GtkWidget *cell;

  g_return_if_fail (GTK_IS_WIDGET (item_child));

  cell = gtk_widget_get_parent (item_child);
  if (cell == NULL)
    return;

  if (label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                    -1);
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
sync_name_from_tooltip (GtkWidget *button)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  if (tooltip == NULL)
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  /* A menu button's inner toggle button is labelled by it. */
}

/**
 * km_a11y_name_from_tooltip:
 *
 * Gives an icon-only @button its tooltip as accessible name, now and
 * whenever the tooltip changes (play ↔ pause). GTK 4.8 reads an icon
 * button's name as "GtkImage" and exposes the tooltip only as its
 * description.
 */
void
km_a11y_name_from_tooltip (GtkWidget *button)
{
  g_return_if_fail (GTK_IS_WIDGET (button));

  sync_name_from_tooltip (button);
  g_signal_connect (button, "notify::tooltip-text", G_CALLBACK (sync_name_from_tooltip), NULL);
}

static void
sync_name_from_label (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);

  if (!GTK_IS_LABEL (child))
    return;

  /* The label's text, without the mnemonic underscore. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (GTK_LABEL (child)),
                                  -1);
}

/**
 * km_a11y_name_from_label:
 *
 * Names a text @button after its label, now and whenever the label
 * changes (“Read More” ↔ “Show Less”).
 *
 * HACK: GTK 4.8 names a button with use-underline both by its raw label
 * and by the label widget, which a screen reader reads as
 * “_Read More Read More”; GTK 4.10 reads it once, without the underscore.
 */
void
km_a11y_name_from_label (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  sync_name_from_label (button);
  /* Code often sets the label before use-underline: follow both. */
  g_signal_connect_after (button, "notify::label", G_CALLBACK (sync_name_from_label), NULL);
  g_signal_connect_after (button, "notify::use-underline", G_CALLBACK (sync_name_from_label), NULL);
}

static gboolean
is_icon_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL &&
           gtk_menu_button_get_child (GTK_MENU_BUTTON (widget)) == NULL;
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_MENU_BUTTON) == NULL)
    return gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
           GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget)));
  return FALSE;
}

/**
 * km_a11y_name_icon_buttons:
 *
 * Calls km_a11y_name_from_tooltip() on every icon-only button below @root
 * (its tooltip may come later): for templates, once they are built.
 */
void
km_a11y_name_icon_buttons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (is_icon_button (root) && g_object_get_data (G_OBJECT (root), "km-a11y-named") == NULL)
    {
      g_object_set_data (G_OBJECT (root), "km-a11y-named", GINT_TO_POINTER (TRUE));
      km_a11y_name_from_tooltip (root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    km_a11y_name_icon_buttons (child);
}

static void
name_clear_icon (GtkSearchEntry *entry)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (entry));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_IMAGE (child) && gtk_widget_get_tooltip_text (child) != NULL)
      {
        /* Translators: tooltip and accessible name of the button that empties a search field */
        gtk_widget_set_tooltip_text (child, _("Clear the Search"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clear the Search"),
                                        -1);
      }
}

/**
 * km_a11y_name_clear_icons:
 *
 * Names the clear icon of every search entry below @root (those inside
 * drop-downs too) from our catalog.
 *
 * HACK: GTK 4.8 takes "Clear entry" from its own catalog, whose Azerbaijani
 * translation lacks it: an Azerbaijani screen would show, and a screen
 * reader read, it in English.
 */
void
km_a11y_name_clear_icons (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_SEARCH_ENTRY (root))
    name_clear_icon (GTK_SEARCH_ENTRY (root));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    km_a11y_name_clear_icons (child);
}

/**
 * km_a11y_get_reduced_motion:
 *
 * Whether motion the visitor does not drive (slideshow transitions,
 * kinetic effects) must stay still: GTK's gtk-enable-animations, which
 * follows the desktop's "reduce animation" setting and the kiosk's
 * accessibility menu.
 */
gboolean
km_a11y_get_reduced_motion (GtkWidget *widget)
{
  GtkSettings *settings = widget != NULL ? gtk_widget_get_settings (widget) : gtk_settings_get_default ();
  gboolean enabled = TRUE;

  if (settings != NULL)
    g_object_get (settings, "gtk-enable-animations", &enabled, NULL);

  return !enabled;
}
