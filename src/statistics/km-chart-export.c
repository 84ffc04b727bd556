/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-chart-export"

#include "config.h"

#include <cairo.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "km-chart-data.h"
#include "km-chart-export.h"
#include "km-chart-geometry.h"
#include "km-i18n.h"

#define MARGIN 32.0

typedef struct
{
  double r, g, b;
} Rgb;

/* A calm, light page that prints well. */
static const Rgb ink = { 0.14, 0.12, 0.19 };
static const Rgb dim = { 0.37, 0.36, 0.39 };
static const Rgb bar_ink = { 0.24, 0.26, 0.36 };
static const Rgb alt_ink = { 0.50, 0.52, 0.60 };

typedef struct
{
  KmContentStore *store;
  KmStatSection  *section;
  GPtrArray      *items;
  GPtrArray      *source_ids;  /* in order of first use, for [n] references */
  const char     *lang;
} Export;

static void
set_rgb (cairo_t    *cr,
         const Rgb  *rgb)
{
  cairo_set_source_rgb (cr, rgb->r, rgb->g, rgb->b);
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* Draws a paragraph at @y; returns the y below it. */
static double
draw_text (cairo_t    *cr,
           const char *text,
           double      y,
           double      size,
           gboolean    bold,
           const Rgb  *rgb,
           double      width)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, size, bold, width);

  set_rgb (cr, rgb);
  cairo_move_to (cr, MARGIN, y);
  pango_cairo_show_layout (cr, layout);

  return y + layout_height (layout);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  return (int) *(const guint *) a - (int) *(const guint *) b;
}

static char *
dup_references (Export            *export,
                const KmChartItem *item)
{
  g_autoptr(GString) refs = g_string_new (NULL);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; item->source_ids != NULL && item->source_ids[i] != NULL; i++)
    {
      guint index;

      if (!g_ptr_array_find_with_equal_func (export->source_ids, item->source_ids[i], g_str_equal, &index))
        {
          index = export->source_ids->len;
          g_ptr_array_add (export->source_ids, item->source_ids[i]);
        }
      index++;
      g_array_append_val (numbers, index);
    }

  g_array_sort (numbers, compare_uint);
  for (guint i = 0; i < numbers->len; i++)
    g_string_append_printf (refs, "%s%u", refs->len > 0 ? ", " : "", g_array_index (numbers, guint, i));

  return g_string_free (g_steal_pointer (&refs), FALSE);
}

static double
draw_bars (cairo_t *cr,
           Export  *export,
           double   y,
           double   width)
{
  g_autofree KmChartRowInput *inputs = g_new0 (KmChartRowInput, export->items->len);
  g_autofree KmChartRowLayout *rows = g_new0 (KmChartRowLayout, export->items->len);
  g_autoptr(GPtrArray) captions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_object_unref);
  const char *group = NULL;
  double height;

  for (guint i = 0; i < export->items->len; i++)
    {
      const KmChartItem *item = g_ptr_array_index (export->items, i);
      g_autofree char *refs = dup_references (export, item);
      g_autofree char *value = NULL;
      g_autofree char *caption = NULL;
      PangoLayout *layout;

      if (refs[0] != '\0')
        /* Translators: a value in an exported chart (%1$s) with the numbers
         * of its sources in the list below (%2$s), e.g. “63 (4 sources) [1, 2, 4, 5]” */
        value = g_strdup_printf (C_("exported value", "%1$s [%2$s]"), item->label, refs);
      else
        value = g_strdup (item->label);

      if (item->group_title != NULL && g_strcmp0 (group, item->group_title) != 0)
        {
          group = item->group_title;
          caption = g_strdup_printf ("%s\n%s", group, item->caption);
        }
      else if (item->value_index == 0 && item->within != NULL)
        /* Translators: a caption in an exported chart: a group (%1$s) and
         * the group it is counted within (%2$s) */
        caption = g_strdup_printf (_("%1$s (counted within “%2$s”)"), item->caption, item->within);
      else if (item->value_index == 0)
        caption = g_strdup (item->caption);

      layout = caption != NULL ? make_layout (cr, caption, 14, FALSE, width) : NULL;
      g_ptr_array_add (captions, layout != NULL ? layout : make_layout (cr, "", 14, FALSE, width));
      inputs[i].caption_height = layout != NULL ? layout_height (layout) : 0;

      layout = make_layout (cr, value, 14, TRUE, width);
      g_ptr_array_add (values, layout);
      inputs[i].value_width = layout_width (layout);
      inputs[i].value_height = layout_height (layout);
      inputs[i].fraction = item->fraction;
    }

  height = km_chart_layout_rows (inputs, export->items->len, width, rows);

  for (guint i = 0; i < export->items->len; i++)
    {
      const KmChartItem *item = g_ptr_array_index (export->items, i);
      const KmChartRect *bar = &rows[i].bar;

      if (inputs[i].caption_height > 0)
        {
          set_rgb (cr, &ink);
          cairo_move_to (cr, MARGIN + rows[i].caption.x, y + rows[i].caption.y);
          pango_cairo_show_layout (cr, g_ptr_array_index (captions, i));
        }

      cairo_rectangle (cr, MARGIN + bar->x, y + bar->y, bar->width, bar->height);
      if (item->kind == KM_CHART_ITEM_REMAINDER)
        {
          cairo_set_source_rgba (cr, bar_ink.r, bar_ink.g, bar_ink.b, 0.18);
          cairo_fill_preserve (cr);
          set_rgb (cr, &bar_ink);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }
      else
        {
          set_rgb (cr, item->value_index > 0 ? &alt_ink : &bar_ink);
          cairo_fill (cr);
        }

      set_rgb (cr, &ink);
      cairo_move_to (cr, MARGIN + rows[i].value.x, y + rows[i].value.y);
      pango_cairo_show_layout (cr, g_ptr_array_index (values, i));
    }

  return y + height;
}

static double
draw_pictogram (cairo_t *cr,
                Export  *export,
                double   y,
                double   width)
{
  const KmChartItem *item = g_ptr_array_index (export->items, 0);
  KmPictogramLayout layout;
  g_autofree char *refs = dup_references (export, item);
  g_autofree char *value = g_strdup_printf (C_("exported value", "%1$s [%2$s]"), item->label, refs);

  y = draw_text (cr, item->caption, y, 14, FALSE, &ink, width);
  y = draw_text (cr, value, y, 14, TRUE, &ink, width) + 12;

  km_chart_pictogram_layout ((guint) CLAMP (item->amount, 0, 100000), width, &layout);
  set_rgb (cr, &bar_ink);
  for (guint i = 0; i < layout.n_marks; i++)
    {
      KmChartRect rect;

      km_chart_pictogram_mark_rect (&layout, i, &rect);
      cairo_arc (cr, MARGIN + rect.x + rect.width / 2, y + rect.y + rect.height / 2, rect.width / 2, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  return y + layout.height;
}

/* Draws the whole page; returns its height. */
static double
draw_export (cairo_t *cr,
             Export  *export,
             int      width)
{
  double text_width = width - 2 * MARGIN;
  const char *title;
  const char *description = NULL;
  double y = MARGIN;

  if (export->section != NULL)
    {
      title = km_text_get (km_stat_section_get_title_text (export->section), export->lang);
      description = km_text_get (km_stat_section_get_description_text (export->section), export->lang);
    }
  else
    title = _("Recognitions as reported");

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  y = draw_text (cr, title, y, 22, TRUE, &ink, text_width) + 6;
  if (description != NULL)
    y = draw_text (cr, description, y, 13, FALSE, &dim, text_width);
  y += 20;

  if (export->section != NULL && km_stat_section_get_chart (export->section) == KM_CHART_KIND_PICTOGRAM &&
      export->items->len > 0)
    y = draw_pictogram (cr, export, y, text_width);
  else
    y = draw_bars (cr, export, y, text_width);
  y += 20;

  /* Notes: what overlaps, what was computed, why values differ. */
  if (export->section != NULL && km_stat_section_get_chart (export->section) == KM_CHART_KIND_OVERLAP)
    y = draw_text (cr, _("These groups overlap and do not add up: each bar is counted from zero on its own. "
                         "A group marked “counted within” is part of another group."),
                   y, 12, FALSE, &dim, text_width) + 8;
  if (km_chart_items_count_scales (export->items) > 1)
    y = draw_text (cr, _("Bars that count different things, such as families and people, are drawn to separate scales."),
                   y, 12, FALSE, &dim, text_width) + 8;
  for (guint i = 0; i < export->items->len; i++)
    {
      const KmChartItem *item = g_ptr_array_index (export->items, i);
      g_autofree char *line = NULL;

      if (item->kind == KM_CHART_ITEM_REMAINDER && item->note != NULL)
        line = g_strdup (item->note);
      else if (item->n_values > 1 && item->value_index == 0 && item->why != NULL)
        /* Translators: in an exported chart: a figure (%1$s) and why its
         * sources give different numbers (%2$s) */
        line = g_strdup_printf (_("Why the numbers for “%1$s” differ: %2$s"), item->caption, item->why);

      if (line != NULL)
        y = draw_text (cr, line, y, 12, FALSE, &dim, text_width) + 8;
    }

  if (export->source_ids->len > 0)
    {
      y = draw_text (cr, _("Sources"), y + 8, 14, TRUE, &ink, text_width) + 4;
      for (guint i = 0; i < export->source_ids->len; i++)
        {
          KmSource *source = km_content_store_lookup_source (export->store, g_ptr_array_index (export->source_ids, i));
          g_autofree char *line = NULL;

          if (source == NULL)
            continue;
          line = g_strdup_printf ("[%u] %s", i + 1, km_source_get_citation (source));
          y = draw_text (cr, line, y, 12, FALSE, &ink, text_width) + 4;
        }
    }

  y = draw_text (cr, _("Khojaly Memorial"), y + 12, 11, FALSE, &dim, text_width);

  return ceil (y + MARGIN);
}

static void
export_init (Export         *export,
             KmContentStore *store,
             KmStatSection  *section,
             const char     *lang)
{
  export->store = store;
  export->section = section;
  export->lang = lang != NULL ? lang : km_i18n_get_language ();
  export->items = section != NULL
                  ? km_chart_items_for_section (store, section, export->lang)
                  : km_chart_items_for_recognitions (store, export->lang);
  export->source_ids = g_ptr_array_new ();
}

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->items, g_ptr_array_unref);
  g_clear_pointer (&export->source_ids, g_ptr_array_unref);
}

int
km_chart_export_get_height (KmContentStore *store,
                            KmStatSection  *section,
                            int             width,
                            const char     *lang)
{
  Export export = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;

  g_return_val_if_fail (KM_IS_CONTENT_STORE (store), 0);
  g_return_val_if_fail (section == NULL || KM_IS_STAT_SECTION (section), 0);
  g_return_val_if_fail (width > 2 * MARGIN, 0);

  export_init (&export, store, section, lang);
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  height = draw_export (cr, &export, width);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  export_clear (&export);

  return (int) height;
}

static gboolean
check_status (cairo_status_t   status,
              const char      *path,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               /* Translators: %1$s is a file name, %2$s the reason */
               _("Could not save “%1$s”: %2$s"), path, cairo_status_to_string (status));
  return FALSE;
}

typedef enum
{
  EXPORT_PNG,
  EXPORT_SVG,
} ExportFormat;

/* One drawing for both formats: only the surface and how it is written
 * differ.
 */
static gboolean
export_to_file (KmContentStore  *store,
                KmStatSection   *section,
                const char      *path,
                int              width,
                const char      *lang,
                ExportFormat     format,
                GError         **error)
{
  Export export = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int height;

  height = km_chart_export_get_height (store, section, width, lang);

  export_init (&export, store, section, lang);
  if (format == EXPORT_PNG)
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  else
    surface = cairo_svg_surface_create (path, width, height);
  cr = cairo_create (surface);
  draw_export (cr, &export, width);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (format == EXPORT_PNG)
    {
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_write_to_png (surface, path);
    }
  else
    {
      cairo_surface_finish (surface);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  export_clear (&export);

  return check_status (status, path, error);
}

gboolean
km_chart_export_png (KmContentStore  *store,
                     KmStatSection   *section,
                     const char      *path,
                     int              width,
                     const char      *lang,
                     GError         **error)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (store), FALSE);
  g_return_val_if_fail (section == NULL || KM_IS_STAT_SECTION (section), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 2 * MARGIN, FALSE);

  return export_to_file (store, section, path, width, lang, EXPORT_PNG, error);
}

gboolean
km_chart_export_svg (KmContentStore  *store,
                     KmStatSection   *section,
                     const char      *path,
                     int              width,
                     const char      *lang,
                     GError         **error)
{
  g_return_val_if_fail (KM_IS_CONTENT_STORE (store), FALSE);
  g_return_val_if_fail (section == NULL || KM_IS_STAT_SECTION (section), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 2 * MARGIN, FALSE);

  return export_to_file (store, section, path, width, lang, EXPORT_SVG, error);
}
