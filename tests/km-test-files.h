/* km-test-files.h: files and folders for tests, GIO only, so that the
 * tests of the core (no toolkit) share them with the others.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     km_test_copy_tree   (GFile *from,
                              GFile *to);
void     km_test_remove_tree (GFile *file);
gboolean km_test_wait_until  (gboolean (*predicate) (gpointer),
                              gpointer   data,
                              guint      timeout_ms);

G_END_DECLS
