/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-image-limits"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "km-image-limits.h"

#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  int      width;
  int      height;
  gboolean check_only;
  gboolean parsed;   /* check_only: an SVG read whole, not drawn */
  GError  *error;
} Decode;

/**
 * km_image_check_size:
 * @width: the width an image declares, in pixels
 * @height: its height
 *
 * Returns: whether an image of that size may be decoded; if not, @error
 *   says why in a sentence that starts with “it is”
 */
gboolean
km_image_check_size (double   width,
                     double   height,
                     GError **error)
{
  /* Written so that NaN and infinity fail too. */
  if (width <= KM_IMAGE_MAX_SIDE && height <= KM_IMAGE_MAX_SIDE &&
      width * height <= (double) KM_IMAGE_MAX_PIXELS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "it is %.0f × %.0f pixels, more than the %d pixels a side and %d megapixels an image may have",
               width, height, KM_IMAGE_MAX_SIDE, (int) (KM_IMAGE_MAX_PIXELS / 1000000));
  return FALSE;
}

/* A plain SVG document (#19): km_image_check() proves what librsvg would
 * (it parses and declares a size within the limits) for the common case
 * without librsvg, at a tenth of the time. Anything this does not fully
 * understand is left to librsvg, so a verdict can only be "certainly
 * good" or "ask librsvg": GMarkup is stricter than libxml2 in places
 * (entities, DOCTYPE), and where it is laxer (duplicate attributes,
 * namespaces, comments, several roots) these checks decline.
 */
#define SVG_NAMESPACE "http://www.w3.org/2000/svg"
#define PLAIN_MAX_DEPTH 64
#define PLAIN_MAX_ELEMENTS 20000

typedef struct
{
  int       depth;
  guint     n_elements;
  gboolean  seen;       /* anything at all was parsed */
  gboolean  root_done;
  gboolean  sized;
  GPtrArray *prefixes;  /* "DEPTH:PREFIX" in scope, innermost last */
} Plain;

static void
decline (GError **error)
{
  /* Only stops the parse: the message is never shown. */
  g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "not plain");
}

static gboolean
prefix_in_scope (Plain      *plain,
                 const char *prefix,
                 gsize       len)
{
  if (len == 3 && strncmp (prefix, "xml", 3) == 0)
    return TRUE;

  for (guint i = 0; i < plain->prefixes->len; i++)
    {
      const char *entry = strchr (g_ptr_array_index (plain->prefixes, i), ':') + 1;

      if (strlen (entry) == len && strncmp (entry, prefix, len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* NAME or PREFIX:NAME with PREFIX declared; *local set to NAME. */
static gboolean
name_resolves (Plain       *plain,
               const char  *name,
               const char **local)
{
  const char *colon = strchr (name, ':');

  *local = name;
  if (colon == NULL)
    return TRUE;
  if (colon == name || colon[1] == '\0' || strchr (colon + 1, ':') != NULL)
    return FALSE;

  *local = colon + 1;
  return prefix_in_scope (plain, name, colon - name);
}

/* A width or height of plain pixels: digits, a fraction, "px" or not. */
static gboolean
parse_plain_length (const char *value,
                    double     *out)
{
  const char *p = value;
  gboolean digits = FALSE;

  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (*p == '.')
    {
      p++;
      digits = FALSE;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits || (*p != '\0' && strcmp (p, "px") != 0))
    return FALSE;

  *out = g_ascii_strtod (value, NULL);
  return TRUE;
}

static void
plain_start_element (GMarkupParseContext  *context,
                     const char           *element_name,
                     const char          **attribute_names,
                     const char          **attribute_values,
                     gpointer              user_data,
                     GError              **error)
{
  Plain *plain = user_data;
  const char *local;
  gboolean root = plain->depth == 0;
  double width = -1, height = -1;
  gboolean svg_namespace = FALSE;

  plain->seen = TRUE;
  if (plain->root_done || ++plain->depth > PLAIN_MAX_DEPTH || ++plain->n_elements > PLAIN_MAX_ELEMENTS)
    return decline (error);

  /* The element's own declarations are in scope for its names. */
  for (guint i = 0; attribute_names[i] != NULL; i++)
    if (g_str_has_prefix (attribute_names[i], "xmlns:"))
      {
        const char *prefix = attribute_names[i] + 6;

        if (*prefix == '\0' || strchr (prefix, ':') != NULL || *attribute_values[i] == '\0' ||
            g_ascii_strncasecmp (prefix, "xml", 3) == 0)
          return decline (error);
        g_ptr_array_add (plain->prefixes, g_strdup_printf ("%d:%s", plain->depth, prefix));
      }

  if (!name_resolves (plain, element_name, &local))
    return decline (error);

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      const char *name = attribute_names[i];
      const char *attr_local;

      for (guint j = 0; j < i; j++)
        {
          const char *other = strchr (attribute_names[j], ':');
          const char *mine = strchr (name, ':');

          /* The same name, or maybe the same namespace by two prefixes. */
          if (strcmp (attribute_names[j], name) == 0 ||
              (other != NULL && mine != NULL && strcmp (other, mine) == 0))
            return decline (error);
        }

      if (strcmp (name, "xmlns") == 0)
        {
          svg_namespace = strcmp (attribute_values[i], SVG_NAMESPACE) == 0;
          continue;
        }
      if (g_str_has_prefix (name, "xmlns:"))
        continue;
      if (!name_resolves (plain, name, &attr_local))
        return decline (error);

      if (root && strcmp (name, "width") == 0 && !parse_plain_length (attribute_values[i], &width))
        return decline (error);
      if (root && strcmp (name, "height") == 0 && !parse_plain_length (attribute_values[i], &height))
        return decline (error);
    }

  if (root)
    {
      /* librsvg takes a root's width and height as they are; rounding
       * either way must stay within the limits. */
      if (strcmp (element_name, "svg") != 0 || !svg_namespace ||
          width < 1 || height < 1 || !km_image_check_size (ceil (width), ceil (height), NULL))
        return decline (error);
      plain->sized = TRUE;
    }
}

static void
plain_end_element (GMarkupParseContext  *context,
                   const char           *element_name,
                   gpointer              user_data,
                   GError              **error)
{
  Plain *plain = user_data;

  while (plain->prefixes->len > 0)
    {
      const char *last = g_ptr_array_index (plain->prefixes, plain->prefixes->len - 1);

      if (atoi (last) != plain->depth)
        break;
      g_ptr_array_remove_index (plain->prefixes, plain->prefixes->len - 1);
    }

  if (--plain->depth == 0)
    plain->root_done = TRUE;
}

static void
plain_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 text_len,
            gpointer              user_data,
            GError              **error)
{
  Plain *plain = user_data;

  if (plain->depth > 0)
    return;
  for (gsize i = 0; i < text_len; i++)
    if (!g_ascii_isspace (text[i]))
      return decline (error);
}

/* <?xml version="1.0"?>, with encoding="UTF-8" and standalone="yes|no"
 * or not, in that order.
 */
static gboolean
is_plain_declaration (const char *text,
                      gsize       len)
{
  static const char *names[] = { "version", "encoding", "standalone" };
  g_autofree char *copy = g_strndup (text, len);
  const char *p = copy + 5;
  guint next = 0;

  while (TRUE)
    {
      const char *start = p;
      g_autofree char *value = NULL;
      const char *end;
      char quote;
      guint n;

      while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
      if (strcmp (p, "?>") == 0)
        return next > 0;
      if (p == start)
        return FALSE;

      for (n = next; n < G_N_ELEMENTS (names); n++)
        if (g_str_has_prefix (p, names[n]) && p[strlen (names[n])] == '=')
          break;
      if (n == G_N_ELEMENTS (names) || (next == 0 && n != 0))
        return FALSE;
      p += strlen (names[n]) + 1;
      quote = *p++;
      if ((quote != '"' && quote != '\'') || !(end = strchr (p, quote)))
        return FALSE;
      value = g_strndup (p, end - p);
      p = end + 1;
      next = n + 1;

      if ((n == 0 && strcmp (value, "1.0") != 0) ||
          (n == 1 && g_ascii_strcasecmp (value, "UTF-8") != 0) ||
          (n == 2 && strcmp (value, "yes") != 0 && strcmp (value, "no") != 0))
        return FALSE;
    }
}

static void
plain_passthrough (GMarkupParseContext  *context,
                   const char           *text,
                   gsize                 text_len,
                   gpointer              user_data,
                   GError              **error)
{
  Plain *plain = user_data;
  gboolean first = !plain->seen;

  plain->seen = TRUE;
  if (first && text_len >= 6 && strncmp (text, "<?xml ", 6) == 0 && is_plain_declaration (text, text_len))
    return;

  /* A comment without "--" inside nor "-" before its end. */
  if (text_len >= 7 && strncmp (text, "<!--", 4) == 0 && text[text_len - 4] != '-')
    {
      for (gsize i = 4; i + 4 < text_len; i++)
        if (text[i] == '-' && text[i + 1] == '-')
          return decline (error);
      return;
    }

  decline (error);
}

/* What GMarkup lets through in tags and libxml2 refuses: attributes not
 * apart (a='1'b='2'), "<" in an attribute's value. Comments and the
 * declaration are skipped; the parse checks the rest.
 */
static gboolean
tags_are_plain (const char *data,
                gsize       len)
{
  enum { OUT, TAG, VALUE, AFTER_VALUE } state = OUT;
  char quote = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      switch (state)
        {
        case OUT:
          if (c != '<')
            break;
          if (i + 3 < len && strncmp (data + i, "<!--", 4) == 0)
            {
              const char *end = g_strstr_len (data + i + 4, len - i - 4, "-->");

              if (end == NULL)
                return FALSE;
              i = end - data + 2;
            }
          else if (i + 1 < len && data[i + 1] == '?')
            {
              const char *end = g_strstr_len (data + i + 2, len - i - 2, "?>");

              if (end == NULL)
                return FALSE;
              i = end - data + 1;
            }
          else if (i + 1 < len && data[i + 1] == '!')
            return FALSE;
          else
            state = TAG;
          break;

        case TAG:
          if (c == '"' || c == '\'')
            state = VALUE, quote = c;
          else if (c == '>')
            state = OUT;
          break;

        case VALUE:
          if (c == '<')
            return FALSE;
          if (c == quote)
            state = AFTER_VALUE;
          break;

        case AFTER_VALUE:
          if (c == '>')
            state = OUT;
          else if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '/')
            state = TAG;
          else
            return FALSE;
          break;
        }
    }

  return state == OUT;
}

/**
 * km_image_svg_is_plain:
 * @data: a file's bytes
 * @len: their length
 *
 * Whether @data is an SVG document so plain that librsvg certainly parses
 * it and finds a size within the limits: UTF-8 XML of elements,
 * attributes, text and comments, its root an <svg> in the SVG namespace
 * with width and height in pixels. %FALSE says nothing: librsvg decides.
 */
gboolean
km_image_svg_is_plain (const char *data,
                       gsize       len)
{
  static const GMarkupParser parser = {
    plain_start_element, plain_end_element, plain_text, plain_passthrough, NULL
  };
  g_autoptr(GPtrArray) prefixes = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  Plain plain = { 0 };
  gboolean ok;

  if (len > KM_IMAGE_MAX_SVG_BYTES || len < 6)
    return FALSE;

  /* What gdk-pixbuf (and the MIME sniffing) recognise as SVG. */
  if (strncmp (data, "<?xml ", 6) != 0 && strncmp (data, "<svg", 4) != 0)
    return FALSE;
  if (g_strstr_len (data, MIN (len, 256), "<svg") == NULL)
    return FALSE;

  /* What libxml2 refuses, or loads from elsewhere, and GMarkup may let
   * through: control characters, character references (&#1;), U+FFFE
   * and U+FFFF, "]]>", inclusions and imports. */
  for (gsize i = 0; i < len; i++)
    {
      guchar c = data[i];

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
          (c == '&' && i + 1 < len && data[i + 1] == '#') ||
          (c == 0xEF && i + 2 < len && (guchar) data[i + 1] == 0xBF &&
           ((guchar) data[i + 2] == 0xBE || (guchar) data[i + 2] == 0xBF)) ||
          (c == ']' && i + 2 < len && data[i + 1] == ']' && data[i + 2] == '>'))
        return FALSE;
    }
  if (g_strstr_len (data, len, "XInclude") != NULL || g_strstr_len (data, len, "@import") != NULL ||
      !tags_are_plain (data, len))
    return FALSE;

  prefixes = g_ptr_array_new_with_free_func (g_free);
  plain.prefixes = prefixes;
  context = g_markup_parse_context_new (&parser, 0, &plain, NULL);
  ok = g_markup_parse_context_parse (context, data, len, NULL) &&
       g_markup_parse_context_end_parse (context, NULL);

  return ok && plain.sized && plain.root_done && plain.depth == 0;
}

static char *
dup_format_name (GdkPixbufLoader *loader)
{
  GdkPixbufFormat *format = gdk_pixbuf_loader_get_format (loader);

  return format != NULL ? gdk_pixbuf_format_get_name (format) : NULL;
}

/* The header is read: refuse before a pixel is allocated. A size of 0 × 0
 * makes gdk-pixbuf's loaders stop (as gdk_pixbuf_get_file_info() does).
 */
static void
on_size_prepared_cb (GdkPixbufLoader *loader,
                     int              width,
                     int              height,
                     Decode          *decode)
{
  g_autofree char *name = NULL;
  double scale;

  if (decode->error != NULL)
    return;

  name = dup_format_name (loader);
  if (g_strcmp0 (name, "png") != 0 && g_strcmp0 (name, "jpeg") != 0 && g_strcmp0 (name, "svg") != 0)
    {
      g_set_error (&decode->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "it is a %s image; images must be PNG, JPEG or SVG", name != NULL ? name : "unknown");
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  if (width <= 0 || height <= 0 || !km_image_check_size (width, height, &decode->error))
    {
      if (decode->error == NULL)
        g_set_error_literal (&decode->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "it has no size");
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  /* librsvg has parsed the whole document when it says its size: drawing
   * it is more than half of a check's time and finds nothing parsing did
   * not (#19), so a check stops here.
   */
  if (decode->check_only && g_strcmp0 (name, "svg") == 0)
    {
      decode->parsed = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  /* Fit the box, keeping the aspect, like gdk_pixbuf_new_from_stream_at_scale(). */
  scale = MIN ((double) decode->width / width, (double) decode->height / height);
  gdk_pixbuf_loader_set_size (loader, MAX (1, (int) round (width * scale)),
                              MAX (1, (int) round (height * scale)));
}

static GdkPixbuf *
decode_stream (GInputStream  *stream,
               const guint8  *prefix,
               gsize          prefix_len,
               int            width,
               int            height,
               gboolean       check_only,
               gboolean      *parsed,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree guchar *buffer = g_malloc (CHUNK_SIZE);
  Decode decode = { width, height, check_only, FALSE, NULL };
  gsize total = 0;
  gboolean closed = FALSE;
  GdkPixbuf *pixbuf;


  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_size_prepared_cb), &decode);

  while (decode.error == NULL && local_error == NULL)
    {
      const guint8 *data = buffer;
      gssize n;

      /* What the caller read already comes first. */
      if (prefix_len > 0)
        {
          data = prefix;
          n = prefix_len;
          prefix_len = 0;
        }
      else
        n = g_input_stream_read (stream, buffer, CHUNK_SIZE, cancellable, &local_error);

      if (n <= 0)
        break;

      total += n;
      if (!gdk_pixbuf_loader_write (loader, data, n, &local_error))
        break;

      /* librsvg parses the whole document: bound what it is given. */
      if (total > KM_IMAGE_MAX_SVG_BYTES)
        {
          g_autofree char *name = dup_format_name (loader);

          if (g_strcmp0 (name, "svg") == 0)
            g_set_error (&decode.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "it is an SVG file larger than %d MiB", KM_IMAGE_MAX_SVG_BYTES / 1024 / 1024);
        }
    }

  if (decode.error == NULL && local_error == NULL)
    closed = gdk_pixbuf_loader_close (loader, &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  if (decode.error != NULL)
    {
      g_propagate_error (error, decode.error);
      return NULL;
    }

  /* The loader says it could not draw what it was told not to. */
  if (decode.parsed)
    {
      *parsed = TRUE;
      return NULL;
    }

  if (!closed)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                             "the image is incomplete");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (!(pixbuf = gdk_pixbuf_loader_get_pixbuf (loader)))
    {
      g_set_error_literal (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_CORRUPT_IMAGE,
                           "the image has no pixels");
      return NULL;
    }

  return g_object_ref (pixbuf);
}

/**
 * km_image_decode:
 * @stream: a PNG, JPEG or SVG image
 * @width: the width to fit, > 0
 * @height: the height to fit, > 0
 *
 * Decodes @stream scaled to fit @width × @height, keeping its aspect
 * ratio, after checking its format and the size its header declares
 * against the limits in km-image-limits.h. Any thread.
 *
 * Returns: (transfer full) (nullable): the image, or %NULL with @error set
 */
GdkPixbuf *
km_image_decode (GInputStream  *stream,
                 int            width,
                 int            height,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gboolean parsed = FALSE;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  return decode_stream (stream, NULL, 0, width, height, FALSE, &parsed, cancellable, error);
}

/**
 * km_image_check:
 * @stream: a PNG, JPEG or SVG image
 * @cancellable: (nullable): a #GCancellable
 * @error: a #GError
 *
 * Checks @stream as km_image_decode() does, except that an SVG image is
 * parsed whole but not drawn: what the content checks need, at less than
 * half the cost; a plain one (km_image_svg_is_plain()) is not even given
 * to librsvg. A PNG or JPEG image is decoded, at a small size. Any
 * thread.
 *
 * Returns: whether the image is good
 */
gboolean
km_image_check (GInputStream  *stream,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GByteArray) head = g_byte_array_sized_new (CHUNK_SIZE);
  gboolean parsed = FALSE;
  gboolean svg = FALSE;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);

  /* An SVG file is read whole (up to one byte over its limit) for
   * km_image_svg_is_plain(); a raster image only its first chunk. */
  while (head->len <= KM_IMAGE_MAX_SVG_BYTES)
    {
      gsize start = head->len;
      gsize want = head->len == 0 ? CHUNK_SIZE : MIN (CHUNK_SIZE, KM_IMAGE_MAX_SVG_BYTES + 1 - head->len);
      gssize n;

      g_byte_array_set_size (head, start + want);
      n = g_input_stream_read (stream, head->data + start, want, cancellable, error);
      g_byte_array_set_size (head, start + MAX (n, 0));
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (start == 0 &&
          !(svg = head->len >= 6 && (memcmp (head->data, "<?xml ", 6) == 0 || memcmp (head->data, "<svg", 4) == 0)))
        break;
    }

  if (svg && km_image_svg_is_plain ((const char *) head->data, head->len))
    return TRUE;

  pixbuf = decode_stream (stream, head->data, head->len, 64, 64, TRUE, &parsed, cancellable, error);
  return pixbuf != NULL || parsed;
}
