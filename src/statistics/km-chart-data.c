/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-chart-data"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "km-chart-data.h"
#include "km-date-format.h"
#include "km-figure-value.h"
#include "km-i18n.h"

void
km_chart_item_free (KmChartItem *item)
{
  if (item == NULL)
    return;

  g_free (item->id);
  g_free (item->group_id);
  g_free (item->group_title);
  g_free (item->caption);
  g_free (item->within);
  g_free (item->value_text);
  g_free (item->label);
  g_strfreev (item->source_ids);
  g_free (item->sources_text);
  g_free (item->note);
  g_free (item->why);
  g_free (item->scale_key);
  g_strfreev (item->bodies);
  g_free (item);
}

/**
 * km_chart_format_value:
 *
 * Returns: (transfer full): @amount written for @lang with its qualifier,
 *   “at least 161”, “about 1,000”
 */
char *
km_chart_format_value (gint64       amount,
                       KmQualifier  qualifier,
                       const char  *lang)
{
  g_autofree char *number = km_i18n_format_number (amount, lang);
  gulong n = (gulong) CLAMP (amount, 0, G_MAXLONG);

  switch (qualifier)
    {
    case KM_QUALIFIER_AT_LEAST:
      /* Translators: a figure stated as a minimum; %s is a number such as “161” */
      return g_strdup_printf (ngettext ("at least %s", "at least %s", n), number);

    case KM_QUALIFIER_ABOUT:
      /* Translators: an approximate figure; %s is a number such as “1,000” */
      return g_strdup_printf (ngettext ("about %s", "about %s", n), number);

    case KM_QUALIFIER_MORE_THAN:
      /* Translators: a figure stated as a lower limit; %s is a number such as “120,000” */
      return g_strdup_printf (ngettext ("more than %s", "more than %s", n), number);

    case KM_QUALIFIER_EXACT:
    default:
      return g_steal_pointer (&number);
    }
}

/**
 * km_chart_format_source_date:
 *
 * Returns: (transfer full): when @source was published, or “undated”
 */
char *
km_chart_format_source_date (KmSource   *source,
                             const char *lang)
{
  g_return_val_if_fail (KM_IS_SOURCE (source), NULL);

  if (!km_source_get_has_published (source))
    /* Translators: a source document that carries no date */
    return g_strdup (C_("source date", "undated"));

  return km_date_format (km_source_get_published (source), lang != NULL ? lang : km_i18n_get_language ());
}

/**
 * km_chart_format_source_name:
 *
 * Returns: (transfer full): a short name for @source: its publisher and date
 */
char *
km_chart_format_source_name (KmSource   *source,
                             const char *lang)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (KM_IS_SOURCE (source), NULL);

  date = km_chart_format_source_date (source, lang);

  /* Translators: a source document named by its publisher (%1$s) and the
   * date it was published (%2$s), e.g. “Azerbaijani official news, 26 February 2012” */
  return g_strdup_printf (_("%1$s, %2$s"),
                          km_text_get (km_source_get_publisher_text (source), lang),
                          date);
}

const char *
km_chart_term_label (const char *term)
{
  /* Translators: the words a source uses for what a body recognised;
   * shown as “As genocide: 11 bodies” */
  if (g_strcmp0 (term, "genocide") == 0)
    return C_("recognition term", "As genocide");
  if (g_strcmp0 (term, "massacre") == 0)
    return C_("recognition term", "As a massacre");
  if (g_strcmp0 (term, "crime-against-humanity") == 0)
    return C_("recognition term", "As a crime against humanity");
  if (g_strcmp0 (term, "resolution-introduced") == 0)
    return C_("recognition term", "Resolution introduced");
  if (g_strcmp0 (term, "tragedy") == 0)
    return C_("recognition term", "As a tragedy");
  /* The source says the body recognised the events without giving its words */
  if (g_strcmp0 (term, "recognised") == 0)
    return C_("recognition term", "Recognised, no term given");

  return term;
}

/* The part of a total its parts leave; FALSE when the parts reach or pass
 * the total (nothing left to label).
 */
gboolean
km_chart_compute_remainder (gint64        total,
                            const gint64 *parts,
                            guint         n_parts,
                            gint64       *remainder)
{
  gint64 left = total;

  for (guint i = 0; i < n_parts; i++)
    left -= parts[i];

  if (remainder != NULL)
    *remainder = MAX (left, 0);

  return left > 0;
}

static char *
dup_sources_text (KmContentStore     *store,
                  const char * const *ids,
                  const char         *lang)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      KmSource *source = km_content_store_lookup_source (store, ids[i]);
      g_autofree char *name = NULL;

      if (source == NULL)
        continue;

      name = km_chart_format_source_name (source, lang);
      if (text->len > 0)
        /* Translators: separates the sources of one value in a list */
        g_string_append (text, C_("list separator", "; "));
      g_string_append (text, name);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
dup_label (const char *value_text,
           guint       n_sources)
{
  /* Translators: the label of a bar in a chart: a value (%1$s, e.g. “at
   * least 161”) and how many source documents give it (%2$u), e.g. “at least
   * 161 (2 sources)” */
  return g_strdup_printf (ngettext ("%1$s (%2$u source)", "%1$s (%2$u sources)", n_sources),
                          value_text, n_sources);
}

static const char *
scale_key_for_unit (const char *unit)
{
  /* Children are people too; families, signatures, votes and organisations are not
   * drawn against people.
   */
  if (g_strcmp0 (unit, "people") == 0 || g_strcmp0 (unit, "children") == 0)
    return "people";

  return unit;
}

static void
compute_fractions (GPtrArray *items)
{
  g_autoptr(GHashTable) max = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      KmChartItem *item = g_ptr_array_index (items, i);
      gint64 *current = g_hash_table_lookup (max, item->scale_key);

      if (current == NULL || *current < item->amount)
        g_hash_table_insert (max, item->scale_key, &item->amount);
    }

  for (guint i = 0; i < items->len; i++)
    {
      KmChartItem *item = g_ptr_array_index (items, i);
      gint64 *largest = g_hash_table_lookup (max, item->scale_key);

      item->fraction = *largest > 0 ? (double) item->amount / (double) *largest : 0;
    }
}

static KmChartItem *
add_remainder (KmContentStore *store,
               KmStatSection  *section,
               const char     *lang)
{
  GListModel *figures = km_stat_section_get_figures (section);
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sum = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(KmFigureValue) total_value = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *remainder_text = NULL;
  KmChartItem *item;
  gint64 remainder;
  gint64 total;

  for (guint i = 0; i < g_list_model_get_n_items (figures); i++)
    {
      g_autoptr(KmFigure) figure = g_list_model_get_item (figures, i);
      g_autoptr(KmFigureValue) value = g_list_model_get_item (km_figure_get_values (figure), 0);

      if (value == NULL)
        continue;

      if (km_figure_get_role (figure) == KM_FIGURE_ROLE_TOTAL && total_value == NULL)
        total_value = g_object_ref (value);
      else if (km_figure_get_role (figure) == KM_FIGURE_ROLE_PART)
        {
          gint64 amount = km_figure_value_get_amount (value);

          /* A part stated as a bound leaves no exact remainder. */
          if (km_figure_value_get_qualifier (value) != KM_QUALIFIER_EXACT)
            return NULL;
          g_array_append_val (parts, amount);
        }
    }

  if (total_value == NULL || parts->len == 0 ||
      km_figure_value_get_qualifier (total_value) != KM_QUALIFIER_EXACT)
    return NULL;

  total = km_figure_value_get_amount (total_value);
  if (!km_chart_compute_remainder (total, (gint64 *) parts->data, parts->len, &remainder))
    return NULL;

  total_text = km_i18n_format_number (total, lang);
  g_string_append (sum, total_text);
  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *part = km_i18n_format_number (g_array_index (parts, gint64, i), lang);
      g_string_append_printf (sum, " − %s", part);
    }
  remainder_text = km_i18n_format_number (remainder, lang);
  g_string_append_printf (sum, " = %s", remainder_text);

  /* Translators: %s is a subtraction such as “613 − 106 − 63 − 70 = 374” */
  g_string_append_printf (note, _("Computed by the exhibition from the first value of each figure: %s. This assumes that no one is counted in two groups; the sources do not say whether that is so, and they give no such number."),
                          sum->str);

  /* Where a part has other values, say what the remainder would be. */
  for (guint i = 0, p = 0; i < g_list_model_get_n_items (figures); i++)
    {
      g_autoptr(KmFigure) figure = g_list_model_get_item (figures, i);
      GListModel *values = km_figure_get_values (figure);

      if (km_figure_get_role (figure) != KM_FIGURE_ROLE_PART)
        continue;

      for (guint v = 1; v < g_list_model_get_n_items (values); v++)
        {
          g_autoptr(KmFigureValue) other = g_list_model_get_item (values, v);
          g_autofree char *other_text = NULL;
          g_autofree char *result_text = NULL;
          gint64 result = total - km_figure_value_get_amount (other) + g_array_index (parts, gint64, p);

          for (guint k = 0; k < parts->len; k++)
            result -= g_array_index (parts, gint64, k);
          if (result < 0)
            continue;

          other_text = km_chart_format_value (km_figure_value_get_amount (other),
                                              km_figure_value_get_qualifier (other), lang);
          result_text = km_i18n_format_number (result, lang);
          g_string_append_c (note, ' ');
          /* Translators: %1$s is a figure (“Children”), %2$s another value
           * a source gives for it, %3$s the remainder that value leaves */
          g_string_append_printf (note, _("With %2$s for “%1$s”, it would be %3$s."),
                                  km_text_get (km_figure_get_label_text (figure), lang),
                                  other_text, result_text);
        }
      p++;
    }

  item = g_new0 (KmChartItem, 1);
  item->kind = KM_CHART_ITEM_REMAINDER;
  item->id = g_strdup_printf ("%s-remainder", km_stat_section_get_id (section));
  item->caption = g_strdup (_("Not broken down by the sources (computed)"));
  item->n_values = 1;
  item->amount = remainder;
  item->qualifier = KM_QUALIFIER_EXACT;
  item->value_text = g_strdup (remainder_text);
  /* Translators: the value of a bar the exhibition computed; %s is a number */
  item->label = g_strdup_printf (_("%s (computed)"), remainder_text);
  item->source_ids = g_new0 (char *, 1);
  item->sources_text = g_strdup (_("Computed from the figures above"));
  item->note = g_string_free (g_steal_pointer (&note), FALSE);
  item->scale_key = g_strdup ("people");

  return item;
}

/**
 * km_chart_items_for_section:
 *
 * One item per value of every figure, in file order; a breakdown ends with
 * its computed remainder.
 *
 * Returns: (transfer full) (element-type KmChartItem):
 */
GPtrArray *
km_chart_items_for_section (KmContentStore *store,
                            KmStatSection  *section,
                            const char     *lang)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) km_chart_item_free);
  GListModel *figures;

  g_return_val_if_fail (KM_IS_CONTENT_STORE (store), items);
  g_return_val_if_fail (KM_IS_STAT_SECTION (section), items);

  if (lang == NULL)
    lang = km_i18n_get_language ();

  figures = km_stat_section_get_figures (section);
  for (guint i = 0; i < g_list_model_get_n_items (figures); i++)
    {
      g_autoptr(KmFigure) figure = g_list_model_get_item (figures, i);
      GListModel *values = km_figure_get_values (figure);
      guint n_values = g_list_model_get_n_items (values);
      const char *within_id = km_figure_get_within (figure);
      KmFigure *within = within_id != NULL ? km_content_store_lookup_figure (store, within_id) : NULL;

      for (guint v = 0; v < n_values; v++)
        {
          g_autoptr(KmFigureValue) value = g_list_model_get_item (values, v);
          KmChartItem *item = g_new0 (KmChartItem, 1);

          item->kind = KM_CHART_ITEM_VALUE;
          item->id = g_strdup (km_figure_get_id (figure));
          item->caption = g_strdup (km_text_get (km_figure_get_label_text (figure), lang));
          if (within != NULL)
            item->within = g_strdup (km_text_get (km_figure_get_label_text (within), lang));
          item->value_index = v;
          item->n_values = n_values;
          item->amount = km_figure_value_get_amount (value);
          item->qualifier = km_figure_value_get_qualifier (value);
          item->value_text = km_chart_format_value (item->amount, item->qualifier, lang);
          item->source_ids = g_strdupv ((char **) km_figure_value_get_source_ids (value));
          item->label = dup_label (item->value_text, g_strv_length (item->source_ids));
          item->sources_text = dup_sources_text (store, km_figure_value_get_source_ids (value), lang);
          item->note = g_strdup (km_text_get (km_figure_value_get_note_text (value), lang));
          item->why = g_strdup (km_text_get (km_figure_get_why_text (figure), lang));
          item->scale_key = g_strdup (scale_key_for_unit (km_figure_get_unit (figure)));
          g_ptr_array_add (items, item);
        }
    }

  if (km_stat_section_get_chart (section) == KM_CHART_KIND_BREAKDOWN)
    {
      KmChartItem *remainder = add_remainder (store, section, lang);

      if (remainder != NULL)
        g_ptr_array_add (items, remainder);
    }

  compute_fractions (items);

  return items;
}

/**
 * km_chart_items_for_recognitions:
 *
 * One item per reporting source and term, in the order the sources first
 * appear; a body listed under two terms counts under each.
 *
 * Returns: (transfer full) (element-type KmChartItem):
 */
GPtrArray *
km_chart_items_for_recognitions (KmContentStore *store,
                                 const char     *lang)
{
  static const char * const terms[] = {
    "genocide", "massacre", "crime-against-humanity", "resolution-introduced", "tragedy",
    "recognised",
  };
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) km_chart_item_free);
  g_autoptr(GPtrArray) source_ids = g_ptr_array_new ();
  GListModel *recognitions;
  guint n;

  g_return_val_if_fail (KM_IS_CONTENT_STORE (store), items);

  if (lang == NULL)
    lang = km_i18n_get_language ();

  recognitions = km_content_store_get_recognitions (store);
  n = g_list_model_get_n_items (recognitions);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KmRecognition) recognition = g_list_model_get_item (recognitions, i);
      const char *id = km_recognition_get_source_id (recognition);

      if (!g_ptr_array_find_with_equal_func (source_ids, id, g_str_equal, NULL))
        g_ptr_array_add (source_ids, (gpointer) id);
    }

  for (guint s = 0; s < source_ids->len; s++)
    {
      const char *source_id = g_ptr_array_index (source_ids, s);
      KmSource *source = km_content_store_lookup_source (store, source_id);
      g_autofree char *source_name = source != NULL ? km_chart_format_source_name (source, lang) : g_strdup (source_id);

      for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
        {
          g_autoptr(GStrvBuilder) bodies = g_strv_builder_new ();
          KmChartItem *item;
          g_autofree char *count = NULL;
          guint n_bodies = 0;

          for (guint i = 0; i < n; i++)
            {
              g_autoptr(KmRecognition) recognition = g_list_model_get_item (recognitions, i);
              g_autofree char *body = NULL;

              if (g_strcmp0 (km_recognition_get_source_id (recognition), source_id) != 0 ||
                  !g_strv_contains (km_recognition_get_terms (recognition), terms[t]))
                continue;

              /* Translators: a body that recognised the events (%1$s) and
               * where it is (%2$s), e.g. “Parliament of Peru (Peru)” */
              body = g_strdup_printf (_("%1$s (%2$s)"),
                                      km_text_get (km_recognition_get_body_text (recognition), lang),
                                      km_text_get (km_recognition_get_region_text (recognition), lang));
              g_strv_builder_add (bodies, body);
              n_bodies++;
            }

          if (n_bodies == 0)
            continue;

          count = km_i18n_format_number (n_bodies, lang);
          item = g_new0 (KmChartItem, 1);
          item->kind = KM_CHART_ITEM_RECOGNITION;
          item->id = g_strdup_printf ("%s-%s", source_id, terms[t]);
          item->group_id = g_strdup (source_id);
          /* Translators: heading of the recognitions one source reports;
           * %s names the source, e.g. “Azerbaijani official news, 26 February 2012” */
          item->group_title = g_strdup_printf (_("As reported by %s"), source_name);
          item->caption = g_strdup (km_chart_term_label (terms[t]));
          item->n_values = 1;
          item->amount = n_bodies;
          item->qualifier = KM_QUALIFIER_EXACT;
          /* Translators: how many bodies a source lists; %s is a number */
          item->value_text = g_strdup_printf (ngettext ("%s body", "%s bodies", n_bodies), count);
          item->label = g_strdup (item->value_text);
          item->source_ids = g_new0 (char *, 2);
          item->source_ids[0] = g_strdup (source_id);
          item->sources_text = g_strdup (source_name);
          item->scale_key = g_strdup ("bodies");
          item->bodies = g_strv_builder_end (bodies);
          g_ptr_array_add (items, item);
        }
    }

  compute_fractions (items);

  return items;
}

guint
km_chart_items_count_scales (GPtrArray *items)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    g_hash_table_add (keys, ((KmChartItem *) g_ptr_array_index (items, i))->scale_key);

  return g_hash_table_size (keys);
}

/**
 * km_chart_items_to_text:
 *
 * Returns: (transfer full): the table as plain text, one line per value
 */
char *
km_chart_items_to_text (GPtrArray  *items,
                        const char *title)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *group = NULL;

  if (title != NULL)
    g_string_append_printf (text, "%s\n\n", title);

  for (guint i = 0; i < items->len; i++)
    {
      KmChartItem *item = g_ptr_array_index (items, i);

      if (item->group_title != NULL && g_strcmp0 (group, item->group_title) != 0)
        {
          group = item->group_title;
          g_string_append_printf (text, "%s%s\n", text->len > 0 ? "\n" : "", group);
        }

      /* Translators: one line of a copied table: a figure (%1$s), its
       * value (%2$s) and the sources that give it (%3$s) */
      g_string_append_printf (text, _("%1$s: %2$s — %3$s"), item->caption, item->value_text, item->sources_text);
      g_string_append_c (text, '\n');

      if (item->bodies != NULL)
        for (guint b = 0; item->bodies[b] != NULL; b++)
          g_string_append_printf (text, "  • %s\n", item->bodies[b]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A spreadsheet runs a cell that starts with one of these as a formula
 * (OWASP "CSV injection"); pack text may. */
static gboolean
looks_like_formula (const char *field)
{
  return field[0] != '\0' && strchr ("=+-@\t\r", field[0]) != NULL &&
         !g_ascii_string_to_signed (field, 10, G_MININT64, G_MAXINT64, NULL, NULL);
}

static void
append_csv_field (GString    *csv,
                  const char *field,
                  gboolean    last)
{
  g_autofree char *quoted = NULL;

  if (field == NULL)
    field = "";

  /* A leading apostrophe keeps it text. */
  if (looks_like_formula (field))
    field = quoted = g_strconcat ("'", field, NULL);

  if (strpbrk (field, ",\"\n\r") != NULL)
    {
      g_string_append_c (csv, '"');
      for (const char *p = field; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (csv, '"');
          g_string_append_c (csv, *p);
        }
      g_string_append_c (csv, '"');
    }
  else
    g_string_append (csv, field);

  g_string_append (csv, last ? "\r\n" : ",");
}

/**
 * km_chart_items_to_csv:
 *
 * RFC 4180 CSV with a header row; the amount column holds the plain number
 * and the qualifier its content-file word, so a spreadsheet can use them.
 * Text that a spreadsheet would run as a formula (“=…”, “+…”, “-…”, “@…”)
 * starts with an apostrophe.
 *
 * Returns: (transfer full):
 */
char *
km_chart_items_to_csv (GPtrArray *items)
{
  g_autoptr(GString) csv = g_string_new (NULL);

  append_csv_field (csv, C_("csv column", "Group"), FALSE);
  append_csv_field (csv, C_("csv column", "Figure"), FALSE);
  append_csv_field (csv, C_("csv column", "Value"), FALSE);
  append_csv_field (csv, C_("csv column", "Amount"), FALSE);
  append_csv_field (csv, C_("csv column", "Qualifier"), FALSE);
  append_csv_field (csv, C_("csv column", "Sources"), FALSE);
  append_csv_field (csv, C_("csv column", "Note"), TRUE);

  for (guint i = 0; i < items->len; i++)
    {
      KmChartItem *item = g_ptr_array_index (items, i);
      g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, item->amount);
      g_autofree char *bodies = item->bodies != NULL ? g_strjoinv ("; ", item->bodies) : NULL;
      const char *qualifier = item->kind == KM_CHART_ITEM_REMAINDER
                              ? "computed"
                              : km_enum_to_nick (KM_TYPE_QUALIFIER, item->qualifier);

      append_csv_field (csv, item->group_title, FALSE);
      append_csv_field (csv, item->caption, FALSE);
      append_csv_field (csv, item->value_text, FALSE);
      append_csv_field (csv, amount, FALSE);
      append_csv_field (csv, qualifier, FALSE);
      append_csv_field (csv, item->sources_text, FALSE);
      append_csv_field (csv, bodies != NULL ? bodies : item->note, TRUE);
    }

  return g_string_free (g_steal_pointer (&csv), FALSE);
}
