/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "km-content-store.h"

G_BEGIN_DECLS

/* What a chart, its table, its export and its copy show, computed once from
 * the content in one language so that they always show the same numbers.
 */

typedef enum
{
  KM_CHART_ITEM_VALUE,        /* one value of a figure, as its sources state it */
  KM_CHART_ITEM_REMAINDER,    /* computed by the exhibition, not by a source */
  KM_CHART_ITEM_RECOGNITION,  /* bodies one source lists under one term */
} KmChartItemKind;

typedef struct
{
  KmChartItemKind   kind;
  char             *id;           /* figure id, or the source id of a recognition */
  char             *group_id;     /* recognitions: the reporting source */
  char             *group_title;
  char             *caption;      /* figure label, or the term */
  char             *within;       /* label of the figure this one is part of */
  guint             value_index;
  guint             n_values;     /* values the figure has (> 1: sources differ) */
  gint64            amount;
  KmQualifier       qualifier;
  char             *value_text;   /* “at least 161” */
  char             *label;        /* “at least 161 (1 source)” */
  char            **source_ids;
  char             *sources_text; /* the sources’ short names */
  char             *note;
  char             *why;
  char             *scale_key;    /* bars share a scale only with the same key */
  double            fraction;     /* amount / largest amount with the same key */
  char            **bodies;       /* recognitions: “Body (Region)” */
} KmChartItem;

void        km_chart_item_free              (KmChartItem    *item);

char       *km_chart_format_value           (gint64          amount,
                                             KmQualifier     qualifier,
                                             const char     *lang);
char       *km_chart_format_source_name     (KmSource       *source,
                                             const char     *lang);
char       *km_chart_format_source_date     (KmSource       *source,
                                             const char     *lang);
const char *km_chart_term_label             (const char     *term);
gboolean    km_chart_compute_remainder      (gint64          total,
                                             const gint64   *parts,
                                             guint           n_parts,
                                             gint64         *remainder);

GPtrArray  *km_chart_items_for_section      (KmContentStore *store,
                                             KmStatSection  *section,
                                             const char     *lang);
GPtrArray  *km_chart_items_for_recognitions (KmContentStore *store,
                                             const char     *lang);
guint       km_chart_items_count_scales     (GPtrArray      *items);
char       *km_chart_items_to_text          (GPtrArray      *items,
                                             const char     *title);
char       *km_chart_items_to_csv           (GPtrArray      *items);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KmChartItem, km_chart_item_free)

G_END_DECLS
