/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Runs the fuzz target over the files of the corpus once, without
 * libFuzzer: a regression test of the corpus, and the proof that the
 * target links against the core library alone (tests/fuzz/meson.build).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
main (int    argc,
      char **argv)
{
  guint n = 0;

  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
      const char *name;

      if (dir == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *data = NULL;
          gsize len;

          if (!g_file_get_contents (path, &data, &len, &error))
            {
              fprintf (stderr, "%s\n", error->message);
              return 1;
            }

          LLVMFuzzerTestOneInput ((const uint8_t *)data, len);
          printf ("ok %u - %s\n", ++n, name);
        }
    }

  printf ("1..%u\n", n);

  return n > 0 ? 0 : 1;
}
