/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-kiosk-countdown"

#include "config.h"

#include <glib/gi18n.h>

#include "km-kiosk-countdown.h"

/* “Are you still there?”: shown over the exhibition while the idle
 * monitor counts down. Any touch continues the visit (the window's
 * capture controllers see it first); the button says so.
 */
struct _KmKioskCountdown
{
  AdwBin       parent_instance;

  GtkLabel    *message_label;
  GtkLevelBar *level_bar;
  GtkButton   *continue_button;
};

G_DEFINE_FINAL_TYPE (KmKioskCountdown, km_kiosk_countdown, ADW_TYPE_BIN)

enum {
  CONTINUE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_continue_clicked_cb (KmKioskCountdown *self)
{
  g_signal_emit (self, signals[CONTINUE], 0);
}

static void
km_kiosk_countdown_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KM_TYPE_KIOSK_COUNTDOWN);

  G_OBJECT_CLASS (km_kiosk_countdown_parent_class)->dispose (object);
}

static void
km_kiosk_countdown_class_init (KmKioskCountdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_kiosk_countdown_dispose;

  signals[CONTINUE] =
    g_signal_new ("continue",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-kiosk-countdown.ui");
  gtk_widget_class_bind_template_child (widget_class, KmKioskCountdown, message_label);
  gtk_widget_class_bind_template_child (widget_class, KmKioskCountdown, level_bar);
  gtk_widget_class_bind_template_child (widget_class, KmKioskCountdown, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_clicked_cb);
}

static void
km_kiosk_countdown_init (KmKioskCountdown *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
km_kiosk_countdown_new (guint total_seconds)
{
  KmKioskCountdown *self = g_object_new (KM_TYPE_KIOSK_COUNTDOWN, NULL);

  gtk_level_bar_set_max_value (self->level_bar, MAX (total_seconds, 1));
  km_kiosk_countdown_set_seconds_left (self, total_seconds);

  return GTK_WIDGET (self);
}

void
km_kiosk_countdown_set_seconds_left (KmKioskCountdown *self,
                                     guint             seconds)
{
  g_autofree char *message = NULL;

  g_return_if_fail (KM_IS_KIOSK_COUNTDOWN (self));

  /* Translators: on the kiosk's “Are you still there?” screen */
  message = g_strdup_printf (ngettext ("The exhibition will start again for the next visitor in %u second.",
                                       "The exhibition will start again for the next visitor in %u seconds.",
                                       seconds),
                             seconds);
  gtk_label_set_label (self->message_label, message);
  gtk_level_bar_set_value (self->level_bar, MIN (seconds, gtk_level_bar_get_max_value (self->level_bar)));
}

const char *
km_kiosk_countdown_get_message (KmKioskCountdown *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_COUNTDOWN (self), NULL);

  return gtk_label_get_label (self->message_label);
}
