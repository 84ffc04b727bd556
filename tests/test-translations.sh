#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The translation checks meson's own targets do not make (po/README.md):
#   test-translations.sh SRCDIR TEMPLATE.pot [POFILTER]
# SRCDIR is the project source root; TEMPLATE.pot is the template the build
# generated from po/POTFILES.in (never the one in the source tree); POFILTER
# is translate-toolkit's pofilter, as meson found it (empty if it did not).
# Output is TAP.
set -u
LC_ALL=C.UTF-8
export LC_ALL

src=$1
pot=$2
pofilter=${3:-}
n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n $1"
}

not_ok () {
  n=$((n + 1))
  failed=1
  echo "not ok $n $1"
  printf '%s\n' "$2" | sed 's/^/# /'
}

linguas=$(sed -e 's/#.*//' "$src/po/LINGUAS" | tr -s ' \t' '\n\n' | grep -v '^$')

# 1. Every catalog passes msgfmt --check (format strings, header, plural
#    forms): meson compiles the .mo files without it.
for lang in $linguas; do
  if out=$(msgfmt --check --check-accelerators=_ -o /dev/null "$src/po/$lang.po" 2>&1); then
    ok "msgfmt --check po/$lang.po"
  else
    not_ok "msgfmt --check po/$lang.po" "$out"
  fi
done

# 2. Plural-Forms as the GNOME teams write them.
for lang in $linguas; do
  case $lang in
    az) want='nplurals=2; plural=(n != 1);' ;;
    id) want='nplurals=1; plural=0;' ;;
    *) want= ;;
  esac
  have=$(sed -n 's/^"Plural-Forms: \(.*\)\\n"$/\1/p' "$src/po/$lang.po")
  if [ -z "$want" ] || [ "$have" = "$want" ]; then
    ok "po/$lang.po Plural-Forms: $have"
  else
    not_ok "po/$lang.po Plural-Forms" "expected “$want”, found “$have”"
  fi
  if grep -q '^"Content-Type: text/plain; charset=UTF-8\\n"$' "$src/po/$lang.po"; then
    ok "po/$lang.po is UTF-8"
  else
    not_ok "po/$lang.po is UTF-8" "the header must say charset=UTF-8"
  fi
done

# 3. Every catalog knows every string of a freshly generated template.
for lang in $linguas; do
  if out=$(msgcmp --use-untranslated "$src/po/$lang.po" "$pot" 2>&1); then
    ok "po/$lang.po is up to date with the template"
  else
    not_ok "po/$lang.po is up to date with the template" \
      "$(printf '%s\n' "$out" | head -n 20)
Run: ninja -C BUILDDIR khojaly-memorial-update-po, translate, see po/README.md"
  fi
done

# 4. 100 % translated, nothing fuzzy, nothing left from old strings that
#    msgmerge kept commented out as obsolete is counted.
for lang in $linguas; do
  stats=$(msgfmt --statistics -o /dev/null "$src/po/$lang.po" 2>&1)
  case $stats in
    *fuzzy*|*untranslated*)
      not_ok "po/$lang.po is fully translated" "$stats
$(msgattrib --only-fuzzy --no-obsolete "$src/po/$lang.po" | grep '^msgid' | head -n 10)
$(msgattrib --untranslated --no-obsolete "$src/po/$lang.po" | grep '^msgid' | head -n 10)" ;;
    *) ok "po/$lang.po is fully translated: $stats" ;;
  esac
done

# 5. POTFILES.in lists every file with translatable strings, and only files
#    that exist.
potfiles=$(sed -e 's/#.*//' -e 's/[ \t]*$//' "$src/po/POTFILES.in" | grep -v '^$')
missing=
for f in $potfiles; do
  [ -f "$src/$f" ] || missing="$missing $f"
done
if [ -z "$missing" ]; then
  ok "every file in POTFILES.in exists"
else
  not_ok "every file in POTFILES.in exists" "missing:$missing"
fi

unlisted=
cd "$src" || exit 1
candidates=$( (
  grep -lE '(^|[^A-Za-z0-9_])(_|C_|N_|NC_|ngettext|g_dngettext) ?\(' src/*.c src/*.h 2>/dev/null
  grep -l 'translatable="' ui/*.ui 2>/dev/null
  ls data/*.desktop.in* data/*.metainfo.xml.in* data/*.gschema.xml 2>/dev/null
  ls resources/content/*.xml 2>/dev/null
) | sort -u)
for f in $candidates; do
  printf '%s\n' "$potfiles" | grep -qxF "$f" || unlisted="$unlisted $f"
done
if [ -z "$unlisted" ]; then
  ok "POTFILES.in lists every file with translatable strings"
else
  not_ok "POTFILES.in lists every file with translatable strings" "add to po/POTFILES.in:$unlisted"
fi

# 6. .ui files mark strings with translatable="yes" only: gettext 0.21's
#    rules ignore "true", "1" and the like, so such strings never reach
#    translators.
bad=$(grep -nE 'translatable="[^"]*"' ui/*.ui | grep -v 'translatable="yes"' | grep -v 'translatable="no"')
if [ -z "$bad" ]; then
  ok "ui files use translatable=\"yes\""
else
  not_ok "ui files use translatable=\"yes\"" "$bad"
fi

# 7. A font on this machine covers Azerbaijani (ə Ə ı İ ğ ş ç ö ü) and
#    Indonesian.
for lang in az id; do
  fonts=$(fc-list ":lang=$lang" family 2>/dev/null | head -n 3 | tr '\n' ';')
  if [ -n "$fonts" ]; then
    ok "a font covers $lang: $fonts"
  else
    not_ok "a font covers $lang" "fc-list :lang=$lang found nothing; install fonts-dejavu-core or fonts-noto-core"
  fi
done
default=$(fc-match -f '%{file}' sans-serif 2>/dev/null)
if [ -n "$default" ] && fc-validate -l az "$default" >/dev/null 2>&1; then
  ok "the default sans-serif font covers az: $default"
else
  not_ok "the default sans-serif font covers az" "$(fc-validate -l az "$default" 2>&1 | head -n 5)"
fi

# 8. The pseudo-language was built next to the real catalogs.
builddir=$(dirname "$pot")
mo="$builddir/en@pseudo/LC_MESSAGES/khojaly-memorial.mo"
if [ -f "$mo" ] && msgunfmt "$mo" | grep -q '⟦'; then
  ok "en@pseudo catalog built: $mo"
else
  not_ok "en@pseudo catalog built" "$mo is missing or not pseudo-translated"
fi

# 9. translate-toolkit's pofilter finds nothing msgfmt misses: placeholders
#    and printf arguments that differ from the msgid, escapes, newlines,
#    markup, and a word typed twice ("di ruang Ruang Apung").
if [ -z "$pofilter" ] || ! [ -x "$pofilter" ]; then
  not_ok "pofilter is installed" "install translate-toolkit (build-aux/km.sh does) and reconfigure"
else
  tmp=$(mktemp -d)
  for lang in $linguas; do
    "$pofilter" --progress=none -t variables -t printf -t escapes -t newlines \
      -t xmltags -t doublewords "$src/po/$lang.po" "$tmp/$lang.po" >"$tmp/$lang.log" 2>&1
    rc=$?
    found=0
    [ -f "$tmp/$lang.po" ] && found=$(grep -c '^# (pofilter)' "$tmp/$lang.po")
    if [ $rc -ne 0 ]; then
      not_ok "pofilter po/$lang.po" "pofilter failed ($rc): $(head -n 5 "$tmp/$lang.log")"
    elif [ "$found" -eq 0 ]; then
      ok "pofilter po/$lang.po: no findings"
    else
      not_ok "pofilter po/$lang.po: $found findings" \
        "$(grep -A 12 '^# (pofilter)' "$tmp/$lang.po" | head -n 60)"
    fi
  done
  rm -rf "$tmp"
fi

echo "1..$n"
exit $failed
