/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-view"

#include "config.h"

#include "km-context.h"
#include "km-view.h"

G_DEFINE_INTERFACE (KmView, km_view, GTK_TYPE_WIDGET)

static void
km_view_default_init (KmViewInterface *iface)
{
  /**
   * KmView:context:
   *
   * What the view shares with the rest of the program: the content it
   * shows, the settings, the clock, whether it runs as a kiosk. Set once
   * by the window.
   */
  g_object_interface_install_property (iface,
    g_param_spec_object ("context", NULL, NULL,
                         KM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
}

/**
 * km_view_save_state:
 *
 * Returns: (transfer full) (nullable): the view's position (selection,
 *   scroll, open item) as a floating-free #GVariant
 */
GVariant *
km_view_save_state (KmView *self)
{
  KmViewInterface *iface;

  g_return_val_if_fail (KM_IS_VIEW (self), NULL);

  iface = KM_VIEW_GET_IFACE (self);
  return iface->save_state ? iface->save_state (self) : NULL;
}

void
km_view_restore_state (KmView   *self,
                       GVariant *state)
{
  KmViewInterface *iface;

  g_return_if_fail (KM_IS_VIEW (self));

  iface = KM_VIEW_GET_IFACE (self);
  if (state != NULL && iface->restore_state != NULL)
    iface->restore_state (self, state);
}

void
km_view_reset (KmView *self)
{
  KmViewInterface *iface;

  g_return_if_fail (KM_IS_VIEW (self));

  iface = KM_VIEW_GET_IFACE (self);
  if (iface->reset != NULL)
    iface->reset (self);
}
