/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "km-a11y-options.h"
#include "km-statistics-view.h"
#include "km-test-utils.h"

/* Text contrast (WCAG 2.x, at least 4.5:1) in the light, dark and
 * high-contrast styles (libadwaita's, and the kiosk's own High Contrast
 * option, km-high-contrast.css, in light and dark): every mapped label of
 * the statistics view (chart labels included) and labels with our own CSS
 * classes on the backgrounds they are used on. The text colour is the
 * label's CSS colour blended over the background; the background is read
 * from the rendered window.
 *
 * And the kiosk's Larger Text option: every view at 1024×720 with text
 * × 1.5 cuts no label short, and its text really is bigger.
 */
#define MIN_RATIO 4.5

typedef struct
{
  const char *row_class;    /* the background, NULL for the window's */
  const char *label_class;
} Case;

static const Case cases[] = {
  { NULL, NULL },
  { NULL, "dim-label" },
  { NULL, "km-kind-label" },
  { NULL, "km-source-title" },
  { NULL, "km-chart-note" },
  { "view", NULL },
  { "card", "dim-label" },
  { "km-banner", NULL },
  { "km-source-card", NULL },
  { "km-kiosk-attract", "km-kiosk-subtitle" },
  { "km-kiosk-attract", "km-kiosk-prompt" },
  { "km-kiosk-attract", "km-kiosk-tour-date" },
};

static void
test_contrast_formula (void)
{
  GdkRGBA black = { 0, 0, 0, 1 }, white = { 1, 1, 1, 1 }, grey = { 0.4627, 0.4627, 0.4627, 1 };

  g_assert_cmpfloat_with_epsilon (km_test_contrast (&black, &white), 21.0, 0.01);
  /* #767676 on white is the classic 4.54:1. */
  g_assert_cmpfloat_with_epsilon (km_test_contrast (&grey, &white), 4.54, 0.02);
}

/* A run of text as drawn: where, and its colour with the CSS opacity of
 * the label and its ancestors (libadwaita's .dim-label is opacity, which
 * the label's CSS colour does not show). */
typedef struct
{
  graphene_rect_t bounds;
  GdkRGBA         colour;
} TextRun;

typedef struct
{
  guchar *pixels;
  gsize   stride;
  int     width, height;
  GArray *runs;
} Pixels;

static void
pixels_clear (Pixels *p)
{
  g_free (p->pixels);
  g_clear_pointer (&p->runs, g_array_unref);
}

static void
collect_text (GskRenderNode *node,
              GskTransform  *transform,
              float          opacity,
              GArray        *runs)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      {
        TextRun run;
        graphene_rect_t bounds;

        gsk_render_node_get_bounds (node, &bounds);
        if (transform != NULL)
          gsk_transform_transform_bounds (transform, &bounds, &run.bounds);
        else
          run.bounds = bounds;
        run.colour = *gsk_text_node_get_color (node);
        run.colour.alpha *= opacity;
        g_array_append_val (runs, run);
      }
      break;

    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_text (gsk_container_node_get_child (node, i), transform, opacity, runs);
      break;

    case GSK_TRANSFORM_NODE:
      {
        GskTransform *child_transform = gsk_transform_transform (gsk_transform_ref (transform),
                                                                 gsk_transform_node_get_transform (node));

        collect_text (gsk_transform_node_get_child (node), child_transform, opacity, runs);
        gsk_transform_unref (child_transform);
      }
      break;

    case GSK_OPACITY_NODE:
      collect_text (gsk_opacity_node_get_child (node), transform, opacity * gsk_opacity_node_get_opacity (node), runs);
      break;

    case GSK_CLIP_NODE:
      collect_text (gsk_clip_node_get_child (node), transform, opacity, runs);
      break;

    case GSK_ROUNDED_CLIP_NODE:
      collect_text (gsk_rounded_clip_node_get_child (node), transform, opacity, runs);
      break;

    case GSK_SHADOW_NODE:
      collect_text (gsk_shadow_node_get_child (node), transform, opacity, runs);
      break;

    case GSK_DEBUG_NODE:
      collect_text (gsk_debug_node_get_child (node), transform, opacity, runs);
      break;

    default:
      break;
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pixels, pixels_clear)

static Pixels
render (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  Pixels p;

  p.width = gtk_widget_get_width (window);
  p.height = gtk_widget_get_height (window);
  gdk_paintable_snapshot (paintable, snapshot, p.width, p.height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, p.width, p.height));
  p.stride = (gsize) gdk_texture_get_width (texture) * 4;
  p.pixels = g_malloc (p.stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, p.pixels, p.stride);
  p.runs = g_array_new (FALSE, FALSE, sizeof (TextRun));
  collect_text (node, NULL, 1, p.runs);
  return p;
}

static gboolean
sample (const Pixels *p,
        int           x,
        int           y,
        GdkRGBA      *out)
{
  const guchar *px;

  if (x < 0 || y < 0 || x >= p->width || y >= p->height)
    return FALSE;

  /* gdk_texture_download() gives premultiplied B G R A on little endian;
   * the window is opaque. */
  px = p->pixels + y * p->stride + x * 4;
  out->blue = px[0] / 255.0;
  out->green = px[1] / 255.0;
  out->red = px[2] / 255.0;
  out->alpha = 1;
  return TRUE;
}

static GdkRGBA
blend (const GdkRGBA *fg,
       const GdkRGBA *bg)
{
  return (GdkRGBA) {
    fg->red * fg->alpha + bg->red * (1 - fg->alpha),
    fg->green * fg->alpha + bg->green * (1 - fg->alpha),
    fg->blue * fg->alpha + bg->blue * (1 - fg->alpha),
    1,
  };
}

static gboolean
same_colour (const GdkRGBA *a,
             const GdkRGBA *b)
{
  return fabs (a->red - b->red) < 0.01 && fabs (a->green - b->green) < 0.01 && fabs (a->blue - b->blue) < 0.01;
}

/* The background around @label: 1 px outside each side, where its own
 * glyphs are not. The colour most samples agree on; without a majority,
 * the one that gives the lowest contrast.
 */
static gboolean
label_background (GtkWidget    *window,
                  GtkWidget    *label,
                  const Pixels *p,
                  const GdkRGBA *fg,
                  GdkRGBA      *bg)
{
  graphene_rect_t bounds;
  GdkRGBA samples[4];
  int n = 0, best = -1, best_votes = 0;

  if (!gtk_widget_compute_bounds (label, window, &bounds))
    return FALSE;

  n += sample (p, bounds.origin.x - 1, bounds.origin.y + bounds.size.height / 2, &samples[n]);
  n += sample (p, bounds.origin.x + bounds.size.width, bounds.origin.y + bounds.size.height / 2, &samples[n]);
  n += sample (p, bounds.origin.x + bounds.size.width / 2, bounds.origin.y - 1, &samples[n]);
  n += sample (p, bounds.origin.x + bounds.size.width / 2, bounds.origin.y + bounds.size.height, &samples[n]);
  if (n == 0)
    return FALSE;

  for (int i = 0; i < n; i++)
    {
      int votes = 0;

      for (int j = 0; j < n; j++)
        votes += same_colour (&samples[i], &samples[j]);
      if (votes > best_votes ||
          (votes == best_votes && km_test_contrast (&samples[i], fg) < km_test_contrast (&samples[best], fg)))
        {
          best = i;
          best_votes = votes;
        }
    }

  *bg = samples[best];
  return TRUE;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_text (GTK_LABEL (widget))[0] != '\0')
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static char *
describe (GtkWidget *label)
{
  GString *s = g_string_new (NULL);

  for (GtkWidget *w = label; w != NULL && !GTK_IS_WINDOW (w); w = gtk_widget_get_parent (w))
    {
      g_auto(GStrv) classes = gtk_widget_get_css_classes (w);
      g_autofree char *joined = g_strjoinv (".", classes);

      g_string_append_printf (s, "%s%s%s%s", s->len ? " < " : "", gtk_widget_get_css_name (w),
                              joined[0] ? "." : "", joined);
      if (s->len > 200)
        break;
    }
  return g_string_free (s, FALSE);
}

/* The drawn text colour of @label that contrasts least with @bg, if its
 * text was drawn. */
static gboolean
drawn_colour (GtkWidget     *window,
              GtkWidget     *label,
              const Pixels  *p,
              const GdkRGBA *bg,
              GdkRGBA       *out)
{
  graphene_rect_t bounds;
  gboolean found = FALSE;
  double lowest = G_MAXDOUBLE;

  if (!gtk_widget_compute_bounds (label, window, &bounds))
    return FALSE;

  for (guint i = 0; i < p->runs->len; i++)
    {
      const TextRun *run = &g_array_index (p->runs, TextRun, i);
      graphene_point_t centre;
      GdkRGBA fg;
      double ratio;

      graphene_rect_get_center (&run->bounds, &centre);
      if (!graphene_rect_contains_point (&bounds, &centre))
        continue;
      fg = blend (&run->colour, bg);
      ratio = km_test_contrast (&fg, bg);
      if (ratio < lowest)
        {
          lowest = ratio;
          *out = fg;
          found = TRUE;
        }
    }
  return found;
}

/* Checks every mapped label below @root; returns the number checked.
 * Labels whose CSS colour passes but whose drawn text, with CSS opacity,
 * does not go to @dimmed if it is not %NULL, else to @failures. */
static guint
check_labels (GtkWidget  *window,
              GtkWidget  *root,
              const char *style,
              GString    *failures,
              GString    *dimmed)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_auto(Pixels) pixels = render (window);
  guint checked = 0;

  collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = labels->pdata[i];
      GdkRGBA colour, bg, fg;
      double ratio;

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (label), &colour);
      G_GNUC_END_IGNORE_DEPRECATIONS
      colour.alpha *= gtk_widget_get_opacity (label);
      if (!label_background (window, label, &pixels, &colour, &bg))
        continue;

      fg = blend (&colour, &bg);
      ratio = km_test_contrast (&fg, &bg);
      checked++;
      if (ratio >= MIN_RATIO && drawn_colour (window, label, &pixels, &bg, &fg) &&
          km_test_contrast (&fg, &bg) < MIN_RATIO)
        {
          g_autofree char *where = describe (label);
          g_autofree char *fg_text = gdk_rgba_to_string (&fg);
          g_autofree char *bg_text = gdk_rgba_to_string (&bg);

          g_string_append_printf (dimmed != NULL ? dimmed : failures,
                                  "%s: %.2f:1 as drawn (CSS opacity) for “%.30s” (%s on %s) in %s\n",
                                  style, km_test_contrast (&fg, &bg), gtk_label_get_text (GTK_LABEL (label)),
                                  fg_text, bg_text, where);
        }
      else if (ratio < MIN_RATIO)
        {
          g_autofree char *where = describe (label);
          g_autofree char *fg_text = gdk_rgba_to_string (&fg);
          g_autofree char *bg_text = gdk_rgba_to_string (&bg);

          g_string_append_printf (failures, "%s: %.2f:1 for “%.30s” (%s on %s) in %s\n",
                                  style, ratio, gtk_label_get_text (GTK_LABEL (label)),
                                  fg_text, bg_text, where);
        }
    }
  return checked;
}

static GtkWidget *
create_palette (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      g_autofree char *text = g_strdup_printf ("Khojaly %s %s", cases[i].row_class ? cases[i].row_class : "window",
                                               cases[i].label_class ? cases[i].label_class : "");
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_halign (label, GTK_ALIGN_START);
      if (cases[i].row_class != NULL)
        gtk_widget_add_css_class (row, cases[i].row_class);
      if (cases[i].label_class != NULL)
        gtk_widget_add_css_class (label, cases[i].label_class);
      gtk_box_append (GTK_BOX (row), label);
      gtk_box_append (GTK_BOX (box), row);
    }
  return box;
}

typedef struct
{
  const char      *name;
  AdwColorScheme   scheme;
  gboolean         high_contrast;        /* libadwaita's */
  gboolean         kiosk_high_contrast;  /* KmA11yOptions' */
} Style;

static void
set_style (const Style *style)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  adw_style_manager_set_color_scheme (manager, style->scheme);
  km_test_iterate (50);
  g_assert_cmpint (adw_style_manager_get_dark (manager), ==, style->scheme == ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpint (adw_style_manager_get_high_contrast (manager), ==, style->high_contrast);
}

static void
test_contrast_style (gconstpointer data)
{
  const Style *style = data;
  g_autoptr(KmApplication) app = km_test_application_new ();
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autoptr(GString) dimmed = g_string_new (NULL);
  GtkWidget *window, *box, *view, *palette, *chart;
  g_autofree char *png = NULL;
  g_autofree char *name = NULL;
  guint checked;

  set_style (style);
  km_a11y_options_set_high_contrast (km_a11y_options_get_default (), style->kiosk_high_contrast);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  palette = create_palette ();
  view = g_object_new (KM_TYPE_STATISTICS_VIEW, "context", km_application_get_context (app), "vexpand", TRUE, NULL);
  gtk_box_append (GTK_BOX (box), palette);
  gtk_box_append (GTK_BOX (box), view);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (window);
  km_test_iterate (200);

  name = g_strdup_printf ("contrast-%s", style->name);
  png = km_test_save_png (window, name);
  g_test_message ("%s", png);

  checked = check_labels (window, palette, style->name, failures, style->kiosk_high_contrast ? NULL : dimmed);
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (cases));
  chart = km_test_find_widget (view, GTK_TYPE_WIDGET, "km-chart");
  g_assert_nonnull (chart);
  checked = check_labels (window, chart, style->name, failures, style->kiosk_high_contrast ? NULL : dimmed);
  /* The chart's labels: the section title, the bars' names and values. */
  g_assert_cmpuint (checked, >=, 3);
  check_labels (window, view, style->name, failures, style->kiosk_high_contrast ? NULL : dimmed);

  gtk_window_destroy (GTK_WINDOW (window));
  km_a11y_options_reset (km_a11y_options_get_default ());
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  if (failures->len > 0)
    g_error ("Text below %.1f:1:\n%s", MIN_RATIO, failures->str);
  /* Dimmed text (.dim-label) included: style.css raises libadwaita's 55 %
   * so that it passes too. */
  if (dimmed->len > 0)
    g_error ("Dimmed text below %.1f:1:\n%s", MIN_RATIO, dimmed->str);
}

static const Style styles[] = {
  { "light", ADW_COLOR_SCHEME_FORCE_LIGHT, FALSE },
  { "dark", ADW_COLOR_SCHEME_FORCE_DARK, FALSE },
  { "high-contrast", ADW_COLOR_SCHEME_FORCE_LIGHT, TRUE },
  { "high-contrast-dark", ADW_COLOR_SCHEME_FORCE_DARK, TRUE },
  { "kiosk-high-contrast", ADW_COLOR_SCHEME_FORCE_LIGHT, FALSE, TRUE },
  { "kiosk-high-contrast-dark", ADW_COLOR_SCHEME_FORCE_DARK, FALSE, TRUE },
};

/* Larger text. */

/* The height of the label's first line: a wrapping label's line count
 * follows the width it was last measured for. */
static int
line_height (GtkWidget *label)
{
  PangoLayoutLine *line = pango_layout_get_line_readonly (gtk_label_get_layout (GTK_LABEL (label)), 0);
  PangoRectangle logical;

  if (line == NULL)
    return 0;
  pango_layout_line_get_pixel_extents (line, NULL, &logical);
  return logical.height;
}

/* Labels that can neither ellipsize nor wrap must get their natural
 * width: less, and GTK draws them cut at their allocation's edge. */
static void
check_not_cut (GtkWidget  *window,
               GPtrArray  *labels,
               const char *view,
               GString    *failures)
{
  int window_width = gtk_widget_get_width (window);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = labels->pdata[i];
      PangoRectangle logical;
      graphene_rect_t bounds;

      if (gtk_label_get_ellipsize (GTK_LABEL (label)) != PANGO_ELLIPSIZE_NONE || gtk_label_get_wrap (GTK_LABEL (label)))
        continue;

      pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (label)), NULL, &logical);
      if (gtk_widget_get_width (label) + 1 < logical.width)
        {
          g_autofree char *where = describe (label);

          g_string_append_printf (failures, "%s: “%.30s” is %d px wide for %d px of text, in %s\n",
                                  view, gtk_label_get_text (GTK_LABEL (label)),
                                  gtk_widget_get_width (label), logical.width, where);
        }
      else if (gtk_widget_compute_bounds (label, window, &bounds) &&
               bounds.origin.x < window_width && bounds.origin.x + bounds.size.width > window_width + 1 &&
               gtk_widget_get_ancestor (label, GTK_TYPE_SCROLLED_WINDOW) == NULL)
        {
          g_autofree char *where = describe (label);

          g_string_append_printf (failures, "%s: “%.30s” runs past the window's edge, in %s\n",
                                  view, gtk_label_get_text (GTK_LABEL (label)), where);
        }
    }
}

static void
test_large_text (void)
{
  KmA11yOptions *options = km_a11y_options_get_default ();
  g_autoptr(KmApplication) app = km_test_application_new ();
  g_autoptr(GString) failures = g_string_new (NULL);
  static const char * const views[] = { "gallery", "timeline", "statistics" };
  KmWindow *window;
  int width, height;

  g_assert_false (km_a11y_options_get_large_text (options));

  window = km_test_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 720);
  gtk_window_present (GTK_WINDOW (window));
  km_test_wait_for_draw (GTK_WIDGET (window));
  /* The default size less the window's frame. */
  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(GPtrArray) normal = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) large = g_ptr_array_new ();
      g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (int));
      g_autofree char *png = NULL;
      g_autofree char *name = NULL;
      guint compared = 0, grown = 0;

      km_window_show_view (window, views[v]);
      km_test_iterate (100);
      km_test_wait_for_draw (GTK_WIDGET (window));

      collect_labels (GTK_WIDGET (window), normal);
      g_ptr_array_foreach (normal, (GFunc) (void (*) (void)) g_object_ref, NULL);
      for (guint i = 0; i < normal->len; i++)
        {
          int height = line_height (normal->pdata[i]);

          g_array_append_val (heights, height);
        }
      g_assert_cmpuint (normal->len, >, 0);

      km_a11y_options_set_large_text (options, TRUE);
      km_test_iterate (100);
      km_test_wait_for_draw (GTK_WIDGET (window));

      name = g_strdup_printf ("large-text-%s", views[v]);
      png = km_test_save_png (GTK_WIDGET (window), name);
      g_test_message ("%s", png);

      /* Larger text must not make the window grow past the screen. */
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), ==, height);

      collect_labels (GTK_WIDGET (window), large);
      check_not_cut (GTK_WIDGET (window), large, views[v], failures);

      /* The same labels, still on screen, with the same text: taller. */
      for (guint i = 0; i < normal->len; i++)
        {
          GtkWidget *label = normal->pdata[i];
          int before = g_array_index (heights, int, i);

          if (!gtk_widget_get_mapped (label) || before <= 0)
            continue;
          compared++;
          if (line_height (label) >= before * 1.3)
            grown++;
          else
            {
              g_autofree char *where = describe (label);

              g_string_append_printf (failures, "%s: “%.30s” is %d px high a line with larger text, %d px without, in %s\n",
                                      views[v], gtk_label_get_text (GTK_LABEL (label)),
                                      line_height (label), before, where);
            }
        }
      g_test_message ("%s: %u labels, %u of %u grew", views[v], large->len, grown, compared);
      g_assert_cmpuint (compared, >, 0);

      /* Each view starts from normal text. */
      km_a11y_options_reset (options);
      km_test_iterate (50);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  km_a11y_options_reset (options);

  if (failures->len > 0)
    g_error ("Larger text:\n%s", failures->str);
}

int
main (int   argc,
      char *argv[])
{
  /* libadwaita 1.2 reads high contrast once, from the settings portal or
   * ADW_DEBUG_HIGH_CONTRAST, so meson runs this twice (test-contrast-hc).
   */
  gboolean high_contrast = g_strcmp0 (g_getenv ("ADW_DEBUG_HIGH_CONTRAST"), "1") == 0;

  km_test_init (&argc, &argv);

  g_test_add_func ("/km/contrast/formula", test_contrast_formula);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_autofree char *path = g_strdup_printf ("/km/contrast/%s", styles[i].name);

      if (styles[i].high_contrast == high_contrast)
        g_test_add_data_func (path, &styles[i], test_contrast_style);
    }
  if (!high_contrast)
    g_test_add_func ("/km/large-text", test_large_text);

  return g_test_run ();
}
