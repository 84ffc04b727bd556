#!/usr/bin/env bash
# Installs the build into a temporary DESTDIR and checks that everything
# the application needs lands where the desktop expects it.
set -euo pipefail

build=$1
prefix=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

echo "TAP version 13"
meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >/dev/null

root="$dest$prefix"
expected=(
  "bin/khojaly-memorial"
  "share/applications/io.github.KhojalyMemorial.Exhibition.desktop"
  "share/metainfo/io.github.KhojalyMemorial.Exhibition.metainfo.xml"
  "share/glib-2.0/schemas/io.github.KhojalyMemorial.Exhibition.gschema.xml"
  "share/icons/hicolor/scalable/apps/io.github.KhojalyMemorial.Exhibition.svg"
  "share/icons/hicolor/symbolic/apps/io.github.KhojalyMemorial.Exhibition-symbolic.svg"
  "share/locale/az/LC_MESSAGES/khojaly-memorial.mo"
  "share/locale/id/LC_MESSAGES/khojaly-memorial.mo"
  "share/man/man1/khojaly-memorial.1"
  "bin/khojaly-memorial-pack"
  "share/man/man1/khojaly-memorial-pack.1"
)

n=0 failed=0
for f in "${expected[@]}"; do
  n=$((n + 1))
  if [ -e "$root/$f" ]; then
    echo "ok $n - $f"
  else
    echo "not ok $n - $f is not installed"
    failed=1
  fi
done

n=$((n + 1))
if "$root/bin/khojaly-memorial" --version | grep -q '^khojaly-memorial '; then
  echo "ok $n - the installed binary runs"
else
  echo "not ok $n - the installed binary does not run"
  failed=1
fi

echo "1..$n"
exit $failed
