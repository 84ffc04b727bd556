/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "km-date.h"
#include "km-timeline-entry.h"

G_BEGIN_DECLS

char *km_date_format       (const KmDate *date,
                            const char   *lang);
char *km_date_format_range (const KmDate *start,
                            const KmDate *end,
                            const char   *lang);
char *km_date_format_entry (KmTimelineEntry *entry,
                            const char      *lang);

G_END_DECLS
