#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the en@pseudo catalog from the template with gettext's own tools:
#   make-pseudo.sh TEMPLATE.pot OUT.po OUT.mo pseudo.sed
# The exhibition content is left out: the application reads it from the
# merged XML, not through gettext, so pseudo text would never show there.
set -eu
# msgfilter hands the filter text in the locale charset; the catalogs are UTF-8.
export LC_ALL=C.UTF-8
pot=$1 po=$2 mo=$3 script=$4

msggrep --invert-match --location='resources/content/*' "$pot" \
  | msgen - \
  | msgattrib --clear-fuzzy - \
  | sed -e 's/charset=CHARSET/charset=UTF-8/' \
        -e 's/^"PO-Revision-Date: .*"$/"PO-Revision-Date: 2026-01-01 00:00+0000\\n"/' \
        -e 's/^"Last-Translator: .*"$/"Last-Translator: make-pseudo.sh\\n"/' \
        -e 's/^"Language-Team: .*"$/"Language-Team: none\\n"/' \
        -e 's/^"Language: .*"$/"Language: en@pseudo\\n"/' \
        -e 's/^"Plural-Forms: .*"$/"Plural-Forms: nplurals=2; plural=(n != 1);\\n"/' \
  | msgfilter --keep-header -i - -o "$po" sed -f "$script"

mkdir -p "$(dirname "$mo")"
msgfmt --check -o "$mo" "$po"
