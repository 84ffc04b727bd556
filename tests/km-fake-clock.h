/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "km-clock.h"

G_BEGIN_DECLS

#define KM_TYPE_FAKE_CLOCK (km_fake_clock_get_type ())

G_DECLARE_FINAL_TYPE (KmFakeClock, km_fake_clock, KM, FAKE_CLOCK, KmClock)

KmClock *km_fake_clock_new       (void);
void     km_fake_clock_advance   (KmFakeClock *self,
                                  guint        ms);
guint    km_fake_clock_n_pending (KmFakeClock *self);
void     km_fake_clock_set_real_time (KmFakeClock *self,
                                      gint64       unix_ms);

G_END_DECLS
