/* km-test-files.c: files and folders for tests. */
#include "km-test-files.h"

/* Copies a fixture folder, so that a test may change its copy. */
void
km_test_copy_tree (GFile *from,
                   GFile *to)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;

  g_file_make_directory_with_parents (to, NULL, NULL);
  enumerator = g_file_enumerate_children (from, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &error);
  g_assert_no_error (error);

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      g_autoptr(GFile) target = NULL;

      g_assert_true (g_file_enumerator_iterate (enumerator, &info, &child, NULL, &error));
      g_assert_no_error (error);
      if (info == NULL)
        break;

      target = g_file_get_child (to, g_file_info_get_name (info));
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        km_test_copy_tree (child, target);
      else
        {
          g_file_copy (child, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
          g_assert_no_error (error);
        }
    }
}

/* Deletes @file and, if it is a folder, all it holds; never follows a
 * symbolic link out of the tree. Whatever is already gone is fine. */
void
km_test_remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  while (children != NULL)
    {
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) || child == NULL)
        break;
      km_test_remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

/* The sanitizer build runs some three times slower (meson's
 * --timeout-multiplier 3 in the test command), and CI may run it on a
 * busy machine: a wait is a guard against a hang, not a speed limit. */
static guint
wait_scale (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return 3;
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
  return 3;
# else
  return 1;
# endif
#else
  return 1;
#endif
}

/* Runs the default main context until @predicate holds or @timeout_ms
 * pass (three times as long in a sanitizer build); returns whether it
 * holds. */
gboolean
km_test_wait_until (gboolean (*predicate) (gpointer),
                    gpointer   data,
                    guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000 * wait_scale ();

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
  return TRUE;
}
