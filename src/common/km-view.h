/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KM_TYPE_VIEW (km_view_get_type ())

G_DECLARE_INTERFACE (KmView, km_view, KM, VIEW, GtkWidget)

/* What every page of the window can do, so that the window can rebuild a
 * page in a new language and the kiosk can send it back to its start.
 */
struct _KmViewInterface
{
  GTypeInterface parent_iface;

  GVariant *(*save_state)    (KmView   *self);
  void      (*restore_state) (KmView   *self,
                              GVariant *state);
  void      (*reset)         (KmView   *self);
};

GVariant *km_view_save_state    (KmView   *self);
void      km_view_restore_state (KmView   *self,
                                 GVariant *state);
void      km_view_reset         (KmView   *self);

G_END_DECLS
