/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-kiosk-attract"

#include "config.h"

#include <glib/gi18n.h>
#include <libintl.h>
#include <string.h>

#include "km-a11y.h"
#include "km-i18n.h"
#include "km-date-format.h"
#include "km-kiosk-attract.h"
#include "km-slideshow.h"
#include "km-timeline-tour.h"

/* The screen an idle kiosk shows: the title, a slow slideshow of exhibits,
 * the timeline tour's highlights and “Touch to begin” in every language.
 * It runs on its own KmSlideshow and KmTimelineTour, on the kiosk's clock,
 * and everything that moves stops with the pause button.
 */
#define SLIDE_SECONDS      12
#define TOUR_MS            15000
#define PROMPT_MS          4000

struct _KmKioskAttract
{
  AdwBin          parent_instance;

  KmContentStore *store;
  KmClock        *clock;
  KmSlideshow    *slideshow;
  KmTimelineTour *tour;
  guint           prompt_timer;
  gboolean        playing;
  char           *exhibit_id;
  char           *entry_id;

  GtkLabel       *title_label;
  GtkStack       *slide_stack;
  GtkWidget      *tour_box;
  GtkLabel       *tour_date_label;
  GtkLabel       *tour_headline_label;
  GtkStack       *prompt_stack;
  GtkButton      *pause_button;
  GtkBox         *language_box;
};

G_DEFINE_FINAL_TYPE (KmKioskAttract, km_kiosk_attract, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PLAYING,
  N_PROPS
};

enum {
  BEGIN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * km_kiosk_dup_touch_to_begin:
 * @first_language: (nullable): the language to put first
 *
 * “Touch to begin” in every language whose catalog translates it, starting
 * with @first_language; a language without a translation is left out
 * rather than shown in English twice.
 *
 * Returns: (transfer full): a %NULL-terminated array
 */
char **
km_kiosk_dup_touch_to_begin (const char *first_language)
{
  /* Translators: on the kiosk's welcome screen, which cycles through the
   * three languages; a touch anywhere (or a key) starts a visit
   */
  static const char *msgid = N_("Touch to begin");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  const KmLanguage *languages;
  guint n_languages;

  languages = km_i18n_get_languages (&n_languages);
  if (km_i18n_lookup_language (first_language) != NULL && strchr (first_language, '@') == NULL)
    g_ptr_array_add (codes, (gpointer) first_language);
  for (guint i = 0; i < n_languages; i++)
    if (strchr (languages[i].code, '@') == NULL && g_strcmp0 (languages[i].code, first_language) != 0)
      g_ptr_array_add (codes, (gpointer) languages[i].code);

  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      g_autofree char *text = km_i18n_dup_translation (msgid, code);

      if (g_str_has_prefix (code, "en") || g_strcmp0 (text, msgid) != 0)
        g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

static void
update_pause_button (KmKioskAttract *self)
{
  gtk_button_set_icon_name (self->pause_button,
                            self->playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->pause_button),
                               self->playing ? _("Pause the Slideshow") : _("Play the Slideshow"));
}

static void
show_slide (KmKioskAttract *self)
{
  g_autoptr(GObject) item = km_slideshow_dup_item (self->slideshow);
  KmExhibit *exhibit;
  GtkWidget *old = gtk_stack_get_visible_child (self->slide_stack);
  GtkWidget *box, *picture, *caption;

  if (item == NULL || !KM_IS_EXHIBIT (item))
    return;
  exhibit = KM_EXHIBIT (item);
  if (g_strcmp0 (self->exhibit_id, km_exhibit_get_id (exhibit)) == 0)
    return;

  g_free (self->exhibit_id);
  self->exhibit_id = g_strdup (km_exhibit_get_id (exhibit));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  picture = gtk_picture_new_for_file (km_exhibit_get_image_file (exhibit));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_picture_set_alternative_text (GTK_PICTURE (picture), km_exhibit_get_alt (exhibit));
  gtk_widget_set_vexpand (picture, TRUE);
  gtk_box_append (GTK_BOX (box), picture);

  caption = gtk_label_new (km_exhibit_get_title (exhibit));
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_justify (GTK_LABEL (caption), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (caption, "km-kiosk-caption");
  gtk_box_append (GTK_BOX (box), caption);

  /* Two pages at most: the one fading out and the new one. A slide lasts
   * far longer than the cross-fade, so older pages are long invisible.
   */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->slide_stack)), *next; child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      if (child != old)
        gtk_stack_remove (self->slide_stack, child);
    }

  gtk_stack_add_child (self->slide_stack, box);
  gtk_stack_set_visible_child (self->slide_stack, box);
}

static void
show_tour_entry (KmKioskAttract *self)
{
  g_autoptr(GObject) item = km_timeline_tour_dup_entry (self->tour);
  KmTimelineEntry *entry;

  gtk_widget_set_visible (self->tour_box, item != NULL);
  if (item == NULL || !KM_IS_TIMELINE_ENTRY (item))
    return;

  entry = KM_TIMELINE_ENTRY (item);
  g_free (self->entry_id);
  self->entry_id = g_strdup (km_timeline_entry_get_id (entry));
  /* Date and headline only: an entry's text, veiled or not, is never shown
   * here unasked.
   */
  {
    g_autofree char *date = km_date_format_entry (entry, NULL);

    gtk_label_set_label (self->tour_date_label, date);
  }
  gtk_label_set_label (self->tour_headline_label, km_timeline_entry_get_headline (entry));
}

static gboolean
on_prompt_timeout_cb (gpointer user_data)
{
  KmKioskAttract *self = user_data;
  GtkWidget *next = gtk_widget_get_next_sibling (gtk_stack_get_visible_child (self->prompt_stack));

  if (next == NULL)
    next = gtk_widget_get_first_child (GTK_WIDGET (self->prompt_stack));
  gtk_stack_set_visible_child (self->prompt_stack, next);

  return G_SOURCE_CONTINUE;
}

static void
build_prompts (KmKioskAttract *self)
{
  g_auto(GStrv) prompts = km_kiosk_dup_touch_to_begin (km_i18n_get_language ());

  for (guint i = 0; prompts[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (prompts[i]);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_stack_add_child (self->prompt_stack, label);
    }
}

static void
begin (KmKioskAttract *self)
{
  g_signal_emit (self, signals[BEGIN], 0);
}

static void
on_language_clicked_cb (GtkButton      *button,
                        KmKioskAttract *self)
{
  const char *code = g_object_get_data (G_OBJECT (button), "language");

  g_object_ref (self);
  gtk_widget_activate_action (GTK_WIDGET (button), "app.language", "s", code);
  begin (self);
  g_object_unref (self);
}

static void
build_language_buttons (KmKioskAttract *self)
{
  const KmLanguage *languages;
  guint n_languages;

  languages = km_i18n_get_languages (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    {
      GtkWidget *button;

      /* The pseudo-language is for translators only. */
      if (strchr (languages[i].code, '@') != NULL)
        continue;

      button = gtk_button_new_with_label (languages[i].native_name);
      g_object_set_data (G_OBJECT (button), "language", (gpointer) languages[i].code);
      gtk_widget_add_css_class (button, "pill");
      if (g_strcmp0 (languages[i].code, km_i18n_get_language ()) == 0)
        gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_language_clicked_cb), self, 0);
      gtk_box_append (self->language_box, button);
    }
}

static gboolean
on_key_pressed_cb (KmKioskAttract        *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  /* Modifiers alone, and Tab to reach the pause button, do not begin. */
  switch (keyval)
    {
    case GDK_KEY_Shift_L: case GDK_KEY_Shift_R:
    case GDK_KEY_Control_L: case GDK_KEY_Control_R:
    case GDK_KEY_Alt_L: case GDK_KEY_Alt_R:
    case GDK_KEY_Super_L: case GDK_KEY_Super_R:
    case GDK_KEY_Tab: case GDK_KEY_ISO_Left_Tab:
      return GDK_EVENT_PROPAGATE;
    default:
      break;
    }

  if (gtk_widget_has_focus (GTK_WIDGET (self->pause_button)) &&
      (keyval == GDK_KEY_space || keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter))
    return GDK_EVENT_PROPAGATE;

  begin (self);
  return GDK_EVENT_STOP;
}

static void
on_click_released_cb (KmKioskAttract  *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  begin (self);
}

static void
on_pause_clicked_cb (KmKioskAttract *self)
{
  km_kiosk_attract_set_playing (self, !self->playing);
}

static void
km_kiosk_attract_dispose (GObject *object)
{
  KmKioskAttract *self = KM_KIOSK_ATTRACT (object);

  if (self->prompt_timer != 0)
    km_clock_remove (self->clock, self->prompt_timer);
  self->prompt_timer = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), KM_TYPE_KIOSK_ATTRACT);

  g_clear_object (&self->slideshow);
  g_clear_object (&self->tour);
  g_clear_object (&self->store);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (km_kiosk_attract_parent_class)->dispose (object);
}

static void
km_kiosk_attract_finalize (GObject *object)
{
  KmKioskAttract *self = KM_KIOSK_ATTRACT (object);

  g_free (self->exhibit_id);
  g_free (self->entry_id);

  G_OBJECT_CLASS (km_kiosk_attract_parent_class)->finalize (object);
}

static void
km_kiosk_attract_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KmKioskAttract *self = KM_KIOSK_ATTRACT (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_kiosk_attract_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KmKioskAttract *self = KM_KIOSK_ATTRACT (object);

  switch (prop_id)
    {
    case PROP_PLAYING:
      km_kiosk_attract_set_playing (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
km_kiosk_attract_class_init (KmKioskAttractClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_kiosk_attract_dispose;
  object_class->finalize = km_kiosk_attract_finalize;
  object_class->get_property = km_kiosk_attract_get_property;
  object_class->set_property = km_kiosk_attract_set_property;

  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KmKioskAttract::begin:
   *
   * A visitor touched the screen or pressed a key.
   */
  signals[BEGIN] =
    g_signal_new ("begin",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-kiosk-attract.ui");
  gtk_widget_class_bind_template_child (widget_class, KmKioskAttract, title_label);
  gtk_widget_class_bind_template_child (widget_class, KmKioskAttract, slide_stack);
  gtk_widget_class_bind_template_child (widget_class, KmKioskAttract, tour_box);
  gtk_widget_class_bind_template_child (widget_class, KmKioskAttract, tour_date_label);
  gtk_widget_class_bind_template_child (widget_class, KmKioskAttract, tour_headline_label);
  gtk_widget_class_bind_template_child (widget_class, KmKioskAttract, prompt_stack);
  gtk_widget_class_bind_template_child (widget_class, KmKioskAttract, pause_button);
  gtk_widget_class_bind_template_child (widget_class, KmKioskAttract, language_box);
  gtk_widget_class_bind_template_callback (widget_class, on_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_click_released_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_pause_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "kmkioskattract");
}

static void
km_kiosk_attract_init (KmKioskAttract *self)
{
  self->playing = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_label_set_label (self->title_label, _("Khojaly Memorial"));
  km_a11y_name_from_tooltip (GTK_WIDGET (self->pause_button));
  update_pause_button (self);
}

/**
 * km_kiosk_attract_new:
 * @clock: (nullable): drives the slideshow, the tour and the prompts
 */
GtkWidget *
km_kiosk_attract_new (KmContentStore *store,
                      KmClock        *clock)
{
  KmKioskAttract *self;

  g_return_val_if_fail (KM_IS_CONTENT_STORE (store), NULL);
  g_return_val_if_fail (clock == NULL || KM_IS_CLOCK (clock), NULL);

  self = g_object_new (KM_TYPE_KIOSK_ATTRACT, NULL);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock != NULL ? clock : km_clock_get_default ());

  self->slideshow = km_slideshow_new (km_content_store_get_exhibits (store), self->clock);
  km_slideshow_set_interval (self->slideshow, SLIDE_SECONDS);
  g_signal_connect_object (self->slideshow, "notify::position", G_CALLBACK (show_slide), self, G_CONNECT_SWAPPED);

  self->tour = km_timeline_tour_new (km_content_store_get_entries (store), self->clock);
  km_timeline_tour_set_duration (self->tour, TOUR_MS);
  g_signal_connect_object (self->tour, "notify::position", G_CALLBACK (show_tour_entry), self, G_CONNECT_SWAPPED);

  build_prompts (self);
  build_language_buttons (self);
  show_slide (self);
  show_tour_entry (self);

  self->playing = FALSE;
  km_kiosk_attract_set_playing (self, TRUE);

  return GTK_WIDGET (self);
}

gboolean
km_kiosk_attract_get_playing (KmKioskAttract *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_ATTRACT (self), FALSE);

  return self->playing;
}

void
km_kiosk_attract_set_playing (KmKioskAttract *self,
                              gboolean        playing)
{
  g_return_if_fail (KM_IS_KIOSK_ATTRACT (self));

  playing = !!playing;
  if (self->playing == playing)
    return;

  self->playing = playing;
  km_slideshow_set_playing (self->slideshow, playing);
  km_timeline_tour_set_playing (self->tour, playing);

  if (playing && self->prompt_timer == 0 && km_kiosk_attract_get_n_prompts (self) > 1)
    self->prompt_timer = km_clock_add_timeout (self->clock, PROMPT_MS, on_prompt_timeout_cb, self, NULL);
  else if (!playing && self->prompt_timer != 0)
    {
      km_clock_remove (self->clock, self->prompt_timer);
      self->prompt_timer = 0;
    }

  update_pause_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

guint
km_kiosk_attract_get_n_prompts (KmKioskAttract *self)
{
  guint n = 0;

  g_return_val_if_fail (KM_IS_KIOSK_ATTRACT (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->prompt_stack));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

const char *
km_kiosk_attract_get_prompt (KmKioskAttract *self)
{
  GtkWidget *child;

  g_return_val_if_fail (KM_IS_KIOSK_ATTRACT (self), NULL);

  child = gtk_stack_get_visible_child (self->prompt_stack);
  return child != NULL ? gtk_label_get_label (GTK_LABEL (child)) : NULL;
}

const char *
km_kiosk_attract_get_exhibit_id (KmKioskAttract *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_ATTRACT (self), NULL);

  return self->exhibit_id;
}

const char *
km_kiosk_attract_get_entry_id (KmKioskAttract *self)
{
  g_return_val_if_fail (KM_IS_KIOSK_ATTRACT (self), NULL);

  return self->entry_id;
}
