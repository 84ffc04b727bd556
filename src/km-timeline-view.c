/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-timeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "km-content-store.h"
#include "km-timeline-view.h"
#include "km-view.h"

struct _KmTimelineView
{
  AdwBin          parent_instance;

  KmContentStore *store;

};

static void km_timeline_view_iface_init (KmViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KmTimelineView, km_timeline_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (KM_TYPE_VIEW, km_timeline_view_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static void
km_timeline_view_iface_init (KmViewInterface *iface)
{
}

static void
km_timeline_view_dispose (GObject *object)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KM_TYPE_TIMELINE_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (km_timeline_view_parent_class)->dispose (object);
}

static void
km_timeline_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_timeline_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KmTimelineView *self = KM_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_timeline_view_class_init (KmTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_timeline_view_dispose;
  object_class->get_property = km_timeline_view_get_property;
  object_class->set_property = km_timeline_view_set_property;

  g_object_class_override_property (object_class, PROP_STORE, "store");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-timeline-view.ui");
}

static void
km_timeline_view_init (KmTimelineView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
km_timeline_view_select_entry (KmTimelineView *self,
                               const char *entry_id)
{
  g_return_if_fail (KM_IS_TIMELINE_VIEW (self));
}
