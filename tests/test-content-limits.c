/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <time.h>

#include "km-content-error.h"
#include "km-content-store.h"
#include "km-image-limits.h"
#include "km-image-view.h"
#include "km-pack-dir.h"
#include "km-svg.h"
#include "km-test-utils.h"
#include "km-thumbnail-loader.h"
#include "km-test-files.h"

/* Issue #16: a 109 KB PNG that declares 30000 × 30000 pixels took 2.8 GB
 * to validate. Every decoder checks the declared size first; the
 * validator also refuses an XML file too large to parse cheaply.
 */

#define BOMB_REASON "it is 30000 × 30000 pixels, more than the 16384 pixels a side and 64 megapixels"
#define SVG_BOMB "<svg xmlns='http://www.w3.org/2000/svg' width='30000' height='30000'>" \
                 "<rect width='30000' height='30000' fill='red'/></svg>"

typedef struct
{
  char  *root;
  GFile *dir;
} Fixture;

/* Made once: deflating its 112 MB of rows takes a second. */
static GBytes *bomb_png;

static GBytes *
get_bomb (void)
{
  if (bomb_png == NULL)
    bomb_png = km_test_make_png (30000, 30000);

  return g_bytes_ref (bomb_png);
}


/* Process CPU time, not wall time: a refused image costs next to nothing
 * and a decoded one seconds, however busy the machine is. */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  g_assert_cmpint (clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts), ==, 0);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
write_file (GFile      *dir,
            const char *path,
            GBytes     *bytes)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (dir, path);
  g_autoptr(GError) error = NULL;

  g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
write_text (GFile      *dir,
            const char *path,
            const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  write_file (dir, path, bytes);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) valid = g_file_new_build_filename (g_getenv ("KM_TEST_SRCDIR"), "content", "valid", NULL);

  fx->root = g_dir_make_tmp ("km-content-limits-XXXXXX", &error);
  g_assert_no_error (error);
  fx->dir = g_file_new_build_filename (fx->root, "pack", NULL);
  km_test_copy_tree (valid, fx->dir);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GFile) root = g_file_new_for_path (fx->root);

  km_pack_dir_remove_tree (root);
  g_clear_object (&fx->dir);
  g_free (fx->root);
}

/* The validator's one error for the pack, as "file:line:column: message". */
static char *
validate_one (Fixture *fx)
{
  g_autoptr(GPtrArray) errors = km_content_store_validate_dir (fx->dir);

  g_assert_cmpuint (errors->len, ==, 1);
  return km_content_error_to_string (g_ptr_array_index (errors, 0));
}

static void
test_check_size (void)
{
  static const struct { double width, height; gboolean ok; } cases[] = {
    { 1, 1, TRUE },
    { 16384, 2, TRUE },
    { 8000, 8000, TRUE },          /* exactly 64 megapixels */
    { 16385, 1, FALSE },
    { 1, 16385, FALSE },
    { 8001, 8000, FALSE },
    { 30000, 30000, FALSE },
    { 1e300, 1e300, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (km_image_check_size (cases[i].width, cases[i].height, &error), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    }
}

/* The bomb is refused from its header, at once; a wide but legal image decodes. */
static void
test_decode (void)
{
  g_autoptr(GBytes) bomb = get_bomb ();
  g_autoptr(GBytes) wide = km_test_make_png (16384, 2);
  g_autoptr(GBytes) too_wide = km_test_make_png (16385, 2);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* As in the issue: about 110 KB on disk. */
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 150 * 1024);

  start = cpu_time_us ();
  stream = g_memory_input_stream_new_from_bytes (bomb);
  pixbuf = km_image_decode (stream, 64, 64, NULL, &error);
  g_assert_null (pixbuf);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, BOMB_REASON " an image may have");
  g_assert_cmpint (cpu_time_us () - start, <, G_USEC_PER_SEC / 2);
  g_clear_error (&error);
  g_clear_object (&stream);

  stream = g_memory_input_stream_new_from_bytes (too_wide);
  g_assert_null (km_image_decode (stream, 64, 64, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_clear_object (&stream);

  /* Scaled to fit the box, aspect kept. */
  stream = g_memory_input_stream_new_from_bytes (wide);
  pixbuf = km_image_decode (stream, 4096, 64, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 4096);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 1);
}

static void
test_decode_formats (void)
{
  g_autoptr(GdkPixbuf) small = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 4, 2);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = g_bytes_new_static (SVG_BOMB, strlen (SVG_BOMB));
  char *data = NULL;
  gsize length;

  /* BMP is not among the formats a pack may use. */
  gdk_pixbuf_fill (small, 0x336699ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (small, &data, &length, "bmp", &error, NULL));
  stream = g_memory_input_stream_new_from_data (data, length, g_free);
  g_assert_null (km_image_decode (stream, 64, 64, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (error->message, ==, "it is a bmp image; images must be PNG, JPEG or SVG");
  g_clear_error (&error);
  g_clear_object (&stream);

  /* JPEG is. */
  g_assert_true (gdk_pixbuf_save_to_buffer (small, &data, &length, "jpeg", &error, NULL));
  stream = g_memory_input_stream_new_from_data (data, length, g_free);
  pixbuf = km_image_decode (stream, 8, 8, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 8);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 4);
  g_clear_object (&stream);

  /* An SVG declaring 30000 × 30000 through gdk-pixbuf, as the validator reads it. */
  stream = g_memory_input_stream_new_from_bytes (svg);
  g_assert_null (km_image_decode (stream, 64, 64, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, BOMB_REASON));
}

/* The content checks parse an SVG whole without drawing it (#19): what
 * fails to parse or is too large fails as it did when it was drawn.
 */
static void
test_check (void)
{
  static const struct
  {
    const char *svg;
    gboolean    good;
    const char *message;
  } cases[] = {
    { "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><circle r=\"3\"/></svg>", TRUE, NULL },
    { "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><circle r=\"3\"", FALSE, "Premature end of data" },
    { "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/><g/>", FALSE, "Extra content" },
    { SVG_BOMB, FALSE, BOMB_REASON },
    { "not an image", FALSE, "Unrecognized image file format" },
  };
  g_autoptr(GBytes) png = km_test_make_png (20, 10);
  g_autoptr(GBytes) bomb = get_bomb ();
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInputStream) svg = g_memory_input_stream_new_from_data (cases[i].svg, -1, NULL);
      gboolean good = km_image_check (svg, NULL, &error);

      g_assert_cmpint (good, ==, cases[i].good);
      if (good)
        g_assert_no_error (error);
      else
        g_assert_nonnull (strstr (error->message, cases[i].message));
      g_clear_error (&error);
    }

  stream = g_memory_input_stream_new_from_bytes (png);
  g_assert_true (km_image_check (stream, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&stream);

  stream = g_memory_input_stream_new_from_bytes (bomb);
  g_assert_false (km_image_check (stream, NULL, &error));
  g_assert_cmpstr (error->message, ==, BOMB_REASON " an image may have");
}

/* km_image_check() passes a plain SVG document without librsvg (#19): it
 * may only pass what librsvg passes, and leaves anything else to librsvg,
 * so every verdict is librsvg's.
 */
#define NS "xmlns='http://www.w3.org/2000/svg'"

static gboolean
librsvg_decodes (const char *svg)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (svg, -1, NULL);
  g_autoptr(GdkPixbuf) pixbuf = km_image_decode (stream, 64, 64, NULL, NULL);

  return pixbuf != NULL;
}

static void
test_svg_plain (void)
{
  static const struct
  {
    const char *svg;
    gboolean    plain;
  } cases[] = {
    { "<svg " NS " width='10' height='10'><circle r='3'/></svg>", TRUE },
    { "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg " NS " width=\"400px\" height=\"300.5\" "
      "viewBox=\"0 0 400 300\">\n  <!-- a comment -->\n  <rect width=\"1\" height=\"1\"/>text &amp; more</svg>\n", TRUE },
    { "<svg " NS " xmlns:xlink='http://www.w3.org/1999/xlink' width='10' height='10'>"
      "<use xlink:href='#a'/><g id='a' xml:space='preserve'/></svg>", TRUE },
    /* As tests/gen-content-pack.py writes them. */
    { "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"400\" viewBox=\"0 0 300 400\">\n"
      "  <rect width=\"300\" height=\"400\" fill=\"hsl(12, 35%, 22%)\"/>\n"
      "  <circle cx=\"40\" cy=\"50\" r=\"6\" fill=\"hsl(30, 45%, 60%)\" opacity=\"0.8\"/>\n"
      "  <path d=\"M0 360 Q 150.0 310 300 360 V 400 H 0 Z\" fill=\"hsl(12, 20%, 85%)\"/>\n</svg>\n", TRUE },
    /* libxml2 replaces a character reference as it parses. */
    { "<svg " NS " width='10' height='10'>&#65;</svg>", TRUE },
    /* Good, but for librsvg to say. */
    { "<svg " NS " viewBox='0 0 10 10'/>", FALSE },
    { "<svg " NS " width='1cm' height='1cm'/>", FALSE },
    { "<svg " NS " width=' 10' height='10'/>", FALSE },
    { "<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY ns 'http://www.w3.org/2000/svg'>]>"
      "<svg xmlns='&ns;' width='10' height='10'/>", FALSE },
    { "<?xml version='1.0' encoding='ISO-8859-1'?><svg " NS " width='10' height='10'/>", FALSE },
    { "<svg " NS " width='10' height='10'><![CDATA[ x ]]></svg>", FALSE },
    { "<svg:svg xmlns:svg='http://www.w3.org/2000/svg' width='10' height='10'/>", FALSE },
    /* Bad: librsvg says why. */
    { "<svg " NS " width='10' height='10' width='10'/>", FALSE },
    { "<svg " NS " width='10' height='10'><a:b/></svg>", FALSE },
    { "<svg " NS " width='10' height='10'><g a:b='1'/></svg>", FALSE },
    { "<svg " NS " width='10' height='10'/><g/>", FALSE },
    { "<svg " NS " width='10' height='10'/>tail", FALSE },
    { "<svg " NS " width='10' height='10'>\x01</svg>", FALSE },
    { "<svg " NS " width='10'height='10'/>", FALSE },
    { "<svg " NS " width='10' height='10'><g id='a<b'/></svg>", FALSE },
    { "<svg " NS " width='10' height='10'>]]></svg>", FALSE },
    { "<svg " NS " width='10' height='10'><!-- a -- b --></svg>", FALSE },
    { "<svg " NS " width='10' height='10'><!-- a ---></svg>", FALSE },
    { "<svg " NS " width='10' height='10'><g></svg>", FALSE },
    { "<svg " NS " width='10' height='10'>", FALSE },
    { "<?xml version='1.0'?><?xml-stylesheet href='a.css'?><svg " NS " width='10' height='10'/>", FALSE },
    { "<?xml version='2.0'?><svg " NS " width='10' height='10'/>", FALSE },
    { "<svg " NS " width='0' height='10'/>", FALSE },
    { "<svg " NS " width='0.5' height='10'/>", FALSE },
    { "<svg " NS " width='16384' height='16384'/>", FALSE },
    { "<svg " NS " width='16385' height='1'/>", FALSE },
    { "<svg width='10' height='10'/>", FALSE },
    { "<svg xmlns='http://www.w3.org/2000/svg#' width='10' height='10'/>", FALSE },
    { "<svg " NS " xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>", FALSE },
    { "<svg " NS " xmlns:a='' width='10' height='10'/>", FALSE },
    { "<svg " NS " xmlns:a='urn:a' xmlns:b='urn:a' width='10' height='10'><g a:x='1' b:x='2'/></svg>", FALSE },
    { "<svg " NS " width='10' height='10'><g xmlns:a='urn:a'/><g a:x='1'/></svg>", FALSE },
    { "<html><svg " NS " width='10' height='10'/></html>", FALSE },
    /* libxml2 parses these; librsvg may treat them specially (#19). */
    { "<!DOCTYPE svg PUBLIC '-//W3C//DTD SVG 1.1//EN' 'http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd'>"
      "<svg " NS " width='10' height='10'/>", FALSE },
    { "<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY a 'x'>]><svg " NS " width='10' height='10'>&a;</svg>", FALSE },
    { "<svg " NS " xmlns:xi='http://www.w3.org/2001/XInclude' width='10' height='10'>"
      "<xi:include href='other.svg'/></svg>", FALSE },
    { "<svg " NS " width='10' height='10'><style>rect { fill: red }</style></svg>", FALSE },
    { "<svg " NS " width='10' height='10'><style>@import url(a.css);</style></svg>", FALSE },
    { "<svg " NS " xmlns:i='urn:i' width='10' height='10'><g i:x='1'/></svg>", FALSE },
    { "<?xml version='1.0'?>\n<!-- before --><svg " NS " width='10' height='10'/><!-- after -->", TRUE },
    { "<!-- before --><svg " NS " width='10' height='10'/>", FALSE },
    { "\xEF\xBB\xBF<svg " NS " width='10' height='10'/>", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *svg = cases[i].svg;
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (svg, -1, NULL);
      gboolean rsvg = librsvg_decodes (svg);
      g_autoptr(GError) error = NULL;
      gboolean checked;

      g_test_message ("case %u: %s", i, svg);
      g_assert_cmpint (km_image_svg_is_plain (svg, strlen (svg)), ==, cases[i].plain);
      if (cases[i].plain)
        g_assert_true (rsvg);

      checked = km_image_check (stream, NULL, &error);
      g_assert_cmpint (checked, ==, rsvg);
      g_assert_true (checked == (error == NULL));
    }

  /* Only the bytes given: a truncated document is not plain. */
  g_assert_false (km_image_svg_is_plain (cases[0].svg, strlen (cases[0].svg) - 1));
}

/* Validation: --validate and the updater's check before a switch. */
static void
test_validate (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GBytes) bomb = get_bomb ();
  g_autofree char *message = NULL;
  gint64 start;

  write_file (fx->dir, "images/map.png", bomb);
  start = cpu_time_us ();
  message = validate_one (fx);
  g_assert_cmpstr (message, ==, "exhibits.xml:20:37: image “images/map.png” of exhibit “map” does not decode: "
                                BOMB_REASON " an image may have");
  /* It used to take seconds and gigabytes. */
  g_assert_cmpint (cpu_time_us () - start, <, G_USEC_PER_SEC);
}

static void
test_validate_svg (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *message = NULL;

  write_text (fx->dir, "images/candle.svg", SVG_BOMB);
  message = validate_one (fx);
  g_assert_true (g_str_has_prefix (message, "exhibits.xml:3:"));
  g_assert_nonnull (strstr (message, "image “images/candle.svg” of exhibit “candle” does not decode: " BOMB_REASON));
}

static void
test_xml_size (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (fx->dir, "statistics.xml");
  g_autoptr(GFileOutputStream) out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, NULL);
  g_autofree char *comment = g_strnfill (1024 * 1024, 'x');
  g_autofree char *message = NULL;
  gint64 start;

  /* 17 MiB of comment after the root element. */
  g_assert_nonnull (out);
  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), "<!--", 4, NULL, NULL, NULL));
  for (guint i = 0; i < 17; i++)
    g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), comment, strlen (comment), NULL, NULL, NULL));
  g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), "-->", 3, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL));

  start = cpu_time_us ();
  message = validate_one (fx);
  g_assert_cmpstr (message, ==, "statistics.xml: the file is larger than 16 MiB");
  g_assert_cmpint (cpu_time_us () - start, <, G_USEC_PER_SEC);
}

/* The thumbnail loader and the image view, which the gallery and the
 * start-up use: no decode, no render, a message.
 */
static void
test_render (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GBytes) bomb = get_bomb ();
  g_autoptr(GFile) png = g_file_resolve_relative_path (fx->dir, "images/map.png");
  g_autoptr(GFile) svg = g_file_resolve_relative_path (fx->dir, "images/candle.svg");
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new ("<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>");
  RsvgHandle *handle;
  gint64 start;

  write_file (fx->dir, "images/map.png", bomb);
  write_text (fx->dir, "images/candle.svg", SVG_BOMB);

  start = cpu_time_us ();
  texture = km_image_render_texture (png, 400, 300, NULL, &error);
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, BOMB_REASON));
  g_assert_cmpint (cpu_time_us () - start, <, G_USEC_PER_SEC / 2);
  g_clear_error (&error);

  texture = km_image_render_texture (svg, 400, 300, NULL, &error);
  g_assert_null (texture);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, BOMB_REASON));
  g_clear_error (&error);

  /* An SVG over 8 MiB is not parsed at all. */
  while (big->len <= KM_IMAGE_MAX_SVG_BYTES)
    g_string_append (big, "<rect width='1' height='1'/>\n");
  g_string_append (big, "</svg>");
  write_text (fx->dir, "images/candle.svg", big->str);
  handle = km_svg_load (svg, NULL, &error);
  g_assert_null (handle);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "it is an SVG file larger than 8 MiB");
}

static gboolean
is_loaded (gpointer view)
{
  return km_image_view_get_loaded (view);
}

static void
on_log_cb (const char     *domain,
           GLogLevelFlags  level,
           const char     *message,
           gpointer        user_data)
{
  g_string_append (user_data, message);
}

static gboolean
has_text (gpointer data)
{
  return ((GString *) data)->len > 0;
}

static void
test_image_view (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GBytes) bomb = get_bomb ();
  g_autoptr(GFile) png = g_file_resolve_relative_path (fx->dir, "images/map.png");
  g_autoptr(GFile) bomb_file = g_file_resolve_relative_path (fx->dir, "images/bomb.png");
  g_autoptr(GFile) svg = g_file_resolve_relative_path (fx->dir, "images/bomb.svg");
  GtkWidget *view = g_object_ref_sink (km_image_view_new ());
  g_autoptr(GString) log = g_string_new (NULL);
  guint handler;

  write_file (fx->dir, "images/bomb.png", bomb);
  write_text (fx->dir, "images/bomb.svg", SVG_BOMB);

  /* A real image loads… */
  km_image_view_set_file (KM_IMAGE_VIEW (view), png);
  g_assert_true (km_test_wait_until (is_loaded, view, 10000));

  /* …the bombs do not, the view stays empty and says why. */
  handler = g_log_set_handler ("km-image-view", G_LOG_LEVEL_MESSAGE, on_log_cb, log);
  km_image_view_set_file (KM_IMAGE_VIEW (view), svg);
  g_assert_true (g_str_has_prefix (log->str, "Could not load the exhibit image: " BOMB_REASON));
  g_assert_false (km_image_view_get_loaded (KM_IMAGE_VIEW (view)));
  g_string_truncate (log, 0);

  /* A raster image is decoded in a thread. */
  km_image_view_set_file (KM_IMAGE_VIEW (view), bomb_file);
  g_assert_true (km_test_wait_until (has_text, log, 20000));
  g_assert_true (g_str_has_prefix (log->str, "Could not load the exhibit image: " BOMB_REASON));
  g_assert_false (km_image_view_get_loaded (KM_IMAGE_VIEW (view)));
  g_log_remove_handler ("km-image-view", handler);

  g_assert_finalize_object (view);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  km_test_init (&argc, &argv);

  g_test_add_func ("/km/content-limits/check-size", test_check_size);
  g_test_add_func ("/km/content-limits/decode", test_decode);
  g_test_add_func ("/km/content-limits/decode-formats", test_decode_formats);
  g_test_add_func ("/km/content-limits/check", test_check);
  g_test_add_func ("/km/content-limits/svg-plain", test_svg_plain);
#define ADD(path, func) g_test_add ("/km/content-limits/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("validate", test_validate);
  ADD ("validate-svg", test_validate_svg);
  ADD ("xml-size", test_xml_size);
  ADD ("render", test_render);
  ADD ("image-view", test_image_view);
#undef ADD

  ret = g_test_run ();
  g_clear_pointer (&bomb_png, g_bytes_unref);

  return ret;
}
