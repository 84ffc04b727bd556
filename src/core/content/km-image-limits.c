/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-image-limits"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

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
 * without librsvg, at a fraction of the time. libxml2, which librsvg
 * parses with, says whether the document is well-formed; these checks
 * then decline anything librsvg may treat specially (a DTD, entities,
 * CDATA, processing instructions, foreign or <style> elements), so a
 * verdict can only be "certainly good" or "ask librsvg".
 */
#define SVG_NAMESPACE "http://www.w3.org/2000/svg"
#define XLINK_NAMESPACE "http://www.w3.org/1999/xlink"
#define PLAIN_MAX_DEPTH 64
#define PLAIN_MAX_ELEMENTS 20000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlParserCtxt, xmlFreeParserCtxt)

/* libxml2 prints nothing: a document that is not plain goes to librsvg,
 * which says what is wrong with it. */
static void
discard_error (void        *user_data,
               xmlErrorPtr  error)
{
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

static gboolean
in_namespace (xmlNs      *ns,
              const char *href)
{
  return ns != NULL && ns->href != NULL && strcmp ((const char *) ns->href, href) == 0;
}

/* Attributes without a namespace, or in xml: or xlink:, the ones
 * librsvg reads. */
static gboolean
attributes_are_plain (xmlNode *node)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    if (attr->ns != NULL && !in_namespace (attr->ns, (const char *) XML_XML_NAMESPACE) &&
        !in_namespace (attr->ns, XLINK_NAMESPACE))
      return FALSE;

  return TRUE;
}

/* Elements in the SVG namespace but <style>, with text and comments. */
static gboolean
children_are_plain (xmlNode *parent,
                    int      depth,
                    guint   *n_elements)
{
  if (depth > PLAIN_MAX_DEPTH)
    return FALSE;

  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    switch (node->type)
      {
      case XML_TEXT_NODE:
      case XML_COMMENT_NODE:
        break;

      case XML_ELEMENT_NODE:
        if (++*n_elements > PLAIN_MAX_ELEMENTS || !in_namespace (node->ns, SVG_NAMESPACE) ||
            strcmp ((const char *) node->name, "style") == 0 || !attributes_are_plain (node) ||
            !children_are_plain (node, depth + 1, n_elements))
          return FALSE;
        break;

      default:
        /* CDATA, entity references, processing instructions, a DTD. */
        return FALSE;
      }

  return TRUE;
}

static gboolean
root_is_plain (xmlNode *root)
{
  double width = -1, height = -1;

  if (root == NULL || root->type != XML_ELEMENT_NODE || strcmp ((const char *) root->name, "svg") != 0 ||
      !in_namespace (root->ns, SVG_NAMESPACE) || root->ns->prefix != NULL)
    return FALSE;

  for (xmlAttr *attr = root->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      const char *value;

      if (attr->ns != NULL || (strcmp (name, "width") != 0 && strcmp (name, "height") != 0))
        continue;
      /* One text child: no entity references in the value. */
      if (attr->children == NULL || attr->children->type != XML_TEXT_NODE || attr->children->next != NULL)
        return FALSE;
      value = (const char *) attr->children->content;
      if (!parse_plain_length (value, name[0] == 'w' ? &width : &height))
        return FALSE;
    }

  /* librsvg takes a root's width and height as they are; rounding
   * either way must stay within the limits. */
  return width >= 1 && height >= 1 && km_image_check_size (ceil (width), ceil (height), NULL);
}

/**
 * km_image_svg_is_plain:
 * @data: a file's bytes
 * @len: their length
 *
 * Whether @data is an SVG document so plain that librsvg certainly parses
 * it and finds a size within the limits: well-formed UTF-8 XML (as
 * libxml2 says) of elements in the SVG namespace, attributes, text and
 * comments, its root an <svg> with width and height in pixels. %FALSE
 * says nothing: librsvg decides.
 */
gboolean
km_image_svg_is_plain (const char *data,
                       gsize       len)
{
  g_autoptr(xmlParserCtxt) context = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  guint n_elements = 1;

  if (len > KM_IMAGE_MAX_SVG_BYTES || len < 6)
    return FALSE;

  /* What gdk-pixbuf (and the MIME sniffing) recognise as SVG. */
  if (strncmp (data, "<?xml ", 6) != 0 && strncmp (data, "<svg", 4) != 0)
    return FALSE;
  if (g_strstr_len (data, MIN (len, 256), "<svg") == NULL || !g_utf8_validate_len (data, len, NULL))
    return FALSE;

  if (!(context = xmlNewParserCtxt ()))
    return FALSE;
  context->sax->serror = discard_error;

  /* No network, no entity substitution, no external DTD: and any of those
   * declines below anyway. */
  doc = xmlCtxtReadMemory (context, data, (int) len, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !context->wellFormed || !context->nsWellFormed || context->errNo != XML_ERR_OK ||
      context->lastError.code != XML_ERR_OK)
    return FALSE;

  if (doc->intSubset != NULL || doc->extSubset != NULL ||
      (doc->encoding != NULL && g_ascii_strcasecmp ((const char *) doc->encoding, "UTF-8") != 0) ||
      g_strcmp0 ((const char *) doc->version, "1.0") != 0)
    return FALSE;

  /* Only the root: no processing instruction, DOCTYPE or comment around it. */
  for (xmlNode *node = doc->children; node != NULL; node = node->next)
    if (node->type != XML_ELEMENT_NODE && node->type != XML_COMMENT_NODE)
      return FALSE;

  return root_is_plain (xmlDocGetRootElement (doc)) && attributes_are_plain (xmlDocGetRootElement (doc)) &&
         children_are_plain (xmlDocGetRootElement (doc), 1, &n_elements);
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
