/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "km-outside-text.h"

static void
test_plain_keeps_text (void)
{
  g_autofree char *markup = km_outside_text_plain ("<span foreground='green'>Up to date</span> & <", -1);
  g_autofree char *azeri = km_outside_text_plain ("Xocalı soyqırımı — 1992", -1);
  g_autofree char *none = km_outside_text_plain (NULL, -1);
  g_autofree char *prefix = km_outside_text_plain ("Version 12 ignored", 10);

  /* Plain text, not escaped: escaping is the label's or the encoder's job. */
  g_assert_cmpstr (markup, ==, "<span foreground='green'>Up to date</span> & <");
  g_assert_cmpstr (azeri, ==, "Xocalı soyqırımı — 1992");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (prefix, ==, "Version 12");
}

static void
test_plain_invalid_utf8 (void)
{
  /* A Latin-1 "ə"-less group name, a truncated sequence, an overlong "/". */
  static const char latin1[] = "Xocal\xfd \xe2\x82 \xc0\xaf end";
  static const char with_nul[] = "before\0after";
  g_autofree char *fixed = km_outside_text_plain (latin1, -1);
  g_autofree char *nul = km_outside_text_plain (with_nul, sizeof with_nul - 1);

  g_assert_true (g_utf8_validate (fixed, -1, NULL));
  g_assert_true (g_str_has_prefix (fixed, "Xocal\xef\xbf\xbd "));
  g_assert_true (g_str_has_suffix (fixed, " end"));
  g_assert_null (strstr (fixed, "\xfd"));
  g_assert_cmpstr (nul, ==, "before\xef\xbf\xbd" "after");
}

static void
test_plain_controls (void)
{
  g_autofree char *lines = km_outside_text_plain ("one\ntwo\r\nthree\tfour", -1);
  g_autofree char *escape = km_outside_text_plain ("\x1b[31mred\x1b[0m\x7f", -1);
  g_autofree char *c1 = km_outside_text_plain ("a\xc2\x85" "b\xc2\x9b" "c", -1);
  g_autofree char *bidi = km_outside_text_plain ("file\xe2\x80\xaegpj.exe\xe2\x80\xa8x\xe2\x81\xa6y", -1);

  g_assert_cmpstr (lines, ==, "one two  three four");
  g_assert_cmpstr (escape, ==, " [31mred [0m ");
  g_assert_cmpstr (c1, ==, "a b c");
  g_assert_cmpstr (bidi, ==, "file gpj.exe x y");
}

static void
test_plain_bounded (void)
{
  g_autofree char *ascii = g_strnfill (100000, 'a');
  g_autofree char *exact = g_strnfill (KM_OUTSIDE_TEXT_MAX_CHARS, 'b');
  GString *wide = g_string_new (NULL);
  g_autofree char *cut = km_outside_text_plain (ascii, -1);
  g_autofree char *kept = km_outside_text_plain (exact, -1);
  g_autofree char *cut_wide = NULL;
  g_autofree char *unterminated = NULL;
  char *huge;

  g_assert_cmpuint (g_utf8_strlen (cut, -1), ==, KM_OUTSIDE_TEXT_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (cut, "a…"));
  g_assert_cmpstr (kept, ==, exact);

  /* Cut between characters, never inside one. */
  for (guint i = 0; i < KM_OUTSIDE_TEXT_MAX_CHARS + 10; i++)
    g_string_append (wide, "ə😀");
  cut_wide = km_outside_text_plain (wide->str, wide->len);
  g_assert_true (g_utf8_validate (cut_wide, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (cut_wide, -1), ==, KM_OUTSIDE_TEXT_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (cut_wide, "ə😀…"));
  g_assert_null (strstr (cut_wide, "\xef\xbf\xbd"));
  g_string_free (wide, TRUE);

  /* Only the start is read: no nul needed after a long buffer's head. */
  huge = g_malloc (64 * 1024);
  memset (huge, 'z', 64 * 1024);
  unterminated = km_outside_text_plain (huge, 64 * 1024);
  g_assert_true (g_str_has_suffix (unterminated, "z…"));
  g_free (huge);
}

static void
test_redact_uri (void)
{
  static const struct {
    const char *uri;
    const char *shown;
  } cases[] = {
    { "http://user:pass@host.example:8080/packs/manifest.ini", "http://host.example:8080/packs/manifest.ini" },
    { "https://token@host.example/m.ini", "https://host.example/m.ini" },
    { "https://host.example/m.ini?key=secret#frag", "https://host.example/m.ini" },
    { "https://a%3Ab:c%40d@[::1]:443/x", "https://[::1]:443/x" },
    { "file:///srv/packs/manifest.ini", "file:///srv/packs/manifest.ini" },
    { "http://host.example/a%20b/%3Cspan%3E", "http://host.example/a%20b/%3Cspan%3E" },
    /* No scheme: "user" would be the scheme and the password the path. */
    { "user:secret@host.example/m.ini", "(invalid address)" },
    { "not an address", "(invalid address)" },
    { "http://user:secret@[::1/m.ini", "(invalid address)" },
    { "", "(invalid address)" },
    { "http://user:secret@host\xfd.example/", "(invalid address)" },
  };

  g_assert_null (km_outside_text_redact_uri (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = km_outside_text_redact_uri (cases[i].uri);

      g_test_message ("%s", cases[i].shown);
      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_null (strstr (shown, "secret"));
      g_assert_null (strstr (shown, "pass"));
    }
}

static void
test_redact_uri_bounded (void)
{
  g_autofree char *path = g_strnfill (5000, 'p');
  g_autofree char *uri = g_strconcat ("https://user:secret@host.example/", path, NULL);
  g_autofree char *shown = km_outside_text_redact_uri (uri);

  g_assert_true (g_str_has_prefix (shown, "https://host.example/ppp"));
  g_assert_true (g_str_has_suffix (shown, "p…"));
  g_assert_cmpuint (g_utf8_strlen (shown, -1), ==, KM_OUTSIDE_TEXT_MAX_CHARS + 1);
}

static void
test_hide_credentials (void)
{
  static const char *url = "https://kiosk:pa55@packs.example/m.ini";
  g_autofree char *quoted = km_outside_text_hide_credentials ("“https://kiosk:pa55@packs.example/m.ini” answered 500", url);
  g_autofree char *derived = km_outside_text_hide_credentials ("cannot fetch https://kiosk:pa55@packs.example/img/a.png", url);
  g_autofree char *invalid = km_outside_text_hide_credentials ("“kiosk:pa55@packs.example” is not a valid address",
                                                               "kiosk:pa55@packs.example");
  g_autofree char *none = km_outside_text_hide_credentials ("plain \xfd text", NULL);
  g_autofree char *null = km_outside_text_hide_credentials (NULL, url);

  g_assert_cmpstr (quoted, ==, "“https://packs.example/m.ini” answered 500");
  g_assert_cmpstr (derived, ==, "cannot fetch https://packs.example/img/a.png");
  g_assert_cmpstr (invalid, ==, "“(invalid address)” is not a valid address");
  g_assert_cmpstr (none, ==, "plain \xef\xbf\xbd text");
  g_assert_cmpstr (null, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/km/outside-text/plain-keeps-text", test_plain_keeps_text);
  g_test_add_func ("/km/outside-text/plain-invalid-utf8", test_plain_invalid_utf8);
  g_test_add_func ("/km/outside-text/plain-controls", test_plain_controls);
  g_test_add_func ("/km/outside-text/plain-bounded", test_plain_bounded);
  g_test_add_func ("/km/outside-text/redact-uri", test_redact_uri);
  g_test_add_func ("/km/outside-text/redact-uri-bounded", test_redact_uri_bounded);
  g_test_add_func ("/km/outside-text/hide-credentials", test_hide_credentials);

  return g_test_run ();
}
