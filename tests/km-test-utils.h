/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "km-application.h"
#include "km-clock.h"
#include "km-context.h"
#include "km-i18n.h"
#include "km-test-files.h"
#include "km-kiosk-controller.h"
#include "km-kiosk-idle-monitor.h"
#include "km-window.h"

G_BEGIN_DECLS

void           km_test_init            (int          *argc,
                                        char       ***argv);
KmApplication *km_test_application_new (void);
KmApplication *km_test_application_new_for_context (KmContext *context);
KmWindow      *km_test_window_new      (KmApplication *app);
KmContext     *km_test_context_new     (KmClock      *clock,
                                        gboolean      kiosk);
KmApplication *km_test_application_new_with_options (GVariantDict *options);
void           km_test_wait_for_draw   (GtkWidget    *widget);
void           km_test_iterate         (guint         ms);
char          *km_test_save_png        (GtkWidget    *widget,
                                        const char   *name);
gboolean       km_test_is_sanitized    (void);
double         km_test_contrast        (const GdkRGBA *a,
                                        const GdkRGBA *b);
GdkRGBA        km_test_png_pixel       (const char   *png,
                                        int           x,
                                        int           y);
GtkWidget     *km_test_find_widget     (GtkWidget    *root,
                                        GType         type,
                                        const char   *css_class);
GtkWidget     *km_test_find_widget_matching (GtkWidget *root,
                                             gboolean (*matches) (GtkWidget *widget, gconstpointer data),
                                             gconstpointer data);
GPtrArray     *km_test_find_all_widgets (GtkWidget *root,
                                         GType      type);
GBytes        *km_test_make_png        (guint32       width,
                                        guint32       height);

/* A kiosk window on a fake clock, shown at 1280×800. */
typedef struct
{
  KmApplication     *app;
  KmClock           *clock;
  KmWindow          *window;
  KmKioskController *kiosk;
} KmTestKiosk;

void           km_test_kiosk_set_up    (KmTestKiosk  *kiosk,
                                        const char   *pin_hash,
                                        const char   *language);
void           km_test_kiosk_set_up_with_options (KmTestKiosk  *kiosk,
                                                  const char   *pin_hash,
                                                  const char   *language,
                                                  GVariantDict *options);
void           km_test_kiosk_tear_down (KmTestKiosk  *kiosk);
void           km_test_kiosk_advance   (KmTestKiosk  *kiosk,
                                        guint         seconds);
GtkWidget     *km_test_kiosk_find      (KmTestKiosk  *kiosk,
                                        GType         type,
                                        const char   *css_class);
KmKioskIdleState km_test_kiosk_get_state (KmTestKiosk *kiosk);
void           km_test_kiosk_begin_visit (KmTestKiosk *kiosk);
void           km_test_visitor_input   (KmWindow     *window);

G_END_DECLS
