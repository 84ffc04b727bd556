/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-statistics-view"

#include "config.h"

#include <glib/gi18n.h>

#include "km-content-store.h"
#include "km-statistics-view.h"
#include "km-view.h"

struct _KmStatisticsView
{
  AdwBin          parent_instance;

  KmContentStore *store;

};

static void km_statistics_view_iface_init (KmViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KmStatisticsView, km_statistics_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (KM_TYPE_VIEW, km_statistics_view_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static void
km_statistics_view_iface_init (KmViewInterface *iface)
{
}

static void
km_statistics_view_dispose (GObject *object)
{
  KmStatisticsView *self = KM_STATISTICS_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KM_TYPE_STATISTICS_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (km_statistics_view_parent_class)->dispose (object);
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
    case PROP_STORE:
      g_value_set_object (value, self->store);
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
    case PROP_STORE:
      self->store = g_value_dup_object (value);
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

  object_class->dispose = km_statistics_view_dispose;
  object_class->get_property = km_statistics_view_get_property;
  object_class->set_property = km_statistics_view_set_property;

  g_object_class_override_property (object_class, PROP_STORE, "store");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-statistics-view.ui");
}

static void
km_statistics_view_init (KmStatisticsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
