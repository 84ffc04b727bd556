/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "km-outside-text.h"
#include "km-preferences-window.h"

struct _KmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  KmContentUpdater     *updater;

  AdwEntryRow          *url_row;
  AdwActionRow         *status_row;
  GtkButton            *update_button;
};

G_DEFINE_FINAL_TYPE (KmPreferencesWindow, km_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_status (KmPreferencesWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *plain = NULL;
  KmUpdateState state;

  if (self->updater == NULL)
    {
      adw_action_row_set_subtitle (self->status_row, _("Content updates are off while a content folder is given on the command line."));
      gtk_widget_set_sensitive (GTK_WIDGET (self->update_button), FALSE);
      return;
    }

  /* It quotes the server and the manifest: the row shows it as plain
   * text (use-markup is off in the .ui), valid UTF-8, without a password. */
  text = km_content_updater_dup_status_text (self->updater);
  g_object_get (self->updater, "url", &url, NULL);
  plain = km_outside_text_hide_credentials (text, url);
  state = km_content_updater_get_state (self->updater);
  adw_action_row_set_subtitle (self->status_row, plain);
  gtk_widget_set_sensitive (GTK_WIDGET (self->update_button),
                            state != KM_UPDATE_STATE_DISABLED &&
                            state != KM_UPDATE_STATE_CHECKING &&
                            state != KM_UPDATE_STATE_DOWNLOADING);
}

static void
on_url_row_apply_cb (KmPreferencesWindow *self)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "content-url", gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
}

static void
on_update_button_clicked_cb (KmPreferencesWindow *self)
{
  if (self->updater != NULL)
    km_content_updater_check_now (self->updater);
}

static void
km_preferences_window_dispose (GObject *object)
{
  KmPreferencesWindow *self = KM_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->updater);

  G_OBJECT_CLASS (km_preferences_window_parent_class)->dispose (object);
}

static void
km_preferences_window_class_init (KmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KmPreferencesWindow, url_row);
  gtk_widget_class_bind_template_child (widget_class, KmPreferencesWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, KmPreferencesWindow, update_button);
  gtk_widget_class_bind_template_callback (widget_class, on_url_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_update_button_clicked_cb);
}

static void
km_preferences_window_init (KmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * km_preferences_window_new:
 * @settings: (nullable): the application settings
 * @updater: (nullable): the content updater; %NULL when updates are off
 *
 * Returns: (transfer none): a new Preferences window
 */
KmPreferencesWindow *
km_preferences_window_new (GtkWindow        *parent,
                           GSettings        *settings,
                           KmContentUpdater *updater)
{
  KmPreferencesWindow *self = g_object_new (KM_TYPE_PREFERENCES_WINDOW,
                                            "transient-for", parent,
                                            NULL);

  g_set_object (&self->settings, settings);
  g_set_object (&self->updater, updater);

  if (settings != NULL)
    {
      g_autofree char *url = g_settings_get_string (settings, "content-url");
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
    }
  if (updater != NULL)
    g_signal_connect_object (updater, "status-changed", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  update_status (self);

  return self;
}

/* What the status row says, for tests. */
const char *
km_preferences_window_get_status (KmPreferencesWindow *self)
{
  g_return_val_if_fail (KM_IS_PREFERENCES_WINDOW (self), NULL);

  return adw_action_row_get_subtitle (self->status_row);
}
