/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-a11y-options"

#include "config.h"

#include "km-a11y-options.h"

/* The visitor's accessibility choices in kiosk mode (KmA11yMenu): larger
 * text, high contrast and reduced motion, for the whole process, until the
 * next idle reset. They are applied where GTK reads them, so every window,
 * popover and custom-drawn widget follows:
 *
 * - larger text: GtkSettings:gtk-xft-dpi × 1.5 (fonts, and everything we
 *   size from fonts: chart and timeline labels, markers);
 * - high contrast: libadwaita 1.2 has no public setter for its own
 *   high-contrast style, so a CSS provider of ours with full-strength text
 *   and solid borders;
 * - reduced motion: GtkSettings:gtk-enable-animations FALSE, which
 *   GtkStack, GtkRevealer and libadwaita's animations honour.
 *
 * Turning an option off gives the setting back to the desktop
 * (gtk_settings_reset_property()).
 */
#define LARGE_TEXT_FACTOR 1.5
#define DEFAULT_DPI       (96 * 1024)

struct _KmA11yOptions
{
  GObject         parent_instance;

  GtkCssProvider *high_contrast_provider;
  gboolean        large_text;
  gboolean        high_contrast;
  gboolean        reduced_motion;
};

G_DEFINE_FINAL_TYPE (KmA11yOptions, km_a11y_options, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LARGE_TEXT,
  PROP_HIGH_CONTRAST,
  PROP_REDUCED_MOTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
apply_large_text (KmA11yOptions *self)
{
  GtkSettings *settings = gtk_settings_get_default ();
  int dpi = 0;

  if (settings == NULL)
    return;

  /* Back to the desktop's value first, so the factor never compounds. */
  gtk_settings_reset_property (settings, "gtk-xft-dpi");
  if (!self->large_text)
    return;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  if (dpi <= 0)
    dpi = DEFAULT_DPI;
  g_object_set (settings, "gtk-xft-dpi", (int) (dpi * LARGE_TEXT_FACTOR), NULL);
}

static void
apply_high_contrast (KmA11yOptions *self)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    return;

  if (self->high_contrast && self->high_contrast_provider == NULL)
    {
      self->high_contrast_provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (self->high_contrast_provider, RESOURCE_BASE "/km-high-contrast.css");
      /* Above the application's style.css. */
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (self->high_contrast_provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  else if (!self->high_contrast && self->high_contrast_provider != NULL)
    {
      gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (self->high_contrast_provider));
      g_clear_object (&self->high_contrast_provider);
    }
}

static void
apply_reduced_motion (KmA11yOptions *self)
{
  GtkSettings *settings = gtk_settings_get_default ();

  if (settings == NULL)
    return;

  if (self->reduced_motion)
    g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  else
    gtk_settings_reset_property (settings, "gtk-enable-animations");
}

static void
km_a11y_options_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KmA11yOptions *self = KM_A11Y_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_LARGE_TEXT:
      g_value_set_boolean (value, self->large_text);
      break;

    case PROP_HIGH_CONTRAST:
      g_value_set_boolean (value, self->high_contrast);
      break;

    case PROP_REDUCED_MOTION:
      g_value_set_boolean (value, self->reduced_motion);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_a11y_options_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KmA11yOptions *self = KM_A11Y_OPTIONS (object);

  switch (prop_id)
    {
    case PROP_LARGE_TEXT:
      km_a11y_options_set_large_text (self, g_value_get_boolean (value));
      break;

    case PROP_HIGH_CONTRAST:
      km_a11y_options_set_high_contrast (self, g_value_get_boolean (value));
      break;

    case PROP_REDUCED_MOTION:
      km_a11y_options_set_reduced_motion (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_a11y_options_finalize (GObject *object)
{
  KmA11yOptions *self = KM_A11Y_OPTIONS (object);

  g_clear_object (&self->high_contrast_provider);

  G_OBJECT_CLASS (km_a11y_options_parent_class)->finalize (object);
}

static void
km_a11y_options_class_init (KmA11yOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = km_a11y_options_finalize;
  object_class->get_property = km_a11y_options_get_property;
  object_class->set_property = km_a11y_options_set_property;

  properties[PROP_LARGE_TEXT] =
    g_param_spec_boolean ("large-text", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGH_CONTRAST] =
    g_param_spec_boolean ("high-contrast", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDUCED_MOTION] =
    g_param_spec_boolean ("reduced-motion", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
km_a11y_options_init (KmA11yOptions *self)
{
}

/**
 * km_a11y_options_get_default:
 *
 * Returns: (transfer none): the process's options
 */
KmA11yOptions *
km_a11y_options_get_default (void)
{
  static KmA11yOptions *options;

  if (g_once_init_enter (&options))
    g_once_init_leave (&options, g_object_new (KM_TYPE_A11Y_OPTIONS, NULL));

  return options;
}

gboolean
km_a11y_options_get_large_text (KmA11yOptions *self)
{
  g_return_val_if_fail (KM_IS_A11Y_OPTIONS (self), FALSE);
  return self->large_text;
}

void
km_a11y_options_set_large_text (KmA11yOptions *self,
                                gboolean       large_text)
{
  g_return_if_fail (KM_IS_A11Y_OPTIONS (self));

  large_text = !!large_text;
  if (self->large_text == large_text)
    return;

  self->large_text = large_text;
  apply_large_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LARGE_TEXT]);
}

gboolean
km_a11y_options_get_high_contrast (KmA11yOptions *self)
{
  g_return_val_if_fail (KM_IS_A11Y_OPTIONS (self), FALSE);
  return self->high_contrast;
}

void
km_a11y_options_set_high_contrast (KmA11yOptions *self,
                                   gboolean       high_contrast)
{
  g_return_if_fail (KM_IS_A11Y_OPTIONS (self));

  high_contrast = !!high_contrast;
  if (self->high_contrast == high_contrast)
    return;

  self->high_contrast = high_contrast;
  apply_high_contrast (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGH_CONTRAST]);
}

gboolean
km_a11y_options_get_reduced_motion (KmA11yOptions *self)
{
  g_return_val_if_fail (KM_IS_A11Y_OPTIONS (self), FALSE);
  return self->reduced_motion;
}

void
km_a11y_options_set_reduced_motion (KmA11yOptions *self,
                                    gboolean       reduced_motion)
{
  g_return_if_fail (KM_IS_A11Y_OPTIONS (self));

  reduced_motion = !!reduced_motion;
  if (self->reduced_motion == reduced_motion)
    return;

  self->reduced_motion = reduced_motion;
  apply_reduced_motion (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDUCED_MOTION]);
}

/**
 * km_a11y_options_reset:
 *
 * Turns every option off, for the next visitor: the kiosk's idle reset.
 */
void
km_a11y_options_reset (KmA11yOptions *self)
{
  g_return_if_fail (KM_IS_A11Y_OPTIONS (self));

  km_a11y_options_set_large_text (self, FALSE);
  km_a11y_options_set_high_contrast (self, FALSE);
  km_a11y_options_set_reduced_motion (self, FALSE);
}
