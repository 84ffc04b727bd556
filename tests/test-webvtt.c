/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "km-content-error.h"
#include "km-webvtt.h"

static KmWebvtt *
parse (const char *text,
       gint64      duration_ms,
       GPtrArray  *errors)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return km_webvtt_parse (bytes, "captions/talk.vtt", duration_ms, errors);
}

/* Parses @text, expecting exactly one problem at @line with @message in it. */
static void
assert_one_error (const char *text,
                  gint64      duration_ms,
                  int         line,
                  const char *message)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify)km_content_error_free);
  g_autoptr(KmWebvtt) vtt = parse (text, duration_ms, errors);
  KmContentError *error;

  g_assert_null (vtt);
  g_assert_cmpuint (errors->len, ==, 1);
  error = g_ptr_array_index (errors, 0);
  g_assert_cmpstr (error->file, ==, "captions/talk.vtt");
  g_assert_cmpint (error->line, ==, line);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);
}

static void
test_cues (void)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify)km_content_error_free);
  g_autoptr(KmWebvtt) vtt = NULL;
  const KmWebvttCue *cue;

  vtt = parse ("\xef\xbb\xbfWEBVTT - a test\r\n"
               "Kind: captions\r\n"
               "\r\n"
               "NOTE written for the tests\r\n"
               "over two lines\r\n"
               "\r\n"
               "intro\r\n"
               "00:00.500 --> 00:02.000 line:90%\r\n"
               "<v Narrator>A tone</v> &amp; a <i>pattern</i>\r\n"
               "second line\r\n"
               "\r\n"
               "01:00:01.250 --> 01:00:03.000\r\n"
               "Late &lt;cue&gt;\r\n",
               4 * 3600 * 1000, errors);

  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_nonnull (vtt);
  g_assert_cmpuint (km_webvtt_get_n_cues (vtt), ==, 2);

  cue = km_webvtt_get_cue (vtt, 0);
  g_assert_cmpint (cue->start_ms, ==, 500);
  g_assert_cmpint (cue->end_ms, ==, 2000);
  g_assert_cmpint (cue->line, ==, 8);
  /* tags gone, references decoded: nothing is markup */
  g_assert_cmpstr (cue->text, ==, "A tone & a pattern\nsecond line");

  cue = km_webvtt_get_cue (vtt, 1);
  g_assert_cmpint (cue->start_ms, ==, 3601250);
  g_assert_cmpint (cue->end_ms, ==, 3603000);
  g_assert_cmpstr (cue->text, ==, "Late <cue>");
}

static void
test_find_cue (void)
{
  g_autoptr(KmWebvtt) vtt = parse ("WEBVTT\n\n"
                                   "00:01.000 --> 00:02.000\none\n\n"
                                   "00:02.000 --> 00:04.000\ntwo\n\n"
                                   "00:03.000 --> 00:03.500\nthree\n",
                                   -1, NULL);

  g_assert_nonnull (vtt);
  g_assert_cmpint (km_webvtt_find_cue (vtt, 0), ==, -1);
  g_assert_cmpint (km_webvtt_find_cue (vtt, 1000), ==, 0);
  g_assert_cmpint (km_webvtt_find_cue (vtt, 1999), ==, 0);
  g_assert_cmpint (km_webvtt_find_cue (vtt, 2000), ==, 1);
  g_assert_cmpint (km_webvtt_find_cue (vtt, 3200), ==, 2);
  g_assert_cmpint (km_webvtt_find_cue (vtt, 3600), ==, 1);
  g_assert_cmpint (km_webvtt_find_cue (vtt, 4000), ==, -1);
}

static void
test_format_time (void)
{
  g_autofree char *a = km_webvtt_format_time (0);
  g_autofree char *b = km_webvtt_format_time (65999);
  g_autofree char *c = km_webvtt_format_time (3665000);

  g_assert_cmpstr (a, ==, "0:00");
  g_assert_cmpstr (b, ==, "1:05");
  g_assert_cmpstr (c, ==, "1:01:05");
}

static void
test_errors (void)
{
  assert_one_error ("WEBVT\n\n00:01.000 --> 00:02.000\nx\n", -1, 1, "starts with the line “WEBVTT”");
  assert_one_error ("WEBVTT\n\n00:01.000 --> 00:02.000\nx\n\n00:1.000 --> 00:03.000\ny\n",
                    -1, 6, "bad start time");
  assert_one_error ("WEBVTT\n\nid\n00:01.000 --> 00:62.000\nx\n", -1, 4, "bad end time");
  assert_one_error ("WEBVTT\n\n00:01.000 -> 00:02.000\nx\n", -1, 3, "expected a cue timing line");
  assert_one_error ("WEBVTT\n\n\n00:05.000 --> 00:04.000\nx\n", -1, 4,
                    "the cue ends (00:00:04.000) before it starts (00:00:05.000)");
  assert_one_error ("WEBVTT\n\n00:05.000 --> 00:06.000\nx\n\n00:04.000 --> 00:05.000\ny\n",
                    -1, 6, "starts before the one above it");
  assert_one_error ("WEBVTT\n\n00:01.000 --> 00:02.000\nx\n\n00:03.000 --> 00:09.000\ny\n",
                    5000, 6, "the cue ends at 00:00:09.000, after the end of the media (00:00:05.000)");
  assert_one_error ("WEBVTT\n\n00:01.000 --> 00:02.000\nXocal\xfd\n", -1, 4, "not valid UTF-8");
}

static void
test_duration_slack (void)
{
  /* Within a second of the end: the reported duration is not exact. */
  g_autoptr(KmWebvtt) vtt = parse ("WEBVTT\n\n00:01.000 --> 00:05.900\nx\n", 5000, NULL);

  g_assert_nonnull (vtt);
  g_assert_cmpuint (km_webvtt_get_n_cues (vtt), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/km/webvtt/cues", test_cues);
  g_test_add_func ("/km/webvtt/find-cue", test_find_cue);
  g_test_add_func ("/km/webvtt/format-time", test_format_time);
  g_test_add_func ("/km/webvtt/errors", test_errors);
  g_test_add_func ("/km/webvtt/duration-slack", test_duration_slack);

  return g_test_run ();
}
