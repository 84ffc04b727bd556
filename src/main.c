/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "km-application.h"
#include "km-display.h"
#include "km-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KmApplication) app = NULL;

  km_i18n_init ();
  km_display_prepare ();

  app = km_application_new (G_APPLICATION_DEFAULT_FLAGS);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
