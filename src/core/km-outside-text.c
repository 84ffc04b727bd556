/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-outside-text"

#include "config.h"

#include <string.h>

#include "km-outside-text.h"

/* Text from outside the application (a server, a pack, an HTTP client)
 * passes through here before it reaches a label, a log line or a JSON
 * body. It stays plain text: escaping for markup is the caller's job
 * (gtk_label_set_text(), g_markup_escape_text()).
 */

/* A UTF-8 character takes at most 4 bytes. */
#define MAX_BYTES (KM_OUTSIDE_TEXT_MAX_CHARS * 4 + 4)

static gboolean
is_unwanted (gunichar c)
{
  /* C0, DEL and C1 controls: line breaks, terminal escapes. */
  if (g_unichar_iscntrl (c))
    return TRUE;

  /* Line and paragraph separators split a log line too; bidi embeddings,
   * overrides and isolates can make a message read as something else. */
  return c == 0x2028 || c == 0x2029 ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

/**
 * km_outside_text_plain:
 * @text: (nullable): text from outside, in any encoding
 * @len: its length in bytes, or -1 if it is nul-terminated
 *
 * Makes @text fit to show or log as one line: invalid UTF-8 (and nul
 * bytes within @len) become U+FFFD, control characters a space, and text
 * over %KM_OUTSIDE_TEXT_MAX_CHARS characters is cut with an ellipsis.
 * Only the first few kilobytes of @text are read.
 *
 * Returns: (transfer full): valid UTF-8; "" for %NULL
 */
char *
km_outside_text_plain (const char *text,
                       gssize      len)
{
  g_autofree char *valid = NULL;
  GString *out;
  const char *p;
  guint n_chars = 0;
  gsize limit;

  if (text == NULL)
    return g_strdup ("");

  if (len < 0)
    {
      const char *nul = memchr (text, '\0', MAX_BYTES + 1);

      len = nul != NULL ? nul - text : MAX_BYTES + 1;
    }
  limit = MIN ((gsize) len, MAX_BYTES + 1);

  /* Text cut at limit still has more than the maximum characters, so the
   * loop below adds the ellipsis. */
  valid = g_utf8_make_valid (text, limit);
  out = g_string_sized_new (limit);

  for (p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (n_chars == KM_OUTSIDE_TEXT_MAX_CHARS)
        {
          g_string_append (out, "…");
          break;
        }

      if (is_unwanted (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
      n_chars++;
    }

  return g_string_free (out, FALSE);
}

/**
 * km_outside_text_redact_uri:
 * @uri: (nullable): an address from settings, a manifest or a server
 *
 * Gives an address fit to show or log: user name, password, query and
 * fragment are dropped, since each may carry a credential. An address
 * that does not parse as an absolute URI with a host ("user:pass@host"
 * parses as a scheme "user") gives "(invalid address)", so nothing of it
 * leaks.
 *
 * Returns: (transfer full) (nullable): plain text; %NULL for %NULL
 */
char *
km_outside_text_redact_uri (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *shown = NULL;

  if (uri == NULL)
    return NULL;

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return g_strdup ("(invalid address)");

  shown = g_uri_to_string_partial (parsed, G_URI_HIDE_USERINFO | G_URI_HIDE_QUERY | G_URI_HIDE_FRAGMENT);

  return km_outside_text_plain (shown, -1);
}

static char *
replace_all (const char *text,
             const char *needle,
             const char *replacement)
{
  g_auto(GStrv) parts = g_strsplit (text, needle, -1);

  return g_strjoinv (replacement, parts);
}

/**
 * km_outside_text_hide_credentials:
 * @text: (nullable): a message that may quote @uri, or addresses made from it
 * @uri: (nullable): the address whose user name and password must not show
 *
 * Like km_outside_text_plain(), and @uri itself is replaced by
 * km_outside_text_redact_uri(), and its user information ("user:pass@",
 * as written in @uri) is dropped wherever else it appears, such as in the
 * address of a file resolved against @uri.
 *
 * Returns: (transfer full): valid UTF-8; "" for %NULL
 */
char *
km_outside_text_hide_credentials (const char *text,
                                  const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *redacted = NULL;
  g_autofree char *without_uri = NULL;
  const char *userinfo;

  if (text == NULL)
    return g_strdup ("");
  if (uri == NULL || *uri == '\0')
    return km_outside_text_plain (text, -1);

  redacted = km_outside_text_redact_uri (uri);
  without_uri = replace_all (text, uri, redacted);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);
  userinfo = parsed != NULL ? g_uri_get_userinfo (parsed) : NULL;
  if (userinfo != NULL && *userinfo != '\0')
    {
      g_autofree char *needle = g_strconcat (userinfo, "@", NULL);
      g_autofree char *without_userinfo = replace_all (without_uri, needle, "");

      return km_outside_text_plain (without_userinfo, -1);
    }

  return km_outside_text_plain (without_uri, -1);
}
