/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-kiosk-pin-pad"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "km-a11y.h"
#include "km-kiosk-pin-pad.h"

/* The staff PIN pad: large keys for a finger, digits from a keyboard too.
 * The digits are shown as dots and never kept longer than one try.
 */
struct _KmKioskPinPad
{
  AdwBin      parent_instance;

  KmKioskPin *pin;
  KmClock    *clock;
  GString    *digits;
  guint       lock_timer;

  GtkLabel   *title_label;
  GtkLabel   *status_label;
  GtkLabel   *dots_label;
  GtkWidget  *keys_grid;
  GtkButton  *cancel_button;
};

G_DEFINE_FINAL_TYPE (KmKioskPinPad, km_kiosk_pin_pad, ADW_TYPE_BIN)

enum {
  UNLOCKED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_digits (KmKioskPinPad *self)
{
  explicit_bzero (self->digits->str, self->digits->len);
  g_string_truncate (self->digits, 0);
}

static void
update_dots (KmKioskPinPad *self)
{
  g_autoptr(GString) dots = g_string_new (NULL);

  for (gsize i = 0; i < self->digits->len; i++)
    g_string_append (dots, i == 0 ? "●" : " ●");
  /* Keep the line's height when it is empty. */
  gtk_label_set_label (self->dots_label, dots->len > 0 ? dots->str : " ");
}

static gboolean on_lock_timeout_cb (gpointer user_data);

static void
update_status (KmKioskPinPad *self,
               const char    *message)
{
  guint locked = km_kiosk_pin_get_seconds_locked (self->pin);
  gboolean is_set = km_kiosk_pin_get_is_set (self->pin);

  gtk_widget_set_visible (self->keys_grid, is_set);
  gtk_widget_set_visible (GTK_WIDGET (self->dots_label), is_set);
  gtk_widget_set_sensitive (self->keys_grid, locked == 0);

  if (!is_set)
    {
      gtk_label_set_label (self->title_label, _("No Staff PIN Is Set"));
      /* Translators: shown on the kiosk when staff try to unlock it; keep
       * the commands as they are
       */
      gtk_label_set_label (self->status_label,
                           _("This kiosk cannot be unlocked from the screen until a staff PIN is set. "
                             "On this computer, run “khojaly-memorial --set-kiosk-pin” in a terminal. "
                             "To stop the kiosk now, run “systemctl --user stop khojaly-memorial-kiosk”."));
      /* Translators: button of the kiosk's staff PIN pad: closes the pad
       * and goes back to the exhibition */
      gtk_button_set_label (self->cancel_button, C_("PIN pad button", "_Close"));
      gtk_button_set_use_underline (self->cancel_button, TRUE);
      return;
    }

  /* Translators: title of the kiosk's PIN pad, where staff enter their PIN
   * to reach the staff menu */
  gtk_label_set_label (self->title_label, _("Staff Access"));
  /* Translators: button of the kiosk's staff PIN pad: closes the pad without
   * unlocking and goes back to the exhibition */
  gtk_button_set_label (self->cancel_button, C_("PIN pad button", "_Cancel"));
  gtk_button_set_use_underline (self->cancel_button, TRUE);

  if (locked > 0)
    {
      g_autofree char *text = NULL;
      guint minutes = (locked + 59) / 60;

      text = g_strdup_printf (ngettext ("Too many wrong PINs. Try again in %u minute.",
                                        "Too many wrong PINs. Try again in %u minutes.",
                                        minutes),
                              minutes);
      gtk_label_set_label (self->status_label, text);
      if (self->lock_timer == 0)
        self->lock_timer = km_clock_add_timeout (self->clock, 1000, on_lock_timeout_cb, self, NULL);
      return;
    }

  gtk_label_set_label (self->status_label, message != NULL ? message : _("Enter the staff PIN."));
}

static gboolean
on_lock_timeout_cb (gpointer user_data)
{
  KmKioskPinPad *self = user_data;

  if (km_kiosk_pin_get_seconds_locked (self->pin) > 0)
    {
      update_status (self, NULL);
      return G_SOURCE_CONTINUE;
    }

  self->lock_timer = 0;
  update_status (self, NULL);
  return G_SOURCE_REMOVE;
}

static void
add_digit (KmKioskPinPad *self,
           char           digit)
{
  if (!km_kiosk_pin_get_is_set (self->pin) || km_kiosk_pin_get_seconds_locked (self->pin) > 0)
    return;
  if (self->digits->len >= KM_KIOSK_PIN_MAX_LENGTH)
    return;

  g_string_append_c (self->digits, digit);
  update_dots (self);
}

static void
submit (KmKioskPinPad *self)
{
  g_autofree char *message = NULL;
  KmKioskPinResult result;
  guint left;

  if (self->digits->len == 0)
    return;

  result = km_kiosk_pin_try (self->pin, self->digits->str);
  clear_digits (self);
  update_dots (self);

  switch (result)
    {
    case KM_KIOSK_PIN_RESULT_OK:
      g_signal_emit (self, signals[UNLOCKED], 0);
      return;

    case KM_KIOSK_PIN_RESULT_WRONG:
      left = km_kiosk_pin_get_attempts_left (self->pin);
      message = g_strdup_printf (ngettext ("Wrong PIN. %u try left before the pad locks.",
                                           "Wrong PIN. %u tries left before the pad locks.",
                                           left),
                                 left);
      gtk_widget_add_css_class (GTK_WIDGET (self->dots_label), "error");
      break;

    case KM_KIOSK_PIN_RESULT_LOCKED:
    case KM_KIOSK_PIN_RESULT_NOT_SET:
    default:
      break;
    }

  update_status (self, message);
}

static void
digit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  const char *digit = g_variant_get_string (parameter, NULL);

  if (digit[0] >= '0' && digit[0] <= '9' && digit[1] == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (KM_KIOSK_PIN_PAD (widget)->dots_label), "error");
      add_digit (KM_KIOSK_PIN_PAD (widget), digit[0]);
    }
}

static void
backspace_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KmKioskPinPad *self = KM_KIOSK_PIN_PAD (widget);

  if (self->digits->len > 0)
    {
      self->digits->str[self->digits->len - 1] = '\0';
      g_string_truncate (self->digits, self->digits->len - 1);
    }
  update_dots (self);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  submit (KM_KIOSK_PIN_PAD (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KmKioskPinPad *self = KM_KIOSK_PIN_PAD (widget);

  clear_digits (self);
  g_signal_emit (self, signals[CANCELLED], 0);
}

static gboolean
on_key_pressed_cb (KmKioskPinPad         *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  guint32 c = gdk_keyval_to_unicode (keyval);

  if (c >= '0' && c <= '9')
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "pin.digit", "s", (char[]) { (char) c, '\0' });
      return GDK_EVENT_STOP;
    }

  switch (keyval)
    {
    case GDK_KEY_BackSpace:
      gtk_widget_activate_action (GTK_WIDGET (self), "pin.backspace", NULL);
      return GDK_EVENT_STOP;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      gtk_widget_activate_action (GTK_WIDGET (self), "pin.submit", NULL);
      return GDK_EVENT_STOP;
    case GDK_KEY_Escape:
      gtk_widget_activate_action (GTK_WIDGET (self), "pin.cancel", NULL);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
km_kiosk_pin_pad_dispose (GObject *object)
{
  KmKioskPinPad *self = KM_KIOSK_PIN_PAD (object);

  if (self->lock_timer != 0)
    km_clock_remove (self->clock, self->lock_timer);
  self->lock_timer = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), KM_TYPE_KIOSK_PIN_PAD);
  g_clear_object (&self->pin);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (km_kiosk_pin_pad_parent_class)->dispose (object);
}

static void
km_kiosk_pin_pad_finalize (GObject *object)
{
  KmKioskPinPad *self = KM_KIOSK_PIN_PAD (object);

  clear_digits (self);
  g_string_free (self->digits, TRUE);

  G_OBJECT_CLASS (km_kiosk_pin_pad_parent_class)->finalize (object);
}

static void
km_kiosk_pin_pad_class_init (KmKioskPinPadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_kiosk_pin_pad_dispose;
  object_class->finalize = km_kiosk_pin_pad_finalize;

  signals[UNLOCKED] =
    g_signal_new ("unlocked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  signals[CANCELLED] =
    g_signal_new ("cancelled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-kiosk-pin-pad.ui");
  gtk_widget_class_bind_template_child (widget_class, KmKioskPinPad, title_label);
  gtk_widget_class_bind_template_child (widget_class, KmKioskPinPad, status_label);
  gtk_widget_class_bind_template_child (widget_class, KmKioskPinPad, dots_label);
  gtk_widget_class_bind_template_child (widget_class, KmKioskPinPad, keys_grid);
  gtk_widget_class_bind_template_child (widget_class, KmKioskPinPad, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed_cb);

  gtk_widget_class_install_action (widget_class, "pin.digit", "s", digit_action);
  gtk_widget_class_install_action (widget_class, "pin.backspace", NULL, backspace_action);
  gtk_widget_class_install_action (widget_class, "pin.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "pin.cancel", NULL, cancel_action);
}

static void
km_kiosk_pin_pad_init (KmKioskPinPad *self)
{
  self->digits = g_string_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Backspace and Unlock are icons; Cancel has a mnemonic. */
  km_a11y_name_icon_buttons (GTK_WIDGET (self));
  km_a11y_name_from_label (self->cancel_button);
}

GtkWidget *
km_kiosk_pin_pad_new (KmKioskPin *pin,
                      KmClock    *clock)
{
  KmKioskPinPad *self;

  g_return_val_if_fail (KM_IS_KIOSK_PIN (pin), NULL);
  g_return_val_if_fail (clock == NULL || KM_IS_CLOCK (clock), NULL);

  self = g_object_new (KM_TYPE_KIOSK_PIN_PAD, NULL);
  self->pin = g_object_ref (pin);
  self->clock = g_object_ref (clock != NULL ? clock : km_clock_get_default ());
  update_dots (self);
  update_status (self, NULL);

  return GTK_WIDGET (self);
}

const char *
km_kiosk_pin_pad_get_status (KmKioskPinPad *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_PIN_PAD (self), NULL);

  return gtk_label_get_label (self->status_label);
}

guint
km_kiosk_pin_pad_get_length (KmKioskPinPad *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_PIN_PAD (self), 0);

  return self->digits->len;
}
