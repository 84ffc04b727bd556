/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "km-webvtt"

#include "config.h"

#include <string.h>

#include "km-content-error.h"
#include "km-webvtt.h"

/* A WebVTT reader for caption files (https://www.w3.org/TR/webvtt1/),
 * strict where a curator's mistake would otherwise pass silently: every
 * problem becomes a KmContentError naming the file and line. Cue settings,
 * STYLE and REGION blocks are read past; the application draws captions
 * its own way, large and high-contrast.
 */

/* A cue may end a little after the media: the duration GStreamer reports
 * and the last frame's time differ by up to a frame or an audio packet.
 */
#define DURATION_SLACK_MS 1000

struct _KmWebvtt
{
  gatomicrefcount  ref_count;
  GArray          *cues;   /* KmWebvttCue */
};

typedef struct
{
  const char *display_name;
  GPtrArray  *errors;
  guint       n_errors;
} Reader;

static void G_GNUC_PRINTF (4, 5)
add_error (Reader     *r,
           int         line,
           int         column,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  r->n_errors++;
  if (r->errors == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (r->errors, km_content_error_new (r->display_name, line, column, message));
}

static void
clear_cue (gpointer data)
{
  KmWebvttCue *cue = data;

  g_free (cue->text);
}

static char *
format_precise (gint64 ms)
{
  return g_strdup_printf ("%02" G_GINT64_FORMAT ":%02d:%02d.%03d",
                          ms / 3600000, (int)(ms / 60000 % 60),
                          (int)(ms / 1000 % 60), (int)(ms % 1000));
}

/* [hh:]mm:ss.ttt, hours at least two digits when given. Advances *p. */
static gboolean
parse_timestamp (const char **p,
                 gint64      *out)
{
  const char *s = *p;
  guint64 fields[3];
  guint n_fields = 0;
  guint digits[3];
  int ms = 0;

  for (;;)
    {
      guint64 v = 0;
      guint n = 0;

      while (g_ascii_isdigit (*s))
        {
          if (n < 10)
            v = v * 10 + (guint64)(*s - '0');
          n++;
          s++;
        }
      if (n == 0 || n_fields == 3)
        return FALSE;

      fields[n_fields] = v;
      digits[n_fields] = n;
      n_fields++;

      if (*s == ':')
        {
          s++;
          continue;
        }
      break;
    }

  if (*s != '.' || n_fields < 2)
    return FALSE;
  s++;
  for (int i = 0; i < 3; i++, s++)
    {
      if (!g_ascii_isdigit (*s))
        return FALSE;
      ms = ms * 10 + (*s - '0');
    }
  if (g_ascii_isdigit (*s))
    return FALSE;

  /* minutes and seconds: exactly two digits, below 60 */
  if (digits[n_fields - 1] != 2 || fields[n_fields - 1] > 59 ||
      digits[n_fields - 2] != 2 || fields[n_fields - 2] > 59)
    return FALSE;
  if (n_fields == 3 && (digits[0] < 2 || digits[0] > 6))
    return FALSE;

  *out = (gint64)((n_fields == 3 ? fields[0] : 0) * 3600000 +
                  fields[n_fields - 2] * 60000 + fields[n_fields - 1] * 1000) + ms;
  *p = s;

  return TRUE;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t';
}

/* Plain text from cue text: tags dropped, the common references decoded. */
static void
append_cue_text (GString    *out,
                 const char *line)
{
  static const struct { const char *name; const char *text; } refs[] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&apos;", "'" }, { "&nbsp;", "\xc2\xa0" }, { "&lrm;", "\xe2\x80\x8e" },
    { "&rlm;", "\xe2\x80\x8f" },
  };
  const char *p = line;

  while (*p)
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');

          if (end == NULL)
            break;
          p = end + 1;
          continue;
        }

      if (*p == '&')
        {
          gboolean found = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
            {
              gsize len = strlen (refs[i].name);

              if (strncmp (p, refs[i].name, len) == 0)
                {
                  g_string_append (out, refs[i].text);
                  p += len;
                  found = TRUE;
                  break;
                }
            }
          if (found)
            continue;
        }

      g_string_append_c (out, *p++);
    }
}

static gboolean
is_block_keyword (const char *line,
                  const char *word)
{
  gsize len = strlen (word);

  return strncmp (line, word, len) == 0 && (line[len] == '\0' || is_space (line[len]));
}

static char **
split_lines (const char *text)
{
  GPtrArray *lines = g_ptr_array_new ();
  const char *p = text;

  for (;;)
    {
      const char *end = p;

      while (*end && *end != '\n' && *end != '\r')
        end++;

      g_ptr_array_add (lines, g_strndup (p, end - p));

      if (*end == '\0')
        break;
      if (end[0] == '\r' && end[1] == '\n')
        end++;
      p = end + 1;
    }

  g_ptr_array_add (lines, NULL);

  return (char **)g_ptr_array_free (lines, FALSE);
}

/**
 * km_webvtt_parse:
 * @bytes: the file
 * @display_name: the name errors give the file, e.g. "captions/talk.az.vtt"
 * @duration_ms: the media's duration, or -1 when unknown
 * @errors: (nullable) (element-type KmContentError): where problems go
 *
 * Returns: (transfer full) (nullable): the captions, or %NULL when the
 *   file has any problem
 */
KmWebvtt *
km_webvtt_parse (GBytes     *bytes,
                 const char *display_name,
                 gint64      duration_ms,
                 GPtrArray  *errors)
{
  g_autoptr(KmWebvtt) self = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  Reader r = { display_name, errors, 0 };
  const char *data;
  const char *invalid;
  gint64 previous_start = 0;
  gsize len;
  guint i;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = "";

  if (!g_utf8_validate_len (data, len, &invalid) || memchr (data, '\0', len) != NULL)
    {
      int line = 1;

      if (memchr (data, '\0', len) != NULL && (invalid == NULL || (const char *)memchr (data, '\0', len) < invalid))
        invalid = memchr (data, '\0', len);
      for (const char *p = data; p < invalid; p++)
        if (*p == '\n')
          line++;

      add_error (&r, line, 0, "not valid UTF-8: caption files must be encoded in UTF-8");
      return NULL;
    }

  text = g_strndup (data, len);
  /* A byte order mark may start the file. */
  lines = split_lines (g_str_has_prefix (text, "\xef\xbb\xbf") ? text + 3 : text);

  if (!(g_str_has_prefix (lines[0], "WEBVTT") &&
        (lines[0][6] == '\0' || is_space (lines[0][6]))))
    {
      add_error (&r, 1, 1, "a WebVTT file starts with the line “WEBVTT”");
      return NULL;
    }

  self = g_new0 (KmWebvtt, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->cues = g_array_new (FALSE, TRUE, sizeof (KmWebvttCue));
  g_array_set_clear_func (self->cues, clear_cue);

  /* the header runs to the first blank line */
  for (i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    ;

  while (lines[i] != NULL)
    {
      const char *timing;
      const char *p;
      KmWebvttCue cue = { 0 };
      g_autoptr(GString) cue_text = NULL;

      if (lines[i][0] == '\0')
        {
          i++;
          continue;
        }

      if (is_block_keyword (lines[i], "NOTE") || is_block_keyword (lines[i], "STYLE") ||
          is_block_keyword (lines[i], "REGION"))
        {
          while (lines[i] != NULL && lines[i][0] != '\0')
            i++;
          continue;
        }

      /* an optional cue identifier, then the timing line */
      if (strstr (lines[i], "-->") == NULL && lines[i + 1] != NULL &&
          strstr (lines[i + 1], "-->") != NULL)
        i++;

      timing = lines[i];
      if (strstr (timing, "-->") == NULL)
        {
          add_error (&r, (int)i + 1, 1,
                     "expected a cue timing line like “00:00:01.000 --> 00:00:04.000”, not “%s”",
                     timing);
          while (lines[i] != NULL && lines[i][0] != '\0')
            i++;
          continue;
        }

      p = timing;
      while (is_space (*p))
        p++;
      if (!parse_timestamp (&p, &cue.start_ms))
        {
          add_error (&r, (int)i + 1, (int)g_utf8_pointer_to_offset (timing, p) + 1,
                     "bad start time: write hours:minutes:seconds.milliseconds, like 00:01:02.500");
          goto skip;
        }
      while (is_space (*p))
        p++;
      if (!g_str_has_prefix (p, "-->"))
        {
          add_error (&r, (int)i + 1, (int)g_utf8_pointer_to_offset (timing, p) + 1,
                     "expected “-->” between the start and end times");
          goto skip;
        }
      p += 3;
      while (is_space (*p))
        p++;
      {
        const char *end_at = p;

        if (!parse_timestamp (&p, &cue.end_ms) || !(*p == '\0' || is_space (*p)))
          {
            add_error (&r, (int)i + 1, (int)g_utf8_pointer_to_offset (timing, end_at) + 1,
                       "bad end time: write hours:minutes:seconds.milliseconds, like 00:01:04.000");
            goto skip;
          }
      }

      if (cue.end_ms <= cue.start_ms)
        {
          g_autofree char *s = format_precise (cue.start_ms);
          g_autofree char *e = format_precise (cue.end_ms);

          add_error (&r, (int)i + 1, 1, "the cue ends (%s) before it starts (%s)", e, s);
        }
      else if (cue.start_ms < previous_start)
        {
          add_error (&r, (int)i + 1, 1,
                     "the cue starts before the one above it: cues go in order of their start time");
        }
      else if (duration_ms >= 0 && cue.end_ms > duration_ms + DURATION_SLACK_MS)
        {
          g_autofree char *e = format_precise (cue.end_ms);
          g_autofree char *d = format_precise (duration_ms);

          add_error (&r, (int)i + 1, 1, "the cue ends at %s, after the end of the media (%s)", e, d);
        }
      previous_start = MAX (previous_start, cue.start_ms);

      cue.line = (int)i + 1;
      cue_text = g_string_new (NULL);
      for (i++; lines[i] != NULL && lines[i][0] != '\0'; i++)
        {
          if (cue_text->len > 0)
            g_string_append_c (cue_text, '\n');
          append_cue_text (cue_text, lines[i]);
        }
      cue.text = g_strstrip (g_string_free (g_steal_pointer (&cue_text), FALSE));
      g_array_append_val (self->cues, cue);
      continue;

    skip:
      while (lines[i] != NULL && lines[i][0] != '\0')
        i++;
    }

  if (r.n_errors > 0)
    return NULL;

  return g_steal_pointer (&self);
}

KmWebvtt *
km_webvtt_ref (KmWebvtt *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
km_webvtt_unref (KmWebvtt *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->cues);
      g_free (self);
    }
}

guint
km_webvtt_get_n_cues (KmWebvtt *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->cues->len;
}

const KmWebvttCue *
km_webvtt_get_cue (KmWebvtt *self,
                   guint     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->cues->len, NULL);

  return &g_array_index (self->cues, KmWebvttCue, index);
}

/**
 * km_webvtt_find_cue:
 * @self: captions
 * @time_ms: a position in the media
 *
 * Returns: the index of the cue shown at @time_ms (the latest to start,
 *   when cues overlap), or -1 when none is
 */
int
km_webvtt_find_cue (KmWebvtt *self,
                    gint64    time_ms)
{
  int found = -1;

  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->cues->len; i++)
    {
      const KmWebvttCue *cue = &g_array_index (self->cues, KmWebvttCue, i);

      if (cue->start_ms > time_ms)
        break;
      if (time_ms < cue->end_ms)
        found = (int)i;
    }

  return found;
}

/**
 * km_webvtt_format_time:
 * @time_ms: a time
 *
 * Returns: (transfer full): @time_ms as a player shows it: “1:05”, or
 *   “1:01:05” from an hour on
 */
char *
km_webvtt_format_time (gint64 time_ms)
{
  gint64 s = MAX (time_ms, 0) / 1000;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int)(s / 60 % 60), (int)(s % 60));

  return g_strdup_printf ("%d:%02d", (int)(s / 60), (int)(s % 60));
}
