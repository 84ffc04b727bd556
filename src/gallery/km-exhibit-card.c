/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-exhibit-card"

#include "config.h"

#include <glib/gi18n.h>

#include "km-exhibit-card.h"
#include "km-outside-text.h"
#include "km-surface-paintable.h"

/* One cell of the gallery grid: the thumbnail, the title and the kind.
 * Cells are recycled while scrolling, so everything hangs off
 * km_exhibit_card_set_exhibit() and an unfinished decode is cancelled
 * when the cell moves on to another exhibit.
 */
struct _KmExhibitCard
{
  GtkWidget          parent_instance;

  KmThumbnailLoader *loader;
  KmExhibit         *exhibit;
  GCancellable      *cancellable;

  GtkWidget         *frame;
  GtkWidget         *picture;
  GtkWidget         *advisory_badge;
  GtkWidget         *title_label;
  GtkWidget         *kind_label;
  int                scale;
};

G_DEFINE_FINAL_TYPE (KmExhibitCard, km_exhibit_card, GTK_TYPE_WIDGET)

/* The advisory thumbnail is blurred, once, by the loader: the image itself
 * waits behind the viewer's veil until the visitor chooses to see it.
 */
#define ADVISORY_BLUR_RADIUS 14.0

/**
 * km_exhibit_kind_to_label:
 *
 * Returns: (transfer none): the kind as a visitor reads it, translated
 */
const char *
km_exhibit_kind_to_label (KmExhibitKind kind)
{
  switch (kind)
    {
    case KM_EXHIBIT_KIND_POSTER:
      return C_("exhibit kind", "Poster illustration");
    case KM_EXHIBIT_KIND_DOCUMENT:
      return C_("exhibit kind", "Document illustration");
    case KM_EXHIBIT_KIND_PHOTOGRAPH:
      return C_("exhibit kind", "Photograph");
    case KM_EXHIBIT_KIND_VIDEO:
      return C_("exhibit kind", "Video");
    case KM_EXHIBIT_KIND_AUDIO:
      return C_("exhibit kind", "Sound recording");
    case KM_EXHIBIT_KIND_ILLUSTRATION:
    default:
      return C_("exhibit kind", "Illustration");
    }
}

static gboolean
is_veiled (KmExhibitCard *self)
{
  return self->exhibit != NULL && km_exhibit_get_advisory (self->exhibit) != NULL;
}

static void
show_texture (KmExhibitCard *self,
              GdkTexture    *texture)
{
  g_autoptr(GdkPaintable) paintable = NULL;

  if (texture != NULL)
    paintable = km_paintable_for_widget (GTK_WIDGET (self), texture);
  gtk_picture_set_paintable (GTK_PICTURE (self->picture), paintable);
}

/* Built for the first exhibit with an advisory: most cards never need it,
 * and a screenful of cards is built before the gallery's first frame.
 */
static void
show_advisory_badge (KmExhibitCard *self,
                     gboolean       visible)
{
  GtkWidget *icon, *label;

  if (self->advisory_badge == NULL)
    {
      if (!visible)
        return;

      icon = gtk_image_new_from_icon_name ("view-conceal-symbolic");
      label = gtk_label_new (_("Content advisory"));
      self->advisory_badge = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_add_css_class (self->advisory_badge, "advisory-badge");
      gtk_widget_set_halign (self->advisory_badge, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (self->advisory_badge, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (self->advisory_badge), icon);
      gtk_box_append (GTK_BOX (self->advisory_badge), label);
      gtk_overlay_add_overlay (GTK_OVERLAY (self->frame), self->advisory_badge);
    }

  gtk_widget_set_visible (self->advisory_badge, visible);
}

static void
cancel_load (KmExhibitCard *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
on_thumbnail_loaded_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = km_thumbnail_loader_load_finish (KM_THUMBNAIL_LOADER (source), result, &error);
  KmExhibitCard *self;

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* It quotes the pack's file name. */
          g_autofree char *reason = km_outside_text_plain (error->message, -1);

          g_message ("Could not make a thumbnail: %s", reason);
        }
      return;
    }

  /* Not cancelled, so the card still shows the same exhibit. */
  self = KM_EXHIBIT_CARD (user_data);
  show_texture (self, texture);
  g_clear_object (&self->cancellable);
}

static void
load_thumbnail (KmExhibitCard *self)
{
  g_autoptr(GdkTexture) cached = NULL;
  GFile *file;
  int width, height, blur;

  cancel_load (self);

  if (self->exhibit == NULL || (file = km_exhibit_get_card_file (self->exhibit)) == NULL)
    {
      gtk_picture_set_paintable (GTK_PICTURE (self->picture), NULL);
      return;
    }

  self->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  width = KM_EXHIBIT_CARD_THUMB_WIDTH * self->scale;
  height = KM_EXHIBIT_CARD_THUMB_HEIGHT * self->scale;
  blur = is_veiled (self) ? (int) (ADVISORY_BLUR_RADIUS * self->scale) : 0;

  /* Scrolling back shows cached thumbnails at once, without a flash. */
  if ((cached = km_thumbnail_loader_lookup (self->loader, file, width, height, blur)) != NULL)
    {
      show_texture (self, cached);
      return;
    }

  /* Not the previous exhibit's picture while this one decodes. */
  gtk_picture_set_paintable (GTK_PICTURE (self->picture), NULL);

  /* A cell the grid keeps off screen (GTK 4.8 keeps some 30 rows) decodes
   * when it is shown (map), not before: the one decoder would otherwise
   * work through a hundred of them in bind order, and the screen a scroll
   * stops on would wait behind them (#19).
   */
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->cancellable = g_cancellable_new ();
  km_thumbnail_loader_load_async (self->loader, file, width, height, blur, self->cancellable,
                                  on_thumbnail_loaded_cb, self);
}

/* The caption is asked for when a tooltip is about to show: setting the
 * tooltip text on every bind queries the pointer from the display server,
 * a round trip per cell while the grid scrolls.
 */
static gboolean
on_query_tooltip_cb (KmExhibitCard *self,
                     int            x,
                     int            y,
                     gboolean       keyboard_mode,
                     GtkTooltip    *tooltip)
{
  const char *caption = self->exhibit != NULL ? km_exhibit_get_caption (self->exhibit) : NULL;

  if (caption == NULL || *caption == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, caption);
  return TRUE;
}

static void
km_exhibit_card_map (GtkWidget *widget)
{
  KmExhibitCard *self = KM_EXHIBIT_CARD (widget);

  GTK_WIDGET_CLASS (km_exhibit_card_parent_class)->map (widget);

  if (self->exhibit != NULL && self->cancellable == NULL && !km_exhibit_card_get_has_thumbnail (self))
    load_thumbnail (self);
}

/* Scrolled off screen: its decode gives way to those of the cells shown. */
static void
km_exhibit_card_unmap (GtkWidget *widget)
{
  cancel_load (KM_EXHIBIT_CARD (widget));

  GTK_WIDGET_CLASS (km_exhibit_card_parent_class)->unmap (widget);
}

static void
on_scale_factor_changed_cb (KmExhibitCard *self)
{
  if (self->exhibit != NULL && gtk_widget_get_scale_factor (GTK_WIDGET (self)) != self->scale)
    load_thumbnail (self);
}

static void
km_exhibit_card_dispose (GObject *object)
{
  KmExhibitCard *self = KM_EXHIBIT_CARD (object);
  GtkWidget *child;

  cancel_load (self);
  g_clear_object (&self->exhibit);
  g_clear_object (&self->loader);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (km_exhibit_card_parent_class)->dispose (object);
}

static void
km_exhibit_card_class_init (KmExhibitCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = km_exhibit_card_dispose;
  widget_class->map = km_exhibit_card_map;
  widget_class->unmap = km_exhibit_card_unmap;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "km-exhibit-card");
  /* Read as one image: its title, then its alt text. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
km_exhibit_card_init (KmExhibitCard *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  GtkWidget *overlay;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  overlay = gtk_overlay_new ();
  self->frame = overlay;
  gtk_widget_add_css_class (overlay, "thumbnail");
  gtk_widget_set_halign (overlay, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (overlay, KM_EXHIBIT_CARD_THUMB_WIDTH, KM_EXHIBIT_CARD_THUMB_HEIGHT);
  gtk_widget_set_parent (overlay, GTK_WIDGET (self));

  self->picture = g_object_new (GTK_TYPE_PICTURE,
                                "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                "can-shrink", TRUE,
                                "content-fit", GTK_CONTENT_FIT_CONTAIN,
                                NULL);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), self->picture);

  self->title_label = g_object_new (GTK_TYPE_LABEL,
                                    "wrap", TRUE,
                                    "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                    "lines", 2,
                                    "ellipsize", PANGO_ELLIPSIZE_END,
                                    "justify", GTK_JUSTIFY_CENTER,
                                    "max-width-chars", 24,
                                    "width-chars", 18,
                                    NULL);
  gtk_widget_add_css_class (self->title_label, "title");
  gtk_widget_set_parent (self->title_label, GTK_WIDGET (self));

  self->kind_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->kind_label, "dim-label");
  gtk_widget_add_css_class (self->kind_label, "caption");
  gtk_widget_set_parent (self->kind_label, GTK_WIDGET (self));

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

/**
 * km_exhibit_card_new:
 * @loader: where thumbnails come from
 *
 * Returns: (transfer floating): a new, empty card
 */
GtkWidget *
km_exhibit_card_new (KmThumbnailLoader *loader)
{
  KmExhibitCard *self;

  g_return_val_if_fail (KM_IS_THUMBNAIL_LOADER (loader), NULL);

  self = g_object_new (KM_TYPE_EXHIBIT_CARD, NULL);
  self->loader = g_object_ref (loader);

  return GTK_WIDGET (self);
}

/**
 * km_exhibit_card_get_exhibit:
 *
 * Returns: (transfer none) (nullable): the exhibit shown
 */
KmExhibit *
km_exhibit_card_get_exhibit (KmExhibitCard *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT_CARD (self), NULL);

  return self->exhibit;
}

void
km_exhibit_card_set_exhibit (KmExhibitCard *self,
                             KmExhibit     *exhibit)
{
  g_return_if_fail (KM_IS_EXHIBIT_CARD (self));
  g_return_if_fail (exhibit == NULL || KM_IS_EXHIBIT (exhibit));

  if (self->exhibit == exhibit)
    {
      /* Bound again to the same exhibit after an unbind cancelled its decode. */
      if (exhibit != NULL && self->cancellable == NULL && !km_exhibit_card_get_has_thumbnail (self))
        load_thumbnail (self);
      return;
    }

  g_set_object (&self->exhibit, exhibit);

  if (exhibit == NULL)
    {
      cancel_load (self);
      gtk_picture_set_paintable (GTK_PICTURE (self->picture), NULL);
      gtk_label_set_label (GTK_LABEL (self->title_label), NULL);
      gtk_label_set_label (GTK_LABEL (self->kind_label), NULL);
      show_advisory_badge (self, FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  show_advisory_badge (self, is_veiled (self));
  gtk_label_set_label (GTK_LABEL (self->title_label), km_exhibit_get_title (exhibit));
  gtk_label_set_label (GTK_LABEL (self->kind_label),
                       km_exhibit_is_pdf (exhibit) ? C_("exhibit kind", "Document")
                                                   : km_exhibit_kind_to_label (km_exhibit_get_kind (exhibit)));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, km_exhibit_get_title (exhibit),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, km_exhibit_get_alt (exhibit),
                                  -1);

  load_thumbnail (self);
}

/**
 * km_exhibit_card_cancel_thumbnail:
 *
 * Stops decoding the thumbnail of a card that scrolled away; the card
 * keeps what it shows until it is given another exhibit.
 */
void
km_exhibit_card_cancel_thumbnail (KmExhibitCard *self)
{
  g_return_if_fail (KM_IS_EXHIBIT_CARD (self));

  cancel_load (self);
}

gboolean
km_exhibit_card_get_has_thumbnail (KmExhibitCard *self)
{
  g_return_val_if_fail (KM_IS_EXHIBIT_CARD (self), FALSE);

  return gtk_picture_get_paintable (GTK_PICTURE (self->picture)) != NULL;
}
