/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "km-content-error.h"
#include "km-context.h"
#include "km-gallery-view.h"
#include "km-i18n.h"
#include "km-outside-text.h"
#include "km-statistics-view.h"
#include "km-timeline-view.h"
#include "km-view.h"
#include "km-window.h"
#include "km-display.h"

struct _KmWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkLabel             *unsigned_badge;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *language_button;
  GtkMenuButton        *menu_button;
  GtkRevealer          *content_banner;
  GtkLabel             *content_banner_label;
  GtkButton            *content_banner_button;
  GtkWidget            *content_banner_scroller;
  GtkLabel             *content_banner_errors;
  AdwViewStack         *stack;

  /* One page per view. A view is built when it is first shown and dropped
   * on a language switch or a kiosk reset while hidden, so only what the
   * visitor looks at costs time and memory.
   */
  AdwBin               *pages[3];
  GVariant             *pending_state[3];

  KmContext            *context;
  GFile                *preview_dir;   /* --preview: the pack being edited */
};

G_DEFINE_FINAL_TYPE (KmWindow, km_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  VIEW_CREATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* In the order of km_window_view_names. */
typedef struct
{
  const char *title;
  const char *icon_name;
  GType     (*get_type) (void);
} ViewInfo;

static const ViewInfo views[] = {
  { NC_("view name", "Gallery"), "image-x-generic-symbolic", km_gallery_view_get_type },
  { NC_("view name", "Timeline"), "x-office-calendar-symbolic", km_timeline_view_get_type },
  { NC_("view name", "Statistics"), "view-list-symbolic", km_statistics_view_get_type },
};

G_STATIC_ASSERT (G_N_ELEMENTS (views) == G_N_ELEMENTS (((KmWindow *) NULL)->pages));

/* The views' names, in the order of views[], for win.show-view and --view. */
const char * const km_window_view_names[] = { "gallery", "timeline", "statistics", NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (km_window_view_names) == G_N_ELEMENTS (views) + 1);

static const ViewInfo *
lookup_view (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (g_strcmp0 (km_window_view_names[i], name) == 0)
      return &views[i];
  return NULL;
}

static KmContext *
get_context (KmWindow *self)
{
  return self->context;
}

/* The status endpoint reports the visible view; it does not look at windows. */
static void
update_status_view (KmWindow *self)
{
  KmStatusServer *status_server;

  if (self->context == NULL)
    return;

  status_server = km_context_get_status_server (get_context (self));
  if (status_server != NULL)
    km_status_server_set_view (status_server, adw_view_stack_get_visible_child_name (self->stack));
}

static void
update_title (KmWindow *self)
{
  const ViewInfo *info = lookup_view (adw_view_stack_get_visible_child_name (self->stack));
  g_autofree char *title = NULL;

  if (info != NULL)
    /* Translators: the window title; %s is the name of the open view, e.g. “Gallery” */
    title = g_strdup_printf (_("%s – Khojaly Memorial"), g_dpgettext2 (NULL, "view name", info->title));
  else
    title = g_strdup (_("Khojaly Memorial"));

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_view_switcher_title_set_title (self->switcher_title, _("Khojaly Memorial"));
  /* The new title's tooltip (bound in the .ui) switched the tooltip on;
   * it belongs only to the narrow header that shows the title. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->switcher_title),
                              adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static GMenuModel *
create_language_menu (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  const KmLanguage *languages;
  guint n_languages;

  languages = km_i18n_get_languages (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      /* The pseudo-language is for translators, reached with --language. */
      if (strchr (languages[i].code, '@') != NULL)
        continue;

      /* Names stay in their own language so every visitor finds theirs. */
      item = g_menu_item_new (languages[i].native_name, NULL);
      g_menu_item_set_action_and_target (item, "app.language", "s", languages[i].code);
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static GMenuModel *
create_primary_menu (void)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuModel) languages = create_language_menu ();

  g_menu_append_submenu (menu, _("_Language"), languages);
  g_menu_append (section, _("_Preferences"), "app.preferences");
  g_menu_append (section, _("_Keyboard Shortcuts"), "app.shortcuts");
  g_menu_append (section, _("_About Khojaly Memorial"), "app.about");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* Whether the store shows the pack being previewed (not the bundled
 * exhibition it fell back to when the first load failed). */
static gboolean
showing_preview_pack (KmWindow *self)
{
  GFile *shown = km_content_store_get_base_dir (km_context_get_store (get_context (self)));

  return self->preview_dir != NULL && shown != NULL && g_file_equal (shown, self->preview_dir);
}

/* In a preview every error is listed in the banner, as FILE:LINE: message. */
static void
update_banner_errors (KmWindow  *self,
                      GPtrArray *errors)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      g_autofree char *line = km_content_error_to_string (g_ptr_array_index (errors, i));
      g_autofree char *plain = km_outside_text_plain (line, -1);

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, plain);
    }

  gtk_label_set_text (self->content_banner_errors, text->str);
  /* A vertical scrollbar makes the list at least its own height, empty
   * lines under one error: it scrolls only when the list is long. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->content_banner_scroller), GTK_POLICY_AUTOMATIC,
                                  errors != NULL && errors->len > 8 ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
  gtk_widget_set_visible (self->content_banner_scroller, self->preview_dir != NULL && text->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->content_banner_button), self->preview_dir == NULL);
}

static void
update_content_banner (KmWindow *self)
{
  GPtrArray *errors = km_context_get_content_errors (get_context (self));
  g_autofree char *message = NULL;

  gtk_button_set_label (self->content_banner_button, _("Show Errors"));
  update_banner_errors (self, errors);
  if (errors == NULL || errors->len == 0)
    {
      gtk_revealer_set_reveal_child (self->content_banner, FALSE);
      return;
    }

  if (showing_preview_pack (self))
    /* Translators: in the preview of a content pack a curator is editing */
    message = g_strdup_printf (ngettext ("The saved pack has %u error. The window shows the last version that "
                                         "loaded until the next save without errors.",
                                         "The saved pack has %u errors. The window shows the last version that "
                                         "loaded until the next save without errors.",
                                         errors->len),
                               errors->len);
  else
    message = g_strdup_printf (ngettext ("The chosen content pack has %u error; the bundled exhibition is shown instead.",
                                         "The chosen content pack has %u errors; the bundled exhibition is shown instead.",
                                         errors->len),
                               errors->len);
  gtk_label_set_text (self->content_banner_label, message);
  gtk_revealer_set_reveal_child (self->content_banner, TRUE);
}

/* GTK 4.8 leaks the sections of a menu model a GtkPopoverMenu was built
 * from (about 4 KB a menu, #10), and every language switch needs the main
 * menu in the new language: menus are therefore built when they are first
 * opened, which a kiosk, where the buttons are hidden, never does. That
 * also keeps their popovers out of the window's first frame.
 */
static void
create_menu_popup (GtkMenuButton *button,
                   gpointer       user_data)
{
  GMenuModel *(*create_menu) (void) = user_data;
  g_autoptr(GMenuModel) menu = NULL;

  if (gtk_menu_button_get_menu_model (button) != NULL)
    return;

  menu = create_menu ();
  gtk_menu_button_set_menu_model (button, menu);
}

/* Not a notice that goes away: the mark stays while the pack is shown. */
static void
update_unsigned_badge (KmWindow *self)
{
  gboolean shown = self->context != NULL && km_context_get_content_unsigned (self->context);

  gtk_widget_set_visible (GTK_WIDGET (self->unsigned_badge), shown);
  /* Translators: a mark in the window's header bar while an unsigned
   * content pack (one no trusted key signed) is shown */
  gtk_label_set_label (self->unsigned_badge, C_("content pack", "Unsigned"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->unsigned_badge),
                               _("This content pack is not signed by a trusted key. A kiosk would refuse it."));
}

/* Strings set from code, so that a language switch can set them again. */
static void
translate_chrome (KmWindow *self)
{
  /* Built again, in the new language, when it is next opened. */
  if (gtk_menu_button_get_menu_model (self->menu_button) != NULL)
    gtk_menu_button_set_menu_model (self->menu_button, NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), _("Main Menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Main Menu"), -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->language_button), _("Language"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->language_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Language"), -1);
  update_content_banner (self);
  update_unsigned_badge (self);
  update_title (self);
}

static void
create_pages (KmWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      AdwViewStackPage *page;

      self->pages[i] = ADW_BIN (adw_bin_new ());
      page = adw_view_stack_add_titled (self->stack, GTK_WIDGET (self->pages[i]), km_window_view_names[i],
                                        g_dpgettext2 (NULL, "view name", views[i].title));
      adw_view_stack_page_set_icon_name (page, views[i].icon_name);
    }
}

static void
translate_page_titles (KmWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    adw_view_stack_page_set_title (adw_view_stack_get_page (self->stack, GTK_WIDGET (self->pages[i])),
                                   g_dpgettext2 (NULL, "view name", views[i].title));
}

static GtkWidget *
ensure_view (KmWindow *self,
             guint     index)
{
  GtkWidget *view = adw_bin_get_child (self->pages[index]);

  if (view != NULL)
    return view;

  view = g_object_new (views[index].get_type (),
                       "context", get_context (self),
                       NULL);
  km_view_restore_state (KM_VIEW (view), self->pending_state[index]);
  g_clear_pointer (&self->pending_state[index], g_variant_unref);
  adw_bin_set_child (self->pages[index], view);
  g_signal_emit (self, signals[VIEW_CREATED], 0, view);

  return view;
}

static int
visible_index (KmWindow *self)
{
  const ViewInfo *info = lookup_view (adw_view_stack_get_visible_child_name (self->stack));

  return info != NULL ? (int) (info - views) : -1;
}

/* GtkBuilder translates a template once, when it is built; a new language
 * therefore needs new views. Each hands over its position first; the
 * visible one is built again at once, the others when they are shown.
 */
static void
drop_views (KmWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *old = adw_bin_get_child (self->pages[i]);
      GVariant *state;

      if (old == NULL)
        continue;

      state = km_view_save_state (KM_VIEW (old));
      g_clear_pointer (&self->pending_state[i], g_variant_unref);
      if (state != NULL)
        self->pending_state[i] = g_variant_ref_sink (state);
      adw_bin_set_child (self->pages[i], NULL);
    }
}

static void
rebuild_views (KmWindow *self)
{
  int visible = visible_index (self);

  drop_views (self);
  translate_page_titles (self);
  if (visible >= 0)
    ensure_view (self, visible);
}

static void
on_stack_visible_child_name_cb (KmWindow *self)
{
  int visible = visible_index (self);

  if (visible >= 0)
    ensure_view (self, visible);
  update_title (self);
  update_status_view (self);
  /* For the visit figures, during a visit. */
  if (self->context != NULL)
    km_context_note_opened (get_context (self), KM_VISIT_OPEN_VIEW,
                            adw_view_stack_get_visible_child_name (self->stack));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  km_window_show_view (KM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Links between views: an exhibit to its timeline entries and back. */
static void
show_exhibit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KmWindow *self = KM_WINDOW (widget);

  km_window_show_view (self, "gallery");
  km_gallery_view_open_exhibit (KM_GALLERY_VIEW (km_window_get_view (self, "gallery")),
                                g_variant_get_string (parameter, NULL));
}

static void
show_entry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KmWindow *self = KM_WINDOW (widget);

  km_window_show_view (self, "timeline");
  km_timeline_view_select_entry (KM_TIMELINE_VIEW (km_window_get_view (self, "timeline")),
                                 g_variant_get_string (parameter, NULL));
}

static void
show_content_errors_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  KmWindow *self = KM_WINDOW (widget);
  GPtrArray *errors = km_context_get_content_errors (get_context (self));
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *dialog;

  if (errors == NULL)
    return;

  for (guint i = 0; i < errors->len && i < 50; i++)
    {
      g_autofree char *line = km_content_error_to_string (g_ptr_array_index (errors, i));
      g_string_append_printf (text, "%s\n", line);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Errors in the Content Pack"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), text->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_window_state (KmWindow *self)
{
  GSettings *settings = km_context_get_settings (get_context (self));
  int width, height;

  if (km_context_get_kiosk (get_context (self)))
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
}

static gboolean
km_window_close_request (GtkWindow *window)
{
  save_window_state (KM_WINDOW (window));

  return GTK_WINDOW_CLASS (km_window_parent_class)->close_request (window);
}

/* KmContext:language: the views are built again in the new language
 * (GtkBuilder translates a template once) and the window's own strings
 * set again. */
static void
on_language_cb (KmWindow *self)
{
  rebuild_views (self);
  translate_chrome (self);
}

/* Once the window has its context and application (GtkWindow:application
 * is not a construct property).
 */
static void
setup_window (KmWindow   *self,
              const char *initial_view)
{
  KmContext *context = self->context;
  GSettings *settings = km_context_get_settings (context);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  km_window_show_view (self, initial_view != NULL ? initial_view : "gallery");
  /* The stack showed its first page before the window had an application,
   * so nothing was built for it yet.
   */
  ensure_view (self, visible_index (self));
  translate_chrome (self);

  if (km_context_get_kiosk (context))
    {
      /* No window controls or main menu (about, shortcuts) on a kiosk;
       * the application attaches the kiosk controller. */
      adw_header_bar_set_show_start_title_buttons (self->header_bar, FALSE);
      adw_header_bar_set_show_end_title_buttons (self->header_bar, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->menu_button), FALSE);
      /* No text selection on a kiosk's touch screen. */
      gtk_label_set_selectable (self->content_banner_errors, FALSE);
    }

  g_signal_connect_object (context, "notify::status-server",
                           G_CALLBACK (update_status_view), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::language",
                           G_CALLBACK (on_language_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::is-active",
                           G_CALLBACK (update_status_view), self, G_CONNECT_SWAPPED);
  update_status_view (self);
}

static void
km_window_dispose (GObject *object)
{
  KmWindow *self = KM_WINDOW (object);

  /* The stack announces its last page going away while it is torn down. */
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), KM_TYPE_WINDOW);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    g_clear_pointer (&self->pending_state[i], g_variant_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->preview_dir);

  G_OBJECT_CLASS (km_window_parent_class)->dispose (object);
}

/* HACK: a realized GtkScrolledWindow of GTK 4.8 connects to GtkSettings
 * ::notify::gtk-overlay-scrolling, and unrealized disconnects a different
 * callback: each realize leaves a handler behind on the settings, pointing
 * at the scrolled window even once it is gone. Views are built again on
 * every language switch and kiosk reset, about ten a kiosk cycle (#10).
 * Remove the scrolled window's handlers when it is unrealized.
 */
static gboolean
on_unrealize_emission_cb (GSignalInvocationHint *hint,
                          guint                  n_values,
                          const GValue          *values,
                          gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);

  if (GTK_IS_SCROLLED_WINDOW (object))
    g_signal_handlers_disconnect_matched (gtk_widget_get_settings (GTK_WIDGET (object)),
                                          G_SIGNAL_MATCH_ID | G_SIGNAL_MATCH_DETAIL | G_SIGNAL_MATCH_DATA,
                                          g_signal_lookup ("notify", G_TYPE_OBJECT),
                                          g_quark_from_static_string ("gtk-overlay-scrolling"),
                                          NULL, NULL, object);

  return TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkNative     *native)
{
  km_display_keep_upload_memory (native);
}

/* See km_display_keep_upload_memory(): after each paint, because the
 * window has its size only then.
 */
static void
km_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (km_window_parent_class)->map (widget);
  g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                           G_CALLBACK (after_paint_cb), widget, 0);
}

static void
km_window_unmap (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (widget), after_paint_cb, widget);
  GTK_WIDGET_CLASS (km_window_parent_class)->unmap (widget);
}

static void
km_window_class_init (KmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = km_window_dispose;
  window_class->close_request = km_window_close_request;
  widget_class->map = km_window_map;
  widget_class->unmap = km_window_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/km-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KmWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KmWindow, unsigned_badge);
  gtk_widget_class_bind_template_child (widget_class, KmWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, KmWindow, language_button);
  gtk_widget_class_bind_template_child (widget_class, KmWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, KmWindow, content_banner);
  gtk_widget_class_bind_template_child (widget_class, KmWindow, content_banner_label);
  gtk_widget_class_bind_template_child (widget_class, KmWindow, content_banner_button);
  gtk_widget_class_bind_template_child (widget_class, KmWindow, content_banner_scroller);
  gtk_widget_class_bind_template_child (widget_class, KmWindow, content_banner_errors);
  gtk_widget_class_bind_template_child (widget_class, KmWindow, stack);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-content-errors", NULL, show_content_errors_action);
  gtk_widget_class_install_action (widget_class, "win.show-exhibit", "s", show_exhibit_action);
  gtk_widget_class_install_action (widget_class, "win.show-entry", "s", show_entry_action);

  /**
   * KmWindow::view-created:
   * @view: the new #KmView
   *
   * A view was built: on first showing, or after a language switch.
   */
  signals[VIEW_CREATED] =
    g_signal_new ("view-created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GTK_TYPE_WIDGET);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.show-view", "s", km_window_view_names[i]);

  g_signal_add_emission_hook (g_signal_lookup ("unrealize", GTK_TYPE_WIDGET), 0,
                              on_unrealize_emission_cb, NULL, NULL);
}

static void
km_window_init (KmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  create_pages (self);

  /* Every language is named in its own: that menu never changes. */
  gtk_menu_button_set_create_popup_func (self->language_button, create_menu_popup, create_language_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu_popup, create_primary_menu, NULL);

  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (on_stack_visible_child_name_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * km_window_new:
 * @application: the application the window belongs to
 * @context: what the window hands its views
 * @initial_view: (nullable): the view to show first; %NULL for the gallery
 *
 * Returns: (transfer none): a new window, owned by @application
 */
KmWindow *
km_window_new (GtkApplication *application,
               KmContext      *context,
               const char     *initial_view)
{
  KmWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KM_IS_CONTEXT (context), NULL);

  self = g_object_new (KM_TYPE_WINDOW, "application", application, NULL);
  self->context = g_object_ref (context);

  setup_window (self, initial_view);

  return self;
}

void
km_window_show_view (KmWindow   *self,
                     const char *name)
{
  g_return_if_fail (KM_IS_WINDOW (self));

  if (lookup_view (name) == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
km_window_get_visible_view (KmWindow *self)
{
  g_return_val_if_fail (KM_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * km_window_get_view:
 *
 * Returns: (transfer none) (nullable): the view called @name, built now
 *   if it has not been shown yet
 */
GtkWidget *
km_window_get_view (KmWindow   *self,
                    const char *name)
{
  const ViewInfo *info;

  g_return_val_if_fail (KM_IS_WINDOW (self), NULL);

  info = lookup_view (name);
  return info != NULL ? ensure_view (self, info - views) : NULL;
}

/**
 * km_window_peek_view:
 *
 * Returns: (transfer none) (nullable): the view called @name if it is
 *   built, without building it
 */
GtkWidget *
km_window_peek_view (KmWindow   *self,
                     const char *name)
{
  const ViewInfo *info;

  g_return_val_if_fail (KM_IS_WINDOW (self), NULL);

  info = lookup_view (name);
  return info != NULL ? adw_bin_get_child (self->pages[info - views]) : NULL;
}

/**
 * km_window_reset_views:
 *
 * Sends every view back to its start for the next visitor: the visible
 * view is reset in place, hidden ones are dropped with any position they
 * were keeping, to be built afresh when shown.
 */
void
km_window_reset_views (KmWindow *self)
{
  int visible;

  g_return_if_fail (KM_IS_WINDOW (self));

  visible = visible_index (self);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *view = adw_bin_get_child (self->pages[i]);

      g_clear_pointer (&self->pending_state[i], g_variant_unref);
      if (view == NULL)
        continue;
      if ((int) i == visible)
        km_view_reset (KM_VIEW (view));
      else
        adw_bin_set_child (self->pages[i], NULL);
    }
}

/**
 * km_window_set_preview_dir:
 * @dir: (nullable): the pack a curator previews (--preview), or %NULL
 *
 * In a preview the banner lists every error of the pack, and says that
 * the last version that loaded stays on screen.
 */
void
km_window_set_preview_dir (KmWindow *self,
                           GFile    *dir)
{
  g_return_if_fail (KM_IS_WINDOW (self));

  g_set_object (&self->preview_dir, dir);
  update_content_banner (self);
}

/**
 * km_window_content_reloading:
 *
 * Call before the application loads the content again (a preview's
 * save): the views hand over their place and go, so that they do not
 * follow the store's lists item by item only to be replaced (that was a
 * fifth of a reload). km_window_content_reloaded() builds them again.
 */
void
km_window_content_reloading (KmWindow *self)
{
  g_return_if_fail (KM_IS_WINDOW (self));

  drop_views (self);
}

/**
 * km_window_content_reloaded:
 * @loaded: whether the store now shows new content
 *
 * After km_window_content_reloading() and the load: the visible view is
 * built again at the place it was (view, open exhibit, timeline entry,
 * filters), as on a language switch, on the new content or, if the load
 * failed, on the content the store kept; the banner follows the context's
 * content errors.
 */
void
km_window_content_reloaded (KmWindow *self,
                            gboolean  loaded)
{
  int visible;

  g_return_if_fail (KM_IS_WINDOW (self));

  visible = visible_index (self);
  if (visible >= 0)
    ensure_view (self, visible);
  update_content_banner (self);
}

/* An AdwToast title is Pango markup (libadwaita 1.2), and messages quote
 * file names, error messages and pack text. */
static AdwToast *
new_plain_toast (const char *message)
{
  g_autofree char *plain = km_outside_text_plain (message, -1);
  g_autofree char *escaped = g_markup_escape_text (plain, -1);

  return adw_toast_new (escaped);
}

/**
 * km_window_add_toast:
 * @message: plain text, not markup
 */
void
km_window_add_toast (KmWindow   *self,
                     const char *message)
{
  g_return_if_fail (KM_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, new_plain_toast (message));
}

gboolean
km_window_get_showing_content_errors (KmWindow *self)
{
  g_return_val_if_fail (KM_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->content_banner);
}

/* A toast with a button that activates @action_name, such as "Reload". */
void
km_window_add_toast_with_action (KmWindow   *self,
                                 const char *message,
                                 const char *button_label,
                                 const char *action_name)
{
  AdwToast *toast;

  g_return_if_fail (KM_IS_WINDOW (self));

  toast = new_plain_toast (message);
  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, action_name);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
