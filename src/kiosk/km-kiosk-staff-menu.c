/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-kiosk-staff-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "km-i18n.h"
#include "km-kiosk-staff-menu.h"
#include "km-outside-text.h"
#include "km-visit-chart.h"

/* What staff see after the PIN: leave, restart, maintenance mode and the
 * state of the machine. Its buttons activate the kiosk controller's
 * kiosk.exit, kiosk.restart and kiosk.close-staff-menu; the controller acts.
 */
struct _KmKioskStaffMenu
{
  AdwBin        parent_instance;

  GtkSwitch    *maintenance_switch;
  AdwActionRow *version_row;
  AdwActionRow *content_row;
  AdwActionRow *uptime_row;
  AdwActionRow *error_row;
  AdwActionRow *locales_row;
  AdwActionRow *disk_row;
  AdwActionRow *visits_row;
  KmVisitChart *visit_chart;
  AdwActionRow *export_row;
};

G_DEFINE_FINAL_TYPE (KmKioskStaffMenu, km_kiosk_staff_menu, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MAINTENANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * km_kiosk_format_uptime:
 *
 * Returns: (transfer full): “5 minutes”, “3 hours”, “2 days”
 */
char *
km_kiosk_format_uptime (gint64 seconds)
{
  guint minutes = (guint) (MAX (seconds, 0) / 60);
  guint hours = minutes / 60;
  guint days = hours / 24;

  if (minutes < 120)
    return g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes), minutes);
  if (hours < 48)
    return g_strdup_printf (ngettext ("%u hour", "%u hours", hours), hours);
  return g_strdup_printf (ngettext ("%u day", "%u days", days), days);
}

static void
on_maintenance_active_cb (KmKioskStaffMenu *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAINTENANCE]);
}

static void
km_kiosk_staff_menu_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KM_TYPE_KIOSK_STAFF_MENU);

  G_OBJECT_CLASS (km_kiosk_staff_menu_parent_class)->dispose (object);
}

static void
km_kiosk_staff_menu_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KmKioskStaffMenu *self = KM_KIOSK_STAFF_MENU (object);

  switch (prop_id)
    {
    case PROP_MAINTENANCE:
      g_value_set_boolean (value, km_kiosk_staff_menu_get_maintenance (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_kiosk_staff_menu_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KmKioskStaffMenu *self = KM_KIOSK_STAFF_MENU (object);

  switch (prop_id)
    {
    case PROP_MAINTENANCE:
      km_kiosk_staff_menu_set_maintenance (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_kiosk_staff_menu_class_init (KmKioskStaffMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_kiosk_staff_menu_dispose;
  object_class->get_property = km_kiosk_staff_menu_get_property;
  object_class->set_property = km_kiosk_staff_menu_set_property;

  properties[PROP_MAINTENANCE] =
    g_param_spec_boolean ("maintenance", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KM_TYPE_VISIT_CHART);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-kiosk-staff-menu.ui");
  gtk_widget_class_bind_template_child (widget_class, KmKioskStaffMenu, maintenance_switch);
  gtk_widget_class_bind_template_child (widget_class, KmKioskStaffMenu, version_row);
  gtk_widget_class_bind_template_child (widget_class, KmKioskStaffMenu, content_row);
  gtk_widget_class_bind_template_child (widget_class, KmKioskStaffMenu, uptime_row);
  gtk_widget_class_bind_template_child (widget_class, KmKioskStaffMenu, error_row);
  gtk_widget_class_bind_template_child (widget_class, KmKioskStaffMenu, locales_row);
  gtk_widget_class_bind_template_child (widget_class, KmKioskStaffMenu, disk_row);
  gtk_widget_class_bind_template_child (widget_class, KmKioskStaffMenu, visits_row);
  gtk_widget_class_bind_template_child (widget_class, KmKioskStaffMenu, visit_chart);
  gtk_widget_class_bind_template_child (widget_class, KmKioskStaffMenu, export_row);

}

static void
km_kiosk_staff_menu_init (KmKioskStaffMenu *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_action_row_set_subtitle (self->version_row, PACKAGE_VERSION);
  g_signal_connect_object (self->maintenance_switch, "notify::active",
                           G_CALLBACK (on_maintenance_active_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
km_kiosk_staff_menu_new (void)
{
  return g_object_new (KM_TYPE_KIOSK_STAFF_MENU, NULL);
}

gboolean
km_kiosk_staff_menu_get_maintenance (KmKioskStaffMenu *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_STAFF_MENU (self), FALSE);

  return gtk_switch_get_active (self->maintenance_switch);
}

void
km_kiosk_staff_menu_set_maintenance (KmKioskStaffMenu *self,
                                     gboolean          maintenance)
{
  g_return_if_fail (KM_IS_KIOSK_STAFF_MENU (self));

  gtk_switch_set_active (self->maintenance_switch, maintenance);
}

/* Each line as plain text: the status quotes servers and packs. */
static char *
dup_plain_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", 8);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *plain = km_outside_text_plain (lines[i], -1);

      g_free (lines[i]);
      lines[i] = plain;
    }

  return g_strjoinv ("\n", lines);
}

/**
 * km_kiosk_staff_menu_set_status:
 * @content: where the exhibition comes from; plain text
 * @last_error: (nullable): the last problem the kiosk met; plain text
 * @disk: (nullable): a file on the disk whose free space matters
 */
void
km_kiosk_staff_menu_set_status (KmKioskStaffMenu *self,
                                const char       *content,
                                gint64            uptime_seconds,
                                const char       *last_error,
                                GFile            *disk)
{
  g_autofree char *uptime = km_kiosk_format_uptime (uptime_seconds);
  g_autofree char *missing = km_i18n_dup_missing_locales ();
  g_autofree char *locales = NULL;
  g_autofree char *free_text = NULL;
  g_autofree char *plain_content = NULL;
  g_autofree char *plain_error = NULL;

  g_return_if_fail (KM_IS_KIOSK_STAFF_MENU (self));

  plain_content = dup_plain_lines (content);
  plain_error = last_error != NULL ? dup_plain_lines (last_error) : NULL;
  adw_action_row_set_subtitle (self->content_row, plain_content);
  adw_action_row_set_subtitle (self->uptime_row, uptime);
  adw_action_row_set_subtitle (self->error_row,
                               /* Translators: the value of the “Last Error”
                                * row on the kiosk staff menu when there was
                                * no error */
                               plain_error != NULL ? plain_error : C_("last error", "None"));

  if (missing != NULL)
    /* Translators: %s is a list of locale names, e.g. “az_AZ.UTF-8, id_ID.UTF-8” */
    locales = g_strdup_printf (_("Missing: %s; dates and numbers use built-in formats"), missing);
  else
    /* Translators: the value of the “Locales” row on the kiosk staff menu:
     * the system locales of all the exhibition's languages are installed */
    locales = g_strdup (_("All installed"));
  adw_action_row_set_subtitle (self->locales_row, locales);

  if (disk != NULL)
    {
      g_autoptr(GFileInfo) info = g_file_query_filesystem_info (disk, G_FILE_ATTRIBUTE_FILESYSTEM_FREE, NULL, NULL);

      if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE))
        {
          g_autofree char *size = g_format_size (g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_FILESYSTEM_FREE));
          /* Translators: %s is a size, e.g. “12.3 GB” */
          free_text = g_strdup_printf (_("%s free"), size);
        }
    }
  adw_action_row_set_subtitle (self->disk_row,
                               /* Translators: the value of the “Free Disk
                                * Space” row on the kiosk staff menu when the
                                * size cannot be read */
                               free_text != NULL ? free_text : C_("free disk space", "Unknown"));
}

/**
 * km_kiosk_staff_menu_set_visits:
 * @visits: today's visits per hour, for the chart
 * @summary: the “Today” row's value (the count, counting off, a file set
 *   aside); plain text
 */
void
km_kiosk_staff_menu_set_visits (KmKioskStaffMenu *self,
                                const guint       visits[24],
                                const char       *summary)
{
  g_return_if_fail (KM_IS_KIOSK_STAFF_MENU (self));

  km_visit_chart_set_values (self->visit_chart, visits);
  adw_action_row_set_subtitle (self->visits_row, summary);
}

/* @text: where the export goes, or what became of the last one; plain text */
void
km_kiosk_staff_menu_set_export_status (KmKioskStaffMenu *self,
                                       const char       *text)
{
  g_autofree char *plain = NULL;

  g_return_if_fail (KM_IS_KIOSK_STAFF_MENU (self));

  plain = dup_plain_lines (text);
  adw_action_row_set_subtitle (self->export_row, plain);
}

/* For tests: the value shown in the status row called @row. */
const char *
km_kiosk_staff_menu_get_row_value (KmKioskStaffMenu *self,
                                   const char       *row)
{
  AdwActionRow *rows[] = { self->version_row, self->content_row, self->uptime_row,
                           self->error_row, self->locales_row, self->disk_row,
                           self->visits_row, self->export_row };
  static const char *names[] = { "version", "content", "uptime", "error", "locales", "disk",
                                 "visits", "export" };

  g_return_val_if_fail (KM_IS_KIOSK_STAFF_MENU (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i], row))
      return adw_action_row_get_subtitle (rows[i]);

  return NULL;
}
