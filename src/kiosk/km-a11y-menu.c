/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-a11y-menu"

#include "config.h"

#include "km-a11y.h"
#include "km-a11y-menu.h"
#include "km-a11y-options.h"

/* The accessibility button on every kiosk screen: a visitor who cannot
 * reach the desktop's settings turns on larger text, high contrast or
 * reduced motion here (KmA11yOptions), until the next idle reset.
 */
struct _KmA11yMenu
{
  AdwBin          parent_instance;

  GtkMenuButton  *button;
  GtkCheckButton *large_text_check;
  GtkCheckButton *high_contrast_check;
  GtkCheckButton *reduced_motion_check;
};

G_DEFINE_FINAL_TYPE (KmA11yMenu, km_a11y_menu, ADW_TYPE_BIN)

static void
km_a11y_menu_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KM_TYPE_A11Y_MENU);

  G_OBJECT_CLASS (km_a11y_menu_parent_class)->dispose (object);
}

static void
km_a11y_menu_class_init (KmA11yMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_a11y_menu_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-a11y-menu.ui");
  gtk_widget_class_bind_template_child (widget_class, KmA11yMenu, large_text_check);
  gtk_widget_class_bind_template_child (widget_class, KmA11yMenu, high_contrast_check);
  gtk_widget_class_bind_template_child (widget_class, KmA11yMenu, reduced_motion_check);

  gtk_widget_class_set_css_name (widget_class, "kma11ymenu");
}

static void
km_a11y_menu_init (KmA11yMenu *self)
{
  KmA11yOptions *options = km_a11y_options_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Not bound: the bin's own child (see HACKING.md). */
  self->button = GTK_MENU_BUTTON (adw_bin_get_child (ADW_BIN (self)));

  /* The bindings go with the check buttons; the options outlive us. */
  g_object_bind_property (options, "large-text", self->large_text_check, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (options, "high-contrast", self->high_contrast_check, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_object_bind_property (options, "reduced-motion", self->reduced_motion_check, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  km_a11y_name_icon_buttons (GTK_WIDGET (self));
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->button)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      {
        /* The toggle inside takes the focus: give it the size and the name. */
        gtk_widget_set_size_request (child, 56, 56);
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        gtk_widget_get_tooltip_text (GTK_WIDGET (self->button)),
                                        -1);
      }
}

GtkWidget *
km_a11y_menu_new (void)
{
  return g_object_new (KM_TYPE_A11Y_MENU, NULL);
}

/**
 * km_a11y_menu_focus_button:
 *
 * Puts the focus on the button (its toggle), where a visitor who tabs to
 * the menu finds it. Not a grab_focus override: see HACKING.md.
 */
void
km_a11y_menu_focus_button (KmA11yMenu *self)
{
  g_return_if_fail (KM_IS_A11Y_MENU (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->button));
}
