/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-pack"

#include "config.h"

#include "km-pack-tool.h"

int
km_pack_cmd_translate (int    argc,
                       char **argv)
{
  gboolean merge = FALSE;
  const GOptionEntry entries[] = {
    { "merge", 0, 0, G_OPTION_ARG_NONE, &merge,
      "Write the translations in DIR/po/*.po back into the pack", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  int status;

  g_option_context_set_summary (context,
    "Writes the pack's translatable text to DIR/po/pack.pot for translators,\n"
    "or with --merge writes their DIR/po/LANG.po files back into the pack.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = km_pack_parse_options (context, "translate", &argc, &argv, 1, 1)) != KM_PACK_EXIT_OK)
    return status;

  g_printerr ("%s translate: not available in this version yet\n", KM_PACK_PROGRAM);

  return KM_PACK_EXIT_CONTENT;
}
